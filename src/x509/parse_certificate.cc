// Certificate parsing, RFC 5280 section 4.
//
//   Certificate  ::=  SEQUENCE  {
//        tbsCertificate       TBSCertificate,
//        signatureAlgorithm   AlgorithmIdentifier,
//        signatureValue       BIT STRING  }
//
//   TBSCertificate  ::=  SEQUENCE  {
//        version         [0]  EXPLICIT Version DEFAULT v1,
//        serialNumber         CertificateSerialNumber,
//        signature            AlgorithmIdentifier,
//        issuer               Name,
//        validity             Validity,
//        subject              Name,
//        subjectPublicKeyInfo SubjectPublicKeyInfo,
//        issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
//        subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
//        extensions      [3]  EXPLICIT Extensions OPTIONAL }
//
// Leniencies, each because real, still-trusted roots need it: RSA signature
// AlgorithmIdentifiers may omit the NULL parameters; an explicitly encoded
// DEFAULT (version v1, critical FALSE, cA FALSE) is accepted.
// Not checked here: anything that needs another certificate or a time.
#include "trustready/x509/parse_certificate.h"

#include <set>

#include "trustready/x509/time.h"
#include "x509/extensions.h"
#include "x509/parse_util.h"

namespace trustready {
namespace {

using der::Input;
using der::Parser;

constexpr uint8_t kRsaEncryption[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
constexpr uint8_t kRsaPssOid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
constexpr uint8_t kMgf1[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
constexpr uint8_t kEcPublicKey[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
constexpr uint8_t kEd25519[] = {0x2b, 0x65, 0x70};
constexpr uint8_t kEd448[] = {0x2b, 0x65, 0x71};
constexpr uint8_t kDsa[] = {0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01};
constexpr uint8_t kP256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
constexpr uint8_t kP384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
constexpr uint8_t kP521[] = {0x2b, 0x81, 0x04, 0x00, 0x23};
constexpr uint8_t kSecp256k1[] = {0x2b, 0x81, 0x04, 0x00, 0x0a};

struct SigOid {
  uint8_t oid[10];
  size_t len;
  SignatureAlgorithm alg;
  bool rsa_null_params;  // parameters NULL (or absent); else must be absent
};
const SigOid kSigOids[] = {
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02}, 9, SignatureAlgorithm::kRsaPkcs1Md2, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04}, 9, SignatureAlgorithm::kRsaPkcs1Md5, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05}, 9, SignatureAlgorithm::kRsaPkcs1Sha1, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}, 9, SignatureAlgorithm::kRsaPkcs1Sha256, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c}, 9, SignatureAlgorithm::kRsaPkcs1Sha384, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d}, 9, SignatureAlgorithm::kRsaPkcs1Sha512, true},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e}, 9, SignatureAlgorithm::kRsaPkcs1Sha224, true},
    {{0x2b, 0x0e, 0x03, 0x02, 0x1d}, 5, SignatureAlgorithm::kRsaPkcs1Sha1, true},  // OIW sha1WithRSA
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01}, 7, SignatureAlgorithm::kEcdsaSha1, false},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01}, 8, SignatureAlgorithm::kEcdsaSha224, false},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}, 8, SignatureAlgorithm::kEcdsaSha256, false},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}, 8, SignatureAlgorithm::kEcdsaSha384, false},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04}, 8, SignatureAlgorithm::kEcdsaSha512, false},
    {{0x2b, 0x65, 0x70}, 3, SignatureAlgorithm::kEd25519, false},
    {{0x2b, 0x65, 0x71}, 3, SignatureAlgorithm::kEd448, false},
    {{0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03}, 7, SignatureAlgorithm::kDsaSha1, false},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02}, 9, SignatureAlgorithm::kDsaSha256, false},
};

struct DigestOid {
  uint8_t oid[9];
  size_t len;
  DigestAlgorithm alg;
};
const DigestOid kDigestOids[] = {
    {{0x2b, 0x0e, 0x03, 0x02, 0x1a}, 5, DigestAlgorithm::kSha1},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, 9, DigestAlgorithm::kSha256},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02}, 9, DigestAlgorithm::kSha384},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03}, 9, DigestAlgorithm::kSha512},
    {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04}, 9, DigestAlgorithm::kSha224},
};

// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
Status ParseAlgorithmIdentifierInner(Parser* outer, std::string_view what, AlgorithmIdentifier* out) {
  auto e = outer->ReadElement(der::kSequence, what);
  if (!e.ok()) return e.error();
  out->encoded = e->encoded;
  Parser p(e->value, outer->base());
  auto oid = p.Read(der::kOid, "AlgorithmIdentifier.algorithm");
  if (!oid.ok()) return oid.error();
  TR_TRY(der::CheckOid(*oid));
  out->oid = *oid;
  if (p.HasMore()) {
    auto params = p.ReadAny();
    if (!params.ok()) return params.error();
    out->parameters = params->encoded;
  }
  return p.Finish("AlgorithmIdentifier");
}

Result<DigestAlgorithm> ParseHashAlgorithm(Input tlv) {
  AlgorithmIdentifier ai;
  Parser p(tlv);
  TR_TRY(ParseAlgorithmIdentifierInner(&p, "HashAlgorithm", &ai));
  // parameters: absent or NULL
  if (!ai.parameters.empty() && !(ai.parameters.size() == 2 && ai.parameters[0] == 0x05 && ai.parameters[1] == 0)) {
    return MakeError(ErrorKind::kBadValue, "x509.hash_parameters", "hash AlgorithmIdentifier parameters must be NULL or absent");
  }
  for (const auto& d : kDigestOids) {
    if (Input(d.oid, d.len) == ai.oid) return d.alg;
  }
  return MakeError(ErrorKind::kUnsupported, "x509.hash_unsupported", "unsupported hash algorithm " + der::OidToString(ai.oid));
}

// RSASSA-PSS-params ::= SEQUENCE {
//    hashAlgorithm      [0] HashAlgorithm    DEFAULT sha1,
//    maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
//    saltLength         [2] INTEGER          DEFAULT 20,
//    trailerField       [3] TrailerField     DEFAULT trailerFieldBC }
Status ParsePssParams(Input tlv, PssParams* out) {
  Parser outer(tlv);
  auto seq = outer.ReadSequence("RSASSA-PSS-params");
  if (!seq.ok()) return seq.error();
  TR_TRY(outer.Finish("RSASSA-PSS-params"));
  Parser p = *seq;
  auto h = p.ReadOptional(der::ContextSpecificConstructed(0), "hashAlgorithm");
  if (!h.ok()) return h.error();
  if (h->tag) {
    auto d = ParseHashAlgorithm(h->value);
    if (!d.ok()) return d.error();
    out->hash = *d;
  }
  auto m = p.ReadOptional(der::ContextSpecificConstructed(1), "maskGenAlgorithm");
  if (!m.ok()) return m.error();
  if (m->tag) {
    AlgorithmIdentifier mgf;
    Parser mp(m->value);
    TR_TRY(ParseAlgorithmIdentifierInner(&mp, "MaskGenAlgorithm", &mgf));
    TR_TRY(mp.Finish("maskGenAlgorithm"));
    if (!(mgf.oid == Input(kMgf1))) return MakeError(ErrorKind::kUnsupported, "x509.pss_mgf_unsupported", "PSS mask generation is not MGF1");
    auto d = ParseHashAlgorithm(mgf.parameters);
    if (!d.ok()) return d.error();
    out->mgf1_hash = *d;
  }
  auto s = p.ReadOptional(der::ContextSpecificConstructed(2), "saltLength");
  if (!s.ok()) return s.error();
  if (s->tag) {
    Parser sp(s->value);
    auto v = sp.Read(der::kInteger, "saltLength");
    if (!v.ok()) return v.error();
    auto n = der::ParseInt64(*v);
    if (!n.ok()) return n.error();
    if (*n < 0 || *n > 1024) return MakeError(ErrorKind::kBadValue, "x509.pss_salt_length", "PSS saltLength out of range");
    out->salt_length = static_cast<int>(*n);
    TR_TRY(sp.Finish("saltLength"));
  }
  auto t = p.ReadOptional(der::ContextSpecificConstructed(3), "trailerField");
  if (!t.ok()) return t.error();
  if (t->tag) {
    Parser tp(t->value);
    auto v = tp.Read(der::kInteger, "trailerField");
    if (!v.ok()) return v.error();
    auto n = der::ParseInt64(*v);
    if (!n.ok() || *n != 1) return MakeError(ErrorKind::kBadValue, "x509.pss_trailer_field", "PSS trailerField must be 1");
  }
  return p.Finish("RSASSA-PSS-params");
}

