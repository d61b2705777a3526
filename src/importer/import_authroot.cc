// Microsoft's authroot.stl (the Windows root program's Certificate Trust
// List) with the root certificate files it names, imported as a "windows"
// snapshot. See include/trustready/importer/importer.h.
//
// authroot.stl is a PKCS#7 SignedData (RFC 2315) whose content type is
// szOID_CTL (1.3.6.1.4.1.311.10.1); OpenSSL's PKCS7 parser opens it, and the
// content (the CTL itself, [MS-CAESO] 2009, as it appears in PKCS#7 form
// `[0] EXPLICIT CertificateTrustList`, or CMS-style wrapped in an OCTET
// STRING) is read with our strict DER parser:
//
//   CertificateTrustList ::= SEQUENCE {
//     version          INTEGER DEFAULT v1,
//     subjectUsage     SEQUENCE OF OBJECT IDENTIFIER,
//     listIdentifier   OCTET STRING OPTIONAL,
//     sequenceNumber   INTEGER OPTIONAL,
//     ctlThisUpdate    UTCTime | GeneralizedTime,
//     ctlNextUpdate    UTCTime | GeneralizedTime OPTIONAL,
//     subjectAlgorithm AlgorithmIdentifier,           -- SHA-1: the ids are thumbprints
//     trustedSubjects  SEQUENCE OF TrustedSubject OPTIONAL,
//     ctlExtensions    [0] EXPLICIT Extensions OPTIONAL }
//   TrustedSubject ::= SEQUENCE {
//     subjectIdentifier OCTET STRING,                 -- SHA-1 of the certificate
//     subjectAttributes SET OF Attribute OPTIONAL }   -- Attribute: SEQUENCE { OID, SET OF ANY }
//
// The attributes read (each value an OCTET STRING holding the property, as
// Windows stores certificate properties; meanings per Microsoft's root
// program deprecation policies, as documented by signify's authroot notes):
//   1.3.6.1.4.1.311.10.11.9    CERT_ENHKEY_USAGE_PROP_ID: the EKUs the root is
//                              trusted for (absent: every purpose)
//   1.3.6.1.4.1.311.10.11.122  disallowed EKUs
//   1.3.6.1.4.1.311.10.11.104  CERT_DISALLOWED_FILETIME_PROP_ID: "Disable"
//                              from that date (FILETIME, 8 bytes LE)
//   1.3.6.1.4.1.311.10.11.126  CERT_NOT_BEFORE_FILETIME_PROP_ID: "NotBefore":
//                              certificates issued after it are not trusted
//   1.3.6.1.4.1.311.10.11.127  the EKUs that NotBefore applies to (absent: all)
// serverAuth trust makes an anchor; a NotBefore for serverAuth (or for all)
// becomes server_distrust_after (notBefore-based, like Mozilla's); a Disable
// date on or before --date, or serverAuth disallowed, leaves the root out.
// What is NOT done: the CTL's signature is not verified (it chains to
// Microsoft's root; the file is taken as its publisher ships it); the
// friendly name and other properties are ignored.
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>

#include <filesystem>
#include <map>
#include <memory>

#include "importer/import_util.h"
#include "trustready/importer/import_authroot.h"
#include "trustready/x509/pem.h"
#include "trustready/x509/oids.h"

