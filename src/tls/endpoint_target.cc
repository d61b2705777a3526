// Parsing of endpoint targets: https URLs (RFC 3986 3.2 authority, with
// RFC 3986 3.2.2 IP-literals in brackets) and bare host:port.
#include <algorithm>
#include <cctype>

#include "tls/socket.h"
#include "tls/url.h"
#include "trustready/tls/endpoint_target.h"

namespace trustready {

namespace tls_internal {

Result<UrlParts> SplitUrl(std::string_view text, std::string_view default_scheme,
                          uint16_t default_port) {
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "'" + std::string(text) + "': " + why);
  };
  std::string_view rest = text;
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
  if (rest.empty()) return bad("empty target");
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("contains a space or control character");
    }
  }

  UrlParts out;
  out.scheme = std::string(default_scheme);
  size_t sep = rest.find("://");
  if (sep != std::string_view::npos) {
    std::string scheme(rest.substr(0, sep));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (scheme != default_scheme) {
      return bad("unsupported scheme '" + scheme + "' (expected " +
                 std::string(default_scheme) + "://)");
    }
    rest.remove_prefix(sep + 3);
  }
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (size_t hash = path.find('#'); hash != std::string::npos) path.erase(hash);
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  out.path = path;

  if (authority.find('@') != std::string_view::npos) return bad("user information is not supported");
  std::string_view host;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated '[' in IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected text after ']'");
      port = after.substr(1);
      if (port.empty()) return bad("empty port");
    }
    if (!IsIpLiteral(std::string(host)) || host.find(':') == std::string_view::npos) {
      return bad("'" + std::string(host) + "' is not an IPv6 address");
    }
  } else {
    size_t colons = std::count(authority.begin(), authority.end(), ':');
    if (colons > 1) {
      // A bare IPv6 address without brackets has no room for a port.
      if (!IsIpLiteral(std::string(authority))) return bad("too many ':'");
      host = authority;
    } else if (colons == 1) {
      size_t c = authority.find(':');
      host = authority.substr(0, c);
      port = authority.substr(c + 1);
      if (port.empty()) return bad("empty port");
    } else {
      host = authority;
    }
  }
  if (host.empty()) return bad("no host");
  out.port = default_port;
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(),
                                        [](unsigned char c) { return std::isdigit(c); })) {
      return bad("bad port '" + std::string(port) + "'");
    }
    int p = std::stoi(std::string(port));
    if (p < 1 || p > 65535) return bad("port out of range");
    out.port = static_cast<uint16_t>(p);
  }
  out.host = std::string(host);
  out.host_is_ip = IsIpLiteral(out.host);
  if (!out.host_is_ip) {
    for (char& c : out.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char c : out.host) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')) {
        return bad("invalid character in host name");
      }
    }
  }
  return out;
}

std::string FormatAuthority(const std::string& host, uint16_t port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

}  // namespace tls_internal

std::string EndpointTarget::Authority() const {
  return tls_internal::FormatAuthority(host, port);
}

std::string EndpointTarget::Url() const { return "https://" + Authority() + path; }

Result<EndpointTarget> ParseEndpointTarget(std::string_view text) {
  auto parts = tls_internal::SplitUrl(text, "https", 443);
  if (!parts.ok()) return parts.error();
  EndpointTarget t;
  t.host = parts->host;
  t.port = parts->port;
  t.path = parts->path;
  t.host_is_ip = parts->host_is_ip;
  return t;
}

}  // namespace trustready
