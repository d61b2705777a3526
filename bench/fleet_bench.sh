#!/usr/bin/env bash
# fleet scan handshakes/s against nginx on this machine, next to wrk
# (Connection: close: one TLS handshake per request) and `openssl s_time
# -new` (sequential new sessions) in the same run, for an RSA-2048 and a
# P-256 chain (the demo PKI's leaf + issuing CA). nginx serves the chain on
# 10 ports so that the scanner, not one listener, is measured. Not part of
# `make test`.
# The machine is shared, so the load moves during a run: wrk and both scans
# are run in alternation BENCH_ROUNDS times (default 3) and the medians are
# printed, so that the peer and trustready see the same conditions.
#   bench/fleet_bench.sh [path/to/trustready]   (BENCH_TARGETS, BENCH_SECONDS, BENCH_ROUNDS)
set -euo pipefail
TRUSTREADY=${1:-${TRUSTREADY:-build/trustready}}
TARGETS=${BENCH_TARGETS:-10000}
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
for tool in wrk nginx openssl python3; do
  command -v "$tool" >/dev/null || { echo "fleet_bench: $tool missing (scripts/install-deps.sh test)" >&2; exit 2; }
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trfleetbench.XXXXXX")
NGINX_PID=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill -TERM "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"$TRUSTREADY" pki demo --out "$WORK/pki" >/dev/null
PKI="$WORK/pki"
mkdir -p "$WORK/nginx/logs"
chmod 755 "$WORK" "$WORK/nginx"
cat "$PKI/certs/leaf-rsa2048.pem" "$PKI/certs/ica-rsa2048.pem" >"$WORK/nginx/rsa.pem"
cat "$PKI/certs/leaf-ec256.pem" "$PKI/certs/ica-ec256.pem" >"$WORK/nginx/ec.pem"
ports() { python3 -c "
import socket
ss = [socket.socket() for _ in range($1)]
for s in ss: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in ss))"; }
read -r -a RSA_PORTS <<<"$(ports 10)"
read -r -a EC_PORTS <<<"$(ports 10)"
{
  echo "worker_processes 2; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log warn;"
  echo "events { worker_connections 8192; }"
  echo "http { access_log off;"
  for kind in rsa ec; do
    if [[ $kind == rsa ]]; then pp=("${RSA_PORTS[@]}"); key=leaf-rsa2048; else pp=("${EC_PORTS[@]}"); key=leaf-ec256; fi
    echo "  server {"
    for p in "${pp[@]}"; do echo "    listen 127.0.0.1:$p ssl;"; done
    echo "    ssl_certificate $WORK/nginx/$kind.pem; ssl_certificate_key $PKI/keys/$key.key;"
    echo "    ssl_protocols TLSv1.2 TLSv1.3; ssl_session_tickets off; ssl_session_cache off;"
    echo "    location / { return 200 'ok'; }"
    echo "  }"
  done
  echo "}"
} >"$WORK/nginx/nginx.conf"
nginx -e "$WORK/nginx/logs/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 100); do
  openssl s_client -connect "127.0.0.1:${RSA_PORTS[0]}" </dev/null >/dev/null 2>&1 && break
  sleep 0.1
done

# scan KIND [--http]: prints "handshakes_per_second cpu_us_per_handshake errors"
scan() {
  local kind=$1; shift
  local -a pp
  if [[ $kind == rsa ]]; then pp=("${RSA_PORTS[@]}"); else pp=("${EC_PORTS[@]}"); fi
  python3 -c "
import sys
ports = sys.argv[2:]
for i in range(int(sys.argv[1])): print('127.0.0.1:%s' % ports[i % len(ports)])" "$TARGETS" "${pp[@]}" >"$WORK/t.txt"
  "$TRUSTREADY" fleet scan --targets "$WORK/t.txt" --store "$PKI/certs/new-root-rsa2048.pem" --no-aia \
    --per-ip-rate 0 --per-ip-concurrency 0 --concurrency 128 --out "$WORK/s.db" --json "$@" >"$WORK/sum.json" || true
  python3 -c "
import json; s = json.load(open('$WORK/sum.json'))
print('%.0f %.0f %d' % (s['handshakes_per_second'], s['cpu_us_per_handshake'], s['targets'] - s['statuses'].get('ok', 0)))"
}
wrk_hs() {  # PORT -> "requests_per_second errors"
  local out
  out=$(wrk -t1 -c64 -d"${SECS}s" -H 'Connection: close' "https://127.0.0.1:$1/" 2>&1)
  echo "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out") $(awk '/Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")"
}
s_time() {  # PORT -> connections per second (sequential)
  local out
  out=$(openssl s_time -connect "127.0.0.1:$1" -new -time "$SECS" 2>&1 || true)
  awk '/connections in .* real seconds/ {for (i=1;i<=NF;i++) if ($i=="connections") c=$(i-1); for (i=1;i<=NF;i++) if ($i=="real") t=$(i-1)} END {if (t>0) printf "%.0f", c/t; else print 0}' <<<"$out"
}

median() { python3 -c "import statistics,sys; print('%g' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
echo "fleet_bench: $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)), loopback, nginx 2 workers on 10 ports per chain, $TARGETS targets per scan (concurrency 128), wrk -t1 -c64 -d${SECS}s Connection: close, openssl s_time -new -time $SECS; medians of $ROUNDS alternating rounds"
printf '%-30s %12s %8s %8s %9s %14s %s\n' case trustready/s wrk/s ratio s_time/s cpu_us/hs errors
status=0
for kind in rsa ec; do
  if [[ $kind == rsa ]]; then port=${RSA_PORTS[0]}; label=rsa2048; else port=${EC_PORTS[0]}; label=p256; fi
  st=$(s_time "$port")
  w_all=() ; w_errs=0
  declare -A tr_all=() cpu_all=() err_all=()
  for ((r = 0; r < ROUNDS; r++)); do
    read -r w_rps w_err < <(wrk_hs "$port")
    w_all+=("${w_rps:-0}"); w_errs=$((w_errs + ${w_err:-0}))
    for mode in chain-only +GET; do
      if [[ $mode == +GET ]]; then read -r tr cpu err < <(scan $kind --http); else read -r tr cpu err < <(scan $kind); fi
      tr_all[$mode]+=" $tr"; cpu_all[$mode]+=" $cpu"; err_all[$mode]=$(( ${err_all[$mode]:-0} + err ))
    done
  done
  w_med=$(median "${w_all[@]}")
  for mode in chain-only +GET; do
    # shellcheck disable=SC2086
    tr=$(median ${tr_all[$mode]}); cpu=$(median ${cpu_all[$mode]}); err=${err_all[$mode]}
    ratio=$(python3 -c "print('%.2f' % (float('$tr') / float('$w_med')) if float('$w_med') else 'n/a')")
    printf '%-30s %12s %8s %8s %9s %14s %s\n' "$label $mode (nginx)" "$tr" "$w_med" "$ratio" "$st" "$cpu" "$err/$w_errs"
    [[ $err == 0 ]] || status=1
  done
  unset tr_all cpu_all err_all
done
echo "fleet_bench: bars (issue 16): rsa2048 >= 1000/s, ratio to wrk >= 0.9 (+GET is the like-for-like case: wrk makes the same handshake and request); the machine is shared, so read the ratio"
exit $status
