#!/usr/bin/env bash
# OpenJDK 21 and 25 (GA) snapshots, rebuilt from jdk-17.0.2 and OpenJDK's
# cacerts changes: the shipped files are what scripts/rebuild_openjdk_snapshots.py
# writes; `platforms list --json` lists them; a real intermediate under
# Baltimore CyberTrust Root (removed by JDK-8303770) is trusted by java:21 and
# not by java:25, as openssl says it chains to Baltimore; a root added in 21
# (GTS Root R1, JDK-8307134) is an anchor of java:21 and not of java:17.0.2;
# `check --store java:25` and `plan` answer for them. The 21 update releases
# 21.0.1 and 21.0.2 (jdk-21 plus the roots each backported): counts, exactly
# the backported fingerprints added, ISRG Root X2 (JDK-8317374, 21.0.2) an
# anchor of java:21.0.2 only, java:21 still GA,
# `check`, `plan` and `data status` answer for them. OpenJDK 26 GA (jdk-25
# plus the four Sectigo roots of JDK-8359170, less the four AffirmTrust roots
# of JDK-8361212): count, exactly those eight changes, each fingerprint that of
# the real certificate in data/catalog, Sectigo's TLS roots anchors of java:26,
# AffirmTrust Commercial an anchor of java:25 and not of java:26, java:latest
# = jdk-26, `check`, `plan` and `data status` answer for it. jdk-25 (and so
# jdk-26's base) is, fingerprint by fingerprint, the mainline state of OpenJDK's
# VerifyCACerts.java at rhalade/jdk@30dc1ce less its two work-in-progress
# WISeKey entries. The 17 update release 17.0.14 (jdk-17.0.2 plus every change
# up to JDK-8341057): 112 roots, exactly those of openjdk/jdk17u@a948011's
# VerifyCACerts.java (COUNT 112), Baltimore and GlobalSign R46 anchors of it,
# `check` and `plan` answer for it. The 11 update release 11.0.26: exactly the
# 112 entries of openjdk/jdk11u@d769de6's VerifyCACerts.java (= jdk-17.0.14's
# roots), ISRG Root X2 and Baltimore anchors of it and Sectigo R46 not,
# `check` on real CA certificates READY/NOT READY as Java's own PKIX
# CertPathValidator (tests/catalog/PkixVerdict.java, over a JKS keytool reads)
# says for the same trust set; the copies tied to no release (jdk11u-dev@30727d5,
# jdk8u-dev@35aec74) equal the shipped sets they should; `java:11` and `java:8`
# stay unresolved, their one-line errors name what the line has, and the
# snapshot named there works when pasted.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
MS01="$TR_SOURCE_DIR/tests/data/openjdk/Microsoft-RSA-TLS-CA-01.pem"
BALTIMORE="$TR_SOURCE_DIR/data/catalog/digicert/roots/Baltimore-CyberTrust-Root.pem"
GTSR1="$TR_SOURCE_DIR/data/catalog/google-trust-services/roots/GTS-Root-R1-d947432a.pem"
AZ03="$TR_SOURCE_DIR/data/profiles/digicert-g2/issuing/Microsoft-Azure-RSA-TLS-Issuing-CA-03.pem"
AT=2024-06-01T00:00:00Z

python3 "$TR_SOURCE_DIR/scripts/rebuild_openjdk_snapshots.py" --check \
  && ok "imported/openjdk-{21,21.0.1,21.0.2,25,26}-rebuilt.json are the script's output" || bad "rebuilt snapshots differ from the script's output"

"$TRUSTREADY" platforms list --json >"$T/list.json" 2>/dev/null
python3 - "$T/list.json" <<'PY' && ok "platforms list --json: openjdk jdk-21 (96) and jdk-25 (109)" || bad "platforms list --json"
import json, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
assert snaps["openjdk:jdk-21"]["trusted"] == 96 and snaps["openjdk:jdk-21"]["date"] == "2023-09-19", snaps["openjdk:jdk-21"]
assert snaps["openjdk:jdk-25"]["trusted"] == 109 and snaps["openjdk:jdk-25"]["date"] == "2025-09-16", snaps["openjdk:jdk-25"]
assert snaps["openjdk:jdk-25"]["source"].startswith("openjdk (rebuilt from notes)") and "rebuilt from notes" in snaps["openjdk:jdk-25"]["source"]
PY

# openssl: the intermediate is Baltimore's (and GTS Root R1 is self-signed).
openssl verify -no-CApath -no-CAstore -x509_strict -attime "$(date -u -d $AT +%s)" -CAfile "$BALTIMORE" "$MS01" >/dev/null 2>&1 \
  && ok "openssl: Microsoft RSA TLS CA 01 -> Baltimore CyberTrust Root" || bad "openssl: Microsoft RSA TLS CA 01 not under Baltimore"
verdict() {  # STORE CERT: "trusted" or the store's first error code
  "$TRUSTREADY" verify --ca --at "$AT" --store "$1" --json "$2" >"$T/v.json" 2>/dev/null
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("trusted" if d["trusted"] else json.dumps(d["stores"][0]).split("\"code\": \"")[1].split("\"")[0] if "\"code\"" in json.dumps(d["stores"][0]) else "untrusted")' "$T/v.json" 2>/dev/null || echo "no-json"
}
for s in java:17.0.2 java:21; do
  v=$(verdict $s "$MS01"); [[ $v == trusted ]] && ok "$s trusts Microsoft RSA TLS CA 01 (Baltimore)" || bad "$s: $v for Microsoft RSA TLS CA 01"
