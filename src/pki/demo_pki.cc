// The demo PKI: what goes into each certificate (RFC 5280 4.1 fields and
// 4.2 extensions) and CRL (RFC 5280 5). Key generation and signatures are
// OpenSSL's (EVP_PKEY_Q_keygen, X509_sign, X509_CRL_sign); the extension
// values are given to OpenSSL's X509V3 configuration syntax.
#include "trustready/pki/demo_pki.h"
#include "trustready/base/strings.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "pki/openssl_handles.h"
#include "trustready/x509/pem.h"

namespace trustready {

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kYear = 365 * kDay;
constexpr const char* kOrganization = "TrustReady Demo";
constexpr const char* kManifest = "manifest.json";
constexpr const char* kCrlBundle = "crl/all.crl.pem";
constexpr const char* kFormat = "trustready-demo-pki";
constexpr int kFormatVersion = 1;

using pki_internal::PkeyPtr;
using pki_internal::X509Ptr;
struct CrlFree {
  void operator()(X509_CRL* c) const { X509_CRL_free(c); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using CrlPtr = std::unique_ptr<X509_CRL, CrlFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

Error OpenSslError(const std::string& what) {
  unsigned long last = 0;
  while (unsigned long e = ERR_get_error()) last = e;
  std::string reason = last != 0 && ERR_reason_error_string(last) != nullptr
                           ? ERR_reason_error_string(last)
                           : "unknown error";
  return MakeError(ErrorKind::kUnsupported, "OpenSSL: " + what + ": " + reason);
}

enum class KeyKind { kRsa1024, kRsa2048, kRsa4096, kP256, kP384 };

struct CertSpec {
  std::string id;
  std::string role;
  std::string test_case = "valid";
  std::string hierarchy;
  std::string common_name;
  std::string key_owner;   // whose key the certificate certifies (id)
  std::string issuer_id;   // who signs (id); == id for self-signed
  KeyKind key = KeyKind::kP256;
  bool ca = false;
  int path_len = -1;       // -1: no pathLenConstraint
  int64_t not_before_offset = -kDay;  // relative to now
  int64_t not_after_offset = 180 * kDay;
  bool sha1 = false;       // sign with SHA-1 (the weak-algorithm case)
  std::vector<std::string> dns;
  std::vector<std::string> ips;
};

// The shape of the migration. Issuers come before what they issue.
std::vector<CertSpec> Plan(const std::string& domain) {
  std::vector<CertSpec> p;
  auto root = [&](std::string id, std::string role, std::string hierarchy, std::string cn,
                  KeyKind key, int64_t nb, int64_t na) {
    CertSpec s;
    s.id = id;
    s.role = std::move(role);
    s.hierarchy = std::move(hierarchy);
    s.common_name = std::move(cn);
    s.key_owner = id;
    s.issuer_id = id;
    s.key = key;
    s.ca = true;
    s.not_before_offset = nb;
    s.not_after_offset = na;
    p.push_back(std::move(s));
  };
  // The legacy root is the old one every deployed client already trusts
  // (the part Starfield Services Root CA - G2 plays for Amazon).
  root("legacy-root", "legacy-root", "legacy", "TrustReady Demo Legacy Root CA - G2",
       KeyKind::kRsa2048, -2 * kYear, 18 * kYear);
  root("new-root-rsa2048", "new-root", "rsa2048", "TrustReady Demo Root CA 1", KeyKind::kRsa2048,
       -kDay, 20 * kYear);
  root("new-root-rsa4096", "new-root", "rsa4096", "TrustReady Demo Root CA 2", KeyKind::kRsa4096,
       -kDay, 20 * kYear);
  root("new-root-ec256", "new-root", "ec256", "TrustReady Demo Root CA 3", KeyKind::kP256, -kDay,
       20 * kYear);
  root("new-root-ec384", "new-root", "ec384", "TrustReady Demo Root CA 4", KeyKind::kP384, -kDay,
       20 * kYear);
  root("untrusted-root", "untrusted-root", "untrusted", "TrustReady Demo Untrusted Root CA",
       KeyKind::kRsa2048, -kDay, 20 * kYear);
  p.back().test_case = "untrusted";
  // A private root that expired a month ago, for the clients that do not
  // check an anchor's validity (Java: a trust anchor is a name and a key;
  // GnuTLS, Chromium) against those that do (OpenSSL).
  root("expired-root", "private-root", "expired-root", "TrustReady Demo Expired Root CA", KeyKind::kRsa2048,
       -3 * kYear, -30 * kDay);
  p.back().test_case = "expired";

  // Cross-certificates: the new roots' names and keys, issued by the legacy
  // root, so that clients with only the legacy root reach the new ones.
  for (const std::string h : {"rsa2048", "rsa4096", "ec256", "ec384"}) {
    CertSpec s;
    s.id = "cross-" + h;
    s.role = "cross-certificate";
    s.hierarchy = h;
    s.key_owner = "new-root-" + h;
    s.issuer_id = "legacy-root";
    s.ca = true;
    s.not_after_offset = 15 * kYear;
    p.push_back(std::move(s));
  }

  auto ica = [&](std::string id, std::string hierarchy, std::string cn, KeyKind key,
                 std::string issuer) {
    CertSpec s;
    s.id = std::move(id);
    s.role = "issuing-ca";
    s.hierarchy = std::move(hierarchy);
    s.common_name = std::move(cn);
    s.key_owner = s.id;
    s.issuer_id = std::move(issuer);
    s.key = key;
    s.ca = true;
    s.path_len = 0;
    s.not_after_offset = 8 * kYear;
    p.push_back(std::move(s));
  };
  ica("ica-rsa2048", "rsa2048", "TrustReady Demo Server CA 1A", KeyKind::kRsa2048,
      "new-root-rsa2048");
  ica("ica-rsa4096", "rsa4096", "TrustReady Demo Server CA 2A", KeyKind::kRsa2048,
      "new-root-rsa4096");
  ica("ica-ec256", "ec256", "TrustReady Demo Server CA 3A", KeyKind::kP256, "new-root-ec256");
  ica("ica-ec384", "ec384", "TrustReady Demo Server CA 4A", KeyKind::kP384, "new-root-ec384");
  ica("ica-legacy", "legacy", "TrustReady Demo Legacy Server CA", KeyKind::kRsa2048,
      "legacy-root");
  ica("ica-untrusted", "untrusted", "TrustReady Demo Untrusted Server CA", KeyKind::kRsa2048,
      "untrusted-root");
  p.back().test_case = "untrusted";
  ica("ica-sha1", "rsa2048", "TrustReady Demo SHA-1 Server CA", KeyKind::kRsa2048,
      "new-root-rsa2048");
  p.back().sha1 = true;
  p.back().test_case = "weak-signature";
  // RSA-1024: OpenSSL at security level 2 refuses it; Java (keySize <
  // 1024) and GnuTLS accept it.
  ica("ica-rsa1024", "rsa2048", "TrustReady Demo RSA-1024 Server CA", KeyKind::kRsa1024, "new-root-rsa2048");
  p.back().test_case = "weak-key";
  ica("ica-expired-root", "expired-root", "TrustReady Demo Server CA under an expired root", KeyKind::kRsa2048,
      "expired-root");

  const std::vector<std::string> good_dns = {"localhost", "*." + domain};
  const std::vector<std::string> good_ips = {"127.0.0.1", "::1"};
  auto leaf = [&](std::string id, std::string hierarchy, std::string issuer,
                  std::string test_case) {
    CertSpec s;
    s.id = std::move(id);
    s.role = "leaf";
    s.test_case = std::move(test_case);
    s.hierarchy = std::move(hierarchy);
    s.common_name = "localhost";
    s.key_owner = s.id;
    s.issuer_id = std::move(issuer);
    s.dns = good_dns;
    s.ips = good_ips;
    p.push_back(std::move(s));
  };
  leaf("leaf-rsa2048", "rsa2048", "ica-rsa2048", "valid");
  leaf("leaf-rsa4096", "rsa4096", "ica-rsa4096", "valid");
  leaf("leaf-ec256", "ec256", "ica-ec256", "valid");
  leaf("leaf-ec384", "ec384", "ica-ec384", "valid");
  leaf("leaf-legacy", "legacy", "ica-legacy", "valid");
  leaf("leaf-expired", "rsa2048", "ica-rsa2048", "expired");
  p.back().not_before_offset = -120 * kDay;
  p.back().not_after_offset = -30 * kDay;
  leaf("leaf-not-yet-valid", "rsa2048", "ica-rsa2048", "not-yet-valid");
  p.back().not_before_offset = 30 * kDay;
  p.back().not_after_offset = 210 * kDay;
  leaf("leaf-wrong-host", "rsa2048", "ica-rsa2048", "wrong-host");
  p.back().common_name = "wrong-host.invalid";
  p.back().dns = {"wrong-host.invalid"};
  p.back().ips.clear();
  leaf("leaf-revoked", "rsa2048", "ica-rsa2048", "revoked");
  leaf("leaf-untrusted", "untrusted", "ica-untrusted", "untrusted");
  leaf("leaf-sha1", "rsa2048", "ica-sha1", "weak-signature");
  leaf("leaf-rsa1024-ica", "rsa2048", "ica-rsa1024", "weak-key");
  leaf("leaf-expired-root", "expired-root", "ica-expired-root", "expired-root");
  return p;
}

Result<PkeyPtr> GenerateKey(KeyKind kind) {
  EVP_PKEY* k = nullptr;
  switch (kind) {
    case KeyKind::kRsa2048:
      k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
      break;
    case KeyKind::kRsa1024:
      k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
      break;
    case KeyKind::kRsa4096:
      k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(4096));
      break;
    case KeyKind::kP256:
      k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case KeyKind::kP384:
      k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
      break;
  }
  if (k == nullptr) return OpenSslError("key generation");
  return PkeyPtr(k);
}

// The digest to sign with: SHA-384 for P-384 issuers (RFC 5480 4 pairs curve
// and hash strength), SHA-256 otherwise, SHA-1 for the weak case.
const EVP_MD* SigningDigest(EVP_PKEY* issuer_key, bool sha1) {
  if (sha1) return EVP_sha1();
  if (EVP_PKEY_get_base_id(issuer_key) == EVP_PKEY_EC && EVP_PKEY_get_bits(issuer_key) >= 384) {
    return EVP_sha384();
  }
  return EVP_sha256();
}

std::string PemOf(X509* x) {
  BioPtr b(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(b.get(), x);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}
std::string DerOf(X509* x) {
  unsigned char* der = nullptr;
  int n = i2d_X509(x, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n > 0 ? n : 0));
  OPENSSL_free(der);
  return out;
}
std::string KeyPemOf(EVP_PKEY* k) {
  BioPtr b(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(b.get(), k, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string NameString(const X509_NAME* name) {
  BioPtr b(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(b.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string SerialHex(const X509* x) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string out = AsciiLower(hex);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

std::string Sha256Hex(const X509* x) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(x, EVP_sha256(), md, &len);
  return der::Hex(der::Input(md, len));
}

std::string KeyTypeOf(EVP_PKEY* k) {
  if (EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA) return "RSA " + std::to_string(EVP_PKEY_get_bits(k));
  char curve[64] = {0};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(k, "group", curve, sizeof curve, &len) == 1) {
    std::string c = curve;
    if (c == "prime256v1") c = "P-256";
    if (c == "secp384r1") c = "P-384";
    return "ECDSA " + c;
  }
  return "unknown";
}

Status AddExt(X509* x, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  if (e == nullptr) return OpenSslError(std::string(OBJ_nid2sn(nid)) + "=" + value);
  int ok = X509_add_ext(x, e, -1);
  X509_EXTENSION_free(e);
  if (ok != 1) return OpenSslError("adding extension");
  return {};
}

Status SetRandomSerial(X509* x) {
  // 16 random octets, top bit clear so the INTEGER is positive, non-zero
  // first octet so it stays 16 octets (CA/B Forum asks for >= 64 bits).
  unsigned char buf[16];
  if (RAND_bytes(buf, sizeof buf) != 1) return OpenSslError("random serial");
  buf[0] = static_cast<unsigned char>((buf[0] & 0x7f) | 0x01);
  BIGNUM* bn = BN_bin2bn(buf, sizeof buf, nullptr);
  ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
  BN_free(bn);
  if (serial == nullptr) return OpenSslError("serial");
  return {};
}

struct Built {
  X509Ptr cert;
  CertSpec spec;
};

std::string CaIssuersUrl(const std::string& base, const std::string& id) {
  return base + "certs/" + id + ".cer";
}
std::string CrlUrl(const std::string& base, const std::string& id) {
  return base + "crl/" + id + ".crl";
}

Result<X509Ptr> BuildCertificate(const CertSpec& s, const std::string& base_url,
                                 UnixTime now, const std::map<std::string, PkeyPtr>& keys,
                                 const std::map<std::string, Built>& built) {
  EVP_PKEY* subject_key = keys.at(s.key_owner).get();
  const bool self_signed = s.issuer_id == s.id;
  // Cross-certificates have their own issuer key (the legacy root's).
  EVP_PKEY* issuer_key = self_signed ? subject_key : keys.at(built.at(s.issuer_id).spec.key_owner).get();
  X509* issuer_cert = self_signed ? nullptr : built.at(s.issuer_id).cert.get();

  X509Ptr x(X509_new());
  if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1) return OpenSslError("X509_new");
  if (auto st = SetRandomSerial(x.get()); !st.ok()) return st.error();
  if (ASN1_TIME_set(X509_getm_notBefore(x.get()), static_cast<time_t>(now + s.not_before_offset)) ==
          nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(x.get()), static_cast<time_t>(now + s.not_after_offset)) ==
          nullptr) {
    return OpenSslError("validity");
  }
  if (s.role == "cross-certificate") {
    // Same subject as the root it cross-certifies (RFC 5280 3.2 / 6.1).
    X509_set_subject_name(x.get(), X509_get_subject_name(built.at(s.key_owner).cert.get()));
  } else {
    X509_NAME* name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("US"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(kOrganization), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(s.common_name.c_str()), -1,
                               -1, 0);
    X509_set_subject_name(x.get(), name);
    X509_NAME_free(name);
  }
  X509_set_issuer_name(x.get(), self_signed ? X509_get_subject_name(x.get())
                                            : X509_get_subject_name(issuer_cert));
  if (X509_set_pubkey(x.get(), subject_key) != 1) return OpenSslError("public key");

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, self_signed ? x.get() : issuer_cert, x.get(), nullptr, nullptr, 0);
  std::vector<std::pair<int, std::string>> ext;
  if (s.ca) {
    ext.emplace_back(NID_basic_constraints,
                     s.path_len >= 0 ? "critical,CA:TRUE,pathlen:" + std::to_string(s.path_len)
                                     : "critical,CA:TRUE");
    ext.emplace_back(NID_key_usage, s.role == "issuing-ca"
                                        ? "critical,digitalSignature,keyCertSign,cRLSign"
                                        : "critical,keyCertSign,cRLSign");
    if (s.role == "issuing-ca") ext.emplace_back(NID_ext_key_usage, "serverAuth,clientAuth");
  } else {
    ext.emplace_back(NID_basic_constraints, "critical,CA:FALSE");
    ext.emplace_back(NID_key_usage, EVP_PKEY_get_base_id(subject_key) == EVP_PKEY_RSA
                                        ? "critical,digitalSignature,keyEncipherment"
                                        : "critical,digitalSignature");
    ext.emplace_back(NID_ext_key_usage, "serverAuth");
    std::string san;
    for (const auto& d : s.dns) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
    for (const auto& ip : s.ips) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
    ext.emplace_back(NID_subject_alt_name, san);
  }
  ext.emplace_back(NID_subject_key_identifier, "hash");
  if (!self_signed) {
    ext.emplace_back(NID_authority_key_identifier, "keyid:always");
    // RFC 5280 4.2.2.1 / 4.2.1.13: where to fetch the issuer and its CRL.
    ext.emplace_back(NID_info_access, "caIssuers;URI:" + CaIssuersUrl(base_url, s.issuer_id));
    ext.emplace_back(NID_crl_distribution_points, "URI:" + CrlUrl(base_url, s.issuer_id));
  }
  for (const auto& [nid, value] : ext) {
    if (auto st = AddExt(x.get(), &ctx, nid, value); !st.ok()) return st.error();
  }
  if (X509_sign(x.get(), issuer_key, SigningDigest(issuer_key, s.sha1)) <= 0) {
    return OpenSslError("signing " + s.id);
  }
  return x;
}

Result<CrlPtr> BuildCrl(X509* ca, EVP_PKEY* key, UnixTime now,
                        const std::vector<const X509*>& revoked) {
  CrlPtr crl(X509_CRL_new());
  if (!crl) return OpenSslError("X509_CRL_new");
  X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca));
  ASN1_TIME* last = ASN1_TIME_set(nullptr, static_cast<time_t>(now - 3600));
  ASN1_TIME* next = ASN1_TIME_set(nullptr, static_cast<time_t>(now + 30 * kDay));
  X509_CRL_set1_lastUpdate(crl.get(), last);
  X509_CRL_set1_nextUpdate(crl.get(), next);
  for (const X509* x : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    X509_REVOKED_set_serialNumber(r, const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(x)));
    X509_REVOKED_set_revocationDate(r, last);
    // reasonCode keyCompromise (RFC 5280 5.3.1).
    ASN1_ENUMERATED* reason = ASN1_ENUMERATED_new();
    ASN1_ENUMERATED_set(reason, 1);
    X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, reason, 0, 0);
    ASN1_ENUMERATED_free(reason);
    X509_CRL_add0_revoked(crl.get(), r);
  }
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  X509_CRL_sort(crl.get());
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ca, nullptr, nullptr, crl.get(), 0);
  X509_EXTENSION* aki = X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always");
  if (aki == nullptr) return OpenSslError("CRL authorityKeyIdentifier");
  X509_CRL_add_ext(crl.get(), aki, -1);
  X509_EXTENSION_free(aki);
  ASN1_INTEGER* number = ASN1_INTEGER_new();
  ASN1_INTEGER_set(number, 1);
  X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number, 0, 0);
  ASN1_INTEGER_free(number);
  if (X509_CRL_sign(crl.get(), key, SigningDigest(key, false)) <= 0) return OpenSslError("CRL signing");
  return crl;
}

