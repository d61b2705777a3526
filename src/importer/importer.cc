// Importers of published root stores into the data/ snapshot format.
#include "trustready/importer/importer.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "trustready/store/certdata_store.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_file.h"
#include "trustready/x509/pem.h"
#include "importer/import_util.h"
#include "trustready/importer/import_authroot.h"
#include "trustready/importer/import_lists.h"

namespace trustready {
namespace import_detail {

std::string Hex(const Sha256& h) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (uint8_t b : h) {
    s += d[b >> 4];
    s += d[b & 15];
  }
  return s;
}

std::optional<Sha256> ParseHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  Sha256 out{};
  for (size_t i = 0; i < 32; ++i) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(hex[2 * i + k])));
      int x = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
      if (x < 0) return std::nullopt;
      v = v * 16 + x;
    }
    out[i] = static_cast<uint8_t>(v);
  }
  return out;
}

Error ImportError(const std::string& path, size_t line, const std::string& what) {
  return MakeError(ErrorKind::kFormat, path + (line ? ":" + std::to_string(line) : "") + ": " + what);
}

Status CheckOptions(const ImportOptions& o, bool version_required) {
  if (version_required && o.version.empty())
    return MakeError(ErrorKind::kInvalidArgument, "--version is required for this kind of source");
  if (o.date.size() != 10 || !ParseRfc3339(o.date).ok())
    return MakeError(ErrorKind::kInvalidArgument, "--date YYYY-MM-DD is required (when the source was published)");
  if (o.source.empty())
    return MakeError(ErrorKind::kInvalidArgument, "--source is required (where the file came from, e.g. chromium@<commit>)");
  return {};
}

void Finish(ImportedSnapshot* s) {
  auto sort_unique = [](std::vector<Sha256>* v) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  };
  sort_unique(&s->trusted);
  sort_unique(&s->blocked);
  sort_unique(&s->intermediate_anchors);
  std::sort(s->anchors.begin(), s->anchors.end(),
            [](const ImportedAnchor& a, const ImportedAnchor& b) { return a.sha256 < b.sha256; });
}

}  // namespace import_detail

using namespace import_detail;

namespace {

// Every regular file of `dir`, in name order, merged into one store.
Result<TrustStore> ReadEveryFileOf(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) files.push_back(e.path().string());
  }
  if (ec) return MakeError(ErrorKind::kIo, dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  TrustStore merged(dir, StoreFormat::kDirectory, dir);
  for (const std::string& f : files) {
    auto one = ReadStoreFile(f);
    if (!one.ok()) continue;  // READMEs and the like
    for (const auto& a : one->anchors()) merged.Add(a);
  }
  return merged;
}


using nlohmann::json;

// The textproto tokens this importer needs: identifiers, ':', '{', '}',
// quoted strings and integers; '#' starts a comment to the end of the line.
struct Token {
  enum Kind { kIdent, kString, kNumber, kPunct, kEnd } kind = kEnd;
  std::string text;
  size_t line = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}
  Result<Token> Next() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    Token t;
    t.line = line_;
    if (pos_ >= s_.size()) return t;
    char c = s_[pos_];
    if (c == '{' || c == '}' || c == ':') {
      t.kind = Token::kPunct;
      t.text = std::string(1, c);
      ++pos_;
    } else if (c == '"') {
      t.kind = Token::kString;
      ++pos_;
      while (pos_ < s_.size() && s_[pos_] != '"') {
        if (s_[pos_] == '\n')
          return MakeError(ErrorKind::kFormat, "line " + std::to_string(line_) + ": multi-line strings are not supported");
        if (s_[pos_] != '\\') {
          t.text += s_[pos_++];
          continue;
        }
        // Text-format escapes (Chrome 23 and later write trust_anchor_id as
        // "\xd6\x79\x09\x01"): \xHH, octal \NNN and the C escapes.
        if (auto st = Escape(&t.text); !st.ok()) return st.error();
      }
      if (pos_ >= s_.size()) return MakeError(ErrorKind::kFormat, "line " + std::to_string(line_) + ": unterminated string");
      ++pos_;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      t.kind = Token::kNumber;
      while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-'))
        t.text += s_[pos_++];
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      t.kind = Token::kIdent;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
        t.text += s_[pos_++];
    } else {
      return MakeError(ErrorKind::kFormat, "line " + std::to_string(line_) + ": unexpected character '" + std::string(1, c) + "'");
    }
    return t;
  }

 private:
  // At a backslash inside a string: appends the byte it stands for.
  Status Escape(std::string* out) {
    auto bad = [&]() {
      return MakeError(ErrorKind::kFormat, "line " + std::to_string(line_) + ": bad escape in a string");
    };
    if (++pos_ >= s_.size()) return bad();
    const char c = s_[pos_++];
    auto hex = [](char h) -> int {
      if (h >= '0' && h <= '9') return h - '0';
      if (h >= 'a' && h <= 'f') return h - 'a' + 10;
      if (h >= 'A' && h <= 'F') return h - 'A' + 10;
      return -1;
    };
    switch (c) {
      case 'n': *out += '\n'; return {};
      case 't': *out += '\t'; return {};
      case 'r': *out += '\r'; return {};
      case '"': case '\'': case '\\': case '?': *out += c; return {};
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && pos_ < s_.size() && hex(s_[pos_]) >= 0) v = v * 16 + hex(s_[pos_++]), ++n;
        if (n == 0) return bad();
        *out += static_cast<char>(v);
        return {};
      }
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0', n = 1;
          while (n < 3 && pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '7') v = v * 8 + (s_[pos_++] - '0'), ++n;
          if (v > 255) return bad();
          *out += static_cast<char>(v);
          return {};
        }
        return bad();
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

}  // namespace

