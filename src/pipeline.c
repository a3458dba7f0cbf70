/*
 * pipeline.c - scans to an issue; see pipeline.h.
 *
 * Per page: load (image_load.h) then read (page_read.h: preprocess,
 * layout, OCR).  Per issue: reassemble each page into articles
 * (reassemble.h), then stitch continued stories across pages (stitch.h).
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
    o.page_read = bs_page_read_options_default();
    o.reassemble = bs_reassemble_options_default();
    o.stitch = bs_stitch_options_default();
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
        page->image_index = i;
        if (count == 0) {
            page_fail(issue, page, &e);
            failed++;
            break;
        }
        double t0 = now_seconds();
        bs_error le = {0};
        PIX *pix = bs_image_load(path, i, &opt->limits, &le);
        page->seconds[BS_STAGE_LOAD] = now_seconds() - t0;
        if (pix && bs_page_read(ocr, pix, page, &opt->page_read, &le) == 0) {
            if (page->nregions == 0)
                bs_issue_add_qc(issue, "empty_page", page->number, "no text found on page %d",
                                page->number);
        } else {
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
    bs_issue_clear_articles(issue);
    for (size_t p = 0; p < issue->npages; p++) {
        bs_page *page = &issue->pages[p];
        double t0 = now_seconds();
        bs_correct_page(issue, page, &opt->correct);
        bs_reassemble_page(issue, page, &opt->reassemble);
        page->seconds[BS_STAGE_REASSEMBLY] += now_seconds() - t0;
    }
    double t0 = now_seconds();
    bs_stitch_issue(issue, &opt->stitch);
    /* Stitching is issue-wide; charge it to the pages evenly. */
    double per_page = issue->npages ? (now_seconds() - t0) / (double)issue->npages : 0;
    for (size_t p = 0; p < issue->npages; p++)
        issue->pages[p].seconds[BS_STAGE_STITCHING] += per_page;
}
