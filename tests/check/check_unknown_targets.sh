#!/usr/bin/env bash
# `trustready check` never answers on partial knowledge (issue 13): a store
# that cannot be read is UNKNOWN (exit 1, listed under "unknown", with its
# fix), never skipped; targets are a list (one unreachable target is an
# error entry, the others are still judged, exit 2, JSON still printed);
# `check -` reads a chain from standard input; a mistyped file name says
# "no such file" instead of becoming a DNS lookup; a chain of other CAs is
# not framed as the profile's migration.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="$TR_SHARED_DATA/amazon-trust-services"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
AT=(--at 2026-01-01T00:00:00Z)
SCHEMA="$TR_SOURCE_DIR/docs/schemas/check.schema.json"
schema_ok() { schema_matches "$1" "$SCHEMA" "$2"; }  # NAME JSON

# --- Stores that cannot be read -------------------------------------------

# A PKCS#12 store with a password that is neither changeit nor empty.
keytool -importcert -noprompt -alias r3 -file "$A/AmazonRootCA3.cer" -keystore "$T/p.p12" -storetype PKCS12 \
  -storepass s3cret-pw >/dev/null 2>&1 || bad "keytool could not write a PKCS#12 store"
# Oracle: keytool itself cannot list it without the password.
keytool -list -keystore "$T/p.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1 \
  && bad "keytool opens the PKCS#12 store with changeit (the test store is wrong)"
keytool -list -keystore "$T/p.p12" -storetype PKCS12 -storepass s3cret-pw >/dev/null 2>&1 \
  || bad "keytool cannot open the PKCS#12 store with its password"

# Beside a ready store: still not ready, exit 1, the store listed as unknown.
"$TRUSTREADY" check --store "$T/p.p12" --store "$A/SFSRootCAG2.cer" "${AT[@]}" --json >"$T/u.json" 2>"$T/err"
expect_exit "unreadable PKCS#12 beside a ready store" 1 $?
python3 - "$T/u.json" "$T/p.p12" <<'PY' || bad "unreadable store JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ready"] is False and d["stores_ready"] is False, (d["ready"], d["stores_ready"])
s = {x["store"]: x for x in d["stores"]}
u = s[sys.argv[2]]
assert u["state"] == "unknown" and u["ready"] is False, u
assert "password" in u["error"] and "--password" in u["fix"], u
others = [x for x in d["stores"] if x["store"] != sys.argv[2]]
assert len(others) == 1 and others[0]["state"] == "ready", others
old = [{k: x[k] for k in ("store", "location", "reason", "fix")} for x in d["unknown"]]
assert old == [{"store": sys.argv[2], "location": sys.argv[2], "reason": u["error"], "fix": u["fix"]}], d["unknown"]
# Beside them (issue 19): the error's kind, detail id and severity.
assert (d["unknown"][0]["error_kind"], d["unknown"][0]["detail"], d["unknown"][0]["severity"]) == \
    ("BAD_PASSWORD", "pkcs12.password_missing", "error"), d["unknown"]
PY
schema_ok "unknown store" "$T/u.json"
NO_COLOR=1 "$TRUSTREADY" check --store "$T/p.p12" --store "$A/SFSRootCAG2.cer" "${AT[@]}" >"$T/u.txt" 2>&1
grep -q "p.p12  UNKNOWN" "$T/u.txt" && grep -q "fix: give the keystore's password" "$T/u.txt" \
  && grep -q "^Verdict: UNKNOWN - 1 of 2 stores ready for amazon-trust-services, 1 could not be read" "$T/u.txt" \
  && ok "text names the unknown store, its fix and the verdict" || { bad "unknown store text"; cat "$T/u.txt"; }
grep -q "SKIPPED" "$T/u.txt" && bad "a store is still SKIPPED"

# Its password, per store: "PATH#password=P", or --password right after it.
"$TRUSTREADY" check --store "$T/p.p12#password=s3cret-pw" "${AT[@]}" --json >"$T/pw1.json" 2>"$T/err"
expect_exit "PATH#password=P opens it (not ready: Root CA 3 only)" 1 $?
"$TRUSTREADY" check --store "$A/SFSRootCAG2.cer" --store "$T/p.p12" --password s3cret-pw "${AT[@]}" --json >"$T/pw2.json" 2>"$T/err"
expect_exit "--store P12 --password P pairs" 1 $?
python3 - "$T/pw1.json" "$T/pw2.json" <<'PY' || bad "per-store passwords"
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f))
    assert d["unknown"] == [], (f, d["unknown"])
    p12 = [s for s in d["stores"] if s["store"].endswith("p.p12")]
    assert len(p12) == 1 and p12[0]["state"] == "not_ready" and p12[0]["kind"] == "pkcs12", p12
    assert p12[0]["anchor_count"] == 1, p12
PY

