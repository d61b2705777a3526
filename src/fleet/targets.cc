// Fleet target files and shards. See include/trustready/fleet/targets.h.
#include "trustready/fleet/targets.h"

#include <openssl/sha.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "trustready/tls/async_probe.h"
#include "trustready/tls/tls_probe.h"

namespace trustready::fleet {

namespace {

bool IsRegularFile(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool IsLiteral(const std::string& host) {
  // An IPv6 literal has ':'; an IPv4 one is four dotted decimals.
  if (host.find(':') != std::string::npos) return true;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

bool ValidLabelKey(const std::string& k) {
  if (k.empty() || k.size() > 64) return false;
  return std::all_of(k.begin(), k.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

Error At(const std::string& where, const Error& e) {
  return MakeError(e.kind, where + ": " + e.message);
}

// Whether the target text names its port ("h:p", "[v6]:p", "https://h:p/").
bool PortGiven(const std::string& text) {
  std::string a = text;
  if (size_t s = a.find("://"); s != std::string::npos) a = a.substr(s + 3);
  a = a.substr(0, a.find('/'));
  if (!a.empty() && a[0] == '[') return a.find("]:") != std::string::npos;
  return a.find(':') != std::string::npos;
}

// Fills host/port/path from a target as `check` accepts it.
Status SetEndpoint(FleetTarget* t, const std::string& text) {
  t->text = text;
  auto parsed = ParseEndpointTarget(text);
  if (!parsed.ok()) {
    if (IsRegularFile(text)) {
      t->chain_file = true;
      t->host.clear();
      t->port = 0;
      return {};
    }
    return parsed.error();
  }
  t->host = parsed->host;
  t->port = parsed->port;
  t->port_given = PortGiven(text);
  t->path = parsed->path;
  t->host_is_ip = parsed->host_is_ip;
  return {};
}

// An image target: a root folder or an image archive that exists.
Status SetImage(FleetTarget* t, const std::string& path) {
  if (path.empty()) return MakeError(ErrorKind::kInvalidArgument, "image= is empty");
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return MakeError(ErrorKind::kIo, "image=" + path + ": no such file or directory");
  }
  if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
    return MakeError(ErrorKind::kInvalidArgument, "image=" + path + ": not a folder or an image archive");
  }
  t->image = path;
  t->text = "image=" + path;
  t->host.clear();
  t->port = 0;
  return {};
}

// Applies one key=value field.
Status SetField(FleetTarget* t, const std::string& key, const std::string& value) {
  if (key == "sni") {
    if (value.empty()) return MakeError(ErrorKind::kInvalidArgument, "sni= is empty");
    std::string v = value;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    t->sni = v;
  } else if (key == "address") {
    if (!IsLiteral(value)) {
      return MakeError(ErrorKind::kInvalidArgument, "address=" + value + " is not a numeric IPv4/IPv6 address");
    }
    t->address = value;
  } else if (key == "path") {
    if (value.empty() || value[0] != '/') return MakeError(ErrorKind::kInvalidArgument, "path= must start with '/'");
    t->path = value;
  } else if (key == "starttls") {
    if (!ParseStartTls(value)) {
      return MakeError(ErrorKind::kInvalidArgument, "starttls=" + value + ": smtp, imap, pop3, ftp or postgres");
    }
    t->starttls = value;
  } else if (key == "port") {
    if (value.empty() || value.size() > 5 ||
        !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return MakeError(ErrorKind::kInvalidArgument, "port=" + value + " is not a port");
    }
    int p = std::atoi(value.c_str());
    if (p < 1 || p > 65535) return MakeError(ErrorKind::kInvalidArgument, "port=" + value + " is out of range");
    t->port = static_cast<uint16_t>(p);
    t->port_given = true;
  } else {
    if (!ValidLabelKey(key)) {
      return MakeError(ErrorKind::kInvalidArgument, "label key '" + key + "' (letters, digits, '_', '-', '.')");
    }
    t->labels[key] = value;
  }
  return {};
}

Status Finalize(FleetTarget* t) {
  if (!t->image.empty() &&
      (!t->sni.empty() || !t->address.empty() || t->path != "/" || t->port != 0 || !t->starttls.empty())) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "an image target takes no sni=, address=, path=, port= or starttls= (labels only)");
  }
  if (t->chain_file && (!t->sni.empty() || !t->address.empty() || !t->starttls.empty())) {
    return MakeError(ErrorKind::kInvalidArgument, "a chain file takes no sni=, address= or starttls=");
  }
  if (!t->starttls.empty() && t->image.empty()) {
    if (t->text.rfind("https://", 0) == 0) {
      return MakeError(ErrorKind::kInvalidArgument, "starttls= takes host:port, not an https:// URL");
    }
    if (!t->port_given) t->port = StartTlsDefaultPort(*ParseStartTls(t->starttls));
  }
  return {};
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// --- Line sources -----------------------------------------------------------

class LineSource {
 public:
  static Result<std::unique_ptr<LineSource>> Open(const std::string& path) {
    auto src = std::make_unique<LineSource>();
    src->name_ = path == "-" ? "<stdin>" : path;
    if (path == "-") {
      src->owned_ = std::make_unique<std::stringstream>();
      *src->owned_ << std::cin.rdbuf();
      src->in_ = src->owned_.get();
    } else {
      if (!IsRegularFile(path)) return MakeError(ErrorKind::kIo, path + ": no such file");
      src->file_.open(path);
      if (!src->file_) return MakeError(ErrorKind::kIo, path + ": cannot read");
      src->in_ = &src->file_;
    }
    return src;
  }
  bool Get(std::string* line) {
    if (!std::getline(*in_, *line)) return false;
    ++line_no_;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }
  std::string Where() const { return name_ + ":" + std::to_string(line_no_); }
  const std::string& name() const { return name_; }
  int line_no() const { return line_no_; }
  // Peeks at the first non-blank line (for format guessing), then rewinds.
  std::string FirstLine() {
    std::string l;
    auto pos = in_->tellg();
    while (std::getline(*in_, l)) {
      if (!Trim(l).empty()) break;
    }
    in_->clear();
    in_->seekg(pos);
    return Trim(l);
  }

 private:
  std::string name_;
  std::ifstream file_;
  std::unique_ptr<std::stringstream> owned_;
  std::istream* in_ = nullptr;
  int line_no_ = 0;
};

class ListReader : public TargetReader {
 public:
  explicit ListReader(std::unique_ptr<LineSource> src) : src_(std::move(src)) { format_ = TargetFormat::kList; }
  Result<std::optional<FleetTarget>> Next() override {
    std::string line;
    while (src_->Get(&line)) {
      auto t = ParseListLine(line);
      if (!t.ok()) return At(src_->Where(), t.error());
      if (!t->has_value()) continue;
      (*t)->source = src_->Where();
      return std::move(*t);
    }
    return std::optional<FleetTarget>();
  }

 private:
  std::unique_ptr<LineSource> src_;
};

class JsonlReader : public TargetReader {
 public:
  explicit JsonlReader(std::unique_ptr<LineSource> src) : src_(std::move(src)) { format_ = TargetFormat::kJsonl; }
  Result<std::optional<FleetTarget>> Next() override {
    std::string line;
    while (src_->Get(&line)) {
      if (Trim(line).empty()) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      auto bad = [&](const std::string& why) { return MakeError(ErrorKind::kFormat, src_->Where() + ": " + why); };
      if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
      // `fleet export` lines carry a type; only observations are targets.
      if (j.contains("type") && j["type"] != "observation") continue;
      FleetTarget t;
      t.source = src_->Where();
      if (j.contains("image")) {
        if (!j["image"].is_string()) return bad("\"image\" is not a string");
        if (j.contains("target")) return bad("give \"target\" or \"image\", not both");
        if (auto s = SetImage(&t, j["image"].get<std::string>()); !s.ok()) return At(src_->Where(), s.error());
      } else {
        if (!j.contains("target") || !j["target"].is_string()) return bad("no \"target\" (or \"image\") string");
        if (auto s = SetEndpoint(&t, j["target"].get<std::string>()); !s.ok()) return At(src_->Where(), s.error());
      }
      for (const char* k : {"sni", "address", "path", "starttls"}) {
        if (!j.contains(k) || j[k].is_null()) continue;
        if (!j[k].is_string()) return bad(std::string("\"") + k + "\" is not a string");
        if (auto s = SetField(&t, k, j[k].get<std::string>()); !s.ok()) return At(src_->Where(), s.error());
      }
      if (j.contains("labels")) {
        if (!j["labels"].is_object()) return bad("\"labels\" is not an object");
        for (auto& [k, v] : j["labels"].items()) {
          if (!v.is_string()) return bad("label '" + k + "' is not a string");
          if (!ValidLabelKey(k)) return bad("label key '" + k + "'");
          t.labels[k] = v.get<std::string>();
        }
      }
      if (auto s = Finalize(&t); !s.ok()) return At(src_->Where(), s.error());
      return std::optional<FleetTarget>(std::move(t));
    }
    return std::optional<FleetTarget>();
  }

 private:
  std::unique_ptr<LineSource> src_;
};

class CsvReader : public TargetReader {
 public:
  explicit CsvReader(std::unique_ptr<LineSource> src) : src_(std::move(src)) { format_ = TargetFormat::kCsv; }
  Result<std::optional<FleetTarget>> Next() override {
    if (header_.empty()) {
      auto h = Record();
      if (!h.ok()) return h.error();
      if (!h->has_value()) return std::optional<FleetTarget>();
      header_ = **h;
      for (auto& c : header_) {
        c = Trim(c);
        std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return std::tolower(ch); });
      }
      if (std::find(header_.begin(), header_.end(), "target") == header_.end() &&
          std::find(header_.begin(), header_.end(), "host") == header_.end() &&
          std::find(header_.begin(), header_.end(), "image") == header_.end()) {
        return MakeError(ErrorKind::kFormat, src_->name() + ":" + std::to_string(record_line_) +
                                                 ": CSV header has no 'target', 'host' or 'image' column");
      }
    }
    for (;;) {
      auto r = Record();
      if (!r.ok()) return r.error();
      if (!r->has_value()) return std::optional<FleetTarget>();
      const auto& cells = **r;
      const std::string where = src_->name() + ":" + std::to_string(record_line_);
      if (cells.size() == 1 && Trim(cells[0]).empty()) continue;
      if (cells.size() != header_.size()) {
        return MakeError(ErrorKind::kFormat, where + ": " + std::to_string(cells.size()) + " fields, header has " +
                                                 std::to_string(header_.size()));
      }
      FleetTarget t;
      t.source = where;
      std::string target, image;
      for (size_t i = 0; i < cells.size(); ++i) {
        if (header_[i] == "target" || (header_[i] == "host" && target.empty())) target = Trim(cells[i]);
        if (header_[i] == "image") image = Trim(cells[i]);
      }
      if (!target.empty() && !image.empty()) {
        return MakeError(ErrorKind::kInvalidArgument, where + ": give a target or an image, not both");
      }
      if (target.empty() && image.empty()) return MakeError(ErrorKind::kInvalidArgument, where + ": empty target");
      if (auto s = image.empty() ? SetEndpoint(&t, target) : SetImage(&t, image); !s.ok()) return At(where, s.error());
      for (size_t i = 0; i < cells.size(); ++i) {
        const std::string& k = header_[i];
        if (k == "target" || k == "host" || k == "image") continue;
        std::string v = Trim(cells[i]);
        if (v.empty() && (k == "sni" || k == "address" || k == "path" || k == "port" || k == "starttls")) continue;
        if (auto s = SetField(&t, k, v); !s.ok()) return At(where, s.error());
      }
      if (auto s = Finalize(&t); !s.ok()) return At(where, s.error());
      return std::optional<FleetTarget>(std::move(t));
    }
  }

