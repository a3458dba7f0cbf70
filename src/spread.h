/*
 * spread.h - double-page spreads: where to cut one scan into two pages.
 *
 * Public functions:
 *     bs_spread_split_x
 *
 * Archives often scan a newspaper open at two facing pages ("folds"): a
 * landscape image holding two portrait pages.  Reading order, article
 * boundaries and page numbers all depend on treating them as two pages,
 * so the pipeline cuts such an image at the fold before anything else
 * (each half becomes a page with its source_box set, see page.h).
 *
 * Ownership: the image is only read.
 */
#ifndef BS_SPREAD_H
#define BS_SPREAD_H

#include <leptonica/allheaders.h>

/*
 * bs_spread_split_x
 *     pix:   the image as loaded (any depth)
 *     pconf: out, may be NULL: confidence in [0, 1] that the cut is a
 *            page boundary (1: paper over the full height of the print;
 *            0 when not a spread)
 * Returns the x of the cut (the left page is [0, x), the right [x, w)),
 * or 0 when the image is not a spread (portrait, too small, or no column
 * near the middle white over most of the height).
 */
int bs_spread_split_x(PIX *pix, float *pconf);

#endif
