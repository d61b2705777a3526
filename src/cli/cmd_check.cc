// `trustready check [TARGET...] [--store STORE]... [--profile P] [--at TIME]
//  [--pin sha256/B64]... [--pins FILE] [--host NAME] [--timeout S] [--no-aia]
//  [--json]`
//
// No target: is every store on this machine (or each --store) ready for the
// profile's CAs? With targets (https://host[:port][/path], host:port or a
// chain file): does every store trust what the endpoint presents?
// Exit 0 ready/trusted, 1 not, 2 error. Logic lives in src/check/.
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "trustready/check/check.h"
#include "trustready/report/check_report.h"
#include "trustready/store/store_discovery.h"

namespace trustready::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> targets;
  std::vector<std::string> stores;
  std::string profile = "amazon-trust-services";
  std::string at;
  std::vector<std::string> pins;
  std::string pins_file;
  std::string host;
  std::string sni;
  std::string password;
  std::vector<std::string> crls;
  std::string root;
  double timeout = 10;
  bool no_aia = false;
  bool json = false;
};

struct SkippedStore {
  std::string name, location, error;
};

std::string Plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void PrintReadiness(const StoreReadiness& r, bool compact) {
  std::cout << Bold(r.store) << "  " << (r.ready ? Green("READY") : Red("NOT READY")) << "  "
            << Dim((r.location == r.store ? std::string() : r.location + " ") + "(" +
                   (r.description.empty() ? r.kind : r.description) + ", " + Plural(r.anchor_count, "anchor") + ")")
            << "\n";
  if (compact) return;
  std::string held, missing;
  for (const AnchorCheck& a : r.anchors) {
    std::string name = a.root->name;
    if (a.presence == AnchorPresence::kAbsent) {
      missing += (missing.empty() ? "" : ", ") + name;
    } else {
      held += (held.empty() ? "" : ", ") + name +
              (a.presence == AnchorPresence::kSameKey ? " (same key, other certificate)" : "") +
              (a.distrusted ? " (DISTRUSTED)" : "");
    }
  }
  std::cout << "  roots held:    " << (held.empty() ? Dim("none of the profile's roots") : held) << "\n";
  if (!missing.empty()) std::cout << "  roots missing: " << missing << "\n";
  for (const HierarchyCheck& h : r.hierarchies) {
    std::ostringstream line;
    line << "  " << (h.valid ? Green("[ok]  ") : Red("[FAIL]")) << " " << h.hierarchy->title
         << (h.hierarchy->required ? "" : Dim(" (optional)")) << ": " << h.valid_cas << "/" << h.cas.size()
         << " issuing CAs";
    if (h.valid_cas > 0) {
      line << " via " << h.anchor_name << (h.via_cross ? " (through a cross-sign)" : " (direct)");
    }
    if (!h.valid) {
      line << "; " << Red(std::string(VerifyErrorCodeName(h.error.code))) << ": " << h.error.message;
    }
    if (h.pinned.has_value()) line << (*h.pinned ? "; pins ok" : Red("; pins NOT satisfied"));
    std::cout << line.str() << "\n";
    if (h.valid && h.via_cross) {
      std::string path;
      for (const auto& n : h.path_names) path += (path.empty() ? "" : " -> ") + n;
      std::cout << "         " << Dim(path) << "\n";
    }
  }
  if (!r.ready) {
    if (!r.remediation.commands.empty()) {
      std::cout << "  " << Yellow("fix") << " (" << r.kind << "):\n";
      for (const auto& c : r.remediation.commands) std::cout << "    " << c << "\n";
    }
    for (const auto& b : r.remediation.blockers) std::cout << "  " << Red("blocked") << ": " << b << "\n";
    for (const auto& a : r.remediation.alternatives) std::cout << "  " << Yellow("or") << ": " << a << "\n";
  }
}

