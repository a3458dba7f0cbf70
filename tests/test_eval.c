/*
 * test_eval.c - unit tests of unicode.c, edit_distance.c and eval.c.
 *
 * The expected scores of the eval cases were worked out by hand and checked
 * with shared/eval/score.py on the same JSON; tests/eval_agrees_with_score_py.sh
 * compares the two on the real dev set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit_distance.h"
#include "error.h"
#include "eval.h"
#include "strbuf.h"
#include "unicode.h"

/* Scores are ratios of small integers; this only absorbs the last bit. */
#define EPS 1e-9

static void assert_near(double got, double want, const char *what)
{
    if (fabs(got - want) > EPS)
        fail_msg("%s: got %.10f, want %.10f", what, got, want);
}

/* Decode a UTF-8 literal into a fresh code point array. */
static uint32_t *cps(const char *s, size_t *n)
{
    uint32_t *v;
    size_t bad;
    assert_int_equal(bs_utf8_decode(s, strlen(s), &v, n, &bad), 0);
    return v;
}

/* ---- unicode ----------------------------------------------------------- */

static void test_utf8_decode_valid(void **state)
{
    (void)state;
    size_t n;
    uint32_t *v = cps("a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80", &n); /* a é 中 😀 */
    assert_int_equal(n, 4);
    assert_int_equal(v[0], 'a');
    assert_int_equal(v[1], 0xE9);
    assert_int_equal(v[2], 0x4E2D);
    assert_int_equal(v[3], 0x1F600);
    char *back = bs_utf8_encode(v, n, NULL);
    assert_string_equal(back, "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    free(back);
    free(v);
    /* Empty input gives an empty, non-NULL array. */
    uint32_t *e;
    assert_int_equal(bs_utf8_decode("", 0, &e, &n, NULL), 0);
    assert_non_null(e);
    assert_int_equal(n, 0);
    free(e);
}

static void test_utf8_decode_invalid_offsets(void **state)
{
    (void)state;
    struct {
        const char *s;
        size_t len, offset;
    } cases[] = {
        {"ab\x80", 3, 2},                 /* stray continuation byte */
        {"a\xC0\x80", 3, 1},              /* overlong NUL */
        {"xy\xE0\x80\xAF", 5, 2},         /* overlong 3-byte */
        {"\xED\xA0\x80", 3, 0},           /* surrogate U+D800 */
        {"ok\xF4\x90\x80\x80", 6, 2},     /* past U+10FFFF */
        {"\xE4\xB8\xAD\xE4\xB8", 5, 3},   /* truncated at the end */
        {"\xE4\xB8\xAD\xE4" "a\xAD", 6, 3}, /* bad continuation */
        {"abc\xFF", 4, 3},                /* never valid */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t off = 999, n = 7;
        uint32_t sentinel = 0, *v = &sentinel;
        assert_int_equal(bs_utf8_validate(cases[i].s, cases[i].len, &off), -1);
        assert_int_equal(off, cases[i].offset);
        off = 999;
        assert_int_equal(bs_utf8_decode(cases[i].s, cases[i].len, &v, &n, &off), -1);
        assert_null(v);
        assert_int_equal(n, 0);
        assert_int_equal(off, cases[i].offset);
    }
    /* The largest and the boundary values are valid. */
    assert_int_equal(bs_utf8_validate("\xF4\x8F\xBF\xBF\xEE\x80\x80\xED\x9F\xBF", 10, NULL), 0);
    char buf[4];
    assert_int_equal(bs_utf8_encode_one(0xD800, buf), 0);
    assert_int_equal(bs_utf8_encode_one(0x110000, buf), 0);
    assert_int_equal(bs_utf8_encode_one(0x10FFFF, buf), 4);
}

static void test_normalize(void **state)
{
    (void)state;
    bs_error err = {0, ""};
    struct {
        const char *in, *nfkc;
    } cases[] = {
        {"\xEF\xBD\xB6\xEF\xBE\x9E", "\xE3\x82\xAC"},     /* half-width ｶﾞ -> ガ */
        {"\xE2\x91\xA0\xEF\xBC\x92", "12"},               /* ① ２ */
        {"\xEF\xAC\x81", "fi"},                           /* ﬁ ligature */
        {"\xE3\x80\x80", " "},                            /* U+3000 -> space */
        {"\xEF\xBC\x88\xE8\xBD\xAC\xEF\xBC\x89", "(\xE8\xBD\xAC)"}, /* （转） */
        {"e\xCC\x81", "\xC3\xA9"},                        /* e + acute -> é */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *r = bs_unicode_nfkc(cases[i].in, &err);
        assert_non_null(r);
        assert_string_equal(r, cases[i].nfkc);
        free(r);
    }
    /* NFC composes but keeps compatibility characters. */
    char *r = bs_unicode_nfc("e\xCC\x81\xEF\xAC\x81", &err);
    assert_string_equal(r, "\xC3\xA9\xEF\xAC\x81");
    free(r);
    /* Expansion past one code point per byte (U+FDFA is 18 code points). */
    uint32_t *v;
    size_t n;
    assert_int_equal(bs_unicode_normalize("\xEF\xB7\xBA", 3, BS_UNICODE_NFKC, &v, &n, &err), 0);
    assert_int_equal(n, 18);
    free(v);
    /* U+0000 in the middle is a character, not the end. */
    size_t len;
    r = bs_unicode_normalize_utf8("a\0\xEF\xBC\xA1", 5, BS_UNICODE_NFKC, &len, &err);
    assert_int_equal(len, 3);
    assert_memory_equal(r, "a\0A", 3);
    free(r);
    /* Invalid input is an error with the offset. */
    assert_null(bs_unicode_normalize_utf8("abc\xC3", 4, BS_UNICODE_NFKC, NULL, &err));
    assert_int_equal(err.code, BS_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "byte 3"));
}

