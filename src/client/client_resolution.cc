// Client resolution: which store each runtime reads, in one environment.
//
// One function per client family, each following the runtime's own rules
// (the "notes" of data/clients/clients.json say them in one line; the
// comments here say where they come from). Facts a runtime compiled in
// (OpenSSL's OPENSSLDIR) are read from the binary's own text, so they are
// known inside an image too without running anything.
#include <dirent.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "client/client_internal.h"
#include "trustready/base/data_dir.h"
#include "trustready/client/client.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/root_path.h"
#include "trustready/store/run_program.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace client_internal {

bool IsRegular(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
bool IsDirectory(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
std::string RealPathOf(const std::string& p) {
  char buf[PATH_MAX];
  return ::realpath(p.c_str(), buf) ? std::string(buf) : p;
}

std::optional<std::string> Fs::Host(const std::string& logical) const {
  if (logical.empty()) return std::nullopt;
  if (root_.empty()) return logical;
  auto r = ResolveInRoot(root_, logical);
  if (!r.ok()) return std::nullopt;
  return *r;
}
bool Fs::IsFile(const std::string& logical) const {
  auto h = Host(logical);
  return h && IsRegular(*h);
}
bool Fs::IsDir(const std::string& logical) const {
  auto h = Host(logical);
  return h && IsDirectory(*h);
}
bool Fs::Exists(const std::string& logical) const { return IsFile(logical) || IsDir(logical); }
std::string Fs::Identity(const std::string& logical) const {
  auto h = Host(logical);
  return h ? RealPathOf(*h) : logical;
}
std::optional<std::string> Fs::Read(const std::string& logical, size_t max) const {
  auto h = Host(logical);
  if (!h || !IsRegular(*h)) return std::nullopt;
  std::ifstream in(*h, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s(max, '\0');
  in.read(s.data(), static_cast<std::streamsize>(max));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}
std::vector<std::string> Fs::Glob(const std::string& pattern) const {
  std::vector<std::string> out;
  if (root_.empty()) {
    glob_t g{};
    if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
    }
    ::globfree(&g);
    return out;
  }
  // Inside a root, each wildcard component is listed inside the tree (a
  // host glob would follow the image's absolute links out of it).
  std::vector<std::string> current = {""};
  std::stringstream parts(pattern);
  std::string comp;
  while (std::getline(parts, comp, '/')) {
    if (comp.empty()) continue;
    std::vector<std::string> next;
    for (const std::string& base : current) {
      if (comp.find_first_of("*?[") == std::string::npos) {
        next.push_back(base + "/" + comp);
        continue;
      }
      auto host = Host(base.empty() ? "/" : base);
      if (!host) continue;
      DIR* d = ::opendir(host->c_str());
      if (!d) continue;
      std::vector<std::string> names;
      while (dirent* e = ::readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != ".." && ::fnmatch(comp.c_str(), n.c_str(), 0) == 0) names.push_back(n);
      }
      ::closedir(d);
      std::sort(names.begin(), names.end());
      for (const auto& n : names) next.push_back(base + "/" + n);
    }
    current = std::move(next);
  }
  for (const auto& p : current) {
    if (Host(p)) out.push_back(p);
  }
  return out;
}

// OpenSSL compiles its directory in as the text `OPENSSLDIR: "/usr/lib/ssl"`
// (what `openssl version -d` prints); libcrypto and statically linked
// programs (Node.js) carry it. Read in blocks: node is ~100 MB.
std::string OpenSslDirOfBinary(const Fs& fs, const std::string& logical) {
  auto host = fs.Host(logical);
  if (!host) return "";
  std::ifstream in(*host, std::ios::binary);
  if (!in) return "";
  static const std::string kKey = "OPENSSLDIR: \"";
  std::string carry;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::string chunk = carry + std::string(buf.data(), static_cast<size_t>(in.gcount()));
    size_t at = chunk.find(kKey);
    if (at != std::string::npos) {
      size_t end = chunk.find('"', at + kKey.size());
      if (end == std::string::npos) {
        std::string more(4096, '\0');
        in.read(more.data(), 4096);
        chunk += more.substr(0, static_cast<size_t>(in.gcount()));
        end = chunk.find('"', at + kKey.size());
      }
      if (end != std::string::npos && end - at < 4096) return chunk.substr(at + kKey.size(), end - at - kKey.size());
      return "";
    }
    carry = chunk.size() > kKey.size() ? chunk.substr(chunk.size() - kKey.size()) : chunk;
  }
  return "";
}

}  // namespace client_internal

using namespace client_internal;

namespace {

// The value of `key` in a java.util.Properties text (java.security): "#"
// and "!" comments, "key=value", "key: value" or "key value", a line
// ending in an odd number of backslashes continues on the next (whose
// leading blanks are dropped); the last assignment wins. Escapes other
// than the line continuation are not decoded (policy names have none).
std::optional<std::string> JavaSecurityProperty(const std::string& text, const std::string& key) {
  std::optional<std::string> out;
  std::stringstream in(text);
  std::string line, logical;
  bool continuing = false;
  auto take = [&](const std::string& l) {
    size_t b = l.find_first_not_of(" \t\f");
    if (b == std::string::npos || l[b] == '#' || l[b] == '!') return;
    size_t e = l.find_first_of("=: \t\f", b);
    const std::string k = l.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (k != key) return;
    std::string v = e == std::string::npos ? "" : l.substr(e);
    size_t s = v.find_first_not_of(" \t\f");
    if (s != std::string::npos && (v[s] == '=' || v[s] == ':')) ++s;
    s = v.find_first_not_of(" \t\f", s == std::string::npos ? v.size() : s);
    out = s == std::string::npos ? "" : v.substr(s);
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (continuing) {
      size_t b = line.find_first_not_of(" \t\f");
      line = b == std::string::npos ? "" : line.substr(b);
    } else {
      logical.clear();
      size_t b = line.find_first_not_of(" \t\f");
      if (b != std::string::npos && (line[b] == '#' || line[b] == '!')) continue;
    }
    size_t slashes = 0;
    while (slashes < line.size() && line[line.size() - 1 - slashes] == '\\') ++slashes;
    continuing = slashes % 2 == 1;
    logical += continuing ? line.substr(0, line.size() - 1) : line;
    if (!continuing) take(logical);
  }
  if (continuing) take(logical);
  return out;
}

// The distributions' system bundles, as store_discovery lists them.
const char* const kSystemBundles[] = {
    "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",   "/var/lib/ca-certificates/ca-bundle.pem",
    "/etc/ssl/ca-bundle.pem",             "/etc/ssl/cert.pem",
};

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

std::vector<std::string> SplitList(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Whitespace-separated options as the JVM and node split NODE_OPTIONS /
// JDK_JAVA_OPTIONS: quotes group, backslash escapes inside double quotes.
std::vector<std::string> SplitOptions(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool in_token = false;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < s.size()) {
        cur += s[++i];
      } else {
        cur += c;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_token = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_token) out.push_back(cur);
      cur.clear();
      in_token = false;
    } else {
      cur += c;
      in_token = true;
    }
  }
  if (in_token) out.push_back(cur);
  return out;
}

class Resolver {
 public:
  Resolver(const ClientEnvironment& env, const ClientCatalog& catalog, const ResolveOptions& options,
           ClientResolution* out)
      : env_(env), fs_(env.root), catalog_(catalog), options_(options), out_(out) {}

  void Run() {
    const bool all = options_.client.empty();
    auto want = [&](const char* name) { return all || options_.client == name; };
    if (want("openssl")) OpenSsl();
    if (want("curl")) Curl();
    if (want("wget")) Wget();
    if (want("python-ssl") || want("python-requests") || want("pip") || want("aws-sdk-python")) Pythons();
    if (want("java")) Java();
    if (want("node")) Node();
    if (want("go")) Go();
    if (want("dotnet")) DotNet(!all);
    if (want("chromium")) Chromium(!all);
    if (want("nss")) Nss(!all);
  }

