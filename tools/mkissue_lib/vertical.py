"""Vertical Chinese pages (--layout vertical): columns read top to bottom, right to left.

How the text is set.  Pango can lay CJK text out vertically (context base gravity EAST,
gravity hint STRONG, the layout rotated 90 degrees clockwise: lines become columns and follow
each other leftwards), and the ideographs come out upright.  But the punctuation does not:
、。， stay in their horizontal place at the bottom left of the cell, and their vertical
presentation forms (U+FE10..) get turned sideways, because Pango treats Common-script
characters as rotatable (checked with Pango 1.50, Noto CJK).  So every character is set in its
own square cell instead, upright, the way a compositor sets type: ideographs centred, 、。，
moved to the top right of the cell (simplified-Chinese fonts; TC fonts centre them already),
brackets and dashes turned 90 degrees.  That also gives the
ground truth its exact columns for free.

A page: masthead (page 1) or a horizontal running head with 第X版; a content area cut into
blocks by a guillotine split whose pieces are read top before bottom and RIGHT before left;
each block is an article (headline set horizontally above the body, or as one or two large
vertical columns at its right edge; body columns from right to left; sometimes a photo with a
horizontal caption at the block's left), or a boxed advert (role "advert", never an article).
--spread puts two printed pages side by side in one image with a 中縫 strip between them,
pairing pages as a printed sheet does (4-page sheets: 1|4 and 3|2, page numbers like the
real 晶報 folds: recto on the left, verso on the right).
"""
import json
import math
import os
import random
import re
import time

import numpy as np

from . import content, degrade, typeset
from .typeset import IDSP, S

# punctuation that sits in the top-right quarter of its cell in vertical setting
CORNER = set('、。，．,.')
# characters turned 90 degrees clockwise in vertical setting (brackets, dashes, ellipsis)
TURN = set('（）()「」『』《》〈〉【】〔〕—…～-－:：;；')
# characters that may not start a column (hung at the foot of the previous one)
NO_START = set('、。，．,.)）」』》〉】〕：；！？:;!?')
SENT_END = re.compile('[。！？][」』）]?')

AD_BRANDS = ['大華', '永安', '金星', '新生', '寶興', '萬年', '中和', '福新', '長城', '國泰', '美華', '五洲']
AD_GOODS = ['香煙', '大藥房', '綢緞莊', '照相館', '牙粉', '醫院', '酒家', '書局', '鐘錶行', '肥皂', '汽水', '戲院']
AD_LINES = ['價廉物美', '歡迎惠顧', '各大公司均有出售', '電話九三四二八', '地址南京路五五號', '早晚營業',
            '貨真價實', '請認明商標', '分店遍設各埠', '定價從廉', '特價一月', '欲購從速']


class VStyle:
    def __init__(self, lang, rng, scale):
        sc = 'SC' if lang == 'zh' else 'TC'
        self.body_font = 'Noto Serif CJK %s' % sc
        self.head_font = rng.choice(['Noto Serif CJK %s Bold' % sc, 'Noto Sans CJK %s Bold' % sc])
        self.cap_font = 'Noto Sans CJK %s' % sc
        self.mast_font = 'Noto Serif CJK %s Black' % sc
        self.fs = rng.uniform(27, 33) * scale          # body size, px
        self.adv = self.fs * rng.uniform(1.0, 1.06)    # vertical advance per character
        self.pitch = self.fs * rng.uniform(1.35, 1.6)  # column pitch (column + gap)
        self.margin = int(round(70 * scale))
        self.gap = int(round(rng.choice([30, 38, 46]) * scale))  # between blocks
        self.vhead_share = rng.uniform(0.35, 0.6)      # share of vertical headlines


