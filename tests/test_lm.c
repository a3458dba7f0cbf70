/*
 * test_lm.c - language models: file format, corruption, and every scoring
 * function in Chinese and English.
 *
 * Format tests build a tiny model from a tiny word list with the real
 * tools/build-models, so they exercise the same writer as `make models`.
 * Scoring tests on realistic text use the real models when they are built
 * ($BROADSHEET_MODELS, else $BS_BUILD/models) and are skipped otherwise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "lm.h"
#include "lm_format.h"
#include "strbuf.h"
#include "testenv.h"

/* Tiny Chinese word list: word, count and part of speech, as jieba's
 * dict.txt (uj/ul: particles, which never start a sentence). */
static const char TINY_ZH[] = "准备 500\n积极 400\n参加 300\n经济 800\n赋予 200\n"
                              "会议 600\n强调 300\n孩子 100\n自己 300\n已经 400\n发展 900\n"
                              "的 5000 uj\n了 2000 ul\n";

/* Build a model with tools/build-models from content written to a file:
 * a word list (kind "--words") or running text (kind "--text").  Returns
 * the model's path (caller frees). */
static char *build_model(const char *lang, const char *kind, const char *content, const char *name)
{
    char *src = bs_test_path(bs_test_tmp(), "model-source.txt");
    char *out = bs_test_path(bs_test_tmp(), name);
    bs_error err = {0};
    assert_int_equal(bs_write_file_atomic(src, content, strlen(content), &err), 0);
    bs_strbuf cmd = BS_STRBUF_INIT;
    bs_strbuf_addf(&cmd, "/usr/bin/python3 '%s/tools/build-models' --lang %s %s '%s' -o '%s' "
                         ">/dev/null",
                   bs_test_root(), lang, kind, src, out);
    assert_int_equal(system(cmd.buf), 0);
    bs_strbuf_release(&cmd);
    free(src);
    return out;
}

static char *build_tiny(const char *lang, const char *words)
{
    return build_model(lang, "--words", words, lang[0] == 'z' ? "tiny-zh.bsm" : "tiny-en.bsm");
}

static void test_round_trip(void **state)
{
    (void)state;
    char *path = build_tiny("zh", TINY_ZH);
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    assert_non_null(lm);
    assert_int_equal(bs_lm_lang(lm), BS_LM_ZH);
    assert_string_equal(bs_lm_path(lm), path);
    /* counts come back as written */
    assert_true(fabs(bs_lm_word_count(lm, "准备", strlen("准备")) - 500.0) < 1e-3);
    assert_true(bs_lm_word_count(lm, "备准", strlen("备准")) == 0.0);
    const bs_lm_uni_slot *u = bs_lm_uni(lm, 0x7684); /* 的: a one-character word */
    assert_non_null(u);
    assert_true(fabs(u->w - 5000.0f) < 1e-3 && fabs(u->s - 5000.0f) < 1e-3);
    assert_true(u->flags & BS_LM_FLAG_CLITIC);
    assert_false(bs_lm_uni(lm, 0x51C6)->flags & BS_LM_FLAG_CLITIC); /* 准 */
    const bs_lm_bi_slot *b = bs_lm_bi(lm, 0x51C6, 0x5907); /* 准备 */
    assert_non_null(b);
    assert_true(fabs(b->i - 500.0f) < 1e-3 && fabs(b->s - 500.0f) < 1e-3);
    assert_null(bs_lm_bi(lm, 0x5907, 0x51C6));
    assert_null(bs_lm_uni(lm, 'x'));
    /* the model prefers text made of its words */
    assert_true(bs_lm_logprob(lm, "积极准备") > bs_lm_logprob(lm, "准积备极") + 5.0);
    /* join: a cut inside 准|备 is a join, after 。 a break */
    bs_lm_join j = bs_lm_join_score(lm, "积极准", "备参加");
    assert_true(j.lm_gain > 3.0);
    assert_true(j.p_join > 0.99);
    j = bs_lm_join_score(lm, "会议强调。", "经济发展");
    assert_true(j.log_odds < 0.0);
    assert_true(fabs(j.p_join + j.p_paragraph + j.p_article - 1.0) < 1e-9);
    /* empty and broken input is scored, not crashed on */
    j = bs_lm_join_score(lm, "", "");
    assert_true(isfinite(j.log_odds) && j.lm_gain == 0.0);
    j = bs_lm_join_score(lm, "\xe5\x87", "\x87\xff  \xe5");
    assert_true(isfinite(j.log_odds));
    assert_true(isfinite(bs_lm_dehyphenate_score(lm, "\xff-", "")));
    bs_lm_close(lm);
    free(path);
}

