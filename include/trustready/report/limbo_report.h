// `trustready limbo` summary (stderr): the cases whose result differs from
// the expected one (every case with `verbose`), then one count line. The
// result document itself is LimboResultJson (docs/schemas/limbo.schema.json).
#ifndef TRUSTREADY_REPORT_LIMBO_REPORT_H_
#define TRUSTREADY_REPORT_LIMBO_REPORT_H_

#include <string>

#include "trustready/verify/limbo.h"

namespace trustready {

std::string LimboSummaryToText(const LimboRun& run, bool verbose);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_LIMBO_REPORT_H_
