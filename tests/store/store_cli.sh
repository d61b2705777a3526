#!/usr/bin/env bash
# `trustready store ...` end to end, with openssl, keytool and certutil as
# oracles where installed. Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
TR="$TRUSTREADY"
A="$TR_SHARED_DATA/amazon-trust-services"
source "$TR_SOURCE_DIR/tests/lib/common.bash"  # $T, $fails, ok, schema_matches
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
  if [[ "$2" != "$3" ]]; then fail "$1: exit $3, expected $2"; else ok "$1"; fi
}
count() {  # number of anchors `store show --json` reports
  "$TR" store show "$@" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["anchors"]))'
}
keytool_count() {  # keytool -list entry count
  keytool -list -keystore "$1" -storepass "$2" ${3:+-storetype "$3"} 2>/dev/null |
    sed -n 's/^Your keystore contains \([0-9]*\) entr.*/\1/p'
}
same() {  # same NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" && -n "$2" ]]; then ok "$1 ($2)"; else fail "$1: got '$3', expected '$2'"; fi
}
# A bad input: exit 2, exactly one line on stderr, naming the input.
bad() {  # bad NAME NEEDLE CMD...
  local name=$1 needle=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  if [[ $rc != 2 ]]; then fail "$name: exit $rc, expected 2"; return; fi
  if [[ $(wc -l <"$T/err") != 1 ]]; then fail "$name: stderr is not one line: $(cat "$T/err")"; return; fi
  if ! grep -qF -- "$needle" "$T/err"; then fail "$name: error does not name $needle: $(cat "$T/err")"; return; fi
  ok "$name"
}

# --- Debian's bundle and Java cacerts -------------------------------------
DEB=/etc/ssl/certs/ca-certificates.crt
if [[ -r $DEB ]]; then
  same "Debian bundle: anchors = certificates" "$(grep -c -- '-----BEGIN CERTIFICATE-----' "$DEB")" "$(count "$DEB")"
  same "system short name is the Debian bundle" "$(count "$DEB")" "$(count system)"
fi
JKS=/etc/ssl/certs/java/cacerts
if [[ -r $JKS ]] && command -v keytool >/dev/null; then
  same "Java cacerts: anchors = keytool -list" "$(keytool_count "$JKS" changeit)" "$(count "$JKS" --password changeit)"
  same "java short name" "$(keytool_count "$JKS" changeit)" "$(count java)"
  bad "Java cacerts, wrong password" "$JKS" "$TR" store show "$JKS" --password nope
fi
"$TR" store list --json >"$T/list.json"
check "store list --json" 0 $?
python3 - "$T/list.json" <<'PY' || fail "store list JSON"
import json, sys
d = json.load(open(sys.argv[1]))
names = [s["name"] for s in d["stores"]]
assert len(names) == len(set(names)), names
for s in d["stores"]:
    # issue 19 added error_kind, detail and severity beside error (null with it).
    assert set(s) == {"name", "format", "source", "description", "anchors", "error", "error_kind", "detail", "severity"}, s
    assert (s["anchors"] is None) != (s["error"] is None), s
    assert (s["error"] is None) == (s["error_kind"] is None) == (s["severity"] is None), s
PY

# --- exports read back by keytool, openssl rehash, and ourselves ------------
SRC=${DEB}
[[ -r $SRC ]] || { cat "$A"/AmazonRootCA?.cer >/dev/null; SRC="$A/AmazonRootCA1.cer"; }
N=$(count "$SRC")
"$TR" store export "$SRC" --format jks --out "$T/e.jks" >/dev/null
check "export jks" 0 $?
"$TR" store export "$SRC" --format pkcs12 --out "$T/e.p12" --password s3cret >/dev/null
check "export pkcs12" 0 $?
"$TR" store export "$SRC" --format pem --out "$T/e.pem" >/dev/null
check "export pem" 0 $?
if command -v keytool >/dev/null; then
  same "JKS export: keytool count" "$N" "$(keytool_count "$T/e.jks" changeit)"
  same "PKCS#12 export: keytool count" "$N" "$(keytool_count "$T/e.p12" s3cret PKCS12)"
