/*
 * region_role.c - region roles refined from text, size and neighbours;
 * see region_role.h.
 */
#include "region_role.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jump.h"
#include "line_kind.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* A headline is at least this many times the body text height: news
 * headlines are 1.6-4 times body size; 1.4 leaves room for a badly
 * measured line box without catching bold body-size subheads. */
#define ROLE_HEADLINE_MIN_RATIO 1.4
/* A region the layout calls a headline but whose lines are below this
 * ratio of body text is taken for a subhead of the story it stands in.
 * Off (0) by default: brief headlines are often set bold at body size,
 * and a layout that calls them headlines is right more often than not. */
#define ROLE_SUBHEAD_MAX_RATIO 0.0
/* Mastheads are set far larger than any headline on the page. */
#define ROLE_MASTHEAD_MIN_RATIO 2.5
/* Furniture bands: running heads, datelines and mastheads stand in the top
 * eighth of a page, folios in the bottom twentieth. */
#define ROLE_TOP_BAND 0.12
#define ROLE_BOTTOM_BAND 0.95
/* Headlines are short: at most this many lines and characters. */
#define ROLE_HEADLINE_MAX_LINES 4
#define ROLE_HEADLINE_MAX_CHARS 100
/* Furniture regions are one or two lines of at most this many characters. */
#define ROLE_FURNITURE_MAX_LINES 2
#define ROLE_FURNITURE_MAX_CHARS 80
/* A region level with furniture is furniture when it is this short. */
#define ROLE_FURNITURE_NEIGHBOUR_CHARS 40
/* "Level": vertical overlap of this share of the lower height. */
#define ROLE_LEVEL_OVERLAP 0.5
/* Mastheads are a name: a few characters or words. */
#define ROLE_MASTHEAD_MAX_CHARS 24
/* A masthead is centred: its centre within this share of the page width
 * from the page centre. */
#define ROLE_MASTHEAD_CENTRE_TOL 0.15
/* Lines longer than this (characters) are never jump lines: the longest
 * form, "See NAME OF THE STORY, Page A12", is well under it. */
#define ROLE_JUMP_MAX_CHARS 48
/* A caption under a photo: starts within this many body line heights
 * below it, overlaps it by this share of its own width, is at most this
 * much wider than the photo and has at most this many lines. */
#define ROLE_CAPTION_GAP_LINES 1.5
#define ROLE_CAPTION_XOVERLAP 0.8
#define ROLE_CAPTION_MAX_WIDEN 1.15
#define ROLE_CAPTION_MAX_LINES 6
/* A whole block is taken for a caption by its formula when it has at most
 * this many lines. */
#define ROLE_CAPTION_FORMULA_LINES 3
/* Decks opening with a dash are short. */
#define ROLE_DECK_MAX_LINES 3
/* Bylines are looked for in the first lines of a text block. */
#define ROLE_BYLINE_LEAD_LINES 2
/* Body-sized "headline" blocks inside a column of text (inside_body_column):
 * at most this many lines, overlapping the column by this share of their
 * width, with body text at most this many line heights above and below
 * (the leading between lines of one column is a fraction of a line). */
#define ROLE_INLINE_MAX_LINES 3
#define ROLE_INLINE_XOVERLAP 0.5
#define ROLE_INLINE_GAP_LINES 0.6
/* The two halves of a byline cut into two regions stand at most this many
 * line heights apart (line spacing; a byline is set solid). */
#define ROLE_BYLINE_SPLIT_GAP 1.0

bs_region_role_options bs_region_role_options_default(void)
{
    bs_region_role_options o;
    o.headline_min_ratio = ROLE_HEADLINE_MIN_RATIO;
    o.subhead_max_ratio = ROLE_SUBHEAD_MAX_RATIO;
    o.masthead_min_ratio = ROLE_MASTHEAD_MIN_RATIO;
    o.top_band = ROLE_TOP_BAND;
    o.bottom_band = ROLE_BOTTOM_BAND;
    return o;
}

