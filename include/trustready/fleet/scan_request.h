// `fleet targets` and `fleet scan` as the command line gives them: the
// targets input with its format and shard by name, the stores as `check`
// names them, the profile by name, the probe knobs, the time as RFC 3339.
// ScanOptionsFor and Scan check them in this order, each error naming its
// option ("--format: ...", "--profile P: ...", "--at: ..."), kind and
// detail of the inner error kept, so the CLI prints them as they are.
#ifndef TRUSTREADY_FLEET_SCAN_REQUEST_H_
#define TRUSTREADY_FLEET_SCAN_REQUEST_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/fleet/fleet.h"

namespace trustready::fleet {

struct TargetInput {
  std::string targets;  // a targets file; "-": stdin
  std::string format = "auto";
  std::string shard;                  // K/N, auto, or empty (all)
  std::vector<std::string> resolve;   // HOST:PORT:ADDR (curl's --resolve)
};
// The input part of a scan's ScanOptions (targets_path, format, defaults,
// shard); errors: "--format: ...", "--shard: ...".
Result<ScanOptions> ScanOptionsFor(const TargetInput& input);

// `fleet targets`: every target of the input's shard, streamed to `each`
// (with the shard count) as it is read. Errors: ScanOptionsFor's, then
// "--targets: FILE:LINE: ..." (targets before the bad line were handed on).
Status ForEachTarget(const TargetInput& input, const std::function<void(const FleetTarget&, int shard_count)>& each);

struct ScanRequest {
  TargetInput input;
  std::vector<std::string> stores;  // store specs as `check --store`; none: this machine's
  std::string password;             // keystore password for every store; empty: none given
  std::string profile = "amazon-trust-services";
  ProbeSettings probe;
  bool http = false;
  bool no_aia = false;
  std::string out_db;   // SQLite file or PostgreSQL; empty: none
  std::string jsonl;    // --jsonl as given: path or "-" (stdout); the caller makes `observations` of it
  ObservationSink* observations = nullptr;  // gets every observation as recorded; null: none
  std::string run_id;   // empty: TRUSTREADY_RUN_ID, else derived (ScanOptions::run_id)
  std::string at;       // RFC 3339; empty: now
  std::string options_json;  // recorded in the run row (report's FleetScanRecordJson)
};

struct ScanRun {
  ScanSummary summary;
  size_t stores = 0;  // the stores every target was judged against
};

// The whole `fleet scan`: input, profile, stores (SelectScanStores: a store
// that cannot be read stops the scan), probe knobs, time, then RunScan
// (its errors named "fleet scan: ...").
Result<ScanRun> Scan(const ScanRequest& request);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_SCAN_REQUEST_H_
