#!/usr/bin/env bash
# Issue 13 (Chromium false READY): an installed Chromium was judged with the
# shipped snapshot chrome:latest whatever its version, and chrome:latest is
# rebuilt from older data. Now the release is read (`chromium --version`, or
# inside a --root tree the Debian package's version, nothing run) and judged
# only with a snapshot the client data names for that release
# (data/clients/clients.json, chromium "root_stores"); any other release is
# UNKNOWN with the reason and a fix, never READY.
#  1. the Chromium installed here (its real version) is UNKNOWN, exit 1;
#  2. a data copy that maps this release to chrome:17 judges it with chrome:17;
#  3. inside a tree: dpkg's version decides (mapped -> that snapshot,
#     unmapped -> UNKNOWN), and nothing of the tree is run.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"

mkdir -p "$T/home"
printf 'PATH=/usr/bin:/bin\nHOME=%s\n' "$T/home" >"$T/env"

# The shipped data maps no release, whatever is installed.
python3 - "$TR_SOURCE_DIR/data/clients/clients.json" <<'PY' || bad "shipped root_stores is not empty (then adapt this test)"
import json, sys
c = [c for c in json.load(open(sys.argv[1]))["clients"] if c["name"] == "chromium"][0]
assert c["root_stores"] == [], c["root_stores"]
PY

# A data copy whose chromium entry maps RELEASES to chrome:17.
mapped_data() {  # DIR RELEASES
  rm -rf "$1"
  cp -r "$TR_SOURCE_DIR/data" "$1"
  python3 - "$1/clients/clients.json" "$2" <<'PY'
import json, sys
p, releases = sys.argv[1], sys.argv[2]
d = json.load(open(p))
for c in d["clients"]:
    if c["name"] == "chromium":
        c["root_stores"] = [{"releases": releases, "snapshot": "chrome:17", "source": "test mapping"}]
json.dump(d, open(p, "w"))
PY
}

# Asserts on check --json for the chromium store: STATE, and a word its
# reason (unknown) or location must hold.
expect_store() {  # NAME JSON STATE WORD
  python3 - "$2" "$3" "$4" <<'PY' && ok "$1" || bad "$1"
import json, sys
d = json.load(open(sys.argv[1]))
state, word = sys.argv[2], sys.argv[3]
chromium = [s for s in d["stores"] if any(u["client"] == "chromium" for u in s.get("used_by", []))]
assert len(chromium) == 1, [s.get("store") for s in d["stores"]]
s = chromium[0]
assert s["state"] == state, (s["state"], s)
if state == "unknown":
    assert word in s["error"], s["error"]
    assert "trustready data import chrome" in s.get("fix", ""), s
    assert any(u["store"] == s["store"] for u in d["unknown"]), d["unknown"]
    assert d["ready"] is False
else:
    assert word in json.dumps(s), s
PY
}

