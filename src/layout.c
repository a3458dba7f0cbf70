/*
 * layout.c - layout analysis of a preprocessed page; see layout.h.
 *
 * Public functions:
 *     bs_layout_options_default, bs_layout_analyse
 *
 * Method.  Rules (rules.c) and photos (halftone.c) are found first and
 * erased from a copy of the binary page, leaving a mask of text ink.  The
 * mask is cut into line segments (textlines.c), pieces of text lines that
 * never cross a column gutter, and the height of body lines is their
 * width-weighted median: body text covers most of a newspaper page, so
 * the median is the body size whatever the headlines do.  Gutters are
 * found in the white space between the segments (columns.c).
 *
 * Everything else is grouping, with union-find, under rules that a person
 * laying out a page follows too:
 *  - Pieces side by side on one row with at most a word space between
 *    them, and no gutter, are a text line.  Lines, not pieces, are sized:
 *    a line's size is the larger of its height over the body line height
 *    and its most common glyph height over the page's (x-height for Latin,
 *    whose line heights depend on ascenders and descenders; line height
 *    for CJK lines full of digits, which are shorter than ideographs).
 *  - Lines of type much larger than body text, or somewhat larger and
 *    clearly bolder (stroke width against the body's), are headline type;
 *    bold lines of the same size right above or below them too.  Headline
 *    lines side by side join unless the white between them is an article
 *    boundary (a rule, or a gutter starting right under it); headline
 *    lines stacked closely with the same type size join into one headline:
 *    one region per headline, however many columns it spans.  Small marks
 *    inside a headline's box (its punctuation) belong to it.
 *  - The other lines join into blocks: lines above each other with at
 *    most a line's gap between them, overlapping sideways or forming a
 *    paragraph break (a short last line, an indented first line).  Two
 *    lines never join across a gutter or a vertical rule (a line spanning
 *    two columns, such as a deck, stays apart from the columns under it),
 *    nor across a horizontal rule, so a block is the text of one column of
 *    one article between gaps and rules.  A small block lying inside
 *    another joins it, and a block whose box would cover another block
 *    (an L shape) is cut, so that OCR reads every line once.
 * Roles then follow from size and position: the huge type at the top of
 * the page is the masthead and the small lines under it the dateline; on
 * other pages the line above the top rule is the running head; a small
 * block just above or below a photo is its caption; a block of mid-sized
 * type just above or below a headline is its kicker or deck, and with no
 * headline beside it, the headline itself; a one-line headline standing
 * on a rule is a section label.  The column grid comes from the body
 * blocks (columns.c), and every region gets its column and span.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "halftone.h"
#include "intmath.h"
#include "rules.h"
#include "textlines.h"
#include "xalloc.h"

/* Segment kinds (bs_seg.kind). */
enum { SEG_TEXT = 0, SEG_TALL, SEG_ABSORBED };

/* Headline type: lines whose glyphs (ideograph height, x-height) are at
 * least this many times the page's most common glyph height.  Newspaper
 * headlines are set at twice the body size or more; decks and subheads at
 * 1.2-1.4 (they stay body-like blocks). */
#define LAY_HEAD_MIN_RATIO 1.5
/* Bold headline type can be only a little larger than body type (a black
 * sans headline at 1.2-1.3 times a light Song body, a bold sans brief
 * headline over serif body): lines of at least LAY_BOLD_MIN_RATIO times
 * the body size whose strokes are LAY_BOLD_STROKE times as wide as body
 * strokes are headline type too.  Measured stroke ratios: CJK bylines
 * 1.18-1.25, Latin bold sans headlines 1.36-1.40, CJK bold headlines
 * 1.8-2.3; bold subheads in body size stay body. */
#define LAY_BOLD_MIN_RATIO 1.1
/* A bold line of near-body size is a headline only if it holds a few
 * glyphs (a single bold letter or figure in the body is emphasis). */
#define LAY_BOLD_MIN_ASPECT 2.0
#define LAY_BOLD_STROKE 1.3
/* On a CJK page a brief's headline is often a heavy sans at body size or
 * a little under it (measured 0.93, stroke 1.65 times a Song body's):
 * lines of at least LAY_BRIEF_MIN_RATIO times the body size with strokes
 * LAY_BRIEF_STROKE times the body's are headline type.  Bylines
 * (1.18-1.25) and emphasis in a medium weight stay body.  (Latin bold at
 * body size is a byline or a run-in head more often than a headline.) */
#define LAY_BRIEF_MIN_RATIO 0.85
#define LAY_BRIEF_STROKE 1.5
/* ...and hold at least this many glyphs' width: the first line of a
 * brief's headline fills its column (its short last line joins it as a
 * bold neighbour), while a bold figure or word of emphasis, or a jump
 * line at the top of a column ("(本文接第一版)", 7-8 glyphs, often set in
 * the same heavy sans), is not a headline. */
#define LAY_BRIEF_MIN_ASPECT 9.0
/* ...or, in a narrow column, at least LAY_BRIEF_STACK_ASPECT glyphs' width
 * with another such heavy line right above or below it: a headline of two
 * or three lines of seven or eight glyphs ("紀念中共中央發 / 佈“五一口號”
 * 75週 / 年座談會在京舉行"); a jump line stands alone over the body. */
#define LAY_BRIEF_STACK_ASPECT 4.0
/* Body stroke reference: body-sized segments at least this many times as
 * wide as tall (whole lines, not marks), at most LAY_STROKE_SAMPLE of
 * them. */
#define LAY_STROKE_MIN_ASPECT 3
#define LAY_STROKE_SAMPLE 200
/* A headline segment is at least this wide for its height: taller
 * narrow pieces are brackets or bars, not a line of type. */
#define LAY_HEAD_MIN_ASPECT 0.5
/* Headline-sized pieces whose glyphs are at most LAY_ROW_WORD_MAX
 * x-heights (char_h), with body text on their row at most
 * LAY_ROW_WORD_GAP body line heights away and no gutter between, are
 * words of that row: justified spaces in a narrow column, on a line of
 * few long words, were measured at up to 1.8 line heights; headline type
 * is 2 x-heights and more, or bold (its stroke test is done on whole
 * lines). */
#define LAY_ROW_WORD_MAX 1.75
#define LAY_ROW_WORD_GAP 2.5
/* ...where the body text on the row is at least this many body line
 * heights tall (a word; a dot or comma is a fifth to a quarter). */
#define LAY_ROW_WORD_MIN_H 0.5
/* Headline pieces on one line: vertical overlap of half the smaller
 * height, heights within LAY_HEAD_SIZE_RATIO, and a gap of at most
 * LAY_HEAD_WORD_GAP of their height (a word space or a full-width space
 * between the two halves of a Chinese headline). */
#define LAY_HEAD_SIZE_RATIO 1.5
/* Latin words of one line differ more: "to" has no descender and half an
 * ascender, "Guilty" both (measured 63 and 96 px).  A piece lying within
 * the other's rows (to LAY_HEAD_NESTED_TOL of the taller's height) and at
 * least 1/LAY_HEAD_NESTED_RATIO of its height is on its line. */
#define LAY_HEAD_NESTED_RATIO 2.0
#define LAY_HEAD_NESTED_TOL 0.1
#define LAY_HEAD_WORD_GAP 1.2
/* A gutter under the white between two headlines separates them when it
 * starts at most this many body line heights under them: the two bodies
 * may start a line apart, under a second headline line or a byline, and an
 * indented first line hides the gutter for one more line. */
#define LAY_HEAD_GUTTER_BELOW 4.0
/* ...plus this many heights of the headline line, for the second line of
 * a two-line headline over each article. */
