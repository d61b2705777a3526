#!/usr/bin/env bash
# Image targets in a fleet (issue 16; design fleet.md M4 item 24): lines
# `image=PATH` (an unpacked root file system, or an image archive) in the
# list, CSV and JSONL inputs. Each image's stores are discovered and judged
# as `trustready check --root PATH` (or `--image PATH`) judges them: for
# every image, the readiness rows of the fleet scan (store, kind, location,
# state, anchor count, reason, fix lines) equal those of `check ... --json`
# run on its own. Also: the exit code and summary count images; shards
# merged equal one scan with readiness rows; `fleet diff` names a store that
# left READY (regression, exit 1) and one that reached it; metrics count
# images without per-image series; bad image lines are FILE:LINE errors
# before anything is judged; an image without any store is a `bad_image`
# observation, never READY.
source "$(dirname "$0")/lib.bash"
: "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
A="$TR_SHARED_DATA/amazon-trust-services"
AT=2026-01-01T00:00:00Z
mkdir -p "$T/files" "$T/img" "$T/tmp"
export TMPDIR="$T/tmp"
for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3 AmazonRootCA4 SFSRootCAG2 r2m01; do
  openssl x509 -inform der -in "$A/$c.cer" -out "$T/files/$c.pem"
done
cat "$T"/files/{AmazonRootCA1,AmazonRootCA2,AmazonRootCA3,AmazonRootCA4,SFSRootCAG2}.pem >"$T/files/bundle.pem"
"$TRUSTREADY" store export "$T/files/bundle.pem" --format jks --out "$T/files/cacerts.jks" --password changeit >/dev/null \
  || bad "store export jks"
# Tree A and the archives: tests/image/make_images.py (two layers, whiteouts).
python3 "$TR_SOURCE_DIR/tests/image/make_images.py" "$T/img" "$T/files" || { bad "make_images.py"; exit 1; }
# Tree B: a system bundle holding only Amazon Root CA 3 (not ready) and a
# PKCS#12 Java store under a password nobody gave (unknown).
mkdir -p "$T/b/etc/ssl/certs/java" "$T/empty/etc"
cp "$T/files/AmazonRootCA3.pem" "$T/b/etc/ssl/certs/ca-certificates.crt"
"$TRUSTREADY" store export "$T/files/bundle.pem" --format pkcs12 --out "$T/b/etc/ssl/certs/java/cacerts" \
  --password n0tdefault >/dev/null || bad "store export pkcs12"

cat >"$T/t.txt" <<EOF
# images next to an endpoint-less fleet
image=$T/img/rootfs owner=team-a tier=web
image=$T/b owner=team-b
image=$T/img/save.tar owner=team-a
image=$T/img/oci owner=team-c
image=$T/empty owner=nobody
EOF
"$TRUSTREADY" fleet scan --targets "$T/t.txt" --at "$AT" --out "$T/s.db" --jsonl "$T/s.jsonl" >"$T/scan.out" 2>"$T/scan.err"
rc=$?
expect_exit "scan of five images: one not ready, one without stores -> exit 1" 1 "$rc"
grep -q "images: 3 of 5 ready" "$T/scan.out" && ok "summary: images: 3 of 5 ready" || bad "summary: $(cat "$T/scan.out" "$T/scan.err")"

