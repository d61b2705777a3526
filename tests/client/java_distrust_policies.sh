#!/usr/bin/env bash
# Issue 15: an installed JDK refuses server certificates under the roots of
# the jdk.security.caDistrustPolicies its own java.security names (Symantec,
# Entrust, Camerfirma, Chunghwa), whatever trust store holds them. The java
# client's answers apply exactly those policies, read as the JDK reads them:
#  1. oracle: for every JDK installed here, `clients list --json` names the
#     policies the JVM itself reports (`java -XshowSettings:security:properties`),
#     also with JAVA_TOOL_OPTIONS -Djava.security.properties=FILE (a file
#     that overrides the property, with a continuation line) and ==FILE
#     (replaces java.security: no policy at all);
#  2. in a --root tree: a leaf issued now under a root that a data copy lists
#     for ENTRUST_TLS is DISTRUSTED for the JDK whose java.security names
#     ENTRUST_TLS (detail client.ca_distrust_policy), trusted when it names
#     other policies only; a policy the data does not describe makes the
#     store UNKNOWN (never a confident answer); an unreadable java.security
#     applies every policy known;
#  3. the shipped data: each policy name the installed JDKs use is described.
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=../lib/common.bash
source "$TR_SOURCE_DIR/tests/lib/common.bash"

# The policies trustready reads for the JDK at HOME (sorted, comma-joined;
# "null" when unread), from clients list --json in the current environment.
ours() {  # HOME [clients list args...]
  local home=$1
  shift
  "$TRUSTREADY" clients list --client java --json "$@" >"$T/clients.json" 2>/dev/null
  python3 - "$T/clients.json" "$home" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["stores"]:
    for u in s["used_by"]:
        if u["client"] == "java" and u["instance"].split(" (")[0] == sys.argv[2]:
            p = u["ca_distrust_policies"]
            print("null" if p is None else ",".join(sorted(p)))
            sys.exit(0)
print("no-use")
PY
}
# The JVM's own value of the property (sorted, comma-joined; empty if unset).
theirs() {  # HOME
  "$1/bin/java" -XshowSettings:security:properties -version 2>&1 \
    | sed -n 's/^[[:space:]]*jdk.security.caDistrustPolicies=//p' | tr ',' '\n' | sed 's/^ *//; s/ *$//' \
    | grep -v '^$' | sort | paste -sd, -
}

# 1. Real JDKs.
cat >"$T/extra.props" <<'EOF'
# overrides java.security's value; the continuation's blanks are dropped
jdk.security.caDistrustPolicies = SYMANTEC_TLS ,\
    CAMERFIRMA_TLS