#define LAY_HEAD_MORE_LINES 1.5
/* ...and the white between them is at least this share of their height. */
#define LAY_HEAD_SPLIT_GAP 0.5
/* A headline piece that reaches more than LAY_HEAD_GUTTER_INTRUDE body
 * line heights into the gutter starting under it, or another piece of the
 * row standing in that gutter ("dlrs" between two halves of a deck), is
 * set across that gutter: type of one column's story stays inside its column's measure,
 * and the gutter's edges are those of the body lines, to the pixel of the
 * half-resolution map. */
#define LAY_HEAD_GUTTER_INTRUDE 0.15
/* A gutter starting further under the pieces than LAY_HEAD_GUTTER_BELOW
 * still parts them when the white above it runs up clear to them, at most
 * this many of their line heights: two headlines of up to four lines each,
 * side by side, over the two columns the gutter parts. */
#define LAY_HEAD_CHANNEL_MAX 6.0
/* Headline lines stacked into one headline: gap at most this share of the
 * smaller line height (headline leading is 10-40 percent), heights within
 * LAY_HEAD_STACK_RATIO (a kicker or deck in smaller type stays apart). */
#define LAY_HEAD_STACK_GAP 0.6
#define LAY_HEAD_STACK_RATIO 1.3
/* ...or glyph heights within this ratio (Latin line heights vary with
 * ascenders and descenders; x-heights do not), or, on a Latin page,
 * ascents (top to baseline) within it: a line of capitals and short
 * words ("U.S. Excise Tax Hikes") votes a cap height where the line above
 * votes an x-height (48 and 30 px), while both ascents measure 50. */
#define LAY_HEAD_GLYPH_RATIO 1.15
/* A bold line next to headline type joins it when its glyphs (or, in
 * Latin type, ascents) are at least LAY_ADOPT_GLYPH times as large as the
 * headline's and vice versa; a
 * headline of LAY_ADOPT_PASSES lines is adopted line by line. */
#define LAY_ADOPT_GLYPH 0.85
#define LAY_ADOPT_PASSES 4
/* Masthead: headline type at least this many body line heights tall whose
 * top lies in the top LAY_MAST_TOP share of the page. */
#define LAY_MAST_MIN_RATIO 3.0
#define LAY_MAST_TOP 0.2
/* Text blocks: pieces of one line join across gaps of up to
 * LAY_WORD_GAP body line heights (less than the narrowest gutter, so that
 * columns do not join where a gutter went undetected); lines join when
 * the white between their boxes is at most LAY_LINE_GAP line heights
 * (leading is 0.3-0.7, up to 1 between Latin paragraphs or between a line
 * without descenders and one without ascenders; wider, 1.6, also joins
 * a dateline to the story under it) and they are at
 * most LAY_LINE_HDIST apart sideways: a paragraph's short last line and
 * the indented first line of the next touch without overlapping, while the
 * last line of one column and the first of the next are a gutter (0.7 or
 * more) apart. */
#define LAY_WORD_GAP 0.6
#define LAY_LINE_GAP 1.2
#define LAY_LINE_HDIST 0.3
/* A paragraph break: the short last line of a paragraph, which starts its
 * row (no text within LAY_ROW_START glyphs to its left), and the next,
 * indented line, which starts at most LAY_INDENT_MAX glyphs right of it
 * (indents are 1-2 em) and at most LAY_INDENT_END glyphs from the short
 * line's end.  The next column starts a whole column further. */
#define LAY_ROW_START 2.0
#define LAY_INDENT_MAX 3.5
#define LAY_INDENT_END 1.0
/* Lines of very different size do not join into one block. */
#define LAY_LINE_SIZE_RATIO 1.6
/* A gutter may start this many body line heights under the first line of
 * its column (see bs_gutters_separate): a byline and an indented line can
 * hide its first two lines. */
#define LAY_GUTTER_LEAD 3.0
/* A word standing in a gutter is at most this many glyph heights wider
 * than the gutter (a gutter is 1-3 glyphs wide, a short word 2-5). */
#define LAY_GUTTER_WORD_MAX 4.0
/* Boxes overlapping by at least this many body line heights in both
 * directions overlap for split_overlapping_blocks. */
#define LAY_OVERLAP_MIN 0.5
/* A block with at least this share of its box inside a larger block's box
 * joins it. */
#define LAY_NESTED_FRACT 0.6
/* Blocks smaller than this in both directions, in body line heights, are
 * stray marks, not text. */
#define LAY_MIN_BLOCK 0.5
/* Mid-sized type (kicker, deck): blocks whose text is at least this many
 * body line heights tall. */
#define LAY_MID_RATIO 1.2
/* A block of mid-sized type at most this many of its line heights tall
 * (three lines and their leading) is a headline when no headline is
 * beside it, and a kicker or deck when one is; a taller one is body. */
#define LAY_MID_HEAD_LINES 4.5
/* Neighbourhood for captions, kickers, decks: at most this many body line
 * heights away. */
#define LAY_NEAR 1.5
/* Dateline: one line (at most LAY_RUNHEAD_MAX_H body line heights) whose
 * top is at most LAY_DATELINE_NEAR body line heights below the masthead. */
#define LAY_DATELINE_NEAR 3.0
/* Section label: a one-line headline with a rule at most LAY_SECTION_RULE
 * body line heights under it, the rule at least as wide as the label. */
#define LAY_SECTION_RULE 0.6
/* A caption is at most this many body line heights tall. */
#define LAY_CAPTION_MAX_H 6.0
/* Running head: a page-wide rule (at least LAY_TOPRULE_MIN_W of the page
 * width) in the top LAY_TOPRULE_TOP of the page, with one line of text
 * (at most LAY_RUNHEAD_MAX_H body line heights) above it. */
#define LAY_TOPRULE_MIN_W 0.5
#define LAY_TOPRULE_TOP 0.15
#define LAY_RUNHEAD_MAX_H 2.5
/* Layout confidences: priors for how sure each kind of finding is; OCR
 * replaces them with its own for text regions. */
#define LAY_CONF_RULE 0.95f
#define LAY_CONF_PHOTO 0.8f
#define LAY_CONF_HEADLINE 0.85f
#define LAY_CONF_BODY 0.9f
#define LAY_CONF_FURNITURE 0.7f

typedef struct lay_item {
    bs_role role;
    bs_box box;
    float conf;
    float text_h;
} lay_item;

typedef struct lay_ctx {
    int width, height;
    int char_h;
    float body_h;
    float stroke_ref; /* median stroke width of body lines, px */
    bs_seg *segs;
    size_t nsegs;
    bs_box *gutters; /* gutters and vertical rules */
    size_t ngutters;
    BOXA *hrules, *vrules, *photos;
    lay_item *items;
    size_t nitems, items_cap;
} lay_ctx;

bs_layout_options bs_layout_options_default(void)
{
    bs_layout_options o;
    memset(&o, 0, sizeof(o));
    o.find_photos = 1;
    o.find_rules = 1;
    return o;
}

/* ---- small geometry helpers ------------------------------------------ */

static int x_overlap(bs_box a, bs_box b)
{
    return bs_imin(a.x + a.w, b.x + b.w) - bs_imax(a.x, b.x);
}

static int y_overlap(bs_box a, bs_box b)
{
    return bs_imin(a.y + a.h, b.y + b.h) - bs_imax(a.y, b.y);
}

static bs_box boxa_get(BOXA *boxa, int i)
{
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
    return (bs_box){x, y, w, h};
}

/* ---- union-find ------------------------------------------------------- */

