#!/usr/bin/env bash
# `trustready check` and `trustready profiles` end to end: readiness of
# stores built from the real Amazon Trust Services PKI (openssl as oracle),
# this machine's own stores, JSON against docs/schemas, and bad input.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
A="$TR_SHARED_DATA/amazon-trust-services"
P="$TR_SOURCE_DIR/data/profiles/amazon-trust-services"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
expect_exit() {  # NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then bad "$1: exit $3, expected $2"; else ok "$1"; fi
}
AT=(--at 2026-01-01T00:00:00Z)

# The profile's certificates are the shared data's, byte for byte, and the
# Starfield Class 2 cross-certificate really is signed by that root.
for n in 1 2 3 4; do
  cmp -s <(openssl x509 -in "$P/roots/AmazonRootCA$n.pem" -outform der) "$A/AmazonRootCA$n.cer" \
    || bad "roots/AmazonRootCA$n.pem differs from the shared data"
  cmp -s <(openssl x509 -in "$P/cross/AmazonRootCA$n-by-SFSRootCAG2.pem" -outform der) "$A/rootca$n.cer" \
    || bad "cross/AmazonRootCA$n-by-SFSRootCAG2.pem differs from the shared data"
done
openssl verify -partial_chain -CAfile "$P/roots/StarfieldClass2CA.pem" "$P/cross/SFSRootCAG2-by-StarfieldClass2.pem" >/dev/null 2>&1 \
  && ok "Starfield Class 2 cross-certificate signature (openssl)" || bad "Starfield Class 2 cross-certificate does not verify"

