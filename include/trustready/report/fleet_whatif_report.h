// `trustready fleet whatif` rendered: the JSON document
// (docs/schemas/fleet-whatif.schema.json) and the text form of a
// WhatifReport (fleet/whatif.h).
#ifndef TRUSTREADY_FLEET_WHATIF_REPORT_H_
#define TRUSTREADY_FLEET_WHATIF_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "trustready/fleet/whatif.h"
#include "trustready/report/cert_report.h"

namespace trustready {

nlohmann::json FleetWhatifToJson(const fleet::WhatifReport& report);
// The same, as printed (indented by 2, ending in a newline).
std::string FleetWhatifToJsonText(const fleet::WhatifReport& report);
// The text form, verdict line last. `style.color`: ANSI colours.
std::string FleetWhatifToText(const fleet::WhatifReport& report, const TextStyle& style = {});

}  // namespace trustready

#endif  // TRUSTREADY_FLEET_WHATIF_REPORT_H_
