// `trustready catalog list|show|lint|which`: the CA operator catalog in
// data/catalog/ (see include/trustready/catalog/catalog.h).
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/catalog/catalog.h"
#include "trustready/x509/pem.h"
#include "trustready/store/platform_stores.h"

namespace trustready::cli {
namespace {

struct Loaded {
  Catalog catalog;
  std::shared_ptr<const PlatformData> platforms;
};

Loaded Load(const std::string& dir) {
  Loaded l;
  l.catalog = Unwrap(LoadCatalog(dir), dir.empty() ? "data/catalog" : dir);
  l.platforms = Unwrap(LoadPlatformData(), "data/platforms");
  return l;
}

// Markdown cells: a '|' would end the cell.
std::string MdCell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  return s;
}

void RunList(const std::string& dir, bool json_out, bool markdown) {
  auto l = Load(dir);
  if (markdown) {
    // The catalog's index: one row per operator folder, linking its README.
    std::cout << "| Operator | Legal name | Headquarters | Roots |\n|---|---|---|---|\n";
    for (const auto& op : l.catalog.operators) {
      std::cout << "| [" << MdCell(op.name) << "](" << op.id << "/README.md) | "
                << MdCell(op.metadata.value("legal_name", "")) << " | "
                << MdCell(op.metadata.value("headquarters", "")) << " | " << op.roots.size() << " |\n";
    }
    return;
  }
  if (json_out) {
    nlohmann::json out = {{"operators", nlohmann::json::array()}};
    for (const auto& op : l.catalog.operators) {
      out["operators"].push_back({{"id", op.id},
                                  {"operator", op.name},
                                  {"legal_name", op.metadata.value("legal_name", "")},
                                  {"headquarters", op.metadata.value("headquarters", "")},
                                  {"roots", op.roots.size()}});
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << Bold(fmt::format("{:<24}  {:<30}  {:>5}  {}", "ID", "OPERATOR", "ROOTS", "HEADQUARTERS")) << "\n";
  for (const auto& op : l.catalog.operators) {
    std::cout << fmt::format("{:<24}  {:<30}  {:>5}  {}\n", op.id, op.name, op.roots.size(),
                             op.metadata.value("headquarters", ""));
  }
}

void RunShow(const std::string& dir, const std::string& query, bool json_out, bool markdown) {
  auto l = Load(dir);
  const CatalogOperator* op = Unwrap(FindOperator(l.catalog, query), query);
  if (json_out) {
    std::cout << OperatorJson(*op, *l.platforms).dump(2) << "\n";
    return;
  }
  if (markdown) {
    std::cout << RenderOperatorMarkdown(*op, *l.platforms);
    return;
  }
  const auto& m = op->metadata;
  std::cout << Bold(op->name) << "  " << Dim(op->id) << "\n";
  std::cout << "  " << m.value("legal_name", "") << ", " << m.value("headquarters", "") << "\n\n";
  std::cout << Bold(fmt::format("  {:<48}  {:<11}  {:<10}  {:<10}  {}", "ROOT", "HASH", "KEY", "UNTIL", "SHA-256"))
            << "\n";
  for (const auto& r : op->roots) {
    std::string name = r.name.size() > 48 ? r.name.substr(0, 45) + "..." : r.name;
    std::cout << fmt::format("  {:<48}  {:<11}  {:<10}  {:<10}  {}\n", name, r.hash_file, r.key, r.valid_until,
                             r.cert->Sha256Hex());
  }
  // Expiry is read from the certificates themselves, at the current time.
  const std::string today = FormatDate(Now());
  bool header = false;
  for (const auto& r : op->roots) {
    if (r.valid_until >= today) continue;
    if (!header) std::cout << "\n" << Bold("  EXPIRED") << "\n";
    header = true;
    std::cout << "  " << r.name << " expired on " << r.valid_until << " (certificate notAfter)\n";
  }
  if (m.contains("lifecycle") && m["lifecycle"].is_array() && !m["lifecycle"].empty()) {
    std::cout << "\n" << Bold("  LIFECYCLE") << "\n";
    for (const auto& e : m["lifecycle"]) {
      const bool unverified = e.contains("verified") && e["verified"].is_boolean() && !e["verified"].get<bool>();
      std::cout << "  " << e.value("date", "") << "  " << e.value("text", e.value("event", ""))
                << (unverified ? Yellow(" [unverified]") : "") << "\n";
      if (e.contains("source") && e["source"].is_string()) std::cout << Dim("              " + e["source"].get<std::string>()) << "\n";
    }
  }
  std::cout << Dim("\n  (use --markdown for programs, cross-signs, audits, transparency, incidents)") << "\n";
}

void RunLint(const std::string& dir, bool write) {
  auto l = Load(dir);
  auto issues = LintCatalog(l.catalog, *l.platforms, write);
  for (const auto& i : issues) std::cerr << i.path << ": " << i.message << "\n";
  size_t roots = 0;
  for (const auto& op : l.catalog.operators) roots += op.roots.size();
  if (issues.empty()) {
    std::cout << fmt::format("catalog: {} operators, {} roots, READMEs agree with their certificates{}\n",
                             l.catalog.operators.size(), roots, write ? " (rewritten)" : "");
    SetExitCode(kExitOk);
  } else {
    std::cout << fmt::format("catalog: {} problem{}\n", issues.size(), issues.size() == 1 ? "" : "s");
    SetExitCode(kExitNo);
  }
}

void RunWhich(const std::string& dir, const std::string& path, bool json_out) {
  auto l = Load(dir);
  auto certs = Unwrap(LoadCertificatesFromFile(path), path);
  std::vector<CertificatePtr> pool(certs.begin() + 1, certs.end());
  for (const auto& c : l.platforms->certificates)
    if (c) pool.push_back(c);
  auto found = CatalogWhich(l.catalog, certs.front(), pool);
  if (json_out) {
    nlohmann::json out = {{"certificate", certs.front()->Sha256Hex()},
                          {"subject", certs.front()->parsed().subject.ToRfc4514()}};
    if (found) {
      out["operator"] = found->op->id;
      out["operator_name"] = found->op->name;
      out["root"] = {{"name", found->root->name}, {"sha256", found->root->cert->Sha256Hex()}};
      out["relation"] = found->relation;
      out["signatures_verified"] = found->signatures_verified;
      nlohmann::json p = nlohmann::json::array();
      for (const auto& c : found->path) p.push_back(c->Sha256Hex());
      out["path"] = p;
    } else {
      out["operator"] = nullptr;
    }
    std::cout << out.dump(2) << "\n";
  } else if (found) {
    std::cout << found->op->name << " (" << found->op->id << ")\n";
    std::cout << "  " << (found->relation == "root"       ? "is the root "
                          : found->relation == "same-key" ? "has the key of root "
                                                          : "chains to root ")
              << found->root->name << " [" << found->root->hash_file << "]\n";
    for (const auto& c : found->path) std::cout << "    " << c->DisplayName() << "\n";
  } else {
    std::cout << "no catalog operator: " << certs.front()->DisplayName()
              << " does not chain to a catalog root (give intermediates in the same file)\n";
  }
  SetExitCode(found ? kExitOk : kExitNo);
}

TRUSTREADY_REGISTER_COMMAND("catalog", [](CLI::App& app) {
  auto* catalog = app.add_subcommand("catalog", "Catalog of CA operators and their roots (data/catalog)");
  catalog->require_subcommand(1);
  auto dir = std::make_shared<std::string>();
  catalog->add_option("--catalog-dir", *dir, "Catalog folder (default: data/catalog)");

  auto* list = catalog->add_subcommand("list", "List operators");
  auto list_json = std::make_shared<bool>(false);
  auto list_markdown = std::make_shared<bool>(false);
  auto* lj = list->add_flag("--json", *list_json, "JSON output (docs/schemas/catalog.schema.json)");
  list->add_flag("--markdown", *list_markdown, "Markdown table of operators, linking each folder's README.md")
      ->excludes(lj);
  list->callback([=] { RunList(*dir, *list_json, *list_markdown); });

  auto* show = catalog->add_subcommand("show", "Show an operator: roots, programs, cross-signs, audits, incidents");
  auto query = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  auto markdown = std::make_shared<bool>(false);
  show->add_option("OPERATOR", *query, "Operator id or name prefix (amazon, isrg, ...)")->required();
  auto* j = show->add_flag("--json", *show_json, "JSON output (docs/schemas/catalog-show.schema.json)");
  show->add_flag("--markdown", *markdown, "The README.md this operator's folder must hold")->excludes(j);
  show->callback([=] { RunShow(*dir, *query, *show_json, *markdown); });

  auto* lint = catalog->add_subcommand("lint", "Check that every README agrees with its certificates and metadata");
  auto write = std::make_shared<bool>(false);
  lint->add_flag("--write", *write, "Regenerate README.md files first (atomically)");
  lint->callback([=] { RunLint(*dir, *write); });

  auto* which = catalog->add_subcommand("which", "Name the operator of a root or of a certificate chaining to one");
  auto cert = std::make_shared<std::string>();
  auto which_json = std::make_shared<bool>(false);
  which->add_option("CERT", *cert, "PEM/DER file: the certificate first, then any intermediates")->required();
  which->add_flag("--json", *which_json, "JSON output (docs/schemas/catalog-which.schema.json)");
  which->callback([=] { RunWhich(*dir, *cert, *which_json); });
});

}  // namespace
}  // namespace trustready::cli
