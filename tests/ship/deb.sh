#!/usr/bin/env bash
# Issue 18: the Debian package. Builds it with CPack from the test build,
# checks its metadata (runtime library dependencies from dpkg-shlibdeps, a
# separate -dbgsym package with the debug info), then installs it into a
# throwaway root with `dpkg -x`, together with the files of every package it
# depends on (their closure, taken from this machine's installed packages
# with `dpkg -L`: the same bytes apt would unpack) and runs it there under
# chroot: nothing of the build tree or of this machine's other files is
# visible to it.
# Env: TRUSTREADY, TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
BUILD=$(dirname "$TRUSTREADY")
A="$TR_SHARED_DATA/amazon-trust-services"

(cd "$T" && cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$T/pkg") >"$T/cpack.log" 2>&1 \
  || { tail -20 "$T/cpack.log"; bad "cpack"; exit 1; }
deb=$(ls "$T"/pkg/trustready_*_amd64.deb 2>/dev/null | head -1)
dbg=$(ls "$T"/pkg/trustready-dbgsym_*.ddeb "$T"/pkg/trustready-dbgsym_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] && ok "built $(basename "$deb")" || { ls "$T/pkg"; bad "no .deb"; exit 1; }
[[ -n "$dbg" ]] && ok "debug info split into $(basename "$dbg")" || bad "no -dbgsym package"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libc6 libssl3 libarchive13 libpq5 libsqlite3-0; do  # libstdc++ is linked in (issue 18)
  grep -q "$lib" <<<"$depends" && ok "depends on $lib" || bad "Depends lacks $lib"
done
size=$(stat -c %s "$(dpkg-deb -c "$deb" >/dev/null; echo "$deb")")
(( size < 60000000 )) && ok "package is $((size / 1000000)) MB (stripped)" || bad "package is $size bytes: not stripped?"

root="$T/root"
mkdir -p "$root"
dpkg -x "$deb" "$root"
# /lib, /lib64 and /bin are links to /usr/... on Debian 12 (merged /usr);
# the files of libc6 are listed under /lib, so recreate those links first.
for l in lib lib64 bin sbin; do
  if [[ -L "/$l" && ! -e "$root/$l" ]]; then
    target=$(readlink "/$l")
    mkdir -p "$root/${target#/}"
    ln -s "$target" "$root/$l"
  fi
done
# The dependency closure, from the installed packages' own file lists.
declare -A seen=()
queue=($(sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g' <<<"$depends"))
while ((${#queue[@]})); do
  p=${queue[0]}; queue=("${queue[@]:1}")
  [[ -n "${seen[$p]:-}" ]] && continue
  seen[$p]=1
  pkgname=$(dpkg-query -W -f='${Package}:${Architecture}\n' "$p" 2>/dev/null | head -1)
  [[ -z "$pkgname" ]] && { bad "dependency $p is not installed here"; continue; }
  while IFS= read -r f; do
    if [[ -f "$f" || -L "$f" ]]; then mkdir -p "$root$(dirname "$f")"; cp -a "$f" "$root$f"; fi
  done < <(dpkg -L "$p" 2>/dev/null)
  for d in $(dpkg-query -W -f='${Depends} ${Pre-Depends}' "$p" 2>/dev/null | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g'); do
    d=${d%%:*}
    [[ -z "${seen[$d]:-}" ]] && queue+=("$d")
  done
done
mkdir -p "$root/tmp" "$root/work"
cp "$A/AmazonRootCA1.cer" "$A/AmazonRootCA3.cer" "$A/r2m01.cer" "$root/work/"
echo "root has ${#seen[@]} packages: ${!seen[*]}"

in_root() { chroot "$root" /usr/bin/trustready "$@"; }
in_root --version > "$T/version.txt" 2>&1; expect_exit "trustready --version in the root" 0 $?
grep -Eq "^data: /usr/share/trustready/data \(platform snapshots up to 20[0-9-]{8}\)$" "$T/version.txt" && ok "data found at /usr/share/trustready/data" || { cat "$T/version.txt"; bad "data folder"; }
in_root verify /work/r2m01.cer --store /work/AmazonRootCA1.cer > "$T/v.txt" 2>&1; expect_exit "verify in the root: trusted" 0 $?
in_root verify /work/r2m01.cer --store /work/AmazonRootCA3.cer > "$T/v2.txt" 2>&1; expect_exit "verify in the root: not trusted" 1 $?
in_root check --store /work/AmazonRootCA3.cer > "$T/c.txt" 2>&1; expect_exit "check in the root: not ready" 1 $?
grep -q "NOT READY" "$T/c.txt" && ok "check names the store NOT READY" || { cat "$T/c.txt"; bad "check output"; }
in_root check --store android:7.0 > "$T/c2.txt" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && ok "check --store android:7.0 in the root (exit $rc)" || { cat "$T/c2.txt"; bad "platform check"; }
# libarchive is opened at run time by `check --image` (not linked): a
# `docker save`-shaped archive, judged inside the root, proves the package
# depends on it and finds it.
openssl x509 -inform der -in "$A/AmazonRootCA1.cer" -out "$T/root1.pem"
python3 - "$root/work/image.tar" "$T/root1.pem" <<'PY'
import io, json, sys, tarfile
out, pem = sys.argv[1], open(sys.argv[2], "rb").read()
def add(t, name, data):
    info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    add(t, "etc/ssl/certs/ca-certificates.crt", pem)
with tarfile.open(out, "w") as t:
    add(t, "layer.tar", layer.getvalue())
    add(t, "config.json", json.dumps({"config": {"Env": ["PATH=/usr/bin"]}}).encode())
    add(t, "manifest.json", json.dumps([{"Config": "config.json", "Layers": ["layer.tar"]}]).encode())
PY
in_root check --image /work/image.tar > "$T/img.txt" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && grep -q "ca-certificates.crt" "$T/img.txt" && ok "check --image in the root (libarchive opened at run time, exit $rc)" \
  || { cat "$T/img.txt"; bad "check --image in the root exit $rc"; }
[[ -s "$root/usr/share/man/man1/trustready.1" ]] && ok "man page in the package" || bad "no man page"
[[ -s "$root/usr/share/bash-completion/completions/trustready" ]] && ok "bash completion in the package" || bad "no completion"
[[ $fails -eq 0 ]]
