/*
 * column_split.c - gutters found from word boxes, regions split at them;
 * see column_split.h.
 */
#include "column_split.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "strbuf.h"
#include "textnorm.h"
#include "unicode.h"
#include "xalloc.h"

/* A gutter is at least this many line heights wide: CJK gutters are about
 * one character, Latin ones one to two ems; glyph gaps inside a word box
 * are far narrower and word spaces do not line up. */
#define SPLIT_MIN_GUTTER_LINES 0.5
/* Over a gutter, at most this share of the lines that typically cover an
 * x of the region may have a word: OCR's word boxes for Chinese spill
 * into the gutter and glue marks to words ("”实际"), so a quarter of the
 * lines can reach into a 34 px gutter; inside a column, words cover an x
 * on most lines. */
#define SPLIT_MAX_COVER_SHARE 0.45
/* Each side of a cut must be at least this many line heights wide: a
 * newspaper column holds ten characters or more (CJK; Latin columns are
 * wider still), and the word boxes OCR gives letter-spaced CJK lines
 * leave aligned gaps a few characters into a column.  On the dev sets
 * every wrong cut (45) left a side of under 7 line heights, and each right
 * one (3) sides of 10 or more. */
#define SPLIT_MIN_SIDE_LINES 8.0
/* Regions with fewer text lines are left alone: two lines that happen to
 * leave a common gap say nothing about columns. */
#define SPLIT_MIN_LINES 4
/* Each side must hold words on at least this many lines. */
#define SPLIT_MIN_SIDE_WORD_LINES 2
/* At most this many cuts per region (a four-column block). */
#define SPLIT_MAX_CUTS 3
/* A white channel is the white after punctuation, not a gutter, when more
 * than this share of the lines reaching it from the left end there in a
 * comma, a stop or a colon.  CJK text is set on a grid of square cells:
 * marks in the same cell of a few consecutive lines, each followed by the
 * white half of its cell, line up into a channel as wide as a narrow
 * gutter.  Lines ending at a real gutter end in punctuation one time in
 * five or so. */
#define SPLIT_PUNCT_SHARE 0.5

bs_column_split_options bs_column_split_options_default(void)
{
    bs_column_split_options o;
    o.min_gutter_lines = SPLIT_MIN_GUTTER_LINES;
    o.max_cover_share = SPLIT_MAX_COVER_SHARE;
    o.min_side_lines = SPLIT_MIN_SIDE_LINES;
    o.min_lines = SPLIT_MIN_LINES;
    return o;
}

static int has_text(const bs_line *l)
{
    return l->text && l->text[0];
}

static int splittable(const bs_region *r, size_t min_lines)
{
    if (r->role != BS_ROLE_BODY && r->role != BS_ROLE_UNKNOWN)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        if (!has_text(&r->lines[i]))
            continue;
        if (r->lines[i].nwords == 0)
            return 0;
        n++;
    }
    return n >= min_lines;
}

/* Median height of the text lines. */
static int line_height(const bs_region *r)
{
    int *h = bs_xmalloc((r->nlines ? r->nlines : 1) * sizeof(*h));
    size_t n = 0;
    for (size_t i = 0; i < r->nlines; i++)
        if (has_text(&r->lines[i]))
            h[n++] = r->lines[i].box.h;
    qsort(h, n, sizeof(*h), bs_cmp_int);
    int m = n ? h[n / 2] : 0;
    free(h);
    return m;
}

typedef struct span {
    int a, b;
} span;

static int cmp_span(const void *p, const void *q)
{
    const span *s = p, *t = q;
    return (s->a > t->a) - (s->a < t->a);
}

static int word_has_text(const bs_word *w);

/* Lines with a text word whose centre lies in [lo, hi). */
static size_t lines_with_words(const bs_region *r, int lo, int hi)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const bs_line *l = &r->lines[i];
        for (size_t k = 0; k < l->nwords; k++) {
            if (!word_has_text(&l->words[k]))
                continue;
            int c = l->words[k].box.x + l->words[k].box.w / 2;
            if (c >= lo && c < hi) {
                n++;
                break;
            }
        }
    }
    return n;
}

/* Does the word hold a letter, digit or ideograph?  Marks alone do not
 * count as text over a gutter: OCR reads a column rule as quote marks or
 * bars ("“", "”", "|") on many lines. */
static int word_has_text(const bs_word *w)
{
    const char *s = w->text ? w->text : "";
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = bs_utf8_decode_one(s + i, n - i, &c);
        if (k == 0)
            return 1;
        i += k;
        if (bs_unicode_is_word_char(c))
            return 1;
        if (c >= 0x370 && !bs_textnorm_is_wide(c) && !(c >= 0x2000 && c <= 0x2BFF))
            return 1; /* letters of other scripts */
        if (c >= 0x3040 && c <= 0x30FF)
            return 1; /* kana */
    }
    return 0;
}

