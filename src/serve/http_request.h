// A small, strict HTTP/1.1 request parser (RFC 9112 sections 2-5) for the
// test site. It parses the request line and header section only: the site
// serves GET/HEAD and never reads a body. Limits are explicit; anything
// outside the grammar is rejected with the status to answer, never guessed at.
//
// Not supported (rejected): obs-fold continuation lines, whitespace between
// a field name and ':', absolute-form/authority-form/asterisk-form targets,
// HTTP versions other than 1.0 and 1.1, bare LF line endings.
#ifndef TRUSTREADY_SERVE_HTTP_REQUEST_H_
#define TRUSTREADY_SERVE_HTTP_REQUEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trustready::serve {

struct HttpParseLimits {
  // The whole header section (request line + fields + CRLFs). 8 KiB is
  // what nginx's large_client_header_buffers allows per line by default and
  // what Apache's LimitRequestFieldSize is; our clients send a few hundred.
  size_t max_header_bytes = 8192;
  size_t max_fields = 64;
};

struct HttpRequest {
  std::string method;   // token, case-sensitive (RFC 9110 9.1)
  std::string target;   // origin-form as sent ("/test.jpg?x=1")
  std::string path;     // target without the query
  int minor_version = 1;  // HTTP/1.<minor>
  std::vector<std::pair<std::string, std::string>> fields;  // names lower-cased
  std::string host;     // the Host field value
  bool keep_alive = true;
  bool has_body = false;  // Content-Length > 0 or Transfer-Encoding present

  // The first field named `lower_name`, or empty.
  std::string_view Field(std::string_view lower_name) const;
};

enum class HttpParseState { kIncomplete, kComplete, kBad };

struct HttpParseResult {
  HttpParseState state = HttpParseState::kIncomplete;
  size_t consumed = 0;  // kComplete: bytes of the header section
  int status = 400;     // kBad: status to answer (400, 431, 505)
  std::string reason;   // kBad: what was wrong, for the log
};

// Parses one request head at the start of `data`. kIncomplete means more
// bytes are needed (and `data` is still within the limits).
HttpParseResult ParseHttpRequest(std::string_view data, const HttpParseLimits& limits,
                                 HttpRequest* out);

}  // namespace trustready::serve

#endif  // TRUSTREADY_SERVE_HTTP_REQUEST_H_
