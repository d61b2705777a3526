#!/usr/bin/env bash
# Issue 19: scripts/gen-cli.py, the generator of the CLI registration from
# docs/cli/commands.spec. A bad spec fails with "FILE:LINE: why" and exit
# status 1 (so the build fails there); a good tiny spec generates code that
# compiles against CLI11 and parses into the declared Args, calling the run
# functions; the real spec generates the same files twice (deterministic).
# Env: TR_SOURCE_DIR (TRUSTREADY unused).
set -uo pipefail
: "${TR_SOURCE_DIR:?}"
source "$TR_SOURCE_DIR/tests/lib/common.bash"
gen="$TR_SOURCE_DIR/scripts/gen-cli.py"

# A bad spec: NAME, the line the error must name, a part of its message; the
# spec on stdin.
bad_spec() {
  local name=$1 line=$2 want=$3
  cat >"$T/$name.spec"
  python3 "$gen" "$T/$name.spec" "$T/out-$name" >"$T/$name.out" 2>"$T/$name.err"
  local rc=$?
  if [[ $rc -ne 1 ]]; then
    bad "$name: exit $rc, expected 1"
  elif ! grep -qF "gen-cli: $T/$name.spec:$line: " "$T/$name.err"; then
    bad "$name: no FILE:LINE $line: $(cat "$T/$name.err")"
  elif ! grep -qF -- "$want" "$T/$name.err"; then
    bad "$name: message without '$want': $(cat "$T/$name.err")"
  elif [[ $(wc -l <"$T/$name.err") -ne 1 ]]; then
    bad "$name: more than one line: $(cat "$T/$name.err")"
  elif [[ -e "$T/out-$name" ]]; then
    bad "$name: wrote files although the spec is bad"
  else
    ok "$name: $(cat "$T/$name.err")"
  fi
}

bad_spec unknown-key 4 "unknown key 'colour'" <<'EOF'
# a comment
command demo | A demo
  args DemoArgs
  colour red
EOF
bad_spec duplicate-option 4 "option '--name' twice" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name:text | the name
  option --name,-n -> other:text | another name
EOF
bad_spec missing-help 3 "without help text" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name:text
EOF
bad_spec empty-help 3 "without help text" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name:text |
EOF
bad_spec command-without-help 1 "command without help text" <<'EOF'
command demo
  args DemoArgs
EOF
bad_spec unknown-modifier 3 "unknown modifier 'requird'" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name:text requird | the name
EOF
bad_spec excludes-later 3 "excludes=--b: no such option declared before it" <<'EOF'
command demo | A demo
  args DemoArgs
  flag --a -> a excludes=--b | a
  flag --b -> b | b
EOF
bad_spec untyped-field 3 "has no type" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name | the name
EOF
bad_spec member-of-nothing 3 "'req' is not a field of DemoArgs" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> req.name | the name
EOF
bad_spec retyped-field 4 "declared again with another type" <<'EOF'
command demo | A demo
  args DemoArgs
  option --a -> n:int | a
  option --b -> n:text | b
EOF
bad_spec orphan 1 "before its parent 'demo'" <<'EOF'
command demo sub | A sub
  args DemoArgs
EOF
bad_spec twice 3 "command 'demo' declared twice (first at line 1)" <<'EOF'
command demo | A demo
  args DemoArgs
command demo | Again
  args DemoArgs
EOF
bad_spec no-args 1 "has no args struct" <<'EOF'
command demo | A demo
  option --a -> a:text | a
EOF
bad_spec bad-name 3 "'name' is not an option name" <<'EOF'
command demo | A demo
  args DemoArgs
  option name -> name:text | the name
EOF
bad_spec unknown-type 3 "unknown type 'txt'" <<'EOF'
command demo | A demo
  args DemoArgs
  option --name -> name:txt | the name
EOF
bad_spec flag-required 3 "a flag is bool" <<'EOF'
command demo | A demo
  args DemoArgs
  flag --yes -> yes required | yes
EOF
bad_spec typed-library-member 2 "members of TinyRequest: no type" <<'EOF'
options LibSet = TinyRequest
  option --name -> name:text | a name
command demo | A demo
  args DemoArgs
EOF
bad_spec tab 2 "tab character" <<EOF
command demo | A demo
$(printf '\t')args DemoArgs
EOF
python3 "$gen" "$T/nonexistent.spec" "$T/out-none" 2>"$T/none.err"
[[ $? -eq 1 ]] && grep -q "gen-cli: $T/nonexistent.spec: No such file" "$T/none.err" && ok "a missing spec: exit 1, named" ||
  bad "missing spec: $(cat "$T/none.err")"

# A good tiny spec: the generated code compiles, parses into the Args and
# calls the run function; --help shows the help texts and CLI11's types.
cat >"$T/tiny.spec" <<'EOF'
global
  option --verbosity -> verbosity:int=1 range=0,3 | how much to say

options Common
  option --root -> root:text | a file tree

# Members of a library struct (trustready/tiny/lib.h, below).
options LibSet = TinyRequest
  include trustready/tiny/lib.h
  option --name -> name | a name
  option --level -> level default-in-help | a level

command tiny | Tiny group
  require-subcommand
  option --dir -> dir:text | shared directory

command tiny go | Go somewhere
  args GoArgs
  option WHERE -> where:text required | where to go
  use Common as common
  option --count,-c -> count:int=3 default-in-help | how many
  option --mode -> mode:text required member=fast|slow | fast or slow
  option --tags -> tags:list expected=1,-1 | tags
  | (repeatable)
  flag --json -> json | JSON
  flag --text -> text excludes=--json | text
  option --password -> password:text given=password_given | a password

