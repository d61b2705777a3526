#!/usr/bin/env bash
# OpenJDK 21 and 25 (GA) snapshots, rebuilt from jdk-17.0.2 and OpenJDK's
# cacerts changes: the shipped files are what scripts/rebuild_openjdk_snapshots.py
# writes; `platforms list --json` lists them; a real intermediate under
# Baltimore CyberTrust Root (removed by JDK-8303770) is trusted by java:21 and
# not by java:25, as openssl says it chains to Baltimore; a root added in 21
# (GTS Root R1, JDK-8307134) is an anchor of java:21 and not of java:17.0.2;
# `check --store java:25` and `plan` answer for them.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
MS01="$TR_SOURCE_DIR/tests/data/openjdk/Microsoft-RSA-TLS-CA-01.pem"
BALTIMORE="$TR_SOURCE_DIR/data/catalog/digicert/roots/Baltimore-CyberTrust-Root.pem"
GTSR1="$TR_SOURCE_DIR/data/catalog/google-trust-services/roots/GTS-Root-R1-d947432a.pem"
AZ03="$TR_SOURCE_DIR/data/profiles/digicert-g2/issuing/Microsoft-Azure-RSA-TLS-Issuing-CA-03.pem"
AT=2024-06-01T00:00:00Z

python3 "$TR_SOURCE_DIR/scripts/rebuild_openjdk_snapshots.py" --check \
  && ok "imported/openjdk-{21,25}-rebuilt.json are the script's output" || bad "rebuilt snapshots differ from the script's output"

"$TRUSTREADY" platforms list --json >"$T/list.json" 2>/dev/null
python3 - "$T/list.json" <<'PY' && ok "platforms list --json: openjdk jdk-21 (96) and jdk-25 (109)" || bad "platforms list --json"
import json, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
assert snaps["openjdk:jdk-21"]["trusted"] == 96 and snaps["openjdk:jdk-21"]["date"] == "2023-09-19", snaps["openjdk:jdk-21"]
assert snaps["openjdk:jdk-25"]["trusted"] == 109 and snaps["openjdk:jdk-25"]["date"] == "2025-09-16", snaps["openjdk:jdk-25"]
assert snaps["openjdk:jdk-25"]["source"].startswith("openjdk (rebuilt from notes)") and "rebuilt from notes" in snaps["openjdk:jdk-25"]["source"]
PY

# openssl: the intermediate is Baltimore's (and GTS Root R1 is self-signed).
openssl verify -no-CApath -no-CAstore -x509_strict -attime "$(date -u -d $AT +%s)" -CAfile "$BALTIMORE" "$MS01" >/dev/null 2>&1 \
  && ok "openssl: Microsoft RSA TLS CA 01 -> Baltimore CyberTrust Root" || bad "openssl: Microsoft RSA TLS CA 01 not under Baltimore"
verdict() {  # STORE CERT: "trusted" or the store's first error code
  "$TRUSTREADY" verify --ca --at "$AT" --store "$1" --json "$2" >"$T/v.json" 2>/dev/null
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("trusted" if d["trusted"] else json.dumps(d["stores"][0]).split("\"code\": \"")[1].split("\"")[0] if "\"code\"" in json.dumps(d["stores"][0]) else "untrusted")' "$T/v.json" 2>/dev/null || echo "no-json"
}
for s in java:17.0.2 java:21; do
  v=$(verdict $s "$MS01"); [[ $v == trusted ]] && ok "$s trusts Microsoft RSA TLS CA 01 (Baltimore)" || bad "$s: $v for Microsoft RSA TLS CA 01"
done
v=$(verdict java:25 "$MS01"); [[ $v != trusted && $v != no-json ]] && ok "java:25 does not trust Microsoft RSA TLS CA 01 ($v)" || bad "java:25: $v for Microsoft RSA TLS CA 01"
v=$(verdict java:17.0.2 "$GTSR1"); [[ $v != trusted && $v != no-json ]] && ok "java:17.0.2 lacks GTS Root R1 ($v)" || bad "java:17.0.2: $v for GTS Root R1"
for s in java:21 java:25; do
  v=$(verdict $s "$GTSR1"); [[ $v == trusted ]] && ok "$s holds GTS Root R1" || bad "$s: $v for GTS Root R1"
done

# check --store java:21 / java:25 (default profile: Amazon Root CA 1-4 are in both).
for s in java:21 java:25; do
  "$TRUSTREADY" check --store $s >"$T/check.txt" 2>&1
  expect_exit "check --store $s READY" 0 $?
  grep -q "openjdk:jdk-${s#java:}" "$T/check.txt" && ok "check names openjdk:jdk-${s#java:}" || bad "check output lacks openjdk:jdk-${s#java:}"
done
# plan: the Baltimore chain breaks on jdk-25 only, the DigiCert G2 (Azure) one works on all three.
"$TRUSTREADY" plan --old "$MS01" --new "$AZ03" --platforms java:17.0.2,java:21,java:25 --at "$AT" --json >"$T/plan.json" 2>/dev/null
python3 - "$T/plan.json" <<'PY' && ok "plan: jdk-25 rows (old no, new yes)" || bad "plan JSON"
import json, sys
d = json.load(open(sys.argv[1]))
text = json.dumps(d)
assert "openjdk:jdk-25" in text and "openjdk:jdk-21" in text, "rows"
by = {r["snapshot"]: r for r in d["matrix"]}
r25, r21 = by["openjdk:jdk-25"], by["openjdk:jdk-21"]
assert not r25["old"] and r25["new"] and r25["new_detail"] == "DigiCert Global Root G2", r25
assert r21["old"] and r21["old_detail"] == "Baltimore CyberTrust Root" and r21["new"], r21
PY
[[ $fails -eq 0 ]]
