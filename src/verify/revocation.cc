// CRL revocation checking, RFC 5280 6.3.3, for the CRLs the caller gives
// (nothing is fetched).
//
// For each certificate of a path but the anchor, its distribution points
// (cRLDistributionPoints, or one implicit point naming its issuer) are
// matched against every complete CRL given:
// - (b) issuer: the certificate's issuer, or the point's cRLIssuer for an
//   indirect CRL (IDP indirectCRL); scope: the IDP's distribution point
//   name against the point's names, onlyContainsUserCerts/CACerts/
//   AttributeCerts;
// - (d)-(e) reasons: onlySomeReasons of the IDP and of the point; a CRL that
//   adds no reason not already covered is not needed;
// - (a) freshness: thisUpdate not after the validation time, nextUpdate
//   (when present) not before it;
// - (f)-(g) signer: a certificate named as the CRL's issuer whose key
//   verifies the CRL and whose keyUsage (if any) has cRLSign, either on
//   the path itself or with its own valid path to the same trust anchor
//   (key rollover, separate CRL-signing keys, indirect CRL issuers; the
//   signer's path is built from the caller's untrusted pool and checked
//   for revocation one level deep);
// - (c), (h)-(i) delta CRLs: a delta of the same issuer and scope whose
//   BaseCRLNumber is at most the complete CRL's number and whose own number
//   is greater, signed by the same key, is applied before the complete CRL
//   (removeFromCRL in a delta un-revokes);
// - unknown critical CRL or entry extensions make a CRL unusable;
//   certificateIssuer entries of indirect CRLs are honoured.
// A CRL that cannot be used is named with its reason in the status; it
// never stops the others being tried.
//
// Not done: OCSP, fetching, the "use the CRL before nextUpdate was passed"
// leniency, and attribute certificates.
#include "verify/revocation.h"

#include <map>
#include <set>

