#!/usr/bin/env bash
# `--root DIR`: the stores of another system's file tree (an unpacked
# container image), found and read inside it. A Debian-shaped tree is built
# here with the links Debian really has (absolute links from /etc/ssl/certs
# to /usr/share/ca-certificates, the JVM's cacerts linking to
# /etc/ssl/certs/java/cacerts, Debian's certifi linking to the system
# bundle) plus hostile ones (links out of the tree to this machine's Amazon
# Root CA 1, a loop). Nothing outside the tree may be read: this machine
# trusts Amazon Root CA 1, the tree does not.
# Env: TRUSTREADY, TR_SOURCE_DIR, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ISRG="$TR_SOURCE_DIR/data/profiles/lets-encrypt/roots/ISRG-Root-X1.pem"
ATS="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots"
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"

R="$T/rootfs"
mkdir -p "$R/etc/ssl/certs/java" "$R/usr/share/ca-certificates/mozilla" \
  "$R/usr/lib/jvm/java-17-openjdk-amd64/lib/security" "$R/usr/lib/python3/dist-packages/certifi"
cp "$ISRG" "$R/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt"
cp "$ISRG" "$R/etc/ssl/certs/ca-certificates.crt"
ln -s /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt "$R/etc/ssl/certs/ISRG_Root_X1.pem"
ln -s ISRG_Root_X1.pem "$R/etc/ssl/certs/$(openssl x509 -in "$ISRG" -noout -subject_hash).0"
# Hostile: out of the tree, absolutely and relatively, to a root this
# machine has (when it has it) and the tree does not; and a loop.
# Under Amazon Root CA 1's subject hash, so that OpenSSL's lookup would use
# them.
H1=$(openssl x509 -in "$ATS/AmazonRootCA1.pem" -noout -subject_hash)
ln -s /usr/share/ca-certificates/mozilla/Amazon_Root_CA_1.crt "$R/etc/ssl/certs/$H1.0"
ln -s ../../../../../../../../../../usr/share/ca-certificates/mozilla/Amazon_Root_CA_1.crt "$R/etc/ssl/certs/$H1.1"
ln -s "$ATS/AmazonRootCA1.pem" "$R/etc/ssl/certs/$H1.2"
ln -s loop.pem "$R/etc/ssl/certs/loop.pem"
keytool -importcert -noprompt -alias isrgrootx1 -file "$ISRG" -keystore "$R/etc/ssl/certs/java/cacerts" \
  -storetype JKS -storepass changeit >/dev/null 2>&1 || bad "keytool could not make the tree's cacerts"
ln -s /etc/ssl/certs/java/cacerts "$R/usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts"
ln -s java-17-openjdk-amd64 "$R/usr/lib/jvm/default-java"
ln -s /etc/ssl/certs/ca-certificates.crt "$R/usr/lib/python3/dist-packages/certifi/cacert.pem"

# store list: the tree's stores, by their paths inside it; this shell's
# SSL_CERT_FILE and JAVA_HOME say nothing about the tree.
SSL_CERT_FILE="$ATS/AmazonRootCA1.pem" JAVA_HOME=/usr/lib/jvm/default-java \
  timeout 60 "$TRUSTREADY" store list --root "$R" --json >"$T/list.json" 2>"$T/err"
expect_exit "store list --root" 0 $?
python3 - "$T/list.json" <<'PY' || bad "store list --root: wrong stores"
import json, sys
stores = {s["name"]: s for s in json.load(open(sys.argv[1]))["stores"]}
want = {"system": "/etc/ssl/certs/ca-certificates.crt", "system-dir": "/etc/ssl/certs",
        "java": "/etc/ssl/certs/java/cacerts",
        "certifi": "/usr/lib/python3/dist-packages/certifi/cacert.pem"}
assert set(stores) == set(want), sorted(stores)
for name, source in want.items():
    assert stores[name]["source"] == source, (name, stores[name]["source"])
    assert stores[name]["anchors"] == 1, (name, stores[name])
    assert stores[name]["error"] is None, (name, stores[name])
