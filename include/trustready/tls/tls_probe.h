// Probing a live TLS endpoint: connect, handshake, capture the chain the
// server presents, send one HTTP GET and report the status line.
//
// Certificate verification is deliberately DISABLED in the handshake: the
// point is to see what the server sends, including chains a client would
// refuse, and to judge them with verify/ against every store. Nothing here
// decides trust.
//
// ProbeEndpoint is one job through fleet's asynchronous engine
// (async_probe.h) on a private loop: every phase is bounded (the connect
// timeout covers DNS and every address), name resolution runs on a resolver
// thread that is abandoned when its deadline passes, so a probe never hangs.
// Failures are Result errors of kind kNetwork whose one-line message names
// the target.
#ifndef TRUSTREADY_TLS_PROBE_H_
#define TRUSTREADY_TLS_PROBE_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/tls/endpoint_target.h"

namespace trustready {

struct ProbeOptions {
  // Each phase has its own deadline. Ten seconds each is what curl's and
  // browsers' connect timeouts are in the same order of; long enough for a
  // slow server across the world, short enough that `check` answers.
  std::chrono::milliseconds connect_timeout{10000};  // DNS + TCP, all addresses
  std::chrono::milliseconds handshake_timeout{10000};
  std::chrono::milliseconds read_timeout{10000};     // HTTP request + status line
  // Send this SNI instead of the target host (empty: the host, or none for IP
  // literals).
  std::string server_name;
  // Skip the HTTP exchange (chain capture only).
  bool send_http_request = true;
  // A status line longer than this is junk, not HTTP.
  size_t max_status_line = 8192;
  // One deadline for the whole probe, on top of the per-phase timeouts:
  // each phase ends at whichever comes first (`check --deadline`). Unset:
  // the phase timeouts alone.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct Probe {
  EndpointTarget target;
  std::string peer_address;  // numeric address actually connected to
  std::string sni;           // server name sent, empty when none
  std::string tls_version;   // "TLSv1.3"
  std::string cipher;        // OpenSSL cipher name
  // The certificates exactly as the server sent them (leaf first), DER.
  std::vector<std::vector<uint8_t>> chain;
  // The HTTP exchange, when requested.
  bool http_requested = false;
  int http_status = 0;       // e.g. 200
  std::string status_line;   // "HTTP/1.1 200 OK" (no CRLF)
  // Why the HTTP exchange failed after a successful handshake (junk instead
  // of a status line, a close, a timeout), empty when it did not. The chain
  // was captured all the same: an HTTP problem is reported beside the chain
  // verdict, never instead of it.
  std::string http_error;
  // The probe's deadline (ProbeOptions::deadline) ended the HTTP exchange.
  bool deadline_hit = false;
};

Result<Probe> ProbeEndpoint(const EndpointTarget& target,
                            const ProbeOptions& options = {});
// Errors (no Probe) are for failures before the chain is captured: connect,
// handshake, no certificate. A deadline that ends one of those says so in
// the message ("stopped by the deadline").
// Parses `target` first; a parse error is returned as is.
Result<Probe> ProbeEndpoint(std::string_view target,
                            const ProbeOptions& options = {});

}  // namespace trustready

#endif  // TRUSTREADY_TLS_PROBE_H_
