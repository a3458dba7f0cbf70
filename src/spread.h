/*
 * spread.h - double-page spreads: where to cut one scan into two pages.
 *
 * Public functions:
 *     bs_spread_split_x, bs_spread_page_label
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

#include "page.h"

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

/*
 * bs_spread_page_label
 *     page:   a page read with text (regions with lines)
 *     plabel: out, may be NULL: the label as printed ("第四版"), a new
 *             string the caller frees, NULL when none is found
 * Returns the page number printed in the running head of page ("第四版",
 * "第12版", or "版四第" when a right-to-left head was read left to
 * right), or 0 when none is found in the top band of the page.  Which
 * half of a spread is which page is not fixed (page 1 can stand left of
 * page 4, page 3 left of page 2), so the head is what numbers a half.
 */
int bs_spread_page_label(const bs_page *page, char **plabel);

#endif
