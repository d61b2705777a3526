// JSON and text forms of `verify`; see include/trustready/report/verify_report.h.
#include "trustready/report/verify_report.h"
#include "report/render.h"

#include <sstream>

namespace trustready {

nlohmann::json VerifyErrorToJson(const VerifyError& e) {
  nlohmann::json j = {{"code", std::string(VerifyErrorCodeName(e.code))},
                      {"certificate", e.certificate},
                      {"message", e.message},
                      {"severity", std::string(SeverityName(e.severity))}};
  if (!e.detail.empty()) j["detail"] = std::string(e.detail);
  return j;
}

nlohmann::json VerifyResultToJson(const VerifyResult& result, const std::string& store_name) {
  nlohmann::json paths = nlohmann::json::array();
  for (const VerifiedPath& p : result.paths) {
    nlohmann::json certs = nlohmann::json::array();
    nlohmann::json names = nlohmann::json::array();
    for (const CertificatePtr& c : p.certificates) {
      certs.push_back(c->Sha256Hex());
      names.push_back(c->DisplayName());
    }
    nlohmann::json errors = nlohmann::json::array();
    for (const VerifyError& e : p.errors) errors.push_back(VerifyErrorToJson(e));
    nlohmann::json jp = {{"valid", p.valid},
                         {"complete", p.complete},
                         {"certificates", certs},
                         {"names", names},
                         {"errors", errors}};
    if (p.anchor) jp["anchor_source"] = p.anchor->source;
    if (p.complete) {
      nlohmann::json rev = nlohmann::json::array();
      for (size_t i = 0; i < p.revocation.size(); ++i) {
        const RevocationStatus& r = p.revocation[i];
        nlohmann::json jr = {{"certificate", i}, {"status", std::string(RevocationStateName(r.state))}};
        if (r.state != RevocationState::kUnknown) jr["crl"] = r.crl;
        if (r.state == RevocationState::kRevoked) {
          jr["serial"] = r.serial;
          jr["revocation_date"] = FormatRfc3339(r.revocation_date);
          jr["reason"] = r.reason ? nlohmann::json(std::string(CrlReasonName(*r.reason))) : nlohmann::json(nullptr);
        }
        if (r.state == RevocationState::kUnknown) jr["why"] = r.why;
        rev.push_back(std::move(jr));
      }
      jp["revocation"] = std::move(rev);
      nlohmann::json pols = nlohmann::json::array();
      for (const auto& oid : p.user_constrained_policy_set) {
        pols.push_back(der::OidToString(der::Input(oid.data(), oid.size())));
      }
      jp["user_constrained_policy_set"] = std::move(pols);
    }
    paths.push_back(std::move(jp));
  }
  return {{"store", store_name},
          {"trusted", result.trusted},
          {"paths", paths},
          {"error", result.trusted ? nlohmann::json(nullptr) : VerifyErrorToJson(result.most_specific)}};
}

std::string_view VerifyPurposeName(VerifyPurpose purpose) {
  switch (purpose) {
    case VerifyPurpose::kServerAuth: return "server";
    case VerifyPurpose::kClientAuth: return "client";
    case VerifyPurpose::kAny: break;
  }
  return "any";
}

namespace {

using report_internal::Painter;

}  // namespace

// "  (profile.serial_zero)", dimmed: the stable id a user can search for
// and that `--json` carries; nothing for an error without one.
static std::string DetailSuffix(const VerifyError& e, const Painter& c) {
  return e.detail.empty() ? "" : c.Dim("  (" + std::string(e.detail) + ")");
}

std::string VerifyResultToText(const VerifyResult& r, const std::string& store_name, const TextStyle& style) {
  const Painter c{style.color};
  std::ostringstream out;
  out << c.Bold(store_name) << ": "
      << (r.trusted ? c.Green("trusted")
                    : c.Red("NOT trusted (" + std::string(VerifyErrorCodeName(r.most_specific.code)) + ")"))
      << "\n";
  int n = 0;
  for (const VerifiedPath& p : r.paths) {
    ++n;
    std::string state = p.valid ? c.Green("valid") : p.complete ? c.Red("invalid") : c.Red("incomplete");
    out << "  path " << n << " (" << p.certificates.size() << " certificates): " << state << "\n";
    for (size_t i = 0; i < p.certificates.size(); ++i) {
      const Certificate& cert = *p.certificates[i];
      const bool anchor = p.complete && i + 1 == p.certificates.size();
      out << "    [" << i << "] " << cert.DisplayName() << "  " << c.Dim(cert.Sha256Hex().substr(0, 16))
          << (anchor ? c.Dim("  (anchor)") : "") << "\n";
    }
    for (size_t i = 0; i < p.revocation.size(); ++i) {
      const RevocationStatus& rs = p.revocation[i];
      std::string line = "    revocation [" + std::to_string(i) + "] " + std::string(RevocationStateName(rs.state));
      if (rs.state == RevocationState::kGood) line += c.Dim(" by " + rs.crl);
      if (rs.state == RevocationState::kRevoked) {
        line = c.Red(line) + " serial " + rs.serial + " on " + FormatRfc3339(rs.revocation_date) +
               (rs.reason ? " (" + std::string(CrlReasonName(*rs.reason)) + ")" : "") + " by " + rs.crl;
      }
      if (rs.state == RevocationState::kUnknown) line += c.Dim(": " + rs.why);
      out << line << "\n";
    }
    if (p.complete && !p.user_constrained_policy_set.empty()) {
      std::string pols;
      for (const auto& oid : p.user_constrained_policy_set) {
        pols += (pols.empty() ? "" : ", ") + der::OidToString(der::Input(oid.data(), oid.size()));
      }
      out << "    policies: " << pols << "\n";
    }
    for (const VerifyError& e : p.errors) {
      out << "    " << c.Red(std::string(VerifyErrorCodeName(e.code)))
          << (e.certificate >= 0 ? " [" + std::to_string(e.certificate) + "]" : "") << " " << e.message
          << DetailSuffix(e, c) << "\n";
    }
  }
  if (!r.trusted) {
    out << "  " << c.Bold("most specific") << ": " << VerifyErrorCodeName(r.most_specific.code) << ": "
        << r.most_specific.message << DetailSuffix(r.most_specific, c) << "\n";
  }
  return out.str();
}

nlohmann::json VerifyReportToJson(const VerifyReport& report) {
  nlohmann::json stores = nlohmann::json::array();
  for (const StoreVerification& s : report.stores) {
    nlohmann::json j = VerifyResultToJson(s.result, s.store);
    j["trusted"] = s.trusted();
    j["lifetime_rejected"] = s.lifetime_rejected.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.lifetime_rejected);
    stores.push_back(std::move(j));
  }
  return {{"trusted", report.trusted},
          {"leaf", {{"sha256", report.leaf->Sha256Hex()}, {"name", report.leaf->DisplayName()}}},
          {"time", FormatRfc3339(report.time)},
          {"host", report.host.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.host)},
          {"purpose", VerifyPurposeName(report.purpose)},
          {"stores", stores}};
}

std::string VerifyReportToJsonText(const VerifyReport& report) { return VerifyReportToJson(report).dump(2) + "\n"; }

std::string VerifyReportToText(const VerifyReport& report, const TextStyle& style) {
  const Painter c{style.color};
  std::string out;
  for (size_t i = 0; i < report.stores.size(); ++i) {
    if (i > 0) out += "\n";
    const StoreVerification& s = report.stores[i];
    std::string text = VerifyResultToText(s.result, s.store, style);
    if (!s.lifetime_rejected.empty()) {
      // The path is valid, the client refuses the leaf anyway: the store's
      // line says so, then the paths as they are.
      text = c.Bold(s.store) + ": " + c.Red("NOT trusted (VALIDITY_TOO_LONG)") + "\n" + text.substr(text.find('\n') + 1) +
             "  " + c.Red("VALIDITY_TOO_LONG") + ": " + s.lifetime_rejected + "\n";
    }
    out += text;
  }
  out += "\n" + (report.trusted ? c.Green("verdict: trusted by every store") : c.Red("verdict: NOT trusted by every store")) +
         "\n";
  return out;
}

}  // namespace trustready
