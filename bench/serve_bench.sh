#!/usr/bin/env bash
# trustready serve vs nginx, same machine, same certificate chain and file:
# wrk against /test.jpg with keep-alive (requests/s) and with
# "Connection: close" (one TLS handshake per request: handshakes/s).
# Prints both figures and the ratio. Not part of `make test`.
#   bench/serve_bench.sh [path/to/trustready]   (BENCH_SECONDS, BENCH_CONNECTIONS)
set -euo pipefail
TRUSTREADY=${1:-${TRUSTREADY:-build/trustready}}
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-50}
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "serve_bench: $tool missing (scripts/install-deps.sh test)" >&2; exit 2; }
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trbench.XXXXXX")
SERVE_PID=""; NGINX_PID=""
cleanup() {
  [[ -n "$SERVE_PID" ]] && kill -TERM "$SERVE_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill -TERM "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$TRUSTREADY" serve --listen 127.0.0.1:0 --state-dir "$WORK/state" --json --no-access-log --threads 2 \
  --max-connections 4096 >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 300); do grep -q '"endpoints"' "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
read -r TR_URL PKI < <(python3 -c "
import json; j=json.loads(open('$WORK/serve.log').readline())
print([e['url'] for e in j['endpoints'] if e['variant']=='new-chain'][0], j['ca_files']['pki_dir'])")

# nginx with the same chain (new-chain: leaf + issuing CA), key and file.
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
cat "$PKI/certs/leaf-rsa2048.pem" "$PKI/certs/ica-rsa2048.pem" >"$WORK/nginx/chain.pem"
curl -sk "$TR_URL" -o "$WORK/nginx/html/test.jpg"
# nginx workers may run as another user (www-data when started as root).
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/html"; chmod 644 "$WORK/nginx/html/test.jpg"
NGINX_PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  types { image/jpeg jpg; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/nginx/chain.pem;
    ssl_certificate_key $PKI/keys/leaf-rsa2048.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/nginx/html;
    add_header Cache-Control no-store;
  }
}
CONF
nginx -e "$WORK/nginx/logs/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
NG_URL="https://127.0.0.1:$NGINX_PORT/test.jpg"
for _ in $(seq 100); do curl -sk -o /dev/null "$NG_URL" && break; sleep 0.1; done
curl -sk "$NG_URL" -o "$WORK/ng.jpg" || true
cmp -s "$WORK/nginx/html/test.jpg" "$WORK/ng.jpg" || { echo "serve_bench: nginx does not serve the same file" >&2; cat "$WORK/nginx/logs/error.log" >&2; exit 2; }

# run URL [wrk args]: prints "requests_per_second errors"
run() {
  local url=$1; shift
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" "$@" "$url" 2>&1)
  local rps errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")
  echo "${rps:-0} $errors"
}

echo "serve_bench: wrk -t2 -c$CONNS -d${SECONDS_PER_RUN}s on $(nproc) cores, /test.jpg ($(stat -c %s "$WORK/nginx/html/test.jpg") bytes), same chain and key"
printf '%-28s %14s %14s %8s %s\n' "case" "trustready/s" "nginx/s" "ratio" "errors(tr/ng)"
status=0
for mode in keep-alive new-handshake; do
  args=()
  [[ $mode == new-handshake ]] && args=(-H "Connection: close")
  read -r tr_rps tr_err < <(run "$TR_URL" "${args[@]}")
  read -r ng_rps ng_err < <(run "$NG_URL" "${args[@]}")
  ratio=$(python3 -c "print(f'{float($tr_rps)/float($ng_rps):.2f}' if float($ng_rps) else 'n/a')")
  label=$([[ $mode == keep-alive ]] && echo "requests (keep-alive)" || echo "handshakes (Connection: close)")
  printf '%-28s %14s %14s %8s %s\n' "$label" "$tr_rps" "$ng_rps" "$ratio" "$tr_err/$ng_err"
  [[ "$tr_err" == 0 ]] || status=1
done
if [[ $status -ne 0 ]]; then echo "serve_bench: trustready had failed requests" >&2; fi
exit $status
