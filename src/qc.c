/*
 * qc.c - quality-check measures and flags; see qc.h.
 *
 * Attention score: each flag adds 1, scaled up by how far the measure is
 * past its threshold (a page at 0.40 mean confidence needs a person more
 * than one at 0.74), and a failed page adds BS_QC_FAILED_WEIGHT, so
 * sorting by attention puts failures first, then the worst pages.
 */
#include "qc.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "issue_json.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* A failed page outweighs any number of soft flags on a readable page. */
#define BS_QC_FAILED_WEIGHT 100.0
/* A line is garbage when fewer than this share of its visible characters
 * are letters or digits: OCR of pictures, rules and noise gives runs of
 * punctuation and symbols ("|‘、 ·.:"), while real text, even in tables,
 * is mostly letters and digits. */
#define BS_QC_GARBAGE_LETTER_SHARE 0.5
/* Lines shorter than this many visible characters are not judged: a page
 * number or a lone bracket is not garbage. */
#define BS_QC_GARBAGE_MIN_CHARS 3
/* Articles with fewer body characters than this are likely orphan
 * fragments cut off from their story (a headline-less scrap). */
#define BS_QC_ORPHAN_MAX_CHARS 40

bs_qc_thresholds bs_qc_thresholds_default(void)
{
    bs_qc_thresholds t;
    t.low_conf_word = 0.60;      /* Tesseract LSTM: under 60 most words are wrong */
    t.page_mean_conf_min = 0.75; /* clean newsprint reads at 0.85-0.95 */
    t.page_low_share_max = 0.15;
    t.garbage_share_max = 0.10;
    /* Clean Chinese news pages measure 0.76-0.87 (words of two or more
     * characters cover most but never all characters), English 0.99. */
    t.dict_hit_min = 0.60;
    t.skew_max_deg = 1.5;        /* deskew copes, but such scans often warp too */
    t.article_conf_min = 0.70;
    return t;
}

int bs_qc_thresholds_load(bs_qc_thresholds *t, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    static const struct {
        const char *key;
        size_t offset;
    } keys[] = {
        {"low_conf_word", offsetof(bs_qc_thresholds, low_conf_word)},
        {"page_mean_conf_min", offsetof(bs_qc_thresholds, page_mean_conf_min)},
        {"page_low_share_max", offsetof(bs_qc_thresholds, page_low_share_max)},
        {"garbage_share_max", offsetof(bs_qc_thresholds, garbage_share_max)},
        {"dict_hit_min", offsetof(bs_qc_thresholds, dict_hit_min)},
        {"skew_max_deg", offsetof(bs_qc_thresholds, skew_max_deg)},
        {"article_conf_min", offsetof(bs_qc_thresholds, article_conf_min)},
    };
    /* Lines of any length (a long comment is still a comment). */
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    int rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char key[64];
        double value;
        char extra[2];
        char *p = line;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p)
            continue;
        if (sscanf(p, "%63[a-z_] = %lf %1s", key, &value, extra) != 2 || !isfinite(value)) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%d: expected 'key = number'", path, lineno);
            break;
        }
        size_t k;
        for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
            if (strcmp(keys[k].key, key) == 0)
                break;
        if (k == sizeof(keys) / sizeof(keys[0])) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%d: unknown threshold '%s'", path, lineno, key);
            break;
        }
        *(double *)((char *)t + keys[k].offset) = value;
    }
    /* A directory opens but does not read (EISDIR): not a settings file. */
    if (rc == 0 && ferror(f))
        rc = bs_error_set(err, BS_ERR_IO, "%s: read error: %s", path, strerror(errno));
    free(line);
    fclose(f);
    return rc;
}

static void add_flag(char ***flags, size_t *n, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add_flag(char ***flags, size_t *n, size_t *cap, const char *fmt, ...)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bs_strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    BS_ARRAY_GROW(*flags, *cap, *n + 1);
    (*flags)[(*n)++] = bs_strbuf_detach(&sb);
}

