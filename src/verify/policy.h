// Certificate policy processing, RFC 5280 6.1.2 (a), (d)-(f); 6.1.3 (d)-(f);
// 6.1.4 (a), (b), (h)-(j); 6.1.5 (a), (b), (g). Internal to src/verify.
#ifndef TRUSTREADY_VERIFY_POLICY_H_
#define TRUSTREADY_VERIFY_POLICY_H_

#include <vector>

#include "trustready/verify/verify.h"

namespace trustready::verify_internal {

struct PolicyOutcome {
  // POLICY errors (and BUDGET_EXHAUSTED when the graph outgrew its budget).
  std::vector<VerifyError> errors;
  // The user-constrained policy set (OID contents; anyPolicy's when every
  // policy is acceptable).
  std::vector<std::vector<uint8_t>> user_constrained_policy_set;
};

// `path` runs target first, anchor last (the anchor is not one of RFC
// 5280's n certificates). `graph_budget` is decremented per node and edge.
PolicyOutcome ProcessPolicies(const std::vector<CertificatePtr>& path, const PolicyOptions& options,
                              int* graph_budget);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_POLICY_H_
