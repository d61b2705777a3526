#!/usr/bin/env bash
# The lets-encrypt-gen-y profile end to end: every certificate openssl-checked
# under its issuer (and refused under the wrong one), then `trustready check
# --profile lets-encrypt-gen-y` on small PEM stores (ISRG Root X1, X2, both,
# an unrelated root), at dates where the certificates' validity decides, on
# presented chains, with pins, and on platform snapshots compared with the
# snapshot data itself.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
P="$TR_SOURCE_DIR/data/profiles/lets-encrypt-gen-y"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
AT=(--at 2026-12-01T00:00:00Z)
AT_EPOCH=$(date -u -d 2026-12-01T00:00:00Z +%s)
X1="$P/roots/ISRG-Root-X1.pem"
X2="$P/roots/ISRG-Root-X2.pem"
YR_X1="$P/cross/RootYR-by-ISRGRootX1.pem"
YE_X2="$P/cross/RootYE-by-ISRGRootX2.pem"
X2_X1="$P/cross/ISRGRootX2-by-ISRGRootX1.pem"

# --- openssl oracle --------------------------------------------------------
# Only the given CA file is trusted: no system CApath or store, which would
# otherwise hold ISRG Root X1 and make every X1 check pass whatever the file.
ossl_verify() {  # CAFILE CERT [extra args]
  local ca=$1 cert=$2
  shift 2
  openssl verify -no-CApath -no-CAstore -attime "$AT_EPOCH" -CAfile "$ca" "$@" "$cert" >/dev/null 2>&1
}
signed_by() {  # CERT ISSUER
  if ossl_verify "$2" "$1" -partial_chain; then ok "openssl: $(basename "$1") signed by $(basename "$2")"
  else bad "openssl: $(basename "$1") does not verify under $(basename "$2")"; fi
}
not_signed_by() {  # CERT WRONG-ISSUER
  if ossl_verify "$2" "$1" -partial_chain; then bad "openssl: $(basename "$1") verifies under $(basename "$2"), which did not sign it"
  else ok "openssl: $(basename "$1") refused under $(basename "$2")"; fi
}
signed_by "$X1" "$X1"
signed_by "$X2" "$X2"
signed_by "$YR_X1" "$X1"
signed_by "$YE_X2" "$X2"
signed_by "$X2_X1" "$X1"
for n in 1 2 3; do
  signed_by "$P/issuing/YR$n.pem" "$YR_X1"
  signed_by "$P/issuing/YE$n.pem" "$YE_X2"
  not_signed_by "$P/issuing/YR$n.pem" "$X1"
  not_signed_by "$P/issuing/YE$n.pem" "$YR_X1"
  not_signed_by "$P/issuing/YR$n.pem" "$YE_X2"
done
not_signed_by "$YR_X1" "$X2"
not_signed_by "$YE_X2" "$X1"
# Whole paths, strict: RSA to X1; ECDSA to X2 directly and to X1 through X2.
cat "$YE_X2" "$X2_X1" >"$T/ecdsa-cross.pem"
for n in 1 2 3; do
  ossl_verify "$X1" "$P/issuing/YR$n.pem" -x509_strict -untrusted "$YR_X1" \
    && ok "openssl: YR$n -> Root YR -> ISRG Root X1" || bad "openssl: YR$n does not chain to ISRG Root X1"
  ossl_verify "$X2" "$P/issuing/YR$n.pem" -x509_strict -untrusted "$YR_X1" \
    && bad "openssl: YR$n chains to ISRG Root X2" || ok "openssl: YR$n does not chain to ISRG Root X2"
  ossl_verify "$X2" "$P/issuing/YE$n.pem" -x509_strict -untrusted "$YE_X2" \
    && ok "openssl: YE$n -> Root YE -> ISRG Root X2" || bad "openssl: YE$n does not chain to ISRG Root X2"
  ossl_verify "$X1" "$P/issuing/YE$n.pem" -x509_strict -untrusted "$T/ecdsa-cross.pem" \
    && ok "openssl: YE$n -> Root YE -> ISRG Root X2 -> ISRG Root X1" || bad "openssl: YE$n does not chain to ISRG Root X1"
