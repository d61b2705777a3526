#!/usr/bin/env bash
# catalog lint passes on the shipped catalog, fails (exit 1, naming the file)
# when a README disagrees with its certificates, and `catalog show amazon
# --markdown` reproduces the Amazon roots table with values computed by
# openssl from the Amazon certificates.
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"  # $T (removed on exit), schema_matches
tmp=$T

"$TRUSTREADY" catalog lint

"$TRUSTREADY" catalog show amazon --markdown > "$tmp/amazon.md"
for n in 1 2 3 4; do
  cer="$TR_SHARED_DATA/amazon-trust-services/AmazonRootCA$n.cer"
  hash=$(openssl x509 -inform der -in "$cer" -noout -hash)
  fp=$(openssl x509 -inform der -in "$cer" -noout -fingerprint -sha256 | cut -d= -f2)
  until=$(date -u -d "$(openssl x509 -inform der -in "$cer" -noout -enddate | cut -d= -f2)" +%F)
  row=$(grep -F "| Amazon Root CA $n |" "$tmp/amazon.md" | head -1)
  [[ "$row" == *"\`$hash.0\`"* ]] || { echo "row for Root CA $n lacks $hash.0: $row"; exit 1; }
  [[ "$row" == *"\`$fp\`"* ]] || { echo "row for Root CA $n lacks $fp: $row"; exit 1; }
  [[ "$row" == *"| $until |"* ]] || { echo "row for Root CA $n lacks $until: $row"; exit 1; }
done
grep -qF '| Amazon Root CA 1 | `ce5e74ef.0` | RSA 2048 | 2038-01-17 |' "$tmp/amazon.md"
grep -qF '| Amazon Root CA 2 | `6d41d539.0` | RSA 4096 | 2040-05-26 |' "$tmp/amazon.md"
grep -qF '| Amazon Root CA 3 | `8cb5ee0f.0` | ECC P-256 | 2040-05-26 |' "$tmp/amazon.md"
grep -qF '| Amazon Root CA 4 | `de6d66f3.0` | ECC P-384 | 2040-05-26 |' "$tmp/amazon.md"
# The shipped README is exactly this rendering.
cmp "$tmp/amazon.md" "$TR_SOURCE_DIR/data/catalog/amazon-trust-services/README.md"

# A README that disagrees with its certificate fails lint and names the file.
cp -r "$TR_SOURCE_DIR/data/catalog" "$tmp/catalog"
sed -i 's/`ce5e74ef.0`/`ce5e74ee.0`/' "$tmp/catalog/amazon-trust-services/README.md"
set +e
"$TRUSTREADY" catalog --catalog-dir "$tmp/catalog" lint > "$tmp/out" 2> "$tmp/err"
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "lint on a tampered README exited $rc"; exit 1; }
grep -q "amazon-trust-services/README.md: line" "$tmp/err"

# A root swapped under an unchanged README fails too.
cp -r "$TR_SOURCE_DIR/data/catalog" "$tmp/catalog2"
cp "$TR_SOURCE_DIR/data/catalog/isrg/roots/ISRG-Root-X2.pem" "$tmp/catalog2/amazon-trust-services/roots/Amazon-Root-CA-4.pem"
set +e
"$TRUSTREADY" catalog --catalog-dir "$tmp/catalog2" lint > /dev/null 2> "$tmp/err2"
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "lint on a swapped root exited $rc"; exit 1; }
grep -q "amazon-trust-services/operator.json: root \"Amazon Root CA 4\"" "$tmp/err2"
grep -q "amazon-trust-services/README.md" "$tmp/err2"

# which: a leaf with its intermediate names Amazon; a missing file is exit 2.
{ openssl x509 -inform der -in "$TR_SHARED_DATA/amazon-trust-services/valid.rootca3.demo.amazontrust.com.cer"
  for f in "$TR_SHARED_DATA"/amazon-trust-services/e2m0*.cer; do openssl x509 -inform der -in "$f"; done; } > "$tmp/leaf.pem"