static void add_item(bs_qc_item **items, size_t *n, size_t *cap, const char *kind, int page,
                     const char *detail)
{
    BS_ARRAY_GROW(*items, *cap, *n + 1);
    bs_qc_item *it = &(*items)[(*n)++];
    it->kind = bs_xstrdup(kind);
    it->page = page;
    it->detail = bs_xstrdup(detail ? detail : "");
}

/* How far value is past limit, as a factor >= 1 (for attention). */
static double excess(double value, double limit, int below_is_bad)
{
    double d = below_is_bad ? limit - value : value - limit;
    double scale = fabs(limit) > 1e-9 ? fabs(limit) : 1.0;
    return 1.0 + (d > 0 ? d / scale : 0);
}

static int line_is_garbage(const char *text)
{
    size_t n = strlen(text), i = 0, visible = 0, letters = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k) {
            i++;
            visible++; /* undecodable bytes count as visible non-letters */
            continue;
        }
        i += k;
        if (bs_unicode_is_space(cp))
            continue;
        visible++;
        if (bs_unicode_is_word_char(cp))
            letters++;
    }
    if (visible < BS_QC_GARBAGE_MIN_CHARS)
        return 0;
    return (double)letters / (double)visible < BS_QC_GARBAGE_LETTER_SHARE;
}

static int is_repair(const char *kind)
{
    static const char *const repairs[] = {"join", "reorder", "duplicate_removed", "correction",
                                          "dehyphenate", "stitch", "role_assigned", "ocr_reread",
                                          "printed_lines"};
    for (size_t i = 0; i < sizeof(repairs) / sizeof(repairs[0]); i++)
        if (strcmp(kind, repairs[i]) == 0)
            return 1;
    return 0;
}

static void measure_page(bs_qc *qc, const bs_issue *issue, const bs_page *p, bs_qc_page *qp,
                         const bs_qc_thresholds *t, bs_qc_dict_fn dict, void *dict_ctx)
{
    qp->number = p->number;
    qp->error = bs_xstrdup(p->error);
    qp->nregions = (int)p->nregions;
    qp->skew_deg = p->skew_deg + 0.0; /* no "-0.00" for a page found straight */
    memcpy(qp->seconds, p->seconds, sizeof(qp->seconds));
    double conf_sum = 0;
    int low = 0, garbage = 0;
    bs_strbuf all = BS_STRBUF_INIT;
    for (size_t r = 0; r < p->nregions; r++) {
        const bs_region *reg = &p->regions[r];
        for (size_t l = 0; l < reg->nlines; l++) {
            const bs_line *ln = &reg->lines[l];
            qp->nlines++;
            garbage += line_is_garbage(ln->text);
            bs_strbuf_addstr(&all, ln->text);
            bs_strbuf_addch(&all, '\n');
            for (size_t w = 0; w < ln->nwords; w++) {
                float c = ln->words[w].conf;
                if (c < 0)
                    continue;
                qp->nwords++;
                conf_sum += c;
                low += c < t->low_conf_word;
                int bin = (int)(c * BS_QC_HIST_BINS);
                qc->conf_hist[bin < 0 ? 0 : bin >= BS_QC_HIST_BINS ? BS_QC_HIST_BINS - 1 : bin]++;
            }
        }
    }
    for (size_t a = 0; a < issue->narticles; a++)
        for (size_t k = 0; k < issue->articles[a].nparts; k++)
            if (issue->articles[a].parts[k].page == p->number) {
                qp->narticles++;
                break;
            }
    qp->mean_conf = qp->nwords ? conf_sum / qp->nwords : -1;
    qp->low_share = qp->nwords ? (double)low / qp->nwords : 0;
    qp->garbage_share = qp->nlines ? (double)garbage / qp->nlines : 0;
    qp->dict_hit = dict && all.len ? dict(dict_ctx, all.buf) : -1;
    bs_strbuf_release(&all);

    double att = 0;
    if (qp->error) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "page failed: %s", qp->error);
        att += BS_QC_FAILED_WEIGHT;
    } else if (qp->nlines == 0) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "no text found");
        att += excess(0, 1, 1);
    }
    if (qp->mean_conf >= 0 && qp->mean_conf < t->page_mean_conf_min) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "low mean confidence %.2f (< %.2f)",
                 qp->mean_conf, t->page_mean_conf_min);
        att += excess(qp->mean_conf, t->page_mean_conf_min, 1);
    }
    if (qp->low_share > t->page_low_share_max) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "%.0f%% low-confidence words (> %.0f%%)",
                 qp->low_share * 100, t->page_low_share_max * 100);
        att += excess(qp->low_share, t->page_low_share_max, 0);
    }
    if (qp->garbage_share > t->garbage_share_max) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "%.0f%% garbage lines (> %.0f%%)",
                 qp->garbage_share * 100, t->garbage_share_max * 100);
        att += excess(qp->garbage_share, t->garbage_share_max, 0);
    }
    if (qp->dict_hit >= 0 && qp->dict_hit < t->dict_hit_min) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "dictionary hit rate %.2f (< %.2f)",
                 qp->dict_hit, t->dict_hit_min);
        att += excess(qp->dict_hit, t->dict_hit_min, 1);
    }
    if (fabs(qp->skew_deg) > t->skew_max_deg) {
        add_flag(&qp->flags, &qp->nflags, &qp->flags_cap, "skew %.2f° (> %.1f°)", qp->skew_deg,
                 t->skew_max_deg);
        att += excess(fabs(qp->skew_deg), t->skew_max_deg, 0);
    }
    qp->attention = att;
}

