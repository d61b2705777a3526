// See include/trustready/pki/test_chain.h. OpenSSL makes the keys and the
// signatures; this file decides the fields.
#include "trustready/pki/test_chain.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <vector>

#include "pki/openssl_handles.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

using pki_internal::PkeyPtr;
using pki_internal::SslError;
using pki_internal::X509Ptr;

struct Made {
  X509Ptr x;
  PkeyPtr key;
};

// One certificate: `issuer` null makes it self-signed.
Result<Made> Make(const std::string& o, const std::string& cn, bool ca, UnixTime nb, UnixTime na, const std::string& eku,
                  const std::string& san, long serial, const Made* issuer) {
  Made m;
  m.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!m.key) return SslError("EC key generation");
  m.x.reset(X509_new());
  if (!m.x || X509_set_version(m.x.get(), X509_VERSION_3) != 1) return SslError("X509_new");
  ASN1_INTEGER_set(X509_get_serialNumber(m.x.get()), serial);
  if (ASN1_TIME_set(X509_getm_notBefore(m.x.get()), static_cast<time_t>(nb)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(m.x.get()), static_cast<time_t>(na)) == nullptr) {
    return SslError("validity");
  }
  X509_NAME* name = X509_NAME_new();
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(o.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_subject_name(m.x.get(), name);
  X509_NAME_free(name);
  X509* signer_cert = issuer ? issuer->x.get() : m.x.get();
  X509_set_issuer_name(m.x.get(), X509_get_subject_name(signer_cert));
  if (X509_set_pubkey(m.x.get(), m.key.get()) != 1) return SslError("public key");
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, signer_cert, m.x.get(), nullptr, nullptr, 0);
  std::vector<std::pair<const char*, std::string>> ext;
  ext.emplace_back("basicConstraints", ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  ext.emplace_back("keyUsage", ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  if (!eku.empty()) ext.emplace_back("extendedKeyUsage", eku);
  if (!san.empty()) ext.emplace_back("subjectAltName", san);
  ext.emplace_back("subjectKeyIdentifier", "hash");
  if (issuer) ext.emplace_back("authorityKeyIdentifier", "keyid:always");
  for (const auto& [n, v] : ext) {
    X509_EXTENSION* e = X509V3_EXT_conf(nullptr, &ctx, n, v.c_str());
    if (e == nullptr) return SslError(std::string(n) + "=" + v);
    const int ok = X509_add_ext(m.x.get(), e, -1);
    X509_EXTENSION_free(e);
    if (ok != 1) return SslError(std::string("adding ") + n);
  }
  if (X509_sign(m.x.get(), issuer ? issuer->key.get() : m.key.get(), EVP_sha256()) <= 0) return SslError("signing");
  return m;
}

Result<CertificatePtr> Parsed(X509* x) {
  unsigned char* der = nullptr;
  const int n = i2d_X509(x, &der);
  if (n <= 0) return SslError("i2d_X509");
  std::vector<uint8_t> bytes(der, der + n);
  OPENSSL_free(der);
  return Certificate::Parse(std::move(bytes));
}

}  // namespace

Result<TestChain> MakeTestChain(const TestChainSpec& s) {
  auto root = Make(s.name, s.name + " Root", true, s.ca_not_before, s.ca_not_after, s.root_eku, "", 1, nullptr);
  if (!root.ok()) return root.error();
  auto ca = Make(s.name, s.name + " Issuing CA", true, s.ca_not_before, s.ca_not_after, s.ca_eku, "", 2, &*root);
  if (!ca.ok()) return ca.error();
  auto leaf = Make(s.name, s.host, false, s.leaf_not_before, s.leaf_not_after, s.leaf_eku, "DNS:" + s.host, 3, &*ca);
  if (!leaf.ok()) return leaf.error();
  TestChain out;
  for (auto [x, dst] : {std::pair{root->x.get(), &out.root}, {ca->x.get(), &out.ca}, {leaf->x.get(), &out.leaf}}) {
    auto c = Parsed(x);
    if (!c.ok()) return c.error();
    *dst = *c;
  }
  out.chain_pem = EncodePem("CERTIFICATE", out.leaf->der()) + EncodePem("CERTIFICATE", out.ca->der());
  out.root_pem = EncodePem("CERTIFICATE", out.root->der());
  return out;
}

}  // namespace trustready
