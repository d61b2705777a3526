#!/usr/bin/env bash
# Shards and merge: four shard scans merged give byte-for-byte the export of
# one unsharded scan; merging again or in reverse order changes nothing; a
# missing shard is named (exit 1 with --require-complete). Shards partition
# the targets, follow an independent Python port of the shard function, and
# --shard auto reads Kubernetes and Slurm variables. Metrics of the merged
# run parse with prometheus_client (Debian python3-prometheus-client) and
# hold no per-endpoint label.
source "$(dirname "$0")/lib.bash"
start_serve a 127.0.0.1:0
NEW="$T/state/pki/certs/new-root-rsa2048.pem"
REFUSED=$(free_port)
python3 - "$T" "$REFUSED" >"$T/t.txt" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1] + "/a.json").readline())
for i, e in enumerate(a["endpoints"]):
    print("127.0.0.1:%d sni=%s owner=team-%s" % (e["port"], e["host"], "ab"[i % 2]))
    print("https://%s:%d/ address=127.0.0.1 owner=team-c" % (e["host"], a["sni_port"]))
print("127.0.0.1:%s owner=team-c" % sys.argv[2])
print(sys.argv[1] + "/state/pki/certs/leaf-rsa2048.pem owner=team-d")
PY
N=$(wc -l <"$T/t.txt")
AT=2026-12-01T00:00:00Z
COMMON=(--targets "$T/t.txt" --store "$NEW" --run-id fleet-test --at "$AT" --per-ip-rate 0 --per-ip-concurrency 0 -q)

