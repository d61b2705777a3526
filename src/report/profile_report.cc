#include "trustready/report/profile_report.h"

#include "report/render.h"
#include "trustready/report/check_report.h"

namespace trustready {

using nlohmann::json;
using namespace report_internal;

std::string ProfilesToJson(const std::vector<MigrationProfile>& profiles) {
  json arr = json::array();
  for (const auto& p : profiles) arr.push_back(ProfileToJson(p));
  return Document(arr);
}

std::string ProfilesToText(const std::vector<MigrationProfile>& profiles, const TextStyle& st) {
  std::string out;
  for (const auto& p : profiles) {
    size_t cas = 0;
    for (const auto& h : p.hierarchies) cas += h.issuing_cas.size();
    out += Bold(st, p.name) + (p.status == "historical" ? Yellow(st, " [historical]") : "") + "  " + p.title +
           Dim(st, "  (" + std::to_string(p.roots.size()) + " roots, " + std::to_string(p.hierarchies.size()) +
                       " hierarchies, " + std::to_string(cas) + " issuing CAs)") +
           "\n";
  }
  return out;
}

std::string ProfileDocument(const MigrationProfile& profile) { return Document(ProfileToJson(profile)); }

std::string ProfileToText(const MigrationProfile& p, const TextStyle& st) {
  std::string out = Bold(st, p.name) + ": " + p.title + "\n";
  if (!p.description.empty()) out += "  " + p.description + "\n";
  out += "  roots:\n";
  for (const auto& r : p.roots) {
    out += "    " + r.name +
           Dim(st, "  " + r.cert->KeyDescription() + "  until " + FormatDate(r.cert->parsed().not_after) + "  " +
                       r.cert->Sha256Hex().substr(0, 16)) +
           (r.note.empty() ? "" : Dim(st, "  (" + r.note + ")")) + "\n";
  }
  out += "  hierarchies:\n";
  for (const auto& h : p.hierarchies) {
    std::string cas;
    for (const auto& c : h.issuing_cas) cas += (cas.empty() ? "" : ", ") + c->DisplayName();
    out += "    " + h.title + (h.required ? "" : Dim(st, " (optional)")) + ": " + cas + "\n";
  }
  if (!p.cross_certificates.empty()) {
    out += "  cross-certificates:\n";
    for (const auto& c : p.cross_certificates) {
      out += "    " + c.cert->DisplayName() + Dim(st, "  " + c.cert->Sha256Hex().substr(0, 16)) + "\n";
    }
  }
  out += Dim(st, "  " + p.manifest_path) + "\n";
  return out;
}

}  // namespace trustready
