/*
 * lm_eval.c - measure the language models on the research corpora
 *             (built and run by tools/lm-eval; never shipped).
 *
 * Join decision: a balanced set of true paragraph ends (paragraph i, then
 * paragraph i+1 of the same article) and paragraphs cut at a random point
 * (Chinese: any character; English: a word boundary, where lines break);
 * the decision is log_odds > 0.  Order: a paragraph cut into 3 to 6
 * fragments at such points, shuffled, ordered by bs_lm_order; exact order
 * recovered or not.  Timing: model load (open + checksum + close) and one
 * join score.  Paragraphs are body text of at least LM_EVAL_MIN_BYTES
 * (default 90 bytes = 30 Chinese characters, 80 for English): shorter
 * lines are headings.  Deterministic (fixed seed).
 *
 * Also: article vs paragraph on balanced breaks, dehyphenation (en) and
 * corrections (zh).  Debug output: LM_EVAL_SHOW=1 (failed 3-fragment
 * orders), LM_EVAL_SHOW_HY=1 (compounds that lost their hyphen),
 * LM_EVAL_SHOW_ART=1 (article shares).
 *
 * usage: lm_eval MODEL LANG(zh|en) CORPUS_FILE [pairs [TEXT_MODEL]]
 * TEXT_MODEL: a text model (tools/build-models --text) that adapts MODEL
 * (bs_lm_adapt), to measure what an archive's own text adds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lm.h"
#include "unicode.h"
#include "xalloc.h"

/* exp(logsig(BS_LM_ARTICLE_PRIOR_LOGIT)) in src/lm.c: the share of
 * article starts among breaks the model assumes before looking. */
#define ARTICLE_PRIOR 0.3318

typedef struct para {
    char *text;
    int article; /* index of the article the paragraph belongs to */
} para;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Byte offsets where a fragment may be cut: between characters (zh) or
 * at spaces (en, the cut removes the space). */
static size_t cut_points(const char *s, int en, size_t *pts, size_t max)
{
    size_t n = strlen(s), k = 0, i = 0, nch = 0;
    while (i < n && k < max) {
        uint32_t cp;
        size_t l = bs_utf8_decode_one(s + i, n - i, &cp);
        if (!l)
            l = 1;
        nch++;
        if (en ? (cp == ' ') : (nch >= 2 && i > 0))
            pts[k++] = i;
        i += l;
    }
    return k;
}

static char *sub(const char *s, size_t a, size_t b)
{
    return bs_xstrndup(s + a, b - a);
}

/* Dehyphenation: real hyphenated compounds of the corpus ("state-owned")
 * must keep their hyphen; ordinary words of 6+ letters split at a random
 * inner point ("democ" + "racy") must be joined. */
static void eval_dehyphenation(const bs_lm *lm, const para *ps, size_t np)
{
    int keep_ok = 0, keep_n = 0, join_ok = 0, join_n = 0;
    for (size_t p = 0; p < np && (keep_n < 1000 || join_n < 1000); p++) {
        const char *s = ps[p].text;
        size_t i = 0, n = strlen(s);
        while (i < n) {
            while (i < n && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
                i++;
            size_t st = i;
            int hy = -1;
            while (i < n && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || s[i] == '-')) {
                if (s[i] == '-')
                    hy = hy == -1 ? (int)i : -2;
                i++;
            }
            size_t len = i - st;
            if (i < n && (unsigned char)s[i] >= 0x80)
                continue;
            char a[64], b[64];
            if (hy >= 0 && (size_t)hy > st + 1 && (size_t)hy + 2 < i && len < 60 && keep_n < 1000) {
                memcpy(a, s + st, (size_t)hy - st + 1);
                a[(size_t)hy - st + 1] = '\0';
                memcpy(b, s + hy + 1, i - hy - 1);
                b[i - hy - 1] = '\0';
                keep_ok += bs_lm_dehyphenate_score(lm, a, b) < 0;
                if (getenv("LM_EVAL_SHOW_HY") && bs_lm_dehyphenate_score(lm, a, b) >= 0)
                    printf("KEEPFAIL %s%s %.2f\n", a, b, bs_lm_dehyphenate_score(lm, a, b));
                keep_n++;
            } else if (hy == -1 && len >= 6 && len < 60 && (rnd() % 8) == 0 && join_n < 1000
                       && s[st] >= 'a' && s[st] <= 'z') {
                size_t cut = 2 + rnd() % (len - 3);
                memcpy(a, s + st, cut);
                a[cut] = '-';
                a[cut + 1] = '\0';
                memcpy(b, s + st + cut, len - cut);
                b[len - cut] = '\0';
                join_ok += bs_lm_dehyphenate_score(lm, a, b) > 0;
                join_n++;
            }
        }
    }
    printf("dehyphenation: real compounds kept %.3f (%d/%d), split words joined %.3f (%d/%d)\n",
           keep_n ? (double)keep_ok / keep_n : 0.0, keep_ok, keep_n,
           join_n ? (double)join_ok / join_n : 0.0, join_ok, join_n);
}

