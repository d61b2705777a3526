// Stores of a fleet scan; see include/trustready/fleet/scan_stores.h.
#include "trustready/fleet/scan_stores.h"

namespace trustready::fleet {

Result<std::vector<CheckedStore>> SelectScanStores(const StoreSelectRequest& request) {
  auto selection = SelectStores(request);
  if (!selection.ok()) {
    // Named by the option it came from, as every store error of a scan.
    const std::string msg = selection.error().ToString();
    return MakeError(selection.error().kind, msg.rfind("--store:", 0) == 0 ? msg : "--store: " + msg);
  }
  std::vector<CheckedStore> stores;
  for (SelectedStore& s : selection->stores) {
    if (!s.readable()) {
      return MakeError(s.error.kind, "--store " + s.name + ": cannot be read: " + s.error.ToString() +
                                         (s.fix.empty() ? "" : " (" + s.fix + ")"));
    }
    stores.push_back(DescribeStore(std::move(*s.store), s.discovered ? &*s.discovered : nullptr));
  }
  if (stores.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "no trust store found " + selection->where + " (use --store)");
  }
  return stores;
}

}  // namespace trustready::fleet
