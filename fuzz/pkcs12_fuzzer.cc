// libFuzzer: the PKCS#12 trust-store wrapper around OpenSSL's parser (bag
// walking, friendlyName and Oracle trusted-key-usage attributes), with no
// password and with one.
#include <cstddef>
#include <cstdint>

#include "trustready/store/pkcs12_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  const der::Input in(data, size);
  (void)ReadPkcs12Store(in, "fuzz");
  (void)ReadPkcs12Store(in, "fuzz", {"changeit", true});
  return 0;
}
