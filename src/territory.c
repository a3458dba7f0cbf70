/*
 * territory.c - headline groups, their territories and the regions they
 * own; see territory.h.
 */
#include "territory.h"

#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "line_kind.h"
#include "xalloc.h"

/* Headline blocks whose line heights are within this ratio are one
 * headline when stacked (OCR line boxes of one type size differ by a
 * fifth with ascenders and descenders; decks and kickers are set at half
 * to two thirds of the headline, though OCR's boxes can make a kicker look
 * within 30% of it); a block smaller than 1/ratio is a deck (below) or a
 * kicker (above). */
#define TERR_SAME_SIZE_RATIO 1.25
/* Stacked headline blocks are one headline when the gap between them is
 * under this many of their line heights (a line gap, not white space). */
#define TERR_STACK_GAP_LINES 0.8
/* ...but a block set below the headline with a gap over TERR_TITLE_LINE_GAP
 * of the line height (headline leading is 10-40 percent) and under
 * TERR_TITLE_LINE_RATIO of its size is its deck, and one above it as far
 * and as much smaller its kicker: lines of one headline are of one size,
 * within a few percent of OCR's line boxes ("更好造福兩國人民", 46 px under
 * a 50 px headline, 34 px apart; "關注民生", 49 px, 35 px over 57 px). */
#define TERR_TITLE_LINE_GAP 0.6
#define TERR_TITLE_LINE_RATIO 0.95
/* A "kicker" the layout named is the headline's first line when their line
 * heights are this close and it is set like one (two lines or more, or
 * flush with the headline and half as wide or more): a real kicker is set
 * clearly smaller, short and often centred, and the layout's word is
 * trusted over the looser stacking ratio above. */
#define TERR_KICKER_AS_TITLE_RATIO 1.15
/* A kicker given by the layout stands at most this many headline line
 * heights above its headline (a line gap or two; more is another story's
 * end). */
#define TERR_KICKER_GAP_LINES 2.0
/* Something "level with" a headline overlaps at least this share of the
 * headline's height; less is the top of a column touching its bottom. */
#define TERR_LEVEL_OVERLAP 0.5
/* A headline may reach this share of its line height below the top of a
 * region it owns (boxes of adjacent blocks overlap a little). */
#define TERR_ABOVE_TOL 0.5
/* A headline's territory must cover this share of a region's width for
 * the headline to own it (a column straddling two territories goes to the
 * one holding most of it), and another headline or rule cutting across
 * this share of it separates it from headlines further up (less is a rule
 * or headline ending just inside the column's edge). */
#define TERR_OWN_COVER 0.5
#define TERR_BLOCK_COVER 0.3
/* Headline candidates within this many body line heights of the nearest
 * one count as level (side-by-side headlines are seldom aligned to the
 * pixel), and the one covering more of the region wins. */
#define TERR_LEVEL_LINES 1.0
/* Text regions in one column overlap at least this share of the
 * narrower width (columns of one grid overlap fully, neighbours by a
 * gutter's slop at most). */
#define TERR_COLUMN_OVERLAP 0.5
/* Decks: within this many headline line heights under it, at most this
 * many lines and characters (a subtitle, not a paragraph), set at least
 * this much larger than body text (decks are a size or more above body;
 * line boxes of one size vary by a few percent), or centred within this
 * share of the headline's width. */
#define TERR_DECK_GAP_LINES 1.5
#define TERR_DECK_MAX_LINES 3
#define TERR_DECK_MAX_CHARS 120
#define TERR_DECK_SIZE_RATIO 1.08
#define TERR_DECK_CENTRE_TOL 0.05
/* A byline within this many body line heights under a block makes it the
 * deck (bylines follow the deck directly, with at most a line of space). */
#define TERR_DECK_BYLINE_GAP_LINES 2.0
/* Kickers: one line of at most this many characters (a label: "新春走基
 *层", "NEWS ANALYSIS"), within this many headline line heights above it
 * (set tight on the headline; further up is the story above). */
#define TERR_KICKER_MAX_CHARS 24
#define TERR_KICKER_NEAR_LINES 0.5
/* A headline with no text of its own and other headlines within this many
 * of its line heights below is a section label (the label, a rule and the
 * first brief's headline fit in three). */
#define TERR_SECTION_GAP_LINES 3.0
/* A side column starts within this many headline line heights of the
 * top of its story (it is set flush with the kicker or headline; a column
 * starting lower is under another headline). */
#define TERR_SIDE_LEVEL_LINES 0.5
/* A further side column starts at most this many body line heights right
 * of the one before (a gutter is one to two). */
#define TERR_SIDE_GAP_LINES 2.5
/* The columns of a story headed by a vertical headline start within
 * this many body line heights above and below the headline's top.  Below:
 * 2.3 lines on the generated vertical fold (a deck's or a kicker's worth);
 * on the 1939 issue the aca of the whole issue was 0.159 at 1.5 lines,
 * 0.165 at 3, 0.175 at 5, 0.168 at 8 and 0.143 at 12 (from 8 on, columns
 * of the story below are taken too). */
