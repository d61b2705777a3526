#!/usr/bin/env bash
# The dashboard in headless Chromium (Debian's package) with a fresh HOME
# and NSS database: once trusting only the new root (by port and by SNI),
# once trusting only the legacy root. The page's own per-variant outcomes
# (read from the DOM) must match the outcomes serve announced; a
# screenshot is kept in tests/artifacts/.
source "$(dirname "$0")/lib.bash"
command -v chromium >/dev/null || fail "chromium not installed (scripts/install-deps.sh test)"
command -v certutil >/dev/null || fail "certutil not installed (libnss3-tools)"
start_serve
DASH=$(jget "j['dashboard']")
ARTIFACTS="${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/artifacts"
mkdir -p "$ARTIFACTS"

# run_chromium NAME ROOT_PEM URL [extra flags]: dumps the DOM to $WORK/NAME.html.
run_chromium() {
  local name=$1 root=$2 url=$3; shift 3
  local home="$WORK/home-$name"
  mkdir -p "$home/.pki/nssdb"
  certutil -d "sql:$home/.pki/nssdb" -N --empty-password
  certutil -d "sql:$home/.pki/nssdb" -A -t "C,," -n "trustready-$name" -i "$root"
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$WORK/profile-$name" --virtual-time-budget=20000 "$@")
  HOME="$home" timeout 90 chromium "${flags[@]}" --dump-dom "$url" >"$WORK/$name.html" 2>"$WORK/$name.err" \
    || { tail -5 "$WORK/$name.err" >&2; fail "chromium ($name) failed"; }
  if [[ "$name" == new-root ]]; then
    HOME="$home" timeout 90 chromium "${flags[@]}" --user-data-dir="$WORK/profile-$name-shot" \
      --window-size=1280,900 --hide-scrollbars --screenshot="$ARTIFACTS/serve-dashboard.png" "$url" \
      >/dev/null 2>&1 || fail "chromium screenshot failed"
    [[ -s "$ARTIFACTS/serve-dashboard.png" ]] || fail "no screenshot"
  fi
}

# check NAME FIELD READY: every row's data-outcome equals the endpoint's FIELD.
check() {
  python3 - "$WORK/$1.html" "$START" "$2" "$3" <<'PY'
import json, re, sys
dom, start, field, ready = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
if 'data-done="1"' not in dom:
    sys.exit("page did not finish: " + dom[:300])
rows = dict(re.findall(r'<tr id="variant-([^"]+)"[^>]*data-outcome="(pass|fail)"', dom))
bad = []
for e in start["endpoints"]:
    got, want = rows.get(e["variant"]), e[field]
    print(f"  {e['variant']:20} page: {got}  expected: {want}")
    if got != want:
        bad.append(e["variant"])
if f'data-ready="{ready}"' not in dom:
    bad.append("summary (data-ready)")
if bad:
    sys.exit("mismatch: " + ", ".join(bad))
PY
}

NEW=$(jget "j['ca_files']['new_root']")
LEGACY=$(jget "j['ca_files']['legacy_root']")

echo "browser trusting only the new root (one port per variant):"
run_chromium new-root "$NEW" "$DASH"
check new-root expected_browser yes || fail "new-root verdicts"
# incomplete-chain passed because Chromium fetched the issuer from the AIA URL.
grep -q '"path":"/certs/ica-rsa2048.cer"' "$WORK/serve.log" || fail "Chromium did not fetch the AIA issuer"

echo "browser trusting only the new root (SNI host names on one port):"
run_chromium sni "$NEW" "${DASH}?mode=sni" --host-resolver-rules="MAP *.$(jget "j['domain']") 127.0.0.1"
check sni expected_browser yes || fail "SNI verdicts"

echo "browser trusting only the legacy root:"
run_chromium legacy "$LEGACY" "$DASH"
check legacy expected_legacy_root via-cross-sign || fail "legacy-root verdicts"

echo "screenshot: $ARTIFACTS/serve-dashboard.png"
echo "PASS serve_dashboard_chromium"
