// `trustready fleet ...` outputs other than `whatif` (fleet_whatif_report.h):
// `targets --json` lines, the scan summary
// (docs/schemas/fleet-scan-summary.schema.json), `merge`
// (fleet-merge.schema.json) and `diff` (fleet-diff.schema.json), as JSON and
// text; and the options a scan records in its run row.
#ifndef TRUSTREADY_REPORT_FLEET_REPORT_H_
#define TRUSTREADY_REPORT_FLEET_REPORT_H_

#include <string>
#include <vector>

#include "trustready/fleet/fleet.h"
#include "trustready/fleet/scan_request.h"
#include "trustready/fleet/targets.h"
#include "trustready/report/text_style.h"

namespace trustready {

// One line of `fleet targets --json` (compact JSON and a newline); the shard
// is the target's among `shard_count`.
std::string FleetTargetToJsonLine(const fleet::FleetTarget& target, int shard_count);

// The options of a scan as recorded in the database's run row (compact JSON).
struct FleetScanRecord {
  std::string profile;
  std::vector<std::string> stores;  // as given
  bool http = false;
  bool aia = true;
  double handshake_timeout_s = 5;
  int retries = 1;
};
std::string FleetScanRecordJson(const FleetScanRecord& record);
// The record of a `fleet scan` request (profile, stores as given, http, AIA,
// handshake timeout, retries).
std::string FleetScanRequestRecordJson(const fleet::ScanRequest& request);

std::string FleetScanSummaryToJson(const fleet::ScanSummary& summary);
// What the scan text needs beyond the summary.
struct FleetScanTextContext {
  size_t stores = 0;           // stores judged against
  std::string out_db;          // --out, or empty
  double per_ip_rate = 0;      // the per-address limits in force
  int per_ip_concurrency = 0;
};
std::string FleetScanSummaryToText(const fleet::ScanSummary& summary, const FleetScanTextContext& context,
                                   const TextStyle& style);

std::string FleetMergeToJson(const fleet::MergeSummary& merge);
std::string FleetMergeToText(const fleet::MergeSummary& merge, const std::string& out_db, const TextStyle& style);
// The one-line stderr warning of a merge with missing shards ("" when none).
std::string FleetMergeMissingLine(const fleet::MergeSummary& merge);

std::string FleetDiffToJson(const fleet::DiffReport& diff);
std::string FleetDiffToText(const fleet::DiffReport& diff, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_FLEET_REPORT_H_
