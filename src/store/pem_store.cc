// PEM bundles (RFC 7468) with OpenSSL TRUSTED CERTIFICATE trust settings,
// and single DER certificates.
#include <string>
#include <utility>

#include "trustready/x509/pem.h"
#include "trustready/store/pem_store.h"
#include "trustready/x509/oids.h"

namespace trustready {

namespace {

struct PurposeOid {
  Purpose purpose;
  const der::Input* oid;
};
const PurposeOid kPurposeOids[] = {
    {Purpose::kServerAuth, &oid::kEkuServerAuth},
    {Purpose::kClientAuth, &oid::kEkuClientAuth},
    {Purpose::kEmailProtection, &oid::kEkuEmailProtection},
    {Purpose::kCodeSigning, &oid::kEkuCodeSigning},
};

// A SEQUENCE OF OBJECT IDENTIFIER (contents) as purpose bits. OIDs that are
// not one of our four purposes (timeStamping, OCSP signing, vendor OIDs)
// are ignored: no purpose we model depends on them. `any` is set when
// anyExtendedKeyUsage is listed.
Result<uint8_t> ParsePurposeList(der::Input contents, const uint8_t* base, bool* any,
                                 std::string_view what) {
  der::Parser p(contents, base);
  uint8_t bits = 0;
  *any = false;
  while (p.HasMore()) {
    auto o = p.Read(der::kOid, what);
    if (!o.ok()) return o.error();
    if (Status s = der::CheckOid(*o); !s.ok()) return s.error();
    if (*o == oid::kAnyEku) {
      *any = true;
      bits = kAllPurposes;
    }
    for (const auto& po : kPurposeOids) {
      if (*o == *po.oid) bits |= static_cast<uint8_t>(po.purpose);
    }
  }
  return bits;
}

void AppendTlv(std::vector<uint8_t>* out, uint8_t tag, const std::vector<uint8_t>& value) {
  out->push_back(tag);
  size_t n = value.size();
  if (n < 0x80) {
    out->push_back(static_cast<uint8_t>(n));
  } else {
    uint8_t len[8];
    int k = 0;
    for (size_t v = n; v; v >>= 8) len[k++] = static_cast<uint8_t>(v & 0xff);
    out->push_back(static_cast<uint8_t>(0x80 | k));
    while (k) out->push_back(len[--k]);
  }
  out->insert(out->end(), value.begin(), value.end());
}

void AppendOid(std::vector<uint8_t>* out, der::Input oid_contents) {
  AppendTlv(out, der::kOid, oid_contents.ToVector());
}

}  // namespace

Result<OpenSslCertAux> ParseOpenSslCertAux(der::Input aux) {
  OpenSslCertAux out;
  if (aux.empty()) return out;
  der::Parser outer(aux);
  auto seq = outer.ReadSequence("X509_CERT_AUX");
  if (!seq.ok()) return seq.error();
  if (Status s = outer.Finish("TRUSTED CERTIFICATE trailer"); !s.ok()) return s.error();
  der::Parser& p = *seq;

  bool have_trust = false, any_trust = false, any_reject = false;
  uint8_t trusted = 0, rejected = 0;
  auto trust = p.ReadOptional(der::kSequence, "X509_CERT_AUX.trust");
  if (!trust.ok()) return trust.error();
  if (trust->tag != 0) {
    have_trust = true;
    auto bits = ParsePurposeList(trust->value, aux.data(), &any_trust, "X509_CERT_AUX.trust");
    if (!bits.ok()) return bits.error();
    trusted = *bits;
  }
  auto reject = p.ReadOptional(der::ContextSpecificConstructed(0), "X509_CERT_AUX.reject");
  if (!reject.ok()) return reject.error();
  if (reject->tag != 0) {
    auto bits = ParsePurposeList(reject->value, aux.data(), &any_reject, "X509_CERT_AUX.reject");
    if (!bits.ok()) return bits.error();
    rejected = *bits;
  }
  auto alias = p.ReadOptional(der::kUtf8String, "X509_CERT_AUX.alias");
  if (!alias.ok()) return alias.error();
  if (alias->tag != 0) out.alias = alias->value.AsString();
  // keyid and other are of no use for trust; accept and skip them.
  auto keyid = p.ReadOptional(der::kOctetString, "X509_CERT_AUX.keyid");
  if (!keyid.ok()) return keyid.error();
  auto other = p.ReadOptional(der::ContextSpecificConstructed(1), "X509_CERT_AUX.other");
  if (!other.ok()) return other.error();
  if (Status s = p.Finish("X509_CERT_AUX"); !s.ok()) return s.error();

  // OpenSSL obj_trust() (crypto/x509/x509_trust.c): a reject entry for the
  // purpose (or anyExtendedKeyUsage) wins; then a trust entry; with trust
  // settings present but no match the certificate is not trusted. Without a
  // trust list the "compat" rule applies: a self-signed root is trusted for
  // everything, which is what a plain CERTIFICATE in a bundle means too.
  out.trust.purposes = have_trust ? trusted : kAllPurposes;
  out.trust.purposes &= static_cast<uint8_t>(~rejected);
  if (any_reject) {
    // Rejected for everything: an explicit distrust. Keep the trust list so
    // that writing the entry back reproduces it.
    out.trust.distrusted = true;
    out.trust.purposes = have_trust ? trusted : kAllPurposes;
    if (any_trust) out.trust.purposes = kAllPurposes;
  }
  return out;
}

std::vector<uint8_t> EncodeOpenSslCertAux(const TrustAttributes& trust, std::string_view alias) {
  std::vector<uint8_t> body;
  std::vector<uint8_t> list;
  if (trust.purposes == kAllPurposes) {
    AppendOid(&list, oid::kAnyEku);
  } else {
    for (const auto& po : kPurposeOids) {
      if (trust.purposes & static_cast<uint8_t>(po.purpose)) AppendOid(&list, *po.oid);
    }
  }
  AppendTlv(&body, der::kSequence, list);
  if (trust.distrusted) {
    std::vector<uint8_t> reject;
    AppendOid(&reject, oid::kAnyEku);
    AppendTlv(&body, der::ContextSpecificConstructed(0), reject);
  }
  if (!alias.empty()) {
    AppendTlv(&body, der::kUtf8String, std::vector<uint8_t>(alias.begin(), alias.end()));
  }
  std::vector<uint8_t> out;
  AppendTlv(&out, der::kSequence, body);
  return out;
}

Result<TrustStore> ReadPemStore(std::string_view text, const std::string& source) {
  auto loaded = LoadCertificatesFromBytes(text, source);
  if (!loaded.ok()) return loaded.error();
  TrustStore store(source, StoreFormat::kPem, source);
  size_t index = 0;
  for (auto& lc : *loaded) {
    ++index;
    TrustAnchor anchor{lc.cert, {}, source};
    if (lc.label == "TRUSTED CERTIFICATE") {
      auto aux = ParseOpenSslCertAux(der::Input(lc.aux.data(), lc.aux.size()));
      if (!aux.ok()) {
        Error e = aux.error();
        e.message = source + ": TRUSTED CERTIFICATE #" + std::to_string(index) +
                    ": bad trust settings: " + e.message;
        e.offset = Error::npos;
        return e;
      }
      anchor.trust = aux->trust;
      if (!aux->alias.empty()) anchor.source = aux->alias;
    }
    store.Add(std::move(anchor));
  }
  return store;
}

Result<TrustStore> ReadDerStore(der::Input der, const std::string& source) {
  auto cert = Certificate::Parse(der);
  if (!cert.ok()) {
    Error e = cert.error();
    e.message = source + ": not a DER certificate: " + e.message;
    return e;
  }
  TrustStore store(source, StoreFormat::kDer, source);
  store.Add({*cert, {}, source});
  return store;
}

std::string WritePemStore(const TrustStore& store, const PemWriteOptions& options) {
  std::string out;
  for (const TrustAnchor& a : store.anchors()) {
    bool plain = a.trust.purposes == kAllPurposes && !a.trust.distrusted;
    bool trusted_block = options.trust == PemWriteOptions::Trust::kAlways ||
                         (options.trust == PemWriteOptions::Trust::kAuto && !plain);
    if (options.trust == PemWriteOptions::Trust::kNever && a.trust.distrusted) continue;
    if (options.comments) {
      std::string name = a.cert->DisplayName();
      for (char& c : name) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      out += "# " + name + "\n";
    }
    if (trusted_block) {
      std::vector<uint8_t> bytes = a.cert->der().ToVector();
      // The alias travels with the entry only if it is a name, not a path.
      std::string alias = a.source.find('/') == std::string::npos ? a.source : std::string();
      std::vector<uint8_t> aux = EncodeOpenSslCertAux(a.trust, alias);
      bytes.insert(bytes.end(), aux.begin(), aux.end());
      out += EncodePem("TRUSTED CERTIFICATE", der::Input(bytes.data(), bytes.size()));
    } else {
      out += EncodePem("CERTIFICATE", a.cert->der());
    }
  }
  return out;
}

}  // namespace trustready
