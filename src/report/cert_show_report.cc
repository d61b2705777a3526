#include "trustready/report/cert_show_report.h"

#include "report/render.h"
#include "trustready/report/cert_report.h"

namespace trustready {

using nlohmann::json;

std::string CertificatesToJson(const std::vector<ShownCertificate>& certs) {
  json all = json::array();
  for (const auto& c : certs) {
    json j = CertificateToJson(*c.cert);
    j["file"] = c.file;
    all.push_back(std::move(j));
  }
  return report_internal::Document(all);
}

std::string CertificatesToText(const std::vector<ShownCertificate>& certs, const TextStyle& style) {
  std::string text;
  for (const auto& c : certs) text += (text.empty() ? "" : "\n") + CertificateToText(*c.cert, style);
  return text;
}

}  // namespace trustready
