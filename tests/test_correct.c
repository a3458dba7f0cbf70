/*
 * test_correct.c - the confusable-character corrector on page models:
 * line and word text rewritten together, one QC event per change, changes
 * no single word covers refused, non-text regions and the switch off left
 * alone; then the real models (build/models) through lm_hooks on a page.
 *
 * Fixture text is invented for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "issue.h"
#include "lm_hooks.h"
#include "pipeline.h"
#include "testenv.h"
#include "xalloc.h"

/* A stand-in corrector: every "子" becomes "予" (log-odds 5), and with
 * ctx non-NULL it also reports one change that no word covers (offset 0,
 * two bytes, across "ab" of words "a" and "b"). */
static int fake_fn(void *ctx, const char *text, char **out, bs_correct_change **changes,
                   size_t *nchanges)
{
    const char *from = "子", *to = "予";
    size_t fl = strlen(from), n = 0, cap = 4;
    bs_correct_change *ch = bs_xcalloc(cap, sizeof *ch);
    for (const char *p = strstr(text, from); p; p = strstr(p + fl, from)) {
        if (n == cap)
            break;
        ch[n].offset = (size_t)(p - text);
        strcpy(ch[n].from, from);
        strcpy(ch[n].to, to);
        ch[n].log_odds = 5.0;
        n++;
    }
    if (ctx && !strncmp(text, "a b", 3) && n < cap) {
        memmove(ch + 1, ch, n * sizeof *ch);
        ch[0].offset = 0;
        strcpy(ch[0].from, "a b");
        strcpy(ch[0].to, "ab");
        ch[0].log_odds = 9.0;
        n++;
    }
    *out = bs_xstrdup(text); /* the caller rebuilds the text from the changes */
    *changes = n ? ch : NULL;
    if (!n)
        free(ch);
    *nchanges = n;
    return 0;
}

static bs_line *add_line(bs_region *r, const char *const *words, size_t nwords, const char *sep)
{
    char text[256] = "";
    for (size_t i = 0; i < nwords; i++) {
        if (i)
            strcat(text, sep);
        strcat(text, words[i]);
    }
    bs_line *l = bs_region_add_line(r, text, (bs_box){0, 0, 100, 20}, 0.9f);
    for (size_t i = 0; i < nwords; i++)
        bs_line_add_word(l, words[i], (bs_box){(int)i * 20, 0, 20, 20}, 0.9f);
    return l;
}

static size_t count_qc(const bs_issue *issue, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < issue->nqc; i++)
        n += !strcmp(issue->qc[i].kind, kind);
    return n;
}

static void test_line_and_words(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *page = bs_issue_add_page(issue, 1);
    bs_region *body = bs_page_add_region(page, BS_ROLE_BODY, (bs_box){0, 0, 200, 200});
    snprintf(body->id, sizeof body->id, "p1r1");
    const char *w1[] = {"经济", "赋子", "新", "动能"};
    bs_line *l1 = add_line(body, w1, 4, "");
    const char *w2[] = {"孩子们", "来了"};
    bs_line *l2 = add_line(body, w2, 2, "");
    bs_region *photo = bs_page_add_region(page, BS_ROLE_PHOTO, (bs_box){0, 300, 200, 200});
    snprintf(photo->id, sizeof photo->id, "p1r2");
    const char *w3[] = {"赋子"};
    bs_line *l3 = add_line(photo, w3, 1, "");

    bs_correct_options opt = {.fn = fake_fn, .ctx = NULL};
    assert_int_equal(bs_correct_page(issue, page, &opt), 2);
    assert_string_equal(l1->text, "经济赋予新动能");
    assert_string_equal(l1->words[1].text, "赋予");
    assert_string_equal(l1->words[0].text, "经济");
    assert_string_equal(l2->text, "孩予们来了");
    assert_string_equal(l2->words[0].text, "孩予们");
    /* photos carry no text to correct */
    assert_string_equal(l3->text, "赋子");
    assert_int_equal(count_qc(issue, "correction"), 2);
    /* the event says where, what and how sure */
    assert_non_null(strstr(issue->qc[0].detail, "p1r1 line 1"));
    assert_non_null(strstr(issue->qc[0].detail, "'子' -> '予'"));
    assert_non_null(strstr(issue->qc[0].detail, "5.0"));
    assert_int_equal(issue->qc[0].page, 1);
    bs_issue_free(issue);
}

