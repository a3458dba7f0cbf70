/*
 * image_load.h - page images from files, checked before they are decoded.
 *
 * Public functions:
 *     bs_image_limits_default, bs_image_count, bs_image_load
 *
 * Leptonica decodes TIFF (also multi-page), JPEG, PNG, JP2, WebP, GIF, BMP
 * and PNM.  Before decoding, the header is read and the image refused if it
 * is empty, of an unknown format or larger than the limits, so a hostile or
 * broken file costs a header read, not gigabytes.  Decoded images are
 * normalised to what later stages expect: 8 bpp gray or 32 bpp RGB, no
 * colormap, no 16-bit samples (CMYK JPEG is converted to RGB by Leptonica).
 *
 * Ownership: bs_image_load returns a PIX the caller destroys with
 * pixDestroy().
 */
#ifndef BS_IMAGE_LOAD_H
#define BS_IMAGE_LOAD_H

#include <leptonica/allheaders.h>

#include "error.h"

typedef struct bs_image_limits {
    int max_side;      /* px; larger images are refused */
    long max_pixels;   /* width * height; larger images are refused */
    int min_side;      /* px; smaller images are refused as not a page */
} bs_image_limits;

/* 20,000 px is a 1.6 m sheet at 300 dpi: no newspaper page is larger.
 * 400 Mpx bounds one decoded page at 1.6 GB in RGB, safe on a 24 GB
 * machine running one worker per core.  Under 300 px a page cannot hold
 * readable newspaper text. */
#define BS_IMAGE_MAX_SIDE_DEFAULT 20000
#define BS_IMAGE_MAX_PIXELS_DEFAULT (400L * 1000 * 1000)
#define BS_IMAGE_MIN_SIDE_DEFAULT 300

bs_image_limits bs_image_limits_default(void);

/* Number of images in path (pages of a multi-page TIFF, else 1) into *n.
 * 0 or -1 with err naming the file (missing, empty, unknown format). */
int bs_image_count(const char *path, int *n, bs_error *err);

/* Decode image index (0-based; > 0 only for multi-page TIFF) of path.
 * Returns a new 8 bpp gray or 32 bpp RGB PIX, or NULL with err set. */
PIX *bs_image_load(const char *path, int index, const bs_image_limits *limits, bs_error *err);

#endif