int BitLength(Input integer) {
  size_t i = 0;
  while (i < integer.size() && integer[i] == 0) ++i;
  if (i == integer.size()) return 0;
  int bits = static_cast<int>((integer.size() - i - 1) * 8);
  for (uint8_t b = integer[i]; b; b >>= 1) ++bits;
  return bits;
}

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//                                     subjectPublicKey BIT STRING }
Status ParseSpki(Parser* tbs, PublicKeyInfo* out) {
  auto e = tbs->ReadElement(der::kSequence, "SubjectPublicKeyInfo");
  if (!e.ok()) return e.error();
  out->encoded = e->encoded;
  Parser p(e->value, tbs->base());
  TR_TRY(ParseAlgorithmIdentifierInner(&p, "SubjectPublicKeyInfo.algorithm", &out->algorithm));
  auto bits = p.Read(der::kBitString, "SubjectPublicKeyInfo.subjectPublicKey");
  if (!bits.ok()) return bits.error();
  auto bs = der::ParseBitString(*bits);
  if (!bs.ok()) return bs.error();
  if (bs->unused_bits) return MakeError(ErrorKind::kBadValue, "x509.spki_unused_bits", "subjectPublicKey has unused bits");
  out->key = bs->bytes;
  TR_TRY(p.Finish("SubjectPublicKeyInfo"));

  const Input alg = out->algorithm.oid;
  if (alg == Input(kRsaEncryption)) {
    out->type = KeyType::kRsa;
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    Parser kp(out->key);
    auto seq = kp.ReadSequence("RSAPublicKey");
    if (!seq.ok()) return seq.error();
    TR_TRY(kp.Finish("RSAPublicKey"));
    auto n = seq->Read(der::kInteger, "RSAPublicKey.modulus");
    if (!n.ok()) return n.error();
    TR_TRY(der::CheckInteger(*n));
    auto ex = seq->Read(der::kInteger, "RSAPublicKey.publicExponent");
    if (!ex.ok()) return ex.error();
    TR_TRY(der::CheckInteger(*ex));
    TR_TRY(seq->Finish("RSAPublicKey"));
    if ((*n)[0] & 0x80) return MakeError(ErrorKind::kBadValue, "x509.rsa_modulus_negative", "RSA modulus is negative");
    out->rsa_modulus = *n;
    out->rsa_exponent = *ex;
    out->bits = BitLength(*n);
  } else if (alg == Input(kRsaPssOid)) {
    out->type = KeyType::kRsa;
    Parser kp(out->key);
    auto seq = kp.ReadSequence("RSAPublicKey");
    if (!seq.ok()) return seq.error();
    auto n = seq->Read(der::kInteger, "RSAPublicKey.modulus");
    if (!n.ok()) return n.error();
    out->rsa_modulus = *n;
    out->bits = BitLength(*n);
  } else if (alg == Input(kEcPublicKey)) {
    out->type = KeyType::kEc;
    Parser pp(out->algorithm.parameters);
    auto curve = pp.Read(der::kOid, "ECParameters.namedCurve");
    if (!curve.ok()) {
      return MakeError(ErrorKind::kUnsupported, "x509.ec_explicit_curve", "EC key without a named curve (explicit parameters are not supported)");
    }
    if (*curve == Input(kP256)) { out->curve = NamedCurve::kP256; out->bits = 256; }
    else if (*curve == Input(kP384)) { out->curve = NamedCurve::kP384; out->bits = 384; }
    else if (*curve == Input(kP521)) { out->curve = NamedCurve::kP521; out->bits = 521; }
    else if (*curve == Input(kSecp256k1)) { out->curve = NamedCurve::kSecp256k1; out->bits = 256; }
    if (out->key.empty() || (out->key[0] != 0x04 && out->key[0] != 0x02 && out->key[0] != 0x03)) {
      return MakeError(ErrorKind::kBadValue, "x509.ec_point_invalid", "EC public key is not an X9.62 point");
    }
  } else if (alg == Input(kEd25519)) {
    out->type = KeyType::kEd25519;
    out->bits = 256;
    if (!out->algorithm.parameters.empty() || out->key.size() != 32) {
      return MakeError(ErrorKind::kBadValue, "x509.ed25519_key_invalid", "Ed25519 key must be 32 octets with no parameters");
    }
  } else if (alg == Input(kEd448)) {
    out->type = KeyType::kEd448;
    out->bits = 456;
    if (!out->algorithm.parameters.empty() || out->key.size() != 57) {
      return MakeError(ErrorKind::kBadValue, "x509.ed448_key_invalid", "Ed448 key must be 57 octets with no parameters");
    }
  } else if (alg == Input(kDsa)) {
    out->type = KeyType::kDsa;
    // Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }
    Parser pp(out->algorithm.parameters);
    auto seq = pp.ReadSequence("Dss-Parms");
    if (seq.ok()) {
      auto prime = seq->Read(der::kInteger, "Dss-Parms.p");
      if (prime.ok()) out->bits = BitLength(*prime);
    }
  }
  return {};
}

