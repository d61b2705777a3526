#!/usr/bin/env python3
"""The CLI11 registration of trustready, generated from docs/cli/commands.spec.

    scripts/gen-cli.py SPEC OUTDIR            write the generated files
    scripts/gen-cli.py --outputs SPEC OUTDIR  list them (for CMake)

The spec declares the command tree, every option and its help text (the
format is described at the top of docs/cli/commands.spec). This script
writes, under OUTDIR/cli/:

  commands_<word>.h  one per top-level word (check, fleet, store, ...): the
                     Args struct of each of its commands, and the declaration
                     (not the definition) of each command's run function,
                     `void Run<Path>(const <Args>&)`, which
                     src/cli/cmd_<word>.cc defines;
  commands.h         `Registrations()`: one function per top-level word that
                     builds its CLI11 tree (main() builds only the one named
                     by argv[1]), and `Globals()`, the global options;
  commands.cc        those functions: every add_subcommand, add_option and
                     add_flag, bound to the Args fields, each command's
                     callback calling its run function.

A spec error names FILE:LINE and exits 1, so a bad spec fails the build.
Deterministic: the same spec gives byte-identical files.
No third-party modules (Debian's python3).
"""
import os
import re
import sys

# The C++ type of each short type name of the spec; any other type (it must
# contain "::" or start with a capital: CheckRequest) is used as written.
TYPES = {
    "text": "std::string",
    "list": "std::vector<std::string>",
    "int": "int",
    "uint": "unsigned",
    "size": "size_t",
    "double": "double",
    "bool": "bool",
}
CXX_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FIELD_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
OPTION_NAME = re.compile(r"(--[a-z0-9][a-z0-9-]*|-[a-zA-Z]|[A-Z][A-Z0-9_]*)")
WORD = re.compile(r"[a-z][a-z0-9-]*")


class SpecError(Exception):
    def __init__(self, where, message):
        super().__init__(f"{where[0]}:{where[1]}: {message}")


class Field:
    def __init__(self, name, cxx_type, default, where):
        self.name, self.cxx_type, self.default, self.where = name, cxx_type, default, where


class Struct:
    """A generated struct: fields in the order they are first declared."""

    def __init__(self, name, where):
        self.name, self.where = name, where
        self.fields = []  # Field
        self.header = None  # the top-level word whose header defines it
        self.external = None  # an options set bound to a library type: not generated

    def add(self, field):
        for f in self.fields:
            if f.name == field.name:
                if (f.cxx_type, f.default) != (field.cxx_type, field.default) and field.cxx_type is not None:
                    raise SpecError(field.where, f"field '{field.name}' of {self.name} declared again with another "
                                    f"type or default (first at line {f.where[1]})")
                return
        if field.cxx_type is None:
            raise SpecError(field.where, f"field '{field.name}' of {self.name} has no type (write {field.name}:TYPE "
                            "where it is first bound)")
        self.fields.append(field)

    def has(self, name):
        return any(f.name == name for f in self.fields)


class Option:
    def __init__(self, kind, names, field, help_text, mods, where):
        self.kind, self.names, self.field, self.help, self.mods, self.where = kind, names, field, help_text, mods, where


class Command:
    def __init__(self, path, help_text, where):
        self.path, self.help, self.where = path, help_text, where
        self.args = None
        self.includes = []
        self.items = []  # ("option", Option) | ("use", set name, field)
        self.require_subcommand = False
        self.app_handle = None
        self.run = "Run" + "".join(w.replace("-", " ").title().replace(" ", "") for w in path)
        self.shared = []  # group options (Option), copied into every subcommand's Args


def tokenize_option(rest, where):
    """`NAMES -> FIELD[:TYPE][=DEFAULT] [MOD...] | HELP` -> parts."""
    if " | " not in rest and not rest.endswith(" |"):
        raise SpecError(where, "option without help text (`... | HELP`)")
    head, _, help_text = rest.partition(" |")
    help_text = help_text[1:] if help_text.startswith(" ") else help_text
    if not help_text.strip():
        raise SpecError(where, "option without help text (`... | HELP`)")
    if " -> " not in head:
        raise SpecError(where, "option without a field (`NAMES -> FIELD`)")
    names, _, binding = head.partition(" -> ")
    names = names.strip()
    for n in names.split(","):
        if not OPTION_NAME.fullmatch(n):
            raise SpecError(where, f"'{n}' is not an option name (--long, -s, or POSITIONAL)")
    words = binding.split()
    if not words:
        raise SpecError(where, "option without a field (`NAMES -> FIELD`)")
    target, mods = words[0], words[1:]
    m = re.fullmatch(r"([^:=]+)(?::([^=]+))?(?:=(.+))?", target)
    if not m or not FIELD_PATH.fullmatch(m.group(1)):
        raise SpecError(where, f"'{target}' is not FIELD[:TYPE][=DEFAULT]")
    return names, m.group(1), m.group(2), m.group(3), mods, help_text