done

# Subjects, issuers and validity are the ones the README and profile.json state.
expect_cert() {  # FILE SUBJECT-CN ISSUER-CN NOT-BEFORE NOT-AFTER (YYYY-MM-DD)
  local f="$P/$1" subj iss nb na
  subj=$(openssl x509 -in "$f" -noout -subject -nameopt sep_multiline,utf8 | sed -n 's/^ *CN=//p')
  iss=$(openssl x509 -in "$f" -noout -issuer -nameopt sep_multiline,utf8 | sed -n 's/^ *CN=//p')
  nb=$(date -u -d "$(openssl x509 -in "$f" -noout -startdate | cut -d= -f2)" +%F)
  na=$(date -u -d "$(openssl x509 -in "$f" -noout -enddate | cut -d= -f2)" +%F)
  if [[ "$subj|$iss|$nb|$na" == "$2|$3|$4|$5" ]]; then ok "$1: $2 by $3, $4 to $5"
  else bad "$1: got '$subj|$iss|$nb|$na', expected '$2|$3|$4|$5'"; fi
}
expect_cert roots/ISRG-Root-X1.pem "ISRG Root X1" "ISRG Root X1" 2015-06-04 2035-06-04
expect_cert roots/ISRG-Root-X2.pem "ISRG Root X2" "ISRG Root X2" 2020-09-04 2040-09-17
expect_cert cross/RootYR-by-ISRGRootX1.pem "Root YR" "ISRG Root X1" 2026-05-13 2032-09-02
expect_cert cross/RootYE-by-ISRGRootX2.pem "Root YE" "ISRG Root X2" 2026-05-13 2032-09-02
expect_cert cross/ISRGRootX2-by-ISRGRootX1.pem "ISRG Root X2" "ISRG Root X1" 2026-05-13 2032-09-02
for n in 1 2 3; do
  expect_cert "issuing/YR$n.pem" "YR$n" "Root YR" 2025-09-03 2028-09-02
  expect_cert "issuing/YE$n.pem" "YE$n" "Root YE" 2025-09-03 2028-09-02
done
# The roots are the ones the catalog (Mozilla's store) has, byte for byte.
for r in ISRG-Root-X1 ISRG-Root-X2; do
  cmp -s <(openssl x509 -in "$P/roots/$r.pem" -outform der) \
         <(openssl x509 -in "$TR_SOURCE_DIR/data/catalog/isrg/roots/$r.pem" -outform der) \
    && ok "roots/$r.pem is the catalog's" || bad "roots/$r.pem differs from data/catalog/isrg/roots/$r.pem"