#define TERR_VSIDE_ABOVE_LINES 0.5
#define TERR_VSIDE_BELOW_LINES 5.0
/* A headline set flush left over its story's first column (a text block
 * starting within TERR_FLUSH_TOL body line heights of its left edge, at
 * most TERR_FLUSH_BELOW_LINES of its line heights under it: a deck and a
 * byline fit in between) has no leftward reach: only a centred headline
 * stands over columns to the left of its ink, and the white left of a
 * flush one belongs to the story beside it, whose headline is shorter
 * than its columns. */
#define TERR_FLUSH_TOL 0.5
/* Text starting at least this many headline line heights above the
 * headline's bottom starts beside it (less is box slop: a few pixels).
 * A column starting a third of a line above the foot of a one-line
 * headline (1191 against 1156-1225) is beside it. */
#define TERR_BESIDE_LINES 0.25
/* The same on vertical pages (right to left, boxes mirrored), where the
 * regions of the vertical layout are cut from projection profiles rather
 * than OCR line boxes and stand up to half a headline line proud: on the
 * real 1939 pages (tools/ecpo-eval) 0.25 cost a point of aca. */
#define TERR_BESIDE_LINES_VERTICAL 0.5
#define TERR_FLUSH_BELOW_LINES 3.0
/* Centred: the middle of the headline within this many body line heights
 * of the middle of the text under it (a gutter's width of slop). */
#define TERR_CENTRED_TOL 1.5

void bs_region_list_push(bs_region_list *l, size_t i)
{
    BS_ARRAY_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = i;
}

static int is_furniture(bs_role r)
{
    return r == BS_ROLE_MASTHEAD || r == BS_ROLE_DATELINE || r == BS_ROLE_RUNNING_HEAD
           || r == BS_ROLE_FOLIO || r == BS_ROLE_SECTION || r == BS_ROLE_ADVERT;
}

int bs_territory_ownable(bs_role r)
{
    return r == BS_ROLE_BODY || r == BS_ROLE_UNKNOWN || r == BS_ROLE_DECK || r == BS_ROLE_BYLINE
           || r == BS_ROLE_CAPTION || r == BS_ROLE_PHOTO || r == BS_ROLE_JUMP_OUT
           || r == BS_ROLE_JUMP_IN;
}

static void group_add(bs_head_group *g, const bs_rtext *rt, size_t i)
{
    g->box = g->title.n ? bs_box_union(g->box, rt->box) : rt->box;
    bs_region_list_push(&g->title, i);
    if (rt->line_height > g->lh)
        g->lh = rt->line_height;
}

static void group_release(bs_head_group *g)
{
    free(g->title.v);
    free(g->kicker.v);
}

/* Is there a horizontal rule between boxes up and down (up above)? */
static int rule_between(const bs_page_text *pt, const bs_box *up, const bs_box *down)
{
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *r = &pt->r[i];
        if (bs_rtext_is_hrule(r) && r->box.y >= up->y + up->h / 2
            && r->box.y + r->box.h <= down->y + down->h / 2
            && bs_span_overlap(r->box.x, bs_box_right(&r->box), down->x, bs_box_right(down)) > 0
            && bs_span_overlap(r->box.x, bs_box_right(&r->box), up->x, bs_box_right(up)) > 0)
            return 1;
    }
    return 0;
}

/* Is rt set in vertical columns? */
static int rtext_is_vertical(const bs_rtext *rt)
{
    return rt->region && rt->region->direction == BS_DIR_VERTICAL_RL;
}

/* On a vertical page (boxes mirrored), is headline block h the next
 * column of group g's vertical headline: vertical columns of the same
 * size as g's, starting within TERR_STACK_GAP_LINES of their size after
 * g's last column, beside it for most of the shorter one's length? */
static int next_vertical_head_column(const bs_page_text *pt, const bs_head_group *g,
                                     const bs_rtext *h, float lh)
{
    if (!rtext_is_vertical(h) || g->title.n == 0)
        return 0;
    for (size_t t = 0; t < g->title.n; t++)
        if (!rtext_is_vertical(&pt->r[g->title.v[t]]))
            return 0;
    double ratio = h->line_height > 0 && g->lh > 0 ? h->line_height / g->lh : 1;
    if (ratio > TERR_SAME_SIZE_RATIO || ratio < 1 / TERR_SAME_SIZE_RATIO)
        return 0;
    int gap = h->box.x - bs_box_right(&g->box);
    int yov = bs_span_overlap(h->box.y, bs_box_bottom(&h->box), g->box.y, bs_box_bottom(&g->box));
    return gap >= -lh / 2 && gap <= TERR_STACK_GAP_LINES * lh
           && yov >= TERR_OWN_COVER * bs_imin(h->box.h, g->box.h);
}

/* Collect headline regions into groups, merging stacked blocks and
 * turning smaller stacked blocks into kickers and decks. */
