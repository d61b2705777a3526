// The client behaviour a store stands for. A platform snapshot is a client
// (Android 7.0's store is judged as Android 7.0 judges: anchor expiry, AIA
// fetching, first path only, from data/platforms/behaviors.json); any other
// store gets the default ClientBehavior. The one mapping from platform data
// to the verifier's ClientBehavior (`verify`, `check` and readiness use it).
#ifndef TRUSTREADY_VERIFY_CLIENT_BEHAVIOR_H_
#define TRUSTREADY_VERIFY_CLIENT_BEHAVIOR_H_

#include "trustready/store/platform_stores.h"
#include "trustready/store/trust_store.h"
#include "trustready/verify/verify.h"

namespace trustready {

ClientBehavior ToClientBehavior(const PlatformBehavior& behavior);
// Reads the shipped platform data (once per process) for snapshot stores.
ClientBehavior ClientBehaviorOf(const TrustStore& store);

}  // namespace trustready

#endif  // TRUSTREADY_VERIFY_CLIENT_BEHAVIOR_H_
