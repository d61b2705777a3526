// `trustready limbo FILE [--output OUT]`: runs an x509-limbo suite and writes
// the harness result file; summary on stderr.
#include <iostream>

#include "cli/cli.h"
#include "trustready/verify/limbo.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

void RunLimboCommand(const std::string& file, const std::string& output, bool verbose) {
  std::string text = Unwrap(ReadFile(file), file);
  LimboRun run = Unwrap(RunLimbo(text), file);
  const std::string doc = LimboResultJson(run);
  if (output.empty() || output == "-") {
    std::cout << doc;
  } else {
    Status s = WriteFileAtomic(output, doc);
    if (!s.ok()) Fail(output, s.error());
  }
  for (const LimboCaseResult& r : run.results) {
    if (r.actual == r.expected && !verbose) continue;
    std::cerr << (r.actual == r.expected ? "  match    " : r.actual == "SKIPPED" ? "  skipped  " : "  MISMATCH ")
              << r.id << ": expected " << r.expected << ", got " << r.actual << " (" << r.context << ")\n";
  }
  const int total = static_cast<int>(run.results.size());
  std::cerr << "limbo: " << run.matched << " of " << total << " cases match the expected result ("
            << run.mismatched << " differ, " << run.skipped << " skipped)\n";
  SetExitCode(kExitOk);
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND("limbo", [](CLI::App& app) {
  auto* sub = app.add_subcommand("limbo", "Run an x509-limbo test suite and write the harness result JSON");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto verbose = std::make_shared<bool>(false);
  sub->add_option("FILE", *file, "limbo.json suite file")->required();
  sub->add_option("--output,-o", *output, "write the result JSON here (default: standard output)");
  sub->add_flag("--verbose,-v", *verbose, "list every case on stderr, not only mismatches");
  sub->callback([=] { RunLimboCommand(*file, *output, *verbose); });
});

}  // namespace trustready::cli