static int plain(bs_role r)
{
    return r == BS_ROLE_BODY || r == BS_ROLE_UNKNOWN;
}

static size_t text_lines(const bs_rtext *rt)
{
    size_t n = 0;
    for (size_t l = 0; l < rt->nlines; l++)
        n += rt->kind[l] != BS_LINE_EMPTY;
    return n;
}

/* Jump lines in every text region; regions made of them take the role. */
static void mark_jumps(bs_page_text *pt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!bs_role_is_text(rt->role))
            continue;
        if (rt->role == BS_ROLE_JUMP_OUT || rt->role == BS_ROLE_JUMP_IN) {
            for (size_t l = 0; l < rt->nlines; l++)
                if (rt->kind[l] != BS_LINE_EMPTY)
                    rt->kind[l] = rt->role == BS_ROLE_JUMP_OUT ? BS_LINE_JUMP_OUT : BS_LINE_JUMP_IN;
            continue;
        }
        size_t jumps = 0, text = 0;
        bs_line_kind first = BS_LINE_TEXT;
        for (size_t l = 0; l < rt->nlines; l++) {
            if (rt->kind[l] == BS_LINE_EMPTY)
                continue;
            text++;
            if (bs_text_length(rt->norm[l]) > ROLE_JUMP_MAX_CHARS)
                continue;
            bs_jump_line jl;
            if (bs_jump_parse(rt->norm[l], &jl) && jl.kind != BS_JUMP_NONE) {
                rt->kind[l] = jl.kind == BS_JUMP_OUT ? BS_LINE_JUMP_OUT : BS_LINE_JUMP_IN;
                if (!jumps)
                    first = rt->kind[l];
                jumps++;
            }
        }
        if (jumps && jumps == text
            && (plain(rt->role) || rt->role == BS_ROLE_HEADLINE || rt->role == BS_ROLE_CAPTION
                || rt->role == BS_ROLE_KICKER || rt->role == BS_ROLE_DECK
                || rt->role == BS_ROLE_SECTION || rt->role == BS_ROLE_CONT_HEAD))
            rt->role = first == BS_LINE_JUMP_OUT ? BS_ROLE_JUMP_OUT : BS_ROLE_JUMP_IN;
        else if (jumps && rt->role == BS_ROLE_HEADLINE)
            /* Headlines hold no jump line; text ending in "(下转第2版)"
             * is the foot of a column the layout took for headline type. */
            rt->role = BS_ROLE_BODY;
    }
}

static int page_height(const bs_page_text *pt)
{
    int h = pt->page->height;
    for (size_t i = 0; i < pt->n; i++) {
        const bs_box *b = &pt->r[i].box;
        if (b->y + b->h > h)
            h = b->y + b->h;
    }
    return h;
}

/* A page label that is more than a bare number ("第2版", "A3", "Page 3"):
 * numbers stand in headlines too ("... at 130 Francs"). */
static int labelled_folio(const char *tok)
{
    for (const char *c = tok; *c; c++)
        if (!(*c >= '0' && *c <= '9'))
            return bs_line_is_folio(tok);
    return 0;
}

/* Does the line hold a page label among its parts ("第2版 · 城市早报")? */
static int has_folio_token(const char *spaced)
{
    char *copy = bs_xstrdup(spaced);
    int found = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, " |/", &save); tok && !found;
         tok = strtok_r(NULL, " |/", &save)) {
        /* "·" separators (U+00B7, U+30FB) are multi-byte: cut at them. */
        char *dot;
        while ((dot = strstr(tok, "\xC2\xB7")) || (dot = strstr(tok, "\xE3\x83\xBB"))) {
            *dot = '\0';
            if (labelled_folio(tok))
                found = 1;
            tok = dot + ((unsigned char)dot[1] == 0xB7 ? 2 : 3);
        }
        if (labelled_folio(tok))
            found = 1;
    }
    free(copy);
    return found;
}

/* Bottom of the top furniture band: a share of the page, or further down
 * under a tall masthead (the date and issue line sit right under it). */