/* Corrections: on clean text, how many characters are changed (all are
 * false); then with one confusable character swapped per paragraph, how
 * many swaps are undone exactly (recall) and how many changes are right
 * (precision). */
static void eval_corrections(const bs_lm *lm, const para *ps, size_t np)
{
    static const char *const pairs[][2] = {
        {"予", "子"}, {"子", "予"}, {"己", "已"}, {"已", "己"}, {"未", "末"}, {"末", "未"},
        {"日", "曰"}, {"人", "入"}, {"入", "人"}, {"土", "士"}, {"士", "土"},
    };
    bs_error err = {0};
    size_t clean_chars = 0, clean_changes = 0;
    int planted = 0, undone = 0, changes = 0, right = 0;
    for (size_t p = 0; p < np && p < 3000; p++) {
        const char *s = ps[p].text;
        char *out;
        bs_lm_change *ch;
        size_t n;
        if (bs_lm_correct(lm, s, &out, &ch, &n, &err) == 0) {
            clean_chars += strlen(s) / 3;
            clean_changes += n;
            free(out);
            free(ch);
        }
        /* plant one confusion */
        const size_t np2 = sizeof pairs / sizeof pairs[0];
        size_t k0 = rnd() % np2;
        for (size_t q = 0; q < np2; q++) {
            size_t k = (k0 + q) % np2;
            const char *at = strstr(s, pairs[k][0]);
            if (!at)
                continue;
            size_t off = (size_t)(at - s), fl = strlen(pairs[k][0]);
            char *bad = bs_xmalloc(strlen(s) + 8);
            memcpy(bad, s, off);
            strcpy(bad + off, pairs[k][1]);
            strcat(bad, s + off + fl);
            if (bs_lm_correct(lm, bad, &out, &ch, &n, &err) == 0) {
                planted++;
                changes += (int)n;
                for (size_t c = 0; c < n; c++) {
                    if (ch[c].offset == off && strcmp(ch[c].to, pairs[k][0]) == 0) {
                        undone++;
                        right++;
                    }
                }
                free(out);
                free(ch);
            }
            free(bad);
            break;
        }
    }
    printf("corrections: clean text %zu changes in %zu characters (%.2f per 10k); planted %d: "
           "recall %.3f, precision %.3f (%d right of %d changes)\n",
           clean_changes, clean_chars, clean_chars ? 1e4 * clean_changes / clean_chars : 0.0,
           planted, planted ? (double)undone / planted : 0.0,
           changes ? (double)right / changes : 0.0, right, changes);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: lm_eval MODEL zh|en CORPUS [pairs [TEXT_MODEL]]\n");
        return 2;
    }
    int en = strcmp(argv[2], "en") == 0;
    int pairs = argc > 4 ? atoi(argv[4]) : 2000;
    /* Paragraphs shorter than this are headings and list items (the
     * short-news headlines of a bulletin), which layout tells apart, not
     * text: 30 Chinese characters, or a line and a half of English. */
    const char *mb = getenv("LM_EVAL_MIN_BYTES");
    ssize_t min_bytes = mb ? atol(mb) : (en ? 80 : 90);
    bs_error err = {0};

    /* load time */
    double best = 1e9;
    for (int r = 0; r < 10; r++) {
        double t0 = now();
        bs_lm *m = bs_lm_open(argv[1], &err);
        double t1 = now();
        if (!m) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        bs_lm_close(m);
        if (t1 - t0 < best)
            best = t1 - t0;
    }
    bs_lm *lm = bs_lm_open(argv[1], &err);
    if (argc > 5) {
        bs_lm *text = bs_lm_open(argv[5], &err);
        if (!text || bs_lm_adapt(lm, text, &err) != 0) {
            fprintf(stderr, "%s\n", err.msg);
            bs_lm_close(text);
            bs_lm_close(lm);
            return 1;
        }
    }

    FILE *f = fopen(argv[3], "r");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    para *ps = NULL;
    size_t np = 0, cap = 0;
    int article = 0, after_header = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t ll;
    while ((ll = getline(&line, &lcap, f)) > 0) {
        while (ll > 0 && (line[ll - 1] == '\n' || line[ll - 1] == '\r'))
            line[--ll] = '\0';
        if (strncmp(line, "###", 3) == 0) {
            article++;
            after_header = 1;
            continue;
        }
        if (after_header && en) { /* Reuters: the title line */
            after_header = 0;
            continue;
        }
        after_header = 0;
        if (ll < min_bytes)
            continue;
        BS_ARRAY_GROW(ps, cap, np + 1);
        ps[np].text = bs_xstrdup(line);
        ps[np].article = article;
        np++;
    }
    free(line);
    fclose(f);
    if (np < 100) {
        fprintf(stderr, "lm_eval: too few paragraphs in %s\n", argv[3]);
        return 1;
    }

    /* join decision */
    int correct = 0, total = 0, correct_punct = 0;
    int tp = 0, fp = 0, fn = 0, tn = 0;
    size_t pts[4096];
    char **ja = bs_xmalloc(2 * pairs * sizeof *ja), **jb = bs_xmalloc(2 * pairs * sizeof *jb);
    int nj = 0;
    for (int k = 0; k < pairs; k++) {
        /* a true paragraph end followed by the next paragraph */
        size_t i;
        do
            i = rnd() % (np - 1);
        while (ps[i].article != ps[i + 1].article);
        ja[nj] = bs_xstrdup(ps[i].text);
        jb[nj] = bs_xstrdup(ps[i + 1].text);
        bs_lm_join j = bs_lm_join_score(lm, ja[nj], jb[nj]);
        nj++;
        total++;
        correct += j.log_odds <= 0;
        correct_punct += (j.log_odds - j.lm_gain) <= 0;
        tn += j.log_odds <= 0;
        fp += j.log_odds > 0;
        /* a cut inside a paragraph */
        const char *t = ps[rnd() % np].text;
        size_t nc = cut_points(t, en, pts, 4096);
        if (nc < 3) {
            total--;
            continue;
        }
        size_t c = pts[1 + rnd() % (nc - 2)];
        ja[nj] = sub(t, 0, c);
        jb[nj] = bs_xstrdup(t + c + (en ? 1 : 0));
        j = bs_lm_join_score(lm, ja[nj], jb[nj]);
        nj++;
        total++;
        correct += j.log_odds > 0;
        correct_punct += (j.log_odds - j.lm_gain) > 0;
        tp += j.log_odds > 0;
        fn += j.log_odds <= 0;
    }
    printf("join: accuracy %.4f (%d/%d; breaks called joins %d, joins called breaks %d); "
           "punctuation-only %.4f\n",
           (double)correct / total, correct, total, fp, fn, (double)correct_punct / total);
    (void)tp;
    (void)tn;

    /* article vs paragraph, on breaks: the last paragraph of an article
     * then the first of the next, against two paragraphs of one article */
    int art_ok = 0, art_n = 0;
    for (int k = 0; k < pairs; k++) {
        /* balanced: even k a new article, odd k the same article */
        size_t i;
        do
            i = rnd() % (np - 1);
        while ((ps[i].article != ps[i + 1].article) != (k % 2 == 0));
        int new_article = k % 2 == 0;
        bs_lm_join j = bs_lm_join_score(lm, ps[i].text, ps[i + 1].text);
        /* decide at the model's prior share of article starts, i.e. on
         * the likelihood ratio alone, since the test set is balanced */
        art_ok += (j.p_article / (j.p_article + j.p_paragraph) > ARTICLE_PRIOR) == new_article;
        if (getenv("LM_EVAL_SHOW_ART"))
            printf("ART %d %.3f\n", new_article, j.p_article / (j.p_article + j.p_paragraph));
        art_n++;
    }
    printf("article vs paragraph (breaks only, balanced): accuracy %.3f (%d/%d)\n",
           (double)art_ok / art_n, art_ok, art_n);

    /* join scoring time */
    int reps = 100000;
    volatile double sink = 0;
    double t0 = now();
    for (int r = 0; r < reps; r++) {
        bs_lm_join j = bs_lm_join_score(lm, ja[r % nj], jb[r % nj]);
        sink += j.log_odds;
    }
    double t1 = now();
    printf("join scoring: %.2f us per call (%d calls)\n", (t1 - t0) / reps * 1e6, reps);
    printf("model load: %.2f ms (best of 10, %s)\n", best * 1e3, argv[1]);

    /* ordering */
    int ok[7] = {0}, cnt[7] = {0}, adj_ok = 0, adj_n = 0;
    for (int k = 0; k < pairs / 4; k++) {
        const char *t = ps[rnd() % np].text;
        int nf = 3 + (int)(rnd() % 4);
        size_t nc = cut_points(t, en, pts, 4096);
        if (nc < (size_t)nf * 4)
            continue;
        /* nf - 1 distinct cut points, sorted */
        size_t cuts[8];
        int got = 0;
        while (got < nf - 1) {
            size_t c = pts[1 + rnd() % (nc - 2)];
            int dup = 0;
            for (int q = 0; q < got; q++)
                dup |= cuts[q] == c;
            if (!dup)
                cuts[got++] = c;
        }
        for (int a = 0; a < got; a++)
            for (int b = a + 1; b < got; b++)
                if (cuts[b] < cuts[a]) {
                    size_t x = cuts[a];
                    cuts[a] = cuts[b];
                    cuts[b] = x;
                }
        char *fr[8];
        size_t start = 0;
        for (int q = 0; q < nf; q++) {
            size_t end = q < nf - 1 ? cuts[q] : strlen(t);
            fr[q] = sub(t, start, end);
            start = end + (en && q < nf - 1 ? 1 : 0);
        }
        size_t perm[8], order[8];
        for (int q = 0; q < nf; q++)
            perm[q] = (size_t)q;
        for (int q = nf - 1; q > 0; q--) {
            size_t r = rnd() % (size_t)(q + 1), x = perm[q];
            perm[q] = perm[r];
            perm[r] = x;
        }
        const char *sh[8];
        for (int q = 0; q < nf; q++)
            sh[q] = fr[perm[q]];
        bs_lm_order(lm, sh, (size_t)nf, order, NULL, &err);
        int good = 1;
        for (int q = 0; q < nf; q++)
            good &= perm[order[q]] == (size_t)q;
        ok[nf] += good;
        for (int q = 0; q + 1 < nf; q++)
            adj_ok += perm[order[q + 1]] == perm[order[q]] + 1;
        adj_n += nf - 1;
        if (!good && getenv("LM_EVAL_SHOW") && nf == 3) {
            printf("FAIL:");
            for (int q = 0; q < nf; q++)
                printf(" [%s]", fr[q]);
            printf("\n  got:");
            for (int q = 0; q < nf; q++)
                printf(" %d", (int)perm[order[q]]);
            printf("\n");
        }
        cnt[nf]++;
        for (int q = 0; q < nf; q++)
            free(fr[q]);
    }
    int sok = 0, scnt = 0;
    printf("order: exact");
    for (int q = 3; q <= 6; q++) {
        printf(" n=%d %.3f (%d/%d);", q, cnt[q] ? (double)ok[q] / cnt[q] : 0.0, ok[q], cnt[q]);
        sok += ok[q];
        scnt += cnt[q];
    }
    printf(" all %.3f; correct successors %.3f\n", scnt ? (double)sok / scnt : 0.0,
           adj_n ? (double)adj_ok / adj_n : 0.0);

    if (en)
        eval_dehyphenation(lm, ps, np);
    else
        eval_corrections(lm, ps, np);

    for (int k = 0; k < nj; k++) {
        free(ja[k]);
        free(jb[k]);
    }
    free(ja);
    free(jb);
    for (size_t k = 0; k < np; k++)
        free(ps[k].text);
    free(ps);
    bs_lm_close(lm);
    (void)sink;
    return 0;
}
