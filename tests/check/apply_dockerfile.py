#!/usr/bin/env python3
"""Applies the Dockerfile lines `trustready check --root/--image` prints to
an unpacked tree, with the tools of this machine, as the image's own build
would: `COPY SRC DST` copies SRC from the build context to DST inside the
tree; `RUN ...` runs the command with every absolute path mapped into the
tree (`sql:/x` too, `>> FILE` appends, `A || B` runs B when A fails,
`>/dev/null` and `2>&1` discard output); `update-ca-certificates` is
Debian's own script pointed at the tree's folders (no hooks), its links then
made the image's own (absolute inside the image, not this machine's).
'#' lines are comments. Anything else is an error: a line that is not a
Dockerfile instruction would not work when pasted either.

usage: apply_dockerfile.py TREE CONTEXT LINES_FILE   (prints the count run)
       apply_dockerfile.py --update-ca-certificates TREE
"""
import os, shlex, shutil, subprocess, sys

tree = os.path.realpath(sys.argv[2] if sys.argv[1] == "--update-ca-certificates" else sys.argv[1])


def inside(path):
    return os.path.join(tree, path.lstrip("/"))


def relink(folder):
    """Links update-ca-certificates made to this machine's path of the tree
    point inside the image instead, as they would after a real RUN."""
    for name in os.listdir(folder):
        p = os.path.join(folder, name)
        if os.path.islink(p):
            target = os.readlink(p)
            if target.startswith(tree + "/"):
                os.unlink(p)
                os.symlink(target[len(tree):], p)


def update_ca_certificates(tree):
    hooks = os.path.join(tree, ".no-hooks")
    os.makedirs(hooks, exist_ok=True)
    os.makedirs(inside("/usr/share/ca-certificates"), exist_ok=True)
    conf = inside("/etc/ca-certificates.conf")
    if not os.path.exists(conf):
        open(conf, "w").close()
    subprocess.run(["update-ca-certificates", "--certsconf", conf,
                    "--certsdir", inside("/usr/share/ca-certificates"),
                    "--localcertsdir", inside("/usr/local/share/ca-certificates"),
                    "--etccertsdir", inside("/etc/ssl/certs"), "--hooksdir", hooks],
                   check=True, stdout=subprocess.DEVNULL)
    os.rmdir(hooks)
    relink(inside("/etc/ssl/certs"))


def run(argv, line, check):
    """One command of a RUN line; True when it succeeded. `>/dev/null` and
    `2>&1` discard its output (as they would in the image)."""
    argv = [a for a in argv if a not in (">/dev/null", "2>&1")]
    append_to = None
    if ">>" in argv:
        i = argv.index(">>")
        append_to, argv = inside(argv[i + 1]), argv[:i]
    if argv[0] == "update-ca-certificates":
        update_ca_certificates(tree)
        return True
    prog = os.path.basename(argv[0]) if argv[0].startswith("/") else argv[0]
    if argv[0].startswith("/") and not os.path.exists(inside(argv[0])):
        sys.exit("RUN names a program the image does not have: " + argv[0])
    args = []
    for a in argv[1:]:
        if a.startswith("sql:/"):
            a = "sql:" + inside(a[4:])
        elif a.startswith("/"):
            a = inside(a)
        args.append(a)
    out = open(append_to, "ab") if append_to else None
    r = subprocess.run([prog] + args, check=check, stdout=out or subprocess.DEVNULL,
                       stderr=None if check else subprocess.DEVNULL)
    if out:
        out.close()
    return r.returncode == 0


def main(context, lines_file):
    ran = 0
    for line in open(lines_file).read().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("COPY "):
            src, dst = shlex.split(line[5:])
            if os.path.isabs(src) or ".." in src.split("/"):
                sys.exit("COPY source outside the build context: " + line)
            dest = inside(dst)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(os.path.join(context, src), dest)
        elif line.startswith("RUN "):
            words = shlex.split(line[4:])
            if "sudo" in words:
                sys.exit("sudo in a Dockerfile line: " + line)
            # `A || B` as /bin/sh runs it: B only when A fails.
            alternatives, cur = [], []
            for w in words:
                if w == "||":
                    alternatives.append(cur)
                    cur = []
                else:
                    cur.append(w)
            alternatives.append(cur)
            for i, argv in enumerate(alternatives):
                if run(argv, line, check=i + 1 == len(alternatives)):
                    break
        else:
            sys.exit("not a Dockerfile line: " + line)
        ran += 1
    print(ran)


if __name__ == "__main__":
    if sys.argv[1] == "--update-ca-certificates":
        update_ca_certificates(tree)
    else:
        main(sys.argv[2], sys.argv[3])
