#!/usr/bin/env bash
# check --deadline / --target-deadline (issue 17 item 4): a chain whose
# leaf names eight AIA caIssuers URLs on a server that accepts and never
# answers took 8 x --timeout (24 s at --timeout 3). Under a deadline the
# fetches stop at it, the target says so (deadline_hit, notes), and the
# verdict without AIA stands; targets the run's deadline never reached are
# errors; a stalled TLS endpoint stops at the deadline too. Env: TRUSTREADY.
set -uo pipefail
: "${TRUSTREADY:?}"
source "$(dirname "$0")/../lib/common.bash"
TR="$TRUSTREADY"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

SILENT=$(free_port)
python3 - "$SILENT" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64)
held = []
while True:
    c, _ = s.accept(); held.append(c)  # accept, read nothing, answer nothing
PY
pids+=($!)
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$SILENT") 2>/dev/null && break; sleep 0.1; done

# root -> ica -> leaf; the leaf's AIA names eight URLs on the silent server.
aia=""
for i in 1 2 3 4 5 6 7 8; do aia+="${aia:+,}caIssuers;URI:http://127.0.0.1:$SILENT/ica$i.cer"; done
cat >"$T/ext.cnf" <<EOF2
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[leaf]
basicConstraints=CA:FALSE
extendedKeyUsage=serverAuth
subjectAltName=DNS:leaf.test
authorityInfoAccess=$aia
EOF2
{
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/root.key" -out "$T/root.pem" \
    -subj /CN=Deadline-Root -days 30 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/ica.key" -out "$T/ica.csr" -subj /CN=Deadline-ICA
  openssl x509 -req -in "$T/ica.csr" -CA "$T/root.pem" -CAkey "$T/root.key" -CAcreateserial -out "$T/ica.pem" \
    -days 30 -extfile "$T/ext.cnf" -extensions ca
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/leaf.key" -out "$T/leaf.csr" -subj /CN=leaf.test
  openssl x509 -req -in "$T/leaf.csr" -CA "$T/ica.pem" -CAkey "$T/ica.key" -CAcreateserial -out "$T/leaf.pem" \
    -days 30 -extfile "$T/ext.cnf" -extensions leaf
} >/dev/null 2>&1 || bad "openssl: making the test chain"
[[ $(openssl x509 -in "$T/leaf.pem" -noout -ext authorityInfoAccess | grep -c 'CA Issuers') == 8 ]] &&
  ok "leaf names 8 AIA URLs" || bad "leaf AIA"

# Without a deadline: eight timeouts (at --timeout 1, to keep this short).
start=$(date +%s%N)
"$TR" check "$T/leaf.pem" --host leaf.test --store "$T/root.pem" --timeout 1 --json >"$T/none.json" 2>"$T/err"
rc=$?; took=$(ms_since "$start")
expect_exit "no deadline: not trusted (incomplete chain)" 1 "$rc"
(( took >= 7000 )) && ok "no deadline: 8 stalled fetches took $took ms" || bad "no deadline: only $took ms (fetches not stalled?)"

# --deadline 2 at --timeout 3: stops at 2 s (it took 24 s).
start=$(date +%s%N)
"$TR" check "$T/leaf.pem" --host leaf.test --store "$T/root.pem" --timeout 3 --deadline 2 --json >"$T/d.json" 2>"$T/err"
rc=$?; took=$(ms_since "$start")
expect_exit "--deadline 2: verdict without AIA stands (exit 1, not 2)" 1 "$rc"
(( took < 4500 )) && ok "--deadline 2 at --timeout 3: $took ms (24 s without)" || bad "--deadline 2: took $took ms"
python3 - "$T/d.json" <<'PY' && ok "deadline_hit reported, notes name the deadline" || bad "JSON: $(head -c 800 "$T/d.json")"
import json, sys
t = json.load(open(sys.argv[1]))["targets"][0]
assert t["deadline_hit"] is True, t
assert t["status"] == "not_trusted", t["status"]
assert t["aia_notes"] and all("deadline" in n for n in t["aia_notes"]), t["aia_notes"]
PY
"$TR" check "$T/leaf.pem" --host leaf.test --store "$T/root.pem" --timeout 3 --deadline 1 >"$T/d.txt" 2>&1
grep -q "deadline reached" "$T/d.txt" && ok "text says the deadline was reached" || bad "text: $(cat "$T/d.txt")"

# --target-deadline: each target gets its own 1.5 s.
start=$(date +%s%N)
"$TR" check "$T/leaf.pem" "$T/leaf.pem" --host leaf.test --store "$T/root.pem" --timeout 3 --target-deadline 1.5 --json \
  >"$T/td.json" 2>"$T/err"
rc=$?; took=$(ms_since "$start")
expect_exit "--target-deadline: exit 1" 1 "$rc"
(( took >= 2500 && took < 6000 )) && ok "--target-deadline 1.5, two targets: $took ms" || bad "--target-deadline: $took ms"
python3 -c 'import json,sys; ts=json.load(open(sys.argv[1]))["targets"]; assert len(ts)==2 and all(t["deadline_hit"] and t["status"]=="not_trusted" for t in ts), ts' "$T/td.json" &&
  ok "both targets cut short, both judged" || bad "--target-deadline JSON"

# The run's deadline: the second target is not reached; it is an error.
"$TR" check "$T/leaf.pem" "$T/leaf.pem" --host leaf.test --store "$T/root.pem" --timeout 3 --deadline 1.5 --json \
  >"$T/rd.json" 2>"$T/err"
rc=$?
expect_exit "--deadline over two targets: the unreached one is an error" 2 "$rc"
python3 -c 'import json,sys; ts=json.load(open(sys.argv[1]))["targets"]; assert ts[0]["status"]=="not_trusted" and ts[0]["deadline_hit"]; assert ts[1]["status"]=="error" and "not checked" in ts[1]["error"] and ts[1]["deadline_hit"], ts' "$T/rd.json" &&
  ok "first target judged, second 'not checked'" || bad "run deadline JSON: $(head -c 600 "$T/rd.json")"

# A live endpoint that accepts and never answers the ClientHello.
start=$(date +%s%N)
"$TR" check "https://127.0.0.1:$SILENT/" --store "$T/root.pem" --timeout 10 --deadline 1 >"$T/out" 2>"$T/err"
rc=$?; took=$(ms_since "$start")
expect_exit "stalled TLS endpoint under --deadline 1" 2 "$rc"
(( took < 3500 )) && grep -q deadline "$T/err" "$T/out" && ok "stopped at the deadline ($took ms): $(cat "$T/err")" ||
  bad "stalled endpoint: $took ms: $(cat "$T/err" "$T/out" | head -5)"
[[ $fails -eq 0 ]]
