// The stores a fleet scan judges against, selected as `check` selects them
// (store/store_select.h) and described as check describes them
// (DescribeStore: kind, client behaviour). Unlike `check`, a store that is
// there but cannot be read stops the scan: a fleet verdict that silently
// skipped a store would be a confident answer on partial knowledge, and
// there is no per-store UNKNOWN column in the database to carry it.
#ifndef TRUSTREADY_FLEET_SCAN_STORES_H_
#define TRUSTREADY_FLEET_SCAN_STORES_H_

#include <vector>

#include "trustready/base/result.h"
#include "trustready/check/check.h"
#include "trustready/store/store_select.h"

namespace trustready::fleet {

// Errors: a spec that names nothing (as SelectStores), a store that cannot
// be read (its name, reason and fix), no store found at all.
Result<std::vector<CheckedStore>> SelectScanStores(const StoreSelectRequest& request);

}  // namespace trustready::fleet

#endif  // TRUSTREADY_FLEET_SCAN_STORES_H_
