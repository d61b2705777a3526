#!/usr/bin/env python3
"""Converts ../shared/data/platform-stores/ into the compact form shipped in
data/platforms/:

  certs.der       every distinct certificate, DER, concatenated (each one is a
                  self-delimiting SEQUENCE TLV), in the order of
                  snapshots.json "certificates"
  snapshots.json  {"format": 1, "certificates": [sha256...],
                   "fingerprint_only": [sha256...],
                   "snapshots": [{"platform", "version", "date", "source",
                                  "trusted": [index...], "blocked": [index...]}]}
                  Indexes count through "certificates" then "fingerprint_only"
                  (blocked fingerprints published without a certificate).

Each PEM's file name is checked against the SHA-256 of its DER, and every
fingerprint a snapshot uses must resolve. Output is deterministic.

usage: scripts/convert_platform_stores.py [SOURCE_DIR] [OUT_DIR]
"""
import base64
import hashlib
import json
import os
import re
import sys


def pem_to_der(text, path):
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    if not m:
        sys.exit(f"{path}: no CERTIFICATE block")
    return base64.b64decode("".join(m.group(1).split()), validate=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "platform-stores")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "data", "platforms")
    with open(os.path.join(src, "snapshots.json")) as f:
        snapshots = json.load(f)

    ders = {}
    certdir = os.path.join(src, "certs")
    for name in sorted(os.listdir(certdir)):
        if not name.endswith(".pem"):
            continue
        path = os.path.join(certdir, name)
        with open(path) as f:
            der = pem_to_der(f.read(), path)
        fp = hashlib.sha256(der).hexdigest()
        if fp != name[:-4]:
            sys.exit(f"{path}: SHA-256 of DER is {fp}")
        ders[fp] = der

    used = set()
    for s in snapshots:
        used.update(s["trusted"])
        used.update(s["blocked"])
        for fp in s["trusted"]:
            if fp not in ders:
                sys.exit(f"{s['platform']}:{s['version']}: trusted {fp} has no certificate")
    # Only certificates some snapshot uses ship.
    with_cert = sorted(fp for fp in used if fp in ders)
    without = sorted(fp for fp in used if fp not in ders)
    index = {fp: i for i, fp in enumerate(with_cert + without)}

    os.makedirs(out, exist_ok=True)
    tmp = os.path.join(out, "certs.der.tmp")
    with open(tmp, "wb") as f:
        for fp in with_cert:
            f.write(ders[fp])
    os.replace(tmp, os.path.join(out, "certs.der"))

    lines = ['{', ' "format": 1,',
             ' "certificates": ' + json.dumps(with_cert) + ',',
             ' "fingerprint_only": ' + json.dumps(without) + ',',
             ' "snapshots": [']
    for i, s in enumerate(snapshots):
        entry = {
            "platform": s["platform"], "version": s["version"], "date": s["date"],
            "source": s["source"],
            "trusted": [index[fp] for fp in s["trusted"]],
            "blocked": [index[fp] for fp in s["blocked"]],
        }
        lines.append("  " + json.dumps(entry, separators=(",", ":")) + ("," if i + 1 < len(snapshots) else ""))
    lines += [' ]', '}', '']
    tmp = os.path.join(out, "snapshots.json.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(lines))
    os.replace(tmp, os.path.join(out, "snapshots.json"))
    print(f"{len(snapshots)} snapshots, {len(with_cert)} certificates, "
          f"{len(without)} fingerprint-only", file=sys.stderr)


if __name__ == "__main__":
    main()
