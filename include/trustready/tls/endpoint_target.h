// Endpoint targets: where `check` and `fleet` connect (an https URL or
// host:port), parsed and printed.
#ifndef TRUSTREADY_TLS_ENDPOINT_TARGET_H_
#define TRUSTREADY_TLS_ENDPOINT_TARGET_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trustready/base/result.h"

namespace trustready {

// Where to connect. Accepted spellings (ParseEndpointTarget):
//   https://host[:port][/path]     default port 443, default path "/"
//   host:port  or  host            default port 443
//   [2001:db8::1]:8443             IPv6 literals in brackets (also in URLs)
struct EndpointTarget {
  std::string host;        // without brackets; lower-cased for DNS names
  uint16_t port = 443;
  std::string path = "/";  // request-target sent in the GET
  bool host_is_ip = false; // an IPv4/IPv6 literal: no SNI is sent (RFC 6066 3)
  // host:port for messages, with brackets around IPv6 ("[::1]:8443").
  std::string Authority() const;
  // "https://" + Authority() + path
  std::string Url() const;
};

// Parses a target; errors (kInvalidArgument) name the text. Schemes other
// than https are refused (plain HTTP has no chain to capture).
Result<EndpointTarget> ParseEndpointTarget(std::string_view text);

}  // namespace trustready

#endif  // TRUSTREADY_TLS_ENDPOINT_TARGET_H_
