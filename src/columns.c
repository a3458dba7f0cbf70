/*
 * columns.c - column gutters and the column grid; see columns.h.
 *
 * Public functions:
 *     bs_gutters_find, bs_gutters_separate,
 *     bs_column_grid, bs_column_of
 *
 * Method (gutters).  The boxes of all line segments (and photos) are
 * painted solid on a half-resolution map; white on this map is white
 * space between lines, words and columns.  An opening of the white with a
 * brick COL_MIN_W wide and COL_MIN_H tall keeps only white that belongs to
 * some tall white rectangle: the white between two glyphs or words of one
 * line is one line tall, and the lines above and below close it, so it
 * goes; a gutter runs down through many lines and stays.  This is the
 * white-space rectangle idea of Breuel's column finder, computed with
 * morphology instead of a search.  Of what stays, runs wider than
 * COL_MAX_W are empty areas (the unused end of a column, the space beside
 * a short article), not gutters, and are removed; the rest, cut again to
 * its tall parts, are the gutter candidates, each narrowed to its core
 * (the columns white over most of its height).  A candidate is kept when the
 * text beside it is aligned on it (lines of the column to its right start
 * at its edge, or lines to its left end at it): a river of white in
 * justified Latin text is as tall and narrow, but the words around it
 * start and end anywhere.  CJK text is set on a grid of square cells, so
 * the white after punctuation marks in the same cell of consecutive lines
 * forms a channel as aligned as a gutter; but a channel is closed by a
 * line of text running through it right above and right below, while a
 * gutter ends where its columns end (white, a rule, a headline, or a line
 * spanning the columns on one side only).  Candidates capped by text on
 * both ends are dropped; one capped at one end needs text aligned on both
 * sides (both columns of a gutter are justified; a river down a paragraph
 * has words aligned on one side at most), and if short (a channel or a
 * river of justified Latin spaces starting at a column's top) must also
 * fall on the page's column grid, in line with a tall, sure gutter and
 * nearly as wide as it.
 *
 * Method (grid).  Body blocks of ordinary column width (near the median
 * width of the tall blocks) are the columns; their left edges, clustered,
 * give the column positions.
 */
#include "columns.h"

#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "xalloc.h"

/* Map reduction: gutters are at least a dozen pixels wide at 200 dpi, so
 * half resolution loses nothing and quarters the morphology. */
#define COL_REDUCTION 2
/* Narrowest gutter, in body line heights: CJK pages set columns as
 * little as 0.7 line heights apart; word spaces are narrower than 0.3
 * only in tight Latin text, and they do not line up. */
#define COL_MIN_W 0.3
/* Shortest gutter, in body line heights: two lines and their leading
 * (1.3-1.5 line heights each); shorter white channels are everywhere.  In
 * Latin text, whose justified spaces make more of them, three. */
#define COL_MIN_H 2.5
#define COL_MIN_H_LATIN 3.0
/* Large type, at least COL_LARGE_TYPE body line heights tall, is painted
 * COL_LARGE_SPACE of its height wider on each side (a headline word space
 * is a third to one em). */
#define COL_LARGE_TYPE 1.5
#define COL_LARGE_SPACE 0.5
/* Widest gutter, in body line heights: wider white is an empty area.  A
 * gutter beside the indented first line of a paragraph is a two-character
 * indent wider than the gutter itself, so about 3.3. */
#define COL_MAX_W 4.0
/* Core of a candidate: columns white over at least this share of the
 * tallest column's rows. */
#define COL_CORE_FRACT 0.7
/* Alignment test: an edge within this distance, in body line heights,
 * counts as on the gutter edge. */
#define COL_ALIGN_TOL 0.3
/* Segments starting (ending) within COL_ALIGN_REACH body line heights of
 * a gutter's edge are the ones beside it; at least COL_ALIGN_SHARE of them
 * must be on the edge (paragraph indents are the exceptions; around a
 * river, words start anywhere). */
#define COL_ALIGN_REACH 1.2
#define COL_ALIGN_SHARE 0.6
/* Only lines less than this many body line heights tall cap a candidate:
 * CJK body lines with brackets reach 1.15 and bold headlines start at 1.2;
 * Latin line boxes vary with ascenders and descenders up to 1.3. */
#define COL_CAP_MAX_H 1.2
#define COL_CAP_MAX_H_LATIN 1.5
/* A line caps a candidate when it runs across half its width within this
 * many body line heights of the candidate's end (a white channel ends a
 * little before the line that closes it, where it gets too narrow). */