 private:
  bool in_root() const { return !env_.root.empty(); }
  bool can_run() const { return env_.run_programs && !in_root(); }
  bool Wanted(const std::string& client) const { return options_.client.empty() || options_.client == client; }

  std::string BehaviorOf(const std::string& client) const {
    const ClientInfo* c = catalog_.Find(client);
    return c ? c->behavior : "";
  }

  StorePart Part(StorePartKind kind, const std::string& location, std::string role) const {
    StorePart p;
    p.kind = kind;
    p.location = location;
    p.role = std::move(role);
    if (p.kind == StorePartKind::kDirectory) {
      p.missing = !fs_.IsDir(location);
    } else if (p.kind == StorePartKind::kNss) {
      p.missing = !fs_.IsFile(location + "/cert9.db");
    } else if (p.kind == StorePartKind::kPem || p.kind == StorePartKind::kKeystore) {
      p.missing = !fs_.IsFile(location);
      // A PEM path that is a directory (REQUESTS_CA_BUNDLE=/etc/ssl/certs)
      // is read as a CApath by OpenSSL-based clients.
      if (p.missing && p.kind == StorePartKind::kPem && fs_.IsDir(location)) {
        p.kind = StorePartKind::kDirectory;
        p.missing = false;
      }
    }
    return p;
  }

  // A path from the environment: relative paths are relative to the
  // process's working directory, which we know only for this process.
  std::string EnvPath(const std::string& value) const {
    if (value.empty() || value[0] == '/' || in_root()) return value;
    char buf[PATH_MAX];
    if (env_.origin == "this process" && ::getcwd(buf, sizeof(buf))) return std::string(buf) + "/" + value;
    return value;
  }

  void Use(std::vector<StorePart> parts, const std::string& description, ClientUse use,
           const std::string& broken = "") {
    use.behavior = use.behavior.empty() ? BehaviorOf(use.client) : use.behavior;
    std::string id;
    for (const auto& p : parts) {
      id += (id.empty() ? "" : " + ") + std::string(StorePartKindName(p.kind)) + ":" + fs_.Identity(p.location);
      if (p.password_given) id += "#password";
      if (!p.store_type.empty()) id += "#type=" + p.store_type;
    }
    if (!broken.empty()) id += " (broken: " + broken + ")";
    for (ResolvedStore& s : out_->stores) {
      if (s.id == id) {
        for (const ClientUse& u : s.used_by) {
          if (u.client == use.client && u.because == use.because && u.instance == use.instance) return;
        }
        s.used_by.push_back(std::move(use));
        return;
      }
    }
    ResolvedStore s;
    s.id = id;
    // Named by what it is made of; the label only when it has no part.
    std::string made_of;
    for (const auto& p : parts) made_of += (made_of.empty() ? "" : " + ") + p.location;
    s.description = made_of.empty() ? description : made_of;
    s.parts = std::move(parts);
    s.root = env_.root;
    s.broken = broken;
    s.used_by.push_back(std::move(use));
    out_->stores.push_back(std::move(s));
  }

  // --- OpenSSL ---------------------------------------------------------

  std::string SystemOpenSslDir() {
    if (!system_openssl_dir_.empty()) return system_openssl_dir_;
    if (can_run()) {
      auto r = RunProgram({"openssl", "version", "-d"}, env_.program_timeout_seconds);
      if (r.ok()) {
        std::string s = Trim(*r);
        size_t q = s.find('"');
        if (q != std::string::npos) system_openssl_dir_ = s.substr(q + 1, s.rfind('"') - q - 1);
      }
    }
    if (system_openssl_dir_.empty()) {
      for (const std::string& lib :
           Cat(Cat(fs_.Glob("/usr/lib/*/libcrypto.so.*"), fs_.Glob("/usr/lib/libcrypto.so.*")),
               Cat(fs_.Glob("/lib/libcrypto.so.*"), fs_.Glob("/usr/lib64/libcrypto.so.*")))) {
        system_openssl_dir_ = OpenSslDirOfBinary(fs_, lib);
        if (!system_openssl_dir_.empty()) break;
      }
    }
    if (system_openssl_dir_.empty()) {
      for (const char* d : {"/usr/lib/ssl", "/etc/ssl", "/etc/pki/tls"}) {
        if (fs_.IsDir(d)) {
          system_openssl_dir_ = d;
          out_->notes.push_back(std::string("OPENSSLDIR not found in libcrypto; assuming ") + d);
          break;
        }
      }
    }
    return system_openssl_dir_;
  }

  // X509_STORE_set_default_paths: the file ($SSL_CERT_FILE or
  // OPENSSLDIR/cert.pem) and the directories ($SSL_CERT_DIR, a
  // colon-separated list, or OPENSSLDIR/certs), both read.
  std::vector<StorePart> OpenSslDefaultParts(const std::string& openssl_dir, std::string* because) {
    std::vector<StorePart> parts;
    const std::string f = env_.Get("SSL_CERT_FILE");
    const std::string d = env_.Get("SSL_CERT_DIR");
    parts.push_back(Part(StorePartKind::kPem, f.empty() ? openssl_dir + "/cert.pem" : EnvPath(f), "CAfile"));
    if (d.empty()) {
      parts.push_back(Part(StorePartKind::kDirectory, openssl_dir + "/certs", "CApath"));
    } else {
      for (const auto& dir : SplitList(d, ':')) parts.push_back(Part(StorePartKind::kDirectory, EnvPath(dir), "CApath"));
    }
    std::string b;
    if (!f.empty()) b = "SSL_CERT_FILE";
    if (!d.empty()) b += (b.empty() ? "" : " + ") + std::string("SSL_CERT_DIR");
    if (b.empty()) b = "default (OPENSSLDIR " + openssl_dir + ")";
    else if (f.empty() || d.empty()) b += " + default (OPENSSLDIR " + openssl_dir + ")";
    *because = b;
    return parts;
  }

  void OpenSsl() {
    std::string dir = SystemOpenSslDir();
    if (dir.empty()) {
      out_->notes.push_back("openssl: no OpenSSL installation found");
      return;
    }
    std::string because;
    auto parts = OpenSslDefaultParts(dir, &because);
    Use(parts, "OpenSSL default paths", {"openssl", because, "libcrypto (OPENSSLDIR " + dir + ")"});
  }

  // --- curl ------------------------------------------------------------

  std::string FindProgram(const std::string& name) const {
    std::string path = env_.Get("PATH");
    if (path.empty()) path = "/usr/local/bin:/usr/bin:/bin";
    for (const auto& dir : SplitList(path, ':')) {
      std::string p = dir + "/" + name;
      if (fs_.IsFile(p)) return p;
    }
    return "";
  }

  // curl (with OpenSSL) sets CAfile and CApath explicitly: OpenSSL's
  // environment variables play no part. CURL_CA_BUNDLE replaces the CAfile
  // only; the compiled-in CApath stays (Debian builds --with-ca-path
  // /etc/ssl/certs; `curl -v` prints both).
  void Curl() {
    std::string curl = FindProgram("curl");
    if (curl.empty()) {
      if (!options_.client.empty()) out_->notes.push_back("curl: not installed");
      return;
    }
    std::string cafile, capath;
    if (can_run()) {
      auto r = RunProgram({"curl-config", "--ca"}, env_.program_timeout_seconds);
      if (r.ok()) cafile = Trim(*r);
    }
    if (cafile.empty()) {
      for (const char* b : kSystemBundles) {
        if (fs_.IsFile(b)) {
          cafile = b;
          break;
        }
      }
    }
    const bool debian = fs_.IsFile("/etc/debian_version");
    if (debian && fs_.IsDir("/etc/ssl/certs")) capath = "/etc/ssl/certs";
    std::vector<StorePart> parts;
    std::string because;
    if (std::string b = env_.Get("CURL_CA_BUNDLE"); !b.empty()) {
      parts.push_back(Part(StorePartKind::kPem, EnvPath(b), "CAfile"));
      because = "CURL_CA_BUNDLE";
    } else {
      parts.push_back(Part(StorePartKind::kPem, cafile, "CAfile"));
      because = "default (compiled-in CAfile)";
    }
    if (!capath.empty()) {
      parts.push_back(Part(StorePartKind::kDirectory, capath, "CApath"));
      because += " + compiled-in CApath " + capath;
    }
    Use(parts, because.rfind("CURL_CA_BUNDLE", 0) == 0 ? "CURL_CA_BUNDLE + curl's CApath" : "curl's compiled-in CAfile/CApath",
        {"curl", because, curl});
  }

