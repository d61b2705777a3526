// ProbeEndpoint: TCP connect, TLS handshake (RFC 8446 / RFC 5246) with SNI
// (RFC 6066 section 3), chain capture, one HTTP/1.1 GET (RFC 9112) and its
// status line (RFC 9112 section 4).
#include "trustready/tls/tls_probe.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>

#include "tls/socket.h"

namespace trustready {

namespace {

using tls_internal::Clock;
using tls_internal::WaitFd;
using tls_internal::WaitResult;

struct SslCtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};

// The most specific reason OpenSSL queued, e.g. "wrong version number".
std::string OpenSslReason() {
  unsigned long last = 0;
  while (unsigned long e = ERR_get_error()) last = e;
  if (last == 0) return "";
  const char* reason = ERR_reason_error_string(last);
  if (reason != nullptr) return reason;
  char buf[256];
  ERR_error_string_n(last, buf, sizeof buf);
  return buf;
}

Error NetError(const EndpointTarget& t, const std::string& message) {
  return MakeError(ErrorKind::kNetwork, t.Authority() + ": " + message);
}

// Drives one non-blocking SSL operation to completion or the deadline.
// `op` returns the SSL_* return value. On failure returns a description.
template <typename Op>
std::string DriveSsl(SSL* ssl, int fd, Clock::time_point deadline, Op op,
                     int* result, bool* eof) {
  *eof = false;
  for (;;) {
    ERR_clear_error();
    errno = 0;
    int rc = op();
    *result = rc;
    if (rc > 0) return "";
    int err = SSL_get_error(ssl, rc);
    short events = 0;
    if (err == SSL_ERROR_WANT_READ) {
      events = POLLIN;
    } else if (err == SSL_ERROR_WANT_WRITE) {
      events = POLLOUT;
    } else if (err == SSL_ERROR_ZERO_RETURN) {
      *eof = true;
      return "the server closed the connection";
    } else if (err == SSL_ERROR_SYSCALL) {
      std::string reason = OpenSslReason();
      *eof = true;
      if (errno != 0) return std::strerror(errno);
      if (!reason.empty()) return reason;
      return "the server closed the connection";
    } else {
      std::string reason = OpenSslReason();
      if (reason == "unexpected eof while reading") {
        *eof = true;
        return "the server closed the connection";
      }
      return reason.empty() ? "TLS error " + std::to_string(err) : reason;
    }
    WaitResult w = WaitFd(fd, events, deadline);
    if (w == WaitResult::kTimeout) return "timeout";
    if (w == WaitResult::kError) return std::strerror(errno);
  }
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

// "HTTP/1.1 200 OK": HTTP-version SP status-code SP [reason-phrase]
// (RFC 9112 4). We accept HTTP/1.0 and HTTP/1.1 and a missing reason.
bool ParseStatusLine(std::string_view line, int* status) {
  if (line.size() < 12) return false;
  if (line.substr(0, 7) != "HTTP/1." || (line[7] != '0' && line[7] != '1')) return false;
  if (line[8] != ' ') return false;
  int code = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
    code = code * 10 + (line[i] - '0');
  }
  if (line.size() > 12 && line[12] != ' ') return false;
  if (code < 100) return false;
  *status = code;
  return true;
}

}  // namespace

Result<Probe> ProbeEndpoint(std::string_view target, const ProbeOptions& options) {
  auto t = ParseEndpointTarget(target);
  if (!t.ok()) return t.error();
  return ProbeEndpoint(*t, options);
}

