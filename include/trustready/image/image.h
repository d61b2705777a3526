// Container images without a daemon: the trust-relevant files of a
// `docker save` archive or an OCI image layout (a folder or a tar of one,
// either optionally gzip- or zstd-compressed), unpacked into a private
// temporary tree that `--root` discovery then reads like any other file tree.
//
// What is done, in order:
//  1. The image's index is read: `manifest.json` (docker save) or
//     `index.json` (OCI; a multi-platform index picks linux on this machine's
//     architecture, else its only image). An archive holding several images
//     is an error naming them: the answer must be about one image.
//  2. The image config's `Env` is returned (KEY=VALUE, as the image sets it)
//     for client resolution; nothing of the image is run.
//  3. Each layer is applied in order (libarchive reads tar, gzip, zstd):
//     whiteouts (`.wh.NAME` removes NAME of the layers below, the opaque
//     `.wh..wh..opq` everything below in its folder) and replacements as an
//     overlay filesystem sees them. Only entries under the trust-relevant
//     paths (kTrustPaths, plus the paths the image's Env names, plus the
//     targets of links among them) are written; others are read past.
//
// Safety: entry names are relative to the image root ('/' and "./" prefixes
// dropped; a ".." component skips the entry); the tree is written with
// openat(O_NOFOLLOW) on every component, so that no link of the image, of
// this or an earlier layer, is ever followed while writing (a folder that a
// lower layer made a link is replaced by a real one, as in an overlay);
// links are created verbatim and are resolved later by ResolveInRoot, which
// never leaves the tree. Files are written 0644, folders 0755; devices and
// FIFOs are skipped. Sizes are capped (ImageLimits); a cap reached is an
// error, never a silently partial tree. Layer digests are not verified.
#ifndef TRUSTREADY_IMAGE_IMAGE_H_
#define TRUSTREADY_IMAGE_IMAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "trustready/base/result.h"

namespace trustready {

struct ImageLimits {
  // One extracted file. The largest trust files are NSS databases and
  // Java cacerts (well under 2 MiB); 64 MiB leaves room for odd bundles.
  uint64_t max_file_bytes = 64ull << 20;
  // Everything written to the tree (trust files only).
  uint64_t max_total_bytes = 512ull << 20;
  // Index, manifest and config documents, each (they are a few KiB).
  uint64_t max_document_bytes = 4ull << 20;
  // Entries read across all layers, extracted or not (a full distribution
  // image has ~100k).
  uint64_t max_entries = 5'000'000;
  // Layers (Docker's limit is 127; OCI sets none).
  int max_layers = 512;
};

struct ImageOptions {
  ImageLimits limits;
  // Where the private tree is created (mkdtemp); empty: $TMPDIR or /tmp.
  std::string temp_dir;
};

// The unpacked image. The tree is removed when the object is destroyed.
class UnpackedImage {
 public:
  UnpackedImage() = default;
  UnpackedImage(const UnpackedImage&) = delete;
  UnpackedImage& operator=(const UnpackedImage&) = delete;
  UnpackedImage(UnpackedImage&& other) noexcept;
  UnpackedImage& operator=(UnpackedImage&& other) noexcept;
  ~UnpackedImage();

  std::string source;                 // as given
  std::string format;                 // "docker-save" or "oci-layout"
  std::string root;                   // the private tree (for --root discovery)
  std::vector<std::string> repo_tags;  // docker save RepoTags / OCI ref names
  std::vector<std::string> env;       // config Env, KEY=VALUE
  std::vector<std::string> layers;    // layer names applied, in order
  uint64_t entries_read = 0;
  uint64_t files_written = 0;
  uint64_t bytes_written = 0;
  // Entries passed over for safety (".." names, devices), one line each.
  std::vector<std::string> skipped;
};

// Whether `path` looks like an image (a tar/compressed file, or a folder
// with `oci-layout` or `manifest.json`); cheap, for telling users.
bool LooksLikeImage(const std::string& path);

// Unpacks the trust-relevant files of the image at `path`. Errors name the
// input: kIo (unreadable), kFormat (not an image, a malformed index or
// layer), kInvalidArgument (several images), kUnsupported (a cap reached).
Result<UnpackedImage> UnpackImage(const std::string& path, const ImageOptions& options = {});

// The logical paths kept from every layer (prefixes, '*' matching one
// component), as discovery looks for stores (store_discovery.cc).
const std::vector<std::string>& ImageTrustPaths();

// The value of KEY in an Env list ("KEY=VALUE"); the last one wins, as in
// a process environment built from it. Empty when absent.
std::string EnvValue(const std::vector<std::string>& env, const std::string& key);

}  // namespace trustready

#endif  // TRUSTREADY_IMAGE_IMAGE_H_
