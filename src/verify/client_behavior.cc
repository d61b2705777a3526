// Platform snapshot -> ClientBehavior. See
// include/trustready/verify/client_behavior.h.
#include "trustready/verify/client_behavior.h"

namespace trustready {

ClientBehavior ToClientBehavior(const PlatformBehavior& behavior) {
  ClientBehavior out;
  out.enforce_anchor_expiry = behavior.enforce_anchor_expiry;
  out.fetch_aia = behavior.fetch_aia;
  out.first_path_only = behavior.first_path_only;
  return out;
}

ClientBehavior ClientBehaviorOf(const TrustStore& store) {
  if (store.format() != StoreFormat::kPlatform) return {};
  auto data = LoadPlatformData();
  if (!data.ok()) return {};
  const PlatformSnapshot* snap = (*data)->Find(store.name());
  return snap != nullptr ? ToClientBehavior(snap->behavior) : ClientBehavior{};
}

}  // namespace trustready
