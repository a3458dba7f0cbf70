/*
 * stitch.c - jump-continued stories joined across pages; see stitch.h.
 *
 * Public functions:
 *     bs_stitch_options_default, bs_stitch_issue, bs_stitch_heal
 *
 * Method.
 *
 *   1. Endpoints.  Every article whose part ends in a jump-out line (the
 *      jump_out_line reassembly found, or a last paragraph that is or ends
 *      in one) is a jump-out; its named page is resolved through the
 *      pages' printed labels (bs_jump_resolve_page).  Every article that
 *      starts as a continuation (a jump-in line in the field or among its
 *      first paragraphs, the continuation flag, or no headline and a first
 *      word that continues a sentence) is a candidate; its continuation
 *      head (cont_head, a short line before the jump-in line, the keyword
 *      of "BUDGET from Page A1", or its title) is kept for comparison.
 *   2. Scores.  A pair (jump-out o, candidate c) is possible when c stands
 *      on the page o names (or, if the number was misread, when c's
 *      jump-in names o's page and the heads agree).  Its score adds up the
 *      evidence, each term named below with its weight: c announced as a
 *      continuation, c's jump-in naming o's page (or another page), the
 *      similarity of c's head to o's title or keyword (approximate
 *      substring match, so a shortened head or a slug inside the title
 *      counts), and continuity across the cut (an open sentence on the
 *      left, a sentence continued on the right: the lm callback).
 *   3. One assignment.  The Hungarian algorithm picks the set of pairs of
 *      largest total score (each jump-out and each candidate used once,
 *      pairs below min_score never), so two stories jumping to the same
 *      page are assigned together, not one after the other.  Then each
 *      chosen pair is forbidden in turn and the assignment solved again:
 *      when another assignment that moves some jump scores within
 *      ambiguity_margin of the best, the jumps it moves are ambiguous and
 *      are not joined.  The matrix is a few dozen rows, so the repeated
 *      O(n^3) solves cost nothing.
 *   4. Chains.  Pairs link parts into chains (1 -> 3 -> 5; backward jumps
 *      are just links); a cycle, possible only with misread page numbers,
 *      is cut at its first article.  Each chain is merged into its first
 *      article, the cuts healed (bs_stitch_heal), and the other articles
 *      removed with every region's article index renumbered.
 *   5. Leftovers.  Each jump line without a partner is reported with why.
 *
 * Healing a cut: Chinese text joins without a space.  In Latin text the
 * question is whether the cut split a word; a unigram model of the
 * issue's own words (every word of every article except the ones touching
 * a cut), mixed with a letter model for unseen words, compares
 * p("question") with p("qu") p("estion"), and the join must win by a
 * prior margin (print breaks lines between words unless a hyphen shows).
 * The issue is the best available sample of its own vocabulary: a word
 * cut at a page break usually occurs whole elsewhere in the same issue.
 */
#include "stitch.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jump.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* ---- tuning constants ------------------------------------------------- */

/* Least score of a pair to be joined (score): a candidate announced on the
 * named page and nothing against it (PRIOR_MARKED) passes; a headless
 * fragment (PRIOR_HEADLESS) needs some continuity or head evidence. */
#define STITCH_MIN_SCORE 0.5
/* Margin (score, summed over the jumps an alternative moves) below which
 * the best assignment is not trusted: two thirds of the head evidence
 * (WEIGHT_HEAD), more than the continuity evidence of two cuts (2 x
 * WEIGHT_CUT x 0.7), so continuity alone never decides between stories. */
#define STITCH_AMBIGUITY_MARGIN 0.15

/* Score of a candidate announced as a continuation (jump-in line or
 * continuation flag) on the named page, before other evidence: the page
 * match alone is as likely right as wrong when the page has several. */
#define PRIOR_MARKED 0.5
/* Score of a candidate that only starts without headline and mid-sentence:
 * weaker, it must be backed by continuity or the heads to pass. */
#define PRIOR_HEADLESS 0.45
/* The candidate's jump-in names the jump-out's page (score): independent
 * confirmation of the pairing. */
#define BONUS_BACKREF 0.2
/* The candidate's jump-in names another page (score): strong evidence the
 * candidate continues a different story. */
#define PENALTY_BACKREF 0.3
/* Largest contribution of head similarity, for or against (score). */
#define WEIGHT_HEAD 0.3
/* Head similarity (fraction of the shorter key matched) that is neutral:
 * unrelated Chinese headlines share almost no characters and unrelated
 * English slugs match under half their letters. */
#define HEAD_SIM_NEUTRAL 0.6
/* Key length (code points) that counts as full evidence; shorter keys
 * ("Vw", "海地") count in proportion: two letters match by chance. */
#define HEAD_KEY_FULL 4
/* Largest contribution of cut continuity, for or against (score): weak,
 * since a page break often falls at a sentence end anyway. */
#define WEIGHT_CUT 0.1
/* Candidate not on the named page (score): allowed only when its jump-in
 * names the jump-out's page and the heads agree at least this well. */
#define PENALTY_OTHER_PAGE 0.2
#define OTHER_PAGE_HEAD_MIN 0.8
/* The jump-out's page number could not be read (score). */
#define PENALTY_UNKNOWN_TARGET 0.1
/* A leading paragraph this short (code points, white space aside) before
 * a jump-in line is a continuation head, not body text: a repeated
 * headline with its subtitle rarely passes 60 characters; a paragraph of
 * body text is longer. */
#define CONT_HEAD_MAX_CP 100
/* Leading paragraphs examined for head and jump-in lines (paragraphs):
 * head, jump-in line, and one more for a split head. */
#define CONT_LEAD_MAX 3
/* A first paragraph this short (code points) and open may be the
 * continuation head left in the body: heads are one short line. */
#define HEAD_GUESS_MAX_CP 30
/* Cost standing for "impossible" in the assignment (score units): far
 * beyond any sum of real scores. */
#define COST_IMPOSSIBLE 1e6

/* Continuity (plausibility in [0,1] that the right side continues the
 * left mid-sentence), by the state of the sentence at each side. */
#define CUT_OPEN_OPEN 0.9      /* "…坚实的" + "基础和…", "serious qu" + "estion" */
#define CUT_OPEN_UNKNOWN 0.65  /* open sentence, right starts with an ideograph */
#define CUT_OPEN_CLOSED 0.25   /* open sentence, right starts a new one */
#define CUT_HYPHEN_CLOSED 0.5  /* "Anglo-" + "American" */
#define CUT_CLOSED_OPEN 0.2    /* "…移交权力。" + "，而且…" */
#define CUT_CLOSED_UNKNOWN 0.5
#define CUT_CLOSED_CLOSED 0.6
#define CUT_WORD_COMPLETED 0.98 /* "shareholde" + "r": fragments make a known word */

