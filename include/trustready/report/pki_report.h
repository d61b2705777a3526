// `trustready pki demo` outputs: the manifest with the directory and
// whether it was reused (docs/schemas/pki-demo.schema.json), or a listing;
// and what `pki verify-cases` wrote.
#ifndef TRUSTREADY_REPORT_PKI_REPORT_H_
#define TRUSTREADY_REPORT_PKI_REPORT_H_

#include <string>
#include <vector>

#include "trustready/pki/demo_pki.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string DemoPkiToJson(const DemoPki& pki);
std::string DemoPkiToText(const DemoPki& pki, const TextStyle& style);

// `pki verify-cases DIR`: the case folders written (WriteVerifyCases' names),
// one DIR/NAME line each, or as JSON (docs/schemas/pki-verify-cases.schema.json).
std::string VerifyCasesToJson(const std::string& dir, const std::vector<std::string>& names);
std::string VerifyCasesToText(const std::string& dir, const std::vector<std::string>& names);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_PKI_REPORT_H_
