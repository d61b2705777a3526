// `trustready data status` output (docs/schemas/data-status.schema.json):
// every source of the shipped data with its date, source, licence and age
// against the `--max-data-age` limit.
#ifndef TRUSTREADY_REPORT_DATA_REPORT_H_
#define TRUSTREADY_REPORT_DATA_REPORT_H_

#include <string>

#include "trustready/importer/data_status.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string DataStatusToJson(const DataStatus& status, int max_age_days);
// A table (SOURCE, DATE, DAYS, FROM; stale rows in yellow) and a summary line.
std::string DataStatusToText(const DataStatus& status, int max_age_days, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_DATA_REPORT_H_
