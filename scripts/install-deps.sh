#!/usr/bin/env bash
# Installs the Debian packages trustready needs, and only those that are
# missing. Nothing is downloaded from anywhere but Debian's archive.
#   scripts/install-deps.sh          build dependencies
#   scripts/install-deps.sh test     plus what the tests use as oracles/peers
set -euo pipefail

build_pkgs=(g++ cmake ninja-build make pkg-config libssl-dev openssl
  libcli11-dev nlohmann-json3-dev libfmt-dev libboost-dev libboost-system-dev
  libsqlite3-dev libpq-dev libarchive-dev libgtest-dev libbenchmark-dev ca-certificates publicsuffix
  python3)
test_pkgs=(clang sudo p11-kit p11-kit-modules libclang-rt-14-dev curl wget nodejs default-jdk-headless default-jre-headless ca-certificates-java
  libnss3-tools python3 python3-jsonschema chromium wrk nginx
  dpkg-dev man-db groff-base
  sqlite3 postgresql python3-prometheus-client python3-kubernetes python3-yaml)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "test" ]]; then want+=("${test_pkgs[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
