// Reading and writing whole files safely.
//
// ReadFile checks a regular file's size with fstat before reading it and
// then reads it once into a buffer of that size: an over-cap file (a sparse
// 600 MB file in an image tree) is refused in microseconds, without touching
// its blocks. Pipes and standard input, which have no size, are capped while
// reading.
//
// WriteFileAtomic never writes through a name someone else can plant: the
// new contents go to an exclusively created temporary file (O_CREAT|O_EXCL|
// O_NOFOLLOW, a random name) in the target's folder, are fsynced, renamed
// over the target, and the folder is fsynced so the rename survives a crash.
// Temporary files are named ".<name>.trtmp.<pid>.<random>"; the next write
// to the same target removes those whose process is gone (a run killed with
// -9 leaves at most one behind per target).
#ifndef TRUSTREADY_BASE_FILE_IO_H_
#define TRUSTREADY_BASE_FILE_IO_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trustready/base/result.h"

namespace trustready {

// Every file the project reads is a certificate, a store, a key, a catalog
// or a configuration: the largest real one (a JDK cacerts, Mozilla's
// certdata.txt, a platform snapshot) is a few MiB. 512 MiB leaves room for
// anything real and still stops a hostile or sparse file cheaply.
inline constexpr uint64_t kMaxReadBytes = 512ull << 20;

// Reads a whole file ("-" is standard input). Errors name the path; a file
// over `max_bytes` is an error (kIo) found before reading.
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes = kMaxReadBytes);

// At most the first `n` bytes of a file (format sniffing without reading
// the whole file).
Result<std::string> ReadFileHead(const std::string& path, size_t n);

struct WriteFileOptions {
  // Permission bits of the new file. Applied exactly (fchmod), not through
  // the umask, when `exact_mode` is set: an edited store keeps its mode.
  int mode = 0644;
  bool exact_mode = false;
  // Never replace an existing file: the write fails with kIo ("exists").
  // Backups use it, so that a backup is never overwritten.
  bool no_replace = false;
};

// Writes atomically (see above). On failure the target is unchanged and the
// temporary file is gone.
Status WriteFileAtomic(const std::string& path, std::string_view contents,
                       const WriteFileOptions& options);
inline Status WriteFileAtomic(const std::string& path, std::string_view contents,
                              int mode = 0644) {
  WriteFileOptions o;
  o.mode = mode;
  return WriteFileAtomic(path, contents, o);
}

// The temporary-file prefix WriteFileAtomic uses for `name` (".name.trtmp.").
// Directory readers skip such files.
std::string AtomicTempPrefix(std::string_view name);

}  // namespace trustready

#endif  // TRUSTREADY_BASE_FILE_IO_H_
