// `plan --html`: the plan as one self-contained page.
#ifndef TRUSTREADY_PLAN_PLAN_HTML_H_
#define TRUSTREADY_PLAN_PLAN_HTML_H_

#include <string>

#include "trustready/plan/plan.h"

namespace trustready {

// A self-contained HTML page (no network, inline SVG heat map).
std::string PlanHtml(const PlanResult& plan);

}  // namespace trustready

#endif  // TRUSTREADY_PLAN_PLAN_HTML_H_
