#!/usr/bin/env bash
# Facts the shipped data must reproduce, computed here from the source
# snapshots.json (../shared/data/platform-stores) independently of
# trustready, and compared with what `trustready catalog show --json`
# reports: the first version of each platform that includes ISRG Root X1
# and Amazon Root CA 1, the last one, and whether the newest still does.
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$TRUSTREADY" catalog show isrg --json > "$tmp/isrg.json"
"$TRUSTREADY" catalog show amazon --json > "$tmp/amazon.json"
python3 - "$TR_SHARED_DATA/platform-stores/snapshots.json" "$tmp/isrg.json" "$tmp/amazon.json" <<'PY'
import json, sys
snaps = json.load(open(sys.argv[1]))
# Snapshots rebuilt into data/platforms/imported (openjdk jdk-8u-dev, 11.0.26,
# 17.0.14, 21 ... 26) join the shared ones, ordered by date as the loader does.
import glob, os
for f in sorted(glob.glob(os.path.join(os.environ.get("TR_SOURCE_DIR", "."), "data/platforms/imported/*.json"))):
    j = json.load(open(f))
    if j["platform"] != "chrome":
        snaps.append({"platform": j["platform"], "version": j["version"], "trusted": j["trusted"], "date": j["date"]})
# Within a platform the loader orders snapshots by date (a stable sort).
snaps.sort(key=lambda s: s["date"])
roots = {}
for f in sys.argv[2:]:
    for r in json.load(open(f))["roots"]:
        roots[r["name"]] = r
facts = {
    "ISRG Root X1": "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6",
    "Amazon Root CA 1": "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e",
}
for name, fp in facts.items():
    r = roots[name]
    assert r["sha256"] == fp, (name, r["sha256"])
    for platform in ("android", "apple", "openjdk", "oracle-java", "mozilla", "windows"):
        of = [s for s in snaps if s["platform"] == platform]
        having = [s for s in of if fp in s["trusted"]]
        got = r["programs"][platform]
        assert got["snapshots"] == len(having), (name, platform)
        assert got["in_latest"] == (fp in of[-1]["trusted"]), (name, platform)
        if having:
            assert got["first_version"] == having[0]["version"], (name, platform, got["first_version"], having[0]["version"])
            assert got["last_version"] == having[-1]["version"], (name, platform)
        print(f"{name:17} {platform:12} first {having[0]['version'] if having else '-'}")
PY
