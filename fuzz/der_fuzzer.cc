// libFuzzer: the strict DER reader (recursive walk of any input).
#include <cstddef>
#include <cstdint>

#include "trustready/der/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready::der;
  const Input in(data, size);
  (void)ValidateTree(in);
  Parser p(in);
  while (p.HasMore()) {
    auto e = p.ReadAny();
    if (!e.ok()) break;
    (void)ParseInt64(e->value);
    (void)ParseBitString(e->value);
    (void)CheckOid(e->value);
    (void)OidToString(e->value);
  }
  return 0;
}
