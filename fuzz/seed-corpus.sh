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
  esac
}
