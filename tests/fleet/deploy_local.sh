#!/usr/bin/env bash
# deploy/ checked and run locally. The Kubernetes manifests validate against
# Debian's python3-kubernetes models (no dropped field); a local Indexed-Job
# runner takes the Job's own command, args and env (with $(VAR) expanded as
# the kubelet does), maps each mountPath to a directory, runs every
# completion index (at most `parallelism` at once), kills one index once and
# reruns it (backoffLimit), then runs the merge Job's args: the merged export
# equals an unsharded scan. The Slurm script runs once per array task with
# the variables Slurm sets, then its merge script.
source "$(dirname "$0")/lib.bash"
DEPLOY="${TR_SOURCE_DIR:-$HERE/../..}/deploy"
if ! /usr/bin/python3 -c 'import kubernetes, yaml' 2>/dev/null; then
  echo "SKIP models: python3-kubernetes is not installed"
else
  /usr/bin/python3 "$HERE/k8s_manifest_check.py" "$DEPLOY"/kubernetes/*.yaml && ok "manifests match the Kubernetes 1.22 models" \
    || bad "manifest check"
fi
bash -n "$DEPLOY"/slurm/fleet-scan.sbatch && bash -n "$DEPLOY"/slurm/fleet-merge.sbatch && ok "Slurm scripts parse" || bad "sbatch syntax"

start_serve a 127.0.0.1:0
python3 - "$T" >"$T/targets.txt" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1] + "/a.json").readline())
for e in a["endpoints"]:
    print("127.0.0.1:%d sni=%s" % (e["port"], e["host"]))
    print("https://%s:%d/ address=127.0.0.1" % (e["host"], a["sni_port"]))
PY
N=$(wc -l <"$T/targets.txt")
HOUR=$(date -u +%Y-%m-%dT%H:00:00Z)

# The Job's containers as a runnable plan: one line per Job, JSON.
/usr/bin/python3 - "$DEPLOY/kubernetes/fleet-scan.yaml" "$DEPLOY/kubernetes/fleet-merge.yaml" >"$T/plan.jsonl" <<'PY'
import json, sys, yaml
for path in sys.argv[1:]:
    for d in yaml.safe_load_all(open(path)):
        if not d or d["kind"] != "Job":
            continue
        s = d["spec"]
        c = s["template"]["spec"]["containers"][0]
        print(json.dumps({"name": d["metadata"]["name"], "indexed": s.get("completionMode") == "Indexed",
                          "completions": s.get("completions", 1), "parallelism": s.get("parallelism", 1),
                          "command": c["command"] + c.get("args", []),
                          "env": {e["name"]: e["value"] for e in c.get("env", []) if "value" in e},
                          "mounts": [m["mountPath"] for m in c.get("volumeMounts", [])]}))
PY
# run_container PLAN-LINE INDEX: runs the container's command locally.
run_container() {
  /usr/bin/python3 - "$1" "$2" "$T" "$TRUSTREADY" <<'PY'
import json, os, re, subprocess, sys
plan, index, t, tr = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
env = dict(os.environ)
env.update(plan["env"])
if plan["indexed"]:
    env["JOB_COMPLETION_INDEX"] = index          # what the Job controller sets
mounts = {m: "%s/mnt%s" % (t, m) for m in plan["mounts"]}
def expand(a):
    a = re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), a)   # kubelet's $(VAR)
    for m, local in mounts.items():
        a = a.replace(m + "/", local + "/") if a.startswith(m) or ("=" + m) in a or a == m else a
        if a == m:
            a = local
    return a
cmd = [tr if plan["command"][0] == "trustready" else plan["command"][0]] + [expand(a) for a in plan["command"][1:]]
# The test fleet is local: this machine's demo site, judged as of the shards' hour.
if plan["indexed"]:
    cmd += ["--per-ip-rate", "0", "--per-ip-concurrency", "0", "--store", t + "/state/pki/certs/new-root-rsa2048.pem"]
sys.exit(subprocess.call(cmd, env=env))
PY
}
mkdir -p "$T/mnt/targets" "$T/mnt/results"
cp "$T/targets.txt" "$T/mnt/targets/targets.txt"   # the ConfigMap's data, as mounted
SCAN=$(sed -n 1p "$T/plan.jsonl")
MERGE=$(sed -n 2p "$T/plan.jsonl")
COMPLETIONS=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['completions'])" "$SCAN")
PAR=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['parallelism'])" "$SCAN")
RUN_ID=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['env']['TRUSTREADY_RUN_ID'])" "$SCAN")
# Index 1 is killed once mid-run (SIGKILL: no clean-up), then rerun.
( run_container "$SCAN" 1 & p=$!; sleep 0.05; kill -KILL $p 2>/dev/null; wait $p ) >/dev/null 2>&1
pids=()
for ((i = 0; i < COMPLETIONS; i++)); do
  run_container "$SCAN" $i >"$T/idx$i.log" 2>&1 &
  pids+=($!)
  if (( ${#pids[@]} >= PAR )); then wait "${pids[0]}" || bad "index ${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || bad "an index failed: $(cat "$T"/idx*.log)"; done
ls "$T/mnt/results/$RUN_ID"/shard-*.db >/dev/null 2>&1 && [[ $(ls "$T/mnt/results/$RUN_ID"/shard-*.db | wc -l) -eq $COMPLETIONS ]] \
  && ok "$COMPLETIONS indices ran (index 1 killed once and rerun): $COMPLETIONS shard files" || bad "shard files: $(ls -R "$T/mnt/results")"
run_container "$MERGE" 0 >"$T/merge.log" 2>&1
expect_exit "merge Job" 0 $?
"$TRUSTREADY" fleet scan --targets "$T/targets.txt" --store "$T/state/pki/certs/new-root-rsa2048.pem" --at "$HOUR" \
  --run-id "$RUN_ID" --per-ip-rate 0 --per-ip-concurrency 0 -q --out "$T/full.db"
strip() { python3 -c "
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    for k in ('scan_id', 'elapsed_ms', 'observed_at'): o.pop(k)
    print(json.dumps(o, sort_keys=True))"; }
"$TRUSTREADY" fleet export --db "$T/full.db" | strip >"$T/full.jsonl"
# The pods read the targets at the mount path: FILE:LINE names that file.
"$TRUSTREADY" fleet export --db "$T/mnt/results/fleet.db" | strip | sed "s|$T/mnt/targets/|$T/|g" >"$T/k8s.jsonl"
[[ $(wc -l <"$T/k8s.jsonl") -eq $N ]] && cmp -s "$T/full.jsonl" "$T/k8s.jsonl" \
  && ok "Kubernetes run merged == unsharded scan ($N observations)" || { bad "k8s merged export differs"; diff "$T/full.jsonl" "$T/k8s.jsonl" | head -4; }

# Slurm: the array script per task (ids 10..13, min 10), then the merge.
mkdir -p "$T/slurm"
for id in 10 11 12 13; do
  SLURM_ARRAY_JOB_ID=4242 SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_MAX=13 \
  SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_STEP=1 TARGETS="$T/targets.txt" RESULTS="$T/slurm" TRUSTREADY="$TRUSTREADY" \
  TRUSTREADY_FLEET_ARGS="--per-ip-rate 0 --per-ip-concurrency 0 --at $HOUR --store $T/state/pki/certs/new-root-rsa2048.pem" \
    bash "$DEPLOY/slurm/fleet-scan.sbatch" || bad "slurm task $id"
done
RESULTS="$T/slurm" TRUSTREADY_RUN_ID=slurm-4242 TRUSTREADY="$TRUSTREADY" bash "$DEPLOY/slurm/fleet-merge.sbatch" >/dev/null
expect_exit "Slurm merge" 0 $?
"$TRUSTREADY" fleet export --db "$T/slurm/fleet.db" | strip | python3 -c "
import json, sys
for l in sys.stdin:
    o = json.loads(l); o['run_id'] = '$RUN_ID'; print(json.dumps(o, sort_keys=True))" >"$T/slurm.jsonl"
cmp -s "$T/full.jsonl" "$T/slurm.jsonl" && ok "Slurm array merged == unsharded scan" || bad "slurm merged export differs"
[[ $fails -eq 0 ]]