namespace trustready::verify_internal {
namespace {

// ReasonFlags bits 1..8 (RFC 5280 4.2.1.13; bit 0 is unused).
constexpr uint16_t kAllReasons = 0x1fe;

uint16_t ReasonMask(const std::optional<der::BitString>& bits) {
  if (!bits) return kAllReasons;
  uint16_t m = 0;
  for (int b = 1; b <= 8; ++b) {
    if (bits->IsSet(static_cast<size_t>(b))) m |= static_cast<uint16_t>(1u << b);
  }
  return m;
}

std::string Who(const Certificate& c) { return "'" + c.DisplayName() + "'"; }

// Recursion depth of CRL-signer path validation on this thread.
thread_local int g_signer_depth = 0;

// Compares INTEGER contents as numbers (both minimally encoded).
int CompareIntegers(der::Input a, der::Input b) {
  const bool neg_a = !a.empty() && (a[0] & 0x80);
  const bool neg_b = !b.empty() && (b[0] & 0x80);
  if (neg_a != neg_b) return neg_a ? -1 : 1;
  if (a.size() != b.size()) return (a.size() < b.size()) != neg_a ? -1 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

struct Point {
  std::vector<std::string> names;        // distributionPoint name keys
  std::vector<std::string> crl_issuers;  // cRLIssuer directoryName keys
  uint16_t reasons = kAllReasons;
  bool implicit = false;                 // the certificate has no CRLDP
};

class Revocation {
 public:
  explicit Revocation(const RevocationInput& in) : in_(in), n_(static_cast<int>(in.path.size())) {}

  RevocationOutcome Run() {
    for (int i = 0; i + 1 < n_; ++i) CheckOne(i);
    return std::move(out_);
  }

 private:
  std::string CrlName(const Crl& crl) const {
    const ParsedCrl& r = crl.parsed();
    std::string s = std::string(r.is_delta ? "the delta CRL" : "the CRL") + " of '" + r.issuer.ToRfc4514() + "'";
    if (r.crl_number) s += " #" + der::Hex(*r.crl_number);
    return s;
  }

  std::vector<Point> PointsOf(const Certificate& c) const {
    std::vector<Point> points;
    if (c->crl_distribution_points) {
      for (const DistributionPoint& dp : *c->crl_distribution_points) {
        Point p;
        p.reasons = ReasonMask(dp.reasons);
        for (const GeneralName& g : dp.crl_issuer) {
          if (g.type == GeneralNameType::kDirectoryName) {
            std::string k = GeneralNameKey(g);
            if (!k.empty()) p.crl_issuers.push_back(std::move(k));
          }
        }
        // nameRelativeToCRLIssuer is relative to the CRL issuer: the
        // cRLIssuer when given, else the certificate's issuer.
        Name base = c->issuer;
        if (!dp.crl_issuer.empty() && dp.crl_issuer[0].type == GeneralNameType::kDirectoryName) {
          Name n;
          if (ParseRdnSequence(dp.crl_issuer[0].value, &n).ok()) base = n;
        }
        p.names = DistributionPointNameKeys(dp.full_name, dp.relative_name, base);
        points.push_back(std::move(p));
      }
    }
    if (points.empty()) {
      Point p;
      p.implicit = true;
      points.push_back(std::move(p));
    }
    return points;
  }

  // Why `crl` is out of scope for `c` through point `p`, or "" when in scope.
  std::string Scope(const Certificate& c, const Crl& crl, const Point& p) const {
    const ParsedCrl& r = crl.parsed();
    const std::string crl_issuer = DirectoryNameKey(r.issuer);
    const auto& idp = r.issuing_distribution_point;
    if (!p.crl_issuers.empty()) {
      bool named = false;
      for (const std::string& k : p.crl_issuers) named |= k == crl_issuer;
      if (!named) return "its issuer is not the distribution point's cRLIssuer";
      if (!idp || !idp->indirect_crl) return "it is not an indirect CRL, but the distribution point names a cRLIssuer";
    } else if (crl.NormalizedIssuer() != c.NormalizedIssuer()) {
      // An indirect CRL may list certificates of other issuers only for
      // points that name it as their cRLIssuer.
      return "it is issued by another CA";
    }
    if (idp) {
      if (!idp->full_name.empty() || idp->has_relative_name) {
        if (p.implicit) return "it covers one distribution point only and the certificate names none";
        std::vector<std::string> idp_names = DistributionPointNameKeys(
            idp->full_name,
            idp->has_relative_name ? std::optional<der::Input>(idp->relative_name) : std::nullopt, r.issuer);
        const std::vector<std::string>& want = p.names.empty() ? p.crl_issuers : p.names;
        bool match = false;
        for (const std::string& a : idp_names) {
          for (const std::string& b : want) match |= a == b;
        }
        if (!match) return "its issuingDistributionPoint names another distribution point";
      }
      const bool is_ca = c->basic_constraints && c->basic_constraints->is_ca;
      if (idp->only_user_certs && is_ca) return "it covers end-entity certificates only";
      if (idp->only_ca_certs && !is_ca) return "it covers CA certificates only";
      if (idp->only_attribute_certs) return "it covers attribute certificates only";
    }
    return "";
  }

  // Why the CRL itself cannot be used (syntax, extensions, times), or "".
  std::string Usability(const Crl& crl) const {
    const ParsedCrl& r = crl.parsed();
    if (r.signature_unused_bits) return "its signature BIT STRING has unused bits";
    // RFC 5280 5.2.3: CRL issuers MUST include a non-critical cRLNumber;
    // without it delta CRLs and ordering are meaningless (x509-limbo
    // crl::crlnumber-missing, crl::crlnumber-critical).
    if (r.version != 2 || !r.crl_number) return "it has no cRLNumber (RFC 5280 5.2.3)";
    for (const Extension& e : r.extensions) {
      static const uint8_t kCrlNumberOid[] = {0x55, 0x1d, 0x14};
      if (e.oid == der::Input(kCrlNumberOid) && e.critical) return "it marks cRLNumber critical (RFC 5280 5.2.3)";
    }
    std::string ext = r.UnhandledCriticalExtension();
    if (!ext.empty()) return "it has a critical extension this verifier does not process (" + ext + ")";
    if (r.this_update > in_.options.time) return "it is not valid before " + FormatRfc3339(r.this_update);
    if (r.next_update && *r.next_update < in_.options.time) {
      return "it is out of date (nextUpdate " + FormatRfc3339(*r.next_update) + ")";
    }
    return "";
  }

  // Finds a certificate that signed `crl` and is valid to the same anchor.
  // Returns the signer, or null with `why` set.
  const Certificate* Signer(const Crl& crl, int i, std::string* why) {
    auto cached = signers_.find(&crl);
    if (cached != signers_.end()) {
      *why = cached->second.second;
      return cached->second.first;
    }
    const Certificate* found = nullptr;
    std::string reason = "no certificate of its issuer '" + crl->issuer.ToRfc4514() + "' verifies its signature";
    auto try_key = [&](const Certificate& cand) -> bool {
      if (cand.NormalizedSubject() != crl.NormalizedIssuer()) return false;
      SignatureStatus s = VerifySignedData(crl->signature_algorithm, crl->tbs, crl->signature, cand);
      if (s == SignatureStatus::kUnsupportedAlgorithm) {
        reason = "its signature algorithm is not supported";
        return false;
      }
      if (s != SignatureStatus::kValid) return false;
      if (cand->key_usage && !cand->HasKeyUsage(kCrlSign)) {
        reason = "it is signed by " + Who(cand) + " whose keyUsage lacks cRLSign";
        return false;
      }
      return true;
    };
    // Certificates above `i` on the path are validated with it. A CRL
    // signer being validated may vouch for itself: an indirect CRL issuer's
    // own certificate is covered by the CRL it signs (PKITS 4.14.30).
    for (int j = (g_signer_depth > 0 && i == 0) ? 0 : i + 1; j < n_ && !found; ++j) {
      if (try_key(*in_.path[j])) found = in_.path[j].get();
    }
    // Other keys of the issuer (rollover, CRL-signing certificates,
    // indirect CRL issuers): each needs its own valid path to the anchor.
    for (size_t k = 0; k < in_.untrusted.size() && !found; ++k) {
      const CertificatePtr& cand = in_.untrusted[k];
      if (!cand) continue;
      bool on_path = false;
      for (const CertificatePtr& p : in_.path) on_path |= p->sha256() == cand->sha256();
      if (on_path || !try_key(*cand)) continue;
      if (g_signer_depth >= 2) {
        reason = "its signer " + Who(*cand) + " could not be validated (CRL signers nested too deep)";
        continue;
      }
      TrustStore only("crl-signer", StoreFormat::kUnknown, "the path's trust anchor");
      only.Add(in_.anchor);
      VerifyOptions o = in_.options;
      o.purpose = VerifyPurpose::kAny;
      o.host.reset();
      o.target_is_ca = false;
      o.required_ekus.clear();
      o.required_key_usages.clear();
      o.policy = PolicyOptions{};
      o.max_intermediates.reset();
      ++g_signer_depth;
      VerifyResult v = VerifyChain(cand, in_.untrusted, only, o);
      --g_signer_depth;
      if (v.trusted) {
        found = cand.get();
      } else {
        reason = "its signer " + Who(*cand) + " is not valid: " + v.most_specific.message;
      }
    }
    signers_[&crl] = {found, found ? "" : reason};
    *why = found ? "" : reason;
    return found;
  }

  // The entry of `crl` for `c`, honouring certificateIssuer in indirect CRLs.
  const RevokedCertificate* Entry(const Crl& crl, const Certificate& c) const {
    const ParsedCrl& r = crl.parsed();
    const bool indirect = r.issuing_distribution_point && r.issuing_distribution_point->indirect_crl;
    for (const RevokedCertificate& e : r.revoked) {
      if (!(e.serial == c->serial)) continue;
      if (indirect) {
        bool same_issuer = false;
        if (e.certificate_issuer) {
          const std::string want = DirectoryNameKey(c->issuer);
          for (const GeneralName& g : e.certificate_issuer->names) same_issuer |= GeneralNameKey(g) == want;
        } else {
          same_issuer = crl.NormalizedIssuer() == c.NormalizedIssuer();
        }
        if (!same_issuer) continue;
      }
      if (e.revocation_date > in_.options.time) continue;
      return &e;
    }
    return nullptr;
  }

  // The newest usable delta CRL for complete CRL `base`, signed by `signer`.
  const Crl* Delta(const Crl& base, const Certificate& signer, std::string* stale) const {
    const ParsedCrl& b = base.parsed();
    if (!b.crl_number) return nullptr;
    const Crl* best = nullptr;
    for (const CrlPtr& d : in_.options.crls) {
      const ParsedCrl& r = d->parsed();
      if (!r.is_delta || !r.crl_number || !r.delta_base_crl_number) continue;
      if (d->NormalizedIssuer() != base.NormalizedIssuer()) continue;
      const bool same_scope = (!r.issuing_distribution_point && !b.issuing_distribution_point) ||
                              (r.issuing_distribution_point && b.issuing_distribution_point &&
                               r.issuing_distribution_point->encoded == b.issuing_distribution_point->encoded);
      if (!same_scope) continue;
      if (CompareIntegers(*r.delta_base_crl_number, *b.crl_number) > 0) continue;
      if (CompareIntegers(*r.crl_number, *b.crl_number) <= 0) continue;
      if (VerifySignedData(r.signature_algorithm, r.tbs, r.signature, signer) != SignatureStatus::kValid) continue;
      std::string why = Usability(*d);
      if (!why.empty()) {
        *stale = CrlName(*d) + ": " + why;
        continue;
      }
      if (!best || CompareIntegers(r.crl_number.value(), best->parsed().crl_number.value()) > 0) best = d.get();
    }
    return best;
  }

  void CheckOne(int i) {
    const Certificate& c = *in_.path[i];
    RevocationStatus st;
    if (in_.options.crls.empty()) {
      st.why = "no CRL was given";
      Finish(i, std::move(st), false);
      return;
    }
    uint16_t covered = 0;
    std::vector<std::string> notes;
    std::vector<std::string> deciders;
    bool issuer_crl_unusable = false;
    for (const Point& p : PointsOf(c)) {
      for (const CrlPtr& crl : in_.options.crls) {
        const ParsedCrl& r = crl->parsed();
        if (r.is_delta) continue;
        std::string scope = Scope(c, *crl, p);
        if (!scope.empty()) continue;  // not a CRL for this certificate
        const uint16_t interim =
            static_cast<uint16_t>(p.reasons & ReasonMask(r.issuing_distribution_point
                                                             ? r.issuing_distribution_point->only_some_reasons
                                                             : std::nullopt));
        if ((interim & ~covered) == 0) continue;  // (e) nothing new
        std::string why = Usability(*crl);
        const Certificate* signer = nullptr;
        if (why.empty()) signer = Signer(*crl, i, &why);
        std::string stale_delta;
        const Crl* delta = signer ? Delta(*crl, *signer, &stale_delta) : nullptr;
        if (signer && !delta && !stale_delta.empty()) why = "its delta CRL cannot be used (" + stale_delta + ")";
        if (!why.empty()) {
          notes.push_back(CrlName(*crl) + " cannot be used: " + why);
          issuer_crl_unusable = true;
          continue;
        }
        // (i)-(k)
        const RevokedCertificate* entry = nullptr;
        const Crl* listed_by = nullptr;
        if (delta) {
          entry = Entry(*delta, c);
          listed_by = delta;
        }
        if (!entry) {
          entry = Entry(*crl, c);
          listed_by = crl.get();
        }
        if (entry && entry->reason && *entry->reason == CrlReason::kRemoveFromCrl) entry = nullptr;
        if (entry) {
          st.state = RevocationState::kRevoked;
          st.crl = CrlName(*listed_by);
          st.serial = der::Hex(entry->serial);
          st.revocation_date = entry->revocation_date;
          st.reason = entry->reason;
          st.why.clear();
          Finish(i, std::move(st), false);
          return;
        }
        covered |= interim;
        deciders.push_back(CrlName(*crl) + (delta ? " with " + CrlName(*delta) : ""));
        if (covered == kAllReasons) break;
      }
      if (covered == kAllReasons) break;
    }
    if (covered == kAllReasons) {
      st.state = RevocationState::kGood;
      for (size_t k = 0; k < deciders.size(); ++k) st.crl += (k ? "; " : "") + deciders[k];
      Finish(i, std::move(st), false);
      return;
    }
    if (notes.empty()) {
      st.why = covered ? "the CRLs given cover only some revocation reasons"
                       : "no CRL given covers it (none from '" + c->issuer.ToRfc4514() + "' in scope)";
    } else {
      for (size_t k = 0; k < notes.size(); ++k) st.why += (k ? "; " : "") + notes[k];
    }
    Finish(i, std::move(st), issuer_crl_unusable);
  }

  void Finish(int i, RevocationStatus st, bool crl_unusable) {
    const Certificate& c = *in_.path[i];
    if (st.state == RevocationState::kRevoked) {
      out_.errors.push_back({VerifyErrorCode::kRevoked, i,
                             Who(c) + " was revoked on " + FormatRfc3339(st.revocation_date) +
                                 (st.reason ? " (" + std::string(CrlReasonName(*st.reason)) + ")" : "") +
                                 " according to " + st.crl,
                             "revocation.revoked"});
    } else if (st.state == RevocationState::kUnknown && (crl_unusable || in_.options.require_revocation_status)) {
      // A CRL of this certificate's issuer was given and could not be used:
      // judging the path as if it had not been given would be a confident
      // answer on partial knowledge.
      out_.errors.push_back({crl_unusable ? VerifyErrorCode::kCrlInvalid : VerifyErrorCode::kRevocationUnknown, i,
                             "the revocation status of " + Who(c) + " is unknown: " + st.why,
                             crl_unusable ? "revocation.crl_unusable" : "revocation.status_unknown"});
    }
    out_.statuses.push_back(std::move(st));
  }

  const RevocationInput& in_;
  const int n_;
  std::map<const Crl*, std::pair<const Certificate*, std::string>> signers_;
  RevocationOutcome out_;
};

}  // namespace

RevocationOutcome CheckRevocation(const RevocationInput& in) { return Revocation(in).Run(); }

}  // namespace trustready::verify_internal