static int top_band_bottom(const bs_page_text *pt, const bs_region_role_options *opt)
{
    int band = (int)(opt->top_band * page_height(pt));
    for (size_t i = 0; i < pt->n; i++) {
        const bs_box *b = &pt->r[i].box;
        if (pt->r[i].role == BS_ROLE_MASTHEAD && b->y + 2 * b->h > band)
            band = b->y + 2 * b->h;
    }
    return band;
}

static void mark_furniture(bs_page_text *pt, const bs_region_role_options *opt)
{
    int ph = page_height(pt);
    if (ph <= 0)
        return;
    int band = top_band_bottom(pt, opt);
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!(plain(rt->role) || rt->role == BS_ROLE_HEADLINE || rt->role == BS_ROLE_SECTION))
            continue;
        int top = rt->box.y + rt->box.h <= band;
        int bottom = rt->box.y >= opt->bottom_band * ph;
        if (!(top || bottom) || text_lines(rt) == 0 || text_lines(rt) > ROLE_FURNITURE_MAX_LINES
            || rt->nchars > ROLE_FURNITURE_MAX_CHARS)
            continue;
        char *spaced = bs_rtext_joined(rt, BS_LINE_TEXT, 1, NULL);
        /* A headline in the band is furniture only when it is nothing but
         * a page label: headlines may hold dates and numbers. */
        int head = rt->role == BS_ROLE_HEADLINE;
        if (bs_line_is_folio(spaced))
            rt->role = BS_ROLE_FOLIO;
        else if (!head && has_folio_token(spaced))
            rt->role = BS_ROLE_RUNNING_HEAD;
        else if (!head && bs_line_has_date(spaced))
            rt->role = pt->page->number <= 1 ? BS_ROLE_DATELINE : BS_ROLE_RUNNING_HEAD;
        free(spaced);
    }
}

/* Short regions level with furniture in its band are furniture too (the
 * issue number and price beside the date, the paper's name and section
 * beside the folio). */
static void mark_furniture_neighbours(bs_page_text *pt, const bs_region_role_options *opt)
{
    int ph = page_height(pt);
    int band = top_band_bottom(pt, opt);
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!plain(rt->role) || rt->nchars == 0 || text_lines(rt) > ROLE_FURNITURE_MAX_LINES
            || rt->nchars > ROLE_FURNITURE_NEIGHBOUR_CHARS)
            continue;
        if (!(rt->box.y + rt->box.h <= band || rt->box.y >= opt->bottom_band * ph))
            continue;
        for (size_t k = 0; k < pt->n; k++) {
            const bs_rtext *f = &pt->r[k];
            if (f->role != BS_ROLE_DATELINE && f->role != BS_ROLE_RUNNING_HEAD
                && f->role != BS_ROLE_FOLIO)
                continue;
            int lo = rt->box.y > f->box.y ? rt->box.y : f->box.y;
            int hi = rt->box.y + rt->box.h < f->box.y + f->box.h ? rt->box.y + rt->box.h
                                                                 : f->box.y + f->box.h;
            int minh = rt->box.h < f->box.h ? rt->box.h : f->box.h;
            if (hi - lo >= ROLE_LEVEL_OVERLAP * minh) {
                rt->role = f->role == BS_ROLE_DATELINE ? BS_ROLE_DATELINE : BS_ROLE_RUNNING_HEAD;
                break;
            }
        }
    }
}

static void mark_masthead(bs_page_text *pt, const bs_region_role_options *opt)
{
    if (pt->page->number > 1 || pt->body_height <= 0)
        return;
    int ph = page_height(pt);
    int cx2 = pt->content_left + pt->content_right; /* twice the centre */
    int width = pt->content_right - pt->content_left;
    /* The largest text in the top band (a date line may stand above it). */
    size_t best = pt->n;
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *rt = &pt->r[i];
        if (!bs_role_is_text(rt->role) || rt->nchars == 0
            || rt->box.y + rt->box.h > opt->top_band * ph)
            continue;
        if (best == pt->n || rt->line_height > pt->r[best].line_height)
            best = i;
    }
    if (best == pt->n)
        return;
    bs_rtext *m = &pt->r[best];
    int centre_off = abs(2 * m->box.x + m->box.w - cx2) / 2;
    if ((plain(m->role) || m->role == BS_ROLE_HEADLINE) && m->box.y + m->box.h <= opt->top_band * ph
        && m->line_height >= opt->masthead_min_ratio * pt->body_height
        && m->nchars <= ROLE_MASTHEAD_MAX_CHARS && centre_off <= ROLE_MASTHEAD_CENTRE_TOL * width)
        m->role = BS_ROLE_MASTHEAD;
}

