// `fleet whatif`: see include/trustready/fleet/whatif.h.
//
// The work is per distinct stored chain (kAt: chain and name), never per
// endpoint: a fleet behind a few CAs has few chains. kNewChain and kProfile
// judge with one PlanEvaluator (one VerifyChain per chain over the union of
// the snapshots' anchors, plan.h); kAt judges with check's own CheckTarget
// against each snapshot's store, as `check --store SNAPSHOT` does.
#include "trustready/fleet/whatif.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "fleet/result_db.h"
#include "trustready/check/check.h"
#include "trustready/plan/plan.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"
#include "trustready/x509/pem.h"
#include "trustready/verify/signature.h"

namespace trustready::fleet {

std::string_view WhatifModeName(WhatifMode m) {
  switch (m) {
    case WhatifMode::kNewChain: return "new-chain";
    case WhatifMode::kProfile: return "profile";
    case WhatifMode::kAt: return "at";
  }
  return "?";
}

std::string_view WhatifReport::Verdict() const {
  if (!breaking.empty()) return "breaks";
  if (!not_judged.empty() || judged == 0) return "unknown";
  return "no_breaks";
}

namespace {

// As plan's aia pool: every certificate once, first occurrence first.
std::vector<CertificatePtr> Dedup(const std::vector<CertificatePtr>& in) {
  std::vector<CertificatePtr> out;
  std::unordered_set<std::string> seen;
  for (const auto& c : in) {
    if (seen.insert(c->Sha256Hex()).second) out.push_back(c);
  }
  return out;
}

// The stores `check --store SPEC` judges against, described as check
// describes them (platform behaviour included).
Result<std::vector<CheckedStore>> SnapshotStores(const std::string& spec) {
  auto stores = OpenPlatformStores(spec);
  if (!stores.ok()) return WithContext(stores.error(), "--platforms " + spec);
  std::vector<CheckedStore> out;
  for (TrustStore& t : *stores) out.push_back(DescribeStore(std::move(t), nullptr));
  return out;
}

// Why a store is not ready for a profile, in one line: the first failing
// required hierarchy and its most specific error.
std::string NotReadyReason(const StoreReadiness& r) {
  for (const HierarchyCheck& h : r.hierarchies) {
    if (h.valid || h.hierarchy == nullptr || !h.hierarchy->required) continue;
    return h.hierarchy->id + ": " + std::string(VerifyErrorCodeName(h.error.code));
  }
  if (!r.remediation.blockers.empty()) return r.remediation.blockers.front();
  return "not ready";
}

}  // namespace

Result<WhatifOptions> WhatifOptionsFor(const WhatifQuestion& q) {
  auto ask = [](const std::string& what) { return MakeError(ErrorKind::kInvalidArgument, "fleet whatif: " + what); };
  if (!q.new_chain.empty() && !q.profile.empty()) return ask("give --new-chain or --profile, not both");
  if (q.new_chain.empty() && q.profile.empty() && q.at.empty()) {
    return ask("ask one question: --new-chain X.pem, --profile P, or --at DATE");
  }
  if (!q.candidates.empty() && q.new_chain.empty()) return ask("--candidates goes with --new-chain");
  WhatifOptions o;
  o.db_path = q.db_path;
  o.scan = q.scan;
  o.platforms = q.platforms;
  if (!q.at.empty()) {
    auto at = ParseRfc3339(q.at);
    if (!at.ok()) return NamedBy(at.error(), "--at " + q.at);
    o.at = *at;
  }
  if (!q.new_chain.empty()) {
    o.mode = WhatifMode::kNewChain;
    auto chain = LoadCertificatesFromFile(q.new_chain);
    if (!chain.ok()) return NamedBy(chain.error(), "--new-chain " + q.new_chain);
    if (chain->empty()) return MakeError(ErrorKind::kNotCertificate, "--new-chain " + q.new_chain + ": no certificate");
    o.new_chain = std::move(chain).value();
    for (const std::string& f : q.candidates) {
      auto c = LoadCertificatesFromFile(f);
      if (!c.ok()) return NamedBy(c.error(), "--candidates " + f);
      o.candidates.insert(o.candidates.end(), c->begin(), c->end());
    }
  } else if (!q.profile.empty()) {
    o.mode = WhatifMode::kProfile;
    auto profile = LoadProfile(q.profile);
    if (!profile.ok()) return NamedBy(profile.error(), "--profile " + q.profile);
    o.profile = std::move(profile).value();
  } else {
    o.mode = WhatifMode::kAt;
  }
  return o;
}

Result<WhatifReport> Whatif(const WhatifOptions& options) {
  WhatifReport report;
  report.mode = options.mode;
  report.platforms = options.platforms;
  if (options.mode == WhatifMode::kNewChain && options.new_chain.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "--new-chain: no certificate");
  }
  if (options.mode == WhatifMode::kProfile && !options.profile) {
    return MakeError(ErrorKind::kInvalidArgument, "--profile: no profile");
  }
  if (options.mode == WhatifMode::kAt && options.at == 0) {
    return MakeError(ErrorKind::kInvalidArgument, "--at: a date is required");
  }

