/*
 * article_build.c - drafts of a page's articles: fields, body, briefs and
 * strays; see article_build.h.
 */
#include "article_build.h"

#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "line_kind.h"
#include "strbuf.h"
#include "territory.h"
#include "textnorm.h"
#include "xalloc.h"

/* Briefs in one column are separate items when separated by a white gap
 * of this many body line heights. */
#define BUILD_BRIEF_GAP_LINES 2.0
/* Text regions in one column overlap at least this share of the
 * narrower width. */
#define BUILD_COLUMN_OVERLAP 0.5
/* Pieces of one headline line: line heights within this ratio (one type
 * size; ascenders and descenders vary the boxes), tops within this many
 * line heights, and at most this many line heights apart (a word space is
 * a fraction of one; the gutter between two stories' headlines plus the
 * space their ink leaves is usually more, and the text test decides). */
#define BUILD_PIECE_SIZE_RATIO 1.35
#define BUILD_PIECE_LEVEL_LINES 0.3
#define BUILD_PIECE_GAP_LINES 1.0
/* Article confidence: the mean OCR confidence of its text (or this when
 * unknown), lowered for an article without a headline and for a page
 * whose reading order needed the fallback. */
#define BUILD_CONF_UNKNOWN 0.8f
/* A headless column is the next column of the story beside it when their
 * tops are level within this many body line heights (columns of one block
 * start on the same line; a first line set lower by a subhead is rare)
 * and the gutter between them is at most this many (gutters are one to
 * two line heights; a story beside it is further, past a rule). */
#define BUILD_SIDE_TOP_LINES 1.0
#define BUILD_SIDE_GAP_LINES 3.0
#define BUILD_CONF_NO_TITLE 0.8f
#define BUILD_CONF_FALLBACK 0.9f

bs_article_build_options bs_article_build_options_default(void)
{
    bs_article_build_options o;
    memset(&o, 0, sizeof(o));
    o.para = bs_paragraph_options_default();
    o.brief_gap_lines = BUILD_BRIEF_GAP_LINES;
    return o;
}

/* ---- drafts ----------------------------------------------------------- */

static bs_draft *draft_new(bs_draft_list *l)
{
    BS_ARRAY_GROW(l->d, l->cap, l->n + 1);
    bs_draft *d = &l->d[l->n++];
    memset(d, 0, sizeof(*d));
    d->a.confidence = -1;
    d->first_order = -1;
    return d;
}

static void draft_use(bs_draft *d, const bs_page_text *pt, size_t i)
{
    for (size_t k = 0; k < d->nregions; k++)
        if (d->regions[k] == i)
            return;
    BS_ARRAY_GROW(d->regions, d->regions_cap, d->nregions + 1);
    d->regions[d->nregions++] = i;
    int o = pt->r[i].region->order;
    if (d->first_order < 0 || o < d->first_order)
        d->first_order = o;
}

static void draft_add_para(bs_draft *d, const char *text, size_t region)
{
    bs_article_add_paragraph(&d->a, text);
    BS_ARRAY_GROW(d->para_region, d->para_region_cap, d->a.nparagraphs);
    d->para_region[d->a.nparagraphs - 1] = region;
}

void bs_draft_remove_paragraph(bs_draft *d, size_t k)
{
    if (k >= d->a.nparagraphs)
        return;
    free(d->a.paragraphs[k]);
    size_t rest = d->a.nparagraphs - k - 1;
    memmove(d->a.paragraphs + k, d->a.paragraphs + k + 1, rest * sizeof(char *));
    memmove(d->para_region + k, d->para_region + k + 1, rest * sizeof(size_t));
    d->a.nparagraphs--;
}

static void draft_release(bs_draft *d)
{
    bs_article_release(&d->a);
    free(d->para_region);
    free(d->regions);
    memset(d, 0, sizeof(*d));
}

void bs_draft_list_release(bs_draft_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        draft_release(&l->d[i]);
    free(l->d);
    memset(l, 0, sizeof(*l));
}

