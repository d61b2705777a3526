// `trustready clients list [--env FILE | --pid PID] [--client NAME]
//  [--root DIR] [--json]`: which trust store each TLS client uses here, and
// why. `trustready clients verify TARGET --client NAME ...`: what that
// client will do with an endpoint (its store, its behaviour).
// Logic lives in src/client/.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "trustready/client/client.h"
#include "trustready/store/store_discovery.h"

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
  if (!e.env_file.empty() && e.pid != 0) Fail("--env and --pid: give one of them");
  ClientEnvironment env;
  if (!e.env_file.empty()) {
    env = Unwrap(EnvironmentFromFile(e.env_file), "--env " + e.env_file);
  } else if (e.pid != 0) {
    env = Unwrap(EnvironmentFromPid(e.pid), "--pid " + std::to_string(e.pid));
  } else {
    env = EnvironmentFromProcess();
    // Another tree's environment is not this shell's.
    if (!e.root.empty()) {
      env.vars.clear();
      env.origin = "none (--root)";
    }
  }
  if (!e.root.empty()) env.root = Unwrap(CheckDiscoveryRoot(e.root), "--root");
  return env;
}

nlohmann::json ResolutionToJson(const ClientResolution& r, const std::string& client) {
  nlohmann::json stores = nlohmann::json::array();
  for (const auto& s : r.stores) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : s.parts) {
      parts.push_back({{"kind", p.kind},
                       {"location", p.location},
                       {"role", p.role},
                       {"missing", p.missing},
                       {"password_given", p.password_given},
                       {"store_type", p.store_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.store_type)}});
    }
    nlohmann::json used = nlohmann::json::array();
    for (const auto& u : s.used_by) {
      used.push_back({{"client", u.client}, {"because", u.because}, {"instance", u.instance}, {"behavior", u.behavior}});
    }
    stores.push_back({{"id", s.id},
                      {"description", s.description},
                      {"parts", parts},
                      {"broken", s.broken.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.broken)},
                      {"used_by", used}});
  }
  return {{"environment",
           {{"origin", r.environment.origin},
            {"root", r.environment.root.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.environment.root)},
            {"exe", r.environment.exe.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.environment.exe)}}},
          {"client", client.empty() ? nlohmann::json(nullptr) : nlohmann::json(client)},
          {"stores", stores},
          {"notes", r.notes}};
}

void RunList(const EnvArgs& e, bool json) {
  ClientEnvironment env = MakeEnvironment(e);
  ResolveOptions o;
  o.client = e.client;
  ClientResolution r = Unwrap(ResolveClients(env, o), e.client.empty() ? "clients" : "--client " + e.client);
  if (json) {
    std::cout << ResolutionToJson(r, e.client).dump(2) << "\n";
    return;
  }
  std::cout << Dim("environment: " + r.environment.origin +
                   (r.environment.root.empty() ? "" : ", file tree " + r.environment.root) +
                   (r.environment.exe.empty() ? "" : ", exe " + r.environment.exe))
            << "\n\n";
  for (const auto& s : r.stores) {
    std::cout << Bold(s.description) << (s.broken.empty() ? "" : "  " + Red("BROKEN: " + s.broken)) << "\n";
    for (const auto& p : s.parts) {
      std::cout << "  " << p.role << ": " << p.location << Dim(" (" + p.kind + ")")
                << (p.missing ? " " + Yellow("missing") : "")
                << (p.password_given ? Dim(" password given") : "")
                << (p.store_type.empty() ? "" : Dim(" type " + p.store_type)) << "\n";
    }
    for (const auto& u : s.used_by) {
      std::cout << "  used by " << Bold(u.client) << " (" << u.because << ")" << Dim("  " + u.instance) << "\n";
    }
    std::cout << "\n";
  }
  if (r.stores.empty()) std::cout << "no client found" << (e.client.empty() ? "" : " for " + e.client) << "\n";
  for (const auto& n : r.notes) std::cout << Dim("note: " + n) << "\n";
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
  bool all = !predictions.empty();
  bool any_unknown = false;
  for (const auto& p : predictions) {
    all &= p.trusted;
    any_unknown |= !p.unknown.empty();
  }
  if (json) {
    nlohmann::json js = nlohmann::json::array();
    for (const auto& p : predictions) {
      js.push_back({{"client", p.use.client},
                    {"instance", p.use.instance},
                    {"because", p.use.because},
                    {"behavior", p.use.behavior},
                    {"store", p.store},
                    {"state", !p.unknown.empty() ? "unknown" : p.trusted ? "trusted" : "not_trusted"},
                    {"via_aia", p.via_aia},
                    {"error", p.trusted || !p.unknown.empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json({{"code", VerifyErrorCodeName(p.error.code)},
                                                                                {"message", p.error.message}})},
                    {"unknown", p.unknown.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.unknown)}});
    }
    std::cout << nlohmann::json({{"target", target}, {"client", e.client}, {"trusted", all && !any_unknown},
                                 {"predictions", js}})
                     .dump(2)
              << "\n";
  } else {
    for (const auto& p : predictions) {
      std::cout << Bold(p.use.client) << " " << Dim(p.use.instance) << ": ";
      if (!p.unknown.empty()) {
        std::cout << Yellow("UNKNOWN") << " (" << p.unknown << ")";
      } else if (p.trusted) {
        std::cout << Green("trusted") << (p.via_aia ? " (after fetching the missing issuer from AIA)" : "");
      } else {
        std::cout << Red("NOT trusted") << " " << VerifyErrorCodeName(p.error.code) << ": " << p.error.message;
      }
      std::cout << Dim("  store: " + p.store + " (" + p.use.because + ")") << "\n";
    }
    if (predictions.empty()) std::cout << "no " << e.client << " found\n";
  }
  SetExitCode(all && !any_unknown ? kExitOk : kExitNo);
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
