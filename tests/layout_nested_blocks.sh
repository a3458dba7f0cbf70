#!/bin/sh
# layout_nested_blocks.sh - no text block lies inside another's box (OCR
# would read its rows twice), and a river of word spaces does not cut a
# column into blocks.  (1) A page rendered by another engine (the
# referee's dev set in ../shared/eval/dev): issue03 page 1, English in a
# small type at 151 dpi.  The first column of "\"Britannia\" Coin To Sell
# At Premium" is one block: the river down its fourth paragraph (fifteen
# lines, only the words left of it ending at it) is no gutter.  (2) A
# generated page (en seed 3002, page 2): a column whose lines run above
# and below a block of another story's line set into its rows is cut
# there, so that its box holds no other block.  Skipped when ../shared is
# absent.
set -eu
: "${BS_ROOT:?}" "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
SHARED="${BS_SHARED:-$BS_ROOT/../shared}"
PAGE="$SHARED/eval/dev/issue03_p1.jpg"
[ -f "$PAGE" ] || { echo "SKIP: no $PAGE (../shared absent)"; exit 77; }
export PYTHONPATH="$BS_ROOT/tests/helpers" PYTHONDONTWRITEBYTECODE=1
cd "$BS_TMP"

"$BS_BIN" layout "$PAGE" -o p1.png --json p1.json >/dev/null 2>&1 || { echo "FAIL: layout exited $?"; exit 1; }
$PY - "$SHARED/eval/dev/issue03.json" <<'PYEOF'
import json, sys
from layout_gt import fail, iou, out_regions
gt = json.load(open(sys.argv[1]))
art = [a for a in gt["articles"] if a["title"].startswith('"Britannia"')]
if len(art) != 1:
    fail("the referee's issue03 has no Britannia story (data changed?)")
col = art[0]["parts"][0]["column_rects"][0]   # the first column, 1633 px tall
out = [o for o in out_regions("p1.json") if o["role"] in ("body", "deck", "byline", "caption")]
best = max(out, key=lambda o: iou(o["box"], col))
if iou(best["box"], col) < 0.8:
    fail("first column %s not one block: best %s (IoU %.2f)" % (col, best["box"], iou(best["box"], col)))
def inside(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h) >= 0.5 * a[2] * a[3]
nested = [o["box"] for o in out if o is not best and inside(o["box"], best["box"])]
if nested:
    fail("blocks inside the column's block %s: %s" % (best["box"], nested))
print("ok: the first column is one block, nothing nested in it")
PYEOF

[ -d "$SHARED/corpora" ] || { echo "SKIP (2): no $SHARED/corpora"; exit 0; }
BS_SHARED="$SHARED" $PY "$BS_ROOT/tools/mkissue" --set en --count 1 --first-seed 3002 -o en3 >/dev/null ||
    { echo "FAIL: mkissue exited $?"; exit 1; }
"$BS_BIN" layout en3/issue01/p2.jpg -o en3/p2.png --json en3/p2.json >/dev/null 2>&1 ||
    { echo "FAIL: layout en3 p2 exited $?"; exit 1; }
$PY - <<'PYEOF'
from layout_gt import fail, out_regions
out = [o for o in out_regions("en3/p2.json") if o["role"] in ("body", "deck", "byline", "caption")]
def inside(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h) >= 0.5 * a[2] * a[3]
# Columns: blocks of ten lines or more.
tall = [o for o in out if len(o.get("lines", [])) >= 10 or o["box"][3] >= 10 * 30]
bad = [(o["box"], b["box"]) for b in tall for o in out if o is not b and inside(o["box"], b["box"])]
if bad:
    fail("blocks inside a column's block (inner, outer): %s" % bad)
print("ok: no block inside a column's block on a generated page")
PYEOF
