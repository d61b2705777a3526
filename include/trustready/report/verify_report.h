// `trustready verify` rendered: the whole JSON document
// (docs/schemas/verify.schema.json) and text form of a VerifyReport
// (check/verify_stores.h), and the JSON/text of one VerifyResult, which
// `check` reuses for each store's verdict on a target. New VerifyResult
// fields (revocation status, policies) go into VerifyResultToJson and
// VerifyResultToText, and so into every document that shows a result.
#ifndef TRUSTREADY_VERIFY_REPORT_H_
#define TRUSTREADY_VERIFY_REPORT_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trustready/check/verify_stores.h"
#include "trustready/report/cert_report.h"
#include "trustready/verify/verify.h"

namespace trustready {

// {"store", "trusted", "paths": [{"valid", "certificates": [sha256...],
//  "names": [...], "anchor_source", "errors": [error...]}], "error": error
//  | null}; error: {"code", "certificate", "message", "severity", "detail"
//  (the stable detail id, when the error has one)}
nlohmann::json VerifyResultToJson(const VerifyResult& result, const std::string& store_name);

nlohmann::json VerifyErrorToJson(const VerifyError& error);

std::string_view VerifyPurposeName(VerifyPurpose purpose);  // "server", "client", "any"

// One store's verdict as text: every path with its certificates and errors,
// and the most specific failure.
std::string VerifyResultToText(const VerifyResult& result, const std::string& store_name,
                               const TextStyle& style = {});

// The verify.schema.json document, and it printed (indented by 2, newline).
nlohmann::json VerifyReportToJson(const VerifyReport& report);
std::string VerifyReportToJsonText(const VerifyReport& report);
// Each store's text, then the verdict line.
std::string VerifyReportToText(const VerifyReport& report, const TextStyle& style = {});

}  // namespace trustready

#endif  // TRUSTREADY_VERIFY_REPORT_H_
