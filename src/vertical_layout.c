/*
 * vertical_layout.c - layout of vertically set pages; see
 *                     vertical_layout.h.
 *
 * Public functions:
 *     bs_vertical_layout_options_default, bs_vertical_layout_analyse
 *
 * Method.  (1) Rules and photos are found by the shared detectors
 * (rules.h, halftone.h) and erased from a copy of the binary page.
 * (2) Cells: the rules, thickened a little to close the gaps where they
 * meet, cut the page into cells (connected components of the paper
 * around them: the boxes that fence an article or an advert, and the
 * open page outside all boxes).  Fences are how these papers separate
 * articles, and they hold where white space does not (the body columns of
 * neighbouring articles stand a gutter apart).  (3) Each cell's ink is cut
 * by a recursive XY cut into blocks: at white rows or columns at least a
 * glyph wide (CUT_GAP; the gutter between vertical columns and the
 * spacing between glyphs are a fraction of a glyph, so a block of columns
 * stays whole, while the white above a block, beside a headline or between
 * two stories is wider), or at a rule that crosses the block without
 * closing a cell.  At each step the cut direction with the widest gap
 * (relative to the threshold) is taken, and all its gaps at once.
 * Blocks still larger than REFINE_MIN glyphs both ways hold stories
 * whose fences do not cross them; they are refined bottom up: the ink is
 * smeared a little less than a story gap across the columns and a little
 * less than a headline's distance along them, the smear is cut again
 * where a rule ran (the rule between two stories, erased from the ink,
 * left a gap narrower than the smear), and each connected piece (pieces
 * whose boxes mostly overlap merged, so a large glyph with wide inner
 * white stays whole, while a headline grazing the columns beside it
 * stays apart) becomes a block.  Specks (dots of a dotted separator,
 * punctuation) take no part in deciding where blocks end.
 * (4) Each block's writing direction and glyph size come from its
 * projection profiles (text_direction.h).  A block whose glyphs are much
 * larger than the page's body glyphs is a headline; so is a run of
 * columns in a vertical block much wider than the block's other columns
 * (a headline column set a gutter beside its story), cut off on its
 * own.  (5) A cell whose text is mostly large type or pictures
 * (ADVERT_LARGE_SHARE of its area) is an advert; its blocks become ADVERT
 * regions, which reassembly keeps out of articles.
 *
 * The XY cut gives blocks of a single direction whenever the two are
 * separated by at least a glyph of white or by a rule, which is how
 * headlines are set off from their columns on these pages.
 */
#include "vertical_layout.h"

#include <stdlib.h>
#include <string.h>

#include "halftone.h"
#include "intmath.h"
#include "rules.h"
#include "text_direction.h"
#include "xalloc.h"

/* Smallest white gap that cuts a block, in glyph heights
 * (prep->char_height): column gutters and glyph spacing are 0.2-0.35 of a
 * glyph on the 1939 pages measured, the white between two stories (with
 * the faint rule between them erased) 0.7 and more. */
#define CUT_GAP 0.6
/* Ink runs at least this many glyphs long in a straight line are rules
 * the rule detector missed (faint, broken, printed between stories):
 * no glyph has a stroke that long, a column of glyphs breaks between
 * them. */
#define FAINT_RULE_LEN 3
/* Components smaller than this share of a glyph both ways (specks, the
 * dots of a dotted rule between two stories, punctuation) are left out
 * of the ink that decides where blocks end: the dots of a separator
 * would otherwise bridge the white between two stories. */
#define SPECK_MAX 0.3
/* A rule crossing at least this share of a block cuts it even without
 * white beside it (it was erased, so it left only its own width). */
#define CUT_RULE_SPAN 0.7
/* A row or column with at most this share of its length inked (or
 * CUT_NOISE_MIN px) still counts as white: specks, the edge of a stain, a
 * glyph fragment poking into a gutter. */
