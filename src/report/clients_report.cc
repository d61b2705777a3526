// `clients list` and `clients verify` rendered; see
// include/trustready/report/clients_report.h.
#include "trustready/report/clients_report.h"

#include "report/render.h"

namespace trustready {

using namespace report_internal;

std::string ClientResolutionToJson(const ClientResolution& r, const std::string& client) {
  nlohmann::json stores = nlohmann::json::array();
  for (const auto& s : r.stores) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : s.parts) {
      parts.push_back({{"kind", StorePartKindName(p.kind)},
                       {"location", p.location},
                       {"role", p.role},
                       {"missing", p.missing},
                       {"password_given", p.password_given},
                       {"store_type", StringOrNull(p.store_type)}});
    }
    nlohmann::json used = nlohmann::json::array();
    for (const auto& u : s.used_by) {
      nlohmann::json use = {{"client", u.client}, {"because", u.because}, {"instance", u.instance}, {"behavior", u.behavior}};
      if (u.client == "java") {
        use["ca_distrust_policies"] = u.ca_distrust_policies ? nlohmann::json(*u.ca_distrust_policies) : nlohmann::json(nullptr);
        use["ca_distrust_from"] = u.ca_distrust_from;
      }
      used.push_back(std::move(use));
    }
    stores.push_back({{"id", s.id},
                      {"description", s.description},
                      {"parts", parts},
                      {"broken", StringOrNull(s.broken)},
                      {"used_by", used}});
  }
  return Document({{"environment",
                    {{"origin", r.environment.origin},
                     {"root", StringOrNull(r.environment.root)},
                     {"exe", StringOrNull(r.environment.exe)}}},
                   {"client", StringOrNull(client)},
                   {"stores", stores},
                   {"notes", r.notes}});
}

std::string ClientResolutionToText(const ClientResolution& r, const std::string& client, const TextStyle& st) {
  std::string out = Dim(st, "environment: " + r.environment.origin +
                                (r.environment.root.empty() ? "" : ", file tree " + r.environment.root) +
                                (r.environment.exe.empty() ? "" : ", exe " + r.environment.exe)) +
                    "\n\n";
  for (const auto& s : r.stores) {
    out += Bold(st, s.description) + (s.broken.empty() ? "" : "  " + Red(st, "BROKEN: " + s.broken)) + "\n";
    for (const auto& p : s.parts) {
      out += "  " + p.role + ": " + p.location + Dim(st, " (" + std::string(StorePartKindName(p.kind)) + ")") +
             (p.missing ? " " + Yellow(st, "missing") : "") + (p.password_given ? Dim(st, " password given") : "") +
             (p.store_type.empty() ? "" : Dim(st, " type " + p.store_type)) + "\n";
    }
    for (const auto& u : s.used_by) {
      out += "  used by " + Bold(st, u.client) + " (" + u.because + ")" + Dim(st, "  " + u.instance) + "\n";
      if (u.client != "java") continue;
      std::string list;
      for (const auto& n : u.ca_distrust_policies.value_or(std::vector<std::string>{})) list += (list.empty() ? "" : ",") + n;
      out += Dim(st, "    jdk.security.caDistrustPolicies=" +
                         (u.ca_distrust_policies ? list : std::string("? (unread: every policy known applies)")) + "  " +
                         u.ca_distrust_from) +
             "\n";
    }
    out += "\n";
  }
  if (r.stores.empty()) out += "no client found" + (client.empty() ? "" : " for " + client) + "\n";
  for (const auto& n : r.notes) out += Dim(st, "note: " + n) + "\n";
  return out;
}

std::string ClientPredictionsToJson(const std::string& target, const std::string& client,
                                    const std::vector<ClientPrediction>& predictions) {
  nlohmann::json js = nlohmann::json::array();
  for (const auto& p : predictions) {
    nlohmann::json error = nullptr;
    if (!p.trusted && p.unknown.empty()) {
      error = {{"code", VerifyErrorCodeName(p.error.code)}, {"message", p.error.message},
               {"severity", SeverityName(p.error.severity)}};
      if (!p.error.detail.empty()) error["detail"] = std::string(p.error.detail);
    }
    nlohmann::json unknown_error = nullptr;
    if (!p.unknown.empty()) {
      unknown_error = nlohmann::json::object();
      report_internal::ErrorFieldsToJson(p.unknown_error, &unknown_error);
      unknown_error["kind"] = unknown_error["error_kind"];
      unknown_error.erase("error_kind");
    }
    js.push_back({{"client", p.use.client},
                  {"instance", p.use.instance},
                  {"because", p.use.because},
                  {"behavior", p.use.behavior},
                  {"store", p.store},
                  {"state", !p.unknown.empty() ? "unknown" : p.trusted ? "trusted" : "not_trusted"},
                  {"via_aia", p.via_aia},
                  {"error", error},
                  {"unknown", StringOrNull(p.unknown)},
                  {"unknown_error", unknown_error}});
  }
  return Document({{"target", target},
                   {"client", client},
                   {"trusted", AllPredictionsTrusted(predictions)},
                   {"predictions", js}});
}

std::string ClientPredictionsToText(const std::string& client, const std::vector<ClientPrediction>& predictions,
                                    const TextStyle& st) {
  std::string out;
  for (const auto& p : predictions) {
    out += Bold(st, p.use.client) + " " + Dim(st, p.use.instance) + ": ";
    if (!p.unknown.empty()) {
      out += Yellow(st, "UNKNOWN") + " (" + p.unknown + ")";
    } else if (p.trusted) {
      out += Green(st, "trusted") + (p.via_aia ? " (after fetching the missing issuer from AIA)" : "");
    } else {
      out += Red(st, "NOT trusted") + " " + std::string(VerifyErrorCodeName(p.error.code)) + ": " + p.error.message;
    }
    out += Dim(st, "  store: " + p.store + " (" + p.use.because + ")") + "\n";
  }
  if (predictions.empty()) out += "no " + client + " found\n";
  return out;
}

}  // namespace trustready
