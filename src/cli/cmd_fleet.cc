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
#include "trustready/check/check.h"
#include "trustready/fleet/fleet.h"
#include "trustready/fleet/scan_stores.h"
#include "trustready/fleet/whatif.h"
#include "trustready/report/fleet_observation_report.h"
#include "trustready/report/fleet_report.h"
#include "trustready/report/fleet_whatif_report.h"
#include "trustready/store/store_select.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

using fleet::TargetFormat;

struct FleetTargetsArgs {
  std::string targets;
  std::string format = "auto";
  std::string shard;
  std::vector<std::string> resolve;
  bool json = false;
};

struct FleetScanArgs {
  FleetTargetsArgs in;
  std::vector<std::string> stores;
  std::string profile = "amazon-trust-services";
  std::string password;
  std::string out;
  std::string jsonl;
  std::string run_id;
  std::string at;
  bool http = false;
  bool no_aia = false;
  bool json = false;
  bool quiet = false;
  bool record_only = false;
  fleet::ProbeSettings probe;
};

fleet::ScanOptions InputOptions(const FleetTargetsArgs& a, fleet::ScanOptions o = {}) {
  o.targets_path = a.targets;
  o.format = Unwrap(fleet::ParseTargetFormat(a.format), "--format");
  o.defaults.resolve = a.resolve;
  o.shard = Unwrap(fleet::ParseShard(a.shard), "--shard");
  return o;
}

void RunTargets(const FleetTargetsArgs& a) {
  fleet::ScanOptions o = InputOptions(a);
  auto reader = Unwrap(fleet::TargetReader::Open(o.targets_path, o.format, o.defaults), "--targets");
  for (;;) {
    auto t = Unwrap((*reader).Next(), "--targets");
    if (!t) break;
    if (!o.shard.Contains(*t)) continue;
    if (a.json) {
      std::cout << FleetTargetToJsonLine(*t, o.shard.count);
    } else {
      std::cout << t->Key() << "\n";
    }
  }
}

void RunScan(const FleetScanArgs& a) {
  if (a.json && a.jsonl == "-") Fail("--json and --jsonl - both write to stdout; give --jsonl a file");
  fleet::ScanOptions o = InputOptions(a.in);
  MigrationProfile profile = Unwrap(LoadProfile(a.profile), "--profile " + a.profile);
  StoreSelectRequest select;
  for (const auto& spec : a.stores) select.specs.push_back(ParseStoreSpec(spec));
  if (!a.password.empty()) select.password = a.password;
  auto selected = fleet::SelectScanStores(select);
  if (!selected.ok()) Fail(selected.error().ToString());  // names --store already
  const std::vector<CheckedStore>& stores = *selected;
  auto probe = fleet::ProbeOptionsFrom(a.probe);
  if (!probe.ok()) Fail(probe.error().ToString());  // names the option
  o.probe = *probe;
  o.http = a.http;
  o.out_db = a.out;
  std::optional<FleetObservationJsonlFile> jsonl;
  if (!a.jsonl.empty()) o.observations = &jsonl.emplace(a.jsonl);
  o.run_id = a.run_id;
  o.judged_at = AtTime(a.at);
  o.options_json = FleetScanRecordJson({.profile = a.profile,
                                        .stores = a.stores,
                                        .http = a.http,
                                        .aia = !a.no_aia,
                                        .handshake_timeout_s = a.probe.handshake_timeout,
                                        .retries = a.probe.retries});
  TargetCheckOptions judge;
  judge.fetch_aia = !a.no_aia;
  judge.aia.timeout = o.probe.read_timeout;

  fleet::ScanSummary s = Unwrap(fleet::RunScan(o, profile, stores, judge), "fleet scan");
  if (a.json) {
    std::cout << FleetScanSummaryToJson(s);
  } else if (!a.quiet) {
    (a.jsonl == "-" ? std::cerr : std::cout)
        << FleetScanSummaryToText(s,
                                  {.stores = stores.size(),
                                   .out_db = a.out,
                                   .per_ip_rate = a.probe.per_ip_rate,
                                   .per_ip_concurrency = a.probe.per_ip_concurrency},
                                  TextStyle{UseColor()});
  }
  SetExitCode(s.all_trusted() || a.record_only ? kExitOk : kExitNo);
}

struct FleetWhatifArgs {
  fleet::WhatifQuestion question;
  bool json = false;
};