#define CUT_NOISE 0.005
#define CUT_NOISE_MIN 2
/* Gaps of up to this many glyphs between rule pieces (a broken rule, a
 * corner where a horizontal and a vertical rule nearly meet) are closed
 * before the cells are taken; closing does not thicken the rules, so
 * glyphs set close to a rule stay in their cell. */
#define CELL_CLOSE 2.0
/* The fence is then thickened by this many px so that a diagonal
 * one-pixel gap does not join two cells. */
#define CELL_FENCE_PX 3
/* Cells smaller than this many glyphs in either direction are the
 * corners between rules, not boxes. */
#define CELL_MIN 1.0
/* Blocks smaller than this share of a glyph in both directions are
 * specks left by the cut. */
#define BLOCK_MIN 0.6
/* Fewer ink pixels than this share of a glyph's square: dirt. */
#define BLOCK_MIN_INK 0.15
/* A block whose glyphs are this many times the body glyph is a
 * headline (body 1.0, headline type on the 1939 pages 1.8-4). */
#define HEADLINE_RATIO 1.5
/* ... and has at most this many lines or columns. */
#define HEADLINE_MAX_LINES 4
/* A boxed cell is an advert when at least this share of its blocks'
 * area is large type or pictures (articles: a headline over many body
 * columns, 0.1-0.3; adverts 0.5 and more). */
#define ADVERT_LARGE_SHARE 0.45
/* The open page (outside all boxes) covers at least this share of the
 * page's area; it is never an advert. */
#define OPEN_CELL_SHARE 0.3
/* Tiles that vote on the direction of a big block, in glyphs: a few
 * lines or columns each, small enough to hold one kind of text. */
#define DIRECTION_TILE 5
/* Blocks the XY cut leaves larger than this many glyphs both ways hold
 * several stories whose fences do not cross the whole block (an
 * L-shaped story, a headline over some of the columns); they are
 * refined bottom up. */
#define REFINE_MIN 8
/* The bottom-up refinement smears the ink by this share of a glyph
 * across the columns (joins a column to its neighbour across the
 * 0.2-0.35 glyph gutter, not across the 0.6+ glyph between stories)
 * and this share along them (joins the glyphs of a column, 0.05-0.2
 * apart, not a headline to the columns under it). */
#define SMEAR_ACROSS 0.45
#define SMEAR_ALONG 0.4
/* The refinement's pieces are merged when this share of the smaller
 * one's box lies inside the other (see merge_overlapping). */
#define MERGE_OVERLAP 0.5
/* A headline set in vertical columns of large type right beside its
 * story's body columns, a gutter apart, stays in the body's block (the
 * XY cut needs more white), and is then read as the body's first column
 * ("美任命西使（華盛頓廿日海通電）…" on the 1939 pages).  Within a vertical
 * block, columns at least WIDE_COLUMN times as wide as the block's median
 * column are cut off into a block of their own when it measures as
 * headline type (is_large).  White runs narrower than COLUMN_MIN_GUTTER
 * of a body glyph are the white inside a glyph, not a gutter. */
#define WIDE_COLUMN 1.4
#define COLUMN_MIN_GUTTER 0.1
/* Recursion limit of the XY cut (each level halves a block at least). */
#define CUT_MAX_DEPTH 48

bs_vertical_layout_options bs_vertical_layout_options_default(void)
{
    bs_vertical_layout_options o;
    o.find_photos = 1;
    o.find_adverts = 1;
    return o;
}

typedef struct vblock {
    bs_box box;   /* page pixels */
    int cell;     /* index of the cell it was cut from */
    long ink;     /* ink pixels */
    bs_text_direction_info dir;
} vblock;

typedef struct vblocks {
    vblock *v;
    size_t n, cap;
} vblocks;

/* What the XY cut works on: the cell's ink and rules, in the cell's own
 * coordinates, and where the cell is on the page. */
typedef struct cut_ctx {
    PIX *ink;     /* 1 bpp, the cell's ink only */
    PIX *rules;   /* 1 bpp, rules, same frame */
    int ox, oy;   /* cell origin in page pixels */
    int cell;
    int gap;      /* CUT_GAP in px */
    int min_side; /* BLOCK_MIN in px */
    long min_ink;
    vblocks *out;
} cut_ctx;