// Validity ::= SEQUENCE { notBefore Time, notAfter Time }
Status ParseValidity(Parser* tbs, ParsedCertificate* out) {
  auto seq = tbs->ReadSequence("Validity");
  if (!seq.ok()) return seq.error();
  for (UnixTime* t : {&out->not_before, &out->not_after}) {
    auto e = seq->ReadAny();
    if (!e.ok()) return e.error();
    auto v = ParseX509Time(e->tag, e->value);
    if (!v.ok()) {
      Error err = v.error();
      err.message = std::string(t == &out->not_before ? "notBefore" : "notAfter") + ": " + err.message;
      return err;
    }
    // RFC 5280: dates through 2049 MUST be UTCTime. Recorded, not refused:
    // some deployed certificates break the rule; verify/ decides.
    if (e->tag == der::kGeneralizedTime && *v < 2524608000 /* 2050-01-01 */) {
      out->generalized_time_before_2050 = true;
    }
    *t = *v;
  }
  return seq->Finish("Validity");
}

Status ParseUniqueId(Parser* tbs, der::Tag tag, std::optional<der::BitString>* out) {
  auto e = tbs->ReadOptional(tag, "UniqueIdentifier");
  if (!e.ok()) return e.error();
  if (!e->tag) return {};
  auto bs = der::ParseBitString(e->value);
  if (!bs.ok()) return bs.error();
  *out = *bs;
  return {};
}

Status ParseExtensionsBlock(Parser* tbs, ParsedCertificate* out) {
  auto e = tbs->ReadOptional(der::ContextSpecificConstructed(3), "extensions");
  if (!e.ok()) return e.error();
  if (!e->tag) return {};
  if (out->version != 3) {
    return MakeError(ErrorKind::kBadValue, "x509.extensions_in_v1_v2", "extensions present in a v" + std::to_string(out->version) + " certificate");
  }
  Parser wrapper(e->value, tbs->base());
  auto seq = wrapper.ReadSequence("Extensions");
  if (!seq.ok()) return seq.error();
  TR_TRY(wrapper.Finish("extensions"));
  if (!seq->HasMore()) return MakeError(ErrorKind::kBadValue, "x509.extensions_empty", "Extensions is an empty SEQUENCE");
  // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
  //                          extnValue OCTET STRING }
  TR_TRY(x509_internal::ParseExtensionList(&*seq, &out->extensions));
  for (Extension& ext : out->extensions) {
    auto understood = ParseKnownExtension(ext, out);
    if (!understood.ok()) {
      Error err = understood.error();
      err.message = "extension " + ExtensionName(ext.oid) + ": " + err.message;
      // Extension values are parsed from their own bytes: rebase offsets.
      err.offset = err.offset == Error::npos
                       ? static_cast<size_t>(ext.value.data() - tbs->base())
                       : err.offset + static_cast<size_t>(ext.value.data() - tbs->base());
      return err;
    }
    ext.understood = *understood;
  }
  return {};
}

}  // namespace


