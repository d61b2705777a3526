#!/usr/bin/env bash
# NSS databases: discovered under $HOME/.pki/nssdb, read through certutil
# with their trust flags, usable by `store show` and `check`.
# Env: TRUSTREADY, TR_SHARED_DATA.
set -uo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
command -v certutil >/dev/null || { echo "skip: certutil (libnss3-tools) not installed"; exit 0; }
A="$TR_SHARED_DATA/amazon-trust-services"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
export HOME="$T/home"
mkdir -p "$HOME/.pki/nssdb"
certutil -N -d "sql:$HOME/.pki/nssdb" --empty-password || { bad "certutil -N"; exit 1; }
certutil -A -d "sql:$HOME/.pki/nssdb" -n "Amazon Root CA 1" -t "C,," -i "$A/AmazonRootCA1.cer" || bad "certutil -A"
certutil -A -d "sql:$HOME/.pki/nssdb" -n "Amazon Root CA 3" -t "C,," -i "$A/AmazonRootCA3.cer" || bad "certutil -A"
# A certificate with no trust flags is not an anchor.
certutil -A -d "sql:$HOME/.pki/nssdb" -n "not trusted" -t ",," -i "$A/SFSRootCAG2.cer" || bad "certutil -A"

"$TRUSTREADY" store list --json >"$T/list.json" || bad "store list"
python3 - "$T/list.json" "$HOME/.pki/nssdb" <<'PY' && ok "store list finds the NSS database" || bad "store list JSON lacks nss"
import json, sys
d = json.load(open(sys.argv[1]))
items = d if isinstance(d, list) else d.get("stores", d)
assert any(s.get("name") == "nss" and sys.argv[2] in json.dumps(s) for s in items), items
PY
"$TRUSTREADY" store show nss --json >"$T/show.json" || bad "store show nss"
python3 - "$T/show.json" <<'PY' && ok "store show nss: the two trusted roots, not the untrusted one" || bad "store show nss"
import json, sys
d = json.load(open(sys.argv[1]))
names = sorted(a.get("subject", "") for a in d["anchors"])
assert len(d["anchors"]) == 2, names
assert all("Amazon Root CA" in n for n in names), names
PY
"$TRUSTREADY" check --store nss --at 2026-01-01T00:00:00Z >"$T/check.txt"
rc=$?
[[ $rc == 1 ]] && ok "check --store nss: not ready (Root CA 1 and 3 only)" || bad "check --store nss: exit $rc"
grep -q "certutil -A -d sql:" "$T/check.txt" && grep -q "AmazonRootCA2.pem" "$T/check.txt" \
  && ok "NSS remediation is certutil with the missing roots" || bad "NSS remediation: $(grep -A3 fix "$T/check.txt")"
echo "failures: $fails"
[[ $fails == 0 ]]