done
v=$(verdict java:25 "$MS01"); [[ $v != trusted && $v != no-json ]] && ok "java:25 does not trust Microsoft RSA TLS CA 01 ($v)" || bad "java:25: $v for Microsoft RSA TLS CA 01"
v=$(verdict java:17.0.2 "$GTSR1"); [[ $v != trusted && $v != no-json ]] && ok "java:17.0.2 lacks GTS Root R1 ($v)" || bad "java:17.0.2: $v for GTS Root R1"
for s in java:21 java:25; do
  v=$(verdict $s "$GTSR1"); [[ $v == trusted ]] && ok "$s holds GTS Root R1" || bad "$s: $v for GTS Root R1"
done

# check --store java:21 / java:25 (default profile: Amazon Root CA 1-4 are in both).
for s in java:21 java:25; do
  "$TRUSTREADY" check --store $s >"$T/check.txt" 2>&1
  expect_exit "check --store $s READY" 0 $?
  grep -q "openjdk:jdk-${s#java:}" "$T/check.txt" && ok "check names openjdk:jdk-${s#java:}" || bad "check output lacks openjdk:jdk-${s#java:}"
done
# plan: the Baltimore chain breaks on jdk-25 only, the DigiCert G2 (Azure) one works on all three.
"$TRUSTREADY" plan --old "$MS01" --new "$AZ03" --platforms java:17.0.2,openjdk:jdk-21,openjdk:jdk-25 --at "$AT" --json >"$T/plan.json" 2>/dev/null
python3 - "$T/plan.json" <<'PY' && ok "plan: jdk-25 rows (old no, new yes)" || bad "plan JSON"
import json, sys
d = json.load(open(sys.argv[1]))
text = json.dumps(d)
assert "openjdk:jdk-25" in text and "openjdk:jdk-21" in text, "rows"
by = {r["snapshot"]: r for r in d["matrix"]}
r25, r21 = by["openjdk:jdk-25"], by["openjdk:jdk-21"]
assert not r25["old"] and r25["new"] and r25["new_detail"] == "DigiCert Global Root G2", r25
assert r21["old"] and r21["old_detail"] == "Baltimore CyberTrust Root" and r21["new"], r21
PY
# 21 update releases (imported/sources/openjdk-update-backports.txt).
ISRGX2="$TR_SOURCE_DIR/data/catalog/isrg/roots/ISRG-Root-X2.pem"
python3 - "$T/list.json" "$TR_SOURCE_DIR/data/platforms/imported" <<'PY' && ok "platforms list --json: jdk-21.0.1 (97, 2023-10-17), jdk-21.0.2 (106, 2024-01-16): jdk-21 plus exactly the backported roots" || bad "21.0.x snapshots"
import json, os, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
for name, n, date in (("openjdk:jdk-21.0.1", 97, "2023-10-17"), ("openjdk:jdk-21.0.2", 106, "2024-01-16")):
    s = snaps[name]
    assert s["trusted"] == n and s["date"] == date and s["blocked"] == 38, s
    assert s["source"].startswith("openjdk (rebuilt from notes): jdk-21"), s["source"]
load = lambda v: set(json.load(open(os.path.join(sys.argv[2], f"openjdk-{v}-rebuilt.json")))["trusted"])
ga, u1, u2 = load("21"), load("21.0.1"), load("21.0.2")
# SHA-256 as OpenJDK's VerifyCACerts.java asserts them for each alias.
certigna = {"d48d3d23eedb50a459e55197601c27774b9d7b18c94d5a059511a10250b93168"}  # certignarootca, JDK-8314960
rest = {
    "242b69742fcb1e5b2abf98898b94572187544e5b4d9911786573621f6a74b82c",  # teliarootcav2, JDK-8317373
    "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470",  # letsencryptisrgx2, JDK-8317374
    "26c56ad2208d1e9b152f66853bf4797cbeb7552c1f3f477251e8cb1ae7e797bf",  # digicertcseccrootg5, JDK-8318759
    "7353b6d6c2d6da4247773f3f07d075decb5134212bead0928ef1f46115260941",  # digicertcsrsarootg5
    "018e13f0772532cf809bd1b17281867283fc48c6e13be9c69812854a490c1b05",  # digicerttlseccrootg5
    "371a00dc0533b3721a7eeb40e8419e70799d2b0a0f2c1d80693165f7cec4ad75",  # digicerttlsrsarootg5
    "40f6af0346a99aa1cd1d555a4e9cce62c7f9634603ee406615833dc8c8d00367",  # emsignrootcag1, JDK-8319187
    "86a1ecba089c4a8d3bbe2734c612ba341d813e043cf9e8a862cd5c57a36bbe6b",  # emsigneccrootcag3
    "1aa0c2709e831bd6e3b5129a00ba41f7eeef020872f1e6504bf0f6c3f24f3af3",  # emsignrootcag2
}
assert u1 == ga | certigna, (u1 - ga, ga - u1)
assert u2 == u1 | rest, (u2 - u1, u1 - u2)
PY
python3 - "$TR_SOURCE_DIR/data/platforms/imported" <<'PY' && ok "jdk-21.0.2 is exactly the 106 roots of VerifyCACerts.java at openjdk/jdk@ce38002 (COUNT 106)" || bad "jdk-21.0.2 differs from VerifyCACerts.java at ce38002"
import json, os, sys
words = [w for line in open(os.path.join(sys.argv[1], "sources/openjdk-verifycacerts-ce38002.txt"))
         if not line.startswith("#") for w in line.split()]