static int cut_noise(int span)
{
    int noise = (int)(CUT_NOISE * span);
    return noise < CUT_NOISE_MIN ? CUT_NOISE_MIN : noise;
}

static void count_profiles(PIX *p, bs_box r, int *row, int *col)
{
    memset(row, 0, (size_t)r.h * sizeof(int));
    memset(col, 0, (size_t)r.w * sizeof(int));
    l_uint32 *data = pixGetData(p);
    int wpl = pixGetWpl(p);
    for (int y = r.y; y < r.y + r.h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        for (int x = r.x; x < r.x + r.w; x++)
            if (GET_DATA_BIT(line, x)) {
                row[y - r.y]++;
                col[x - r.x]++;
            }
    }
}

/* Gaps of a profile to cut at: white runs of at least gap, or runs
 * holding a rule that spans CUT_RULE_SPAN of the other side.  Writes the
 * cut positions (run middles) and returns their count and the best
 * score (run length / gap, rules count as very wide). */
static int find_cuts(const int *ink, const int *rule, int n, int span, int gap, int *cuts,
                     double *pbest)
{
    int ncuts = 0;
    double best = 0;
    int noise = cut_noise(span);
    int i = 0;
#define IS_GAP(k) (ink[k] <= noise || rule[k] >= CUT_RULE_SPAN * span)
    while (i < n) {
        if (!IS_GAP(i)) {
            i++;
            continue;
        }
        int j = i, has_rule = 0;
        while (j < n && IS_GAP(j)) {
            if (rule[j] >= CUT_RULE_SPAN * span)
                has_rule = 1;
            j++;
        }
#undef IS_GAP
        /* Only inner runs: the block is trimmed to its ink. */
        if (i > 0 && j < n && (j - i >= gap || has_rule)) {
            double score = has_rule ? 1e6 : (double)(j - i) / gap;
            if (score > best)
                best = score;
            cuts[ncuts++] = (i + j) / 2;
        }
        i = j;
    }
    *pbest = best;
    return ncuts;
}

static void xy_cut(cut_ctx *c, bs_box r, int depth)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int *row = bs_xmalloc((size_t)r.h * sizeof(int));
    int *col = bs_xmalloc((size_t)r.w * sizeof(int));
    count_profiles(c->ink, r, row, col);
    /* Trim to the ink. */
    int t = 0, b = r.h - 1, l = 0, rt = r.w - 1;
    int rnoise = cut_noise(r.w), cnoise = cut_noise(r.h);
    while (t <= b && row[t] <= rnoise)
        t++;
    while (b >= t && row[b] <= rnoise)
        b--;
    while (l <= rt && col[l] <= cnoise)
        l++;
    while (rt >= l && col[rt] <= cnoise)
        rt--;
    if (t > b || l > rt) {
        free(row);
        free(col);
        return;
    }
    bs_box tr = {r.x + l, r.y + t, rt - l + 1, b - t + 1};
    free(row);
    free(col);
    row = bs_xmalloc((size_t)tr.h * sizeof(int));
    col = bs_xmalloc((size_t)tr.w * sizeof(int));
    int *rrow = bs_xmalloc((size_t)tr.h * sizeof(int));
    int *rcol = bs_xmalloc((size_t)tr.w * sizeof(int));
    count_profiles(c->ink, tr, row, col);
    count_profiles(c->rules, tr, rrow, rcol);
    long ink = 0;
    for (int y = 0; y < tr.h; y++)
        ink += row[y];
    int *ycuts = bs_xmalloc((size_t)tr.h * sizeof(int));
    int *xcuts = bs_xmalloc((size_t)tr.w * sizeof(int));
    double ybest = 0, xbest = 0;
    int ny = depth < CUT_MAX_DEPTH ? find_cuts(row, rrow, tr.h, tr.w, c->gap, ycuts, &ybest) : 0;
    int nx = depth < CUT_MAX_DEPTH ? find_cuts(col, rcol, tr.w, tr.h, c->gap, xcuts, &xbest) : 0;
    free(row);
    free(col);
    free(rrow);
    free(rcol);
    if (ny == 0 && nx == 0) {
        if ((tr.w >= c->min_side || tr.h >= c->min_side) && ink >= c->min_ink) {
            vblocks *o = c->out;
            BS_ARRAY_GROW(o->v, o->cap, o->n + 1);
            vblock *vb = &o->v[o->n++];
            memset(vb, 0, sizeof(*vb));
            vb->box = (bs_box){tr.x + c->ox, tr.y + c->oy, tr.w, tr.h};
            vb->cell = c->cell;
            vb->ink = ink;
        }
    } else if (ybest >= xbest) {
        int prev = 0;
        for (int k = 0; k <= ny; k++) {
            int end = k < ny ? ycuts[k] : tr.h;
            xy_cut(c, (bs_box){tr.x, tr.y + prev, tr.w, end - prev}, depth + 1);
            prev = end;
        }
    } else {
        int prev = 0;
        for (int k = 0; k <= nx; k++) {
            int end = k < nx ? xcuts[k] : tr.w;
            xy_cut(c, (bs_box){tr.x + prev, tr.y, end - prev, tr.h}, depth + 1);
            prev = end;
        }
    }
    free(ycuts);
    free(xcuts);
}

