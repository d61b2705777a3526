// PKCS#12 (RFC 7292) trust stores through OpenSSL's PKCS12 API.
//
// Java reads a certificate bag as a trusted entry only when it carries
// Oracle's trusted-key-usage attribute (OID 2.16.840.1.113894.746875.1.1, a
// SET OF key-purpose OIDs; JDK PKCS12KeyStore). We write that attribute on
// every bag so that keytool lists each anchor, and we read it back as the
// anchor's purposes. A file where no bag has the attribute is an OpenSSL
// style bundle: all its certificates are read, trusted for every purpose.
// In a Java-style file, bags without the attribute are read only when they
// belong to a key (localKeyId shared with a key bag), as Java does.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <set>
#include <string>

#include "store/store_internal.h"
#include "trustready/store/pkcs12_store.h"

namespace trustready {

namespace {

constexpr char kOracleTrustedKeyUsage[] = "2.16.840.1.113894.746875.1.1";
// PKCS#12 iteration count for the MAC: OpenSSL 3's default.
constexpr int kMacIterations = 2048;

struct P12Free { void operator()(PKCS12* p) const { PKCS12_free(p); } };
struct BagsFree {
  void operator()(STACK_OF(PKCS12_SAFEBAG)* s) const { sk_PKCS12_SAFEBAG_pop_free(s, PKCS12_SAFEBAG_free); }
};
struct Pkcs7sFree {
  void operator()(STACK_OF(PKCS7)* s) const { sk_PKCS7_pop_free(s, PKCS7_free); }
};
struct X509Free { void operator()(X509* x) const { X509_free(x); } };

std::string OpenSslErrors() {
  std::string out;
  unsigned long e;
  while ((e = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

std::string ObjText(const ASN1_OBJECT* o) {
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof(buf), o, 1);
  return n > 0 ? std::string(buf, std::min<size_t>(static_cast<size_t>(n), sizeof(buf) - 1)) : "";
}

const X509_ATTRIBUTE* FindAttribute(const PKCS12_SAFEBAG* bag, const char* oid) {
  const STACK_OF(X509_ATTRIBUTE)* attrs = PKCS12_SAFEBAG_get0_attrs(bag);
  for (int i = 0; attrs && i < sk_X509_ATTRIBUTE_num(attrs); ++i) {
    const X509_ATTRIBUTE* a = sk_X509_ATTRIBUTE_value(attrs, i);
    if (ObjText(X509_ATTRIBUTE_get0_object(const_cast<X509_ATTRIBUTE*>(a))) == oid) return a;
  }
  return nullptr;
}

uint8_t PurposesFromTrustedKeyUsage(const X509_ATTRIBUTE* attr) {
  uint8_t bits = 0;
  X509_ATTRIBUTE* a = const_cast<X509_ATTRIBUTE*>(attr);
  for (int i = 0; i < X509_ATTRIBUTE_count(a); ++i) {
    ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(a, i);
    if (!t || t->type != V_ASN1_OBJECT) continue;
    switch (OBJ_obj2nid(t->value.object)) {
      case NID_anyExtendedKeyUsage: bits = kAllPurposes; break;
      case NID_server_auth: bits |= static_cast<uint8_t>(Purpose::kServerAuth); break;
      case NID_client_auth: bits |= static_cast<uint8_t>(Purpose::kClientAuth); break;
      case NID_email_protect: bits |= static_cast<uint8_t>(Purpose::kEmailProtection); break;
      case NID_code_sign: bits |= static_cast<uint8_t>(Purpose::kCodeSigning); break;
      default: break;
    }
  }
  return bits;
}

std::string LocalKeyId(const PKCS12_SAFEBAG* bag) {
  const ASN1_TYPE* t = PKCS12_SAFEBAG_get0_attr(bag, NID_localKeyID);
  if (!t || t->type != V_ASN1_OCTET_STRING) return "";
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t->value.octet_string)),
                     static_cast<size_t>(ASN1_STRING_length(t->value.octet_string)));
}

struct Bag {
  CertificatePtr cert;
  std::string alias;
  std::string local_key_id;
  bool has_trust_attribute = false;
  uint8_t purposes = kAllPurposes;
};

}  // namespace

