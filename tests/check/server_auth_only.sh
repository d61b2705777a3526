#!/usr/bin/env bash
# `trustready check --server-auth-only` (issue 15) on real and made chains:
# - the four Amazon Trust Services demo chains (valid.rootcaN leaf + its
#   issuing CA, ../shared/data), judged against Amazon Root CA N at
#   2025-03-01: each certificate's EKU as check reports it must equal what
#   `openssl x509 -ext extendedKeyUsage` says (the oracle), and the exit
#   code must follow: 0 only when leaf and intermediate are serverAuth-only;
# - chains made with the openssl CLI: serverAuth-only leaf and intermediate
#   (exit 0, READY), the same leaf with clientAuth (exit 1, NOT READY while
#   still TRUSTED), and an mTLS client certificate (clientAuth only);
# - the flag without a target: one line naming it, exit 2.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
A="$TR_SHARED_DATA/amazon-trust-services"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# openssl's EKU of a PEM certificate, as trustready names them, comma-joined
# ("none" without the extension).
ossl_eku() {
  local ext
  ext=$(openssl x509 -in "$1" -noout -ext extendedKeyUsage 2>/dev/null | sed -n 2p | sed 's/^ *//')
  [[ -z $ext ]] && { echo none; return; }
  echo "$ext" | sed -e 's/TLS Web Server Authentication/serverAuth/g' -e 's/TLS Web Client Authentication/clientAuth/g' \
    -e 's/E-mail Protection/emailProtection/g' -e 's/Any Extended Key Usage/anyExtendedKeyUsage/g' -e 's/, /,/g'
}