static void test_refused_and_off(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *page = bs_issue_add_page(issue, 1);
    bs_region *body = bs_page_add_region(page, BS_ROLE_BODY, (bs_box){0, 0, 200, 200});
    snprintf(body->id, sizeof body->id, "p1r1");
    const char *w[] = {"a", "b", "子"};
    bs_line *l = add_line(body, w, 3, " ");
    /* the change across words "a" and "b" is refused; the other applies */
    int flag = 1;
    bs_correct_options opt = {.fn = fake_fn, .ctx = &flag};
    assert_int_equal(bs_correct_page(issue, page, &opt), 1);
    assert_string_equal(l->text, "a b 予");
    assert_string_equal(l->words[0].text, "a");
    assert_string_equal(l->words[2].text, "予");
    assert_int_equal(count_qc(issue, "correction"), 1);
    /* switched off: nothing changes, nothing recorded */
    bs_line_set_text(l, "a b 子");
    bs_correct_options off = {.fn = NULL, .ctx = NULL};
    assert_int_equal(bs_correct_page(issue, page, &off), 0);
    assert_string_equal(l->text, "a b 子");
    assert_int_equal(bs_correct_page(issue, page, NULL), 0);
    assert_int_equal(count_qc(issue, "correction"), 1);
    bs_issue_free(issue);
}

/* The real models end to end: a Chinese page with Tesseract's 人/入 and
 * 束/柬 confusions, an English line with a zero for an O. */
static void test_real_models(void **state)
{
    (void)state;
    /* make check builds the models first: missing models are a failure */
    const char *build = getenv("BS_BUILD");
    char *dir = bs_test_path(build ? build : "build", "models");
    setenv("BROADSHEET_MODELS", dir, 1);
    free(dir);
    bs_error warn = {0};
    bs_lm_hooks *hooks = bs_lm_hooks_open(NULL, &warn);
    if (!hooks->zh || !hooks->en)
        fail_msg("models not found: %s", warn.msg);
    bs_pipeline_options popt = bs_pipeline_options_default();
    bs_lm_hooks_apply(hooks, &popt);
    assert_non_null(popt.correct.fn);

    bs_issue *issue = bs_issue_new();
    bs_page *page = bs_issue_add_page(issue, 1);
    bs_region *body = bs_page_add_region(page, BS_ROLE_BODY, (bs_box){0, 0, 200, 200});
    snprintf(body->id, sizeof body->id, "p1r1");
    const char *zh[] = {"会见", "束埔寨", "首相", "，", "深人", "基层"};
    bs_line *lz = add_line(body, zh, 6, "");
    const char *ok[] = {"人民", "进入", "广场"};
    bs_line *lk = add_line(body, ok, 3, "");
    const char *en[] = {"The", "0ctober", "report"};
    bs_line *le = add_line(body, en, 3, " ");
    size_t n = bs_correct_page(issue, page, &popt.correct);
    assert_string_equal(lz->text, "会见柬埔寨首相，深入基层");
    assert_string_equal(lz->words[1].text, "柬埔寨");
    assert_string_equal(lz->words[4].text, "深入");
    assert_string_equal(lk->text, "人民进入广场");
    assert_string_equal(le->text, "The October report");
    assert_string_equal(le->words[1].text, "October");
    assert_int_equal(n, 3);
    assert_int_equal(count_qc(issue, "correction"), 3);
    bs_issue_free(issue);
    bs_lm_hooks_close(hooks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_and_words),
        cmocka_unit_test(test_refused_and_off),
        cmocka_unit_test(test_real_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
