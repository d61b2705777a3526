// Subject public keys (SubjectPublicKeyInfo, RFC 5280 4.1.2.7) and the
// AlgorithmIdentifiers of keys and signatures (RFC 5280 4.1.1.2; RFC 4055
// for RSASSA-PSS): the parsed forms, their names, and the import of a key
// into OpenSSL.
//
// Every der::Input aliases the DER the key was parsed from.
#ifndef TRUSTREADY_X509_PUBLIC_KEY_H_
#define TRUSTREADY_X509_PUBLIC_KEY_H_

#include <string>
#include <string_view>

#include <openssl/types.h>

#include "trustready/der/parser.h"

namespace trustready {

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

}  // namespace trustready

#endif  // TRUSTREADY_X509_PUBLIC_KEY_H_