static void test_predicates(void **state)
{
    (void)state;
    /* Exactly Python's str.isspace(). */
    const uint32_t spaces[] = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20,
                               0x85, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028, 0x2029,
                               0x202F, 0x205F, 0x3000};
    size_t nspace = 0;
    for (uint32_t c = 0; c <= BS_UNICODE_MAX; c++)
        nspace += (size_t)bs_unicode_is_space(c);
    assert_int_equal(nspace, 29); /* 21 listed + 2001..2004, 2006..2009 */
    for (size_t i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++)
        assert_true(bs_unicode_is_space(spaces[i]));
    assert_false(bs_unicode_is_space(0x200B)); /* zero width space */
    assert_false(bs_unicode_is_space(0xFEFF));
    assert_false(bs_unicode_is_space(0x180E));

    assert_true(bs_unicode_is_cjk(0x4E2D));  /* 中 */
    assert_true(bs_unicode_is_cjk(0x3400));  /* extension A */
    assert_true(bs_unicode_is_cjk(0x4DBF));
    assert_true(bs_unicode_is_cjk(0xF900));  /* compatibility */
    assert_true(bs_unicode_is_cjk(0x20000)); /* extension B */
    assert_true(bs_unicode_is_cjk(0x2F800));
    assert_true(bs_unicode_is_cjk(0x3007));  /* 〇 */
    assert_false(bs_unicode_is_cjk(0x3001));
    assert_false(bs_unicode_is_cjk(0x3042)); /* hiragana */
    assert_false(bs_unicode_is_cjk('A'));

    assert_true(bs_unicode_is_cjk_punct(0x3001));  /* 、 */
    assert_true(bs_unicode_is_cjk_punct(0x3002));  /* 。 */
    assert_true(bs_unicode_is_cjk_punct(0x300A));  /* 《 */
    assert_true(bs_unicode_is_cjk_punct(0xFF0C));  /* ， */
    assert_true(bs_unicode_is_cjk_punct(0xFF08));  /* （ */
    assert_true(bs_unicode_is_cjk_punct(0xFE41));  /* ﹁ */
    assert_false(bs_unicode_is_cjk_punct(0x3000)); /* a space */
    assert_false(bs_unicode_is_cjk_punct(0x3007)); /* an ideograph */
    assert_false(bs_unicode_is_cjk_punct(0xFF10)); /* ０ */
    assert_false(bs_unicode_is_cjk_punct(0xFF21)); /* Ａ */
    assert_false(bs_unicode_is_cjk_punct(','));

    assert_true(bs_unicode_is_latin_letter('a'));
    assert_true(bs_unicode_is_latin_letter('Z'));
    assert_true(bs_unicode_is_latin_letter(0xE9));   /* é */
    assert_true(bs_unicode_is_latin_letter(0x1E9E)); /* ẞ */
    assert_true(bs_unicode_is_latin_letter(0xFF21)); /* Ａ */
    assert_false(bs_unicode_is_latin_letter(0xD7));  /* × */
    assert_false(bs_unicode_is_latin_letter('0'));
    assert_false(bs_unicode_is_latin_letter(0x3B1)); /* α */
    assert_false(bs_unicode_is_latin_letter(0x4E2D));

    assert_true(bs_unicode_is_digit('7'));
    assert_true(bs_unicode_is_digit(0x663)); /* Arabic-Indic 3 */
    assert_false(bs_unicode_is_digit(0x4E8C)); /* 二 */
    assert_false(bs_unicode_is_digit(0x2460)); /* ① is No, not Nd */
}

