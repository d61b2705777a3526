#!/usr/bin/env bash
# Catalog lifecycle facts (operator.json "lifecycle"):
#  - `catalog show entrust` says Entrust Root Certification Authority expired
#    on 2026-11-27 (read from the certificate) and lists the distrusts with
#    their sources, unverified ones marked;
#  - `catalog lint` checks each fact: an "expired" date that is not the
#    certificate's notAfter, a "removed" root the platform's newest snapshot
#    still trusts, a "distrust_after" date other than behaviors.json's for
#    that root, a behaviors.json distrust of a catalog root without a fact,
#    and a fact without source (nor "verified": false) fail;
#  - Chunghwa Telecom and NetLock roots match openssl and their Chrome SCT
#    distrust (2025-07-31) is shown; the Entrust-to-Sectigo transition is a
#    fact of both operators and in their READMEs.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"

"$TRUSTREADY" catalog show entrust > "$T/show.txt" 2> /dev/null
grep -q "Entrust Root Certification Authority expired on 2026-11-27" "$T/show.txt" && ok "entrust expiry shown" \
  || bad "no expiry line: $(cat "$T/show.txt" | tail -20)"
grep -q "2024-11-11  Chrome 131" "$T/show.txt" && ok "chrome distrust listed" || bad "chrome distrust missing"
grep -q "\[unverified\]" "$T/show.txt" && ok "unverified facts marked" || bad "no unverified marker"
openssl x509 -in "$TR_SOURCE_DIR/data/catalog/entrust/roots/Entrust-Root-Certification-Authority.pem" -noout -enddate \
  | grep -q "Nov 27 .* 2026 GMT" && ok "openssl agrees on 2026-11-27" || bad "openssl enddate"
"$TRUSTREADY" catalog lint > /dev/null 2>&1
expect_exit "shipped catalog lints clean" 0 $?

# Apple's distrust of Entrust, AffirmTrust and two Camerfirma roots for
# certificates issued after 2024-11-15 (support.apple.com/121668): shown by
# the catalog and applied to the Apple snapshots from November 2024 on. A
# root judged as a CA stands for a leaf it would issue now: DISTRUSTED for
# apple:latest, trusted for the iOS 17 store (before the distrust).
grep -q "2024-11-15  Apple (iOS 18.2, macOS 15.2 and later): certificates issued after 2024-11-15 under Entrust Root Certification Authority - G2" "$T/show.txt" \
  && ok "catalog show entrust lists Apple's distrust with its source" || bad "Apple distrust missing from catalog show entrust"
grep -q "AffirmTrust Premium is applied as distrusted after 2024-11-15.*\[unverified\]\|\[unverified\].*AffirmTrust Premium is applied" "$T/show.txt" \
  && ok "the inferred AffirmTrust Premium fact is marked unverified" || bad "AffirmTrust Premium inference not marked: $(grep -n 'AffirmTrust Premium is' "$T/show.txt")"
G2="$TR_SOURCE_DIR/data/catalog/entrust/roots/Entrust-Root-Certification-Authority-G2.pem"
"$TRUSTREADY" verify --ca "$G2" --store apple:latest --purpose server > "$T/v.txt" 2>&1
rc=$?
[[ $rc -eq 1 ]] && grep -q "DISTRUSTED.*server certificates issued after 2024-11-15T23:59:59Z" "$T/v.txt" \
  && ok "apple:latest: Entrust G2 DISTRUSTED for certificates issued after 2024-11-15 (exit 1)" || bad "apple:latest Entrust G2: rc=$rc $(grep -m1 DISTRUSTED "$T/v.txt")"
"$TRUSTREADY" verify --ca "$G2" --store "apple:iOS 17, iPadOS 17, macOS 14, tvOS 17, and watchOS 10" --purpose server > "$T/v.txt" 2>&1
expect_exit "apple iOS 17 (before the distrust) trusts Entrust G2" 0 $?

# Chunghwa Telecom and NetLock (issue 15): the roots Chrome distrusts are
# real certificates (openssl's SHA-256 of the PEM equals the catalog's and
# the Chrome rule's in behaviors.json), and the catalog's distrust_after
# facts carry the rules' dates (Chrome SCT 2025-07-31, Java 2026-03-17).
"$TRUSTREADY" catalog list --json > "$T/list.json" 2> /dev/null
python3 -c 'import json,sys; ids=[o["id"] for o in json.load(open(sys.argv[1]))["operators"]]; assert len(ids)==12 and "chunghwa-telecom" in ids and "netlock" in ids, ids' "$T/list.json" \
  && ok "catalog list: 12 operators incl. chunghwa-telecom, netlock" || bad "catalog list: $(cat "$T/list.json")"
for op in chunghwa-telecom netlock; do
  "$TRUSTREADY" catalog show "$op" > "$T/$op.txt" 2> /dev/null || bad "catalog show $op"
  "$TRUSTREADY" catalog show "$op" --json > "$T/$op.json" 2> /dev/null || bad "catalog show $op --json"
  grep -q "^  2025-07-31  Chrome 139+: TLS certificates under .* earliest SCT is after 2025-07-31T23:59:59Z" "$T/$op.txt" \
    && ok "$op: Chrome SCT distrust date shown" || bad "$op: no Chrome 2025-07-31 line: $(tail -20 "$T/$op.txt")"
