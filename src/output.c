/*
 * output.c - write an issue's outputs; see output.h.
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
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

/* One staged file: its temporary name and its destination. */
typedef struct staged_file {
    char *tmp;  /* owned */
    char *path; /* owned */
} staged_file;

struct bs_output_stage {
    char *outdir;          /* owned */
    staged_file *files;    /* owned, in the order they are renamed */
    size_t nfiles, cap;
    int clean_pages;       /* pages/pNNN.txt were written: remove stale ones */
    int clean_alto;        /* alto/pNNN.xml were written: remove stale ones */
};

bs_output_stage *bs_output_stage_new(const char *outdir)
{
    bs_output_stage *st = bs_xcalloc(1, sizeof(*st));
    st->outdir = bs_xstrdup(outdir);
    return st;
}

int bs_output_stage_add(bs_output_stage *st, bs_atomic_file *af, bs_error *err)
{
    if (bs_atomic_file_close(af, err) != 0)
        return -1;
    BS_ARRAY_GROW(st->files, st->cap, st->nfiles + 1);
    st->files[st->nfiles].tmp = af->tmp;
    st->files[st->nfiles].path = af->path;
    st->nfiles++;
    af->tmp = af->path = NULL;
    return 0;
}

/* Write len bytes of data to a temporary file for path and stage it. */
static int stage_write(bs_output_stage *st, const char *path, const void *data, size_t len,
                       bs_error *err)
{
    bs_atomic_file af;
    if (bs_atomic_file_open(&af, path, err) != 0)
        return -1;
    /* A short write leaves the stream's error flag set: closing reports
     * it and removes the temporary file. */
    if (len)
        (void)fwrite(data, 1, len, af.f);
    return bs_output_stage_add(st, &af, err);
}

static void stage_free(bs_output_stage *st)
{
    for (size_t i = 0; i < st->nfiles; i++) {
        free(st->files[i].tmp);
        free(st->files[i].path);
    }
    free(st->files);
    free(st->outdir);
    free(st);
}

void bs_output_stage_abort(bs_output_stage *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nfiles; i++)
        if (st->files[i].tmp)
            unlink(st->files[i].tmp);
    stage_free(st);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void bs_output_remove_stale(const char *dir, char **keep, size_t nkeep,
                            int (*ours)(const char *name))
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    /* Sorted, keep answers each name of the folder in log time; the
     * caller lends its array for that (output.h), so no copy is made. */
    if (nkeep)
        qsort(keep, nkeep, sizeof(*keep), cmp_str);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (!ours(n) || (nkeep && bsearch(&n, keep, nkeep, sizeof(*keep), cmp_str)))
            continue;
        char *path = bs_path_join(dir, n);
        unlink(path);
        free(path);
    }
    closedir(d);
}

/* Digits only, at least BS_MIN_DIGITS of them (the %03 of the names),
 * then suffix: the tail of the names this module writes. */
#define BS_MIN_DIGITS 3
static int digits_then(const char *n, const char *suffix)
{
    size_t len = strlen(n), slen = strlen(suffix);
    if (len < BS_MIN_DIGITS + slen || strcmp(n + len - slen, suffix) != 0)
        return 0;
    return strspn(n, "0123456789") == len - slen;
}

/* articles/NNN.txt, pages/pNNN.txt, alto/pNNN.xml. */
static int is_article_name(const char *n)
{
    return digits_then(n, ".txt");
}

static int is_page_text_name(const char *n)
{
    return n[0] == 'p' && digits_then(n + 1, ".txt");
}

static int is_alto_name(const char *n)
{
    return n[0] == 'p' && digits_then(n + 1, ".xml");
}

/* Remove the stale files of outdir/sub: those ours() accepts that st did
 * not write there.  keep points into st's paths, in an array of its own
 * that bs_output_remove_stale may sort. */
static void remove_stale_in(const bs_output_stage *st, const char *sub, int (*ours)(const char *))
{
    char *dir = bs_path_join(st->outdir, sub);
    size_t dlen = strlen(dir);
    char **keep = bs_xmalloc((st->nfiles ? st->nfiles : 1) * sizeof(*keep));
    size_t nkeep = 0;
    for (size_t i = 0; i < st->nfiles; i++) {
        char *p = st->files[i].path;
        if (!strncmp(p, dir, dlen) && p[dlen] == '/' && !strchr(p + dlen + 1, '/'))
            keep[nkeep++] = p + dlen + 1;
    }
    bs_output_remove_stale(dir, keep, nkeep, ours);
    free(keep);
    free(dir);
}

