#!/bin/sh
# mkissue_vertical.sh - tools/mkissue --layout vertical: the ground truth of a
# generated vertical issue (single pages and a --spread) is sound: article
# boxes and advert boxes do not overlap on a page, every article's body
# columns stand right to left (each column wholly left of the one before it,
# top to bottom inside), are taller than wide and rejoin to the body, heads
# and bodies carry a direction, adverts are not articles, spreads pair pages
# as a printed sheet (4 pages: 1|4 and 3|2; 2 pages: 1|2) with every box inside its page's
# half; the same arguments give the same bytes; and the committed sample
# testdata/vertical is what its README command makes (same GT).
set -eu
: "${BS_ROOT:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
MK="$BS_ROOT/tools/mkissue"
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

$PY "$MK" --lang zh-Hant --layout vertical --seed 5 --pages 2 --corpus fallback --dpi 200 \
    --clean -o single >/dev/null || fail "mkissue vertical exited $?"
$PY "$MK" --lang zh --layout vertical --spread --seed 6 --pages 4 --corpus fallback --dpi 200 \
    --clean -o spread >/dev/null || fail "mkissue vertical --spread exited $?"
$PY "$MK" --lang zh-Hant --layout vertical --seed 5 --pages 2 --corpus fallback --dpi 200 \
    --clean -o again >/dev/null || fail "second run exited $?"
cmp single/p1.png again/p1.png || fail "same arguments, different page image"
cmp single/issue.json again/issue.json || fail "same arguments, different issue.json"
$PY "$MK" --lang en --layout vertical --seed 1 -o en >/dev/null 2>&1 && fail "vertical English accepted"

$PY - "$BS_ROOT" <<'PYEOF' || exit 1
import json, os, sys
root = sys.argv[1]
def fail(m):
    print("FAIL:", m); sys.exit(1)

def inter(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)

def check(path, spread):
    gt = json.load(open(path))
    if gt.get('layout') != 'vertical':
        fail('%s: layout not vertical' % path)
    pages = {p['number']: p for p in gt['pages']}
    heads = set()
    for pno, p in pages.items():
        arts = [(a, pt) for a in gt['articles'] for pt in a['parts'] if pt['page'] == pno]
        ads = [ad for ad in gt['adverts'] if ad['page'] == pno]
        if len(arts) < 3:
            fail('%s page %d: only %d articles' % (path, pno, len(arts)))
        boxes = [('article %d' % a['id'], pt['rect']) for a, pt in arts] + \
                [('advert %s' % ad['id'], ad['rect']) for ad in ads]
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if inter(boxes[i][1], boxes[j][1]) > 0:
                    fail('%s page %d: %s %r overlaps %s %r' % (path, pno, boxes[i][0], boxes[i][1],
                                                             boxes[j][0], boxes[j][1]))
        crop = p.get('crop', [0, 0, p['width'], p['height']])
        for name, b in boxes:
            if b[0] < crop[0] or b[0] + b[2] > crop[0] + crop[2] or b[1] + b[3] > crop[3]:
                fail('%s page %d: %s %r outside its page %r' % (path, pno, name, b, crop))
        for a, pt in arts:
            if pt.get('direction') != 'vertical' or pt.get('head_direction') not in ('vertical', 'horizontal'):
                fail('article %d: directions %r %r' % (a['id'], pt.get('direction'), pt.get('head_direction')))
            heads.add(pt['head_direction'])
            cols = pt['column_rects']
            if not cols or len(cols) != pt['ncols']:
                fail('article %d: %d column rects, ncols %r' % (a['id'], len(cols), pt['ncols']))
            for k, c in enumerate(cols):
                if c[3] <= c[2] and len(cols) > 1 and k < len(cols) - 1:
                    fail('article %d column %d not taller than wide: %r' % (a['id'], k, c))
                if k and not c[0] + c[2] <= cols[k - 1][0]:
                    fail('article %d: column %d %r not left of column %d %r (right to left)' % (
                        a['id'], k, c, k - 1, cols[k - 1]))
                if inter(c, pt['rect']) != c[2] * c[3]:
                    fail('article %d: column %r outside its rect %r' % (a['id'], c, pt['rect']))
            # the page's column regions, in order, rejoin to the body
            regs = [r for r in p['regions'] if r['role'] == 'column' and r['article'] == a['id']]
            if [r['column'] for r in regs] != list(range(len(cols))):
                fail('article %d: column regions out of order' % a['id'])
            if ''.join(r['text'] for r in regs) != ''.join(a['body']):
                fail('article %d: columns do not rejoin to the body' % a['id'])
            if not a['title'] or a['title'] in ''.join(a['body'])[:len(a['title'])]:
                fail('article %d: title missing or set as body' % a['id'])
        for ad in ads:
            if any(ad['text'].split('\n')[0] in ''.join(a['body']) for a, _ in arts):
                fail('advert text inside an article: %r' % ad['text'])
    if heads != {'vertical', 'horizontal'}:
        fail('%s: head directions seen %r, want both' % (path, heads))
    if spread:
        folds = gt['folds']
        want = {4: [[1, 4], [3, 2]], 2: [[1, 2]]}[len(pages)]
        if [f['pages'] for f in folds] != want:
            fail('spread pairs %r, want %r' % ([f['pages'] for f in folds], want))
        for f in folds:
            l, r = pages[f['pages'][0]], pages[f['pages'][1]]
            if l['file'] != f['file'] or r['file'] != f['file'] or l['side'] != 'left' or r['side'] != 'right':
                fail('fold %s: pages not on it as left/right' % f['file'])
            if not l['crop'][0] + l['crop'][2] <= f['split_x'] <= r['crop'][0]:
                fail('fold %s: split_x %d not between the pages' % (f['file'], f['split_x']))
    return gt

check('single/issue.json', False)
check('spread/issue.json', True)
sample = os.path.join(root, 'testdata', 'vertical', 'issue.json')
if os.path.exists(sample):
    check(sample, True)
print('ok')
PYEOF

# the committed sample is reproducible from its README command (the GT, which
# does not depend on the font rasterizer's last bits)
if [ -f "$BS_ROOT/testdata/vertical/issue.json" ]; then
    cmdline=$(grep '^tools/mkissue .*--layout vertical' "$BS_ROOT/testdata/vertical/README.md" | head -n1)
    [ -n "$cmdline" ] || fail "no mkissue command in testdata/vertical/README.md"
    # shellcheck disable=SC2086
    set -- $(echo "$cmdline" | sed 's/ -o [^ ]*//; s/^tools\/mkissue //')
    $PY "$MK" "$@" -o sample >/dev/null || fail "README command failed"
    cmp sample/issue.json "$BS_ROOT/testdata/vertical/issue.json" || fail "testdata/vertical/issue.json is not what its README command makes"
fi
echo "mkissue_vertical: ok"
