// libFuzzer target: the serve HTTP request-head parser. Beyond "no crash",
// checks the parser's own contract: a complete head consumes no more than
// the input and never more than the limit (plus leading empty lines), and a
// rejection always names a 4xx/5xx status.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

// src/ is not on the fuzz targets' include path (fuzz/CMakeLists.txt links the
// library only), and the parser is internal to serve/, hence the relative path.
#include "../src/serve/http_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready::serve;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  HttpParseLimits limits;
  limits.max_header_bytes = 1024;
  HttpRequest req;
  HttpParseResult r = ParseHttpRequest(input, limits, &req);
  switch (r.state) {
    case HttpParseState::kComplete:
      if (r.consumed > size || r.consumed > limits.max_header_bytes + 16) std::abort();
      if (req.path.empty() || req.path[0] != '/') std::abort();
      if (req.fields.size() > limits.max_fields) std::abort();
      break;
    case HttpParseState::kBad:
      if (r.status < 400 || r.status > 599 || r.reason.empty()) std::abort();
      break;
    case HttpParseState::kIncomplete:
      if (size > limits.max_header_bytes + 16) std::abort();
      break;
  }
  return 0;
}
