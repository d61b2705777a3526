// trustready store list|show|diff|audit|export|add|remove
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/report/cert_report.h"
#include "trustready/store/store_audit.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/store_edit.h"
#include "trustready/store/store_formats.h"
#include "trustready/store/store_open.h"

namespace trustready::cli {
namespace {

StoreOpenOptions OpenOptions(const std::string& password, bool given) {
  StoreOpenOptions o;
  o.password = password;
  o.password_given = given;
  return o;
}

TrustStore Open(const std::string& spec, const StoreOpenOptions& options) {
  auto r = OpenStore(spec, options);
  if (!r.ok()) Fail(spec, r.error());
  return std::move(r).value();
}

nlohmann::json TrustToJson(const TrustAttributes& t) {
  nlohmann::json j;
  j["purposes"] = PurposeNames(t.purposes);
  j["distrusted"] = t.distrusted;
  j["server_distrust_after"] =
      t.server_distrust_after ? nlohmann::json(FormatRfc3339(*t.server_distrust_after)) : nlohmann::json(nullptr);
  j["email_distrust_after"] =
      t.email_distrust_after ? nlohmann::json(FormatRfc3339(*t.email_distrust_after)) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json AnchorToJson(const TrustAnchor& a) {
  nlohmann::json j = CertificateToJson(*a.cert);
  j["trust"] = TrustToJson(a.trust);
  j["source"] = a.source;
  return j;
}

// The `openssl rehash` link name of every anchor (distrusted ones have none).
std::map<const TrustAnchor*, std::string> HashNames(const TrustStore& store) {
  std::map<const TrustAnchor*, std::string> out;
  for (const auto& e : HashedDirLayout(store)) out[e.anchor] = e.link;
  return out;
}

std::string Ellipsize(std::string s, size_t n) {
  if (s.size() > n) s = s.substr(0, n - 3) + "...";
  return s;
}

void RegisterStore(CLI::App& app) {
  auto* store = app.add_subcommand("store", "Trust stores: list, show, diff, audit, export, add, remove");
  store->require_subcommand(1);

  // --- list ---------------------------------------------------------------
  {
    auto* list = store->add_subcommand("list", "Trust stores found on this machine");
    auto json = std::make_shared<bool>(false);
    auto root = std::make_shared<std::string>();
    list->add_flag("--json", *json, "JSON (docs/schemas/store-list.schema.json)");
    list->add_option("--root", *root,
                     "list the stores of another system's file tree (an unpacked container image, a mounted disk)");
    list->callback([json, root] {
      nlohmann::json out = nlohmann::json::array();
      std::string text;
      DiscoveryOptions discovery;
      if (!root->empty()) discovery.root = Unwrap(CheckDiscoveryRoot(*root), "--root");
      for (const auto& d : DiscoverStores(discovery)) {
        auto s = OpenDiscoveredStore(d);
        nlohmann::json j{{"name", d.name}, {"format", d.kind}, {"source", d.location},
                         {"description", d.description}};
        j["anchors"] = s.ok() ? nlohmann::json(s->size()) : nlohmann::json(nullptr);
        j["error"] = s.ok() ? nlohmann::json(nullptr) : nlohmann::json(s.error().ToString());
        out.push_back(j);
        text += fmt::format("{:<16} {:<9} {:>5}  {}\n", d.name, d.kind,
                            s.ok() ? std::to_string(s->size()) : "-",
                            s.ok() ? d.location : d.location + "  " + Red("(" + s.error().ToString() + ")"));
      }
      if (*json) {
        std::cout << nlohmann::json{{"root", root->empty() ? nlohmann::json(nullptr) : nlohmann::json(*root)},
                                    {"stores", out}}.dump(2)
                  << "\n";
      } else {
        std::cout << Bold(fmt::format("{:<16} {:<9} {:>5}  {}", "NAME", "FORMAT", "CERTS", "SOURCE")) << "\n"
                  << text;
      }
    });
  }

  // --- show ---------------------------------------------------------------
  {
    auto* show = store->add_subcommand("show", "One row per anchor of a store");
    struct Opts {
      std::string spec, password;
      bool json = false;
    };
    auto o = std::make_shared<Opts>();
    show->add_option("STORE", o->spec, "short name (see `store list`), platform snapshot, or path")->required();
    auto* pw = show->add_option("--password", o->password, "keystore password (JKS/PKCS#12)");
    show->add_flag("--json", o->json, "JSON (docs/schemas/store-show.schema.json)");
    show->callback([o, pw] {
      TrustStore s = Open(o->spec, OpenOptions(o->password, pw->count() > 0));
      auto hashes = HashNames(s);
      if (o->json) {
        nlohmann::json j{{"name", s.name()}, {"format", s.format()}, {"source", s.source()}};
        j["anchors"] = nlohmann::json::array();
        for (const auto& a : s.anchors()) j["anchors"].push_back(AnchorToJson(a));
        std::cout << j.dump(2) << "\n";
        return;
      }
      std::cout << Bold(fmt::format("{} ({}, {} anchors)", s.name(), s.format(), s.size())) << "\n";
      std::cout << Bold(fmt::format("{:<40} {:<10} {:<10} {:<10} {:<64} {}", "NAME", "HASH", "KEY",
                                    "UNTIL", "SHA-256", "TRUST"))
                << "\n";
      const UnixTime now = Now();
      for (const auto& a : s.anchors()) {
        auto h = hashes.find(&a);
        std::string until = FormatDate(a.cert->parsed().not_after);
        if (a.cert->parsed().not_after < now) until = Red(until);
        std::string trust = DescribeTrust(a.trust);
        if (a.trust.distrusted) trust = Red(trust);
        std::cout << fmt::format("{:<40} {:<10} {:<10} ", Ellipsize(a.cert->DisplayName(), 40),
                                 h == hashes.end() ? "-" : h->second, a.cert->KeyDescription())
                  << until << std::string(until.size() < 10 ? 11 - until.size() : 1, ' ')
                  << a.cert->Sha256Hex() << " " << trust << "\n";
      }
    });
  }

  // --- diff ---------------------------------------------------------------
  {
    auto* diff = store->add_subcommand("diff", "Anchors only in A, only in B, and trust changes");
    struct Opts {
      std::string a, b, password;
      bool json = false;
    };
    auto o = std::make_shared<Opts>();
    diff->add_option("A", o->a, "first store")->required();
    diff->add_option("B", o->b, "second store")->required();
    auto* pw = diff->add_option("--password", o->password, "keystore password for both stores");
    diff->add_flag("--json", o->json, "JSON (docs/schemas/store-diff.schema.json)");
    diff->callback([o, pw] {
      auto opts = OpenOptions(o->password, pw->count() > 0);
      TrustStore a = Open(o->a, opts);
      TrustStore b = Open(o->b, opts);
      StoreDiff d = DiffStores(a, b);
      const bool same = d.only_in_a.empty() && d.only_in_b.empty() && d.trust_changed.empty();
      SetExitCode(same ? kExitOk : kExitNo);
      if (o->json) {
        nlohmann::json j{{"a", a.name()}, {"b", b.name()}};
        j["only_in_a"] = nlohmann::json::array();
        j["only_in_b"] = nlohmann::json::array();
        j["trust_changed"] = nlohmann::json::array();
        for (auto* x : d.only_in_a) j["only_in_a"].push_back(AnchorToJson(*x));
        for (auto* x : d.only_in_b) j["only_in_b"].push_back(AnchorToJson(*x));
        for (auto& [x, y] : d.trust_changed) {
          nlohmann::json c = CertificateToJson(*x->cert);
          c["trust_a"] = TrustToJson(x->trust);
          c["trust_b"] = TrustToJson(y->trust);
          j["trust_changed"].push_back(c);
        }
        std::cout << j.dump(2) << "\n";
        return;
      }
      std::cout << fmt::format("{} ({} anchors) vs {} ({} anchors): {} only in A, {} only in B, {} trust changed\n",
                               a.name(), a.size(), b.name(), b.size(), d.only_in_a.size(),
                               d.only_in_b.size(), d.trust_changed.size());
      for (auto* x : d.only_in_a) {
        std::cout << Red("- ") << x->cert->Sha256Hex() << "  " << x->cert->DisplayName() << "\n";
      }
      for (auto* x : d.only_in_b) {
        std::cout << Green("+ ") << x->cert->Sha256Hex() << "  " << x->cert->DisplayName() << "\n";
      }
      for (auto& [x, y] : d.trust_changed) {
        std::cout << Yellow("~ ") << x->cert->Sha256Hex() << "  " << x->cert->DisplayName() << ": "
                  << DescribeTrust(x->trust) << " -> " << DescribeTrust(y->trust) << "\n";
      }
    });
  }

  // --- audit --------------------------------------------------------------
  {
    auto* audit = store->add_subcommand(
        "audit", "Expired/expiring anchors, weak keys, non-CA anchors, duplicates, distrusted entries");
    struct Opts {
      std::string spec, password;
      int soon_days = 90;
      bool json = false;
    };
    auto o = std::make_shared<Opts>();
    audit->add_option("STORE", o->spec, "store")->required();
    auto* pw = audit->add_option("--password", o->password, "keystore password");
    audit->add_option("--soon-days", o->soon_days, "days counted as 'expiring soon' (default 90)");
    audit->add_flag("--json", o->json, "JSON (docs/schemas/store-audit.schema.json)");
    audit->callback([o, pw] {
      TrustStore s = Open(o->spec, OpenOptions(o->password, pw->count() > 0));
      StoreAuditOptions ao;
      ao.soon_days = o->soon_days;
      auto findings = AuditStore(s, ao);
      bool errors = false;
      for (const auto& f : findings) errors = errors || f.severity == AuditSeverity::kError;
      SetExitCode(errors ? kExitNo : kExitOk);
      if (o->json) {
        nlohmann::json j{{"name", s.name()}, {"format", s.format()}, {"source", s.source()},
                         {"anchors", s.size()}, {"ok", !errors}};
        j["findings"] = nlohmann::json::array();
        for (const auto& f : findings) {
          nlohmann::json fj{{"id", f.id}, {"severity", std::string(AuditSeverityName(f.severity))},
                            {"message", f.message}};
          fj["sha256"] = nlohmann::json::array();
          for (auto* a : f.anchors) fj["sha256"].push_back(a->cert->Sha256Hex());
          j["findings"].push_back(fj);
        }
        std::cout << j.dump(2) << "\n";
        return;
      }
      std::map<std::string, int> counts;
      for (const auto& f : findings) {
        ++counts[f.id];
        std::string sev(AuditSeverityName(f.severity));
        std::string tag = f.severity == AuditSeverity::kError     ? Red(sev)
                          : f.severity == AuditSeverity::kWarning ? Yellow(sev)
                                                                  : Dim(sev);
        std::cout << tag << " " << f.id << " " << f.message << "\n";
      }
      std::string summary;
      for (const auto& [id, n] : counts) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, id);
      std::cout << (errors ? Red("FAIL") : Green("OK")) << " " << s.name() << ": " << s.size() << " anchors"
                << (summary.empty() ? ", no findings" : ": " + summary) << "\n";
    });
  }

  // --- export -------------------------------------------------------------
  {
    auto* exp = store->add_subcommand("export", "Write a store as PEM, hashed directory, JKS or PKCS#12");
    struct Opts {
      std::string spec, format, out, password, in_password;
    };
    auto o = std::make_shared<Opts>();
    exp->add_option("STORE", o->spec, "store")->required();
    exp->add_option("--format", o->format, "pem|hashed-dir|jks|pkcs12")
        ->required()
        ->check(CLI::IsMember({"pem", "hashed-dir", "jks", "pkcs12"}));
    exp->add_option("--out", o->out, "output file (directory for hashed-dir; must not exist or be empty)")
        ->required();
    auto* pw = exp->add_option("--password", o->password,
                               "password of the written keystore (default: changeit, Java's default)");
    auto* inpw = exp->add_option("--in-password", o->in_password, "password of STORE when it is a keystore");
    exp->callback([o, pw, inpw] {
      TrustStore s = Open(o->spec, OpenOptions(o->in_password, inpw->count() > 0));
      StoreFormat f = o->format == "pem"          ? StoreFormat::kPem
                      : o->format == "hashed-dir" ? StoreFormat::kDirectory
                      : o->format == "jks"        ? StoreFormat::kJks
                                                  : StoreFormat::kPkcs12;
      std::string password = pw->count() ? o->password : "changeit";
      size_t distrusted = 0, limited = 0, dated = 0;
      for (const auto& a : s.anchors()) {
        distrusted += a.trust.distrusted;
        limited += !a.trust.distrusted && a.trust.purposes != kAllPurposes;
        dated += a.trust.server_distrust_after || a.trust.email_distrust_after;
      }
      if (Status st = WriteStoreFile(s, f, o->out, password); !st.ok()) Fail(o->out, st.error());
      size_t written = s.size() - (f == StoreFormat::kPem ? 0 : distrusted);
      std::cout << fmt::format("exported {} anchors from {} to {} ({})\n", written, s.name(), o->out, o->format);
      // Say what the target format could not carry.
      if (f != StoreFormat::kPem && distrusted) {
        std::cerr << fmt::format("note: {} distrusted entries left out ({} cannot mark distrust)\n",
                                 distrusted, o->format);
      }
      if ((f == StoreFormat::kJks || f == StoreFormat::kDirectory) && limited) {
        std::cerr << fmt::format("note: {} anchors with limited purposes are trusted for all purposes in {}\n",
                                 limited, o->format);
      }
      if (dated) {
        std::cerr << fmt::format("note: {} distrust-after dates cannot be written to {}\n", dated, o->format);
      }
    });
  }

  // --- add / remove -------------------------------------------------------
  auto resolve = [](const std::string& spec) {
    // A discovered store's short name edits the file behind it.
    if (IsDiscoveryName(spec)) {
      auto d = FindDiscoveredStore(spec);
      if (!d) Fail(spec + ": no such store on this machine (see `trustready store list`)");
      if (d->kind == "node" || d->kind == "nss") Fail(spec + ": this store cannot be edited");
      return d->location;
    }
    if (IsPlatformSpec(spec)) Fail(spec + ": platform snapshots are read-only");
    return spec;
  };
  auto print_edit = [](const StoreEditResult& r, bool removing) {
    for (const auto& c : removing ? r.removed : r.added) {
      std::cout << (removing ? Red("- ") : Green("+ ")) << c->Sha256Hex() << "  " << c->DisplayName() << "\n";
    }
    for (const auto& c : r.already_present) {
      std::cout << Dim("= ") << c->Sha256Hex() << "  " << c->DisplayName() << " (already present)\n";
    }
    std::cout << fmt::format("{} ({}): {} -> {} anchors{}\n", r.path, r.format, r.before, r.after,
                             r.backup.empty() ? "" : ", backup " + r.backup);
  };
  {
    auto* add = store->add_subcommand("add", "Add certificates to a store in place (atomic, with backup)");
    struct Opts {
      std::string spec, password;
      std::vector<std::string> certs;
    };
    auto o = std::make_shared<Opts>();
    add->add_option("STORE", o->spec, "store file or directory")->required();
    add->add_option("CERT", o->certs, "certificate files (PEM or DER)")->required();
    auto* pw = add->add_option("--password", o->password, "keystore password (default: try changeit)");
    add->callback([o, pw, resolve, print_edit] {
      StoreEditOptions eo;
      eo.password = o->password;
      eo.password_given = pw->count() > 0;
      auto r = AddToStore(resolve(o->spec), o->certs, eo);
      if (!r.ok()) Fail(o->spec, r.error());
      print_edit(*r, false);
    });
  }
  {
    auto* rm = store->add_subcommand("remove", "Remove certificates (by SHA-256) from a store in place");
    struct Opts {
      std::string spec, password;
      std::vector<std::string> hashes;
    };
    auto o = std::make_shared<Opts>();
    rm->add_option("STORE", o->spec, "store file or directory")->required();
    rm->add_option("SHA256", o->hashes, "SHA-256 fingerprints (hex, colons allowed)")->required();
    auto* pw = rm->add_option("--password", o->password, "keystore password (default: try changeit)");
    rm->callback([o, pw, resolve, print_edit] {
      std::vector<Sha256> hashes;
      for (const auto& h : o->hashes) hashes.push_back(Unwrap(ParseSha256Hex(h), "SHA256"));
      StoreEditOptions eo;
      eo.password = o->password;
      eo.password_given = pw->count() > 0;
      auto r = RemoveFromStore(resolve(o->spec), hashes, eo);
      if (!r.ok()) Fail(o->spec, r.error());
      print_edit(*r, true);
    });
  }
}

}  // namespace
TRUSTREADY_REGISTER_COMMAND("store", RegisterStore);
}  // namespace trustready::cli
