/*
 * report.h - the QC report of an issue: OUTDIR/report/index.html, qc.json.
 *
 * Public functions:
 *     bs_report_options_default, bs_report_write
 *
 * The report is one self-contained HTML page that works offline (no
 * scripts, no network assets; its images sit next to it):
 *   - a summary with the pages and articles that need a person first, a
 *     word-confidence histogram and per-page attention drawn as inline SVG;
 *   - each page as an image with an SVG overlay: regions coloured by
 *     article, role labels, reading-order numbers and arrows, jump links
 *     to the continuation on the other page, low-confidence words in red;
 *   - each article with its text and its parts cropped from the pages;
 *   - the repairs made and the problems found.
 * qc.json carries the same measures for machines (qc.h).
 *
 * Everything is written atomically; a page whose image cannot be read is
 * shown without its picture, never fails the report.
 */
#ifndef BS_REPORT_H
#define BS_REPORT_H

#include "error.h"
#include "image_load.h"
#include "issue.h"
#include "qc.h"

typedef struct bs_report_options {
    bs_qc_thresholds thresholds;
    const char *image_base_dir; /* where page images are looked for when not
                                   found as recorded (the path, then its
                                   file name, under it); NULL: none */
    bs_image_limits image_limits; /* the page images reloaded: the limits
                                   the pages were read with */
    int page_width;             /* px of the page pictures in the report */
    bs_qc_dict_fn dict;         /* optional dictionary hit rate */
    void *dict_ctx;
    /* Optional: told of each page picture the report had to leave out
     * (msg names the page and the file and says why); NULL: silent. */
    void (*picture_missing)(void *ctx, const char *msg);
    void *picture_ctx;
} bs_report_options;

/* Pages are drawn 1000 px wide: enough to read a headline and see every
 * region of a 2400 px scan, small enough for 20 pages in one HTML file. */
#define BS_REPORT_PAGE_WIDTH_DEFAULT 1000

bs_report_options bs_report_options_default(void);

/* Write outdir/report/{index.html,qc.json,pages/,crops/}; pictures in
 * pages/ and crops/ that this report does not show (left by an earlier
 * report of more pages or other articles) are removed.  If qc_out is not
 * NULL it receives the computed measures (caller frees with bs_qc_free).
 * 0 or -1 with err set. */
int bs_report_write(const bs_issue *issue, const char *outdir, const bs_report_options *opt,
                    bs_qc **qc_out, bs_error *err);

#endif