want = {w.lower() for w in words}
assert len(words) == 106 and len(want) == 106, len(words)
got = {f[:16] for f in json.load(open(os.path.join(sys.argv[1], "openjdk-21.0.2-rebuilt.json")))["trusted"]}
assert got == want, (sorted(got - want), sorted(want - got))
PY
openssl x509 -in "$ISRGX2" -noout -fingerprint -sha256 | tr -d : | grep -qi 69729B8E15A86EFC177A57AFB7171DFC64ADD28C2FCA8CF1507E34453CCB1470 \
  && ok "ISRG-Root-X2.pem is the certificate VerifyCACerts names" || bad "ISRG-Root-X2.pem fingerprint"
for s in openjdk:jdk-21 java:21.0.1; do
  v=$(verdict $s "$ISRGX2"); [[ $v != trusted && $v != no-json ]] && ok "$s lacks ISRG Root X2 ($v)" || bad "$s: $v for ISRG Root X2"
done
for s in java:21.0.2 java:21 java:25; do
  v=$(verdict $s "$ISRGX2"); [[ $v == trusted ]] && ok "$s holds ISRG Root X2" || bad "$s: $v for ISRG Root X2"
done
# java:21 names the 21 update line (what a Java 21 user runs today), not
# 21 GA: the roots of jdk-21.0.2 and the policies of the newest 21 updates.
"$TRUSTREADY" check --store java:21 >"$T/check.txt" 2>&1
grep -q "^openjdk:jdk-21u  READY" "$T/check.txt" && grep -q "roots of openjdk:jdk-21.0.2 " "$T/check.txt" \
  && grep -q "CHUNGHWA_TLS" "$T/check.txt" \
  && ok "java:21 is the 21 update line (openjdk:jdk-21u: jdk-21.0.2's roots, CHUNGHWA_TLS ...)" || bad "java:21 is not openjdk:jdk-21u"
"$TRUSTREADY" check --store openjdk:jdk-21 >"$T/check.txt" 2>&1
grep -qE "^openjdk:jdk-21  READY" "$T/check.txt" && ok "openjdk:jdk-21 is 21 GA" || bad "openjdk:jdk-21 is not 21 GA"
"$TRUSTREADY" check --store java:21.0.2 >"$T/check.txt" 2>&1
expect_exit "check --store java:21.0.2 READY" 0 $?
grep -q "openjdk:jdk-21.0.2" "$T/check.txt" && ok "check names openjdk:jdk-21.0.2" || bad "check output lacks openjdk:jdk-21.0.2"
# plan: the Baltimore chain still works on 21.0.2 (JDK-8303770 is not in it).
"$TRUSTREADY" plan --old "$MS01" --new "$AZ03" --platforms java:21.0.1,java:21.0.2 --at "$AT" --json >"$T/plan.json" 2>/dev/null
python3 - "$T/plan.json" <<'PY' && ok "plan: jdk-21.0.1 and jdk-21.0.2 rows (old yes via Baltimore, new yes)" || bad "plan JSON (21.0.x)"
import json, sys
by = {r["snapshot"]: r for r in json.load(open(sys.argv[1]))["matrix"]}
for n in ("openjdk:jdk-21.0.1", "openjdk:jdk-21.0.2"):
    r = by[n]
    assert r["old"] and r["old_detail"] == "Baltimore CyberTrust Root" and r["new"], r
PY
# OpenJDK 26 GA (imported/sources/openjdk-cacerts-changes.txt, changes marked 26).
SECTIGO="$TR_SOURCE_DIR/data/catalog/sectigo/roots"
AFFIRM="$TR_SOURCE_DIR/data/catalog/entrust/roots"
fp_of() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f; }
{
  for f in Server-Authentication-Root-R46 Server-Authentication-Root-E46 Code-Signing-Root-R46 Code-Signing-Root-E46; do
    echo "add $(fp_of "$SECTIGO/Sectigo-Public-$f.pem") $f"
  done
  for f in Commercial Networking Premium Premium-ECC; do
    echo "remove $(fp_of "$AFFIRM/AffirmTrust-$f.pem") AffirmTrust-$f"
  done
} >"$T/pem26.txt"
python3 - "$T/list.json" "$TR_SOURCE_DIR/data/platforms/imported" "$T/pem26.txt" <<'PY' && ok "jdk-26 (109, 2026-03-17) = jdk-25 + the 4 Sectigo roots (JDK-8359170) - the 4 AffirmTrust roots (JDK-8361212), each the SHA-256 of the real certificate" || bad "jdk-26 snapshot"
import json, os, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
s = snaps["openjdk:jdk-26"]
assert s["trusted"] == 109 and s["date"] == "2026-03-17" and s["blocked"] == 38, s
assert s["source"].startswith("openjdk (rebuilt from notes)") and "JDK-8359170" in s["source"] and "JDK-8361212" in s["source"], s["source"]
assert "not checked against a VerifyCACerts.java COUNT" in s["source"], s["source"]
load = lambda v: set(json.load(open(os.path.join(sys.argv[2], f"openjdk-{v}-rebuilt.json")))["trusted"])
t25, t26 = load("25"), load("26")
pem = {"add": set(), "remove": set()}
for line in open(sys.argv[3]):
    action, fp, name = line.split()
    pem[action].add(fp)