static void test_remove_space(void **state)
{
    (void)state;
    size_t n;
    uint32_t *v = cps(" a\tb\xE3\x80\x80" "c\xC2\xA0\n", &n);
    n = bs_unicode_remove_space(v, n);
    assert_int_equal(n, 3);
    assert_int_equal(v[0], 'a');
    assert_int_equal(v[2], 'c');
    free(v);
    char s[] = " \xE4\xB8\xAD \xE2\x80\xA8\xE6\x96\x87\xE3\x80\x80!";
    size_t len = bs_utf8_remove_space(s, strlen(s));
    assert_string_equal(s, "\xE4\xB8\xAD\xE6\x96\x87!");
    assert_int_equal(len, 7);
}

/* ---- edit distance ----------------------------------------------------- */

static size_t ed(const char *a, const char *b)
{
    size_t na, nb;
    uint32_t *va = cps(a, &na), *vb = cps(b, &nb);
    size_t d = bs_edit_distance(va, na, vb, nb);
    free(va);
    free(vb);
    return d;
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(ed("kitten", "sitting"), 3);
    assert_int_equal(ed("sitting", "kitten"), 3);
    assert_int_equal(ed("", ""), 0);
    assert_int_equal(ed("", "abc"), 3);
    assert_int_equal(ed("abc", ""), 3);
    assert_int_equal(ed("same", "same"), 0);
    assert_int_equal(ed("flaw", "lawn"), 2);
    assert_int_equal(ed("abcdefghijklmnopqrst", "klmnopqrstabcdefghij"), 20);
    /* Code points, not bytes: one substitution. */
    assert_int_equal(ed("\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x88"), 1);
    assert_int_equal(bs_edit_distance(NULL, 0, NULL, 0), 0);
}

static void test_edit_distance_bounded(void **state)
{
    (void)state;
    size_t na, nb;
    uint32_t *a = cps("kitten", &na), *b = cps("sitting", &nb);
    assert_int_equal(bs_edit_distance_bounded(a, na, b, nb, 3), 3);
    assert_int_equal(bs_edit_distance_bounded(a, na, b, nb, 10), 3);
    assert_true(bs_edit_distance_bounded(a, na, b, nb, 2) > 2);
    assert_true(bs_edit_distance_bounded(a, na, b, nb, 0) > 0);
    free(a);
    free(b);
    /* Random arrays over a small alphabet (many near matches): the bounded
     * distance is exact up to max and above max beyond.  A local LCG keeps
     * the test reproducible. */
    uint64_t rng = 12345;
    uint32_t x[40], y[40];
    for (int round = 0; round < 3000; round++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t nx = (size_t)(rng >> 33) % 40, ny = (size_t)(rng >> 45) % 40;
        for (size_t i = 0; i < nx; i++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            x[i] = (uint32_t)(rng >> 60) % 4;
        }
        for (size_t i = 0; i < ny; i++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            y[i] = (uint32_t)(rng >> 60) % 4;
        }
        size_t d = bs_edit_distance(x, nx, y, ny);
        size_t max = (size_t)(rng >> 20) % 25;
        size_t bd = bs_edit_distance_bounded(x, nx, y, ny, max);
        if (d <= max)
            assert_int_equal(bd, d);
        else
            assert_int_equal(bd, max + 1);
    }
}

/* ---- jump lines and norm ----------------------------------------------- */

/* bs_eval_norm_text of s, as UTF-8. */
static char *norm(const char *s)
{
    uint32_t *v;
    size_t n;
    bs_error err;
    assert_int_equal(bs_eval_norm_text(s, strlen(s), &v, &n, &err), 0);
    char *r = bs_utf8_encode(v, n, NULL);
    free(v);
    return r;
}

/* Jump removal only (no NFKC, no white space removal). */
static char *cut(const char *s)
{
    size_t n;
    uint32_t *v = cps(s, &n);
    n = bs_eval_remove_jump_lines(v, n);
    char *r = bs_utf8_encode(v, n, NULL);
    free(v);
    return r;
}

