// `trustready data status` output (docs/schemas/data-status.schema.json):
// every source of the shipped data with its date, source, licence and age
// against the `--max-data-age` limit.
#ifndef TRUSTREADY_REPORT_DATA_REPORT_H_
#define TRUSTREADY_REPORT_DATA_REPORT_H_

#include <string>

#include "trustready/importer/data_status.h"
#include "trustready/importer/importer.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string DataStatusToJson(const DataStatus& status, int max_age_days);
// A table (SOURCE, DATE, DAYS, FROM; stale rows in yellow) and a summary line.
std::string DataStatusToText(const DataStatus& status, int max_age_days, const TextStyle& style);

// The note of a command that answered from shipped data (stderr): "data:
// WHAT as of DATE (SOURCE)", and a warning when DATE is more than
// `max_age_days` old at `now` (seconds since the epoch); a warning alone
// when the date is unknown.
std::string DataAgeNoteToText(const std::string& what, const DataDate& date, int max_age_days, int64_t now);
// The line `data import` ends with: what the snapshot holds, and how many
// of its certificates data/platforms/certs.der lacks (`missing`).
std::string ImportedSnapshotToText(const ImportedSnapshot& snapshot, size_t missing);
// `data import`'s snapshot document, as data/platforms/imported/*.json holds
// it (docs/schemas/data-import.schema.json; one-space indentation, a final
// newline).
std::string ImportedSnapshotToJson(const ImportedSnapshot& snapshot);

// `trustready --version`: the version, the data folder in use with the
// date of its newest platform snapshot (NewestPlatformSnapshotDate; ""
// when there is none), and the OpenSSL running and built against. No final
// newline (CLI11 adds it).
std::string VersionToText(const std::string& data_dir, const std::string& newest_snapshot);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_DATA_REPORT_H_
