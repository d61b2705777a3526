// Private helpers of src/report: colours for text forms, and the one way a
// JSON document is printed (two-space indent, final newline).
#ifndef TRUSTREADY_SRC_REPORT_RENDER_H_
#define TRUSTREADY_SRC_REPORT_RENDER_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "trustready/base/result.h"
#include "trustready/report/text_style.h"

namespace trustready::report_internal {

std::string Paint(const TextStyle& style, const char* sgr, std::string_view s);

// SGR colouring for renderers that decide colour once (TextStyle::color or
// a caller's flag): one place for the escape codes.
struct Painter {
  bool color;
  std::string Wrap(const char* code, const std::string& s) const {
    return color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
  std::string Green(const std::string& s) const { return Wrap("32", s); }
  std::string Red(const std::string& s) const { return Wrap("31", s); }
  std::string Yellow(const std::string& s) const { return Wrap("33", s); }
  std::string Bold(const std::string& s) const { return Wrap("1", s); }
  std::string Dim(const std::string& s) const { return Wrap("2", s); }
};
inline std::string Green(const TextStyle& st, std::string_view s) { return Paint(st, "32", s); }
inline std::string Red(const TextStyle& st, std::string_view s) { return Paint(st, "31", s); }
inline std::string Yellow(const TextStyle& st, std::string_view s) { return Paint(st, "33", s); }
inline std::string Bold(const TextStyle& st, std::string_view s) { return Paint(st, "1", s); }
inline std::string Dim(const TextStyle& st, std::string_view s) { return Paint(st, "2", s); }

// "abc..." when longer than n.
std::string Ellipsize(std::string s, size_t n);
// Spaces that pad a cell of `used` visible characters to `width` (at least one).
std::string PadTo(size_t used, size_t width);

// j.dump(2) + "\n": what every --json prints.
std::string Document(const nlohmann::json& j);
// What an Error adds next to the string a document has always carried for
// it ("error", "reason"): "error_kind" (ErrorKindName), "detail" (its
// stable id, base/error_detail.h; absent when it has none) and "severity".
void ErrorFieldsToJson(const Error& error, nlohmann::json* j);
// A string, or null when empty/unset.
nlohmann::json StringOrNull(const std::string& s);

}  // namespace trustready::report_internal

#endif  // TRUSTREADY_SRC_REPORT_RENDER_H_
