/*
 * qc_table.c - per-issue and per-page QC rows; see qc_table.h.
 */
#include "qc_table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "manifest.h"
#include "strbuf.h"
#include "xalloc.h"

#define QC_HEADER "attention,issue,page,status,articles,mean_conf,pages,pages_failed,reason"
#define QC_COLUMNS 9
/* qc.csv files read back for merging are bounded like manifests. */
#define QC_MAX_BYTES (512L * 1024 * 1024)

typedef struct qc_row {
    int attention;
    char *issue;     /* owned */
    int page;        /* 0: the issue's own row */
    char *status;    /* owned */
    int articles;
    double conf;     /* mean word confidence, -1 unknown */
    int pages, pages_failed;
    char *reason;    /* owned, "" if none */
} qc_row;

struct bs_qc_table {
    qc_row *v;
    size_t n, cap;
};

bs_qc_table *bs_qc_table_new(void)
{
    return bs_xcalloc(1, sizeof(bs_qc_table));
}

void bs_qc_table_free(bs_qc_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].issue);
        free(t->v[i].status);
        free(t->v[i].reason);
    }
    free(t->v);
    free(t);
}

static qc_row *add_row(bs_qc_table *t, int attention, const char *issue, int page,
                       const char *status, const char *reason)
{
    BS_ARRAY_GROW(t->v, t->cap, t->n + 1);
    qc_row *r = &t->v[t->n++];
    memset(r, 0, sizeof(*r));
    r->attention = attention;
    r->issue = bs_xstrdup(issue);
    r->page = page;
    r->status = bs_xstrdup(status);
    /* One line per row, whatever the reason text holds. */
    r->reason = bs_xstrdup(reason ? reason : "");
    for (char *s = r->reason; *s; s++)
        if (*s == '\n' || *s == '\r')
            *s = ' ';
    r->conf = -1;
    return r;
}

/* Sum and count of word confidences on page (line confidences for lines
 * without words). */
static void page_conf(const bs_page *p, double *sum, size_t *n)
{
    for (size_t r = 0; r < p->nregions; r++) {
        const bs_region *reg = &p->regions[r];
        for (size_t l = 0; l < reg->nlines; l++) {
            const bs_line *line = &reg->lines[l];
            if (line->nwords == 0 && line->conf >= 0) {
                *sum += line->conf;
                (*n)++;
            }
            for (size_t w = 0; w < line->nwords; w++)
                if (line->words[w].conf >= 0) {
                    *sum += line->words[w].conf;
                    (*n)++;
                }
        }
    }
}

static int articles_on_page(const bs_issue *issue, int page)
{
    int n = 0;
    for (size_t a = 0; a < issue->narticles; a++)
        for (size_t p = 0; p < issue->articles[a].nparts; p++)
            if (issue->articles[a].parts[p].page == page) {
                n++;
                break;
            }
    return n;
}

void bs_qc_table_add_issue(bs_qc_table *t, const char *id, const bs_issue *issue)
{
    double isum = 0;
    size_t in = 0;
    int failed = 0;
    bs_strbuf reason = BS_STRBUF_INIT;
    for (size_t i = 0; i < issue->npages; i++) {
        const bs_page *p = &issue->pages[i];
        double sum = 0;
        size_t n = 0;
        page_conf(p, &sum, &n);
        isum += sum;
        in += n;
        double conf = n ? sum / (double)n : -1;
        bs_strbuf_reset(&reason);
        int att = BS_QC_OK;
        const char *status = "ok";
        if (p->error) {
            att = BS_QC_FAILED;
            status = "failed";
            bs_strbuf_addstr(&reason, p->error);
            failed++;
        } else if (n == 0) {
            att = BS_QC_WARNING;
            status = "empty";
            bs_strbuf_addstr(&reason, "no text found");
        } else if (conf < BS_QC_LOW_CONF) {
            att = BS_QC_WARNING;
            status = "low_conf";
            bs_strbuf_addf(&reason, "mean word confidence %.3f under %.2f", conf, BS_QC_LOW_CONF);
        }
        qc_row *r = add_row(t, att, id, p->number, status, reason.buf);
        r->articles = articles_on_page(issue, p->number);
        r->conf = conf;
        r->pages = 1;
        r->pages_failed = p->error ? 1 : 0;
    }
    bs_strbuf_reset(&reason);
    int att = BS_QC_OK;
    const char *status = "ok";
    if (failed) {
        att = BS_QC_FLAGGED;
        status = "flagged";
        bs_strbuf_addf(&reason, "%d of %zu pages failed", failed, issue->npages);
    } else if (issue->nunmatched) {
        att = BS_QC_WARNING;
        status = "warning";
        bs_strbuf_addf(&reason, "%zu unmatched jump lines", issue->nunmatched);
    }
    qc_row *r = add_row(t, att, id, 0, status, reason.buf);
    r->articles = (int)issue->narticles;
    r->conf = in ? isum / (double)in : -1;
    r->pages = (int)issue->npages;
    r->pages_failed = failed;
    bs_strbuf_release(&reason);
}

