#include "serve/dashboard.h"

namespace trustready::serve {

namespace {

// The page. __CONFIG__ is replaced by the JSON configuration; nothing else
// is templated. Each row gets data-outcome="pass|fail" and data-verdict
// ("as-expected" | "unexpected") once settled; <body data-done="1"> when
// all rows are, so headless tests can read the verdicts from the DOM.
constexpr const char* kPage = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>trustready: is my client ready?</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #ddd; padding: 0.4em 0.8em; text-align: left; }
td.result { font-size: 1.4em; }
.pass { color: #1e963c; } .fail { color: #c0392b; } .pending { color: #999; }
.unexpected { background: #fff3cd; }
#summary { font-size: 1.2em; margin: 1em 0; }
small { color: #666; }
</style>
</head>
<body>
<h1>Is my client ready for the CA migration?</h1>
<p>This page loads a test image from every variant of this site. A check
means this browser accepted the variant's certificate chain.
<small>Mode: <a href="?mode=port">one port per variant</a> |
<a href="?mode=sni">SNI host names</a> (needs *.<span id="domain"></span> to resolve here)</small></p>
<div id="summary" class="pending">Testing&hellip;</div>
<table>
<thead><tr><th>Variant</th><th>What it serves</th><th>This browser</th>
<th>Expected (new root only)</th><th>Expected (legacy root only)</th>
<th>Expected in a browser trusting the new root</th><th>Note</th></tr></thead>
<tbody id="rows"></tbody>
</table>
<script>
"use strict";
const config = __CONFIG__;
const params = new URLSearchParams(location.search);
const mode = params.get("mode") === "sni" ? "sni" : "port";
const timeoutMs = Number(params.get("timeout") || 10000);
document.getElementById("domain").textContent = config.domain;
const rows = document.getElementById("rows");
let pending = config.variants.length;
const outcomes = {};

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

function finish() {
  // Servers in the migration send the cross-signed chain: a client that
  // passes it is ready today, one that also passes new-chain is ready for
  // servers that stop sending the cross-certificate.
  const direct = outcomes["new-chain"] === "pass";
  const viaCross = outcomes["cross-signed"] === "pass";
  const legacy = outcomes["legacy"] === "pass";
  const unexpected = document.querySelectorAll("tr.unexpected").length;
  const s = document.getElementById("summary");
  s.className = direct || viaCross ? "pass" : "fail";
  s.textContent = (direct ? "\u2714 This browser trusts the new root: ready." :
      viaCross ? "\u2714 Ready through the cross-signed chain only (this browser trusts the legacy root, " +
                 "not the new one): not ready for servers that stop sending the cross-certificate." :
      "\u2718 This browser trusts neither the new root nor the cross-signed chain: not ready.") +
      (direct && legacy ? " It also trusts the legacy root." : "") +
      (unexpected ? " " + unexpected + " variant(s) behaved unlike the expectation for a browser " +
                    "trusting the new root (highlighted)." : "");
  document.body.setAttribute("data-ready", direct ? "yes" : viaCross ? "via-cross-sign" : "no");
  document.body.setAttribute("data-done", "1");
}

function settle(v, tr, result, outcome) {
  if (tr.hasAttribute("data-outcome")) return;
  outcomes[v.name] = outcome;
  tr.setAttribute("data-outcome", outcome);
  result.className = "result " + outcome;
  result.textContent = outcome === "pass" ? "\u2714" : "\u2718";
  // The expectation for a browser that trusts the new root. Variants that
  // pass only because of the legacy root are judged by expected_legacy_root.
  const expected = v.expected_browser;
  const verdict = outcome === expected ? "as-expected" : "unexpected";
  tr.setAttribute("data-verdict", verdict);
  if (verdict === "unexpected") tr.classList.add("unexpected");
  if (--pending === 0) finish();
}

for (const v of config.variants) {
  const tr = document.createElement("tr");
  tr.id = "variant-" + v.name;
  tr.setAttribute("data-variant", v.name);
  cell(tr, v.name);
  cell(tr, v.description);
  const result = cell(tr, "\u2026", "result pending");
  cell(tr, v.expected_new_root, v.expected_new_root);
  cell(tr, v.expected_legacy_root, v.expected_legacy_root);
  cell(tr, v.expected_browser, v.expected_browser);
  cell(tr, v.note || "");
  rows.appendChild(tr);
  const url = (mode === "sni" ? "https://" + v.host + ":" + config.sni_port
                              : "https://" + location.hostname + ":" + v.port) +
              "/test.jpg?nocache=" + Date.now();
  const img = new Image();
  img.width = 1; img.height = 1;
  img.onload = () => settle(v, tr, result, "pass");
  img.onerror = () => settle(v, tr, result, "fail");
  setTimeout(() => settle(v, tr, result, "fail"), timeoutMs);
  img.src = url;
}
if (pending === 0) finish();
</script>
</body>
</html>
)HTML";

}  // namespace

std::string DashboardHtml(const nlohmann::json& config) {
  std::string page = kPage;
  // JSON inside <script>: escape '<' so no value can close the element.
  std::string json = config.dump();
  std::string safe;
  for (char c : json) {
    if (c == '<') {
      safe += "\\u003c";
    } else {
      safe += c;
    }
  }
  const std::string marker = "__CONFIG__";
  page.replace(page.find(marker), marker.size(), safe);
  return page;
}

}  // namespace trustready::serve