namespace {

Result<TrustStore> ReadPkcs12(der::Input bytes, const std::string& source,
                              const KeystoreReadOptions& options, bool* has_keys) {
  *has_keys = false;
  ERR_clear_error();
  const unsigned char* p = bytes.data();
  std::unique_ptr<PKCS12, P12Free> p12(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size())));
  if (!p12) {
    ERR_clear_error();
    return MakeError(ErrorKind::kFormat, "pkcs12.invalid", source + ": not a valid PKCS#12 file");
  }
  if (static_cast<size_t>(p - bytes.data()) != bytes.size()) {
    return MakeError(ErrorKind::kTrailingData, "pkcs12.trailing_data", source + ": data after the PKCS#12 structure",
                     static_cast<size_t>(p - bytes.data()));
  }

  // Which password opens the file. PKCS#12 distinguishes an empty password
  // (two zero bytes in BMPString form) from none (NULL), and writers differ
  // in which they mean, so both are tried when the user gave none.
  const char* pass = nullptr;
  int pass_len = 0;
  std::string given = options.password;
  if (PKCS12_mac_present(p12.get())) {
    if (options.password_given) {
      if (!PKCS12_verify_mac(p12.get(), given.c_str(), static_cast<int>(given.size()))) {
        ERR_clear_error();
        return MakeError(ErrorKind::kBadPassword, "pkcs12.password_wrong",
                         source + ": keystore password was incorrect (PKCS#12 MAC mismatch)");
      }
      pass = given.c_str();
      pass_len = static_cast<int>(given.size());
    } else if (PKCS12_verify_mac(p12.get(), "", 0)) {
      pass = "";
    } else if (PKCS12_verify_mac(p12.get(), nullptr, 0)) {
      pass = nullptr;
    } else {
      ERR_clear_error();
      return MakeError(ErrorKind::kBadPassword, "pkcs12.password_missing",
                       source + ": PKCS#12 file is password protected; give --password");
    }
  } else if (options.password_given) {
    pass = given.c_str();
    pass_len = static_cast<int>(given.size());
  }

  std::unique_ptr<STACK_OF(PKCS7), Pkcs7sFree> safes(PKCS12_unpack_authsafes(p12.get()));
  if (!safes) {
    ERR_clear_error();
    return MakeError(ErrorKind::kFormat, "pkcs12.auth_safe_malformed", source + ": PKCS#12 authenticated safe is malformed");
  }
  std::vector<Bag> bags;
  std::set<std::string> key_ids;
  std::vector<std::string> key_aliases;  // friendlyName of key bags: aliases too
  for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
    PKCS7* p7 = sk_PKCS7_value(safes.get(), i);
    std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), BagsFree> contents;
    int nid = OBJ_obj2nid(p7->type);
    if (nid == NID_pkcs7_data) {
      contents.reset(PKCS12_unpack_p7data(p7));
    } else if (nid == NID_pkcs7_encrypted) {
      contents.reset(PKCS12_unpack_p7encdata(p7, pass, pass_len));
      if (!contents) {
        ERR_clear_error();
        return MakeError(options.password_given ? ErrorKind::kBadPassword : ErrorKind::kFormat,
                         options.password_given ? "pkcs12.contents_password_wrong" : "pkcs12.contents_encrypted",
                         source + ": cannot decrypt PKCS#12 contents" +
                             (options.password_given ? " with this password" : "; give --password"));
      }
    } else {
      continue;  // enveloped data (public-key privacy mode): nothing we can open
    }
    if (!contents) {
      ERR_clear_error();
      return MakeError(ErrorKind::kFormat, "pkcs12.safe_contents_malformed", source + ": PKCS#12 safe contents are malformed");
    }
    for (int j = 0; j < sk_PKCS12_SAFEBAG_num(contents.get()); ++j) {
      const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(contents.get(), j);
      int bag_nid = PKCS12_SAFEBAG_get_nid(bag);
      if (bag_nid == NID_keyBag || bag_nid == NID_pkcs8ShroudedKeyBag) {
        key_ids.insert(LocalKeyId(bag));
        if (char* fn = PKCS12_get_friendlyname(const_cast<PKCS12_SAFEBAG*>(bag))) {
          key_aliases.push_back(fn);
          OPENSSL_free(fn);
        }
        continue;
      }
      if (bag_nid != NID_certBag || PKCS12_SAFEBAG_get_bag_nid(bag) != NID_x509Certificate) continue;
      std::unique_ptr<X509, X509Free> x(PKCS12_SAFEBAG_get1_cert(bag));
      if (!x) {
        ERR_clear_error();
        return MakeError(ErrorKind::kFormat, "pkcs12.cert_bag_malformed", source + ": PKCS#12 certificate bag is malformed");
      }
      unsigned char* der = nullptr;
      int len = i2d_X509(x.get(), &der);
      if (len <= 0) {
        ERR_clear_error();
        return MakeError(ErrorKind::kFormat, "pkcs12.cert_encode_failed", source + ": PKCS#12 certificate cannot be encoded");
      }
      std::vector<uint8_t> v(der, der + len);
      OPENSSL_free(der);
      auto cert = Certificate::Parse(std::move(v));
      if (!cert.ok()) {
        return MakeError(cert.error().kind, cert.error().detail, source + ": bad certificate in PKCS#12: " +
                                                cert.error().message);
      }
      Bag b;
      b.cert = *cert;
      char* fn = PKCS12_get_friendlyname(const_cast<PKCS12_SAFEBAG*>(bag));
      if (fn) {
        b.alias = fn;
        OPENSSL_free(fn);
      }
      b.local_key_id = LocalKeyId(bag);
      if (const X509_ATTRIBUTE* a = FindAttribute(bag, kOracleTrustedKeyUsage)) {
        b.has_trust_attribute = true;
        b.purposes = PurposesFromTrustedKeyUsage(a);
      }
      bags.push_back(std::move(b));
    }
  }
  ERR_clear_error();
  bool java_style = false;
  for (const Bag& b : bags) java_style = java_style || b.has_trust_attribute;
  TrustStore store(source, StoreFormat::kPkcs12, source);
  for (const std::string& a : key_aliases) store.AddEntryAlias(a);
  for (const Bag& b : bags) {
    if (!b.alias.empty()) store.AddEntryAlias(b.alias);
  }
  for (Bag& b : bags) {
    if (java_style && !b.has_trust_attribute &&
        (b.local_key_id.empty() || !key_ids.count(b.local_key_id))) {
      continue;
    }
    TrustAnchor a{b.cert, {}, b.alias.empty() ? source : b.alias};
    a.trust.purposes = b.purposes;
    store.Add(std::move(a));
  }
  *has_keys = !key_ids.empty();
  return store;
}

}  // namespace