static void check_cut(const char *in, const char *want)
{
    char *got = cut(in);
    if (strcmp(got, want) != 0)
        fail_msg("cut(\"%s\") = \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void test_jump_lines(void **state)
{
    (void)state;
    /* Chinese alternative. */
    check_cut("前文（下转第二版）后文", "前文后文");
    check_cut("前文(转第2版)后文", "前文后文");
    check_cut("（上接第1版）正文", "正文");
    check_cut("接 第 十二 版 正文", "正文");
    check_cut("下转第三版", "");
    check_cut("下转第百版", "下转第百版");         /* 百 is not in the numeral class */
    check_cut("转第版", "转第版");                 /* needs a numeral */
    check_cut("转二版)", "");                      /* 第 and parentheses optional */
    check_cut("(下转第二版", "");                  /* closing parenthesis optional */
    check_cut("下接第2版", "下");                  /* 下 alone is text, 接... matches */
    check_cut("(转第2版)(接第3版)x", "x");         /* back to back */
    check_cut("转第2版 ) x", " x");                /* trailing white space is eaten */
    check_cut("转第２版", "转第２版");             /* full-width digit: not before NFKC */
    /* English alternative. */
    check_cut("end. (Continued on page 2) more", "end.  more"); /* the space before "(" stays */
    check_cut("Continued on Page A2", "");
    check_cut("(Continued from page 3)", "");
    check_cut("See SAFRICAS, Page A3 x", "x");
    check_cut("(See S AFRICA, Page A12)", "");
    check_cut("RATES from Page A1 Banks", "Banks");
    check_cut("X from page 1", "");
    check_cut("The DOLLAR from page 2", "The"); /* the match starts at the space */
    check_cut("Continued on page", "Continued on page"); /* needs a number */
    check_cut("continued on page 2", "continued on page 2"); /* case-sensitive */
    check_cut("See Safricas, Page A3", "See Safricas, Page A3");
    check_cut("See , Page 3", "See , Page 3");     /* [A-Z ]+ needs a character: " " */
    check_cut("Seen from page 2", "Seen from page 2");
    check_cut("Page 7 from page 2", "Page 7 from page 2");
    check_cut("page \xD9\xA3", "page \xD9\xA3");   /* needs a group before */
    check_cut("Continued on page \xD9\xA3)", ""); /* \d is any Nd digit */
    check_cut("Continuedfrompage2", "");
    /* Backtracking into \s* before "[A-Z ]+ from": two spaces give the
     * group a one-space run; one space does not. */
    check_cut("x  from page 2", "x");
    check_cut("x from page 2", "x from page 2");
    check_cut("x\n from page 2", "x\n from page 2");
    /* Leftmost match wins over a later, longer one. */
    check_cut("A from page 1A from page 2", "");
    /* Unicode white space inside: \s is Unicode-aware. */
    check_cut("Continued\xE2\x80\xA8on\xC2\xA0page 4", "");
}

static void test_norm_text(void **state)
{
    (void)state;
    char *r = norm("（下转第２版） A\tb\xE3\x80\x80" "c"); /* U+3000 before c */
    assert_string_equal(r, "Abc");
    free(r);
    /* NFKC runs first, so full-width digits and parentheses match. */
    r = norm("x（转第３版）y");
    assert_string_equal(r, "xy");
    free(r);
    r = norm("");
    assert_string_equal(r, "");
    free(r);
}

/* ---- scoring ----------------------------------------------------------- */

/* Two true articles: 20 characters on page 1, 10 on pages 1 and 2. */
static const char *GT2 =
    "{\"articles\": ["
    " {\"id\": 1, \"title\": \"Alpha\", \"body\": [\"abcdefghij\", \"klmnopqrst\"],"
    "  \"parts\": [{\"page\": 1}]},"
    " {\"id\": 2, \"title\": \"Beta\", \"body\": [\"ABCDEFGHIJ\"],"
    "  \"parts\": [{\"page\": 1}, {\"page\": 2}]}]}";

typedef struct expect {
    double aca, complete, jump_recall, jump_precision, title_acc;
    int has_recall, has_precision;
    size_t n_out;
} expect;

static void score_case(const char *gt_json, const char *out_json, const expect *e,
                       bs_eval_result *keep)
{
    bs_error err = {0, ""};
    bs_eval_doc *gt = bs_eval_parse_gt(gt_json, strlen(gt_json), "gt.json", &err);
    if (!gt)
        fail_msg("gt: %s", err.msg);
    bs_eval_doc *out = bs_eval_parse_out(out_json, strlen(out_json), "out.json", &err);
    if (!out)
        fail_msg("out: %s", err.msg);
    bs_eval_result r;
    assert_int_equal(bs_eval_score(gt, out, &r), 0);
    assert_near(r.aca, e->aca, "aca");
    assert_near(r.complete, e->complete, "complete");
    assert_int_equal(r.has_jump_recall, e->has_recall);
    if (e->has_recall)
        assert_near(r.jump_recall, e->jump_recall, "jump_recall");
    assert_int_equal(r.has_jump_precision, e->has_precision);
    if (e->has_precision)
        assert_near(r.jump_precision, e->jump_precision, "jump_precision");
    assert_near(r.title_acc, e->title_acc, "title_acc");
    assert_int_equal(r.n_articles, gt->narticles);
    assert_int_equal(r.n_out, e->n_out);
    if (keep)
        *keep = r;
    else
        bs_eval_result_release(&r);
    bs_eval_doc_free(gt);
    bs_eval_doc_free(out);
}

static void test_score_perfect(void **state)
{
    (void)state;
    expect e = {1, 1, 1, 1, 1, 1, 1, 2};
    bs_eval_result r;
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"abcdefghij\\nklmnopqrst\","
               " \"pages\": [1]}, {\"title\": \"Beta\", \"text\": \"ABCDEFGHIJ\","
               " \"pages\": [2, 1]}]}",
               &e, &r);
    assert_int_equal(r.narticles, 2);
    assert_int_equal(r.articles[0].match, 0);
    assert_int_equal(r.articles[1].match, 1);
    assert_int_equal(r.articles[0].chars, 20);
    assert_int_equal(r.articles[0].shared_bigrams, 19);
    assert_near(r.articles[1].cer, 0, "cer");
    assert_near(r.articles[1].wer, 0, "wer");
    assert_true(r.articles[1].multi_page);
    /* The JSON is score.py's, byte for byte. */
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_eval_result_to_json(&r, NULL, 0, 1, &sb);
    assert_string_equal(sb.buf, "{\"aca\": 1.0, \"complete\": 1.0, \"jump_recall\": 1.0, "
                                "\"jump_precision\": 1.0, \"title_acc\": 1.0, \"n_articles\": 2, "
                                "\"n_jumps\": 1, \"n_out\": 2}");
    bs_strbuf_release(&sb);
    bs_eval_result_release(&r);
}

static void test_score_swapped(void **state)
{
    (void)state;
    /* Halves of article 1 in the wrong order: 20 edits of 20 characters. */
    expect e = {10.0 / 30, 0.5, 1, 1, 1, 1, 1, 2};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"klmnopqrstabcdefghij\","
               " \"pages\": [1]}, {\"title\": \"Beta\", \"text\": \"ABCDEFGHIJ\","
               " \"pages\": [1, 2]}]}",
               &e, NULL);
}

