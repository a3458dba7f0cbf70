#!/bin/sh
# reflow_cli.sh - `broadsheet reflow` on the fixtures and on bad input:
# empty, binary, GB18030 and UTF-16 files, a 1 MB line, a mixed file;
# a clear message naming the file or a correct result, never a crash.
set -u
B=${BS_BIN:?}; R=${BS_ROOT:?}; T=${BS_TMP:?}
fail() { echo "FAIL: $*"; exit 1; }
zh=$R/testdata/reflow/zh_page.txt

"$B" reflow -q "$zh" -o "$T/zh" || fail "zh fixture exit $?"
[ -s "$T/zh/issue.json" ] && [ -s "$T/zh/articles/001.txt" ] || fail "no issue.json/articles"
grep -q '"kind": *"reorder"' "$T/zh/issue.json" || fail "no reorder QC event"
grep -q '"kind": *"duplicate_removed"' "$T/zh/issue.json" || fail "no duplicate QC event"
"$B" reflow -q --json "$R/testdata/reflow/en_page.txt" > "$T/en.json" || fail "en --json"
# reflow's issue.json has no coordinates: reassemble refuses it (it would
# run all the stories of a page into one) and writes nothing.
"$B" reassemble -q "$T/zh/issue.json" -o "$T/zh-re" 2> "$T/re.err"; rc=$?
[ $rc -eq 1 ] && grep -q "page 1 has no coordinates" "$T/re.err" && [ ! -e "$T/zh-re" ] \
    || fail "reassemble of reflow output: rc $rc $(cat "$T/re.err")"
grep -q '"format": *"broadsheet-issue/1"' "$T/en.json" || fail "--json is not issue.json"

# The same page in GB18030 (detected) and UTF-16 (with a BOM): same articles.
iconv -f UTF-8 -t GB18030 "$zh" > "$T/gb.txt"
"$B" reflow -q "$T/gb.txt" -o "$T/gb" || fail "GB18030 exit $?"
cmp -s "$T/zh/articles/002.txt" "$T/gb/articles/002.txt" || fail "GB18030 articles differ"
iconv -f UTF-8 -t UTF-16 "$zh" > "$T/u16.txt"
"$B" reflow -q "$T/u16.txt" -o "$T/u16" || fail "UTF-16 exit $?"
cmp -s "$T/zh/articles/002.txt" "$T/u16/articles/002.txt" || fail "UTF-16 articles differ"
iconv -f UTF-8 -t BIG5 "$R/testdata/reflow/en_page.txt" > "$T/b5.txt"
"$B" reflow -q --from-encoding BIG5 "$T/b5.txt" -o "$T/b5" || fail "--from-encoding exit $?"

# Empty and binary input: exit 1 and a message naming the file.
: > "$T/empty.txt"
"$B" reflow -q "$T/empty.txt" -o "$T/e" 2> "$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "empty.txt: empty input" "$T/err" || fail "empty: rc $rc $(cat "$T/err")"
head -c 4096 /dev/urandom > "$T/bin.dat"; printf '\000\000' >> "$T/bin.dat"
"$B" reflow -q "$T/bin.dat" -o "$T/b" 2> "$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "bin.dat: binary data" "$T/err" || fail "binary: rc $rc $(cat "$T/err")"
"$B" reflow -q --from-encoding NOPE "$zh" -o "$T/n" 2>/dev/null; [ $? -eq 2 ] || fail "bad encoding not usage"

# Invalid bytes: reported with the byte offset, text kept.
printf '标题行\n\n正文第一段。\377坏字节后的文字。\n' > "$T/bad.txt"
"$B" reflow -q "$T/bad.txt" -o "$T/bad" 2> "$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "byte 29: invalid UTF-8 bytes FF" "$T/err" || fail "invalid: rc $rc $(cat "$T/err")"
grep -q "坏字节后的文字" "$T/bad/issue.json" || fail "text after the bad byte lost"