/* A sentence's first word, by its part of speech (jieba's tagger, through
 * tools/build-models): a time word opens sentences, a verb and a particle
 * go on with them; a set phrase ("今年以来", tagged i) opens as its first
 * word does; an untagged or unlisted start says nothing. */
static void test_start_logodds(void **state)
{
    (void)state;
    char *path = build_model("zh", "--words",
                             "今年 500 t\n今年以来 50 i\n开展 300 v\n的 5000 uj\n经济 800\n",
                             "start-zh.bsm");
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    assert_non_null(lm);
    double year = bs_lm_start_logodds(lm, "今年，经济");
    assert_true(year > 0.5);
    assert_true(fabs(bs_lm_start_logodds(lm, "今年以来，经济") - year) < 1e-6);
    assert_true(fabs(bs_lm_start_logodds(lm, "  今年以来") - year) < 1e-6);
    assert_true(bs_lm_start_logodds(lm, "开展经济") < -0.3);
    assert_true(bs_lm_start_logodds(lm, "的经济") < -1.0);
    assert_true(bs_lm_start_logodds(lm, "经济") == 0.0);
    assert_true(bs_lm_start_logodds(lm, "2023年") == 0.0);
    assert_true(bs_lm_start_logodds(lm, "") == 0.0);
    assert_true(isfinite(bs_lm_start_logodds(lm, "\xe4\xbb")));
    bs_lm_close(lm);
    free(path);
    /* English models carry no parts of speech. */
    path = build_tiny("en", "the 100\nmeeting 20\n");
    lm = bs_lm_open(path, &err);
    assert_non_null(lm);
    assert_true(bs_lm_start_logodds(lm, "the meeting") == 0.0);
    bs_lm_close(lm);
    free(path);
}

static void expect_open_error(const char *path, int code, const char *needle)
{
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    assert_null(lm);
    assert_int_equal(err.code, code);
    assert_non_null(strstr(err.msg, path));
    if (!strstr(err.msg, needle))
        fail_msg("error '%s' does not say '%s'", err.msg, needle);
}