done
# The files are the ones the README lists (SHA-256 of the DER), no more, no
# fewer; the cross-certificates are the May 2026 reissues, not the 2025
# issuances Let's Encrypt replaced (X2 by X1 00:BE:AE:F2..., Root YE by X2
# 2D:7B:5B:42...).
python3 - "$P" "$TR_SOURCE_DIR/tests/lib" <<'PY' && ok "11 files with the README's SHA-256" || bad "files and fingerprints"
import pathlib, sys
sys.path.insert(0, sys.argv[2])
from pinned_files import check_pinned_files
p = pathlib.Path(sys.argv[1])
want = {
    "roots/ISRG-Root-X1.pem": "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6",
    "roots/ISRG-Root-X2.pem": "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470",
    "cross/RootYR-by-ISRGRootX1.pem": "072639d0b140d5bffae16ad9c3f6cc6086040621f51ee61a6d46a8915c07cf76",
    "cross/RootYE-by-ISRGRootX2.pem": "0fc0901cca2bae9e9fdbb02d50d02f1094f7b36672086991b9e897626dc485f0",
    "cross/ISRGRootX2-by-ISRGRootX1.pem": "ee5f7abd6981bb0255632cd8f49283451b4b18844d12040b44ee00f07b8fe2c6",
    "issuing/YR1.pem": "13949634d99cd6fd6aa80bc034fefacceb1969feef986586713ecdbb05758d3f",
    "issuing/YR2.pem": "238b85a0099c65b970477d5724f1a1d475ce5058cffe4efa8733899bdb863c47",
    "issuing/YR3.pem": "35500cb63b8d9769528d65d87220f51c069807a595acbf2fb6eca38fbe0a4bd2",
    "issuing/YE1.pem": "a2372d06431e9716365eeed47ec020351497d182fcc038e457e58168a03cac07",
    "issuing/YE2.pem": "97658de8c68dfa98ace1e5028a63d54a1aae911b3e21471076c6850cd08cbab4",
    "issuing/YE3.pem": "82bcfc482cc19f71e6f98f4a027616ebda6d47096d408b336160d1c0ef8b995a",
}
check_pinned_files(p, want)
PY
# The X2-by-X1 cross-certificate is the 2026-05-13 reissue (serial
# 6C:8F:1D:C7:...), byte for byte the lets-encrypt profile's, and like the
# Root YR and Root YE cross-certificates it carries the serverAuth EKU whose
# absence made Let's Encrypt replace the first issuances.
expect_x509() {  # FILE WHAT EXPECTED ACTUAL
  [[ "$3" == "$4" ]] && ok "$(basename "$1"): $2 $3" || bad "$(basename "$1"): $2 is '$4', expected '$3'"
}
expect_x509 "$X2_X1" serial 6C8F1DC727C7117F7BAF853AC980F9CD "$(openssl x509 -in "$X2_X1" -noout -serial | cut -d= -f2)"
expect_x509 "$YE_X2" serial 872165FC34B6E5FBA8ADD5B3705FB53A "$(openssl x509 -in "$YE_X2" -noout -serial | cut -d= -f2)"
expect_x509 "$YR_X1" serial F24B6D17F9D9AD7CB1C9FEA78782699F "$(openssl x509 -in "$YR_X1" -noout -serial | cut -d= -f2)"
cmp -s "$X2_X1" "$TR_SOURCE_DIR/data/profiles/lets-encrypt/cross/ISRGRootX2-by-ISRGRootX1-2026.pem" \
  && ok "X2-by-X1 is lets-encrypt's ISRGRootX2-by-ISRGRootX1-2026.pem" || bad "X2-by-X1 differs from lets-encrypt/cross/ISRGRootX2-by-ISRGRootX1-2026.pem"
for f in "$X2_X1" "$YE_X2" "$YR_X1"; do
  grep -q "TLS Web Server Authentication" <<<"$(openssl x509 -in "$f" -noout -ext extendedKeyUsage 2>/dev/null)" \
    && ok "$(basename "$f") has the serverAuth EKU (openssl)" || bad "$(basename "$f") lacks the serverAuth EKU"
done
# openssl agrees with the dates: every cross-certificate starts on
# 2026-05-13, so YE1 reaches neither ISRG root the second before, and both
# the second after (the X1 path through ISRG Root X2 by X1).
for when in 2026-05-12T23:59:59Z:fail 2026-05-13T00:00:01Z:ok; do
  at=$(date -u -d "${when%:*}" +%s)
  for anchor in X2 X1; do
    ca=$X2; [[ $anchor == X1 ]] && ca=$X1
    if openssl verify -no-CApath -no-CAstore -x509_strict -attime "$at" -CAfile "$ca" -untrusted "$T/ecdsa-cross.pem" "$P/issuing/YE1.pem" >/dev/null 2>&1; then got=ok; else got=fail; fi
    [[ $got == "${when##*:}" ]] && ok "openssl: YE1 to ISRG Root $anchor at ${when%:*}: $got" \
      || bad "openssl: YE1 to ISRG Root $anchor at ${when%:*}: $got, expected ${when##*:}"
  done
done

