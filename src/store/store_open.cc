// Opening a store by what the user typed: platform snapshot, discovered
// short name, or path.
#include "trustready/store/store_open.h"

#include <cstdlib>

#include "trustready/store/store_discovery.h"
#include "trustready/store/store_formats.h"

namespace trustready {

Result<std::vector<TrustStore>> OpenStores(const std::string& spec, const StoreOpenOptions& options) {
  if (IsPlatformSpec(spec)) return OpenPlatformStores(spec);
  auto one = OpenStore(spec, options);
  if (!one.ok()) return one.error();
  std::vector<TrustStore> out;
  out.push_back(std::move(one).value());
  return out;
}

Result<TrustStore> OpenStore(const std::string& spec, const StoreOpenOptions& options) {
  if (spec.empty()) return MakeError(ErrorKind::kInvalidArgument, "empty store name");
  if (IsPlatformSpec(spec)) {
    auto stores = OpenPlatformStores(spec);
    if (!stores.ok()) return stores.error();
    if (stores->size() != 1) {
      return MakeError(ErrorKind::kInvalidArgument,
                       spec + ": names " + std::to_string(stores->size()) +
                           " stores; give one version (e.g. PLATFORM:latest)");
    }
    return std::move(stores->front());
  }
  if (IsDiscoveryName(spec)) {
    auto d = FindDiscoveredStore(spec);
    if (!d) {
      return MakeError(ErrorKind::kIo,
                       spec + ": no such store on this machine (see `trustready store list`)");
    }
    return OpenDiscoveredStore(*d, options);
  }
  return ReadStoreFile(spec, KeystoreReadOptions{options.password, options.password_given});
}

}  // namespace trustready