done
# The Entrust-to-Sectigo transition is a sourced fact in both operators,
# shown by `catalog show` and in the generated READMEs.
for op in entrust sectigo; do
  "$TRUSTREADY" catalog show "$op" 2> /dev/null | grep -q "^  2025-06-24  Sectigo and Entrust tell CCADB Public that Sectigo acquired Entrust's" \
    && ok "$op: Entrust-to-Sectigo transition shown" || bad "$op: no 2025-06-24 transition fact"
  grep -q "^| 2025-06-24 | transition_announced |" "$TR_SOURCE_DIR/data/catalog/$op/README.md" \
    && grep -q "^\*\*Transition:\*\* " "$TR_SOURCE_DIR/data/catalog/$op/README.md" \
    && ok "$op README: lifecycle table and transition note" || bad "$op README lacks the transition"
done
fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f; }
cat_dir="$TR_SOURCE_DIR/data/catalog"
[[ $(fp "$cat_dir/chunghwa-telecom/roots/ePKI-Root-Certification-Authority.pem") == c0a6f4dc63a24bfdcf54ef2a6a082a0a72de35803e2ff5ff527ae5d87206dfd5 ]] \
  && ok "openssl: ePKI Root Certification Authority" || bad "ePKI fingerprint"
[[ $(fp "$cat_dir/chunghwa-telecom/roots/HiPKI-Root-CA-G1.pem") == f015ce3cc239bfef064be9f1d2c417e1a0264a0a94be1f0c8d121864eb6949cc ]] \
  && ok "openssl: HiPKI Root CA - G1" || bad "HiPKI fingerprint"
[[ $(fp "$cat_dir/netlock/roots/NetLock-Arany-Class-Gold-F-tan-s-tv-ny.pem") == 6c61dac3a2def031506be036d2a6fe401994fbd13df9c8d466599274c446ec98 ]] \
  && ok "openssl: NetLock Arany (Class Gold)" || bad "NetLock Arany fingerprint"
for op in chunghwa-telecom netlock; do
  for pem in "$cat_dir/$op"/roots/*.pem; do
    f=$(fp "$pem")
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["sha256"]==sys.argv[2] and r["file"]=="roots/"+sys.argv[3] for r in d["roots"])' \
      "$T/$op.json" "$f" "$(basename "$pem")" || bad "$op: $(basename "$pem") sha256 $f not in catalog show --json"
  done
done
python3 - "$TR_SOURCE_DIR/data/platforms/behaviors.json" "$cat_dir" <<'PY' && ok "catalog distrust_after facts agree with behaviors.json (Chrome 2025-07-31, Java 2026-03-17)" || bad "catalog vs behaviors.json"
import json, sys
rules = [r for r in json.load(open(sys.argv[1]))["distrust_after"]
         if r["platform"] in ("chrome", "openjdk") and r.get("server_distrust_after", "")[:10] in ("2025-07-31", "2026-03-17")]
assert len(rules) == 2, rules
facts = []
for op in ("chunghwa-telecom", "netlock"):
    facts += [(e.get("platform"), e.get("root"), e["date"]) for e in json.load(open(f"{sys.argv[2]}/{op}/operator.json"))["lifecycle"]
              if e["event"] == "distrust_after"]
for r in rules:
    for root in r["roots"]:
        assert (r["platform"], root, r["server_distrust_after"][:10]) in facts, (r["platform"], root, facts)
PY

cp -r "$TR_SOURCE_DIR/data" "$T/data"
python3 - "$T/data/catalog/entrust/operator.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for e in j["lifecycle"]:
    if e["event"] == "expired": e["date"] = "2026-11-28"
j["lifecycle"].append({"date": "2026-01-02", "event": "note"})
json.dump(j, open(sys.argv[1], "w"))
PY
# A removal the newest Chrome snapshot contradicts (chrome:latest, version
# 36, still trusts ISRG Root X1; the Entrust roots are no longer in it).
python3 - "$T/data/catalog/isrg/operator.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j.setdefault("lifecycle", []).append({"date": "2026-01-01", "event": "removed", "platform": "chrome",
                                      "root": "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6", "source": "test"})
json.dump(j, open(sys.argv[1], "w"))
PY
python3 - "$T/data/catalog/chunghwa-telecom/operator.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for e in j["lifecycle"]:
    if e["event"] == "distrust_after" and e.get("root", "").startswith("f015ce3c"): e["date"] = "2025-08-01"
json.dump(j, open(sys.argv[1], "w"))
PY
TRUSTREADY_DATA="$T/data" "$TRUSTREADY" catalog lint > "$T/lint.txt" 2>&1
expect_exit "lint on wrong facts" 1 $?
grep -q "notAfter is 2026-11-27" "$T/lint.txt" && ok "wrong expiry caught" || bad "expiry: $(cat "$T/lint.txt")"
grep -q "says chrome removed" "$T/lint.txt" && ok "removal contradicted by the snapshot caught" || bad "removal: $(cat "$T/lint.txt")"
grep -q "no source" "$T/lint.txt" && ok "sourceless fact caught" || bad "source: $(cat "$T/lint.txt")"
grep -q "says chrome distrusts HiPKI Root CA - G1 after 2025-08-01, the platform data (behaviors.json) says 2025-07-31" "$T/lint.txt" \
  && ok "distrust date contradicting behaviors.json caught" || bad "distrust date: $(cat "$T/lint.txt")"
grep -q "no lifecycle fact for chrome's distrust of HiPKI Root CA - G1 after 2025-07-31" "$T/lint.txt" \
  && ok "modelled distrust without a catalog fact caught" || bad "missing fact: $(cat "$T/lint.txt")"
[[ $fails -eq 0 ]]
