// `trustready verify LEAF [--untrusted FILE]... [--store STORE]... [--host NAME]
//  [--at TIME] [--purpose server|client|any] [--crl FILE]... [--policy OID]...
//  [--explicit-policy] [--inhibit-policy-mapping] [--inhibit-any-policy]
//  [--require-revocation-status] [--json]`
//
// Each --store is one client; the answer is given per store. Exit 0 when
// every store has a valid path, 1 when some store has none, 2 on bad input.
// Parse -> VerifyAgainstStores (check/verify_stores.h) -> report/verify_report
// -> exit code.
#include <iostream>

#include "cli/cli.h"
#include "trustready/check/verify_stores.h"
#include "trustready/der/parser.h"
#include "trustready/report/verify_report.h"

namespace trustready::cli {
namespace {

// Options that are request fields are bound to `request` itself; the
// others are converted by RunVerify.
struct VerifyArgs {
  VerifyRequest request;
  std::vector<std::string> stores;
  std::string password;
  std::string at;
  std::string purpose = "server";
  std::vector<std::string> policies;
  bool json = false;
};

void RunVerify(const VerifyArgs& a) {
  VerifyRequest r = a.request;
  for (const std::string& spec : a.stores) r.stores.specs.push_back(ParseStoreSpec(spec));
  if (!a.password.empty()) r.stores.password = a.password;
  r.time = AtTime(a.at);
  if (a.purpose == "server") {
    r.purpose = VerifyPurpose::kServerAuth;
  } else if (a.purpose == "client") {
    r.purpose = VerifyPurpose::kClientAuth;
  } else if (a.purpose == "any") {
    r.purpose = VerifyPurpose::kAny;
  } else {
    Fail("--purpose: '" + a.purpose + "' is not one of server, client, any");
  }
  for (const std::string& p : a.policies) {
    r.policy.initial_policy_set.push_back(Unwrap(der::OidFromString(p), "--policy"));
  }
  auto run = VerifyAgainstStores(r);
  if (!run.ok()) Fail(run.error().ToString());  // names the input already
  const VerifyReport& report = *run;

  // Answers from shipped platform snapshots say how old that data is.
  std::vector<std::string> platforms;
  for (const StoreVerification& s : report.stores)
    if (s.platform) platforms.push_back(s.store);
  NotePlatformStoresDate(platforms);
  std::cout << (a.json ? VerifyReportToJsonText(report) : VerifyReportToText(report, TextStyle{UseColor()}));
  SetExitCode(report.trusted ? kExitOk : kExitNo);
}

}  // namespace

static void RegisterVerify(CLI::App& app) {
  auto [sub, a] = AddCommand<VerifyArgs>(
      &app, "verify", "Build and validate every path from a certificate to each store's anchors", RunVerify);
  sub->add_option("LEAF", a->request.leaf_file, "the certificate to verify (PEM or DER; further certificates in the file join the untrusted pool)")
      ->required();
  sub->add_option("--untrusted,-u", a->request.untrusted, "intermediates: PEM bundle, DER file or directory (repeatable)");
  sub->add_option("--store,-s", a->stores, "trust store (name, platform snapshot or path; repeatable; default: system)");
  sub->add_option("--host", a->request.host, "server name to check: DNS name or IP address");
  sub->add_option("--at", a->at, "validation time, RFC 3339 (default: now)");
  sub->add_option("--purpose", a->purpose, "server, client or any (default: server)");
  sub->add_option("--crl", a->request.crl_files, "CRL file, DER or PEM (repeatable)");
  sub->add_option("--password", a->password, "keystore password for JKS/PKCS#12 stores");
  sub->add_flag("--ca", a->request.target_is_ca, "judge the certificate as a CA (no end-entity or host name rules)");
  sub->add_option("--policy", a->policies, "acceptable certificate policy OID (repeatable; default: anyPolicy)");
  sub->add_flag("--explicit-policy", a->request.policy.initial_explicit_policy, "require a valid policy (RFC 5280 initial-explicit-policy)");
  sub->add_flag("--inhibit-policy-mapping", a->request.policy.initial_policy_mapping_inhibit, "refuse policy mapping (initial-policy-mapping-inhibit)");
  sub->add_flag("--inhibit-any-policy", a->request.policy.initial_inhibit_any_policy, "anyPolicy does not match (initial-any-policy-inhibit)");
  sub->add_flag("--require-revocation-status", a->request.require_revocation_status,
                "fail a path when a certificate's revocation status cannot be determined from the CRLs given");
  sub->add_flag("--json", a->json, "JSON output (docs/schemas/verify.schema.json)");
}
TRUSTREADY_REGISTER_COMMAND("verify", RegisterVerify);

}  // namespace trustready::cli
