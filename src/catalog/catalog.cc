// The CA operator catalog: loading data/catalog/, rendering each folder's
// README from certificates + operator.json + platform data, linting, and
// naming the operator of a certificate.
#include "trustready/catalog/catalog.h"
#include "trustready/base/strings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "trustready/x509/pem.h"
#include "trustready/verify/signature.h"
#include "trustready/store/store_open.h"
#include "trustready/x509/oids.h"

namespace trustready {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// id-at-organizationName (2.5.4.10), id-at-organizationalUnitName (2.5.4.11).
constexpr uint8_t kOrganizationOid[] = {0x55, 0x04, 0x0a};
constexpr uint8_t kOrganizationalUnitOid[] = {0x55, 0x04, 0x0b};

std::string CatalogDir() { return DataDir() + "/catalog"; }

// Same rule as scripts/catalog_roots.py: the CN unless it only repeats the
// organisation, then the OU.
std::string RootName(const Certificate& cert) {
  const Name& subject = cert->subject;
  std::string cn = subject.Get(oid::kCommonName);
  std::string o = subject.Get(der::Input(kOrganizationOid));
  std::string ou = subject.Get(der::Input(kOrganizationalUnitOid));
  if (!cn.empty() && cn != o) return cn;
  if (!ou.empty()) return ou;
  return !cn.empty() ? cn : o;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  return "";
}

// Markdown table cells: no pipes or newlines.
std::string Cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// Apple's version labels list every OS ("iOS 12, macOS 10.14, watchOS 5,
// and tvOS 12"); tables show the first.
std::string ShortVersion(const std::string& platform, const std::string& v) {
  if (platform != "apple") return v;
  size_t comma = v.find(',');
  return comma == std::string::npos ? v : v.substr(0, comma);
}

std::string JoinStrings(const json& arr, const std::string& sep) {
  std::string out;
  if (!arr.is_array()) return out;
  for (const auto& v : arr) {
    if (!v.is_string()) continue;
    if (!out.empty()) out += sep;
    out += v.get<std::string>();
  }
  return out;
}

Result<CatalogOperator> LoadOperator(const fs::path& dir) {
  CatalogOperator op;
  op.id = dir.filename().string();
  op.dir = dir.string();
  const std::string meta_path = (dir / "operator.json").string();
  auto text = ReadFile(meta_path);
  if (!text.ok()) return text.error();
  json meta = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (meta.is_discarded() || !meta.is_object())
    return MakeError(ErrorKind::kFormat, meta_path + ": not a JSON object");
  op.name = Str(meta, "operator");
  op.legal_name = Str(meta, "legal_name");
  op.headquarters = Str(meta, "headquarters");
  op.metadata = std::make_shared<const json>(std::move(meta));
  if (op.name.empty()) return MakeError(ErrorKind::kFormat, meta_path + ": missing \"operator\"");

  std::vector<fs::path> pems;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "roots", ec))
    if (e.path().extension() == ".pem") pems.push_back(e.path());
  if (ec) return MakeError(ErrorKind::kIo, (dir / "roots").string() + ": " + ec.message());
  std::sort(pems.begin(), pems.end());
  for (const auto& p : pems) {
    auto certs = LoadCertificatesFromFile(p.string());
    if (!certs.ok()) return certs.error();
    if (certs->size() != 1)
      return MakeError(ErrorKind::kFormat, p.string() + ": holds " + std::to_string(certs->size()) +
                                               " certificates, expected one root");
    CatalogRoot r;
    r.cert = certs->front();
    r.file = "roots/" + p.filename().string();
    r.name = RootName(*r.cert);
    r.key = r.cert->KeyDescription();
    r.valid_until = FormatDate((*r.cert)->not_after);
    r.sha256_colon = der::HexColon(der::Input(r.cert->sha256().data(), 32));
    op.roots.push_back(std::move(r));
  }
  std::sort(op.roots.begin(), op.roots.end(), [](const CatalogRoot& a, const CatalogRoot& b) {
    if (a.name != b.name) return a.name < b.name;
    if ((*a.cert)->not_before != (*b.cert)->not_before) return (*a.cert)->not_before < (*b.cert)->not_before;
    return a.cert->sha256() < b.cert->sha256();
  });
  // c_rehash numbering: the n-th certificate with a given subject hash in
  // one directory is HASH.n.
  std::map<uint32_t, int> seen;
  for (auto& r : op.roots) {
    uint32_t h = r.cert->SubjectHash();
    r.hash_file = fmt::format("{:08x}.{}", h, seen[h]++);
  }
  return op;
}

