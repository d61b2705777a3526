#!/usr/bin/env bash
# Slow clients (issue 17, items 1 and 7): connections that dribble their
# request head or ClientHello one byte at a time from several loopback
# addresses, more of them than the site has slots, while curl keeps asking
# for /test.jpg over HTTPS. The handshake and request-head deadlines are
# absolute (every dribbler is closed within its deadline however steadily
# it sends), the per-address bound holds, and every curl request succeeds.
# Then an oversized request head gets its 431, over plain HTTP and TLS,
# instead of a reset. Bounded: ~230 connections for ~10 s.
source "$(dirname "$0")/lib.bash"
start_serve --handshake-timeout-ms 3000 --request-timeout-ms 3000 --idle-timeout-ms 3000 \
  --max-connections 150 --max-connections-per-ip 40 --max-header-bytes 8192
NEW=$(jget "j['ca_files']['new_root']")
PORT=$(jget "j['sni_port']")
VURL=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='new-chain'][0]")
[[ $(outcome "$VURL" "$NEW") == pass ]] || fail "not serving at start"

python3 - "$PORT" "$VURL" "$NEW" <<'PY'
import selectors, socket, ssl, subprocess, sys, threading, time
port, vurl, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3]
DEADLINE = 3.0      # --request-timeout-ms / --handshake-timeout-ms
SLACK = 2.0         # scheduling on a loaded 2-core machine
RUN = 10.0          # the attack lasts this long

# A ClientHello to dribble (TLS-looking first byte: the handshake path).
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
head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 4000

sel = selectors.DefaultSelector()
conns = []  # dicts: sock, src, payload, sent, t0, closed_at, kind

def open_conn(src, payload, kind):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    c = {"sock": s, "src": src, "payload": payload, "sent": 0, "t0": time.monotonic(),
         "closed_at": None, "kind": kind}
    sel.register(s, selectors.EVENT_READ, c)
    conns.append(c)

results = {"ok": 0, "fail": 0, "codes": []}
stop = threading.Event()
def client():
    while not stop.is_set():
        r = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                            "--cacert", ca, vurl], capture_output=True, text=True)
        if r.stdout == "200":
            results["ok"] += 1
        else:
            results["fail"] += 1
            results["codes"].append(r.stdout + " " + r.stderr.strip())
        time.sleep(0.3)

