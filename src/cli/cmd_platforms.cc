// `trustready platforms list [--json] [--select SPEC]`: the platform root
// store snapshots shipped in data/platforms/ and the behaviour each one is
// judged with.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/store/platform_stores.h"

namespace trustready::cli {
namespace {

nlohmann::json BehaviorJson(const PlatformBehavior& b) {
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

void RunList(const std::string& select, bool json_out) {
  auto data = Unwrap(LoadPlatformData(), "data/platforms");
  auto snaps = Unwrap(SelectSnapshots(*data, select), select);
  NotePlatformDataDate(*data, snaps);
  if (json_out) {
    nlohmann::json out = {{"snapshots", nlohmann::json::array()}, {"clients", nlohmann::json::array()}};
    for (const auto* s : snaps) {
      out["snapshots"].push_back({{"name", s->name},
                                  {"platform", s->platform},
                                  {"version", s->version},
                                  {"date", s->date},
                                  {"source", s->source},
                                  {"trusted", s->trusted.size()},
                                  {"blocked", s->blocked.size()},
                                  {"behavior", BehaviorJson(s->behavior)}});
    }
    for (const auto& c : data->clients) {
      out["clients"].push_back({{"name", c.name},
                                {"store_platform", c.store_platform},
                                {"behavior", BehaviorJson(c.behavior)},
                                {"why", c.why}});
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  size_t width = 8;
  for (const auto* s : snaps) width = std::max(width, s->name.size());
  width = std::min<size_t>(width, 48);
  std::cout << Bold(fmt::format("{:<{}}  {:<10}  {:>7}  {:>7}  {}", "SNAPSHOT", width, "DATE",
                                "TRUSTED", "BLOCKED", "BEHAVIOUR"))
            << "\n";
  for (const auto* s : snaps) {
    std::string name = s->name.size() > width ? s->name.substr(0, width - 3) + "..." : s->name;
    std::cout << fmt::format("{:<{}}  {:<10}  {:>7}  {:>7}  {}\n", name, width, s->date,
                             s->trusted.size(), s->blocked.size(), BehaviorText(s->behavior));
  }
  std::cout << Dim(fmt::format("{} snapshots, {} distinct certificates (data/platforms)", snaps.size(),
                               data->fingerprints.size()))
            << "\n";
}

TRUSTREADY_REGISTER_COMMAND("platforms", [](CLI::App& app) {
  auto* platforms = app.add_subcommand("platforms", "Historical platform root stores (data/platforms)");
  platforms->require_subcommand(1);
  auto* list = platforms->add_subcommand("list", "List platform store snapshots and their client behaviour");
  auto select = std::make_shared<std::string>("all");
  auto json_out = std::make_shared<bool>(false);
  list->add_option("--select", *select, "Snapshots to list: all, android:all, apple:latest, ... (default all)");
  list->add_flag("--json", *json_out, "JSON output (docs/schemas/platforms.schema.json)");
  list->callback([=] { RunList(*select, *json_out); });
});

}  // namespace
}  // namespace trustready::cli
