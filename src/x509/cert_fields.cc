// Certificate fields as values callers use: key usage names, SAN values,
// AIA and CRL distribution point URIs, IP address text. See
// include/trustready/x509/cert_fields.h.
#include "trustready/x509/cert_fields.h"

#include <arpa/inet.h>

namespace trustready {

std::string FormatIpAddress(der::Input octets) {
  // inet_ntop writes RFC 5952 text for IPv6 (lowercase, the longest run of
  // zero groups compressed).
  char buf[INET6_ADDRSTRLEN] = {};
  if (octets.size() == 4) {
    inet_ntop(AF_INET, octets.data(), buf, sizeof(buf));
  } else if (octets.size() == 16) {
    inet_ntop(AF_INET6, octets.data(), buf, sizeof(buf));
  } else {
    return "<" + der::Hex(octets) + ">";
  }
  return buf;
}

std::vector<std::string> KeyUsageNames(const ParsedCertificate& c) {
  static const char* kNames[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                 "dataEncipherment", "keyAgreement",   "keyCertSign",
                                 "cRLSign",          "encipherOnly",   "decipherOnly"};
  std::vector<std::string> out;
  if (!c.key_usage) return out;
  for (int i = 0; i < 9; ++i) {
    if (c.key_usage->IsSet(static_cast<size_t>(i))) out.push_back(kNames[i]);
  }
  return out;
}

std::vector<std::string> SanDnsNames(const ParsedCertificate& c) {
  std::vector<std::string> out;
  if (!c.subject_alt_names) return out;
  for (const auto& n : c.subject_alt_names->names) {
    if (n.type == GeneralNameType::kDnsName) out.push_back(n.value.AsString());
  }
  return out;
}

std::vector<std::string> SanIpAddresses(const ParsedCertificate& c) {
  std::vector<std::string> out;
  if (!c.subject_alt_names) return out;
  for (const auto& n : c.subject_alt_names->names) {
    if (n.type == GeneralNameType::kIpAddress) out.push_back(FormatIpAddress(n.value));
  }
  return out;
}

std::vector<std::string> AiaUris(const ParsedCertificate& c, der::Input method) {
  std::vector<std::string> out;
  if (!c.authority_info_access) return out;
  for (const auto& ad : *c.authority_info_access) {
    if (ad.method == method && ad.location.type == GeneralNameType::kUri) out.push_back(ad.location.value.AsString());
  }
  return out;
}

std::vector<std::string> CrlUris(const ParsedCertificate& c) {
  std::vector<std::string> out;
  if (!c.crl_distribution_points) return out;
  for (const auto& dp : *c.crl_distribution_points) {
    for (const auto& n : dp.full_name) {
      if (n.type == GeneralNameType::kUri) out.push_back(n.value.AsString());
    }
  }
  return out;
}

}  // namespace trustready