# A discovered Java cacerts (PKCS#12) whose owner changed the password, in a
# file tree: UNKNOWN, while the tree's system bundle is judged (was: SKIPPED
# and "READY", exit 0).
R="$T/tree"
mkdir -p "$R/etc/ssl/certs/java"
for n in 1 2 3 4; do openssl x509 -inform der -in "$A/AmazonRootCA$n.cer"; done >"$R/etc/ssl/certs/ca-certificates.crt"
cp "$T/p.p12" "$R/etc/ssl/certs/java/cacerts"
"$TRUSTREADY" check --root "$R" "${AT[@]}" --json >"$T/tree.json" 2>"$T/err"
expect_exit "--root: ready bundle, unreadable Java cacerts" 1 $?
python3 - "$T/tree.json" <<'PY' || bad "--root unknown java JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["store"]: x for x in d["stores"]}
assert s["system"]["state"] == "ready", s["system"]["state"]
assert s["java"]["state"] == "unknown" and s["java"]["location"] == "/etc/ssl/certs/java/cacerts", s["java"]
assert "java#password=" in s["java"]["fix"], s["java"]["fix"]
assert "java" in [u["store"] for u in d["unknown"]] and d["ready"] is False, d["unknown"]
PY
schema_ok "--root with an unknown store" "$T/tree.json"
"$TRUSTREADY" check --root "$R" --password s3cret-pw "${AT[@]}" --json >"$T/tree2.json" 2>"$T/err"
expect_exit "--root with the password: Java read (Root CA 3 only: not ready)" 1 $?
python3 -c 'import json,sys; s={x["store"]: x["state"] for x in json.load(open(sys.argv[1]))["stores"]}; assert s["system"] == "ready" and s["java"] == "not_ready", s' \
  "$T/tree2.json" || bad "--root --password did not open the Java store"
# Only stores that cannot be read: still a document, exit 1 (was: exit 2).
rm "$R/etc/ssl/certs/ca-certificates.crt"
"$TRUSTREADY" check --root "$R" "${AT[@]}" --json >"$T/tree3.json" 2>"$T/err"
expect_exit "--root with only an unreadable store" 1 $?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {s["state"] for s in d["stores"]} == {"unknown"} and "java" in [u["store"] for u in d["unknown"]] and not d["ready"], d["stores"]' \
  "$T/tree3.json" || bad "only-unknown JSON"

# A Node.js whose probe fails: UNKNOWN, not skipped.
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "node: broken" >&2\nexit 3\n' >"$T/bin/node"
chmod +x "$T/bin/node"
PATH="$T/bin:$PATH" "$TRUSTREADY" check --store node "${AT[@]}" --json >"$T/node.json" 2>"$T/err"
expect_exit "failing node probe" 1 $?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["stores"][0]; assert s["store"]=="node" and s["state"]=="unknown" and s["kind"]=="node" and d["unknown"], s' \
  "$T/node.json" && ok "failing node probe is UNKNOWN" || bad "failing node probe: $(cat "$T/node.json" "$T/err")"

# --- Targets --------------------------------------------------------------

# The Amazon demo leaf with its issuing CA and the cross-certificate:
# trusted by a store holding only Starfield Services G2 (as in check_cli).
{ openssl x509 -inform der -in "$A/valid.rootca4.demo.amazontrust.com.cer"
  openssl x509 -inform der -in "$A/e3m02.cer"
  openssl x509 -inform der -in "$A/rootca4.cer"; } >"$T/chain4.pem"
TAT=(--at 2025-03-01T00:00:00Z --host valid.rootca4.demo.amazontrust.com --store "$A/SFSRootCAG2.cer")

# `check -`: the chain on standard input.
"$TRUSTREADY" check - "${TAT[@]}" --json <"$T/chain4.pem" >"$T/stdin.json" 2>"$T/err"
expect_exit "check - (chain on stdin)" 0 $?
python3 - "$T/stdin.json" <<'PY' || bad "stdin target JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["targets"][0]
assert d["ready"] and t["target"] == "-" and t["status"] == "trusted" and not t["live"], t
assert len(t["chain"]) == 3 and t["serves_profile"] and d["profile_applies"], t
PY
schema_ok "stdin target" "$T/stdin.json"
"$TRUSTREADY" check - "${TAT[@]}" </dev/null >"$T/out" 2>"$T/err"
expect_exit "check - with nothing on stdin" 2 $?
[[ $(wc -l <"$T/err") == 1 && ! -s "$T/out" ]] && grep -q "standard input" "$T/err" \
  && ok "empty stdin: $(cat "$T/err")" || bad "empty stdin: $(cat "$T/err")"
printf 'junk\n' | "$TRUSTREADY" check - "${TAT[@]}" >"$T/out" 2>"$T/err"
expect_exit "check - with junk on stdin" 2 $?

