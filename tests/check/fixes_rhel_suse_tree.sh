#!/usr/bin/env bash
# Issue 13, "fixes that work when pasted", for RHEL/Fedora and SUSE trees
# (`check --root`; an image unpacked): the Dockerfile lines printed for their
# system stores (COPY into /etc/pki/ca-trust/source/anchors + RUN
# update-ca-trust extract; COPY into /etc/pki/trust/anchors + RUN
# update-ca-certificates) are applied to the tree by
# tests/check/apply_dockerfile.py. Debian ships neither update-ca-trust nor
# SUSE's update-ca-certificates: both are shell scripts of `p11-kit extract`
# / `trust extract` calls, which apply_dockerfile.py runs with Debian's
# p11-kit (package p11-kit, the same program) with the same formats,
# filters and purposes, its trust module reading the tree's source folders
# (the trust paths those systems build p11-kit with) in a private mount
# namespace. The trees' starting stores are made the same way (Amazon Root
# CA 3 as the one shipped anchor), with the links their packages ship
# (RHEL: /etc/pki/tls/certs/ca-bundle.crt, /etc/pki/java/cacerts,
# /etc/ssl/certs -> /etc/pki/tls/certs; SUSE: /etc/ssl/ca-bundle.pem and
# /etc/ssl/certs, made by its hooks).
# Checks: before, NOT READY with the system's own fix for its bundle, its
# hashed folder and its Java cacerts (which update-ca-trust and SUSE's java.run
# write: one block, no keytool, no Debian path, no sudo); the lines applied;
# after, READY, and openssl verify (-CAfile the bundle, -CApath the folder)
# and keytool -list on the generated cacerts agree; applied twice, still
# READY.
# Needs root and unshare --mount (skipped, saying so, without them) and
# p11-kit's `trust` (scripts/install-deps.sh test).
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
if [[ $(id -u) != 0 ]] || ! unshare --mount --propagation private true 2>/dev/null; then
  echo "skip: needs root and unshare --mount (the trust module's paths are set in a private mount namespace)"
  exit 0
