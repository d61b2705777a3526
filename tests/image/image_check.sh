#!/usr/bin/env bash
# check --image (issue 13): `docker save` archives (plain and gzipped) and
# OCI image layouts (folder and tar) built here with python3's tarfile (no
# Docker), two layers with an override, a whiteout and an opaque whiteout.
# Each must report the same stores, states and anchor counts as
# `check --root` on the tree the layers make (applied by make_images.py,
# independently of trustready). The image's Env (SSL_CERT_FILE,
# SSL_CERT_DIR) changes the answer; a hostile image writes nothing outside
# its private tree; an image given as a store is named as an archive
# (it used to be READY with 144 anchors).
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
A="$TR_SHARED_DATA/amazon-trust-services"
AT=2026-01-01

mkdir -p "$T/files" "$T/img" "$T/tmp"
export TMPDIR="$T/tmp"  # where the private trees go: checked empty at the end
for c in AmazonRootCA1 AmazonRootCA2 AmazonRootCA3 AmazonRootCA4 SFSRootCAG2 r2m01; do
  openssl x509 -inform der -in "$A/$c.cer" -out "$T/files/$c.pem"
done
# The image's Java cacerts: every root, JKS with Java's default password.
cat "$T"/files/{AmazonRootCA1,AmazonRootCA2,AmazonRootCA3,AmazonRootCA4,SFSRootCAG2}.pem > "$T/files/bundle.pem"
"$TRUSTREADY" store export "$T/files/bundle.pem" --format jks --out "$T/files/cacerts.jks" --password changeit > /dev/null \
  || bad "store export jks"
python3 "$TR_SOURCE_DIR/tests/image/make_images.py" "$T/img" "$T/files" || { bad "make_images.py"; exit 1; }

summary() {  # check --json on stdin -> "name state anchors location" lines, sorted
  python3 -c '
import json, sys
d = json.load(sys.stdin)
for s in d["stores"]:
    print(s["store"], s["state"], s.get("anchor_count", "-"), s["location"])
' | sort
}

"$TRUSTREADY" check --root "$T/img/rootfs" --at $AT --json > "$T/root.json"; root_rc=$?
summary < "$T/root.json" > "$T/root.txt"
echo "--root on the tree the layers make:"; sed 's/^/  /' "$T/root.txt"
[[ $root_rc -eq 0 ]] && ok "--root: READY (every store)" || bad "--root exit $root_rc"
grep -q '^certifi ' "$T/root.txt" && bad "certifi whited out but listed" || ok "whiteout: certifi gone from the oracle tree"

for img in save.tar save.tar.gz oci oci.tar; do
  "$TRUSTREADY" check --image "$T/img/$img" --at $AT --json > "$T/$img.json"; rc=$?
  summary < "$T/$img.json" > "$T/$img.txt"
  if diff -u "$T/root.txt" "$T/$img.txt" > "$T/diff"; then
    ok "--image $img: same stores, states and anchor counts as --root"
  else
    bad "--image $img differs from --root"; cat "$T/diff"
  fi
  expect_exit "--image $img exit" "$root_rc" "$rc"
  python3 - "$T/$img.json" "$img" <<'PY' && ok "--image $img: image block" || bad "--image $img: image block"
import json, sys
d = json.load(open(sys.argv[1]))
im = d["image"]
assert d["root"] is None, d["root"]
assert im["format"] == ("oci-layout" if sys.argv[2].startswith("oci") else "docker-save"), im
assert im["layers"] == 2, im
assert any(e.startswith("PATH=") for e in im["env"]), im
# The system bundle is layer 2's (all five roots), not layer 1's (one root).
system = next(s for s in d["stores"] if s["store"] == "system")
assert system["anchor_count"] == 5, system["anchor_count"]
# The opaque whiteout took OLD.crt away: only the five roots are hashed.
sysdir = next(s for s in d["stores"] if s["store"] == "system-dir")
assert sysdir["anchor_count"] == 5, sysdir["anchor_count"]
PY
  schema_matches "--image $img" "$TR_SOURCE_DIR/docs/schemas/check.schema.json" "$T/$img.json"
done

