// Unpacking the trust files of a container image (see image.h): reading the
// image index with libarchive, and applying layers into a private tree
// without ever following one of the image's links.
#include "trustready/image/image.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "image/image_paths.h"
#include "trustready/x509/pem.h"

namespace trustready {

namespace {

using nlohmann::json;

// libarchive is opened on first use: only `check --image` reads archives,
// and linking it loaded it and its ten libraries (libxml2, ICU, lzma, zstd,
// lz4, bzip2, nettle, acl, ...) into every command, about 4 ms of CPU at each
// start. Its types and constants still come from <archive.h>; the function
// pointers keep the declared signatures.
#define TR_LIBARCHIVE_FUNCTIONS(X) \
  X(entry_filetype) \
  X(entry_hardlink) \
  X(entry_pathname) \
  X(entry_size) \
  X(entry_symlink) \
  X(error_string) \
  X(read_data) \
  X(read_data_block) \
  X(read_free) \
  X(read_new) \
  X(read_next_header) \
  X(read_open) \
  X(read_open_filename) \
  X(read_support_filter_all) \
  X(read_support_format_tar)

struct LibArchive {
#define TR_DECLARE(f) decltype(&::archive_##f) f = nullptr;
  TR_LIBARCHIVE_FUNCTIONS(TR_DECLARE)
#undef TR_DECLARE
  std::string error;  // why it could not be loaded; empty when loaded
};

const LibArchive& Lib() {
  static const LibArchive lib = [] {
    LibArchive l;
    void* h = ::dlopen(TR_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
      const char* e = ::dlerror();
      l.error = std::string("reading image archives needs libarchive (" TR_LIBARCHIVE_SONAME ", Debian package libarchive13): ") +
                (e ? e : "not found");
      return l;
    }
#define TR_RESOLVE(f)                                                                  \
  l.f = reinterpret_cast<decltype(l.f)>(::dlsym(h, "archive_" #f));                   \
  if (l.f == nullptr && l.error.empty()) l.error = TR_LIBARCHIVE_SONAME ": no archive_" #f;
    TR_LIBARCHIVE_FUNCTIONS(TR_RESOLVE)
#undef TR_RESOLVE
    return l;
  }();
  return lib;
}

struct ArchiveFree {
  void operator()(archive* a) const { Lib().read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// Null when libarchive cannot be loaded (LibArchiveError() says why).
ArchivePtr NewReader() {
  if (!Lib().error.empty()) return nullptr;
  ArchivePtr a(Lib().read_new());
  Lib().read_support_filter_all(a.get());
  Lib().read_support_format_tar(a.get());
  return a;
}

std::string ArchiveError(archive* a) {
  const char* e = Lib().error_string(a);
  return e ? e : "unreadable archive";
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '/') {
      if (!cur.empty() && cur != ".") out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty() && cur != ".") out.push_back(cur);
  return out;
}

std::string Join(const std::vector<std::string>& parts, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

// An entry name relative to the image root; false for names with a ".."
// component (never written) or none at all (the root itself).
bool CleanName(const char* raw, std::string* out) {
  if (raw == nullptr) return false;
  auto parts = Split(raw);
  for (const auto& p : parts) {
    if (p == "..") return false;
  }
  *out = Join(parts, parts.size());
  return !out->empty();
}

// ".." resolved lexically and clamped at the root, as a link target inside
// the image is.
std::string Normalize(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& p : Split(path)) {
    if (p == "..") {
      if (!out.empty()) out.pop_back();
    } else {
      out.push_back(p);
    }
  }
  return Join(out, out.size());
}

std::string Parent(const std::string& rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string::npos ? "" : rel.substr(0, slash);
}

// Which entries are written: those at or under a pattern ('*' and the
// like match within one component, fnmatch), and every symbolic link
// (they are tiny, and paths to trust files run through them: /lib ->
// usr/lib, default-java -> java-17-openjdk-amd64).
class PathFilter {
 public:
  enum class Match { kNone, kAncestor, kKeep };
  void Add(const std::string& pattern) {
    auto parts = Split(pattern);
    if (!parts.empty() && seen_.insert(Join(parts, parts.size())).second) patterns_.push_back(parts);
  }
  Match Classify(const std::string& rel) const {
    auto parts = Split(rel);
    Match best = Match::kNone;
    for (const auto& pat : patterns_) {
      size_t n = std::min(parts.size(), pat.size());
      bool ok = true;
      for (size_t i = 0; i < n && ok; ++i) ok = ::fnmatch(pat[i].c_str(), parts[i].c_str(), FNM_PERIOD) == 0;
      if (!ok) continue;
      if (parts.size() >= pat.size()) return Match::kKeep;
      best = Match::kAncestor;
    }
    return best;
  }

 private:
  std::vector<std::vector<std::string>> patterns_;
  std::set<std::string> seen_;
};

// --- the private tree, written relative to a directory fd, never following links

class Tree {
 public:
  Tree(int root_fd, const ImageLimits& limits) : root_fd_(root_fd), limits_(limits) {}

  // The folder `rel` (created as needed; a non-folder in the way is
  // replaced, as an overlay's upper folder hides a lower file or link).
  // Returns an fd the caller closes, or -1 with errno.
  int OpenDir(const std::string& rel) {
    int fd = ::dup(root_fd_);
    std::string so_far;
    for (const auto& comp : Split(rel)) {
      so_far += (so_far.empty() ? "" : "/") + comp;
      int next = ::openat(fd, comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0 && (errno == ENOTDIR || errno == ELOOP)) {
        RemoveAt(fd, comp);
        Forget(so_far);
        errno = ENOENT;
      }
      if (next < 0 && errno == ENOENT) {
        if (::mkdirat(fd, comp.c_str(), 0755) != 0 && errno != EEXIST) {
          int e = errno;
          ::close(fd);
          errno = e;
          return -1;
        }
        present_.insert(so_far);
        next = ::openat(fd, comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      }
      int e = errno;
      ::close(fd);
      if (next < 0) {
        errno = e;
        return -1;
      }
      fd = next;
    }
    return fd;
  }

  // Removes `rel` and everything under it, if present; never follows a
  // link (a parent that is not a real folder means nothing is there).
  void Remove(const std::string& rel) {
    if (!Has(rel)) return;
    auto parts = Split(rel);
    if (parts.empty()) return;
    int fd = ::dup(root_fd_);
    for (size_t i = 0; i + 1 < parts.size() && fd >= 0; ++i) {
      int next = ::openat(fd, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      ::close(fd);
      fd = next;
    }
    if (fd >= 0) {
      RemoveAt(fd, parts.back());
      ::close(fd);
    }
    Forget(rel);
  }

  // Removes what `dir` held before this layer (an opaque whiteout).
  void RemoveChildrenOlderThanLayer(const std::string& dir, const std::set<std::string>& this_layer) {
    std::vector<std::string> doomed;
    const std::string prefix = dir.empty() ? "" : dir + "/";
    for (auto it = present_.lower_bound(prefix); it != present_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      std::string child = it->substr(prefix.size());
      if (child.find('/') != std::string::npos) continue;
      if (!this_layer.count(*it)) doomed.push_back(*it);
    }
    for (const auto& d : doomed) Remove(d);
  }

  bool Has(const std::string& rel) const { return present_.count(rel) > 0; }
  bool IsLink(const std::string& rel) const { return links_.count(rel) > 0; }

  Status WriteFile(const std::string& rel, archive* a, int64_t size, uint64_t* total) {
    if (size < 0 || static_cast<uint64_t>(size) > limits_.max_file_bytes) {
      return MakeError(ErrorKind::kUnsupported, rel + ": " + std::to_string(size) + " bytes, over the " +
                                                    std::to_string(limits_.max_file_bytes) + "-byte limit for one file");
    }
    if (*total + static_cast<uint64_t>(size) > limits_.max_total_bytes) {
      return MakeError(ErrorKind::kUnsupported, "more than " + std::to_string(limits_.max_total_bytes) +
                                                    " bytes of trust files (at " + rel + ")");
    }
    int dir = OpenDir(Parent(rel));
    if (dir < 0) return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(errno));
    const std::string base = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
    RemoveAt(dir, base);
    Forget(rel);
    int fd = ::openat(dir, base.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    ::close(dir);
    if (fd < 0) return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(errno));
    present_.insert(rel);
    const void* buf = nullptr;
    size_t len = 0;
    la_int64_t offset = 0;
    int r;
    while ((r = Lib().read_data_block(a, &buf, &len, &offset)) == ARCHIVE_OK) {
      // Sparse entries leave holes: written where their offset says.
      if (offset < 0 || static_cast<uint64_t>(offset) + len > static_cast<uint64_t>(size)) {
        ::close(fd);
        return MakeError(ErrorKind::kFormat, rel + ": data beyond the entry's size");
      }
      if (::pwrite(fd, buf, len, offset) != static_cast<ssize_t>(len)) {
        int e = errno;
        ::close(fd);
        return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(e));
      }
    }
    ::close(fd);
    if (r != ARCHIVE_EOF) return MakeError(ErrorKind::kFormat, rel + ": " + ArchiveError(a));
    *total += static_cast<uint64_t>(size);
    return {};
  }

  Status Symlink(const std::string& rel, const std::string& target) {
    int dir = OpenDir(Parent(rel));
    if (dir < 0) return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(errno));
    const std::string base = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
    RemoveAt(dir, base);
    Forget(rel);
    int rc = ::symlinkat(target.c_str(), dir, base.c_str());
    int e = errno;
    ::close(dir);
    if (rc != 0) return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(e));
    present_.insert(rel);
    links_[rel] = target;
    return {};
  }

  // A hard link to an entry already written; false when it was not (its
  // target was not a trust path).
  Result<bool> HardLink(const std::string& rel, const std::string& target) {
    if (!Has(target) || links_.count(target)) return false;
    auto tparts = Split(target);
    int tdir = ::dup(root_fd_);
    for (size_t i = 0; i + 1 < tparts.size() && tdir >= 0; ++i) {
      int next = ::openat(tdir, tparts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      ::close(tdir);
      tdir = next;
    }
    if (tdir < 0) return false;
    struct stat st;
    if (::fstatat(tdir, tparts.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
      ::close(tdir);
      return false;
    }
    int dir = OpenDir(Parent(rel));
    if (dir < 0) {
      ::close(tdir);
      return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(errno));
    }
    const std::string base = tparts.empty() ? "" : rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
    RemoveAt(dir, base);
    Forget(rel);
    int rc = ::linkat(tdir, tparts.back().c_str(), dir, base.c_str(), 0);
    int e = errno;
    ::close(dir);
    ::close(tdir);
    if (rc != 0) return MakeError(ErrorKind::kIo, rel + ": " + std::strerror(e));
    present_.insert(rel);
    return true;
  }

  // The path `rel` names once the links of the tree are followed (inside
  // the tree, at most 40); components the tree lacks are kept as they are.
  std::string Resolve(const std::string& rel) const {
    std::vector<std::string> todo = Split(rel);
    std::vector<std::string> done;
    int hops = 0;
    for (size_t i = 0; i < todo.size();) {
      const std::string& comp = todo[i];
      if (comp == "..") {
        if (!done.empty()) done.pop_back();
        ++i;
        continue;
      }
      done.push_back(comp);
      const std::string cur = Join(done, done.size());
      auto it = links_.find(cur);
      if (it != links_.end() && ++hops <= 40) {
        done.pop_back();
        std::vector<std::string> rest(todo.begin() + static_cast<long>(i) + 1, todo.end());
        std::string target = it->second;
        std::vector<std::string> next;
        if (!target.empty() && target[0] == '/') {
          done.clear();
        }
        next = Split(target);
        next.insert(next.end(), rest.begin(), rest.end());
        todo = next;
        i = 0;
        continue;
      }
      ++i;
    }
    return Join(done, done.size());
  }

  const std::map<std::string, std::string>& links() const { return links_; }

 private:
  static void RemoveAt(int dirfd, const std::string& name) {
    struct stat st;
    if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
    if (S_ISDIR(st.st_mode)) {
      int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        DIR* d = ::fdopendir(fd);
        if (d) {
          std::vector<std::string> names;
          while (dirent* e = ::readdir(d)) {
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.push_back(e->d_name);
          }
          for (const auto& n : names) RemoveAt(::dirfd(d), n);
          ::closedir(d);
        } else {
          ::close(fd);
        }
      }
      ::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR);
    } else {
      ::unlinkat(dirfd, name.c_str(), 0);
    }
  }
  void Forget(const std::string& rel) {
    present_.erase(rel);
    links_.erase(rel);
    const std::string prefix = rel + "/";
    present_.erase(present_.lower_bound(prefix), present_.lower_bound(rel + "0"));
    links_.erase(links_.lower_bound(prefix), links_.lower_bound(rel + "0"));
  }

  int root_fd_;
  const ImageLimits& limits_;
  std::set<std::string> present_;            // everything written, folders included
  std::map<std::string, std::string> links_;  // symbolic links written -> target
};

// --- where the image's documents and layers come from

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual bool Exists(const std::string& name) = 0;
  virtual Result<std::string> Document(const std::string& name) = 0;
  // Calls `apply` with a reader positioned on the layer `name`.
  virtual Status WithLayer(const std::string& name, const std::function<Status(archive*)>& apply) = 0;
};

class DirSource : public ImageSource {
 public:
  DirSource(std::string dir, uint64_t max_doc) : dir_(std::move(dir)), max_doc_(max_doc) {}
  bool Exists(const std::string& name) override {
    struct stat st;
    return ::stat((dir_ + "/" + name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  Result<std::string> Document(const std::string& name) override {
    struct stat st;
    const std::string p = dir_ + "/" + name;
    if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return MakeError(ErrorKind::kFormat, p + ": missing");
    if (static_cast<uint64_t>(st.st_size) > max_doc_) return MakeError(ErrorKind::kUnsupported, p + ": too large for an image document");
    return ReadFile(p);
  }
  Status WithLayer(const std::string& name, const std::function<Status(archive*)>& apply) override {
    const std::string p = dir_ + "/" + name;
    ArchivePtr a = NewReader();
    if (!a) return MakeError(ErrorKind::kUnsupported, Lib().error);
    if (Lib().read_open_filename(a.get(), p.c_str(), 1 << 16) != ARCHIVE_OK) {
      return MakeError(ErrorKind::kFormat, p + ": " + ArchiveError(a.get()));
    }
    return apply(a.get());
  }

 private:
  std::string dir_;
  uint64_t max_doc_;
};

// A tar (optionally compressed) of an image: documents are read in one pass
// and kept; each layer is read by scanning the archive again to its entry
// (a compressed stream cannot seek).
class TarSource : public ImageSource {
 public:
  TarSource(std::string path, uint64_t max_doc) : path_(std::move(path)), max_doc_(max_doc) {}
  Status Index() {
    ArchivePtr a = NewReader();
    if (!a) return MakeError(ErrorKind::kUnsupported, Lib().error);
    if (Lib().read_open_filename(a.get(), path_.c_str(), 1 << 16) != ARCHIVE_OK) {
      return MakeError(ErrorKind::kFormat, path_ + ": " + ArchiveError(a.get()));
    }
    archive_entry* e = nullptr;
    int r;
    while ((r = Lib().read_next_header(a.get(), &e)) == ARCHIVE_OK) {
      std::string name;
      if (!CleanName(Lib().entry_pathname(e), &name)) continue;
      if (Lib().entry_filetype(e) != AE_IFREG) continue;
      names_.insert(name);
      const int64_t size = Lib().entry_size(e);
      // Manifests and configs are small JSON; layers are read later.
      const bool doc = size >= 0 && static_cast<uint64_t>(size) <= std::min<uint64_t>(max_doc_, 1 << 20);
      if (!doc) continue;
      std::string data(static_cast<size_t>(size), '\0');
      la_ssize_t got = size ? Lib().read_data(a.get(), data.data(), data.size()) : 0;
      if (got < 0 || got != size) return MakeError(ErrorKind::kFormat, path_ + ": " + name + ": " + ArchiveError(a.get()));
      if (size > 0 && (data[0] == '{' || data[0] == '[' || name == "oci-layout" || name == "repositories")) {
        docs_[name] = std::move(data);
      }
    }
    if (r != ARCHIVE_EOF) return MakeError(ErrorKind::kFormat, path_ + ": " + ArchiveError(a.get()));
    return {};
  }
  bool Exists(const std::string& name) override { return names_.count(name) > 0; }
  Result<std::string> Document(const std::string& name) override {
    auto it = docs_.find(name);
    if (it == docs_.end()) return MakeError(ErrorKind::kFormat, path_ + ": " + name + ": missing or not a JSON document");
    return it->second;
  }
  Status WithLayer(const std::string& name, const std::function<Status(archive*)>& apply) override {
    ArchivePtr outer = NewReader();
    if (!outer) return MakeError(ErrorKind::kUnsupported, Lib().error);
    if (Lib().read_open_filename(outer.get(), path_.c_str(), 1 << 16) != ARCHIVE_OK) {
      return MakeError(ErrorKind::kFormat, path_ + ": " + ArchiveError(outer.get()));
    }
    archive_entry* e = nullptr;
    int r;
    while ((r = Lib().read_next_header(outer.get(), &e)) == ARCHIVE_OK) {
      std::string n;
      if (!CleanName(Lib().entry_pathname(e), &n) || n != name) continue;
      ArchivePtr inner = NewReader();
      if (!inner) return MakeError(ErrorKind::kUnsupported, Lib().error);
      auto read = [](archive*, void* client, const void** buf) -> la_ssize_t {
        size_t len = 0;
        la_int64_t off = 0;
        int rr = Lib().read_data_block(static_cast<archive*>(client), buf, &len, &off);
        if (rr == ARCHIVE_EOF) return 0;
        if (rr != ARCHIVE_OK) return -1;
        return static_cast<la_ssize_t>(len);
      };
      if (Lib().read_open(inner.get(), outer.get(), nullptr, read, nullptr) != ARCHIVE_OK) {
        return MakeError(ErrorKind::kFormat, path_ + ": " + name + ": " + ArchiveError(inner.get()));
      }
      return apply(inner.get());
    }
    if (r != ARCHIVE_EOF) return MakeError(ErrorKind::kFormat, path_ + ": " + ArchiveError(outer.get()));
    return MakeError(ErrorKind::kFormat, path_ + ": layer " + name + " is not in the archive");
  }

 private:
  std::string path_;
  uint64_t max_doc_;
  std::set<std::string> names_;
  std::map<std::string, std::string> docs_;
};

// --- the image index

struct ImagePlan {
  std::string format;
  std::vector<std::string> tags;
  std::string config;               // document name
  std::vector<std::string> layers;  // entry / file names, in order
};

Result<json> ParseJson(ImageSource& src, const std::string& name, const std::string& shown) {
  auto text = src.Document(name);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded()) return MakeError(ErrorKind::kFormat, shown + ": " + name + ": not valid JSON");
  return j;
}

// "sha256:HEX" -> "blobs/sha256/HEX", refusing anything else.
Result<std::string> BlobPath(const json& descriptor, const std::string& shown) {
  if (!descriptor.is_object() || !descriptor.contains("digest") || !descriptor["digest"].is_string()) {
    return MakeError(ErrorKind::kFormat, shown + ": a descriptor without a digest");
  }
  const std::string d = descriptor["digest"].get<std::string>();
  const size_t colon = d.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == d.size()) {
    return MakeError(ErrorKind::kFormat, shown + ": bad digest " + d);
  }
  for (char c : d) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '+' || c == '.' || c == '_' || c == '-')) {
      return MakeError(ErrorKind::kFormat, shown + ": bad digest " + d);
    }
  }
  return "blobs/" + d.substr(0, colon) + "/" + d.substr(colon + 1);
}

