/*
 * page_image.h - a page's image as its model sees it, for reports.
 *
 * Public functions:
 *     bs_page_image_load
 *
 * Region boxes are in the coordinates of the deskewed page (page.h).  A
 * report that draws them must draw on the same picture, so this reloads the
 * page's source image and applies the page's recorded geometry: the half
 * of a double-page spread, then the rotation by the recorded skew.  Only
 * Leptonica is needed, no OCR, so `broadsheet report` can rebuild a report
 * from issue.json alone.
 *
 * Ownership: returns a new PIX the caller destroys with pixDestroy().
 */
#ifndef BS_PAGE_IMAGE_H
#define BS_PAGE_IMAGE_H

#include <leptonica/allheaders.h>

#include "error.h"
#include "image_load.h"
#include "page.h"

/* Load page->image_path (tried as recorded; when it is not there and
 * base_dir is not NULL, a relative path under base_dir, then the file's
 * name in base_dir: images moved together with their outputs), within
 * limits (NULL: bs_image_limits_default), apply the page's geometry and
 * return it as 32 bpp RGB.  NULL with err set when the image cannot be
 * read. */
PIX *bs_page_image_load(const bs_page *page, const char *base_dir, const bs_image_limits *limits,
                        bs_error *err);

/* Rotate pix (as loaded) into the page model's frame for a page whose
 * measured skew is skew_deg: the one definition of "deskewed" shared by
 * preprocessing and reports.  Returns a new PIX of the same size. */
PIX *bs_page_image_deskew(PIX *pix, double skew_deg);

#endif
