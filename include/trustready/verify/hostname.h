// Server identity checks (RFC 6125 / RFC 9525 as the CA/Browser Forum and
// browsers apply them): a host name is a DNS name or an IP address; it is
// matched against the certificate's subjectAltName only (no Common Name
// fallback), dNSName against DNS names (one left-most "*" label as the only
// wildcard form), iPAddress against IP addresses, byte for byte.
#ifndef TRUSTREADY_HOSTNAME_H_
#define TRUSTREADY_HOSTNAME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/x509/cert_fields.h"
#include "trustready/x509/parse_certificate.h"
#include "trustready/base/result.h"

namespace trustready {

struct HostName {
  enum class Kind { kDns, kIp };
  Kind kind = Kind::kDns;
  std::string dns;            // lower-cased, no trailing dot (kDns)
  std::vector<uint8_t> ip;    // 4 or 16 octets (kIp)

  std::string ToString() const;
};

// Parses what a user types: an IPv4 dotted quad (strict: four decimal
// octets, no leading zeros), an IPv6 address (RFC 4291 text, optionally in
// brackets), else a DNS name (LDH labels, "_" refused, a trailing dot
// dropped). Fails on anything else.
Result<HostName> ParseHostName(std::string_view text);
// IP address text only; nullopt when `text` is not one.
std::optional<std::vector<uint8_t>> ParseIpAddress(std::string_view text);
// FormatIpAddress: x509/cert_fields.h.

// A reference DNS identifier is valid: LDH labels of 1..63 octets, total
// <= 253, no empty label. Used for host names and for dNSName SAN values
// (those may additionally start with "*." when wildcards are allowed).
bool IsValidDnsName(std::string_view name, bool allow_wildcard);

// True when `presented` (a dNSName SAN value) matches the host name
// `reference` (lower case). Wildcards: only a whole left-most label "*",
// matching exactly one label, never a public suffix (see IsPublicSuffix).
bool MatchDnsName(std::string_view presented, std::string_view reference);

// Whether `name` is a public suffix ("com", "co.uk", "s3.amazonaws.com")
// according to the Public Suffix List when this system has one
// (/usr/share/publicsuffix/public_suffix_list.dat, Debian package
// "publicsuffix"); without it, only single-label names count.
bool IsPublicSuffix(std::string_view name);

// The certificate's SAN holds a name matching `host`.
bool MatchesHostName(const ParsedCertificate& cert, const HostName& host);

}  // namespace trustready

#endif  // TRUSTREADY_HOSTNAME_H_
