"""layout_gt.py - shared checks of the layout shell tests (tests/layout_*.sh):
ground-truth regions of a generated issue (tools/mkissue) against the regions
of `broadsheet layout --json`.  Standard library only."""
import json
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def iou(a, b):
    """Intersection over union of two [x, y, w, h] boxes."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    i = max(0, w) * max(0, h)
    u = a[2] * a[3] + b[2] * b[3] - i
    return i / u if u else 0


def gt_regions(issue_json, page):
    """Regions of page (1-based) of a generated issue.json."""
    return json.load(open(issue_json))["pages"][page - 1]["regions"]


def out_regions(layout_json):
    """Regions of the one page of a `broadsheet layout --json` file."""
    d = json.load(open(layout_json))
    return (d["pages"][0] if "pages" in d else d)["regions"]


def one(regions, role, prefix, what="the generated page"):
    """The one region of role whose text starts with prefix."""
    rs = [r for r in regions if r["role"] == role and r["text"].startswith(prefix)]
    if len(rs) != 1:
        fail("%s has no %s %r (generator or corpus changed?)" % (what, role, prefix))
    return rs[0]


def found(out, role, box, min_iou=0.5):
    """1 when an output region of role matches box with at least min_iou."""
    return any(o["role"] == role and iou(o["box"], box) >= min_iou for o in out)


def need(out, role, region, min_iou=0.5):
    """Fail unless an output region of role matches the ground-truth
    region's box with at least min_iou; the message lists the output
    regions overlapping it."""
    box = region["box"]
    if not found(out, role, box, min_iou):
        fail("%s %s %r not found as one region (IoU >= %.2f): %s"
             % (role, box, region.get("text", "")[:30], min_iou,
                [(o["role"], o["box"]) for o in out if iou(o["box"], box) > 0]))
