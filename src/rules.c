/*
 * rules.c - printed horizontal and vertical rules; see rules.h.
 *
 * Public functions:
 *     bs_rules_find, bs_rules_erase
 *
 * Method.  An opening with a long, one pixel thin structuring element
 * keeps only the ink that lies on straight runs at least that long: for a
 * horizontal element, the rows of rules, and nothing of text, whose
 * strokes are at most a glyph long.  The run length asked for is a few
 * glyph heights (RULES_SEED_LEN), short enough that a rule broken by a
 * faded spot or by noise still leaves pieces; pieces on the same line with
 * small gaps are then chained, and a chain is a rule when it is long
 * (RULES_MIN_LEN) and thin (RULES_MAX_THICK).  The thinness test is what
 * separates rules from the strokes of huge masthead and headline glyphs,
 * which can be long but are many pixels thick.  The same is done with a
 * vertical element for vertical rules.  A residual skew of a tenth of a
 * degree keeps a rule inside one pixel row for 500 px, longer than the
 * seed length, so deskewed rules survive the thin element.
 */
#include "rules.h"

#include <stdlib.h>

#include "xalloc.h"

/* Seed run length, in glyph heights: a CJK ideograph or a bold headline
 * stroke at twice the body size is shorter than this. */
#define RULES_SEED_LEN 4.0
/* Smallest accepted rule length, in glyph heights (a short rule under a
 * section label is about 8 glyphs long). */
#define RULES_MIN_LEN 6.0
/* Largest thickness, in glyph heights (a heavy masthead rule is a quarter
 * of a glyph thick; headline strokes are thicker than 0.4 only at more
 * than three times the body size, where they are short). */
#define RULES_MAX_THICK 0.4
/* Thickness never refused below this, px: blur and a residual skew make
 * even hairlines 3-4 px thick. */
#define RULES_MIN_THICK_PX 5
/* Largest gap bridged between pieces of one rule, in glyph heights. */
#define RULES_MAX_GAP 1.5
/* Pixels cleared around a rule when erasing it: the blurred fringe. */
#define RULES_ERASE_MARGIN 2

/* Chain collinear pieces (sorted along the rule direction) into rules. */
static BOXA *chain_pieces(BOXA *pieces, int horizontal, int char_h)
{
    int n = boxaGetCount(pieces);
    BOXA *out = boxaCreate(n > 0 ? n : 1);
    if (n == 0)
        return out;
    BOXA *sorted = boxaSort(pieces, horizontal ? L_SORT_BY_X : L_SORT_BY_Y, L_SORT_INCREASING, NULL);
    int *used = bs_xcalloc((size_t)n, sizeof(int));
    int max_gap = (int)(RULES_MAX_GAP * char_h);
    int min_len = (int)(RULES_MIN_LEN * char_h);
    int max_thick = (int)(RULES_MAX_THICK * char_h);
    if (max_thick < RULES_MIN_THICK_PX)
        max_thick = RULES_MIN_THICK_PX;
    for (int i = 0; i < n; i++) {
        if (used[i])
            continue;
        used[i] = 1;
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(sorted, i, &x, &y, &w, &h);
        /* Work in (along, across) coordinates. */
        int a0 = horizontal ? x : y, a1 = a0 + (horizontal ? w : h);
        int c0 = horizontal ? y : x, c1 = c0 + (horizontal ? h : w);
        for (int j = i + 1; j < n; j++) {
            if (used[j])
                continue;
            l_int32 xj, yj, wj, hj;
            boxaGetBoxGeometry(sorted, j, &xj, &yj, &wj, &hj);
            int b0 = horizontal ? xj : yj, b1 = b0 + (horizontal ? wj : hj);
            int d0 = horizontal ? yj : xj, d1 = d0 + (horizontal ? hj : wj);
            if (b0 - a1 > max_gap)
                break; /* sorted: all later pieces start further away */
            /* Same line: across-ranges overlap. */
            if (d1 <= c0 || d0 >= c1)
                continue;
            used[j] = 1;
            if (b1 > a1)
                a1 = b1;
            if (d0 < c0)
                c0 = d0;
            if (d1 > c1)
                c1 = d1;
        }
        int len = a1 - a0, thick = c1 - c0;
        if (len < min_len || thick > max_thick)
            continue;
        BOX *b = horizontal ? boxCreate(a0, c0, len, thick) : boxCreate(c0, a0, thick, len);
        boxaAddBox(out, b, L_INSERT);
    }
    free(used);
    boxaDestroy(&sorted);
    return out;
}

static BOXA *find_direction(PIX *bin, int char_h, int horizontal)
{
    int seed = (int)(RULES_SEED_LEN * char_h);
    if (seed < 3)
        seed = 3;
    PIX *open = horizontal ? pixOpenBrick(NULL, bin, seed, 1) : pixOpenBrick(NULL, bin, 1, seed);
    if (!open)
        return boxaCreate(1);
    BOXA *pieces = pixConnCompBB(open, 8);
    pixDestroy(&open);
    if (!pieces)
        return boxaCreate(1);
    BOXA *rules = chain_pieces(pieces, horizontal, char_h);
    boxaDestroy(&pieces);
    return rules;
}

int bs_rules_find(PIX *bin, int char_h, BOXA **phrules, BOXA **pvrules)
{
    *phrules = NULL;
    *pvrules = NULL;
    if (!bin || pixGetDepth(bin) != 1 || char_h <= 0)
        return -1;
    *phrules = find_direction(bin, char_h, 1);
    *pvrules = find_direction(bin, char_h, 0);
    return 0;
}

void bs_rules_erase(PIX *bin, BOXA *rules)
{
    if (!bin || !rules)
        return;
    int n = boxaGetCount(rules);
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(rules, i, &x, &y, &w, &h);
        pixRasterop(bin, x - RULES_ERASE_MARGIN, y - RULES_ERASE_MARGIN, w + 2 * RULES_ERASE_MARGIN,
                    h + 2 * RULES_ERASE_MARGIN, PIX_CLR, NULL, 0, 0);
    }
}