static size_t make_groups(bs_page_text *pt, bs_head_group **out)
{
    bs_region_list heads = {0};
    for (size_t i = 0; i < pt->n; i++)
        if ((pt->r[i].role == BS_ROLE_HEADLINE || pt->r[i].role == BS_ROLE_CONT_HEAD)
            && pt->r[i].nchars > 0)
            bs_region_list_push(&heads, i);
    bs_page_text_sort(pt, heads.v, heads.n);
    bs_head_group *g = bs_xcalloc(heads.n ? heads.n : 1, sizeof(*g));
    size_t ng = 0;
    for (size_t k = 0; k < heads.n; k++) {
        size_t i = heads.v[k];
        bs_rtext *h = &pt->r[i];
        int merged = 0;
        for (size_t q = 0; q < ng && !merged; q++) {
            bs_head_group *gq = &g[q];
            if (!gq->alive)
                continue;
            float lh = gq->lh > h->line_height ? gq->lh : h->line_height;
            if (pt->right_to_left && next_vertical_head_column(pt, gq, h, lh)) {
                group_add(gq, h, i);
                merged = 1;
                continue;
            }
            int gap = h->box.y - bs_box_bottom(&gq->box);
            int xov =
                bs_span_overlap(h->box.x, bs_box_right(&h->box), gq->box.x, bs_box_right(&gq->box));
            if (gap < -lh / 2 || gap > TERR_STACK_GAP_LINES * lh
                || xov < TERR_OWN_COVER * bs_imin(h->box.w, gq->box.w)
                || rule_between(pt, &gq->box, &h->box))
                continue;
            double ratio = h->line_height > 0 && gq->lh > 0 ? h->line_height / gq->lh : 1;
            /* A block a little smaller, set further down than a line gap
             * of headline leading, is the deck under the headline; a
             * little larger, the group so far was its kicker. */
            int apart = gap > TERR_TITLE_LINE_GAP * lh;
            int deck = ratio < TERR_TITLE_LINE_RATIO && apart;
            int kicker = ratio > 1 / TERR_TITLE_LINE_RATIO && apart;
            if (ratio <= TERR_SAME_SIZE_RATIO && ratio >= 1 / TERR_SAME_SIZE_RATIO && !deck && !kicker) {
                group_add(gq, h, i);
            } else if (ratio < 1) {
                h->role = BS_ROLE_DECK; /* owned below its headline */
            } else {
                /* The group so far was a kicker over this headline. */
                bs_head_group ng_ = {0};
                ng_.alive = 1;
                for (size_t t = 0; t < gq->title.n; t++) {
                    pt->r[gq->title.v[t]].role = BS_ROLE_KICKER;
                    bs_region_list_push(&ng_.kicker, gq->title.v[t]);
                }
                for (size_t t = 0; t < gq->kicker.n; t++)
                    bs_region_list_push(&ng_.kicker, gq->kicker.v[t]);
                group_add(&ng_, h, i);
                group_release(gq);
                *gq = ng_;
            }
            merged = 1;
        }
        if (!merged) {
            g[ng].alive = 1;
            group_add(&g[ng], h, i);
            ng++;
        }
    }
    free(heads.v);
    /* Kickers the layout named: the nearest headline right below.  One set
     * as large as that headline, right on top of it, is its first line. */
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *k = &pt->r[i];
        if (k->role != BS_ROLE_KICKER || k->nchars == 0)
            continue;
        int done = 0;
        for (size_t q = 0; q < ng && !done; q++)
            for (size_t t = 0; t < g[q].kicker.n; t++)
                done |= g[q].kicker.v[t] == i;
        size_t best = ng;
        int best_gap = 0;
        for (size_t q = 0; q < ng && !done; q++) {
            int gap = g[q].box.y - bs_box_bottom(&k->box);
            int xov = bs_span_overlap(k->box.x, bs_box_right(&k->box), g[q].box.x,
                                      bs_box_right(&g[q].box));
            if (gap >= -g[q].lh / 2 && gap <= TERR_KICKER_GAP_LINES * g[q].lh
                && xov >= TERR_OWN_COVER * bs_imin(k->box.w, g[q].box.w)
                && (best == ng || gap < best_gap)) {
                best = q;
                best_gap = gap;
            }
        }
        if (best == ng)
            continue;
        double ratio = k->line_height > 0 && g[best].lh > 0 ? g[best].lh / k->line_height : 0;
        size_t klines = 0;
        for (size_t l = 0; l < k->nlines; l++)
            klines += k->kind[l] == BS_LINE_TEXT;
        int flush = abs(k->box.x - g[best].box.x) <= g[best].lh / 2
                    && k->box.w >= TERR_OWN_COVER * g[best].box.w;
        if ((klines > 1 || flush) && ratio > 0 && ratio <= TERR_KICKER_AS_TITLE_RATIO
            && best_gap <= TERR_STACK_GAP_LINES * g[best].lh) {
            k->role = BS_ROLE_HEADLINE;
            group_add(&g[best], k, i);
        } else {
            bs_region_list_push(&g[best].kicker, i);
        }
    }
    *out = g;
    return ng;
}

/* Does rt belong to group g (as title or kicker)? */
static int in_group(const bs_head_group *g, size_t i)
{
    for (size_t t = 0; t < g->title.n; t++)
        if (g->title.v[t] == i)
            return 1;
    for (size_t t = 0; t < g->kicker.n; t++)
        if (g->kicker.v[t] == i)
            return 1;
    return 0;
}

/* Territory of each headline: out to the nearest region level with it. */
/* Is headline h set flush left over text of its own (see
 * TERR_FLUSH_TOL), and not centred over the text under it?  A centred
 * headline's edge may fall on a column's by chance; then the columns under
 * it reach as far to its left as to its right. */
