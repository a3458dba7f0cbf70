/*
 * preprocess.h - a loaded page image to the deskewed gray and binary
 * images the layout analysis and OCR work on.
 *
 * Public functions:
 *     bs_preprocess_options_default, bs_preprocess, bs_prepared_release,
 *     bs_preprocess_gray
 *
 * Any loaded image (1, 2, 4, 8, 16 or 32 bpp, with or without colormap)
 * becomes an 8 bpp gray image with a flat background, is deskewed (skew
 * found on a binarized reduced copy, image rotated about its centre keeping
 * its size, white brought in at the corners), and is binarized with a local
 * (Sauvola) threshold that survives stains and uneven scanning.  Scanner
 * borders (large dark areas touching the image edge) and specks are
 * removed from the binary image only; the gray image, which Tesseract
 * reads, keeps every pixel.  When the file carries no plausible resolution
 * it is estimated from the height of the body text.
 *
 * Ownership: bs_preprocess() fills a bs_prepared that owns its images;
 * bs_prepared_release() frees them.  The loaded image is not modified.
 */
#ifndef BS_PREPROCESS_H
#define BS_PREPROCESS_H

#include <leptonica/allheaders.h>

#include "error.h"

/* Gray value of paper in bs_prepared.gray after background normalization
 * (Leptonica's default target): ink is far below, so fixed tone
 * thresholds mean the same on every page. */
#define BS_PREPROCESS_PAPER 200

typedef struct bs_preprocess_options {
    int deskew;            /* 1: find and remove skew (default); 0: keep as is */
    float max_skew_deg;    /* largest skew searched, degrees (default 7) */
    int normalize;         /* 1: flatten the background before binarizing */
    int remove_borders;    /* 1: erase dark scanner borders from the binary */
    int dpi;               /* > 0: use this resolution instead of the file's */
} bs_preprocess_options;

typedef struct bs_prepared {
    PIX *gray;             /* owned, 8 bpp, deskewed, background flattened */
    PIX *binary;           /* owned, 1 bpp, deskewed, borders and specks gone */
    int width, height;     /* of both images (= the loaded image's size) */
    double skew_deg;       /* skew removed, degrees, positive = clockwise
                              (the loaded image was rotated by -skew_deg) */
    float skew_conf;       /* Leptonica's confidence of the skew, 0 if none */
    int dpi;               /* resolution of the file, or estimated */
    int dpi_estimated;     /* 1 when dpi was estimated from the text */
    int char_height;       /* most common glyph height in px, 0 if no text */
} bs_prepared;

bs_preprocess_options bs_preprocess_options_default(void);

/*
 * bs_preprocess
 *     loaded: the page as decoded (any depth), not modified
 *     opt:    options, NULL for the defaults
 *     out:    filled on success (zeroed first); release with
 *             bs_prepared_release().  Left zeroed on failure.
 * Returns 0, or -1 with err set (image too small to be a page, out of
 * memory in Leptonica).
 */
int bs_preprocess(PIX *loaded, const bs_preprocess_options *opt, bs_prepared *out, bs_error *err);

/* Free the images held by p and zero it; p may be zeroed already. */
void bs_prepared_release(bs_prepared *p);

/*
 * bs_preprocess_gray
 *     Any image to a new 8 bpp gray image without colormap (the first
 *     step of bs_preprocess, exposed for callers that need only gray,
 *     e.g. spread detection).  NULL when pix cannot be converted.
 *     Caller destroys the result.
 */
PIX *bs_preprocess_gray(PIX *pix);

#endif
