// Trust stores: named sets of trust anchors with per-anchor trust attributes.
//
// A TrustStore owns CertificatePtrs (shared, immutable); lookups by
// normalised subject and by SPKI SHA-256 are hash-map lookups. Format readers
// and writers live in store/ (store_file.h, <format>_store.h); this header is the model
// every other module (verify, check, catalog) uses.
#ifndef TRUSTREADY_TRUST_STORE_H_
#define TRUSTREADY_TRUST_STORE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/x509/time.h"

namespace trustready {

// Where a store's anchors were read from. The names (StoreFormatName) are
// the JSON contract ("format" in store list/show/audit).
enum class StoreFormat {
  kUnknown,    // "unknown": not detected (or a path whose format is detected on open)
  kPem,        // "pem": PEM bundle (CERTIFICATE / TRUSTED CERTIFICATE)
  kDer,        // "der": one DER certificate
  kDirectory,  // "directory": a directory of PEM/DER files (hashed or not)
  kJks,        // "jks": Java KeyStore
  kJceks,      // "jceks": Sun JCE KeyStore
  kPkcs12,     // "pkcs12"
  kCertdata,   // "certdata": NSS certdata.txt
  kNss,        // "nss": an NSS database, read through certutil
  kNode,       // "node": Node.js's compiled-in roots
  kPlatform,   // "platform": a historical platform snapshot (data/platforms)
};
// "pem", "der", "directory", "jks", "jceks", "pkcs12", "certdata", "nss",
// "node", "platform", "unknown".
std::string_view StoreFormatName(StoreFormat format);
// The format a name above stands for; kUnknown for any other text.
StoreFormat ParseStoreFormatName(std::string_view name);

// Purposes an anchor is trusted for (bit set).
enum class Purpose : uint8_t {
  kServerAuth = 1 << 0,
  kClientAuth = 1 << 1,
  kEmailProtection = 1 << 2,
  kCodeSigning = 1 << 3,
};
inline constexpr uint8_t kAllPurposes = 0x0f;
std::string PurposeName(Purpose p);                    // "server-auth", ...
std::vector<std::string> PurposeNames(uint8_t purposes);

struct TrustAttributes {
  uint8_t purposes = kAllPurposes;   // what the anchor may be used for
  // Mozilla CKA_NSS_SERVER_DISTRUST_AFTER: leaves whose notBefore is after
  // this are not trusted through this anchor for server auth.
  std::optional<UnixTime> server_distrust_after;
  std::optional<UnixTime> email_distrust_after;
  // Explicitly distrusted (blocked): never an anchor, and a path through this
  // certificate anywhere fails with DISTRUSTED.
  bool distrusted = false;
  // Client quirk: the anchor's own notAfter is not enforced (Android < 7.1.1).
  bool ignore_anchor_expiry = false;
  // Chrome Root Store constraint (sct_not_after_sec): for server auth the
  // leaf must carry an embedded SCT whose timestamp is not after this (see
  // verify's platform_constraints.h). Unset: no SCT constraint.
  std::optional<UnixTime> sct_not_after;

  bool operator==(const TrustAttributes&) const = default;
  bool Trusts(Purpose p) const { return !distrusted && (purposes & static_cast<uint8_t>(p)); }
};

struct TrustAnchor {
  CertificatePtr cert;
  TrustAttributes trust;
  std::string source;  // file path, "alias" in a keystore, certdata label...
};

using Sha256 = std::array<uint8_t, 32>;
struct Sha256Hash {
  size_t operator()(const Sha256& h) const {
    size_t v;
    static_assert(sizeof(v) <= 32);
    __builtin_memcpy(&v, h.data(), sizeof(v));
    return v;
  }
};

// Something a reader saw but did not count as anchors, and what to run so
// that clients see it: certificates in a directory without the `<hash>.N`
// names OpenSSL's CApath lookup uses ("openssl rehash DIR"). A store with
// notes is judged on its anchors only; the notes explain an empty or short
// store and put their fix first.
struct StoreNote {
  std::string id;       // stable name: "UNHASHED_DIRECTORY"
  std::string message;  // one line, naming the store
  std::string fix;      // a command that works when pasted, or empty
};

class TrustStore {
 public:
  TrustStore() = default;
  TrustStore(std::string name, StoreFormat format, std::string source)
      : name_(std::move(name)), format_(format), source_(std::move(source)) {}

  const std::string& name() const { return name_; }
  StoreFormat format() const { return format_; }
  std::string_view format_name() const { return StoreFormatName(format_); }
  const std::string& source() const { return source_; }   // path or description
  void set_name(std::string n) { name_ = std::move(n); }

  // Adds an anchor; a certificate already present (same SHA-256) is merged:
  // purposes OR-ed, distrust wins. Returns false when it was a duplicate.
  bool Add(TrustAnchor anchor);
  bool Remove(const Sha256& sha256);

  const std::vector<TrustAnchor>& anchors() const { return anchors_; }
  const std::vector<StoreNote>& notes() const { return notes_; }
  void AddNote(StoreNote note) { notes_.push_back(std::move(note)); }
  // Keystores (JKS/JCEKS/PKCS#12): the alias of every entry as read, key
  // entries and a certificate's second alias included (anchors() keeps one
  // source per certificate), so that a fix adding an entry can pick an
  // alias keytool will not refuse. Empty for formats without aliases.
  const std::vector<std::string>& entry_aliases() const { return entry_aliases_; }
  void AddEntryAlias(std::string alias) { entry_aliases_.push_back(std::move(alias)); }
  size_t size() const { return anchors_.size(); }

  const TrustAnchor* FindBySha256(const Sha256& sha256) const;
  // Anchors whose normalised subject equals `normalized_subject`.
  std::vector<const TrustAnchor*> FindBySubject(const std::string& normalized_subject) const;
  std::vector<const TrustAnchor*> FindBySpki(const Sha256& spki_sha256) const;

 private:
  void Reindex();
  std::string name_;
  StoreFormat format_ = StoreFormat::kUnknown;
  std::string source_;
  std::vector<TrustAnchor> anchors_;
  std::vector<StoreNote> notes_;
  std::vector<std::string> entry_aliases_;
  std::unordered_map<Sha256, size_t, Sha256Hash> by_sha256_;
  std::unordered_multimap<std::string, size_t> by_subject_;
  std::unordered_multimap<Sha256, size_t, Sha256Hash> by_spki_;
};

}  // namespace trustready

#endif  // TRUSTREADY_TRUST_STORE_H_
