/*
 * pipeline.c - scans to an issue; see pipeline.h.
 *
 * Walking skeleton: each page is read by Tesseract's own layout analysis
 * and each of its text blocks becomes one article.  Layout analysis,
 * reassembly and stitching replace these steps stage by stage.
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strbuf.h"
#include "xalloc.h"

bs_pipeline_options bs_pipeline_options_default(void)
{
    bs_pipeline_options o;
    memset(&o, 0, sizeof(o));
    o.lang = BS_DEFAULT_LANG;
    o.limits = bs_image_limits_default();
    return o;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void page_fail(bs_issue *issue, bs_page *page, const bs_error *e)
{
    free(page->error);
    page->error = bs_xstrdup(e->msg);
    bs_issue_add_qc(issue, "page_failed", page->number, "%s", e->msg);
}

/* Read one decoded image into page. */
static int read_page(bs_issue *issue, bs_page *page, bs_ocr *ocr, PIX *pix, bs_error *err)
{
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
    if (rc == 0 && page->nregions == 0)
        bs_issue_add_qc(issue, "empty_page", page->number, "no text found on page %d", page->number);
    return rc;
}

int bs_pipeline_add_file(bs_issue *issue, bs_ocr *ocr, const char *path,
                         const bs_pipeline_options *opt, bs_error *err)
{
    int failed = 0;
    int count = 0;
    bs_error e = {0};
    if (bs_image_count(path, &count, &e) != 0)
        count = 0;
    int n = count > 0 ? count : 1;
    for (int i = 0; i < n; i++) {
        bs_page *page = bs_issue_add_page(issue, (int)issue->npages + 1);
        page->image_path = bs_xstrdup(path);
        page->subpage = count > 1 ? i + 1 : 0;
        if (count == 0) {
            page_fail(issue, page, &e);
            failed++;
            break;
        }
        double t0 = now_seconds();
        bs_error le = {0};
        PIX *pix = bs_image_load(path, i, &opt->limits, &le);
        page->seconds[BS_STAGE_LOAD] = now_seconds() - t0;
        if (!pix || read_page(issue, page, ocr, pix, &le) != 0) {
            page_fail(issue, page, &le);
            if (!failed)
                e = le;
            failed++;
        }
        pixDestroy(&pix);
    }
    if (failed && err)
        *err = e;
    return failed;
}

void bs_pipeline_assemble(bs_issue *issue, const bs_pipeline_options *opt)
{
    (void)opt;
    bs_issue_clear_articles(issue);
    for (size_t p = 0; p < issue->npages; p++) {
        bs_page *page = &issue->pages[p];
        double t0 = now_seconds();
        for (size_t r = 0; r < page->nregions; r++) {
            bs_region *reg = &page->regions[r];
            reg->order = (int)r;
            if (!bs_role_is_text(reg->role) || reg->nlines == 0)
                continue;
            bs_article *a = bs_issue_add_article(issue);
            reg->article = (int)(issue->narticles - 1);
            for (size_t l = 0; l < reg->nlines; l++)
                if (reg->lines[l].text[0])
                    bs_article_add_paragraph(a, reg->lines[l].text);
            bs_article_add_region(a, page->number, reg->id);
            a->confidence = reg->conf;
        }
        page->seconds[BS_STAGE_REASSEMBLY] += now_seconds() - t0;
    }
}
