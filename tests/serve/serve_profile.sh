#!/usr/bin/env bash
# serve --profile and the state directory:
#  - `--profile demo` (the default) generates the demo PKI into --state-dir
#    on first start and reuses it afterwards: the roots (and their keys) a
#    client was told to install stay the same. (Leaves are reissued when the
#    listen port, and so the AIA/CRL base URL, changes: pki_reused is true
#    only when nothing had to be reissued.)
#  - a migration profile (data/profiles, real CA certificates without keys)
#    and an unknown name are exit 2 with one line naming the profile, before
#    anything listens; --profile with --config is a usage error.
source "$(dirname "$0")/lib.bash"

expect_error() {  # expect_error WHAT_IN_MESSAGE serve-args...
  local what=$1; shift
  set +e
  timeout 60 "$TRUSTREADY" serve --listen 127.0.0.1:0 --state-dir "$WORK/bad-state" "$@" \
    >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  [[ $rc -eq 2 ]] || fail "serve $* exited $rc, expected 2"
  [[ $(wc -l <"$WORK/err") -eq 1 ]] || { cat "$WORK/err" >&2; fail "serve $*: not one error line"; }
  grep -qF -- "$what" "$WORK/err" || { cat "$WORK/err" >&2; fail "serve $*: error does not name $what"; }
  [[ ! -s "$WORK/out" ]] || fail "serve $*: printed a start line"
  [[ ! -e "$WORK/bad-state" ]] || fail "serve $*: wrote a state directory"
}
profile=$("$TRUSTREADY" profiles list --json | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d["profiles"] if isinstance(d,dict) else d; print(p[0]["name"] if isinstance(p[0],dict) else p[0])')
expect_error "--profile $profile" --profile "$profile"
grep -q "keys" "$WORK/err" || fail "the migration-profile error does not say why (keys)"
expect_error "--profile no-such-profile" --profile no-such-profile
expect_error "--config" --profile demo --config "$WORK/none.json"

start_serve --profile demo --variant-port-base 0
[[ $(jget "j['pki_reused']") == False ]] || fail "first start reused a PKI that did not exist"
[[ $(jget "len(j['endpoints'])") -ge 10 ]] || fail "fewer than 10 variants"
NEW=$(jget "j['ca_files']['new_root']")
roots() { for f in $(jget "' '.join(j['ca_files']['new_roots'] + [j['ca_files']['legacy_root']])"); do
  openssl x509 -in "$f" -noout -fingerprint -sha256; done; }
fp1=$(roots)
url=$(jget "j['endpoints'][0]['url']")
[[ $(outcome "$url" "$NEW") == pass ]] || fail "new-chain with the new root"
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || true; SERVE_PID=""

# Second start on the same state directory (default profile): the same PKI.
: >"$WORK/serve.log"
start_serve --variant-port-base 0
[[ "$(roots)" == "$fp1" ]] || fail "the roots changed between starts"
url=$(jget "j['endpoints'][0]['url']")
[[ $(outcome "$url" "$NEW") == pass ]] || fail "new-chain after restart with the root installed before"
echo "PASS serve_profile"
