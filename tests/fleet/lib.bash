# Shared by the fleet suites (sourced, not a test): a local fleet of
# `trustready serve` instances on several loopback addresses, fault servers
# (tests/fleet/faults.py), and helpers. Every process started here is
# stopped on exit by its pid.
set -uo pipefail
: "${TRUSTREADY:?set TRUSTREADY to the trustready binary}"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.bash"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCHEMAS="${TR_SOURCE_DIR:-$HERE/../..}/docs/schemas"
FLEET_PIDS=()
fleet_cleanup() {
  local p
  for p in "${FLEET_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${FLEET_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap fleet_cleanup EXIT

have_ipv6() { python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null; }

# start_serve NAME LISTEN [args...]: one serve instance sharing the demo PKI
# in $T/state; its start line lands in $T/NAME.json.
start_serve() {
  local name=$1 listen=$2; shift 2
  "$TRUSTREADY" serve --listen "$listen" --state-dir "$T/state" --json --no-access-log "$@" \
    >"$T/$name.log" 2>"$T/$name.err" &
  FLEET_PIDS+=($!)
  local pid=$!
  for _ in $(seq 600); do
    if [[ -s "$T/$name.log" ]] && head -1 "$T/$name.log" | grep -q '"endpoints"'; then
      head -1 "$T/$name.log" >"$T/$name.json"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$T/$name.err" >&2; echo "FAIL: serve $name exited early"; exit 1; }
    sleep 0.1
  done
  echo "FAIL: serve $name did not start within 60 s"; exit 1
}

# start_faults NAME ADDR: fault ports in $T/NAME.json.
start_faults() {
  python3 "$HERE/faults.py" "$2" >"$T/$1.json" 2>"$T/$1.err" &
  FLEET_PIDS+=($!)
  for _ in $(seq 100); do [[ -s "$T/$1.json" ]] && return 0; sleep 0.1; done
  echo "FAIL: fault server $1 did not start"; exit 1
}

# jq-like access to a start line: js FILE PYTHON-EXPR (the object is j).
js() { python3 -c "import json,sys; j=json.loads(open('$1').readline()); print($2)"; }

# A port nothing listens on (bound, then closed).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
