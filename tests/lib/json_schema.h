// A JSON Schema (draft 2020-12) checker for the subset docs/schemas/ use,
// so that report/ unit tests can hold a rendered document against its
// schema without running the binary (the shell suites also run
// python3-jsonschema on real output). Supported: type, properties,
// required, additionalProperties (false or a schema), items, $ref
// ("#/$defs/..."), enum, const, oneOf, anyOf, allOf, if/then/else,
// minItems, maxItems, minimum, pattern. "format" and annotations are
// ignored. An unknown keyword fails, so the checker never passes silently
// on a schema it does not understand.
#ifndef TRUSTREADY_TESTS_LIB_JSON_SCHEMA_H_
#define TRUSTREADY_TESTS_LIB_JSON_SCHEMA_H_

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace trustready::testing {

class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json schema) : root_(std::move(schema)) {}
  static JsonSchema Load(const std::string& path) {
    std::ifstream in(path);
    return JsonSchema(nlohmann::json::parse(in));
  }
  // Every violation, one line each ("$.stores[0].state: ..."); empty: valid.
  std::vector<std::string> Validate(const nlohmann::json& doc) const {
    std::vector<std::string> errors;
    Check(root_, doc, "$", &errors);
    return errors;
  }

 private:
  using json = nlohmann::json;

  static bool IsType(const json& v, const std::string& t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "integer") return v.is_number_integer() || v.is_number_unsigned();
    if (t == "number") return v.is_number();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    return false;
  }

  bool Valid(const json& schema, const json& v) const {
    std::vector<std::string> e;
    Check(schema, v, "", &e);
    return e.empty();
  }

  const json& Resolve(const std::string& ref) const {
    static const json kNothing;
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !root_.contains("$defs") || !root_["$defs"].contains(ref.substr(prefix.size()))) {
      return kNothing;
    }
    return root_["$defs"][ref.substr(prefix.size())];
  }

  void Check(const json& s, const json& v, const std::string& at, std::vector<std::string>* errors) const {
    static const std::set<std::string> kIgnored = {"$schema", "$id", "title", "description", "format", "$defs",
                                                   "$comment", "examples", "default", "then", "else"};
    auto fail = [&](const std::string& why) { errors->push_back(at + ": " + why); };
    if (s.is_boolean()) {
      if (!s.get<bool>()) fail("not allowed");
      return;
    }
    for (auto it = s.begin(); it != s.end(); ++it) {
      const std::string& k = it.key();
      const json& x = it.value();
      if (kIgnored.count(k)) continue;
      if (k == "type") {
        bool any = false;
        if (x.is_string()) any = IsType(v, x.get<std::string>());
        for (const auto& t : x.is_array() ? x : json::array()) any = any || IsType(v, t.get<std::string>());
        if (!any) fail("type is not " + x.dump());
      } else if (k == "properties") {
        if (!v.is_object()) continue;
        for (auto p = x.begin(); p != x.end(); ++p) {
          if (v.contains(p.key())) Check(p.value(), v[p.key()], at + "." + p.key(), errors);
        }
      } else if (k == "required") {
        if (!v.is_object()) continue;
        for (const auto& r : x) {
          if (!v.contains(r.get<std::string>())) fail("missing required '" + r.get<std::string>() + "'");
        }
      } else if (k == "additionalProperties") {
        if (!v.is_object()) continue;
        const json props = s.value("properties", json::object());
        for (auto p = v.begin(); p != v.end(); ++p) {
          if (props.contains(p.key())) continue;
          if (x.is_boolean() && !x.get<bool>()) {
            fail("unexpected property '" + p.key() + "'");
          } else if (x.is_object()) {
            Check(x, p.value(), at + "." + p.key(), errors);
          }
        }
      } else if (k == "items") {
        if (!v.is_array()) continue;
        for (size_t i = 0; i < v.size(); ++i) Check(x, v[i], at + "[" + std::to_string(i) + "]", errors);
      } else if (k == "$ref") {
        const json& target = Resolve(x.get<std::string>());
        if (target.is_null()) {
          fail("unresolvable $ref " + x.get<std::string>());
        } else {
          Check(target, v, at, errors);
        }
      } else if (k == "enum") {
        bool found = false;
        for (const auto& e : x) found = found || e == v;
        if (!found) fail(v.dump() + " is not one of " + x.dump());
      } else if (k == "const") {
        if (v != x) fail(v.dump() + " is not " + x.dump());
      } else if (k == "oneOf" || k == "anyOf") {
        int n = 0;
        for (const auto& sub : x) n += Valid(sub, v) ? 1 : 0;
        if (k == "oneOf" ? n != 1 : n == 0) fail(k + ": " + std::to_string(n) + " alternatives match");
      } else if (k == "allOf") {
        for (const auto& sub : x) Check(sub, v, at, errors);
      } else if (k == "if") {
        if (Valid(x, v)) {
          if (s.contains("then")) Check(s["then"], v, at, errors);
        } else if (s.contains("else")) {
          Check(s["else"], v, at, errors);
        }
      } else if (k == "minItems") {
        if (v.is_array() && v.size() < x.get<size_t>()) fail("fewer than " + x.dump() + " items");
      } else if (k == "maxItems") {
        if (v.is_array() && v.size() > x.get<size_t>()) fail("more than " + x.dump() + " items");
      } else if (k == "minimum") {
        if (v.is_number() && v.get<double>() < x.get<double>()) fail("below " + x.dump());
      } else if (k == "pattern") {
        if (v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(x.get<std::string>()))) {
          fail("'" + v.get<std::string>() + "' does not match " + x.get<std::string>());
        }
      } else {
        fail("schema keyword '" + k + "' is not supported by this checker");
      }
    }
  }

  nlohmann::json root_;
};

}  // namespace trustready::testing

#endif  // TRUSTREADY_TESTS_LIB_JSON_SCHEMA_H_