static int uf_find(int *parent, int i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void uf_join(int *parent, int a, int b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b;
}

/* ---- separators ------------------------------------------------------- */

/* 1 when a horizontal rule lies between a (above) and b (below). */
static int rule_between(const lay_ctx *c, bs_box a, bs_box b)
{
    int n = c->hrules ? boxaGetCount(c->hrules) : 0;
    bs_box u = bs_box_union(a, b);
    for (int i = 0; i < n; i++) {
        bs_box r = boxa_get(c->hrules, i);
        int ry = r.y + r.h / 2;
        if (ry <= a.y + a.h / 2 || ry >= b.y + b.h / 2)
            continue;
        if (x_overlap(r, u) > 0)
            return 1;
    }
    return 0;
}

/* 1 when a segment at least min_h px tall stands in the channel x0..x1
 * between rows y0 and y1. */
static int channel_crossed(const lay_ctx *c, int x0, int x1, int y0, int y1, double min_h)
{
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_box s = c->segs[i].box;
        if (s.h >= min_h && s.x < x1 && s.x + s.w > x0 && s.y < y1 && s.y + s.h > y0)
            return 1;
    }
    return 0;
}

/* No segment stands in the white channel x0..x1 between rows y0 and y1:
 * the gutter below reaches up to y0 between the lines of two headlines
 * set side by side. */
static int channel_clear(const lay_ctx *c, int x0, int x1, int y0, int y1)
{
    return !channel_crossed(c, x0, x1, y0, y1, 0.0);
}

/* Two headline pieces side by side on one row belong to two articles
 * when a gutter or vertical rule stands in the white between them, beside
 * them or starting right under them (the gutter between the articles'
 * bodies) with neither piece reaching into it.  A gutter ending above a headline, or under one of its words,
 * says nothing about the headline. */
static int head_separated(const lay_ctx *c, bs_box a, bs_box b)
{
    const bs_box *l = a.x <= b.x ? &a : &b, *r = l == &a ? &b : &a;
    int gap0 = l->x + l->w, gap1 = r->x;
    bs_box u = bs_box_union(a, b);
    int below = (int)(LAY_HEAD_GUTTER_BELOW * c->body_h + LAY_HEAD_MORE_LINES * u.h);
    /* A gutter under an ordinary letter gap says nothing: only a space of
     * half an em or more can be the white between two articles. */
    int wide_gap = gap1 - gap0 >= LAY_HEAD_SPLIT_GAP * bs_imin(a.h, b.h);
    int tol = (int)(LAY_HEAD_GUTTER_INTRUDE * c->body_h);
    int reach = bs_imax(below, (int)(LAY_HEAD_CHANNEL_MAX * u.h));
    for (size_t i = 0; i < c->ngutters; i++) {
        bs_box g = c->gutters[i];
        int cx = g.x + g.w / 2;
        if (cx < gap0 || cx > gap1)
            continue;
        if (y_overlap(g, u) > u.h / 2)
            return 1;
        if (!wide_gap || g.y < u.y + u.h / 2 || g.y > u.y + u.h + reach)
            continue;
        /* The cheap tests first: the channel scans read every segment. */
        int x0 = g.x + tol, x1 = g.x + g.w - tol;
        if (gap0 > x0 || gap1 < x1 || !channel_clear(c, x0, x1, u.y, u.y + u.h))
            continue; /* set across the gutter */
        /* Near, the gutter may start under a byline or an indent, but
         * not under a line of text running across it: the pieces' own
         * second line ("层网底 加快建设健康中国" under "“十四五”】"), or
         * their deck over both columns.  Marks (an i's dot) do not count. */
        if ((g.y <= u.y + u.h + below && !channel_crossed(c, x0, x1, u.y + u.h, g.y, LAY_ROW_WORD_MIN_H * c->body_h)) ||
            channel_clear(c, x0, x1, u.y + u.h, g.y))
            return 1;
    }
    return 0;
}

static int separated(const lay_ctx *c, bs_box a, bs_box b)
{
    return bs_gutters_separate(c->gutters, c->ngutters, a, b, (int)(LAY_GUTTER_LEAD * c->body_h));
}

/* 1 when the piece s stands in a gutter that starts under it: its middle
 * lies in the gutter and it is at most LAY_GUTTER_WORD_MAX glyph heights
 * wider.  Only a line running across the columns (a deck, "dlrs" of
 * "108 billion dlrs as its") puts a word there; body lines end at the
 * gutter's edges, which are found from them. */
static int in_gutter(const lay_ctx *c, bs_box s)
{
    int cx = s.x + s.w / 2;
    for (size_t i = 0; i < c->ngutters; i++) {
        bs_box g = c->gutters[i];
        if (cx >= g.x && cx <= g.x + g.w && g.y >= s.y + s.h / 2 && s.w <= g.w + LAY_GUTTER_WORD_MAX * c->char_h)
            return 1;
    }
    return 0;
}

/* ---- items ------------------------------------------------------------ */

static lay_item *add_item(lay_ctx *c, bs_role role, bs_box box, float conf, float text_h)
{
    BS_ARRAY_GROW(c->items, c->items_cap, c->nitems + 1);
    lay_item *it = &c->items[c->nitems++];
    it->role = role;
    it->box = box;
    it->conf = conf;
    it->text_h = text_h;
    return it;
}

/* Width-weighted median height of the segments of group g. */
static float group_text_height(const lay_ctx *c, int g)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nsegs; i++)
        n += c->segs[i].group == g;
    if (n == 0)
        return 0;
    bs_seg *tmp = bs_xmalloc(n * sizeof(*tmp));
    size_t k = 0;
    for (size_t i = 0; i < c->nsegs; i++)
        if (c->segs[i].group == g)
            tmp[k++] = c->segs[i];
    float h = bs_textlines_body_height(tmp, n);
    free(tmp);
    return h;
}

/* ---- finding ---------------------------------------------------------- */

static int cmp_seg_top(const void *a, const void *b)
{
    const bs_seg *x = a, *y = b;
    if (x->box.y != y->box.y)
        return x->box.y < y->box.y ? -1 : 1;
    return (x->box.x > y->box.x) - (x->box.x < y->box.x);
}

/* Rules inside or along a photo are its frame or its content. */
/* A picture fills its frame.  A pale part of a halftone (a light sky
 * with sparse dots) can fail both photo detectors, leaving the picture
 * cut short and its pale part to be read as text, or as a white channel
 * that passes for a gutter.  A rule hugging one edge of a picture (at most
 * LAY_FRAME_TOL glyph heights off it), running along at least half of that
 * edge and at most LAY_FRAME_MAX_LEN times its length (a column rule beside
 * a picture runs the whole column), is the picture's frame, and the
 * picture is grown to its length: a side of the frame gives the height, the
 * top or bottom the width. */
#define LAY_FRAME_TOL 0.3
#define LAY_FRAME_MAX_LEN 2.0

static bs_box transpose(bs_box b)
{
    return (bs_box){b.y, b.x, b.h, b.w};
}

/* Picture p grown along the vertical rule r when r is a side of its frame
 * (horizontal rules go through transpose()). */
static bs_box grow_to_side(bs_box p, bs_box r, int tol)
{
    int mid = r.x + r.w / 2;
    int side = abs(mid - p.x) <= tol || abs(mid - (p.x + p.w)) <= tol;
    if (!side || y_overlap(r, p) < p.h / 2 || r.h > LAY_FRAME_MAX_LEN * p.h)
        return p;
    int y0 = bs_imin(p.y, r.y), y1 = bs_imax(p.y + p.h, r.y + r.h);
    p.y = y0;
    p.h = y1 - y0;
    return p;
}

