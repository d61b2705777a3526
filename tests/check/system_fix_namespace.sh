#!/usr/bin/env bash
# Issue 13, "fixes that work when pasted", for this machine's own system
# store: the lines `check` prints for a Debian system store
#   sudo cp ROOT /usr/local/share/ca-certificates/ALIAS.crt
#   sudo update-ca-certificates
# are taken from `check --json` (not retyped) and run by bash as printed,
# with the real sudo and the real update-ca-certificates, inside a private
# mount namespace (`unshare --mount`) whose /etc/ssl/certs,
# /usr/local/share/ca-certificates and /etc/ca-certificates are tmpfs and
# whose /etc/ca-certificates.conf is a bind-mounted copy: the host's store is
# never written (the suite compares it before and after). The empty
# /etc/ca-certificates hides the update.d hooks (ca-certificates-java's
# would rebuild a Java keystore); the store judged here is the one
# update-ca-certificates itself writes. The starting store is made by
# update-ca-certificates too, from the host's ca-certificates.conf without
# the Amazon and Starfield roots.
# Two profiles: the served demo PKI (`profiles create` from the chain
# `trustready serve` presents) and amazon-trust-services. Before: both NOT
# READY, curl and openssl s_client fail against the served endpoint. After
# the printed lines: `check --store system --store system-dir` READY for
# both, curl (its default CA bundle) gets HTTP 200, openssl s_client
# verifies (return code 0), openssl verify accepts an Amazon issuing CA by
# -CAfile and by -CApath. The lines pasted a second time succeed and change
# nothing.
# Needs root and unshare(CLONE_NEWNS) (skipped, saying so, without them);
# sudo comes from scripts/install-deps.sh test.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [[ $(id -u) != 0 ]] || ! unshare --mount --propagation private true 2>/dev/null; then
  echo "skip: needs root and unshare --mount (a private mount namespace) to run the system-store fix"
  exit 0
fi
if ! command -v sudo >/dev/null; then
  echo "FAIL: sudo is not installed (scripts/install-deps.sh test installs it): the printed fix uses it"
  exit 1
fi
# shellcheck source=../serve/lib.bash
source "$TR_SOURCE_DIR/tests/serve/lib.bash"
set +e

host_state() {  # what the host's store looks like (must not change)
  { ls -la /etc/ssl/certs /usr/local/share/ca-certificates /etc/ca-certificates 2>&1
    sha256sum /etc/ssl/certs/ca-certificates.crt /etc/ca-certificates.conf 2>&1; }
}
host_state >"$WORK/host-before"

start_serve
URL=$(jget "[e['url'] for e in j['endpoints'] if e['variant'] == 'new-chain'][0]")
PORT=${URL#https://127.0.0.1:}; PORT=${PORT%%/*}
PKI=$(jget "j['ca_files']['pki_dir']")
mkdir -p "$WORK/run"
cd "$WORK/run" || exit 1
"$TRUSTREADY" profiles create --from "$PKI/certs/ica-rsa2048.pem" --root "$PKI/certs/new-root-rsa2048.pem" \
  --out demo --name demo >/dev/null || fail "profiles create"
grep -v -E 'Amazon_Root|Starfield' /etc/ca-certificates.conf >"$WORK/ca-certificates.conf"

cat >"$WORK/inner.bash" <<'EOF'
# Runs inside the private mount namespace, in $WORK/run.
set -uo pipefail
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
for d in /etc/ssl/certs /usr/local/share/ca-certificates /etc/ca-certificates; do
  mount -t tmpfs tmpfs "$d" || { echo "FAIL: mount tmpfs on $d"; exit 1; }
done
mount --bind "$WORK/ca-certificates.conf" /etc/ca-certificates.conf || { echo "FAIL: bind ca-certificates.conf"; exit 1; }
update-ca-certificates --fresh >"$WORK/update0.out" 2>&1 || { echo "FAIL: update-ca-certificates (start)"; exit 1; }
n=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt)
[[ $n -gt 50 ]] && ok "namespace: a system store of $n roots without Amazon/Starfield" || bad "namespace store: $n roots"

reaches() {  # curl with its default CA bundle, and openssl s_client with its default paths
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$URL" </dev/null)
  [[ $code == 200 ]] || return 1
  openssl s_client -connect "127.0.0.1:$PORT" -verify_return_error </dev/null >"$WORK/s_client.out" 2>&1 \
    && grep -q 'Verify return code: 0 (ok)' "$WORK/s_client.out"
}
reaches && bad "before: curl/openssl already trust the demo root" || ok "before: curl and openssl s_client fail"