 private:
  // One RFC 4180 record (quoted fields may hold commas, quotes and newlines).
  Result<std::optional<std::vector<std::string>>> Record() {
    std::string line;
    if (!src_->Get(&line)) return std::optional<std::vector<std::string>>();
    record_line_ = src_->line_no();
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (;;) {
      for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
          if (c == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
              cells.back() += '"';
              ++i;
            } else {
              quoted = false;
            }
          } else {
            cells.back() += c;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          cells.emplace_back();
        } else {
          cells.back() += c;
        }
      }
      if (!quoted) break;
      if (!src_->Get(&line)) {
        return MakeError(ErrorKind::kFormat,
                         src_->name() + ":" + std::to_string(record_line_) + ": unterminated quoted field");
      }
      cells.back() += '\n';
    }
    return std::optional<std::vector<std::string>>(std::move(cells));
  }

  std::unique_ptr<LineSource> src_;
  std::vector<std::string> header_;
  int record_line_ = 0;
};

// `nmap -oG`: "Host: 10.0.0.1 (name)\tPorts: 443/open/tcp//https///, ..."
class NmapReader : public TargetReader {
 public:
  explicit NmapReader(std::unique_ptr<LineSource> src) : src_(std::move(src)) { format_ = TargetFormat::kNmapGrep; }
  Result<std::optional<FleetTarget>> Next() override {
    for (;;) {
      if (!pending_.empty()) {
        FleetTarget t = std::move(pending_.front());
        pending_.erase(pending_.begin());
        return std::optional<FleetTarget>(std::move(t));
      }
      std::string line;
      if (!src_->Get(&line)) return std::optional<FleetTarget>();
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("Host: ", 0) != 0) {
        return MakeError(ErrorKind::kFormat, src_->Where() + ": not an nmap -oG line");
      }
      size_t ports_at = line.find("\tPorts: ");
      if (ports_at == std::string::npos) continue;  // a "Status: Up" line
      std::string host = line.substr(6, line.find_first_of(" \t", 6) - 6);
      if (!IsLiteral(host)) return MakeError(ErrorKind::kFormat, src_->Where() + ": '" + host + "' is not an address");
      std::string ports = line.substr(ports_at + 8);
      if (size_t tab = ports.find('\t'); tab != std::string::npos) ports.erase(tab);
      std::stringstream ss(ports);
      std::string entry;
      while (std::getline(ss, entry, ',')) {
        entry = Trim(entry);
        // port/state/protocol/owner/service/rpc/version/
        std::vector<std::string> f;
        std::stringstream es(entry);
        std::string x;
        while (std::getline(es, x, '/')) f.push_back(x);
        if (f.size() < 3) return MakeError(ErrorKind::kFormat, src_->Where() + ": bad port entry '" + entry + "'");
        if (f[1] != "open" || f[2] != "tcp") continue;
        FleetTarget t;
        t.source = src_->Where();
        std::string text = host.find(':') != std::string::npos ? "[" + host + "]:" + f[0] : host + ":" + f[0];
        if (auto s = SetEndpoint(&t, text); !s.ok()) return At(src_->Where(), s.error());
        pending_.push_back(std::move(t));
      }
    }
  }

 private:
  std::unique_ptr<LineSource> src_;
  std::vector<FleetTarget> pending_;
};

