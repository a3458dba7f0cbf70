/*
 * lm.h - small character/word language models that decide joins, order
 *        and corrections.
 *
 * Public functions:
 *     bs_lm_open, bs_lm_close, bs_lm_find, bs_lm_lang, bs_lm_path,
 *     bs_lm_is_text, bs_lm_adapt,
 *     bs_lm_logprob, bs_lm_join_score, bs_lm_dehyphenate_score,
 *     bs_lm_order, bs_lm_correct
 *
 * One bs_lm is one language (Chinese, simplified and traditional, or
 * English), built by `make models` from word lists that Debian ships
 * (models/README.md).  It is a character trigram model of a stream of
 * words drawn from the word list's frequencies, stored so that the counts
 * inside words and across word boundaries are separate (lm_format.h): "准"
 * followed by "备" is inside a frequent word, "。" is followed by a new
 * word.  English adds the word list itself for dehyphenation and
 * corrections.
 *
 * A model is opened once (memory-mapped, read-only), is immutable, and may
 * be used from any number of threads at once.  Texts are UTF-8; nothing is
 * kept between calls.  Scores are natural logarithms.
 *
 * Where the model files are (bs_lm_find): $BROADSHEET_MODELS, then
 * <dir of the executable>/../build/models, then
 * <dir of the executable>/../share/broadsheet/models (make install), then
 * <dir of the executable>/../models (the source tree), each holding
 * <lang>.bsm ("zh.bsm", "en.bsm").
 */
#ifndef BS_LM_H
#define BS_LM_H

#include <stddef.h>

#include "error.h"

typedef struct bs_lm bs_lm;

enum bs_lm_lang {
    BS_LM_ZH = 0, /* Chinese, simplified and traditional */
    BS_LM_EN = 1, /* English */
};

/* Smoothing mass of the Dirichlet-interpolated n-gram estimates, as a
 * fraction of the model's total word count: about the weight of a few
 * occurrences in jieba's counts (total ~6e7), so an n-gram seen a handful
 * of times is already mostly trusted, one never seen falls back to the
 * shorter context. */
#define BS_LM_DIRICHLET_FRACTION 1e-7
/* Smoothing mass of a text model (bs_lm_adapt), in counts (at most
 * BS_LM_MAX_SMOOTH_SHARE of the context's count, as for the word model):
 * its counts are real occurrences in a text of some hundred thousand to a
 * few million characters, where an n-gram seen once is one observation,
 * so a context's unseen continuations keep about two occurrences' worth of
 * the shorter context's estimate.  0.5, 2, 5 and 10 ordered fragments
 * alike (tools/lm-eval, exact order within 0.01). */
#define BS_LM_TEXT_DIRICHLET 2.0
/* Weight of a text model's join evidence against the word model's in the
 * join log-odds (the rest, 1 - weight, stays with the word model): with a
 * text model of the same bulletin, mean aca of six synthetic reflow seeds
 * was 0.960, 0.963, 0.962 and 0.956 at 0.1, 0.2, 0.3 and 0.45; above that
 * a text's chance pairs outweigh punctuation (tools/lm-eval, join vs
 * paragraph end: 0.990 at 0.2, 0.974 at 0.5, 0.957 at 0.7). */
#define BS_LM_ADAPT_WEIGHT 0.2

/* ---- loading ------------------------------------------------------------ */

/* Map the model file at path.  Returns the model (free with bs_lm_close)
 * or NULL with err naming the file: missing (BS_ERR_IO), truncated, bad
 * magic, wrong version, corrupt table directory or checksum mismatch
 * (BS_ERR_FORMAT). */
bs_lm *bs_lm_open(const char *path, bs_error *err);

/* Unmap and free lm; NULL is accepted. */
void bs_lm_close(bs_lm *lm);

/* Find the model file for lang ("zh" or "en") in the search order above.
 * exe is the path of the running program (argv[0] or NULL for
 * /proc/self/exe).  Returns a new string (caller frees) or NULL with
 * BS_ERR_IO listing the places searched. */
char *bs_lm_find(const char *lang, const char *exe, bs_error *err);

/* The model's language (enum bs_lm_lang) and file path (owned by lm). */
int bs_lm_lang(const bs_lm *lm);
const char *bs_lm_path(const bs_lm *lm);

/* 1 when lm is a text model (tools/build-models --text: the character
 * n-grams of running text, not of a word list), else 0. */
int bs_lm_is_text(const bs_lm *lm);

/* Adapt the word model base with the text model text (built from an
 * archive's own text): from then on the log-odds of every join score of
 * base (and so ordering) add text's evidence of which words follow which,
 * weighted BS_LM_ADAPT_WEIGHT; lm_gain, dehyphenation, corrections and
 * word counts stay the word model's.  base takes ownership of text (bs_lm_close(base)
 * closes it).  Call before base is shared between threads.  Returns 0, or
 * -1 with BS_ERR_USAGE naming text's file when text is not a text model,
 * is of another language, or base is a text model or already adapted
 * (text is then still the caller's). */
int bs_lm_adapt(bs_lm *base, bs_lm *text, bs_error *err);