PY
[[ $fails -eq 0 ]] && ok "store list --root: system, system-dir, java (one, through both JVM links), certifi; one anchor each"
"$TRUSTREADY" store list --json >"$T/list-here.json" 2>/dev/null
schema_matches "store list --root --json" "$TR_SOURCE_DIR/docs/schemas/store-list.schema.json" "$T/list.json"
schema_matches "store list --json" "$TR_SOURCE_DIR/docs/schemas/store-list.schema.json" "$T/list-here.json"
python3 - "$T/list.json" "$T/list-here.json" "$R" <<'PY' \
  && ok "store list JSON: root is the tree with --root, null without" || bad "store list JSON: root"
import json, sys
tree, here = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert tree["root"] == sys.argv[3] and here["root"] is None
PY

# The hashed directory as this machine sees it does hold Amazon Root CA 1
# through the escaping links (the kernel follows them to the host); inside
# the tree it must not.
if [[ -f /usr/share/ca-certificates/mozilla/Amazon_Root_CA_1.crt ]]; then
  "$TRUSTREADY" store show "$R/etc/ssl/certs" --json >"$T/host-view.json" 2>/dev/null
  grep -q "Amazon Root CA 1" "$T/host-view.json" && ok "without --root the escaping links reach this machine's file (the hazard is real)" \
    || bad "the test's escaping links do not reach this machine's Amazon Root CA 1"
fi

# check: not ready for Amazon Trust Services (the tree has only ISRG Root X1).
timeout 60 "$TRUSTREADY" check --root "$R" --at 2026-01-01T00:00:00Z --json >"$T/check.json" 2>"$T/err"
expect_exit "check --root, tree without Amazon roots" 1 $?
python3 - "$T/check.json" "$R" <<'PY' || bad "check --root JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["root"] == sys.argv[2], d["root"]
stores = {s["store"]: s for s in d["stores"]}
assert set(stores) == {"system", "system-dir", "java", "certifi"}, sorted(stores)
for s in stores.values():
    assert s["ready"] is False, s["store"]
    assert s["anchor_count"] == 1, (s["store"], s["anchor_count"])
    held = [a["name"] for a in s["anchors_present"] if a["present"]]
    assert not held, (s["store"], held)
assert stores["system"]["kind"] == "debian-system", stores["system"]["kind"]
assert stores["system"]["location"] == "/etc/ssl/certs/ca-certificates.crt"
assert any("update-ca-certificates" in c for c in stores["system"]["remediation"]), stores["system"]["remediation"]
assert any("keytool" in c and "/etc/ssl/certs/java/cacerts" in c for c in stores["java"]["remediation"]), stores["java"]["remediation"]
PY
schema_matches "check --root --json" "$TR_SOURCE_DIR/docs/schemas/check.schema.json" "$T/check.json"
NO_COLOR=1 timeout 60 "$TRUSTREADY" check --root "$R" --at 2026-01-01T00:00:00Z >"$T/check.txt" 2>&1
grep -q "stores of the file tree $R" "$T/check.txt" && ok "text output names the tree" || bad "text output does not name the tree"

# The image's bundle gains Starfield Services G2: the bundle and certifi
# (a link to it) become ready; the hashed directory (where OpenSSL finds
# neither the bundle nor a wrongly hashed link) and Java do not.
# The hashed directory also gets it, but under a hash that is not its
# subject's (a stale rehash): OpenSSL's lookup never finds it there.
cat "$ATS/SFSRootCAG2.pem" >>"$R/etc/ssl/certs/ca-certificates.crt"
cp "$ATS/SFSRootCAG2.pem" "$R/usr/share/ca-certificates/mozilla/SFS.crt"
ln -s /usr/share/ca-certificates/mozilla/SFS.crt "$R/etc/ssl/certs/deadbeef.0"
timeout 60 "$TRUSTREADY" check --root "$R" --at 2026-01-01T00:00:00Z --json >"$T/check2.json" 2>"$T/err"
expect_exit "check --root, bundle fixed, directory and Java not" 1 $?
python3 - "$T/check2.json" <<'PY' || bad "check --root after the bundle fix"
import json, sys
stores = {s["store"]: s for s in json.load(open(sys.argv[1]))["stores"]}
assert stores["system"]["ready"] and stores["certifi"]["ready"], stores
assert not stores["system-dir"]["ready"] and not stores["java"]["ready"], stores
PY
timeout 60 "$TRUSTREADY" check --root "$R" --store system --store certifi --at 2026-01-01T00:00:00Z >/dev/null 2>&1
expect_exit "check --root --store system --store certifi: ready" 0 $?

