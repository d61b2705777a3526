#include "trustready/report/platforms_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/render.h"

namespace trustready {

using nlohmann::json;
using namespace report_internal;

namespace {

json BehaviorJson(const PlatformBehavior& b) {
  return {{"enforce_anchor_expiry", b.enforce_anchor_expiry},
          {"fetch_aia", b.fetch_aia},
          {"first_path_only", b.first_path_only}};
}

std::string BehaviorText(const PlatformBehavior& b) {
  std::string s;
  if (!b.enforce_anchor_expiry) s += "anchor-expiry-ignored ";
  s += b.fetch_aia ? "aia" : "no-aia";
  if (b.first_path_only) s += " first-path-only";
  return s;
}

}  // namespace

std::string PlatformsToJson(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snaps) {
  json snapshots = json::array();
  json clients = json::array();
  for (const auto* s : snaps) {
    snapshots.push_back({{"name", s->name},
                         {"platform", s->platform},
                         {"version", s->version},
                         {"date", s->date},
                         {"source", s->source},
                         {"trusted", s->trusted.size()},
                         {"blocked", s->blocked.size()},
                         {"behavior", BehaviorJson(s->behavior)}});
  }
  for (const auto& c : data.clients) {
    clients.push_back({{"name", c.name},
                       {"store_platform", c.store_platform},
                       {"behavior", BehaviorJson(c.behavior)},
                       {"why", c.why}});
  }
  return Document({{"snapshots", snapshots}, {"clients", clients}});
}

std::string PlatformsToText(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snaps,
                            const TextStyle& style) {
  size_t width = 8;
  for (const auto* s : snaps) width = std::max(width, s->name.size());
  width = std::min<size_t>(width, 48);
  std::string out = Bold(style, fmt::format("{:<{}}  {:<10}  {:>7}  {:>7}  {}", "SNAPSHOT", width, "DATE", "TRUSTED",
                                            "BLOCKED", "BEHAVIOUR")) +
                    "\n";
  for (const auto* s : snaps) {
    out += fmt::format("{:<{}}  {:<10}  {:>7}  {:>7}  {}\n", Ellipsize(s->name, width), width, s->date,
                       s->trusted.size(), s->blocked.size(), BehaviorText(s->behavior));
  }
  out += Dim(style, fmt::format("{} snapshots, {} distinct certificates (data/platforms)", snaps.size(),
                                data.fingerprints.size())) +
         "\n";
  return out;
}

}  // namespace trustready
