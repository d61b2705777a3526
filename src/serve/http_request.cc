#include "serve/http_request.h"

#include <cctype>
#include "trustready/base/strings.h"

namespace trustready::serve {

namespace {

// tchar (RFC 9110 5.6.2).
bool IsTchar(unsigned char c) {
  if (std::isalnum(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!IsTchar(c)) return false;
  }
  return true;
}
// field-vchar / SP / HTAB / obs-text (RFC 9110 5.5).
bool IsFieldValueChar(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool HasToken(std::string_view list, std::string_view token) {
  // Comma-separated list of tokens (RFC 9110 5.6.1), case-insensitive.
  std::string l = AsciiLower(list);
  size_t pos = 0;
  while (pos <= l.size()) {
    size_t comma = l.find(',', pos);
    std::string_view item = TrimOws(std::string_view(l).substr(
        pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (item == token) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}

HttpParseResult Bad(int status, std::string reason) {
  HttpParseResult r;
  r.state = HttpParseState::kBad;
  r.status = status;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

std::string_view HttpRequest::Field(std::string_view lower_name) const {
  for (const auto& [name, value] : fields) {
    if (name == lower_name) return value;
  }
  return {};
}

HttpParseResult ParseHttpRequest(std::string_view data, const HttpParseLimits& limits,
                                 HttpRequest* out) {
  *out = HttpRequest();
  // RFC 9112 2.2: a server SHOULD ignore at least one empty line before the
  // request line.
  size_t start = 0;
  while (start + 1 < data.size() && data[start] == '\r' && data[start + 1] == '\n' && start < 8) {
    start += 2;
  }
  size_t end = data.find("\r\n\r\n", start);
  if (end == std::string_view::npos) {
    if (data.size() > limits.max_header_bytes) {
      return Bad(431, "header section larger than " + std::to_string(limits.max_header_bytes) +
                          " bytes");
    }
    // Refuse early what can never complete into a valid head, rather than
    // holding the connection until the request timeout: a bare LF, control
    // characters, or a method that is not a token.
    bool in_method = true;
    for (size_t i = start; i < data.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(data[i]);
      if (c == '\n' && (i == 0 || data[i - 1] != '\r')) return Bad(400, "bare LF");
      if (c < 0x20 && c != '\r' && c != '\n' && c != '\t') return Bad(400, "control character");
      if (c == 0x7f) return Bad(400, "control character");
      if (in_method) {
        if (c == ' ' && i > start) {
          in_method = false;
        } else if (!IsTchar(c)) {
          return Bad(400, "bad method");
        }
      }
    }
    return {};
  }
  if (end + 4 > limits.max_header_bytes + start) {
    return Bad(431, "header section larger than " + std::to_string(limits.max_header_bytes) +
                        " bytes");
  }
  std::string_view head = data.substr(start, end - start);

  size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);

  // request-line = method SP request-target SP HTTP-version (RFC 9112 3)
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos ||
      line.find(' ', sp2 + 1) != std::string_view::npos) {
    return Bad(400, "malformed request line");
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!IsToken(method)) return Bad(400, "bad method");
  if (target.empty() || target[0] != '/') return Bad(400, "request-target not in origin-form");
  for (unsigned char c : target) {
    if (c <= 0x20 || c >= 0x7f) return Bad(400, "bad character in request-target");
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !std::isdigit(static_cast<unsigned char>(version[5])) ||
      version[6] != '.' || !std::isdigit(static_cast<unsigned char>(version[7]))) {
    return Bad(400, "malformed HTTP version");
  }
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
    return Bad(505, "unsupported HTTP version");
  }
  out->method = std::string(method);
  out->target = std::string(target);
  out->path = out->target.substr(0, out->target.find('?'));
  out->minor_version = version[7] - '0';

  // field-line = field-name ":" OWS field-value OWS (RFC 9112 5)
  int host_count = 0;
  int content_length_count = 0;
  while (!rest.empty()) {
    size_t e = rest.find("\r\n");
    std::string_view fl = rest.substr(0, e);
    rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 2);
    if (fl.empty()) return Bad(400, "empty field line");
    if (fl[0] == ' ' || fl[0] == '\t') return Bad(400, "obsolete line folding");
    size_t colon = fl.find(':');
    if (colon == std::string_view::npos) return Bad(400, "field line without ':'");
    std::string_view name = fl.substr(0, colon);
    if (!IsToken(name)) return Bad(400, "bad field name");  // includes "name :"
    std::string_view value = TrimOws(fl.substr(colon + 1));
    for (unsigned char c : value) {
      if (!IsFieldValueChar(c)) return Bad(400, "bad character in field value");
    }
    if (out->fields.size() >= limits.max_fields) return Bad(431, "too many header fields");
    std::string lname = AsciiLower(name);
    if (lname == "host") ++host_count;
    if (lname == "content-length") {
      ++content_length_count;
      if (value.empty() || value.size() > 18) return Bad(400, "bad Content-Length");
      for (unsigned char c : value) {
        if (!std::isdigit(c)) return Bad(400, "bad Content-Length");
      }
      if (value.find_first_not_of('0') != std::string_view::npos) out->has_body = true;
    }
    if (lname == "transfer-encoding") out->has_body = true;
    out->fields.emplace_back(std::move(lname), std::string(value));
  }
  // RFC 9112 3.2: a server MUST respond 400 to an HTTP/1.1 request without
  // exactly one Host field (and to any request with several).
  if (host_count > 1 || (out->minor_version == 1 && host_count == 0)) {
    return Bad(400, "missing or repeated Host");
  }
  if (content_length_count > 1) return Bad(400, "repeated Content-Length");
  out->host = std::string(out->Field("host"));
  std::string_view connection = out->Field("connection");
  out->keep_alive = out->minor_version == 1 ? !HasToken(connection, "close")
                                            : HasToken(connection, "keep-alive");
  HttpParseResult r;
  r.state = HttpParseState::kComplete;
  r.consumed = end + 4;
  return r;
}

}  // namespace trustready::serve
