#!/usr/bin/env bash
# Issue 13 item 5, "fixes that work when pasted": every remediation line that
# `check --json` prints (its "remediation" array; "advice" holds what is not
# a command) is run as printed against a copy of the store, the store is
# checked again and must be READY. Kinds: PEM bundle, DER root file (the
# README's AmazonRootCA3.cer), hashed folder (CApath, with openssl verify as
# the oracle), JKS and PKCS#12 with a custom password (keytool -list as the
# oracle), NSS database (certutil), certifi (the real package on PYTHONPATH),
# client stores (python-requests' REQUESTS_CA_BUNDLE; node with
# NODE_EXTRA_CA_CERTS, set or not), and a --root tree plus the same tree as a
# `docker save` image, whose fixes are Dockerfile lines applied to the tree
# by tests/check/apply_dockerfile.py (COPY from the build context, RUN with
# this machine's tools on the tree's paths). Also: no sudo, no host path and
# a COPY in a tree's fixes; one fix block for system and system-dir; upgrade
# advice naming a release the shipped snapshots show ready.
# Prints the number of fix lines executed.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"
ROOTS="$TR_SOURCE_DIR/data/profiles/amazon-trust-services/roots"
CA3="$ROOTS/AmazonRootCA3.pem"
APPLY="$TR_SOURCE_DIR/tests/check/apply_dockerfile.py"
# The printed commands call `trustready`: this build's.
mkdir -p "$T/bin" "$T/home"
ln -s "$TRUSTREADY" "$T/bin/trustready"
export PATH="$T/bin:$PATH" HOME="$T/home"
executed=0

# Remediation lines of the JSON's not-ready stores, in order, each once.
fixes_of() {  # JSON
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
seen = []
for s in d["stores"]:
    assert s["state"] != "unknown", s
    if s["state"] == "not_ready":
        for c in s["remediation"]:
            if c not in seen:
                seen.append(c)
print("\n".join(seen))
PY
}

all_ready() {  # JSON
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["ready"] and all(s["state"] == "ready" for s in d["stores"]) else 1)' "$1"
}

# Runs CHECK_ARGS in DIR: not ready; every fix line run there by bash as
# printed (one session, so an `export` holds for the lines after it); the
# check again: READY. EXPORTS, when set, names the variables the fixes
# export, written to $DIR/exported as KEY=VALUE lines.
fix_and_recheck() {  # NAME DIR CHECK_ARGS...
  local name=$1 dir=$2; shift 2
  (cd "$dir" && "$TRUSTREADY" check "$@" --json >"$dir/before.json" 2>"$dir/err")
  local rc=$?
  if [[ $rc != 1 ]]; then bad "$name: before the fixes: exit $rc, expected 1"; cat "$dir/err"; return; fi
  fixes_of "$dir/before.json" >"$dir/fixes.txt" || { bad "$name: reading the fixes"; return; }
  local n
  n=$(grep -c . "$dir/fixes.txt")
  if [[ $n == 0 ]]; then bad "$name: no fix printed"; return; fi
  {
    echo "set -e"
    cat "$dir/fixes.txt"
    for v in ${EXPORTS:-}; do echo "echo \"$v=\${$v-}\" >>\"$dir/exported\""; done
  } >"$dir/fixes.bash"
  if ! (cd "$dir" && bash "$dir/fixes.bash" >"$dir/fix.out" 2>&1); then
    bad "$name: a fix failed when pasted:"; sed 's/^/    /' "$dir/fixes.txt"; sed 's/^/    | /' "$dir/fix.out"; return
  fi
  executed=$((executed + n))
  ok "$name: $n fix lines ran"
}

recheck() {  # NAME DIR CHECK_ARGS...
  local name=$1 dir=$2; shift 2
  (cd "$dir" && "$TRUSTREADY" check "$@" --json >"$dir/after.json" 2>"$dir/err")
  local rc=$?
  if [[ $rc == 0 ]] && all_ready "$dir/after.json"; then ok "$name: READY after the fixes"; else
    bad "$name: after the fixes: exit $rc"; cat "$dir/err"; fi
}

# 1. PEM bundle.
mkdir -p "$T/pem"; cp "$CA3" "$T/pem/bundle.pem"
fix_and_recheck "PEM bundle" "$T/pem" --store bundle.pem
recheck "PEM bundle" "$T/pem" --store bundle.pem

# 2. A DER root file: the README's example (store add converts it).
mkdir -p "$T/der"; openssl x509 -in "$CA3" -outform DER -out "$T/der/AmazonRootCA3.cer"
fix_and_recheck "DER root file" "$T/der" --store AmazonRootCA3.cer
python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["stores"][0]; assert s["kind"] == "der", s["kind"]' \
  "$T/der/before.json" && ok "DER file named as der" || bad "DER file kind"
