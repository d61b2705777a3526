// Signature checks through OpenSSL EVP (see signature.h for the accepted set).
#include "trustready/signature.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

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

const EVP_MD* DigestFor(DigestAlgorithm d) {
  switch (d) {
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha224: return EVP_sha224();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha384: return EVP_sha384();
    case DigestAlgorithm::kSha512: return EVP_sha512();
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
    case SignatureAlgorithm::kRsaPkcs1Sha1: n.md = EVP_sha1(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha224: n.md = EVP_sha224(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha256: n.md = EVP_sha256(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha384: n.md = EVP_sha384(); n.key = KeyType::kRsa; break;
    case SignatureAlgorithm::kRsaPkcs1Sha512: n.md = EVP_sha512(); n.key = KeyType::kRsa; break;
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
    case SignatureAlgorithm::kEcdsaSha1: n.md = EVP_sha1(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha224: n.md = EVP_sha224(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha256: n.md = EVP_sha256(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha384: n.md = EVP_sha384(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEcdsaSha512: n.md = EVP_sha512(); n.key = KeyType::kEc; break;
    case SignatureAlgorithm::kEd25519: n.md = nullptr; n.key = KeyType::kEd25519; break;
    default: n.supported = false; break;
  }
  return n;
}

// rsaEncryption (PKCS #1): keys under id-RSASSA-PSS carry parameters that
// restrict them and go through the decoder instead.
constexpr uint8_t kRsaEncryptionOid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};

// Builds the EVP_PKEY from the already parsed key fields through the key
// management import (EVP_PKEY_fromdata). d2i_PUBKEY would re-parse the
// SPKI through OpenSSL 3's decoder framework, which costs several times a
// whole RSA-2048 verification (measured by bench/verify_bench.cc).
EVP_PKEY* MakeKey(const PublicKeyInfo& key) {
  if (key.type == KeyType::kEd25519) {
    return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.key.data(), key.key.size());
  }
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  std::unique_ptr<BIGNUM, BnFree> n, e;
  const char* type = nullptr;
  if (key.type == KeyType::kRsa && !key.rsa_modulus.empty() && !key.rsa_exponent.empty() &&
      key.algorithm.oid == der::Input(kRsaEncryptionOid)) {
    type = "RSA";
    n.reset(BN_bin2bn(key.rsa_modulus.data(), static_cast<int>(key.rsa_modulus.size()), nullptr));
    e.reset(BN_bin2bn(key.rsa_exponent.data(), static_cast<int>(key.rsa_exponent.size()), nullptr));
    if (!bld || !n || !e || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get())) {
      return nullptr;
    }
  } else if (key.type == KeyType::kEc) {
    type = "EC";
    const char* group = key.curve == NamedCurve::kP256   ? "P-256"
                        : key.curve == NamedCurve::kP384 ? "P-384"
                        : key.curve == NamedCurve::kP521 ? "P-521"
                                                         : nullptr;
    if (!bld || !group ||
        !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, key.key.data(),
                                          key.key.size())) {
      return nullptr;
    }
  } else {
    // Anything else (RSASSA-PSS-restricted keys...) through the decoder.
    const unsigned char* p = key.encoded.data();
    return d2i_PUBKEY(nullptr, &p, static_cast<long>(key.encoded.size()));
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return pkey;
}

}  // namespace

SignatureStatus VerifySignedData(const AlgorithmIdentifier& algorithm, der::Input signed_data,
                                 der::Input signature, const PublicKeyInfo& issuer_key) {
  AlgorithmNeeds needs = NeedsOf(algorithm);
  if (!needs.supported || needs.key != issuer_key.type) {
    return SignatureStatus::kUnsupportedAlgorithm;
  }
  if (issuer_key.type == KeyType::kEc && issuer_key.curve != NamedCurve::kP256 &&
      issuer_key.curve != NamedCurve::kP384 && issuer_key.curve != NamedCurve::kP521) {
    return SignatureStatus::kUnsupportedAlgorithm;
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(MakeKey(issuer_key));
  if (!pkey) return SignatureStatus::kUnsupportedAlgorithm;

  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, needs.md, nullptr, pkey.get()) != 1) {
    return SignatureStatus::kUnsupportedAlgorithm;
  }
  if (needs.pss) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, DigestFor(algorithm.pss.mgf1_hash)) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, algorithm.pss.salt_length) != 1) {
      return SignatureStatus::kUnsupportedAlgorithm;
    }
  }
  int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), signed_data.data(),
                            signed_data.size());
  return rc == 1 ? SignatureStatus::kValid : SignatureStatus::kInvalid;
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
  SignatureStatus status = VerifySignedData(cert->signature_algorithm, cert->tbs, cert->signature,
                                            issuer->spki);
  if (cache) cache->Insert(issuer.spki_sha256(), cert.sha256(), status);
  return status;
}

}  // namespace trustready