static int flush_left(const bs_page_text *pt, const bs_head_group *h)
{
    double body = pt->body_height > 0 ? pt->body_height : h->lh;
    int bottom = bs_box_bottom(&h->box);
    int flush = 0, left = h->box.x, right = bs_box_right(&h->box);
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *o = &pt->r[i];
        if (in_group(h, i) || !(o->role == BS_ROLE_BODY || o->role == BS_ROLE_UNKNOWN)
            || o->nchars == 0)
            continue;
        if (o->box.y < bottom - h->lh / 2 || o->box.y > bottom + TERR_FLUSH_BELOW_LINES * h->lh
            || bs_span_overlap(o->box.x, bs_box_right(&o->box), h->left, h->right) <= 0)
            continue;
        flush |= abs(o->box.x - h->box.x) <= TERR_FLUSH_TOL * body;
        left = bs_imin(left, o->box.x);
        right = bs_imax(right, bs_box_right(&o->box));
    }
    int off_centre = abs((left + right) - (2 * h->box.x + h->box.w)) / 2;
    return flush && off_centre > TERR_CENTRED_TOL * body;
}

static void territories(bs_page_text *pt, bs_head_group *g, size_t ng)
{
    for (size_t q = 0; q < ng; q++) {
        bs_head_group *h = &g[q];
        if (!h->alive)
            continue;
        h->left = pt->content_left;
        h->right = pt->content_right;
        int tol = (int)(h->lh / 2);
        double beside = pt->right_to_left ? TERR_BESIDE_LINES_VERTICAL : TERR_BESIDE_LINES;
        for (size_t i = 0; i < pt->n; i++) {
            const bs_rtext *o = &pt->r[i];
            if (in_group(h, i) || is_furniture(o->role) || bs_rtext_is_hrule(o))
                continue;
            if (bs_role_is_text(o->role) && o->nchars == 0)
                continue;
            int yov =
                bs_span_overlap(o->box.y, bs_box_bottom(&o->box), h->box.y, bs_box_bottom(&h->box));
            /* Body text that starts beside the headline, above its last
             * line, is another story's column (the story's own side column
             * is adopted later): it bounds the territory as well. */
            int starts_beside = (o->role == BS_ROLE_BODY || o->role == BS_ROLE_UNKNOWN)
                                && o->box.y >= h->box.y
                                && o->box.y < bs_box_bottom(&h->box) - beside * h->lh;
            /* A headline beside this one, even a line higher or lower,
             * heads the story beside: staggered headlines of two stories
             * share only part of their height. */
            int head_beside = o->role == BS_ROLE_HEADLINE && yov >= beside * h->lh;
            if (yov < TERR_LEVEL_OVERLAP * bs_imin(h->box.h, o->box.h) && !starts_beside && !head_beside)
                continue;
            if (o->box.x >= bs_box_right(&h->box) - tol)
                h->right = bs_imin(h->right, o->box.x);
            else if (bs_box_right(&o->box) <= h->box.x + tol)
                h->left = bs_imax(h->left, bs_box_right(&o->box));
        }
        if (h->right < bs_box_right(&h->box))
            h->right = bs_box_right(&h->box);
        if (h->left > h->box.x || flush_left(pt, h))
            h->left = h->box.x;
    }
}

/* Is there a headline (other than g), a rule or a jump-out line between g
 * and region b, cutting across b?  A headline cuts across its whole
 * territory, the part it reaches leftwards included: a centred
 * continuation head separates its jump-in line from the story above. */
static int cut_off(const bs_page_text *pt, const bs_head_group *g, size_t ng,
                   const bs_head_group *all, const bs_rtext *b)
{
    int tol = (int)(TERR_ABOVE_TOL * g->lh);
    int need = (int)(TERR_BLOCK_COVER * b->box.w);
    for (size_t q = 0; q < ng; q++) {
        const bs_head_group *h = &all[q];
        if (h == g || !h->alive)
            continue;
        /* Beside b and reaching down past its top, a headline is level
         * with it, not over it: it cuts only with its own ink over b. */
        int over = bs_box_bottom(&h->box) <= b->box.y
                   || bs_span_overlap(b->box.x, bs_box_right(&b->box), h->box.x, bs_box_right(&h->box)) > 0;
        if (h->box.y >= bs_box_bottom(&g->box) - tol && bs_box_bottom(&h->box) <= b->box.y + tol && over
            && bs_span_overlap(b->box.x, bs_box_right(&b->box), h->left, h->right) >= need
            && need > 0)
            return 1;
    }
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *r = &pt->r[i];
        if (r == b || !(bs_rtext_is_hrule(r) || bs_rtext_ends_with_jump_out(r)))
            continue;
        if (r->box.y >= bs_box_bottom(&g->box) - tol && bs_box_bottom(&r->box) <= b->box.y + tol
            && bs_span_overlap(b->box.x, bs_box_right(&b->box), r->box.x, bs_box_right(&r->box))
                   >= need
            && need > 0)
            return 1;
    }
    return 0;
}

/* The layout named the group's headline a continuation head. */
static int group_is_cont_head(const bs_page_text *pt, const bs_head_group *h)
{
    for (size_t t = 0; t < h->title.n; t++)
        if (pt->r[h->title.v[t]].role == BS_ROLE_CONT_HEAD)
            return 1;
    return 0;
}

