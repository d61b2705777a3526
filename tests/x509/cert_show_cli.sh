#!/usr/bin/env bash
# `trustready cert show` end to end: real certificates (DER, PEM bundles with
# text around the blocks, standard input) against openssl as the oracle, the
# JSON against docs/schemas/cert-show.schema.json, and bad inputs (missing,
# empty, truncated, junk, unreadable): exit 2 with one stderr line naming the
# input and nothing on stdout. Env: TRUSTREADY, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="$TR_SHARED_DATA/amazon-trust-services"
source "$TR_SOURCE_DIR/tests/lib/common.bash"  # $T, $fails, schema_matches
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
  if [[ "$2" != "$3" ]]; then fail "$1: exit $3, expected $2"; else echo "ok: $1"; fi
}

# Inputs: the four Amazon roots and a leaf (DER), one Mozilla root (PEM), and
# a PEM bundle with prose around and between its blocks.
ders=("$A"/AmazonRootCA{1,2,3,4}.cer "$A/valid.rootca3.demo.amazontrust.com.cer")
moz=$(ls /usr/share/ca-certificates/mozilla/*.crt | head -1)
{
  echo "A bundle with text around its blocks."
  for f in "$A"/r2m01.cer "$A"/e3m04.cer; do
    echo "# $(basename "$f")"
    openssl x509 -inform DER -in "$f"
  done
  echo "trailing words"
} >"$T/bundle.pem"

"$TRUSTREADY" cert show "${ders[@]}" "$moz" "$T/bundle.pem" >"$T/out.txt" 2>"$T/err"
check "cert show on DER, PEM and a bundle" 0 $?
[[ -s "$T/err" ]] && fail "stderr not empty on good input: $(head -2 "$T/err")"
for n in 1 2 3 4; do
  grep -q "Amazon Root CA $n" "$T/out.txt" || fail "text view lacks Amazon Root CA $n"
done

"$TRUSTREADY" cert show --json "${ders[@]}" "$moz" "$T/bundle.pem" >"$T/all.json"
check "cert show --json" 0 $?

# Standard input: DER and PEM.
"$TRUSTREADY" cert show --json - <"$A/AmazonRootCA3.cer" >"$T/stdin-der.json"
check "cert show - (DER on stdin)" 0 $?
"$TRUSTREADY" cert show --json - <"$T/bundle.pem" >"$T/stdin-pem.json"
check "cert show - (PEM bundle on stdin)" 0 $?
"$TRUSTREADY" cert show - <"$moz" >"$T/stdin.txt"
check "cert show - (text)" 0 $?
[[ -s "$T/stdin.txt" ]] || fail "cert show - printed nothing"

# Every JSON value the oracle also prints must agree with it.
python3 - "$T" "$moz" "${ders[@]}" <<'PY' || fail "JSON does not match openssl"
import json, subprocess, sys, pathlib
t = pathlib.Path(sys.argv[1]); moz = sys.argv[2]; ders = sys.argv[3:]
allj = json.loads((t / "all.json").read_text())
assert isinstance(allj, list), allj
# Input order: the DER files, the Mozilla root, then the bundle's two blocks.
assert len(allj) == len(ders) + 1 + 2, len(allj)
assert [o["file"] for o in allj] == ders + [moz] + [str(t / "bundle.pem")] * 2, [o["file"] for o in allj]

def oracle(path, form):
    out = subprocess.run(["openssl", "x509", "-noout", "-inform", form, "-in", path, "-serial",
                          "-hash", "-subject_hash_old", "-enddate", "-startdate",
                          "-fingerprint", "-sha256"], capture_output=True, text=True, check=True).stdout
    lines = out.split("\n")
    r = {"serial": lines[0].split("=", 1)[1].lower(), "subject_hash": lines[1],
         "subject_hash_old": lines[2]}
    r["sha256"] = [l for l in lines if "Fingerprint" in l][0].split("=", 1)[1].replace(":", "").lower()
    sha1 = subprocess.run(["openssl", "x509", "-noout", "-inform", form, "-in", path, "-fingerprint",
                           "-sha1"], capture_output=True, text=True, check=True).stdout
    r["sha1"] = sha1.strip().split("=", 1)[1].replace(":", "").lower()
    der = subprocess.run(["openssl", "x509", "-inform", form, "-in", path, "-pubkey", "-noout"],
                         capture_output=True, check=True).stdout
    spki = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=der,
                          capture_output=True, check=True).stdout
    import hashlib
    r["spki_sha256"] = hashlib.sha256(spki).hexdigest()
    return r

for obj, (path, form) in zip(allj, [(d, "DER") for d in ders] + [(moz, "PEM")]):
    want = oracle(path, form)
    for k, v in want.items():
        assert obj[k] == v, (path, k, obj[k], v)

# The published table of the Amazon roots (issue 2).
table = [("Amazon Root CA 1", "ce5e74ef", "RSA 2048", "2038-01-17", "8ecde688"),
         ("Amazon Root CA 2", "6d41d539", "RSA 4096", "2040-05-26", "1ba5b2aa"),
         ("Amazon Root CA 3", "8cb5ee0f", "ECC P-256", "2040-05-26", "18ce6cfe"),
         ("Amazon Root CA 4", "de6d66f3", "ECC P-384", "2040-05-26", "e35d2841")]
for obj, (name, h, key, until, sha) in zip(allj[:4], table):
    assert obj["name"] == name and obj["subject_hash"] == h and obj["key"] == key, obj
    assert obj["not_after"].startswith(until) and obj["sha256"].startswith(sha), obj
    assert obj["is_ca"] and obj["self_issued"] and obj["subject"] == obj["issuer"], obj

leaf = allj[4]
assert not leaf["is_ca"] and "valid.rootca3.demo.amazontrust.com" in leaf["san_dns"], leaf
assert leaf["key"] == "ECC P-256" and "serverAuth" in leaf["extended_key_usage"], leaf
assert leaf["sct_count"] == len(leaf["scts"]) and leaf["sct_count"] >= 2, leaf
ocsp = subprocess.run(["openssl", "x509", "-noout", "-inform", "DER", "-in", ders[4], "-ocsp_uri"],
                      capture_output=True, text=True, check=True).stdout.split()
assert leaf["ocsp"] == ocsp and len(leaf["ca_issuers"]) >= 1, (leaf, ocsp)

# Standard input reads the same certificates as the files.
sd = json.loads((t / "stdin-der.json").read_text())
assert len(sd) == 1 and sd[0]["sha256"] == allj[2]["sha256"] and sd[0]["file"] == "-", sd
sp = json.loads((t / "stdin-pem.json").read_text())
assert [o["sha256"] for o in sp] == [o["sha256"] for o in allj[-2:]], sp
print("ok: JSON agrees with openssl and the Amazon table")
PY

# JSON output against docs/schemas/cert-show.schema.json.
# (schema_matches checks the schema itself and, with a FormatChecker, its
# "format"s.)
"$TRUSTREADY" cert show --json /usr/share/ca-certificates/mozilla/*.crt "$A"/*.cer >"$T/big.json"
check "cert show --json on every Mozilla root and Amazon certificate" 0 $?
for out in all stdin-der stdin-pem big; do
  schema_matches "cert show --json ($out.json)" "$TR_SOURCE_DIR/docs/schemas/cert-show.schema.json" "$T/$out.json"
done
echo "($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/big.json") certificates in big.json)"

# Bad inputs: exit 2, exactly one stderr line that names the input, no stdout.
: >"$T/empty.pem"
head -c 400 "$A/AmazonRootCA1.cer" >"$T/truncated.der"
head -n 8 "$moz" >"$T/truncated.pem"          # BEGIN line, no END line
printf 'this is not a certificate\n' >"$T/junk.txt"
head -c 3000 /dev/urandom >"$T/random.bin"
# A well-formed DER structure that is not a certificate (an empty SEQUENCE).
printf '\x30\x00' >"$T/notcert.der"
# A PEM block whose base64 is a CRL, not a certificate.
openssl crl -inform DER -in "$A/r2m01.crl" >"$T/crl.pem"
mkdir "$T/dir"
bad_inputs=("$T/missing.pem" "$T/empty.pem" "$T/truncated.der" "$T/truncated.pem" "$T/junk.txt"
            "$T/random.bin" "$T/notcert.der" "$T/crl.pem" "$T/dir")
if [[ $(id -u) -ne 0 ]]; then
  cp "$A/AmazonRootCA1.cer" "$T/unreadable.der" && chmod 000 "$T/unreadable.der"
  bad_inputs+=("$T/unreadable.der")
fi
for bad in "${bad_inputs[@]}"; do
  for json in "" --json; do
    # The bad input after a good one: the whole command fails, naming it.
    "$TRUSTREADY" cert show $json "$A/AmazonRootCA1.cer" "$bad" >"$T/out" 2>"$T/err"
    rc=$?
    check "bad input $(basename "$bad") $json" 2 $rc
    [[ $(wc -l <"$T/err") -eq 1 ]] || fail "stderr is not one line for $(basename "$bad"): $(cat "$T/err")"
    grep -qF "$bad" "$T/err" || fail "stderr does not name $bad: $(cat "$T/err")"
    [[ -s "$T/out" ]] && fail "stdout not empty for $(basename "$bad")"
  done
done
# Bad input on standard input names it.
"$TRUSTREADY" cert show - <"$T/junk.txt" >"$T/out" 2>"$T/err"
check "junk on stdin" 2 $?
[[ $(wc -l <"$T/err") -eq 1 ]] && grep -q "stdin" "$T/err" || fail "stdin error is not one line naming stdin: $(cat "$T/err")"
"$TRUSTREADY" cert show - </dev/null >"$T/out" 2>"$T/err"
check "empty stdin" 2 $?
[[ $(wc -l <"$T/err") -eq 1 ]] || fail "empty stdin: stderr is not one line: $(cat "$T/err")"

[[ $fails -eq 0 ]]
