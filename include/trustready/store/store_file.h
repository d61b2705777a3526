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
// This header reads and writes a store file of any of them (the format
// sniffed on read); each format's own reader and writer is in
// <format>_store.h (hashed_dir.h for writing a directory).
#ifndef TRUSTREADY_STORE_STORE_FILE_H_
#define TRUSTREADY_STORE_STORE_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "trustready/base/result.h"
#include "trustready/store/keystore_options.h"
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

// "a certificate chain (LEAF and 2 issuers)" / "an end-entity certificate
// (LEAF)" when a PEM/DER store is really what a server sends (its first
// certificate is no CA and not self-issued, and the next, if any, issued
// it); empty otherwise. Store selection refuses such a path, naming it.
std::string DescribeChain(const TrustStore& store);

// Reads a file or directory, detecting the format.
Result<TrustStore> ReadStoreFile(const std::string& path,
                                 const KeystoreReadOptions& options = {});

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
// The writable formats by their `store export --format` names: "pem",
// "hashed-dir" (kDirectory), "jks", "pkcs12"; kUnknown for any other text.
StoreFormat ParseExportFormatName(std::string_view name);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_STORE_FILE_H_