# Oracle: openssl agrees that every issuing CA chains to SFS G2 alone through
# the cross-certificates, and to Class 2 alone through two of them.
cat "$P"/cross/*.pem >"$T/cross.pem"
for f in "$P"/issuing/*.pem; do
  openssl verify -x509_strict -attime 1767225600 -CAfile "$P/roots/SFSRootCAG2.pem" -untrusted "$T/cross.pem" "$f" >/dev/null 2>&1 \
    || bad "openssl: $(basename "$f") does not chain to SFS G2"
done

# A store with only Starfield Services Root CA - G2: ready (AWS's statement).
"$TRUSTREADY" check --store "$A/SFSRootCAG2.cer" "${AT[@]}" >"$T/sfs.txt" 2>&1
expect_exit "SFS G2 alone is ready" 0 $?
grep -q "through a cross-sign" "$T/sfs.txt" || bad "SFS G2 output does not say 'through a cross-sign'"
"$TRUSTREADY" check --store "$A/SFSRootCAG2.cer" "${AT[@]}" --json >"$T/sfs.json" 2>&1
expect_exit "SFS G2 alone is ready (json)" 0 $?
python3 - "$T/sfs.json" <<'PY' || bad "SFS G2 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ready"] and d["profile"] == "amazon-trust-services", d["ready"]
s = d["stores"][0]
assert s["ready"] and s["remediation"] == [], s
assert [h["via"] for h in s["hierarchies"]] == ["cross-sign"] * 4, s["hierarchies"]
assert all(h["valid_issuing_cas"] == 4 for h in s["hierarchies"])
present = {a["id"]: a["present"] for a in s["anchors_present"]}
assert present["starfield-services-root-ca-g2"] and not present["amazon-root-ca-1"], present
PY

# Only an unrelated root: not ready, the remediation names the Amazon roots.
"$TRUSTREADY" check --store "$TR_SOURCE_DIR/data/catalog/isrg/roots/ISRG-Root-X1.pem" "${AT[@]}" >"$T/isrg.txt" 2>&1
expect_exit "unrelated root is not ready" 1 $?
for n in 1 2 3 4; do
  grep -q "AmazonRootCA$n.pem" "$T/isrg.txt" || bad "remediation does not name AmazonRootCA$n.pem"
done
grep -q "trustready store add" "$T/isrg.txt" || bad "remediation for a PEM file is not 'trustready store add'"
grep -qi "custom domain" "$T/isrg.txt" || bad "the custom-domain alternative is missing"

# Only Amazon Root CA 3: not ready, and it says which hierarchies fail.
"$TRUSTREADY" check --store "$A/AmazonRootCA3.cer" "${AT[@]}" >"$T/r3.txt" 2>&1
expect_exit "Amazon Root CA 3 alone is not ready" 1 $?
for h in "RSA 2048" "RSA 4096" "ECDSA P-384"; do
  grep -q "\[FAIL\] $h" "$T/r3.txt" || bad "Root CA 3 output does not fail $h"
done
grep -q "\[ok\]   ECDSA P-256" "$T/r3.txt" || bad "Root CA 3 output does not pass ECDSA P-256"
grep -q "AmazonRootCA3.pem" "$T/r3.txt" && bad "remediation asks to add Root CA 3, which the store has"

# A JKS store: keytool remediation, readable with its password.
keytool -importcert -noprompt -alias r3 -file "$A/AmazonRootCA3.cer" -keystore "$T/k.jks" -storetype JKS -storepass secret12 >/dev/null 2>&1
"$TRUSTREADY" check --store "$T/k.jks" --password secret12 "${AT[@]}" >"$T/jks.txt" 2>&1
expect_exit "JKS with Root CA 3 only" 1 $?
grep -q "keytool -importcert -noprompt -alias amazonrootca1" "$T/jks.txt" || bad "JKS remediation is not keytool"
"$TRUSTREADY" check --store "$T/k.jks" --password wrong "${AT[@]}" >"$T/out" 2>"$T/err"
expect_exit "JKS with a wrong password" 2 $?

# Pins: pinning only Amazon Root CA 1 breaks the other hierarchies.
PIN1=sha256/$(openssl x509 -inform der -in "$A/AmazonRootCA1.cer" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
"$TRUSTREADY" check --store "$A/AmazonRootCA1.cer" --store "$A/SFSRootCAG2.cer" "${AT[@]}" --pin "$PIN1" --json >"$T/pin.json"
expect_exit "pin of Root CA 1 only" 1 $?
python3 - "$T/pin.json" <<'PY' || bad "pin JSON"
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["stores"]:
    assert s["pins_ok"] is False, s["store"]
    h = {x["id"]: x for x in s["hierarchies"]}
    assert h["rsa2048"]["pinned"] is True and h["rsa4096"]["pinned"] is False, h
PY
printf '# pins\n%s\n' "$PIN1" >"$T/pins.txt"
for n in 2 3 4; do
  echo "sha256/$(openssl x509 -inform der -in "$A/AmazonRootCA$n.cer" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)" >>"$T/pins.txt"
done
"$TRUSTREADY" check --store "$A/SFSRootCAG2.cer" "${AT[@]}" --pins "$T/pins.txt" >/dev/null
expect_exit "pins of all four Amazon roots" 0 $?

# Platform snapshots: the newest Android is ready; an old one that is not
# gets an upgrade remediation naming a version that is.
"$TRUSTREADY" check --store android:latest "${AT[@]}" >/dev/null
expect_exit "android:latest is ready" 0 $?
"$TRUSTREADY" check --store android:all "${AT[@]}" --json >"$T/android.json"
rc=$?
[[ $rc == 0 || $rc == 1 ]] && ok "android:all runs (exit $rc)" || bad "android:all exit $rc"
python3 - "$T/android.json" <<'PY' || bad "android:all JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["stores"]) > 40, len(d["stores"])
for s in d["stores"]:
    assert s["store"].startswith("android:"), s["store"]
    if not s["ready"]:
        assert any("upgrade the platform" in c for c in s["remediation"]), s
print("android snapshots not ready:", sum(1 for s in d["stores"] if not s["ready"]), "of", len(d["stores"]))
PY

# The lets-encrypt profile: R10 really is signed by ISRG Root X1, and Android
# is ready from the first version that ships ISRG Root X1 (7.1 in the data),
# older versions being told to upgrade to it.
LE="$TR_SOURCE_DIR/data/profiles/lets-encrypt"
openssl verify -partial_chain -CAfile "$LE/roots/ISRG-Root-X1.pem" "$LE/issuing/R10.pem" >/dev/null 2>&1 \
  && ok "R10 is signed by ISRG Root X1 (openssl)" || bad "R10 does not verify under ISRG Root X1"
"$TRUSTREADY" check --profile lets-encrypt --store android:all "${AT[@]}" --json >"$T/le.json"
expect_exit "lets-encrypt on android:all" 1 $?
python3 - "$T/le.json" <<'PY' || bad "lets-encrypt android JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["store"]: x for x in d["stores"]}
assert s["android:7.1"]["ready"] and not s["android:7.0"]["ready"], (s["android:7.1"]["ready"], s["android:7.0"]["ready"])
assert s["android:4.4"]["remediation"] == ["upgrade the platform: android:7.1 or later"], s["android:4.4"]["remediation"]
assert all(x["ready"] for n, x in s.items() if n >= "android:7.1" or n.startswith("android:1")), "a newer Android is not ready"
PY

# This machine: every discovered store is judged (system bundle, directory, Java).
"$TRUSTREADY" check --json >"$T/machine.json" 2>"$T/err"
rc=$?
[[ $rc == 0 || $rc == 1 ]] && ok "check on this machine (exit $rc)" || { bad "check on this machine: exit $rc"; cat "$T/err"; }
python3 - "$T/machine.json" <<'PY' || bad "machine JSON"
import json, sys
d = json.load(open(sys.argv[1]))
names = [s["store"] for s in d["stores"]]
for want in ("system", "system-dir"):
    assert want in names, names
import os
if os.path.exists("/etc/ssl/certs/java/cacerts"):
    assert "java" in names, names
s = {x["store"]: x for x in d["stores"]}
# Debian's Mozilla bundle holds the Amazon roots: the system bundle is ready.
assert s["system"]["ready"] is True, s["system"]["hierarchies"]
print("stores:", ", ".join(f'{x["store"]}={x["ready"]}' for x in d["stores"]))
PY
"$TRUSTREADY" check >"$T/machine.txt" 2>&1
grep -q "Verdict:" "$T/machine.txt" || bad "text output has no verdict"

# Profiles.
"$TRUSTREADY" profiles list >"$T/list.txt" || bad "profiles list"
grep -q "amazon-trust-services" "$T/list.txt" && grep -q "lets-encrypt" "$T/list.txt" || bad "profiles list does not show both built-in profiles"
"$TRUSTREADY" profiles list --json >"$T/profiles.json" || bad "profiles list --json"
"$TRUSTREADY" profiles show amazon-trust-services >"$T/show.txt" || bad "profiles show"
grep -q "Amazon RSA 2048 M01" "$T/show.txt" || bad "profiles show lacks the issuing CAs"
cat "$A/valid.rootca4.demo.amazontrust.com.cer" >"$T/c.der"
{ openssl x509 -inform der -in "$A/valid.rootca4.demo.amazontrust.com.cer"; openssl x509 -inform der -in "$A/e3m02.cer"; } >"$T/chain4.pem"
"$TRUSTREADY" profiles create --from "$T/chain4.pem" --out "$T/p4" >"$T/out" 2>"$T/err"
expect_exit "profiles create without the root" 2 $?
[[ $(wc -l <"$T/err") == 1 ]] && grep -q -- "--root" "$T/err" || bad "profiles create without root: $(cat "$T/err")"
"$TRUSTREADY" profiles create --from "$T/chain4.pem" --root "$A/AmazonRootCA4.cer" --out "$T/p4" --name ats-ec384 --json >"$T/p4.json"
expect_exit "profiles create" 0 $?
"$TRUSTREADY" check --profile "$T/p4" --store "$A/AmazonRootCA4.cer" "${AT[@]}" >/dev/null
expect_exit "built profile: Root CA 4 store ready" 0 $?
"$TRUSTREADY" check --profile "$T/p4" --store "$A/AmazonRootCA1.cer" "${AT[@]}" >/dev/null
expect_exit "built profile: Root CA 1 store not ready" 1 $?
# That profile has no cross-certificates: Android versions without Amazon
# Root CA 4 are not ready, and are told the first Android version that is.
"$TRUSTREADY" check --profile "$T/p4" --store android:all "${AT[@]}" --json >"$T/android4.json"
expect_exit "built profile on android:all" 1 $?
python3 - "$T/android4.json" <<'PY' || bad "upgrade advice for old Android"
import json, sys
d = json.load(open(sys.argv[1]))
stores = d["stores"]
nr = [s for s in stores if not s["ready"]]
assert nr and len(nr) < len(stores), len(nr)
first_ready = next(s["store"] for s in stores if s["ready"])
for s in nr:
    assert any("upgrade the platform" in c for c in s["remediation"]), s["remediation"]
assert any(first_ready + " or later" in c for c in nr[0]["remediation"]), (first_ready, nr[0]["remediation"])
print("ok: oldest ready Android for Amazon Root CA 4 alone:", first_ready, "; not ready:", len(nr))
PY

# A chain file as target (offline): the Amazon demo leaf with its issuing CA.
"$TRUSTREADY" check "$T/chain4.pem" --host valid.rootca4.demo.amazontrust.com --at 2025-03-01T00:00:00Z \
  --store "$A/SFSRootCAG2.cer" >"$T/out" 2>&1
expect_exit "chain file without the cross-certificate, SFS-only store" 1 $?
openssl x509 -inform der -in "$A/rootca4.cer" >>"$T/chain4.pem"
"$TRUSTREADY" check "$T/chain4.pem" --host valid.rootca4.demo.amazontrust.com --at 2025-03-01T00:00:00Z \
  --store "$A/SFSRootCAG2.cer" --json >"$T/t.json" 2>&1
expect_exit "chain file with the cross-certificate, SFS-only store" 0 $?
python3 - "$T/t.json" <<'PY' || bad "chain-file target JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["targets"][0]
assert t["trusted"] and not t["live"] and t["serves_profile"], t
assert t["profile_matches"] == ["Amazon ECDSA 384 M02 (ECDSA P-384 (Amazon Root CA 4))"], t["profile_matches"]
assert t["http_status"] is None
PY

# Bad input: exit 2, one line on stderr naming the input.
one_line_exit2() {  # NAME ARGS...
  local name=$1; shift
  "$TRUSTREADY" check "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  if [[ $rc != 2 ]]; then bad "$name: exit $rc, expected 2"; return; fi
  if [[ $(wc -l <"$T/err") != 1 ]]; then bad "$name: stderr is not one line: $(cat "$T/err")"; return; fi
  if [[ -s "$T/out" ]]; then bad "$name: printed on stdout"; return; fi
  ok "$name: $(cat "$T/err")"
}
printf 'junk' >"$T/junk.pem"
: >"$T/empty.pem"
one_line_exit2 "unknown profile" --profile no-such-profile --store "$A/SFSRootCAG2.cer"
one_line_exit2 "missing store file" --store "$T/missing.pem"
one_line_exit2 "junk store file" --store "$T/junk.pem"
one_line_exit2 "empty store file" --store "$T/empty.pem"
one_line_exit2 "bad --at" --store "$A/SFSRootCAG2.cer" --at yesterday
one_line_exit2 "bad --pin" --store "$A/SFSRootCAG2.cer" --pin sha1/abc
one_line_exit2 "missing --pins file" --store "$A/SFSRootCAG2.cer" --pins "$T/nope"
one_line_exit2 "junk target" "http://plain.example/" --store "$A/SFSRootCAG2.cer"
one_line_exit2 "junk chain file" "$T/junk.pem" --store "$A/SFSRootCAG2.cer"
mkdir "$T/badprofile" && echo '{"roots": []}' >"$T/badprofile/profile.json"
one_line_exit2 "broken profile" --profile "$T/badprofile" --store "$A/SFSRootCAG2.cer"

# JSON output against docs/schemas.
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 - "$TR_SOURCE_DIR/docs/schemas" "$T" <<'PY' || bad "JSON schema"
import json, sys, pathlib
import jsonschema
d, t = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for schema, out in [("check", "le.json"), ("check", "sfs.json"), ("check", "pin.json"), ("check", "android.json"),
                    ("check", "machine.json"), ("check", "t.json"), ("profiles", "profiles.json"),
                    ("profiles", "p4.json")]:
    s = json.loads((d / f"{schema}.schema.json").read_text())
    jsonschema.Draft202012Validator(s).validate(json.loads((t / out).read_text()))
print("ok: JSON matches docs/schemas/check and profiles")
PY
else
  echo "skip: JSON schema validation (python3 jsonschema not installed)"
fi

echo "failures: $fails"
[[ $fails == 0 ]]