void PrintTarget(const TargetCheck& t) {
  std::cout << Bold(t.target) << "  " << (t.trusted ? Green("TRUSTED by every store") : Red("NOT trusted by every store"))
            << "\n";
  if (t.probe) {
    const Probe& p = *t.probe;
    std::cout << "  connected to " << p.peer_address << " (" << p.tls_version << ", " << p.cipher
              << (p.sni.empty() ? ", no SNI" : ", SNI " + p.sni) << ")\n";
    if (p.http_requested) {
      std::string status = p.status_line.empty() ? "no HTTP status line" : p.status_line;
      std::cout << "  GET " << p.target.path << ": "
                << (p.http_status == 200 ? Green(status) : Yellow(status)) << "\n";
    }
  }
  std::cout << "  chain presented (" << Plural(t.chain.size(), "certificate") << "):\n";
  for (size_t i = 0; i < t.chain.size(); ++i) {
    const Certificate& c = *t.chain[i];
    std::cout << "    [" << i << "] " << c.DisplayName() << Dim("  " + c.Sha256Hex().substr(0, 16))
              << Dim("  until " + FormatDate(c->not_after)) << "\n";
  }
  std::cout << "  migration CAs: "
            << (t.serves_profile ? Green("this server already uses them") : Yellow("not used by this chain"));
  for (const auto& m : t.profile_matches) std::cout << Dim(" [" + m + "]");
  std::cout << "\n";
  for (const auto& v : t.stores) {
    std::cout << "  " << Bold(v.store) << ": ";
    if (v.trusted) {
      const VerifiedPath* p = v.result.ValidPath();
      std::cout << Green("trusted") << Dim(" via " + p->certificates.back()->DisplayName());
    } else {
      std::cout << Red("NOT trusted") << " " << Red(std::string(VerifyErrorCodeName(v.result.most_specific.code)))
                << ": " << v.result.most_specific.message;
    }
    if (v.pins_ok.has_value()) std::cout << (*v.pins_ok ? Green("; pins ok") : Red("; pins NOT satisfied"));
    std::cout << "\n";
    if (!v.trusted && v.with_aia) {
      if (v.trusted_with_aia) {
        std::cout << "    " << Yellow("recovers with AIA fetching")
                  << ": browsers fetch the missing intermediate and succeed; Java, OpenSSL-based clients and curl "
                     "never fetch and fail\n";
      } else {
        std::cout << "    still fails with the AIA-fetched intermediates: "
                  << VerifyErrorCodeName(v.with_aia->most_specific.code) << "\n";
      }
    }
  }
  for (const auto& n : t.aia_notes) std::cout << "  " << Dim(n) << "\n";
}

