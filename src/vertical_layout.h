/*
 * vertical_layout.h - layout analysis of pages set in vertical columns.
 *
 * Public functions:
 *     bs_vertical_layout_options_default, bs_vertical_layout_analyse
 *
 * Chinese papers before the 1950s (and Taiwan, Hong Kong and Japanese
 * papers long after) set their body in vertical columns read top to
 * bottom, right to left, separated by gutters narrower than a glyph;
 * articles are blocks of such columns fenced by printed rules, with
 * headlines set horizontally above or vertically beside them, and boxed
 * adverts in large mixed type.  The horizontal layout (layout.h) looks for
 * wide column gutters and horizontal text lines and finds neither.  This
 * module cuts such a page into blocks of one writing direction each, finds
 * rules and photos with the shared detectors, and recognises adverts.
 *
 * Ownership: the page owns the regions appended; prep is only read.
 */
#ifndef BS_VERTICAL_LAYOUT_H
#define BS_VERTICAL_LAYOUT_H

#include "error.h"
#include "page.h"
#include "preprocess.h"

typedef struct bs_vertical_layout_options {
    int find_photos;  /* 1: detect photos (default) */
    int find_adverts; /* 1: mark boxed large-type blocks as adverts (default) */
} bs_vertical_layout_options;

bs_vertical_layout_options bs_vertical_layout_options_default(void);

/*
 * bs_vertical_layout_analyse
 *     prep:     preprocessed page
 *     page:     regions are appended: rules, photos, and text blocks
 *               (BODY, HEADLINE or ADVERT) with direction, text_height
 *               (glyph size across the lines) and layout confidence set
 *     opt:      options, NULL for the defaults
 *     pshare:   out, may be NULL: share of the text blocks' ink that is
 *               vertical, [0, 1] (the caller decides from it whether the
 *               page is a vertical page at all)
 * Returns 0 (a page without text gets no text regions), or -1 with err
 * set when prep holds no images.
 */
int bs_vertical_layout_analyse(const bs_prepared *prep, bs_page *page,
                               const bs_vertical_layout_options *opt, double *pshare,
                               bs_error *err);

#endif
