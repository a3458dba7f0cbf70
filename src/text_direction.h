/*
 * text_direction.h - writing direction of a block of text: horizontal
 *                    lines or vertical columns.
 *
 * Public functions:
 *     bs_text_direction_of, bs_text_direction_vote
 *
 * Chinese, Japanese and Korean are set either way, and pages before the
 * 1950s (and Taiwan and Hong Kong papers long after) mix both on one
 * page: vertical body columns read right to left, horizontal headlines,
 * running heads and advert lines.  Each block is read with the model and
 * segmentation mode of its direction (ocr.h) and ordered by it
 * (reading_order.h), so layout analysis asks this module for every block.
 *
 * Ownership: the image is only read.
 */
#ifndef BS_TEXT_DIRECTION_H
#define BS_TEXT_DIRECTION_H

#include <leptonica/allheaders.h>

#include "page.h"

/* What the projection profiles of a block say. */
typedef struct bs_text_direction_info {
    bs_direction dir;  /* the decision */
    float conf;        /* [0, 1]: 0 a coin toss, 1 unambiguous */
    int lines;         /* text lines (horizontal) or columns (vertical) */
    int glyph;         /* glyph size across the lines, px: line height
                          (horizontal) or column width (vertical); 0 if
                          unknown */
} bs_text_direction_info;

/*
 * bs_text_direction_of
 *     bin:   1 bpp page, ink = 1, deskewed, rules and photos erased
 *     box:   the block, page pixels (clipped to the image)
 *     info:  out: direction, confidence, line count and glyph size
 * Returns info->dir.  An empty block is horizontal with conf 0.
 */
bs_direction bs_text_direction_of(PIX *bin, bs_box box, bs_text_direction_info *info);

/*
 * bs_text_direction_vote
 *     As bs_text_direction_of, but a block larger than two tiles of tile
 *     px both ways is decided by its tiles' votes, weighted by their
 *     confidence: a big block that holds a horizontal headline
 *     over vertical columns has no white across it either way, while each
 *     tile of it is clearly one or the other.  info->lines and
 *     info->glyph still come from the whole block, info->conf is the
 *     winning share of the votes (0.5 .. 1 mapped to 0 .. 1).
 *     tile:  tile side, px (> 0; a few glyphs)
 */
bs_direction bs_text_direction_vote(PIX *bin, bs_box box, int tile, bs_text_direction_info *info);

#endif