Result<TrustStore> ReadPkcs12Store(der::Input bytes, const std::string& source,
                                   const KeystoreReadOptions& options) {
  bool has_keys = false;
  return ReadPkcs12(bytes, source, options, &has_keys);
}

Result<bool> Pkcs12HasKeys(der::Input bytes, const std::string& source,
                           const KeystoreReadOptions& options) {
  bool has_keys = false;
  auto r = ReadPkcs12(bytes, source, options, &has_keys);
  if (!r.ok()) return r.error();
  return has_keys;
}

Result<std::vector<uint8_t>> WritePkcs12Store(const TrustStore& store, std::string_view password) {
  ERR_clear_error();
  auto fail = [](const std::string& what) {
    std::string detail = OpenSslErrors();
    return MakeError(ErrorKind::kFormat, "PKCS#12 write: " + what + (detail.empty() ? "" : ": " + detail));
  };
  std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), BagsFree> bags(sk_PKCS12_SAFEBAG_new_null());
  std::set<std::string> used;
  for (const TrustAnchor& a : store.anchors()) {
    if (a.trust.distrusted) continue;  // PKCS#12 cannot say "distrusted"
    const unsigned char* d = a.cert->der().data();
    std::unique_ptr<X509, X509Free> x(d2i_X509(nullptr, &d, static_cast<long>(a.cert->der().size())));
    if (!x) return fail("certificate " + a.cert->Sha256Hex());
    PKCS12_SAFEBAG* bag = PKCS12_SAFEBAG_create_cert(x.get());
    if (!bag) return fail("cert bag");
    sk_PKCS12_SAFEBAG_push(bags.get(), bag);
    std::string alias = a.source.find('/') == std::string::npos && !a.source.empty()
                            ? a.source
                            : a.cert->DisplayName();
    // Java lowercases PKCS#12 aliases too; keep them unique case-insensitively.
    std::string key;
    for (char c : alias) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (used.count(key)) {
      alias += " [" + a.cert->Sha256Hex().substr(0, 8) + "]";
      key += " [" + a.cert->Sha256Hex().substr(0, 8) + "]";
    }
    used.insert(key);
    if (!PKCS12_add_friendlyname_utf8(bag, alias.c_str(), -1)) return fail("friendlyName");
    std::vector<int> nids;
    if (a.trust.purposes == kAllPurposes) {
      nids.push_back(NID_anyExtendedKeyUsage);
    } else {
      if (a.trust.purposes & static_cast<uint8_t>(Purpose::kServerAuth)) nids.push_back(NID_server_auth);
      if (a.trust.purposes & static_cast<uint8_t>(Purpose::kClientAuth)) nids.push_back(NID_client_auth);
      if (a.trust.purposes & static_cast<uint8_t>(Purpose::kEmailProtection)) nids.push_back(NID_email_protect);
      if (a.trust.purposes & static_cast<uint8_t>(Purpose::kCodeSigning)) nids.push_back(NID_code_sign);
    }
    // A SET OF OIDs in one attribute: the first value creates it, the rest
    // are added to the same attribute.
    X509_ATTRIBUTE* attr = nullptr;
    for (int nid : nids) {
      ASN1_OBJECT* o = OBJ_nid2obj(nid);
      if (!attr) {
        if (!PKCS12_add1_attr_by_txt(bag, kOracleTrustedKeyUsage, V_ASN1_OBJECT,
                                     reinterpret_cast<const unsigned char*>(o), -1)) {
          return fail("trusted key usage attribute");
        }
        attr = const_cast<X509_ATTRIBUTE*>(FindAttribute(bag, kOracleTrustedKeyUsage));
      } else if (!X509_ATTRIBUTE_set1_data(attr, V_ASN1_OBJECT, o, -1)) {
        return fail("trusted key usage attribute");
      }
    }
  }
  // Certificates are public: they go in a plain data safe (as JDK 18+ writes
  // its own cacerts); the MAC (HMAC-SHA-256, PBKDF of RFC 7292 B.2) protects
  // integrity under the password.
  std::unique_ptr<STACK_OF(PKCS7), Pkcs7sFree> safes(sk_PKCS7_new_null());
  PKCS7* p7 = PKCS12_pack_p7data(bags.get());
  if (!p7) return fail("safe contents");
  sk_PKCS7_push(safes.get(), p7);
  std::unique_ptr<PKCS12, P12Free> p12(PKCS12_add_safes(safes.get(), 0));
  if (!p12) return fail("authenticated safe");
  std::string pw(password);
  if (!PKCS12_set_mac(p12.get(), pw.c_str(), static_cast<int>(pw.size()), nullptr, 0,
                      kMacIterations, EVP_sha256())) {
    return fail("MAC");
  }
  unsigned char* der = nullptr;
  int len = i2d_PKCS12(p12.get(), &der);
  if (len <= 0) return fail("encoding");
  std::vector<uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

}  // namespace trustready
