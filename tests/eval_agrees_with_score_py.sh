#!/bin/sh
# `broadsheet eval` must give the referee's numbers.  From each ground truth
# in shared/eval/dev this builds outputs with known faults (perfect, merged
# in pairs, one dropped, fragments swapped, truncated, titles removed, pages
# changed, jumps not followed, jump lines left in, OCR-like noise, ...),
# scores each with shared/eval/score.py and with `broadsheet eval --json`,
# and requires every metric to agree within 0.005 (null with null, counts
# exactly).  Then the same through the several-pairs and --set forms, and
# the exit codes for bad input.
set -u
BIN="${BS_BIN:?}"
SHARED="${BS_SHARED:-${BS_ROOT:?}/../shared}"
EVAL="$SHARED/eval"
PY=/usr/bin/python3
if [ ! -f "$EVAL/score.py" ] || ! ls "$EVAL"/dev/*.json >/dev/null 2>&1; then
    echo "SKIP: no shared/eval/score.py and dev/*.json beside the repository"
    exit 77
fi
if [ ! -x "$PY" ] || ! "$PY" -c 'import Levenshtein' 2>/dev/null; then
    echo "SKIP: $PY with python3-levenshtein (Debian) is needed to run score.py"
    exit 77
fi
T="${BS_TMP:-$(mktemp -d)}"

"$PY" - "$BIN" "$EVAL" "$T" <<'EOF'
import glob, json, os, random, subprocess, sys

bin_, evaldir, tmp = sys.argv[1:4]
score_py = os.path.join(evaldir, 'score.py')
TOL = 0.005  # agreement required on every score (they are printed to 4 decimals)
KEYS = ['aca', 'complete', 'jump_recall', 'jump_precision', 'title_acc',
        'n_articles', 'n_jumps', 'n_out']

def pages(a):
    return sorted({p['page'] for p in a['parts']})

def ptext(part):
    # The text shown in one part: a string or a list of paragraph pieces.
    t = part.get('text', '')
    return '\n'.join(t) if isinstance(t, list) else t

def art(a, text=None, title=None, pg=None):
    return {'title': a['title'] if title is None else title,
            'text': '\n'.join(a['body']) if text is None else text,
            'pages': pages(a) if pg is None else pg}

def noisy(s, rate, rng):
    out = []
    for ch in s:
        r = rng.random()
        if r < rate / 3:
            continue                                   # deletion
        if r < 2 * rate / 3:
            out.append(rng.choice('的一是在不了有和人这中大为上个国我以要他abcdefgh'))
            continue                                   # substitution
        out.append(ch)
        if r < rate:
            out.append(rng.choice('，。的了xyz'))       # insertion
        elif r < rate * 1.5:
            out.append(rng.choice([' ', '\n', '\u3000']))  # white space only
    return ''.join(out)

FW = {c: chr(ord(c) + 0xFEE0) for c in ',.:;()!?0123456789'}

def variants(gt, rng):
    A = gt['articles']
    v = {}
    v['perfect'] = [art(a) for a in A]
    v['parts_not_pages'] = [{'title': a['title'], 'text': ''.join(a['body']),
                             'parts': [{'page': p['page']} for p in a['parts']]} for a in A]
    v['merged_pairs'] = []
    for i in range(0, len(A), 2):
        grp = A[i:i + 2]
        v['merged_pairs'].append({'title': grp[0]['title'],
                                  'text': '\n'.join(''.join(a['body']) for a in grp),
                                  'pages': sorted({p for a in grp for p in pages(a)})})
    v['one_dropped'] = [art(a) for i, a in enumerate(A) if i != len(A) // 2]
    v['fragments_swapped'] = [art(a, text=''.join(a['body'][len(a['body']) // 2:] +
                                                  a['body'][:len(a['body']) // 2])) for a in A]
    v['truncated'] = [art(a, text=''.join(a['body'])[:int(len(''.join(a['body'])) * 0.7)]) for a in A]
    v['truncated_slightly'] = [art(a, text=''.join(a['body'])[:int(len(''.join(a['body'])) * 0.96)])
                               for a in A]
    v['titles_removed'] = [art(a, title='') for a in A]
    v['titles_null'] = [dict(art(a), title=None) for a in A]
    v['pages_changed'] = [art(a, pg=(pages(a)[:1] if len(pages(a)) > 1 else pages(a) + [pages(a)[0] + 1]))
                          for a in A]
    # Jumps not followed: one article per part, with the text shown there.
    v['jumps_split'] = [{'title': a['title'] if k == 0 else '', 'text': ptext(p), 'pages': [p['page']]}
                        for a in A for k, p in enumerate(a['parts'])]
    # Jump lines left in the text (they must be cut by both scorers).
    markers = {j['article']: j['marker'] for j in gt.get('jumps', [])}
    jl = []
    for i, a in enumerate(A):
        m = markers.get(a['id'], markers.get(i))
        parts = [ptext(p) for p in a['parts']]
        if m and len(parts) > 1:
            back = '(上接第一版)' if gt.get('lang', '').startswith('zh') else 'RATES from Page A1'
            text = parts[0] + ' ' + m + '\n' + back + '\n' + '\n'.join(parts[1:])
            jl.append(art(a, text=text))
        else:
            jl.append(art(a, text='\n'.join(parts)))
    v['jump_lines_left'] = jl
    v['fullwidth_and_breaks'] = [art(a, text='\n'.join(''.join(FW.get(c, c) for c in b) for b in a['body']),
                                     title=''.join(FW.get(c, c) for c in a['title'])) for a in A]
    v['noise_2pct'] = [art(a, text=noisy('\n'.join(a['body']), 0.02, rng), title=noisy(a['title'], 0.05, rng)) for a in A]
    v['noise_8pct'] = [art(a, text=noisy('\n'.join(a['body']), 0.08, rng)) for a in A]
    v['noise_30pct'] = [art(a, text=noisy('\n'.join(a['body']), 0.30, rng)) for a in A]
    v['shuffled'] = [art(a) for a in rng.sample(A, len(A))]
    v['duplicated'] = [art(a) for a in A for _ in range(2)]
    v['page_blocks'] = []  # like raw OCR: one "article" per page
    for pno in sorted({p['page'] for a in A for p in a['parts']}):
        txt = '\n\n'.join(ptext(p) for a in A for p in a['parts'] if p['page'] == pno)
        v['page_blocks'].append({'title': '', 'text': txt, 'pages': [pno]})
    v['empty'] = []
    return v

def run_json(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit('FAIL: %s exited %d: %s' % (' '.join(cmd), p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)

def compare(label, want, got):
    bad = []
    worst = 0.0
    for k in KEYS:
        a, b = want.get(k), got.get(k)
        if a is None or b is None:
            if a is not None or b is not None:
                bad.append('%s: score.py %r, eval %r' % (k, a, b))
        elif k.startswith('n_'):
            if a != b:
                bad.append('%s: score.py %r, eval %r' % (k, a, b))
        else:
            worst = max(worst, abs(a - b))
            if abs(a - b) > TOL:
                bad.append('%s: score.py %r, eval %r' % (k, a, b))
    return bad, worst

rng = random.Random(20240427)
fails = 0
worst = 0.0
ncases = 0
pairs = []
for gtpath in sorted(glob.glob(os.path.join(evaldir, 'dev', '*.json'))):
    name = os.path.splitext(os.path.basename(gtpath))[0]
    gt = json.load(open(gtpath, encoding='utf-8'))
    for vname, arts in variants(gt, rng).items():
        outpath = os.path.join(tmp, '%s_%s.json' % (name, vname))
        with open(outpath, 'w', encoding='utf-8') as f:
            json.dump({'articles': arts}, f, ensure_ascii=False)
        want = run_json(['/usr/bin/python3', score_py, gtpath, outpath])
        got = run_json([bin_, 'eval', '--json', gtpath, outpath])
        bad, w = compare('', want, got)
        worst = max(worst, w)
        ncases += 1
        status = 'ok  ' if not bad else 'FAIL'
        print('%s %s %-22s aca %.4f/%.4f complete %.4f/%.4f jr %s/%s jp %s/%s title %.4f/%.4f' % (
            status, name, vname, want['aca'], got['aca'], want['complete'], got['complete'],
            want['jump_recall'], got['jump_recall'], want['jump_precision'], got['jump_precision'],
            want['title_acc'], got['title_acc']))
        for b in bad:
            print('     ' + b)
        fails += bool(bad)
        pairs.append((name, vname, gtpath, outpath, want))

# Several pairs at once: each issue's entry must be its single score.
sel = [p for p in pairs if p[1] in ('noise_8pct', 'jumps_split')]
cmd = [bin_, 'eval', '--json']
for p in sel:
    cmd += [p[2], p[3]]
multi = run_json(cmd)
if len(multi.get('issues', [])) != len(sel) or multi.get('failed') != 0:
    print('FAIL: several pairs: %d issues, failed %r' % (len(multi.get('issues', [])), multi.get('failed')))
    fails += 1
for p, got in zip(sel, multi.get('issues', [])):
    bad, _ = compare('', p[4], got)
    if bad:
        print('FAIL: several pairs, %s %s: %s' % (p[0], p[1], '; '.join(bad)))
        fails += 1
tot_len = sum(g['n_articles'] for g in multi['issues'])
if multi['n_articles'] != tot_len:
    print('FAIL: several pairs: total n_articles %r, want %r' % (multi['n_articles'], tot_len))
    fails += 1

# --set DIR --out DIR2 with DIR/NAME/issue.json and DIR2/NAME/issue.json.
setdir, outdir = os.path.join(tmp, 'set'), os.path.join(tmp, 'setout')
chosen = [p for p in pairs if p[1] == 'noise_2pct']
for p in chosen:
    for d, src in ((setdir, p[2]), (outdir, p[3])):
        os.makedirs(os.path.join(d, p[0]), exist_ok=True)
        with open(src, encoding='utf-8') as f, open(os.path.join(d, p[0], 'issue.json'), 'w', encoding='utf-8') as g:
            g.write(f.read())
got = run_json([bin_, 'eval', '--json', '--per-article', '--set', setdir, '--out', outdir])
names = [i['name'] for i in got.get('issues', [])]
if names != [p[0] for p in chosen]:
    print('FAIL: --set issues %r, want %r' % (names, [p[0] for p in chosen]))
    fails += 1
for p, i in zip(chosen, got.get('issues', [])):
    bad, _ = compare('', p[4], i)
    if bad or len(i.get('articles', [])) != p[4]['n_articles']:
        print('FAIL: --set %s: %s' % (p[0], '; '.join(bad) or 'articles[] missing'))
        fails += 1

print('%d cases, largest difference %.6f, %d failures' % (ncases, worst, fails))
sys.exit(1 if fails else 0)
EOF
rc=$?

# Exit codes and messages for bad input.
fails=0
check() { # name expected actual
    if [ "$2" != "$3" ]; then echo "FAIL: $1: expected $2, got $3"; fails=$((fails + 1)); else echo "ok: $1"; fi
}
GT=$(ls "$EVAL"/dev/*.json | head -n 1)
printf '{"articles": [' > "$T/broken.json"
"$BIN" eval --json "$GT" "$T/broken.json" >/dev/null 2>"$T/err"; check "malformed OUT exit" 1 $?
grep -q "broken.json" "$T/err"; check "malformed OUT named" 0 $?
"$BIN" eval --json "$GT" "$T/missing.json" >/dev/null 2>"$T/err"; check "missing OUT exit" 1 $?
grep -q "missing.json" "$T/err"; check "missing OUT named" 0 $?
"$BIN" eval "$GT" >/dev/null 2>&1; check "one file: usage" 2 $?
"$BIN" eval --set "$T" >/dev/null 2>&1; check "--set without --out: usage" 2 $?
"$BIN" eval --bogus "$GT" "$GT" >/dev/null 2>&1; check "unknown option: usage" 2 $?
[ $rc -eq 0 ] && [ $fails -eq 0 ]
