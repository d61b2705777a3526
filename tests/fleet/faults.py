#!/usr/bin/env python3
"""Faulty 'TLS servers' on loopback for the fleet tests (not a test itself).

Usage: faults.py ADDR  -> prints one JSON line {"stall": PORT, ...}, then
serves until killed. Each port misbehaves in one way after accepting:
  stall  reads and never answers (handshake timeout)
  reset  reads the ClientHello, then resets the connection (SO_LINGER 0)
  junk   answers with an HTTP error page instead of a ServerHello (not TLS)
  alert  answers with a fatal TLS alert record, handshake_failure (40)
  close  reads the ClientHello, then closes cleanly (EOF in the handshake)
Connection counts per mode are kept in memory and printed on SIGTERM to
stderr, so a test can tell retries happened.
"""
import json
import signal
import socket
import struct
import sys
import threading
import time

ADDR = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
counts = {}
lock = threading.Lock()
held = []


def handle(mode, conn):
    with lock:
        counts[mode] = counts.get(mode, 0) + 1
    try:
        conn.settimeout(30)
        if mode == "stall":
            held.append(conn)  # never answered; closed when the client gives up
            return
        data = conn.recv(4096)
        if mode == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
        elif mode == "junk":
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            time.sleep(0.2)
            conn.close()
        elif mode == "alert":
            conn.sendall(bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40]))
            time.sleep(0.2)
            conn.close()
        elif mode == "close":
            conn.close()
        del data
    except OSError:
        pass


def serve(mode, sock):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=handle, args=(mode, conn), daemon=True).start()


family = socket.AF_INET6 if ":" in ADDR else socket.AF_INET
ports = {}
for mode in ("stall", "reset", "junk", "alert", "close"):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ADDR, 0))
    s.listen(256)
    ports[mode] = s.getsockname()[1]
    threading.Thread(target=serve, args=(mode, s), daemon=True).start()


def done(*_):
    with lock:
        sys.stderr.write(json.dumps(counts) + "\n")
        sys.stderr.flush()
    sys.exit(0)


signal.signal(signal.SIGTERM, done)
print(json.dumps(ports), flush=True)
while True:
    time.sleep(1)
