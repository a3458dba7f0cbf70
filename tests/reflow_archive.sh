#!/bin/sh
# reflow_archive.sh - pipeline/reflow-archive on an archive made of the
# Chinese fixtures.  Every issue is reflowed with the text model of the
# other fold, and no model holds a page of the fold it serves, not even
# through a symbolic link or a copy under another name; the output is
# what `broadsheet reflow --text-model` of that model writes.  Hidden
# files, other files and a name two entries share make no issue; a page
# that is not UTF-8 is left out of the model, named; a blank page gets
# its issue journaled "warn"; a rerun resumes and rewrites nothing; a
# second run on the same output is refused while one runs; a binary page
# fails its issue alone, named; too little text means no model, said; a
# capped model takes only issues that fit.  With ../shared, synthetic
# pages reflowed in an archive of other corpus stories must score higher
# than alone (the check that the models change the output).
set -u
B=${BS_BIN:?}; R=${BS_ROOT:?}; T=${BS_TMP:?}
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3
$PY -c 'import numpy' 2>/dev/null || { echo "SKIP: /usr/bin/python3 has no numpy (tools/build-models)"; exit 77; }
P=$R/pipeline/reflow-archive
F=$R/testdata/reflow
# The sanitizer-built binary finds no models beside it.
BROADSHEET_MODELS=${BS_BUILD:-$R/build}/models; export BROADSHEET_MODELS
[ -f "$BROADSHEET_MODELS/zh.bsm" ] || fail "no $BROADSHEET_MODELS/zh.bsm (make models)"
tab=$(printf '\t')

# Folds (CRC-32 of the name, mod 2): 0 holds page, twin-hant, long, gbk;
# 1 holds link (a symbolic link to page), hant (the bytes of twin-hant),
# tail, blank.
A=$T/archive
mkdir -p "$A/page" "$A/tail" "$A/blank" "$A/clash"
cp "$F/zh_page.txt" "$A/page/p1.txt"
cp "$F/zh_moved.txt" "$A/page/p2.txt"
cp "$F/zh_hant.txt" "$A/page/._p3.txt"          # hidden: no page
ln -s page "$A/link"
cp "$F/zh_hant.txt" "$A/hant.txt"
cp "$F/zh_hant.txt" "$A/twin-hant.txt"
cp "$F/zh_columns.txt" "$A/long.txt"
cp "$F/zh_page_end.txt" "$A/tail/p1.txt"
cp "$F/zh_printed.txt" "$A/tail/p2.txt"
iconv -f UTF-8 -t GB18030 "$F/zh_columns.txt" > "$A/gbk.txt"
cp "$F/zh_printed.txt" "$A/blank/p1.txt"
: > "$A/blank/p2.txt"                           # an empty page
cp "$F/zh_page.txt" "$A/clash/p1.txt"; cp "$F/zh_page.txt" "$A/clash.txt"   # one name, two entries
echo "not a page" > "$A/notes.md"
mkdir -p "$A/.cache"; cp "$F/zh_page.txt" "$A/.cache/p1.txt"
n_issues=8

"$P" "$A" -o "$T/out" --bin "$B" --min-model-kb 0 -j 2 > "$T/log" 2>&1; rc=$?
[ $rc -eq 1 ] || { cat "$T/log"; fail "exit $rc (the blank page should make it 1)"; }
[ "$(wc -l < "$T/out/journal.tsv")" -eq $n_issues ] || fail "journal: $(cat "$T/out/journal.tsv")"
grep -q "^blank${tab}warn${tab}" "$T/out/journal.tsv" || fail "blank page: $(cat "$T/out/journal.tsv")"
grep -q "issue blank written with errors" "$T/log" || fail "blank page not reported: $(cat "$T/log")"
grep -q "gbk.txt: not UTF-8 at byte" "$T/log" || fail "GB18030 page not named: $(cat "$T/log")"
grep -q "^gbk${tab}ok${tab}" "$T/out/journal.tsv" || fail "GB18030 issue not reflowed"
grep -q "clash: two entries make this issue" "$T/log" || fail "name clash not said: $(cat "$T/log")"
! grep -q "^clash${tab}" "$T/out/journal.tsv" || fail "name clash reflowed"
[ ! -e "$T/out/notes" ] || fail "notes.md read as an issue"
! grep -q '^\.cache' "$T/out/journal.tsv" || fail "a hidden folder read as an issue"
[ -e "$T/out/page/pages/p002.txt" ] && [ ! -e "$T/out/page/pages/p003.txt" ] || fail "hidden page read"

