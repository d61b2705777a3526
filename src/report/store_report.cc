#include "trustready/report/store_report.h"

#include <fmt/format.h>

#include <map>

#include "report/render.h"
#include "trustready/report/cert_report.h"
#include "trustready/store/hashed_dir.h"

namespace trustready {

using nlohmann::json;
using namespace report_internal;

namespace {

json TrustToJson(const TrustAttributes& t) {
  json j;
  j["purposes"] = PurposeNames(t.purposes);
  j["distrusted"] = t.distrusted;
  j["server_distrust_after"] =
      t.server_distrust_after ? json(FormatRfc3339(*t.server_distrust_after)) : json(nullptr);
  j["email_distrust_after"] = t.email_distrust_after ? json(FormatRfc3339(*t.email_distrust_after)) : json(nullptr);
  return j;
}

json AnchorToJson(const TrustAnchor& a) {
  json j = CertificateToJson(*a.cert);
  j["trust"] = TrustToJson(a.trust);
  j["source"] = a.source;
  return j;
}

json Anchors(const std::vector<const TrustAnchor*>& anchors) {
  json out = json::array();
  for (const auto* a : anchors) out.push_back(AnchorToJson(*a));
  return out;
}

}  // namespace

std::string StoreListToJson(const StoreListing& listing) {
  json stores = json::array();
  for (const auto& l : listing.stores) {
    const DiscoveredStore& d = l.store;
    stores.push_back({{"name", d.name},
                      {"format", StoreFormatName(d.kind)},
                      {"source", d.location},
                      {"description", d.description},
                      {"anchors", l.anchors ? json(*l.anchors) : json(nullptr)},
                      {"error", l.anchors ? json(nullptr) : json(l.error)}});
    json& s = stores.back();
    if (l.anchors) {
      s["error_kind"] = s["detail"] = s["severity"] = nullptr;
    } else {
      report_internal::ErrorFieldsToJson(l.failure, &s);
      if (!s.contains("detail")) s["detail"] = nullptr;
    }
  }
  return Document({{"root", StringOrNull(listing.root)}, {"stores", stores}});
}

std::string StoreListToText(const StoreListing& listing, const TextStyle& style) {
  std::string out = Bold(style, fmt::format("{:<16} {:<9} {:>5}  {}", "NAME", "FORMAT", "CERTS", "SOURCE")) + "\n";
  for (const auto& l : listing.stores) {
    const DiscoveredStore& d = l.store;
    out += fmt::format("{:<16} {:<9} {:>5}  {}\n", d.name, StoreFormatName(d.kind),
                       l.anchors ? std::to_string(*l.anchors) : "-",
                       l.anchors ? d.location : d.location + "  " + Red(style, "(" + l.error + ")"));
  }
  return out;
}

std::string StoreToJson(const TrustStore& s) {
  json anchors = json::array();
  for (const auto& a : s.anchors()) anchors.push_back(AnchorToJson(a));
  return Document({{"name", s.name()}, {"format", s.format_name()}, {"source", s.source()}, {"anchors", anchors}});
}

std::string StoreToText(const TrustStore& s, UnixTime now, const TextStyle& style) {
  // The `openssl rehash` link name of every anchor (distrusted ones have none).
  std::map<const TrustAnchor*, std::string> hashes;
  for (const auto& e : HashedDirLayout(s)) hashes[e.anchor] = e.link;
  std::string out = Bold(style, fmt::format("{} ({}, {} anchors)", s.name(), s.format_name(), s.size())) + "\n";
  out += Bold(style, fmt::format("{:<40} {:<10} {:<10} {:<10} {:<64} {}", "NAME", "HASH", "KEY", "UNTIL", "SHA-256",
                                 "TRUST")) +
         "\n";
  for (const auto& a : s.anchors()) {
    auto h = hashes.find(&a);
    const std::string until = FormatDate(a.cert->parsed().not_after);
    const std::string trust = DescribeTrust(a.trust);
    out += fmt::format("{:<40} {:<10} {:<10} ", Ellipsize(a.cert->DisplayName(), 40),
                       h == hashes.end() ? "-" : h->second, a.cert->KeyDescription());
    out += (a.cert->parsed().not_after < now ? Red(style, until) : until) + PadTo(until.size(), 11);
    out += a.cert->Sha256Hex() + " " + (a.trust.distrusted ? Red(style, trust) : trust) + "\n";
  }
  return out;
}

std::string StoreDiffToJson(const TrustStore& a, const TrustStore& b, const StoreDiff& d) {
  json changed = json::array();
  for (const auto& [x, y] : d.trust_changed) {
    json c = CertificateToJson(*x->cert);
    c["trust_a"] = TrustToJson(x->trust);
    c["trust_b"] = TrustToJson(y->trust);
    changed.push_back(c);
  }
  return Document({{"a", a.name()},
                   {"b", b.name()},
                   {"only_in_a", Anchors(d.only_in_a)},
                   {"only_in_b", Anchors(d.only_in_b)},
                   {"trust_changed", changed}});
}

std::string StoreDiffToText(const TrustStore& a, const TrustStore& b, const StoreDiff& d, const TextStyle& style) {
  std::string out = fmt::format("{} ({} anchors) vs {} ({} anchors): {} only in A, {} only in B, {} trust changed\n",
                                a.name(), a.size(), b.name(), b.size(), d.only_in_a.size(), d.only_in_b.size(),
                                d.trust_changed.size());
  for (const auto* x : d.only_in_a) out += Red(style, "- ") + x->cert->Sha256Hex() + "  " + x->cert->DisplayName() + "\n";
  for (const auto* x : d.only_in_b) {
    out += Green(style, "+ ") + x->cert->Sha256Hex() + "  " + x->cert->DisplayName() + "\n";
  }
  for (const auto& [x, y] : d.trust_changed) {
    out += Yellow(style, "~ ") + x->cert->Sha256Hex() + "  " + x->cert->DisplayName() + ": " +
           DescribeTrust(x->trust) + " -> " + DescribeTrust(y->trust) + "\n";
  }
  return out;
}

std::string StoreAuditToJson(const TrustStore& s, const std::vector<StoreAuditFinding>& findings) {
  json fs = json::array();
  for (const auto& f : findings) {
    json sha = json::array();
    for (const auto* a : f.anchors) sha.push_back(a->cert->Sha256Hex());
    fs.push_back({{"id", f.id},
                  {"severity", std::string(AuditSeverityName(f.severity))},
                  {"message", f.message},
                  {"sha256", sha}});
  }
  return Document({{"name", s.name()},
                   {"format", s.format_name()},
                   {"source", s.source()},
                   {"anchors", s.size()},
                   {"ok", AuditPassed(findings)},
                   {"findings", fs}});
}

std::string StoreAuditToText(const TrustStore& s, const std::vector<StoreAuditFinding>& findings,
                             const TextStyle& style) {
  std::string out;
  std::map<std::string, int> counts;
  for (const auto& f : findings) {
    ++counts[f.id];
    const std::string sev(AuditSeverityName(f.severity));
    const std::string tag = f.severity == AuditSeverity::kError     ? Red(style, sev)
                            : f.severity == AuditSeverity::kWarning ? Yellow(style, sev)
                                                                    : Dim(style, sev);
    out += tag + " " + f.id + " " + f.message + "\n";
  }
  std::string summary;
  for (const auto& [id, n] : counts) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, id);
  const bool ok = AuditPassed(findings);
  out += (ok ? Green(style, "OK") : Red(style, "FAIL")) + " " + s.name() + ": " + std::to_string(s.size()) +
         " anchors" + (summary.empty() ? ", no findings" : ": " + summary) + "\n";
  return out;
}

