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
  if (a.profile != "demo") {
    // A migration profile (`trustready profiles list`) is a real CA's
    // certificates without keys: say so, rather than "unknown".
    auto migration = LoadProfile(a.profile);
    if (migration.ok()) {
      Fail("--profile " + a.profile + ": a migration profile (" + migration->title +
           ") holds the CA's certificates but not its keys, so serve cannot present its chains; "
           "use --profile demo, or --config FILE with certificates and keys you own");
    }
    Fail("--profile " + a.profile + ": unknown; serve knows the built-in 'demo' profile "
         "(use --config FILE to serve your own certificates)");
  }
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
