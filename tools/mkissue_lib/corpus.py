"""Loads news text: the shared research corpora when present, else tools/fallback_corpus.

Both use the same plain format: a line "### <header>" starts an article; the title is either
in the header ("### 20240101 <title>", the zh_xwlb form) or on the next line; then one
paragraph per line.  Corpus text is only read at generation time, never copied into the repo.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FALLBACK_DIR = os.path.join(os.path.dirname(HERE), 'fallback_corpus')

SHARED_FILES = {
    'zh': ('zh_xwlb', r'xwlb_\d+\.txt$'),
    'zh-Hant': ('zh_traditional', r'xwlb_\d+\..*\.txt$'),
    'en': ('en_reuters21578', r'reuters21578\.txt$'),
}

JUNK = re.compile(r'更新时间戳|更新時間戳|查看原文|^\(?\s*完\s*\)?$|^REUTER\s*$|^Reuter\s*$', re.I)


def shared_dir():
    d = os.environ.get('BS_SHARED')
    if d:
        return d
    return os.path.join(os.path.dirname(REPO), 'shared')


def corpus_files(lang, which='auto'):
    """Returns (kind, [files]); kind is 'shared' or 'fallback'."""
    if which in ('auto', 'shared'):
        sub, pat = SHARED_FILES[lang]
        d = os.path.join(shared_dir(), 'corpora', sub)
        if os.path.isdir(d):
            fs = sorted(os.path.join(d, f) for f in os.listdir(d) if re.search(pat, f))
            if fs:
                return 'shared', fs
        if which == 'shared':
            raise SystemExit('mkissue: shared corpus for %s not found under %s' % (lang, d))
    return 'fallback', [os.path.join(FALLBACK_DIR, '%s.txt' % lang)]


SMALL = {'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'by', 'as', 'vs', 'with',
         'from', 'into', 'over'}


def title_case(t):
    if not t.isupper():
        return t
    out = []
    for i, w in enumerate(t.split()):
        lw = w.lower()
        if '<' in w or re.match(r'^([A-Z]\.)+[A-Z]?\.?$', w) or re.match(r'^[A-Z]{1,2}\d', w):
            out.append(w)
        elif i > 0 and lw in SMALL:
            out.append(lw)
        else:
            out.append(lw[:1].upper() + lw[1:])
    return ' '.join(out)


def _fix_en(s):
    s = re.sub(r'(\w)"(s|t|re|ve|ll|d|m)\b', r"\1'\2", s)
    s = re.sub(r'\s+', ' ', s).strip()
    return s


def parse(path, lang):
    arts = []
    cur = None
    need_title = False
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n').strip()
            if line.startswith('### '):
                if cur:
                    arts.append(cur)
                m = re.match(r'### (\d{8}) (.+)$', line)
                if m:
                    cur = {'title': m.group(2).strip(), 'paras': [], 'src': line[4:]}
                    need_title = False
                else:
                    cur = {'title': '', 'paras': [], 'src': line[4:]}
                    need_title = True
                continue
            if cur is None or not line:
                continue
            if need_title:
                cur['title'] = line
                need_title = False
                continue
            if JUNK.search(line):
                continue
            cur['paras'].append(line)
    if cur:
        arts.append(cur)
    return arts


def _ok(a, lang):
    if not a['title'] or not a['paras']:
        return False
    if '快讯' in a['title'] or '快訊' in a['title']:
        return False  # roundups of several items: subheads would pose as paragraphs
    if lang == 'en':
        body = ' '.join(a['paras'])
        if len(body) < 250:
            return False
        # result tables ("Shr 20 cts vs 15 cts") and lists make poor prose
        short = sum(1 for p in a['paras'] if len(p) < 50)
        if short > len(a['paras']) / 3 or body.count(' vs ') > 3:
            return False
        if sum(c.isalpha() for c in body) < 0.7 * len(body):
            return False
    else:
        if sum(len(p) for p in a['paras']) < 80:
            return False
        if max(len(p) for p in a['paras']) > 1500:
            return False
    return True


def load(lang, which='auto'):
    """Returns (kind, articles): articles are dicts {title, kicker, paras, src}."""
    kind, files = corpus_files(lang, which)
    arts = []
    for p in files:
        for a in parse(p, lang):
            if lang == 'en':
                a['title'] = title_case(_fix_en(a['title']))
                a['paras'] = [_fix_en(x) for x in a['paras'] if _fix_en(x)]
            a['kicker'] = None
            m = re.match(r'^[【\[]([^】\]]{2,12})[】\]]\s*(.+)$', a['title'])
            if m:
                a['kicker'], a['title'] = m.group(1), m.group(2)
            if _ok(a, lang):
                arts.append(a)
    return kind, arts
