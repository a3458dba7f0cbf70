/*
 * test_paragraph.c - lines to paragraphs (indent, short last line, line
 * gap), open ends for column-break joins, text joins (CJK, Latin,
 * hyphenation and its scorer callback).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "paragraph.h"
#include "strbuf.h"

/* Chinese test geometry: 20 px characters, 10 a line, 30 px pitch. */
#define EM 20
#define PITCH 30

static bs_para_line zh(const char *text, int row, int indent_chars, int nchars)
{
    bs_para_line l;
    l.text = text;
    l.box = (bs_box){100 + indent_chars * EM, 50 + row * PITCH, nchars * EM, EM};
    return l;
}

static char *join2(const char *a, const char *b, const bs_paragraph_options *opt)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, a);
    bs_paragraph_join(&sb, b, opt);
    return bs_strbuf_detach(&sb);
}

static void expect_join(const char *a, const char *b, const char *want)
{
    char *got = join2(a, b, NULL);
    if (strcmp(got, want) != 0)
        fail_msg("join \"%s\" + \"%s\": got \"%s\", want \"%s\"", a, b, got, want);
    free(got);
}

static void test_zh_indent_and_short_lines(void **state)
{
    (void)state;
    bs_para_line lines[] = {
        zh("第一段开头八个字", 0, 2, 8),
        zh("第一段第二行满十个字", 1, 0, 10),
        zh("短行。", 2, 0, 3),
        zh("第二段开头八个字", 3, 2, 8),
        zh("第二段满行十个字啊啊", 4, 0, 10),
    };
    bs_para_list out = {0};
    bs_paragraph_split(lines, 5, NULL, &out);
    assert_int_equal(out.n, 2);
    assert_string_equal(out.items[0].text, "第一段开头八个字第一段第二行满十个字短行。");
    assert_string_equal(out.items[1].text, "第二段开头八个字第二段满行十个字啊啊");
    assert_int_equal(out.items[0].open_start, 0); /* indented: starts here */
    assert_int_equal(out.items[0].open_end, 0);
    assert_int_equal(out.items[1].open_end, 1); /* last line full: goes on */
    assert_int_equal(out.items[1].first_line, 3);
    assert_int_equal(out.items[1].nlines, 2);
    bs_para_list_release(&out);
}

static void test_zh_column_top_continues(void **state)
{
    (void)state;
    /* A column whose first line is flush: the rest of a paragraph. */
    bs_para_line lines[] = {
        zh("实施城市更新行动，统", 0, 0, 10),
        zh("筹推进。", 1, 0, 4),
        zh("新的一段开头八个", 2, 2, 8),
        zh("完。", 3, 0, 2),
    };
    bs_para_list out = {0};
    bs_paragraph_split(lines, 4, NULL, &out);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.items[0].open_start, 1);
    assert_int_equal(out.items[1].open_start, 0);
    bs_para prev = {NULL, 0, 1, 0, 0};
    assert_true(bs_paragraph_can_continue(&prev, &out.items[0]));
    assert_false(bs_paragraph_can_continue(&prev, &out.items[1]));
    prev.open_end = 0;
    assert_false(bs_paragraph_can_continue(&prev, &out.items[0]));
    bs_para_list_release(&out);
}

static void test_opening_quote_is_not_indent(void **state)
{
    (void)state;
    /* A flush line starting with “ has its ink half an em in. */
    bs_para_line lines[] = {
        zh("段落开头共八个字", 0, 2, 8),
        zh("满满当当的一整行文字", 1, 0, 10),
        zh("满满当当的一整行文字", 2, 0, 10),
    };
    lines[1].text = "“满满当当的一整行文";
    lines[1].box.x += EM / 2;
    lines[1].box.w -= EM / 2;
    bs_para_list out = {0};
    bs_paragraph_split(lines, 3, NULL, &out);
    assert_int_equal(out.n, 1);
    bs_para_list_release(&out);
}