  // --- wget (GnuTLS) ---------------------------------------------------

  // GnuTLS's system trust is its compiled-in bundle (Debian:
  // /etc/ssl/certs/ca-certificates.crt); wget adds ca_certificate from
  // its startup file ($WGETRC, else ~/.wgetrc).
  void Wget() {
    std::string wget = FindProgram("wget");
    if (wget.empty()) {
      if (!options_.client.empty()) out_->notes.push_back("wget: not installed");
      return;
    }
    std::vector<StorePart> parts;
    for (const char* b : kSystemBundles) {
      if (fs_.IsFile(b)) {
        parts.push_back(Part(StorePartKind::kPem, b, "system trust"));
        break;
      }
    }
    std::string because = "default (GnuTLS system trust)";
    std::string rc = env_.Get("WGETRC");
    std::string rc_name = "WGETRC";
    if (rc.empty() && !env_.Get("HOME").empty()) {
      rc = env_.Get("HOME") + "/.wgetrc";
      rc_name = "~/.wgetrc";
    }
    if (auto text = fs_.Read(rc, 1 << 20)) {
      std::istringstream in(*text);
      std::string line;
      while (std::getline(in, line)) {
        std::string l = Trim(line);
        if (l.rfind("ca_certificate", 0) != 0) continue;
        size_t eq = l.find('=');
        if (eq == std::string::npos) continue;
        std::string v = Trim(l.substr(eq + 1));
        if (!v.empty()) {
          parts.push_back(Part(StorePartKind::kPem, v, "ca_certificate"));
          because += " + ca_certificate in " + rc_name;
        }
      }
    }
    if (parts.empty()) return;
    Use(parts, "wget (GnuTLS system trust)", {"wget", because, wget});
  }

  // --- Python ----------------------------------------------------------

  struct PythonFacts {
    std::string executable, version, prefix;
    std::string openssl_dir;  // from ssl.get_default_verify_paths()
    std::string certifi, requests_where, pip_version, pip_certifi, botocore_where;
    bool has_requests = false, has_pip = false, has_botocore = false;
  };

  // Asked of each interpreter; argv names the packages to look at (an
  // import of requests or botocore costs most of a second).
  static constexpr const char* kPythonProbe =
      "import json, sys\n"
      "want = set(sys.argv[1:])\n"
      "o = {'executable': sys.executable, 'prefix': sys.prefix, 'version': '%d.%d.%d' % tuple(sys.version_info[:3])}\n"
      "def ask(name, f):\n"
      "    if name not in want: return\n"
      "    try: f()\n"
      "    except Exception: pass\n"
      "def ssl_paths():\n"
      "    import ssl\n"
      "    o['openssl_cafile'] = ssl.get_default_verify_paths().openssl_cafile\n"
      "def certifi_where():\n"
      "    import certifi\n"
      "    o['certifi'] = certifi.where()\n"
      "def requests_where():\n"
      "    import requests.certs\n"
      "    o['requests_where'] = requests.certs.where()\n"
      "def pip_where():\n"
      "    import pip\n"
      "    o['pip'] = pip.__version__\n"
      "    from pip._vendor import certifi as c\n"
      "    o['pip_certifi'] = c.where()\n"
      "def botocore_where():\n"
      "    import botocore.httpsession\n"
      "    o['botocore_where'] = botocore.httpsession.where()\n"
      "want.add('ssl')\n"
      "ask('ssl', ssl_paths)\n"
      "ask('certifi', certifi_where)\n"
      "ask('requests', requests_where)\n"
      "ask('pip', pip_where)\n"
      "ask('botocore', botocore_where)\n"
      "sys.stdout.write(json.dumps(o))\n";