std::string_view ExportFormatName(StoreFormat format) {
  return format == StoreFormat::kDirectory ? "hashed-dir" : StoreFormatName(format);
}

std::string StoreExportToText(const TrustStore& store, const StoreWriteSummary& w, const std::string& out) {
  return fmt::format("exported {} anchors from {} to {} ({})\n", w.written, store.name(), out,
                     ExportFormatName(w.format));
}

std::string StoreExportNotes(const StoreWriteSummary& w) {
  const std::string_view f = ExportFormatName(w.format);
  std::string out;
  if (w.distrusted_dropped) {
    out += fmt::format("note: {} distrusted entries left out ({} cannot mark distrust)\n", w.distrusted_dropped, f);
  }
  if (w.purposes_widened) {
    out += fmt::format("note: {} anchors with limited purposes are trusted for all purposes in {}\n",
                       w.purposes_widened, f);
  }
  if (w.dates_dropped) out += fmt::format("note: {} distrust-after dates cannot be written to {}\n", w.dates_dropped, f);
  return out;
}

std::string StoreEditToText(const StoreEditResult& r, bool removing, const TextStyle& style) {
  std::string out;
  for (const auto& c : removing ? r.removed : r.added) {
    out += (removing ? Red(style, "- ") : Green(style, "+ ")) + c->Sha256Hex() + "  " + c->DisplayName() + "\n";
  }
  for (const auto& c : r.already_present) {
    out += Dim(style, "= ") + c->Sha256Hex() + "  " + c->DisplayName() + " (already present)\n";
  }
  out += fmt::format("{} ({}): {} -> {} anchors{}\n", r.path, r.format, r.before, r.after,
                     r.backup.empty() ? "" : ", backup " + r.backup);
  return out;
}

std::string StoreExportToJson(const TrustStore& store, const StoreWriteSummary& w, const std::string& out) {
  return Document({{"schema", "trustready.store.export/1"},
                   {"store", store.name()},
                   {"out", out},
                   {"format", ExportFormatName(w.format)},
                   {"written", w.written},
                   {"distrusted_dropped", w.distrusted_dropped},
                   {"purposes_widened", w.purposes_widened},
                   {"dates_dropped", w.dates_dropped}});
}

std::string StoreEditToJson(const StoreEditResult& r, bool removing) {
  auto certs = [](const std::vector<CertificatePtr>& list) {
    json a = json::array();
    for (const auto& c : list) a.push_back({{"sha256", c->Sha256Hex()}, {"name", c->DisplayName()}});
    return a;
  };
  return Document({{"schema", "trustready.store.edit/1"},
                   {"action", removing ? "remove" : "add"},
                   {"path", r.path},
                   {"format", r.format},
                   {"before", r.before},
                   {"after", r.after},
                   {"added", certs(r.added)},
                   {"removed", certs(r.removed)},
                   {"already_present", certs(r.already_present)},
                   {"backup", StringOrNull(r.backup)}});
}

}  // namespace trustready
