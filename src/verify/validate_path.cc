// Validation of one complete path (RFC 5280 6.1, CA/B Forum BR 7.1).
//
// Checked, per certificate: validity period (RFC 5280 4.1.2.5, 6.1.3 (a)(2));
// unknown critical extensions (4.2); the certificate profile's MUSTs that
// real verifiers enforce or that x509-limbo tests (serial number 4.1.2.2,
// AKI/SKI presence and criticality 4.2.1.1-2, empty names 4.1.2.4/4.1.2.6,
// SAN criticality 4.2.1.6, AIA 4.2.2.1 and policyConstraints 4.2.1.11
// criticality); key algorithm and size (BR 6.1.5); no SHA-1 signature below
// the anchor (BR 7.1.3.2); basicConstraints cA and pathLenConstraint with
// the self-issued exemption (6.1.4 (k)-(m));
// keyUsage keyCertSign (6.1.4 (n)); extendedKeyUsage, on intermediates as a
// constraint as Chromium and NSS apply it; name constraints (6.1.4 (g),
// name_constraints.cc); the leaf's host name (hostname.cc); the anchor's
// store attributes; CRLs given by the caller (6.3, reduced: complete CRLs
// from the certificate's issuer, no delta CRLs, no indirect CRLs).
//
// Not checked: certificate policies (6.1.3 (d)-(f), 6.1.4 (h)-(j)): no web
// client relies on RFC 5280 policy processing and none of our callers ask
// for an explicit policy. Anchors are a name and a key unless
// VerifyOptions::strict_anchors: their extensions are then held to the
// same profile as the other certificates.
#include "verify/validate_path.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <climits>

#include "verify/name_constraints.h"
#include "verify/platform_constraints.h"
#include "verify/policy.h"
#include "verify/revocation.h"
#include "trustready/base/strings.h"
#include "trustready/x509/oids.h"

namespace trustready::verify_internal {
namespace {

std::string Who(const Certificate& c) { return "'" + c.DisplayName() + "'"; }

bool HasEku(const ParsedCertificate& p, der::Input eku) {
  if (!p.extended_key_usage) return false;
  for (const der::Input& e : *p.extended_key_usage) {
    if (e == eku) return true;
  }
  return false;
}

bool IsCritical(const ParsedCertificate& p, der::Input oid) {
  const Extension* e = p.FindExtension(oid);
  return e && e->critical;
}

// Any text a resolver or inet_aton(3) would take as an address: dotted
// quads with octal/hex parts or fewer parts, a bare 32-bit number, IPv6.
bool LooksLikeIpAddress(const std::string& s) {
  in_addr v4;
  in6_addr v6;
  return inet_aton(s.c_str(), &v4) != 0 || inet_pton(AF_INET6, s.c_str(), &v6) == 1;
}

bool IsInternationalised(const std::string& s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80) return true;
  }
  std::string l = AsciiLower(s);
  return l.rfind("xn--", 0) == 0 || l.find(".xn--") != std::string::npos;
}

class PathValidator {
 public:
  PathValidator(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor,
                const TrustStore& store, const VerifyOptions& options,
                const std::vector<CertificatePtr>& untrusted, PathBudget* budget)
      : path_(path), anchor_(anchor), store_(store), options_(options), untrusted_(untrusted),
        budget_(budget), nc_comparisons_(&budget->name_constraint_comparisons),
        n_(static_cast<int>(path.size())) {}

  PathValidation Run() {
    for (int i = 0; i < n_; ++i) CheckCertificate(i);
    CheckPathLength();
    CheckNameConstraintsAlongPath();
    CheckPolicies();
    CheckHostName();
    CheckAnchorTrust();
    CheckRevocation();
    out_.errors = std::move(errors_);
    return std::move(out_);
  }

 private:
  // `detail`: the stable id of this failure (VerifyDetailIds()).
  void Add(VerifyErrorCode code, std::string_view detail, int index, std::string message) {
    errors_.push_back({code, index, std::move(message), detail});
  }

  bool IsAnchor(int i) const { return i == n_ - 1; }
  bool ActsAsCa(int i) const { return i > 0 || options_.target_is_ca; }
  bool ServerProfile() const { return options_.purpose == VerifyPurpose::kServerAuth; }
  bool WebProfile() const { return options_.profile == VerifyProfile::kWeb; }
  // Profile checks apply to everything but a (non-strict) anchor.
  bool Profiled(int i) const { return !IsAnchor(i) || options_.strict_anchors; }