std::string ProgramCell(const ProgramInclusion& p) {
  if (p.snapshots == 0) return p.blocked_in_latest ? "blocked" : "—";
  std::string first = ShortVersion(p.platform, p.first_version);
  std::string cell =
      first + " – " + (p.in_latest ? std::string("latest") : ShortVersion(p.platform, p.last_version));
  if (p.blocked_in_latest) cell += " (blocked now)";
  return cell;
}

std::string JoinDates(const std::vector<std::string>& dates) {
  std::string out;
  for (const auto& d : dates) out += (out.empty() ? "" : " / ") + d;
  return out;
}

}  // namespace

Result<Catalog> LoadCatalog(const std::string& dir_in) {
  Catalog catalog;
  catalog.dir = dir_in.empty() ? CatalogDir() : dir_in;
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(catalog.dir, ec))
    if (e.is_directory()) dirs.push_back(e.path());
  if (ec) return MakeError(ErrorKind::kIo, catalog.dir + ": " + ec.message());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    auto op = LoadOperator(d);
    if (!op.ok()) return op.error();
    catalog.operators.push_back(std::move(op).value());
  }
  if (catalog.operators.empty()) return MakeError(ErrorKind::kIo, catalog.dir + ": no operator folders");
  return catalog;
}

Result<const CatalogOperator*> FindOperator(const Catalog& catalog, const std::string& query) {
  const std::string q = AsciiLower(query);
  std::vector<const CatalogOperator*> hits;
  for (const auto& op : catalog.operators) {
    if (op.id == q) return &op;
    if (op.id.rfind(q, 0) == 0 || AsciiLower(op.name).rfind(q, 0) == 0) hits.push_back(&op);
  }
  if (hits.size() == 1) return hits.front();
  std::string names;
  for (const auto* op : hits.empty() ? std::vector<const CatalogOperator*>{} : hits)
    names += (names.empty() ? "" : ", ") + op->id;
  if (hits.empty()) {
    for (const auto& op : catalog.operators) names += (names.empty() ? "" : ", ") + op.id;
    return MakeError(ErrorKind::kInvalidArgument, "no operator \"" + query + "\" (known: " + names + ")");
  }
  return MakeError(ErrorKind::kInvalidArgument, "\"" + query + "\" is ambiguous: " + names);
}

