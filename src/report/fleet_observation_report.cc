#include "trustready/report/fleet_observation_report.h"

#include <nlohmann/json.hpp>

#include "trustready/x509/time.h"

namespace trustready {

using nlohmann::json;

std::string FleetObservationToJsonLine(const fleet::ObservationRecord& r) {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json labels = json::object();
  for (const auto& [k, v] : r.labels) labels[k] = v;
  json stores = json::array();
  std::vector<std::string> failing;
  for (const auto& v : r.stores) {
    stores.push_back({{"store", v.judge},
                      {"trusted", v.trusted},
                      {"trusted_with_aia", v.trusted_with_aia},
                      {"error_code", opt(v.error_code)},
                      {"error", opt(v.error)}});
    if (!v.trusted) failing.push_back(v.judge);
  }
  json readiness = json::array();
  for (const auto& s : r.readiness) {
    json fix = json::array();
    size_t at = 0;
    while (at < s.fix.size()) {
      size_t nl = s.fix.find('\n', at);
      if (nl == std::string::npos) nl = s.fix.size();
      fix.push_back(s.fix.substr(at, nl - at));
      at = nl + 1;
    }
    readiness.push_back({{"store", s.store},
                         {"kind", s.kind},
                         {"location", s.location},
                         {"state", s.state},
                         {"anchor_count", s.anchor_count < 0 ? json(nullptr) : json(s.anchor_count)},
                         {"reason", opt(s.reason)},
                         {"fix", fix}});
    if (s.state != "ready") failing.push_back(s.store);
  }
  json j = {{"type", "observation"},
            {"schema", "trustready.fleet.observation/1"},
            {"run_id", r.run_id},
            {"scan_id", r.scan_id},
            {"target_key", r.target_key},
            {"target", r.target},
            {"source", opt(r.source)},
            {"host", r.host},
            {"port", r.port},
            {"sni", opt(r.sni)},
            {"address", opt(r.address)},
            {"labels", labels},
            {"seq", r.seq},
            {"status", r.status},
            {"error", opt(r.error)},
            {"attempts", r.attempts},
            {"peer_address", opt(r.peer_address)},
            {"tls_version", opt(r.tls_version)},
            {"cipher", opt(r.cipher)},
            {"http_status", r.http_status > 0 ? json(r.http_status) : json(nullptr)},
            {"elapsed_ms", r.elapsed_ms},
            {"observed_at", FormatRfc3339(r.observed_at)},
            {"chain_id", opt(r.chain_id)},
            {"chain", r.chain},
            {"name_checked", opt(r.name)},
            {"serves_profile", r.serves_profile ? json(*r.serves_profile) : json(nullptr)},
            {"trusted", r.trusted ? json(*r.trusted) : json(nullptr)},
            {"failing_stores", failing},
            {"stores", stores},
            {"readiness", readiness}};
  return j.dump() + "\n";
}

Status FleetObservationJsonlFile::Open() {
  if (path_ == "-") {
    file_ = stdout;
    return {};
  }
  file_ = std::fopen(path_.c_str(), "w");
  if (file_ == nullptr) return MakeError(ErrorKind::kIo, "--jsonl " + path_ + ": cannot write");
  own_ = true;
  return {};
}

void FleetObservationJsonlFile::Write(const fleet::ObservationRecord& r) {
  if (file_ == nullptr) return;
  const std::string line = FleetObservationToJsonLine(r);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

void FleetObservationJsonlFile::Close() {
  if (own_) std::fclose(file_);
  own_ = false;
  file_ = nullptr;
}

}  // namespace trustready