static void measure_article(const bs_article *a, bs_qc_article *qa, const bs_qc_thresholds *t,
                            bs_qc_dict_fn dict, void *dict_ctx)
{
    qa->id = bs_xstrdup(a->id);
    qa->title = bs_xstrdup(a->title);
    qa->npages = bs_article_pages(a, qa->pages, sizeof(qa->pages) / sizeof(qa->pages[0]));
    char *text = bs_article_text(a);
    qa->chars = bs_utf8_count(text);
    qa->confidence = a->confidence;
    qa->dict_hit = dict && *text ? dict(dict_ctx, text) : -1;
    free(text);
    double att = 0;
    if (!a->title || !*a->title) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "no headline");
        att += 1;
    }
    if (qa->chars < BS_QC_ORPHAN_MAX_CHARS) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "orphan fragment (%zu characters)",
                 qa->chars);
        att += 1;
    }
    if (a->confidence >= 0 && a->confidence < t->article_conf_min) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "low confidence %.2f (< %.2f)",
                 (double)a->confidence, t->article_conf_min);
        att += excess(a->confidence, t->article_conf_min, 1);
    }
    if (qa->dict_hit >= 0 && qa->dict_hit < t->dict_hit_min) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "dictionary hit rate %.2f (< %.2f)",
                 qa->dict_hit, t->dict_hit_min);
        att += excess(qa->dict_hit, t->dict_hit_min, 1);
    }
    if (a->jump_out_line && a->njumps == 0) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "jump not matched: %s", a->jump_out_line);
        att += 1;
    }
    if (a->continuation && a->njumps == 0) {
        add_flag(&qa->flags, &qa->nflags, &qa->flags_cap, "continuation without its start");
        att += 1;
    }
    qa->attention = att;
}

