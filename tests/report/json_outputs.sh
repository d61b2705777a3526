#!/usr/bin/env bash
# The commands that gained --json in issue 19 (store export, store add,
# store remove, catalog lint, pki verify-cases), run for real: each document
# validates against its docs/schemas/ file (python3-jsonschema), says what
# the command did (checked against `store show --json` and the files
# written), and the exit code is the one the text form gives.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
TR="$TRUSTREADY"
A="$TR_SHARED_DATA/amazon-trust-services"
S="$TR_SOURCE_DIR/docs/schemas"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
count() { "$TR" store show "$@" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["anchors"]))'; }

for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3; do openssl x509 -inform der -in "$A/$c.cer" -out "$T/$c.pem"; done
cat "$T/AmazonRootCA1.pem" "$T/AmazonRootCA2.pem" > "$T/two.pem"

# store export --json
"$TR" store export "$T/two.pem" --format jks --out "$T/two.jks" --json > "$T/export.json"
expect_exit "store export --json" 0 $?
schema_matches "store export --json" "$S/store-export.schema.json" "$T/export.json"
[[ $(field "$T/export.json" written) == $(count "$T/two.jks" --password changeit) ]] \
  && ok "store export --json: written = the anchors store show finds in the JKS" \
  || bad "store export --json: $(cat "$T/export.json")"

# store add --json / store remove --json
cp "$T/two.pem" "$T/edit.pem"
"$TR" store add "$T/edit.pem" "$T/AmazonRootCA3.pem" "$T/AmazonRootCA1.pem" --json > "$T/add.json"
expect_exit "store add --json" 0 $?
schema_matches "store add --json" "$S/store-edit.schema.json" "$T/add.json"
[[ $(field "$T/add.json" after) == $(count "$T/edit.pem") && $(field "$T/add.json" after) == 3 ]] \
  && ok "store add --json: after = store show's count (3)" || bad "store add --json: $(cat "$T/add.json")"
sha=$(openssl x509 -in "$T/AmazonRootCA3.pem" -outform der | sha256sum | cut -d' ' -f1)
"$TR" store remove "$T/edit.pem" "$sha" --json > "$T/remove.json"
expect_exit "store remove --json" 0 $?
schema_matches "store remove --json" "$S/store-edit.schema.json" "$T/remove.json"
removed=$(python3 -c 'import json,sys; print(" ".join(c["sha256"] for c in json.load(open(sys.argv[1]))["removed"]))' "$T/remove.json")
[[ "$removed" == "$sha" && $(count "$T/edit.pem") == 2 ]] \
  && ok "store remove --json: names the removed root (openssl's SHA-256)" || bad "store remove --json: $(cat "$T/remove.json")"

# catalog lint --json: the shipped catalog has no problem (exit 0, ok true)
"$TR" catalog lint --json > "$T/lint.json"
rc=$?
schema_matches "catalog lint --json" "$S/catalog-lint.schema.json" "$T/lint.json"
[[ $rc == 0 && $(field "$T/lint.json" ok) == True ]] \
  && ok "catalog lint --json: exit 0 and ok" || bad "catalog lint --json (exit $rc): $(head -c 400 "$T/lint.json")"

# pki verify-cases --json, with the committed keys
mkdir -p "$T/cases" && cp -r "$TR_SOURCE_DIR/tests/data/verify/keys" "$T/cases/keys"
"$TR" pki verify-cases --out "$T/cases" --json > "$T/cases.json"
expect_exit "pki verify-cases --json" 0 $?
schema_matches "pki verify-cases --json" "$S/pki-verify-cases.schema.json" "$T/cases.json"
missing=$(python3 -c '
import json, os, sys
d = json.load(open(sys.argv[1]))
print(" ".join(c["dir"] for c in d["cases"] if not os.path.isfile(c["dir"] + "/case.json")))' "$T/cases.json")
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$T/cases.json")
[[ -z "$missing" && $n -ge 15 ]] && ok "pki verify-cases --json: every case folder named holds case.json ($n)" \
  || bad "pki verify-cases --json: missing: $missing"

[[ $fails -eq 0 ]]
