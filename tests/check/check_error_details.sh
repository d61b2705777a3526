#!/usr/bin/env bash
# `check --json` names each failure with its stable detail id
# (include/trustready/base/error_detail.h), next to the strings it always
# printed, on real bad inputs made by the real tools: a PEM bundle cut in
# its first certificate, a keytool JKS cut in half, a keytool JKS opened
# with the wrong password (keytool itself refuses that password too), the
# same failures in the stores a client really reads (--env), and a closed
# port on 127.0.0.1. Each id is in the store's entry and in `unknown`, and
# each document matches docs/schemas/check.schema.json.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="$TR_SHARED_DATA/amazon-trust-services"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
AT=(--at 2026-01-01T00:00:00Z)
SCHEMA="$TR_SOURCE_DIR/docs/schemas/check.schema.json"
schema_ok() { schema_matches "$1" "$SCHEMA" "$2"; }  # NAME JSON
# FIELD of the entry of LIST (stores or unknown) whose "store" is NAME, or
# of targets[INDEX]: jq-free, python3 only.
field() {  # JSON LIST KEY FIELD
  python3 - "$@" <<'PY'
import json, sys
doc, lst, key, fld = sys.argv[1:5]
d = json.load(open(doc))
items = d[lst]
hit = items[int(key)] if lst == "targets" else next((x for x in items if x["store"] == key), None)
print("MISSING" if hit is None else hit.get(fld, "ABSENT"))
PY
}
expect_field() {  # NAME JSON LIST KEY FIELD EXPECTED
  local got
  got=$(field "$2" "$3" "$4" "$5")
  [[ "$got" == "$6" ]] && ok "$1: $5 = $6" || bad "$1: $5 = '$got', expected '$6'"
}

# --- Real broken stores, made with openssl and keytool --------------------
for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3; do
  openssl x509 -inform der -in "$A/$c.cer" -out "$T/$c.pem" || bad "openssl could not convert $c"
done
cat "$T/AmazonRootCA1.pem" "$T/AmazonRootCA2.pem" >"$T/bundle.pem"
head -c 700 "$T/bundle.pem" >"$T/cut.pem"  # inside the first certificate
keytool -importcert -noprompt -alias r1 -file "$A/AmazonRootCA1.cer" -keystore "$T/ks.jks" -storetype JKS \
  -storepass s3cret-pw >/dev/null 2>&1 || bad "keytool could not write a JKS"
# Oracles: the cut bundle is no certificate to openssl, the password is not
# the keystore's to keytool.
openssl x509 -in "$T/cut.pem" -noout 2>/dev/null && bad "openssl reads the cut bundle" || ok "openssl refuses the cut bundle"
keytool -list -keystore "$T/ks.jks" -storepass wrong-pw >/dev/null 2>&1 && bad "keytool opens ks.jks with wrong-pw" \
  || ok "keytool refuses wrong-pw"
size=$(stat -c %s "$T/ks.jks")
head -c $((size / 2)) "$T/ks.jks" >"$T/cut.jks"

# A file tree whose system bundle and Java cacerts are both broken.
R="$T/tree"
mkdir -p "$R/etc/ssl/certs/java"
cp "$T/cut.pem" "$R/etc/ssl/certs/ca-certificates.crt"
cp "$T/cut.jks" "$R/etc/ssl/certs/java/cacerts"
"$TRUSTREADY" check --root "$R" "${AT[@]}" --json >"$T/tree.json" 2>"$T/err"
expect_exit "tree with broken stores" 1 $?
schema_ok "tree" "$T/tree.json"
expect_field "tree system" "$T/tree.json" stores system detail pem.end_missing
expect_field "tree system" "$T/tree.json" stores system error_kind FORMAT
expect_field "tree system" "$T/tree.json" stores system severity error
expect_field "tree java" "$T/tree.json" stores java detail jks.truncated
expect_field "tree unknown system" "$T/tree.json" unknown system detail pem.end_missing
expect_field "tree unknown java" "$T/tree.json" unknown java detail jks.truncated
expect_field "tree unknown java" "$T/tree.json" unknown java error_kind TRUNCATED
# The strings are the ones check always printed.
grep -q '"reason": ".*ca-certificates.crt: PEM block .CERTIFICATE. on line 1 has no END line' "$T/tree.json" \
  && ok "tree: reason unchanged" || bad "tree reason: $(grep reason "$T/tree.json")"

