// Certificate: owned DER + parsed views + derived facts.
#include "trustready/x509/certificate.h"

#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include "trustready/x509/oids.h"

namespace trustready {
namespace {

uint32_t LittleEndian32(const unsigned char* md) {
  return static_cast<uint32_t>(md[0]) | (static_cast<uint32_t>(md[1]) << 8) |
         (static_cast<uint32_t>(md[2]) << 16) | (static_cast<uint32_t>(md[3]) << 24);
}

// OpenSSL's X509_NAME_hash_ex: SHA-1 of the canonical encoding, first four
// octets read little-endian.
uint32_t NameHash(const Name& name) {
  const std::string canon = OpenSslCanonicalName(name);
  unsigned char md[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(canon.data()), canon.size(), md);
  return LittleEndian32(md);
}

}  // namespace

Result<CertificatePtr> Certificate::Parse(std::vector<uint8_t> der) {
  // make_shared cannot reach the private constructor.
  std::shared_ptr<Certificate> cert(new Certificate());
  cert->bytes_ = std::move(der);
  const der::Input input(cert->bytes_.data(), cert->bytes_.size());
  if (auto s = ParseCertificate(input, &cert->parsed_); !s.ok()) return s.error();
  SHA256(input.data(), input.size(), cert->sha256_.data());
  const der::Input spki = cert->parsed_.spki.encoded;
  SHA256(spki.data(), spki.size(), cert->spki_sha256_.data());
  cert->normalized_subject_ = NormalizeName(cert->parsed_.subject);
  cert->normalized_issuer_ = NormalizeName(cert->parsed_.issuer);
  return CertificatePtr(std::move(cert));
}

std::array<uint8_t, 20> Certificate::Sha1() const {
  std::array<uint8_t, 20> out;
  SHA1(parsed_.der.data(), parsed_.der.size(), out.data());
  return out;
}

uint32_t Certificate::SubjectHash() const { return NameHash(parsed_.subject); }
uint32_t Certificate::IssuerHash() const { return NameHash(parsed_.issuer); }

uint32_t Certificate::SubjectHashOld() const {
  // X509_NAME_hash_old: MD5 of the Name's DER, first four octets LE. MD5 is
  // only reachable through EVP in OpenSSL 3 without deprecation warnings.
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const der::Input n = parsed_.subject.encoded;
  EVP_Digest(n.data(), n.size(), md, &len, EVP_md5(), nullptr);
  return LittleEndian32(md);
}

bool Certificate::IsSelfIssued() const { return normalized_subject_ == normalized_issuer_; }

std::string Certificate::DisplayName() const {
  static constexpr uint8_t kO[] = {0x55, 0x04, 0x0a};
  static constexpr uint8_t kOu[] = {0x55, 0x04, 0x0b};
  for (der::Input type : {oid::kCommonName, der::Input(kO), der::Input(kOu)}) {
    std::string v = parsed_.subject.Get(type);
    if (!v.empty()) return v;
  }
  std::string s = parsed_.subject.ToRfc4514();
  return s.empty() ? "(empty subject)" : s;
}

}  // namespace trustready
