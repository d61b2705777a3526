// The catalog of CA operators (data/catalog/<operator>/): each operator's
// root certificates (roots/*.pem), its facts (operator.json: legal name,
// headquarters, cross-signs, audits, Certificate Transparency practice,
// incidents) and a README.md generated from both plus the platform store
// data (which root programs include each root, derived, not typed in).
//
// Everything a README says about a certificate (OpenSSL hash file name,
// key, validity, fingerprint) is computed from the certificate here, so
// LintCatalog can insist that README and certificates agree.
#ifndef TRUSTREADY_CATALOG_H_
#define TRUSTREADY_CATALOG_H_

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/store/platform_stores.h"
#include "trustready/base/result.h"

namespace trustready {

struct CatalogRoot {
  CertificatePtr cert;
  std::string file;         // path relative to the operator folder ("roots/X.pem")
  std::string name;         // CN, or OU when the CN only repeats the O
  std::string hash_file;    // OpenSSL c_rehash name: "ce5e74ef.0" (".1" on collision)
  std::string key;          // "RSA 2048", "ECC P-256"
  std::string valid_until;  // notAfter, YYYY-MM-DD
  std::string sha256_colon; // "8E:CD:E6:..."
};

struct CatalogOperator {
  std::string id;    // folder name: "amazon-trust-services"
  std::string dir;   // absolute folder path
  std::string name;  // operator.json "operator"
  std::string legal_name;    // operator.json "legal_name"
  std::string headquarters;  // operator.json "headquarters"
  // operator.json as read (a JSON object; shared, immutable). Only the
  // catalog and its renderer (report/catalog_report) look inside.
  std::shared_ptr<const nlohmann::json> metadata;
  std::vector<CatalogRoot> roots;  // sorted by name, then notBefore
};

struct Catalog {
  std::string dir;
  std::vector<CatalogOperator> operators;  // sorted by id
};

// Reads every operator folder under `dir` (default DataDir()/catalog).
// Errors name the file: unreadable operator.json, a PEM that is not exactly
// one certificate.
Result<Catalog> LoadCatalog(const std::string& dir = "");

// An operator by folder name, or by a case-insensitive prefix of its folder
// name or operator name ("amazon", "Let's" does not match "isrg": use ids).
// Ambiguous or unknown queries are errors listing the candidates.
Result<const CatalogOperator*> FindOperator(const Catalog& catalog, const std::string& query);

// Where the platform data has a root, by platform: first and last snapshot
// that trusts it and whether the newest snapshot of the platform does.
struct ProgramInclusion {
  std::string platform;
  std::string first_version, first_date;
  std::string last_version, last_date;
  bool in_latest = false;
  bool blocked_in_latest = false;
  size_t snapshots = 0;  // how many snapshots trust it
};
std::vector<ProgramInclusion> RootPrograms(const PlatformData& data, const Certificate& root);

// The README of an operator folder (GitHub-flavoured Markdown), a pure
// function of the certificates, operator.json and the platform data.
std::string RenderOperatorMarkdown(const CatalogOperator& op, const PlatformData& platforms);

struct LintIssue {
  std::string path;     // file the problem is in
  std::string message;  // what disagrees
};
// Checks every folder: README.md equals its rendering, operator.json
// required fields, claims about roots in operator.json ("roots": name,
// openssl_hash, key, valid_until, sha256) match the certificates, PEMs are
// self-issued. With `write`, README.md files are regenerated first
// (atomically) and only the remaining problems are returned.
std::vector<LintIssue> LintCatalog(const Catalog& catalog, const PlatformData& platforms,
                                   bool write = false);

// Which operator a certificate belongs to: a catalog root itself, a
// certificate with a catalog root's key (a cross-signed root), or one that
// chains up to a catalog root through `pool` (other certificates the user
// gave, then the platform data's certificates). Issuers are matched by
// normalised name and, when both sides have them, AKI/SKI; each link's
// signature is verified.
// How a certificate belongs to a catalog root.
enum class CatalogRelation {
  kRoot,     // "root": it is the root
  kSameKey,  // "same-key": same SPKI as the root (a cross-signed or re-issued root)
  kChain,    // "chain": issued, directly or through WhichResult::path, by the root
};
std::string_view CatalogRelationName(CatalogRelation relation);

struct WhichResult {
  const CatalogOperator* op = nullptr;
  const CatalogRoot* root = nullptr;
  CatalogRelation relation = CatalogRelation::kChain;
  std::vector<CertificatePtr> path;  // target first, catalog root last
  bool signatures_verified = false;
};
std::optional<WhichResult> CatalogWhich(const Catalog& catalog, const CertificatePtr& cert,
                                        const std::vector<CertificatePtr>& pool);
// `catalog which`: `chain` as the user gives it (the certificate first, then
// intermediates; not empty), with the platform data's certificates added to
// the pool.
std::optional<WhichResult> CatalogWhich(const Catalog& catalog, const std::vector<CertificatePtr>& chain,
                                        const PlatformData& platforms);

}  // namespace trustready

#endif  // TRUSTREADY_CATALOG_H_
