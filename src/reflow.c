/*
 * reflow.c - coordinate-free OCR text repaired into articles; see reflow.h.
 *
 * Public functions:
 *     bs_reflow_options_default, bs_reflow_page_new, bs_reflow_page_add_line,
 *     bs_reflow_page_nlines, bs_reflow_page_finish, bs_reflow_page_free,
 *     bs_reflow_text, bs_reflow_issue_finish
 *
 * A page is a list of units (one per non-empty input line, jump markers
 * sharing a line split off), each with a role.  Stories are drafts that
 * point at units; order and joins work on those indexes and only the end
 * builds strings, so a unit is never copied more than once.  The ordering
 * of step 4 (reflow.h) scores, for each story, every paragraph read
 * first and last and every pair read in sequence (the character model's
 * join score across cuts, brackets, the first word of what continues a
 * cut, a lede read first, a story that does not end cut); the search for
 * the order those scores favour, block moves of the input's order with
 * the depth of the story's columns, is reflow_order.c's.
 *
 * Text with one printed line per line (Tesseract's plain output: a single
 * break after every printed line, a blank line after each paragraph) is
 * first put back into one unit per paragraph, and a headline that wrapped
 * onto a second line into one unit; the rest then reads it as it reads
 * text with one paragraph per line.
 */
#include "reflow.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dedup.h"
#include "jump.h"
#include "line_kind.h"
#include "paragraph.h"
#include "reflow_order.h"
#include "reflow_roles.h"
#include "stitch.h"
#include "strbuf.h"
#include "textnorm.h"
#include "unicode.h"
#include "xalloc.h"

/* Share of a page's line breaks that are single (no blank line between)
 * from which the page is read as one printed line per line.  Tesseract's
 * plain text has a single break after every printed line but a block's
 * last: 53% to 90% of the breaks on the 77 pages measured (the referee's
 * dev pages, `make testdata`, the bundled samples; the fewest where many
 * blocks are one line long: headlines, captions), while text with one
 * paragraph per line has few (the seed none, reflow-synth pages 0% to
 * 37%, 15% on average).  Halfway between. */
#define REFLOW_PRINTED_LINES_SHARE 0.45
/* Line breaks a page needs before that share is read: a page of a few
 * lines says nothing about how it was broken. */
#define REFLOW_PRINTED_LINES_MIN_BREAKS 10

/* A cut is joined to what follows it only when the join is likelier than
 * a break (log odds above 0): a cut whose continuation was lost stays open
 * rather than swallowing an unrelated paragraph. */
#define REFLOW_JOIN_MIN_LOGODDS 0.0
/* Penalty (natural log) per point of bs_reflow_lede_score (no title) for
 * a paragraph as the continuation of a cut: a date in the first clause
 * ("10月14日至17日，…") marks the story's opening sentence, which a cut
 * sentence cannot run on into; such a paragraph continues a cut only on
 * the character model's evidence. */
#define REFLOW_OPENING_PENALTY 2.5
/* Weight of a paragraph's sentence-start log-odds (bs_lm_start_logodds:
 * the part of speech of its first word) against reading it as the rest
 * of a cut sentence.  A column's first words are wherever the column
 * ended; a paragraph opens on a time word, a name, a preposition.  The
 * tagger's log-odds are for a sentence start against running text and
 * overstate a paragraph's; 0.5 restored the most stories on synthetic
 * pages (0.3 to 0.75 tried). */
#define REFLOW_SENTENCE_START_WEIGHT 0.5
/* A headline-like line is a cut fragment when the character model alone
 * (the lm_gain of bs_lm_join_score, natural log) finds the next paragraph
 * more than e^0.25 (1.3) times likelier after it than after a break.  A
 * headline and its story's first words are unrelated text: on 594
 * generated headlines the gain was within 0.06 of 0 for nine in ten and
 * above 0.5 for three; a word cut in two ("积极准" + "备、") gains 5-8,
 * and cuts between words 0.3-1.  The punctuation part of the score cannot
 * decide: a headline ends without punctuation like a cut does. */
#define REFLOW_HEADLINE_CUT_GAIN 0.25
/* The same evidence from the other side, the paragraph before running on
 * into the line, needs e^2 (7): a story that ends cut (its rest elsewhere)
 * is often followed by the next story's headline, and the character model
 * finds a little gain across many unrelated pairs. */
#define REFLOW_HEADLINE_CUT_GAIN_BEFORE 2.0
/* A Chinese line in two parts with a space between ("科技赋能
 * 重构文旅消费新体验") is set as a headline: none of 58 generated column
 * fragments had a space, 224 of 594 headlines did.  Only a word cut in
 * two, and a clear one, makes it a fragment: at e^5 a headline's last
 * character and the first of a column read under it made a word by
 * chance ("…基辅遭袭" + "击，乌方…"); e^6.5 kept 3 more stories of
 * synthetic seeds 1-29 and lost none (8.5, near the gain's cap, the
 * same). */
#define REFLOW_HEADLINE_CUT_GAIN_SPACED 6.5
/* A Chinese headline-like line of at most this many characters, with no
 * space in it, over a body paragraph, is the first words of a column
 * ("今年", "强降雨还") whose sentence goes on in the paragraph, even when
 * the paragraph names them again (two characters share their one bigram
 * with any such paragraph): a story's headline says more than four
 * characters, and a short label (要闻, 评论) stands over a headline, not
 * a body. */
#define REFLOW_HEADLINE_MIN_CHARS_ZH 4
/* A headline-like line stays a headline, whatever the join gain, when
 * this share of its bigrams recurs at the start of the next paragraph:
 * the lede restating its headline (Chinese news ledes share 0.3-0.8 of
 * the headline's bigrams; a fragment and its continuation almost none). */
#define REFLOW_HEADLINE_ECHO 0.25
/* A Chinese headline-like line is the first words of a column of the
 * story above when the body under it shares at least this share of the
 * headline above's character bigrams (and no fewer of its own): on 790
 * synthetic headlines the body under a real one shared 0.2 or more of the
 * previous headline only when it shared more of its own, once; 12 of 33
 * column openings taken for headlines met the test. */
#define REFLOW_STORY_ABOVE_ECHO 0.2
/* A headline-like line with body text above it whose character bigrams
 * the headline above holds, all of them ("天舟九号货运飞船" under "天舟九号
 * 货运飞船发射任务取得圆满成功…"), says nothing new: a column's first
 * words repeating its story's subject.  Of the broadcast news' 19,479
 * pairs of consecutive headlines, 2 have the second inside the first. */
#define REFLOW_HEADLINE_REPEAT_ECHO 1.0
/* A headline-like line whose story below shares at least this share of
 * its character bigrams (and more than the headline above) is a
 * headline even when the next paragraph seems to continue it a little
 * (gains below REFLOW_HEADLINE_CUT_GAIN_WORD): the body under a real
 * headline shares 0.4 or more of it as a rule, the body under a column's
 * first words rarely.  On synthetic seeds 10-29, 0.5 demoted three
 * headlines whose bodies shared 0.42-0.44 of them (and none of the
 * headline above) and cut 12 column openings, of which one shared 0.42
 * (and 0.31 of the headline above); at 0.4 the three stay headlines and
 * that opening passes this test too (exact 0.9567 -> 0.9577 on the 4,000
 * stories). */
#define REFLOW_STORY_OWN_ECHO 0.4
/* A join gain (natural log) this large is a word cut in two ("积极准" +
 * "备、", 5-8), which no story echo outweighs, nor a next paragraph that
 * repeats the line's words ("全球可持续交通高" + "峰论坛主题为“可持续
 * 交通…").  Two whole words that also make a compound gain less (a
 * headline "…公园开放" over a column opening "公园内…": 2.9), and so
 * does a headline's last character with the first of a column read
 * under it by chance ("…主席令" + "表大会…" 4.2, "…狡辩" + "论是…"
 * 4.7): at 5 instead of 4, synthetic seeds 1-29 kept 6 more stories and
 * lost 3 (4.5 gained less, 6 the same as 5). */
#define REFLOW_HEADLINE_CUT_GAIN_WORD 5.0
/* Log odds from a paragraph's first characters alone (bs_lm_join's
 * start_weight) that say it goes on a sentence: a particle ("的", 4.6 at
 * most), a comma or closing mark (6.2).  A story's lede never opens so. */
#define REFLOW_STORY_START_EVIDENCE 3.0
/* Longest first sentence, in characters, of a paragraph that is the end
 * of a sentence cut before it ("飞船。"): a news paragraph's first
 * sentence runs to a clause or more. */
#define REFLOW_STUB_SENTENCE_CHARS 3
/* Start log-odds (bs_lm_start_logodds) at or below which a paragraph's
 * first word opens no lede: verbs (-0.61), adverbs (-0.52), particles
 * and bound characters, not nouns (-0.19).  -0.2 and -0.5 restored the
 * same 5 stories on synthetic seeds 1-29 and lost none; -1.0 none. */
#define REFLOW_LEDE_START_MIN_LOGODDS -0.5
/* Share of a line's character bigrams (bs_reflow_story_echo) that the
 * story above it must hold for the line, set over the next headline, to
 * be that story's text rather than a section label: half, as for a
 * story's own headline (REFLOW_STORY_OWN_ECHO). */
#define REFLOW_LABEL_ABOVE_ECHO 0.5
/* Join gain (bs_lm_join's lm_gain) from a line set over a headline into
 * a paragraph of the story above that no open end there continues as
 * well, for the line to be that paragraph's cut: the line's last word
 * and the paragraph's first make one ("琼州海峡今天迎" + "来出岛…" 4.3,
 * "北京服务贸易规模处于全国领先" + "水平。" 1.1 only).  At 1 and 2
 * synthetic seeds 10-29 kept the same 3 more stories and lost none.  The
 * same test for a headline-like line under a headline (a paragraph of
 * its story above or below goes on from it) lost a story at 3 and gained
 * none at 4: chance joins into a real story's paragraphs. */
#define REFLOW_LABEL_CUT_GAIN 2.0
/* Paragraphs of the story above searched for the rest of a line cut
 * before a headline: a story of a hundred paragraphs is a page without
 * headlines. */
#define REFLOW_STORY_SCAN_UNITS 100
/* Bytes of body text gathered under a headline for that test: a whole
 * Chinese news story of 1,000 characters. */
#define REFLOW_STORY_READ_BYTES 3000
/* Weight of bs_reflow_lede_score for the paragraph read first: a date in
 * the first clause (1 point) nearly pays for a move by itself, a byline
 * formula (2) does (1 to 4 tried: 3 and 4 best, equal). */
