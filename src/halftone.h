/*
 * halftone.h - photos, drawings and other halftone areas of a page.
 *
 * Public functions:
 *     bs_photos_find
 *
 * Pictures are never read by OCR (Tesseract turns them into lines of
 * garbage) and must not be mistaken for text blocks or headlines; their
 * boxes become BS_ROLE_PHOTO regions and are removed from the text mask.
 *
 * Ownership: returns a new BOXA the caller destroys with boxaDestroy().
 */
#ifndef BS_HALFTONE_H
#define BS_HALFTONE_H

#include <leptonica/allheaders.h>

/*
 * bs_photos_find
 *     bin:     1 bpp page, ink = 1, deskewed
 *     gray:    8 bpp page of the same size (the tones decide what is a
 *              picture and what is bold type)
 *     char_h:  most common glyph height, px (> 0)
 * Returns the photo boxes in page pixels (possibly empty), or NULL when
 * the images do not fit (wrong depth or size).
 */
BOXA *bs_photos_find(PIX *bin, PIX *gray, int char_h);

#endif
