/*
 * lm.c - join, dehyphenation, ordering and correction scores from a
 *        character/word language model.
 *
 * Public functions:
 *     bs_lm_find, bs_lm_logprob, bs_lm_join_score, bs_lm_start_logodds,
 *     bs_lm_dehyphenate_score,
 *     bs_lm_order, bs_lm_correct
 *
 * The model (lm_format.h) describes text as a stream of words drawn from
 * a word list's frequencies.  Its character n-gram counts are exact for
 * that stream: a trigram count c3(abc) is the count inside words plus the
 * three ways a word boundary can fall inside it,
 *     c3(abc) = I3(abc) + E2(ab) S(c) / C + E(a) S2(bc) / C
 *               + E(a) W(b) S(c) / C^2,
 * and likewise c2(ab) = I2(ab) + E(a) S(b) / C.  Probabilities are these
 * counts interpolated with the shorter context by Dirichlet smoothing
 * (mass K = C * BS_LM_DIRICHLET_FRACTION, at most a tenth of the context
 * count, see mass()).  The start of a paragraph is a word start:
 * P(c | break) = S(c) / C.
 *
 * A join of fragments A and B is scored as the log-likelihood ratio of B's
 * first characters after A's last two, against A ending a word and B
 * starting afresh: a cut inside "准|备" scores high because the model has
 * seen "准备" inside a word and "准" rarely ends one; a cut between two
 * words scores about 0, since a word-frequency model carries no
 * information across word boundaries (the honest limit of a model built
 * from word lists).  Punctuation at the cut carries most of the
 * paragraph-break evidence: paragraphs end in "。" or "." and never start
 * with "，", a lower-case letter or a Chinese particle ("的", "了": the
 * model file flags the characters jieba tags as particles); the weights
 * below are the log likelihood ratios of those events in newspaper text.  Whether a break
 * is a new article or a new paragraph is judged by the content words both
 * sides share (an article repeats its names and terms).
 *
 * A text model (tools/build-models --text: the same counts taken from
 * running text, a paragraph per unit, punctuation included) knows what a
 * word list cannot, which word follows which, but only for text like the
 * one it was built from.  An adapted model (bs_lm_adapt) therefore keeps
 * its own evidence and adds the text model's, with weight
 * BS_LM_ADAPT_WEIGHT, into the join log-odds.  The text model's evidence
 * is the same likelihood ratio but for the break side: a text model's unit
 * ends only at a paragraph's end, so "left ends one here" would be
 * unlikely almost everywhere and make every join look likely (aca of nine
 * seeds 0.954 with that term, 0.958 without, at weight 0.3); its break is
 * right starting afresh alone.  lm_gain stays the word model's alone,
 * because the callers' thresholds on it (a headline's end running on into
 * a paragraph) were measured on that model (with the text model there
 * too, aca of six seeds 0.961 -> 0.944 at weight 0.3, README).  The weight is discussed
 * at BS_LM_ADAPT_WEIGHT.
 *
 * Ordering maximises the sum of the junctions' join log-odds, exactly by
 * dynamic programming over subsets (Held-Karp, O(2^n n^2), a millisecond
 * at n = 12), greedily beyond.
 *
 * Corrections replace a confusable character only when the model finds
 * the text BS_LM_CORRECT_MIN_GAIN nats likelier with the other one (zh),
 * or when a token that is not a word becomes a listed word (en); every
 * change is returned so that callers can record it.
 */
#include "lm.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "lm_format.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* Context marker for "after a break" (paragraph start, punctuation). */
#define BND 0u

/* Unigram floor: an unseen character gets this many counts out of a
 * vocabulary of BS_LM_CHARSET, so its log-probability is finite (about
 * -20 for jieba's counts) but far below any listed character. */
#define BS_LM_UNSEEN_COUNT 0.5
#define BS_LM_CHARSET 30000.0
/* At most this share of an estimate comes from the shorter context (see
 * mass()): 10% keeps unseen continuations possible without diluting the
 * expected counts of cross-word contexts. */
#define BS_LM_MAX_SMOOTH_SHARE 0.1

/* How many characters of each fragment the join reads: two of context on
 * the left (the model is a trigram model) and two on the right (after
 * that the two hypotheses share their context and cancel). */
#define BS_LM_JOIN_CHARS 2
/* Window of characters on each side compared for shared content words
 * (article vs paragraph): about nine lines of a Chinese newspaper column
 * or of an English one (60 words); also the bound on the cost of a join
 * score. */
#define BS_LM_TOPIC_CHARS_ZH 128
#define BS_LM_TOPIC_BYTES_EN 384
/* Characters decoded on each side of a cut for its punctuation, case and
 * character-model evidence (closing quotes after a full stop, two of
 * context, two of continuation). */
#define BS_LM_EDGE_CHARS 8
/* Longest first word, in characters, whose part of speech
 * bs_lm_start_logodds reads: words of up to six characters carry 92% of
 * the counts of jieba's list, and each character more is one more
 * look-up per paragraph. */
#define BS_LM_START_WORD_CHARS 6

/* Log-likelihood ratios P(feature | join) / P(feature | break), in nats,
 * estimated from how newspaper paragraphs end and start:
 *  - about 97% of paragraphs end in sentence-final punctuation, a random
 *    cut lands after one about 4% of the time: log(0.04 / 0.97);
 *  - a cut after "，" "、" "：" or an opening quote is a join nearly
 *    always (a paragraph never ends there): about 1 break in 200;
 *  - a fragment that does not end in punctuation: log(0.96 / 0.03);
 *  - no paragraph starts with a closing or mid-sentence mark: 1 in 500;
 *  - English paragraphs start with a capital, a digit or a quote; a cut
 *    lands before a lower-case word about 80% of the time;
 *  - a hyphen at the end of a line is never a paragraph end. */
#define BS_LM_W_END_TERMINAL (-3.2)
#define BS_LM_W_END_CONTINUING 5.3
#define BS_LM_W_END_OPEN 3.5
#define BS_LM_W_START_MIDPUNCT 6.2
#define BS_LM_W_START_LOWER 3.0
#define BS_LM_W_START_UPPER (-1.6)
/* A Chinese clitic (的 了 们 吗, lm_format.h) starts a sentence far less
 * than 1 time in 100 as often as it follows a column break. */
#define BS_LM_W_START_CLITIC 4.6
#define BS_LM_W_END_HYPHEN 6.0
/* After a full stop the case of the next letter no longer tells a join
 * from a break (both start a sentence with a capital), but a lower-case
 * continuation after a full stop is rare (abbreviations): 1 in 20. */
#define BS_LM_W_LOWER_AFTER_STOP (-3.0)
/* The character model's gain is capped: one surprising character pair
 * (a name, an OCR error) must not outvote the punctuation. */
#define BS_LM_GAIN_CLIP 8.0
/* Share of breaks that start a new article when nothing is known (a
 * column of a page is about one third article starts), and how much each
 * shared content word lowers that (log-odds per shared item). */