# 1. The real Chromium here.
if command -v chromium >/dev/null; then
  version=$(chromium --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  [[ -n "$version" ]] || bad "chromium --version printed no version"
  "$TRUSTREADY" check --env "$T/env" --client chromium --json >"$T/real.json" 2>"$T/err"
  expect_exit "installed Chromium $version, no snapshot mapped: not READY" 1 $?
  expect_store "installed Chromium $version: UNKNOWN naming the release" "$T/real.json" unknown "$version"
  python3 - "$T/real.json" "$version" <<'PY' && ok "the reason names the newest shipped Chrome data and why it is not used; the fix where the release's file is" \
    || bad "unknown reason or fix"
import json, re, sys
d, version = json.load(open(sys.argv[1])), sys.argv[2]
s = [s for s in d["stores"] if any(u["client"] == "chromium" for u in s.get("used_by", []))][0]
assert re.search(r"the newest Chrome Root Store data shipped, chrome:\S+ of \d{4}-\d{2}-\d{2}, is not used for it: "
                 r"a root removed from the store since would still count as trusted", s["error"]), s["error"]
assert ("https://chromium.googlesource.com/chromium/src/+/refs/tags/%s/net/data/ssl/chrome_root_store/root_store.textproto"
        % version) in s["fix"], s["fix"]
PY
  "$TRUSTREADY" check --env "$T/env" --client chromium >"$T/real.txt" 2>&1
  grep -q "UNKNOWN" "$T/real.txt" && ! grep -q "Verdict: READY" "$T/real.txt" \
    && ok "text: UNKNOWN, no READY verdict" || { bad "text verdict"; cat "$T/real.txt"; }

  # 2. The same release mapped to chrome:17 (which holds the Amazon roots).
  mapped_data "$T/data-mapped" "${version%%.*}"
  TRUSTREADY_DATA="$T/data-mapped" "$TRUSTREADY" check --env "$T/env" --client chromium --json >"$T/mapped.json" 2>"$T/err"
  expect_exit "Chromium ${version%%.*} mapped to chrome:17: READY" 0 $?
  expect_store "mapped release judged with chrome:17" "$T/mapped.json" ready "chrome:17"
  # A mapping that does not cover this release changes nothing.
  mapped_data "$T/data-other" "100-$((${version%%.*} - 1))"
  TRUSTREADY_DATA="$T/data-other" "$TRUSTREADY" check --env "$T/env" --client chromium --json >"$T/other.json" 2>"$T/err"
  expect_exit "a mapping for other releases: still not READY" 1 $?
  expect_store "other releases' mapping: UNKNOWN" "$T/other.json" unknown "$version"
else
  echo "skip: chromium not installed (parts 1-2)"
fi

# 3. Inside a tree: the Debian package's version; the tree's "chromium"
# would fail if it were run.
tree() {  # DIR VERSION
  mkdir -p "$1/usr/bin" "$1/var/lib/dpkg" "$1/etc/ssl/certs" "$1/root"
  printf '#!/bin/sh\ntouch "%s/ran"\nexit 3\n' "$1" >"$1/usr/bin/chromium"
  chmod +x "$1/usr/bin/chromium"
  printf 'Package: libc6\nVersion: 2.36-9\n\nPackage: chromium\nStatus: install ok installed\nVersion: %s\n\n' \
    "$2" >"$1/var/lib/dpkg/status"
}
tree "$T/img131" "131.0.6778.204-1~deb12u1"
mapped_data "$T/data-131" 130-131
TRUSTREADY_DATA="$T/data-131" "$TRUSTREADY" check --root "$T/img131" --client chromium --json >"$T/t131.json" 2>"$T/err"
expect_exit "tree with chromium 131, mapped: READY" 0 $?
expect_store "tree 131 judged with chrome:17" "$T/t131.json" ready "chrome:17"
"$TRUSTREADY" check --root "$T/img131" --client chromium --json >"$T/t131s.json" 2>"$T/err"
expect_exit "tree with chromium 131, shipped data: not READY" 1 $?
expect_store "tree 131, shipped data: UNKNOWN" "$T/t131s.json" unknown "131.0.6778.204"
tree "$T/img-nover" ""
sed -i '/^Version: $/d' "$T/img-nover/var/lib/dpkg/status"
TRUSTREADY_DATA="$T/data-131" "$TRUSTREADY" check --root "$T/img-nover" --client chromium --json >"$T/tnv.json" 2>"$T/err"
expect_exit "tree with chromium of no known version: not READY" 1 $?
expect_store "no version: UNKNOWN" "$T/tnv.json" unknown "unknown release"
[[ ! -e "$T/img131/ran" && ! -e "$T/img-nover/ran" ]] && ok "nothing in the tree was run" || bad "the tree's chromium was run"

# Bad client data is an error naming it, not a guess.
mapped_data "$T/data-bad" "x-1"
TRUSTREADY_DATA="$T/data-bad" "$TRUSTREADY" check --root "$T/img131" --client chromium >"$T/out" 2>"$T/err"
expect_exit "malformed root_stores: error" 2 $?
grep -q "root_stores" "$T/err" && ok "the error names root_stores" || { bad "error text"; cat "$T/err"; }

[[ $fails -eq 0 ]]