namespace x509_internal {

Status ParseSignatureAlgorithm(der::Parser* p, std::string_view what, AlgorithmIdentifier* out) {
  TR_TRY(ParseAlgorithmIdentifierInner(p, what, out));
  if (out->oid == Input(kRsaPssOid)) {
    out->signature = SignatureAlgorithm::kRsaPss;
    if (out->parameters.empty()) {
      return MakeError(ErrorKind::kBadValue, "x509.pss_parameters_missing", std::string(what) + ": RSASSA-PSS requires parameters");
    }
    return ParsePssParams(out->parameters, &out->pss);
  }
  for (const auto& s : kSigOids) {
    if (Input(s.oid, s.len) != out->oid) continue;
    out->signature = s.alg;
    const bool is_null = out->parameters.size() == 2 && out->parameters[0] == 0x05 && out->parameters[1] == 0;
    if (s.rsa_null_params ? !(out->parameters.empty() || is_null) : !out->parameters.empty()) {
      // DSA with parameters is a legacy form; refuse everything else.
      return MakeError(ErrorKind::kBadValue, "x509.signature_parameters",
                       std::string(what) + ": unexpected parameters for " +
                           std::string(SignatureAlgorithmName(s.alg)));
    }
    return {};
  }
  out->signature = SignatureAlgorithm::kUnknown;  // kept; verify/ refuses it
  return {};
}

Status ParseExtensionList(der::Parser* seq, std::vector<Extension>* out) {
  if (!seq->HasMore()) return MakeError(ErrorKind::kBadValue, "x509.extensions_empty", "Extensions is an empty SEQUENCE");
  std::set<std::string_view> seen;
  for (const Extension& e : *out) seen.insert(e.oid.AsStringView());
  while (seq->HasMore()) {
    const size_t at = seq->Offset();
    auto ext_seq = seq->ReadSequence("Extension");
    if (!ext_seq.ok()) return ext_seq.error();
    Extension ext;
    auto oid = ext_seq->Read(der::kOid, "Extension.extnID");
    if (!oid.ok()) return oid.error();
    TR_TRY(der::CheckOid(*oid));
    ext.oid = *oid;
    auto crit = ext_seq->ReadOptional(der::kBoolean, "Extension.critical");
    if (!crit.ok()) return crit.error();
    if (crit->tag) {
      auto b = der::ParseBoolean(crit->value);
      if (!b.ok()) return b.error();
      ext.critical = *b;
    }
    auto value = ext_seq->Read(der::kOctetString, "Extension.extnValue");
    if (!value.ok()) return value.error();
    ext.value = *value;
    TR_TRY(ext_seq->Finish("Extension"));
    if (!seen.insert(ext.oid.AsStringView()).second) {
      return MakeError(ErrorKind::kDuplicateExtension, "x509.extension_duplicate", "duplicate extension " + der::OidToString(ext.oid), at);
    }
    out->push_back(ext);
  }
  return {};
}

Result<UnixTime> ReadTime(der::Parser* p, std::string_view what) {
  auto e = p->ReadAny();
  if (!e.ok()) return e.error();
  if (e->tag != der::kUtcTime && e->tag != der::kGeneralizedTime) {
    return MakeError(ErrorKind::kBadTag, "x509.time_wrong_tag", std::string(what) + " is not a Time");
  }
  auto t = ParseX509Time(e->tag, e->value);
  if (!t.ok()) return WithContext(t.error(), what);
  return t;
}

}  // namespace x509_internal

