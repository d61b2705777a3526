// Front-end helpers for verification; see verify_report.h.
#include "trustready/report/verify_report.h"

#include <algorithm>
#include <filesystem>

#include "trustready/x509/pem.h"

namespace trustready {

Result<std::vector<CertificatePtr>> LoadCertificatePool(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return LoadCertificatesFromFile(path);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) files.push_back(entry.path().string());
  }
  if (ec) return MakeError(ErrorKind::kIo, path + ": " + ec.message());
  std::sort(files.begin(), files.end());  // deterministic order
  std::vector<CertificatePtr> out;
  for (const std::string& f : files) {
    auto bytes = ReadFile(f);
    if (!bytes.ok()) return bytes.error();
    auto certs = LoadCertificatesFromBytes(*bytes, f);
    if (!certs.ok()) {
      // Keys, CRLs, READMEs beside the certificates are not an error;
      // a broken certificate file is.
      if (certs.error().kind == ErrorKind::kNotCertificate) continue;
      if (bytes->find("-----BEGIN") != std::string::npos &&
          bytes->find("CERTIFICATE-----") == std::string::npos) {
        continue;
      }
      return certs.error();
    }
    for (auto& c : *certs) out.push_back(c.cert);
  }
  if (out.empty()) return MakeError(ErrorKind::kNotCertificate, path + ": no certificates in directory");
  return out;
}

nlohmann::json VerifyErrorToJson(const VerifyError& e) {
  return {{"code", std::string(VerifyErrorCodeName(e.code))},
          {"certificate", e.certificate},
          {"message", e.message}};
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

}  // namespace trustready
