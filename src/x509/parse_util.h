// Pieces the certificate parser and the CRL parser share. Internal to
// src/x509.
#ifndef TRUSTREADY_X509_PARSE_UTIL_H_
#define TRUSTREADY_X509_PARSE_UTIL_H_

#include <string_view>
#include <vector>

#include "trustready/x509/parse_certificate.h"
#include "trustready/x509/time.h"

// Returns the error of a failed Status/Result expression from the
// enclosing function (which returns Status or Result<T>).
#define TR_TRY(expr)                                  \
  do {                                                \
    auto tr_status_ = (expr);                         \
    if (!tr_status_.ok()) return tr_status_.error();  \
  } while (0)

namespace trustready::x509_internal {

// AlgorithmIdentifier of a signature (RFC 5280 4.1.1.2; RFC 4055 for
// RSASSA-PSS): the OID mapped to SignatureAlgorithm, parameters checked.
// An unknown OID is kept as kUnknown (verify/ refuses it).
Status ParseSignatureAlgorithm(der::Parser* p, std::string_view what, AlgorithmIdentifier* out);

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
// Extension  ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
//                           extnValue OCTET STRING }
// `seq` is the parser over the SEQUENCE's contents. A duplicate OID is an
// error; values are not interpreted (understood stays false).
Status ParseExtensionList(der::Parser* seq, std::vector<Extension>* out);

// Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }
Result<UnixTime> ReadTime(der::Parser* p, std::string_view what);

}  // namespace trustready::x509_internal

#endif  // TRUSTREADY_X509_PARSE_UTIL_H_
