// `trustready serve` output: the start-up banner and one line per event
// (request, fault, lifecycle), as text or as the JSON lines of
// docs/schemas/serve.schema.json (the `started` line and the event lines).
// serve hands its events over as typed structs (serve/serve.h).
#ifndef TRUSTREADY_REPORT_SERVE_REPORT_H_
#define TRUSTREADY_REPORT_SERVE_REPORT_H_

#include <string>

#include "trustready/report/text_style.h"
#include "trustready/serve/serve.h"

namespace trustready {

// One compact JSON line each (no newline), keys in alphabetical order.
std::string ServeStartedToJsonLine(const ServeStarted& started);
std::string ServeEventToJsonLine(const ServeEvent& event);
// The banner: dashboard, SNI port, one line per variant, CA files (single
// files only); ends with a blank line.
std::string ServeStartedToText(const ServeStarted& started, const TextStyle& style);
// An access-log line (a request), which --no-access-log drops.
bool IsServeAccessEvent(const ServeEvent& event);
// One access-log / fault / lifecycle line (no newline); an absent field
// reads "-".
std::string ServeEventToText(const ServeEvent& event, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_SERVE_REPORT_H_
