#!/usr/bin/env bash
# Issue 13 item 1: `check` with the environment a client really runs in.
# REQUESTS_CA_BUNDLE / AWS_CA_BUNDLE pointing at a bundle holding only
# Amazon Root CA 3 made `check` say "READY - 5 of 5" although requests and
# boto3 read only that bundle. Each override below is judged as the client
# reads it: NOT READY where the client sees only Root CA 3, READY where the
# client still reads more (curl keeps its compiled-in CApath; node adds
# NODE_EXTRA_CA_CERTS to its bundled roots) - each of those facts checked
# against the real program here. Hermetic: explicit --env files.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ATS="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"

cp "$ATS/AmazonRootCA3.pem" "$T/ca3.pem"
keytool -importcert -noprompt -alias ca3 -file "$T/ca3.pem" -keystore "$T/ca3.p12" -storetype PKCS12 \
  -storepass s3cret >/dev/null 2>&1 || bad "keytool"
mkdir -p "$T/home" "$T/empty"
PYBIN=$(python3 -c 'import os, sys; print(os.path.dirname(os.path.realpath(sys.executable)))' 2>/dev/null)
BASE="PATH=${PYBIN:+$PYBIN:}/usr/bin:/bin
HOME=$T/home"
# Does this machine's system store hold the Amazon roots? (Then clients
# that still read it are ready.)
"$TRUSTREADY" check --store /etc/ssl/certs/ca-certificates.crt >/dev/null 2>&1
SYSTEM_READY=$?

run() {  # NAME CLIENT EXPECTED_EXIT ENV_LINES...
  local name=$1 client=$2 want=$3; shift 3
  printf '%s\n' "$BASE" "$@" >"$T/env"
  "$TRUSTREADY" check --env "$T/env" --client "$client" --json >"$T/out.json" 2>"$T/err"
  local got=$?
  expect_exit "$name" "$want" "$got"
  python3 - "$T/out.json" "$client" <<'PY' || bad "$name: JSON: every store carries used_by for $client"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["stores"], "no store"
for s in d["stores"]:
    assert s["used_by"] and all(u["client"] == sys.argv[2] for u in s["used_by"]), s
PY
}

if "$PYBIN/python3" -c 'import requests' 2>/dev/null; then
  run "requests with REQUESTS_CA_BUNDLE=Root CA 3 only: NOT READY" python-requests 1 "REQUESTS_CA_BUNDLE=$T/ca3.pem"
  run "requests with CURL_CA_BUNDLE=Root CA 3 only: NOT READY" python-requests 1 "CURL_CA_BUNDLE=$T/ca3.pem"
  grep -q '"because": "REQUESTS_CA_BUNDLE"' "$T/out.json" && bad "CURL_CA_BUNDLE reported as REQUESTS_CA_BUNDLE" || ok "because names the variable"
fi
if "$PYBIN/python3" -c 'import botocore' 2>/dev/null; then
  run "boto3 with AWS_CA_BUNDLE=Root CA 3 only: NOT READY" aws-sdk-python 1 "AWS_CA_BUNDLE=$T/ca3.pem"
fi
run "java with JAVA_TOOL_OPTIONS trustStore (password s3cret) = Root CA 3 only: NOT READY" java 1 \
  "JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=$T/ca3.p12 -Djavax.net.ssl.trustStorePassword=s3cret"
run "java with JDK_JAVA_OPTIONS trustStore: NOT READY" java 1 \
  "JDK_JAVA_OPTIONS=-Djavax.net.ssl.trustStore=$T/ca3.p12 -Djavax.net.ssl.trustStorePassword=s3cret"
run "python ssl with SSL_CERT_FILE=Root CA 3, SSL_CERT_DIR empty: NOT READY" python-ssl 1 \
  "SSL_CERT_FILE=$T/ca3.pem" "SSL_CERT_DIR=$T/empty"
if command -v node >/dev/null; then
  run "node --use-openssl-ca with SSL_CERT_FILE=Root CA 3, SSL_CERT_DIR empty: NOT READY" node 1 \
    "NODE_OPTIONS=--use-openssl-ca" "SSL_CERT_FILE=$T/ca3.pem" "SSL_CERT_DIR=$T/empty"
  # NODE_EXTRA_CA_CERTS adds to the bundled roots (which hold the Amazon
  # roots since Node.js 7): still ready, and the extra file is named.
  bundled_ready=1
  node -e "process.stdout.write(require('tls').rootCertificates.join('\n'))" >"$T/node.pem" 2>/dev/null &&
    "$TRUSTREADY" check --store "$T/node.pem" >/dev/null 2>&1 && bundled_ready=0
  run "node with NODE_EXTRA_CA_CERTS=Root CA 3: as its bundled roots" node "$bundled_ready" "NODE_EXTRA_CA_CERTS=$T/ca3.pem"
  grep -q '"because": "default (bundled roots) + NODE_EXTRA_CA_CERTS"' "$T/out.json" && ok "NODE_EXTRA_CA_CERTS named" || bad "NODE_EXTRA_CA_CERTS not named"
