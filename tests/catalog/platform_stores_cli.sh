#!/usr/bin/env bash
# Platform snapshots used as stores from the command line, checked against
# the source data (../shared/data/platform-stores/snapshots.json, read here
# independently of trustready):
#  - `platforms list --json` lists every snapshot with its trusted/blocked
#    counts and behaviour (Android < 7.1.1 ignores anchor expiry);
#  - `store show android:8.1.0_r7 --json` holds exactly that snapshot's roots;
#  - `verify --store android:all --store apple:latest` judges the real Amazon
#    chain once per snapshot, each result naming its snapshot, trusted exactly
#    where the source data has Amazon Root CA 1;
#  - unknown snapshots are exit 2 with one line naming the spec.
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SNAPS="$TR_SHARED_DATA/platform-stores/snapshots.json"
A="$TR_SHARED_DATA/amazon-trust-services"

"$TRUSTREADY" platforms list --json > "$tmp/list.json"
python3 - "$tmp/list.json" "$SNAPS" "$TR_SOURCE_DIR/data/platforms/root_properties.json" <<'PY'
import json, re, sys
got = json.load(open(sys.argv[1]))["snapshots"]
src = json.load(open(sys.argv[2]))
props = json.load(open(sys.argv[3]))
# Imported snapshots (data/platforms/imported, tests/importer) are not in
# the shared source data.
imported = {(s["platform"], s["version"]) for s in got if s["source"].startswith(("chromium@", "chromium root_store.textproto", "openjdk (rebuilt", "openjdk (from"))}
got = [g for g in got if (g["platform"], g["version"]) not in imported]
assert len(got) == len(src), (len(got), len(src))
def ver(v):
    m = re.match(r"\d+(\.\d+)*", v)
    return tuple(int(x) for x in m.group(0).split(".")) if m else ()
for g, s in zip(got, src):
    assert (g["platform"], g["version"], g["date"]) == (s["platform"], s["version"], s["date"]), (g, s)
    # root_properties.json takes roots out of server-auth trust (windows:
    # Microsoft's CTL purposes, see tests/catalog/windows_server_auth.sh).
    excluded = set()
    for r in props["not_server_auth"]:
        if r["platform"] == s["platform"] and s["date"] >= r.get("snapshots_from", ""):
            excluded |= set(r["roots"])
    assert g["trusted"] == len(set(s["trusted"]) - excluded) and g["blocked"] == len(s["blocked"]), g
    if g["platform"] == "android":
        assert g["behavior"]["enforce_anchor_expiry"] == (ver(g["version"]) >= (7, 1, 1)), g
names = [g["name"] for g in got]
assert len(set(names)) == len(names), "snapshot names must be unique"
print(f"platforms list: {len(got)} snapshots")
PY

"$TRUSTREADY" store show android:8.1.0_r7 --json > "$tmp/show.json"
python3 - "$tmp/show.json" "$SNAPS" <<'PY'
import json, sys
show = json.load(open(sys.argv[1]))
src = [s for s in json.load(open(sys.argv[2])) if (s["platform"], s["version"]) == ("android", "8.1.0_r7")]
assert len(src) == 1
def anchors(d):
    for k in ("anchors", "entries", "certificates"):
        if k in d: return d[k]
    raise AssertionError(list(d))
got = {a["sha256"].replace(":", "").lower() for a in anchors(show)}
assert got == set(src[0]["trusted"]), (len(got), len(src[0]["trusted"]))
print(f"store show android:8.1.0_r7: {len(got)} anchors")
PY

{ openssl x509 -inform der -in "$A/valid.rootca1.demo.amazontrust.com.cer"
  openssl x509 -inform der -in "$A/r2m03.cer"; } > "$tmp/chain.pem"
set +e
"$TRUSTREADY" verify "$tmp/chain.pem" --store android:all --store apple:latest \
  --host valid.rootca1.demo.amazontrust.com --at 2025-03-01T00:00:00Z --json > "$tmp/verify.json"
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "verify against every Android snapshot exited $rc, expected 1 (old Android lacks Amazon Root CA 1)"; exit 1; }
python3 - "$tmp/verify.json" "$SNAPS" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
src = json.load(open(sys.argv[2]))
ROOT1 = "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e"
android = [s for s in src if s["platform"] == "android"]
apple = [s for s in src if s["platform"] == "apple"][-1]
want = android + [apple]
stores = v["stores"]
assert len(stores) == len(want), (len(stores), len(want))
trusted = 0
for st, s in zip(stores, want):
    name = st.get("store") or st.get("name")
    assert name.startswith(f'{s["platform"]}:{s["version"]}'), (name, s["version"])
    assert st["trusted"] == (ROOT1 in s["trusted"]), (name, st["trusted"])
    trusted += st["trusted"]
assert 0 < trusted < len(want)
assert v["trusted"] is False
print(f"verify: {trusted} of {len(want)} snapshots trust the Amazon chain, as the source data says")
PY

for spec in android:99.9 nosuch:latest; do
  set +e
  "$TRUSTREADY" verify "$tmp/chain.pem" --store "$spec" > /dev/null 2> "$tmp/err"
  rc=$?
  set -e
  [[ $rc -eq 2 ]] || { echo "verify --store $spec exited $rc"; exit 1; }
  [[ $(wc -l < "$tmp/err") -eq 1 ]] && grep -qF "$spec" "$tmp/err" || { cat "$tmp/err"; exit 1; }
done
echo "platform_stores_cli: ok"
