#!/usr/bin/env bash
# The fleet database in a real PostgreSQL server (Debian `postgresql`,
# started here on a Unix socket in a temporary directory; as root through
# `runuser -u postgres`, since initdb refuses root): the same shard files
# merged into PostgreSQL and into SQLite give byte-identical reports (export
# of each run, diff as JSON and text, whatif, metrics); merging twice or in
# the other order changes nothing; `fleet scan --out postgresql://...`
# writes there directly; a bad conninfo or a database without the schema is
# one line and exit 2.
source "$(dirname "$0")/lib.bash"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
  echo "SKIP: no PostgreSQL server installed (scripts/install-deps.sh test installs postgresql)"
  exit 0
fi
PGW=$(mktemp -d /tmp/tr-pg.XXXXXX)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) -eq 0 ]] && chown postgres: "$PGW"
pg_stop() {
  as_pg "$PGBIN/pg_ctl" -D "$PGW/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PGW"
  fleet_cleanup
}
trap pg_stop EXIT
as_pg "$PGBIN/initdb" -D "$PGW/data" -A trust -U tr --no-sync >"$PGW/initdb.log" 2>&1 \
  || { cat "$PGW/initdb.log"; echo "FAIL: initdb"; exit 1; }
PGPORT=$(free_port)
as_pg "$PGBIN/pg_ctl" -D "$PGW/data" -w -l "$PGW/server.log" \
  -o "-c listen_addresses='' -c unix_socket_directories=$PGW -c fsync=off -p $PGPORT" start >/dev/null \
  || { cat "$PGW/server.log"; echo "FAIL: pg_ctl start"; exit 1; }
export PGHOST="$PGW" PGPORT PGUSER=tr
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
for d in fleet fleet_rev fleet_scan empty big; do psql -c "CREATE DATABASE $d" || { echo "FAIL: createdb $d"; exit 1; }; done
ok "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on $PGW:$PGPORT"
PG="postgresql:///fleet?host=$PGW&port=$PGPORT&user=tr"
PG_REV="postgres:host=$PGW port=$PGPORT user=tr dbname=fleet_rev"

