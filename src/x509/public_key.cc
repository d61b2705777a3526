// Subject public keys (public_key.h): their names, and their import into
// OpenSSL, shared by every signature check: Certificate::PublicKey() keeps
// the result, as OpenSSL's X509 keeps its decoded key.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "trustready/x509/certificate.h"
#include "trustready/x509/public_key.h"

namespace trustready {
namespace {

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
}  // namespace

EVP_PKEY* ImportPublicKey(const PublicKeyInfo& key) {
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

EVP_PKEY* Certificate::PublicKey() const {
  std::call_once(key_once_, [this] { key_ = ImportPublicKey(parsed_.spki); });
  return key_;
}

const EVP_PKEY_CTX* Certificate::FindVerifyContext(uint64_t algorithm) const {
  std::lock_guard<std::mutex> lock(verify_ctx_mu_);
  for (const auto& [code, ctx] : verify_ctxs_) {
    if (code == algorithm) return ctx;
  }
  return nullptr;
}

const EVP_PKEY_CTX* Certificate::KeepVerifyContext(uint64_t algorithm, EVP_PKEY_CTX* ctx) const {
  std::lock_guard<std::mutex> lock(verify_ctx_mu_);
  for (const auto& [code, kept] : verify_ctxs_) {
    if (code == algorithm) {
      EVP_PKEY_CTX_free(ctx);
      return kept;
    }
  }
  // A certificate's key signs with one or two algorithms in practice; a
  // hostile stream of PSS parameter variants is not kept beyond a few.
  if (verify_ctxs_.size() >= kMaxVerifyContexts) return nullptr;
  verify_ctxs_.emplace_back(algorithm, ctx);
  return ctx;
}

Certificate::~Certificate() {
  for (const auto& [code, ctx] : verify_ctxs_) EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(key_);
}

std::string_view SignatureAlgorithmName(SignatureAlgorithm alg) {
  switch (alg) {
    case SignatureAlgorithm::kUnknown: return "unknown";
    case SignatureAlgorithm::kRsaPkcs1Md2: return "md2WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Md5: return "md5WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Sha1: return "sha1WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Sha224: return "sha224WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Sha256: return "sha256WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Sha384: return "sha384WithRSAEncryption";
    case SignatureAlgorithm::kRsaPkcs1Sha512: return "sha512WithRSAEncryption";
    case SignatureAlgorithm::kRsaPss: return "rsassaPss";
    case SignatureAlgorithm::kEcdsaSha1: return "ecdsa-with-SHA1";
    case SignatureAlgorithm::kEcdsaSha224: return "ecdsa-with-SHA224";
    case SignatureAlgorithm::kEcdsaSha256: return "ecdsa-with-SHA256";
    case SignatureAlgorithm::kEcdsaSha384: return "ecdsa-with-SHA384";
    case SignatureAlgorithm::kEcdsaSha512: return "ecdsa-with-SHA512";
    case SignatureAlgorithm::kEd25519: return "ED25519";
    case SignatureAlgorithm::kEd448: return "ED448";
    case SignatureAlgorithm::kDsaSha1: return "dsaWithSHA1";
    case SignatureAlgorithm::kDsaSha256: return "dsa_with_SHA256";
  }
  return "unknown";
}

std::string DescribeKey(const PublicKeyInfo& key) {
  switch (key.type) {
    case KeyType::kRsa: return "RSA " + std::to_string(key.bits);
    case KeyType::kDsa: return "DSA " + std::to_string(key.bits);
    case KeyType::kEd25519: return "Ed25519";
    case KeyType::kEd448: return "Ed448";
    case KeyType::kEc:
      switch (key.curve) {
        case NamedCurve::kP256: return "ECC P-256";
        case NamedCurve::kP384: return "ECC P-384";
        case NamedCurve::kP521: return "ECC P-521";
        case NamedCurve::kSecp256k1: return "ECC secp256k1";
        case NamedCurve::kUnknown: break;
      }
      return "ECC (unknown curve)";
    case KeyType::kUnknown: break;
  }
  return "unknown (" + der::OidToString(key.algorithm.oid) + ")";
}

}  // namespace trustready
