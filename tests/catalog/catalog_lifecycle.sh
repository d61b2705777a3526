#!/usr/bin/env bash
# Catalog lifecycle facts (operator.json "lifecycle"):
#  - `catalog show entrust` says Entrust Root Certification Authority expired
#    on 2026-11-27 (read from the certificate) and lists the distrusts with
#    their sources, unverified ones marked;
#  - `catalog lint` checks each fact: an "expired" date that is not the
#    certificate's notAfter, a "removed" root the platform's newest snapshot
#    still trusts, and a fact without source (nor "verified": false) fail.
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

cp -r "$TR_SOURCE_DIR/data" "$T/data"
python3 - "$T/data/catalog/entrust/operator.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for e in j["lifecycle"]:
    if e["event"] == "expired": e["date"] = "2026-11-28"
j["lifecycle"].append({"date": "2026-01-01", "event": "removed", "platform": "chrome",
                       "root": "db3517d1f6732a2d5ab97c533ec70779ee3270a62fb4ac4238372460e6f01e88", "source": "test"})
j["lifecycle"].append({"date": "2026-01-02", "event": "note"})
json.dump(j, open(sys.argv[1], "w"))
PY
TRUSTREADY_DATA="$T/data" "$TRUSTREADY" catalog lint > "$T/lint.txt" 2>&1
expect_exit "lint on wrong facts" 1 $?
grep -q "notAfter is 2026-11-27" "$T/lint.txt" && ok "wrong expiry caught" || bad "expiry: $(cat "$T/lint.txt")"
grep -q "says chrome removed" "$T/lint.txt" && ok "removal contradicted by the snapshot caught" || bad "removal: $(cat "$T/lint.txt")"
grep -q "no source" "$T/lint.txt" && ok "sourceless fact caught" || bad "source: $(cat "$T/lint.txt")"
[[ $fails -eq 0 ]]
