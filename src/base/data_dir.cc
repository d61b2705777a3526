#include "trustready/base/data_dir.h"

#include <sys/auxv.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace trustready {
namespace internal {
// Defined in the build tree's generated build_paths.cc.
extern const char* const kSourceDataDir;
}  // namespace internal

namespace {
// The running binary's folder: /proc/self/exe, or where /proc is not
// mounted (a chroot, an early-boot environment) the path the kernel was
// asked to execute (AT_EXECFN), made absolute.
std::string ExeDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    const char* execfn = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
    if (execfn == nullptr || *execfn == '\0') return {};
    exe = std::filesystem::absolute(execfn, ec);
    if (ec) return {};
  }
  return exe.parent_path().string();
}
}  // namespace

std::string DataDir() {
  if (const char* env = std::getenv("TRUSTREADY_DATA"); env != nullptr && *env != '\0') {
    return env;
  }
  static const std::string resolved = [] {
    std::error_code ec;
    if (auto exe_dir = ExeDir(); !exe_dir.empty()) {
      auto installed = std::filesystem::path(exe_dir) / ".." / "share" / "trustready" / "data";
      if (std::filesystem::is_directory(installed, ec)) {
        return std::filesystem::weakly_canonical(installed, ec).string();
      }
    }
    return std::string(internal::kSourceDataDir);
  }();
  return resolved;
}

}  // namespace trustready
