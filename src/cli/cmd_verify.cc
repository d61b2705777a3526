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
#include "cli/commands_verify.h"
#include "trustready/check/verify_stores.h"
#include "trustready/der/parser.h"
#include "trustready/report/verify_report.h"

namespace trustready::cli {

// Options that are request fields are bound to `request` itself
// (docs/cli/commands.spec); the others are converted here.
void RunVerify(const VerifyArgs& a) {
  VerifyRequest r = a.request;
  for (const std::string& spec : a.stores) r.stores.specs.push_back(ParseStoreSpec(spec));
  if (!a.password.empty()) r.stores.password = a.password;
  r.time = AtTime(a.at);
  auto purpose = ParseVerifyPurpose(a.purpose);
  if (!purpose) Fail("--purpose: '" + a.purpose + "' is not one of server, client, any");
  r.purpose = *purpose;
  for (const std::string& p : a.policies) {
    r.policy.initial_policy_set.push_back(Unwrap(der::OidFromString(p), "--policy"));
  }
  auto run = VerifyAgainstStores(r);
  if (!run.ok()) Fail(run.error().ToString());  // names the input already
  const VerifyReport& report = *run;

  // Answers from shipped platform snapshots say how old that data is.
  NotePlatformStoresDate(report.PlatformStores());
  std::cout << (a.json ? VerifyReportToJsonText(report) : VerifyReportToText(report, TextStyle{UseColor()}));
  SetExitCode(report.trusted ? kExitOk : kExitNo);
}

}  // namespace trustready::cli