/* Does the word end in a mark that stands in the first half of its cell
 * and leaves the rest white (commas, stops, colons)? */
static int ends_in_stop(const bs_word *w)
{
    const char *s = w->text ? w->text : "";
    switch (bs_utf8_last(s, strlen(s), NULL)) {
    case ',': case '.': case ';': case ':': case '!': case '?':
    case 0x3001: case 0x3002: /* 、 。 */
    case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: /* ， ； ： ！ ？ */
        return 1;
    default:
        return 0;
    }
}

/* 1 when the white band [a, b) of r is the white after punctuation: of
 * the lines whose words, left of it, reach within a line height lh of
 * it, more than SPLIT_PUNCT_SHARE end there in a stop mark. */
static int punctuation_channel(const bs_region *r, int a, int b, int lh)
{
    int cut = (a + b) / 2, reach = 0, stops = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const bs_line *l = &r->lines[i];
        const bs_word *last = NULL;
        for (size_t k = 0; k < l->nwords; k++) {
            const bs_word *w = &l->words[k];
            int end = w->box.x + w->box.w;
            if (w->box.w > 0 && w->box.x + w->box.w / 2 < cut && (!last || end > last->box.x + last->box.w))
                last = w;
        }
        if (!last || last->box.x + last->box.w < a - lh)
            continue;
        reach++;
        stops += ends_in_stop(last);
    }
    return reach > 0 && stops > SPLIT_PUNCT_SHARE * reach;
}

/* Gutters of r (page x bands [a, b), ascending); returns how many. */
static size_t find_cuts(const bs_region *r, const bs_column_split_options *opt, span *cuts)
{
    int lh = line_height(r);
    if (lh <= 0)
        return 0;
    int x0 = 0, x1 = 0, first = 1;
    size_t nw = 0;
    for (size_t i = 0; i < r->nlines; i++)
        for (size_t k = 0; k < r->lines[i].nwords; k++) {
            const bs_box *b = &r->lines[i].words[k].box;
            if (b->w <= 0 || !word_has_text(&r->lines[i].words[k]))
                continue;
            if (first || b->x < x0)
                x0 = b->x;
            if (first || b->x + b->w > x1)
                x1 = b->x + b->w;
            first = 0;
            nw++;
        }
    int width = x1 - x0;
    if (first || width <= 0)
        return 0;
    int *diff = bs_xcalloc((size_t)width + 1, sizeof(*diff));
    span *sp = bs_xmalloc((nw ? nw : 1) * sizeof(*sp));
    size_t nl = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const bs_line *l = &r->lines[i];
        size_t n = 0;
        for (size_t k = 0; k < l->nwords; k++) {
            const bs_box *b = &l->words[k].box;
            if (b->w > 0 && word_has_text(&l->words[k]))
                sp[n++] = (span){b->x - x0, b->x + b->w - x0};
        }
        if (n == 0)
            continue;
        nl++;
        qsort(sp, n, sizeof(*sp), cmp_span);
        /* Merge the line's word boxes so a line counts once per x. */
        span cur = sp[0];
        for (size_t k = 1; k <= n; k++) {
            if (k < n && sp[k].a <= cur.b) {
                if (sp[k].b > cur.b)
                    cur.b = sp[k].b;
                continue;
            }
            diff[cur.a]++;
            diff[cur.b]--;
            if (k < n)
                cur = sp[k];
        }
    }
    free(sp);
    /* The gutter is a valley: covered by at most a share of the lines that
     * a column's x typically has (the median coverage over the width). */
    int *cov = bs_xmalloc((size_t)width * sizeof(*cov));
    int run_cover = 0;
    for (int x = 0; x < width; x++) {
        run_cover += diff[x];
        cov[x] = run_cover;
    }
    qsort(cov, (size_t)width, sizeof(*cov), bs_cmp_int);
    int typical = cov[width / 2];
    free(cov);
    int limit = (int)(opt->max_cover_share * (double)typical);
    int min_gap = (int)(opt->min_gutter_lines * lh + 0.5);
    int min_side = (int)(opt->min_side_lines * lh + 0.5);
    size_t ncuts = 0;
    int cover = 0, run = -1, prev_cut = 0;
    for (int x = 0; x <= width && ncuts < SPLIT_MAX_CUTS; x++) {
        if (x < width)
            cover += diff[x];
        int empty = x < width && cover <= limit;
        if (empty && run < 0)
            run = x;
        if (!empty && run >= 0) {
            int a = run, b = x;
            run = -1;
            if (a == 0 || b >= width || b - a < min_gap)
                continue;
            int cut = (a + b) / 2;
            if (cut - prev_cut < min_side || width - cut < min_side)
                continue;
            if (lines_with_words(r, x0 + prev_cut, x0 + cut) < SPLIT_MIN_SIDE_WORD_LINES
                || lines_with_words(r, x0 + cut, x1) < SPLIT_MIN_SIDE_WORD_LINES
                || punctuation_channel(r, x0 + a, x0 + b, lh))
                continue;
            cuts[ncuts++] = (span){x0 + a, x0 + b};
            prev_cut = cut;
        }
    }
    free(diff);
    return ncuts;
}

