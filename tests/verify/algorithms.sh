#!/usr/bin/env bash
# Every signature algorithm the verifier accepts, on chains that openssl
# generates here (root -> intermediate -> leaf), checked by `trustready
# verify` and by `openssl verify` as the oracle; and a tampered signature
# fails with BAD_SIGNATURE. Env: TRUSTREADY.
set -uo pipefail
: "${TRUSTREADY:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
cd "$T" || exit 1

keygen() {  # keygen NAME KIND
  case "$2" in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    pss) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" 2>/dev/null ;;
    p521) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out "$1.key" 2>/dev/null ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" 2>/dev/null ;;
  esac
}
sigopts() {  # extra signing options for KIND
  case "$1" in
    pss) echo "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256" ;;
    ed25519) echo "" ;;
    p384) echo "-sha384" ;;
    p521) echo "-sha512" ;;
    *) echo "-sha256" ;;
  esac
}
cat >ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:test.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

for kind in rsa pss p256 p384 p521 ed25519; do
  keygen "root-$kind" "$kind"; keygen "int-$kind" "$kind"; keygen "leaf-$kind" "$kind"
  # shellcheck disable=SC2046
  openssl req -x509 -new -key "root-$kind.key" -subj "/CN=Root $kind" -days 30 $(sigopts "$kind") \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "root-$kind.pem" 2>/dev/null
  openssl req -new -key "int-$kind.key" -subj "/CN=Int $kind" -out int.csr 2>/dev/null
  # shellcheck disable=SC2046
  openssl x509 -req -in int.csr -CA "root-$kind.pem" -CAkey "root-$kind.key" -CAcreateserial -days 30 \
    $(sigopts "$kind") -extfile ext.cnf -extensions ca -out "int-$kind.pem" 2>/dev/null
  openssl req -new -key "leaf-$kind.key" -subj "/CN=test.example" -out leaf.csr 2>/dev/null
  # shellcheck disable=SC2046
  openssl x509 -req -in leaf.csr -CA "int-$kind.pem" -CAkey "int-$kind.key" -CAcreateserial -days 30 \
    $(sigopts "$kind") -extfile ext.cnf -extensions leaf -out "leaf-$kind.pem" 2>/dev/null
  if ! openssl verify -CAfile "root-$kind.pem" -untrusted "int-$kind.pem" "leaf-$kind.pem" >/dev/null 2>&1; then
    echo "FAIL: $kind: openssl could not build its own test chain"; fails=$((fails + 1)); continue
  fi
  "$TRUSTREADY" verify "leaf-$kind.pem" -u "int-$kind.pem" -s "root-$kind.pem" --host test.example >out 2>&1
  rc=$?
  if [[ $rc -ne 0 ]]; then echo "FAIL: $kind: exit $rc"; cat out; fails=$((fails + 1)); else echo "ok: $kind"; fi

  # Flip one bit near the end of the leaf's signature.
  openssl x509 -in "leaf-$kind.pem" -outform DER -out leaf.der
  python3 - <<'PY'
b = bytearray(open("leaf.der", "rb").read())
b[-3] ^= 0x01
open("bad.der", "wb").write(bytes(b))
PY
  "$TRUSTREADY" verify bad.der -u "int-$kind.pem" -s "root-$kind.pem" --host test.example --json >out 2>&1
  rc=$?
  if [[ $rc -ne 1 ]] || ! grep -q '"BAD_SIGNATURE"' out; then
    echo "FAIL: $kind: tampered signature: exit $rc"; cat out; fails=$((fails + 1))
  else
    echo "ok: $kind tampered"
  fi
done

# SHA-1: refused on every signature a client checks (leaf, intermediate),
# accepted on the anchor's own self-signature, which no client checks.
# openssl verify at security level 1 (OpenSSL 3's default for TLS; Debian
# uses 2) is the oracle: without -auth_level it checks no digest strength.
sha1_case() {  # sha1_case NAME ROOT_MD INT_MD LEAF_MD EXPECTED_EXIT [CERT_INDEX]
  local name=$1 root_md=$2 int_md=$3 leaf_md=$4 want=$5 index=${6:-}
  openssl req -x509 -new -key root-rsa.key -subj "/CN=Root $name" -days 30 "-$root_md" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "root-$name.pem" 2>/dev/null
  openssl req -new -key int-rsa.key -subj "/CN=Int $name" -out int.csr 2>/dev/null
  openssl x509 -req -in int.csr -CA "root-$name.pem" -CAkey root-rsa.key -CAcreateserial -days 30 \
    "-$int_md" -extfile ext.cnf -extensions ca -out "int-$name.pem" 2>/dev/null
  openssl req -new -key leaf-rsa.key -subj "/CN=test.example" -out leaf.csr 2>/dev/null
  openssl x509 -req -in leaf.csr -CA "int-$name.pem" -CAkey int-rsa.key -CAcreateserial -days 30 \
    "-$leaf_md" -extfile ext.cnf -extensions leaf -out "leaf-$name.pem" 2>/dev/null
  local oracle=0
  openssl verify -auth_level 1 -CAfile "root-$name.pem" -untrusted "int-$name.pem" "leaf-$name.pem" \
    >/dev/null 2>&1 || oracle=1
  if [[ $oracle -ne $want ]]; then
    echo "FAIL: $name: openssl verify exit $oracle, the test expects $want"; fails=$((fails + 1)); return
  fi
  "$TRUSTREADY" verify "leaf-$name.pem" -u "int-$name.pem" -s "root-$name.pem" --host test.example --json >out 2>&1
  local rc=$?
  if [[ $rc -ne $want ]]; then
    echo "FAIL: $name: exit $rc, openssl says $oracle"; cat out; fails=$((fails + 1)); return
  fi
  if [[ -n $index ]] && ! python3 - "$index" <<'PY'
import json, sys
d = json.load(open("out"))
errs = [e for p in d["stores"][0]["paths"] for e in p["errors"]]
assert d["stores"][0]["error"]["code"] == "WEAK_SIGNATURE", d["stores"][0]["error"]
assert all(e["code"] == "WEAK_SIGNATURE" for e in errs), errs
assert {e["certificate"] for e in errs} == {int(sys.argv[1])}, errs
PY
  then
    echo "FAIL: $name: expected WEAK_SIGNATURE on certificate $index only"; cat out; fails=$((fails + 1)); return
  fi
  echo "ok: $name (exit $rc, as openssl)"
}
sha1_case sha1-root sha1 sha256 sha256 0
sha1_case sha1-intermediate sha256 sha1 sha256 1 1
sha1_case sha1-leaf sha256 sha256 sha1 1 0
[[ $fails -eq 0 ]]
