// `trustready serve` output: the start-up banner and one line per event
// (request, fault, lifecycle), as text or as the JSON lines of
// docs/schemas/serve.schema.json. serve hands its events over as JSON
// objects (ServeEvents); these render them.
#ifndef TRUSTREADY_REPORT_SERVE_REPORT_H_
#define TRUSTREADY_REPORT_SERVE_REPORT_H_

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "trustready/report/text_style.h"

namespace trustready {

// One compact JSON line (no newline): the start event or any other event.
std::string ServeEventToJsonLine(const nlohmann::json& event);
// The banner: dashboard, SNI port, one line per variant, CA files; ends
// with a blank line.
std::string ServeStartedToText(const nlohmann::json& started, const TextStyle& style);
// An access-log line ({"event": "request"}), which --no-access-log drops.
bool IsServeAccessEvent(const nlohmann::json& event);
// One access-log / fault / lifecycle line (no newline).
std::string ServeEventToText(const nlohmann::json& event, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_SERVE_REPORT_H_