namespace trustready {

using namespace import_detail;

namespace {

// 1.3.6.1.4.1.311.10.11.N as DER contents octets.
std::vector<uint8_t> MsProp(uint8_t n) { return {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0a, 0x0b, n}; }
// 1.3.14.3.2.26 (SHA-1)
const uint8_t kSha1Oid[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
const char kCtlOid[] = "1.3.6.1.4.1.311.10.1";

struct Pkcs7Free {
  void operator()(PKCS7* p) const { PKCS7_free(p); }
};

// Windows FILETIME (100 ns since 1601-01-01) -> Unix seconds.
Result<UnixTime> FileTime(der::Input v) {
  if (v.size() != 8) return MakeError(ErrorKind::kFormat, "a FILETIME property is not 8 bytes");
  uint64_t t = 0;
  for (size_t i = 8; i-- > 0;) t = (t << 8) | v.data()[i];
  return static_cast<UnixTime>(t / 10000000ull) - 11644473600ll;
}

// SEQUENCE OF OBJECT IDENTIFIER -> OIDs.
Result<std::vector<der::Input>> OidList(der::Input v, const char* what) {
  der::Parser outer(v);
  auto seq = outer.ReadSequence(what);
  if (!seq.ok()) return seq.error();
  std::vector<der::Input> out;
  while (seq->HasMore()) {
    auto o = seq->Read(der::kOid, what);
    if (!o.ok()) return o.error();
    out.push_back(*o);
  }
  if (auto st = outer.Finish(what); !st.ok()) return st.error();
  return out;
}

bool Has(const std::vector<std::string>& oids, const der::Input& oid) {
  const std::string want = der::OidToString(oid);
  for (const auto& o : oids) {
    if (o == want) return true;
  }
  return false;
}

using Subject = AuthrootSubject;

Result<std::vector<Subject>> ParseCtl(der::Input ctl) {
  der::Parser top(ctl);
  auto p = top.ReadSequence("CertificateTrustList");
  if (!p.ok()) return p.error();
  der::Tag tag = 0;
  if (p->PeekTag(&tag) && tag == der::kInteger) {
    if (auto v = p->Read(der::kInteger, "CertificateTrustList.version"); !v.ok()) return v.error();
  }
  if (auto u = p->ReadSequence("CertificateTrustList.subjectUsage"); !u.ok()) return u.error();
  if (auto li = p->ReadOptional(der::kOctetString, "CertificateTrustList.listIdentifier"); !li.ok()) return li.error();
  if (auto sn = p->ReadOptional(der::kInteger, "CertificateTrustList.sequenceNumber"); !sn.ok()) return sn.error();
  if (!p->PeekTag(&tag) || (tag != der::kUtcTime && tag != der::kGeneralizedTime)) {
    return MakeError(ErrorKind::kFormat, "CertificateTrustList.ctlThisUpdate: expected a time");
  }
  if (auto t = p->ReadAny(); !t.ok()) return t.error();
  if (p->PeekTag(&tag) && (tag == der::kUtcTime || tag == der::kGeneralizedTime)) {
    if (auto t = p->ReadAny(); !t.ok()) return t.error();
  }
  auto alg = p->ReadSequence("CertificateTrustList.subjectAlgorithm");
  if (!alg.ok()) return alg.error();
  auto alg_oid = alg->Read(der::kOid, "subjectAlgorithm.algorithm");
  if (!alg_oid.ok()) return alg_oid.error();
  if (*alg_oid != der::Input(kSha1Oid, sizeof kSha1Oid)) {
    return MakeError(ErrorKind::kUnsupported, "CertificateTrustList.subjectAlgorithm is " + der::OidToString(*alg_oid) +
                                                  ", not SHA-1 (1.3.14.3.2.26): not a root CTL");
  }
  std::vector<Subject> out;
  if (p->PeekTag(&tag) && tag == der::kSequence) {
    auto subjects = p->ReadSequence("CertificateTrustList.trustedSubjects");
    if (!subjects.ok()) return subjects.error();
    while (subjects->HasMore()) {
      auto ts = subjects->ReadSequence("TrustedSubject");
      if (!ts.ok()) return ts.error();
      auto id = ts->Read(der::kOctetString, "TrustedSubject.subjectIdentifier");
      if (!id.ok()) return id.error();
      if (id->size() != 20) return MakeError(ErrorKind::kFormat, "TrustedSubject.subjectIdentifier is not a SHA-1 (20 bytes)");
      Subject s;
      std::copy(id->data(), id->data() + 20, s.sha1.begin());
      auto attrs = ts->ReadOptional(der::kSet, "TrustedSubject.subjectAttributes");
      if (!attrs.ok()) return attrs.error();
      if (attrs->tag != 0) {
        der::Parser ap(attrs->value);
        while (ap.HasMore()) {
          auto a = ap.ReadSequence("Attribute");
          if (!a.ok()) return a.error();
          auto type = a->Read(der::kOid, "Attribute.type");
          if (!type.ok()) return type.error();
          auto values = a->Read(der::kSet, "Attribute.values");
          if (!values.ok()) return values.error();
          if (auto st = a->Finish("Attribute"); !st.ok()) return st.error();
          der::Parser vp(*values);
          auto v = vp.Read(der::kOctetString, "Attribute.values[0]");
          if (!v.ok()) return v.error();
          auto is = [&](uint8_t n) { auto o = MsProp(n); return *type == der::Input(o.data(), o.size()); };
          if (is(9) || is(122) || is(127)) {
            auto list = OidList(*v, "EKU property");
            if (!list.ok()) return list.error();
            std::vector<std::string> names;
            for (const der::Input& o : *list) names.push_back(der::OidToString(o));
            (is(9) ? s.eku : is(122) ? s.disallowed_eku : s.not_before_eku) = std::move(names);
          } else if (is(104) || is(126)) {
            auto t = FileTime(*v);
            if (!t.ok()) return t.error();
            (is(104) ? s.disabled : s.not_before) = *t;
          }
        }
      }
      if (auto st = ts->Finish("TrustedSubject"); !st.ok()) return st.error();
      out.push_back(std::move(s));
    }
  }
  // ctlExtensions [0] may follow; nothing after it.
  if (p->PeekTag(&tag) && tag == der::ContextSpecificConstructed(0)) {
    if (auto e = p->ReadAny(); !e.ok()) return e.error();
  }
  if (auto st = p->Finish("CertificateTrustList"); !st.ok()) return st.error();
  if (auto st = top.Finish("authroot.stl content"); !st.ok()) return st.error();
  return out;
}

}  // namespace

Result<std::vector<AuthrootSubject>> ParseAuthrootStl(std::string_view bytes, const std::string& name) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::unique_ptr<PKCS7, Pkcs7Free> p7(d2i_PKCS7(nullptr, &p, static_cast<long>(bytes.size())));
  if (!p7 || p != reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size()) {
    ERR_clear_error();
    return MakeError(ErrorKind::kFormat, name + ": not a PKCS#7 structure (truncated, or not authroot.stl)");
  }
  if (!PKCS7_type_is_signed(p7.get()) || p7->d.sign == nullptr || p7->d.sign->contents == nullptr) {
    return MakeError(ErrorKind::kFormat, name + ": PKCS#7 but not SignedData: not a certificate trust list");
  }
  PKCS7* inner = p7->d.sign->contents;
  char type[80] = "";
  OBJ_obj2txt(type, sizeof type, inner->type, 1);
  if (std::string(type) != kCtlOid) {
    return MakeError(ErrorKind::kFormat, name + ": SignedData of content type " + type +
                                             ", not a certificate trust list (" + kCtlOid + ")");
  }
  ASN1_TYPE* other = inner->d.other;
  der::Input ctl;
  if (other != nullptr && other->type == V_ASN1_SEQUENCE && other->value.sequence != nullptr) {
    ctl = der::Input(other->value.sequence->data, static_cast<size_t>(other->value.sequence->length));
  } else if (other != nullptr && other->type == V_ASN1_OCTET_STRING && other->value.octet_string != nullptr) {
    ctl = der::Input(other->value.octet_string->data, static_cast<size_t>(other->value.octet_string->length));
  } else {
    return MakeError(ErrorKind::kFormat, name + ": the certificate trust list has no content");
  }
  auto subjects = ParseCtl(ctl);
  if (!subjects.ok()) return MakeError(ErrorKind::kFormat, name + ": " + subjects.error().message);
  return subjects;
}

Result<ImportedSnapshot> ImportMicrosoftAuthroot(const std::string& stl_path, const std::string& certs_dir,
                                                 const ImportOptions& options) {
  if (auto st = CheckOptions(options, true); !st.ok()) return st.error();
  if (certs_dir.empty()) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "--certs DIR is required: the folder of the root certificates authroot.stl names (<SHA1>.crt)");
  }
  auto bytes = ReadFile(stl_path);
  if (!bytes.ok()) return bytes.error();
  auto subjects = ParseAuthrootStl(*bytes, stl_path);
  if (!subjects.ok()) return subjects.error();
  if (subjects->empty()) return MakeError(ErrorKind::kFormat, stl_path + ": the trust list names no root");

  // The certificate files, by SHA-1.
  std::map<std::array<uint8_t, 20>, CertificatePtr> by_sha1;
  std::error_code ec;
  if (!std::filesystem::is_directory(certs_dir, ec)) return MakeError(ErrorKind::kIo, certs_dir + ": not a folder");
  for (const auto& e : std::filesystem::directory_iterator(certs_dir, ec)) {
    if (!e.is_regular_file(ec)) continue;
    auto certs = LoadCertificatesFromFile(e.path().string());
    if (!certs.ok()) continue;  // READMEs and the like
    for (const auto& c : *certs) by_sha1[c->Sha1()] = c;
  }
  if (ec) return MakeError(ErrorKind::kIo, certs_dir + ": " + ec.message());

  ImportedSnapshot out;
  out.platform = "windows";
  out.version = options.version;
  out.date = options.date;
  out.source = options.source;
  const UnixTime as_of = *ParseRfc3339(options.date + "T23:59:59Z");
  for (const Subject& s : *subjects) {
    auto it = by_sha1.find(s.sha1);
    if (it == by_sha1.end()) {
      std::string hex;
      static const char* d = "0123456789ABCDEF";
      for (uint8_t b : s.sha1) (hex += d[b >> 4]) += d[b & 15];
      return MakeError(ErrorKind::kIo, certs_dir + ": no certificate file for root " + hex +
                                           " (Microsoft publishes it as " + hex + ".crt)");
    }
    const CertificatePtr& cert = it->second;
    out.certificates.push_back(cert);
    const bool server = !s.eku || Has(*s.eku, oid::kEkuServerAuth);
    const bool disallowed = s.disallowed_eku && Has(*s.disallowed_eku, oid::kEkuServerAuth);
    const bool disabled = s.disabled && *s.disabled <= as_of;
    if (!server || disallowed || disabled) continue;
    out.trusted.push_back(cert->sha256());
    if (s.not_before && (!s.not_before_eku || Has(*s.not_before_eku, oid::kEkuServerAuth))) {
      ImportedAnchor a;
      a.sha256 = cert->sha256();
      a.server_distrust_after = *s.not_before;
      out.anchors.push_back(std::move(a));
    }
  }
  if (out.trusted.empty()) return MakeError(ErrorKind::kFormat, stl_path + ": no root trusted for server authentication");
  Finish(&out);
  return out;
}

}  // namespace trustready