std::string HostArch() {
  struct utsname u;
  if (::uname(&u) != 0) return "amd64";
  std::string m = u.machine;
  if (m == "x86_64") return "amd64";
  if (m == "aarch64") return "arm64";
  return m;
}

Result<ImagePlan> PlanDockerSave(ImageSource& src, const std::string& shown) {
  auto m = ParseJson(src, "manifest.json", shown);
  if (!m.ok()) return m.error();
  if (!m->is_array() || m->empty()) return MakeError(ErrorKind::kFormat, shown + ": manifest.json lists no image");
  if (m->size() > 1) {
    std::string names;
    for (const auto& img : *m) {
      std::string t = img.contains("RepoTags") && img["RepoTags"].is_array() && !img["RepoTags"].empty() &&
                              img["RepoTags"][0].is_string()
                          ? img["RepoTags"][0].get<std::string>()
                          : "untagged";
      names += (names.empty() ? "" : ", ") + t;
    }
    return MakeError(ErrorKind::kInvalidArgument,
                     shown + ": holds " + std::to_string(m->size()) + " images (" + names + "); save one image per archive");
  }
  const json& img = (*m)[0];
  ImagePlan plan;
  plan.format = "docker-save";
  if (!img.contains("Config") || !img["Config"].is_string() || !img.contains("Layers") || !img["Layers"].is_array()) {
    return MakeError(ErrorKind::kFormat, shown + ": manifest.json: no Config or Layers");
  }
  std::string cfg;
  if (!CleanName(img["Config"].get<std::string>().c_str(), &cfg)) {
    return MakeError(ErrorKind::kFormat, shown + ": manifest.json: bad Config path");
  }
  plan.config = cfg;
  for (const auto& l : img["Layers"]) {
    std::string name;
    if (!l.is_string() || !CleanName(l.get<std::string>().c_str(), &name)) {
      return MakeError(ErrorKind::kFormat, shown + ": manifest.json: bad layer path");
    }
    plan.layers.push_back(name);
  }
  if (img.contains("RepoTags") && img["RepoTags"].is_array()) {
    for (const auto& t : img["RepoTags"]) {
      if (t.is_string()) plan.tags.push_back(t.get<std::string>());
    }
  }
  return plan;
}