/* The headline group owning region b, or -1.  Headlines whose territory
 * covers b from their own left edge rightwards come first (stories read
 * rightwards from their headline); only when none does may a centred
 * headline reaching left over b own it.  Among either kind, the nearest
 * above wins, and at one level the one covering more of b.  A jump-in line
 * (nearest_first) goes to a continuation head if the layout named one
 * over it, else to the nearest headline wholly above it, of either kind:
 * it stands right under its continuation head, which is often centred. */
static int owner_of(const bs_page_text *pt, const bs_head_group *g, size_t ng, const bs_rtext *b,
                    int nearest_first)
{
    int level = (int)(TERR_LEVEL_LINES * (pt->body_height > 0 ? pt->body_height : 1));
    /* Passes: 0 territory from the headline's left edge only; 1 its
     * leftward reach too; for a jump-in line, 2 and 3 first take only a
     * continuation head, then any headline wholly above it. */
    static const int plain_passes[] = {0, 1};
    static const int jump_passes[] = {2, 3, 1};
    const int *passes = nearest_first ? jump_passes : plain_passes;
    size_t npasses = nearest_first ? 3 : 2;
    for (size_t pi = 0; pi < npasses; pi++) {
        int pass = passes[pi];
        int best = -1, best_dist = 0, best_cov = 0;
        for (size_t q = 0; q < ng; q++) {
            const bs_head_group *h = &g[q];
            if (!h->alive)
                continue;
            int tol = (int)(TERR_ABOVE_TOL * h->lh);
            if (bs_box_bottom(&h->box) > b->box.y + tol || h->box.y >= b->box.y)
                continue;
            if (pass >= 2 && bs_box_bottom(&h->box) > b->box.y)
                continue;
            if (pass == 2 && !group_is_cont_head(pt, h))
                continue;
            int core = bs_span_overlap(b->box.x, bs_box_right(&b->box), h->box.x, h->right);
            int lext = bs_span_overlap(b->box.x, bs_box_right(&b->box), h->left, h->box.x);
            int cov = pass == 0 ? core : core + lext;
            if (cov < TERR_OWN_COVER * b->box.w || b->box.w <= 0)
                continue;
            if (cut_off(pt, h, ng, g, b))
                continue;
            int dist = b->box.y - bs_box_bottom(&h->box);
            int better;
            if (best < 0)
                better = 1;
            else if (abs(dist - best_dist) > level)
                better = dist < best_dist;
            else
                better = cov > best_cov;
            if (better) {
                best = (int)q;
                best_dist = dist;
                best_cov = cov;
            }
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

/* Decks the layout did not name: a short block right under the headline,
 * inside its ink, that does not end a sentence, has the story's text below
 * it, and is set apart (larger than body text, opened by a dash, centred
 * under a centred headline, or followed by the byline, which comes after
 * the deck).  Left as body it would open the story. */
static void find_decks(bs_page_text *pt, const bs_head_group *g, size_t ng, const int *owner)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (owner[i] < 0 || (size_t)owner[i] >= ng
            || (rt->role != BS_ROLE_BODY && rt->role != BS_ROLE_UNKNOWN))
            continue;
        const bs_head_group *h = &g[owner[i]];
        int gap = rt->box.y - bs_box_bottom(&h->box);
        size_t nl = 0;
        const char *last = NULL, *first = NULL;
        for (size_t l = 0; l < rt->nlines; l++)
            if (rt->kind[l] == BS_LINE_TEXT) {
                nl++;
                if (!first)
                    first = rt->norm[l];
                last = rt->norm[l];
            }
        if (!last || gap < -h->lh / 2 || gap > TERR_DECK_GAP_LINES * h->lh
            || nl > TERR_DECK_MAX_LINES || rt->nchars > TERR_DECK_MAX_CHARS
            || bs_span_overlap(rt->box.x, bs_box_right(&rt->box), h->box.x, bs_box_right(&h->box))
                   < TERR_OWN_COVER * rt->box.w
            || bs_line_ends_sentence(last))
            continue;
        /* The nearest owned text below it in its column: the story goes on
         * there, and if it opens with a byline this block was the deck. */
        size_t nb = pt->n;
        for (size_t k = 0; k < pt->n; k++) {
            const bs_rtext *b = &pt->r[k];
            if (k != i && owner[k] == owner[i] && b->nchars > 0
                && (b->role == BS_ROLE_BODY || b->role == BS_ROLE_UNKNOWN
                    || b->role == BS_ROLE_BYLINE)
                && b->box.y >= bs_box_bottom(&rt->box) - rt->line_height / 2
                && bs_span_overlap(b->box.x, bs_box_right(&b->box), rt->box.x,
                                   bs_box_right(&rt->box))
                       >= TERR_BLOCK_COVER * bs_imin(b->box.w, rt->box.w)
                && (nb == pt->n || b->box.y < pt->r[nb].box.y))
                nb = k;
        }
        int below = nb < pt->n;
        int byline_next = 0;
        double near =
            TERR_DECK_BYLINE_GAP_LINES * (pt->body_height > 0 ? pt->body_height : rt->line_height);
        for (size_t k = 0; k < pt->n && !byline_next; k++) {
            const bs_rtext *b = &pt->r[k];
            int gap_b = b->box.y - bs_box_bottom(&rt->box);
            byline_next =
                k != i && owner[k] == owner[i]
                && (b->role == BS_ROLE_BYLINE || (b->nlines && b->kind[0] == BS_LINE_BYLINE))
                && gap_b >= -rt->line_height / 2 && gap_b <= near
                && bs_span_overlap(b->box.x, bs_box_right(&b->box), rt->box.x,
                                   bs_box_right(&rt->box))
                       >= TERR_BLOCK_COVER * bs_imin(b->box.w, rt->box.w);
        }
        int dash = strncmp(first, "——", strlen("——")) == 0;
        int larger =
            pt->body_height > 0 && rt->line_height >= TERR_DECK_SIZE_RATIO * pt->body_height;
        int hc2 = 2 * h->box.x + h->box.w, rc2 = 2 * rt->box.x + rt->box.w;
        int centred = abs(hc2 - rc2) <= TERR_DECK_CENTRE_TOL * 2 * h->box.w
                      && rt->box.x > h->box.x + pt->body_height;
        if (below && (dash || larger || centred || byline_next))
            rt->role = BS_ROLE_DECK;
    }
}

/* Has region i's owner body text of at least min_lines lines above it in
 * its column? */
static int owner_text_above(const bs_page_text *pt, const int *owner, size_t i, size_t min_lines)
{
    const bs_rtext *rt = &pt->r[i];
    for (size_t k = 0; k < pt->n; k++) {
        const bs_rtext *o = &pt->r[k];
        if (k != i && owner[k] == owner[i] && o->nchars > 0
            && (o->role == BS_ROLE_BODY || o->role == BS_ROLE_UNKNOWN) && o->nlines >= min_lines
            && bs_box_bottom(&o->box) <= rt->box.y + rt->line_height
            && bs_span_overlap(o->box.x, bs_box_right(&o->box), rt->box.x, bs_box_right(&rt->box))
                   >= TERR_COLUMN_OVERLAP * bs_imin(o->box.w, rt->box.w))
            return 1;
    }
    return 0;
}

/* Is region i the first body text its owner has in its column (nothing of
 * the same story's text above it; a byline may be)?  Then it is that
 * story's, whatever stands level with it. */
static int first_under_owner(const bs_page_text *pt, const int *owner, size_t i)
{
    return owner[i] >= 0 && !owner_text_above(pt, owner, i, 0);
}

/* Has region i's owner set a column of text (more lines than a deck)
 * above it in its column?  A further side column is taken only from a
 * story that ran there before, not from one whose column starts under its
 * headline and deck. */
static int owner_ran_above(const bs_page_text *pt, const int *owner, size_t i)
{
    return owner[i] < 0 || owner_text_above(pt, owner, i, TERR_DECK_MAX_LINES + 1);
}

/* Region s changed hands from story `from` to owner[s]: what stands under
 * it in its column and was `from`'s goes along (a photo beside a headline
 * takes its caption and the text set under it), down to the first thing
 * that separates stories; a block ending in a jump line goes along and is
 * the last.  When s had no owner, the text blocks under it that had none
 * go along (a side column cut in two by a paragraph's white). */
static void follow_down(const bs_page_text *pt, int *owner, size_t s, int from)
{
    bs_box reach = pt->r[s].box;
    for (;;) {
        size_t next = pt->n;
        for (size_t k = 0; k < pt->n; k++) {
            const bs_rtext *b = &pt->r[k];
            if (owner[k] != from || b->box.y < bs_box_bottom(&reach) - (int)(b->line_height / 2)
                || bs_span_overlap(b->box.x, bs_box_right(&b->box), reach.x, bs_box_right(&reach))
                       < TERR_COLUMN_OVERLAP * bs_imin(b->box.w, reach.w))
                continue;
            if (next == pt->n || b->box.y < pt->r[next].box.y)
                next = k;
        }
        if (next == pt->n || bs_rtext_is_hrule(&pt->r[next]))
            return;
        const bs_rtext *b = &pt->r[next];
        if (from < 0 && !((b->role == BS_ROLE_BODY || b->role == BS_ROLE_UNKNOWN) && b->nchars > 0))
            return;
        owner[next] = owner[s];
        if (bs_rtext_ends_with_jump_out(b))
            return;
        reach = b->box;
    }
}

/* A vertical rule standing between x0 and x1 beside rows y0..y1? */
static int vrule_between(const bs_page_text *pt, int x0, int x1, int y0, int y1)
{
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *r = &pt->r[i];
        if (r->role == BS_ROLE_RULE && !bs_rtext_is_hrule(r) && r->box.x >= x0
            && bs_box_right(&r->box) <= x1 && bs_span_overlap(r->box.y, bs_box_bottom(&r->box), y0, y1) > 0)
            return 1;
    }
    return 0;
}