#define BS_LM_ARTICLE_PRIOR_LOGIT (-0.7)
/* Log-likelihood ratios new article / same article of the overlap between
 * the two windows, measured on news text (zh_xwlb 2025, balanced pairs of
 * consecutive paragraphs): sharing no content item is 1.0 in favour of a
 * new article (73% of such breaks are), and each shared item moves 0.9
 * towards the same article; more than BS_LM_SHARED_MAX items add nothing. */
#define BS_LM_NO_SHARED_LLR 1.0
#define BS_LM_SHARED_WEIGHT 0.9
#define BS_LM_SHARED_MAX 6
/* The overlap is only computed when a break is at all likely: below this
 * break probability the split between paragraph and article does not
 * matter to any caller, and most joins (mid-sentence cuts) skip the work. */
#define BS_LM_TOPIC_MIN_BREAK 1e-3
/* An English word counts as a content word for topic overlap when it has
 * at least this many letters and is rarer than this share of all words
 * (which excludes "the", "said", "which" ...). */
#define BS_LM_TOPIC_MIN_LETTERS 5
#define BS_LM_TOPIC_MAX_SHARE 2e-4

/* Dehyphenation: an unknown word is this much less likely than its
 * letters suggest (the word lists cover most real words), and two words
 * are written as a hyphenated compound at this rate relative to their
 * independent probabilities (calibrated so that "well"+"known" keeps its
 * hyphen and "democ"+"racy" joins by a wide margin in both directions). */
#define BS_LM_OOV_LOG_PENALTY (-2.3)
#define BS_LM_COMPOUND_LOG_RATE 6.9
/* Score given to a hyphen after a prefix when the joined word is not a
 * common word (en_hyphen_prefix): keep it, with modest confidence.
 * "Common" is a share of all words that SCOWL's everyday levels reach
 * ("cooperative", "preview") but the rare forms of the big lists, which
 * newspapers mostly hyphenate ("nonbank", "antipiracy"), do not. */
#define BS_LM_PREFIX_KEEP 2.0
#define BS_LM_PREFIX_JOIN_SHARE 5e-7
/* A line-end hyphen between two parts whose joined form is a common word,
 * this share of all words or more ("with-" + "out", "out-" + "standing",
 * "all-" + "owing"), is a word split, whatever the parts make alone:
 * a common closed word is not written with a hyphen, and the compound
 * rate (BS_LM_COMPOUND_LOG_RATE) over-rates pairs of frequent words.
 * Not after a prefix (en_hyphen_prefix): "co-operate", "re-election"
 * are written both ways.  Score then BS_LM_COMMON_JOIN_SCORE at least.
 * `tools/lm-eval` (1,000 compounds, 1,000 split words): Reuters compounds
 * kept 0.880 -> 0.878 (only "on-going"), split words joined 0.984 ->
 * 0.994; Brown press 0.841 -> 0.841 and 0.979 -> 0.990; at 3e-5 none
 * lost, joined 0.991 and 0.988; at 1e-6 compounds kept 0.857 and 0.830. */
#define BS_LM_COMMON_JOIN_SHARE 1e-5
#define BS_LM_COMMON_JOIN_SCORE 1.0

/* Corrections: the minimum log-likelihood gain (nats) for a Chinese
 * substitution, about 55 to 1: the confusable pairs are common characters
 * and a wrong "correction" is worse than a missed one.  Measured on news
 * text (tools/lm-eval): 0.1 changes per 10,000 characters of clean text,
 * and 99.7% of the changes right on text with planted confusions; 3.0
 * recovers more (62% vs 53%) at 2.5 times the false changes. */
#define BS_LM_CORRECT_MIN_GAIN 4.0
/* English: the replacement word must be at least this common (share of
 * all words), so that a garbled token is not "corrected" into a rare
 * word that happens to be listed. */
#define BS_LM_EN_MIN_SHARE 1e-8
/* Ordering: a junction that keeps the caller's order (fragment i then
 * i + 1) gets this bonus, in nats.  Far below any real evidence, it only
 * decides ties, which are common: a cut between two words carries no
 * evidence in a word-list model, and the caller's order (layout) is then
 * the better guess. */
#define BS_LM_ORDER_INPUT_BONUS 0.05
/* Longest token (bytes) the English corrector looks at. */
#define BS_LM_EN_MAX_TOKEN 64

/* ---- model probabilities ------------------------------------------------ */

static double p_uni(const bs_lm *lm, const bs_lm_uni_slot *u)
{
    double c = u ? u->u : 0.0;
    return (c + BS_LM_UNSEEN_COUNT) / (lm->total_chars + BS_LM_UNSEEN_COUNT * BS_LM_CHARSET);
}

/* Smoothing mass for a context seen ctx times: the Dirichlet mass, but
 * at most BS_LM_MAX_SMOOTH_SHARE of the context count.  Context counts
 * across word boundaries are expected counts of the word model (products
 * like E(a) S(b) / C), often far below one, yet as exact as any other;
 * a fixed absolute mass would drown them and bias every cross-word
 * estimate towards the context-free one. */
static double mass(const bs_lm *lm, double ctx)
{
    double r = BS_LM_MAX_SMOOTH_SHARE * ctx;
    return r < lm->dirichlet ? r : lm->dirichlet;
}

static double p_bi(const bs_lm *lm, uint32_t b, const bs_lm_uni_slot *ub, uint32_t c,
                   const bs_lm_uni_slot *uc)
{
    double p0 = p_uni(lm, uc);
    if (!ub)
        return p0;
    const bs_lm_bi_slot *bc = bs_lm_bi(lm, b, c);
    double c2 = (bc ? bc->i : 0.0) + (uc ? (double)ub->e * uc->s / lm->total_words : 0.0);
    double k = mass(lm, ub->u);
    return (c2 + k * p0) / (ub->u + k);
}

/* P(c | a b), where a and/or b may be BND. */
static double p_next(const bs_lm *lm, uint32_t a, uint32_t b, uint32_t c)
{
    double k = lm->dirichlet, C = lm->total_words;
    const bs_lm_uni_slot *uc = bs_lm_uni(lm, c);
    if (b == BND) {
        double s = uc ? uc->s : 0.0;
        return (s + k * p_uni(lm, uc)) / (C + k);
    }
    const bs_lm_uni_slot *ub = bs_lm_uni(lm, b);
    double pb = p_bi(lm, b, ub, c, uc);
    if (!ub)
        return pb;
    if (a == BND) {
        const bs_lm_bi_slot *bc = bs_lm_bi(lm, b, c);
        double n = (bc ? bc->s : 0.0) + (uc ? (double)ub->w * uc->s / C : 0.0);
        if (!(ub->s > 0))
            return pb;
        k = mass(lm, ub->s);
        return (n + k * pb) / (ub->s + k);
    }
    const bs_lm_uni_slot *ua = bs_lm_uni(lm, a);
    if (!ua)
        return pb;
    const bs_lm_bi_slot *ab = bs_lm_bi(lm, a, b);
    const bs_lm_bi_slot *bc = bs_lm_bi(lm, b, c);
    double c2 = (ab ? ab->i : 0.0) + (double)ua->e * ub->s / C;
    double c3 = bs_lm_tri(lm, a, b, c);
    if (uc) {
        c3 += (ab ? (double)ab->e : 0.0) * uc->s / C;
        c3 += (double)ua->e * (bc ? bc->s : 0.0) / C;
        c3 += (double)ua->e * ub->w / C * uc->s / C;
    }
    if (!(c2 > 0))
        return pb;
    k = mass(lm, c2);
    return (c3 + k * pb) / (c2 + k);
}