/* Shares the column of body block b: overlaps it by half its own width. */
static int in_column_of(const bs_rtext *rt, const bs_rtext *b)
{
    int ov = (rt->box.x + rt->box.w < b->box.x + b->box.w ? rt->box.x + rt->box.w
                                                          : b->box.x + b->box.w)
             - (rt->box.x > b->box.x ? rt->box.x : b->box.x);
    return ov >= ROLE_INLINE_XOVERLAP * rt->box.w;
}

/* A block set no larger than body type that sits inside a column of body
 * text, with body lines at the column's line spacing right above and
 * right below it (or inside a body block): words or lines of that text
 * the layout took for bold headline type (a justified line's short word,
 * a line between two cuts of the column).  A real headline in body size
 * (a brief's) has white space above it. */
static int inside_body_column(const bs_page_text *pt, size_t i)
{
    const bs_rtext *rt = &pt->r[i];
    double lh = pt->body_height;
    int above = 0, below = 0;
    for (size_t k = 0; k < pt->n && !(above && below); k++) {
        const bs_rtext *b = &pt->r[k];
        if (k == i || b->role != BS_ROLE_BODY || b->nchars == 0 || !in_column_of(rt, b))
            continue;
        int gap_above = rt->box.y - (b->box.y + b->box.h);
        int gap_below = b->box.y - (rt->box.y + rt->box.h);
        if (gap_above < 0 && gap_below < 0)
            return 1; /* inside the block */
        above |= gap_above >= -lh && gap_above <= ROLE_INLINE_GAP_LINES * lh;
        below |= gap_below >= -lh && gap_below <= ROLE_INLINE_GAP_LINES * lh;
    }
    return above && below;
}

static int has_jump_line(const bs_rtext *rt)
{
    for (size_t l = 0; l < rt->nlines; l++)
        if (rt->kind[l] == BS_LINE_JUMP_OUT || rt->kind[l] == BS_LINE_JUMP_IN)
            return 1;
    return 0;
}

/* Some line of rt holds a letter, a digit or an ideograph: text, not
 * only marks ("|", "-", "《" are what grain and rules read as). */
static int has_word_char(const bs_rtext *rt)
{
    for (size_t l = 0; l < rt->nlines; l++) {
        const char *p = rt->norm[l];
        size_t n = p ? strlen(p) : 0;
        for (size_t i = 0; i < n;) {
            uint32_t cp = 0;
            size_t k = bs_utf8_decode_one(p + i, n - i, &cp);
            if (!k)
                break;
            if (bs_unicode_is_word_char(cp))
                return 1;
            i += k;
        }
    }
    return 0;
}

static void mark_sizes(bs_page_text *pt, const bs_region_role_options *opt)
{
    if (pt->body_height <= 0)
        return;
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if ((rt->role == BS_ROLE_HEADLINE || rt->role == BS_ROLE_KICKER
             || rt->role == BS_ROLE_SECTION)
            && rt->line_height > 0 && rt->line_height < opt->headline_min_ratio * pt->body_height
            && text_lines(rt) <= ROLE_INLINE_MAX_LINES && inside_body_column(pt, i))
            rt->role = BS_ROLE_BODY;
    }
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (rt->line_height <= 0)
            continue;
        double ratio = rt->line_height / pt->body_height;
        if (plain(rt->role) && ratio >= opt->headline_min_ratio && !has_jump_line(rt)
            && text_lines(rt) <= ROLE_HEADLINE_MAX_LINES && rt->nchars <= ROLE_HEADLINE_MAX_CHARS)
            rt->role = BS_ROLE_HEADLINE;
        else if (rt->role == BS_ROLE_HEADLINE && ratio < opt->subhead_max_ratio)
            rt->role = BS_ROLE_BODY;
        /* A "headline" of marks alone ("|": a speck or a rule's stub
         * read as text) heads no story; as body it adds a character at
         * most where it would have started an empty article. */
        if (rt->role == BS_ROLE_HEADLINE && rt->nchars > 0 && !has_word_char(rt))
            rt->role = BS_ROLE_BODY;
    }
}

