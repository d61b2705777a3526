// AIA caIssuers fetching (RFC 5280 4.2.2.1) over plain HTTP/1.0.
//
// HTTP/1.0 on purpose: the server must then neither chunk the body nor keep
// the connection open (RFC 9112 7.1 / RFC 1945), so the body is "what
// arrives until Content-Length or close", which is all we need.
#include "trustready/tls/aia_fetch.h"
#include "trustready/base/strings.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "tls/socket.h"
#include "tls/url.h"

namespace trustready {

namespace {

using tls_internal::Clock;

// Response header section larger than this is junk (RFC 9112 leaves the
// limit to us; 16 KiB is far above any real CA web server's headers).
constexpr size_t kMaxHeaderBytes = 16 * 1024;

std::vector<uint8_t> ToDer(X509* x) {
  unsigned char* der = nullptr;
  int len = i2d_X509(x, &der);
  if (len <= 0) return {};
  std::vector<uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

void AppendPkcs7Certs(PKCS7* p7, std::vector<std::vector<uint8_t>>* out) {
  if (p7 == nullptr || OBJ_obj2nid(p7->type) != NID_pkcs7_signed || p7->d.sign == nullptr) {
    return;
  }
  STACK_OF(X509)* certs = p7->d.sign->cert;
  for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) {
    auto der = ToDer(sk_X509_value(certs, i));
    if (!der.empty()) out->push_back(std::move(der));
  }
}

// DER certificate, PEM (CERTIFICATE or PKCS7 blocks), or DER PKCS#7.
std::vector<std::vector<uint8_t>> CertificatesInBody(const std::string& body) {
  std::vector<std::vector<uint8_t>> out;
  ERR_clear_error();
  if (body.find("-----BEGIN") != std::string::npos) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(body.data(), static_cast<int>(body.size())), BIO_free);
    while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      out.push_back(ToDer(x));
      X509_free(x);
    }
    if (out.empty()) {
      std::unique_ptr<BIO, decltype(&BIO_free)> bio2(
          BIO_new_mem_buf(body.data(), static_cast<int>(body.size())), BIO_free);
      PKCS7* p7 = PEM_read_bio_PKCS7(bio2.get(), nullptr, nullptr, nullptr);
      AppendPkcs7Certs(p7, &out);
      PKCS7_free(p7);
    }
    ERR_clear_error();
    return out;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  const auto* start = p;
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(body.size()));
  if (x != nullptr && p == start + body.size()) {
    out.push_back(ToDer(x));
  }
  X509_free(x);
  if (out.empty()) {
    p = start;
    PKCS7* p7 = d2i_PKCS7(nullptr, &p, static_cast<long>(body.size()));
    if (p7 != nullptr && p == start + body.size()) AppendPkcs7Certs(p7, &out);
    PKCS7_free(p7);
  }
  ERR_clear_error();
  return out;
}

}  // namespace

Result<std::vector<std::vector<uint8_t>>> FetchAiaCertificates(std::string_view url,
                                                               const AiaFetchLimits& limits) {
  auto parts = tls_internal::SplitUrl(url, "http", 80);
  if (!parts.ok()) return parts.error();
  const std::string what = std::string(url);
  auto fail = [&](const std::string& why) {
    return MakeError(ErrorKind::kNetwork, what + ": " + why);
  };
  auto deadline = Clock::now() + limits.timeout;
  const bool capped = limits.deadline && *limits.deadline < deadline;
  if (capped) deadline = *limits.deadline;
  if (Clock::now() >= deadline) return fail("not fetched: the deadline was reached before it");
  // Timeouts name the limit that ended them.
  const std::string timeout_text =
      capped ? "timed out at the deadline" : "timed out after " + tls_internal::DescribeDuration(limits.timeout);
  auto connected = tls_internal::ConnectTcp(parts->host, parts->port, deadline, what);
  if (!connected.ok()) {
    Error e = connected.error();
    if (capped && Clock::now() >= deadline) e.message += " (stopped at the deadline)";
    return e;
  }
  const int fd = connected->fd.get();

  const std::string request = "GET " + parts->path + " HTTP/1.0\r\nHost: " +
                              tls_internal::FormatAuthority(parts->host, parts->port) +
                              "\r\nUser-Agent: trustready/" TRUSTREADY_VERSION
                              "\r\nAccept: application/pkix-cert, application/pkcs7-mime, */*"
                              "\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return fail(std::string("send failed: ") + std::strerror(errno));
    }
    if (tls_internal::WaitFd(fd, POLLOUT, deadline) != tls_internal::WaitResult::kReady) {
      return fail(timeout_text + " sending the request");
    }
  }

  std::string response;
  size_t header_end = std::string::npos;
  size_t content_length = std::string::npos;
  int status = 0;
  char buf[8192];
  for (;;) {
    if (header_end == std::string::npos) {
      size_t pos = response.find("\r\n\r\n");
      if (pos != std::string::npos) {
        header_end = pos + 4;
        std::string head = response.substr(0, pos);
        if (head.size() < 12 || head.compare(0, 7, "HTTP/1.") != 0 || head[8] != ' ' ||
            !std::isdigit(static_cast<unsigned char>(head[9]))) {
          return fail("junk HTTP response");
        }
        status = std::atoi(head.substr(9, 3).c_str());
        if (status != 200) {
          size_t eol = head.find("\r\n");
          return fail("HTTP status " + head.substr(9, eol == std::string::npos ? 3 : eol - 9));
        }
        std::string lower = AsciiLower(head);
        size_t cl = lower.find("\r\ncontent-length:");
        if (cl != std::string::npos) {
          content_length = std::strtoull(lower.c_str() + cl + 17, nullptr, 10);
          if (content_length > limits.max_body_bytes) {
            return fail("response of " + std::to_string(content_length) +
                        " bytes exceeds the limit of " + std::to_string(limits.max_body_bytes));
          }
        }
      } else if (response.size() > kMaxHeaderBytes) {
        return fail("HTTP header section too large");
      }
    }
    if (header_end != std::string::npos) {
      size_t body = response.size() - header_end;
      if (body > limits.max_body_bytes) {
        return fail("response exceeds the limit of " + std::to_string(limits.max_body_bytes) +
                    " bytes");
      }
      if (content_length != std::string::npos && body >= content_length) break;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      response.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) break;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return fail(std::string("read failed: ") + std::strerror(errno));
    }
    auto w = tls_internal::WaitFd(fd, POLLIN, deadline);
    if (w == tls_internal::WaitResult::kTimeout) {
      return fail(timeout_text);
    }
    if (w == tls_internal::WaitResult::kError) return fail("poll failed");
  }
  if (header_end == std::string::npos) {
    return fail(response.empty() ? "closed without a response" : "junk HTTP response");
  }
  std::string body = response.substr(header_end);
  if (content_length != std::string::npos) {
    if (body.size() < content_length) return fail("response body truncated");
    body.resize(content_length);
  }
  if (body.empty()) return MakeError(ErrorKind::kNotCertificate, what + ": empty body");
  auto certs = CertificatesInBody(body);
  if (certs.empty()) {
    return MakeError(ErrorKind::kNotCertificate,
                     what + ": the response holds no certificate (DER, PEM or PKCS#7)");
  }
  return certs;
}

Result<std::vector<uint8_t>> FetchAiaIssuer(std::string_view url, const AiaFetchLimits& limits) {
  auto certs = FetchAiaCertificates(url, limits);
  if (!certs.ok()) return certs.error();
  return std::move(certs->front());
}

}  // namespace trustready
