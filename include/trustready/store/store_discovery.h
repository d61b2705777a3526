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
  std::string kind;         // "pem", "directory", "jks", "pkcs12", "node", "nss"
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
// A store given by its path inside the file tree `root` (a file or a
// directory of it, links resolved inside the tree), ready for
// OpenDiscoveredStore; `location` is that path.
Result<DiscoveredStore> StoreAtPathInRoot(const std::string& root, const std::string& path);
// Whether `root` is a directory discovery can look in (kIo naming it if not).
Result<std::string> CheckDiscoveryRoot(const std::string& root);

// Runs argv (no shell) and returns its standard output; stderr is
// discarded. Fails (kIo) on a non-zero exit, and kills the program after
// `timeout_seconds` (kIo, "timed out").
Result<std::string> RunProgram(const std::vector<std::string>& argv, int timeout_seconds,
                               size_t max_output = 64u << 20);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_DISCOVERY_H_
