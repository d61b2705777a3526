#!/usr/bin/env bash
# `trustready clients list`: the store each client really reads, from an
# environment given as a KEY=VALUE file (issue 13 item 1: overrides that
# `check` used to ignore), from a running process (--pid), and inside a
# file tree (--root). Hermetic: every run gets an explicit environment, so
# the variables of the shell running the suite play no part.
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
mkdir -p "$T/home"
cat >"$T/env" <<ENV
# as docker inspect / a pod spec would give them
PATH=/usr/bin:/bin
HOME=$T/home
export REQUESTS_CA_BUNDLE=$T/ca3.pem
AWS_CA_BUNDLE="$T/ca3.pem"
CURL_CA_BUNDLE=$T/ca3.pem
JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=$T/ca3.p12 -Djavax.net.ssl.trustStorePassword=s3cret
NODE_EXTRA_CA_CERTS=$T/ca3.pem
NODE_OPTIONS=--use-openssl-ca
SSL_CERT_FILE=$T/ca3.pem
ENV

"$TRUSTREADY" clients list --env "$T/env" --json >"$T/list.json"
expect_exit "clients list --env" 0 $?
# used_by(client) -> "because|part locations" lines, one per use.
uses() {
  python3 - "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for s in doc["stores"]:
    for u in s["used_by"]:
        if u["client"] == sys.argv[2]:
            print(u["because"] + "|" + " ".join(p["role"] + "=" + p["location"] for p in s["parts"])
                  + "|" + ",".join(str(p["password_given"]) for p in s["parts"]))
PY
}
check_use() {  # NAME CLIENT REGEX
  local got
  got=$(uses "$T/list.json" "$2")
  if [[ -n "$got" ]] && ! grep -qvE "$3" <<<"$got"; then ok "$1"; else bad "$1: got '$got'"; fi
}
if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import requests' 2>/dev/null; then
  check_use "requests reads REQUESTS_CA_BUNDLE only" python-requests "^REQUESTS_CA_BUNDLE\|REQUESTS_CA_BUNDLE=$T/ca3.pem\|"
fi
check_use "curl: CURL_CA_BUNDLE as CAfile, its compiled-in CApath kept" curl "^CURL_CA_BUNDLE \+ compiled-in CApath /etc/ssl/certs\|CAfile=$T/ca3.pem CApath=\S+\|"
check_use "java: JAVA_TOOL_OPTIONS trustStore with its password" java "^JAVA_TOOL_OPTIONS -Djavax.net.ssl.trustStore \(with trustStorePassword\)\|trustStore=$T/ca3.p12\|True$"
check_use "node --use-openssl-ca: SSL_CERT_FILE + node's CApath + NODE_EXTRA_CA_CERTS" node \
  "^NODE_OPTIONS=--use-openssl-ca: SSL_CERT_FILE.*NODE_EXTRA_CA_CERTS\|CAfile=$T/ca3.pem CApath=\S+ NODE_EXTRA_CA_CERTS=$T/ca3.pem\|"