  std::optional<PythonFacts> AskPython(const std::string& exe) {
    std::vector<std::string> argv = {exe, "-c", kPythonProbe};
    const bool all = options_.client.empty();
    if (all || options_.client != "python-ssl") argv.push_back("certifi");
    if (all || options_.client == "python-requests") argv.push_back("requests");
    if (all || options_.client == "pip") argv.push_back("pip");
    if (all || options_.client == "aws-sdk-python") argv.push_back("botocore");
    auto r = RunProgram(argv, env_.program_timeout_seconds);
    if (!r.ok()) {
      out_->notes.push_back(exe + ": did not answer (" + r.error().message + ")");
      return std::nullopt;
    }
    nlohmann::json j = nlohmann::json::parse(*r, nullptr, false);
    if (!j.is_object()) {
      out_->notes.push_back(exe + ": unexpected answer");
      return std::nullopt;
    }
    auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; };
    PythonFacts f;
    f.executable = str("executable");
    f.prefix = str("prefix");
    f.version = str("version");
    std::string cafile = str("openssl_cafile");
    if (cafile.size() > 9 && cafile.compare(cafile.size() - 9, 9, "/cert.pem") == 0) {
      f.openssl_dir = cafile.substr(0, cafile.size() - 9);
    }
    f.certifi = str("certifi");
    f.requests_where = str("requests_where");
    f.has_requests = j.contains("requests_where");
    f.pip_version = str("pip");
    f.has_pip = j.contains("pip");
    f.pip_certifi = str("pip_certifi");
    f.botocore_where = str("botocore_where");
    f.has_botocore = j.contains("botocore_where");
    return f;
  }

  // Inside a tree: the interpreter's packages are found by their files.
  PythonFacts PythonFromFiles(const std::string& exe) {
    PythonFacts f;
    f.executable = exe;
    std::smatch m;
    std::string name = exe.substr(exe.find_last_of('/') + 1);
    std::string prefix = exe.substr(0, exe.find_last_of('/'));
    prefix = prefix.substr(0, prefix.find_last_of('/'));
    f.prefix = prefix;
    static const std::regex kVer("python(3\\.[0-9]+)");
    std::string minor;
    if (std::regex_search(name, m, kVer)) minor = m[1];
    f.version = minor.empty() ? "3" : minor;
    std::vector<std::string> sites;
    if (prefix == "/usr") {
      sites = {"/usr/lib/python3/dist-packages"};
      if (!minor.empty()) sites.push_back("/usr/lib/python" + minor + "/site-packages");
      if (!minor.empty()) sites.push_back("/usr/local/lib/python" + minor + "/dist-packages");
    } else {
      for (const auto& s : fs_.Glob(prefix + "/lib/python3*/site-packages")) sites.push_back(s);
    }
    for (const auto& sp : sites) {
      if (f.certifi.empty() && fs_.IsFile(sp + "/certifi/cacert.pem")) f.certifi = sp + "/certifi/cacert.pem";
      if (!f.has_requests && fs_.IsFile(sp + "/requests/certs.py")) {
        f.has_requests = true;
        // Debian's python3-requests returns the system bundle.
        if (auto text = fs_.Read(sp + "/requests/certs.py", 1 << 16)) {
          static const std::regex kPath("return ['\"](/[^'\"]+)['\"]");
          std::smatch pm;
          if (std::regex_search(*text, pm, kPath)) f.requests_where = pm[1];
        }
      }
      if (!f.has_pip && fs_.IsDir(sp + "/pip")) {
        f.has_pip = true;
        if (fs_.IsFile(sp + "/pip/_vendor/certifi/cacert.pem")) f.pip_certifi = sp + "/pip/_vendor/certifi/cacert.pem";
        for (const auto& d : fs_.Glob(sp + "/pip-*.dist-info")) {
          f.pip_version = d.substr(d.rfind("/pip-") + 5);
          f.pip_version = f.pip_version.substr(0, f.pip_version.find(".dist-info"));
        }
      }
      if (!f.has_botocore && fs_.IsDir(sp + "/botocore")) {
        f.has_botocore = true;
        f.botocore_where = sp + "/botocore/cacert.pem";
      }
    }
    if (f.has_requests && f.requests_where.empty()) f.requests_where = f.certifi;
    if (f.has_botocore && !f.certifi.empty()) f.botocore_where = f.certifi;
    f.openssl_dir = SystemOpenSslDir();
    return f;
  }

  std::vector<std::string> PythonCandidates() {
    std::vector<std::string> c;
    if (!env_.exe.empty() && env_.exe.find("python") != std::string::npos) return {env_.exe};
    for (const auto& dir : SplitList(env_.Get("PATH").empty() ? "/usr/local/bin:/usr/bin" : env_.Get("PATH"), ':')) {
      if (dir.find("/shims") != std::string::npos) continue;  // pyenv shims dispatch to versions listed below
      for (const char* n : {"python3", "python"}) {
        if (fs_.IsFile(dir + "/" + n)) c.push_back(dir + "/" + n);
      }
    }
    std::string home = env_.Get("HOME");
    std::string pyenv = env_.Get("PYENV_ROOT");
    if (pyenv.empty() && !home.empty()) pyenv = home + "/.pyenv";
    if (in_root()) {
      for (const auto& p : Cat(fs_.Glob("/usr/bin/python3.*"), fs_.Glob("/usr/local/bin/python3.*"))) {
        if (p.find("-config") == std::string::npos && p.find('m', p.rfind('/')) == std::string::npos) c.push_back(p);
      }
      for (const auto& p : Cat(fs_.Glob("/root/.pyenv/versions/*/bin/python"), fs_.Glob("/home/*/.pyenv/versions/*/bin/python"))) c.push_back(p);
    }
    if (!pyenv.empty()) {
      for (const auto& p : fs_.Glob(pyenv + "/versions/*/bin/python")) c.push_back(p);
    }
    if (std::string v = env_.Get("VIRTUAL_ENV"); !v.empty()) c.push_back(v + "/bin/python");
    std::vector<std::string> venv_globs = {"/opt/venv/bin/python", "/opt/*/venv/bin/python", "/opt/*/.venv/bin/python",
                                           "/app/.venv/bin/python", "/app/venv/bin/python"};
    if (!home.empty()) {
      for (const char* rel : {"/.venv/bin/python", "/venv/bin/python", "/.virtualenvs/*/bin/python",
                              "/.local/share/virtualenvs/*/bin/python", "/*/.venv/bin/python", "/*/venv/bin/python"}) {
        venv_globs.push_back(home + rel);
      }
    }
    for (const auto& g : venv_globs) {
      for (const auto& p : fs_.Glob(g)) c.push_back(p);
    }
    return c;
  }

  void Pythons() {
    std::set<std::string> seen;
    for (const std::string& exe : PythonCandidates()) {
      if (!fs_.IsFile(exe)) continue;
      std::optional<PythonFacts> f;
      if (can_run()) {
        f = AskPython(exe);
      } else {
        f = PythonFromFiles(exe);
      }
      if (!f) continue;
      // One environment once: a venv's python links to its base
      // interpreter but has packages of its own (sys.prefix differs).
      std::string key = f->prefix.empty() ? fs_.Identity(exe) : f->prefix;
      if (!seen.insert(key).second) continue;
      if (f->version.rfind("2.", 0) == 0) {
        out_->notes.push_back(exe + ": Python " + f->version + " (not modelled: Python 2 does not verify by default before 2.7.9)");
        continue;
      }
      Python(exe, *f);
    }
  }

  void Python(const std::string& exe, const PythonFacts& f) {
    const std::string instance = exe + " (" + f.version + ")";
    std::string openssl_dir = f.openssl_dir.empty() ? SystemOpenSslDir() : f.openssl_dir;
    int minor = 0;
    if (f.version.rfind("3.", 0) == 0) minor = std::atoi(f.version.c_str() + 2);
    const std::string ssl_behavior = minor >= 13 ? "python-3.13" : "";
    if (Wanted("python-ssl")) {
      std::string because;
      auto parts = OpenSslDefaultParts(openssl_dir, &because);
      Use(parts, "OpenSSL default paths", {"python-ssl", because, instance, ssl_behavior});
    }
    // requests.Session.merge_environment_settings: REQUESTS_CA_BUNDLE or
    // CURL_CA_BUNDLE when set (trust_env), else requests.certs.where().
    auto requests_like = [&](const std::string& client, std::vector<std::string> vars, const std::string& fallback,
                             const std::string& fallback_because) {
      for (const auto& v : vars) {
        if (std::string p = env_.Get(v); !p.empty()) {
          Use({Part(StorePartKind::kPem, EnvPath(p), v)}, v, {client, v, instance, ssl_behavior});
          return;
        }
      }
      if (fallback.empty()) return;
      Use({Part(StorePartKind::kPem, fallback, "bundle")}, fallback_because, {client, "default (" + fallback_because + ")", instance, ssl_behavior});
    };
    if (Wanted("python-requests") && f.has_requests) {
      requests_like("python-requests", {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"}, f.requests_where,
                    f.requests_where == f.certifi ? "certifi" : "requests.certs.where()");
    }
    if (Wanted("pip") && f.has_pip) {
      int major = std::atoi(f.pip_version.c_str());
      int pminor = 0;
      if (size_t dot = f.pip_version.find('.'); dot != std::string::npos) pminor = std::atoi(f.pip_version.c_str() + dot + 1);
      bool truststore = (major > 24 || (major == 24 && pminor >= 2)) && minor >= 10;
      bool overridden = false;
      for (const char* v : {"PIP_CERT", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"}) {
        if (std::string p = env_.Get(v); !p.empty()) {
          Use({Part(StorePartKind::kPem, EnvPath(p), v)}, v, {"pip", v, instance + " pip " + f.pip_version, ssl_behavior});
          overridden = true;
          break;
        }
      }
      if (!overridden && truststore) {
        std::string because;
        auto parts = OpenSslDefaultParts(openssl_dir, &because);
        Use(parts, "OpenSSL default paths", {"pip", "default (truststore: the system store) " + because,
                                             instance + " pip " + f.pip_version, ssl_behavior});
      } else if (!overridden && !f.pip_certifi.empty()) {
        Use({Part(StorePartKind::kPem, f.pip_certifi, "bundle")}, "pip's vendored certifi",
            {"pip", "default (pip's vendored certifi)", instance + " pip " + f.pip_version, ssl_behavior});
      }
    }
    if (Wanted("aws-sdk-python") && f.has_botocore) Botocore(instance, f, ssl_behavior);
  }

  // botocore: AWS_CA_BUNDLE, then ca_bundle of the active profile in the
  // config file, then botocore.httpsession.where() (certifi when
  // importable, else its own cacert.pem).
  void Botocore(const std::string& instance, const PythonFacts& f, const std::string& behavior) {
    if (std::string p = env_.Get("AWS_CA_BUNDLE"); !p.empty()) {
      Use({Part(StorePartKind::kPem, EnvPath(p), "AWS_CA_BUNDLE")}, "AWS_CA_BUNDLE", {"aws-sdk-python", "AWS_CA_BUNDLE", instance, behavior});
      return;
    }
    std::string config = env_.Get("AWS_CONFIG_FILE");
    if (config.empty() && !env_.Get("HOME").empty()) config = env_.Get("HOME") + "/.aws/config";
    std::string profile = env_.Get("AWS_PROFILE");
    if (profile.empty()) profile = env_.Get("AWS_DEFAULT_PROFILE");
    if (profile.empty()) profile = "default";
    if (auto text = fs_.Read(config, 1 << 20)) {
      std::istringstream in(*text);
      std::string line, section;
      while (std::getline(in, line)) {
        std::string l = Trim(line);
        if (l.empty() || l[0] == '#' || l[0] == ';') continue;
        if (l.front() == '[' && l.back() == ']') {
          section = Trim(l.substr(1, l.size() - 2));
          if (section.rfind("profile ", 0) == 0) section = Trim(section.substr(8));
          continue;
        }
        if (section != profile) continue;
        size_t eq = l.find('=');
        if (eq == std::string::npos || Trim(l.substr(0, eq)) != "ca_bundle") continue;
        std::string v = Trim(l.substr(eq + 1));
        std::string because = "ca_bundle in " + config + " [" + profile + "]";
        Use({Part(StorePartKind::kPem, v, "ca_bundle")}, because, {"aws-sdk-python", because, instance, behavior});
        return;
      }
    }
    if (f.botocore_where.empty()) return;
    bool own = f.botocore_where != f.certifi;
    Use({Part(StorePartKind::kPem, f.botocore_where, "bundle")}, own ? "botocore's bundled cacert.pem" : "certifi",
        {"aws-sdk-python", own ? "default (botocore's bundled cacert.pem: certifi is not importable)" : "default (certifi)",
         instance, behavior});
  }

  // --- Java ------------------------------------------------------------

  struct JavaProps {
    std::string trust_store, type, password;
    bool password_given = false;
    std::string from;  // which variable set trustStore
    std::string security_properties;  // -Djava.security.properties (a leading "=": replace java.security)
    std::string security_from;
  };

  // -D options of JAVA_TOOL_OPTIONS (read by every JVM), then those of
  // JDK_JAVA_OPTIONS (the `java` launcher of JDK 9+, after it on the
  // command line, so it wins).
  JavaProps JavaProperties(int feature) {
    JavaProps p;
    std::vector<std::string> vars = {"JAVA_TOOL_OPTIONS"};
    if (feature >= 9) vars.push_back("JDK_JAVA_OPTIONS");
    for (const auto& var : vars) {
      for (const auto& opt : SplitOptions(env_.Get(var))) {
        auto take = [&](const std::string& key, std::string* into) {
          std::string prefix = "-D" + key + "=";
          if (opt.rfind(prefix, 0) != 0) return false;
          *into = opt.substr(prefix.size());
          return true;
        };
        if (take("javax.net.ssl.trustStore", &p.trust_store)) p.from = var;
        take("javax.net.ssl.trustStoreType", &p.type);
        if (take("javax.net.ssl.trustStorePassword", &p.password)) p.password_given = true;
        if (take("java.security.properties", &p.security_properties)) p.security_from = var;
      }
    }
    return p;
  }

  // jdk.security.caDistrustPolicies as the JDK reads it: its java.security
  // (JDK 9+: conf/security, 8: jre/lib/security), then a
  // -Djava.security.properties file (which "==FILE" puts in its place, and
  // which the master's security.overridePropertiesFile=false ignores).
  void JavaDistrustPolicies(const std::string& home, const std::string& sec, int feature, const JavaProps& props,
                            ClientUse* use) {
    const std::string conf = home + "/conf/security/java.security";
    const std::string master = feature >= 9 ? conf : feature > 0 ? sec + "/java.security"
                               : fs_.IsFile(conf)  ? conf
                                                   : sec + "/java.security";
    use->ca_distrust_from = master;  // also named when unreadable
    std::string extra = props.security_properties;
    const bool replace = !extra.empty() && extra[0] == '=';
    if (replace) extra = extra.substr(1);
    // The JVM takes a URL too; a file: URL is a path (other schemes are not
    // read here: unreadable, so every policy applies).
    if (extra.rfind("file://", 0) == 0) extra = extra.substr(7);
    else if (extra.rfind("file:", 0) == 0) extra = extra.substr(5);
    std::optional<std::string> value;
    std::string from;
    if (!replace) {
      auto text = fs_.Read(master, 1 << 20);
      if (!text) return;  // unreadable: every known policy (BehaviorForUse)
      if (!in_root()) use->ca_distrust_from = RealPathOf(master);
      value = JavaSecurityProperty(*text, "jdk.security.caDistrustPolicies");
      from = (in_root() ? master : RealPathOf(master));
      auto override_ok = JavaSecurityProperty(*text, "security.overridePropertiesFile");
      if (override_ok && Trim(*override_ok) == "false") extra.clear();
    }
    if (!extra.empty()) {
      auto text = fs_.Read(extra, 1 << 20);
      // The JVM ignores a -Djava.security.properties file it cannot read;
      // not knowing what it says, apply every policy.
      if (!text) {
        use->ca_distrust_from = extra + " (" + props.security_from + " -Djava.security.properties)";
        return;
      }
      if (auto v = JavaSecurityProperty(*text, "jdk.security.caDistrustPolicies"); v || replace) {
        value = v;
        from = extra + " (" + props.security_from + " -Djava.security.properties" + (replace ? "==" : "=") + ")";
      }
    }
    std::vector<std::string> names;
    if (value) {
      std::stringstream ss(*value);
      for (std::string item; std::getline(ss, item, ',');)
        if (auto t = Trim(item); !t.empty()) names.push_back(t);
    }
    use->ca_distrust_policies = std::move(names);
    use->ca_distrust_from = from.empty() ? master : from;
  }

  void Java() {
    std::vector<std::string> homes;
    if (!env_.exe.empty() && env_.exe.find("/bin/java") != std::string::npos) {
      homes.push_back(env_.exe.substr(0, env_.exe.rfind("/bin/java")));
    } else {
      if (std::string jh = env_.Get("JAVA_HOME"); !jh.empty()) homes.push_back(jh);
      for (const char* g : {"/usr/lib/jvm/*", "/opt/java/*", "/usr/local/openjdk-*", "/opt/openjdk-*"}) {
        for (const auto& p : fs_.Glob(g)) homes.push_back(p);
      }
    }
    std::set<std::string> seen;
    for (std::string home : homes) {
      if (!fs_.IsFile(home + "/bin/java")) continue;
      // A JDK 8 keeps its security files in jre/.
      std::string sec = fs_.IsDir(home + "/jre/lib/security") ? home + "/jre/lib/security" : home + "/lib/security";
      if (!fs_.IsDir(sec)) continue;
      if (!seen.insert(fs_.Identity(home)).second) continue;
      std::string version;
      if (auto rel = fs_.Read(home + "/release", 1 << 16)) {
        static const std::regex kVer("JAVA_VERSION=\"([^\"]+)\"");
        std::smatch m;
        if (std::regex_search(*rel, m, kVer)) version = m[1];
      }
      int feature = std::atoi(version.c_str());
      if (version.rfind("1.", 0) == 0) feature = std::atoi(version.c_str() + 2);
      const std::string instance = (in_root() ? home : RealPathOf(home)) + (version.empty() ? "" : " (" + version + ")");
      JavaProps props = JavaProperties(feature);
      ClientUse use{"java", "", instance, "", sec + "/cacerts"};
      JavaDistrustPolicies(home, sec, feature, props, &use);
      if (!props.trust_store.empty()) {
        if (props.trust_store == "NONE") {
          use.because = props.from + " -Djavax.net.ssl.trustStore=NONE";
          Use({}, "javax.net.ssl.trustStore=NONE", use,
              "trustStore NONE (a PKCS#11 token) is not modelled");
          continue;
        }
        StorePart part = Part(StorePartKind::kKeystore, props.trust_store, "trustStore");
        part.password = props.password;
        part.password_given = props.password_given;
        part.store_type = props.type;
        use.because = props.from + " -Djavax.net.ssl.trustStore" + (props.password_given ? " (with trustStorePassword)" : "");
        // JSSE fails every handshake when the named trustStore is missing
        // (it does not fall back to cacerts).
        Use({part}, "javax.net.ssl.trustStore", use,
            part.missing ? props.trust_store + ": no such file (Java then trusts nothing)" : "");
        continue;
      }
      std::string file = fs_.IsFile(sec + "/jssecacerts") ? sec + "/jssecacerts" : sec + "/cacerts";
      StorePart part = Part(StorePartKind::kKeystore, file, "cacerts");
      part.password = props.password;
      part.password_given = props.password_given;
      part.store_type = props.type;
      use.because = file.size() > 12 && file.compare(file.size() - 12, 12, "/jssecacerts") == 0
                        ? "default (lib/security/jssecacerts exists)"
                        : "default (lib/security/cacerts)";
      Use({part}, "Java cacerts", use);
    }
  }

  // --- Node.js ---------------------------------------------------------

  void Node() {
    std::vector<std::string> nodes;
    if (!env_.exe.empty() && env_.exe.substr(env_.exe.find_last_of('/') + 1).rfind("node", 0) == 0) {
      nodes.push_back(env_.exe);
    } else {
      if (std::string n = FindProgram("node"); !n.empty()) nodes.push_back(n);
      std::string home = env_.Get("HOME");
      std::string nvm = env_.Get("NVM_DIR");
      if (nvm.empty() && !home.empty()) nvm = home + "/.nvm";
      if (!nvm.empty()) {
        for (const auto& p : fs_.Glob(nvm + "/versions/node/*/bin/node")) nodes.push_back(p);
      }
      for (const char* g : {"/usr/local/bin/node", "/usr/bin/node", "/opt/nodejs/bin/node", "/opt/node*/bin/node",
                            "/root/.nvm/versions/node/*/bin/node", "/home/*/.nvm/versions/node/*/bin/node"}) {
        for (const auto& p : fs_.Glob(g)) nodes.push_back(p);
      }
    }
    std::set<std::string> seen;
    for (const auto& node : nodes) {
      if (!fs_.IsFile(node) || !seen.insert(fs_.Identity(node)).second) continue;
      NodeOne(node);
    }
  }

  void NodeOne(const std::string& node) {
    std::string version;
    if (can_run()) {
      auto r = RunProgram({node, "--version"}, env_.program_timeout_seconds);
      if (r.ok()) version = Trim(*r);
    } else {
      static const std::regex kVer("/(v[0-9]+\\.[0-9]+\\.[0-9]+)/");
      std::smatch m;
      if (std::regex_search(node, m, kVer)) version = m[1];
    }
    const std::string instance = node + (version.empty() ? "" : " (" + version + ")");
    int major = 0, minor = 0;
    if (version.size() > 1) {
      major = std::atoi(version.c_str() + 1);
      if (size_t dot = version.find('.'); dot != std::string::npos) minor = std::atoi(version.c_str() + dot + 1);
    }
    // NODE_OPTIONS: the last of --use-openssl-ca / --use-bundled-ca wins.
    bool openssl_ca = false, system_ca = false;
    for (const auto& opt : SplitOptions(env_.Get("NODE_OPTIONS"))) {
      if (opt == "--use-openssl-ca") openssl_ca = true;
      if (opt == "--use-bundled-ca") openssl_ca = false;
      if (opt == "--use-system-ca") system_ca = true;
    }
    if (system_ca && !version.empty() && !(major > 23 || (major == 23 && minor >= 8) || (major == 22 && minor >= 15))) {
      Use({}, "node refuses NODE_OPTIONS", {"node", "NODE_OPTIONS=--use-system-ca", instance},
          "node " + version + " does not know --use-system-ca (Node.js >= 22.15 / 23.8): it exits at start");
      return;
    }
    std::vector<StorePart> parts;
    std::string because;
    std::string openssl_dir;
    if (openssl_ca || system_ca) {
      openssl_dir = OpenSslDirOfBinary(fs_, node);
      if (openssl_dir.empty()) openssl_dir = SystemOpenSslDir();
    }
    if (openssl_ca) {
      std::string b;
      parts = OpenSslDefaultParts(openssl_dir, &b);
      because = "NODE_OPTIONS=--use-openssl-ca: " + b;
    } else {
      parts.push_back(Part(StorePartKind::kNodeBundled, node, "bundled roots"));
      because = "default (bundled roots)";
      if (system_ca) {
        std::string b;
        for (auto& p : OpenSslDefaultParts(openssl_dir, &b)) parts.push_back(p);
        because += " + NODE_OPTIONS=--use-system-ca: " + b;
      }
    }
    if (std::string extra = env_.Get("NODE_EXTRA_CA_CERTS"); !extra.empty()) {
      StorePart p = Part(StorePartKind::kPem, EnvPath(extra), "NODE_EXTRA_CA_CERTS");
      if (p.missing) {
        // node warns and goes on without the extra certificates.
        out_->notes.push_back("NODE_EXTRA_CA_CERTS=" + extra + ": no such file (node warns and ignores it)");
      } else {
        parts.push_back(p);
        because += " + NODE_EXTRA_CA_CERTS";
      }
    }
    std::string description = openssl_ca ? "OpenSSL default paths (node's OPENSSLDIR " + openssl_dir + ")"
                                          : "Node.js bundled roots";
    if (parts.size() > 1 && !openssl_ca) description += " + more";
    Use(parts, description, {"node", because, instance});
  }

  // --- Go, .NET, Chromium, NSS ------------------------------------------

  // crypto/x509 root_unix.go: SSL_CERT_FILE replaces the list of bundle
  // files (the first that loads wins), SSL_CERT_DIR (colon-separated) the
  // directories; both are read.
  void Go() {
    std::vector<StorePart> parts;
    std::string because;
    if (std::string f = env_.Get("SSL_CERT_FILE"); !f.empty()) {
      parts.push_back(Part(StorePartKind::kPem, EnvPath(f), "SSL_CERT_FILE"));
      because = "SSL_CERT_FILE";
    } else {
      for (const char* b : kSystemBundles) {
        if (fs_.IsFile(b)) {
          parts.push_back(Part(StorePartKind::kPem, b, "system bundle"));
          break;
        }
      }
      because = "default (system bundle)";
    }
    if (std::string d = env_.Get("SSL_CERT_DIR"); !d.empty()) {
      for (const auto& dir : SplitList(d, ':')) parts.push_back(Part(StorePartKind::kDirectory, EnvPath(dir), "SSL_CERT_DIR"));
      because += " + SSL_CERT_DIR";
    } else {
      for (const char* d : {"/etc/ssl/certs", "/etc/pki/tls/certs"}) {
        if (fs_.IsDir(d)) parts.push_back(Part(StorePartKind::kDirectory, d, "system directory"));
      }
    }
    if (parts.empty()) return;
    Use(parts, "Go system roots", {"go", because, "any Go program"});
  }

  void DotNet(bool asked) {
    bool installed = fs_.IsDir("/usr/share/dotnet") || fs_.IsDir("/usr/lib/dotnet") || !FindProgram("dotnet").empty();
    if (!installed && !asked) return;
    std::string because;
    auto parts = OpenSslDefaultParts(SystemOpenSslDir(), &because);
    if (std::string home = env_.Get("HOME"); !home.empty()) {
      std::string user = home + "/.dotnet/corefx/cryptography/x509stores/root";
      if (fs_.IsDir(user)) {
        parts.push_back(Part(StorePartKind::kDirectory, user, "user Root store"));
        because += " + ~/.dotnet user Root store";
      }
    }
    Use(parts, "OpenSSL default paths", {"dotnet", because, installed ? "dotnet" : "any .NET program"});
  }

  std::vector<std::string> NssDatabases() {
    std::vector<std::string> dbs;
    std::string home = env_.Get("HOME");
    if (!home.empty()) {
      dbs.push_back(home + "/.pki/nssdb");
      for (const auto& p : fs_.Glob(home + "/.mozilla/firefox/*/cert9.db")) dbs.push_back(p.substr(0, p.size() - 9));
    }
    if (in_root()) {
      dbs.push_back("/root/.pki/nssdb");
      for (const auto& p : fs_.Glob("/home/*/.pki/nssdb")) dbs.push_back(p);
    }
    dbs.push_back("/etc/pki/nssdb");
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& d : dbs) {
      if (fs_.IsFile(d + "/cert9.db") && seen.insert(fs_.Identity(d)).second) out.push_back(d);
    }
    return out;
  }

  // The browser's version: `--version` ("Chromium 156.0.8078.114 built on
  // Debian ..."), or inside a tree (nothing run) the Debian package's.
  std::string ChromiumVersion(const std::string& bin) {
    static const std::regex kVersion(R"((\d+)\.(\d+)\.(\d+)\.(\d+))");
    std::smatch m;
    if (can_run() && !bin.empty()) {
      auto r = RunProgram({bin, "--version"}, env_.program_timeout_seconds);
      if (r.ok()) {
        // The launcher script may print its own noise first; the version
        // line names the product.
        std::stringstream lines(*r);
        std::string line;
        while (std::getline(lines, line)) {
          if ((line.find("Chromium") != std::string::npos || line.find("Chrome") != std::string::npos) &&
              std::regex_search(line, m, kVersion)) {
            return m.str(0);
          }
        }
      }
    }
    // dpkg's status: "Package: chromium" ... "Version: 156.0.8078.114-1~deb12u1".
    auto status = fs_.Read("/var/lib/dpkg/status", 64u << 20);
    if (!status) return "";
    std::stringstream in(*status);
    std::string line, package;
    while (std::getline(in, line)) {
      if (line.rfind("Package: ", 0) == 0) package = line.substr(9);
      if (line.rfind("Version: ", 0) == 0 &&
          (package == "chromium" || package == "chromium-browser" || package == "google-chrome-stable")) {
        std::string v = line.substr(9);
        if (std::regex_search(v, m, kVersion)) return m.str(0);
      }
    }
    return "";
  }

  void Chromium(bool asked) {
    std::string bin;
    for (const char* n : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
      bin = FindProgram(n);
      if (!bin.empty()) break;
    }
    if (bin.empty() && !asked) return;
    std::vector<StorePart> parts;
    // Its roots are compiled in and cannot be listed from the binary. The
    // shipped Chrome Root Store snapshots stand for a release only where
    // the client data says which releases carry them (root_stores); any
    // other release is UNKNOWN: judging it with another snapshot could say
    // READY for roots that release no longer trusts.
    const std::string version = ChromiumVersion(bin);
    const int major = version.empty() ? 0 : std::atoi(version.c_str());
    const ClientInfo* info = catalog_.Find("chromium");
    const ClientInfo::VersionedSnapshot* known = nullptr;
    if (info != nullptr && major > 0) {
      for (const auto& v : info->root_stores) {
        if (major >= v.first_major && major <= v.last_major) known = &v;
      }
    }
    const std::string release = version.empty() ? "an unknown release" : version;
    if (known != nullptr) {
      parts.push_back(Part(StorePartKind::kPlatform, known->snapshot,
                           "Chrome Root Store of Chromium " + release + " (" + known->source + ")"));
    } else {
      // Say what the newest shipped Chrome data is, and why it is not
      // used: it is older than the store versions Chromium has shipped
      // since (platforms/imported/README.md), and a root removed since
      // would still count as trusted (a false READY).
      std::string newest;
      if (auto data = LoadPlatformData(); data.ok()) {
        const PlatformSnapshot* last = nullptr;  // chrome:latest: the platform's last snapshot
        for (const auto& s : (*data)->snapshots) {
          if (s.platform == "chrome") last = &s;
        }
        if (last != nullptr) {
          newest = "; the newest Chrome Root Store data shipped, " + last->name + " of " + last->date +
                   ", is not used for it: a root removed from the store since would still count as trusted";
        }
      }
      StorePart p = Part(StorePartKind::kUnlisted, bin.empty() ? std::string("chromium") : bin,
                         "the Chrome Root Store compiled into Chromium " + release +
                             " (no shipped snapshot is known to be that release's" + newest + ")");
      const std::string tag = version.empty() ? std::string("VERSION") : version;
      p.fix = "import that release's root store (https://chromium.googlesource.com/chromium/src/+/refs/tags/" + tag +
              "/net/data/ssl/chrome_root_store/root_store.textproto): trustready data import "
              "chrome root_store.textproto --date DATE --source chromium@" + tag +
              ", then name the snapshot for that release in the chromium client's root_stores of " + DataDir() +
              "/clients/clients.json";
      parts.push_back(std::move(p));
    }
    std::string because = "default (its own root store)";
    std::string home = env_.Get("HOME");
    if (!home.empty() && fs_.IsFile(home + "/.pki/nssdb/cert9.db")) {
      parts.push_back(Part(StorePartKind::kNss, home + "/.pki/nssdb", "user NSS database"));
      because += " + roots trusted in ~/.pki/nssdb";
    }
    std::string instance = bin.empty() ? "chromium" : bin;
    if (!version.empty()) instance += " (" + version + ")";
    Use(parts, "Chrome Root Store + NSS database", {"chromium", because, instance});
  }

  void Nss(bool asked) {
    auto dbs = NssDatabases();
    if (dbs.empty() && asked) out_->notes.push_back("nss: no NSS database found");
    for (const auto& db : dbs) Use({Part(StorePartKind::kNss, db, "database")}, "NSS database", {"nss", "NSS database " + db, db});
  }

  const ClientEnvironment& env_;
  Fs fs_;
  const ClientCatalog& catalog_;
  const ResolveOptions& options_;
  ClientResolution* out_;
  std::string system_openssl_dir_;
};

}  // namespace