/* Caption and credit formulas, whatever the size, on short blocks: a
 * longer block that opens with "图为..." is a caption and the column text
 * OCR merged with it, split by paragraphs later. */
static void mark_caption_formulas(bs_page_text *pt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!plain(rt->role) || rt->nchars == 0 || text_lines(rt) > ROLE_CAPTION_FORMULA_LINES)
            continue;
        char *text = bs_rtext_joined(rt, BS_LINE_TEXT, 1, NULL);
        if (bs_line_is_caption(text))
            rt->role = BS_ROLE_CAPTION;
        free(text);
    }
}

/* A short block right under a photo and no wider than it. */
static void mark_photo_captions(bs_page_text *pt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!plain(rt->role) || rt->nchars == 0 || text_lines(rt) > ROLE_CAPTION_MAX_LINES)
            continue;
        for (size_t k = 0; k < pt->n; k++) {
            const bs_rtext *ph = &pt->r[k];
            if (ph->role != BS_ROLE_PHOTO)
                continue;
            int gap = rt->box.y - (ph->box.y + ph->box.h);
            int ov = (rt->box.x + rt->box.w < ph->box.x + ph->box.w ? rt->box.x + rt->box.w
                                                                    : ph->box.x + ph->box.w)
                     - (rt->box.x > ph->box.x ? rt->box.x : ph->box.x);
            double lh = pt->body_height > 0 ? pt->body_height : rt->line_height;
            if (gap >= -lh / 2 && gap <= ROLE_CAPTION_GAP_LINES * lh
                && ov >= ROLE_CAPTION_XOVERLAP * rt->box.w
                && rt->box.w <= ROLE_CAPTION_MAX_WIDEN * ph->box.w) {
                rt->role = BS_ROLE_CAPTION;
                break;
            }
        }
    }
}

/* The second line of a byline broken after a name: "and Andrew Reed". */
static int byline_continues(const char *line)
{
    const char *rest = NULL;
    if (strncmp(line, "and ", 4) == 0)
        rest = line + 4;
    else if (strncmp(line, "& ", 2) == 0)
        rest = line + 2;
    if (!rest)
        return 0;
    size_t n = strlen(rest);
    char *by = bs_xmalloc(n + 4);
    memcpy(by, "By ", 3);
    memcpy(by + 3, rest, n + 1);
    int ok = bs_line_is_byline(by);
    free(by);
    return ok;
}

/* The region's text lines become byline lines and the region a byline. */
static void make_byline(bs_rtext *rt)
{
    rt->role = BS_ROLE_BYLINE;
    for (size_t l = 0; l < rt->nlines; l++)
        if (rt->kind[l] == BS_LINE_TEXT)
            rt->kind[l] = BS_LINE_BYLINE;
}

/* A byline set in bold, or in a larger size, has headline type to the
 * layout; a short one the layout cut in two ("From Staff and Wire" /
 * "Reports") is two regions.  Its formula holds at any size, so a
 * headline region that is a byline, or a short region that with the one
 * right under it in the same column makes one, is a byline. */