# Two targets, one unreachable (a closed loopback port): both reported, the
# chain file judged, exit 2, the JSON still printed, one line on stderr.
CLOSED=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s)
"$TRUSTREADY" check "$T/chain4.pem" "https://127.0.0.1:$CLOSED/" "${TAT[@]}" --timeout 3 --json >"$T/two.json" 2>"$T/err"
expect_exit "two targets, one unreachable" 2 $?
(( $(date +%s) - start <= 20 )) || bad "two targets took more than 20 s"
python3 - "$T/two.json" "$CLOSED" <<'PY' || bad "two targets JSON"
import json, sys
d = json.load(open(sys.argv[1]))
a, b = d["targets"]
assert a["status"] == "trusted" and a["trusted"] and a["error"] is None, a["status"]
assert b["status"] == "error" and not b["trusted"] and b["live"], b
assert f"127.0.0.1:{sys.argv[2]}" in b["error"], b["error"]
assert b["chain"] == [] and b["stores"] == [], b
assert d["ready"] is False, d["ready"]
PY
schema_ok "two targets, one unreachable" "$T/two.json"
[[ $(wc -l <"$T/err") == 1 ]] && grep -q "127.0.0.1:$CLOSED" "$T/err" && ok "stderr: $(cat "$T/err")" \
  || bad "stderr for the unreachable target: $(cat "$T/err")"
NO_COLOR=1 "$TRUSTREADY" check "https://127.0.0.1:$CLOSED/" "$T/chain4.pem" "${TAT[@]}" --timeout 3 >"$T/two.txt" 2>/dev/null
expect_exit "two targets (text, unreachable first)" 2 $?
grep -q "chain4.pem  TRUSTED by every store" "$T/two.txt" && grep -q "127.0.0.1:$CLOSED/  ERROR: " "$T/two.txt" \
  && grep -q "^Verdict: ERROR - 1 of 2 targets trusted by all 1 store, 1 could not be checked" "$T/two.txt" \
  && ok "text reports both targets" || { bad "two targets text"; cat "$T/two.txt"; }
# The worst outcome wins, and an error only when a target errored: trusted +
# not trusted is exit 1.
"$TRUSTREADY" check "$T/chain4.pem" - "${TAT[@]}" <<<"$(openssl x509 -inform der -in "$A/valid.rootca4.demo.amazontrust.com.cer")" >/dev/null 2>&1
expect_exit "trusted + not trusted (leaf without its chain)" 1 $?

# A target that looks like a path but does not exist: "no such file", at
# once (no DNS lookup, no connection), exit 2, nothing on stdout.
for t in "./nope.pem" "$T/nope" "certs/nope.pem" "nope.crt"; do
  start=$(date +%s)
  "$TRUSTREADY" check "$t" "${TAT[@]}" >"$T/out" 2>"$T/err"
  rc=$?
  if [[ $rc == 2 && $(wc -l <"$T/err") == 1 && ! -s "$T/out" ]] && grep -q "$t: no such file" "$T/err" \
     && (( $(date +%s) - start <= 5 )); then
    ok "missing file target $t: $(cat "$T/err")"
  else
    bad "missing file target $t: exit $rc: $(cat "$T/err")"
  fi
done
# host:port/path is still an endpoint, not a file name.
"$TRUSTREADY" check "127.0.0.1:$CLOSED/x" "${TAT[@]}" --timeout 3 --json >"$T/hp.json" 2>"$T/err"
expect_exit "host:port/path is an endpoint" 2 $?
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"][0]; assert t["status"]=="error" and t["live"], t' "$T/hp.json" \
  || bad "host:port/path was not probed"

# A chain of other CAs (the demo PKI) is not framed as the migration: no
# "migration CAs" line, no readiness section, profile_applies false.
"$TRUSTREADY" pki demo --out "$T/pki" >/dev/null 2>&1 || bad "pki demo"
C="$T/pki/certs"
cat "$C/leaf-rsa2048.pem" "$C/ica-rsa2048.pem" >"$T/demo-chain.pem"
NO_COLOR=1 "$TRUSTREADY" check "$T/demo-chain.pem" --store "$C/new-root-rsa2048.pem" --no-aia >"$T/demo.txt" 2>&1
rc=$?
"$TRUSTREADY" check "$T/demo-chain.pem" --store "$C/new-root-rsa2048.pem" --no-aia --json >"$T/demo.json" 2>"$T/err"
python3 - "$T/demo.json" <<'PY' || bad "non-AWS target JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["targets"][0]
assert not t["serves_profile"] and t["profile_matches"] == [], t["profile_matches"]
assert d["profile_applies"] is False, d["profile_applies"]
PY
schema_ok "non-AWS target" "$T/demo.json"
if grep -q "migration CAs" "$T/demo.txt" || grep -q "Readiness of the same stores" "$T/demo.txt" || grep -q "^Profile amazon" "$T/demo.txt"; then
  bad "a non-AWS chain is framed as the Amazon migration"; cat "$T/demo.txt"
else
  ok "non-AWS chain: not framed as the profile's migration (exit $rc)"
fi
# ... while an Amazon chain is.
NO_COLOR=1 "$TRUSTREADY" check "$T/chain4.pem" "${TAT[@]}" >"$T/aws.txt" 2>&1
grep -q "migration CAs: this server already uses them" "$T/aws.txt" && grep -q "^Profile amazon-trust-services" "$T/aws.txt" \
  && ok "Amazon chain: framed as the migration" || bad "Amazon chain text: $(cat "$T/aws.txt")"

echo "failures: $fails"
[[ $fails == 0 ]]
