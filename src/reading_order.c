/*
 * reading_order.c - partial order of blocks and its topological sort;
 * see reading_order.h.
 */
#include "reading_order.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "xalloc.h"

/* Two x ranges overlap (the blocks share a column) when the overlap is at
 * least this share of the narrower block's width ... */
#define RO_XOVERLAP_FRAC 0.2
/* ... and at least this many pixels: a vertical rule a few pixels wide
 * that touches a column must not count as standing in it, or it would tie
 * the top of the next column to the bottom of this one. */
#define RO_XOVERLAP_MIN_PX 8
/* A block c is "between" a and b vertically even when it overlaps them
 * by up to this share of its own height (cut boxes touch or overlap by a
 * few pixels; a headline's box may reach into the text below). */
#define RO_BETWEEN_TOL_FRAC 0.25
/* Ties in the topological sort: tops closer than this many pixels count
 * as level, and the block to the left goes first. */
#define RO_LEVEL_TOL_PX 10
/* Rules (boxes at most this many pixels thick and RO_RULE_ASPECT times as
 * long) take part in no relation of their own: a vertical rule is too
 * narrow to share a column with anything, so relation (2) alone would
 * place it, left of a headline high up on the page and right of the
 * blocks beside it, and tie the columns on either side into a cycle whose
 * weak edges then give way (a column read before the columns left of it
 * that start lower, under a picture).  They still separate: a rule
 * between two blocks stops relation (2) between them. */
#define RO_RULE_MAX_PX 8
#define RO_RULE_ASPECT 10
/* Boxes of two bands may touch the white strip between them by this many
 * pixels (a descender, a box cut a little generously). */
#define RO_BAND_TOL_PX 3

bs_reading_order_options bs_reading_order_options_default(void)
{
    bs_reading_order_options o;
    memset(&o, 0, sizeof(o));
    return o;
}

static int x_overlap(const bs_box *a, const bs_box *b)
{
    int ov = bs_imin(a->x + a->w, b->x + b->w) - bs_imax(a->x, b->x);
    int narrow = bs_imin(a->w, b->w);
    return ov >= RO_XOVERLAP_MIN_PX && ov >= RO_XOVERLAP_FRAC * narrow;
}

/* c lies vertically between a and b (either way round). */
static int between(const bs_box *a, const bs_box *b, const bs_box *c)
{
    int tol = bs_imax(2, (int)(RO_BETWEEN_TOL_FRAC * c->h));
    const bs_box *up = a->y <= b->y ? a : b;
    const bs_box *down = up == a ? b : a;
    return c->y >= up->y + up->h - tol && c->y + c->h <= down->y + tol;
}

/* Relation (1) or (2): does a come before b?  0 no, REL_ABOVE for (1),
 * REL_STRONG for (2) between blocks that share some height, REL_WEAK for (2)
 * between blocks one entirely above the other (the left column's bottom
 * before the right column's top: needed for column-major order, but the
 * first to give way when an L-shaped story makes the relation cyclic). */
enum { REL_NONE = 0, REL_WEAK = 1, REL_STRONG = 2, REL_ABOVE = 3 };

/* Some line of white crosses from a's left edge to b's right edge
 * between b's bottom and a's top (a below b): a y in that range at which
 * no other block of that x range has ink.  Blocks may overlap the line
 * by RO_BAND_TOL_PX (a descender, a box cut a little generously). */
static int band_gap(const bs_box *boxes, size_t n, size_t ia, size_t ib)
{
    const bs_box *a = &boxes[ia], *b = &boxes[ib];
    int y0 = b->y + b->h, y1 = a->y;
    int x0 = a->x, x1 = b->x + b->w;
    if (y1 <= y0 || x1 <= x0)
        return 0;
    /* Sweep down from y0: the first y not covered by a block is white. */
    int y = y0;
    for (int moved = 1; moved && y < y1;) {
        moved = 0;
        for (size_t k = 0; k < n; k++) {
            if (k == ia || k == ib)
                continue;
            const bs_box *c = &boxes[k];
            int top = c->y + RO_BAND_TOL_PX, bottom = c->y + c->h - RO_BAND_TOL_PX;
            if (c->x < x1 && c->x + c->w > x0 && top <= y && bottom > y) {
                y = bottom;
                moved = 1;
            }
        }
    }
    return y < y1;
}