void RunWhatif(const FleetWhatifArgs& a) {
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

struct FleetExportArgs {
  std::string db, scan = "latest", dest = "-";
};

void RunExport(const FleetExportArgs& a) {
  if (a.dest != "-") Fail("fleet export: --jsonl takes only - (redirect stdout to a file)");
  auto s = fleet::ReadStoredObservations(a.db, a.scan,
                                         [](const auto& r) { std::cout << FleetObservationToJsonLine(r); });
  if (!s.ok()) Fail("fleet export", s.error());
}

struct FleetMergeArgs {
  fleet::MergeOptions merge;
  bool json = false;
};

void RunMerge(const FleetMergeArgs& a) {
  fleet::MergeSummary m = Unwrap(fleet::MergeShards(a.merge), "fleet merge");
  std::cout << (a.json ? FleetMergeToJson(m) : FleetMergeToText(m, a.merge.out_db, TextStyle{UseColor()}));
  std::cerr << FleetMergeMissingLine(m);
  SetExitCode(a.merge.require_complete && !m.missing.empty() ? kExitNo : kExitOk);
}

void RunMetrics(const fleet::MetricsOptions& a) {
  size_t n = Unwrap(fleet::WriteMetrics(a), "fleet metrics");
  if (a.out_path != "-") std::cerr << "fleet metrics: " << n << " series in " << a.out_path << "\n";
}

struct FleetDiffArgs {
  fleet::DiffOptions diff;
  std::string db, from_db;
  bool json = false;
};

void RunDiff(FleetDiffArgs& a) {
  a.diff.to_db = a.db;
  a.diff.from_db = a.from_db.empty() ? a.db : a.from_db;
  fleet::DiffReport d = Unwrap(fleet::DiffScans(a.diff), "fleet diff");
  std::cout << (a.json ? FleetDiffToJson(d) : FleetDiffToText(d, TextStyle{UseColor()}));
  SetExitCode(d.regression() ? kExitNo : kExitOk);
}

void AddInputOptions(CLI::App* sub, FleetTargetsArgs* a) {
  sub->add_option("--targets,-t", a->targets, "targets file (- for stdin)")->required();
  sub->add_option("--format", a->format, "auto (default), list, csv, jsonl, nmap-grep");
  sub->add_option("--shard", a->shard, "K/N (0-based) or auto (JOB_COMPLETION_INDEX + TRUSTREADY_SHARD_COUNT, or SLURM_ARRAY_TASK_*)");
  sub->add_option("--resolve", a->resolve, "HOST:PORT:ADDR: connect to ADDR for HOST:PORT (curl-style; repeatable)");
}

constexpr const char* kDbHelp = "fleet database: a SQLite file, or PostgreSQL (postgresql://... or postgres:CONNINFO)";

}  // namespace

