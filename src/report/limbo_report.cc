#include "trustready/report/limbo_report.h"

#include <nlohmann/json.hpp>

namespace trustready {

using nlohmann::json;

std::string LimboResultJson(const LimboRun& run) {
  json results = json::array();
  for (const LimboCaseResult& r : run.results) {
    results.push_back({{"id", r.id}, {"actual_result", r.actual}, {"context", r.context}});
  }
  json doc = {{"version", 1},
              {"harness", std::string("trustready-") + TRUSTREADY_VERSION},
              {"results", results}};
  return doc.dump(2) + "\n";
}

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
