#!/usr/bin/env python3
"""Copies each catalog operator's root certificates out of the platform store
data into data/catalog/<operator>/roots/ as PEM, choosing them by subject.

A certificate belongs to an operator when its subject O (or, for the few
roots without an O that names the company, the CN/OU/DC given below)
matches the operator's rule and some platform snapshot trusts it. Roots that
changed hands are listed under the operator that runs them now; the rule
comments say which. Output file names are the subject CN (or OU) made
file-safe, plus the first 8 hex digits of the SHA-256 when two roots share
a name (re-issued roots such as GTS Root R1).

usage: scripts/catalog_roots.py [PLATFORM_STORES_DIR] [CATALOG_DIR]
"""
import json
import os
import re
import subprocess
import sys

# operator folder -> predicate over the subject attributes (dict of lists)
RULES = {
    "amazon-trust-services": lambda s: s.get("O") == ["Amazon"],
    # Starfield Technologies roots (Class 2, Root G2, Services, Services G2,
    # TLS R1). Services Root CA - G2 is operated by Amazon Trust Services
    # since 2015; the catalog keeps the Starfield family together.
    "starfield": lambda s: any(o.startswith("Starfield Technologies") for o in s.get("O", [])),
    # DigiCert-named roots, plus Baltimore CyberTrust Root (DigiCert since
    # its 2015 acquisition of Verizon's CA business). Not "Digicert Sdn.
    # Bhd." (Pos Digicert, Malaysia), an unrelated company.
    "digicert": lambda s: any(o in ("DigiCert Inc", "DigiCert, Inc.") for o in s.get("O", []))
    or s.get("CN") == ["Baltimore CyberTrust Root"],
    "isrg": lambda s: s.get("O") == ["Internet Security Research Group"],
    # IdenTrust roots and the Digital Signature Trust Co. roots it acquired
    # (DST Root CA X3, Let's Encrypt's original cross-signer).
    "identrust": lambda s: s.get("O") in (["IdenTrust"], ["Digital Signature Trust Co."]),
    # Sectigo (formerly Comodo CA) and the USERTrust/AddTrust roots it owns.
    "sectigo": lambda s: any(o in ("Sectigo Limited", "COMODO CA Limited", "Comodo CA Limited",
                                   "The USERTRUST Network", "AddTrust AB") for o in s.get("O", [])),
    # GlobalSign, except R2 and ECC R4, which Google Trust Services bought in 2016.
    "globalsign": lambda s: any(o in ("GlobalSign", "GlobalSign nv-sa") for o in s.get("O", []))
    and not any(ou in ("GlobalSign Root CA - R2", "GlobalSign ECC Root CA - R4") for ou in s.get("OU", [])),
    "google-trust-services": lambda s: s.get("O") == ["Google Trust Services LLC"]
    or any(ou in ("GlobalSign Root CA - R2", "GlobalSign ECC Root CA - R4") for ou in s.get("OU", [])),
    "microsoft": lambda s: s.get("O") == ["Microsoft Corporation"]
    or "Microsoft Corporation" in s.get("OU", [])
    or (s.get("DC") == ["com", "microsoft"]),
    # Entrust, Entrust.net and AffirmTrust (acquired by Entrust in 2016).
    "entrust": lambda s: any(o in ("Entrust, Inc.", "Entrust.net", "AffirmTrust") for o in s.get("O", [])),
    # Chunghwa Telecom (Taiwan): ePKI and HiPKI roots. Not TAIWAN-CA (TWCA),
    # a different company.
    "chunghwa-telecom": lambda s: s.get("O") == ["Chunghwa Telecom Co., Ltd."],
    # NetLock (Hungary): "NetLock Kft." (Arany, Platina) and its earlier name
    # "NetLock Halozatbiztonsagi Kft." (the Class A/B/C/QA roots).
    "netlock": lambda s: any(o in ("NetLock Kft.", "NetLock Halozatbiztonsagi Kft.") for o in s.get("O", [])),
}


def RootName(attrs):
    """The catalog's name for a root: its CN, unless the CN only repeats the
    organisation (GlobalSign's "CN=GlobalSign, O=GlobalSign, OU=GlobalSign
    Root CA - R3"), then its OU. src/catalog/catalog.cc uses the same rule."""
    cn = (attrs.get("CN") or [""])[0]
    o = (attrs.get("O") or [""])[0]
    ou = (attrs.get("OU") or [""])[0]
    if cn and cn != o:
        return cn
    return ou or cn or o


def self_issued(path):
    out = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-subject", "-issuer", "-nameopt",
                          "RFC2253"], check=True, capture_output=True, text=True).stdout.splitlines()
    return out[0].partition("=")[2] == out[1].partition("=")[2]


def subject(path):
    out = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-subject", "-nameopt",
                          "sep_multiline,utf8,sname"], check=True, capture_output=True,
                         text=True).stdout
    attrs = {}
    for line in out.splitlines()[1:]:
        k, _, v = line.strip().partition("=")
        attrs.setdefault(k, []).append(v)
    return attrs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "platform-stores")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "data", "catalog")
    with open(os.path.join(src, "snapshots.json")) as f:
        snapshots = json.load(f)
    trusted = set()
    for s in snapshots:
        trusted.update(s["trusted"])
    chosen = {op: [] for op in RULES}
    for name in sorted(os.listdir(os.path.join(src, "certs"))):
        fp = name[:-4]
        if fp not in trusted:
            continue
        path = os.path.join(src, "certs", name)
        attrs = subject(path)
        if not self_issued(path):
            continue  # an anchor that is an intermediate: not a root
        owners = [op for op, rule in RULES.items() if rule(attrs)]
        if len(owners) > 1:
            sys.exit(f"{name}: matches {owners}")
        if owners:
            label = RootName(attrs)
            chosen[owners[0]].append((label, fp, path))
    for op, roots in chosen.items():
        d = os.path.join(out, op, "roots")
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.endswith(".pem"):
                os.remove(os.path.join(d, f))
        labels = [r[0] for r in roots]
        for label, fp, path in roots:
            base = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")
            if labels.count(label) > 1:
                base += "-" + fp[:8]
            with open(path) as f:
                pem = f.read()
            with open(os.path.join(d, base + ".pem"), "w") as f:
                f.write(pem if pem.endswith("\n") else pem + "\n")
        print(f"{op}: {len(roots)} roots", file=sys.stderr)


if __name__ == "__main__":
    main()