static void test_corruption(void **state)
{
    (void)state;
    char *path = build_tiny("zh", TINY_ZH);
    char *data;
    size_t len;
    bs_error err = {0};
    assert_int_equal(bs_read_file(path, 1 << 26, &data, &len, &err), 0);
    char *bad = bs_test_path(bs_test_tmp(), "bad.bsm");

    expect_open_error("/nonexistent/zh.bsm", BS_ERR_IO, "cannot open");

    assert_int_equal(bs_write_file_atomic(bad, data, 100, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "truncated");
    assert_int_equal(bs_write_file_atomic(bad, data, len - 8, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "truncated");

    data[len - 3] ^= 0x10; /* one bit in the last table */
    assert_int_equal(bs_write_file_atomic(bad, data, len, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "checksum");
    data[len - 3] ^= 0x10;
    data[BS_LM_HEADER_SIZE + 17] ^= 0x01; /* one bit in the first table */
    assert_int_equal(bs_write_file_atomic(bad, data, len, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "checksum");
    data[BS_LM_HEADER_SIZE + 17] ^= 0x01;

    data[4] = 99; /* version */
    assert_int_equal(bs_write_file_atomic(bad, data, len, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "version 99");
    data[4] = (char)BS_LM_VERSION;

    data[0] = 'X';
    assert_int_equal(bs_write_file_atomic(bad, data, len, &err), 0);
    expect_open_error(bad, BS_ERR_FORMAT, "magic");
    data[0] = 'B';

    /* restored bytes open again: the errors above were the edits */
    assert_int_equal(bs_write_file_atomic(bad, data, len, &err), 0);
    bs_lm *lm = bs_lm_open(bad, &err);
    assert_non_null(lm);
    bs_lm_close(lm);
    free(data);
    free(bad);
    free(path);
}

static void test_tiny_english(void **state)
{
    (void)state;
    char *path = build_tiny("en", "democracy 500\nwell 3000\nknown 2000\nthe 90000\nof 60000\n"
                                  "market 800\nracy 2\n");
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    assert_non_null(lm);
    assert_int_equal(bs_lm_lang(lm), BS_LM_EN);
    assert_true(bs_lm_dehyphenate_score(lm, "the democ-", "racy of") > 2.0);
    assert_true(bs_lm_dehyphenate_score(lm, "a well-", "known man") < -2.0);
    char *out;
    bs_lm_change *ch;
    size_t n;
    assert_int_equal(bs_lm_correct(lm, "the rnarket", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "the market");
    assert_int_equal(n, 1);
    assert_int_equal(ch[0].offset, 4);
    assert_string_equal(ch[0].from, "rnarket");
    assert_string_equal(ch[0].to, "market");
    free(out);
    free(ch);
    bs_lm_close(lm);
    free(path);
}

/* ---- text models (tools/build-models --text, bs_lm_adapt) --------------- */

/* Running text in which "积极" is followed by "参加", never by "发展"; its
 * second paragraph is broken over two lines, as OCR output is. */
static const char TEXT_ZH[] = "会议强调，孩子们要积极参加会议。\n"
                              "大家积极\n参加植树活动，已经准备好了。\n"
                              "\n"
                              "经济发展赋予我们积极的力量。\n";

static void test_text_model(void **state)
{
    (void)state;
    char *wpath = build_tiny("zh", TINY_ZH);
    char *tpath = build_model("zh", "--text", TEXT_ZH, "text-zh.bsm");
    bs_error err = {0};
    bs_lm *words = bs_lm_open(wpath, &err);
    bs_lm *text = bs_lm_open(tpath, &err);
    assert_non_null(words);
    assert_non_null(text);
    assert_false(bs_lm_is_text(words));
    assert_true(bs_lm_is_text(text));
    assert_int_equal(bs_lm_lang(text), BS_LM_ZH);
    /* A line that does not end a sentence runs on into the next ("积极" +
     * "参加" across the line break); a paragraph ends at "。"; punctuation
     * is counted. */
    const bs_lm_bi_slot *b = bs_lm_bi(text, 0x6781, 0x53C2); /* 极参 */
    assert_non_null(b);
    assert_true(fabs(b->i - 2.0f) < 1e-3);
    assert_non_null(bs_lm_uni(text, 0xFF0C)); /* ， */
    assert_null(bs_lm_bi(text, 0x3002, 0x5927)); /* 。大: a sentence ends a paragraph */
    /* --lines: every line is a paragraph (OCR text whose line ends may be
     * column cuts read out of order). */
    char *lpath = build_model("zh", "--lines --text", TEXT_ZH, "lines-zh.bsm");
    bs_lm *lines = bs_lm_open(lpath, &err);
    assert_non_null(lines);
    b = bs_lm_bi(lines, 0x6781, 0x53C2);
    assert_non_null(b);
    assert_true(fabs(b->i - 1.0f) < 1e-3);
    bs_lm_close(lines);
    free(lpath);

    /* The word list alone cannot tell which word follows "积极": two whole
     * words either way. */
    bs_lm_join go = bs_lm_join_score(words, "孩子们要积极", "参加会议");
    bs_lm_join other = bs_lm_join_score(words, "孩子们要积极", "发展经济");
    assert_true(fabs(go.log_odds - other.log_odds) < 1.0);
    assert_true(go.adapt_gain == 0.0);
    /* Two fragments without punctuation: the word list keeps the order
     * given, the text model will put "积极" before "参加". */
    size_t order[2];
    const char *frags[2] = {"参加会议", "孩子们要积极"};
    assert_int_equal(bs_lm_order(words, frags, 2, order, NULL, &err), 0);
    assert_int_equal(order[0], 0);

    assert_int_equal(bs_lm_adapt(words, text, &err), 0);
    bs_lm_join go2 = bs_lm_join_score(words, "孩子们要积极", "参加会议");
    bs_lm_join other2 = bs_lm_join_score(words, "孩子们要积极", "发展经济");
    /* The text says "积极参加": the adapted model prefers it, by the text
     * model's weighted evidence; the word model's own part is unchanged. */
    assert_true(go2.adapt_gain > 2.0);
    assert_true(go2.adapt_gain > other2.adapt_gain + 4.0);
    assert_true(go2.log_odds - other2.log_odds > go.log_odds - other.log_odds + 1.0);
    assert_true(go2.lm_gain == go.lm_gain);
    assert_true(fabs(go2.p_join + go2.p_paragraph + go2.p_article - 1.0) < 1e-9);
    assert_int_equal(bs_lm_order(words, frags, 2, order, NULL, &err), 0);
    assert_int_equal(order[0], 1);

    /* What cannot adapt what, each refused with the file named. */
    bs_lm *again = bs_lm_open(tpath, &err);
    assert_int_equal(bs_lm_adapt(words, again, &err), -1);
    assert_int_equal(err.code, BS_ERR_USAGE);
    assert_non_null(strstr(err.msg, "already adapted"));
    assert_int_equal(bs_lm_adapt(again, again, &err), -1);
    assert_non_null(strstr(err.msg, "a text model itself"));
    bs_lm *plain = bs_lm_open(wpath, &err);
    assert_int_equal(bs_lm_adapt(plain, plain, &err), -1);
    assert_non_null(strstr(err.msg, "not a text model"));
    assert_non_null(strstr(err.msg, wpath));
    char *epath = build_model("en", "--text", "The council met on Monday.\n", "text-en.bsm");
    bs_lm *en = bs_lm_open(epath, &err);
    assert_non_null(en);
    assert_int_equal(bs_lm_adapt(plain, en, &err), -1);
    assert_non_null(strstr(err.msg, "English text model cannot adapt the Chinese model"));
    assert_non_null(strstr(err.msg, epath));
    /* Refused models stay the caller's; the adapted one is closed with
     * its base (the sanitizers' leak check holds us to both). */
    bs_lm_close(en);
    bs_lm_close(plain);
    bs_lm_close(again);
    bs_lm_close(words);
    free(epath);
    free(tpath);
    free(wpath);
}

/* ---- real models --------------------------------------------------------- */

static bs_lm *real_model(const char *lang)
{
    char *path = bs_test_model_path(lang);
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    if (!lm)
        print_message("SKIP: real model: %s\n", err.msg);
    free(path);
    return lm;
}

static void test_real_zh(void **state)
{
    (void)state;
    bs_lm *lm = real_model("zh");
    if (!lm)
        skip();
    /* a paragraph opens on a time word, a column anywhere */
    assert_true(bs_lm_start_logodds(lm, "今年以来，新区已完成湿地补水") >
                bs_lm_start_logodds(lm, "开展湿地巡护和水质监测") + 1.0);
    /* a column break inside 准备 */
    bs_lm_join j = bs_lm_join_score(lm, "号召大家积极准", "备、踊跃参加");
    assert_true(j.log_odds > 5.0);
    j = bs_lm_join_score(lm, "号召大家积极准", "备踊跃参加");
    assert_true(j.lm_gain > 3.0);
    /* the same start after a cut between two words is no better than a break */
    j = bs_lm_join_score(lm, "中华人民", "今天上午");
    assert_true(j.lm_gain < 1.0);
    /* a particle never starts a sentence: 的 continues one */
    j = bs_lm_join_score(lm, "党和国家各项事业取得", "的成就再次证明");
    assert_true(j.log_odds > bs_lm_join_score(lm, "党和国家各项事业取得", "成就再次证明").log_odds + 3.0);
    /* that evidence is the start's alone: start_weight, not the model's gain */
    j = bs_lm_join_score(lm, "党和国家各项事业取得", "的成就再次证明");
    assert_true(j.start_weight > 3.0);
    assert_true(bs_lm_join_score(lm, "党和国家各项事业取得", "成就再次证明").start_weight == 0.0);
    /* but 的确 is a word that may start one */
    assert_true(bs_lm_join_score(lm, "会议强调。", "的确如此").log_odds < 0.0);
    /* a sentence end, then a new start: a paragraph break */
    j = bs_lm_join_score(lm, "会议强调，要坚持稳中求进。", "国务院总理主持会议");
    assert_true(j.p_join < 0.1);
    assert_true(j.p_paragraph + j.p_article > 0.9);
    /* traditional characters through the OpenCC forms */
    j = bs_lm_join_score(lm, "習近平指出，中朝是山水相", "連的友好鄰邦");
    assert_true(j.lm_gain > 3.0);
    /* and as common as their simplified forms, also the characters jieba
     * lists in traditional form with a few counts of its own (說 3, 這 7):
     * a traditional column opening reads like a simplified one */
    assert_true(fabs(bs_lm_join_score(lm, "述職報告", "統的多元發展規劃").lm_gain -
                     bs_lm_join_score(lm, "述职报告", "统的多元发展规划").lm_gain) < 0.5);
    assert_true(fabs(bs_lm_start_logodds(lm, "這是") - bs_lm_start_logodds(lm, "这是")) < 0.5);
    assert_true(fabs(bs_lm_logprob(lm, "他說") - bs_lm_logprob(lm, "他说")) < 0.5);
    /* shared names make a new article less likely than a new paragraph */
    bs_lm_join same = bs_lm_join_score(lm, "长江经济带生态环境保护发生了转折性变化。",
                                       "长江经济带沿江省市共抓大保护");
    bs_lm_join other = bs_lm_join_score(lm, "长江经济带生态环境保护发生了转折性变化。",
                                        "俄罗斯总统普京当天表示");
    assert_true(same.p_article < other.p_article);

    const char *frags[] = {"备、踊跃参加", "号召大家积极准", "志愿服务活动。"};
    size_t order[3];
    double score;
    bs_error err = {0};
    assert_int_equal(bs_lm_order(lm, frags, 3, order, &score, &err), 0);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 0);
    assert_int_equal(order[2], 2);
    assert_true(score > 5.0); /* the 准|备 junction alone is ~11 */
    assert_int_equal(bs_lm_order(lm, frags, 0, order, &score, &err), -1);
    assert_int_equal(err.code, BS_ERR_USAGE);

    char *out;
    bs_lm_change *ch;
    size_t n;
    assert_int_equal(bs_lm_correct(lm, "为经济赋子新动能，孩子们说自已已经来了", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "为经济赋予新动能，孩子们说自己已经来了");
    assert_int_equal(n, 2);
    assert_int_equal(ch[0].offset, strlen("为经济赋"));
    assert_string_equal(ch[0].from, "子");
    assert_string_equal(ch[0].to, "予");
    assert_string_equal(ch[1].to, "己");
    assert_true(ch[0].log_odds >= 4.0);
    free(out);
    free(ch);
    /* correct text is left alone */
    assert_int_equal(bs_lm_correct(lm, "未来的周末，土地和战士进入人民广场", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "未来的周末，土地和战士进入人民广场");
    assert_int_equal(n, 0);
    assert_null(ch);
    free(out);
    /* Tesseract's shape confusions seen on news type */
    assert_int_equal(bs_lm_correct(lm, "会见束埔寨首相，深人基层", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "会见柬埔寨首相，深入基层");
    free(out);
    free(ch);
    /* a name is not "corrected" into a word: 习近平 stays */
    assert_int_equal(bs_lm_correct(lm, "习近平总书记指出", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "习近平总书记指出");
    free(out);
    free(ch);
    assert_int_equal(bs_lm_correct(lm, "bad \xff utf8", &out, &ch, &n, &err), -1);
    assert_int_equal(err.code, BS_ERR_FORMAT);
    bs_lm_close(lm);
}

static void test_real_en(void **state)
{
    (void)state;
    bs_lm *lm = real_model("en");
    if (!lm)
        skip();
    assert_true(bs_lm_dehyphenate_score(lm, "democ-", "racy") > 5.0);
    assert_true(bs_lm_dehyphenate_score(lm, "the well-", "known") < 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "self-", "esteem") < 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "co-", "operate") > 0.0);
    /* after a prefix, an uncommon closed form keeps its hyphen */
    assert_true(bs_lm_dehyphenate_score(lm, "non-", "bank") < 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "anti-", "piracy") < 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "pre-", "sident") > 0.0);
    /* two frequent words that make a common one: a word split */
    assert_true(bs_lm_dehyphenate_score(lm, "with-", "out") > 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "out-", "standing") > 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "all-", "owing") > 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "state-", "owned") < 0.0);
    assert_true(bs_lm_dehyphenate_score(lm, "long-", "term") < 0.0);

    bs_lm_join j = bs_lm_join_score(lm, "the company said on", "Tuesday that it");
    assert_true(j.p_join > 0.5);
    j = bs_lm_join_score(lm, "the company said.", "The board met on Monday");
    assert_true(j.p_join < 0.1);
    j = bs_lm_join_score(lm, "the Pres-", "ident said");
    assert_true(j.p_join > 0.99);

    char *out;
    bs_lm_change *ch;
    size_t n;
    bs_error err = {0};
    assert_int_equal(bs_lm_correct(lm, "The rnarket rose 1O0 points wi1l 0ctober clay", &out, &ch,
                                   &n, &err), 0);
    assert_string_equal(out, "The market rose 100 points will October clay");
    assert_int_equal(n, 4);
    free(out);
    free(ch);
    /* names and acronyms the list lacks keep their letters: a swap that
     * gives an impossible casing ("FriedheIm", "lBJ") is not a repair */
    assert_int_equal(bs_lm_correct(lm, "Friedhelm met IBJ staff", &out, &ch, &n, &err), 0);
    assert_string_equal(out, "Friedhelm met IBJ staff");
    assert_int_equal(n, 0);
    free(out);
    free(ch);

    const char *frags[] = {"rose sharply in", "Shares of the company", "early trading."};
    size_t order[3];
    assert_int_equal(bs_lm_order(lm, frags, 3, order, NULL, &err), 0);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 0);
    assert_int_equal(order[2], 2);
    bs_lm_close(lm);
}

static void test_find(void **state)
{
    (void)state;
    bs_error err = {0};
    char *dir = bs_test_path(bs_test_tmp(), "models");
    assert_int_equal(bs_mkdir_p(dir, &err), 0);
    char *f = bs_test_path(dir, "zh.bsm");
    assert_int_equal(bs_write_file_atomic(f, "x", 1, &err), 0);
    setenv("BROADSHEET_MODELS", dir, 1);
    char *got = bs_lm_find("zh", NULL, &err);
    assert_non_null(got);
    assert_string_equal(got, f);
    free(got);
    /* en.bsm is not in that folder: the other places are tried and named */
    got = bs_lm_find("en", "/nonexistent/bin/broadsheet", &err);
    if (!got) {
        assert_int_equal(err.code, BS_ERR_IO);
        assert_non_null(strstr(err.msg, dir));
    }
    free(got);
    /* next to the executable: <bin>/../build/models */
    unsetenv("BROADSHEET_MODELS");
    char *root = bs_test_path(bs_test_tmp(), "inst");
    char *bindir = bs_test_path(root, "bin");
    char *exe = bs_test_path(bindir, "broadsheet");
    char *mdir = bs_test_path(root, "build/models");
    char *en = bs_test_path(mdir, "en.bsm");
    assert_int_equal(bs_mkdir_p(bindir, &err), 0);
    assert_int_equal(bs_mkdir_p(mdir, &err), 0);
    assert_int_equal(bs_write_file_atomic(exe, "", 0, &err), 0);
    assert_int_equal(bs_write_file_atomic(en, "x", 1, &err), 0);
    got = bs_lm_find("en", exe, &err);
    assert_non_null(got);
    assert_non_null(strstr(got, "/inst/bin/../build/models/en.bsm"));
    free(got);
    free(root);
    free(bindir);
    free(exe);
    free(mdir);
    free(en);
    assert_null(bs_lm_find("fr", NULL, &err));
    assert_int_equal(err.code, BS_ERR_USAGE);
    unsetenv("BROADSHEET_MODELS");
    free(f);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_start_logodds),
        cmocka_unit_test(test_corruption),
        cmocka_unit_test(test_tiny_english), cmocka_unit_test(test_text_model),
        cmocka_unit_test(test_real_zh),
        cmocka_unit_test(test_real_en),      cmocka_unit_test(test_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
