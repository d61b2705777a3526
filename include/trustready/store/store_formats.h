// Reading and writing trust stores in the formats clients use.
//
//   format     read  write  what
//   pem        yes   yes    PEM bundle; OpenSSL "TRUSTED CERTIFICATE" blocks
//                           carry trust settings (X509_CERT_AUX)
//   der        yes   -      one DER certificate
//   directory  yes   yes    a folder of certificate files (OpenSSL hashed
//                           directory, Android files/); written as a hashed
//                           directory whose link names match `openssl rehash`
//   jks        yes   yes    Java KeyStore (0xFEEDFEED, versions 1 and 2)
//   pkcs12     yes   yes    PKCS#12 (RFC 7292) via OpenSSL, with Oracle's
//                           trusted-key-usage attribute so Java trusts it
//   certdata   yes   -      Mozilla NSS certdata.txt
//
// Readers take bytes (or a directory path) and a `source` that names the
// input in every error message. They never throw; hostile input yields an
// Error. Stores returned own their certificates (CertificatePtr); nothing
// aliases the input bytes after return.
//
// What a format cannot represent is dropped on write and said here:
//   pem: distrust-after dates; jks: everything but presence (JKS has no trust
//   settings: every entry is trusted for all purposes; distrusted entries are
//   not written); pkcs12: purposes (as the trusted-key-usage OIDs), but not
//   distrust-after or explicit distrust (distrusted entries are not written).
#ifndef TRUSTREADY_STORE_FORMATS_H_
#define TRUSTREADY_STORE_FORMATS_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/der/parser.h"
#include "trustready/base/result.h"
#include "trustready/store/trust_store.h"

namespace trustready {

// StoreFormat and StoreFormatName are declared in trust_store.h.

// Guesses a file's format from its first bytes: JKS magic, a DER SEQUENCE
// holding a PKCS#12 PFX (version 3) or a certificate, certdata's
// "CKA_CLASS"/"BEGINDATA", or PEM text. kUnknown when none fits, and for
// every archive SniffArchive names (a tar holding PEM files is no bundle).
StoreFormat SniffStoreFormat(std::string_view bytes);
// "a tar archive", "a gzip-compressed file", "a zip archive", bzip2, xz,
// zstd: what an archive is, by its magic bytes; empty for anything else.
std::string_view SniffArchive(std::string_view bytes);

struct KeystoreReadOptions {
  // When given, the JKS SHA-1 integrity digest / PKCS#12 MAC is verified and
  // a mismatch is kBadPassword. When not given, JKS is read without checking
  // the digest and PKCS#12 is tried with the empty password.
  std::string password;
  bool password_given = false;
};

// --- readers -------------------------------------------------------------

Result<TrustStore> ReadPemStore(std::string_view text, const std::string& source);
Result<TrustStore> ReadDerStore(der::Input der, const std::string& source);
Result<TrustStore> ReadJksStore(der::Input bytes, const std::string& source,
                                const KeystoreReadOptions& options = {});
Result<TrustStore> ReadPkcs12Store(der::Input bytes, const std::string& source,
                                   const KeystoreReadOptions& options = {});
Result<TrustStore> ReadCertdataStore(std::string_view text, const std::string& source);

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

// The path on this machine of `path` as the system whose file tree is
// `root` sees it: every component resolved inside `root`, symbolic links
// included (an absolute target starts again at `root`, ".." stops at it),
// at most 40 links. Errors: kIo when a component is missing or a link loops.
Result<std::string> ResolveInRoot(const std::string& root, const std::string& path);
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

// "a certificate chain (LEAF and 2 issuers)" / "an end-entity certificate
// (LEAF)" when a PEM/DER store is really what a server sends (its first
// certificate is no CA and not self-issued, and the next, if any, issued
// it); empty otherwise. Store selection refuses such a path, naming it.
std::string DescribeChain(const TrustStore& store);

// Reads a file or directory, detecting the format.
Result<TrustStore> ReadStoreFile(const std::string& path,
                                 const KeystoreReadOptions& options = {});

// --- OpenSSL trust settings (crypto/x509/x_x509a.c) ---------------------
//
//   X509_CERT_AUX ::= SEQUENCE {
//       trust       SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//       reject  [0] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//       alias       UTF8String OPTIONAL,
//       keyid       OCTET STRING OPTIONAL,
//       other   [1] EXPLICIT SEQUENCE OF AlgorithmIdentifier OPTIONAL }
//
// Trust/reject OIDs are EKU purposes (anyExtendedKeyUsage = all).
struct OpenSslCertAux {
  TrustAttributes trust;
  std::string alias;
};
// An empty `aux` means "no trust settings": trusted for all purposes.
Result<OpenSslCertAux> ParseOpenSslCertAux(der::Input aux);
std::vector<uint8_t> EncodeOpenSslCertAux(const TrustAttributes& trust, std::string_view alias);

// --- writers ------------------------------------------------------------

struct PemWriteOptions {
  enum class Trust {
    kAuto,     // TRUSTED CERTIFICATE only for anchors whose trust is not
               // "all purposes" (what plain CERTIFICATE means to OpenSSL)
    kAlways,   // every anchor as TRUSTED CERTIFICATE
    kNever,    // plain CERTIFICATE blocks; trust settings dropped and
               // distrusted anchors left out
  };
  Trust trust = Trust::kAuto;
  bool comments = true;  // "# <display name>" line above each block
};
std::string WritePemStore(const TrustStore& store, const PemWriteOptions& options = {});

Result<std::vector<uint8_t>> WriteJksStore(const TrustStore& store, std::string_view password);
Result<std::vector<uint8_t>> WritePkcs12Store(const TrustStore& store, std::string_view password);

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

// Rewrites a JKS keystore with `remove` (trusted-cert entries by SHA-256)
// taken out and `add` appended, keeping every other entry's bytes (aliases,
// dates, key entries) as they were: removing and adding nothing reproduces
// the input exactly. The password must verify the existing digest; the new
// digest is computed with it. (The building block of `store add/remove`.)
Result<std::vector<uint8_t>> EditJksStore(der::Input bytes, const std::string& source,
                                          std::string_view password,
                                          const std::vector<TrustAnchor>& add,
                                          const std::set<Sha256>& remove);

// What WriteStoreFile wrote, and what the format could not carry.
struct StoreWriteSummary {
  StoreFormat format = StoreFormat::kUnknown;
  size_t written = 0;             // anchors in the written store
  size_t distrusted_dropped = 0;  // distrusted entries left out (no way to mark distrust)
  size_t purposes_widened = 0;    // anchors limited to some purposes, now trusted for all
  size_t dates_dropped = 0;       // anchors whose distrust-after dates were not written
};

// Writes `store` in `format` to `path` atomically. kDirectory writes a hashed
// directory. Only kPem, kDirectory, kJks and kPkcs12 are writable
// (kUnsupported otherwise).
Result<StoreWriteSummary> WriteStoreFile(const TrustStore& store, StoreFormat format, const std::string& path,
                                         std::string_view password);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_FORMATS_H_
