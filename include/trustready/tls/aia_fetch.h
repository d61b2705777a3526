// Fetching a missing issuer from a certificate's Authority Information
// Access caIssuers URL (RFC 5280 4.2.2.1), as browsers do and as Java,
// OpenSSL-based clients and curl do not.
//
// Only plain http:// URLs are fetched: RFC 5280 says the caIssuers
// location is HTTP (or LDAP) and fetching it over HTTPS would need the very
// chain we are trying to complete. LDAP is not supported.
#ifndef TRUSTREADY_AIA_FETCH_H_
#define TRUSTREADY_AIA_FETCH_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

struct AiaFetchLimits {
  // A CA certificate is 1-2 KiB; a certs-only bundle a few of those. 64 KiB
  // leaves room and still bounds what a hostile server can make us read.
  size_t max_body_bytes = 64 * 1024;
  // Everything (DNS, connect, request, response) must finish within this.
  std::chrono::milliseconds timeout{10000};
  // And by this time, whatever `timeout` says: the caller's deadline for the
  // whole check (`check --deadline`), so that eight stalled fetches cannot
  // take eight timeouts. A fetch started after it fails at once.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// GETs `url` (http://host[:port]/path) and returns the DER of the
// certificate it holds. The body may be a DER certificate (RFC 5280:
// application/pkix-cert), PEM text, or a certs-only PKCS#7/CMS SignedData
// (application/pkcs7-mime); for PKCS#7 the first certificate is returned.
// Errors: kInvalidArgument (bad URL), kNetwork (connect/timeout/deadline/HTTP status
// other than 200/too large), kNotCertificate (a body that holds none).
// Redirects are not followed.
Result<std::vector<uint8_t>> FetchAiaIssuer(std::string_view url,
                                            const AiaFetchLimits& limits = {});

// All certificates in the body (DER/PEM/PKCS#7), in order.
Result<std::vector<std::vector<uint8_t>>> FetchAiaCertificates(
    std::string_view url, const AiaFetchLimits& limits = {});

}  // namespace trustready

#endif  // TRUSTREADY_AIA_FETCH_H_
