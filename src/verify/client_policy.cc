#include "verify/client_policy.h"

#include <algorithm>

namespace trustready::verify_internal {

void ApplyClientPolicy(const std::vector<CertificatePtr>& path, const TrustAnchor& anchor,
                       const VerifyOptions& options, std::vector<VerifyError>* errors) {
  const ClientBehavior& b = options.client;
  const int n = static_cast<int>(path.size());
  if (n == 0) return;
  auto who = [&](int i) { return "'" + path[i]->DisplayName() + "'"; };

  // SHA-1 below the anchor: ValidatePath refuses it (the web profile).
  bool allow_sha1 = b.sha1 == Sha1Policy::kAllow;
  if (b.sha1 == Sha1Policy::kRefuseUnderBuiltinAnchors && b.builtin_anchors) {
    const Sha256& a = anchor.cert->sha256();
    allow_sha1 = std::find(b.builtin_anchors->begin(), b.builtin_anchors->end(), a) == b.builtin_anchors->end();
  }
  if (allow_sha1) {
    std::erase_if(*errors, [](const VerifyError& e) { return e.code == VerifyErrorCode::kWeakSignature; });
  }

  // RSA key sizes: the client's minimum replaces the web profile's.
  if (b.min_rsa_bits > 0) {
    std::erase_if(*errors, [&](const VerifyError& e) {
      return e.code == VerifyErrorCode::kWeakKey && e.certificate >= 0 && e.certificate < n &&
             (*path[e.certificate])->spki.type == KeyType::kRsa;
    });
    for (int i = 0; i < n; ++i) {
      const bool is_anchor = i == n - 1;
      if (is_anchor && !b.check_anchor_key) continue;
      const PublicKeyInfo& k = (*path[i])->spki;
      if (k.type == KeyType::kRsa && k.bits < b.min_rsa_bits) {
        errors->push_back({VerifyErrorCode::kWeakKey, i,
                           who(i) + " has a " + std::to_string(k.bits) + "-bit RSA key; this client requires at least " +
                               std::to_string(b.min_rsa_bits) + " bits",
                           "client.rsa_below_minimum"});
      }
    }
  }

  // Java's caDistrustPolicies: by the anchor's fingerprint, whatever store
  // holds it; the leaf's notBefore (a CA's would-be leaf: now).
  if (b.ca_distrust_after && options.purpose == VerifyPurpose::kServerAuth) {
    const Sha256& a = anchor.cert->sha256();
    const UnixTime issued = options.target_is_ca ? options.time : (*path[0])->not_before;
    for (const auto& [fp, after] : *b.ca_distrust_after) {
      if (fp != a || issued <= after) continue;
      errors->push_back({VerifyErrorCode::kDistrusted, n - 1,
                         who(n - 1) + " is distrusted for server certificates issued after " + FormatRfc3339(after) +
                             " (" + b.ca_distrust_source + ")",
                         "client.ca_distrust_policy"});
      break;
    }
  }

  // OpenSSL without X509_V_FLAG_PARTIAL_CHAIN: a trusted certificate that
  // is not self-signed does not end the chain; its issuer must be found.
  if (b.require_self_signed_anchor && !path.back()->IsSelfIssued()) {
    errors->push_back({VerifyErrorCode::kUnknownIssuer, n - 1,
                       who(n - 1) + " is trusted but not self-signed; this client (OpenSSL without partial-chain "
                                    "support) also needs the root that issued it",
                       "client.anchor_not_self_signed"});
  }
}

}  // namespace trustready::verify_internal