"$TRUSTREADY" catalog which "$tmp/leaf.pem" --json > "$tmp/which.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["operator"]=="amazon-trust-services", d; assert d["root"]["name"]=="Amazon Root CA 3", d' "$tmp/which.json"
# The Starfield cross-signed Amazon Root CA 1 has Amazon's key: Amazon.
"$TRUSTREADY" catalog which "$TR_SHARED_DATA/amazon-trust-services/rootca1.cer" --json > "$tmp/cross.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["operator"], d["relation"]) == ("amazon-trust-services", "same-key"), d' "$tmp/cross.json"
# A self-signed certificate of nobody's: exit 1, operator null.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/k.pem" -out "$tmp/self.pem" \
  -days 2 -subj "/CN=Amazon Root CA 1/O=Amazon/C=US" 2> /dev/null
set +e
"$TRUSTREADY" catalog which "$tmp/self.pem" --json > "$tmp/none.json"
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "which on an impostor exited $rc"; exit 1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["operator"] is None, d' "$tmp/none.json"
# An impostor leaf "issued by" Amazon Root CA 1 (same issuer name, wrong key) is not Amazon's.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/l.key" -out "$tmp/l.csr" -subj "/CN=imp.test" 2> /dev/null
openssl x509 -req -in "$tmp/l.csr" -CA "$tmp/self.pem" -CAkey "$tmp/k.pem" -CAcreateserial -days 2 -out "$tmp/imp.pem" 2> /dev/null
set +e
"$TRUSTREADY" catalog which "$tmp/imp.pem" > /dev/null
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "which on a leaf signed by an impostor root exited $rc"; exit 1; }
set +e
"$TRUSTREADY" catalog which "$tmp/does-not-exist.pem" 2> "$tmp/err3"
rc=$?
set -e
[[ $rc -eq 2 ]] && grep -q "does-not-exist.pem" "$tmp/err3"
# Every root's OpenSSL hash file name agrees with openssl x509 -hash (the
# ".N" suffix numbers roots sharing a subject hash, as c_rehash does).
"$TRUSTREADY" catalog list --json > "$tmp/list.json"
for op in $(python3 -c 'import json,sys; print(" ".join(o["id"] for o in json.load(open(sys.argv[1]))["operators"]))' "$tmp/list.json"); do
  "$TRUSTREADY" catalog show "$op" --json > "$tmp/$op.json"
  python3 - "$tmp/$op.json" "$TR_SOURCE_DIR/data/catalog/$op" <<'PY'
import collections, json, subprocess, sys
d = json.load(open(sys.argv[1]))
seen = collections.Counter()
for r in d["roots"]:
    path = sys.argv[2] + "/" + r["file"]
    out = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-hash", "-fingerprint", "-sha256"],
                         capture_output=True, text=True, check=True).stdout.split()
    h, fp = out[0], out[-1]
    assert r["openssl_hash"] == f"{h}.{seen[h]}", (path, r["openssl_hash"], h)
    seen[h] += 1
    assert fp.split("=")[1].replace(":", "").lower() == r["sha256"], path
PY
done

# list --markdown: one row per operator of list --json, linking a README
# that exists, with the same root count.
"$TRUSTREADY" catalog list --markdown > "$tmp/list.md"
python3 - "$tmp/list.json" "$tmp/list.md" "$TR_SOURCE_DIR/data/catalog" <<'PY'
import json, os, re, sys
ops = json.load(open(sys.argv[1]))["operators"]
rows = [l for l in open(sys.argv[2]).read().splitlines() if l.startswith("| [")]
assert len(rows) == len(ops) == 12, (len(rows), len(ops))
for op, row in zip(ops, rows):
    m = re.match(r"\| \[(.+?)\]\(([^)]+)\) \| (.*) \| (.*) \| (\d+) \|$", row)
    assert m, row
    assert m.group(1) == op["operator"] and m.group(3) == op["legal_name"] and m.group(4) == op["headquarters"], row
    assert int(m.group(5)) == op["roots"], row
    assert os.path.isfile(os.path.join(sys.argv[3], m.group(2))), m.group(2)
PY

# JSON output matches the published schemas (when python3-jsonschema is there).
"$TRUSTREADY" platforms list --json > "$tmp/platforms.json"
S="$TR_SOURCE_DIR/docs/schemas"
schema_matches "catalog list --json" "$S/catalog.schema.json" "$tmp/list.json"
schema_matches "catalog show amazon-trust-services --json" "$S/catalog-show.schema.json" "$tmp/amazon-trust-services.json"
schema_matches "catalog which --json" "$S/catalog-which.schema.json" "$tmp/which.json"
schema_matches "platforms list --json" "$S/platforms.schema.json" "$tmp/platforms.json"
echo "catalog_lint: ok"