MODIFIERS = {"required", "default-in-help", "expected", "member", "range", "excludes", "given", "handle"}


def parse_mods(mods, where):
    out = {}
    for mod in mods:
        key, eq, value = mod.partition("=")
        if key not in MODIFIERS:
            raise SpecError(where, f"unknown modifier '{key}' (known: {', '.join(sorted(MODIFIERS))})")
        if key in out:
            raise SpecError(where, f"modifier '{key}' given twice")
        needs_value = key not in ("required", "default-in-help")
        if needs_value != bool(eq):
            raise SpecError(where, f"modifier '{key}' " + ("needs =VALUE" if needs_value else "takes no value"))
        if key == "expected" and not re.fullmatch(r"-?\d+,-?\d+", value):
            raise SpecError(where, "expected=MIN,MAX (MAX -1: no limit)")
        if key == "range" and not re.fullmatch(r"-?\d+,-?\d+", value):
            raise SpecError(where, "range=MIN,MAX")
        if key in ("given", "handle") and not CXX_IDENT.fullmatch(value):
            raise SpecError(where, f"{key}= needs a field name")
        out[key] = value
    return out


def cxx_type(t, where):
    if t is None:
        return None
    if t in TYPES:
        return TYPES[t]
    # A C++ type: qualified (fleet::ProbeSettings) or a type name (CheckRequest);
    # a lower-case word is a misspelt short type.
    if "::" in t or (CXX_IDENT.fullmatch(t) and t[0].isupper()):
        return t
    raise SpecError(where, f"unknown type '{t}' (known: {', '.join(TYPES)}, or a C++ type such as fleet::X)")


