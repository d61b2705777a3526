// JSON and text forms of `check`. See include/trustready/report/check_report.h.
#include "trustready/report/check_report.h"

#include <sstream>

#include "trustready/report/verify_report.h"
#include "report/render.h"

namespace trustready {
namespace {

using nlohmann::json;
using report_internal::ErrorFieldsToJson;

json Nullable(const std::optional<bool>& v) { return v.has_value() ? json(*v) : json(nullptr); }

json CertBrief(const Certificate& c) {
  return {{"name", c.DisplayName()},
          {"sha256", c.Sha256Hex()},
          {"not_after", FormatRfc3339(c->not_after)}};
}

}  // namespace

std::string_view AnchorPresenceName(AnchorPresence p) {
  switch (p) {
    case AnchorPresence::kExact: return "exact";
    case AnchorPresence::kSameKey: return "same-key";
    case AnchorPresence::kAbsent: break;
  }
  return "absent";
}

json UsedByJson(const StoreReadiness& r) {
  json used = json::array();
  for (const ClientUse& u : r.used_by) {
    used.push_back({{"client", u.client}, {"because", u.because}, {"instance", u.instance}});
  }
  return used;
}

json StoreReadinessToJsonInner(const StoreReadiness& r);

json StoreReadinessToJson(const StoreReadiness& r) {
  json j = StoreReadinessToJsonInner(r);
  if (!r.used_by.empty()) j["used_by"] = UsedByJson(r);
  return j;
}

json StoreReadinessToJsonInner(const StoreReadiness& r) {
  if (r.state == StoreState::kUnknown) {
    json j = {{"store", r.store},
              {"kind", StoreKindName(r.kind)},
              {"location", r.location},
              {"description", r.description},
              {"state", StoreStateName(r.state)},
              {"ready", false},
              {"error", r.unknown_reason},
              {"fix", r.unknown_fix}};
    ErrorFieldsToJson(r.unknown_error, &j);
    return j;
  }
  json anchors = json::array();
  for (const AnchorCheck& a : r.anchors) {
    anchors.push_back({{"id", a.root->id},
                       {"name", a.root->name},
                       {"sha256", a.root->cert->Sha256Hex()},
                       {"present", a.presence != AnchorPresence::kAbsent},
                       {"presence", AnchorPresenceName(a.presence)},
                       {"source", a.source.empty() ? json(nullptr) : json(a.source)},
                       {"distrusted", a.distrusted}});
  }
  json hierarchies = json::array();
  for (const HierarchyCheck& h : r.hierarchies) {
    json cas = json::array();
    for (const IssuingCaCheck& c : h.cas) {
      json path = json::array();
      for (const auto& p : c.path) path.push_back(p->Sha256Hex());
      cas.push_back({{"name", c.ca->DisplayName()},
                     {"sha256", c.ca->Sha256Hex()},
                     {"valid", c.valid},
                     {"via_cross_certificate", c.via_cross},
                     {"path", path},
                     {"error", c.valid ? json(nullptr) : VerifyErrorToJson(c.error)}});
    }
    hierarchies.push_back({{"id", h.hierarchy->id},
                           {"title", h.hierarchy->title},
                           {"required", h.hierarchy->required},
                           {"valid", h.valid},
                           {"valid_issuing_cas", h.valid_cas},
                           {"issuing_cas_total", h.cas.size()},
                           {"anchor", h.valid_cas > 0 ? json(h.anchor_name) : json(nullptr)},
                           {"via", h.valid_cas == 0 ? json(nullptr) : json(h.via_cross ? "cross-sign" : "direct")},
                           {"path", h.path_names},
                           {"error", h.valid ? json(nullptr) : VerifyErrorToJson(h.error)},
                           {"pinned", Nullable(h.pinned)},
                           {"issuing_cas", cas}});
  }
  json to_add = json::array();
  for (const ProfileRoot* root : r.remediation.roots_to_add) {
    to_add.push_back({{"id", root->id}, {"name", root->name}, {"file", root->file}});
  }
  json notes = json::array();
  for (const StoreNote& n : r.notes) {
    notes.push_back({{"id", n.id}, {"message", n.message}, {"fix", n.fix.empty() ? json(nullptr) : json(n.fix)}});
  }
  return {{"store", r.store},
          {"kind", StoreKindName(r.kind)},
          {"location", r.location},
          {"description", r.description},
          {"anchor_count", r.anchor_count},
          {"state", StoreStateName(r.state)},
          {"ready", r.ready},
          {"anchors_present", anchors},
          {"hierarchies", hierarchies},
          {"pins_ok", Nullable(r.pins_ok)},
          {"roots_to_add", to_add},
          {"remediation", r.remediation.commands},
          {"advice", r.remediation.advice},
          {"blockers", r.remediation.blockers},
          {"alternatives", r.remediation.alternatives},
          {"notes", notes},
          {"error", nullptr}};
}

json LifetimeToJson(const LeafLifetime& l) {
  auto since = [](const LifetimeRule& r) { return r.from == 0 ? json(nullptr) : json(FormatDate(r.from)); };
  json warnings = json::array();
  for (const RootLifecycleWarning& w : l.root_warnings) {
    warnings.push_back({{"kind", w.kind},
                        {"platform", w.platform.empty() ? json(nullptr) : json(w.platform)},
                        {"root", w.root},
                        {"root_sha256", w.root_sha256},
                        {"date", FormatDate(w.date)},
                        {"text", w.text}});
  }
  return {{"not_before", FormatRfc3339(l.not_before)},
          {"not_after", FormatRfc3339(l.not_after)},
          {"seconds", l.seconds},
          {"days", l.days},
          {"limit_days", l.at_issuance.max_days},
          {"limit_since", since(l.at_issuance)},
          {"within_limit", l.within_limit},
          {"renewal_due", FormatRfc3339(l.renewal_due)},
          {"renewal_limit_days", l.at_renewal.max_days},
          {"renewal_limit_since", since(l.at_renewal)},
          {"renewal_dcv_reuse_days", l.at_renewal.dcv_reuse_days},
          {"renewal_expires", FormatRfc3339(l.renewal_expires)},
          {"rule", "CA/B Forum Baseline Requirements 6.3.2, ballot SC-081v3"},
          {"root_warnings", warnings}};
}

json ServerAuthToJson(const ServerAuthOnlyCheck& a) {
  json certs = json::array();
  for (const EkuFinding& f : a.certificates) {
    certs.push_back({{"role", f.role},
                     {"subject", f.subject},
                     {"sha256", f.sha256},
                     {"eku", f.eku ? json(*f.eku) : json(nullptr)},
                     {"server_auth_only", f.server_auth_only},
                     {"issue", f.issue.empty() ? json(nullptr) : json(f.issue)}});
  }
  return {{"ready", a.ready},
          {"dedicated_hierarchy", a.dedicated_hierarchy},
          {"leaf_server_auth", a.leaf_server_auth},
          {"leaf_client_auth", a.leaf_client_auth},
          {"client_certificate", a.client_certificate},
          {"certificates", certs}};
}

json TargetCheckToJson(const TargetCheck& t) {
  json chain = json::array();
  for (const auto& c : t.chain) {
    json b = CertBrief(*c);
    b["subject"] = c->DisplayName();
    chain.push_back(b);
  }
  json fetched = json::array();
  for (const auto& c : t.aia_fetched) fetched.push_back(CertBrief(*c));
  json stores = json::array();
  for (const TargetStoreVerdict& v : t.stores) {
    json s = VerifyResultToJson(v.result, v.store);
    s["trusted_with_aia"] = v.trusted || v.trusted_with_aia;
    s["with_aia"] = v.with_aia ? VerifyResultToJson(*v.with_aia, v.store) : json(nullptr);
    s["pins_ok"] = Nullable(v.pins_ok);
    if (!v.lifetime_rejected.empty()) s["trusted"] = false;
    s["lifetime_rejected"] = v.lifetime_rejected.empty() ? json(nullptr) : json(v.lifetime_rejected);
    stores.push_back(s);
  }
  json j = {{"target", t.target},
            {"status", TargetStatusName(t.status)},
            {"error", t.status == TargetStatus::kError ? json(t.error) : json(nullptr)},
            {"error_kind", t.status == TargetStatus::kError ? json(std::string(ErrorKindName(t.failure.kind))) : json(nullptr)},
            {"detail", t.status == TargetStatus::kError && !t.failure.detail.empty() ? json(std::string(t.failure.detail))
                                                                                      : json(nullptr)},
            {"severity", t.status == TargetStatus::kError ? json(std::string(SeverityName(t.failure.severity))) : json(nullptr)},
            {"live", t.live},
            {"trusted", t.trusted},
            {"chain", chain},
            {"serves_profile", t.serves_profile},
            {"profile_matches", t.profile_matches},
            {"aia_fetched", fetched},
            {"aia_notes", t.aia_notes},
            {"deadline_hit", t.deadline_hit},
            {"lifetime", t.lifetime ? LifetimeToJson(*t.lifetime) : json(nullptr)},
            {"server_auth_only", t.server_auth ? ServerAuthToJson(*t.server_auth) : json(nullptr)},
            {"stores", stores}};
  if (t.probe) {
    j["url"] = t.probe->target.Url();
    j["peer_address"] = t.probe->peer_address;
    j["sni"] = t.probe->sni.empty() ? json(nullptr) : json(t.probe->sni);
    j["tls_version"] = t.probe->tls_version;
    j["cipher"] = t.probe->cipher;
    j["http_status"] = t.probe->http_requested && t.probe->http_status != 0 ? json(t.probe->http_status) : json(nullptr);
    j["status_line"] = t.probe->status_line.empty() ? json(nullptr) : json(t.probe->status_line);
    j["http_error"] = t.probe->http_error.empty() ? json(nullptr) : json(t.probe->http_error);
  } else {
    j["url"] = nullptr;
    j["peer_address"] = nullptr;
    j["sni"] = nullptr;
    j["tls_version"] = nullptr;
    j["cipher"] = nullptr;
    j["http_status"] = nullptr;
    j["status_line"] = nullptr;
    j["http_error"] = nullptr;
  }
  return j;
}

json ProfileToJson(const MigrationProfile& p) {
  json roots = json::array();
  for (const auto& r : p.roots) {
    roots.push_back({{"id", r.id}, {"name", r.name}, {"sha256", r.cert->Sha256Hex()},
                     {"file", r.file}, {"key", r.cert->KeyDescription()},
                     {"not_after", FormatRfc3339(r.cert->parsed().not_after)}});
  }
  json hier = json::array();
  for (const auto& h : p.hierarchies) {
    json cas = json::array();
    for (const auto& c : h.issuing_cas) cas.push_back(CertBrief(*c));
    hier.push_back({{"id", h.id}, {"title", h.title}, {"root", h.root_id}, {"required", h.required},
                    {"issuing_cas", cas}});
  }
  json cross = json::array();
  for (const auto& c : p.cross_certificates) {
    json b = CertBrief(*c.cert);
    b["presented_by_servers"] = c.presented_by_servers;
    b["file"] = c.file;
    cross.push_back(b);
  }
  return {{"name", p.name}, {"title", p.title}, {"description", p.description}, {"dir", p.dir},
          {"references", p.references}, {"roots", roots}, {"cross_certificates", cross},
          {"hierarchies", hier}};
}

json CheckReportToJson(const CheckReport& report) {
  json stores = json::array();
  for (const StoreReadiness& r : report.stores) stores.push_back(StoreReadinessToJson(r));
  json unknown = json::array();
  for (const StoreReadiness* r : report.UnknownStores()) {
    json u = {{"store", r->store}, {"location", r->location}, {"reason", r->unknown_reason}, {"fix", r->unknown_fix}};
    ErrorFieldsToJson(r->unknown_error, &u);
    unknown.push_back(std::move(u));
  }
  json targets = json::array();
  for (const TargetCheck& t : report.targets) targets.push_back(TargetCheckToJson(t));
  json pins = json::array();
  for (const SpkiPin& p : report.pins) pins.push_back(p.text);
  return {{"profile", report.profile->name},
          {"profile_title", report.profile->title},
          {"profile_applies", report.profile_applies},
          {"root", report.root.empty() ? json(nullptr) : json(report.root)},
          {"image", report.image ? json{{"source", report.image->source},
                                        {"format", report.image->format},
                                        {"tags", report.image->tags},
                                        {"env", report.image->env},
                                        {"layers", report.image->layers},
                                        {"files", report.image->files}}
                                 : json(nullptr)},
          {"time", FormatRfc3339(report.time)},
          {"ready", report.ready},
          {"server_auth_only", report.server_auth_only},
          {"stores_ready", report.stores_ready},
          {"pins", pins},
          {"stores", stores},
          {"unknown", unknown},
          {"targets", targets}};
}

std::string CheckReportToJsonText(const CheckReport& report) { return CheckReportToJson(report).dump(2) + "\n"; }

namespace {

using report_internal::Painter;

std::string Plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void UsedByText(std::ostream& out, const Painter& c, const StoreReadiness& r) {
  for (const ClientUse& u : r.used_by) {
    out << "  used by " << u.client << " (" << u.because << ")" << c.Dim("  " + u.instance) << "\n";
  }
}

void ReadinessText(std::ostream& out, const Painter& c, const StoreReadiness& r, bool compact,
                   const std::string* same_fix_as = nullptr) {
  if (r.state == StoreState::kUnknown) {
    UsedByText(out, c, r);
    out << c.Bold(r.store) << "  " << c.Yellow("UNKNOWN") << "  "
        << c.Dim((r.location == r.store ? std::string() : r.location + " ") + "(could not be read)") << "\n"
        << "  " << r.unknown_reason << "\n";
    if (!r.unknown_fix.empty()) out << "  " << c.Yellow("fix") << ": " << r.unknown_fix << "\n";
    return;
  }
  out << c.Bold(r.store) << "  " << (r.ready ? c.Green("READY") : c.Red("NOT READY")) << "  "
      << c.Dim((r.location == r.store ? std::string() : r.location + " ") + "(" +
               (r.description.empty() ? std::string(StoreKindName(r.kind)) : r.description) + ", " + Plural(r.anchor_count, "anchor") + ")")
      << "\n";
  UsedByText(out, c, r);
  if (compact) return;
  std::string held, missing;
  for (const AnchorCheck& a : r.anchors) {
    const std::string& name = a.root->name;
    if (a.presence == AnchorPresence::kAbsent) {
      missing += (missing.empty() ? "" : ", ") + name;
    } else {
      held += (held.empty() ? "" : ", ") + name +
              (a.presence == AnchorPresence::kSameKey ? " (same key, other certificate)" : "") +
              (a.distrusted ? " (DISTRUSTED)" : "");
    }
  }
  out << "  roots held:    " << (held.empty() ? c.Dim("none of the profile's roots") : held) << "\n";
  if (!missing.empty()) out << "  roots missing: " << missing << "\n";
  for (const HierarchyCheck& h : r.hierarchies) {
    out << "  " << (h.valid ? c.Green("[ok]  ") : c.Red("[FAIL]")) << " " << h.hierarchy->title
        << (h.hierarchy->required ? "" : c.Dim(" (optional)")) << ": " << h.valid_cas << "/" << h.cas.size()
        << " issuing CAs";
    if (h.valid_cas > 0) out << " via " << h.anchor_name << (h.via_cross ? " (through a cross-sign)" : " (direct)");
    if (!h.valid) out << "; " << c.Red(std::string(VerifyErrorCodeName(h.error.code))) << ": " << h.error.message;
    if (h.pinned.has_value()) out << (*h.pinned ? "; pins ok" : c.Red("; pins NOT satisfied"));
    out << "\n";
    if (h.valid && h.via_cross) {
      std::string path;
      for (const auto& n : h.path_names) path += (path.empty() ? "" : " -> ") + n;
      out << "         " << c.Dim(path) << "\n";
    }
  }
  for (const StoreNote& n : r.notes) out << "  " << c.Yellow("note") << ": " << n.message << "\n";
  if (!r.ready) {
    if (!r.remediation.commands.empty() && same_fix_as != nullptr) {
      // One fix block serves both (system and system-dir: one bundle and
      // its folder, rebuilt by the same commands).
      out << "  " << c.Yellow("fix") << ": the same as for " << *same_fix_as << " (above)\n";
    } else if (!r.remediation.commands.empty()) {
      out << "  " << c.Yellow("fix") << " (" << StoreKindName(r.kind) << "):\n";
      for (const auto& cmd : r.remediation.commands) out << "    " << cmd << "\n";
    }
    for (const auto& a : r.remediation.advice) out << "  " << c.Yellow("or") << ": " << a << "\n";
    for (const auto& b : r.remediation.blockers) out << "  " << c.Red("blocked") << ": " << b << "\n";
    for (const auto& a : r.remediation.alternatives) out << "  " << c.Yellow("or") << ": " << a << "\n";
  }
}

// The leaf's lifetime: one line against the limit at issuance, one for the
// next renewal, one per root warning.
void LifetimeText(std::ostream& out, const Painter& c, const LeafLifetime& l) {
  auto rule = [](const LifetimeRule& r) {
    return std::to_string(r.max_days) + " days" +
           (r.from == 0 ? " (issued before 2026-03-15)" : " (issued from " + FormatDate(r.from) + ")");
  };
  out << "  leaf lifetime: " << l.days << " days (" << FormatDate(l.not_before) << " to " << FormatDate(l.not_after)
      << "); limit " << rule(l.at_issuance) << ": "
      << (l.within_limit ? c.Green("within") : c.Red("EXCEEDS the CA/B Forum limit")) << "\n";
  out << "  next renewal: due by " << FormatDate(l.renewal_due) << ", limit then " << rule(l.at_renewal)
      << c.Dim(" [CA/B Forum BR 6.3.2, ballot SC-081v3]") << "\n";
  for (const RootLifecycleWarning& w : l.root_warnings) out << "  " << c.Yellow("warning") << ": " << w.text << "\n";
}

// --server-auth-only: the verdict, then each certificate's EKU.
void ServerAuthText(std::ostream& out, const Painter& c, const ServerAuthOnlyCheck& a) {
  out << "  server-auth-only: ";
  if (a.ready) {
    out << c.Green("READY") << ": leaf and intermediates carry serverAuth alone (a dedicated TLS server-auth hierarchy)\n";
  } else if (a.client_certificate) {
    out << c.Red("NOT READY") << ": a client certificate (clientAuth) from this hierarchy: mTLS that relies on it must "
        << "move to a dedicated client-auth (or private) hierarchy\n";
  } else {
    out << c.Red("NOT READY") << ":"
        << (a.certificates.empty() || a.certificates.front().server_auth_only ? "" : " the leaf is not serverAuth-only;")
        << (a.dedicated_hierarchy ? "" : " a multi-purpose intermediate;")
        << " Chrome's root program wants dedicated serverAuth-only hierarchies and no clientAuth in public TLS leaves\n";
  }
  for (const EkuFinding& f : a.certificates) {
    std::string eku = "(no extendedKeyUsage)";
    if (f.eku) {
      eku.clear();
      for (const auto& n : *f.eku) eku += (eku.empty() ? "" : ", ") + n;
    }
    out << "    " << f.role << " " << f.subject << ": " << eku;
    if (f.server_auth_only) {
      out << " " << c.Green("ok");
    } else if (!f.issue.empty()) {
      out << " " << (f.role == "root" ? c.Dim("- " + f.issue) : c.Yellow("- " + f.issue));
    }
    out << "\n";
  }
}

void TargetText(std::ostream& out, const Painter& c, const TargetCheck& t, bool profile_applies) {
  out << c.Bold(t.target) << "  ";
  switch (t.status) {
    case TargetStatus::kTrusted: out << c.Green("TRUSTED by every store"); break;
    case TargetStatus::kNotTrusted: out << c.Red("NOT trusted by every store"); break;
    case TargetStatus::kUnknown: out << c.Yellow("UNKNOWN: trusted by every store read, but not every store could be read"); break;
    case TargetStatus::kError: out << c.Red("ERROR") << ": " << t.error << "\n"; return;
  }
  out << "\n";
  if (t.probe) {
    const Probe& p = *t.probe;
    out << "  connected to " << p.peer_address << " (" << p.tls_version << ", " << p.cipher
        << (p.sni.empty() ? ", no SNI" : ", SNI " + p.sni) << ")\n";
    if (p.http_requested) {
      // An HTTP failure after a good handshake is shown here, beside the
      // chain verdict that follows (issue 17 item 7).
      std::string status = !p.http_error.empty() ? "HTTP problem: " + p.http_error
                           : p.status_line.empty() ? "no HTTP status line" : p.status_line;
      out << "  GET " << p.target.path << ": " << (p.http_status == 200 ? c.Green(status) : c.Yellow(status)) << "\n";
    }
  }
  out << "  chain presented (" << Plural(t.chain.size(), "certificate") << "):\n";
  for (size_t i = 0; i < t.chain.size(); ++i) {
    const Certificate& cert = *t.chain[i];
    out << "    [" << i << "] " << cert.DisplayName() << c.Dim("  " + cert.Sha256Hex().substr(0, 16))
        << c.Dim("  until " + FormatDate(cert->not_after)) << "\n";
  }
  // The profile's migration is mentioned only for chains that belong to it.
  if (t.serves_profile) {
    out << "  migration CAs: " << c.Green("this server already uses them");
    for (const auto& m : t.profile_matches) out << c.Dim(" [" + m + "]");
    out << "\n";
  } else if (profile_applies) {
    out << "  migration CAs: " << c.Yellow("not used by this chain") << "\n";
  }
  for (const auto& v : t.stores) {
    out << "  " << c.Bold(v.store) << ": ";
    if (v.trusted) {
      const VerifiedPath* p = v.result.ValidPath();
      out << c.Green("trusted") << c.Dim(" via " + p->certificates.back()->DisplayName());
    } else if (!v.lifetime_rejected.empty()) {
      out << c.Red("NOT trusted") << " " << c.Red("VALIDITY_TOO_LONG") << ": " << v.lifetime_rejected;
    } else {
      out << c.Red("NOT trusted") << " " << c.Red(std::string(VerifyErrorCodeName(v.result.most_specific.code)))
          << ": " << v.result.most_specific.message;
    }
    if (v.pins_ok.has_value()) out << (*v.pins_ok ? c.Green("; pins ok") : c.Red("; pins NOT satisfied"));
    out << "\n";
    if (!v.trusted && v.with_aia && v.lifetime_rejected.empty()) {
      if (v.trusted_with_aia) {
        out << "    " << c.Yellow("recovers with AIA fetching")
            << ": browsers fetch the missing intermediate and succeed; Java, OpenSSL-based clients and curl "
               "never fetch and fail\n";
      } else {
        out << "    still fails with the AIA-fetched intermediates: "
            << VerifyErrorCodeName(v.with_aia->most_specific.code) << "\n";
      }
    }
  }
  for (const auto& n : t.aia_notes) out << "  " << c.Dim(n) << "\n";
  if (t.lifetime) LifetimeText(out, c, *t.lifetime);
  if (t.server_auth) ServerAuthText(out, c, *t.server_auth);
  if (t.deadline_hit && t.status != TargetStatus::kError) {
    out << "  " << c.Yellow("deadline reached") << ": cut short (see above); the verdict without AIA fetching stands\n";
  }
}

}  // namespace

std::string CheckTargetErrorsToText(const CheckReport& report) {
  std::string out;
  for (const TargetCheck& t : report.targets) {
    if (t.status == TargetStatus::kError) out += "trustready: " + t.target + ": " + t.error + "\n";
  }
  return out;
}

std::string CheckReportToText(const CheckReport& report, const TextStyle& style) {
  const Painter c{style.color};
  const MigrationProfile& profile = *report.profile;
  std::ostringstream out;
  const bool targets = !report.targets.empty();
  if (report.profile_applies) {
    size_t cas = 0;
    for (const auto& h : profile.hierarchies) cas += h.issuing_cas.size();
    out << c.Bold("Profile " + profile.name) << ": " << profile.title << "\n"
        << c.Dim("checked at " + FormatRfc3339(report.time) + " against " +
                 std::to_string(profile.hierarchies.size()) +
                 (profile.hierarchies.size() == 1 ? " hierarchy" : " hierarchies") + " (" +
                 Plural(cas, "issuing CA") + ")")
        << "\n";
  } else {
    out << c.Dim("checked at " + FormatRfc3339(report.time)) << "\n";
  }
  if (report.image) {
    std::string tags;
    for (const auto& t : report.image->tags) tags += (tags.empty() ? "" : ", ") + t;
    out << c.Dim("stores of the image " + report.image->source + (tags.empty() ? "" : " (" + tags + ")") + ", " +
                 report.image->format + ", " + std::to_string(report.image->layers) + " layers; paths as seen inside it")
        << "\n";
  } else if (!report.root.empty()) {
    out << c.Dim("stores of the file tree " + report.root +
                 " (paths as seen inside it; the fixes are Dockerfile lines for it)")
        << "\n";
  }
  out << "\n";
  for (const TargetCheck& t : report.targets) {
    TargetText(out, c, t, report.profile_applies);
    out << "\n";
  }
  if (targets && report.profile_applies) {
    out << c.Bold("Readiness of the same stores for " + profile.name) << ":\n";
  }
  for (const StoreReadiness& r : report.stores) {
    // With targets about other CAs, the stores are listed only when one
    // could not be read (the targets' verdicts depend on it).
    if (targets && !report.profile_applies && r.state != StoreState::kUnknown) continue;
    const std::string* same_fix_as = nullptr;
    for (const StoreReadiness& earlier : report.stores) {
      if (&earlier == &r) break;
      if (!r.remediation.commands.empty() && earlier.remediation.commands == r.remediation.commands) {
        same_fix_as = &earlier.store;
        break;
      }
    }
    ReadinessText(out, c, r, targets, same_fix_as);
    if (!targets) out << "\n";
  }
  if (targets) out << "\n";
  size_t n_ready = 0;
  const size_t n_unknown = report.UnknownStores().size();
  for (const StoreReadiness& r : report.stores) n_ready += r.state == StoreState::kReady ? 1 : 0;
  if (!targets) {
    std::string summary = std::to_string(n_ready) + " of " + Plural(report.stores.size(), "store") + " ready for " +
                          profile.name;
    if (n_unknown > 0) summary += ", " + std::to_string(n_unknown) + " could not be read";
    if (report.ready) {
      out << c.Green("Verdict: READY") << " - " << summary << "\n";
    } else if (n_ready + n_unknown == report.stores.size()) {
      out << c.Yellow("Verdict: UNKNOWN") << " - " << summary << "\n";
    } else {
      out << c.Red("Verdict: NOT READY") << " - " << summary << "\n";
    }
  } else {
    size_t n_ok = 0, n_error = 0;
    for (const TargetCheck& t : report.targets) {
      n_ok += t.status == TargetStatus::kTrusted ? 1 : 0;
      n_error += t.status == TargetStatus::kError ? 1 : 0;
    }
    std::string summary = std::to_string(n_ok) + " of " + Plural(report.targets.size(), "target") +
                          " trusted by all " + Plural(report.stores.size(), "store");
    if (n_error > 0) summary += ", " + std::to_string(n_error) + " could not be checked";
    if (n_unknown > 0) summary += ", " + std::to_string(n_unknown) + (n_unknown == 1 ? " store" : " stores") + " could not be read";
    size_t n_sa = 0, n_trusted_not_sa = 0;
    for (const TargetCheck& t : report.targets) {
      if (!t.server_auth) continue;
      n_sa += t.server_auth->ready ? 1 : 0;
      n_trusted_not_sa += t.status == TargetStatus::kTrusted && !t.server_auth->ready ? 1 : 0;
    }
    if (report.server_auth_only) {
      summary += "; " + std::to_string(n_sa) + " on a dedicated serverAuth-only hierarchy";
    }
    if (report.ready) {
      out << c.Green(report.server_auth_only ? "Verdict: TRUSTED, SERVER-AUTH-ONLY" : "Verdict: TRUSTED") << " - "
          << summary << "\n";
    } else if (n_error > 0) {
      out << c.Red("Verdict: ERROR") << " - " << summary << "\n";
    } else if (report.server_auth_only && n_ok == report.targets.size() && n_trusted_not_sa > 0) {
      out << c.Red("Verdict: NOT SERVER-AUTH-ONLY") << " - " << summary << "\n";
    } else {
      out << c.Red("Verdict: NOT TRUSTED") << " - " << summary << "\n";
    }
  }
  return out.str();
}

}  // namespace trustready