declare -A CA_OF=([1]="r2m01 r2m02 r2m03 r2m04" [2]="r4m01 r4m02 r4m03 r4m04" [3]="e2m01 e2m02 e2m03 e2m04" [4]="e3m01 e3m02 e3m03 e3m04")
for n in 1 2 3 4; do
  openssl x509 -inform der -in "$A/valid.rootca$n.demo.amazontrust.com.cer" -out "$T/leaf$n.pem"
  issuer=$(openssl x509 -in "$T/leaf$n.pem" -noout -issuer -nameopt RFC2253)
  ca=""
  for c in ${CA_OF[$n]}; do
    openssl x509 -inform der -in "$A/$c.cer" -out "$T/$c.pem"
    [[ "subject=${issuer#issuer=}" == "$(openssl x509 -in "$T/$c.pem" -noout -subject -nameopt RFC2253)" ]] && ca=$c
  done
  [[ -n $ca ]] || { bad "no issuing CA found for valid.rootca$n"; continue; }
  cat "$T/leaf$n.pem" "$T/$ca.pem" >"$T/chain$n.pem"
  "$TRUSTREADY" check "$T/chain$n.pem" --store "$A/AmazonRootCA$n.cer" --at 2025-03-01T00:00:00Z --no-aia \
    --server-auth-only --json >"$T/out$n.json" 2>/dev/null
  rc=$?
  want_leaf=$(ossl_eku "$T/leaf$n.pem")
  want_ca=$(ossl_eku "$T/$ca.pem")
  got=$(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["targets"][0]
assert t["status"] == "trusted", t["status"]
c = t["server_auth_only"]["certificates"]
e = lambda x: "none" if x["eku"] is None else ",".join(x["eku"])
print(e(c[0]), e(c[1]), c[1]["role"], c[-1]["role"], str(t["server_auth_only"]["ready"]).lower())' "$T/out$n.json")
  want_ready=$([[ $want_leaf == serverAuth && $want_ca == serverAuth ]] && echo true || echo false)
  if [[ $got == "$want_leaf $want_ca intermediate root $want_ready" ]]; then
    ok "valid.rootca$n via $ca: $got (openssl agrees)"
  else
    bad "valid.rootca$n via $ca: trustready '$got', openssl '$want_leaf $want_ca intermediate root $want_ready'"
  fi
  expect_exit "valid.rootca$n --server-auth-only" "$([[ $want_ready == true ]] && echo 0 || echo 1)" "$rc"
done

# Made chains: root -> intermediate -> leaf with chosen EKUs.
mk() {  # NAME SUBJECT-CN CA? EKU ISSUER(-: self) -> NAME.pem, NAME.key
  local name=$1 cn=$2 ca=$3 eku=$4 issuer=$5
  {
    if [[ $ca == yes ]]; then echo "basicConstraints=critical,CA:TRUE"; echo "keyUsage=critical,keyCertSign,cRLSign"
    else echo "basicConstraints=critical,CA:FALSE"; echo "keyUsage=critical,digitalSignature"; echo "subjectAltName=DNS:$cn"; fi
    [[ $eku != none ]] && echo "extendedKeyUsage=$eku"
  } >"$T/$name.ext"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/$name.key" -out "$T/$name.csr" -subj "/O=sa test/CN=$cn" 2>/dev/null
  if [[ $issuer == - ]]; then
    openssl x509 -req -in "$T/$name.csr" -signkey "$T/$name.key" -days 3650 -extfile "$T/$name.ext" -out "$T/$name.pem" 2>/dev/null
  else
    openssl x509 -req -in "$T/$name.csr" -CA "$T/$issuer.pem" -CAkey "$T/$issuer.key" -CAcreateserial -days "$([[ $ca == yes ]] && echo 3000 || echo 90)" \
      -extfile "$T/$name.ext" -out "$T/$name.pem" 2>/dev/null
  fi
}
mk root "SA Root" yes none -
mk ica "SA TLS Issuing CA" yes serverAuth root
mk good "www.example.com" no serverAuth ica
mk dual "api.example.com" no serverAuth,clientAuth ica
mk client "device-42" no clientAuth ica
for leaf in good dual client; do cat "$T/$leaf.pem" "$T/ica.pem" >"$T/$leaf.chain.pem"; done

out=$("$TRUSTREADY" check "$T/good.chain.pem" --store "$T/root.pem" --no-aia --server-auth-only 2>/dev/null); rc=$?
expect_exit "serverAuth-only leaf and intermediate" 0 "$rc"
[[ $out == *"server-auth-only: READY"* && $out == *"Verdict: TRUSTED, SERVER-AUTH-ONLY"* ]] && ok "good: READY" || bad "good: $out"

out=$("$TRUSTREADY" check "$T/dual.chain.pem" --store "$T/root.pem" --no-aia --server-auth-only 2>/dev/null); rc=$?
expect_exit "leaf with clientAuth" 1 "$rc"
[[ $out == *"TRUSTED by every store"* && $out == *"server-auth-only: NOT READY: the leaf is not serverAuth-only;"* &&
   $out == *"Verdict: NOT SERVER-AUTH-ONLY"* ]] && ok "dual: trusted, NOT READY" || bad "dual: $out"
# Without the flag the same chain is simply trusted.
"$TRUSTREADY" check "$T/dual.chain.pem" --store "$T/root.pem" --no-aia >/dev/null 2>&1
expect_exit "leaf with clientAuth, no flag" 0 $?

out=$("$TRUSTREADY" check "$T/client.chain.pem" --store "$T/root.pem" --no-aia --server-auth-only 2>/dev/null); rc=$?
expect_exit "client certificate" 1 "$rc"
[[ $out == *"a client certificate (clientAuth) from this hierarchy"* ]] && ok "client: named as mTLS" || bad "client: $out"

err=$("$TRUSTREADY" check --store "$T/root.pem" --server-auth-only 2>&1 >/dev/null); rc=$?
expect_exit "--server-auth-only without a target" 2 "$rc"
[[ $(printf '%s\n' "$err" | wc -l) -eq 1 && $err == *"--server-auth-only"* ]] && ok "one line: $err" || bad "error: $err"

echo "server_auth_only: $fails failure(s)"
[[ $fails == 0 ]]