/* P(a word ends after "a b") (a, b may be BND: then certain). */
static double p_end(const bs_lm *lm, uint32_t a, uint32_t b)
{
    if (b == BND)
        return 1.0;
    if (lm->lang == BS_LM_EN)
        return p_next(lm, a, b, ' ');
    const bs_lm_uni_slot *ub = bs_lm_uni(lm, b);
    if (!ub)
        return 1.0;
    /* floored: a character never seen at a word end may still end one */
    double pb = (ub->e + BS_LM_UNSEEN_COUNT) / (ub->u + 2 * BS_LM_UNSEEN_COUNT);
    if (a == BND) /* "^b": b is a one-character word */
        return ub->s > 0 ? (ub->w + mass(lm, ub->s) * pb) / (ub->s + mass(lm, ub->s)) : pb;
    const bs_lm_uni_slot *ua = bs_lm_uni(lm, a);
    if (!ua)
        return pb;
    const bs_lm_bi_slot *ab = bs_lm_bi(lm, a, b);
    double c2 = (ab ? ab->i : 0.0) + (double)ua->e * ub->s / lm->total_words;
    double e = (ab ? ab->e : 0.0) + (double)ua->e * ub->w / lm->total_words;
    if (!(c2 > 0))
        return pb;
    double k = mass(lm, c2);
    return (e + k * pb) / (c2 + k);
}

/* ---- characters ------------------------------------------------------------ */

static uint32_t fold(const bs_lm *lm, uint32_t cp)
{
    if (lm->lang != BS_LM_EN)
        return cp;
    if (bs_unicode_is_space(cp))
        return ' ';
    if (cp < 128)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp == 0x2019)
        return '\'';
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

/* The model's view of a character: itself (folded) if the model knows
 * it, BND otherwise. */
static uint32_t model_cp(const bs_lm *lm, uint32_t cp)
{
    cp = fold(lm, cp);
    return bs_lm_uni(lm, cp) ? cp : BND;
}

/* Decode up to max code points ending at s + n (walking back). */
static size_t tail_cps(const char *s, size_t n, uint32_t *out, size_t max)
{
    size_t k = 0, end = n;
    while (end > 0 && k < max) {
        size_t st = end - 1;
        while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80 && end - st < 4)
            st--;
        uint32_t cp;
        if (bs_utf8_decode_one(s + st, end - st, &cp) != end - st)
            cp = BS_UNICODE_REPLACEMENT;
        out[max - 1 - k] = cp;
        k++;
        end = st;
    }
    memmove(out, out + (max - k), k * sizeof *out);
    return k;
}

static size_t head_cps(const char *s, size_t n, uint32_t *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        uint32_t cp;
        size_t l = bs_utf8_decode_one(s + i, n - i, &cp);
        if (l == 0) {
            cp = BS_UNICODE_REPLACEMENT;
            l = 1;
        }
        out[k++] = cp;
        i += l;
    }
    return k;
}

static int is_terminal(uint32_t cp)
{
    switch (cp) {
    case 0x3002: case 0xFF0E: case 0xFF01: case 0xFF1F: case 0x2026: case '.': case '!':
    case '?': case 0xFF61:
        return 1;
    default:
        return 0;
    }
}

static int is_closing(uint32_t cp)
{
    switch (cp) {
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case ')': case '"':
    case '\'': case 0x300B: case 0x3011: case 0xFF3D: case ']':
        return 1;
    default:
        return 0;
    }
}

static int is_continuing(uint32_t cp)
{
    switch (cp) {
    case 0xFF0C: case 0x3001: case 0xFF1A: case 0xFF1B: case ',': case ':': case ';':
    case 0x2014: case 0x00B7: case 0x30FB:
        return 1;
    default:
        return 0;
    }
}

static int is_opening(uint32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08: case '(': case 0x300A:
    case 0x3010: case '[':
        return 1;
    default:
        return 0;
    }
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x00AD || cp == 0x2010 || cp == 0x2011;
}

/* Length of s without trailing white space. */
static size_t rstrip_len(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp[1];
        if (tail_cps(s, n, cp, 1) != 1 || !bs_unicode_is_space(cp[0]))
            break;
        size_t st = n - 1;
        while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
            st--;
        n = st;
    }
    return n;
}

static const char *lstrip(const char *s)
{
    for (;;) {
        uint32_t cp;
        size_t l = bs_utf8_decode_one(s, strnlen(s, 4), &cp);
        if (l == 0 || !bs_unicode_is_space(cp))
            return s;
        s += l;
    }
}

/* ---- log-probability of a text ------------------------------------------- */

double bs_lm_logprob(const bs_lm *lm, const char *text)
{
    double lp = 0.0;
    uint32_t a = BND, b = BND;
    size_t n = strlen(text), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = bs_utf8_decode_one(text + i, n - i, &cp);
        if (l == 0) {
            l = 1;
            cp = BS_UNICODE_REPLACEMENT;
        }
        i += l;
        uint32_t m = model_cp(lm, cp);
        if (lm->lang == BS_LM_EN && m == ' ' && b == ' ')
            continue;
        if (m == BND) {
            a = b = BND;
            continue;
        }
        lp += log(p_next(lm, a, b, m));
        a = b;
        b = m;
    }
    return lp;
}

/* ---- joins ------------------------------------------------------------------- */

/* The character model's log-likelihood ratio of right's first characters
 * after left's last two, against left ending a word and right starting a
 * paragraph (for a text model: against right starting a paragraph). */
static double lm_gain(const bs_lm *lm, const uint32_t *lt, size_t nl, const uint32_t *rh,
                      size_t nr, int hyphen_join)
{
    uint32_t a = nl >= 2 ? model_cp(lm, lt[nl - 2]) : BND;
    uint32_t b = nl >= 1 ? model_cp(lm, lt[nl - 1]) : BND;
    if (b == BND || b == ' ')
        a = BND;
    if (b == ' ')
        b = BND;
    if (a == ' ')
        a = BND;
    /* A text model's units are paragraphs: that left ends one after
     * "a b" is almost never likely, and would make every join look so;
     * its break is right starting afresh alone. */
    double join = 0.0, brk = lm->is_text ? 0.0 : log(p_end(lm, a, b));
    uint32_t ja = a, jb = b, ba = BND, bb = BND;
    if (lm->lang == BS_LM_EN && !hyphen_join && jb != BND) {
        join += log(p_next(lm, ja, jb, ' '));
        ja = jb;
        jb = ' ';
    }
    size_t used = 0;
    for (size_t i = 0; i < nr && used < BS_LM_JOIN_CHARS; i++) {
        uint32_t c = model_cp(lm, rh[i]);
        if (c == BND || c == ' ')
            break;
        join += log(p_next(lm, ja, jb, c));
        brk += log(p_next(lm, ba, bb, c));
        ja = jb;
        jb = c;
        ba = bb;
        bb = c;
        used++;
    }
    if (used == 0)
        return 0.0;
    double g = join - brk;
    return g > BS_LM_GAIN_CLIP ? BS_LM_GAIN_CLIP : g < -BS_LM_GAIN_CLIP ? -BS_LM_GAIN_CLIP : g;
}

