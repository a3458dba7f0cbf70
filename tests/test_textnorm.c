/*
 * test_textnorm.c - OCR line normalisation: CJK spaces, full-width
 * punctuation, the digit dash, controls, NFC; and the line formulas of
 * line_kind.h (bylines, captions, folios, dates).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "line_kind.h"
#include "textnorm.h"

static void expect_norm(const char *in, const char *want, const bs_textnorm_options *opt)
{
    char *got = bs_textnorm_line(in, opt);
    if (strcmp(got, want) != 0)
        fail_msg("normalise \"%s\": got \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void test_cjk_spaces(void **state)
{
    (void)state;
    expect_norm("市 第五 届 运动会", "市第五届运动会", NULL);
    /* Digits and marks next to Chinese lose their OCR spaces too. */
    expect_norm("2024 年 10 月 27 日 下午 ,", "2024年10月27日下午，", NULL);
    expect_norm("“ 双减 ” 政策", "“双减”政策", NULL);
    /* A Latin word keeps its spaces, Latin text is untouched. */
    expect_norm("美国 Apple 公司", "美国 Apple 公司", NULL);
    expect_norm("The  quick,   brown fox (1987)", "The quick, brown fox (1987)", NULL);
    bs_textnorm_options keep = bs_textnorm_options_default();
    keep.cjk_remove_space = 0;
    expect_norm("本报记者 韩青", "本报记者 韩青", &keep);
}

static void test_fullwidth_punct(void **state)
{
    (void)state;
    expect_norm("本报讯(记者 陈立)5月8日上午,市文旅局召开会议:",
                "本报讯（记者陈立）5月8日上午，市文旅局召开会议：", NULL);
    expect_norm("是否?是的!", "是否？是的！", NULL);
    /* After a quote or a number the mark still belongs to the Chinese. */
    expect_norm("“双减”,政策", "“双减”，政策", NULL);
    expect_norm("涨幅控制在3.2%以内,物价平稳", "涨幅控制在3.2%以内，物价平稳", NULL);
    /* Times and thousands keep their ASCII separators. */
    expect_norm("上午10:30开会,共1,000人", "上午10:30开会，共1,000人", NULL);
    /* A Latin parenthesis inside Chinese stays a pair. */
    expect_norm("美联社(AP)报道", "美联社(AP)报道", NULL);
    /* Mixed parentheses: the inner Chinese pair converts, the outer stays. */
    expect_norm("See (the 报告(草案) here)", "See (the 报告（草案） here)", NULL);
    /* Straight double quotes in Chinese text, open and close. */
    expect_norm("主题是\"全面推进\"。", "主题是“全面推进”。", NULL);
    expect_norm("他说:\"我们", "他说：“我们", NULL);
    expect_norm("建设\",各地", "建设”，各地", NULL);
    expect_norm("He said \"yes\" twice", "He said \"yes\" twice", NULL);
    bs_textnorm_options off = bs_textnorm_options_default();
    off.cjk_fullwidth_punct = 0;
    expect_norm("下午,市", "下午,市", &off);
}

static void test_digit_dash(void **state)
{
    (void)state;
    expect_norm("3一4月份检修安排", "3—4月份检修安排", NULL);
    expect_norm("1 一 9 月", "1—9月", NULL);
    /* The ideograph stays an ideograph elsewhere. */
    expect_norm("第一次会议", "第一次会议", NULL);
    expect_norm("一组数据", "一组数据", NULL);
    bs_textnorm_options off = bs_textnorm_options_default();
    off.cjk_digit_dash = 0;
    expect_norm("3一4月", "3一4月", &off);
}

static void test_interpunct(void **state)
{
    (void)state;
    /* U+2027 (Taiwanese type), U+30FB and the bullet between ideographs. */
    expect_norm("二十四節氣\xE2\x80\xA7立冬", "二十四節氣\xC2\xB7立冬", NULL);
    expect_norm("托马斯\xE3\x83\xBB巴赫", "托马斯\xC2\xB7巴赫", NULL);
    expect_norm("托马斯\xE2\x80\xA2巴赫", "托马斯\xC2\xB7巴赫", NULL);
    /* A bullet opening a Latin list stays. */
    expect_norm("\xE2\x80\xA2 item", "\xE2\x80\xA2 item", NULL);
    bs_textnorm_options off = bs_textnorm_options_default();
    off.cjk_interpunct = 0;
    expect_norm("節氣\xE2\x80\xA7立冬", "節氣\xE2\x80\xA7立冬", &off);
}