  void CheckCertificate(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();

    // Validity (RFC 5280 6.1.3 (a)(2)). Seconds granularity: the caller's
    // time is already floored (x509-limbo notbefore-fractional).
    const bool enforce_time =
        !IsAnchor(i) ||
        (options_.client.enforce_anchor_expiry && !anchor_.trust.ignore_anchor_expiry);
    if (enforce_time) {
      // A CA certificate below the anchor is named with its issuer: a
      // cross-certificate shares its subject with a root that may be valid
      // for decades ("'ISRG Root X2' expired" would blame the root).
      // (Named only when it is reported: building names costs more than the
      // check on the warm path.)
      auto who = [&] {
        std::string w = Who(c);
        if (i > 0 && i + 1 < static_cast<int>(path_.size()) && !c.IsSelfIssued()) {
          w += " (issued by " + Who(*path_[i + 1]) + ")";
        }
        return w;
      };
      if (options_.time < p.not_before) {
        Add(VerifyErrorCode::kNotYetValid, "validity.not_yet_valid", i, who() + " is not valid before " + FormatRfc3339(p.not_before));
      }
      if (options_.time > p.not_after) {
        Add(VerifyErrorCode::kExpired, "validity.expired", i, who() + " expired on " + FormatRfc3339(p.not_after));
      }
    }

    if (!IsAnchor(i)) {
      if (const TrustAnchor* a = store_.FindBySha256(c.sha256()); a && a->trust.distrusted) {
        Add(VerifyErrorCode::kDistrusted, "trust.intermediate_distrusted", i, Who(c) + " is explicitly distrusted by '" +
                                                 store_.name() + "'");
      }
      if (WebProfile()) CheckSignatureDigest(i);
    }

    if (!Profiled(i)) {
      if (ActsAsCa(i) && i > 0) CheckIssuerKeyUsage(i);
      CheckKeyAlgorithm(i);
      return;
    }

    for (const Extension* e : p.UnhandledCriticalExtensions()) {
      Add(VerifyErrorCode::kUnhandledCriticalExtension, "extension.unhandled_critical", i,
          Who(c) + " has a critical extension this verifier does not process (" +
              der::OidToString(e->oid) + ")");
    }
    CheckKeyAlgorithm(i);
    CheckProfile(i);
    if (ActsAsCa(i)) {
      CheckCaConstraints(i);
    } else {
      CheckEndEntity(i);
    }
    CheckEku(i);
  }

  // SHA-1 signatures on anything the client checks a signature of, i.e.
  // every certificate but the anchor (whose self-signature no client
  // checks). Chromium and Firefox refuse them since 2017, OpenSSL 3 at
  // security level 1 and above (Debian's default is 2), and the CA/B
  // Forum BRs (7.1.3.2) forbid them. The signature itself verified (the
  // builder found the path); this is policy, so the path is reported with
  // its error rather than dropped. MD2/MD5 never get this far: signature.cc
  // refuses them as unsupported.
  void CheckSignatureDigest(int i) {
    const Certificate& c = *path_[i];
    switch (c->signature_algorithm.signature) {
      case SignatureAlgorithm::kRsaPkcs1Sha1:
      case SignatureAlgorithm::kEcdsaSha1:
      case SignatureAlgorithm::kDsaSha1:
        Add(VerifyErrorCode::kWeakSignature, "crypto.sha1_signature", i,
            Who(c) + " is signed with SHA-1 (" +
                std::string(SignatureAlgorithmName(c->signature_algorithm.signature)) +
                "), which web clients and OpenSSL 3 refuse below the trust anchor");
        break;
      default:
        break;
    }
  }

