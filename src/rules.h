/*
 * rules.h - printed horizontal and vertical lines (rules) on a page.
 *
 * Public functions:
 *     bs_rules_find, bs_rules_erase
 *
 * Newspapers separate articles and columns with thin printed lines.  They
 * are found by morphology on the binary page (see rules.c), become
 * BS_ROLE_RULE regions, and are erased from the text mask so that a rule
 * touching text does not glue lines together or pass for a headline.
 *
 * Ownership: bs_rules_find returns new BOXAs the caller destroys with
 * boxaDestroy(); the binary image is not modified.
 */
#ifndef BS_RULES_H
#define BS_RULES_H

#include <leptonica/allheaders.h>

/*
 * bs_rules_find
 *     bin:        1 bpp page, ink = 1, deskewed
 *     char_h:     most common glyph height, px (> 0); lengths and
 *                 thicknesses are judged relative to it
 *     phrules:    out, horizontal rules (boxes in page pixels)
 *     pvrules:    out, vertical rules
 * Returns 0, or -1 when bin is not 1 bpp (both outputs then NULL).
 */
int bs_rules_find(PIX *bin, int char_h, BOXA **phrules, BOXA **pvrules);

/* Clear the pixels of each rule box (grown by a small margin for the
 * blurred fringe) in bin, in place.  rules may be NULL. */
void bs_rules_erase(PIX *bin, BOXA *rules);

#endif
