// libFuzzer: the importers of published lists (issue 15): the first byte
// picks CCADB's CSV report, Apple's list (HTML/Markdown) or authroot.stl's
// PKCS#7 certificate trust list; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trustready/importer/import_authroot.h"
#include "trustready/importer/import_lists.h"
#include "trustready/importer/importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  ImportOptions o;
  o.version = "fuzz";
  o.date = "2026-01-01";
  o.source = "fuzz";
  switch (data[0] % 3) {
    case 0: (void)ImportCcadbCsv(text, "fuzz.csv", o); break;
    case 1: (void)ImportAppleList(text, "fuzz.html", o); break;
    default: (void)ParseAuthrootStl(text, "fuzz.stl"); break;
  }
  return 0;
}
