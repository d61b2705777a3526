// libFuzzer: PEM/DER certificate loading (the path every file input takes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trustready/x509/pem.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ParsePem(text);
  (void)LoadCertificatesFromBytes(text, "fuzz");
  return 0;
}
