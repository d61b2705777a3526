// JSON form of readiness results (`trustready check --json`,
// docs/schemas/check.schema.json).
#ifndef TRUSTREADY_CHECK_REPORT_H_
#define TRUSTREADY_CHECK_REPORT_H_

#include <nlohmann/json.hpp>

#include "trustready/check/check.h"

namespace trustready {

std::string_view AnchorPresenceName(AnchorPresence p);  // "exact", "same-key", "absent"
nlohmann::json StoreReadinessToJson(const StoreReadiness& r);
nlohmann::json TargetCheckToJson(const TargetCheck& t);
nlohmann::json ProfileToJson(const MigrationProfile& p);

}  // namespace trustready

#endif  // TRUSTREADY_CHECK_REPORT_H_
