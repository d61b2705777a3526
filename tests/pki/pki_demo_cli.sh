#!/usr/bin/env bash
# trustready pki demo: writes, then reuses; --json matches its schema; bad
# output directories fail with one line and exit 2.
set -euo pipefail
: "${TRUSTREADY:?}"
SRC="${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
source "$SRC/tests/lib/common.bash"  # schema_matches (and a $T)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trpki.XXXXXX")
trap 'rm -rf "$WORK" "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$TRUSTREADY" pki demo --out "$WORK/pki" --base-url http://127.0.0.1:8080 --json >"$WORK/first.json"
"$TRUSTREADY" pki demo --out "$WORK/pki" --base-url http://127.0.0.1:8080 --json >"$WORK/second.json"
python3 - "$WORK/first.json" "$WORK/second.json" "$WORK/pki" <<'PY'
import json, os, sys
a, b, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
assert a["reused"] is False and b["reused"] is True
assert [c["sha256"] for c in a["certificates"]] == [c["sha256"] for c in b["certificates"]]
manifest = json.load(open(os.path.join(d, "manifest.json")))
assert manifest["certificates"] == a["certificates"]
roles = [c["role"] for c in a["certificates"]]
assert roles.count("new-root") == 4 and roles.count("cross-certificate") == 4 and "legacy-root" in roles
for c in a["certificates"]:
    assert os.path.exists(os.path.join(d, c["file"])) and os.path.exists(os.path.join(d, c["key_file"]))
    assert oct(os.stat(os.path.join(d, c["key_file"])).st_mode & 0o777) == "0o600"
PY
# The recorded SHA-256 is the certificate's (openssl as the oracle).
want=$(python3 -c "import json; print([c['sha256'] for c in json.load(open('$WORK/first.json'))['certificates'] if c['id']=='leaf-revoked'][0])")
got=$(openssl x509 -in "$WORK/pki/certs/leaf-revoked.pem" -outform DER | sha256sum | cut -d' ' -f1)
[[ "$want" == "$got" ]] || fail "sha256 of leaf-revoked: manifest $want, openssl $got"

# A different base URL regenerates (the AIA/CRL URLs are in the certificates).
"$TRUSTREADY" pki demo --out "$WORK/pki" --base-url http://127.0.0.1:9999/ --json >"$WORK/third.json"
python3 - "$WORK/first.json" "$WORK/third.json" <<'PY'
import json, sys
a, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert not c["reused"] and c["base_url"] == "http://127.0.0.1:9999/"
before = {e["id"]: e for e in a["certificates"]}
for e in c["certificates"]:
    same = e["sha256"] == before[e["id"]]["sha256"]
    # Roots (no URLs inside) are kept, so installed demo roots stay valid;
    # everything they issued carries the new URLs. A root that expires
    # within a year (the deliberately expired one) is made anew.
    import datetime
    na = datetime.datetime.fromisoformat(before[e["id"]]["not_after"].replace("Z", "+00:00"))
    lasting = na > datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)
    assert same == (e["issuer_id"] == e["id"] and lasting), (e["id"], same)
    if e["issuer_id"] == e["id"] and lasting:
        assert e["not_after"] == before[e["id"]]["not_after"], e["id"]
PY
grep -q "127.0.0.1:9999/certs/ica-rsa2048.cer" <<<"$(openssl x509 -in "$WORK/pki/certs/leaf-rsa2048.pem" -noout -ext authorityInfoAccess)" \
  || fail "AIA URL does not follow --base-url"

schema_matches "pki demo --json" "$SRC/docs/schemas/pki-demo.schema.json" "$WORK/first.json" || fail "pki demo --json vs schema"
schema_matches "manifest.json" "$SRC/docs/schemas/pki-demo.schema.json" "$WORK/pki/manifest.json" || fail "manifest.json vs schema"

# Unwritable output: one line on stderr, exit 2, nothing half-written.
touch "$WORK/file"
set +e
"$TRUSTREADY" pki demo --out "$WORK/file/sub" >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
[[ $rc -eq 2 ]] || fail "exit $rc for an unwritable directory"
[[ $(wc -l <"$WORK/err") -eq 1 ]] || fail "error is not one line: $(cat "$WORK/err")"
grep -q "$WORK/file/sub" "$WORK/err" || fail "error does not name the directory: $(cat "$WORK/err")"
echo "PASS pki_demo_cli"
