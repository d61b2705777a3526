// `data status` and `data import` rendered; see include/trustready/report/data_report.h.
#include "trustready/report/data_report.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/render.h"
#include "trustready/der/parser.h"
#include "trustready/x509/time.h"

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

std::string ImportedSnapshotToJson(const ImportedSnapshot& s) {
  using nlohmann::json;
  auto hex = [](const Sha256& h) { return der::Hex(der::Input(h.data(), h.size())); };
  json j;
  j["format"] = 1;
  j["platform"] = s.platform;
  j["version"] = s.version;
  j["date"] = s.date;
  j["source"] = s.source;
  j["trusted"] = json::array();
  for (const auto& h : s.trusted) j["trusted"].push_back(hex(h));
  j["blocked"] = json::array();
  for (const auto& h : s.blocked) j["blocked"].push_back(hex(h));
  if (!s.intermediate_anchors.empty()) {
    j["intermediate_anchors"] = json::array();
    for (const auto& h : s.intermediate_anchors) j["intermediate_anchors"].push_back(hex(h));
  }
  j["anchors"] = json::array();
  for (const auto& a : s.anchors) {
    json e = {{"sha256", hex(a.sha256)}};
    if (!a.constraints.empty()) {
      e["constraints"] = json::array();
      for (const auto& set : a.constraints) {
        json c = json::object();
        if (set.sct_not_after) c["sct_not_after"] = FormatRfc3339(*set.sct_not_after);
        if (!set.min_version.empty()) c["min_version"] = set.min_version;
        if (!set.max_version_exclusive.empty()) c["max_version_exclusive"] = set.max_version_exclusive;
        e["constraints"].push_back(std::move(c));
      }
    }
    if (!a.ev_policy_oids.empty()) e["ev_policy_oids"] = a.ev_policy_oids;
    if (a.server_distrust_after) e["server_distrust_after"] = FormatRfc3339(*a.server_distrust_after);
    j["anchors"].push_back(std::move(e));
  }
  return j.dump(1) + "\n";
}

std::string VersionToText(const std::string& data_dir, const std::string& newest_snapshot) {
  return std::string("trustready ") + TRUSTREADY_VERSION + "\n" + "data: " + data_dir +
         (newest_snapshot.empty() ? " (no platform snapshots found)"
                                  : " (platform snapshots up to " + newest_snapshot + ")") +
         "\n" + "OpenSSL: " + OpenSSL_version(OPENSSL_VERSION) + " (built with " + OPENSSL_VERSION_TEXT + ")";
}

}  // namespace trustready