/* Evidence from the punctuation and case at the end of a fragment, as a
 * log-likelihood ratio join / break. */
static double end_weight(const bs_lm *lm, const uint32_t *lt, size_t nl, int *hyphen)
{
    *hyphen = 0;
    if (nl == 0)
        return 0.0;
    /* Chinese ends a sentence on "。": a full stop after a digit is a
     * decimal point whose decimals a column cut off ("近2." + "2万亩"). */
    if (lm->lang == BS_LM_ZH && nl >= 2 && (lt[nl - 1] == '.' || lt[nl - 1] == 0xFF0E) && lt[nl - 2] >= '0' &&
        lt[nl - 2] <= '9')
        return BS_LM_W_END_OPEN;
    size_t i = nl;
    while (i > 0 && is_closing(lt[i - 1]))
        i--;
    if (i > 0 && is_terminal(lt[i - 1]))
        return BS_LM_W_END_TERMINAL;
    uint32_t last = lt[nl - 1];
    if (is_hyphen(last)) {
        *hyphen = nl >= 2 && (bs_unicode_is_latin_letter(lt[nl - 2]));
        return BS_LM_W_END_HYPHEN;
    }
    if (is_continuing(last) || is_opening(last))
        return BS_LM_W_END_CONTINUING;
    return BS_LM_W_END_OPEN;
}

/* Probability that the clitic u at the start of a fragment is the
 * one-character word (的 in "的高标准") rather than the first character of
 * a longer word (的 in "的确"), given the character after it. */
static double p_clitic_alone(const bs_lm *lm, const bs_lm_uni_slot *u, uint32_t next)
{
    const bs_lm_uni_slot *un = next == BND ? NULL : bs_lm_uni(lm, next);
    if (!un)
        return 1.0;
    const bs_lm_bi_slot *b = bs_lm_bi(lm, u->cp, next);
    double alone = (double)u->w * un->s / lm->total_words;
    double word = b ? b->s : 0.0;
    return alone + word > 0 ? alone / (alone + word) : 1.0;
}

/* Evidence from the start of a fragment; after_terminal: the left side
 * ends a sentence (-1 when unknown, as for a paragraph's first fragment). */
static double start_weight(const bs_lm *lm, const uint32_t *rh, size_t nr, int after_terminal)
{
    if (nr == 0)
        return 0.0;
    uint32_t c = rh[0];
    if (is_continuing(c) || is_terminal(c) || (is_closing(c) && c != '"' && c != '\''))
        return BS_LM_W_START_MIDPUNCT;
    if (lm->lang == BS_LM_EN && bs_unicode_is_latin_letter(c)) {
        int lower = fold(lm, c) == c;
        if (after_terminal == 1)
            return lower ? BS_LM_W_LOWER_AFTER_STOP : 0.0;
        return lower ? BS_LM_W_START_LOWER : BS_LM_W_START_UPPER;
    }
    if (lm->lang == BS_LM_ZH) {
        const bs_lm_uni_slot *u = bs_lm_uni(lm, c);
        if (u && (u->flags & BS_LM_FLAG_CLITIC))
            return BS_LM_W_START_CLITIC * p_clitic_alone(lm, u, nr > 1 ? rh[1] : BND);
    }
    if (after_terminal == 1)
        return 0.0;
    if (lm->lang == BS_LM_EN && (bs_unicode_is_digit(c) || is_opening(c) || c == '"'))
        return BS_LM_W_START_UPPER;
    return 0.0;
}

/* Small open-addressing set of 64-bit keys for the topic overlap.  Keys
 * are stored with the low bit set; a key already counted as shared has
 * the bit cleared, so it is counted once and still occupies its slot. */
#define TOPIC_SET_BITS 9
#define TOPIC_SET_SLOTS (1u << TOPIC_SET_BITS)
typedef struct topic_set {
    uint64_t k[TOPIC_SET_SLOTS];
} topic_set;

/* Fibonacci hashing: one multiply, enough for a 512-slot scratch set. */
static uint64_t topic_slot(uint64_t key)
{
    return (key * 0x9E3779B97F4A7C15ull) >> (64 - TOPIC_SET_BITS);
}

static void topic_insert(topic_set *t, uint64_t key)
{
    key |= 1;
    uint64_t i = topic_slot(key);
    for (unsigned n = 0; n < TOPIC_SET_SLOTS; n++) {
        if (t->k[i] == key || (t->k[i] | 1) == key)
            return;
        if (t->k[i] == 0) {
            t->k[i] = key;
            return;
        }
        i = (i + 1) % TOPIC_SET_SLOTS;
    }
}

/* 1 if key is in the set and not counted yet; marks it counted. */
static int topic_take(topic_set *t, uint64_t key)
{
    key |= 1;
    uint64_t i = topic_slot(key);
    for (unsigned n = 0; n < TOPIC_SET_SLOTS; n++) {
        if (t->k[i] == key) {
            t->k[i] = key & ~(uint64_t)1;
            return 1;
        }
        if (t->k[i] == 0 || (t->k[i] | 1) == key)
            return 0;
        i = (i + 1) % TOPIC_SET_SLOTS;
    }
    return 0;
}

static int is_letter(uint32_t cp)
{
    if (cp < 128)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    return bs_unicode_is_latin_letter(cp);
}

/* The commonest Chinese function characters: a bigram containing one is
 * not a content term ("的发", "是一").  A fixed list instead of a model
 * look-up keeps the overlap test free of cache misses. */
static int zh_function_char(uint32_t cp)
{
    /* 的了是在和一不有这个为也就以对与并等将把被从到其说他我已: a switch,
     * which the compiler turns into a binary search, not a list scan */
    switch (cp) {
    case 0x7684: case 0x4E86: case 0x662F: case 0x5728: case 0x548C: case 0x4E00:
    case 0x4E0D: case 0x6709: case 0x8FD9: case 0x4E2A: case 0x4E3A: case 0x4E5F:
    case 0x5C31: case 0x4EE5: case 0x5BF9: case 0x4E0E: case 0x5E76: case 0x7B49:
    case 0x5C06: case 0x628A: case 0x88AB: case 0x4ECE: case 0x5230: case 0x5176:
    case 0x8BF4: case 0x4ED6: case 0x6211: case 0x5DF2:
        return 1;
    default:
        return 0;
    }
}

/* Content items of the Chinese window cps[0..n): bigrams of content
 * characters.  insert: add them to t (left window); otherwise return how
 * many distinct ones t holds (right window). */
