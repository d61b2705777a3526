// Importers: a platform's published root store, as its publisher ships it,
// turned into one snapshot of the data/ format (data/platforms/imported/
// NAME.json, read by LoadPlatformData). The project's own refresh is one
// `trustready data import` per source; users with internet do the same.
//
//   chrome    Chromium's net/data/ssl/chrome_root_store/root_store.textproto
//             (trust anchors by SHA-256, EV policy OIDs, ConstraintSets)
//   mozilla   NSS certdata.txt (server-auth trust; CKA_NSS_SERVER_DISTRUST_
//             AFTER as a notBefore distrust-after date)
//   jdk       a JDK cacerts keystore (JKS or PKCS#12), or OpenJDK's source
//             folder of roots (src/java.base/share/data/cacerts/)
//   android   an Android cacerts/ folder (system/ca-certificates/files)
//   ccadb     CCADB's CSV report of Mozilla's included roots with their PEM
//             (IncludedCACertificateReportPEMCSV): Websites trust bit,
//             "Distrust for TLS After Date"
//   apple     Apple's published "List of available trusted root
//             certificates" (HTML page, or its tables as Markdown): trusted
//             and blocked SHA-256 fingerprints
//   microsoft authroot.stl (the Windows root program's CTL, PKCS#7) with the
//             folder of root certificate files it names (<SHA1>.crt)
//
// Output is deterministic: fingerprints sorted, JSON keys sorted, one
// indentation, a final newline; the same input gives the same bytes.
#ifndef TRUSTREADY_IMPORTER_IMPORTER_H_
#define TRUSTREADY_IMPORTER_IMPORTER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/trust_store.h"

namespace trustready {

enum class ImportKind { kChrome, kMozilla, kJdk, kAndroid, kCcadb, kApple, kMicrosoft };
// "chrome", "mozilla", "jdk", "android", "ccadb", "apple", "microsoft"; nullopt for
// anything else.
std::optional<ImportKind> ParseImportKind(std::string_view name);

struct ImportOptions {
  std::string version;  // empty: from the source (Chrome's version_major) or an error
  std::string date;     // YYYY-MM-DD the source was published or fetched; required
  std::string source;   // where it came from ("chromium@<commit>"); required
  std::string certs_dir;  // microsoft: the folder of the certificate files
};

struct ImportedAnchor {
  Sha256 sha256{};
  std::vector<AnchorConstraintSet> constraints;
  std::vector<std::string> ev_policy_oids;
  std::optional<UnixTime> server_distrust_after;  // notBefore-based (Mozilla)
};

struct ImportedSnapshot {
  std::string platform, version, date, source;
  std::vector<Sha256> trusted;  // sorted
  std::vector<Sha256> blocked;  // sorted
  std::vector<ImportedAnchor> anchors;  // only anchors with attributes, sorted
  // Chrome: issuing CAs trusted directly (additional_certs with
  // tls_trust_anchor), sorted. Recorded, not used in path building: each is
  // issued by a trusted root of the same snapshot.
  std::vector<Sha256> intermediate_anchors;
  // Certificates the source carried (not Chrome's, which names them by
  // fingerprint only), for resolving against data/platforms/certs.der.
  std::vector<CertificatePtr> certificates;
};

// Parses Chromium's root store textproto (text format of
// chrome_root_store.RootStore): version_major, trust_anchors { sha256_hex
// ev_policy_oids constraints { sct_not_after_sec min_version
// max_version_exclusive } }, additional_certs (tls_trust_anchor ones into
// intermediate_anchors) and mtc_anchors (skipped: no certificate). Unknown
// fields, and unknown constraints, are errors naming the line, so a format
// change is noticed rather than silently dropped.
Result<ImportedSnapshot> ImportChromeTextproto(std::string_view text, const std::string& path,
                                               const ImportOptions& options);

// Reads PATH as KIND (the ccadb and apple readers are in import_lists.h,
// microsoft's in import_authroot.h).
Result<ImportedSnapshot> ImportPlatformStore(ImportKind kind, const std::string& path,
                                             const ImportOptions& options);

// `data import KIND PATH` as one call: the kind by name, the snapshot read,
// and how many of its trusted certificates the shipped certificates do not
// hold (such a snapshot could not be loaded). Errors name what failed:
// "unknown import kind ...", PATH, "data/platforms".
struct ImportRequest {
  std::string kind;  // ParseImportKind's names
  std::string path;
  ImportOptions options;
};
struct ImportRun {
  ImportedSnapshot snapshot;
  size_t missing = 0;  // trusted certificates not among the shipped ones
};
Result<ImportRun> ImportAgainstShippedData(const ImportRequest& request);

}  // namespace trustready

#endif  // TRUSTREADY_IMPORTER_IMPORTER_H_
