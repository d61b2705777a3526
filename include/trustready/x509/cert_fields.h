// Certificate fields as plain values, for callers that need them (the
// endpoint check fetches AIA caIssuers URIs; reports list SANs and usages).
// Results are copies; nothing aliases the certificate.
#ifndef TRUSTREADY_X509_CERT_FIELDS_H_
#define TRUSTREADY_X509_CERT_FIELDS_H_

#include <string>
#include <vector>

#include "trustready/x509/parse_certificate.h"

namespace trustready {

// Key usage bits set, by RFC 5280 4.2.1.3 name ("digitalSignature",
// "keyCertSign", ...).
std::vector<std::string> KeyUsageNames(const ParsedCertificate& cert);
// subjectAltName values by type: dNSName as written, iPAddress as text.
std::vector<std::string> SanDnsNames(const ParsedCertificate& cert);
std::vector<std::string> SanIpAddresses(const ParsedCertificate& cert);
// authorityInfoAccess URIs of one access method (oid::kAdCaIssuers,
// oid::kAdOcsp); other GeneralName forms are skipped.
std::vector<std::string> AiaUris(const ParsedCertificate& cert, der::Input method);
// cRLDistributionPoints fullName URIs (nameRelativeToCRLIssuer is not listed).
std::vector<std::string> CrlUris(const ParsedCertificate& cert);
// 4 octets: dotted quad; 16: RFC 5952 text; anything else "<hex>". The one
// IP formatter (SANs, name constraints, host names).
std::string FormatIpAddress(der::Input octets);

}  // namespace trustready

#endif  // TRUSTREADY_X509_CERT_FIELDS_H_