static int topic_items_zh(const uint32_t *cps, size_t n, topic_set *t, int insert)
{
    int hits = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!bs_unicode_is_cjk(cps[i]) || !bs_unicode_is_cjk(cps[i + 1]))
            continue;
        uint64_t key = ((uint64_t)cps[i] << BS_LM_CP_BITS) | cps[i + 1];
        /* the function-character filter runs on shared bigrams only */
        if (insert)
            topic_insert(t, key);
        else if (topic_take(t, key) && !zh_function_char(cps[i]) && !zh_function_char(cps[i + 1]))
            hits++;
    }
    return hits;
}

/* Content words of the English window s[0..n) (bytes): ASCII words of
 * BS_LM_TOPIC_MIN_LETTERS letters or more, lower-cased; a word touching a
 * window edge that cuts the text (cut_start, cut_end) is not whole and is
 * skipped.  insert: add them to t; otherwise count the distinct ones t
 * holds that are rarer than BS_LM_TOPIC_MAX_SHARE (looked up only for
 * shared words, which keeps the word-table look-ups to a handful).
 * Working on bytes, not code points, keeps a 384-byte window cheap. */
static int topic_words_en(const bs_lm *lm, const char *s, size_t n, int cut_start, int cut_end,
                          topic_set *t, int insert)
{
    int hits = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_letter((unsigned char)s[i]))
            i++;
        size_t st = i;
        char buf[BS_LM_EN_MAX_TOKEN];
        size_t bl = 0;
        while (i < n && is_letter((unsigned char)s[i])) {
            if (bl < sizeof buf)
                buf[bl++] = (char)(s[i] | 32);
            i++;
        }
        if (i - st < BS_LM_TOPIC_MIN_LETTERS || bl == sizeof buf || (st == 0 && cut_start)
            || (i == n && cut_end))
            continue;
        if (st > 0 && (unsigned char)s[st - 1] >= 0x80)
            continue; /* glued to a non-ASCII letter */
        uint64_t key = bs_lm_word_hash(buf, bl);
        if (insert)
            topic_insert(t, key);
        else if (topic_take(t, key)
                 && bs_lm_word_count(lm, buf, bl) <= BS_LM_TOPIC_MAX_SHARE * lm->word_total)
            hits++;
    }
    return hits;
}

static double logsig(double x)
{
    return x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x));
}

bs_lm_join bs_lm_join_score(const bs_lm *lm, const char *left, const char *right)
{
    bs_lm_join j = {0};
    uint32_t lt[BS_LM_EDGE_CHARS], rh[BS_LM_EDGE_CHARS];
    size_t ln = rstrip_len(left);
    const char *r = lstrip(right);
    size_t rn = strlen(r);
    size_t nl = tail_cps(left, ln, lt, BS_LM_EDGE_CHARS);
    size_t nr = head_cps(r, rn, rh, BS_LM_EDGE_CHARS);
    int hyphen;
    double we = end_weight(lm, lt, nl, &hyphen);
    j.start_weight = start_weight(lm, rh, nr, we == BS_LM_W_END_TERMINAL);
    double w = we + j.start_weight;
    size_t left_chars = hyphen ? nl - 1 : nl; /* the hyphen is no letter of the word */
    j.lm_gain = lm_gain(lm, lt, left_chars, rh, nr, hyphen);
    j.log_odds = w + j.lm_gain;
    if (lm->adapt) {
        j.adapt_gain = lm_gain(lm->adapt, lt, left_chars, rh, nr, hyphen);
        j.log_odds = w + (1.0 - BS_LM_ADAPT_WEIGHT) * j.lm_gain + BS_LM_ADAPT_WEIGHT * j.adapt_gain;
    }
    j.p_join = exp(logsig(j.log_odds));
    double p_break = 1.0 - j.p_join;
    int shared = 0;
    if (nl > 0 && nr > 0 && p_break >= BS_LM_TOPIC_MIN_BREAK) {
        topic_set t;
        memset(&t, 0, sizeof t);
        if (lm->lang == BS_LM_ZH) {
            uint32_t a[BS_LM_TOPIC_CHARS_ZH], b[BS_LM_TOPIC_CHARS_ZH];
            size_t na = tail_cps(left, ln, a, BS_LM_TOPIC_CHARS_ZH);
            size_t nb = head_cps(r, rn, b, BS_LM_TOPIC_CHARS_ZH);
            topic_items_zh(a, na, &t, 1);
            shared = topic_items_zh(b, nb, &t, 0);
        } else {
            size_t la = ln < BS_LM_TOPIC_BYTES_EN ? ln : BS_LM_TOPIC_BYTES_EN;
            size_t lb = rn < BS_LM_TOPIC_BYTES_EN ? rn : BS_LM_TOPIC_BYTES_EN;
            topic_words_en(lm, left + ln - la, la, la < ln, 0, &t, 1);
            shared = topic_words_en(lm, r, lb, 0, lb < rn, &t, 0);
        }
    }
    if (shared > BS_LM_SHARED_MAX)
        shared = BS_LM_SHARED_MAX;
    double pa = exp(logsig(BS_LM_ARTICLE_PRIOR_LOGIT + BS_LM_NO_SHARED_LLR
                           - BS_LM_SHARED_WEIGHT * shared));
    j.p_article = p_break * pa;
    j.p_paragraph = p_break - j.p_article;
    return j;
}

/* ---- sentence starts ------------------------------------------------------------ */

double bs_lm_start_logodds(const bs_lm *lm, const char *text)
{
    if (lm->lang != BS_LM_ZH || lm->is_text || !text)
        return 0.0;
    const char *s = lstrip(text);
    /* Byte ends of the first code points: the prefixes looked up. */
    size_t ends[BS_LM_START_WORD_CHARS], k = 0, i = 0, n = strnlen(s, 4 * BS_LM_START_WORD_CHARS);
    while (k < BS_LM_START_WORD_CHARS && k < lm->max_word_len && i < n) {
        uint32_t cp;
        size_t l = bs_utf8_decode_one(s + i, n - i, &cp);
        if (l == 0)
            break;
        i += l;
        ends[k++] = i;
    }
    while (k > 0) {
        const bs_lm_word_slot *w = bs_lm_word(lm, s, ends[--k]);
        if (w)
            return isfinite(w->start) ? w->start : 0.0;
    }
    return 0.0;
}

/* ---- dehyphenation -------------------------------------------------------------- */

/* Log-probability of one word (folded UTF-8 w[0..n)) as a token. */
static double word_lp(const bs_lm *lm, const char *w, size_t n)
{
    if (n == 0)
        return 0.0;
    double c = bs_lm_word_count(lm, w, n);
    if (c > 0)
        return log(c / lm->word_total);
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_add(&sb, w, n);
    if (lm->lang == BS_LM_EN)
        bs_strbuf_addch(&sb, ' ');
    double lp = bs_lm_logprob(lm, sb.buf) + BS_LM_OOV_LOG_PENALTY;
    if (lm->lang == BS_LM_ZH) {
        uint32_t t[2];
        size_t k = tail_cps(w, n, t, 2);
        lp += log(p_end(lm, k == 2 ? model_cp(lm, t[0]) : BND, model_cp(lm, t[k - 1])));
    }
    bs_strbuf_release(&sb);
    return lp;
}

