// ProbeEndpoint: check's single probe, one job through the asynchronous
// engine (async_probe.cc: TCP connect, TLS handshake with SNI per RFC 6066
// section 3, chain capture, one HTTP/1.1 GET and its status line per RFC
// 9112 section 4). What is left here is check's contract: ProbeOptions'
// timeouts and deadline mapped onto one job, and the engine's typed outcome
// worded as the one-line errors `check` has always printed.
#include "trustready/tls/tls_probe.h"

#include <cstdio>
#include <optional>

#include "tls/socket.h"
#include "trustready/tls/async_probe.h"

namespace trustready {

namespace {

using tls_internal::Clock;
using tls_internal::DescribeDuration;

// `detail`: a registered network.* id (base/error_detail.h).
Error NetError(const EndpointTarget& t, std::string_view detail, const std::string& message) {
  return MakeError(ErrorKind::kNetwork, detail, t.Authority() + ": " + message);
}

// Printable excerpt of bytes that were not what we expected.
std::string Excerpt(std::string_view bytes) {
  std::string out;
  for (char c : bytes.substr(0, 40)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  if (bytes.size() > 40) out += "...";
  return "\"" + out + "\"";
}

// The failure before the chain was captured, as check words it.
Error ProbeError(const EndpointTarget& target, const ProbeOptions& options, const AsyncProbeResult& r) {
  const std::string_view id = ProbeStatusDetailId(r.status);
  switch (r.status) {
    case ProbeStatus::kDnsTimeout:
      return NetError(target, id, "timed out resolving " + target.host +
                                  (r.deadline_hit ? " (stopped by the deadline)"
                                                  : " within " + DescribeDuration(options.connect_timeout)));
    case ProbeStatus::kDnsNxdomain:
    case ProbeStatus::kDnsError:
      if (r.detail.empty()) return NetError(target, id, target.host + " has no IPv4/IPv6 address");
      return NetError(target, id, "cannot resolve " + target.host + ": " + r.detail);
    case ProbeStatus::kRefused:
    case ProbeStatus::kUnreachable:
    case ProbeStatus::kConnectTimeout: {
      std::string m = "cannot connect (" + (r.connect_failures.empty() ? "timed out" : r.connect_failures) + ")";
      if (m.find("timed out") != std::string::npos) {
        m += r.deadline_hit ? " (stopped by the deadline)" : " within " + DescribeDuration(options.connect_timeout);
      }
      return NetError(target, id, m);
    }
    case ProbeStatus::kHandshakeTimeout:
      if (r.deadline_hit) return NetError(target, id, "TLS handshake stopped by the deadline");
      return NetError(target, id, "TLS handshake timed out after " + DescribeDuration(options.handshake_timeout) +
                                  " (the server does not answer)");
    case ProbeStatus::kNoCertificate:
      return NetError(target, id, "the server presented no certificate");
    default: {
      if (r.detail.rfind("invalid server name", 0) == 0) return NetError(target, "network.invalid_server_name", r.detail);
      std::string why = r.detail.empty() ? r.error : r.detail;
      if (why == "wrong version number" || why == "packet length too long" || why == "record layer failure") {
        why += " (the server did not answer with TLS)";
      }
      return NetError(target, id, "TLS handshake failed: " + why);
    }
  }
}

// The HTTP problem after the chain was captured, as check words it.
std::string HttpError(const ProbeOptions& options, const AsyncProbeResult& r) {
  const std::string& got = r.http_response;
  switch (r.http_failure) {
    case HttpFailure::kSendTimeout:
      return r.deadline_hit ? "sending the HTTP request stopped by the deadline"
                            : "sending the HTTP request timed out after " + DescribeDuration(options.read_timeout);
    case HttpFailure::kSendError:
      return "sending the HTTP request failed: " + r.detail;
    case HttpFailure::kJunk:
      return "junk HTTP response: " + Excerpt(got);
    case HttpFailure::kTooLong:
      return "junk HTTP response (no status line in the first " + std::to_string(options.max_status_line) +
             " bytes): " + Excerpt(got);
    case HttpFailure::kReadTimeout: {
      std::string t = r.deadline_hit ? "no HTTP response: stopped by the deadline"
                                     : "no HTTP response within " + DescribeDuration(options.read_timeout);
      return t + (got.empty() ? "" : " (partial: " + Excerpt(got) + ")");
    }
    case HttpFailure::kEof:
      return got.empty() ? "the server closed the connection without an HTTP response"
                         : "junk HTTP response: " + Excerpt(got);
    case HttpFailure::kReadError:
    case HttpFailure::kNone:
      break;
  }
  return "reading the HTTP response failed: " + r.detail;
}

}  // namespace

Result<Probe> ProbeEndpoint(std::string_view target, const ProbeOptions& options) {
  auto t = ParseEndpointTarget(target);
  if (!t.ok()) return t.error();
  return ProbeEndpoint(*t, options);
}

Result<Probe> ProbeEndpoint(const EndpointTarget& target, const ProbeOptions& options) {
  const auto now = Clock::now();
  if (options.deadline && now >= *options.deadline) {
    return NetError(target, "network.deadline", "not probed: stopped by the deadline");
  }
  Probe probe;
  probe.target = target;
  probe.sni = options.server_name;
  if (probe.sni.empty() && !target.host_is_ip) probe.sni = target.host;

  // One job, one loop, one resolver thread: no per-address limits (one
  // connection), no retry (check reports what happened, once). The connect
  // timeout covers DNS and every address, as it always has.
  AsyncProbeOptions o;
  o.threads = 1;
  o.resolver_threads = 1;
  o.concurrency = 1;
  o.per_ip_concurrency = 0;
  o.per_ip_rate = 0;
  o.dns_timeout = o.connect_timeout = options.connect_timeout;
  o.handshake_timeout = options.handshake_timeout;
  o.read_timeout = options.read_timeout;
  o.retries = 0;
  o.dns_cache = false;
  AsyncProbeJob job;
  job.host = target.host;
  job.port = target.port;
  job.sni = probe.sni;
  job.http = options.send_http_request;
  job.path = target.path;
  job.max_status_line = options.max_status_line;
  job.connect_deadline = now + options.connect_timeout;
  job.deadline = options.deadline;

  std::optional<AsyncProbeResult> result;
  {
    AsyncProber prober(o, [&result](AsyncProbeResult r) { result = std::move(r); });
    prober.Submit(std::move(job));
    prober.Finish();  // joins the loop: `result` is set and visible
  }
  const AsyncProbeResult& r = *result;
  if (r.status != ProbeStatus::kOk && r.status != ProbeStatus::kHttpError) {
    return ProbeError(target, options, r);
  }
  probe.peer_address = r.address;
  probe.tls_version = r.tls_version;
  probe.cipher = r.cipher;
  probe.chain = r.chain;
  probe.http_requested = options.send_http_request;
  probe.http_status = r.http_status;
  probe.status_line = r.status_line;
  if (r.status == ProbeStatus::kHttpError) {
    probe.http_error = HttpError(options, r);
    probe.deadline_hit = r.deadline_hit;
  }
  return probe;
}

}  // namespace trustready