std::vector<ProgramInclusion> RootPrograms(const PlatformData& data, const Certificate& root) {
  std::vector<ProgramInclusion> out;
  auto idx = data.IndexOf(root.sha256());
  for (const auto& platform : data.Platforms()) {
    ProgramInclusion p;
    p.platform = platform;
    const PlatformSnapshot* latest = nullptr;
    for (const auto& s : data.snapshots) {
      if (s.platform != platform) continue;
      latest = &s;
      if (!idx) continue;
      if (std::binary_search(s.trusted.begin(), s.trusted.end(), *idx) ||
          std::find(s.trusted.begin(), s.trusted.end(), *idx) != s.trusted.end()) {
        if (p.snapshots == 0) {
          p.first_version = s.version;
          p.first_date = s.date;
        }
        p.last_version = s.version;
        p.last_date = s.date;
        ++p.snapshots;
      }
    }
    if (latest && idx) {
      p.in_latest = std::find(latest->trusted.begin(), latest->trusted.end(), *idx) != latest->trusted.end();
      p.blocked_in_latest = std::find(latest->blocked.begin(), latest->blocked.end(), *idx) != latest->blocked.end();
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string RenderOperatorMarkdown(const CatalogOperator& op, const PlatformData& platforms) {
  const json& m = *op.metadata;
  std::ostringstream md;
  md << "# " << op.name << "\n\n";
  md << "<!-- Generated by `trustready catalog lint --write` from roots/*.pem, operator.json and "
        "data/platforms/. Do not edit by hand: `trustready catalog lint` fails when this file and "
        "the certificates disagree. -->\n\n";
  std::vector<std::string> facts;
  if (auto s = Str(m, "legal_name"); !s.empty()) facts.push_back("**Legal name:** " + s);
  if (auto s = Str(m, "headquarters"); !s.empty()) facts.push_back("**Headquarters:** " + s);
  if (auto s = Str(m, "parent"); !s.empty()) facts.push_back("**Parent:** " + s);
  if (m.contains("brands")) facts.push_back("**Brands:** " + JoinStrings(m["brands"], ", "));
  if (m.contains("issues_through")) facts.push_back("**Issues through:** " + JoinStrings(m["issues_through"], ", "));
  for (const auto& f : facts) md << "- " << f << "\n";
  if (auto s = Str(m, "summary"); !s.empty()) md << "\n" << s << "\n";
  md << "\n## Roots\n\n";
  md << "| Certificate | OpenSSL hash | Key | Valid until | SHA-256 |\n";
  md << "|---|---|---|---|---|\n";
  for (const auto& r : op.roots) {
    md << "| " << Cell(r.name) << " | `" << r.hash_file << "` | " << r.key << " | " << r.valid_until
       << " | `" << r.sha256_colon << "` |\n";
  }
  md << "\n" << op.roots.size() << " root certificate" << (op.roots.size() == 1 ? "" : "s")
     << " in `roots/`.\n";

  md << "\n## Root programs\n\n";
  md << "Derived from the platform store snapshots in `data/platforms/`: the first and the last "
        "snapshot that trusts each root (\"latest\" when the newest snapshot of the platform still "
        "does). Windows and Apple lists are the published root program lists; Android is AOSP.\n\n";
  auto names = platforms.Platforms();
  md << "| Certificate |";
  for (const auto& p : names) md << " " << p << " |";
  md << "\n|---|";
  for (size_t i = 0; i < names.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& r : op.roots) {
    md << "| " << Cell(r.name) << " |";
    for (const auto& p : RootPrograms(platforms, *r.cert)) md << " " << Cell(ProgramCell(p)) << " |";
    md << "\n";
  }
  if (m.contains("root_programs") && m["root_programs"].is_object()) {
    md << "\nRoot program notes (operator.json):\n\n";
    for (const auto& [program, v] : m["root_programs"].items()) {
      std::string line;
      if (v.is_object()) {
        for (const auto& [k, val] : v.items()) {
          std::string sv = val.is_string() ? val.get<std::string>() : val.dump();
          line += (line.empty() ? "" : "; ") + k + ": " + sv;
        }
      } else {
        line = v.is_string() ? v.get<std::string>() : v.dump();
      }
      md << "- **" << program << "**: " << line << "\n";
    }
  }

  md << "\n## Cross-signs\n\n";
  if (m.contains("cross_signs") && m["cross_signs"].is_array() && !m["cross_signs"].empty()) {
    for (const auto& c : m["cross_signs"]) {
      md << "- **" << Str(c, "subject") << "** signed by **" << Str(c, "issuer") << "**";
      std::string extra;
      for (const char* k : {"period", "purpose", "note", "certificates"})
        if (auto s = Str(c, k); !s.empty()) extra += (extra.empty() ? "" : "; ") + s;
      if (!extra.empty()) md << ": " << extra;
      md << "\n";
    }
  } else {
    md << "None recorded.\n";
  }

  md << "\n## Audits\n\n";
  if (m.contains("audits") && m["audits"].is_object()) {
    const json& a = m["audits"];
    if (auto s = Str(a, "regime"); !s.empty()) md << "- **Regime:** " << s << "\n";
    if (a.contains("schemes")) md << "- **Schemes:** " << JoinStrings(a["schemes"], ", ") << "\n";
    if (auto s = Str(a, "auditor"); !s.empty()) md << "- **Auditor:** " << s << "\n";
    if (auto s = Str(a, "latest_report_covers"); !s.empty()) md << "- **Latest report covers:** " << s << "\n";
  } else {
    md << "Not recorded.\n";
  }

  md << "\n## Transparency\n\n";
  if (m.contains("transparency") && m["transparency"].is_object()) {
    for (const auto& [k, v] : m["transparency"].items()) {
      std::string label = k == "ct_logging" ? "Certificate Transparency" : k == "ccadb" ? "CCADB disclosure" : k;
      md << "- **" << label << ":** " << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
    }
    if (auto s = Str(m, "ct_logs_operated"); !s.empty()) md << "- **CT logs operated:** " << s << "\n";
  } else {
    md << "Not recorded.\n";
  }

  md << "\n## Incidents\n\n";
  if (m.contains("incidents") && m["incidents"].is_array() && !m["incidents"].empty()) {
    md << "| Date | Tracker | Title | Outcome |\n|---|---|---|---|\n";
    for (const auto& i : m["incidents"]) {
      std::string date = Str(i, "date");
      if (date.empty()) date = Str(i, "year");
      std::string tracker = Str(i, "tracker");
      std::string id = Str(i, "id");
      std::string ref = tracker == "mozilla-bugzilla" && !id.empty()
                            ? "[Bug " + id + "](https://bugzilla.mozilla.org/show_bug.cgi?id=" + id + ")"
                            : (tracker + (id.empty() ? "" : " " + id));
      md << "| " << Cell(date) << " | " << Cell(ref) << " | " << Cell(Str(i, "title")) << " | "
         << Cell(Str(i, "outcome")) << " |\n";
    }
  } else {
    md << "None recorded.\n";
  }
  if (auto s = Str(m, "distrust_actions"); !s.empty()) md << "\n**Distrust actions:** " << s << "\n";

  // Lifecycle facts (checked by `catalog lint`) and the operator's
  // transition note, when operator.json has them.
  if (m.contains("lifecycle") && m["lifecycle"].is_array() && !m["lifecycle"].empty()) {
    md << "\n## Lifecycle\n\n| Date | Event | Platform | Fact | Source |\n|---|---|---|---|---|\n";
    for (const auto& e : m["lifecycle"]) {
      if (!e.is_object()) continue;
      const bool unverified = e.contains("verified") && e["verified"].is_boolean() && !e["verified"].get<bool>();
      std::string source = Str(e, "source");
      if (unverified) source = "**unverified**" + (source.empty() ? "" : ": " + source);
      md << "| " << Cell(Str(e, "date")) << " | " << Cell(Str(e, "event")) << " | " << Cell(Str(e, "platform"))
         << " | " << Cell(Str(e, "text")) << " | " << Cell(source) << " |\n";
    }
  }
  if (auto s = Str(m, "transition_note"); !s.empty()) md << "\n**Transition:** " << s << "\n";

  if (m.contains("sources") && m["sources"].is_array() && !m["sources"].empty()) {
    md << "\n## Sources\n\n";
    for (const auto& s : m["sources"])
      if (s.is_string()) md << "- " << s.get<std::string>() << "\n";
  }
  return md.str();
}

std::string_view CatalogRelationName(CatalogRelation relation) {
  switch (relation) {
    case CatalogRelation::kRoot: return "root";
    case CatalogRelation::kSameKey: return "same-key";
    case CatalogRelation::kChain: break;
  }
  return "chain";
}

std::vector<LintIssue> LintCatalog(const Catalog& catalog, const PlatformData& platforms, bool write) {
  std::vector<LintIssue> issues;
  for (const auto& op : catalog.operators) {
    const std::string meta_path = op.dir + "/operator.json";
    for (const char* key : {"legal_name", "headquarters", "audits", "transparency", "incidents", "sources"}) {
      if (!op.metadata->contains(key)) issues.push_back({meta_path, std::string("missing \"") + key + "\""});
    }
    if (op.roots.empty()) issues.push_back({op.dir + "/roots", "no root certificates"});
    for (const auto& r : op.roots) {
      if (!r.cert->IsSelfIssued())
        issues.push_back({op.dir + "/" + r.file, "not self-issued (a root is expected): issuer " +
                                                     (*r.cert)->issuer.ToRfc4514()});
    }
    // Claims operator.json makes about its roots must match a certificate.
    if (op.metadata->contains("roots") && (*op.metadata)["roots"].is_array()) {
      for (const auto& claim : (*op.metadata)["roots"]) {
        std::string sha = Str(claim, "sha256");
        const CatalogRoot* match = nullptr;
        for (const auto& r : op.roots)
          if (r.cert->Sha256Hex() == AsciiLower(sha)) match = &r;
        if (!match) {
          issues.push_back({meta_path, "root \"" + Str(claim, "name") + "\" (" + sha + ") has no certificate in roots/"});
          continue;
        }
        auto check = [&](const char* key, const std::string& actual) {
          if (claim.contains(key) && Str(claim, key) != actual)
            issues.push_back({meta_path, "root \"" + match->name + "\": " + key + " says \"" + Str(claim, key) +
                                             "\", the certificate says \"" + actual + "\""});
        };
        check("name", match->name);
        check("openssl_hash", match->hash_file);
        check("key", match->key);
        check("valid_until", match->valid_until);
        check("not_before", FormatDate((*match->cert)->not_before));
      }
    }
    // Lifecycle facts (operator.json "lifecycle"): each has a date, an event
    // and a source or "verified": false; an event about a root names a root
    // of this folder; "expired" must be that certificate's notAfter date; a
    // platform's "distrust_after" / "removed" must agree with the platform
    // data when the data has the root ("removed": its newest snapshot of the
    // platform no longer trusts it; "distrust_after": behaviors.json's rule
    // for the root has that date).
    if (op.metadata->contains("lifecycle")) {
      const auto& lc = (*op.metadata)["lifecycle"];
      if (!lc.is_array()) issues.push_back({meta_path, "\"lifecycle\" is not an array"});
      for (size_t i = 0; lc.is_array() && i < lc.size(); ++i) {
        const auto& e = lc[i];
        const std::string where = "lifecycle[" + std::to_string(i) + "]";
        const std::string date = Str(e, "date"), event = Str(e, "event");
        if (date.size() != 10 || !ParseRfc3339(date).ok())
          issues.push_back({meta_path, where + ": date \"" + date + "\" is not YYYY-MM-DD"});
        if (event.empty()) issues.push_back({meta_path, where + ": no event"});
        const bool unverified = e.contains("verified") && e["verified"].is_boolean() && !e["verified"].get<bool>();
        if (Str(e, "source").empty() && !unverified)
          issues.push_back({meta_path, where + ": no source (give one, or mark \"verified\": false)"});
        const std::string sha = AsciiLower(Str(e, "root"));
        if (sha.empty()) continue;
        const CatalogRoot* match = nullptr;
        for (const auto& r : op.roots)
          if (r.cert->Sha256Hex() == sha) match = &r;
        if (!match) {
          issues.push_back({meta_path, where + ": root " + sha + " has no certificate in roots/"});
          continue;
        }
        if (event == "expired" && match->valid_until != date)
          issues.push_back({meta_path, where + ": says " + match->name + " expired " + date +
                                           ", the certificate's notAfter is " + match->valid_until});
        const std::string platform = Str(e, "platform");
        // A distrust-after date the platform data models (behaviors.json
        // distrust_after) for this root must be the fact's date.
        if (event == "distrust_after" && !platform.empty()) {
          std::vector<std::string> modelled;
          for (const auto& rule : platforms.distrust_rules)
            if (rule.platform == platform &&
                std::find(rule.roots.begin(), rule.roots.end(), match->cert->sha256()) != rule.roots.end())
              modelled.push_back(FormatDate(rule.server_distrust_after));
          if (!modelled.empty() && std::find(modelled.begin(), modelled.end(), date) == modelled.end())
            issues.push_back({meta_path, where + ": says " + platform + " distrusts " + match->name + " after " + date +
                                             ", the platform data (behaviors.json) says " + JoinDates(modelled)});
        }
        if (event == "removed" && !platform.empty()) {
          for (const auto& p : RootPrograms(platforms, *match->cert))
            if (p.platform == platform && p.in_latest)
              issues.push_back({meta_path, where + ": says " + platform + " removed " + match->name +
                                               ", but its newest snapshot still trusts it"});
        }
      }
    }
    // Every distrust-after rule of the platform data that covers a root of
    // this folder has a lifecycle fact: same platform and date, naming that
    // root or no root (a fact about all the operator's roots).
    for (const auto& rule : platforms.distrust_rules) {
      const std::string date = FormatDate(rule.server_distrust_after);
      for (const auto& r : op.roots) {
        if (std::find(rule.roots.begin(), rule.roots.end(), r.cert->sha256()) == rule.roots.end()) continue;
        bool found = false;
        const json* lc = op.metadata->contains("lifecycle") ? &(*op.metadata)["lifecycle"] : nullptr;
        for (size_t i = 0; lc && lc->is_array() && i < lc->size() && !found; ++i) {
          const auto& e = (*lc)[i];
          const std::string root = AsciiLower(Str(e, "root"));
          found = Str(e, "event") == "distrust_after" && Str(e, "platform") == rule.platform && Str(e, "date") == date &&
                  (root.empty() || root == r.cert->Sha256Hex());
        }
        if (!found)
          issues.push_back({meta_path, "no lifecycle fact for " + rule.platform + "'s distrust of " + r.name +
                                           " after " + date + " (data/platforms/behaviors.json or root_properties.json)"});
      }
    }
    const std::string readme_path = op.dir + "/README.md";
    const std::string rendered = RenderOperatorMarkdown(op, platforms);
    if (write) {
      auto existing = ReadFile(readme_path);
      if (!existing.ok() || *existing != rendered) {
        if (auto st = WriteFileAtomic(readme_path, rendered); !st.ok())
          issues.push_back({readme_path, st.error().ToString()});
      }
      continue;
    }
    auto existing = ReadFile(readme_path);
    if (!existing.ok()) {
      issues.push_back({readme_path, "missing (run `trustready catalog lint --write`)"});
      continue;
    }
    if (*existing != rendered) {
      std::istringstream a(*existing), b(rendered);
      std::string la, lb;
      int line = 0;
      while (true) {
        ++line;
        bool ga = static_cast<bool>(std::getline(a, la));
        bool gb = static_cast<bool>(std::getline(b, lb));
        if (!ga && !gb) break;
        if (!ga || !gb || la != lb) {
          issues.push_back({readme_path, fmt::format("line {} disagrees with the certificates/metadata: "
                                                     "README has \"{}\", expected \"{}\"",
                                                     line, ga ? la : "<end>", gb ? lb : "<end>")});
          break;
        }
      }
    }
  }
  return issues;
}

std::optional<WhichResult> CatalogWhich(const Catalog& catalog, const CertificatePtr& cert,
                                        const std::vector<CertificatePtr>& pool) {
  // Direct: the root itself, or the same key (a cross-signed or re-issued
  // form of a catalog root).
  for (const auto& op : catalog.operators) {
    for (const auto& r : op.roots) {
      if (r.cert->sha256() == cert->sha256())
        return WhichResult{&op, &r, CatalogRelation::kRoot, {cert}, true};
    }
  }
  for (const auto& op : catalog.operators) {
    for (const auto& r : op.roots) {
      if (r.cert->spki_sha256() == cert->spki_sha256() &&
          r.cert->NormalizedSubject() == cert->NormalizedSubject())
        return WhichResult{&op, &r, CatalogRelation::kSameKey, {cert, r.cert}, true};
    }
  }
  // Upwards through issuers: catalog roots first, then the pool. Depth is
  // bounded by kMaxDepth and loops are cut by never revisiting a certificate.
  constexpr int kMaxDepth = 8;
  auto key_ids_match = [](const Certificate& child, const Certificate& issuer) {
    const auto& aki = child->authority_key_id;
    const auto& ski = issuer->subject_key_id;
    if (!aki || !aki->key_identifier || !ski) return true;
    return *aki->key_identifier == *ski;
  };
  auto sig_ok = [](const Certificate& child, const Certificate& issuer) {
    return VerifyCertificateSignature(child, issuer, nullptr) == SignatureStatus::kValid;
  };
  std::vector<CertificatePtr> path = {cert};
  std::set<Sha256> visited = {cert->sha256()};
  while (static_cast<int>(path.size()) < kMaxDepth) {
    const Certificate& cur = *path.back();
    if (cur.IsSelfIssued() && path.size() > 1) break;
    for (const auto& op : catalog.operators) {
      for (const auto& r : op.roots) {
        if (r.cert->NormalizedSubject() == cur.NormalizedIssuer() && key_ids_match(cur, *r.cert) &&
            sig_ok(cur, *r.cert)) {
          auto full = path;
          full.push_back(r.cert);
          return WhichResult{&op, &r, CatalogRelation::kChain, full, true};
        }
      }
    }
    CertificatePtr next;
    for (const auto& c : pool) {
      if (visited.count(c->sha256())) continue;
      if (c->NormalizedSubject() == cur.NormalizedIssuer() && key_ids_match(cur, *c) && sig_ok(cur, *c)) {
        next = c;
        break;
      }
    }
    if (!next) break;
    visited.insert(next->sha256());
    path.push_back(next);
  }
  return std::nullopt;
}

std::optional<WhichResult> CatalogWhich(const Catalog& catalog, const std::vector<CertificatePtr>& chain,
                                        const PlatformData& platforms) {
  if (chain.empty()) return std::nullopt;
  std::vector<CertificatePtr> pool(chain.begin() + 1, chain.end());
  for (const auto& c : platforms.certificates) {
    if (c) pool.push_back(c);
  }
  return CatalogWhich(catalog, chain.front(), pool);
}

}  // namespace trustready
