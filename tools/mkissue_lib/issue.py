"""One synthetic issue: plan jumps, compose pages, render, degrade, write ground truth."""
import json
import os
import random
import time

import numpy as np

from . import corpus, content, degrade, layout, typeset

_CORPUS_CACHE = {}


def load_pool(lang, which):
    key = (lang, which)
    if key not in _CORPUS_CACHE:
        _CORPUS_CACHE[key] = corpus.load(lang, which)
    kind, arts = _CORPUS_CACHE[key]
    return kind, [dict(a) for a in arts]


def jump_plan(rng, P, maxin):
    """starts[p] = list of routes (page lists) of stories that begin on page p and jump."""
    starts = {p: [] for p in range(1, P + 1)}
    incoming = {p: 0 for p in range(1, P + 1)}
    if P < 2:
        return starts
    n1 = rng.choice([1, 2, 2, 3])
    routes = []
    for i in range(n1):
        if i == 0:
            d = 2 if rng.random() < 0.7 else rng.randrange(2, P + 1)
        else:
            d = routes[0][1] if rng.random() < 0.5 else rng.randrange(2, P + 1)
        if incoming[d] >= maxin:
            continue
        incoming[d] += 1
        routes.append([1, d])
    if P >= 5 and rng.random() < 0.85:
        # a chain 1 -> 3 -> 5
        if routes and routes[-1][1] == 3:
            routes[-1] = [1, 3, 5]
        elif incoming[3] < maxin:
            incoming[3] += 1
            routes.append([1, 3, 5])
        incoming[5] += 1
    starts[1] = routes
    for p in range(2, P):
        if rng.random() < 0.35:
            d = rng.randrange(p + 1, P + 1)
            if incoming[d] < maxin:
                incoming[d] += 1
                starts[p].append([p, d])
    return starts


def generate(lang, seed, npages, outdir, fmt='png', dpi=300, clean=False, which='auto',
             modest=False, verbose=False, levels=0):
    t0 = time.time()
    rng = random.Random('%s-%d-layout' % (lang, seed))
    scale = dpi / 300.0
    kind, pool = load_pool(lang, which)
    rng.shuffle(pool)
    f = content.Furniture(lang, rng, npages)
    comp = layout.Composer(lang, rng, scale, f, pool, npages)
    starts = jump_plan(rng, npages, 2 if comp.st.grid_choices[0] <= 5 else 3)
    os.makedirs(outdir, exist_ok=True)
    ext = {'png': 'png', 'jpg': 'jpg', 'jpeg': 'jpg', 'tif': 'tif', 'tiff': 'tif'}[fmt]
    gt_pages = []
    timings = []
    for pno in range(1, npages + 1):
        tp = time.time()
        ink = typeset.Ink(comp.W, comp.H, lang)
        page = layout.Page(pno, f.label(pno), comp.W, comp.H, ink)
        page.rules = rng.random() < 0.55
        conts = [a for a in comp.articles if a.jump_to == pno]
        comp.compose_page(page, conts, starts[pno])
        # ---- raster
        srng = random.Random('%s-%d-scan-%d' % (lang, seed, pno))
        nr = np.random.default_rng(srng.randrange(1 << 32))
        params = degrade.params_for(srng, scale, clean, modest)
        photos = []
        for (x, y, w, h, ps) in page.photos:
            arr = degrade.photo(np.random.default_rng(ps), w - 2, h - 2, scale)
            photos.append((x + 1, y + 1, arr))
        im = degrade.compose(ink.array(), photos, comp.W, comp.H, nr, clean, params)
        if not clean:
            im = degrade.scan(im, nr, params)
        if levels and levels < 256:
            # posterize to `levels` grays (small committed samples compress 2-3x better)
            step = 255.0 / (levels - 1)
            lut = [int(round(int(v * levels / 256) * step)) for v in range(256)]
            im = im.point(lut)
        fname = 'p%d.%s' % (pno, ext)
        path = os.path.join(outdir, fname)
        if ext == 'png':
            im.save(path, 'PNG', optimize=False, compress_level=6)
        elif ext == 'jpg':
            im.save(path, 'JPEG', quality=95 if clean else 88)
        else:
            im.save(path, 'TIFF', compression='tiff_lzw')
        skew = params['skew']
        for r in page.regions:
            r['box_skewed'] = degrade.skew_box(r['box'], comp.W, comp.H, skew)
        gt_pages.append({'file': fname, 'number': pno, 'label': page.label, 'width': comp.W,
                         'height': comp.H, 'dpi': dpi, 'skew_deg': skew,
                         'grid_columns': comp.G, 'rules': page.rules,
                         'regions': [order_region(r) for r in page.regions]})
        timings.append(time.time() - tp)
        if verbose:
            print('page %d: %.2fs' % (pno, timings[-1]))
    arts = []
    for a in comp.articles:
        if not a.parts:
            continue
        body = [p.strip() for p in a.paras if p.strip()]
        arts.append({'id': a.id, 'title': a.title, 'kicker': a.kicker, 'deck': a.deck,
                     'byline': a.byline, 'brief': a.brief, 'body': body, 'parts': a.parts})
    gt = {'format': 'broadsheet-gt/1', 'lang': lang, 'seed': seed, 'corpus': kind,
          'generator': 'tools/mkissue', 'clean': bool(clean),
          'paper': f.paper, 'date': f.date.isoformat(),
          'pages': gt_pages, 'articles': arts, 'jumps': comp.jumps}
    check(gt)
    with open(os.path.join(outdir, 'issue.json'), 'w', encoding='utf-8') as fh:
        json.dump(gt, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
    return gt, time.time() - t0, timings


def order_region(r):
    keys = ['id', 'role', 'box', 'box_skewed', 'article', 'column', 'text']
    return {k: r.get(k) for k in keys}


def check(gt):
    """Internal consistency: parts' pieces rejoin to the body, jumps match parts."""
    for a in gt['articles']:
        joined = ''.join(''.join(p['text']) for p in a['parts'])
        body = ''.join(a['body'])
        strip = lambda s: ''.join(s.split())  # noqa: E731
        if strip(joined) != strip(body):
            raise AssertionError('article %d: parts do not rejoin to body' % a['id'])
    for j in gt['jumps']:
        a = next(x for x in gt['articles'] if x['id'] == j['article'])
        pages = [p['page'] for p in a['parts']]
        assert j['from_page'] in pages and j['to_page'] in pages, j