Result<Probe> ProbeEndpoint(const EndpointTarget& target, const ProbeOptions& options) {
  Probe probe;
  probe.target = target;
  const std::string what = target.Authority();
  // A phase's deadline: its own timeout, or the probe's deadline if sooner.
  bool capped = false;
  auto phase_deadline = [&](std::chrono::milliseconds timeout) {
    auto d = Clock::now() + timeout;
    capped = options.deadline && *options.deadline < d;
    return capped ? *options.deadline : d;
  };
  if (options.deadline && Clock::now() >= *options.deadline) {
    return NetError(target, "not probed: stopped by the deadline");
  }

  auto connected = tls_internal::ConnectTcp(target.host, target.port,
                                            phase_deadline(options.connect_timeout), what);
  if (!connected.ok()) {
    Error e = connected.error();
    if (e.message.find("timed out") != std::string::npos) {
      e.message += capped ? " (stopped by the deadline)"
                          : " within " + tls_internal::DescribeDuration(options.connect_timeout);
    }
    return e;
  }
  probe.peer_address = connected->address;
  const int fd = connected->fd.get();

  std::unique_ptr<SSL_CTX, SslCtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return NetError(target, "cannot create TLS context: " + OpenSslReason());
  // We observe rather than judge: accept whatever the server presents, down
  // to TLS 1.0 and any key size. verify/ does the judging afterwards.
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
  static const unsigned char kAlpn[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  SSL_CTX_set_alpn_protos(ctx.get(), kAlpn, sizeof kAlpn);

  std::unique_ptr<SSL, SslFree> ssl(SSL_new(ctx.get()));
  if (!ssl) return NetError(target, "cannot create TLS session: " + OpenSslReason());
  SSL_set_fd(ssl.get(), fd);
  std::string sni = options.server_name;
  if (sni.empty() && !target.host_is_ip) sni = target.host;
  if (!sni.empty()) {
    if (SSL_set_tlsext_host_name(ssl.get(), sni.c_str()) != 1) {
      return NetError(target, "invalid server name '" + sni + "'");
    }
  }
  probe.sni = sni;

  int rc = 0;
  bool eof = false;
  std::string why = DriveSsl(
      ssl.get(), fd, phase_deadline(options.handshake_timeout),
      [&] { return SSL_connect(ssl.get()); }, &rc, &eof);
  if (!why.empty()) {
    if (why == "timeout" && capped) return NetError(target, "TLS handshake stopped by the deadline");
    if (why == "timeout") {
      return NetError(target, "TLS handshake timed out after " +
                                  tls_internal::DescribeDuration(options.handshake_timeout) +
                                  " (the server does not answer)");
    }
    if (why == "wrong version number" || why == "packet length too long" ||
        why == "record layer failure") {
      why += " (the server did not answer with TLS)";
    }
    return NetError(target, "TLS handshake failed: " + why);
  }
  probe.tls_version = SSL_get_version(ssl.get());
  if (const char* c = SSL_get_cipher_name(ssl.get())) probe.cipher = c;

  // On the client side SSL_get_peer_cert_chain includes the leaf and keeps
  // the order the server sent (RFC 8446 4.4.2).
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get());
  for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) {
    X509* x = sk_X509_value(chain, i);
    unsigned char* der = nullptr;
    int len = i2d_X509(x, &der);
    if (len <= 0) return NetError(target, "cannot re-encode a presented certificate");
    probe.chain.emplace_back(der, der + len);
    OPENSSL_free(der);
  }
  if (probe.chain.empty()) {
    return NetError(target, "the server presented no certificate");
  }

  if (!options.send_http_request) return probe;
  probe.http_requested = true;
  const auto read_deadline = phase_deadline(options.read_timeout);
  const bool read_capped = capped;
  // From here on the chain is captured: an HTTP failure is recorded beside
  // it, not returned instead of it.
  auto http_failed = [&](const std::string& why_http) {
    probe.http_error = why_http;
    SSL_set_quiet_shutdown(ssl.get(), 1);
    return probe;
  };
  auto timeout_text = [&](const std::string& doing) {
    if (read_capped) {
      probe.deadline_hit = true;
      return doing + " stopped by the deadline";
    }
    return doing + " timed out after " + tls_internal::DescribeDuration(options.read_timeout);
  };

  std::string host_header = target.host_is_ip ? target.Authority() : target.host;
  if (!target.host_is_ip && target.port != 443) host_header = target.Authority();
  const std::string request = "GET " + target.path + " HTTP/1.1\r\nHost: " + host_header +
                              "\r\nUser-Agent: trustready/" TRUSTREADY_VERSION
                              "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < request.size()) {
    why = DriveSsl(
        ssl.get(), fd, read_deadline,
        [&] {
          return SSL_write(ssl.get(), request.data() + sent,
                           static_cast<int>(request.size() - sent));
        },
        &rc, &eof);
    if (!why.empty()) {
      if (why == "timeout") {
        return http_failed(timeout_text("sending the HTTP request"));
      }
      return http_failed("sending the HTTP request failed: " + why);
    }
    sent += static_cast<size_t>(rc);
  }

  std::string response;
  char buf[4096];
  for (;;) {
    size_t eol = response.find('\n');
    if (eol != std::string::npos) {
      std::string line = response.substr(0, eol);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      int status = 0;
      if (!ParseStatusLine(line, &status)) {
        return http_failed("junk HTTP response: " + Excerpt(line));
      }
      probe.http_status = status;
      probe.status_line = line;
      break;
    }
    if (response.size() > options.max_status_line) {
      return http_failed("junk HTTP response (no status line in the first " +
                         std::to_string(options.max_status_line) + " bytes): " + Excerpt(response));
    }
    why = DriveSsl(
        ssl.get(), fd, read_deadline,
        [&] { return SSL_read(ssl.get(), buf, sizeof buf); }, &rc, &eof);
    if (!why.empty()) {
      if (why == "timeout") {
        std::string t = read_capped ? (probe.deadline_hit = true, "no HTTP response: stopped by the deadline")
                                    : "no HTTP response within " + tls_internal::DescribeDuration(options.read_timeout);
        return http_failed(t + (response.empty() ? "" : " (partial: " + Excerpt(response) + ")"));
      }
      if (eof) {
        return http_failed(response.empty() ? "the server closed the connection without an HTTP response"
                                            : "junk HTTP response: " + Excerpt(response));
      }
      return http_failed("reading the HTTP response failed: " + why);
    }
    response.append(buf, static_cast<size_t>(rc));
  }
  // Best effort close_notify; the connection is ours to drop either way.
  SSL_set_quiet_shutdown(ssl.get(), 1);
  return probe;
}

}  // namespace trustready
