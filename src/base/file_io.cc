#include "trustready/base/file_io.h"

#include "trustready/base/error_detail.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>
#include <vector>

namespace trustready {

namespace {

// Reads from `fd` until EOF, refusing more than `max_bytes`.
Status ReadAll(int fd, const std::string& path, uint64_t max_bytes, std::string* out) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(path, errno);
    }
    if (n == 0) return {};
    if (out->size() + static_cast<size_t>(n) > max_bytes) {
      return MakeError(ErrorKind::kIo, "io.too_large", path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB");
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string RandomSuffix() {
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char raw[10];
  if (getrandom(raw, sizeof raw, 0) != static_cast<ssize_t>(sizeof raw)) {
    // getrandom cannot fail on Linux >= 3.17 for 10 bytes; fall back to
    // something unique enough for O_EXCL retries.
    uint64_t t = static_cast<uint64_t>(::time(nullptr)) ^ (static_cast<uint64_t>(::getpid()) << 20) ^
                 reinterpret_cast<uintptr_t>(&raw);
    std::memcpy(raw, &t, sizeof t);
  }
  std::string s;
  for (unsigned char c : raw) s += kAlphabet[c % (sizeof kAlphabet - 1)];
  return s;
}

// Removes ".name.trtmp.<pid>.<random>" files in `dir_fd` whose writer is no
// longer running (killed mid-write). Only regular files and links are
// unlinked (unlink never follows a link); a live writer's file is left.
void RemoveStaleTemps(int dir_fd, const std::string& prefix) {
  int dup_fd = ::dup(dir_fd);
  if (dup_fd < 0) return;
  DIR* d = ::fdopendir(dup_fd);
  if (d == nullptr) {
    ::close(dup_fd);
    return;
  }
  std::vector<std::string> stale;
  while (dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (!n.starts_with(prefix)) continue;
    std::string_view rest = n.substr(prefix.size());
    size_t dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    long pid = 0;
    bool digits = true;
    for (char c : rest.substr(0, dot)) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      pid = pid * 10 + (c - '0');
      if (pid > (1L << 30)) digits = false;
    }
    if (!digits) continue;
    if (pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;  // writer alive
    if (pid != ::getpid() && errno == EPERM) continue;  // alive, another user's
    stale.emplace_back(n);
  }
  ::closedir(d);
  for (const auto& n : stale) {
    struct stat st;
    if (::fstatat(dir_fd, n.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) ::unlinkat(dir_fd, n.c_str(), 0);
  }
}

}  // namespace

std::string AtomicTempPrefix(std::string_view name) { return "." + std::string(name) + ".trtmp."; }

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  std::string data;
  if (path == "-") {
    if (Status s = ReadAll(STDIN_FILENO, "standard input", max_bytes, &data); !s.ok()) return s.error();
    return data;
  }
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.fd < 0) return IoError(path, errno);
  struct stat st;
  if (::fstat(fd.fd, &st) != 0) return IoError(path, errno);
  if (S_ISDIR(st.st_mode)) return MakeError(ErrorKind::kIo, "io.is_directory", path + ": is a directory");
  if (S_ISREG(st.st_mode)) {
    // Size first: a sparse or huge file is refused without reading it.
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
      return MakeError(ErrorKind::kIo, "io.too_large", path + ": " + std::to_string(st.st_size) + " bytes, larger than " +
                                           std::to_string(max_bytes >> 20) + " MiB");
    }
    data.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::read(fd.fd, data.data() + done, data.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(path, errno);
      }
      if (n == 0) break;  // shrank while we read
      done += static_cast<size_t>(n);
    }
    data.resize(done);
    if (done < static_cast<size_t>(st.st_size)) return data;
    // Grew while we read (or /proc-style files that report size 0 are
    // handled below): take the rest, still capped.
    if (Status s = ReadAll(fd.fd, path, max_bytes, &data); !s.ok()) return s.error();
    return data;
  }
  if (Status s = ReadAll(fd.fd, path, max_bytes, &data); !s.ok()) return s.error();
  return data;
}

Result<std::string> ReadFileHead(const std::string& path, size_t n) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.fd < 0) return IoError(path, errno);
  struct stat st;
  if (::fstat(fd.fd, &st) != 0) return IoError(path, errno);
  if (!S_ISREG(st.st_mode)) return MakeError(ErrorKind::kIo, "io.not_regular_file", path + ": not a regular file");
  std::string data(n, '\0');
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::read(fd.fd, data.data() + done, n - done);
    if (r < 0) {
      if (errno == EINTR) continue;
      return IoError(path, errno);
    }
    if (r == 0) break;
    done += static_cast<size_t>(r);
  }
  data.resize(done);
  return data;
}

Status WriteFileAtomic(const std::string& path, std::string_view contents, const WriteFileOptions& options) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") {
    return MakeError(ErrorKind::kInvalidArgument, path + ": not a file name");
  }
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.fd < 0) return IoError(dir, errno);

  const std::string prefix = AtomicTempPrefix(name);
  RemoveStaleTemps(dir_fd.fd, prefix);

  // mkstemp's guarantee with our own name: O_EXCL refuses any existing
  // entry, a planted symbolic link included (O_NOFOLLOW makes that explicit).
  std::string tmp;
  int raw_fd = -1;
  for (int attempt = 0; attempt < 100 && raw_fd < 0; ++attempt) {
    tmp = prefix + std::to_string(::getpid()) + "." + RandomSuffix();
    raw_fd = ::openat(dir_fd.fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      options.mode & 07777);
    if (raw_fd < 0 && errno != EEXIST) return IoError(dir + "/" + tmp, errno);
  }
  if (raw_fd < 0) return MakeError(ErrorKind::kIo, dir + ": cannot create a temporary file");
  Fd fd(raw_fd);
  const std::string tmp_path = dir + "/" + tmp;
  auto fail = [&](const std::string& what, int err) -> Status {
    ::unlinkat(dir_fd.fd, tmp.c_str(), 0);
    return IoError(what, err);
  };
  if (options.exact_mode && ::fchmod(fd.fd, static_cast<mode_t>(options.mode & 07777)) != 0) {
    return fail(tmp_path, errno);
  }
  size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd.fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(tmp_path, errno);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.fd) != 0) return fail(tmp_path, errno);
  const int close_rc = ::close(fd.fd);
  fd.fd = -1;
  if (close_rc != 0) return fail(tmp_path, errno);
  if (options.no_replace) {
    // renameat2(RENAME_NOREPLACE) where the file system has it; a hard
    // link (which never replaces) where it does not.
    if (::renameat2(dir_fd.fd, tmp.c_str(), dir_fd.fd, name.c_str(), RENAME_NOREPLACE) != 0) {
      const int err = errno;
      if (err != EINVAL && err != ENOSYS) return fail(path, err);
      if (::linkat(dir_fd.fd, tmp.c_str(), dir_fd.fd, name.c_str(), 0) != 0) return fail(path, errno);
      ::unlinkat(dir_fd.fd, tmp.c_str(), 0);
    }
  } else if (::renameat(dir_fd.fd, tmp.c_str(), dir_fd.fd, name.c_str()) != 0) {
    return fail(path, errno);
  }
  // The rename is durable only once the folder is (fsync(2)).
  if (::fsync(dir_fd.fd) != 0 && errno != EINVAL) return IoError(dir, errno);
  return {};
}

}  // namespace trustready