class Cells:
    """Per-issue cache of one-character Pango layouts and their centring offsets."""

    def __init__(self, ink, corner):
        self.ink = ink
        self.cache = {}
        # Simplified-Chinese fonts put 、。， at the bottom left of the em box (moved to the top
        # right for vertical setting); the TC fonts centre them already, as Taiwan and Hong
        # Kong set them in both directions.
        self.corner = corner

    def get(self, ch, font, size):
        key = (ch, font, round(size, 2))
        if key not in self.cache:
            L = self.ink.layout(ch, font, size)
            ink, log = L.get_extents()
            self.cache[key] = (L, log.width / S, log.height / S)
            cal = ('國', font, round(size, 2))
            if cal not in self.cache:
                L2 = self.ink.layout('國', font, size)
                i2, l2 = L2.get_extents()
                self.cache[cal] = (L2, l2.width / S, l2.height / S, (i2.y + i2.height / 2) / S)
        return self.cache[key]

    def centre_y(self, font, size):
        self.get('國', font, size)
        return self.cache[('國', font, round(size, 2))][3]

    def draw(self, cr, ch, x, y, font, size):
        """Draws ch upright in the size x size cell whose top-left is (x, y)."""
        if ch in (' ', IDSP):
            return
        L, lw, lh = self.get(ch, font, size)[:3]
        cy = self.centre_y(font, size)
        if ch in TURN:
            cr.save()
            cr.translate(x + size / 2, y + size / 2)
            cr.rotate(math.pi / 2)
            cr.move_to(-lw / 2, -cy)
            typeset.PangoCairo.show_layout(cr, L)
            cr.restore()
            return
        dx, dy = (size - lw) / 2, size / 2 - cy
        if ch in CORNER and self.corner:
            dx, dy = dx + 0.5 * size, dy - 0.5 * size
        cr.move_to(x + dx, y + dy)
        typeset.PangoCairo.show_layout(cr, L)


def columns_of(paras, ncells):
    """Greedy column filling.  ncells: list of cells per column (right to left).  Returns
    ([[(char, para_index, char_index)] per column], done).  Paragraphs start a new column
    with a two-cell indent; a character in NO_START hangs at the foot of the column before."""
    cols = [[] for _ in ncells]
    ci = 0
    for pi, p in enumerate(paras):
        if ci >= len(cols):
            return cols, False
        if cols[ci]:
            ci += 1
        if ci >= len(cols):
            return cols, False
        cols[ci] += [(IDSP, pi, -1), (IDSP, pi, -1)]
        for k, ch in enumerate(p):
            if len(cols[ci]) >= ncells[ci]:
                if ch in NO_START and len(cols[ci]) == ncells[ci]:
                    cols[ci].append((ch, pi, k))
                    continue
                ci += 1
                if ci >= len(cols):
                    return cols, False
            cols[ci].append((ch, pi, k))
    return cols, True


def fit(paras, ncells):
    """The longest prefix of paras (cut at a sentence end where possible) that fits."""
    cols, done = columns_of(paras, ncells)
    if done:
        return paras
    last = None
    for c in cols:
        for ch, pi, k in c:
            if k >= 0:
                last = (pi, k)
    if last is None:
        return []
    pi, k = last
    head = paras[pi][:k + 1]
    ends = [m.end() for m in SENT_END.finditer(head)]
    if ends:
        return paras[:pi] + [head[:ends[-1]]]
    if pi > 0:
        return paras[:pi]
    return [head]


