// trustready cert show FILE...
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_cert.h"
#include "trustready/report/cert_show_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {

void RunCertShow(const CertShowArgs& a) {
  std::vector<ShownCertificate> certs;
  for (const auto& f : a.files) {
    for (auto& c : Unwrap(LoadCertificatesFromFile(f), f == "-" ? "<stdin>" : f)) certs.push_back({f, std::move(c)});
  }
  std::cout << (a.json ? CertificatesToJson(certs) : CertificatesToText(certs, {UseColor()}));
}

}  // namespace trustready::cli
