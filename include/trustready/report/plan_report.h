// `trustready plan` outputs: the JSON document (docs/schemas/plan.schema.json)
// and the text report. (The HTML page is PlanHtml, plan/plan_html.h, included
// here so that one header gives every form of a plan.)
#ifndef TRUSTREADY_REPORT_PLAN_REPORT_H_
#define TRUSTREADY_REPORT_PLAN_REPORT_H_

#include <string>

#include "trustready/plan/plan.h"
#include "trustready/plan/plan_html.h"
#include "trustready/report/text_style.h"

namespace trustready {

std::string PlanToJson(const PlanResult& plan);
std::string PlanToText(const PlanResult& plan, const TextStyle& style);

}  // namespace trustready

#endif  // TRUSTREADY_REPORT_PLAN_REPORT_H_
