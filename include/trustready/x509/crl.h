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
// (signature, issuer, scope, times, critical extensions) is decided by
// verify/revocation.cc. A CRL whose signature BIT STRING has unused bits
// parses (signature_unused_bits says so) and is then unusable, not an
// input error: one bad CRL never stops the others being judged.
#ifndef TRUSTREADY_CRL_H_
#define TRUSTREADY_CRL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustready/x509/parse_certificate.h"
#include "trustready/x509/time.h"

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
  // Indirect CRLs (RFC 5280 5.3.3): the certificateIssuer of this entry,
  // or of the nearest entry before it that has one; unset means the CRL's
  // issuer. Only meaningful in a CRL whose IDP says indirectCRL.
  std::optional<GeneralNames> certificate_issuer;
};

// IssuingDistributionPoint (RFC 5280 5.2.5).
struct IssuingDistributionPoint {
  der::Input encoded;  // the extension value (scope comparison of delta CRLs)
  std::vector<GeneralName> full_name;
  bool has_relative_name = false;
  der::Input relative_name;  // RelativeDistinguishedName SET contents
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
  uint8_t signature_unused_bits = 0;  // non-zero: the CRL is unusable
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
  std::optional<der::Input> delta_base_crl_number;  // BaseCRLNumber contents
  bool has_freshest_crl = false;                    // freshestCRL present

  // The first critical CRL or entry extension this library does not
  // understand (its dotted OID), or "" when there is none.
  std::string UnhandledCriticalExtension() const;
  bool HasUnhandledCriticalExtension() const { return !UnhandledCriticalExtension().empty(); }
  // The first entry for `serial` (any certificate issuer).
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

// Comparison keys of a distribution point's names (RFC 5280 4.2.1.13,
// 5.2.5): each GeneralName as its type and value, a directoryName in RFC
// 5280 7.1 normalised form; a nameRelativeToCRLIssuer (`relative`, RDN SET
// contents) appended to `crl_issuer` as a directoryName. Names that cannot
// be parsed are left out.
std::vector<std::string> DistributionPointNameKeys(const std::vector<GeneralName>& full_name,
                                                   std::optional<der::Input> relative,
                                                   const Name& crl_issuer);
// The key of one GeneralName, as above; "" when it cannot be parsed.
std::string GeneralNameKey(const GeneralName& name);
// The key of a Name as a directoryName GeneralName.
std::string DirectoryNameKey(const Name& name);

}  // namespace trustready

#endif  // TRUSTREADY_CRL_H_
