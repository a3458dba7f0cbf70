/*
 * page_image.c - a page's image in its model's frame; see page_image.h.
 */
#include "page_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "image_load.h"
#include "xalloc.h"

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

/* Where the image of a page recorded at recorded is: as recorded, else
 * (base_dir not NULL) base_dir/recorded for a relative path, else its file
 * name in base_dir; the recorded path when none exists, so that the error
 * names it.  Caller frees. */
static char *find_image(const char *recorded, const char *base_dir)
{
    struct stat st;
    if (stat(recorded, &st) == 0 || !base_dir)
        return bs_xstrdup(recorded);
    if (recorded[0] != '/') {
        char *p = bs_path_join(base_dir, recorded);
        if (stat(p, &st) == 0)
            return p;
        free(p);
    }
    const char *slash = strrchr(recorded, '/');
    if (slash && slash[1]) {
        char *p = bs_path_join(base_dir, slash + 1);
        if (stat(p, &st) == 0)
            return p;
        free(p);
    }
    return bs_xstrdup(recorded);
}

PIX *bs_page_image_load(const bs_page *page, const char *base_dir, const bs_image_limits *limits,
                        bs_error *err)
{
    if (!page->image_path) {
        bs_error_set(err, BS_ERR_IO, "page %d: no image recorded", page->number);
        return NULL;
    }
    char *path = find_image(page->image_path, base_dir);
    bs_image_limits dflt = bs_image_limits_default();
    PIX *pix = bs_image_load(path, page->image_index, limits ? limits : &dflt, err);
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
