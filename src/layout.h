/*
 * layout.h - layout analysis: the regions of a preprocessed page.
 *
 * Public functions:
 *     bs_layout_options_default, bs_layout_analyse
 *
 * From the deskewed binary page (preprocess.h), finds rules, photos,
 * headlines, text blocks and the smaller furniture (masthead, dateline,
 * running head, captions, kickers and decks), and appends one region per
 * item to the page, with its role, box, layout confidence, column index,
 * column span and text height.  Body text comes as one block per column
 * per article chunk: a block never spans a column gutter, and is cut at
 * horizontal rules and at large white gaps.  Regions are appended top to
 * bottom, left to right; reading order and articles are reassembly's job.
 *
 * Ownership: the page owns the regions appended; the prepared images are
 * only read.
 */
#ifndef BS_LAYOUT_H
#define BS_LAYOUT_H

#include "error.h"
#include "page.h"
#include "preprocess.h"

typedef struct bs_layout_options {
    int find_photos;   /* 1: detect photos (default) */
    int find_rules;    /* 1: detect rules (default) */
} bs_layout_options;

bs_layout_options bs_layout_options_default(void);

/*
 * bs_layout_analyse
 *     prep:  preprocessed page (binary and gray images of the same size)
 *     page:  regions are appended (page->width/height are not changed)
 *     opt:   options, NULL for the defaults
 * A page without text (blank, all black) gets no text regions and is not
 * an error.  Returns 0, or -1 with err set when prep holds no images.
 */
int bs_layout_analyse(const bs_prepared *prep, bs_page *page, const bs_layout_options *opt,
                      bs_error *err);

#endif
