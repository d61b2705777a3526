// Host name parsing and matching (RFC 6125 6.4, RFC 9525 6.3, CA/B Forum
// BR 7.1.2.7.12). See hostname.h for the rules chosen.
#include "trustready/verify/hostname.h"

#include <arpa/inet.h>

#include <fstream>
#include <mutex>
#include <string>
#include <unordered_set>
#include "trustready/base/strings.h"

namespace trustready {
namespace {

bool IsLdh(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

struct PublicSuffixList {
  std::unordered_set<std::string> rules;       // "co.uk"
  std::unordered_set<std::string> wildcards;   // "ck" for "*.ck"
  std::unordered_set<std::string> exceptions;  // "www.ck" for "!www.ck"
  bool loaded = false;
};

const PublicSuffixList& Psl() {
  static PublicSuffixList psl;
  static std::once_flag once;
  std::call_once(once, [] {
    std::ifstream in("/usr/share/publicsuffix/public_suffix_list.dat");
    std::string line;
    while (std::getline(in, line)) {
      // Rules end at the first whitespace; comments start with "//".
      size_t end = line.find_first_of(" \t\r");
      if (end != std::string::npos) line.resize(end);
      if (line.empty() || line.rfind("//", 0) == 0) continue;
      // IDN rules are listed in Unicode; host names here are A-labels, so
      // non-ASCII rules never match and are skipped.
      bool ascii = true;
      for (unsigned char c : line) ascii &= c < 0x80;
      if (!ascii) continue;
      line = AsciiLower(line);
      if (line[0] == '!') {
        psl.exceptions.insert(line.substr(1));
      } else if (line.rfind("*.", 0) == 0) {
        psl.wildcards.insert(line.substr(2));
      } else {
        psl.rules.insert(line);
      }
      psl.loaded = true;
    }
  });
  return psl;
}

}  // namespace

std::string HostName::ToString() const {
  if (kind == Kind::kDns) return dns;
  return FormatIpAddress(der::Input(ip.data(), ip.size()));
}

std::optional<std::vector<uint8_t>> ParseIpAddress(std::string_view text) {
  std::string s(text);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  uint8_t buf[16];
  // glibc's inet_pton(AF_INET) takes exactly four decimal octets and
  // refuses leading zeros, which is the strict form we want.
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) return std::vector<uint8_t>(buf, buf + 4);
  if (s.find(':') != std::string::npos && inet_pton(AF_INET6, s.c_str(), buf) == 1) {
    return std::vector<uint8_t>(buf, buf + 16);
  }
  return std::nullopt;
}

bool IsValidDnsName(std::string_view name, bool allow_wildcard) {
  if (name.empty() || name.size() > 253) return false;
  if (allow_wildcard && name.size() > 2 && name.substr(0, 2) == "*.") name.remove_prefix(2);
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::string_view label = name.substr(start, dot - start);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsLdh(c)) return false;
    }
    start = dot + 1;
    if (dot == name.size()) break;
  }
  return true;
}

Result<HostName> ParseHostName(std::string_view text) {
  HostName h;
  if (auto ip = ParseIpAddress(text)) {
    h.kind = HostName::Kind::kIp;
    h.ip = *ip;
    return h;
  }
  std::string name = AsciiLower(text);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (!IsValidDnsName(name, /*allow_wildcard=*/false)) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "'" + std::string(text) + "' is neither a DNS name nor an IP address");
  }
  h.kind = HostName::Kind::kDns;
  h.dns = std::move(name);
  return h;
}

bool IsPublicSuffix(std::string_view name_view) {
  std::string name = AsciiLower(name_view);
  if (name.find('.') == std::string::npos) return true;  // every TLD is one
  const PublicSuffixList& psl = Psl();
  if (!psl.loaded) return false;
  if (psl.exceptions.count(name)) return false;
  if (psl.rules.count(name)) return true;
  size_t dot = name.find('.');
  return psl.wildcards.count(name.substr(dot + 1)) > 0;
}

bool MatchDnsName(std::string_view presented_view, std::string_view reference) {
  std::string presented = AsciiLower(presented_view);
  if (!presented.empty() && presented.back() == '.') presented.pop_back();
  if (!IsValidDnsName(presented, /*allow_wildcard=*/true)) return false;
  if (presented.rfind("*.", 0) != 0) return presented == reference;
  // RFC 9525 6.3: "*" is the complete left-most label and matches exactly
  // one label; CA/B BR 3.2.2.6: never directly left of a public suffix.
  std::string_view base = std::string_view(presented).substr(2);
  if (IsPublicSuffix(base)) return false;
  size_t dot = reference.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  return reference.substr(dot + 1) == base;
}

bool MatchesHostName(const ParsedCertificate& cert, const HostName& host) {
  if (!cert.subject_alt_names) return false;  // no Common Name fallback
  for (const GeneralName& gn : cert.subject_alt_names->names) {
    if (host.kind == HostName::Kind::kDns && gn.type == GeneralNameType::kDnsName) {
      if (MatchDnsName(gn.value.AsStringView(), host.dns)) return true;
    } else if (host.kind == HostName::Kind::kIp && gn.type == GeneralNameType::kIpAddress) {
      if (gn.value.size() == host.ip.size() &&
          std::equal(host.ip.begin(), host.ip.end(), gn.value.begin())) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace trustready
