// `trustready check [TARGET...] [--store STORE]... [--profile P] [--at TIME]
//  [--pin sha256/B64]... [--pins FILE] [--host NAME] [--timeout S] [--deadline S] [--target-deadline S] [--no-aia] [--server-auth-only]
//  [--json]`
//
// No target: is every store on this machine (or each --store) ready for the
// profile's CAs? With targets (https://host[:port][/path], host:port or a
// chain file): does every store trust what the endpoint presents?
// Exit 0 ready/trusted, 1 not or unknown, 2 bad input or a target that could
// not be checked. Parse -> check::Run -> report/check_report -> exit code.
#include <iostream>

#include "cli/cli.h"
#include "trustready/check/check.h"
#include "trustready/report/check_report.h"

namespace trustready::cli {
namespace {

// Options that are request fields are bound to `request` itself; the
// others are converted by ToRequest.
struct CheckArgs {
  CheckRequest request;
  std::vector<std::string> stores;
  std::vector<std::string> passwords;
  std::string at;
  double timeout = 10;
  double deadline = 0;
  double target_deadline = 0;
  bool no_aia = false;
  bool json = false;
  // Client resolution (src/client).
  bool clients = false;
  bool no_clients = false;
  std::string env_file;
  int pid = 0;
  // A --password right after a --store is that store's; one before any
  // --store is for every store: the order they were given in decides.
  CLI::App* command = nullptr;
  CLI::Option* store_opt = nullptr;
  CLI::Option* password_opt = nullptr;
};

CheckRequest ToRequest(const CheckArgs& a) {
  CheckRequest r = a.request;
  r.time = AtTime(a.at);
  r.timeout = Seconds(a.timeout, "--timeout");
  r.deadline = Seconds(a.deadline, "--deadline", 86400, true);
  r.target_deadline = Seconds(a.target_deadline, "--target-deadline", 86400, true);
  r.fetch_aia = !a.no_aia;
  if (!a.env_file.empty() || a.pid != 0) {
    auto env = ChooseEnvironment({.env_file = a.env_file, .pid = a.pid, .root = r.stores.root, .set_root = false});
    if (!env.ok()) Fail(env.error().ToString());  // names the option
    r.clients = std::move(env).value();
  }
  using ClientStores = CheckRequest::ClientStores;
  r.client_stores = a.clients ? ClientStores::kYes : a.no_clients ? ClientStores::kNo : ClientStores::kAuto;
  size_t si = 0, pi = 0;
  for (const CLI::Option* o : a.command->parse_order()) {
    const bool is_store = o == a.store_opt;
    if (o != a.store_opt && o != a.password_opt) continue;
    if (is_store && si < a.stores.size()) {
      r.stores.specs.push_back(ParseStoreSpec(a.stores[si++]));
    } else if (!is_store && pi < a.passwords.size()) {
      const std::string& pw = a.passwords[pi++];
      if (!r.stores.specs.empty() && !r.stores.specs.back().password) {
        r.stores.specs.back().password = pw;
      } else {
        r.stores.password = pw;
      }
    }
  }
  return r;
}

// The arguments are parsed (ToRequest) before this: from here on, one
// library call and its rendering.
void RunCheck(const CheckRequest& request, bool json) {
  auto run = check::Run(request);
  if (!run.ok()) Fail(run.error().ToString());
  const CheckReport& report = *run;
  // Answers from shipped platform snapshots say how old that data is
  // (stderr; --max-data-age).
  std::vector<std::string> platforms;
  for (const auto& s : report.stores)
    if (s.kind == StoreKind::kPlatform) platforms.push_back(s.store);
  NotePlatformStoresDate(platforms);
  if (json) {
    std::cout << CheckReportToJsonText(report);
  } else {
    std::cout << CheckReportToText(report, TextStyle{UseColor()});
  }
  // Each target that could not be checked also gets its line on stderr.
  for (const TargetCheck& t : report.targets) {
    if (t.status == TargetStatus::kError) std::cerr << "trustready: " << t.target << ": " << t.error << "\n";
  }
  SetExitCode(report.outcome == CheckOutcome::kYes ? kExitOk
              : report.outcome == CheckOutcome::kNo ? kExitNo
                                                    : kExitError);
}

}  // namespace

static void RegisterCheck(CLI::App& app) {
  auto [sub, a] = AddCommand<CheckArgs>(
      &app, "check", "Is this machine / this store / this endpoint ready for a CA migration? (default profile: amazon-trust-services)",
      [](const CheckArgs& args) { RunCheck(ToRequest(args), args.json); });
  a->command = sub;
  sub->add_option("TARGET", a->request.targets,
                  "https://host[:port][/path], host:port, a chain file, or - (a chain on standard input); "
                  "none: judge the stores themselves");
  a->store_opt = sub->add_option("--store,-s", a->stores,
                  "trust store: name from `store list`, platform snapshot (android:7.0.0_r1) or path, optionally "
                  "PATH#password=P; repeatable (default: every store discovered on this machine)");
  sub->add_option("--profile,-p", a->request.profile, "migration profile: built-in name (`profiles list`), directory or profile.json");
  sub->add_option("--at", a->at, "judge at this time, RFC 3339 (default: now)");
  sub->add_option("--pin", a->request.pins, "SPKI pin sha256/BASE64 an application has configured (repeatable)");
  sub->add_option("--pins", a->request.pins_file, "file of SPKI pins, one sha256/BASE64 per line");
  sub->add_option("--host", a->request.host, "host name to check the leaf against (default: the target's host)");
  sub->add_option("--sni", a->request.sni, "server name to send in the TLS handshake (default: the target's host name)");
  a->password_opt = sub->add_option("--password", a->passwords,
                                       "keystore password (JKS/PKCS#12): of the --store just before it, or of "
                                       "every store when given first (default: changeit, then empty)");
  sub->add_option("--crl", a->request.crl_files, "CRL to apply to targets' chains, DER or PEM (repeatable; nothing is downloaded)");
  sub->add_flag("--clients", a->clients,
                "also judge the store each client really reads in this process's environment, with who uses it "
                "(REQUESTS_CA_BUNDLE, JAVA_TOOL_OPTIONS trustStore, NODE_OPTIONS, ...; see `clients list`)");
  sub->add_flag("--no-clients", a->no_clients,
                "judge only the discovered stores, not the stores this process's environment points clients at "
                "(the default without --store and --root is to judge both)");
  sub->add_option("--env", a->env_file, "as --clients, in the environment of a file of KEY=VALUE lines");
  sub->add_option("--pid", a->pid, "as --clients, in a running process's environment (/proc/PID/environ)");
  sub->add_option("--client", a->request.client, "only the stores this client reads (python-requests, java, node, curl, ...)");
  sub->add_option("--root", a->request.stores.root,
                  "discover the stores of another system's file tree instead of this machine's: an unpacked "
                  "container image (docker export | tar -x) or a mounted disk; links are resolved inside it");
  sub->add_option("--image", a->request.image,
                  "judge a container image without a daemon: a `docker save` archive or an OCI image layout "
                  "(folder or tar, optionally gzipped); its trust files are unpacked to a private temporary tree "
                  "(nothing run) and judged like --root, with the image's Env");
  sub->add_option("--timeout", a->timeout, "seconds for each network phase: connect, handshake, read (default 10)");
  sub->add_option("--deadline", a->deadline,
                  "seconds for the whole check, AIA fetches included (default 0: none); targets not reached "
                  "by then are errors, a cut-short target says so");
  sub->add_option("--target-deadline", a->target_deadline,
                  "seconds for each target: probe and AIA fetches together (default 0: none)");
  sub->add_flag("--no-aia", a->no_aia, "never fetch missing intermediates from AIA URLs");
  sub->add_flag("--server-auth-only", a->request.server_auth_only,
                "also require each target's chain to be a dedicated TLS server-auth hierarchy: leaf and intermediates "
                "with extendedKeyUsage serverAuth alone (Chrome Root Program; no clientAuth for mTLS)");
  sub->add_flag("--json", a->json, "JSON output (docs/schemas/check.schema.json)");
}
TRUSTREADY_REGISTER_COMMAND("check", RegisterCheck);

}  // namespace trustready::cli
