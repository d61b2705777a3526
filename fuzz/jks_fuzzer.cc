// libFuzzer: the JKS/JCEKS reader, without a password (structure only) and
// with one (the integrity digest path), plus the in-place editor that
// re-emits entries byte for byte.
#include <cstddef>
#include <algorithm>
#include <cstdint>

#include "trustready/store/jks_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  const der::Input in(data, size);
  auto plain = ReadJksStore(in, "fuzz");
  auto checked = ReadJksStore(in, "fuzz", {"changeit", true});
  // A digest that verifies implies the structure parsed.
  if (checked.ok() && !plain.ok()) __builtin_trap();
  if (checked.ok()) {
    auto edited = EditJksStore(in, "fuzz", "changeit", {}, {});
    if (!edited.ok()) __builtin_trap();
    // Removing nothing and adding nothing must reproduce the input.
    if (edited->size() != size || !std::equal(edited->begin(), edited->end(), data)) __builtin_trap();
  }
  return 0;
}
