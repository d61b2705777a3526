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
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
AT=(--at 2026-01-01T00:00:00Z)

# The profile's certificates are the shared data's, byte for byte, and the
# Starfield Class 2 cross-certificate really is signed by that root.
for n in 1 2 3 4; do
  cmp -s <(openssl x509 -in "$P/roots/AmazonRootCA$n.pem" -outform der) "$A/AmazonRootCA$n.cer" \
    || bad "roots/AmazonRootCA$n.pem differs from the shared data"
  cmp -s <(openssl x509 -in "$P/cross/AmazonRootCA$n-by-SFSRootCAG2.pem" -outform der) "$A/rootca$n.cer" \
    || bad "cross/AmazonRootCA$n-by-SFSRootCAG2.pem differs from the shared data"
done
openssl verify -no-CApath -no-CAstore -partial_chain -CAfile "$P/roots/StarfieldClass2CA.pem" "$P/cross/SFSRootCAG2-by-StarfieldClass2.pem" >/dev/null 2>&1 \
  && ok "Starfield Class 2 cross-certificate signature (openssl)" || bad "Starfield Class 2 cross-certificate does not verify"

# Oracle: openssl agrees that every issuing CA chains to SFS G2 alone through
# the cross-certificates, and to Class 2 alone through two of them.
cat "$P"/cross/*.pem >"$T/cross.pem"
for f in "$P"/issuing/*.pem; do
  openssl verify -no-CApath -no-CAstore -x509_strict -attime 1767225600 -CAfile "$P/roots/SFSRootCAG2.pem" -untrusted "$T/cross.pem" "$f" >/dev/null 2>&1 \
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
# A wrong password is not bad input but a store that could not be judged:
# UNKNOWN (issue 13), exit 1, with the reason and how to fix it.
"$TRUSTREADY" check --store "$T/k.jks" --password wrong "${AT[@]}" --json >"$T/wrongpw.json" 2>"$T/err"
expect_exit "JKS with a wrong password: unknown" 1 $?
python3 - "$T/wrongpw.json" "$T/k.jks" <<'PY' || bad "JKS with a wrong password JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ready"] is False and d["stores_ready"] is False, d["ready"]
s = d["stores"][0]
assert s["state"] == "unknown" and s["ready"] is False and "password" in s["error"], s
assert "--password" in s["fix"], s["fix"]
assert [u["store"] for u in d["unknown"]] == [sys.argv[2]], d["unknown"]
PY

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
        assert any("upgrade the platform" in c for c in s["advice"]) and s["remediation"] == [], s
print("android snapshots not ready:", sum(1 for s in d["stores"] if not s["ready"]), "of", len(d["stores"]))
PY

# The lets-encrypt profile. openssl is the oracle for the signatures: with
# -no-CApath -no-CAstore only the issuer given in -CAfile can match (without
# them `openssl verify` also searches the system store, which holds ISRG Root
# X1 and X2, and would pass whatever file -CAfile names).
LE="$TR_SOURCE_DIR/data/profiles/lets-encrypt"
X1="$LE/roots/ISRG-Root-X1.pem"
X2="$LE/roots/ISRG-Root-X2.pem"
signed_by() {  # ISSUER CERT: the signature of CERT verifies under ISSUER (any time)
  openssl verify -no-CApath -no-CAstore -partial_chain -no_check_time -CAfile "$1" "$2" >/dev/null 2>&1
}
for r in X1 X2; do
  cmp -s "$LE/roots/ISRG-Root-$r.pem" "$TR_SOURCE_DIR/data/catalog/isrg/roots/ISRG-Root-$r.pem" \
    || bad "lets-encrypt roots/ISRG-Root-$r.pem differs from data/catalog/isrg"
  openssl verify -no-CApath -no-CAstore -CAfile "$LE/roots/ISRG-Root-$r.pem" "$LE/roots/ISRG-Root-$r.pem" >/dev/null 2>&1 \
    || bad "ISRG Root $r is not a valid self-signed root (openssl)"
done
le_sigs=0
for f in "$LE"/issuing/R1?.pem "$LE"/issuing/E?-by-ISRGRootX1.pem "$LE"/cross/ISRGRootX2-by-ISRGRootX1-*.pem; do
  if signed_by "$X1" "$f"; then le_sigs=$((le_sigs + 1)); else bad "$(basename "$f") is not signed by ISRG Root X1 (openssl)"; fi
done
for f in "$LE"/issuing/E?.pem; do
  if signed_by "$X2" "$f"; then le_sigs=$((le_sigs + 1)); else bad "$(basename "$f") is not signed by ISRG Root X2 (openssl)"; fi
done
[[ $le_sigs == 17 ]] && ok "lets-encrypt: 17 signatures verify under their issuers (openssl)" || bad "lets-encrypt: $le_sigs of 17 signatures verify"
# The files are Let's Encrypt's published certificates (SHA-256 of the DER,
# as listed in the profile's README), and profile.json uses every one of them
# in the right place.
python3 - "$LE" "$TR_SOURCE_DIR/tests/lib" <<'PY' || bad "lets-encrypt files and fingerprints"
import json, pathlib, sys
sys.path.insert(0, sys.argv[2])
from pinned_files import check_pinned_files
le = pathlib.Path(sys.argv[1])
want = {
    "roots/ISRG-Root-X1.pem": "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6",
    "roots/ISRG-Root-X2.pem": "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470",
    "issuing/R10.pem": "9d7c3f1aa6ad2b2ec0d5cf1e246f8d9ae6cbc9fd0755ad37bb974b1f2fb603f3",
    "issuing/R11.pem": "591e9ce6c863d3a079e9fabe1478c7339a26b21269dde795211361024ae31a44",
    "issuing/R12.pem": "131fce7784016899a5a00203a9efc80f18ebbd75580717edc1553580930836ec",
    "issuing/R13.pem": "d3b128216a843f8ef1321501f5df52a5df52939ee2c19297712cd3de4d419354",
    "issuing/R14.pem": "24d45aa9b8d6053d281f3842c8cc0c6c1af7ccdfd42dd5c12f6a74fa9323f7a2",
    "issuing/E5.pem": "e788d14b0436b5120bbee3f15c15badf08c1407fe72568a4f16f9151c380e1e3",
    "issuing/E6.pem": "065ab7d2a050f947587121765d8d070c0e1330d5798faa42c2072749ed293762",
    "issuing/E7.pem": "54715420224c5b65beed018dc3940d7338c577e322d5488f633d8c6a8fed61b2",
    "issuing/E8.pem": "ac1274542267f17b525535b5563bf731febb182533b46a82dc869cb64eb528c0",
    "issuing/E9.pem": "4185df97806c2ba76f1d79823f112ffa639a49ccdc990908102067ab6412b886",
    "issuing/E5-by-ISRGRootX1.pem": "5dfdb3cf31b26f23d87c09f3a0cef642f64069a9fb7cfe29270bb5dc0f1e16bb",
    "issuing/E6-by-ISRGRootX1.pem": "76e9e288aafc0e37f4390cbf946aad997d5c1c901b3ce513d3d8fadbabe2ab85",
    "issuing/E7-by-ISRGRootX1.pem": "aeb1fd7410e83bc96f5da3c6a7c2c1bb836d1fa5cb86e708515890e428a8770b",
    "issuing/E8-by-ISRGRootX1.pem": "83624fd338c8d9b023c18a67cb7a9c0519da43d11775b4c6cbdad45c3d997c52",
    "issuing/E9-by-ISRGRootX1.pem": "fde88f2d4f8913d3dc1664d5f8de51e07fe2abfed93b45acad5a29bfebaa23fb",
    "cross/ISRGRootX2-by-ISRGRootX1-2020.pem": "8b05b68cc659e5ed0fcb38f2c942fbfd200e6f2ff9f85d63c6994ef5e0b02701",
    "cross/ISRGRootX2-by-ISRGRootX1-2026.pem": "ee5f7abd6981bb0255632cd8f49283451b4b18844d12040b44ee00f07b8fe2c6",
}
check_pinned_files(le, want)
d = json.loads((le / "profile.json").read_text())
used = {r["file"] for r in d["roots"]} | {c["file"] for c in d["cross_certificates"]}
used |= {f for h in d["hierarchies"] for f in h["issuing_cas"]}
assert used == set(want), used ^ set(want)
h = {x["id"]: x["issuing_cas"] for x in d["hierarchies"]}
assert h == {"rsa": [f"issuing/R{n}.pem" for n in range(10, 15)],
             "ecdsa": [f"issuing/E{n}-by-ISRGRootX1.pem" for n in range(5, 10)],
             "ecdsa-x2": [f"issuing/E{n}.pem" for n in range(5, 10)]}, h
print("ok: lets-encrypt: 19 files with the published SHA-256, all used by profile.json")
PY
# The oracle can fail: the wrong issuer is refused.
signed_by "$X2" "$LE/issuing/R10.pem" && bad "openssl oracle accepts R10 under ISRG Root X2"
signed_by "$X1" "$LE/issuing/E5.pem" && bad "openssl oracle accepts E5 (by X2) under ISRG Root X1"
# Each E CA is one key with two certificates (by X2 and by X1), and both
# cross-certificates carry ISRG Root X2's name and key.
spki() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1; }
subj() { openssl x509 -in "$1" -noout -subject; }
for n in 5 6 7 8 9; do
  [[ $(spki "$LE/issuing/E$n.pem") == $(spki "$LE/issuing/E$n-by-ISRGRootX1.pem") &&
     $(subj "$LE/issuing/E$n.pem") == $(subj "$LE/issuing/E$n-by-ISRGRootX1.pem") ]] \
    || bad "E$n and E$n-by-ISRGRootX1 are not the same CA (subject and key)"
done
for f in "$LE"/cross/*.pem; do
  [[ $(spki "$f") == $(spki "$X2") && $(subj "$f") == $(subj "$X2") ]] || bad "$(basename "$f") is not ISRG Root X2 (subject and key)"
done
# openssl agrees with the dates the readiness below depends on: E5 (by X2)
# reaches ISRG Root X1 through the 2020 cross-certificate on 2025-01-01 but
# not on 2026-01-01 (expired 2025-09-15), through the 2026 one on 2026-12-01.
le_chain() {  # CROSS EPOCH
  openssl verify -no-CApath -no-CAstore -x509_strict -attime "$2" -CAfile "$X1" -untrusted "$1" "$LE/issuing/E5.pem" >/dev/null 2>&1
}
le_chain "$LE/cross/ISRGRootX2-by-ISRGRootX1-2020.pem" 1735689600 || bad "openssl: E5 -> X2-by-X1 (2020) -> X1 fails on 2025-01-01"
le_chain "$LE/cross/ISRGRootX2-by-ISRGRootX1-2020.pem" 1767225600 && bad "openssl: the 2020 X2-by-X1 cross still works on 2026-01-01"
le_chain "$LE/cross/ISRGRootX2-by-ISRGRootX1-2026.pem" 1767225600 && bad "openssl: the 2026 X2-by-X1 cross works before 2026-05-13"
le_chain "$LE/cross/ISRGRootX2-by-ISRGRootX1-2026.pem" 1796083200 || bad "openssl: E5 -> X2-by-X1 (2026) -> X1 fails on 2026-12-01"

# Readiness of stores holding only ISRG Root X1, only X2, or both, at
# 2025-01-01, in the gap between the two X2-by-X1 cross-certificates
# (2026-01-01), at 2026-12-01 (this machine's "now" when written) and after
# the issuing CAs expire (2027-06-01).
cp "$X1" "$T/le-x1.pem"
cp "$X2" "$T/le-x2.pem"
cat "$X1" "$X2" >"$T/le-both.pem"
der_sha() { openssl x509 -in "$1" -outform der | sha256sum | cut -d' ' -f1; }
export LE_CROSS2020=$(der_sha "$LE/cross/ISRGRootX2-by-ISRGRootX1-2020.pem")
export LE_CROSS2026=$(der_sha "$LE/cross/ISRGRootX2-by-ISRGRootX1-2026.pem")
for when in 2025-01-01 2026-01-01 2026-12-01 2027-06-01; do
  for s in x1 x2 both; do
    "$TRUSTREADY" check --profile lets-encrypt --store "$T/le-$s.pem" --at "${when}T00:00:00Z" --json >"$T/le-$s-$when.json" 2>"$T/err"
    rc=$?
    want=1
    [[ $s != x2 && $when != 2027-06-01 ]] && want=0
    expect_exit "lets-encrypt, store with ISRG Root $s, at $when" $want $rc
  done
done
python3 - "$T" <<'PY' || bad "lets-encrypt X1/X2 readiness JSON"
import json, os, sys
t = sys.argv[1]
c2020, c2026 = os.environ["LE_CROSS2020"], os.environ["LE_CROSS2026"]
def load(s, when):
    d = json.load(open(f"{t}/le-{s}-{when}.json"))
    assert d["profile"] == "lets-encrypt" and len(d["stores"]) == 1, d["profile"]
    st = d["stores"][0]
    assert st["ready"] == d["ready"], st["store"]
    return st, {h["id"]: h for h in st["hierarchies"]}
for when in ("2025-01-01", "2026-01-01", "2026-12-01"):
    # Only ISRG Root X1: ready. The default chains (R10-R14, E5-E9 by X1) reach it directly.
    st, h = load("x1", when)
    assert st["ready"] and st["remediation"] == [] and st["roots_to_add"] == [], (when, st["remediation"])
    assert [x["id"] for x in st["hierarchies"]] == ["rsa", "ecdsa", "ecdsa-x2"], list(h)
    assert [h[i]["required"] for i in ("rsa", "ecdsa", "ecdsa-x2")] == [True, True, False]
    for i in ("rsa", "ecdsa"):
        assert h[i]["valid"] and h[i]["valid_issuing_cas"] == 5 == h[i]["issuing_cas_total"], (when, i, h[i]["error"])
        assert h[i]["via"] == "direct" and h[i]["anchor"] == "ISRG Root X1", (when, i, h[i]["via"])
    present = {a["id"]: a["present"] for a in st["anchors_present"]}
    assert present == {"isrg-root-x1": True, "isrg-root-x2": False}, present
    # The ECDSA-only chain (E5-E9 by X2) needs a valid X2-by-X1 cross-certificate.
    alt = h["ecdsa-x2"]
    if when == "2026-01-01":
        assert not alt["valid"] and alt["valid_issuing_cas"] == 0, alt
        assert alt["error"]["code"] == "EXPIRED", alt["error"]
    else:
        cross = c2020 if when == "2025-01-01" else c2026
        assert alt["valid"] and alt["via"] == "cross-sign" and alt["anchor"] == "ISRG Root X1", (when, alt)
        assert alt["path"] == [alt["path"][0], "ISRG Root X2", "ISRG Root X1"], alt["path"]
        for ca in alt["issuing_cas"]:
            assert ca["valid"] and ca["via_cross_certificate"], ca
            assert len(ca["path"]) == 3 and ca["path"][1] == cross, (when, ca["name"], ca["path"])
    # Only ISRG Root X2: not ready, only X1 is to be added.
    st, h = load("x2", when)
    assert not st["ready"], when
    for i in ("rsa", "ecdsa"):
        assert not h[i]["valid"] and h[i]["valid_issuing_cas"] == 0, (when, i)
        assert h[i]["error"]["code"] == "UNKNOWN_ISSUER" and "ISRG Root X1" in h[i]["error"]["message"], h[i]["error"]
    assert h["ecdsa-x2"]["valid"] and h["ecdsa-x2"]["via"] == "direct" and h["ecdsa-x2"]["anchor"] == "ISRG Root X2", h["ecdsa-x2"]
    assert [r["id"] for r in st["roots_to_add"]] == ["isrg-root-x1"], st["roots_to_add"]
    assert st["roots_to_add"][0]["file"].endswith("lets-encrypt/roots/ISRG-Root-X1.pem"), st["roots_to_add"]
    assert len(st["remediation"]) == 1 and "trustready store add" in st["remediation"][0] \
        and st["remediation"][0].endswith("ISRG-Root-X1.pem"), st["remediation"]
    # Both roots: ready, every chain direct.
    st, h = load("both", when)
    assert st["ready"], when
    for i, anchor in (("rsa", "ISRG Root X1"), ("ecdsa", "ISRG Root X1"), ("ecdsa-x2", "ISRG Root X2")):
        assert h[i]["valid"] and h[i]["via"] == "direct" and h[i]["anchor"] == anchor, (when, i, h[i]["anchor"])
        assert not any(ca["via_cross_certificate"] for ca in h[i]["issuing_cas"]), (when, i)
# After 2027-03-12 every issuing CA of the profile has expired.
for s in ("x1", "x2", "both"):
    st, h = load(s, "2027-06-01")
    assert not st["ready"] and not any(x["valid"] for x in h.values()), s
    want = "UNKNOWN_ISSUER" if s == "x2" else "EXPIRED"  # X2 alone never reaches R10-R14
    assert h["rsa"]["error"]["code"] == want, (s, h["rsa"]["error"])
    if s != "x2":
        assert "'R10' expired on 2027-03-12" in h["rsa"]["error"]["message"], h["rsa"]["error"]
        # Holding ISRG Root X1 already, no root to add: the expiry is a blocker.
        assert st["roots_to_add"] == [] and st["remediation"] == [], (s, st["remediation"])
        assert len(st["blockers"]) == 2 and all("EXPIRED" in b for b in st["blockers"]), st["blockers"]
print("ok: lets-encrypt readiness for ISRG Root X1 only / X2 only / both at four dates")
PY

# Android is ready from the first version that ships ISRG Root X1 (7.1 in
# the data), older versions being told to upgrade to it.
"$TRUSTREADY" check --profile lets-encrypt --store android:all "${AT[@]}" --json >"$T/le.json"
expect_exit "lets-encrypt on android:all" 1 $?
python3 - "$T/le.json" <<'PY' || bad "lets-encrypt android JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["store"]: x for x in d["stores"]}
assert s["android:7.1"]["ready"] and not s["android:7.0"]["ready"], (s["android:7.1"]["ready"], s["android:7.0"]["ready"])
assert s["android:4.4"]["advice"] == ["upgrade the platform: android:7.1 or later"], s["android:4.4"]["advice"]
assert s["android:4.4"]["remediation"] == [], s["android:4.4"]["remediation"]
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
    assert any("upgrade the platform" in c for c in s["advice"]) and s["remediation"] == [], (s["remediation"], s["advice"])
assert any(first_ready + " or later" in c for c in nr[0]["advice"]), (first_ready, nr[0]["advice"])
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
for out in le le-x1-2026-12-01 le-x2-2025-01-01 le-both-2026-01-01 sfs pin android machine t wrongpw; do
  schema_matches "$out.json" "$TR_SOURCE_DIR/docs/schemas/check.schema.json" "$T/$out.json"
done
for out in profiles p4; do
  schema_matches "$out.json" "$TR_SOURCE_DIR/docs/schemas/profiles.schema.json" "$T/$out.json"
done

echo "failures: $fails"
[[ $fails == 0 ]]
