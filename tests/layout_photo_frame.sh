#!/bin/sh
# layout_photo_frame.sh - a picture fills its frame, and the white beside
# its caption is no gutter.  A generated en issue (tools/mkissue from
# ../shared/corpora, skipped when absent; seed 3008 is issue09 of `make
# testdata`) has on page 2 a framed halftone whose upper third is a pale
# sky of sparse dots, which neither photo detector sees: `broadsheet
# layout` must still find the whole picture (IoU >= 0.9 with the truth;
# the detectors alone give 0.69), and its caption "File picture. (Staff
# photo)" and the byline under it "From Staff and Wire Reports" must each
# be one region, not cut in two by a "gutter" running from the picture
# down through their word spaces.
set -eu
: "${BS_ROOT:?}" "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
C="${BS_SHARED:-$BS_ROOT/../shared}/corpora"
[ -d "$C" ] || { echo "SKIP: no $C (../shared absent)"; exit 77; }
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

BS_SHARED="${BS_SHARED:-$BS_ROOT/../shared}" $PY "$BS_ROOT/tools/mkissue" --set en --count 1 \
    --first-seed 3008 -o set >/dev/null || fail "mkissue exited $?"
"$BS_BIN" layout set/issue01/p2.jpg -o p2.png --json p2.json >/dev/null 2>&1 || fail "layout exited $?"

$PY - <<'PYEOF' || exit 1
import json, sys
def fail(m):
    print("FAIL:", m); sys.exit(1)
def iou(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    i = max(0, w) * max(0, h)
    u = a[2] * a[3] + b[2] * b[3] - i
    return i / u if u else 0
gt = json.load(open("set/issue01/issue.json"))["pages"][1]["regions"]
d = json.load(open("p2.json"))
out = (d["pages"][0] if "pages" in d else d)["regions"]
def one(role, prefix):
    rs = [r for r in gt if r["role"] == role and r["text"].startswith(prefix)]
    if len(rs) != 1:
        fail("generated page 2 has no %s %r (generator or corpus changed?)" % (role, prefix))
    return rs[0]
cap = one("caption", "File picture")
byl = [r for r in gt if r["role"] == "byline" and 0 <= r["box"][1] - (cap["box"][1] + cap["box"][3]) < 100]
if len(byl) != 1:
    fail("no byline under the caption in the ground truth")
byl = byl[0]
photo = [r for r in gt if r["role"] == "photo" and abs(r["box"][1] + r["box"][3] - cap["box"][1]) < 40]
if len(photo) != 1:
    fail("no picture above the caption in the ground truth")
best = max((iou(o["box"], photo[0]["box"]) for o in out if o["role"] == "photo"), default=0)
if best < 0.9:
    fail("picture %s found with IoU %.2f" % (photo[0]["box"], best))
for t in (cap, byl):
    inside = [o for o in out if o["role"] not in ("photo", "rule") and iou(o["box"], t["box"]) > 0.05]
    if len(inside) != 1:
        fail("%s %r cut into %d regions: %s" % (t["role"], t["text"], len(inside), [o["box"] for o in inside]))
print("ok: framed picture IoU %.2f, caption and byline whole" % best)
PYEOF
