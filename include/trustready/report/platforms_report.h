// `trustready platforms list` outputs (docs/schemas/platforms.schema.json).
#ifndef TRUSTREADY_REPORT_PLATFORMS_REPORT_H_
#define TRUSTREADY_REPORT_PLATFORMS_REPORT_H_

#include <string>
#include <vector>

#include "trustready/report/text_style.h"
#include "trustready/store/platform_stores.h"

namespace trustready {

// `snapshots` as SelectSnapshots chose them (pointing into `data`); the
// client profiles are all of data's.
std::string PlatformsToJson(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snapshots);
std::string PlatformsToText(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snapshots,
                            const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_PLATFORMS_REPORT_H_
