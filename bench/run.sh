#!/usr/bin/env bash
# `make bench`: every benchmark, each printing trustready's figure next to
# its peer's (OpenSSL, nginx) from the same run, and the ratio. Not part of
# `make test`.
#   - every *_bench binary in BUILD_DIR/bench (Google Benchmark, built from
#     bench/*_bench.cc); shown here: the summary each prints after its table
#   - every bench/*.sh script but this one, given BUILD_DIR/trustready
# Full output of each goes to BUILD_DIR/bench/logs/NAME.log.
#   bench/run.sh [BUILD_DIR] [NAME...]   (default build; NAME: only these,
#                                         e.g. parse_bench serve_bench)
# Google Benchmark flags: BENCH_ARGS (default: 5 repetitions of 0.1 s each,
# the median kept; the machine is shared and one repetition can be unlucky).
# Exit status: 0 when every benchmark ran, 1 otherwise.
set -uo pipefail
BUILD=${1:-build}
[[ $# -gt 0 ]] && shift
if [[ ! -d "$BUILD/bench" ]]; then
  echo "bench/run.sh: no $BUILD/bench (cmake --build $BUILD; TRUSTREADY_BENCH=ON)" >&2
  exit 2
fi
BUILD=$(cd "$BUILD" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
LOGS="$BUILD/bench/logs"
mkdir -p "$LOGS"
read -r -a bench_args <<<"${BENCH_ARGS:---benchmark_min_time=0.1 --benchmark_repetitions=5 --benchmark_report_aggregates_only=true}"
selected=("$@")
wanted() {  # wanted NAME: no names given, or NAME is one of them
  [[ ${#selected[@]} -eq 0 ]] && return 0
  local s
  for s in "${selected[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}
status=0
ran=0

# Sources without a binary are reported, not skipped silently.
for src in "$HERE"/*_bench.cc; do
  name=$(basename "$src" .cc)
  wanted "$name" || continue
  if [[ ! -x "$BUILD/bench/$name" ]]; then
    echo "bench/run.sh: $BUILD/bench/$name not built (cmake --build $BUILD)" >&2
    status=1
  fi
done

shopt -s nullglob
for bin in "$BUILD"/bench/*_bench; do
  [[ -f "$bin" && -x "$bin" ]] || continue
  name=$(basename "$bin")
  wanted "$name" || continue
  ran=$((ran + 1))
  echo "=== $name"
  "$bin" "${bench_args[@]}" >"$LOGS/$name.log" 2>&1
  rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "$name: FAILED (exit $rc); last lines of $LOGS/$name.log:"
    tail -5 "$LOGS/$name.log"
    status=1
  elif grep -q "summary" "$LOGS/$name.log"; then
    # The comparison starts at the line naming the summary.
    sed -n '/summary/,$p' "$LOGS/$name.log"
  else
    echo "$name: no summary printed (see $LOGS/$name.log)"
    status=1
  fi
  echo
done

for script in "$HERE"/*.sh; do
  name=$(basename "$script" .sh)
  [[ "$name" == run ]] && continue
  wanted "$name" || continue
  ran=$((ran + 1))
  echo "=== $name"
  bash "$script" "$BUILD/trustready" >"$LOGS/$name.log" 2>&1
  rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "$name: FAILED (exit $rc); last lines of $LOGS/$name.log:"
    tail -5 "$LOGS/$name.log"
    status=1
  else
    cat "$LOGS/$name.log"
  fi
  echo
done

if [[ $ran -eq 0 ]]; then
  echo "bench/run.sh: no benchmark ran from $BUILD/bench" >&2
  exit 1
fi
exit $status