Status ParseCertificate(der::Input der, ParsedCertificate* out) {
  *out = ParsedCertificate{};
  Parser top(der);
  auto cert_e = top.ReadElement(der::kSequence, "Certificate");
  if (!cert_e.ok()) return cert_e.error();
  TR_TRY(top.Finish("Certificate"));
  out->der = cert_e->encoded;
  Parser cert(cert_e->value, der.data());

  auto tbs_e = cert.ReadElement(der::kSequence, "TBSCertificate");
  if (!tbs_e.ok()) return tbs_e.error();
  out->tbs = tbs_e->encoded;
  TR_TRY(x509_internal::ParseSignatureAlgorithm(&cert, "Certificate.signatureAlgorithm", &out->signature_algorithm));
  auto sig = cert.Read(der::kBitString, "Certificate.signatureValue");
  if (!sig.ok()) return sig.error();
  auto sig_bits = der::ParseBitString(*sig);
  if (!sig_bits.ok()) return sig_bits.error();
  out->signature = sig_bits->bytes;
  TR_TRY(cert.Finish("Certificate"));

  Parser tbs(tbs_e->value, der.data());
  auto ver = tbs.ReadOptional(der::ContextSpecificConstructed(0), "TBSCertificate.version");
  if (!ver.ok()) return ver.error();
  if (ver->tag) {
    Parser vp(ver->value, der.data());
    auto v = vp.Read(der::kInteger, "Version");
    if (!v.ok()) return v.error();
    TR_TRY(vp.Finish("Version"));
    auto n = der::ParseInt64(*v);
    if (!n.ok()) return n.error();
    if (*n < 0 || *n > 2) return MakeError(ErrorKind::kBadValue, "x509.version_unknown", "unknown certificate version " + std::to_string(*n));
    out->version = static_cast<int>(*n) + 1;
  }
  auto serial = tbs.Read(der::kInteger, "TBSCertificate.serialNumber");
  if (!serial.ok()) return serial.error();
  TR_TRY(der::CheckInteger(*serial));
  out->serial = *serial;

  AlgorithmIdentifier inner;
  TR_TRY(x509_internal::ParseSignatureAlgorithm(&tbs, "TBSCertificate.signature", &inner));
  // RFC 5280 4.1.1.2: signatureAlgorithm MUST equal TBSCertificate.signature.
  if (inner.encoded != out->signature_algorithm.encoded) {
    return MakeError(ErrorKind::kAlgorithmMismatch, "x509.signature_algorithm_mismatch",
                     "TBSCertificate.signature differs from Certificate.signatureAlgorithm");
  }

  auto issuer = tbs.ReadElement(der::kSequence, "TBSCertificate.issuer");
  if (!issuer.ok()) return issuer.error();
  out->issuer.encoded = issuer->encoded;
  TR_TRY(ParseRdnSequence(issuer->value, &out->issuer));
  TR_TRY(ParseValidity(&tbs, out));
  auto subject = tbs.ReadElement(der::kSequence, "TBSCertificate.subject");
  if (!subject.ok()) return subject.error();
  out->subject.encoded = subject->encoded;
  TR_TRY(ParseRdnSequence(subject->value, &out->subject));
  TR_TRY(ParseSpki(&tbs, &out->spki));
  if (out->version >= 2) {
    TR_TRY(ParseUniqueId(&tbs, der::ContextSpecificPrimitive(1), &out->issuer_unique_id));
    TR_TRY(ParseUniqueId(&tbs, der::ContextSpecificPrimitive(2), &out->subject_unique_id));
  }
  TR_TRY(ParseExtensionsBlock(&tbs, out));
  return tbs.Finish("TBSCertificate");
}

std::vector<const Extension*> ParsedCertificate::UnhandledCriticalExtensions() const {
  std::vector<const Extension*> out;
  for (const auto& e : extensions) {
    if (e.critical && !e.understood) out.push_back(&e);
  }
  return out;
}

const Extension* ParsedCertificate::FindExtension(der::Input oid) const {
  for (const auto& e : extensions) {
    if (e.oid == oid) return &e;
  }
  return nullptr;
}

}  // namespace trustready