assert len(pem["add"]) == 4 and len(pem["remove"]) == 4, pem
# The changes file names exactly these fingerprints for 26 (so each is a real certificate's).
changes = {"add": set(), "remove": set()}
for line in open(os.path.join(sys.argv[2], "sources/openjdk-cacerts-changes.txt")):
    if line.startswith("#") or not line.strip():
        continue
    bug, alias, action, first, fp = line.split()
    if first == "26":
        changes[action].add(fp.replace(":", "").lower())
        assert bug in ("8359170", "8361212"), bug
assert changes == pem, (changes, pem)
assert pem["add"].isdisjoint(t25) and pem["remove"] <= t25, "jdk-25 already has a Sectigo root or lacks an AffirmTrust one"
assert t26 == (t25 - pem["remove"]) | pem["add"], (sorted(t26 - t25), sorted(t25 - t26))
PY
for r in R46 E46; do
  v=$(verdict java:26 "$SECTIGO/Sectigo-Public-Server-Authentication-Root-$r.pem")
  [[ $v == trusted ]] && ok "java:26 holds Sectigo Public Server Authentication Root $r" || bad "java:26: $v for Sectigo $r"
done
v=$(verdict openjdk:jdk-25 "$AFFIRM/AffirmTrust-Commercial.pem"); [[ $v == trusted ]] && ok "openjdk:jdk-25 (GA) still holds AffirmTrust Commercial" || bad "java:25: $v for AffirmTrust Commercial"
v=$(verdict java:26 "$AFFIRM/AffirmTrust-Commercial.pem"); [[ $v != trusted && $v != no-json ]] && ok "java:26 does not hold AffirmTrust Commercial ($v)" || bad "java:26: $v for AffirmTrust Commercial"
"$TRUSTREADY" check --store java:26 >"$T/check.txt" 2>&1
expect_exit "check --store java:26 READY" 0 $?
grep -q "openjdk:jdk-26" "$T/check.txt" && ok "check names openjdk:jdk-26" || bad "check output lacks openjdk:jdk-26"
"$TRUSTREADY" check --store java:latest >"$T/check.txt" 2>&1
grep -q "^openjdk:jdk-26u  READY" "$T/check.txt" && ! grep -q "openjdk:jdk-25" "$T/check.txt" \
  && ok "java:latest is the 26 update line (openjdk:jdk-26u)" || bad "java:latest is not openjdk:jdk-26u"