  void CheckKeyAlgorithm(int i) {
    const Certificate& c = *path_[i];
    const PublicKeyInfo& k = c->spki;
    switch (k.type) {
      case KeyType::kRsa:
        // Chromium refuses RSA keys under 1024 bits outright; the CA/B
        // Forum requires 2048 bits and a modulus size divisible by 8 (BR
        // 6.1.5) for everything it governs.
        if (k.bits < 1024) {
          Add(VerifyErrorCode::kWeakKey, "crypto.rsa_below_1024", i,
              Who(c) + " has a " + std::to_string(k.bits) + "-bit RSA key");
        } else if (Profiled(i) && ServerProfile() && (k.bits < 2048 || k.bits % 8 != 0)) {
          Add(VerifyErrorCode::kWeakKey, "crypto.rsa_web_profile", i,
              Who(c) + " has a " + std::to_string(k.bits) +
                  "-bit RSA key (the web profile requires >= 2048 bits, a multiple of 8)");
        }
        break;
      case KeyType::kEc:
        if (WebProfile() && k.curve != NamedCurve::kP256 && k.curve != NamedCurve::kP384 &&
            k.curve != NamedCurve::kP521) {
          Add(VerifyErrorCode::kUnsupportedAlgorithm, "crypto.ec_curve", i,
              Who(c) + " has an EC key on a curve other than P-256/P-384/P-521 (" +
                  c.KeyDescription() + ")");
        }
        break;
      case KeyType::kEd25519:
        break;
      default:
        // RFC 5280 alone: the signature check decides (UNSUPPORTED_ALGORITHM
        // for a key OpenSSL cannot use).
        if (!WebProfile()) break;
        Add(VerifyErrorCode::kUnsupportedAlgorithm, "crypto.key_type", i,
            Who(c) + " has a key of an unsupported type (" + c.KeyDescription() + ")");
    }
  }

  void CheckProfile(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();
    auto malformed = [&](std::string_view detail, std::string why) {
      Add(VerifyErrorCode::kMalformed, detail, i, Who(c) + " " + why);
    };

    if (!IsAnchor(i) && WebProfile()) {
      // RFC 5280 4.1.2.2: positive, at most 20 octets. A rule for CAs that
      // RFC 5280 validation does not enforce (PKITS 4.4.14-16 accept such
      // serial numbers); web clients do.
      const der::Input s = p.serial;
      bool zero = std::all_of(s.begin(), s.end(), [](uint8_t b) { return b == 0; });
      if (s.empty() || zero) {
        malformed("profile.serial_zero", "has serial number zero (RFC 5280 4.1.2.2)");
      } else if (s[0] & 0x80) {
        malformed("profile.serial_negative", "has a negative serial number (RFC 5280 4.1.2.2)");
      } else if (s.size() > 20 && !(s.size() == 21 && s[0] == 0)) {
        malformed("profile.serial_too_long", "has a serial number longer than 20 octets (RFC 5280 4.1.2.2)");
      }
      if (ServerProfile() && p.version != 3) {
        malformed("profile.version_not_v3", "is a v" + std::to_string(p.version) + " certificate (the web profile requires v3)");
      }
    }
    if (p.issuer.empty()) malformed("profile.issuer_empty", "has an empty issuer name (RFC 5280 4.1.2.4)");

    // Authority and subject key identifiers (RFC 5280 4.2.1.1-2).
    if (p.authority_key_id && IsCritical(p, oid::kAuthorityKeyIdentifier)) {
      malformed("profile.aki_critical", "marks authorityKeyIdentifier critical (RFC 5280 4.2.1.1)");
    }
    // Anchors are exempt even when strict: a trust anchor is configured, not
    // found, so the AKI's path-building purpose does not apply to it
    // (x509-limbo cve-2024-0567 trusts a cross-signed root without one).
    if (WebProfile() && !IsAnchor(i) && !c.IsSelfIssued() &&
        (!p.authority_key_id || !p.authority_key_id->key_identifier)) {
      malformed("profile.aki_missing", "lacks authorityKeyIdentifier.keyIdentifier (RFC 5280 4.2.1.1)");
    }
    if (p.subject_key_id && IsCritical(p, oid::kSubjectKeyIdentifier)) {
      malformed("profile.ski_critical", "marks subjectKeyIdentifier critical (RFC 5280 4.2.1.2)");
    }
    if (WebProfile() && ActsAsCa(i) && p.version == 3 && !p.subject_key_id) {
      malformed("profile.ski_missing", "is a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)");
    }
    if (IsAnchor(i) && ServerProfile() && p.authority_key_id) {
      // CA/B Forum BR 7.1.2.1.3: a root's AKI, when present, holds only a
      // keyIdentifier, equal to its SKI.
      const AuthorityKeyIdentifier& aki = *p.authority_key_id;
      if (!aki.key_identifier || aki.authority_cert_issuer || aki.authority_cert_serial) {
        malformed("profile.root_aki_not_key_id", "is a root whose authorityKeyIdentifier is not a bare keyIdentifier (BR 7.1.2.1.3)");
      } else if (c.IsSelfIssued() && p.subject_key_id && !(*aki.key_identifier == *p.subject_key_id)) {
        malformed("profile.root_aki_ski_mismatch", "is a root whose authorityKeyIdentifier differs from its subjectKeyIdentifier");
      }
    }

    // subjectAltName (RFC 5280 4.2.1.6; BR 7.1.2.7.12).
    if (p.subject.empty()) {
      if (!p.subject_alt_names) {
        malformed("profile.subject_empty_no_san", "has an empty subject and no subjectAltName (RFC 5280 4.1.2.6)");
      } else if (!IsCritical(p, oid::kSubjectAltName)) {
        malformed("profile.san_not_critical", "has an empty subject but a non-critical subjectAltName (RFC 5280 4.2.1.6)");
      }
    } else if (i == 0 && !options_.target_is_ca && ServerProfile() && p.subject_alt_names &&
               IsCritical(p, oid::kSubjectAltName)) {
      malformed("profile.san_critical", "marks subjectAltName critical although its subject is not empty (BR 7.1.2.7.12)");
    }
    if (p.authority_info_access && IsCritical(p, oid::kAuthorityInfoAccess)) {
      malformed("profile.aia_critical", "marks authorityInfoAccess critical (RFC 5280 4.2.2.1)");
    }
    // RFC 5280 4.2.1.11: conforming CAs MUST mark policyConstraints
    // critical. Web clients' conformance suites (x509-limbo
    // rfc5280::pc::ica-noncritical-pc) refuse a non-critical one; RFC 5280
    // validation processes it (policy.cc) and lets the policy graph decide.
    if (WebProfile() && p.policy_constraints && !IsCritical(p, oid::kPolicyConstraints)) {
      malformed("profile.policy_constraints_not_critical", "has a non-critical policyConstraints extension (RFC 5280 4.2.1.11)");
    }
  }

