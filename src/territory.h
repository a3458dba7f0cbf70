/*
 * territory.h - which headline owns which region of a page.
 *
 * Public functions:
 *     bs_territory_build, bs_territory_release, bs_territory_is_label,
 *     bs_territory_ownable, bs_region_list_push
 *
 * Method.  A newspaper story is a headline and the text set under it:
 * each headline owns the regions below it, within the columns it heads,
 * down to the next headline, horizontal rule or jump-out line.
 *
 *   Groups.   Stacked headline blocks of one size are one headline; a
 *             smaller block above is the kicker, below it the deck; a
 *             short line right above a headline, set apart (larger type,
 *             centred, or in capitals), is its kicker.
 *   Territory. The columns a headline heads are wider than its ink: a
 *             short headline tops a wide story.  Its territory reaches
 *             right to the nearest thing standing level with it (the next
 *             story's headline, a side column) and, for centred headlines,
 *             left to the nearest such thing on that side.
 *   Owner.    A region goes to the nearest headline above it whose
 *             territory covers at least half of its width from the
 *             headline's left edge rightwards (stories read rightwards
 *             from their headline); only if none does, to one reaching
 *             left over it.  Headlines (their whole territory), rules and
 *             jump-out lines between cut a region off from headlines
 *             further up.  A jump-in line goes to the continuation head
 *             over it (often centred), and the text under it follows.
 *   Side columns.  A column starting level with the top of a story (its
 *             kicker or headline), right where the headline's territory
 *             ends, is that story's last column running up beside the
 *             headline; a photo there too, and what stands under them.
 *   Decks.    A short block right under the headline, not a sentence,
 *             with the story's text under it and set apart (larger type,
 *             opening dash, centred, or the byline under it) is the deck.
 *
 * Everything is measured in line heights of the headline or of the page's
 * body text, so the rules hold at any resolution.  Boxes are in reading
 * coordinates (region_text.h): right-to-left pages are mirrored.
 *
 * Ownership: a bs_territory owns its groups and owner array.
 */
#ifndef BS_TERRITORY_H
#define BS_TERRITORY_H

#include <stddef.h>

#include "region_text.h"

/* A growable list of region indexes. */
typedef struct bs_region_list {
    size_t *v; /* owned */
    size_t n, cap;
} bs_region_list;

void bs_region_list_push(bs_region_list *l, size_t i);

typedef struct bs_head_group {
    bs_region_list title;  /* HEADLINE / CONT_HEAD regions, reading order */
    bs_region_list kicker; /* KICKER regions */
    bs_box box;            /* union of the title regions */
    float lh;              /* largest title line height, px */
    int left, right;       /* territory: [left, box.x) reached leftwards,
                              [box.x, right) rightwards, px */
    int alive;             /* 0 when merged into another group */
} bs_head_group;

typedef struct bs_territory {
    bs_head_group *g; /* owned, ng groups (some may not be alive) */
    size_t ng;
    int *owner; /* owned, per region of the page: group index or -1 */
} bs_territory;

/* Group pt's headlines, measure their territories and find each region's
 * owner.  Refines roles in pt on the way: headline blocks that are kickers
 * or decks, plain blocks that are kickers or decks.  t need not be
 * initialised; release it with bs_territory_release. */
void bs_territory_build(bs_page_text *pt, bs_territory *t);
void bs_territory_release(bs_territory *t);

/* Group q stands right above other headlines, over their ink: with no
 * text of its own it is a section label ("本地快讯" over briefs). */
int bs_territory_is_label(const bs_territory *t, size_t q);

/* Roles a headline can own (body text, decks, bylines, captions, photos,
 * jump lines). */
int bs_territory_ownable(bs_role r);

#endif
