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
// and graceful shutdown on SIGINT/SIGTERM. Events (start, access log, faults)
// are handed to the caller as JSON objects; printing is the CLI's job.
#ifndef TRUSTREADY_SERVE_H_
#define TRUSTREADY_SERVE_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
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

struct ServeEvents {
  // Once, when every listener is bound: {"endpoints": [...], "ca_files": {...}, ...}.
  std::function<void(const nlohmann::json&)> on_started;
  // Access-log lines ({"event": "request", ...}), faults ({"event":
  // "fault", "kind": ...}) and lifecycle ({"event": "stopping"}).
  // Called from event-loop threads, serialized.
  std::function<void(const nlohmann::json&)> on_event;
};

// Runs until SIGINT/SIGTERM (or a setup error, returned before serving).
Status RunServe(const ServeOptions& options, const ServeEvents& events);

}  // namespace trustready

#endif  // TRUSTREADY_SERVE_H_