/* Append the folded letters of the word touching the cut to sb. */
static void cut_word(const bs_lm *lm, const char *s, int at_end, bs_strbuf *sb)
{
    uint32_t cps[BS_LM_EN_MAX_TOKEN];
    size_t n;
    if (at_end) {
        size_t len = rstrip_len(s);
        n = tail_cps(s, len, cps, BS_LM_EN_MAX_TOKEN);
        while (n > 0 && is_hyphen(cps[n - 1]))
            n--;
        size_t st = n;
        while (st > 0 && (bs_unicode_is_latin_letter(cps[st - 1]) || bs_unicode_is_cjk(cps[st - 1])
                          || cps[st - 1] == '\''))
            st--;
        for (size_t i = st; i < n; i++) {
            char b[4];
            bs_strbuf_add(sb, b, bs_utf8_encode_one(fold(lm, cps[i]), b));
        }
        return;
    }
    s = lstrip(s);
    n = head_cps(s, strlen(s), cps, BS_LM_EN_MAX_TOKEN);
    for (size_t i = 0; i < n; i++) {
        if (!(bs_unicode_is_latin_letter(cps[i]) || bs_unicode_is_cjk(cps[i]) || cps[i] == '\''))
            break;
        char b[4];
        bs_strbuf_add(sb, b, bs_utf8_encode_one(fold(lm, cps[i]), b));
    }
}

/* English prefixes written with a hyphen when the compound is not an
 * established word ("non-bank", "anti-piracy", "co-managed"); a line-end
 * hyphen after one of them is kept unless the joined word is common. */
static int en_hyphen_prefix(const char *w, size_t n)
{
    static const char *const pre[] = {
        "anti", "bio", "co", "counter", "cross", "de", "ex", "extra", "hydro", "inter",
        "intra", "macro", "micro", "mid", "mini", "multi", "neo", "non", "over", "pan",
        "post", "pre", "pro", "pseudo", "quasi", "re", "self", "semi", "sub", "super",
        "trans", "ultra", "under", "vice",
    };
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
        if (strlen(pre[i]) == n && memcmp(pre[i], w, n) == 0)
            return 1;
    return 0;
}

double bs_lm_dehyphenate_score(const bs_lm *lm, const char *left, const char *right)
{
    bs_strbuf l = BS_STRBUF_INIT, r = BS_STRBUF_INIT, j = BS_STRBUF_INIT;
    cut_word(lm, left, 1, &l);
    cut_word(lm, right, 0, &r);
    double score = 0.0;
    if (l.len > 0 && r.len > 0) {
        bs_strbuf_add(&j, l.buf, l.len);
        bs_strbuf_add(&j, r.buf, r.len);
        score = word_lp(lm, j.buf, j.len)
                - (word_lp(lm, l.buf, l.len) + word_lp(lm, r.buf, r.len) + BS_LM_COMPOUND_LOG_RATE);
        if (lm->lang == BS_LM_EN) {
            double joined = bs_lm_word_count(lm, j.buf, j.len);
            if (!en_hyphen_prefix(l.buf, l.len)) {
                if (score < BS_LM_COMMON_JOIN_SCORE && joined >= BS_LM_COMMON_JOIN_SHARE * lm->word_total)
                    score = BS_LM_COMMON_JOIN_SCORE;
            } else if (score > -BS_LM_PREFIX_KEEP && joined < BS_LM_PREFIX_JOIN_SHARE * lm->word_total) {
                score = -BS_LM_PREFIX_KEEP;
            }
        }
    }
    bs_strbuf_release(&l);
    bs_strbuf_release(&r);
    bs_strbuf_release(&j);
    return score;
}

/* ---- ordering ----------------------------------------------------------------- */

/* Largest join log-odds magnitude the ordering uses, nats: real joins
 * score within +-100; a corrupt model (NaN or infinite counts) must not
 * leave every path at -inf or NaN, where the dynamic programme would
 * rebuild its order from cells it never wrote. */
#define LM_ORDER_SCORE_CAP 1e6

static double order_score(double x)
{
    if (isnan(x))
        return 0.0;
    return x > LM_ORDER_SCORE_CAP ? LM_ORDER_SCORE_CAP : x < -LM_ORDER_SCORE_CAP ? -LM_ORDER_SCORE_CAP : x;
}

int bs_lm_order(const bs_lm *lm, const char *const *frags, size_t n, size_t *order, double *score,
                bs_error *err)
{
    if (n == 0 || n > BS_LM_ORDER_MAX || !frags || !order)
        return bs_error_set(err, BS_ERR_USAGE, "bs_lm_order: need 1 to %d fragments, got %zu",
                            BS_LM_ORDER_MAX, n);
    /* Each fragment's start and end features appear exactly once, either
     * at a junction (scored as a join) or at the paragraph's edge (as a
     * break); dividing the likelihood of an order by the product of every
     * feature's break likelihood, which is the same for every order,
     * leaves the sum of the junctions' join log-odds.  The start and end
     * terms are therefore 0; they stay as arrays so that a caller-side
     * prior (layout) can be added here later. */
    double *pair = bs_xmalloc(n * n * sizeof *pair);
    double *st = bs_xcalloc(n, sizeof *st), *en = bs_xcalloc(n, sizeof *en);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            pair[i * n + j] = i == j ? -INFINITY
                                     : order_score(bs_lm_join_score(lm, frags[i], frags[j]).log_odds)
                                           + (j == i + 1 ? BS_LM_ORDER_INPUT_BONUS : 0.0);
    double best = -INFINITY;
    if (n <= BS_LM_ORDER_EXACT_MAX) {
        size_t full = (size_t)1 << n;
        double *dp = bs_xmalloc(full * n * sizeof *dp);
        unsigned char *from = bs_xmalloc(full * n);
        for (size_t m = 0; m < full * n; m++)
            dp[m] = -INFINITY;
        for (size_t i = 0; i < n; i++)
            dp[((size_t)1 << i) * n + i] = st[i];
        for (size_t m = 1; m < full; m++)
            for (size_t i = 0; i < n; i++) {
                double v = dp[m * n + i];
                if (!(m >> i & 1) || v == -INFINITY)
                    continue;
                for (size_t j = 0; j < n; j++) {
                    if (m >> j & 1)
                        continue;
                    size_t m2 = m | ((size_t)1 << j);
                    double v2 = v + pair[i * n + j];
                    if (v2 > dp[m2 * n + j]) {
                        dp[m2 * n + j] = v2;
                        from[m2 * n + j] = (unsigned char)i;
                    }
                }
            }
        size_t last = 0;
        for (size_t i = 0; i < n; i++)
            if (dp[(full - 1) * n + i] + en[i] > best) {
                best = dp[(full - 1) * n + i] + en[i];
                last = i;
            }
        size_t m = full - 1;
        for (size_t k = n; k-- > 0;) {
            order[k] = last;
            size_t prev = from[m * n + last];
            m &= ~((size_t)1 << last);
            last = prev;
        }
        free(dp);
        free(from);
    } else {
        unsigned char *used = bs_xcalloc(n, 1);
        size_t cur = 0;
        for (size_t i = 1; i < n; i++)
            if (st[i] > st[cur])
                cur = i;
        best = st[cur];
        for (size_t k = 0; k < n; k++) {
            order[k] = cur;
            used[cur] = 1;
            if (k + 1 == n)
                break;
            size_t nx = SIZE_MAX;
            for (size_t j = 0; j < n; j++)
                if (!used[j] && (nx == SIZE_MAX || pair[cur * n + j] > pair[cur * n + nx]))
                    nx = j;
            best += pair[cur * n + nx];
            cur = nx;
        }
        best += en[cur];
        free(used);
    }
    if (score)
        *score = best;
    free(pair);
    free(st);
    free(en);
    return 0;
}