fixes=()
for profile in demo amazon-trust-services; do
  "$TRUSTREADY" check --profile "$profile" --store system --store system-dir --json >"$WORK/$profile.before.json" 2>"$WORK/err"
  rc=$?
  [[ $rc == 1 ]] && ok "$profile: NOT READY before (exit 1)" || { bad "$profile before: exit $rc"; cat "$WORK/err"; }
  while IFS= read -r l; do fixes+=("$l"); done < <(python3 - "$WORK/$profile.before.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert {s["store"] for s in d["stores"]} == {"system", "system-dir"}, [s["store"] for s in d["stores"]]
seen = []
for s in d["stores"]:
    assert s["state"] == "not_ready" and s["kind"] == "debian-system", (s["store"], s["state"], s["kind"])
    for c in s["remediation"]:
        if c not in seen:
            seen.append(c)
print("\n".join(seen))
PY
)
done
# Each profile's block as printed (system and system-dir share one), one
# after the other.
printf '%s\n' "${fixes[@]}" >"$WORK/fixes.txt"
grep -q '^sudo cp .* /usr/local/share/ca-certificates/trustready-demo-root-ca-1\.crt$' "$WORK/fixes.txt" \
  && grep -q '^sudo cp .*AmazonRootCA1\.pem /usr/local/share/ca-certificates/amazonrootca1\.crt$' "$WORK/fixes.txt" \
  && grep -qx 'sudo update-ca-certificates' "$WORK/fixes.txt" \
  && ok "printed: sudo cp ROOT /usr/local/share/ca-certificates/ALIAS.crt + sudo update-ca-certificates" \
  || { bad "unexpected fix lines"; sed 's/^/    /' "$WORK/fixes.txt"; }
{ echo "set -e"; cat "$WORK/fixes.txt"; } >"$WORK/fixes.bash"
for pass in first second; do
  if bash "$WORK/fixes.bash" >"$WORK/fix.$pass.out" 2>&1; then
    ok "the $(grep -c . "$WORK/fixes.txt") printed lines ran as pasted ($pass time)"
  else
    bad "a fix line failed ($pass time):"; sed 's/^/    | /' "$WORK/fix.$pass.out"
  fi
  for profile in demo amazon-trust-services; do
    "$TRUSTREADY" check --profile "$profile" --store system --store system-dir --json >"$WORK/$profile.after.json" 2>"$WORK/err"
    rc=$?
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["ready"] and all(s["state"] == "ready" for s in d["stores"]) else 1)' \
      "$WORK/$profile.after.json" && [[ $rc == 0 ]] && ok "$profile: READY after the fixes ($pass time)" \
      || { bad "$profile after the fixes ($pass time): exit $rc"; cat "$WORK/err"; }
  done
  reaches && ok "curl (default CA bundle) and openssl s_client verify the served chain ($pass time)" \
    || { bad "curl/openssl still fail after the fixes ($pass time)"; tail -5 "$WORK/s_client.out"; }
done
ATS=$TR_SOURCE_DIR/data/profiles/amazon-trust-services/issuing
for ica in r2m01 r4m01 e2m01 e3m01; do
  openssl verify -no-CApath -CAfile /etc/ssl/certs/ca-certificates.crt "$ATS/$ica.pem" >/dev/null 2>&1 \
    && openssl verify -no-CAfile -CApath /etc/ssl/certs "$ATS/$ica.pem" >/dev/null 2>&1 \
    || bad "openssl verify $ica against the fixed store (CAfile and CApath)"
done
ok "openssl verify: the four Amazon hierarchies by -CAfile and -CApath"
n2=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt)
added=$(grep -c '^sudo cp ' "$WORK/fixes.txt")
[[ $n2 == $((n + added)) ]] && ok "the store grew by the $added roots copied, each once (pasted twice)" \
  || bad "store has $n2 roots, expected $n + $added"
exit $((fails > 0))
EOF

export WORK URL PORT TRUSTREADY TR_SOURCE_DIR
unshare --mount --propagation private bash "$WORK/inner.bash"
rc=$?
host_state >"$WORK/host-after"
if cmp -s "$WORK/host-before" "$WORK/host-after"; then echo "ok: the host's store is unchanged"; else
  echo "FAIL: the host's store changed:"; diff "$WORK/host-before" "$WORK/host-after" | head; rc=1; fi
exit $rc
