#include "trustready/report/limbo_report.h"

namespace trustready {

std::string LimboSummaryToText(const LimboRun& run, bool verbose) {
  std::string out;
  for (const LimboCaseResult& r : run.results) {
    if (r.actual == r.expected && !verbose) continue;
    out += (r.actual == r.expected ? "  match    " : r.actual == "SKIPPED" ? "  skipped  " : "  MISMATCH ") + r.id +
           ": expected " + r.expected + ", got " + r.actual + " (" + r.context + ")\n";
  }
  out += "limbo: " + std::to_string(run.matched) + " of " + std::to_string(run.results.size()) +
         " cases match the expected result (" + std::to_string(run.mismatched) + " differ, " +
         std::to_string(run.skipped) + " skipped)\n";
  return out;
}

}  // namespace trustready
