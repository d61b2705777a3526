// Name constraints; see name_constraints.h.
#include "verify/name_constraints.h"

#include <algorithm>
#include <string_view>

#include "trustready/verify/hostname.h"
#include "trustready/base/strings.h"

namespace trustready::verify_internal {
namespace {

// emailAddress (PKCS #9, 1.2.840.113549.1.9.1): RFC 5280 4.2.1.10 says
// rfc822Name constraints apply to it when it appears in the subject.
constexpr uint8_t kEmailAddressOid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01};

bool InDnsSubtree(std::string_view name, std::string_view base) {
  if (base.empty()) return true;  // an empty dNSName constraint covers all
  if (name == base) return true;
  return name.size() > base.size() && name.substr(name.size() - base.size()) == base &&
         name[name.size() - base.size() - 1] == '.';
}

// A DNS SAN (possibly "*.base") against a DNS constraint. For a wildcard,
// "matches" means for permitted subtrees: every name the pattern can match
// is inside; for excluded subtrees: some name the pattern can match is
// inside (x509-limbo cve-2025-61727: be defensive in both directions).
bool DnsMatches(std::string_view san, std::string_view base, bool excluded) {
  if (san.size() > 2 && san.substr(0, 2) == "*.") {
    std::string_view wild_base = san.substr(2);
    if (InDnsSubtree(wild_base, base)) return true;  // all of "*.wild_base"
    if (!excluded) return false;
    // Some "x.wild_base" equals or contains the excluded base when the base
    // is exactly one label under wild_base.
    size_t dot = base.find('.');
    return dot != std::string_view::npos && base.substr(dot + 1) == wild_base;
  }
  return InDnsSubtree(san, base);
}

bool ValidEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return IsValidDnsName(s.substr(at + 1), false);
}

bool ValidEmailConstraint(std::string_view c) {
  if (c.find('@') != std::string_view::npos) return ValidEmail(c);
  if (!c.empty() && c[0] == '.') c.remove_prefix(1);
  return IsValidDnsName(c, false);
}

// RFC 5280 4.2.1.10: a mailbox, all mailboxes on a host, or on any host in a
// domain (leading "."). Local parts compare exactly, hosts case-insensitively.
bool EmailMatches(std::string_view email, std::string_view c) {
  size_t at = email.find('@');
  std::string_view local = email.substr(0, at);
  std::string host = AsciiLower(email.substr(at + 1));
  size_t cat = c.find('@');
  if (cat != std::string_view::npos) {
    return c.substr(0, cat) == local && AsciiLower(c.substr(cat + 1)) == host;
  }
  std::string lc = AsciiLower(c);
  if (!lc.empty() && lc[0] == '.') {
    return host.size() > lc.size() && host.substr(host.size() - lc.size()) == lc;
  }
  return host == lc;
}

// The host of a URI with an authority (RFC 3986 3.2.2), lower-cased; ""
// when it has none or when the host is an IP literal.
std::string UriHost(std::string_view uri) {
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || uri.substr(colon + 1, 2) != "//") return "";
  std::string_view auth = uri.substr(colon + 3);
  auth = auth.substr(0, auth.find_first_of("/?#"));
  if (size_t at = auth.rfind('@'); at != std::string_view::npos) auth.remove_prefix(at + 1);
  if (!auth.empty() && auth[0] == '[') return "";
  if (size_t port = auth.rfind(':'); port != std::string_view::npos) auth = auth.substr(0, port);
  return AsciiLower(auth);
}

// RFC 5280 4.2.1.10: a URI constraint names a host ("host.example.com")
// or, with a leading period, any host inside a domain (".example.com").
bool UriMatches(const std::string& host, std::string_view constraint) {
  std::string c = AsciiLower(constraint);
  if (!c.empty() && c[0] == '.') return host.size() > c.size() && host.substr(host.size() - c.size()) == c;
  return host == c;
}

