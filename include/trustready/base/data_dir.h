// Where the product's shipped data (catalog, platform snapshots, profiles)
// is found at run time.
#ifndef TRUSTREADY_BASE_DATA_DIR_H_
#define TRUSTREADY_BASE_DATA_DIR_H_

#include <string>

namespace trustready {

// In order: $TRUSTREADY_DATA when set and non-empty; the installed layout
// next to the running binary (<exe>/../share/trustready/data); the data/
// folder of the source tree the binary was built from. No path is compiled
// into anything but one generated file (build_paths.cc), so a moved install
// tree still finds its data.
std::string DataDir();

}  // namespace trustready

#endif  // TRUSTREADY_BASE_DATA_DIR_H_
