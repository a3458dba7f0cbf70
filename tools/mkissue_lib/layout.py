"""Page composition: grids, modules, article flow through columns, jumps, ground truth."""
import math
import re

from .typeset import IDSP

ZH_SENT = re.compile(r'[。！？!?；][”’」』）)]?')
EN_SENT = re.compile(r'(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMr)(?<!\bMrs)(?<!\bSt)[.!?]["\')]?(?=\s|$)')


class Style:
    """Per-issue typography.  Sizes in page pixels."""

    def __init__(self, lang, rng, scale):
        self.lang, self.scale = lang, scale
        self.zh = lang != 'en'
        s = scale
        if self.zh:
            sc = 'SC' if lang == 'zh' else 'TC'
            self.body_font = 'Noto Serif CJK %s' % sc
            self.head_font = rng.choice(['Noto Sans CJK %s Bold' % sc, 'Noto Serif CJK %s Bold' % sc,
                                         'Noto Sans CJK %s Bold' % sc])
            self.sub_font = 'Noto Sans CJK %s' % sc
            self.byline_font = 'Noto Sans CJK %s' % sc
            self.caption_font = 'Noto Sans CJK %s' % sc
            self.mast_font = 'Noto Serif CJK %s Bold' % sc
            self.brief_head_font = 'Noto Sans CJK %s Bold' % sc
            self.grid_choices = rng.choice([[6, 6, 7], [7, 7, 8], [5, 5, 6], [4, 4, 5]])
            self.cpl = rng.uniform(9.5, 12.5)  # characters per grid column line
            self.lp_factor = rng.uniform(1.38, 1.55)
            self.head_align = rng.choice(['center', 'center', 'left'])
        else:
            self.body_font = rng.choice(['Liberation Serif', 'Nimbus Roman', 'P052', 'C059'])
            self.head_font = rng.choice(['Nimbus Sans Narrow Bold', 'Liberation Sans Narrow Bold',
                                         'C059 Bold', 'P052 Bold', 'Nimbus Roman Bold',
                                         'Liberation Serif Bold'])
            self.sub_font = rng.choice(['Nimbus Roman Italic', 'Liberation Serif Italic', 'P052 Italic'])
            self.byline_font = rng.choice(['Nimbus Sans Bold', 'Liberation Sans Bold', 'Nimbus Sans'])
            self.caption_font = rng.choice(['Nimbus Sans', 'Liberation Sans', 'Nimbus Sans Narrow'])
            self.mast_font = rng.choice(['C059 Bold', 'P052 Bold', 'Nimbus Roman Bold', 'URW Bookman Bold'])
            self.brief_head_font = rng.choice(['Nimbus Sans Bold', 'Liberation Sans Bold'])
            self.grid_choices = rng.choice([[6, 6, 5], [5, 5, 6], [4, 4, 5]])
            self.cpl = rng.uniform(26, 34)
            self.lp_factor = rng.uniform(1.18, 1.3)
            self.head_align = 'left'
        self.margin = int(round(70 * s))
        self.gutter = int(round(rng.choice([28, 32, 36]) * s))
        self.vgap = int(round(rng.choice([36, 44, 52]) * s))
        self.justify = True
        self.col_rules = rng.random() < 0.3

    def body_size(self, colw):
        if self.zh:
            fs = colw / self.cpl
            return max(26 * self.scale, min(42 * self.scale, fs))
        fs = colw / (0.46 * self.cpl)
        return max(26 * self.scale, min(38 * self.scale, fs))


class Region(dict):
    pass


class ArticleState:
    def __init__(self, aid, src, lang):
        self.id = aid
        self.title = src['title']
        self.paras = list(src['paras'])
        self.src = src
        self.kicker = None
        self.deck = None
        self.byline = None
        self.pos = (0, 0)        # next (paragraph, char) to set
        self.parts = []
        self.route = []          # pages this article is planned to appear on
        self.done = False
        self.jump_to = None
        self.out_marker = None
        self.keyword = None
        self.brief = False

    def remaining_len(self):
        pi, ci = self.pos
        if pi >= len(self.paras):
            return 0
        return len(self.paras[pi]) - ci + sum(len(p) for p in self.paras[pi + 1:])


class Page:
    def __init__(self, number, label, w, h, ink):
        self.number, self.label, self.w, self.h = number, label, w, h
        self.ink = ink
        self.regions = []
        self.photos = []   # (x, y, w, h, seed)

    def add(self, role, box, text='', article=None, column=None):
        r = {'id': 'p%dg%d' % (self.number, len(self.regions) + 1), 'role': role,
             'box': [int(round(v)) for v in box], 'article': article, 'column': column, 'text': text}
        self.regions.append(r)
        return r


