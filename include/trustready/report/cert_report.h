// Rendering certificates for people and for machines. The JSON object is the
// contract of `cert show --json` (docs/schemas/cert-show.schema.json) and is
// reused wherever a certificate appears in JSON (store show, verify, check).
#ifndef TRUSTREADY_CERT_REPORT_H_
#define TRUSTREADY_CERT_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trustready/report/text_style.h"
#include "trustready/x509/certificate.h"

namespace trustready {

// "ce5e74ef" (8 lowercase hex digits).
std::string HashHex(uint32_t hash);

// Key usage names ("digitalSignature", "keyCertSign", ...).
std::vector<std::string> KeyUsageNames(const ParsedCertificate& cert);
// SAN values by type.
std::vector<std::string> SanDnsNames(const ParsedCertificate& cert);
std::vector<std::string> SanIpAddresses(const ParsedCertificate& cert);
std::string FormatIp(der::Input octets);  // 4 or 16 octets
std::vector<std::string> AiaUris(const ParsedCertificate& cert, der::Input method);
std::vector<std::string> CrlUris(const ParsedCertificate& cert);

nlohmann::json CertificateToJson(const Certificate& cert);

// The concise multi-line human view used by `cert show`.
std::string CertificateToText(const Certificate& cert, const TextStyle& style = {});

}  // namespace trustready

#endif  // TRUSTREADY_CERT_REPORT_H_
