// PEM bundles (RFC 7468), OpenSSL "TRUSTED CERTIFICATE" blocks with their
// trust settings (X509_CERT_AUX), and single DER certificates: reading and
// writing. Writing drops distrust-after dates (PEM cannot carry them).
//
// Readers never throw; hostile input yields an Error whose message names
// the input (`source`). Stores returned own their certificates
// (CertificatePtr); nothing aliases the input bytes after return.
#ifndef TRUSTREADY_STORE_PEM_STORE_H_
#define TRUSTREADY_STORE_PEM_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/der/parser.h"
#include "trustready/store/trust_store.h"

namespace trustready {

Result<TrustStore> ReadPemStore(std::string_view text, const std::string& source);
Result<TrustStore> ReadDerStore(der::Input der, const std::string& source);

// --- OpenSSL trust settings (crypto/x509/x_x509a.c) ---------------------
//
//   X509_CERT_AUX ::= SEQUENCE {
//       trust       SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//       reject  [0] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//       alias       UTF8String OPTIONAL,
//       keyid       OCTET STRING OPTIONAL,
//       other   [1] EXPLICIT SEQUENCE OF AlgorithmIdentifier OPTIONAL }
//
// Trust/reject OIDs are EKU purposes (anyExtendedKeyUsage = all).
struct OpenSslCertAux {
  TrustAttributes trust;
  std::string alias;
};
// An empty `aux` means "no trust settings": trusted for all purposes.
Result<OpenSslCertAux> ParseOpenSslCertAux(der::Input aux);
std::vector<uint8_t> EncodeOpenSslCertAux(const TrustAttributes& trust, std::string_view alias);

struct PemWriteOptions {
  enum class Trust {
    kAuto,     // TRUSTED CERTIFICATE only for anchors whose trust is not
               // "all purposes" (what plain CERTIFICATE means to OpenSSL)
    kAlways,   // every anchor as TRUSTED CERTIFICATE
    kNever,    // plain CERTIFICATE blocks; trust settings dropped and
               // distrusted anchors left out
  };
  Trust trust = Trust::kAuto;
  bool comments = true;  // "# <display name>" line above each block
};
std::string WritePemStore(const TrustStore& store, const PemWriteOptions& options = {});

}  // namespace trustready

#endif  // TRUSTREADY_STORE_PEM_STORE_H_