fi
command -v trust >/dev/null || { bad "p11-kit's trust is not installed (scripts/install-deps.sh test installs p11-kit)"; exit 1; }
ROOTS="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots"
ISSUING="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/issuing"
CA3="$ROOTS/AmazonRootCA3.pem"
APPLY="$TR_SOURCE_DIR/tests/check/apply_dockerfile.py"
mkdir -p "$T/ctx"; cp "$ROOTS"/*.pem "$T/ctx/"

make_rhel() {  # DIR: a RHEL 9 layout
  mkdir -p "$1/etc/pki/tls/certs" "$1/usr/share/pki/ca-trust-source/anchors" "$1/etc/pki/ca-trust/source/anchors" \
    "$1/etc/pki/java" "$1/etc/ssl"
  printf 'ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.4"\n' >"$1/etc/os-release"
  cp "$CA3" "$1/usr/share/pki/ca-trust-source/anchors/ca3.pem"
  ln -s /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem "$1/etc/pki/tls/certs/ca-bundle.crt"
  ln -s /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem "$1/etc/pki/tls/cert.pem"
  ln -s /etc/pki/ca-trust/extracted/java/cacerts "$1/etc/pki/java/cacerts"
  ln -s ../pki/tls/certs "$1/etc/ssl/certs"
  python3 "$APPLY" --update-ca-certificates "$1"
}
make_suse() {  # DIR: an openSUSE Leap layout
  mkdir -p "$1/etc/pki/trust/anchors" "$1/usr/share/pki/trust/anchors" "$1/etc/ssl"
  printf 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\n' >"$1/etc/os-release"
  cp "$CA3" "$1/usr/share/pki/trust/anchors/ca3.pem"
  python3 "$APPLY" --update-ca-certificates "$1"
}

for os in rhel suse; do
  tree=$T/$os
  "make_$os" "$tree" || { bad "$os: making the tree"; continue; }
  if [[ $os == rhel ]]; then
    bundle=/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem; dir=/etc/pki/ca-trust/extracted/pem/directory-hash
    java=/etc/pki/java/cacerts; javafile=/etc/pki/ca-trust/extracted/java/cacerts; kind=rhel-system; run='RUN update-ca-trust extract'; anchors=/etc/pki/ca-trust/source/anchors
  else
    bundle=/var/lib/ca-certificates/ca-bundle.pem; dir=/var/lib/ca-certificates/pem
    java=/var/lib/ca-certificates/java-cacerts; javafile=$java; kind=suse-system; run='RUN update-ca-certificates'; anchors=/etc/pki/trust/anchors
  fi
  "$TRUSTREADY" check --root "$tree" --json >"$T/$os.before.json" 2>"$T/err"
  expect_exit "$os: NOT READY before" 1 $?
  python3 - "$T/$os.before.json" "$bundle" "$dir" "$java" "$kind" "$run" "$anchors" >"$T/$os.fixes" <<'PY' \
    && ok "$os: system, system-dir and java are $kind, one fix block (COPY into $anchors, $run)" \
    || { bad "$os: the stores or their fixes"; cat "$T/$os.fixes"; }
import json, sys
d = json.load(open(sys.argv[1]))
bundle, folder, java, kind, run, anchors = sys.argv[2:8]
stores = {s["store"]: s for s in d["stores"]}
assert set(stores) == {"system", "system-dir", "java"}, list(stores)
assert stores["system"]["location"] == bundle, stores["system"]["location"]
assert stores["system-dir"]["location"] == folder, stores["system-dir"]["location"]
assert stores["java"]["location"] == java, stores["java"]["location"]
fixes = []
for s in stores.values():
    assert s["state"] == "not_ready" and s["kind"] == kind, (s["store"], s["state"], s["kind"])
    assert s["remediation"] == stores["system"]["remediation"], (s["store"], s["remediation"])
for c in stores["system"]["remediation"]:
    assert c.startswith(("COPY ", "RUN ", "# ")), c
    assert "sudo" not in c and "keytool" not in c and "/usr/local/share/ca-certificates" not in c, c
    if c.startswith("COPY "):
        assert c.split()[2].startswith(anchors + "/"), c
    fixes.append(c)
assert fixes[-1] == run, fixes
print("\n".join(fixes))
PY
  n=$(python3 "$APPLY" "$tree" "$T/ctx" "$T/$os.fixes") && ok "$os: $n Dockerfile lines applied" \
    || { bad "$os: applying the lines"; continue; }
  "$TRUSTREADY" check --root "$tree" --json >"$T/$os.after.json" 2>"$T/err"
  rc=$?
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["ready"] and len(d["stores"]) == 3 and all(s["state"] == "ready" for s in d["stores"]) else 1)' \
    "$T/$os.after.json" && [[ $rc == 0 ]] && ok "$os: READY after the fixes" || { bad "$os after: exit $rc"; cat "$T/err"; }
  # The oracles: openssl on the bundle and the hashed folder, keytool on the
  # generated cacerts (p11-kit writes it with the password changeit).
  for ica in r2m01 r4m01 e2m01 e3m01; do
    openssl verify -no-CApath -CAfile "$tree$bundle" "$ISSUING/$ica.pem" >/dev/null 2>&1 \
      && openssl verify -no-CAfile -CApath "$tree$dir" "$ISSUING/$ica.pem" >/dev/null 2>&1 \
      || bad "$os: openssl verify $ica (CAfile $bundle, CApath $dir)"
  done
  ok "$os: openssl verify accepts the four hierarchies (CAfile and CApath)"
  n=$(keytool -list -keystore "$tree$javafile" -storepass changeit 2>/dev/null | grep -c trustedCertEntry)
  [[ $n == 4 ]] && ok "$os: keytool lists 4 roots in $java" || bad "$os: keytool lists $n entries in $java"
  python3 "$APPLY" "$tree" "$T/ctx" "$T/$os.fixes" >/dev/null && "$TRUSTREADY" check --root "$tree" >/dev/null 2>&1 \
    && ok "$os: applied twice, still READY" || bad "$os: applied twice"
done
[[ $fails -eq 0 ]]
