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
. "${BS_ROOT:?}/tests/helpers/layout_test.sh"

lay_out en 3008 set 2

$PY - <<'PYEOF' || exit 1
from layout_gt import fail, gt_regions, iou, one, out_regions
gt, out = gt_regions("set/issue01/issue.json", 2), out_regions("set/p2.json")
cap = one(gt, "caption", "File picture")
cap_foot = cap["box"][1] + cap["box"][3]
byl = [r for r in gt if r["role"] == "byline" and 0 <= r["box"][1] - cap_foot < 100]
photo = [r for r in gt if r["role"] == "photo" and abs(r["box"][1] + r["box"][3] - cap["box"][1]) < 40]
if len(byl) != 1 or len(photo) != 1:
    fail("no byline under the caption or no picture above it in the ground truth")
best = max((iou(o["box"], photo[0]["box"]) for o in out if o["role"] == "photo"), default=0)
if best < 0.9:
    fail("picture %s found with IoU %.2f" % (photo[0]["box"], best))
for t in (cap, byl[0]):
    inside = [o for o in out if o["role"] not in ("photo", "rule") and iou(o["box"], t["box"]) > 0.05]
    if len(inside) != 1:
        fail("%s %r cut into %d regions: %s" % (t["role"], t["text"], len(inside), [o["box"] for o in inside]))
print("ok: framed picture IoU %.2f, caption and byline whole" % best)
PYEOF
