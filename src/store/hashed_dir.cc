// Writing OpenSSL hashed directories with the names `openssl rehash` gives.
//
// apps/rehash.c: the directory's file names are sorted (strcmp), each file
// holding exactly one certificate is hashed with X509_subject_name_hash,
// and entries are appended to their hash bucket in that order; links are
// then numbered hash.0, hash.1, ... per bucket in bucket order. We write one
// PEM file per anchor and assign numbers the same way, so that running
// `openssl rehash` over the written directory changes nothing.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "trustready/x509/pem.h"
#include "trustready/base/strings.h"
#include "trustready/store/hashed_dir.h"

namespace trustready {

namespace {

Status WriteFileSynced(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return MakeError(ErrorKind::kIo, path + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return MakeError(ErrorKind::kIo, path + ": " + std::strerror(e));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return MakeError(ErrorKind::kIo, path + ": " + std::strerror(errno));
  }
  return {};
}

void RemoveTree(const std::string& dir, const std::vector<std::string>& names) {
  for (const auto& n : names) ::unlink((dir + "/" + n).c_str());
  ::rmdir(dir.c_str());
}

}  // namespace

std::vector<HashedDirEntry> HashedDirLayout(const TrustStore& store) {
  std::vector<HashedDirEntry> entries;
  std::set<std::string> used;
  for (const TrustAnchor& a : store.anchors()) {
    if (a.trust.distrusted) continue;
    std::string stem = FileStem(a.cert->DisplayName(), a.cert->Sha256Hex().substr(0, 16));
    std::string file = stem + ".pem";
    if (used.count(file)) file = stem + "_" + a.cert->Sha256Hex().substr(0, 8) + ".pem";
    used.insert(file);
    entries.push_back({&a, file, ""});
  }
  std::sort(entries.begin(), entries.end(), [](const HashedDirEntry& x, const HashedDirEntry& y) {
    return std::strcmp(x.file.c_str(), y.file.c_str()) < 0;
  });
  std::map<uint32_t, int> next;
  for (HashedDirEntry& e : entries) {
    uint32_t h = e.anchor->cert->SubjectHash();
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%08x.%d", h, next[h]++);
    e.link = buf;
  }
  return entries;
}

Status WriteHashedDirStore(const TrustStore& store, const std::string& dir) {
  struct stat st;
  bool exists = ::stat(dir.c_str(), &st) == 0;
  if (exists) {
    if (!S_ISDIR(st.st_mode)) {
      return MakeError(ErrorKind::kIo, dir + ": exists and is not a directory");
    }
    // rename(2) replaces an empty directory and refuses a non-empty one;
    // check first so that nothing is written for a refused target.
    DIR* d = ::opendir(dir.c_str());
    if (!d) return MakeError(ErrorKind::kIo, dir + ": " + std::strerror(errno));
    bool empty = true;
    while (dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) empty = false;
    }
    ::closedir(d);
    if (!empty) return MakeError(ErrorKind::kIo, dir + ": directory is not empty");
  }
  std::string tmpl = dir;
  while (tmpl.size() > 1 && tmpl.back() == '/') tmpl.pop_back();
  tmpl += ".tmp-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) {
    return MakeError(ErrorKind::kIo, dir + ": cannot create temporary directory: " +
                                         std::strerror(errno));
  }
  std::string tmp(buf.data());
  std::vector<std::string> written;
  auto entries = HashedDirLayout(store);
  for (const HashedDirEntry& e : entries) {
    Status s = WriteFileSynced(tmp + "/" + e.file, EncodePem("CERTIFICATE", e.anchor->cert->der()));
    if (!s.ok()) {
      RemoveTree(tmp, written);
      return s;
    }
    written.push_back(e.file);
    if (::symlink(e.file.c_str(), (tmp + "/" + e.link).c_str()) != 0) {
      Error err = MakeError(ErrorKind::kIo, tmp + "/" + e.link + ": " + std::strerror(errno));
      RemoveTree(tmp, written);
      return err;
    }
    written.push_back(e.link);
  }
  ::chmod(tmp.c_str(), 0755);
  if (::rename(tmp.c_str(), dir.c_str()) != 0) {
    Error err = MakeError(ErrorKind::kIo, dir + ": " + std::strerror(errno));
    RemoveTree(tmp, written);
    return err;
  }
  return {};
}

}  // namespace trustready
