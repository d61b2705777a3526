#!/usr/bin/env python3
"""Microsoft's per-root CTL properties for the shipped windows:* snapshots.

The windows snapshots (trust_stores_observatory, snapshots.json) list every
root Microsoft's program includes, whatever its trust purposes, so roots that
Microsoft trusts only for e-mail, client authentication, code or document
signing or time stamping were server-auth anchors there. This script writes
data/platforms/root_properties.json, which LoadPlatformData applies on top of
the snapshots (snapshots.json itself is not edited):

  not_server_auth  roots that are not server-auth anchors in windows snapshots:
    1. every root that Microsoft's CTL (authroot.tsv at
       robstradling/authroot.stl@01c8329, a CTL of 2024-03-26..2024-05-27)
       lists without "Server Authentication"
       (imported/sources/microsoft-authroot-tsv-01c8329.txt), in every
       windows snapshot. For snapshots older than the dump this is stricter
       than Windows was if a root lost the purpose later: a false NOT READY
       at worst, never a false READY.
    2. roots of windows snapshots absent from the dump (added after it, or
       removed from the CTL before it), so that no Microsoft purpose is
       known for them here: kept as server-auth anchors only when Mozilla's
       or Chrome's shipped snapshots trust them for TLS (a root another
       program trusts for websites is a TLS root; this is an inference, not
       Microsoft's data), otherwise left out of every windows snapshot.
    3. roots Microsoft's deployment notices Disable, in snapshots dated from
       the release of that notice.
  distrust_after   Microsoft's NotBefore dates (every EKU, or the Server
    Authentication EKU) from its deployment notices
    (imported/sources/microsoft-deployment-notices.txt): leaves issued after
    the stated date (the first day of the release month when the notice
    states none) are not trusted, in snapshots dated from the release.

Deterministic; `--check` fails when the file differs from what it would write.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLATFORMS = os.path.join(HERE, "..", "data", "platforms")
SOURCES = os.path.join(PLATFORMS, "imported", "sources")
TSV = os.path.join(SOURCES, "microsoft-authroot-tsv-01c8329.txt")
NOTICES = os.path.join(SOURCES, "microsoft-deployment-notices.txt")
OUT = os.path.join(PLATFORMS, "root_properties.json")
DUMP = "robstradling/authroot.stl@01c8329ecebbda8d393bf1ee0ddf29a33a92eeea authroot.tsv"
# The newest windows snapshot that is certainly older than the dump (the dump
# is of 2024-03-26..2024-05-27); roots first trusted after it are "later".
BEFORE_DUMP = "2023-12-11"


def split_der(blob):
    out, pos = [], 0
    while pos < len(blob):
        n = blob[pos + 1]
        head = 2
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(blob[pos + 2:pos + 2 + k], "big")
            head += k
        out.append(blob[pos:pos + head + n])
        pos += head + n
    return out


def read_tsv():
    sections, current = {}, None
    for line in open(TSV, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections[current] = []
            continue
        fields = line.split("\t")
        if current == "server-auth-windows-only":
            sha, name = fields
            purposes = "Server Authentication (and others)"
        else:
            sha, purposes, name = fields
        assert len(sha) == 64, line
        assert "Server Authentication" not in purposes.split(", ") if current == "no-server-auth" else \
            "Server Authentication" in purposes, line
        sections[current].append((sha.lower(), purposes, name))
    return sections


def read_notices():
    rows = []
    for line in open(NOTICES, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        notice, released, action, cutoff, thumb, name = line.split("\t")
        assert action in ("notbefore", "notbefore-server", "disable"), line
        assert len(thumb) in (40, 64), line
        rows.append((notice, released, action, cutoff, thumb.lower(), name))
    return rows


def build():
    snaps = json.load(open(os.path.join(PLATFORMS, "snapshots.json")))
    certs = snaps["certificates"]
    ders = split_der(open(os.path.join(PLATFORMS, "certs.der"), "rb").read())
    assert len(ders) == len(certs)
    by_sha1 = {hashlib.sha1(d).hexdigest(): hashlib.sha256(d).hexdigest() for d in ders}
    known = set(certs)
    windows = [s for s in snaps["snapshots"] if s["platform"] == "windows"]
    tls_elsewhere = set()
    for s in snaps["snapshots"]:
        if s["platform"] == "mozilla":
            tls_elsewhere |= {certs[i] for i in s["trusted"]}
    imported = os.path.join(PLATFORMS, "imported")
    for f in sorted(os.listdir(imported)):
        if f.startswith("chrome-") and f.endswith(".json"):
            tls_elsewhere |= set(json.load(open(os.path.join(imported, f)))["trusted"])

    tsv = read_tsv()
    no_server = sorted(sha for sha, _, _ in tsv["no-server-auth"])
    assert len(no_server) == 116, len(no_server)
    missing = [sha for sha in no_server if sha not in known]
    assert not missing, "no certificate in certs.der: %s" % missing

    early = set()
    for s in windows:
        if s["date"] <= BEFORE_DUMP:
            early |= {certs[i] for i in s["trusted"]}
    every = {certs[i] for s in windows for i in s["trusted"]}
    later = sorted(every - early)
    in_dump = set(no_server) | {sha for sha, _, _ in tsv["server-auth-later"]} | \
        {sha for sha, _, _ in tsv["server-auth-windows-only"]}
    assert all(sha in later for sha, _, _ in tsv["server-auth-later"])
    assert all(sha in every and sha not in tls_elsewhere for sha, _, _ in tsv["server-auth-windows-only"])
    absent = [sha for sha in later if sha not in in_dump]
    assert len(later) == 74 and len(absent) == 64, (len(later), len(absent))
    # Every root of any windows snapshot that the dump does not hold and that
    # no Mozilla or Chrome snapshot trusts for TLS: no server-auth evidence.
    unknown_non_tls = sorted(sha for sha in every if sha not in in_dump and sha not in tls_elsewhere)
    assert len(tsv["server-auth-windows-only"]) == 129 and len(unknown_non_tls) == 58 + 68, len(unknown_non_tls)

    rules = [
        {"platform": "windows",
         "roots": no_server,
         "why": "Microsoft's CTL lists these roots without the Server Authentication purpose (e-mail, client "
                "authentication, code or document signing, time stamping only), so Windows does not accept them "
                "for TLS servers. Applied to every windows snapshot: the dump is of 2024-03-26..2024-05-27, and for "
                "older snapshots a root that lost the purpose later is left out too (stricter, never a false READY).",
         "source": DUMP + " (transcribed: data/platforms/imported/sources/microsoft-authroot-tsv-01c8329.txt)"},
        {"platform": "windows",
         "roots": unknown_non_tls,
         "why": "Absent from the CTL dump (58 added after it, 68 removed before it), so no Microsoft purpose is "
                "known here, and neither Mozilla's nor Chrome's shipped snapshots trust them for TLS. Left out of "
                "server-auth trust in every windows snapshot (stricter: a false NOT READY at worst). Other roots "
                "absent from the dump stay anchors because Mozilla or Chrome trust them for websites (an "
                "inference, not Microsoft's data).",
         "source": DUMP + "; data/platforms/snapshots.json; Mozilla and Chrome snapshots of data/platforms"},
    ]
    notices = read_notices()
    unresolved = []

    def resolve(thumb):
        sha = by_sha1.get(thumb) if len(thumb) == 40 else (thumb if thumb in known else None)
        if sha is None:
            unresolved.append(thumb)
        return sha

    groups = {}
    for notice, released, action, cutoff, thumb, name in notices:
        sha = resolve(thumb)
        if sha is None:
            continue
        groups.setdefault((released, action, cutoff, notice), []).append((sha, name))
    distrust = []
    for (released, action, cutoff, notice), roots in sorted(groups.items()):
        src = "MicrosoftDocs/security security-docs/trusted-root/" + notice
        names = ", ".join(n.split(" \\ ")[-1] for _, n in roots)
        if action == "disable":
            rules.append({"platform": "windows", "snapshots_from": released,
                          "roots": sorted(s for s, _ in roots),
                          "why": "Microsoft disabled these roots in the CTL update of %s (%s)." % (released, names),
                          "source": src})
            continue
        # No stated date: the first day of the release month, the program's rule.
        when = cutoff if cutoff != "-" else released[:8] + "01"
        what = "every purpose" if action == "notbefore" else "the Server Authentication purpose"
        stated = ("the NotBefore date the notice states" if cutoff != "-" else
                  "the notice states no date: the first day of the release month, as the program sets it")
        distrust.append({
            "platform": "windows",
            "in_snapshots_from": released,
            "server_distrust_after": when + "T00:00:00Z",
            "roots": sorted(s for s, _ in roots),
            "why": "Microsoft set NotBefore for %s on %s in the CTL update of %s: leaves issued after %s (%s) are "
                   "not trusted through them." % (what, names, released, when, stated),
            "source": src})
    doc = {
        "about": "Per-root properties Microsoft's CTL gives the roots of windows snapshots, applied by "
                 "LoadPlatformData on top of snapshots.json: not_server_auth (not server-auth anchors in the "
                 "snapshots of that platform dated from snapshots_from, or all) and distrust_after (as in "
                 "behaviors.json). Generated by scripts/microsoft_ctl.py from imported/sources/microsoft-*.txt; "
                 "do not edit by hand.",
        "not_server_auth": rules,
        "distrust_after": distrust,
    }
    return doc, unresolved


def main():
    doc, unresolved = build()
    text = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        if not os.path.exists(OUT) or open(OUT, encoding="utf-8").read() != text:
            print("data/platforms/root_properties.json differs from scripts/microsoft_ctl.py's output", file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    if unresolved:
        print("notice thumbprints with no certificate in certs.der (not applied): %d" % len(unresolved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
