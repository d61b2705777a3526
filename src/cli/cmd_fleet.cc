// `trustready fleet <scan|targets|export|merge|metrics|diff|whatif>`: many
// endpoints at once, results kept in a database. Logic lives in src/fleet/.
//
// Exit codes: scan 0 when every target was reached and trusted by every
// store, 1 otherwise (an unreachable endpoint is an answer, not an error),
// 2 on bad input; merge 1 with --require-complete and a missing shard; diff
// 1 on a regression; whatif 1 when an endpoint breaks or cannot be judged.
#include <iostream>
#include <optional>

#include "cli/cli.h"
#include "cli/commands_fleet.h"
#include "trustready/fleet/fleet.h"
#include "trustready/fleet/scan_request.h"
#include "trustready/fleet/whatif.h"
#include "trustready/report/fleet_observation_report.h"
#include "trustready/report/fleet_report.h"
#include "trustready/report/fleet_whatif_report.h"

namespace trustready::cli {

void RunFleetTargets(const FleetTargetsArgs& a) {
  Status st = fleet::ForEachTarget(a.in, [&](const fleet::FleetTarget& t, int shard_count) {
    std::cout << (a.json ? FleetTargetToJsonLine(t, shard_count) : t.Key() + "\n");
  });
  if (!st.ok()) Fail(st.error().ToString());  // names the option
}

void RunFleetScan(const FleetScanArgs& a) {
  const fleet::ScanRequest& r = a.request;
  if (a.json && r.jsonl == "-") Fail("--json and --jsonl - both write to stdout; give --jsonl a file");
  fleet::ScanRequest request = r;
  request.options_json = FleetScanRequestRecordJson(r);
  std::optional<FleetObservationJsonlFile> jsonl;
  if (!r.jsonl.empty()) request.observations = &jsonl.emplace(r.jsonl);
  auto run = fleet::Scan(request);
  if (!run.ok()) Fail(run.error().ToString());  // names the option, or "fleet scan"
  const fleet::ScanSummary& s = run->summary;
  if (a.json) {
    std::cout << FleetScanSummaryToJson(s);
  } else if (!a.quiet) {
    (r.jsonl == "-" ? std::cerr : std::cout)
        << FleetScanSummaryToText(s,
                                  {.stores = run->stores,
                                   .out_db = r.out_db,
                                   .per_ip_rate = r.probe.per_ip_rate,
                                   .per_ip_concurrency = r.probe.per_ip_concurrency},
                                  TextStyle{UseColor()});
  }
  SetExitCode(s.all_trusted() || a.record_only ? kExitOk : kExitNo);
}

void RunFleetWhatif(const FleetWhatifArgs& a) {
  auto o = fleet::WhatifOptionsFor(a.question);
  if (!o.ok()) Fail(o.error().ToString());  // names the option
  fleet::WhatifReport r = Unwrap(fleet::Whatif(*o), "fleet whatif");
  if (a.json) {
    std::cout << FleetWhatifToJsonText(r);
  } else {
    std::cout << FleetWhatifToText(r, TextStyle{UseColor()});
  }
  SetExitCode(r.Verdict() == "no_breaks" ? kExitOk : kExitNo);
}

void RunFleetExport(const FleetExportArgs& a) {
  if (a.dest != "-") Fail("fleet export: --jsonl takes only - (redirect stdout to a file)");
  auto s = fleet::ReadStoredObservations(a.db, a.scan,
                                         [](const auto& r) { std::cout << FleetObservationToJsonLine(r); });
  if (!s.ok()) Fail("fleet export", s.error());
}

void RunFleetMerge(const FleetMergeArgs& a) {
  fleet::MergeSummary m = Unwrap(fleet::MergeShards(a.merge), "fleet merge");
  std::cout << (a.json ? FleetMergeToJson(m) : FleetMergeToText(m, a.merge.out_db, TextStyle{UseColor()}));
  std::cerr << FleetMergeMissingLine(m);
  SetExitCode(a.merge.require_complete && !m.missing.empty() ? kExitNo : kExitOk);
}

void RunFleetMetrics(const FleetMetricsArgs& a) {
  size_t n = Unwrap(fleet::WriteMetrics(a.metrics), "fleet metrics");
  if (a.metrics.out_path != "-") std::cerr << "fleet metrics: " << n << " series in " << a.metrics.out_path << "\n";
}

void RunFleetDiff(const FleetDiffArgs& a) {
  fleet::DiffOptions diff = a.diff;
  diff.to_db = a.db;
  diff.from_db = a.from_db.empty() ? a.db : a.from_db;
  fleet::DiffReport d = Unwrap(fleet::DiffScans(diff), "fleet diff");
  std::cout << (a.json ? FleetDiffToJson(d) : FleetDiffToText(d, TextStyle{UseColor()}));
  SetExitCode(d.regression() ? kExitNo : kExitOk);
}

}  // namespace trustready::cli
