#!/bin/sh
# test_batch.sh - `broadsheet batch`: discovery, manifest errors, corrupt
# pages, kill -9 and SIGINT resume, byte-identical resumed output,
# --json-log, symlinked output folders, --slice and --merge-qc.
#
# Pages are rendered here (two lines of English on 640x360 px, read with
# -l eng), so Tesseract takes a fraction of a second per page.  To stop a
# batch in the middle of an issue, issue B has a dense "heavy" page that
# takes Tesseract about two seconds: the test watches --json-log for B's
# first page and signals the batch then, while the heavy page is in flight.
set -eu
: "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
if ! $PY -c 'import PIL' 2>/dev/null; then echo "SKIP: /usr/bin/python3 has no PIL"; exit 77; fi
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
[ -f "$FONT" ] || { echo "SKIP: no DejaVu font ($FONT)"; exit 77; }
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

$PY - "$FONT" <<'PYEOF'
import sys
from PIL import Image, ImageDraw, ImageFont
f = ImageFont.truetype(sys.argv[1], 28)
texts = ["CITY COUNCIL MEETS\nThe council met on Monday to\ndiscuss the new budget plan.",
         "HARBOUR NEWS\nShips arrived early today\nwith grain from the south.",
         "MARKET REPORT\nPrices of rice fell again\nafter a good harvest."]
texts.append("MARKET REPORT\nPrices in the rnarket fell\nafter a good harvest.")
for n, t in enumerate(texts):
    im = Image.new("L", (640, 360), 255)
    ImageDraw.Draw(im).multiline_text((30, 30), t, font=f, fill=0, spacing=14)
    im.save("page%d.png" % (n + 1) if n < 3 else "misprint.png")
words = "the council met on monday to discuss new budget plan ships arrived with grain".split()
im = Image.new("L", (1200, 1500), 255)
d = ImageDraw.Draw(im)
g = ImageFont.truetype(sys.argv[1], 22)
for k, y in enumerate(range(30, 1450, 34)):
    d.text((30, y), " ".join(words[(k * 7 + j) % len(words)] for j in range(12)), font=g, fill=0)
im.save("heavy.png")
PYEOF
B="$BS_BIN batch -l eng -j 2"

# ---- discovery: folders, natural page order, non-images ignored ----------
mkdir -p arch/issue-2 arch/issue-10 arch/issue-1 arch/.hidden arch/empty
cp page1.png arch/issue-1/p1.png; cp page2.png arch/issue-1/p2.PNG
cp page3.png arch/issue-10/p10.png; cp page1.png arch/issue-10/p9.png; echo notes > arch/issue-10/notes.txt
cp page2.png arch/issue-2/scan.tif.png
$BS_BIN batch arch --write-manifest - >found.csv 2>found.err && fail "empty issue folder not reported"
grep -q "arch/empty: no page images" found.err || fail "empty folder problem missing: $(cat found.err)"
$PY - <<'PYEOF' || fail "discovery order"
import csv
rows = list(csv.reader(open("found.csv")))
assert rows[0] == ["issue", "page", "path", "lang"], rows[0]
got = [(r[0], r[1], r[2].split("/")[-1]) for r in rows[1:]]
want = [("issue-1", "1", "p1.png"), ("issue-1", "2", "p2.PNG"), ("issue-2", "1", "scan.tif.png"),
        ("issue-10", "1", "p9.png"), ("issue-10", "2", "p10.png")]
assert got == want, got
PYEOF
rmdir arch/empty
# A manifest written into another folder names the same pages when read
# back (reading takes relative paths from the manifest's folder).
mkdir -p man
$BS_BIN batch arch --write-manifest man/m.csv || fail "--write-manifest man/m.csv"
$BS_BIN batch man/m.csv --write-manifest - >man.csv 2>man.err || fail "man/m.csv: $(cat man.err)"
$PY - <<'PYEOF' || fail "a written manifest does not read back the same pages: $(cat man.csv)"
import csv, os
rows = list(csv.reader(open("man.csv")))[1:]
assert len(rows) == 5 and all(os.path.isfile(r[2]) for r in rows), rows
assert [os.path.basename(r[2]) for r in rows] == \
       [os.path.basename(r[2]) for r in list(csv.reader(open("found.csv")))[1:]], rows