bool ValidIpConstraint(der::Input v) {
  // address followed by a contiguous mask, RFC 4632 CIDR form.
  size_t n = v.size() / 2;
  bool zero_seen = false;
  for (size_t i = n; i < v.size(); ++i) {
    for (int b = 7; b >= 0; --b) {
      bool bit = (v[i] >> b) & 1;
      if (bit && zero_seen) return false;
      if (!bit) zero_seen = true;
    }
  }
  // No address bits outside the mask.
  for (size_t i = 0; i < n; ++i) {
    if (v[i] & ~v[n + i]) return false;
  }
  return true;
}

bool IpMatches(der::Input ip, der::Input c) {
  if (c.size() != ip.size() * 2) return false;
  size_t n = ip.size();
  for (size_t i = 0; i < n; ++i) {
    if ((ip[i] & c[n + i]) != (c[i] & c[n + i])) return false;
  }
  return true;
}

// directoryName: the constraint's RDNs are a prefix of the name's RDNs.
bool DirectoryMatches(const Name& name, der::Input constraint_contents) {
  Name c;
  if (!ParseRdnSequence(constraint_contents, &c).ok()) return false;
  if (c.rdns.size() > name.rdns.size()) return false;
  Name prefix;
  prefix.rdns.assign(name.rdns.begin(), name.rdns.begin() + static_cast<long>(c.rdns.size()));
  return NormalizeName(prefix) == NormalizeName(c);
}

// One name to check.
struct NameToCheck {
  GeneralNameType type;
  der::Input value;        // SAN value (or emailAddress contents)
  const Name* dn = nullptr;  // kDirectoryName
};

bool HasForm(const std::vector<GeneralName>& subtrees, GeneralNameType t) {
  return std::any_of(subtrees.begin(), subtrees.end(),
                     [t](const GeneralName& g) { return g.type == t; });
}

}  // namespace

Status CheckNameConstraintsSyntax(const NameConstraints& nc) {
  if (nc.permitted.empty() && nc.excluded.empty()) {
    return MakeError(ErrorKind::kBadValue, "name_constraints.no_subtrees", "nameConstraints has neither permitted nor excluded subtrees");
  }
  for (const auto* list : {&nc.permitted, &nc.excluded}) {
    for (const GeneralName& g : *list) {
      std::string_view v = g.value.AsStringView();
      switch (g.type) {
        case GeneralNameType::kDnsName:
          if (!v.empty() && !IsValidDnsName(v, false)) {
            return MakeError(ErrorKind::kBadValue, "name_constraints.dns_constraint_invalid", "invalid dNSName constraint '" + std::string(v) + "'");
          }
          break;
        case GeneralNameType::kRfc822Name:
          if (!ValidEmailConstraint(v)) {
            return MakeError(ErrorKind::kBadValue, "name_constraints.email_constraint_invalid", "invalid rfc822Name constraint '" + std::string(v) + "'");
          }
          break;
        case GeneralNameType::kIpAddress:
          if ((g.value.size() != 8 && g.value.size() != 32) || !ValidIpConstraint(g.value)) {
            return MakeError(ErrorKind::kBadValue, "name_constraints.ip_constraint_invalid", "invalid iPAddress constraint (not CIDR)");
          }
          break;
        default:
          break;
      }
    }
  }
  return {};
}