/* ---- scoring -------------------------------------------------------------- */

/* Log-probability of the text under the character model, starting after a
 * paragraph break.  Characters the model does not know (punctuation,
 * digits, other scripts) break the context and are not scored.  English
 * is lower-cased and its white space runs count as one space. */
double bs_lm_logprob(const bs_lm *lm, const char *text);

/* What lies between the end of fragment `left` and the start of fragment
 * `right`. */
typedef struct bs_lm_join {
    double log_odds;    /* log P(join) / P(any break) */
    double p_join;      /* same paragraph, text continues */
    double p_paragraph; /* a new paragraph of the same article */
    double p_article;   /* a new article */
    double lm_gain;     /* the word model's character evidence: how much
                           likelier the start of right is after left than
                           after a break (in log_odds unless adapted) */
    double adapt_gain;  /* the same evidence from the text model (0 when
                           not adapted); log_odds then has the mix
                           (1 - BS_LM_ADAPT_WEIGHT) lm_gain +
                           BS_LM_ADAPT_WEIGHT adapt_gain */
    double start_weight; /* the part of log_odds that right's first
                           characters give alone: a comma or closing mark,
                           a particle that cannot open a sentence ("的",
                           "了"), a lower-case English word; 0 for an
                           ordinary start */
} bs_lm_join;

/* Score the join of left and right (NUL-terminated UTF-8; white space at
 * the cut is ignored; for English a space is assumed between them unless
 * left ends in a hyphen).  Uses the punctuation at the cut (a fragment
 * ending in "。" or "." is likely a paragraph end, one starting with "，"
 * or a lower-case letter is not), the character model across the cut, and
 * for article vs paragraph the words the two fragments share.  Only the
 * last and first few dozen characters are read, so the cost does not
 * depend on the fragments' length. */
bs_lm_join bs_lm_join_score(const bs_lm *lm, const char *left, const char *right);

/* Log-odds that text opens a sentence rather than going on with one
 * (NUL-terminated UTF-8, leading white space ignored), from the part of
 * speech of its first word, the longest word of the list it starts with:
 * time words and names open sentences, verbs, adverbs and the second
 * character of a word cut in two go on with them (the per-word values
 * tools/build-models takes from jieba's tagger).  Between -3 and 3; 0
 * when no listed word starts text or the model has no parts of speech
 * (English, text models). */
double bs_lm_start_logodds(const bs_lm *lm, const char *text);

/* A line ends in left with a hyphen and continues in right ("democ" +
 * "racy", "well" + "known"; the hyphen itself may or may not end left).
 * Returns log P(one word, drop the hyphen) / P(keep the hyphen): > 0 means
 * write "democracy", < 0 means keep "well-known".  Uses the word list with
 * frequencies, and the character model for words it does not list; in
 * English a common listed word made of the two parts ("with" + "out") is
 * one word unless the left part is a prefix written with a hyphen. */
double bs_lm_dehyphenate_score(const bs_lm *lm, const char *left, const char *right);

/* Order n fragments of one paragraph or text (n >= 1) so that it reads
 * best: maximises the sum of the join log-odds (bs_lm_join_score) of the
 * n - 1 junctions (each fragment's start and end evidence is used exactly
 * once whatever the order, so no separate start and end terms are
 * needed); exact (dynamic programming over subsets) for
 * n <= BS_LM_ORDER_EXACT_MAX, greedy beyond.  Ties (cuts between two
 * words carry no evidence) keep the caller's order, so pass the fragments
 * in the order layout suggests.  order receives the fragment indices in
 * reading order (caller's array of n); *score (if not NULL) the total.
 * 0, or -1 with BS_ERR_USAGE (n == 0 or n > BS_LM_ORDER_MAX). */
#define BS_LM_ORDER_EXACT_MAX 12
#define BS_LM_ORDER_MAX 256
int bs_lm_order(const bs_lm *lm, const char *const *frags, size_t n, size_t *order, double *score,
                bs_error *err);

/* One character (or character pair) substitution made by bs_lm_correct. */
typedef struct bs_lm_change {
    size_t offset;   /* byte offset of the replaced text in the input */
    char from[16];   /* the replaced text, UTF-8 */
    char to[16];     /* its replacement, UTF-8 */
    double log_odds; /* how much likelier the text is with the change */
} bs_lm_change;

/* Replace confusable characters where the model is confident: Chinese
 * 子/予, 己/已/巳, 未/末, 日/曰, 人/入, 土/士 by the character model over
 * the surrounding characters (changed only when the text becomes e^4,
 * about 55 times, likelier); English 0/O, 1/l/I, rn/m, cl/d inside a
 * token that is not a word when the replacement makes a listed word.
 * *out receives the corrected text (caller frees), *changes the changes in
 * text order (caller frees; NULL when none) and *nchanges their number.
 * 0, or -1 with BS_ERR_FORMAT if text is not valid UTF-8. */
int bs_lm_correct(const bs_lm *lm, const char *text, char **out, bs_lm_change **changes,
                  size_t *nchanges, bs_error *err);

#endif