/* Append text to *field, joined as one paragraph (sep NULL) or with sep. */
static void field_append(char **field, const char *text, const char *sep,
                         const bs_paragraph_options *po)
{
    if (!text || !text[0])
        return;
    bs_strbuf sb = BS_STRBUF_INIT;
    if (*field && (*field)[0]) {
        bs_strbuf_addstr(&sb, *field);
        if (sep)
            bs_strbuf_addstr(&sb, sep);
    }
    if (sep || sb.len == 0)
        bs_strbuf_addstr(&sb, text);
    else
        bs_paragraph_join(&sb, text, po);
    free(*field);
    *field = bs_strbuf_detach(&sb);
}

static void field_region(char **field, const bs_rtext *rt, bs_line_kind kind, int spaced,
                         const char *sep, const bs_paragraph_options *po)
{
    char *t = bs_rtext_joined(rt, kind, spaced, po);
    field_append(field, t, sep, po);
    free(t);
}

/* Bytes of text that are its byline: the formula opening it ("本报讯(记者
 * 陈立)" before the body), or all of it when the whole paragraph is one
 * (the formula set on a line of its own, "By Jane Doe"); 0 when none. */
static size_t byline_bytes(const char *text, int whole_ok)
{
    size_t cut = bs_byline_prefix(text);
    if (!cut && whole_ok && bs_line_is_byline(text))
        cut = strlen(text);
    return cut;
}

/* The byline out of the first paragraph: a formula opening it, or the
 * whole paragraph when it is one and a paragraph of body follows; the
 * byline keeps its spaces as set. */
static void split_byline_prefix(bs_draft *d, const bs_rtext *first_body,
                                const bs_paragraph_options *po)
{
    if (d->a.nparagraphs == 0 || d->a.byline)
        return;
    char *p0 = d->a.paragraphs[0];
    int whole_ok = d->a.nparagraphs > 1;
    size_t cut = byline_bytes(p0, whole_ok);
    if (!cut)
        return;
    /* The formula as set, spaces kept, from the first paragraph's lines;
     * used when it normalises to the formula found in the text. */
    bs_strbuf sp = BS_STRBUF_INIT;
    if (first_body && first_body->paras.n) {
        const bs_para *p = &first_body->paras.items[0];
        for (size_t l = p->first_line; l < p->first_line + p->nlines && l < first_body->nlines; l++)
            if (first_body->kind[l] == BS_LINE_TEXT)
                bs_paragraph_join(&sp, first_body->spaced[l], po);
    }
    size_t scut = sp.len ? byline_bytes(sp.buf, whole_ok) : 0;
    char *by = NULL;
    if (scut) {
        by = bs_xstrndup(sp.buf, scut);
        char *check = bs_textnorm_line(by, NULL), *want = bs_xstrndup(p0, cut);
        char *want_n = bs_textnorm_line(want, NULL);
        if (strcmp(check, want_n) != 0) {
            free(by);
            by = NULL;
        }
        free(check);
        free(want);
        free(want_n);
    }
    if (!by)
        by = bs_xstrndup(p0, cut);
    bs_strbuf_release(&sp);
    size_t n = strlen(by);
    while (n > 0 && by[n - 1] == ' ')
        by[--n] = '\0';
    field_append(&d->a.byline, by, " ", po);
    free(by);
    if (!p0[cut]) {
        bs_draft_remove_paragraph(d, 0);
        return;
    }
    d->a.paragraphs[0] = bs_xstrdup(p0 + cut);
    free(p0);
}

typedef struct title_line {
    const char *text;
    bs_box box;
    int vertical; /* a column of vertical text */
} title_line;

/* The title from its regions' lines: lines level with each other (a
 * headline line the layout cut into pieces) are read left to right, lines
 * below after them; columns of a vertical headline side by side are read
 * right to left. */
