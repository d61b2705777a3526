#!/usr/bin/env bash
# Client behaviours applied during path building, on a generated PKI and a
# generated platform data directory (TRUSTREADY_DATA):
#  - a root valid for one day, judged ten days later: Android before 7.1.1
#    (anchor expiry not enforced) still trusts the chain, Android 8 does not
#    (EXPIRED), whatever the store says;
#  - a snapshot that blocks the intermediate: DISTRUSTED although the root is
#    trusted;
#  - a distrust-after date before the leaf's notBefore in snapshots from a
#    given date: DISTRUSTED there, trusted before;
#  - the expired leaf does not decide any cell.
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$tmp"' EXIT
cd "$tmp"
cat > ext.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:plan.test
authorityKeyIdentifier=keyid
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem \
  -days 1 -subj "/CN=Plan Test Root" -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout int.key -out int.csr -subj "/CN=Plan Test Intermediate" 2>/dev/null
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 3650 -extfile ext.cnf -extensions ca -out int.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=plan.test" 2>/dev/null
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -days 3 -extfile ext.cnf -extensions leaf -out leaf.pem 2>/dev/null
cat leaf.pem int.pem > chain.pem

mkdir -p data/platforms
openssl x509 -in root.pem -outform der > data/platforms/certs.der
openssl x509 -in int.pem -outform der >> data/platforms/certs.der
root_fp=$(openssl x509 -in root.pem -outform der | sha256sum | cut -c1-64)
int_fp=$(openssl x509 -in int.pem -outform der | sha256sum | cut -c1-64)
cat > data/platforms/snapshots.json <<JSON
{"format": 1, "certificates": ["$root_fp", "$int_fp"], "fingerprint_only": [],
 "snapshots": [
  {"platform":"android","version":"7.0","date":"2016-03-21","source":"test","trusted":[0],"blocked":[]},
  {"platform":"android","version":"8.0.0_r36","date":"2017-12-26","source":"test","trusted":[0],"blocked":[]},
  {"platform":"apple","version":"iOS 99","date":"2020-01-01","source":"test","trusted":[0],"blocked":[1]},
  {"platform":"mozilla","version":"2020-01-01","date":"2020-01-01","source":"test","trusted":[0],"blocked":[]},
  {"platform":"mozilla","version":"2025-01-01","date":"2025-01-01","source":"test","trusted":[0],"blocked":[]}
 ]}
JSON
python3 - "$TR_SOURCE_DIR/data/platforms/behaviors.json" data/platforms/behaviors.json "$root_fp" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["distrust_after"] = [{"platform": "mozilla", "in_snapshots_from": "2024-11-01",
                        "server_distrust_after": "2001-01-01T00:00:00Z", "roots": [sys.argv[3]], "why": "test"}]
json.dump(b, open(sys.argv[2], "w"))
PY

at=$(date -u -d "+10 days" +%Y-%m-%dT%H:%M:%SZ)
set +e
TRUSTREADY_DATA="$tmp/data" "$TRUSTREADY" plan --old chain.pem --new chain.pem --at "$at" --json > plan.json
rc=$?
set -e
[[ $rc -eq 0 ]] || { echo "plan exited $rc (same chain twice breaks nothing)"; exit 1; }
python3 - plan.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
cells = {m["snapshot"]: m for m in p["matrix"]}
def check(name, trusted, detail=None):
    c = cells[name]
    assert c["new"] == trusted, c
    if detail:
        assert c["new_detail"] == detail, c
check("android:7.0", True)                 # anchor expiry not enforced
check("android:8.0.0_r36", False, "EXPIRED")
check("apple:iOS 99", False, "DISTRUSTED")  # blocked intermediate
check("mozilla:2020-01-01", False, "EXPIRED")
check("mozilla:2025-01-01", False, "DISTRUSTED")
assert p["leaves"]["new"]["valid_at"] is False   # the 3-day leaf expired: reported only
print("plan_behaviors: ok")
PY

# The same data judged now (root still valid): only the blocked and the
# distrust-after snapshots fail.
TRUSTREADY_DATA="$tmp/data" "$TRUSTREADY" plan --old chain.pem --new chain.pem --json > now.json
python3 -c '
import json,sys
p=json.load(open(sys.argv[1])); c={m["snapshot"]:m["new"] for m in p["matrix"]}
assert c=={"android:7.0":True,"android:8.0.0_r36":True,"apple:iOS 99":False,"mozilla:2020-01-01":True,"mozilla:2025-01-01":False}, c' now.json

# OpenSSL 1.0.x follows the served chain: an AddTrust-style cross-certificate
# (new root N cross-signed by an old root O that has expired) makes it fail
# although N is trusted; other clients take the shorter path to N. Dropping
# the cross-certificate is the recommendation, and it costs negative bytes.
mkdir -p x/platforms
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout o.key -out o.pem \
  -days 1 -subj "/CN=Old Root" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout n.key -out n.csr -subj "/CN=New Root" 2>/dev/null
