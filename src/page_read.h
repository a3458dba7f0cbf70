/*
 * page_read.h - one decoded page image to a page model with text.
 *
 * Public functions:
 *     bs_page_read_options_default, bs_page_read, bs_page_read_repair_block
 *
 * Runs the per-page stages in order (preprocess, layout, OCR of each text
 * region) and records the time of each in page->seconds.  Pages set in
 * vertical columns (older Chinese, Japanese papers) go through the
 * vertical layout (vertical_layout.h) instead of the horizontal one, and
 * their vertical regions are read by the vertical models (ocr.h).  Whole-page stages
 * that need the other pages (reassembly into articles, stitching) run
 * later, in pipeline.c.
 */
#ifndef BS_PAGE_READ_H
#define BS_PAGE_READ_H

#include <leptonica/allheaders.h>

#include "error.h"
#include "layout.h"
#include "ocr.h"
#include "page.h"
#include "preprocess.h"
#include "vertical_layout.h"

/* Which layout analysis reads a page. */
typedef enum bs_page_direction_mode {
    BS_PAGE_DIR_AUTO = 0,     /* vertical layout when most text is vertical */
    BS_PAGE_DIR_HORIZONTAL,   /* always the horizontal layout (layout.h) */
    BS_PAGE_DIR_VERTICAL,     /* always the vertical layout */
} bs_page_direction_mode;

typedef struct bs_page_read_options {
    int use_tesseract_layout; /* 1: Tesseract's own layout (PSM 3) on the
                                 image as loaded, the baseline; 0: ours */
    bs_preprocess_options preprocess;
    bs_layout_options layout;
    bs_page_direction_mode direction;
    bs_vertical_layout_options vertical_layout;
    /* A line of a block read with PSM 6 whose mean word confidence is under
     * this is read again alone (bs_ocr_reread_line) and the more confident
     * reading kept, and a gap of a line's height or more between two lines
     * is read for the line PSM 6 dropped, and a headline or page label
     * read as nothing is read enlarged (bs_ocr_read_enlarged); 0 turns
     * all three off (`--no-reread`). */
    float weak_line_conf;
    /* Called for each line a second reading replaced, with its old text
     * and confidence (borrowed for the call; "" and -1 for a display
     * region read enlarged), and for each line found in a gap the block's
     * reading left (old_text NULL, old_conf -1); or NULL. */
    void (*on_reread)(void *ctx, const bs_region *region, const char *old_text, float old_conf,
                      const bs_line *line);
    void *on_reread_ctx;
} bs_page_read_options;

bs_page_read_options bs_page_read_options_default(void);

/* Read pix (as loaded, not modified) into page: sets size, dpi, skew and
 * regions with lines and words.  Region boxes are in the deskewed frame
 * (page.h).  Photos and rules become regions without text; every text
 * region is read by Tesseract with the segmentation mode that fits it.
 * 0 or -1 with err set. */
int bs_page_read(bs_ocr *ocr, PIX *pix, bs_page *page, const bs_page_read_options *opt,
                 bs_error *err);

/* The second look at a horizontal block r just read with PSM 6 from
 * rect (its box with pad px of paper around): lines read with a mean
 * confidence under opt->weak_line_conf are read again alone
 * (bs_ocr_reread_line), and lines the block's reading dropped are read in
 * the gaps they left (bs_ocr_read_lost_lines); opt->on_reread hears of
 * each change.  Nothing is done for vertical regions or when
 * opt->weak_line_conf is 0.  0 or -1 with err set (Tesseract failed). */
int bs_page_read_repair_block(bs_ocr *ocr, bs_region *r, bs_box rect, int pad,
                              const bs_page_read_options *opt, bs_error *err);

#endif