static char *title_from_regions(const bs_page_text *pt, const size_t *regs, size_t n,
                                const bs_paragraph_options *po)
{
    size_t total = 0;
    for (size_t k = 0; k < n; k++)
        total += pt->r[regs[k]].nlines;
    title_line *tl = bs_xmalloc((total ? total : 1) * sizeof(*tl));
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        const bs_rtext *rt = &pt->r[regs[k]];
        for (size_t l = 0; l < rt->nlines; l++)
            if (rt->kind[l] == BS_LINE_TEXT)
                tl[m++] = (title_line){rt->norm[l], rt->region->lines[l].box,
                                       rt->region->direction == BS_DIR_VERTICAL_RL};
    }
    /* Insertion sort: a line goes before another when their middles are
     * less than half a line apart and it is to the left, or when it is
     * higher.  Titles have a handful of lines. */
    for (size_t i = 1; i < m; i++) {
        title_line x = tl[i];
        size_t j = i;
        while (j > 0) {
            const title_line *p = &tl[j - 1];
            int dy = (2 * p->box.y + p->box.h) - (2 * x.box.y + x.box.h);
            int level = abs(dy) < bs_imax(p->box.h, x.box.h);
            int right_to_left = p->vertical && x.vertical;
            int after = !level ? dy > 0 : right_to_left ? p->box.x < x.box.x : p->box.x > x.box.x;
            if (!after)
                break;
            tl[j] = tl[j - 1];
            j--;
        }
        tl[j] = x;
    }
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t i = 0; i < m; i++)
        bs_paragraph_join(&sb, tl[i].text, po);
    free(tl);
    return bs_strbuf_detach(&sb);
}

/* Fill d's fields from its regions (sorted by reading order). */
static void compose(bs_draft *d, bs_page_text *pt, const size_t *regs, size_t n,
                    const bs_article_build_options *opt, bs_issue *issue)
{
    const bs_paragraph_options *po = &opt->para;
    bs_article *a = &d->a;
    const bs_para *prev = NULL;
    size_t prev_region = 0;
    const bs_rtext *first_body = NULL;
    const bs_para *first_para = NULL;
    double conf_sum = 0, conf_w = 0;
    size_t *title = bs_xmalloc((n ? n : 1) * sizeof(*title));
    size_t ntitle = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = regs[k];
        bs_rtext *rt = &pt->r[i];
        draft_use(d, pt, i);
        if (rt->region->conf >= 0 && rt->nchars > 0) {
            conf_sum += rt->region->conf * (double)rt->nchars;
            conf_w += (double)rt->nchars;
        }
        switch (rt->role) {
        case BS_ROLE_HEADLINE:
            title[ntitle++] = i;
            continue;
        case BS_ROLE_CONT_HEAD:
            title[ntitle++] = i;
            field_region(&a->cont_head, rt, BS_LINE_TEXT, 0, NULL, po);
            continue;
        case BS_ROLE_KICKER:
            field_region(&a->kicker, rt, BS_LINE_TEXT, 0, NULL, po);
            continue;
        case BS_ROLE_DECK:
            field_region(&a->deck, rt, BS_LINE_TEXT, 0, NULL, po);
            continue;
        case BS_ROLE_BYLINE:
            field_region(&a->byline, rt, BS_LINE_BYLINE, 1, " ", po);
            field_region(&a->byline, rt, BS_LINE_TEXT, 1, " ", po);
            continue;
        case BS_ROLE_CAPTION: {
            char *t = bs_rtext_joined(rt, BS_LINE_TEXT, 0, po);
            if (t[0])
                bs_article_add_caption(a, t);
            free(t);
            continue;
        }
        default:
            break;
        }
        /* Jump lines, wherever they stand. */
        for (size_t l = 0; l < rt->nlines; l++) {
            if (rt->kind[l] == BS_LINE_JUMP_OUT) {
                bs_article_set(&a->jump_out_line, rt->spaced[l]);
                bs_article_set(&a->jump_out_region, rt->region->id);
            } else if (rt->kind[l] == BS_LINE_JUMP_IN && !a->jump_in_line) {
                bs_article_set(&a->jump_in_line, rt->spaced[l]);
                bs_article_set(&a->jump_in_region, rt->region->id);
            }
        }
        if (rt->role != BS_ROLE_BODY && rt->role != BS_ROLE_UNKNOWN)
            continue;
        field_region(&a->byline, rt, BS_LINE_BYLINE, 1, " ", po);
        if (!first_body && rt->paras.n)
            first_body = rt;
        for (size_t p = 0; p < rt->paras.n; p++) {
            const bs_para *para = &rt->paras.items[p];
            if (bs_line_is_caption(para->text)) {
                bs_article_add_caption(a, para->text);
                continue;
            }
            if (p == 0 && prev && prev_region != i && a->nparagraphs > 0
                && bs_paragraph_can_continue(prev, para)) {
                bs_strbuf sb = BS_STRBUF_INIT;
                bs_strbuf_addstr(&sb, a->paragraphs[a->nparagraphs - 1]);
                bs_paragraph_join(&sb, para->text, po);
                free(a->paragraphs[a->nparagraphs - 1]);
                a->paragraphs[a->nparagraphs - 1] = bs_strbuf_detach(&sb);
                d->joins++;
                if (issue)
                    bs_issue_add_qc(issue, "join", pt->page->number,
                                    "paragraph continued from %s in %s",
                                    pt->r[prev_region].region->id, rt->region->id);
            } else {
                draft_add_para(d, para->text, i);
            }
            if (!first_para)
                first_para = para;
            prev = para;
            prev_region = i;
        }
    }
    if (ntitle) {
        char *t = title_from_regions(pt, title, ntitle, po);
        field_append(&a->title, t, NULL, po);
        free(t);
    }
    free(title);
    d->opens_mid = first_para && first_para->open_start && !a->byline;
    d->ends_mid = prev && prev->open_end && !a->jump_out_line;
    split_byline_prefix(d, first_body, po);
    if (a->jump_in_line) {
        a->continuation = 1;
        if (!a->cont_head && a->title)
            bs_article_set(&a->cont_head, a->title);
    }
    float conf = conf_w > 0 ? (float)(conf_sum / conf_w) : BUILD_CONF_UNKNOWN;
    if (!a->title)
        conf *= BUILD_CONF_NO_TITLE;
    if (opt->reading_order_fallback)
        conf *= BUILD_CONF_FALLBACK;
    a->confidence = conf;
}