const ClientInfo* ClientCatalog::Find(const std::string& name) const {
  for (const auto& c : clients) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Result<ClientCatalog> LoadClientCatalog(const std::string& path_in) {
  const std::string path = path_in.empty() ? DataDir() + "/clients/clients.json" : path_in;
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  auto bad = [&](const std::string& why) { return MakeError(ErrorKind::kFormat, path + ": " + why); };
  if (!j.is_object() || !j.contains("clients") || !j["clients"].is_array() || !j.contains("behaviors") ||
      !j["behaviors"].is_object()) {
    return bad("needs 'behaviors' (object) and 'clients' (array)");
  }
  ClientCatalog cat;
  for (auto& [name, b] : j["behaviors"].items()) {
    if (!b.is_object()) return bad("behavior '" + name + "' is not an object");
    ClientBehaviorInfo info;
    info.name = name;
    info.description = b.value("description", "");
    info.tested = b.value("tested", false);
    ClientBehavior& cb = info.behavior;
    cb.fetch_aia = b.value("fetch_aia", false);
    cb.enforce_anchor_expiry = b.value("enforce_anchor_expiry", true);
    cb.min_rsa_bits = b.value("min_rsa_bits", 0);
    cb.check_anchor_key = b.value("check_anchor_key", false);
    cb.require_self_signed_anchor = b.value("require_self_signed_anchor", false);
    std::string sha1 = b.value("sha1", "refuse");
    if (sha1 == "refuse") {
      cb.sha1 = Sha1Policy::kRefuse;
    } else if (sha1 == "allow") {
      cb.sha1 = Sha1Policy::kAllow;
    } else if (sha1 == "refuse-under-builtin-anchors") {
      cb.sha1 = Sha1Policy::kRefuseUnderBuiltinAnchors;
    } else {
      return bad("behavior '" + name + "': sha1 must be refuse, allow or refuse-under-builtin-anchors");
    }
    cat.behaviors[name] = std::move(info);
  }
  for (const auto& c : j["clients"]) {
    ClientInfo info;
    info.name = c.value("name", "");
    info.title = c.value("title", "");
    info.behavior = c.value("behavior", "");
    info.notes = c.value("notes", "");
    if (info.name.empty() || !cat.behaviors.count(info.behavior)) {
      return bad("client '" + info.name + "' needs a name and a known behavior");
    }
    if (c.contains("root_stores")) {
      // [{"releases": "130" or "130-131", "snapshot": "chrome:17", "source": "..."}]
      if (!c["root_stores"].is_array()) return bad("client '" + info.name + "': root_stores must be an array");
      for (const auto& r : c["root_stores"]) {
        ClientInfo::VersionedSnapshot v;
        const std::string releases = r.is_object() ? r.value("releases", "") : "";
        v.snapshot = r.is_object() ? r.value("snapshot", "") : "";
        v.source = r.is_object() ? r.value("source", "") : "";
        static const std::regex kRange(R"((\d{1,4})(?:-(\d{1,4}))?)");
        std::smatch m;
        if (!std::regex_match(releases, m, kRange) || v.snapshot.empty() || v.source.empty()) {
          return bad("client '" + info.name + "': each root_stores entry needs releases (N or N-M), snapshot and source");
        }
        v.first_major = std::stoi(m.str(1));
        v.last_major = m[2].matched ? std::stoi(m.str(2)) : v.first_major;
        if (v.last_major < v.first_major) return bad("client '" + info.name + "': root_stores releases " + releases + " is empty");
        info.root_stores.push_back(std::move(v));
      }
    }
    cat.clients.push_back(std::move(info));
  }
  return cat;
}

Result<ClientResolution> ResolveClients(const ClientEnvironment& env, const ResolveOptions& options) {
  auto catalog = LoadClientCatalog(options.catalog_path);
  if (!catalog.ok()) return catalog.error();
  if (!options.client.empty() && !catalog->Find(options.client)) {
    std::string names;
    for (const auto& c : catalog->clients) names += (names.empty() ? "" : ", ") + c.name;
    return MakeError(ErrorKind::kInvalidArgument, "unknown client '" + options.client + "' (known: " + names + ")");
  }
  if (!env.root.empty()) {
    auto r = CheckDiscoveryRoot(env.root);
    if (!r.ok()) return r.error();
  }
  ClientResolution out;
  out.environment = env;
  if (!env.root.empty()) out.environment.run_programs = false;
  Resolver(out.environment, *catalog, options, &out).Run();
  return out;
}

Result<ClientBehavior> BehaviorForUse(const ClientCatalog& catalog, const ClientUse& use, const ResolvedStore& store) {
  auto it = catalog.behaviors.find(use.behavior);
  if (it == catalog.behaviors.end()) {
    return MakeError(ErrorKind::kInvalidArgument, "client_data.behavior_missing", use.client + ": no behaviour '" + use.behavior + "' in the client data");
  }
  ClientBehavior b = it->second.behavior;
  if (b.sha1 == Sha1Policy::kRefuseUnderBuiltinAnchors) {
    if (use.builtin_anchors.empty()) {
      b.sha1 = Sha1Policy::kRefuse;
    } else {
      ResolvedStore builtin;
      builtin.root = store.root;
      StorePart part;
      part.kind = StorePartKind::kKeystore;
      part.location = use.builtin_anchors;
      builtin.parts.push_back(part);
      builtin.description = "the JDK's cacerts";
      auto s = OpenResolvedStore(builtin);
      if (!s.ok()) {
        // Without knowing the JDK's anchors, refuse SHA-1 everywhere: never
        // more lenient than the client.
        b.sha1 = Sha1Policy::kRefuse;
      } else {
        auto keys = std::make_shared<std::vector<Sha256>>();
        for (const auto& a : s->anchors()) keys->push_back(a.cert->sha256());
        b.builtin_anchors = std::move(keys);
      }
    }
  }
  if (use.client == "java") {
    // Java's caDistrustPolicies: the roots and cut-off of each policy the
    // JDK names come from the platform data (behaviors.json, "policy").
    auto data = LoadPlatformData();
    if (!data.ok()) return data.error();
    std::vector<std::string> names;
    std::string source;
    if (use.ca_distrust_policies) {
      names = *use.ca_distrust_policies;
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ",") + n;
      source = "jdk.security.caDistrustPolicies=" + list + " in " + use.ca_distrust_from;
    } else {
      for (const auto& rule : (*data)->distrust_rules)
        if (rule.platform == "openjdk" && !rule.policy.empty() &&
            std::find(names.begin(), names.end(), rule.policy) == names.end())
          names.push_back(rule.policy);
      source = "every jdk.security.caDistrustPolicies policy known, as " +
               (use.ca_distrust_from.empty() ? std::string("the JDK's java.security") : use.ca_distrust_from) +
               " could not be read";
    }
    auto after = std::make_shared<std::vector<std::pair<Sha256, UnixTime>>>();
    for (const auto& name : names) {
      bool known = false;
      for (const auto& rule : (*data)->distrust_rules) {
        if (rule.platform != "openjdk" || rule.policy != name) continue;
        known = true;
        for (const auto& fp : rule.roots) after->emplace_back(fp, rule.server_distrust_after);
      }
      if (!known) {
        return MakeError(ErrorKind::kInvalidArgument, "client_data.unknown_distrust_policy",
                         use.instance + ": " + use.ca_distrust_from + " sets jdk.security.caDistrustPolicies " + name +
                             ", a policy trustready's data does not describe (which roots, which cut-off): " +
                             "its answers for this JDK would miss it; update trustready's data");
      }
    }
    if (!after->empty()) {
      b.ca_distrust_after = std::move(after);
      b.ca_distrust_source = source;
    }
  }
  return b;
}