# The oracle: check --root / --image on each image alone, at the same time.
for spec in "rootfs:--root $T/img/rootfs" "b:--root $T/b" "save:--image $T/img/save.tar" "oci:--image $T/img/oci"; do
  name=${spec%%:*}; args=${spec#*:}
  # shellcheck disable=SC2086
  "$TRUSTREADY" check $args --at "$AT" --json >"$T/check-$name.json"
  echo $? >"$T/check-$name.rc"
done
jsonl_matches "fleet scan --root/--image observations" "$SCHEMAS/fleet-observation.schema.json" "$T/s.jsonl"
python3 - "$T" <<'PY' && ok "every image's readiness rows equal check --root/--image --json (store, kind, location, state, anchors, reason, fix)" || bad "fleet rows differ from check"
import json, sys
T = sys.argv[1]
obs = {}
for line in open(T + "/s.jsonl"):
    d = json.loads(line)
    obs[d["target"]] = d
assert len(obs) == 5, obs.keys()
def rows_of_check(name):
    d = json.load(open("%s/check-%s.json" % (T, name)))
    return [(s["store"], s["kind"], s["location"], s["state"], s.get("anchor_count"),
             s["error"] if s["state"] == "unknown" else None,
             s["remediation"] if s["state"] != "unknown" else [s["fix"]]) for s in d["stores"]], d["ready"]
def rows_of_fleet(target):
    d = obs[target]
    assert d["status"] == "ok", d
    return [(r["store"], r["kind"], r["location"], r["state"], r["anchor_count"], r["reason"], r["fix"])
            for r in d["readiness"]], d["trusted"]
for name, target in [("rootfs", "image=%s/img/rootfs" % T), ("b", "image=%s/b" % T),
                     ("save", "image=%s/img/save.tar" % T), ("oci", "image=%s/img/oci" % T)]:
    want, want_ready = rows_of_check(name)
    got, got_ready = rows_of_fleet(target)
    assert want, name
    assert got == want, (name, got, want)
    assert got_ready == want_ready, (name, got_ready, want_ready)
    print("  %-7s %s" % (name, ", ".join("%s %s" % (r[0], r[3]) for r in got)))
# Tree B: not ready, its Java store unknown (with the reason), and the
# failing stores named; the labels kept.
b = obs["image=%s/b" % T]
states = {r["store"]: r["state"] for r in b["readiness"]}
assert states.get("system") == "not_ready" and "unknown" in states.values(), states
assert all(r["reason"] for r in b["readiness"] if r["state"] == "unknown")
assert b["trusted"] is False and set(b["failing_stores"]) == {s for s, st in states.items() if st != "ready"}
assert b["labels"] == {"owner": "team-b"} and b["target_key"] == "image:%s/b" % T
# No store at all: an error, never READY.
e = obs["image=%s/empty" % T]
assert e["status"] == "bad_image" and e["trusted"] is None and "no trust store" in e["error"], e
PY
for name in rootfs save oci; do
  [[ $(cat "$T/check-$name.rc") == 0 ]] || bad "check on $name exit $(cat "$T/check-$name.rc") (the oracle should be READY)"
done
[[ $(cat "$T/check-b.rc") == 1 ]] && ok "check --root on tree B: exit 1, as the fleet says" || bad "check b exit"

# The stored rows read back: export == the streamed lines.
"$TRUSTREADY" fleet export --db "$T/s.db" >"$T/export.jsonl" || bad "export"
python3 - "$T/s.jsonl" "$T/export.jsonl" <<'PY' && ok "export from the database == the streamed JSONL (readiness rows stored)" || bad "export differs from stream"
import json, sys
key = lambda d: d["target_key"]
a = sorted((json.loads(l) for l in open(sys.argv[1])), key=key)
b = sorted((json.loads(l) for l in open(sys.argv[2])), key=key)
assert a == b
PY

# CSV and JSONL inputs name the same images (same keys).
{ echo "image,owner"; echo "$T/img/rootfs,team-a"; echo "$T/b,team-b"; } >"$T/t.csv"
printf '{"image": "%s", "labels": {"owner": "team-a"}}\n{"image": "%s"}\n' "$T/img/rootfs" "$T/b" >"$T/t.jsonl"
"$TRUSTREADY" fleet targets --targets "$T/t.csv" >"$T/k.csv" && "$TRUSTREADY" fleet targets --targets "$T/t.jsonl" >"$T/k.jsonl"
printf 'image:%s\nimage:%s\n' "$T/img/rootfs" "$T/b" >"$T/k.want"
cmp -s "$T/k.csv" "$T/k.want" && cmp -s "$T/k.jsonl" "$T/k.want" && ok "CSV image column and JSONL \"image\": the same target keys" \
  || bad "csv/jsonl keys: $(cat "$T/k.csv" "$T/k.jsonl")"

# Shards: two shards merged == one scan (byte-identical export).
for k in 0 1; do
  "$TRUSTREADY" fleet scan --targets "$T/t.txt" --at "$AT" --run-id imgs --shard "$k/2" -q --out "$T/sh$k.db"
  [[ $? -le 1 ]] || bad "shard $k"
done
"$TRUSTREADY" fleet scan --targets "$T/t.txt" --at "$AT" --run-id imgs -q --out "$T/one.db"
"$TRUSTREADY" fleet merge --out "$T/m.db" "$T/sh1.db" "$T/sh0.db" >/dev/null || bad "merge"
strip() { python3 -c "
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    for k in ('scan_id', 'observed_at', 'elapsed_ms', 'source'): d.pop(k, None)
    print(json.dumps(d, sort_keys=True))" | sort; }
"$TRUSTREADY" fleet export --db "$T/m.db" | strip >"$T/merged"
"$TRUSTREADY" fleet export --db "$T/one.db" | strip >"$T/single"
[[ $(wc -l <"$T/merged") -eq 5 ]] && grep -q '"readiness": \[{' "$T/merged" && cmp -s "$T/merged" "$T/single" \
  && ok "two shards merged == one scan, readiness rows included" || bad "merge: $(diff "$T/merged" "$T/single" | head -5)"

# History: tree B gets every root (system store ready), tree A loses its
# Java store's roots (not ready): diff names both, exit 1.
cp "$T/files/bundle.pem" "$T/b/etc/ssl/certs/ca-certificates.crt"
"$TRUSTREADY" store export "$T/files/AmazonRootCA3.pem" --format jks --out "$T/img/rootfs/etc/ssl/certs/java/cacerts" \
  --password changeit >/dev/null || bad "shrink java store"
"$TRUSTREADY" fleet scan --targets "$T/t.txt" --at "$AT" --run-id week-2 -q --out "$T/w2.db"
"$TRUSTREADY" fleet merge --out "$T/m.db" "$T/w2.db" >/dev/null || bad "merge week-2"
"$TRUSTREADY" fleet diff --db "$T/m.db" --json >"$T/diff.json"
expect_exit "diff: a store left READY -> exit 1" 1 $?
schema_matches "fleet diff --json (images)" "$SCHEMAS/fleet-diff.schema.json" "$T/diff.json"
python3 - "$T/diff.json" "$T" <<'PY' && ok "diff: newly_not_ready (tree A java) and newly_ready (tree B system), nothing else" || bad "diff: $(cat "$T/diff.json")"
import json, sys
d = json.load(open(sys.argv[1])); T = sys.argv[2]
got = sorted((c["target_key"], c["change"], c["detail"], c["regression"]) for c in d["changes"])
want = sorted([("image:%s/img/rootfs" % T, "newly_not_ready", "java (not_ready)", True),
               ("image:%s/b" % T, "newly_ready", "system", False)])
assert got == want, got
PY

# Metrics: image counts, bounded labels, parsed by prometheus_client.
"$TRUSTREADY" fleet metrics --db "$T/m.db" --out "$T/metrics.prom" >/dev/null || bad "metrics"
/usr/bin/python3 - "$T/metrics.prom" <<'PY' && ok "metrics: trustready_fleet_images and _image_stores, no per-image labels" || bad "metrics: $(grep image "$T/metrics.prom")"
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
img = {s.labels["verdict"]: s.value for s in fams["trustready_fleet_images"].samples}
assert img == {"ready": 2.0, "not_ready": 2.0}, img
for f in fams.values():
    for s in f.samples:
        assert not any(("/" in v) for v in s.labels.values()), s
stores = {(s.labels["kind"], s.labels["state"]): s.value for s in fams["trustready_fleet_image_stores"].samples}
assert stores.get(("jks", "not_ready")) == 1.0, stores
PY

# A corrupt archive and a hostile one (a layer writing outside its tree):
# the first is a bad_image observation naming it, the second is judged
# from its private tree and nothing lands outside.
head -c 4096 /dev/urandom >"$T/junk.tar"
printf 'image=%s\nimage=%s\n' "$T/junk.tar" "$T/img/evil.tar" >"$T/hostile.txt"
"$TRUSTREADY" fleet scan --targets "$T/hostile.txt" --jsonl "$T/hostile.jsonl" -q
expect_exit "corrupt image archive: exit 1 (an observation, not an error)" 1 $?
python3 - "$T/hostile.jsonl" "$T" <<'PY' && ok "corrupt archive: bad_image naming it; hostile archive judged, nothing written outside" || bad "hostile images: $(cat "$T/hostile.jsonl")"
import json, os, sys
obs = {json.loads(l)["target"].rsplit("/", 1)[-1]: json.loads(l) for l in open(sys.argv[1])}
j = obs["junk.tar"]
assert j["status"] == "bad_image" and "junk.tar" in j["error"] and "not a container image" in j["error"], j
assert obs["evil.tar"]["status"] == "ok", obs["evil.tar"]
assert not os.listdir(os.path.join(sys.argv[2], "tmp")), os.listdir(os.path.join(sys.argv[2], "tmp"))
assert not os.listdir(os.path.join(sys.argv[2], "img", "outside")), "written through the image's links"
PY

# Bad lines: FILE:LINE, exit 2, nothing written.
one_line_2() {  # NAME LINE EXPECT
  printf 'image=%s/img/rootfs\n%s\n' "$T" "$2" >"$T/bad.txt"
  "$TRUSTREADY" fleet scan --targets "$T/bad.txt" --out "$T/bad.db" >"$T/o" 2>"$T/e"
  local rc=$?
  if [[ $rc -eq 2 && $(wc -l <"$T/e") -eq 1 ]] && grep -q "bad.txt:2: .*$3" "$T/e" && [[ ! -e "$T/bad.db" ]]; then
    ok "bad line: $1 ($(cat "$T/e"))"
  else
    bad "bad line: $1 (exit $rc: $(cat "$T/e"))"
  fi
}
one_line_2 "missing image" "image=$T/nope" "no such file or directory"
one_line_2 "empty image=" "image=" "image= is empty"
one_line_2 "sni= on an image" "image=$T/b sni=example.com" "takes no sni="
[[ $fails -eq 0 ]]
