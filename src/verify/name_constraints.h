// Name constraints (RFC 5280 4.2.1.10, 6.1.3 (b)-(c) and 6.1.4 (g)).
// Internal to src/verify.
//
// Each certificate's NameConstraints is checked on its own against every
// name of every subordinate certificate; that is the same as RFC 5280's
// intersection of permitted subtrees, without materialising it.
//
// Forms processed: dNSName, iPAddress, rfc822Name, directoryName. A
// constraint of another form (otherName, URI, x400Address, ...) fails a
// certificate that holds a name of that form (RFC 5280: "MUST either
// process the constraint or reject the certificate"); it is ignored
// otherwise. The subject's Common Name is not treated as a DNS name (no CN
// fallback in the web profile).
#ifndef TRUSTREADY_VERIFY_NAME_CONSTRAINTS_H_
#define TRUSTREADY_VERIFY_NAME_CONSTRAINTS_H_

#include <string>

#include "trustready/x509/parse_certificate.h"
#include "trustready/base/result.h"

namespace trustready::verify_internal {

// Whether a NameConstraints extension is itself well formed: at least one
// subtree, every DNS/IP/e-mail base valid. Fails with a message otherwise.
Status CheckNameConstraintsSyntax(const NameConstraints& nc);

// Checks every name of `cert` against `nc`. `comparisons` is decremented per
// comparison; when it falls below zero the check fails with a budget
// message (*budget_exhausted set). Returns an error message on violation.
Status CheckNameConstraints(const NameConstraints& nc, const ParsedCertificate& cert,
                            int* comparisons, bool* budget_exhausted);

}  // namespace trustready::verify_internal

#endif  // TRUSTREADY_VERIFY_NAME_CONSTRAINTS_H_
