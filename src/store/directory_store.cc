// Directories of certificate files: OpenSSL hashed directories (c_rehash /
// `openssl rehash`), Debian's /etc/ssl/certs, Android's files/ folder.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "trustready/x509/pem.h"
#include "trustready/base/error_detail.h"
#include "trustready/store/directory_store.h"
#include "trustready/store/pem_store.h"
#include "trustready/store/root_path.h"

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

// A path as one shell word ('...' when it holds anything but [A-Za-z0-9/._+-]).
std::string ShellQuote(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/._+-=:,@", c) != nullptr);
  }
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

Result<TrustStore> ReadDirectoryStore(const std::string& path, const DirectoryReadOptions& options) {
  DIR* d = opendir(path.c_str());
  if (!d) {
    return IoError(path + ": cannot open directory", errno);
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    // A write in progress or killed (WriteFileAtomic's temporary files).
    if (n.front() == '.' && n.find(".trtmp.") != std::string::npos) continue;
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
  const std::set<std::string> present(names.begin(), names.end());
  // A container image unpacked or laid out on disk is not a store.
  if (present.count("oci-layout") && present.count("index.json")) {
    return MakeError(ErrorKind::kFormat, "store.container_image", shown_dir +
                                             ": an OCI image layout, not a trust store "
                                             "(judge the image's stores with `trustready check --image " +
                                             shown_dir + "`)");
  }
  if (present.count("manifest.json") && present.count("repositories")) {
    return MakeError(ErrorKind::kFormat, "store.container_image", shown_dir +
                                             ": an unpacked `docker save` archive, not a trust store "
                                             "(judge the image's stores with `trustready check --image " +
                                             shown_dir + "`)");
  }

  TrustStore store(shown_dir, StoreFormat::kDirectory, shown_dir);
  TrustStore unhashed;                // certificates seen only outside <hash>.N names
  std::vector<std::string> bundles;   // files holding several certificates
  size_t single_cert_files = 0;       // files `openssl rehash` would link
  // OpenSSL's by_dir lookup (crypto/x509/by_dir.c) tries <hash>.0,
  // <hash>.1, ... and stops at the first that is missing or does not load:
  // a bucket counts only up to its first gap.
  std::map<std::string, std::set<int>> buckets;  // hash -> indexes that load
  struct HashedFile {
    std::string name;
    TrustStore certs;
  };
  std::vector<HashedFile> hashed_files;
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
      return IoError(full, errno);
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
    if (IsHashLinkName(n) && pem) {
      // The CApath lookup loads PEM files only (X509_FILETYPE_PEM).
      buckets[n.substr(0, 8)].insert(std::stoi(n.substr(9)));
      hashed_files.push_back({n, std::move(one).value()});
      continue;
    }
    if (one->size() == 1 && pem) ++single_cert_files;
    if (one->size() > 1) bundles.push_back(source);
    for (const TrustAnchor& a : one->anchors()) unhashed.Add(a);
  }
  for (const HashedFile& f : hashed_files) {
    const std::string hash = f.name.substr(0, 8);
    const int index = std::stoi(f.name.substr(9));
    const std::set<int>& loaded = buckets[hash];
    bool reachable = true;
    for (int i = 0; i < index && reachable; ++i) reachable = loaded.count(i) > 0;
    for (const TrustAnchor& a : f.certs.anchors()) {
      // OpenSSL looks a certificate up by the hash of its subject; a file
      // under another hash (the directory was not rehashed after a change)
      // is never found. Android's folders name files by the old (MD5)
      // subject hash, which its lookup uses: either hash counts.
      char want[9], want_old[9];
      std::snprintf(want, sizeof(want), "%08x", a.cert->SubjectHash());
      std::snprintf(want_old, sizeof(want_old), "%08x", a.cert->SubjectHashOld());
      if (reachable && (hash == want || hash == want_old)) {
        // Named after the file a person recognises when there is one.
        const TrustAnchor* named = unhashed.FindBySha256(a.cert->sha256());
        store.Add(named != nullptr ? *named : a);
      } else {
        unhashed.Add(a);
      }
    }
  }
  // Certificates of the directory that no <hash>.N lookup finds: a bundle
  // or a file dropped in without `openssl rehash` / `update-ca-certificates`.
  size_t unseen = 0;
  for (const TrustAnchor& a : unhashed.anchors()) unseen += store.FindBySha256(a.cert->sha256()) ? 0 : 1;
  if (store.size() == 0 && unseen == 0) {
    return MakeError(ErrorKind::kNotCertificate, "store.directory_no_certificate", shown_dir + ": directory holds no certificate");
  }
  if (unseen > 0) {
    StoreNote note;
    note.id = "UNHASHED_DIRECTORY";
    note.message = shown_dir + ": " + std::to_string(unseen) +
                   (unseen == 1 ? " certificate is" : " certificates are") +
                   " in files without a <hash>.N name; OpenSSL's CApath lookup (SSL_CERT_DIR, -CApath) never "
                   "sees " + (unseen == 1 ? "it" : "them");
    if (single_cert_files > 0) {
      note.fix = "openssl rehash " + ShellQuote(shown_dir);
    } else if (!bundles.empty()) {
      // `openssl rehash` links files holding exactly one certificate.
      note.message += " (" + bundles.front() + " is a bundle: a CApath needs one certificate per file)";
    }
    store.AddNote(std::move(note));
  }
  return store;
}

}  // namespace trustready
