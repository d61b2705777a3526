// Changing a trust store in place, in its own format.
//
// Every edit is all-or-nothing: the store and the certificates are read and
// checked first, the new contents are built in memory and read back, the
// old file is copied to a backup that is never overwritten (FILE.bak on the
// first edit, so the original stays recoverable; FILE.bak.1, FILE.bak.2 ...
// after), and only then is the new file written to an exclusively created
// temporary file, fsynced and renamed over the old one, keeping its mode
// (WriteFileAtomic: no planted link is followed). Any bad
// input (unreadable store, wrong password, a certificate file that does not
// parse, a hash that is not in the store) leaves the store byte-for-byte
// unchanged and writes no backup.
//
// Formats: PEM bundles are edited as text (blocks appended or cut out; the
// rest of the file is untouched); JKS entries are appended or cut out with
// every other entry's bytes kept, and the digest recomputed; PKCS#12 files
// without private keys are rewritten. A DER file (one certificate) given
// certificates to add becomes a PEM bundle of its certificate and the new
// ones (the DER original is the backup). Removing from DER files, certdata.txt and stores
// that are not files (node, nss, platform snapshots) cannot be edited.
// Directories get a new PEM file plus its `openssl rehash` link per added
// certificate; removed files move to DIR.bak/ and the hash bucket is
// renumbered so that OpenSSL's hash.0, hash.1 ... lookup has no gap.
#ifndef TRUSTREADY_STORE_EDIT_H_
#define TRUSTREADY_STORE_EDIT_H_

#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

struct StoreEditOptions {
  // Keystore password. JKS and PKCS#12 edits need it to recompute the
  // integrity digest/MAC; when not given, Java's default "changeit" is
  // tried, and failing that the edit is refused.
  std::string password;
  bool password_given = false;
  bool backup = true;  // keep the previous contents (PATH.bak, then PATH.bak.N)
};

struct StoreEditResult {
  std::string path;     // the file or directory changed
  std::string format;
  size_t before = 0;    // anchors before and after
  size_t after = 0;
  std::vector<CertificatePtr> added;
  std::vector<CertificatePtr> already_present;
  std::vector<CertificatePtr> removed;
  std::string backup;   // the backup path, empty when nothing was written
};

Result<StoreEditResult> AddToStore(const std::string& path,
                                   const std::vector<std::string>& cert_files,
                                   const StoreEditOptions& options = {});
Result<StoreEditResult> RemoveFromStore(const std::string& path,
                                        const std::vector<Sha256>& sha256s,
                                        const StoreEditOptions& options = {});

// 64 hex digits (colons allowed) -> SHA-256.
Result<Sha256> ParseSha256Hex(std::string_view text);

// `store add|remove SPEC ITEM...` as one call: SPEC resolved to the file it
// names (EditableStorePath), then ITEMs (certificate files) added, or ITEMs
// (SHA-256s in hex) removed. Errors are named SPEC, or "SHA256" for an ITEM
// that is not a SHA-256 (checked before anything is written).
enum class StoreEdit { kAdd, kRemove };
Result<StoreEditResult> EditStore(const std::string& spec, StoreEdit edit, const std::vector<std::string>& items,
                                  const StoreEditOptions& options = {});

}  // namespace trustready

#endif  // TRUSTREADY_STORE_EDIT_H_