# An empty bundle: the file reader's id.
: >"$R/etc/ssl/certs/ca-certificates.crt"
"$TRUSTREADY" check --root "$R" "${AT[@]}" --json >"$T/empty.json" 2>"$T/err"
expect_field "empty bundle" "$T/empty.json" unknown system detail io.empty
expect_field "empty bundle" "$T/empty.json" unknown system error_kind IO

# --store with the wrong password: UNKNOWN, jks.password_wrong.
"$TRUSTREADY" check --store "$T/ks.jks" --password wrong-pw "${AT[@]}" --json >"$T/pw.json" 2>"$T/err"
expect_exit "wrong password" 1 $?
schema_ok "wrong password" "$T/pw.json"
expect_field "wrong password" "$T/pw.json" unknown "$T/ks.jks" detail jks.password_wrong
expect_field "wrong password" "$T/pw.json" unknown "$T/ks.jks" error_kind BAD_PASSWORD
expect_field "wrong password" "$T/pw.json" stores "$T/ks.jks" detail jks.password_wrong
# With keytool's password the same store is read (the id was about the password).
"$TRUSTREADY" check --store "$T/ks.jks" --password s3cret-pw "${AT[@]}" --json >"$T/pw-ok.json" 2>"$T/err"
expect_field "right password" "$T/pw-ok.json" stores "$T/ks.jks" detail ABSENT

# --- The stores clients really read (--env) -------------------------------
{
  echo "SSL_CERT_FILE=$T/cut.pem"
  echo "SSL_CERT_DIR=$T/no-such-dir"
  echo "REQUESTS_CA_BUNDLE=$T/cut.jks"
} >"$T/env"
"$TRUSTREADY" check --store "$T/AmazonRootCA1.pem" --env "$T/env" "${AT[@]}" --json >"$T/clients.json" 2>"$T/err"
schema_ok "client stores" "$T/clients.json"
python3 - "$T/clients.json" <<'PY' && ok "client stores: each UNKNOWN one has its id, in stores and in unknown" || bad "client stores: $(cat "$T/clients.json" | head -c 3000)"
import json, sys
d = json.load(open(sys.argv[1]))
by_client = {}
for s in d["stores"]:
    for u in s.get("used_by", []):
        by_client[u["client"]] = s
assert by_client["openssl"]["state"] == "unknown", by_client["openssl"]
assert by_client["openssl"]["detail"] == "pem.end_missing", by_client["openssl"]
assert by_client["python-requests"]["detail"] == "jks.truncated", by_client["python-requests"]
unknown = {u["store"]: u for u in d["unknown"]}
for c in ("openssl", "python-requests"):
    u = unknown[by_client[c]["store"]]
    assert u["detail"] == by_client[c]["detail"] and u["error_kind"] == by_client[c]["error_kind"], u
PY

# --- A closed port on 127.0.0.1 -------------------------------------------
CLOSED=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$TRUSTREADY" check "https://127.0.0.1:$CLOSED/" --store "$T/AmazonRootCA1.pem" "${AT[@]}" --timeout 3 --json >"$T/closed.json" 2>"$T/err"
expect_exit "closed port" 2 $?
schema_ok "closed port" "$T/closed.json"
expect_field "closed port" "$T/closed.json" targets 0 detail network.refused
expect_field "closed port" "$T/closed.json" targets 0 error_kind NETWORK
expect_field "closed port" "$T/closed.json" targets 0 severity error
expect_field "closed port" "$T/closed.json" targets 0 error "127.0.0.1:$CLOSED: cannot connect (127.0.0.1: Connection refused)"
# The text form is unchanged: no id in it.
NO_COLOR=1 "$TRUSTREADY" check "https://127.0.0.1:$CLOSED/" --store "$T/AmazonRootCA1.pem" "${AT[@]}" --timeout 3 >"$T/closed.txt" 2>&1
grep -q "network.refused" "$T/closed.txt" && bad "the text form names the id" || ok "text form without ids"

echo "failures: $fails"
[[ $fails == 0 ]]