# --- trustready check on small stores ---------------------------------------
cp "$X1" "$T/x1.pem"
cp "$X2" "$T/x2.pem"
cat "$X1" "$X2" >"$T/both.pem"
cp "$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots/AmazonRootCA1.pem" "$T/amazon.pem"
check() {  # OUT.json STORE [args...]: exit code in $rc
  local out=$1 store=$2
  shift 2
  "$TRUSTREADY" check --profile lets-encrypt-gen-y --store "$store" --json "$@" >"$T/$out" 2>"$T/err"
  rc=$?
}
# The JSON's shape, for every run below.
shape() {  # FILE
  python3 - "$1" <<'PY' || bad "$1: JSON shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["profile"] == "lets-encrypt-gen-y", d["profile"]
for k in ("profile_title", "time", "ready", "stores_ready", "pins", "stores", "targets"):
    assert k in d, k
for s in d["stores"]:
    assert [h["id"] for h in s["hierarchies"]] == ["rsa", "ecdsa"], s["hierarchies"]
    assert all(h["issuing_cas_total"] == 3 for h in s["hierarchies"])
    assert [a["id"] for a in s["anchors_present"]] == ["isrg-root-x1", "isrg-root-x2"], s["anchors_present"]
PY
}

check x1.json "$T/x1.pem" "${AT[@]}"
expect_exit "ISRG Root X1 alone is ready" 0 $rc
shape "$T/x1.json"
python3 - "$T/x1.json" <<'PY' || bad "ISRG Root X1 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ready"] and d["time"].startswith("2026-12-01"), (d["ready"], d["time"])
s = d["stores"][0]
assert s["ready"] and s["remediation"] == [] and s["roots_to_add"] == [], s
h = {x["id"]: x for x in s["hierarchies"]}
assert h["rsa"]["valid"] and h["rsa"]["valid_issuing_cas"] == 3 and h["rsa"]["via"] == "cross-sign", h["rsa"]
assert h["rsa"]["path"] == ["YR1", "Root YR", "ISRG Root X1"], h["rsa"]["path"]
assert h["ecdsa"]["valid"] and h["ecdsa"]["valid_issuing_cas"] == 3 and h["ecdsa"]["anchor"] == "ISRG Root X1", h["ecdsa"]
assert h["ecdsa"]["path"] == ["YE1", "Root YE", "ISRG Root X2", "ISRG Root X1"], h["ecdsa"]["path"]
assert all(c["via_cross_certificate"] and len(c["path"]) == 4 for c in h["ecdsa"]["issuing_cas"]), h["ecdsa"]
present = {a["id"]: a["presence"] for a in s["anchors_present"]}
assert present == {"isrg-root-x1": "exact", "isrg-root-x2": "absent"}, present
PY

check x2.json "$T/x2.pem" "${AT[@]}"
expect_exit "ISRG Root X2 alone is not ready (RSA)" 1 $rc
shape "$T/x2.json"
python3 - "$T/x2.json" <<'PY' || bad "ISRG Root X2 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert not d["ready"]
s = d["stores"][0]
h = {x["id"]: x for x in s["hierarchies"]}
assert not h["rsa"]["valid"] and h["rsa"]["valid_issuing_cas"] == 0, h["rsa"]
assert h["rsa"]["error"]["code"] == "UNKNOWN_ISSUER", h["rsa"]["error"]
assert h["rsa"]["error"]["message"].endswith("any one of these roots would do: ISRG Root X1"), h["rsa"]["error"]
assert h["ecdsa"]["valid"] and h["ecdsa"]["anchor"] == "ISRG Root X2", h["ecdsa"]
assert h["ecdsa"]["path"] == ["YE1", "Root YE", "ISRG Root X2"], h["ecdsa"]["path"]
assert [r["id"] for r in s["roots_to_add"]] == ["isrg-root-x1"], s["roots_to_add"]
assert any(c.startswith("trustready store add ") and c.endswith("/roots/ISRG-Root-X1.pem") for c in s["remediation"]), s["remediation"]
assert not any("ISRG-Root-X2.pem" in c for c in s["remediation"]), "asks to add X2, which the store has"
assert any("cross-certificate" in a for a in s["alternatives"]), s["alternatives"]
PY

