// URL splitting shared by the probe (https) and the AIA fetcher (http).
// Internal to src/tls.
#ifndef TRUSTREADY_TLS_URL_H_
#define TRUSTREADY_TLS_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trustready/base/result.h"

namespace trustready::tls_internal {

struct UrlParts {
  std::string scheme;
  std::string host;  // no brackets
  uint16_t port = 0;
  std::string path;  // starts with '/', fragment removed, query kept
  bool host_is_ip = false;
};

// "scheme://authority/path" or "authority/path"; only `default_scheme` is
// accepted as a scheme. Errors are kInvalidArgument and quote the text.
Result<UrlParts> SplitUrl(std::string_view text, std::string_view default_scheme,
                          uint16_t default_port);

// "host:port", "[v6]:port".
std::string FormatAuthority(const std::string& host, uint16_t port);

}  // namespace trustready::tls_internal

#endif  // TRUSTREADY_TLS_URL_H_
