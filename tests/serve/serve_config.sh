#!/usr/bin/env bash
# serve --config: the user's own chains and keys replace the demo ones;
# outcomes are as the config announces; broken configs fail with one line.
source "$(dirname "$0")/lib.bash"
"$TRUSTREADY" pki demo --out "$WORK/own/pki" >/dev/null
cd "$WORK/own"
cat pki/certs/leaf-ec384.pem pki/certs/ica-ec384.pem >fullchain.pem
cat pki/certs/leaf-ec384.pem pki/certs/ica-ec384.pem pki/certs/cross-ec384.pem >crosschain.pem
cat >site.json <<'JSON'
{
  "domain": "trustready.test",
  "variants": [
    {"name": "mine", "chain": "fullchain.pem", "key": "pki/keys/leaf-ec384.key",
     "expected_new_root": "pass", "expected_legacy_root": "fail", "description": "P-384 chain"},
    {"name": "mine-cross", "chain": "crosschain.pem", "key": "pki/keys/leaf-ec384.key",
     "expected_new_root": "pass", "expected_legacy_root": "pass"}
  ],
  "ca_files": {"new_root": "pki/certs/new-root-ec384.pem", "legacy_root": "pki/certs/legacy-root.pem"},
  "publish": {"/certs/my-ica.cer": "pki/certs/ica-ec384.cer"}
}
JSON
cd - >/dev/null
start_serve --config "$WORK/own/site.json"
[[ $(jget "len(j['endpoints'])") -eq 2 ]] || fail "expected the 2 configured variants"
[[ $(jget "j['endpoints'][0]['host']") == "mine.trustready.test" ]] || fail "host name from the config domain"
NEW=$(jget "j['ca_files']['new_root']")
LEGACY=$(jget "j['ca_files']['legacy_root']")
[[ "$NEW" == "$WORK/own/pki/certs/new-root-ec384.pem" ]] || fail "ca_files paths are resolved against the config: $NEW"
SNI_PORT=$(jget "j['sni_port']")
for i in 0 1; do
  v=$(jget "j['endpoints'][$i]['variant']"); url=$(jget "j['endpoints'][$i]['url']"); host=$(jget "j['endpoints'][$i]['host']")
  for ca in new legacy; do
    file=$([[ $ca == new ]] && echo "$NEW" || echo "$LEGACY")
    want=$(jget "j['endpoints'][$i]['expected_${ca}_root']")
    got=$(outcome "$url" "$file")
    [[ "$got" == "$want" ]] || fail "$v ($ca root, port): got $got, announced $want"
    got=$(outcome "https://$host:$SNI_PORT/test.jpg" "$file" --resolve "$host:$SNI_PORT:127.0.0.1")
    [[ "$got" == "$want" ]] || fail "$v ($ca root, SNI): got $got, announced $want"
  done
  echo "ok $v"
done
curl -sS "$(jget "j['http_url']")certs/my-ica.cer" -o "$WORK/my-ica.cer"
cmp -s "$WORK/my-ica.cer" "$WORK/own/pki/certs/ica-ec384.cer" || fail "published file differs"
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || true; SERVE_PID=""

# Broken configurations: exit 2, one line naming the culprit, no listener left.
expect_error() {
  local what=$1 needle=$2; shift 2
  set +e
  timeout 30 "$TRUSTREADY" serve "$@" >"$WORK/bad.out" 2>"$WORK/bad.err"; local rc=$?
  set -e
  [[ $rc -eq 2 ]] || fail "$what: exit $rc"
  [[ $(wc -l <"$WORK/bad.err") -eq 1 ]] || fail "$what: not one line: $(cat "$WORK/bad.err")"
  grep -q -- "$needle" "$WORK/bad.err" || fail "$what: message lacks '$needle': $(cat "$WORK/bad.err")"
  echo "ok $what: $(cat "$WORK/bad.err")"
}
sed 's|pki/keys/leaf-ec384.key|pki/keys/leaf-ec256.key|' "$WORK/own/site.json" >"$WORK/own/wrongkey.json"
expect_error "key not matching the leaf" "leaf-ec256.key" --listen 127.0.0.1:0 --config "$WORK/own/wrongkey.json"
sed 's|fullchain.pem|missing.pem|' "$WORK/own/site.json" >"$WORK/own/missing.json"
expect_error "missing chain file" "missing.pem" --listen 127.0.0.1:0 --config "$WORK/own/missing.json"
echo '{"variants": [' >"$WORK/own/broken.json"
expect_error "not JSON" "broken.json" --listen 127.0.0.1:0 --config "$WORK/own/broken.json"
expect_error "bad listen address" "no-such-host" --listen no-such-host:1 --state-dir "$WORK/s2"
echo "PASS serve_config"
