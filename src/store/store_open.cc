// Opening a store by what the user typed: the one-store forms of
// SelectStores (store_select.cc), which decides what a spec names.
#include "trustready/store/store_open.h"

#include "trustready/store/store_select.h"

namespace trustready {
namespace {

Result<std::vector<TrustStore>> Open(const std::string& spec, const StoreOpenOptions& options) {
  StoreSelectRequest request;
  request.specs.push_back({spec, std::nullopt});
  if (options.password_given) request.password = options.password;
  auto selection = SelectStores(request);
  if (!selection.ok()) return selection.error();
  std::vector<TrustStore> out;
  for (SelectedStore& s : selection->stores) {
    if (!s.readable()) return s.error;
    out.push_back(std::move(*s.store));
  }
  return out;
}

}  // namespace

Result<std::vector<TrustStore>> OpenStores(const std::string& spec, const StoreOpenOptions& options) {
  return Open(spec, options);
}

Result<TrustStore> OpenStore(const std::string& spec, const StoreOpenOptions& options) {
  auto stores = Open(spec, options);
  if (!stores.ok()) return stores.error();
  if (stores->size() != 1) {
    return MakeError(ErrorKind::kInvalidArgument,
                     spec + ": names " + std::to_string(stores->size()) +
                         " stores; give one version (e.g. PLATFORM:latest)");
  }
  return std::move(stores->front());
}

}  // namespace trustready
