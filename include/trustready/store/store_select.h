// Which trust stores a command judges: the one place that turns what a user
// typed (`--store SPEC`..., `--root DIR`, `--password P`) into stores.
// `check`, `verify` and `store` all select through here, and OpenStore /
// OpenStores (store_open.h) are its one-store forms.
//
// A SPEC is one of
//   - a discovered store's short name (system, java, java:<jvm>, certifi,
//     node, nss, ...; see store_discovery.h), found on this machine or in
//     the file tree `root`;
//   - a platform snapshot ("android:7.0", "apple:latest", "mozilla:all"),
//     which may name several stores;
//   - a path (file or directory; inside `root` when one is given).
// Any of them may carry its own keystore password: "PATH#password=P".
//
// Two kinds of failure, kept apart on purpose:
//   - the input names nothing usable (a short name that is not there, a path
//     that does not exist or holds no store, a --root that is not a
//     directory, nothing discovered at all): an Error, exit 2 in the CLI;
//   - the store is there but could not be read (a keystore password that
//     does not open it, a failing `node`/`certutil`, a discovered file that
//     is broken): a SelectedStore with no `store`, its `error` and a `fix`.
//     It is never dropped: callers report it as UNKNOWN.
// For keystores with no password given, the well-known defaults are tried:
// "changeit" (every JDK and distribution cacerts) and the empty password
// (JKS is then read without its integrity digest, as Java does).
#ifndef TRUSTREADY_STORE_STORE_SELECT_H_
#define TRUSTREADY_STORE_STORE_SELECT_H_

#include <optional>
#include <string>
#include <vector>

#include "trustready/base/result.h"
#include "trustready/store/store_discovery.h"
#include "trustready/store/trust_store.h"

namespace trustready {

struct StoreSpec {
  std::string spec;                     // as typed; "#password=P" is split off
  std::optional<std::string> password;  // this store's own password
};

struct StoreSelectRequest {
  // Empty: every store discovered on this machine (or in `root`).
  std::vector<StoreSpec> specs;
  // Another system's file tree (an unpacked image, a mounted disk): short
  // names are discovered in it and paths resolved inside it.
  std::string root;
  // The environment of the system in `root` (an image's config Env,
  // KEY=VALUE): its SSL_CERT_FILE / SSL_CERT_DIR are stores of that tree.
  std::vector<std::string> env;
  // Password for keystores that have none of their own.
  std::optional<std::string> password;
};

struct SelectedStore {
  std::string name;         // short name, snapshot name, or the path as given
  std::string location;     // path read (inside `root` when given), or command
  // DiscoveredStore::kind when known, kPlatform for snapshots, else kUnknown.
  StoreFormat kind = StoreFormat::kUnknown;
  std::optional<DiscoveredStore> discovered;  // set when found by discovery or in `root`
  std::optional<TrustStore> store;            // the store, when it could be read
  // Keystores: the password given for it (its own "#password=P", else
  // --password); none when the defaults were tried.
  std::optional<std::string> password;
  // When it could not be read: why, and what the user can do about it.
  Error error;
  std::string fix;

  bool readable() const { return store.has_value(); }
};

struct StoreSelection {
  std::string root;   // as requested
  std::string where;  // "on this machine" / "in ROOT", for messages
  std::vector<SelectedStore> stores;
};

Result<StoreSelection> SelectStores(const StoreSelectRequest& request);

// "PATH#password=P" -> {"PATH", "P"}; anything else unchanged.
StoreSpec ParseStoreSpec(const std::string& text);

// `check`'s --store and --password arguments, one at a time in the order
// they were given: a store spec is added (ParseStoreSpec); a password right
// after a store without one is that store's, any other (before every store,
// or after a store that has one) is for every store.
void AddStoreArgument(StoreSelectRequest& request, bool is_password, const std::string& value);

// The file a store-editing command (`store add/remove`) changes for SPEC: a
// discovered store's file, or the path itself. Platform snapshots, Node.js
// and NSS databases cannot be edited (kInvalidArgument naming SPEC).
Result<std::string> EditableStorePath(const std::string& spec);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_STORE_SELECT_H_
