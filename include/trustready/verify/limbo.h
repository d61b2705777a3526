// Running an x509-limbo test suite (https://x509-limbo.com, schema in
// ../shared/data/x509-limbo/limbo-schema.json) through VerifyChain. The
// harness result document x509-limbo's tooling reads is rendered in report/
// (report/limbo_report.h, LimboResultJson).
#ifndef TRUSTREADY_LIMBO_H_
#define TRUSTREADY_LIMBO_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

struct LimboCaseResult {
  std::string id;
  std::string expected;  // "SUCCESS" | "FAILURE"
  std::string actual;    // "SUCCESS" | "FAILURE" | "SKIPPED"
  std::string context;   // why (the most specific error, or what was skipped)
};

struct LimboRun {
  std::vector<LimboCaseResult> results;
  int matched = 0;
  int mismatched = 0;
  int skipped = 0;
};

// Parses the suite JSON and runs every test case. Fails only when the file
// is not a limbo suite; a case whose certificates do not parse is a
// FAILURE with that reason as context (as x509-limbo's own harnesses do).
Result<LimboRun> RunLimbo(std::string_view suite_json);

}  // namespace trustready

#endif  // TRUSTREADY_LIMBO_H_
