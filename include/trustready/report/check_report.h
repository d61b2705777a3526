// `trustready check` rendered: the whole JSON document
// (docs/schemas/check.schema.json) and the whole text form of a CheckReport
// (check::Run, check/check.h), plus the pieces other documents reuse.
#ifndef TRUSTREADY_CHECK_REPORT_H_
#define TRUSTREADY_CHECK_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "trustready/check/check.h"
#include "trustready/report/cert_report.h"

namespace trustready {

std::string_view AnchorPresenceName(AnchorPresence p);  // "exact", "same-key", "absent"
// One "stores" item: a judged store, or an UNKNOWN one (state "unknown").
nlohmann::json StoreReadinessToJson(const StoreReadiness& r);
// One "targets" item; an errored target has status "error" and its reason.
nlohmann::json TargetCheckToJson(const TargetCheck& t);
nlohmann::json ProfileToJson(const MigrationProfile& p);

// The check.schema.json document.
nlohmann::json CheckReportToJson(const CheckReport& report);
// The same, as the text printed (indented by 2, ending in a newline).
std::string CheckReportToJsonText(const CheckReport& report);
// The text form, verdict line last. `style.color`: ANSI colours.
std::string CheckReportToText(const CheckReport& report, const TextStyle& style = {});
// For standard error: "trustready: TARGET: ERROR", one line per target that
// could not be checked (the document or text says it too).
std::string CheckTargetErrorsToText(const CheckReport& report);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_REPORT_H_
