#include "trustready/report/plan_report.h"

#include <fmt/format.h>

#include "report/render.h"

namespace trustready {

using nlohmann::json;
using namespace report_internal;

std::string PlanToJson(const PlanResult& plan) {
  auto matrix = [&](const ChainEvaluation& ce) {
    json m = json::array();
    for (const auto& c : ce.cells) {
      m.push_back({{"platform", c.snapshot->platform},
                   {"version", c.snapshot->version},
                   {"snapshot", c.snapshot->name},
                   {"trusted", c.trusted},
                   {"detail", c.detail}});
    }
    return m;
  };
  auto chain = [](const ChainEvaluation& ce) {
    json a = json::array();
    for (const auto& c : ce.chain) a.push_back(c->Sha256Hex());
    return a;
  };
  json out;
  out["at"] = FormatRfc3339(plan.at);
  out["snapshots"] = plan.snapshots.size();
  json m = json::array();
  for (size_t i = 0; i < plan.snapshots.size(); ++i) {
    const PlatformSnapshot* s = plan.snapshots[i];
    m.push_back({{"platform", s->platform},
                 {"version", s->version},
                 {"snapshot", s->name},
                 {"date", s->date},
                 {"old", plan.old_chain.cells[i].trusted},
                 {"new", plan.new_chain.cells[i].trusted},
                 {"old_detail", plan.old_chain.cells[i].detail},
                 {"new_detail", plan.new_chain.cells[i].detail}});
  }
  out["matrix"] = m;
  json breaking = json::array();
  for (const auto* s : plan.breaking)
    breaking.push_back({{"platform", s->platform}, {"version", s->version}, {"snapshot", s->name}});
  out["breaking"] = breaking;
  json platforms = json::array();
  for (const auto& p : plan.platforms) {
    platforms.push_back({{"platform", p.platform},
                         {"snapshots", p.snapshots},
                         {"working_old", p.working_old},
                         {"working_new", p.working_new},
                         {"working_recommended", p.working_recommended},
                         {"first_working", StringOrNull(p.first_working)},
                         {"works_from", StringOrNull(p.works_from)}});
  }
  out["platforms"] = platforms;
  out["old"] = {{"chain", chain(plan.old_chain)}, {"bytes", plan.old_chain.bytes}, {"working", plan.old_chain.working}};
  out["new"] = {{"chain", chain(plan.new_chain)}, {"bytes", plan.new_chain.bytes}, {"working", plan.new_chain.working}};
  out["recommendation"] = {{"chain", chain(plan.recommended)},
                           {"bytes", plan.recommended.bytes},
                           {"added_bytes", plan.added_bytes},
                           {"working", plan.recommended.working},
                           {"candidates_considered", plan.candidates_considered},
                           {"matrix", matrix(plan.recommended)}};
  json clients = json::array();
  for (size_t k = 0; k < plan.clients.size(); ++k) {
    clients.push_back({{"client", plan.clients[k].version},
                       {"snapshot", plan.clients[k].name},
                       {"old", plan.old_chain.client_cells[k].trusted},
                       {"new", plan.new_chain.client_cells[k].trusted},
                       {"recommended", plan.recommended.client_cells[k].trusted},
                       {"old_detail", plan.old_chain.client_cells[k].detail},
                       {"new_detail", plan.new_chain.client_cells[k].detail},
                       {"recommended_detail", plan.recommended.client_cells[k].detail}});
  }
  out["clients"] = clients;
  auto leaf = [](const PlanResult::LeafInfo& l) {
    return json{{"name", l.name},
                {"not_before", FormatRfc3339(l.not_before)},
                {"not_after", FormatRfc3339(l.not_after)},
                {"valid_at", l.valid_at}};
  };
  out["leaves"] = {{"old", leaf(plan.old_leaf)}, {"new", leaf(plan.new_leaf)}};
  return Document(out);
}


std::string PlanToText(const PlanResult& plan, const TextStyle& st) {
  auto mark = [&](bool ok) { return ok ? Green(st, "yes") : Red(st, "no "); };
  const size_t n = plan.snapshots.size();
  std::string out = Bold(st, "Migration plan") + "  judged at " + FormatRfc3339(plan.at) + " against " +
                    std::to_string(n) + " platform snapshots\n\n";
  out += Bold(st, fmt::format("{:<12} {:<44} {:>4}  {:<4} {:<4} {}", "PLATFORM", "VERSIONS", "N", "OLD", "NEW",
                              "WHY NOT (NEW)")) +
         "\n";
  // Consecutive versions of a platform with the same answers share a row.
  auto same = [&](size_t a, size_t b) {
    return plan.snapshots[a]->platform == plan.snapshots[b]->platform &&
           plan.old_chain.cells[a].trusted == plan.old_chain.cells[b].trusted &&
           plan.new_chain.cells[a].trusted == plan.new_chain.cells[b].trusted &&
           (plan.new_chain.cells[a].trusted || plan.new_chain.cells[a].detail == plan.new_chain.cells[b].detail);
  };
  auto shortv = [](const std::string& v) {
    size_t c = v.find(", ");
    return v.rfind("iOS", 0) == 0 && c != std::string::npos ? v.substr(0, c) : v;
  };
  for (size_t i = 0, j = 0; i < n; i = j + 1) {
    j = i;
    while (j + 1 < n && same(i, j + 1)) ++j;
    std::string range = shortv(plan.snapshots[i]->version);
    if (j > i) range += " – " + shortv(plan.snapshots[j]->version);
    if (range.size() > 44) range = range.substr(0, 41) + "...";
    out += fmt::format("{:<12} {:<44} {:>4}  ", plan.snapshots[i]->platform, range, j - i + 1) +
           mark(plan.old_chain.cells[i].trusted) + "  " + mark(plan.new_chain.cells[i].trusted) + "  " +
           (plan.new_chain.cells[i].trusted ? "" : plan.new_chain.cells[i].detail) + "\n";
  }
  if (!plan.clients.empty()) {
    out += "\n" + Bold(st, "Client profiles") + " (behaviours.json, newest store of their platform)\n";
    for (size_t k = 0; k < plan.clients.size(); ++k) {
      out += fmt::format("  {:<56} ", plan.clients[k].name) + mark(plan.old_chain.client_cells[k].trusted) + "  " +
             mark(plan.new_chain.client_cells[k].trusted) + "  " +
             (plan.new_chain.client_cells[k].trusted ? "" : plan.new_chain.client_cells[k].detail) + "\n";
    }
  }
  out += "\n";
  if (plan.breaking.empty()) {
    out += Green(st, "No breaking clients") + ": every snapshot that trusts the old chain trusts the new one.\n";
  } else {
    out += Red(st, fmt::format("{} breaking platform versions", plan.breaking.size())) +
           " (trust the old chain, not the new):\n";
    for (const auto* s : plan.breaking) out += "  " + s->name + "\n";
  }
  out += "\n" + Bold(st, "First working version") + " (new chain)\n";
  for (const auto& p : plan.platforms) {
    out += fmt::format("  {:<12} first {:<28} works from {:<28} ({}/{} old, {}/{} new)\n", p.platform,
                       p.first_working.empty() ? "none" : p.first_working, p.works_from.empty() ? "none" : p.works_from,
                       p.working_old, p.snapshots, p.working_new, p.snapshots);
  }
  out += "\n" + Bold(st, "Recommendation") + ": serve\n";
  for (const auto& c : plan.recommended.chain) {
    out += "  " + c->DisplayName() + "  " + Dim(st, c->Sha256Hex().substr(0, 16)) + "\n";
  }
  out += fmt::format(
      "  keeps {}/{} working (new chain as given: {}/{}), {} bytes, {}{} bytes per handshake; {} chains considered\n",
      plan.recommended.working, n, plan.new_chain.working, n, plan.recommended.bytes, plan.added_bytes >= 0 ? "+" : "",
      plan.added_bytes, plan.candidates_considered);
  auto leaf = [&](const char* w, const PlanResult::LeafInfo& l) {
    return std::string("  ") + w + " leaf " + l.name + ": " + FormatDate(l.not_before) + " to " +
           FormatDate(l.not_after) + (l.valid_at ? "" : Yellow(st, " (not valid at that time; not counted)")) + "\n";
  };
  out += "\n" + Bold(st, "Leaves") + " (reported, not judged)\n" + leaf("old", plan.old_leaf) + leaf("new", plan.new_leaf);
  return out;
}

}  // namespace trustready
