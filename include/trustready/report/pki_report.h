// `trustready pki demo` outputs: the manifest with the directory and
// whether it was reused (docs/schemas/pki-demo.schema.json), or a listing.
#ifndef TRUSTREADY_REPORT_PKI_REPORT_H_
#define TRUSTREADY_REPORT_PKI_REPORT_H_

#include <string>

#include "trustready/pki/demo_pki.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string DemoPkiToJson(const DemoPki& pki);
std::string DemoPkiToText(const DemoPki& pki, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_PKI_REPORT_H_