static void mark_split_bylines(bs_page_text *pt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *a = &pt->r[i];
        if (!(plain(a->role) || a->role == BS_ROLE_HEADLINE) || a->nchars == 0
            || text_lines(a) > ROLE_BYLINE_LEAD_LINES)
            continue;
        char *ja = bs_rtext_joined(a, BS_LINE_TEXT, 1, NULL);
        if (a->role == BS_ROLE_HEADLINE && bs_line_is_byline(ja)) {
            make_byline(a);
            free(ja);
            continue;
        }
        for (size_t k = 0; k < pt->n; k++) {
            bs_rtext *b = &pt->r[k];
            if (k == i || !(plain(b->role) || b->role == BS_ROLE_HEADLINE) || b->nchars == 0
                || text_lines(b) > ROLE_BYLINE_LEAD_LINES)
                continue;
            double lh = a->line_height > b->line_height ? a->line_height : b->line_height;
            int gap = b->box.y - (a->box.y + a->box.h);
            int ov = (a->box.x + a->box.w < b->box.x + b->box.w ? a->box.x + a->box.w
                                                                : b->box.x + b->box.w)
                     - (a->box.x > b->box.x ? a->box.x : b->box.x);
            if (gap < -lh / 2 || gap > ROLE_BYLINE_SPLIT_GAP * lh || ov <= 0)
                continue;
            char *jb = bs_rtext_joined(b, BS_LINE_TEXT, 1, NULL);
            bs_strbuf both = BS_STRBUF_INIT;
            bs_strbuf_addf(&both, "%s %s", ja, jb);
            if (bs_line_is_byline(both.buf)) {
                make_byline(a);
                make_byline(b);
            }
            bs_strbuf_release(&both);
            free(jb);
            break;
        }
        free(ja);
    }
}

static void mark_bylines_and_decks(bs_page_text *pt)
{
    mark_split_bylines(pt);
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        if (!plain(rt->role) || rt->nchars == 0)
            continue;
        size_t lead = 0, seen = 0, text = 0;
        for (size_t l = 0; l < rt->nlines; l++) {
            if (rt->kind[l] != BS_LINE_TEXT)
                continue;
            text++;
            if (seen < ROLE_BYLINE_LEAD_LINES && seen == lead
                && (bs_line_is_byline(rt->spaced[l])
                    || (lead > 0 && byline_continues(rt->spaced[l]))))
                lead++;
            seen++;
        }
        if (!lead && text <= ROLE_BYLINE_LEAD_LINES) {
            /* A byline broken over lines: "本报讯（记者 薛健" / "通讯员 崔洋）". */
            char *joined = bs_rtext_joined(rt, BS_LINE_TEXT, 1, NULL);
            if (bs_line_is_byline(joined))
                lead = text;
            free(joined);
        }
        if (lead && lead == text) {
            rt->role = BS_ROLE_BYLINE;
            for (size_t l = 0; l < rt->nlines; l++)
                if (rt->kind[l] == BS_LINE_TEXT)
                    rt->kind[l] = BS_LINE_BYLINE;
            continue;
        }
        for (size_t l = 0, k = 0; l < rt->nlines && k < lead; l++)
            if (rt->kind[l] == BS_LINE_TEXT) {
                rt->kind[l] = BS_LINE_BYLINE;
                k++;
            }
        if (!lead && text <= ROLE_DECK_MAX_LINES) {
            for (size_t l = 0; l < rt->nlines; l++)
                if (rt->kind[l] == BS_LINE_TEXT) {
                    if (strncmp(rt->norm[l], "——", strlen("——")) == 0)
                        rt->role = BS_ROLE_DECK;
                    break;
                }
        }
    }
}

void bs_region_roles(bs_page_text *pt, const bs_region_role_options *opt)
{
    bs_region_role_options def = bs_region_role_options_default();
    if (!opt)
        opt = &def;
    /* Formulas first (they hold at any size), then sizes, then the
     * geometric captions (a headline under a photo is not a caption). */
    mark_jumps(pt);
    mark_masthead(pt, opt);
    mark_furniture(pt, opt);
    mark_furniture_neighbours(pt, opt);
    mark_caption_formulas(pt);
    mark_bylines_and_decks(pt);
    mark_sizes(pt, opt);
    mark_photo_captions(pt);
}
