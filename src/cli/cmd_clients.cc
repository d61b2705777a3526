// `trustready clients list [--env FILE | --pid PID] [--client NAME]
//  [--root DIR] [--json]`: which trust store each TLS client uses here, and
// why. `trustready clients verify TARGET --client NAME ...`: what that
// client will do with an endpoint (its store, its behaviour).
// Logic lives in src/client/, the outputs in report/clients_report.
#include <iostream>

#include "cli/cli.h"
#include "cli/commands_clients.h"
#include "trustready/check/client_predict.h"
#include "trustready/client/client.h"
#include "trustready/report/clients_report.h"

namespace trustready::cli {
namespace {

ClientEnvironment MakeEnvironment(const ClientEnv& e) {
  auto env = ChooseEnvironment({.env_file = e.env_file, .pid = e.pid, .root = e.root});
  if (!env.ok()) Fail(env.error().ToString());  // names the option
  return std::move(env).value();
}

}  // namespace

void RunClientsList(const ClientsListArgs& a) {
  const ClientEnv& e = a.env;
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), e.client.empty() ? "clients" : "--client " + e.client);
  std::cout << (a.json ? ClientResolutionToJson(r, e.client) : ClientResolutionToText(r, e.client, TextStyle{UseColor()}));
}

void RunClientsVerify(const ClientsVerifyArgs& a) {
  const ClientEnv& e = a.env;
  if (e.client.empty()) Fail("clients verify: give --client NAME (see `trustready clients list`)");
  Seconds(a.timeout, "--timeout");  // checked before anything is read
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), "--client " + e.client);
  ClientCatalog catalog = Unwrap(LoadClientCatalog(), "client data");
  PredictOptions po;
  po.host = a.host;
  po.timeout_seconds = a.timeout;
  po.time = AtTime(a.at);
  // Judging an endpoint: a compiled-in list we cannot read (Chromium's)
  // is left out, so "trusted" stays sound; see OpenResolvedOptions.
  po.open.skip_unlisted = true;
  auto predictions = Unwrap(PredictClients(a.target, r, catalog, po), a.target);
  std::cout << (a.json ? ClientPredictionsToJson(a.target, e.client, predictions)
                     : ClientPredictionsToText(e.client, predictions, TextStyle{UseColor()}));
  SetExitCode(AllPredictionsTrusted(predictions) ? kExitOk : kExitNo);
}

}  // namespace trustready::cli
