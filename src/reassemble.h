/*
 * reassemble.h - the regions of one page to the articles a reader sees.
 *
 * Public functions:
 *     bs_reassemble_options_default, bs_reassemble_check_issue,
 *     bs_reassemble_page
 *
 * One page at a time, in seven steps, each its own module:
 *
 *   0. column_split.h  a text block that runs across a column gutter (OCR
 *                      read its lines straight across) is cut into its
 *                      columns, from the word boxes;
 *   1. region_text.h   every line normalised (textnorm.h), sizes measured;
 *   2. region_role.h   roles refined: jump lines, furniture, masthead,
 *                      headlines by size, captions, bylines, decks;
 *   3. reading_order.h the reading order of all regions (Breuel's partial
 *                      order, XY-cut fallback), written to region->order;
 *   4. paragraph.h     each text region's lines to paragraphs;
 *   5. territory.h     each headline's territory and the regions it owns
 *                      (kickers, decks and side columns found on the way);
 *      article_build.h articles drafted: fields, body, paragraphs cut by
 *                      column breaks joined, briefs and strays grouped;
 *   6. dedup.h         paragraphs read twice removed, the copy in the right
 *                      place kept.
 *
 * The page's regions keep their text; reassembly writes their order, their
 * refined role and their article index, and may split a region that spans
 * columns (the parts are new regions of the page).  Every repair and every
 * problem is a QC event of the issue: "join", "duplicate_removed",
 * "region_split", "reading_order" (fallback used), "empty_page", "no_text"
 * (regions but no text), "region_no_text", "giant_region", "no_headline".
 *
 * Bad input never fails: an empty page, a page of photos, one region
 * holding everything or regions without text give valid (possibly empty)
 * output and a QC note.  Cost: one to a few milliseconds per page (40-200
 * regions), dominated by normalisation (utf8proc) and duplicate screening;
 * OCR of the same page takes seconds.
 */
#ifndef BS_REASSEMBLE_H
#define BS_REASSEMBLE_H

#include "article_build.h"
#include "column_split.h"
#include "dedup.h"
#include "error.h"
#include "issue.h"
#include "reading_order.h"
#include "region_role.h"
#include "textnorm.h"

typedef struct bs_reassemble_options {
    bs_column_split_options split; /* blocks across a gutter */
    int no_column_split;            /* leave such blocks whole */
    bs_textnorm_options textnorm;
    bs_region_role_options roles;
    bs_reading_order_options order; /* right_to_left is also set automatically
                                       when most text is vertical */
    bs_article_build_options build; /* includes the paragraph options (hyphen scorer) */
    bs_dedup_options dedup;
    int no_dedup; /* keep duplicates (for measurement) */
} bs_reassemble_options;

bs_reassemble_options bs_reassemble_options_default(void);

/* 0 when issue's pages can be reassembled; else -1, err naming the
 * first page whose regions have no page coordinates (width or height 0,
 * as in the issue.json `reflow` writes).  Reading order, columns and
 * territories come from coordinates: such a page would be one block of
 * all its stories, their headlines run together.  A page without regions
 * (a failed page) passes. */
int bs_reassemble_check_issue(const bs_issue *issue, bs_error *err);

/* Set the reading order and roles of page's regions and append the page's
 * articles to issue (regions' article indexes point into issue->articles).
 * page must be one of issue->pages.  opt NULL means the defaults. */
void bs_reassemble_page(bs_issue *issue, bs_page *page, const bs_reassemble_options *opt);

#endif
