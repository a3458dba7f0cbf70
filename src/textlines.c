/*
 * textlines.c - line segments of the text mask; see textlines.h.
 *
 * Public functions:
 *     bs_textlines_find, bs_textlines_body_height, bs_textlines_stroke,
 *     bs_textlines_glyph_height, bs_textlines_ascent, bs_textlines_latin
 *
 * Method.  A horizontal closing bridges the white between neighbouring
 * glyphs of a line and leaves the white between lines and between columns:
 * inside a CJK line the ink of consecutive ideographs is a tenth of an em
 * apart (more beside punctuation, which then only cuts the line into two
 * segments), inside a Latin word a few pixels; a column gutter is at least
 * two thirds of a glyph wide on the tightest pages.  The closing is
 * therefore half a glyph height wide (TL_CLOSE_FRACT), and each connected
 * component of the closed mask is one segment.  Nothing is closed
 * vertically: lines stay apart even when their leading is small.
 *
 * Two lines whose glyphs touch (heavy blur, tight leading) would come out
 * as one segment of double height and pass for a headline, so a segment
 * much taller than a glyph is cut where its row profile has a deep, narrow
 * valley with ink-rich rows on both sides.
 */
#include "textlines.h"

#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "xalloc.h"

/* Closing width, in glyph heights (see the file comment). */
#define TL_CLOSE_FRACT 0.5
/* Segments taller than this, in glyph heights, are checked for two
 * touching lines. */
#define TL_SPLIT_MIN_H 1.6
/* A valley row holds at most this share of the segment's widest row... */
#define TL_VALLEY_FRACT 0.05
/* ...and the part above and below it each contain a row at least this
 * share of the widest row (text, not a descender or accent). */
#define TL_PEAK_FRACT 0.4
/* Each part of a split is at least this tall, in glyph heights. */
#define TL_SPLIT_MIN_PART 0.5
/* Glyph height of a line: components at least TL_GLYPH_MIN_FRACT of the
 * line's height vote (punctuation, dots and accents do not), heights
 * within TL_GLYPH_TOL of each other vote together, and at least
 * TL_GLYPH_MIN_VOTES are needed for a mode. */
#define TL_GLYPH_MIN_FRACT 0.3
#define TL_GLYPH_TOL 0.08
#define TL_GLYPH_MIN_VOTES 3
/* Latin text: glyph height (x-height) under this share of the line
 * height; measured 0.69-0.80 on Latin pages, 0.88-1.03 on CJK ones. */
#define TL_LATIN_RATIO 0.84

static int cmp_seg_top(const void *a, const void *b)
{
    const bs_seg *sa = a, *sb = b;
    if (sa->box.y != sb->box.y)
        return sa->box.y < sb->box.y ? -1 : 1;
    return sa->box.x < sb->box.x ? -1 : sa->box.x > sb->box.x;
}

static void push(bs_seg **segs, size_t *n, size_t *cap, bs_box b)
{
    BS_ARRAY_GROW(*segs, *cap, *n + 1);
    bs_seg *s = &(*segs)[(*n)++];
    memset(s, 0, sizeof(*s));
    s->box = b;
    s->group = -1;
}

/* Shrink b to the rows and columns of mask that have ink; empty box if
 * none. */
static bs_box tighten(PIX *mask, bs_box b)
{
    BOX *in = boxCreate(b.x, b.y, b.w, b.h);
    BOX *out = NULL;
    pixClipBoxToForeground(mask, in, NULL, &out);
    boxDestroy(&in);
    bs_box r = {0, 0, 0, 0};
    if (out) {
        l_int32 x, y, w, h;
        boxGetGeometry(out, &x, &y, &w, &h);
        r = (bs_box){x, y, w, h};
        boxDestroy(&out);
    }
    return r;
}

