// Paths inside another system's file tree (an unpacked container image),
// resolved the way that system would see them, without ever reaching this
// machine's files: the kernel's resolution (realpath, open) would follow an
// absolute link such as /etc/ssl/certs/X.pem -> /usr/share/... to the host.
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "trustready/store/root_path.h"

namespace trustready {

namespace {

// "a/b//c/" -> {"a", "b", "c"}; "." dropped, ".." kept for the walker.
void SplitInto(const std::string& path, std::vector<std::string>* out) {
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string part = path.substr(i, j - i);
    if (!part.empty() && part != ".") out->push_back(std::move(part));
    i = j + 1;
  }
}

}  // namespace

Result<std::string> ResolveInRoot(const std::string& root, const std::string& path) {
  std::string base = root;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  // Components still to walk, in reverse (the next one at the back).
  std::vector<std::string> todo;
  {
    std::vector<std::string> parts;
    SplitInto(path, &parts);
    todo.assign(parts.rbegin(), parts.rend());
  }
  std::vector<std::string> done;  // resolved components below root
  int links = 0;
  auto host = [&] {
    std::string h = base;
    for (const std::string& c : done) h += "/" + c;
    return h;
  };
  while (!todo.empty()) {
    std::string part = std::move(todo.back());
    todo.pop_back();
    if (part == "..") {
      if (!done.empty()) done.pop_back();  // never above root
      continue;
    }
    done.push_back(part);
    const std::string h = host();
    struct stat st;
    if (::lstat(h.c_str(), &st) != 0) {
      return MakeError(ErrorKind::kIo, root + ": " + path + ": " + std::strerror(errno));
    }
    if (!S_ISLNK(st.st_mode)) continue;
    if (++links > 40) return MakeError(ErrorKind::kIo, root + ": " + path + ": too many levels of symbolic links");
    char buf[PATH_MAX];
    ssize_t n = ::readlink(h.c_str(), buf, sizeof(buf) - 1);
    if (n < 0) return MakeError(ErrorKind::kIo, root + ": " + path + ": " + std::strerror(errno));
    std::string target(buf, static_cast<size_t>(n));
    done.pop_back();                        // the link itself is replaced
    if (!target.empty() && target[0] == '/') done.clear();  // absolute: from root again
    std::vector<std::string> parts;
    SplitInto(target, &parts);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.push_back(*it);
  }
  return host();
}

}  // namespace trustready
