// The dashboard page served at "/": plain HTML + JavaScript compiled into
// the binary. It loads /test.jpg from every variant and shows, for the
// browser viewing it, a check or a cross per variant next to the expected
// outcome.
#ifndef TRUSTREADY_SERVE_DASHBOARD_H_
#define TRUSTREADY_SERVE_DASHBOARD_H_

#include <nlohmann/json.hpp>
#include <string>

namespace trustready::serve {

// `config`: {"domain", "sni_port", "variants": [{"name", "description",
// "port", "host", "expected_new_root", "expected_legacy_root",
// "expected_browser", "note"}]}.
std::string DashboardHtml(const nlohmann::json& config);

}  // namespace trustready::serve

#endif  // TRUSTREADY_SERVE_DASHBOARD_H_
