# Shared helpers for the serve integration tests (sourced, not a test).
# Starts `trustready serve` on loopback with free ports and a fresh state
# directory, and reads its --json start line.
set -euo pipefail

: "${TRUSTREADY:?set TRUSTREADY to the trustready binary}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trserve.XXXXXX")
SERVE_PID=""
cleanup() {
  if [[ -n "$SERVE_PID" ]] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVE_PID" 2>/dev/null || true
  fi
  if [[ -n "${EXTRA_CLEANUP:-}" ]]; then eval "$EXTRA_CLEANUP"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# start_serve [extra serve args...]: sets SERVE_PID, START (the JSON line file).
start_serve() {
  "$TRUSTREADY" serve --listen 127.0.0.1:0 --state-dir "$WORK/state" --json "$@" \
    >"$WORK/serve.log" 2>"$WORK/serve.err" &
  SERVE_PID=$!
  for _ in $(seq 300); do
    if [[ -s "$WORK/serve.log" ]] && head -1 "$WORK/serve.log" | grep -q '"endpoints"'; then
      head -1 "$WORK/serve.log" >"$WORK/start.json"
      START="$WORK/start.json"
      return 0
    fi
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; fail "serve exited early"; }
    sleep 0.1
  done
  fail "serve did not print its start line within 30 s"
}

# jget EXPR: evaluates a Python expression over the start line (as `j`).
jget() { python3 -c "import json,sys; j=json.load(open('$START')); print($1)"; }

# outcome URL CAFILE [curl args...]: "pass" when curl completes the TLS
# handshake, verifies the chain and gets HTTP 200, else "fail".
outcome() {
  local url=$1 ca=$2; shift 2
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$ca" "$@" "$url" </dev/null \
         2>>"$WORK/curl.err" || true)
  if [[ "$code" == "200" ]]; then echo pass; else echo fail; fi
}