check both.json "$T/both.pem" "${AT[@]}"
expect_exit "ISRG Root X1 + X2 is ready" 0 $rc
shape "$T/both.json"
python3 - "$T/both.json" <<'PY' || bad "X1 + X2 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert d["ready"] and s["ready"] and s["anchor_count"] == 2, s
h = {x["id"]: x for x in s["hierarchies"]}
assert h["rsa"]["anchor"] == "ISRG Root X1" and h["ecdsa"]["anchor"] == "ISRG Root X2", (h["rsa"]["anchor"], h["ecdsa"]["anchor"])
assert all(a["presence"] == "exact" for a in s["anchors_present"]), s["anchors_present"]
PY

check amazon.json "$T/amazon.pem" "${AT[@]}"
expect_exit "an unrelated root (Amazon Root CA 1) is not ready" 1 $rc
shape "$T/amazon.json"
python3 - "$T/amazon.json" <<'PY' || bad "unrelated root JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert not s["ready"] and s["kind"] == "pem", s
h = {x["id"]: x for x in s["hierarchies"]}
for k in ("rsa", "ecdsa"):
    assert not h[k]["valid"] and h[k]["error"]["code"] == "UNKNOWN_ISSUER", h[k]
assert h["rsa"]["error"]["message"].endswith("would do: ISRG Root X1"), h["rsa"]["error"]
assert h["ecdsa"]["error"]["message"].endswith("would do: ISRG Root X1, ISRG Root X2"), h["ecdsa"]["error"]
assert [r["id"] for r in s["roots_to_add"]] == ["isrg-root-x1", "isrg-root-x2"], s["roots_to_add"]
assert s["remediation"][0].endswith("/roots/ISRG-Root-X1.pem"), s["remediation"]
assert all(not a["present"] for a in s["anchors_present"]), s["anchors_present"]
PY
# The text output names the fix too.
"$TRUSTREADY" check --profile lets-encrypt-gen-y --store "$T/amazon.pem" "${AT[@]}" >"$T/amazon.txt" 2>&1
expect_exit "unrelated root (text)" 1 $?
grep -q "trustready store add .*ISRG-Root-X1.pem" "$T/amazon.txt" || bad "text remediation does not add ISRG-Root-X1.pem"
grep -q "NOT READY" "$T/amazon.txt" || bad "text output does not say NOT READY"

# --- dates: what the certificates say ----------------------------------------
# 2033-01-01: the cross-certificates ended 2032-09-02, but YR1-3 and YE1-3
# already expired on 2028-09-02, so even a store with both roots is not
# ready, and the reason is the issuing CA itself (certificate 0).
check x1-2033.json "$T/both.pem" --at 2033-01-01T00:00:00Z
expect_exit "X1 + X2 in 2033 is not ready" 1 $rc
shape "$T/x1-2033.json"
python3 - "$T/x1-2033.json" <<'PY' || bad "2033 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert not d["ready"] and not s["ready"]
for h in s["hierarchies"]:
    assert h["valid_issuing_cas"] == 0, h
    for c in h["issuing_cas"]:
        assert c["error"]["code"] == "EXPIRED" and c["error"]["certificate"] == 0, c
        assert "2028-09-02" in c["error"]["message"], c["error"]
PY
# Same answer with X1 only: nothing a store adds fixes an expired issuing CA.
check x1only-2033.json "$T/x1.pem" --at 2033-01-01T00:00:00Z
expect_exit "X1 in 2033 is not ready" 1 $rc
python3 - "$T/x1only-2033.json" <<'PY' || bad "X1 2033 JSON"
import json, sys
d = json.load(open(sys.argv[1]))
codes = {c["error"]["code"] for h in d["stores"][0]["hierarchies"] for c in h["issuing_cas"]}
assert codes == {"EXPIRED"}, codes
PY
# 2026-03-01: all three cross-certificates (the May 2026 reissues) start on
# 2026-05-13, so RSA fails on Root YR's and ECDSA on Root YE's, for X1, X2
# and both alike (with the replaced 2025 issuances ECDSA was ready then).
for s in both x1 x2; do
  check "$s-2026-03.json" "$T/$s.pem" --at 2026-03-01T00:00:00Z
  expect_exit "$s before 2026-05-13 is not ready" 1 $rc
