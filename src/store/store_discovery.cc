// Discovery of the trust stores on this machine.
//
// Paths are those the distributions' ca-certificates packages and the
// runtimes document; the first that exists wins for each short name.
#include "trustready/store/store_discovery.h"

#include <cctype>
#include <dirent.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "trustready/x509/pem.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/root_path.h"
#include "trustready/store/run_program.h"
#include "trustready/store/store_file.h"

namespace trustready {

namespace {

// Which system's tools maintain a path: the system folder is looked for
// first among the folders of the system whose bundle was found, so that a
// RHEL or SUSE tree's /etc/ssl/certs (a link into their own folders) is not
// taken for Debian's, whose fix (/usr/local/share/ca-certificates) does
// nothing there.
enum class Family { kAny, kDebian, kRhel, kSuse };

struct Candidate {
  const char* path;
  const char* description;
  Family family = Family::kAny;
};

// OS bundles. Order matters only on machines that have several.
const Candidate kSystemBundles[] = {
    {"/etc/ssl/certs/ca-certificates.crt", "Debian/Ubuntu/Alpine system bundle", Family::kDebian},
    {"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "RHEL/Fedora system bundle", Family::kRhel},
    {"/etc/pki/tls/certs/ca-bundle.crt", "RHEL/Fedora system bundle (legacy path)", Family::kRhel},
    {"/var/lib/ca-certificates/ca-bundle.pem", "SUSE system bundle", Family::kSuse},
    {"/etc/ssl/ca-bundle.pem", "SUSE system bundle (legacy path)", Family::kSuse},
    {"/etc/ssl/cert.pem", "Alpine/BSD system bundle"},
};
const Candidate kSystemDirs[] = {
    {"/etc/ssl/certs", "OpenSSL hashed directory (Debian/Ubuntu/Alpine)", Family::kDebian},
    // update-ca-trust's hashed folder (Fedora's ca-certificates writes it
    // with `p11-kit extract --format=pem-directory-hash`).
    {"/etc/pki/ca-trust/extracted/pem/directory-hash", "OpenSSL hashed directory (RHEL/Fedora, update-ca-trust)",
     Family::kRhel},
    {"/etc/pki/tls/certs", "OpenSSL certificate directory (RHEL/Fedora)", Family::kRhel},
    // SUSE: /etc/ssl/certs links to pem/ (etc_ssl.run, pem-directory-hash).
    {"/var/lib/ca-certificates/pem", "OpenSSL hashed directory (SUSE; /etc/ssl/certs links to it)", Family::kSuse},
    {"/var/lib/ca-certificates/openssl", "OpenSSL hashed directory (SUSE)", Family::kSuse},
    {"/system/etc/security/cacerts", "Android system CA directory"},
};

bool IsFile(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
bool IsDir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
std::string RealPath(const std::string& p) {
  char buf[PATH_MAX];
  return ::realpath(p.c_str(), buf) ? std::string(buf) : p;
}
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}
std::vector<std::string> Glob(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  return out;
}
// Where discovery looks: this machine, or another system's file tree
// (DiscoveryOptions::root) whose paths are resolved inside it.
class Tree {
 public:
  explicit Tree(std::string root) : root_(std::move(root)) {}
  bool in_root() const { return !root_.empty(); }
  const std::string& root() const { return root_; }
  // The path on this machine of `logical`, if it exists there.
  std::optional<std::string> Find(const std::string& logical) const {
    if (!in_root()) return logical;
    auto r = ResolveInRoot(root_, logical);
    if (!r.ok()) return std::nullopt;
    return *r;
  }
  bool IsFileAt(const std::string& logical) const {
    auto h = Find(logical);
    return h && IsFile(*h);
  }
  bool IsDirAt(const std::string& logical) const {
    auto h = Find(logical);
    return h && IsDir(*h);
  }
  // Logical paths matching `pattern`, whose one wildcard component may
  // hold '*' ("/usr/lib/jvm/*/lib/security/cacerts"). On this machine the
  // C library's glob; in a root, the directory is listed inside the root
  // (a host glob would follow the image's absolute links out of it).
  std::vector<std::string> GlobAt(const std::string& pattern) const {
    if (!in_root()) return Glob(pattern);
    std::vector<std::string> out;
    size_t star = pattern.find('*');
    if (star == std::string::npos) {
      if (Find(pattern)) out.push_back(pattern);
      return out;
    }
    size_t begin = pattern.rfind('/', star);
    size_t end = pattern.find('/', star);
    std::string dir = pattern.substr(0, begin);
    std::string component = pattern.substr(begin + 1, (end == std::string::npos ? pattern.size() : end) - begin - 1);
    std::string rest = end == std::string::npos ? "" : pattern.substr(end);
    auto host_dir = Find(dir.empty() ? "/" : dir);
    if (!host_dir) return out;
    DIR* d = ::opendir(host_dir->c_str());
    if (!d) return out;
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != ".." && ::fnmatch(component.c_str(), n.c_str(), 0) == 0) names.push_back(n);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      std::string logical = dir + "/" + n + rest;
      if (Find(logical)) out.push_back(logical);
    }
    return out;
  }
  DiscoveredStore Make(std::string name, StoreFormat kind, const std::string& logical,
                       std::string description, std::string password = "") const {
    DiscoveredStore d{std::move(name), kind, logical, std::move(description), std::move(password), "", ""};
    if (in_root()) {
      d.root = root_;
      d.host_path = Find(logical).value_or("");  // informational; opening resolves again
    }
    return d;
  }

