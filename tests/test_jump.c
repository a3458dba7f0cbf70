/*
 * test_jump.c - jump lines recognised (clean and with OCR noise), running
 * text refused, page labels normalised and resolved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "jump.h"

typedef struct jump_case {
    const char *text;
    bs_jump_kind kind;
    int page;
    const char *label;
    const char *keyword;
    int previous_issue;
} jump_case;

static void check_cases(const jump_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const jump_case *c = &cases[i];
        bs_jump_line jl;
        int ok = bs_jump_parse(c->text, &jl);
        if (ok != (c->kind != BS_JUMP_NONE) || jl.kind != c->kind)
            fail_msg("\"%s\": kind %d, expected %d", c->text, (int)jl.kind, (int)c->kind);
        if (c->kind == BS_JUMP_NONE)
            continue;
        if (jl.page != c->page)
            fail_msg("\"%s\": page %d, expected %d", c->text, jl.page, c->page);
        if (strcmp(jl.label, c->label) != 0)
            fail_msg("\"%s\": label \"%s\", expected \"%s\"", c->text, jl.label, c->label);
        if (strcmp(jl.keyword, c->keyword) != 0)
            fail_msg("\"%s\": keyword \"%s\", expected \"%s\"", c->text, jl.keyword, c->keyword);
        if (jl.previous_issue != c->previous_issue)
            fail_msg("\"%s\": previous_issue %d", c->text, jl.previous_issue);
        if (!(jl.score > 0.0f && jl.score <= 1.0f))
            fail_msg("\"%s\": score %f out of (0,1]", c->text, (double)jl.score);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_zh_clean(void **state)
{
    (void)state;
    static const jump_case cases[] = {
        {"(下转第二版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(下转第2版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(转第二版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(转2版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(下接二版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(上接第一版)", BS_JUMP_IN, 1, "1", "", 0},
        {"(上接第1版)", BS_JUMP_IN, 1, "1", "", 0},
        {"(接第一版)", BS_JUMP_IN, 1, "1", "", 0},
        {"(本文接第一版)", BS_JUMP_IN, 1, "1", "", 0},
        {"(接上期)", BS_JUMP_IN, 0, "", "", 1},
        {"（下转第十二版）", BS_JUMP_OUT, 12, "12", "", 0},
        {"(下转第二十版)", BS_JUMP_OUT, 20, "20", "", 0},
        {"(上接第十版)", BS_JUMP_IN, 10, "10", "", 0},
        {"(下转第二十三版)", BS_JUMP_OUT, 23, "23", "", 0},
        {"(下转A2版)", BS_JUMP_OUT, 2, "A2", "", 0},
        {"(转第5版)", BS_JUMP_OUT, 5, "5", "", 0},
        {"（下轉第二版）", BS_JUMP_OUT, 2, "2", "", 0},
        {"－－本文接第一版－－", BS_JUMP_IN, 1, "1", "", 0},
        {"(转至第三版)", BS_JUMP_OUT, 3, "3", "", 0},
    };
    check_cases(cases, N(cases));
}

static void test_zh_noisy(void **state)
{
    (void)state;
    static const jump_case cases[] = {
        {"下转第二版)", BS_JUMP_OUT, 2, "2", "", 0},       /* lost bracket */
        {"下转第二版", BS_JUMP_OUT, 2, "2", "", 0},        /* no brackets */
        {"(下转笫二版)", BS_JUMP_OUT, 2, "2", "", 0},      /* 笫 for 第 */
        {"(下转第二板)", BS_JUMP_OUT, 2, "2", "", 0},      /* 板 for 版 */
        {"(上按第一版)", BS_JUMP_IN, 1, "1", "", 0},       /* 按 for 接 */
        {"(下转第ニ版)", BS_JUMP_OUT, 2, "2", "", 0},      /* katakana ニ */
        {"(上接第-版)", BS_JUMP_IN, 1, "1", "", 0},        /* - for 一 */
        {"(上接第ー版)", BS_JUMP_IN, 1, "1", "", 0},       /* ー for 一 */
        {"（下转第２版）", BS_JUMP_OUT, 2, "2", "", 0},    /* full-width */
        {"(下转第二版）", BS_JUMP_OUT, 2, "2", "", 0},     /* mixed widths */
        {"( 下 转 第 二 版 )", BS_JUMP_OUT, 2, "2", "", 0}, /* spaces inside */
        {"(土接第一版)", BS_JUMP_IN, 1, "1", "", 0},       /* 土 for 上 */
        {"(卜转第二版)", BS_JUMP_OUT, 2, "2", "", 0},      /* 卜 for 下 */
        {"【上接第一版】", BS_JUMP_IN, 1, "1", "", 0},
        {"、（下接二版）", BS_JUMP_OUT, 2, "2", "", 0},    /* stray mark before */
        {"(下转第二版", BS_JUMP_OUT, 2, "2", "", 0},
        {"(下转第二", BS_JUMP_OUT, 2, "2", "", 0},         /* 版 cut off, framed */
        {"(下传第二版)", BS_JUMP_OUT, 2, "2", "", 0},      /* 传 for 转 */
        {"(上·接第一版)", BS_JUMP_IN, 1, "1", "", 0},      /* stray mark inside */
        {"(下、转第二版)", BS_JUMP_OUT, 2, "2", "", 0},
        {"(木文接第一版)", BS_JUMP_IN, 1, "1", "", 0},     /* 木 for 本 */
        {"（上接第]版）", BS_JUMP_IN, 0, "", "", 0},       /* number unreadable */
        {"(下转第2版)在", BS_JUMP_OUT, 2, "2", "", 0},     /* next column glued on */
        {"( 転 第 四 版 )", BS_JUMP_OUT, 4, "4", "", 0},   /* 転 for 转, spaced */
        {"（下第五版）", BS_JUMP_OUT, 5, "5", "", 0},      /* verb lost */
        {"(上第一版)", BS_JUMP_IN, 1, "1", "", 0},
        {"（上接第一般）", BS_JUMP_IN, 1, "1", "", 0},     /* 般 for 版 (grain) */
        {"{上接第一艇》", BS_JUMP_IN, 1, "1", "", 0},      /* 艇 for 版 */
        {"(下转第十二般)", BS_JUMP_OUT, 12, "12", "", 0},
        {"{上接第-一般}", BS_JUMP_IN, 1, "1", "", 0},       /* 一 read twice, as - and 一 */
        {"(下转第一一版)", BS_JUMP_OUT, 11, "11", "", 0},   /* digit by digit, as 一二 is 12 */
    };
    check_cases(cases, N(cases));
}

