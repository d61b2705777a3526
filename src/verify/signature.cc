// Signature checks through OpenSSL EVP (see signature.h for the accepted set).
#include "trustready/verify/signature.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <cstring>
#include <memory>

namespace trustready {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};

// OpenSSL 3 re-fetches the provider implementation of a legacy EVP_MD
// (EVP_sha256() ...) on every EVP_DigestVerifyInit; fetching once per
// process and reusing the fetched object skips that lookup.
const EVP_MD* Fetched(const char* name) {
  return EVP_MD_fetch(nullptr, name, nullptr);
}
const EVP_MD* Sha1Md() { static const EVP_MD* m = Fetched("SHA1"); return m; }
const EVP_MD* Sha224Md() { static const EVP_MD* m = Fetched("SHA224"); return m; }
const EVP_MD* Sha256Md() { static const EVP_MD* m = Fetched("SHA256"); return m; }
const EVP_MD* Sha384Md() { static const EVP_MD* m = Fetched("SHA384"); return m; }
const EVP_MD* Sha512Md() { static const EVP_MD* m = Fetched("SHA512"); return m; }

const EVP_MD* DigestFor(DigestAlgorithm d) {
  switch (d) {
    case DigestAlgorithm::kSha1: return Sha1Md();
    case DigestAlgorithm::kSha224: return Sha224Md();
    case DigestAlgorithm::kSha256: return Sha256Md();
    case DigestAlgorithm::kSha384: return Sha384Md();
    case DigestAlgorithm::kSha512: return Sha512Md();
    default: return nullptr;
  }
}

// What a signature algorithm needs: the digest (null for Ed25519), the key
// type it must be made with, and whether it is PSS.
struct AlgorithmNeeds {
  const EVP_MD* md = nullptr;
  KeyType key = KeyType::kUnknown;
  bool pss = false;
  bool supported = false;
};

AlgorithmNeeds NeedsOf(const AlgorithmIdentifier& alg) {
  AlgorithmNeeds n;
  n.supported = true;
  switch (alg.signature) {
    case SignatureAlgorithm::kRsaPkcs1Sha1: n.md = Sha1Md(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha224: n.md = Sha224Md(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha256: n.md = Sha256Md(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha384: n.md = Sha384Md(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha512: n.md = Sha512Md(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPss:
      // RFC 4055 allows any hash pairing; web clients (Chromium, rustls)
      // accept only SHA-256/384/512 with MGF1 of the same hash.
      if (alg.pss.hash != alg.pss.mgf1_hash ||
          (alg.pss.hash != DigestAlgorithm::kSha256 && alg.pss.hash != DigestAlgorithm::kSha384 &&
           alg.pss.hash != DigestAlgorithm::kSha512)) {
        n.supported = false;
        break;
      }
      n.md = DigestFor(alg.pss.hash);
      n.key = KeyType::kRsa;
      n.pss = true;
      break;
    case SignatureAlgorithm::kEcdsaSha1: n.md = Sha1Md(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha224: n.md = Sha224Md(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha256: n.md = Sha256Md(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha384: n.md = Sha384Md(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha512: n.md = Sha512Md(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEd25519: n.md = nullptr; n.key = KeyType::kEd25519; break;
    // DSA (RFC 3279 2.2.2, RFC 5758 3.1), for RFC 5280 paths such as NIST
    // PKITS 4.1.4-6; the web profile refuses DSA keys (web_profile.cc). A
    // key whose parameters are inherited from its issuer (RFC 3279 2.3.2)
    // does not import and is reported as unsupported.
    case SignatureAlgorithm::kDsaSha1: n.md = Sha1Md(); n.key = KeyType::kDsa; break;
    case SignatureAlgorithm::kDsaSha256: n.md = Sha256Md(); n.key = KeyType::kDsa; break;
    default: n.supported = false; break;
  }
  return n;
}

// A verification context for `pkey` ready for `algorithm` (prehashed
// input): EVP_PKEY_verify_init, the digest, and for PSS the padding, MGF1
// digest and salt length. Null when OpenSSL refuses any of it.
EVP_PKEY_CTX* NewVerifyContext(EVP_PKEY* pkey, const AlgorithmNeeds& needs,
                               const AlgorithmIdentifier& algorithm) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr);
  bool ok = ctx && EVP_PKEY_verify_init(ctx) == 1 && EVP_PKEY_CTX_set_signature_md(ctx, needs.md) == 1;
  if (ok && needs.pss) {
    ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, DigestFor(algorithm.pss.mgf1_hash)) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, algorithm.pss.salt_length) == 1;
  }
  if (!ok) {
    EVP_PKEY_CTX_free(ctx);
    return nullptr;
  }
  return ctx;
}

// What tells two prepared contexts of one key apart: the algorithm and, for
// PSS, its parameters.
uint64_t AlgorithmCode(const AlgorithmIdentifier& algorithm) {
  uint64_t code = static_cast<uint64_t>(algorithm.signature);
  if (algorithm.signature == SignatureAlgorithm::kRsaPss) {
    code |= static_cast<uint64_t>(algorithm.pss.hash) << 8;
    code |= static_cast<uint64_t>(algorithm.pss.mgf1_hash) << 16;
    code |= static_cast<uint64_t>(static_cast<uint32_t>(algorithm.pss.salt_length)) << 24;
  }
  return code;
}

// Whether `issuer_key` can check `algorithm` at all (the accepted set).
bool Acceptable(const AlgorithmNeeds& needs, const PublicKeyInfo& issuer_key) {
  if (!needs.supported || needs.key != issuer_key.type) return false;
  return issuer_key.type != KeyType::kEc || issuer_key.curve == NamedCurve::kP256 ||
         issuer_key.curve == NamedCurve::kP384 || issuer_key.curve == NamedCurve::kP521;
}

// Ed25519 signs the message itself (no prehash): one EVP_DigestVerify.
SignatureStatus VerifyEd25519(der::Input signed_data, der::Input signature, EVP_PKEY* pkey) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey) != 1) {
    return SignatureStatus::kUnsupportedAlgorithm;
  }
  int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), signed_data.data(),
                            signed_data.size());
  return rc == 1 ? SignatureStatus::kValid : SignatureStatus::kInvalid;
}

// The digest of the signed bytes, then the key operation on a context
// ready for the algorithm (`ctx` is used once and freed).
SignatureStatus VerifyPrehashed(const AlgorithmNeeds& needs, der::Input signed_data,
                                der::Input signature, EVP_PKEY_CTX* ctx) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> owned(ctx, EVP_PKEY_CTX_free);
  if (!ctx) return SignatureStatus::kUnsupportedAlgorithm;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(signed_data.data(), signed_data.size(), digest, &digest_len, needs.md, nullptr) != 1) {
    return SignatureStatus::kUnsupportedAlgorithm;
  }
  int rc = EVP_PKEY_verify(ctx, signature.data(), signature.size(), digest, digest_len);
  return rc == 1 ? SignatureStatus::kValid : SignatureStatus::kInvalid;
}

}  // namespace

