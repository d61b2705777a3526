#include "report/render.h"

namespace trustready::report_internal {

std::string Paint(const TextStyle& style, const char* sgr, std::string_view s) {
  if (!style.color) return std::string(s);
  return std::string("\x1b[") + sgr + "m" + std::string(s) + "\x1b[0m";
}

std::string Ellipsize(std::string s, size_t n) {
  if (s.size() > n) s = s.substr(0, n - 3) + "...";
  return s;
}

std::string PadTo(size_t used, size_t width) { return std::string(used < width ? width - used : 1, ' '); }

std::string Document(const nlohmann::json& j) { return j.dump(2) + "\n"; }

void ErrorFieldsToJson(const Error& error, nlohmann::json* j) {
  (*j)["error_kind"] = std::string(ErrorKindName(error.kind));
  if (!error.detail.empty()) (*j)["detail"] = std::string(error.detail);
  (*j)["severity"] = std::string(SeverityName(error.severity));
}

nlohmann::json StringOrNull(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace trustready::report_internal
