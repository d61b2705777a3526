#!/usr/bin/env bash
# Runs every built fuzzer for N seconds on its seed corpus (fuzz/corpus/<name>/)
# plus generated seeds from the shared data. Fails on any crash.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/seed-corpus.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for bin in "$build"/fuzz/*_fuzzer; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin" _fuzzer)
  corpus="$work/$name"
  seed_corpus "$name" "$corpus"
  echo "fuzz-smoke: $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$work/$name-" "$corpus" >"$work/$name.log" 2>&1; then
    echo "fuzz-smoke: $name FAILED"; tail -40 "$work/$name.log"; status=1
    mkdir -p tests/artifacts && cp "$work/$name"-* tests/artifacts/ 2>/dev/null || true
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$work/$name.log" | tail -1 || true
  fi
done
exit $status
