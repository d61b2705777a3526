#!/usr/bin/env bash
# fleet scan against a local fleet: serve on 127.0.0.1, 127.0.0.2 and [::1]
# (per-variant ports and SNI names), fault servers (stall, reset, junk, TLS
# alert, EOF), a refused port and a name that does not resolve. Asserts each
# target's status, the stream against the schema, the database, export ==
# stream, and that for every reached endpoint the verdict per store equals
# `trustready check TARGET --store S --json` (the same code judges both).
source "$(dirname "$0")/lib.bash"

start_serve a 127.0.0.1:0
start_serve b 127.0.0.2:0
V6=0
if have_ipv6; then start_serve v6 '[::1]:0'; V6=1; fi
start_faults f 127.0.0.1
NEW="$T/state/pki/certs/new-root-rsa2048.pem"
LEGACY="$T/state/pki/certs/legacy-root.pem"
REFUSED=$(free_port)

python3 - "$T" "$V6" "$REFUSED" >"$T/fleet.txt" <<'PY'
import json, sys
t, v6, refused = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
a = json.loads(open(t + "/a.json").readline())
print("# the demo variants by port (SNI given) and by name on the SNI port")
for e in a["endpoints"]:
    print("127.0.0.1:%d sni=%s variant=%s owner=team-a" % (e["port"], e["host"], e["variant"]))
    print("https://%s:%d/ address=127.0.0.1 variant=%s owner=team-b" % (e["host"], a["sni_port"], e["variant"]))
b = json.loads(open(t + "/b.json").readline())
nc = [e for e in b["endpoints"] if e["variant"] == "new-chain"][0]
print("127.0.0.2:%d sni=%s variant=new-chain owner=team-c" % (nc["port"], nc["host"]))
if v6:
    v = json.loads(open(t + "/v6.json").readline())
    nc = [e for e in v["endpoints"] if e["variant"] == "new-chain"][0]
    print("[::1]:%d sni=%s variant=new-chain owner=team-c" % (nc["port"], nc["host"]))
f = json.loads(open(t + "/f.json").readline())
for mode, port in sorted(f.items()):
    print("127.0.0.1:%d fault=%s" % (port, mode))
print("127.0.0.1:%s fault=refused" % refused)
print("nonexistent.invalid:443 fault=dns")
PY
N=$(grep -vc '^#' "$T/fleet.txt")
echo "targets: $N"

start=$(date +%s.%N)
"$TRUSTREADY" fleet scan --targets "$T/fleet.txt" --store "$NEW" --store "$LEGACY" --out "$T/s.db" \
  --jsonl "$T/s.jsonl" --handshake-timeout 1 --retry-backoff 0.2 --dns-timeout 2 \
  --per-ip-rate 0 --per-ip-concurrency 0 >"$T/scan.out" 2>"$T/scan.err"
rc=$?
end=$(date +%s.%N)
cat "$T/scan.out"
expect_exit "scan exits 1 (faults and untrusted chains)" 1 "$rc"
[[ $(wc -l <"$T/s.jsonl") -eq $N ]] && ok "one observation line per target ($N)" || bad "$(wc -l <"$T/s.jsonl") lines for $N targets"
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print('wall %.1f s' % t); sys.exit(0 if t < 8 else 1)" "$start" "$end" \
  && ok "stall targets bounded: 2 attempts x 1 s + backoff, all in parallel" || bad "scan took too long"

jsonl_matches "fleet scan observations" "$SCHEMAS/fleet-observation.schema.json" "$T/s.jsonl"
python3 - "$T/s.jsonl" <<'PY' && ok "statuses, attempts and verdicts as expected" || bad "observations"
import json, sys
obs = [json.loads(l) for l in open(sys.argv[1])]
errs = []
by = {}
for o in obs:
    by.setdefault(o["labels"].get("fault") or o["labels"].get("variant"), []).append(o)
def expect(cond, what):
    if not cond:
        errs.append(what)
