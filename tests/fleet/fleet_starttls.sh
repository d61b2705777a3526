#!/usr/bin/env bash
# STARTTLS targets (issue 16; design fleet.md M4 item 22): SMTP, IMAP, POP3
# and FTP servers (tests/fleet/starttls_servers.py, Python's ssl) and a real
# PostgreSQL server with ssl=on, each scanned with `starttls=PROTO`. For
# every one the served chain the fleet records (leaf first) equals what
# `openssl s_client -starttls PROTO -showcerts` receives, and the verdict is
# the store's; a server that refuses STARTTLS is `not_tls` with its reply; a
# plain TLS port scanned with starttls= is not mistaken for an upgrade.
source "$(dirname "$0")/lib.bash"
"$TRUSTREADY" pki demo --out "$T/pki" >/dev/null || { echo "FAIL: pki demo"; exit 1; }
C="$T/pki/certs"; K="$T/pki/keys"
cat "$C/leaf-rsa2048.pem" "$C/ica-rsa2048.pem" >"$T/chain.pem"
python3 "$HERE/starttls_servers.py" "$T/chain.pem" "$K/leaf-rsa2048.key" >"$T/ports.json" 2>"$T/servers.err" &
FLEET_PIDS+=($!)
for _ in $(seq 100); do [[ -s "$T/ports.json" ]] && break; sleep 0.1; done
[[ -s "$T/ports.json" ]] || { cat "$T/servers.err"; echo "FAIL: starttls servers did not start"; exit 1; }
port() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$T/ports.json" "$1"; }

# A real PostgreSQL server with ssl=on on 127.0.0.1 (skipped when the
# server is not installed; scripts/install-deps.sh test installs it).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PGW=""
if [[ -n "$PGBIN" && -x "$PGBIN/initdb" ]]; then
  PGW=$(mktemp -d /tmp/tr-pgtls.XXXXXX)
  as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  cp "$T/chain.pem" "$PGW/server.crt"; cp "$K/leaf-rsa2048.key" "$PGW/server.key"; chmod 600 "$PGW/server.key"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$PGW"
  pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGW/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGW"; fleet_cleanup; }
  trap pg_stop EXIT
  as_pg "$PGBIN/initdb" -D "$PGW/data" -A trust -U tr --no-sync >"$PGW/initdb.log" 2>&1 \
    || { cat "$PGW/initdb.log"; echo "FAIL: initdb"; exit 1; }
  PGPORT=$(free_port)
  as_pg "$PGBIN/pg_ctl" -D "$PGW/data" -w -l "$PGW/server.log" -o "-c listen_addresses=127.0.0.1 -p $PGPORT \
    -c unix_socket_directories=$PGW -c fsync=off -c ssl=on -c ssl_cert_file=$PGW/server.crt \
    -c ssl_key_file=$PGW/server.key" start >/dev/null || { cat "$PGW/server.log"; echo "FAIL: pg_ctl start"; exit 1; }
  ok "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') with ssl=on on 127.0.0.1:$PGPORT"
else
  echo "SKIP (PostgreSQL part): no PostgreSQL server installed"
fi
# A plain TLS server (serve) to scan with starttls= by mistake.
start_serve site 127.0.0.1:0
TLSPORT=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(next(e['port'] for e in d['endpoints']))" "$T/site.json")

{
  for p in smtp imap pop3 ftp; do echo "127.0.0.1:$(port $p) starttls=$p proto=$p"; done
  [[ -n "$PGW" ]] && echo "127.0.0.1:$PGPORT starttls=postgres proto=postgres"
  echo "127.0.0.1:$(port smtp-refuses) starttls=smtp proto=smtp-refuses"
  echo "127.0.0.1:$(port imap-untagged) starttls=imap proto=imap-untagged"
  echo "127.0.0.1:$TLSPORT starttls=imap proto=tls-not-imap"
} >"$T/t.txt"
"$TRUSTREADY" fleet scan --targets "$T/t.txt" --store "$C/new-root-rsa2048.pem" --per-ip-rate 0 --per-ip-concurrency 0 \
  --handshake-timeout 3 --retries 0 -q --jsonl "$T/s.jsonl"
expect_exit "scan: the refusing servers make it exit 1" 1 $?

# What openssl receives from each (leaf first), as lower-case SHA-256.
for p in smtp imap pop3 ftp postgres; do
  [[ $p == postgres && -z "$PGW" ]] && continue
  pt=$([[ $p == postgres ]] && echo "$PGPORT" || port $p)
  timeout 20 openssl s_client -starttls "$p" -connect "127.0.0.1:$pt" -showcerts </dev/null 2>/dev/null \
    | python3 -c '
import hashlib, re, ssl, sys
pems = re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", sys.stdin.read(), re.S)
print(" ".join(hashlib.sha256(ssl.PEM_cert_to_DER_cert(p)).hexdigest() for p in pems))' >"$T/openssl-$p.txt"
done
jsonl_matches "STARTTLS observations" "$SCHEMAS/fleet-observation.schema.json" "$T/s.jsonl"
python3 - "$T" <<'PY' && ok "every STARTTLS server: the fleet's chain == openssl s_client -starttls's, trusted by the store; refusals are not_tls" || bad "starttls observations"
import json, os, sys
T = sys.argv[1]
obs = {}
for line in open(T + "/s.jsonl"):
    d = json.loads(line)
    obs[d["labels"]["proto"]] = d
for p in ("smtp", "imap", "pop3", "ftp", "postgres"):
    f = "%s/openssl-%s.txt" % (T, p)
    if not os.path.exists(f):
        continue
    want = open(f).read().split()
    d = obs[p]
    assert d["status"] == "ok", (p, d["status"], d["error"])
    assert want and d["chain"] == want, (p, d["chain"], want)
    assert d["trusted"] is True, (p, d["stores"])
    assert d["target_key"].endswith("|" + p), d["target_key"]
    print("  %-8s %d certificates, leaf %s, as openssl s_client -starttls %s" % (p, len(want), want[0][:16], p))
u = obs["imap-untagged"]
assert u["status"] == "ok" and u["chain"] == obs["imap"]["chain"], u
r = obs["smtp-refuses"]
assert r["status"] == "not_tls" and "454" in r["error"] and r["chain"] == [], r
print("  refused: " + r["error"])
x = obs["tls-not-imap"]
assert x["status"] != "ok" and x["chain"] == [], x
print("  plain TLS port with starttls=imap: %s (%s)" % (x["status"], x["error"]))
PY
[[ $fails -eq 0 ]]