EOF
printf 'jdk.tls.disabledAlgorithms=SSLv3\n' >"$T/replace.props"
jdks=0
for java in /usr/lib/jvm/*/bin/java; do
  [[ -x $java ]] || continue
  home=$(readlink -f "${java%/bin/java}")
  [[ " ${seen:-} " == *" $home "* ]] && continue
  seen="${seen:-} $home"
  "$home/bin/java" -XshowSettings:security:properties -version >/dev/null 2>&1 || { echo "skip: $home has no -XshowSettings:security"; continue; }
  jdks=$((jdks + 1))
  want=$(unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS; theirs "$home")
  got=$(unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS; ours "$home")
  [[ -n $want && $got == "$want" ]] && ok "$home: policies as the JVM reports them ($got)" || bad "$home: JVM says '$want', trustready '$got'"
  schema_matches "clients list --json with ca_distrust_policies" "$TR_SOURCE_DIR/docs/schemas/clients.schema.json" "$T/clients.json"
  want=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties=$T/extra.props"; unset JDK_JAVA_OPTIONS; theirs "$home")
  got=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties=$T/extra.props"; unset JDK_JAVA_OPTIONS; ours "$home")
  [[ $want == "CAMERFIRMA_TLS,SYMANTEC_TLS" && $got == "$want" ]] \
    && ok "$home: -Djava.security.properties=FILE overrides as the JVM does ($got)" || bad "$home with =FILE: JVM '$want', trustready '$got'"
  want=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties=file:$T/extra.props"; unset JDK_JAVA_OPTIONS; theirs "$home")
  got=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties=file:$T/extra.props"; unset JDK_JAVA_OPTIONS; ours "$home")
  [[ $want == "CAMERFIRMA_TLS,SYMANTEC_TLS" && $got == "$want" ]] \
    && ok "$home: -Djava.security.properties=file:FILE (a URL) as the JVM reads it ($got)" || bad "$home with =file:FILE: JVM '$want', trustready '$got'"
  want=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties==$T/replace.props"; unset JDK_JAVA_OPTIONS; theirs "$home")
  got=$(export JAVA_TOOL_OPTIONS="-Djava.security.properties==$T/replace.props"; unset JDK_JAVA_OPTIONS; ours "$home")
  [[ -z $want && -z $got ]] && ok "$home: -Djava.security.properties==FILE replaces java.security: no policy, as the JVM says" \
    || bad "$home with ==FILE: JVM '$want', trustready '$got'"
done
[[ $jdks -gt 0 ]] || echo "skip: no JDK installed (the JVM oracle did not run)"

# 2. A tree with one JDK whose cacerts holds a test root, and a data copy
# that lists the test root for ENTRUST_TLS.
(
cd "$T" || exit 2
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 3650 \
  -subj "/CN=Test Distrust Policy Root" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=leaf.example" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:leaf.example\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n' >leaf.ext
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 90 -extfile leaf.ext 2>/dev/null
)
R="$T/root"
J="$R/usr/lib/jvm/jdk-21"
mkdir -p "$J/bin" "$J/lib/security" "$J/conf/security"
printf '#!/bin/sh\n' >"$J/bin/java"
printf 'JAVA_VERSION="21.0.9"\n' >"$J/release"
keytool -importcert -noprompt -alias testroot -file "$T/ca.pem" -keystore "$J/lib/security/cacerts" -storepass changeit \
  -storetype PKCS12 >/dev/null 2>&1 || bad "keytool -importcert"
cp -r "$TR_SOURCE_DIR/data" "$T/data"
FP=$(openssl x509 -in "$T/ca.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f)
python3 - "$T/data/platforms/behaviors.json" "$FP" <<'PY' || bad "data copy"
import json, sys
p, fp = sys.argv[1], sys.argv[2]
b = json.load(open(p))
rules = [r for r in b["distrust_after"] if r.get("policy") == "ENTRUST_TLS"]
assert len(rules) == 1
rules[0]["roots"].append(fp)
json.dump(b, open(p, "w"), indent=1)
PY
judge() {  # -> check --json of leaf.pem for the tree's java, exit code in $rc
  TRUSTREADY_DATA="$T/data" "$TRUSTREADY" check "$T/leaf.pem" --root "$R" --client java --json >"$T/check.json" 2>"$T/err"
  rc=$?
}
verdict() {  # prints the java store's verdict code for leaf.pem (trusted / CODE:detail / unknown)
  python3 - "$T/check.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if d.get("unknown"):
    print("unknown:" + d["unknown"][0].get("error_kind", "") + ":" + d["unknown"][0].get("detail", ""))
    sys.exit(0)
r = d["targets"][0]["stores"][0]
if r["trusted"]:
    print("trusted")
else:
    e = r["error"]
    print(e["code"] + ":" + e.get("detail", "") + ":" + e["message"])
PY
}
printf '# names ENTRUST_TLS on a continuation line\njdk.security.caDistrustPolicies=SYMANTEC_TLS,\\\n    ENTRUST_TLS\n' >"$J/conf/security/java.security"
judge
v=$(verdict 2>&1)
[[ $rc -eq 1 && $v == DISTRUSTED:client.ca_distrust_policy:*"issued after 2024-11-11"*"jdk.security.caDistrustPolicies=SYMANTEC_TLS,ENTRUST_TLS in /usr/lib/jvm/jdk-21/conf/security/java.security"* ]] \
  && ok "ENTRUST_TLS in the tree's java.security: a leaf issued now under a listed root is DISTRUSTED (exit 1)" || bad "ENTRUST_TLS: rc=$rc $v"
printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS,CAMERFIRMA_TLS\n' >"$J/conf/security/java.security"
judge
v=$(verdict 2>&1)
[[ $rc -eq 0 && $v == trusted ]] && ok "without ENTRUST_TLS the same leaf is trusted (exit 0)" || bad "without ENTRUST_TLS: rc=$rc $v"
printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS,FUTURE_TLS\n' >"$J/conf/security/java.security"
judge
v=$(verdict 2>&1)
[[ $rc -eq 1 && $v == unknown:INVALID_ARGUMENT:client_data.unknown_distrust_policy ]] && grep -q "FUTURE_TLS" "$T/check.json" \
  && ok "a policy the data does not describe: the store is UNKNOWN, exit 1 ($v)" || bad "unknown policy: rc=$rc $v"
rm "$J/conf/security/java.security"
judge
v=$(verdict 2>&1)
[[ $rc -eq 1 && $v == DISTRUSTED:client.ca_distrust_policy:*"every jdk.security.caDistrustPolicies policy known"*"could not be read"* ]] \
  && ok "no java.security: every policy known applies (DISTRUSTED)" || bad "no java.security: rc=$rc $v"
"$TRUSTREADY" clients list --root "$R" --client java --json >"$T/clients.json" 2>/dev/null
python3 -c 'import json,sys; u=[u for s in json.load(open(sys.argv[1]))["stores"] for u in s["used_by"]][0]; assert u["ca_distrust_policies"] is None and u["ca_distrust_from"].endswith("conf/security/java.security"), u' "$T/clients.json" \
  && ok "clients list: ca_distrust_policies null when java.security is missing" || bad "clients list without java.security"
schema_matches "clients list --json (unread policies)" "$TR_SOURCE_DIR/docs/schemas/clients.schema.json" "$T/clients.json"

# Two JDKs reading one cacerts (Debian's /etc/ssl/certs/java/cacerts): the
# store is refused what either JDK refuses, whichever is listed first.
mkdir -p "$R/etc/ssl/certs/java"
mv "$J/lib/security/cacerts" "$R/etc/ssl/certs/java/cacerts"
ln -s /etc/ssl/certs/java/cacerts "$J/lib/security/cacerts"
printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS\n' >"$J/conf/security/java.security"
for other in jdk-17 jdk-25; do
  K="$R/usr/lib/jvm/$other"
  mkdir -p "$K/bin" "$K/lib/security" "$K/conf/security"
  printf '#!/bin/sh\n' >"$K/bin/java"
  printf 'JAVA_VERSION="%s.0.9"\n' "${other#jdk-}" >"$K/release"
  ln -s /etc/ssl/certs/java/cacerts "$K/lib/security/cacerts"
  printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS\n' >"$K/conf/security/java.security"
done
printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS,ENTRUST_TLS\n' >"$R/usr/lib/jvm/jdk-25/conf/security/java.security"
judge
v=$(verdict 2>&1)
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["stores"][0]["used_by"]))' "$T/check.json" 2>/dev/null)
[[ $rc -eq 1 && $n -eq 3 && $v == DISTRUSTED:client.ca_distrust_policy:*"ENTRUST_TLS in /usr/lib/jvm/jdk-25/"* ]] \
  && ok "one cacerts read by three JDKs, only jdk-25 naming ENTRUST_TLS: DISTRUSTED" || bad "shared cacerts: rc=$rc uses=$n $v"
printf 'jdk.security.caDistrustPolicies=SYMANTEC_TLS\n' >"$R/usr/lib/jvm/jdk-25/conf/security/java.security"
judge
v=$(verdict 2>&1)
[[ $rc -eq 0 && $v == trusted ]] && ok "none of the three naming ENTRUST_TLS: trusted" || bad "shared cacerts, no ENTRUST_TLS: rc=$rc $v"

# 3. Every policy name the JDKs installed here use is described by the shipped data.
for sec in /usr/lib/jvm/*/conf/security/java.security; do
  [[ -f $sec ]] || continue
  for p in $(awk '/^jdk.security.caDistrustPolicies=/ {on = 1} on {print; if ($0 !~ /\\$/) exit}' "$sec" \
             | tr -d '\\\n ' | sed 's/^jdk.security.caDistrustPolicies=//; s/,/ /g'); do
    grep -q "\"policy\": \"$p\"" "$TR_SOURCE_DIR/data/platforms/behaviors.json" \
      && ok "$p ($sec) is described in behaviors.json" || bad "$p ($sec) is not in behaviors.json"
  done
done
[[ $fails -eq 0 ]]
