// trustready cert show FILE...
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/cert_show_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

struct CertArgs {
  std::vector<std::string> files;
  bool json = false;
};

void RunShow(const CertArgs& a) {
  std::vector<ShownCertificate> certs;
  for (const auto& f : a.files) {
    for (auto& c : Unwrap(LoadCertificatesFromFile(f), f == "-" ? "<stdin>" : f)) certs.push_back({f, std::move(c)});
  }
  std::cout << (a.json ? CertificatesToJson(certs) : CertificatesToText(certs, {UseColor()}));
}

}  // namespace

static void RegisterCert(CLI::App& app) {
  auto* cert = app.add_subcommand("cert", "Inspect certificates");
  cert->require_subcommand(1);
  auto [show, a] = AddCommand<CertArgs>(cert, "show", "Show certificates from PEM or DER files ('-' for stdin)", RunShow);
  show->add_option("FILE", a->files, "PEM (one or more blocks) or DER files, '-' for stdin")->required();
  show->add_flag("--json", a->json, "JSON array (docs/schemas/cert-show.schema.json)");
}
TRUSTREADY_REGISTER_COMMAND("cert", RegisterCert);

}  // namespace trustready::cli
