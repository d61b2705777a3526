// Paths inside another system's file tree (`--root`, an unpacked image).
#ifndef TRUSTREADY_STORE_ROOT_PATH_H_
#define TRUSTREADY_STORE_ROOT_PATH_H_

#include <string>

#include "trustready/base/result.h"

namespace trustready {

// The path on this machine of `path` as the system whose file tree is
// `root` sees it: every component resolved inside `root`, symbolic links
// included (an absolute target starts again at `root`, ".." stops at it),
// at most 40 links. Errors: kIo when a component is missing or a link loops.
Result<std::string> ResolveInRoot(const std::string& root, const std::string& path);

}  // namespace trustready

#endif  // TRUSTREADY_STORE_ROOT_PATH_H_
