// Certificate revocation lists (RFC 5280 section 5), parsed strictly and
// without copying, like certificates.
//
//   CertificateList  ::=  SEQUENCE  {
//        tbsCertList          TBSCertList,
//        signatureAlgorithm   AlgorithmIdentifier,
//        signatureValue       BIT STRING  }
//   TBSCertList  ::=  SEQUENCE  {
//        version                 Version OPTIONAL,  -- if present, MUST be v2
//        signature               AlgorithmIdentifier,
//        issuer                  Name,
//        thisUpdate              Time,
//        nextUpdate              Time OPTIONAL,
//        revokedCertificates     SEQUENCE OF SEQUENCE  {
//             userCertificate         CertificateSerialNumber,
//             revocationDate          Time,
//             crlEntryExtensions      Extensions OPTIONAL } OPTIONAL,
//        crlExtensions           [0]  EXPLICIT Extensions OPTIONAL }
//
// Parsing checks syntax only; whether a CRL is usable for a certificate
// (signature, issuer, scope, times, critical extensions) is verify/'s job.
#ifndef TRUSTREADY_CRL_H_
#define TRUSTREADY_CRL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustready/x509/certificate.h"

namespace trustready {

// CRLReason (RFC 5280 5.3.1).
enum class CrlReason {
  kUnspecified = 0,
  kKeyCompromise = 1,
  kCaCompromise = 2,
  kAffiliationChanged = 3,
  kSuperseded = 4,
  kCessationOfOperation = 5,
  kCertificateHold = 6,
  kRemoveFromCrl = 8,
  kPrivilegeWithdrawn = 9,
  kAaCompromise = 10,
};
std::string_view CrlReasonName(CrlReason reason);

struct RevokedCertificate {
  der::Input serial;  // INTEGER contents
  UnixTime revocation_date = 0;
  std::optional<CrlReason> reason;
  std::vector<Extension> extensions;
};

// IssuingDistributionPoint (RFC 5280 5.2.5).
struct IssuingDistributionPoint {
  std::vector<GeneralName> full_name;
  bool has_relative_name = false;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  std::optional<der::BitString> only_some_reasons;
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};

struct ParsedCrl {
  der::Input der;
  der::Input tbs;
  AlgorithmIdentifier signature_algorithm;
  der::Input signature;
  int version = 1;
  Name issuer;
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::vector<RevokedCertificate> revoked;
  std::vector<Extension> extensions;
  std::optional<der::Input> crl_number;  // INTEGER contents
  std::optional<der::Input> authority_key_id;  // keyIdentifier
  std::optional<IssuingDistributionPoint> issuing_distribution_point;
  bool is_delta = false;  // has deltaCRLIndicator

  // Critical CRL or entry extensions this library does not understand.
  bool HasUnhandledCriticalExtension() const;
  const RevokedCertificate* FindSerial(der::Input serial) const;
};

Status ParseCrl(der::Input der, ParsedCrl* out);

class Crl;
using CrlPtr = std::shared_ptr<const Crl>;

class Crl {
 public:
  static Result<CrlPtr> Parse(std::vector<uint8_t> der);
  Crl(const Crl&) = delete;
  Crl& operator=(const Crl&) = delete;
  const ParsedCrl& parsed() const { return parsed_; }
  const ParsedCrl* operator->() const { return &parsed_; }
  const std::string& NormalizedIssuer() const { return normalized_issuer_; }

 private:
  Crl() = default;
  std::vector<uint8_t> bytes_;
  ParsedCrl parsed_;
  std::string normalized_issuer_;
};

// CRLs from PEM ("X509 CRL" blocks) or one DER CRL. `source` names the input
// in errors; an input with no CRL is an error.
Result<std::vector<CrlPtr>> LoadCrlsFromBytes(std::string_view bytes, const std::string& source);
Result<std::vector<CrlPtr>> LoadCrlsFromFile(const std::string& path);

}  // namespace trustready

#endif  // TRUSTREADY_CRL_H_