/* ---- headline pieces -------------------------------------------------- */

/* Are a (left) and b pieces of one headline line that the layout cut at a
 * word space: level, of one size, a word space or so apart? */
static int level_pieces(const bs_head_group *a, const bs_head_group *b)
{
    float lh = a->lh > b->lh ? a->lh : b->lh;
    float small = a->lh < b->lh ? a->lh : b->lh;
    int gap = b->box.x - bs_box_right(&a->box);
    return a->box.x < b->box.x && lh > 0 && small > 0 && lh <= BUILD_PIECE_SIZE_RATIO * small
           && gap >= -lh / 2 && gap <= BUILD_PIECE_GAP_LINES * lh
           && abs(a->box.y - b->box.y) <= BUILD_PIECE_LEVEL_LINES * lh;
}

static size_t find_root(size_t *root, size_t q)
{
    while (root[q] != q)
        q = root[q] = root[root[q]];
    return q;
}

/* Headline groups that are pieces of one headline line are one story
 * when, besides standing level and close, the text under the left piece
 * runs on into the text under the right one (a paragraph open at the end
 * of the one and at the start of the other): two stories side by side end
 * and start their text with whole paragraphs.  Fills root[] (union-find:
 * each group's representative). */
static void join_headline_pieces(bs_page_text *pt, const bs_head_group *g, size_t ng,
                                 const bs_region_list *lists, const bs_article_build_options *opt,
                                 size_t *root)
{
    for (size_t q = 0; q < ng; q++)
        root[q] = q;
    /* Trial drafts, without QC, for the open ends of each group's text. */
    bs_draft_list trial = {0};
    size_t *dq = bs_xmalloc((ng ? ng : 1) * sizeof(*dq));
    for (size_t q = 0; q < ng; q++) {
        dq[q] = trial.n;
        if (g[q].alive)
            compose(draft_new(&trial), pt, lists[q].v, lists[q].n, opt, NULL);
    }
    for (size_t a = 0; a < ng; a++)
        for (size_t b = 0; b < ng; b++) {
            if (a == b || !g[a].alive || !g[b].alive || !level_pieces(&g[a], &g[b]))
                continue;
            const bs_draft *da = &trial.d[dq[a]], *db = &trial.d[dq[b]];
            /* A continuation head beside another story's headline is no
             * piece of it, whatever its text does. */
            if (!(da->ends_mid && db->opens_mid) || da->a.jump_in_line || db->a.jump_in_line
                || da->a.cont_head || db->a.cont_head)
                continue;
            size_t ra = find_root(root, a), rb = find_root(root, b);
            if (ra != rb)
                root[rb > ra ? rb : ra] = rb > ra ? ra : rb;
        }
    for (size_t q = 0; q < ng; q++)
        root[q] = find_root(root, q);
    free(dq);
    bs_draft_list_release(&trial);
}

