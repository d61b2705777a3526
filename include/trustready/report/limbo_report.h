// `trustready limbo` outputs: the harness result document x509-limbo's
// tooling reads (docs/schemas/limbo.schema.json):
//   {"version": 1, "harness": "...", "results": [{"id", "actual_result",
//    "context"}]}
// and the summary (stderr): the cases whose result differs from the expected
// one (every case with `verbose`), then one count line.
#ifndef TRUSTREADY_REPORT_LIMBO_REPORT_H_
#define TRUSTREADY_REPORT_LIMBO_REPORT_H_

#include <string>

#include "trustready/verify/limbo.h"

namespace trustready {

// The harness result document (JSON text, pretty-printed, a final newline).
std::string LimboResultJson(const LimboRun& run);

std::string LimboSummaryToText(const LimboRun& run, bool verbose);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_LIMBO_REPORT_H_