class Composer:
    def __init__(self, lang, rng, scale, furniture, pool, npages):
        self.lang, self.rng, self.scale = lang, rng, scale
        self.zh = lang != 'en'
        self.f = furniture
        self.st = Style(lang, rng, scale)
        self.pool = pool
        self.npages = npages
        self.articles = []
        self.jumps = []
        self.W = int(round(2400 * scale))
        self.H = int(round(3300 * scale))
        self.G = self.st.grid_choices[0]
        cw = self._colw(self.G)
        self.fs = self.st.body_size(cw)
        self.lp = self.fs * self.st.lp_factor
        self.pool_i = 0

    # ---------------------------------------------------------------- geometry helpers
    def _colw(self, G):
        inner = self.W - 2 * self.st.margin
        return (inner - (G - 1) * self.st.gutter) / G

    def col_x(self, c):
        return self.st.margin + c * (self.colw + self.st.gutter)

    def span_w(self, c0, c1):
        return (c1 - c0) * self.colw + (c1 - c0 - 1) * self.st.gutter

    def cpl(self, width):
        """Estimated characters per line at body size."""
        return width / self.fs if self.zh else width / (0.47 * self.fs)

    # ---------------------------------------------------------------- article choice
    def take(self, minlen, maxlen=None, brief=False):
        """Next unused corpus article, preferring the shortest of at least minlen characters
        among the next 40 unused ones (the pool is shuffled per issue)."""
        n = len(self.pool)
        cands = []
        i = self.pool_i
        for k in range(n):
            a = self.pool[(i + k) % n]
            if not a.get('_used'):
                cands.append(a)
                if len(cands) >= 40:
                    break
        if not cands:  # small fallback corpus exhausted: allow reuse
            for a in self.pool:
                a['_used'] = False
            return self.take(minlen, maxlen, brief)
        L = lambda a: sum(len(p) for p in a['paras'])  # noqa: E731
        ok = [a for a in cands if L(a) >= minlen and (maxlen is None or L(a) <= maxlen * 3)]
        if ok:
            a = self.rng.choice(sorted(ok, key=L)[:3]) if not brief else self.rng.choice(ok)
        else:
            a = self.rng.choice(sorted(cands, key=L)[-4:])
        a['_used'] = True
        self.pool_i = (i + 1) % n
        return a

    def new_article(self, src):
        a = ArticleState(len(self.articles), src, self.lang)
        self.articles.append(a)
        return a

    # ---------------------------------------------------------------- text flow
    def para_lines(self, ink, pi, start, width, justify=True):
        """Lines of paragraph pi from char `start` laid out at `width`.
        Returns [(layout, line, xoff, text, c0, c1)] with c0/c1 in paragraph coordinates."""
        st = self.st
        txt = self.cur.paras[pi][start:]
        indent = start == 0
        off = 0
        if self.zh and indent:
            lay_txt = IDSP * 2 + txt
            off = 2
        else:
            lay_txt = txt
        L = ink.layout(lay_txt, st.body_font, self.fs, width=width, justify=justify,
                       indent=(self.fs if (indent and not self.zh) else 0))
        out = []
        for line, xoff, t, c0, c1 in ink.lines(L, lay_txt):
            c0 = max(0, c0 - off) + start
            c1 = max(0, c1 - off) + start
            out.append([L, line, xoff, t.strip().lstrip(IDSP), c0, c1, pi])
        return out

    def line_gen(self, ink, art, width):
        pi, ci = art.pos
        while pi < len(art.paras):
            for ln in self.para_lines(ink, pi, ci, width):
                yield ln
            pi, ci = pi + 1, 0

    def flow(self, ink, art, cols, width, reserve_last):
        """Fills column slots with lines.  cols: [(x, ytop, nslots)].  Returns
        (placed [(col, slot, lineinfo)], overflow, end_pos)."""
        self.cur = art
        gen = self.line_gen(ink, art, width)
        placed = []
        total = sum(c[2] for c in cols)
        if reserve_last:
            total -= 1
        slots = []
        for ci, c in enumerate(cols):
            for s in range(c[2]):
                slots.append((ci, s))
        slots = slots[:max(0, total)]
        last = None
        for sl in slots:
            ln = next(gen, None)
            if ln is None:
                return placed, False, (len(art.paras), 0)
            placed.append((sl[0], sl[1], ln))
            last = ln
        nxt = next(gen, None)
        if nxt is None:
            return placed, False, (len(art.paras), 0)
        if last is None:
            return placed, True, art.pos
        pi, c1 = last[6], last[5]
        if c1 >= len(art.paras[pi]):
            return placed, True, (pi + 1, 0)
        return placed, True, (pi, c1)

    def trim_end(self, art, start, end):
        """Shortens art.paras so that the text ends at a sentence end before `end` (but after
        `start`).  Returns True if something changed."""
        pi, c = end
        if c == 0:
            # ended exactly at a paragraph end: drop the rest
            art.paras = art.paras[:pi]
            return True
        p = art.paras[pi]
        lo = start[1] if pi == start[0] else 0
        seg = p[lo:c]
        rx = ZH_SENT if self.zh else EN_SENT
        ends = [m.end() for m in rx.finditer(seg)]
        if ends and ends[-1] > 0:
            art.paras = art.paras[:pi] + [p[:lo + ends[-1]].rstrip()]
            return True
        if pi > start[0]:
            art.paras = art.paras[:pi]
            return True
        art.paras = art.paras[:pi] + [p[:c].rstrip()]
        return True

    # ---------------------------------------------------------------- heads
    def head_layout(self, ink, text, font, size, width, align, maxlines, minsize):
        while True:
            L = ink.layout(text, font, size, width=width, align=align, wrap='wordchar')
            if L.get_line_count() <= maxlines or size <= minsize:
                return L, size
            size *= 0.9

    def draw_block(self, page, L, x, y, role, text, aid):
        box = page.ink.draw_layout(L, x, y)
        page.add(role, box, text, aid)
        return box

    # ---------------------------------------------------------------- modules
    def set_article(self, page, m, art, first, jump_to=None, jump_from=None, importance=0.1):
        """Sets one part of an article into module m (dict with x, y, w, h, span)."""
        rng, st, ink = self.rng, self.st, page.ink
        x, y, w, h = m['x'], m['y'], m['w'], m['h']
        span = m['span']
        g = st.gutter
        ncols = span
        if span >= 4 and rng.random() < 0.2:
            ncols = span - 1
        cw = (w - (ncols - 1) * g) / ncols
        fs, lp = self.fs, self.lp
        y_end = y + h
        aid = art.id
        regions_start = len(page.regions)
        cur = y
        head_box = None
        start_pos = art.pos
        head_cols = ncols
        if first and ncols >= 3 and rng.random() < 0.15:
            head_cols = rng.randrange(2, ncols)
        head_w = head_cols * cw + (head_cols - 1) * g
        align = st.head_align if head_cols > 1 else ('left' if not self.zh else rng.choice(['left', 'center']))
        photo_top = None
        if first:
            has_photo = (not m.get('nophoto')) and rng.random() < min(0.85, 0.15 + 2.5 * importance) and h > 900 * self.scale
            if has_photo and span >= 3 and rng.random() < 0.35 and head_cols == ncols:
                ph = min(w * rng.uniform(0.38, 0.55), h * 0.4)
                photo_top = (x, cur, w, ph)
                cur = self.place_photo(page, art, x, cur, w, ph)
                cur += 0.6 * lp
                has_photo = False
            # kicker
            if art.src.get('kicker') or rng.random() < 0.2:
                art.kicker = self.f.kicker(art.src)
            hs = fs * max(1.5, min(3.7, 1.5 + 4.8 * importance ** 0.6))
            hs = min(hs, head_w / (5.5 if self.zh else 7.0))
            hs = max(hs, fs * 1.3)
            if art.kicker:
                ks = max(fs * 1.05, hs * 0.42)
                L = ink.layout(art.kicker, st.sub_font, ks, width=head_w, align=align, wrap='wordchar')
                b = self.draw_block(page, L, x, cur, 'kicker', art.kicker, aid)
                cur = b[1] + b[3] + 0.1 * lp
            maxl = 2 if head_cols > 1 else 4
            L, hs = self.head_layout(ink, art.title, st.head_font, hs, head_w, align, maxl, fs * 1.25)
            while self.size_h(L) > 0.25 * h and hs > fs * 1.3:
                hs *= 0.9
                L, hs = self.head_layout(ink, art.title, st.head_font, hs, head_w, align, maxl, fs * 1.25)
            head_box = self.draw_block(page, L, x, cur, 'headline', art.title, aid)
            cur = head_box[1] + head_box[3] + 0.15 * lp
            if importance > 0.08 and rng.random() < 0.4:
                art.deck = self.make_deck(art)
                if art.deck:
                    ds = max(fs * 1.15, hs * 0.45)
                    txt = ('——' + art.deck) if self.zh and rng.random() < 0.6 else art.deck
                    L = ink.layout(txt, st.sub_font, ds, width=head_w, align=align, wrap='wordchar')
                    if L.get_line_count() <= 2:
                        b = self.draw_block(page, L, x, cur, 'deck', txt, aid)
                        cur = b[1] + b[3] + 0.15 * lp
                    else:
                        art.deck = None
            cur += 0.35 * lp
            body_top = cur
        else:
            has_photo = False
            # continuation head
            kw = art.keyword
            if self.zh:
                use_kw = bool(kw) and rng.random() < 0.35
            else:
                use_kw = art.out_marker and art.out_marker.startswith('See ')
            txt = kw if use_kw else art.title
            hs = fs * (1.6 if use_kw else rng.uniform(1.5, 2.1))
            hs = min(hs, head_w / (5.5 if self.zh else 7.0))
            L, hs = self.head_layout(ink, txt, st.head_font, hs, head_w, align, 2, fs * 1.2)
            head_box = self.draw_block(page, L, x, cur, 'continuation_head', txt, aid)
            cur = head_box[1] + head_box[3] + 0.5 * lp
            body_top = cur
        # columns
        col_top = []
        for i in range(ncols):
            col_top.append(body_top if i < head_cols else y)
        # byline
        pre = {}  # column -> list of (role, text) lines taking slots at its top
        if first and not art.brief and rng.random() < 0.75:
            art.byline = self.f.byline()
            if self.zh and head_cols > 1 and rng.random() < 0.35:
                bs = fs * 1.0
                L = ink.layout(art.byline, st.byline_font, bs, width=head_w, align=align)
                b = self.draw_block(page, L, x, body_top - 0.2 * lp, 'byline', art.byline, aid)
                nt = b[1] + b[3] + 0.4 * lp
                for i in range(head_cols):
                    col_top[i] = nt
                body_top = nt
            else:
                pre.setdefault(0, []).append(('byline', art.byline))
        if not first and jump_from:
            pre.setdefault(0, []).append(('jump_in', art.in_marker))
        # photo inside the body
        if first and has_photo and ncols >= 2:
            pc = rng.randrange(1, ncols) if ncols > 2 else 1
            if ncols >= 4 and rng.random() < 0.5:
                pc = max(2, pc)
            left = rng.random() < 0.5
            c0 = 0 if left else ncols - pc
            px = x + c0 * (cw + g)
            pw = pc * cw + (pc - 1) * g
            py = max(col_top[c] for c in range(c0, c0 + pc))
            ph = min(pw * rng.uniform(0.55, 0.8), (y_end - py) * 0.5)
            if ph > 6 * lp:
                bot = self.place_photo(page, art, px, py, pw, ph)
                for c in range(c0, c0 + pc):
                    col_top[c] = bot + 0.5 * lp
        # slots
        cols = []
        for i in range(ncols):
            cx = x + i * (cw + g)
            n = int((y_end - col_top[i]) // lp)
            cols.append([cx, col_top[i], max(0, n)])
        # pre lines (byline / jump-in) take the first slots of column 0
        pre_lines = []
        for c, items in pre.items():
            for role, text in items:
                font = st.byline_font if role == 'byline' else (st.brief_head_font if self.zh else st.sub_font)
                size = fs * (0.95 if role == 'byline' else 0.92)
                L = ink.layout(text, font, size, width=cw, align='left', wrap='wordchar')
                nl = L.get_line_count()
                ytop = cols[c][1]
                b = self.draw_block(page, L, cols[c][0], ytop + (nl * lp - self.size_h(L)) / 2, role, text, aid)
                cols[c][1] += nl * lp
                cols[c][2] -= nl
                pre_lines.append(b)
        if jump_to:
            # a short story that is meant to jump: set only part of it here
            self.cur = art
            need = sum(1 for _ in self.line_gen(ink, art, cw))
            avail = sum(c[2] for c in cols) - 1
            if need <= avail + 1:
                target = max(3, int(need * rng.uniform(0.5, 0.7)))
                k = 1
                while sum(min(c[2], k) for c in cols) < target + 1:
                    k += 1
                for c in cols:
                    c[2] = min(c[2], k)
        reserve = bool(jump_to)
        placed, overflow, end = self.flow(ink, art, [(c[0], c[1], c[2]) for c in cols], cw, reserve)
        if overflow and not jump_to:
            self.trim_end(art, start_pos, end)
            placed, overflow, end = self.flow(ink, art, [(c[0], c[1], c[2]) for c in cols], cw, False)
            end = (len(art.paras), 0)
            overflow = False
        if not overflow and jump_to:
            jump_to = None  # everything fitted after all: no jump
        # mid-word cut for English jumps
        if overflow and jump_to and not self.zh and placed and rng.random() < 0.5:
            c_, s_, ln = placed[-1]
            pi = ln[6]
            c0 = ln[4]
            para = art.paras[pi]
            if c0 > 0:
                L2 = ink.layout(para[c0:], st.body_font, fs, width=cw, justify=True, wrap='char')
                lines2 = ink.lines(L2, para[c0:])
                if len(lines2) > 1:
                    l2 = lines2[0]
                    nc1 = c0 + l2[4]
                    if nc1 > ln[5] and nc1 < len(para) and para[nc1 - 1].isalpha() and para[nc1].isalpha():
                        placed[-1] = (c_, s_, [L2, l2[0], l2[1], l2[2].strip(), c0, nc1, pi])
                        end = (pi, nc1)
        # draw lines
        up = 0.38 if self.zh else 0.27
        col_lines = {}
        for c, s, ln in placed:
            cx, ytop, _ = cols[c]
            base = ytop + s * lp + lp / 2 + up * fs
            ink.draw_line(ln[1], cx + ln[2], base)
            col_lines.setdefault(c, []).append((s, ln))
        column_rects = []
        for c in sorted(col_lines):
            lines = col_lines[c]
            cx, ytop, _ = cols[c]
            n = max(s for s, _ in lines) + 1
            r = [cx, ytop, cw, n * lp]
            column_rects.append([int(round(v)) for v in r])
            page.add('body', r, '\n'.join(ln[3] for _, ln in lines), aid, c)
        # jump-out line
        if overflow and jump_to:
            kw = art.keyword
            marker = self.f.jump_out(jump_to, kw)
            art.out_marker = marker
            art.in_marker = self.f.jump_in(page.number, marker, kw)
            lc = max(col_lines) if col_lines else 0
            cx, ytop, n = cols[lc]
            used = max(s for s, _ in col_lines.get(lc, [(-1, None)])) + 1
            size = fs * 0.9
            L = ink.layout(marker, st.body_font if self.zh else st.sub_font, size, width=cw, align='right')
            yy = ytop + used * lp + (lp - self.size_h(L)) / 2
            self.draw_block(page, L, cx, yy, 'jump_out', marker, aid)
            self.jumps.append({'article': aid, 'from_page': page.number, 'to_page': jump_to,
                               'marker': marker, 'in_marker': art.in_marker})
            art.jump_to = jump_to
        else:
            art.jump_to = None
        # paragraph pieces of this part
        pieces = []
        cur_pi, cur_s, cur_e = None, None, None
        for c, s, ln in placed:
            pi = ln[6]
            if pi != cur_pi:
                if cur_pi is not None:
                    pieces.append(art.paras[cur_pi][cur_s:cur_e])
                cur_pi, cur_s = pi, ln[4]
            cur_e = ln[5]
        if cur_pi is not None:
            pieces.append(art.paras[cur_pi][cur_s:cur_e])
        pieces = [p.strip() for p in pieces if p.strip()]
        art.pos = end if overflow else (len(art.paras), 0)
        if not overflow:
            art.done = True
        body_rect = None
        if column_rects:
            x0 = min(r[0] for r in column_rects)
            y0 = min(r[1] for r in column_rects)
            x1 = max(r[0] + r[2] for r in column_rects)
            y1 = max(r[1] + r[3] for r in column_rects)
            body_rect = [x0, y0, x1 - x0, y1 - y0]
        # rect of the article: bbox of everything it drew
        boxes = [r['box'] for r in page.regions[regions_start:]]
        if boxes:
            x0 = min(b[0] for b in boxes)
            y0 = min(b[1] for b in boxes)
            x1 = max(b[0] + b[2] for b in boxes)
            y1 = max(b[1] + b[3] for b in boxes)
            rect = [x0, y0, x1 - x0, y1 - y0]
        else:
            rect = [x, y, w, h]
        # column rules inside the article
        if self.st.col_rules and ncols > 1 and column_rects:
            for i in range(1, ncols):
                gx = x + i * (cw + g) - g / 2
                top = max(col_top[i - 1], col_top[i])
                bot = min(y_end, rect[1] + rect[3])
                if bot - top > 3 * lp:
                    ink.rule(gx, top, gx, bot, max(1.0, 1.5 * self.scale))
                    page.add('rule', [gx - 1, top, 2, bot - top], '', aid)
        part = {'page': page.number, 'rect': [int(round(v)) for v in rect],
                'head_rect': [int(round(v)) for v in head_box] if head_box else None,
                'body_rect': body_rect, 'ncols': ncols, 'gap': int(round(g)),
                'column_rects': column_rects, 'overflow': 0, 'text': pieces}
        art.parts.append(part)
        return part

    def size_h(self, L):
        ink, log = L.get_pixel_extents()
        return log.height

    def make_deck(self, art):
        """A deck: a clause from later in the article (decks restate the story)."""
        paras = art.paras[1:] or art.paras
        txt = ' '.join(paras) if not self.zh else ''.join(paras)
        if self.zh:
            cl = [c for c in re.split(r'[，。；：！？、“”]', txt) if 8 <= len(c) <= 22]
        else:
            cl = [c.strip() for c in re.split(r',(?!\d)|[;:"]|(?<![A-Z])\.(?:\s|$)', txt)
                  if 30 <= len(c.strip()) <= 80 and '(' not in c and ')' not in c]
        if not cl:
            return None
        d = self.rng.choice(cl[:12])
        if not self.zh:
            d = d[0].upper() + d[1:]
        return d

    def place_photo(self, page, art, x, y, w, h):
        """Photo rectangle plus its caption below; returns the y below the caption."""
        st, ink = self.st, page.ink
        x, y, w, h = int(round(x)), int(round(y)), int(round(w)), int(round(h))
        page.photos.append((x, y, w, h, self.rng.randrange(1 << 30)))
        page.add('photo', [x, y, w, h], '', art.id if art else None)
        ink.rect(x + 0.5, y + 0.5, w - 1, h - 1, max(1.0, 1.2 * self.scale))
        cap = self.f.caption(art.src if art else {'paras': [''], 'title': ''})
        cs = self.fs * 0.86
        L = ink.layout(cap, st.caption_font, cs, width=w, align='left', wrap='wordchar')
        b = self.draw_block(page, L, x, y + h + 0.25 * self.lp, 'caption', cap, art.id if art else None)
        return b[1] + b[3] + 0.2 * self.lp

    def set_briefs(self, page, m):
        """A column of briefs: section label, then short items each with a small head."""
        st, ink, rng = self.st, page.ink, self.rng
        fs, lp = self.fs, self.lp
        x, y, w, h = m['x'], m['y'], m['w'], m['h']
        label = self.f.briefs_label()
        L = ink.layout(label, st.brief_head_font, fs * 1.5, width=w, align='left')
        b = self.draw_block(page, L, x, y, 'section', label, None)
        ry = b[1] + b[3] + 0.15 * lp
        ink.rule(x, ry, x + w, ry, max(2.0, 3 * self.scale))
        page.add('rule', [x, ry - 2, w, 4], '', None)
        top = ry + 0.5 * lp
        span = m['span']
        sub_w = (w - (span - 1) * st.gutter) / span
        for k in range(span):
            sx = x + k * (sub_w + st.gutter)
            cur = top
            while y + h - cur > 5 * lp:
                avail = int((y + h - cur) // lp)
                cap = self.cpl(sub_w) * (avail - 2)
                src = self.take(int(min(cap, 60)), int(cap), brief=True)
                art = self.new_article(src)
                art.brief = True
                # a brief is the opening of a story
                art.paras = art.paras[:rng.choice([1, 1, 2])]
                L, hs = self.head_layout(ink, art.title, st.brief_head_font, fs * 1.12, sub_w, 'left', 3, fs)
                nl = L.get_line_count()
                if nl * hs * 1.5 + 3 * lp > y + h - cur:
                    self.articles.pop()
                    src['_used'] = False
                    break
                mm = {'x': sx, 'y': cur, 'w': sub_w, 'h': y + h - cur, 'span': 1}
                # reuse set_article in brief mode: head drawn here, body via flow
                part = self.set_brief_body(page, mm, art, L)
                cur = part['rect'][1] + part['rect'][3] + 0.7 * lp

    def set_brief_body(self, page, m, art, headL):
        ink, fs, lp = page.ink, self.fs, self.lp
        start = len(page.regions)
        hb = self.draw_block(page, headL, m['x'], m['y'], 'headline', art.title, art.id)
        top = hb[1] + hb[3] + 0.15 * lp
        n = int((m['y'] + m['h'] - top) // lp)
        cols = [(m['x'], top, n)]
        placed, overflow, end = self.flow(ink, art, cols, m['w'], False)
        if overflow:
            self.trim_end(art, (0, 0), end)
            placed, overflow, end = self.flow(ink, art, cols, m['w'], False)
        up = 0.38 if self.zh else 0.27
        lines = []
        for c, s, ln in placed:
            ink.draw_line(ln[1], m['x'] + ln[2], top + s * lp + lp / 2 + up * fs)
            lines.append(ln)
        nl = len(placed)
        cr = [int(round(v)) for v in (m['x'], top, m['w'], nl * lp)]
        if nl:
            page.add('body', cr, '\n'.join(ln[3] for ln in lines), art.id, 0)
        pieces = []
        for pi in sorted({ln[6] for ln in lines}):
            pieces.append(art.paras[pi])
        art.paras = pieces if pieces else art.paras[:0]
        boxes = [r['box'] for r in page.regions[start:]]
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        part = {'page': page.number, 'rect': [x0, y0, x1 - x0, y1 - y0],
                'head_rect': [int(round(v)) for v in hb], 'body_rect': cr if nl else None, 'ncols': 1,
                'gap': int(self.st.gutter), 'column_rects': [cr] if nl else [], 'overflow': 0,
                'text': list(pieces)}
        art.parts.append(part)
        art.done = True
        return part

    # ---------------------------------------------------------------- page furniture
    def masthead(self, page):
        st, ink, f = self.st, page.ink, self.f
        s = self.scale
        x0, x1 = st.margin, self.W - st.margin
        y = st.margin * 0.6
        size = (230 if self.zh else 170) * s
        L = ink.layout(f.paper, st.mast_font, size, width=x1 - x0, align='center')
        b = self.draw_block(page, L, x0, y, 'masthead', f.paper, None)
        y = b[1] + b[3] + 8 * s
        ink.rule(x0, y, x1, y, 6 * s)
        page.add('rule', [x0, y - 3 * s, x1 - x0, 6 * s], '', None)
        y += 14 * s
        bits = f.dateline_bits()
        bs = self.fs * 1.0
        font = st.sub_font if not self.zh else st.byline_font
        while True:
            Ls = [ink.layout(t, font, bs) for t in bits]
            ws = [self.size_w(L) for L in Ls]
            if sum(ws) < 0.9 * (x1 - x0) or bs < 10:
                break
            bs *= 0.9
        gap = ((x1 - x0) - sum(ws)) / (len(bits) - 1)
        xx = x0
        for t, L, ww in zip(bits, Ls, ws):
            self.draw_block(page, L, xx, y, 'dateline', t, None)
            xx += ww + gap
        y += bs * 1.6
        ink.rule(x0, y, x1, y, 2 * s)
        page.add('rule', [x0, y - 1 * s, x1 - x0, 2 * s], '', None)
        return y + 30 * s

    def running_head(self, page):
        st, ink, f = self.st, page.ink, self.f
        s = self.scale
        x0, x1 = st.margin, self.W - st.margin
        y = st.margin * 0.8
        size = self.fs * 1.05
        bits = f.running_bits(page.number)
        even = page.number % 2 == 0
        fol = page.label
        FL = ink.layout(fol, st.head_font, size * 1.5, width=None)
        fw, fh = self.size_w(FL), self.size_h(FL)
        fx = x0 if even else x1 - fw
        self.draw_block(page, FL, fx, y, 'folio', fol, None)
        avail_x0 = x0 + fw + 40 * s if even else x0
        avail_x1 = x1 if even else x1 - fw - 40 * s
        slot = (avail_x1 - avail_x0) / len(bits)
        for i, t in enumerate(bits):
            al = ['left', 'center', 'right'][min(2, i)] if len(bits) == 3 else 'center'
            L = ink.layout(t, st.byline_font if self.zh else st.sub_font, size, width=slot, align=al)
            self.draw_block(page, L, avail_x0 + i * slot, y + (fh - self.size_h(L)) / 2, 'running_head', t, None)
        yy = y + fh + 10 * s
        ink.rule(x0, yy, x1, yy, 3 * s)
        page.add('rule', [x0, yy - 1.5 * s, x1 - x0, 3 * s], '', None)
        return yy + 30 * s

    def size_w(self, L):
        ink, log = L.get_pixel_extents()
        return log.width

    # ---------------------------------------------------------------- page plan
    def plan(self, page, top, conts, starts):
        """Cuts the content area into modules.  conts: continuations landing here; starts:
        number of jump-starting articles to place here.  Returns list of module dicts."""
        rng, st = self.rng, self.st
        G = self.G
        y0, y1 = top, self.H - st.margin
        Hc = y1 - y0
        minh = max(10 * self.lp, 0.14 * Hc)
        mods = []
        rules = []
        regions = [(0, G, y0, y1)]

        # continuation modules, carved at the top or bottom of side strips
        free = (0, G, y0, y1)
        for k, art in enumerate(conts):
            c0, c1, ya, yb = free
            wcols = c1 - c0
            s = 2 if wcols <= 5 else rng.choice([2, 3, 3])
            if k < len(conts) - 1:
                s = max(1, min(s, wcols - 1))
            else:
                s = max(1, min(s, wcols))
            need = self.need_height(page.ink, art, s)
            chain = len(art.route) > art.route.index(page.number) + 1 if page.number in art.route else False
            if chain:
                need = max(minh, need * rng.uniform(0.4, 0.6))
            hmax = (yb - ya) * 0.8
            h = max(min(need, hmax), min(minh, yb - ya))
            left = rng.random() < 0.5
            sc0, sc1 = (c0, c0 + s) if left else (c1 - s, c1)
            at_top = rng.random() < 0.65
            if (yb - ya) - h < minh:
                h = yb - ya
            if at_top:
                mods.append({'c0': sc0, 'c1': sc1, 'y0': ya, 'y1': ya + h, 'kind': 'cont', 'art': art})
                rest = (sc0, sc1, ya + h + st.vgap, yb)
                if h < yb - ya:
                    rules.append(('h', sc0, sc1, ya + h + st.vgap / 2))
            else:
                mods.append({'c0': sc0, 'c1': sc1, 'y0': yb - h, 'y1': yb, 'kind': 'cont', 'art': art})
                rest = (sc0, sc1, ya, yb - h - st.vgap)
                if h < yb - ya:
                    rules.append(('h', sc0, sc1, yb - h - st.vgap / 2))
            if rest[3] - rest[2] >= minh:
                regions_rest = [rest]
            else:
                regions_rest = []
            free = (sc1, c1, ya, yb) if left else (c0, sc0, ya, yb)
            rules.append(('v', sc1 if left else sc0, ya, yb))
            for r in regions_rest:
                mods += self.split(r, Hc, minh, rules, 1)
            if free[1] - free[0] < 1:
                free = None
                break
        if free:
            if page.number == 1:
                mods += self.front(free, Hc, minh, rules)
            else:
                mods += self.split(free, Hc, minh, rules, 0)
        return mods, rules

    def front(self, region, Hc, minh, rules):
        rng, st = self.rng, self.st
        c0, c1, ya, yb = region
        mods = []
        G = c1 - c0
        if G >= 5 and rng.random() < 0.6:
            right = rng.random() < 0.6
            sc0, sc1 = (c1 - 1, c1) if right else (c0, c0 + 1)
            rules.append(('v', sc0 if right else sc1, ya, yb))
            mods += self.split_stack((sc0, sc1, ya, yb), minh, rules, rng.choice([2, 3]), sidebar=True)
            c0, c1 = (c0, c1 - 1) if right else (c0 + 1, c1)
        lh = (yb - ya) * rng.uniform(0.34, 0.48)
        lead = {'c0': c0, 'c1': c1, 'y0': ya, 'y1': ya + lh, 'kind': 'article', 'lead': True}
        if c1 - c0 >= 6 and rng.random() < 0.35:
            k = rng.choice([2, 2, 3])
            lead['c1'] = c1 - k
            mods.append({'c0': c1 - k, 'c1': c1, 'y0': ya, 'y1': ya + lh, 'kind': 'article'})
            rules.append(('v', c1 - k, ya, ya + lh))
        mods.append(lead)
        rules.append(('h', c0, c1, ya + lh + st.vgap / 2))
        mods += self.split((c0, c1, ya + lh + st.vgap, yb), Hc, minh, rules, 1)
        return mods

    def split_stack(self, region, minh, rules, n, sidebar=False):
        c0, c1, ya, yb = region
        rng, st = self.rng, self.st
        hs = [rng.uniform(0.7, 1.3) for _ in range(n)]
        tot = sum(hs)
        mods = []
        y = ya
        for i, hh in enumerate(hs):
            h = (yb - ya - (n - 1) * st.vgap) * hh / tot
            kind = 'briefs' if (sidebar and rng.random() < 0.3 and not getattr(self, '_briefs_done', False)) else 'article'
            if kind == 'briefs':
                self._briefs_done = True
            mods.append({'c0': c0, 'c1': c1, 'y0': y, 'y1': y + h, 'kind': kind})
            y += h + st.vgap
            if i < n - 1:
                rules.append(('h', c0, c1, y - st.vgap / 2))
        return mods

    def split(self, region, Hc, minh, rules, depth):
        rng, st = self.rng, self.st
        c0, c1, ya, yb = region
        w, h = c1 - c0, yb - ya
        G = self.G
        frac = (w / G) * (h / Hc)
        leaf = False
        if h < 2 * minh + st.vgap and w <= 2:
            leaf = True
        elif frac < 0.1:
            leaf = True
        elif frac < 0.28 and depth > 0 and rng.random() < 0.55:
            leaf = True
        if w >= 5 and h > 0.55 * Hc:
            leaf = False
        if leaf or (h < 2 * minh + st.vgap and w < 2):
            kind = 'article'
            if w <= 2 and h > 0.35 * Hc and rng.random() < 0.35 and not getattr(self, '_briefs_done', False):
                kind = 'briefs'
                self._briefs_done = True
            return [{'c0': c0, 'c1': c1, 'y0': ya, 'y1': yb, 'kind': kind}]
        can_h = h >= 2 * minh + st.vgap
        can_v = w >= 2
        horiz = can_h and (not can_v or (rng.random() < (0.35 if w >= 5 else 0.6)))
        if w >= 4 and h < 0.35 * Hc:
            horiz = False
        if not can_v:
            horiz = True
        if horiz:
            ys = ya + minh + rng.random() * (h - 2 * minh - st.vgap)
            rules.append(('h', c0, c1, ys + st.vgap / 2))
            return (self.split((c0, c1, ya, ys), Hc, minh, rules, depth + 1) +
                    self.split((c0, c1, ys + st.vgap, yb), Hc, minh, rules, depth + 1))
        if w == 2:
            k = 1
        elif w == 3:
            k = rng.choice([1, 2]) if h > 0.4 * Hc else rng.choice([1, 2])
        else:
            k = rng.randrange(2, w - 1)
        rules.append(('v', c0 + k, ya, yb))
        return (self.split((c0, c0 + k, ya, yb), Hc, minh, rules, depth + 1) +
                self.split((c0 + k, c1, ya, yb), Hc, minh, rules, depth + 1))

    def need_height(self, ink, art, span):
        """Height a continuation of `art` needs in a module of `span` grid columns."""
        cw = self.span_w(0, 1)
        self.cur = art
        n = 0
        for ln in self.line_gen(ink, art, cw):
            n += 1
        n += 2
        return math.ceil(n / span) * self.lp + self.fs * 4 + self.lp

    def est_capacity(self, m):
        """Rough number of body characters module m holds (heads and photos subtracted)."""
        w, h = m['w'], m['h']
        span = m['span']
        cw = (w - (span - 1) * self.st.gutter) / span
        hs = self.fs * max(1.5, min(3.7, 1.5 + 4.8 * m['imp'] ** 0.6))
        hs = min(hs, w / (5.5 if self.zh else 7.0))
        nl = 1 if self.cpl(w) * self.fs / hs > 24 else 2
        head = min(0.25 * h, hs * 1.45 * nl) + 2.2 * self.lp
        lines = max(0, (h - head) / self.lp) * span
        if m['imp'] > 0.08 and h > 900 * self.scale:
            lines *= 0.8
        return lines * self.cpl(cw)

    # ---------------------------------------------------------------- a whole page
    def compose_page(self, page, conts, starts):
        """starts: list of destination pages for articles jumping from this page."""
        rng, st = self.rng, self.st
        self.G = rng.choice(st.grid_choices)
        self.colw = self._colw(self.G)
        top = self.masthead(page) if page.number == 1 else self.running_head(page)
        self._briefs_done = False
        mods, rules = self.plan(page, top, conts, starts)
        # pixel geometry
        for m in mods:
            m['x'] = self.col_x(m['c0'])
            m['w'] = self.span_w(m['c0'], m['c1'])
            m['y'] = m['y0']
            m['h'] = m['y1'] - m['y0']
            m['span'] = m['c1'] - m['c0']
        Wc = self.W - 2 * st.margin
        Hc = self.H - st.margin - top
        for m in mods:
            m['imp'] = (m['w'] * m['h']) / (Wc * Hc) * (1.6 if m.get('lead') else 1.0)
        # jump starters go to the most important plain article modules
        plain = [m for m in mods if m['kind'] == 'article']
        plain.sort(key=lambda m: (m['span'] < 2, -m['imp'], m['y0'], m['c0']))
        starts = sorted(starts, key=lambda r: -len(r))  # chains get the prominent slots
        for m, route in zip(plain, starts):
            m['route'] = route
        # reading order: top to bottom, left to right by module origin
        mods.sort(key=lambda m: (m['c0'] if m['h'] > 0.6 * Hc else 0, m['y0'], m['c0']))
        for m in mods:
            if m['kind'] == 'cont':
                art = m['art']
                idx = art.route.index(page.number)
                nxt = art.route[idx + 1] if idx + 1 < len(art.route) else None
                self.set_article(page, m, art, first=False, jump_to=nxt,
                                 jump_from=art.parts[-1]['page'], importance=m['imp'])
            elif m['kind'] == 'briefs':
                self.set_briefs(page, m)
            else:
                cap = self.est_capacity(m)
                route = m.get('route')
                dest = route[1] if route else None
                if dest:
                    src = self.take(int(cap * 1.35 + 200 * (1 if self.zh else 2.5)))
                else:
                    src = self.take(int(cap * 1.15), int(cap))
                art = self.new_article(src)
                art.keyword = self.f.keyword(src)
                if dest:
                    art.route = list(route)
                    # keep the story to a sane length for the pages it crosses
                    maxlen = cap * (1 + 0.9 * (len(route) - 1)) + 300
                    self.cap_length(art, maxlen)
                else:
                    art.route = [page.number]
                self.set_article(page, m, art, first=True, jump_to=dest, importance=m['imp'])
        # rules between modules
        if page.rules:
            lw = max(1.0, 2 * self.scale)
            for r in rules:
                if r[0] == 'h':
                    _, c0, c1, yy = r
                    xa, xb = self.col_x(c0), self.col_x(c1 - 1) + self.colw
                    page.ink.rule(xa, yy, xb, yy, lw)
                    page.add('rule', [xa, yy - lw / 2, xb - xa, lw], '', None)
                else:
                    _, c, ya, yb = r
                    xx = self.col_x(c) - st.gutter / 2
                    page.ink.rule(xx, ya, xx, yb, lw)
                    page.add('rule', [xx - lw / 2, ya, lw, yb - ya], '', None)

    def cap_length(self, art, maxlen):
        tot = 0
        out = []
        for p in art.paras:
            if tot + len(p) > maxlen and out:
                break
            out.append(p)
            tot += len(p)
        art.paras = out