Status CheckNameConstraints(const NameConstraints& nc, const ParsedCertificate& cert,
                            int* comparisons, bool* budget_exhausted) {
  std::vector<NameToCheck> names;
  Name subject = cert.subject;
  if (!cert.subject.empty()) {
    names.push_back({GeneralNameType::kDirectoryName, {}, &cert.subject});
    for (const auto& rdn : cert.subject.rdns) {
      for (const auto& atv : rdn) {
        if (atv.type == der::Input(kEmailAddressOid)) {
          names.push_back({GeneralNameType::kRfc822Name, atv.value, nullptr});
        }
      }
    }
  }
  std::vector<Name> san_dns;  // keeps parsed directoryName SANs alive
  if (cert.subject_alt_names) {
    san_dns.reserve(cert.subject_alt_names->names.size());
    for (const GeneralName& g : cert.subject_alt_names->names) {
      if (g.type == GeneralNameType::kDirectoryName) {
        san_dns.emplace_back();
        if (!ParseRdnSequence(g.value, &san_dns.back()).ok()) {
          return MakeError(ErrorKind::kBadValue, "name_constraints.san_directory_name_invalid", "unparsable directoryName in subjectAltName");
        }
        names.push_back({g.type, g.value, &san_dns.back()});
      } else {
        names.push_back({g.type, g.value, nullptr});
      }
    }
  }

  for (const NameToCheck& n : names) {
    const bool has_permitted = HasForm(nc.permitted, n.type);
    const bool has_excluded = HasForm(nc.excluded, n.type);
    if (!has_permitted && !has_excluded) continue;
    std::string_view text = n.value.AsStringView();
    std::string lower = AsciiLower(text);
    std::string shown;
    std::string uri_host;
    switch (n.type) {
      case GeneralNameType::kDnsName:
        if (!IsValidDnsName(lower, true)) {
          return MakeError(ErrorKind::kBadValue, "name_constraints.dns_name_malformed", "dNSName '" + std::string(text) +
                                                     "' is malformed and cannot be checked");
        }
        shown = "dNSName " + lower;
        break;
      case GeneralNameType::kRfc822Name:
        if (!ValidEmail(text)) {
          return MakeError(ErrorKind::kBadValue, "name_constraints.email_malformed", "rfc822Name '" + std::string(text) +
                                                     "' is malformed and cannot be checked");
        }
        shown = "rfc822Name " + std::string(text);
        break;
      case GeneralNameType::kIpAddress:
        shown = "iPAddress " + FormatIpAddress(n.value);
        break;
      case GeneralNameType::kDirectoryName:
        shown = "directoryName " + n.dn->ToRfc4514();
        break;
      case GeneralNameType::kUri:
        uri_host = UriHost(text);
        if (uri_host.empty()) {
          return MakeError(ErrorKind::kBadValue, "name_constraints.uri_without_host", "URI '" + std::string(text) +
                                                     "' has no host name and cannot be checked");
        }
        shown = "URI " + std::string(text);
        break;
      default:
        return MakeError(ErrorKind::kUnsupported, "name_constraints.form_unsupported",
                         "a name of a form this verifier does not process (GeneralName tag " +
                             std::to_string(static_cast<int>(n.type)) + ") is constrained");
    }
    auto matches = [&](const GeneralName& c, bool excluded) {
      if (--*comparisons < 0) *budget_exhausted = true;
      switch (n.type) {
        case GeneralNameType::kDnsName:
          return DnsMatches(lower, AsciiLower(c.value.AsStringView()), excluded);
        case GeneralNameType::kRfc822Name: return EmailMatches(text, c.value.AsStringView());
        case GeneralNameType::kIpAddress: return IpMatches(n.value, c.value);
        case GeneralNameType::kDirectoryName: return DirectoryMatches(*n.dn, c.value);
        case GeneralNameType::kUri: return UriMatches(uri_host, c.value.AsStringView());
        default: return false;
      }
    };
    for (const GeneralName& c : nc.excluded) {
      if (c.type != n.type) continue;
      if (matches(c, true)) return MakeError(ErrorKind::kBadValue, "name_constraints.excluded", shown + " is in an excluded subtree");
      if (*budget_exhausted) return MakeError(ErrorKind::kBadValue, "budget.name_constraint_comparisons", "name constraint budget exhausted");
    }
    if (has_permitted) {
      bool ok = false;
      for (const GeneralName& c : nc.permitted) {
        if (c.type != n.type) continue;
        if (matches(c, false)) {
          ok = true;
          break;
        }
        if (*budget_exhausted) return MakeError(ErrorKind::kBadValue, "budget.name_constraint_comparisons", "name constraint budget exhausted");
      }
      // RFC 5280 6.1.3 (b): an empty subject is not constrained by
      // permitted directoryName subtrees (and SAN names are checked above).
      if (!ok) return MakeError(ErrorKind::kBadValue, "name_constraints.not_permitted", shown + " is not in any permitted subtree");
    }
  }
  (void)subject;
  return {};
}

}  // namespace trustready::verify_internal