static void add_boxes(bs_page *page, BOXA *boxa, bs_role role)
{
    int n = boxa ? boxaGetCount(boxa) : 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) == 0)
            bs_page_add_region(page, role, (bs_box){x, y, w, h});
    }
}

static void paint_boxes(PIX *p, BOXA *boxa)
{
    int n = boxa ? boxaGetCount(boxa) : 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) == 0)
            pixRasterop(p, x, y, w, h, PIX_SET, NULL, 0, 0);
    }
}

/* Merge the boxes of boxa that mostly overlap: at least MERGE_OVERLAP of
 * the smaller one's area inside the other, until none do.  The pieces of
 * one large glyph (wide white inside) lie within each other's boxes; a
 * headline beside body columns only grazes theirs, and stays apart.
 * Leptonica's boxaHandleOverlaps(L_COMBINE) takes the same test but makes
 * one pass, and when two small boxes fall into the same large one it
 * keeps only the last union (the other small box is dropped, ink and
 * all), so it is not used here.  Returns a new array. */
static BOXA *merge_overlapping(BOXA *boxa)
{
    int n = boxaGetCount(boxa);
    bs_box *b = bs_xmalloc((size_t)(n ? n : 1) * sizeof(*b));
    for (int i = 0; i < n; i++)
        boxaGetBoxGeometry(boxa, i, &b[i].x, &b[i].y, &b[i].w, &b[i].h);
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                long ai = (long)b[i].w * b[i].h, aj = (long)b[j].w * b[j].h;
                long small = ai < aj ? ai : aj;
                if ((double)bs_box_overlap_area(b[i], b[j]) < MERGE_OVERLAP * (double)small)
                    continue;
                b[i] = bs_box_union(b[i], b[j]);
                b[j] = b[--n];
                j = i;
                changed = 1;
            }
    }
    BOXA *out = boxaCreate(n);
    for (int i = 0; i < n; i++)
        boxaAddBox(out, boxCreate(b[i].x, b[i].y, b[i].w, b[i].h), L_INSERT);
    free(b);
    return out;
}

/* Replace the big block at index i of out by the overlapping-merged
 * components of its smeared ink (see REFINE_MIN).  The smear is cut
 * again wherever rules ran: the rule between two stories was erased
 * from the ink and left a gap the smear would bridge. */
