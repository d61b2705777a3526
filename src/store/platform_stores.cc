// Platform snapshots from data/platforms/ (snapshots.json + certs.der +
// behaviors.json), turned into TrustStores named "PLATFORM:VERSION".
//
// certs.der is the concatenation of every certificate's DER in the order of
// snapshots.json "certificates"; each is a SEQUENCE TLV, so it is split by
// reading each outer header. Certificates are parsed once per process and
// shared by every snapshot store.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "trustready/x509/pem.h"
#include "trustready/base/strings.h"
#include "trustready/store/platform_stores.h"
#include "trustready/store/store_open.h"

namespace trustready {
namespace {

using nlohmann::json;

Error DataError(const std::string& path, const std::string& what) {
  return MakeError(ErrorKind::kFormat, path + ": " + what);
}

std::optional<Sha256> ParseSha256Hex(const std::string& hex) {
  if (hex.size() != 64) return std::nullopt;
  Sha256 out{};
  for (size_t i = 0; i < 32; ++i) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      char c = hex[2 * i + k];
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    out[i] = static_cast<uint8_t>(v);
  }
  return out;
}

// Splits concatenated DER SEQUENCEs. Only the outer header is read here;
// Certificate::Parse checks the rest strictly.
Result<std::vector<der::Input>> SplitDer(der::Input all, const std::string& path) {
  std::vector<der::Input> out;
  size_t pos = 0;
  while (pos < all.size()) {
    if (all.size() - pos < 2 || all[pos] != 0x30)
      return DataError(path, "not a DER SEQUENCE at byte " + std::to_string(pos));
    size_t len = all[pos + 1];
    size_t header = 2;
    if (len & 0x80) {
      size_t n = len & 0x7f;
      if (n == 0 || n > 3 || all.size() - pos < 2 + n)
        return DataError(path, "bad length at byte " + std::to_string(pos));
      len = 0;
      for (size_t i = 0; i < n; ++i) len = (len << 8) | all[pos + 2 + i];
      header += n;
    }
    if (all.size() - pos - header < len)
      return DataError(path, "truncated certificate at byte " + std::to_string(pos));
    out.push_back(all.Sub(pos, header + len));
    pos += header + len;
  }
  return out;
}

std::vector<int> LeadingNumbers(std::string_view v) {
  std::vector<int> out;
  size_t i = 0;
  while (i < v.size() && !std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
    int n = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
      n = n * 10 + (v[i] - '0');
      if (n > 1000000) n = 1000000;
      ++i;
    }
    out.push_back(n);
    if (i + 1 < v.size() && v[i] == '.' && std::isdigit(static_cast<unsigned char>(v[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return out;
}

void ApplyFields(const json& set, PlatformBehavior* b, const std::string& why) {
  if (set.contains("enforce_anchor_expiry") && set["enforce_anchor_expiry"].is_boolean())
    b->enforce_anchor_expiry = set["enforce_anchor_expiry"].get<bool>();
  if (set.contains("fetch_aia") && set["fetch_aia"].is_boolean())
    b->fetch_aia = set["fetch_aia"].get<bool>();
  if (set.contains("first_path_only") && set["first_path_only"].is_boolean())
    b->first_path_only = set["first_path_only"].get<bool>();
  if (!why.empty()) b->reasons.push_back(why);
}

std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// behaviors.json and root_properties.json "distrust_after": leaves issued
// after a date are not trusted through the listed roots.
Status ParseDistrustRules(const json& rules, const std::string& path, PlatformData* data) {
  if (!rules.is_array()) return DataError(path, "distrust_after is not an array");
  for (const auto& d : rules) {
    if (!d.is_object()) return DataError(path, "distrust_after entry is not an object");
    DistrustAfterRule rule;
    rule.platform = StringField(d, "platform");
    rule.in_snapshots_from = StringField(d, "in_snapshots_from");
    rule.policy = StringField(d, "policy");
    rule.why = StringField(d, "why");
    rule.source = StringField(d, "source");
    const std::string by = StringField(d, "by");
    if (by == "sct") rule.by = DistrustAfterRule::By::kSct;
    else if (!by.empty() && by != "notBefore")
      return DataError(path, "distrust_after \"by\" must be \"notBefore\" or \"sct\", not \"" + by + "\"");
    if (d.contains("from_versions")) {
      if (!d["from_versions"].is_array()) return DataError(path, "from_versions is not an array");
      for (const auto& v : d["from_versions"]) {
        if (!v.is_string()) return DataError(path, "from_versions entry is not a string");
        rule.from_versions.push_back(v.get<std::string>());
      }
    }
    auto t = ParseRfc3339(StringField(d, "server_distrust_after"));
    if (!t.ok()) return DataError(path, "bad server_distrust_after: " + t.error().ToString());
    rule.server_distrust_after = *t;
    if (!d.contains("roots") || !d["roots"].is_array())
      return DataError(path, "distrust_after entry without roots");
    for (const auto& r : d["roots"]) {
      auto fp = r.is_string() ? ParseSha256Hex(r.get<std::string>()) : std::nullopt;
      if (!fp) return DataError(path, "bad root fingerprint in distrust_after");
      rule.roots.push_back(*fp);
    }
    data->distrust_rules.push_back(std::move(rule));
  }
  return {};
}

Status LoadBehaviors(const std::string& path, PlatformData* data) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return DataError(path, "not a JSON object");
  if (j.contains("rules") && j["rules"].is_array()) {
    for (const auto& r : j["rules"]) {
      if (!r.is_object() || !r.contains("set") || !r["set"].is_object())
        return DataError(path, "rule without \"set\"");
      BehaviorRule rule;
      rule.platform = StringField(r, "platform");
      rule.version_below = StringField(r, "version_below");
      rule.why = StringField(r, "why");
      const json& set = r["set"];
      if (set.contains("enforce_anchor_expiry")) rule.enforce_anchor_expiry = set["enforce_anchor_expiry"].get<bool>();
      if (set.contains("fetch_aia")) rule.fetch_aia = set["fetch_aia"].get<bool>();
      if (set.contains("first_path_only")) rule.first_path_only = set["first_path_only"].get<bool>();
      data->behavior_rules.push_back(std::move(rule));
    }
  }
  if (j.contains("clients") && j["clients"].is_array()) {
    for (const auto& c : j["clients"]) {
      if (!c.is_object()) return DataError(path, "client is not an object");
      ClientProfile p;
      p.name = StringField(c, "name");
      p.store_platform = StringField(c, "store_platform");
      p.why = StringField(c, "why");
      if (c.contains("set") && c["set"].is_object()) ApplyFields(c["set"], &p.behavior, p.why);
      data->clients.push_back(std::move(p));
    }
  }
  if (j.contains("distrust_after")) {
    if (auto st = ParseDistrustRules(j["distrust_after"], path, data); !st.ok()) return st;
  }
  return {};
}

// data/platforms/root_properties.json (optional; scripts/microsoft_ctl.py):
// per-root properties a platform publishes beside its store. "distrust_after"
// as in behaviors.json; "not_server_auth": roots that snapshots of `platform`
// dated from `snapshots_from` (empty: all) list as trusted but that the
// platform does not trust for server authentication (Microsoft's CTL EKUs),
// so they are taken out of those snapshots' trusted sets.
struct ServerAuthExclusion {
  std::string platform;
  std::string snapshots_from;
  std::vector<Sha256> roots;
};

Status LoadRootProperties(const std::string& path, PlatformData* data, std::vector<ServerAuthExclusion>* out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  auto text = ReadFile(path);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return DataError(path, "not a JSON object");
  if (j.contains("distrust_after")) {
    if (auto st = ParseDistrustRules(j["distrust_after"], path, data); !st.ok()) return st;
  }
  if (j.contains("not_server_auth")) {
    if (!j["not_server_auth"].is_array()) return DataError(path, "not_server_auth is not an array");
    for (const auto& e : j["not_server_auth"]) {
      if (!e.is_object() || !e.contains("roots") || !e["roots"].is_array())
        return DataError(path, "not_server_auth entry without roots");
      ServerAuthExclusion x;
      x.platform = StringField(e, "platform");
      x.snapshots_from = StringField(e, "snapshots_from");
      if (x.platform.empty()) return DataError(path, "not_server_auth entry without platform");
      for (const auto& r : e["roots"]) {
        auto fp = r.is_string() ? ParseSha256Hex(r.get<std::string>()) : std::nullopt;
        if (!fp) return DataError(path, "bad root fingerprint in not_server_auth");
        x.roots.push_back(*fp);
      }
      out->push_back(std::move(x));
    }
  }
  return {};
}

PlatformBehavior ComputeBehavior(const PlatformData& data, const std::string& platform,
                                 const std::string& version) {
  PlatformBehavior b;
  for (const auto& r : data.behavior_rules) {
    if (r.platform != platform) continue;
    if (!r.version_below.empty() && CompareVersions(version, r.version_below) >= 0) continue;
    if (r.enforce_anchor_expiry) b.enforce_anchor_expiry = *r.enforce_anchor_expiry;
    if (r.fetch_aia) b.fetch_aia = *r.fetch_aia;
    if (r.first_path_only) b.first_path_only = *r.first_path_only;
    if (!r.why.empty()) b.reasons.push_back(r.why);
  }
  return b;
}

// Does a rule with from_versions apply to `version`? Trains are the leading
// number ("11.0.24" is train 11; Java's "jdk-11.0.24" and "8u421" alike).
bool VersionApplies(const std::vector<std::string>& from_versions, const std::string& version) {
  if (from_versions.empty()) return true;
  auto v = LeadingNumbers(version);
  if (v.empty()) return false;
  int newest_train = 0;
  for (const auto& f : from_versions) {
    auto fv = LeadingNumbers(f);
    if (fv.empty()) continue;
    newest_train = std::max(newest_train, fv[0]);
    if (fv[0] == v[0]) return CompareVersions(version, f) >= 0;
  }
  return v[0] > newest_train;
}

Result<Sha256> FingerprintField(const json& j, const std::string& path, const std::string& what) {
  auto fp = j.is_string() ? ParseSha256Hex(j.get<std::string>()) : std::nullopt;
  if (!fp) return DataError(path, "bad fingerprint in " + what);
  return *fp;
}

// data/platforms/imported/*.json: snapshots written by `trustready data
// import` (ImportedSnapshot::ToJson), fingerprints instead of indexes; each
// must resolve to a certificate of certs.der.
Status LoadImported(const std::string& dir, PlatformData* data, std::vector<PlatformSnapshot>* out) {
  std::error_code ec;
  const std::string idir = dir + "/imported";
  if (!std::filesystem::is_directory(idir, ec)) return {};
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(idir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::unordered_map<Sha256, uint32_t, Sha256Hash> index;
  for (uint32_t i = 0; i < data->fingerprints.size(); ++i) index.emplace(data->fingerprints[i], i);
  for (const auto& path : files) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.error();
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return DataError(path, "not a JSON object");
    PlatformSnapshot snap;
    snap.platform = StringField(j, "platform");
    snap.version = StringField(j, "version");
    snap.date = StringField(j, "date");
    snap.source = StringField(j, "source");
    snap.file = "imported/" + std::filesystem::path(path).filename().string();
    if (snap.platform.empty() || snap.version.empty() || snap.date.size() != 10)
      return DataError(path, "platform, version and date (YYYY-MM-DD) are required");
    // A blocked entry may be one of snapshots.json's fingerprint_only
    // (blocked fingerprints published without a certificate, as in the JDK's
    // blocked.certs); a trusted one or an anchor needs the certificate.
    auto resolve = [&](const json& f, const std::string& what) -> Result<uint32_t> {
      auto fp = FingerprintField(f, path, what);
      if (!fp.ok()) return fp.error();
      auto it = index.find(*fp);
      if (it == index.end() || (what != "blocked" && !data->certificates[it->second]))
        return DataError(path, what + " " + f.get<std::string>() + " has no certificate in certs.der");
      return it->second;
    };
    for (const char* key : {"trusted", "blocked"}) {
      if (!j.contains(key) || !j[key].is_array()) return DataError(path, std::string("missing ") + key);
      for (const auto& f : j[key]) {
        auto idx = resolve(f, key);
        if (!idx.ok()) return idx.error();
        (std::string(key) == "trusted" ? snap.trusted : snap.blocked).push_back(*idx);
      }
    }
    if (j.contains("anchors")) {
      if (!j["anchors"].is_array()) return DataError(path, "anchors is not an array");
      for (const auto& a : j["anchors"]) {
        if (!a.is_object() || !a.contains("sha256")) return DataError(path, "anchor without sha256");
        auto idx = resolve(a["sha256"], "anchor");
        if (!idx.ok()) return idx.error();
        AnchorConstraints c;
        c.root = *idx;
        if (a.contains("constraints")) {
          if (!a["constraints"].is_array()) return DataError(path, "constraints is not an array");
          for (const auto& s : a["constraints"]) {
            if (!s.is_object()) return DataError(path, "constraint set is not an object");
            AnchorConstraintSet set;
            if (s.contains("sct_not_after")) {
              auto t = ParseRfc3339(StringField(s, "sct_not_after"));
              if (!t.ok()) return DataError(path, "bad sct_not_after: " + t.error().ToString());
              set.sct_not_after = *t;
            }
            set.min_version = StringField(s, "min_version");
            set.max_version_exclusive = StringField(s, "max_version_exclusive");
            c.sets.push_back(std::move(set));
          }
        }
        if (a.contains("server_distrust_after")) {
          auto t = ParseRfc3339(StringField(a, "server_distrust_after"));
          if (!t.ok()) return DataError(path, "bad server_distrust_after: " + t.error().ToString());
          snap.distrust_after.emplace_back(*idx, *t);
        }
        if (a.contains("ev_policy_oids") && a["ev_policy_oids"].is_array())
          for (const auto& o : a["ev_policy_oids"])
            if (o.is_string()) c.ev_policy_oids.push_back(o.get<std::string>());
        snap.constraints.push_back(std::move(c));
      }
    }
    out->push_back(std::move(snap));
  }
  return {};
}

// The feature release of an OpenJDK version label ("jdk-21.0.2" -> 21);
// 0 for labels that are not "jdk-..." (the observatory's dated "2018-10-27").
int JavaFeature(const std::string& version) {
  if (version.rfind("jdk-", 0) != 0) return 0;
  auto v = LeadingNumbers(version);
  return v.empty() ? 0 : v[0];
}

// Does a rule with from_versions apply to the newest updates of feature
// release `feature`? Listed for that train: yes (its newest updates are at
// or past the listed one); not listed: only trains newer than every listed
// one (as VersionApplies).
bool AppliesToLine(const std::vector<std::string>& from_versions, int feature) {
  if (from_versions.empty()) return true;
  int newest_train = 0;
  for (const auto& f : from_versions) {
    auto fv = LeadingNumbers(f);
    if (fv.empty()) continue;
    if (fv[0] == feature) return true;
    newest_train = std::max(newest_train, fv[0]);
  }
  return feature > newest_train;
}

// PlatformData::lines: "java:21" is what a user of Java 21 runs today, an
// update of the 21 line, not 21 GA. Its roots are those of the newest 21
// release the data models (roots that later updates add are missing: an
// answer can only be stricter); its distrust policies are every policy the
// line's newest updates enforce (a GA release lacks those its updates
// added: Entrust from 21.0.5, Camerfirma from 21.0.7, Chunghwa from
// 21.0.11). Roots that later updates removed stay, which is safe while
// each such root is expired or under one of those policies
// (tests/catalog/openjdk_snapshots_test.cc checks that for every line).
void AddJavaUpdateLines(PlatformData* data) {
  std::map<int, const PlatformSnapshot*> newest;
  for (const auto& s : data->snapshots) {
    if (s.platform != "openjdk") continue;
    const int feature = JavaFeature(s.version);
    if (feature == 0) continue;
    auto& best = newest[feature];
    if (best == nullptr || CompareVersions(s.version, best->version) > 0 ||
        (CompareVersions(s.version, best->version) == 0 && s.date > best->date))
      best = &s;
  }
  for (const auto& [feature, base] : newest) {
    PlatformSnapshot line = *base;
    line.version = "jdk-" + std::to_string(feature) + "u";
    line.name = "openjdk:" + line.version;
    line.distrust_after.clear();
    line.sct_distrust_after.clear();
    std::string policies;
    for (const auto& rule : data->distrust_rules) {
      if (rule.platform != "openjdk" || line.date < rule.in_snapshots_from) continue;
      if (!AppliesToLine(rule.from_versions, feature)) continue;
      if (!rule.policy.empty()) policies += (policies.empty() ? "" : ", ") + rule.policy;
      auto& list = rule.by == DistrustAfterRule::By::kSct ? line.sct_distrust_after : line.distrust_after;
      for (const auto& fp : rule.roots) {
        if (auto idx = data->IndexOf(fp)) list.emplace_back(*idx, rule.server_distrust_after);
      }
    }
    const std::string f = std::to_string(feature);
    line.source = "the " + f + " update line: the roots of " + base->name + " (the newest " + f +
                  " state modelled; roots its later updates added are missing) with the distrust policies its " +
                  "newest updates enforce (" + (policies.empty() ? "none" : policies) + "); " + base->source;
    data->lines.push_back(std::move(line));
  }
}

Result<std::shared_ptr<PlatformData>> LoadFrom(const std::string& dir) {
  auto data = std::make_shared<PlatformData>();
  data->dir = dir;
  const std::string snapshots_path = dir + "/snapshots.json";
  const std::string certs_path = dir + "/certs.der";
  auto text = ReadFile(snapshots_path);
  if (!text.ok()) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return DataError(snapshots_path, "not a JSON object");
  if (!j.contains("certificates") || !j["certificates"].is_array() ||
      !j.contains("snapshots") || !j["snapshots"].is_array())
    return DataError(snapshots_path, "missing \"certificates\" or \"snapshots\"");

  auto der_text = ReadFile(certs_path);
  if (!der_text.ok()) return der_text.error();
  auto pieces = SplitDer(der::Input(std::string_view(*der_text)), certs_path);
  if (!pieces.ok()) return pieces.error();
  const auto& certs_json = j["certificates"];
  if (pieces->size() != certs_json.size())
    return DataError(certs_path, std::to_string(pieces->size()) + " certificates, snapshots.json lists " +
                                     std::to_string(certs_json.size()));
  for (size_t i = 0; i < certs_json.size(); ++i) {
    auto fp = certs_json[i].is_string() ? ParseSha256Hex(certs_json[i].get<std::string>()) : std::nullopt;
    if (!fp) return DataError(snapshots_path, "bad fingerprint at certificates[" + std::to_string(i) + "]");
    auto cert = Certificate::Parse((*pieces)[i]);
    if (!cert.ok())
      return DataError(certs_path, "certificate " + std::to_string(i) + ": " + cert.error().ToString());
    if ((*cert)->sha256() != *fp)
      return DataError(certs_path, "certificate " + std::to_string(i) + " does not match its fingerprint");
    data->fingerprints.push_back(*fp);
    data->certificates.push_back(*cert);
  }
  if (j.contains("fingerprint_only") && j["fingerprint_only"].is_array()) {
    for (const auto& f : j["fingerprint_only"]) {
      auto fp = f.is_string() ? ParseSha256Hex(f.get<std::string>()) : std::nullopt;
      if (!fp) return DataError(snapshots_path, "bad fingerprint in fingerprint_only");
      data->fingerprints.push_back(*fp);
      data->certificates.push_back(nullptr);
    }
  }

  const std::string behaviors_path = dir + "/behaviors.json";
  if (auto st = LoadBehaviors(behaviors_path, data.get()); !st.ok()) return st.error();
  std::vector<ServerAuthExclusion> exclusions;
  if (auto st = LoadRootProperties(dir + "/root_properties.json", data.get(), &exclusions); !st.ok())
    return st.error();

  const uint32_t n = static_cast<uint32_t>(data->fingerprints.size());
  std::map<std::string, int> label_count;
  for (const auto& s : j["snapshots"]) {
    if (!s.is_object()) return DataError(snapshots_path, "snapshot is not an object");
    PlatformSnapshot snap;
    snap.platform = StringField(s, "platform");
    snap.version = StringField(s, "version");
    snap.date = StringField(s, "date");
    snap.source = StringField(s, "source");
    if (snap.platform.empty() || snap.version.empty())
      return DataError(snapshots_path, "snapshot without platform or version");
    for (const char* key : {"trusted", "blocked"}) {
      if (!s.contains(key) || !s[key].is_array())
        return DataError(snapshots_path, snap.platform + ":" + snap.version + ": missing " + key);
      auto& list = std::string(key) == "trusted" ? snap.trusted : snap.blocked;
      for (const auto& idx : s[key]) {
        if (!idx.is_number_unsigned() || idx.get<uint64_t>() >= n)
          return DataError(snapshots_path, snap.platform + ":" + snap.version + ": bad index in " + key);
        list.push_back(idx.get<uint32_t>());
      }
    }
    for (uint32_t idx : snap.trusted) {
      if (!data->certificates[idx])
        return DataError(snapshots_path, snap.platform + ":" + snap.version + ": trusted root without certificate");
    }
    snap.file = "snapshots.json";
    data->snapshots.push_back(std::move(snap));
  }
  std::vector<PlatformSnapshot> imported;
  if (auto st = LoadImported(dir, data.get(), &imported); !st.ok()) return st.error();
  for (auto& s : imported) data->snapshots.push_back(std::move(s));
  // Platforms in order of first appearance, each one's snapshots by date.
  {
    std::map<std::string, size_t> order;
    for (const auto& s : data->snapshots) order.emplace(s.platform, order.size());
    std::stable_sort(data->snapshots.begin(), data->snapshots.end(),
                     [&](const PlatformSnapshot& a, const PlatformSnapshot& b) {
                       size_t x = order[a.platform], y = order[b.platform];
                       return x != y ? x < y : a.date < b.date;
                     });
  }
  // Exclusions by certificate index (roots the data does not hold cannot be
  // trusted anyway).
  std::vector<std::vector<uint32_t>> excluded_indexes;
  for (const auto& x : exclusions) {
    auto& list = excluded_indexes.emplace_back();
    for (const auto& fp : x.roots)
      if (auto idx = data->IndexOf(fp)) list.push_back(*idx);
  }
  for (auto& snap : data->snapshots) {
    for (size_t k = 0; k < exclusions.size(); ++k) {
      const auto& x = exclusions[k];
      if (x.platform != snap.platform || snap.date < x.snapshots_from) continue;
      for (uint32_t idx : excluded_indexes[k]) {
        auto it = std::find(snap.trusted.begin(), snap.trusted.end(), idx);
        if (it == snap.trusted.end()) continue;
        snap.trusted.erase(it);
        snap.not_server_auth.push_back(idx);
      }
    }
    std::sort(snap.not_server_auth.begin(), snap.not_server_auth.end());
    snap.behavior = ComputeBehavior(*data, snap.platform, snap.version);
    for (const auto& rule : data->distrust_rules) {
      if (rule.platform != snap.platform || snap.date < rule.in_snapshots_from) continue;
      if (!VersionApplies(rule.from_versions, snap.version)) continue;
      auto& list = rule.by == DistrustAfterRule::By::kSct ? snap.sct_distrust_after : snap.distrust_after;
      for (const auto& fp : rule.roots) {
        if (auto idx = data->IndexOf(fp)) list.emplace_back(*idx, rule.server_distrust_after);
      }
    }
    ++label_count[snap.platform + ":" + snap.version];
  }
  for (auto& snap : data->snapshots) {
    snap.name = snap.platform + ":" + snap.version;
    if (label_count[snap.name] > 1) snap.name += "@" + snap.date;
  }
  AddJavaUpdateLines(data.get());
  return data;
}

}  // namespace

std::optional<UnixTime> EffectiveSctNotAfter(const std::vector<AnchorConstraintSet>& sets,
                                             const std::string& client_version) {
  if (sets.empty()) return std::numeric_limits<UnixTime>::max();
  std::optional<UnixTime> out;
  for (const auto& s : sets) {
    // A current client (no version) is newer than any bound: it meets every
    // min_version and no max_version_exclusive.
    if (!s.max_version_exclusive.empty() &&
        (client_version.empty() || CompareVersions(client_version, s.max_version_exclusive) >= 0))
      continue;
    if (!s.min_version.empty() && !client_version.empty() && CompareVersions(client_version, s.min_version) < 0)
      continue;
    const UnixTime t = s.sct_not_after.value_or(std::numeric_limits<UnixTime>::max());
    out = out ? std::max(*out, t) : t;
  }
  return out;
}

int CompareVersions(std::string_view a, std::string_view b) {
  auto x = LeadingNumbers(a), y = LeadingNumbers(b);
  size_t n = std::max(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    int p = i < x.size() ? x[i] : 0, q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

std::optional<uint32_t> PlatformData::IndexOf(const Sha256& sha256) const {
  // Fingerprints are sorted within each of the two parts (with and without
  // certificate); both are small enough for a linear scan to be irrelevant
  // next to loading, but lookups in hot paths use SnapshotStore's indexes.
  for (size_t i = 0; i < fingerprints.size(); ++i)
    if (fingerprints[i] == sha256) return static_cast<uint32_t>(i);
  return std::nullopt;
}

std::vector<std::string> PlatformData::Platforms() const {
  std::vector<std::string> out;
  for (const auto& s : snapshots)
    if (std::find(out.begin(), out.end(), s.platform) == out.end()) out.push_back(s.platform);
  return out;
}

const PlatformSnapshot* PlatformData::Find(std::string_view name) const {
  for (const auto& s : snapshots)
    if (s.name == name) return &s;
  for (const auto& s : lines)
    if (s.name == name) return &s;
  return nullptr;
}

Result<std::shared_ptr<const PlatformData>> LoadPlatformData(const std::string& dir_in) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const PlatformData>> cache;
  const std::string dir = dir_in.empty() ? DataDir() + "/platforms" : dir_in;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(dir); it != cache.end()) return it->second;
  auto loaded = LoadFrom(dir);
  if (!loaded.ok()) return loaded.error();
  std::shared_ptr<const PlatformData> data = std::move(loaded).value();
  cache[dir] = data;
  return data;
}

PlatformBehavior BehaviorFor(const PlatformData& data, const std::string& platform,
                             const std::string& version) {
  return ComputeBehavior(data, platform, version);
}

Result<std::vector<const PlatformSnapshot*>> SelectSnapshots(const PlatformData& data,
                                                             const std::string& spec_list) {
  std::vector<const PlatformSnapshot*> out;
  std::set<const PlatformSnapshot*> seen;
  auto add = [&](const PlatformSnapshot* s) {
    if (seen.insert(s).second) out.push_back(s);
  };
  size_t start = 0;
  while (start <= spec_list.size()) {
    size_t comma = spec_list.find(',', start);
    // Apple version labels contain commas ("iOS 12, macOS 10.14, ..."): a
    // piece that does not start a new "platform:" or "all" continues the
    // previous one.
    std::string spec = spec_list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (comma != std::string::npos) {
      size_t next = spec_list.find(',', comma + 1);
      std::string piece = spec_list.substr(comma + 1, next == std::string::npos ? std::string::npos : next - comma - 1);
      std::string trimmed = piece;
      trimmed.erase(0, trimmed.find_first_not_of(' '));
      // "java" is an alias of openjdk (below), not one of data.Platforms().
      bool starts_new = trimmed == "all" || trimmed == "java" || trimmed.rfind("java:", 0) == 0;
      for (const auto& p : data.Platforms())
        if (trimmed == p || trimmed.rfind(p + ":", 0) == 0) starts_new = true;
      if (starts_new) break;
      spec += "," + piece;
      comma = next;
    }
    start = comma == std::string::npos ? spec_list.size() + 1 : comma + 1;
    spec.erase(0, spec.find_first_not_of(' '));
    if (spec.empty()) return MakeError(ErrorKind::kInvalidArgument, "empty platform spec");
    if (spec == "all") {
      for (const auto& s : data.snapshots) add(&s);
      continue;
    }
    size_t colon = spec.find(':');
    std::string platform = AsciiLower(spec.substr(0, colon));
    std::string version = colon == std::string::npos ? "all" : spec.substr(colon + 1);
    if (platform == "java") {
      platform = "openjdk";
      if (!version.empty() && std::isdigit(static_cast<unsigned char>(version[0]))) {
        const bool feature_only = version.find_first_not_of("0123456789") == std::string::npos;
        version = "jdk-" + version + (feature_only ? "u" : "");
      }
    }
    auto platforms = data.Platforms();
    if (std::find(platforms.begin(), platforms.end(), platform) == platforms.end()) {
      std::string known;
      for (const auto& p : platforms) known += (known.empty() ? "" : ", ") + p;
      return MakeError(ErrorKind::kInvalidArgument,
                       "unknown platform \"" + platform + "\" (known: " + known + ")");
    }
    std::vector<const PlatformSnapshot*> of_platform;
    for (const auto& s : data.snapshots)
      if (s.platform == platform) of_platform.push_back(&s);
    if (version == "all") {
      for (auto* s : of_platform) add(s);
      continue;
    }
    if (version == "latest") {
      // OpenJDK: the newest feature release's update line, not its GA.
      add(platform == "openjdk" && !data.lines.empty() ? &data.lines.back() : of_platform.back());
      continue;
    }
    size_t found = 0;
    if (platform == "openjdk") {
      for (const auto& s : data.lines) {
        if (s.version == version || s.name == platform + ":" + version) {
          add(&s);
          ++found;
        }
      }
    }
    for (auto* s : of_platform) {
      if (s->version == version || s->name == platform + ":" + version) {
        add(s);
        ++found;
      }
    }
    if (found == 0) {
      for (auto* s : of_platform) {
        if (s->date == version) {
          add(s);
          ++found;
        }
      }
    }
    if (found == 0) {
      // "java:11" names a release line, not a snapshot: say which snapshots
      // that line has (or that it has none), so the user can pick one.
      std::string line_note;
      const auto want = LeadingNumbers(version);
      if (!want.empty()) {
        std::string same_line;
        for (auto* s : of_platform) {
          const auto v = LeadingNumbers(s->version);
          if (!v.empty() && v[0] == want[0]) same_line += (same_line.empty() ? "" : ", ") + s->name;
        }
        if (platform == "openjdk") {
          const std::string line = "openjdk:jdk-" + std::to_string(want[0]) + "u";
          for (const auto& s : data.lines)
            if (s.name == line) same_line += ", " + line + " (the line as its newest updates run)";
        }
        line_note = same_line.empty()
                        ? "; no snapshot of its " + std::to_string(want[0]) + " line"
                        : "; its " + std::to_string(want[0]) + " line has " + same_line;
      }
      return MakeError(ErrorKind::kInvalidArgument,
                       "no snapshot \"" + spec + "\" (no version \"" + version + "\" of " + platform + line_note +
                           "; see `trustready platforms list`)");
    }
  }
  return out;
}

TrustStore SnapshotStore(const PlatformData& data, const PlatformSnapshot& snapshot) {
  TrustStore store(snapshot.name, StoreFormat::kPlatform, "data/platforms (" + snapshot.source + ")");
  for (uint32_t idx : snapshot.trusted) {
    TrustAnchor a;
    a.cert = data.certificates[idx];
    a.trust.ignore_anchor_expiry = !snapshot.behavior.enforce_anchor_expiry;
    for (const auto& [root, when] : snapshot.distrust_after)
      if (root == idx) a.trust.server_distrust_after = when;
    for (const auto& [root, when] : snapshot.sct_distrust_after)
      if (root == idx) a.trust.sct_not_after = a.trust.sct_not_after ? std::min(*a.trust.sct_not_after, when) : when;
    for (const auto& c : snapshot.constraints) {
      if (c.root != idx || c.sets.empty()) continue;
      auto eff = EffectiveSctNotAfter(c.sets);
      if (!eff) {
        a.trust.distrusted = true;  // no constraint set admits a current client
      } else if (*eff != std::numeric_limits<UnixTime>::max()) {
        a.trust.sct_not_after = a.trust.sct_not_after ? std::min(*a.trust.sct_not_after, *eff) : *eff;
      }
    }
    a.source = snapshot.name;
    store.Add(std::move(a));
  }
  for (uint32_t idx : snapshot.blocked) {
    if (!data.certificates[idx]) continue;  // fingerprint-only: nothing to match by name
    TrustAnchor a;
    a.cert = data.certificates[idx];
    a.trust.distrusted = true;
    a.source = snapshot.name + " (blocked)";
    store.Add(std::move(a));
  }
  return store;
}

bool IsPlatformSpec(const std::string& spec) {
  if (spec == "all") return true;
  size_t colon = spec.find(':');
  std::string platform = AsciiLower(spec.substr(0, colon));
  static const char* const kPlatforms[] = {"android", "apple",       "windows", "mozilla",
                                           "openjdk", "oracle-java", "chrome",  "java"};
  for (const char* p : kPlatforms)
    if (platform == p) return colon != std::string::npos;
  // Any other platform the data holds (snapshots imported with `data
  // import`, or a TRUSTREADY_DATA of its own): "PLATFORM:VERSION" too.
  if (colon == std::string::npos || colon == 0) return false;
  auto data = LoadPlatformData();
  if (!data.ok()) return false;
  for (const std::string& p : (*data)->Platforms())
    if (platform == p) return true;
  return false;
}

Result<std::vector<TrustStore>> OpenPlatformStores(const std::string& spec) {
  auto data = LoadPlatformData();
  if (!data.ok()) return data.error();
  auto selected = SelectSnapshots(**data, spec);
  if (!selected.ok()) return selected.error();
  std::vector<TrustStore> out;
  out.reserve(selected->size());
  for (const auto* s : *selected) out.push_back(SnapshotStore(**data, *s));
  return out;
}

}  // namespace trustready
