/*
 * report.c - the QC report of an issue; see report.h.
 *
 * The page overlay is an <svg> laid over the page picture with the page's
 * own pixel coordinates as its viewBox, so region boxes from the model are
 * drawn as they are, at any zoom, and the picture can be scaled down
 * without recomputing a single coordinate.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "output.h"
#include "page_image.h"
#include "strbuf.h"
#include "svg_chart.h"
#include "xalloc.h"
#include "xml_escape.h"

/* JPEG quality for page pictures and crops: text stays legible at 75 and
 * files stay around 150 kB per page. */
#define REPORT_JPEG_QUALITY 75
/* Article crops are at most this wide (px): readable beside the text. */
#define REPORT_CROP_WIDTH 600
/* How many entries the "look at these first" list shows. */
#define REPORT_LOOK_FIRST_MAX 10
/* Problem and repair lists longer than this start folded. */
#define REPORT_LIST_OPEN_MAX 40
/* Distinct colours for articles; neighbours on a page rarely share one. */
static const char *const article_colours[] = {
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
    "#f032e6", "#9a6324", "#469990", "#808000", "#000075", "#bfef45",
};
#define N_COLOURS (sizeof(article_colours) / sizeof(article_colours[0]))

bs_report_options bs_report_options_default(void)
{
    bs_report_options o;
    memset(&o, 0, sizeof(o));
    o.thresholds = bs_qc_thresholds_default();
    o.image_limits = bs_image_limits_default();
    o.page_width = BS_REPORT_PAGE_WIDTH_DEFAULT;
    return o;
}

static const char *colour_of(int article)
{
    return article >= 0 ? article_colours[(size_t)article % N_COLOURS] : "#888888";
}

static int write_jpeg(PIX *pix, const char *path, bs_error *err)
{
    l_uint8 *data = NULL;
    size_t size = 0;
    if (pixWriteMemJpeg(&data, &size, pix, REPORT_JPEG_QUALITY, 0) != 0 || !data)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot encode JPEG", path);
    int rc = bs_write_file_atomic(path, data, size, err);
    lept_free(data);
    return rc;
}

static PIX *scale_to_width(PIX *pix, int width)
{
    int w = pixGetWidth(pix);
    if (w <= width)
        return pixClone(pix);
    return pixScale(pix, (float)width / (float)w, (float)width / (float)w);
}

static const char *css =
    "body{font-family:sans-serif;margin:1em 2em;color:#222}"
    "h1,h2,h3{margin:.6em 0 .3em}"
    "table{border-collapse:collapse;font-size:90%}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
    "td.l,th.l{text-align:left}"
    ".flag{color:#b00}"
    ".ok{color:#070}"
    ".page-view{position:relative;display:inline-block;border:1px solid #999;max-width:100%}"
    ".page-view img{display:block;width:100%;height:auto}"
    ".page-view svg.overlay{position:absolute;left:0;top:0;width:100%;height:100%}"
    ".region{fill-opacity:.08;stroke-width:4}"
    ".region.photo,.region.rule{stroke-dasharray:12 8}"
    ".rlabel{font-size:28px;paint-order:stroke;stroke:#fff;stroke-width:6px;font-weight:bold}"
    ".order{stroke-width:3;fill:none;marker-end:url(#arrow)}"
    ".lowconf{fill:#f00;fill-opacity:.25;stroke:none}"
    ".jump{stroke:#d00;stroke-width:5;stroke-dasharray:16 8;fill:none}"
    ".jlabel{font-size:34px;fill:#d00;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:6px}"
    ".article{border-top:2px solid #ccc;margin-top:1em;padding-top:.5em}"
    ".article .crops img{max-width:600px;border:1px solid #ccc;margin:4px;vertical-align:top}"
    ".article .text p{max-width:50em}"
    ".swatch{display:inline-block;width:1em;height:1em;vertical-align:middle;margin-right:.3em}"
    "svg.chart{border:1px solid #ddd;margin:4px}"
    "svg.chart .bar{fill:#4363d8}svg.chart .bar.warn{fill:#e6194b}"
    "svg.chart .bar-label{font-size:10px;text-anchor:middle}"
    "svg.chart .chart-title{font-size:12px}";

static void add_text(bs_strbuf *sb, const char *s)
{
    bs_xml_escape(sb, s ? s : "", 0);
}