static void test_controls_nfc_utf8(void **state)
{
    (void)state;
    expect_norm("a\tb\x01"
                "c\x7f"
                "d",
                "a bcd", NULL);
    expect_norm("\xE2\x80\x8B"
                "zero\xEF\xBB\xBF"
                "width",
                "zerowidth", NULL);
    /* e + combining acute composes. */
    expect_norm("caf"
                "e\xCC\x81",
                "caf\xC3\xA9", NULL);
    /* An invalid byte is kept visible as U+FFFD. */
    expect_norm("ab\xFF"
                "cd",
                "ab\xEF\xBF\xBD"
                "cd",
                NULL);
    expect_norm("   ", "", NULL);
    expect_norm(NULL, "", NULL);
    expect_norm("\xE3\x80\x80\xE3\x80\x80段落", "段落", NULL); /* ideographic spaces */
}

static void test_bylines(void **state)
{
    (void)state;
    const char *p = "本报讯（记者 陈立）5月8日上午，会议召开。";
    size_t n = bs_byline_prefix(p);
    assert_true(n > 0);
    assert_string_equal(p + n, "5月8日上午，会议召开。");
    p = "本报北京10月27日电（记者 王五）会议指出";
    n = bs_byline_prefix(p);
    assert_string_equal(p + n, "会议指出");
    p = "新华社北京10月27日电 会议指出";
    n = bs_byline_prefix(p);
    assert_string_equal(p + n, "会议指出");
    p = "本報訊（記者 林峰 通訊員 龍新）昨日，會議召開。";
    n = bs_byline_prefix(p);
    assert_string_equal(p + n, "昨日，會議召開。");
    assert_int_equal(bs_byline_prefix("本报讯（记者 陈立）"), 0); /* no body after it */
    assert_int_equal(bs_byline_prefix("本报记者获悉，会议召开。"), 0);
    assert_int_equal(bs_byline_prefix("记者从市统计局获悉"), 0);

    assert_true(bs_line_is_byline("本报记者 韩青"));
    assert_true(bs_line_is_byline("本报讯（记者 薛健 通讯员 崔洋）"));
    assert_true(bs_line_is_byline("本报记者 林可 通讯员 苏原"));
    assert_true(bs_line_is_byline("本报记者韩青"));
    assert_true(bs_line_is_byline("记者 张三、李四"));
    assert_true(bs_line_is_byline("本報記者 韩青 通訊員 蘇原"));
    assert_true(bs_line_is_byline("By John Smith"));
    assert_true(bs_line_is_byline("BY JANE DOE AND JOHN ROE"));
    assert_true(bs_line_is_byline("By Anna de la Cruz, Staff Writer"));
    assert_true(bs_line_is_byline("From Staff and Wire Reports"));
    assert_false(bs_line_is_byline("记者从市统计局获悉"));
    assert_false(bs_line_is_byline("记者 从市统计局获悉，今年全市物价运行平稳。"));
    assert_false(bs_line_is_byline("本报记者 罗明 摄"));
    assert_false(bs_line_is_byline("By Friday the council had voted"));
    assert_false(bs_line_is_byline("Byelection results"));
}

static void test_captions(void **state)
{
    (void)state;
    assert_true(bs_line_is_caption("图为5月3日游客在湖边赏花。"));
    assert_true(bs_line_is_caption("近年来，该镇发展茶叶种植。图为茶农在采茶。"));
    assert_true(bs_line_is_caption("本报记者 罗明 通讯员 叶青 摄"));
    assert_true(bs_line_is_caption("新华社记者 李贺 摄"));
    assert_true(bs_line_is_caption("圖為市民在公園晨練。"));
    assert_true(bs_line_is_caption("本報記者 罗明 攝"));
    assert_true(bs_line_is_caption("(Staff photo)"));
    assert_true(bs_line_is_caption("Volunteers clear the river bank. Photo by Ellen Hayes"));
    assert_true(bs_line_is_caption("Crowds at the gate. JOHN DOE/Reuters"));
    assert_false(bs_line_is_caption("其意图为何，尚不清楚。"));
    assert_false(
        bs_line_is_caption("他说，这次摄影展吸引了很多人，大家拍摄了不少作品，都很满意摄"));
    assert_false(bs_line_is_caption("The photographer said the light was good."));
}

