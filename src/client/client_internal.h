// Internals shared by src/client/*.cc (not installed).
#ifndef TRUSTREADY_CLIENT_INTERNAL_H_
#define TRUSTREADY_CLIENT_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

namespace trustready::client_internal {

bool IsRegular(const std::string& p);
bool IsDirectory(const std::string& p);
std::string RealPathOf(const std::string& p);

// The file system clients are resolved in: this machine, or another
// system's tree whose paths are resolved inside it (ResolveInRoot).
class Fs {
 public:
  explicit Fs(std::string root) : root_(std::move(root)) {}
  const std::string& root() const { return root_; }
  // Where `logical` is on this machine, if it exists.
  std::optional<std::string> Host(const std::string& logical) const;
  bool IsFile(const std::string& logical) const;
  bool IsDir(const std::string& logical) const;
  bool Exists(const std::string& logical) const;
  // The same file reached by two names has one identity.
  std::string Identity(const std::string& logical) const;
  // At most `max` bytes of a regular file.
  std::optional<std::string> Read(const std::string& logical, size_t max) const;
  // Paths matching `pattern` ('*', '?', '[...]' in any component), sorted.
  std::vector<std::string> Glob(const std::string& pattern) const;

 private:
  std::string root_;
};

// OPENSSLDIR compiled into a binary (libcrypto, a static node), or "".
std::string OpenSslDirOfBinary(const Fs& fs, const std::string& logical);

inline std::vector<std::string> Cat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace trustready::client_internal

#endif  // TRUSTREADY_CLIENT_INTERNAL_H_