# A path given with --store names the tree's file, not this machine's.
timeout 60 "$TRUSTREADY" check --root "$R" --store /etc/ssl/certs/java/cacerts --at 2026-01-01T00:00:00Z --json >"$T/path.json" 2>"$T/err"
expect_exit "check --root --store PATH (the tree's Java store)" 1 $?
python3 - "$T/path.json" <<'PY' || bad "--store PATH under --root did not read the tree's file"
import json, sys
s = json.load(open(sys.argv[1]))["stores"]
assert len(s) == 1 and s[0]["location"] == "/etc/ssl/certs/java/cacerts" and s[0]["anchor_count"] == 1, s
PY

# NSS databases of the tree: read from a private copy of cert9.db/key4.db,
# so that the image's pkcs11.txt (which can name a module for certutil to
# load) and links in the database directory play no part.
if command -v certutil >/dev/null; then
  N="$R/etc/pki/nssdb"
  mkdir -p "$N"
  certutil -N -d "sql:$N" --empty-password >/dev/null 2>&1
  certutil -A -d "sql:$N" -n isrg -t "C,," -i "$ISRG" >/dev/null 2>&1
  cat >"$T/evil.c" <<'C'
#include <stdio.h>
__attribute__((constructor)) static void pwn(void) {
  FILE* f = fopen(getenv("TR_PWNED"), "w");
  if (f) { fputs("loaded\n", f); fclose(f); }
}
C
  if cc -shared -fPIC -o "$R/evil.so" "$T/evil.c" -include stdlib.h 2>/dev/null; then
    printf 'library=%s\nname=evil\n' "$R/evil.so" >>"$N/pkcs11.txt"
  fi
  TR_PWNED="$T/pwned" timeout 60 "$TRUSTREADY" store list --root "$R" --json >"$T/nss.json" 2>"$T/err"
  python3 - "$T/nss.json" <<'PY' && ok "NSS database of the tree read (1 anchor)" || bad "NSS database of the tree"
import json, sys
s = {x["name"]: x for x in json.load(open(sys.argv[1]))["stores"]}
assert s["nss"]["source"] == "/etc/pki/nssdb" and s["nss"]["anchors"] == 1, s.get("nss")
PY
  [[ ! -e "$T/pwned" ]] && ok "the tree's pkcs11.txt module was not loaded" || bad "certutil loaded a module named by the tree's pkcs11.txt"
fi

# Bad input: one line naming the input, exit 2.
"$TRUSTREADY" check --root "$T/no-such-dir" >"$T/out" 2>"$T/err"
rc=$?
expect_exit "--root missing directory" 2 $rc
[[ $(wc -l <"$T/err") -eq 1 ]] && grep -q "no-such-dir" "$T/err" && ok "one line naming the missing root" || { bad "error for a missing root"; cat "$T/err"; }
mkdir -p "$T/empty"
"$TRUSTREADY" check --root "$T/empty" >"$T/out" 2>"$T/err"
expect_exit "--root tree without stores" 2 $?
grep -q "no trust store found in $T/empty" "$T/err" && ok "says the tree has no store" || { bad "error for an empty tree"; cat "$T/err"; }
"$TRUSTREADY" check --root "$R" --store node >"$T/out" 2>"$T/err"
expect_exit "--root --store node (nothing in a tree is run)" 2 $?

[[ $fails -eq 0 ]]