 private:
  std::string root_;
};

// The program's path if `name` is an executable on PATH.
std::string FindProgram(const std::string& name) {
  std::stringstream path(Env("PATH"));
  std::string dir;
  while (std::getline(path, dir, ':')) {
    if (dir.empty()) continue;
    std::string p = dir + "/" + name;
    if (::access(p.c_str(), X_OK) == 0 && IsFile(p)) return p;
  }
  return "";
}

StoreFormat KeystoreKind(const std::string& path) {
  // The first bytes say the format; the store itself is read once, later.
  auto bytes = ReadFileHead(path, 64);
  if (!bytes.ok()) return StoreFormat::kJks;
  StoreFormat f = SniffStoreFormat(*bytes);
  return f == StoreFormat::kPkcs12 || f == StoreFormat::kPem ? f : StoreFormat::kJks;
}

const char kNodeScript[] = "process.stdout.write(require('tls').rootCertificates.join('\\n'))";

// NSS trust flags (certutil -L): three comma-separated fields for SSL,
// S/MIME and code signing; 'C' trusted CA (server certificates in the SSL
// field), 'T' trusted CA for client certificates, 'p' prohibited.
TrustAttributes NssTrustFlags(const std::string& flags, bool* is_anchor) {
  TrustAttributes t;
  t.purposes = 0;
  std::vector<std::string> f(3);
  size_t i = 0;
  for (char c : flags) {
    if (c == ',') {
      if (++i >= 3) break;
    } else {
      f[i] += c;
    }
  }
  bool prohibited = false;
  if (f[0].find('C') != std::string::npos) t.purposes |= static_cast<uint8_t>(Purpose::kServerAuth);
  if (f[0].find('T') != std::string::npos) t.purposes |= static_cast<uint8_t>(Purpose::kClientAuth);
  if (f[1].find('C') != std::string::npos) t.purposes |= static_cast<uint8_t>(Purpose::kEmailProtection);
  if (f[2].find('C') != std::string::npos) t.purposes |= static_cast<uint8_t>(Purpose::kCodeSigning);
  for (const auto& x : f) prohibited = prohibited || x.find('p') != std::string::npos;
  t.distrusted = prohibited && t.purposes == 0;
  *is_anchor = t.purposes != 0 || t.distrusted;
  return t;
}

Result<TrustStore> OpenNss(const DiscoveredStore& d, int timeout) {
  std::string db = "sql:" + d.location;
  auto list = RunProgram({"certutil", "-L", "-d", db}, timeout);
  if (!list.ok()) return MakeError(ErrorKind::kIo, list.error().detail, d.location + ": " + list.error().message);
  TrustStore store(d.name, StoreFormat::kNss, d.location);
  std::istringstream in(*list);
  std::string line;
  bool header_done = false;
  while (std::getline(in, line)) {
    if (!header_done) {
      if (line.find("SSL,S/MIME,JAR/XPI") != std::string::npos) header_done = true;
      continue;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    size_t sp = line.find_last_of(' ');
    if (line.empty() || sp == std::string::npos) continue;
    std::string flags = line.substr(sp + 1);
    std::string nick = line.substr(0, line.find_last_not_of(' ', sp) + 1);
    bool anchor = false;
    TrustAttributes trust = NssTrustFlags(flags, &anchor);
    if (!anchor) continue;
    auto pem = RunProgram({"certutil", "-L", "-d", db, "-n", nick, "-a"}, timeout);
    if (!pem.ok()) return MakeError(ErrorKind::kIo, pem.error().detail, d.location + ": " + pem.error().message);
    auto certs = LoadCertificatesFromBytes(*pem, d.location + " (" + nick + ")");
    if (!certs.ok()) return certs.error();
    for (auto& c : *certs) store.Add({c.cert, trust, nick});
  }
  if (store.size() == 0) {
    return MakeError(ErrorKind::kNotCertificate, "nss.no_trusted_ca", d.location + ": NSS database has no trusted CA");
  }
  return store;
}

}  // namespace

bool IsDiscoveryName(const std::string& spec) {
  static const char* const kNames[] = {"system", "system-dir", "java", "node", "certifi",
                                       "nss", "ssl-cert-file", "ssl-cert-dir"};
  for (const char* n : kNames) {
    if (spec == n) return true;
  }
  if (spec.rfind("java:", 0) == 0) {
    // "java:25", "java:21.0.4", "java:latest", "java:all" name OpenJDK
    // platform snapshots (data/platforms); other labels are installed JVMs
    // ("java:java-17-openjdk-amd64", "java:jdk-21").
    const std::string v = spec.substr(5);
    const bool platform = v == "latest" || v == "all" || (!v.empty() && std::isdigit(static_cast<unsigned char>(v[0])));
    return !platform;
  }
  return spec.rfind("nss:", 0) == 0;
}

std::vector<DiscoveredStore> DiscoverStores(const DiscoveryOptions& options) {
  const Tree tree(options.root);
  std::vector<DiscoveredStore> out;
  Family family = Family::kAny;
  for (const auto& c : kSystemBundles) {
    if (tree.IsFileAt(c.path)) {
      out.push_back(tree.Make("system", StoreFormat::kPem, c.path, c.description));
      family = c.family;
      break;
    }
  }
  const Candidate* dir = nullptr;
  for (const auto& c : kSystemDirs) {
    if (family != Family::kAny && c.family == family && tree.IsDirAt(c.path)) {
      dir = &c;
      break;
    }
  }
  for (const auto& c : kSystemDirs) {
    if (dir == nullptr && tree.IsDirAt(c.path)) dir = &c;
  }
  if (dir != nullptr) out.push_back(tree.Make("system-dir", StoreFormat::kDirectory, dir->path, dir->description));
  // This shell's environment says nothing about another system's tree;
  // that system's own environment (an image's Env) does.
  if (tree.in_root()) {
    auto value = [&](const std::string& key) {
      std::string v;
      for (const auto& kv : options.env) {
        if (kv.size() > key.size() && kv.compare(0, key.size(), key) == 0 && kv[key.size()] == '=') {
          v = kv.substr(key.size() + 1);
        }
      }
      return v;
    };
    // Listed even when missing from the tree: OpenSSL then loads no roots
    // at all, and opening says so (an unknown store, never a skipped one).
    if (std::string f = value("SSL_CERT_FILE"); !f.empty()) {
      out.push_back(tree.Make("ssl-cert-file", StoreFormat::kPem, f, "$SSL_CERT_FILE (OpenSSL override, from the image's Env)"));
    }
    if (std::string dirs = value("SSL_CERT_DIR"); !dirs.empty()) {
      std::string first = dirs.substr(0, dirs.find(':'));
      out.push_back(tree.Make("ssl-cert-dir", StoreFormat::kDirectory, first, "$SSL_CERT_DIR (OpenSSL override, from the image's Env)"));
    }
  } else {
    if (std::string f = Env("SSL_CERT_FILE"); !f.empty()) {
      out.push_back({"ssl-cert-file", StoreFormat::kPem, f, "$SSL_CERT_FILE (OpenSSL override)", "", "", ""});
    }
    if (std::string dirs = Env("SSL_CERT_DIR"); !dirs.empty()) {
      // OpenSSL searches every directory of the list; we report the first
      // (the others are reachable by path).
      out.push_back({"ssl-cert-dir", StoreFormat::kDirectory, dirs.substr(0, dirs.find(':')),
                     "$SSL_CERT_DIR (OpenSSL override)", "", "", ""});
    }
  }

  // Java: JAVA_HOME first (what `java` on this shell uses), then the
  // distribution's shared cacerts, then every installed JVM.
  std::vector<std::pair<std::string, std::string>> java;  // logical path, label
  if (std::string jh = Env("JAVA_HOME"); !jh.empty() && !tree.in_root()) {
    for (const char* rel : {"/lib/security/cacerts", "/jre/lib/security/cacerts"}) {
      java.push_back({jh + rel, "$JAVA_HOME"});
    }
  }
  java.push_back({"/etc/ssl/certs/java/cacerts", "Debian/Ubuntu"});
  java.push_back({"/etc/pki/java/cacerts", "RHEL/Fedora"});
  java.push_back({"/var/lib/ca-certificates/java-cacerts", "SUSE"});
  java.push_back({"/etc/ssl/certs/java/cacerts.jks", "Alpine"});
  for (const char* pattern : {"/usr/lib/jvm/*/lib/security/cacerts",
                              "/usr/lib/jvm/*/jre/lib/security/cacerts",
                              "/opt/java/*/lib/security/cacerts"}) {
    for (const auto& p : tree.GlobAt(pattern)) {
      std::string jvm = p.substr(0, p.find("/lib/security/cacerts"));
      if (jvm.size() > 4 && jvm.compare(jvm.size() - 4, 4, "/jre") == 0) jvm.resize(jvm.size() - 4);
      java.push_back({p, jvm.substr(jvm.find_last_of('/') + 1)});
    }
  }
  std::set<std::string> seen;
  for (const auto& [path, label] : java) {
    auto host = tree.Find(path);
    if (!host || !IsFile(*host)) continue;
    if (!seen.insert(tree.in_root() ? *host : RealPath(path)).second) continue;
    bool first = true;
    for (const auto& d : out) first = first && d.name != "java";
    std::string name = first ? "java" : "java:" + label;
    out.push_back(tree.Make(name, KeystoreKind(*host), path, "Java cacerts (" + label + ")", "changeit"));
  }

  if (!tree.in_root()) {
    if (std::string node = FindProgram("node"); !node.empty()) {
      out.push_back({"node", StoreFormat::kNode, node + " -e \"" + kNodeScript + "\"",
                     "Node.js bundled root certificates", "", "", ""});
    }
    // certifi: ask the Python that `python3` runs; where it is not
    // installed the import fails and there is nothing to list.
    if (std::string py = FindProgram("python3"); !py.empty()) {
      auto where = RunProgram({py, "-c", "import certifi; print(certifi.where())"},
                              options.program_timeout_seconds);
      if (where.ok()) {
        std::string p = *where;
        while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
        if (IsFile(p)) out.push_back({"certifi", StoreFormat::kPem, p, "Python certifi bundle", "", "", ""});
      }
    }
  } else {
    // Nothing in an image is run: certifi is found where pip and the
    // distributions install it (Debian's links to the system bundle).
    for (const char* pattern : {"/usr/local/lib/python3*/site-packages/certifi/cacert.pem",
                                "/usr/lib/python3*/site-packages/certifi/cacert.pem",
                                "/usr/lib/python3/dist-packages/certifi/cacert.pem",
                                "/opt/venv/lib/python3*/site-packages/certifi/cacert.pem"}) {
      bool found = false;
      for (const auto& p : tree.GlobAt(pattern)) {
        if (!tree.IsFileAt(p)) continue;
        out.push_back(tree.Make("certifi", StoreFormat::kPem, p, "Python certifi bundle"));
        found = true;
        break;
      }
      if (found) break;
    }
  }
  std::vector<std::string> nss_dbs;
  if (tree.in_root()) {
    nss_dbs.push_back("/root/.pki/nssdb");
    for (const auto& p : tree.GlobAt("/home/*/.pki/nssdb")) nss_dbs.push_back(p);
  } else if (std::string home = Env("HOME"); !home.empty()) {
    nss_dbs.push_back(home + "/.pki/nssdb");
    for (const auto& p : Glob(home + "/.mozilla/firefox/*/cert9.db")) {
      nss_dbs.push_back(p.substr(0, p.size() - 9));
    }
  }
  nss_dbs.push_back("/etc/pki/nssdb");
  for (const auto& db : nss_dbs) {
    if (!tree.IsFileAt(db + "/cert9.db")) continue;
    bool first = true;
    for (const auto& d : out) first = first && d.name != "nss";
    out.push_back(tree.Make(first ? "nss" : "nss:" + db, StoreFormat::kNss, db, "NSS database"));
  }
  return out;
}

Result<StoreListing> ListStores(const DiscoveryOptions& options) {
  StoreListing out;
  out.root = options.root;
  if (!options.root.empty()) {
    if (auto root = CheckDiscoveryRoot(options.root); !root.ok()) return root.error();
  }
  for (auto& d : DiscoverStores(options)) {
    ListedStore l;
    auto s = OpenDiscoveredStore(d);
    if (s.ok()) {
      l.anchors = s->size();
    } else {
      l.error = s.error().ToString();
      l.failure = s.error();
    }
    l.store = std::move(d);
    out.stores.push_back(std::move(l));
  }
  return out;
}

std::string_view StoreKindName(StoreKind kind) {
  switch (kind) {
    case StoreKind::kDebianSystem: return "debian-system";
    case StoreKind::kRhelSystem: return "rhel-system";
    case StoreKind::kSuseSystem: return "suse-system";
    case StoreKind::kPem: return "pem";
    case StoreKind::kDer: return "der";
    case StoreKind::kDirectory: return "directory";
    case StoreKind::kJks: return "jks";
    case StoreKind::kPkcs12: return "pkcs12";
    case StoreKind::kNode: return "node";
    case StoreKind::kNodeExtra: return "node-extra";
    case StoreKind::kCertifi: return "certifi";
    case StoreKind::kNss: return "nss";
    case StoreKind::kPlatform: return "platform";
    case StoreKind::kClient: return "client";
    case StoreKind::kAny: break;
  }
  return "any";
}

Result<DiscoveredStore> StoreAtPathInRoot(const std::string& root, const std::string& path) {
  auto host = ResolveInRoot(root, path);
  if (!host.ok()) return host.error();
  const std::string logical = !path.empty() && path[0] == '/' ? path : "/" + path;
  // A folder holding cert9.db is an NSS database (certutil -d sql:DIR).
  if (IsDir(*host)) {
    return DiscoveredStore{path, IsFile(*host + "/cert9.db") ? StoreFormat::kNss : StoreFormat::kDirectory, logical, "", "", root, *host};
  }
  if (!IsFile(*host)) return MakeError(ErrorKind::kIo, root + ": " + logical + ": not a file or directory");
  return DiscoveredStore{path, StoreFormat::kUnknown, logical, "", "", root, *host};
}

Result<std::string> CheckDiscoveryRoot(const std::string& root) {
  if (!IsDir(root)) return MakeError(ErrorKind::kIo, root + ": not a directory (--root takes an unpacked file tree)");
  return root;
}

std::optional<DiscoveredStore> FindDiscoveredStore(const std::string& name,
                                                   const DiscoveryOptions& options) {
  for (auto& d : DiscoverStores(options)) {
    if (d.name == name) return d;
  }
  return std::nullopt;
}

Result<TrustStore> OpenDiscoveredStore(const DiscoveredStore& d, const StoreOpenOptions& options) {
  const int timeout = DiscoveryOptions{}.program_timeout_seconds;
  Result<TrustStore> store = MakeError(ErrorKind::kIo, d.name + ": not opened");
  if (d.kind == StoreFormat::kNode) {
    auto out = RunProgram({"node", "-e", kNodeScript}, timeout);
    if (!out.ok()) return MakeError(ErrorKind::kIo, out.error().detail, "node: " + out.error().message);
    auto pem = ReadPemStore(*out, "node (tls.rootCertificates)");
    if (!pem.ok()) return pem.error();
    TrustStore s(d.name, StoreFormat::kNode, d.location);
    for (const auto& a : pem->anchors()) s.Add(a);
    return s;
  }
  // In another file tree the path is resolved inside it again here (never
  // `location` itself, which names a file of this machine).
  std::string path = d.location;
  if (!d.root.empty()) {
    auto resolved = ResolveInRoot(d.root, d.location);
    if (!resolved.ok()) return resolved.error();
    path = *resolved;
  }
  if (d.kind == StoreFormat::kNss && !d.root.empty()) {
    // certutil opens the database's files itself and follows their links,
    // and an image's pkcs11.txt can name a module for it to load: it gets
    // a private copy of cert9.db (a regular file of the tree) and nothing
    // else of the image.
    std::string tmpl = (std::filesystem::temp_directory_path() / "trustready-nss-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return MakeError(ErrorKind::kIo, "cannot create a temporary directory for " + d.location);
    // cert9.db (the certificates and trust) is required; certutil also
    // wants key4.db to open the database. Both are SQLite data.
    for (const char* file : {"cert9.db", "key4.db"}) {
      auto db = ResolveInRoot(d.root, d.location + "/" + file);
      if (!db.ok() || !IsFile(*db)) {
        if (std::string(file) == "key4.db") continue;
        std::error_code ec;
        std::filesystem::remove_all(tmpl, ec);
        return MakeError(ErrorKind::kIo, "io.not_regular_file", d.location + "/" + file + ": not a regular file");
      }
      auto bytes = ReadFile(*db);
      if (!bytes.ok()) {
        std::error_code ec;
        std::filesystem::remove_all(tmpl, ec);
        return bytes.error();
      }
      std::ofstream out(tmpl + "/" + file, std::ios::binary);
      out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    }
    DiscoveredStore copy = d;
    copy.location = tmpl;
    store = OpenNss(copy, timeout);
    std::error_code ec;
    std::filesystem::remove_all(tmpl, ec);
    if (!store.ok()) {
      Error e = store.error();
      e.message = d.location + ": " + e.message;
      return e;
    }
  } else if (d.kind == StoreFormat::kNss) {
    store = OpenNss(d, timeout);
  } else if (d.kind == StoreFormat::kDirectory && !d.root.empty()) {
    DirectoryReadOptions dopt;
    dopt.root = d.root;
    dopt.logical_path = d.location;
    store = ReadDirectoryStore(path, dopt);
  } else {
    KeystoreReadOptions ko{options.password, options.password_given};
    if (!ko.password_given && !d.default_password.empty()) {
      ko = {d.default_password, true};
      store = ReadStoreFile(path, ko);
      // A store whose owner changed the password is still readable without
      // verifying its digest, as Java itself does when given no password.
      if (!store.ok() && store.error().kind == ErrorKind::kBadPassword) {
        store = ReadStoreFile(path, {});
      }
    } else {
      store = ReadStoreFile(path, ko);
    }
  }
  if (store.ok()) store->set_name(d.name);
  return store;
}

}  // namespace trustready