/* A story opens at a (a headline) or under a headline between b's bottom
 * and a's top in a's column. */
static int story_opens_above(const bs_box *boxes, size_t n, const unsigned char *opens, size_t ia,
                             size_t ib)
{
    const bs_box *a = &boxes[ia], *b = &boxes[ib];
    if (opens[ia])
        return 1;
    for (size_t k = 0; k < n; k++) {
        const bs_box *h = &boxes[k];
        if (k != ia && k != ib && opens[k] && x_overlap(h, a)
            && h->y >= b->y + b->h - RO_BAND_TOL_PX && h->y + h->h <= a->y + RO_BAND_TOL_PX)
            return 1;
    }
    return 0;
}

static int before(const bs_box *boxes, size_t n, const unsigned char *opens, size_t ia, size_t ib)
{
    const bs_box *a = &boxes[ia], *b = &boxes[ib];
    if (x_overlap(a, b))
        return 2 * a->y + a->h < 2 * b->y + b->h ? REL_ABOVE : REL_NONE;
    if (2 * a->x + a->w >= 2 * b->x + b->w)
        return REL_NONE;
    for (size_t k = 0; k < n; k++) {
        if (k == ia || k == ib)
            continue;
        const bs_box *c = &boxes[k];
        if (x_overlap(c, a) && x_overlap(c, b) && between(a, b, c))
            return REL_NONE;
    }
    int yov = bs_imin(a->y + a->h, b->y + b->h) - bs_imax(a->y, b->y);
    if (yov > 0)
        return REL_STRONG;
    /* a lies wholly below b.  Column-major order reads it first when the
     * two are columns of one block; but when white space crosses from a's
     * left edge to b's right edge between b's bottom and a's top, and a
     * story opens under it above a, they stand in two bands of the page
     * (a story ending at a photo's foot, a new row of stories below), and
     * the upper band is read first. */
    if (opens && a->y >= b->y + b->h && story_opens_above(boxes, n, opens, ia, ib)
        && band_gap(boxes, n, ia, ib))
        return REL_NONE;
    return REL_WEAK;
}

/* Does box p go before box q among unrelated ready blocks? */
static int tie_first(const bs_box *p, const bs_box *q)
{
    if (abs(p->y - q->y) > RO_LEVEL_TOL_PX)
        return p->y < q->y;
    if (p->x != q->x)
        return p->x < q->x;
    return p->y < q->y;
}

/* Kahn's algorithm on rel (n x n); 0, or -1 on a cycle. */
static int kahn(const unsigned char *rel, const bs_box *boxes, size_t n, size_t *order)
{
    size_t *indeg = bs_xcalloc(n, sizeof(*indeg));
    unsigned char *done = bs_xcalloc(n, 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (rel[i * n + j])
                indeg[j]++;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (!done[i] && indeg[i] == 0 && (best == n || tie_first(&boxes[i], &boxes[best])))
                best = i;
        if (best == n) {
            rc = -1;
            break;
        }
        done[best] = 1;
        order[k] = best;
        for (size_t j = 0; j < n; j++)
            if (rel[best * n + j])
                indeg[j]--;
    }
    free(indeg);
    free(done);
    return rc;
}

/* Strongly connected components (Tarjan), iteratively: comp[i] receives
 * the component of i. */
typedef struct scc_ctx {
    const unsigned char *rel;
    size_t n;
    size_t *index, *low, *comp, *stack;
    unsigned char *on;
    size_t next, sp, ncomp;
} scc_ctx;