# Cross-fitting by bytes: no page of an issue is a page of an issue its
# model was built from; both folds have a model.
while IFS="$tab" read -r issue status model; do
    [ -s "$T/out/$issue/issue.json" ] || fail "$issue: no issue.json"
    [ "$model" != - ] || fail "$issue: reflowed without a model"
    list=$T/out/.models/${model%.bsm}.issues
    [ -s "$list" ] || fail "$issue: no listing $list"
    for used in $(cut -f1 "$list"); do
        [ "$used" != "$issue" ] || fail "$issue reflowed with a model of its own text"
        for mine in "$A/$issue"/*.txt "$A/$issue.txt"; do
            [ -f "$mine" ] || continue
            for theirs in "$A/$used"/*.txt "$A/$used.txt"; do
                [ -f "$theirs" ] || continue
                ! cmp -s "$mine" "$theirs" || fail "$issue's model holds its page $mine (as $theirs)"
            done
        done
    done
done < "$T/out/journal.tsv"
[ "$(cut -f3 "$T/out/journal.tsv" | sort -u | wc -l)" -eq 2 ] || fail "not two folds' models"
[ "$(cut -f1 "$T/out/.models/zh-fold1-of-2.issues")" = long ] \
    || fail "fold 1 model: $(cat "$T/out/.models/zh-fold1-of-2.issues") (page, twin-hant are copies, gbk not UTF-8)"

# The output is what reflow writes with that model: two pages, stitched.
model=$(grep "^page$tab" "$T/out/journal.tsv" | cut -f3)
"$B" reflow -q "$A/page/p1.txt" "$A/page/p2.txt" --text-model "$T/out/.models/$model" -o "$T/by-hand" \
    || fail "reflow by hand"
for f in "$T/by-hand"/articles/*.txt; do
    cmp -s "$f" "$T/out/page/articles/$(basename "$f")" || fail "page $(basename "$f") differs from reflow --text-model"
done

# A rerun resumes: nothing is redone, nothing rewritten ("warn" is done).
before=$(stat -c %Y "$T/out/page/issue.json")
sleep 1
"$P" "$A" -o "$T/out" --bin "$B" --min-model-kb 0 > "$T/log2" 2>&1 || fail "rerun exit $?"
grep -q "all $n_issues issues done" "$T/log2" || fail "rerun: $(cat "$T/log2")"
[ "$(stat -c %Y "$T/out/page/issue.json")" = "$before" ] || fail "rerun rewrote page"

# A binary page fails its issue, named; the other issues are done; exit 1.
mkdir -p "$A/broken"
head -c 4096 /dev/urandom > "$A/broken/p1.txt"; printf '\000\000' >> "$A/broken/p1.txt"
# A second run on the same output while one holds it is refused (there
# is work left: the broken issue).
$PY -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); open(sys.argv[2], "w").close(); time.sleep(60)' \
    "$T/out/journal.tsv" "$T/locked" & holder=$!
n=0; while [ ! -e "$T/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
"$P" "$A" -o "$T/out" --bin "$B" --min-model-kb 0 > "$T/log-lock" 2>&1; rc=$?
kill $holder; wait $holder 2>/dev/null
[ $rc -eq 2 ] && grep -q "another reflow-archive is writing there" "$T/log-lock" \
    || fail "concurrent run: exit $rc $(cat "$T/log-lock")"

"$P" "$A" -o "$T/out" --bin "$B" --min-model-kb 0 > "$T/log3" 2>&1; rc=$?
[ $rc -eq 1 ] || fail "broken issue: exit $rc"
grep -q "broken/p1.txt" "$T/log3" || fail "broken page not named: $(cat "$T/log3")"
grep -q "issue broken failed" "$T/log3" || fail "broken issue not reported: $(cat "$T/log3")"
! grep -q "^broken$tab" "$T/out/journal.tsv" || fail "broken issue journaled"
rm -r "$A/broken"

# Too little text (the default 64 KB): no model, said, the issues reflowed.
"$P" "$A" -o "$T/small" --bin "$B" > "$T/log4" 2>&1; rc=$?
[ $rc -eq 1 ] || fail "small archive: exit $rc"
grep -q "reflowed with the shipped models alone" "$T/log4" || fail "no note on the missing model: $(cat "$T/log4")"
[ "$(grep -c "${tab}-\$" "$T/small/journal.tsv")" -eq $n_issues ] || fail "small archive: $(cat "$T/small/journal.tsv")"

# A model of at most 2 KB: fold 0's takes tail (1.3 KB); fold 1's only
# candidate, long (21 KB), does not fit, so fold 1 has no model.
"$P" "$A" -o "$T/capped" --bin "$B" --min-model-kb 0 --max-model-kb 2 > "$T/log6" 2>&1
[ "$(cut -f1 "$T/capped/.models/zh-fold0-of-2.issues")" = tail ] \
    || fail "capped fold 0: $(cat "$T/capped/.models/zh-fold0-of-2.issues")"
[ ! -e "$T/capped/.models/zh-fold1-of-2.bsm" ] || fail "capped fold 1 built a model"
grep -q "^hant${tab}ok${tab}-\$" "$T/capped/journal.tsv" && grep -q "^page${tab}ok${tab}zh-fold0" "$T/capped/journal.tsv" \
    || fail "capped: $(cat "$T/capped/journal.tsv")"

# Usage errors.
"$P" "$A" -o "$T/x" --folds 1 > /dev/null 2>&1; [ $? -eq 2 ] || fail "--folds 1 accepted"
"$P" "$A" -o "$T/x" --max-model-kb 0 > /dev/null 2>&1; [ $? -eq 2 ] || fail "--max-model-kb 0 accepted"
"$P" "$A" -o "$T/x" --from-encoding NOPE > /dev/null 2>&1; [ $? -eq 2 ] || fail "--from-encoding NOPE accepted"
"$P" "$A" -o "$T/x" --bin "$T/none" > /dev/null 2>&1; [ $? -eq 2 ] || fail "missing --bin accepted"
"$P" "$T/none" -o "$T/x" > "$T/log5" 2>&1; [ $? -eq 2 ] && grep -q "none: not a folder" "$T/log5" || fail "missing archive"
: > "$T/a-file"
"$P" "$A" -o "$T/a-file" --bin "$B" > "$T/log7" 2>&1; [ $? -eq 2 ] && grep -q "a-file" "$T/log7" \
    || fail "-o a file: $(cat "$T/log7")"

# What the archive teaches (with ../shared): 100 corpus stories, damaged
# by tools/reflow-synth, reflowed alone and as part of an archive of 1,500
# other stories; the archive's models must restore more of them (measured
# 0.9779 -> 0.9952 on this seed; the README's table has the full sets).
if [ -n "${BS_SHARED:-}" ] && [ -d "$BS_SHARED/corpora/zh_xwlb" ]; then
    S="$R/tools/reflow-synth --lang zh --articles 100 --seed 11 --bin $B --shared $BS_SHARED"
    plain=$($S --work "$T/synth-plain" | $PY -c 'import json,sys; print(json.load(sys.stdin)["aca"])') \
        || fail "reflow-synth"
    arch=$($S --archive 1500 --work "$T/synth-archive" | $PY -c 'import json,sys; print(json.load(sys.stdin)["aca"])') \
        || fail "reflow-synth --archive"
    echo "synthetic aca: alone $plain, in the archive $arch"
    $PY -c "import sys; sys.exit(0 if $arch >= $plain + 0.005 else 1)" \
        || fail "the archive's models did not help: aca $plain alone, $arch in the archive"
else
    echo "no ../shared corpora: the synthetic archive part is skipped"
fi
echo "reflow_archive: ok"
