#!/usr/bin/env bash
# fleet whatif on a local fleet whose chains change between two scans,
# against a platform of our own: the shipped platform data plus "testos"
# (1.0 trusts the demo legacy root only, 2.0 both roots, 3.0 the new root
# only), so that the demo PKI's legacy -> new migration plays out on it.
#
# For every endpoint the database holds, the answer is held against the
# commands that answer one chain at a time, fed the chain read back from the
# database: `plan --old CUR --new X --platforms testos:all --json` (breaking),
# `check CUR --host NAME --store testos:all --no-aia --at T --json` at the
# run's time and at DATE, and `check --profile P --store testos:all --json`
# (readiness). The scripted fleet also fixes exactly which endpoints each
# question must report.
source "$(dirname "$0")/lib.bash"
SRC="${TR_SOURCE_DIR:-$HERE/../..}"
"$TRUSTREADY" pki demo --out "$T/pki" >/dev/null || { echo "FAIL: pki demo"; exit 1; }
C="$T/pki/certs"; K="$T/pki/keys"

# --- the platform data with testos --------------------------------------
cp -r "$SRC/data" "$T/data"
python3 - "$T/data/platforms" "$C/legacy-root.pem" "$C/new-root-rsa2048.pem" <<'PY' || { echo "FAIL: test platform data"; exit 1; }
import hashlib, json, ssl, sys
d, legacy, new = sys.argv[1], sys.argv[2], sys.argv[3]
snap = json.load(open(d + "/snapshots.json"))
ders = [ssl.PEM_cert_to_DER_cert(open(f).read()) for f in (legacy, new)]
n = len(snap["certificates"])
# Indexes past the certificates point into fingerprint_only: shift them.
for s in snap["snapshots"]:
    for k in ("trusted", "blocked"):
        s[k] = [i + len(ders) if i >= n else i for i in s[k]]
snap["certificates"] += [hashlib.sha256(x).hexdigest() for x in ders]
with open(d + "/certs.der", "ab") as out:
    for x in ders:
        out.write(x)
L, N = n, n + 1
for version, date, trusted in (("1.0", "2019-01-01", [L]), ("2.0", "2021-01-01", [L, N]), ("3.0", "2024-01-01", [N])):
    snap["snapshots"].append({"platform": "testos", "version": version, "date": date,
                              "source": "trustready-test@0000000", "trusted": trusted, "blocked": []})
json.dump(snap, open(d + "/snapshots.json", "w"))
PY
export TRUSTREADY_DATA="$T/data"
# Into a file first: under pipefail, grep -q leaving early is a SIGPIPE for
# the writer and a flaky failure.
"$TRUSTREADY" platforms list --json >"$T/platforms.json" 2>/dev/null
grep -q 'testos:2.0' "$T/platforms.json" && ok "testos snapshots load" || bad "testos snapshots do not load"

# A leaf that outlives the demo leaves (400 days against 180), same CA.
openssl req -new -newkey rsa:2048 -nodes -keyout "$T/long.key" -subj "/CN=localhost" -out "$T/long.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n' >"$T/long.ext"
openssl x509 -req -in "$T/long.csr" -CA "$C/ica-rsa2048.pem" -CAkey "$K/ica-rsa2048.key" -CAcreateserial \
  -days 400 -sha256 -extfile "$T/long.ext" -out "$T/long.pem" 2>/dev/null || { echo "FAIL: openssl leaf"; exit 1; }

