#!/usr/bin/env python3
"""Rebuild the OpenJDK 21, 25 and 26 (GA) trust sets from the shipped jdk-17.0.2
snapshot plus the cacerts changes OpenJDK made since, as listed in
data/platforms/imported/sources/openjdk-cacerts-changes.txt; and the update
releases 21.0.1 and 21.0.2 (from jdk-21) and 17.0.14 (from jdk-17.0.2) plus the
changes each one backported (imported/sources/openjdk-update-backports.txt).

Cross-checks against OpenJDK's own VerifyCACerts.java (the first 8 bytes of the
SHA-256 of each entry, transcribed in imported/sources/openjdk-verifycacerts-*.txt):
the build fails unless jdk-17.0.14 is exactly the 112 entries of
openjdk/jdk17u@a948011 and jdk-25 exactly the 111 entries of rhalade/jdk@30dc1ce
less its two work-in-progress WISeKey entries (JDK-8372351, JDK 27).

No complete jdk21u/jdk25u cacerts folder could be read (see
data/platforms/imported/README.md), so the sets are derived: every change is a
JDK bug id with the alias and SHA-256 that OpenJDK's VerifyCACerts.java test
asserts. The blocked list is the one of jdk-17.0.2 (changes to
lib/security/blocked.certs since then are not known here).

Writes data/platforms/imported/openjdk-21-rebuilt.json,
openjdk-25-rebuilt.json, openjdk-26-rebuilt.json and openjdk-VERSION-rebuilt.json for the
update releases, and openjdk-11.0.26.json, read directly from the 112 entries of
openjdk/jdk11u@d769de6's VerifyCACerts.java (DIRECT below: a copy tied to that
release by the dates of the cacerts changes around it); checks the copies not tied
to any release (UNTIED: jdk11u-dev@30727d5, jdk8u-dev@35aec74) against shipped sets, in the format of `trustready data import`
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
UPDATES = os.path.join(PLATFORMS, "imported", "sources", "openjdk-update-backports.txt")
SOURCES = os.path.join(PLATFORMS, "imported", "sources")
# (version, VerifyCACerts transcription, COUNT it asserts, entries that are not in the release): the
# rebuilt set must be exactly the transcription's entries less the excluded aliases.
VERIFY = [
    ("17.0.14", "openjdk-verifycacerts-jdk17u-a948011.txt", 112, ()),
    ("25", "openjdk-verifycacerts-rhalade-30dc1ce.txt", 111, ("wisekeyglobalrootgbca", "wisekeyglobalrootgcca")),
]
# Releases read directly from a VerifyCACerts.java copy tied to the release (version, date, transcription,
# COUNT, where the copy is, why it is that release): the trust set is exactly the transcription's entries, each
# resolved to a certificate of certs.der by its SHA-256 prefix (unique, or the build fails).
DIRECT = [
    ("11.0.26", "2025-01-21", "openjdk-verifycacerts-jdk11u-d769de6.txt", 112, "openjdk/jdk11u@d769de67f91d7045e6f6a5d20220763d718073b2",
     "JDK-8341057, its last @bug, integrated in openjdk/jdk11u by #99 on 2024-10-01; the next cacerts change, "
     "JDK-8303770, integrated in mainline on 2025-03-11 and in 11u by openjdk/jdk11u-dev#3018 on 2025-03-28"),
]
# A development state shipped as a snapshot because its line has no release to stand on (version, date,
# transcription, COUNT, where, what it is): the base of the 8 update line (java:8), never named a release.
DEV_STATES = [
    ("8u-dev-35aec74", "2025-06-03", "openjdk-verifycacerts-jdk8u-dev-35aec74.txt", 109,
     "openjdk/jdk8u-dev@35aec741bff8cc2da685546e340a2c0b7b7d7d9b",
     "a development state of the 8u line, not a release: after JDK-8303770 (Baltimore, jdk8u#72, integrated "
     "2025-06-03) and JDK-8350498 (two Camerfirma roots, jdk8u#73) of the July 2025 release, before JDK-8359170 "
     "(four Sectigo roots, jdk8u#75) and JDK-8361212 (four AffirmTrust roots, jdk8u-dev#684, 2025-08-27); "
     "the base of the 8 update line (java:8)"),
]
# Copies read but NOT tied to a release (development states), checked against shipped sets so the records
# stay testable: (transcription, COUNT, shipped version it must equal, aliases of that version it lacks).
UNTIED = [
    ("openjdk-verifycacerts-jdk11u-dev-30727d5.txt", 110, "17.0.14", ("ssltlsrootecc2022", "ssltlsrootrsa2022")),
    ("openjdk-verifycacerts-jdk8u-dev-35aec74.txt", 109, "25", ()),
]
# Which update repository a train's backports went to (for the source string).
TRAIN_REPO = {"17": "jdk17u", "21": "jdk21u"}

# (version, date, expected count): GA dates from the JDK project pages
# (openjdk.org/projects/jdk/21: 2023-09-19; /25: 2025-09-16). The counts are
# VerifyCACerts.java's COUNT arithmetic: 103 after JDK-8318759 less the seven
# entries added after JDK 21 up to it = 96; 112 after JDK-8341057 less the
# three removals of JDK-8303770 and JDK-8350498 = 109. 26 (GA 2026-03-17,
# openjdk.org/projects/jdk/26): 25 + the four Sectigo roots of JDK-8359170 - the
# four AffirmTrust roots of JDK-8361212 = 109; no VerifyCACerts.java of the
# jdk26 line could be read, so this count is the arithmetic only (see
# imported/sources/openjdk-cacerts-changes.txt).
RELEASES = [("21", "2023-09-19", 96), ("25", "2025-09-16", 109), ("26", "2026-03-17", 109)]
BASE = "jdk-17.0.2"
# What a release's source string must also say.
NOTES = {"26": "; JDK-8359170's SHA-256 computed from the certificate files of openjdk/jdk; "
               "the count (109) is not checked against a VerifyCACerts.java COUNT of the jdk26 line"}


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


def load_updates():
    out = []
    with open(UPDATES, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            version, date, base, count, *bugs = line.split()
            assert bugs, line
            out.append((version, date, base, int(count), bugs))
    return out


def load_verify(name):
    rows = {}
    with open(os.path.join(SOURCES, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            alias, prefix = line.split()
            assert alias not in rows, f"{name}: {alias} twice"
            rows[alias] = prefix.lower()
    return rows


def cross_check(sets):
    for version, name, count, excluded in VERIFY:
        rows = load_verify(name)
        if len(rows) != count:
            sys.exit(f"{name}: {len(rows)} entries, its COUNT is {count}")
        want = {p for a, p in rows.items() if a not in excluded}
        got = {fp[:16] for fp in sets[version]}
        if got != want or len(sets[version]) != len(want):
            sys.exit(f"jdk-{version} differs from {name}: extra {sorted(got - want)}, missing {sorted(want - got)}")


def resolve(name, rows, certs):
    out = set()
    for alias, prefix in rows.items():
        hits = [c for c in certs if c.startswith(prefix)]
        if len(hits) != 1:
            sys.exit(f"{name}: {alias} {prefix}: {len(hits)} certificates of certs.der have that SHA-256 prefix")
        out.add(hits[0])
    return out


def check_untied(sets):
    # The aliases a copy lacks are named by alias; their prefixes come from the 11u transcription,
    # which holds every alias these copies have.
    every = load_verify(DIRECT[0][2])
    for name, count, version, lacks in UNTIED:
        rows = load_verify(name)
        if len(rows) != count:
            sys.exit(f"{name}: {len(rows)} entries, its COUNT is {count}")
        want = {fp[:16] for fp in sets[version]} - {every[a] for a in lacks}
        got = set(rows.values())
        if got != want or len(want) != count:
            sys.exit(f"{name} is not jdk-{version} less {list(lacks)}: extra {sorted(got - want)}, "
                     f"missing {sorted(want - got)}")


def snapshot_doc(version, date, trusted, blocked, source):
    doc = {
        "anchors": [],
        "blocked": blocked,
        "date": date,
        "format": 1,
        "platform": "openjdk",
        "source": source,
        "trusted": sorted(trusted),
        "version": "jdk-" + version,
    }
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


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
    sets = {}
    sets["17.0.2"] = set(trusted)
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
        sets[version] = set(trusted)
        out[f"openjdk-{version}-rebuilt.json"] = snapshot_doc(
            version, date, trusted, blocked,
            f"openjdk (rebuilt from notes): trust_stores_observatory {BASE} + {bugs} "
            "(aliases and SHA-256 from OpenJDK's VerifyCACerts.java; imported/sources/openjdk-cacerts-changes.txt)"
            + NOTES.get(version, ""))
    # Update releases: the base release's set plus the changes each one backported.
    for version, date, base, expected, update_bugs in load_updates():
        assert base in sets, f"jdk-{version}: base jdk-{base} is not built before it"
        trusted = set(sets[base])
        for bug in update_bugs:
            lines = [c for c in changes if c[0] == bug]
            if not lines:
                sys.exit(f"jdk-{version}: JDK-{bug} is not in openjdk-cacerts-changes.txt")
            for _, alias, action, _, fp in lines:
                if fp not in known:
                    sys.exit(f"{alias} (JDK-{bug}) {fp}: no certificate in certs.der")
                if action == "add":
                    assert fp not in trusted, f"{alias} already trusted in jdk-{base}"
                    trusted.add(fp)
                else:
                    assert fp in trusted, f"{alias} not trusted in jdk-{base}"
                    trusted.discard(fp)
        if len(trusted) != expected:
            sys.exit(f"jdk-{version}: {len(trusted)} roots, the backports say {expected}")
        sets[version] = trusted
        bugs = " ".join("JDK-" + b for b in update_bugs)
        repo = TRAIN_REPO[version.split(".")[0]]
        rebuilt = "" if "jdk-" + base == BASE else " (rebuilt)"
        checked = [n for v, n, _, _ in VERIFY if v == version]
        out[f"openjdk-{version}-rebuilt.json"] = snapshot_doc(
            version, date, trusted, blocked,
            f"openjdk (rebuilt from notes): jdk-{base}{rebuilt} + {bugs} backported to {repo} "
            f"(release notes and {repo} pull requests: imported/sources/openjdk-update-backports.txt; "
            "aliases and SHA-256 from VerifyCACerts.java)"
            + (f"; equal to the {len(trusted)} entries of VerifyCACerts.java in imported/sources/{checked[0]}"
               if checked else ""))
    cross_check(sets)
    # Releases read from a tied VerifyCACerts.java copy.
    for version, date, name, count, where, why in DIRECT:
        rows = load_verify(name)
        if len(rows) != count:
            sys.exit(f"{name}: {len(rows)} entries, its COUNT is {count}")
        trusted = resolve(name, rows, certs)
        sets[version] = trusted
        out[f"openjdk-{version}.json"] = snapshot_doc(
            version, date, trusted, blocked,
            f"openjdk (from OpenJDK's own test): the {count} entries (COUNT {count}) of "
            f"test/jdk/sun/security/lib/cacerts/VerifyCACerts.java at {where} "
            f"(imported/sources/{name}); jdk-{version} by release date: {why}; "
            f"blocked list: {BASE}'s (not read for this release)")
    for version, date, name, count, where, what in DEV_STATES:
        rows = load_verify(name)
        if len(rows) != count:
            sys.exit(f"{name}: {len(rows)} entries, its COUNT is {count}")
        trusted = resolve(name, rows, certs)
        out[f"openjdk-{version}.json"] = snapshot_doc(
            version, date, trusted, blocked,
            f"openjdk (from OpenJDK's own test): the {count} entries (COUNT {count}) of "
            f"test/jdk/sun/security/lib/cacerts/VerifyCACerts.java at {where} "
            f"(imported/sources/{name}); {what}; blocked list: {BASE}'s (not read for this state)")
    check_untied(sets)
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