# --- the fleet: two runs, the first in two shards -------------------------
"$TRUSTREADY" pki demo --out "$T/pki" >/dev/null || { echo "FAIL: pki demo"; exit 1; }
C="$T/pki/certs"; K="$T/pki/keys"
read -r P1 P2 P3 P4 < <(python3 -c "
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")
conf() {
  python3 - "$T/swap.json" "$C" "$K" "$P1:$1" "$P2:$2" "$P3:$3" "$P4:$4" <<'PY'
import json, sys
out, c, k = sys.argv[1], sys.argv[2], sys.argv[3]
cfg = {}
for spec in sys.argv[4:]:
    port, pair = spec.split(":", 1)
    if pair == "closed":
        continue
    leaf, ica = pair.split(":")
    cfg[port] = {"chain": ["%s/%s.pem" % (c, leaf), "%s/%s.pem" % (c, ica)], "key": "%s/%s.key" % (k, leaf)}
json.dump(cfg, open(out, "w"))
PY
}
conf leaf-legacy:ica-legacy leaf-rsa2048:ica-rsa2048 leaf-rsa2048:ica-rsa2048 closed
python3 "$HERE/swap_server.py" "$T/swap.json" "$P1" "$P2" "$P3" "$P4" >"$T/swap.log" 2>&1 &
FLEET_PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$T/swap.log" 2>/dev/null && break; sleep 0.1; done
cat "$C/leaf-rsa2048.pem" "$C/ica-rsa2048.pem" >"$T/modern.pem"
# Two image targets (root file systems): A's system bundle holds every
# Amazon root, B's only Amazon Root CA 3 until week 2 (both folders are
# unhashed CApaths: not ready). Their readiness rows travel with the rest.
ATS="${TR_SHARED_DATA:?}/amazon-trust-services"
mkdir -p "$T/rootA/etc/ssl/certs" "$T/rootB/etc/ssl/certs"
for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3 AmazonRootCA4 SFSRootCAG2; do
  openssl x509 -inform der -in "$ATS/$c.cer" >>"$T/rootA/etc/ssl/certs/ca-certificates.crt"
done
openssl x509 -inform der -in "$ATS/AmazonRootCA3.cer" >"$T/rootB/etc/ssl/certs/ca-certificates.crt"
printf '127.0.0.1:%s owner=a\n127.0.0.1:%s owner=b\n127.0.0.1:%s owner=c\n127.0.0.1:%s owner=d\n%s owner=file\n' \
  "$P1" "$P2" "$P3" "$P4" "$T/modern.pem" >"$T/t.txt"
printf 'image=%s owner=img\nimage=%s owner=img\n' "$T/rootA" "$T/rootB" >>"$T/t.txt"
scan() {  # RUN OUT [args]
  local run=$1 out=$2; shift 2
  "$TRUSTREADY" fleet scan --targets "$T/t.txt" --store "$C/new-root-rsa2048.pem" --store "$C/legacy-root.pem" \
    --run-id "$run" --per-ip-rate 0 --per-ip-concurrency 0 --connect-timeout 2 --handshake-timeout 2 --retries 0 -q \
    --out "$out" "$@"
  local rc=$?; [[ $rc -le 1 ]] || bad "scan $run -> $out (exit $rc)"
}
scan week-1 "$T/s0.db" --shard 0/2 --at 2026-12-01T00:00:00Z
scan week-1 "$T/s1.db" --shard 1/2 --at 2026-12-01T00:00:00Z
conf leaf-rsa2048:ica-rsa2048 leaf-revoked:ica-rsa2048 closed leaf-rsa2048:ica-rsa2048
cp "$T/rootA/etc/ssl/certs/ca-certificates.crt" "$T/rootB/etc/ssl/certs/ca-certificates.crt"
sleep 1
scan week-2 "$T/w2.db"

# --- the same merges into SQLite and PostgreSQL -----------------------------
"$TRUSTREADY" fleet merge --out "$T/m.db" "$T/s0.db" "$T/s1.db" >/dev/null && \
  "$TRUSTREADY" fleet merge --out "$T/m.db" "$T/w2.db" >/dev/null || bad "sqlite merge"
"$TRUSTREADY" fleet merge --json --out "$PG" "$T/s0.db" "$T/s1.db" >"$T/pgmerge.json"
expect_exit "merge two shards into PostgreSQL" 0 $?
python3 -c "import json,sys; d=json.load(open('$T/pgmerge.json')); sys.exit(not (d['complete'] and d['observations'] == 7))" \
  && ok "PostgreSQL merge: complete, 7 observations" || bad "pg merge summary: $(cat "$T/pgmerge.json")"
"$TRUSTREADY" fleet merge --out "$PG" "$T/w2.db" >/dev/null || bad "pg merge week-2"
# Twice, and in the other order into another database: nothing changes.
"$TRUSTREADY" fleet merge --out "$PG" "$T/s1.db" "$T/s0.db" >/dev/null && \
  "$TRUSTREADY" fleet merge --out "$PG" "$T/w2.db" >/dev/null || bad "pg merge again"
"$TRUSTREADY" fleet merge --out "$PG_REV" "$T/w2.db" >/dev/null && \
  "$TRUSTREADY" fleet merge --out "$PG_REV" "$T/s1.db" "$T/s0.db" >/dev/null || bad "pg merge reversed"

same() {  # NAME ARGS... (each db's output compared byte for byte)
  local name=$1; shift
  "$TRUSTREADY" fleet "$@" --db "$T/m.db" >"$T/lite.out" 2>"$T/lite.err"; local r1=$?
  "$TRUSTREADY" fleet "$@" --db "$PG" >"$T/pg.out" 2>"$T/pg.err"; local r2=$?
  "$TRUSTREADY" fleet "$@" --db "$PG_REV" >"$T/pgr.out" 2>"$T/pgr.err"; local r3=$?
  if [[ -s "$T/lite.out" && $r1 == "$r2" && $r1 == "$r3" ]] && cmp -s "$T/lite.out" "$T/pg.out" && cmp -s "$T/lite.out" "$T/pgr.out"; then
    ok "$name: byte-identical from SQLite and both PostgreSQL databases ($(wc -l <"$T/lite.out") lines, exit $r1)"
  else
    bad "$name: exit $r1/$r2/$r3: $(diff "$T/lite.out" "$T/pg.out" | head -5; cat "$T/pg.err" "$T/pgr.err")"
  fi
}
same "export week-1" export --scan week-1 --jsonl -
same "export latest" export
same "diff --json" diff --json
same "diff (text)" diff
same "diff week-1 -> week-1" diff --from week-1 --to week-1 --json
same "whatif --at" whatif --at 2027-09-01 --json
same "whatif --new-chain" whatif --new-chain "$T/modern.pem" --platforms android:latest,mozilla:latest --at 2027-01-01 --json
same "metrics" metrics --out -
# The export really holds the runs (not two empty outputs).
"$TRUSTREADY" fleet export --db "$PG" --scan week-1 >"$T/e1"
python3 - "$T/e1" <<'PY' && ok "PostgreSQL export of week-1: 7 observations, 6 judged (the closed port not), the images' readiness rows" || bad "pg export: $(head -c 300 "$T/e1")"
import json, sys
obs = [json.loads(l) for l in open(sys.argv[1])]
st = sorted(d["status"] for d in obs)
img = {d["target_key"].rsplit("/", 1)[-1]: [(r["store"], r["state"]) for r in d["readiness"]] for d in obs if d["target_key"].startswith("image:")}
sys.exit(not (len(st) == 7 and st.count("ok") == 6 and img["rootA"] == [("system", "ready"), ("system-dir", "not_ready")] and
                img["rootB"] == [("system", "not_ready"), ("system-dir", "not_ready")]))
PY
"$TRUSTREADY" fleet diff --db "$PG" --json >"$T/pgdiff.json"
grep -q '"change": *"newly_ready"' "$T/pgdiff.json" \
  && ok "diff from PostgreSQL: image B's system store newly ready" || bad "diff: no newly_ready for image B: $(cat "$T/pgdiff.json")"
"$TRUSTREADY" fleet diff --db "$PG" >/dev/null
expect_exit "diff from PostgreSQL: regression, exit 1" 1 $?

# Plain SQL on the same tables and view, in psql and sqlite3.
q="SELECT count(*) FROM endpoint_verdict WHERE run_id = 'week-2' AND trusted = 1"
a=$(sqlite3 "$T/m.db" "$q"); b=$("$PGBIN/psql" -X -At -d fleet -c "$q")
[[ -n "$a" && "$a" == "$b" && "$a" -gt 0 ]] && ok "endpoint_verdict view: $a trusted verdicts in both" || bad "view counts sqlite $a, pg $b"

# --- a bigger shard, loaded with COPY: text COPY must escape survives -------
# 2,000 targets (closed ports: refused at once) whose labels hold
# backslashes, a literal "\t", quotes and UTF-8; merged into SQLite and
# PostgreSQL, the exports are byte-identical.
python3 - "$T/big.txt" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(2000):
        f.write("127.0.0.1:%d owner=team\\%d note=a\\tb\\N quote=\"x'y\" city=Z\u00fcrich\n" % (20000 + i, i % 7))
PY
"$TRUSTREADY" fleet scan --targets "$T/big.txt" --store "$C/new-root-rsa2048.pem" --run-id big --per-ip-rate 0 \
  --per-ip-concurrency 0 --connect-timeout 1 --handshake-timeout 1 --retries 0 -q --out "$T/big.db"
[[ $? -le 1 ]] || bad "scan big"
"$TRUSTREADY" fleet merge --out "$T/mbig.db" "$T/big.db" >/dev/null || bad "sqlite merge big"
t0=$(date +%s%N)
"$TRUSTREADY" fleet merge --out "postgres:dbname=big" "$T/big.db" >/dev/null
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_exit "merge of 2,000 observations into PostgreSQL (COPY, $ms ms)" 0 $rc
"$TRUSTREADY" fleet export --db "$T/mbig.db" >"$T/big.lite"
"$TRUSTREADY" fleet export --db "postgres:dbname=big" >"$T/big.pg"
if [[ $(wc -l <"$T/big.lite") -eq 2000 ]] && cmp -s "$T/big.lite" "$T/big.pg" && grep -q 'team\\\\3' "$T/big.pg" \
  && grep -q 'a\\\\tb\\\\N' "$T/big.pg" && grep -q 'Zürich' "$T/big.pg"; then
  ok "2,000 observations with backslashes, \\t, \\N, quotes and UTF-8: byte-identical export from PostgreSQL"
else
  bad "big export differs: $(diff "$T/big.lite" "$T/big.pg" | head -4) / $(head -c 300 "$T/big.pg")"
fi
"$TRUSTREADY" fleet merge --out "postgres:dbname=big" "$T/big.db" >/dev/null && \
  "$TRUSTREADY" fleet export --db "postgres:dbname=big" | cmp -s - "$T/big.lite" \
  && ok "merging the big shard again changes nothing" || bad "big merge twice"

# --- fleet scan straight into PostgreSQL ------------------------------------
scan week-3 "$T/w3.db"
scan week-3 "postgres:dbname=fleet_scan"
strip() { python3 -c "
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    for k in ('scan_id', 'elapsed_ms', 'observed_at', 'attempts'): d.pop(k, None)
    # swap_server.py drops a port it has no chain for with a reset or a
    # close, as the kernel's timing has it: either is the same non-answer.
    if d['status'] in ('reset', 'closed'): d['status'], d['error'] = 'reset-or-closed', None
    print(json.dumps(d, sort_keys=True))"; }
"$TRUSTREADY" fleet export --db "$T/w3.db" | strip >"$T/a3"
"$TRUSTREADY" fleet export --db "postgres:dbname=fleet_scan" | strip >"$T/b3"
[[ $(wc -l <"$T/b3") -eq 7 ]] && cmp -s "$T/a3" "$T/b3" \
  && ok "fleet scan --out postgres:dbname=... (PG* environment): the same observations as a SQLite scan" \
  || bad "scan into PostgreSQL: $(diff "$T/a3" "$T/b3" | head -5)"

# --- bad input: one line, exit 2 ---------------------------------------------
one_line_2() {  # NAME ARGS...
  local name=$1; shift
  "$TRUSTREADY" fleet "$@" >"$T/o" 2>"$T/e"
  local rc=$?
  if [[ $rc -eq 2 && $(wc -l <"$T/e") -eq 1 && ! -s "$T/o" ]]; then ok "bad input: $name"; else bad "bad input: $name (exit $rc: $(cat "$T/e"))"; fi
}
one_line_2 "no server there" export --db "postgres:host=$PGW/nope port=$PGPORT dbname=fleet"
one_line_2 "no such database" export --db "postgresql:///nosuchdb?host=$PGW&port=$PGPORT"
one_line_2 "a database without the fleet schema" export --db "postgres:dbname=empty"
one_line_2 "scan into an unreachable server stops before probing" scan --targets "$T/t.txt" --store "$C/new-root-rsa2048.pem" \
  --out "postgres:host=$PGW/nope port=$PGPORT dbname=fleet"
one_line_2 "merge of a PostgreSQL database as a shard" merge --out "$T/x.db" "$PG"
"$TRUSTREADY" fleet export --db "postgresql://tr:s3cret@/nosuchdb?host=$PGW&port=$PGPORT" 2>"$T/e" >/dev/null
grep -q s3cret "$T/e" && bad "a password in the conninfo is printed: $(cat "$T/e")" || ok "a password in the conninfo is never printed"
[[ $fails -eq 0 ]]
