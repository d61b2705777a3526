#!/usr/bin/env bash
# Real clients against `trustready serve`: for every (variant, root, client)
# cell, the client is run for real with an environment that makes it trust
# one root (the way users configure it: CURL_CA_BUNDLE, WGETRC
# ca_certificate, SSL_CERT_FILE, NODE_OPTIONS=--use-openssl-ca,
# JAVA_TOOL_OPTIONS trustStore + password; Chromium: ~/.pki/nssdb), and `trustready clients verify
# --client C --env THAT_ENV` must predict what the client did: resolution
# (which store) and behaviour (SHA-1, AIA, ...) together. Prints the number
# of agreeing cells; any disagreement fails the suite.
# About 70 s on a 2-core machine (serve start ~15 s, the real clients
# ~35 s, the predictions ~15 s).
# Env: TRUSTREADY, TR_SOURCE_DIR.
set -uo pipefail
: "${TRUSTREADY:?}"
TR_SOURCE_DIR=${TR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$TR_SOURCE_DIR/tests/serve/lib.bash"
set +e
start_serve
echo "serve up after ${SECONDS}s"

python3 -c "
import json
for e in json.load(open('$START'))['endpoints']:
    print(e['variant'], e['url'])
" >"$WORK/variants.txt"
PKI=$(jget "j['ca_files']['pki_dir']")
mkdir -p "$WORK/empty" "$WORK/home"
declare -A ROOTFILE=([new]="$PKI/certs/new-root-rsa2048.pem" [legacy]="$PKI/certs/legacy-root.pem"
                     [expired]="$PKI/certs/expired-root.pem")
# The roots each variant is tried with: the new and the legacy root, and
# the expired private root for the variant that chains to it.
roots_for() { if [[ $1 == expired-root ]]; then echo new expired; else echo new legacy; fi; }
URLS=$(awk '{print $2}' "$WORK/variants.txt" | tr '\n' ' ')

clients=()
for c in curl wget node; do command -v $c >/dev/null && clients+=($c); done
[[ -x /usr/bin/python3 ]] && clients+=(python-ssl)
# `java File.java` needs the JDK's compiler (default-jdk-headless).
command -v java >/dev/null && command -v keytool >/dev/null && java --list-modules 2>/dev/null | grep -q '^jdk.compiler' \
  && clients+=(java)
JAVA_HOME_REAL=$(readlink -f "$(command -v java)" 2>/dev/null | sed 's|/bin/java$||')

for root in new legacy expired; do
  pem=${ROOTFILE[$root]}
  keytool -importcert -noprompt -alias r -file "$pem" -keystore "$WORK/$root.p12" -storetype PKCS12 \
    -storepass s3cret >/dev/null 2>&1
  printf 'ca_certificate = %s\n' "$pem" >"$WORK/$root.wgetrc"
  base="PATH=/usr/bin:/bin
HOME=$WORK/home"
  printf '%s\nCURL_CA_BUNDLE=%s\n' "$base" "$pem" >"$WORK/$root.curl.env"
  printf '%s\nWGETRC=%s\n' "$base" "$WORK/$root.wgetrc" >"$WORK/$root.wget.env"
  printf '%s\nSSL_CERT_FILE=%s\nSSL_CERT_DIR=%s\n' "$base" "$pem" "$WORK/empty" >"$WORK/$root.python-ssl.env"
  printf '%s\nNODE_OPTIONS=--use-openssl-ca\nSSL_CERT_FILE=%s\nSSL_CERT_DIR=%s\n' "$base" "$pem" "$WORK/empty" >"$WORK/$root.node.env"
  printf '%s\nJAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=s3cret\n' \
    "$base" "$WORK/$root.p12" >"$WORK/$root.java.env"

  # What each real client did, one "URL pass|fail" line per variant.
  for c in "${clients[@]}"; do
    out="$WORK/$root.$c.real"
    envv=()
    while IFS= read -r l; do envv+=("$l"); done <"$WORK/$root.$c.env"
    case $c in
      curl|wget)
        for u in $URLS; do
          if [[ $c == curl ]]; then
            code=$(env -i "${envv[@]}" curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$u" </dev/null)
            [[ $code == 200 ]] && r=pass || r=fail
          else
            env -i "${envv[@]}" wget -q -O /dev/null --timeout=10 --tries=1 "$u" </dev/null && r=pass || r=fail
          fi
          echo "$u $r"
        done >"$out" ;;
      python-ssl)
        env -i "${envv[@]}" /usr/bin/python3 -c '
import ssl, sys, urllib.request
ctx = ssl.create_default_context()
for u in sys.argv[1:]:
    try:
        ok = urllib.request.urlopen(u, context=ctx, timeout=10).status == 200
    except Exception:
        ok = False
    print(u, "pass" if ok else "fail")' $URLS >"$out" ;;
      node)
        env -i "${envv[@]}" node -e '