std::string CrlDer(X509_CRL* crl) {
  unsigned char* der = nullptr;
  int n = i2d_X509_CRL(crl, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n > 0 ? n : 0));
  OPENSSL_free(der);
  return out;
}
std::string CrlPem(X509_CRL* crl) {
  BioPtr b(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(b.get(), crl);
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string NormalizeBaseUrl(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

// Whether a reused PKI still means what its test cases say at `now`.
bool StillMeaningful(const DemoPki& pki, UnixTime now) {
  for (const auto& e : pki.entries) {
    auto nb = ParseRfc3339(e.not_before);
    auto na = ParseRfc3339(e.not_after);
    if (!nb.ok() || !na.ok()) return false;
    if (e.test_case == "not-yet-valid") {
      if (*nb <= now + kDay) return false;
    } else if (e.test_case != "expired") {
      if (*nb > now || *na <= now + 7 * kDay) return false;
    }
  }
  return true;
}

}  // namespace

const DemoPkiEntry* DemoPki::Find(const std::string& id) const {
  for (const auto& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}
std::string DemoPki::CertPath(const std::string& id) const {
  const DemoPkiEntry* e = Find(id);
  return e == nullptr ? "" : dir + "/" + e->file;
}
std::string DemoPki::KeyPath(const std::string& id) const {
  const DemoPkiEntry* e = Find(id);
  return e == nullptr ? "" : dir + "/" + e->key_file;
}
std::vector<std::string> DemoPki::ChainIds(const std::string& leaf_id) const {
  std::vector<std::string> out;
  const DemoPkiEntry* e = Find(leaf_id);
  while (e != nullptr && out.size() < 8) {
    if (e->issuer_id == e->id) break;  // the root is not sent
    out.push_back(e->id);
    e = Find(e->issuer_id);
  }
  return out;
}

std::string DemoPkiManifestJson(const DemoPki& pki) {
  nlohmann::json j;
  j["format"] = kFormat;
  j["version"] = kFormatVersion;
  j["base_url"] = pki.base_url;
  j["domain"] = pki.domain;
  auto& certs = j["certificates"] = nlohmann::json::array();
  for (const auto& e : pki.entries) {
    certs.push_back({{"id", e.id},
                     {"role", e.role},
                     {"case", e.test_case},
                     {"hierarchy", e.hierarchy},
                     {"file", e.file},
                     {"der_file", e.der_file},
                     {"key_file", e.key_file},
                     {"issuer_id", e.issuer_id},
                     {"issuer_file", pki.Find(e.issuer_id) ? pki.Find(e.issuer_id)->file : ""},
                     {"subject", e.subject},
                     {"issuer", e.issuer},
                     {"serial", e.serial},
                     {"sha256", e.sha256},
                     {"key_type", e.key_type},
                     {"signature_algorithm", e.signature_algorithm},
                     {"not_before", e.not_before},
                     {"not_after", e.not_after},
                     {"dns_names", e.dns_names},
                     {"ip_addresses", e.ip_addresses}});
  }
  auto& crls = j["crls"] = nlohmann::json::array();
  for (const auto& c : pki.crls) {
    crls.push_back({{"issuer_id", c.issuer_id},
                    {"file", c.file},
                    {"pem_file", c.pem_file},
                    {"revoked_serials", c.revoked_serials}});
  }
  return j.dump(2) + "\n";
}

Result<DemoPki> LoadDemoPki(const std::string& dir) {
  const std::string path = dir + "/" + kManifest;
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorKind::kFormat, path + ": " + why);
  };
  if (j.is_discarded() || !j.is_object()) return bad("not JSON");
  if (j.value("format", "") != kFormat || j.value("version", 0) != kFormatVersion) {
    return bad("not a trustready demo PKI manifest");
  }
  DemoPki pki;
  pki.dir = dir;
  pki.base_url = j.value("base_url", "");
  pki.domain = j.value("domain", "");
  if (!j.contains("certificates") || !j["certificates"].is_array()) return bad("no certificates");
  for (const auto& c : j["certificates"]) {
    if (!c.is_object()) return bad("certificate entry is not an object");
    DemoPkiEntry e;
    auto str = [&](const char* k) { return c.contains(k) && c[k].is_string() ? c[k].get<std::string>() : std::string(); };
    e.id = str("id");
    e.role = str("role");
    e.test_case = str("case");
    e.hierarchy = str("hierarchy");
    e.file = str("file");
    e.der_file = str("der_file");
    e.key_file = str("key_file");
    e.issuer_id = str("issuer_id");
    e.subject = str("subject");
    e.issuer = str("issuer");
    e.serial = str("serial");
    e.sha256 = str("sha256");
    e.key_type = str("key_type");
    e.signature_algorithm = str("signature_algorithm");
    e.not_before = str("not_before");
    e.not_after = str("not_after");
    for (const char* k : {"dns_names", "ip_addresses"}) {
      if (!c.contains(k) || !c[k].is_array()) continue;
      for (const auto& v : c[k]) {
        if (v.is_string()) (std::string(k) == "dns_names" ? e.dns_names : e.ip_addresses).push_back(v);
      }
    }
    if (e.id.empty() || e.file.empty() || e.sha256.empty()) return bad("incomplete certificate entry");
    // The recorded hash must still match the file.
    auto pem = ReadFile(dir + "/" + e.file);
    if (!pem.ok()) return pem.error();
    BioPtr b(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
    X509Ptr x(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!x) return MakeError(ErrorKind::kNotCertificate, dir + "/" + e.file + ": no certificate");
    if (Sha256Hex(x.get()) != e.sha256) {
      return bad(e.file + " does not match its recorded SHA-256");
    }
    for (const auto& f : {e.der_file, e.key_file}) {
      if (f.empty() || !std::filesystem::exists(dir + "/" + f)) {
        return MakeError(ErrorKind::kIo, dir + "/" + f + ": missing");
      }
    }
    pki.entries.push_back(std::move(e));
  }
  if (j.contains("crls") && j["crls"].is_array()) {
    for (const auto& c : j["crls"]) {
      DemoPkiCrl crl;
      crl.issuer_id = c.value("issuer_id", "");
      crl.file = c.value("file", "");
      crl.pem_file = c.value("pem_file", "");
      if (c.contains("revoked_serials") && c["revoked_serials"].is_array()) {
        for (const auto& s : c["revoked_serials"]) {
          if (s.is_string()) crl.revoked_serials.push_back(s);
        }
      }
      for (const auto& f : {crl.file, crl.pem_file}) {
        if (f.empty() || !std::filesystem::exists(dir + "/" + f)) {
          return MakeError(ErrorKind::kIo, dir + "/" + f + ": missing");
        }
      }
      pki.crls.push_back(std::move(crl));
    }
  }
  return pki;
}

Result<DemoPki> CreateDemoPki(const DemoPkiOptions& options) {
  if (options.out_dir.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "no output directory given");
  }
  const std::string dir = options.out_dir;
  const std::string base_url = NormalizeBaseUrl(options.base_url);
  const UnixTime now = options.now != 0 ? options.now : Now();

  // Roots carry no URL and no host name: when only the base URL or the
  // domain changed, keep them (and their keys), so that a root a user
  // already installed keeps working; everything below them is re-issued.
  std::map<std::string, std::pair<X509Ptr, PkeyPtr>> kept_roots;
  if (!options.force && std::filesystem::exists(dir + "/" + kManifest)) {
    auto existing = LoadDemoPki(dir);
    bool complete = existing.ok();
    for (const CertSpec& s : Plan(options.domain)) complete = complete && existing->Find(s.id) != nullptr;
    if (complete && existing->base_url == base_url && existing->domain == options.domain &&
        StillMeaningful(*existing, now)) {
      existing->reused = true;
      return existing;
    }
    if (existing.ok()) {
      for (const auto& e : existing->entries) {
        if (e.issuer_id != e.id) continue;
        auto na = ParseRfc3339(e.not_after);
        if (!na.ok() || *na < now + kYear) continue;
        auto cert_pem = ReadFile(dir + "/" + e.file);
        auto key_pem = ReadFile(dir + "/" + e.key_file);
        if (!cert_pem.ok() || !key_pem.ok()) continue;
        BioPtr cb(BIO_new_mem_buf(cert_pem->data(), static_cast<int>(cert_pem->size())));
        BioPtr kb(BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())));
        X509Ptr x(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
        PkeyPtr k(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
        ERR_clear_error();
        if (x && k && X509_check_private_key(x.get(), k.get()) == 1) {
          kept_roots.emplace(e.id, std::make_pair(std::move(x), std::move(k)));
        }
        ERR_clear_error();
      }
    }
  }

  std::error_code ec;
  for (const char* sub : {"certs", "keys", "crl"}) {
    std::filesystem::create_directories(dir + "/" + sub, ec);
    if (ec) return MakeError(ErrorKind::kIo, dir + "/" + sub + ": " + ec.message());
  }
  ::chmod((dir + "/keys").c_str(), 0700);
  // A half-regenerated directory must not look complete: the manifest goes
  // first and comes back last.
  std::filesystem::remove(dir + "/" + kManifest, ec);

  const std::vector<CertSpec> plan = Plan(options.domain);
  std::map<std::string, PkeyPtr> keys;
  std::map<std::string, Built> built;
  DemoPki pki;
  pki.dir = dir;
  pki.base_url = base_url;
  pki.domain = options.domain;

  for (const CertSpec& s : plan) {
    X509Ptr kept_cert;
    if (auto it = kept_roots.find(s.id); it != kept_roots.end() && s.issuer_id == s.id) {
      kept_cert = std::move(it->second.first);
      keys.emplace(s.id, std::move(it->second.second));
    } else if (s.key_owner == s.id) {
      auto key = GenerateKey(s.key);
      if (!key.ok()) return key.error();
      const std::string key_file = "keys/" + s.id + ".key";
      if (auto st = WriteFileAtomic(dir + "/" + key_file, KeyPemOf(key->get()), 0600); !st.ok()) {
        return st.error();
      }
      keys.emplace(s.id, std::move(key).value());
    }
    const bool kept = kept_cert != nullptr;
    auto cert = kept ? Result<X509Ptr>(std::move(kept_cert))
                     : BuildCertificate(s, base_url, now, keys, built);
    if (!cert.ok()) return cert.error();
    X509* x = cert->get();

    DemoPkiEntry e;
    e.id = s.id;
    e.role = s.role;
    e.test_case = s.test_case;
    e.hierarchy = s.hierarchy;
    e.file = "certs/" + s.id + ".pem";
    e.der_file = "certs/" + s.id + ".cer";
    e.key_file = "keys/" + s.key_owner + ".key";
    e.issuer_id = s.issuer_id;
    e.subject = NameString(X509_get_subject_name(x));
    e.issuer = NameString(X509_get_issuer_name(x));
    e.serial = SerialHex(x);
    e.sha256 = Sha256Hex(x);
    e.key_type = KeyTypeOf(keys.at(s.key_owner).get());
    e.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(x));
    e.not_before = FormatRfc3339(now + s.not_before_offset);
    e.not_after = FormatRfc3339(now + s.not_after_offset);
    if (kept) {
      tm nb{};
      tm na{};
      ASN1_TIME_to_tm(X509_get0_notBefore(x), &nb);
      ASN1_TIME_to_tm(X509_get0_notAfter(x), &na);
      e.not_before = FormatRfc3339(timegm(&nb));
      e.not_after = FormatRfc3339(timegm(&na));
    }
    e.dns_names = s.dns;
    e.ip_addresses = s.ips;
    if (auto st = WriteFileAtomic(dir + "/" + e.file, PemOf(x)); !st.ok()) return st.error();
    if (auto st = WriteFileAtomic(dir + "/" + e.der_file, DerOf(x)); !st.ok()) return st.error();
    pki.entries.push_back(std::move(e));
    built.emplace(s.id, Built{std::move(cert).value(), s});
  }

  // One CRL per CA that issues anything; the revoked leaf is on its issuer's.
  for (const CertSpec& s : plan) {
    if (!s.ca || s.role == "cross-certificate") continue;
    std::vector<const X509*> revoked;
    for (const CertSpec& t : plan) {
      if (t.issuer_id == s.id && t.test_case == "revoked") revoked.push_back(built.at(t.id).cert.get());
    }
    auto crl = BuildCrl(built.at(s.id).cert.get(), keys.at(s.key_owner).get(), now, revoked);
    if (!crl.ok()) return crl.error();
    DemoPkiCrl c;
    c.issuer_id = s.id;
    c.file = "crl/" + s.id + ".crl";
    c.pem_file = "crl/" + s.id + ".crl.pem";
    for (const X509* x : revoked) c.revoked_serials.push_back(SerialHex(x));
    if (auto st = WriteFileAtomic(dir + "/" + c.file, CrlDer(crl->get())); !st.ok()) return st.error();
    if (auto st = WriteFileAtomic(dir + "/" + c.pem_file, CrlPem(crl->get())); !st.ok()) {
      return st.error();
    }
    pki.crls.push_back(std::move(c));
  }
  // Every CRL in one PEM file: clients that check the whole chain (curl's
  // --crlfile sets X509_V_FLAG_CRL_CHECK_ALL) need the roots' CRLs too.
  std::string bundle;
  for (const auto& c : pki.crls) {
    auto pem = ReadFile(dir + "/" + c.pem_file);
    if (!pem.ok()) return pem.error();
    bundle += *pem;
  }
  if (auto st = WriteFileAtomic(dir + "/" + kCrlBundle, bundle); !st.ok()) return st.error();
  if (auto st = WriteFileAtomic(dir + "/" + kManifest, DemoPkiManifestJson(pki)); !st.ok()) {
    return st.error();
  }
  return pki;
}

}  // namespace trustready