check_use "python ssl: SSL_CERT_FILE + the default CApath" python-ssl "^SSL_CERT_FILE.*\|CAfile=$T/ca3.pem CApath=\S+\|"
n_java=$(uses "$T/list.json" java | wc -l)
n_jdk=$(for j in /usr/lib/jvm/*/bin/java; do [[ -f $j ]] && readlink -f "${j%/bin/java}"; done | sort -u | wc -l)
[[ $n_java -eq $n_jdk ]] && ok "every JDK under /usr/lib/jvm ($n_jdk)" || bad "JDKs: $n_java uses for $n_jdk JDKs"

# AWS: the ca_bundle of the active profile when AWS_CA_BUNDLE is unset.
PYBIN=$(python3 -c 'import os, sys; print(os.path.dirname(os.path.realpath(sys.executable)))' 2>/dev/null)
if [[ -n "$PYBIN" ]] && "$PYBIN/python3" -c 'import botocore' 2>/dev/null; then
  mkdir -p "$T/home/.aws"
  printf '[default]\nregion = us-east-1\n[profile ops]\nca_bundle = %s\n' "$T/ops.pem" >"$T/home/.aws/config"
  grep -v AWS_CA_BUNDLE "$T/env" >"$T/env2"
  echo "AWS_PROFILE=ops" >>"$T/env2"
  echo "PATH=$PYBIN:/usr/bin:/bin" >>"$T/env2"
  sed "s|^PATH=.*|PATH=$PYBIN:/usr/bin:/bin|" "$T/env" >"$T/env1"
  "$TRUSTREADY" clients list --env "$T/env2" --client aws-sdk-python --json >"$T/aws.json"
  check_aws=$(uses "$T/aws.json" aws-sdk-python | head -1)
  [[ "$check_aws" == "ca_bundle in $T/home/.aws/config [ops]|ca_bundle=$T/ops.pem|False" ]] \
    && ok "aws: ca_bundle of AWS_PROFILE's section" || bad "aws: got '$check_aws'"
  "$TRUSTREADY" clients list --env "$T/env1" --client aws-sdk-python --json >"$T/aws1.json"
  check_use2=$(uses "$T/aws1.json" aws-sdk-python | sort -u)
  [[ "$check_use2" == "AWS_CA_BUNDLE|AWS_CA_BUNDLE=$T/ca3.pem|False" ]] && ok "aws: AWS_CA_BUNDLE wins" || bad "aws: got '$check_use2'"
fi

# --client restricts; an unknown client is an error naming the known ones.
"$TRUSTREADY" clients list --env "$T/env" --client java --json >"$T/java.json"
others=$(python3 -c "import json; print(sum(1 for s in json.load(open('$T/java.json'))['stores'] for u in s['used_by'] if u['client']!='java'))")
[[ $others -eq 0 ]] && ok "--client java lists java only" || bad "--client java: $others other uses"
"$TRUSTREADY" clients list --client nosuch >/dev/null 2>"$T/err"
expect_exit "unknown client" 2 $?
grep -q "unknown client 'nosuch' (known: openssl, curl" "$T/err" && ok "unknown client message" || bad "message: $(cat "$T/err")"
printf 'NOT A LINE\n' >"$T/badenv"
"$TRUSTREADY" clients list --env "$T/badenv" 2>"$T/err" >/dev/null
expect_exit "bad --env file" 2 $?
grep -q "badenv:1: not a KEY=VALUE line" "$T/err" && ok "bad --env names the line" || bad "$(cat "$T/err")"

# --pid: a running process's environment.
env -i PATH=/usr/bin:/bin HOME="$T/home" REQUESTS_CA_BUNDLE="$T/pid.pem" CURL_CA_BUNDLE="$T/pid.pem" sleep 30 &
SLEEP=$!
sleep 0.2
"$TRUSTREADY" clients list --pid $SLEEP --client curl --json >"$T/pid.json"
expect_exit "--pid" 0 $?
kill $SLEEP 2>/dev/null; wait $SLEEP 2>/dev/null
python3 -c "
import json; d=json.load(open('$T/pid.json'))
assert d['environment']['origin']=='pid $SLEEP', d['environment']
assert d['environment']['exe'].endswith('sleep'), d['environment']
assert any(p['location']=='$T/pid.pem' for s in d['stores'] for p in s['parts']), d
" && ok "--pid reads /proc/PID/environ and exe" || bad "--pid"
"$TRUSTREADY" clients list --pid 999999999 2>/dev/null >/dev/null
expect_exit "--pid of no process" 2 $?

# --root: a Debian-shaped tree; nothing outside it is read, nothing run.
R="$T/rootfs"
mkdir -p "$R/etc/ssl/certs" "$R/usr/lib/ssl" "$R/usr/bin" "$R/usr/lib/jvm/jdk-21/bin" "$R/usr/lib/jvm/jdk-21/lib/security" \
  "$R/usr/lib/python3/dist-packages/requests" "$R/usr/lib/python3/dist-packages/certifi" "$R/opt/venv/bin" \
  "$R/opt/venv/lib/python3.12/site-packages/certifi" "$R/opt/venv/lib/python3.12/site-packages/botocore"
touch "$R/etc/debian_version"
cp "$T/ca3.pem" "$R/etc/ssl/certs/ca-certificates.crt"
ln -s /etc/ssl/certs/ca-certificates.crt "$R/usr/lib/ssl/cert.pem"
ln -s /etc/ssl/certs "$R/usr/lib/ssl/certs"
printf '#!/bin/sh\n' >"$R/usr/bin/python3.11"; chmod +x "$R/usr/bin/python3.11"
printf 'def where():\n    return "/etc/ssl/certs/ca-certificates.crt"\n' >"$R/usr/lib/python3/dist-packages/requests/certs.py"
printf '#!/bin/sh\n' >"$R/opt/venv/bin/python"; chmod +x "$R/opt/venv/bin/python"
cp "$T/ca3.pem" "$R/opt/venv/lib/python3.12/site-packages/certifi/cacert.pem"
cp "$T/ca3.pem" "$R/opt/venv/lib/python3.12/site-packages/botocore/cacert.pem"
printf '#!/bin/sh\n' >"$R/usr/lib/jvm/jdk-21/bin/java"
printf 'JAVA_VERSION="21.0.5"\n' >"$R/usr/lib/jvm/jdk-21/release"
cp "$T/ca3.p12" "$R/usr/lib/jvm/jdk-21/lib/security/cacerts"
cp "$T/ca3.pem" "$R/usr/lib/jvm/jdk-21/lib/security/jssecacerts"
"$TRUSTREADY" clients list --root "$R" --json >"$T/root.json"
expect_exit "--root" 0 $?
python3 - "$T/root.json" <<'PY' && ok "--root: Debian requests, venv certifi/botocore, jssecacerts, no host paths" || bad "--root resolution"
import json, sys
d = json.load(open(sys.argv[1]))
uses = {(u["client"], u["instance"].split(" ")[0]): (u["because"], [p["location"] for p in s["parts"]])
        for s in d["stores"] for u in s["used_by"]}
assert uses[("python-requests", "/usr/bin/python3.11")] == ("default (requests.certs.where())", ["/etc/ssl/certs/ca-certificates.crt"]), uses
assert uses[("python-requests", "/opt/venv/bin/python")] if ("python-requests", "/opt/venv/bin/python") in uses else True
assert uses[("aws-sdk-python", "/opt/venv/bin/python")][1] == ["/opt/venv/lib/python3.12/site-packages/certifi/cacert.pem"], uses
assert uses[("java", "/usr/lib/jvm/jdk-21")] == ("default (lib/security/jssecacerts exists)", ["/usr/lib/jvm/jdk-21/lib/security/jssecacerts"]), uses
assert uses[("python-ssl", "/usr/bin/python3.11")][1] == ["/usr/lib/ssl/cert.pem", "/usr/lib/ssl/certs"], uses
assert not any(c == "curl" for c, _ in uses), "no curl in the tree"
assert d["environment"]["origin"] == "none (--root)"
PY

[[ $fails -eq 0 ]]
