// `trustready platforms list [--json] [--select SPEC]`: the platform root
// store snapshots shipped in data/platforms/ and the behaviour each one is
// judged with.
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/platforms_report.h"

namespace trustready::cli {
namespace {

struct PlatformsArgs {
  std::string select = "all";
  bool json = false;
};

void RunList(const PlatformsArgs& a) {
  auto data = Unwrap(LoadPlatformData(), "data/platforms");
  auto snaps = Unwrap(SelectSnapshots(*data, a.select), a.select);
  NotePlatformDataDate(*data, snaps);
  std::cout << (a.json ? PlatformsToJson(*data, snaps) : PlatformsToText(*data, snaps, {UseColor()}));
}

}  // namespace

static void RegisterPlatforms(CLI::App& app) {
  auto* platforms = app.add_subcommand("platforms", "Historical platform root stores (data/platforms)");
  platforms->require_subcommand(1);
  auto [list, a] = AddCommand<PlatformsArgs>(platforms, "list", "List platform store snapshots and their client behaviour", RunList);
  list->add_option("--select", a->select, "Snapshots to list: all, android:all, apple:latest, ... (default all)");
  list->add_flag("--json", a->json, "JSON output (docs/schemas/platforms.schema.json)");
}
TRUSTREADY_REGISTER_COMMAND("platforms", RegisterPlatforms);

}  // namespace trustready::cli
