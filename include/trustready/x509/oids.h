// Object identifiers the library matches (contents octets, no tag or
// length), and the short names of extended key usages.
#ifndef TRUSTREADY_X509_OIDS_H_
#define TRUSTREADY_X509_OIDS_H_

#include <string>

#include "trustready/der/parser.h"

namespace trustready {

// Well-known OIDs (contents octets).
namespace oid {
extern const der::Input kBasicConstraints;
extern const der::Input kKeyUsage;
extern const der::Input kExtKeyUsage;
extern const der::Input kSubjectAltName;
extern const der::Input kIssuerAltName;
extern const der::Input kNameConstraints;
extern const der::Input kCertificatePolicies;
extern const der::Input kPolicyMappings;
extern const der::Input kPolicyConstraints;
extern const der::Input kInhibitAnyPolicy;
extern const der::Input kAuthorityKeyIdentifier;
extern const der::Input kSubjectKeyIdentifier;
extern const der::Input kAuthorityInfoAccess;
extern const der::Input kCrlDistributionPoints;
extern const der::Input kSctList;
extern const der::Input kTlsFeature;
extern const der::Input kAnyPolicy;
extern const der::Input kEkuServerAuth;
extern const der::Input kEkuClientAuth;
extern const der::Input kEkuCodeSigning;
extern const der::Input kEkuEmailProtection;
extern const der::Input kEkuTimeStamping;
extern const der::Input kEkuOcspSigning;
extern const der::Input kAnyEku;
extern const der::Input kAdCaIssuers;
extern const der::Input kAdOcsp;
extern const der::Input kCommonName;
}  // namespace oid

// Short name of an EKU OID ("serverAuth") or its dotted form.
std::string EkuName(der::Input oid);

}  // namespace trustready

#endif  // TRUSTREADY_X509_OIDS_H_
