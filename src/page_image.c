/*
 * page_image.c - a page's image in its model's frame; see page_image.h.
 */
#include "page_image.h"

#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "image_load.h"

/* Below this angle (degrees) rotation changes no pixel position by more
 * than a fraction of a pixel on a 3300 px page, so it is skipped. */
#define BS_DESKEW_MIN_DEG 0.01

PIX *bs_page_image_deskew(PIX *pix, double skew_deg)
{
    if (fabs(skew_deg) < BS_DESKEW_MIN_DEG)
        return pixClone(pix);
    /* page.h: a positive skew leans the page clockwise, so levelling it
     * rotates by -skew_deg (Leptonica's angles are clockwise-positive);
     * width and height are kept and the corners brought in are white. */
    PIX *r = pixRotate(pix, (float)(-skew_deg * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                       0, 0);
    return r ? r : pixClone(pix);
}

PIX *bs_page_image_load(const bs_page *page, const char *base_dir, bs_error *err)
{
    if (!page->image_path) {
        bs_error_set(err, BS_ERR_IO, "page %d: no image recorded", page->number);
        return NULL;
    }
    char *path = NULL;
    struct stat st;
    if (page->image_path[0] != '/' && stat(page->image_path, &st) != 0 && base_dir)
        path = bs_path_join(base_dir, page->image_path);
    const char *use = path ? path : page->image_path;
    bs_image_limits lim = bs_image_limits_default();
    PIX *pix = bs_image_load(use, page->image_index, &lim, err);
    free(path);
    if (!pix)
        return NULL;
    if (!bs_box_empty(page->source_box)) {
        BOX *b = boxCreate(page->source_box.x, page->source_box.y, page->source_box.w,
                           page->source_box.h);
        PIX *half = pixClipRectangle(pix, b, NULL);
        boxDestroy(&b);
        if (half) {
            pixDestroy(&pix);
            pix = half;
        }
    }
    PIX *rot = bs_page_image_deskew(pix, page->skew_deg);
    pixDestroy(&pix);
    PIX *rgb = pixConvertTo32(rot);
    pixDestroy(&rot);
    if (!rgb)
        bs_error_set(err, BS_ERR_FORMAT, "%s: cannot convert to RGB", page->image_path);
    return rgb;
}