#define COL_CAP_TOL 1.0
/* ...and covers half of a window this many body line heights wide around
 * the candidate's middle (a word space is a third of one). */
#define COL_CAP_WINDOW 1.0
/* A candidate capped at one end only and shorter than this many body line
 * heights (eight lines) is a gutter only in line with a taller one, within
 * COL_GRID_TOL body line heights: the white after CJK punctuation in the
 * same cell of a few lines, or a river of justified Latin spaces, can
 * start at a column's top, but does not fall on the column grid; the
 * gutter of a short article under a byline spanning its columns does. */
#define COL_SHORT_H 12.0
#define COL_GRID_TOL 0.5
/* ...and at least this share of that gutter's width: a river of word
 * spaces falling on the grid is half as wide as the grid's gutters. */
#define COL_GRID_WIDTH 0.7
/* Line pitch assumed when counting the lines beside a gutter, in body line
 * heights (leading of 30-70 percent). */
#define COL_PITCH 1.5
/* Share of the lines beside a gutter that must be aligned on it (lines
 * starting a paragraph are indented and do not count; two in five is
 * well above what chance gives a river). */
#define COL_ALIGN_FRACT 0.4
/* Grid: blocks at least this tall, in body line heights, define columns;
 * widths within COL_WIDTH_TOL of the median are ordinary columns; left
 * edges within COL_EDGE_TOL body line heights are the same column. */
#define COL_GRID_MIN_H 2.5
#define COL_WIDTH_TOL 0.15
#define COL_EDGE_TOL 0.7
/* A region spans a grid column when it covers this share of it. */
#define COL_SPAN_FRACT 0.5

static int round_div(int v, int d)
{
    return (v + d / 2) / d;
}

enum { COL_ALIGNED_RIGHT = 1, COL_ALIGNED_LEFT = 2 };

/* Which sides of the candidate g have their segments aligned on it
 * (COL_ALIGNED_RIGHT, COL_ALIGNED_LEFT or both; 0 for none): of the
 * segments starting just right of it (or ending just left of it), most
 * start (end) at its edge, and they are enough to be a column.  Only
 * lines of body size (less than max_h tall) count: gutters part columns
 * of text, and in a two-line headline a colon over a middle dot leaves a
 * narrow channel on which both lines end and start. */
static int aligned(bs_box g, const bs_seg *segs, size_t n, float max_h, float body_h)
{
    int tol = (int)(COL_ALIGN_TOL * body_h) + COL_REDUCTION;
    int reach = (int)(COL_ALIGN_REACH * body_h);
    int gx0 = g.x, gx1 = g.x + g.w;
    int left = 0, right = 0, near_left = 0, near_right = 0;
    for (size_t i = 0; i < n; i++) {
        bs_box s = segs[i].box;
        if (s.y + s.h <= g.y || s.y >= g.y + g.h || s.h >= max_h)
            continue;
        if (s.x >= gx1 - tol && s.x <= gx1 + reach) {
            near_right++;
            right += s.x <= gx1 + tol;
        }
        int e = s.x + s.w;
        if (e <= gx0 + tol && e >= gx0 - reach) {
            near_left++;
            left += e >= gx0 - tol;
        }
    }
    double lines = g.h / (COL_PITCH * body_h);
    double need = COL_ALIGN_FRACT * lines;
    if (need < 2)
        need = 2;
    return (right >= need && right >= COL_ALIGN_SHARE * near_right ? COL_ALIGNED_RIGHT : 0) |
           (left >= need && left >= COL_ALIGN_SHARE * near_left ? COL_ALIGNED_LEFT : 0);
}

/* 1 when body-sized text runs across g within tol px of its top (top =
 * 1) or bottom (top = 0): its segments on that row cover at least half
 * of a window around g's middle, g's width or COL_CAP_WINDOW body line
 * heights if wider.  Segments, not one segment: a narrow channel (a river
 * of justified word spaces under a headline) can end on a word space of
 * the line that closes it.  Larger type does not cap: a headline spanning
 * columns tops their gutters, and the next article's headline ends them. */
