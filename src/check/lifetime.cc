// TLS leaf lifetimes against CA/B Forum BR 6.3.2 (ballot SC-081v3) and the
// root-program facts of the shipped snapshots. See
// include/trustready/check/lifetime.h for the sources.
#include "trustready/check/lifetime.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace trustready {
namespace {

constexpr UnixTime k2020_09_01 = 1598918400;  // Chrome Root Program / Apple HT211025: 398 days
constexpr UnixTime k2026_03_15 = 1773532800;  // SC-081v3 step 1: 200 days
constexpr UnixTime k2027_03_15 = 1805068800;  // SC-081v3 step 2: 100 days
constexpr UnixTime k2029_03_15 = 1868227200;  // SC-081v3 step 3: 47 days (DCV reuse 10)

std::string Day(UnixTime t) { return FormatDate(t); }

}  // namespace

const std::vector<LifetimeRule>& TlsLifetimeSchedule() {
  // BR 6.3.2 / 4.2.1 as amended by SC-081v3. The first row is the limit
  // before the ballot's first step (398 days since 2020-09-01, Ballot
  // SC-31 / root program policies); older limits (825 days, 39 months) no
  // longer matter for a certificate that is still valid.
  static const std::vector<LifetimeRule> k = {
      {0, 398, 398},
      {k2026_03_15, 200, 200},
      {k2027_03_15, 100, 100},
      {k2029_03_15, 47, 10},
  };
  return k;
}

const LifetimeRule& LifetimeRuleAt(UnixTime issued) {
  const auto& s = TlsLifetimeSchedule();
  const LifetimeRule* r = &s.front();
  for (const LifetimeRule& x : s) {
    if (issued >= x.from) r = &x;
  }
  return *r;
}

int64_t ValidityPeriodSeconds(const Certificate& cert) { return cert->not_after - cert->not_before + 1; }

int64_t ValidityPeriodDays(int64_t seconds) {
  if (seconds <= 0) return 0;
  return (seconds + kBrDaySeconds - 1) / kBrDaySeconds;
}

std::string ClientLifetimeRejection(const std::string& platform, const Certificate& leaf) {
  // Both clients measure notAfter - notBefore without the inclusive second
  // (Chromium: `validity_duration > base::Days(398)`).
  const int64_t duration = leaf->not_after - leaf->not_before;
  if (platform == "chrome") {
    const int limit = LifetimeRuleAt(leaf->not_before).max_days;
    if (leaf->not_after < leaf->not_before || duration > int64_t{limit} * kBrDaySeconds) {
      return "Chrome rejects a leaf valid for more than " + std::to_string(limit) + " days when issued on " +
             Day(leaf->not_before) + " (ERR_CERT_VALIDITY_TOO_LONG, chains to publicly trusted roots)";
    }
  } else if (platform == "apple") {
    if (leaf->not_before >= k2020_09_01 && duration > 398 * kBrDaySeconds) {
      return "Apple platforms reject a TLS leaf issued on or after 2020-09-01 valid for more than 398 days "
             "(support.apple.com/HT211025)";
    }
  }
  return "";
}