static void test_score_missing(void **state)
{
    (void)state;
    /* Article 2 falls back on the only output (first of equal counts):
     * cer 1, title "Beta" vs "Alpha" all wrong; no multi-page output. */
    expect e = {20.0 / 30, 0.5, 0, 0, 0.5, 1, 0, 1};
    bs_eval_result r;
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"abcdefghijklmnopqrst\","
               " \"pages\": [1]}]}",
               &e, &r);
    assert_int_equal(r.articles[1].match, 0);
    assert_int_equal(r.articles[1].shared_bigrams, 0);
    assert_near(r.articles[1].cer, 1, "cer");
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_eval_result_to_json(&r, NULL, 0, 1, &sb);
    assert_string_equal(sb.buf, "{\"aca\": 0.6667, \"complete\": 0.5, \"jump_recall\": 0.0, "
                                "\"jump_precision\": null, \"title_acc\": 0.5, \"n_articles\": 2, "
                                "\"n_jumps\": 1, \"n_out\": 1}");
    bs_strbuf_release(&sb);
    bs_eval_result_release(&r);
}

static void test_score_merged(void **state)
{
    (void)state;
    /* One output holding both: article 1 cer 10/20, article 2 cer 1; the
     * output claims pages 1-2 but its best true article (cer 0.5) fails. */
    expect e = {10.0 / 30, 0, 0, 0, 0.5, 1, 1, 1};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": "
               "\"abcdefghijklmnopqrstABCDEFGHIJ\", \"pages\": [1, 2]}]}",
               &e, NULL);
}

static void test_score_split_jump(void **state)
{
    (void)state;
    /* The jump was not followed: article 2 comes out in two pieces, one per
     * page.  Its match is the 6-character piece (cer 4/10): not joined, and
     * no output claims two pages. */
    expect e = {26.0 / 30, 0.5, 0, 0, 1, 1, 0, 3};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"abcdefghijklmnopqrst\","
               " \"pages\": [1]}, {\"title\": \"Beta\", \"text\": \"ABCDEF\", \"pages\": [1]},"
               " {\"title\": \"\", \"text\": \"GHIJ\", \"pages\": [2]}]}",
               &e, NULL);
}

static void test_score_pages(void **state)
{
    (void)state;
    /* Joined right but on the wrong pages: recall 1, precision 0. */
    expect e = {1, 1, 1, 0, 1, 1, 1, 2};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"abcdefghijklmnopqrst\","
               " \"pages\": [1]}, {\"title\": \"Beta\", \"text\": \"ABCDEFGHIJ\","
               " \"pages\": [1, 3]}]}",
               &e, NULL);
    /* Pages from parts[] when "pages" is absent, duplicates merged; a null
     * title is "". */
    expect e2 = {1, 1, 1, 1, 0.5, 1, 1, 2};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"abcdefghijklmnopqrst\","
               " \"parts\": [{\"page\": 1}]}, {\"title\": null, \"text\": \"ABCDEFGHIJ\","
               " \"parts\": [{\"page\": 2}, {\"page\": 1}, {\"page\": 2}]}]}",
               &e2, NULL);
}

