// trustready serve: the local migration test site (library: src/serve).
#include <iostream>
#include <mutex>

#include "cli/cli.h"
#include "trustready/check/profile.h"
#include "trustready/report/serve_report.h"
#include "trustready/serve/serve.h"

namespace trustready::cli {
namespace {

struct ServeArgs {
  ServeOptions s;
  std::string profile = "demo";
  bool json = false;
  bool no_access_log = false;
  int handshake_ms = 10000;
  int request_ms = 10000;
  int idle_ms = 15000;
};

void Serve(ServeArgs& a) {
  if (a.profile != "demo") {
    // A migration profile (`trustready profiles list`) is a real CA's
    // certificates without keys: say so, rather than "unknown".
    auto migration = LoadProfile(a.profile);
    if (migration.ok()) {
      Fail("--profile " + a.profile + ": a migration profile (" + migration->title +
           ") holds the CA's certificates but not its keys, so serve cannot present its chains; "
           "use --profile demo, or --config FILE with certificates and keys you own");
    }
    Fail("--profile " + a.profile + ": unknown; serve knows the built-in 'demo' profile "
         "(use --config FILE to serve your own certificates)");
  }
  if (a.handshake_ms <= 0 || a.request_ms <= 0 || a.idle_ms <= 0) Fail("timeouts must be positive");
  a.s.handshake_timeout = std::chrono::milliseconds(a.handshake_ms);
  a.s.request_timeout = std::chrono::milliseconds(a.request_ms);
  a.s.idle_timeout = std::chrono::milliseconds(a.idle_ms);
  const bool json = a.json;
  const bool access = !a.no_access_log;
  ServeEvents events;
  const TextStyle style{UseColor()};
  events.on_started = [json, style](const ServeStarted& s) {
    std::cout << (json ? ServeStartedToJsonLine(s) + "\n" : ServeStartedToText(s, style)) << std::flush;
  };
  events.on_event = [json, access, style](const ServeEvent& e) {
    if (!access && IsServeAccessEvent(e)) return;
    std::cout << (json ? ServeEventToJsonLine(e) : ServeEventToText(e, style)) << std::endl;
  };
  auto st = RunServe(a.s, events);
  if (!st.ok()) Fail("serve", st.error());
}

void RegisterServe(CLI::App& app) {
  auto [serve, opts] = AddCommand<ServeArgs>(
      &app, "serve",
      "Run a local migration test site: one HTTPS variant per chain case (by SNI and per "
      "port), /test.jpg, /health, CA certificates and CRLs over HTTP, a dashboard at /",
      Serve);
  serve->add_option("--listen", opts->s.listen, "Main listener ADDR:PORT (SNI + plain HTTP); port 0 picks one")
      ->capture_default_str();
  serve->add_option("--variant-port-base", opts->s.variant_port_base,
                    "First per-variant port (-1: main port + 1; 0: free ports)")
      ->capture_default_str();
  serve->add_option("--state-dir", opts->s.state_dir,
                    "Where the demo PKI is kept (default ~/.local/state/trustready/serve)");
  // --profile names the PKI the variants are built from. Only the built-in
  // demo PKI can be served: a migration profile (data/profiles/, `trustready
  // profiles list`) holds real CAs' certificates without their keys, so
  // serving one would mean re-creating its shape (key types, cross-signs)
  // with fresh keys, which is not done. Naming one fails with that
  // explanation rather than quietly serving the demo.
  auto* profile = serve->add_option(
      "--profile", opts->profile,
      "PKI to serve: 'demo' (default), the generated migration-shaped demo PKI "
      "(new roots, a legacy root, a cross-sign, bad leaves), kept in --state-dir. "
      "Migration profiles (`profiles list`) name real CAs whose keys serve does not have: "
      "serve your own certificates with --config instead");
  profile->capture_default_str();
  auto* config = serve->add_option("--config", opts->s.config_file,
                                   "Your own variants, chains and keys (JSON) instead of the demo PKI");
  profile->excludes(config);
  serve->add_option("--domain", opts->s.domain, "Test domain of the SNI host names")->capture_default_str();
  serve->add_option("--public-host", opts->s.public_host, "Host name/address in AIA and CRL URLs");
  serve->add_option("--max-connections", opts->s.max_connections,
                    "Concurrent connection limit (when full, the longest-waiting connection makes room)")
      ->capture_default_str();
  serve->add_option("--max-connections-per-ip", opts->s.max_connections_per_ip,
                    "Concurrent connections from one address (0: no limit)")
      ->capture_default_str();
  serve->add_option("--handshake-timeout-ms", opts->handshake_ms, "First byte + TLS handshake (absolute, from the connection's start)")
      ->capture_default_str();
  serve->add_option("--request-timeout-ms", opts->request_ms, "Complete request head (absolute) / response write")
      ->capture_default_str();
  serve->add_option("--idle-timeout-ms", opts->idle_ms, "Keep-alive idle time")->capture_default_str();
  serve->add_option("--max-header-bytes", opts->s.max_header_bytes, "Request header section limit")
      ->capture_default_str();
  serve->add_option("--threads", opts->s.threads, "Event-loop threads (0: one per core)")
      ->capture_default_str();
  serve->add_flag("--json", opts->json,
                  "One JSON start line, then one JSON line per request/fault "
                  "(docs/schemas/serve.schema.json)");
  serve->add_flag("--no-access-log", opts->no_access_log, "Log faults and lifecycle only");
}

}  // namespace
TRUSTREADY_REGISTER_COMMAND("serve", RegisterServe);
}  // namespace trustready::cli