// Applies --resolve HOST:PORT:ADDR to targets without address=.
class ResolveOverride : public TargetReader {
 public:
  ResolveOverride(std::unique_ptr<TargetReader> inner, std::map<std::string, std::string> map)
      : inner_(std::move(inner)), map_(std::move(map)) {
    format_ = inner_->format();
  }
  Result<std::optional<FleetTarget>> Next() override {
    auto t = inner_->Next();
    if (t.ok() && t->has_value() && (*t)->address.empty() && !(*t)->chain_file && (*t)->image.empty()) {
      auto it = map_.find((*t)->host + ":" + std::to_string((*t)->port));
      if (it != map_.end()) (*t)->address = it->second;
    }
    return t;
  }

 private:
  std::unique_ptr<TargetReader> inner_;
  std::map<std::string, std::string> map_;
};

}  // namespace

Result<TargetFormat> ParseTargetFormat(const std::string& name) {
  if (name == "auto") return TargetFormat::kAuto;
  if (name == "list") return TargetFormat::kList;
  if (name == "csv") return TargetFormat::kCsv;
  if (name == "jsonl") return TargetFormat::kJsonl;
  if (name == "nmap-grep") return TargetFormat::kNmapGrep;
  return MakeError(ErrorKind::kInvalidArgument, "unknown format '" + name + "' (auto, list, csv, jsonl, nmap-grep)");
}