PYEOF

# A missing language pack stops the batch before any page is read.
set +e; $BS_BIN batch arch -o nolang -l nosuchlang -q 2>nolang.err; rc=$?; set -e
[ $rc -eq 1 ] || fail "missing language: exit $rc, want 1"
grep -q 'nosuchlang' nolang.err && [ ! -e nolang ] || fail "missing language not reported first: $(cat nolang.err)"
# A page in a missing language fails its issue only (journaled as failed,
# so redone once the language is installed), naming the issue, the page and
# the language; the other issues are read.
mkdir -p ml
printf 'issue,page,path,lang\nok1,1,../page1.png,\nbad1,1,../page2.png,\nbad1,2,../page3.png,nosuchlang\n' >ml/m.csv
set +e; $B ml/m.csv -o mlout -q 2>ml.err; rc=$?; set -e
[ $rc -eq 1 ] || fail "one issue in a missing language: exit $rc, want 1: $(cat ml.err)"
grep -q "warning: .*nosuchlang.*; needed by 1 issue: bad1$" ml.err || fail "no warning at start: $(cat ml.err)"
grep -q "bad1: failed: issue bad1 page 2 (.*page3.png) needs language 'nosuchlang'" ml.err \
    || fail "the failed issue does not say why: $(cat ml.err)"
[ -f mlout/ok1/issue.json ] && grep -q "^ok1	ok	" mlout/journal.tsv || fail "the other issue was not read"
grep -q "^bad1	failed	.*nosuchlang" mlout/journal.tsv || fail "journal: $(cat mlout/journal.tsv)"
grep -q "^0,bad1,,failed,.*nosuchlang" mlout/qc.csv || fail "qc.csv: $(cat mlout/qc.csv)"

# ---- manifest: quoted fields, bad lines reported with line numbers -------
mkdir -p "dir, with comma"; cp page1.png "dir, with comma/a.png"
cat >bad.csv <<'CSV'
issue,page,path,lang
"x1",1,"dir, with comma/a.png",eng
x1,two,page2.png,eng
x1,2
x1,2,page2.png,"eng;rm"
x1,3,page3.png,eng,extra
"x2",1,"page1.png"junk,eng
x1,2,page2.png,
CSV
$BS_BIN batch bad.csv --write-manifest good.csv 2>bad.err && fail "bad manifest lines not reported"
for want in "bad.csv:3: page number 'two'" "bad.csv:4: expected 3 or 4 fields" \
            "bad.csv:5: language 'eng;rm'" "bad.csv:6: expected 3 or 4 fields" \
            "bad.csv:7: text after a closing quote"; do
    grep -qF "$want" bad.err || fail "missing problem '$want' in: $(cat bad.err)"
done
[ "$(grep -c . good.csv)" -eq 3 ] || fail "good lines of bad.csv not kept: $(cat good.csv)"
grep -q '^x1,1,"/.*/dir, with comma/a.png",eng$' good.csv || fail "quoted path lost: $(cat good.csv)"

# An image (or any file that is not a manifest) is refused with one error.
set +e; $BS_BIN batch page1.png -o imgout 2>img.err; rc=$?; set -e
[ $rc -eq 1 ] || fail "an image as ARCHIVE: exit $rc, want 1"
[ "$(wc -l <img.err)" -eq 1 ] && grep -q "^broadsheet batch: page1.png: not a manifest CSV" img.err \
    || fail "an image as ARCHIVE: $(head -c 600 img.err)"
[ -e imgout ] && fail "an image as ARCHIVE: output folder created"