static void test_en_clean(void **state)
{
    (void)state;
    static const jump_case cases[] = {
        {"Continued on Page A6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Continued on page 6", BS_JUMP_OUT, 6, "6", "", 0},
        {"(Continued on page 6)", BS_JUMP_OUT, 6, "6", "", 0},
        {"See BUDGET, Page A6", BS_JUMP_OUT, 6, "A6", "BUDGET", 0},
        {"Please see BUDGET, A6", BS_JUMP_OUT, 6, "A6", "BUDGET", 0},
        {"See SAFRICAS, Page A3", BS_JUMP_OUT, 3, "A3", "SAFRICAS", 0},
        {"See WORLD BANK, Page B2", BS_JUMP_OUT, 2, "B2", "WORLD BANK", 0},
        {"See Budget, Page A6", BS_JUMP_OUT, 6, "A6", "Budget", 0},
        {"Continued from Page A1", BS_JUMP_IN, 1, "A1", "", 0},
        {"BUDGET from Page A1", BS_JUMP_IN, 1, "A1", "BUDGET", 0},
        {"From Page 1", BS_JUMP_IN, 1, "1", "", 0},
        {"Cont. on Page 12", BS_JUMP_OUT, 12, "12", "", 0},
        {"See Page 6", BS_JUMP_OUT, 6, "6", "", 0},
        {"Budget from Page A1", BS_JUMP_IN, 1, "A1", "Budget", 0},
        {"CONTINUED ON PAGE A6", BS_JUMP_OUT, 6, "A6", "", 0},
    };
    check_cases(cases, N(cases));
}

