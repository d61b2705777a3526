// Object identifiers used across the library (contents octets).
#include "trustready/x509/oids.h"

namespace trustready::oid {
namespace {
constexpr uint8_t kBc[] = {0x55, 0x1d, 0x13};
constexpr uint8_t kKu[] = {0x55, 0x1d, 0x0f};
constexpr uint8_t kEku[] = {0x55, 0x1d, 0x25};
constexpr uint8_t kSan[] = {0x55, 0x1d, 0x11};
constexpr uint8_t kIan[] = {0x55, 0x1d, 0x12};
constexpr uint8_t kNc[] = {0x55, 0x1d, 0x1e};
constexpr uint8_t kCp[] = {0x55, 0x1d, 0x20};
constexpr uint8_t kPm[] = {0x55, 0x1d, 0x21};
constexpr uint8_t kPc[] = {0x55, 0x1d, 0x24};
constexpr uint8_t kIap[] = {0x55, 0x1d, 0x36};
constexpr uint8_t kAki[] = {0x55, 0x1d, 0x23};
constexpr uint8_t kSki[] = {0x55, 0x1d, 0x0e};
constexpr uint8_t kAia[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01};
constexpr uint8_t kCrlDp[] = {0x55, 0x1d, 0x1f};
constexpr uint8_t kScts[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02};
constexpr uint8_t kTlsF[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x18};
constexpr uint8_t kAnyP[] = {0x55, 0x1d, 0x20, 0x00};
constexpr uint8_t kSa[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
constexpr uint8_t kCa[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
constexpr uint8_t kCs[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03};
constexpr uint8_t kEp[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04};
constexpr uint8_t kTs[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08};
constexpr uint8_t kOs[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09};
constexpr uint8_t kAnyE[] = {0x55, 0x1d, 0x25, 0x00};
constexpr uint8_t kCaI[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02};
constexpr uint8_t kOcsp[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
constexpr uint8_t kCn[] = {0x55, 0x04, 0x03};
}  // namespace

const der::Input kBasicConstraints(kBc);
const der::Input kKeyUsage(kKu);
const der::Input kExtKeyUsage(kEku);
const der::Input kSubjectAltName(kSan);
const der::Input kIssuerAltName(kIan);
const der::Input kNameConstraints(kNc);
const der::Input kCertificatePolicies(kCp);
const der::Input kPolicyMappings(kPm);
const der::Input kPolicyConstraints(kPc);
const der::Input kInhibitAnyPolicy(kIap);
const der::Input kAuthorityKeyIdentifier(kAki);
const der::Input kSubjectKeyIdentifier(kSki);
const der::Input kAuthorityInfoAccess(kAia);
const der::Input kCrlDistributionPoints(kCrlDp);
const der::Input kSctList(kScts);
const der::Input kTlsFeature(kTlsF);
const der::Input kAnyPolicy(kAnyP);
const der::Input kEkuServerAuth(kSa);
const der::Input kEkuClientAuth(kCa);
const der::Input kEkuCodeSigning(kCs);
const der::Input kEkuEmailProtection(kEp);
const der::Input kEkuTimeStamping(kTs);
const der::Input kEkuOcspSigning(kOs);
const der::Input kAnyEku(kAnyE);
const der::Input kAdCaIssuers(kCaI);
const der::Input kAdOcsp(kOcsp);
const der::Input kCommonName(kCn);

}  // namespace trustready::oid

namespace trustready {
std::string EkuName(der::Input o) {
  if (o == oid::kEkuServerAuth) return "serverAuth";
  if (o == oid::kEkuClientAuth) return "clientAuth";
  if (o == oid::kEkuCodeSigning) return "codeSigning";
  if (o == oid::kEkuEmailProtection) return "emailProtection";
  if (o == oid::kEkuTimeStamping) return "timeStamping";
  if (o == oid::kEkuOcspSigning) return "OCSPSigning";
  if (o == oid::kAnyEku) return "anyExtendedKeyUsage";
  return der::OidToString(o);
}
}  // namespace trustready