/* Add segment b, cut at valleys of its row profile when it is tall. */
static void add_split(PIX *closed, bs_box b, int char_h, bs_seg **segs, size_t *n, size_t *cap)
{
    if (b.h < TL_SPLIT_MIN_H * char_h) {
        push(segs, n, cap, b);
        return;
    }
    BOX *box = boxCreate(b.x, b.y, b.w, b.h);
    PIX *part = pixClipRectangle(closed, box, NULL);
    boxDestroy(&box);
    NUMA *rows = part ? pixCountPixelsByRow(part, NULL) : NULL;
    pixDestroy(&part);
    if (!rows) {
        push(segs, n, cap, b);
        return;
    }
    l_float32 maxv = 0;
    numaGetMax(rows, &maxv, NULL);
    /* A box reaching past the image edge is clipped: only the rows the
     * clip holds are counted. */
    int h = numaGetCount(rows);
    /* Running maxima from the top and from the bottom. */
    int *down = bs_xcalloc((size_t)h + 1, sizeof(int)), *up = bs_xcalloc((size_t)h + 1, sizeof(int));
    for (int y = 0, m = 0; y < h; y++) {
        l_int32 v = 0;
        numaGetIValue(rows, y, &v);
        m = v > m ? v : m;
        down[y] = m;
    }
    for (int y = h - 1, m = 0; y >= 0; y--) {
        l_int32 v = 0;
        numaGetIValue(rows, y, &v);
        m = v > m ? v : m;
        up[y] = m;
    }
    int min_part = (int)(TL_SPLIT_MIN_PART * char_h);
    int cut = -1;
    for (int y = min_part; y < h - min_part && cut < 0; y++) {
        l_int32 v = 0;
        numaGetIValue(rows, y, &v);
        if (v <= TL_VALLEY_FRACT * maxv && down[y - 1] >= TL_PEAK_FRACT * maxv &&
            up[y + 1] >= TL_PEAK_FRACT * maxv)
            cut = y;
    }
    free(down);
    free(up);
    numaDestroy(&rows);
    if (cut < 0) {
        push(segs, n, cap, b);
        return;
    }
    /* Each part again (a third line may touch the second), tightened to
     * its own ink. */
    bs_box top = tighten(closed, (bs_box){b.x, b.y, b.w, cut});
    bs_box bot = tighten(closed, (bs_box){b.x, b.y + cut + 1, b.w, b.h - cut - 1});
    if (!bs_box_empty(top))
        add_split(closed, top, char_h, segs, n, cap);
    if (!bs_box_empty(bot))
        add_split(closed, bot, char_h, segs, n, cap);
}

bs_seg *bs_textlines_find(PIX *text, int char_h, size_t *pn)
{
    *pn = 0;
    if (!text || pixGetDepth(text) != 1 || char_h <= 0)
        return NULL;
    int cw = (int)(TL_CLOSE_FRACT * char_h);
    if (cw < 2)
        cw = 2;
    PIX *closed = pixCloseSafeBrick(NULL, text, cw, 1);
    if (!closed)
        return NULL;
    BOXA *boxa = pixConnCompBB(closed, 8);
    bs_seg *segs = NULL;
    size_t n = 0, cap = 0;
    int nb = boxa ? boxaGetCount(boxa) : 0;
    for (int i = 0; i < nb; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
        add_split(closed, (bs_box){x, y, w, h}, char_h, &segs, &n, &cap);
    }
    boxaDestroy(&boxa);
    pixDestroy(&closed);
    if (n > 0)
        qsort(segs, n, sizeof(*segs), cmp_seg_top);
    *pn = n;
    return segs;
}

typedef struct {
    int h;
    long w;
} height_weight;

static int cmp_hw(const void *a, const void *b)
{
    const height_weight *x = a, *y = b;
    return (x->h > y->h) - (x->h < y->h);
}

float bs_textlines_body_height(const bs_seg *segs, size_t n)
{
    if (n == 0)
        return 0;
    height_weight *hw = bs_xmalloc(n * sizeof(*hw));
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        hw[i].h = segs[i].box.h;
        hw[i].w = segs[i].box.w;
        total += hw[i].w;
    }
    qsort(hw, n, sizeof(*hw), cmp_hw);
    long acc = 0;
    int med = hw[n - 1].h;
    for (size_t i = 0; i < n; i++) {
        acc += hw[i].w;
        if (2 * acc >= total) {
            med = hw[i].h;
            break;
        }
    }
    free(hw);
    return (float)med;
}

