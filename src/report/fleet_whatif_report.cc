// `fleet whatif` as JSON and text. See report/fleet_whatif_report.h.
#include "trustready/report/fleet_whatif_report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "trustready/x509/time.h"

namespace trustready {

namespace {

struct Colors {
  bool color;
  std::string Wrap(const char* code, const std::string& s) const {
    return color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
  std::string Bold(const std::string& s) const { return Wrap("1", s); }
  std::string Red(const std::string& s) const { return Wrap("31", s); }
  std::string Green(const std::string& s) const { return Wrap("32", s); }
  std::string Yellow(const std::string& s) const { return Wrap("33", s); }
  std::string Dim(const std::string& s) const { return Wrap("2", s); }
};

std::string Question(const fleet::WhatifReport& r) {
  switch (r.mode) {
    case fleet::WhatifMode::kNewChain:
      return "serving " + r.new_chain_leaf + "'s chain (" + std::to_string(r.new_chain.size()) + " certificates)";
    case fleet::WhatifMode::kProfile:
      return "moving to profile " + r.profile;
    case fleet::WhatifMode::kAt:
      return "time passing to " + FormatRfc3339(r.at);
  }
  return "";
}

}  // namespace

nlohmann::json FleetWhatifToJson(const fleet::WhatifReport& r) {
  using nlohmann::json;
  json breaking = json::array();
  for (const auto& e : r.breaking) {
    json labels = json::object();
    for (const auto& [k, v] : e.labels) labels[k] = v;
    json breaks = json::array();
    for (const auto& b : e.breaks) {
      breaks.push_back({{"snapshot", b.snapshot}, {"platform", b.platform}, {"version", b.version}, {"reason", b.reason}});
    }
    breaking.push_back({{"target_key", e.target_key},
                        {"target", e.target},
                        {"seq", e.seq},
                        {"labels", labels},
                        {"chain_id", e.chain_id},
                        {"name_checked", e.name},
                        {"chain", e.chain},
                        {"breaks", breaks}});
  }
  json not_judged = json::array();
  for (const auto& n : r.not_judged) {
    not_judged.push_back({{"target_key", n.target_key},
                          {"target", n.target},
                          {"seq", n.seq},
                          {"status", n.status},
                          {"error", n.error.empty() ? json(nullptr) : json(n.error)}});
  }
  json question = {{"mode", std::string(fleet::WhatifModeName(r.mode))}, {"platforms", r.platforms},
                   {"at", FormatRfc3339(r.at)}};
  if (r.mode == fleet::WhatifMode::kNewChain) {
    question["new_chain"] = r.new_chain;
    question["new_chain_leaf"] = r.new_chain_leaf;
  }
  if (r.mode == fleet::WhatifMode::kProfile) {
    question["profile"] = r.profile;
    question["not_ready"] = r.not_ready;
  }
  return {{"schema", "trustready.fleet.whatif/1"},
          {"run_id", r.run_id},
          {"run_judged_at", FormatRfc3339(r.run_judged_at)},
          {"question", question},
          {"snapshots", r.snapshots},
          {"counts",
           {{"endpoints", r.endpoints},
            {"judged", r.judged},
            {"chains", r.chains},
            {"breaking", r.breaking.size()},
            {"already_broken", r.already_broken},
            {"not_judged", r.not_judged.size()}}},
          {"verdict", std::string(r.Verdict())},
          {"breaking", breaking},
          {"not_judged", not_judged}};
}

std::string FleetWhatifToJsonText(const fleet::WhatifReport& r) { return FleetWhatifToJson(r).dump(2) + "\n"; }

std::string FleetWhatifToText(const fleet::WhatifReport& r, const TextStyle& style) {
  const Colors c{style.color};
  std::ostringstream out;
  out << c.Bold("fleet whatif " + r.run_id) << ": " << Question(r) << ", against " << r.snapshots.size()
      << " platform snapshots (" << r.platforms << ")\n";
  out << "  " << r.endpoints << " endpoints, " << r.judged << " with a stored chain (" << r.chains
      << " distinct judged), " << r.already_broken << " already trusted by none of the snapshots\n";
  if (r.mode == fleet::WhatifMode::kProfile) {
    out << "  not ready for " << r.profile << ": "
        << (r.not_ready.empty() ? std::string("none") : std::to_string(r.not_ready.size()) + " snapshots") << "\n";
  }
  if (r.mode == fleet::WhatifMode::kAt) {
    out << "  judged at " << FormatRfc3339(r.run_judged_at) << " (the scan) and at " << FormatRfc3339(r.at) << "\n";
  }
  for (const auto& e : r.breaking) {
    out << "  " << c.Red("breaks") << "  " << e.target << (e.seq > 0 ? " #" + std::to_string(e.seq) : "") << "  on "
        << e.breaks.size() << (e.breaks.size() == 1 ? " snapshot" : " snapshots") << ":";
    // Grouped by reason so that 40 Android versions read as one line.
    std::map<std::string, std::vector<std::string>> by_reason;
    for (const auto& b : e.breaks) by_reason[b.reason].push_back(b.snapshot);
    for (const auto& [reason, snaps] : by_reason) {
      std::string list;
      for (size_t i = 0; i < snaps.size() && i < 6; ++i) list += (i ? ", " : "") + snaps[i];
      if (snaps.size() > 6) list += ", ... (" + std::to_string(snaps.size()) + ")";
      out << "\n      " << list << c.Dim("  " + reason);
    }
    out << "\n";
  }
  for (const auto& n : r.not_judged) {
    out << "  " << c.Yellow("not judged") << "  " << n.target << c.Dim("  " + n.status + (n.error.empty() ? "" : ": " + n.error))
        << "\n";
  }
  const std::string_view v = r.Verdict();
  if (v == "breaks") {
    out << c.Red("Verdict: " + std::to_string(r.breaking.size()) + " endpoints BREAK") << "\n";
  } else if (v == "unknown") {
    out << c.Yellow("Verdict: UNKNOWN") << " (nothing judged breaks, but " << r.not_judged.size()
        << " endpoints have no stored chain)\n";
  } else {
    out << c.Green("Verdict: nothing breaks") << "\n";
  }
  return out.str();
}

}  // namespace trustready
