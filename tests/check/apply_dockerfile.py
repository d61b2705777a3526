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

The tree's system (its /etc/os-release) decides what the trust tools do:
Debian's update-ca-certificates; on RHEL/Fedora `update-ca-trust extract`
and on SUSE `update-ca-certificates` are emulated by the `trust extract`
calls of their own scripts (quoted in update_ca_trust and
update_ca_certificates_suse), run with Debian's p11-kit (`trust`, package
p11-kit) reading the tree's source folders in a private mount namespace
(root and unshare needed): Debian ships neither script, the extraction is
the real tool's.

usage: apply_dockerfile.py TREE CONTEXT LINES_FILE   (prints the count run)
       apply_dockerfile.py --update-ca-certificates TREE   (the tree's own
         system-store update, as its package would run it)
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
        if flavour() == "suse":
            update_ca_certificates_suse(tree)
        else:
            update_ca_certificates(tree)
        return True
    if argv[:2] == ["update-ca-trust", "extract"] or argv == ["update-ca-trust"]:
        if flavour() != "rhel":
            sys.exit("update-ca-trust in a tree that is not RHEL/Fedora: " + line)
        update_ca_trust(tree)
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


def flavour():
    """The tree's system, from its /etc/os-release ID and ID_LIKE."""
    words = []
    try:
        for line in open(inside("/etc/os-release")):
            k, _, v = line.strip().partition("=")
            if k in ("ID", "ID_LIKE"):
                words += v.strip('"').split()
    except FileNotFoundError:
        pass
    if any("suse" in w or w == "sles" for w in words):
        return "suse"
    if any(w in ("rhel", "fedora", "centos") for w in words):
        return "rhel"
    return "debian"


def trust_extract(trust_paths, commands):
    """Runs Debian's p11-kit `trust extract` (the tool RHEL's and SUSE's
    scripts run) with its trust module reading TRUST_PATHS (image paths, as
    the image's p11-kit was built to read them) inside the tree. Debian's
    module reads /etc/ssl/certs/ca-certificates.crt and, for root, only the
    system module config: so the config, with `x-init-reserved:
    paths=...`, is bind-mounted over Debian's in a private mount namespace
    (unshare --mount; this machine's files are not changed). COMMANDS: the
    `trust extract` arguments, image paths of the outputs mapped inside."""
    module = "/usr/share/p11-kit/modules/p11-kit-trust.module"
    conf = [l for l in open(module).read().splitlines() if not l.startswith("x-init-reserved:")]
    conf.append("x-init-reserved: paths=" + ":".join(inside(p) for p in trust_paths))
    conf_file = os.path.join(tree, ".p11-kit-trust.module")
    with open(conf_file, "w") as f:
        f.write("\n".join(conf) + "\n")
    script = ["set -e", "mount --bind %s %s" % (shlex.quote(conf_file), module)]
    for args in commands:
        script.append(" ".join(["trust", "extract"] + [shlex.quote(a) for a in args]))
    subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(script)],
                   check=True, stdout=subprocess.DEVNULL)
    os.unlink(conf_file)


def link(target, name):
    """ln -s TARGET NAME inside the tree (NAME an image path), when absent."""
    p = inside(name)
    if not os.path.lexists(p):
        os.makedirs(os.path.dirname(p), exist_ok=True)
        os.symlink(target, p)


def update_ca_trust(tree):
    """RHEL/Fedora's `update-ca-trust extract` (ca-certificates package): a
    shell script of `p11-kit extract` calls (the same program as `trust
    extract`) into /etc/pki/ca-trust/extracted, from the trust paths p11-kit
    is built with there (-Dtrust_paths=/etc/pki/ca-trust/source:
    /usr/share/pki/ca-trust-source). Its edk2 output is left out (no TLS
    client reads it)."""
    dest = "/etc/pki/ca-trust/extracted"
    for d in ("openssl", "pem", "java"):
        os.makedirs(inside(dest + "/" + d), exist_ok=True)
    trust_extract(["/etc/pki/ca-trust/source", "/usr/share/pki/ca-trust-source"], [
        ["--format=openssl-bundle", "--filter=certificates", "--overwrite", "--comment",
         inside(dest + "/openssl/ca-bundle.trust.crt")],
        ["--format=pem-bundle", "--filter=ca-anchors", "--overwrite", "--comment", "--purpose", "server-auth",
         inside(dest + "/pem/tls-ca-bundle.pem")],
        ["--format=pem-bundle", "--filter=ca-anchors", "--overwrite", "--comment", "--purpose", "email",
         inside(dest + "/pem/email-ca-bundle.pem")],
        ["--format=pem-bundle", "--filter=ca-anchors", "--overwrite", "--comment", "--purpose", "code-signing",
         inside(dest + "/pem/objsign-ca-bundle.pem")],
        ["--format=java-cacerts", "--filter=ca-anchors", "--overwrite", "--purpose", "server-auth",
         inside(dest + "/java/cacerts")],
        ["--format=pem-directory-hash", "--filter=ca-anchors", "--overwrite", "--purpose", "server-auth",
         inside(dest + "/pem/directory-hash")],
    ])
    link("../tls-ca-bundle.pem", dest + "/pem/directory-hash/ca-certificates.crt")
    link("../tls-ca-bundle.pem", dest + "/pem/directory-hash/ca-bundle.crt")


def update_ca_certificates_suse(tree):
    """SUSE's `update-ca-certificates` (openSUSE/ca-certificates): it runs
    the hooks /usr/lib/ca-certificates/update.d/*.run, each one `trust
    extract` into /var/lib/ca-certificates: certbundle.run (ca-bundle.pem,
    after a comment header, and the link /etc/ssl/ca-bundle.pem), openssl.run
    (openssl/), etc_ssl.run (pem/ with hash links, /etc/ssl/certs a link to
    it), java.run (java-cacerts). Trust paths: /etc/pki/trust and
    /usr/share/pki/trust (where SUSE's anchors/ folders are)."""
    state = "/var/lib/ca-certificates"
    os.makedirs(inside(state), exist_ok=True)
    tmp = inside(state + "/ca-bundle.pem.tmp")
    trust_extract(["/etc/pki/trust", "/usr/share/pki/trust"], [
        ["--format=pem-bundle", "--purpose=server-auth", "--filter=ca-anchors", "--overwrite", tmp],
        ["--format=openssl-directory", "--filter=ca-anchors", "--overwrite", inside(state + "/openssl")],
        ["--purpose=server-auth", "--filter=ca-anchors", "--format=pem-directory-hash", "-f", inside(state + "/pem")],
        ["--format=java-cacerts", "--purpose=server-auth", "--filter=ca-anchors", "--overwrite",
         inside(state + "/java-cacerts")],
    ])
    with open(inside(state + "/ca-bundle.pem"), "w") as out:
        out.write("#\n# automatically created by certbundle.run. Do not edit!\n#\n")
        out.write(open(tmp).read())
    os.unlink(tmp)
    link("../../var/lib/ca-certificates/ca-bundle.pem", "/etc/ssl/ca-bundle.pem")
    link("../../var/lib/ca-certificates/pem", "/etc/ssl/certs")


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
        if flavour() == "suse":
            update_ca_certificates_suse(tree)
        elif flavour() == "rhel":
            update_ca_trust(tree)
        else:
            update_ca_certificates(tree)
    else:
        main(sys.argv[2], sys.argv[3])