def parse(path):
    structs, sets, commands, order = {}, {}, {}, []
    global_opts, global_includes = [], []
    block = None  # ("command", Command) | ("set", Struct, [items], includes) | ("global",)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last_option = None
    for n, raw in enumerate(lines, 1):
        where = (path, n)
        if "\t" in raw:
            raise SpecError(where, "tab character (indent with spaces)")
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line.startswith(" ")
        text = line.strip()
        if text.startswith("| "):
            # Continuation of the previous line's help text, joined by a space.
            if last_option is None:
                raise SpecError(where, "help continuation ('| ...') after no help text")
            last_option.help += " " + text[2:]
            continue
        last_option = None
        word, _, rest = text.partition(" ")
        if not indented:
            if word == "command":
                if " | " not in rest:
                    raise SpecError(where, "command without help text (`command WORDS | HELP`)")
                words, _, help_text = rest.partition(" | ")
                cpath = tuple(words.split())
                if not cpath or not all(WORD.fullmatch(w) for w in cpath):
                    raise SpecError(where, f"'{words}' is not a command path (lower-case words)")
                if cpath in commands:
                    raise SpecError(where, f"command '{' '.join(cpath)}' declared twice (first at line "
                                    f"{commands[cpath].where[1]})")
                if len(cpath) > 1 and cpath[:-1] not in commands:
                    raise SpecError(where, f"command '{' '.join(cpath)}' before its parent '{' '.join(cpath[:-1])}'")
                cmd = Command(cpath, help_text.strip(), where)
                commands[cpath] = cmd
                order.append(cmd)
                block = ("command", cmd)
                last_option = cmd
            elif word == "options":
                m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?: = (\S+))?", rest)
                if not m:
                    raise SpecError(where, "options NAME [= LIBRARY_TYPE]")
                if m.group(1) in sets or m.group(1) in structs:
                    raise SpecError(where, f"'{m.group(1)}' declared twice")
                s = Struct(m.group(1), where)
                s.external = cxx_type(m.group(2), where)
                sets[m.group(1)] = (s, [], [])
                block = ("set", s)
            elif word == "global" and not rest:
                block = ("global",)
            else:
                raise SpecError(where, f"unknown key '{word}' (top level: command, options, global)")
            continue
        if block is None:
            raise SpecError(where, "indented line outside a block")
        if word == "include":
            if not re.fullmatch(r"trustready/[a-z0-9_/]+\.h", rest):
                raise SpecError(where, "include trustready/<module>/<name>.h (public headers only)")
            if block[0] == "command":
                block[1].includes.append(rest)
            elif block[0] == "set":
                sets[block[1].name][2].append(rest)
            else:
                global_includes.append(rest)
        elif word in ("option", "flag"):
            names, field, t, default, mods, help_text = tokenize_option(rest, where)
            opt = Option(word, names.split(","), (field, t, default), help_text, parse_mods(mods, where), where)
            if word == "flag" and (t not in (None, "bool") or set(opt.mods) - {"excludes", "given", "handle"}):
                raise SpecError(where, "a flag is bool and takes only excludes=, given=, handle=")
            if word == "flag" and t is None and "." not in field:
                opt.field = (field, "bool", default)
            if block[0] == "command":
                block[1].items.append(("option", opt))
            elif block[0] == "set":
                sets[block[1].name][1].append(opt)
            else:
                global_opts.append(opt)
            last_option = opt
        elif block[0] != "command":
            raise SpecError(where, f"unknown key '{word}' here (options/global blocks take include, option, flag)")
        elif word == "args":
            cmd = block[1]
            if cmd.args is not None:
                raise SpecError(where, "args given twice")
            if not CXX_IDENT.fullmatch(rest):
                raise SpecError(where, "args NAME (a C++ struct name)")
            if rest in sets:
                raise SpecError(where, f"'{rest}' is an options set")
            if rest not in structs:
                structs[rest] = Struct(rest, where)
                structs[rest].header = cmd.path[0]
            elif structs[rest].header != cmd.path[0]:
                raise SpecError(where, f"{rest} is shared by commands of two words")
            cmd.args = structs[rest]
        elif word == "field":
            m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*):(\S+?)(?:=(\S+))?", rest)
            if not m:
                raise SpecError(where, "field NAME:TYPE[=DEFAULT]")
            block[1].items.append(("field", Field(m.group(1), cxx_type(m.group(2), where), m.group(3), where)))
        elif word == "use":
            m = re.fullmatch(r"(\S+) as ([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)", rest)
            if not m or m.group(1) not in sets:
                raise SpecError(where, f"use SET as FIELD: no options set '{rest.split(' ')[0]}' declared above")
            block[1].items.append(("use", m.group(1), m.group(2), where))
        elif word == "require-subcommand" and not rest:
            block[1].require_subcommand = True
        elif word == "app-handle":
            if not CXX_IDENT.fullmatch(rest):
                raise SpecError(where, "app-handle FIELD")
            block[1].app_handle = rest
        else:
            raise SpecError(where, f"unknown key '{word}' (a command takes args, include, field, use, option, "
                            "flag, require-subcommand, app-handle)")
    return structs, sets, order, global_opts, global_includes


def bind(struct, opt):
    """Declares the option's field in `struct` (a top-level name with a type)."""
    name, t, default = opt.field
    top = name.split(".")[0]
    if "." in name:
        if t is not None or default is not None:
            raise SpecError(opt.where, f"'{name}' is a member of '{top}': its type comes from there")
        if not struct.has(top):
            raise SpecError(opt.where, f"'{top}' is not a field of {struct.name} (declare it with field {top}:TYPE)")
        return
    struct.add(Field(name, cxx_type(t, opt.where), default, opt.where))
    for key in ("given", "handle"):
        if key in opt.mods:
            ftype, fdef = ("bool", "false") if key == "given" else ("CLI::Option*", "nullptr")
            struct.add(Field(opt.mods[key], ftype, fdef, opt.where))


