// `trustready platforms list [--json] [--select SPEC]`: the platform root
// store snapshots shipped in data/platforms/ and the behaviour each one is
// judged with.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_platforms.h"
#include "trustready/report/platforms_report.h"

namespace trustready::cli {

void RunPlatformsList(const PlatformsListArgs& a) {
  auto data = Unwrap(LoadPlatformData(), "data/platforms");
  auto snaps = Unwrap(SelectSnapshots(*data, a.select), a.select);
  NotePlatformDataDate(*data, snaps);
  std::cout << (a.json ? PlatformsToJson(*data, snaps) : PlatformsToText(*data, snaps, {UseColor()}));
}

}  // namespace trustready::cli