float bs_textlines_stroke(PIX *text, bs_box box)
{
    if (!text || bs_box_empty(box))
        return 0;
    BOX *b = boxCreate(box.x, box.y, box.w, box.h);
    PIX *clip = b ? pixClipRectangle(text, b, NULL) : NULL;
    boxDestroy(&b);
    if (!clip)
        return 0;
    /* The boundary is what a 3x3 erosion removes. */
    PIX *core = pixErodeBrick(NULL, clip, 3, 3);
    l_int32 ink = 0, inner = 0;
    pixCountPixels(clip, &ink, NULL);
    if (core)
        pixCountPixels(core, &inner, NULL);
    pixDestroy(&core);
    pixDestroy(&clip);
    if (ink <= 0)
        return 0;
    return 2.0f * (float)ink / (float)(ink - inner > 0 ? ink - inner : 1);
}

/* Bounding boxes of the 8-connected components of text inside box, in
 * the box's frame; NULL when there are none.  The caller destroys them. */
static BOXA *components_in(PIX *text, bs_box box)
{
    if (!text || bs_box_empty(box))
        return NULL;
    BOX *b = boxCreate(box.x, box.y, box.w, box.h);
    PIX *clip = b ? pixClipRectangle(text, b, NULL) : NULL;
    boxDestroy(&b);
    BOXA *boxa = clip ? pixConnCompBB(clip, 8) : NULL;
    pixDestroy(&clip);
    if (boxa && boxaGetCount(boxa) == 0)
        boxaDestroy(&boxa);
    return boxa;
}

int bs_textlines_glyph_height(PIX *text, bs_box box)
{
    BOXA *boxa = components_in(text, box);
    if (!boxa)
        return 0;
    int n = boxaGetCount(boxa);
    int *hist = bs_xcalloc((size_t)box.h + 2, sizeof(int));
    int minh = (int)(TL_GLYPH_MIN_FRACT * box.h), tallest = 0, voters = 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
        if (h > tallest)
            tallest = h;
        if (h >= minh && h <= box.h) {
            hist[h]++;
            voters++;
        }
    }
    boxaDestroy(&boxa);
    int best = tallest;
    if (voters >= TL_GLYPH_MIN_VOTES) {
        int best_votes = 0;
        for (int h = minh > 1 ? minh : 1; h <= box.h; h++) {
            int lo = (int)(h * (1.0 - TL_GLYPH_TOL)), hi = (int)(h * (1.0 + TL_GLYPH_TOL) + 0.999);
            if (hi > box.h)
                hi = box.h;
            int votes = 0;
            for (int k = lo; k <= hi; k++)
                votes += hist[k];
            if (votes > best_votes) {
                best_votes = votes;
                best = h;
            }
        }
    }
    free(hist);
    return best;
}

int bs_textlines_ascent(PIX *text, bs_box box)
{
    BOXA *boxa = components_in(text, box);
    if (!boxa)
        return 0;
    int n = boxaGetCount(boxa);
    int *bottom = bs_xmalloc((size_t)n * sizeof(int));
    int minh = (int)(TL_GLYPH_MIN_FRACT * box.h), nb = 0, top = box.h;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
        if (h < minh)
            continue;
        bottom[nb++] = y + h;
        if (y < top)
            top = y;
    }
    boxaDestroy(&boxa);
    int ascent = 0;
    if (nb > 0) {
        qsort(bottom, (size_t)nb, sizeof(int), bs_cmp_int);
        ascent = bottom[nb / 2] - top;
    }
    free(bottom);
    return ascent > 0 ? ascent : 0;
}

int bs_textlines_latin(int char_h, float body_h)
{
    return char_h > 0 && body_h > 0 && char_h < TL_LATIN_RATIO * body_h;
}
