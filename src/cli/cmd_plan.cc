// `trustready plan --old CHAIN --new CHAIN [--candidates FILE...]
//  [--platforms LIST] [--at TIME] [--json] [--html FILE]`: which platform
// versions a chain change breaks and which chain to serve instead.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/x509/pem.h"
#include "trustready/plan/plan.h"

namespace trustready::cli {
namespace {

struct PlanArgs {
  std::string old_path, new_path, platforms = "all", at, html;
  std::vector<std::string> candidates;
  bool json = false;
};

std::string Mark(bool ok) { return ok ? Green("yes") : Red("no "); }

void PrintText(const PlanResult& plan) {
  const size_t n = plan.snapshots.size();
  std::cout << Bold("Migration plan") << "  judged at " << FormatRfc3339(plan.at) << " against " << n
            << " platform snapshots\n\n";
  std::cout << Bold(fmt::format("{:<12} {:<44} {:>4}  {:<4} {:<4} {}", "PLATFORM", "VERSIONS", "N", "OLD", "NEW",
                                "WHY NOT (NEW)"))
            << "\n";
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    auto same = [&](size_t a, size_t b) {
      return plan.snapshots[a]->platform == plan.snapshots[b]->platform &&
             plan.old_chain.cells[a].trusted == plan.old_chain.cells[b].trusted &&
             plan.new_chain.cells[a].trusted == plan.new_chain.cells[b].trusted &&
             (plan.new_chain.cells[a].trusted || plan.new_chain.cells[a].detail == plan.new_chain.cells[b].detail);
    };
    while (j + 1 < n && same(i, j + 1)) ++j;
    auto shortv = [](const std::string& v) {
      size_t c = v.find(", ");
      return v.rfind("iOS", 0) == 0 && c != std::string::npos ? v.substr(0, c) : v;
    };
    std::string range = shortv(plan.snapshots[i]->version);
    if (j > i) range += " – " + shortv(plan.snapshots[j]->version);
    if (range.size() > 44) range = range.substr(0, 41) + "...";
    std::cout << fmt::format("{:<12} {:<44} {:>4}  ", plan.snapshots[i]->platform, range, j - i + 1)
              << Mark(plan.old_chain.cells[i].trusted) << "  " << Mark(plan.new_chain.cells[i].trusted) << "  "
              << (plan.new_chain.cells[i].trusted ? "" : plan.new_chain.cells[i].detail) << "\n";
    i = j + 1;
  }
  if (!plan.clients.empty()) {
    std::cout << "\n" << Bold("Client profiles") << " (behaviours.json, newest store of their platform)\n";
    for (size_t k = 0; k < plan.clients.size(); ++k) {
      std::cout << fmt::format("  {:<56} ", plan.clients[k].name) << Mark(plan.old_chain.client_cells[k].trusted)
                << "  " << Mark(plan.new_chain.client_cells[k].trusted) << "  "
                << (plan.new_chain.client_cells[k].trusted ? "" : plan.new_chain.client_cells[k].detail) << "\n";
    }
  }
  std::cout << "\n";
  if (plan.breaking.empty()) {
    std::cout << Green("No breaking clients") << ": every snapshot that trusts the old chain trusts the new one.\n";
  } else {
    std::cout << Red(fmt::format("{} breaking platform versions", plan.breaking.size()))
              << " (trust the old chain, not the new):\n";
    for (const auto* s : plan.breaking) std::cout << "  " << s->name << "\n";
  }
  std::cout << "\n" << Bold("First working version") << " (new chain)\n";
  for (const auto& p : plan.platforms) {
    std::cout << fmt::format("  {:<12} first {:<28} works from {:<28} ({}/{} old, {}/{} new)\n", p.platform,
                             p.first_working.empty() ? "none" : p.first_working,
                             p.works_from.empty() ? "none" : p.works_from, p.working_old, p.snapshots,
                             p.working_new, p.snapshots);
  }
  std::cout << "\n" << Bold("Recommendation") << ": serve\n";
  for (const auto& c : plan.recommended.chain)
    std::cout << "  " << c->DisplayName() << "  " << Dim(c->Sha256Hex().substr(0, 16)) << "\n";
  std::cout << fmt::format("  keeps {}/{} working (new chain as given: {}/{}), {} bytes, {}{} bytes per handshake; "
                           "{} chains considered\n",
                           plan.recommended.working, n, plan.new_chain.working, n, plan.recommended.bytes,
                           plan.added_bytes >= 0 ? "+" : "", plan.added_bytes, plan.candidates_considered);
  auto leaf = [&](const char* w, const PlanResult::LeafInfo& l) {
    std::cout << "  " << w << " leaf " << l.name << ": " << FormatDate(l.not_before) << " to "
              << FormatDate(l.not_after) << (l.valid_at ? "" : Yellow(" (not valid at that time; not counted)"))
              << "\n";
  };
  std::cout << "\n" << Bold("Leaves") << " (reported, not judged)\n";
  leaf("old", plan.old_leaf);
  leaf("new", plan.new_leaf);
}

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
  if (!a.at.empty()) options.at = Unwrap(ParseRfc3339(a.at), "--at " + a.at);
  auto plan = Unwrap(Plan(old_chain, new_chain, candidates, options), "plan");
  if (auto data = LoadPlatformData(); data.ok()) {
    if (auto used = SelectSnapshots(**data, a.platforms); used.ok()) NotePlatformDataDate(**data, *used);
  }
  if (!a.html.empty()) {
    if (auto st = WriteFileAtomic(a.html, PlanHtml(plan)); !st.ok()) Fail(a.html, st.error());
  }
  if (a.json) {
    std::cout << PlanJson(plan).dump(2) << "\n";
  } else {
    PrintText(plan);
    if (!a.html.empty()) std::cout << "\nwrote " << a.html << "\n";
  }
  SetExitCode(plan.breaking.empty() ? kExitOk : kExitNo);
}

TRUSTREADY_REGISTER_COMMAND("plan", [](CLI::App& app) {
  auto args = std::make_shared<PlanArgs>();
  auto* plan = app.add_subcommand(
      "plan", "Which platform versions break when a server changes chain, and which chain to serve");
  plan->add_option("--old", args->old_path, "Chain served today (PEM/DER, leaf first)")->required();
  plan->add_option("--new", args->new_path, "Chain to serve next (PEM/DER, leaf first)")->required();
  plan->add_option("--candidates", args->candidates, "More cross-certificates / alternative intermediates (those in --old and --new always are)")
      ->expected(1, -1);
  plan->add_option("--platforms", args->platforms,
                   "Snapshots: all (default), android:all, apple:latest,... (comma-separated)");
  plan->add_option("--at", args->at, "Judge at this time (YYYY-MM-DD or RFC 3339; default now)");
  plan->add_flag("--json", args->json, "JSON output (docs/schemas/plan.schema.json)");
  plan->add_option("--html", args->html, "Also write a self-contained HTML report with a heat map");
  plan->callback([args] { Run(*args); });
});

}  // namespace
}  // namespace trustready::cli
