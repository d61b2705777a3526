// Writing a hashed directory whose link names match `openssl rehash`.
#ifndef TRUSTREADY_STORE_HASHED_DIR_H_
#define TRUSTREADY_STORE_HASHED_DIR_H_

#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

// The files a hashed directory export holds: `file` is the certificate file
// (PEM), `link` its `openssl rehash` name (hash.N), pointing at `file`.
struct HashedDirEntry {
  const TrustAnchor* anchor = nullptr;
  std::string file;
  std::string link;
};
// Names in the order `openssl rehash` assigns collision numbers: files are
// visited in strcmp order of their names and each subject-hash bucket is
// numbered 0, 1, ... in that order. Distrusted anchors are left out (a
// hashed directory has no way to say "not trusted").
std::vector<HashedDirEntry> HashedDirLayout(const TrustStore& store);
// Writes the layout into `dir`, which must not exist or be empty: files are
// written to `dir`.tmp-XXXX and renamed into place as a whole.
Status WriteHashedDirStore(const TrustStore& store, const std::string& dir);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_HASHED_DIR_H_