/* A column that starts level with the top of a story (its kicker or
 * headline) right where the headline's territory ends belongs to that
 * story: the headline spans all columns but the last, which runs up beside
 * it.  So does the next column level with it, and the next (a headline
 * over two of four columns), each within TERR_SIDE_GAP_LINES of the one
 * before and no rule between.  Without this a column goes to whatever
 * headline stands above (unless it is the first text under that headline
 * in its column). */
static void adopt_side_columns(const bs_page_text *pt, const bs_head_group *g, size_t ng,
                               int *owner)
{
    char *taken = bs_xcalloc(pt->n ? pt->n : 1, 1); /* adopted as a side column */
    for (size_t q = 0; q < ng; q++) {
        const bs_head_group *h = &g[q];
        if (!h->alive)
            continue;
        int top = h->box.y;
        for (size_t k = 0; k < h->kicker.n; k++)
            top = bs_imin(top, pt->r[h->kicker.v[k]].box.y);
        int gutter = (int)(pt->body_height > 0 ? pt->body_height : h->lh);
        /* reach: the right edge the next side column starts from; the
         * first must start where the territory ends. */
        int reach = h->right, first = 1, adopted;
        do {
            adopted = 0;
            for (size_t i = 0; i < pt->n; i++) {
                const bs_rtext *rt = &pt->r[i];
                int text = rt->role == BS_ROLE_BODY || rt->role == BS_ROLE_UNKNOWN;
                if (!(text || rt->role == BS_ROLE_PHOTO) || (text && rt->nchars == 0)
                    || taken[i] || (int)q == owner[i] || abs(rt->box.y - top) > TERR_SIDE_LEVEL_LINES * h->lh
                    || rt->box.x < bs_box_right(&h->box) - gutter)
                    continue;
                int next_to = first ? abs(rt->box.x - reach) <= gutter
                                    : rt->box.x >= reach - gutter
                                          && rt->box.x - reach <= TERR_SIDE_GAP_LINES * gutter
                                          && !vrule_between(pt, reach - gutter, rt->box.x + gutter,
                                                            rt->box.y, bs_box_bottom(&rt->box));
                if (!next_to || first_under_owner(pt, owner, i)
                    || (!first && !owner_ran_above(pt, owner, i)))
                    continue;
                int before = owner[i];
                owner[i] = (int)q;
                follow_down(pt, owner, i, before);
                reach = bs_box_right(&rt->box);
                taken[i] = 1;
                first = 0;
                adopted = 1;
                break;
            }
        } while (adopted);
    }
    free(taken);
}