bs_qc *bs_qc_compute(const bs_issue *issue, const bs_qc_thresholds *t, bs_qc_dict_fn dict,
                     void *dict_ctx)
{
    bs_qc *qc = bs_xcalloc(1, sizeof(*qc));
    qc->npages = issue->npages;
    qc->pages = bs_xcalloc(issue->npages ? issue->npages : 1, sizeof(bs_qc_page));
    for (size_t i = 0; i < issue->npages; i++) {
        measure_page(qc, issue, &issue->pages[i], &qc->pages[i], t, dict, dict_ctx);
        if (qc->pages[i].attention > qc->attention)
            qc->attention = qc->pages[i].attention;
        for (size_t f = 0; f < qc->pages[i].nflags; f++)
            add_item(&qc->problems, &qc->nproblems, &qc->problems_cap, "page", qc->pages[i].number,
                     qc->pages[i].flags[f]);
    }
    qc->narticles = issue->narticles;
    qc->articles = bs_xcalloc(issue->narticles ? issue->narticles : 1, sizeof(bs_qc_article));
    for (size_t i = 0; i < issue->narticles; i++) {
        bs_qc_article *qa = &qc->articles[i];
        measure_article(&issue->articles[i], qa, t, dict, dict_ctx);
        if (qa->attention > qc->attention)
            qc->attention = qa->attention;
        for (size_t f = 0; f < qa->nflags; f++) {
            bs_strbuf sb = BS_STRBUF_INIT;
            bs_strbuf_addf(&sb, "%s%s%s: %s", qa->id, qa->title ? " " : "", qa->title ? qa->title : "",
                           qa->flags[f]);
            add_item(&qc->problems, &qc->nproblems, &qc->problems_cap, "article",
                     qa->npages ? qa->pages[0] : 0, sb.buf);
            bs_strbuf_release(&sb);
        }
    }
    for (size_t i = 0; i < issue->nunmatched; i++) {
        const bs_unmatched_jump *u = &issue->unmatched[i];
        bs_strbuf sb = BS_STRBUF_INIT;
        bs_strbuf_addf(&sb, "jump-%s \"%s\"%s%s: %s", u->direction ? u->direction : "?",
                       u->text ? u->text : "", u->region ? " in " : "", u->region ? u->region : "",
                       u->reason ? u->reason : "unmatched");
        add_item(&qc->problems, &qc->nproblems, &qc->problems_cap, "unmatched_jump", u->page, sb.buf);
        bs_strbuf_release(&sb);
    }
    for (size_t i = 0; i < issue->nqc; i++) {
        const bs_qc_event *e = &issue->qc[i];
        if (is_repair(e->kind))
            add_item(&qc->repairs, &qc->nrepairs, &qc->repairs_cap, e->kind, e->page, e->detail);
        else if (strcmp(e->kind, "page_failed") != 0) /* failed pages are listed via their flags */
            add_item(&qc->problems, &qc->nproblems, &qc->problems_cap, e->kind, e->page, e->detail);
    }
    return qc;
}

static void free_flags(char **flags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(flags[i]);
    free(flags);
}

static void free_items(bs_qc_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].kind);
        free(items[i].detail);
    }
    free(items);
}

void bs_qc_free(bs_qc *qc)
{
    if (!qc)
        return;
    for (size_t i = 0; i < qc->npages; i++) {
        free(qc->pages[i].error);
        free_flags(qc->pages[i].flags, qc->pages[i].nflags);
    }
    free(qc->pages);
    for (size_t i = 0; i < qc->narticles; i++) {
        free(qc->articles[i].id);
        free(qc->articles[i].title);
        free_flags(qc->articles[i].flags, qc->articles[i].nflags);
    }
    free(qc->articles);
    free_items(qc->repairs, qc->nrepairs);
    free_items(qc->problems, qc->nproblems);
    free(qc);
}

static json_t *num_or_null(double v)
{
    return v < 0 ? json_null() : bs_json_rounded(v, 1000);
}

static json_t *flags_json(char **flags, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(flags[i]));
    return a;
}

static json_t *items_json(const bs_qc_item *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:i,s:s}", "kind", items[i].kind, "page",
                                           items[i].page, "detail", items[i].detail));
    return a;
}

