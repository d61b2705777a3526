#!/usr/bin/env bash
# windows:* follows Microsoft's CTL for server authentication (issue 15):
#  - data/platforms/root_properties.json is what scripts/microsoft_ctl.py
#    writes from the recorded sources (imported/sources/microsoft-*.txt);
#  - `verify --ca --purpose server --store windows:2026-07-19`: DigiCert SMIME
#    RSA4096 Root G5, Microsoft Identity Verification Root CA 2020 and Sectigo
#    Public Email Protection Root R46 (no Server Authentication in Microsoft's
#    CTL) are NOT trusted; Amazon Root CA 1, ISRG Root X1 and DigiCert Global
#    Root G2 are;
#  - an independent check (Python, not the script: it reads the source
#    snapshots of ../shared/data and the product's `store show --json` of
#    every windows snapshot): each snapshot's anchors are exactly the source's
#    trusted roots less the roots the CTL dump lists without Server
#    Authentication, less the roots the dump does not hold that no Mozilla or
#    Chrome snapshot trusts; and every NotBefore
#    of the deployment notices is the anchor's server_distrust_after in the
#    snapshots dated from its release;
#  - the same check fails on a copy of the dump whose row for DigiCert SMIME
#    RSA4096 Root G5 is changed to say "Server Authentication" (the check can
#    fail);
#  - CCADB's Microsoft report of about 2019 (a real excerpt) agrees for
#    windows:2019-11-10.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TR_SHARED_DATA=${TR_SHARED_DATA:-$TR_SOURCE_DIR/../shared/data}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
SRC="$TR_SOURCE_DIR/data/platforms/imported/sources"
CATALOG="$TR_SOURCE_DIR/data/catalog"

python3 "$TR_SOURCE_DIR/scripts/microsoft_ctl.py" --check \
  && ok "root_properties.json is scripts/microsoft_ctl.py's output" || bad "root_properties.json differs from the script's output"

# The three roots as certificates, from the shipped data (by SHA-256).
python3 - "$TR_SOURCE_DIR/data/platforms" "$T" <<'PY'
import hashlib, sys
blob = open(sys.argv[1] + "/certs.der", "rb").read()
want = {"90370d3e": "smime-g5", "5367f20c": "ms-idv-2020", "d5917a77": "email-r46"}
pos = 0
while pos < len(blob):
    n, head = blob[pos + 1], 2
    if n & 0x80:
        k = n & 0x7F
        n, head = int.from_bytes(blob[pos + 2:pos + 2 + k], "big"), 2 + k
    der = blob[pos:pos + head + n]
    pos += head + n
    h = hashlib.sha256(der).hexdigest()
    if h[:8] in want:
        open("%s/%s.der" % (sys.argv[2], want[h[:8]]), "wb").write(der)
PY
for c in smime-g5 ms-idv-2020 email-r46; do
  "$TRUSTREADY" verify --ca --purpose server --store windows:2026-07-19 "$T/$c.der" >"$T/v.txt" 2>/dev/null
  rc=$?
  [[ $rc -eq 1 ]] && grep -q "windows:2026-07-19: NOT trusted" "$T/v.txt" \
    && ok "$c: not a server-auth anchor of windows:2026-07-19" || bad "$c: exit $rc: $(head -1 "$T/v.txt")"
done
for c in amazon-trust-services/roots/Amazon-Root-CA-1.pem isrg/roots/ISRG-Root-X1.pem digicert/roots/DigiCert-Global-Root-G2.pem; do
  f=$(ls "$CATALOG"/${c%.pem}*.pem 2>/dev/null | head -1)
  [[ -n "$f" ]] || { bad "no catalog certificate for $c"; continue; }
  "$TRUSTREADY" verify --ca --purpose server --store windows:2026-07-19 "$f" >"$T/v.txt" 2>/dev/null
  rc=$?
  [[ $rc -eq 0 ]] && grep -q "windows:2026-07-19: trusted" "$T/v.txt" \
    && ok "$(basename "$f"): trusted by windows:2026-07-19" || bad "$(basename "$f"): exit $rc: $(head -1 "$T/v.txt")"
done

# Every windows snapshot as the product serves it.
"$TRUSTREADY" platforms list --json >"$T/list.json" 2>/dev/null
python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["snapshots"] if s["platform"] == "windows"]' \
  "$T/list.json" >"$T/windows.txt"
mkdir -p "$T/shown"
n=0
while IFS= read -r name; do
  n=$((n + 1))
  "$TRUSTREADY" store show "$name" --json >"$T/shown/$n.json" 2>/dev/null || bad "store show $name"
done <"$T/windows.txt"

