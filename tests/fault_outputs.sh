#!/bin/sh
# fault_outputs.sh - faults while outputs are written: a file-size limit
# (ulimit -f, with SIGXFSZ ignored so write() fails with EFBIG, and with
# it on so the process is killed in the middle of a write), a full disk (a
# small tmpfs), a read-only output folder (written by an unprivileged
# user), SIGKILL at many points of a run that writes a report, and
# reruns that fail (nothing read, an encoding error part way) or write
# fewer pages than the earlier run.
#
# After each fault: the exit code is non-zero, the error names the file or
# folder, and every file in the output folder is whole: byte-identical to
# the earlier run's or to the new run's (no half-written file, nothing
# earlier lost).  Temporary files of a killed writer (NAME.tmp.XXXXXX) are
# allowed, nothing else.  The tmpfs and unprivileged cases need root (CI
# runs as root) and are skipped, with a note, where that is not possible.
set -u
: "${BS_BIN:?}" "${BS_ROOT:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
cd "$BS_TMP" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
OLD_IN=$BS_ROOT/testdata/reflow/zh_page.txt
NEW_IN=$BS_ROOT/testdata/reflow/en_page.txt
IMG=$BS_ROOT/testdata/sample/en/p1.png
[ -f "$OLD_IN" ] && [ -f "$NEW_IN" ] && [ -f "$IMG" ] || { echo "SKIP: fixtures missing"; exit 77; }

# Reference outputs: the earlier run (old) and a complete run of the new
# input (new), into their own folders.
"$BS_BIN" reflow -q "$OLD_IN" -o old || { echo "FAIL: reference run"; exit 1; }
"$BS_BIN" reflow -q "$NEW_IN" -o new || { echo "FAIL: reference run"; exit 1; }

# whole DIR: every file of DIR equals old/ or new/ at the same path, and
# every file of old/ is still there (a new run may only replace files).
whole() {
    $PY - "$1" old new <<'PYEOF'
import os, re, sys
d, old, new = sys.argv[1:4]
bad = []
def files(root):
    out = set()
    for top, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(top, n), root))
    return out
def content(p):
    data = open(p, 'rb').read()
    # The report's pages table shows seconds per stage: numbers aside, a
    # whole page is the same page.
    return re.sub(rb'[0-9]', b'0', data) if p.endswith('.html') else data
def same(a, b):
    return os.path.exists(b) and content(a) == content(b)
for rel in sorted(files(d)):
    p = os.path.join(d, rel)
    if re.search(r'\.tmp\.[A-Za-z0-9]{6}$', rel):
        continue
    if not (same(p, os.path.join(old, rel)) or same(p, os.path.join(new, rel))):
        bad.append('half-written or foreign: ' + rel)
for rel in sorted(files(old)):
    if not os.path.exists(os.path.join(d, rel)):
        bad.append('earlier output lost: ' + rel)
if bad:
    print('\n'.join(bad))
sys.exit(1 if bad else 0)
PYEOF
}

fresh() { rm -rf "$1"; cp -a old "$1"; }

# ---- 1. file-size limit, SIGXFSZ ignored: write() fails with EFBIG ------
# 4 KB is below issue.json (about 30 KB) and above the article files.
fresh fsz
bash -c 'ulimit -f 4; trap "" XFSZ; exec "$0" reflow -q "$1" -o fsz' "$BS_BIN" "$NEW_IN" 2>fsz.err
rc=$?
[ $rc -eq 1 ] || fail "file-size limit: exit $rc, want 1"
grep -q "fsz/.*: write failed: File too large" fsz.err || fail "file-size limit: file not named: $(cat fsz.err)"
whole fsz || fail "file-size limit: outputs not whole"
ls fsz | grep -q '\.tmp\.' && fail "file-size limit: temporary file left after a failed write"

