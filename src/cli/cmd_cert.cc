// trustready cert show FILE...
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/cert_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

void RegisterCert(CLI::App& app) {
  auto* cert = app.add_subcommand("cert", "Inspect certificates");
  cert->require_subcommand(1);
  auto* show = cert->add_subcommand("show", "Show certificates from PEM or DER files ('-' for stdin)");
  struct Opts {
    std::vector<std::string> files;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  show->add_option("FILE", opts->files, "PEM (one or more blocks) or DER files, '-' for stdin")->required();
  show->add_flag("--json", opts->json, "JSON array (docs/schemas/cert-show.schema.json)");
  show->callback([opts] {
    nlohmann::json all = nlohmann::json::array();
    std::string text;
    for (const auto& f : opts->files) {
      auto certs = Unwrap(LoadCertificatesFromFile(f), f == "-" ? "<stdin>" : f);
      for (const auto& c : certs) {
        if (opts->json) {
          auto j = CertificateToJson(*c);
          j["file"] = f;
          all.push_back(std::move(j));
        } else {
          text += (text.empty() ? "" : "\n") + CertificateToText(*c, {UseColor()});
        }
      }
    }
    if (opts->json) {
      std::cout << all.dump(2) << "\n";
    } else {
      std::cout << text;
    }
  });
}

}  // namespace
TRUSTREADY_REGISTER_COMMAND("cert", RegisterCert);
}  // namespace trustready::cli
