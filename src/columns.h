/*
 * columns.h - column gutters and the column grid of a page.
 *
 * Public functions:
 *     bs_gutters_find, bs_gutters_separate,
 *     bs_column_grid, bs_column_of
 *
 * A gutter is the tall, narrow strip of white between two columns of
 * text.  On CJK pages it can be narrower than one ideograph, so it cannot
 * be told from the white inside a line by its width alone; what makes it a
 * gutter is that it runs straight down through many lines.  Gutters keep
 * text blocks and headlines from growing across columns
 * (bs_gutters_separate), and the column grid, the x-intervals of the
 * page's columns, gives each region its column index and span.
 *
 * Ownership: returned arrays are malloc'd; the caller frees them.
 */
#ifndef BS_COLUMNS_H
#define BS_COLUMNS_H

#include <stddef.h>

#include <leptonica/allheaders.h>

#include "page.h"
#include "textlines.h"

/*
 * bs_gutters_find
 *     width, height:  page size, px
 *     segs, n:        the page's line segments (textlines.h)
 *     obstacles:      boxes that are not white (photos), may be NULL
 *     body_h:         body text line height, px (> 0)
 *     char_h:         most common glyph height, px; glyphs much smaller
 *                     than lines mean Latin text, whose justified word
 *                     spaces can line up into rivers of white
 *     pn:             out, number of gutters
 * Returns the gutter boxes (page pixels), or NULL with *pn = 0 when none.
 */
bs_box *bs_gutters_find(int width, int height, const bs_seg *segs, size_t n, BOXA *obstacles,
                        float body_h, int char_h, size_t *pn);

/* 1 when one of the n gutters stands between boxes a and b: they are on
 * different sides of its middle (left, right, or across it), and it runs
 * beside at least half the rows of each box that is on one side; when one
 * box runs across it, the gutter may also start at most lead px under the
 * other (the first line of a column).  Two lines of one column, or
 * two lines that both run across the gutter (a headline above columns),
 * are not separated; a line across two columns is separated from the
 * lines of each column. */
int bs_gutters_separate(const bs_box *gutters, size_t n, bs_box a, bs_box b, int lead);

/*
 * bs_column_grid
 *     blocks, n:  boxes of body text blocks
 *     body_h:     body text line height, px (> 0)
 *     pn:         out, number of columns
 * Returns the columns as boxes (x, width; y = 0, h = 0), left to right,
 * or NULL with *pn = 0 when no block is tall enough to define a column.
 */
bs_box *bs_column_grid(const bs_box *blocks, size_t n, float body_h, size_t *pn);

/* Column index (0-based) of box in the grid of ncols columns, and in
 * *span the number of grid columns it covers (>= 1).  -1 and *span = 1
 * when there is no grid. */
int bs_column_of(const bs_box *cols, size_t ncols, bs_box box, int *span);

#endif
