#!/usr/bin/env bash
# Issue 18: help, suggestions and --version.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"

"$TRUSTREADY" chek >"$T/out" 2>"$T/err"; expect_exit "chek" 2 $?
grep -q "unknown command 'chek'; did you mean 'check'?" "$T/err" && ok "chek suggests check" || bad "chek: $(cat "$T/err")"
[[ ! -s "$T/out" ]] && ok "nothing on stdout for a mistyped command" || bad "stdout not empty"
[[ $(wc -l <"$T/err") -eq 1 ]] && ok "one line" || bad "more than one line on stderr"
"$TRUSTREADY" stroe list >/dev/null 2>"$T/err"; expect_exit "stroe" 2 $?
grep -q "did you mean 'store'" "$T/err" && ok "stroe suggests store" || bad "stroe: $(cat "$T/err")"
"$TRUSTREADY" zzzzzz 2>"$T/err"; expect_exit "zzzzzz" 2 $?
grep -q "did you mean" "$T/err" && bad "a far word got a suggestion" || ok "no suggestion for a far word"

"$TRUSTREADY" help store add >"$T/out" 2>&1; expect_exit "help store add" 0 $?
grep -q "Usage: trustready store add" "$T/out" && ok "help store add prints that command's help" || bad "help store add: $(head -3 "$T/out")"
"$TRUSTREADY" store add --help >"$T/out2" 2>&1
diff <(sed 1d "$T/out") <(sed 1d "$T/out2") >/dev/null && ok "help store add == store add --help" || bad "help differs from --help"
"$TRUSTREADY" help verify >"$T/out" 2>&1; expect_exit "help verify" 0 $?
grep -q -- "--untrusted" "$T/out" && ok "help verify lists --untrusted" || bad "help verify"
"$TRUSTREADY" help stor >/dev/null 2>"$T/err"; expect_exit "help stor" 2 $?
grep -q "did you mean 'trustready store'" "$T/err" && ok "help stor suggests store" || bad "help stor: $(cat "$T/err")"
"$TRUSTREADY" help >"$T/out" 2>&1; expect_exit "help" 0 $?
grep -q "Subcommands:" "$T/out" && ok "help alone lists the commands" || bad "help alone"
"$TRUSTREADY" >"$T/out" 2>"$T/err"; expect_exit "no command" 2 $?
grep -q "Subcommands:" "$T/err" && ok "no command: the command list on stderr" || bad "no command"

"$TRUSTREADY" --version >"$T/v" 2>&1; expect_exit "--version" 0 $?
grep -Eq "^trustready [0-9]+\.[0-9]+\.[0-9]+$" "$T/v" && ok "version line" || bad "version: $(cat "$T/v")"
grep -Eq "^data: .* \(platform snapshots up to 20[0-9]{2}-[0-9]{2}-[0-9]{2}\)$" "$T/v" && ok "data date" || bad "data line"
want=$(openssl version | awk '{print $2}')
grep -q "^OpenSSL: OpenSSL $want" "$T/v" && ok "OpenSSL $want, as openssl version says" || bad "OpenSSL line: $(cat "$T/v")"
# Start-up: main() builds only the command group named by the first word;
# each group must then still exist, with its options, on its own.
"$TRUSTREADY" __commands | awk -F'\t' '$1 == "cmd" && split($2, w, " ") == 2 && w[2] != "help" {print w[2]}' >"$T/groups"
[[ $(wc -l <"$T/groups") -ge 10 ]] && ok "$(wc -l <"$T/groups") command groups listed" || bad "command groups: $(cat "$T/groups")"
while read -r g; do
  "$TRUSTREADY" "$g" --help >"$T/gh" 2>&1 || bad "$g --help exits $?"
  grep -q "^Usage: trustready $g" "$T/gh" || bad "$g --help: $(head -2 "$T/gh")"
  "$TRUSTREADY" help "$g" >"$T/gh2" 2>&1
  diff <(sed 1d "$T/gh") <(sed 1d "$T/gh2") >/dev/null || bad "$g --help (one group built) differs from help $g (all built)"
done <"$T/groups"
[[ $fails -eq 0 ]] && ok "every group's --help, built alone, equals its help with every group built"
"$TRUSTREADY" verify --max-data-age 0 --help >/dev/null 2>&1 && ok "the global --max-data-age with one group built" || bad "--max-data-age lost"
# libarchive (and the ten libraries it pulls in) is opened only by
# `check --image`; it is not loaded at start-up.
if command -v ldd >/dev/null && ldd "$TRUSTREADY" >"$T/ldd" 2>&1; then
  grep -q "libarchive" "$T/ldd" && bad "libarchive is linked: $(grep libarchive "$T/ldd")" || ok "libarchive not loaded at start-up"
  # libpq likewise, only for `fleet` on a postgresql:// database.
  grep -q "libpq" "$T/ldd" && bad "libpq is linked: $(grep libpq "$T/ldd")" || ok "libpq not loaded at start-up"
  # SQLite likewise, only for `fleet` result databases.
  grep -q "libsqlite3" "$T/ldd" && bad "libsqlite3 is linked: $(grep libsqlite3 "$T/ldd")" || ok "libsqlite3 not loaded at start-up"
fi

[[ $fails -eq 0 ]]