Result<ClientBehavior> BehaviorForStore(const ClientCatalog& catalog, const ResolvedStore& store) {
  if (store.used_by.empty()) return MakeError(ErrorKind::kInvalidArgument, store.description + ": used by no client");
  auto first = BehaviorForUse(catalog, store.used_by.front(), store);
  if (!first.ok()) return first.error();
  ClientBehavior b = std::move(first).value();
  auto merged = std::make_shared<std::vector<std::pair<Sha256, UnixTime>>>();
  if (b.ca_distrust_after) *merged = *b.ca_distrust_after;
  std::string source = b.ca_distrust_source;
  for (size_t i = 1; i < store.used_by.size(); ++i) {
    auto other = BehaviorForUse(catalog, store.used_by[i], store);
    if (!other.ok()) return other.error();
    if (!other->ca_distrust_after) continue;
    bool added = false;
    for (const auto& d : *other->ca_distrust_after) {
      if (std::find(merged->begin(), merged->end(), d) == merged->end()) {
        merged->push_back(d);
        added = true;
      }
    }
    if (added) source += (source.empty() ? "" : "; ") + other->ca_distrust_source;
  }
  if (!merged->empty()) {
    b.ca_distrust_after = std::move(merged);
    b.ca_distrust_source = source;
  }
  return b;
}

Result<ClientResolution> ResolveClientQuery(const ClientQuery& q) {
  auto env = ChooseEnvironment({.env_file = q.env_file, .pid = q.pid, .root = q.root});
  if (!env.ok()) return env.error();  // names the option
  auto r = ResolveClients(*env, {.client = q.client});
  if (!r.ok()) return NamedBy(r.error(), q.client.empty() ? "clients" : "--client " + q.client);
  return r;
}

}  // namespace trustready