cat > n.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
CNF
openssl x509 -req -in n.csr -signkey n.key -days 3650 -extfile n.cnf -extensions ca -out n.pem 2>/dev/null
openssl x509 -req -in n.csr -CA o.pem -CAkey o.key -CAcreateserial -days 3650 -extfile n.cnf -extensions ca -out ncross.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout i2.key -out i2.csr -subj "/CN=Issuing CA" 2>/dev/null
openssl x509 -req -in i2.csr -CA n.pem -CAkey n.key -CAcreateserial -days 3650 -extfile ext.cnf -extensions ca -out i2.pem 2>/dev/null
openssl x509 -req -in leaf.csr -CA i2.pem -CAkey i2.key -CAcreateserial -days 30 -extfile ext.cnf -extensions leaf -out leaf2.pem 2>/dev/null
cat leaf2.pem i2.pem ncross.pem > served.pem
openssl x509 -in o.pem -outform der > x/platforms/certs.der
openssl x509 -in n.pem -outform der >> x/platforms/certs.der
o_fp=$(openssl x509 -in o.pem -outform der | sha256sum | cut -c1-64)
n_fp=$(openssl x509 -in n.pem -outform der | sha256sum | cut -c1-64)
cp "$TR_SOURCE_DIR/data/platforms/behaviors.json" x/platforms/
cat > x/platforms/snapshots.json <<JSON
{"format": 1, "certificates": ["$o_fp", "$n_fp"], "fingerprint_only": [],
 "snapshots": [
  {"platform":"mozilla","version":"2026-01-01","date":"2026-01-01","source":"test","trusted":[0,1],"blocked":[]},
  {"platform":"openjdk","version":"jdk-99","date":"2026-01-01","source":"test","trusted":[0],"blocked":[]}
 ]}
JSON
TRUSTREADY_DATA="$tmp/x" "$TRUSTREADY" plan --old served.pem --new served.pem --at "$at" --json > x.json
python3 - x.json "$(stat -c %s ncross.pem)" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
c = {k["client"]: k for k in p["clients"]}
assert c["openssl-1.0.x"]["new"] is False and c["openssl-1.0.x"]["new_detail"] == "EXPIRED", c["openssl-1.0.x"]
assert c["openssl-1.1+"]["new"] is True, c["openssl-1.1+"]
assert c["curl"]["new"] is True
m = {x["snapshot"]: x for x in p["matrix"]}
assert m["mozilla:2026-01-01"]["new"] is True
assert m["openjdk:jdk-99"]["new"] is False and m["openjdk:jdk-99"]["new_detail"] == "EXPIRED"
rec = p["recommendation"]
assert len(rec["chain"]) == 2, rec["chain"]          # leaf + issuing CA, no cross
assert rec["added_bytes"] < 0
assert c["openssl-1.0.x"]["recommended"] is True
print("plan_behaviors (first path only): ok")
PY

# AIA: a server that stops sending its intermediate. Clients that complete
# chains themselves (Apple and Windows fetch the leaf's AIA caIssuers URL,
# Firefox preloads disclosed intermediates) keep working; Android's
# TrustManager, Java and OpenSSL-based clients (curl) never fetch and fail
# with UNKNOWN_ISSUER. Given the intermediate as a candidate, the
# recommendation is to send it again,
# at its size in bytes.
mkdir -p aia/platforms
cat > aia.cnf <<'CNF'
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:plan.test
authorityKeyIdentifier=keyid
authorityInfoAccess=caIssuers;URI:http://127.0.0.1:9/issuing.cer
CNF
openssl x509 -req -in leaf.csr -CA i2.pem -CAkey i2.key -CAcreateserial -days 30 -extfile aia.cnf -extensions leaf -out leaf3.pem 2>/dev/null
cat leaf3.pem i2.pem > aia-old.pem
cp leaf3.pem aia-new.pem
openssl x509 -in n.pem -outform der > aia/platforms/certs.der
cp "$TR_SOURCE_DIR/data/platforms/behaviors.json" aia/platforms/
{
  echo "{\"format\": 1, \"certificates\": [\"$n_fp\"], \"fingerprint_only\": [], \"snapshots\": ["
  sep=""
  for pv in "android:8.0.0_r36" "apple:iOS 99" "mozilla:2026-01-01" "openjdk:jdk-99" "oracle-java:jdk-99" "windows:2026-01-01"; do
    printf '%s{"platform":"%s","version":"%s","date":"2026-01-01","source":"test","trusted":[0],"blocked":[]}\n' \
      "$sep" "${pv%%:*}" "${pv#*:}"
    sep=","
  done
  echo "]}"
} > aia/platforms/snapshots.json
set +e
TRUSTREADY_DATA="$tmp/aia" "$TRUSTREADY" plan --old aia-old.pem --new aia-new.pem --candidates i2.pem --json > aia.json
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "plan (dropped intermediate) exited $rc, expected 1"; exit 1; }
python3 - aia.json "$(openssl x509 -in i2.pem -outform der | wc -c)" \
  "$(openssl x509 -in i2.pem -outform der | sha256sum | cut -c1-64)" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
m = {x["platform"]: x for x in p["matrix"]}
assert all(x["old"] for x in p["matrix"]), p["matrix"]
for fetching in ("apple", "windows", "mozilla"):
    assert m[fetching]["new"] is True, m[fetching]
for never in ("android", "openjdk", "oracle-java"):
    assert m[never]["new"] is False and m[never]["new_detail"] == "UNKNOWN_ISSUER", m[never]
assert sorted(b["platform"] for b in p["breaking"]) == ["android", "openjdk", "oracle-java"], p["breaking"]
c = {k["client"]: k for k in p["clients"]}
for client in ("openssl-1.0.x", "openssl-1.1+", "curl"):
    assert c[client]["old"] is True and c[client]["new"] is False, c[client]
rec = p["recommendation"]
assert rec["chain"][1] == sys.argv[3] and len(rec["chain"]) == 2, rec["chain"]
assert rec["added_bytes"] == int(sys.argv[2]), (rec["added_bytes"], sys.argv[2])
assert rec["working"] == 6, rec["working"]
print("plan_behaviors (AIA fetching): ok")
PY