# ---- a corrupt page in the middle of an issue ----------------------------
mkdir -p carch/c1 carch/c2
cp page1.png carch/c1/p1.png; head -c 3000 page2.png >carch/c1/p2.png; cp page3.png carch/c1/p3.png
cp page2.png carch/c2/p1.png
set +e; $B carch -o cout >c.out 2>c.err; rc=$?; set -e
[ $rc -eq 1 ] || fail "corrupt page: exit $rc, want 1"
[ -f cout/c1/issue.json ] && [ -f cout/c2/issue.json ] || fail "issues not written"
$PY - <<'PYEOF' || fail "corrupt page not isolated"
import csv, json
iss = json.load(open("cout/c1/issue.json"))
errs = [p.get("error") for p in iss["pages"]]
assert len(errs) == 3 and errs[0] is None and errs[2] is None and errs[1], errs
assert len(iss["articles"]) >= 2, "other pages not assembled"
rows = list(csv.DictReader(open("cout/qc.csv")))
assert rows[0]["issue"] == "c1" and rows[0]["page"] == "2" and rows[0]["status"] == "failed", rows[0]
assert "p2.png" in rows[0]["reason"], rows[0]
assert rows[1]["issue"] == "c1" and rows[1]["page"] == "" and rows[1]["status"] == "flagged", rows[1]
assert [r["attention"] for r in rows] == sorted(r["attention"] for r in rows)
assert len(rows) == 3 + 1 + 1 + 1, len(rows)
PYEOF
grep -q "^c1	flagged	3	1	" cout/journal.tsv || fail "journal: c1 not flagged: $(cat cout/journal.tsv)"
grep -q "^c2	ok	1	0	" cout/journal.tsv || fail "journal: c2 not ok"

# ---- kill -9 in the middle of an issue, then resume ----------------------
# One worker, issues A (3 pages), B (a page, the heavy page, a page), C.
# Issues go longest first, manifest order among equals: A, B, C.
mkdir -p in
cp page1.png in/a1.png; cp page2.png in/a2.png; cp page3.png in/b1.png; cp heavy.png in/b2.png
cp page1.png in/c1.png; cp page2.png in/b3.png; cp page3.png in/a3.png
printf 'issue,page,path,lang\nA,1,in/a1.png,\nA,2,in/a2.png,\nA,3,in/a3.png,\nB,1,in/b1.png,\nB,2,in/b2.png,\nB,3,in/b3.png,\nC,1,in/c1.png,\n' >m.csv
wait_for() { # file text: wait until file contains text
    i=0
    while ! grep -qF "$2" "$1" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 1200 ] || fail "never saw '$2' in $1"
        sleep 0.05
    done
}
B1='"event":"page_done","issue":"B","path":"in/b1.png"'
$BS_BIN batch -l eng -j 1 --json-log --no-timings m.csv -o kout >k.json 2>k.err &
pid=$!
wait_for k.json "$B1"
kill -9 $pid; wait $pid 2>/dev/null || true
grep -q '^A	ok	' kout/journal.tsv || fail "A not journaled before the kill"
grep -q '^B	' kout/journal.tsv && fail "B journaled before its pages were read"
[ -e kout/B/issue.json ] && fail "B written before its pages were read"
# What a kill during an atomic write leaves: a temporary file, never a
# half-written output.  The resumed issue must not keep it.
mkdir -p kout/B/articles; echo torn >kout/B/articles/001.txt.tmp.AbC123
# The report's pictures are two levels down (written with --report).
mkdir -p kout/B/report/crops kout/B/report/pages
echo torn >kout/B/report/crops/a001-1.png.tmp.XyZ789; echo torn >kout/B/report/pages/p001.png.tmp.QrS456
$B --no-timings m.csv -o kout >k2.out 2>k2.err || fail "resume after kill -9: exit $? $(cat k2.err)"
grep -q "3 issues (1 already done, 2 ok" k2.out || fail "resume did not skip A: $(cat k2.out)"
for id in A B C; do
    [ "$(grep -c "^$id	ok	" kout/journal.tsv)" -eq 1 ] || fail "journal: $id not exactly once: $(cat kout/journal.tsv)"
done

