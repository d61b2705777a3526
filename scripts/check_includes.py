#!/usr/bin/env python3
"""The include rules of ARCHITECTURE.md, checked (run by ctest as lint.includes).

Reads the module table of ARCHITECTURE.md (the "may include" column: module
names, "-" for none) and fails when
  - a file of src/<m>/ or include/trustready/<m>/ includes a header of a
    module that m may not include (public "trustready/<x>/..." or private
    "<x>/..." headers alike);
  - a module includes another module's private header (src/<x>/*.h): only
    public headers cross module boundaries;
  - src/cli includes the JSON library (the CLI prints what report/ renders);
  - a folder under src/ or include/trustready/ is not in the table;
  - an entry of EXCEPTIONS is no longer needed (so the list only shrinks);
  - a .cc file of src/<m>/ (outside src/cli) has no header of its name
    (include/trustready/<m>/<name>.h or src/<m>/<name>.h) and is not in
    ARCHITECTURE.md's list of the files that implement another header of
    their module (the table under "Source files without a header of their
    name"), or a file of that list is gone or has a header of its name now.
Every module may include base/ and itself. Usage: check_includes.py [SOURCE_DIR]
"""
import os
import re
import sys

# Known breaks, each with the reason and who removes it. A stale entry fails.
EXCEPTIONS = {
    # Commands that still build their JSON in src/cli (to move to report/).
}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')


def load_table(root):
    text = open(os.path.join(root, "ARCHITECTURE.md"), encoding="utf-8").read()
    table = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"`src/[a-z0-9_]+`", cells[0]):
            continue
        module = cells[0].strip("`")[4:]
        deps = set()
        if cells[-1] not in ("-", ""):
            for d in cells[-1].split(","):
                d = d.strip().strip("`")
                if not re.fullmatch(r"[a-z0-9_]+", d):
                    sys.exit(f"ARCHITECTURE.md: module {module}: '{d}' in the may-include column is not a module name")
                deps.add(d)
        table[module] = deps
    if not table:
        sys.exit("ARCHITECTURE.md: no module table found")
    return table


def load_headerless(root):
    """ARCHITECTURE.md's rows `src/<m>/<name>.cc` | `<header>` | why: the .cc
    files that implement (part of) another header of their module."""
    text = open(os.path.join(root, "ARCHITECTURE.md"), encoding="utf-8").read()
    listed = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"`src/[a-z0-9_]+/[a-z0-9_]+\.cc`", cells[0]):
            listed[cells[0].strip("`")] = cells[1].strip("`")
    return listed


def check_headers(root, problems):
    """Every .cc of src/<m>/ (not src/cli) has a header of its name, or is listed."""
    listed = load_headerless(root)
    seen = set()
    src = os.path.join(root, "src")
    for module in sorted(os.listdir(src)):
        mdir = os.path.join(src, module)
        if module == "cli" or not os.path.isdir(mdir):
            continue
        for f in sorted(os.listdir(mdir)):
            if not f.endswith(".cc"):
                continue
            rel = f"src/{module}/{f}"
            name = f[:-3]
            has = (os.path.exists(os.path.join(root, "include", "trustready", module, name + ".h"))
                   or os.path.exists(os.path.join(mdir, name + ".h")))
            if rel in listed:
                seen.add(rel)
                if has:
                    problems.append(f"ARCHITECTURE.md: {rel} is listed as having no header of its name, "
                                    "but it has one: remove it from the list")
                continue
            if not has:
                problems.append(f"{rel}: no header of its name (include/trustready/{module}/{name}.h or "
                                f"src/{module}/{name}.h); add one, or list the file and the header it implements "
                                "in ARCHITECTURE.md (\"Source files without a header of their name\")")
    for rel in sorted(set(listed) - seen):
        problems.append(f"ARCHITECTURE.md: {rel} is listed as having no header of its name, "
                        "but there is no such file (or it is in src/cli): remove it from the list")
    for rel, header in sorted(listed.items()):
        module = rel.split("/")[1]
        if not (os.path.exists(os.path.join(root, "include", "trustready", module, header))
                or os.path.exists(os.path.join(root, "src", module, header))):
            problems.append(f"ARCHITECTURE.md: {rel} is said to implement {header}, which is no header of "
                            f"module {module}")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    table = load_table(root)
    problems, used = [], set()
    for d in table.values():
        for x in d:
            if x not in table:
                problems.append(f"ARCHITECTURE.md: '{x}' is not a module of the table")
    trees = [("src", os.path.join(root, "src")), ("include", os.path.join(root, "include", "trustready"))]
    for _, base in trees:
        for module in sorted(os.listdir(base)):
            if os.path.isdir(os.path.join(base, module)) and module not in table:
                problems.append(f"{os.path.relpath(os.path.join(base, module), root)}: module '{module}' is not in "
                                "ARCHITECTURE.md's table (add a row saying what it may include)")
    for kind, base in trees:
        for dirpath, _, files in os.walk(base):
            rel = os.path.relpath(dirpath, base)
            module = rel.split(os.sep)[0]
            if module not in table:
                continue
            allowed = table[module] | {module, "base"}
            for f in sorted(files):
                if not f.endswith((".h", ".cc", ".hpp", ".in")):
                    continue
                path = os.path.join(dirpath, f)
                shown = os.path.relpath(path, root)
                for n, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if module == "cli" and inc.startswith("nlohmann/"):
                        if (shown, "nlohmann") in EXCEPTIONS:
                            used.add((shown, "nlohmann"))
                            continue
                        problems.append(f"{shown}:{n}: src/cli includes the JSON library ({inc}); "
                                        "render JSON in src/report")
                        continue
                    parts = inc.split("/")
                    if parts[0] == "trustready" and len(parts) > 2:
                        target, private = parts[1], False
                    elif len(parts) > 1 and parts[0] in table:
                        target, private = parts[0], True
                    else:
                        continue  # system and third-party headers
                    if private and target != module:
                        key = (module, target + "/private")
                        if key in EXCEPTIONS:
                            used.add(key)
                            continue
                        problems.append(f"{shown}:{n}: includes {inc}, a private header of {target} "
                                        "(only trustready/<module>/ headers cross modules)")
                        continue
                    if target not in allowed:
                        if (module, target) in EXCEPTIONS:
                            used.add((module, target))
                            continue
                        problems.append(f"{shown}:{n}: {module} may not include {target} ({inc}); "
                                        f"ARCHITECTURE.md lets {module} include: "
                                        f"{', '.join(sorted(table[module])) or 'nothing but base'}")
    check_headers(root, problems)
    for key, why in EXCEPTIONS.items():
        if key not in used:
            problems.append(f"scripts/check_includes.py: exception {key} ({why}) is no longer needed: remove it")
    for p in problems:
        print(p)
    if problems:
        print(f"check_includes: {len(problems)} problem(s)")
        return 1
    print(f"check_includes: ok ({len(table)} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
