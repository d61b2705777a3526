// `fleet targets/scan/merge/diff` rendered; see
// include/trustready/report/fleet_report.h.
#include "trustready/report/fleet_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "report/render.h"

namespace trustready {

using namespace report_internal;

std::string FleetTargetToJsonLine(const fleet::FleetTarget& t, int shard_count) {
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [k, v] : t.labels) labels[k] = v;
  nlohmann::json j = {{"target_key", t.Key()},
                      {"target", t.text},
                      {"source", t.source},
                      {"chain_file", t.chain_file},
                      {"image", StringOrNull(t.image)},
                      {"host", t.host},
                      {"port", t.port},
                      {"sni", StringOrNull(t.EffectiveSni())},
                      {"address", StringOrNull(t.address)},
                      {"starttls", StringOrNull(t.starttls)},
                      {"labels", labels},
                      {"shard", fleet::ShardOf(t.Key(), std::max(1, shard_count))}};
  return j.dump() + "\n";
}

std::string FleetScanRecordJson(const FleetScanRecord& r) {
  nlohmann::json stores = nlohmann::json::array();
  for (const auto& s : r.stores) stores.push_back(s);
  return nlohmann::json{{"profile", r.profile},
                        {"stores", stores},
                        {"http", r.http},
                        {"aia", r.aia},
                        {"handshake_timeout_s", r.handshake_timeout_s},
                        {"retries", r.retries}}
      .dump();
}

std::string FleetScanRequestRecordJson(const fleet::ScanRequest& r) {
  return FleetScanRecordJson({.profile = r.profile,
                              .stores = r.stores,
                              .http = r.http,
                              .aia = !r.no_aia,
                              .handshake_timeout_s = r.probe.handshake_timeout,
                              .retries = r.probe.retries});
}

std::string FleetScanSummaryToJson(const fleet::ScanSummary& s) {
  nlohmann::json statuses = nlohmann::json::object();
  for (const auto& [k, v] : s.statuses) statuses[k] = v;
  return Document({{"schema", "trustready.fleet.scan-summary/1"},
                   {"run_id", s.run_id},
                   {"scan_id", s.scan_id},
                   {"shard", s.shard},
                   {"shard_count", s.shard_count},
                   {"targets", s.targets},
                   {"other_shards", s.skipped_other_shards},
                   {"ok", s.ok},
                   {"trusted", s.trusted},
                   {"images", s.images},
                   {"images_judged", s.images_judged},
                   {"images_ready", s.images_ready},
                   {"statuses", statuses},
                   {"handshakes", s.handshakes},
                   {"attempts", s.attempts},
                   {"chains", s.chains},
                   {"judgements", s.judgements},
                   {"seconds", s.seconds},
                   {"handshakes_per_second", s.seconds > 0 ? double(s.handshakes) / s.seconds : 0.0},
                   {"cpu_us_per_handshake", s.cpu_us_per_handshake},
                   {"judged_at", FormatRfc3339(s.judged_at)},
                   {"all_trusted", s.all_trusted()}});
}