/* Word model (bs_stitch_issue's default word_logprob): weight of the
 * issue's unigram counts against the letter model, mean word length of the
 * letter model (letters; English averages 4.5), letters in its alphabet. */
#define LM_UNIGRAM_WEIGHT 0.95
#define LM_MEAN_WORD_LEN 4.5
#define LM_ALPHABET 26.0
/* Prior log odds (nats) that a cut without a hyphen falls between words:
 * print breaks lines at word boundaries unless a hyphen shows, so joining
 * two fragments needs the model to find the joined word likelier by this
 * margin.  8 exceeds the letter model's largest preference for one unseen
 * word over two unseen fragments (about 7, for one-letter fragments), so
 * a join always needs evidence from the vocabulary; a word seen in the
 * issue beats two unseen fragments by 20 or more. */
#define HEAL_SPLIT_PRIOR 8.0
/* Longest word fragment looked at on each side of a cut (bytes). */
#define CUT_WORD_MAX 64

bs_stitch_options bs_stitch_options_default(void)
{
    bs_stitch_options o;
    memset(&o, 0, sizeof(o));
    o.min_score = STITCH_MIN_SCORE;
    o.ambiguity_margin = STITCH_AMBIGUITY_MARGIN;
    return o;
}

/* ---- text at the cut ------------------------------------------------------ */

typedef enum side_state {
    SIDE_UNKNOWN = 0,
    SIDE_OPEN,    /* left: sentence not finished; right: continues one */
    SIDE_CLOSED,  /* left: sentence finished; right: starts one */
    SIDE_HYPHEN,  /* left only: ends with a hyphen after a letter */
} side_state;

static int is_wide(uint32_t c)
{
    return bs_unicode_is_cjk(c) || bs_unicode_is_cjk_punct(c) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

static int is_sentence_end(uint32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
           c == 0xFF0E || c == 0x2026;
}

static int is_closing_mark(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0xFF09 || c == 0x300D || c == 0x300F || c == 0x3011 || c == 0x300B ||
           c == 0x3015;
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || c == 0x00AD || c == 0x2010;
}

static size_t rtrim_len(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return n;
}

static side_state left_state(const char *s, size_t n)
{
    n = rtrim_len(s, n);
    size_t at = 0;
    uint32_t c = bs_utf8_last(s, n, &at);
    if (!c)
        return SIDE_UNKNOWN;
    if (is_hyphen(c)) {
        uint32_t p = bs_utf8_last(s, at, NULL);
        return bs_unicode_is_latin_letter(p) ? SIDE_HYPHEN : SIDE_OPEN;
    }
    while (c && is_closing_mark(c)) {
        n = at;
        c = bs_utf8_last(s, n, &at);
    }
    return is_sentence_end(c) ? SIDE_CLOSED : SIDE_OPEN;
}

static side_state right_state(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    uint32_t c = bs_utf8_first(s, NULL);
    if (!c)
        return SIDE_UNKNOWN;
    if (c < 128 && islower((int)c))
        return SIDE_OPEN;
    if (c == ',' || c == ';' || c == ':' || c == '.' || c == ')' || c == 0xFF0C || c == 0x3001 ||
        c == 0xFF1B || c == 0xFF1A || c == 0x3002 || c == 0xFF09 || c == 0x201D || c == 0x300D)
        return SIDE_OPEN;
    if ((c < 128 && isupper((int)c)) || c == 0x201C || c == '"' || c == '(' || c == 0xFF08 ||
        c == 0x300C)
        return SIDE_CLOSED;
    if (bs_unicode_is_latin_letter(c))
        return SIDE_OPEN; /* accented lower case (upper case is rare at a cut) */
    return SIDE_UNKNOWN;
}

/* ---- word model ------------------------------------------------------------- */

typedef struct vocab {
    char **word;       /* owned, open addressing */
    unsigned *count;
    size_t cap, n;     /* slots, used slots */
    double total;      /* words counted */
} vocab;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static size_t vocab_slot(const vocab *v, const char *w, size_t n)
{
    size_t i = (size_t)(hash_bytes(w, n) & (v->cap - 1));
    while (v->word[i] && !(strlen(v->word[i]) == n && memcmp(v->word[i], w, n) == 0))
        i = (i + 1) & (v->cap - 1);
    return i;
}

static void vocab_add(vocab *v, const char *w, size_t n)
{
    if (2 * (v->n + 1) > v->cap) {
        vocab old = *v;
        v->cap = old.cap ? old.cap * 2 : 256;
        v->word = bs_xcalloc(v->cap, sizeof(char *));
        v->count = bs_xcalloc(v->cap, sizeof(unsigned));
        v->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.word[i]) {
                size_t s = vocab_slot(v, old.word[i], strlen(old.word[i]));
                v->word[s] = old.word[i];
                v->count[s] = old.count[i];
                v->n++;
            }
        free(old.word);
        free(old.count);
    }
    size_t s = vocab_slot(v, w, n);
    if (!v->word[s]) {
        v->word[s] = bs_xstrndup(w, n);
        v->n++;
    }
    v->count[s]++;
    v->total += 1;
}

static unsigned vocab_count(const vocab *v, const char *w)
{
    if (!v->cap)
        return 0;
    size_t s = vocab_slot(v, w, strlen(w));
    return v->word[s] ? v->count[s] : 0;
}

static void vocab_release(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        free(v->word[i]);
    free(v->word);
    free(v->count);
    memset(v, 0, sizeof(*v));
}

static int word_byte(unsigned char c)
{
    return isalpha(c) != 0;
}

/* Count the Latin words of paragraph p, lower-cased, except a first word
 * continuing a cut (starts lower case at the paragraph start) and a last
 * word cut off (no punctuation after it): those are the fragments the
 * model is asked about. */
static void vocab_add_text(vocab *v, const char *p)
{
    size_t n = strlen(p);
    size_t i = 0;
    char w[CUT_WORD_MAX];
    while (i < n) {
        while (i < n && !word_byte((unsigned char)p[i]))
            i++;
        size_t b = i;
        while (i < n && (word_byte((unsigned char)p[i]) ||
                         ((p[i] == '-' || p[i] == '\'') && i + 1 < n &&
                          word_byte((unsigned char)p[i + 1]) && i > b)))
            i++;
        if (i == b)
            break;
        if (b == 0 && islower((unsigned char)p[0]))
            continue;
        if (rtrim_len(p, n) == i)
            continue;
        if (i - b >= sizeof(w))
            continue;
        for (size_t k = b; k < i; k++)
            w[k - b] = (char)tolower((unsigned char)p[k]);
        vocab_add(v, w, i - b);
    }
}