fi
if command -v curl >/dev/null; then
  # curl keeps its compiled-in CApath when CURL_CA_BUNDLE replaces the
  # CAfile: the real curl says so, and the verdict follows the CApath.
  # (curl prints them once a TCP connection is up: a listener that
  # accepts and says nothing is enough.)
  python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); time.sleep(3)' >"$T/port" &
LISTENER=$!
for _ in $(seq 50); do [[ -s "$T/port" ]] && break; sleep 0.1; done
CURL_CA_BUNDLE=$T/ca3.pem curl -v --max-time 2 "https://127.0.0.1:$(cat "$T/port")/" >"$T/curl.out" 2>&1
kill $LISTENER 2>/dev/null; wait $LISTENER 2>/dev/null
grep -q "CAfile: $T/ca3.pem" "$T/curl.out" && grep -q "CApath: /etc/ssl/certs" "$T/curl.out" && capath=yes || capath=no
  if [[ $capath == yes ]]; then
    run "curl with CURL_CA_BUNDLE=Root CA 3 (CApath /etc/ssl/certs still read): as the system directory" curl "$SYSTEM_READY" "CURL_CA_BUNDLE=$T/ca3.pem"
  else
    run "curl with CURL_CA_BUNDLE=Root CA 3 and no CApath: NOT READY" curl 1 "CURL_CA_BUNDLE=$T/ca3.pem"
  fi
fi

# The whole machine with those overrides (no --client): the selected stores
# and the clients' stores together; no longer READY.
printf '%s\n' "$BASE" "REQUESTS_CA_BUNDLE=$T/ca3.pem" "AWS_CA_BUNDLE=$T/ca3.pem" >"$T/env"
"$TRUSTREADY" check --env "$T/env" >"$T/text" 2>&1
expect_exit "check --env (every store and every client)" 1 $?
grep -q "used by python-requests (REQUESTS_CA_BUNDLE)" "$T/text" && ok "text names the client and the variable" || bad "text: no used-by line"
grep -q "Verdict: NOT READY" "$T/text" && ok "verdict NOT READY" || bad "verdict: $(grep Verdict "$T/text")"

# A Java trustStore whose password is not given and is not changeit: the
# store cannot be judged (UNKNOWN, exit 1), never skipped.
printf '%s\n' "$BASE" "JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=$T/ca3.p12" >"$T/env"
"$TRUSTREADY" check --env "$T/env" --client java --json >"$T/out.json" 2>"$T/err"
expect_exit "java trustStore without its password" 1 $?
python3 -c "
import json; d = json.load(open('$T/out.json'))
assert d['ready'] is False and all(s['state'] in ('unknown', 'not_ready') for s in d['stores']), d['stores']
" && ok "without the password: not ready, nothing skipped" || bad "without the password"

# The default `check` (no --store, no --root) judges the stores this
# process's environment points clients at: the issue's exact case, plain
# `trustready check` with requests and boto3 overridden, is NOT READY.
if command -v python3 >/dev/null; then
  env REQUESTS_CA_BUNDLE="$T/ca3.pem" AWS_CA_BUNDLE="$T/ca3.pem" "$TRUSTREADY" check --json >"$T/default.json" 2>"$T/default.err"
  expect_exit "plain check with REQUESTS_CA_BUNDLE/AWS_CA_BUNDLE = Root CA 3 only" 1 $?
  python3 -c "
import json; d = json.load(open('$T/default.json'))
assert d['ready'] is False, d['ready']
bad = [s for s in d['stores'] if s['state'] == 'not_ready']
users = {u['client'] for s in bad for u in s.get('used_by', [])}
assert 'python-requests' in users, users
" && ok "the not-ready store is named as python-requests' (used_by)" || bad "default check JSON: $(head -c 300 "$T/default.json")"
  env REQUESTS_CA_BUNDLE="$T/ca3.pem" AWS_CA_BUNDLE="$T/ca3.pem" "$TRUSTREADY" check --no-clients --json >"$T/noclients.json" 2>/dev/null
  python3 -c "
import json; d = json.load(open('$T/noclients.json'))
assert all(not s.get('used_by') for s in d['stores']), [s['store'] for s in d['stores'] if s.get('used_by')]
" && ok "--no-clients judges only the discovered stores" || bad "--no-clients"
fi

[[ $fails -eq 0 ]]
