#!/usr/bin/env bash
# `trustready check` as the client of the test site: every variant's
# per-port URL (no SNI) is checked with a store holding only the new root and
# with one holding only the legacy root, and the verdict (exit code and
# JSON) must be the announced outcome. The TLS handshake itself succeeds on
# every variant (check judges the chain after connecting), so each check
# also fetched /test.jpg: http_status 200.
#  - revoked: judged with the CRLs the site publishes (--crl), as announced;
#  - incomplete-chain: the announced "fail" is the strict verdict (the
#    server does not send the intermediate); check also reports what a
#    client that fetches the AIA issuer gets (trusted_with_aia), which is
#    the announced browser outcome, fetched from the site itself.
source "$(dirname "$0")/../lib/common.bash"  # schema_matches (and a $T, removed by cleanup)
source "$(dirname "$0")/lib.bash"
EXTRA_CLEANUP='rm -rf "$T"'
start_serve --variant-port-base 0
NEW=$(jget "j['ca_files']['new_root']")
LEGACY=$(jget "j['ca_files']['legacy_root']")
CRLS=$(jget "j['ca_files']['crl_bundle']")
N=$(jget "len(j['endpoints'])")
[[ $N -ge 10 ]] || fail "only $N variants announced"

# One line per variant: name, URL, announced outcomes (new, legacy, browser).
python3 -c "
import json
for e in json.load(open('$START'))['endpoints']:
    print(e['variant'], e['url'], e['expected_new_root'], e['expected_legacy_root'], e['expected_browser'])
" >"$WORK/variants.txt"

checked=0
while read -r v url want_new want_legacy browser; do
  extra=()
  [[ $v == revoked ]] && extra=(--crl "$CRLS")
  for store in new legacy; do
    file=$([[ $store == new ]] && echo "$NEW" || echo "$LEGACY")
    want=$([[ $store == new ]] && echo "$want_new" || echo "$want_legacy")
    set +e
    "$TRUSTREADY" check "$url" --store "$file" --timeout 20 "${extra[@]}" --json \
      </dev/null >"$WORK/check.$v.$store.json" 2>"$WORK/check.err"
    rc=$?
    set -e
    case $rc in
      0) got=pass ;;
      1) got=fail ;;
      *) cat "$WORK/check.err" >&2; fail "$v ($store root): trustready check exited $rc" ;;
    esac
    [[ "$got" == "$want" ]] || { cat "$WORK/check.err" >&2; fail "$v ($store root): trustready check says $got (exit $rc), announced $want"; }
    echo "$WORK/check.$v.$store.json $url $file $want $v $store $browser" >>"$WORK/checks.txt"
    checked=$((checked + 1))
  done
  echo "ok $v (new root: $want_new, legacy root: $want_legacy)"
done <"$WORK/variants.txt"
[[ $checked -eq $((2 * N)) ]] || fail "checked $checked of $((2 * N))"

# The JSON of every check agrees with its exit code and the announcement.
python3 - "$WORK/checks.txt" <<'PY' || fail "check JSON disagrees"
import json, sys
for line in open(sys.argv[1]):
    doc, url, store, want, variant, which, browser = line.split()
    where = f"{variant} ({which} root)"
    j = json.load(open(doc))
    assert j["ready"] == (want == "pass"), (where, "ready", j["ready"], want)
    assert len(j["targets"]) == 1, (where, j["targets"])
    t = j["targets"][0]
    assert t["target"] == url, (where, t["target"], url)
    assert t["http_status"] == 200, (where, "http_status", t["http_status"])
    assert t["trusted"] == (want == "pass"), (where, "target trusted", t["trusted"])
    assert len(t["stores"]) == 1, (where, t["stores"])
    s = t["stores"][0]
    assert s["store"] == store, (where, s["store"], store)
    assert s["trusted"] == (want == "pass"), (where, "store trusted", s["trusted"])
    if not s["trusted"]:
        assert s["error"] and s["error"]["code"], (where, s["error"])
    if variant == "incomplete-chain" and which == "new":
        assert s["trusted_with_aia"] == (browser == "pass"), (where, "trusted_with_aia", s["trusted_with_aia"], browser)
        assert t["aia_fetched"], (where, "no AIA fetch recorded")
    if variant == "revoked" and which == "new":
        assert s["error"]["code"] == "REVOKED", (where, s["error"])
PY

# Issue 15 (SC-081): each served leaf's lifetime as check reports it, against
# the leaf's own dates taken from the certificate by openssl (the oracle):
# days = started 86,400 s of notAfter - notBefore + 1, the limit in force at
# notBefore, and the verdict not changed by it (private demo roots).
python3 - "$WORK/checks.txt" <<'PY' || fail "check lifetime disagrees with openssl"
import json, subprocess, sys, calendar, time
def epoch(s):
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
def limit(t):
    for since, days in ((epoch("2029-03-15T00:00:00Z"), 47), (epoch("2027-03-15T00:00:00Z"), 100), (epoch("2026-03-15T00:00:00Z"), 200)):
        if t >= since: return days
    return 398
seen = 0
for line in open(sys.argv[1]):
    doc, url, store, want, variant, which, browser = line.split()
    if which != "new": continue
    t = json.load(open(doc))["targets"][0]
    l = t["lifetime"]
    host_port = url.split("/")[2]
    pem = subprocess.run(["openssl", "s_client", "-connect", host_port], input="", capture_output=True, text=True).stdout
    out = subprocess.run(["openssl", "x509", "-noout", "-startdate", "-enddate"], input=pem, capture_output=True, text=True).stdout
    nb = calendar.timegm(time.strptime(out.split("\n")[0].split("=", 1)[1], "%b %d %H:%M:%S %Y GMT"))
    na = calendar.timegm(time.strptime(out.split("\n")[1].split("=", 1)[1], "%b %d %H:%M:%S %Y GMT"))
    assert epoch(l["not_before"]) == nb and epoch(l["not_after"]) == na, (variant, l, nb, na)
    assert l["days"] == (na - nb + 1 + 86399) // 86400, (variant, l["days"])
    assert l["limit_days"] == limit(nb), (variant, l["limit_days"])
    assert l["within_limit"] == (l["days"] <= l["limit_days"]), (variant, l)
    assert l["renewal_limit_days"] == limit(na), (variant, l)
    seen += 1
assert seen >= 10, seen
print(f"ok lifetime of {seen} served leaves agrees with openssl")
PY

# Without the CRLs, nothing marks the revoked leaf: check passes it, as curl
# does without --crlfile (the dashboard notes this).
url=$(jget "[e['url'] for e in j['endpoints'] if e['variant']=='revoked'][0]")
"$TRUSTREADY" check "$url" --store "$NEW" --timeout 20 >/dev/null 2>&1 || fail "revoked without CRLs should pass"

# Schema of the check output, when python3-jsonschema is there.
schema_matches "check new-chain --json" "${TR_SOURCE_DIR:-$(dirname "$0")/../..}/docs/schemas/check.schema.json" \
  "$WORK/check.new-chain.new.json" || fail "check JSON vs schema"
echo "PASS serve_check ($checked checks)"
