#!/usr/bin/env python3
"""Tests of scripts/check_includes.py (ctest lint.includes_check): each rule
fails on a copy of this tree broken on purpose, and the unbroken copy passes.
Usage: check_includes_test.py [SOURCE_DIR]"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "check_includes.py")
failures = []


def run(tree):
    p = subprocess.run([sys.executable, SCRIPT, tree], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def case(name, change, want_rc, want_text=None):
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("src", "include"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        shutil.copy(os.path.join(ROOT, "ARCHITECTURE.md"), tmp)
        change(tmp)
        rc, out = run(tmp)
        ok = rc == want_rc and (want_text is None or want_text in out)
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": exit {rc}, output:\n{out}"))
        if not ok:
            failures.append(name)


def write(tmp, rel, text=""):
    path = os.path.join(tmp, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def append(tmp, rel, text):
    with open(os.path.join(tmp, rel), "a", encoding="utf-8") as f:
        f.write(text)


case("the tree as it is passes", lambda t: None, 0, "check_includes: ok")
case("a .cc without a header of its name fails",
     lambda t: write(t, "src/x509/orphan.cc", "// nothing\n"), 1,
     "src/x509/orphan.cc: no header of its name")
case("a private header of its name is enough",
     lambda t: (write(t, "src/x509/orphan.cc"), write(t, "src/x509/orphan.h")), 0)
case("a public header of its name is enough",
     lambda t: (write(t, "src/store/orphan.cc"), write(t, "include/trustready/store/orphan.h")), 0)
case("src/cli is not held to it", lambda t: write(t, "src/cli/orphan.cc"), 0)
case("a listed file that got a header of its name fails",
     lambda t: write(t, "include/trustready/fleet/scan.h"), 1,
     "src/fleet/scan.cc is listed as having no header of its name, but it has one")
case("a listed file that is gone fails",
     lambda t: os.remove(os.path.join(t, "src/serve/test_image_data.cc")), 1,
     "src/serve/test_image_data.cc is listed as having no header of its name, but there is no such file")
case("a listed file naming no header of its module fails",
     lambda t: append(t, "ARCHITECTURE.md", "\n| `src/x509/orphan.cc` | `nothing.h` | x |\n")
     or write(t, "src/x509/orphan.cc"), 1,
     "src/x509/orphan.cc is said to implement nothing.h, which is no header of module x509")
case("a module including one it may not include fails",
     lambda t: append(t, "src/x509/pem.cc", '\n#include "trustready/verify/verify.h"\n'), 1,
     "x509 may not include verify")
case("a private header of another module fails",
     lambda t: append(t, "src/check/check.cc", '\n#include "store/store_internal.h"\n'), 1,
     "a private header of store")

if failures:
    print(f"check_includes_test: {len(failures)} of the cases failed")
    sys.exit(1)
print("check_includes_test: all cases passed")