cat >"$T/check.py" <<'PY'
# The independent check: argv = dump, notices, shared snapshots.json,
# imported dir, list.json, shown dir.
import glob, json, os, sys
dump, notices, shared, imported, listing, shown = sys.argv[1:7]
no_server, in_dump = set(), set()
section = None
for line in open(dump, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    if line.startswith("["):
        section = line
        continue
    fields = line.split("\t")
    sha = fields[0].lower()
    in_dump.add(sha)
    # [server-auth-windows-only] rows are SHA-256 and name: all have Server
    # Authentication; the other sections give the purposes.
    if section != "[server-auth-windows-only]" and "Server Authentication" not in fields[1].split(", "):
        no_server.add(sha)
src = json.load(open(shared))
windows = [s for s in src if s["platform"] == "windows"]
tls_elsewhere = set()
for s in src:
    if s["platform"] == "mozilla":
        tls_elsewhere |= set(s["trusted"])
for f in glob.glob(os.path.join(imported, "chrome-*.json")):
    tls_elsewhere |= set(json.load(open(f))["trusted"])
unknown = {h for s in windows for h in s["trusted"]} - in_dump - tls_elsewhere
rows = [l.rstrip("\n").split("\t") for l in open(notices, encoding="utf-8") if l.strip() and not l.startswith("#")]
names = [s["name"] for s in json.load(open(listing))["snapshots"] if s["platform"] == "windows"]
assert len(names) == len(windows) == 41, (len(names), len(windows))
problems = []
checked_distrust = 0
for i, (name, s) in enumerate(zip(names, windows), 1):
    doc = json.load(open(os.path.join(shown, "%d.json" % i)))
    anchors = {a["sha256"]: a for a in doc["anchors"] if not a["trust"]["distrusted"]}
    want = set(s["trusted"]) - no_server - unknown
    if set(anchors) != want:
        problems.append("%s: %d anchors, expected %d; extra %s, missing %s" % (
            name, len(anchors), len(want), sorted(set(anchors) - want)[:3], sorted(want - set(anchors))[:3]))
    by_sha1 = {a["sha1"]: a for a in anchors.values()}
    for notice, released, action, cutoff, thumb, root in rows:
        if action == "disable" or s["date"] < released:
            continue
        a = by_sha1.get(thumb.lower()) or anchors.get(thumb.lower())
        if a is None:
            continue
        # No stated date: the first day of the release month (the program's rule).
        when = (cutoff if cutoff != "-" else released[:8] + "01") + "T00:00:00Z"
        checked_distrust += 1
        if a["trust"]["server_distrust_after"] != when:
            problems.append("%s: %s server_distrust_after %s, notice says %s" % (name, root, a["trust"]["server_distrust_after"], when))
if checked_distrust == 0:
    problems.append("no NotBefore root was an anchor of a snapshot after its notice")
print("\n".join(problems[:10]))
sys.exit(1 if problems else 0)
PY
python3 "$T/check.py" "$SRC/microsoft-authroot-tsv-01c8329.txt" "$SRC/microsoft-deployment-notices.txt" \
  "$TR_SHARED_DATA/platform-stores/snapshots.json" "$TR_SOURCE_DIR/data/platforms/imported" "$T/list.json" "$T/shown" >"$T/check.txt" \
  && ok "independent check: every windows snapshot's anchors and NotBefore dates are the sources'" \
  || bad "independent check: $(head -5 "$T/check.txt")"

# A changed source row makes the check fail: DigiCert SMIME RSA4096 Root G5
# said to have Server Authentication.
sed 's/^\(90370D3E[0-9A-F]*\)\tClient Authentication, Secure Email\t/\1\tClient Authentication, Secure Email, Server Authentication\t/' \
  "$SRC/microsoft-authroot-tsv-01c8329.txt" >"$T/changed.txt"
cmp -s "$T/changed.txt" "$SRC/microsoft-authroot-tsv-01c8329.txt" && bad "the source row was not changed"
python3 "$T/check.py" "$T/changed.txt" "$SRC/microsoft-deployment-notices.txt" \
  "$TR_SHARED_DATA/platform-stores/snapshots.json" "$TR_SOURCE_DIR/data/platforms/imported" "$T/list.json" "$T/shown" >"$T/check.txt"
[[ $? -eq 1 ]] && grep -q "missing \['90370d3e" "$T/check.txt" \
  && ok "the check fails when the dump says DigiCert SMIME RSA4096 Root G5 has Server Authentication" \
  || bad "the check did not fail on a changed row: $(head -3 "$T/check.txt")"

# A second, older Microsoft source agrees: CCADB's Microsoft report as of
# about 2019 (tests/data/importer/ccadb-microsoft-real/, matching
# windows:2019-11-10 row for row). Its Included rows without "Server
# Authentication" are not anchors of windows:2019-11-10 as served; its
# Included rows with it that the snapshot's source trusts are anchors
# (3 rows without: BYTE Root Certification Authority 001, CISRCA1, AC Raíz
# Certicámara S.A. 2016; 29 with).
"$TRUSTREADY" store show windows:2019-11-10 --json >"$T/w2019.json" 2>/dev/null
python3 - "$TR_SOURCE_DIR/tests/data/importer/ccadb-microsoft-real/IncludedCACertificateReportForMSFTCSV-excerpt.csv" \
  "$T/w2019.json" "$TR_SHARED_DATA/platform-stores/snapshots.json" <<'PY' \
  && ok "CCADB's Microsoft report (2019 excerpt): server-auth anchors of windows:2019-11-10 follow its trust bits" \
  || bad "windows:2019-11-10 disagrees with CCADB's Microsoft report"
import csv, json, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["Microsoft Status"] == "Included"]
anchors = {a["sha256"] for a in json.load(open(sys.argv[2]))["anchors"] if not a["trust"]["distrusted"]}
src = [s for s in json.load(open(sys.argv[3])) if s["platform"] == "windows" and s["date"] == "2019-11-10"][0]
without = [r for r in rows if "Server Authentication" not in r["Microsoft Trust Bits"]]
with_sa = [r for r in rows if "Server Authentication" in r["Microsoft Trust Bits"] and r["SHA-256 Fingerprint"].lower() in src["trusted"]]
assert len(without) == 3 and len(with_sa) >= 20, (len(without), len(with_sa))
for r in without:
    assert r["SHA-256 Fingerprint"].lower() not in anchors, r["CA Common Name or Certificate Name"]
for r in with_sa:
    assert r["SHA-256 Fingerprint"].lower() in anchors, r["CA Common Name or Certificate Name"]
PY

[[ $fails -eq 0 ]]