static void test_en_noisy(void **state)
{
    (void)state;
    static const jump_case cases[] = {
        {"Contimued on Paqe A6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Continued on Page A 6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Con tinued on Pa ge A6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Continued on PageA6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Continued frorn Page Al", BS_JUMP_IN, 1, "A1", "", 0},
        {"(Continued on page 6", BS_JUMP_OUT, 6, "6", "", 0},
        {"Contlnued on page 6)", BS_JUMP_OUT, 6, "6", "", 0},
        {"Sce BUDGET, Page A6", BS_JUMP_OUT, 6, "A6", "BUDGET", 0},
        {"BUDGET frorn Paqe A1", BS_JUMP_IN, 1, "A1", "BUDGET", 0},
        {"（Continued on page ６）", BS_JUMP_OUT, 6, "6", "", 0},
        {"Continued on Page A-6", BS_JUMP_OUT, 6, "A6", "", 0},
        {"Continued on Page A l", BS_JUMP_OUT, 1, "A1", "", 0},  /* l for 1, split */
        {"Continued on Page Al", BS_JUMP_OUT, 1, "A1", "", 0},
        {"See SAFRICAS, Page", BS_JUMP_OUT, 0, "", "SAFRICAS", 0},  /* label lost */
        {"Continued from Page", BS_JUMP_IN, 0, "", "", 0},
    };
    check_cases(cases, N(cases));
}

static void test_negatives(void **state)
{
    (void)state;
    static const jump_case cases[] = {
        {"见第二版报道", BS_JUMP_NONE, 0, "", "", 0},
        {"详见本报第二版", BS_JUMP_NONE, 0, "", "", 0},
        {"第二版", BS_JUMP_NONE, 0, "", "", 0},                 /* folio */
        {"下第五版", BS_JUMP_NONE, 0, "", "", 0},              /* no verb, no frame */
        {"(第五版)", BS_JUMP_NONE, 0, "", "", 0},
        {"(见第五版)", BS_JUMP_NONE, 0, "", "", 0},
        {"第2版", BS_JUMP_NONE, 0, "", "", 0},
        {"新版《习近平谈治国理政》第四卷出版", BS_JUMP_NONE, 0, "", "", 0}, /* headline with 版 */
        {"数字版权保护", BS_JUMP_NONE, 0, "", "", 0},
        {"出版", BS_JUMP_NONE, 0, "", "", 0},
        {"上接第一版内容的报道显示，经济继续恢复", BS_JUMP_NONE, 0, "", "", 0},
        {"国务院总理李强在主持学习时强调", BS_JUMP_NONE, 0, "", "", 0},
        {"上期", BS_JUMP_NONE, 0, "", "", 0},
        {"第]版", BS_JUMP_NONE, 0, "", "", 0},
        {"迎接第一批", BS_JUMP_NONE, 0, "", "", 0},            /* no prefix */
        {"(上接第一批)", BS_JUMP_IN, 1, "1", "", 0},           /* whole framed phrase: a misread 版 */
        {"上接第一次会议的议程", BS_JUMP_NONE, 0, "", "", 0},
        {"(下转第2版)在这里", BS_JUMP_NONE, 0, "", "", 0},
        {"", BS_JUMP_NONE, 0, "", "", 0},
        {"(  )", BS_JUMP_NONE, 0, "", "", 0},
        {"The story is continued on page 6", BS_JUMP_NONE, 0, "", "", 0},
        {"came from page 1 of the report", BS_JUMP_NONE, 0, "", "", 0},
        {"said from page 1", BS_JUMP_NONE, 0, "", "", 0},
        {"Page 6", BS_JUMP_NONE, 0, "", "", 0},
        {"A6", BS_JUMP_NONE, 0, "", "", 0},
        {"Analysts see growth at 6", BS_JUMP_NONE, 0, "", "", 0},
        {"from 1987 to 1988", BS_JUMP_NONE, 0, "", "", 0},
        {"see the budget, page 6", BS_JUMP_NONE, 0, "", "", 0},
        /* A capitalised word after "see" (or a look-alike) is a keyword
         * only before "Page": running text ends so ("…contracts set April
         * 9."). */
        {"set April 9.", BS_JUMP_NONE, 0, "", "", 0},
        {"See April 9", BS_JUMP_NONE, 0, "", "", 0},
        {"Continued on next page", BS_JUMP_NONE, 0, "", "", 0},
        {"We met Al", BS_JUMP_NONE, 0, "", "", 0},
        {"turn the page", BS_JUMP_NONE, 0, "", "", 0},
        {"the front page", BS_JUMP_NONE, 0, "", "", 0},
        {"\xff\xfe(下转第二版)", BS_JUMP_NONE, 0, "", "", 0},   /* invalid UTF-8 */
    };
    check_cases(cases, N(cases));
    bs_jump_line jl;
    assert_int_equal(bs_jump_parse(NULL, &jl), 0);
    assert_int_equal(jl.kind, BS_JUMP_NONE);
}

