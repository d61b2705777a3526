#!/usr/bin/env bash
# plan on the real Amazon Trust Services PKI over all 177 snapshots: moving
# from leaf + intermediate + Amazon Root CA 1 cross-signed by Starfield
# Services Root CA - G2 to leaf + intermediate breaks exactly the snapshots
# that trust Starfield Services G2 but not Amazon Root CA 1 (computed here
# from the source snapshots.json, independently of trustready), and the
# recommendation is to keep the cross-certificate, at its size in bytes.
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
source "${TR_SOURCE_DIR:?}/tests/lib/common.bash"  # $T (removed on exit), schema_matches
tmp=$T
A="$TR_SHARED_DATA/amazon-trust-services"
pem() { openssl x509 -inform der -in "$A/$1"; }
{ pem valid.rootca1.demo.amazontrust.com.cer; pem r2m03.cer; pem rootca1.cer; } > "$tmp/old.pem"
{ pem valid.rootca1.demo.amazontrust.com.cer; pem r2m03.cer; } > "$tmp/new.pem"
pem rootca1.cer > "$tmp/cross.pem"

set +e
"$TRUSTREADY" plan --old "$tmp/old.pem" --new "$tmp/new.pem" --candidates "$tmp/cross.pem" \
  --at 2026-01-01 --json > "$tmp/plan.json"
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "plan exited $rc, expected 1 (clients break)"; exit 1; }

python3 - "$tmp/plan.json" "$TR_SHARED_DATA/platform-stores/snapshots.json" "$A/rootca1.cer" "$TR_SOURCE_DIR/data/platforms/imported" <<'PY'
import glob, hashlib, json, os, sys
plan = json.load(open(sys.argv[1]))
snaps = json.load(open(sys.argv[2]))
# Snapshots imported into the product (Chrome) follow the shared data's,
# by date (they are new platforms).
snaps += sorted((json.load(open(f)) for f in sorted(glob.glob(os.path.join(sys.argv[4], "*.json")))), key=lambda s: s["date"])  # files in name order, then by date, as the loader
# ... and rebuilt snapshots of an existing platform (openjdk jdk-21 ... jdk-26, and jdk-11.0.26 read from VerifyCACerts.java)
# sit with their platform: follow the matrix's order of (platform, version).
rebuilt = {(s["platform"], s["version"]): s for s in snaps if s["source"].startswith(("openjdk (rebuilt", "openjdk (from"))}
rest = [s for s in snaps if (s["platform"], s["version"]) not in rebuilt]
snaps = [rebuilt.pop((c["platform"], c["version"])) if (c["platform"], c["version"]) in rebuilt else rest.pop(0)
         for c in plan["matrix"]] + rest + list(rebuilt.values())
cross_len = len(open(sys.argv[3], "rb").read())
ROOT1 = "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e"
SFSG2 = "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5"
assert plan["snapshots"] == len(snaps) == len(plan["matrix"]), plan["snapshots"]
want_breaking = []
for s, cell in zip(snaps, plan["matrix"]):
    assert (cell["platform"], cell["version"]) == (s["platform"], s["version"]), cell
    old = ROOT1 in s["trusted"] or SFSG2 in s["trusted"]
    new = ROOT1 in s["trusted"]
    assert cell["old"] == old, (cell, old)
    assert cell["new"] == new, (cell, new)
    if old and not new:
        want_breaking.append((s["platform"], s["version"]))
got = [(b["platform"], b["version"]) for b in plan["breaking"]]
assert got == want_breaking, (got, want_breaking)
assert len(got) > 0
# Android < 8 lacks Amazon Root CA 1 in this data but has Starfield Services G2.
assert ("android", "7.1") in got and ("android", "4.0") in got
rec = plan["recommendation"]
assert rec["working"] == sum(1 for s in snaps if ROOT1 in s["trusted"] or SFSG2 in s["trusted"]), rec["working"]
assert rec["added_bytes"] == cross_len, (rec["added_bytes"], cross_len)
assert rec["chain"][2] == hashlib.sha256(open(sys.argv[3], "rb").read()).hexdigest()
assert len(rec["matrix"]) == len(snaps)
# First working Android version for the new chain = first Android snapshot with Amazon Root CA 1.
first = next(s["version"] for s in snaps if s["platform"] == "android" and ROOT1 in s["trusted"])
fw = {p["platform"]: p["first_working"] for p in plan["platforms"]}
assert fw["android"] == first, (fw, first)
# The leaf expired in 2025-04: reported, not deciding.
assert plan["leaves"]["new"]["valid_at"] is False
print("plan_amazon: ok,", len(got), "breaking")
PY

schema_matches "plan --json" "${TR_SOURCE_DIR:?}/docs/schemas/plan.schema.json" "$tmp/plan.json"

# --platforms narrows the matrix; bad input is exit 2 with the input named.
"$TRUSTREADY" plan --old "$tmp/old.pem" --new "$tmp/old.pem" --platforms android:all,apple:latest --json > "$tmp/p2.json" || true
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["snapshots"]==len(d["matrix"]); assert {m["platform"] for m in d["matrix"]}=={"android","apple"}; assert d["breaking"]==[]' "$tmp/p2.json"
for args in "--old $tmp/missing.pem --new $tmp/new.pem" "--old $tmp/old.pem --new $tmp/new.pem --platforms nosuch:1" \
            "--old $tmp/old.pem --new $tmp/new.pem --at notadate"; do
  set +e
  "$TRUSTREADY" plan $args > /dev/null 2> "$tmp/err"
  rc=$?
  set -e
  [[ $rc -eq 2 ]] || { echo "plan $args exited $rc"; exit 1; }
  [[ $(wc -l < "$tmp/err") -eq 1 ]] || { echo "plan $args: more than one error line"; cat "$tmp/err"; exit 1; }
done
: > "$tmp/empty.pem"
set +e; "$TRUSTREADY" plan --old "$tmp/empty.pem" --new "$tmp/new.pem" 2> "$tmp/err"; rc=$?; set -e
[[ $rc -eq 2 ]] && grep -q empty.pem "$tmp/err"

# Issue 13 item 7: the cross-certificate the old chain already serves is a
# candidate without --candidates. The recommendation then breaks nothing the
# old chain works on (it used to recommend the bare new chain, breaking every
# Starfield-only snapshot).
set +e
"$TRUSTREADY" plan --old "$tmp/old.pem" --new "$tmp/new.pem" --at 2026-01-01 --json > "$tmp/plan-nocand.json"
set -e
python3 - "$tmp/plan-nocand.json" "$tmp/plan.json" "$A/rootca1.cer" <<'PY'
import hashlib, json, sys
p = json.load(open(sys.argv[1]))
with_cand = json.load(open(sys.argv[2]))
rec = p["recommendation"]
old_working = sum(1 for c in p["matrix"] if c["old"])
assert rec["working"] == old_working, (rec["working"], old_working)
assert rec["chain"][2] == hashlib.sha256(open(sys.argv[3], "rb").read()).hexdigest(), rec["chain"]
assert rec["chain"] == with_cand["recommendation"]["chain"]
assert len(p["breaking"]) > 0  # the bare new chain still breaks them; the recommendation does not
print("plan_amazon: cross-certificate in --old is a candidate; recommendation keeps", rec["working"], "snapshots")
PY
