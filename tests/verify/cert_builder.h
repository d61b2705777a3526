// Certificates made in the test, with OpenSSL, for the direct tests of
// validate_path.cc, name_constraints.cc and path_builder.cc: each test says
// exactly what differs from a plain root -> intermediate -> leaf hierarchy.
//
// Defaults: v3, EC P-256 keys, validity 2025-01-01 .. 2030-01-01 (tests
// judge at kTestTime, 2026-06-01), subject "O=trustready test, CN=<cn>",
// subjectKeyIdentifier, authorityKeyIdentifier keyid when not self-signed;
// CAs get critical basicConstraints cA and critical keyUsage keyCertSign +
// cRLSign; leaves critical keyUsage digitalSignature, extendedKeyUsage
// serverAuth and subjectAltName DNS:leaf.example.com. Every default is
// replaced with Ext(nid, value) or removed with Drop(nid).
#ifndef TRUSTREADY_TESTS_VERIFY_CERT_BUILDER_H_
#define TRUSTREADY_TESTS_VERIFY_CERT_BUILDER_H_

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustready/store/trust_store.h"
#include "trustready/verify/verify.h"

namespace trustready::test_pki {

inline constexpr UnixTime k2025 = 1735689600;
inline constexpr UnixTime k2026 = 1767225600;
inline constexpr UnixTime k2027 = 1798761600;
inline constexpr UnixTime k2030 = 1893456000;
inline constexpr UnixTime kTestTime = 1780272000;  // 2026-06-01T00:00:00Z

using KeyPtr = std::shared_ptr<EVP_PKEY>;
using X509Ptr = std::shared_ptr<X509>;

inline KeyPtr NewKey() {
  return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
}

// A certificate made here, with what it takes to issue below it.
struct Issued {
  CertificatePtr cert;
  X509Ptr x509;
  KeyPtr key;
  std::string cn;
};

class CertBuilder {
 public:
  // `ca`: the CA defaults; otherwise the leaf defaults.
  CertBuilder(std::string cn, bool ca, KeyPtr key = nullptr)
      : cn_(std::move(cn)), ca_(ca), key_(key ? std::move(key) : NewKey()) {
    if (ca_) {
      exts_[NID_basic_constraints] = "critical,CA:TRUE";
      exts_[NID_key_usage] = "critical,keyCertSign,cRLSign";
    } else {
      exts_[NID_key_usage] = "critical,digitalSignature";
      exts_[NID_ext_key_usage] = "serverAuth";
      exts_[NID_subject_alt_name] = "DNS:leaf.example.com";
    }
    exts_[NID_subject_key_identifier] = "hash";
    exts_[NID_authority_key_identifier] = "keyid";
  }

  CertBuilder& Ext(int nid, std::string value) {
    exts_[nid] = std::move(value);
    return *this;
  }
  CertBuilder& Drop(int nid) {
    exts_.erase(nid);
    return *this;
  }
  // An extension given as its DER value (for what OpenSSL's config syntax
  // cannot say: unknown OIDs, hand-made contents).
  CertBuilder& Raw(const std::string& oid, bool critical, std::vector<uint8_t> value) {
    raw_.push_back({oid, critical, std::move(value)});
    return *this;
  }
  CertBuilder& Validity(UnixTime not_before, UnixTime not_after) {
    not_before_ = not_before;
    not_after_ = not_after;
    return *this;
  }
  CertBuilder& Serial(long serial) {
    serial_ = serial;
    return *this;
  }
  // Serial number contents octets as given (negative, zero, 21 octets...).
  CertBuilder& SerialBytes(std::vector<uint8_t> bytes) {
    serial_bytes_ = std::move(bytes);
    return *this;
  }
  CertBuilder& Version1() {
    v1_ = true;
    return *this;
  }
  // Subject attributes other than the default (empty: an empty subject).
  CertBuilder& Subject(std::vector<std::pair<std::string, std::string>> rdns) {
    subject_ = std::move(rdns);
    custom_subject_ = true;
    return *this;
  }
  CertBuilder& Sha1() {
    sha1_ = true;
    return *this;
  }

  Issued SelfSigned() { return Build(nullptr, nullptr); }
  // The DER only, not parsed (for certificates the parser must refuse).
  std::vector<uint8_t> DerSelfSigned() { return Make(nullptr, nullptr).second; }
  std::vector<uint8_t> DerIssuedBy(const Issued& issuer) { return Make(&issuer, nullptr).second; }
  Issued IssuedBy(const Issued& issuer) { return Build(&issuer, nullptr); }
  // Names `issuer` as the issuer but signs with `key` (a bad signature).
  Issued IssuedByWithKey(const Issued& issuer, const KeyPtr& key) { return Build(&issuer, &key); }

 private:
  struct RawExt {
    std::string oid;
    bool critical;
    std::vector<uint8_t> value;
  };

