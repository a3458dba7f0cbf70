/*
 * pipeline.c - scans to an issue; see pipeline.h.
 *
 * Per page: load (image_load.h) then read (page_read.h: preprocess,
 * layout, OCR).  A double-page spread (spread.h) is cut at the fold first
 * and each half read as its own page; the halves are then numbered from
 * their running heads when both can be, since which side holds the lower
 * page is not fixed (page 1 left of page 4, page 3 left of page 2).  Per issue: reassemble each page into articles
 * (reassemble.h), then stitch continued stories across pages (stitch.h).
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spread.h"
#include "strbuf.h"
#include "xalloc.h"

bs_pipeline_options bs_pipeline_options_default(void)
{
    bs_pipeline_options o;
    memset(&o, 0, sizeof(o));
    o.lang = BS_DEFAULT_LANG;
    o.limits = bs_image_limits_default();
    o.xml_limits = bs_xml_limits_default();
    o.json_limits = bs_issue_json_limits_default();
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

/* Where to cut pix into two pages, 0 for not at all. */
static int spread_cut(PIX *pix, bs_spread_mode mode)
{
    if (mode == BS_SPREAD_OFF || !pix)
        return 0;
    int x = bs_spread_split_x(pix, NULL);
    if (x == 0 && mode == BS_SPREAD_FORCE)
        x = pixGetWidth(pix) / 2;
    return x;
}

/* Renumber page (regions' ids follow the page number). */
static void page_renumber(bs_page *page, int number)
{
    if (page->number == number)
        return;
    page->number = number;
    for (size_t i = 0; i < page->nregions; i++)
        snprintf(page->regions[i].id, sizeof(page->regions[i].id), "p%dr%zu", number, i + 1);
}

static int number_used(const bs_issue *issue, int number, size_t skip_from)
{
    for (size_t p = 0; p < skip_from; p++)
        if (issue->pages[p].number == number)
            return 1;
    return 0;
}

static int mostly_vertical(const bs_page *page)
{
    size_t v = 0, h = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        if (page->regions[i].direction == BS_DIR_VERTICAL_RL)
            v++;
        else
            h++;
    }
    return v > h;
}

/* Number the two halves of a spread (issue->pages[first], [first + 1],
 * left then right): by their running heads when both are read, are
 * distinct and are not taken by earlier pages; else by position, right
 * first on right-to-left pages.  The pages are swapped so that the lower
 * number comes first. */
static void number_halves(bs_issue *issue, size_t first)
{
    bs_page *left = &issue->pages[first], *right = &issue->pages[first + 1];
    char *llabel = NULL, *rlabel = NULL;
    int ln = bs_spread_page_label(left, &llabel);
    int rn = bs_spread_page_label(right, &rlabel);
    if (llabel) {
        free(left->label);
        left->label = llabel;
    }
    if (rlabel) {
        free(right->label);
        right->label = rlabel;
    }
    int base = left->number < right->number ? left->number : right->number;
    int ok = ln > 0 && rn > 0 && ln != rn && !number_used(issue, ln, first)
             && !number_used(issue, rn, first);
    if (!ok) {
        /* One head read: it says which half is which of the two numbers
         * the fold takes by position; otherwise vertical papers read
         * right to left, the right half first. */
        int one = (ln > 0) != (rn > 0) ? (ln > 0 ? ln : rn) : 0;
        if (one == base || one == base + 1) {
            int other = one == base ? base + 1 : base;
            if (ln > 0)
                rn = other;
            else
                ln = other;
        } else {
            int rtl = mostly_vertical(left) + mostly_vertical(right) > 0;
            ln = rtl ? base + 1 : base;
            rn = rtl ? base : base + 1;
        }
    }
    page_renumber(left, ln);
    page_renumber(right, rn);
    if (rn < ln) {
        bs_page t = *left;
        *left = *right;
        *right = t;
    }
}

/* Where a line read again goes in the QC data. */
typedef struct reread_sink {
    bs_issue *issue;
    int page;
} reread_sink;

static void record_reread(void *ctx, const bs_region *region, const char *old_text, float old_conf,
                          const bs_line *line)
{
    const reread_sink *sink = ctx;
    if (!old_text) {
        bs_issue_add_qc(sink->issue, "ocr_reread", sink->page,
                        "region %s: line the block's reading dropped found in its gap: \"%s\" (%.2f)",
                        region->id, line->text ? line->text : "", line->conf);
        return;
    }
    bs_issue_add_qc(sink->issue, "ocr_reread", sink->page,
                    "region %s: line read again alone: \"%s\" (%.2f) -> \"%s\" (%.2f)", region->id,
                    old_text, old_conf, line->text ? line->text : "", line->conf);
}

/* Read pix as page; returns 0 or -1 with le set. */
static int read_page(bs_issue *issue, bs_ocr *ocr, PIX *pix, bs_page *page,
                     const bs_pipeline_options *opt, bs_error *le)
{
    reread_sink sink = {issue, page->number};
    bs_page_read_options ro = opt->page_read;
    ro.on_reread = record_reread;
    ro.on_reread_ctx = &sink;
    if (!pix || bs_page_read(ocr, pix, page, &ro, le) != 0)
        return -1;
    return 0;
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
        double load = now_seconds() - t0;
        page->seconds[BS_STAGE_LOAD] = load;
        int cut = spread_cut(pix, opt->spread);
        int halves = cut > 0 ? 2 : 1;
        size_t first = issue->npages - 1;
        for (int h = 0; h < halves; h++) {
            if (h == 1) {
                page = bs_issue_add_page(issue, (int)issue->npages + 1);
                page->image_path = bs_xstrdup(path);
                page->image_index = i;
                page->seconds[BS_STAGE_LOAD] = load;
            }
            PIX *part = pix ? pixClone(pix) : NULL;
            if (cut > 0) {
                int w = pixGetWidth(pix), hgt = pixGetHeight(pix);
                page->source_box = h == 0 ? (bs_box){0, 0, cut, hgt} : (bs_box){cut, 0, w - cut, hgt};
                BOX *b = boxCreate(page->source_box.x, 0, page->source_box.w, hgt);
                pixDestroy(&part);
                part = pix ? pixClipRectangle(pix, b, NULL) : NULL;
                boxDestroy(&b);
            }
            bs_error pe = {0};
            if (read_page(issue, ocr, part ? part : pix, page, opt, &pe) == 0) {
                if (page->nregions == 0)
                    bs_issue_add_qc(issue, "empty_page", page->number, "no text found on page %d",
                                    page->number);
            } else {
                if (!pix)
                    pe = le;
                page_fail(issue, page, &pe);
                if (!failed)
                    e = pe;
                failed++;
            }
            pixDestroy(&part);
        }
        if (halves == 2)
            number_halves(issue, first);
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
