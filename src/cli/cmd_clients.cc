// `trustready clients list [--env FILE | --pid PID] [--client NAME]
//  [--root DIR] [--json]`: which trust store each TLS client uses here, and
// why. `trustready clients verify TARGET --client NAME ...`: what that
// client will do with an endpoint (its store, its behaviour).
// Logic lives in src/client/, the outputs in report/clients_report.
#include <iostream>

#include "cli/cli.h"
#include "trustready/check/client_predict.h"
#include "trustready/client/client.h"
#include "trustready/report/clients_report.h"

namespace trustready::cli {
namespace {

struct EnvArgs {
  std::string env_file;
  int pid = 0;
  std::string client;
  std::string root;
  bool json = false;
};

struct ClientsVerifyArgs : EnvArgs {
  std::string target, host, at;
  double timeout = 10;
};

void AddEnvOptions(CLI::App* sub, EnvArgs* e) {
  sub->add_option("--env", e->env_file, "resolve in this environment: a file of KEY=VALUE lines (default: this process's)");
  sub->add_option("--pid", e->pid, "resolve in a running process's environment (/proc/PID/environ, /proc/PID/exe)");
  sub->add_option("--client", e->client, "only this client (python-requests, java, node, curl, ...)");
  sub->add_option("--root", e->root,
                  "resolve inside another system's file tree (an unpacked image): its paths, nothing run");
}

ClientEnvironment MakeEnvironment(const EnvArgs& e) {
  auto env = ChooseEnvironment({.env_file = e.env_file, .pid = e.pid, .root = e.root});
  if (!env.ok()) Fail(env.error().ToString());  // names the option
  return std::move(env).value();
}

void RunList(const EnvArgs& e) {
  const bool json = e.json;
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), e.client.empty() ? "clients" : "--client " + e.client);
  std::cout << (json ? ClientResolutionToJson(r, e.client) : ClientResolutionToText(r, e.client, TextStyle{UseColor()}));
}

void RunVerify(const ClientsVerifyArgs& e) {
  if (e.client.empty()) Fail("clients verify: give --client NAME (see `trustready clients list`)");
  Seconds(e.timeout, "--timeout");  // checked before anything is read
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), "--client " + e.client);
  ClientCatalog catalog = Unwrap(LoadClientCatalog(), "client data");
  PredictOptions po;
  po.host = e.host;
  po.timeout_seconds = e.timeout;
  po.time = AtTime(e.at);
  // Judging an endpoint: a compiled-in list we cannot read (Chromium's)
  // is left out, so "trusted" stays sound; see OpenResolvedOptions.
  po.open.skip_unlisted = true;
  auto predictions = Unwrap(PredictClients(e.target, r, catalog, po), e.target);
  std::cout << (e.json ? ClientPredictionsToJson(e.target, e.client, predictions)
                     : ClientPredictionsToText(e.client, predictions, TextStyle{UseColor()}));
  SetExitCode(AllPredictionsTrusted(predictions) ? kExitOk : kExitNo);
}

}  // namespace

static void RegisterClients(CLI::App& app) {
  auto* clients = app.add_subcommand("clients", "Which trust store each TLS client uses (and why), and what it will do");
  clients->require_subcommand(1);
  {
    auto [list, e] = AddCommand<EnvArgs>(clients, "list", "Every client found, the store it reads and why", RunList);
    AddEnvOptions(list, e.get());
    list->add_flag("--json", e->json, "JSON output (docs/schemas/clients.schema.json)");
  }
  {
    auto [verify, e] = AddCommand<ClientsVerifyArgs>(
        clients, "verify", "Will this client trust this endpoint? Its own store and behaviour (SHA-1, key sizes, AIA, expiry)",
        RunVerify);
    verify->add_option("TARGET", e->target, "https://host[:port][/path] or host:port")->required();
    AddEnvOptions(verify, e.get());
    verify->add_option("--host", e->host, "host name to check the leaf against (default: the target's host)");
    verify->add_option("--at", e->at, "judge at this time, RFC 3339 (default: now)");
    verify->add_option("--timeout", e->timeout, "seconds for each network phase (default 10)");
    verify->add_flag("--json", e->json, "JSON output (docs/schemas/clients-verify.schema.json)");
  }
}
TRUSTREADY_REGISTER_COMMAND("clients", RegisterClients);

}  // namespace trustready::cli
