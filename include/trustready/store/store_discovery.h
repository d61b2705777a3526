// Finding the trust stores installed on this machine (`trustready store
// list`) and opening them by short name.
//
// Short names: system (the OS bundle), system-dir (the OS hashed
// directory), ssl-cert-file / ssl-cert-dir (OpenSSL's environment
// overrides), java (the first Java cacerts found; more as java:<jvm>),
// node (Node.js's compiled-in roots), certifi (Python certifi's bundle),
// nss (an NSS database; more as nss:<path>).
#ifndef TRUSTREADY_STORE_DISCOVERY_H_
#define TRUSTREADY_STORE_DISCOVERY_H_

#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/store_open.h"
#include "trustready/store/trust_store.h"

namespace trustready {

struct DiscoveredStore {
  std::string name;         // short name, usable wherever a store is expected
  // kPem, kDirectory, kJks, kPkcs12, kNode, kNss; kUnknown for a path
  // under --root whose format is detected when it is opened.
  StoreFormat kind = StoreFormat::kUnknown;
  std::string location;     // path, or the command that produces the store
  std::string description;  // "Debian/Ubuntu system bundle", ...
  // Java keystores: the password tried when the user gives none. Debian and
  // the JDKs ship cacerts with "changeit".
  std::string default_password;
  // Discovered under DiscoveryOptions::root: that root, and where the
  // store is on this machine (`location` is then its path in the image).
  std::string root;
  std::string host_path;
};

struct DiscoveryOptions {
  // Run `node` / `certutil` to read their stores. Discovery itself only
  // checks that the program exists; this applies to opening.
  bool run_programs = true;
  // Seconds a program may take before it is killed and its store skipped.
  int program_timeout_seconds = 10;
  // Look in another system's file tree instead of this machine's: an
  // unpacked container image or a mounted disk. Paths are resolved inside
  // it (links included), environment variables of this shell are ignored,
  // and nothing in it is run (no `node`, no `python3`: Node.js roots are
  // compiled into its binary and are not listed; certifi is found by path).
  std::string root;
  // With `root`: that system's environment (KEY=VALUE, e.g. an image's
  // config Env). SSL_CERT_FILE and SSL_CERT_DIR in it are discovered as
  // ssl-cert-file / ssl-cert-dir, resolved inside the root.
  std::vector<std::string> env;
};

// What a store is for remediation (how to add a root to it): the keys of a
// migration profile's "remediation" object. StoreKindName gives that key.
enum class StoreKind {
  kAny,            // "any"
  kDebianSystem,   // "debian-system": /etc/ssl (update-ca-certificates)
  kRhelSystem,     // "rhel-system": /etc/pki (update-ca-trust)
  kSuseSystem,     // "suse-system": /var/lib/ca-certificates
  kPem,            // "pem"
  kDer,            // "der": one DER certificate (`store add` makes it a PEM bundle)
  kDirectory,      // "directory"
  kJks,            // "jks" (and JCEKS)
  kPkcs12,         // "pkcs12"
  kNode,           // "node"
  kNodeExtra,      // "node-extra": a client's NODE_EXTRA_CA_CERTS file
  kCertifi,        // "certifi"
  kNss,            // "nss"
  kPlatform,       // "platform": a platform snapshot (nothing to edit)
  kClient,         // "client": the store a TLS client was found to use (src/client)
};
std::string_view StoreKindName(StoreKind kind);

// Whether `spec` is one of the short names above (then it always means the
// discovered store, even if a file of that name exists: write ./java).
bool IsDiscoveryName(const std::string& spec);

// Stores present on this machine, in a fixed order (system first).
std::vector<DiscoveredStore> DiscoverStores(const DiscoveryOptions& options = {});
// The discovered store with this short name, if any.
std::optional<DiscoveredStore> FindDiscoveredStore(const std::string& name,
                                                   const DiscoveryOptions& options = {});
Result<TrustStore> OpenDiscoveredStore(const DiscoveredStore& store,
                                       const StoreOpenOptions& options = {});

// `store list`: every discovered store, opened to count its anchors (a
// store that cannot be read is listed with the reason).
struct ListedStore {
  DiscoveredStore store;
  std::optional<size_t> anchors;  // unset when it could not be opened
  std::string error;              // why not
  Error failure;                  // that Error (kind, detail id, severity); error is its ToString()
};
struct StoreListing {
  std::string root;  // DiscoveryOptions::root as given ("" for this machine)
  std::vector<ListedStore> stores;
};
// Fails only when options.root is not a directory.
Result<StoreListing> ListStores(const DiscoveryOptions& options = {});
// A store given by its path inside the file tree `root` (a file or a
// directory of it, links resolved inside the tree), ready for
// OpenDiscoveredStore; `location` is that path.
Result<DiscoveredStore> StoreAtPathInRoot(const std::string& root, const std::string& path);
// Whether `root` is a directory discovery can look in (kIo naming it if not).
Result<std::string> CheckDiscoveryRoot(const std::string& root);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_DISCOVERY_H_
