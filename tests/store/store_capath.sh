#!/usr/bin/env bash
# A folder is a store as OpenSSL's CApath lookup reads it (issue 13, failure
# 3): only PEM files under <hash>.N names count. A folder of PEM files
# without them (SSL_CERT_DIR, an image's /etc/ssl/certs holding only the
# bundle) used to be READY with every certificate; `openssl verify -CApath`
# on it fails. Now it is NOT READY with the fix `openssl rehash DIR`, which
# this suite runs as printed, and the store is then READY, openssl agreeing
# each time.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
A="$TR_SHARED_DATA/amazon-trust-services"
AT=2026-01-01
EPOCH=1767225600

mkdir -p "$T/dir"
for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3 AmazonRootCA4 SFSRootCAG2; do
  openssl x509 -inform der -in "$A/$c.cer" -out "$T/dir/$c.pem"
done
openssl x509 -inform der -in "$A/r2m01.cer" -out "$T/r2m01.pem"
capath_verifies() { openssl verify -no-CAfile -no-CAstore -attime $EPOCH -CApath "$1" "$T/r2m01.pem" > /dev/null 2>&1; }

capath_verifies "$T/dir" && bad "oracle: openssl verified through an unhashed folder" || ok "oracle: openssl -CApath fails on the unhashed folder"
"$TRUSTREADY" check --store "$T/dir" --at $AT --json > "$T/a.json"; rc=$?
expect_exit "unhashed folder: NOT READY" 1 "$rc"
python3 - "$T/a.json" "$T/dir" <<'PY' > "$T/fix.sh" && ok "unhashed folder: 0 anchors, UNHASHED_DIRECTORY, fix 'openssl rehash DIR' first" || bad "unhashed folder JSON"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stores"][0]
assert s["state"] == "not_ready" and s["anchor_count"] == 0, (s["state"], s["anchor_count"])
assert [n["id"] for n in s["notes"]] == ["UNHASHED_DIRECTORY"], s["notes"]
assert "5 certificates" in s["notes"][0]["message"], s["notes"]
assert s["remediation"][0] == "openssl rehash " + sys.argv[2], s["remediation"]
print(s["remediation"][0])
PY
"$TRUSTREADY" check --store "$T/dir" --at $AT > "$T/a.txt" 2>&1
grep -q "note: .*5 certificates are in files without a <hash>.N name" "$T/a.txt" && ok "text: the note" || { bad "text note"; cat "$T/a.txt"; }
schema_matches "check --store unhashed folder --json" "$TR_SOURCE_DIR/docs/schemas/check.schema.json" "$T/a.json"
# SSL_CERT_DIR naming the same folder: the same answer.
SSL_CERT_DIR="$T/dir" "$TRUSTREADY" check --store ssl-cert-dir --at $AT > /dev/null 2>&1
expect_exit "SSL_CERT_DIR=unhashed folder: NOT READY" 1 $?

# Run the printed fix as printed; then READY, and openssl agrees.
bash "$T/fix.sh" && ok "ran: $(cat "$T/fix.sh")" || bad "fix failed: $(cat "$T/fix.sh")"
"$TRUSTREADY" check --store "$T/dir" --at $AT --json > "$T/b.json"; rc=$?
expect_exit "after the fix: READY" 0 "$rc"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stores"][0]; assert s["anchor_count"]==5 and s["notes"]==[], s' "$T/b.json" \
  && ok "after the fix: 5 anchors, no note" || bad "after the fix"
capath_verifies "$T/dir" && ok "oracle: openssl -CApath verifies after the fix" || bad "oracle still fails"
SSL_CERT_DIR="$T/dir" "$TRUSTREADY" check --store ssl-cert-dir --at $AT > /dev/null 2>&1
expect_exit "SSL_CERT_DIR after the fix: READY" 0 $?

# A gap in the numbering: OpenSSL stops at the first missing <hash>.N.
h=$(openssl x509 -noout -subject_hash -in "$T/dir/AmazonRootCA1.pem")
mkdir "$T/gap"; cp "$T/dir/AmazonRootCA1.pem" "$T/gap/"; ln -s AmazonRootCA1.pem "$T/gap/$h.1"
capath_verifies "$T/gap" && bad "oracle: openssl found $h.1 without $h.0" || ok "oracle: openssl stops at a missing $h.0"
"$TRUSTREADY" check --store "$T/gap" --at $AT --json > "$T/gap.json"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stores"][0]; assert s["anchor_count"]==0, s["anchor_count"]' "$T/gap.json" \
  && ok "$h.1 without $h.0 is not an anchor" || bad "gap counted"

# A folder holding only a bundle (an image's /etc/ssl/certs without
# update-ca-certificates): rehash cannot help; the note says why.
mkdir "$T/bundle"; cat "$T"/dir/*.pem > "$T/bundle/ca-certificates.crt"
"$TRUSTREADY" check --store "$T/bundle" --at $AT --json > "$T/c.json"; rc=$?
expect_exit "bundle-only folder: NOT READY" 1 "$rc"
python3 -c '
import json,sys
s=json.load(open(sys.argv[1]))["stores"][0]
assert s["anchor_count"]==0 and s["notes"][0]["fix"] is None and "is a bundle" in s["notes"][0]["message"], s["notes"]
assert not any("rehash" in r for r in s["remediation"]), s["remediation"]' "$T/c.json" \
  && ok "bundle-only folder: noted as a bundle, no rehash offered" || bad "bundle-only folder"

# Failure 4: an archive holding PEM files is not a PEM bundle.
tar -C "$T" -cf "$T/certs.tar" dir
"$TRUSTREADY" check --store "$T/certs.tar" --at $AT > /dev/null 2> "$T/err"; rc=$?
expect_exit "--store a tar of PEM files" 2 "$rc"
grep -q "certs.tar: a tar archive, not a trust store" "$T/err" && ok "tar named" || { bad "tar message"; cat "$T/err"; }
gzip -k "$T/certs.tar"
"$TRUSTREADY" store show "$T/certs.tar.gz" > /dev/null 2> "$T/err"; rc=$?
[[ $rc -eq 2 ]] && grep -q "gzip-compressed file, not a trust store" "$T/err" && ok "store show names a gzip" || { bad "store show gzip: $rc"; cat "$T/err"; }

# A chain given where a store is expected is named as a chain.
openssl x509 -inform der -in "$A/valid.rootca1.demo.amazontrust.com.cer" > "$T/leafchain.pem"
openssl x509 -inform der -in "$A/r2m03.cer" >> "$T/leafchain.pem"
"$TRUSTREADY" check --store "$T/leafchain.pem" --at $AT > /dev/null 2> "$T/err"; rc=$?
expect_exit "--store a leaf and its issuer" 2 "$rc"
grep -q "leafchain.pem: a certificate chain (.* and 1 issuer), not a trust store" "$T/err" && ok "chain named" || { bad "chain message"; cat "$T/err"; }

[[ $fails -eq 0 ]]