static void fill_photo_frames(BOXA *photos, BOXA *hrules, BOXA *vrules, int char_h)
{
    int np = photos ? boxaGetCount(photos) : 0;
    int tol = (int)(LAY_FRAME_TOL * char_h) + 1;
    for (int i = 0; i < np; i++) {
        bs_box p = boxa_get(photos, i);
        /* Twice: the side found first may reach the top rule. */
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; vrules && k < boxaGetCount(vrules); k++)
                p = grow_to_side(p, boxa_get(vrules, k), tol);
            for (int k = 0; hrules && k < boxaGetCount(hrules); k++)
                p = transpose(grow_to_side(transpose(p), transpose(boxa_get(hrules, k)), tol));
        }
        boxaReplaceBox(photos, i, boxCreate(p.x, p.y, p.w, p.h));
    }
}

static BOXA *drop_rules_in_photos(BOXA *rules, BOXA *photos, int margin)
{
    int n = boxaGetCount(rules), np = photos ? boxaGetCount(photos) : 0;
    BOXA *out = boxaCreate(n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        bs_box r = boxa_get(rules, i);
        int inside = 0;
        for (int j = 0; j < np && !inside; j++) {
            bs_box p = boxa_get(photos, j);
            inside = r.x >= p.x - margin && r.y >= p.y - margin && r.x + r.w <= p.x + p.w + margin &&
                     r.y + r.h <= p.y + p.h + margin;
        }
        if (!inside)
            boxaAddBox(out, boxaGetBox(rules, i, L_COPY), L_INSERT);
    }
    return out;
}

/* Replace the segments by text lines: pieces side by side on one row with
 * at most a word gap between them and no gutter.  Lines, not pieces, are
 * classified: a Latin word's height depends on its letters (ascenders,
 * descenders), a line's much less. */
static void join_lines(lay_ctx *c)
{
    size_t n = c->nsegs;
    if (n == 0)
        return;
    int *parent = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        parent[i] = (int)i;
    int max_gap = (int)(LAY_WORD_GAP * c->body_h);
    for (size_t i = 0; i < n; i++) {
        bs_box a = c->segs[i].box;
        for (size_t j = i + 1; j < n && c->segs[j].box.y < a.y + a.h; j++) {
            bs_box b = c->segs[j].box;
            int hmin = bs_imin(a.h, b.h);
            if (y_overlap(a, b) < (hmin + 1) / 2 || -x_overlap(a, b) > max_gap)
                continue;
            if (separated(c, a, b) && !in_gutter(c, a) && !in_gutter(c, b))
                continue;
            uf_join(parent, (int)i, (int)j);
        }
    }
    bs_seg *lines = bs_xcalloc(n, sizeof(bs_seg));
    int *slot = bs_xmalloc(n * sizeof(int));
    size_t nl = 0;
    for (size_t i = 0; i < n; i++)
        slot[i] = -1;
    for (size_t i = 0; i < n; i++) {
        int r = uf_find(parent, (int)i);
        if (slot[r] < 0) {
            slot[r] = (int)nl;
            lines[nl].box = c->segs[i].box;
            lines[nl].group = -1;
            nl++;
        } else {
            bs_seg *l = &lines[slot[r]];
            l->box = bs_box_union(l->box, c->segs[i].box);
        }
    }
    free(slot);
    free(parent);
    free(c->segs);
    qsort(lines, nl, sizeof(*lines), cmp_seg_top);
    c->segs = lines;
    c->nsegs = nl;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Median stroke width of body lines, spread evenly over the page. */
static float body_stroke(const lay_ctx *c, PIX *text)
{
    size_t cand = 0;
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_box b = c->segs[i].box;
        cand += b.w >= LAY_STROKE_MIN_ASPECT * b.h && b.h <= LAY_BOLD_MIN_RATIO * c->body_h;
    }
    if (cand == 0)
        return 0;
    size_t step = cand / LAY_STROKE_SAMPLE + 1, k = 0, n = 0;
    float *sw = bs_xmalloc((cand / step + 1) * sizeof(float));
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_box b = c->segs[i].box;
        if (!(b.w >= LAY_STROKE_MIN_ASPECT * b.h && b.h <= LAY_BOLD_MIN_RATIO * c->body_h))
            continue;
        if (k++ % step == 0)
            sw[n++] = bs_textlines_stroke(text, b);
    }
    qsort(sw, n, sizeof(float), cmp_float);
    float med = sw[n / 2];
    free(sw);
    return med;
}

/* Segments lying mostly inside a photo (grown by a glyph: its box comes
 * from tiles and may miss a frame or an edge) are part of it. */
static void drop_segments_in_photos(lay_ctx *c)
{
    int np = boxaGetCount(c->photos);
    if (np == 0)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_box s = c->segs[i].box;
        long area = (long)s.w * s.h, in = 0;
        for (int j = 0; j < np; j++) {
            bs_box p = boxa_get(c->photos, j);
            p = (bs_box){p.x - c->char_h, p.y - c->char_h, p.w + 2 * c->char_h, p.h + 2 * c->char_h};
            in += bs_box_overlap_area(s, p);
        }
        if (2 * in < area)
            c->segs[kept++] = c->segs[i];
    }
    c->nsegs = kept;
}