static void scc_visit(scc_ctx *c, size_t v0)
{
    /* Explicit call stack: (vertex, next neighbour to try). */
    size_t *cs_v = bs_xmalloc(c->n * sizeof(size_t)), *cs_j = bs_xmalloc(c->n * sizeof(size_t));
    size_t depth = 0;
    cs_v[0] = v0;
    cs_j[0] = 0;
    c->index[v0] = c->low[v0] = c->next++;
    c->stack[c->sp++] = v0;
    c->on[v0] = 1;
    depth = 1;
    while (depth > 0) {
        size_t v = cs_v[depth - 1];
        size_t j = cs_j[depth - 1];
        int descended = 0;
        for (; j < c->n; j++) {
            if (!c->rel[v * c->n + j])
                continue;
            if (c->index[j] == SIZE_MAX) {
                cs_j[depth - 1] = j + 1;
                c->index[j] = c->low[j] = c->next++;
                c->stack[c->sp++] = j;
                c->on[j] = 1;
                cs_v[depth] = j;
                cs_j[depth] = 0;
                depth++;
                descended = 1;
                break;
            }
            if (c->on[j] && c->index[j] < c->low[v])
                c->low[v] = c->index[j];
        }
        if (descended)
            continue;
        if (c->low[v] == c->index[v]) {
            size_t w;
            do {
                w = c->stack[--c->sp];
                c->on[w] = 0;
                c->comp[w] = c->ncomp;
            } while (w != v);
            c->ncomp++;
        }
        depth--;
        if (depth > 0) {
            size_t u = cs_v[depth - 1];
            if (c->low[v] < c->low[u])
                c->low[u] = c->low[v];
        }
    }
    free(cs_v);
    free(cs_j);
}

/* Drop the edges of kind `kind` inside cycles (strongly connected
 * components); returns how many were dropped. */
static size_t drop_in_cycles(unsigned char *rel, size_t n, unsigned char kind)
{
    scc_ctx c = {0};
    c.rel = rel;
    c.n = n;
    c.index = bs_xmalloc(n * sizeof(size_t));
    c.low = bs_xmalloc(n * sizeof(size_t));
    c.comp = bs_xmalloc(n * sizeof(size_t));
    c.stack = bs_xmalloc(n * sizeof(size_t));
    c.on = bs_xcalloc(n, 1);
    for (size_t i = 0; i < n; i++)
        c.index[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        if (c.index[i] == SIZE_MAX)
            scc_visit(&c, i);
    size_t dropped = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (rel[i * n + j] == kind && c.comp[i] == c.comp[j]) {
                rel[i * n + j] = REL_NONE;
                dropped++;
            }
    free(c.index);
    free(c.low);
    free(c.comp);
    free(c.stack);
    free(c.on);
    return dropped;
}

/* 1 when box b is a rule (see RO_RULE_MAX_PX). */
static int is_rule(const bs_box *b)
{
    int thick = bs_imin(b->w, b->h), len = bs_imax(b->w, b->h);
    return thick <= RO_RULE_MAX_PX && len >= RO_RULE_ASPECT * thick;
}

/* The partial order sorted; 0, or -1 when it stays cyclic even without
 * the weak edges inside its cycles. */
static int topo_sort(const bs_box *boxes, size_t n, const unsigned char *opens, int rules_in_order,
                     size_t *order)
{
    unsigned char *rel = bs_xcalloc(n > 0 ? n * n : 1, 1);
    unsigned char *rule = bs_xcalloc(n > 0 ? n : 1, 1);
    for (size_t i = 0; i < n; i++)
        rule[i] = (unsigned char)(!rules_in_order && is_rule(&boxes[i]));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && !rule[i] && !rule[j])
                rel[i * n + j] = (unsigned char)before(boxes, n, opens, i, j);
    free(rule);
    int rc = kahn(rel, boxes, n, order);
    if (rc != 0 && drop_in_cycles(rel, n, REL_WEAK) > 0)
        rc = kahn(rel, boxes, n, order);
    /* Still cyclic: a block overlapping two columns (a region cut a
     * little wide across a gutter) is below one column's block and above
     * the other's, and ties them into a knot.  Its above-below edges give
     * way: the left-right edges that remain cannot form a cycle (they
     * follow the blocks' centres across the page), so the knot is read
     * column by column, its blocks top first where nothing else decides,
     * instead of row by row across the columns. */
    if (rc != 0 && drop_in_cycles(rel, n, REL_ABOVE) > 0)
        rc = kahn(rel, boxes, n, order);
    free(rel);
    return rc;
}

/* ---- XY cut ---------------------------------------------------------- */

typedef struct xy_ctx {
    const bs_box *boxes;
    size_t *order;
    size_t k;
} xy_ctx;

/* qsort has no context argument; sort small index arrays by insertion,
 * which is also stable and fast for the few dozen blocks of a group. */