  auto dbr = OpenFleetDb(options.db_path);
  if (!dbr.ok()) return dbr.error();
  FleetDb& db = **dbr;
  auto scans = ResolveScans(db, options.scan, &report.run_id);
  if (!scans.ok()) return scans.error();
  {
    auto st = db.Prepare("SELECT judged_at FROM run WHERE run_id = ?1");
    if (!st.ok()) return st.error();
    st->Bind(1, report.run_id);
    if (!st->Step()) return MakeError(ErrorKind::kFormat, db.path() + ": run " + report.run_id + " has no run row");
    report.run_judged_at = st->Int(0);
  }
  report.at = options.at != 0 ? options.at : Now();

  // The endpoints: every observation of the run; those with a stored chain
  // are judged, the others listed.
  std::vector<WhatifEndpoint> endpoints;
  Status read = ReadObservations(db, *scans, [&](const ObservationRecord& r) {
    ++report.endpoints;
    if (r.status != "ok" || r.chain_id.empty()) {
      report.not_judged.push_back({r.target_key, r.target, r.seq, r.status, r.error});
      return;
    }
    WhatifEndpoint e;
    e.target_key = r.target_key;
    e.target = r.target;
    e.seq = r.seq;
    e.labels = r.labels;
    e.chain_id = r.chain_id;
    e.name = r.name;
    e.chain = r.chain;
    endpoints.push_back(std::move(e));
  });
  if (!read.ok()) return read.error();
  report.judged = endpoints.size();

  std::unordered_map<std::string, std::vector<CertificatePtr>> chains;
  for (const auto& e : endpoints) {
    if (chains.count(e.chain_id)) continue;
    auto c = LoadChainCertificates(db, e.chain_id);
    if (!c.ok()) return c.error();
    chains.emplace(e.chain_id, std::move(*c));
  }

  // Per judged key: the snapshots trusting it today (by index into
  // report.snapshots) and the breaks.
  struct Outcome {
    bool trusted_by_any = false;
    std::vector<WhatifBreak> breaks;
  };
  std::unordered_map<std::string, Outcome> outcomes;  // chain_id, or chain_id|name (kAt)