/* ---- briefs and strays ------------------------------------------------ */

/* Gap or rule between two consecutive headline-less regions a (earlier)
 * and b that makes b the start of another item. */
static int separated(const bs_page_text *pt, const bs_rtext *a, const bs_rtext *b, double gap_px)
{
    int xov = bs_span_overlap(a->box.x, bs_box_right(&a->box), b->box.x, bs_box_right(&b->box));
    int same_col = xov >= BUILD_COLUMN_OVERLAP * bs_imin(a->box.w, b->box.w);
    if (!same_col)
        return 0;
    const bs_rtext *up = a->box.y <= b->box.y ? a : b;
    const bs_rtext *down = up == a ? b : a;
    if (down->box.y - bs_box_bottom(&up->box) > gap_px)
        return 1;
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *r = &pt->r[i];
        if (bs_rtext_is_hrule(r) && r->box.y >= bs_box_bottom(&up->box) - r->box.h
            && bs_box_bottom(&r->box) <= down->box.y + r->box.h
            && bs_span_overlap(r->box.x, bs_box_right(&r->box), down->box.x,
                               bs_box_right(&down->box))
                   > 0)
            return 1;
    }
    return 0;
}

static double box_dist(const bs_box *a, const bs_box *b)
{
    int dx = bs_imax(0, bs_imax(a->x - bs_box_right(b), b->x - bs_box_right(a)));
    int dy = bs_imax(0, bs_imax(a->y - bs_box_bottom(b), b->y - bs_box_bottom(a)));
    return (double)dx * dx + (double)dy * dy;
}

/* Index of the draft nearest to box (by its regions), or l->n; skip is a
 * draft not to consider (l->n: none). */
static size_t nearest_draft(const bs_draft_list *l, const bs_page_text *pt, const bs_box *box,
                            size_t skip)
{
    size_t best = l->n;
    double best_d = 0;
    for (size_t k = 0; k < l->n; k++)
        for (size_t r = 0; r < l->d[k].nregions && k != skip; r++) {
            const bs_rtext *rt = &pt->r[l->d[k].regions[r]];
            if (rt->role == BS_ROLE_CAPTION || rt->role == BS_ROLE_PHOTO)
                continue;
            double dd = box_dist(box, &rt->box);
            if (best == l->n || dd < best_d) {
                best = k;
                best_d = dd;
            }
        }
    return best;
}

/* Add a stray region (photo, caption, lone jump line) to draft d. */
static void attach(bs_draft *d, bs_page_text *pt, size_t i, const bs_paragraph_options *po)
{
    bs_rtext *rt = &pt->r[i];
    bs_article *a = &d->a;
    draft_use(d, pt, i);
    if (rt->role == BS_ROLE_CAPTION) {
        char *t = bs_rtext_joined(rt, BS_LINE_TEXT, 0, po);
        if (t[0])
            bs_article_add_caption(a, t);
        free(t);
    } else if (rt->role == BS_ROLE_JUMP_OUT && !a->jump_out_line) {
        char *t = bs_rtext_joined(rt, BS_LINE_JUMP_OUT, 1, po);
        bs_article_set(&a->jump_out_line, t);
        bs_article_set(&a->jump_out_region, rt->region->id);
        free(t);
    } else if (rt->role == BS_ROLE_JUMP_IN && !a->jump_in_line) {
        char *t = bs_rtext_joined(rt, BS_LINE_JUMP_IN, 1, po);
        bs_article_set(&a->jump_in_line, t);
        bs_article_set(&a->jump_in_region, rt->region->id);
        a->continuation = 1;
        if (!a->cont_head && a->title)
            bs_article_set(&a->cont_head, a->title);
        free(t);
    }
}

/* A headline-less item holding nothing but captions (a long caption block
 * that reached article building as text) joins the nearest article. */