static void refine_block(PIX *ink, PIX *rules, int glyph, vblocks *out, size_t i)
{
    vblock big = out->v[i];
    BOX *b = boxCreate(big.box.x, big.box.y, big.box.w, big.box.h);
    PIX *part = pixClipRectangle(ink, b, NULL);
    PIX *fence = pixClipRectangle(rules, b, NULL);
    boxDestroy(&b);
    if (!part || !fence) {
        pixDestroy(&part);
        pixDestroy(&fence);
        return;
    }
    int across = (int)(SMEAR_ACROSS * glyph) | 1, along = (int)(SMEAR_ALONG * glyph) | 1;
    PIX *smear = pixCloseSafeBrick(NULL, part, across, along);
    if (smear) {
        pixDilateBrick(fence, fence, CELL_FENCE_PX, CELL_FENCE_PX);
        pixSubtract(smear, smear, fence);
    }
    pixDestroy(&fence);
    BOXA *comps = smear ? pixConnCompBB(smear, 8) : NULL;
    BOXA *merged = comps ? merge_overlapping(comps) : NULL;
    pixDestroy(&smear);
    int n = merged ? boxaGetCount(merged) : 0;
    if (n > 1) {
        /* The first part takes the big block's slot, the others go to
         * the end. */
        int first = 1;
        for (int k = 0; k < n; k++) {
            l_int32 x, y, w, h;
            boxaGetBoxGeometry(merged, k, &x, &y, &w, &h);
            if (w < BLOCK_MIN * glyph && h < BLOCK_MIN * glyph)
                continue;
            l_int32 cnt = 0;
            BOX *cb = boxCreate(x, y, w, h);
            pixCountPixelsInRect(part, cb, &cnt, NULL);
            boxDestroy(&cb);
            if (cnt < BLOCK_MIN_INK * glyph * glyph)
                continue;
            vblock nb = big;
            nb.box = (bs_box){big.box.x + x, big.box.y + y, w, h};
            nb.ink = cnt;
            if (first) {
                out->v[i] = nb;
                first = 0;
            } else {
                BS_ARRAY_GROW(out->v, out->cap, out->n + 1);
                out->v[out->n++] = nb;
            }
        }
    }
    boxaDestroy(&comps);
    boxaDestroy(&merged);
    pixDestroy(&part);
}

/* Cut the page's ink into blocks, cell by cell.  cellbox receives each
 * cell's box (indexed by vblock.cell). */
static void cut_cells(PIX *ink, PIX *rules, int glyph, vblocks *out, BOXA **pcells)
{
    int close = (int)(CELL_CLOSE * glyph) | 1;
    PIX *closed = pixCloseSafeBrick(NULL, rules, close, close);
    PIX *fence = closed ? pixDilateBrick(NULL, closed, CELL_FENCE_PX, CELL_FENCE_PX) : NULL;
    pixDestroy(&closed);
    if (!fence)
        fence = pixCopy(NULL, rules);
    PIX *paper = pixInvert(NULL, fence);
    pixDestroy(&fence);
    PIXA *pixa = NULL;
    BOXA *cells = pixConnComp(paper, &pixa, 4);
    pixDestroy(&paper);
    *pcells = cells;
    int n = cells ? boxaGetCount(cells) : 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(cells, i, &x, &y, &w, &h);
        if (w < CELL_MIN * glyph || h < CELL_MIN * glyph)
            continue;
        BOX *box = boxaGetBox(cells, i, L_CLONE);
        PIX *cell_ink = pixClipRectangle(ink, box, NULL);
        PIX *cell_rules = pixClipRectangle(rules, box, NULL);
        boxDestroy(&box);
        PIX *mask = pixaGetPix(pixa, i, L_CLONE);
        if (cell_ink && cell_rules && mask) {
            pixAnd(cell_ink, cell_ink, mask);
            cut_ctx c = {cell_ink, cell_rules, x, y, i, (int)(CUT_GAP * glyph),
                         (int)(BLOCK_MIN * glyph), (long)(BLOCK_MIN_INK * glyph * glyph), out};
            if (c.gap < 2)
                c.gap = 2;
            xy_cut(&c, (bs_box){0, 0, w, h}, 0);
        }
        pixDestroy(&cell_ink);
        pixDestroy(&cell_rules);
        pixDestroy(&mask);
    }
    pixaDestroy(&pixa);
}

