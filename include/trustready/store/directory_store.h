// A folder of certificate files (OpenSSL hashed directory, Android
// files/), read as OpenSSL's CApath lookup sees it.
//
// Readers never throw; hostile input yields an Error whose message names
// the input (`source`). Stores returned own their certificates
// (CertificatePtr); nothing aliases the input bytes after return.
#ifndef TRUSTREADY_STORE_DIRECTORY_STORE_H_
#define TRUSTREADY_STORE_DIRECTORY_STORE_H_

#include <string>

#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

struct DirectoryReadOptions {
  // Files that hold no certificate (READMEs, CRLs, keys) are skipped when
  // true; a directory with no certificate at all is still an error.
  bool skip_non_certificates = true;
  // A directory inside another system's file tree (an unpacked container
  // image): `root` is that tree and `logical_path` the directory's path in
  // it. Entries, and the links they are (Debian's /etc/ssl/certs links to
  // /usr/share/ca-certificates/...), are then resolved inside `root` and
  // never reach this machine's files (ResolveInRoot).
  std::string root;
  std::string logical_path;
};

// A directory as OpenSSL's CApath lookup (crypto/x509/by_dir.c) sees it:
// only PEM files named `<hash>.N` count, N running 0, 1, ... up to the first
// missing or unloadable index, and each certificate only under its own
// subject hash (OpenSSL's, or the old MD5 one Android's files/ folders use).
// Certificates the lookup never finds (a bundle beside the links, files
// added without `openssl rehash`, a folder of PEM files with no links at
// all) are not anchors: the store says so in a note (UNHASHED_DIRECTORY)
// whose fix is `openssl rehash DIR` when that would link them. Such a folder
// is an empty store with that note, never an error. Not recursing; a
// directory with no certificate at all is an error (kNotCertificate), and
// so is an OCI image layout or an unpacked `docker save` archive (kFormat,
// pointing at `check --image`).
Result<TrustStore> ReadDirectoryStore(const std::string& path,
                                      const DirectoryReadOptions& options = {});

}  // namespace trustready

#endif  // TRUSTREADY_STORE_DIRECTORY_STORE_H_
