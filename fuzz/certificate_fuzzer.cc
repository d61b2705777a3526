// libFuzzer: the certificate parser and everything derived from a parsed
// certificate (names, hashes, JSON rendering).
#include <cstddef>
#include <cstdint>

#include "trustready/report/cert_report.h"
#include "trustready/x509/certificate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  auto cert = Certificate::Parse(der::Input(data, size));
  if (!cert.ok()) return 0;
  (void)(*cert)->SubjectHash();
  (void)(*cert)->SubjectHashOld();
  (void)(*cert)->DisplayName();
  (void)CertificateToJson(**cert).dump();
  (void)CertificateToText(**cert);
  return 0;
}
