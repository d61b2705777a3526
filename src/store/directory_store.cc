// Directories of certificate files: OpenSSL hashed directories (c_rehash /
// `openssl rehash`), Debian's /etc/ssl/certs, Android's files/ folder.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "trustready/x509/pem.h"
#include "trustready/store/store_formats.h"

namespace trustready {

namespace {

// "xxxxxxxx.N" (certificates) as `openssl rehash` names them; "xxxxxxxx.rN"
// are CRLs.
bool IsHashLinkName(const std::string& name) {
  if (name.size() < 10 || name[8] != '.') return false;
  for (size_t i = 0; i < 8; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  for (size_t i = 9; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

}  // namespace

Result<TrustStore> ReadDirectoryStore(const std::string& path, const DirectoryReadOptions& options) {
  DIR* d = opendir(path.c_str());
  if (!d) {
    return MakeError(ErrorKind::kIo, path + ": cannot open directory: " + std::strerror(errno));
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    names.push_back(std::move(n));
  }
  closedir(d);
  // Named files first, hash links last: an anchor's source is then the
  // file a person would recognise, not its xxxxxxxx.0 alias.
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    bool ha = IsHashLinkName(a), hb = IsHashLinkName(b);
    if (ha != hb) return hb;
    return a < b;
  });

  const bool in_root = !options.root.empty();
  const std::string& shown_dir = in_root ? options.logical_path : path;
  TrustStore store(shown_dir, StoreFormat::kDirectory, shown_dir);
  std::set<Sha256> hashed;  // certificates OpenSSL finds by subject hash
  for (const std::string& n : names) {
    std::string full = path + (path.empty() || path.back() == '/' ? "" : "/") + n;
    if (in_root) {
      // Resolve the entry (a link, usually) inside the image's tree; a
      // link that leads nowhere there is dangling, whatever this machine has.
      auto resolved = ResolveInRoot(options.root, shown_dir + "/" + n);
      if (!resolved.ok()) continue;
      full = *resolved;
    }
    struct stat st;
    if (stat(full.c_str(), &st) != 0) {
      // A dangling or looping link: OpenSSL's lookup skips it too.
      if (errno == ENOENT || errno == ELOOP || errno == ENOTDIR) continue;
      return MakeError(ErrorKind::kIo, full + ": " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) continue;  // subdirectories (Debian's java/)
    auto bytes = ReadFile(full);
    if (!bytes.ok()) return bytes.error();
    if (bytes->empty()) continue;
    std::string_view b = *bytes;
    bool pem = b.find("-----BEGIN") != std::string_view::npos;
    // Anchors are named as the directory's owner sees them.
    const std::string source = in_root ? shown_dir + "/" + n : full;
    Result<TrustStore> one = pem ? ReadPemStore(b, source)
                                 : ReadDerStore(der::Input(b), source);
    if (!one.ok()) {
      // Non-certificate files (READMEs, CRLs, keys, binary junk) are
      // skipped: directories hold them. A PEM CERTIFICATE block that is
      // broken is not skipped: that is a damaged store.
      bool broken_cert = pem && one.error().kind != ErrorKind::kNotCertificate;
      if (broken_cert || !options.skip_non_certificates) {
        Error e = one.error();
        if (e.message.find(source) == std::string::npos) e.message = source + ": " + e.message;
        return e;
      }
      continue;
    }
    if (IsHashLinkName(n)) {
      // OpenSSL looks a certificate up by the hash of its subject; a file
      // under another hash (the directory was not rehashed after a change)
      // is never found.
      // Android's folders name files by the old (MD5) subject hash, which
      // its lookup uses: either hash counts.
      char want[9], want_old[9];
      for (const TrustAnchor& a : one->anchors()) {
        std::snprintf(want, sizeof(want), "%08x", a.cert->SubjectHash());
        std::snprintf(want_old, sizeof(want_old), "%08x", a.cert->SubjectHashOld());
        if (n.compare(0, 8, want) == 0 || n.compare(0, 8, want_old) == 0) hashed.insert(a.cert->sha256());
      }
    }
    for (const TrustAnchor& a : one->anchors()) store.Add(a);
  }
  if (!hashed.empty()) {
    // A hashed directory is what OpenSSL's CApath lookup sees: only the
    // certificates reachable under their subject-hash names. A bundle or a
    // certificate file dropped in beside them without `openssl rehash` /
    // `update-ca-certificates` is not trusted by OpenSSL clients.
    std::vector<Sha256> unreachable;
    for (const TrustAnchor& a : store.anchors()) {
      if (!hashed.count(a.cert->sha256())) unreachable.push_back(a.cert->sha256());
    }
    for (const Sha256& h : unreachable) store.Remove(h);
  }
  if (store.size() == 0) {
    return MakeError(ErrorKind::kNotCertificate, shown_dir + ": directory holds no certificate");
  }
  return store;
}

}  // namespace trustready