# ---- longest issues first ------------------------------------------------
printf 'issue,page,path,lang\nS,1,in/c1.png,\nL,1,in/a1.png,\nL,2,in/a2.png,\n' >lpt.csv
$BS_BIN batch -l eng -j 1 --json-log --no-timings lpt.csv -o lpt >lpt.json 2>lpt.err || fail "lpt run: $(cat lpt.err)"
first=$($PY -c '
import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["event"] == "page_done":
        print(e["issue"]); break' lpt.json)
[ "$first" = L ] || fail "the two-page issue was not taken first: $first"
# A page added to a finished issue makes a rerun redo that issue only.
printf 'S,2,in/a3.png,\n' >>lpt.csv
$BS_BIN batch -l eng -j 1 -q --no-timings lpt.csv -o lpt 2>lpt2.err || fail "rerun with a new page: $(cat lpt2.err)"
[ "$(grep -c '^S	ok	2	' lpt/journal.tsv)" -eq 1 ] && [ "$(grep -c '^L	' lpt/journal.tsv)" -eq 1 ] \
    || fail "the issue with a new page was not redone alone: $(cat lpt/journal.tsv)"
[ -f lpt/S/pages/p002.txt ] || fail "S has no second page: $(ls -R lpt/S)"

# ---- the same batch uninterrupted gives the same bytes -------------------
# issue.json records seconds per stage, which differ from run to run;
# --no-timings writes 0 there, so every output file must match byte for byte.
$B --no-timings m.csv -o ref >ref.out 2>ref.err || fail "reference run: $(cat ref.err)"
for f in $(cd ref && find . -type f ! -name journal.tsv | sort); do
    [ -f "kout/$f" ] || fail "resumed output lacks $f"
    cmp -s "ref/$f" "kout/$f" || fail "$f differs between resumed and uninterrupted run"
done
[ "$(cd ref && find . -type f | sort)" = "$(cd kout && find . -type f | sort)" ] || fail "file lists differ"
grep -q '"seconds"' ref/B/issue.json || fail "issue.json lost its seconds"
# Without --no-timings only the timings differ.
printf 'issue,page,path,lang\nA,1,in/a1.png,\n' >one.csv
$B one.csv -o t1 -q && $B one.csv -o t2 -q || fail "timed runs"
strip() { $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
secs = [sum(p.pop("seconds").values()) for p in d["pages"]]
assert all(s > 0 for s in secs), secs
print(json.dumps(d, sort_keys=True, ensure_ascii=False))' "$1"; }
a=$(strip t1/A/issue.json) && b=$(strip t2/A/issue.json) || fail "timed issue.json has no timings"
[ "$a" = "$b" ] || fail "issue.json differs beyond timings"

# ---- SIGINT: clean stop after the page in flight, then resume ------------
$BS_BIN batch -l eng -j 1 --json-log m.csv -o sout >s.json 2>s.err &
pid=$!
wait_for s.json "$B1"
kill -INT $pid
set +e; wait $pid; rc=$?; set -e
[ $rc -eq 1 ] || fail "SIGINT: exit $rc, want 1"
grep -q "interrupted" s.err || fail "SIGINT: no interrupted message: $(cat s.err)"
grep -q '^B	' sout/journal.tsv && fail "SIGINT: unfinished B journaled"
[ -e sout/B/issue.json ] && fail "SIGINT: unfinished B written"
[ -e sout/C ] && fail "SIGINT: C started after the signal"
grep -q '^0,B,,missing,' sout/qc.csv || fail "SIGINT: qc.csv does not list B as missing: $(cat sout/qc.csv)"
$PY - <<'PYEOF' || fail "--json-log lines are not the expected JSON events"
import json
ev = [json.loads(l) for l in open("s.json")]
kinds = [e["event"] for e in ev]
assert kinds[0] == "start" and kinds[-1] == "finish", kinds
assert kinds.count("issue_done") == 1 and kinds.count("issue_cancelled") == 1, kinds
# The heavy page in flight was finished, not abandoned.
assert kinds.count("page_done") == 5, kinds
done = [e for e in ev if e["event"] == "issue_done"]
assert done[0]["issue"] == "A" and done[0]["status"] == "ok" and done[0]["pages"] == 3, done
assert ev[-1]["interrupted"] is True and ev[-1]["exit"] == 1
assert all(e["progress"]["issues_total"] == 3 for e in ev[:-1])
PYEOF
$B m.csv -o sout -q || fail "resume after SIGINT failed"
[ "$(grep -vc '^#' sout/journal.tsv)" -eq 3 ] || fail "journal after SIGINT resume: $(cat sout/journal.tsv)"
cmp -s ref/qc.csv sout/qc.csv || fail "qc.csv after SIGINT resume differs from the uninterrupted one"

# ---- a second signal stops at once -----------------------------------------
$BS_BIN batch -l eng -j 1 --json-log m.csv -o dout >d.json 2>d.err &
pid=$!
wait_for d.json "$B1"
kill -INT $pid; sleep 0.1; kill -INT $pid
set +e; wait $pid; rc=$?; set -e
[ $rc -eq 130 ] || fail "second SIGINT: exit $rc, want 130"
grep -q '"event":"finish"' d.json && fail "second SIGINT: the batch did not stop at once"
grep -q '^B	' dout/journal.tsv && fail "second SIGINT: B journaled"
$B m.csv -o dout -q || fail "resume after a second SIGINT failed"
cmp -s ref/qc.csv dout/qc.csv || fail "qc.csv after a hard stop and resume differs"

# ---- outputs never go through a symlink out of OUT -----------------------
mkdir -p lout outside
ln -s ../outside lout/A
set +e; $B one.csv -o lout -q 2>l.err; rc=$?; set -e
[ $rc -eq 1 ] || fail "symlinked issue folder: exit $rc, want 1"
[ -z "$(ls outside)" ] || fail "wrote through a symlink: $(ls outside)"
grep -q "symlink" l.err || fail "no symlink reason: $(cat l.err)"
grep -q '^A	failed	' lout/journal.tsv || fail "A not journaled as failed"

# ---- one batch per state folder ---------------------------------------------
# Another batch holds lk's journal (a process that locks it as a batch
# does): this batch must refuse at once, name the folder, and touch nothing.
mkdir -p lk
$PY -c '
import fcntl, sys, time
f = open("lk/journal.tsv", "a")
fcntl.flock(f, fcntl.LOCK_EX)
open("lk.held", "w").close()
time.sleep(120)' &
holder=$!
wait_for_file() { i=0; while [ ! -e "$1" ]; do i=$((i + 1)); [ $i -lt 600 ] || fail "no $1"; sleep 0.05; done; }
wait_for_file lk.held
set +e; $B one.csv -o lk 2>lk.err >lk.out; rc=$?; set -e
kill $holder; wait $holder 2>/dev/null || true
[ $rc -eq 1 ] || fail "second batch on a locked folder: exit $rc, want 1"
grep -q "lk: another broadsheet batch is using this folder" lk.err || fail "no lock message: $(cat lk.err)"
[ "$(ls lk)" = journal.tsv ] && [ ! -s lk/journal.tsv ] || fail "the refused batch wrote: $(ls -R lk)"
[ -s lk.out ] && fail "the refused batch printed a summary: $(cat lk.out)"
$B one.csv -o lk -q || fail "the lock outlived its holder"

# ---- slices and merged QC --------------------------------------------------
# Slices share OUT but not their state folders, so they run side by side.
sed -i 's|in/b2.png|in/a1.png|' m.csv
$B m.csv -o ref2 -q || fail "light reference run"
$B m.csv -o pout --slice 0/2 --state-dir pout/slices/0 -q 2>p0.err & p0=$!
$B m.csv -o pout --slice 1/2 --state-dir pout/slices/1 -q 2>p1.err || fail "slice 1: $(cat p1.err)"
wait $p0 || fail "slice 0: $(cat p0.err)"
[ -f pout/A/issue.json ] && [ -f pout/B/issue.json ] && [ -f pout/C/issue.json ] || fail "slices missed issues"
# Finished issues, counted as pipeline/README.md says: the last line of
# each issue, not failed; a line torn by a kill is left out.
finished() { awk -F'\t' '!/^#/ && NF >= 7 { s[$1] = $2 }
        END { for (i in s) n += s[i] != "failed"; print n + 0 }' "$@"; }
[ "$(finished pout/slices/*/journal.tsv)" -eq 3 ] || fail "slice journals: $(cat pout/slices/*/journal.tsv)"
printf '# h\nA\tfailed\t0\t0\t0\t1\tdisk\nA\tok\t1\t0\t1\t2\t\nB\tfailed\t0\t0\t0\t3\tx\nC\tflagged\t2\t1\t1\t4\t1 of 2\nD\tok\t1' >cnt.tsv
[ "$(finished cnt.tsv)" -eq 2 ] || fail "finished-issue count: $(finished cnt.tsv), want 2 (A redone, C)"
$BS_BIN batch --merge-qc -o pout -q pout/slices/0/qc.csv pout/slices/1/qc.csv || fail "merge-qc"
cmp -s ref2/qc.csv pout/qc.csv || fail "merged qc.csv differs from the single-run one"
$BS_BIN batch --merge-qc -o pout --json-log pout/slices/0/qc.csv pout/slices/1/qc.csv > mq.json \
    || fail "merge-qc --json-log"
$PY - <<'PYEOF' || fail "merge-qc --json-log: $(cat mq.json)"
import json
ev = [json.loads(l) for l in open("mq.json") if l.strip()]
import csv
rows = len(list(csv.reader(open("pout/qc.csv")))) - 1
assert len(ev) == 1 and ev[0]["event"] == "merge_qc" and ev[0]["rows"] == rows > 0, (ev, rows)
PYEOF
# ---- the shared options reach every worker ---------------------------------
# "rnarket" (a misprint, read as printed) is corrected to "market" by the
# English model; --no-correct and --no-models keep it as read.
M=${BS_BUILD:-$BS_ROOT/build}/models
if [ -f "$M/en.bsm" ]; then
    mkdir -p corr/issue-1; cp misprint.png corr/issue-1/p1.png
    for mode in default no-correct no-models; do
        opt=""; [ $mode = default ] || opt="--$mode"
        BROADSHEET_MODELS=$M $B corr -o "c-$mode" -q $opt || fail "batch $mode"
    done
    grep -q "the market fell" c-default/issue-1/articles/001.txt || fail "not corrected: $(cat c-default/issue-1/articles/001.txt)"
    grep -q '"kind": "correction"' c-default/issue-1/issue.json || fail "no correction QC event"
    for mode in no-correct no-models; do
        grep -q "the rnarket fell" c-$mode/issue-1/articles/001.txt || fail "--$mode ignored by batch"
        grep -q '"kind": "correction"' c-$mode/issue-1/issue.json && fail "--$mode: correction QC event"
    done
else
    echo "note: no $M/en.bsm (make models): corrections in batch not tested"
fi
# ---- --encoding-fallback: the characters replaced are counted and said --
CJK=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
if [ -f "$CJK" ]; then
    mkdir -p enc/issue-1
    $PY - "$CJK" <<'PYEOF'
import sys
from PIL import Image, ImageDraw, ImageFont
f = ImageFont.truetype(sys.argv[1], 36)
im = Image.new("L", (700, 400), 255)
ImageDraw.Draw(im).multiline_text((30, 30), "社区食堂昨日开业\n老人就餐可享优惠", font=f, fill=0, spacing=20)
im.save("enc/issue-1/p1.png")
PYEOF
    $BS_BIN batch -l chi_sim -q enc -o eout --encoding BIG5 --encoding-fallback 2> enc.err \
        || fail "batch --encoding-fallback: $(cat enc.err)"
    grep -q "characters not in BIG5 written as '?'" enc.err || fail "batch: replacements not reported: $(cat enc.err)"
    grep -q "characters not in BIG5 written as '?'" eout/journal.tsv || fail "batch: replacements not in the journal"
else
    echo "note: no $CJK: --encoding-fallback in batch not tested"
fi
echo "batch tests passed"