class VComposer:
    def __init__(self, lang, rng, scale, furniture, pool):
        self.lang, self.rng, self.scale, self.f = lang, rng, scale, furniture
        self.st = VStyle(lang, rng, scale)
        self.pool = pool
        self.pool_i = 0
        self.W = int(round(2400 * scale))
        self.H = int(round(3300 * scale))
        self.articles = []   # GT dicts
        self.adverts = []
        self.cells = None

    # ------------------------------------------------------------ text choice
    def take(self, cap):
        n = len(self.pool)
        cands = [a for a in (self.pool[(self.pool_i + k) % n] for k in range(n)) if not a.get('_used')][:40]
        if not cands:
            for a in self.pool:
                a['_used'] = False
            return self.take(cap)
        L = lambda a: sum(len(p) for p in a['paras'])  # noqa: E731
        ok = sorted([a for a in cands if L(a) >= cap * 0.85], key=L)
        a = self.rng.choice(ok[:3]) if ok else max(cands, key=L)
        a['_used'] = True
        self.pool_i = (self.pool_i + 1) % n
        return a

    # ------------------------------------------------------------ drawing helpers
    def vtext(self, page, text, x_right, y, font, size, adv, maxcells):
        """Sets text in vertical columns from x_right leftwards; returns (boxes, x_left)."""
        cols = [text[i:i + maxcells] for i in range(0, len(text), maxcells)]
        boxes = []
        x = x_right
        for c in cols:
            x -= size
            for k, ch in enumerate(c):
                self.cells.draw(page.ink.cr, ch, x, y + k * adv, font, size)
            boxes.append([x, y, size, len(c) * adv])
            x -= size * 0.35
        return boxes, x

    def add(self, page, role, box, text='', aid=None, column=None, direction=None):
        r = page.add(role, box, text, aid, column)
        if direction:
            r['direction'] = direction
        return r

    # ------------------------------------------------------------ furniture
    def masthead(self, page, x0, x1, y):
        st, ink, s = self.st, page.ink, self.scale
        L = ink.layout(self.f.paper, st.mast_font, 210 * s, width=x1 - x0, align='center')
        b = ink.draw_layout(L, x0, y)
        self.add(page, 'masthead', b, self.f.paper, direction='horizontal')
        y = b[1] + b[3] + 10 * s
        ink.rule(x0, y, x1, y, 6 * s)
        y += 14 * s
        t = '%s　%s' % (self.f.datestr(), self.f.T('第%d期' % self.f.issue_no))
        L = ink.layout(t, st.cap_font, st.fs, width=x1 - x0, align='center')
        b = ink.draw_layout(L, x0, y)
        self.add(page, 'dateline', b, t, direction='horizontal')
        y = b[1] + b[3] + 8 * s
        ink.rule(x0, y, x1, y, 2 * s)
        return y + 30 * s

    def running_head(self, page, x0, x1, y):
        st, ink, s = self.st, page.ink, self.scale
        bits = [self.f.datestr(), self.f.paper, page.label]
        size = st.fs * 1.1
        Ls = [ink.layout(t, st.head_font if i == 2 else st.cap_font, size * (1.3 if i == 2 else 1))
              for i, t in enumerate(bits)]
        ws = [L.get_pixel_extents()[1].width for L in Ls]
        gap = ((x1 - x0) - sum(ws)) / 2
        xx = x0
        hmax = 0
        for i, (t, L, w) in enumerate(zip(bits, Ls, ws)):
            b = ink.draw_layout(L, xx, y)
            self.add(page, 'folio' if i == 2 else 'running_head', b, t, direction='horizontal')
            xx += w + gap
            hmax = max(hmax, b[3])
        y += hmax + 10 * s
        ink.rule(x0, y, x1, y, 3 * s)
        return y + 30 * s

    # ------------------------------------------------------------ plan
    def split(self, box, depth, out):
        """Guillotine split; leaves appended in reading order (top first, right first)."""
        rng, st = self.rng, self.st
        x, y, w, h = box
        minw, minh = 9 * st.pitch, 12 * st.adv
        can_h = h >= 2 * minh + st.gap
        can_v = w >= 2 * minw + st.gap
        area = (w * h) / (self.W * self.H)
        if (not can_h and not can_v) or (depth >= 2 and area < 0.12 and rng.random() < 0.6):
            out.append(box)
            return
        horiz = can_h and (not can_v or rng.random() < (0.65 if h > w else 0.3))
        if horiz:
            hh = minh + rng.random() * (h - 2 * minh - st.gap)
            self.split((x, y, w, hh), depth + 1, out)
            self.split((x, y + hh + st.gap, w, h - hh - st.gap), depth + 1, out)
        else:
            ww = minw + rng.random() * (w - 2 * minw - st.gap)
            # right piece first: vertical pages are read right to left
            self.split((x + w - ww, y, ww, h), depth + 1, out)
            self.split((x, y, w - ww - st.gap, h), depth + 1, out)

    # ------------------------------------------------------------ blocks
    def set_article(self, page, box):
        rng, st, ink = self.rng, self.st, page.ink
        x, y, w, h = box
        fs, adv, pitch = st.fs, st.adv, st.pitch
        aid = len(self.articles)
        start = len(page.regions)
        vhead = rng.random() < st.vhead_share
        src = self.take(0.8 * (w / pitch) * (h / adv))
        # headline
        if vhead:
            hs = fs * rng.uniform(1.5, 2.2)
            title = src['title']
            per = max(4, int((h * 0.92) // hs))
            hboxes, xl = self.vtext(page, title, x + w, y, st.head_font, hs, hs, per)
            hb = bbox(hboxes)
            self.add(page, 'headline', hb, title, aid, direction='vertical')
            head_dir = 'vertical'
            body_x1, body_y0 = xl - 0.4 * fs, y
        else:
            hs = fs * rng.uniform(1.4, 2.0)
            title = src['title']
            L = ink.layout(title, st.head_font, hs, width=w, align=rng.choice(['center', 'right']),
                           wrap='wordchar')
            while L.get_line_count() > 2 and hs > fs * 1.2:
                hs *= 0.9
                L = ink.layout(title, st.head_font, hs, width=w, align='center', wrap='wordchar')
            hb = ink.draw_layout(L, x, y)
            self.add(page, 'headline', hb, title, aid, direction='horizontal')
            head_dir = 'horizontal'
            body_x1, body_y0 = x + w, hb[1] + hb[3] + 0.5 * fs
        # columns (right to left) and an optional photo at the block's left
        ncols = int((body_x1 - x + (pitch - fs)) // pitch)
        ys = [body_y0] * ncols
        photo = None
        if ncols >= 10 and rng.random() < 0.3:
            pc = rng.randrange(4, max(5, ncols // 2))
            px = body_x1 - (ncols - 1) * pitch
            pw = (pc - 1) * pitch + fs
            ph = min(pw * rng.uniform(0.6, 0.9), (y + h - body_y0) * 0.5)
            if ph > 6 * adv:
                photo = (px, body_y0, pw, ph)
                for c in range(ncols - pc, ncols):
                    ys[c] = body_y0 + ph
        if photo:
            cap = self.caption(src)
            L = ink.layout(cap, st.cap_font, fs * 0.8, width=photo[2], align='left', wrap='wordchar')
            top = photo[1] + photo[3] + 0.3 * fs
            below = top + L.get_pixel_extents()[1].height + 0.6 * fs
            ys = [below if yy > body_y0 else yy for yy in ys]
        ncells = [max(0, int((y + h - yy) // adv) - 1) for yy in ys]
        capchars = sum(ncells)
        paras = fit([p for p in src['paras'] if p.strip()], ncells)
        if not paras:
            return None
        cols, _ = columns_of(paras, ncells)
        col_rects, col_texts = [], []
        for c, cells in enumerate(cols):
            if not cells:
                continue
            cx = body_x1 - fs - c * pitch
            cy = ys[c]
            for k, (chr_, pi, ki) in enumerate(cells):
                self.cells.draw(ink.cr, chr_, cx, cy + k * adv, st.body_font, fs)
            txt = ''.join(t for t, pi, ki in cells if ki >= 0)
            r = [int(round(v)) for v in (cx, cy, fs, len(cells) * adv)]
            self.add(page, 'column', r, txt, aid, len(col_rects), direction='vertical')
            col_rects.append(r)
            col_texts.append(txt)
        if photo:
            px, py, pw, ph = photo
            # the photo is drawn only when the text beside it reached its columns
            page.photos.append((int(px), int(py), int(pw), int(ph), rng.randrange(1 << 30)))
            ink.rect(px, py, pw, ph, max(1.0, 2 * self.scale))
            self.add(page, 'photo', [px, py, pw, ph], '', aid)
            b = ink.draw_layout(L, px, top)
            self.add(page, 'caption', b, cap, aid, direction='horizontal')
        body_rect = bbox(col_rects)
        boxes = [r['box'] for r in page.regions[start:]]
        part = {'page': page.number, 'rect': bbox(boxes), 'head_rect': [int(round(v)) for v in hb],
                'body_rect': body_rect, 'ncols': len(col_rects), 'gap': int(round(pitch - fs)),
                'column_rects': col_rects, 'overflow': 0, 'text': list(paras),
                'direction': 'vertical', 'head_direction': head_dir, 'capacity': capchars}
        self.articles.append({'id': aid, 'title': title, 'kicker': None, 'deck': None,
                              'byline': None, 'brief': False, 'body': list(paras),
                              'parts': [part]})
        return part

    def caption(self, src):
        first = re.split(r'[，。；：、]', ''.join(src['paras'])[:200])[0][:18]
        return self.f.T('图为%s' % first)

    def set_advert(self, page, box):
        rng, st, ink, s = self.rng, self.st, page.ink, self.scale
        x, y, w, h = box
        # adverts are boxes of their own size, not the whole leaf
        w = min(w, rng.uniform(8, 14) * st.pitch)
        x = box[0] + box[2] - w
        h = min(h, rng.uniform(10, 18) * st.adv)
        pad = 0.6 * st.fs
        ink.rect(x, y, w, h, rng.choice([3, 4, 6]) * s)
        brand = rng.choice(AD_BRANDS) + rng.choice(AD_GOODS)
        lines = rng.sample(AD_LINES, 3)
        texts = [brand] + lines
        bs = min((w - 2 * pad) / max(4, len(brand)) * 0.95, st.fs * 2.6)
        if rng.random() < 0.5:
            # horizontal brand across the top, small vertical lines below
            L = ink.layout(brand, st.head_font, bs, width=w - 2 * pad, align='center')
            b = ink.draw_layout(L, x + pad, y + pad)
            ytop, xr, direction = b[1] + b[3] + pad, x + w - pad, 'horizontal'
        else:
            bs = min(st.fs * 2.4, (h - 2 * pad) / len(brand))
            bx, xr = self.vtext(page, brand, x + w - pad, y + pad, st.head_font, bs, bs, len(brand))
            ytop, direction = y + pad, 'vertical'
        per = max(2, int((y + h - pad - ytop) // (st.fs * 0.9)))
        for t in lines:
            _, xr = self.vtext(page, t, xr, ytop, st.cap_font, st.fs * 0.85, st.fs * 0.9, per)
            if xr < x + pad + st.fs:
                break
        box = [int(round(v)) for v in (x, y, w, h)]
        self.add(page, 'advert', box, '\n'.join(texts), None, direction=direction)
        self.adverts.append({'id': 'ad%d' % (len(self.adverts) + 1), 'page': page.number,
                             'rect': box, 'text': '\n'.join(texts), 'direction': direction})

    def compose_page(self, page):
        st = self.st
        if self.cells is None:
            self.cells = Cells(page.ink, self.lang == 'zh')
        x0, x1 = st.margin, self.W - st.margin
        y = st.margin * 0.7
        top = self.masthead(page, x0, x1, y) if page.number == 1 else self.running_head(page, x0, x1, y)
        leaves = []
        self.split((x0, top, x1 - x0, self.H - st.margin - top), 0, leaves)
        n_ad = 0
        for i, box in enumerate(leaves):
            low = box[1] > self.H * 0.5
            ad = (n_ad < 3 and box[2] * box[3] < 0.12 * self.W * self.H and
                  self.rng.random() < (0.45 if low else 0.15))
            if ad:
                self.set_advert(page, box)
                n_ad += 1
            elif self.set_article(page, box) is None:
                self.set_advert(page, box)
                n_ad += 1


def bbox(boxes):
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return [int(round(x0)), int(round(y0)), int(round(x1 - x0)), int(round(y1 - y0))]


def fold_plan(npages):
    """[(left page, right page or None)] in image order, as a printed sheet folds."""
    if npages % 4 == 0:
        out = []
        for k in range(0, npages, 4):
            out += [(k + 1, k + 4), (k + 3, k + 2)]
        return out
    return [(p, p + 1 if p + 1 <= npages else None) for p in range(1, npages + 1, 2)]


def shift_box(b, dx):
    return None if b is None else [b[0] + dx, b[1], b[2], b[3]]


def generate(lang, seed, npages, outdir, fmt='png', dpi=300, clean=False, which='auto',
             modest=False, verbose=False, levels=0, spread=False):
    from .issue import load_pool, order_region
    from .layout import Page
    if lang not in ('zh', 'zh-Hant'):
        raise SystemExit('mkissue: --layout vertical needs --lang zh or zh-Hant')
    t0 = time.time()
    rng = random.Random('%s-%d-vertical' % (lang, seed))
    scale = dpi / 300.0
    kind, pool = load_pool(lang, which)
    rng.shuffle(pool)
    f = content.Furniture(lang, rng, npages)
    comp = VComposer(lang, rng, scale, f, pool)
    os.makedirs(outdir, exist_ok=True)
    ext = {'png': 'png', 'jpg': 'jpg', 'jpeg': 'jpg', 'tif': 'tif', 'tiff': 'tif'}[fmt]
    pages = {}
    for pno in range(1, npages + 1):
        ink = typeset.Ink(comp.W, comp.H, lang)
        page = Page(pno, '第%s版' % content.cn_num(pno), comp.W, comp.H, ink)
        page.rules = False
        comp.compose_page(page)
        pages[pno] = page
    W, H = comp.W, comp.H
    gutter = int(round(0.06 * W)) if spread else 0
    images = fold_plan(npages) if spread else [(p, None) for p in range(1, npages + 1)]
    gt_pages, folds = [], []
    for ii, (lp, rp) in enumerate(images):
        members = [(lp, 0, 'left' if spread else None)]
        if rp:
            members.append((rp, W + gutter, 'right'))
        FW = W * len(members) + (gutter if rp else 0)
        inkarr = np.zeros((H, FW), dtype=np.uint8)
        photos = []
        gut_regions = []
        for pno, dx, side in members:
            pg = pages[pno]
            inkarr[:, dx:dx + W] = pg.ink.array()
            for (x, y, w, h, ps) in pg.photos:
                arr = degrade.photo(np.random.default_rng(ps), w - 2, h - 2, scale)
                photos.append((x + 1 + dx, y + 1, arr))
        if rp:
            gink = typeset.Ink(gutter, H, lang)
            gx = gutter / 2
            gink.rule(gx - 0.3 * gutter, comp.st.margin, gx - 0.3 * gutter, H - comp.st.margin, 2 * scale)
            gink.rule(gx + 0.3 * gutter, comp.st.margin, gx + 0.3 * gutter, H - comp.st.margin, 2 * scale)
            comp.cells.ink = gink
            slogan = f.T('本报忠实报道新闻文字浅近趣味浓厚')
            size = min(comp.st.fs, 0.35 * gutter)
            for k, ch in enumerate(slogan):
                comp.cells.draw(gink.cr, ch, gx - size / 2, comp.st.margin * 2 + k * size * 1.1,
                                comp.st.body_font, size)
            inkarr[:, W:W + gutter] = gink.array()
            gut_regions.append({'role': 'margin', 'box': [int(W + gx - size / 2), int(comp.st.margin * 2),
                                                         int(size), int(len(slogan) * size * 1.1)],
                                'text': slogan, 'direction': 'vertical'})
        srng = random.Random('%s-%d-vscan-%d' % (lang, seed, ii + 1))
        nr = np.random.default_rng(srng.randrange(1 << 32))
        params = degrade.params_for(srng, scale, clean, modest)
        im = degrade.compose(inkarr, photos, FW, H, nr, clean, params)
        if not clean:
            im = degrade.scan(im, nr, params)
        if levels and levels < 256:
            step = 255.0 / (levels - 1)
            lut = [int(round(int(v * levels / 256) * step)) for v in range(256)]
            im = im.point(lut)
        fname = ('fold%d.%s' % (ii + 1, ext)) if spread else ('p%d.%s' % (lp, ext))
        path = os.path.join(outdir, fname)
        if ext == 'png':
            im.save(path, 'PNG', optimize=False, compress_level=6)
        elif ext == 'jpg':
            im.save(path, 'JPEG', quality=95 if clean else 88)
        else:
            im.save(path, 'TIFF', compression='tiff_lzw')
        skew = params['skew']
        for pno, dx, side in members:
            pg = pages[pno]
            regs = []
            for r in pg.regions:
                r['box'] = shift_box(r['box'], dx)
                r['box_skewed'] = degrade.skew_box(r['box'], FW, H, skew)
                o = order_region(r)
                if r.get('direction'):
                    o['direction'] = r['direction']
                regs.append(o)
            e = {'file': fname, 'number': pno, 'label': pg.label, 'width': FW, 'height': H,
                 'dpi': dpi, 'skew_deg': skew, 'layout': 'vertical', 'regions': regs}
            if spread:
                e['side'] = side
                e['crop'] = [dx, 0, W, H]
            gt_pages.append(e)
            for a in comp.articles:
                for p in a['parts']:
                    if p['page'] == pno and dx:
                        for k in ('rect', 'head_rect', 'body_rect'):
                            p[k] = shift_box(p[k], dx)
                        p['column_rects'] = [shift_box(c, dx) for c in p['column_rects']]
            for ad in comp.adverts:
                if ad['page'] == pno and dx:
                    ad['rect'] = shift_box(ad['rect'], dx)
        if spread:
            folds.append({'file': fname, 'width': FW, 'height': H, 'split_x': W + gutter // 2,
                          'pages': [lp, rp], 'gutter': [W, 0, gutter, H],
                          'gutter_regions': gut_regions})
    gt_pages.sort(key=lambda p: p['number'])
    for a in comp.articles:
        a['parts'][0].pop('capacity', None)
    gt = {'format': 'broadsheet-gt/1', 'lang': lang, 'seed': seed, 'corpus': kind,
          'generator': 'tools/mkissue --layout vertical', 'layout': 'vertical',
          'clean': bool(clean), 'paper': f.paper, 'date': f.date.isoformat(),
          'pages': gt_pages, 'articles': comp.articles, 'adverts': comp.adverts, 'jumps': []}
    if spread:
        gt['folds'] = folds
    with open(os.path.join(outdir, 'issue.json'), 'w', encoding='utf-8') as fh:
        json.dump(gt, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
    return gt, time.time() - t0, []
