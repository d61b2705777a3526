#!/usr/bin/env python3
"""Builds container images for tests/image/image_check.sh, with tarfile only
(no Docker): a two-layer image whose second layer overrides a file, deletes
one with a whiteout (.wh.NAME) and replaces a folder with an opaque whiteout
(.wh..wh..opq), written as a `docker save` archive (plain and gzipped) and an
OCI image layout (folder and tar, layers gzipped); the tree those layers make
(applied here, independently of trustready) as the --root oracle; a variant
whose config Env sets SSL_CERT_FILE; and a hostile image (names with '..',
a link out of the tree written through).

usage: make_images.py OUT_DIR FILES_DIR   (FILES_DIR: the certificate files)
"""
import gzip, hashlib, io, json, os, subprocess, sys, tarfile

out, files = sys.argv[1], sys.argv[2]
def rd(name): return open(os.path.join(files, name), "rb").read()

def subject_hash(pem):
    return subprocess.run(["openssl", "x509", "-noout", "-subject_hash"], input=pem,
                          capture_output=True, check=True).stdout.decode().strip()

roots = ["AmazonRootCA1", "AmazonRootCA2", "AmazonRootCA3", "AmazonRootCA4", "SFSRootCAG2"]
pems = {r: rd(r + ".pem") for r in roots}
bundle = b"".join(pems[r] for r in roots)

# A layer: list of (path, kind, data): kind 'f' file, 'l' symlink, 'd' folder, 'h' hard link.
l1 = [("etc", "d", None), ("etc/ssl", "d", None), ("etc/ssl/certs", "d", None),
      ("etc/ssl/certs/ca-certificates.crt", "f", pems["AmazonRootCA3"]),  # replaced in layer 2
      ("usr/share/ca-certificates/mozilla/OLD.crt", "f", rd("r2m01.pem")),
      ("etc/ssl/certs/OLD.pem", "l", "/usr/share/ca-certificates/mozilla/OLD.crt"),
      ("etc/ssl/certs/%s.0" % subject_hash(rd("r2m01.pem")), "l", "OLD.pem"),
      ("usr/local/lib/python3.11/site-packages/certifi/cacert.pem", "f", pems["AmazonRootCA3"]),
      ("usr/bin/hello", "f", b"#!/bin/sh\necho not run\n"),
      ("etc/ssl/certs/java/cacerts", "f", rd("cacerts.jks")),
      ("usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts", "l", "/etc/ssl/certs/java/cacerts"),
      ("app/ca.pem", "f", pems["AmazonRootCA3"]),
      ("app/ca-link.pem", "h", "app/ca.pem")]
l2 = [("etc/ssl/certs/ca-certificates.crt", "f", bundle),
      ("usr/local/lib/python3.11/site-packages/certifi/.wh.cacert.pem", "f", b""),
      ("usr/share/ca-certificates/mozilla/.wh..wh..opq", "f", b"")]
for r in roots:
    l2.append(("usr/share/ca-certificates/mozilla/%s.crt" % r, "f", pems[r]))
    l2.append(("etc/ssl/certs/%s.pem" % r, "l", "/usr/share/ca-certificates/mozilla/%s.crt" % r))
    l2.append(("etc/ssl/certs/%s.0" % subject_hash(pems[r]), "l", "%s.pem" % r))

def layer_tar(entries, compress=False):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        made = set()
        for path, kind, data in entries:
            parts = path.split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in made and not d.startswith(".."):
                    made.add(d)
                    ti = tarfile.TarInfo(d); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; t.addfile(ti)
            ti = tarfile.TarInfo(path)
            if kind == "d":
                if path in made: continue
                made.add(path); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; t.addfile(ti)
            elif kind == "l":
                ti.type = tarfile.SYMTYPE; ti.linkname = data; t.addfile(ti)
            elif kind == "h":
                ti.type = tarfile.LNKTYPE; ti.linkname = data; t.addfile(ti)
            else:
                ti.size = len(data); ti.mode = 0o644; t.addfile(ti, io.BytesIO(data))
    raw = buf.getvalue()
    return gzip.compress(raw, mtime=0) if compress else raw

def apply(layers):
    """The file tree the layers make, as an overlay filesystem shows it."""
    tree = {}
    for entries in layers:
        this = set()
        for path, kind, data in entries:
            d, _, base = path.rpartition("/")
            if base == ".wh..wh..opq":
                for p in [p for p in tree if p.startswith(d + "/") and p not in this]: del tree[p]
                continue
            if base.startswith(".wh."):
                gone = (d + "/" if d else "") + base[4:]
                for p in [p for p in tree if p == gone or p.startswith(gone + "/")]: del tree[p]
                continue
            for p in [p for p in tree if p.startswith(path + "/")] if kind != "d" else []: del tree[p]
            tree[path] = (kind, data if kind != "h" else tree[data][1])
            this.add(path)
            parts = path.split("/")
            for i in range(1, len(parts)):
                tree.setdefault("/".join(parts[:i]), ("d", None)); this.add("/".join(parts[:i]))
    return tree