static void RegisterFleet(CLI::App& app) {
  auto* fleet = app.add_subcommand("fleet", "Scan many endpoints at once; keep, merge, export, diff the results");
  fleet->require_subcommand(1);
  {
    auto [sub, a] = AddCommand<FleetTargetsArgs>(fleet, "targets", "Parse (and shard) a targets file: one target key per line", RunTargets);
    AddInputOptions(sub, a.get());
    sub->add_flag("--json", a->json, "one JSON object per target");
  }
  {
    auto [sub, a] = AddCommand<FleetScanArgs>(fleet, "scan", "Probe every target, judge each served chain against the stores", RunScan);
    AddInputOptions(sub, &a->in);
    sub->add_option("--store,-s", a->stores, "trust store (as for `check`; repeatable; default: this machine's)");
    sub->add_option("--profile,-p", a->profile, "migration profile (serves_profile column)");
    sub->add_option("--password", a->password, "keystore password for JKS/PKCS#12 stores");
    sub->add_option("--out,-o", a->out, "SQLite database to write (replaced atomically at the end), or PostgreSQL (postgresql://... or postgres:CONNINFO; loaded in one transaction at the end)");
    sub->add_option("--jsonl", a->jsonl, "stream one JSON object per observation to FILE (- for stdout)");
    sub->add_option("--run-id", a->run_id, "run id (default TRUSTREADY_RUN_ID, else input sha256 + UTC hour)");
    sub->add_option("--at", a->at, "judge at this time, RFC 3339 (default now; in shard mode the start of the hour)");
    sub->add_flag("--http", a->http, "also GET each target's path and record the status");
    sub->add_flag("--no-aia", a->no_aia, "never fetch missing intermediates from AIA URLs");
    sub->add_option("--threads", a->probe.threads, "event loops (default: one per core)");
    sub->add_option("--resolvers", a->probe.resolvers, "DNS resolver threads (default 8)");
    sub->add_option("--concurrency", a->probe.concurrency, "connections in flight (default 1000)");
    sub->add_option("--per-ip-concurrency", a->probe.per_ip_concurrency, "connections in flight per address (default 4; 0: no limit)");
    sub->add_option("--per-ip-rate", a->probe.per_ip_rate, "new connections per second per address (default 20; 0: no limit)");
    sub->add_option("--dns-timeout", a->probe.dns_timeout, "seconds (default 5)");
    sub->add_option("--connect-timeout", a->probe.connect_timeout, "seconds (default 5)");
    sub->add_option("--handshake-timeout", a->probe.handshake_timeout, "seconds (default 5)");
    sub->add_option("--read-timeout", a->probe.read_timeout, "seconds for the HTTP status line and AIA fetches (default 5)");
    sub->add_option("--retries", a->probe.retries, "retries after a timeout or reset (default 1)");
    sub->add_option("--retry-backoff", a->probe.retry_backoff, "seconds before the first retry, doubled each time, +-20% (default 1)");
    sub->add_flag("--no-dns-cache", a->probe.no_dns_cache, "resolve every target anew");
    sub->add_flag("--json", a->json, "summary as JSON (docs/schemas/fleet-scan-summary.schema.json)");
    sub->add_flag("--quiet,-q", a->quiet, "no summary");
    sub->add_flag("--record-only", a->record_only,
                  "exit 0 once the results are written, whatever they say (batch jobs: Kubernetes/Slurm would retry a shard that exits 1)");
  }
  {
    auto [sub, a] = AddCommand<FleetExportArgs>(fleet, "export", "Observations of a stored run as JSONL (the scan's own lines)", RunExport);
    sub->add_option("--db", a->db, kDbHelp)->required();
    sub->add_option("--scan", a->scan, "latest (default), a run id or a scan id");
    sub->add_option("--jsonl", a->dest, "- (stdout, the default and only destination)");
  }
  {
    auto [sub, a] = AddCommand<FleetMergeArgs>(fleet, "merge", "Union shard databases into one (idempotent, order-independent)", RunMerge);
    sub->add_option("--out,-o", a->merge.out_db, "merged database (created or extended): a SQLite file, or PostgreSQL (postgresql://... or postgres:CONNINFO; postgres: alone uses PG* variables)")->required();
    sub->add_option("INPUT", a->merge.inputs, "shard databases, or directories holding shard-*.db")->required();
    sub->add_flag("--require-complete", a->merge.require_complete, "exit 1 when a shard of the run is missing");
    sub->add_flag("--json", a->json, "summary as JSON");
  }
  {
    auto [sub, a] = AddCommand<fleet::MetricsOptions>(fleet, "metrics", "Prometheus text metrics of the newest run (aggregates only)", RunMetrics);
    sub->add_option("--db", a->db_path, kDbHelp)->required();
    sub->add_option("--out,-o", a->out_path, "FILE.prom (written atomically), or - for stdout")->required();
    sub->add_option("--group-by", a->group_by, "a target label to split counts by (e.g. owner)");
    sub->add_option("--max-series", a->max_series, "fail rather than write more series (default 2000)");
  }
  {
    auto [sub, a] = AddCommand<FleetDiffArgs>(fleet, "diff", "What changed between two runs; exit 1 on a regression", RunDiff);
    sub->add_option("--db", a->db, "fleet database holding both runs (or the newer one with --from-db); SQLite file or PostgreSQL")->required();
    sub->add_option("--from-db", a->from_db, "database of the older run (default: --db)");
    sub->add_option("--from", a->diff.from, "older run id (default: previous)");
    sub->add_option("--to", a->diff.to, "newer run id (default: latest)");
    sub->add_flag("--json", a->json, "JSON (docs/schemas/fleet-diff.schema.json)");
  }
  {
    auto [sub, a] = AddCommand<FleetWhatifArgs>(
        fleet, "whatif", "Which endpoints break if we serve chain X, move to profile P, or by DATE (from stored chains)", RunWhatif);
    sub->add_option("--db", a->question.db_path, kDbHelp)->required();
    sub->add_option("--scan", a->question.scan, "latest (default), a run id or a scan id");
    sub->add_option("--new-chain", a->question.new_chain, "the chain to serve (PEM/DER, leaf first): endpoints that break, as `plan --new`");
    sub->add_option("--candidates", a->question.candidates, "more cross-certificates / intermediates, as `plan --candidates`")
        ->expected(1, -1);
    sub->add_option("--profile,-p", a->question.profile, "migration profile: endpoints trusted today on snapshots not ready for it");
    sub->add_option("--at", a->question.at,
                    "alone: endpoints that lose trust by this date (as `check --at`); with --new-chain/--profile: the "
                    "judging time (YYYY-MM-DD or RFC 3339; default now)");
    sub->add_option("--platforms", a->question.platforms, "snapshots: all (default), android:all, apple:latest,... (comma-separated)");
    sub->add_flag("--json", a->json, "JSON (docs/schemas/fleet-whatif.schema.json)");
  }
}
TRUSTREADY_REGISTER_COMMAND("fleet", RegisterFleet);

}  // namespace trustready::cli
