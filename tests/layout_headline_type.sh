#!/bin/sh
# layout_headline_type.sh - headline type that size alone does not tell.
# (1) Headlines set in body-size type: a generated zh-Hant issue
# (tools/mkissue from ../shared/corpora, skipped when absent; seed 2001 is
# issue02 of `make testdata`) whose page 1 holds a brief headed in heavy
# sans at body size ("【新時代新徵程新偉業——實幹篤行】安徽引江濟淮..."),
# four lines, over a Song body.  `broadsheet layout` must find every
# headline of the page's briefs (layout-check's matching: IoU >= 0.5 with
# one headline region), and must not take the jump-in lines of page 2
# ("(上接第一版)", the same heavy sans) for headlines.
# (2) Latin headline and deck lines (generated en issue, seed 3001, page 2):
# "Miller Says Reagan Opposes / U.S. Excise Tax Hikes" is one headline
# (the second line has no descenders and votes a cap height, the first an
# x-height), and its italic deck across two columns, "Congress has set 108
# billion dlrs as its deficit target for 1988", is one deck although
# "dlrs" stands in the gutter between the columns under it.
# (3) A column of body text in a larger body size starting right under a
# headline (en seed 3002, page 4: "study will review major new trading
# techniques...", nine lines) is body, not a deck: decks are short.
# (4) A continuation head in light type with a short word in it (en seed
# 3006, page 4: "Equities Open Mixed in Quiet London / Trading") is one
# headline: the dot of the "i" of "in" is no body text on its row to make
# "in" a word of the body, and one such word must not demote the next.
# The column under it ("Robert Holmes A'Court increased his stake...") is
# one block: the river of word spaces through its first lines, under the
# headline, ends on a line that closes it over a word space, which caps
# it all the same (no gutter).
# On the same page, a brief's headline in a bold sans at body size,
# "Sterivet <STVT> Gets / Support for Drug Project", is one headline: the
# second line (descenders) is tall enough to be headline type, and the
# first, whose commonest glyph is an x-height, joins it by its ascent.
# (5) A two-line continuation head in body-size-and-a-bit CJK type (zh-Hant
# seed 2001, page 3: "【一線調研·加快形成新質生產力】/安徽合肥：“飛”出來的
# 經濟新賽道") is one headline: the colon of the second line stands under
# the middle dot of the first, a white channel as tall as the headline on
# which both lines end and start, and no gutter (gutters part body text).
# (6) A bracket between two pieces of a headline line, over the gutter
# that starts under the headline's second line (zh seed 1009, page 2:
# "【新思想引领新征程·非凡“十四五”】织牢 / 建强基层网底 加快建设健康中国"), is
# part of the headline: a gutter starting under a headline line that runs
# across it does not part the pieces above that line.
# (7) A headline over a deck that runs across the rule between its columns
# (en seed 3001, page 1: "Treasury's Baker Sees Increased Tax Compliance"
# over "Reducing pending tax litigation cases under appeal") is one
# headline: the rule starts under the deck, which crosses it.  The
# story's first column there (579 px, "WASHINGTON, March 20 - Treasury")
# is one block: a river of word spaces down its last four lines, half as
# wide as a gutter, falls on the page's grid of narrower columns, but is
# no gutter.
# (8) A brief's headline of three short lines in a heavy sans at body size
# in a narrow column (zh-Hant seed 2003, page 3: "紀念中共中央發 / 佈“五一
# 口號”75週 / 年座談會在京舉行", 7-8 glyphs a line) is a headline, with the
# figures ending its second line: heavy lines stacked on one another are
# headline type, where one alone (a jump line) is not.
set -eu
. "${BS_ROOT:?}/tests/helpers/layout_test.sh"

lay_out zh-Hant 2001 zht 1 2 3
$PY - <<'PYEOF' || exit 1
from layout_gt import fail, found, gt_regions, iou, need, one, out_regions
import json
briefs = {a["id"] for a in json.load(open("zht/issue01/issue.json"))["articles"] if a.get("brief")}
heads = [r for r in gt_regions("zht/issue01/issue.json", 1) if r["role"] == "headline" and r["article"] in briefs]
if not heads:
    fail("the generated page 1 has no brief (generator or corpus changed?)")
out = out_regions("zht/p1.json")
for h in heads:
    need(out, "headline", h)
jumps = [r for r in gt_regions("zht/issue01/issue.json", 2) if r["role"] == "jump_in"]
out = out_regions("zht/p2.json")
for j in jumps:
    if found(out, "headline", j["box"]):
        fail("jump-in line %s %r taken for a headline" % (j["box"], j["text"]))
print("ok: %d brief headlines found, %d jump-in lines left alone" % (len(heads), len(jumps)))
PYEOF

lay_out en 3001 en2 1 2
$PY - <<'PYEOF' || exit 1
from layout_gt import fail, found, gt_regions, iou, need, one, out_regions
gt, out = gt_regions("en2/issue01/issue.json", 2), out_regions("en2/p2.json")
head, deck = one(gt, "headline", "Miller Says"), one(gt, "deck", "Congress has set")
need(out, "headline", head)
need(out, "deck", deck, 0.8)
print("ok: two-line Latin headline and its deck across the gutter")
head = one(gt_regions("en2/issue01/issue.json", 1), "headline", "Treasury's Baker")
out = out_regions("en2/p1.json")
need(out, "headline", head, 0.75)  # the piece right of the rule: IoU 0.6
col = one(gt_regions("en2/issue01/issue.json", 1), "body", "WASHINGTON, March 20 - Treasury")
need(out, "body", col, 0.8)
print("ok: a headline over a deck crossing the rule under it, a river on the grid")
PYEOF

lay_out en 3002 en3 4
$PY - <<'PYEOF' || exit 1
from layout_gt import fail, found, gt_regions, iou, need, one, out_regions
col = one(gt_regions("en3/issue01/issue.json", 4), "body", "study will review")
got = [o["role"] for o in out_regions("en3/p4.json") if iou(o["box"], col["box"]) >= 0.8]
if got != ["body"]:
    fail("column %s found as %s" % (col["box"], got))
print("ok: a tall column under a headline is body")
PYEOF

lay_out en 3006 en7 4
$PY - <<'PYEOF' || exit 1
from layout_gt import fail, found, gt_regions, iou, need, one, out_regions
gt, out = gt_regions("en7/issue01/issue.json", 4), out_regions("en7/p4.json")
head = one(gt, "continuation_head", "Equities Open Mixed")
need(out, "headline", head)
col = one(gt, "body", "Robert Holmes")
need(out, "body", col, 0.8)
brief = one(gt, "headline", "Sterivet")
need(out, "headline", brief, 0.75)  # its second line alone has IoU 0.5
print("ok: light continuation head with a short word, the river under it, a bold brief head")
PYEOF

# Its right piece alone has IoU 0.55.
lay_need zht 3 continuation_head "【一線調研" headline 0.75 "a two-line CJK head with a channel through it is one headline"

lay_out zh 1009 zh10 2
# Without "】织牢" IoU 0.69.
lay_need zh10 2 continuation_head "【新思想" headline 0.75 "a bracket over a gutter under the second headline line stays in the headline"

lay_out zh-Hant 2003 zht4 3
# Without "75週" IoU 0.78.
lay_need zht4 3 headline "紀念中共中央" headline 0.8 "a three-line heavy headline in a narrow column"