  void CheckIssuerKeyUsage(int i) {
    const Certificate& c = *path_[i];
    if (c->key_usage && !c->HasKeyUsage(kKeyCertSign)) {
      Add(VerifyErrorCode::kKeyUsage, "key_usage.issuer_lacks_key_cert_sign", i, Who(c) + " issues certificates but its keyUsage lacks keyCertSign");
    }
  }

  void CheckCaConstraints(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();
    if (p.version != 3 || !p.basic_constraints || !p.basic_constraints->is_ca) {
      Add(VerifyErrorCode::kNotACa,
          p.version != 3 ? "basic_constraints.not_v3"
          : p.basic_constraints ? "basic_constraints.ca_false"
                                : "basic_constraints.missing",
          i,
          Who(c) + (p.version != 3 ? " is a v" + std::to_string(p.version) + " certificate"
                                   : p.basic_constraints ? " has basicConstraints cA=FALSE"
                                                         : " has no basicConstraints") +
              " and cannot act as a CA (RFC 5280 6.1.4 (k))");
    } else if (WebProfile() && !IsCritical(p, oid::kBasicConstraints)) {
      // A MUST for CAs (RFC 5280 4.2.1.9) that web clients hold CAs to; RFC
      // 5280 validation processes a non-critical one (PKITS 4.6.4).
      Add(VerifyErrorCode::kMalformed, "profile.basic_constraints_not_critical", i,
          Who(c) + " is a CA whose basicConstraints is not critical (RFC 5280 4.2.1.9)");
    }
    if (p.subject.empty()) {
      Add(VerifyErrorCode::kMalformed, "profile.ca_subject_empty", i, Who(c) + " is a CA with an empty subject (RFC 5280 4.1.2.6)");
    }
    if (i > 0) {
      CheckIssuerKeyUsage(i);
    } else if (p.key_usage && !p.HasKeyUsage(kKeyCertSign)) {
      Add(VerifyErrorCode::kKeyUsage, "key_usage.target_ca_lacks_key_cert_sign", i, Who(c) + " is judged as a CA but its keyUsage lacks keyCertSign");
    }
  }

