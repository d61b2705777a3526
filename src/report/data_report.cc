// `data status` rendered; see include/trustready/report/data_report.h.
#include "trustready/report/data_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/render.h"

namespace trustready {

using namespace report_internal;

std::string DataStatusToJson(const DataStatus& st, int max_age) {
  const DataAgeCounts counts = CountDataAge(st, max_age);
  nlohmann::json out = {{"data_dir", st.data_dir},
                        {"now", st.now},
                        {"max_data_age_days", max_age},
                        {"sources", nlohmann::json::array()},
                        {"stale", counts.stale},
                        {"undated", counts.undated}};
  for (const auto& s : st.sources) {
    nlohmann::json e = {{"id", s.id},
                        {"kind", s.kind},
                        {"date", StringOrNull(s.date)},
                        {"source", s.source},
                        {"licence", StringOrNull(s.licence)},
                        {"age_days", s.age_days ? nlohmann::json(*s.age_days) : nlohmann::json(nullptr)},
                        {"stale", IsStale(s, max_age)}};
    if (s.kind == "platform") e["snapshots"] = s.snapshots;
    out["sources"].push_back(std::move(e));
  }
  return Document(out);
}

std::string DataStatusToText(const DataStatus& st, int max_age, const TextStyle& style) {
  const DataAgeCounts counts = CountDataAge(st, max_age);
  size_t width = 10;
  for (const auto& s : st.sources) width = std::max(width, s.id.size());
  std::string out = Bold(style, fmt::format("{:<{}}  {:<10}  {:>5}  {}", "SOURCE", width, "DATE", "DAYS", "FROM")) + "\n";
  for (const auto& s : st.sources) {
    std::string days = s.age_days ? std::to_string(*s.age_days) : "?";
    std::string line =
        fmt::format("{:<{}}  {:<10}  {:>5}  {}", s.id, width, s.date.empty() ? "unknown" : s.date, days, s.source);
    if (!s.licence.empty()) line += " (" + s.licence + ")";
    out += (IsStale(s, max_age) ? Yellow(style, line) : line) + "\n";
  }
  out += Dim(style, fmt::format("{} sources in {}; {} older than {} days, {} undated (as of {})", st.sources.size(),
                                st.data_dir, counts.stale, max_age, counts.undated, st.now)) +
         "\n";
  return out;
}

}  // namespace trustready
