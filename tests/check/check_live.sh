#!/usr/bin/env bash
# `trustready check https://...` against TLS servers started here on
# 127.0.0.1 (OpenSSL's s_server) with the demo PKI of `trustready pki demo`:
# ready and not-ready stores, the HTTP status, expired, revoked, wrong-host
# and missing-intermediate cases (AIA from a local HTTP server), and a closed
# port, a junk server and a silent server, each exit 2 within the timeout.
# Env: TRUSTREADY.
set -uo pipefail
: "${TRUSTREADY:?}"
T=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
expect_exit() { if [[ "$2" != "$3" ]]; then bad "$1: exit $3, expected $2"; else ok "$1"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {  # PORT: until something listens (max 20 s)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.2; done
  bad "nothing listens on $1"; return 1
}

HTTP_PORT=$(free_port)
PKI="$T/pki"
"$TRUSTREADY" pki demo --out "$PKI" --base-url "http://127.0.0.1:$HTTP_PORT/" >/dev/null || { bad "pki demo"; exit 1; }
# The site that AIA caIssuers URLs point to.
python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$PKI" >/dev/null 2>&1 &
pids+=($!)
wait_port "$HTTP_PORT"

C="$PKI/certs"
mkdir "$T/www" && printf 'trustready test object\n' >"$T/www/test.txt"
serve() {  # LEAF_ID CHAIN_FILE|"" -> prints port
  local id=$1 chain=$2 port
  port=$(free_port)
  local args=(s_server -accept "127.0.0.1:$port" -cert "$C/$id.pem" -key "$PKI/keys/$id.key" -WWW -quiet -naccept 1000)
  [[ -n "$chain" ]] && args+=(-cert_chain "$chain")
  (cd "$T/www" && exec openssl "${args[@]}" </dev/null >/dev/null 2>&1) &
  pids+=($!)
  wait_port "$port" && echo "$port"
}
cat "$C/ica-rsa2048.pem" >"$T/chain-new.pem"
cat "$C/ica-rsa2048.pem" "$C/cross-rsa2048.pem" >"$T/chain-cross.pem"
NEW="$C/new-root-rsa2048.pem"
LEGACY="$C/legacy-root.pem"

# A profile for the demo migration, built from the chain servers send.
cat "$C/leaf-rsa2048.pem" "$T/chain-cross.pem" >"$T/served.pem"
"$TRUSTREADY" profiles create --from "$T/served.pem" --root "$NEW" --root "$LEGACY" --out "$T/profile" --name demo >/dev/null \
  || bad "profiles create from the demo chain"
PROF=(--profile "$T/profile")

P_NEW=$(serve leaf-rsa2048 "$T/chain-new.pem")
P_CROSS=$(serve leaf-rsa2048 "$T/chain-cross.pem")
P_EXPIRED=$(serve leaf-expired "$T/chain-new.pem")
P_REVOKED=$(serve leaf-revoked "$T/chain-new.pem")
P_WRONG=$(serve leaf-wrong-host "$T/chain-new.pem")
P_INCOMPLETE=$(serve leaf-rsa2048 "")

# Ready: new root; HTTP 200 for the test object; the server uses the new CA.
"$TRUSTREADY" check "https://127.0.0.1:$P_NEW/test.txt" --store "$NEW" "${PROF[@]}" --json >"$T/new.json" 2>"$T/err"
expect_exit "new chain, new-root store" 0 $?
python3 - "$T/new.json" <<'PY' || bad "new chain JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["targets"][0]
assert t["live"] and t["trusted"] and t["http_status"] == 200, (t["http_status"], t["status_line"])
assert t["serves_profile"] and len(t["chain"]) == 2, t
assert t["peer_address"].startswith("127.0.0.1"), t["peer_address"]
PY
"$TRUSTREADY" check "https://127.0.0.1:$P_NEW/test.txt" --store "$NEW" "${PROF[@]}" >"$T/new.txt"
grep -q "200" "$T/new.txt" || bad "text output does not show the HTTP status"
# Not ready: legacy-only client, new chain without the cross-certificate.
"$TRUSTREADY" check "https://127.0.0.1:$P_NEW/test.txt" --store "$LEGACY" "${PROF[@]}" >"$T/out"
expect_exit "new chain, legacy-root store" 1 $?
grep -q UNKNOWN_ISSUER "$T/out" || bad "legacy store on new chain does not say UNKNOWN_ISSUER"
# The cross-signed chain serves both.
"$TRUSTREADY" check "127.0.0.1:$P_CROSS" --store "$LEGACY" --store "$NEW" "${PROF[@]}" >"$T/out"
expect_exit "cross-signed chain, both stores" 0 $?
# Readiness of the stores for the demo profile itself.
"$TRUSTREADY" check --store "$LEGACY" "${PROF[@]}" >"$T/out"
expect_exit "legacy root ready for the demo profile (cross-sign)" 0 $?
"$TRUSTREADY" check --store "$C/new-root-ec256.pem" "${PROF[@]}" >"$T/out"
expect_exit "unrelated demo root not ready for the demo profile" 1 $?

# SNI: the name sent is the name checked.
"$TRUSTREADY" check "https://127.0.0.1:$P_NEW/test.txt" --sni new-chain.trustready.test --store "$NEW" "${PROF[@]}" --json >"$T/sni.json"
expect_exit "SNI name covered by the leaf's wildcard" 0 $?
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"][0]; assert t["sni"]=="new-chain.trustready.test", t["sni"]' "$T/sni.json" \
  || bad "SNI not reported"
"$TRUSTREADY" check "https://127.0.0.1:$P_NEW/test.txt" --sni other.example --store "$NEW" "${PROF[@]}" >"$T/out"
expect_exit "SNI name the leaf does not cover" 1 $?
grep -q HOSTNAME_MISMATCH "$T/out" || bad "SNI mismatch does not say HOSTNAME_MISMATCH"

# IPv6: the same chain over [::1] (where loopback has IPv6).
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null; then
  P6=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0)); print(s.getsockname()[1])')
  (cd "$T/www" && exec openssl s_server -6 -accept "[::1]:$P6" -cert "$C/leaf-rsa2048.pem" -key "$PKI/keys/leaf-rsa2048.key" \
     -cert_chain "$T/chain-new.pem" -WWW -quiet -naccept 100 </dev/null >/dev/null 2>&1) &
  pids+=($!)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/::1/"$P6") 2>/dev/null && break; sleep 0.2; done
  "$TRUSTREADY" check "https://[::1]:$P6/test.txt" --store "$NEW" "${PROF[@]}" --json >"$T/v6.json"
  expect_exit "IPv6 endpoint" 0 $?
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"][0]; assert t["peer_address"]=="::1" and t["http_status"]==200, t' "$T/v6.json" \
    || bad "IPv6 endpoint JSON"