/* ---- corrections ---------------------------------------------------------------- */

/* Chinese confusion groups: characters OCR engines mistake for each other
 * in newspaper type. */
static const uint32_t *zh_group(uint32_t cp)
{
    static const uint32_t groups[][4] = {
        {0x5B50, 0x4E88, 0, 0},      /* 子 予 */
        {0x5DF1, 0x5DF2, 0x5DF3, 0}, /* 己 已 巳 */
        {0x672A, 0x672B, 0, 0},      /* 未 末 */
        {0x65E5, 0x66F0, 0x76EE, 0}, /* 日 曰 目 */
        {0x4EBA, 0x5165, 0, 0},      /* 人 入 */
        {0x571F, 0x58EB, 0, 0},      /* 土 士 */
        /* Tesseract's chi_sim / chi_tra confusions on degraded news type,
         * counted in aligned OCR output of rendered pages (make testdata).
         * Left out on purpose: pairs where both sides are common in the
         * same contexts (平/乎 turns the name 习近平 into 近乎, 乌/马 turns
         * 乌军 into 马军), and pairs across the simplified/traditional
         * line (进/進), which would rewrite a text's script. */
        {0x5E72, 0x738B, 0, 0},      /* 干 王 */
        {0x67EC, 0x675F, 0, 0},      /* 柬 束 */
        {0x8FF8, 0x8FDB, 0, 0},      /* 迸 进 */
        {0x67A9, 0x67A2, 0x6A1E, 0}, /* 柩 枢 樞 */
        {0x7A97, 0x7A91, 0x7A96, 0}, /* 窗 窑 窖 */
        {0x8CA2, 0x9801, 0, 0},      /* 貢 頁 */
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        for (int i = 0; groups[g][i]; i++)
            if (groups[g][i] == cp)
                return groups[g];
    return NULL;
}

/* Log-probability of cps[from..to] given the two characters before. */
static double span_lp(const bs_lm *lm, const uint32_t *cps, size_t n, size_t from, size_t to)
{
    uint32_t a = from >= 2 ? model_cp(lm, cps[from - 2]) : BND;
    uint32_t b = from >= 1 ? model_cp(lm, cps[from - 1]) : BND;
    if (b == BND)
        a = BND;
    double lp = 0.0;
    for (size_t i = from; i <= to && i < n; i++) {
        uint32_t c = model_cp(lm, cps[i]);
        if (c == BND) {
            lp += log(p_end(lm, a, b));
            break;
        }
        lp += log(p_next(lm, a, b, c));
        a = b;
        b = c;
    }
    return lp;
}

static void add_change(bs_lm_change **ch, size_t *n, size_t *cap, size_t off, const char *from,
                       size_t fl, const char *to, size_t tl, double gain)
{
    BS_ARRAY_GROW(*ch, *cap, *n + 1);
    bs_lm_change *c = &(*ch)[(*n)++];
    memset(c, 0, sizeof *c);
    c->offset = off;
    memcpy(c->from, from, fl < sizeof c->from - 1 ? fl : sizeof c->from - 1);
    memcpy(c->to, to, tl < sizeof c->to - 1 ? tl : sizeof c->to - 1);
    c->log_odds = gain;
}

static void correct_zh(const bs_lm *lm, const char *text, uint32_t *cps, size_t n, bs_strbuf *out,
                       bs_lm_change **ch, size_t *nch, size_t *cap)
{
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        char enc[4];
        size_t el = bs_utf8_encode_one(cps[i], enc);
        const uint32_t *g = zh_group(cps[i]);
        if (g) {
            uint32_t orig = cps[i], bestc = orig;
            size_t to = i + BS_LM_JOIN_CHARS;
            double base = span_lp(lm, cps, n, i, to), bestlp = base;
            for (int k = 0; g[k]; k++) {
                if (g[k] == orig)
                    continue;
                cps[i] = g[k];
                double lp = span_lp(lm, cps, n, i, to);
                if (lp > bestlp) {
                    bestlp = lp;
                    bestc = g[k];
                }
            }
            cps[i] = orig;
            if (bestc != orig && bestlp - base >= BS_LM_CORRECT_MIN_GAIN) {
                char nb[4];
                size_t nl = bs_utf8_encode_one(bestc, nb);
                add_change(ch, nch, cap, off, enc, el, nb, nl, bestlp - base);
                cps[i] = bestc;
                bs_strbuf_add(out, nb, nl);
                off += el;
                continue;
            }
        }
        bs_strbuf_add(out, text + off, el);
        off += el;
    }
}

static int en_tok_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
}

static double en_count(const bs_lm *lm, const char *w, size_t n)
{
    char buf[BS_LM_EN_MAX_TOKEN];
    for (size_t i = 0; i < n; i++)
        buf[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    return bs_lm_word_count(lm, buf, n);
}

/* One English token tok[0..n) at byte offset off: returns 1 and fills
 * fixed (length *fn) if a confident correction exists. */
/* A casing a word is printed in: all lower case, all capitals, or a
 * capital then lower case ("news", "NEWS", "News").  A substitution that
 * yields anything else ("FriedheIm", "lBJ") is a look-alike swapped into a
 * name or an acronym the word list does not know, not a repair. */
static int en_casing_ok(const char *w, size_t n)
{
    size_t upper = 0, lower = 0, first_letter = n;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'A' && w[i] <= 'Z') {
            upper++;
            if (first_letter == n)
                first_letter = i;
        } else if (w[i] >= 'a' && w[i] <= 'z') {
            lower++;
            if (first_letter == n)
                first_letter = i;
        }
    }
    if (!upper || !lower)
        return 1;
    return upper == 1 && w[first_letter] >= 'A' && w[first_letter] <= 'Z';
}