st = lambda k: [o["status"] for o in by[k]]
expect(st("stall") == ["handshake_timeout"] and by["stall"][0]["attempts"] == 2, "stall: %s" % by["stall"])
expect(st("reset") == ["reset"] and by["reset"][0]["attempts"] == 2, "reset: %s" % by["reset"])
expect(st("junk") == ["not_tls"] and by["junk"][0]["attempts"] == 1, "junk: %s" % by["junk"])
expect(st("alert") == ["tls_alert"] and "handshake failure" in by["alert"][0]["error"], "alert: %s" % by["alert"])
expect(st("close") == ["closed"], "close: %s" % by["close"])
expect(st("refused") == ["refused"] and by["refused"][0]["attempts"] == 1, "refused: %s" % by["refused"])
expect(st("dns")[0] in ("dns_nxdomain", "dns_error", "dns_timeout"), "dns: %s" % by["dns"])
variants = ["new-chain", "cross-signed", "legacy", "expired", "not-yet-valid", "wrong-host", "untrusted-root",
            "revoked", "incomplete-chain", "sha1-intermediate"]
for var in variants:
    expect(all(s == "ok" for s in st(var)), "%s not ok: %s" % (var, st(var)))
def verdict(var, store_suffix):
    out = set()
    for o in by[var]:
        for s in o["stores"]:
            if s["store"].endswith(store_suffix):
                out.add((s["trusted"], s["error_code"], s["trusted_with_aia"]))
    return out
expect(verdict("new-chain", "new-root-rsa2048.pem") == {(True, None, True)}, "new-chain/new %s" % verdict("new-chain", "new-root-rsa2048.pem"))
expect(verdict("new-chain", "legacy-root.pem") == {(False, "UNKNOWN_ISSUER", False)}, "new-chain/legacy")
expect(verdict("legacy", "legacy-root.pem") == {(True, None, True)}, "legacy/legacy")
expect(verdict("expired", "new-root-rsa2048.pem") == {(False, "EXPIRED", False)}, "expired %s" % verdict("expired", "new-root-rsa2048.pem"))
expect(verdict("wrong-host", "new-root-rsa2048.pem") == {(False, "HOSTNAME_MISMATCH", False)}, "wrong-host %s" % verdict("wrong-host", "new-root-rsa2048.pem"))
inc = verdict("incomplete-chain", "new-root-rsa2048.pem")
expect(len(inc) == 1 and list(inc)[0][0] is False and list(inc)[0][2] is True, "incomplete-chain recovers with AIA: %s" % inc)
expect(all(o["sni"] == "new-chain.trustready.test" for o in by["new-chain"]), "SNI sent")
addrs = {o["peer_address"] for o in by["new-chain"]}
expect("127.0.0.2" in addrs, "127.0.0.2 reached: %s" % addrs)
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
if [[ $V6 -eq 1 ]]; then
  grep -q '"peer_address":"::1"' "$T/s.jsonl" && grep '"peer_address":"::1"' "$T/s.jsonl" | grep -q '"status":"ok"' \
    && ok "[::1] target reached over IPv6" || bad "[::1] target"
else
  echo "SKIP: no IPv6 loopback"
fi

# The equivalence bar: for every reached endpoint, check's verdict per store.
python3 - "$T/s.jsonl" >"$T/checks.txt" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["status"] != "ok":
        continue
    peer = o["peer_address"]
    hostport = ("[%s]" % peer if ":" in peer else peer) + ":%d" % o["port"]
    print("\t".join([o["target_key"], hostport, o["sni"] or "", json.dumps(o["stores"])]))
PY
checked=0
while IFS=$'\t' read -r key hostport sni stores; do
  args=("$hostport" --store "$NEW" --store "$LEGACY" --json --timeout 5)
  [[ -n "$sni" ]] && args+=(--sni "$sni")
  "$TRUSTREADY" check "${args[@]}" >"$T/check.json" 2>"$T/check.err"
  python3 - "$T/check.json" "$stores" <<'PY' || bad "fleet and check disagree on $key"
