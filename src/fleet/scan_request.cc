// ScanOptionsFor and Scan: `fleet scan`'s arguments checked in the order the
// CLI always has checked them (see fleet/scan_request.h).
#include "trustready/fleet/scan_request.h"

#include "trustready/check/profile.h"
#include "trustready/fleet/scan_stores.h"
#include "trustready/x509/time.h"
#include "trustready/store/store_select.h"

namespace trustready::fleet {

Result<ScanOptions> ScanOptionsFor(const TargetInput& input) {
  ScanOptions o;
  o.targets_path = input.targets;
  auto format = ParseTargetFormat(input.format);
  if (!format.ok()) return NamedBy(format.error(), "--format");
  o.format = *format;
  o.defaults.resolve = input.resolve;
  auto shard = ParseShard(input.shard);
  if (!shard.ok()) return NamedBy(shard.error(), "--shard");
  o.shard = *shard;
  return o;
}

Status ForEachTarget(const TargetInput& input, const std::function<void(const FleetTarget&, int shard_count)>& each) {
  auto options = ScanOptionsFor(input);
  if (!options.ok()) return options.error();
  const ScanOptions& o = *options;
  auto reader = TargetReader::Open(o.targets_path, o.format, o.defaults);
  if (!reader.ok()) return NamedBy(reader.error(), "--targets");
  for (;;) {
    auto t = (*reader)->Next();
    if (!t.ok()) return NamedBy(t.error(), "--targets");
    if (!*t) return {};
    if (o.shard.Contains(**t)) each(**t, o.shard.count);
  }
}

Result<ScanRun> Scan(const ScanRequest& r) {
  auto options = ScanOptionsFor(r.input);
  if (!options.ok()) return options.error();
  ScanOptions o = std::move(options).value();
  auto profile = LoadProfile(r.profile);
  if (!profile.ok()) return NamedBy(profile.error(), "--profile " + r.profile);
  StoreSelectRequest select;
  for (const auto& spec : r.stores) select.specs.push_back(ParseStoreSpec(spec));
  if (!r.password.empty()) select.password = r.password;
  auto stores = SelectScanStores(select);
  if (!stores.ok()) return stores.error();  // names --store already
  auto probe = ProbeOptionsFrom(r.probe);
  if (!probe.ok()) return probe.error();  // names the option
  o.probe = *probe;
  o.http = r.http;
  o.out_db = r.out_db;
  o.observations = r.observations;
  o.run_id = r.run_id;
  if (!r.at.empty()) {
    auto at = ParseRfc3339(r.at);
    if (!at.ok()) return NamedBy(at.error(), "--at");
    o.judged_at = *at;
  }
  o.options_json = r.options_json;
  TargetCheckOptions judge;
  judge.fetch_aia = !r.no_aia;
  judge.aia.timeout = o.probe.read_timeout;
  auto summary = RunScan(o, *profile, *stores, judge);
  if (!summary.ok()) return NamedBy(summary.error(), "fleet scan");
  return ScanRun{std::move(summary).value(), stores->size()};
}

}  // namespace trustready::fleet
