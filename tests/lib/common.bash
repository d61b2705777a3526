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
# ok when JSON (a file) matches SCHEMA (a docs/schemas file), bad when not;
# skipped without python3-jsonschema.
schema_matches() {  # NAME SCHEMA JSON
  if ! python3 -c "import jsonschema" 2>/dev/null; then echo "skip: $1 schema (no python3-jsonschema)"; return; fi
  python3 -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' \
    "$2" "$3" && ok "$1 matches $(basename "$2")" || bad "$1 does not match $(basename "$2")"
}
