// `trustready catalog list|show|lint|which`: the CA operator catalog in
// data/catalog/ (see include/trustready/catalog/catalog.h).
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/catalog_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

struct CatalogArgs {
  std::string dir, query, cert;
  bool json = false, markdown = false, write = false;
};

Catalog Load(const CatalogArgs& a) { return Unwrap(LoadCatalog(a.dir), a.dir.empty() ? "data/catalog" : a.dir); }
std::shared_ptr<const PlatformData> Platforms() { return Unwrap(LoadPlatformData(), "data/platforms"); }

void RunList(const CatalogArgs& a) {
  Catalog c = Load(a);
  std::cout << (a.markdown ? CatalogToMarkdown(c) : a.json ? CatalogToJson(c) : CatalogToText(c, {UseColor()}));
}

void RunShow(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto platforms = Platforms();
  const CatalogOperator* op = Unwrap(FindOperator(c, a.query), a.query);
  std::cout << (a.json       ? OperatorToJson(*op, *platforms)
                : a.markdown ? RenderOperatorMarkdown(*op, *platforms)
                             : OperatorToText(*op, {UseColor()}, Now()));
}

void RunLint(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto issues = LintCatalog(c, *Platforms(), a.write);
  std::cerr << LintIssuesToText(issues);
  std::cout << LintSummaryToText(c, issues, a.write);
  SetExitCode(issues.empty() ? kExitOk : kExitNo);
}

void RunWhich(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto chain = Unwrap(LoadCertificatesFromFile(a.cert), a.cert);
  auto found = CatalogWhich(c, chain, *Platforms());
  std::cout << (a.json ? CatalogWhichToJson(*chain.front(), found) : CatalogWhichToText(*chain.front(), found));
  SetExitCode(found ? kExitOk : kExitNo);
}

}  // namespace

static void RegisterCatalog(CLI::App& app) {
  auto* catalog = app.add_subcommand("catalog", "Catalog of CA operators and their roots (data/catalog)");
  catalog->require_subcommand(1);
  auto dir = std::make_shared<std::string>();
  catalog->add_option("--catalog-dir", *dir, "Catalog folder (default: data/catalog)");
  auto add = [&](const char* name, const char* help, void (*run)(const CatalogArgs&)) {
    return AddCommand<CatalogArgs>(catalog, name, help, [dir, run](CatalogArgs& a) {
      a.dir = *dir;
      run(a);
    });
  };
  {
    auto [sub, a] = add("list", "List operators", RunList);
    auto* j = sub->add_flag("--json", a->json, "JSON output (docs/schemas/catalog.schema.json)");
    sub->add_flag("--markdown", a->markdown, "Markdown table of operators, linking each folder's README.md")
        ->excludes(j);
  }
  {
    auto [sub, a] = add("show", "Show an operator: roots, programs, cross-signs, audits, incidents", RunShow);
    sub->add_option("OPERATOR", a->query, "Operator id or name prefix (amazon, isrg, ...)")->required();
    auto* j = sub->add_flag("--json", a->json, "JSON output (docs/schemas/catalog-show.schema.json)");
    sub->add_flag("--markdown", a->markdown, "The README.md this operator's folder must hold")->excludes(j);
  }
  {
    auto [sub, a] = add("lint", "Check that every README agrees with its certificates and metadata", RunLint);
    sub->add_flag("--write", a->write, "Regenerate README.md files first (atomically)");
  }
  {
    auto [sub, a] = add("which", "Name the operator of a root or of a certificate chaining to one", RunWhich);
    sub->add_option("CERT", a->cert, "PEM/DER file: the certificate first, then any intermediates")->required();
    sub->add_flag("--json", a->json, "JSON output (docs/schemas/catalog-which.schema.json)");
  }
}
TRUSTREADY_REGISTER_COMMAND("catalog", RegisterCatalog);

}  // namespace trustready::cli
