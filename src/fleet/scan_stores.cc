// Stores of a fleet scan; see include/trustready/fleet/scan_stores.h.
#include "trustready/fleet/scan_stores.h"

namespace trustready::fleet {

Result<std::vector<CheckedStore>> SelectScanStores(const StoreSelectRequest& request) {
  auto selection = SelectStores(request);
  if (!selection.ok()) {
    // Named by the option it came from, as every store error of a scan.
    // Kind, detail id and severity kept.
    Error e = selection.error();
    const std::string msg = e.ToString();
    e.message = msg.rfind("--store:", 0) == 0 ? msg : "--store: " + msg;
    e.offset = Error::npos;
    return e;
  }
  std::vector<CheckedStore> stores;
  for (SelectedStore& s : selection->stores) {
    if (!s.readable()) {
      Error e = s.error;  // kind, detail id and severity kept
      e.message = "--store " + s.name + ": cannot be read: " + s.error.ToString() +
                  (s.fix.empty() ? "" : " (" + s.fix + ")");
      e.offset = Error::npos;
      return e;
    }
    stores.push_back(DescribeStore(std::move(*s.store), s.discovered ? &*s.discovered : nullptr));
  }
  if (stores.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "no trust store found " + selection->where + " (use --store)");
  }
  return stores;
}

}  // namespace trustready::fleet
