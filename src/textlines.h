/*
 * textlines.h - pieces of text lines found in the text mask of a page.
 *
 * Public functions:
 *     bs_textlines_find, bs_textlines_body_height, bs_textlines_stroke,
 *     bs_textlines_glyph_height, bs_textlines_latin
 *
 * A line segment is a run of glyphs on one text line whose gaps are
 * smaller than any column gutter: a whole CJK line of one column, a word
 * or a few words of Latin text, a headline line or part of it.  Segments
 * never cross a gutter, so everything the layout analysis builds from
 * them (blocks, headlines) can be kept inside columns.
 *
 * Ownership: bs_textlines_find returns a malloc'd array the caller frees.
 */
#ifndef BS_TEXTLINES_H
#define BS_TEXTLINES_H

#include <stddef.h>

#include <leptonica/allheaders.h>

#include "page.h"

typedef struct bs_seg {
    bs_box box;     /* page pixels */
    int kind;       /* set by the layout analysis (layout.c) */
    int group;      /* set by the layout analysis: block or headline index */
    int glyph_h;    /* set by the layout analysis: bs_textlines_glyph_height */
} bs_seg;

/*
 * bs_textlines_find
 *     text:    1 bpp mask of text ink only (rules and photos erased)
 *     char_h:  most common glyph height, px (> 0): the gaps bridged
 *              inside a line are a fraction of it
 *     pn:      out, number of segments
 * Returns the segments sorted top to bottom (by box top), or NULL with
 * *pn = 0 when there are none.  Caller frees.
 */
bs_seg *bs_textlines_find(PIX *text, int char_h, size_t *pn);

/* Height of body text lines, px: the median segment height weighted by
 * segment width, so that the many long body lines outvote headlines,
 * punctuation and stray marks.  0 when n == 0. */
float bs_textlines_body_height(const bs_seg *segs, size_t n);

/* Mean stroke width of the ink of text inside box, px: twice the ink
 * area over its boundary (a stroke of width w and length L has area wL
 * and a boundary of about 2L).  Strokes of 2 px or less all measure 2, so
 * the value only compares text on one page.  0 when box holds no ink. */
float bs_textlines_stroke(PIX *text, bs_box box);

/* Most common height of the glyphs (connected components) of text inside
 * box, px: the ideograph height of a CJK line, the x-height of a Latin
 * one, whatever ascenders, descenders and punctuation the line holds, so
 * lines of the same type size compare equal.  Falls back to the tallest
 * component when the line has too few glyphs to vote; 0 when none. */
int bs_textlines_glyph_height(PIX *text, bs_box box);

/* Height from the top of the ink inside box to its baseline, px: the
 * cap or ascender height of a Latin line, which neither descenders
 * ("Says Reagan" against "U.S. Excise") nor a line of capitals (whose
 * commonest glyph is a capital, not an x-height) change.  The baseline
 * is the median bottom of the glyphs that vote in
 * bs_textlines_glyph_height.  0 when box holds no ink. */
int bs_textlines_ascent(PIX *text, bs_box box);

/* 1 when text whose most common glyph is char_h px tall in lines body_h
 * px tall is Latin (x-height well below the line height: words with
 * spaces, justified spaces that vary), 0 for CJK (ideographs fill the
 * line: characters on a grid). */
int bs_textlines_latin(int char_h, float body_h);

#endif
