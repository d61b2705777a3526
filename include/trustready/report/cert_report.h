// Rendering certificates for people and for machines. The JSON object is the
// contract of `cert show --json` (docs/schemas/cert-show.schema.json) and is
// reused wherever a certificate appears in JSON (store show, verify, check).
#ifndef TRUSTREADY_CERT_REPORT_H_
#define TRUSTREADY_CERT_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trustready/report/text_style.h"
#include "trustready/x509/cert_fields.h"  // the field accessors moved there
#include "trustready/x509/certificate.h"

namespace trustready {

// "ce5e74ef" (8 lowercase hex digits).
std::string HashHex(uint32_t hash);

nlohmann::json CertificateToJson(const Certificate& cert);

// The concise multi-line human view used by `cert show`.
std::string CertificateToText(const Certificate& cert, const TextStyle& style = {});

}  // namespace trustready

#endif  // TRUSTREADY_CERT_REPORT_H_