fi
for f in e.jks e.pem; do
  "$TR" store diff "$SRC" "$T/$f" >/dev/null
  check "round trip $f: no difference" 0 $?
done
"$TR" store diff "$SRC" "$T/e.p12" --password s3cret >/dev/null
check "round trip e.p12: no difference" 0 $?

# Hashed directory: the same names `openssl rehash` gives, collisions
# included (Amazon Root CA 1 and its cross-signed twin share a subject).
mkdir "$T/mix"
cat "$A/AmazonRootCA1.cer" >"$T/mix/a.der"
{ openssl x509 -inform DER -in "$A/AmazonRootCA1.cer"; openssl x509 -inform DER -in "$A/rootca1.cer"
  openssl x509 -inform DER -in "$A/AmazonRootCA2.cer"; openssl x509 -inform DER -in "$A/rootca2.cer"
  cat "$SRC"; } >"$T/mix.pem"
"$TR" store export "$T/mix.pem" --format hashed-dir --out "$T/hd" >/dev/null
check "export hashed-dir" 0 $?
mkdir "$T/rh" && cp "$T"/hd/*.pem "$T/rh/" && openssl rehash "$T/rh" 2>/dev/null
links() { (cd "$1" && for f in [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*; do echo "$f -> $(readlink "$f")"; done); }
if diff <(links "$T/hd") <(links "$T/rh") >"$T/d"; then
  ok "hashed-dir names == openssl rehash ($(links "$T/hd" | wc -l) links)"
else
  fail "hashed-dir names differ from openssl rehash: $(head -5 "$T/d")"
fi
grep -q '\.1 -> ' <(links "$T/hd") && ok "hashed-dir has a .1 collision" || fail "no collision exercised"
"$TR" store diff "$T/mix.pem" "$T/hd" >/dev/null
check "round trip hashed-dir" 0 $?
bad "hashed-dir export into a non-empty directory" "$T/hd" "$TR" store export "$SRC" --format hashed-dir --out "$T/hd"

# Keystores written by Java itself: JKS, JCEKS and PKCS#12 from keytool.
if command -v keytool >/dev/null; then
  for type in JKS JCEKS PKCS12; do
    for n in 1 2 3; do
      keytool -importcert -noprompt -keystore "$T/kt.$type" -storetype $type -storepass kspass \
        -alias "root $n" -file "$A/AmazonRootCA$n.cer" >/dev/null 2>&1
    done
    same "keytool $type: anchors = keytool -list" "$(keytool_count "$T/kt.$type" kspass $type)" "$(count "$T/kt.$type" --password kspass)"
    "$TR" store show "$T/kt.$type" --json --password kspass >"$T/kt.json"
    grep -q '"source": "root 2"' "$T/kt.json" &&
      ok "keytool $type: aliases kept" || fail "keytool $type: aliases lost"
  done
  bad "keytool PKCS12, wrong password" "$T/kt.PKCS12" "$TR" store show "$T/kt.PKCS12" --password nope
fi

# Android-style files/ folder: old-hash names, text dump around the PEM.
mkdir "$T/android"
for n in 1 2 4; do
  h=$(openssl x509 -inform DER -in "$A/AmazonRootCA$n.cer" -noout -subject_hash_old)
  openssl x509 -inform DER -in "$A/AmazonRootCA$n.cer" -text -fingerprint >"$T/android/$h.0"
done
same "Android files/ folder" 3 "$(count "$T/android")"

# --- OpenSSL trust settings (TRUSTED CERTIFICATE) -------------------------
openssl x509 -inform DER -in "$A/AmazonRootCA3.cer" -addtrust serverAuth -addtrust clientAuth \
  -setalias "amazon three" -trustout >"$T/trusted.pem" 2>/dev/null
openssl x509 -inform DER -in "$A/AmazonRootCA4.cer" -addreject anyExtendedKeyUsage -trustout >>"$T/trusted.pem" 2>/dev/null
"$TR" store show "$T/trusted.pem" --json >"$T/t.json"
check "TRUSTED CERTIFICATE bundle" 0 $?
python3 - "$T/t.json" <<'PY' || fail "OpenSSL trust settings read"
import json, sys
a = json.load(open(sys.argv[1]))["anchors"]
assert a[0]["trust"]["purposes"] == ["server-auth", "client-auth"], a[0]["trust"]
assert a[0]["source"] == "amazon three", a[0]["source"]
assert a[1]["trust"]["distrusted"] is True, a[1]["trust"]
PY
# Our TRUSTED CERTIFICATE output is what OpenSSL reads back.
"$TR" store export "$T/trusted.pem" --format pem --out "$T/trusted2.pem" >/dev/null 2>&1
grep -A1 "Trusted Uses" <<<"$(openssl x509 -in "$T/trusted2.pem" -noout -text 2>/dev/null)" | grep -q "TLS Web Server Authentication, TLS Web Client Authentication" \
  && ok "openssl reads our trust settings" || fail "openssl does not read our trust settings"
"$TR" store diff "$T/trusted.pem" "$T/trusted2.pem" >/dev/null
check "round trip of trust settings" 0 $?

# --- certdata.txt ---------------------------------------------------------
CD="$TR_SOURCE_DIR/tests/data/store/certdata.txt"
"$TR" store audit "$CD" --json >"$T/audit.json"
python3 - "$T/audit.json" <<'PY' || fail "audit of certdata fixture"
import json, sys
d = json.load(open(sys.argv[1]))
ids = sorted({f["id"] for f in d["findings"]})
for want in ("DISTRUSTED", "DISTRUST_AFTER", "NO_PURPOSE"):
    assert want in ids, ids
PY
ok "certdata audit findings"

# --- bad inputs: exit 2, one line, naming the input -----------------------
head -c 3000 "$T/e.jks" >"$T/trunc.jks"
head -c 2000 "$T/e.p12" >"$T/trunc.p12"
: >"$T/empty.pem"
head -c 4096 /dev/urandom >"$T/junk.bin"
printf 'hello\n' >"$T/note.txt"
python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[100]^=0xff; open(sys.argv[2],'wb').write(b)" "$T/e.jks" "$T/corrupt.jks"
bad "truncated JKS" "$T/trunc.jks" "$TR" store show "$T/trunc.jks"
bad "corrupt JKS with password" "$T/corrupt.jks" "$TR" store show "$T/corrupt.jks" --password changeit
bad "truncated PKCS#12" "$T/trunc.p12" "$TR" store show "$T/trunc.p12" --password s3cret
bad "PKCS#12 wrong password" "$T/e.p12" "$TR" store show "$T/e.p12" --password wrong
bad "JKS wrong password" "$T/e.jks" "$TR" store show "$T/e.jks" --password wrong
bad "empty file" "$T/empty.pem" "$TR" store show "$T/empty.pem"
bad "junk file" "$T/junk.bin" "$TR" store show "$T/junk.bin"
bad "text file" "$T/note.txt" "$TR" store show "$T/note.txt"
bad "missing file" "$T/missing.pem" "$TR" store show "$T/missing.pem"
bad "export of a missing store" "$T/missing.pem" "$TR" store export "$T/missing.pem" --format pem --out "$T/x.pem"
mkdir "$T/locked" && cp "$A/AmazonRootCA1.cer" "$T/locked/" && chmod 000 "$T/locked"
if [[ $(id -u) == 0 ]]; then
  if command -v setpriv >/dev/null; then
    chmod 755 "$T"
    bad "unreadable directory" "$T/locked" setpriv --reuid=65534 --regid=65534 --clear-groups "$TR" store show "$T/locked"
  else
    echo "skip: unreadable directory (running as root without setpriv)"
  fi
else
  bad "unreadable directory" "$T/locked" "$TR" store show "$T/locked"
fi
chmod 755 "$T/locked"

# --- add / remove in place ------------------------------------------------
R1=$("$TR" cert show "$A/AmazonRootCA1.cer" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["sha256"])')
edit_suite() {  # edit_suite NAME STORE [--password P]
  local name=$1 store=$2; shift 2
  local before; before=$(count "$store" "$@")
  cp -a "$store" "$T/pristine"
  "$TR" store add "$store" "$A/AmazonRootCA1.cer" "$@" >/dev/null
  check "$name: add" 0 $?
  same "$name: one more anchor" "$((before + 1))" "$(count "$store" "$@")"
  # Files are rewritten, so the old contents are kept as FILE.bak;
  # directory adds only create files (removals are backed up below).
  if [[ -f $store ]]; then [[ -e "$store.bak" ]] && ok "$name: backup kept" || fail "$name: no backup"; fi
  "$TR" store add "$store" "$A/AmazonRootCA1.cer" "$@" >/dev/null
  same "$name: adding it again changes nothing" "$((before + 1))" "$(count "$store" "$@")"
  cp -a "$store" "$T/snapshot"
  bad "$name: add of a junk cert" "$T/junk.bin" "$TR" store add "$store" "$A/AmazonRootCA2.cer" "$T/junk.bin" "$@"
  bad "$name: add of a missing cert" "$T/nope.pem" "$TR" store add "$store" "$T/nope.pem" "$@"
  bad "$name: add of an empty cert file" "$T/empty.pem" "$TR" store add "$store" "$A/AmazonRootCA2.cer" "$T/empty.pem" "$@"
  bad "$name: add of a truncated cert" "$T/trunc.der" "$TR" store add "$store" "$T/trunc.der" "$@"
  bad "$name: add of a directory as a cert" "$T/locked" "$TR" store add "$store" "$T/locked" "$@"
  bad "$name: remove of an absent hash" "$store" "$TR" store remove "$store" "$(printf '0%.0s' {1..64})" "$@"
  bad "$name: remove of a malformed hash" "SHA256" "$TR" store remove "$store" "abc" "$@"
  if diff -r "$store" "$T/snapshot" >/dev/null; then ok "$name: unchanged after bad input"; else fail "$name: changed by bad input"; fi
  "$TR" store remove "$store" "$R1" "$@" >/dev/null
  check "$name: remove" 0 $?
  if [[ -d $store ]]; then
    ls "$store.bak"/*.pem >/dev/null 2>&1 && ok "$name: removed file kept in $store.bak" || fail "$name: no backup of removed file"
  fi
  same "$name: back to the original count" "$before" "$(count "$store" "$@")"
  "$TR" store diff "$store" "$T/pristine" "$@" >/dev/null
  check "$name: same anchors as before add+remove" 0 $?
  # PEM text and JKS entries are edited in place: add then remove gives
  # back the very same bytes.
  if [[ $name == pem || $name == jks ]]; then
    cmp -s "$store" "$T/pristine" && ok "$name: byte-identical after add+remove" || fail "$name: bytes differ after add+remove"
  fi
  rm -rf "$T/pristine" "$T/snapshot"
}
head -c 300 "$A/AmazonRootCA3.cer" >"$T/trunc.der"
"$TR" store export "$A/AmazonRootCA2.cer" --format pem --out "$T/edit.pem" >/dev/null
edit_suite "pem" "$T/edit.pem"
"$TR" store export "$A/AmazonRootCA2.cer" --format jks --out "$T/edit.jks" >/dev/null
edit_suite "jks" "$T/edit.jks"
if command -v keytool >/dev/null; then
  "$TR" store add "$T/edit.jks" "$A/AmazonRootCA3.cer" >/dev/null
  same "jks edit readable by keytool" "2" "$(keytool_count "$T/edit.jks" changeit)"
fi
bad "jks add with wrong password" "$T/edit.jks" "$TR" store add "$T/edit.jks" "$A/AmazonRootCA4.cer" --password wrong
"$TR" store export "$A/AmazonRootCA2.cer" --format pkcs12 --out "$T/edit.p12" --password pw >/dev/null
edit_suite "pkcs12" "$T/edit.p12" --password pw
"$TR" store export "$A/AmazonRootCA2.cer" --format hashed-dir --out "$T/edit.d" >/dev/null
edit_suite "hashed-dir" "$T/edit.d"
bad "certdata is read-only" "$CD" "$TR" store add "$CD" "$A/AmazonRootCA4.cer"
bad "pkcs12 add with wrong password" "$T/edit.p12" "$TR" store add "$T/edit.p12" "$A/AmazonRootCA4.cer" --password wrong
# A broken store under `store add`: refused, naming it, not one byte changed.
for broken in trunc.jks corrupt.jks trunc.p12 junk.bin empty.pem note.txt; do
  cp "$T/$broken" "$T/before"
  pwargs=()
  [[ $broken == *.jks ]] && pwargs=(--password changeit)
  [[ $broken == *.p12 ]] && pwargs=(--password s3cret)
  bad "add to a broken store ($broken)" "$T/$broken" "$TR" store add "$T/$broken" "$A/AmazonRootCA4.cer" "${pwargs[@]}"
  cmp -s "$T/$broken" "$T/before" && [[ ! -e "$T/$broken.bak" ]] && ok "$broken unchanged, no backup written" ||
    fail "$broken changed by a refused add"
done
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  chmod 000 "$T/locked"
  bad "add to an unreadable directory" "$T/locked" setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$TR" store add "$T/locked" "$A/AmazonRootCA4.cer"
  chmod 755 "$T/locked"
  [[ $(ls "$T/locked") == AmazonRootCA1.cer ]] && ok "unreadable directory unchanged" || fail "unreadable directory changed"
fi

# --- NSS database, when certutil is installed -----------------------------
if command -v certutil >/dev/null; then
  mkdir -p "$T/home/.pki/nssdb"
  certutil -N -d "sql:$T/home/.pki/nssdb" --empty-password 2>/dev/null
  certutil -A -d "sql:$T/home/.pki/nssdb" -n "amazon one" -t "C,," -i "$A/AmazonRootCA1.cer" 2>/dev/null
  certutil -A -d "sql:$T/home/.pki/nssdb" -n "amazon two" -t ",C," -i "$A/AmazonRootCA2.cer" 2>/dev/null
  HOME="$T/home" "$TR" store show nss --json >"$T/nss.json"
  check "NSS database" 0 $?
  python3 - "$T/nss.json" <<'PY' || fail "NSS trust flags"
import json, sys
a = {x["source"]: x["trust"]["purposes"] for x in json.load(open(sys.argv[1]))["anchors"]}
assert a == {"amazon one": ["server-auth"], "amazon two": ["email"]}, a
PY
fi

# --- JSON output against docs/schemas -------------------------------------
# (store-diff refers to store-show's definitions: schema_matches gives "$ref"
# the other schemas of docs/schemas.)
"$TR" store show "$SRC" --json >"$T/show.json"
"$TR" store diff "$SRC" "$CD" --json >"$T/diff.json"
S="$TR_SOURCE_DIR/docs/schemas"
schema_matches "store list --json" "$S/store-list.schema.json" "$T/list.json"
schema_matches "store show --json" "$S/store-show.schema.json" "$T/show.json"
schema_matches "store show --json (OpenSSL trust settings)" "$S/store-show.schema.json" "$T/t.json"
schema_matches "store diff --json" "$S/store-diff.schema.json" "$T/diff.json"
schema_matches "store audit --json" "$S/store-audit.schema.json" "$T/audit.json"
if [[ -f "$T/nss.json" ]]; then  # written when certutil is installed
  schema_matches "store show nss --json" "$S/store-show.schema.json" "$T/nss.json"
fi

echo "$fails failure(s)"
[[ $fails == 0 ]]
