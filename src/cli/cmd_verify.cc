// `trustready verify LEAF [--untrusted FILE]... [--store STORE]... [--host NAME]
//  [--at TIME] [--purpose server|client|any] [--crl FILE]... [--json]`
//
// Each --store is one client; the answer is given per store. Exit 0 when
// every store has a valid path, 1 when some store has none, 2 on bad input.
// Parse -> VerifyAgainstStores (check/verify_stores.h) -> report/verify_report
// -> exit code.
#include <iostream>

#include "cli/cli.h"
#include "trustready/check/verify_stores.h"
#include "trustready/report/verify_report.h"
#include "trustready/store/platform_stores.h"

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
};

void RunVerify(const VerifyArgs& a) {
  VerifyRequest r;
  r.leaf_file = a.leaf;
  r.untrusted = a.untrusted;
  for (const std::string& spec : a.stores) r.stores.specs.push_back(ParseStoreSpec(spec));
  if (!a.password.empty()) r.stores.password = a.password;
  r.host = a.host;
  r.time = a.at.empty() ? 0 : Unwrap(ParseRfc3339(a.at), "--at");
  if (a.purpose == "server") {
    r.purpose = VerifyPurpose::kServerAuth;
  } else if (a.purpose == "client") {
    r.purpose = VerifyPurpose::kClientAuth;
  } else if (a.purpose == "any") {
    r.purpose = VerifyPurpose::kAny;
  } else {
    Fail("--purpose: '" + a.purpose + "' is not one of server, client, any");
  }
  r.crl_files = a.crls;
  r.target_is_ca = a.target_is_ca;
  auto run = VerifyAgainstStores(r);
  if (!run.ok()) Fail(run.error().ToString());
  const VerifyReport& report = *run;

  // Answers from shipped platform snapshots say how old that data is.
  if (auto data = LoadPlatformData(); data.ok()) {
    std::vector<const PlatformSnapshot*> used;
    for (const StoreVerification& s : report.stores)
      if (s.platform)
        if (const PlatformSnapshot* snap = (*data)->Find(s.store)) used.push_back(snap);
    if (!used.empty()) NotePlatformDataDate(**data, used);
  }
  std::cout << (a.json ? VerifyReportToJsonText(report) : VerifyReportToText(report, TextStyle{UseColor()}));
  SetExitCode(report.trusted ? kExitOk : kExitNo);
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND([](CLI::App& app) {
  auto* sub = app.add_subcommand("verify", "Build and validate every path from a certificate to each store's anchors");
  auto a = std::make_shared<VerifyArgs>();
  sub->add_option("LEAF", a->leaf, "the certificate to verify (PEM or DER; further certificates in the file join the untrusted pool)")
      ->required();
  sub->add_option("--untrusted,-u", a->untrusted, "intermediates: PEM bundle, DER file or directory (repeatable)");
  sub->add_option("--store,-s", a->stores,
                  "trust store (name, platform snapshot or path, optionally PATH#password=P; repeatable; default: system)");
  sub->add_option("--host", a->host, "server name to check: DNS name or IP address");
  sub->add_option("--at", a->at, "validation time, RFC 3339 (default: now)");
  sub->add_option("--purpose", a->purpose, "server, client or any (default: server)");
  sub->add_option("--crl", a->crls, "CRL file, DER or PEM (repeatable)");
  sub->add_option("--password", a->password, "keystore password for JKS/PKCS#12 stores");
  sub->add_flag("--ca", a->target_is_ca, "judge the certificate as a CA (no end-entity or host name rules)");
  sub->add_flag("--json", a->json, "JSON output (docs/schemas/verify.schema.json)");
  sub->callback([a] { RunVerify(*a); });
});

}  // namespace trustready::cli
