#!/usr/bin/env bash
# Issue 19: the whole command-line surface of a trustready binary in one
# folder, to diff two binaries byte for byte (the CLI's registration is
# generated from docs/cli/commands.spec; this proves a change of the
# generator or the spec changed nothing a user sees):
#   scripts/cli-surface.sh BINARY OUTDIR
#   diff -r BEFORE AFTER
# It records `__commands`, the --help and `help ...` of every command path,
# the man pages and completions (scripts/gen-docs.py as cmake/install.cmake
# runs it), and stdout, stderr and exit code of bad command lines (none of
# them reaches the network).
set -uo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/help" "$out/bad"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export NO_COLOR=1
# The same data folder for every binary compared (--version prints it).
export TRUSTREADY_DATA="$src/data"

# One case: NAME then the arguments; stdout, stderr and the exit code.
run() {
  local name=$1
  shift
  "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  echo "$?" >"$out/$name.rc"
}

"$bin" __commands >"$out/commands.tree"
echo "$?" >>"$out/commands.tree.rc"
run noargs
run help/top-help --help
run help/top-h -h
run help/help help
awk -F'\t' '$1 == "cmd" {print $2}' "$out/commands.tree" | while read -r path; do
  read -ra words <<<"$path"
  words=("${words[@]:1}")
  name=$(IFS=_; echo "${words[*]:-top}")
  run "help/$name.help" "${words[@]}" --help
  run "help/$name.helpcmd" help "${words[@]}"
done

python3 "$src/scripts/gen-docs.py" "$out/docs" 0.0.0 <"$out/commands.tree"

n=0
bad() {
  n=$((n + 1))
  run "$(printf 'bad/%03d' "$n")" "$@"
  printf '%03d %s\n' "$n" "$*" >>"$out/bad/index"
}
printf -- '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n' >garbage.pem
bad --nope
bad chek
bad zzzzzz
bad stroe list
bad --version extra
bad --max-data-age -1 data status
bad --max-data-age abc data status
bad help stor
bad help store nope
bad help zzzz
# check
bad check --nope
bad check --timeout abc missing.pem
bad check --timeout 0 missing.pem
bad check --timeout 9999 missing.pem
bad check --deadline -1 missing.pem
bad check --pid abc missing.pem
bad check --at notatime missing.pem
bad check missing.pem --store
bad check missing.pem --profile nope-profile --store missing-store.pem
bad check garbage.pem --store missing-store.pem
bad check --json --store
# verify
bad verify
bad verify --nope x
bad verify missing.pem
bad verify garbage.pem
bad verify missing.pem extra.pem
bad verify missing.pem --purpose bogus
bad verify missing.pem --policy 1.2.x
bad verify missing.pem --at yesterday
bad verify --json
# store
bad store
bad store nope
bad store list extra
bad store list --root
bad store show
bad store show missing-store.pem
bad store show garbage.pem --json
bad store diff a.pem
bad store audit --soon-days -1 missing.pem
bad store audit --soon-days abc missing.pem
bad store export missing.pem --format der --out x
bad store export missing.pem --out x
bad store export missing.pem --format pem
bad store add
bad store add store.pem
bad store remove store.pem zz
bad store list --json --json
# cert
bad cert
bad cert show
bad cert show missing.pem
bad cert show garbage.pem
bad cert shwo x
# catalog
bad catalog
bad catalog list --json --markdown
bad catalog show
bad catalog show --json --markdown amazon
bad catalog show no-such-operator
bad catalog which
bad catalog which missing.pem
bad catalog --catalog-dir /nonexistent list
bad catalog lint --write=maybe
# clients
bad clients
bad clients list --pid abc
bad clients list --env missing.env
bad clients verify
bad clients verify https://example.invalid
bad clients verify https://example.invalid --client curl --timeout 0
# data
bad data
bad data status extra
bad data import
bad data import chrome x.textproto
bad data import bogus x --date 2024-01-01 --source s
bad data import chrome missing.textproto --date 2024-01-01 --source s
# fleet
bad fleet
bad fleet nope
bad fleet targets
bad fleet targets -t missing.txt
bad fleet targets -t missing.txt --shard 5/2
bad fleet targets -t missing.txt --format yaml
bad fleet scan
bad fleet scan -t missing.txt --threads abc
bad fleet scan -t missing.txt --concurrency -5
bad fleet scan -t missing.txt --handshake-timeout abc
bad fleet scan -t missing.txt --json --jsonl -
bad fleet scan -t missing.txt --retries 1.5
bad fleet export
bad fleet export --db missing.db --jsonl out.jsonl
bad fleet merge
bad fleet merge -o out.db
bad fleet metrics --db missing.db
bad fleet metrics --db missing.db -o - --max-series abc
bad fleet diff
bad fleet whatif
bad fleet whatif --db missing.db --candidates
bad fleet whatif --db missing.db
# limbo, pki, plan, platforms, profiles, serve
bad limbo
bad limbo missing.json
bad limbo a.json b.json
bad pki
bad pki demo
bad pki demo --out
bad pki verify-cases
bad plan
bad plan --old missing.pem
bad plan --old missing.pem --new missing2.pem
bad plan --old a --new b --candidates
bad plan --old a --new b --at never
bad platforms
bad platforms list --select nosuch:1
bad platforms list extra
bad profiles
bad profiles show
bad profiles show no-such-profile
bad profiles create --from missing.pem
bad profiles create --from missing.pem --out newdir
bad serve --threads abc
bad serve --profile amazon-trust-services
bad serve --profile nosuch
bad serve --profile demo --config c.json
bad serve --handshake-timeout-ms 0
bad serve extra
bad help check
bad help fleet scan
exit 0