/* Median glyph size of the blocks, each counted once per line, so long
 * body blocks outvote headlines. */
static int body_glyph(const vblocks *bl)
{
    size_t total = 0;
    for (size_t i = 0; i < bl->n; i++)
        total += (size_t)(bl->v[i].dir.lines > 0 ? bl->v[i].dir.lines : 0);
    if (!total)
        return 0;
    int *g = bs_xmalloc(total * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < bl->n; i++)
        for (int j = 0; j < bl->v[i].dir.lines; j++)
            g[k++] = bl->v[i].dir.glyph;
    qsort(g, k, sizeof(int), bs_cmp_int);
    int m = g[k / 2];
    free(g);
    return m;
}

static int is_large(const vblock *b, int body)
{
    return body > 0 && b->dir.glyph >= HEADLINE_RATIO * body && b->dir.lines <= HEADLINE_MAX_LINES;
}

/* Cells whose area is mostly large type or pictures: adverts.  Returns a
 * new array of flags, one per cell. */
static char *find_adverts(const vblocks *bl, BOXA *cells, BOXA *photos, int body, long page_area)
{
    int n = cells ? boxaGetCount(cells) : 0;
    char *advert = bs_xcalloc((size_t)(n ? n : 1), 1);
    double *large = bs_xcalloc((size_t)(n ? n : 1), sizeof(double));
    double *all = bs_xcalloc((size_t)(n ? n : 1), sizeof(double));
    int *blocks = bs_xcalloc((size_t)(n ? n : 1), sizeof(int));
    for (size_t i = 0; i < bl->n; i++) {
        const vblock *b = &bl->v[i];
        double a = (double)b->box.w * b->box.h;
        all[b->cell] += a;
        blocks[b->cell]++;
        if (is_large(b, body))
            large[b->cell] += a;
    }
    int np = photos ? boxaGetCount(photos) : 0;
    for (int p = 0; p < np; p++) {
        l_int32 px, py, pw, ph;
        boxaGetBoxGeometry(photos, p, &px, &py, &pw, &ph);
        bs_box pb = {px, py, pw, ph};
        for (int c = 0; c < n; c++) {
            l_int32 x, y, w, h;
            boxaGetBoxGeometry(cells, c, &x, &y, &w, &h);
            long ov = bs_box_overlap_area(pb, (bs_box){x, y, w, h});
            if (ov > 0) {
                large[c] += (double)ov;
                all[c] += (double)ov;
                blocks[c]++;
            }
        }
    }
    for (int c = 0; c < n; c++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(cells, c, &x, &y, &w, &h);
        if ((double)w * h >= OPEN_CELL_SHARE * (double)page_area)
            continue;
        /* A cell holding one large block only is a boxed headline. */
        if (blocks[c] >= 2 && all[c] > 0 && large[c] >= ADVERT_LARGE_SHARE * all[c])
            advert[c] = 1;
    }
    free(large);
    free(all);
    free(blocks);
    return advert;
}

/* The inked columns (x runs, block coordinates) of box in ink, gaps
 * narrower than min_gutter px bridged; returns their count, runs in
 * start[], end[] (exclusive), both of box.w entries at least. */
static int column_runs(PIX *ink, bs_box box, int min_gutter, int *start, int *end)
{
    int *row = bs_xmalloc((size_t)box.h * sizeof(int));
    int *col = bs_xmalloc((size_t)box.w * sizeof(int));
    count_profiles(ink, box, row, col);
    int noise = cut_noise(box.h), n = 0;
    for (int x = 0; x < box.w;) {
        if (col[x] <= noise) {
            x++;
            continue;
        }
        int e = x;
        while (e < box.w && col[e] > noise)
            e++;
        if (n > 0 && x - end[n - 1] < min_gutter)
            end[n - 1] = e;
        else {
            start[n] = x;
            end[n++] = e;
        }
        x = e;
    }
    free(row);
    free(col);
    return n;
}