  void CheckEndEntity(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();
    const bool is_ca = p.basic_constraints && p.basic_constraints->is_ca;
    if (p.HasKeyUsage(kKeyCertSign) && !is_ca) {
      Add(VerifyErrorCode::kMalformed, "profile.key_cert_sign_without_ca", i,
          Who(c) + " asserts keyCertSign without basicConstraints cA (RFC 5280 4.2.1.3)");
    }
    // A CA certificate as the leaf is accepted (Chromium and RFC 5280 do;
    // x509-limbo's pathlen cases rely on it), but not one that says it is a
    // CA and at the same time may not sign certificates (RFC 5280 4.2.1.3,
    // 4.2.1.9 read together; x509-limbo root-inconsistent-ca-extensions).
    if (is_ca && p.key_usage && !p.HasKeyUsage(kKeyCertSign)) {
      Add(VerifyErrorCode::kMalformed, "profile.ca_without_key_cert_sign", i,
          Who(c) + " has basicConstraints cA=TRUE but its keyUsage lacks keyCertSign");
    }
    if (ServerProfile() && p.subject_alt_names) CheckCommonNames(i);
    if (p.name_constraints) {
      Add(VerifyErrorCode::kNameConstraints, "name_constraints.in_end_entity", i,
          Who(c) + " is an end-entity certificate with nameConstraints (RFC 5280 4.2.1.10)");
    }
    for (KeyUsageBit bit : options_.required_key_usages) {
      if (p.key_usage && !p.HasKeyUsage(bit)) {
        Add(VerifyErrorCode::kKeyUsage, "key_usage.required_bit_missing", i,
            Who(c) + " keyUsage lacks a required bit (" + std::to_string(static_cast<int>(bit)) + ")");
      }
    }
  }

  // CA/B Forum BR 7.1.4.3: a subscriber certificate's Common Name, when
  // present, is exactly one of its subjectAltName values. Enforced where a
  // client that still reads the Common Name could be misled by it: a CN
  // that is an IP address in any text form other than the canonical text
  // of one of the iPAddress SANs (hex, octal, leading zeros, upper-case or
  // uncompressed IPv6); a CN that is a SAN dNSName in another letter case;
  // an internationalised CN (U-label or A-label) that is not a SAN value.
  // A CN naming something else entirely is tolerated: no web client reads
  // it, and most test and real leaves have one (x509-limbo's own default
  // leaves carry CN=example.com beside unrelated SANs).
  void CheckCommonNames(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();
    for (const auto& rdn : p.subject.rdns) {
      for (const auto& atv : rdn) {
        if (!(atv.type == oid::kCommonName)) continue;
        auto decoded = DecodeDirectoryString(atv.value_tag, atv.value);
        if (!decoded.ok()) continue;
        const std::string& cn = *decoded;
        bool in_san = false;
        bool case_variant = false;
        for (const GeneralName& g : p.subject_alt_names->names) {
          if (g.type == GeneralNameType::kDnsName) {
            if (g.value.AsStringView() == cn) in_san = true;
            if (AsciiLower(g.value.AsStringView()) == AsciiLower(cn)) case_variant = true;
          } else if (g.type == GeneralNameType::kIpAddress && FormatIpAddress(g.value) == cn) {
            in_san = true;
          }
        }
        if (in_san) continue;
        std::string why;
        if (LooksLikeIpAddress(cn)) {
          why = "is an IP address not written as the canonical text of an iPAddress SAN";
        } else if (case_variant) {
          why = "differs in letter case from the subjectAltName it names";
        } else if (IsInternationalised(cn)) {
          why = "is an internationalised name that is not one of the subjectAltName values";
        }
        if (!why.empty()) {
          Add(VerifyErrorCode::kMalformed, "profile.common_name_not_in_san", i,
              Who(c) + " has a Common Name '" + cn + "' that " + why + " (BR 7.1.4.3)");
          return;
        }
      }
    }
  }

  der::Input PurposeEku() const {
    switch (options_.purpose) {
      case VerifyPurpose::kServerAuth: return oid::kEkuServerAuth;
      case VerifyPurpose::kClientAuth: return oid::kEkuClientAuth;
      case VerifyPurpose::kAny: return {};
    }
    return {};
  }

