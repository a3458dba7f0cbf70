/*
 * paragraph.c - lines to paragraphs, paragraph joins; see paragraph.h.
 */
#include "paragraph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "textnorm.h"
#include "unicode.h"
#include "xalloc.h"

/* A line is indented when its left edge is at least this many ems right
 * of the block's margin.  Chinese indents by 2 em, Latin by about 1; a
 * flush line's left edge wanders by a fraction of an em with the first
 * glyph's side bearing, so 0.8 separates the two with room both ways. */
#define PARA_INDENT_MIN_EM 0.8
/* The ink of a full-width opening quote or bracket starts about half an
 * em into its box (the glyph sits in the right half), so a flush line
 * beginning with one looks indented by that much. */
#define PARA_OPEN_MARK_BEARING_EM 0.5
/* A Chinese line ending this many ems before the margin is a paragraph's
 * last line: justified Chinese fills every other line to within the half
 * em of a closing mark's empty half. */
#define PARA_SHORT_CJK_EM 1.5
/* A Latin line ends a paragraph when it stops this many ems short and ends
 * with a sentence mark (ragged-right lines stop short mid-paragraph too). */
#define PARA_SHORT_LATIN_EM 2.0
/* A line pitch this many times the block's median pitch is a paragraph
 * gap (papers that separate paragraphs by space, not indentation). */
#define PARA_GAP_FACTOR 1.6

bs_paragraph_options bs_paragraph_options_default(void)
{
    bs_paragraph_options o;
    memset(&o, 0, sizeof(o));
    return o;
}

void bs_para_list_release(bs_para_list *out)
{
    for (size_t i = 0; i < out->n; i++)
        free(out->items[i].text);
    free(out->items);
    memset(out, 0, sizeof(*out));
}

/* ---- text helpers ------------------------------------------------------ */

static int is_ascii_letter(uint32_t c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x00AD;
}

/* Mostly wide characters (Chinese, Japanese) rather than Latin letters. */
static int text_is_cjk(const char *s)
{
    long wide = 0, latin = 0;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = bs_utf8_decode_one(s + i, n - i, &c);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        if (bs_textnorm_is_wide(c))
            wide++;
        else if (bs_unicode_is_latin_letter(c))
            latin++;
    }
    return wide > 0 && wide * 2 >= latin;
}

static int ends_sentence(const char *s)
{
    uint32_t c = bs_utf8_last(s, strlen(s), NULL);
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' || c == ')'
           || c == 0x201D || c == 0x2019 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* Opening marks whose ink starts inside their box (see
 * PARA_OPEN_MARK_BEARING_EM). */
static int is_open_mark(uint32_t c)
{
    return c == 0x201C || c == 0x2018 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0xFF08
           || c == 0x3010 || c == 0x3008;
}

/* ---- hyphenation ------------------------------------------------------ */

/* First elements that usually form hyphenated compounds in news text
 * ("well-known", "self-reliance", "non-transferable", "one-year"). */
static const char *const hyphen_first[] = {
    "all",  "cross", "eight", "ex",    "first", "five", "four", "full",   "half", "high",  "ill",
    "long", "low",   "mid",   "nine",  "non",   "one",  "part", "second", "self", "seven", "short",
    "six",  "so",    "ten",   "third", "three", "two",  "vice", "well",   "year",
};

/* Second elements of usual compounds ("state-owned", "long-term"). */
static const char *const hyphen_second[] = {
    "backed",  "based", "class", "free",  "funded", "led",  "level", "old",  "owned",
    "related", "run",   "scale", "sized", "style",  "term", "wide",  "year",
};

static int in_list(const char *w, size_t n, const char *const *list, size_t nlist)
{
    char low[32];
    if (n == 0 || n >= sizeof(low))
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((unsigned char)w[i] | (is_ascii_letter((unsigned char)w[i]) ? 0x20 : 0));
    low[n] = '\0';
    for (size_t i = 0; i < nlist; i++)
        if (strcmp(low, list[i]) == 0)
            return 1;
    return 0;
}