/* Whether most of group h's title ink is set in vertical columns. */
static int head_is_vertical(const bs_page_text *pt, const bs_head_group *h)
{
    long vertical = 0, all = 0;
    for (size_t t = 0; t < h->title.n; t++) {
        const bs_rtext *rt = &pt->r[h->title.v[t]];
        long a = (long)rt->box.w * rt->box.h;
        all += a;
        if (rtext_is_vertical(rt))
            vertical += a;
    }
    return all > 0 && 2 * vertical > all;
}

/* Another headline stands between x0 and x1 beside rows y0..y1? */
static int head_between(const bs_head_group *g, size_t ng, size_t self, int x0, int x1, int y0, int y1)
{
    for (size_t q = 0; q < ng; q++) {
        const bs_head_group *o = &g[q];
        if (q == self || !o->alive)
            continue;
        if (bs_span_overlap(o->box.x, bs_box_right(&o->box), x0, x1) > 0
            && bs_span_overlap(o->box.y, bs_box_bottom(&o->box), y0, y1) > 0)
            return 1;
    }
    return 0;
}

/* On a vertical page (boxes mirrored: columns read left to right) a
 * headline set in vertical columns stands before its story: the story's
 * columns start beside it, level with its top or a few lines lower, and
 * run on until a rule, another headline or a wide gap.
 * The territory below a headline does not reach them, and the story
 * above often owns them as the first text under its headline, so they
 * are adopted here, nearest first, each with what stands under it in its
 * column. */
static void adopt_columns_beside_vertical_heads(const bs_page_text *pt, const bs_head_group *g,
                                                size_t ng, int *owner)
{
    if (!pt->right_to_left)
        return;
    char *taken = bs_xcalloc(pt->n ? pt->n : 1, 1);
    double body = pt->body_height > 0 ? pt->body_height : 1;
    int gutter = (int)body;
    for (size_t q = 0; q < ng; q++) {
        const bs_head_group *h = &g[q];
        if (!h->alive || !head_is_vertical(pt, h))
            continue;
        int top = h->box.y, reach = bs_box_right(&h->box);
        int lo = top - (int)(TERR_VSIDE_ABOVE_LINES * body), hi = top + (int)(TERR_VSIDE_BELOW_LINES * body);
        for (;;) {
            size_t best = pt->n;
            for (size_t i = 0; i < pt->n; i++) {
                const bs_rtext *rt = &pt->r[i];
                if (!((rt->role == BS_ROLE_BODY || rt->role == BS_ROLE_UNKNOWN) && rt->nchars > 0)
                    || taken[i] || rt->box.y < lo || rt->box.y > hi
                    || rt->box.x < reach - gutter || rt->box.x - reach > TERR_SIDE_GAP_LINES * gutter)
                    continue;
                if (best == pt->n || rt->box.x < pt->r[best].box.x)
                    best = i;
            }
            if (best == pt->n)
                break;
            const bs_rtext *rt = &pt->r[best];
            if (vrule_between(pt, reach - gutter, rt->box.x + gutter, rt->box.y, bs_box_bottom(&rt->box))
                || head_between(g, ng, q, reach, rt->box.x + rt->box.w / 2, rt->box.y, bs_box_bottom(&rt->box)))
                break;
            /* follow_down moves only what changes hands. */
            int before = owner[best];
            if (before != (int)q) {
                owner[best] = (int)q;
                follow_down(pt, owner, best, before);
            }
            taken[best] = 1;
            reach = bs_box_right(&rt->box);
        }
    }
    free(taken);
}