std::optional<ImportKind> ParseImportKind(std::string_view name) {
  if (name == "chrome") return ImportKind::kChrome;
  if (name == "mozilla") return ImportKind::kMozilla;
  if (name == "jdk") return ImportKind::kJdk;
  if (name == "android") return ImportKind::kAndroid;
  if (name == "ccadb") return ImportKind::kCcadb;
  if (name == "apple") return ImportKind::kApple;
  if (name == "microsoft") return ImportKind::kMicrosoft;
  return std::nullopt;
}

Result<ImportedSnapshot> ImportChromeTextproto(std::string_view text, const std::string& path,
                                               const ImportOptions& options) {
  if (auto st = CheckOptions(options, false); !st.ok()) return st.error();
  ImportedSnapshot out;
  out.platform = "chrome";
  out.date = options.date;
  out.source = options.source;
  Lexer lex(text);
  std::string version_major;
  auto next = [&]() { return lex.Next(); };
  auto expect = [&](const char* p) -> Status {
    auto t = next();
    if (!t.ok()) return ImportError(path, 0, t.error().message);
    if (t->kind != Token::kPunct || t->text != p)
      return ImportError(path, t->line, std::string("expected '") + p + "', found '" + t->text + "'");
    return {};
  };
  // Reads "name: value" after `name` was read; returns the value token.
  auto scalar = [&]() -> Result<Token> {
    if (auto st = expect(":"); !st.ok()) return st.error();
    auto v = next();
    if (!v.ok()) return ImportError(path, 0, v.error().message);
    // Strings, numbers and identifiers (booleans: "eutl: true").
    if (v->kind != Token::kString && v->kind != Token::kNumber && v->kind != Token::kIdent)
      return ImportError(path, v->line, "expected a value, found '" + v->text + "'");
    return v;
  };
  auto open_block = [&]() -> Status {
    // "name {" or "name: {"
    auto t = next();
    if (!t.ok()) return ImportError(path, 0, t.error().message);
    if (t->kind == Token::kPunct && t->text == ":") return expect("{");
    if (t->kind == Token::kPunct && t->text == "{") return {};
    return ImportError(path, t->line, "expected '{' after a message field");
  };
  for (;;) {
    auto t = next();
    if (!t.ok()) return ImportError(path, 0, t.error().message);
    if (t->kind == Token::kEnd) break;
    if (t->kind != Token::kIdent) return ImportError(path, t->line, "expected a field name, found '" + t->text + "'");
    if (t->text == "version_major") {
      auto v = scalar();
      if (!v.ok()) return v.error();
      version_major = v->text;
      continue;
    }
    if (t->text == "mtc_anchors") {
      // Merkle Tree Certificate log anchors (Chrome 34 and later): a log id,
      // no X.509 certificate, so nothing a chain here can end at.
      const size_t start = t->line;
      if (auto st = open_block(); !st.ok()) return st.error();
      for (int depth = 1; depth > 0;) {
        auto f = next();
        if (!f.ok()) return ImportError(path, 0, f.error().message);
        if (f->kind == Token::kEnd) return ImportError(path, start, "mtc_anchors block not closed");
        if (f->kind == Token::kPunct && f->text == "{") ++depth;
        if (f->kind == Token::kPunct && f->text == "}") --depth;
      }
      continue;
    }
    if (t->text != "trust_anchors" && t->text != "additional_certs")
      return ImportError(path, t->line, "unknown field '" + t->text + "'");
    const bool trusted = t->text == "trust_anchors";
    const size_t start = t->line;
    if (auto st = open_block(); !st.ok()) return st.error();
    ImportedAnchor anchor;
    bool have_sha = false;
    bool tls_trust_anchor = false;
    for (;;) {
      auto f = next();
      if (!f.ok()) return ImportError(path, 0, f.error().message);
      if (f->kind == Token::kEnd) return ImportError(path, start, "trust_anchors block not closed");
      if (f->kind == Token::kPunct && f->text == "}") break;
      if (f->kind != Token::kIdent) return ImportError(path, f->line, "expected a field name");
      if (f->text == "sha256_hex") {
        auto v = scalar();
        if (!v.ok()) return v.error();
        auto h = ParseHex(v->text);
        if (!h) return ImportError(path, v->line, "sha256_hex is not 64 hex digits");
        anchor.sha256 = *h;
        have_sha = true;
      } else if (f->text == "ev_policy_oids") {
        auto v = scalar();
        if (!v.ok()) return v.error();
        anchor.ev_policy_oids.push_back(v->text);
      } else if (f->text == "constraints") {
        if (auto st = open_block(); !st.ok()) return st.error();
        AnchorConstraintSet set;
        for (;;) {
          auto g = next();
          if (!g.ok()) return ImportError(path, 0, g.error().message);
          if (g->kind == Token::kPunct && g->text == "}") break;
          if (g->kind != Token::kIdent) return ImportError(path, g->line, "expected a constraint field");
          auto v = scalar();
          if (!v.ok()) return v.error();
          if (g->text == "sct_not_after_sec") {
            if (v->kind != Token::kNumber || v->text.size() > 12)
              return ImportError(path, v->line, "sct_not_after_sec is not a number of seconds");
            set.sct_not_after = std::stoll(v->text);
          } else if (g->text == "min_version") {
            set.min_version = v->text;
          } else if (g->text == "max_version_exclusive") {
            set.max_version_exclusive = v->text;
          } else {
            return ImportError(path, g->line, "unknown constraint '" + g->text + "'");
          }
        }
        anchor.constraints.push_back(std::move(set));
      } else if (f->text == "tls_trust_anchor") {
        auto v = scalar();
        if (!v.ok()) return v.error();
        if (v->text != "true" && v->text != "false")
          return ImportError(path, v->line, "tls_trust_anchor is not true or false");
        tls_trust_anchor = v->text == "true";
      } else if (f->text == "filename" || f->text == "display_name" || f->text == "enforce_anchor_expiry" ||
                 f->text == "enforce_anchor_constraints" || f->text == "eutl" || f->text == "tls_trust_anchor_id" ||
                 f->text == "trust_anchor_id" || f->text == "crs_root_id") {
        // Fields that say nothing about trust for server authentication here
        // (a PEM file name: only its fingerprint is used below).
        auto v = scalar();
        if (!v.ok()) return v.error();
        if (f->text == "filename" && !have_sha) {
          auto h = ParseHex(v->text.substr(0, 64));
          if (h) {
            anchor.sha256 = *h;
            have_sha = true;
          }
        }
      } else {
        return ImportError(path, f->line, "unknown trust_anchors field '" + f->text + "'");
      }
    }
    if (!have_sha) return ImportError(path, start, "trust_anchors without sha256_hex");
    if (!trusted) {
      // additional_certs: intermediates. Those marked tls_trust_anchor
      // (Chrome 34: Let's Encrypt's and Google Trust Services' issuing CAs,
      // for intermediate elision) are trusted directly; they are listed
      // apart because each is issued by a root of this same store, so a
      // chain through one also ends at a trusted root.
      if (tls_trust_anchor) out.intermediate_anchors.push_back(anchor.sha256);
      continue;
    }
    out.trusted.push_back(anchor.sha256);
    if (!anchor.constraints.empty() || !anchor.ev_policy_oids.empty()) out.anchors.push_back(std::move(anchor));
  }
  out.version = options.version.empty() ? version_major : options.version;
  if (out.version.empty()) return ImportError(path, 0, "no version_major and no --version");
  if (out.trusted.empty()) return ImportError(path, 0, "no trust_anchors");
  Finish(&out);
  return out;
}