SignatureStatus VerifySignedData(const AlgorithmIdentifier& algorithm, der::Input signed_data,
                                 der::Input signature, const PublicKeyInfo& issuer_key) {
  AlgorithmNeeds needs = NeedsOf(algorithm);
  if (!Acceptable(needs, issuer_key)) return SignatureStatus::kUnsupportedAlgorithm;
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(ImportPublicKey(issuer_key));
  if (!pkey) return SignatureStatus::kUnsupportedAlgorithm;
  if (issuer_key.type == KeyType::kEd25519) return VerifyEd25519(signed_data, signature, pkey.get());
  return VerifyPrehashed(needs, signed_data, signature, NewVerifyContext(pkey.get(), needs, algorithm));
}

SignatureStatus VerifySignedData(const AlgorithmIdentifier& algorithm, der::Input signed_data,
                                 der::Input signature, const Certificate& issuer) {
  AlgorithmNeeds needs = NeedsOf(algorithm);
  if (!Acceptable(needs, issuer->spki)) return SignatureStatus::kUnsupportedAlgorithm;
  EVP_PKEY* pkey = issuer.PublicKey();
  if (!pkey) return SignatureStatus::kUnsupportedAlgorithm;
  if (issuer->spki.type == KeyType::kEd25519) return VerifyEd25519(signed_data, signature, pkey);
  // The issuer keeps one ready context per algorithm; each check works on
  // a duplicate (contexts carry per-operation state).
  const uint64_t code = AlgorithmCode(algorithm);
  const EVP_PKEY_CTX* ready = issuer.FindVerifyContext(code);
  if (!ready) {
    EVP_PKEY_CTX* made = NewVerifyContext(pkey, needs, algorithm);
    if (!made) return SignatureStatus::kUnsupportedAlgorithm;
    ready = issuer.KeepVerifyContext(code, made);
    // Not kept (the certificate keeps enough already): used once, freed.
    if (!ready) return VerifyPrehashed(needs, signed_data, signature, made);
  }
  return VerifyPrehashed(needs, signed_data, signature, EVP_PKEY_CTX_dup(ready));
}

size_t SignatureCache::KeyHash::operator()(const Key& k) const {
  size_t a, b;
  std::memcpy(&a, k.spki.data(), sizeof(a));
  std::memcpy(&b, k.object.data(), sizeof(b));
  return a ^ (b * 0x9e3779b97f4a7c15ull);
}

const SignatureStatus* SignatureCache::Find(const Digest& issuer_spki, const Digest& object) const {
  auto it = map_.find(Key{issuer_spki, object});
  return it == map_.end() ? nullptr : &it->second;
}

void SignatureCache::Insert(const Digest& issuer_spki, const Digest& object,
                            SignatureStatus status) {
  map_[Key{issuer_spki, object}] = status;
}

SignatureStatus VerifyCertificateSignature(const Certificate& cert, const Certificate& issuer,
                                           SignatureCache* cache) {
  if (cache) {
    if (const SignatureStatus* s = cache->Find(issuer.spki_sha256(), cert.sha256())) return *s;
  }
  SignatureStatus status =
      VerifySignedData(cert->signature_algorithm, cert->tbs, cert->signature, issuer);
  if (cache) cache->Insert(issuer.spki_sha256(), cert.sha256(), status);
  return status;
}

}  // namespace trustready
