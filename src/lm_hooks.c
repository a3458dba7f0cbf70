/*
 * lm_hooks.c - language models plugged into reassembly and stitching; see
 * lm_hooks.h.
 */
#include "lm_hooks.h"

#include <stdlib.h>
#include <string.h>

#include "lm_format.h"
#include "pipeline.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* Dehyphenation: a score this far from 0 (log-odds, natural log) decides;
 * closer, the built-in rule (a list of hyphenated prefixes) decides.  At
 * 1.0 the model is e^1 ≈ 2.7 times surer of one reading than the other,
 * which on SCOWL words kept 0.88 of real compounds and joined 0.98 of
 * split words (models/README.md). */
#define LM_HYPHEN_DECIDE_LOGODDS 1.0

bs_lm_hooks *bs_lm_hooks_open(const char *exe, bs_error *warn)
{
    bs_lm_hooks *h = bs_xcalloc(1, sizeof(*h));
    static const char *const langs[2] = {"zh", "en"};
    for (int i = 0; i < 2; i++) {
        bs_error e = {0};
        char *path = bs_lm_find(langs[i], exe, &e);
        bs_lm *lm = path ? bs_lm_open(path, &e) : NULL;
        /* A text model has no word list: corrections and dehyphenation
         * would run on nothing.  It adapts a model, it is not one. */
        if (lm && bs_lm_is_text(lm)) {
            bs_error_set(&e, BS_ERR_USAGE,
                         "%s: a text model, not a language model (give it with --text-model)",
                         path);
            bs_lm_close(lm);
            lm = NULL;
        }
        free(path);
        if (!lm && warn && !warn->code)
            *warn = e;
        if (i == 0)
            h->zh = lm;
        else
            h->en = lm;
    }
    return h;
}

int bs_lm_hooks_adapt(bs_lm_hooks *hooks, const char *path, bs_error *err)
{
    bs_lm *text = bs_lm_open(path, err);
    if (!text)
        return -1;
    bs_lm *base = bs_lm_lang(text) == BS_LM_ZH ? hooks->zh : hooks->en;
    if (!base) {
        bs_error_set(err, BS_ERR_USAGE, "%s: no %s model to adapt", path,
                     bs_lm_lang(text) == BS_LM_ZH ? "Chinese" : "English");
        bs_lm_close(text);
        return -1;
    }
    if (bs_lm_adapt(base, text, err) != 0) {
        bs_lm_close(text);
        return -1;
    }
    return 0;
}

void bs_lm_hooks_close(bs_lm_hooks *hooks)
{
    if (!hooks)
        return;
    bs_lm_close(hooks->zh);
    bs_lm_close(hooks->en);
    free(hooks);
}

/* The model for text: zh if its first letter-like character is CJK. */
static const bs_lm *model_for(const bs_lm_hooks *h, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k)
            break;
        if (bs_unicode_is_cjk(cp))
            return h->zh;
        if (bs_unicode_is_latin_letter(cp))
            return h->en;
        i += k;
    }
    return h->en ? h->en : h->zh;
}

/* Non-zero when text holds a CJK character. */
static int has_cjk(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k)
            return 0;
        if (bs_unicode_is_cjk(cp))
            return 1;
        i += k;
    }
    return 0;
}
/* The corrector (a bs_correct_fn): the zh model for a line with any CJK
 * character (its confusables are CJK; Latin tokens glued to CJK are not
 * words anyway), the en model otherwise. */
static int correct_hook(void *ctx, const char *text, char **out, bs_correct_change **changes,
                        size_t *nchanges)
{
    const bs_lm_hooks *h = ctx;
    const bs_lm *lm = has_cjk(text) ? h->zh : h->en;
    *out = NULL;
    *changes = NULL;
    *nchanges = 0;
    if (!lm)
        return -1;
    bs_lm_change *lc = NULL;
    size_t n = 0;
    bs_error err = {0};
    if (bs_lm_correct(lm, text, out, &lc, &n, &err) != 0)
        return -1;
    if (n) {
        *changes = bs_xcalloc(n, sizeof **changes);
        for (size_t i = 0; i < n; i++) {
            (*changes)[i].offset = lc[i].offset;
            memcpy((*changes)[i].from, lc[i].from, sizeof lc[i].from);
            memcpy((*changes)[i].to, lc[i].to, sizeof lc[i].to);
            (*changes)[i].log_odds = lc[i].log_odds;
        }
        *nchanges = n;
    }
    free(lc);
    return 0;
}

