#!/usr/bin/env bash
# plan --html renders in headless Chromium as a person would see it: the DOM
# after rendering holds the heat map (one cell per snapshot and chain), the
# breaking clients and the recommendation, and the screenshot shows as many
# red and green cells as the JSON verdicts say. The page loads nothing from
# the network (no src/href to anything).
set -euo pipefail
: "${TRUSTREADY:?}" "${TR_SHARED_DATA:?}"
if ! command -v chromium > /dev/null; then
  echo "chromium not installed (scripts/install-deps.sh test)"; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
A="$TR_SHARED_DATA/amazon-trust-services"
pem() { openssl x509 -inform der -in "$A/$1"; }
{ pem valid.rootca1.demo.amazontrust.com.cer; pem r2m03.cer; pem rootca1.cer; } > "$tmp/old.pem"
{ pem valid.rootca1.demo.amazontrust.com.cer; pem r2m03.cer; } > "$tmp/new.pem"
pem rootca1.cer > "$tmp/cross.pem"
"$TRUSTREADY" plan --old "$tmp/old.pem" --new "$tmp/new.pem" --candidates "$tmp/cross.pem" \
  --at 2026-01-01 --html "$tmp/plan.html" --json > "$tmp/plan.json" || true
[[ -s "$tmp/plan.html" ]]
if grep -Eqi '(src|href)="(https?:)?//' "$tmp/plan.html"; then echo "page references the network"; exit 1; fi

chrome() {
  local profile
  profile=$(mktemp -d "$tmp/profile.XXXX")
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1400,1000 \
    --hide-scrollbars "$@" "file://$tmp/plan.html"
}
chrome --dump-dom > "$tmp/dom.html" 2> /dev/null
chrome --screenshot="$tmp/shot.png" > /dev/null 2>&1
[[ -s "$tmp/shot.png" ]]

python3 - "$tmp/plan.json" "$tmp/dom.html" "$tmp/shot.png" <<'PY'
import json, re, struct, sys, zlib
plan = json.load(open(sys.argv[1]))
dom = open(sys.argv[2]).read()
n = plan["snapshots"]

# What the DOM shows.
cells = re.findall(r'<rect class="cell" data-row="(\w+)" data-platform="([^"]+)" data-version="([^"]*)" data-trusted="(\w+)"', dom)
assert len(cells) == 3 * n, (len(cells), n)
for row, key in (("old", "old"), ("new", "new")):
    got = [c[3] == "true" for c in cells if c[0] == row]
    want = [m[key] for m in plan["matrix"]]
    assert got == want, row
rec = [c[3] == "true" for c in cells if c[0] == "recommended"]
assert rec == [m["trusted"] for m in plan["recommendation"]["matrix"]]
text = re.sub(r"<[^>]+>", " ", dom)
assert "Breaking clients" in text and "Recommendation" in text and "First working version per platform" in text
for b in plan["breaking"]:
    assert f'{b["platform"]}:{b["version"]} — ' in text, b
assert f'keeps {plan["recommendation"]["working"]} of {n}' in re.sub(r"\s+", " ", text)
assert f'+{plan["recommendation"]["added_bytes"]} bytes' in text

# What the screenshot shows: decode the PNG (8-bit RGB/RGBA, non-interlaced).
data = open(sys.argv[3], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, p = [], bytearray(stride), 0
for y in range(h):
    f = raw[p]; line = bytearray(raw[p + 1:p + 1 + stride]); p += 1 + stride
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line

def near(px, rgb): return all(abs(px[k] - rgb[k]) <= 24 for k in range(3))
GREEN, RED = (0x1b, 0x87, 0x3f), (0xd1, 0x24, 0x2f)
def solid_blocks(rgb):
    # Count pixels that start a solid 6x6 patch of the colour (cell interiors,
    # not anti-aliased text), then turn that into a number of cells.
    hits = 0
    for y in range(0, h - 6):
        r0 = rows[y]
        for x in range(0, w - 6):
            if not near(r0[x * bpp:x * bpp + 3], rgb): continue
            if all(near(rows[y + dy][(x + dx) * bpp:(x + dx) * bpp + 3], rgb) for dy in range(6) for dx in range(6)):
                hits += 1
    return hits
g, r = solid_blocks(GREEN), solid_blocks(RED)
# A 12x14 cell holds (12-5)*(14-5)=63 origins of a solid 6x6 patch; an
# outlined (breaking) cell, whose 2px black stroke covers 1px inside, holds
# (10-5)*(12-5)=35; each 14x14 legend square (14-5)^2=81.
outlined = {(b["platform"], b["version"]) for b in plan["breaking"]}
want_g = 81 + sum(63 for c in cells if c[3] == "true")
want_r = 81 + sum(35 if c[0] == "new" and (c[1], c[2]) in outlined else 63 for c in cells if c[3] == "false")
assert abs(g - want_g) <= 0.1 * want_g, ("green", g, want_g)
assert abs(r - want_r) <= 0.15 * want_r, ("red", r, want_r)
red_cells = sum(c[3] == "false" for c in cells)
ratio = r / g
print(f"plan_html_chromium: ok ({len(cells)} cells, {red_cells} red; screenshot {w}x{h}, red/green patches {r}/{g})")
PY
