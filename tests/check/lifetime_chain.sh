#!/usr/bin/env bash
# Issue 15 (CA/B Forum ballot SC-081) end to end: chains made by the
# openssl CLI (a root, a leaf signed for N days from now), judged by
# `trustready check FILE` and `check -` against the root as a PEM store.
# The oracle for the lifetime is openssl's own notBefore/notAfter: the test
# recomputes the BR Validity Period (notAfter - notBefore + 1 second, every
# started 86,400 s a day) and the limit in force at notBefore (398 days
# before 2026-03-15, 200 from then, 100 from 2027-03-15, 47 from
# 2029-03-15) and compares. A leaf over the limit under a private root is a
# warning: the verdict stays TRUSTED (exit 0). A root that expires before
# the renewed leaf would is warned about, in the text and in JSON.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/root.key" -out "$T/root.pem" \
  -subj "/O=trustready lifetime test/CN=Lifetime Test Root" -days 3650 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:leaf.example.com\n' >"$T/leaf.ext"

limit_at() {  # EPOCH -> the BR limit in days
  local t=$1
  if ((t >= $(date -u -d 2029-03-15 +%s))); then echo 47
  elif ((t >= $(date -u -d 2027-03-15 +%s))); then echo 100
  elif ((t >= $(date -u -d 2026-03-15 +%s))); then echo 200
  else echo 398; fi
}

for days in 47 199 200 398 399; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/leaf.key" -out "$T/leaf.csr" \
    -subj "/CN=leaf.example.com" 2>/dev/null
  openssl x509 -req -in "$T/leaf.csr" -CA "$T/root.pem" -CAkey "$T/root.key" -CAcreateserial -days "$days" \
    -extfile "$T/leaf.ext" -out "$T/leaf.pem" 2>/dev/null
  nb=$(date -u -d "$(openssl x509 -in "$T/leaf.pem" -noout -startdate | cut -d= -f2)" +%s)
  na=$(date -u -d "$(openssl x509 -in "$T/leaf.pem" -noout -enddate | cut -d= -f2)" +%s)
  want_days=$(( (na - nb + 1 + 86399) / 86400 ))
  want_limit=$(limit_at "$nb")
  want_within=$([[ $want_days -le $want_limit ]] && echo true || echo false)
  out=$("$TRUSTREADY" check "$T/leaf.pem" --store "$T/root.pem" --no-aia --json 2>/dev/null)
  rc=$?
  expect_exit "check -days $days (private root: a warning at most)" 0 "$rc"
  got=$(printf '%s' "$out" | python3 -c '
import json, sys
l = json.load(sys.stdin)["targets"][0]["lifetime"]
print(l["days"], l["limit_days"], str(l["within_limit"]).lower(), l["not_before"], l["not_after"])')
  want="$want_days $want_limit $want_within $(date -u -d @"$nb" +%Y-%m-%dT%H:%M:%SZ) $(date -u -d @"$na" +%Y-%m-%dT%H:%M:%SZ)"
  if [[ $got == "$want" ]]; then ok "-days $days: $got (openssl dates)"; else bad "-days $days: got '$got', openssl says '$want'"; fi
  # The text names the limit and says EXCEEDS exactly when the JSON does.
  text=$("$TRUSTREADY" check - --store "$T/root.pem" --no-aia <"$T/leaf.pem" 2>/dev/null)
  if [[ $want_within == false ]]; then
    [[ $text == *"limit $want_limit days"*"EXCEEDS the CA/B Forum limit"* ]] && ok "-days $days: text EXCEEDS" || bad "-days $days: text: $text"
  else
    [[ $text == *"limit $want_limit days"*": within"* ]] && ok "-days $days: text within" || bad "-days $days: text: $text"
  fi
  [[ $text == *"next renewal: due by $(date -u -d @"$na" +%Y-%m-%d), limit then $(limit_at "$na") days"* ]] &&
    ok "-days $days: next renewal's limit" || bad "-days $days: renewal line missing: $text"
done

# A root that expires before the renewal would be over: named, with its
# date as openssl reads it; the verdict stays TRUSTED.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/short.key" -out "$T/short.pem" \
  -subj "/O=trustready lifetime test/CN=Short Lived Root" -days 60 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/l2.key" -out "$T/l2.csr" -subj "/CN=leaf.example.com" 2>/dev/null
openssl x509 -req -in "$T/l2.csr" -CA "$T/short.pem" -CAkey "$T/short.key" -CAcreateserial -days 30 -extfile "$T/leaf.ext" \
  -out "$T/l2.pem" 2>/dev/null
root_end=$(date -u -d "$(openssl x509 -in "$T/short.pem" -noout -enddate | cut -d= -f2)" +%Y-%m-%d)
text=$("$TRUSTREADY" check "$T/l2.pem" --store "$T/short.pem" --no-aia 2>/dev/null); rc=$?
expect_exit "root expiring before the renewal (a warning)" 0 "$rc"
[[ $text == *"warning: Short Lived Root expires on $root_end, before a renewed leaf"* ]] && ok "root expiry warned ($root_end)" \
  || bad "root expiry not warned: $text"
kind=$("$TRUSTREADY" check "$T/l2.pem" --store "$T/short.pem" --no-aia --json 2>/dev/null |
  python3 -c 'import json,sys; w=json.load(sys.stdin)["targets"][0]["lifetime"]["root_warnings"]; print(w[0]["kind"], w[0]["date"], len(w))')
[[ $kind == "root_expires $root_end 1" ]] && ok "JSON root_warnings: $kind" || bad "JSON root_warnings: $kind"

echo "lifetime_chain: $fails failure(s)"
[[ $fails == 0 ]]
