// CRL parsing, RFC 5280 section 5 (grammar in crl.h).
//
// Strict as the certificate parser is, and with its pieces
// (x509/parse_util.h): DER only, every structure consumed. Not checked
// here: signature, times, scope (verify/revocation.cc does that).
#include "trustready/x509/crl.h"

#include "trustready/x509/pem.h"
#include "x509/encode.h"
#include "x509/extensions.h"
#include "x509/parse_util.h"

namespace trustready {
namespace {

using der::Input;
using der::Parser;

// id-ce 2.5.29.x
constexpr uint8_t kIssuerAltName[] = {0x55, 0x1d, 0x12};
constexpr uint8_t kCrlNumber[] = {0x55, 0x1d, 0x14};
constexpr uint8_t kReasonCode[] = {0x55, 0x1d, 0x15};
constexpr uint8_t kInvalidityDate[] = {0x55, 0x1d, 0x18};
constexpr uint8_t kDeltaCrlIndicator[] = {0x55, 0x1d, 0x1b};
constexpr uint8_t kIssuingDistributionPoint[] = {0x55, 0x1d, 0x1c};
constexpr uint8_t kAuthorityKeyId[] = {0x55, 0x1d, 0x23};
constexpr uint8_t kFreshestCrl[] = {0x55, 0x1d, 0x2e};
constexpr uint8_t kCertificateIssuer[] = {0x55, 0x1d, 0x1d};

using x509_internal::ReadTime;

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, from the contents
// of the SEQUENCE.
Status ParseExtensionList(Input seq_contents, std::vector<Extension>* out) {
  Parser p(seq_contents);
  return x509_internal::ParseExtensionList(&p, out);
}

// IssuingDistributionPoint ::= SEQUENCE {
//      distributionPoint          [0] DistributionPointName OPTIONAL,
//      onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
//      onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
//      onlySomeReasons            [3] ReasonFlags OPTIONAL,
//      indirectCRL                [4] BOOLEAN DEFAULT FALSE,
//      onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
Status ParseIdp(Input value, IssuingDistributionPoint* out) {
  out->encoded = value;
  Parser outer(value);
  auto seq = outer.ReadSequence("IssuingDistributionPoint");
  if (!seq.ok()) return seq.error();
  TR_TRY(outer.Finish("IssuingDistributionPoint"));
  Parser p = *seq;
  auto dp = p.ReadOptional(der::ContextSpecificConstructed(0), "distributionPoint");
  if (!dp.ok()) return dp.error();
  if (dp->tag) {
    Parser dpp(dp->value);
    auto choice = dpp.ReadAny();
    if (!choice.ok()) return choice.error();
    if (choice->tag == der::ContextSpecificConstructed(0)) {
      GeneralNames names;
      TR_TRY(ParseGeneralNamesContents(choice->value, false, &names));
      out->full_name = std::move(names.names);
    } else if (choice->tag == der::ContextSpecificConstructed(1)) {
      out->has_relative_name = true;
      out->relative_name = choice->value;
    } else {
      return MakeError(ErrorKind::kBadTag, "x509.distribution_point_name_unknown_tag", "DistributionPointName has an unknown tag");
    }
    TR_TRY(dpp.Finish("distributionPoint"));
  }
  auto read_bool = [&p](uint8_t n, bool* field, const char* what) -> Status {
    auto e = p.ReadOptional(der::ContextSpecificPrimitive(n), what);
    if (!e.ok()) return e.error();
    if (e->tag) {
      auto b = der::ParseBoolean(e->value);
      if (!b.ok()) return b.error();
      // DER: a DEFAULT value is never encoded.
      if (!*b) return MakeError(ErrorKind::kBadValue, "crl.default_encoded", std::string(what) + " encodes its DEFAULT");
      *field = true;
    }
    return {};
  };
  TR_TRY(read_bool(1, &out->only_user_certs, "onlyContainsUserCerts"));
  TR_TRY(read_bool(2, &out->only_ca_certs, "onlyContainsCACerts"));
  auto reasons = p.ReadOptional(der::ContextSpecificPrimitive(3), "onlySomeReasons");
  if (!reasons.ok()) return reasons.error();
  if (reasons->tag) {
    auto bs = der::ParseBitString(reasons->value);
    if (!bs.ok()) return bs.error();
    out->only_some_reasons = *bs;
  }
  TR_TRY(read_bool(4, &out->indirect_crl, "indirectCRL"));
  TR_TRY(read_bool(5, &out->only_attribute_certs, "onlyContainsAttributeCerts"));
  return p.Finish("IssuingDistributionPoint");
}

Status ParseCrlExtensions(ParsedCrl* out) {
  for (const Extension& ext : out->extensions) {
    Parser p(ext.value);
    if (ext.oid == Input(kCrlNumber)) {
      auto n = p.Read(der::kInteger, "CRLNumber");
      if (!n.ok()) return n.error();
      TR_TRY(der::CheckInteger(*n));
      TR_TRY(p.Finish("CRLNumber"));
      out->crl_number = *n;
    } else if (ext.oid == Input(kAuthorityKeyId)) {
      // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] ..., ... }
      auto seq = p.ReadSequence("AuthorityKeyIdentifier");
      if (!seq.ok()) return seq.error();
      TR_TRY(p.Finish("AuthorityKeyIdentifier"));
      auto kid = seq->ReadOptional(der::ContextSpecificPrimitive(0), "keyIdentifier");
      if (!kid.ok()) return kid.error();
      if (kid->tag) out->authority_key_id = kid->value;
    } else if (ext.oid == Input(kIssuingDistributionPoint)) {
      IssuingDistributionPoint idp;
      TR_TRY(ParseIdp(ext.value, &idp));
      out->issuing_distribution_point = std::move(idp);
    } else if (ext.oid == Input(kDeltaCrlIndicator)) {
      // BaseCRLNumber ::= CRLNumber
      auto n = p.Read(der::kInteger, "BaseCRLNumber");
      if (!n.ok()) return n.error();
      TR_TRY(der::CheckInteger(*n));
      TR_TRY(p.Finish("BaseCRLNumber"));
      out->is_delta = true;
      out->delta_base_crl_number = *n;
    } else if (ext.oid == Input(kFreshestCrl)) {
      out->has_freshest_crl = true;
    }
  }
  return {};
}

bool IsKnownCrlExtension(Input oid) {
  return oid == Input(kCrlNumber) || oid == Input(kAuthorityKeyId) ||
         oid == Input(kIssuingDistributionPoint) || oid == Input(kIssuerAltName) ||
         oid == Input(kFreshestCrl) || oid == Input(kDeltaCrlIndicator);
}

bool IsKnownEntryExtension(Input oid) {
  return oid == Input(kReasonCode) || oid == Input(kInvalidityDate) || oid == Input(kCertificateIssuer);
}

// revokedCertificates entries.
Status ParseRevoked(Input contents, std::vector<RevokedCertificate>* out) {
  Parser p(contents);
  std::optional<GeneralNames> certificate_issuer;
  while (p.HasMore()) {
    auto entry = p.ReadSequence("revokedCertificates entry");
    if (!entry.ok()) return entry.error();
    RevokedCertificate r;
    auto serial = entry->Read(der::kInteger, "userCertificate");
    if (!serial.ok()) return serial.error();
    TR_TRY(der::CheckInteger(*serial));
    r.serial = *serial;
    auto date = ReadTime(&*entry, "revocationDate");
    if (!date.ok()) return date.error();
    r.revocation_date = *date;
    if (entry->HasMore()) {
      auto exts = entry->Read(der::kSequence, "crlEntryExtensions");
      if (!exts.ok()) return exts.error();
      TR_TRY(ParseExtensionList(*exts, &r.extensions));
      for (const Extension& ext : r.extensions) {
        if (ext.oid == Input(kReasonCode)) {
          Parser rp(ext.value);
          auto e = rp.Read(der::kEnumerated, "CRLReason");
          if (!e.ok()) return e.error();
          auto v = der::ParseInt64(*e);
          if (!v.ok()) return v.error();
          if (*v < 0 || *v > 10 || *v == 7) return MakeError(ErrorKind::kBadValue, "crl.reason_unknown", "unknown CRLReason");
          TR_TRY(rp.Finish("CRLReason"));
          r.reason = static_cast<CrlReason>(*v);
        } else if (ext.oid == Input(kCertificateIssuer)) {
          // CertificateIssuer ::= GeneralNames
          Parser cp(ext.value);
          auto seq = cp.Read(der::kSequence, "CertificateIssuer");
          if (!seq.ok()) return seq.error();
          TR_TRY(cp.Finish("CertificateIssuer"));
          GeneralNames names;
          TR_TRY(ParseGeneralNamesContents(*seq, false, &names));
          certificate_issuer = std::move(names);
        }
      }
    }
    r.certificate_issuer = certificate_issuer;
    TR_TRY(entry->Finish("revokedCertificates entry"));
    out->push_back(std::move(r));
  }
  return {};
}

}  // namespace

std::string_view CrlReasonName(CrlReason reason) {
  switch (reason) {
    case CrlReason::kUnspecified: return "unspecified";
    case CrlReason::kKeyCompromise: return "keyCompromise";
    case CrlReason::kCaCompromise: return "cACompromise";
    case CrlReason::kAffiliationChanged: return "affiliationChanged";
    case CrlReason::kSuperseded: return "superseded";
    case CrlReason::kCessationOfOperation: return "cessationOfOperation";
    case CrlReason::kCertificateHold: return "certificateHold";
    case CrlReason::kRemoveFromCrl: return "removeFromCRL";
    case CrlReason::kPrivilegeWithdrawn: return "privilegeWithdrawn";
    case CrlReason::kAaCompromise: return "aACompromise";
  }
  return "unknown";
}

std::string ParsedCrl::UnhandledCriticalExtension() const {
  for (const Extension& ext : extensions) {
    if (ext.critical && !IsKnownCrlExtension(ext.oid)) return der::OidToString(ext.oid);
  }
  for (const RevokedCertificate& r : revoked) {
    for (const Extension& ext : r.extensions) {
      if (ext.critical && !IsKnownEntryExtension(ext.oid)) return der::OidToString(ext.oid);
    }
  }
  return "";
}

const RevokedCertificate* ParsedCrl::FindSerial(der::Input serial) const {
  for (const RevokedCertificate& r : revoked) {
    if (r.serial == serial) return &r;
  }
  return nullptr;
}

Status ParseCrl(der::Input input, ParsedCrl* out) {
  Parser top(input);
  auto cl = top.ReadElement(der::kSequence, "CertificateList");
  if (!cl.ok()) return cl.error();
  TR_TRY(top.Finish("CertificateList"));
  out->der = cl->encoded;
  Parser p(cl->value, input.data());
  auto tbs = p.ReadElement(der::kSequence, "TBSCertList");
  if (!tbs.ok()) return tbs.error();
  out->tbs = tbs->encoded;
  TR_TRY(x509_internal::ParseSignatureAlgorithm(&p, "CertificateList.signatureAlgorithm",
                                                &out->signature_algorithm));
  auto sig = p.Read(der::kBitString, "CertificateList.signatureValue");
  if (!sig.ok()) return sig.error();
  auto bs = der::ParseBitString(*sig);
  if (!bs.ok()) return bs.error();
  out->signature = bs->bytes;
  out->signature_unused_bits = bs->unused_bits;
  TR_TRY(p.Finish("CertificateList"));

  Parser t(tbs->value, input.data());
  auto ver = t.ReadOptional(der::kInteger, "TBSCertList.version");
  if (!ver.ok()) return ver.error();
  if (ver->tag) {
    auto v = der::ParseInt64(ver->value);
    if (!v.ok()) return v.error();
    if (*v != 1) return MakeError(ErrorKind::kBadValue, "crl.version_invalid", "TBSCertList.version must be v2");
    out->version = 2;
  }
  AlgorithmIdentifier inner;
  TR_TRY(x509_internal::ParseSignatureAlgorithm(&t, "TBSCertList.signature", &inner));
  if (!(inner.encoded == out->signature_algorithm.encoded)) {
    return MakeError(ErrorKind::kAlgorithmMismatch, "crl.signature_algorithm_mismatch",
                     "TBSCertList.signature differs from CertificateList.signatureAlgorithm");
  }
  auto issuer = t.ReadElement(der::kSequence, "TBSCertList.issuer");
  if (!issuer.ok()) return issuer.error();
  TR_TRY(ParseName(issuer->encoded, &out->issuer));
  auto this_update = ReadTime(&t, "thisUpdate");
  if (!this_update.ok()) return this_update.error();
  out->this_update = *this_update;
  der::Tag tag = 0;
  if (t.PeekTag(&tag) && (tag == der::kUtcTime || tag == der::kGeneralizedTime)) {
    auto next = ReadTime(&t, "nextUpdate");
    if (!next.ok()) return next.error();
    out->next_update = *next;
  }
  auto revoked = t.ReadOptional(der::kSequence, "revokedCertificates");
  if (!revoked.ok()) return revoked.error();
  if (revoked->tag) TR_TRY(ParseRevoked(revoked->value, &out->revoked));
  auto exts = t.ReadOptional(der::ContextSpecificConstructed(0), "crlExtensions");
  if (!exts.ok()) return exts.error();
  if (exts->tag) {
    if (out->version != 2) return MakeError(ErrorKind::kBadValue, "crl.extensions_in_v1", "crlExtensions in a v1 CRL");
    Parser ep(exts->value);
    auto seq = ep.Read(der::kSequence, "Extensions");
    if (!seq.ok()) return seq.error();
    TR_TRY(ep.Finish("crlExtensions"));
    TR_TRY(ParseExtensionList(*seq, &out->extensions));
    TR_TRY(ParseCrlExtensions(out));
  }
  return t.Finish("TBSCertList");
}

Result<CrlPtr> Crl::Parse(std::vector<uint8_t> der) {
  std::shared_ptr<Crl> crl(new Crl());
  crl->bytes_ = std::move(der);
  Status s = ParseCrl(der::Input(crl->bytes_.data(), crl->bytes_.size()), &crl->parsed_);
  if (!s.ok()) return s.error();
  crl->normalized_issuer_ = NormalizeName(crl->parsed_.issuer);
  return CrlPtr(std::move(crl));
}

Result<std::vector<CrlPtr>> LoadCrlsFromBytes(std::string_view bytes, const std::string& source) {
  std::vector<CrlPtr> out;
  if (bytes.find("-----BEGIN ") != std::string_view::npos) {
    auto blocks = ParsePem(bytes);
    if (!blocks.ok()) return MakeError(blocks.error().kind, blocks.error().detail, source + ": " + blocks.error().message);
    for (PemBlock& b : *blocks) {
      if (b.label != "X509 CRL") continue;
      auto crl = Crl::Parse(std::move(b.data));
      if (!crl.ok()) return MakeError(crl.error().kind, crl.error().detail, source + ": " + crl.error().ToString());
      out.push_back(*crl);
    }
  } else if (!bytes.empty()) {
    auto crl = Crl::Parse(std::vector<uint8_t>(bytes.begin(), bytes.end()));
    if (!crl.ok()) return MakeError(crl.error().kind, crl.error().detail, source + ": " + crl.error().ToString());
    out.push_back(*crl);
  }
  if (out.empty()) return MakeError(ErrorKind::kFormat, "crl.none_found", source + ": no CRL found");
  return out;
}

Result<std::vector<CrlPtr>> LoadCrlsFromFile(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.error();
  return LoadCrlsFromBytes(*bytes, path);
}

}  // namespace trustready

namespace trustready {

std::string DirectoryNameKey(const Name& name) { return "4:" + NormalizeName(name); }

std::string GeneralNameKey(const GeneralName& g) {
  if (g.type == GeneralNameType::kDirectoryName) {
    Name n;
    if (!ParseRdnSequence(g.value, &n).ok()) return "";
    return DirectoryNameKey(n);
  }
  return std::to_string(static_cast<int>(g.type)) + ":" + g.value.AsString();
}

std::vector<std::string> DistributionPointNameKeys(const std::vector<GeneralName>& full_name,
                                                   std::optional<der::Input> relative,
                                                   const Name& crl_issuer) {
  std::vector<std::string> out;
  for (const GeneralName& g : full_name) {
    std::string k = GeneralNameKey(g);
    if (!k.empty()) out.push_back(std::move(k));
  }
  if (relative) {
    // The issuer's RDNSequence with one more RDN (a SET) after it.
    const std::string bytes = crl_issuer.contents.AsString() + EncodeTlv(der::kSet, relative->AsStringView());
    Name full;
    der::Input in(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    if (ParseRdnSequence(in, &full).ok()) out.push_back(DirectoryNameKey(full));
  }
  return out;
}

}  // namespace trustready