static void add_flags_cell(bs_strbuf *sb, char **flags, size_t n)
{
    bs_strbuf_addstr(sb, "<td class=\"l\">");
    if (!n)
        bs_strbuf_addstr(sb, "<span class=\"ok\">ok</span>");
    for (size_t i = 0; i < n; i++) {
        bs_strbuf_addstr(sb, "<div class=\"flag\">");
        add_text(sb, flags[i]);
        bs_strbuf_addstr(sb, "</div>");
    }
    bs_strbuf_addstr(sb, "</td>");
}

static bs_region *find_region(const bs_issue *issue, int page_number, const char *id)
{
    const bs_page *p = bs_issue_find_page(issue, page_number);
    return p && id ? bs_page_find_region(p, id) : NULL;
}

static void box_centre(bs_box b, double *x, double *y)
{
    *x = b.x + b.w / 2.0;
    *y = b.y + b.h / 2.0;
}

/* The SVG overlay of one page. */
static void page_overlay(bs_strbuf *sb, const bs_issue *issue, const bs_page *p,
                         const bs_qc_thresholds *t)
{
    int w = p->width > 0 ? p->width : 1, h = p->height > 0 ? p->height : 1;
    bs_strbuf_addf(sb, "<svg class=\"overlay\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                       "preserveAspectRatio=\"none\">",
                   w, h);
    for (size_t r = 0; r < p->nregions; r++) {
        const bs_region *reg = &p->regions[r];
        const char *col = colour_of(reg->article);
        bs_strbuf_addf(sb, "<rect class=\"region %s\" data-region=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
                           "height=\"%d\" fill=\"%s\" stroke=\"%s\"><title>",
                       bs_role_name(reg->role), reg->id, reg->box.x, reg->box.y, reg->box.w, reg->box.h,
                       col, col);
        bs_strbuf_addf(sb, "%s %s", reg->id, bs_role_name(reg->role));
        if (reg->article >= 0 && (size_t)reg->article < issue->narticles)
            bs_strbuf_addf(sb, " article %s", issue->articles[reg->article].id);
        bs_strbuf_addstr(sb, "</title></rect>");
        bs_strbuf_addf(sb, "<text class=\"rlabel\" x=\"%d\" y=\"%d\" fill=\"%s\">", reg->box.x + 6,
                       reg->box.y + 30, col);
        if (reg->order >= 0)
            bs_strbuf_addf(sb, "%d ", reg->order + 1);
        bs_strbuf_addf(sb, "%s</text>", bs_role_name(reg->role));
        for (size_t l = 0; l < reg->nlines; l++)
            for (size_t k = 0; k < reg->lines[l].nwords; k++) {
                const bs_word *wd = &reg->lines[l].words[k];
                if (wd->conf >= 0 && wd->conf < t->low_conf_word)
                    bs_strbuf_addf(sb, "<rect class=\"lowconf\" x=\"%d\" y=\"%d\" width=\"%d\" "
                                       "height=\"%d\"/>",
                                   wd->box.x, wd->box.y, wd->box.w, wd->box.h);
            }
    }
    /* Reading order inside each article: arrows between consecutive regions
     * of the article on this page. */
    for (size_t a = 0; a < issue->narticles; a++) {
        const bs_article *art = &issue->articles[a];
        for (size_t k = 0; k < art->nparts; k++) {
            const bs_article_part *part = &art->parts[k];
            if (part->page != p->number)
                continue;
            for (size_t i = 1; i < part->nregions; i++) {
                bs_region *r0 = bs_page_find_region(p, part->regions[i - 1]);
                bs_region *r1 = bs_page_find_region(p, part->regions[i]);
                if (!r0 || !r1)
                    continue;
                double x0, y0, x1, y1;
                box_centre(r0->box, &x0, &y0);
                box_centre(r1->box, &x1, &y1);
                bs_strbuf_addf(sb, "<line class=\"order\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
                                   "stroke=\"%s\"/>",
                               x0, y0, x1, y1, colour_of((int)a));
            }
        }
        /* Jump links: from the jump-out line to the page edge, labelled and
         * linked to the continuation's page. */
        for (size_t j = 0; j < art->njumps; j++) {
            const bs_jump *jp = &art->jumps[j];
            int here_out = jp->from_page == p->number, here_in = jp->to_page == p->number;
            if (!here_out && !here_in)
                continue;
            const char *rid = here_out ? jp->out_region : jp->in_region;
            bs_region *reg = rid ? bs_page_find_region(p, rid) : NULL;
            double x, y;
            if (reg)
                box_centre(reg->box, &x, &y);
            else {
                x = w / 2.0;
                y = here_out ? h - 60.0 : 60.0;
            }
            int other = here_out ? jp->to_page : jp->from_page;
            bs_strbuf_addf(sb, "<a href=\"#page-%d\"><line class=\"jump\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" "
                               "y2=\"%.0f\"/><text class=\"jlabel\" x=\"%.0f\" y=\"%.0f\">%s p.%d (%s)</text></a>",
                           other, x, y, x, here_out ? (double)h - 10 : 10.0, x + 10,
                           here_out ? y + 40 : y - 20, here_out ? "continued on" : "continued from", other,
                           art->id);
        }
    }
    bs_strbuf_addstr(sb, "</svg>");
}

