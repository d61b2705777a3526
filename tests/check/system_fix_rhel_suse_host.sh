#!/usr/bin/env bash
# Issue 13, "fixes that work when pasted", for the system store of a RHEL or
# SUSE machine itself (not a tree): `check` there prints
#   sudo cp ROOT /etc/pki/ca-trust/source/anchors/ALIAS.pem + sudo update-ca-trust extract
#   sudo cp ROOT /etc/pki/trust/anchors/ALIAS.pem + sudo update-ca-certificates   (SUSE)
# This machine is Debian, so each system is a throwaway root entered with
# chroot inside a private mount namespace (unshare --mount; nothing of the
# host is written): a tmpfs root whose /usr is this machine's (read-only
# overlay), whose /etc holds the RHEL/SUSE trust layout (and the host's
# passwd, sudoers and PAM files, for the real sudo). Debian ships neither
# update-ca-trust nor SUSE's update-ca-certificates: in the root they are
# the emulation of tests/check/apply_dockerfile.py (the `trust extract`
# calls of those scripts, run with Debian's p11-kit on the root's own source
# folders), placed by the overlay where the systems have them. The starting
# store is made by that same command from Amazon Root CA 3 alone.
# Inside the root: trustready check --store system --store system-dir
# --store java is NOT READY with the system's own lines; they are taken from
# --json and run by bash as printed (twice); then READY, and openssl verify
# (the bundle by -CAfile, the hashed folder by -CApath) accepts the four
# Amazon hierarchies.
# Needs root, unshare --mount, overlayfs, sudo and p11-kit (skipped,
# saying so, without the first three).
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
if [[ $(id -u) != 0 ]] || ! unshare --mount --propagation private true 2>/dev/null; then
  echo "skip: needs root and unshare --mount to build a throwaway RHEL/SUSE root"
  exit 0
fi
for p in sudo trust; do
  command -v $p >/dev/null || { bad "$p is not installed (scripts/install-deps.sh test installs sudo and p11-kit)"; exit 1; }
done
TRUSTREADY=$(readlink -f "$TRUSTREADY")
APPLY="$TR_SOURCE_DIR/tests/check/apply_dockerfile.py"
CA3="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots/AmazonRootCA3.pem"

# The system tools the root gets: update-ca-trust (RHEL) and SUSE's
# update-ca-certificates, both the emulation run on the root itself.
mkdir -p "$T/extra/bin" "$T/extra/sbin" "$T/mnt/src" "$T/mnt/data"
printf '#!/bin/sh\nexec python3 /mnt/src/tests/check/apply_dockerfile.py --update-ca-certificates /\n' \
  | tee "$T/extra/bin/update-ca-trust" >"$T/extra/sbin/update-ca-certificates"
chmod +x "$T/extra/bin/update-ca-trust" "$T/extra/sbin/update-ca-certificates"

cat >"$T/inner.bash" <<'EOF'
# In the private mount namespace: build the root for $OS, run the check in it.
set -euo pipefail
R=$T/root
mkdir -p "$R"
mount -t tmpfs tmpfs "$R"
mkdir -p "$R/usr" "$R/etc" "$R/tmp" "$R/proc" "$R/dev" "$R/var" "$R/mnt/src" "$R/mnt/trustready"
# SUSE's update-ca-certificates shadows Debian's; RHEL gets update-ca-trust.
if [[ $OS == suse ]]; then extra=$T/extra-suse; mkdir -p "$extra/sbin"; cp "$T/extra/sbin/update-ca-certificates" "$extra/sbin/"
else extra=$T/extra-rhel; mkdir -p "$extra/bin"; cp "$T/extra/bin/update-ca-trust" "$extra/bin/"; fi
mount -t overlay overlay -o "lowerdir=$extra:/usr" "$R/usr"
for l in bin lib lib64 sbin; do ln -s "usr/$l" "$R/$l"; done
for f in passwd group shadow sudoers nsswitch.conf login.defs hosts; do
  [[ -e /etc/$f ]] && touch "$R/etc/$f" && mount --bind "/etc/$f" "$R/etc/$f"
done
for d in sudoers.d pam.d security alternatives; do
  [[ -d /etc/$d ]] && mkdir -p "$R/etc/$d" && mount --bind "/etc/$d" "$R/etc/$d"