static void classify_segments(lay_ctx *c, PIX *text)
{
    float ref = body_stroke(c, text);
    c->stroke_ref = ref;
    int cjk = !bs_textlines_latin(c->char_h, c->body_h);
    unsigned char *heavy = bs_xcalloc(c->nsegs + 1, 1); /* heavy, too short alone */
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_seg *s = &c->segs[i];
        s->group = -1;
        s->kind = SEG_TEXT;
        s->glyph_h = 0;
        if (s->box.w < LAY_HEAD_MIN_ASPECT * s->box.h)
            continue;
        s->glyph_h = bs_textlines_glyph_height(text, s->box);
        /* The larger of two size measures: glyph height fails on CJK
         * lines full of digits (shorter than ideographs), line height on
         * Latin lines without descenders. */
        double size = (double)s->glyph_h / c->char_h;
        if (s->box.h / c->body_h > size)
            size = s->box.h / c->body_h;
        if (size >= LAY_HEAD_MIN_RATIO) {
            s->kind = SEG_TALL;
            continue;
        }
        if (size < (cjk ? LAY_BRIEF_MIN_RATIO : LAY_BOLD_MIN_RATIO) || s->box.w < LAY_BOLD_MIN_ASPECT * s->box.h ||
            ref <= 0)
            continue;
        float stroke = bs_textlines_stroke(text, s->box) / ref;
        if ((size >= LAY_BOLD_MIN_RATIO && stroke >= LAY_BOLD_STROKE) ||
            (stroke >= LAY_BRIEF_STROKE && s->box.w >= LAY_BRIEF_MIN_ASPECT * s->box.h))
            s->kind = SEG_TALL;
        else if (cjk && stroke >= LAY_BRIEF_STROKE && s->box.w >= LAY_BRIEF_STACK_ASPECT * s->box.h)
            heavy[i] = 1;
    }
    /* Heavy lines stacked on one another are a brief's headline. */
    for (size_t i = 0; i < c->nsegs; i++) {
        for (size_t j = 0; heavy[i] && j < c->nsegs; j++) {
            const bs_box *a = &c->segs[i].box, *b = &c->segs[j].box;
            if (j == i || !heavy[j] || x_overlap(*a, *b) <= 0)
                continue;
            const bs_box *up = a->y < b->y ? a : b, *down = up == a ? b : a;
            int gap = down->y - (up->y + up->h);
            if (gap >= -bs_imin(a->h, b->h) / 2 && gap <= LAY_HEAD_STACK_GAP * bs_imin(a->h, b->h)) {
                c->segs[i].kind = SEG_TALL;
                break;
            }
        }
    }
    free(heavy);
    /* A piece standing between headline pieces of its height is part of
     * that headline: a narrow one (a bracket, a quotation mark: "】",
     * "“"), or a word of small letters ("dlrs" in an italic deck); left
     * out, it widens the gap between its neighbours past a word space.
     * So is a piece ending a headline line in the same heavy type ("75週"
     * after "佈“五一口號”": figures vote a smaller glyph height). */
    for (size_t i = 0; i < c->nsegs; i++) {
        bs_seg *s = &c->segs[i];
        if (s->kind != SEG_TEXT)
            continue;
        int left = 0, right = 0;
        for (size_t j = 0; j < c->nsegs && !(left && right); j++) {
            const bs_seg *t = &c->segs[j];
            int hmin = bs_imin(s->box.h, t->box.h), hmax = bs_imax(s->box.h, t->box.h);
            if (t->kind != SEG_TALL || y_overlap(s->box, t->box) < hmin / 2 ||
                hmax > LAY_HEAD_SIZE_RATIO * hmin || -x_overlap(s->box, t->box) > LAY_HEAD_WORD_GAP * hmax ||
                head_separated(c, s->box, t->box))
                continue;
            if (t->box.x + t->box.w <= s->box.x + s->box.w / 2)
                left = 1;
            else if (t->box.x >= s->box.x + s->box.w / 2)
                right = 1;
        }
        if ((left && right) || ((left || right) && ref > 0 && bs_textlines_stroke(text, s->box) >= LAY_BRIEF_STROKE * ref)) {
            s->kind = SEG_TALL;
            s->glyph_h = bs_textlines_glyph_height(text, s->box);
        }
    }
    /* On a Latin page, a marginally large piece on the row of body text
     * of its own column is a word of that text: a short word's commonest
     * glyph is its ascender ("of", "and": 1.5 x-heights), and a wide
     * justified space (more than LAY_WORD_GAP) leaves it alone on its
     * line.  Headlines stand on rows of their own.  (Ideographs have no
     * ascenders: a CJK piece's size is what it says.)  The body text must
     * be a word, not a mark (the dot of the "i" of a headline's "in" is
     * a piece of its own), and the test reads the kinds as they were
     * before it: one demoted word must not demote its neighbours in
     * turn, headline word by headline word. */
    if (!bs_textlines_latin(c->char_h, c->body_h))
        return;
    unsigned char *demote = bs_xcalloc(c->nsegs + 1, 1);
    for (size_t i = 0; i < c->nsegs; i++) {
        const bs_seg *s = &c->segs[i];
        if (s->kind != SEG_TALL || s->glyph_h > LAY_ROW_WORD_MAX * c->char_h)
            continue;
        for (size_t j = 0; j < c->nsegs && !demote[i]; j++) {
            const bs_seg *t = &c->segs[j];
            if (t->kind != SEG_TEXT || t->box.h < LAY_ROW_WORD_MIN_H * c->body_h ||
                y_overlap(s->box, t->box) < (bs_imin(s->box.h, t->box.h) + 1) / 2 ||
                -x_overlap(s->box, t->box) > LAY_ROW_WORD_GAP * c->body_h || separated(c, s->box, t->box))
                continue;
            demote[i] = 1;
        }
    }
    for (size_t i = 0; i < c->nsegs; i++)
        if (demote[i])
            c->segs[i].kind = SEG_TEXT;
    free(demote);
}

/* Bold lines directly above or below headline type, with glyphs of about
 * the same size, are more lines of the same headline, even when they
 * failed the size test alone (a Latin line without ascenders, a single
 * word). */
/* Glyphs of t and h within LAY_ADOPT_GLYPH of each other: their
 * commonest glyph heights, or on a Latin page their ascents (a line of
 * small letters votes an x-height, "Support for Drug Project" a cap
 * height, in the same type). */
static int same_glyphs(PIX *text, int latin, const bs_seg *t, const bs_seg *h)
{
    if (t->glyph_h >= LAY_ADOPT_GLYPH * h->glyph_h && h->glyph_h >= LAY_ADOPT_GLYPH * t->glyph_h)
        return 1;
    if (!latin)
        return 0;
    int at = bs_textlines_ascent(text, t->box), ah = bs_textlines_ascent(text, h->box);
    return at > 0 && ah > 0 && at >= LAY_ADOPT_GLYPH * ah && ah >= LAY_ADOPT_GLYPH * at;
}

static void adopt_bold_neighbours(lay_ctx *c, PIX *text)
{
    if (c->stroke_ref <= 0)
        return;
    int latin = bs_textlines_latin(c->char_h, c->body_h);
    for (int pass = 0, changed = 1; changed && pass < LAY_ADOPT_PASSES; pass++) {
        changed = 0;
        for (size_t i = 0; i < c->nsegs; i++) {
            bs_seg *t = &c->segs[i];
            if (t->kind != SEG_TEXT || t->glyph_h <= 0)
                continue;
            for (size_t j = 0; j < c->nsegs; j++) {
                const bs_seg *h = &c->segs[j];
                if (h->kind != SEG_TALL || h->glyph_h <= 0 || x_overlap(h->box, t->box) <= 0)
                    continue;
                const bs_box *up = h->box.y < t->box.y ? &h->box : &t->box;
                const bs_box *down = up == &h->box ? &t->box : &h->box;
                int gap = down->y - (up->y + up->h);
                if (gap > LAY_HEAD_STACK_GAP * h->box.h || gap < -h->box.h / 2 || rule_between(c, *up, *down) ||
                    !same_glyphs(text, latin, t, h))
                    continue;
                if (bs_textlines_stroke(text, t->box) < LAY_BOLD_STROKE * c->stroke_ref)
                    break;
                t->kind = SEG_TALL;
                changed = 1;
                break;
            }
        }
    }
}

/* Join tall segments into headlines; returns the number of groups and
 * sets each tall segment's group. */