int bs_hyphen_builtin(const char *left, const char *right)
{
    size_t nl = strlen(left), nr = 0;
    /* A digit or capital on either side marks a compound ("25-year",
     * "Anglo-American"); so does a fragment that already holds a hyphen
     * ("state-of-the-"). */
    for (size_t i = 0; i < nl; i++)
        if ((left[i] >= '0' && left[i] <= '9') || left[i] == '-')
            return 0;
    if (!right[0] || (right[0] >= 'A' && right[0] <= 'Z') || (right[0] >= '0' && right[0] <= '9'))
        return 0;
    while (is_ascii_letter((unsigned char)right[nr]))
        nr++;
    if (in_list(left, nl, hyphen_first, sizeof(hyphen_first) / sizeof(*hyphen_first))
        || in_list(right, nr, hyphen_second, sizeof(hyphen_second) / sizeof(*hyphen_second)))
        return 0;
    return 1;
}

/* sb ends with a letter or digit and a hyphen, next starts with a letter
 * or digit: resolve. */
static int join_hyphen(bs_strbuf *sb, const char *next, const bs_paragraph_options *opt)
{
    size_t hstart = 0;
    uint32_t h = bs_utf8_last(sb->buf, sb->len, &hstart);
    if (!is_hyphen(h) || hstart == 0)
        return 0;
    uint32_t before = bs_utf8_last(sb->buf, hstart, NULL);
    uint32_t after = bs_utf8_first(next, NULL);
    if (!(bs_unicode_is_latin_letter(before) || bs_unicode_is_digit(before))
        || !(bs_unicode_is_latin_letter(after) || bs_unicode_is_digit(after)))
        return 0;
    if (h == 0x00AD) { /* soft hyphen: always a break */
        bs_strbuf_setlen(sb, hstart);
        bs_strbuf_addstr(sb, next);
        return 1;
    }
    /* The fragment before the hyphen: back to a space, including inner
     * hyphens so the rule sees compounds already under way. */
    size_t ws = hstart;
    while (ws > 0 && sb->buf[ws - 1] != ' ')
        ws--;
    char *left = bs_xstrndup(sb->buf + ws, hstart - ws);
    size_t rn = 0;
    while (next[rn] && next[rn] != ' ')
        rn++;
    char *right = bs_xstrndup(next, rn);
    int drop = -1;
    if (opt->hyphen_scorer)
        drop = opt->hyphen_scorer(opt->hyphen_ctx, left, right);
    if (drop < 0)
        drop = bs_hyphen_builtin(left, right);
    free(left);
    free(right);
    if (drop)
        bs_strbuf_setlen(sb, hstart);
    bs_strbuf_addstr(sb, next);
    return 1;
}

static int is_ascii_alnum(int c)
{
    return (c >= '0' && c <= '9') || is_ascii_letter((uint32_t)c);
}

/* A number or Latin word cut by the line break inside Chinese text ("成立7"
 * + "0周年"): the character before the run on the left, or after the run
 * on the right, is wide.  Then the break is not a word space. */
static int wide_context(const bs_strbuf *sb, const char *next)
{
    size_t i = sb->len;
    while (i > 0 && is_ascii_alnum((unsigned char)sb->buf[i - 1]))
        i--;
    if (i > 0 && i < sb->len && bs_textnorm_is_wide(bs_utf8_last(sb->buf, i, NULL)))
        return 1;
    size_t j = 0;
    while (next[j] && is_ascii_alnum((unsigned char)next[j]))
        j++;
    return j > 0 && next[j] && bs_textnorm_is_wide(bs_utf8_first(next + j, NULL));
}

void bs_paragraph_join(bs_strbuf *sb, const char *next, const bs_paragraph_options *opt)
{
    bs_paragraph_options def = bs_paragraph_options_default();
    if (!opt)
        opt = &def;
    if (!next || !next[0])
        return;
    if (sb->len == 0) {
        bs_strbuf_addstr(sb, next);
        return;
    }
    if (join_hyphen(sb, next, opt))
        return;
    uint32_t a = bs_utf8_last(sb->buf, sb->len, NULL);
    uint32_t b = bs_utf8_first(next, NULL);
    int glue = bs_textnorm_is_wide(a) || bs_textnorm_is_wide(b) || a == ' ' || b == ' '
               || a == 0x2014 || a == 0x2013 || a == '/' || wide_context(sb, next);
    if (!glue)
        bs_strbuf_addch(sb, ' ');
    bs_strbuf_addstr(sb, next);
}