char *bs_qc_to_json(const bs_qc *qc, const bs_qc_thresholds *t)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("broadsheet-qc/1"));
    json_object_set_new(root, "attention", bs_json_rounded(qc->attention, 1000));
    json_t *th = json_object();
    json_object_set_new(th, "low_conf_word", json_real(t->low_conf_word));
    json_object_set_new(th, "page_mean_conf_min", json_real(t->page_mean_conf_min));
    json_object_set_new(th, "page_low_share_max", json_real(t->page_low_share_max));
    json_object_set_new(th, "garbage_share_max", json_real(t->garbage_share_max));
    json_object_set_new(th, "dict_hit_min", json_real(t->dict_hit_min));
    json_object_set_new(th, "skew_max_deg", json_real(t->skew_max_deg));
    json_object_set_new(th, "article_conf_min", json_real(t->article_conf_min));
    json_object_set_new(root, "thresholds", th);
    json_t *hist = json_array();
    for (int i = 0; i < BS_QC_HIST_BINS; i++)
        json_array_append_new(hist, json_integer(qc->conf_hist[i]));
    json_object_set_new(root, "confidence_histogram", hist);
    json_t *pages = json_array();
    for (size_t i = 0; i < qc->npages; i++) {
        const bs_qc_page *p = &qc->pages[i];
        json_t *o = json_object();
        json_object_set_new(o, "page", json_integer(p->number));
        json_object_set_new(o, "error", p->error ? json_string(p->error) : json_null());
        json_object_set_new(o, "words", json_integer(p->nwords));
        json_object_set_new(o, "lines", json_integer(p->nlines));
        json_object_set_new(o, "regions", json_integer(p->nregions));
        json_object_set_new(o, "articles", json_integer(p->narticles));
        json_object_set_new(o, "mean_conf", num_or_null(p->mean_conf));
        json_object_set_new(o, "low_conf_share", bs_json_rounded(p->low_share, 1000));
        json_object_set_new(o, "dict_hit_rate", num_or_null(p->dict_hit));
        json_object_set_new(o, "garbage_share", bs_json_rounded(p->garbage_share, 1000));
        json_object_set_new(o, "skew_deg", bs_json_rounded(p->skew_deg, 1000));
        json_t *secs = json_object();
        for (int s = 0; s < BS_STAGE_COUNT; s++)
            json_object_set_new(secs, bs_stage_name((bs_stage)s),
                                bs_json_rounded(p->seconds[s], 1e4));
        json_object_set_new(o, "seconds", secs);
        json_object_set_new(o, "attention", bs_json_rounded(p->attention, 1000));
        json_object_set_new(o, "flags", flags_json(p->flags, p->nflags));
        json_array_append_new(pages, o);
    }
    json_object_set_new(root, "pages", pages);
    json_t *arts = json_array();
    for (size_t i = 0; i < qc->narticles; i++) {
        const bs_qc_article *a = &qc->articles[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(a->id));
        json_object_set_new(o, "title", a->title ? json_string(a->title) : json_null());
        json_t *pg = json_array();
        for (size_t k = 0; k < a->npages; k++)
            json_array_append_new(pg, json_integer(a->pages[k]));
        json_object_set_new(o, "pages", pg);
        json_object_set_new(o, "chars", json_integer((json_int_t)a->chars));
        json_object_set_new(o, "confidence", num_or_null(a->confidence));
        json_object_set_new(o, "dict_hit_rate", num_or_null(a->dict_hit));
        json_object_set_new(o, "attention", bs_json_rounded(a->attention, 1000));
        json_object_set_new(o, "flags", flags_json(a->flags, a->nflags));
        json_array_append_new(arts, o);
    }
    json_object_set_new(root, "articles", arts);
    json_object_set_new(root, "repairs", items_json(qc->repairs, qc->nrepairs));
    json_object_set_new(root, "problems", items_json(qc->problems, qc->nproblems));
    char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(root);
    if (!s)
        abort(); /* only on allocation failure: strings come from valid UTF-8 */
    char *out = bs_xstrdup(s);
    free(s);
    return out;
}
