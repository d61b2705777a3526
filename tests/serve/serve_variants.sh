#!/usr/bin/env bash
# Every variant of `trustready serve`, by port and by SNI, with curl as a
# client that trusts only the new root and as one that trusts only the
# legacy root: each outcome must be the one the start line announced.
# Then the plain-HTTP publications, HTTP errors, and a graceful SIGTERM.
source "$(dirname "$0")/../lib/common.bash"  # jsonl_matches (and a $T, removed by cleanup)
source "$(dirname "$0")/lib.bash"
EXTRA_CLEANUP='rm -rf "$T"'
start_serve

NEW=$(jget "j['ca_files']['new_root']")
LEGACY=$(jget "j['ca_files']['legacy_root']")
CRL=$(jget "j['ca_files']['crl_bundle']")
SNI_PORT=$(jget "j['sni_port']")
HTTP=$(jget "j['http_url']")
N=$(jget "len(j['endpoints'])")
[[ "$N" -ge 10 ]] || fail "expected at least 10 variants, got $N"

# One line per variant, read once (a Python start per field is most of the
# run time on a loaded machine).
python3 -c "
import json
for e in json.load(open('$START'))['endpoints']:
    print(e['variant'], e['url'], e['host'], e['expected_new_root'], e['expected_legacy_root'])
" >"$WORK/variants.txt"
[[ $(wc -l <"$WORK/variants.txt") -eq $N ]] || fail "variant list"

checked=0
while read -r v url host want_new want_legacy; do
  extra=()
  # curl checks a CRL only when given one: the revoked variant is judged
  # the way a revocation-checking client sees it.
  if [[ "$v" == "revoked" ]]; then extra=(--crlfile "$CRL"); fi
  sni_url="https://$host:$SNI_PORT/test.jpg"
  for mode in port sni; do
    if [[ $mode == port ]]; then u=$url; args=(); else u=$sni_url; args=(--resolve "$host:$SNI_PORT:127.0.0.1"); fi
    got_new=$(outcome "$u" "$NEW" "${args[@]}" "${extra[@]}")
    got_legacy=$(outcome "$u" "$LEGACY" "${args[@]}" "${extra[@]}")
    [[ "$got_new" == "$want_new" ]] || fail "$v ($mode): new-root client: got $got_new, announced $want_new"
    [[ "$got_legacy" == "$want_legacy" ]] || fail "$v ($mode): legacy-root client: got $got_legacy, announced $want_legacy"
    checked=$((checked + 1))
  done
  echo "ok $v: new root $got_new, legacy root $got_legacy (port and SNI)"
done <"$WORK/variants.txt"
[[ $checked -eq $((2 * N)) ]] || fail "not every variant checked"

# The same chains are still served to a client that checks nothing: the
# failures above are the clients' verdicts, not broken endpoints.
while read -r _ url _; do
  code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 "$url" </dev/null)
  [[ "$code" == 200 ]] || fail "$url: insecure fetch gave $code"
done <"$WORK/variants.txt"

# The revoked leaf passes without a CRL and the control passes with it.
NEWCHAIN_URL=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='new-chain'][0]")
REVOKED_URL=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='revoked'][0]")
[[ $(outcome "$REVOKED_URL" "$NEW") == pass ]] || fail "revoked without CRL checking should pass"
[[ $(outcome "$NEWCHAIN_URL" "$NEW" --crlfile "$CRL") == pass ]] || fail "new-chain with the CRL should pass"

# /test.jpg is a JPEG, /health answers, the dashboard is there.
curl -sS --cacert "$NEW" "$NEWCHAIN_URL" -o "$WORK/test.jpg"
[[ $(head -c 3 "$WORK/test.jpg" | od -An -tx1 | tr -d ' ') == "ffd8ff" ]] || fail "test.jpg is not a JPEG"
# Whole bodies first: `curl | grep -q` under pipefail fails whenever grep
# stops reading before curl has written everything (curl exit 23).
health=$(curl -sS --cacert "$NEW" "${NEWCHAIN_URL%/test.jpg}/health")
grep -q '"variant":"new-chain"' <<<"$health" || fail "/health"
dashboard=$(curl -sS "$HTTP")
grep -q "Is my client ready" <<<"$dashboard" || fail "dashboard"

# Plain HTTP publishes the CA certificates and CRLs the AIA/CRL DP URLs name.
PKI=$(jget "j['ca_files']['pki_dir']")
curl -sS "${HTTP}certs/ica-rsa2048.cer" -o "$WORK/ica.cer"
cmp -s "$WORK/ica.cer" "$PKI/certs/ica-rsa2048.cer" || fail "/certs/ica-rsa2048.cer differs"
aia=$(openssl x509 -in "$PKI/certs/leaf-rsa2048.pem" -noout -ext authorityInfoAccess | grep -o 'http://[^ ]*')
curl -sS "$aia" -o "$WORK/aia.cer"
cmp -s "$WORK/aia.cer" "$PKI/certs/ica-rsa2048.cer" || fail "AIA URL $aia does not serve the issuer"
crl=$(openssl x509 -in "$PKI/certs/leaf-revoked.pem" -noout -ext crlDistributionPoints | grep -o 'http://[^ ]*')
curl -sS "$crl" -o "$WORK/crl.der"
openssl crl -inform DER -in "$WORK/crl.der" -noout -text | grep -qi "$(openssl x509 -in "$PKI/certs/leaf-revoked.pem" -noout -serial | cut -d= -f2)" \
  || fail "the published CRL does not list the revoked leaf"

# HTTP errors.
[[ $(curl -s -o /dev/null -w '%{http_code}' "${HTTP}nope") == 404 ]] || fail "404"
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST "${HTTP}") == 405 ]] || fail "405"
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" "${HTTP}") == 431 ]] || fail "431"

# Access log lines are JSON, one per request.
python3 - "$WORK/serve.log" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
events = [json.loads(l) for l in lines[1:]]
reqs = [e for e in events if e.get("event") == "request"]
assert len(reqs) >= 20, len(reqs)
for r in reqs:
    for k in ("time", "remote", "method", "path", "status", "bytes", "variant", "tls"):
        assert k in r, (k, r)
assert any(e.get("kind") == "tls_handshake_failed" for e in events)
PY

# Every line validates against docs/schemas/serve.schema.json (where a
# python3 with jsonschema exists: Debian's python3-jsonschema).
jsonl_matches "serve --json output" "${TR_SOURCE_DIR:-$(dirname "$0")/../..}/docs/schemas/serve.schema.json" \
  "$WORK/serve.log" || fail "serve output vs schema"

# Graceful stop.
kill -TERM "$SERVE_PID"
for _ in $(seq 50); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVE_PID" 2>/dev/null; then fail "serve did not stop within 5 s of SIGTERM"; fi
wait "$SERVE_PID" && rc=0 || rc=$?
[[ $rc -eq 0 ]] || fail "serve exited $rc after SIGTERM"
grep -q '"event":"stopped"' "$WORK/serve.log" || fail "no stopped event"
SERVE_PID=""
echo "PASS serve_variants"