# Mixed encodings: a GB18030 line in a UTF-8 file is decoded and noted.
{ cat "$zh"; printf '\n'; printf '积极准备。\n' | iconv -t GB18030; } > "$T/mixed.txt"
"$B" reflow "$T/mixed.txt" -o "$T/mixed" 2> "$T/err" >/dev/null || fail "mixed exit $?"
grep -q "decoded as GB18030" "$T/err" && grep -q "积极准备。" "$T/mixed/issue.json" || fail "mixed"

# A form feed is a page break: two pages from one file, numbered on.
{ cat "$zh"; printf '\f'; cat "$R/testdata/reflow/en_page.txt"; } > "$T/ff.txt"
"$B" reflow -q "$T/ff.txt" "$R/testdata/reflow/zh_moved.txt" -o "$T/ff" || fail "form feed exit $?"
/usr/bin/python3 - "$T/ff/issue.json" <<'PYEOF' || fail "form feed did not start a page"
import json, sys
d = json.load(open(sys.argv[1]))
assert [p["number"] for p in d["pages"]] == [1, 2, 3], [p["number"] for p in d["pages"]]
en = [a for a in d["articles"] if a["title"] == "CITY COUNCIL APPROVES NEW BUDGET"]
assert en and en[0]["pages"] == [2], en
PYEOF

# A 1 MB line.
/usr/bin/python3 -c "import sys; sys.stdout.write('长' * 350000 + '。\n')" > "$T/long.txt"
"$B" reflow -q "$T/long.txt" -o "$T/long" || fail "1 MB line exit $?"
[ "$(wc -c < "$T/long/articles/001.txt")" -gt 1000000 ] || fail "1 MB line shortened"
# In parts (--part-kb): each part repaired, written and freed before the
# next is read.  Pages of 1.5, 1 and 1.5 KiB in parts of 1 KiB are two
# parts; the articles are numbered on across them, every id has its file,
# issue.json is whole (--json prints the same model), and the articles are
# those of one part, as no story is continued across these pages.
zp=$R/testdata/reflow/zh_page.txt; ep=$R/testdata/reflow/en_page.txt
"$B" reflow -q "$zp" "$ep" "$zp" -o "$T/one" || fail "one part exit $?"
"$B" reflow -q --part-kb 1 "$zp" "$ep" "$zp" -o "$T/parts" || fail "parts exit $?"
"$B" reflow -q --part-kb 1 "$zp" "$ep" "$zp" --json > "$T/parts.json" || fail "parts --json exit $?"
/usr/bin/python3 - "$T/one" "$T/parts" "$T/parts.json" <<'PYEOF' || fail "issue written in parts"
import json, os, sys
one, parts = (json.load(open(os.path.join(d, 'issue.json'), encoding='utf-8')) for d in sys.argv[1:3])
printed = json.load(open(sys.argv[3], encoding='utf-8'))
for d in (parts, printed):
    for p in d['pages']:
        del p['seconds']
assert printed == parts
ids = [a['id'] for a in parts['articles']]
assert ids == ['a%d' % (i + 1) for i in range(len(ids))], ids
files = sorted(os.listdir(os.path.join(sys.argv[2], 'articles')))
assert files == ['%03d.txt' % (i + 1) for i in range(len(ids))], files
assert [p['number'] for p in parts['pages']] == [1, 2, 3], [p['number'] for p in parts['pages']]
assert [a['text'] for a in parts['articles']] == [a['text'] for a in one['articles']]
region_articles = {r['article'] for p in parts['pages'] for r in p['regions'] if r['article']}
assert region_articles <= set(ids), region_articles - set(ids)
assert len(parts['qc']) == len(one['qc'])
PYEOF
"$B" reflow -q --part-kb 0 "$zp" -o "$T/p0" 2>/dev/null; [ $? -eq 2 ] || fail "--part-kb 0 not a usage error"