static int hyphen_hook(void *ctx, const char *left, const char *right)
{
    const bs_lm_hooks *h = ctx;
    if (!h->en)
        return -1;
    double s = bs_lm_dehyphenate_score(h->en, left, right);
    if (s >= LM_HYPHEN_DECIDE_LOGODDS)
        return 1;
    if (s <= -LM_HYPHEN_DECIDE_LOGODDS)
        return 0;
    return -1;
}

static double cut_score_hook(const char *left_tail, const char *right_head, void *ctx)
{
    const bs_lm *lm = model_for(ctx, right_head);
    if (!lm)
        return 0.5;
    return bs_lm_join_score(lm, left_tail, right_head).p_join;
}

/* Longest Chinese word tried when covering text with dictionary words
 * (characters): jieba's dictionary has few longer words that matter. */
#define DICT_MAX_WORD_CHARS 4
/* Latin tokens shorter than this are not judged ("a", "I", initials). */
#define DICT_MIN_LATIN_LEN 2

/* Share of the CJK characters of cp[0..n) covered by dictionary words of
 * two or more characters (greedy longest match), counted into *hit and
 * *total.  Clean Chinese news text is mostly covered; OCR garbage is not,
 * because misread characters rarely form words. */
static void cjk_coverage(const bs_lm *lm, const uint32_t *cp, size_t n, size_t *hit, size_t *total)
{
    size_t i = 0;
    while (i < n) {
        if (!bs_unicode_is_cjk(cp[i])) {
            i++;
            continue;
        }
        size_t run = i;
        while (run < n && bs_unicode_is_cjk(cp[run]))
            run++;
        while (i < run) {
            size_t best = 1;
            for (size_t len = DICT_MAX_WORD_CHARS; len >= 2; len--) {
                if (i + len > run)
                    continue;
                char buf[4 * DICT_MAX_WORD_CHARS + 1];
                size_t k = 0;
                for (size_t j = 0; j < len; j++)
                    k += bs_utf8_encode_one(cp[i + j], buf + k);
                if (bs_lm_word_count(lm, buf, k) > 0) {
                    best = len;
                    break;
                }
            }
            if (best > 1)
                *hit += best;
            *total += best;
            i += best;
        }
    }
}

static void latin_coverage(const bs_lm *lm, const uint32_t *cp, size_t n, size_t *hit, size_t *total)
{
    size_t i = 0;
    while (i < n) {
        if (!(cp[i] < 128 && bs_unicode_is_latin_letter(cp[i]))) {
            i++;
            continue;
        }
        char word[64];
        size_t len = 0;
        while (i < n && cp[i] < 128 && bs_unicode_is_latin_letter(cp[i])) {
            if (len < sizeof(word) - 1)
                word[len++] = (char)cp[i];
            i++;
        }
        if (len < DICT_MIN_LATIN_LEN)
            continue;
        (*total)++;
        if (bs_lm_word_count(lm, word, len) > 0) {
            (*hit)++;
            continue;
        }
        for (size_t k = 0; k < len; k++)
            if (word[k] >= 'A' && word[k] <= 'Z')
                word[k] = (char)(word[k] - 'A' + 'a');
        if (bs_lm_word_count(lm, word, len) > 0)
            (*hit)++;
    }
}

double bs_lm_hooks_dict_hit(void *ctx, const char *text)
{
    const bs_lm_hooks *h = ctx;
    uint32_t *cp = NULL;
    size_t n = 0;
    if (!h || bs_utf8_decode(text, strlen(text), &cp, &n, NULL) != 0)
        return -1;
    size_t hit = 0, total = 0;
    if (h->zh)
        cjk_coverage(h->zh, cp, n, &hit, &total);
    if (h->en)
        latin_coverage(h->en, cp, n, &hit, &total);
    free(cp);
    return total ? (double)hit / (double)total : -1;
}

void bs_lm_hooks_apply(const bs_lm_hooks *hooks, bs_pipeline_options *opt)
{
    if (!hooks || (!hooks->zh && !hooks->en))
        return;
    void *ctx = (void *)hooks;
    if (hooks->en) {
        opt->reassemble.build.para.hyphen_scorer = hyphen_hook;
        opt->reassemble.build.para.hyphen_ctx = ctx;
    }
    /* Word probabilities for mid-word cuts stay with the stitcher's own
     * model of the vocabulary: a character model scores "qu" +
     * "estion" about as well as "question", so it cannot tell them apart. */
    opt->stitch.lm.cut_score = cut_score_hook;
    opt->stitch.lm.ctx = ctx;
    opt->correct.fn = correct_hook;
    opt->correct.ctx = ctx;
}