const https = require("https");
(async () => {
  for (const u of process.argv.slice(1)) {
    const ok = await new Promise(res => {
      https.get(u, {timeout: 10000}, r => { r.resume(); r.on("end", () => res(r.statusCode === 200)); })
        .on("error", () => res(false)).on("timeout", function () { this.destroy(); });
    });
    console.log(u, ok ? "pass" : "fail");
  }
})();' $URLS >"$out" ;;
      java)
        env -i "${envv[@]}" java "$TR_SOURCE_DIR/tests/client/TlsProbe.java" $URLS 2>/dev/null | awk '{print $1, $2}' >"$out" ;;
    esac
  done
done

# Chromium (headless, a fresh HOME whose NSS database trusts the root): the
# dashboard page loads /test.jpg from every variant's port and records
# each outcome in its DOM (as tests/serve/serve_dashboard_chromium.sh).
if command -v chromium >/dev/null && command -v certutil >/dev/null; then
  DASH=$(jget "j['dashboard']")
  for root in new legacy; do
    home="$WORK/chromium-$root"
    mkdir -p "$home/.pki/nssdb"
    certutil -d "sql:$home/.pki/nssdb" -N --empty-password
    certutil -d "sql:$home/.pki/nssdb" -A -t "C,," -n "trustready-$root" -i "${ROOTFILE[$root]}"
    printf 'PATH=/usr/bin:/bin\nHOME=%s\n' "$home" >"$WORK/$root.chromium.env"
    HOME="$home" timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$WORK/profile-$root" --virtual-time-budget=20000 --dump-dom "$DASH" \
      >"$WORK/$root.chromium.html" 2>/dev/null
    python3 - "$WORK/$root.chromium.html" "$START" >"$WORK/$root.chromium.real" <<'PY'
import json, re, sys
dom, start = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
rows = dict(re.findall(r'<tr id="variant-([^"]+)"[^>]*data-outcome="(pass|fail)"', dom))
for e in start["endpoints"]:
    print(e["url"], rows.get(e["variant"], "none") if 'data-done="1"' in dom else "none")
PY
  done
  clients+=(chromium)
fi
echo "real clients done after ${SECONDS}s"
# Predictions, one background job per variant (each a few trustready runs).
predict() {  # VARIANT URL
  local v=$1 u=$2 root c pred
  for root in $(roots_for "$v"); do
    for c in "${clients[@]}"; do
      [[ -f "$WORK/$root.$c.real" ]] || continue
      "$TRUSTREADY" clients verify "$u" --client "$c" --env "$WORK/$root.$c.env" --json >"$WORK/pred.$v.$root.$c.json" 2>/dev/null
      case $? in
        0) pred=pass ;;
        1) pred=fail ;;
        *) pred=error ;;
      esac
      # No prediction at all (a store not readable) is never an agreement.
      grep -q '"state": "unknown"' "$WORK/pred.$v.$root.$c.json" && pred=unknown
      echo "$v $u $root $c $pred"
    done
  done >"$WORK/pred.$v.txt"
}
pids=()
while read -r v u; do
  predict "$v" "$u" &
  pids+=($!)
done <"$WORK/variants.txt"
for p in "${pids[@]}"; do wait "$p"; done

echo "clients and predictions done after ${SECONDS}s"
agree=0
cells=0
while read -r v u; do
  while read -r _ _ root c pred; do
    real=$(awk -v u="$u" '$1 == u {print $2}' "$WORK/$root.$c.real")
    cells=$((cells + 1))
    if [[ "$real" == "$pred" ]]; then
      agree=$((agree + 1))
    else
      echo "DISAGREE: $v root=$root client=$c: real $real, predicted $pred"
    fi
  done <"$WORK/pred.$v.txt"
  echo "ok $v"
done <"$WORK/variants.txt"
# Issue 13 item 8, explicitly: the real Java accepts the SHA-1 issuing CA
# under a root the user added, and the prediction says so too.
if [[ " ${clients[*]} " == *" java "* ]]; then
  sha1_url=$(awk '$1 == "sha1-intermediate" {print $2}' "$WORK/variants.txt")
  real=$(awk -v u="$sha1_url" '$1 == u {print $2}' "$WORK/new.java.real")
  pred=$(awk '$3 == "new" && $4 == "java" {print $5}' "$WORK/pred.sha1-intermediate.txt")
  if [[ $real == pass && $pred == pass ]]; then
    echo "ok java: SHA-1 intermediate under a non-JDK root accepted, and predicted"
  else
    echo "FAIL: java SHA-1 under a non-JDK root: real $real, predicted $pred"; agree=-1
  fi
fi
echo "real clients: $agree of $cells cells agree (${#clients[@]} clients: ${clients[*]})"
[[ $cells -ge 100 && $agree -eq $cells ]]