/* A label set in capitals ("NEWS ANALYSIS"): at least three letters, all
 * of them upper case.  Body text never is, bar a one-word sign-off, which
 * does not stand right above a headline's ink. */
static int all_capitals(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        letters += *s >= 'A' && *s <= 'Z';
    }
    return letters >= 3;
}

/* Kickers the layout did not name: one short line right above a
 * headline, over its ink, not a sentence, set apart (larger than body
 * text, centred over a centred headline, or in capitals).  Otherwise it would end the
 * story above. */
static void find_kickers(bs_page_text *pt, bs_head_group *g, size_t ng)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if ((rt->role != BS_ROLE_BODY && rt->role != BS_ROLE_UNKNOWN) || rt->nchars == 0
            || rt->nchars > TERR_KICKER_MAX_CHARS)
            continue;
        size_t nl = 0;
        const char *text = NULL;
        for (size_t l = 0; l < rt->nlines; l++)
            if (rt->kind[l] == BS_LINE_TEXT) {
                nl++;
                text = rt->norm[l];
            }
        if (nl != 1 || bs_line_ends_sentence(text))
            continue;
        for (size_t q = 0; q < ng; q++) {
            bs_head_group *h = &g[q];
            if (!h->alive)
                continue;
            int gap = h->box.y - bs_box_bottom(&rt->box);
            if (gap < -h->lh / 2 || gap > TERR_KICKER_NEAR_LINES * h->lh
                || bs_span_overlap(rt->box.x, bs_box_right(&rt->box), h->box.x,
                                   bs_box_right(&h->box))
                       < TERR_OWN_COVER * rt->box.w)
                continue;
            int larger = pt->body_height > 0
                         && rt->line_height >= TERR_DECK_SIZE_RATIO * pt->body_height
                         && rt->line_height < h->lh;
            int hc2 = 2 * h->box.x + h->box.w, rc2 = 2 * rt->box.x + rt->box.w;
            int centred = abs(hc2 - rc2) <= TERR_DECK_CENTRE_TOL * 2 * h->box.w
                          && rt->box.x > h->box.x + pt->body_height;
            if (larger || centred || all_capitals(text)) {
                rt->role = BS_ROLE_KICKER;
                bs_region_list_push(&h->kicker, i);
                break;
            }
        }
    }
}

/* Does headline q stand right above other headlines (within a few of its
 * line heights, over their ink)? */
int bs_territory_is_label(const bs_territory *t, size_t q)
{
    const bs_head_group *h = &t->g[q];
    for (size_t k = 0; k < t->ng; k++) {
        const bs_head_group *o = &t->g[k];
        if (k == q || !o->alive)
            continue;
        int gap = o->box.y - bs_box_bottom(&h->box);
        if (gap >= -h->lh / 2 && gap <= TERR_SECTION_GAP_LINES * h->lh
            && bs_span_overlap(o->box.x, bs_box_right(&o->box), h->box.x, h->right)
                   >= TERR_OWN_COVER * o->box.w)
            return 1;
    }
    return 0;
}

void bs_territory_build(bs_page_text *pt, bs_territory *t)
{
    memset(t, 0, sizeof(*t));
    t->ng = make_groups(pt, &t->g);
    find_kickers(pt, t->g, t->ng);
    territories(pt, t->g, t->ng);
    t->owner = bs_xmalloc((pt->n ? pt->n : 1) * sizeof(*t->owner));
    int *owner = t->owner;
    for (size_t i = 0; i < pt->n; i++) {
        owner[i] = -1;
        const bs_rtext *rt = &pt->r[i];
        if (bs_territory_ownable(rt->role) && !(bs_role_is_text(rt->role) && rt->nchars == 0))
            owner[i] = owner_of(pt, t->g, t->ng, rt, bs_rtext_opens_with_jump_in(rt));
    }
    /* Text under a jump-in line is the continuation's, whoever else's
     * territory it lies in. */
    for (size_t i = 0; i < pt->n; i++) {
        if (owner[i] < 0 || !bs_rtext_opens_with_jump_in(&pt->r[i]))
            continue;
        int plain_owner = owner_of(pt, t->g, t->ng, &pt->r[i], 0);
        if (plain_owner >= 0 && plain_owner != owner[i])
            follow_down(pt, owner, i, plain_owner);
    }
    /* Decks first: a column under its own headline and deck is that
     * story's first column, not a side column of the story beside; then
     * again for blocks whose owner the adoption changed. */
    find_decks(pt, t->g, t->ng, owner);
    adopt_side_columns(pt, t->g, t->ng, owner);
    adopt_columns_beside_vertical_heads(pt, t->g, t->ng, owner);
    find_decks(pt, t->g, t->ng, owner);
}

void bs_territory_release(bs_territory *t)
{
    for (size_t q = 0; q < t->ng; q++)
        group_release(&t->g[q]);
    free(t->g);
    free(t->owner);
    memset(t, 0, sizeof(*t));
}
