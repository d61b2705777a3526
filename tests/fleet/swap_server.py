#!/usr/bin/env python3
"""A TLS server whose chain per port changes between scans (fleet_diff.sh;
not a test). Usage: swap_server.py CONFIG.json PORT... ; CONFIG maps a port
(string) to {"chain": [PEM files, leaf first], "key": KEY} and is re-read on
every connection, so a test rewrites it to swap chains in place."""
import json
import socket
import ssl
import sys
import threading

config_path, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]


def handle(port, conn):
    try:
        cfg = json.load(open(config_path))[str(port)]
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        chain = config_path + ".%d.pem" % port
        with open(chain, "w") as out:
            for f in cfg["chain"]:
                out.write(open(f).read())
        ctx.load_cert_chain(chain, cfg["key"])
        with ctx.wrap_socket(conn, server_side=True) as s:
            s.settimeout(5)
            try:
                s.recv(1)
            except (OSError, ssl.SSLError):
                pass
    except (OSError, ssl.SSLError, KeyError, ValueError):
        conn.close()


def serve(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(port, c), daemon=True).start()


for p in ports:
    threading.Thread(target=serve, args=(p,), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
