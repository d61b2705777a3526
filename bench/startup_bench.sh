#!/usr/bin/env bash
# Whole-process start-up, trustready next to openssl in the same run:
#   `trustready --version` vs `openssl version`
#   `trustready verify` of a real two-certificate chain (Amazon RSA 2048 M01
#   under Amazon Root CA 1) vs `openssl verify` of the same files.
# Runs the two commands of a pair alternately (ROUNDS times, default 40),
# prints each one's median wall time and the median of the per-round ratios.
#   bench/startup_bench.sh BUILD/trustready
set -uo pipefail
TR=${1:?usage: startup_bench.sh TRUSTREADY}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${TR_SHARED_DATA:-$HERE/../../shared/data}
A="$SHARED/amazon-trust-services"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
openssl x509 -inform der -in "$A/r2m01.cer" -out "$T/int.pem"
openssl x509 -inform der -in "$A/AmazonRootCA1.cer" -out "$T/root.pem"
python3 - "$TR" "$T" "${ROUNDS:-40}" <<'PY'
import statistics, subprocess, sys, time
tr, t, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
pairs = [
    ("--version", [tr, "--version"], ["openssl", "version"]),
    ("verify (2 certificates)", [tr, "verify", "--ca", f"{t}/int.pem", "--store", f"{t}/root.pem"],
     ["openssl", "verify", "-CAfile", f"{t}/root.pem", f"{t}/int.pem"]),
]
def run(cmd):
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit(f"startup_bench: {' '.join(cmd)} exited {r.returncode}")
    return time.perf_counter() - start
print("summary: whole-process wall time, medians of %d alternating rounds" % rounds)
print("%-26s %12s %12s %8s" % ("", "trustready", "openssl", "ratio"))
for name, a, b in pairs:
    run(a); run(b)  # warm the page cache
    ta, tb, ratios = [], [], []
    for _ in range(rounds):
        x = run(a); y = run(b)
        ta.append(x); tb.append(y); ratios.append(x / y)
    print("%-26s %10.2f ms %10.2f ms %7.2fx" % (name, statistics.median(ta) * 1e3,
          statistics.median(tb) * 1e3, statistics.median(ratios)))
PY
