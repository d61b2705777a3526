// trustready pki demo --out DIR: writes (or reuses) the demo migration PKI.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/pki/demo_pki.h"

namespace trustready::cli {
namespace {

void RegisterPki(CLI::App& app) {
  auto* pki = app.add_subcommand("pki", "Test PKIs for migration tests");
  pki->require_subcommand(1);
  auto* demo = pki->add_subcommand(
      "demo", "Write a test PKI shaped like a CA migration (legacy root, four new roots, "
              "cross-signs, issuing CAs, good and bad leaves, CRLs) with keys and a manifest");
  struct Opts {
    DemoPkiOptions pki;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  demo->add_option("--out", opts->pki.out_dir, "Directory to write (reused if it holds a complete PKI)")
      ->required();
  demo->add_option("--base-url", opts->pki.base_url,
                   "Base of the AIA caIssuers and CRL distribution point URLs")
      ->capture_default_str();
  demo->add_option("--domain", opts->pki.domain, "Leaves are valid for *.DOMAIN, localhost, 127.0.0.1, ::1")
      ->capture_default_str();
  demo->add_flag("--force", opts->pki.force, "Regenerate even if DIR holds a complete PKI");
  demo->add_flag("--json", opts->json, "The manifest as JSON (docs/schemas/pki-demo.schema.json)");
  demo->callback([opts] {
    auto pki = Unwrap(CreateDemoPki(opts->pki), opts->pki.out_dir);
    if (opts->json) {
      auto j = nlohmann::json::parse(DemoPkiManifestJson(pki));
      j["dir"] = pki.dir;
      j["reused"] = pki.reused;
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << Bold(pki.reused ? "Reused the demo PKI in " : "Wrote a demo PKI to ") << pki.dir
              << "\n";
    std::cout << "AIA/CRL base URL: " << pki.base_url << "\n\n";
    for (const auto& e : pki.entries) {
      std::string what = e.role;
      if (e.test_case != "valid") what += " (" + e.test_case + ")";
      std::cout << "  " << e.file << std::string(e.file.size() < 34 ? 34 - e.file.size() : 1, ' ')
                << what << ", " << e.key_type << ": " << e.subject << "\n";
    }
    for (const auto& c : pki.crls) {
      std::cout << "  " << c.file << std::string(c.file.size() < 34 ? 34 - c.file.size() : 1, ' ')
                << "CRL of " << c.issuer_id;
      if (!c.revoked_serials.empty()) std::cout << " (" << c.revoked_serials.size() << " revoked)";
      std::cout << "\n";
    }
    std::cout << "\nmanifest: " << pki.dir << "/manifest.json\n";
  });
}

}  // namespace
TRUSTREADY_REGISTER_COMMAND("pki", RegisterPki);
}  // namespace trustready::cli