static void test_score_jump_precision_best_of(void **state)
{
    (void)state;
    /* Two true articles match one output; the one with the least cer
     * decides whether its pages agree. */
    const char *gt = "{\"articles\": ["
                     " {\"title\": \"\", \"body\": [\"abcdefghijklmnopqrst\"],"
                     "  \"parts\": [{\"page\": 1}, {\"page\": 2}]},"
                     " {\"title\": \"\", \"body\": [\"abcdefghijklmnopqrstu\"],"
                     "  \"parts\": [{\"page\": 1}]}]}";
    expect e = {40.0 / 41, 1, 1, 0, 1, 1, 1, 1};
    score_case(gt,
               "{\"articles\": [{\"title\": \"\", \"text\": \"abcdefghijklmnopqrstu\","
               " \"pages\": [1, 2]}]}",
               &e, NULL);
    expect e2 = {40.0 / 41, 1, 1, 1, 1, 1, 1, 1};
    score_case(gt,
               "{\"articles\": [{\"title\": \"\", \"text\": \"abcdefghijklmnopqrst\","
               " \"pages\": [1, 2]}]}",
               &e2, NULL);
}

static void test_score_titles(void **state)
{
    (void)state;
    /* Full-width "Ａｌｐｈａ" is "Alpha" after NFKC; "Bexa" has 1 of 4 wrong. */
    expect e = {1, 1, 1, 1, (1 + 0.75) / 2, 1, 1, 2};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Ａｌｐｈ"
               "ａ\", \"text\": \"abcdefghijklmnopqrst\", \"pages\": [1]},"
               " {\"title\": \"Bexa\", \"text\": \"ABCDEFGHIJ\", \"pages\": [1, 2]}]}",
               &e, NULL);
}

static void test_score_empty_output(void **state)
{
    (void)state;
    expect e = {0, 0, 0, 0, 0, 1, 0, 0};
    bs_eval_result r;
    score_case(GT2, "{\"articles\": []}", &e, &r);
    assert_int_equal(r.articles[0].match, -1);
    assert_true(r.articles[0].title_acc < 0);
    bs_eval_result_release(&r);
    /* No "articles" at all in an output is no output. */
    score_case(GT2, "{\"format\": \"broadsheet-issue/1\"}", &e, NULL);
}

static void test_score_tie_first_wins(void **state)
{
    (void)state;
    /* "ab" and "cd" each share one bigram with "abcd": the first wins. */
    expect e = {0.5, 0, 0, 0, 0, 0, 0, 2};
    bs_eval_result r;
    score_case("{\"articles\": [{\"title\": \"\", \"body\": [\"abcd\"],"
               " \"parts\": [{\"page\": 1}]}]}",
               "{\"articles\": [{\"title\": \"x\", \"text\": \"abXX\"},"
               " {\"title\": \"y\", \"text\": \"XXcd\"}]}",
               &e, &r);
    assert_int_equal(r.articles[0].match, 0);
    bs_eval_result_release(&r);
}

/* One Chinese article of 14 characters on pages 1 and 2. */
#define ZH_GT                                                                  \
    "{\"articles\": [{\"id\": \"z\", \"title\": \"中文\", "                    \
    "\"body\": [\"国内联播快讯，\", \"今天天气很好。\"], "                      \
    "\"parts\": [{\"page\": 1}, {\"page\": 2}]}]}"

static void test_score_nfkc_and_space(void **state)
{
    (void)state;
    /* Out: "国内 联播\n快讯,　今天天气很好。" with an ASCII comma, a newline
     * and U+3000; title "中 文". */
    expect e = {1, 1, 1, 1, 1, 1, 1, 1};
    score_case(ZH_GT,
               "{\"articles\": [{\"title\": \"中 文\", \"text\": "
               "\"国内 联播\\n快讯,\xE3\x80\x80" "今天天气很好。\", \"pages\": [1, 2]}]}",
               &e, NULL);
    /* 。 has no compatibility mapping: "." is one error in 14. */
    expect e2 = {13.0 / 14, 0, 1, 1, 1, 1, 1, 1};
    score_case(ZH_GT,
               "{\"articles\": [{\"title\": \"中文\", \"text\": "
               "\"国内联播快讯,今天天气很好.\", \"pages\": [1, 2]}]}",
               &e2, NULL);
}

static void test_score_jump_lines_removed(void **state)
{
    (void)state;
    /* "国内联播快讯，（下转第二版）\n（上接第1版）今天天气很好。" */
    expect e = {1, 1, 1, 1, 1, 1, 1, 1};
    score_case(ZH_GT,
               "{\"articles\": [{\"title\": \"中文\", \"text\": "
               "\"国内联播快讯，（下转第二版）\\n（上接第1版）今天天气很好。\", \"pages\": [1, 2]}]}",
               &e, NULL);
    /* English jump lines, in both directions. */
    bs_eval_result r;
    score_case("{\"articles\": [{\"title\": \"Rates\", \"body\": [\"The rate rose. \","
               " \"Banks said so.\"], \"parts\": [{\"page\": 1}, {\"page\": 2}]}]}",
               "{\"articles\": [{\"title\": \"Rates\", \"text\": \"The rate rose. (Continued on"
               " Page A2)\\nRATES from Page A1\\nBanks said so.\", \"pages\": [1, 2]}]}",
               &e, &r);
    assert_near(r.articles[0].wer, 0, "wer");
    bs_eval_result_release(&r);
}