/* log of the letter model: Poisson word length times uniform letters. */
static double letter_logprob(size_t len)
{
    double k = (double)len;
    return -LM_MEAN_WORD_LEN + k * log(LM_MEAN_WORD_LEN) - lgamma(k + 1) - k * log(LM_ALPHABET);
}

static double vocab_logprob(const char *word, void *ctx)
{
    const vocab *v = ctx;
    double c = (double)vocab_count(v, word);
    double uni = v->total > 0 ? c / v->total : 0;
    double p = LM_UNIGRAM_WEIGHT * uni + (1 - LM_UNIGRAM_WEIGHT) * exp(letter_logprob(strlen(word)));
    return log(p);
}

/* ---- healing -------------------------------------------------------------- */

static void lower_into(char *dst, const char *a, size_t na, const char *mid, const char *b,
                       size_t nb)
{
    size_t k = 0;
    for (size_t i = 0; i < na; i++)
        dst[k++] = (char)tolower((unsigned char)a[i]);
    for (; mid && *mid; mid++)
        dst[k++] = *mid;
    for (size_t i = 0; i < nb; i++)
        dst[k++] = (char)tolower((unsigned char)b[i]);
    dst[k] = 0;
}

/* The word fragments at a Latin cut: left[lb..lend) before the cut (a
 * hyphen, if any, at lend), right[0..rn) after it. */
typedef struct cut_words {
    size_t lb, lend, rn;
    int hyphen;
} cut_words;

/* Fill cw for the cut between left[0..nl) (trimmed) and right; returns 1
 * when a word may run across it: letters (and perhaps a hyphen) on the
 * left, a lower-case letter on the right. */
static int latin_cut(const char *left, size_t nl, const char *right, cut_words *cw)
{
    cw->lend = nl;
    cw->hyphen = left_state(left, nl) == SIDE_HYPHEN;
    if (cw->hyphen) {
        size_t at = 0;
        bs_utf8_last(left, nl, &at);
        cw->lend = at;
    }
    cw->lb = cw->lend;
    while (cw->lb > 0 && isalpha((unsigned char)left[cw->lb - 1]) && cw->lend - cw->lb < CUT_WORD_MAX)
        cw->lb--;
    cw->rn = 0;
    while (isalpha((unsigned char)right[cw->rn]) && cw->rn < CUT_WORD_MAX)
        cw->rn++;
    return cw->lend > cw->lb && cw->rn > 0 && islower((unsigned char)right[0]);
}

/* How much likelier (nats) the fragments are as one word than as two:
 * log p(joined) - log p(left fragment) - log p(right fragment); with a
 * hyphen the joined word is the likelier of "selfemployed" and
 * "self-employed" (*keep_hyphen tells which). */
static double join_gain(const bs_stitch_lm *lm, const char *left, const char *right,
                        const cut_words *cw, int *keep_hyphen)
{
    char a[CUT_WORD_MAX + 1], b[CUT_WORD_MAX + 1], ab[2 * CUT_WORD_MAX + 2];
    lower_into(a, left + cw->lb, cw->lend - cw->lb, NULL, "", 0);
    lower_into(b, right, cw->rn, NULL, "", 0);
    lower_into(ab, left + cw->lb, cw->lend - cw->lb, NULL, right, cw->rn);
    double joined = lm->word_logprob(ab, lm->ctx);
    *keep_hyphen = 0;
    if (cw->hyphen) {
        char hy[2 * CUT_WORD_MAX + 3];
        lower_into(hy, left + cw->lb, cw->lend - cw->lb, "-", right, cw->rn);
        double h = lm->word_logprob(hy, lm->ctx);
        if (h > joined) {
            joined = h;
            *keep_hyphen = 1;
        }
    }
    return joined - lm->word_logprob(a, lm->ctx) - lm->word_logprob(b, lm->ctx);
}

char *bs_stitch_heal(const char *left, const char *right, const bs_stitch_lm *lm)
{
    size_t nl = rtrim_len(left, strlen(left));
    int left_space = left[nl] != 0; /* white space before the cut: a word break */
    while (*right && isspace((unsigned char)*right))
        right++;
    if (nl == 0 || !*right)
        return NULL;
    side_state ls = left_state(left, nl);
    side_state rs = right_state(right);
    if (ls == SIDE_CLOSED && rs != SIDE_OPEN)
        return NULL;
    bs_strbuf sb = BS_STRBUF_INIT;
    uint32_t lc = bs_utf8_last(left, nl, NULL);
    uint32_t rc = bs_utf8_first(right, NULL);
    if (is_wide(lc) || is_wide(rc)) {
        bs_strbuf_add(&sb, left, nl);
        bs_strbuf_addstr(&sb, right);
        return bs_strbuf_detach(&sb);
    }
    cut_words cw;
    int words = latin_cut(left, nl, right, &cw);
    int have_lm = lm && lm->word_logprob;
    enum { SPACE, JOIN, JOIN_HYPHEN } how = SPACE;
    if (cw.hyphen) {
        /* A line-end hyphen goes unless the model prefers the compound;
         * before a capital or a digit ("Anglo-American") it stays. */
        how = words ? JOIN : JOIN_HYPHEN;
        int keep = 0;
        if (words && have_lm) {
            join_gain(lm, left, right, &cw, &keep);
            if (keep)
                how = JOIN_HYPHEN;
        }
    } else if (words && have_lm && !left_space) {
        int keep;
        if (join_gain(lm, left, right, &cw, &keep) > HEAL_SPLIT_PRIOR)
            how = JOIN;
    }
    if (how == SPACE) {
        bs_strbuf_add(&sb, left, nl);
        bs_strbuf_addch(&sb, ' ');
    } else if (how == JOIN) {
        bs_strbuf_add(&sb, left, cw.lend);
    } else {
        bs_strbuf_add(&sb, left, nl);
    }
    bs_strbuf_addstr(&sb, right);
    return bs_strbuf_detach(&sb);
}

/* Continuity across a cut, the default of bs_stitch_lm.cut_score: the
 * state of the sentence on each side; and, when a word model is at hand
 * and the cut splits letters, whether the two fragments make a word of the
 * issue ("shareholde" + "r" continue each other, and nothing else does). */
