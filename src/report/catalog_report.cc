#include "trustready/report/catalog_report.h"

#include <fmt/format.h>

#include "report/render.h"

namespace trustready {

using nlohmann::json;
using namespace report_internal;

namespace {
// Markdown cells: a '|' would end the cell.
std::string MdCell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  return s;
}
}  // namespace

std::string CatalogToJson(const Catalog& catalog) {
  json ops = json::array();
  for (const auto& op : catalog.operators) {
    ops.push_back({{"id", op.id},
                   {"operator", op.name},
                   {"legal_name", op.legal_name},
                   {"headquarters", op.headquarters},
                   {"roots", op.roots.size()}});
  }
  return Document({{"operators", ops}});
}

std::string CatalogToText(const Catalog& catalog, const TextStyle& style) {
  std::string out =
      Bold(style, fmt::format("{:<24}  {:<30}  {:>5}  {}", "ID", "OPERATOR", "ROOTS", "HEADQUARTERS")) + "\n";
  for (const auto& op : catalog.operators) {
    out += fmt::format("{:<24}  {:<30}  {:>5}  {}\n", op.id, op.name, op.roots.size(), op.headquarters);
  }
  return out;
}

std::string CatalogToMarkdown(const Catalog& catalog) {
  std::string out = "| Operator | Legal name | Headquarters | Roots |\n|---|---|---|---|\n";
  for (const auto& op : catalog.operators) {
    out += "| [" + MdCell(op.name) + "](" + op.id + "/README.md) | " + MdCell(op.legal_name) + " | " +
           MdCell(op.headquarters) + " | " + std::to_string(op.roots.size()) + " |\n";
  }
  return out;
}

std::string OperatorToJson(const CatalogOperator& op, const PlatformData& platforms) {
  json roots = json::array();
  for (const auto& r : op.roots) {
    json programs = json::object();
    for (const auto& p : RootPrograms(platforms, *r.cert)) {
      json pj = {{"snapshots", p.snapshots}, {"in_latest", p.in_latest}, {"blocked_in_latest", p.blocked_in_latest}};
      if (p.snapshots > 0) {
        pj["first_version"] = p.first_version;
        pj["first_date"] = p.first_date;
        pj["last_version"] = p.last_version;
        pj["last_date"] = p.last_date;
      }
      programs[p.platform] = pj;
    }
    roots.push_back({{"name", r.name},
                     {"file", r.file},
                     {"openssl_hash", r.hash_file},
                     {"key", r.key},
                     {"not_before", FormatDate((*r.cert)->not_before)},
                     {"valid_until", r.valid_until},
                     {"sha256", r.cert->Sha256Hex()},
                     {"subject", (*r.cert)->subject.ToRfc4514()},
                     {"programs", programs}});
  }
  return Document({{"id", op.id},
                   {"operator", op.name},
                   {"roots", roots},
                   {"metadata", op.metadata ? *op.metadata : json::object()}});
}

