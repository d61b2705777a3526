#!/usr/bin/env bash
# Whole-process start-up, trustready next to openssl in the same run:
#   `trustready --version` vs `openssl version`
#   `trustready verify` of a real two-certificate chain (Amazon RSA 2048 M01
#   under Amazon Root CA 1) vs `openssl verify` of the same files, and of a
#   three-certificate chain (Amazon's demo leaf valid.rootca1.demo.amazontrust
#   .com, RSA 2048 M03, Amazon Root CA 1) at a time the leaf was valid.
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
openssl x509 -inform der -in "$A/r2m03.cer" -out "$T/int3.pem"
openssl x509 -inform der -in "$A/valid.rootca1.demo.amazontrust.com.cer" -out "$T/leaf.pem"
python3 - "$TR" "$T" "${ROUNDS:-40}" <<'PY'
import os, shutil, statistics, sys, time
tr, t, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
pairs = [
    ("--version", [tr, "--version"], ["openssl", "version"]),
    ("verify (2 certificates)", [tr, "verify", "--ca", f"{t}/int.pem", "--store", f"{t}/root.pem"],
     ["openssl", "verify", "-CAfile", f"{t}/root.pem", f"{t}/int.pem"]),
    ("verify (3 certificates)", [tr, "verify", f"{t}/leaf.pem", "-u", f"{t}/int3.pem", "--store", f"{t}/root.pem",
                                 "--at", "2025-03-01T00:00:00Z"],
     ["openssl", "verify", "-attime", "1740787200", "-CAfile", f"{t}/root.pem", "-untrusted", f"{t}/int3.pem",
      f"{t}/leaf.pem"]),
]
null = os.open(os.devnull, os.O_WRONLY)
def run(cmd):
    """Wall and CPU (user+sys, from wait4) milliseconds of one whole process."""
    start = time.perf_counter()
    pid = os.posix_spawn(shutil.which(cmd[0]), cmd, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"startup_bench: {' '.join(cmd)} exited {os.waitstatus_to_exitcode(status)}")
    return wall * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3
print("summary: whole-process start-up, medians of %d alternating rounds (CPU = user+sys of the process)" % rounds)
print("%-26s %14s %14s %7s %14s %14s %7s" % ("", "tr wall", "openssl wall", "ratio", "tr CPU", "openssl CPU", "ratio"))
for name, a, b in pairs:
    run(a); run(b)  # warm the page cache
    wa, wb, ca, cb, wr, cr = [], [], [], [], [], []
    for _ in range(rounds):
        x, xc = run(a); y, yc = run(b)
        wa.append(x); wb.append(y); ca.append(xc); cb.append(yc); wr.append(x / y); cr.append(xc / max(yc, 1e-3))
    m = statistics.median
    print("%-26s %11.2f ms %11.2f ms %6.2fx %11.2f ms %11.2f ms %6.2fx" % (
        name, m(wa), m(wb), m(wr), m(ca), m(cb), m(cr)))
PY