else
  echo "skip: no IPv6 on loopback"
fi

# Failures explained.
expect_code() {  # NAME PORT CODE [ARGS...]
  local name=$1 port=$2 code=$3; shift 3
  "$TRUSTREADY" check "https://127.0.0.1:$port/test.txt" --store "$NEW" "${PROF[@]}" "$@" --json >"$T/j" 2>"$T/err"
  local rc=$?
  [[ $rc == 1 ]] || { bad "$name: exit $rc, expected 1 ($(cat "$T/err"))"; return; }
  python3 - "$T/j" "$code" <<'PY' && ok "$name: $code" || bad "$name: no $code"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["targets"][0]["stores"][0]
assert not s["trusted"] and s["error"]["code"] == sys.argv[2], s["error"]
PY
}
expect_code "expired leaf" "$P_EXPIRED" EXPIRED
expect_code "revoked leaf with its CRL" "$P_REVOKED" REVOKED --crl "$PKI/crl/all.crl.pem"
"$TRUSTREADY" check "https://127.0.0.1:$P_REVOKED/test.txt" --store "$NEW" "${PROF[@]}" >/dev/null
expect_exit "revoked leaf without a CRL (nothing is downloaded)" 0 $?
expect_code "wrong host" "$P_WRONG" HOSTNAME_MISMATCH
"$TRUSTREADY" check "https://127.0.0.1:$P_WRONG/test.txt" --host wrong-host.invalid --store "$NEW" "${PROF[@]}" >/dev/null
expect_exit "wrong-host leaf checked against its own name" 0 $?

# Missing intermediate: not trusted as sent; fetched from the AIA URL it
# recovers for browsers only.
"$TRUSTREADY" check "https://127.0.0.1:$P_INCOMPLETE/test.txt" --store "$NEW" "${PROF[@]}" --json >"$T/inc.json"
expect_exit "incomplete chain" 1 $?
python3 - "$T/inc.json" <<'PY' || bad "incomplete chain JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["targets"][0]
s = t["stores"][0]
assert len(t["chain"]) == 1 and not s["trusted"], t
assert s["error"]["code"] == "UNKNOWN_ISSUER", s["error"]
# The issuing CA first (the leaf's caIssuers), then what its own AIA names.
assert t["aia_fetched"][0]["name"] == "TrustReady Demo Server CA 1A", t["aia_fetched"]
assert s["trusted_with_aia"] is True and s["with_aia"]["trusted"] is True, s
PY
"$TRUSTREADY" check "https://127.0.0.1:$P_INCOMPLETE/test.txt" --store "$NEW" "${PROF[@]}" >"$T/inc.txt"
grep -q "recovers with AIA fetching" "$T/inc.txt" && grep -q "Java, OpenSSL-based clients and curl" "$T/inc.txt" \
  || bad "incomplete chain text does not say who recovers"
