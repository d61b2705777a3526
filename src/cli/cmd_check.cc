// `trustready check [TARGET...] [--store STORE]... [--profile P] [--at TIME]
//  [--pin sha256/B64]... [--pins FILE] [--host NAME] [--timeout S] [--deadline S] [--target-deadline S] [--no-aia] [--server-auth-only]
//  [--json]`
//
// No target: is every store on this machine (or each --store) ready for the
// profile's CAs? With targets (https://host[:port][/path], host:port or a
// chain file): does every store trust what the endpoint presents?
// Exit 0 ready/trusted, 1 not or unknown, 2 bad input or a target that could
// not be checked. Parse -> check::Run -> report/check_report -> exit code.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_check.h"
#include "trustready/check/check.h"
#include "trustready/report/check_report.h"

namespace trustready::cli {
namespace {

// Options that are request fields are bound to `request` itself
// (docs/cli/commands.spec); the others are converted here. A --password
// right after a --store is that store's; one before any --store is for
// every store: the order they were given in decides.
CheckRequest ToRequest(const CheckArgs& a) {
  CheckRequest r = a.request;
  r.time = AtTime(a.at);
  r.timeout = Seconds(a.timeout, "--timeout");
  r.deadline = Seconds(a.deadline, "--deadline", 86400, true);
  r.target_deadline = Seconds(a.target_deadline, "--target-deadline", 86400, true);
  r.fetch_aia = !a.no_aia;
  using ClientStores = CheckRequest::ClientStores;
  r.client_stores = a.clients ? ClientStores::kYes : a.no_clients ? ClientStores::kNo : ClientStores::kAuto;
  size_t si = 0, pi = 0;
  for (const CLI::Option* o : a.command->parse_order()) {
    if (o == a.store_opt && si < a.stores.size()) AddStoreArgument(r.stores, false, a.stores[si++]);
    if (o == a.password_opt && pi < a.passwords.size()) AddStoreArgument(r.stores, true, a.passwords[pi++]);
  }
  return r;
}

// The arguments are parsed (ToRequest) before this: from here on, one
// library call and its rendering.
void RunRequest(const CheckRequest& request, bool json) {
  auto run = check::Run(request);
  if (!run.ok()) Fail(run.error().ToString());
  const CheckReport& report = *run;
  // Answers from shipped platform snapshots say how old that data is
  // (stderr; --max-data-age).
  NotePlatformStoresDate(report.PlatformStores());
  if (json) {
    std::cout << CheckReportToJsonText(report);
  } else {
    std::cout << CheckReportToText(report, TextStyle{UseColor()});
  }
  std::cerr << CheckTargetErrorsToText(report);
  SetExitCode(report.outcome == CheckOutcome::kYes ? kExitOk
              : report.outcome == CheckOutcome::kNo ? kExitNo
                                                    : kExitError);
}

}  // namespace

void RunCheck(const CheckArgs& a) { RunRequest(ToRequest(a), a.json); }

}  // namespace trustready::cli