#define REFLOW_LEDE_WEIGHT 3.0
/* Under a Chinese headline the two parts of that score weigh apart.  A
 * broadcast-news lede restates its headline: a paragraph sharing 0.8 or
 * more of the headline's bigrams is first e^4.3 times as often as one
 * sharing none (the corpus' first and middle paragraphs, undated), about
 * 5 per unit of echo; a date in the first sentence adds e^1.5.  With 3
 * for both, a roundup's dated paragraph ("今天（6月25日），浙江…") was
 * read before the undated summary lede that restates the headline, which
 * went last.  Tried on synthetic seeds 1-29 (formula 2 to 3, echo 3 to
 * 6): 2.5 and 5 best on seeds 1-9 and near best on 10-29; held out, seeds
 * 30-49 gained as much. */
#define REFLOW_LEDE_FORMULA_WEIGHT_ZH 2.5
#define REFLOW_LEDE_ECHO_WEIGHT_ZH 5.0
/* A Chinese lede is brief.  Log odds, by length in characters, that a
 * paragraph of a broadcast-news story is its first rather than a later
 * one (16,295 stories of 2 to 12 paragraphs, 67,791 later paragraphs):
 * whole, a paragraph of that length; at_least, one of that length or
 * longer (a paragraph cut by a column, its rest elsewhere).  A lede of
 * 30 to 60 characters is first e^0.8 to e^1 times as often, one of 250
 * or more e^-1.6. */
static const struct lede_length {
    size_t below;            /* upper bound of the bin, in characters */
    double whole, at_least;  /* log odds, first paragraph vs later */
} lede_lengths[] = {
    {30, -0.21, 0.0},   {45, 0.96, 0.04},   {60, 0.78, 0.04},
    {80, 0.28, -0.25},  {100, -0.17, -0.42}, {130, -0.41, -0.52},
    {170, -0.40, -0.61}, {250, -0.73, -0.89}, {SIZE_MAX, -1.62, -1.63},
};
/* Weight of that log odds in the lede's score: the table's bins are
 * coarse and its evidence overlaps the echo's (a short lede restates its
 * headline).  Synthetic seeds 1-49 (0.5, 0.75, 1 tried): 0.5 raised each
 * group of seeds (1-9 +0.25, 10-29 +0.13, 30-49 +0.03 points of aca;
 * 35 stories gained, 18 lost); 0.75 and 1 lowered seeds 30-49. */
#define REFLOW_LEDE_LENGTH_WEIGHT_ZH 0.5
/* Share of a paragraph's characters two copies of it may differ in
 * (see reflow_dedup_options). */
#define REFLOW_DEDUP_DISTANCE_FRAC 0.03
/* Penalty (natural log) for a fragment that cannot start a paragraph (a
 * comma, a closing mark) after a paragraph end or first in a story. */
#define REFLOW_OPEN_START_PENALTY 3.0
/* Log odds against a cut that ends inside a clause ("…服务中心")
 * continuing on an adverbial frame closed by a comma ("在城东，…",
 * bs_reflow_opens_on_frame): frames open 20% of broadcast-news
 * paragraphs and 1.5% of pieces cut at random inside a clause, e^2.6;
 * 1.5 and 2.5 gave the same on seeds 1-29 of the synthetic pages, 4
 * less. */
#define REFLOW_FRAME_OPENING_PENALTY 2.5
/* Longest first sentence, in characters, read as a roundup paragraph's
 * topic sentence ("多彩活动迎新春。"): a short clause with no comma.  In
 * broadcast news 2,055 later paragraphs and 26 first ones open on one of
 * 4 to 10 characters (a lede's opening sentence, "春回大地，百花盛开。",
 * has two clauses); log odds of a first against a later paragraph -2.7,
 * taken as the penalty (REFLOW_TOPIC_SENTENCE_PENALTY).  1.5 gained less
 * on the synthetic pages, 4 the same; 8 characters the same as 10. */
#define REFLOW_TOPIC_SENTENCE_CHARS 10
#define REFLOW_TOPIC_SENTENCE_PENALTY 2.6
/* Log-odds against a story opening on a connective or a word pointing
 * back ("此外，", "会议指出", "However,": bs_reflow_refers_back): never
 * a first paragraph in the news we read, so as strong as opening
 * mid-sentence. */
#define REFLOW_REFERS_BACK_PENALTY 3.0
/* Log odds added when a fragment starts with a closing mark whose opener
 * stands unclosed at the end of the cut fragment before it ("…意见（试行"
 * + "）》等"), taken away when it does not: e^3, 20 to 1. */
#define REFLOW_BRACKET_FIT 3.0
/* Characters of a paragraph quoted in QC details. */
#define REFLOW_QUOTE_CHARS 24
/* Bytes of a cut paragraph's end quoted in a join's QC detail: 20 CJK
 * characters, 60 Latin ones (the quote then keeps REFLOW_QUOTE_CHARS). */
#define REFLOW_QUOTE_TAIL_BYTES 60

typedef struct unit {
    char *text;  /* owned, normalised */
    char *spaced; /* owned, normalised keeping the spaces between CJK
                     words that set bylines and headlines apart */
    bs_role role;
    size_t line;      /* 1-based input line (the first, when merged) */
    size_t last_line; /* the last input line merged into the unit */
    int article; /* draft index, -1 none */
} unit;

struct bs_reflow_page {
    int number;
    char *source;
    unit *u;
    size_t n, cap;
    size_t line_no;
};

typedef struct idx_list {
    size_t *v;
    size_t n, cap;
} idx_list;

typedef struct draft {
    long title, kicker, deck, byline, jump_in, jump_out, cont_head; /* unit or -1 */
    int continuation;
    idx_list body, captions, extra_bylines;
    /* after ordering and joining */
    char **paras;
    size_t nparas;
    char *byline_prefix; /* byline cut from the first paragraph */
    size_t *order;       /* body in reading order (indexes into body) */
} draft;

static void idx_push(idx_list *l, size_t v)
{
    bs_array_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n++] = v;
}

bs_reflow_options bs_reflow_options_default(void)
{
    bs_reflow_options o = {NULL, NULL, 1, 1, 1};
    return o;
}

bs_reflow_page *bs_reflow_page_new(int number, const char *source)
{
    bs_reflow_page *rp = bs_xcalloc(1, sizeof(*rp));
    rp->number = number;
    rp->source = source ? bs_xstrdup(source) : NULL;
    return rp;
}

void bs_reflow_page_free(bs_reflow_page *rp)
{
    if (!rp)
        return;
    for (size_t i = 0; i < rp->n; i++) {
        free(rp->u[i].text);
        free(rp->u[i].spaced);
    }
    free(rp->u);
    free(rp->source);
    free(rp);
}

size_t bs_reflow_page_nlines(const bs_reflow_page *rp)
{
    return rp->n;
}

static void push_unit(bs_reflow_page *rp, const char *text, size_t len)
{
    while (len > 0 && text[0] == ' ') {
        text++;
        len--;
    }
    while (len > 0 && text[len - 1] == ' ')
        len--;
    if (!len)
        return;
    bs_array_grow((void **)&rp->u, &rp->cap, rp->n + 1, sizeof(*rp->u));
    unit *u = &rp->u[rp->n++];
    char *raw = bs_xstrndup(text, len);
    bs_textnorm_options keep = bs_textnorm_options_default();
    keep.cjk_remove_space = 0;
    u->spaced = bs_textnorm_line(raw, &keep);
    u->text = bs_textnorm_line(raw, NULL);
    free(raw);
    u->role = BS_ROLE_BODY;
    u->line = u->last_line = rp->line_no;
    u->article = -1;
}

void bs_reflow_page_add_line(bs_reflow_page *rp, const char *line)
{
    rp->line_no++;
    bs_textnorm_options keep = bs_textnorm_options_default();
    keep.cjk_remove_space = 0;
    char *t = bs_textnorm_line(line, &keep);
    if (!*t) {
        free(t);
        return;
    }
    /* A jump marker sharing its line ("(上接第一版)2018年…", "…(下转第二版)")
     * is its own unit, so it never lands in a body. */
    bs_jump_line j;
    size_t s = 0, e = 0;
    if (bs_jump_find(t, &j, &s, &e) && (s > 0 || e < strlen(t))) {
        push_unit(rp, t, s);
        push_unit(rp, t + s, e - s);
        push_unit(rp, t + e, strlen(t) - e);
    } else {
        push_unit(rp, t, strlen(t));
    }
    free(t);
}

/* ---- language model ------------------------------------------------------- */

/* A CJK text opening with one character and a comma ("备、踊跃参加"): the
 * last character of a word cut by a column, for want of a model to say
 * so. */
static int one_char_clause(const char *r)
{
    size_t k = 0;
    uint32_t c = bs_utf8_first(r, &k);
    if (!k || c < 0x2E80)
        return 0;
    uint32_t c2 = bs_utf8_first(r + k, NULL);
    return c2 == 0x3001 || c2 == 0xFF0C; /* 、 ， */
}

/* Log odds that r continues l in the same paragraph. */
static double join_logodds(const bs_reflow_options *o, const char *l, const char *r)
{
    const bs_lm *lm = bs_reflow_is_cjk_text(l) ? o->zh : o->en;
    if (lm)
        return bs_lm_join_score(lm, l, r).log_odds;
    /* Without a model: punctuation alone. */
    if (!bs_reflow_ends_open(l))
        return -3.0;
    if (bs_reflow_starts_open(r) || one_char_clause(r))
        return 3.0;
    return bs_reflow_is_cjk_text(l) ? 0.5 : -0.5;
}

/* The character model's evidence alone that r continues l. */
static double join_gain(const bs_reflow_options *o, const char *l, const char *r)
{
    const bs_lm *lm = bs_reflow_is_cjk_text(l) ? o->zh : o->en;
    if (lm)
        return bs_lm_join_score(lm, l, r).lm_gain;
    /* Without a model only a mid-word cut is evidence: CJK text running
     * on into an enumeration comma or closing mark. */
    return bs_reflow_is_cjk_text(l) && bs_reflow_starts_open(r) ? 3.0 : 0.0;
}

/* Scan the first sentence of text, up to a Chinese 。！？: 1 when text
 * has one, with *chars its length in characters, *clause whether a comma
 * or other clause mark stands in it and *words whether an ideograph or a
 * Latin letter does; 0 when no such mark ends it. */
static int first_sentence(const char *text, size_t *chars, int *clause, int *words)
{
    *chars = 0;
    *clause = *words = 0;
    for (const char *p = text; *p;) {
        size_t k = 0;
        uint32_t c = bs_utf8_first(p, &k);
        if (!k)
            return 0;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) /* 。！？ */
            return 1;
        *clause |= c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A; /* ，、；： */
        *words |= bs_unicode_is_cjk(c) || bs_unicode_is_latin_letter(c);
        ++*chars;
        p += k;
    }
    return 0;
}

/* The first sentence of a Chinese text is at most max_chars characters
 * and a single clause ("飞船。此次…"): the end of a sentence cut before it. */
static int stub_sentence_first(const char *text, size_t max_chars)
{
    size_t n;
    int clause, words;
    return first_sentence(text, &n, &clause, &words) && n > 0 && n <= max_chars && !clause;
}