std::string_view TargetFormatName(TargetFormat f) {
  switch (f) {
    case TargetFormat::kAuto: return "auto";
    case TargetFormat::kList: return "list";
    case TargetFormat::kCsv: return "csv";
    case TargetFormat::kJsonl: return "jsonl";
    case TargetFormat::kNmapGrep: return "nmap-grep";
  }
  return "list";
}

std::string FleetTarget::Key() const {
  if (chain_file) return "file:" + text;
  if (!image.empty()) return "image:" + image;
  std::string h = host;
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
  return h + "|" + std::to_string(port) + "|" + (sni.empty() ? "-" : sni) + "|" +
         (address.empty() ? "-" : address) + "|" + (starttls.empty() ? "-" : starttls);
}

std::string FleetTarget::EffectiveSni() const {
  if (!sni.empty()) return sni;
  return host_is_ip ? "" : host;
}

std::string FleetTarget::NameToCheck() const {
  if (chain_file || !image.empty()) return "";
  return sni.empty() ? host : sni;
}

Result<std::optional<FleetTarget>> ParseListLine(const std::string& raw) {
  std::string line = raw;
  if (size_t hash = line.find(" #"); hash != std::string::npos) line.erase(hash);
  line = Trim(line);
  if (line.empty() || line[0] == '#') return std::optional<FleetTarget>();
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (ss >> f) fields.push_back(f);
  FleetTarget t;
  if (fields[0].rfind("image=", 0) == 0) {
    if (auto s = SetImage(&t, fields[0].substr(6)); !s.ok()) return s.error();
  } else if (fields[0].find('=') != std::string::npos && fields[0].find("://") == std::string::npos) {
    return MakeError(ErrorKind::kInvalidArgument,
                     "the line must start with the target (or image=PATH), not '" + fields[0] + "'");
  } else if (auto s = SetEndpoint(&t, fields[0]); !s.ok()) {
    return s.error();
  }
  for (size_t i = 1; i < fields.size(); ++i) {
    size_t eq = fields[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return MakeError(ErrorKind::kInvalidArgument,
                       "'" + fields[i] + "' is not key=value (a target has no spaces; labels are key=value)");
    }
    if (auto s = SetField(&t, fields[i].substr(0, eq), fields[i].substr(eq + 1)); !s.ok()) return s.error();
  }
  if (auto s = Finalize(&t); !s.ok()) return s.error();
  return std::optional<FleetTarget>(std::move(t));
}