recheck "DER root file" "$T/der" --store AmazonRootCA3.cer
openssl crl2pkcs7 -nocrl -certfile "$T/der/AmazonRootCA3.cer" 2>/dev/null | openssl pkcs7 -print_certs -noout 2>/dev/null \
  | grep -c "subject=" | grep -qx 4 && ok "openssl reads 4 certificates from the converted file" || bad "openssl on the converted file"

# 3. Hashed folder (CApath).
mkdir -p "$T/dir/capath"; cp "$CA3" "$T/dir/capath/"; openssl rehash "$T/dir/capath"
fix_and_recheck "hashed folder" "$T/dir" --store capath
recheck "hashed folder" "$T/dir" --store capath
for n in 1 2 4; do
  openssl verify -no-CAfile -no-CAstore -CApath "$T/dir/capath" "$ROOTS/AmazonRootCA$n.pem" >/dev/null 2>&1 \
    || bad "openssl verify -CApath does not find Amazon Root CA $n"
done

# 4-5. JKS and PKCS#12 with a custom password.
for type in JKS PKCS12; do
  mkdir -p "$T/$type"
  keytool -importcert -noprompt -alias ca3 -file "$CA3" -keystore "$T/$type/trust.ks" -storetype $type \
    -storepass s3cret >/dev/null 2>&1 || bad "keytool $type"
  fix_and_recheck "$type with --password s3cret" "$T/$type" --store trust.ks --password s3cret
  grep -q -- "-storepass s3cret" "$T/$type/fixes.txt" && ! grep -q "changeit" "$T/$type/fixes.txt" \
    && ok "$type: keytool given the store's password" || bad "$type: keytool password: $(head -1 "$T/$type/fixes.txt")"
  python3 - "$T/$type/before.json" <<'PY' && ok "$type: upgrade advice names a release the snapshots show ready" || bad "$type: advice"
import json, sys
s = json.load(open(sys.argv[1]))["stores"][0]
assert not any("8u101" in a for a in s["advice"]), s["advice"]
assert any(a.startswith("upgrade the Java runtime: openjdk:") for a in s["advice"]), s["advice"]
PY
  recheck "$type" "$T/$type" --store trust.ks --password s3cret
  [[ $(keytool -list -keystore "$T/$type/trust.ks" -storepass s3cret 2>/dev/null | grep -c trustedCertEntry) == 4 ]] \
    && ok "$type: keytool -list shows 4 entries" || bad "$type: keytool -list"
done
# 4b. keytool alias collision: the keystore (custom password) already has an
# entry named amazonrootca1 holding another certificate (Amazon Root CA 3)
# and a key entry named AmazonRootCA2 (keytool compares aliases ignoring
# case). The printed aliases must be others, those entries kept, and the
# lines pasted a second time must succeed and add nothing.
for type in JKS PKCS12; do
  d=$T/collide-$type; mkdir -p "$d"
  keytool -importcert -noprompt -alias amazonrootca1 -file "$CA3" -keystore "$d/trust.ks" -storetype $type \
    -storepass s3cret >/dev/null 2>&1 || bad "keytool $type (collision)"
  keytool -genkeypair -alias AmazonRootCA2 -keyalg EC -groupname secp256r1 -dname CN=app -validity 30 \
    -keystore "$d/trust.ks" -storetype $type -storepass s3cret -keypass s3cret >/dev/null 2>&1 || bad "keytool -genkeypair $type"
  fix_and_recheck "$type with aliases amazonrootca1 and AmazonRootCA2 taken" "$d" --store trust.ks --password s3cret
  grep -q -i -e "-alias amazonrootca1 " -e "-alias amazonrootca2 " "$d/fixes.txt" \
    && { bad "$type: the fix reuses a taken alias"; sed 's/^/    /' "$d/fixes.txt"; } \
    || ok "$type: the fix names aliases the keystore does not have"
  (cd "$d" && bash "$d/fixes.bash" >"$d/fix2.out" 2>&1) && ok "$type: the fix pasted a second time succeeds" \
    || { bad "$type: the fix pasted twice fails"; sed 's/^/    | /' "$d/fix2.out"; }
  recheck "$type alias collision" "$d" --store trust.ks --password s3cret
  list=$(keytool -list -keystore "$d/trust.ks" -storepass s3cret 2>/dev/null)
  [[ $(grep -c trustedCertEntry <<<"$list") == 4 && $(grep -c PrivateKeyEntry <<<"$list") == 1 ]] \
    && ok "$type: 4 trusted entries and the key entry after two pastes" || { bad "$type: entries"; echo "$list"; }
  ca3_fp=$(openssl x509 -in "$CA3" -noout -fingerprint -sha256 | cut -d= -f2)
  keytool -list -alias amazonrootca1 -keystore "$d/trust.ks" -storepass s3cret 2>/dev/null | grep -q "$ca3_fp" \
    && ok "$type: the existing amazonrootca1 entry still holds its certificate" || bad "$type: amazonrootca1 changed"