/* A Chinese text opening on a sentence of one short clause
 * ("流光溢彩庆佳节。在浙江杭州，…", "能源项目加紧建设。…"): the topic
 * sentence of a roundup's later paragraph, before its locality's report. */
static int opens_on_topic_sentence(const char *text)
{
    return bs_reflow_is_cjk_text(text) && stub_sentence_first(text, REFLOW_TOPIC_SENTENCE_CHARS);
}

/* A first sentence of figures alone, ended by a Chinese full stop
 * ("9%、31.0%。", "5.1%。其中…"): the figures that close a sentence cut
 * before them.  One of the broadcast-news corpus' 86,788 paragraphs opens
 * so ("50.8%！"), and 151 of 73,329 pieces of them cut at random points. */
static int figures_first_sentence(const char *text)
{
    size_t n;
    int clause, words;
    return first_sentence(text, &n, &clause, &words) && n > 0 && !words;
}

/* A Chinese text opening on an amount ("5万亿元，…", "0多个国家…",
 * "2%；…"): digits followed at once by a unit or amount word (万 亿 % 个
 * 多 余 人 家 元 倍 千 百 周 公), where dates ("10月12日") and years are
 * what a paragraph opens with, or a date with a leading zero ("023年",
 * the rest of "2023年"; "055型" is a ship's class).  The rest of a number
 * cut by a column: 133 of the broadcast-news corpus' 107,285 paragraphs
 * open so ("30多年来，…"), 2,018 of 87,162 pieces cut at random points,
 * 19 times as often. */
static int opens_on_amount(const char *text)
{
    static const char *const units[] = {"万", "萬", "亿", "億", "%", "％", "个", "個", "多", "余",
                                        "餘", "人", "家", "元", "倍", "千", "百", "周", "公",
                                        "年", "月", "日"};
    /* The last three, date units, only after a leading zero. */
    const size_t date_units = 3;
    if (!isdigit((unsigned char)text[0]))
        return 0;
    const char *p = text;
    while (isdigit((unsigned char)*p) || *p == '.' || *p == ',')
        p++;
    size_t n = sizeof(units) / sizeof(units[0]) - (text[0] == '0' && text[1] != '.' ? 0 : date_units);
    return bs_reflow_starts_with_any(p, units, n);
}

/* Text r opens in the middle of a sentence: a comma, a closing mark or
 * a lower-case letter (bs_reflow_starts_open); in Chinese also a particle
 * that only goes on a sentence (evidence REFLOW_STORY_START_EVIDENCE or
 * more, "的岗位…"), an amount ("5万亿元"), a word that needs what
 * stands before it ("并将…"), a first sentence of a word
 * or two (REFLOW_STUB_SENTENCE_CHARS, "飞船。") or of figures alone
 * ("5.1%。"), the rest of one cut.  Neither a
 * story nor a paragraph opens so. */
static int opens_mid_sentence(const bs_reflow_options *o, const char *r)
{
    if (bs_reflow_starts_open(r) || figures_first_sentence(r))
        return 1;
    if (!bs_reflow_is_cjk_text(r))
        return 0;
    if (opens_on_amount(r) || bs_reflow_needs_word_before(r) || bs_reflow_opens_inside_quotation(r))
        return 1;
    /* A Chinese start's weight does not depend on what stands before. */
    if (o->zh && bs_lm_join_score(o->zh, "", r).start_weight >= REFLOW_STORY_START_EVIDENCE)
        return 1;
    return stub_sentence_first(r, REFLOW_STUB_SENTENCE_CHARS);
}

static int hyphen_cb(void *ctx, const char *left, const char *right)
{
    const bs_lm *en = ctx;
    if (!en)
        return -1;
    return bs_lm_dehyphenate_score(en, left, right) > 0 ? 1 : 0;
}

/* A short quote of text for QC details.  Caller frees. */
static char *quote(const char *text)
{
    return bs_utf8_head(text, REFLOW_QUOTE_CHARS);
}

/* The last bytes of text, about max_bytes of them, starting on a whole
 * character (a QC detail must stay valid UTF-8). */
