// `serve` events rendered; see include/trustready/report/serve_report.h.
#include "trustready/report/serve_report.h"

#include <nlohmann/json.hpp>

#include "report/render.h"

namespace trustready {

using namespace report_internal;
using nlohmann::json;

namespace {

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

void AddConnection(json& j, const ServeConnection& c) {
  j["remote"] = c.remote;
  j["listener"] = c.listener;
  j["variant"] = OrNull(c.variant);
  j["sni"] = OrNull(c.sni);
  j["tls"] = OrNull(c.tls);
}

json ToJson(const ServeRequestEvent& e) {
  json j;
  AddConnection(j, e.connection);
  j["event"] = "request";
  j["method"] = e.method;
  j["path"] = e.path;
  j["status"] = e.status;
  j["bytes"] = e.bytes;
  j["duration_ms"] = e.duration_ms;
  if (e.error) j["error"] = *e.error;
  return j;
}
json ToJson(const ServeFaultEvent& e) {
  json j;
  if (e.connection) AddConnection(j, *e.connection);
  if (e.remote) j["remote"] = *e.remote;
  j["event"] = "fault";
  j["kind"] = e.kind;
  j["error"] = e.error;
  return j;
}
json ToJson(const ServeCloseEvent& e) {
  json j;
  AddConnection(j, e.connection);
  j["event"] = "close";
  j["reason"] = e.reason;
  j["requests"] = e.requests;
  return j;
}
json ToJson(const ServeStoppingEvent& e) {
  return {{"event", "stopping"}, {"signal", e.signal}, {"open_connections", e.open_connections}};
}
json ToJson(const ServeStoppedEvent& e) { return {{"event", "stopped"}, {"open_connections", e.open_connections}}; }

// The remote address of a text line: "-" when the event has none.
std::string Remote(const ServeFaultEvent& e) {
  return e.connection ? e.connection->remote : e.remote.value_or("-");
}
std::string Variant(const std::optional<ServeConnection>& c) {
  return c && c->variant ? *c->variant : "-";
}

}  // namespace

std::string ServeStartedToJsonLine(const ServeStarted& s) {
  json endpoints = json::array();
  for (const ServeEndpoint& e : s.endpoints) {
    endpoints.push_back({{"variant", e.variant},
                         {"url", e.url},
                         {"port", e.port},
                         {"host", e.host},
                         {"sni_url", e.sni_url},
                         {"expected_new_root", e.expected_new_root},
                         {"expected_legacy_root", e.expected_legacy_root},
                         {"expected_browser", e.expected_browser},
                         {"description", e.description},
                         {"note", e.note}});
  }
  json ca_files = json::object();
  for (const auto& [role, path] : s.ca_files) ca_files[role] = path;
  for (const auto& [role, paths] : s.ca_file_sets) ca_files[role] = paths;
  return json{{"event", "started"},  {"listen", s.listen},         {"sni_port", s.sni_port},
              {"http_url", s.http_url}, {"dashboard", s.dashboard}, {"domain", s.domain},
              {"pki_reused", s.pki_reused}, {"endpoints", endpoints}, {"ca_files", ca_files}}
      .dump();
}

std::string ServeEventToJsonLine(const ServeEvent& event) {
  json j = std::visit([](const auto& e) { return ToJson(e); }, event);
  j["time"] = std::visit([](const auto& e) { return e.time; }, event);
  return j.dump();
}

std::string ServeStartedToText(const ServeStarted& s, const TextStyle& st) {
  std::string out = Bold(st, "trustready serve") + ": dashboard " + s.dashboard + "\n";
  out += "SNI listener port " + std::to_string(s.sni_port) + " (host names *." + s.domain + ")\n\n";
  for (const ServeEndpoint& e : s.endpoints) {
    out += "  " + e.variant + std::string(e.variant.size() < 20 ? 20 - e.variant.size() : 1, ' ') + e.url +
           "  new root: " + e.expected_new_root + ", legacy root: " + e.expected_legacy_root + "\n";
  }
  out += "\nCA files:\n";
  for (const auto& [role, path] : s.ca_files) out += "  " + role + ": " + path + "\n";
  return out + "\n";
}

bool IsServeAccessEvent(const ServeEvent& event) { return std::holds_alternative<ServeRequestEvent>(event); }

std::string ServeEventToText(const ServeEvent& event, const TextStyle& st) {
  if (const auto* r = std::get_if<ServeRequestEvent>(&event)) {
    return r->time + " " + r->connection.remote + " " + r->connection.variant.value_or("-") + " " + r->method + " " +
           r->path + " " + std::to_string(r->status) + " " + std::to_string(r->bytes) + " " +
           r->connection.tls.value_or("plain");
  }
  if (const auto* f = std::get_if<ServeFaultEvent>(&event)) {
    return f->time + " " + Yellow(st, "fault " + f->kind) + " " + Remote(*f) + " " + Variant(f->connection) + ": " +
           f->error;
  }
  if (const auto* c = std::get_if<ServeCloseEvent>(&event)) {
    return c->time + " " + c->connection.remote + " closed: " + c->reason;
  }
  if (const auto* s = std::get_if<ServeStoppingEvent>(&event)) return s->time + " stopping (" + s->signal + ")";
  return std::get<ServeStoppedEvent>(event).time + " stopped";
}

}  // namespace trustready
