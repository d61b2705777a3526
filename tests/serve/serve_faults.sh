#!/usr/bin/env bash
# Faults: garbage instead of a ClientHello, a client that stalls
# mid-handshake, 1000 idle connections, and the connection limit. The site
# keeps serving others throughout and logs each fault.
source "$(dirname "$0")/lib.bash"
start_serve --handshake-timeout-ms 2000 --request-timeout-ms 2000 --max-connections 1100 --max-connections-per-ip 0
NEW=$(jget "j['ca_files']['new_root']")
PORT=$(jget "j['sni_port']")
VURL=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='new-chain'][0]")
VPORT=$(jget "[e['port'] for e in j['endpoints'] if e['variant']=='new-chain'][0]")
serving() { [[ $(outcome "$VURL" "$NEW") == pass ]] || fail "site stopped serving ($1)"; }
serving "at start"

python3 - "$PORT" "$VPORT" "$VURL" "$NEW" <<'PY'
import os, socket, ssl, subprocess, sys, time
port, vport, vurl, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]

def curl_ok():
    r = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                        "--cacert", ca, vurl], capture_output=True, text=True)
    return r.stdout == "200"

def closed_by_server(s, within):
    s.settimeout(within)
    try:
        while True:
            d = s.recv(4096)
            if not d:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False

# 1. Garbage instead of a ClientHello: TLS-looking and not.
for p in (port, vport):
    for junk in (b"\x16\x03\x01\x00\x05garbagegarbage" + os.urandom(200), b"\x00\xff" + os.urandom(300)):
        s = socket.create_connection(("127.0.0.1", p))
        s.sendall(junk)
        assert closed_by_server(s, 5), "garbage connection not closed"
        s.close()
assert curl_ok(), "not serving after garbage"
print("ok garbage bytes: connections closed, site serving")

# 2. A client that stalls mid-handshake: a ClientHello cut in half.
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = ctx.wrap_bio(inc, out, server_side=False)
try:
    obj.do_handshake()
except ssl.SSLWantReadError:
    pass
hello = out.read()
stalled = socket.create_connection(("127.0.0.1", port))
stalled.sendall(hello[: len(hello) // 2])
t0 = time.monotonic()
assert curl_ok(), "not serving while a handshake stalls"
assert closed_by_server(stalled, 10), "stalled handshake never timed out"
print("ok stalled handshake closed after %.1f s, site serving meanwhile" % (time.monotonic() - t0))

# 3. 1000 idle connections (half on the SNI port, half on a variant port).
idle = []
for i in range(1000):
    idle.append(socket.create_connection(("127.0.0.1", port if i % 2 else vport)))
assert curl_ok(), "not serving with 1000 idle connections"
closed = sum(closed_by_server(s, 10) for s in idle)
assert closed == 1000, "only %d of 1000 idle connections were closed" % closed
for s in idle:
    s.close()
assert curl_ok(), "not serving after the idle flood"
print("ok 1000 idle connections: served others meanwhile, all closed by the handshake timeout")
PY

python3 - "$WORK/serve.log" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()[1:]]
kinds = {}
for e in ev:
    if e.get("event") == "fault":
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
print("faults logged:", kinds)
assert kinds.get("tls_handshake_failed", 0) >= 2, kinds
assert kinds.get("bad_request", 0) >= 2, kinds
assert kinds.get("handshake_timeout", 0) >= 1000, kinds
PY

# The connection limit: a second site allowing 20 connections (per address too).
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || true; SERVE_PID=""
mv "$WORK/serve.log" "$WORK/serve1.log"
start_serve --handshake-timeout-ms 1500 --max-connections 20
NEW=$(jget "j['ca_files']['new_root']")
PORT=$(jget "j['sni_port']")
VURL=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='new-chain'][0]")
python3 - "$PORT" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
time.sleep(0.5)
refused = 0
for s in socks:
    s.settimeout(0.2)
    try:
        if s.recv(1) == b"":
            refused += 1
    except (socket.timeout, ConnectionResetError):
        pass
assert refused >= 15, "connections over the limit were not closed: %d" % refused
for s in socks:
    s.close()
print("ok connection limit: %d of 40 closed at once" % refused)
PY
sleep 2  # the held ones time out; the site serves again
serving "after the connection limit"
# Over the limit, each new connection takes the slot of the one waiting
# longest: the first 20 are evicted, none is refused (all were waiting).
evicted=$(grep -c '"kind":"evicted"' "$WORK/serve.log" || true)
[[ "$evicted" -eq 20 ]] || fail "expected 20 evicted faults (40 connections, limit 20), got $evicted"
echo "PASS serve_faults"