  void CheckEku(int i) {
    const Certificate& c = *path_[i];
    const ParsedCertificate& p = c.parsed();
    if (!p.extended_key_usage) return;
    const der::Input want = PurposeEku();
    const bool end_entity = i == 0 && !options_.target_is_ca;
    if (IsAnchor(i) && options_.strict_anchors && ServerProfile() && i > 0) {
      Add(VerifyErrorCode::kExtendedKeyUsage, "eku.root_has_eku", i,
          Who(c) + " is a root with an extendedKeyUsage extension (BR 7.1.2.1)");
      return;
    }
    if (end_entity) {
      if (!want.empty() && !HasEku(p, want)) {
        Add(VerifyErrorCode::kExtendedKeyUsage, "eku.purpose_missing", i,
            Who(c) + " extendedKeyUsage does not include " + EkuName(want));
      }
      if (ServerProfile()) {
        if (HasEku(p, oid::kAnyEku)) {
          Add(VerifyErrorCode::kExtendedKeyUsage, "eku.leaf_any_eku", i,
              Who(c) + " extendedKeyUsage includes anyExtendedKeyUsage (BR 7.1.2.7.10)");
        }
        if (IsCritical(p, oid::kExtKeyUsage)) {
          Add(VerifyErrorCode::kExtendedKeyUsage, "eku.leaf_critical", i, Who(c) + " marks extendedKeyUsage critical (BR 7.1.2.7.6)");
        }
      }
      for (const auto& req : options_.required_ekus) {
        der::Input r(req.data(), req.size());
        if (!HasEku(p, r)) {
          Add(VerifyErrorCode::kExtendedKeyUsage, "eku.required_missing", i,
              Who(c) + " extendedKeyUsage does not include " + EkuName(r));
        }
      }
      return;
    }
    // A CA's EKU constrains what it may issue for (Chromium, NSS, CA/B
    // Forum BR 7.1.2.2.6; RFC 5280 does not say this).
    if (!want.empty() && !HasEku(p, want) && !HasEku(p, oid::kAnyEku)) {
      Add(VerifyErrorCode::kExtendedKeyUsage, "eku.ca_disallows_purpose", i,
          Who(c) + " is a CA whose extendedKeyUsage does not allow " + EkuName(want));
    }
  }

  // RFC 5280 6.1.4 (l)-(m), and x509-limbo's max_chain_depth.
  void CheckPathLength() {
    int remaining = INT_MAX;
    int intermediates = 0;
    for (int i = n_ - 1; i >= 1; --i) {
      const Certificate& c = *path_[i];
      if (!IsAnchor(i) && !c.IsSelfIssued()) {
        if (remaining <= 0) {
          Add(VerifyErrorCode::kPathLengthExceeded, "path.length_constraint", i,
              Who(c) + " exceeds the pathLenConstraint of a CA above it");
        }
        --remaining;
        ++intermediates;
      }
      const auto& bc = c->basic_constraints;
      if (bc && bc->is_ca && bc->path_len) remaining = std::min(remaining, *bc->path_len);
    }
    if (options_.max_intermediates && intermediates > *options_.max_intermediates) {
      Add(VerifyErrorCode::kPathTooLong, "path.max_intermediates", -1,
          "the path has " + std::to_string(intermediates) + " intermediates, more than the " +
              std::to_string(*options_.max_intermediates) + " allowed");
    }
  }

  void CheckNameConstraintsAlongPath() {
    for (int i = 1; i < n_; ++i) {
      const Certificate& ca = *path_[i];
      if (!ca->name_constraints) continue;
      const NameConstraints& nc = *ca->name_constraints;
      if (Status s = CheckNameConstraintsSyntax(nc); !s.ok()) {
        Add(VerifyErrorCode::kNameConstraints, s.error().detail, i, Who(ca) + ": " + s.error().message);
        continue;
      }
      for (int j = 0; j < i; ++j) {
        const Certificate& sub = *path_[j];
        // 6.1.4 (b)/(c): self-issued intermediates are exempt.
        if (j > 0 && sub.IsSelfIssued()) continue;
        bool exhausted = false;
        Status s = CheckNameConstraints(nc, sub.parsed(), nc_comparisons_, &exhausted);
        if (exhausted) {
          Add(VerifyErrorCode::kBudgetExhausted, "budget.name_constraint_comparisons", j, "name-constraint comparison budget ran out");
          return;
        }
        if (!s.ok()) {
          Add(VerifyErrorCode::kNameConstraints, s.error().detail, j,
              Who(sub) + ": " + s.error().message + " (constraints of " + Who(ca) + ")");
        }
      }
    }
  }

