// `serve` events rendered; see include/trustready/report/serve_report.h.
#include "trustready/report/serve_report.h"

#include "report/render.h"

namespace trustready {

using namespace report_internal;

std::string ServeEventToJsonLine(const nlohmann::json& event) { return event.dump(); }

std::string ServeStartedToText(const nlohmann::json& j, const TextStyle& st) {
  std::string out = Bold(st, "trustready serve") + ": dashboard " + j["dashboard"].get<std::string>() + "\n";
  out += "SNI listener port " + j["sni_port"].dump() + " (host names *." + j["domain"].get<std::string>() + ")\n\n";
  for (const auto& e : j["endpoints"]) {
    const std::string name = e["variant"].get<std::string>();
    out += "  " + name + std::string(name.size() < 20 ? 20 - name.size() : 1, ' ') + e["url"].get<std::string>() +
           "  new root: " + e["expected_new_root"].get<std::string>() +
           ", legacy root: " + e["expected_legacy_root"].get<std::string>() + "\n";
  }
  out += "\nCA files:\n";
  for (auto& [k, v] : j["ca_files"].items()) {
    if (v.is_string()) out += "  " + k + ": " + v.get<std::string>() + "\n";
  }
  return out + "\n";
}

bool IsServeAccessEvent(const nlohmann::json& event) { return event.value("event", "") == "request"; }

std::string ServeEventToText(const nlohmann::json& j, const TextStyle& st) {
  const std::string event = j.value("event", "");
  auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string("-"); };
  if (event == "request") {
    return str("time") + " " + str("remote") + " " + str("variant") + " " + str("method") + " " + str("path") + " " +
           std::to_string(j.value("status", 0)) + " " + std::to_string(j.value("bytes", 0)) +
           (j.contains("tls") && j["tls"].is_string() ? " " + str("tls") : " plain");
  }
  if (event == "fault") {
    return str("time") + " " + Yellow(st, "fault " + str("kind")) + " " + str("remote") + " " + str("variant") + ": " +
           str("error");
  }
  if (event == "stopping") return str("time") + " stopping (" + str("signal") + ")";
  if (event == "stopped") return str("time") + " stopped";
  if (event == "close") return str("time") + " " + str("remote") + " closed: " + str("reason");
  return str("time") + " " + j.dump();
}

}  // namespace trustready