start = time.monotonic()
# 200 plain-HTTP dribblers from five addresses (40 each, the per-address
# bound), 20 TLS dribblers, then 60 from one more address (over its bound):
# 280 connections for 150 slots. Each one closed is replaced, so
# the slots stay full for the whole run while curl asks for /test.jpg
# (a closed dribbler comes back a second later, as an attack script would).
for i in range(200):
    open_conn("127.0.0.%d" % (2 + i // 40), head, "http")
for i in range(20):
    open_conn("127.0.0.7", hello, "tls")
for i in range(60):
    open_conn("127.0.0.8", head, "http")
t = threading.Thread(target=client)
t.start()
MAX_CONNS = 1500
again = []  # (when, closed connection): the attacker comes back a second later
max_open_08 = 0
last_tick = 0.0
while time.monotonic() - start < RUN:
    for key, _ in sel.select(timeout=0.05):
        c = key.data
        try:
            d = c["sock"].recv(65536)
            closed = not d
        except (ConnectionResetError, BrokenPipeError):
            closed = True
        except BlockingIOError:
            closed = False
        if closed:
            c["closed_at"] = time.monotonic()
            sel.unregister(c["sock"])
            c["sock"].close()
            if time.monotonic() - start < RUN - DEADLINE - SLACK - 1 and len(conns) + len(again) < MAX_CONNS:
                again.append((time.monotonic() + 1.0, c))
    now = time.monotonic()
    while again and again[0][0] <= now:
        _, c = again.pop(0)
        open_conn(c["src"], c["payload"], c["kind"])
    if now - last_tick >= 0.5:  # one byte per open connection every 0.5 s
        last_tick = now
        for c in conns:
            if c["closed_at"] is None and c["sent"] < len(c["payload"]):
                try:
                    c["sock"].send(c["payload"][c["sent"]:c["sent"] + 1])
                    c["sent"] += 1
                except (BrokenPipeError, ConnectionResetError, BlockingIOError):
                    pass
        # An eviction is a close the server sends after accepting the new
        # connection: connections opened in the last 0.3 s are not counted
        # (the close they caused may still be on its way).
        if now - start > 1.5:
            max_open_08 = max(max_open_08, sum(1 for c in conns if c["src"] == "127.0.0.8" and
                                               c["closed_at"] is None and now - c["t0"] > 0.3))
stop.set()
t.join()

still_open = [c for c in conns if c["closed_at"] is None]
lives = sorted(c["closed_at"] - c["t0"] for c in conns if c["closed_at"] is not None)
late = [l for l in lives if l > DEADLINE + SLACK]
print("dribbling connections: %d, closed %d, still open after %.0f s: %d; longest life %.1f s; bytes sent by the longest: %d"
      % (len(conns), len(lives), RUN, len(still_open), lives[-1] if lives else 0,
         max(c["sent"] for c in conns)))
print("curl during the attack: %d ok, %d failed %s" % (results["ok"], results["fail"], results["codes"][:5]))
print("most connections open at once from 127.0.0.8: %d (bound 40)" % max_open_08)
for c in still_open:
    c["sock"].close()
errors = []
if still_open:
    errors.append("%d dribblers still open after %.0f s (deadline %.0f s)" % (len(still_open), RUN, DEADLINE))
if late:
    errors.append("%d dribblers closed after the deadline (latest %.1f s)" % (len(late), late[-1]))
if results["fail"] or results["ok"] < 5:
    errors.append("real client not served: %d ok, %d failed" % (results["ok"], results["fail"]))
if max_open_08 > 40:
    errors.append("per-address bound not held: %d open from 127.0.0.8" % max_open_08)
if errors:
    print("FAIL: " + "; ".join(errors))
    sys.exit(1)
print("ok dribble attack: every dribbler closed within its deadline, the site served throughout")

# 431 for an oversized head, plain HTTP: the response arrives (no reset).
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(10)
got = b""
try:
    s.sendall(b"GET /test.jpg HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
    while True:
        d = s.recv(65536)
        if not d:
            break
        got += d
except (ConnectionResetError, BrokenPipeError) as e:
    print("FAIL: oversized head over plain HTTP: %s after %d bytes of response" % (type(e).__name__, len(got)))
    sys.exit(1)
s.close()
if not got.startswith(b"HTTP/1.1 431 "):
    print("FAIL: oversized head: %r" % got[:80])
    sys.exit(1)
print("ok oversized head (100 KB) over plain HTTP: 431")
PY
[[ $? -eq 0 ]] || fail "slow clients"

# 431 over TLS, through curl (a real client): a status, not a reset.
# (Before the lingering close, curl mostly saw "Send failure: Broken pipe".)
big=$(head -c 60000 /dev/zero | tr '\0' a)
for i in 1 2 3 4 5; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$NEW" -H "X-Big: $big" "$VURL" 2>"$WORK/curl431.err")
  [[ $code == 431 ]] || fail "oversized head over TLS (try $i): curl got '$code' ($(cat "$WORK/curl431.err"))"
done
echo "ok oversized head (60 KB) over TLS: curl got 431, 5 times of 5"

python3 - "$WORK/serve.log" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()[1:]]
kinds = {}
for e in ev:
    if e.get("event") == "fault":
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
print("faults logged:", kinds)
assert kinds.get("request_timeout", 0) + kinds.get("handshake_timeout", 0) >= 1, kinds
assert kinds.get("evicted", 0) >= 20, kinds
per_ip = sum(1 for e in ev if e.get("kind") == "evicted" and "from 127.0.0.8" in e.get("error", ""))
assert per_ip >= 20, "only %d evictions for 127.0.0.8's bound" % per_ip
print("evictions for 127.0.0.8's bound of 40:", per_ip)
PY
echo "PASS serve_slow_clients"
