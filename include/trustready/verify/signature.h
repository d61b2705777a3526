// Signature verification of signed X.509 objects (certificates, CRLs) with
// OpenSSL's EVP API, and a cache so that each signature is checked at most
// once per run.
//
// Accepted (the set web clients accept): RSASSA-PKCS1-v1_5 with SHA-1/224/
// 256/384/512, RSASSA-PSS with SHA-256/384/512 and MGF1 of the same hash,
// ECDSA on P-256, P-384, P-521 with SHA-1/224/256/384/512, Ed25519. SHA-1
// verifies here; path validation then refuses it below the anchor
// (WEAK_SIGNATURE). DSA with SHA-1/SHA-256 verifies too, for RFC 5280
// paths (NIST PKITS); the web profile refuses DSA keys (UNSUPPORTED_ALGORITHM
// in path validation), as the x509-limbo web PKI cases expect. Everything
// else (MD5, MD2, Ed448, other curves, explicit EC parameters, DSA keys that
// inherit their parameters) is kUnsupportedAlgorithm: no web client still
// accepts MD5.
#ifndef TRUSTREADY_SIGNATURE_H_
#define TRUSTREADY_SIGNATURE_H_

#include <array>
#include <cstdint>
#include <unordered_map>

#include "trustready/x509/certificate.h"

namespace trustready {

enum class SignatureStatus { kValid, kInvalid, kUnsupportedAlgorithm };

// Verifies `signature` over `signed_data` made with `algorithm` by the key
// `issuer_key`. Does not consult any cache.
SignatureStatus VerifySignedData(const AlgorithmIdentifier& algorithm,
                                 der::Input signed_data, der::Input signature,
                                 const PublicKeyInfo& issuer_key);

// Memo of signature results keyed by (SHA-256 of the issuer's SPKI, SHA-256
// of the signed object). For certificates the object digest is the
// certificate's own SHA-256, which covers the signed bytes, the algorithm
// and the signature, and is computed once at parse time: a lookup hashes
// nothing. Keys are digests, so the cache holds no pointers into
// certificates. Not thread-safe: one per thread or per run.
class SignatureCache {
 public:
  using Digest = std::array<uint8_t, 32>;
  const SignatureStatus* Find(const Digest& issuer_spki, const Digest& object) const;
  void Insert(const Digest& issuer_spki, const Digest& object, SignatureStatus status);
  size_t size() const { return map_.size(); }
  void Clear() { map_.clear(); }

 private:
  struct Key {
    Digest spki;
    Digest object;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  std::unordered_map<Key, SignatureStatus, KeyHash> map_;
};

// The same with the key `issuer` keeps decoded (Certificate::PublicKey):
// what a check costs once the issuer's key has been used before.
SignatureStatus VerifySignedData(const AlgorithmIdentifier& algorithm,
                                 der::Input signed_data, der::Input signature,
                                 const Certificate& issuer);

// `cert`'s signature checked with `issuer`'s key, through `cache` when
// given (which then remembers the result).
SignatureStatus VerifyCertificateSignature(const Certificate& cert, const Certificate& issuer,
                                           SignatureCache* cache);

}  // namespace trustready

#endif  // TRUSTREADY_SIGNATURE_H_
