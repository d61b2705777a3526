// `trustready limbo FILE [--output OUT]`: runs an x509-limbo suite and writes
// the harness result file; summary on stderr.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_limbo.h"
#include "trustready/report/limbo_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {

void RunLimbo(const LimboArgs& a) {
  LimboRun run = Unwrap(trustready::RunLimbo(Unwrap(ReadFile(a.file), a.file)), a.file);
  const std::string doc = LimboResultJson(run);
  if (a.output.empty() || a.output == "-") {
    std::cout << doc;
  } else if (Status s = WriteFileAtomic(a.output, doc); !s.ok()) {
    Fail(a.output, s.error());
  }
  std::cerr << LimboSummaryToText(run, a.verbose);
  SetExitCode(kExitOk);
}

}  // namespace trustready::cli
