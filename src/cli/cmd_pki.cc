// trustready pki demo --out DIR: writes (or reuses) the demo migration PKI.
#include <iostream>

#include "cli/cli.h"
#include "trustready/pki/verify_cases.h"
#include "trustready/report/pki_report.h"

namespace trustready::cli {
namespace {

struct PkiArgs {
  DemoPkiOptions pki;
  bool json = false;
};

void RunDemo(const PkiArgs& a) {
  auto pki = Unwrap(CreateDemoPki(a.pki), a.pki.out_dir);
  std::cout << (a.json ? DemoPkiToJson(pki) : DemoPkiToText(pki, {UseColor()}));
}

void RunVerifyCases(const std::string& out) {
  for (const auto& name : Unwrap(WriteVerifyCases(out), out)) std::cout << out << "/" << name << "\n";
}

}  // namespace

static void RegisterPki(CLI::App& app) {
  auto* pki = app.add_subcommand("pki", "Test PKIs for migration tests");
  pki->require_subcommand(1);
  auto [demo, a] = AddCommand<PkiArgs>(pki, "demo",
                                       "Write a test PKI shaped like a CA migration (legacy root, four new roots, "
                                       "cross-signs, issuing CAs, good and bad leaves, CRLs) with keys and a manifest",
                                       RunDemo);
  demo->add_option("--out", a->pki.out_dir, "Directory to write (reused if it holds a complete PKI)")->required();
  demo->add_option("--base-url", a->pki.base_url, "Base of the AIA caIssuers and CRL distribution point URLs")
      ->capture_default_str();
  demo->add_option("--domain", a->pki.domain, "Leaves are valid for *.DOMAIN, localhost, 127.0.0.1, ::1")
      ->capture_default_str();
  demo->add_flag("--force", a->pki.force, "Regenerate even if DIR holds a complete PKI");
  demo->add_flag("--json", a->json, "The manifest as JSON (docs/schemas/pki-demo.schema.json)");

  // The data-driven verify suite (tests/data/verify, include/trustready/pki/verify_cases.h).
  auto [cases, out] = AddCommand<std::string>(
      pki, "verify-cases", "Write the verify test suite (tests/data/verify): one folder per case", RunVerifyCases);
  cases->add_option("--out", *out, "Directory to write (keys are reused from DIR/keys)")->required();
}
TRUSTREADY_REGISTER_COMMAND("pki", RegisterPki);

}  // namespace trustready::cli