done
# The same password as PATH#password=P.
mkdir -p "$T/hashpw"; cp "$T/JKS/trust.ks.bak" "$T/hashpw/trust.ks" 2>/dev/null \
  || keytool -importcert -noprompt -alias ca3 -file "$CA3" -keystore "$T/hashpw/trust.ks" -storetype JKS -storepass s3cret >/dev/null 2>&1
fix_and_recheck "JKS as PATH#password=" "$T/hashpw" --store 'trust.ks#password=s3cret'
recheck "JKS as PATH#password=" "$T/hashpw" --store 'trust.ks#password=s3cret'

# 6. NSS database.
if command -v certutil >/dev/null; then
  mkdir -p "$T/nss/db"
  certutil -N -d "sql:$T/nss/db" --empty-password && certutil -A -d "sql:$T/nss/db" -n ca3 -t C,, -i "$CA3"
  fix_and_recheck "NSS database" "$T/nss" --store ./db
  recheck "NSS database" "$T/nss" --store ./db
else
  echo "skip: certutil not installed"
fi

# 7. certifi: the real package (copied to a folder on PYTHONPATH) whose
# bundle holds only Amazon Root CA 3.
certifi_dir=$(python3 -c 'import certifi, os; print(os.path.dirname(certifi.__file__))' 2>/dev/null)
if [[ -n "$certifi_dir" && -f "$certifi_dir/core.py" ]]; then
  mkdir -p "$T/certifi/site"; cp -r "$certifi_dir" "$T/certifi/site/certifi"
  cp "$CA3" "$T/certifi/site/certifi/cacert.pem"
  export PYTHONPATH="$T/certifi/site"
  [[ $(python3 -c 'import certifi; print(certifi.where())') == "$T/certifi/site/certifi/cacert.pem" ]] \
    || bad "PYTHONPATH does not select the copied certifi"
  fix_and_recheck "certifi" "$T/certifi" --store certifi
  recheck "certifi" "$T/certifi" --store certifi
  python3 -c 'import certifi, ssl; c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); c.load_verify_locations(cafile=certifi.where()); n = [x for x in c.get_ca_certs() if "Amazon" in str(x["subject"])]; assert len(n) == 4, n' \
    && ok "python's ssl loads the 4 Amazon roots from certifi" || bad "python ssl on certifi"
  unset PYTHONPATH
else
  echo "skip: no certifi package for python3"
fi

# 8. Client stores (--env FILE --client C).
mkdir -p "$T/cl/empty"; cp "$CA3" "$T/cl/ca3.pem"
printf 'PATH=/usr/bin:/bin\nHOME=%s\nREQUESTS_CA_BUNDLE=%s\n' "$T/home" "$T/cl/ca3.pem" >"$T/cl/requests.env"
fix_and_recheck "python-requests (REQUESTS_CA_BUNDLE)" "$T/cl" --env requests.env --client python-requests
recheck "python-requests (REQUESTS_CA_BUNDLE)" "$T/cl" --env requests.env --client python-requests
if command -v node >/dev/null; then
  # node reading OpenSSL's paths (SSL_CERT_FILE = Root CA 3 only): the fix
  # exports NODE_EXTRA_CA_CERTS, which node adds to what it reads.
  mkdir -p "$T/node/empty"; cp "$CA3" "$T/node/ca3.pem"
  base="PATH=$(dirname "$(command -v node)"):/usr/bin:/bin