"$TRUSTREADY" plan --old "$MS01" --new "$AZ03" --platforms openjdk:jdk-25,openjdk:jdk-26 --at "$AT" --json >"$T/plan.json" 2>/dev/null
python3 - "$T/plan.json" <<'PY' && ok "plan: jdk-26 row (old no: Baltimore gone; new yes via DigiCert Global Root G2)" || bad "plan JSON (26)"
import json, sys
by = {r["snapshot"]: r for r in json.load(open(sys.argv[1]))["matrix"]}
r = by["openjdk:jdk-26"]
assert not r["old"] and r["new"] and r["new_detail"] == "DigiCert Global Root G2", r
assert by["openjdk:jdk-25"]["new"], by["openjdk:jdk-25"]
PY
"$TRUSTREADY" data status --json >"$T/status.json" 2>/dev/null
python3 - "$T/status.json" <<'PY' && ok "data status: openjdk newest 2026-03-17 (jdk-26), 28 snapshots" || bad "data status (openjdk)"
import json, sys
s = {x["id"]: x for x in json.load(open(sys.argv[1]))["sources"]}["platforms/openjdk"]
assert s["date"] == "2026-03-17" and s["snapshots"] == 28, s
PY
# Cross-checks against OpenJDK's own VerifyCACerts.java (COUNT and fingerprints
# copied from the test; the transcriptions are imported/sources/openjdk-verifycacerts-*.txt).
python3 - "$TR_SOURCE_DIR/data/platforms/imported" <<'PY' && ok "jdk-25 = VerifyCACerts.java at rhalade/jdk@30dc1ce (COUNT 111) less its 2 WISeKey work-in-progress entries; jdk-26 = that - 4 AffirmTrust + 4 Sectigo" || bad "jdk-25/26 differ from VerifyCACerts.java at rhalade/jdk@30dc1ce"
import json, os, sys
d = sys.argv[1]
# rhalade/jdk@30dc1ce2af9350c83d585212c77c404781050dd8 test/jdk/sun/security/lib/cacerts/VerifyCACerts.java:
# "private static final int COUNT = 111;", @bug list ending "8303770 8350498 0000000".
COUNT = 111
rows = dict(l.split() for l in open(os.path.join(d, "sources/openjdk-verifycacerts-rhalade-30dc1ce.txt")) if not l.startswith("#"))
assert len(rows) == COUNT, len(rows)
# Two entries pinned with their full SHA-256 as that file asserts them.
assert rows["wisekeyglobalrootgbca"] == "6B9C08E86EB0F767"  # 6B:9C:08:E8:6E:B0:F7:67:CF:AD:65:CD:98:B6:21:49:...
assert rows["ssltlsrootrsa2022"] == "8FAF7D2E2CB4709B"
wip = {"wisekeyglobalrootgbca", "wisekeyglobalrootgcca"}
want = {p.lower() for a, p in rows.items() if a not in wip}
load = lambda v: json.load(open(os.path.join(d, f"openjdk-{v}-rebuilt.json")))["trusted"]
t25 = load("25")
assert len(t25) == COUNT - 2 == 109, len(t25)
assert {f[:16] for f in t25} == want, (sorted({f[:16] for f in t25} - want), sorted(want - {f[:16] for f in t25}))
assert "8faf7d2e2cb4709bb8e0b33666bf75a5dd45b5de480f8ea8d4bfe6bebc17f2ed" in t25  # ssltlsrootrsa2022, full SHA-256
affirm = {rows[a].lower() for a in ("affirmtrustcommercialca", "affirmtrustnetworkingca", "affirmtrustpremiumca", "affirmtrustpremiumeccca")}
sectigo = {"7bb647a62aeeac88", "c90f26f0fb1b4018", "7e76260ae69a55d3", "8f6371d8cc5aa7ca"}  # JDK-8359170 (openssl, from openjdk/jdk's files)
t26 = {f[:16] for f in load("26")}
assert t26 == (want - affirm) | sectigo, (sorted(t26 - ((want - affirm) | sectigo)), sorted(((want - affirm) | sectigo) - t26))
PY
python3 - "$T/list.json" "$TR_SOURCE_DIR/data/platforms/imported" <<'PY' && ok "jdk-17.0.14 (112, 2025-01-21) = VerifyCACerts.java at openjdk/jdk17u@a948011 (COUNT 112), = jdk-17.0.2 + the 24 roots added up to JDK-8341057 - SECOM RootCA1" || bad "jdk-17.0.14 snapshot"
import json, os, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
s = snaps["openjdk:jdk-17.0.14"]
assert s["trusted"] == 112 and s["date"] == "2025-01-21" and s["blocked"] == 38, s
assert s["source"].startswith("openjdk (rebuilt from notes): jdk-17.0.2 + ") and "JDK-8341057" in s["source"], s["source"]
d = sys.argv[2]
# openjdk/jdk17u@a9480111d9055e05c3e66211069c33d6aef6acd8 test/jdk/sun/security/lib/cacerts/VerifyCACerts.java:
# "private static final int COUNT = 112;", @bug list ending "8321408 8316138 8341057".
COUNT = 112
rows = dict(l.split() for l in open(os.path.join(d, "sources/openjdk-verifycacerts-jdk17u-a948011.txt")) if not l.startswith("#"))
assert len(rows) == COUNT, len(rows)
t = json.load(open(os.path.join(d, "openjdk-17.0.14-rebuilt.json")))["trusted"]
assert len(t) == COUNT and {f[:16] for f in t} == {p.lower() for p in rows.values()}
# Full SHA-256 as that VerifyCACerts.java asserts them.
for fp in ("16af57a9f676b0ab126095aa5ebadef22ab31119d644ac95cd4b93dbf3f26aeb",   # baltimorecybertrustca (removed only in 2025)
           "136335439334a7698016a0d324de72284e079d7b5220bb8fbd747816eebebaca",   # camerfirmachambersignca
           "4fa3126d8d3a11d1c4855a4f807cbad6cf919d3a5a88b03bea2c6372d93c40c9",   # globalsignr46 (JDK-8316138)
           "8faf7d2e2cb4709bb8e0b33666bf75a5dd45b5de480f8ea8d4bfe6bebc17f2ed"):  # ssltlsrootrsa2022 (JDK-8341057)
    assert fp in t, fp
# Against the older snapshot: the 17.0.2 roots, less SECOM RootCA1 (JDK-8295894), plus 24 added ones.
snap = json.load(open(os.path.join(d, "..", "snapshots.json")))
every = snap["certificates"] + snap.get("fingerprint_only", [])
base = [x for x in snap["snapshots"] if x["platform"] == "openjdk" and x["version"] == "jdk-17.0.2"][0]
b = {every[i] for i in base["trusted"]}
secom = "e75e72ed9f560eec6eb4800073a43fc3ad19195a392282017895974a99026b6c"  # secomscrootca1
assert secom in b and secom not in t
assert set(t) - b and len(set(t) - b) == 24 and b - set(t) == {secom}, (len(set(t) - b), b - set(t))
PY
GSR46="$TR_SOURCE_DIR/data/catalog/globalsign/roots/GlobalSign-Root-R46.pem"
openssl x509 -in "$GSR46" -noout -fingerprint -sha256 | tr -d : | grep -qi 4FA3126D8D3A11D1C4855A4F807CBAD6CF919D3A5A88B03BEA2C6372D93C40C9 \
  && ok "GlobalSign-Root-R46.pem is the certificate VerifyCACerts names globalsignr46" || bad "GlobalSign-Root-R46.pem fingerprint"
for s in java:17.0.2 java:21.0.2; do
  v=$(verdict $s "$GSR46"); [[ $v != trusted && $v != no-json ]] && ok "$s lacks GlobalSign Root R46 ($v)" || bad "$s: $v for GlobalSign Root R46"
