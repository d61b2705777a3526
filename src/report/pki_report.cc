#include "trustready/report/pki_report.h"

#include "report/render.h"

namespace trustready {

using namespace report_internal;

std::string DemoPkiToJson(const DemoPki& pki) {
  auto j = nlohmann::json::parse(DemoPkiManifestJson(pki));
  j["dir"] = pki.dir;
  j["reused"] = pki.reused;
  return Document(j);
}

std::string DemoPkiToText(const DemoPki& pki, const TextStyle& st) {
  std::string out = Bold(st, pki.reused ? "Reused the demo PKI in " : "Wrote a demo PKI to ") + pki.dir + "\n";
  out += "AIA/CRL base URL: " + pki.base_url + "\n\n";
  for (const auto& e : pki.entries) {
    std::string what = e.role;
    if (e.test_case != "valid") what += " (" + e.test_case + ")";
    out += "  " + e.file + PadTo(e.file.size(), 34) + what + ", " + e.key_type + ": " + e.subject + "\n";
  }
  for (const auto& c : pki.crls) {
    out += "  " + c.file + PadTo(c.file.size(), 34) + "CRL of " + c.issuer_id;
    if (!c.revoked_serials.empty()) out += " (" + std::to_string(c.revoked_serials.size()) + " revoked)";
    out += "\n";
  }
  out += "\nmanifest: " + pki.dir + "/manifest.json\n";
  return out;
}

std::string VerifyCasesToJson(const std::string& dir, const std::vector<std::string>& names) {
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& n : names) cases.push_back({{"name", n}, {"dir", dir + "/" + n}});
  return Document({{"schema", "trustready.pki.verify-cases/1"}, {"dir", dir}, {"cases", cases}});
}

std::string VerifyCasesToText(const std::string& dir, const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += dir + "/" + n + "\n";
  return out;
}

}  // namespace trustready