std::string OperatorToText(const CatalogOperator& op, const TextStyle& style, UnixTime now) {
  std::string out = Bold(style, op.name) + "  " + Dim(style, op.id) + "\n";
  out += "  " + op.legal_name + ", " + op.headquarters + "\n\n";
  out += Bold(style, fmt::format("  {:<48}  {:<11}  {:<10}  {:<10}  {}", "ROOT", "HASH", "KEY", "UNTIL", "SHA-256")) +
         "\n";
  for (const auto& r : op.roots) {
    out += fmt::format("  {:<48}  {:<11}  {:<10}  {:<10}  {}\n", Ellipsize(r.name, 48), r.hash_file, r.key,
                       r.valid_until, r.cert->Sha256Hex());
  }
  // Expiry is read from the certificates themselves, at `now`.
  const std::string today = FormatDate(now);
  bool header = false;
  for (const auto& r : op.roots) {
    if (r.valid_until >= today) continue;
    if (!header) out += "\n" + Bold(style, "  EXPIRED") + "\n";
    header = true;
    out += "  " + r.name + " expired on " + r.valid_until + " (certificate notAfter)\n";
  }
  const json& m = *op.metadata;
  if (m.is_object() && m.contains("lifecycle") && m["lifecycle"].is_array() && !m["lifecycle"].empty()) {
    out += "\n" + Bold(style, "  LIFECYCLE") + "\n";
    for (const auto& e : m["lifecycle"]) {
      if (!e.is_object()) continue;
      const bool unverified = e.contains("verified") && e["verified"].is_boolean() && !e["verified"].get<bool>();
      out += "  " + e.value("date", "") + "  " + e.value("text", e.value("event", "")) +
             (unverified ? Yellow(style, " [unverified]") : "") + "\n";
      if (e.contains("source") && e["source"].is_string()) {
        out += Dim(style, "              " + e["source"].get<std::string>()) + "\n";
      }
    }
  }
  out += Dim(style, "\n  (use --markdown for programs, cross-signs, audits, transparency, incidents)") + "\n";
  return out;
}

std::string CatalogWhichToJson(const Certificate& cert, const std::optional<WhichResult>& found) {
  json out = {{"certificate", cert.Sha256Hex()}, {"subject", cert->subject.ToRfc4514()}};
  if (!found) {
    out["operator"] = nullptr;
    return Document(out);
  }
  out["operator"] = found->op->id;
  out["operator_name"] = found->op->name;
  out["root"] = {{"name", found->root->name}, {"sha256", found->root->cert->Sha256Hex()}};
  out["relation"] = CatalogRelationName(found->relation);
  out["signatures_verified"] = found->signatures_verified;
  json p = json::array();
  for (const auto& c : found->path) p.push_back(c->Sha256Hex());
  out["path"] = p;
  return Document(out);
}

std::string CatalogWhichToText(const Certificate& cert, const std::optional<WhichResult>& found) {
  if (!found) {
    return "no catalog operator: " + cert.DisplayName() +
           " does not chain to a catalog root (give intermediates in the same file)\n";
  }
  std::string out = found->op->name + " (" + found->op->id + ")\n";
  const char* how = found->relation == CatalogRelation::kRoot      ? "is the root "
                    : found->relation == CatalogRelation::kSameKey ? "has the key of root "
                                                                   : "chains to root ";
  out += std::string("  ") + how + found->root->name + " [" + found->root->hash_file + "]\n";
  for (const auto& c : found->path) out += "    " + c->DisplayName() + "\n";
  return out;
}

std::string LintIssuesToText(const std::vector<LintIssue>& issues) {
  std::string out;
  for (const auto& i : issues) out += i.path + ": " + i.message + "\n";
  return out;
}

std::string LintSummaryToText(const Catalog& catalog, const std::vector<LintIssue>& issues, bool rewritten) {
  if (!issues.empty()) return fmt::format("catalog: {} problem{}\n", issues.size(), issues.size() == 1 ? "" : "s");
  size_t roots = 0;
  for (const auto& op : catalog.operators) roots += op.roots.size();
  return fmt::format("catalog: {} operators, {} roots, READMEs agree with their certificates{}\n",
                     catalog.operators.size(), roots, rewritten ? " (rewritten)" : "");
}

std::string LintToJson(const Catalog& catalog, const std::vector<LintIssue>& issues, bool rewritten) {
  json problems = json::array();
  for (const auto& i : issues) problems.push_back({{"path", i.path}, {"message", i.message}});
  size_t roots = 0;
  for (const auto& op : catalog.operators) roots += op.roots.size();
  return Document({{"schema", "trustready.catalog.lint/1"},
                   {"ok", issues.empty()},
                   {"operators", catalog.operators.size()},
                   {"roots", roots},
                   {"rewritten", rewritten},
                   {"problems", problems}});
}

}  // namespace trustready