static void merge_caption_only(bs_draft_list *l, const bs_page_text *pt)
{
    for (size_t k = 0; k < l->n;) {
        bs_draft *d = &l->d[k];
        if (d->a.title || d->a.nparagraphs || !d->a.ncaptions) {
            k++;
            continue;
        }
        size_t best = l->n;
        double best_d = 0;
        for (size_t r = 0; r < d->nregions; r++) {
            size_t t = nearest_draft(l, pt, &pt->r[d->regions[r]].box, k);
            if (t == l->n)
                continue;
            double dd = 1e300;
            for (size_t q = 0; q < l->d[t].nregions; q++) {
                double x = box_dist(&pt->r[d->regions[r]].box, &pt->r[l->d[t].regions[q]].box);
                if (x < dd)
                    dd = x;
            }
            if (best == l->n || dd < best_d) {
                best = t;
                best_d = dd;
            }
        }
        if (best == l->n) {
            k++;
            continue;
        }
        bs_draft *to = &l->d[best];
        for (size_t c = 0; c < d->a.ncaptions; c++)
            bs_article_add_caption(&to->a, d->a.captions[c]);
        for (size_t r = 0; r < d->nregions; r++)
            draft_use(to, pt, d->regions[r]);
        draft_release(d);
        memmove(l->d + k, l->d + k + 1, (l->n - k - 1) * sizeof(*l->d));
        l->n--;
    }
}

/* The headline group whose story the run starting at region first goes
 * on with, or -1.  The region prev just before it in reading order belongs
 * to a story (taker) and does not end in a jump line, first stands in the
 * next column (to the right, or lower in the same column), and either
 *   - prev ends in the middle of a sentence with a full last line and
 *     first's opening line is flush left (no indent): a paragraph cut by a
 *     column break; or
 *   - first is the next column of prev's block: its top level with prev's
 *     (within BUILD_SIDE_TOP_LINES body lines) and its left edge within
 *     BUILD_SIDE_GAP_LINES body lines of prev's right edge, as the columns
 *     of one story stand under a photo or past its headline's columns.
 * A brief or a story of its own starts after a closed sentence, with an
 * indent, and lower or higher than its neighbour's columns. */
static long continued_story(const bs_page_text *pt, const long *taker, size_t prev, size_t first)
{
    const bs_rtext *a = &pt->r[prev], *b = &pt->r[first];
    if (taker[prev] < 0 || a->role != BS_ROLE_BODY || b->role != BS_ROLE_BODY || !a->paras.n
        || !b->paras.n)
        return -1;
    /* A story that jumps stops in mid-sentence at its jump line. */
    for (size_t l = 0; l < a->nlines; l++)
        if (a->kind[l] == BS_LINE_JUMP_OUT)
            return -1;
    /* The next column is to the right (or, mirrored, of a right-to-left
     * page) or further down the same column. */
    int next_column = b->box.x >= a->box.x + a->box.w / 2
                      || (bs_span_overlap(a->box.x, bs_box_right(&a->box), b->box.x,
                                          bs_box_right(&b->box)) > 0
                          && b->box.y >= bs_box_bottom(&a->box) - a->line_height);
    if (!next_column)
        return -1;
    const bs_para *pa = &a->paras.items[a->paras.n - 1], *pb = &b->paras.items[0];
    if (pa->text && !bs_line_ends_sentence(pa->text) && bs_paragraph_can_continue(pa, pb))
        return taker[prev];
    double lh = pt->body_height > 0 ? pt->body_height : (a->line_height > 0 ? a->line_height : 1);
    int side_gap = b->box.x - bs_box_right(&a->box);
    if (abs(b->box.y - a->box.y) <= BUILD_SIDE_TOP_LINES * lh && side_gap >= 0
        && side_gap <= BUILD_SIDE_GAP_LINES * lh)
        return taker[prev];
    return -1;
}

