#!/usr/bin/env bash
# Terminal escapes (issue 17 item 6): names a stranger chose (a file name
# from an image tree, a certificate subject) reach the terminal escaped, in
# every text output, stdout and stderr, with and without colour; JSON stays
# valid and keeps the exact name. Env: TRUSTREADY, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
source "$(dirname "$0")/../lib/common.bash"
TR="$TRUSTREADY"
E=$'\x1b'
CSI=$'\xc2\x9b'
# no_raw NAME FILE: FILE holds no ESC byte and no C1 CSI, and shows \u001b.
no_raw() {
  if LC_ALL=C grep -q "$E" "$2" || LC_ALL=C grep -qF "$CSI" "$2"; then
    bad "$1: raw escape in output: $(od -c "$2" | grep -m1 '033')"
  elif ! grep -qF '\u001b' "$2"; then
    bad "$1: the escape is not shown as \\u001b: $(head -c 300 "$2")"
  else
    ok "$1"
  fi
}

# A certificate whose CN sets the window title and clears the screen, plus
# a C1 CSI (U+009B) that 8-bit terminals take as ESC [.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/k.pem" -out "$T/evil.pem" \
  -days 30 -utf8 -subj "/CN=Evil${E}]0;owned${E}\\${E}[2J${CSI}31mCA" >/dev/null 2>&1 || bad "openssl req"
"$TR" cert show "$T/evil.pem" >"$T/out" 2>&1
no_raw "cert show: subject escaped" "$T/out"
"$TR" store show "$T/evil.pem" >"$T/out" 2>&1
no_raw "store show: anchor name escaped" "$T/out"
grep -qF '\u009b31m' "$T/out" && ok "C1 CSI shown as \\u009b" || bad "C1 CSI not escaped: $(cat "$T/out")"

# The same store as JSON: valid, and the name is exactly the certificate's.
"$TR" store show "$T/evil.pem" --json >"$T/json" 2>&1
python3 - "$T/json" <<'PY' && ok "JSON valid, name intact" || bad "JSON: $(head -c 300 "$T/json")"
import json, sys
j = json.load(open(sys.argv[1]))
names = json.dumps(j)
assert "\\u001b]0;owned" in names and "\\u009b" in names, names[:300]
PY

# A file name from an image tree (a directory store) and a path in an error.
mkdir -p "$T/img/etc/ssl/certs"
openssl x509 -inform DER -in "$TR_SHARED_DATA/amazon-trust-services/AmazonRootCA1.cer" \
  -out "$T/img/etc/ssl/certs/root${E}[2J${E}]0;x${E}\\.pem"
"$TR" store show "$T/img/etc/ssl/certs/root${E}[2J${E}]0;x${E}\\.pem" >"$T/out" 2>&1
"$TR" store show "$T/img/etc/ssl/certs/missing${E}[31m.pem" >>"$T/out" 2>&1
no_raw "paths in output and errors escaped" "$T/out"
"$TR" store audit "$T/img/etc/ssl/certs" >"$T/out" 2>&1
! LC_ALL=C grep -q "$E" "$T/out" && ok "store audit of the tree: no raw escape" || bad "store audit: raw escape"

# On a terminal (script(1) gives us one): our colours stay, theirs do not.
if command -v script >/dev/null; then
  script -qec "$TR store show $T/evil.pem" /dev/null >"$T/tty" 2>&1
  if LC_ALL=C grep -q "${E}\]0;owned" "$T/tty" || LC_ALL=C grep -q "${E}\[2J" "$T/tty"; then
    bad "on a terminal: hostile sequence passed through"
  elif ! grep -qF '\u001b]0;owned' "$T/tty"; then
    bad "on a terminal: name not shown escaped: $(head -c 300 "$T/tty")"
  else
    ok "on a terminal: name escaped"
  fi
else
  echo "skip: no script(1) for a terminal"
fi
[[ $fails -eq 0 ]]
