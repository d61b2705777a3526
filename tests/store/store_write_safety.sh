#!/usr/bin/env bash
# Store writes under hostile conditions (issue 17, items 2, 3, 5):
# - a symbolic link planted at a temporary-file name is never written
#   through (the old writer used PATH.tmp.<pid>, opened without O_EXCL);
# - temporary files left by a killed run are removed by the next write,
#   links among them removed without touching their targets;
# - after three adds the original store is still recoverable from a backup;
# - an edited store keeps its mode whatever the umask;
# - a sparse 600 MB "store" is refused from its size, without being read.
# Env: TRUSTREADY, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
source "$(dirname "$0")/../lib/common.bash"
TR="$TRUSTREADY"
A="$TR_SHARED_DATA/amazon-trust-services"
count() { "$TR" store show "$1" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["anchors"]))'; }

# --- 2. A link planted at the temporary name ------------------------------
mkdir -p "$T/s" "$T/elsewhere"
cp "$A/AmazonRootCA1.cer" "$T/root1.cer"
openssl x509 -inform DER -in "$A/AmazonRootCA1.cer" -out "$T/s/store.pem"
echo "precious, not a store" >"$T/elsewhere/victim"
cp "$T/elsewhere/victim" "$T/victim.orig"
# The old temporary name was STORE.tmp.<pid>: exec keeps the shell's pid, so
# the link is at exactly the name the writer would use. Links at the new
# prefix too (a dead pid's leftover, which the next write removes).
bash -c 'ln -s "$1/elsewhere/victim" "$1/s/store.pem.tmp.$$"
         ln -s "$1/elsewhere/victim" "$1/s/.store.pem.trtmp.$$.planted"
         exec "$2" store add "$1/s/store.pem" "$3" >"$1/add.out" 2>&1' _ "$T" "$TR" "$A/AmazonRootCA2.cer"
rc=$?
expect_exit "store add with planted links" 0 "$rc"
if cmp -s "$T/elsewhere/victim" "$T/victim.orig"; then ok "planted link's target untouched"; else
  bad "the write went through a planted link: $(head -c 200 "$T/elsewhere/victim")"; fi
[[ -f "$T/s/store.pem" && ! -L "$T/s/store.pem" ]] && ok "store is a regular file" || bad "store replaced by a link"
[[ $(count "$T/s/store.pem") == 2 ]] && ok "store has both roots" || bad "store does not have 2 anchors"

# Leftovers of killed runs (a pid that cannot be running: above pid_max),
# one a regular file, one a link; the next write removes both.
dead=$(( $(cat /proc/sys/kernel/pid_max) + 1 ))
echo "half a store" >"$T/s/.store.pem.trtmp.$dead.abc123"
ln -s "$T/elsewhere/victim" "$T/s/.store.pem.trtmp.$dead.def456"
"$TR" store add "$T/s/store.pem" "$A/AmazonRootCA3.cer" >/dev/null 2>&1
expect_exit "store add after a killed run" 0 $?
left=$(find "$T/s" -name '.store.pem.trtmp.*' | wc -l)
[[ $left == 0 ]] && ok "killed runs' temporary files removed" || bad "$left temporary files left: $(ls -a "$T/s")"
[[ -z $(find "$T/s" -name 'store.pem.tmp.*' -newer "$T/victim.orig" -type f) ]] && ok "no file at the old temporary name" || bad "old-style temporary file written"
cmp -s "$T/elsewhere/victim" "$T/victim.orig" && ok "victim still untouched" || bad "victim changed"

# --- 3. Backups: the original survives three adds --------------------------
mkdir -p "$T/b"
openssl x509 -inform DER -in "$A/AmazonRootCA1.cer" -out "$T/b/store.pem"
cp "$T/b/store.pem" "$T/original.pem"
for c in AmazonRootCA2 AmazonRootCA3 AmazonRootCA4; do
  "$TR" store add "$T/b/store.pem" "$A/$c.cer" >/dev/null 2>&1 || bad "store add $c failed"
done
[[ $(count "$T/b/store.pem") == 4 ]] && ok "three adds: 4 anchors" || bad "three adds: not 4 anchors"
found=""
for f in "$T/b"/store.pem.bak*; do cmp -s "$f" "$T/original.pem" && found=$f; done
if [[ -n $found ]]; then ok "original recoverable after three adds ($(basename "$found"))"; else
  bad "original gone after three adds: $(ls "$T/b")"; fi
cmp -s "$T/b/store.pem.bak" "$T/original.pem" && ok "STORE.bak is the original" || bad "STORE.bak is not the original"
nbak=$(ls "$T/b" | grep -c '^store.pem.bak')
[[ $nbak == 3 ]] && ok "one backup per edit ($nbak)" || bad "expected 3 backups, found $nbak: $(ls "$T/b")"
# The output names the backup it wrote.
"$TR" store add "$T/b/store.pem" "$A/SFSRootCAG2.cer" >"$T/add.txt" 2>&1
grep -q "backup $T/b/store.pem.bak.3\$" "$T/add.txt" && cmp -s "$T/b/store.pem.bak" "$T/original.pem" &&
  ok "4th add: backup .bak.3 named, .bak still the original" || bad "4th add: $(cat "$T/add.txt")"

# The store keeps its mode (a bundle everyone reads stays readable).
mkdir -p "$T/m"
openssl x509 -inform DER -in "$A/AmazonRootCA1.cer" -out "$T/m/store.pem"
chmod 0644 "$T/m/store.pem"
(umask 077; "$TR" store add "$T/m/store.pem" "$A/AmazonRootCA2.cer" >/dev/null 2>&1)
mode=$(stat -c %a "$T/m/store.pem")
[[ $mode == 644 ]] && ok "mode 644 kept under umask 077" || bad "mode became $mode"

# --- 5. A sparse 600 MB file is refused from its size ----------------------
truncate -s 600M "$T/big.pem"
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$T/rss" "$TR" store show "$T/big.pem" >"$T/out" 2>"$T/err"
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
rss_kb=$(tail -1 "$T/rss")
expect_exit "sparse 600 MB store: exit 2" 2 "$rc"
grep -q "big.pem" "$T/err" && grep -q "larger than" "$T/err" && ok "error names the file and the cap" ||
  bad "error: $(cat "$T/err")"
[[ $ms -lt 1500 ]] && ok "refused in $ms ms" || bad "took $ms ms (read instead of stat?)"
[[ $rss_kb -lt 200000 ]] && ok "peak memory ${rss_kb} KiB" || bad "peak memory ${rss_kb} KiB (file read into memory)"
# The same file as a store inside an image tree.
mkdir -p "$T/img/etc/ssl/certs"
truncate -s 600M "$T/img/etc/ssl/certs/ca-certificates.crt"
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$T/rss" "$TR" store list --root "$T/img" --json >"$T/out" 2>"$T/err"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
rss_kb=$(tail -1 "$T/rss")
[[ $ms -lt 3000 && $rss_kb -lt 200000 ]] && ok "image tree with a sparse store: $ms ms, ${rss_kb} KiB" ||
  bad "image tree with a sparse store: $ms ms, ${rss_kb} KiB"

[[ $fails -eq 0 ]]
