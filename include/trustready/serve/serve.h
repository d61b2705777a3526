// `trustready serve`: a local migration test site. One HTTPS listener picks
// a chain per variant by SNI (and answers plain HTTP on the same port, told
// apart by the first byte: 0x16 starts a TLS handshake record, RFC 8446
// 5.1), plus one HTTPS port per variant for clients that send no SNI.
//
// Every variant serves /test.jpg and /health; the plain-HTTP side publishes
// the CA certificates (/certs/<id>.cer) and CRLs (/crl/<id>.crl) that the
// demo certificates' AIA and CRL DP URLs point to, and the dashboard at /.
//
// Built on Boost.Asio + OpenSSL: a fixed thread pool, per-connection strands,
// a connection limit, handshake/request/idle timeouts, a header size limit,
// and graceful shutdown on SIGINT/SIGTERM. Events (start, access log, faults,
// lifecycle) are handed to the caller as typed structs (ServeStarted,
// ServeEvent); report/serve_report renders them as text or as the JSON lines
// of docs/schemas/serve.schema.json, and printing is the CLI's job.
#ifndef TRUSTREADY_SERVE_H_
#define TRUSTREADY_SERVE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

struct ServeOptions {
  // Main listener (SNI + plain HTTP). Port 0 picks a free port.
  std::string listen = "127.0.0.1:8443";
  // First per-variant port; variants get consecutive ports. -1: the main
  // port + 1; 0: each picks a free port.
  int variant_port_base = -1;
  // Where the demo PKI lives (generated on first start, reused afterwards).
  // Empty: $XDG_STATE_HOME/trustready/serve or ~/.local/state/trustready/serve.
  std::string state_dir;
  // The user's own certificates instead of the demo PKI
  // (docs/schemas/serve-config.schema.json).
  std::string config_file;
  std::string domain = "trustready.test";
  // Host written into AIA/CRL URLs; default: the listen address (127.0.0.1
  // when listening on a wildcard address).
  std::string public_host;
  // Limits. 1024 concurrent connections is nginx's default
  // worker_connections; each costs a socket and ~50 KiB of TLS state.
  // When full, a new connection takes the slot of the one that has waited
  // longest on its client (handshake, request head, keep-alive idle).
  size_t max_connections = 1024;
  // Per client address (0: no bound). 256 is far above what browsers open
  // to one host (6 per origin) and keeps one address from holding every slot.
  size_t max_connections_per_ip = 256;
  // Absolute deadlines, from the connection's start (handshake) and from the
  // end of the handshake or the first byte of a keep-alive request (request
  // head); bytes trickling in do not extend them.
  std::chrono::milliseconds handshake_timeout{10000};  // first byte + TLS handshake
  std::chrono::milliseconds request_timeout{10000};    // a complete request head
  std::chrono::milliseconds idle_timeout{15000};       // keep-alive between requests
  size_t max_header_bytes = 8192;
  int threads = 2;  // event-loop threads (0: one per core)
};

// Once, when every listener is bound: what is served where (the banner).
struct ServeEndpoint {
  std::string variant;
  std::string url;      // https://ADDR:<port>/test.jpg, no SNI needed
  uint16_t port = 0;
  std::string host;     // <variant>.<domain>, the SNI name
  std::string sni_url;  // https://<host>:<sni port>/test.jpg
  std::string expected_new_root;     // "pass" / "fail"
  std::string expected_legacy_root;  // "pass" / "fail"
  std::string expected_browser;      // "pass" / "fail"
  std::string description;
  std::string note;
};
struct ServeStarted {
  std::string listen;  // ADDR:PORT ([v6]:PORT)
  uint16_t sni_port = 0;
  std::string http_url;  // plain-HTTP base, also the dashboard
  std::string dashboard;
  std::string domain;
  bool pki_reused = false;
  std::vector<ServeEndpoint> endpoints;
  // CA files by role: one file ("new_root") or a set ("new_roots").
  std::map<std::string, std::string> ca_files;
  std::map<std::string, std::vector<std::string>> ca_file_sets;
};

// The connection an event belongs to. `variant` is unset on the plain-HTTP
// side of the main listener, `sni` without SNI, `tls` for plain HTTP.
struct ServeConnection {
  std::string remote;    // address:port ([v6]:port); "" when unknown
  std::string listener;  // "main" or "variant-port"
  std::optional<std::string> variant;
  std::optional<std::string> sni;
  std::optional<std::string> tls;
};

// Every event has the time it was logged (RFC 3339, milliseconds, UTC).
// An access-log line: one answered request (dropped by --no-access-log).
struct ServeRequestEvent {
  std::string time;
  ServeConnection connection;
  std::string method;
  std::string path;
  int status = 0;
  size_t bytes = 0;  // body bytes sent
  double duration_ms = 0;
  std::optional<std::string> error;  // the write failed
};
// A fault line. `kind` is one of serve.schema.json's fault kinds. Faults of
// a connection carry it; the listener's own (accept_failed) carry nothing,
// a refused connection (connection_limit) only its remote address.
struct ServeFaultEvent {
  std::string time;
  std::string kind;
  std::string error;
  std::optional<ServeConnection> connection;
  std::optional<std::string> remote;  // without a connection
};
// A keep-alive connection closed by the server (reason: "idle_timeout").
struct ServeCloseEvent {
  std::string time;
  ServeConnection connection;
  std::string reason;
  size_t requests = 0;
};
// SIGINT/SIGTERM received: in-flight requests get a grace period.
struct ServeStoppingEvent {
  std::string time;
  std::string signal;  // "SIGINT" or "SIGTERM"
  size_t open_connections = 0;
};
struct ServeStoppedEvent {
  std::string time;
  size_t open_connections = 0;
};
using ServeEvent =
    std::variant<ServeRequestEvent, ServeFaultEvent, ServeCloseEvent, ServeStoppingEvent, ServeStoppedEvent>;

struct ServeEvents {
  // Once, when every listener is bound.
  std::function<void(const ServeStarted&)> on_started;
  // Access-log lines, faults and lifecycle, in the order they happen.
  // Called from event-loop threads, serialized.
  std::function<void(const ServeEvent&)> on_event;
};

// Runs until SIGINT/SIGTERM (or a setup error, returned before serving).
Status RunServe(const ServeOptions& options, const ServeEvents& events);

}  // namespace trustready

#endif  // TRUSTREADY_SERVE_H_