static int group_headlines(lay_ctx *c, PIX *text, int first_group)
{
    size_t n = c->nsegs;
    int *parent = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        parent[i] = (int)i;
    /* Pieces of one line. */
    int latin = bs_textlines_latin(c->char_h, c->body_h);
    for (size_t i = 0; i < n; i++) {
        bs_seg *a = &c->segs[i];
        if (a->kind != SEG_TALL)
            continue;
        for (size_t j = i + 1; j < n && c->segs[j].box.y < a->box.y + a->box.h; j++) {
            bs_seg *b = &c->segs[j];
            if (b->kind != SEG_TALL)
                continue;
            int hmin = bs_imin(a->box.h, b->box.h), hmax = bs_imax(a->box.h, b->box.h);
            int nested = latin && y_overlap(a->box, b->box) >= hmin - LAY_HEAD_NESTED_TOL * hmax &&
                         hmax <= LAY_HEAD_NESTED_RATIO * hmin;
            if (y_overlap(a->box, b->box) < hmin / 2 || (hmax > LAY_HEAD_SIZE_RATIO * hmin && !nested))
                continue;
            int gap = -x_overlap(a->box, b->box);
            if (gap > LAY_HEAD_WORD_GAP * hmax || head_separated(c, a->box, b->box))
                continue;
            uf_join(parent, (int)i, (int)j);
        }
    }
    /* Line boxes, then stacking of lines. */
    bs_box *line = bs_xcalloc(n, sizeof(bs_box));
    int *has = bs_xcalloc(n, sizeof(int));
    int *lh = bs_xcalloc(n, sizeof(int)); /* tallest piece of the line */
    int *lg = bs_xcalloc(n, sizeof(int)); /* largest glyph height of the line */
    for (size_t i = 0; i < n; i++) {
        if (c->segs[i].kind != SEG_TALL)
            continue;
        int r = uf_find(parent, (int)i);
        line[r] = has[r] ? bs_box_union(line[r], c->segs[i].box) : c->segs[i].box;
        has[r] = 1;
        lh[r] = bs_imax(lh[r], c->segs[i].box.h);
        lg[r] = bs_imax(lg[r], c->segs[i].glyph_h);
    }
    int *la = bs_xcalloc(n, sizeof(int)); /* ascent of the line, Latin pages */
    for (size_t i = 0; latin && i < n; i++)
        if (has[i])
            la[i] = bs_textlines_ascent(text, line[i]);
    int *lparent = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        lparent[i] = (int)i;
    for (size_t i = 0; i < n; i++) {
        if (!has[i])
            continue;
        for (size_t j = 0; j < n; j++) {
            if (!has[j] || j == i)
                continue;
            bs_box a = line[i], b = line[j];
            if (b.y <= a.y)
                continue; /* b below a */
            int hmin = bs_imin(lh[i], lh[j]), hmax = bs_imax(lh[i], lh[j]);
            int gap = b.y - (a.y + a.h);
            if (gap > LAY_HEAD_STACK_GAP * hmin || gap < -hmin / 2)
                continue;
            /* Same type size: line heights agree, or, for Latin lines whose
             * heights depend on ascenders and descenders, glyph heights. */
            int gmin = bs_imin(lg[i], lg[j]), gmax = bs_imax(lg[i], lg[j]);
            int amin = bs_imin(la[i], la[j]), amax = bs_imax(la[i], la[j]);
            int same = hmax <= LAY_HEAD_STACK_RATIO * hmin || (gmin > 0 && gmax <= LAY_HEAD_GLYPH_RATIO * gmin) ||
                       (amin > 0 && amax <= LAY_HEAD_GLYPH_RATIO * amin);
            if (!same || x_overlap(a, b) <= 0)
                continue;
            /* No gutter test: a gutter climbs beside a short second line
             * up to the first; a rule does separate. */
            if (rule_between(c, a, b))
                continue;
            uf_join(lparent, (int)i, (int)j);
        }
    }
    /* Number the headlines. */
    int *gid = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        gid[i] = -1;
    int ng = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->segs[i].kind != SEG_TALL)
            continue;
        int root = uf_find(lparent, uf_find(parent, (int)i));
        if (gid[root] < 0)
            gid[root] = first_group + ng++;
        c->segs[i].group = gid[root];
    }
    free(gid);
    free(lparent);
    free(la);
    free(lg);
    free(lh);
    free(has);
    free(line);
    free(parent);
    return ng;
}

/* Box of all segments of group g. */
static bs_box group_box(const lay_ctx *c, int g)
{
    bs_box u = {0, 0, 0, 0};
    int any = 0;
    for (size_t i = 0; i < c->nsegs; i++) {
        if (c->segs[i].group != g)
            continue;
        u = any ? bs_box_union(u, c->segs[i].box) : c->segs[i].box;
        any = 1;
    }
    return u;
}

/* Small marks inside a headline's box are part of it. */
static void absorb_into_headlines(lay_ctx *c, int first, int count)
{
    for (int g = first; g < first + count; g++) {
        bs_box hb = group_box(c, g);
        for (size_t i = 0; i < c->nsegs; i++) {
            bs_seg *s = &c->segs[i];
            if (s->kind != SEG_TEXT)
                continue;
            int cx = s->box.x + s->box.w / 2, cy = s->box.y + s->box.h / 2;
            if (cx >= hb.x && cx < hb.x + hb.w && cy >= hb.y && cy < hb.y + hb.h) {
                s->kind = SEG_ABSORBED;
                s->group = g;
            }
        }
    }
}

/* 1 when segment i starts its row: no other text segment ends within
 * LAY_ROW_START glyphs to its left on the same row. */
static int starts_row(const lay_ctx *c, size_t i)
{
    bs_box a = c->segs[i].box;
    int reach = (int)(LAY_ROW_START * c->char_h);
    for (size_t j = 0; j < c->nsegs; j++) {
        bs_box b = c->segs[j].box;
        if (j == i || c->segs[j].kind == SEG_TALL)
            continue;
        if (y_overlap(a, b) < bs_imin(a.h, b.h) / 2)
            continue;
        int e = b.x + b.w;
        if (e <= a.x && e >= a.x - reach)
            return 0;
    }
    return 1;
}

/* 1 when up (segment iu) is the short last line of a paragraph and down
 * the indented first line of the next. */
static int paragraph_break(const lay_ctx *c, size_t iu, bs_box up, bs_box down)
{
    double g = c->char_h;
    if (!(up.x < down.x && 2 * up.w <= down.w))
        return 0;
    if (down.x - up.x > LAY_INDENT_MAX * g || abs(down.x - (up.x + up.w)) > LAY_INDENT_END * g)
        return 0;
    return starts_row(c, iu);
}

/* Join text segments into blocks; returns the number of blocks. */
static int group_blocks(lay_ctx *c, int first_group)
{
    size_t n = c->nsegs;
    int *parent = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        parent[i] = (int)i;
    float bh = c->body_h;
    int max_gap = (int)(LAY_LINE_GAP * bh);
    for (size_t i = 0; i < n; i++) {
        bs_seg *a = &c->segs[i];
        if (a->kind != SEG_TEXT)
            continue;
        /* Segments are sorted by top: look down until the gap is too big
         * for any segment as tall as a headline line. */
        int limit = a->box.y + a->box.h + max_gap;
        for (size_t j = i + 1; j < n && c->segs[j].box.y <= limit; j++) {
            bs_seg *b = &c->segs[j];
            if (b->kind != SEG_TEXT)
                continue;
            int hmin = bs_imin(a->box.h, b->box.h), hmax = bs_imax(a->box.h, b->box.h);
            int yov = y_overlap(a->box, b->box);
            int hgap = -x_overlap(a->box, b->box);
            if (yov >= hmin / 2) {
                /* Same line. */
                if (hgap > LAY_WORD_GAP * bh)
                    continue;
            } else {
                /* b is on a line below a. */
                const bs_box *up = a->box.y <= b->box.y ? &a->box : &b->box;
                const bs_box *down = up == &a->box ? &b->box : &a->box;
                int vgap = down->y - (up->y + up->h);
                if (vgap > max_gap)
                    continue;
                if (hgap > LAY_LINE_HDIST * bh &&
                    !paragraph_break(c, up == &a->box ? i : j, *up, *down))
                    continue;
                if (hmax > LAY_LINE_SIZE_RATIO * hmin && hmin > bh / 2)
                    continue;
                if (rule_between(c, *up, *down))
                    continue;
            }
            if (separated(c, a->box, b->box))
                continue;
            uf_join(parent, (int)i, (int)j);
        }
    }
    int *gid = bs_xmalloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++)
        gid[i] = -1;
    int ng = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->segs[i].kind != SEG_TEXT)
            continue;
        int root = uf_find(parent, (int)i);
        if (gid[root] < 0)
            gid[root] = first_group + ng++;
        c->segs[i].group = gid[root];
    }
    free(gid);
    free(parent);
    return ng;
}

/* A block lying mostly inside another's box (a stray piece of a line, a
 * short line beside an indent) would be read twice by OCR: it joins the
 * other block unless a gutter stands between them. */
static void merge_nested_blocks(lay_ctx *c, int first, int count)
{
    if (count <= 1)
        return;
    bs_box *boxes = bs_xmalloc((size_t)count * sizeof(bs_box));
    int *target = bs_xmalloc((size_t)count * sizeof(int));
    for (int k = 0; k < count; k++) {
        boxes[k] = group_box(c, first + k);
        target[k] = -1;
    }
    for (int k = 0; k < count; k++) {
        long area = (long)boxes[k].w * boxes[k].h;
        if (area <= 0)
            continue;
        long best = 0;
        for (int m = 0; m < count; m++) {
            long marea = (long)boxes[m].w * boxes[m].h;
            if (m == k || marea <= area)
                continue;
            long ov = bs_box_overlap_area(boxes[k], boxes[m]);
            if (ov >= LAY_NESTED_FRACT * area && ov > best && !separated(c, boxes[k], boxes[m])) {
                best = ov;
                target[k] = m;
            }
        }
    }
    for (int k = 0; k < count; k++) {
        /* Follow chains to the outermost block. */
        int t = target[k], hops = 0;
        if (t < 0)
            continue;
        while (target[t] >= 0 && hops++ < count)
            t = target[t];
        for (size_t i = 0; i < c->nsegs; i++)
            if (c->segs[i].group == first + k)
                c->segs[i].group = first + t;
    }
    free(target);
    free(boxes);
}