Result<ImagePlan> PlanOci(ImageSource& src, const std::string& shown) {
  auto index = ParseJson(src, "index.json", shown);
  if (!index.ok()) return index.error();
  ImagePlan plan;
  plan.format = "oci-layout";
  json manifest;
  json current = *index;
  for (int depth = 0;; ++depth) {
    if (depth > 4) return MakeError(ErrorKind::kFormat, shown + ": image indexes nested too deep");
    if (!current.contains("manifests") || !current["manifests"].is_array()) {
      return MakeError(ErrorKind::kFormat, shown + ": index without manifests");
    }
    // Attestations and other non-image entries have platform unknown/unknown.
    std::vector<json> images;
    for (const auto& d : current["manifests"]) {
      if (d.contains("platform") && d["platform"].is_object() && d["platform"].value("os", "") == "unknown") continue;
      images.push_back(d);
    }
    const json* chosen = nullptr;
    if (images.size() == 1) {
      chosen = &images[0];
    } else {
      for (const auto& d : images) {
        if (d.contains("platform") && d["platform"].is_object() && d["platform"].value("os", "") == "linux" &&
            d["platform"].value("architecture", "") == HostArch()) {
          chosen = &d;
          break;
        }
      }
    }
    if (chosen == nullptr) {
      std::string names;
      for (const auto& d : images) {
        std::string n = d.contains("annotations") && d["annotations"].is_object()
                            ? d["annotations"].value("org.opencontainers.image.ref.name", "")
                            : "";
        if (n.empty() && d.contains("platform") && d["platform"].is_object()) {
          n = d["platform"].value("os", "?") + "/" + d["platform"].value("architecture", "?");
        }
        names += (names.empty() ? "" : ", ") + (n.empty() ? d.value("digest", "?") : n);
      }
      return MakeError(ErrorKind::kInvalidArgument, shown + ": holds " + std::to_string(images.size()) +
                                                        " images (" + names + "); give a layout with one image");
    }
    if (chosen->contains("annotations") && (*chosen)["annotations"].is_object()) {
      std::string ref = (*chosen)["annotations"].value("org.opencontainers.image.ref.name", "");
      if (!ref.empty()) plan.tags.push_back(ref);
    }
    auto blob = BlobPath(*chosen, shown);
    if (!blob.ok()) return blob.error();
    auto doc = ParseJson(src, *blob, shown);
    if (!doc.ok()) return doc.error();
    const std::string media = doc->value("mediaType", chosen->value("mediaType", ""));
    if (doc->contains("manifests")) {  // an index (multi-platform)
      current = *doc;
      continue;
    }
    (void)media;
    manifest = *doc;
    break;
  }
  if (!manifest.contains("config") || !manifest.contains("layers") || !manifest["layers"].is_array()) {
    return MakeError(ErrorKind::kFormat, shown + ": image manifest without config or layers");
  }
  auto cfg = BlobPath(manifest["config"], shown);
  if (!cfg.ok()) return cfg.error();
  plan.config = *cfg;
  for (const auto& l : manifest["layers"]) {
    auto p = BlobPath(l, shown);
    if (!p.ok()) return p.error();
    plan.layers.push_back(*p);
  }
  return plan;
}

