#!/usr/bin/env bash
# fleet diff on a scripted change of the fleet between two runs kept in one
# database (merged): one endpoint moves from the legacy CA to the new one
# (issuer change; newly trusted by the new root, newly untrusted by the
# legacy root), one gets a renewed leaf from the same CA, one server stops
# (unreachable), one stays as it was. The diff reports exactly those, exits
# 1 (regressions), and validates against fleet-diff.schema.json.
source "$(dirname "$0")/lib.bash"
"$TRUSTREADY" pki demo --out "$T/pki" >/dev/null || { echo "FAIL: pki demo"; exit 1; }
C="$T/pki/certs"; K="$T/pki/keys"
read -r P1 P2 P3 P4 < <(python3 -c "
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")
conf() {  # conf P1-chain P2-chain ... as "leaf:ica"
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
conf leaf-legacy:ica-legacy leaf-rsa2048:ica-rsa2048 leaf-rsa2048:ica-rsa2048 leaf-rsa2048:ica-rsa2048
python3 "$HERE/swap_server.py" "$T/swap.json" "$P1" "$P2" "$P3" "$P4" >"$T/swap.log" 2>&1 &
FLEET_PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$T/swap.log" 2>/dev/null && break; sleep 0.1; done
printf '127.0.0.1:%s name=moves\n127.0.0.1:%s name=renews\n127.0.0.1:%s name=stops\n127.0.0.1:%s name=stays\n' \
  "$P1" "$P2" "$P3" "$P4" >"$T/t.txt"
scan() {
  "$TRUSTREADY" fleet scan --targets "$T/t.txt" --store "$C/new-root-rsa2048.pem" --store "$C/legacy-root.pem" \
    --run-id "$1" --per-ip-rate 0 --per-ip-concurrency 0 --connect-timeout 2 --handshake-timeout 2 --retries 0 -q \
    --out "$T/$1.db"
  [[ $? -le 1 ]] || bad "scan $1"
  "$TRUSTREADY" fleet merge --out "$T/fleet.db" "$T/$1.db" >/dev/null || bad "merge $1"
}
scan week-1
# The change: legacy -> new CA, a renewed leaf (leaf-revoked is another leaf
# of the same issuing CA, not revoked without --crl), a server gone.
conf leaf-rsa2048:ica-rsa2048 leaf-revoked:ica-rsa2048 closed leaf-rsa2048:ica-rsa2048
sleep 1
scan week-2
"$TRUSTREADY" fleet diff --db "$T/fleet.db" --json >"$T/diff.json"
expect_exit "diff exits 1 on regressions" 1 $?
schema_matches "fleet diff --json" "$SCHEMAS/fleet-diff.schema.json" "$T/diff.json"
python3 - "$T/diff.json" <<'PY' && ok "diff reports exactly the scripted changes" || bad "diff"
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted((c["target"].split(":")[1], c["change"], c["regression"]) for c in d["changes"])
changes = {(c["change"]) for c in d["changes"]}
by = {}
for c in d["changes"]:
    by.setdefault(c["change"], []).append(c)
errs = []
if d["from_run"] != "week-1" or d["to_run"] != "week-2": errs.append("runs %s -> %s" % (d["from_run"], d["to_run"]))
if d["counts"] != {"issuer_changed": 1, "newly_trusted": 1, "newly_untrusted": 1, "leaf_renewed": 1, "unreachable": 1}:
    errs.append("counts %s" % d["counts"])
if by.get("newly_untrusted") and "legacy-root.pem" not in by["newly_untrusted"][0]["detail"]: errs.append("lost: %s" % by["newly_untrusted"])
if by.get("newly_trusted") and "new-root-rsa2048.pem" not in by["newly_trusted"][0]["detail"]: errs.append("gained: %s" % by["newly_trusted"])
if by.get("issuer_changed") and "Legacy" not in by["issuer_changed"][0]["detail"]: errs.append("issuer: %s" % by["issuer_changed"])
if not d["regression"]: errs.append("no regression flagged")
regs = sorted(c["change"] for c in d["changes"] if c["regression"])
if regs != ["newly_untrusted", "unreachable"]: errs.append("regressions %s" % regs)
for e in errs: print("  " + e)
print(json.dumps(d["counts"]))
sys.exit(1 if errs else 0)
PY
"$TRUSTREADY" fleet diff --db "$T/fleet.db" --from week-1 --to week-1 >/dev/null
expect_exit "a run against itself: no change, exit 0" 0 $?
"$TRUSTREADY" fleet diff --db "$T/week-2.db" --from-db "$T/week-1.db" >"$T/diff.txt"
expect_exit "two database files" 1 $?
grep -q "Verdict: REGRESSION" "$T/diff.txt" && ok "text diff between two files" || bad "$(cat "$T/diff.txt")"
[[ $fails -eq 0 ]]
