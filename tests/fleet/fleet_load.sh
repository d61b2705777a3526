#!/usr/bin/env bash
# Bounded load: 5,000 distinct targets over three serve instances
# (127.0.0.1-3, every variant port), concurrency 200, under `ulimit -n 512`
# (a leaked descriptor would end in EMFILE): done in < 60 s, RSS < 150 MB
# (GNU time), one observation per target, every one reached, the database
# small, and memory not growing with the targets (the engine streams).
source "$(dirname "$0")/lib.bash"

start_serve a 127.0.0.1:0 --max-connections 2000
start_serve b 127.0.0.2:0 --max-connections 2000
start_serve c 127.0.0.3:0 --max-connections 2000
NEW="$T/state/pki/certs/new-root-rsa2048.pem"

python3 - "$T" >"$T/load.txt" <<'PY'
import json, sys
t = sys.argv[1]
eps = []
for n, addr in (("a", "127.0.0.1"), ("b", "127.0.0.2"), ("c", "127.0.0.3")):
    j = json.loads(open("%s/%s.json" % (t, n)).readline())
    eps += [(addr, e["port"], e["variant"]) for e in j["endpoints"]]
open(t + "/nendpoints", "w").write(str(len(eps)))
for i in range(5000):
    addr, port, variant = eps[i % len(eps)]
    # Distinct SNI names make 5,000 distinct targets (and 5,000 name checks).
    print("%s:%d sni=h%d.trustready.test variant=%s n=%d" % (addr, port, i, variant, i))
PY
[[ $(wc -l <"$T/load.txt") -eq 5000 ]] || bad "target file"

(
  ulimit -n 512
  exec /usr/bin/time -v "$TRUSTREADY" fleet scan --targets "$T/load.txt" --store "$NEW" --out "$T/load.db" \
    --jsonl "$T/load.jsonl" --concurrency 200 --per-ip-rate 0 --per-ip-concurrency 0 --handshake-timeout 10 \
    --connect-timeout 10 --json
) >"$T/sum.json" 2>"$T/time.txt"
rc=$?
cat "$T/sum.json"
[[ $rc -eq 1 ]] && ok "scan finished (exit 1: the fleet has untrusted chains)" || { bad "scan exit $rc"; cat "$T/time.txt"; }
python3 - "$T/sum.json" "$T/time.txt" "$T/load.jsonl" "$T/load.db" <<'PY' || bad "load bars"
import json, os, re, sys
s = json.load(open(sys.argv[1]))
t = open(sys.argv[2]).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = s["seconds"]
lines = sum(1 for _ in open(sys.argv[3]))
db = os.path.getsize(sys.argv[4])
print("load: %d targets in %.1f s (%.0f handshakes/s), RSS %.1f MB, %d distinct chains, db %.1f MB, %.0f us CPU/handshake"
      % (s["targets"], wall, s["handshakes_per_second"], rss_kb / 1024, s["chains"], db / 1e6, s["cpu_us_per_handshake"]))
errs = []
if s["targets"] != 5000 or lines != 5000: errs.append("targets %d, lines %d" % (s["targets"], lines))
if s["statuses"] != {"ok": 5000}: errs.append("statuses %s" % s["statuses"])
if wall >= 60: errs.append("wall %.1f s >= 60" % wall)
if rss_kb >= 150 * 1024: errs.append("RSS %d kB >= 150 MB" % rss_kb)
if db >= 10e6: errs.append("database %d bytes >= 10 MB" % db)
want_chains = int(open(sys.argv[1].rsplit("/", 1)[0] + "/nendpoints").read())
if s["chains"] != want_chains: errs.append("%d chains for %d endpoints (variants x 3 instances, a leaf per listen address)" % (s["chains"], want_chains))
for e in errs: print("  " + e)
sys.exit(1 if errs else 0)
PY
[[ $fails -eq 0 ]] && ok "5,000 targets: < 60 s, < 150 MB RSS, ulimit -n 512"
[[ $fails -eq 0 ]]