static void sort_idx(size_t *idx, size_t n, const bs_box *boxes, int by_x)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i];
        const bs_box *bv = &boxes[v];
        size_t j = i;
        while (j > 0) {
            const bs_box *bp = &boxes[idx[j - 1]];
            int gt = by_x ? (bp->x > bv->x || (bp->x == bv->x && bp->y > bv->y))
                          : (bp->y > bv->y || (bp->y == bv->y && bp->x > bv->x));
            if (!gt)
                break;
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

/* Split idx[0..n) at gaps along y (by_x 0) or x (1); returns the number
 * of groups and writes their starts into starts (capacity n). */
static size_t split_gaps(size_t *idx, size_t n, const bs_box *boxes, int by_x, size_t *starts)
{
    sort_idx(idx, n, boxes, by_x);
    size_t ng = 0;
    starts[ng++] = 0;
    const bs_box *b0 = &boxes[idx[0]];
    int reach = by_x ? b0->x + b0->w : b0->y + b0->h;
    for (size_t i = 1; i < n; i++) {
        const bs_box *b = &boxes[idx[i]];
        int lo = by_x ? b->x : b->y;
        int hi = by_x ? b->x + b->w : b->y + b->h;
        if (lo >= reach)
            starts[ng++] = i;
        reach = bs_imax(reach, hi);
    }
    return ng;
}

static void xycut(xy_ctx *cx, size_t *idx, size_t n)
{
    if (n == 0)
        return;
    if (n == 1) {
        cx->order[cx->k++] = idx[0];
        return;
    }
    size_t *starts = bs_xmalloc(n * sizeof(*starts));
    for (int by_x = 0; by_x <= 1; by_x++) {
        size_t ng = split_gaps(idx, n, cx->boxes, by_x, starts);
        if (ng > 1) {
            for (size_t g = 0; g < ng; g++) {
                size_t end = g + 1 < ng ? starts[g + 1] : n;
                xycut(cx, idx + starts[g], end - starts[g]);
            }
            free(starts);
            return;
        }
    }
    free(starts);
    /* No white space crosses the group: overlapping blocks, top-left first,
     * tops within RO_LEVEL_TOL_PX counting as level (two columns cut a
     * pixel apart start together, and the left one is read first). */
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && tie_first(&cx->boxes[v], &cx->boxes[idx[j - 1]])) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    for (size_t i = 0; i < n; i++)
        cx->order[cx->k++] = idx[i];
}

int bs_reading_order(const bs_box *boxes_in, size_t n, int page_width,
                     const bs_reading_order_options *opt, size_t *order)
{
    bs_reading_order_options def = bs_reading_order_options_default();
    if (!opt)
        opt = &def;
    if (n == 0)
        return 0;
    bs_box *boxes = bs_xmalloc(n * sizeof(*boxes));
    memcpy(boxes, boxes_in, n * sizeof(*boxes));
    if (opt->right_to_left) {
        int w = page_width;
        for (size_t i = 0; i < n; i++)
            w = bs_imax(w, boxes[i].x + boxes[i].w);
        for (size_t i = 0; i < n; i++)
            boxes[i].x = w - boxes[i].x - boxes[i].w;
    }
    int used_xycut = 0;
    if (opt->force_xycut || topo_sort(boxes, n, opt->opens_story, opt->rules_in_order, order) != 0) {
        used_xycut = 1;
        size_t *idx = bs_xmalloc(n * sizeof(*idx));
        for (size_t i = 0; i < n; i++)
            idx[i] = i;
        xy_ctx cx = {boxes, order, 0};
        xycut(&cx, idx, n);
        free(idx);
    }
    free(boxes);
    return used_xycut;
}

int bs_reading_order_page(bs_page *page, const bs_reading_order_options *opt)
{
    size_t n = page->nregions;
    if (n == 0)
        return 0;
    bs_box *boxes = bs_xmalloc(n * sizeof(*boxes));
    size_t *order = bs_xmalloc(n * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        boxes[i] = page->regions[i].box;
    int rc = bs_reading_order(boxes, n, page->width, opt, order);
    for (size_t k = 0; k < n; k++)
        page->regions[order[k]].order = (int)k;
    free(boxes);
    free(order);
    return rc;
}