void bs_article_build(bs_page_text *pt, const bs_article_build_options *opt, bs_issue *issue,
                      bs_draft_list *out)
{
    bs_article_build_options def = bs_article_build_options_default();
    if (!opt)
        opt = &def;
    memset(out, 0, sizeof(*out));
    bs_territory terr;
    bs_territory_build(pt, &terr);
    bs_head_group *g = terr.g;
    size_t ng = terr.ng;
    const int *owner = terr.owner;
    /* One list of regions per headline group, then per brief. */
    bs_region_list *lists = bs_xcalloc(ng ? ng : 1, sizeof(*lists));
    for (size_t q = 0; q < ng; q++) {
        if (!g[q].alive)
            continue;
        for (size_t t = 0; t < g[q].kicker.n; t++)
            bs_region_list_push(&lists[q], g[q].kicker.v[t]);
        for (size_t t = 0; t < g[q].title.n; t++)
            bs_region_list_push(&lists[q], g[q].title.v[t]);
    }
    for (size_t i = 0; i < pt->n; i++)
        if (owner[i] >= 0)
            bs_region_list_push(&lists[owner[i]], i);

    for (size_t q = 0; q < ng; q++)
        bs_page_text_sort(pt, lists[q].v, lists[q].n);
    size_t *root = bs_xmalloc((ng ? ng : 1) * sizeof(*root));
    join_headline_pieces(pt, g, ng, lists, opt, root);
    /* The headline group (its root) that takes each region, -1 none. */
    long *taker = bs_xmalloc((pt->n ? pt->n : 1) * sizeof(*taker));
    for (size_t i = 0; i < pt->n; i++)
        taker[i] = owner[i] >= 0 ? (long)root[owner[i]] : -1;

    /* Headline-less text: briefs, continued tops, strays.  A run that
     * goes on with the paragraph a story's region left cut just before it
     * in reading order (the story's text runs on under a photo or past
     * its headline's columns: an L-shaped story) joins that story. */
    bs_region_list seq = {0}, cur = {0}, strays = {0};
    bs_region_list *runs = NULL;
    size_t nruns = 0, runs_cap = 0;
    for (size_t i = 0; i < pt->n; i++) {
        bs_role r = pt->r[i].role;
        if (pt->r[i].nchars > 0 && (bs_territory_ownable(r) || r == BS_ROLE_HEADLINE)
            && r != BS_ROLE_PHOTO && r != BS_ROLE_CAPTION)
            bs_region_list_push(&seq, i);
    }
    bs_page_text_sort(pt, seq.v, seq.n);
    double gap_px = opt->brief_gap_lines * (pt->body_height > 0 ? pt->body_height : 1);
    size_t last = 0, cur_start = 0;
    int closed = 0;
    for (size_t k = 0; k <= seq.n; k++) {
        size_t i = k < seq.n ? seq.v[k] : 0;
        int taken = k < seq.n && (owner[i] >= 0 || pt->r[i].role == BS_ROLE_HEADLINE);
        int flush = k == seq.n || taken;
        if (!flush && cur.n > 0) {
            const bs_rtext *rt = &pt->r[i];
            int opens = rt->role == BS_ROLE_BYLINE || rt->role == BS_ROLE_JUMP_IN
                        || (rt->nlines && rt->kind[0] == BS_LINE_BYLINE);
            flush = closed || opens || separated(pt, &pt->r[last], rt, gap_px);
        }
        if (flush && cur.n > 0) {
            int text = 0;
            for (size_t c = 0; c < cur.n; c++)
                text |= pt->r[cur.v[c]].role != BS_ROLE_JUMP_OUT
                        && pt->r[cur.v[c]].role != BS_ROLE_JUMP_IN;
            long into = cur_start > 0 ? continued_story(pt, taker, seq.v[cur_start - 1], cur.v[0]) : -1;
            if (text && into >= 0) {
                for (size_t c = 0; c < cur.n; c++) {
                    bs_region_list_push(&lists[into], cur.v[c]);
                    taker[cur.v[c]] = into;
                }
                if (issue)
                    bs_issue_add_qc(issue, "join", pt->page->number,
                                    "headless text %s continues the story cut in %s",
                                    pt->r[cur.v[0]].region->id,
                                    pt->r[seq.v[cur_start - 1]].region->id);
            } else if (text) {
                BS_ARRAY_GROW(runs, runs_cap, nruns + 1);
                runs[nruns] = cur;
                memset(&cur, 0, sizeof(cur));
                nruns++;
            } else {
                for (size_t c = 0; c < cur.n; c++)
                    bs_region_list_push(&strays, cur.v[c]);
            }
            cur.n = 0;
        }
        if (k == seq.n || taken)
            continue;
        if (cur.n == 0)
            cur_start = k;
        bs_region_list_push(&cur, i);
        last = i;
        closed = pt->r[i].role == BS_ROLE_JUMP_OUT;
    }
    free(cur.v);
    free(seq.v);
    free(taker);

    for (size_t q = 0; q < ng; q++) {
        if (!g[q].alive || root[q] != q)
            continue;
        /* The group and the pieces joined to it, in reading order. */
        bs_region_list all = {0};
        size_t members = 0;
        for (size_t k = 0; k < ng; k++)
            if (g[k].alive && root[k] == q) {
                members++;
                for (size_t t = 0; t < lists[k].n; t++)
                    bs_region_list_push(&all, lists[k].v[t]);
            }
        bs_page_text_sort(pt, all.v, all.n);
        bs_draft *d = draft_new(out);
        compose(d, pt, all.v, all.n, opt, issue);
        if (members > 1 && issue)
            bs_issue_add_qc(issue, "join", pt->page->number,
                            "%zu headline pieces on one line read as one headline: %s", members,
                            d->a.title ? d->a.title : "");
        free(all.v);
        if (members == 1 && d->a.nparagraphs == 0 && d->a.ncaptions == 0
            && bs_territory_is_label(&terr, q)) {
            /* A label over other stories ("本地快讯" over briefs). */
            for (size_t t = 0; t < g[q].title.n; t++)
                pt->r[g[q].title.v[t]].role = BS_ROLE_SECTION;
            draft_release(d);
            out->n--;
        }
    }
    free(root);
    for (size_t r = 0; r < nruns; r++) {
        compose(draft_new(out), pt, runs[r].v, runs[r].n, opt, issue);
        free(runs[r].v);
    }
    free(runs);

    /* Lone jump lines, then photos and captions nobody owns: to the
     * nearest article (a caption is nearest to its photo's article). */
    for (size_t i = 0; i < pt->n; i++) {
        bs_role r = pt->r[i].role;
        if (owner[i] < 0 && (r == BS_ROLE_PHOTO || (r == BS_ROLE_CAPTION && pt->r[i].nchars > 0)))
            bs_region_list_push(&strays, i);
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < strays.n; s++) {
            size_t i = strays.v[s];
            if ((pt->r[i].role == BS_ROLE_CAPTION) != pass)
                continue;
            size_t target = nearest_draft(out, pt, &pt->r[i].box, out->n);
            if (target == out->n) {
                if (pt->r[i].role != BS_ROLE_CAPTION)
                    continue;
                draft_new(out);
                target = out->n - 1;
            }
            attach(&out->d[target], pt, i, &opt->para);
        }
    free(strays.v);
    merge_caption_only(out, pt);

    for (size_t q = 0; q < ng; q++)
        free(lists[q].v);
    free(lists);
    bs_territory_release(&terr);
}

