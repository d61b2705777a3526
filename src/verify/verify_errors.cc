// Names and ranks of verification errors (the JSON contract), and the
// purposes by name.
#include "trustready/verify/verify.h"

namespace trustready {

std::string_view VerifyErrorCodeName(VerifyErrorCode code) {
  switch (code) {
    case VerifyErrorCode::kUnknownIssuer: return "UNKNOWN_ISSUER";
    case VerifyErrorCode::kBudgetExhausted: return "BUDGET_EXHAUSTED";
    case VerifyErrorCode::kPathTooLong: return "PATH_TOO_LONG";
    case VerifyErrorCode::kBadSignature: return "BAD_SIGNATURE";
    case VerifyErrorCode::kUnsupportedAlgorithm: return "UNSUPPORTED_ALGORITHM";
    case VerifyErrorCode::kWeakKey: return "WEAK_KEY";
    case VerifyErrorCode::kWeakSignature: return "WEAK_SIGNATURE";
    case VerifyErrorCode::kMalformed: return "MALFORMED";
    case VerifyErrorCode::kUnhandledCriticalExtension: return "UNHANDLED_CRITICAL_EXTENSION";
    case VerifyErrorCode::kNotACa: return "NOT_A_CA";
    case VerifyErrorCode::kPathLengthExceeded: return "PATH_LENGTH_EXCEEDED";
    case VerifyErrorCode::kKeyUsage: return "KEY_USAGE";
    case VerifyErrorCode::kExtendedKeyUsage: return "EXTENDED_KEY_USAGE";
    case VerifyErrorCode::kPolicy: return "POLICY";
    case VerifyErrorCode::kNameConstraints: return "NAME_CONSTRAINTS";
    case VerifyErrorCode::kDistrusted: return "DISTRUSTED";
    case VerifyErrorCode::kAnchorPurpose: return "ANCHOR_PURPOSE";
    case VerifyErrorCode::kNotYetValid: return "NOT_YET_VALID";
    case VerifyErrorCode::kExpired: return "EXPIRED";
    case VerifyErrorCode::kRevoked: return "REVOKED";
    case VerifyErrorCode::kCrlInvalid: return "CRL_INVALID";
    case VerifyErrorCode::kRevocationUnknown: return "REVOCATION_UNKNOWN";
    case VerifyErrorCode::kHostnameMismatch: return "HOSTNAME_MISMATCH";
  }
  return "UNKNOWN";
}

// The order follows how far validation got and how actionable the answer
// is: "no path" is the least specific; structural problems of a path come
// next; then trust-store decisions; then facts about the certificates'
// lifetime and revocation; a wrong host name, which is true of the leaf
// whatever path is taken, is the most specific of all.
int VerifyErrorRank(VerifyErrorCode code) {
  switch (code) {
    case VerifyErrorCode::kUnknownIssuer: return 0;
    case VerifyErrorCode::kBudgetExhausted: return 1;
    case VerifyErrorCode::kPathTooLong: return 2;
    case VerifyErrorCode::kUnsupportedAlgorithm: return 3;
    case VerifyErrorCode::kBadSignature: return 4;
    case VerifyErrorCode::kMalformed: return 5;
    case VerifyErrorCode::kWeakKey: return 6;
    // Same standing as a weak key: the path is sound but its cryptography
    // is below what clients accept.
    case VerifyErrorCode::kWeakSignature: return 6;
    case VerifyErrorCode::kUnhandledCriticalExtension: return 7;
    case VerifyErrorCode::kNotACa: return 8;
    case VerifyErrorCode::kPathLengthExceeded: return 9;
    case VerifyErrorCode::kKeyUsage: return 10;
    case VerifyErrorCode::kExtendedKeyUsage: return 11;
    case VerifyErrorCode::kPolicy: return 12;
    case VerifyErrorCode::kNameConstraints: return 13;
    case VerifyErrorCode::kAnchorPurpose: return 14;
    case VerifyErrorCode::kDistrusted: return 15;
    case VerifyErrorCode::kCrlInvalid: return 16;
    case VerifyErrorCode::kRevocationUnknown: return 17;
    case VerifyErrorCode::kNotYetValid: return 18;
    case VerifyErrorCode::kExpired: return 19;
    case VerifyErrorCode::kRevoked: return 20;
    case VerifyErrorCode::kHostnameMismatch: return 21;
  }
  return 0;
}

std::string_view RevocationStateName(RevocationState state) {
  switch (state) {
    case RevocationState::kGood: return "good";
    case RevocationState::kRevoked: return "revoked";
    case RevocationState::kUnknown: return "unknown";
  }
  return "unknown";
}

// The registry of detail ids (verify.h). Grouped by code; each line is one
// distinct failure that some check in src/verify reports. Adding a check
// adds a line here; tests/verify/verify_detail_test.cc pins the list.
const std::vector<VerifyDetailInfo>& VerifyDetailIds() {
  using C = VerifyErrorCode;
  static const std::vector<VerifyDetailInfo> kIds = {
      // UNKNOWN_ISSUER (path_builder.cc, client_policy.cc)
      {"issuer.not_found", C::kUnknownIssuer},
      {"issuer.no_path", C::kUnknownIssuer},
      {"issuer.no_target", C::kUnknownIssuer},
      {"client.anchor_not_self_signed", C::kUnknownIssuer},
      // BUDGET_EXHAUSTED: one per PathBudget limit
      {"budget.signature_checks", C::kBudgetExhausted},
      {"budget.builder_steps", C::kBudgetExhausted},
      {"budget.deadline", C::kBudgetExhausted},
      {"budget.name_constraint_comparisons", C::kBudgetExhausted},
      {"budget.policy_graph_size", C::kBudgetExhausted},
      // PATH_TOO_LONG
      {"path.max_depth", C::kPathTooLong},
      {"path.max_intermediates", C::kPathTooLong},
      // BAD_SIGNATURE, UNSUPPORTED_ALGORITHM
      {"signature.invalid", C::kBadSignature},
      {"signature.unsupported_algorithm", C::kUnsupportedAlgorithm},
      {"crypto.ec_curve", C::kUnsupportedAlgorithm},
      {"crypto.key_type", C::kUnsupportedAlgorithm},
      // WEAK_KEY, WEAK_SIGNATURE
      {"crypto.rsa_below_1024", C::kWeakKey},
      {"crypto.rsa_web_profile", C::kWeakKey},
      {"client.rsa_below_minimum", C::kWeakKey},
      {"crypto.sha1_signature", C::kWeakSignature},
      // MALFORMED: the certificate profile (RFC 5280 4.x MUSTs, CA/B Forum BRs)
      {"profile.serial_zero", C::kMalformed},
      {"profile.serial_negative", C::kMalformed},
      {"profile.serial_too_long", C::kMalformed},
      {"profile.version_not_v3", C::kMalformed},
      {"profile.issuer_empty", C::kMalformed},
      {"profile.aki_critical", C::kMalformed},
      {"profile.aki_missing", C::kMalformed},
      {"profile.ski_critical", C::kMalformed},
      {"profile.ski_missing", C::kMalformed},
      {"profile.root_aki_not_key_id", C::kMalformed},
      {"profile.root_aki_ski_mismatch", C::kMalformed},
      {"profile.subject_empty_no_san", C::kMalformed},
      {"profile.san_not_critical", C::kMalformed},
      {"profile.san_critical", C::kMalformed},
      {"profile.aia_critical", C::kMalformed},
      {"profile.policy_constraints_not_critical", C::kMalformed},
      {"profile.basic_constraints_not_critical", C::kMalformed},
      {"profile.ca_subject_empty", C::kMalformed},
      {"profile.key_cert_sign_without_ca", C::kMalformed},
      {"profile.ca_without_key_cert_sign", C::kMalformed},
      {"profile.common_name_not_in_san", C::kMalformed},
      // UNHANDLED_CRITICAL_EXTENSION
      {"extension.unhandled_critical", C::kUnhandledCriticalExtension},
      // NOT_A_CA
      {"basic_constraints.not_v3", C::kNotACa},
      {"basic_constraints.ca_false", C::kNotACa},
      {"basic_constraints.missing", C::kNotACa},
      // PATH_LENGTH_EXCEEDED
      {"path.length_constraint", C::kPathLengthExceeded},
      // KEY_USAGE
      {"key_usage.issuer_lacks_key_cert_sign", C::kKeyUsage},
      {"key_usage.target_ca_lacks_key_cert_sign", C::kKeyUsage},
      {"key_usage.required_bit_missing", C::kKeyUsage},
      // EXTENDED_KEY_USAGE
      {"eku.purpose_missing", C::kExtendedKeyUsage},
      {"eku.leaf_any_eku", C::kExtendedKeyUsage},
      {"eku.leaf_critical", C::kExtendedKeyUsage},
      {"eku.required_missing", C::kExtendedKeyUsage},
      {"eku.root_has_eku", C::kExtendedKeyUsage},
      {"eku.ca_disallows_purpose", C::kExtendedKeyUsage},
      // POLICY (policy.cc)
      {"policy.none_acceptable_on_path", C::kPolicy},
      {"policy.any_policy_mapped", C::kPolicy},
      {"policy.explicit_none_valid", C::kPolicy},
      {"policy.explicit_none_acceptable", C::kPolicy},
      // NAME_CONSTRAINTS (name_constraints.cc, validate_path.cc)
      {"name_constraints.in_end_entity", C::kNameConstraints},
      {"name_constraints.no_subtrees", C::kNameConstraints},
      {"name_constraints.dns_constraint_invalid", C::kNameConstraints},
      {"name_constraints.email_constraint_invalid", C::kNameConstraints},
      {"name_constraints.ip_constraint_invalid", C::kNameConstraints},
      {"name_constraints.san_directory_name_invalid", C::kNameConstraints},
      {"name_constraints.dns_name_malformed", C::kNameConstraints},
      {"name_constraints.email_malformed", C::kNameConstraints},
      {"name_constraints.uri_without_host", C::kNameConstraints},
      {"name_constraints.form_unsupported", C::kNameConstraints},
      {"name_constraints.excluded", C::kNameConstraints},
      {"name_constraints.not_permitted", C::kNameConstraints},
      // DISTRUSTED, ANCHOR_PURPOSE
      {"trust.intermediate_distrusted", C::kDistrusted},
      {"trust.anchor_distrusted", C::kDistrusted},
      {"trust.distrust_after", C::kDistrusted},
      {"trust.sct_constraint", C::kDistrusted},
      {"client.ca_distrust_policy", C::kDistrusted},
      {"trust.anchor_purpose", C::kAnchorPurpose},
      // NOT_YET_VALID, EXPIRED
      {"validity.not_yet_valid", C::kNotYetValid},
      {"validity.expired", C::kExpired},
      // REVOKED, CRL_INVALID, REVOCATION_UNKNOWN (revocation.cc)
      {"revocation.revoked", C::kRevoked},
      {"revocation.crl_unusable", C::kCrlInvalid},
      {"revocation.status_unknown", C::kRevocationUnknown},
      // HOSTNAME_MISMATCH
      {"host.mismatch", C::kHostnameMismatch},
  };
  return kIds;
}

const VerifiedPath* VerifyResult::ValidPath() const {
  for (const VerifiedPath& p : paths) {
    if (p.valid) return &p;
  }
  return nullptr;
}

std::optional<VerifyPurpose> ParseVerifyPurpose(std::string_view name) {
  if (name == "server") return VerifyPurpose::kServerAuth;
  if (name == "client") return VerifyPurpose::kClientAuth;
  if (name == "any") return VerifyPurpose::kAny;
  return std::nullopt;
}

}  // namespace trustready
