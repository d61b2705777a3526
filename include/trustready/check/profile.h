// Migration profiles: one CA migration described as data
// (data/profiles/<name>/profile.json plus certificates).
//
// A profile names the issuing CAs servers will use after the migration,
// grouped in hierarchies (one per root), the roots a client may trust to
// accept them, the cross-certificates that connect those roots, and the
// remediation text per kind of store. Readiness (check.h) is judged on the
// issuing CAs: they outlive any leaf.
//
// Files named in profile.json are relative to its directory. Everything a
// MigrationProfile holds is owned by it (CertificatePtr is shared).
#ifndef TRUSTREADY_PROFILE_H_
#define TRUSTREADY_PROFILE_H_

#include <map>
#include <string>
#include <vector>

#include "trustready/x509/certificate.h"
#include "trustready/base/result.h"

namespace trustready {

struct ProfileRoot {
  std::string id;     // "amazon-root-ca-1"
  std::string name;   // display name (default: the certificate's CN, O or OU)
  std::string file;   // absolute path of the PEM
  std::string alias;  // short file/keystore alias: "amazonrootca1"
  std::string note;   // "cross-signs Amazon Root CA 1-4"
  CertificatePtr cert;
};

struct ProfileCrossCertificate {
  std::string file;
  bool presented_by_servers = false;  // servers send it in their chains
  CertificatePtr cert;
};

struct ProfileHierarchy {
  std::string id;       // "rsa2048"
  std::string title;    // "RSA 2048 (Amazon Root CA 1)"
  std::string root_id;  // the root its issuing CAs are signed by
  bool required = true;
  std::vector<std::string> files;
  std::vector<CertificatePtr> issuing_cas;
};

struct MigrationProfile {
  std::string name;
  std::string title;
  std::string description;
  std::string dir;            // the profile's directory
  std::string manifest_path;  // .../profile.json
  std::vector<std::string> references;
  // "current" (the default) or "historical" (kept for old systems: the
  // migration it describes is over); the date its facts were checked and
  // where they come from (profile.json "status", "as_of", "source").
  std::string status = "current";
  std::string as_of, source;
  std::vector<ProfileRoot> roots;
  std::vector<ProfileCrossCertificate> cross_certificates;
  std::vector<ProfileHierarchy> hierarchies;
  // Store kind ("debian-system", "jks", "pem", ..., "any") -> command
  // templates. Placeholders: {root_file} {root_alias} {root_name} (a line
  // holding one is repeated per root to add), {store_path}, {store_name},
  // {first_ready}.
  std::map<std::string, std::vector<std::string>> remediation;
  std::vector<std::string> alternatives;

  const ProfileRoot* FindRoot(const std::string& id) const;
  // Every issuing CA and cross-certificate: the pool readiness builds from.
  std::vector<CertificatePtr> Pool() const;
};

// `name_or_path`: a built-in profile name (a folder of DataDir()/profiles),
// a profile directory, or a profile.json file. Errors name the file and
// the field.
Result<MigrationProfile> LoadProfile(const std::string& name_or_path);

// `serve --profile NAME`: only the built-in demo PKI can be served. A
// migration profile (`profiles list`) holds a real CA's certificates
// without its keys, so serving one would mean re-creating its shape (key
// types, cross-signs) with fresh keys, which is not done: naming one is an
// error that says so, rather than "unknown" or quietly serving the demo.
Status CheckServableProfile(const std::string& name);

// Built-in profiles, by name.
std::vector<std::string> ListProfiles();

// Builds a profile from a chain file (PEM bundle or DER): self-signed CAs
// become roots, CA certificates whose subject is also a root's become
// cross-certificates, the other CA certificates issuing CAs, grouped by the
// root they chain to within the file (plus `extra_roots`). Leaves are
// ignored. Writes profile.json and the certificates into `out_dir`
// (atomically per file; refuses a non-empty directory unless `force`).
struct ProfileFromChainOptions {
  std::string chain_file;
  std::vector<std::string> extra_roots;  // files with root certificates
  std::string name;                      // default: the directory name
  std::string title;
  std::string out_dir;
  bool force = false;
};
Result<MigrationProfile> CreateProfileFromChain(const ProfileFromChainOptions& options);

}  // namespace trustready

#endif  // TRUSTREADY_PROFILE_H_