# ---- 2. file-size limit, SIGXFSZ on: killed in the middle of a write ----
fresh kill
bash -c 'ulimit -f 4; exec "$0" reflow -q "$1" -o kill' "$BS_BIN" "$NEW_IN" 2>/dev/null
rc=$?
[ $rc -ne 0 ] || fail "killed by SIGXFSZ: exit 0"
whole kill || fail "killed by SIGXFSZ: outputs not whole"

# ---- 3. full disk: a 40 KB tmpfs holding the earlier outputs ------------
if [ "$(id -u)" -eq 0 ] && mkdir -p disk && mount -t tmpfs -o size=40k tmpfs disk 2>/dev/null; then
    cp -a old/. disk/
    "$BS_BIN" reflow -q "$NEW_IN" -o disk 2>disk.err
    rc=$?
    [ $rc -eq 1 ] || fail "full disk: exit $rc, want 1"
    grep -q "disk/.*No space left on device" disk.err || fail "full disk: not named: $(cat disk.err)"
    rm -rf diskcopy && cp -a disk diskcopy
    umount disk
    whole diskcopy || fail "full disk: outputs not whole"
else
    echo "note: full-disk case skipped (needs root and tmpfs mounts)"
fi

# ---- 4. read-only output folder: written by an unprivileged user --------
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
    fresh ro
    chmod -R a+rX ro && chmod 755 "$BS_TMP"
    setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$BS_BIN" reflow -q "$NEW_IN" -o ro 2>ro.err
    rc=$?
    [ $rc -eq 1 ] || fail "read-only folder: exit $rc, want 1"
    grep -q "ro/.*Permission denied" ro.err || fail "read-only folder: not named: $(cat ro.err)"
    whole ro || fail "read-only folder: outputs not whole"
else
    echo "note: read-only case skipped (needs root to switch to an unprivileged user)"
fi

# ---- 5. a rerun that fails keeps the earlier outputs -------------------
# Nothing read (a missing file): the folder is left as it was, not
# replaced by an empty issue.
fresh none
"$BS_BIN" reflow -q missing.txt -o none 2>none.err
rc=$?
[ $rc -eq 1 ] || fail "nothing read: exit $rc, want 1"
grep -q "missing.txt" none.err || fail "nothing read: file not named: $(cat none.err)"
diff -r old none >/dev/null || fail "nothing read: earlier outputs changed"
# An article the encoding cannot hold, after others it can: the set stays
# the earlier one whole (no article in the new encoding, no temp file).
printf 'FIRST STORY\n\nCaf\303\251 opens on Main Street.\n\nSECOND STORY\n\nThe bridge is closed.\n\nTHIRD STORY\n\nA dash \342\200\224 here.\n' > latin.txt
"$BS_BIN" reflow -q latin.txt -o enc || fail "reflow latin.txt"
cp -a enc enc.before
"$BS_BIN" reflow -q latin.txt -o enc --encoding ISO-8859-1 2>enc.err
rc=$?
[ $rc -eq 1 ] || fail "encoding error: exit $rc, want 1"
grep -q "U+2014" enc.err || fail "encoding error: character not named: $(cat enc.err)"
diff -r enc.before enc >/dev/null || fail "encoding error: output set half old, half new"
"$BS_BIN" reflow -q latin.txt -o enc --encoding ISO-8859-1 --encoding-fallback 2>/dev/null ||
    fail "encoding fallback: exit non-zero"