import json, sys
c = json.load(open(sys.argv[1]))["targets"][0]["stores"]
f = json.loads(sys.argv[2])
got = [(s["store"], s["trusted"], s["trusted_with_aia"], s["error_code"]) for s in f]
want = [(s["store"], s["trusted"], s["trusted_with_aia"], None if s["trusted"] else s["error"]["code"]) for s in c]
if got != want:
    print("fleet %s\ncheck %s" % (got, want))
    sys.exit(1)
PY
  checked=$((checked + 1))
done <"$T/checks.txt"
[[ $checked -ge 21 ]] && ok "fleet verdict per store == check --store S --json for all $checked reached endpoints" \
  || bad "only $checked endpoints compared"

# The database.
obs=$(sqlite3 "$T/s.db" "select count(*) from observation")
chains=$(sqlite3 "$T/s.db" "select count(*) from chain")
verdicts=$(sqlite3 "$T/s.db" "select count(*) from verdict")
judgements=$(sqlite3 "$T/s.db" "select count(*) from judgement")
[[ $obs -eq $N ]] && ok "database: $obs observations" || bad "database: $obs observations for $N targets"
# Each serve instance serves its own chains: one per variant on 127.0.0.1,
# one more new-chain on 127.0.0.2 and on [::1].
NV=$(python3 -c "import json, sys; print(len(json.loads(open(sys.argv[1]).readline())['endpoints']))" "$T/a.json")
[[ $chains -eq $((NV + 1 + V6)) ]] && ok "$chains distinct chains stored for $((NV + 1 + V6)) served chains" || bad "$chains chains, expected $((NV + 1 + V6))"
[[ $verdicts -eq $((judgements * 2)) ]] && ok "verdicts = judged (chain, name) x 2 stores" || bad "$verdicts verdicts, $judgements judgements"
q=$(sqlite3 "$T/s.db" "select count(distinct target_key) from endpoint_verdict where judge like '%legacy-root.pem' and trusted")
[[ $q -ge 2 ]] && ok "endpoint_verdict view answers SQL ($q trusted by the legacy root)" || bad "view: $q"

# export == the stream (ordered by target key).
"$TRUSTREADY" fleet export --db "$T/s.db" --jsonl - >"$T/export.jsonl" || bad "export failed"
python3 - "$T/s.jsonl" "$T/export.jsonl" <<'PY' && ok "fleet export reproduces the streamed lines" || bad "export differs from the stream"
import json, sys
s = sorted((json.loads(l) for l in open(sys.argv[1])), key=lambda o: (o["target_key"], o["seq"]))
e = [json.loads(l) for l in open(sys.argv[2])]
if s != e:
    for a, b in zip(s, e):
        if a != b:
            print({k: (a[k], b.get(k)) for k in a if a[k] != b.get(k)})
            break
    sys.exit(1)
PY

# --json summary against its schema.
"$TRUSTREADY" fleet scan --targets "$T/fleet.txt" --store "$NEW" --json --handshake-timeout 1 --retries 0 \
  --per-ip-rate 0 --per-ip-concurrency 0 --dns-timeout 2 >"$T/sum.json"
expect_exit "scan --json exit" 1 $?
schema_matches "fleet scan --json summary" "$SCHEMAS/fleet-scan-summary.schema.json" "$T/sum.json"
python3 -c "
import json, sys
s = json.load(open('$T/sum.json'))
assert s['targets'] == $N and s['statuses']['handshake_timeout'] == 1, s
" && ok "summary JSON: --retries 0 still times out once" || bad "summary JSON"

