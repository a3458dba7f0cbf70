#!/bin/sh
# tests/path_safety.sh: outputs stay inside the output folder whatever the
# input says.  Hostile values are planted where a path could be built from
# them: article ids, page numbers, labels and image names of an issue JSON
# (broadsheet report and reassemble), issue ids of a batch manifest ("..",
# "/abs", "a/../../b", ".hidden"), and symlinks in the output folder that
# point out of it.  After each command no file may exist outside OUT (a
# sibling "outside" folder and the parent folder are watched), and no
# symlink may have been written through.  The library itself must not
# start a shell: no system()/popen()/exec*() in src/ except the CLI.
set -u
: "${BS_BIN:?}" "${BS_ROOT:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
cd "$BS_TMP" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
IMG="$BS_ROOT/testdata/sample/en/p1.png"
[ -f "$IMG" ] || { echo "SKIP: $IMG missing"; exit 77; }

mkdir outside logs
# Every path under BS_TMP except the command's output folder and the logs.
snapshot() { find "$BS_TMP" \( -path "$BS_TMP/$1" -o -path "$BS_TMP/logs" \) -prune -o -print | LC_ALL=C sort; }

# ---- 1. report and reassemble: an issue JSON whose strings are paths ----
# ok.json: everything a path could be built from is hostile except the
# article ids, which the reader refuses when unsafe (hostile.json).
cat > ok.json <<JSON
{"format": "broadsheet-issue/1", "id": "../../issue-escape",
 "pages": [{"number": 1, "label": "../../label-escape", "image": "$IMG",
   "width": 1600, "height": 2200, "regions": [
   {"id": "../../region-escape", "role": "headline", "box": [100, 100, 600, 80],
    "lines": [{"text": "Council approves budget", "box": [100, 100, 600, 80]}]},
   {"id": "r2", "role": "body", "box": [100, 200, 600, 300],
    "lines": [{"text": "The council voted on Tuesday.", "box": [100, 200, 600, 40]}]}]}],
 "articles": [{"id": "a1", "title": "t", "text": "x",
    "parts": [{"page": 1, "regions": ["../../region-escape", "r2"]}]}]}
JSON
for id in '../../../crop-escape' '/tmp/abs-escape' '<script>alert(1)</script>' '.hidden' ''; do
    sed "s|\"id\": \"a1\"|\"id\": \"$id\"|" ok.json > hostile.json
    grep -q '"a1"' hostile.json && { fail "test bug: id not replaced"; continue; }
    rm -rf rep && mkdir rep && cp hostile.json rep/issue.json
    before=$(snapshot rep)
    "$BS_BIN" report rep >logs/report.log 2>&1
    rc=$?
    after=$(snapshot rep)
    [ "$before" = "$after" ] || fail "report with article id '$id' wrote outside its folder"
    [ $rc -eq 1 ] || fail "report with article id '$id': exit $rc, want 1"
    grep -q 'article id' logs/report.log || fail "report does not name the bad article id: $(tail -n 2 logs/report.log)"
    [ ! -e /tmp/abs-escape-1.jpg ] || { rm -f /tmp/abs-escape-1.jpg; fail "report wrote /tmp/abs-escape-1.jpg"; }
    rm -rf out1
    before=$(snapshot out1)
    "$BS_BIN" reassemble hostile.json -o out1 -q --no-models >logs/reassemble.log 2>&1
    rc=$?
    [ "$before" = "$(snapshot out1)" ] || fail "reassemble with article id '$id' wrote outside -o"
    [ $rc -eq 1 ] || fail "reassemble with article id '$id': exit $rc, want 1"
done