/* A block whose box overlaps another block's box (an L-shaped block: a
 * line spanning two columns joined to the first column under it) would
 * make OCR read the other block's lines twice.  Its lines beside the other
 * block, or if it has none there its lines under it, become a block of
 * their own.  Returns the new number of blocks. */
static int split_overlapping_blocks(lay_ctx *c, int first, int count)
{
    int total = count;
    int min_ov = (int)(LAY_OVERLAP_MIN * c->body_h);
    for (int k = 0; k < count; k++) {
        for (int m = 0; m < total; m++) {
            if (m == k)
                continue;
            bs_box a = group_box(c, first + k), b = group_box(c, first + m);
            if (bs_box_empty(a) || bs_box_empty(b) || x_overlap(a, b) < min_ov || y_overlap(a, b) < min_ov)
                continue;
            /* Move a's lines on b's rows to a new block, unless that is
             * all of a. */
            int moved = 0, left = 0;
            for (size_t i = 0; i < c->nsegs; i++)
                if (c->segs[i].group == first + k) {
                    if (y_overlap(c->segs[i].box, b) > 0)
                        moved++;
                    else
                        left++;
                }
            if (left == 0)
                continue;
            /* With no line on b's rows, a runs above and below b (the
             * column over and under a paragraph a river cut in two): its
             * lines under b become a block of their own, or OCR would read
             * b's rows inside a's box. */
            int under = moved == 0;
            for (size_t i = 0; i < c->nsegs; i++)
                if (c->segs[i].group == first + k &&
                    (under ? c->segs[i].box.y >= b.y + b.h / 2 : y_overlap(c->segs[i].box, b) > 0))
                    c->segs[i].group = first + total;
            if (under && bs_box_empty(group_box(c, first + total)))
                continue;
            total++;
        }
    }
    return total;
}

/* ---- roles ------------------------------------------------------------ */

/* The page-wide rule nearest the top, in the top band; -1 if none. */
static int top_rule(const lay_ctx *c)
{
    int n = c->hrules ? boxaGetCount(c->hrules) : 0, best = -1, best_y = 0;
    for (int i = 0; i < n; i++) {
        bs_box r = boxa_get(c->hrules, i);
        if (r.w < LAY_TOPRULE_MIN_W * c->width || r.y > LAY_TOPRULE_TOP * c->height)
            continue;
        if (best < 0 || r.y < best_y) {
            best = i;
            best_y = r.y;
        }
    }
    return best;
}

static int near_photo(const lay_ctx *c, bs_box b)
{
    int n = c->photos ? boxaGetCount(c->photos) : 0;
    int near = (int)(LAY_NEAR * c->body_h);
    for (int i = 0; i < n; i++) {
        bs_box p = boxa_get(c->photos, i);
        if (x_overlap(p, b) < b.w / 2)
            continue;
        int below = b.y - (p.y + p.h), above = p.y - (b.y + b.h);
        if ((below >= -near / 2 && below <= near) || (above >= -near / 2 && above <= near))
            return 1;
    }
    return 0;
}

/* KICKER when b sits just above a headline item, DECK just below, else
 * BODY. */
static bs_role near_headline(const lay_ctx *c, bs_box b)
{
    int near = (int)(LAY_NEAR * c->body_h);
    for (size_t i = 0; i < c->nitems; i++) {
        const lay_item *h = &c->items[i];
        if (h->role != BS_ROLE_HEADLINE || x_overlap(h->box, b) <= 0)
            continue;
        int above = h->box.y - (b.y + b.h), below = b.y - (h->box.y + h->box.h);
        if (above >= -near / 2 && above <= near)
            return BS_ROLE_KICKER;
        if (below >= -near / 2 && below <= near)
            return BS_ROLE_DECK;
    }
    return BS_ROLE_BODY;
}

static void make_headline_items(lay_ctx *c, int first, int count)
{
    int mast = -1;
    /* A masthead is the top of the page: no page-wide rule above it (a
     * page under a running head and its rule has no masthead). */
    int tr = top_rule(c);
    int mast_limit = tr >= 0 ? boxa_get(c->hrules, tr).y : c->height;
    for (int g = first; g < first + count; g++) {
        bs_box b = group_box(c, g);
        float th = group_text_height(c, g);
        bs_role role = BS_ROLE_HEADLINE;
        if (th >= LAY_MAST_MIN_RATIO * c->body_h && b.y < LAY_MAST_TOP * c->height && b.y < mast_limit &&
            (mast < 0 || b.y < c->items[mast].box.y)) {
            if (mast >= 0)
                c->items[mast].role = BS_ROLE_HEADLINE;
            role = BS_ROLE_MASTHEAD;
            mast = (int)c->nitems;
        }
        add_item(c, role, b, LAY_CONF_HEADLINE, th);
    }
    /* A smaller headline just above or below a bigger one is its kicker
     * or deck. */
    int near = (int)(LAY_NEAR * c->body_h);
    for (size_t i = 0; i < c->nitems; i++) {
        lay_item *k = &c->items[i];
        if (k->role != BS_ROLE_HEADLINE)
            continue;
        for (size_t j = 0; j < c->nitems; j++) {
            const lay_item *h = &c->items[j];
            if (j == i || h->role != BS_ROLE_HEADLINE || x_overlap(h->box, k->box) <= 0)
                continue;
            if (k->text_h * LAY_HEAD_STACK_RATIO > h->text_h)
                continue;
            int above = h->box.y - (k->box.y + k->box.h), below = k->box.y - (h->box.y + h->box.h);
            if (above >= -near / 2 && above <= near) {
                k->role = BS_ROLE_KICKER;
                break;
            }
            if (below >= -near / 2 && below <= near) {
                k->role = BS_ROLE_DECK;
                break;
            }
        }
    }
    /* A one-line headline standing on a rule of its own width or wider is
     * a section label ("本地快讯"); headlines stand on white. */
    int nr = c->hrules ? boxaGetCount(c->hrules) : 0;
    for (size_t i = 0; i < c->nitems; i++) {
        lay_item *k = &c->items[i];
        if (k->role != BS_ROLE_HEADLINE || k->box.h > LAY_HEAD_STACK_RATIO * k->text_h)
            continue;
        for (int j = 0; j < nr; j++) {
            bs_box r = boxa_get(c->hrules, j);
            int d = r.y - (k->box.y + k->box.h);
            if (d >= 0 && d <= LAY_SECTION_RULE * c->body_h && x_overlap(r, k->box) >= k->box.w) {
                k->role = BS_ROLE_SECTION;
                break;
            }
        }
    }
}