Result<ImportedSnapshot> ImportPlatformStore(ImportKind kind, const std::string& path,
                                             const ImportOptions& options) {
  if (kind == ImportKind::kChrome) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.error();
    return ImportChromeTextproto(*text, path, options);
  }
  if (kind == ImportKind::kMicrosoft) return ImportMicrosoftAuthroot(path, options.certs_dir, options);
  if (kind == ImportKind::kCcadb || kind == ImportKind::kApple) {
    if (std::filesystem::is_directory(path)) return MakeError(ErrorKind::kInvalidArgument, path + ": a folder, expected a file");
    auto text = ReadFile(path);
    if (!text.ok()) return text.error();
    return kind == ImportKind::kCcadb ? ImportCcadbCsv(*text, path, options) : ImportAppleList(*text, path, options);
  }
  if (auto st = CheckOptions(options, true); !st.ok()) return st.error();
  ImportedSnapshot out;
  out.version = options.version;
  out.date = options.date;
  out.source = options.source;
  Result<TrustStore> store = MakeError(ErrorKind::kIo, path);
  switch (kind) {
    case ImportKind::kMozilla: {
      out.platform = "mozilla";
      auto text = ReadFile(path);
      if (!text.ok()) return text.error();
      store = ReadCertdataStore(*text, path);
      break;
    }
    case ImportKind::kJdk:
      out.platform = "openjdk";
      // OpenJDK's source folder (src/java.base/share/data/cacerts) holds one
      // PEM file per root under its alias: every file counts, not only
      // OpenSSL's <hash>.N names as in a CApath directory.
      store = std::filesystem::is_directory(path) ? ReadEveryFileOf(path) : ReadStoreFile(path);
      break;
    case ImportKind::kAndroid:
      out.platform = "android";
      if (!std::filesystem::is_directory(path))
        return MakeError(ErrorKind::kInvalidArgument, path + ": an Android cacerts folder is a directory");
      store = ReadDirectoryStore(path);
      break;
    case ImportKind::kChrome:
    case ImportKind::kCcadb:
    case ImportKind::kApple:
    case ImportKind::kMicrosoft:
      break;
  }
  if (!store.ok()) return store.error();
  for (const auto& a : store->anchors()) {
    out.certificates.push_back(a.cert);
    if (a.trust.distrusted) {
      out.blocked.push_back(a.cert->sha256());
      continue;
    }
    // A store's server-auth anchors are the snapshot (certdata.txt also
    // lists email-only and code-signing roots, which TLS clients ignore).
    if (!a.trust.Trusts(Purpose::kServerAuth)) continue;
    out.trusted.push_back(a.cert->sha256());
    if (a.trust.server_distrust_after) {
      ImportedAnchor ia;
      ia.sha256 = a.cert->sha256();
      ia.server_distrust_after = a.trust.server_distrust_after;
      out.anchors.push_back(std::move(ia));
    }
  }
  if (out.trusted.empty()) return MakeError(ErrorKind::kFormat, path + ": no server-auth trust anchors");
  Finish(&out);
  return out;
}

Result<ImportRun> ImportAgainstShippedData(const ImportRequest& r) {
  auto kind = ParseImportKind(r.kind);
  if (!kind) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "unknown import kind \"" + r.kind +
                         "\" (known: chrome, mozilla, jdk, android, ccadb, apple, microsoft)");
  }
  auto snapshot = ImportPlatformStore(*kind, r.path, r.options);
  if (!snapshot.ok()) return NamedBy(snapshot.error(), r.path);
  // Every certificate must resolve against the shipped certificates, or the
  // snapshot could not be loaded; count the ones that do not.
  auto data = LoadPlatformData();
  if (!data.ok()) return NamedBy(data.error(), "data/platforms");
  ImportRun run{std::move(snapshot).value(), 0};
  for (const auto& fp : run.snapshot.trusted) {
    if (!(*data)->IndexOf(fp)) ++run.missing;
  }
  return run;
}

}  // namespace trustready