static int correct_en_token(const bs_lm *lm, const char *tok, size_t n, char *fixed, size_t *fn,
                            double *gain)
{
    int digits = 0, letters = 0, confus = 0;
    for (size_t i = 0; i < n; i++) {
        char c = tok[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != '\'')
            letters++;
        if (c == '0' || c == '1' || c == 'O' || c == 'o' || c == 'l' || c == 'I'
            || (i + 1 < n && ((c == 'r' && tok[i + 1] == 'n') || (c == 'c' && tok[i + 1] == 'l'))))
            confus = 1;
    }
    if (!confus || n >= BS_LM_EN_MAX_TOKEN - 1)
        return 0;
    /* A number with letter look-alikes: "1O0" -> "100". */
    if (digits > 0 && digits + letters == (int)n && digits >= letters) {
        int ok = 1;
        for (size_t i = 0; i < n; i++) {
            char c = tok[i];
            if (c >= '0' && c <= '9')
                fixed[i] = c;
            else if (c == 'O' || c == 'o')
                fixed[i] = '0';
            else if (c == 'l' || c == 'I')
                fixed[i] = '1';
            else
                ok = 0;
        }
        if (!ok || memcmp(fixed, tok, n) == 0)
            return 0;
        *fn = n;
        *gain = BS_LM_CORRECT_MIN_GAIN;
        return 1;
    }
    if (letters == 0 || en_count(lm, tok, n) > 0)
        return 0;
    /* Try each single substitution and the all-digits-to-letters one; keep
     * the most frequent listed word. */
    double floor = BS_LM_EN_MIN_SHARE * lm->word_total, bestc = 0.0;
    char cand[BS_LM_EN_MAX_TOKEN];
    for (size_t i = 0; i < n; i++) {
        const char *subs[3] = {NULL, NULL, NULL};
        size_t eat = 1;
        int upper_ctx = (i > 0 && tok[i - 1] >= 'A' && tok[i - 1] <= 'Z')
                        || (i + 1 < n && tok[i + 1] >= 'A' && tok[i + 1] <= 'Z');
        switch (tok[i]) {
        case '0':
            /* a word-initial or capitalised-context zero is a capital O */
            subs[0] = (upper_ctx || i == 0) ? "O" : "o";
            subs[1] = (upper_ctx || i == 0) ? "o" : "O";
            break;
        case '1': subs[0] = "l"; subs[1] = "I"; break;
        case 'l': subs[0] = "I"; break;
        case 'I': subs[0] = "l"; break;
        case 'r': if (i + 1 < n && tok[i + 1] == 'n') { subs[0] = "m"; eat = 2; } break;
        case 'c': if (i + 1 < n && tok[i + 1] == 'l') { subs[0] = "d"; eat = 2; } break;
        default: break;
        }
        for (int s = 0; subs[s]; s++) {
            size_t cl = 0;
            memcpy(cand, tok, i);
            cl = i;
            cand[cl++] = subs[s][0];
            memcpy(cand + cl, tok + i + eat, n - i - eat);
            cl += n - i - eat;
            double c = en_count(lm, cand, cl);
            if (c > floor && c > bestc && en_casing_ok(cand, cl)) {
                bestc = c;
                memcpy(fixed, cand, cl);
                *fn = cl;
            }
        }
    }
    if (digits > 0) {
        size_t cl = 0;
        for (size_t i = 0; i < n; i++)
            cand[cl++] = tok[i] == '0' ? 'o' : tok[i] == '1' ? 'l' : tok[i];
        double c = en_count(lm, cand, cl);
        if (c > floor && c > bestc && en_casing_ok(cand, cl)) {
            bestc = c;
            memcpy(fixed, cand, cl);
            *fn = cl;
        }
    }
    if (bestc <= 0)
        return 0;
    *gain = log(bestc / floor);
    return 1;
}

static void correct_en(const bs_lm *lm, const char *text, size_t len, bs_strbuf *out,
                       bs_lm_change **ch, size_t *nch, size_t *cap)
{
    size_t i = 0;
    while (i < len) {
        if (!en_tok_char(text[i])) {
            bs_strbuf_addch(out, text[i]);
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && en_tok_char(text[i]))
            i++;
        /* a token glued to non-ASCII letters is not an English word */
        int glued = (st > 0 && (unsigned char)text[st - 1] >= 0x80)
                    || (i < len && (unsigned char)text[i] >= 0x80);
        char fixed[BS_LM_EN_MAX_TOKEN];
        size_t fn = 0;
        double gain = 0.0;
        if (!glued && correct_en_token(lm, text + st, i - st, fixed, &fn, &gain)) {
            add_change(ch, nch, cap, st, text + st, i - st, fixed, fn, gain);
            bs_strbuf_add(out, fixed, fn);
        } else {
            bs_strbuf_add(out, text + st, i - st);
        }
    }
}

int bs_lm_correct(const bs_lm *lm, const char *text, char **out, bs_lm_change **changes,
                  size_t *nchanges, bs_error *err)
{
    *out = NULL;
    *changes = NULL;
    *nchanges = 0;
    size_t len = strlen(text), bad = 0;
    if (bs_utf8_validate(text, len, &bad) != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "invalid UTF-8 at byte %zu", bad);
    bs_strbuf sb = BS_STRBUF_INIT;
    size_t cap = 0;
    if (lm->lang == BS_LM_ZH) {
        uint32_t *cps;
        size_t n;
        if (bs_utf8_decode(text, len, &cps, &n, &bad) != 0)
            return bs_error_set(err, BS_ERR_FORMAT, "invalid UTF-8 at byte %zu", bad);
        correct_zh(lm, text, cps, n, &sb, changes, nchanges, &cap);
        free(cps);
    } else {
        correct_en(lm, text, len, &sb, changes, nchanges, &cap);
    }
    *out = bs_strbuf_detach(&sb);
    return 0;
}

/* ---- model search --------------------------------------------------------------- */

char *bs_lm_find(const char *lang, const char *exe, bs_error *err)
{
    static const char *const rel[] = {"../build/models", "../share/broadsheet/models",
                                      "../models"};
    if (!lang || (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)) {
        bs_error_set(err, BS_ERR_USAGE, "language model: unknown language '%s'",
                     lang ? lang : "(null)");
        return NULL;
    }
    bs_strbuf tried = BS_STRBUF_INIT, p = BS_STRBUF_INIT;
    const char *env = getenv("BROADSHEET_MODELS");
    if (env && *env) {
        bs_strbuf_addf(&p, "%s/%s.bsm", env, lang);
        if (access(p.buf, R_OK) == 0)
            goto found;
        bs_strbuf_addf(&tried, " %s", p.buf);
    }
    char *real = NULL;
    if (exe && strchr(exe, '/'))
        real = realpath(exe, NULL);
    if (!real)
        real = realpath("/proc/self/exe", NULL);
    if (real) {
        char *slash = strrchr(real, '/');
        if (slash)
            *slash = '\0';
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            bs_strbuf_reset(&p);
            bs_strbuf_addf(&p, "%s/%s/%s.bsm", real, rel[i], lang);
            if (access(p.buf, R_OK) == 0) {
                free(real);
                goto found;
            }
            bs_strbuf_addf(&tried, " %s", p.buf);
        }
        free(real);
    }
    bs_error_set(err, BS_ERR_IO, "language model %s.bsm not found (run make models); tried:%s",
                 lang, tried.buf);
    bs_strbuf_release(&tried);
    bs_strbuf_release(&p);
    return NULL;
found:
    bs_strbuf_release(&tried);
    return bs_strbuf_detach(&p);
}
