// X.509 v1/v3 certificates (RFC 5280 section 4), parsed strictly and without
// copying.
//
// A Certificate owns its DER exactly once; every der::Input inside it (names,
// key, extensions) points into those bytes and lives as long as the
// Certificate. Certificates are immutable and shared as CertificatePtr. The
// parsed fields and ParseCertificate are in parse_certificate.h.
#ifndef TRUSTREADY_CERTIFICATE_H_
#define TRUSTREADY_CERTIFICATE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <openssl/types.h>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/x509/parse_certificate.h"
#include "trustready/x509/public_key.h"

namespace trustready {

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

}  // namespace trustready

#endif  // TRUSTREADY_CERTIFICATE_H_
