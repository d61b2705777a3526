// libFuzzer: the text store formats: Mozilla certdata.txt, and PEM bundles
// with OpenSSL TRUSTED CERTIFICATE trust settings (X509_CERT_AUX), plus the
// format sniffer that routes every file input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trustready/store/certdata_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/store_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)SniffStoreFormat(text);
  (void)ReadCertdataStore(text, "fuzz");
  auto pem = ReadPemStore(text, "fuzz");
  if (pem.ok()) {
    // What we write we must read back with the same anchors and trust.
    PemWriteOptions o;
    o.trust = PemWriteOptions::Trust::kAlways;
    auto back = ReadPemStore(WritePemStore(*pem, o), "fuzz-roundtrip");
    if (!back.ok() || back->size() != pem->size()) __builtin_trap();
    for (const auto& a : pem->anchors()) {
      const TrustAnchor* b = back->FindBySha256(a.cert->sha256());
      if (!b || !(b->trust == a.trust)) __builtin_trap();
    }
  }
  (void)ParseOpenSslCertAux(der::Input(data, size));
  return 0;
}