# The image's Env: SSL_CERT_FILE names a bundle holding only Amazon Root CA 3.
"$TRUSTREADY" check --image "$T/img/env.tar" --at $AT --json > "$T/env.json"; rc=$?
expect_exit "--image with SSL_CERT_FILE=/app/ca-link.pem: NOT READY" 1 "$rc"
python3 - "$T/env.json" <<'PY' && ok "SSL_CERT_FILE from the image's Env is judged (not ready, 1 anchor)" || bad "SSL_CERT_FILE store"
import json, sys
d = json.load(open(sys.argv[1]))
s = [s for s in d["stores"] if s["store"] == "ssl-cert-file"]
assert len(s) == 1, [x["store"] for x in d["stores"]]
assert s[0]["location"] == "/app/ca-link.pem" and s[0]["state"] == "not_ready" and s[0]["anchor_count"] == 1, s[0]
assert "SSL_CERT_FILE=/app/ca-link.pem" in d["image"]["env"]
PY
# The same tree with --root knows nothing of the Env: READY.
grep -q '^ssl-cert-file' "$T/root.txt" && bad "--root lists ssl-cert-file" || ok "--root alone has no SSL_CERT_FILE"
"$TRUSTREADY" check --image "$T/img/env-dir.tar" --at $AT --json > "$T/envdir.json"; rc=$?
expect_exit "--image with SSL_CERT_DIR=/etc/ssl/certs: READY" 0 "$rc"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = [s for s in d["stores"] if s["store"] == "ssl-cert-dir"]
assert len(s) == 1 and s[0]["anchor_count"] == 5 and s[0]["state"] == "ready", s' "$T/envdir.json" \
  && ok "SSL_CERT_DIR from the image's Env is judged as a CApath" || bad "SSL_CERT_DIR store"

# Text output names the image.
"$TRUSTREADY" check --image "$T/img/save.tar" --at $AT > "$T/text.txt" 2>&1
grep -q "stores of the image $T/img/save.tar (test/trust:1), docker-save, 2 layers" "$T/text.txt" \
  && ok "text names the image" || { bad "text header"; head -5 "$T/text.txt"; }

# Hostile image: '..' names and links out of the tree written through.
"$TRUSTREADY" check --image "$T/img/evil.tar" --at $AT --json > "$T/evil.json" 2> "$T/evil.err"; rc=$?
[[ -z "$(ls -A "$T/img/outside")" ]] && ok "hostile image: nothing written through its links" || bad "wrote outside: $(ls -A "$T/img/outside")"
[[ ! -e "$T/escaped.txt" && ! -e "$T/img/escaped.txt" && ! -e "$T/escaped2.txt" ]] && ok "hostile image: no '..' escape" \
  || bad "'..' entry escaped"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = {s["store"]: s for s in d["stores"]}
assert names["system"]["anchor_count"] == 5, names["system"]
assert names["java"]["location"] == "/etc/ssl/certs/java/cacerts" and names["java"]["anchor_count"] == 5, names["java"]' "$T/evil.json" \
  && ok "hostile image: its own files still judged (a folder replaces the link, as in an overlay)" || { bad "hostile image stores"; cat "$T/evil.err"; }

# Bad input: one line, exit 2.
for x in two.tar nosuch.tar; do
  "$TRUSTREADY" check --image "$T/img/$x" > /dev/null 2> "$T/err"; rc=$?
  expect_exit "--image $x" 2 "$rc"
  [[ $(wc -l < "$T/err") -eq 1 ]] && ok "--image $x: one line ($(cat "$T/err"))" || { bad "--image $x: error lines"; cat "$T/err"; }
done
grep -q "holds 2 images (a:1, b:1)" <("$TRUSTREADY" check --image "$T/img/two.tar" 2>&1) && ok "two images named" || bad "two images"
"$TRUSTREADY" check --image "$T/files/bundle.pem" > /dev/null 2>&1; expect_exit "--image on a PEM file" 2 $?
"$TRUSTREADY" check --image "$T/img/save.tar" --root "$T/img/rootfs" > /dev/null 2>&1; expect_exit "--image with --root" 2 $?

# Issue 13 item 4: an image archive given as a store is named as such (it
# was read as a PEM bundle: READY with 144 anchors).
for x in save.tar save.tar.gz oci.tar; do
  "$TRUSTREADY" check --store "$T/img/$x" --at $AT > /dev/null 2> "$T/err"; rc=$?
  expect_exit "--store $x" 2 "$rc"
  grep -Eq "(tar archive|gzip-compressed file), not a trust store" "$T/err" && ok "--store $x: named as an archive" || { bad "--store $x message"; cat "$T/err"; }
done
"$TRUSTREADY" check --store "$T/img/oci" --at $AT > /dev/null 2> "$T/err"; rc=$?
expect_exit "--store OCI layout folder" 2 "$rc"
grep -q "an OCI image layout, not a trust store" "$T/err" && ok "--store OCI folder: named" || { bad "OCI folder message"; cat "$T/err"; }

[[ -z "$(ls -A "$T/tmp")" ]] && ok "every private tree removed" || bad "left behind: $(ls -A "$T/tmp")"

[[ $fails -eq 0 ]]