rm -rf rep && mkdir rep && cp ok.json rep/issue.json
before=$(snapshot rep)
"$BS_BIN" report rep >logs/report.log 2>&1 || fail "report of ok.json failed: $(tail -n 3 logs/report.log)"
[ "$before" = "$(snapshot rep)" ] || fail "report wrote outside its folder"
[ -f rep/report/index.html ] || fail "no report written"
ls rep/report/crops/*.jpg >/dev/null 2>&1 || fail "report wrote no crops (the check above proves nothing)"
before=$(snapshot out1)
"$BS_BIN" reassemble ok.json -o out1 -q --no-models >logs/reassemble.log 2>&1 ||
    fail "reassemble of ok.json failed: $(tail -n 3 logs/reassemble.log)"
[ "$before" = "$(snapshot out1)" ] || fail "reassemble wrote outside -o"

# ---- 2. symlinks in the output folder pointing out of it -----------------
for d in articles pages alto report; do
    rm -rf out2 && mkdir out2 && ln -s "$BS_TMP/outside" "out2/$d"
    "$BS_BIN" reassemble ok.json -o out2 -q --no-models >logs/symlink.log 2>&1
    rc=$?
    if [ -n "$(ls -A outside)" ]; then
        fail "reassemble wrote through a symlinked $d/: $(ls outside | head -5 | tr '\n' ' ')"
        rm -rf outside/*
    fi
    [ $rc -eq 1 ] || fail "reassemble with a symlinked $d/: exit $rc, want 1"
    grep -q "$d: is a symlink" logs/symlink.log || fail "refusal of symlinked $d/ does not say why: $(tail -n 2 logs/symlink.log)"
done

# A symlinked output file is replaced, never written through.
mkdir -p out3/articles
echo precious > outside/precious.txt
ln -s "$BS_TMP/outside/precious.txt" out3/articles/001.txt
ln -s "$BS_TMP/outside/precious.txt" out3/issue.json
"$BS_BIN" reassemble ok.json -o out3 -q --no-models >logs/file-symlink.log 2>&1 ||
    fail "reassemble over symlinked files failed: $(tail -n 2 logs/file-symlink.log)"
[ "$(cat outside/precious.txt)" = precious ] || fail "an output was written through a symlinked file"
[ -f out3/issue.json ] && [ ! -L out3/issue.json ] || fail "out3/issue.json is still a symlink"
rm -f outside/precious.txt

# ---- 3. batch: hostile issue ids in a manifest ---------------------------
# A small crop of the sample page keeps the five OCR runs short.
$PY -c "from PIL import Image; Image.open('$IMG').crop((0, 0, 400, 400)).save('small.png')" ||
    fail "cannot make small.png"
IMG="$BS_TMP/small.png"
cat > manifest.csv <<CSV
issue,page,path,lang
..,1,$IMG,eng
../escape-up,1,$IMG,eng
/abs-escape,1,$IMG,eng
a/../../escape-mid,1,$IMG,eng
.hidden,1,$IMG,eng
CSV
before=$(snapshot out4)
"$BS_BIN" batch manifest.csv -o out4 -j 1 --no-models -l eng >logs/batch.log 2>&1
rc=$?
after=$(snapshot out4)
[ "$before" = "$after" ] || fail "batch wrote outside -o"
[ ! -e /abs-escape ] || fail "batch created /abs-escape"
for d in out4/*/; do
    case "$(basename "$d")" in
        .*) fail "batch made a hidden issue folder: $d" ;;
    esac
done
[ -z "$(find out4 -type l)" ] || fail "batch left symlinks in its output"

# A symlink planted as an issue folder is refused by name, not followed.
mkdir -p out5
ln -s "$BS_TMP/outside" out5/planted
printf 'issue,page,path,lang\nplanted,1,%s,eng\n' "$IMG" > planted.csv
"$BS_BIN" batch planted.csv -o out5 -j 1 --no-models -l eng >logs/planted.log 2>&1
rc=$?
[ -z "$(ls -A outside)" ] || fail "batch wrote through a planted symlink"
[ $rc -ne 0 ] || fail "batch exit 0 although an issue folder was a symlink"
grep -q 'planted' logs/planted.log || fail "batch error does not name the planted folder"

# ---- 4. no shell in the library ------------------------------------------
for f in "$BS_ROOT"/src/*.c; do
    case "$(basename "$f")" in main.c|cmd_*.c) continue ;; esac
    if grep -nE '\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?)[[:space:]]*\(' "$f" |
        grep -v '^\s*[0-9]*:\s*\*' >/dev/null; then
        fail "$(basename "$f") starts a process or shell"
    fi
done

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "path safety: all checks passed"
