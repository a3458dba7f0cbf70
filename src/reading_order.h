/*
 * reading_order.h - the order in which a reader takes the blocks of a page.
 *
 * Public functions:
 *     bs_reading_order_options_default, bs_reading_order, bs_reading_order_page
 *
 * Method (T. M. Breuel, "High performance document layout analysis",
 * 2003, applied to blocks instead of lines).  Two blocks are ordered when
 * the page says so:
 *   (1) a comes before b if their x ranges overlap and a is above b
 *       (one column: top to bottom);
 *   (2) a comes before b if a is left of b and no third block c lies
 *       vertically between them while overlapping both horizontally (a
 *       headline, photo or rule that spans both columns separates the story
 *       above it from the one below, so "left before right" only holds
 *       inside the band between such separators).
 * The relation is a partial order on well-formed layouts; a topological
 * sort of it (Kahn's algorithm, ties broken top-left first) is the reading
 * order.  It gets multi-column stories, spanning headlines and photos,
 * side-by-side articles of different heights and full-height side columns
 * right without knowing where articles are, which is why it comes before
 * article building.
 *
 * Cycles.  Rule (2) between blocks that share no height (the bottom of the
 * left column before the top of the right one) is "weak": column-major
 * order needs it, but on an L-shaped story (a headline over three columns
 * with a story below reaching into only two of them) it can close a cycle
 * through rule (1).  Weak edges inside a cycle (a strongly connected
 * component, Tarjan) are dropped first.  If the relation is still cyclic
 * (a block overlapping two columns across a gutter), the above-below
 * edges inside the remaining cycles are dropped too: left-right edges
 * alone cannot form a cycle, and the knot is read column by column.
 * (Before this second step the whole page fell back to an XY cut, which
 * read a story's columns row by row: the English dev issue went from aca
 * 0.864 to 0.975.)  The recursive XY cut (split at the white space that crosses
 * the whole group, across the page first, else down it) remains for
 * force_xycut and as a guard.
 *
 * Bands.  Rule (2) between a block and one wholly above it to its right
 * reads the lower left block first (column-major order within a story).
 * When a story opens (opens_story) below a line of white that crosses
 * from the lower block's left edge to the upper block's right edge, the
 * two stand in two bands of the page (a story under a photo beside its
 * headline's columns ends above a new row of stories), and the edge is
 * not made: the upper block is read first.
 *
 * Right-to-left pages (vertical Chinese and Japanese: columns read top to
 * bottom, stacked right to left) are the mirror image: boxes are mirrored
 * in x before the same rules are applied.
 *
 * Cost: O(n^3) for n blocks in the worst case of the separator test (n is
 * a few dozen to a few hundred per page: well under a millisecond to a few
 * milliseconds), O(n^2) memory for the relation.
 */
#ifndef BS_READING_ORDER_H
#define BS_READING_ORDER_H

#include <stddef.h>

#include "page.h"

typedef struct bs_reading_order_options {
    int right_to_left; /* mirror x: columns stacked right to left */
    int force_xycut;   /* skip the partial order, use the XY cut */
    /* Rules take part in the partial order like any block.  Off (the
     * default), a rule only stops relations across it (see
     * RO_RULE_MAX_PX in reading_order.c); on for vertical pages, whose
     * rules between stories must keep their place in the order: on the
     * real 1939 pages of ../shared/realdata (tools/ecpo-eval), leaving
     * them out cost 0.5 points of aca. */
    int rules_in_order;
    /* Optional, one flag per box (not owned): nonzero for a box that
     * opens a story (a headline).  A story that opens below a white line
     * across the page is read after the blocks above that line, even
     * those to its right (see "Bands" above); NULL: no such knowledge. */
    const unsigned char *opens_story;
} bs_reading_order_options;

bs_reading_order_options bs_reading_order_options_default(void);

/* Order the n boxes.  Fills order[0..n) with box indexes in reading
 * order (caller-allocated).  Returns 0 when the partial order was used,
 * 1 when it was cyclic and the XY cut was used instead (or forced). */
int bs_reading_order(const bs_box *boxes, size_t n, int page_width,
                     const bs_reading_order_options *opt, size_t *order);

/* bs_reading_order over all of page's regions; sets each region's order
 * field (0..nregions-1).  Returns what bs_reading_order returns. */
int bs_reading_order_page(bs_page *page, const bs_reading_order_options *opt);

#endif