HOME=$T/home
NODE_OPTIONS=--use-openssl-ca
SSL_CERT_FILE=$T/node/ca3.pem
SSL_CERT_DIR=$T/node/empty"
  echo "$base" >"$T/node/node.env"
  EXPORTS=NODE_EXTRA_CA_CERTS fix_and_recheck "node (--use-openssl-ca)" "$T/node" --env node.env --client node
  grep -q "^export NODE_EXTRA_CA_CERTS=" "$T/node/fixes.txt" && ok "node: the fix sets NODE_EXTRA_CA_CERTS" || bad "node fix"
  { echo "$base"; grep -v '=$' "$T/node/exported" 2>/dev/null; } >"$T/node/node-after.env"
  recheck "node (--use-openssl-ca)" "$T/node" --env node-after.env --client node
  # The real node agrees: with that environment it loads the roots.
  (set -a; source "$T/node/node-after.env"; set +a; node -e '
    const tls = require("tls"), fs = require("fs");
    const extra = fs.readFileSync(process.env.NODE_EXTRA_CA_CERTS, "utf8");
    if ((extra.match(/BEGIN CERTIFICATE/g) || []).length !== 3) process.exit(1);') \
    && ok "node: NODE_EXTRA_CA_CERTS holds the 3 roots" || bad "node: extra file"
  # NODE_EXTRA_CA_CERTS already set (Root CA 3 only): the roots are added to it.
  mkdir -p "$T/node2/empty"; cp "$CA3" "$T/node2/ca3.pem"; cp "$CA3" "$T/node2/extra.pem"
  printf '%s\n' "PATH=$(dirname "$(command -v node)"):/usr/bin:/bin" "HOME=$T/home" "NODE_OPTIONS=--use-openssl-ca" \
    "SSL_CERT_FILE=$T/node2/ca3.pem" "SSL_CERT_DIR=$T/node2/empty" "NODE_EXTRA_CA_CERTS=$T/node2/extra.pem" >"$T/node2/node.env"
  fix_and_recheck "node (NODE_EXTRA_CA_CERTS set)" "$T/node2" --env node.env --client node
  recheck "node (NODE_EXTRA_CA_CERTS set)" "$T/node2" --env node.env --client node
else
  echo "skip: node not installed"
fi

# 9. A --root tree (Debian layout made by update-ca-certificates itself, a
# JDK's cacerts, certifi), its fixes as Dockerfile lines applied to it.
make_tree() {  # DIR
  mkdir -p "$1/usr/local/share/ca-certificates" "$1/etc/ssl/certs" "$1/etc/ca-certificates/update.d" \
    "$1/opt/java/openjdk/lib/security" "$1/opt/java/openjdk/bin" "$1/usr/local/lib/python3.11/site-packages/certifi"
  : >"$1/etc/debian_version"
  cp "$CA3" "$1/usr/local/share/ca-certificates/ca3.crt"
  python3 "$APPLY" --update-ca-certificates "$1"
  # Alias amazonrootca1 holding Root CA 3: the image's fix must use another.
  keytool -importcert -noprompt -alias amazonrootca1 -file "$CA3" -keystore "$1/opt/java/openjdk/lib/security/cacerts" \
    -storetype PKCS12 -storepass changeit >/dev/null 2>&1 || bad "keytool (tree)"
  printf '#!/bin/sh\nexit 3\n' >"$1/opt/java/openjdk/bin/keytool"; chmod +x "$1/opt/java/openjdk/bin/keytool"
  cp "$CA3" "$1/usr/local/lib/python3.11/site-packages/certifi/cacert.pem"
}
make_tree "$T/tree"
mkdir -p "$T/ctx"; cp "$ROOTS"/*.pem "$T/ctx/"
"$TRUSTREADY" check --root "$T/tree" --json >"$T/tree-before.json" 2>"$T/err"
expect_exit "tree: not ready before" 1 $?
fixes_of "$T/tree-before.json" >"$T/tree-fixes.txt"
python3 - "$T/tree-before.json" "$TR_SOURCE_DIR" "$T" <<'PY' && ok "tree: every store has Dockerfile fixes, no sudo, no host path" || bad "tree fixes"
import json, sys
d, src, tmp = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
names = {s["store"] for s in d["stores"] if s["state"] == "not_ready"}
assert {"system", "system-dir", "java", "certifi"} <= names, names
for s in d["stores"]:
    if s["state"] != "not_ready":
        continue
    assert s["remediation"], s["store"]
    assert any(c.startswith("COPY ") for c in s["remediation"]), (s["store"], s["remediation"])
    for c in s["remediation"]:
        assert c.startswith(("COPY ", "RUN ", "# ")), c
        assert "sudo" not in c, c
        if not c.startswith("# "):
            assert src not in c and tmp not in c, c
PY
n=$(python3 "$APPLY" "$T/tree" "$T/ctx" "$T/tree-fixes.txt") && executed=$((executed + n)) \
  && ok "tree: $n Dockerfile lines applied" || bad "tree: applying the Dockerfile lines: $n"
grep -q "^RUN .*keytool -list -alias amazonrootca1-[0-9a-f]\{8\} .* || .*keytool -importcert -noprompt -alias amazonrootca1-" "$T/tree-fixes.txt" \
  && ok "tree: keytool given an alias the image's cacerts does not have" || bad "tree: keytool alias: $(grep keytool "$T/tree-fixes.txt" | head -1)"
python3 "$APPLY" "$T/tree" "$T/ctx" "$T/tree-fixes.txt" >/dev/null && ok "tree: the Dockerfile lines applied a second time succeed" \
  || bad "tree: the Dockerfile lines applied twice fail"
"$TRUSTREADY" check --root "$T/tree" --json >"$T/tree-after.json" 2>"$T/err"
rc=$?
[[ $rc == 0 ]] && all_ready "$T/tree-after.json" && ok "tree: READY after the fixes" || { bad "tree after: exit $rc"; cat "$T/err"; }
# One fix block for system and system-dir (the same commands).
make_tree "$T/tree2"
"$TRUSTREADY" check --root "$T/tree2" >"$T/tree2.txt" 2>&1
[[ $(grep -c "RUN update-ca-certificates" "$T/tree2.txt") == 1 ]] && grep -q "fix: the same as for system" "$T/tree2.txt" \
  && ok "tree: the system/system-dir fix block printed once" || { bad "tree: fix block repeated"; grep -n "fix\|RUN" "$T/tree2.txt"; }

# 9b. A tree whose /etc/ssl/certs holds the roots as single-certificate
# files nobody hashed: OpenSSL's CApath lookup sees none of them. The fix
# is a Dockerfile line (`RUN openssl rehash ...`, not a bare command).
mkdir -p "$T/tree3/etc/ssl/certs"
for r in "$ROOTS"/*.pem; do cp "$r" "$T/tree3/etc/ssl/certs/"; done
"$TRUSTREADY" check --root "$T/tree3" --json >"$T/tree3-before.json" 2>"$T/err"
expect_exit "unhashed tree: not ready before" 1 $?
fixes_of "$T/tree3-before.json" >"$T/tree3-fixes.txt"
grep -qx "RUN openssl rehash /etc/ssl/certs" "$T/tree3-fixes.txt" && ok "unhashed tree: the rehash fix is a RUN line" \
  || bad "unhashed tree fixes: $(cat "$T/tree3-fixes.txt")"
n=$(python3 "$APPLY" "$T/tree3" "$T/ctx" "$T/tree3-fixes.txt") && executed=$((executed + n)) \
  && ok "unhashed tree: $n Dockerfile lines applied" || bad "unhashed tree: applying the Dockerfile lines: $n"
"$TRUSTREADY" check --root "$T/tree3" --json >"$T/tree3-after.json" 2>"$T/err"
rc=$?
[[ $rc == 0 ]] && all_ready "$T/tree3-after.json" && ok "unhashed tree: READY after the fixes" || { bad "unhashed tree after: exit $rc"; cat "$T/err"; }

# 10. The same tree as a `docker save` image: the same fixes.
python3 - "$T/tree2" "$T/image.tar" <<'PY' || bad "packing the image"
import hashlib, io, json, os, sys, tarfile
tree, out = sys.argv[1], sys.argv[2]
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    for name in sorted(os.listdir(tree)):
        t.add(os.path.join(tree, name), arcname=name)
layer = layer.getvalue()
digest = hashlib.sha256(layer).hexdigest()
config = json.dumps({"config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
                     "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest]}}).encode()
cdigest = hashlib.sha256(config).hexdigest()
manifest = json.dumps([{"Config": cdigest + ".json", "RepoTags": ["fixes:1"], "Layers": [digest + "/layer.tar"]}]).encode()
with tarfile.open(out, "w") as t:
    for name, data in ((digest + "/layer.tar", layer), (cdigest + ".json", config), ("manifest.json", manifest)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
PY
"$TRUSTREADY" check --image "$T/image.tar" --json >"$T/image.json" 2>"$T/err"
expect_exit "image: not ready" 1 $?
"$TRUSTREADY" check --root "$T/tree2" --json >"$T/tree2.json" 2>/dev/null
python3 - "$T/image.json" "$T/tree2.json" <<'PY' && ok "image: the same Dockerfile fixes as the unpacked tree" || bad "image fixes differ from the tree's"
import json, sys
img, tree = (json.load(open(p)) for p in sys.argv[1:3])
fx = lambda d: {s["store"]: s["remediation"] for s in d["stores"]}
assert fx(img) == fx(tree), (fx(img), fx(tree))
assert any(c.startswith("COPY ") for r in fx(img).values() for c in r)
PY

echo "fix lines executed: $executed"
[[ $fails -eq 0 ]]
