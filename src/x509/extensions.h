// Parsing of individual certificate extensions. Internal to src/x509 (and
// src/verify for CRL extensions that reuse GeneralName parsing).
#ifndef TRUSTREADY_X509_EXTENSIONS_H_
#define TRUSTREADY_X509_EXTENSIONS_H_

#include <string>

#include "trustready/x509/parse_certificate.h"

namespace trustready {

// Parses `ext` if this library knows its OID, storing the result in `out`.
// Returns true when understood, false when unknown, an error when a known
// extension is malformed.
Result<bool> ParseKnownExtension(const Extension& ext, ParsedCertificate* out);

// "basicConstraints", ... or the dotted OID.
std::string ExtensionName(der::Input oid);

// One GeneralName from `p`. `for_constraints`: iPAddress is address+mask.
Status ParseGeneralName(der::Parser* p, bool for_constraints, GeneralName* out);
// GeneralNames contents (no SEQUENCE header).
Status ParseGeneralNamesContents(der::Input contents, bool allow_empty, GeneralNames* out);

}  // namespace trustready

#endif  // TRUSTREADY_X509_EXTENSIONS_H_