static void test_score_wer(void **state)
{
    (void)state;
    /* Latin: 1 word of 6 wrong ("say"), 2 characters of 24. */
    bs_eval_result r;
    expect e = {22.0 / 24, 0, 0, 0, 1, 0, 0, 1};
    score_case("{\"articles\": [{\"title\": \"\", \"body\": [\"The rate rose. Banks said so.\"],"
               " \"parts\": [{\"page\": 1}]}]}",
               "{\"articles\": [{\"title\": \"\", \"text\": \"The rate rose.\\nBanks say so.\"}]}",
               &e, &r);
    assert_near(r.articles[0].wer, 1.0 / 6, "latin wer");
    assert_near(r.articles[0].cer, 2.0 / 24, "latin cer");
    bs_eval_result_release(&r);
    /* Chinese: every character is a token, so wer = cer: 1 of 14. */
    expect e2 = {13.0 / 14, 0, 1, 1, 1, 1, 1, 1};
    score_case(ZH_GT,
               "{\"articles\": [{\"title\": \"中文\", \"text\": "
               "\"国内联播快讯，今天天气很好\", \"pages\": [1, 2]}]}",
               &e2, &r);
    assert_near(r.articles[0].wer, 1.0 / 14, "cjk wer");
    bs_eval_result_release(&r);
}

static void test_merge_and_json(void **state)
{
    (void)state;
    bs_eval_result a, b, total = {0};
    expect e1 = {10.0 / 30, 0.5, 1, 1, 1, 1, 1, 2};
    score_case(GT2,
               "{\"articles\": [{\"title\": \"Alpha\", \"text\": \"klmnopqrstabcdefghij\","
               " \"pages\": [1]}, {\"title\": \"Beta\", \"text\": \"ABCDEFGHIJ\","
               " \"pages\": [1, 2]}]}",
               &e1, &a);
    expect e2 = {1, 1, 1, 1, 1, 1, 1, 1};
    score_case(ZH_GT,
               "{\"articles\": [{\"title\": \"中文\", \"text\": "
               "\"国内联播快讯，今天天气很好。\", \"pages\": [1, 2]}]}",
               &e2, &b);
    bs_eval_result_merge(&total, &a);
    bs_eval_result_merge(&total, &b);
    /* Pooled: (10 + 14) / (30 + 14) characters; 2 of 3 complete; both
     * jumps joined; 3 titles right. */
    assert_near(total.aca, 24.0 / 44, "aca");
    assert_near(total.complete, 2.0 / 3, "complete");
    assert_near(total.jump_recall, 1, "jump_recall");
    assert_near(total.title_acc, 1, "title_acc");
    assert_int_equal(total.n_articles, 3);
    assert_int_equal(total.n_out, 3);
    assert_int_equal(total.narticles, 0);

    /* Per-article JSON carries ids and titles from the GT. */
    bs_error err;
    bs_eval_doc *gt = bs_eval_parse_gt(ZH_GT, strlen(ZH_GT), "zh", &err);
    assert_non_null(gt);
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_eval_result_to_json(&b, gt, 1, 1, &sb);
    assert_non_null(strstr(sb.buf, "\"articles\": [{\"gt\": 0, \"id\": \"z\", \"title\": "
                                   "\"中文\", \"match\": 0, \"chars\": 14, "
                                   "\"shared_bigrams\": 13, \"cer\": 0.0, \"wer\": 0.0, "
                                   "\"title_acc\": 1.0, \"multi_page\": true}]}"));
    bs_strbuf_release(&sb);
    bs_eval_doc_free(gt);
    bs_eval_result_release(&a);
    bs_eval_result_release(&b);
}

/* ---- errors ------------------------------------------------------------ */