done
for s in java:17.0.14 java:25; do
  v=$(verdict $s "$GSR46"); [[ $v == trusted ]] && ok "$s holds GlobalSign Root R46" || bad "$s: $v for GlobalSign Root R46"
done
v=$(verdict java:17.0.14 "$MS01"); [[ $v == trusted ]] && ok "java:17.0.14 still trusts Microsoft RSA TLS CA 01 (Baltimore)" || bad "java:17.0.14: $v for Microsoft RSA TLS CA 01"
"$TRUSTREADY" check --store java:17.0.14 >"$T/check.txt" 2>&1
expect_exit "check --store java:17.0.14 READY" 0 $?
grep -q "openjdk:jdk-17.0.14" "$T/check.txt" && ok "check names openjdk:jdk-17.0.14" || bad "check output lacks openjdk:jdk-17.0.14"
"$TRUSTREADY" plan --old "$MS01" --new "$AZ03" --platforms java:17.0.2,java:17.0.14,openjdk:jdk-25 --at "$AT" --json >"$T/plan.json" 2>/dev/null
python3 - "$T/plan.json" <<'PY' && ok "plan: jdk-17.0.14 row (old yes via Baltimore, new yes), jdk-25 old no" || bad "plan JSON (17.0.14)"
import json, sys
by = {r["snapshot"]: r for r in json.load(open(sys.argv[1]))["matrix"]}
r = by["openjdk:jdk-17.0.14"]
assert r["old"] and r["old_detail"] == "Baltimore CyberTrust Root" and r["new"], r
assert not by["openjdk:jdk-25"]["old"], by["openjdk:jdk-25"]
PY
# ---- OpenJDK 11.0.26 (imported/openjdk-11.0.26.json) and the copies tied to no release.
python3 - "$T/list.json" "$TR_SOURCE_DIR/data/platforms/imported" <<'PY' && ok "jdk-11.0.26 (112, 2025-01-21) = VerifyCACerts.java at openjdk/jdk11u@d769de6 (COUNT 112) = jdk-17.0.14's roots; jdk11u-dev@30727d5 (110) = that less SSL.com 2022; jdk8u-dev@35aec74 (109) = jdk-25" || bad "jdk-11.0.26 snapshot or the untied VerifyCACerts copies"
import json, os, sys
snaps = {s["name"]: s for s in json.load(open(sys.argv[1]))["snapshots"]}
s = snaps["openjdk:jdk-11.0.26"]
assert s["trusted"] == 112 and s["date"] == "2025-01-21" and s["blocked"] == 38, s
assert "openjdk/jdk11u@d769de67f91d7045e6f6a5d20220763d718073b2" in s["source"] and "COUNT 112" in s["source"], s["source"]
d = sys.argv[2]
def rows(name):
    out = {}
    for line in open(os.path.join(d, "sources", name)):
        if line.startswith("#") or not line.strip():
            continue
        alias, prefix = line.split()
        assert alias not in out, alias
        out[alias] = prefix.lower()
    return out
# openjdk/jdk11u@d769de67f91d7045e6f6a5d20220763d718073b2: "private static final int COUNT = 112;",
# @bug list ending "8321408 8316138 8341057".
r11 = rows("openjdk-verifycacerts-jdk11u-d769de6.txt")
assert len(r11) == 112, len(r11)
t11 = json.load(open(os.path.join(d, "openjdk-11.0.26.json")))["trusted"]
assert len(t11) == 112 and {f[:16] for f in t11} == set(r11.values()), sorted({f[:16] for f in t11} ^ set(r11.values()))
# Full SHA-256 as that file asserts them.
for fp in ("8faf7d2e2cb4709bb8e0b33666bf75a5dd45b5de480f8ea8d4bfe6bebc17f2ed",   # ssltlsrootrsa2022 (JDK-8341057)
           "16af57a9f676b0ab126095aa5ebadef22ab31119d644ac95cd4b93dbf3f26aeb",   # baltimorecybertrustca
           "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470"):  # letsencryptisrgx2
    assert fp in t11, fp
# Two repositories' copies, same roots: 11u's d769de6 and 17u's a948011.
t17 = json.load(open(os.path.join(d, "openjdk-17.0.14-rebuilt.json")))["trusted"]
assert set(t11) == set(t17)
# openjdk/jdk11u-dev@30727d5: COUNT = 110, @bug list ending "8321408 8316138".
rdev = rows("openjdk-verifycacerts-jdk11u-dev-30727d5.txt")
assert len(rdev) == 110 and set(rdev) == set(r11) - {"ssltlsrootecc2022", "ssltlsrootrsa2022"}, len(rdev)
assert set(rdev.values()) == {f[:16] for f in t11} - {r11["ssltlsrootecc2022"], r11["ssltlsrootrsa2022"]}
# openjdk/jdk8u-dev@35aec74: COUNT = 109, @bug list ending "8341057 8303770".
r8 = rows("openjdk-verifycacerts-jdk8u-dev-35aec74.txt")
assert len(r8) == 109 and set(r11) - set(r8) == {"baltimorecybertrustca", "camerfirmachambersignca", "camerfirmachamberscommerceca"}, len(r8)
t25 = json.load(open(os.path.join(d, "openjdk-25-rebuilt.json")))["trusted"]
assert set(r8.values()) == {f[:16] for f in t25}
PY
E7="$TR_SOURCE_DIR/data/profiles/lets-encrypt/issuing/E7.pem"
R46="$TR_SOURCE_DIR/data/catalog/sectigo/roots/Sectigo-Public-Server-Authentication-Root-R46.pem"
openssl verify -no-CApath -no-CAstore -x509_strict -attime "$(date -u -d $AT +%s)" -CAfile "$ISRGX2" "$E7" >/dev/null 2>&1 \
  && ok "openssl: Let's Encrypt E7 -> ISRG Root X2" || bad "openssl: E7 not under ISRG Root X2"
