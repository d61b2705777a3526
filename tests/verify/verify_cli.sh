#!/usr/bin/env bash
# `trustready verify` and `trustready limbo` end to end, on the real Amazon
# PKI at 2025-03-01 and on x509-limbo. Env: TRUSTREADY, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="$TR_SHARED_DATA/amazon-trust-services"
source "$TR_SOURCE_DIR/tests/lib/common.bash"  # $T, $fails, schema_matches
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
  if [[ "$2" != "$3" ]]; then echo "FAIL: $1: exit $3, expected $2"; fails=$((fails + 1)); else echo "ok: $1"; fi
}
mkdir "$T/int"
cp "$A"/r2m0?.cer "$A"/r4m0?.cer "$A"/e2m0?.cer "$A"/e3m0?.cer "$T/int/"
AT=(--at 2025-03-01T00:00:00Z)

for n in 1 2 3 4; do
  host=valid.rootca$n.demo.amazontrust.com
  "$TRUSTREADY" verify "$A/$host.cer" -u "$T/int" -s "$A/AmazonRootCA$n.cer" --host "$host" "${AT[@]}" >"$T/out" 2>&1
  check "valid.rootca$n against Amazon Root CA $n" 0 $?
  "$TRUSTREADY" verify "$A/$host.cer" -u "$T/int" -u "$A/rootca$n.cer" -s "$A/SFSRootCAG2.cer" --host "$host" "${AT[@]}" --json >"$T/j" 2>&1
  check "valid.rootca$n against Starfield G2 via cross-cert" 0 $?
  python3 - "$T/j" <<'PY' || { echo "FAIL: JSON of the Starfield path"; fails=$((fails + 1)); }
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert d["trusted"] and s["trusted"], d
p = [p for p in s["paths"] if p["valid"]][0]
assert len(p["certificates"]) == 4, p
assert all(len(h) == 64 for h in p["certificates"]), p
PY
  # Both stores at once: each is one client, both trust it.
  "$TRUSTREADY" verify "$A/$host.cer" -u "$T/int" -s "$A/AmazonRootCA$n.cer" -s "$A/SFSRootCAG2.cer" --host "$host" "${AT[@]}" >"$T/out" 2>&1
  check "valid.rootca$n: one of two stores lacks a path" 1 $?
done

"$TRUSTREADY" verify "$A/expired.rootca1.demo.amazontrust.com.cer" -u "$T/int" -s "$A/AmazonRootCA1.cer" "${AT[@]}" --json >"$T/j"
check "expired leaf" 1 $?
grep -q '"code": "EXPIRED"' "$T/j" || { echo "FAIL: expired leaf does not say EXPIRED"; fails=$((fails + 1)); }

crls=()
for c in "$A"/r2m0?.crl; do crls+=(--crl "$c"); done
"$TRUSTREADY" verify "$A/revoked.rootca1.demo.amazontrust.com.cer" -u "$T/int" -s "$A/AmazonRootCA1.cer" "${AT[@]}" "${crls[@]}" >"$T/out"
check "revoked leaf with CRLs" 1 $?
grep -q REVOKED "$T/out" || { echo "FAIL: revoked leaf does not say REVOKED"; cat "$T/out"; fails=$((fails + 1)); }
"$TRUSTREADY" verify "$A/revoked.rootca1.demo.amazontrust.com.cer" -u "$T/int" -s "$A/AmazonRootCA1.cer" "${AT[@]}" >"$T/out"
check "revoked leaf without CRLs" 0 $?

"$TRUSTREADY" verify "$A/valid.rootca1.demo.amazontrust.com.cer" -u "$T/int" -s "$A/AmazonRootCA1.cer" --host wrong.example.com "${AT[@]}" >"$T/out"
check "wrong host" 1 $?
grep -q HOSTNAME_MISMATCH "$T/out" || { echo "FAIL: wrong host does not say HOSTNAME_MISMATCH"; fails=$((fails + 1)); }

# Bad input: one line on stderr naming the input, exit 2, nothing else.
printf 'garbage' >"$T/bad.pem"
for args in "$T/missing.pem -s $A/AmazonRootCA1.cer" "$T/bad.pem -s $A/AmazonRootCA1.cer" \
            "$A/valid.rootca1.demo.amazontrust.com.cer -s $A/AmazonRootCA1.cer --at yesterday" \
            "$A/valid.rootca1.demo.amazontrust.com.cer -s $A/AmazonRootCA1.cer --host a_b..c" \
            "$A/valid.rootca1.demo.amazontrust.com.cer -s $A/AmazonRootCA1.cer --crl $T/bad.pem" \
            "$A/valid.rootca1.demo.amazontrust.com.cer -s $A/AmazonRootCA1.cer --purpose banana"; do
  # shellcheck disable=SC2086
  "$TRUSTREADY" verify $args >"$T/out" 2>"$T/err"
  rc=$?
  check "bad input: $args" 2 $rc
  [[ $(wc -l <"$T/err") -eq 1 ]] || { echo "FAIL: stderr is not one line for: $args"; cat "$T/err"; fails=$((fails + 1)); }
done

# limbo: harness JSON and summary; the score must stay >= 200.
"$TRUSTREADY" limbo "$TR_SHARED_DATA/x509-limbo/limbo.json" --output "$T/limbo.json" 2>"$T/summary"
check "limbo runs" 0 $?
python3 - "$T/limbo.json" "$TR_SHARED_DATA/x509-limbo/limbo.json" <<'PY' || { echo "FAIL: limbo result"; fails=$((fails + 1)); }
import json, sys
res = json.load(open(sys.argv[1]))
suite = json.load(open(sys.argv[2]))
assert res["version"] == 1 and res["harness"].startswith("trustready-")
expected = {t["id"]: t["expected_result"] for t in suite["testcases"]}
assert len(res["results"]) == len(expected)
matched = sum(1 for r in res["results"] if expected[r["id"]] == r["actual_result"])
print("limbo matched", matched)
assert matched >= 200, matched
PY
grep -q "cases match the expected result" "$T/summary" || { echo "FAIL: no limbo summary"; fails=$((fails + 1)); }
# JSON output against docs/schemas.
"$TRUSTREADY" verify "$A/revoked.rootca1.demo.amazontrust.com.cer" -u "$T/int" -s "$A/AmazonRootCA1.cer" \
  -s "$A/SFSRootCAG2.cer" "${AT[@]}" "${crls[@]}" --host x.example --json >"$T/v.json"
schema_matches "verify --json (revoked, CRLs)" "$TR_SOURCE_DIR/docs/schemas/verify.schema.json" "$T/v.json"
schema_matches "limbo --json" "$TR_SOURCE_DIR/docs/schemas/limbo.schema.json" "$T/limbo.json"
schema_matches "verify --json (Starfield path)" "$TR_SOURCE_DIR/docs/schemas/verify.schema.json" "$T/j"

"$TRUSTREADY" limbo "$T/bad.pem" >/dev/null 2>"$T/err"
check "limbo on a non-suite" 2 $?

[[ $fails -eq 0 ]]