command tiny lib | Bound to a library request
  args LibArgs
  field request:TinyRequest
  use LibSet as request.inner
  flag --loud -> request.loud | loud
EOF
mkdir -p "$T/inc/trustready/tiny"
cat >"$T/inc/trustready/tiny/lib.h" <<'EOF'
#include <string>
namespace trustready {
struct TinyRequest {
  struct Inner {
    std::string name;
    int level = 7;
  } inner;
  bool loud = false;
};
}  // namespace trustready
EOF
python3 "$gen" "$T/tiny.spec" "$T/gen" 2>"$T/tiny.err" && ok "tiny spec generates" || bad "tiny spec: $(cat "$T/tiny.err")"
ls "$T/gen/cli" >"$T/files"
[[ "$(tr '\n' ' ' <"$T/files")" == "commands.cc commands.h commands_tiny.h " ]] && ok "one header per top-level word" ||
  bad "files: $(cat "$T/files")"
[[ "$(python3 "$gen" --outputs "$T/tiny.spec" "$T/gen")" == "$T/gen/cli/commands.cc;$T/gen/cli/commands.h;$T/gen/cli/commands_tiny.h" ]] &&
  ok "--outputs lists them" || bad "--outputs: $(python3 "$gen" --outputs "$T/tiny.spec" "$T/gen")"
cat >"$T/main.cc" <<'EOF'
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_tiny.h"

namespace trustready::cli {
void RunTinyLib(const LibArgs& a) {
  std::cout << "name=" << a.request.inner.name << " level=" << a.request.inner.level << " loud=" << a.request.loud << "\n";
}
void RunTinyGo(const GoArgs& a) {
  std::cout << "where=" << a.where << " root=" << a.common.root << " count=" << a.count << " mode=" << a.mode
            << " tags=" << a.tags.size() << " json=" << a.json << " text=" << a.text << " dir=" << a.dir
            << " password_given=" << a.password_given << " verbosity=" << Globals().verbosity << "\n";
}
}  // namespace trustready::cli

int main(int argc, char** argv) {
  CLI::App app{"tiny", "tiny"};
  app.require_subcommand(1);
  for (const auto& r : trustready::cli::Registrations()) r.fn(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
EOF
if c++ -std=c++20 -Wall -Wextra -Werror -I"$T/gen" -I"$T/inc" -o "$T/tiny" "$T/main.cc" "$T/gen/cli/commands.cc" 2>"$T/cc.err"; then
  ok "the generated code compiles (-Wall -Wextra -Werror)"
  "$T/tiny" --verbosity 2 tiny --dir D go there --root R -c 5 --mode slow --tags a b --json --password '' >"$T/run" 2>&1
  expect_exit "tiny go" 0 $?
  grep -qx "where=there root=R count=5 mode=slow tags=2 json=1 text=0 dir=D password_given=1 verbosity=2" "$T/run" &&
    ok "parsed into the Args, group option copied, given= set" || bad "tiny go: $(cat "$T/run")"
  "$T/tiny" tiny go there --mode fast >"$T/run" 2>&1
  grep -qx "where=there root= count=3 mode=fast tags=0 json=0 text=0 dir= password_given=0 verbosity=1" "$T/run" &&
    ok "defaults" || bad "defaults: $(cat "$T/run")"
  "$T/tiny" tiny go there --mode medium >"$T/run" 2>&1
  [[ $? -ne 0 ]] && grep -q "medium not in {fast,slow}" "$T/run" && ok "member= checks" || bad "member: $(cat "$T/run")"
  "$T/tiny" tiny go there --mode fast --json --text >"$T/run" 2>&1
  [[ $? -ne 0 ]] && grep -q "excludes" "$T/run" && ok "excludes= checks" || bad "excludes: $(cat "$T/run")"
  "$T/tiny" --verbosity 4 tiny go there --mode fast >"$T/run" 2>&1
  [[ $? -ne 0 ]] && grep -q "not in range 0 to 3" "$T/run" && ok "range= checks" || bad "range: $(cat "$T/run")"
  "$T/tiny" tiny lib --name N --loud >"$T/run" 2>&1
  grep -qx "name=N level=7 loud=1" "$T/run" && ok "options bound into a library struct (use SET as request.inner)" ||
    bad "tiny lib: $(cat "$T/run")"
  "$T/tiny" tiny lib --help >"$T/help" 2>&1
  grep -q -- "--level INT=7 *a level" "$T/help" && ok "help: the library struct's type and default" ||
    bad "help level: $(cat "$T/help")"
  "$T/tiny" tiny go --help >"$T/help" 2>&1
  grep -q -- "-c,--count INT=3 *how many" "$T/help" && ok "help: INT, default shown" || bad "help count: $(cat "$T/help")"
  grep -q -- "--tags TEXT ... *tags (repeatable)" "$T/help" && ok "help: continued help text, list type" ||
    bad "help tags: $(cat "$T/help")"
  grep -q -- "WHERE TEXT REQUIRED *where to go" "$T/help" && ok "help: positional required" || bad "help where: $(cat "$T/help")"
else
  bad "generated code does not compile: $(head -20 "$T/cc.err")"
fi

# The real spec: generates, and the same files twice.
python3 "$gen" "$TR_SOURCE_DIR/docs/cli/commands.spec" "$T/real1" && python3 "$gen" "$TR_SOURCE_DIR/docs/cli/commands.spec" "$T/real2" &&
  diff -r "$T/real1" "$T/real2" >/dev/null && ok "docs/cli/commands.spec generates, deterministically" ||
  bad "docs/cli/commands.spec"

[[ $fails -eq 0 ]]