fp_of "$R46" | grep -qx 7bb647a62aeeac88bf257aa522d01ffea395e0ab45c73f93f65654ec38f25a06 \
  && ok "Sectigo R46 PEM is the JDK-8359170 root" || bad "Sectigo R46 PEM fingerprint"
# check on real CA certificates (exit 0 READY, 1 NOT READY), AIA off so nothing is fetched.
tr_check() {  # STORE CERT -> exit code of check
  "$TRUSTREADY" check "$2" --store "$1" --at "$AT" --no-aia >"$T/c.txt" 2>&1
}
tr_check java:11.0.26 "$E7"; expect_exit "check E7 (ISRG Root X2) --store java:11.0.26 READY" 0 $?
grep -q "openjdk:jdk-11.0.26" "$T/c.txt" && ok "check names openjdk:jdk-11.0.26" || bad "check output lacks openjdk:jdk-11.0.26"
tr_check java:11.0.2 "$E7"; expect_exit "check E7 --store java:11.0.2 NOT READY (ISRG Root X2 added by JDK-8317374)" 1 $?
tr_check java:11.0.26 "$MS01"; expect_exit "check Microsoft RSA TLS CA 01 (Baltimore) --store java:11.0.26 READY at $AT" 0 $?
tr_check java:11.0.26 "$R46"; expect_exit "check Sectigo R46 --store java:11.0.26 NOT READY (JDK-8359170 came later)" 1 $?
tr_check java:26 "$R46"; expect_exit "check Sectigo R46 --store java:26 READY" 0 $?
# Oracle: Java's own CertPathValidator over the same trust sets (keytool reads the exported JKS).
if command -v java >/dev/null && command -v keytool >/dev/null && java --list-modules 2>/dev/null | grep -q '^jdk.compiler'; then
  for s in 11.0.26 11.0.2 26; do
    "$TRUSTREADY" store export "java:$s" --format jks --out "$T/$s.jks" >/dev/null 2>&1 || bad "store export java:$s"
  done
  keytool -list -v -keystore "$T/11.0.26.jks" -storepass changeit 2>/dev/null | sed -n 's/^[[:space:]]*SHA256: //p' \
    | tr -d : | cut -c1-16 | tr A-F a-f | sort >"$T/kt.txt"
  grep -v '^#' "$TR_SOURCE_DIR/data/platforms/imported/sources/openjdk-verifycacerts-jdk11u-d769de6.txt" | awk '{print tolower($2)}' | sort >"$T/vc.txt"
  [[ $(wc -l <"$T/kt.txt") -eq 112 ]] && cmp -s "$T/kt.txt" "$T/vc.txt" \
    && ok "keytool: the java:11.0.26 JKS holds exactly VerifyCACerts' 112 fingerprints" || bad "keytool list of java:11.0.26 differs from VerifyCACerts"
  for s in 11.0.26 11.0.2 26; do
    java "$TR_SOURCE_DIR/tests/catalog/PkixVerdict.java" "$T/$s.jks" changeit "$(date -u -d $AT +%s)" "$E7" "$MS01" "$R46" \
      2>/dev/null | awk '{print $1}' >"$T/java.$s.txt"
    : >"$T/tr.$s.txt"
    for c in "$E7" "$MS01" "$R46"; do
      tr_check "java:$s" "$c"; [[ $? -eq 0 ]] && echo trusted >>"$T/tr.$s.txt" || echo untrusted >>"$T/tr.$s.txt"
    done
    [[ $(wc -l <"$T/java.$s.txt") -eq 3 ]] && cmp -s "$T/java.$s.txt" "$T/tr.$s.txt" \
      && ok "java:$s: check agrees with Java's CertPathValidator on E7, Microsoft RSA TLS CA 01, Sectigo R46 ($(paste -sd, "$T/java.$s.txt"))" \
      || bad "java:$s: Java says $(paste -sd, "$T/java.$s.txt"), check says $(paste -sd, "$T/tr.$s.txt")"
  done
  # The three stores disagree with each other on these certificates, so agreement is not trivial.
  ! cmp -s "$T/java.11.0.26.txt" "$T/java.11.0.2.txt" && ! cmp -s "$T/java.11.0.26.txt" "$T/java.26.txt" \
    && ok "Java's verdicts differ between 11.0.2, 11.0.26 and 26" || bad "Java's verdicts do not tell the stores apart"
else
  echo "skip: no java with jdk.compiler and keytool (Java oracle for java:11.0.26 not run)"