static int capped(bs_box g, const bs_seg *segs, size_t n, int tol, int top, float max_h, float body_h)
{
    int edge = top ? g.y : g.y + g.h;
    int half = bs_imax(g.w / 2, (int)(COL_CAP_WINDOW * body_h / 2));
    int w0 = g.x + g.w / 2 - half, w1 = g.x + g.w / 2 + half;
    unsigned char *cover = bs_xcalloc((size_t)(w1 - w0) + 1, 1);
    for (size_t i = 0; i < n; i++) {
        bs_box s = segs[i].box;
        if (s.h >= max_h)
            continue;
        int d = top ? edge - (s.y + s.h) : s.y - edge;
        if (d < -tol || d > tol)
            continue;
        for (int x = bs_imax(s.x, w0); x < bs_imin(s.x + s.w, w1); x++)
            cover[x - w0] = 1;
    }
    int covered = 0;
    for (int x = w0; x < w1; x++)
        covered += cover[x - w0];
    free(cover);
    return 2 * covered >= w1 - w0;
}

/* 1 when a picture (one of obstacles) spans g's width within tol px of
 * its top (top = 1) or bottom (top = 0).  A channel between a picture
 * and a line of text running under it is the white around a caption
 * whose word spaces happen to line up with the next line's, not a gutter;
 * a gutter under a picture spanning two columns ends at their foot. */
static int capped_by_picture(bs_box g, BOXA *obstacles, int tol, int top)
{
    int n = obstacles ? boxaGetCount(obstacles) : 0;
    int edge = top ? g.y : g.y + g.h;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(obstacles, i, &x, &y, &w, &h);
        if (x > g.x || x + w < g.x + g.w)
            continue;
        int d = top ? edge - (y + h) : y - edge;
        if (d >= -tol && d <= tol)
            return 1;
    }
    return 0;
}

/* Narrow [*x, *x + *w) to the core of the candidate comp (its own mask,
 * whose box starts at *x): the columns where the white runs through at
 * least COL_CORE_FRACT of the tallest column's rows.  A river or an
 * indent touching a gutter widens its box, not its core. */
static void core_columns(PIX *comp, l_int32 *x, l_int32 *w)
{
    NUMA *cols = comp ? pixCountPixelsByColumn(comp) : NULL;
    if (!cols)
        return;
    l_float32 maxv = 0;
    l_int32 imax = 0;
    numaGetMax(cols, &maxv, &imax);
    int n = numaGetCount(cols), lo = imax, hi = imax;
    l_int32 v;
    while (lo > 0 && numaGetIValue(cols, lo - 1, &v) == 0 && v >= COL_CORE_FRACT * maxv)
        lo--;
    while (hi < n - 1 && numaGetIValue(cols, hi + 1, &v) == 0 && v >= COL_CORE_FRACT * maxv)
        hi++;
    numaDestroy(&cols);
    *x += lo;
    *w = hi - lo + 1;
}