  static void SetName(X509_NAME* n, const std::vector<std::pair<std::string, std::string>>& rdns) {
    for (const auto& [type, value] : rdns) {
      X509_NAME_add_entry_by_txt(n, type.c_str(), MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
    }
  }

  std::vector<std::pair<std::string, std::string>> SubjectRdns() const {
    if (custom_subject_) return subject_;
    return {{"O", "trustready test"}, {"CN", cn_}};
  }

  Issued Build(const Issued* issuer, const KeyPtr* sign_key) {
    auto [x, bytes] = Make(issuer, sign_key);
    auto parsed = Certificate::Parse(bytes);
    EXPECT_TRUE(parsed.ok()) << cn_ << ": " << (parsed.ok() ? "" : parsed.error().ToString());
    return {parsed.ok() ? *parsed : nullptr, x, key_, cn_};
  }

  std::pair<X509Ptr, std::vector<uint8_t>> Make(const Issued* issuer, const KeyPtr* sign_key) {
    X509Ptr x(X509_new(), X509_free);
    X509_set_version(x.get(), v1_ ? 0 : 2);
    if (serial_bytes_) {
      ASN1_INTEGER* s = ASN1_INTEGER_new();
      // Contents octets set directly: OpenSSL would normalise a value.
      ASN1_STRING_set(s, serial_bytes_->data(), static_cast<int>(serial_bytes_->size()));
      if (!serial_bytes_->empty() && ((*serial_bytes_)[0] & 0x80)) s->type = V_ASN1_NEG_INTEGER;
      X509_set_serialNumber(x.get(), s);
      ASN1_INTEGER_free(s);
    } else {
      static long next_serial = 1000;
      ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial_ ? serial_ : ++next_serial);
    }
    ASN1_TIME_set(X509_getm_notBefore(x.get()), not_before_);
    ASN1_TIME_set(X509_getm_notAfter(x.get()), not_after_);
    SetName(X509_get_subject_name(x.get()), SubjectRdns());
    if (issuer) {
      X509_set_issuer_name(x.get(), X509_get_subject_name(issuer->x509.get()));
    } else {
      SetName(X509_get_issuer_name(x.get()), SubjectRdns());
    }
    X509_set_pubkey(x.get(), key_.get());
    X509* issuer_x = issuer ? issuer->x509.get() : x.get();
    if (!v1_) {
      for (const auto& [nid, value] : exts_) {
        if (nid == NID_authority_key_identifier && !issuer) continue;
        X509V3_CTX ctx;
        X509V3_set_ctx(&ctx, issuer_x, x.get(), nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        EXPECT_NE(ext, nullptr) << OBJ_nid2sn(nid) << " = " << value;
        if (!ext) continue;
        X509_add_ext(x.get(), ext, -1);
        X509_EXTENSION_free(ext);
      }
      for (const RawExt& r : raw_) {
        ASN1_OBJECT* obj = OBJ_txt2obj(r.oid.c_str(), 1);
        ASN1_OCTET_STRING* os = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(os, r.value.data(), static_cast<int>(r.value.size()));
        X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, obj, r.critical ? 1 : 0, os);
        X509_add_ext(x.get(), ext, -1);
        X509_EXTENSION_free(ext);
        ASN1_OCTET_STRING_free(os);
        ASN1_OBJECT_free(obj);
      }
    }
    EVP_PKEY* signer = sign_key ? sign_key->get() : issuer ? issuer->key.get() : key_.get();
    EXPECT_GT(X509_sign(x.get(), signer, sha1_ ? EVP_sha1() : EVP_sha256()), 0);
    unsigned char* der = nullptr;
    const int len = i2d_X509(x.get(), &der);
    std::vector<uint8_t> bytes(der, der + (len > 0 ? len : 0));
    OPENSSL_free(der);
    return {x, bytes};
  }

  std::string cn_;
  bool ca_;
  KeyPtr key_;
  std::map<int, std::string> exts_;
  std::vector<RawExt> raw_;
  UnixTime not_before_ = k2025;
  UnixTime not_after_ = k2030;
  long serial_ = 0;
  std::optional<std::vector<uint8_t>> serial_bytes_;
  bool v1_ = false;
  bool custom_subject_ = false;
  std::vector<std::pair<std::string, std::string>> subject_;
  bool sha1_ = false;
};

inline CertBuilder Ca(const std::string& cn) { return CertBuilder(cn, true); }
inline CertBuilder Leaf(const std::string& cn = "leaf.example.com") { return CertBuilder(cn, false); }

inline TrustStore StoreOf(const std::vector<const Issued*>& anchors, TrustAttributes trust = {}) {
  TrustStore store("test", StoreFormat::kPem, "test");
  for (const Issued* a : anchors) store.Add(TrustAnchor{a->cert, trust, a->cn});
  return store;
}

inline VerifyOptions TestOptions() {
  VerifyOptions o;
  o.time = kTestTime;
  o.host = *ParseHostName("leaf.example.com");
  return o;
}

// Every (code, detail) pair of `errors`, "CODE/detail" per entry, and a
// failure when a detail is empty or not in the registry under its code.
inline std::vector<std::string> Codes(const std::vector<VerifyError>& errors) {
  std::vector<std::string> out;
  for (const VerifyError& e : errors) {
    out.push_back(std::string(VerifyErrorCodeName(e.code)) + "/" + std::string(e.detail));
    bool registered = false;
    for (const VerifyDetailInfo& d : VerifyDetailIds()) registered |= d.id == e.detail && d.code == e.code;
    EXPECT_TRUE(registered) << "unregistered detail: " << out.back() << " (" << e.message << ")";
  }
  return out;
}

}  // namespace trustready::test_pki

#endif  // TRUSTREADY_TESTS_VERIFY_CERT_BUILDER_H_