/* Give region r a unique id if another region already has its id. */
static void unique_id(bs_page *page, size_t idx)
{
    bs_region *r = &page->regions[idx];
    for (int attempt = 0; attempt < 26 * 26; attempt++) {
        int clash = 0;
        for (size_t i = 0; i < page->nregions && !clash; i++)
            clash = i != idx && strcmp(page->regions[i].id, r->id) == 0;
        if (!clash)
            return;
        snprintf(r->id, sizeof(r->id), "p%dr%zus%c%c", page->number, idx + 1, 'a' + attempt / 26,
                 'a' + attempt % 26);
    }
}

/* Is word w kept in part [lo, hi)?  Its centre must lie there, and a
 * word of marks alone inside a gutter is the column rule read as text. */
static int word_in_part(const bs_word *w, int lo, int hi, const span *gut, size_t ng)
{
    int c = w->box.x + w->box.w / 2;
    if (c < lo || c >= hi)
        return 0;
    if (!word_has_text(w))
        for (size_t g = 0; g < ng; g++)
            if (c >= gut[g].a && c < gut[g].b)
                return 0;
    return 1;
}

/* Move line l's words of part [lo, hi) into a new line of r. */
static void add_part_line(bs_region *r, const bs_line *l, int lo, int hi, const span *gut,
                          size_t ng)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_box box = {0, 0, 0, 0};
    double conf = 0;
    size_t n = 0;
    for (size_t k = 0; k < l->nwords; k++) {
        const bs_word *w = &l->words[k];
        if (!word_in_part(w, lo, hi, gut, ng))
            continue;
        if (n)
            bs_strbuf_addch(&sb, ' '); /* textnorm drops it between CJK */
        bs_strbuf_addstr(&sb, w->text ? w->text : "");
        box = n ? bs_box_union(box, w->box) : w->box;
        conf += w->conf;
        n++;
    }
    if (n == 0) {
        bs_strbuf_release(&sb);
        return;
    }
    bs_line *nl = bs_region_add_line(r, sb.buf, box, (float)(conf / (double)n));
    for (size_t k = 0; k < l->nwords; k++) {
        const bs_word *w = &l->words[k];
        if (word_in_part(w, lo, hi, gut, ng))
            bs_line_add_word(nl, w->text, w->box, w->conf);
    }
    bs_strbuf_release(&sb);
}

static void fit_box(bs_region *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        r->box = i ? bs_box_union(r->box, r->lines[i].box) : r->lines[i].box;
}

size_t bs_column_split_page(bs_page *page, const bs_column_split_options *opt, char *ids,
                            size_t idsz)
{
    bs_column_split_options def = bs_column_split_options_default();
    if (!opt)
        opt = &def;
    if (ids && idsz)
        ids[0] = '\0';
    size_t split = 0;
    size_t n0 = page->nregions; /* new regions are not re-examined */
    for (size_t idx = 0; idx < n0; idx++) {
        if (!splittable(&page->regions[idx], opt->min_lines))
            continue;
        span cuts[SPLIT_MAX_CUTS];
        size_t nc = find_cuts(&page->regions[idx], opt, cuts);
        if (nc == 0)
            continue;
        /* Take the old lines; part 0 refills the region in place. */
        bs_region *r = &page->regions[idx];
        bs_line *old = r->lines;
        size_t nold = r->nlines;
        r->lines = NULL;
        r->nlines = r->lines_cap = 0;
        for (size_t p = 0; p <= nc; p++) {
            int lo = p == 0 ? INT_MIN : (cuts[p - 1].a + cuts[p - 1].b) / 2;
            int hi = p == nc ? INT_MAX : (cuts[p].a + cuts[p].b) / 2;
            size_t target = idx;
            if (p > 0) {
                const bs_region *src = &page->regions[idx];
                bs_role role = src->role;
                bs_direction dir = src->direction;
                float conf = src->conf;
                bs_page_add_region(page, role, src->box);
                target = page->nregions - 1;
                page->regions[target].direction = dir;
                page->regions[target].conf = conf;
                unique_id(page, target);
            }
            bs_region *t = &page->regions[target];
            for (size_t i = 0; i < nold; i++)
                add_part_line(t, &old[i], lo, hi, cuts, nc);
            fit_box(t);
        }
        for (size_t i = 0; i < nold; i++)
            bs_line_release(&old[i]);
        free(old);
        if (ids && idsz) {
            size_t len = strlen(ids);
            if (len + strlen(page->regions[idx].id) + 3 < idsz)
                snprintf(ids + len, idsz - len, "%s%s", len ? ", " : "", page->regions[idx].id);
        }
        split++;
    }
    return split;
}
