// `plan --html`: one self-contained page (no scripts, no network, inline
// SVG) showing the platform x version heat map for the old, new and
// recommended chains, the breaking clients and the recommendation.
#include <fmt/format.h>

#include <map>
#include <sstream>

#include "trustready/plan/plan_html.h"

namespace trustready {
namespace {

std::string Esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kGreen = "#1b873f";
constexpr const char* kRed = "#d1242f";

}  // namespace

std::string PlanHtml(const PlanResult& plan) {
  std::ostringstream h;
  const size_t n = plan.snapshots.size();
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<title>trustready plan</title>\n<style>"
       "body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328;background:#fff}"
       "h1{font-size:24px}h2{font-size:18px;margin-top:28px}"
       "table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}"
       "code{font-size:12px}.ok{color:" << kGreen << "}.bad{color:" << kRed << "}"
       ".legend span{display:inline-block;width:14px;height:14px;vertical-align:middle;margin:0 4px 0 12px}"
       "</style></head><body>\n";
  h << "<h1>Migration plan</h1>\n";
  h << "<p id=\"summary\">Judged at " << Esc(FormatRfc3339(plan.at)) << " against " << n
    << " platform store snapshots. Old chain: <b>" << plan.old_chain.working << "</b> of " << n
    << " trust it. New chain: <b>" << plan.new_chain.working << "</b> of " << n
    << ". Recommended chain: <b>" << plan.recommended.working << "</b> of " << n << ".</p>\n";

  // Heat map: per platform a block of three rows (old, new, recommended),
  // one cell per snapshot in date order.
  constexpr int kCell = 12, kGap = 2, kRowH = 14, kLabelW = 150, kRowLabelW = 110;
  size_t max_cols = 0;
  std::vector<std::pair<std::string, std::vector<size_t>>> groups;
  for (size_t i = 0; i < n; ++i) {
    const auto& p = plan.snapshots[i]->platform;
    if (groups.empty() || groups.back().first != p) groups.push_back({p, {}});
    groups.back().second.push_back(i);
    max_cols = std::max(max_cols, groups.back().second.size());
  }
  const int block_h = 3 * (kRowH + kGap) + 14;
  const int width = kLabelW + kRowLabelW + static_cast<int>(max_cols) * (kCell + kGap) + 20;
  const int height = static_cast<int>(groups.size()) * block_h + 10;
  h << "<h2>Heat map</h2>\n<p class=\"legend\"><span style=\"background:" << kGreen
    << "\"></span>trusted<span style=\"background:" << kRed
    << "\"></span>not trusted (hover a cell for the version and the reason)</p>\n";
  h << "<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\"trust heat map\">\n";
  const char* row_names[3] = {"old chain", "new chain", "recommended"};
  const ChainEvaluation* rows[3] = {&plan.old_chain, &plan.new_chain, &plan.recommended};
  int y = 5;
  for (const auto& [platform, idxs] : groups) {
    h << "<text x=\"0\" y=\"" << y + kRowH + 4 << "\" font-size=\"14\" font-weight=\"bold\">" << Esc(platform)
      << "</text>\n";
    for (int r = 0; r < 3; ++r) {
      int ry = y + r * (kRowH + kGap);
      h << "<text x=\"" << kLabelW << "\" y=\"" << ry + kRowH - 3 << "\" font-size=\"11\">" << row_names[r]
        << "</text>\n";
      int x = kLabelW + kRowLabelW;
      for (size_t i : idxs) {
        const PlanCell& c = rows[r]->cells[i];
        bool breaking = r == 1 && plan.old_chain.cells[i].trusted && !c.trusted;
        h << "<rect class=\"cell\" data-row=\"" << (r == 0 ? "old" : r == 1 ? "new" : "recommended")
          << "\" data-platform=\"" << Esc(platform) << "\" data-version=\"" << Esc(c.snapshot->version)
          << "\" data-trusted=\"" << (c.trusted ? "true" : "false") << "\" x=\"" << x << "\" y=\"" << ry
          << "\" width=\"" << kCell << "\" height=\"" << kRowH << "\" fill=\"" << (c.trusted ? kGreen : kRed)
          << "\"" << (breaking ? " stroke=\"#000\" stroke-width=\"2\"" : "") << "><title>"
          << Esc(c.snapshot->name + " (" + c.snapshot->date + "), " + row_names[r] + ": " +
                 (c.trusted ? "trusted via " : "not trusted: ") + c.detail)
          << "</title></rect>\n";
        x += kCell + kGap;
      }
    }
    y += block_h;
  }
  h << "</svg>\n";

  h << "<h2>Breaking clients</h2>\n";
  if (plan.breaking.empty()) {
    h << "<p id=\"breaking\" class=\"ok\">None: every snapshot that trusts the old chain trusts the new one.</p>\n";
  } else {
    h << "<p>" << plan.breaking.size()
      << " platform versions trust the old chain but not the new one (outlined in the heat map):</p>\n"
         "<ul id=\"breaking\">\n";
    for (size_t i = 0; i < n; ++i) {
      if (!(plan.old_chain.cells[i].trusted && !plan.new_chain.cells[i].trusted)) continue;
      h << "<li class=\"bad\">" << Esc(plan.snapshots[i]->name) << " — " << Esc(plan.new_chain.cells[i].detail)
        << "</li>\n";
    }
    h << "</ul>\n";
  }

  if (!plan.clients.empty()) {
    h << "<h2>Client profiles</h2>\n<table id=\"clients\"><tr><th>Client (store)</th><th>Old</th><th>New</th>"
         "<th>Recommended</th></tr>\n";
    auto mark = [](const PlanCell& c) {
      return std::string(c.trusted ? "<td class=\"ok\">trusted</td>" : "<td class=\"bad\">") +
             (c.trusted ? "" : "not trusted: " + Esc(c.detail) + "</td>");
    };
    for (size_t k = 0; k < plan.clients.size(); ++k) {
      h << "<tr><td>" << Esc(plan.clients[k].name) << "</td>" << mark(plan.old_chain.client_cells[k])
        << mark(plan.new_chain.client_cells[k]) << mark(plan.recommended.client_cells[k]) << "</tr>\n";
    }
    h << "</table>\n";
  }

  h << "<h2>First working version per platform</h2>\n<table id=\"first-working\"><tr><th>Platform</th>"
       "<th>First version trusting the new chain</th><th>Works from (to the newest snapshot)</th>"
       "<th>Old</th><th>New</th><th>Recommended</th></tr>\n";
  for (const auto& p : plan.platforms) {
    h << "<tr><td>" << Esc(p.platform) << "</td><td>" << Esc(p.first_working.empty() ? "none" : p.first_working)
      << "</td><td>" << Esc(p.works_from.empty() ? "none" : p.works_from) << "</td><td>" << p.working_old << "/"
      << p.snapshots << "</td><td>" << p.working_new << "/" << p.snapshots << "</td><td>"
      << p.working_recommended << "/" << p.snapshots << "</td></tr>\n";
  }
  h << "</table>\n";

  h << "<h2>Recommendation</h2>\n<p id=\"recommendation\">Serve this chain: it keeps <b>"
    << plan.recommended.working << "</b> of " << n << " platform versions working (the new chain as given: "
    << plan.new_chain.working << "). Cost: " << plan.recommended.bytes << " bytes, "
    << (plan.added_bytes >= 0 ? "+" : "") << plan.added_bytes << " bytes on every handshake compared with the new chain; "
    << plan.candidates_considered << " servable chains considered.</p>\n<ol id=\"recommended-chain\">\n";
  for (const auto& c : plan.recommended.chain) {
    h << "<li>" << Esc(c->DisplayName()) << " <code>" << Esc(c->Sha256Hex()) << "</code> (" << c->der().size()
      << " bytes)</li>\n";
  }
  h << "</ol>\n";
  auto leaf = [&](const char* which, const PlanResult::LeafInfo& l) {
    h << "<li>" << which << " leaf " << Esc(l.name) << ": valid " << Esc(FormatDate(l.not_before)) << " to "
      << Esc(FormatDate(l.not_after)) << (l.valid_at ? "" : " (not valid at the judged time; not counted)") << "</li>\n";
  };
  h << "<h2>Leaves</h2>\n<p>Leaves are reissued often: their own validity is reported, not judged.</p><ul>\n";
  leaf("Old", plan.old_leaf);
  leaf("New", plan.new_leaf);
  h << "</ul>\n<p><small>Generated by trustready plan from data/platforms (historical root stores of Android, "
       "Apple, Windows, Mozilla, OpenJDK and Oracle Java root stores).</small></p>\n</body></html>\n";
  return h.str();
}

}  // namespace trustready
