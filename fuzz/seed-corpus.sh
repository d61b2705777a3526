# Sourced by run-smoke.sh and scripts/fuzz-long.sh (not run directly):
# seed_corpus NAME DIR copies fuzz/corpus/NAME/ and seeds generated from the
# shared data into DIR.
seed_corpus() {
  local name=$1 corpus=$2
  local here shared
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  shared="$here/../../shared/data"
  mkdir -p "$corpus"
  if [ -d "$here/corpus/$name" ]; then cp -r "$here/corpus/$name/." "$corpus/"; fi
  case "$name" in
    der|certificate) cp "$shared"/amazon-trust-services/*.cer "$corpus/" 2>/dev/null || true ;;
    pem) cp "$shared"/platform-stores/certs/0*.pem "$corpus/" 2>/dev/null || true ;;
    crl) cp "$shared"/amazon-trust-services/*.crl "$corpus/" 2>/dev/null || true ;;
    verify)
      # An option byte, then leaf, issuing CAs, cross-signs and roots: the
      # direct paths and the Starfield cross-signed ones.
      local a="$shared/amazon-trust-services" n opt k
      for n in 1 2 3 4; do
        for opt in '\x00\x00' '\x11\x00' '\x19\x20' '\x02\x00'; do
          { printf "$opt"; cat "$a/valid.rootca$n.demo.amazontrust.com.cer" "$a"/[re][234]m0*.cer \
              "$a/rootca$n.cer" "$a/AmazonRootCA$n.cer" "$a/SFSRootCAG2.cer" "$a"/*m0$n.crl; } \
            >"$corpus/ats-$n-$(printf '%s' "$opt" | tr -d '\\')" 2>/dev/null || true
        done
      done
      # Two option bytes (the second: policy inputs, RFC 5280 profile), then
      # NIST PKITS paths: end entity, intermediates, anchor, CRLs.
      k="$shared/nist-pkits"
      if [ -f "$k/pkits.json" ]; then
        python3 - "$k" "$corpus" <<'PY' || true
import json, sys, os
k, out = sys.argv[1], sys.argv[2]
doc = json.load(open(os.path.join(k, "pkits.json")))
for i, t in enumerate(doc["testcases"]):
    if t["section"] not in ("4.4", "4.5", "4.8", "4.9", "4.10", "4.11", "4.12", "4.14", "4.15"):
        continue
    blob = bytes([0x00, 0xc0 | (i % 0x40)])
    for name in [t["end_entity"]] + list(reversed(t["intermediates"])) + [t["trust_anchor"]]:
        blob += open(os.path.join(k, "certs", name), "rb").read()
    for name in t["crls"]:
        blob += open(os.path.join(k, "crls", name), "rb").read()
    open(os.path.join(out, "pkits-" + t["id"].replace("/", "-")), "wb").write(blob)
PY
      fi ;;
    image)
      # Mode byte 0x01/0x03: one layer (wrapped by the fuzzer in a docker
      # save envelope): trust files, a whiteout, an opaque folder, links in
      # and out of the tree. Mode 0x00: a whole docker save archive.
      python3 - "$shared/amazon-trust-services" "$corpus" <<'PY' || true
import io, json, os, sys, tarfile
a, out = sys.argv[1], sys.argv[2]
der = open(os.path.join(a, "AmazonRootCA1.cer"), "rb").read()
def member(t, name, kind="f", data=b"", target=""):
    i = tarfile.TarInfo(name)
    if kind == "f": i.size = len(data); t.addfile(i, io.BytesIO(data)); return
    i.type = {"d": tarfile.DIRTYPE, "l": tarfile.SYMTYPE, "h": tarfile.LNKTYPE}[kind]
    i.linkname = target; t.addfile(i)
def tar(entries, gz=False):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz" if gz else "w") as t:
        for e in entries: member(t, *e)
    return b.getvalue()
layer = tar([("etc/ssl/certs", "d"), ("etc/ssl/certs/ca-certificates.crt", "f", der),
             ("etc/ssl/certs/.wh.old.pem", "f"), ("usr/lib/jvm/.wh..wh..opq", "f"),
             ("etc/ssl/certs/link.pem", "l", b"", "../../../../etc/passwd"),
             ("etc/ssl/certs/hard.pem", "h", b"", "etc/ssl/certs/ca-certificates.crt"),
             ("etc/pki/tls/certs/ca-bundle.crt", "f", der), ("../escape.pem", "f", der)])
open(os.path.join(out, "layer"), "wb").write(b"\x01" + layer)
open(os.path.join(out, "layer-env"), "wb").write(b"\x03" + tar([("etc/ssl/x.pem", "f", der)], gz=True))
save = tar([("layer.tar", "f", layer), ("config.json", "f", json.dumps({"config": {"Env": ["A=b"]}}).encode()),
            ("manifest.json", "f", json.dumps([{"Config": "config.json", "Layers": ["layer.tar"]}]).encode())])
open(os.path.join(out, "save"), "wb").write(b"\x00" + save)
PY
      ;;
  esac
}
