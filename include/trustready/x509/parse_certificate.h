// Certificate syntax (RFC 5280 section 4): ParsedCertificate, the parsed
// form of every field and known extension, and ParseCertificate.
//
// Every der::Input inside a ParsedCertificate aliases the DER it was parsed
// from (a Certificate, certificate.h, owns those bytes).
//
// Parsing checks syntax (and the few semantic rules that make a field
// meaningless otherwise, e.g. duplicate extensions, inner/outer algorithm
// mismatch). It does NOT check signatures, validity, constraints or any path
// rule: those are verify/'s job.
#ifndef TRUSTREADY_X509_PARSE_CERTIFICATE_H_
#define TRUSTREADY_X509_PARSE_CERTIFICATE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/x509/name.h"
#include "trustready/x509/public_key.h"
#include "trustready/x509/time.h"

namespace trustready {

// GeneralName (RFC 5280 4.2.1.6).
enum class GeneralNameType : uint8_t {
  kOtherName = 0,
  kRfc822Name = 1,
  kDnsName = 2,
  kX400Address = 3,
  kDirectoryName = 4,
  kEdiPartyName = 5,
  kUri = 6,
  kIpAddress = 7,
  kRegisteredId = 8,
};
struct GeneralName {
  GeneralNameType type = GeneralNameType::kOtherName;
  // kRfc822Name/kDnsName/kUri: the IA5String characters. kIpAddress: 4 or 16
  // octets (SAN) or 8 or 32 octets (name constraints: address + mask).
  // kDirectoryName: the Name's RDNSequence contents (parse with ParseName).
  // Others: the raw contents.
  der::Input value;
};
struct GeneralNames {
  std::vector<GeneralName> names;
};

struct BasicConstraints {
  bool is_ca = false;
  std::optional<int> path_len;
};

// KeyUsage bits, RFC 5280 4.2.1.3 (bit 0 = digitalSignature).
enum KeyUsageBit : int {
  kDigitalSignature = 0,
  kNonRepudiation = 1,
  kKeyEncipherment = 2,
  kDataEncipherment = 3,
  kKeyAgreement = 4,
  kKeyCertSign = 5,
  kCrlSign = 6,
  kEncipherOnly = 7,
  kDecipherOnly = 8,
};

struct NameConstraints {
  // GeneralSubtree.base values. RFC 5280 requires minimum 0 and no maximum;
  // subtrees with other values are refused at parse time.
  std::vector<GeneralName> permitted;
  std::vector<GeneralName> excluded;
  bool has_permitted = false;
  bool has_excluded = false;
};

struct PolicyInformation {
  der::Input oid;         // OID contents
  der::Input qualifiers;  // SEQUENCE OF PolicyQualifierInfo TLV, may be empty
};

struct PolicyMapping {
  der::Input issuer_domain_policy;
  der::Input subject_domain_policy;
};

struct PolicyConstraints {
  std::optional<int> require_explicit_policy;
  std::optional<int> inhibit_policy_mapping;
};

struct AuthorityKeyIdentifier {
  std::optional<der::Input> key_identifier;
  std::optional<GeneralNames> authority_cert_issuer;
  std::optional<der::Input> authority_cert_serial;  // INTEGER contents
};

struct AccessDescription {
  der::Input method;  // OID contents (id-ad-caIssuers, id-ad-ocsp)
  GeneralName location;
};

struct DistributionPoint {
  std::vector<GeneralName> full_name;        // fullName
  std::optional<der::Input> relative_name;   // nameRelativeToCRLIssuer (SET contents)
  std::optional<der::BitString> reasons;
  std::vector<GeneralName> crl_issuer;
};

// An embedded Signed Certificate Timestamp (RFC 6962 3.2).
struct Sct {
  uint8_t version = 0;
  der::Input log_id;      // 32 octets
  uint64_t timestamp_ms = 0;
  der::Input extensions;
  uint8_t hash_algorithm = 0;
  uint8_t signature_algorithm = 0;
  der::Input signature;
};

struct Extension {
  der::Input oid;    // OID contents
  bool critical = false;
  der::Input value;  // extnValue OCTET STRING contents
  bool understood = false;  // parsed by this library
};

// Everything syntactic about a certificate. All Inputs alias the DER the
// certificate was parsed from.
struct ParsedCertificate {
  der::Input der;                  // whole Certificate TLV
  der::Input tbs;                  // TBSCertificate TLV (the signed bytes)
  AlgorithmIdentifier signature_algorithm;  // outer
  der::Input signature;            // signatureValue bits, no pad octet

  int version = 1;                 // 1, 2 or 3
  der::Input serial;               // INTEGER contents (may be negative/zero)
  Name issuer;
  Name subject;
  UnixTime not_before = 0;
  UnixTime not_after = 0;
  // A validity date before 2050 encoded as GeneralizedTime (RFC 5280
  // 4.1.2.5 says UTCTime); kept as a flag so verifiers can choose.
  bool generalized_time_before_2050 = false;
  PublicKeyInfo spki;
  std::optional<der::BitString> issuer_unique_id;
  std::optional<der::BitString> subject_unique_id;

  std::vector<Extension> extensions;

  std::optional<BasicConstraints> basic_constraints;
  std::optional<der::BitString> key_usage;
  std::optional<std::vector<der::Input>> extended_key_usage;  // OID contents
  std::optional<GeneralNames> subject_alt_names;
  std::optional<GeneralNames> issuer_alt_names;
  std::optional<NameConstraints> name_constraints;
  std::optional<std::vector<PolicyInformation>> certificate_policies;
  std::optional<std::vector<PolicyMapping>> policy_mappings;
  std::optional<PolicyConstraints> policy_constraints;
  std::optional<int> inhibit_any_policy;
  std::optional<AuthorityKeyIdentifier> authority_key_id;
  std::optional<der::Input> subject_key_id;
  std::optional<std::vector<AccessDescription>> authority_info_access;
  std::optional<std::vector<DistributionPoint>> crl_distribution_points;
  std::optional<std::vector<Sct>> scts;
  std::optional<std::vector<int>> tls_features;

  bool HasKeyUsage(KeyUsageBit bit) const {
    return key_usage && key_usage->IsSet(static_cast<size_t>(bit));
  }
  // Extensions marked critical that this library does not understand.
  std::vector<const Extension*> UnhandledCriticalExtensions() const;
  // The extension with this OID contents, or null.
  const Extension* FindExtension(der::Input oid) const;
};

// Parses `der` (exactly one Certificate, nothing after it) into `out`.
// On failure `out` is unspecified. Offsets in errors are relative to der.
Status ParseCertificate(der::Input der, ParsedCertificate* out);

}  // namespace trustready

#endif  // TRUSTREADY_X509_PARSE_CERTIFICATE_H_