static void test_scores_order(void **state)
{
    (void)state;
    /* Noise lowers the confidence; clean framed lines are certain. */
    bs_jump_line clean, bare, noisy;
    assert_true(bs_jump_parse("(下转第二版)", &clean));
    assert_true(bs_jump_parse("下转第二版", &bare));
    assert_true(bs_jump_parse("(X接第一版)", &noisy));
    assert_true(clean.score == 1.0f);
    assert_true(bare.score < clean.score);
    assert_true(noisy.score < clean.score);
    assert_true(bs_jump_parse("Contimued on Paqe A6", &noisy));
    assert_true(noisy.score < 1.0f);
}

static void test_find_embedded(void **state)
{
    (void)state;
    bs_jump_line jl;
    size_t s = 99, e = 99;
    const char *tail = "两国世代友好的民心纽带进一步（下转第二版）";
    assert_true(bs_jump_find(tail, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_OUT);
    assert_int_equal(jl.page, 2);
    assert_int_equal(e, strlen(tail));
    assert_string_equal(tail + s, "（下转第二版）");

    const char *head = "(上接第一版)拉紧；双方相互支持";
    assert_true(bs_jump_find(head, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_IN);
    assert_int_equal(s, 0);
    assert_string_equal(head + e, "拉紧；双方相互支持");

    const char *cont = "侵略者必潰滅 －－本文接第一版－－";
    assert_true(bs_jump_find(cont, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_IN);
    assert_int_equal(jl.page, 1);
    assert_string_equal(jl.keyword, "侵略者必潰滅");
    assert_string_equal(cont + s, "－－本文接第一版－－");

    const char *en = "the dealers said. (Continued on page 6)";
    assert_true(bs_jump_find(en, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_OUT);
    assert_string_equal(en + s, "(Continued on page 6)");

    /* OCR glued a character of the next column after the marker. */
    const char *glued = "大冶湖，沿着湖岸清理垃圾。                (下转第2版)在";
    assert_true(bs_jump_find(glued, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_OUT);
    assert_int_equal(e, strlen(glued));
    assert_string_equal(glued + s, "(下转第2版)在");

    const char *jingbao = "、（下接二版）";
    assert_true(bs_jump_find(jingbao, &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_OUT);
    assert_int_equal(s, 0);

    /* The whole line. */
    assert_true(bs_jump_find("(上接第一版)", &jl, &s, &e));
    assert_int_equal(s, 0);
    assert_int_equal(e, strlen("(上接第一版)"));

    /* Not jumps: a bracketed page reference in running text, a line with
     * no marker, a marker in the middle. */
    assert_false(bs_jump_find("详细报道（见第二版）", &jl, &s, &e));
    assert_int_equal(jl.kind, BS_JUMP_NONE);
    assert_false(bs_jump_find("今年一季度，跨境电商海外仓出口增长11.8%。", &jl, NULL, NULL));
    assert_false(bs_jump_find("报道（下转第二版）之后的内容还有很多很多", &jl, NULL, NULL));
    assert_false(bs_jump_find(NULL, &jl, NULL, NULL));
}

static void test_label_normalize(void **state)
{
    (void)state;
    char label[BS_JUMP_LABEL_MAX];
    assert_int_equal(bs_jump_label_normalize("A6", label), 6);
    assert_string_equal(label, "A6");
    assert_int_equal(bs_jump_label_normalize("Page A-6", label), 6);
    assert_string_equal(label, "A6");
    assert_int_equal(bs_jump_label_normalize("b 12", label), 12);
    assert_string_equal(label, "B12");
    assert_int_equal(bs_jump_label_normalize("第六版", label), 6);
    assert_string_equal(label, "6");
    assert_int_equal(bs_jump_label_normalize("第2版", label), 2);
    assert_string_equal(label, "2");
    assert_int_equal(bs_jump_label_normalize("06", label), 6);
    assert_string_equal(label, "6");
    assert_int_equal(bs_jump_label_normalize("Page 6", label), 6);
    assert_string_equal(label, "6");
    /* The marked number wins over a date in a running head. */
    assert_int_equal(bs_jump_label_normalize("Monday, March 19, 1987  Page A2", label), 2);
    assert_string_equal(label, "A2");
    assert_int_equal(bs_jump_label_normalize("2020年10月28日 星期三 第3版", label), 3);
    assert_string_equal(label, "3");
    assert_int_equal(bs_jump_label_normalize("要闻", label), 0);
    assert_string_equal(label, "");
    assert_int_equal(bs_jump_label_normalize(NULL, label), 0);
}

static bs_issue *labelled_issue(const char *const *labels, int n)
{
    bs_issue *issue = bs_issue_new();
    for (int i = 0; i < n; i++) {
        bs_page *p = bs_issue_add_page(issue, i + 1);
        if (labels && labels[i])
            p->label = strdup(labels[i]);
    }
    return issue;
}

static void test_resolve_page(void **state)
{
    (void)state;
    /* No labels: file order for section A or no section. */
    bs_issue *issue = labelled_issue(NULL, 4);
    assert_int_equal(bs_jump_resolve_page(issue, "A3", 3), 3);
    assert_int_equal(bs_jump_resolve_page(issue, "3", 3), 3);
    assert_int_equal(bs_jump_resolve_page(issue, "A9", 9), 9); /* not scanned */
    assert_int_equal(bs_jump_resolve_page(issue, "B2", 2), 0); /* unknown */
    assert_int_equal(bs_jump_resolve_page(issue, "", 0), 0);
    assert_int_equal(bs_jump_resolve_page(issue, NULL, 2), 2);
    bs_issue_free(issue);

    /* Labels from running heads: sections mapped, absent pages told. */
    static const char *const secs[] = {"A1", "A2", "B1", "B2"};
    issue = labelled_issue(secs, 4);
    assert_int_equal(bs_jump_resolve_page(issue, "B2", 2), 4);
    assert_int_equal(bs_jump_resolve_page(issue, "b1", 1), 3);
    assert_int_equal(bs_jump_resolve_page(issue, "A2", 2), 2);
    assert_int_equal(bs_jump_resolve_page(issue, "C2", 2), BS_JUMP_PAGE_ABSENT);
    assert_int_equal(bs_jump_resolve_page(issue, "A7", 7), 7); /* beyond the scans */
    bs_issue_free(issue);

    /* Chinese labels, a page scanned out of order, one unlabelled. */
    static const char *const zh[] = {"第1版", "第3版", NULL};
    issue = labelled_issue(zh, 3);
    assert_int_equal(bs_jump_resolve_page(issue, "3", 3), 2);
    assert_int_equal(bs_jump_resolve_page(issue, "第一版", 1), 1);
    assert_int_equal(bs_jump_resolve_page(issue, "2", 2), BS_JUMP_PAGE_ABSENT);
    assert_int_equal(bs_jump_resolve_page(issue, "4", 4), 4);
    bs_issue_free(issue);

    /* Printed "A3" resolved to the page printed "3". */
    static const char *const plain[] = {"1", "2", "3"};
    issue = labelled_issue(plain, 3);
    assert_int_equal(bs_jump_resolve_page(issue, "A3", 3), 3);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zh_clean),
        cmocka_unit_test(test_zh_noisy),
        cmocka_unit_test(test_en_clean),
        cmocka_unit_test(test_en_noisy),
        cmocka_unit_test(test_negatives),
        cmocka_unit_test(test_scores_order),
        cmocka_unit_test(test_find_embedded),
        cmocka_unit_test(test_label_normalize),
        cmocka_unit_test(test_resolve_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
