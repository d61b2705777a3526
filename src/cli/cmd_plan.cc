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
  const PlanRequest& r = a.request;
  auto run = PlanFiles(r);
  if (!run.ok()) Fail(run.error().ToString());  // names the file, --at or "plan"
  const PlanResult& plan = *run;
  if (auto data = LoadPlatformData(); data.ok()) {
    if (auto used = SelectSnapshots(**data, r.platforms); used.ok()) NotePlatformDataDate(**data, *used);
  }
  if (!a.html.empty()) {
    if (auto st = WriteFileAtomic(a.html, PlanHtml(plan)); !st.ok()) Fail(a.html, st.error());
  }
  std::cout << (a.json ? PlanToJson(plan) : PlanToText(plan, {UseColor()}));
  if (!a.json && !a.html.empty()) std::cout << "\nwrote " << a.html << "\n";
  SetExitCode(plan.breaking.empty() ? kExitOk : kExitNo);
}

}  // namespace trustready::cli
