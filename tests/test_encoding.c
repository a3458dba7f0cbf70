/*
 * test_encoding.c - UTF-8 text converted to GB18030, GBK, Big5 and
 * UTF-16, unrepresentable characters, and encoded output files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "issue.h"
#include "output.h"
#include "testenv.h"

static void convert_ok(const char *text, const char *enc, const char *want, size_t wantlen)
{
    char *out = NULL;
    size_t n = 0, rep = 0;
    bs_error err = {0};
    assert_int_equal(bs_encoding_convert(text, strlen(text), enc, 0, "t", &out, &n, &rep, &err), 0);
    assert_int_equal(n, wantlen);
    assert_memory_equal(out, want, wantlen);
    assert_int_equal(rep, 0);
    free(out);
}

static void test_known_bytes(void **state)
{
    (void)state;
    /* 中文 in each encoding (GB2312 row 54/48 and 57/45; Big5 A4A4 A4E5). */
    convert_ok("中文A", "GB18030", "\xD6\xD0\xCE\xC4" "A", 5);
    convert_ok("中文A", "GBK", "\xD6\xD0\xCE\xC4" "A", 5);
    convert_ok("中文A", "BIG5", "\xA4\xA4\xA4\xE5" "A", 5);
    convert_ok("中A", "UTF-16LE", "\x2D\x4E" "A\0", 4);
    convert_ok("中A", "UTF-16BE", "\x4E\x2D" "\0A", 4);
    /* "UTF-16" carries a byte-order mark. */
    char *out;
    size_t n;
    bs_error err = {0};
    assert_int_equal(bs_encoding_convert("中", 3, "UTF-16", 0, "t", &out, &n, NULL, &err), 0);
    assert_int_equal(n, 4);
    assert_true((out[0] == '\xFF' && out[1] == '\xFE') || (out[0] == '\xFE' && out[1] == '\xFF'));
    free(out);
    /* GB18030 covers all of Unicode: an extension-B ideograph encodes in
     * four bytes; UTF-8 passes through. */
    assert_int_equal(bs_encoding_convert("𠮷", 4, "GB18030", 0, "t", &out, &n, NULL, &err), 0);
    assert_int_equal(n, 4);
    free(out);
    convert_ok("𠮷", "UTF-8", "𠮷", 4);
}

static void test_unrepresentable(void **state)
{
    (void)state;
    const char *text = "吉野家的𠮷野家";
    char *out = NULL;
    size_t n = 0, rep = 0;
    bs_error err = {0};
    assert_int_equal(bs_encoding_convert(text, strlen(text), "GBK", 0, "article a7", &out, &n,
                                         &rep, &err),
                     -1);
    assert_null(out);
    assert_int_equal(err.code, BS_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "article a7"));
    assert_non_null(strstr(err.msg, "U+20BB7"));
    assert_non_null(strstr(err.msg, "𠮷"));
    assert_non_null(strstr(err.msg, "GBK"));
    assert_non_null(strstr(err.msg, "byte 12"));
    /* Fallback: replaced by '?', counted, the rest intact. */
    assert_int_equal(bs_encoding_convert(text, strlen(text), "GBK", 1, "article a7", &out, &n,
                                         &rep, &err),
                     0);
    assert_int_equal(rep, 1);
    assert_int_equal(n, 13);
    assert_int_equal(out[8], '?');
    free(out);
    /* Simplified 们 is not in Big5. */
    assert_int_equal(bs_encoding_convert("我们", 6, "BIG5", 0, "page 2", &out, &n, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "U+4EEC"));
    /* Invalid UTF-8 input and unknown encodings are errors. */
    assert_int_equal(bs_encoding_convert("a\xFF", 2, "GBK", 1, "x", &out, &n, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "invalid UTF-8 at byte 1"));
    assert_int_equal(bs_encoding_check("NO-SUCH-ENCODING", &err), -1);
    assert_int_equal(err.code, BS_ERR_USAGE);
    assert_int_equal(bs_encoding_check("gb18030", &err), 0);
    assert_true(bs_encoding_is_utf8(NULL) && bs_encoding_is_utf8("utf-8"));
}

static bs_issue *issue_with_rare_char(void)
{
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 100;
    p->height = 100;
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){0, 0, 50, 50});
    bs_region_add_line(r, "中文正文", (bs_box){0, 0, 50, 20}, 0.9f);
    r->order = 0;
    bs_article *a = bs_issue_add_article(issue);
    bs_article_set(&a->title, "标题");
    bs_article_add_paragraph(a, "𠮷野家开业。");
    return issue;
}

static void test_output_encoding(void **state)
{
    (void)state;
    bs_issue *issue = issue_with_rare_char();
    char *out = bs_test_path(bs_test_tmp(), "gbk");
    bs_output_options opt = bs_output_options_default();
    opt.encoding = "GBK";
    bs_output_result res;
    bs_error err = {0};
    assert_int_equal(bs_output_write_with(issue, out, &opt, &res, &err), -1);
    assert_non_null(strstr(err.msg, "article a1"));
    assert_non_null(strstr(err.msg, "U+20BB7"));
    opt.encoding_fallback = 1;
    assert_int_equal(bs_output_write_with(issue, out, &opt, &res, &err), 0);
    assert_int_equal(res.chars_replaced, 1);
    char *path = bs_test_path(out, "articles/001.txt");
    size_t n;
    char *text = bs_test_slurp(path, &n);
    /* 标题 \n \n ? 野 家 ... in GBK: 标 = B1EA. */
    assert_non_null(text);
    assert_memory_equal(text, "\xB1\xEA", 2);
    assert_non_null(memchr(text, '?', n));
    free(text);
    free(path);
    path = bs_test_path(out, "pages/p001.txt");
    text = bs_test_slurp(path, &n);
    assert_int_equal(n, 9);
    assert_memory_equal(text, "\xD6\xD0\xCE\xC4", 4);
    free(text);
    free(path);
    /* ALTO stays UTF-8 whatever the text encoding. */
    path = bs_test_path(out, "alto/p001.xml");
    text = bs_test_slurp(path, &n);
    assert_non_null(strstr(text, "中文正文"));
    free(text);
    free(path);
    opt.encoding = "NOT-AN-ENCODING";
    assert_int_equal(bs_output_write_with(issue, out, &opt, &res, &err), -1);
    assert_int_equal(err.code, BS_ERR_USAGE);
    free(out);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_bytes),
        cmocka_unit_test(test_unrepresentable),
        cmocka_unit_test(test_output_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
