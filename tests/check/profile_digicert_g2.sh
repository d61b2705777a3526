#!/usr/bin/env bash
# The digicert-g2 profile: every certificate openssl-checked under DigiCert
# Global Root G2 (and refused under the G1 root), the files are the ones the
# README lists, and `check --profile digicert-g2` says NOT READY (add G2) for
# a store holding only DigiCert Global Root CA (G1), READY for G2, and for
# platform snapshots what their anchor lists say.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
P="$TR_SOURCE_DIR/data/profiles/digicert-g2"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
G1="$P/previous/DigiCert-Global-Root-CA.pem"
G2="$P/roots/DigiCert-Global-Root-G2.pem"
AT=2026-06-01T00:00:00Z
AT_EPOCH=$(date -u -d "$AT" +%s)

# --- openssl oracle ----------------------------------------------------------
for f in "$P"/issuing/*.pem; do
  openssl verify -no-CApath -no-CAstore -x509_strict -attime "$AT_EPOCH" -CAfile "$G2" "$f" >/dev/null 2>&1 \
    && ok "openssl: $(basename "$f") -> DigiCert Global Root G2" || bad "openssl: $(basename "$f") does not verify under G2"
  openssl verify -no-CApath -no-CAstore -partial_chain -attime "$AT_EPOCH" -CAfile "$G1" "$f" >/dev/null 2>&1 \
    && bad "openssl: $(basename "$f") verifies under G1" || ok "openssl: $(basename "$f") refused under G1"
done
for r in "$G1" "$G2"; do
  openssl verify -no-CApath -no-CAstore -x509_strict -CAfile "$r" "$r" >/dev/null 2>&1 \
    && ok "openssl: $(basename "$r") self-signed" || bad "openssl: $(basename "$r") not self-signed"
done
# The roots are the platform data's and the catalog's certificates.
cmp -s <(openssl x509 -in "$G2" -outform der) <(openssl x509 -in "$TR_SOURCE_DIR/data/catalog/digicert/roots/DigiCert-Global-Root-G2.pem" -outform der) \
  && ok "G2 is the catalog's" || bad "G2 differs from the catalog's"
cmp -s <(openssl x509 -in "$G1" -outform der) <(openssl x509 -in "$TR_SOURCE_DIR/data/catalog/digicert/roots/DigiCert-Global-Root-CA.pem" -outform der) \
  && ok "G1 is the catalog's" || bad "G1 differs from the catalog's"
# Every file's SHA-256 is in the README, and every README SHA-256 is a file.
diff <(grep -o '`[0-9a-f]\{64\}`' "$P/README.md" | tr -d '`' | sort) \
     <(for f in "$P"/*/*.pem; do openssl x509 -in "$f" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f'; done | sort) >/dev/null \
  && ok "README fingerprints are the files'" || bad "README fingerprints differ from the files"

# --- trustready ------------------------------------------------------------
"$TRUSTREADY" profiles list 2>/dev/null | grep -q '^digicert-g2 ' && ok "profiles list has digicert-g2" || bad "profiles list lacks digicert-g2"
cp "$G1" "$T/g1.pem"; cp "$G2" "$T/g2.pem"; cat "$G1" "$G2" >"$T/both.pem"
"$TRUSTREADY" check --profile digicert-g2 --store "$T/g1.pem" --at "$AT" --json >"$T/g1.json" 2>/dev/null
expect_exit "G1 only: NOT READY" 1 $?
python3 - "$T/g1.json" <<'PY' && ok "G1 only: add DigiCert Global Root G2" || bad "G1 only JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert not d["ready"] and not s["ready"]
assert [r["id"] for r in s["roots_to_add"]] == ["digicert-global-root-g2"], s["roots_to_add"]
h = {x["id"]: x for x in s["hierarchies"]}
assert not h["digicert-g2-tls"]["valid"] and h["digicert-g2-tls"]["error"]["code"] == "UNKNOWN_ISSUER", h["digicert-g2-tls"]
assert any("trustready store add" in line and "DigiCert-Global-Root-G2.pem" in line for line in s["remediation"]), s["remediation"]
PY
for store in g2 both; do
  "$TRUSTREADY" check --profile digicert-g2 --store "$T/$store.pem" --at "$AT" --json >"$T/$store.json" 2>/dev/null
  expect_exit "$store: READY at $AT" 0 $?
  python3 - "$T/$store.json" <<'PY' || bad "$store JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
h = {x["id"]: x for x in s["hierarchies"]}
assert d["ready"] and s["roots_to_add"] == []
assert h["digicert-g2-tls"]["valid"] and h["azure-2023"]["valid"] and h["azure-2023"]["valid_issuing_cas"] == 4, h
PY
done
# After the Azure CAs expired (2026-08-25) G2 is still READY: they are optional.
"$TRUSTREADY" check --profile digicert-g2 --store "$T/g2.pem" --at 2026-12-01T00:00:00Z --json >"$T/late.json" 2>/dev/null
expect_exit "G2 after the Azure CAs expired: READY (optional hierarchy)" 0 $?
python3 -c "
import json,sys; d=json.load(open('$T/late.json')); h={x['id']:x for x in d['stores'][0]['hierarchies']}
assert not h['azure-2023']['valid'] and h['azure-2023']['error']['code']=='EXPIRED', h['azure-2023']" \
  && ok "Azure hierarchy reported EXPIRED" || bad "Azure hierarchy after expiry"
# Platform snapshots: Android 4.4 lacks G2 (NOT READY), Android 5.0 and java:25 hold it.
"$TRUSTREADY" check --profile digicert-g2 --store android:4.4 --at "$AT" >/dev/null 2>&1
expect_exit "android:4.4 NOT READY" 1 $?
for s in android:5.0 java:21 java:25; do
  "$TRUSTREADY" check --profile digicert-g2 --store "$s" --at "$AT" >/dev/null 2>&1
  expect_exit "$s READY" 0 $?
done
[[ $fails -eq 0 ]]
