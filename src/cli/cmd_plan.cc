// `trustready plan --old CHAIN --new CHAIN [--candidates FILE...]
//  [--platforms LIST] [--at TIME] [--json] [--html FILE]`: which platform
// versions a chain change breaks and which chain to serve instead.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_plan.h"
#include "trustready/report/plan_report.h"
#include "trustready/x509/pem.h"

namespace trustready::cli {

void RunPlan(const PlanArgs& a) {
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

}  // namespace trustready::cli