done
python3 - "$T" <<'PY' || bad "2026-03 JSON"
import json, sys
for s in ("both", "x1", "x2"):
    d = json.load(open(f"{sys.argv[1]}/{s}-2026-03.json"))
    h = {x["id"]: x for x in d["stores"][0]["hierarchies"]}
    assert not h["rsa"]["valid"] and not h["ecdsa"]["valid"], (s, h)
    e = h["rsa"]["error"]
    if s == "x2":
        assert e["code"] == "UNKNOWN_ISSUER", (s, e)
    else:
        assert e["code"] == "NOT_YET_VALID" and e["certificate"] == 1 and "Root YR" in e["message"], (s, e)
    e = h["ecdsa"]["error"]
    assert e["code"] == "NOT_YET_VALID" and e["certificate"] == 1 and "Root YE" in e["message"], (s, e)
    assert "2026-05-13" in e["message"] and h["ecdsa"]["valid_issuing_cas"] == 0, (s, e)
PY
# ... and the day the cross-certificates start, X1 is enough again, and X2
# is for ECDSA.
check x1-2026-05-13.json "$T/x1.pem" --at 2026-05-13T00:00:01Z
expect_exit "X1 on 2026-05-13 is ready" 0 $rc
check x2-2026-05-13.json "$T/x2.pem" --at 2026-05-13T00:00:01Z
python3 - "$T/x1-2026-05-13.json" "$T/x2-2026-05-13.json" <<'PY' || bad "2026-05-13 JSON"
import json, sys
x1, x2 = ({h["id"]: h for h in json.load(open(f))["stores"][0]["hierarchies"]} for f in sys.argv[1:3])
assert x1["ecdsa"]["valid"] and x1["ecdsa"]["path"] == ["YE1", "Root YE", "ISRG Root X2", "ISRG Root X1"], x1["ecdsa"]
assert x2["ecdsa"]["valid"] and x2["ecdsa"]["anchor"] == "ISRG Root X2", x2["ecdsa"]
assert not x2["rsa"]["valid"] and x2["rsa"]["error"]["code"] == "UNKNOWN_ISSUER", x2["rsa"]
PY

# --- presented chains: leaf + YR1 alone vs with the cross-certificate ---------
cp "$P/issuing/YR1.pem" "$T/yr1-alone.pem"
cat "$P/issuing/YR1.pem" "$YR_X1" >"$T/yr1-full.pem"
"$TRUSTREADY" check "$T/yr1-alone.pem" --profile lets-encrypt-gen-y --store "$T/x1.pem" "${AT[@]}" --no-aia --json >"$T/alone.json" 2>"$T/err"
expect_exit "chain YR1 without Root YR is not trusted by an X1 store" 1 $?
"$TRUSTREADY" check "$T/yr1-full.pem" --profile lets-encrypt-gen-y --store "$T/x1.pem" "${AT[@]}" --no-aia --json >"$T/full.json" 2>"$T/err"
expect_exit "chain YR1 + Root YR (by X1) is trusted by an X1 store" 0 $?
python3 - "$T/alone.json" "$T/full.json" <<'PY' || bad "presented chain JSON"
import json, sys
alone, full = (json.load(open(f)) for f in sys.argv[1:3])
a, f = alone["targets"][0], full["targets"][0]
assert not a["trusted"] and a["stores"][0]["error"]["code"] == "UNKNOWN_ISSUER", a["stores"][0]
assert a["serves_profile"], a
assert f["trusted"] and f["stores"][0]["trusted"], f["stores"][0]
assert [c["name"] for c in f["chain"]] == ["YR1", "Root YR"], f["chain"]
# The store itself is ready either way: the break is the server's chain.
assert alone["stores"][0]["ready"] and full["stores"][0]["ready"]
PY

