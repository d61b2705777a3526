#!/usr/bin/env python3
"""STARTTLS servers for tests/fleet/fleet_starttls.sh: SMTP (RFC 3207), IMAP
and POP3 (RFC 2595), FTP (RFC 4217), each speaking just enough of its
protocol to upgrade a connection to TLS with the given chain and key, plus an
SMTP server that refuses STARTTLS (454) and an IMAP server that sends an
untagged line before its tagged OK. Prints one JSON line
{"smtp": PORT, ..., "smtp-refuses": PORT} when listening; runs until killed.

usage: starttls_servers.py CHAIN.pem KEY.pem
"""
import json
import socket
import socketserver
import ssl
import sys
import threading

chain, key = sys.argv[1], sys.argv[2]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(chain, key)


class Handler(socketserver.StreamRequestHandler):
    protocol = ""

    def say(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def hear(self):
        return self.rfile.readline(4096).decode(errors="replace").strip()

    def upgrade(self):
        tls = ctx.wrap_socket(self.request, server_side=True)
        try:
            tls.recv(1)  # the client closes after the handshake
        except (OSError, ssl.SSLError):
            pass
        finally:
            tls.close()

    def handle(self):
        try:
            getattr(self, "do_" + self.protocol.replace("-", "_"))()
        except (OSError, ssl.SSLError):
            pass

    def do_smtp(self):
        self.say("220 mail.trustready.test ESMTP test")
        if not self.hear().upper().startswith(("EHLO", "HELO")):
            return self.say("503 EHLO first")
        self.say("250-mail.trustready.test")
        self.say("250-PIPELINING")
        self.say("250 STARTTLS")
        if self.hear().upper() != "STARTTLS":
            return self.say("500 no")
        self.say("220 2.0.0 Ready to start TLS")
        self.upgrade()

    def do_smtp_refuses(self):
        self.say("220 mail.trustready.test ESMTP test")
        self.hear()
        self.say("250-mail.trustready.test")
        self.say("250 STARTTLS")
        self.hear()
        self.say("454 4.7.0 TLS not available due to temporary reason")

    def do_imap(self):
        self.say("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
        for _ in range(5):  # openssl s_client asks CAPABILITY first
            tag, _, cmd = self.hear().partition(" ")
            if cmd.upper() == "CAPABILITY":
                self.say("* CAPABILITY IMAP4rev1 STARTTLS")
                self.say(tag + " OK CAPABILITY completed")
                continue
            if cmd.upper() != "STARTTLS":
                return self.say(tag + " BAD no")
            # (No untagged line before the tagged OK: openssl s_client,
            # the oracle, reads one line and starts the handshake.)
            self.say(tag + " OK Begin TLS negotiation now")
            return self.upgrade()

    def do_imap_untagged(self):
        # RFC 3501 allows untagged lines before the tagged reply.
        self.say("* OK ready")
        tag, _, cmd = self.hear().partition(" ")
        if cmd.upper() != "STARTTLS":
            return self.say(tag + " BAD no")
        self.say("* NOTE an untagged line first")
        self.say(tag + " OK Begin TLS negotiation now")
        self.upgrade()

    def do_pop3(self):
        self.say("+OK POP3 ready")
        for _ in range(5):
            cmd = self.hear().upper()
            if cmd == "CAPA":
                self.say("+OK")
                self.say("STLS")
                self.say(".")
                continue
            if cmd != "STLS":
                return self.say("-ERR no")
            self.say("+OK Begin TLS negotiation")
            return self.upgrade()

    def do_ftp(self):
        self.say("220-FTP test")
        self.say("220 ready")
        if self.hear().upper() != "AUTH TLS":
            return self.say("502 no")
        self.say("234 AUTH TLS successful")
        self.upgrade()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


ports = {}
for name in ("smtp", "imap", "pop3", "ftp", "smtp-refuses", "imap-untagged"):
    handler = type("H_" + name, (Handler,), {"protocol": name})
    srv = Server(("127.0.0.1", 0), handler)
    ports[name] = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
print(json.dumps(ports), flush=True)
threading.Event().wait()
