// Per-anchor constraints platforms publish beyond "trusted or not", applied
// when a path ends at such an anchor (validate_path.cc, CheckAnchorTrust).
//
// Chrome Root Store (root_store.proto ConstraintSet.sct_not_after_sec, and
// Chrome's SCT-based distrusts of Entrust, Chunghwa Telecom, NetLock): "the
// leaf certificate must have at least one valid SCT timestamp that is not
// after the specified value". Only SCTs embedded in the leaf
// (1.3.6.1.4.1.11129.2.4.2) are read; their signatures are NOT checked
// against a CT log list, and SCTs delivered in the TLS handshake or in an
// OCSP response are not seen. A leaf without an embedded SCT therefore fails
// the constraint: the answer errs toward "not trusted", never toward a
// false "trusted".
//
// When the target is judged as a CA (readiness of an issuing CA for leaves
// it will issue), the leaf's SCT is taken to be the validation time.
#ifndef TRUSTREADY_VERIFY_PLATFORM_CONSTRAINTS_H_
#define TRUSTREADY_VERIFY_PLATFORM_CONSTRAINTS_H_

#include <optional>
#include <string>

#include "trustready/store/trust_store.h"
#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready {

// nullopt when `trust` has no SCT constraint or `leaf` meets it; otherwise
// why not (one sentence, for a DISTRUSTED error on the anchor).
std::optional<std::string> CheckSctConstraint(const TrustAttributes& trust, const Certificate& leaf,
                                              bool target_is_ca, UnixTime time);

}  // namespace trustready

#endif  // TRUSTREADY_VERIFY_PLATFORM_CONSTRAINTS_H_
