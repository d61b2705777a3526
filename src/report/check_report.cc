// JSON form of readiness results. See include/trustready/report/check_report.h.
#include "trustready/report/check_report.h"

#include "trustready/report/verify_report.h"

namespace trustready {
namespace {

using nlohmann::json;

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

json StoreReadinessToJson(const StoreReadiness& r) {
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
  return {{"store", r.store},
          {"kind", r.kind},
          {"location", r.location},
          {"description", r.description},
          {"anchor_count", r.anchor_count},
          {"ready", r.ready},
          {"anchors_present", anchors},
          {"hierarchies", hierarchies},
          {"pins_ok", Nullable(r.pins_ok)},
          {"roots_to_add", to_add},
          {"remediation", r.remediation.commands},
          {"blockers", r.remediation.blockers},
          {"alternatives", r.remediation.alternatives},
          {"error", nullptr}};
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
    stores.push_back(s);
  }
  json j = {{"target", t.target},
            {"live", t.live},
            {"trusted", t.trusted},
            {"chain", chain},
            {"serves_profile", t.serves_profile},
            {"profile_matches", t.profile_matches},
            {"aia_fetched", fetched},
            {"aia_notes", t.aia_notes},
            {"stores", stores}};
  if (t.probe) {
    j["url"] = t.probe->target.Url();
    j["peer_address"] = t.probe->peer_address;
    j["sni"] = t.probe->sni.empty() ? json(nullptr) : json(t.probe->sni);
    j["tls_version"] = t.probe->tls_version;
    j["cipher"] = t.probe->cipher;
    j["http_status"] = t.probe->http_requested && t.probe->http_status != 0 ? json(t.probe->http_status) : json(nullptr);
    j["status_line"] = t.probe->status_line.empty() ? json(nullptr) : json(t.probe->status_line);
  } else {
    j["url"] = nullptr;
    j["peer_address"] = nullptr;
    j["sni"] = nullptr;
    j["tls_version"] = nullptr;
    j["cipher"] = nullptr;
    j["http_status"] = nullptr;
    j["status_line"] = nullptr;
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

}  // namespace trustready
