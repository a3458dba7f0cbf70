/*
 * output.c - write an issue's outputs; see output.h.
 */
#include "output.h"

#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alto_write.h"
#include "atomic_file.h"
#include "encoding.h"
#include "issue_json.h"
#include "mets_write.h"
#include "strbuf.h"
#include "xalloc.h"

bs_output_options bs_output_options_default(void)
{
    bs_output_options o = {.encoding = NULL, .encoding_fallback = 0, .alto = 1, .mets = 1,
                           .page_text = 1, .record_seconds = 1, .issue_json = 1};
    return o;
}

char *bs_output_article_text(const bs_article *a)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    if (a->kicker)
        bs_strbuf_addf(&sb, "%s\n", a->kicker);
    if (a->title)
        bs_strbuf_addf(&sb, "%s\n", a->title);
    if (a->deck)
        bs_strbuf_addf(&sb, "%s\n", a->deck);
    if (a->byline)
        bs_strbuf_addf(&sb, "%s\n", a->byline);
    if (sb.len)
        bs_strbuf_addch(&sb, '\n');
    for (size_t i = 0; i < a->nparagraphs; i++)
        bs_strbuf_addf(&sb, "%s\n", a->paragraphs[i]);
    for (size_t i = 0; i < a->ncaptions; i++)
        bs_strbuf_addf(&sb, "\n[%s]\n", a->captions[i]);
    return bs_strbuf_detach(&sb);
}

char *bs_output_page_text(const bs_page *page)
{
    size_t n = page->nregions;
    size_t *order = bs_page_regions_in_order(page);
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t k = 0; k < n; k++) {
        const bs_region *r = &page->regions[order[k]];
        if (!bs_role_is_text(r->role) || !r->nlines)
            continue;
        char *t = bs_region_text(r);
        if (*t) {
            if (sb.len)
                bs_strbuf_addch(&sb, '\n');
            bs_strbuf_addf(&sb, "%s\n", t);
        }
        free(t);
    }
    free(order);
    return bs_strbuf_detach(&sb);
}

/* Encode text as opt says and write it to path atomically. */
static int write_text(const char *path, const char *text, const char *what,
                      const bs_output_options *opt, bs_output_result *res, bs_error *err)
{
    char *enc = NULL;
    size_t enclen = 0, nrep = 0;
    if (bs_encoding_convert(text, strlen(text), opt->encoding, opt->encoding_fallback, what, &enc,
                            &enclen, &nrep, err) != 0)
        return -1;
    res->chars_replaced += nrep;
    int rc = bs_write_file_atomic(path, enc, enclen, err);
    free(enc);
    return rc;
}

/* Remove articles/NNN.txt files numbered above count: left from an earlier
 * run of the same issue that found more articles, they would be read as
 * part of this one.  Only names this module writes are touched. */
static void remove_stale_articles(const char *artdir, size_t count)
{
    DIR *d = opendir(artdir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (len < 7 || strcmp(n + len - 4, ".txt") != 0 || strspn(n, "0123456789") != len - 4)
            continue;
        if (strtoul(n, NULL, 10) > count) {
            char *path = bs_path_join(artdir, n);
            unlink(path);
            free(path);
        }
    }
    closedir(d);
}

int bs_output_write_with(bs_issue *issue, const char *outdir, const bs_output_options *opt,
                         bs_output_result *res, bs_error *err)
{
    bs_output_options def = bs_output_options_default();
    bs_output_result dummy;
    if (!opt)
        opt = &def;
    if (!res)
        res = &dummy;
    memset(res, 0, sizeof(*res));
    if (bs_encoding_check(opt->encoding, err) != 0)
        return -1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    char *artdir = bs_path_join(outdir, "articles");
    int rc = bs_mkdir_output(artdir, err);
    for (size_t i = 0; rc == 0 && i < issue->narticles; i++) {
        char name[32], what[96];
        snprintf(name, sizeof(name), "%03zu.txt", issue->article_base + i + 1);
        const bs_article *a = &issue->articles[i];
        snprintf(what, sizeof(what), "article %.40s (articles/%s)", a->id ? a->id : "?", name);
        char *path = bs_path_join(artdir, name);
        char *text = bs_output_article_text(a);
        rc = write_text(path, text, what, opt, res, err);
        free(text);
        free(path);
    }
    if (rc == 0)
        remove_stale_articles(artdir, issue->article_base + issue->narticles);
    free(artdir);

    if (rc == 0 && opt->page_text && issue->npages) {
        char *pagedir = bs_path_join(outdir, "pages");
        rc = bs_mkdir_output(pagedir, err);
        for (size_t i = 0; rc == 0 && i < issue->npages; i++) {
            char name[32], what[64];
            snprintf(name, sizeof(name), "p%03d.txt", issue->pages[i].number);
            snprintf(what, sizeof(what), "page %d (pages/%s)", issue->pages[i].number, name);
            char *path = bs_path_join(pagedir, name);
            char *text = bs_output_page_text(&issue->pages[i]);
            rc = write_text(path, text, what, opt, res, err);
            free(text);
            free(path);
        }
        free(pagedir);
    }

    if (rc == 0 && (opt->alto || opt->mets) && issue->npages) {
        char *altodir = bs_path_join(outdir, "alto");
        rc = bs_mkdir_output(altodir, err);
        for (size_t i = 0; rc == 0 && i < issue->npages; i++) {
            char name[32];
            bs_alto_file_name(&issue->pages[i], name, sizeof(name));
            char *path = bs_path_join(altodir, name);
            rc = bs_alto_write_page(issue, &issue->pages[i], path, err);
            free(path);
        }
        free(altodir);
    }
    if (rc == 0 && opt->mets)
        rc = bs_mets_write(issue, outdir, err);

    if (rc == 0 && opt->record_seconds && issue->npages) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* issue.json itself is not counted: its time is known only after
         * it is written, and it is a small share of the whole. */
        for (size_t i = 0; i < issue->npages; i++)
            issue->pages[i].seconds[BS_STAGE_OUTPUT] = secs / (double)issue->npages;
    }
    if (rc == 0 && opt->issue_json) {
        char *json = bs_path_join(outdir, "issue.json");
        rc = bs_issue_write_json_file(issue, json, err);
        free(json);
    }
    return rc;
}

int bs_output_write(bs_issue *issue, const char *outdir, bs_error *err)
{
    return bs_output_write_with(issue, outdir, NULL, NULL, err);
}