static void stage_cells(bs_strbuf *sb, const double *seconds)
{
    for (int s = 0; s < BS_STAGE_COUNT; s++)
        bs_strbuf_addf(sb, "<td>%.2f</td>", seconds[s]);
}

static void fmt_measure(bs_strbuf *sb, double v, int percent)
{
    if (v < 0)
        bs_strbuf_addstr(sb, "<td>–</td>");
    else if (percent)
        bs_strbuf_addf(sb, "<td>%.1f%%</td>", v * 100);
    else
        bs_strbuf_addf(sb, "<td>%.2f</td>", v);
}

typedef struct attention_entry {
    double attention;
    int is_page;
    size_t index;
} attention_entry;

static int by_attention_desc(const void *a, const void *b)
{
    const attention_entry *x = a, *y = b;
    if (x->attention != y->attention)
        return x->attention < y->attention ? 1 : -1;
    if (x->is_page != y->is_page)
        return y->is_page - x->is_page;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The pages and articles a person should open first, worst first. */
static void look_first(bs_strbuf *sb, const bs_qc *qc)
{
    size_t n = 0;
    attention_entry *e = bs_xcalloc(qc->npages + qc->narticles + 1, sizeof(*e));
    for (size_t i = 0; i < qc->npages; i++)
        if (qc->pages[i].attention > 0)
            e[n++] = (attention_entry){qc->pages[i].attention, 1, i};
    for (size_t i = 0; i < qc->narticles; i++)
        if (qc->articles[i].attention > 0)
            e[n++] = (attention_entry){qc->articles[i].attention, 0, i};
    qsort(e, n, sizeof(*e), by_attention_desc);
    bs_strbuf_addstr(sb, "<h3>Look at these first</h3>");
    if (!n)
        bs_strbuf_addstr(sb, "<p class=\"ok\">Nothing is flagged.</p>");
    bs_strbuf_addstr(sb, "<ol id=\"look-first\">");
    for (size_t i = 0; i < n && i < REPORT_LOOK_FIRST_MAX; i++) {
        char **flags;
        size_t nflags;
        if (e[i].is_page) {
            const bs_qc_page *p = &qc->pages[e[i].index];
            bs_strbuf_addf(sb, "<li><a href=\"#page-%d\">page %d</a>: ", p->number, p->number);
            flags = p->flags;
            nflags = p->nflags;
        } else {
            const bs_qc_article *a = &qc->articles[e[i].index];
            bs_strbuf_addf(sb, "<li><a href=\"#article-%s\">article %s</a> ", a->id, a->id);
            add_text(sb, a->title ? a->title : "");
            bs_strbuf_addstr(sb, ": ");
            flags = a->flags;
            nflags = a->nflags;
        }
        for (size_t f = 0; f < nflags; f++) {
            if (f)
                bs_strbuf_addstr(sb, "; ");
            add_text(sb, flags[f]);
        }
        bs_strbuf_addstr(sb, "</li>");
    }
    bs_strbuf_addstr(sb, "</ol>\n");
    free(e);
}

static void summary(bs_strbuf *sb, const bs_issue *issue, const bs_qc *qc)
{
    bs_strbuf_addstr(sb, "<h2>Summary</h2><p>");
    bs_strbuf_addf(sb, "%zu pages, %zu articles, %zu repairs, %zu problems; attention score %.2f.",
                   issue->npages, issue->narticles, qc->nrepairs, qc->nproblems, qc->attention);
    bs_strbuf_addstr(sb, "</p>\n");
    look_first(sb, qc);
    double hist[BS_QC_HIST_BINS];
    char labels[BS_QC_HIST_BINS][8];
    const char *lp[BS_QC_HIST_BINS];
    int warn[BS_QC_HIST_BINS];
    for (int i = 0; i < BS_QC_HIST_BINS; i++) {
        hist[i] = qc->conf_hist[i];
        snprintf(labels[i], sizeof(labels[i]), "%.1f", (double)i / BS_QC_HIST_BINS);
        lp[i] = labels[i];
        warn[i] = (double)(i + 1) / BS_QC_HIST_BINS <= 0.6;
    }
    bs_svg_bar_chart(sb, "Word confidence (words per 0.1 bin)", hist, lp, warn, BS_QC_HIST_BINS);
    size_t n = qc->npages;
    double *att = bs_xcalloc(n ? n : 1, sizeof(double));
    char **pl = bs_xcalloc(n ? n : 1, sizeof(char *));
    int *pw = bs_xcalloc(n ? n : 1, sizeof(int));
    for (size_t i = 0; i < n; i++) {
        att[i] = (double)qc->pages[i].nflags;
        pl[i] = bs_xmalloc(16);
        snprintf(pl[i], 16, "p%d", qc->pages[i].number);
        pw[i] = qc->pages[i].nflags > 0;
    }
    bs_svg_bar_chart(sb, "Flags per page", att, (const char *const *)pl, pw, n);
    for (size_t i = 0; i < n; i++)
        free(pl[i]);
    free(pl);
    free(pw);
    free(att);

    bs_strbuf_addstr(sb, "<h3>Pages</h3><table id=\"pages-table\"><tr><th>page</th><th>words</th>"
                         "<th>mean conf</th><th>low conf</th><th>dictionary</th><th>garbage lines</th>"
                         "<th>skew °</th><th>regions</th><th>articles</th>");
    for (int s = 0; s < BS_STAGE_COUNT; s++)
        bs_strbuf_addf(sb, "<th>%s s</th>", bs_stage_name((bs_stage)s));
    bs_strbuf_addstr(sb, "<th class=\"l\">flags</th></tr>\n");
    for (size_t i = 0; i < qc->npages; i++) {
        const bs_qc_page *p = &qc->pages[i];
        bs_strbuf_addf(sb, "<tr><td><a href=\"#page-%d\">%d</a></td><td>%d</td>", p->number, p->number,
                       p->nwords);
        fmt_measure(sb, p->mean_conf, 0);
        fmt_measure(sb, p->nwords ? p->low_share : -1, 1);
        fmt_measure(sb, p->dict_hit, 1);
        fmt_measure(sb, p->nlines ? p->garbage_share : -1, 1);
        bs_strbuf_addf(sb, "<td>%.2f</td><td>%d</td><td>%d</td>", p->skew_deg, p->nregions, p->narticles);
        stage_cells(sb, p->seconds);
        add_flags_cell(sb, p->flags, p->nflags);
        bs_strbuf_addstr(sb, "</tr>\n");
    }
    bs_strbuf_addstr(sb, "</table>\n");

    bs_strbuf_addstr(sb, "<h3>Articles</h3><table id=\"articles-table\"><tr><th>article</th>"
                         "<th class=\"l\">title</th><th>pages</th><th>characters</th><th>confidence</th>"
                         "<th>dictionary</th><th class=\"l\">flags</th></tr>\n");
    for (size_t i = 0; i < qc->narticles; i++) {
        const bs_qc_article *a = &qc->articles[i];
        bs_strbuf_addf(sb, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>"
                           "<a href=\"#article-%s\">%s</a></td><td class=\"l\">",
                       colour_of((int)i), a->id, a->id);
        add_text(sb, a->title ? a->title : "(no headline)");
        bs_strbuf_addstr(sb, "</td><td>");
        for (size_t k = 0; k < a->npages; k++)
            bs_strbuf_addf(sb, "%s%d", k ? ", " : "", a->pages[k]);
        bs_strbuf_addf(sb, "</td><td>%zu</td>", a->chars);
        fmt_measure(sb, a->confidence, 0);
        fmt_measure(sb, a->dict_hit, 1);
        add_flags_cell(sb, a->flags, a->nflags);
        bs_strbuf_addstr(sb, "</tr>\n");
    }
    bs_strbuf_addstr(sb, "</table>\n");
}

static void item_list(bs_strbuf *sb, const char *title, const char *id, const bs_qc_item *items,
                      size_t n)
{
    /* Long lists stay folded so the pages remain one scroll away. */
    bs_strbuf_addf(sb, "<details id=\"%s\"%s><summary><h2 style=\"display:inline\">%s (%zu)</h2>"
                       "</summary><ul>\n",
                   id, n <= REPORT_LIST_OPEN_MAX ? " open" : "", title, n);
    for (size_t i = 0; i < n; i++) {
        bs_strbuf_addstr(sb, "<li>");
        if (items[i].page)
            bs_strbuf_addf(sb, "<a href=\"#page-%d\">p.%d</a> ", items[i].page, items[i].page);
        bs_strbuf_addstr(sb, "<b>");
        add_text(sb, items[i].kind);
        bs_strbuf_addstr(sb, "</b>: ");
        add_text(sb, items[i].detail);
        bs_strbuf_addstr(sb, "</li>\n");
    }
    bs_strbuf_addstr(sb, "</ul></details>\n");
}

/* Union of the boxes of a part's regions. */
static bs_box part_box(const bs_issue *issue, const bs_article_part *part)
{
    bs_box u = {0, 0, 0, 0};
    for (size_t i = 0; i < part->nregions; i++) {
        bs_region *r = find_region(issue, part->page, part->regions[i]);
        if (r)
            u = bs_box_union(u, r->box);
    }
    return u;
}

/* Names of the pictures written into one folder of the report (owned
 * strings), so that those an earlier report left and this one did not
 * write can be removed; bs_output_remove_stale sorts v in place. */
typedef struct name_list {
    char **v;
    size_t n, cap;
} name_list;

static void name_list_add(name_list *l, const char *name)
{
    BS_ARRAY_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = bs_xstrdup(name);
}

static void name_list_release(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* Every picture of the report is a .jpg of its own folders. */
static int is_jpeg_name(const char *n)
{
    size_t len = strlen(n);
    return len > 4 && !strcmp(n + len - 4, ".jpg");
}

/* One article's section; its crops are written into reportdir/crops and
 * their file names added to crops.  err (may be NULL) receives the first
 * crop that could not be written. */
static void article_section(bs_strbuf *sb, const bs_issue *issue, size_t ai, PIX **page_pix,
                            const char *reportdir, name_list *crops, bs_error *err)
{
    const bs_article *a = &issue->articles[ai];
    bs_strbuf_addf(sb, "<div class=\"article\" id=\"article-%s\"><h3><span class=\"swatch\" "
                       "style=\"background:%s\"></span>%s: ",
                   a->id, colour_of((int)ai), a->id);
    add_text(sb, a->title ? a->title : "(no headline)");
    bs_strbuf_addstr(sb, "</h3>");
    if (a->kicker) {
        bs_strbuf_addstr(sb, "<div><i>kicker:</i> ");
        add_text(sb, a->kicker);
        bs_strbuf_addstr(sb, "</div>");
    }
    if (a->deck) {
        bs_strbuf_addstr(sb, "<div><i>deck:</i> ");
        add_text(sb, a->deck);
        bs_strbuf_addstr(sb, "</div>");
    }
    if (a->byline) {
        bs_strbuf_addstr(sb, "<div><i>byline:</i> ");
        add_text(sb, a->byline);
        bs_strbuf_addstr(sb, "</div>");
    }
    for (size_t j = 0; j < a->njumps; j++) {
        bs_strbuf_addf(sb, "<div><i>jump:</i> <a href=\"#page-%d\">p.%d</a> → <a href=\"#page-%d\">p.%d</a> ",
                       a->jumps[j].from_page, a->jumps[j].from_page, a->jumps[j].to_page,
                       a->jumps[j].to_page);
        add_text(sb, a->jumps[j].out_text);
        bs_strbuf_addstr(sb, " / ");
        add_text(sb, a->jumps[j].in_text);
        bs_strbuf_addstr(sb, "</div>");
    }
    bs_strbuf_addstr(sb, "<div class=\"crops\">");
    for (size_t k = 0; k < a->nparts; k++) {
        const bs_article_part *part = &a->parts[k];
        bs_box b = part_box(issue, part);
        size_t pi = 0;
        while (pi < issue->npages && issue->pages[pi].number != part->page)
            pi++;
        if (bs_box_empty(b) || pi == issue->npages || !page_pix[pi])
            continue;
        BOX *lb = boxCreate(b.x, b.y, b.w, b.h);
        PIX *crop = pixClipRectangle(page_pix[pi], lb, NULL);
        boxDestroy(&lb);
        if (!crop)
            continue;
        PIX *small = scale_to_width(crop, REPORT_CROP_WIDTH);
        pixDestroy(&crop);
        char name[96];
        snprintf(name, sizeof(name), "crops/%s-%zu.jpg", a->id, k + 1);
        char *path = bs_path_join(reportdir, name);
        bs_error e = {0};
        if (small && write_jpeg(small, path, &e) == 0) {
            name_list_add(crops, name + strlen("crops/"));
            bs_strbuf_addf(sb, "<img src=\"%s\" alt=\"%s part %zu, page %d\">", name, a->id, k + 1,
                           part->page);
        } else if (err && !err->code) {
            *err = e;
        }
        free(path);
        pixDestroy(&small);
    }
    bs_strbuf_addstr(sb, "</div><div class=\"text\">");
    for (size_t i = 0; i < a->nparagraphs; i++) {
        bs_strbuf_addstr(sb, "<p>");
        add_text(sb, a->paragraphs[i]);
        bs_strbuf_addstr(sb, "</p>");
    }
    for (size_t i = 0; i < a->ncaptions; i++) {
        bs_strbuf_addstr(sb, "<p><i>caption:</i> ");
        add_text(sb, a->captions[i]);
        bs_strbuf_addstr(sb, "</p>");
    }
    bs_strbuf_addstr(sb, "</div></div>\n");
}

int bs_report_write(const bs_issue *issue, const char *outdir, const bs_report_options *opt,
                    bs_qc **qc_out, bs_error *err)
{
    bs_report_options dflt = bs_report_options_default();
    if (!opt)
        opt = &dflt;
    char *reportdir = bs_path_join(outdir, "report");
    char *pagesdir = bs_path_join(reportdir, "pages");
    char *cropsdir = bs_path_join(reportdir, "crops");
    int rc = bs_mkdir_output(reportdir, err);
    if (rc == 0)
        rc = bs_mkdir_output(pagesdir, err);
    if (rc == 0)
        rc = bs_mkdir_output(cropsdir, err);
    if (rc != 0)
        goto out;

    bs_qc *qc = bs_qc_compute(issue, &opt->thresholds, opt->dict, opt->dict_ctx);
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"mul\"><head><meta charset=\"utf-8\">"
                          "<title>Broadsheet QC report");
    if (issue->id) {
        bs_strbuf_addstr(&sb, ": ");
        add_text(&sb, issue->id);
    }
    bs_strbuf_addf(&sb, "</title><style>%s</style></head><body>\n", css);
    /* The reading-order arrowhead, defined once for every page's overlay
     * (an id may appear only once in a document). */
    bs_strbuf_addstr(&sb, "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
                          "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                          "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">"
                          "<path d=\"M0 0L10 5L0 10z\" fill=\"#333\"/></marker></defs></svg>\n");
    bs_strbuf_addstr(&sb, "<h1>Broadsheet QC report");
    if (issue->id) {
        bs_strbuf_addstr(&sb, ": ");
        add_text(&sb, issue->id);
    }
    bs_strbuf_addstr(&sb, "</h1><p>Read the flags first: pages and articles are listed with what "
                          "needs a person and why. <a href=\"#problems\">Problems</a> · "
                          "<a href=\"#repairs\">Repairs</a> · <a href=\"qc.json\">qc.json</a></p>\n");
    summary(&sb, issue, qc);
    item_list(&sb, "Problems", "problems", qc->problems, qc->nproblems);
    item_list(&sb, "Repairs", "repairs", qc->repairs, qc->nrepairs);

    name_list page_names = {0}, crop_names = {0};
    /* Page pictures, kept in memory for the article crops. */
    PIX **page_pix = bs_xcalloc(issue->npages ? issue->npages : 1, sizeof(PIX *));
    bs_strbuf_addstr(&sb, "<h2>Pages</h2>\n");
    for (size_t i = 0; i < issue->npages; i++) {
        const bs_page *p = &issue->pages[i];
        bs_strbuf_addf(&sb, "<section class=\"page\" id=\"page-%d\"><h3>Page %d", p->number, p->number);
        if (p->label) {
            bs_strbuf_addstr(&sb, " (");
            add_text(&sb, p->label);
            bs_strbuf_addstr(&sb, ")");
        }
        bs_strbuf_addstr(&sb, "</h3>");
        if (p->error) {
            bs_strbuf_addstr(&sb, "<p class=\"flag\">");
            add_text(&sb, p->error);
            bs_strbuf_addstr(&sb, "</p>");
        }
        bs_error ie = {0};
        page_pix[i] = p->error ? NULL : bs_page_image_load(p, opt->image_base_dir, &opt->image_limits, &ie);
        bs_strbuf_addstr(&sb, "<div class=\"page-view\">");
        if (page_pix[i]) {
            PIX *small = scale_to_width(page_pix[i], opt->page_width);
            char name[64];
            snprintf(name, sizeof(name), "pages/p%03d.jpg", p->number);
            char *path = bs_path_join(reportdir, name);
            if (small && write_jpeg(small, path, &ie) == 0) {
                name_list_add(&page_names, name + strlen("pages/"));
                bs_strbuf_addf(&sb, "<img src=\"%s\" alt=\"page %d\">", name, p->number);
            }
            free(path);
            pixDestroy(&small);
        } else if (!p->error) {
            bs_strbuf_addf(&sb, "<div style=\"width:%dpx;height:%dpx\"></div>", opt->page_width,
                           p->width > 0 ? p->height * opt->page_width / p->width : opt->page_width);
        }
        if (!p->error)
            page_overlay(&sb, issue, p, &opt->thresholds);
        bs_strbuf_addstr(&sb, "</div>");
        if (ie.code) {
            bs_strbuf_addstr(&sb, "<p class=\"flag\">picture unavailable: ");
            add_text(&sb, ie.msg);
            bs_strbuf_addstr(&sb, "</p>");
            if (opt->picture_missing) {
                char msg[sizeof(ie.msg) + 32];
                snprintf(msg, sizeof(msg), "page %d: picture left out: %s", p->number, ie.msg);
                opt->picture_missing(opt->picture_ctx, msg);
            }
        }
        bs_strbuf_addstr(&sb, "</section>\n");
    }
    bs_strbuf_addstr(&sb, "<h2>Articles</h2>\n");
    bs_error crop_err = {0};
    for (size_t i = 0; i < issue->narticles; i++)
        article_section(&sb, issue, i, page_pix, reportdir, &crop_names, &crop_err);
    for (size_t i = 0; i < issue->npages; i++)
        pixDestroy(&page_pix[i]);
    free(page_pix);
    bs_strbuf_addstr(&sb, "</body></html>\n");

    char *index = bs_path_join(reportdir, "index.html");
    rc = bs_write_file_atomic(index, sb.buf, sb.len, err);
    free(index);
    bs_strbuf_release(&sb);
    if (rc == 0) {
        char *json = bs_qc_to_json(qc, &opt->thresholds);
        char *path = bs_path_join(reportdir, "qc.json");
        rc = bs_write_file_atomic(path, json, strlen(json), err);
        free(path);
        free(json);
    }
    if (rc == 0) {
        /* Pictures of pages and articles an earlier report had and this
         * one has not (fewer pages, other article ids) would be left
         * unreferenced. */
        bs_output_remove_stale(pagesdir, page_names.v, page_names.n, is_jpeg_name);
        bs_output_remove_stale(cropsdir, crop_names.v, crop_names.n, is_jpeg_name);
    }
    name_list_release(&page_names);
    name_list_release(&crop_names);
    if (qc_out && rc == 0)
        *qc_out = qc;
    else
        bs_qc_free(qc);
out:
    free(reportdir);
    free(pagesdir);
    free(cropsdir);
    return rc;
}
