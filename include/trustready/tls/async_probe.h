// The asynchronous probe engine behind `fleet scan`: many TLS handshakes in
// flight on a few threads (Boost.Asio, one io_context per thread), each
// capturing the chain the server sends, with typed outcomes.
//
// Like ProbeEndpoint, certificate verification is DISABLED in the handshake
// (the point is to see what is sent); nothing here decides trust.
//
// Model:
//   - Submit() hands a job to the engine and blocks while `concurrency` jobs
//     are in flight, so memory is bounded by the concurrency, never by the
//     number of targets a caller streams through it.
//   - Host names are resolved by a pool of resolver threads (getaddrinfo is
//     blocking; Asio's async_resolve runs all lookups of an io_context on one
//     private thread and would serialise DNS) with a per-engine cache. A
//     lookup that outlives --dns-timeout is reported as dns_timeout; its
//     thread finishes in the background and fills the cache.
//   - A resolved job runs on the loop that owns its address (hash of the
//     address), so per-address concurrency and rate limits need no locks.
//   - Every phase (connect, handshake, HTTP read) has its own deadline; a
//     timeout or a reset before the handshake completes is retried (once by
//     default) after a jittered backoff; refused, not_tls and alerts are not.
//   - One client SSL_CTX for the engine: security level 0 and TLS >= 1.0 (as
//     ProbeEndpoint, to see old servers), session cache and tickets off so
//     that every handshake carries the certificate.
//   - The result callback runs on a loop thread; it must be quick (hand the
//     result to another thread).
#ifndef TRUSTREADY_TLS_ASYNC_PROBE_H_
#define TRUSTREADY_TLS_ASYNC_PROBE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustready {

// Typed probe outcomes. Names (ProbeStatusName) are the JSON/SQL contract.
enum class ProbeStatus {
  kOk,
  kDnsNxdomain,       // the name does not exist (or has no address)
  kDnsError,          // any other resolver failure
  kDnsTimeout,
  kRefused,           // TCP RST to the SYN
  kUnreachable,       // no route / network unreachable
  kConnectTimeout,
  kHandshakeTimeout,
  kReset,             // connection reset during the handshake
  kClosed,            // EOF during the handshake
  kNotTls,            // the server answered with something that is not TLS
  kTlsAlert,          // the server sent a fatal alert (error names it)
  kTlsError,          // any other TLS failure
  kNoCertificate,     // handshake done but no certificate (anonymous suites)
  kHttpError,         // only with HTTP: no valid status line / read timeout
};
std::string_view ProbeStatusName(ProbeStatus s);
// The Error detail id (base/error_detail.h) of a failed probe's status:
// "network.refused", "network.tls_alert", ...; "" for kOk.
std::string_view ProbeStatusDetailId(ProbeStatus s);
// Statuses worth another attempt (a transient network condition).
bool ProbeStatusRetryable(ProbeStatus s);

// A plaintext upgrade before the TLS handshake: SMTP (RFC 3207: EHLO,
// STARTTLS), IMAP (RFC 2595: a001 STARTTLS), POP3 (RFC 2595: STLS), FTP
// (RFC 4217: AUTH TLS), PostgreSQL (SSLRequest, then 'S'). A server that
// does not agree ends the attempt as kNotTls with its reply.
enum class StartTls { kNone, kSmtp, kImap, kPop3, kFtp, kPostgres };
std::string_view StartTlsName(StartTls s);  // "smtp", ... ("" for kNone)
// Parses "smtp", "imap", "pop3", "ftp", "postgres"; nullopt otherwise.
std::optional<StartTls> ParseStartTls(std::string_view name);
// The protocol's usual port for STARTTLS (25, 143, 110, 21, 5432).
uint16_t StartTlsDefaultPort(StartTls s);

struct AsyncProbeOptions {
  int threads = 0;                  // event loops; 0: hardware concurrency
  int resolver_threads = 8;         // getaddrinfo pool
  size_t concurrency = 1000;        // jobs in flight (ZGrab2's 1,000 senders)
  // Per destination address; 0 = no limit. sslyze holds 5 connections per
  // server, ZGrab2 20 connections/s per IP.
  int per_ip_concurrency = 4;
  double per_ip_rate = 20;          // new connections per second per address
  std::chrono::milliseconds dns_timeout{5000};
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds handshake_timeout{5000};
  std::chrono::milliseconds read_timeout{5000};
  int retries = 1;
  std::chrono::milliseconds retry_backoff{1000};  // x 2^n, +-20% jitter
  bool dns_cache = true;
};

struct AsyncProbeJob {
  uint64_t id = 0;        // caller's handle, returned in the result
  std::string host;       // name or literal (no brackets)
  uint16_t port = 443;
  std::string address;    // connect here instead of resolving `host` (literal)
  std::string sni;        // empty: none
  StartTls starttls = StartTls::kNone;  // plaintext upgrade first
  bool http = false;      // send GET `path` and read the status line (not with starttls)
  std::string path = "/";
  std::string http_host;  // Host header (default: host, with the port unless 443; IP literals always with it)
  size_t max_status_line = 8192;  // more bytes without a line end: junk, not HTTP
  // Optional bounds on top of the engine's per-phase timeouts (check's
  // single probe, ProbeEndpoint): DNS and every connect attempt end by
  // `connect_deadline`, each address getting an equal share of what is left
  // so that one black-holed address cannot starve the others; every phase
  // ends by `deadline` (the result says deadline_hit when it did).
  std::optional<std::chrono::steady_clock::time_point> connect_deadline;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// Why the HTTP exchange failed (status kHttpError); the chain is kept.
enum class HttpFailure { kNone, kSendTimeout, kSendError, kJunk, kTooLong, kReadTimeout, kEof, kReadError };

struct AsyncProbeResult {
  uint64_t id = 0;
  ProbeStatus status = ProbeStatus::kOk;
  std::string error;        // one line, empty when ok
  int attempts = 0;
  std::string address;      // numeric address connected to (last attempt)
  std::string tls_version;
  std::string cipher;
  int http_status = 0;
  std::string status_line;  // "HTTP/1.1 200 OK" (no CRLF)
  // DER, as sent, leaf first; empty unless the handshake completed (kept on
  // kHttpError: the HTTP problem is beside the chain, not instead of it).
  std::vector<std::vector<uint8_t>> chain;
  // For callers that word their own messages (ProbeEndpoint): the bare
  // reason of the last failure (strerror or OpenSSL reason text), every
  // connect failure as "ADDRESS: why; ...", and the HTTP details.
  std::string detail;
  std::string connect_failures;
  bool deadline_hit = false;  // the job's deadline ended the failed phase
  HttpFailure http_failure = HttpFailure::kNone;
  std::string http_response;  // bytes read before an HTTP failure
  int64_t elapsed_ms = 0;   // from start of the job to its result
};

class AsyncProber {
 public:
  using Callback = std::function<void(AsyncProbeResult)>;
  AsyncProber(const AsyncProbeOptions& options, Callback on_result);
  ~AsyncProber();  // Finish()es
  AsyncProber(const AsyncProber&) = delete;
  AsyncProber& operator=(const AsyncProber&) = delete;

  // Blocks while `concurrency` jobs are in flight.
  void Submit(AsyncProbeJob job);
  // Waits for every submitted job, then stops the loops.
  void Finish();

  // Handshakes completed (ok) and connection attempts made so far.
  uint64_t handshakes() const;
  uint64_t attempts() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace trustready

#endif  // TRUSTREADY_TLS_ASYNC_PROBE_H_
