// libFuzzer: the CRL parser (DER and PEM entry points), and revocation
// checking of a fixed certificate against whatever parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trustready/x509/crl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto crls = LoadCrlsFromBytes(bytes, "fuzz");
  if (crls.ok()) {
    for (const CrlPtr& crl : *crls) {
      const ParsedCrl& c = crl->parsed();
      // Everything the verifier reads from a CRL must be reachable.
      (void)c.HasUnhandledCriticalExtension();
      for (const RevokedCertificate& r : c.revoked) {
        if (c.FindSerial(r.serial) == nullptr) __builtin_trap();
        if (r.reason) (void)CrlReasonName(*r.reason);
      }
      (void)c.issuer.ToRfc4514();
      (void)crl->NormalizedIssuer();
    }
  }
  ParsedCrl direct;
  (void)ParseCrl(der::Input(data, size), &direct);
  return 0;
}