def check(structs, sets, order, global_opts):
    # Options sets: their own struct.
    for s, opts, _ in sets.values():
        for o in opts:
            if s.external is None:
                bind(s, o)
            elif o.field[1] is not None or o.field[2] is not None or "given" in o.mods or "handle" in o.mods:
                raise SpecError(o.where, f"options {s.name} are members of {s.external}: no type, INIT, given= or "
                                "handle= here")
    for cmd in order:
        parent = cmd.path[:-1]
        children = [c for c in order if c.path[:-1] == cmd.path]
        if children:
            if cmd.args is not None or any(k != "option" for k, *_ in cmd.items):
                raise SpecError(cmd.where, f"'{' '.join(cmd.path)}' has subcommands: it takes only options shared "
                                "by them (no args, field or use)")
            for _, o in cmd.items:
                cmd.shared.append(o)
            continue
        if cmd.require_subcommand:
            raise SpecError(cmd.where, "require-subcommand on a command without subcommands")
        if cmd.args is None:
            raise SpecError(cmd.where, f"command '{' '.join(cmd.path)}' has no args struct (args NAME)")
        if parent:
            group = next(c for c in order if c.path == parent)
            for o in group.shared:
                bind(cmd.args, o)
        if cmd.app_handle:
            cmd.args.add(Field(cmd.app_handle, "CLI::App*", "nullptr", cmd.where))
        for item in cmd.items:
            if item[0] == "field":
                cmd.args.add(item[1])
            elif item[0] == "use":
                s = sets[item[1]][0]
                if "." in item[2]:
                    # Bound inside a field the Args already have (request.input).
                    if not cmd.args.has(item[2].split(".")[0]):
                        raise SpecError(item[3], f"'{item[2].split('.')[0]}' is not a field of {cmd.args.name}")
                else:
                    cmd.args.add(Field(item[2], s.external or s.name, None, item[3]))
            else:
                bind(cmd.args, item[1])
    seen = {}
    for cmd in order:
        names = set()
        opts = [o for k, *rest in cmd.items if k == "option" for o in rest]
        for item in cmd.items:
            if item[0] == "use":
                opts += sets[item[1]][1]
        for o in opts:
            for nm in o.names:
                if nm in names:
                    raise SpecError(o.where, f"option '{nm}' twice in '{' '.join(cmd.path)}'")
                names.add(nm)
            if "excludes" in o.mods and o.mods["excludes"] not in names:
                raise SpecError(o.where, f"excludes={o.mods['excludes']}: no such option declared before it")
        for r in {cmd.run}:
            if r in seen and seen[r] is not cmd:
                raise SpecError(cmd.where, f"run function {r} of two commands")
            seen[r] = cmd
    gnames = set()
    for o in global_opts:
        for nm in o.names:
            if nm in gnames:
                raise SpecError(o.where, f"global option '{nm}' twice")
            gnames.add(nm)