void bs_qc_table_add_missing(bs_qc_table *t, const char *id, const char *status,
                             const char *reason)
{
    add_row(t, BS_QC_FAILED, id, 0, status, reason);
}

static int row_cmp(const void *pa, const void *pb)
{
    const qc_row *a = pa, *b = pb;
    if (a->attention != b->attention)
        return a->attention < b->attention ? -1 : 1;
    /* Compare confidences as printed, so a table read back sorts the same. */
    long ca = a->conf < 0 ? -1 : (long)(a->conf * 1000 + 0.5);
    long cb = b->conf < 0 ? -1 : (long)(b->conf * 1000 + 0.5);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    int c = bs_manifest_name_cmp(a->issue, b->issue);
    if (c)
        return c;
    if (a->page != b->page)
        return a->page < b->page ? -1 : 1;
    return strcmp(a->status, b->status);
}

char *bs_qc_table_to_csv(bs_qc_table *t)
{
    if (t->n)
        qsort(t->v, t->n, sizeof(*t->v), row_cmp);
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, QC_HEADER "\n");
    char num[64];
    for (size_t i = 0; i < t->n; i++) {
        const qc_row *r = &t->v[i];
        snprintf(num, sizeof(num), "%d", r->attention);
        bs_csv_add_field(&sb, num, 1);
        bs_csv_add_field(&sb, r->issue, 0);
        if (r->page)
            snprintf(num, sizeof(num), "%d", r->page);
        bs_csv_add_field(&sb, r->page ? num : "", 0);
        bs_csv_add_field(&sb, r->status, 0);
        snprintf(num, sizeof(num), "%d", r->articles);
        bs_csv_add_field(&sb, num, 0);
        if (r->conf >= 0)
            snprintf(num, sizeof(num), "%.3f", r->conf);
        bs_csv_add_field(&sb, r->conf >= 0 ? num : "", 0);
        snprintf(num, sizeof(num), "%d", r->pages);
        bs_csv_add_field(&sb, num, 0);
        snprintf(num, sizeof(num), "%d", r->pages_failed);
        bs_csv_add_field(&sb, num, 0);
        bs_csv_add_field(&sb, r->reason, 0);
        bs_strbuf_addch(&sb, '\n');
    }
    return bs_strbuf_detach(&sb);
}

int bs_qc_table_write(bs_qc_table *t, const char *path, bs_error *err)
{
    char *text = bs_qc_table_to_csv(t);
    int rc = bs_write_file_atomic(path, text, strlen(text), err);
    free(text);
    return rc;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int bs_qc_table_read_csv(bs_qc_table *t, const char *path, bs_error *err)
{
    char *text;
    size_t len;
    if (bs_read_file(path, QC_MAX_BYTES, &text, &len, err) != 0)
        return -1;
    bs_csv c;
    bs_csv_record rec = BS_CSV_RECORD_INIT;
    bs_csv_init(&c, text, len);
    int rc = 0, first = 1;
    for (;;) {
        bs_error e = {0};
        int got = bs_csv_next(&c, &rec, &e);
        if (got == 0)
            break;
        if (got < 0) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s: %s", path, e.msg);
            break;
        }
        if (first) {
            first = 0;
            if (rec.nfields == QC_COLUMNS && !strcmp(rec.fields[0], "attention"))
                continue;
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s: not a qc.csv (header '%s')", path,
                              QC_HEADER);
            break;
        }
        long att, page = 0, arts, pages, pf;
        char **f = rec.fields;
        if (rec.nfields != QC_COLUMNS || parse_int(f[0], 0, BS_QC_OK, &att) != 0 ||
            (*f[2] && parse_int(f[2], 1, 100000000, &page) != 0) ||
            parse_int(f[4], 0, 100000000, &arts) != 0 || parse_int(f[6], 0, 100000000, &pages) != 0 ||
            parse_int(f[7], 0, 100000000, &pf) != 0) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%d: malformed qc row", path, rec.line);
            break;
        }
        qc_row *r = add_row(t, (int)att, f[1], (int)page, f[3], f[8]);
        r->articles = (int)arts;
        r->pages = (int)pages;
        r->pages_failed = (int)pf;
        r->conf = *f[5] ? strtod(f[5], NULL) : -1;
    }
    bs_csv_record_release(&rec);
    free(text);
    return rc;
}

size_t bs_qc_table_count(const bs_qc_table *t, int level)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].attention <= level)
            n++;
    return n;
}