done
mount --rbind /dev "$R/dev"
mount -t proc proc "$R/proc"
mount --bind "$TR_SOURCE_DIR" "$R/mnt/src"
touch "$R/mnt/trustready/trustready"; mount --bind "$TRUSTREADY" "$R/mnt/trustready/trustready"
# The system's trust layout (as in fixes_rhel_suse_tree.sh), made by its
# own update command from Amazon Root CA 3 alone.
if [[ $OS == rhel ]]; then
  mkdir -p "$R/etc/pki/tls/certs" "$R/etc/pki/ca-trust/source/anchors" "$R/etc/pki/java" "$R/etc/ssl"
  printf 'ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.4"\n' >"$R/etc/os-release"
  # /usr is this machine's: the shipped anchor goes to /etc/pki/ca-trust/source
  # (the other folder update-ca-trust reads).
  cp "$CA3" "$R/etc/pki/ca-trust/source/anchors/ca3.pem"
  ln -s /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem "$R/etc/pki/tls/certs/ca-bundle.crt"
  ln -s /etc/pki/ca-trust/extracted/java/cacerts "$R/etc/pki/java/cacerts"
  ln -s ../pki/tls/certs "$R/etc/ssl/certs"
  BUNDLE=/etc/pki/tls/certs/ca-bundle.crt; DIR=/etc/pki/ca-trust/extracted/pem/directory-hash
else
  mkdir -p "$R/etc/pki/trust/anchors" "$R/etc/ssl"
  printf 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\n' >"$R/etc/os-release"
  cp "$CA3" "$R/etc/pki/trust/anchors/ca3.pem"
  BUNDLE=/etc/ssl/ca-bundle.pem; DIR=/etc/ssl/certs
fi
export BUNDLE DIR
chroot "$R" /bin/bash -c '
  set -uo pipefail
  fails=0
  ok() { echo "ok: $OS: $1"; }
  bad() { echo "FAIL: $OS: $1"; fails=$((fails + 1)); }
  export TRUSTREADY_DATA=/mnt/src/data HOME=/tmp PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  cd /tmp
  if [[ $OS == rhel ]]; then update-ca-trust extract; else update-ca-certificates; fi >/dev/null || bad "making the store"
  tr=/mnt/trustready/trustready
  $tr check --store system --store system-dir --store java --json >before.json 2>err
  rc=$?
  [[ $rc == 1 ]] && ok "NOT READY before (exit 1)" || { bad "before: exit $rc"; cat err; }
  python3 - before.json "$OS" >fixes.txt <<PY || { bad "the printed fixes"; cat fixes.txt; }
import json, sys
d, os_ = json.load(open(sys.argv[1])), sys.argv[2]
kind, anchors, run = {"rhel": ("rhel-system", "/etc/pki/ca-trust/source/anchors/", "sudo update-ca-trust extract"),
                      "suse": ("suse-system", "/etc/pki/trust/anchors/", "sudo update-ca-certificates")}[os_]
seen = []
for s in d["stores"]:
    assert s["state"] == "not_ready" and s["kind"] == kind, (s["store"], s["state"], s["kind"], s["location"])
    for c in s["remediation"]:
        if c not in seen:
            seen.append(c)
assert seen[-1] == run, seen
for c in seen[:-1]:
    assert c.startswith("sudo cp ") and c.split()[-1].startswith(anchors), c
print("\n".join(seen))
PY
  [[ -s fixes.txt ]] && ok "printed: $(grep -c "^sudo cp" fixes.txt) x sudo cp + $(tail -1 fixes.txt)"
  { echo "set -e"; cat fixes.txt; } >fixes.bash
  for pass in first second; do
    bash fixes.bash >fix.out 2>&1 && ok "the lines ran as pasted ($pass time)" || { bad "a line failed ($pass time)"; cat fix.out; }
    $tr check --store system --store system-dir --store java --json >after.json 2>err
    rc=$?
    python3 -c "import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d[\"ready\"] and all(s[\"state\"] == \"ready\" for s in d[\"stores\"]) else 1)" after.json \
      && [[ $rc == 0 ]] && ok "READY after the fixes ($pass time)" || { bad "after ($pass time): exit $rc"; cat err; }
  done
  for ica in r2m01 r4m01 e2m01 e3m01; do
    openssl verify -no-CApath -CAfile "$BUNDLE" /mnt/src/data/profiles/amazon-trust-services/issuing/$ica.pem >/dev/null 2>&1 \
      && openssl verify -no-CAfile -CApath "$DIR" /mnt/src/data/profiles/amazon-trust-services/issuing/$ica.pem >/dev/null 2>&1 \
      || bad "openssl verify $ica (-CAfile $BUNDLE, -CApath $DIR)"
  done
  ok "openssl verify: the four hierarchies by -CAfile $BUNDLE and -CApath $DIR"
  exit $((fails > 0))'
EOF

if ! unshare --mount --propagation private sh -c "mkdir -p $T/ovl && mount -t overlay overlay -o lowerdir=$T/extra:/usr $T/ovl" 2>/dev/null; then
  echo "skip: overlayfs not available for the throwaway root"
  exit 0
fi
export T TRUSTREADY TR_SOURCE_DIR CA3
for OS in rhel suse; do
  OS=$OS unshare --mount --propagation private bash "$T/inner.bash" || bad "$OS: the throwaway root's run"
done
[[ $fails -eq 0 ]]
