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

std::string DataAgeNoteToText(const std::string& what, const DataDate& d, int max_age_days, int64_t now) {
  if (d.date.empty()) return "warning: the date of " + what + " is unknown; answers may be out of date\n";
  std::string out = "data: " + what + " as of " + d.date + (d.source.empty() ? "" : " (" + d.source + ")") + "\n";
  auto age = AgeDays(d.date, now);
  if (age && *age > max_age_days) {
    out += "warning: " + what + " is " + std::to_string(*age) + " days old (more than " +
           std::to_string(max_age_days) + "); roots added, removed or distrusted since " + d.date +
           " are not known (see `trustready data status`)\n";
  }
  return out;
}

std::string ImportedSnapshotToText(const ImportedSnapshot& s, size_t missing) {
  std::string out = s.platform + ":" + s.version + ": " + std::to_string(s.trusted.size()) + " trusted, " +
                    std::to_string(s.blocked.size()) + " blocked, " + std::to_string(s.anchors.size()) +
                    " with constraints or dates";
  if (missing) {
    out += "; " + std::to_string(missing) + " not in data/platforms/certs.der (add their certificates before shipping)";
  }
  return out + "\n";
}

}  // namespace trustready