def write_tree(tree, root):
    for path in sorted(tree):
        kind, data = tree[path]
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if kind == "d": os.makedirs(full, exist_ok=True)
        elif kind == "l": os.symlink(data, full)
        else: open(full, "wb").write(data)

def sha(b): return hashlib.sha256(b).hexdigest()

def config(env):
    return json.dumps({"architecture": "amd64", "os": "linux",
                       "config": {"Env": env, "Cmd": ["/usr/bin/hello"]},
                       "rootfs": {"type": "layers", "diff_ids": []}}).encode()

def add_bytes(t, name, data):
    ti = tarfile.TarInfo(name); ti.size = len(data); ti.mode = 0o644; t.addfile(ti, io.BytesIO(data))

def docker_save(path, layers, env, gz=False, tags=("test/trust:1",)):
    cfg = config(env)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        names = []
        for i, l in enumerate(layers):
            data = layer_tar(l)
            name = "%s/layer.tar" % sha(data)
            add_bytes(t, name, data); names.append(name)
        add_bytes(t, sha(cfg) + ".json", cfg)
        add_bytes(t, "manifest.json", json.dumps([{"Config": sha(cfg) + ".json", "RepoTags": list(tags), "Layers": names}]).encode())
        add_bytes(t, "repositories", b"{}")
    data = buf.getvalue()
    open(path, "wb").write(gzip.compress(data, mtime=0) if gz else data)

def oci_layout(dirpath, layers, env):
    os.makedirs(os.path.join(dirpath, "blobs/sha256"), exist_ok=True)
    def blob(data):
        open(os.path.join(dirpath, "blobs/sha256", sha(data)), "wb").write(data)
        return "sha256:" + sha(data)
    cfg = config(env)
    descs = []
    for l in layers:
        data = layer_tar(l, compress=True)
        descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": blob(data), "size": len(data)})
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blob(cfg), "size": len(cfg)},
                           "layers": descs}).encode()
    md = blob(manifest)
    # A multi-platform index (amd64 and arm64 point at the same manifest) with an attestation entry.
    plat_index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": len(manifest),
         "platform": {"os": "linux", "architecture": a}} for a in ("amd64", "arm64")] + [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": len(manifest),
         "platform": {"os": "unknown", "architecture": "unknown"}}]}).encode()
    pd = blob(plat_index)
    open(os.path.join(dirpath, "index.json"), "wb").write(json.dumps({"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": pd, "size": len(plat_index),
         "annotations": {"org.opencontainers.image.ref.name": "1"}}]}).encode())
    open(os.path.join(dirpath, "oci-layout"), "wb").write(b'{"imageLayoutVersion": "1.0.0"}')

layers = [l1, l2]
write_tree(apply(layers), os.path.join(out, "rootfs"))
env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
docker_save(os.path.join(out, "save.tar"), layers, env)
docker_save(os.path.join(out, "save.tar.gz"), layers, env, gz=True)
oci_layout(os.path.join(out, "oci"), layers, env)
with tarfile.open(os.path.join(out, "oci.tar"), "w") as t:
    t.add(os.path.join(out, "oci"), arcname=".")
docker_save(os.path.join(out, "env.tar"), layers, env + ["SSL_CERT_FILE=/app/ca-link.pem"])
docker_save(os.path.join(out, "env-dir.tar"), layers, env + ["SSL_CERT_DIR=/etc/ssl/certs"])

# Hostile: '..' names, an absolute name, a link out of the tree that a
# later entry writes through, a device; the tree must stay inside.
outside = os.path.join(out, "outside")
os.makedirs(outside)
evil1 = [("../escaped.txt", "f", b"x"), ("etc/ssl/../../../escaped2.txt", "f", b"x"),
         ("etc/pki", "l", outside), ("etc/ssl/certs/ca-certificates.crt", "f", bundle)]
evil2 = [("etc/pki/tls/certs/ca-bundle.crt", "f", bundle),
         ("etc/ssl/certs/java", "l", outside), ("etc/ssl/certs/java/cacerts", "f", rd("cacerts.jks"))]
docker_save(os.path.join(out, "evil.tar"), [evil1, evil2], env)
# Two images in one archive: which one would be ambiguous.
cfg = config(env)
with tarfile.open(os.path.join(out, "two.tar"), "w") as t:
    data = layer_tar(l1)
    add_bytes(t, "l/layer.tar", data)
    add_bytes(t, "c.json", cfg)
    add_bytes(t, "manifest.json", json.dumps([{"Config": "c.json", "RepoTags": ["a:1"], "Layers": ["l/layer.tar"]},
                                              {"Config": "c.json", "RepoTags": ["b:1"], "Layers": ["l/layer.tar"]}]).encode())