int bs_paragraph_can_continue(const bs_para *a, const bs_para *b)
{
    return a->open_end && b->open_start;
}

/* ---- splitting -------------------------------------------------------- */

static int median_int(int *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof(*v), bs_cmp_int);
    return v[n / 2];
}

/* Indent of line l in ems, the ink offset of an opening mark removed. */
static double indent_em(const bs_para_line *l, int margin, double em)
{
    double ind = (l->box.x - margin) / em;
    if (is_open_mark(bs_utf8_first(l->text, NULL)))
        ind -= PARA_OPEN_MARK_BEARING_EM;
    return ind;
}

/* Is line l (at the right edge rmargin) the last of its paragraph? */
static int line_short(const bs_para_line *l, int rmargin, double em)
{
    double gap = (rmargin - (l->box.x + l->box.w)) / em;
    if (text_is_cjk(l->text))
        return gap >= PARA_SHORT_CJK_EM;
    return gap >= PARA_SHORT_LATIN_EM && ends_sentence(l->text);
}

static void push_para(bs_para_list *out, bs_strbuf *sb, int open_start, size_t first, size_t nl)
{
    BS_ARRAY_GROW(out->items, out->cap, out->n + 1);
    bs_para *p = &out->items[out->n++];
    p->text = bs_strbuf_detach(sb);
    p->open_start = open_start;
    p->open_end = 0;
    p->first_line = first;
    p->nlines = nl;
}

void bs_paragraph_split(const bs_para_line *lines, size_t n, const bs_paragraph_options *opt,
                        bs_para_list *out)
{
    bs_paragraph_options def = bs_paragraph_options_default();
    if (!opt)
        opt = &def;
    /* Non-empty lines only. */
    size_t *use = bs_xmalloc((n ? n : 1) * sizeof(*use));
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].text && lines[i].text[0])
            use[m++] = i;
    if (m == 0) {
        free(use);
        return;
    }
    int *tmp = bs_xmalloc(m * sizeof(*tmp));
    for (size_t k = 0; k < m; k++)
        tmp[k] = lines[use[k]].box.h;
    double em = median_int(tmp, m);
    if (em < 1)
        em = 1;
    size_t npitch = 0;
    for (size_t k = 1; k < m; k++) {
        int p = lines[use[k]].box.y - lines[use[k - 1]].box.y;
        if (p > 0)
            tmp[npitch++] = p;
    }
    double pitch = npitch >= 2 ? median_int(tmp, npitch) : 0;
    free(tmp);
    int margin = lines[use[0]].box.x, rmargin = 0;
    for (size_t k = 0; k < m; k++) {
        const bs_box *b = &lines[use[k]].box;
        if (b->x < margin)
            margin = b->x;
        if (b->x + b->w > rmargin)
            rmargin = b->x + b->w;
    }

    bs_strbuf sb = BS_STRBUF_INIT;
    size_t first = use[0];
    int open_start = m > 1 ? indent_em(&lines[use[0]], margin, em) < PARA_INDENT_MIN_EM : 1;
    for (size_t k = 0; k < m; k++) {
        const bs_para_line *l = &lines[use[k]];
        if (k > 0) {
            const bs_para_line *prev = &lines[use[k - 1]];
            int brk = indent_em(l, margin, em) >= PARA_INDENT_MIN_EM
                      || line_short(prev, rmargin, em)
                      || (pitch > 0 && l->box.y - prev->box.y > PARA_GAP_FACTOR * pitch);
            if (brk) {
                push_para(out, &sb, open_start, first, use[k] - first);
                first = use[k];
                open_start = 0;
            }
        }
        bs_paragraph_join(&sb, l->text, opt);
    }
    push_para(out, &sb, open_start, first, use[m - 1] + 1 - first);
    /* The block's last paragraph is open when its last line is full; a
     * one-line block has no margin of its own to compare with, so there
     * only a sentence mark closes it. */
    const bs_para_line *last = &lines[use[m - 1]];
    bs_para *lp = &out->items[out->n - 1];
    if (m > 1)
        lp->open_end = !line_short(last, rmargin, em);
    else
        lp->open_end = !ends_sentence(last->text);
    free(use);
}
