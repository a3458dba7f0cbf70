#!/bin/sh
# reassemble_cli.sh - `broadsheet reassemble ISSUE.json -o OUTDIR`: articles
# rebuilt from a page model without OCR (a headline over two columns whose
# paragraph is cut at the column break, a jump-out line, page furniture),
# old articles replaced, --repeat timing, the input limit options and the
# exit codes.  A block running across a column gutter (its word boxes leave
# the gutter empty) is split at it, in a page model or in another engine's
# hOCR; a block whose empty band leaves a side narrower than a column is
# not.
set -eu
: "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

cat > in.json <<'EOF'
{"format": "broadsheet-issue/1",
 "pages": [{"number": 1, "width": 1000, "height": 1400, "regions": [
  {"id": "p1r1", "role": "body", "box": [380, 20, 240, 20],
   "lines": [{"text": "2024年5月6日 星期一", "box": [380, 20, 240, 20]}]},
  {"id": "p1r2", "role": "headline", "box": [50, 100, 400, 40],
   "lines": [{"text": "街道 启用 社区 食堂", "box": [50, 100, 400, 40]}]},
  {"id": "p1r3", "role": "body", "box": [50, 150, 200, 80],
   "lines": [{"text": "　　社区食堂昨日开", "box": [90, 150, 160, 20]},
             {"text": "业 , 每天供应午餐和", "box": [50, 180, 200, 20]},
             {"text": "晚餐 , 老人就餐可享", "box": [50, 210, 200, 20]}]},
  {"id": "p1r4", "role": "body", "box": [270, 150, 200, 80],
   "lines": [{"text": "受八折优惠。", "box": [270, 150, 120, 20]},
             {"text": "(下转第二版)", "box": [330, 180, 140, 20]}]}]}],
 "articles": [{"title": "stale", "text": "old text", "pages": [1]}]}
EOF

$BS_BIN reassemble in.json -o out -q || fail "reassemble exited $?"
# Characters the output encoding lacks are counted and said, as in run.
$BS_BIN reassemble in.json -o big5 -q --encoding BIG5 --encoding-fallback 2> big5.err \
    || fail "reassemble --encoding-fallback exited $?"
grep -q "reassemble: [0-9]* characters not in BIG5 written as '?'" big5.err \
    || fail "replacements not reported: $(cat big5.err)"