static double default_cut_score(const char *left, const char *right, const bs_stitch_lm *words)
{
    size_t nl = rtrim_len(left, strlen(left));
    while (*right && isspace((unsigned char)*right))
        right++;
    cut_words cw;
    int keep;
    if (words && words->word_logprob && left[nl] == 0 && latin_cut(left, nl, right, &cw) &&
        join_gain(words, left, right, &cw, &keep) > HEAL_SPLIT_PRIOR)
        return CUT_WORD_COMPLETED;
    side_state l = left_state(left, nl);
    side_state r = right_state(right);
    if (l == SIDE_UNKNOWN || r == SIDE_UNKNOWN)
        return l == SIDE_CLOSED ? CUT_CLOSED_UNKNOWN : l == SIDE_UNKNOWN ? 0.5 : CUT_OPEN_UNKNOWN;
    if (l == SIDE_CLOSED)
        return r == SIDE_OPEN ? CUT_CLOSED_OPEN : CUT_CLOSED_CLOSED;
    if (r == SIDE_OPEN)
        return CUT_OPEN_OPEN;
    return l == SIDE_HYPHEN ? CUT_HYPHEN_CLOSED : CUT_OPEN_CLOSED;
}

/* ---- keys and similarity ------------------------------------------------- */

typedef struct key {
    uint32_t *cp; /* owned: NFKC, lower case, letters, digits, ideographs */
    size_t n;
} key;

static void key_set(key *k, const char *s)
{
    free(k->cp);
    k->cp = NULL;
    k->n = 0;
    if (!s || !*s)
        return;
    bs_error err = {0};
    uint32_t *cp;
    size_t n;
    if (bs_unicode_normalize(s, strlen(s), BS_UNICODE_NFKC, &cp, &n, &err) != 0)
        return;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        if (c < 128)
            c = (uint32_t)tolower((int)c);
        if (bs_unicode_is_word_char(c))
            cp[m++] = c;
    }
    if (m == 0) {
        free(cp);
        return;
    }
    k->cp = cp;
    k->n = m;
}

static int key_equal(const key *a, const key *b)
{
    return a->n && a->n == b->n && memcmp(a->cp, b->cp, a->n * sizeof(uint32_t)) == 0;
}

/* Fraction of the shorter key found in the longer one: 1 - (least edits
 * turning the shorter into some substring of the longer) / its length. */
