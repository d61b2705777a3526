#!/usr/bin/env bash
# Runs every built fuzzer for N seconds on its seed corpus (fuzz/corpus/<name>/)
# plus generated seeds from the shared data, FUZZ_JOBS fuzzers at a time
# (default 1). Fails on any crash, naming the fuzzer and keeping its input in
# tests/artifacts/.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
jobs=${FUZZ_JOBS:-1}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/seed-corpus.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_one() {  # name bin
  local name=$1 bin=$2
  if "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$work/$name-" "$work/$name" >"$work/$name.log" 2>&1; then
    echo 0 >"$work/$name.rc"
  else
    echo 1 >"$work/$name.rc"
  fi
}

names=()
for bin in "$build"/fuzz/*_fuzzer; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin" _fuzzer)
  seed_corpus "$name" "$work/$name"
  names+=("$name")
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "fuzz-smoke: $name for ${seconds}s"
  run_one "$name" "$bin" &
done
wait

status=0
for name in "${names[@]}"; do
  if [ "$(cat "$work/$name.rc" 2>/dev/null || echo 1)" != 0 ]; then
    echo "fuzz-smoke: $name FAILED"; tail -40 "$work/$name.log"; status=1
    mkdir -p tests/artifacts && cp "$work/$name"-* tests/artifacts/ 2>/dev/null || true
  else
    echo "fuzz-smoke: $name $(grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$work/$name.log" | tail -1 || true)"
  fi
done
exit $status
