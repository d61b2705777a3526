// `trustready limbo FILE [--output OUT]`: runs an x509-limbo suite and writes
// the harness result file; summary on stderr.
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/limbo_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

struct LimboArgs {
  std::string file, output;
  bool verbose = false;
};

void RunLimboCommand(const LimboArgs& a) {
  LimboRun run = Unwrap(RunLimbo(Unwrap(ReadFile(a.file), a.file)), a.file);
  const std::string doc = LimboResultJson(run);
  if (a.output.empty() || a.output == "-") {
    std::cout << doc;
  } else if (Status s = WriteFileAtomic(a.output, doc); !s.ok()) {
    Fail(a.output, s.error());
  }
  std::cerr << LimboSummaryToText(run, a.verbose);
  SetExitCode(kExitOk);
}

}  // namespace

static void RegisterLimbo(CLI::App& app) {
  auto [sub, a] = AddCommand<LimboArgs>(&app, "limbo", "Run an x509-limbo test suite and write the harness result JSON",
                                        RunLimboCommand);
  sub->add_option("FILE", a->file, "limbo.json suite file")->required();
  sub->add_option("--output,-o", a->output, "write the result JSON here (default: standard output)");
  sub->add_flag("--verbose,-v", a->verbose, "list every case on stderr, not only mismatches");
}
TRUSTREADY_REGISTER_COMMAND("limbo", RegisterLimbo);

}  // namespace trustready::cli