Result<std::unique_ptr<TargetReader>> TargetReader::Open(const std::string& path, TargetFormat format,
                                                         const TargetDefaults& defaults) {
  std::map<std::string, std::string> resolve;
  for (const auto& r : defaults.resolve) {
    // HOST:PORT:ADDR, ADDR possibly an IPv6 literal (with or without brackets).
    size_t a = r.find(':');
    size_t b = a == std::string::npos ? a : r.find(':', a + 1);
    if (b == std::string::npos) return MakeError(ErrorKind::kInvalidArgument, "--resolve " + r + ": not HOST:PORT:ADDR");
    std::string addr = r.substr(b + 1);
    if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
    if (!IsLiteral(addr)) return MakeError(ErrorKind::kInvalidArgument, "--resolve " + r + ": ADDR is not numeric");
    std::string host = r.substr(0, a);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    resolve[host + ":" + r.substr(a + 1, b - a - 1)] = addr;
  }
  auto src = LineSource::Open(path);
  if (!src.ok()) return src.error();
  if (format == TargetFormat::kAuto) {
    auto ends = [&](const std::string& suffix) {
      return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    std::string first = (*src)->FirstLine();
    if (ends(".csv")) {
      format = TargetFormat::kCsv;
    } else if (ends(".jsonl") || ends(".ndjson") || (!first.empty() && first[0] == '{')) {
      format = TargetFormat::kJsonl;
    } else if (ends(".gnmap") || first.rfind("# Nmap", 0) == 0 || first.rfind("Host: ", 0) == 0) {
      format = TargetFormat::kNmapGrep;
    } else {
      format = TargetFormat::kList;
    }
  }
  std::unique_ptr<TargetReader> r;
  switch (format) {
    case TargetFormat::kCsv: r = std::make_unique<CsvReader>(std::move(*src)); break;
    case TargetFormat::kJsonl: r = std::make_unique<JsonlReader>(std::move(*src)); break;
    case TargetFormat::kNmapGrep: r = std::make_unique<NmapReader>(std::move(*src)); break;
    default: r = std::make_unique<ListReader>(std::move(*src)); break;
  }
  if (!resolve.empty()) r = std::make_unique<ResolveOverride>(std::move(r), std::move(resolve));
  return r;
}

// --- Shards -------------------------------------------------------------------

int32_t JumpConsistentHash(uint64_t key, int32_t buckets) {
  // Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014).
  int64_t b = -1, j = 0;
  while (j < buckets) {
    b = j;
    key = key * 2862933555777941757ULL + 1;
    j = static_cast<int64_t>((b + 1) * (double(1LL << 31) / double((key >> 33) + 1)));
  }
  return static_cast<int32_t>(b);
}

int ShardOf(const std::string& target_key, int count) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(target_key.data()), target_key.size(), md);
  uint64_t k = 0;
  for (int i = 0; i < 8; ++i) k = (k << 8) | md[i];
  return JumpConsistentHash(k, count);
}

