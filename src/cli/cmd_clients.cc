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
};

void AddEnvOptions(CLI::App* sub, const std::shared_ptr<EnvArgs>& e) {
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

void RunList(const EnvArgs& e, bool json) {
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), e.client.empty() ? "clients" : "--client " + e.client);
  std::cout << (json ? ClientResolutionToJson(r, e.client) : ClientResolutionToText(r, e.client, TextStyle{UseColor()}));
}

void RunVerify(const EnvArgs& e, const std::string& target, const std::string& host, const std::string& at,
               double timeout, bool json) {
  if (e.client.empty()) Fail("clients verify: give --client NAME (see `trustready clients list`)");
  if (!(timeout > 0 && timeout <= 600)) Fail("--timeout: must be between 0 and 600 seconds");
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), "--client " + e.client);
  ClientCatalog catalog = Unwrap(LoadClientCatalog(), "client data");
  PredictOptions po;
  po.host = host;
  po.timeout_seconds = timeout;
  po.time = at.empty() ? 0 : Unwrap(ParseRfc3339(at), "--at");
  // Judging an endpoint: a compiled-in list we cannot read (Chromium's)
  // is left out, so "trusted" stays sound; see OpenResolvedOptions.
  po.open.skip_unlisted = true;
  auto predictions = Unwrap(PredictClients(target, r, catalog, po), target);
  std::cout << (json ? ClientPredictionsToJson(target, e.client, predictions)
                     : ClientPredictionsToText(e.client, predictions, TextStyle{UseColor()}));
  SetExitCode(AllPredictionsTrusted(predictions) ? kExitOk : kExitNo);
}

}  // namespace

TRUSTREADY_REGISTER_COMMAND("clients", [](CLI::App& app) {
  auto* clients = app.add_subcommand("clients", "Which trust store each TLS client uses (and why), and what it will do");
  clients->require_subcommand(1);
  {
    auto* list = clients->add_subcommand("list", "Every client found, the store it reads and why");
    auto e = std::make_shared<EnvArgs>();
    auto json = std::make_shared<bool>(false);
    AddEnvOptions(list, e);
    list->add_flag("--json", *json, "JSON output (docs/schemas/clients.schema.json)");
    list->callback([e, json] { RunList(*e, *json); });
  }
  {
    auto* verify = clients->add_subcommand(
        "verify", "Will this client trust this endpoint? Its own store and behaviour (SHA-1, key sizes, AIA, expiry)");
    auto e = std::make_shared<EnvArgs>();
    auto target = std::make_shared<std::string>();
    auto host = std::make_shared<std::string>();
    auto at = std::make_shared<std::string>();
    auto timeout = std::make_shared<double>(10);
    auto json = std::make_shared<bool>(false);
    verify->add_option("TARGET", *target, "https://host[:port][/path] or host:port")->required();
    AddEnvOptions(verify, e);
    verify->add_option("--host", *host, "host name to check the leaf against (default: the target's host)");
    verify->add_option("--at", *at, "judge at this time, RFC 3339 (default: now)");
    verify->add_option("--timeout", *timeout, "seconds for each network phase (default 10)");
    verify->add_flag("--json", *json, "JSON output (docs/schemas/clients-verify.schema.json)");
    verify->callback([=] { RunVerify(*e, *target, *host, *at, *timeout, *json); });
  }
});

}  // namespace trustready::cli
