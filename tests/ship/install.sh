#!/usr/bin/env bash
# Issue 18: an installed trustready is relocatable and complete.
# Installs the build into a temporary prefix, moves the prefix, hides the
# source tree (an empty tmpfs over it in a private mount namespace, so the
# binary cannot fall back to the source's data/), and runs check, verify and
# plan from there; renders every man page with `man -l`; loads the bash
# completion and completes a command; builds the example consumer against
# the installed CMake package and through pkg-config, and runs it.
# Env: TRUSTREADY (the built binary), TR_SHARED_DATA, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
BUILD=$(dirname "$TRUSTREADY")
A="$TR_SHARED_DATA/amazon-trust-services"

cmake --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1 || { cat "$T/install.log"; bad "cmake --install"; exit 1; }
mv "$T/prefix" "$T/moved"
P="$T/moved"
for f in bin/trustready lib/libtrustready.a lib/cmake/trustready/trustready-config.cmake \
         lib/pkgconfig/trustready.pc include/trustready/verify/verify.h \
         share/trustready/data/platforms/snapshots.json share/man/man1/trustready.1 \
         share/bash-completion/completions/trustready share/zsh/vendor-completions/_trustready \
         share/doc/trustready/schemas/check.schema.json; do
  [[ -e "$P/$f" ]] && ok "installed $f" || bad "missing $f"
done

# From the moved prefix with the source tree hidden.
cp "$A/AmazonRootCA1.cer" "$A/r2m01.cer" "$A/AmazonRootCA3.cer" "$T/"
openssl x509 -inform der -in "$A/AmazonRootCA1.cer" > "$T/root1.pem"
cat > "$T/run.sh" <<RUN
set -u
unset TRUSTREADY_DATA
[[ -e "$TR_SOURCE_DIR/data" ]] && { echo "source tree still visible"; exit 9; }
"$P/bin/trustready" --version > "$T/version.txt" || exit 10
"$P/bin/trustready" verify "$T/r2m01.cer" --store "$T/AmazonRootCA1.cer" > "$T/verify.txt"; echo "verify=\$?"
"$P/bin/trustready" verify "$T/r2m01.cer" --store "$T/AmazonRootCA3.cer" > /dev/null; echo "verify_other=\$?"
"$P/bin/trustready" check --store "$T/root1.pem" --json > "$T/check.json"; echo "check=\$?"
"$P/bin/trustready" check --store android:7.0 > "$T/check_platform.txt"; echo "check_platform=\$?"
"$P/bin/trustready" plan --old "$A/rootca1.cer" --new "$A/rootca1.cer" --json > "$T/plan.json"; echo "plan=\$?"
RUN
unshare --mount --propagation private bash -c "mount -t tmpfs none '$TR_SOURCE_DIR' && bash '$T/run.sh'" > "$T/results.txt" 2>"$T/errors.txt"
cat "$T/results.txt"
grep -q "^verify=0$" "$T/results.txt" && ok "verify from the moved prefix: trusted" || { cat "$T/errors.txt"; bad "verify"; }
grep -q "^verify_other=1$" "$T/results.txt" && ok "verify against the wrong root: not trusted" || bad "verify other root"
grep -Eq "^check=[01]$" "$T/results.txt" && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if 'ready' in d else 1)" "$T/check.json" \
  && ok "check from the moved prefix (profile data found)" || { cat "$T/errors.txt"; bad "check"; }
grep -Eq "^check_platform=[01]$" "$T/results.txt" && grep -q "android:7.0" "$T/check_platform.txt" \
  && ok "check --store android:7.0 (platform data found)" || { cat "$T/errors.txt"; bad "check platform"; }
grep -Eq "^plan=[01]$" "$T/results.txt" && ok "plan from the moved prefix" || { cat "$T/errors.txt"; bad "plan"; }
grep -Eq "^data: $P/share/trustready/data \(platform snapshots up to 20[0-9]{2}-[0-9]{2}-[0-9]{2}\)$" "$T/version.txt" && ok "--version names the moved data folder" || { cat "$T/version.txt"; bad "--version data"; }
grep -q "^OpenSSL: OpenSSL 3" "$T/version.txt" && ok "--version names the OpenSSL it runs with" || bad "--version OpenSSL"

# Man pages: every page renders without a warning.
n=0
for page in "$P"/share/man/man1/*.1; do
  n=$((n + 1))
  out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [[ -z "$out" ]] || bad "man -l $(basename "$page"): $out"
  MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q "EXIT STATUS" || bad "man -l $(basename "$page") has no EXIT STATUS"
done
[[ $n -ge 10 ]] && ok "$n man pages render" || bad "only $n man pages"
MANWIDTH=200 man -l "$P/share/man/man1/trustready-store.1" 2>/dev/null | grep -q -- "--password" \
  && ok "trustready-store(1) documents store options" || bad "store page lacks --password"

# Bash completion: loads and completes.
comp=$(bash -c "source '$P/share/bash-completion/completions/trustready' && COMP_WORDS=(trustready st) COMP_CWORD=1 && _trustready && echo \"\${COMPREPLY[*]}\"")
[[ "$comp" == "store" ]] && ok "bash completes 'st' to store" || bad "bash completion gave '$comp'"
comp=$(bash -c "source '$P/share/bash-completion/completions/trustready' && COMP_WORDS=(trustready store a) COMP_CWORD=2 && _trustready && echo \"\${COMPREPLY[*]}\"")
[[ $(tr ' ' '\n' <<<"$comp" | sort | tr '\n' ' ') == "add audit " ]] && ok "bash completes 'store a' to add audit" || bad "bash completion gave '$comp'"
if command -v zsh >/dev/null; then
  zsh -c "autoload -U compinit && compinit -u && source '$P/share/zsh/vendor-completions/_trustready'" 2>"$T/zsh.err" \
    && ok "zsh completion loads" || { cat "$T/zsh.err"; bad "zsh completion"; }
fi

# The example consumer against the installed package, and through pkg-config.
if cmake -S "$TR_SOURCE_DIR/examples/consumer" -B "$T/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$P" \
     -DCMAKE_BUILD_TYPE=Release >"$T/consumer.log" 2>&1 && cmake --build "$T/consumer" >>"$T/consumer.log" 2>&1; then
  "$T/consumer/consumer" "$A/r2m01.cer" "$A/AmazonRootCA1.cer" > "$T/c1.txt"; r1=$?
  "$T/consumer/consumer" "$A/r2m01.cer" "$A/AmazonRootCA3.cer" > "$T/c2.txt"; r2=$?
  [[ $r1 -eq 0 ]] && grep -q "^trusted" "$T/c1.txt" && ok "consumer (CMake package): trusted" || bad "consumer trusted: $r1 $(cat "$T/c1.txt")"
  [[ $r2 -eq 1 ]] && grep -q "UNKNOWN_ISSUER" "$T/c2.txt" && ok "consumer (CMake package): not trusted, UNKNOWN_ISSUER" || bad "consumer untrusted: $r2 $(cat "$T/c2.txt")"
else
  cat "$T/consumer.log"; bad "example consumer does not build against the installed package"
fi
if g++ -std=c++20 -o "$T/consumer-pc" "$TR_SOURCE_DIR/examples/consumer/main.cc" \
     $(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs --static trustready) 2>"$T/pc.log"; then
  "$T/consumer-pc" "$A/r2m01.cer" "$A/AmazonRootCA1.cer" >/dev/null && ok "consumer (pkg-config): trusted" || bad "pkg-config consumer"
else
  cat "$T/pc.log"; bad "example consumer does not build with pkg-config"
fi
[[ $fails -eq 0 ]]