static double key_similarity(const key *a, const key *b, double *weight)
{
    const key *s = a->n <= b->n ? a : b;
    const key *l = a->n <= b->n ? b : a;
    *weight = 0;
    if (s->n == 0)
        return 0;
    size_t *row = bs_xmalloc((l->n + 1) * sizeof(size_t));
    for (size_t j = 0; j <= l->n; j++)
        row[j] = 0; /* free start anywhere in the longer key */
    for (size_t i = 1; i <= s->n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= l->n; j++) {
            size_t up = row[j];
            size_t best = diag + (s->cp[i - 1] != l->cp[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[0];
    for (size_t j = 1; j <= l->n; j++)
        if (row[j] < d)
            d = row[j];
    free(row);
    *weight = s->n >= HEAD_KEY_FULL ? 1.0 : (double)s->n / HEAD_KEY_FULL;
    return 1.0 - (double)d / (double)s->n;
}

/* ---- endpoints -------------------------------------------------------------- */

#define OUT_KEYS 4  /* title, keyword; a middle part's own head and keyword */
#define IN_KEYS 5   /* cont_head, head line, keyword, title; a middle part's out keyword */

typedef struct endpoint {
    int first_page, last_page;
    /* jump-out */
    int has_out;
    char *out_text;        /* owned */
    const char *out_region;
    bs_jump_line out;
    int out_target;        /* resolved page, 0 unknown, BS_JUMP_PAGE_ABSENT */
    int out_in_body;       /* 0 no, 1 last paragraph, 2 tail of it from out_cut */
    size_t out_cut;
    key out_keys[OUT_KEYS];
    /* continuation */
    int is_cand;
    double prior;
    int has_in;
    char *in_text;         /* owned */
    const char *in_region;
    bs_jump_line in;
    int in_source;         /* resolved page named by the jump-in, 0 unknown */
    size_t body_from;      /* first paragraph after head and jump-in lines */
    size_t first_cut;      /* bytes of paragraph body_from before the text */
    int head_guess;        /* paragraph 0 may be the continuation head */
    key in_keys[IN_KEYS];
    /* results */
    int next, prev;        /* linked articles, -1 */
    double link_score;     /* score of the link to next */
    int ambiguous;         /* in an ambiguous assignment */
    int had_option;        /* had a possible pair scoring >= min_score */
} endpoint;

static int page_missing(const bs_issue *issue, int number)
{
    const bs_page *p = bs_issue_find_page(issue, number);
    return !p || (p->error && p->nregions == 0);
}

static void article_pages(const bs_issue *issue, size_t ai, int *first, int *last)
{
    const bs_article *a = &issue->articles[ai];
    *first = *last = 0;
    if (a->nparts) {
        *first = a->parts[0].page;
        *last = a->parts[a->nparts - 1].page;
        return;
    }
    for (size_t p = 0; p < issue->npages; p++)
        for (size_t r = 0; r < issue->pages[p].nregions; r++)
            if (issue->pages[p].regions[r].article == (int)ai) {
                if (!*first)
                    *first = issue->pages[p].number;
                *last = issue->pages[p].number;
            }
}

static char *substr_trim(const char *s, size_t from, size_t to)
{
    while (from < to && isspace((unsigned char)s[from]))
        from++;
    while (to > from && isspace((unsigned char)s[to - 1]))
        to--;
    return bs_xstrndup(s + from, to - from);
}

/* Code points of s that are not ASCII white space. */
static size_t cp_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80 && !isspace((unsigned char)*s);
    return n;
}

static void find_out(const bs_issue *issue, size_t ai, endpoint *e)
{
    const bs_article *a = &issue->articles[ai];
    bs_jump_line jl;
    size_t s, t;
    if (a->nparagraphs) {
        const char *p = a->paragraphs[a->nparagraphs - 1];
        if (bs_jump_find(p, &jl, &s, &t) && jl.kind == BS_JUMP_OUT && t == strlen(p)) {
            e->out_in_body = s == 0 ? 1 : 2;
            e->out_cut = s;
            if (!a->jump_out_line) {
                e->has_out = 1;
                e->out_text = substr_trim(p, s, t);
                e->out = jl;
            }
        }
    }
    if (a->jump_out_line) {
        e->has_out = 1;
        e->out_text = bs_xstrdup(a->jump_out_line);
        e->out_region = a->jump_out_region;
        if (!bs_jump_find(a->jump_out_line, &e->out, NULL, NULL) || e->out.kind != BS_JUMP_OUT)
            memset(&e->out, 0, sizeof(e->out)); /* reassembly's word: a jump, page unread */
    }
    if (!e->has_out)
        return;
    e->out_target = e->out.page > 0 ? bs_jump_resolve_page(issue, e->out.label, e->out.page) : 0;
    key_set(&e->out_keys[0], a->title);
    key_set(&e->out_keys[1], e->out.keyword);
    key_set(&e->out_keys[2], a->cont_head);
}

/* Is paragraph p a jump-in line, or does it start with one?  Fills jl and
 * the marker's range. */
static int in_marker(const char *p, bs_jump_line *jl, size_t *s, size_t *t)
{
    return bs_jump_find(p, jl, s, t) && jl->kind == BS_JUMP_IN && (*s == 0 || *t == strlen(p));
}

static void find_in(const bs_issue *issue, size_t ai, endpoint *e)
{
    const bs_article *a = &issue->articles[ai];
    key cont = {0}, title = {0}, para = {0};
    key_set(&cont, a->cont_head);
    key_set(&title, a->title);
    bs_jump_line jl;
    size_t s, t, i = 0;
    int body_in = 0;
    const char *head_line = NULL;
    char head_buf[BS_JUMP_KEYWORD_MAX] = "";
    for (int guard = 0; guard < CONT_LEAD_MAX && i < a->nparagraphs; guard++) {
        const char *p = a->paragraphs[i];
        if (in_marker(p, &jl, &s, &t)) {
            if (!body_in) {
                body_in = 1;
                e->in = jl;
                e->in_text = substr_trim(p, s, t);
            }
            if (s == 0 && t == strlen(p)) {
                i++;
                continue;
            }
            if (s == 0) {
                e->first_cut = t; /* "(上接第一版)拉紧；…" */
                break;
            }
            memcpy(head_buf, jl.keyword, sizeof(head_buf)); /* "侵略者必潰滅 －－本文接第一版－－" */
            i++;
            continue;
        }
        key_set(&para, p);
        int is_head = key_equal(&para, &cont) || key_equal(&para, &title);
        if (!is_head && i + 1 < a->nparagraphs && cp_count(p) <= CONT_HEAD_MAX_CP && !body_in) {
            size_t s2, t2;
            bs_jump_line jl2;
            is_head = in_marker(a->paragraphs[i + 1], &jl2, &s2, &t2);
        }
        if (!is_head)
            break;
        head_line = p;
        i++;
    }
    free(para.cp);
    free(cont.cp);
    free(title.cp);
    e->body_from = i;
    /* A short first line without a sentence end, with the jump-in line
     * elsewhere (reassembly's field): perhaps the continuation head left in
     * the body ("破纪录的“10万亿”").  It is compared as a head, and left
     * out of the joined text only if it matches the story's title. */
    if (i == 0 && !head_line && !head_buf[0] && a->nparagraphs >= 2 &&
        cp_count(a->paragraphs[0]) <= HEAD_GUESS_MAX_CP &&
        left_state(a->paragraphs[0], strlen(a->paragraphs[0])) != SIDE_CLOSED) {
        e->head_guess = 1;
        head_line = a->paragraphs[0];
    }
    if (a->jump_in_line) {
        free(e->in_text);
        e->in_text = bs_xstrdup(a->jump_in_line);
        e->in_region = a->jump_in_region;
        if (!bs_jump_find(a->jump_in_line, &e->in, NULL, NULL) || e->in.kind != BS_JUMP_IN)
            memset(&e->in, 0, sizeof(e->in));
        body_in = 1;
    }
    e->has_in = body_in && !e->in.previous_issue;
    if (e->in.previous_issue)
        return; /* continues from another issue: not a candidate here */
    const char *first = e->body_from < a->nparagraphs ? a->paragraphs[e->body_from] + e->first_cut
                                                      : "";
    int headless_open = !a->title && right_state(first) == SIDE_OPEN;
    e->is_cand = e->has_in || a->continuation || headless_open;
    e->prior = (e->has_in || a->continuation) ? PRIOR_MARKED : PRIOR_HEADLESS;
    if (e->has_in && e->in.page > 0)
        e->in_source = bs_jump_resolve_page(issue, e->in.label, e->in.page);
    key_set(&e->in_keys[0], a->cont_head);
    key_set(&e->in_keys[1], head_line ? head_line : head_buf);
    key_set(&e->in_keys[2], e->in.keyword);
    key_set(&e->in_keys[3], a->title);
    /* A middle part of a chain (1 -> 3 -> 5) is known by its own head and
     * by the keyword of its own jump-out ("See LIFE, Page A3"). */
    key_set(&e->in_keys[4], e->out.keyword);
    if (e->has_out && !e->out_keys[2].n && !e->head_guess)
        key_set(&e->out_keys[2], head_line ? head_line : head_buf);
    key_set(&e->out_keys[3], e->in.keyword);
}

static void endpoint_release(endpoint *e)
{
    free(e->out_text);
    free(e->in_text);
    for (int k = 0; k < OUT_KEYS; k++)
        free(e->out_keys[k].cp);
    for (int k = 0; k < IN_KEYS; k++)
        free(e->in_keys[k].cp);
}

/* ---- scoring --------------------------------------------------------------- */

/* Head evidence for (o, c): the best weighted term over key pairs, in
 * [-WEIGHT_HEAD, WEIGHT_HEAD]; *sim the similarity behind it; 0 and
 * *sim -1 when either side has no key. */
static double head_term(const endpoint *o, const endpoint *c, double *sim)
{
    double best = 0;
    int any = 0;
    *sim = -1;
    for (int i = 0; i < OUT_KEYS; i++)
        for (int j = 0; j < IN_KEYS; j++) {
            if (!o->out_keys[i].n || !c->in_keys[j].n)
                continue;
            double w;
            double s = key_similarity(&o->out_keys[i], &c->in_keys[j], &w);
            double x = s >= HEAD_SIM_NEUTRAL ? (s - HEAD_SIM_NEUTRAL) / (1 - HEAD_SIM_NEUTRAL)
                                             : (s - HEAD_SIM_NEUTRAL) / HEAD_SIM_NEUTRAL;
            double term = WEIGHT_HEAD * w * x;
            if (j == 1 && c->head_guess && term < 0)
                continue; /* a guessed head may be body text: it can only help */
            if (!any || term > best) {
                best = term;
                *sim = s * w;
            }
            any = 1;
        }
    return best;
}

/* The text before o's jump-out and after c's head, for the cut score. */
static char *out_tail(const bs_article *a, const endpoint *e)
{
    size_t n = a->nparagraphs;
    if (e->out_in_body == 1)
        n = n ? n - 1 : 0;
    if (n == 0)
        return bs_xstrdup("");
    const char *p = a->paragraphs[n - 1];
    if (e->out_in_body == 2 && n == a->nparagraphs)
        return substr_trim(p, 0, e->out_cut);
    return bs_xstrdup(p);
}

static const char *in_head(const bs_article *a, const endpoint *e)
{
    return e->body_from < a->nparagraphs ? a->paragraphs[e->body_from] + e->first_cut : "";
}

/* Score of the pair (o, c), or -1 when impossible. */
static double pair_score(const bs_issue *issue, const endpoint *ep, size_t o, size_t c,
                         const bs_stitch_lm *lm, const bs_stitch_lm *words)
{
    const endpoint *eo = &ep[o], *ec = &ep[c];
    if (o == c || !eo->has_out || !ec->is_cand)
        return -1;
    double s = ec->prior;
    int backref = 0; /* 1 names o's page, -1 another, 0 unknown */
    if (ec->in_source > 0)
        backref = ec->in_source == eo->last_page ? 1 : -1;
    s += backref > 0 ? BONUS_BACKREF : backref < 0 ? -PENALTY_BACKREF : 0;
    double sim;
    s += head_term(eo, ec, &sim);
    if (eo->out_target > 0) {
        if (ec->first_page != eo->out_target) {
            if (backref <= 0 || sim < OTHER_PAGE_HEAD_MIN)
                return -1;
            s -= PENALTY_OTHER_PAGE;
        }
    } else if (eo->out_target == 0) {
        if (backref <= 0 || ec->first_page == eo->last_page)
            return -1;
        s -= PENALTY_UNKNOWN_TARGET;
    } else {
        return -1;
    }
    char *tail = out_tail(&issue->articles[o], eo);
    const char *head = in_head(&issue->articles[c], ec);
    double cut = lm->cut_score ? lm->cut_score(tail, head, lm->ctx)
                               : default_cut_score(tail, head, words);
    free(tail);
    s += WEIGHT_CUT * 2 * (cut - 0.5);
    return s;
}

/* ---- assignment ------------------------------------------------------------ */

/* Minimum-cost assignment of n rows to distinct columns among m >= n
 * (Hungarian algorithm with potentials, O(n^2 m)).  cost is row-major
 * n x m.  row_col[i] receives row i's column. */
static void hungarian(const double *cost, size_t n, size_t m, size_t *row_col)
{
    double *u = bs_xcalloc(n + 1, sizeof(double));
    double *v = bs_xcalloc(m + 1, sizeof(double));
    double *minv = bs_xmalloc((m + 1) * sizeof(double));
    size_t *p = bs_xcalloc(m + 1, sizeof(size_t));
    size_t *way = bs_xcalloc(m + 1, sizeof(size_t));
    unsigned char *used = bs_xmalloc(m + 1);
    for (size_t i = 1; i <= n; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= m; j++) {
            minv[j] = HUGE_VAL;
            used[j] = 0;
        }
        do {
            used[j0] = 1;
            size_t i0 = p[j0], j1 = 0;
            double delta = HUGE_VAL;
            for (size_t j = 1; j <= m; j++) {
                if (used[j])
                    continue;
                double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (size_t j = 0; j <= m; j++) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    for (size_t j = 1; j <= m; j++)
        if (p[j])
            row_col[p[j] - 1] = j - 1;
    free(u);
    free(v);
    free(minv);
    free(p);
    free(way);
    free(used);
}

typedef struct assignment {
    size_t nrows, ncols;  /* jump-outs, candidates */
    size_t *row_art, *col_art;
    double *score;        /* nrows x ncols, -1 impossible */
    double min_score;
} assignment;

/* Solve with pair (fr, fc) forbidden (fr = SIZE_MAX: none); row_col gets
 * each row's column (>= ncols: none); returns the total of score -
 * min_score over chosen pairs. */
static double solve(const assignment *as, size_t fr, size_t fc, size_t *row_col)
{
    size_t n = as->nrows, m = as->ncols + as->nrows;
    double *cost = bs_xmalloc(n * m * sizeof(double));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            double c = 0; /* the dummy columns: no partner */
            if (j < as->ncols) {
                double s = as->score[i * as->ncols + j];
                c = (s < as->min_score || (i == fr && j == fc)) ? COST_IMPOSSIBLE
                                                                : -(s - as->min_score);
            }
            cost[i * m + j] = c;
        }
    hungarian(cost, n, m, row_col);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = row_col[i];
        if (j < as->ncols && cost[i * m + j] < COST_IMPOSSIBLE)
            total += -cost[i * m + j];
        else
            row_col[i] = SIZE_MAX;
    }
    free(cost);
    return total;
}

/* Mark in inset the rows connected to row r through the columns they hold
 * in solution a or b (an alternating chain of the two assignments);
 * returns how many. */
static size_t moved_rows(const size_t *a, const size_t *b, size_t n, size_t r,
                         unsigned char *inset)
{
    memset(inset, 0, n);
    inset[r] = 1;
    size_t count = 1;
    int grew = 1;
    while (grew) {
        grew = 0;
        for (size_t q = 0; q < n; q++) {
            if (inset[q])
                continue;
            for (size_t p = 0; p < n && !inset[q]; p++) {
                if (!inset[p])
                    continue;
                if ((a[q] != SIZE_MAX && (a[q] == a[p] || a[q] == b[p])) ||
                    (b[q] != SIZE_MAX && (b[q] == a[p] || b[q] == b[p]))) {
                    inset[q] = 1;
                    count++;
                    grew = 1;
                }
            }
        }
    }
    return count;
}

/* ---- merging ---------------------------------------------------------------- */

typedef struct parlist {
    char **p;
    size_t n, cap;
} parlist;

static void parlist_push(parlist *l, char *owned)
{
    BS_ARRAY_GROW(l->p, l->cap, l->n + 1);
    l->p[l->n++] = owned;
}

/* Does continuation e's guessed head line (in_keys[1]) match the story's
 * title or keyword (those of the chain's first part, h)? */
static int guess_confirmed(const endpoint *h, const endpoint *e)
{
    for (int i = 0; i < 2; i++) {
        double w;
        if (h->out_keys[i].n && e->in_keys[1].n &&
            key_similarity(&h->out_keys[i], &e->in_keys[1], &w) * w >= OTHER_PAGE_HEAD_MIN)
            return 1;
    }
    return 0;
}

/* Append the body of article a (paragraphs [from, to), the first cut at
 * first_cut bytes, the last one at last_cut) to l, healing the cut with
 * the paragraph already last in l. */
static void append_body(parlist *l, const bs_article *a, size_t from, size_t first_cut, size_t to,
                        size_t last_cut, const bs_stitch_lm *lm)
{
    int first = 1;
    for (size_t i = from; i < to; i++) {
        const char *p = a->paragraphs[i];
        size_t b = i == from ? first_cut : 0;
        size_t e = (i + 1 == to && last_cut != SIZE_MAX) ? last_cut : strlen(p);
        if (b > e)
            b = e;
        char *text = substr_trim(p, b, e);
        if (!*text) {
            free(text);
            continue;
        }
        if (first && l->n) {
            char *healed = bs_stitch_heal(l->p[l->n - 1], text, lm);
            if (healed) {
                free(l->p[l->n - 1]);
                l->p[l->n - 1] = healed;
                free(text);
                first = 0;
                continue;
            }
        }
        first = 0;
        parlist_push(l, text);
    }
}

static void merge_chain(bs_issue *issue, endpoint *ep, size_t h, const bs_stitch_lm *lm)
{
    bs_article *head = &issue->articles[h];
    parlist l = {0};
    size_t m = h;
    int idx = 0;
    float conf = head->confidence;
    while (1) {
        bs_article *a = &issue->articles[m];
        endpoint *e = &ep[m];
        int linked = e->next >= 0;
        size_t from = idx ? e->body_from : 0;
        if (idx && e->head_guess && guess_confirmed(&ep[h], e))
            from = 1;
        size_t first_cut = idx ? e->first_cut : 0;
        size_t to = a->nparagraphs, last_cut = SIZE_MAX;
        if (linked && e->out_in_body == 1 && to > from)
            to--;
        else if (linked && e->out_in_body == 2)
            last_cut = e->out_cut;
        if (from > to)
            from = to;
        append_body(&l, a, from, first_cut, to, last_cut, lm);
        if (idx) {
            for (size_t k = 0; k < a->nparts; k++)
                for (size_t r = 0; r < a->parts[k].nregions; r++)
                    bs_article_add_region(head, a->parts[k].page, a->parts[k].regions[r]);
            for (size_t k = 0; k < a->ncaptions; k++)
                bs_article_add_caption(head, a->captions[k]);
            if (!head->title && a->title)
                bs_article_set(&head->title, a->title);
            if (a->confidence >= 0 && (conf < 0 || a->confidence < conf))
                conf = a->confidence;
        }
        if (!linked) {
            /* The chain's open end: its jump-out (if any) is the story's. */
            if (m != h) {
                bs_article_set(&head->jump_out_line, a->jump_out_line);
                bs_article_set(&head->jump_out_region, a->jump_out_region);
            }
            break;
        }
        size_t c = (size_t)e->next;
        endpoint *ec = &ep[c];
        bs_jump *j = bs_article_add_jump(head, e->last_page, ec->first_page, e->out_text,
                                         ec->in_text);
        bs_article_set(&j->out_region, e->out_region);
        bs_article_set(&j->in_region, ec->in_region);
        j->score = (float)(e->link_score < 0 ? 0 : e->link_score > 1 ? 1 : e->link_score);
        bs_issue_add_qc(issue, "join", e->last_page, "%s (page %d) continued by %s (page %d): %s%s%s, score %.2f",
                        issue->articles[h].id, e->last_page, issue->articles[c].id,
                        ec->first_page, e->out_text ? e->out_text : "",
                        ec->in_text ? " / " : "", ec->in_text ? ec->in_text : "",
                        (double)j->score);
        head = &issue->articles[h];
        if (m == h) {
            free(head->jump_out_line);
            free(head->jump_out_region);
            head->jump_out_line = head->jump_out_region = NULL;
        }
        m = c;
        idx++;
    }
    for (size_t i = 0; i < head->nparagraphs; i++)
        free(head->paragraphs[i]);
    free(head->paragraphs);
    head->paragraphs = l.p;
    head->nparagraphs = l.n;
    head->paragraphs_cap = l.cap;
    head->confidence = conf;
}

/* Cut every cycle of next/prev links at its lowest article index. */
static void break_cycles(endpoint *ep, size_t n, bs_issue *issue)
{
    unsigned char *state = bs_xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        int x = (int)i;
        while (x >= 0 && state[x] == 0) {
            state[x] = 1;
            x = ep[x].prev;
        }
        if (x >= 0 && state[x] == 1) {
            size_t low = (size_t)x;
            for (int y = ep[x].prev; y != x; y = ep[y].prev)
                if ((size_t)y < low)
                    low = (size_t)y;
            int from = ep[low].prev;
            ep[from].next = -1;
            ep[low].prev = -1;
            ep[from].ambiguous = 1;
            bs_issue_add_qc(issue, "cycle", ep[from].last_page,
                            "jumps form a cycle; link %s -> %s not made",
                            issue->articles[from].id, issue->articles[low].id);
        }
        x = (int)i;
        while (x >= 0 && state[x] == 1) {
            state[x] = 2;
            x = ep[x].prev;
        }
    }
    free(state);
}

static void remove_merged(bs_issue *issue, const endpoint *ep)
{
    size_t n = issue->narticles;
    int *newidx = bs_xmalloc((n ? n : 1) * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        newidx[i] = ep[i].prev >= 0 ? -1 : (int)k++;
    /* A merged article's regions go to its chain's first article. */
    for (size_t i = 0; i < n; i++)
        if (ep[i].prev >= 0) {
            int h = (int)i;
            while (ep[h].prev >= 0)
                h = ep[h].prev;
            newidx[i] = newidx[h];
        }
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ep[i].prev >= 0) {
            bs_article_release(&issue->articles[i]);
            continue;
        }
        if (k != i)
            issue->articles[k] = issue->articles[i];
        k++;
    }
    issue->narticles = k;
    for (size_t p = 0; p < issue->npages; p++)
        for (size_t r = 0; r < issue->pages[p].nregions; r++) {
            bs_region *reg = &issue->pages[p].regions[r];
            if (reg->article >= 0 && (size_t)reg->article < n)
                reg->article = newidx[reg->article];
            else
                reg->article = -1;
        }
    free(newidx);
}