"$TRUSTREADY" check "https://127.0.0.1:$P_INCOMPLETE/test.txt" --store "$NEW" "${PROF[@]}" --no-aia --json >"$T/inc2.json"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["targets"][0]; assert t["aia_fetched"]==[] and t["stores"][0]["with_aia"] is None' "$T/inc2.json" \
  || bad "--no-aia still fetched"

# Hostile and absent servers: exit 2, one line, within the timeout.
CLOSED=$(free_port)
JUNK=$(free_port)
python3 - "$JUNK" <<'PY' &
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
def junk(c):
    try:
        c.sendall(b"SSH-2.0-OpenSSH_9.2 this is not TLS\r\n" * 64)
        c.recv(4096)
    except OSError:
        pass
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=junk, args=(c,), daemon=True).start()
PY
pids+=($!)
SILENT=$(free_port)
python3 - "$SILENT" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)  # accept, then never say anything
PY
pids+=($!)
wait_port "$JUNK"; wait_port "$SILENT"
for case in "closed port:$CLOSED" "junk server:$JUNK" "silent server:$SILENT"; do
  name=${case%%:*}; port=${case##*:}
  start=$(date +%s)
  "$TRUSTREADY" check "https://127.0.0.1:$port/" --store "$NEW" "${PROF[@]}" --timeout 2 >"$T/out" 2>"$T/err"
  rc=$?
  took=$(( $(date +%s) - start ))
  if [[ $rc != 2 ]]; then bad "$name: exit $rc, expected 2"
  elif [[ $(wc -l <"$T/err") != 1 ]]; then bad "$name: stderr not one line: $(cat "$T/err")"
  elif ! grep -q "127.0.0.1:$port" "$T/err"; then bad "$name: error does not name the target: $(cat "$T/err")"
  elif (( took > 15 )); then bad "$name: took ${took}s with --timeout 2"
  else ok "$name (${took}s): $(cat "$T/err")"; fi
done

# TLS fine, HTTP junk (issue 17 item 7): the chain verdict is reported and
# the HTTP problem beside it; not exit 2 with no verdict.
TLSJUNK=$(free_port)
cat "$C/leaf-rsa2048.pem" "$T/chain-new.pem" >"$T/leaf-chain.pem"
python3 - "$TLSJUNK" "$T/leaf-chain.pem" "$PKI/keys/leaf-rsa2048.key" <<'PY' &
import socket, ssl, sys, threading
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
def serve(c):
    try:
        t = ctx.wrap_socket(c, server_side=True, do_handshake_on_connect=False)
        t.settimeout(5); t.do_handshake(); t.recv(4096)
        t.sendall(b"220 smtp.example ESMTP ready\r\n"); t.close()
    except Exception:
        c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
pids+=($!)
wait_port "$TLSJUNK"
"$TRUSTREADY" check "https://127.0.0.1:$TLSJUNK/" --store "$NEW" "${PROF[@]}" --timeout 3 --json \
  >"$T/tlsjunk.json" 2>"$T/tlsjunk.err"
rc=$?
if [[ $rc == 2 ]]; then bad "TLS ok, junk HTTP: exit 2 ($(cat "$T/tlsjunk.err"))"
elif python3 - "$T/tlsjunk.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["targets"][0]
assert t["stores"] and t["stores"][0]["trusted"] is True, t["stores"]
assert t["http_status"] is None, t["http_status"]
assert "junk HTTP response" in (t.get("http_error") or ""), t.get("http_error")
PY
then ok "TLS ok, junk HTTP: exit $rc, chain trusted, http_error reported"
else bad "TLS ok, junk HTTP: $(head -c 600 "$T/tlsjunk.json")"; fi
"$TRUSTREADY" check "https://127.0.0.1:$TLSJUNK/" --store "$NEW" "${PROF[@]}" --timeout 3 \
  >"$T/tlsjunk.txt" 2>&1
grep -q "HTTP problem: junk HTTP response" "$T/tlsjunk.txt" && ok "text names the HTTP problem" ||
  bad "text: $(cat "$T/tlsjunk.txt")"

echo "failures: $fails"
[[ $fails == 0 ]]
