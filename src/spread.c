/*
 * spread.c - double-page spread detection; see spread.h.
 *
 * Public functions:
 *     bs_spread_split_x
 *
 * Method.  A newspaper page is portrait, so an image clearly wider than
 * tall (SPREAD_MIN_ASPECT) is two pages side by side.  The cut is the
 * column of the middle band (SPREAD_BAND around the centre: the pages are
 * about equally wide, but the scan may be off-centre) with the longest
 * uninterrupted run of paper from top to bottom: the gutter between facing
 * pages is white over the whole height of the print, while the white
 * between columns of text, even between the many narrow lines of vertical
 * Chinese, is crossed sooner or later by a headline, a rule or an advert.
 * Runs are measured on a 4x reduced and thresholded copy, the best of a few neighbouring columns (a fold is not exactly
 * vertical); the top and bottom SPREAD_MARGIN are left out for the
 * scanner border.  Among equally white columns the one nearest the centre
 * wins.  When no column is white over most of the height
 * (SPREAD_MIN_RUN), the image is a landscape page or a poster, not a
 * spread.
 */
#include "spread.h"

#include <math.h>
#include <stdlib.h>

#include "preprocess.h"
#include "xalloc.h"

/* Width over height above which an image is two pages (a broadsheet page
 * is 0.6-0.8 as wide as tall; two of them 1.2-1.6). */
#define SPREAD_MIN_ASPECT 1.15
/* Smallest width, px, worth analysing. */
#define SPREAD_MIN_WIDTH 400
/* Reduction for the analysis: a gutter of 5 mm is still 12 px at 300 dpi
 * after reducing by 4. */
#define SPREAD_REDUCTION 4
/* The cut is searched within this share of the width around the centre. */
#define SPREAD_BAND 0.15
/* Rows left out at the top and bottom (scanner border, running heads of
 * both pages joined by a rule). */
#define SPREAD_MARGIN 0.05
/* Neighbouring columns considered together, in reduced px (about 1 mm at
 * 300 dpi). */
#define SPREAD_WINDOW 3
/* Paper value: this rank of the gray values (pages are mostly paper). */
#define SPREAD_PAPER_RANK 0.9
/* Ink: darker than this share of the paper value. */
#define SPREAD_INK_FRACT 0.6
/* The fold's paper run covers at least this share of the height (measured
 * on four real spreads: 0.67-1.0 at the fold, at most 0.5 between text
 * columns elsewhere in the band). */
#define SPREAD_MIN_RUN 0.6
/* Distance penalty: run share taken off per band-width of distance from
 * the centre, so that a column a little whiter but far off loses to one at
 * the centre. */
#define SPREAD_CENTRE_WEIGHT 0.05

int bs_spread_split_x(PIX *pix, float *pconf)
{
    if (pconf)
        *pconf = 0;
    if (!pix)
        return 0;
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    if (w < SPREAD_MIN_WIDTH || w < SPREAD_MIN_ASPECT * h)
        return 0;
    PIX *gray = bs_preprocess_gray(pix);
    PIX *small = gray ? pixScaleAreaMap(gray, 1.0f / SPREAD_REDUCTION, 1.0f / SPREAD_REDUCTION) : NULL;
    pixDestroy(&gray);
    if (!small)
        return 0;
    /* Paper is the bright end of the histogram; no background
     * normalization, which would flatten the light shadow of a fold. */
    l_uint32 paper = 0;
    if (pixGetRankValue(small, 1, SPREAD_PAPER_RANK, &paper) != 0 || paper == 0)
        paper = BS_PREPROCESS_PAPER;
    PIX *bin = pixThresholdToBinary(small, (int)(SPREAD_INK_FRACT * paper));
    pixDestroy(&small);
    if (!bin)
        return 0;
    int sw = pixGetWidth(bin), sh = pixGetHeight(bin);
    (void)h;
    int y0 = (int)(SPREAD_MARGIN * sh), y1 = sh - y0;
    BOX *rows = boxCreate(0, y0, sw, y1 - y0);
    PIX *band = pixClipRectangle(bin, rows, NULL);
    boxDestroy(&rows);
    pixDestroy(&bin);
    if (!band)
        return 0;
    /* Longest run of paper in each column. */
    int bh = pixGetHeight(band);
    int *run = bs_xcalloc((size_t)sw, sizeof(int));
    l_uint32 *data = pixGetData(band);
    int wpl = pixGetWpl(band);
    int *cur = bs_xcalloc((size_t)sw, sizeof(int));
    for (int y = 0; y < bh; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < sw; x++) {
            cur[x] = GET_DATA_BIT(line, x) ? 0 : cur[x] + 1;
            if (cur[x] > run[x])
                run[x] = cur[x];
        }
    }
    free(cur);
    pixDestroy(&band);
    int x0 = (int)((0.5 - SPREAD_BAND) * sw), x1 = (int)((0.5 + SPREAD_BAND) * sw);
    double bandw = (x1 - x0) / 2.0;
    double best = -1e9, best_run = 0;
    int best_x = -1;
    for (int x = x0; x <= x1; x++) {
        int m = 0, at = x;
        for (int k = x - SPREAD_WINDOW / 2; k <= x + SPREAD_WINDOW / 2; k++)
            if (k >= 0 && k < sw && run[k] > m) {
                m = run[k];
                at = k;
            }
        double frac = bh > 0 ? (double)m / bh : 0;
        double score = frac - SPREAD_CENTRE_WEIGHT * fabs(at - sw / 2.0) / bandw;
        if (score > best) {
            best = score;
            best_run = frac;
            best_x = at;
        }
    }
    free(run);
    if (best_x < 0 || best_run < SPREAD_MIN_RUN)
        return 0;
    if (pconf)
        *pconf = (float)((best_run - SPREAD_MIN_RUN) / (1.0 - SPREAD_MIN_RUN));
    return best_x * SPREAD_REDUCTION + SPREAD_REDUCTION / 2;
}