bs_box *bs_gutters_find(int width, int height, const bs_seg *segs, size_t n, BOXA *obstacles,
                        float body_h, int char_h, size_t *pn)
{
    *pn = 0;
    if (width <= 0 || height <= 0 || body_h <= 0)
        return NULL;
    const int r = COL_REDUCTION;
    int latin = bs_textlines_latin(char_h, body_h);
    int mw = width / r + 1, mh = height / r + 1;
    PIX *map = pixCreate(mw, mh, 1);
    if (!map)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        bs_box b = segs[i].box;
        /* Large type is painted wider by its word space, so that a gutter
         * under a headline does not climb into the space between two of
         * its words. */
        if (b.h >= COL_LARGE_TYPE * body_h) {
            int grow = (int)(COL_LARGE_SPACE * b.h);
            b.x -= grow;
            b.w += 2 * grow;
        }
        pixRasterop(map, b.x / r, b.y / r, round_div(b.w, r) + 1, round_div(b.h, r) + 1, PIX_SET, NULL, 0,
                    0);
    }
    int nob = obstacles ? boxaGetCount(obstacles) : 0;
    for (int i = 0; i < nob; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(obstacles, i, &x, &y, &w, &h);
        pixRasterop(map, x / r, y / r, round_div(w, r) + 1, round_div(h, r) + 1, PIX_SET, NULL, 0, 0);
    }
    pixInvert(map, map);
    int wmin = (int)(COL_MIN_W * body_h / r + 0.5);
    int hmin = (int)((latin ? COL_MIN_H_LATIN : COL_MIN_H) * body_h / r + 0.5);
    int wmax = (int)(COL_MAX_W * body_h / r + 0.5);
    if (wmin < 1)
        wmin = 1;
    if (hmin < 2)
        hmin = 2;
    PIX *tall = pixOpenBrick(NULL, map, wmin, hmin);
    pixDestroy(&map);
    if (!tall)
        return NULL;
    PIX *wide = pixOpenBrick(NULL, tall, wmax + 1, 1);
    if (wide)
        pixSubtract(tall, tall, wide);
    pixDestroy(&wide);
    PIX *narrow = pixOpenBrick(NULL, tall, 1, hmin);
    pixDestroy(&tall);
    if (!narrow)
        return NULL;
    PIXA *pixa = NULL;
    BOXA *boxa = pixConnComp(narrow, &pixa, 4);
    pixDestroy(&narrow);
    int nb = boxa ? boxaGetCount(boxa) : 0;
    bs_box *cand = bs_xcalloc((size_t)nb + 1, sizeof(bs_box));
    int *caps = bs_xcalloc((size_t)nb + 1, sizeof(int));
    int *ok = bs_xcalloc((size_t)nb + 1, sizeof(int));
    int *sides = bs_xcalloc((size_t)nb + 1, sizeof(int));
    int tol = (int)(COL_CAP_TOL * body_h) + r;
    float cap_h = (float)((latin ? COL_CAP_MAX_H_LATIN : COL_CAP_MAX_H) * body_h);
    for (int i = 0; i < nb; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
        PIX *comp = pixaGetPix(pixa, i, L_CLONE);
        core_columns(comp, &x, &w);
        pixDestroy(&comp);
        bs_box g = {x * r, y * r, w * r, h * r};
        cand[i] = g;
        sides[i] = aligned(g, segs, n, cap_h, body_h);
        if (!sides[i])
            continue;
        caps[i] = (capped(g, segs, n, tol, 1, cap_h, body_h) || capped_by_picture(g, obstacles, tol, 1)) +
                  (capped(g, segs, n, tol, 0, cap_h, body_h) || capped_by_picture(g, obstacles, tol, 0));
        if (caps[i] == 2)
            continue;
        ok[i] = 1;
    }
    /* A short candidate capped on one end is a gutter only on the page's
     * column grid: in line with one of the sure (tall) gutters. */
    int grid_tol = (int)(COL_GRID_TOL * body_h);
    bs_box *out = NULL;
    size_t cnt = 0, cap = 0;
    for (int i = 0; i < nb; i++) {
        bs_box g = cand[i];
        if (!ok[i])
            continue;
        /* Capped at one end, the text on both sides must be aligned on
         * it: the two columns a gutter parts are both justified, while a
         * river of word spaces down a paragraph (fifteen lines of a small
         * type) has the words on one side only ending or starting at it. */
        if (caps[i] == 1 && sides[i] != (COL_ALIGNED_RIGHT | COL_ALIGNED_LEFT))
            continue;
        if (caps[i] == 1 && g.h < COL_SHORT_H * body_h) {
            /* ...and, short, it must fall on the grid: a river in a few
             * justified Latin lines can fall on the grid of narrower
             * columns elsewhere on the page, but is half as wide. */
            int cx = g.x + g.w / 2, on_grid = 0;
            for (int k = 0; k < nb && !on_grid; k++)
                on_grid = ok[k] && cand[k].h >= COL_SHORT_H * body_h &&
                          abs(cand[k].x + cand[k].w / 2 - cx) <= grid_tol && g.w >= COL_GRID_WIDTH * cand[k].w;
            if (!on_grid)
                continue;
        }
        BS_ARRAY_GROW(out, cap, cnt + 1);
        out[cnt++] = g;
    }
    free(cand);
    free(caps);
    free(ok);
    free(sides);
    boxaDestroy(&boxa);
    pixaDestroy(&pixa);
    *pn = cnt;
    return out;
}

/* -1 when b lies left of x, 1 right of it, 0 across it. */
static int side_of(bs_box b, int x)
{
    if (b.x + b.w <= x)
        return -1;
    if (b.x >= x)
        return 1;
    return 0;
}

/* 1 when g runs beside at least half of the rows of b. */
static int beside(bs_box g, bs_box b)
{
    int y0 = g.y > b.y ? g.y : b.y;
    int y1 = g.y + g.h < b.y + b.h ? g.y + g.h : b.y + b.h;
    return 2 * (y1 - y0) >= b.h;
}