fi
# java:11 names the 11 update line: 11.0.26's roots with the policies of the
# newest 11 updates (CAMERFIRMA_TLS from 11.0.27, CHUNGHWA_TLS from 11.0.31),
# which 11.0.26 itself lacks.
"$TRUSTREADY" check --store java:11 >"$T/out.txt" 2>&1
expect_exit "check --store java:11 READY" 0 $?
grep -q "^openjdk:jdk-11u  READY" "$T/out.txt" && grep -q "roots of openjdk:jdk-11.0.26 " "$T/out.txt" \
  && grep -q "CAMERFIRMA_TLS, CHUNGHWA_TLS" "$T/out.txt" \
  && ok "java:11 is openjdk:jdk-11u (11.0.26's roots, CAMERFIRMA_TLS and CHUNGHWA_TLS)" || bad "java:11: $(grep jdk-11 "$T/out.txt" | cut -c1-200)"
# An 11 update without a snapshot: one line, exit 2, naming what the line has; a named snapshot works pasted.
"$TRUSTREADY" check --store java:11.0.5 >"$T/out.txt" 2>"$T/err.txt"
expect_exit "check --store java:11.0.5 is a usage error" 2 $?
[[ $(wc -l <"$T/err.txt") -eq 1 ]] && grep -q 'no snapshot "java:11.0.5".*its 11 line has openjdk:jdk-11.0.1, openjdk:jdk-11.0.2, openjdk:jdk-11.0.26, openjdk:jdk-11u' "$T/err.txt" \
  && ok "java:11.0.5 error names the 11 line's snapshots: $(cat "$T/err.txt")" || bad "java:11.0.5 error: $(cat "$T/err.txt")"
for named in openjdk:jdk-11.0.26 openjdk:jdk-11u; do
  "$TRUSTREADY" check --store "$named" >"$T/out.txt" 2>&1
  expect_exit "pasted --store $named READY" 0 $?
done
# java:8: the 8 update line stands on the 8u development state of jdk8u-dev@35aec74
# (109 roots = jdk-25's, checked above), never named a release, with every 8u policy.
"$TRUSTREADY" check --store java:8 >"$T/out.txt" 2>&1
expect_exit "check --store java:8 READY" 0 $?
grep -q "^openjdk:jdk-8u  READY" "$T/out.txt" && grep -q "roots of openjdk:jdk-8u-dev-35aec74 " "$T/out.txt" \
  && grep -q "SYMANTEC_TLS, ENTRUST_TLS, CAMERFIRMA_TLS, CHUNGHWA_TLS" "$T/out.txt" \
  && python3 -c 'import json,sys; s=[s for s in json.load(open(sys.argv[1]))["snapshots"] if s["name"]=="openjdk:jdk-8u-dev-35aec74"][0]; assert s["trusted"]==109 and "not a release" in s["source"], s' "$T/list.json" \
  && ok "java:8 is openjdk:jdk-8u (the 8u development state at 35aec74, every 8u policy)" || bad "java:8: $(grep jdk-8 "$T/out.txt" | cut -c1-240)"
"$TRUSTREADY" check --store java:9.0.4 >"$T/out.txt" 2>"$T/err.txt"
expect_exit "check --store java:9.0.4 is a usage error" 2 $?
[[ $(wc -l <"$T/err.txt") -eq 1 ]] && grep -q 'no snapshot "java:9.0.4".*no snapshot of its 9 line' "$T/err.txt" \
  && ok "java:9.0.4 error says no OpenJDK 9 snapshot exists" || bad "java:9.0.4 error: $(cat "$T/err.txt")"
# Oracle for the lines' distrust policies: every installed JDK's own
# java.security (jdk.security.caDistrustPolicies, continuation lines joined)
# names only policies that `java:FEATURE` applies, for the JDK's feature
# release. The GA snapshot of a line misses those its updates added.
jdks=0
for sec in /usr/lib/jvm/*/conf/security/java.security; do
  home=${sec%/conf/security/java.security}
  [[ -f $home/release ]] || continue
  ver=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release"); feature=${ver%%.*}
  pol=$(awk '/^jdk.security.caDistrustPolicies=/ {on = 1} on {print; if ($0 !~ /\\$/) exit}' "$sec" \
    | tr -d '\\\n ' | sed 's/^jdk.security.caDistrustPolicies=//')
  [[ -n $pol && -n $feature ]] || continue
  "$TRUSTREADY" check --store "java:$feature" --json >"$T/line.json" 2>/dev/null
  missing=""
  for p in ${pol//,/ }; do grep -q "$p" "$T/line.json" || missing+=" $p"; done
  [[ -z $missing ]] && ok "java:$feature applies every policy $home ($ver) enforces: $pol" \
    || bad "java:$feature lacks$missing that $home ($ver) enforces"
  jdks=$((jdks + 1))
  if [[ $feature == 25 ]]; then
    "$TRUSTREADY" check --store openjdk:jdk-25 --json >"$T/ga.json" 2>/dev/null
    [[ $pol == *CHUNGHWA_TLS* ]] && [[ $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len([1 for s in d["stores"] if "CHUNGHWA" in json.dumps(s)]))' "$T/ga.json") == 0 ]] \
      && ok "25 GA (openjdk:jdk-25) lacks CHUNGHWA_TLS, which $ver enforces: why java:25 is the line" || bad "openjdk:jdk-25 vs $ver"
  fi
done
[[ $jdks -gt 0 ]] || echo "skip: no installed JDK with a java.security (policy oracle not run)"
[[ $fails -eq 0 ]]
