// `trustready fleet`: scan many endpoints at once, keep the results in a
// database (SQLite file per scan or shard), merge shards, export, diff and
// metrics.
//
// Pipeline of a scan: a reader streams targets (targets.h), keeps those of
// its shard and submits them to the asynchronous probe engine
// (tls/async_probe.h); results go to ONE judge-and-sink thread, which judges
// each distinct (served chain, name) once through check's own CheckTarget
// on the chain in hand (so a fleet verdict per store is exactly what
// `trustready check TARGET --store S` says), then writes the observation to
// the database and the JSONL stream as it goes. Memory is bounded by the
// concurrency plus the distinct chains, never by the number of targets.
//
// The database (schema v2, README "Fleet") is content-addressed where it can
// be (certificates, chains, verdicts by chain, judges by name), so shards
// merge by union and a merge is idempotent and order-independent.
#ifndef TRUSTREADY_FLEET_FLEET_H_
#define TRUSTREADY_FLEET_FLEET_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/check/check.h"
#include "trustready/fleet/observation.h"
#include "trustready/fleet/targets.h"
#include "trustready/tls/async_probe.h"

namespace trustready::fleet {

struct ScanOptions {
  std::string targets_path;  // "-": stdin
  TargetFormat format = TargetFormat::kAuto;
  TargetDefaults defaults;
  Shard shard;
  AsyncProbeOptions probe;
  bool http = false;          // GET the path and record the status line
  std::string out_db;         // SQLite file (replaced atomically); empty: none
  ObservationSink* observations = nullptr;  // gets every observation as recorded (`--jsonl`); null: none
  std::string run_id;         // empty: TRUSTREADY_RUN_ID, else <input sha256[:12]>-<UTC hour>
  UnixTime judged_at = 0;     // 0: now (in shard mode: the start of the UTC hour)
  std::string options_json;   // recorded in the run row
};

// The probe knobs as `fleet scan` takes them (counts, rates, seconds),
// checked and turned into AsyncProbeOptions by ProbeOptionsFrom; an
// out-of-range value is an error naming its option ("--retries: between 0
// and 5"), in the order the options are listed here.
struct ProbeSettings {
  int concurrency = 1000;
  int threads = 0;  // 0: one event loop per core
  int resolvers = 8;
  int per_ip_concurrency = 4;  // 0: no limit
  double per_ip_rate = 20;     // new connections per second per address; 0: no limit
  int retries = 1;
  double retry_backoff = 1;  // seconds before the first retry, doubled each time
  double dns_timeout = 5, connect_timeout = 5, handshake_timeout = 5, read_timeout = 5;
  bool no_dns_cache = false;
};
Result<AsyncProbeOptions> ProbeOptionsFrom(const ProbeSettings& settings);

// What one scan did.
struct ScanSummary {
  std::string run_id;
  std::string scan_id;
  int shard = 0, shard_count = 1;
  uint64_t targets = 0;           // in this shard
  uint64_t skipped_other_shards = 0;
  uint64_t ok = 0;                // handshake (or chain file) and judged
  uint64_t trusted = 0;           // ok and trusted by every store (images: every store found ready)
  uint64_t images = 0;            // image targets
  uint64_t images_judged = 0;     // of them: stores found and judged (status ok)
  uint64_t images_ready = 0;      // of them: every store found ready
  std::map<std::string, uint64_t> statuses;
  uint64_t handshakes = 0, attempts = 0;
  uint64_t chains = 0;            // distinct chains seen
  uint64_t judgements = 0;        // distinct (chain, name) judged
  double seconds = 0;
  double cpu_us_per_handshake = 0;
  UnixTime judged_at = 0;
  bool all_trusted() const { return targets > 0 && trusted == targets; }
};

// Scans. Bad input (a target line, the database path) is an error naming it;
// an unreachable endpoint is a recorded status, never an error.
Result<ScanSummary> RunScan(const ScanOptions& options, const MigrationProfile& profile,
                            const std::vector<CheckedStore>& stores, const TargetCheckOptions& judge);

// --- Stored results ---------------------------------------------------------

// `fleet export`: every stored observation of `scan` ("latest": every shard
// of the newest run; else a run id or a scan id), ordered by target key and
// address index, each the same record the scan gave its ObservationSink
// (report/fleet_observation_report.h renders them as JSONL).
Status ReadStoredObservations(const std::string& db_path, const std::string& scan, const ObservationFn& fn);

struct MergeOptions {
  std::string out_db;
  std::vector<std::string> inputs;  // shard databases (or directories of them)
  bool require_complete = false;
};
struct MergeSummary {
  std::string run_id;
  int shard_count = 0;
  std::vector<int> present;  // shard indices merged (or already there)
  std::vector<int> missing;
  uint64_t observations = 0;
};
// Unions shard databases into `out_db` (created when missing). Shards must
// share run id, shard count, judged_at and data; duplicate shards are
// ignored (idempotent), and the result does not depend on the order.
Result<MergeSummary> MergeShards(const MergeOptions& options);

// Prometheus text exposition (aggregates only: no per-endpoint series) for
// the newest run in the database, written atomically (temp file + rename).
// `group_by`: a label key to split counts by (bounded by `max_series`).
struct MetricsOptions {
  std::string db_path;
  std::string out_path;  // "-": stdout
  std::string group_by;
  size_t max_series = 2000;
};
Result<size_t> WriteMetrics(const MetricsOptions& options);

// `fleet diff`: what changed between two scans of the database(s).
struct DiffOptions {
  std::string from_db, to_db;        // the same file for history in one db
  std::string from = "previous", to = "latest";  // run ids, or previous/latest
};
struct DiffEntry {
  std::string target_key;
  std::string target;
  std::string change;   // added, removed, unreachable, reachable, status, issuer_changed,
                        // intermediates_changed, leaf_renewed, newly_untrusted, newly_trusted;
                        // image targets: newly_not_ready, newly_ready, stores_added, stores_removed
  std::string detail;
  bool regression = false;
};
struct DiffReport {
  std::string from_run, to_run;
  std::vector<DiffEntry> entries;
  bool regression() const {
    for (const auto& e : entries) {
      if (e.regression) return true;
    }
    return false;
  }
};
Result<DiffReport> DiffScans(const DiffOptions& options);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_FLEET_H_