static void test_folio_date(void **state)
{
    (void)state;
    assert_true(bs_line_is_folio("第2版"));
    assert_true(bs_line_is_folio("第 十二 版"));
    assert_true(bs_line_is_folio("第2版 要闻"));
    assert_true(bs_line_is_folio("A2"));
    assert_true(bs_line_is_folio("12"));
    assert_true(bs_line_is_folio("Page 3"));
    assert_true(bs_line_is_folio("- 3 -"));
    assert_false(bs_line_is_folio("第二版报道"));
    assert_false(bs_line_is_folio("2020年"));
    assert_false(bs_line_is_folio("A2B3"));
    /* A Chinese paper's registration in its masthead. */
    assert_true(bs_line_is_folio("国内统一连续出版物号 CN 31-1372"));
    assert_true(bs_line_is_folio("国内统一连续出版物号 CN 11-0001 邮发代号 1-1"));
    assert_false(bs_line_is_folio("记者从国家新闻出版署获悉，今年新核发国内统一连续出版物号的报纸有十二种，"
                                  "其中多数为行业报。"));
    assert_true(bs_line_is_staff_credit("责任编辑：王五"));
    assert_true(bs_line_is_staff_credit("本版编辑：李四  校对：赵六"));
    assert_true(bs_line_is_staff_credit("責任編輯 王五"));
    assert_true(bs_line_is_staff_credit("Page editor: Jane Doe"));
    assert_false(bs_line_is_staff_credit("编辑部今天收到读者来信两千余封，其中多数反映停车难问题，记者随即前往调查。"));
    assert_false(bs_line_is_staff_credit("Editorial board meets"));
    assert_false(bs_line_is_staff_credit("编辑"));
    assert_true(bs_line_has_date("2020年10月11日 星期三"));
    assert_true(bs_line_has_date("2020 年 10 月"));
    assert_true(bs_line_has_date("Wednesday, October 9, 2020"));
    assert_true(bs_line_has_date("October 9, 2020"));
    assert_false(bs_line_has_date("城市早报"));
    assert_false(bs_line_has_date("THE DAILY LEDGER"));
    /* An issue date's month as the paper shortened it or OCR misread it. */
    assert_true(bs_line_has_weekday_date("Wednesday, Oct. 9, 2020"));
    assert_true(bs_line_has_weekday_date("Wednesday, Octobr 9, 2020"));
    assert_true(bs_line_has_weekday_date("A3 THE DAILY LEDGER Wednesday, October 9, 2020"));
    assert_true(bs_line_has_weekday_date("Sunday after the storm; Monday, March 2, 1987"));
    assert_false(bs_line_has_weekday_date("LONDON, March 12 - Shares rose"));
    assert_false(bs_line_has_weekday_date("Wednesday, October 9"));
    assert_false(bs_line_has_weekday_date("Sunday, Bloody Sunday, 1972"));
    assert_true(bs_line_ends_sentence("他说。"));
    assert_true(bs_line_ends_sentence("“好！”"));
    assert_true(bs_line_ends_sentence("he said.\""));
    assert_false(bs_line_ends_sentence("城市管理"));
    assert_false(bs_line_ends_sentence("two years"));
    assert_int_equal(bs_text_length(" 本报 记者 "), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_spaces), cmocka_unit_test(test_fullwidth_punct),
        cmocka_unit_test(test_digit_dash), cmocka_unit_test(test_interpunct),
        cmocka_unit_test(test_controls_nfc_utf8),
        cmocka_unit_test(test_bylines),    cmocka_unit_test(test_captions),
        cmocka_unit_test(test_folio_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