std::string FleetScanSummaryToText(const fleet::ScanSummary& s, const FleetScanTextContext& c, const TextStyle& st) {
  std::string out = Bold(st, "fleet scan " + s.scan_id) + ": " + std::to_string(s.targets) + " targets";
  if (s.shard_count > 1) out += " in shard " + std::to_string(s.shard) + " of " + std::to_string(s.shard_count);
  // Images are counted on their own line: "reached" and "trusted by the
  // stores" are about endpoints and chain files.
  if (s.images > 0) out += " (" + std::to_string(s.images) + (s.images == 1 ? " image)" : " images)");
  const uint64_t reached = s.ok - s.images_judged, trusted = s.trusted - s.images_ready;
  out += ", " + std::to_string(reached) + " reached, " +
         (s.all_trusted() ? Green(st, std::to_string(trusted)) : Red(st, std::to_string(trusted))) +
         " trusted by all " + std::to_string(c.stores) + (c.stores == 1 ? " store" : " stores") + "\n";
  std::string statuses;
  for (const auto& [k, v] : s.statuses) statuses += (statuses.empty() ? "" : ", ") + k + " " + std::to_string(v);
  out += "  statuses: " + (statuses.empty() ? std::string("none") : statuses) + "\n";
  if (s.images > 0) {
    out += "  images: " + (s.images_ready == s.images ? Green(st, std::to_string(s.images_ready))
                                                       : Red(st, std::to_string(s.images_ready))) +
           " of " + std::to_string(s.images) + " ready (every store found in the image, as `check --root`)\n";
  }
  char buf[200];
  std::snprintf(buf, sizeof buf, "  %llu handshakes in %.2f s (%.0f/s), %.0f us CPU per handshake, %llu distinct chains",
                static_cast<unsigned long long>(s.handshakes), s.seconds,
                s.seconds > 0 ? double(s.handshakes) / s.seconds : 0.0, s.cpu_us_per_handshake,
                static_cast<unsigned long long>(s.chains));
  out += std::string(buf) + "\n";
  if (!c.out_db.empty()) out += "  results: " + c.out_db + "\n";
  if (c.per_ip_rate > 0 && s.targets > 0 && s.seconds > 2) {
    out += Dim(st, "  (per-address limits: --per-ip-rate " + std::to_string(static_cast<int>(c.per_ip_rate)) +
                       "/s, --per-ip-concurrency " + std::to_string(c.per_ip_concurrency) +
                       "; 0 lifts them for your own servers)") +
           "\n";
  }
  return out;
}

std::string FleetMergeToJson(const fleet::MergeSummary& m) {
  return Document({{"schema", "trustready.fleet.merge/1"},
                   {"run_id", m.run_id},
                   {"shard_count", m.shard_count},
                   {"present", m.present},
                   {"missing", m.missing},
                   {"observations", m.observations},
                   {"complete", m.missing.empty()}});
}

std::string FleetMergeToText(const fleet::MergeSummary& m, const std::string& out_db, const TextStyle& st) {
  std::string out = "merged run " + m.run_id + ": " + std::to_string(m.present.size()) + " of " +
                    std::to_string(m.shard_count) + " shards, " + std::to_string(m.observations) +
                    " observations in " + out_db + "\n";
  for (int k : m.missing) {
    out += Red(st, "missing") + ": shard " + std::to_string(k) + " of " + std::to_string(m.shard_count) + "\n";
  }
  return out;
}

std::string FleetMergeMissingLine(const fleet::MergeSummary& m) {
  if (m.missing.empty()) return "";
  std::string out = "trustready: fleet merge: missing";
  for (int k : m.missing) out += " shard " + std::to_string(k) + " of " + std::to_string(m.shard_count) + ";";
  return out + "\n";
}

std::string FleetDiffToJson(const fleet::DiffReport& d) {
  nlohmann::json entries = nlohmann::json::array();
  std::map<std::string, int> counts;
  for (const auto& e : d.entries) {
    entries.push_back({{"target_key", e.target_key},
                       {"target", e.target},
                       {"change", e.change},
                       {"detail", e.detail},
                       {"regression", e.regression}});
    ++counts[e.change];
  }
  return Document({{"schema", "trustready.fleet.diff/1"},
                   {"from_run", d.from_run},
                   {"to_run", d.to_run},
                   {"regression", d.regression()},
                   {"counts", counts},
                   {"changes", entries}});
}

std::string FleetDiffToText(const fleet::DiffReport& d, const TextStyle& st) {
  std::string out = Bold(st, "fleet diff " + d.from_run + " -> " + d.to_run) + ": " + std::to_string(d.entries.size()) +
                    (d.entries.size() == 1 ? " change" : " changes") + "\n";
  for (const auto& e : d.entries) {
    out += "  " + (e.regression ? Red(st, e.change) : e.change) + "  " + e.target +
           (e.detail.empty() ? "" : Dim(st, "  " + e.detail)) + "\n";
  }
  out += (d.regression() ? Red(st, "Verdict: REGRESSION") : Green(st, "Verdict: no regression")) + "\n";
  return out;
}

}  // namespace trustready
