// `trustready catalog ...` outputs: list (docs/schemas/catalog.schema.json),
// show (catalog-show.schema.json), which (catalog-which.schema.json), lint,
// and their text and Markdown forms. Each returns the whole output.
#ifndef TRUSTREADY_REPORT_CATALOG_REPORT_H_
#define TRUSTREADY_REPORT_CATALOG_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "trustready/catalog/catalog.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string CatalogToJson(const Catalog& catalog);
std::string CatalogToText(const Catalog& catalog, const TextStyle& style);
// The catalog's index: one row per operator, linking its README.md.
std::string CatalogToMarkdown(const Catalog& catalog);

std::string OperatorToJson(const CatalogOperator& op, const PlatformData& platforms);
// Roots whose notAfter is before `now` are listed as EXPIRED.
std::string OperatorToText(const CatalogOperator& op, const TextStyle& style, UnixTime now);

// `cert` is the certificate asked about; `found` what CatalogWhich said.
std::string CatalogWhichToJson(const Certificate& cert, const std::optional<WhichResult>& found);
std::string CatalogWhichToText(const Certificate& cert, const std::optional<WhichResult>& found);

// Problems one per line ("path: message", for stderr) and the summary line.
std::string LintIssuesToText(const std::vector<LintIssue>& issues);
std::string LintSummaryToText(const Catalog& catalog, const std::vector<LintIssue>& issues, bool rewritten);
// `catalog lint --json` (docs/schemas/catalog-lint.schema.json): the problems
// and the counts the summary line gives.
std::string LintToJson(const Catalog& catalog, const std::vector<LintIssue>& issues, bool rewritten);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_CATALOG_REPORT_H_
