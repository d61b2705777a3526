// Directories of certificate files: OpenSSL hashed directories (c_rehash /
// `openssl rehash`), Debian's /etc/ssl/certs, Android's files/ folder.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "trustready/pem.h"
#include "trustready/store_formats.h"

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

  TrustStore store(path, "directory", path);
  for (const std::string& n : names) {
    std::string full = path + (path.empty() || path.back() == '/' ? "" : "/") + n;
    struct stat st;
    if (stat(full.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;  // dangling link: OpenSSL skips it too
      return MakeError(ErrorKind::kIo, full + ": " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) continue;  // subdirectories (Debian's java/)
    auto bytes = ReadFile(full);
    if (!bytes.ok()) return bytes.error();
    if (bytes->empty()) continue;
    std::string_view b = *bytes;
    bool pem = b.find("-----BEGIN") != std::string_view::npos;
    Result<TrustStore> one = pem ? ReadPemStore(b, full)
                                 : ReadDerStore(der::Input(b), full);
    if (!one.ok()) {
      // Non-certificate files (READMEs, CRLs, keys, binary junk) are
      // skipped: directories hold them. A PEM CERTIFICATE block that is
      // broken is not skipped: that is a damaged store.
      bool broken_cert = pem && one.error().kind != ErrorKind::kNotCertificate;
      if (broken_cert || !options.skip_non_certificates) {
        Error e = one.error();
        if (e.message.find(full) == std::string::npos) e.message = full + ": " + e.message;
        return e;
      }
      continue;
    }
    for (const TrustAnchor& a : one->anchors()) store.Add(a);
  }
  if (store.size() == 0) {
    return MakeError(ErrorKind::kNotCertificate, path + ": directory holds no certificate");
  }
  return store;
}

}  // namespace trustready
