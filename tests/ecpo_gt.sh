#!/bin/sh
# ecpo_gt.sh - tools/ecpo-to-gt on the real 晶報 issue (../shared/realdata/
# ecpo-jingbao; skipped when absent): 8 pages numbered 1..8, two per fold
# image with recto on the left; per page as many articles as the XML has
# <div type="article"> inside that page (counted here with awk, independently
# of the converter's parser; the folds' totals are README.txt's 24, 26, 13,
# 13); adverts, mastheads and margins (running heads 第X版, 中縫 slogans) are
# not among the articles; every article has a body; region polygons land on
# their page's half; and the GT scored against itself gives aca 1.
set -eu
: "${BS_ROOT:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
D="${BS_SHARED:-$BS_ROOT/../shared}/realdata/ecpo-jingbao"
[ -d "$D" ] || { echo "SKIP: no $D (../shared absent)"; exit 77; }
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

$PY "$BS_ROOT/tools/ecpo-to-gt" --data "$D" -o gt.json || fail "ecpo-to-gt exited $?"

# articles per page straight from the XML text: a div with n="N" and page= opens page N;
# the fold-level 中縫 margin (a type="margin" div at the fold level, 4 spaces deep or none)
# ends it
: > counts.txt
for f in "$D"/jb_3795_1939-04-21_*.xml; do
    awk '
        /<div[^>]* n="[0-9]+"/ && /page="(recto|verso)"/ {
            match($0, / n="[0-9]+"/); page = substr($0, RSTART + 4, RLENGTH - 5); next }
        /^    <div type="margin"/ || /^<div type="margin"/ { page = "" }
        /type="article"/ { if (page != "") n[page]++; else orphan++ }
        END { for (p in n) print p, n[p]; if (orphan) print "orphan", orphan }
    ' "$f" >> counts.txt
done
sort -n counts.txt > want.txt
grep -q orphan want.txt && fail "articles outside any page in the XML: $(cat want.txt)"

$PY - want.txt <<'PYEOF' || exit 1
import json, sys
def fail(m):
    print("FAIL:", m); sys.exit(1)
gt = json.load(open('gt.json'))
want = {int(l.split()[0]): int(l.split()[1]) for l in open(sys.argv[1]) if l.strip()}
pages = gt['pages']
if [p['number'] for p in pages] != list(range(1, 9)):
    fail('pages %r, want 1..8' % [p['number'] for p in pages])
if gt['lang'] != 'zh-Hant':
    fail('lang %r' % gt['lang'])
files = {}
for p in pages:
    files.setdefault(p['file'], []).append(p)
if len(files) != 4 or any(len(v) != 2 for v in files.values()):
    fail('pages per fold image: %r' % {k: [p['number'] for p in v] for k, v in files.items()})
side = {p['number']: p['side'] for p in pages}
# README.txt: page 1 left, page 4 right; the running heads 第X版 of the scans: 3|2, 5|8, 7|6
if side != {1: 'left', 4: 'right', 3: 'left', 2: 'right', 5: 'left', 8: 'right', 7: 'left', 6: 'right'}:
    fail('sides %r' % side)
for f in gt['folds']:
    l, r = f['pages']
    if side[l] != 'left' or side[r] != 'right' or not 0.4 * f['width'] < f['split_x'] < 0.6 * f['width']:
        fail('fold %r' % f)
got = {}
for a in gt['articles']:
    got[a['parts'][0]['page']] = got.get(a['parts'][0]['page'], 0) + 1
if got != want:
    fail('articles per page %r, XML has %r' % (got, want))
folds = {}
for p in pages:
    folds[p['file']] = folds.get(p['file'], 0) + got[p['number']]
if sorted(folds.values()) != sorted([24, 26, 13, 13]):
    fail('articles per fold %r, README.txt says 24, 26, 13, 13' % folds)
ids = {a['id'] for a in gt['articles']}
ads = gt['adverts']
if len(ads) < 20 or ids & {d['id'] for d in ads}:
    fail('%d adverts, shared ids %r' % (len(ads), ids & {d['id'] for d in ads}))
bodies = [''.join(a['body']) for a in gt['articles']]
for d in ads:
    t = d['text'].replace('\n', '')
    if len(t) >= 8 and any(t in b for b in bodies):
        fail('advert %s inside an article: %r' % (d['id'], t[:30]))
for b in bodies:
    if not b:
        fail('an article without body')
    for furn in ('晶報星期五第', '本報忠實報道新聞', '廣吿刊例', '定報價目', 'The Crystal'):
        if furn in b.replace('\u3000', ''):
            fail('page furniture %r in an article body' % furn)
if sum(1 for a in gt['articles'] if a['title']) < 70:
    fail('only %d titled articles' % sum(1 for a in gt['articles'] if a['title']))
for p in pages:
    x0, _, w, _ = p['crop']
    for r in p['regions']:
        cx = r['box'][0] + r['box'][2] / 2
        if not x0 <= cx < x0 + w:
            fail('page %d: region %r centre outside its half' % (p['number'], r['box']))
    if not any(r['role'] == 'advert' for r in p['regions']) and p['number'] != 5:
        fail('page %d: no advert region' % p['number'])
out = {'articles': [{'title': a['title'], 'text': ''.join(a['body']),
                     'pages': [a['parts'][0]['page']]} for a in gt['articles']]}
json.dump(out, open('self.json', 'w'), ensure_ascii=False)
print('ok: %d articles, %d adverts' % (len(gt['articles']), len(ads)))
PYEOF

if [ -n "${BS_BIN:-}" ]; then
    $BS_BIN eval gt.json self.json --json > self-score.json || fail "broadsheet eval exited $?"
    grep -q '"aca": 1.0,' self-score.json || fail "GT against itself: $(cat self-score.json)"
fi
echo "ecpo_gt: ok"