/* A block of box's x range [x0, x1) (block coordinates), trimmed to its
 * ink rows, its ink counted and its direction measured; the cell is
 * cell.  An empty box when there is no ink. */
static vblock sub_block(PIX *ink, bs_box box, int x0, int x1, int cell, int glyph)
{
    bs_box sub = {box.x + x0, box.y, x1 - x0, box.h};
    int *row = bs_xmalloc((size_t)sub.h * sizeof(int));
    int *col = bs_xmalloc((size_t)sub.w * sizeof(int));
    count_profiles(ink, sub, row, col);
    int top = 0, bottom = sub.h;
    while (top < bottom && row[top] == 0)
        top++;
    while (bottom > top && row[bottom - 1] == 0)
        bottom--;
    vblock v = {{sub.x, sub.y + top, sub.w, bottom - top}, cell, 0, {0}};
    for (int y = top; y < bottom; y++)
        v.ink += row[y];
    free(row);
    free(col);
    if (!bs_box_empty(v.box))
        bs_text_direction_vote(ink, v.box, DIRECTION_TILE * glyph, &v.dir);
    return v;
}

static void push_block(vblocks *bl, vblock v)
{
    if (bs_box_empty(v.box))
        return;
    BS_ARRAY_GROW(bl->v, bl->cap, bl->n + 1);
    bl->v[bl->n++] = v;
}

/* Cut the first run of wide columns (WIDE_COLUMN) of block i, if it
 * measures as headline type, into a block of its own; what stands either
 * side stays, a block each. */
static void split_wide_column(vblocks *bl, size_t i, PIX *ink, int glyph, int body)
{
    vblock b = bl->v[i];
    int *start = bs_xmalloc((size_t)b.box.w * sizeof(int));
    int *end = bs_xmalloc((size_t)b.box.w * sizeof(int));
    int n = column_runs(ink, b.box, bs_imax(1, (int)(COLUMN_MIN_GUTTER * body)), start, end);
    int *width = bs_xmalloc((size_t)(n ? n : 1) * sizeof(int));
    for (int k = 0; k < n; k++)
        width[k] = end[k] - start[k];
    qsort(width, (size_t)n, sizeof(int), bs_cmp_int);
    double wide = WIDE_COLUMN * (n ? width[n / 2] : 0);
    free(width);
    int cut = 0;
    for (int k = 0; n >= 2 && k < n && !cut; k++) {
        if (end[k] - start[k] < wide)
            continue;
        int last = k;
        while (last + 1 < n && end[last + 1] - start[last + 1] >= wide)
            last++;
        if (k == 0 && last == n - 1)
            break; /* all wide: nothing to cut off */
        vblock head = sub_block(ink, b.box, start[k], end[last], b.cell, glyph);
        if (is_large(&head, body)) {
            vblock left = k > 0 ? sub_block(ink, b.box, start[0], end[k - 1], b.cell, glyph) : (vblock){0};
            vblock right = last + 1 < n ? sub_block(ink, b.box, start[last + 1], end[n - 1], b.cell, glyph)
                                        : (vblock){0};
            bl->v[i] = head;
            push_block(bl, left);
            push_block(bl, right);
            cut = 1;
        }
        k = last;
    }
    free(start);
    free(end);
}

/* Cut the wide columns off every vertical body block. */
static void split_wide_columns(vblocks *bl, PIX *ink, int glyph, int body)
{
    if (body <= 0)
        return;
    /* The pieces left either side are looked at in turn (i < bl->n). */
    for (size_t i = 0; i < bl->n; i++) {
        const vblock *b = &bl->v[i];
        if (b->dir.dir == BS_DIR_VERTICAL_RL && !is_large(b, body) && b->box.w >= 2 * body)
            split_wide_column(bl, i, ink, glyph, body);
    }
}