# --text-model: a text model built from the user's own text adapts the
# Chinese model; what is not one is a usage error naming the file.
M=${BS_BUILD:-$R/build}/models
if [ -f "$M/zh.bsm" ]; then
    printf '会议强调，孩子们要积极参加会议。\n大家积极参加植树活动。\n' > "$T/own.txt"
    /usr/bin/python3 "$R/tools/build-models" --lang zh --text "$T/own.txt" -o "$T/own-zh.bsm" \
        > /dev/null || fail "build-models --text"
    BROADSHEET_MODELS=$M "$B" reflow -q --text-model "$T/own-zh.bsm" "$zh" -o "$T/tm" \
        || fail "--text-model exit $?"
    [ -s "$T/tm/articles/001.txt" ] || fail "--text-model: no articles"
    BROADSHEET_MODELS=$M "$B" reflow -q --text-model "$M/zh.bsm" "$zh" -o "$T/tm2" 2> "$T/err"
    rc=$?; [ $rc -eq 2 ] && grep -q "zh.bsm: not a text model" "$T/err" \
        || fail "word model as text model: rc $rc $(cat "$T/err")"
    BROADSHEET_MODELS=$M "$B" reflow -q --text-model "$T/none.bsm" "$zh" -o "$T/tm3" 2> "$T/err"
    rc=$?; [ $rc -eq 2 ] && grep -q "none.bsm: cannot open language model" "$T/err" \
        || fail "missing text model: rc $rc $(cat "$T/err")"
    mkdir -p "$T/model-dir"
    BROADSHEET_MODELS=$M "$B" reflow -q --text-model "$T/model-dir" "$zh" -o "$T/tm5" 2> "$T/err"
    rc=$?; [ $rc -eq 2 ] && grep -q "model-dir: not a language model file (a directory)" "$T/err" \
        || fail "directory as text model: rc $rc $(cat "$T/err")"
    "$B" reflow -q --no-models --text-model "$T/own-zh.bsm" "$zh" -o "$T/tm4" 2> "$T/err"
    rc=$?; [ $rc -eq 2 ] && grep -q "not with --no-models" "$T/err" \
        || fail "--text-model with --no-models: rc $rc $(cat "$T/err")"
    [ ! -e "$T/tm2" ] && [ ! -e "$T/tm4" ] || fail "output written after a usage error"
    # A text model where the language model belongs is not used as one.
    mkdir -p "$T/wrongmodels"; cp "$T/own-zh.bsm" "$T/wrongmodels/zh.bsm"
    BROADSHEET_MODELS=$T/wrongmodels "$B" reflow "$zh" -o "$T/tm5" 2> "$T/err" \
        || fail "text model as zh.bsm: exit $?"
    grep -q "zh.bsm: a text model, not a language model" "$T/err" \
        || fail "text model as zh.bsm not reported: $(cat "$T/err")"
    printf '会议强调\377。\n' > "$T/own-bad.txt"
    /usr/bin/python3 "$R/tools/build-models" --lang zh --text "$T/own-bad.txt" -o "$T/bad.bsm" \
        2> "$T/err" && fail "build-models --text took invalid UTF-8"
    grep -q "own-bad.txt: not UTF-8 at byte 12" "$T/err" || fail "bad text: $(cat "$T/err")"
    [ ! -e "$T/bad.bsm" ] || fail "a model was written from invalid text"
    /usr/bin/python3 "$R/tools/build-models" --lang en --text "$T/own.txt" -o "$T/bad.bsm" \
        2> "$T/err" && fail "build-models took Chinese text for English"
    grep -q "0% of the characters are Latin letters" "$T/err" || fail "wrong --lang: $(cat "$T/err")"
    /usr/bin/python3 "$R/tools/build-models" --lang zh --lines -o "$T/bad.bsm" 2> /dev/null \
        && fail "build-models took --lines without --text"
    [ ! -e "$T/bad.bsm" ] || fail "a model was written from refused options"
else
    echo "note: no $M/zh.bsm (make models): --text-model not tested"
fi

echo "reflow_cli: ok"
