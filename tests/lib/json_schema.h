// A JSON Schema (draft 2020-12) checker for the subset docs/schemas/ use,
// so that report/ unit tests can hold a rendered document against its
// schema without running the binary (the shell suites also run
// python3-jsonschema on real output). Supported: type, properties,
// required, additionalProperties (false or a schema), items, $ref
// ("#/$defs/..."), enum, const, oneOf, anyOf, allOf, if/then/else,
// minItems, maxItems, minimum, maximum, minLength, maxLength, pattern,
// uniqueItems, and "$ref"s into a
// sibling schema file. "format" and annotations are
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
  // A "$ref" into a sibling file ("store-show.schema.json#/$defs/trust") is
  // resolved by copying that file's $defs in under "<file>::<name>" (their
  // own "#/$defs/..." references rewritten to match).
  static JsonSchema Load(const std::string& path) {
    std::ifstream in(path);
    nlohmann::json root = nlohmann::json::parse(in);
    const std::string dir = path.substr(0, path.find_last_of('/') + 1);
    std::set<std::string> merged;
    for (bool again = true; again;) {
      again = false;
      for (const std::string& file : ExternalFiles(root)) {
        if (!merged.insert(file).second) continue;
        std::ifstream other(dir + file);
        nlohmann::json ext = nlohmann::json::parse(other);
        Rewrite(ext, "", file);
        for (auto d = ext["$defs"].begin(); d != ext["$defs"].end(); ++d) root["$defs"][file + "::" + d.key()] = d.value();
        again = true;
      }
      Rewrite(root, "", "");
    }
    return JsonSchema(std::move(root));
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
      } else if (k == "uniqueItems") {
        if (x.get<bool>() && v.is_array()) {
          for (size_t i = 0; i < v.size(); ++i) {
            for (size_t j = i + 1; j < v.size(); ++j) {
              if (v[i] == v[j]) fail("items " + std::to_string(i) + " and " + std::to_string(j) + " are equal");
            }
          }
        }
      } else if (k == "minItems") {
        if (v.is_array() && v.size() < x.get<size_t>()) fail("fewer than " + x.dump() + " items");
      } else if (k == "maxItems") {
        if (v.is_array() && v.size() > x.get<size_t>()) fail("more than " + x.dump() + " items");
      } else if (k == "minimum") {
        if (v.is_number() && v.get<double>() < x.get<double>()) fail("below " + x.dump());
      } else if (k == "maximum") {
        if (v.is_number() && v.get<double>() > x.get<double>()) fail("above " + x.dump());
      } else if (k == "minLength" || k == "maxLength") {
        if (v.is_string()) {
          // Length in code points: UTF-8 continuation bytes do not count.
          size_t n = 0;
          for (unsigned char c : v.get<std::string>()) n += (c & 0xC0) != 0x80;
          if (k == "minLength" ? n < x.get<size_t>() : n > x.get<size_t>()) {
            fail("length " + std::to_string(n) + (k == "minLength" ? " below " : " above ") + x.dump());
          }
        }
      } else if (k == "pattern") {
        if (v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(x.get<std::string>()))) {
          fail("'" + v.get<std::string>() + "' does not match " + x.get<std::string>());
        }
      } else {
        fail("schema keyword '" + k + "' is not supported by this checker");
      }
    }
  }

  // Files named by "$ref"s of the form "FILE#/$defs/NAME".
  static std::set<std::string> ExternalFiles(const json& s) {
    std::set<std::string> out;
    if (s.is_object()) {
      for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.key() == "$ref" && it.value().is_string()) {
          const std::string r = it.value().get<std::string>();
          if (r.find("#/$defs/") != std::string::npos && r[0] != '#') out.insert(r.substr(0, r.find('#')));
        } else {
          for (const auto& f : ExternalFiles(it.value())) out.insert(f);
        }
      }
    } else if (s.is_array()) {
      for (const auto& x : s) {
        for (const auto& f : ExternalFiles(x)) out.insert(f);
      }
    }
    return out;
  }
  // "FILE#/$defs/N" -> "#/$defs/FILE::N"; inside FILE itself (`self`),
  // "#/$defs/N" -> "#/$defs/self::N".
  static void Rewrite(json& s, const std::string&, const std::string& self) {
    if (s.is_object()) {
      for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.key() == "$ref" && it.value().is_string()) {
          std::string r = it.value().get<std::string>();
          const size_t at = r.find("#/$defs/");
          if (at == std::string::npos || r.find("::") != std::string::npos) continue;
          const std::string file = at == 0 ? self : r.substr(0, at);
          if (!file.empty()) it.value() = "#/$defs/" + file + "::" + r.substr(at + 8);
        } else {
          Rewrite(it.value(), "", self);
        }
      }
    } else if (s.is_array()) {
      for (auto& x : s) Rewrite(x, "", self);
    }
  }

  nlohmann::json root_;
};

}  // namespace trustready::testing

#endif  // TRUSTREADY_TESTS_LIB_JSON_SCHEMA_H_
