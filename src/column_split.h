/*
 * column_split.h - text regions that run across a column gutter, split.
 *
 * Public functions:
 *     bs_column_split_options_default, bs_column_split_page
 *
 * A layout stage that misses a gutter hands OCR a block two or three
 * columns wide, and OCR reads its lines straight across: "在中央经济工作会
 * 议上， 要紧抓关键环节..." is the first line of column one followed by the
 * first line of column two, and every later line alike.  No ordering of
 * lines can repair that text; the words can.  OCR keeps a box per word,
 * and a gutter is a band of x where few lines have a word while the text
 * on both sides does.  Method: over the region's width, count for each x
 * how many lines have a word covering it (each line's word boxes merged,
 * then added through a difference array: linear in width plus words); a
 * run of x covered by at most 45% of the lines that cover a typical x of
 * the region (the median), half a line height wide or more, with text on
 * both sides at least three line heights wide, is a gutter.  Inside a
 * column words cover an x on most lines, and word spaces wander from line
 * to line, while a gutter stays put; the tolerance is for OCR's Chinese
 * word boxes, which spill into the gutter.  Words made only of marks do
 * not count, and inside a gutter they are dropped: OCR reads a column rule
 * as "“", "”" or "|" on many lines.  The region is cut at the middle of
 * each gutter; each line's words go to the part holding their centre, and
 * the parts become the region itself (the first) and new regions of the
 * same role after it.
 *
 * Only regions whose text lines all carry word boxes are examined (text
 * imported without words cannot be split), and only body-like ones (body,
 * unknown): a headline spanning columns is meant to.
 */
#ifndef BS_COLUMN_SPLIT_H
#define BS_COLUMN_SPLIT_H

#include <stddef.h>

#include "page.h"

typedef struct bs_column_split_options {
    double min_gutter_lines; /* narrowest gutter, in line heights */
    double max_cover_share;  /* a gutter x is covered by at most this share of
                                 the lines covering a typical x */
    double min_side_lines;   /* text on each side at least this many line heights wide */
    size_t min_lines;        /* regions with fewer lines are left alone */
} bs_column_split_options;

bs_column_split_options bs_column_split_options_default(void);

/* Split page's body-like regions at their gutters (see above).  New
 * regions are appended to page->regions (ids "p<page>r<n>" as
 * bs_page_add_region gives, made unique), so pointers into the array are
 * invalidated.  Returns the number of regions that were split; ids of the
 * first few are written, comma-separated, into ids (capacity idsz, may be
 * NULL) for QC messages. */
size_t bs_column_split_page(bs_page *page, const bs_column_split_options *opt, char *ids,
                            size_t idsz);

#endif
