/*
 * region_role.h - what each region of a page is, refined from its text,
 *                 size and neighbours.
 *
 * Public functions:
 *     bs_region_role_options_default, bs_region_roles
 *
 * Layout analysis names regions by their looks (text block, headline,
 * photo, rule); Tesseract's own page segmentation names nothing at all.
 * Reassembly needs finer roles before it can build articles, and most of
 * them can be read off the text and the page:
 *
 *   jump lines    every line short enough to be one is parsed with
 *                 bs_jump_parse; a region made of jump lines becomes
 *                 JUMP_OUT / JUMP_IN, a jump line inside a text block is
 *                 marked so it never reaches an article body.
 *   furniture     short regions in the top or bottom band of the page that
 *                 are a page label (FOLIO), or hold a date (DATELINE on the
 *                 front page, RUNNING_HEAD when a page label comes with it
 *                 or on later pages); the masthead is the topmost text of
 *                 the front page, short, centred and much larger than body
 *                 text.
 *   headlines     text much larger than the page's body text (line height
 *                 ratio) in a few short lines; optionally, conversely, a
 *                 "headline" at body size is taken for a subhead inside a
 *                 story (off by default: brief headlines are often bold
 *                 body-size type).
 *   captions      caption and credit formulas (line_kind.h), or a short
 *                 block right under a photo and no wider than it.
 *   bylines       whole lines with a byline formula, as a region or as the
 *                 first lines of a text block.
 *   decks         a short block opening with "——" (the Chinese subtitle
 *                 "——访市人社局...").
 *
 * Roles given by the layout that are already specific (caption, byline,
 * furniture, ...) are kept; only BODY, UNKNOWN and, for sizes and jump
 * lines, HEADLINE are re-examined.  Sizes are relative to the page's body
 * text height, so the rules are independent of resolution.
 */
#ifndef BS_REGION_ROLE_H
#define BS_REGION_ROLE_H

#include "region_text.h"

typedef struct bs_region_role_options {
    double headline_min_ratio; /* line height / body height making a headline */
    double subhead_max_ratio;  /* a HEADLINE below this ratio is a subhead (0: off) */
    double masthead_min_ratio; /* line height / body height of a masthead */
    double top_band;           /* furniture band at the top, fraction of page height */
    double bottom_band;        /* furniture band at the bottom, fraction */
} bs_region_role_options;

bs_region_role_options bs_region_role_options_default(void);

/* Refine pt's region roles (pt->r[i].role) and line kinds in place.
 * Paragraphs are not touched; split them afterwards. */
void bs_region_roles(bs_page_text *pt, const bs_region_role_options *opt);

#endif