int bs_vertical_layout_analyse(const bs_prepared *prep, bs_page *page,
                               const bs_vertical_layout_options *opt, double *pshare,
                               bs_error *err)
{
    bs_vertical_layout_options defaults = bs_vertical_layout_options_default();
    if (!opt)
        opt = &defaults;
    if (pshare)
        *pshare = 0;
    if (!prep || !prep->binary || !prep->gray)
        return bs_error_set(err, BS_ERR_USAGE, "vertical layout: page not preprocessed");
    int glyph = prep->char_height;
    if (glyph <= 0)
        return 0;
    PIX *ink = pixCopy(NULL, prep->binary);
    BOXA *hrules = NULL, *vrules = NULL;
    bs_rules_find(ink, glyph, &hrules, &vrules);
    add_boxes(page, hrules, BS_ROLE_RULE);
    add_boxes(page, vrules, BS_ROLE_RULE);
    PIX *rules = pixCreate(pixGetWidth(ink), pixGetHeight(ink), 1);
    paint_boxes(rules, hrules);
    paint_boxes(rules, vrules);
    bs_rules_erase(ink, hrules);
    bs_rules_erase(ink, vrules);
    boxaDestroy(&hrules);
    boxaDestroy(&vrules);
    int len = FAINT_RULE_LEN * glyph;
    PIX *vfaint = pixOpenBrick(NULL, ink, 1, len);
    PIX *hfaint = pixOpenBrick(NULL, ink, len, 1);
    if (vfaint && hfaint) {
        pixOr(vfaint, vfaint, hfaint);
        pixOr(rules, rules, vfaint);
        pixSubtract(ink, ink, vfaint);
    }
    pixDestroy(&vfaint);
    pixDestroy(&hfaint);
    BOXA *photos = opt->find_photos ? bs_photos_find(ink, prep->gray, glyph) : NULL;
    add_boxes(page, photos, BS_ROLE_PHOTO);
    int np = photos ? boxaGetCount(photos) : 0;
    for (int i = 0; i < np; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(photos, i, &x, &y, &w, &h);
        pixRasterop(ink, x, y, w, h, PIX_CLR, NULL, 0, 0);
    }
    /* After the photos: their halftone dots are specks too. */
    int speck = (int)(SPECK_MAX * glyph);
    if (speck > 1) {
        PIX *kept = pixSelectBySize(ink, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
        if (kept) {
            pixDestroy(&ink);
            ink = kept;
        }
    }

    vblocks bl = {NULL, 0, 0};
    BOXA *cells = NULL;
    cut_cells(ink, rules, glyph, &bl, &cells);
    size_t cut = bl.n;
    for (size_t i = 0; i < cut; i++)
        if (bl.v[i].box.w > REFINE_MIN * glyph && bl.v[i].box.h > REFINE_MIN * glyph)
            refine_block(ink, rules, glyph, &bl, i);
    for (size_t i = 0; i < bl.n; i++)
        bs_text_direction_vote(ink, bl.v[i].box, DIRECTION_TILE * glyph, &bl.v[i].dir);
    int body = body_glyph(&bl);
    split_wide_columns(&bl, ink, glyph, body);
    char *advert = opt->find_adverts
                       ? find_adverts(&bl, cells, photos, body, (long)prep->width * prep->height)
                       : NULL;
    long vink = 0, allink = 0;
    for (size_t i = 0; i < bl.n; i++) {
        const vblock *b = &bl.v[i];
        bs_role role = is_large(b, body) ? BS_ROLE_HEADLINE : BS_ROLE_BODY;
        if (advert && advert[b->cell])
            role = BS_ROLE_ADVERT;
        bs_region *r = bs_page_add_region(page, role, b->box);
        r->direction = b->dir.dir;
        r->conf = b->dir.conf;
        r->text_height = (float)b->dir.glyph;
        r->columns_spanned = 1;
        allink += b->ink;
        if (b->dir.dir == BS_DIR_VERTICAL_RL)
            vink += b->ink;
    }
    if (pshare)
        *pshare = allink ? (double)vink / (double)allink : 0;
    free(advert);
    free(bl.v);
    boxaDestroy(&cells);
    boxaDestroy(&photos);
    pixDestroy(&rules);
    pixDestroy(&ink);
    return 0;
}
