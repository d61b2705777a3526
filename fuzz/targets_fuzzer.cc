// libFuzzer: the fleet targets file reader in each of its formats (list,
// CSV, JSONL, nmap -oG, and format guessing), one `list` line at a time, and
// the target key and shard of everything that parses.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "trustready/fleet/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trustready::fleet;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // The reader opens a path: an in-memory file, reached through /proc.
  const int fd = memfd_create("targets", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (size > 0 && write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  for (TargetFormat f : {TargetFormat::kAuto, TargetFormat::kList, TargetFormat::kCsv, TargetFormat::kJsonl,
                         TargetFormat::kNmapGrep}) {
    TargetDefaults defaults;
    defaults.resolve = {"example.com:443:127.0.0.1"};
    auto reader = TargetReader::Open(path, f, defaults);
    if (!reader.ok()) continue;
    for (int i = 0; i < 10000; ++i) {
      auto t = (*reader)->Next();
      if (!t.ok() || !t->has_value()) break;
      const FleetTarget& target = **t;
      const std::string key = target.Key();
      if (key.empty()) __builtin_trap();
      (void)target.EffectiveSni();
      (void)target.NameToCheck();
      const int shard = ShardOf(key, 7);
      if (shard < 0 || shard >= 7) __builtin_trap();
    }
  }
  close(fd);
  size_t start = 0;
  for (int lines = 0; start <= bytes.size() && lines < 64; ++lines) {
    size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    (void)ParseListLine(bytes.substr(start, end - start));
    start = end + 1;
  }
  (void)ParseShard(bytes.substr(0, 32));
  return 0;
}