/* ---- unmatched ------------------------------------------------------------- */

static void report_unmatched(bs_issue *issue, const endpoint *ep, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const endpoint *e = &ep[i];
        if (e->has_out && e->next < 0) {
            const char *why;
            int target = e->out_target > 0 ? e->out_target : e->out.page;
            if (e->out_target == BS_JUMP_PAGE_ABSENT ||
                (e->out_target > 0 && page_missing(issue, e->out_target)))
                why = "target page missing";
            else if (e->ambiguous || e->had_option)
                why = "ambiguous";
            else
                why = "no candidate";
            bs_issue_add_unmatched_jump(issue, e->last_page, "out", e->out_text, e->out_region,
                                        target, why);
            bs_issue_add_qc(issue, "unmatched_jump", e->last_page,
                            "%s: jump-out \"%s\" to page %d: %s", issue->articles[i].id,
                            e->out_text ? e->out_text : "", target, why);
        }
        int in_line = (e->has_in || e->in.previous_issue) && e->in_text;
        if (in_line && e->prev < 0) {
            const char *why;
            int source = e->in_source > 0 ? e->in_source : e->in.page;
            if (e->in.previous_issue || e->in_source == BS_JUMP_PAGE_ABSENT ||
                (e->in_source > 0 && page_missing(issue, e->in_source)))
                why = "target page missing";
            else if (e->ambiguous || e->had_option)
                why = "ambiguous";
            else
                why = "no candidate";
            bs_issue_add_unmatched_jump(issue, e->first_page, "in", e->in_text, e->in_region,
                                        source, why);
            bs_issue_add_qc(issue, "unmatched_jump", e->first_page,
                            "%s: jump-in \"%s\" from %s %d: %s", issue->articles[i].id,
                            e->in_text, e->in.previous_issue ? "the previous issue, page" : "page",
                            source, why);
        }
    }
}