static void make_block_items(lay_ctx *c, int first, int count)
{
    const lay_item *mast = NULL;
    for (size_t i = 0; i < c->nitems; i++)
        if (c->items[i].role == BS_ROLE_MASTHEAD)
            mast = &c->items[i];
    bs_box mast_box = mast ? mast->box : (bs_box){0, 0, 0, 0};
    int tr = mast ? -1 : top_rule(c);
    bs_box trule = tr >= 0 ? boxa_get(c->hrules, tr) : (bs_box){0, 0, 0, 0};
    float bh = c->body_h;
    int min_side = (int)(LAY_MIN_BLOCK * bh);
    size_t nheads = c->nitems;
    for (int g = first; g < first + count; g++) {
        bs_box b = group_box(c, g);
        if (b.w < min_side && b.h < min_side)
            continue;
        float th = group_text_height(c, g);
        bs_role role = BS_ROLE_BODY;
        float conf = LAY_CONF_BODY;
        if (mast && b.y >= mast_box.y + mast_box.h / 2 &&
            b.y <= mast_box.y + mast_box.h + LAY_DATELINE_NEAR * bh && b.h <= LAY_RUNHEAD_MAX_H * bh) {
            role = BS_ROLE_DATELINE;
        } else if (tr >= 0 && b.y + b.h <= trule.y + trule.h && b.h <= LAY_RUNHEAD_MAX_H * bh) {
            role = BS_ROLE_RUNNING_HEAD;
        } else if (b.h <= LAY_CAPTION_MAX_H * bh && near_photo(c, b)) {
            role = BS_ROLE_CAPTION;
        } else if (th >= LAY_MID_RATIO * bh) {
            role = near_headline(c, b);
            /* Larger type with no headline beside it is the headline
             * itself (a light face only a third larger than the body).
             * A kicker or deck is as short: a taller block under a
             * headline is its first column, set in a larger body size. */
            if (role == BS_ROLE_BODY && b.h <= LAY_MID_HEAD_LINES * th)
                role = BS_ROLE_HEADLINE;
            else if (role != BS_ROLE_BODY && b.h > LAY_MID_HEAD_LINES * th)
                role = BS_ROLE_BODY;
        }
        if (role == BS_ROLE_HEADLINE)
            conf = LAY_CONF_HEADLINE;
        else if (role != BS_ROLE_BODY)
            conf = LAY_CONF_FURNITURE;
        add_item(c, role, b, conf, th);
    }
    /* Headlines above the top rule of a page without masthead are part of
     * the running head (a large page number or section name). */
    for (size_t i = 0; i < nheads && tr >= 0; i++) {
        lay_item *it = &c->items[i];
        if (bs_role_is_text(it->role) && it->box.y + it->box.h <= trule.y + trule.h &&
            it->box.h <= LAY_RUNHEAD_MAX_H * bh * 2)
            it->role = BS_ROLE_RUNNING_HEAD;
    }
}

static int cmp_item(const void *a, const void *b)
{
    const lay_item *x = a, *y = b;
    if (x->box.y != y->box.y)
        return x->box.y < y->box.y ? -1 : 1;
    return (x->box.x > y->box.x) - (x->box.x < y->box.x);
}

/* Column index and span of every item from the grid of body blocks. */
static void emit(lay_ctx *c, bs_page *page)
{
    size_t nb = 0;
    bs_box *blocks = bs_xmalloc((c->nitems + 1) * sizeof(bs_box));
    for (size_t i = 0; i < c->nitems; i++)
        if (c->items[i].role == BS_ROLE_BODY)
            blocks[nb++] = c->items[i].box;
    size_t ncols = 0;
    bs_box *cols = bs_column_grid(blocks, nb, c->body_h, &ncols);
    free(blocks);
    qsort(c->items, c->nitems, sizeof(*c->items), cmp_item);
    for (size_t i = 0; i < c->nitems; i++) {
        const lay_item *it = &c->items[i];
        bs_region *r = bs_page_add_region(page, it->role, it->box);
        r->conf = it->conf;
        r->text_height = it->text_h;
        int span = 1;
        r->column = bs_column_of(cols, ncols, it->box, &span);
        r->columns_spanned = span;
    }
    free(cols);
}

int bs_layout_analyse(const bs_prepared *prep, bs_page *page, const bs_layout_options *opt,
                      bs_error *err)
{
    bs_layout_options defaults = bs_layout_options_default();
    if (!opt)
        opt = &defaults;
    if (!prep || !prep->binary || !prep->gray)
        return bs_error_set(err, BS_ERR_USAGE, "layout: page not preprocessed");
    lay_ctx c;
    memset(&c, 0, sizeof(c));
    c.width = pixGetWidth(prep->binary);
    c.height = pixGetHeight(prep->binary);
    c.char_h = prep->char_height;
    if (c.char_h <= 0)
        return 0; /* no glyphs: blank or solid page */

    c.photos = opt->find_photos ? bs_photos_find(prep->binary, prep->gray, c.char_h) : NULL;
    if (!c.photos)
        c.photos = boxaCreate(1);
    BOXA *hr = NULL, *vr = NULL;
    if (opt->find_rules && bs_rules_find(prep->binary, c.char_h, &hr, &vr) == 0) {
        fill_photo_frames(c.photos, hr, vr, c.char_h);
        c.hrules = drop_rules_in_photos(hr, c.photos, c.char_h);
        c.vrules = drop_rules_in_photos(vr, c.photos, c.char_h);
    } else {
        c.hrules = boxaCreate(1);
        c.vrules = boxaCreate(1);
    }
    boxaDestroy(&hr);
    boxaDestroy(&vr);

    PIX *text = pixCopy(NULL, prep->binary);
    bs_rules_erase(text, c.hrules);
    bs_rules_erase(text, c.vrules);
    for (int i = 0; i < boxaGetCount(c.photos); i++) {
        bs_box p = boxa_get(c.photos, i);
        pixRasterop(text, p.x, p.y, p.w, p.h, PIX_CLR, NULL, 0, 0);
    }
    c.segs = bs_textlines_find(text, c.char_h, &c.nsegs);
    drop_segments_in_photos(&c);

    for (int i = 0; i < boxaGetCount(c.hrules); i++)
        add_item(&c, BS_ROLE_RULE, boxa_get(c.hrules, i), LAY_CONF_RULE, 0);
    for (int i = 0; i < boxaGetCount(c.vrules); i++)
        add_item(&c, BS_ROLE_RULE, boxa_get(c.vrules, i), LAY_CONF_RULE, 0);
    for (int i = 0; i < boxaGetCount(c.photos); i++)
        add_item(&c, BS_ROLE_PHOTO, boxa_get(c.photos, i), LAY_CONF_PHOTO, 0);

    if (c.nsegs > 0) {
        c.body_h = bs_textlines_body_height(c.segs, c.nsegs);
        c.gutters = bs_gutters_find(c.width, c.height, c.segs, c.nsegs, c.photos, c.body_h, c.char_h,
                                    &c.ngutters);
        /* Vertical rules separate like gutters. */
        int nv = boxaGetCount(c.vrules);
        if (nv > 0) {
            size_t cap = c.ngutters;
            BS_ARRAY_GROW(c.gutters, cap, c.ngutters + (size_t)nv);
            for (int i = 0; i < nv; i++)
                c.gutters[c.ngutters++] = boxa_get(c.vrules, i);
        }
        join_lines(&c);
        c.body_h = bs_textlines_body_height(c.segs, c.nsegs);
        classify_segments(&c, text);
        adopt_bold_neighbours(&c, text);
        int nhead = group_headlines(&c, text, 0);
        absorb_into_headlines(&c, 0, nhead);
        int nblock = group_blocks(&c, nhead);
        merge_nested_blocks(&c, nhead, nblock);
        nblock = split_overlapping_blocks(&c, nhead, nblock);
        /* Headline items first: block roles look at them. */
        make_headline_items(&c, 0, nhead);
        make_block_items(&c, nhead, nblock);
    }
    emit(&c, page);

    pixDestroy(&text);
    free(c.segs);
    free(c.gutters);
    free(c.items);
    boxaDestroy(&c.hrules);
    boxaDestroy(&c.vrules);
    boxaDestroy(&c.photos);
    return 0;
}
