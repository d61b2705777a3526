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
[[ $fails -eq 0 ]]