def literal(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def field_decl(f):
    if f.default is None and f.cxx_type == "bool":
        return f"  bool {f.name} = false;"
    if f.default is None:
        return f"  {f.cxx_type} {f.name};"
    return f"  {f.cxx_type} {f.name} = {f.default};"


def emit_option(o, owner, prefix, var, opt_vars, needed):
    """One add_option/add_flag call on `var`, bound to owner->prefix+field."""
    name = o.field[0]
    call = "add_flag" if o.kind == "flag" else "add_option"
    target = f"{owner}->{prefix}{name}"
    line = f"{var}->{call}({literal(','.join(o.names))}, {target}, {literal(o.help)})"
    mods = o.mods
    if "required" in mods:
        line += "->required()"
    if "default-in-help" in mods:
        line += "->capture_default_str()"
    if "expected" in mods:
        line += f"->expected({mods['expected']})"
    if "member" in mods:
        members = ", ".join(literal(x) for x in mods["member"].split("|"))
        line += f"->check(CLI::IsMember({{{members}}}))"
    if "range" in mods:
        line += f"->check(CLI::Range({mods['range']}))"
    if "excludes" in mods:
        line += f"->excludes({opt_vars[mods['excludes']]})"
    var_name = "o_" + var.strip("(&)") + "_" + re.sub(r"[^a-z0-9]", "_", o.names[0].lstrip("-").lower())
    if "handle" in mods:
        out = [f"  {owner}->{prefix}{mods['handle']} = {line};"]
        ref = f"{owner}->{prefix}{mods['handle']}"
    elif "given" in mods or any(nm in needed for nm in o.names):
        # Kept: a later excludes= names it, or the callback counts it.
        out = [f"  CLI::Option* {var_name} = {line};"]
        ref = var_name
    else:
        out = [f"  {line};"]
        ref = None
    for nm in o.names:
        opt_vars[nm] = ref
    return out, ref


def emit_options(opts, owner, prefix, var, opt_vars, given, needed):
    out = []
    for o in opts:
        lines, ref = emit_option(o, owner, prefix, var, opt_vars, needed)
        out += lines
        if "given" in o.mods:
            given.append((f"{prefix}{o.mods['given']}", ref))
    return out


def generate(spec, structs, sets, order, global_opts, global_includes):
    words = []
    for cmd in order:
        if cmd.path[0] not in words:
            words.append(cmd.path[0])
    files = {}
    banner = f"// Generated by scripts/gen-cli.py from {os.path.basename(spec)}: do not edit.\n"
    # Which options sets each word's header needs.
    set_words = {}
    for cmd in order:
        for item in cmd.items:
            if item[0] == "use":
                set_words.setdefault(item[1], [])
                if cmd.path[0] not in set_words[item[1]]:
                    set_words[item[1]].append(cmd.path[0])
    for s, _, _ in sets.values():
        if len(set_words.get(s.name, [])) > 1:
            raise SpecError(s.where, f"options set {s.name} used by commands of two words")
    for word in words:
        cmds = [c for c in order if c.path[0] == word]
        includes = []
        for c in cmds:
            for i in c.includes:
                if i not in includes:
                    includes.append(i)
        for name, (s, _, incs) in sets.items():
            if word in set_words.get(name, []):
                includes += [i for i in incs if i not in includes]
        guard = f"TRUSTREADY_CLI_COMMANDS_{word.upper().replace('-', '_')}_H_"
        h = [banner.rstrip("\n"), f"// The Args of `trustready {word}` and the run functions cmd_{word}.cc defines.",
             f"#ifndef {guard}", f"#define {guard}", "", "#include <string>", "#include <vector>", ""]
        h += [f'#include "{i}"' for i in includes]
        if includes:
            h.append("")
        h += ["namespace CLI {", "class App;", "class Option;", "}  // namespace CLI", "",
              "namespace trustready::cli {", ""]
        for name, (s, _, _) in sets.items():
            if word in set_words.get(name, []) and s.external is None:
                h.append(f"struct {s.name} {{")
                h += [field_decl(f) for f in s.fields]
                h += ["};", ""]
        done = set()
        for c in cmds:
            if c.args is None or c.args.name in done:
                continue
            done.add(c.args.name)
            h.append(f"struct {c.args.name} {{")
            h += [field_decl(f) for f in c.args.fields]
            h += ["};", ""]
        for c in cmds:
            if c.args is not None:
                h.append(f"// trustready {' '.join(c.path)}")
                h.append(f"void {c.run}(const {c.args.name}& a);")
        h += ["", "}  // namespace trustready::cli", "", f"#endif  // {guard}", ""]
        files[f"commands_{word}.h"] = "\n".join(h)

    ch = [banner.rstrip("\n"), "// The registration of every command (commands.cc) and the global options.",
          "#ifndef TRUSTREADY_CLI_COMMANDS_H_", "#define TRUSTREADY_CLI_COMMANDS_H_", "", "#include <string>",
          "#include <vector>", ""]
    ch += [f'#include "{i}"' for i in global_includes]
    ch += ["", "namespace CLI {", "class App;", "}  // namespace CLI", "", "namespace trustready::cli {", "",
           "// The global options (every command has them).", "struct GlobalArgs {"]
    ch += [field_decl(Field(o.field[0], cxx_type(o.field[1], o.where), o.field[2], o.where)) for o in global_opts]
    ch += ["};", "const GlobalArgs& Globals();", "",
           "// One per top-level word, in the spec's order; name \"\" adds the global",
           "// options. main() runs only the one named by argv[1] (and \"\") when it",
           "// names one, every one otherwise (help, suggestions).",
           "struct Registration {", "  std::string name;", "  void (*fn)(CLI::App& app);", "};",
           "const std::vector<Registration>& Registrations();", "", "}  // namespace trustready::cli", "",
           "#endif  // TRUSTREADY_CLI_COMMANDS_H_", ""]
    files["commands.h"] = "\n".join(ch)

    cc = [banner.rstrip("\n"), '#include "cli/commands.h"', "", "#include <CLI/CLI.hpp>", "#include <memory>", ""]
    cc += [f'#include "cli/commands_{w}.h"' for w in words]
    cc += ["", "namespace trustready::cli {", "namespace {", "", "GlobalArgs g_globals;", "",
           "void RegisterGlobal(CLI::App& app) {"]
    opt_vars = {}
    body = emit_options(global_opts, "(&g_globals)", "", "(&app)", opt_vars, [], set())
    cc += body if body else []
    cc += ["}", ""]

    def register_command(cmd, parent_var, depth):
        out = []
        children = [c for c in order if c.path[:-1] == cmd.path]
        var = "app_" + "_".join(re.sub(r"[^a-z0-9]", "_", w) for w in cmd.path)
        out.append(f"  CLI::App* {var} = {parent_var}->add_subcommand({literal(cmd.path[-1])}, {literal(cmd.help)});")
        if children:
            if cmd.require_subcommand:
                out.append(f"  {var}->require_subcommand(1);")
            shared_var = None
            if cmd.shared:
                shared_var = f"shared_{var}"
                out.append(f"  struct Shared_{var} {{")
                out += ["  " + field_decl(Field(o.field[0], cxx_type(o.field[1], o.where), o.field[2], o.where))
                        for o in cmd.shared]
                out.append("  };")
                out.append(f"  auto {shared_var} = std::make_shared<Shared_{var}>();")
                out += emit_options(cmd.shared, shared_var, "", var, {}, [], set())
            for c in children:
                out += register_command(c, var, depth + 1)
            return out
        a = f"args_{var}"
        out.append(f"  auto {a} = std::make_shared<{cmd.args.name}>();")
        given, opt_vars = [], {}
        needed = {i[1].mods["excludes"] for i in cmd.items if i[0] == "option" and "excludes" in i[1].mods}
        body = []
        if cmd.app_handle:
            body.append(f"  {a}->{cmd.app_handle} = {var};")
        for item in cmd.items:
            if item[0] == "option":
                body += emit_options([item[1]], a, "", var, opt_vars, given, needed)
            elif item[0] == "use":
                body += emit_options(sets[item[1]][1], a, item[2] + ".", var, opt_vars, given, needed)
        copies = []
        parent = next((c for c in order if c.path == cmd.path[:-1]), None)
        capture = a
        if parent is not None and parent.shared:
            pvar = "shared_app_" + "_".join(re.sub(r"[^a-z0-9]", "_", w) for w in parent.path)
            capture += ", " + pvar
            copies += [f"{a}->{o.field[0]} = {pvar}->{o.field[0]};" for o in parent.shared]
        copies += [f"{a}->{field} = {ref}->count() > 0;" for field, ref in given]
        out += body
        # Once the command line is parsed: the run function on the Args.
        if copies:
            capture += "".join(f", {ref}" for _, ref in given)
            out.append(f"  {var}->callback([{capture}] {{")
            out += [f"    {c}" for c in copies]
            out.append(f"    {cmd.run}(*{a});")
            out.append("  });")
        else:
            out.append(f"  {var}->callback([{capture}] {{ {cmd.run}(*{a}); }});")
        return out

    for word in words:
        top = next(c for c in order if c.path == (word,))
        fn = "Register" + top.run[3:]
        cc.append(f"void {fn}(CLI::App& app) {{")
        body = register_command(top, "(&app)", 0)
        cc += body
        cc += ["}", ""]
    cc += ["}  // namespace", "", "const GlobalArgs& Globals() { return g_globals; }", "",
           "const std::vector<Registration>& Registrations() {", "  static const std::vector<Registration> r = {",
           '      {"", RegisterGlobal},']
    for word in words:
        top = next(c for c in order if c.path == (word,))
        cc.append(f'      {{{literal(word)}, Register{top.run[3:]}}},')
    cc += ["  };", "  return r;", "}", "", "}  // namespace trustready::cli", ""]
    files["commands.cc"] = "\n".join(cc)
    return files


def main(argv):
    listing = len(argv) == 4 and argv[1] == "--outputs"
    if not listing and len(argv) != 3:
        sys.exit("usage: gen-cli.py [--outputs] SPEC OUTDIR")
    spec, outdir = argv[-2], argv[-1]
    try:
        structs, sets, order, global_opts, global_includes = parse(spec)
        if not order:
            raise SpecError((spec, 1), "no command declared")
        check(structs, sets, order, global_opts)
        files = generate(spec, structs, sets, order, global_opts, global_includes)
    except SpecError as e:
        print(f"gen-cli: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"gen-cli: {spec}: {e.strerror}", file=sys.stderr)
        return 1
    out = os.path.join(outdir, "cli")
    if listing:
        print(";".join(os.path.join(out, name) for name in sorted(files)))
        return 0
    os.makedirs(out, exist_ok=True)
    for name, text in sorted(files.items()):
        path = os.path.join(out, name)
        # Unchanged files keep their time stamp: nothing recompiles for nothing.
        try:
            with open(path, encoding="utf-8") as f:
                if f.read() == text:
                    continue
        except OSError:
            pass
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