# Partition and the independent port of the shard function.
for k in 0 1 2 3; do "$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard $k/4; done | sort >"$T/parts"
"$TRUSTREADY" fleet targets --targets "$T/t.txt" | sort >"$T/all"
[[ -z "$(uniq -d "$T/parts")" ]] && cmp -s "$T/parts" "$T/all" && ok "4 shards partition the $N targets" || bad "shards overlap or miss"
for k in 0 1 2 3; do "$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard $k/4 --json; done | python3 -c "
import json, sys
sys.path.insert(0, '$HERE')
from jump_hash import shard
rows = [json.loads(l) for l in sys.stdin]
wrong = [r['target_key'] for r in rows if shard(r['target_key'], 4) != r['shard']]
assert not wrong and len(rows) == $N, wrong
" && ok "shard of every key == the Python port" || bad "shard function differs from the port"
a=$(JOB_COMPLETION_INDEX=2 TRUSTREADY_SHARD_COUNT=4 "$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard auto)
b=$(SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_MIN=5 SLURM_ARRAY_TASK_COUNT=4 "$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard auto)
c=$("$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard 2/4)
[[ "$a" == "$c" && "$b" == "$c" ]] && ok "--shard auto (Kubernetes, Slurm) == 2/4" || bad "--shard auto"
JOB_COMPLETION_INDEX=2 "$TRUSTREADY" fleet targets --targets "$T/t.txt" --shard auto >/dev/null 2>"$T/auto.err"
[[ $? -eq 2 ]] && grep -q TRUSTREADY_SHARD_COUNT "$T/auto.err" && ok "JOB_COMPLETION_INDEX alone: exit 2 naming TRUSTREADY_SHARD_COUNT" || bad "auto error"

# One unsharded scan, four shard scans, merges.
"$TRUSTREADY" fleet scan "${COMMON[@]}" --out "$T/full.db"
expect_exit "unsharded scan" 1 $?
for k in 0 1 2 3; do
  "$TRUSTREADY" fleet scan "${COMMON[@]}" --shard $k/4 --out "$T/shard-$k-of-4.db"
  rc=$?; [[ $rc -le 1 ]] || bad "shard $k exit $rc"
done
strip() { python3 -c "
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    for k in ('scan_id', 'elapsed_ms', 'observed_at'): o.pop(k)
    print(json.dumps(o, sort_keys=True))"; }
"$TRUSTREADY" fleet export --db "$T/full.db" | strip >"$T/full.jsonl"
"$TRUSTREADY" fleet merge --out "$T/m.db" "$T"/shard-{0,1,2,3}-of-4.db >/dev/null
expect_exit "merge of 4 shards" 0 $?
"$TRUSTREADY" fleet export --db "$T/m.db" >"$T/m.raw"
strip <"$T/m.raw" >"$T/m.jsonl"
[[ $(wc -l <"$T/full.jsonl") -eq $N ]] && cmp -s "$T/full.jsonl" "$T/m.jsonl" \
  && ok "4 shards merged == one unsharded scan ($N observations, byte-identical export)" || { bad "merged export differs"; diff "$T/full.jsonl" "$T/m.jsonl" | head -5; }
"$TRUSTREADY" fleet merge --out "$T/m.db" "$T"/shard-{0,1,2,3}-of-4.db >/dev/null
"$TRUSTREADY" fleet export --db "$T/m.db" >"$T/m2.raw"
cmp -s "$T/m.raw" "$T/m2.raw" && ok "merging twice changes nothing" || bad "merge is not idempotent"
"$TRUSTREADY" fleet merge --out "$T/r.db" "$T"/shard-{3,2,1,0}-of-4.db >/dev/null
"$TRUSTREADY" fleet export --db "$T/r.db" >"$T/r.raw"
cmp -s "$T/m.raw" "$T/r.raw" && ok "reverse order: byte-identical export" || bad "merge depends on order"
mkdir "$T/dir" && cp "$T"/shard-{0,1,3}-of-4.db "$T/dir/"
"$TRUSTREADY" fleet merge --out "$T/p.db" "$T/dir" --require-complete --json >"$T/p.json" 2>"$T/p.err"
expect_exit "merge with shard 2 missing, --require-complete" 1 $?
schema_matches "fleet merge --json with shard 2 missing" "$SCHEMAS/fleet-merge.schema.json" "$T/p.json"
grep -q "shard 2 of 4" "$T/p.err" && python3 -c "
import json; m = json.load(open('$T/p.json'))
assert m['missing'] == [2] and m['present'] == [0, 1, 3] and not m['complete'], m" \
  && ok "missing shard named: shard 2 of 4 (JSON valid)" || bad "missing shard: $(cat "$T/p.err")"
"$TRUSTREADY" fleet merge --out "$T/p.db" "$T/dir" >/dev/null 2>&1
expect_exit "without --require-complete a partial merge is exit 0" 0 $?
"$TRUSTREADY" fleet scan --targets "$T/t.txt" --store "$NEW" --run-id other-run --at "$AT" --shard 1/4 -q \
  --per-ip-rate 0 --per-ip-concurrency 0 --out "$T/other.db"
"$TRUSTREADY" fleet merge --out "$T/x.db" "$T/shard-0-of-4.db" "$T/other.db" >/dev/null 2>"$T/x.err"
[[ $? -eq 2 ]] && grep -q "other-run" "$T/x.err" && ok "shards of two runs are refused" || bad "mixed runs: $(cat "$T/x.err")"

# Metrics of the merged run.
"$TRUSTREADY" fleet metrics --db "$T/m.db" --out "$T/t.prom" --group-by owner 2>"$T/metrics.err"
expect_exit "fleet metrics" 0 $?
/usr/bin/python3 - "$T/t.prom" "$N" <<'PY' && ok "metrics parse with prometheus_client; targets sum to $N; no per-endpoint labels" || bad "metrics"
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
fams = {f.name: f for f in text_string_to_metric_families(text)}
series = sum(len(f.samples) for f in fams.values())
assert series <= 500, series
targets = sum(s.value for s in fams["trustready_fleet_targets"].samples)
assert targets == int(sys.argv[2]), targets
for f in fams.values():
    for s in f.samples:
        assert not set(s.labels) & {"target", "host", "endpoint", "target_key", "address"}, s
owners = {s.labels["group"] for s in fams["trustready_fleet_targets"].samples}
assert owners == {"team-a", "team-b", "team-c", "team-d"}, owners
shards = {s.labels["state"]: s.value for s in fams["trustready_fleet_scan_shards"].samples}
assert shards == {"present": 4, "missing": 0}, shards
print("metrics: %d series" % series)
PY
"$TRUSTREADY" fleet metrics --db "$T/m.db" --out "$T/t2.prom" --max-series 3 2>/dev/null
expect_exit "--max-series exceeded" 2 $?
[[ ! -e "$T/t2.prom" ]] && ok "nothing written past --max-series" || bad "partial metrics file"

[[ $fails -eq 0 ]]
