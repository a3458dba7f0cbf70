/*
 * page_read.c - one page image to a page model with text; see page_read.h.
 *
 * Walking skeleton: Tesseract's own layout reads the whole page; each of
 * its blocks becomes a body region.
 */
#include "page_read.h"

#include <stdlib.h>
#include <time.h>

#include "xalloc.h"

bs_page_read_options bs_page_read_options_default(void)
{
    bs_page_read_options o = {0};
    return o;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bs_page_read(bs_ocr *ocr, PIX *pix, bs_page *page, const bs_page_read_options *opt,
                 bs_error *err)
{
    (void)opt;
    page->width = pixGetWidth(pix);
    page->height = pixGetHeight(pix);
    l_int32 xres = 0, yres = 0;
    pixGetResolution(pix, &xres, &yres);
    page->dpi = yres > 0 ? yres : 0;
    free(page->lang);
    page->lang = bs_xstrdup(bs_ocr_lang(ocr));

    double t0 = now_seconds();
    bs_ocr_set_image(ocr, pix, page->dpi);
    int rc = bs_ocr_page_blocks(ocr, page, err);
    page->seconds[BS_STAGE_OCR] += now_seconds() - t0;
    return rc;
}
