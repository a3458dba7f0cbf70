/*
 * lm_hooks.c - language models plugged into reassembly and stitching; see
 * lm_hooks.h.
 */
#include "lm_hooks.h"

#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
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
}
