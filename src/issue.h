/*
 * issue.h - the issue model: pages, articles, jumps and QC events.
 *
 * Public functions:
 *     bs_issue_new, bs_issue_free, bs_issue_add_page,
 *     bs_issue_add_article, bs_issue_add_unmatched_jump, bs_issue_add_qc,
 *     bs_article_add_paragraph, bs_article_add_region, bs_article_add_jump,
 *     bs_article_text, bs_article_pages
 *
 * An issue is what Broadsheet reads (its pages) and what it produces (its
 * articles).  An article may span pages: its parts list, page by page, the
 * regions it is made of, and its jumps record each jump-out line matched to
 * its jump-in line.  Jump lines that found no partner are listed in
 * unmatched_jumps with the reason, so nothing is silently dropped.  QC events
 * record every repair (join, reorder, duplicate removed, correction) and
 * every problem, for the reports.
 *
 * Ownership: a bs_issue owns its pages, articles, unmatched jumps and QC
 * events and every string in them; bs_issue_free() frees it all.  Setters
 * copy their string arguments.  Pointers into an array are invalidated by
 * the next append to that array.
 */
#ifndef BS_ISSUE_H
#define BS_ISSUE_H

#include <stddef.h>

#include "page.h"

typedef struct bs_jump {
    int from_page, to_page; /* page numbers */
    char *out_text;         /* owned, the jump-out line as read */
    char *in_text;          /* owned, the jump-in line as read, or NULL */
    char *out_region;       /* owned, region id of the jump-out line, or NULL */
    char *in_region;        /* owned, region id of the jump-in line, or NULL */
    float score;            /* match confidence [0,1] */
} bs_jump;

typedef struct bs_article_part {
    int page;               /* page number */
    char **regions;         /* owned array of owned region ids */
    size_t nregions, regions_cap;
} bs_article_part;

typedef struct bs_article {
    char *id;               /* owned, "a1", "a2", ... */
    char *kicker, *title, *deck, *byline; /* owned, NULL when absent */
    char **paragraphs;      /* owned array of owned body paragraphs */
    size_t nparagraphs, paragraphs_cap;
    char **captions;        /* owned array of owned caption texts */
    size_t ncaptions, captions_cap;
    bs_article_part *parts; /* owned, in reading order of the story */
    size_t nparts, parts_cap;
    bs_jump *jumps;         /* owned */
    size_t njumps, jumps_cap;
    float confidence;       /* [0,1] */
    int continuation;       /* 1 if it starts mid-story (a jump-in part) */
    /* Jump lines found by reassembly on this article's page, before the
     * issue is stitched (owned, NULL when absent): the jump-out line at the
     * end of the part, the jump-in line and continuation head ("BUDGET",
     * or the repeated headline) at its start. */
    char *jump_out_line, *jump_out_region;
    char *jump_in_line, *jump_in_region;
    char *cont_head;
} bs_article;

typedef struct bs_unmatched_jump {
    int page;               /* page where the jump line stands */
    char *direction;        /* owned, "out" or "in" */
    char *text;             /* owned, the line as read */
    char *region;           /* owned, region id, or NULL */
    int target_page;        /* page the line names, 0 if unreadable */
    char *reason;           /* owned, "target page missing", "no candidate",
                               "ambiguous" */
} bs_unmatched_jump;

/* One repair or problem, for QC. */
typedef struct bs_qc_event {
    char *kind;    /* owned, e.g. "join", "reorder", "duplicate_removed",
                      "correction", "page_failed", "empty_page" */
    int page;      /* page number, 0 for the whole issue */
    char *detail;  /* owned, human-readable one-liner */
} bs_qc_event;

typedef struct bs_issue {
    char *id;              /* owned, issue identifier, may be NULL */
    char *lang;            /* owned, Tesseract language string */
    bs_page *pages;        /* owned array, in page order */
    size_t npages, pages_cap;
    bs_article *articles;  /* owned array, in reading order */
    size_t narticles, articles_cap;
    bs_unmatched_jump *unmatched; /* owned */
    size_t nunmatched, unmatched_cap;
    bs_qc_event *qc;       /* owned */
    size_t nqc, qc_cap;
    size_t article_base;   /* articles are numbered from article_base + 1:
                              nonzero for the later parts of an issue
                              written in parts (issue_json_writer.h) */
} bs_issue;

/* A new empty issue; free with bs_issue_free(). Never NULL. */
bs_issue *bs_issue_new(void);
void bs_issue_free(bs_issue *issue);

/* Append a page numbered number (initialised by bs_page_init). */
bs_page *bs_issue_add_page(bs_issue *issue, int number);
/* Page with the given number, or NULL. */
bs_page *bs_issue_find_page(const bs_issue *issue, int number);
/* Append an article with id "a<N>", N = article_base + its index + 1. */
bs_article *bs_issue_add_article(bs_issue *issue);
/* Remove all unmatched-jump entries (before stitching anew). */
void bs_issue_clear_unmatched(bs_issue *issue);
/* Remove all articles (and reset regions' article indexes). */
void bs_issue_clear_articles(bs_issue *issue);
bs_unmatched_jump *bs_issue_add_unmatched_jump(bs_issue *issue, int page, const char *direction,
                                               const char *text, const char *region,
                                               int target_page, const char *reason);
void bs_issue_add_qc(bs_issue *issue, const char *kind, int page, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void bs_article_add_paragraph(bs_article *a, const char *text);
void bs_article_add_caption(bs_article *a, const char *text);
/* Record that region_id on page belongs to the article, opening a new part
 * when page differs from the last part's page. */
void bs_article_add_region(bs_article *a, int page, const char *region_id);
bs_jump *bs_article_add_jump(bs_article *a, int from_page, int to_page, const char *out_text,
                             const char *in_text);
/* Replace *field (kicker, title, ...) with a copy of text. */
void bs_article_set(char **field, const char *text);
/* Body paragraphs joined with '\n'.  Caller frees. */
char *bs_article_text(const bs_article *a);
/* Distinct page numbers of the article's parts, ascending, into pages
 * (capacity max); returns the count. */
size_t bs_article_pages(const bs_article *a, int *pages, size_t max);
void bs_article_release(bs_article *a);

#endif