void RunCheck(const CheckArgs& a) {
  MigrationProfile profile = Unwrap(LoadProfile(a.profile), "--profile " + a.profile);
  CheckOptions options;
  options.time = a.at.empty() ? Now() : Unwrap(ParseRfc3339(a.at), "--at");
  for (const auto& p : a.pins) options.pins.push_back(Unwrap(ParseSpkiPin(p), "--pin"));
  if (!a.pins_file.empty()) {
    auto more = Unwrap(LoadSpkiPins(a.pins_file), "--pins");
    options.pins.insert(options.pins.end(), more.begin(), more.end());
  }
  if (!(a.timeout > 0 && a.timeout <= 600)) Fail("--timeout: must be between 0 and 600 seconds");
  SignatureCache cache;
  options.cache = &cache;

  StoreOpenOptions open_options;
  open_options.password = a.password;
  open_options.password_given = !a.password.empty();
  std::vector<CheckedStore> stores;
  std::vector<SkippedStore> skipped;
  DiscoveryOptions discovery;
  if (!a.root.empty()) discovery.root = Unwrap(CheckDiscoveryRoot(a.root), "--root");
  const std::string where = a.root.empty() ? "on this machine" : "in " + a.root;
  if (a.stores.empty()) {
    for (const DiscoveredStore& d : DiscoverStores(discovery)) {
      auto s = OpenDiscoveredStore(d, open_options);
      if (!s.ok()) {
        skipped.push_back({d.name, d.location, s.error().ToString()});
        continue;
      }
      stores.push_back(DescribeStore(std::move(s).value(), &d));
    }
    if (stores.empty() && !skipped.empty()) {
      Fail("no readable trust store " + where + ": " + skipped.front().name + ": " + skipped.front().error);
    }
    if (stores.empty()) Fail("no trust store found " + where + " (use --store FILE)");
  } else {
    for (const std::string& spec : a.stores) {
      if (IsDiscoveryName(spec)) {
        auto d = FindDiscoveredStore(spec, discovery);
        if (!d) Fail("--store " + spec + ": no such store " + where + " (see `trustready store list`)");
        auto s = Unwrap(OpenDiscoveredStore(*d, open_options), "--store " + spec);
        stores.push_back(DescribeStore(std::move(s), &*d));
        continue;
      }
      if (!a.root.empty() && !IsPlatformSpec(spec)) {
        // A path names a file of the tree, as seen inside it.
        DiscoveredStore d = Unwrap(StoreAtPathInRoot(discovery.root, spec), "--store " + spec);
        auto s = Unwrap(OpenDiscoveredStore(d, open_options), "--store " + spec);
        stores.push_back(DescribeStore(std::move(s), &d));
        continue;
      }
      for (auto& s : Unwrap(OpenStores(spec, open_options), "--store " + spec)) {
        stores.push_back(DescribeStore(std::move(s), nullptr));
      }
    }
  }

  std::vector<StoreReadiness> readiness;
  for (const CheckedStore& s : stores) readiness.push_back(CheckStoreReadiness(profile, s, options));

  TargetCheckOptions topt;
  topt.check = options;
  topt.host = a.host;
  topt.fetch_aia = !a.no_aia;
  for (const std::string& f : a.crls) {
    auto crls = Unwrap(LoadCrlsFromFile(f), f);
    topt.crls.insert(topt.crls.end(), crls.begin(), crls.end());
  }
  auto ms = std::chrono::milliseconds(static_cast<int64_t>(a.timeout * 1000));
  topt.probe.connect_timeout = topt.probe.handshake_timeout = topt.probe.read_timeout = ms;
  topt.probe.server_name = a.sni;
  topt.aia.timeout = ms;
  std::vector<TargetCheck> targets;
  for (const std::string& t : a.targets) targets.push_back(Unwrap(CheckTarget(t, profile, stores, topt), t));

  bool stores_ready = true;
  for (const auto& r : readiness) stores_ready &= r.ready;
  bool targets_ok = true;
  for (const auto& t : targets) targets_ok &= t.trusted;
  const bool ok = targets.empty() ? stores_ready : targets_ok;

  if (a.json) {
    nlohmann::json js = nlohmann::json::array();
    for (const auto& r : readiness) js.push_back(StoreReadinessToJson(r));
    for (const auto& s : skipped) {
      js.push_back({{"store", s.name}, {"location", s.location}, {"ready", nullptr}, {"error", s.error}});
    }
    nlohmann::json jt = nlohmann::json::array();
    for (const auto& t : targets) jt.push_back(TargetCheckToJson(t));
    nlohmann::json pins = nlohmann::json::array();
    for (const auto& p : options.pins) pins.push_back(p.text);
    nlohmann::json doc = {{"profile", profile.name},
                          {"profile_title", profile.title},
                          {"root", a.root.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.root)},
                          {"time", FormatRfc3339(options.time)},
                          {"ready", ok},
                          {"stores_ready", stores_ready},
                          {"pins", pins},
                          {"stores", js},
                          {"targets", jt}};
    std::cout << doc.dump(2) << "\n";
  } else {
    size_t cas = 0;
    for (const auto& h : profile.hierarchies) cas += h.issuing_cas.size();
    std::cout << Bold("Profile " + profile.name) << ": " << profile.title << "\n"
              << Dim("checked at " + FormatRfc3339(options.time) + " against " +
                     std::to_string(profile.hierarchies.size()) +
                     (profile.hierarchies.size() == 1 ? " hierarchy" : " hierarchies") + " (" +
                     Plural(cas, "issuing CA") + ")")
              << "\n";
    if (!a.root.empty()) {
      std::cout << Dim("stores of the file tree " + a.root +
                       " (paths as seen inside it; run the fixes there, e.g. as Dockerfile RUN lines)")
                << "\n";
    }
    std::cout << "\n";
    for (const auto& t : targets) {
      PrintTarget(t);
      std::cout << "\n";
    }
    if (!targets.empty()) std::cout << Bold("Readiness of the same stores for " + profile.name) << ":\n";
    for (const auto& r : readiness) {
      PrintReadiness(r, !targets.empty());
      if (targets.empty()) std::cout << "\n";
    }
    for (const auto& s : skipped) {
      std::cout << Bold(s.name) << "  " << Yellow("SKIPPED") << "  " << Dim(s.location) << ": " << s.error << "\n";
    }
    if (!targets.empty()) std::cout << "\n";
    size_t n_ready = 0;
    for (const auto& r : readiness) n_ready += r.ready ? 1 : 0;
    if (targets.empty()) {
      std::string summary = std::to_string(n_ready) + " of " + Plural(readiness.size(), "store") + " ready for " +
                            profile.name;
      std::cout << (ok ? Green("Verdict: READY") : Red("Verdict: NOT READY")) << " - " << summary << "\n";
    } else {
      size_t n_ok = 0;
      for (const auto& t : targets) n_ok += t.trusted ? 1 : 0;
      std::cout << (ok ? Green("Verdict: TRUSTED") : Red("Verdict: NOT TRUSTED")) << " - " << n_ok << " of "
                << Plural(targets.size(), "target") << " trusted by all " << Plural(stores.size(), "store") << "\n";
    }
  }
  SetExitCode(ok ? kExitOk : kExitNo);
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND([](CLI::App& app) {
  auto* sub = app.add_subcommand(
      "check", "Is this machine / this store / this endpoint ready for a CA migration? (default profile: amazon-trust-services)");
  auto a = std::make_shared<CheckArgs>();
  sub->add_option("TARGET", a->targets,
                  "https://host[:port][/path], host:port, or a chain file (none: judge the stores themselves)");
  sub->add_option("--store,-s", a->stores,
                  "trust store: name from `store list`, platform snapshot (android:7.0.0_r1) or path; repeatable "
                  "(default: every store discovered on this machine)");
  sub->add_option("--profile,-p", a->profile, "migration profile: built-in name (`profiles list`), directory or profile.json");
  sub->add_option("--at", a->at, "judge at this time, RFC 3339 (default: now)");
  sub->add_option("--pin", a->pins, "SPKI pin sha256/BASE64 an application has configured (repeatable)");
  sub->add_option("--pins", a->pins_file, "file of SPKI pins, one sha256/BASE64 per line");
  sub->add_option("--host", a->host, "host name to check the leaf against (default: the target's host)");
  sub->add_option("--sni", a->sni, "server name to send in the TLS handshake (default: the target's host name)");
  sub->add_option("--password", a->password, "keystore password for JKS/PKCS#12 stores");
  sub->add_option("--crl", a->crls, "CRL to apply to targets' chains, DER or PEM (repeatable; nothing is downloaded)");
  sub->add_option("--root", a->root,
                  "discover the stores of another system's file tree instead of this machine's: an unpacked "
                  "container image (docker export | tar -x) or a mounted disk; links are resolved inside it");
  sub->add_option("--timeout", a->timeout, "seconds for each network phase: connect, handshake, read (default 10)");
  sub->add_flag("--no-aia", a->no_aia, "never fetch missing intermediates from AIA URLs");
  sub->add_flag("--json", a->json, "JSON output (docs/schemas/check.schema.json)");
  sub->callback([a] { RunCheck(*a); });
});

}  // namespace trustready::cli
