// `trustready catalog list|show|lint|which`: the CA operator catalog in
// data/catalog/ (see include/trustready/catalog/catalog.h).
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_catalog.h"
#include "trustready/report/catalog_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

Catalog Load(const CatalogArgs& a) { return Unwrap(LoadCatalog(a.dir), a.dir.empty() ? "data/catalog" : a.dir); }
std::shared_ptr<const PlatformData> Platforms() { return Unwrap(LoadPlatformData(), "data/platforms"); }

}  // namespace

void RunCatalogList(const CatalogArgs& a) {
  Catalog c = Load(a);
  std::cout << (a.markdown ? CatalogToMarkdown(c) : a.json ? CatalogToJson(c) : CatalogToText(c, {UseColor()}));
}

void RunCatalogShow(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto platforms = Platforms();
  const CatalogOperator* op = Unwrap(FindOperator(c, a.query), a.query);
  std::cout << (a.json       ? OperatorToJson(*op, *platforms)
                : a.markdown ? RenderOperatorMarkdown(*op, *platforms)
                             : OperatorToText(*op, {UseColor()}, Now()));
}

void RunCatalogLint(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto issues = LintCatalog(c, *Platforms(), a.write);
  std::cerr << LintIssuesToText(issues);
  std::cout << (a.json ? LintToJson(c, issues, a.write) : LintSummaryToText(c, issues, a.write));
  SetExitCode(issues.empty() ? kExitOk : kExitNo);
}

void RunCatalogWhich(const CatalogArgs& a) {
  Catalog c = Load(a);
  auto chain = Unwrap(LoadCertificatesFromFile(a.cert), a.cert);
  auto found = CatalogWhich(c, chain, *Platforms());
  std::cout << (a.json ? CatalogWhichToJson(*chain.front(), found) : CatalogWhichToText(*chain.front(), found));
  SetExitCode(found ? kExitOk : kExitNo);
}

}  // namespace trustready::cli