int bs_output_stage_commit(bs_output_stage *st, bs_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < st->nfiles; i++) {
        if (rename(st->files[i].tmp, st->files[i].path) != 0) {
            bs_error_set(err, BS_ERR_IO, "%s: rename failed: %s", st->files[i].path,
                         strerror(errno));
            rc = -1;
            break;
        }
        free(st->files[i].tmp);
        st->files[i].tmp = NULL;
    }
    if (rc == 0) {
        remove_stale_in(st, "articles", is_article_name);
        if (st->clean_pages)
            remove_stale_in(st, "pages", is_page_text_name);
        if (st->clean_alto)
            remove_stale_in(st, "alto", is_alto_name);
        stage_free(st);
    } else {
        bs_output_stage_abort(st);
    }
    return rc;
}

/* Encode text as opt says and stage it as path. */
static int write_text(bs_output_stage *st, const char *path, const char *text, const char *what,
                      const bs_output_options *opt, bs_output_result *res, bs_error *err)
{
    char *enc = NULL;
    size_t enclen = 0, nrep = 0;
    if (bs_encoding_convert(text, strlen(text), opt->encoding, opt->encoding_fallback, what, &enc,
                            &enclen, &nrep, err) != 0)
        return -1;
    res->chars_replaced += nrep;
    int rc = stage_write(st, path, enc, enclen, err);
    free(enc);
    return rc;
}

/* Stage doc (consumed), a document built whole in memory (ALTO, METS,
 * issue.json: UTF-8 whatever the text encoding), as dir/name. */
static int write_document(bs_output_stage *st, const char *dir, const char *name, char *doc,
                          bs_error *err)
{
    char *path = bs_path_join(dir, name);
    int rc = stage_write(st, path, doc, strlen(doc), err);
    free(path);
    free(doc);
    return rc;
}

int bs_output_write_staged(bs_issue *issue, bs_output_stage *st, const bs_output_options *opt,
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
    const char *outdir = st->outdir;
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
        rc = write_text(st, path, text, what, opt, res, err);
        free(text);
        free(path);
    }
    free(artdir);

    if (opt->page_text)
        st->clean_pages = 1;
    if (rc == 0 && opt->page_text && issue->npages) {
        char *pagedir = bs_path_join(outdir, "pages");
        rc = bs_mkdir_output(pagedir, err);
        for (size_t i = 0; rc == 0 && i < issue->npages; i++) {
            char name[32], what[64];
            snprintf(name, sizeof(name), "p%03d.txt", issue->pages[i].number);
            snprintf(what, sizeof(what), "page %d (pages/%s)", issue->pages[i].number, name);
            char *path = bs_path_join(pagedir, name);
            char *text = bs_output_page_text(&issue->pages[i]);
            rc = write_text(st, path, text, what, opt, res, err);
            free(text);
            free(path);
        }
        free(pagedir);
    }

    if (opt->alto || opt->mets)
        st->clean_alto = 1;
    if (rc == 0 && (opt->alto || opt->mets) && issue->npages) {
        char *altodir = bs_path_join(outdir, "alto");
        rc = bs_mkdir_output(altodir, err);
        for (size_t i = 0; rc == 0 && i < issue->npages; i++) {
            char name[32];
            bs_alto_file_name(&issue->pages[i], name, sizeof(name));
            rc = write_document(st, altodir, name, bs_alto_page_to_string(issue, &issue->pages[i]),
                                err);
        }
        free(altodir);
    }
    if (rc == 0 && opt->mets)
        rc = write_document(st, outdir, "mets.xml", bs_mets_to_string(issue, outdir), err);

    if (rc == 0 && opt->record_seconds && issue->npages) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* issue.json itself is not counted: its time is known only after
         * it is written, and it is a small share of the whole. */
        for (size_t i = 0; i < issue->npages; i++)
            issue->pages[i].seconds[BS_STAGE_OUTPUT] = secs / (double)issue->npages;
    }
    if (rc == 0 && opt->issue_json)
        rc = write_document(st, outdir, "issue.json", bs_issue_to_json(issue, 1), err);
    return rc;
}

int bs_output_write_with(bs_issue *issue, const char *outdir, const bs_output_options *opt,
                         bs_output_result *res, bs_error *err)
{
    bs_output_stage *st = bs_output_stage_new(outdir);
    if (bs_output_write_staged(issue, st, opt, res, err) != 0) {
        bs_output_stage_abort(st);
        return -1;
    }
    return bs_output_stage_commit(st, err);
}

int bs_output_exists(const char *outdir)
{
    char *path = bs_path_join(outdir, "issue.json");
    struct stat st;
    int found = lstat(path, &st) == 0;
    free(path);
    return found;
}

int bs_output_write(bs_issue *issue, const char *outdir, bs_error *err)
{
    return bs_output_write_with(issue, outdir, NULL, NULL, err);
}
