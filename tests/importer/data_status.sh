#!/usr/bin/env bash
# `data status` and the data-age note of commands that answer from shipped
# data:
#  - `data status --json` names every platform of data/platforms with the
#    date of its newest snapshot (read here from snapshots.json directly),
#    every catalog operator and profile; it matches its schema;
#  - exit 1 while some source is older than --max-data-age or undated, and a
#    copy of the data with every date moved to today is exit 0;
#  - `platforms list`, `plan`, `verify --store PLATFORM` print "data: ... as
#    of DATE" on stderr; `--max-data-age 1` warns, `--max-data-age 100000`
#    does not; stdout (and --json) is unchanged by the note.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SOURCE_DIR:?}" "${TR_SHARED_DATA:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
DATA="$TR_SOURCE_DIR/data"

"$TRUSTREADY" data status --json > "$T/status.json"
expect_exit "data status --json exit (shipped data is older than 120 days)" 1 $?
python3 - "$T/status.json" "$DATA" <<'PY' && ok "data status --json matches the data" || bad "data status --json"
import json, os, sys
st = json.load(open(sys.argv[1])); data = sys.argv[2]
snaps = json.load(open(os.path.join(data, "platforms/snapshots.json")))["snapshots"]
# Imported and rebuilt snapshots (data/platforms/imported) count as well.
for f in os.listdir(os.path.join(data, "platforms/imported")):
    if f.endswith(".json"):
        snaps.append(json.load(open(os.path.join(data, "platforms/imported", f))))
newest = {}
for s in snaps:
    newest[s["platform"]] = max(newest.get(s["platform"], ""), s["date"])
got = {s["id"]: s for s in st["sources"]}
for p, d in newest.items():
    e = got["platforms/" + p]
    assert e["date"] == d and e["kind"] == "platform", (p, e)
    assert e["licence"], e
for kind, folder, f in (("catalog", "catalog", "operator.json"), ("profile", "profiles", "profile.json")):
    for name in os.listdir(os.path.join(data, folder)):
        if os.path.exists(os.path.join(data, folder, name, f)):
            assert got[folder + "/" + name]["kind"] == kind, name
assert st["max_data_age_days"] == 120
assert st["stale"] + st["undated"] == sum(1 for s in st["sources"] if s["stale"])
PY
schema_matches "data status --json" "$TR_SOURCE_DIR/docs/schemas/data-status.schema.json" "$T/status.json"

# A copy of the data whose every date is today: nothing stale.
today=$(date -u +%F)
cp -r "$DATA" "$T/data"
python3 - "$T/data" "$today" <<'PY'
import json, os, sys
d, today = sys.argv[1], sys.argv[2]
p = os.path.join(d, "platforms/snapshots.json")
j = json.load(open(p))
for s in j["snapshots"]: s["date"] = today
json.dump(j, open(p, "w"))
imp = os.path.join(d, "platforms/imported")
for name in os.listdir(imp):
    if name.endswith(".json"):
        q = os.path.join(imp, name); j = json.load(open(q)); j["date"] = today; json.dump(j, open(q, "w"))
for folder, f in (("catalog", "operator.json"), ("profiles", "profile.json")):
    for name in os.listdir(os.path.join(d, folder)):
        q = os.path.join(d, folder, name, f)
        if os.path.exists(q):
            j = json.load(open(q)); j["as_of"] = today; json.dump(j, open(q, "w"))
PY
TRUSTREADY_DATA="$T/data" "$TRUSTREADY" data status > "$T/fresh.txt"
expect_exit "data status on fresh data" 0 $?
TRUSTREADY_DATA="$T/data" "$TRUSTREADY" platforms list --select android:latest > /dev/null 2> "$T/fresh.err"
grep -q "^data: android root store data as of $today" "$T/fresh.err" && ok "fresh data date printed" || bad "fresh data date: $(cat "$T/fresh.err")"
grep -q "warning" "$T/fresh.err" && bad "fresh data warned" || ok "fresh data: no warning"

# Shipped data: the note names the platform's newest snapshot date.
andate=$(python3 -c "import json,sys; print(max(s['date'] for s in json.load(open(sys.argv[1]))['snapshots'] if s['platform']=='android'))" "$DATA/platforms/snapshots.json")
"$TRUSTREADY" platforms list --select android:8.1.0_r7 --max-data-age 1 > "$T/list.txt" 2> "$T/list.err"
expect_exit "platforms list exit" 0 $?
grep -q "^data: android root store data as of $andate" "$T/list.err" && ok "platforms list prints the data date" || bad "platforms list note: $(cat "$T/list.err")"
grep -q "^warning: android root store data is [0-9]* days old (more than 1)" "$T/list.err" && ok "--max-data-age 1 warns" || bad "--max-data-age 1: $(cat "$T/list.err")"
grep -q "data:" "$T/list.txt" && bad "note leaked to stdout" || ok "stdout unchanged"
"$TRUSTREADY" platforms list --select android:8.1.0_r7 --max-data-age 100000 > /dev/null 2> "$T/list2.err"
grep -q warning "$T/list2.err" && bad "--max-data-age 100000 warned" || ok "--max-data-age 100000: no warning"
"$TRUSTREADY" --max-data-age 1 platforms list --select android:latest --json > "$T/list.json" 2> "$T/list3.err"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/list.json" && ok "--json stays JSON" || bad "--json broken by the note"
grep -q "^warning:" "$T/list3.err" && ok "--max-data-age before the command" || bad "global --max-data-age: $(cat "$T/list3.err")"

A="$TR_SHARED_DATA/amazon-trust-services"
"$TRUSTREADY" verify "$A/r2m01.cer" --untrusted "$A/rootca1.cer" --store apple:latest --at 2025-03-01 --max-data-age 1 > /dev/null 2> "$T/verify.err"
grep -q "^data: apple root store data as of" "$T/verify.err" && ok "verify --store PLATFORM prints the data date" || bad "verify note: $(cat "$T/verify.err")"
grep -q "^warning: apple" "$T/verify.err" && ok "verify warns" || bad "verify warning: $(cat "$T/verify.err")"

"$TRUSTREADY" check --profile amazon-trust-services --store chrome:latest --max-data-age 1 > "$T/check.txt" 2> "$T/check.err"
grep -q "^data: chrome root store data as of" "$T/check.err" && ok "check --store chrome:latest prints the data date" || bad "check note: $(cat "$T/check.err")"
grep -q "^warning: chrome root store data is" "$T/check.err" && ok "check warns with --max-data-age 1" || bad "check warning: $(cat "$T/check.err")"
grep -q "data:" "$T/check.txt" && bad "check: note on stdout" || ok "check stdout unchanged"

"$TRUSTREADY" data status --max-data-age abc > /dev/null 2> "$T/bad.err"
expect_exit "--max-data-age abc" 2 $?
TRUSTREADY_DATA="$TR_SOURCE_DIR/tests/data/importer/bad-sources" "$TRUSTREADY" data status > /dev/null 2> "$T/bad2.err"
expect_exit "data status on broken data" 2 $?
[[ $(wc -l < "$T/bad2.err") -eq 1 ]] && ok "one error line" || bad "error lines: $(cat "$T/bad2.err")"
[[ $fails -eq 0 ]]
