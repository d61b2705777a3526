# Shared by the shell suites (tests/*/*.sh; this file is not one of them):
# a temporary directory $T removed on exit, and ok / bad / expect_exit,
# which count failures in $fails. Source it after `set -uo pipefail`; the
# suite ends with `[[ $fails -eq 0 ]]`.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
expect_exit() {  # NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then bad "$1: exit $3, expected $2"; else ok "$1"; fi
}
# Schema checks, skipped (one "skip:" line) without python3-jsonschema: the
# first of python3 and /usr/bin/python3 that has it validates with
# Draft202012Validator (the draft every docs/schemas file declares), after
# checking the schema itself, with format checks (date-time where
# rfc3339-validator is installed) and the other *.schema.json files of the
# schema's folder available to "$ref". Each prints ok or FAIL (counted in
# $fails, with the validator's messages) and returns 1 on FAIL. They print
# their own ok / FAIL lines: a suite may define a bad() of its own
# (store_cli.sh does).
_schema_py() {
  if [[ -z "${_TR_SCHEMA_PY+set}" ]]; then
    _TR_SCHEMA_PY=
    local py
    for py in python3 /usr/bin/python3; do
      if "$py" -c "import jsonschema" 2>/dev/null; then _TR_SCHEMA_PY=$py; break; fi
    done
  fi
  [[ -n "$_TR_SCHEMA_PY" ]]
}
_schema_validate() {  # MODE(json|jsonl) SCHEMA FILE: prints the errors, exit 1 when any
  "$_TR_SCHEMA_PY" - "$@" <<'PY'
import json, pathlib, sys
import jsonschema
mode, path, doc = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
V = jsonschema.Draft202012Validator
schema = json.loads(path.read_text())
V.check_schema(schema)
others = {}
for f in path.parent.glob("*.schema.json"):
    s = json.loads(f.read_text())
    if "$id" in s:
        others[s["$id"]] = s
kw = {"format_checker": jsonschema.FormatChecker()}
try:
    from referencing import Registry, Resource
    kw["registry"] = Registry().with_resources((k, Resource.from_contents(s)) for k, s in others.items())
except ImportError:  # jsonschema before 4.18
    kw["resolver"] = jsonschema.RefResolver.from_schema(schema, store=others)
v = V(schema, **kw)
if mode == "json":
    docs = [("", json.load(open(doc)))]
else:
    lines = open(doc).read().splitlines()
    if not lines:
        sys.exit("no lines in " + doc)
    docs = [("line %d: " % n, json.loads(l)) for n, l in enumerate(lines, 1)]
errs = ["%s%s: %s" % (where, "/".join(map(str, e.absolute_path)) or "(root)", e.message)
        for where, d in docs for e in v.iter_errors(d)]
for e in errs[:10]:
    print("  " + e)
sys.exit(1 if errs else 0)
PY
}
# ok when JSON (a file) matches SCHEMA (a docs/schemas file), FAIL when not.
schema_matches() {  # NAME SCHEMA JSON
  if ! _schema_py; then echo "skip: $1 schema (no python3-jsonschema)"; return 0; fi
  if _schema_validate json "$2" "$3"; then echo "ok: $1 matches $(basename "$2")"
  else echo "FAIL: $1 does not match $(basename "$2")"; fails=$((fails + 1)); return 1; fi
}
# ok when every line of FILE (JSON Lines, at least one) matches SCHEMA.
jsonl_matches() {  # NAME SCHEMA FILE
  if ! _schema_py; then echo "skip: $1 schema (no python3-jsonschema)"; return 0; fi
  if _schema_validate jsonl "$2" "$3"; then echo "ok: $1: every line matches $(basename "$2")"
  else echo "FAIL: $1: not every line matches $(basename "$2")"; fails=$((fails + 1)); return 1; fi
}