bool Shard::Contains(const FleetTarget& t) const { return count <= 1 || ShardOf(t.Key(), count) == index; }

namespace {
Result<long> EnvInt(const char* name, bool required) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    if (required) return MakeError(ErrorKind::kInvalidArgument, std::string("--shard auto: ") + name + " is not set");
    return -1L;
  }
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < 0 || n > 1000000) {
    return MakeError(ErrorKind::kInvalidArgument, std::string("--shard auto: ") + name + "='" + v + "' is not a count");
  }
  return n;
}
}  // namespace

Result<Shard> ParseShard(const std::string& spec) {
  Shard s;
  if (spec.empty()) return s;
  if (spec == "auto") {
    if (std::getenv("JOB_COMPLETION_INDEX") != nullptr) {
      auto i = EnvInt("JOB_COMPLETION_INDEX", true);
      if (!i.ok()) return i.error();
      auto n = EnvInt("TRUSTREADY_SHARD_COUNT", true);
      if (!n.ok()) return n.error();
      s.index = static_cast<int>(*i);
      s.count = static_cast<int>(*n);
    } else if (std::getenv("SLURM_ARRAY_TASK_ID") != nullptr) {
      auto id = EnvInt("SLURM_ARRAY_TASK_ID", true);
      if (!id.ok()) return id.error();
      auto min = EnvInt("SLURM_ARRAY_TASK_MIN", true);
      if (!min.ok()) return min.error();
      auto n = EnvInt("SLURM_ARRAY_TASK_COUNT", true);
      if (!n.ok()) return n.error();
      auto step = EnvInt("SLURM_ARRAY_TASK_STEP", false);
      if (!step.ok()) return step.error();
      if (*step > 1) {
        return MakeError(ErrorKind::kInvalidArgument, "--shard auto: SLURM_ARRAY_TASK_STEP=" + std::to_string(*step) +
                                                          " (only step 1 arrays map to shards)");
      }
      s.index = static_cast<int>(*id - *min);
      s.count = static_cast<int>(*n);
    } else {
      return MakeError(ErrorKind::kInvalidArgument,
                       "--shard auto: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set");
    }
  } else {
    size_t slash = spec.find('/');
    auto num = [](const std::string& x, int* out) {
      if (x.empty() || x.size() > 7 || !std::all_of(x.begin(), x.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return false;
      }
      *out = std::atoi(x.c_str());
      return true;
    };
    if (slash == std::string::npos || !num(spec.substr(0, slash), &s.index) || !num(spec.substr(slash + 1), &s.count)) {
      return MakeError(ErrorKind::kInvalidArgument, "--shard '" + spec + "': expected K/N (0-based K) or auto");
    }
  }
  if (s.count < 1 || s.index < 0 || s.index >= s.count) {
    return MakeError(ErrorKind::kInvalidArgument, "--shard: shard " + std::to_string(s.index) + " of " +
                                                      std::to_string(s.count) + " is out of range (K is 0-based, K < N)");
  }
  return s;
}

}  // namespace trustready::fleet
