#!/usr/bin/env python3
"""Rebuild the OpenJDK 21 and 25 (GA) trust sets from the shipped jdk-17.0.2
snapshot plus the cacerts changes OpenJDK made since, as listed in
data/platforms/imported/sources/openjdk-cacerts-changes.txt.

No complete jdk21u/jdk25u cacerts folder could be read (see
data/platforms/imported/README.md), so the sets are derived: every change is a
JDK bug id with the alias and SHA-256 that OpenJDK's VerifyCACerts.java test
asserts. The blocked list is the one of jdk-17.0.2 (changes to
lib/security/blocked.certs since then are not known here).

Writes data/platforms/imported/openjdk-21-rebuilt.json and
openjdk-25-rebuilt.json in the format of `trustready data import`
(ImportedSnapshot::ToJson): sorted fingerprints, one-space indent, sorted
keys. Deterministic; `--check` fails when the files differ from what it would
write.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLATFORMS = os.path.join(HERE, "..", "data", "platforms")
CHANGES = os.path.join(PLATFORMS, "imported", "sources", "openjdk-cacerts-changes.txt")

# (version, date, expected count): GA dates from the JDK project pages
# (openjdk.org/projects/jdk/21: 2023-09-19; /25: 2025-09-16). The counts are
# VerifyCACerts.java's COUNT arithmetic: 103 after JDK-8318759 less the seven
# entries added after JDK 21 up to it = 96; 112 after JDK-8341057 less the
# three removals of JDK-8303770 and JDK-8350498 = 109.
RELEASES = [("21", "2023-09-19", 96), ("25", "2025-09-16", 109)]
BASE = "jdk-17.0.2"


def load_changes():
    out = []
    with open(CHANGES, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            bug, alias, action, first, fp = line.split()
            assert action in ("add", "remove"), line
            out.append((bug, alias, action, first, fp.replace(":", "").lower()))
    return out


def build():
    snaps = json.load(open(os.path.join(PLATFORMS, "snapshots.json"), encoding="utf-8"))
    certs = snaps["certificates"]
    fp_only = snaps.get("fingerprint_only", [])
    every = certs + fp_only
    base = [s for s in snaps["snapshots"] if s["platform"] == "openjdk" and s["version"] == BASE]
    assert len(base) == 1, "no " + BASE + " snapshot"
    base = base[0]
    trusted = {every[i] for i in base["trusted"]}
    blocked = sorted({every[i] for i in base["blocked"]})
    changes = load_changes()
    known = set(certs)
    out = {}
    for version, date, expected in RELEASES:
        for bug, alias, action, first, fp in changes:
            if first != version:
                continue
            if fp not in known:
                sys.exit(f"{alias} (JDK-{bug}) {fp}: no certificate in certs.der")
            if action == "add":
                assert fp not in trusted, f"{alias} already trusted before JDK-{bug}"
                trusted.add(fp)
            else:
                assert fp in trusted, f"{alias} not trusted before JDK-{bug}"
                trusted.discard(fp)
        if len(trusted) != expected:
            sys.exit(f"jdk-{version}: {len(trusted)} roots, VerifyCACerts says {expected}")
        bugs = " ".join(sorted({"JDK-" + c[0] for c in changes if int(c[3]) <= int(version)}))
        doc = {
            "anchors": [],
            "blocked": blocked,
            "date": date,
            "format": 1,
            "platform": "openjdk",
            "source": f"openjdk (rebuilt from notes): trust_stores_observatory {BASE} + {bugs} "
                      "(aliases and SHA-256 from OpenJDK's VerifyCACerts.java; imported/sources/openjdk-cacerts-changes.txt)",
            "trusted": sorted(trusted),
            "version": "jdk-" + version,
        }
        out[f"openjdk-{version}-rebuilt.json"] = json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def main():
    check = "--check" in sys.argv[1:]
    bad = False
    for name, text in build().items():
        path = os.path.join(PLATFORMS, "imported", name)
        if check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if old != text:
                print(f"{path}: differs from the rebuild", file=sys.stderr)
                bad = True
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