  void CheckHostName() {
    if (!options_.host || options_.target_is_ca || !ServerProfile()) return;
    const Certificate& leaf = *path_[0];
    if (MatchesHostName(leaf.parsed(), *options_.host)) return;
    std::string names;
    if (leaf->subject_alt_names) {
      for (const GeneralName& g : leaf->subject_alt_names->names) {
        if (g.type == GeneralNameType::kDnsName) {
          names += (names.empty() ? "" : ", ") + g.value.AsString();
        } else if (g.type == GeneralNameType::kIpAddress) {
          names += (names.empty() ? "" : ", ") + FormatIpAddress(g.value);
        }
      }
    }
    Add(VerifyErrorCode::kHostnameMismatch, "host.mismatch", 0,
        Who(leaf) + " is not valid for " + options_.host->ToString() +
            (leaf->subject_alt_names ? " (subjectAltName: " + names + ")"
                                     : " (no subjectAltName; the Common Name is not used)"));
  }

  void CheckAnchorTrust() {
    const int a = n_ - 1;
    const Certificate& root = *path_[a];
    const TrustAttributes& t = anchor_.trust;
    if (t.distrusted) {
      Add(VerifyErrorCode::kDistrusted, "trust.anchor_distrusted", a, Who(root) + " is distrusted by '" + store_.name() + "'");
      return;
    }
    Purpose want = Purpose::kServerAuth;
    if (options_.purpose == VerifyPurpose::kClientAuth) want = Purpose::kClientAuth;
    if (options_.purpose != VerifyPurpose::kAny && !t.Trusts(want)) {
      Add(VerifyErrorCode::kAnchorPurpose, "trust.anchor_purpose", a,
          Who(root) + " is not trusted for " + PurposeName(want) + " by '" + store_.name() + "'");
    }
    if (options_.purpose == VerifyPurpose::kServerAuth && t.server_distrust_after) {
      // Mozilla's CKA_NSS_SERVER_DISTRUST_AFTER compares the leaf's
      // notBefore; for a CA judged as such, a leaf it would issue now.
      const UnixTime issued =
          options_.target_is_ca ? options_.time : path_[0]->parsed().not_before;
      if (issued > *t.server_distrust_after) {
        Add(VerifyErrorCode::kDistrusted, "trust.distrust_after", a,
            Who(root) + " is not trusted by '" + store_.name() +
                "' for server certificates issued after " + FormatRfc3339(*t.server_distrust_after));
      }
    }
    if (options_.purpose == VerifyPurpose::kServerAuth) {
      if (auto why = CheckSctConstraint(t, *path_[0], options_.target_is_ca, options_.time))
        Add(VerifyErrorCode::kDistrusted, "trust.sct_constraint", a,
            Who(root) + " is not trusted by '" + store_.name() + "': " + *why);
    }
  }

  // RFC 5280 6.1.3 (d)-(f), 6.1.4 (a)-(b), (h)-(j), 6.1.5: policy.cc.
  void CheckPolicies() {
    PolicyOutcome o = ProcessPolicies(path_, options_.policy, &budget_->policy_graph_size);
    errors_.insert(errors_.end(), o.errors.begin(), o.errors.end());
    out_.user_constrained_policy_set = std::move(o.user_constrained_policy_set);
  }

  // RFC 5280 6.3: revocation.cc.
  void CheckRevocation() {
    RevocationOutcome o = verify_internal::CheckRevocation({path_, anchor_, options_, untrusted_});
    errors_.insert(errors_.end(), o.errors.begin(), o.errors.end());
    out_.revocation = std::move(o.statuses);
  }

  const std::vector<CertificatePtr>& path_;
  const TrustAnchor& anchor_;
  const TrustStore& store_;
  const VerifyOptions& options_;
  const std::vector<CertificatePtr>& untrusted_;
  PathBudget* budget_;
  int* nc_comparisons_;
  const int n_;
  std::vector<VerifyError> errors_;
  PathValidation out_;
};

}  // namespace

PathValidation ValidatePath(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor,
                            const TrustStore& store, const VerifyOptions& options,
                            const std::vector<CertificatePtr>& untrusted, PathBudget* budget) {
  return PathValidator(path, anchor, store, options, untrusted, budget).Run();
}

}  // namespace trustready::verify_internal
