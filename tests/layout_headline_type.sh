#!/bin/sh
# layout_headline_type.sh - headline type that size alone does not tell.
# (1) Headlines set in body-size type: a generated
# zh-Hant issue (tools/mkissue from ../shared/corpora, skipped when absent;
# seed 2001 is issue02 of `make testdata`) whose page 1 holds a brief
# headed in heavy sans at body size ("【新時代新徵程新偉業——實幹篤行】
# 安徽引江濟淮..."), four lines, over a Song body.  `broadsheet layout` must
# find every headline of the page's briefs (layout-check's matching: IoU
# >= 0.5 with one headline region), and must not take the jump-in lines
# of page 2 ("(上接第一版)", the same heavy sans) for headlines.
# (2) Latin headline and deck lines (generated en issue, seed 3001, page 2):
# "Miller Says Reagan Opposes / U.S. Excise Tax Hikes" is one headline
# (the second line has no descenders and votes a cap height, the first an
# x-height), and its italic deck across two columns, "Congress has set 108
# billion dlrs as its deficit target for 1988", is one deck although
# "dlrs" stands in the gutter between the columns under it.
# (3) A column of body text in a larger body size starting right under a
# headline (en seed 3002, page 4: "study will review major new trading
# techniques...", nine lines) is body, not a deck: decks are short.
set -eu
: "${BS_ROOT:?}" "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
C="${BS_SHARED:-$BS_ROOT/../shared}/corpora"
[ -d "$C" ] || { echo "SKIP: no $C (../shared absent)"; exit 77; }
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

BS_SHARED="${BS_SHARED:-$BS_ROOT/../shared}" $PY "$BS_ROOT/tools/mkissue" --set zh-Hant --count 1 \
    --first-seed 2001 -o set >/dev/null || fail "mkissue exited $?"
for p in 1 2; do
    "$BS_BIN" layout set/issue01/p$p.jpg -o p$p.png --json p$p.json >/dev/null 2>&1 || fail "layout p$p exited $?"
done

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
gt = json.load(open("set/issue01/issue.json"))
briefs = {a["id"] for a in gt["articles"] if a.get("brief")}
def regions(p):
    d = json.load(open("p%d.json" % p))
    return (d["pages"][0] if "pages" in d else d)["regions"]
heads = [r for r in gt["pages"][0]["regions"] if r["role"] == "headline" and r["article"] in briefs]
if not heads:
    fail("the generated page 1 has no brief (generator or corpus changed?)")
out = regions(1)
for h in heads:
    if not any(o["role"] == "headline" and iou(o["box"], h["box"]) >= 0.5 for o in out):
        fail("brief headline %s %r not found" % (h["box"], h["text"][:20]))
jumps = [r for r in gt["pages"][1]["regions"] if r["role"] == "jump_in"]
out = regions(2)
for j in jumps:
    if any(o["role"] == "headline" and iou(o["box"], j["box"]) >= 0.5 for o in out):
        fail("jump-in line %s %r taken for a headline" % (j["box"], j["text"]))
print("ok: %d brief headlines found, %d jump-in lines left alone" % (len(heads), len(jumps)))
PYEOF

BS_SHARED="${BS_SHARED:-$BS_ROOT/../shared}" $PY "$BS_ROOT/tools/mkissue" --set en --count 1 \
    --first-seed 3001 -o en >/dev/null || fail "mkissue en exited $?"
"$BS_BIN" layout en/issue01/p2.jpg -o en2.png --json en2.json >/dev/null 2>&1 || fail "layout en p2 exited $?"
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
gt = json.load(open("en/issue01/issue.json"))["pages"][1]["regions"]
d = json.load(open("en2.json"))
out = (d["pages"][0] if "pages" in d else d)["regions"]
def find(role, prefix):
    rs = [r for r in gt if r["role"] == role and r["text"].startswith(prefix)]
    if len(rs) != 1:
        fail("generated page 2 has no %s %r (generator or corpus changed?)" % (role, prefix))
    return rs[0]
head, deck = find("headline", "Miller Says"), find("deck", "Congress has set")
if not any(o["role"] == "headline" and iou(o["box"], head["box"]) >= 0.5 for o in out):
    fail("two-line headline %s not found as one headline" % head["box"])
if not any(o["role"] == "deck" and iou(o["box"], deck["box"]) >= 0.8 for o in out):
    fail("deck %s not found as one deck" % deck["box"])
print("ok: two-line Latin headline and its deck across the gutter")
PYEOF

BS_SHARED="${BS_SHARED:-$BS_ROOT/../shared}" $PY "$BS_ROOT/tools/mkissue" --set en --count 1 \
    --first-seed 3002 -o en3 >/dev/null || fail "mkissue en seed 3002 exited $?"
"$BS_BIN" layout en3/issue01/p4.jpg -o en3.png --json en3.json >/dev/null 2>&1 || fail "layout en3 p4 exited $?"
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
gt = json.load(open("en3/issue01/issue.json"))["pages"][3]["regions"]
d = json.load(open("en3.json"))
out = (d["pages"][0] if "pages" in d else d)["regions"]
col = [r for r in gt if r["role"] == "body" and r["text"].startswith("study will review")]
if len(col) != 1:
    fail("generated page 4 has no column 'study will review...' (generator or corpus changed?)")
got = [o["role"] for o in out if iou(o["box"], col[0]["box"]) >= 0.8]
if got != ["body"]:
    fail("column %s found as %s" % (col[0]["box"], got))
print("ok: a tall column under a headline is body")
PYEOF