# --- pins ------------------------------------------------------------------
spki_pin() { echo "sha256/$(openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"; }
check pin-x1.json "$T/x1.pem" "${AT[@]}" --pin "$(spki_pin "$X1")"
expect_exit "X1 store, ISRG Root X1 pinned" 0 $rc
check pin-x2.json "$T/x1.pem" "${AT[@]}" --pin "$(spki_pin "$X2")"
expect_exit "X1 store, only ISRG Root X2 pinned" 1 $rc
python3 - "$T/pin-x2.json" <<'PY' || bad "pin JSON"
import json, sys
s = json.load(open(sys.argv[1]))["stores"][0]
h = {x["id"]: x for x in s["hierarchies"]}
# RSA paths never hold X2's key; ECDSA paths go through X2 (cross-signed by X1).
assert h["rsa"]["pinned"] is False and h["ecdsa"]["pinned"] is True, (h["rsa"]["pinned"], h["ecdsa"]["pinned"])
assert s["pins_ok"] is False and any("SPKI pins" in c for c in s["remediation"]), s
PY

# --- platform snapshots, against the snapshot data itself --------------------
# Oracle: a snapshot is ready exactly when it trusts ISRG Root X1 (RSA needs
# it); its ECDSA anchor is ISRG Root X2 exactly when it also trusts X2.
for plat in android windows apple; do
  "$TRUSTREADY" check --profile lets-encrypt-gen-y --store "$plat:all" "${AT[@]}" --json >"$T/$plat.json" 2>"$T/err"
  rc=$?
  [[ $rc == 0 || $rc == 1 ]] && ok "$plat:all runs (exit $rc)" || { bad "$plat:all exit $rc"; cat "$T/err"; }
done
python3 - "$TR_SHARED_DATA/platform-stores/snapshots.json" "$T/android.json" "$T/windows.json" "$T/apple.json" <<'PY' || bad "platform snapshots against the snapshot data"
import json, sys
X1 = "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6"
X2 = "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470"
snaps = json.load(open(sys.argv[1]))
checked = {"ready": 0, "not": 0}
for f in sys.argv[2:]:
    d = json.load(open(f))
    assert d["stores"], f
    for s in d["stores"]:
        plat, _, ver = s["store"].partition(":")
        ver, _, date = ver.partition("@")
        cand = [x for x in snaps if x["platform"] == plat and x["version"] == ver and (not date or x["date"] == date)]
        assert len(cand) == 1, (s["store"], len(cand))
        trusted = set(cand[0]["trusted"])
        assert s["ready"] == (X1 in trusted), (s["store"], s["ready"])
        h = {x["id"]: x for x in s["hierarchies"]}
        if X1 in trusted:
            want = "ISRG Root X2" if X2 in trusted else "ISRG Root X1"
            assert h["ecdsa"]["anchor"] == want, (s["store"], h["ecdsa"]["anchor"], want)
            checked["ready"] += 1
        else:
            assert s["advice"] and s["advice"][0].startswith("upgrade the platform: ") and s["remediation"] == [], s
            checked["not"] += 1
assert checked["ready"] > 50 and checked["not"] > 10, checked
print("platform snapshots checked:", checked)
PY
python3 - "$T/android.json" "$T/windows.json" "$T/apple.json" <<'PY' || bad "platform specifics"
import json, sys
android, windows, apple = ({s["store"]: s for s in json.load(open(f))["stores"]} for f in sys.argv[1:4])
# Android gets ISRG Root X1 in 7.1: older versions are told to upgrade to it.
assert not android["android:7.0"]["ready"] and android["android:7.1"]["ready"]
assert android["android:4.4"]["advice"] == ["upgrade the platform: android:7.1 or later"], android["android:4.4"]["advice"]
# Before Android 14 ECDSA works only through ISRG Root X2 cross-signed by X1.
h = {x["id"]: x for x in android["android:13.0.0_r9"]["hierarchies"]}
assert h["ecdsa"]["path"] == ["YE1", "Root YE", "ISRG Root X2", "ISRG Root X1"], h["ecdsa"]["path"]
assert all(s["ready"] for s in apple.values()), [n for n, s in apple.items() if not s["ready"]]
assert not windows["windows:May 29, 2018"]["ready"] and windows["windows:August 28, 2018"]["ready"]
PY

echo "profile_le_gen_y: $fails failure(s)"
[[ $fails == 0 ]]
