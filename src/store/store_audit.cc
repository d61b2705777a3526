// Store audit and diff.
#include "trustready/store/store_audit.h"

#include <set>

namespace trustready {

std::string_view AuditSeverityName(AuditSeverity s) {
  switch (s) {
    case AuditSeverity::kError: return "error";
    case AuditSeverity::kWarning: return "warning";
    case AuditSeverity::kInfo: return "info";
  }
  return "info";
}

bool AuditPassed(const std::vector<StoreAuditFinding>& findings) {
  for (const auto& f : findings) {
    if (f.severity == AuditSeverity::kError) return false;
  }
  return true;
}

std::string DescribeTrust(const TrustAttributes& t) {
  std::string out;
  if (t.distrusted) {
    out = "distrusted";
  } else if (t.purposes == 0) {
    out = "none";
  } else if (t.purposes == kAllPurposes) {
    out = "all";
  } else {
    for (const auto& n : PurposeNames(t.purposes)) out += (out.empty() ? "" : ",") + n;
  }
  if (t.server_distrust_after) out += " (server distrust after " + FormatDate(*t.server_distrust_after) + ")";
  if (t.email_distrust_after) out += " (email distrust after " + FormatDate(*t.email_distrust_after) + ")";
  return out;
}

std::vector<StoreAuditFinding> AuditStore(const TrustStore& store, const StoreAuditOptions& options) {
  const UnixTime now = options.now ? options.now : Now();
  const UnixTime soon = now + static_cast<UnixTime>(options.soon_days) * 86400;
  std::vector<StoreAuditFinding> out;
  auto add = [&](const char* id, AuditSeverity sev, std::vector<const TrustAnchor*> anchors,
                 std::string message) {
    out.push_back({id, sev, std::move(anchors), std::move(message)});
  };
  for (const TrustAnchor& a : store.anchors()) {
    const ParsedCertificate& c = a.cert->parsed();
    const std::string name = a.cert->DisplayName();
    if (a.trust.distrusted) {
      add("DISTRUSTED", AuditSeverity::kInfo, {&a}, name + ": explicitly distrusted");
      continue;  // the remaining checks concern anchors that are trusted
    }
    if (c.not_after < now) {
      add("EXPIRED", AuditSeverity::kError, {&a}, name + ": expired " + FormatDate(c.not_after));
    } else if (c.not_after < soon) {
      add("EXPIRING_SOON", AuditSeverity::kWarning, {&a}, name + ": expires " + FormatDate(c.not_after));
    }
    const PublicKeyInfo& k = c.spki;
    bool weak = false;
    switch (k.type) {
      case KeyType::kRsa:
      case KeyType::kDsa: weak = k.bits < options.min_rsa_bits; break;
      case KeyType::kEc: weak = k.bits < options.min_ec_bits; break;
      case KeyType::kEd25519:
      case KeyType::kEd448: break;
      case KeyType::kUnknown: weak = true; break;
    }
    if (weak) add("WEAK_KEY", AuditSeverity::kError, {&a}, name + ": weak key " + a.cert->KeyDescription());
    if (c.version == 1) {
      add("V1_CERTIFICATE", AuditSeverity::kWarning, {&a}, name + ": version 1 certificate");
    } else if (!c.basic_constraints || !c.basic_constraints->is_ca) {
      add("NOT_CA", AuditSeverity::kError, {&a}, name + ": not a CA certificate (no basicConstraints cA)");
    }
    if (a.trust.server_distrust_after || a.trust.email_distrust_after) {
      add("DISTRUST_AFTER", AuditSeverity::kInfo, {&a}, name + ": " + DescribeTrust(a.trust));
    }
    if (a.trust.purposes == 0) {
      add("NO_PURPOSE", AuditSeverity::kInfo, {&a}, name + ": trusted for no purpose");
    }
  }
  std::set<std::string> seen_subject;
  std::set<Sha256> seen_key;
  for (const TrustAnchor& a : store.anchors()) {
    if (seen_subject.insert(a.cert->NormalizedSubject()).second) {
      auto same = store.FindBySubject(a.cert->NormalizedSubject());
      if (same.size() > 1) {
        add("DUPLICATE_SUBJECT", AuditSeverity::kWarning, same,
            a.cert->DisplayName() + ": " + std::to_string(same.size()) + " anchors share this subject");
      }
    }
    if (seen_key.insert(a.cert->spki_sha256()).second) {
      auto same = store.FindBySpki(a.cert->spki_sha256());
      if (same.size() > 1) {
        add("DUPLICATE_KEY", AuditSeverity::kWarning, same,
            a.cert->DisplayName() + ": " + std::to_string(same.size()) + " anchors share this key");
      }
    }
  }
  return out;
}

StoreDiff DiffStores(const TrustStore& a, const TrustStore& b) {
  StoreDiff d;
  for (const TrustAnchor& x : a.anchors()) {
    const TrustAnchor* y = b.FindBySha256(x.cert->sha256());
    if (!y) {
      d.only_in_a.push_back(&x);
    } else if (!(x.trust == y->trust)) {
      d.trust_changed.push_back({&x, y});
    }
  }
  for (const TrustAnchor& y : b.anchors()) {
    if (!a.FindBySha256(y.cert->sha256())) d.only_in_b.push_back(&y);
  }
  return d;
}

}  // namespace trustready