[ -f out/issue.json ] || fail "no out/issue.json"
ls out/articles/*.txt >/dev/null 2>&1 || fail "no article texts"
$PY - <<'PYEOF' || exit 1
import json, sys
d = json.load(open("out/issue.json"))
arts = d["articles"]
def fail(m):
    print("FAIL:", m); sys.exit(1)
if len(arts) != 1:
    fail("want 1 article, got %d: %r" % (len(arts), [a.get("title") for a in arts]))
a = arts[0]
if a.get("title") != "街道启用社区食堂":
    fail("title %r" % a.get("title"))
if a.get("text") != "社区食堂昨日开业，每天供应午餐和晚餐，老人就餐可享受八折优惠。":
    fail("text %r" % a.get("text"))
roles = {r["id"]: r["role"] for r in d["pages"][0]["regions"]}
if roles["p1r1"] != "dateline":
    fail("furniture role %r" % roles["p1r1"])
if not any(q["kind"] == "join" for q in d.get("qc", [])):
    fail("no join in QC")
PYEOF

# Timing: --repeat prints microseconds per page.
out=$($BS_BIN reassemble in.json -o out2 --repeat 20)
echo "$out" | grep -q "us/page" || fail "no timing in: $out"

# Exit codes: usage 2, unreadable input 1.
set +e
$BS_BIN reassemble in.json >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing -o must exit 2"
$BS_BIN reassemble -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing input must exit 2"
$BS_BIN reassemble in.json -o x --repeat 0 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--repeat 0 must exit 2"
$BS_BIN reassemble nonexistent.json -o x >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing file must exit 1"
echo '{"pages": [' > bad.json
$BS_BIN reassemble bad.json -o x >/dev/null 2>&1; [ $? -eq 1 ] || fail "bad JSON must exit 1"
# Input limits are options: a page of more regions, or an ALTO file nested
# deeper, than asked for is refused (exit 1) with the file, the place and
# the option named; what the defaults accept stays accepted.
cat > two.json <<'EOF'
{"format": "broadsheet-issue/1",
 "pages": [{"number": 1, "width": 1000, "height": 1400, "regions": [
  {"id": "p1r1", "role": "headline", "box": [50, 100, 400, 40],
   "lines": [{"text": "街道启用社区食堂", "box": [50, 100, 400, 40]}]},
  {"id": "p1r2", "role": "body", "box": [50, 150, 200, 80],
   "lines": [{"text": "社区食堂昨日开业。", "box": [50, 150, 200, 20]}]}]}]}
EOF
$BS_BIN reassemble two.json -o twook -q || fail "two.json not reassembled by default"
$BS_BIN reassemble two.json -o twolim --max-regions 1 2>lim.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "two.json: pages\[0\].regions: 2 regions exceed the limit of 1 per page (--max-regions)" lim.err \
    || fail "--max-regions: exit $rc: $(cat lim.err)"
$BS_BIN reassemble in.json -o lim --max-line-bytes 20 2>lim.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "in.json: pages\[0\].regions\[0\].lines\[0\].text: .*(--max-line-bytes)" lim.err \
    || fail "--max-line-bytes: exit $rc: $(cat lim.err)"
$BS_BIN reassemble in.json -o lim --max-json-bytes 100 2>lim.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "in.json: larger than the limit of 100 bytes (--max-json-bytes)" lim.err \
    || fail "--max-json-bytes: exit $rc: $(cat lim.err)"
# report reads issue.json with the same limits.
$BS_BIN report twook --max-regions 1 2>lim.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "issue.json: pages\[0\].regions: .*(--max-regions)" lim.err \
    || fail "report --max-regions: exit $rc: $(cat lim.err)"
cat > page.alto.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
 <Layout>
  <Page ID="page_0" WIDTH="600" HEIGHT="120">
   <PrintSpace HPOS="0" VPOS="0" WIDTH="600" HEIGHT="120">
    <TextBlock ID="block_0" HPOS="0" VPOS="0" WIDTH="592" HEIGHT="58">
     <TextLine ID="line_0" HPOS="0" VPOS="18" WIDTH="592" HEIGHT="40">
      <String ID="s0" HPOS="0" VPOS="27" WIDTH="37" HEIGHT="20" CONTENT="news"/>
     </TextLine>
    </TextBlock>
   </PrintSpace>
  </Page>
 </Layout>
</alto>
EOF
$BS_BIN reassemble page.alto.xml -o altook -q || fail "ALTO page not read by default"
# Pages of another engine, one of them bad: the bad file is named, stands
# as a failed page (the next page keeps its number 3), the others are
# written, exit 1.  All of them bad: nothing in the folder is replaced.
head -c 300 page.alto.xml > cut.alto.xml
$BS_BIN reassemble page.alto.xml cut.alto.xml page.alto.xml -o altomix -q 2>mix.err; rc=$?
[ $rc -eq 1 ] && grep -q "cut.alto.xml" mix.err || fail "bad page among good: exit $rc: $(cat mix.err)"
$PY - <<'PYEOF' || fail "bad page among good: $(cat altomix/issue.json | head -c 600)"
import json, sys
d = json.load(open("altomix/issue.json"))
pages = d["pages"]
ok = [p["number"] for p in pages] == [1, 2, 3] and pages[1]["error"] and "cut.alto.xml" in pages[1]["error"]
ok = ok and not pages[0].get("error") and not pages[2].get("error")
ok = ok and any(q["kind"] == "page_failed" for q in d["qc"])
sys.exit(0 if ok else 1)
PYEOF
[ -f altomix/pages/p003.txt ] && grep -q news altomix/pages/p003.txt || fail "page after the bad one not written"
grep -q "cut.alto.xml" altomix/mets.xml && fail "the bad page file listed in METS as a page image"
cp altomix/issue.json altomix.before
$BS_BIN reassemble cut.alto.xml cut.alto.xml -o altomix -q 2>allbad.err; rc=$?
[ $rc -eq 1 ] && [ "$(grep -c cut.alto.xml allbad.err)" -eq 2 ] || fail "all bad: exit $rc: $(cat allbad.err)"
cmp -s altomix/issue.json altomix.before || fail "all inputs bad, yet the old issue.json was replaced"
$BS_BIN reassemble page.alto.xml -o altodeep --max-xml-depth 3 2>deep.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "page.alto.xml:[0-9]*: elements nested deeper than 3 levels (--max-xml-depth)" deep.err \
    || fail "--max-xml-depth: exit $rc: $(cat deep.err)"
$BS_BIN reassemble page.alto.xml -o altobig --max-xml-bytes 100 2>big.err >/dev/null; rc=$?
[ $rc -eq 1 ] && grep -q "page.alto.xml: larger than the limit of 100 bytes (--max-xml-bytes)" big.err \
    || fail "--max-xml-bytes: exit $rc: $(cat big.err)"
# A limit that is not a positive number, or past what can be honoured, is
# a usage error (exit 2) naming the option.
for bad in "--max-regions 0" "--max-line-bytes -5" "--max-json-bytes 1e6" \
           "--max-json-bytes 99999999999999999999999" "--max-xml-depth 257" \
           "--max-xml-bytes 3000000000"; do
    # shellcheck disable=SC2086
    $BS_BIN reassemble in.json -o x $bad 2>bad.err >/dev/null; rc=$?
    opt=${bad%% *}
    [ $rc -eq 2 ] && grep -q -- "$opt wants a whole number" bad.err || fail "$bad: exit $rc: $(cat bad.err)"
done
$BS_BIN report twook --max-regions 0 >/dev/null 2>&1; [ $? -eq 2 ] || fail "report --max-regions 0 must exit 2"
set -e

# One block over two columns of five lines, one word per character, as a
# page model and as Tesseract hOCR; and the same with columns of five
# characters (a band of white a few characters into a column, not a gutter).
$PY - <<'PYEOF'
import json
left = ["左栏第一段开头内容", "满满当当一整行文字", "左栏第二段开始了呀", "呀呀呀呀呀呀呀呀呀", "左栏结束了。"]
right = ["右栏续写第二段的后", "半部分内容满满当当", "的一整行文字右栏第", "三段开始后面还有字", "右栏结束。"]
def block(name, n):
    lines, hocr = [], []
    for i, (l, r) in enumerate(zip(left, right)):
        l, r, y = l[:n], r[:n], 100 + 30 * i
        words = [(c, [100 + 20 * k, y, 20, 20]) for k, c in enumerate(l)] + \
                [(c, [100 + 20 * (n + 3) + 20 * k, y, 20, 20]) for k, c in enumerate(r)]
        x1 = max(b[0] + b[2] for _, b in words)
        lines.append({"text": l + " " + r, "box": [100, y, x1 - 100, 20],
                      "words": [{"text": c, "box": b, "conf": 0.9} for c, b in words]})
        hocr.append("<span class='ocr_line' title='bbox 100 %d %d %d'>%s</span>" % (y, x1, y + 20, "".join(
            "<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 90'>%s</span>"
            % (b[0], b[1], b[0] + b[2], b[1] + b[3], c) for c, b in words)))
    json.dump({"format": "broadsheet-issue/1", "pages": [{"number": 1, "width": 1000, "height": 600, "regions": [
        {"id": "p1r1", "role": "headline", "box": [100, 40, 400, 40],
         "lines": [{"text": "两栏合读测试标题", "box": [100, 40, 400, 40]}]},
        {"id": "p1r2", "role": "body", "box": [100, 100, 420, 140], "lines": lines}]}]},
        open(name + ".json", "w"), ensure_ascii=False)
    open(name + ".hocr", "w").write(
        "<html><body><div class='ocr_page' title='bbox 0 0 1000 600'>"
        "<div class='ocr_carea' title='bbox 100 40 500 80'><span class='ocr_line' title='bbox 100 40 500 80'>"
        "<span class='ocrx_word' title='bbox 100 40 500 80'>两栏合读测试标题</span></span></div>"
        "<div class='ocr_carea' title='bbox 100 100 520 240'>" + "".join(hocr) + "</div></div></body></html>")
block("wide", 9)
block("narrow", 5)
PYEOF
for f in wide.json wide.hocr narrow.json narrow.hocr; do
    $BS_BIN reassemble $f -o "out_$f" -q || fail "$f: exit $?"
done
$PY - <<'PYEOF' || exit 1
import json, sys
def splits(d):
    return sum(q["kind"] == "region_split" for q in json.load(open(d + "/issue.json")).get("qc", []))
for f, want in (("wide.json", 1), ("wide.hocr", 1), ("narrow.json", 0), ("narrow.hocr", 0)):
    if splits("out_" + f) != want:
        print("FAIL: %s: %d splits, want %d" % (f, splits("out_" + f), want)); sys.exit(1)
PYEOF

# `report --images DIR` finds page images moved into DIR, whether the
# issue recorded them with an absolute or a relative path; the pictures
# are reloaded within --max-side as the pages were read.
mkdir -p imgs
$PY -c 'from PIL import Image; Image.new("L", (1000, 1400), 255).save("imgs/p1.png")'
$PY - "$BS_TMP" <<'PYEOF'
import json, sys
d = json.load(open("in.json"))
d["pages"][0]["image"] = sys.argv[1] + "/gone/p1.png"
json.dump(d, open("abs.json", "w"), ensure_ascii=False)
d["pages"][0]["image"] = "gone/p1.png"
json.dump(d, open("rel.json", "w"), ensure_ascii=False)
PYEOF
for kind in abs rel; do
    $BS_BIN reassemble $kind.json -o moved-$kind -q --no-models || fail "reassemble $kind.json"
    $BS_BIN report moved-$kind --no-models > /dev/null 2> $kind.err
    grep -q "gone/p1.png" moved-$kind/report/index.html || fail "$kind: no missing picture reported"
    grep -q "report: page 1: picture left out: .*gone/p1.png" $kind.err \
        || fail "$kind: the missing picture not named on stderr: $(cat $kind.err)"
    $BS_BIN report moved-$kind --no-models --images imgs > /dev/null 2> $kind.err || fail "report --images ($kind)"
    ls moved-$kind/report/pages/p001.* > /dev/null 2>&1 || fail "$kind: page picture not found in --images DIR"
done
$PY -c 'from PIL import Image; Image.new("L", (1000, 21000), 255).save("imgs/tall.png")'
$PY -c 'import json; d=json.load(open("abs.json")); d["pages"][0]["image"]="imgs/tall.png"; json.dump(d, open("tall.json","w"))'
$BS_BIN reassemble tall.json -o tall -q --no-models --report --max-side 30000 || fail "reassemble tall.json"
ls tall/report/pages/p001.* > /dev/null 2>&1 || fail "--max-side did not reach the report's page pictures"
rm -rf tall/report
$BS_BIN report tall --no-models > /dev/null
ls tall/report/pages/p001.* > /dev/null 2>&1 && fail "report reloaded a picture over the default --max-side"
$BS_BIN report tall --no-models --max-side 30000 > /dev/null || fail "report --max-side"
ls tall/report/pages/p001.* > /dev/null 2>&1 || fail "report --max-side did not reach the page pictures"
rc=0; $BS_BIN report tall --max-side abc > /dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "report --max-side abc: exit $rc, want 2"

# `report` rebuilds the report with the measures `reassemble --report`
# gave it: the dictionary hit rates too (they need the models).
M=${BS_BUILD:-$BS_ROOT/build}/models
if [ -f "$M/zh.bsm" ]; then
    BROADSHEET_MODELS=$M $BS_BIN reassemble in.json -o rep -q --report || fail "reassemble --report"
    cp rep/report/qc.json qc-first.json
    BROADSHEET_MODELS=$M $BS_BIN report rep >/dev/null || fail "report"
    $PY - <<'PYEOF' || exit 1
import json, sys
def hits(path):
    d = json.load(open(path))
    return [p.get("dict_hit_rate") for p in d["pages"]]
first, again = hits("qc-first.json"), hits("rep/report/qc.json")
if not first or first[0] is None:
    print("FAIL: reassemble --report measured no dictionary hit rate: %s" % first); sys.exit(1)
if again != first:
    print("FAIL: report rebuilt dictionary hit rates %s, reassemble gave %s" % (again, first)); sys.exit(1)
PYEOF
    BROADSHEET_MODELS=$M $BS_BIN report rep --no-models >/dev/null || fail "report --no-models"
    $PY -c 'import json,sys; d=json.load(open("rep/report/qc.json")); sys.exit(0 if d["pages"][0].get("dict_hit_rate") is None else 1)' \
        || fail "report --no-models still measured dictionary hit rates"
fi
echo "ok"