static void expect_parse_error(int gt, const char *json, const char *needle)
{
    bs_error err = {0, ""};
    bs_eval_doc *d = gt ? bs_eval_parse_gt(json, strlen(json), "x.json", &err)
                        : bs_eval_parse_out(json, strlen(json), "x.json", &err);
    if (d)
        fail_msg("parsed %s without error", json);
    assert_int_equal(err.code, BS_ERR_FORMAT);
    if (strncmp(err.msg, "x.json", 6) != 0 || !strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks the file name or \"%s\"", err.msg, needle);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_parse_error(1, "", "malformed JSON");
    expect_parse_error(1, "{\"articles\": [", "malformed JSON");
    expect_parse_error(0, "{\"articles\": [{\"text\": \"a\"},]}", "malformed JSON");
    expect_parse_error(1, "[1, 2]", "not a JSON object");
    expect_parse_error(1, "{}", "\"articles\"");
    expect_parse_error(1, "{\"articles\": {}}", "not an array");
    expect_parse_error(1, "{\"articles\": [3]}", "articles[0] is not an object");
    expect_parse_error(1, "{\"articles\": [{\"body\": [\"a\"], \"parts\": []}]}",
                       "articles[0].title is missing");
    expect_parse_error(1, "{\"articles\": [{\"title\": \"t\", \"parts\": []}]}",
                       "articles[0].body is missing");
    expect_parse_error(1,
                       "{\"articles\": [{\"title\": \"t\", \"body\": [\"a\", 2], \"parts\": []}]}",
                       "articles[0].body[1]");
    expect_parse_error(1, "{\"articles\": [{\"title\": \"t\", \"body\": \"a\"}]}",
                       "articles[0].parts is missing");
    expect_parse_error(1,
                       "{\"articles\": [{\"title\": \"t\", \"body\": \"a\", \"parts\": [{\"page\": "
                       "\"one\"}]}]}",
                       "parts[0].page");
    expect_parse_error(0, "{\"articles\": [{\"text\": 5}]}", "articles[0].text is not a string");
    expect_parse_error(0, "{\"articles\": [{\"text\": [\"a\"]}]}", "not a string");
    expect_parse_error(0, "{\"articles\": [{\"title\": 1}]}", "title is not a string");
    expect_parse_error(0, "{\"articles\": [{\"pages\": null}]}", "pages is not an array");
    expect_parse_error(0, "{\"articles\": [{\"pages\": [\"2\"]}]}", "pages[0] is not a number");
    /* Invalid UTF-8 in the file is refused by the JSON reader. */
    expect_parse_error(0, "{\"articles\": [{\"text\": \"\xC3(\"}]}", "malformed JSON");
    /* A GT body given as one string is the same as one piece; a null
     * title is "". */
    bs_error err;
    bs_eval_doc *d;
    const char *ok =
        "{\"articles\": [{\"title\": null, \"body\": \"a b\", \"parts\": [{\"page\": 1.0}]}]}";
    d = bs_eval_parse_gt(ok, strlen(ok), "x", &err);
    assert_non_null(d);
    assert_int_equal(d->articles[0].nbody, 2);
    assert_int_equal(d->articles[0].ntitle, 0);
    bs_eval_doc_free(d);
}

static void test_load_files(void **state)
{
    (void)state;
    bs_error err = {0, ""};
    assert_null(bs_eval_load_gt("/nonexistent/dir/gt.json", &err));
    assert_int_equal(err.code, BS_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/gt.json"));

    char path[] = "/tmp/test_eval_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *bad = "{\"articles\": [\n  {\"title\": \"x\",\n   oops}]}";
    assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
    close(fd);
    err.code = 0;
    assert_null(bs_eval_load_out(path, &err));
    assert_int_equal(err.code, BS_ERR_FORMAT);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, ":3:")); /* the line of the error */

    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"articles\": [{\"title\": \"T\", \"text\": \"abc\", \"pages\": [1]}]}", f);
    fclose(f);
    bs_eval_doc *d = bs_eval_load_out(path, &err);
    assert_non_null(d);
    assert_int_equal(d->narticles, 1);
    assert_int_equal(d->articles[0].nbody, 3);
    assert_int_equal(d->articles[0].npages, 1);
    bs_eval_doc_free(d);
    unlink(path);
    assert_null(bs_eval_load_gt("/tmp", &err));
    assert_int_equal(err.code, BS_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode_valid),
        cmocka_unit_test(test_utf8_decode_invalid_offsets),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_predicates),
        cmocka_unit_test(test_remove_space),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_edit_distance_bounded),
        cmocka_unit_test(test_jump_lines),
        cmocka_unit_test(test_norm_text),
        cmocka_unit_test(test_score_perfect),
        cmocka_unit_test(test_score_swapped),
        cmocka_unit_test(test_score_missing),
        cmocka_unit_test(test_score_merged),
        cmocka_unit_test(test_score_split_jump),
        cmocka_unit_test(test_score_pages),
        cmocka_unit_test(test_score_jump_precision_best_of),
        cmocka_unit_test(test_score_titles),
        cmocka_unit_test(test_score_empty_output),
        cmocka_unit_test(test_score_tie_first_wins),
        cmocka_unit_test(test_score_nfkc_and_space),
        cmocka_unit_test(test_score_jump_lines_removed),
        cmocka_unit_test(test_score_wer),
        cmocka_unit_test(test_merge_and_json),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_load_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
