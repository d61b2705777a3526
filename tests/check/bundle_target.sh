#!/usr/bin/env bash
# Issue 13 ("stores recognised by content"): a bundle given as a target
# (`check bundle.pem`, the file being a trust store, not what a server
# sends) was judged as a 144-certificate "chain" and called TRUSTED because
# one of its roots is in the store. It is now named as a bundle (exit 2, the
# command to judge it as a store), from a file and from stdin; what a server
# really sends (leaf + issuer, an issuing CA with its root, an issuing CA
# alone) is still judged as a chain; and a chain given where a store is
# expected is named as a chain (the other direction).
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="${TR_SHARED_DATA:-$TR_SOURCE_DIR/../shared/data}/amazon-trust-services"
ROOTS="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
AT=(--at 2025-03-01T00:00:00Z)

cat "$ROOTS"/*.pem >"$T/bundle.pem"
n=$(grep -c "BEGIN CERTIFICATE" "$T/bundle.pem")
"$TRUSTREADY" check "$T/bundle.pem" --store "$T/bundle.pem" "${AT[@]}" >"$T/out" 2>"$T/err"
expect_exit "a bundle as a target" 2 $?
grep -q "bundle.pem: a bundle of $n CA certificates (a trust store, .*), not a server's chain (judge it as a store: \`trustready check --store $T/bundle.pem\`)" "$T/err" \
  && ok "named as a bundle, with the command to judge it" || { bad "bundle message"; cat "$T/err"; }
[[ ! -s "$T/out" ]] && ok "no verdict printed" || bad "a verdict was printed for a bundle"
"$TRUSTREADY" check --store "$T/bundle.pem" "${AT[@]}" >/dev/null 2>&1
expect_exit "the suggested command judges it as a store (ready)" 0 $?
"$TRUSTREADY" check - --store "$T/bundle.pem" "${AT[@]}" <"$T/bundle.pem" >/dev/null 2>"$T/err"
expect_exit "a bundle on stdin" 2 $?
grep -q "^trustready: -: a bundle of $n CA certificates" "$T/err" && ok "stdin bundle named" || { bad "stdin message"; cat "$T/err"; }
# The system bundle itself, when there is one.
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  "$TRUSTREADY" check /etc/ssl/certs/ca-certificates.crt --store "$T/bundle.pem" "${AT[@]}" >/dev/null 2>"$T/err"
  expect_exit "the system bundle as a target" 2 $?
fi

# What servers send is still a chain.
openssl x509 -inform der -in "$A/valid.rootca1.demo.amazontrust.com.cer" >"$T/leafchain.pem"
openssl x509 -inform der -in "$A/r2m03.cer" >>"$T/leafchain.pem"
"$TRUSTREADY" check "$T/leafchain.pem" --store "$T/bundle.pem" --host valid.rootca1.demo.amazontrust.com "${AT[@]}" >/dev/null 2>"$T/err"
expect_exit "leaf + issuer as a target: trusted" 0 $?
openssl x509 -inform der -in "$A/r2m03.cer" >"$T/ca-root.pem"; cat "$ROOTS/AmazonRootCA1.pem" >>"$T/ca-root.pem"
"$TRUSTREADY" check "$T/ca-root.pem" --store "$T/bundle.pem" "${AT[@]}" >/dev/null 2>"$T/err"
rc=$?; [[ $rc != 2 ]] && ok "issuing CA + its root as a target: judged (exit $rc)" || { bad "issuing CA + root refused"; cat "$T/err"; }
openssl x509 -inform der -in "$A/r2m03.cer" >"$T/ca.pem"
"$TRUSTREADY" check "$T/ca.pem" --store "$T/bundle.pem" "${AT[@]}" >/dev/null 2>"$T/err"
rc=$?; [[ $rc != 2 ]] && ok "an issuing CA alone as a target: judged (exit $rc)" || { bad "issuing CA refused"; cat "$T/err"; }

# A chain where a store is expected is named as a chain.
"$TRUSTREADY" check --store "$T/leafchain.pem" "${AT[@]}" >/dev/null 2>"$T/err"
expect_exit "--store a leaf and its issuer" 2 $?
grep -q "leafchain.pem: a certificate chain (.* and 1 issuer), not a trust store (check it as a target" "$T/err" \
  && ok "chain as a store named" || { bad "chain message"; cat "$T/err"; }

[[ $fails -eq 0 ]]
