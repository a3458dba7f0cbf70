/*
 * qc.h - quality-check measures and flags for pages and articles.
 *
 * Public functions:
 *     bs_qc_thresholds_default, bs_qc_thresholds_load,
 *     bs_qc_compute, bs_qc_free, bs_qc_to_json
 *
 * Digitisation teams review thousands of pages; they need to know which
 * pages and articles to look at.  bs_qc_compute measures each page (mean
 * word confidence, share of low-confidence words, dictionary hit rate,
 * share of garbage lines, skew, regions, articles, time per stage) and each
 * article (confidence, length, headline present, jumps), compares them
 * with thresholds, and gives every page and article an attention score
 * with a short reason per flag.  Problems of the issue (failed pages,
 * unmatched jumps, articles without headline, orphan fragments) and the
 * repairs made (joins, reorders, duplicates removed, corrections, from the
 * issue's QC events) are listed for the report.
 *
 * The thresholds live in a small "key = value" file (see
 * pipeline/presets/qc-thresholds.conf) so a team can tune what needs a
 * human without rebuilding.
 *
 * Ownership: bs_qc_compute returns a bs_qc the caller frees with
 * bs_qc_free; it copies what it needs and keeps no pointer into the issue.
 */
#ifndef BS_QC_H
#define BS_QC_H

#include <stddef.h>

#include "error.h"
#include "issue.h"

typedef struct bs_qc_thresholds {
    double low_conf_word;        /* a word below this confidence is "low" */
    double page_mean_conf_min;   /* flag a page whose mean word confidence is lower */
    double page_low_share_max;   /* flag a page with a larger share of low words */
    double garbage_share_max;    /* flag a page with a larger share of garbage lines */
    double dict_hit_min;         /* flag a page/article with a lower dictionary hit rate */
    double skew_max_deg;         /* flag a page skewed more than this (absolute) */
    double article_conf_min;     /* flag an article whose confidence is lower */
} bs_qc_thresholds;

/* Optional dictionary look-up: share of the words (Latin) or characters in
 * known words (CJK) of text that a language model knows, in [0,1], or a
 * negative value when it cannot tell.  ctx is passed through. */
typedef double (*bs_qc_dict_fn)(void *ctx, const char *text);

#define BS_QC_HIST_BINS 10

typedef struct bs_qc_page {
    int number;
    char *error;              /* owned copy of the page's error, or NULL */
    int nwords, nlines, nregions, narticles;
    double mean_conf;         /* mean word confidence [0,1], -1 no words */
    double low_share;         /* share of words under the threshold */
    double dict_hit;          /* dictionary hit rate, -1 unknown */
    double garbage_share;     /* share of lines that look like garbage */
    double skew_deg;
    double seconds[8];        /* per stage (bs_stage) */
    double attention;         /* 0 = fine; higher = look first */
    char **flags;             /* owned, short reasons */
    size_t nflags, flags_cap;
} bs_qc_page;

typedef struct bs_qc_article {
    char *id, *title;         /* owned */
    int pages[8];             /* first pages of the article */
    size_t npages;
    size_t chars;             /* body length in characters (code points) */
    double confidence;        /* article confidence, -1 unknown */
    double dict_hit;          /* -1 unknown */
    double attention;
    char **flags;
    size_t nflags, flags_cap;
} bs_qc_article;

typedef struct bs_qc_item {
    char *kind;               /* owned: "join", "unmatched_jump", ... */
    int page;                 /* 0 = whole issue */
    char *detail;             /* owned */
} bs_qc_item;

typedef struct bs_qc {
    bs_qc_page *pages;
    size_t npages;
    bs_qc_article *articles;
    size_t narticles;
    bs_qc_item *repairs;      /* joins, reorders, duplicates, corrections */
    size_t nrepairs, repairs_cap;
    bs_qc_item *problems;     /* failed pages, unmatched jumps, ... */
    size_t nproblems, problems_cap;
    int conf_hist[BS_QC_HIST_BINS]; /* word confidence histogram, 0.1 wide bins */
    double attention;         /* the issue's: the worst page or article */
} bs_qc;

bs_qc_thresholds bs_qc_thresholds_default(void);

/* Read "key = value" lines (# comments) from path over t; unknown keys and
 * bad values are errors naming the file and line.  0 or -1. */
int bs_qc_thresholds_load(bs_qc_thresholds *t, const char *path, bs_error *err);

/* Measure issue.  dict may be NULL (dictionary hit rates unknown). */
bs_qc *bs_qc_compute(const bs_issue *issue, const bs_qc_thresholds *t, bs_qc_dict_fn dict,
                     void *dict_ctx);
void bs_qc_free(bs_qc *qc);

/* The measures as a JSON document (qc.json).  Caller frees. */
char *bs_qc_to_json(const bs_qc *qc, const bs_qc_thresholds *t);

#endif