grep -q "$(printf 'Caf\351')" enc/articles/*.txt || fail "encoding fallback: not ISO-8859-1"
# Fewer pages than the earlier run: the pages gone leave no files.
"$BS_BIN" reflow -q latin.txt latin.txt -o two || fail "reflow two pages"
[ -f two/pages/p002.txt ] || fail "two pages: no pages/p002.txt"
"$BS_BIN" reflow -q latin.txt -o two || fail "reflow one page"
[ -f two/pages/p002.txt ] && fail "one page: stale pages/p002.txt left"
[ -f two/pages/p001.txt ] || fail "one page: pages/p001.txt missing"

# ---- 6. SIGKILL at many points of a run with a report -------------------
# The report writes page images and crops after issue.json and the text
# files, so kills land in every phase.  The old and new outputs here are
# two complete runs of the same page model with different article splits.
"$BS_BIN" run -q -l eng "$IMG" -o ocr --no-report 2>/dev/null || { echo "FAIL: OCR run"; exit 1; }
rm -rf old new
"$BS_BIN" reassemble -q ocr/issue.json -o old --report --no-models || fail "reassemble (old)"
"$BS_BIN" reassemble -q ocr/issue.json -o new --report || fail "reassemble (new)"
# Timings differ from run to run: compare the JSON files without them.
strip_times() {
    for f in "$1/issue.json" "$1/report/qc.json"; do
        [ -f "$f" ] || continue
        $PY - "$f" <<'PYEOF' || echo "not JSON: $f"
import json, sys
p = sys.argv[1]
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != 'seconds'}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
d = strip(json.load(open(p)))
open(p, 'w').write(json.dumps(d, sort_keys=True))
PYEOF
    done
}
strip_times old; strip_times new
for delay in 0.05 0.1 0.2 0.3 0.4 0.5 0.7 0.9 1.2 1.6; do
    fresh k
    "$BS_BIN" reassemble -q ocr/issue.json -o k --report >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if ! $PY -c 'import json,sys; json.load(open(sys.argv[1]))' k/issue.json 2>/dev/null; then
        fail "kill after ${delay}s: issue.json half-written"; continue
    fi
    strip_times k
    whole k || fail "kill after ${delay}s: outputs not whole"
done

# ---- 7. reruns of run, reassemble and layout -----------------------------
# run with nothing read keeps the earlier outputs (here ocr/, from above).
cp -a ocr ocr.before
: > empty.png
"$BS_BIN" run -q empty.png -o ocr 2>run.err
rc=$?
[ $rc -eq 1 ] || fail "run, nothing read: exit $rc, want 1"
grep -q "empty.png" run.err || fail "run, nothing read: file not named: $(cat run.err)"
diff -r ocr.before ocr >/dev/null || fail "run, nothing read: earlier outputs changed"
# Two pages, then one: page 2's ALTO, text and report picture go.
$PY - ocr/issue.json two.json <<'PYEOF'
import copy, json, sys
d = json.load(open(sys.argv[1]))
p2 = copy.deepcopy(d['pages'][0])
p2['number'] = 2
for r in p2['regions']:
    r['article'] = None
d['pages'].append(p2)
d['articles'] = []
json.dump(d, open(sys.argv[2], 'w'))
PYEOF
"$BS_BIN" reassemble -q two.json -o re --report || fail "reassemble two pages"
for f in alto/p002.xml pages/p002.txt report/pages/p002.jpg; do
    [ -f "re/$f" ] || fail "two pages: no $f"
done
"$BS_BIN" reassemble -q ocr/issue.json -o re --report || fail "reassemble one page"
for f in alto/p002.xml pages/p002.txt report/pages/p002.jpg; do
    [ -f "re/$f" ] && fail "one page: stale $f left"
done
grep -q p002 re/mets.xml && fail "one page: mets.xml names page 2"
# layout under a file-size limit: the earlier picture stays whole and the
# error says why.
"$BS_BIN" layout "$IMG" -o lay.png 2>/dev/null || fail "layout"
cp lay.png lay.before
bash -c 'ulimit -f 20; trap "" XFSZ; exec "$0" layout "$1" -o lay.png' "$BS_BIN" "$IMG" 2>lay.err
rc=$?
[ $rc -eq 1 ] || fail "layout, file-size limit: exit $rc, want 1"
grep -q "lay.png: write failed: File too large" lay.err || fail "layout: no reason: $(cat lay.err)"
cmp -s lay.png lay.before || fail "layout, file-size limit: lay.png replaced"
ls | grep -q 'lay.png.tmp' && fail "layout: temporary file left"

[ $fails -eq 0 ] || exit 1
echo "fault_outputs: ok"