static const char *tail_of(const char *text, size_t max_bytes)
{
    size_t len = strlen(text);
    const char *p = text + (len > max_bytes ? len - max_bytes : 0);
    while (p > text && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    return p;
}

/* ---- roles in context ----------------------------------------------------- */

/* A Chinese line set in two parts with a space between ("科技赋能
 * 重构文旅消费新体验"), as headlines and labels are and column text is
 * not. */
static int set_in_two_parts(const unit *u)
{
    return bs_reflow_is_cjk_text(u->text) && strchr(u->spaced, ' ') != NULL;
}

/* Latin text set in capitals only: a headline, never the piece of a
 * sentence, whatever follows it. */
static int all_capitals(const char *t)
{
    int upper = 0;
    for (; *t; t++) {
        if (*t >= 'a' && *t <= 'z')
            return 0;
        upper |= *t >= 'A' && *t <= 'Z';
    }
    return upper;
}

/* A number cut in two between l and r: l ends in a digit and r goes on
 * with digits or a Chinese unit or measure word ("…充电桩1" + "200个",
 * "…增长1" + "5%"), or l ends on a decimal point and r on its decimals
 * ("…近2." + "2万亩").  A headline never ends inside a number. */
static int number_cut(const char *l, const char *r)
{
    size_t n = strlen(l);
    if (n >= 2 && l[n - 1] == '.' && isdigit((unsigned char)l[n - 2]))
        return isdigit((unsigned char)r[0]);
    if (!n || !isdigit((unsigned char)l[n - 1]))
        return 0;
    if (isdigit((unsigned char)r[0]))
        return 1;
    static const char *const units[] = {"万", "萬", "亿", "億", "千", "百", "个", "個", "座", "名",
                                        "年", "月", "日", "天", "次", "项", "項", "元", "吨", "噸",
                                        "米", "枚", "家", "人", "％"};
    return bs_reflow_starts_with_any(r, units, sizeof(units) / sizeof(units[0])) || r[0] == '%';
}

/* An English line that ends on an article, a preposition that takes an
 * object, a conjunction, a possessive or an auxiliary ("According to",
 * "Requests for", "The"): none of the 19,043 Reuters headlines of the
 * research corpus ends so ("A" ends "CLASS A", and "in", "on", "up" end
 * phrasal verbs, so they are not listed). */
static int ends_on_function_word(const char *text)
{
    static const char *const open_words[] = {"the", "an", "of", "to", "for", "and", "or", "but",
                                             "with", "from", "by", "at", "than", "that", "its",
                                             "their", "his", "is", "are", "was", "were", "has",
                                             "have", "had", "will", "would"};
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    size_t k = n;
    while (k > 0 && isalpha((unsigned char)text[k - 1]))
        k--;
    for (size_t i = 0; i < sizeof(open_words) / sizeof(open_words[0]); i++)
        if (strlen(open_words[i]) == n - k && !strncasecmp(text + k, open_words[i], n - k))
            return 1;
    return 0;
}

/* A Chinese line opening on "在" (at, in, during) with no dash in it (the
 * caller leaves out lines set with a space): a frame whose main clause
 * has not come ("在回答中国经济发展问题" + "时，李强表示…", "在执法监管" +
 * "方面，…"), so a column's first words.  Each of the broadcast news' 26
 * headlines that open on 在 (of 19,484) states its main clause after a
 * space or a dash ("在强军伟业征程上昂扬奋进——…", "在轨一个月 神舟二十
 * 一号乘组…"). */
static int opens_unclosed_frame(const char *text)
{
    static const char at[] = "在", dash[] = "—";
    return !strncmp(text, at, sizeof(at) - 1) && !strstr(text, dash);
}

/* A Chinese line that ends where its clause cannot: on a conjunction, a
 * preposition or a particle that needs what follows ("…体验和", "…关于",
 * "…向其"), on a verb of saying without what was said ("…负责人表示",
 * "…日前报道"), on a time word or an adverb without its verb ("…今年",
 * "…将"), or on digits right after an ideograph ("…计划种植606": the
 * number's unit is in the next column).  None of 1,097 news headlines
 * ends so; of the 18,040 headlines of the broadcast-news corpus none ends
 * on the words added for saying, time and adverbs, while 1,083 of 28,962
 * paragraph openings cut at random (no comma before the cut) do ("据"
 * alone is no such word: "…数据", "…依据" end headlines).  Nor do its
 * headlines end on a determiner, preposition or adverb that needs what
 * follows ("近", "各", "这", "其", "由", "把", "每", "更", "超过", ...: 1
 * of 19,484 headlines, 1,243 of 93,592 paragraph openings cut at random;
 * 共, 第, 于, 不, 最, 副 would qualify too, but cost a story on synthetic
 * pages).  Nor on an office's name or "with" waiting for the rest ("…卫生
 * 健康委", "…应急司", "…同": 1 of 19,484 headlines, 685 of 77,794 first
 * words of a paragraph cut at random before its first comma), on "国际"
 * (0 and 100), or on "对" or "主" as a preposition or a cut word ("…各级
 * 政府对", "…习近平主"), not ending a word such as 应对, 反对, 为主 or 民主
 * (1 headline, 440 such first words).  Nor on a time word without its
 * event ("…12月3日下午", "…去年", "…以来", "…期间": none of the 19,484
 * headlines, 923 of 77,866 first words of a paragraph cut at random
 * before its first comma). */
static int ends_mid_clause(const char *text)
{
    size_t n = strlen(text), start = 0;
    uint32_t last = bs_utf8_last(text, n, &start);
    if (last < 0x80 && isdigit((int)last)) {
        size_t k = n;
        while (k > 0 && (isdigit((unsigned char)text[k - 1]) || text[k - 1] == '.'))
            k--;
        return k > 0 && bs_utf8_last(text, k, NULL) >= 0x4E00;
    }
    /* Simplified and traditional forms. */
    static const char *const open_words[] = {
        "和", "与", "與", "及", "的", "在", "从", "從", "把", "被", "并", "並", "关于", "關於",
        "对于", "對於", "由于", "由於", "以", "根据", "根據",
        "表示", "指出", "称", "稱", "强调", "強調", "说", "說", "説", "介绍", "介紹", "显示", "顯示",
        "获悉", "獲悉", "了解到", "瞭解到", "报道", "報道", "報導", "宣布", "宣佈", "发表", "發表",
        "今天", "今年", "日前", "近日", "目前", "将", "將", "也", "还", "還", "已", "同时", "同時",
        "近", "各", "自", "更", "这", "這", "其", "由", "未", "正在", "把", "该", "該", "每", "被",
        "此", "超过", "超過", "较", "較", "委", "司", "同", "国际", "國際",
        "去年", "明年", "昨天", "上午", "下午", "晚上", "当天", "當天", "今晚", "凌晨",
        "以来", "以來", "期间", "期間"};
    if (bs_reflow_ends_with_any(text, n, open_words, sizeof(open_words) / sizeof(open_words[0])))
        return 1;
    /* "对" and "主" alone, not as the end of these words. */
    static const char *const words_ending_so[] = {
        "应对", "應對", "面对", "面對", "针对", "針對", "绝对", "絕對", "反对", "反對", "相对", "相對",
        "核对", "核對", "派对", "派對", "比对", "比對", "配对", "配對", "校对", "校對", "敌对", "敵對",
        "一对", "一對", "为主", "為主", "自主", "民主", "做主", "作主"};
    static const char *const cut_short[] = {"对", "對", "主"};
    return bs_reflow_ends_with_any(text, n, cut_short, sizeof(cut_short) / sizeof(cut_short[0])) &&
           !bs_reflow_ends_with_any(text, n, words_ending_so, sizeof(words_ending_so) / sizeof(words_ending_so[0]));
}

/* Some body unit lies between units a and b (a < b). */
static int body_between(const bs_reflow_page *rp, size_t a, size_t b)
{
    for (size_t k = a + 1; k < b; k++)
        if (rp->u[k].role == BS_ROLE_BODY)
            return 1;
    return 0;
}

/* The last unit of the page that is not page furniture (folios, staff
 * credits, dates): nothing but furniture follows it.  0 when the page
 * holds furniture only. */
static size_t last_story_unit(const bs_reflow_page *rp)
{
    size_t k = rp->n;
    while (k > 0 && (rp->u[k - 1].role == BS_ROLE_FOLIO || rp->u[k - 1].role == BS_ROLE_DATELINE))
        k--;
    return k ? k - 1 : 0;
}

/* Story echoes (bs_reflow_story_echo) of the body under headline-like
 * unit `head`, up to the next headline: of head itself in *own, of an
 * earlier headline `above` (-1: none, 0 given) in *prev.  0 when there is
 * no body. */
static int story_echoes(const bs_reflow_page *rp, long above, size_t head, double *own, double *prev)
{
    bs_strbuf body = BS_STRBUF_INIT;
    for (size_t k = head + 1; k < rp->n && body.len < REFLOW_STORY_READ_BYTES; k++) {
        bs_role r = rp->u[k].role;
        if (r == BS_ROLE_HEADLINE || r == BS_ROLE_SECTION || r == BS_ROLE_CONT_HEAD || r == BS_ROLE_JUMP_IN)
            break;
        if (r == BS_ROLE_BODY)
            bs_strbuf_addstr(&body, rp->u[k].text);
    }
    *own = *prev = 0;
    int any = body.len > 0;
    if (any) {
        *own = bs_reflow_story_echo(rp->u[head].text, body.buf);
        if (above >= 0)
            *prev = bs_reflow_story_echo(rp->u[above].text, body.buf);
    }
    bs_strbuf_release(&body);
    return any;
}

/* The body under `head` is the rest of the story under headline `above`:
 * it echoes that headline clearly (REFLOW_STORY_ABOVE_ECHO) and at least
 * as much as head itself. */
static int story_continues_above(const bs_reflow_page *rp, size_t above, size_t head)
{
    double own, prev;
    return story_echoes(rp, (long)above, head, &own, &prev) && prev >= REFLOW_STORY_ABOVE_ECHO && prev >= own;
}

/* The story echoes of one headline candidate (story_echoes), gathered
 * once, when a test first needs them. */
typedef struct echo_pair {
    int known, any;
    double own, prev;
} echo_pair;

static const echo_pair *echoes_of(const bs_reflow_page *rp, long above, size_t head, echo_pair *e)
{
    if (!e->known) {
        e->any = story_echoes(rp, above, head, &e->own, &e->prev);
        e->known = 1;
    }
    return e;
}

/* The body under the candidate tells its own story: it echoes the
 * candidate clearly (REFLOW_STORY_OWN_ECHO) and more than the headline
 * above. */
static int story_of_its_own(const echo_pair *e)
{
    return e->any && e->own >= REFLOW_STORY_OWN_ECHO && e->own > e->prev;
}

/* The body under the candidate echoes it more than the headline above. */
static int story_tells_more_of(const echo_pair *e)
{
    return e->any && e->own > e->prev;
}

/* Some body paragraph of the story above unit i (back to its headline,
 * at most REFLOW_STORY_SCAN_UNITS of them) continues unit i through a
 * word cut in two (join gain REFLOW_HEADLINE_CUT_GAIN_WORD or more). */
static int cut_word_above(const bs_reflow_page *rp, const bs_reflow_options *o, size_t i)
{
    size_t seen = 0;
    for (size_t k = i; k-- > 0 && seen < REFLOW_STORY_SCAN_UNITS;) {
        const unit *v = &rp->u[k];
        if (v->role == BS_ROLE_HEADLINE || v->role == BS_ROLE_SECTION)
            break;
        if (v->role != BS_ROLE_BODY)
            continue;
        seen++;
        if (join_gain(o, rp->u[i].text, v->text) >= REFLOW_HEADLINE_CUT_GAIN_WORD)
            return 1;
    }
    return 0;
}

/* The first unit of the story unit i stands in: the one after the last
 * headline or section label before i (0 when there is none). */
static size_t story_top(const bs_reflow_page *rp, size_t i)
{
    while (i > 0 && rp->u[i - 1].role != BS_ROLE_HEADLINE && rp->u[i - 1].role != BS_ROLE_SECTION)
        i--;
    return i;
}

/* A line set over a headline is the first words of the story above's
 * last column, not a section label, when that story echoes it clearly
 * (REFLOW_LABEL_ABOVE_ECHO) and more than the story under the headline
 * does: a label names its own section or story ("党纪党规进基层" over a
 * story that repeats it), a column's first words ("乌克兰总统泽") are
 * the story above's names.  The caller leaves out lines set with spaces
 * between words ("“智造之都 宜居之城”建设 督查访谈"), as labels and
 * headlines are and column text is not: a local paper's slogan recurs in
 * its stories, the one above too. */
static int label_tells_story_above(const bs_reflow_page *rp, size_t i)
{
    size_t start = story_top(rp, i);
    bs_strbuf above = BS_STRBUF_INIT;
    for (size_t k = start; k < i && above.len < REFLOW_STORY_READ_BYTES; k++)
        if (rp->u[k].role == BS_ROLE_BODY)
            bs_strbuf_addstr(&above, rp->u[k].text);
    double own = 0, prev = 0;
    int told = 0;
    if (above.len) {
        double a = bs_reflow_story_echo(rp->u[i].text, above.buf);
        /* The story under the next headline, as echoes of i. */
        story_echoes(rp, (long)i, i + 1, &own, &prev);
        told = a >= REFLOW_LABEL_ABOVE_ECHO && a > prev;
    }
    bs_strbuf_release(&above);
    return told;
}

/* Some body paragraph in units [from, i) goes on from unit i through a
 * join that gains REFLOW_LABEL_CUT_GAIN or more, and no paragraph there
 * that ends open goes on into it as well: i is the cut it continues.
 * [from, i) spans at most REFLOW_STORY_SCAN_UNITS units. */
static int continues_cut_line(const bs_reflow_page *rp, const bs_reflow_options *o, size_t from, size_t i)
{
    /* The open ends there, found once: the callers read at most
     * REFLOW_STORY_SCAN_UNITS units. */
    size_t open_end[REFLOW_STORY_SCAN_UNITS], nopen = 0;
    for (size_t k = from; k < i && nopen < REFLOW_STORY_SCAN_UNITS; k++)
        if (rp->u[k].role == BS_ROLE_BODY && bs_reflow_ends_open(rp->u[k].text))
            open_end[nopen++] = k;
    for (size_t j = from; j < i; j++) {
        if (rp->u[j].role != BS_ROLE_BODY)
            continue;
        double gain = join_gain(o, rp->u[i].text, rp->u[j].text);
        if (gain < REFLOW_LABEL_CUT_GAIN)
            continue;
        int rival = 0;
        for (size_t r = 0; r < nopen && !rival; r++)
            rival = open_end[r] != j && join_gain(o, rp->u[open_end[r]].text, rp->u[j].text) >= gain;
        if (!rival)
            return 1;
    }
    return 0;
}

/* The story above unit i (from its headline down to i; it must have
 * one, at most REFLOW_STORY_SCAN_UNITS paragraphs read) lacks the cut
 * that unit i is: one of its paragraphs goes on from i better than from
 * any of its open ends (continues_cut_line), or, for an English line, it
 * holds more paragraphs that open mid-sentence than paragraphs that end
 * open.  A story whose columns were all read, in any order, has an open
 * end for each column that goes on mid-sentence; a line set over the
 * next headline ("Last", its story's "year the ministry…" read higher
 * up) is then that story's last column's first words, not a label.  A
 * lower-case start says mid-sentence plainly; Chinese cues for it also
 * fire on the stray characters Tesseract reads from a rule or a photo
 * ("了月了上国，…"), which unbalanced two stories of ten `make testdata`
 * issues read with `tesseract --psm 3` and demoted a real label ("简讯")
 * and a headline, so only the join counts there. */
static int story_above_lacks_cut(const bs_reflow_page *rp, const bs_reflow_options *o, size_t i)
{
    size_t start = story_top(rp, i);
    if (start == 0)
        return 0;
    if (i - start > REFLOW_STORY_SCAN_UNITS)
        start = i - REFLOW_STORY_SCAN_UNITS;
    if (continues_cut_line(rp, o, start, i))
        return 1;
    if (bs_reflow_is_cjk_text(rp->u[i].text))
        return 0;
    size_t open_ends = 0, mid_starts = 0;
    for (size_t k = start; k < i; k++) {
        if (rp->u[k].role != BS_ROLE_BODY)
            continue;
        open_ends += bs_reflow_ends_open(rp->u[k].text) != 0;
        mid_starts += opens_mid_sentence(o, rp->u[k].text) != 0;
    }
    return mid_starts > open_ends;
}

static void assign_roles(bs_reflow_page *rp, const bs_reflow_options *o)
{
    unit *u = rp->u;
    for (size_t i = 0; i < rp->n; i++)
        u[i].role = bs_reflow_line_role(u[i].text);
    /* A headline-like line continued by the next paragraph was cut. */
    long last_head = -1;
    /* The roles after a candidate are not changed by this pass. */
    size_t page_end = last_story_unit(rp);
    for (size_t i = 0; i < rp->n; i++) {
        if (u[i].role != BS_ROLE_HEADLINE)
            continue;
        /* A line in capitals is a headline (a column's first words are
         * not set so), and the story under it is the one later lines are
         * weighed against. */
        if (all_capitals(u[i].text)) {
            last_head = (long)i;
            continue;
        }
        int cjk = bs_reflow_is_cjk_text(u[i].text), spaced = set_in_two_parts(&u[i]);
        int next_body = i + 1 < rp->n && u[i + 1].role == BS_ROLE_BODY;
        /* Ending inside a clause or opening a frame without its clause:
         * cut, wherever it stands (the last line of a page may be a
         * column's first words whose rest was read higher up).  Too
         * short for a story's headline, or ending inside a number: cut,
         * whatever the next paragraph says, unless set in two parts with
         * a space, as headlines are and column text is not ("日元对美元贬值
         * 加速 跌破158∶1" over "日本央行…": a ratio, then a lede). */
        int cut = (cjk ? ends_mid_clause(u[i].text) || (!spaced && opens_unclosed_frame(u[i].text))
                       : ends_on_function_word(u[i].text)) ||
                  (next_body && !spaced &&
                   ((cjk && bs_text_length(u[i].text) <= REFLOW_HEADLINE_MIN_CHARS_ZH) ||
                    number_cut(u[i].text, u[i + 1].text)));
        /* A word cut in two is a cut whatever else the lines share (a
         * spaced line needs the higher gain, see above). */
        double gain = next_body ? join_gain(o, u[i].text, u[i + 1].text) : 0;
        cut = cut || gain >= (spaced ? REFLOW_HEADLINE_CUT_GAIN_SPACED : REFLOW_HEADLINE_CUT_GAIN_WORD);
        /* The next paragraph restating it is a lede under its headline. */
        if (!cut && next_body && bs_reflow_title_echo(u[i].text, u[i + 1].text) >= REFLOW_HEADLINE_ECHO) {
            last_head = (long)i;
            continue;
        }
        double need = spaced ? REFLOW_HEADLINE_CUT_GAIN_SPACED : REFLOW_HEADLINE_CUT_GAIN;
        double need_before = spaced ? REFLOW_HEADLINE_CUT_GAIN_SPACED : REFLOW_HEADLINE_CUT_GAIN_BEFORE;
        /* A gain short of a word cut in two is also what a lede that
         * starts a new story shows now and then; the story's words
         * decide. */
        echo_pair echo = {0};
        if (gain >= need && !story_of_its_own(echoes_of(rp, last_head, i, &echo)))
            cut = 1;
        /* A next paragraph that cannot open a story (a particle, a comma,
         * a sentence of a word or two) or that opens on a word no sentence
         * opens with (a verb, an adverb) is a column read out of order as
         * often under a real headline as after a column's first words:
         * the story below decides, telling more of the line than of the
         * headline above or not.  A line set in two parts with a space is
         * set as a headline, as column text is not: it stays one. */
        if (!cut && next_body && last_head >= 0 && !spaced &&
            (opens_mid_sentence(o, u[i + 1].text) ||
             (cjk && o->zh && bs_lm_start_logodds(o->zh, u[i + 1].text) <= REFLOW_LEDE_START_MIN_LOGODDS)) &&
            !story_tells_more_of(echoes_of(rp, last_head, i, &echo)))
            cut = 1;
        if (i > 0 && u[i - 1].role == BS_ROLE_BODY && bs_reflow_ends_open(u[i - 1].text) &&
            join_gain(o, u[i - 1].text, u[i].text) >= need_before)
            cut = 1;
        /* The page's last line under a story, with nothing under it
         * but page furniture: the first words of that story's last
         * column, their rest read higher up (a page does not end on a
         * headline). */
        if (i == page_end && last_head >= 0 && body_between(rp, (size_t)last_head, i))
            cut = 1;
        if (cut)
            u[i].role = BS_ROLE_BODY;
        else
            last_head = (long)i;
    }
    /* A headline whose story is about the headline before it: the body
     * under a column's first words ("施密特请王立新转达对汉堡", set
     * alone on a line) goes on with the story above, so it echoes that story's
     * headline at least as much as the line itself, while a new story's
     * body echoes its own headline; so is a line that only repeats words
     * of the headline above (REFLOW_HEADLINE_REPEAT_ECHO).  A line set in
     * two parts with a space between is set as a headline, as column text
     * is not, and stays one: related stories stand side by side ("上半年
     * 我国社会物流总额超过170万亿元" over "今年前七个月物流运行平稳 结构优化
     * 明显", whose body is as much about the headline above). */
    long prev_head = -1;
    for (size_t i = 0; i < rp->n; i++) {
        if (u[i].role != BS_ROLE_HEADLINE)
            continue;
        if (prev_head >= 0 && bs_reflow_is_cjk_text(u[i].text) && !set_in_two_parts(&u[i]) &&
            body_between(rp, (size_t)prev_head, i) &&
            (story_continues_above(rp, (size_t)prev_head, i) ||
             bs_reflow_story_echo(u[i].text, u[prev_head].text) >= REFLOW_HEADLINE_REPEAT_ECHO)) {
            u[i].role = BS_ROLE_BODY;
            continue;
        }
        prev_head = (long)i;
    }
    /* Headline above headline: a section label, unless it is the last
     * column's first words of the story above, their rest read higher
     * up: a paragraph there continues it through a word cut in two ("为减
     * 轻家庭育儿负" ... "担，托育供给…"), the story lacks it as a cut
     * (story_above_lacks_cut) or tells of it (label_tells_story_above);
     * headline above a jump-in line: the continuation's repeated head. */
    for (size_t i = 0; i + 1 < rp->n; i++) {
        if (u[i].role != BS_ROLE_HEADLINE)
            continue;
        if (u[i + 1].role == BS_ROLE_HEADLINE) {
            int column_words = cut_word_above(rp, o, i) || story_above_lacks_cut(rp, o, i) ||
                               (bs_reflow_is_cjk_text(u[i].text) && !set_in_two_parts(&u[i]) &&
                                label_tells_story_above(rp, i));
            u[i].role = column_words ? BS_ROLE_BODY : BS_ROLE_SECTION;
        } else if (u[i + 1].role == BS_ROLE_JUMP_IN)
            u[i].role = BS_ROLE_CONT_HEAD;
    }
}

/* ---- stories -------------------------------------------------------------- */

typedef struct draft_list {
    draft *d;
    size_t n, cap;
} draft_list;

static draft *new_draft(draft_list *dl)
{
    bs_array_grow((void **)&dl->d, &dl->cap, dl->n + 1, sizeof(*dl->d));
    draft *d = &dl->d[dl->n++];
    memset(d, 0, sizeof(*d));
    d->title = d->kicker = d->deck = d->byline = d->jump_in = d->jump_out = d->cont_head = -1;
    return d;
}

static void group_stories(bs_reflow_page *rp, draft_list *dl)
{
    long cur = -1, section = -1;
    int closed = 0;
    idx_list pending_captions = {0};
    for (size_t i = 0; i < rp->n; i++) {
        unit *u = &rp->u[i];
        draft *d = cur >= 0 ? &dl->d[cur] : NULL;
        switch (u->role) {
        case BS_ROLE_SECTION:
            section = (long)i;
            continue;
        case BS_ROLE_HEADLINE:
        case BS_ROLE_CONT_HEAD:
            d = new_draft(dl);
            cur = (long)dl->n - 1;
            closed = 0;
            d->title = (long)i;
            d->kicker = section;
            section = -1;
            if (u->role == BS_ROLE_CONT_HEAD) {
                d->cont_head = (long)i;
                d->continuation = 1;
            }
            break;
        case BS_ROLE_JUMP_IN:
            if (!d || closed || d->body.n || d->jump_in >= 0) {
                d = new_draft(dl);
                cur = (long)dl->n - 1;
                closed = 0;
            }
            d->jump_in = (long)i;
            d->continuation = 1;
            break;
        case BS_ROLE_JUMP_OUT:
            if (d && !closed) {
                d->jump_out = (long)i;
                closed = 1;
            }
            break;
        case BS_ROLE_DECK:
        case BS_ROLE_BYLINE:
            if (!d || closed) {
                d = new_draft(dl);
                cur = (long)dl->n - 1;
                closed = 0;
            }
            if (u->role == BS_ROLE_DECK && d->deck < 0)
                d->deck = (long)i;
            else if (u->role == BS_ROLE_BYLINE && d->byline < 0)
                d->byline = (long)i;
            else
                idx_push(&d->extra_bylines, i);
            break;
        case BS_ROLE_CAPTION:
            if (d)
                idx_push(&d->captions, i);
            else
                idx_push(&pending_captions, i);
            break;
        case BS_ROLE_FOLIO:
        case BS_ROLE_DATELINE:
            continue;
        default:
            if (!d || closed) {
                d = new_draft(dl);
                cur = (long)dl->n - 1;
                closed = 0;
                d->continuation = 1; /* no headline: the rest of a story */
            }
            idx_push(&d->body, i);
            /* A sign-off ends its story: text after it with no headline
             * is another story's. */
            closed = bs_reflow_is_signoff(u->text);
            break;
        }
        if (d && pending_captions.n) {
            for (size_t k = 0; k < pending_captions.n; k++)
                idx_push(&d->captions, pending_captions.v[k]);
            pending_captions.n = 0;
        }
    }
    if (pending_captions.n) {
        draft *d = new_draft(dl);
        for (size_t k = 0; k < pending_captions.n; k++)
            idx_push(&d->captions, pending_captions.v[k]);
    }
    free(pending_captions.v);
    (void)section;
}

/* ---- order and joins ------------------------------------------------------ */

/* What the reading of b as a paragraph start or a sentence's rest says
 * of it: how clearly it opens a story (bs_reflow_lede_score, no title),
 * whether it opens mid-sentence (opens_mid_sentence), how likely its
 * first word opens a sentence (bs_lm_start_logodds) and whether its
 * first words are a clause's frame (bs_reflow_opens_on_frame). */
typedef struct opening_cues {
    double lede;
    int mid;
    double start;
    int frame;
} opening_cues;

/* Text that ends on a word, not a pause mark: its clause goes on. */
static int ends_inside_clause(const char *text)
{
    return bs_unicode_is_word_char(bs_utf8_last(text, strlen(text), NULL));
}

/* Log odds that b follows a: across a cut, the join's log odds, the fit
 * of a closing mark b starts with and penalties when b reads as a story's
 * opening, its first word as a sentence's or its first words as a
 * clause's frame while a's clause goes on; after a paragraph end, a
 * penalty when b opens mid-sentence. */
static double follow_score(const bs_reflow_options *o, const char *a, int a_open, const char *b,
                           const opening_cues *bc)
{
    if (a_open)
        return join_logodds(o, a, b) + REFLOW_BRACKET_FIT * bs_reflow_bracket_fit(a, b) -
               REFLOW_OPENING_PENALTY * bc->lede - REFLOW_SENTENCE_START_WEIGHT * bc->start -
               (bc->frame && ends_inside_clause(a) ? REFLOW_FRAME_OPENING_PENALTY : 0);
    return bc->mid ? -REFLOW_OPEN_START_PENALTY : 0;
}

/* Log odds, from lede_lengths, that text is its story's first paragraph
 * rather than a later one, by its length; whole: text ends its paragraph
 * (else the paragraph is at least that long). */
static double lede_length_logodds(const char *text, int whole)
{
    size_t chars = bs_utf8_count(text), k = 0;
    while (chars >= lede_lengths[k].below)
        k++;
    return whole ? lede_lengths[k].whole : lede_lengths[k].at_least;
}

/* Log odds that text, under the headline title, is its story's first
 * paragraph (up to a constant): its lede formula (formula, the
 * paragraph's bs_reflow_lede_score without a title, which the caller
 * already holds), its echo of the headline and, under a Chinese headline,
 * its length (whole: text ends its paragraph). */
static double lede_first_score(const char *title, const char *text, double formula, int whole)
{
    double echo = bs_reflow_title_echo(title, text);
    if (bs_reflow_is_cjk_text(title))
        return REFLOW_LEDE_FORMULA_WEIGHT_ZH * formula + REFLOW_LEDE_ECHO_WEIGHT_ZH * echo +
               REFLOW_LEDE_LENGTH_WEIGHT_ZH * lede_length_logodds(text, whole);
    return REFLOW_LEDE_WEIGHT * (formula + echo);
}

/* Order the body of d and join its cut paragraphs; QC events to issue. */
static void order_and_join(bs_reflow_page *rp, draft *d, bs_issue *issue,
                           const bs_reflow_options *o)
{
    size_t m = d->body.n;
    d->order = bs_xmalloc((m ? m : 1) * sizeof(size_t));
    for (size_t k = 0; k < m; k++)
        d->order[k] = k;
    if (!m)
        return;
    const char **t = bs_xmalloc(m * sizeof(*t));
    for (size_t k = 0; k < m; k++)
        t[k] = rp->u[d->body.v[k]].text;
    long *next = bs_xmalloc(m * sizeof(*next));
    int *open = bs_xmalloc(m * sizeof(*open));
    opening_cues *cue = bs_xcalloc(m, sizeof(*cue));
    for (size_t k = 0; k < m; k++) {
        next[k] = -1;
        open[k] = bs_reflow_ends_open(t[k]);
        /* How clearly each paragraph opens a story (a dateline, a byline
         * formula, a date in its first clause) or a sentence (its first
         * word): such a paragraph is a poor continuation of a cut one. */
        cue[k].lede = bs_reflow_lede_score(t[k], NULL);
        cue[k].start = o->zh && bs_reflow_is_cjk_text(t[k]) ? bs_lm_start_logodds(o->zh, t[k]) : 0;
        cue[k].frame = bs_reflow_opens_on_frame(t[k]);
    }
    /* A story that jumps to another page ends cut: its last paragraph's
     * open end is explained. */
    if (d->jump_out >= 0)
        open[m - 1] = 0;
    int headed = d->title >= 0 && !d->continuation;
    const char *title = headed ? rp->u[d->title].text : NULL;
    /* What follows what: every pair when the story is reordered (the
     * joins below read the same scores), else only the input's seams. */
    int reorder = o->join && o->reorder && m > 1 && m <= BS_REFLOW_ORDER_MAX_UNITS;
    double *follow = reorder ? bs_xmalloc(m * m * sizeof(*follow)) : NULL;
    /* Only the ordering reads mid (a join follows a cut, whatever the
     * next paragraph opens with). */
    for (size_t k = 0; reorder && k < m; k++)
        cue[k].mid = opens_mid_sentence(o, t[k]);
    for (size_t a = 0; reorder && a < m; a++)
        for (size_t b = 0; b < m; b++)
            follow[a * m + b] = a == b ? 0 : follow_score(o, t[a], open[a], t[b], &cue[b]);
    if (reorder) {
        /* Columns move whole: the order is the input's with the fewest
         * blocks moved (each costs REFLOW_MOVE_COST, reflow_order.c) that reads best: cuts
         * continued, the story ending at a paragraph end, a lede first. */
        size_t *chars = bs_xmalloc(m * sizeof(*chars));
        for (size_t a = 0; a < m; a++)
            chars[a] = bs_utf8_count(t[a]);
        double *first = bs_xmalloc(m * sizeof(*first)), *closing = bs_xmalloc(m * sizeof(*closing));
        for (size_t a = 0; a < m; a++) {
            closing[a] = bs_reflow_closing_logodds(t[a]);
            first[a] = headed ? lede_first_score(title, t[a], cue[a].lede, !open[a]) -
                                    (cue[a].mid ? REFLOW_OPEN_START_PENALTY : 0) -
                                    (bs_reflow_refers_back(t[a]) ? REFLOW_REFERS_BACK_PENALTY : 0) -
                                    (opens_on_topic_sentence(t[a]) ? REFLOW_TOPIC_SENTENCE_PENALTY : 0)
                              : 0;
        }
        bs_reflow_order_scores c = {m, open, first, follow, closing, chars};
        bs_reflow_order_search(&c, d->order);
        free(first);
        free(closing);
        free(chars);
    }
    /* Joins: a cut joined to what follows it when the join is likelier
     * than a break. */
    for (size_t p = 0; o->join && p + 1 < m; p++) {
        size_t a = d->order[p], b = d->order[p + 1];
        if (!open[a])
            continue;
        double s = follow ? follow[a * m + b] : follow_score(o, t[a], 1, t[b], &cue[b]);
        if (s > REFLOW_JOIN_MIN_LOGODDS)
            next[a] = (long)b;
    }
    free(follow);
    free(cue);
    int moved = 0;
    for (size_t k = 0; k < m; k++)
        moved |= d->order[k] != k;
    if (moved) {
        bs_strbuf sb = BS_STRBUF_INIT;
        for (size_t k = 0; k < m; k++)
            bs_strbuf_addf(&sb, "%s%zu", k ? "," : "", rp->u[d->body.v[d->order[k]]].line);
        char *q = quote(d->title >= 0 ? rp->u[d->title].text : t[0]);
        bs_issue_add_qc(issue, "reorder", rp->number,
                        "story \"%s\": paragraphs put in the order of input lines %s", q, sb.buf);
        free(q);
        bs_strbuf_release(&sb);
    }
    /* Join along the claims. */
    bs_paragraph_options po = bs_paragraph_options_default();
    po.hyphen_scorer = hyphen_cb;
    po.hyphen_ctx = (void *)o->en;
    bs_strbuf para = BS_STRBUF_INIT;
    d->paras = bs_xmalloc(m * sizeof(*d->paras));
    for (size_t p = 0; p < m; p++) {
        size_t k = d->order[p];
        if (p > 0 && next[d->order[p - 1]] == (long)k) {
            char *l = quote(tail_of(t[d->order[p - 1]], REFLOW_QUOTE_TAIL_BYTES));
            char *r = quote(t[k]);
            bs_issue_add_qc(issue, "join", rp->number, "cut paragraph joined: line %zu \"%s\" + line %zu \"%s\"",
                            rp->u[d->body.v[d->order[p - 1]]].line, l, rp->u[d->body.v[k]].line, r);
            free(l);
            free(r);
            bs_paragraph_join(&para, t[k], &po);
            continue;
        }
        if (p > 0)
            d->paras[d->nparas++] = bs_strbuf_detach(&para);
        bs_strbuf_addstr(&para, t[k]);
    }
    d->paras[d->nparas++] = bs_strbuf_detach(&para);
    free(t);
    free(next);
    free(open);
}

/* The byline formula opening the first paragraph goes to the byline. */
static void split_byline_prefix(const bs_reflow_page *rp, draft *d)
{
    if (!d->nparas || !d->body.n)
        return;
    size_t cut = bs_byline_prefix(d->paras[0]);
    if (!cut)
        return;
    /* The formula as set, with its spaces ("本报讯(记者 李新)"). */
    const char *sp = rp->u[d->body.v[d->order[0]]].spaced;
    size_t scut = bs_byline_prefix(sp);
    const char *src = scut ? sp : d->paras[0];
    size_t n = scut ? scut : cut;
    while (n > 0 && src[n - 1] == ' ')
        n--;
    d->byline_prefix = bs_xstrndup(src, n);
    const char *rest = d->paras[0] + cut;
    while (*rest == ' ')
        rest++;
    char *r = bs_xstrdup(rest);
    free(d->paras[0]);
    d->paras[0] = r;
}

typedef struct para_ref {
    size_t draft, para;
} para_ref;

/* A QC event for a removed copy: text of story gone repeats a paragraph
 * kept in story kept. */
static void qc_duplicate(const bs_reflow_page *rp, const draft_list *dl, bs_issue *issue,
                         const char *text, size_t gone, size_t kept, int fragment)
{
    char *q = quote(text);
    const draft *dg = &dl->d[gone], *dk = &dl->d[kept];
    char *tg = quote(dg->title >= 0 ? rp->u[dg->title].text : "(no headline)");
    char *tk = quote(dk->title >= 0 ? rp->u[dk->title].text : "(no headline)");
    bs_issue_add_qc(issue, "duplicate_removed", rp->number,
                    "%s \"%s\" in story \"%s\" repeats a paragraph kept in story \"%s\"",
                    fragment ? "fragment" : "paragraph", q, tg, tk);
    free(q);
    free(tg);
    free(tk);
}

/* Items for bs_dedup_find: each story's title (context only) and its
 * paragraphs, joined (paras) or as read (body units, joined = 0).  refs
 * receives (story, paragraph or body position; SIZE_MAX for the title). */
static size_t dedup_items(const bs_reflow_page *rp, const draft_list *dl, int joined,
                          bs_dedup_item **pitems, para_ref **prefs)
{
    size_t n = 0;
    for (size_t k = 0; k < dl->n; k++)
        n += (joined ? dl->d[k].nparas : dl->d[k].body.n) + (dl->d[k].title >= 0);
    bs_dedup_item *items = bs_xcalloc(n ? n : 1, sizeof(*items));
    para_ref *refs = bs_xcalloc(n ? n : 1, sizeof(*refs));
    size_t m = 0;
    for (size_t k = 0; k < dl->n; k++) {
        const draft *d = &dl->d[k];
        if (d->title >= 0) {
            items[m] = (bs_dedup_item){rp->u[d->title].text, (int)k, m, {0, 0, 0, 0}, 1};
            refs[m++] = (para_ref){k, SIZE_MAX};
        }
        size_t np = joined ? d->nparas : d->body.n;
        for (size_t p = 0; p < np; p++) {
            const char *t = joined ? d->paras[p] : rp->u[d->body.v[p]].text;
            items[m] = (bs_dedup_item){t, (int)k, m, {0, 0, 0, 0}, 0};
            refs[m++] = (para_ref){k, p};
        }
    }
    *pitems = items;
    *prefs = refs;
    return m;
}

/* Text without coordinates repeats a paragraph as it was read, character
 * for character (a block printed or recognised twice went through one
 * OCR), so near-duplicates must be much nearer than two OCR passes over
 * a scan (dedup.c allows 10%): formulaic paragraphs ("第N号令说，《…法》
 * 已由…", two orders in one story) differ in 5 to 7 characters of 100. */
static bs_dedup_options reflow_dedup_options(void)
{
    bs_dedup_options o = bs_dedup_options_default();
    o.max_distance_frac = REFLOW_DEDUP_DISTANCE_FRAC;
    return o;
}

/* Paragraphs repeated as read, removed before cut paragraphs are joined:
 * a cut fragment whose true continuation is followed by a second copy of
 * it would otherwise be joined to whichever copy comes next, and the
 * order of the story built around the wrong one.  Whole copies only; a
 * fragment of a paragraph is only recognisable once the paragraph is
 * whole (remove_duplicates, after joining). */
static void remove_repeated_units(bs_reflow_page *rp, draft_list *dl, bs_issue *issue)
{
    bs_dedup_item *items;
    para_ref *refs;
    size_t m = dedup_items(rp, dl, 0, &items, &refs);
    bs_dedup_hit *hits = NULL;
    bs_dedup_options dopt = reflow_dedup_options();
    size_t nh = m >= 2 ? bs_dedup_find(items, m, &dopt, &hits) : 0;
    for (size_t h = 0; h < nh; h++) {
        if (hits[h].fragment)
            continue;
        para_ref g = refs[hits[h].removed];
        qc_duplicate(rp, dl, issue, items[hits[h].removed].text, g.draft, refs[hits[h].kept].draft, 0);
        dl->d[g.draft].body.v[g.para] = SIZE_MAX;
    }
    for (size_t k = 0; k < dl->n; k++) {
        idx_list *b = &dl->d[k].body;
        size_t w = 0;
        for (size_t p = 0; p < b->n; p++)
            if (b->v[p] != SIZE_MAX)
                b->v[w++] = b->v[p];
        b->n = w;
    }
    free(hits);
    free(items);
    free(refs);
}

/* Repeated paragraphs and fragments of paragraphs after joining. */
static void remove_duplicates(bs_reflow_page *rp, draft_list *dl, bs_issue *issue)
{
    bs_dedup_item *items;
    para_ref *refs;
    size_t m = dedup_items(rp, dl, 1, &items, &refs);
    bs_dedup_hit *hits = NULL;
    bs_dedup_options dopt = reflow_dedup_options();
    size_t nh = m >= 2 ? bs_dedup_find(items, m, &dopt, &hits) : 0;
    for (size_t h = 0; h < nh; h++)
        qc_duplicate(rp, dl, issue, items[hits[h].removed].text, refs[hits[h].removed].draft,
                     refs[hits[h].kept].draft, hits[h].fragment);
    for (size_t h = 0; h < nh; h++) {
        para_ref g = refs[hits[h].removed];
        free(dl->d[g.draft].paras[g.para]);
        dl->d[g.draft].paras[g.para] = NULL;
    }
    for (size_t k = 0; k < dl->n; k++) {
        draft *d = &dl->d[k];
        size_t w = 0;
        for (size_t p = 0; p < d->nparas; p++)
            if (d->paras[p])
                d->paras[w++] = d->paras[p];
        d->nparas = w;
    }
    free(hits);
    free(items);
    free(refs);
}

/* ---- the issue ------------------------------------------------------------- */

static const char *region_of(const bs_page *pg, size_t unit_index)
{
    return pg->regions[unit_index].id;
}

/* Region ui of pg becomes part of article a (index ai of the issue). */
static void add_region(bs_article *a, int ai, bs_page *pg, long ui)
{
    if (ui < 0)
        return;
    bs_article_add_region(a, pg->number, region_of(pg, (size_t)ui));
    pg->regions[ui].article = ai;
}

static void emit(bs_reflow_page *rp, draft_list *dl, bs_issue *issue)
{
    bs_page *pg = bs_issue_add_page(issue, rp->number);
    if (rp->source)
        pg->image_path = bs_xstrdup(rp->source);
    for (size_t i = 0; i < rp->n; i++) {
        bs_region *r = bs_page_add_region(pg, rp->u[i].role, (bs_box){0, 0, 0, 0});
        r->order = (int)i;
        r->columns_spanned = 1;
        bs_region_add_line(r, rp->u[i].role == BS_ROLE_BODY ? rp->u[i].text : rp->u[i].spaced,
                           (bs_box){0, 0, 0, 0}, -1);
        if (rp->u[i].role == BS_ROLE_FOLIO && !pg->label)
            pg->label = bs_xstrdup(rp->u[i].text);
        if (rp->u[i].role != BS_ROLE_BODY) {
            char *q = quote(rp->u[i].text);
            bs_issue_add_qc(issue, "role", rp->number, "line %zu is %s: \"%s\"", rp->u[i].line,
                            bs_role_name(rp->u[i].role), q);
            free(q);
        }
    }
    for (size_t k = 0; k < dl->n; k++) {
        draft *d = &dl->d[k];
        if (!d->nparas && d->title < 0 && !d->captions.n && d->byline < 0 && d->deck < 0)
            continue;
        bs_article *a = bs_issue_add_article(issue);
        int ai = (int)issue->narticles - 1;
        const unit *u = rp->u;
        if (d->kicker >= 0)
            bs_article_set(&a->kicker, u[d->kicker].spaced);
        if (d->title >= 0)
            bs_article_set(&a->title, u[d->title].spaced);
        if (d->deck >= 0)
            bs_article_set(&a->deck, u[d->deck].spaced);
        bs_strbuf by = BS_STRBUF_INIT;
        if (d->byline >= 0)
            bs_strbuf_addstr(&by, u[d->byline].spaced);
        if (d->byline_prefix) {
            if (by.len)
                bs_strbuf_addch(&by, ' ');
            bs_strbuf_addstr(&by, d->byline_prefix);
            bs_issue_add_qc(issue, "role", rp->number, "byline \"%s\" taken out of the first paragraph",
                            d->byline_prefix);
        }
        for (size_t j = 0; j < d->extra_bylines.n; j++) {
            if (by.len)
                bs_strbuf_addch(&by, ' ');
            bs_strbuf_addstr(&by, u[d->extra_bylines.v[j]].spaced);
        }
        if (by.len)
            bs_article_set(&a->byline, by.buf);
        bs_strbuf_release(&by);
        for (size_t p = 0; p < d->nparas; p++)
            bs_article_add_paragraph(a, d->paras[p]);
        for (size_t j = 0; j < d->captions.n; j++)
            bs_article_add_caption(a, u[d->captions.v[j]].spaced);
        add_region(a, ai, pg, d->kicker);
        add_region(a, ai, pg, d->title);
        add_region(a, ai, pg, d->deck);
        add_region(a, ai, pg, d->byline);
        add_region(a, ai, pg, d->jump_in);
        for (size_t j = 0; j < d->extra_bylines.n; j++)
            add_region(a, ai, pg, (long)d->extra_bylines.v[j]);
        for (size_t p = 0; p < d->body.n; p++)
            add_region(a, ai, pg, (long)d->body.v[d->order[p]]);
        for (size_t j = 0; j < d->captions.n; j++)
            add_region(a, ai, pg, (long)d->captions.v[j]);
        add_region(a, ai, pg, d->jump_out);
        a->continuation = d->continuation;
        if (d->jump_in >= 0) {
            bs_article_set(&a->jump_in_line, u[d->jump_in].text);
            bs_article_set(&a->jump_in_region, region_of(pg, (size_t)d->jump_in));
        }
        if (d->jump_out >= 0) {
            bs_article_set(&a->jump_out_line, u[d->jump_out].text);
            bs_article_set(&a->jump_out_region, region_of(pg, (size_t)d->jump_out));
        }
        if (d->cont_head >= 0)
            bs_article_set(&a->cont_head, u[d->cont_head].spaced);
        /* Text alone is weaker evidence than a layout: a story with a
         * headline counts as likely, a headless fragment as a guess. */
        a->confidence = d->title >= 0 ? 0.8f : 0.5f;
    }
}

static void draft_release(draft *d)
{
    free(d->body.v);
    free(d->captions.v);
    free(d->extra_bylines.v);
    for (size_t p = 0; p < d->nparas; p++)
        free(d->paras[p]);
    free(d->paras);
    free(d->order);
    free(d->byline_prefix);
}

/* ---- printed lines --------------------------------------------------------- */

/* The page has one printed line per line (REFLOW_PRINTED_LINES_SHARE). */
static int printed_lines(const bs_reflow_page *rp)
{
    size_t single = 0;
    for (size_t i = 1; i < rp->n; i++)
        single += rp->u[i].line == rp->u[i - 1].last_line + 1;
    return rp->n > 0 && rp->n - 1 >= REFLOW_PRINTED_LINES_MIN_BREAKS &&
           (double)single >= REFLOW_PRINTED_LINES_SHARE * (double)(rp->n - 1);
}

/* A role that takes the next printed line of its block (block_goes_on):
 * running text, a headline, a caption, a deck. */
static int role_goes_on(bs_role r)
{
    return r == BS_ROLE_BODY || r == BS_ROLE_HEADLINE || r == BS_ROLE_CAPTION || r == BS_ROLE_DECK;
}

/* A printed line with a role of its own (a byline, a credit, a caption,
 * a date, a jump line) or opening on an English story's dateline starts
 * a unit even inside a block: Tesseract sets a credit over a
 * story's first lines in one block ("From Staff and Wire Reports" +
 * "LONDON, Feb 9 - Bank"), and a headline over them too ("…Vows
 * Retaliation" + "WASHINGTON, March 26 - The").  line->role holds the
 * printed line's role. */
static int starts_own_unit(const unit *line)
{
    bs_role r = line->role;
    /* A dash opening a printed line inside a block is the paragraph's
     * own ("…it would cause" + "-- the loss of about 400,000 jobs"), not
     * a deck. */
    return (r != BS_ROLE_BODY && r != BS_ROLE_HEADLINE && r != BS_ROLE_DECK) ||
           bs_reflow_opens_on_dateline_en(line->text);
}

/* Printed line cur, with the next line of its block after (NULL at the
 * block's end), opens on an English dateline that the line break cut
 * after its place ("WATERBURY, Conn.," + "March 16 - Banking Center"). */
static int opens_split_dateline(const char *cur, const char *after)
{
    size_t n = strlen(cur);
    if (!after || !n || cur[n - 1] != ',')
        return 0;
    bs_strbuf both = BS_STRBUF_INIT;
    bs_strbuf_addf(&both, "%s %s", cur, after);
    int dateline = bs_reflow_opens_on_dateline_en(both.buf);
    bs_strbuf_release(&both);
    return dateline;
}

/* Unit open (its first printed line the whole of it when single) takes
 * the next printed line cur of its block (after: the line after cur in
 * the block, or NULL).  A one-line kind (a credit, a date, a jump line)
 * takes none; a caption goes on ("…Photo by Ellen" + "Hayes"), so does a
 * line opening on a dash ("—溱潼会船节…", the rest of a "——" cut by a
 * column), and a byline takes the rest of its names ("By Karen Foster
 * and Brian" + "Collins", set as a headline is) but not the story's
 * first words.  Date and folio lines inside a paragraph are body by now
 * (furniture_lines_in_paragraphs). */
static int block_goes_on(const unit *open, const unit *cur, const char *after)
{
    if (starts_own_unit(cur) || opens_split_dateline(cur->text, after))
        return 0;
    if (open->line != open->last_line)
        return 1;
    if (open->role == BS_ROLE_BYLINE)
        return !bs_reflow_is_cjk_text(open->text) && cur->role == BS_ROLE_HEADLINE;
    return role_goes_on(open->role);
}

/* Join unit u's text and spaced text to the ends of text and spaced (a
 * paragraph join: dehyphenated, no space inside CJK text); u keeps its
 * strings. */
static void join_unit_text(bs_strbuf *text, bs_strbuf *spaced, const unit *u, const bs_paragraph_options *po)
{
    bs_paragraph_join(text, u->text, po);
    bs_paragraph_join(spaced, u->spaced, po);
}

/* Append unit b's text to unit a's (join_unit_text) and release b's
 * strings. */
static void merge_unit(unit *a, unit *b, const bs_paragraph_options *po)
{
    bs_strbuf text = BS_STRBUF_INIT, spaced = BS_STRBUF_INIT;
    bs_strbuf_addstr(&text, a->text);
    bs_strbuf_addstr(&spaced, a->spaced);
    join_unit_text(&text, &spaced, b, po);
    free(a->text);
    free(a->spaced);
    free(b->text);
    free(b->spaced);
    a->text = bs_strbuf_detach(&text);
    a->spaced = bs_strbuf_detach(&spaced);
    a->last_line = b->last_line;
}

/* English printed line text is a headline's first line that cannot end
 * it: set as a headline up to a last comma, dash or small word ("U.S.
 * Intervened To Aid Dlr In January,", "…Coin To Sell At"); a column's
 * first words cut before a headline ("Wilson said in the") are not. */
static int open_headline_line(const char *text)
{
    size_t n = strlen(text);
    uint32_t last = bs_utf8_last(text, n, NULL);
    int open = last == ',' || last == '-' || ends_on_function_word(text);
    if (!open)
        return 0;
    /* The line without that comma, dash or word. */
    while (n > 0 && (text[n - 1] == ',' || text[n - 1] == '-' || text[n - 1] == ' '))
        n--;
    if (last != ',' && last != '-')
        while (n > 0 && isalpha((unsigned char)text[n - 1]))
            n--;
    char *head = bs_xstrndup(text, n);
    /* Two words at least: "He has" is a sentence's start, not "He". */
    int headline = strchr(head, ' ') && bs_reflow_headline_like(head);
    free(head);
    return headline;
}

/* Units a and b (a headline's two printed lines, each its own block and
 * one line long, in one script) are one headline: b reads as one, the two
 * together do (with no space between in Chinese), and a cannot end a
 * headline (a comma, a dash, a small word: "…In January," + "Fed Says")
 * or is the longer line of a headline set to the column's width and
 * wrapped ("Chrysler <C> Deal Leaves Uncertainty" + "For Amc Workers"),
 * where a kicker over a headline is the shorter.  A Chinese line under a
 * headline is as often a column's short first line, so there only a
 * clause left open (ends_mid_clause) or a word cut in two
 * ("伊朗外交部：中方对推动伊沙复" + "交发挥建设性作用") joins them.  (A
 * column's first words left open before the next story, "国家妇产疾病中心
 * 主", are joined to its headline so; without the open clause the ten
 * Chinese issues of `make testdata` lost 2.5 points of aca.) */
static int wrapped_headline(const bs_reflow_options *o, const unit *a, const unit *b)
{
    int cjk = bs_reflow_is_cjk_text(a->text);
    if (a->line != a->last_line || b->line != b->last_line || cjk != bs_reflow_is_cjk_text(b->text) ||
        b->role != BS_ROLE_HEADLINE || starts_own_unit(a))
        return 0;
    bs_strbuf both = BS_STRBUF_INIT;
    bs_strbuf_addf(&both, cjk ? "%s%s" : "%s %s", a->text, b->text);
    int headline = bs_reflow_headline_like(both.buf);
    bs_strbuf_release(&both);
    if (!headline)
        return 0;
    if (cjk)
        return ends_mid_clause(a->text) || join_gain(o, a->text, b->text) >= REFLOW_HEADLINE_CUT_GAIN_WORD;
    if (open_headline_line(a->text))
        return 1;
    return bs_reflow_headline_like(a->text) && bs_text_length(a->text) > bs_text_length(b->text);
}

/* The unit open (its first line's text in open->text, the lines merged
 * after it in *text and *spaced, when any) takes its merged text. */
static void close_block(unit *open, bs_strbuf *text, bs_strbuf *spaced)
{
    if (!open || open->line == open->last_line)
        return;
    free(open->text);
    free(open->spaced);
    open->text = bs_strbuf_detach(text);
    open->spaced = bs_strbuf_detach(spaced);
}

/* Printed line b comes right after printed line a in one block (no
 * blank line between them). */
static int same_block(const unit *a, const unit *b)
{
    return a->line + 1 == b->line;
}

/* Printed lines read as page furniture inside a paragraph are the
 * paragraph's, body.  First a line read as the issue's date
 * ("会议于2026年3月12日", "2024年4月至2025年7") that ends open, with the
 * line before it in its block body text that ends open too, or the line
 * after it in its block body text; then a line read as a folio (a bare
 * number) under a line that takes the next line of its block
 * (role_goes_on: running text, a headline, a caption, a deck) and stops
 * inside a number or a clause ("…同比增长4" + "1").  An issue's date and
 * a folio stand alone in their block or beside the masthead, not between
 * lines of running text.  Dates first, so a number turned body is no
 * date's "body before". */
static void furniture_lines_in_paragraphs(bs_reflow_page *rp)
{
    unit *u = rp->u;
    for (size_t i = 0; i < rp->n; i++) {
        if (u[i].role != BS_ROLE_DATELINE || !bs_reflow_ends_open(u[i].text))
            continue;
        int body_before = i > 0 && same_block(&u[i - 1], &u[i]) && u[i - 1].role == BS_ROLE_BODY &&
                          bs_reflow_ends_open(u[i - 1].text);
        int body_after = i + 1 < rp->n && same_block(&u[i], &u[i + 1]) && u[i + 1].role == BS_ROLE_BODY;
        if (body_before || body_after)
            u[i].role = BS_ROLE_BODY;
    }
    for (size_t i = 1; i < rp->n; i++)
        if (u[i].role == BS_ROLE_FOLIO && same_block(&u[i - 1], &u[i]) && role_goes_on(u[i - 1].role) &&
            bs_reflow_ends_open(u[i - 1].text))
            u[i].role = BS_ROLE_BODY;
}

/* Put a page of printed lines back into paragraphs: the lines of a block
 * (no blank line between them) into one unit, each line appended once so
 * a block of any length costs its length, lines with roles of their own
 * left apart; then a headline's wrapped second line into its first.  A
 * page with one paragraph per line is left as it is.  QC event to
 * issue. */
static void merge_printed_lines(bs_reflow_page *rp, const bs_reflow_options *o, bs_issue *issue)
{
    if (!printed_lines(rp))
        return;
    size_t lines = rp->n, w = 0;
    /* Each printed line's role, read once: a merged unit keeps its first
     * line's (assign_roles reads the merged text afresh). */
    for (size_t i = 0; i < rp->n; i++)
        rp->u[i].role = bs_reflow_line_role(rp->u[i].text);
    furniture_lines_in_paragraphs(rp);
    bs_paragraph_options po = bs_paragraph_options_default();
    po.hyphen_scorer = hyphen_cb;
    po.hyphen_ctx = (void *)o->en;
    bs_strbuf text = BS_STRBUF_INIT, spaced = BS_STRBUF_INIT;
    for (size_t i = 0; i < rp->n; i++) {
        unit *open = w ? &rp->u[w - 1] : NULL, *cur = &rp->u[i];
        const char *after = i + 1 < rp->n && same_block(cur, &rp->u[i + 1]) ? rp->u[i + 1].text : NULL;
        if (open && cur->line == open->last_line + 1 && block_goes_on(open, cur, after)) {
            if (open->line == open->last_line) {
                bs_strbuf_addstr(&text, open->text);
                bs_strbuf_addstr(&spaced, open->spaced);
            }
            join_unit_text(&text, &spaced, cur, &po);
            open->last_line = cur->line;
            free(cur->text);
            free(cur->spaced);
            continue;
        }
        close_block(open, &text, &spaced);
        rp->u[w++] = *cur;
    }
    close_block(w ? &rp->u[w - 1] : NULL, &text, &spaced);
    bs_strbuf_release(&text);
    bs_strbuf_release(&spaced);
    rp->n = w;
    w = 0;
    for (size_t i = 0; i < rp->n; i++) {
        unit *prev = w ? &rp->u[w - 1] : NULL, *cur = &rp->u[i];
        if (prev && wrapped_headline(o, prev, cur))
            merge_unit(prev, cur, &po);
        else
            rp->u[w++] = *cur;
    }
    rp->n = w;
    bs_issue_add_qc(issue, "printed_lines", rp->number,
                    "page read as one printed line per line: %zu lines put into %zu paragraphs and headlines",
                    lines, rp->n);
}

void bs_reflow_page_finish(bs_reflow_page *rp, bs_issue *issue, const bs_reflow_options *opt)
{
    bs_reflow_options def = bs_reflow_options_default();
    if (!opt)
        opt = &def;
    merge_printed_lines(rp, opt, issue);
    assign_roles(rp, opt);
    draft_list dl = {0};
    group_stories(rp, &dl);
    if (opt->dedup)
        remove_repeated_units(rp, &dl, issue);
    for (size_t k = 0; k < dl.n; k++) {
        order_and_join(rp, &dl.d[k], issue, opt);
        split_byline_prefix(rp, &dl.d[k]);
    }
    if (opt->dedup)
        remove_duplicates(rp, &dl, issue);
    emit(rp, &dl, issue);
    for (size_t k = 0; k < dl.n; k++)
        draft_release(&dl.d[k]);
    free(dl.d);
    bs_reflow_page_free(rp);
}

void bs_reflow_text(bs_issue *issue, const char *text, int number, const char *source,
                    const bs_reflow_options *opt)
{
    bs_reflow_page *rp = bs_reflow_page_new(number, source);
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = bs_xstrndup(p, n);
        bs_reflow_page_add_line(rp, line);
        free(line);
        p += n + (nl ? 1 : 0);
    }
    bs_reflow_page_finish(rp, issue, opt);
}

void bs_reflow_issue_finish(bs_issue *issue, const bs_reflow_options *opt)
{
    bs_stitch_options so = bs_stitch_options_default();
    (void)opt;
    bs_stitch_issue(issue, &so);
}