// Applies one layer (see image.h for the rules).
Status ApplyLayer(archive* a, const std::string& shown, const PathFilter& filter, Tree& tree,
                  const ImageLimits& limits, UnpackedImage& out, std::set<std::string>* wanted_links) {
  std::set<std::string> this_layer;
  std::vector<std::string> opaque;
  archive_entry* e = nullptr;
  int r;
  while ((r = Lib().read_next_header(a, &e)) == ARCHIVE_OK) {
    if (++out.entries_read > limits.max_entries) {
      return MakeError(ErrorKind::kUnsupported, shown + ": more than " + std::to_string(limits.max_entries) + " entries");
    }
    const char* raw = Lib().entry_pathname(e);
    std::string name;
    if (!CleanName(raw, &name)) {
      if (raw && std::string(raw).find("..") != std::string::npos) {
        out.skipped.push_back(std::string(raw) + ": name leaves the image root");
      }
      continue;
    }
    const std::string dir = Parent(name);
    const std::string base = name.substr(dir.empty() ? 0 : dir.size() + 1);
    if (base.rfind(".wh.", 0) == 0) {
      if (base == ".wh..wh..opq") {
        opaque.push_back(dir);
        tree.RemoveChildrenOlderThanLayer(dir, this_layer);
      } else {
        const std::string gone = (dir.empty() ? "" : dir + "/") + base.substr(4);
        if (!this_layer.count(gone)) tree.Remove(gone);
      }
      continue;
    }
    this_layer.insert(name);
    const PathFilter::Match match = filter.Classify(name);
    const auto type = Lib().entry_filetype(e);
    const char* hardlink = Lib().entry_hardlink(e);
    if (type == AE_IFLNK) {
      const char* target = Lib().entry_symlink(e);
      if (Status s = tree.Symlink(name, target ? target : ""); !s.ok()) return s;
      ++out.files_written;
      continue;
    }
    if (match != PathFilter::Match::kKeep) {
      // Not a trust path: an overlay still lets it hide what lower layers
      // put there (a file over a folder, a folder over a link).
      if (type == AE_IFDIR) {
        if (tree.IsLink(name)) {
          int fd = tree.OpenDir(name);  // replaces the link with a folder
          if (fd >= 0) ::close(fd);
        }
      } else if (tree.Has(name)) {
        tree.Remove(name);
      }
      continue;
    }
    if (hardlink != nullptr) {
      std::string target;
      if (!CleanName(hardlink, &target)) {
        out.skipped.push_back(name + ": hard link leaves the image root");
        continue;
      }
      auto linked = tree.HardLink(name, target);
      if (!linked.ok()) return linked.error();
      if (*linked) {
        ++out.files_written;
      } else {
        wanted_links->insert(target);  // read the target too, next round
      }
      continue;
    }
    if (type == AE_IFDIR) {
      int fd = tree.OpenDir(name);
      if (fd < 0) return MakeError(ErrorKind::kIo, name + ": " + std::strerror(errno));
      ::close(fd);
      continue;
    }
    if (type != AE_IFREG) {
      out.skipped.push_back(name + ": not a file, folder or link");
      tree.Remove(name);
      continue;
    }
    if (Status s = tree.WriteFile(name, a, Lib().entry_size(e), &out.bytes_written); !s.ok()) {
      Error err = s.error();
      err.message = shown + ": " + err.message;
      return err;
    }
    ++out.files_written;
  }
  if (r != ARCHIVE_EOF) return MakeError(ErrorKind::kFormat, shown + ": " + ArchiveError(a));
  return {};
}