# --- the fleet ------------------------------------------------------------
read -r P1 P2 P3 P4 P5 P6 < <(python3 -c "
import socket
ss = [socket.socket() for _ in range(6)]
for s in ss: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")
# conf SPEC... (one per port P1..P6): legacy, modern, cross, long, expired or closed.
conf() {
  python3 - "$T/swap.json" "$C" "$K" "$T" "$P1:$1" "$P2:$2" "$P3:$3" "$P4:$4" "$P5:$5" "$P6:$6" <<'PY'
import json, sys
out, c, k, t = sys.argv[1:5]
chains = {
    "legacy": (["leaf-legacy", "ica-legacy"], "%s/leaf-legacy.key" % k),
    "modern": (["leaf-rsa2048", "ica-rsa2048"], "%s/leaf-rsa2048.key" % k),
    "cross": (["leaf-rsa2048", "ica-rsa2048", "cross-rsa2048"], "%s/leaf-rsa2048.key" % k),
    "expired": (["leaf-expired", "ica-rsa2048"], "%s/leaf-expired.key" % k),
}
cfg = {}
for spec in sys.argv[5:]:
    port, name = spec.split(":", 1)
    if name == "closed":
        continue
    if name == "long":
        cfg[port] = {"chain": ["%s/long.pem" % t, "%s/ica-rsa2048.pem" % c], "key": "%s/long.key" % t}
    else:
        certs, key = chains[name]
        cfg[port] = {"chain": ["%s/%s.pem" % (c, x) for x in certs], "key": key}
json.dump(cfg, open(out, "w"))
PY
}
conf legacy modern cross long expired closed
python3 "$HERE/swap_server.py" "$T/swap.json" "$P1" "$P2" "$P3" "$P4" "$P5" "$P6" >"$T/swap.log" 2>&1 &
FLEET_PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$T/swap.log" 2>/dev/null && break; sleep 0.1; done
printf '127.0.0.1:%s owner=a\n127.0.0.1:%s owner=b\n127.0.0.1:%s owner=c\n127.0.0.1:%s owner=d\n127.0.0.1:%s owner=e\n127.0.0.1:%s owner=f\n' \
  "$P1" "$P2" "$P3" "$P4" "$P5" "$P6" >"$T/t.txt"
cat "$C/leaf-rsa2048.pem" "$C/ica-rsa2048.pem" >"$T/modern.pem"
scan() {
  "$TRUSTREADY" fleet scan --targets "$T/t.txt" --store "$C/new-root-rsa2048.pem" --run-id "$1" \
    --per-ip-rate 0 --per-ip-concurrency 0 --connect-timeout 2 --handshake-timeout 2 --retries 0 -q --out "$T/$1.db"
  [[ $? -le 1 ]] || bad "scan $1"
  "$TRUSTREADY" fleet merge --out "$T/fleet.db" "$T/$1.db" >/dev/null || bad "merge $1"
}
scan week-1

# ports -> names, for the assertions
names="{\"$P1\":\"legacy\",\"$P2\":\"modern\",\"$P3\":\"cross\",\"$P4\":\"long\",\"$P5\":\"expired\",\"$P6\":\"closed\"}"
# expect FILE MODE 'breaking names' 'not judged names' [python: extra checks on d]
expect() {
  schema_matches "fleet whatif --json ($(basename "$1"))" "$SCHEMAS/fleet-whatif.schema.json" "$1" || return 1
  python3 - "$1" "$SCHEMAS/fleet-whatif.schema.json" "$names" "$2" "$3" "$4" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
names = json.loads(sys.argv[3])
port = lambda t: names[t.rsplit(":", 1)[1]]
errs = []
if d["question"]["mode"] != sys.argv[4]: errs.append("mode %s" % d["question"]["mode"])
got = sorted(port(e["target"]) + "=" + "+".join(sorted(b["snapshot"] for b in e["breaks"])) for e in d["breaking"])
want = sorted(x for x in sys.argv[5].split() if x)
if got != want: errs.append("breaking %s, expected %s" % (got, want))
nj = sorted(port(e["target"]) for e in d["not_judged"])
if nj != sorted(x for x in sys.argv[6].split() if x): errs.append("not judged %s" % nj)
for e in errs: print("  " + e)
sys.exit(1 if errs else 0)
PY
}

# --- 1. serve X = leaf + ICA under the new root: who breaks on testos? ------
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --new-chain "$T/modern.pem" --platforms testos:all --json >"$T/w1.json"
expect_exit "new chain: something breaks, exit 1" 1 $?
expect "$T/w1.json" new-chain "legacy=testos:1.0 cross=testos:1.0" "closed" \
  && ok "new chain: exactly the legacy and cross-signed endpoints break, on testos:1.0" || bad "new chain endpoints"

# The oracle, per endpoint, from the chains stored in the database.
python3 - "$T/fleet.db" "$T/w1.json" "$TRUSTREADY" "$T/modern.pem" "$T" <<'PY' && ok "new chain: equals plan --old CUR --new X for each of the 5 stored chains" || bad "new chain vs plan"
import json, sqlite3, ssl, subprocess, sys
db, w, tr, x, t = sys.argv[1:6]
con = sqlite3.connect(db)
d = json.load(open(w))
got = {e["target_key"]: sorted(b["snapshot"] for b in e["breaks"]) for e in d["breaking"]}
rows = con.execute("SELECT o.target_key, o.chain_id FROM observation o WHERE o.chain_id IS NOT NULL").fetchall()
errs = 0
assert len(rows) == 5, rows
for key, chain_id in rows:
    pem = "".join(ssl.DER_cert_to_PEM_cert(der) for (der,) in con.execute(
        "SELECT k.der FROM chain_cert c JOIN cert k ON k.sha256 = c.cert_sha256 WHERE c.chain_id = ? ORDER BY c.pos", (chain_id,)))
    path = "%s/cur-%s.pem" % (t, chain_id[:12])
    open(path, "w").write(pem)
    p = subprocess.run([tr, "plan", "--old", path, "--new", x, "--platforms", "testos:all", "--json"], capture_output=True, text=True)
    want = sorted(b["snapshot"] for b in json.loads(p.stdout)["breaking"])
    if want != got.get(key, []):
        print("  %s: whatif %s, plan %s" % (key, got.get(key, []), want)); errs += 1
sys.exit(1 if errs else 0)
PY

"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --new-chain "$T/modern.pem" --platforms testos:all >"$T/w1.txt"
expect_exit "new chain, text: exit 1" 1 $?
grep -q "Verdict: 2 endpoints BREAK" "$T/w1.txt" && grep -q "not judged  127.0.0.1:$P6" "$T/w1.txt" \
  && ok "text names the breaking count and the unreachable endpoint" || bad "$(cat "$T/w1.txt")"

# Serving the cross-signed chain breaks nobody; the closed port keeps the
# answer UNKNOWN (exit 1), never "nothing breaks".
cat "$C/leaf-rsa2048.pem" "$C/ica-rsa2048.pem" "$C/cross-rsa2048.pem" >"$T/cross.pem"
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --new-chain "$T/cross.pem" --platforms testos:all --json >"$T/w2.json"
expect_exit "cross-signed chain with an unreachable endpoint: exit 1" 1 $?
expect "$T/w2.json" new-chain "" "closed" && python3 -c "import json,sys; sys.exit(json.load(open('$T/w2.json'))['verdict'] != 'unknown')" \
  && ok "cross-signed chain: nothing breaks, verdict unknown (one endpoint not judged)" || bad "cross-signed chain"

# --- 2. which lose trust by DATE (300 days on: the demo leaves expired) ----
LATER=$(date -u -d "+300 days" +%Y-%m-%dT%H:%M:%SZ)
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --at "$LATER" --platforms testos:all --json >"$T/w3.json"
expect_exit "by date: exit 1" 1 $?
expect "$T/w3.json" at "legacy=testos:1.0+testos:2.0 modern=testos:2.0+testos:3.0 cross=testos:1.0+testos:2.0+testos:3.0" "closed" \
  && ok "by date: the three 180-day leaves lose every snapshot that trusted them; the 400-day leaf and the expired one are not listed" \
  || bad "by date endpoints"
python3 - "$T/fleet.db" "$T/w3.json" "$TRUSTREADY" "$T" <<'PY' && ok "by date: equals check --store testos:all --at RUN_TIME / --at DATE for each stored chain" || bad "by date vs check"
import json, sqlite3, ssl, subprocess, sys
db, w, tr, t = sys.argv[1:5]
con = sqlite3.connect(db)
d = json.load(open(w))
then, later = d["run_judged_at"], d["question"]["at"]
got = {e["target_key"]: sorted(b["snapshot"] for b in e["breaks"]) for e in d["breaking"]}
reasons = {b["reason"] for e in d["breaking"] for b in e["breaks"]}
errs = 0
if reasons != {"EXPIRED"}: print("  reasons %s" % reasons); errs += 1
def trusted(path, name, at):
    p = subprocess.run([tr, "check", path, "--host", name, "--store", "testos:all", "--no-aia", "--at", at, "--json"],
                       capture_output=True, text=True)
    return {s["store"] for s in json.loads(p.stdout)["targets"][0]["stores"] if s["trusted"]}
for key, chain_id, name in con.execute("SELECT target_key, chain_id, name FROM observation WHERE chain_id IS NOT NULL"):
    pem = "".join(ssl.DER_cert_to_PEM_cert(der) for (der,) in con.execute(
        "SELECT k.der FROM chain_cert c JOIN cert k ON k.sha256 = c.cert_sha256 WHERE c.chain_id = ? ORDER BY c.pos", (chain_id,)))
    path = "%s/at-%s.pem" % (t, chain_id[:12])
    open(path, "w").write(pem)
    want = sorted(trusted(path, name, then) - trusted(path, name, later))
    if want != got.get(key, []):
        print("  %s: whatif %s, check %s" % (key, got.get(key, []), want)); errs += 1
sys.exit(1 if errs else 0)
PY

# --- 3. not ready for a profile ------------------------------------------
# demo-new: the new root and its issuing CA, no cross-certificate: testos:1.0
# (legacy root only) is not ready, so whatever is trusted there today breaks.
mkdir -p "$T/demo-new" "$T/demo-cross"
for p in demo-new demo-cross; do
  cp "$C/new-root-rsa2048.pem" "$C/ica-rsa2048.pem" "$C/cross-rsa2048.pem" "$T/$p/"
done
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
for name, cross in (("demo-new", []), ("demo-cross", [{"file": "cross-rsa2048.pem", "presented_by_servers": True}])):
    json.dump({"name": name, "description": "test profile", "roots": [{"id": "new", "file": "new-root-rsa2048.pem"}],
               "cross_certificates": cross,
               "hierarchies": [{"id": "rsa2048", "root": "new", "issuing_cas": ["ica-rsa2048.pem"]}]},
              open("%s/%s/profile.json" % (t, name), "w"))
PY
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --profile "$T/demo-new" --platforms testos:all --json >"$T/w4.json"
expect_exit "profile: exit 1" 1 $?
expect "$T/w4.json" profile "legacy=testos:1.0 cross=testos:1.0" "closed" \
  && ok "profile without the cross-certificate: the endpoints trusted on testos:1.0 break there" || bad "profile endpoints"
python3 - "$T/w4.json" "$TRUSTREADY" "$T/demo-new" <<'PY' && ok "profile: not-ready snapshots equal check --profile P --store testos:all" || bad "profile vs check"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
p = subprocess.run([sys.argv[2], "check", "--profile", sys.argv[3], "--store", "testos:all", "--json"], capture_output=True, text=True)
want = sorted(s["store"] for s in json.loads(p.stdout)["stores"] if s["state"] != "ready")
got = sorted(d["question"]["not_ready"])
print("  not ready: %s" % got)
sys.exit(0 if got == want == ["testos:1.0"] else 1)
PY
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --profile "$T/demo-cross" --platforms testos:all --json >"$T/w5.json"
expect "$T/w5.json" profile "" "closed" && ok "profile with the cross-certificate served: nothing breaks" || bad "profile with cross"

# --- 4. the fleet changes: everything on the new chain, the closed port up --
conf modern modern modern long modern modern
sleep 1
scan week-2
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --new-chain "$T/modern.pem" --platforms testos:all --json >"$T/w6.json"
expect_exit "after the migration: nothing breaks and all judged, exit 0" 0 $?
expect "$T/w6.json" new-chain "" "" && ok "after the migration: no endpoint reported" || bad "after migration"
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --scan week-1 --new-chain "$T/modern.pem" --platforms testos:all --json >"$T/w7.json"
expect "$T/w7.json" new-chain "legacy=testos:1.0 cross=testos:1.0" "closed" \
  && ok "--scan week-1 still answers for the older run" || bad "--scan week-1"
# Real platforms: the demo roots are in none, so nothing is trusted today
# and nothing can break; every endpoint counts as already broken.
"$TRUSTREADY" fleet whatif --db "$T/fleet.db" --new-chain "$T/modern.pem" --platforms android:all --json >"$T/w8.json"
expect_exit "android: nothing trusted today, nothing breaks: exit 0" 0 $?
python3 -c "import json,sys; d=json.load(open('$T/w8.json')); sys.exit(not (d['counts']['already_broken'] == 6 and not d['breaking']))" \
  && ok "android: all 6 endpoints already broken, none reported" || bad "android counts: $(head -c 400 "$T/w8.json")"

# --- bad input: one line naming it, exit 2 ---------------------------------
one_line_2() {  # NAME ARGS...
  local name=$1; shift
  "$TRUSTREADY" fleet whatif "$@" >"$T/o" 2>"$T/e"
  local rc=$?
  if [[ $rc -eq 2 && $(wc -l <"$T/e") -eq 1 && ! -s "$T/o" ]]; then ok "bad input: $name"; else bad "bad input: $name (exit $rc: $(cat "$T/e"))"; fi
}
one_line_2 "no question" --db "$T/fleet.db"
one_line_2 "missing database" --db "$T/nope.db" --at 2030-01-01
one_line_2 "not a database" --db "$T/t.txt" --at 2030-01-01
one_line_2 "unknown platform" --db "$T/fleet.db" --at 2030-01-01 --platforms nosuch:1
one_line_2 "bad date" --db "$T/fleet.db" --at tomorrow
one_line_2 "missing chain file" --db "$T/fleet.db" --new-chain "$T/nope.pem"
one_line_2 "both questions" --db "$T/fleet.db" --new-chain "$T/modern.pem" --profile "$T/demo-new"
one_line_2 "unknown run" --db "$T/fleet.db" --scan week-9 --at 2030-01-01
[[ $fails -eq 0 ]]