static void test_latin_paragraphs_and_gaps(void **state)
{
    (void)state;
    /* Ragged right: a short line without a sentence end stays inside the
     * paragraph; one ending in "." ends it; a wide gap also ends one. */
    bs_para_line lines[] = {
        {"The council met", {100, 50, 150, 20}},
        {"on Monday and voted", {100, 80, 300, 20}},
        {"to approve it.", {100, 110, 140, 20}},
        {"Residents were pleased", {100, 140, 300, 20}},
        {"with the result", {100, 170, 300, 20}},
        {"A later item begins", {100, 260, 300, 20}},
        {"here.", {100, 290, 50, 20}},
    };
    bs_para_list out = {0};
    bs_paragraph_split(lines, 7, NULL, &out);
    assert_int_equal(out.n, 3);
    assert_string_equal(out.items[0].text, "The council met on Monday and voted to approve it.");
    assert_string_equal(out.items[1].text, "Residents were pleased with the result");
    assert_string_equal(out.items[2].text, "A later item begins here.");
    bs_para_list_release(&out);

    /* One line, no margin to measure: only a sentence end closes it. */
    bs_para_line one[] = {{"and so the", {100, 50, 300, 20}}};
    bs_paragraph_split(one, 1, NULL, &out);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.items[0].open_start, 1);
    assert_int_equal(out.items[0].open_end, 1);
    bs_para_list_release(&out);
    bs_para_line done[] = {{"The end.", {100, 50, 80, 20}}};
    bs_paragraph_split(done, 1, NULL, &out);
    assert_int_equal(out.items[0].open_end, 0);
    bs_para_list_release(&out);

    /* Empty input and empty lines give nothing. */
    bs_para_line empty[] = {{"", {0, 0, 0, 0}}, {NULL, {0, 0, 0, 0}}};
    bs_paragraph_split(empty, 2, NULL, &out);
    assert_int_equal(out.n, 0);
    bs_paragraph_split(NULL, 0, NULL, &out);
    assert_int_equal(out.n, 0);
    bs_para_list_release(&out);
}

static void test_joins(void **state)
{
    (void)state;
    expect_join("各区将深入", "实施城市更新行动", "各区将深入实施城市更新行动");
    expect_join("the harbour", "plan", "the harbour plan");
    expect_join("成立7", "0周年", "成立70周年");
    expect_join("in 1987", "25 pct", "in 1987 25 pct");
    expect_join("共有", "2024年", "共有2024年");
    expect_join("Apple发布", "iPhone", "Apple发布iPhone");
    expect_join("", "first", "first");
    expect_join("text", "", "text");
    /* Hyphenation: words rejoined, compounds kept. */
    expect_join("local democ-", "racy and", "local democracy and");
    expect_join("a well-", "known trust", "a well-known trust");
    expect_join("medium-", "sized firms", "medium-sized firms");
    expect_join("state-", "owned bank", "state-owned bank");
    expect_join("a 25-", "year plan", "a 25-year plan");
    expect_join("Anglo-", "American", "Anglo-American");
    expect_join("state-of-the-", "art", "state-of-the-art");
    expect_join("soft\xC2\xAD", "ware", "software");
    expect_join("the -", "dash", "the - dash");
    assert_int_equal(bs_hyphen_builtin("democ", "racy"), 1);
    assert_int_equal(bs_hyphen_builtin("self", "reliance"), 0);
    assert_int_equal(bs_hyphen_builtin("non", "transferable"), 0);
}

/* A scorer that knows one word and defers on everything else. */
static int scorer(void *ctx, const char *left, const char *right)
{
    int *calls = ctx;
    (*calls)++;
    if (!strcmp(left, "co") && !strcmp(right, "operate"))
        return 0; /* keep: "co-operate" */
    if (!strcmp(left, "well") && !strcmp(right, "spring"))
        return 1; /* drop: "wellspring" */
    return -1;
}

static void test_hyphen_scorer(void **state)
{
    (void)state;
    int calls = 0;
    bs_paragraph_options opt = bs_paragraph_options_default();
    opt.hyphen_scorer = scorer;
    opt.hyphen_ctx = &calls;
    char *s = join2("to co-", "operate", &opt);
    assert_string_equal(s, "to co-operate");
    free(s);
    s = join2("a well-", "spring of", &opt);
    assert_string_equal(s, "a wellspring of");
    free(s);
    s = join2("democ-", "racy", &opt); /* deferred to the built-in rule */
    assert_string_equal(s, "democracy");
    free(s);
    assert_int_equal(calls, 3);
    /* Without the scorer the built-in rule joins "co-operate". */
    s = join2("to co-", "operate", NULL);
    assert_string_equal(s, "to cooperate");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zh_indent_and_short_lines),
        cmocka_unit_test(test_zh_column_top_continues),
        cmocka_unit_test(test_opening_quote_is_not_indent),
        cmocka_unit_test(test_latin_paragraphs_and_gaps),
        cmocka_unit_test(test_joins),
        cmocka_unit_test(test_hyphen_scorer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
