// Certificate extensions (RFC 5280 4.2, RFC 6962 3.3, RFC 7633).
#include "x509/extensions.h"
#include "x509/parse_util.h"
#include "trustready/x509/oids.h"

#include <set>

namespace trustready {
namespace {

using der::Input;
using der::Parser;

// Extension values are parsed from their own bytes; offsets in errors are
// then relative to the extension value and ParseExtensionsBlock stamps the
// extension's position instead.
Result<Parser> OuterSequence(Input value, std::string_view what) {
  Parser p(value);
  auto seq = p.ReadSequence(what);
  if (!seq.ok()) return seq.error();
  TR_TRY(p.Finish(what));
  return seq;
}

Result<int> ParseSkipCerts(Input v, std::string_view what) {
  auto n = der::ParseInt64(v);
  if (!n.ok()) return n.error();
  if (*n < 0 || *n > 1'000'000) {
    return MakeError(ErrorKind::kBadValue, "x509.skip_certs_out_of_range", std::string(what) + " out of range");
  }
  return static_cast<int>(*n);
}

bool IsIa5(Input v) {
  for (uint8_t c : v) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

// GeneralName ::= CHOICE {
//      otherName                 [0] AnotherName,
//      rfc822Name                [1] IA5String,
//      dNSName                   [2] IA5String,
//      x400Address               [3] ORAddress,
//      directoryName             [4] Name,
//      ediPartyName              [5] EDIPartyName,
//      uniformResourceIdentifier [6] IA5String,
//      iPAddress                 [7] OCTET STRING,
//      registeredID              [8] OBJECT IDENTIFIER }
// `for_constraints`: iPAddress holds address+mask (8 or 32 octets).
Status ParseGeneralName(Parser* p, bool for_constraints, GeneralName* out) {
  auto e = p->ReadAny();
  if (!e.ok()) return e.error();
  const uint8_t cls = e->tag & 0xc0;
  const uint8_t num = e->tag & 0x1f;
  if (cls != der::kContextSpecific || num > 8) {
    return MakeError(ErrorKind::kBadTag, "x509.general_name_unknown_tag", "GeneralName has an unknown tag");
  }
  out->type = static_cast<GeneralNameType>(num);
  const bool constructed = e->tag & der::kConstructed;
  const bool want_constructed = num == 0 || num == 3 || num == 4 || num == 5;
  if (constructed != want_constructed) {
    return MakeError(ErrorKind::kBadTag, "x509.general_name_wrong_form", "GeneralName has the wrong tag form");
  }
  out->value = e->value;
  switch (out->type) {
    case GeneralNameType::kRfc822Name:
    case GeneralNameType::kDnsName:
    case GeneralNameType::kUri:
      if (!IsIa5(e->value)) return MakeError(ErrorKind::kBadString, "x509.general_name_not_ascii", "GeneralName IA5String is not ASCII");
      break;
    case GeneralNameType::kIpAddress: {
      const size_t n = e->value.size();
      const bool ok = for_constraints ? (n == 8 || n == 32) : (n == 4 || n == 16);
      if (!ok) return MakeError(ErrorKind::kBadValue, "x509.ip_address_length", "iPAddress has a bad length");
      break;
    }
    case GeneralNameType::kDirectoryName: {
      // [4] is EXPLICIT (Name is a CHOICE): the contents are a Name TLV.
      Parser np(e->value);
      auto name = np.ReadElement(der::kSequence, "directoryName");
      if (!name.ok()) return name.error();
      TR_TRY(np.Finish("directoryName"));
      Name parsed;
      TR_TRY(ParseRdnSequence(name->value, &parsed));
      out->value = name->value;
      break;
    }
    case GeneralNameType::kRegisteredId:
      TR_TRY(der::CheckOid(e->value));
      break;
    default:
      break;
  }
  return {};
}

Status ParseGeneralNamesContents(Input contents, bool allow_empty, GeneralNames* out) {
  Parser p(contents);
  if (!allow_empty && !p.HasMore()) return MakeError(ErrorKind::kBadValue, "x509.general_names_empty", "GeneralNames is empty");
  while (p.HasMore()) {
    GeneralName gn;
    TR_TRY(ParseGeneralName(&p, false, &gn));
    out->names.push_back(gn);
  }
  return {};
}

namespace {

Result<GeneralNames> ParseGeneralNamesValue(Input value) {
  Parser p(value);
  auto contents = p.Read(der::kSequence, "GeneralNames");
  if (!contents.ok()) return contents.error();
  TR_TRY(p.Finish("GeneralNames"));
  GeneralNames names;
  TR_TRY(ParseGeneralNamesContents(*contents, false, &names));
  return names;
}

// GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
// GeneralSubtree ::= SEQUENCE { base GeneralName,
//      minimum [0] BaseDistance DEFAULT 0, maximum [1] BaseDistance OPTIONAL }
Status ParseSubtrees(Input contents, std::vector<GeneralName>* out) {
  Parser p(contents);
  if (!p.HasMore()) return MakeError(ErrorKind::kBadValue, "x509.general_subtrees_empty", "GeneralSubtrees is empty");
  while (p.HasMore()) {
    auto st = p.ReadSequence("GeneralSubtree");
    if (!st.ok()) return st.error();
    GeneralName gn;
    TR_TRY(ParseGeneralName(&*st, true, &gn));
    if (st->HasMore()) {
      // RFC 5280 4.2.1.10: minimum MUST be zero and maximum MUST be absent;
      // a DER encoding never carries the DEFAULT 0.
      return MakeError(ErrorKind::kUnsupported, "x509.general_subtree_min_max", "GeneralSubtree with minimum/maximum is not allowed");
    }
    out->push_back(gn);
  }
  return {};
}

Result<std::vector<Sct>> ParseSctList(Input value) {
  // extnValue holds an OCTET STRING whose contents are the TLS-encoded
  // SignedCertificateTimestampList (RFC 6962 3.3).
  Parser p(value);
  auto os = p.Read(der::kOctetString, "SignedCertificateTimestampList");
  if (!os.ok()) return os.error();
  TR_TRY(p.Finish("SignedCertificateTimestampList"));
  const Input b = *os;
  auto bad = [](const char* what) {
    return MakeError(ErrorKind::kBadValue, "x509.sct_list_invalid", std::string("SCT list: ") + what);
  };
  if (b.size() < 2) return bad("truncated");
  size_t total = (b[0] << 8) | b[1];
  if (total + 2 != b.size()) return bad("length does not match");
  std::vector<Sct> out;
  size_t pos = 2;
  while (pos < b.size()) {
    if (pos + 2 > b.size()) return bad("truncated entry length");
    size_t len = (b[pos] << 8) | b[pos + 1];
    pos += 2;
    if (pos + len > b.size() || len < 1 + 32 + 8 + 2 + 4) return bad("entry truncated");
    const size_t end = pos + len;
    Sct s;
    s.version = b[pos];
    s.log_id = b.Sub(pos + 1, 32);
    uint64_t ts = 0;
    for (size_t i = 0; i < 8; ++i) ts = (ts << 8) | b[pos + 33 + i];
    s.timestamp_ms = ts;
    size_t q = pos + 41;
    size_t ext_len = (b[q] << 8) | b[q + 1];
    q += 2;
    if (q + ext_len + 4 > end) return bad("extensions truncated");
    s.extensions = b.Sub(q, ext_len);
    q += ext_len;
    s.hash_algorithm = b[q];
    s.signature_algorithm = b[q + 1];
    size_t sig_len = (b[q + 2] << 8) | b[q + 3];
    q += 4;
    if (q + sig_len != end) return bad("signature length does not match");
    s.signature = b.Sub(q, sig_len);
    out.push_back(s);
    pos = end;
  }
  return out;
}

}  // namespace

std::string ExtensionName(der::Input o) {
  if (o == oid::kBasicConstraints) return "basicConstraints";
  if (o == oid::kKeyUsage) return "keyUsage";
  if (o == oid::kExtKeyUsage) return "extKeyUsage";
  if (o == oid::kSubjectAltName) return "subjectAltName";
  if (o == oid::kIssuerAltName) return "issuerAltName";
  if (o == oid::kNameConstraints) return "nameConstraints";
  if (o == oid::kCertificatePolicies) return "certificatePolicies";
  if (o == oid::kPolicyMappings) return "policyMappings";
  if (o == oid::kPolicyConstraints) return "policyConstraints";
  if (o == oid::kInhibitAnyPolicy) return "inhibitAnyPolicy";
  if (o == oid::kAuthorityKeyIdentifier) return "authorityKeyIdentifier";
  if (o == oid::kSubjectKeyIdentifier) return "subjectKeyIdentifier";
  if (o == oid::kAuthorityInfoAccess) return "authorityInfoAccess";
  if (o == oid::kCrlDistributionPoints) return "cRLDistributionPoints";
  if (o == oid::kSctList) return "signedCertificateTimestampList";
  if (o == oid::kTlsFeature) return "tlsFeature";
  return der::OidToString(o);
}

Result<bool> ParseKnownExtension(const Extension& ext, ParsedCertificate* out) {
  const Input v = ext.value;
  const Input o = ext.oid;
  if (o == oid::kBasicConstraints) {
    // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
    //                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL }
    auto seq = OuterSequence(v, "BasicConstraints");
    if (!seq.ok()) return seq.error();
    BasicConstraints bc;
    auto ca = seq->ReadOptional(der::kBoolean, "cA");
    if (!ca.ok()) return ca.error();
    if (ca->tag) {
      auto b = der::ParseBoolean(ca->value);
      if (!b.ok()) return b.error();
      bc.is_ca = *b;
    }
    auto pl = seq->ReadOptional(der::kInteger, "pathLenConstraint");
    if (!pl.ok()) return pl.error();
    if (pl->tag) {
      auto n = ParseSkipCerts(pl->value, "pathLenConstraint");
      if (!n.ok()) return n.error();
      bc.path_len = *n;
    }
    TR_TRY(seq->Finish("BasicConstraints"));
    out->basic_constraints = bc;
    return true;
  }
  if (o == oid::kKeyUsage) {
    Parser p(v);
    auto bits = p.Read(der::kBitString, "KeyUsage");
    if (!bits.ok()) return bits.error();
    TR_TRY(p.Finish("KeyUsage"));
    auto bs = der::ParseBitString(*bits);
    if (!bs.ok()) return bs.error();
    out->key_usage = *bs;
    return true;
  }
  if (o == oid::kExtKeyUsage) {
    // ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
    auto seq = OuterSequence(v, "ExtKeyUsageSyntax");
    if (!seq.ok()) return seq.error();
    std::vector<Input> ekus;
    while (seq->HasMore()) {
      auto id = seq->Read(der::kOid, "KeyPurposeId");
      if (!id.ok()) return id.error();
      TR_TRY(der::CheckOid(*id));
      ekus.push_back(*id);
    }
    if (ekus.empty()) return MakeError(ErrorKind::kBadValue, "x509.eku_empty", "ExtKeyUsageSyntax is empty");
    out->extended_key_usage = std::move(ekus);
    return true;
  }
  if (o == oid::kSubjectAltName || o == oid::kIssuerAltName) {
    auto names = ParseGeneralNamesValue(v);
    if (!names.ok()) return names.error();
    (o == oid::kSubjectAltName ? out->subject_alt_names : out->issuer_alt_names) = std::move(*names);
    return true;
  }
  if (o == oid::kNameConstraints) {
    // NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
    //                                excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
    auto seq = OuterSequence(v, "NameConstraints");
    if (!seq.ok()) return seq.error();
    NameConstraints nc;
    auto perm = seq->ReadOptional(der::ContextSpecificConstructed(0), "permittedSubtrees");
    if (!perm.ok()) return perm.error();
    if (perm->tag) {
      nc.has_permitted = true;
      TR_TRY(ParseSubtrees(perm->value, &nc.permitted));
    }
    auto excl = seq->ReadOptional(der::ContextSpecificConstructed(1), "excludedSubtrees");
    if (!excl.ok()) return excl.error();
    if (excl->tag) {
      nc.has_excluded = true;
      TR_TRY(ParseSubtrees(excl->value, &nc.excluded));
    }
    TR_TRY(seq->Finish("NameConstraints"));
    if (!nc.has_permitted && !nc.has_excluded) {
      return MakeError(ErrorKind::kBadValue, "x509.name_constraints_empty", "NameConstraints is empty");
    }
    out->name_constraints = std::move(nc);
    return true;
  }
  if (o == oid::kCertificatePolicies) {
    // certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
    // PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId,
    //      policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
    auto seq = OuterSequence(v, "certificatePolicies");
    if (!seq.ok()) return seq.error();
    std::vector<PolicyInformation> pols;
    std::set<std::string_view> seen;
    while (seq->HasMore()) {
      auto pi = seq->ReadSequence("PolicyInformation");
      if (!pi.ok()) return pi.error();
      PolicyInformation info;
      auto id = pi->Read(der::kOid, "policyIdentifier");
      if (!id.ok()) return id.error();
      TR_TRY(der::CheckOid(*id));
      info.oid = *id;
      if (pi->HasMore()) {
        auto q = pi->ReadElement(der::kSequence, "policyQualifiers");
        if (!q.ok()) return q.error();
        info.qualifiers = q->encoded;
      }
      TR_TRY(pi->Finish("PolicyInformation"));
      // RFC 5280 4.2.1.4: a policy OID MUST NOT appear more than once.
      if (!seen.insert(info.oid.AsStringView()).second) {
        return MakeError(ErrorKind::kBadValue, "x509.policy_duplicate", "policy " + der::OidToString(info.oid) + " appears twice");
      }
      pols.push_back(info);
    }
    if (pols.empty()) return MakeError(ErrorKind::kBadValue, "x509.policies_empty", "certificatePolicies is empty");
    out->certificate_policies = std::move(pols);
    return true;
  }
  if (o == oid::kPolicyMappings) {
    auto seq = OuterSequence(v, "PolicyMappings");
    if (!seq.ok()) return seq.error();
    std::vector<PolicyMapping> maps;
    while (seq->HasMore()) {
      auto m = seq->ReadSequence("PolicyMapping");
      if (!m.ok()) return m.error();
      auto a = m->Read(der::kOid, "issuerDomainPolicy");
      if (!a.ok()) return a.error();
      auto b = m->Read(der::kOid, "subjectDomainPolicy");
      if (!b.ok()) return b.error();
      TR_TRY(m->Finish("PolicyMapping"));
      maps.push_back({*a, *b});
    }
    if (maps.empty()) return MakeError(ErrorKind::kBadValue, "x509.policy_mappings_empty", "PolicyMappings is empty");
    out->policy_mappings = std::move(maps);
    return true;
  }
  if (o == oid::kPolicyConstraints) {
    // PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
    //                                  inhibitPolicyMapping  [1] SkipCerts OPTIONAL }
    auto seq = OuterSequence(v, "PolicyConstraints");
    if (!seq.ok()) return seq.error();
    PolicyConstraints pc;
    auto r = seq->ReadOptional(der::ContextSpecificPrimitive(0), "requireExplicitPolicy");
    if (!r.ok()) return r.error();
    if (r->tag) {
      auto n = ParseSkipCerts(r->value, "requireExplicitPolicy");
      if (!n.ok()) return n.error();
      pc.require_explicit_policy = *n;
    }
    auto i = seq->ReadOptional(der::ContextSpecificPrimitive(1), "inhibitPolicyMapping");
    if (!i.ok()) return i.error();
    if (i->tag) {
      auto n = ParseSkipCerts(i->value, "inhibitPolicyMapping");
      if (!n.ok()) return n.error();
      pc.inhibit_policy_mapping = *n;
    }
    TR_TRY(seq->Finish("PolicyConstraints"));
    // RFC 5280 4.2.1.11: conforming CAs MUST NOT issue an empty sequence.
    if (!pc.require_explicit_policy && !pc.inhibit_policy_mapping) {
      return MakeError(ErrorKind::kBadValue, "x509.policy_constraints_empty", "PolicyConstraints is empty");
    }
    out->policy_constraints = pc;
    return true;
  }
  if (o == oid::kInhibitAnyPolicy) {
    Parser p(v);
    auto n = p.Read(der::kInteger, "InhibitAnyPolicy");
    if (!n.ok()) return n.error();
    TR_TRY(p.Finish("InhibitAnyPolicy"));
    auto skip = ParseSkipCerts(*n, "InhibitAnyPolicy");
    if (!skip.ok()) return skip.error();
    out->inhibit_any_policy = *skip;
    return true;
  }
  if (o == oid::kAuthorityKeyIdentifier) {
    // AuthorityKeyIdentifier ::= SEQUENCE {
    //   keyIdentifier             [0] KeyIdentifier           OPTIONAL,
    //   authorityCertIssuer       [1] GeneralNames            OPTIONAL,
    //   authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
    auto seq = OuterSequence(v, "AuthorityKeyIdentifier");
    if (!seq.ok()) return seq.error();
    AuthorityKeyIdentifier aki;
    auto kid = seq->ReadOptional(der::ContextSpecificPrimitive(0), "keyIdentifier");
    if (!kid.ok()) return kid.error();
    if (kid->tag) aki.key_identifier = kid->value;
    auto iss = seq->ReadOptional(der::ContextSpecificConstructed(1), "authorityCertIssuer");
    if (!iss.ok()) return iss.error();
    if (iss->tag) {
      GeneralNames names;
      TR_TRY(ParseGeneralNamesContents(iss->value, false, &names));
      aki.authority_cert_issuer = std::move(names);
    }
    auto sn = seq->ReadOptional(der::ContextSpecificPrimitive(2), "authorityCertSerialNumber");
    if (!sn.ok()) return sn.error();
    if (sn->tag) {
      TR_TRY(der::CheckInteger(sn->value));
      aki.authority_cert_serial = sn->value;
    }
    TR_TRY(seq->Finish("AuthorityKeyIdentifier"));
    // RFC 5280 4.2.1.1: issuer and serial come together or not at all.
    if (aki.authority_cert_issuer.has_value() != aki.authority_cert_serial.has_value()) {
      return MakeError(ErrorKind::kBadValue, "x509.aki_issuer_serial_mismatch",
                       "authorityCertIssuer and authorityCertSerialNumber must both be present or absent");
    }
    out->authority_key_id = std::move(aki);
    return true;
  }
  if (o == oid::kSubjectKeyIdentifier) {
    Parser p(v);
    auto kid = p.Read(der::kOctetString, "SubjectKeyIdentifier");
    if (!kid.ok()) return kid.error();
    TR_TRY(p.Finish("SubjectKeyIdentifier"));
    out->subject_key_id = *kid;
    return true;
  }
  if (o == oid::kAuthorityInfoAccess) {
    // AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
    // AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }
    auto seq = OuterSequence(v, "AuthorityInfoAccessSyntax");
    if (!seq.ok()) return seq.error();
    std::vector<AccessDescription> ads;
    while (seq->HasMore()) {
      auto ad = seq->ReadSequence("AccessDescription");
      if (!ad.ok()) return ad.error();
      AccessDescription d;
      auto m = ad->Read(der::kOid, "accessMethod");
      if (!m.ok()) return m.error();
      TR_TRY(der::CheckOid(*m));
      d.method = *m;
      TR_TRY(ParseGeneralName(&*ad, false, &d.location));
      TR_TRY(ad->Finish("AccessDescription"));
      ads.push_back(d);
    }
    if (ads.empty()) return MakeError(ErrorKind::kBadValue, "x509.aia_empty", "AuthorityInfoAccessSyntax is empty");
    out->authority_info_access = std::move(ads);
    return true;
  }
  if (o == oid::kCrlDistributionPoints) {
    // CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
    // DistributionPoint ::= SEQUENCE {
    //      distributionPoint [0] DistributionPointName OPTIONAL,
    //      reasons           [1] ReasonFlags OPTIONAL,
    //      cRLIssuer         [2] GeneralNames OPTIONAL }
    // DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
    //      nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
    auto seq = OuterSequence(v, "CRLDistributionPoints");
    if (!seq.ok()) return seq.error();
    std::vector<DistributionPoint> dps;
    while (seq->HasMore()) {
      auto dp = seq->ReadSequence("DistributionPoint");
      if (!dp.ok()) return dp.error();
      DistributionPoint d;
      auto name = dp->ReadOptional(der::ContextSpecificConstructed(0), "distributionPoint");
      if (!name.ok()) return name.error();
      if (name->tag) {
        Parser np(name->value);
        auto choice = np.ReadAny();
        if (!choice.ok()) return choice.error();
        TR_TRY(np.Finish("DistributionPointName"));
        if (choice->tag == der::ContextSpecificConstructed(0)) {
          GeneralNames full;
          TR_TRY(ParseGeneralNamesContents(choice->value, false, &full));
          d.full_name = std::move(full.names);
        } else if (choice->tag == der::ContextSpecificConstructed(1)) {
          d.relative_name = choice->value;
        } else {
          return MakeError(ErrorKind::kBadTag, "x509.distribution_point_name_unknown_tag", "DistributionPointName has an unknown tag");
        }
      }
      auto reasons = dp->ReadOptional(der::ContextSpecificPrimitive(1), "reasons");
      if (!reasons.ok()) return reasons.error();
      if (reasons->tag) {
        auto bs = der::ParseBitString(reasons->value);
        if (!bs.ok()) return bs.error();
        d.reasons = *bs;
      }
      auto issuer = dp->ReadOptional(der::ContextSpecificConstructed(2), "cRLIssuer");
      if (!issuer.ok()) return issuer.error();
      if (issuer->tag) {
        GeneralNames names;
        TR_TRY(ParseGeneralNamesContents(issuer->value, false, &names));
        d.crl_issuer = std::move(names.names);
      }
      TR_TRY(dp->Finish("DistributionPoint"));
      // RFC 5280 4.2.1.13: a DistributionPoint MUST NOT consist of only reasons.
      if (!name->tag && !issuer->tag) {
        return MakeError(ErrorKind::kBadValue, "x509.distribution_point_empty", "DistributionPoint has neither a name nor a cRLIssuer");
      }
      dps.push_back(std::move(d));
    }
    if (dps.empty()) return MakeError(ErrorKind::kBadValue, "x509.crl_distribution_points_empty", "CRLDistributionPoints is empty");
    out->crl_distribution_points = std::move(dps);
    return true;
  }
  if (o == oid::kSctList) {
    auto scts = ParseSctList(v);
    if (!scts.ok()) return scts.error();
    out->scts = std::move(*scts);
    return true;
  }
  if (o == oid::kTlsFeature) {
    // Features ::= SEQUENCE OF INTEGER (RFC 7633)
    auto seq = OuterSequence(v, "Features");
    if (!seq.ok()) return seq.error();
    std::vector<int> features;
    while (seq->HasMore()) {
      auto n = seq->Read(der::kInteger, "Feature");
      if (!n.ok()) return n.error();
      auto f = der::ParseInt64(*n);
      if (!f.ok()) return f.error();
      if (*f < 0 || *f > 65535) return MakeError(ErrorKind::kBadValue, "x509.tls_feature_out_of_range", "TLS feature out of range");
      features.push_back(static_cast<int>(*f));
    }
    out->tls_features = std::move(features);
    return true;
  }
  // Unknown: kept with its critical flag (verify/ rejects critical ones).
  // Its contents must still be DER-shaped only if we understood them, so
  // nothing more is checked.
  return false;
}

}  // namespace trustready
