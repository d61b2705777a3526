// `trustready plan --old CHAIN --new CHAIN [--candidates FILE...]
//  [--platforms LIST] [--at TIME] [--json] [--html FILE]`: which platform
// versions a chain change breaks and which chain to serve instead.
#include <iostream>

#include "cli/cli.h"
#include "trustready/report/plan_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {
namespace {

struct PlanArgs {
  std::string old_path, new_path, platforms = "all", at, html;
  std::vector<std::string> candidates;
  bool json = false;
};

void Run(const PlanArgs& a) {
  auto old_chain = Unwrap(LoadCertificatesFromFile(a.old_path), a.old_path);
  auto new_chain = Unwrap(LoadCertificatesFromFile(a.new_path), a.new_path);
  std::vector<CertificatePtr> candidates;
  for (const auto& f : a.candidates) {
    auto c = Unwrap(LoadCertificatesFromFile(f), f);
    candidates.insert(candidates.end(), c.begin(), c.end());
  }
  PlanOptions options;
  options.platforms = a.platforms;
  options.at = AtTime(a.at, "--at " + a.at);
  auto plan = Unwrap(Plan(old_chain, new_chain, candidates, options), "plan");
  if (auto data = LoadPlatformData(); data.ok()) {
    if (auto used = SelectSnapshots(**data, a.platforms); used.ok()) NotePlatformDataDate(**data, *used);
  }
  if (!a.html.empty()) {
    if (auto st = WriteFileAtomic(a.html, PlanHtml(plan)); !st.ok()) Fail(a.html, st.error());
  }
  std::cout << (a.json ? PlanToJson(plan) : PlanToText(plan, {UseColor()}));
  if (!a.json && !a.html.empty()) std::cout << "\nwrote " << a.html << "\n";
  SetExitCode(plan.breaking.empty() ? kExitOk : kExitNo);
}

}  // namespace

static void RegisterPlan(CLI::App& app) {
  auto [plan, args] = AddCommand<PlanArgs>(
      &app, "plan", "Which platform versions break when a server changes chain, and which chain to serve", Run);
  plan->add_option("--old", args->old_path, "Chain served today (PEM/DER, leaf first)")->required();
  plan->add_option("--new", args->new_path, "Chain to serve next (PEM/DER, leaf first)")->required();
  plan->add_option("--candidates", args->candidates, "More cross-certificates / alternative intermediates (those in --old and --new always are)")
      ->expected(1, -1);
  plan->add_option("--platforms", args->platforms,
                   "Snapshots: all (default), android:all, apple:latest,... (comma-separated)");
  plan->add_option("--at", args->at, "Judge at this time (YYYY-MM-DD or RFC 3339; default now)");
  plan->add_flag("--json", args->json, "JSON output (docs/schemas/plan.schema.json)");
  plan->add_option("--html", args->html, "Also write a self-contained HTML report with a heat map");
}
TRUSTREADY_REGISTER_COMMAND("plan", RegisterPlan);

}  // namespace trustready::cli
