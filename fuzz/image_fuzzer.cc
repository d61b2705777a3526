// libFuzzer: the container image reader (libarchive underneath, our layer
// application with whiteouts, links and caps on top). The first byte picks
// what the rest is: an image archive as given (docker save or OCI tar,
// maybe compressed), or one layer wrapped here in a well-formed `docker
// save` envelope so that the fuzzer reaches layer application at once.
// The envelope is written with libarchive's writer.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "trustready/image/image.h"

namespace {

void AddEntry(archive* a, const char* name, const std::string& data) {
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, name);
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
  archive_write_header(a, e);
  if (!data.empty()) archive_write_data(a, data.data(), data.size());
  archive_entry_free(e);
}

std::string Envelope(const std::string& layer, bool env) {
  std::string out(layer.size() + 16384, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (archive_write_open_memory(a, out.data(), out.size(), &used) != ARCHIVE_OK) {
    archive_write_free(a);
    return {};
  }
  AddEntry(a, "manifest.json", R"([{"Config":"config.json","RepoTags":["fuzz:1"],"Layers":["layer.tar"]}])");
  AddEntry(a, "config.json", env ? R"({"config":{"Env":["SSL_CERT_FILE=/etc/ssl/x.pem","PATH=/usr/bin"]}})"
                                 : R"({"config":{}})");
  AddEntry(a, "layer.tar", layer);
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready;
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (mode & 1) bytes = Envelope(bytes, mode & 2);
  if (bytes.empty()) return 0;
  char path[] = "/tmp/tr-image-fuzz-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 0;
  const bool written = write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  close(fd);
  if (written) {
    ImageOptions options;
    options.limits.max_total_bytes = 1 << 20;
    options.limits.max_document_bytes = 1 << 16;
    options.limits.max_file_bytes = 1 << 18;
    options.limits.max_entries = 20000;
    options.limits.max_layers = 8;
    auto image = UnpackImage(path, options);
    if (image.ok()) {
      if (image->root.empty()) __builtin_trap();
      (void)EnvValue(image->env, "SSL_CERT_FILE");
    }
    (void)LooksLikeImage(path);
  }
  unlink(path);
  return 0;
}