# Bad input: one line naming FILE:LINE, exit 2, nothing probed.
printf '127.0.0.1:1\n# fine\nhttps://a b\n' >"$T/bad.txt"
"$TRUSTREADY" fleet targets --targets "$T/bad.txt" >/dev/null 2>"$T/bad.err"
expect_exit "fleet targets on a bad line" 2 $?
grep -q "bad.txt:3" "$T/bad.err" && ok "error names bad.txt:3" || bad "error: $(cat "$T/bad.err")"
"$TRUSTREADY" fleet scan --targets "$T/bad.txt" --store "$NEW" --out "$T/bad.db" >/dev/null 2>"$T/bad2.err"
expect_exit "fleet scan on a bad line" 2 $?
[[ ! -e "$T/bad.db" ]] && grep -q "bad.txt:3" "$T/bad2.err" && ok "scan refuses before probing; no database" || bad "bad scan"
printf '127.0.0.1:443 sni=\n' >"$T/bad3.txt"
"$TRUSTREADY" fleet targets --targets "$T/bad3.txt" >/dev/null 2>"$T/bad3.err"
[[ $? -eq 2 ]] && grep -q "bad3.txt:1: sni= is empty" "$T/bad3.err" && ok "empty sni= named" || bad "$(cat "$T/bad3.err")"
"$TRUSTREADY" fleet targets --targets "$T/missing.txt" >/dev/null 2>&1
expect_exit "missing targets file" 2 $?

# The other input formats give the same target keys.
cat >"$T/in.csv" <<'CSV'
target,sni,owner,note
127.0.0.1:8443,a.example,team-a,"quoted, with comma"
"https://b.example:9443/x",,team-b,"two
lines"
CSV
cat >"$T/in.jsonl" <<'JL'
{"target": "127.0.0.1:8443", "sni": "a.example", "labels": {"owner": "team-a"}}
{"target": "https://b.example:9443/x", "labels": {"owner": "team-b"}}
JL
printf '127.0.0.1:8443 sni=a.example owner=team-a\nhttps://b.example:9443/x owner=team-b\n' >"$T/in.txt"
cat >"$T/in.gnmap" <<'NM'
# Nmap 7.93 scan initiated Sun Dec  6 00:00:00 2026 as: nmap -n -p 22,443,8443 -oG - 127.0.0.1
Host: 127.0.0.1 ()	Status: Up
Host: 127.0.0.1 ()	Ports: 22/closed/tcp//ssh///, 443/open/tcp//https///, 8443/open/tcp//https-alt///	Ignored State: closed (997)
Host: ::1 ()	Ports: 443/open/tcp//https///
# Nmap done at Sun Dec  6 00:00:01 2026 -- 1 IP address (1 host up) scanned in 0.05 seconds
NM
for f in in.txt in.csv in.jsonl; do "$TRUSTREADY" fleet targets --targets "$T/$f" >"$T/$f.keys" || bad "$f"; done
cmp -s "$T/in.txt.keys" "$T/in.csv.keys" && cmp -s "$T/in.txt.keys" "$T/in.jsonl.keys" \
  && ok "list, CSV (quoted comma and newline) and JSONL give the same keys" || bad "formats differ"
"$TRUSTREADY" fleet targets --targets "$T/in.csv" --json | python3 -c "
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows[0]['labels'] == {'owner': 'team-a', 'note': 'quoted, with comma'}, rows[0]
assert rows[1]['labels']['note'] == 'two\nlines' and rows[1]['source'].endswith('in.csv:3'), rows[1]
" && ok "CSV labels and FILE:LINE" || bad "CSV labels"
"$TRUSTREADY" fleet targets --targets "$T/in.gnmap" >"$T/nm.keys"
[[ "$(cat "$T/nm.keys")" == $'127.0.0.1|443|-|-|-\n127.0.0.1|8443|-|-|-\n::1|443|-|-|-' ]] \
  && ok "nmap -oG: one target per open TCP port, no SNI" || bad "nmap: $(cat "$T/nm.keys")"
printf '{"target": 5}\n' >"$T/bad.jsonl"
"$TRUSTREADY" fleet targets --targets "$T/bad.jsonl" 2>"$T/bj.err" >/dev/null
[[ $? -eq 2 ]] && grep -q 'bad.jsonl:1' "$T/bj.err" && ok "JSONL error names the line" || bad "jsonl error"

[[ $fails -eq 0 ]]