int bs_gutters_separate(const bs_box *gutters, size_t n, bs_box a, bs_box b, int lead)
{
    for (size_t i = 0; i < n; i++) {
        bs_box g = gutters[i];
        int cx = g.x + g.w / 2;
        int sa = side_of(a, cx), sb = side_of(b, cx);
        if (sa == sb)
            continue;
        /* The gutter must run beside each box that is on one side of it:
         * a gutter that ends above a headline does not separate the
         * headline's words.  Against a line running across the gutter, a
         * box on one side may also be the first line of its column, with
         * the gutter starting under it (an indent or a byline hides the
         * gutter's first line). */
        int across = sa == 0 || sb == 0;
        const bs_box *side = sa == 0 ? &b : &a;
        if (across) {
            if (beside(g, *side) || (g.y >= side->y && g.y <= side->y + side->h + lead))
                return 1;
        } else if (beside(g, a) && beside(g, b)) {
            return 1;
        }
    }
    return 0;
}

bs_box *bs_column_grid(const bs_box *blocks, size_t n, float body_h, size_t *pn)
{
    *pn = 0;
    if (n == 0 || body_h <= 0)
        return NULL;
    int *widths = bs_xmalloc(n * sizeof(int));
    size_t nw = 0;
    for (size_t i = 0; i < n; i++)
        if (blocks[i].h >= COL_GRID_MIN_H * body_h)
            widths[nw++] = blocks[i].w;
    if (nw == 0) {
        free(widths);
        return NULL;
    }
    qsort(widths, nw, sizeof(int), bs_cmp_int);
    int colw = widths[nw / 2];
    free(widths);

    int *lefts = bs_xmalloc(n * sizeof(int));
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        const bs_box *b = &blocks[i];
        if (b->h >= COL_GRID_MIN_H * body_h && b->w >= (1 - COL_WIDTH_TOL) * colw &&
            b->w <= (1 + COL_WIDTH_TOL) * colw)
            lefts[nl++] = b->x;
    }
    qsort(lefts, nl, sizeof(int), bs_cmp_int);
    bs_box *cols = NULL;
    size_t nc = 0, cap = 0;
    int tol = (int)(COL_EDGE_TOL * body_h);
    for (size_t i = 0; i < nl;) {
        /* One cluster: consecutive left edges within tol of its first. */
        size_t j = i;
        long sum = 0;
        while (j < nl && lefts[j] - lefts[i] <= tol)
            sum += lefts[j++];
        int x = (int)(sum / (long)(j - i));
        /* A column cannot start inside the previous one. */
        if (nc == 0 || x >= cols[nc - 1].x + cols[nc - 1].w - tol) {
            BS_ARRAY_GROW(cols, cap, nc + 1);
            cols[nc++] = (bs_box){x, 0, colw, 0};
        }
        i = j;
    }
    free(lefts);
    *pn = nc;
    return cols;
}

int bs_column_of(const bs_box *cols, size_t ncols, bs_box box, int *span)
{
    *span = 1;
    if (ncols == 0)
        return -1;
    int best = -1, count = 0;
    long best_ov = 0;
    for (size_t i = 0; i < ncols; i++) {
        int x0 = box.x > cols[i].x ? box.x : cols[i].x;
        int x1 = box.x + box.w < cols[i].x + cols[i].w ? box.x + box.w : cols[i].x + cols[i].w;
        long ov = x1 - x0;
        if (ov <= 0)
            continue;
        if (ov >= COL_SPAN_FRACT * cols[i].w || ov >= COL_SPAN_FRACT * box.w)
            count++;
        if (ov > best_ov) {
            best_ov = ov;
            best = (int)i;
        }
    }
    if (best < 0) {
        /* Outside every column (a margin note): the nearest one. */
        long best_d = -1;
        for (size_t i = 0; i < ncols; i++) {
            long d = labs((long)(box.x + box.w / 2) - (cols[i].x + cols[i].w / 2));
            if (best_d < 0 || d < best_d) {
                best_d = d;
                best = (int)i;
            }
        }
        return best;
    }
    /* The first column covered is the region's column. */
    for (size_t i = 0; i < ncols; i++) {
        int x0 = box.x > cols[i].x ? box.x : cols[i].x;
        int x1 = box.x + box.w < cols[i].x + cols[i].w ? box.x + box.w : cols[i].x + cols[i].w;
        long ov = x1 - x0;
        if (ov > 0 && (ov >= COL_SPAN_FRACT * cols[i].w || ov >= COL_SPAN_FRACT * box.w)) {
            best = (int)i;
            break;
        }
    }
    *span = count > 0 ? count : 1;
    return best;
}