LeafLifetime AssessLeafLifetime(const Certificate& leaf, const std::vector<CertificatePtr>& roots,
                                const PlatformData* platforms) {
  LeafLifetime out;
  out.not_before = leaf->not_before;
  out.not_after = leaf->not_after;
  out.seconds = ValidityPeriodSeconds(leaf);
  out.days = ValidityPeriodDays(out.seconds);
  out.at_issuance = LifetimeRuleAt(leaf->not_before);
  out.within_limit = out.days <= out.at_issuance.max_days;
  out.renewal_due = leaf->not_after;
  out.at_renewal = LifetimeRuleAt(out.renewal_due);
  out.renewal_expires = out.renewal_due + int64_t{out.at_renewal.max_days} * kBrDaySeconds - 1;

  std::set<std::string> seen;
  for (const CertificatePtr& root : roots) {
    if (!root || !seen.insert(root->Sha256Hex()).second) continue;
    const std::string name = root->DisplayName();
    const std::string hex = root->Sha256Hex();
    if (root->parsed().not_after < out.renewal_expires) {
      RootLifecycleWarning w{"root_expires", "", name, hex, root->parsed().not_after, ""};
      w.text = name + " expires on " + Day(w.date) + (w.date <= out.renewal_due
                                                           ? ", before this leaf's renewal is due (" + Day(out.renewal_due) + ")"
                                                           : ", before a renewed leaf (issued by " + Day(out.renewal_due) +
                                                                 ", up to " + std::to_string(out.at_renewal.max_days) +
                                                                 " days) would expire");
      out.root_warnings.push_back(std::move(w));
    }
    if (platforms == nullptr) continue;
    const auto index = platforms->IndexOf(root->sha256());
    if (!index) continue;
    // Per platform: snapshots are ordered by platform, then date.
    std::map<std::string, std::vector<const PlatformSnapshot*>> by_platform;
    for (const PlatformSnapshot& s : platforms->snapshots) by_platform[s.platform].push_back(&s);
    for (const auto& entry : by_platform) {
      // Not a structured binding: the lambdas below capture these, which
      // clang (the sanitizer build) refuses for bindings before C++20's P1091.
      const std::string& platform = entry.first;
      const auto& snaps = entry.second;
      auto trusts = [&](const PlatformSnapshot* s) {
        return std::find(s->trusted.begin(), s->trusted.end(), *index) != s->trusted.end();
      };
      // Removed: some snapshot trusted it and the newest does not; dated by
      // the first snapshot after the last one that trusted it.
      const PlatformSnapshot* newest = snaps.back();
      if (!trusts(newest)) {
        for (size_t i = snaps.size(); i-- > 0;) {
          if (!trusts(snaps[i])) continue;
          if (i + 1 < snaps.size()) {
            const PlatformSnapshot* gone = snaps[i + 1];
            auto when = ParseRfc3339(gone->date + "T00:00:00Z");
            RootLifecycleWarning w{"removed", platform, name, hex, when.ok() ? *when : 0, ""};
            w.text = name + " is no longer trusted by " + platform + " (last in " + snaps[i]->name + ", gone in " +
                     gone->name + " of " + gone->date + "): renew under another root";
            out.root_warnings.push_back(std::move(w));
          }
          break;
        }
        continue;
      }
      auto add_distrust = [&](const std::vector<std::pair<uint32_t, UnixTime>>& list, const char* kind,
                              const char* what) {
        for (const auto& [i, t] : list) {
          if (i != *index || t >= out.renewal_due) continue;
          RootLifecycleWarning w{kind, platform, name, hex, t, ""};
          w.text = std::string(newest->name) + " distrusts leaves under " + name + " with " + what + " after " +
                   Day(t) + ": the renewal due by " + Day(out.renewal_due) + " will not be trusted there";
          out.root_warnings.push_back(std::move(w));
        }
      };
      add_distrust(newest->distrust_after, "distrust_after", "a notBefore");
      // SCT cut-offs: the behaviours' rules and the store's own per-anchor
      // constraints (Chrome's sct_not_after), each date once.
      std::vector<std::pair<uint32_t, UnixTime>> sct = newest->sct_distrust_after;
      for (const AnchorConstraints& c : newest->constraints) {
        if (c.root != *index) continue;
        const auto t = EffectiveSctNotAfter(c.sets);
        if (t && *t != std::numeric_limits<UnixTime>::max()) sct.emplace_back(c.root, *t);
      }
      std::sort(sct.begin(), sct.end());
      sct.erase(std::unique(sct.begin(), sct.end()), sct.end());
      add_distrust(sct, "sct_distrust_after", "SCTs");
    }
  }
  return out;
}

}  // namespace trustready
