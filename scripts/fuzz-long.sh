#!/usr/bin/env bash
# Long fuzzing runs with a persistent corpus (issue 17 item 8).
#
#   scripts/fuzz-long.sh [BUILD_DIR] [SECONDS_PER_FUZZER] [FUZZER...]
#
# Each fuzzer (all built ones, or those named) runs for SECONDS on its
# corpus in $FUZZ_CORPUS/<name> (default ~/.cache/trustready/fuzz-corpus),
# which persists between runs and is not in git: every run starts where the
# last one stopped. New seeds from fuzz/corpus/ and the shared data are
# added each time. Each run appends one line per fuzzer to
# $FUZZ_CORPUS/runs.tsv (date, fuzzer, seconds, executions, corpus files,
# result); the summary prints the executions reached per fuzzer over all
# runs, the figure docs/fuzzing.md records. A crash stops nothing: the
# others still run, the artifact is kept in $FUZZ_CORPUS/artifacts/ and the
# script exits 1.
set -uo pipefail
build=${1:-build-fuzz}
seconds=${2:-3600}
shift $(( $# >= 2 ? 2 : $# ))
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/fuzz/seed-corpus.sh"
root=${FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/trustready/fuzz-corpus}
mkdir -p "$root/artifacts"
runs="$root/runs.tsv"
[[ -f $runs ]] || printf 'date\tfuzzer\tseconds\texecutions\tcorpus_files\tresult\n' >"$runs"
# Processes per fuzzer (FUZZ_JOBS); one leaves the machine's other cores free.
jobs=${FUZZ_JOBS:-1}
status=0
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for bin in "$build"/fuzz/*_fuzzer; do [[ -x $bin ]] && names+=("$(basename "$bin" _fuzzer)"); done
fi
[[ ${#names[@]} -gt 0 ]] || { echo "fuzz-long: no fuzzers in $build/fuzz (make fuzz first)" >&2; exit 2; }
for name in "${names[@]}"; do
  bin="$build/fuzz/${name}_fuzzer"
  [[ -x $bin ]] || { echo "fuzz-long: $bin not built" >&2; status=1; continue; }
  corpus="$root/$name"
  seed_corpus "$name" "$corpus"
  log="$root/$name.last.log"
  echo "fuzz-long: $name for ${seconds}s on $corpus ($(ls "$corpus" | wc -l) files)"
  result=ok
  parallel=()
  # -jobs N runs N processes writing fuzz-<i>.log into the working folder.
  [[ $jobs -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")
  mkdir -p "$root/$name.jobs" && rm -f "$root/$name.jobs"/fuzz-*.log
  bin_abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  if ! (cd "$root/$name.jobs" && "$bin_abs" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
       -timeout=10 -print_final_stats=1 "${parallel[@]}" \
       -artifact_prefix="$root/artifacts/$name-" "$corpus") >"$log" 2>&1; then
    result=crash
    status=1
    echo "fuzz-long: $name FAILED (artifacts in $root/artifacts/)"; tail -30 "$log"
  fi
  # stat::number_of_executed_units, summed over workers (jobs > 1 writes
  # fuzz-N.log files in the working directory instead).
  execs=$(grep -h 'stat::number_of_executed_units' "$log" "$root/$name.jobs"/fuzz-*.log 2>/dev/null |
          awk '{s += $2} END {print s + 0}')
  files=$(ls "$corpus" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$seconds" "$execs" "$files" "$result" >>"$runs"
  echo "fuzz-long: $name: $execs executions this run, corpus $files files, $result"
done
echo
echo "executions reached per fuzzer over all runs ($runs):"
awk -F'\t' 'NR > 1 { e[$2] += $4; t[$2] += $3; c[$2] = $5 }
  END { printf "%-14s %14s %10s %8s\n", "fuzzer", "executions", "seconds", "corpus";
        for (n in e) printf "%-14s %14d %10d %8d\n", n, e[n], t[n], c[n] }' "$runs" | sort
exit $status