  if (options.mode == WhatifMode::kNewChain || options.mode == WhatifMode::kProfile) {
    PlanOptions po;
    po.at = report.at;
    po.platforms = options.platforms;
    auto ev = PlanEvaluator::Create(po);
    if (!ev.ok()) return WithContext(ev.error(), "--platforms " + options.platforms);
    PlanEvaluator& e = **ev;
    for (const auto* s : e.snapshots()) report.snapshots.push_back(s->name);
    // kProfile: readiness of each snapshot, as `check --profile P --store S`.
    std::unordered_map<std::string, std::string> not_ready;  // snapshot -> reason
    if (options.mode == WhatifMode::kProfile) {
      report.profile = options.profile->name;
      auto stores = SnapshotStores(options.platforms);
      if (!stores.ok()) return stores.error();
      SignatureCache cache;
      CheckOptions co;
      co.time = report.at;
      co.cache = &cache;
      for (const CheckedStore& cs : *stores) {
        StoreReadiness r = CheckStoreReadiness(*options.profile, cs, co);
        if (r.state != StoreState::kReady) {
          not_ready[cs.store.name()] = NotReadyReason(r);
          report.not_ready.push_back(cs.store.name());
        }
      }
    } else {
      for (const auto& c : options.new_chain) report.new_chain.push_back(c->Sha256Hex());
      report.new_chain_leaf = options.new_chain.front()->DisplayName();
    }
    std::vector<std::string> order;
    for (const auto& [id, _] : chains) order.push_back(id);
    std::sort(order.begin(), order.end());  // deterministic signature-cache order
    for (const std::string& id : order) {
      const auto& cur = chains.at(id);
      Outcome out;
      if (options.mode == WhatifMode::kNewChain) {
        // Exactly Plan(CUR, X, candidates): the same pool for both chains.
        std::vector<CertificatePtr> everything = cur;
        everything.insert(everything.end(), options.new_chain.begin(), options.new_chain.end());
        everything.insert(everything.end(), options.candidates.begin(), options.candidates.end());
        const auto pool = Dedup(everything);
        ChainEvaluation old_ev = e.Evaluate(cur, pool);
        ChainEvaluation new_ev = e.Evaluate(options.new_chain, pool);
        for (size_t i = 0; i < old_ev.cells.size(); ++i) {
          out.trusted_by_any |= old_ev.cells[i].trusted;
          if (old_ev.cells[i].trusted && !new_ev.cells[i].trusted) {
            const PlatformSnapshot* s = old_ev.cells[i].snapshot;
            out.breaks.push_back({s->name, s->platform, s->version, new_ev.cells[i].detail});
          }
        }
      } else {
        const auto pool = Dedup(cur);
        ChainEvaluation old_ev = e.Evaluate(cur, pool);
        for (size_t i = 0; i < old_ev.cells.size(); ++i) {
          out.trusted_by_any |= old_ev.cells[i].trusted;
          const PlatformSnapshot* s = old_ev.cells[i].snapshot;
          auto nr = not_ready.find(s->name);
          if (old_ev.cells[i].trusted && nr != not_ready.end()) {
            out.breaks.push_back({s->name, s->platform, s->version, nr->second});
          }
        }
      }
      outcomes.emplace(id, std::move(out));
    }
  } else {
    // kAt: check's judging at the run's time and at DATE.
    auto stores = SnapshotStores(options.platforms);
    if (!stores.ok()) return stores.error();
    for (const CheckedStore& cs : *stores) report.snapshots.push_back(cs.store.name());
    MigrationProfile none;  // serves_profile is not asked here
    SignatureCache cache;
    TargetCheckOptions to;
    to.fetch_aia = false;
    to.check.cache = &cache;
    std::set<std::pair<std::string, std::string>> keys;
    for (const auto& ep : endpoints) keys.insert({ep.chain_id, ep.name});
    for (const auto& [id, name] : keys) {
      TargetInput in;
      in.target = id;
      in.chain = chains.at(id);
      to.host = name;
      to.check.time = report.run_judged_at;
      TargetCheck then = CheckTarget(in, none, *stores, to);
      to.check.time = report.at;
      TargetCheck later = CheckTarget(in, none, *stores, to);
      if (then.status == TargetStatus::kError || later.status == TargetStatus::kError ||
          then.stores.size() != stores->size() || later.stores.size() != stores->size()) {
        return MakeError(ErrorKind::kBadValue, "chain " + id + ": " + (then.error.empty() ? later.error : then.error));
      }
      Outcome out;
      for (size_t i = 0; i < stores->size(); ++i) {
        out.trusted_by_any |= then.stores[i].trusted;
        if (then.stores[i].trusted && !later.stores[i].trusted) {
          const PlatformSnapshot* s = nullptr;
          if (auto data = LoadPlatformData(); data.ok()) s = (*data)->Find(then.stores[i].store);
          const VerifyError& err = later.stores[i].result.most_specific;
          out.breaks.push_back({then.stores[i].store, s ? s->platform : "", s ? s->version : "",
                                std::string(VerifyErrorCodeName(err.code))});
        }
      }
      outcomes.emplace(id + "|" + name, std::move(out));
    }
  }
  report.chains = outcomes.size();

  for (auto& ep : endpoints) {
    const std::string key = options.mode == WhatifMode::kAt ? ep.chain_id + "|" + ep.name : ep.chain_id;
    const Outcome& o = outcomes.at(key);
    if (!o.trusted_by_any) ++report.already_broken;
    if (o.breaks.empty()) continue;
    ep.breaks = o.breaks;
    report.breaking.push_back(std::move(ep));
  }
  // ReadObservations orders by target key and seq already; keep it explicit.
  std::stable_sort(report.breaking.begin(), report.breaking.end(), [](const WhatifEndpoint& a, const WhatifEndpoint& b) {
    return std::tie(a.target_key, a.seq) < std::tie(b.target_key, b.seq);
  });
  return report;
}

}  // namespace trustready::fleet