/* ---- commit ----------------------------------------------------------- */

size_t bs_draft_commit(bs_draft_list *l, bs_page_text *pt, bs_issue *issue)
{
    /* Reading order of articles: by their first region. */
    for (size_t i = 1; i < l->n; i++) {
        bs_draft x = l->d[i];
        size_t j = i;
        while (j > 0 && l->d[j - 1].first_order > x.first_order) {
            l->d[j] = l->d[j - 1];
            j--;
        }
        l->d[j] = x;
    }
    size_t added = 0;
    for (size_t k = 0; k < l->n; k++) {
        bs_draft *d = &l->d[k];
        if (!d->a.title && d->a.nparagraphs == 0 && d->a.ncaptions == 0)
            continue;
        bs_page_text_sort(pt, d->regions, d->nregions);
        bs_article *a = bs_issue_add_article(issue);
        char *id = a->id;
        *a = d->a;
        a->id = id;
        memset(&d->a, 0, sizeof(d->a));
        int idx = (int)(issue->narticles - 1);
        for (size_t r = 0; r < d->nregions; r++) {
            bs_rtext *rt = &pt->r[d->regions[r]];
            bs_article_add_region(a, pt->page->number, rt->region->id);
            rt->region->article = idx;
        }
        added++;
    }
    bs_draft_list_release(l);
    return added;
}
