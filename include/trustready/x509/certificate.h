// X.509 v1/v3 certificates (RFC 5280 section 4), parsed strictly and without
// copying.
//
// A Certificate owns its DER exactly once; every der::Input inside it (names,
// key, extensions) points into those bytes and lives as long as the
// Certificate. Certificates are immutable and shared as CertificatePtr.
//
// Parsing checks syntax (and the few semantic rules that make a field
// meaningless otherwise, e.g. duplicate extensions, inner/outer algorithm
// mismatch). It does NOT check signatures, validity, constraints or any path
// rule: those are verify/'s job.
#ifndef TRUSTREADY_CERTIFICATE_H_
#define TRUSTREADY_CERTIFICATE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "trustready/der/parser.h"
#include "trustready/x509/name.h"
#include "trustready/base/result.h"

namespace trustready {

// Seconds since 1970-01-01T00:00:00Z. Covers years 0000..9999.
using UnixTime = int64_t;

// "2038-01-17T00:00:00Z"
std::string FormatRfc3339(UnixTime t);
// "2038-01-17"
std::string FormatDate(UnixTime t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" and "+HH:MM" offsets.
Result<UnixTime> ParseRfc3339(std::string_view text);
UnixTime Now();

// UTCTime / GeneralizedTime contents per RFC 5280 4.1.2.5: UTCTime is
// YYMMDDHHMMSSZ (YY >= 50 means 19YY), GeneralizedTime YYYYMMDDHHMMSSZ, both
// with seconds and 'Z' and no fraction.
Result<UnixTime> ParseX509Time(der::Tag tag, der::Input value);

enum class SignatureAlgorithm {
  kUnknown,
  kRsaPkcs1Md2,
  kRsaPkcs1Md5,
  kRsaPkcs1Sha1,
  kRsaPkcs1Sha224,
  kRsaPkcs1Sha256,
  kRsaPkcs1Sha384,
  kRsaPkcs1Sha512,
  kRsaPss,        // parameters in AlgorithmIdentifier::pss
  kEcdsaSha1,
  kEcdsaSha224,
  kEcdsaSha256,
  kEcdsaSha384,
  kEcdsaSha512,
  kEd25519,
  kEd448,
  kDsaSha1,
  kDsaSha256,
};
std::string_view SignatureAlgorithmName(SignatureAlgorithm alg);

enum class DigestAlgorithm { kUnknown, kMd5, kSha1, kSha224, kSha256, kSha384, kSha512 };

// RSASSA-PSS-params (RFC 4055 3.1).
struct PssParams {
  DigestAlgorithm hash = DigestAlgorithm::kSha1;
  DigestAlgorithm mgf1_hash = DigestAlgorithm::kSha1;
  int salt_length = 20;
};

struct AlgorithmIdentifier {
  der::Input encoded;     // the whole SEQUENCE TLV
  der::Input oid;         // OID contents
  der::Input parameters;  // the parameters TLV (empty when absent)
  SignatureAlgorithm signature = SignatureAlgorithm::kUnknown;
  PssParams pss;          // meaningful for kRsaPss only
};

enum class KeyType { kUnknown, kRsa, kEc, kEd25519, kEd448, kDsa };
enum class NamedCurve { kUnknown, kP256, kP384, kP521, kSecp256k1 };

struct PublicKeyInfo {
  der::Input encoded;       // SubjectPublicKeyInfo TLV (what SPKI pins hash)
  AlgorithmIdentifier algorithm;
  der::Input key;           // subjectPublicKey BIT STRING contents, no pad octet
  KeyType type = KeyType::kUnknown;
  NamedCurve curve = NamedCurve::kUnknown;  // kEc only
  int bits = 0;             // RSA/DSA modulus bits, EC field bits, Ed*: 256/456
  der::Input rsa_modulus;   // kRsa: modulus INTEGER contents
  der::Input rsa_exponent;  // kRsa: exponent INTEGER contents
};
// "RSA 2048", "ECC P-256", "Ed25519", "DSA 1024", "unknown (1.2.3)".
std::string DescribeKey(const PublicKeyInfo& key);
// The key as a new OpenSSL EVP_PKEY (the caller frees it), or null when
// OpenSSL cannot import it. RSA and EC keys are imported from the parsed
// fields (EVP_PKEY_fromdata), not re-decoded from DER.
EVP_PKEY* ImportPublicKey(const PublicKeyInfo& key);

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

class Certificate;
using CertificatePtr = std::shared_ptr<const Certificate>;

class Certificate {
 public:
  // Takes ownership of `der` and parses it.
  static Result<CertificatePtr> Parse(std::vector<uint8_t> der);
  static Result<CertificatePtr> Parse(der::Input der) {
    return Parse(der.ToVector());
  }

  Certificate(const Certificate&) = delete;
  Certificate& operator=(const Certificate&) = delete;
  ~Certificate();

  const ParsedCertificate& parsed() const { return parsed_; }
  const ParsedCertificate* operator->() const { return &parsed_; }
  der::Input der() const { return parsed_.der; }

  // Derived facts, computed once at parse time (cheap relative to parsing
  // for the hashes the product needs everywhere).
  const std::array<uint8_t, 32>& sha256() const { return sha256_; }
  const std::array<uint8_t, 32>& spki_sha256() const { return spki_sha256_; }
  std::array<uint8_t, 20> Sha1() const;
  std::string Sha256Hex() const { return der::Hex(der::Input(sha256_.data(), 32)); }

  // OpenSSL X509_subject_name_hash (canonical name, SHA-1) and
  // X509_subject_name_hash_old (MD5 of the DER name).
  uint32_t SubjectHash() const;
  uint32_t SubjectHashOld() const;
  uint32_t IssuerHash() const;

  // The subject's CN, else O, else OU, else the RFC 4514 string: a short
  // human name for tables.
  std::string DisplayName() const;
  bool IsSelfIssued() const;  // subject == issuer (normalised)
  std::string KeyDescription() const { return DescribeKey(parsed_.spki); }
  // The subject public key imported into OpenSSL on first use and kept for
  // the certificate's lifetime, as OpenSSL's X509 keeps its decoded key (a
  // signature check with a decoded key costs about half as much). Null when
  // OpenSSL cannot import it. Thread-safe; owned by the certificate.
  EVP_PKEY* PublicKey() const;
  // Signature-verification contexts for this certificate's key, each made
  // ready for one signature algorithm (EVP_PKEY_verify_init, digest,
  // padding) and kept for the certificate's lifetime, so that a check
  // duplicates a ready context instead of fetching the provider's
  // implementation again. `algorithm` is the caller's code for the
  // algorithm (signature.cc). Keep takes ownership and returns the context
  // kept for that code (the given one, or one another thread kept first),
  // or returns null without taking ownership when the certificate already
  // keeps kMaxVerifyContexts. Thread-safe; contexts are only ever read
  // (EVP_PKEY_CTX_dup) once kept.
  static constexpr size_t kMaxVerifyContexts = 8;
  const EVP_PKEY_CTX* FindVerifyContext(uint64_t algorithm) const;
  const EVP_PKEY_CTX* KeepVerifyContext(uint64_t algorithm, EVP_PKEY_CTX* ctx) const;

  // Normalised subject/issuer (RFC 5280 7.1 comparison form), for matching.
  const std::string& NormalizedSubject() const { return normalized_subject_; }
  const std::string& NormalizedIssuer() const { return normalized_issuer_; }

 private:
  Certificate() = default;
  std::vector<uint8_t> bytes_;
  ParsedCertificate parsed_;
  std::array<uint8_t, 32> sha256_{};
  std::array<uint8_t, 32> spki_sha256_{};
  std::string normalized_subject_;
  std::string normalized_issuer_;
  mutable std::once_flag key_once_;
  mutable EVP_PKEY* key_ = nullptr;
  mutable std::mutex verify_ctx_mu_;
  mutable std::vector<std::pair<uint64_t, EVP_PKEY_CTX*>> verify_ctxs_;
};

// Well-known OIDs (contents octets).
namespace oid {
extern const der::Input kBasicConstraints;
extern const der::Input kKeyUsage;
extern const der::Input kExtKeyUsage;
extern const der::Input kSubjectAltName;
extern const der::Input kIssuerAltName;
extern const der::Input kNameConstraints;
extern const der::Input kCertificatePolicies;
extern const der::Input kPolicyMappings;
extern const der::Input kPolicyConstraints;
extern const der::Input kInhibitAnyPolicy;
extern const der::Input kAuthorityKeyIdentifier;
extern const der::Input kSubjectKeyIdentifier;
extern const der::Input kAuthorityInfoAccess;
extern const der::Input kCrlDistributionPoints;
extern const der::Input kSctList;
extern const der::Input kTlsFeature;
extern const der::Input kAnyPolicy;
extern const der::Input kEkuServerAuth;
extern const der::Input kEkuClientAuth;
extern const der::Input kEkuCodeSigning;
extern const der::Input kEkuEmailProtection;
extern const der::Input kEkuTimeStamping;
extern const der::Input kEkuOcspSigning;
extern const der::Input kAnyEku;
extern const der::Input kAdCaIssuers;
extern const der::Input kAdOcsp;
extern const der::Input kCommonName;
}  // namespace oid

// Short name of an EKU OID ("serverAuth") or its dotted form.
std::string EkuName(der::Input oid);

}  // namespace trustready

#endif  // TRUSTREADY_CERTIFICATE_H_