/* ---- the issue ------------------------------------------------------------- */

void bs_stitch_issue(bs_issue *issue, const bs_stitch_options *opt)
{
    bs_stitch_options def = bs_stitch_options_default();
    if (!opt)
        opt = &def;
    /* Stitching is the only author of unmatched jumps: an issue.json read
     * back for `broadsheet reassemble` has them listed from last time. */
    bs_issue_clear_unmatched(issue);
    size_t n = issue->narticles;
    if (n == 0)
        return;
    endpoint *ep = bs_xcalloc(n, sizeof(endpoint));
    size_t nout = 0, ncand = 0;
    for (size_t i = 0; i < n; i++) {
        ep[i].next = ep[i].prev = -1;
        article_pages(issue, i, &ep[i].first_page, &ep[i].last_page);
        find_out(issue, i, &ep[i]);
        find_in(issue, i, &ep[i]);
        nout += ep[i].has_out;
        ncand += ep[i].is_cand;
    }
    /* The word model for healing: the caller's, or the issue's own words
     * (with its own ctx: the caller's ctx belongs to the caller's cut_score). */
    vocab voc = {0};
    bs_stitch_lm heal_lm = opt->lm;
    if (!heal_lm.word_logprob && nout) {
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < issue->articles[i].nparagraphs; k++)
                vocab_add_text(&voc, issue->articles[i].paragraphs[k]);
        heal_lm.word_logprob = vocab_logprob;
        heal_lm.cut_score = NULL;
        heal_lm.ctx = &voc;
    }
    if (nout && ncand) {
        assignment as = {0};
        as.min_score = opt->min_score;
        as.row_art = bs_xmalloc(nout * sizeof(size_t));
        as.col_art = bs_xmalloc(ncand * sizeof(size_t));
        for (size_t i = 0; i < n; i++) {
            if (ep[i].has_out)
                as.row_art[as.nrows++] = i;
            if (ep[i].is_cand)
                as.col_art[as.ncols++] = i;
        }
        as.score = bs_xmalloc(as.nrows * as.ncols * sizeof(double));
        for (size_t r = 0; r < as.nrows; r++)
            for (size_t c = 0; c < as.ncols; c++) {
                double s = pair_score(issue, ep, as.row_art[r], as.col_art[c], &opt->lm, &heal_lm);
                as.score[r * as.ncols + c] = s;
                if (s >= opt->min_score) {
                    ep[as.row_art[r]].had_option = 1;
                    ep[as.col_art[c]].had_option = 1;
                }
            }
        size_t *best = bs_xmalloc(as.nrows * sizeof(size_t));
        size_t *alt = bs_xmalloc(as.nrows * sizeof(size_t));
        unsigned char *amb = bs_xcalloc(as.nrows, 1);
        unsigned char *inset = bs_xmalloc(as.nrows);
        double total = solve(&as, SIZE_MAX, 0, best);
        /* Possible partners per row and column: a pair whose jump-out and
         * continuation have no other option cannot be ambiguous, and
         * needs no second solve. */
        size_t *row_opts = bs_xcalloc(as.nrows, sizeof(size_t));
        size_t *col_opts = bs_xcalloc(as.ncols, sizeof(size_t));
        for (size_t r = 0; r < as.nrows; r++)
            for (size_t c = 0; c < as.ncols; c++)
                if (as.score[r * as.ncols + c] >= opt->min_score) {
                    row_opts[r]++;
                    col_opts[c]++;
                }
        for (size_t r = 0; r < as.nrows; r++) {
            if (best[r] == SIZE_MAX || (row_opts[r] == 1 && col_opts[best[r]] == 1))
                continue;
            double t = solve(&as, r, best[r], alt);
            if (total - t >= opt->ambiguity_margin)
                continue;
            /* The jumps the alternative moves: the chain of rows linked to
             * r through the columns they hold in either solution (rows
             * elsewhere may differ only by an equal-cost tie). */
            size_t nmoved = moved_rows(best, alt, as.nrows, r, inset);
            if (nmoved == 1 && alt[r] == SIZE_MAX)
                continue; /* r merely loses its only partner: weak, not ambiguous */
            for (size_t q = 0; q < as.nrows; q++) {
                if (!inset[q])
                    continue;
                amb[q] = 1;
                if (best[q] != SIZE_MAX)
                    ep[as.col_art[best[q]]].ambiguous = 1;
                if (alt[q] != SIZE_MAX)
                    ep[as.col_art[alt[q]]].ambiguous = 1;
            }
        }
        for (size_t r = 0; r < as.nrows; r++) {
            size_t o = as.row_art[r];
            if (amb[r]) {
                ep[o].ambiguous = 1;
                continue;
            }
            if (best[r] == SIZE_MAX)
                continue;
            size_t c = as.col_art[best[r]];
            ep[o].next = (int)c;
            ep[o].link_score = as.score[r * as.ncols + best[r]];
            ep[c].prev = (int)o;
        }
        free(best);
        free(alt);
        free(amb);
        free(row_opts);
        free(col_opts);
        free(inset);
        free(as.row_art);
        free(as.col_art);
        free(as.score);
        break_cycles(ep, n, issue);
    }
    report_unmatched(issue, ep, n);
    int joined = 0;
    for (size_t i = 0; i < n; i++)
        if (ep[i].prev < 0 && ep[i].next >= 0) {
            merge_chain(issue, ep, i, &heal_lm);
            joined = 1;
        }
    if (joined)
        remove_merged(issue, ep);
    for (size_t i = 0; i < n; i++)
        endpoint_release(&ep[i]);
    free(ep);
    vocab_release(&voc);
}
