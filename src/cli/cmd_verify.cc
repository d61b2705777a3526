// `trustready verify LEAF [--untrusted FILE]... [--store STORE]... [--host NAME]
//  [--at TIME] [--purpose server|client|any] [--crl FILE]... [--policy OID]...
//  [--explicit-policy] [--inhibit-policy-mapping] [--inhibit-any-policy]
//  [--require-revocation-status] [--json]`
//
// Each --store is one client; the answer is given per store. Exit 0 when
// every store has a valid path, 1 when some store has none, 2 on bad input.
#include <algorithm>
#include <iostream>

#include "cli/cli.h"
#include "trustready/x509/pem.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"
#include "trustready/store/store_select.h"
#include "trustready/verify/verify.h"
#include "trustready/report/verify_report.h"

namespace trustready::cli {
namespace {

struct VerifyArgs {
  std::string leaf;
  std::vector<std::string> untrusted;
  std::vector<std::string> stores;
  std::string host;
  std::string at;
  std::string purpose = "server";
  std::vector<std::string> crls;
  std::string password;
  bool target_is_ca = false;
  bool json = false;
  std::vector<std::string> policies;
  bool explicit_policy = false;
  bool inhibit_policy_mapping = false;
  bool inhibit_any_policy = false;
  bool require_revocation_status = false;
};

std::string Short(const Certificate& c) { return c.Sha256Hex().substr(0, 16); }

void PrintText(const VerifyResult& r, const std::string& store_name) {
  std::cout << Bold(store_name) << ": "
            << (r.trusted ? Green("trusted") : Red("NOT trusted (" +
                                                  std::string(VerifyErrorCodeName(r.most_specific.code)) + ")"))
            << "\n";
  int n = 0;
  for (const VerifiedPath& p : r.paths) {
    ++n;
    std::string state = p.valid ? Green("valid") : p.complete ? Red("invalid") : Red("incomplete");
    std::cout << "  path " << n << " (" << p.certificates.size() << " certificates): " << state << "\n";
    for (size_t i = 0; i < p.certificates.size(); ++i) {
      const Certificate& c = *p.certificates[i];
      const bool anchor = p.complete && i + 1 == p.certificates.size();
      std::cout << "    [" << i << "] " << c.DisplayName() << "  " << Dim(Short(c))
                << (anchor ? Dim("  (anchor)") : "") << "\n";
    }
    for (size_t i = 0; i < p.revocation.size(); ++i) {
      const RevocationStatus& rs = p.revocation[i];
      std::string line = "    revocation [" + std::to_string(i) + "] " + std::string(RevocationStateName(rs.state));
      if (rs.state == RevocationState::kGood) line += Dim(" by " + rs.crl);
      if (rs.state == RevocationState::kRevoked) {
        line = Red(line) + " serial " + rs.serial + " on " + FormatRfc3339(rs.revocation_date) +
               (rs.reason ? " (" + std::string(CrlReasonName(*rs.reason)) + ")" : "") + " by " + rs.crl;
      }
      if (rs.state == RevocationState::kUnknown) line += Dim(": " + rs.why);
      std::cout << line << "\n";
    }
    if (p.complete && !p.user_constrained_policy_set.empty()) {
      std::string pols;
      for (const auto& oid : p.user_constrained_policy_set) {
        pols += (pols.empty() ? "" : ", ") + der::OidToString(der::Input(oid.data(), oid.size()));
      }
      std::cout << "    policies: " << pols << "\n";
    }
    for (const VerifyError& e : p.errors) {
      std::cout << "    " << Red(std::string(VerifyErrorCodeName(e.code)))
                << (e.certificate >= 0 ? " [" + std::to_string(e.certificate) + "]" : "") << " "
                << e.message << "\n";
    }
  }
  if (!r.trusted) {
    std::cout << "  " << Bold("most specific") << ": " << VerifyErrorCodeName(r.most_specific.code)
              << ": " << r.most_specific.message << "\n";
  }
}

void RunVerify(const VerifyArgs& a) {
  // Inputs first: every bad input is exit 2 before any verdict.
  auto leaf_certs = Unwrap(LoadCertificatesFromFile(a.leaf), a.leaf);
  CertificatePtr leaf = leaf_certs.front();
  std::vector<CertificatePtr> untrusted(leaf_certs.begin() + 1, leaf_certs.end());
  for (const std::string& u : a.untrusted) {
    auto pool = Unwrap(LoadCertificatePool(u), u);
    untrusted.insert(untrusted.end(), pool.begin(), pool.end());
  }
  VerifyOptions options;
  options.target_is_ca = a.target_is_ca;
  if (a.purpose == "server") {
    options.purpose = VerifyPurpose::kServerAuth;
  } else if (a.purpose == "client") {
    options.purpose = VerifyPurpose::kClientAuth;
  } else if (a.purpose == "any") {
    options.purpose = VerifyPurpose::kAny;
  } else {
    Fail("--purpose: '" + a.purpose + "' is not one of server, client, any");
  }
  if (!a.host.empty()) options.host = Unwrap(ParseHostName(a.host), "--host");
  options.time = a.at.empty() ? Now() : Unwrap(ParseRfc3339(a.at), "--at");
  for (const std::string& p : a.policies) {
    options.policy.initial_policy_set.push_back(Unwrap(der::OidFromString(p), "--policy"));
  }
  options.policy.initial_explicit_policy = a.explicit_policy;
  options.policy.initial_policy_mapping_inhibit = a.inhibit_policy_mapping;
  options.policy.initial_inhibit_any_policy = a.inhibit_any_policy;
  options.require_revocation_status = a.require_revocation_status;
  for (const std::string& f : a.crls) {
    auto crls = Unwrap(LoadCrlsFromFile(f), f);
    options.crls.insert(options.crls.end(), crls.begin(), crls.end());
  }
  StoreSelectRequest select;
  for (const std::string& spec : (a.stores.empty() ? std::vector<std::string>{"system"} : a.stores)) {
    select.specs.push_back(ParseStoreSpec(spec));
  }
  if (!a.password.empty()) select.password = a.password;
  StoreSelection selection = Unwrap(SelectStores(select), "--store");
  std::vector<TrustStore> stores;
  for (SelectedStore& s : selection.stores) {
    if (!s.readable()) Fail("--store " + s.name + ": " + s.error.ToString() + "; " + s.fix);
    stores.push_back(std::move(*s.store));
  }

  // Answers from shipped platform snapshots say how old that data is. The
  // platform data is read only when a snapshot was asked for: reading it
  // costs more than the whole verification of a file store (start-up).
  const bool any_platform = std::any_of(stores.begin(), stores.end(),
                                        [](const TrustStore& st) { return IsPlatformSpec(st.name()); });
  if (auto data = any_platform ? LoadPlatformData() : Result<std::shared_ptr<const PlatformData>>(
                                                         MakeError(ErrorKind::kInvalidArgument, "not needed"));
      data.ok()) {
    std::vector<const PlatformSnapshot*> used;
    for (const TrustStore& store : stores)
      if (IsPlatformSpec(store.name()))
        if (const PlatformSnapshot* snap = (*data)->Find(store.name())) used.push_back(snap);
    if (!used.empty()) NotePlatformDataDate(**data, used);
  }

  SignatureCache cache;  // shared across stores: each signature once per run
  bool all_trusted = true;
  nlohmann::json jstores = nlohmann::json::array();
  bool first = true;
  for (const TrustStore& store : stores) {
    // A platform snapshot is a client: its behaviour (anchor expiry,
    // first-path-only) applies to its verdict.
    VerifyOptions store_options = options;
    if (IsPlatformSpec(store.name())) {
      auto data = LoadPlatformData();
      if (data.ok()) {
        if (const PlatformSnapshot* snap = (*data)->Find(store.name())) {
          store_options.client.enforce_anchor_expiry = snap->behavior.enforce_anchor_expiry;
          store_options.client.fetch_aia = snap->behavior.fetch_aia;
          store_options.client.first_path_only = snap->behavior.first_path_only;
        }
      }
    }
    VerifyResult r = VerifyChain(leaf, untrusted, store, store_options, &cache);
    all_trusted &= r.trusted;
    const std::string name = store.name().empty() ? store.source() : store.name();
    if (a.json) {
      jstores.push_back(VerifyResultToJson(r, name));
    } else {
      if (!first) std::cout << "\n";
      PrintText(r, name);
    }
    first = false;
  }
  if (a.json) {
    nlohmann::json doc = {{"trusted", all_trusted},
                          {"leaf", {{"sha256", leaf->Sha256Hex()}, {"name", leaf->DisplayName()}}},
                          {"time", FormatRfc3339(options.time)},
                          {"host", a.host.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.host)},
                          {"purpose", a.purpose},
                          {"stores", jstores}};
    std::cout << doc.dump(2) << "\n";
  } else {
    std::cout << "\n" << (all_trusted ? Green("verdict: trusted by every store")
                                      : Red("verdict: NOT trusted by every store"))
              << "\n";
  }
  SetExitCode(all_trusted ? kExitOk : kExitNo);
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND("verify", [](CLI::App& app) {
  auto* sub = app.add_subcommand("verify", "Build and validate every path from a certificate to each store's anchors");
  auto a = std::make_shared<VerifyArgs>();
  sub->add_option("LEAF", a->leaf, "the certificate to verify (PEM or DER; further certificates in the file join the untrusted pool)")
      ->required();
  sub->add_option("--untrusted,-u", a->untrusted, "intermediates: PEM bundle, DER file or directory (repeatable)");
  sub->add_option("--store,-s", a->stores, "trust store (name, platform snapshot or path; repeatable; default: system)");
  sub->add_option("--host", a->host, "server name to check: DNS name or IP address");
  sub->add_option("--at", a->at, "validation time, RFC 3339 (default: now)");
  sub->add_option("--purpose", a->purpose, "server, client or any (default: server)");
  sub->add_option("--crl", a->crls, "CRL file, DER or PEM (repeatable)");
  sub->add_option("--password", a->password, "keystore password for JKS/PKCS#12 stores");
  sub->add_flag("--ca", a->target_is_ca, "judge the certificate as a CA (no end-entity or host name rules)");
  sub->add_option("--policy", a->policies, "acceptable certificate policy OID (repeatable; default: anyPolicy)");
  sub->add_flag("--explicit-policy", a->explicit_policy, "require a valid policy (RFC 5280 initial-explicit-policy)");
  sub->add_flag("--inhibit-policy-mapping", a->inhibit_policy_mapping, "refuse policy mapping (initial-policy-mapping-inhibit)");
  sub->add_flag("--inhibit-any-policy", a->inhibit_any_policy, "anyPolicy does not match (initial-any-policy-inhibit)");
  sub->add_flag("--require-revocation-status", a->require_revocation_status,
                "fail a path when a certificate's revocation status cannot be determined from the CRLs given");
  sub->add_flag("--json", a->json, "JSON output (docs/schemas/verify.schema.json)");
  sub->callback([a] { RunVerify(*a); });
});

}  // namespace trustready::cli
