// Names and ranks of verification errors (the JSON contract).
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

const VerifiedPath* VerifyResult::ValidPath() const {
  for (const VerifiedPath& p : paths) {
    if (p.valid) return &p;
  }
  return nullptr;
}

}  // namespace trustready
