// data status: the date and source of every part of the shipped data.
#include "trustready/importer/data_status.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "trustready/base/data_dir.h"
#include "trustready/base/file_io.h"
#include "trustready/x509/time.h"
#include "trustready/x509/pem.h"

namespace trustready {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// data/sources.json: {"licences": [{"prefix": "...", "licence": "..."}]}.
// A missing file means no licences are known; a broken one is an error.
Result<std::vector<std::pair<std::string, std::string>>> LoadLicences(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string path = dir + "/sources.json";
  if (!fs::exists(path)) return out;
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("licences") || !j["licences"].is_array())
    return MakeError(ErrorKind::kFormat, path + ": expected an object with a \"licences\" array");
  for (const auto& l : j["licences"]) {
    if (!l.is_object()) return MakeError(ErrorKind::kFormat, path + ": licence entry is not an object");
    out.emplace_back(Str(l, "prefix"), Str(l, "licence"));
  }
  return out;
}

std::string LicenceFor(const std::vector<std::pair<std::string, std::string>>& licences,
                       const std::string& source) {
  for (const auto& [prefix, licence] : licences)
    if (!prefix.empty() && source.rfind(prefix, 0) == 0) return licence;
  return "";
}

// The folders of `dir` holding `file`, sorted by name.
std::vector<std::string> FoldersWith(const std::string& dir, const char* file) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_directory() && fs::exists(e.path() / file)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::optional<int> AgeDays(const std::string& date, int64_t now) {
  if (date.size() != 10) return std::nullopt;
  auto t = ParseRfc3339(date);
  if (!t.ok()) return std::nullopt;
  int64_t diff = now - *t;
  return static_cast<int>(diff >= 0 ? diff / 86400 : -((-diff + 86399) / 86400));
}

Result<DataStatus> LoadDataStatus(const std::string& data_dir_in, int64_t now) {
  DataStatus st;
  st.data_dir = data_dir_in.empty() ? DataDir() : data_dir_in;
  if (now == 0) now = Now();
  st.now = FormatDate(now);
  auto licences = LoadLicences(st.data_dir);
  if (!licences.ok()) return licences.error();

  auto platforms = LoadPlatformData(st.data_dir + "/platforms");
  if (!platforms.ok()) return platforms.error();
  for (const auto& p : (*platforms)->Platforms()) {
    DataSource s;
    s.id = "platforms/" + p;
    s.kind = "platform";
    for (const auto& snap : (*platforms)->snapshots) {
      if (snap.platform != p) continue;
      ++s.snapshots;
      if (snap.date >= s.date) {
        s.date = snap.date;
        s.source = snap.source;
      }
    }
    s.licence = LicenceFor(*licences, s.source);
    st.sources.push_back(std::move(s));
  }

  struct Kind {
    const char* folder;
    const char* file;
    const char* kind;
  };
  for (const Kind& k : {Kind{"catalog", "operator.json", "catalog"}, Kind{"profiles", "profile.json", "profile"}}) {
    const std::string dir = st.data_dir + "/" + k.folder;
    for (const auto& name : FoldersWith(dir, k.file)) {
      const std::string path = dir + "/" + name + "/" + k.file;
      auto text = ReadFile(path);
      if (!text.ok()) return text.error();
      json j = json::parse(*text, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return MakeError(ErrorKind::kFormat, path + ": not a JSON object");
      DataSource s;
      s.id = std::string(k.folder) + "/" + name;
      s.kind = k.kind;
      s.date = Str(j, "as_of");
      s.source = Str(j, "source");
      if (s.source.empty() && j.contains("sources") && j["sources"].is_array() && !j["sources"].empty() &&
          j["sources"][0].is_string())
        s.source = j["sources"][0].get<std::string>();
      if (s.source.empty() && j.contains("references") && j["references"].is_array() &&
          !j["references"].empty() && j["references"][0].is_string())
        s.source = j["references"][0].get<std::string>();
      s.licence = LicenceFor(*licences, s.source);
      st.sources.push_back(std::move(s));
    }
  }
  for (auto& s : st.sources) s.age_days = AgeDays(s.date, now);
  return st;
}

DataDate DataDateOf(const PlatformData& data, const std::vector<const PlatformSnapshot*>& snapshots) {
  std::map<std::string, const PlatformSnapshot*> newest;
  for (const auto* used : snapshots) newest.emplace(used->platform, nullptr);
  for (const auto& s : data.snapshots) {
    auto it = newest.find(s.platform);
    if (it != newest.end() && (!it->second || s.date >= it->second->date)) it->second = &s;
  }
  DataDate out;
  for (const auto& [platform, snap] : newest) {
    if (!snap) continue;
    if (out.date.empty() || snap->date < out.date) out = {snap->date, platform, snap->source};
  }
  return out;
}

DataDate DataDateOfStores(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  auto data = LoadPlatformData();
  if (!data.ok()) return {};
  std::vector<const PlatformSnapshot*> used;
  for (const std::string& name : names) {
    if (const PlatformSnapshot* snap = (*data)->Find(name)) used.push_back(snap);
  }
  return used.empty() ? DataDate{} : DataDateOf(**data, used);
}

bool IsStale(const DataSource& source, int max_age_days) {
  return !source.age_days || *source.age_days > max_age_days;
}

DataAgeCounts CountDataAge(const DataStatus& status, int max_age_days) {
  DataAgeCounts c;
  for (const DataSource& s : status.sources) {
    if (!s.age_days) ++c.undated;
    else if (*s.age_days > max_age_days) ++c.stale;
  }
  return c;
}

std::string NewestPlatformSnapshotDate(const std::string& data_dir) {
  // One read (an istreambuf_iterator copy of the 226 KB took ~0.8 ms).
  auto read = ReadFile(data_dir + "/platforms/snapshots.json");
  const std::string text = read.ok() ? std::move(*read) : std::string();
  std::string newest;
  const std::string key = "\"date\"";
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    size_t v = text.find_first_not_of(" :", at + key.size());
    if (v == std::string::npos || text[v] != '"') continue;
    std::string date = text.substr(v + 1, 10);
    if (date.size() == 10 && date[4] == '-' && date[7] == '-' && date > newest) newest = date;
  }
  return newest;
}

}  // namespace trustready