bool IsDirPath(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

UnpackedImage::UnpackedImage(UnpackedImage&& other) noexcept { *this = std::move(other); }

UnpackedImage& UnpackedImage::operator=(UnpackedImage&& other) noexcept {
  if (this != &other) {
    if (!root.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(root, ec);
    }
    source = std::move(other.source);
    format = std::move(other.format);
    root = std::move(other.root);
    other.root.clear();
    repo_tags = std::move(other.repo_tags);
    env = std::move(other.env);
    layers = std::move(other.layers);
    entries_read = other.entries_read;
    files_written = other.files_written;
    bytes_written = other.bytes_written;
    skipped = std::move(other.skipped);
  }
  return *this;
}

UnpackedImage::~UnpackedImage() {
  if (!root.empty()) {
    // remove_all never follows the tree's links (it removes them).
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
}

bool LooksLikeImage(const std::string& path) {
  if (IsDirPath(path)) {
    struct stat st;
    return ::stat((path + "/oci-layout").c_str(), &st) == 0 || ::stat((path + "/manifest.json").c_str(), &st) == 0;
  }
  ArchivePtr a = NewReader();
  if (!a) return false;
  if (Lib().read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) return false;
  archive_entry* e = nullptr;
  return Lib().read_next_header(a.get(), &e) == ARCHIVE_OK;
}

Result<UnpackedImage> UnpackImage(const std::string& path, const ImageOptions& options) {
  if (!Lib().error.empty()) return MakeError(ErrorKind::kUnsupported, path + ": " + Lib().error);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return MakeError(ErrorKind::kIo, path + ": " + std::strerror(errno));
  std::unique_ptr<ImageSource> src;
  if (S_ISDIR(st.st_mode)) {
    src = std::make_unique<DirSource>(path, options.limits.max_document_bytes);
  } else if (S_ISREG(st.st_mode)) {
    auto tar = std::make_unique<TarSource>(path, options.limits.max_document_bytes);
    if (Status s = tar->Index(); !s.ok()) {
      return MakeError(ErrorKind::kFormat, path + ": not a container image archive (" + s.error().message + ")");
    }
    src = std::move(tar);
  } else {
    return MakeError(ErrorKind::kIo, path + ": not a file or folder");
  }

  Result<ImagePlan> plan = MakeError(ErrorKind::kFormat,
                                     path + ": not a container image (no manifest.json of `docker save`, no OCI "
                                            "index.json)");
  if (src->Exists("manifest.json")) {
    plan = PlanDockerSave(*src, path);
  } else if (src->Exists("index.json")) {
    plan = PlanOci(*src, path);
  }
  if (!plan.ok()) return plan.error();
  if (static_cast<int>(plan->layers.size()) > options.limits.max_layers) {
    return MakeError(ErrorKind::kUnsupported, path + ": " + std::to_string(plan->layers.size()) + " layers, over the limit of " +
                                                  std::to_string(options.limits.max_layers));
  }

  UnpackedImage out;
  out.source = path;
  out.format = plan->format;
  out.repo_tags = plan->tags;
  out.layers = plan->layers;
  auto config = ParseJson(*src, plan->config, path);
  if (!config.ok()) return config.error();
  if (config->contains("config") && (*config)["config"].is_object() && (*config)["config"].contains("Env") &&
      (*config)["config"]["Env"].is_array()) {
    for (const auto& kv : (*config)["config"]["Env"]) {
      if (kv.is_string()) out.env.push_back(kv.get<std::string>());
    }
  }

  PathFilter filter;
  for (const auto& p : ImageTrustPaths()) filter.Add(p);
  for (const auto& p : image_internal::EnvTrustPaths(out.env)) filter.Add(p);

  std::string base = options.temp_dir;
  if (base.empty()) {
    const char* t = std::getenv("TMPDIR");
    base = t && *t ? t : "/tmp";
  }
  // Rounds: links among the trust paths may lead to files outside them
  // (a cacerts link into /etc/alternatives); those are added and the
  // layers applied again on a fresh tree, at most four times.
  for (int round = 0;; ++round) {
    std::string tmpl = base + "/trustready-image-XXXXXX";
    if (!::mkdtemp(tmpl.data())) return MakeError(ErrorKind::kIo, base + ": cannot create a temporary folder: " + std::strerror(errno));
    out.root = tmpl;  // removed by `out` from here on
    out.entries_read = out.files_written = out.bytes_written = 0;
    out.skipped.clear();
    int root_fd = ::open(out.root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) return MakeError(ErrorKind::kIo, out.root + ": " + std::strerror(errno));
    Tree tree(root_fd, options.limits);
    std::set<std::string> wanted_links;
    Status status;
    for (const std::string& layer : plan->layers) {
      status = src->WithLayer(layer, [&](archive* a) {
        return ApplyLayer(a, path + ": " + layer, filter, tree, options.limits, out, &wanted_links);
      });
      if (!status.ok()) break;
    }
    ::close(root_fd);
    if (!status.ok()) return status.error();
    // Targets of the links that matter (at or above a trust path) that
    // this round did not write.
    bool more = false;
    for (const auto& [link, target] : tree.links()) {
      // Links above a trust path (default-java -> java-17-openjdk) lead
      // to folders the patterns match already; following them would pull
      // in whole runtimes.
      if (filter.Classify(link) != PathFilter::Match::kKeep) continue;
      std::string t = target.empty() || target[0] != '/' ? Parent(link) + "/" + target : target;
      t = tree.Resolve(Normalize(t));
      if (!t.empty() && filter.Classify(t) != PathFilter::Match::kKeep) {
        filter.Add(t);
        more = true;
      }
    }
    for (const auto& t : wanted_links) {
      if (filter.Classify(t) != PathFilter::Match::kKeep) {
        filter.Add(t);
        more = true;
      }
    }
    if (!more || round >= 3) break;
    std::error_code ec;
    std::filesystem::remove_all(out.root, ec);
    out.root.clear();
  }
  return out;
}

}  // namespace trustready
