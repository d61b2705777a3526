// trustready serve: the local migration test site (library: src/serve).
#include <iostream>
#include <mutex>

#include "cli/cli.h"
#include "cli/commands_serve.h"
#include "trustready/check/profile.h"
#include "trustready/report/serve_report.h"
#include "trustready/serve/serve.h"

namespace trustready::cli {

void RunServe(const ServeArgs& a) {
  if (Status st = CheckServableProfile(a.profile); !st.ok()) Fail(st.error().ToString());
  if (a.handshake_ms <= 0 || a.request_ms <= 0 || a.idle_ms <= 0) Fail("timeouts must be positive");
  ServeOptions options = a.s;
  options.handshake_timeout = std::chrono::milliseconds(a.handshake_ms);
  options.request_timeout = std::chrono::milliseconds(a.request_ms);
  options.idle_timeout = std::chrono::milliseconds(a.idle_ms);
  const bool json = a.json;
  const bool access = !a.no_access_log;
  ServeEvents events;
  const TextStyle style{UseColor()};
  events.on_started = [json, style](const ServeStarted& s) {
    std::cout << (json ? ServeStartedToJsonLine(s) + "\n" : ServeStartedToText(s, style)) << std::flush;
  };
  events.on_event = [json, access, style](const ServeEvent& e) {
    if (!access && IsServeAccessEvent(e)) return;
    std::cout << (json ? ServeEventToJsonLine(e) : ServeEventToText(e, style)) << std::endl;
  };
  auto st = trustready::RunServe(options, events);
  if (!st.ok()) Fail("serve", st.error());
}

}  // namespace trustready::cli
