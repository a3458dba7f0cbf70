/*
 * test_reflow.c - coordinate-free OCR text repaired into articles: each
 * defect of the seed page reproduced in the project's own Chinese and
 * English fixtures (testdata/reflow), and the seed page itself when
 * ../shared is present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "lm.h"
#include "reflow.h"
#include "reflow_roles.h"
#include "strbuf.h"
#include "testenv.h"
#include "unicode.h"

/* Reflow a file (path relative to the repository, or absolute), with the
 * models when they can be found. */
static bs_issue *reflow_file(const char *path, int models)
{
    size_t len = 0;
    char *full = path[0] == '/' ? strdup(path) : bs_test_path(bs_test_root(), path);
    char *text = bs_test_slurp(full, &len);
    assert_non_null(text);
    bs_reflow_options o = bs_reflow_options_default();
    bs_lm *zh = NULL, *en = NULL;
    if (models) {
        /* make check builds the models first: a missing model is a
         * failure, not a silent run on punctuation alone. */
        bs_error e = {0};
        char *pz = bs_test_model_path("zh"), *pe = bs_test_model_path("en");
        zh = bs_lm_open(pz, &e);
        en = bs_lm_open(pe, &e);
        if (!zh || !en)
            fail_msg("models not found: %s", e.msg);
        free(pz);
        free(pe);
    }
    o.zh = zh;
    o.en = en;
    bs_issue *issue = bs_issue_new();
    bs_reflow_text(issue, text, 1, full, &o);
    bs_reflow_issue_finish(issue, &o);
    bs_lm_close(zh);
    bs_lm_close(en);
    free(text);
    free(full);
    return issue;
}

static const bs_article *by_title(const bs_issue *is, const char *title)
{
    for (size_t i = 0; i < is->narticles; i++)
        if (is->articles[i].title && !strcmp(is->articles[i].title, title))
            return &is->articles[i];
    fail_msg("no article titled %s", title);
    return NULL;
}

/* The article titled title holds text (starts with it). */
static void expect_in_article(const bs_issue *is, const char *title, const char *text)
{
    char *t = bs_article_text(by_title(is, title));
    if (!strstr(t, text))
        fail_msg("article %s lacks \"%s\": %s", title, text, t);
    free(t);
}

static void expect_article_starts(const bs_issue *is, const char *title, const char *text)
{
    char *t = bs_article_text(by_title(is, title));
    if (strncmp(t, text, strlen(text)))
        fail_msg("article %s does not start with \"%s\": %s", title, text, t);
    free(t);
}

/* No article's title holds text: it was no headline. */
static void expect_no_title_with(const bs_issue *is, const char *text)
{
    for (size_t i = 0; i < is->narticles; i++)
        if (is->articles[i].title && strstr(is->articles[i].title, text))
            fail_msg("article %s is titled \"%s\"", is->articles[i].id, is->articles[i].title);
}

static size_t qc_count(const bs_issue *is, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < is->nqc; i++)
        n += !strcmp(is->qc[i].kind, kind);
    return n;
}

static int count_sub(const char *s, const char *sub)
{
    int n = 0;
    for (const char *p = strstr(s, sub); p; p = strstr(p + 1, sub))
        n++;
    return n;
}

/* No article body holds text of these roles. */
static void assert_bodies_clean(const bs_issue *is, const char *const *bad, size_t nbad)
{
    for (size_t i = 0; i < is->narticles; i++) {
        char *t = bs_article_text(&is->articles[i]);
        for (size_t k = 0; k < nbad; k++)
            if (strstr(t, bad[k]))
                fail_msg("body of %s holds \"%s\"", is->articles[i].id, bad[k]);
        free(t);
    }
}

static void test_zh_fixture(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/zh_page.txt", 0);
    /* Fragments out of order: the head "今年以来…经典诵" was read last. */
    const bs_article *lib = by_title(is, "社区图书馆开展读书月活动");
    char *t = bs_article_text(lib);
    assert_true(!strncmp(t, "今年以来", strlen("今年以来")));
    assert_non_null(strstr(t, "内容涵盖经典诵读、亲子共读"));
    assert_true(strstr(t, "吸引了大批居民参加") < strstr(t, "我们希望让阅读"));
    free(t);
    assert_true(qc_count(is, "reorder") >= 1);
    /* Paragraphs cut at column breaks. */
    const bs_article *sci = by_title(is, "筑牢产业根基 打造创新高地");
    t = bs_article_text(sci);
    assert_non_null(strstr(t, "继续深入推进产学研合作"));
    assert_non_null(strstr(t, "全面落实科技人员奖励政策"));
    free(t);
    assert_true(qc_count(is, "join") >= 3);
    /* A paragraph printed twice. */
    const bs_article *tree = by_title(is, "城南新区召开春季植树动员会议");
    t = bs_article_text(tree);
    assert_int_equal(count_sub(t, "各街道负责人表示"), 1);
    free(t);
    assert_int_equal(qc_count(is, "duplicate_removed"), 1);
    /* Bylines: a formula opening the lede and a line of its own. */
    assert_string_equal(tree->byline, "本报讯（记者 周明）");
    assert_true(!strncmp(tree->paragraphs[0], "3月12日上午", strlen("3月12日上午")));
    assert_string_equal(sci->byline, "本报记者 钱进");
    /* Section label and deck. */
    assert_string_equal(sci->kicker, "科技创新 助力发展");
    assert_string_equal(sci->deck, "——访市科技局局长赵文");
    /* Continuation. */
    const bs_article *old = by_title(is, "老城区改造的“加速度”");
    assert_true(old->continuation);
    assert_non_null(old->jump_in_line);
    assert_non_null(strstr(old->jump_in_line, "上接第一版"));
    assert_true(!strncmp(old->paragraphs[0], "2019年", 7));
    /* Caption and credit kept out of bodies. */
    static const char *const bad[] = {"图为", "何平 摄", "上接第一版", "——访", "本报记者 钱进"};
    assert_bodies_clean(is, bad, 5);
    size_t caps = 0;
    for (size_t i = 0; i < is->narticles; i++)
        caps += is->articles[i].ncaptions;
    assert_int_equal(caps, 2);
    assert_true(qc_count(is, "role") >= 8);
    bs_issue_free(is);
}

static void test_en_fixture(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/en_page.txt", 0);
    const bs_article *fest = by_title(is, "HARBOR FESTIVAL DRAWS CROWDS");
    char *t = bs_article_text(fest);
    assert_true(!strncmp(t, "PORTVILLE, June 2", 17));
    assert_non_null(strstr(t, "over the weekend, and local shops"));
    free(t);
    const bs_article *school = by_title(is, "School Board Plans Library Expansion");
    t = bs_article_text(school);
    assert_non_null(strstr(t, "will be expanded with a new reading room"));
    free(t);
    assert_string_equal(school->kicker, "Local News");
    assert_non_null(school->deck);
    const bs_article *budget = by_title(is, "CITY COUNCIL APPROVES NEW BUDGET");
    t = bs_article_text(budget);
    assert_int_equal(count_sub(t, "keep taxes at their current level"), 1);
    free(t);
    assert_string_equal(budget->byline, "By Mary Collins");
    static const char *const bad[] = {"Photo by", "Continued from", "By Mary", "interview"};
    assert_bodies_clean(is, bad, 4);
    int cont = 0;
    for (size_t i = 0; i < is->narticles; i++)
        if (is->articles[i].continuation && is->articles[i].jump_in_line &&
            is->articles[i].nparagraphs &&
            strstr(is->articles[i].paragraphs[0], "The new bridge"))
            cont = 1;
    assert_true(cont);
    bs_issue_free(is);
}

/* testdata/reflow/en_columns.txt: a column's first word alone on a line
 * ("Five") under a story whose headline is set in capitals, the rest of
 * its sentence in lower case below; and a column's first words ending on
 * a preposition ("According to") as the page's last line, their rest read
 * at the top of the story; a column's first word over the next headline
 * ("Last"), the rest of its sentence read at the top of its story. */
static void test_en_column_openings(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/en_columns.txt", 1);
    expect_in_article(is, "OIL TANKER RUNS AGROUND NEAR HARBOR", "Five other tankers are waiting");
    expect_article_starts(is, "DOCK WORKERS END STRIKE", "HAMBURG, May 4");
    expect_in_article(is, "DOCK WORKERS END STRIKE", "According to the union, the new contract");
    expect_no_title_with(is, "Five");
    expect_no_title_with(is, "According to");
    /* A word over the next headline under a story with a paragraph that
     * opens mid-sentence ("year the ministry…") and no open end to go on
     * from: that story's last column's first word, no label. */
    expect_article_starts(is, "GRAIN EXPORTS RISE IN APRIL", "OTTAWA, May 5");
    expect_in_article(is, "GRAIN EXPORTS RISE IN APRIL", "Last year the ministry expected");
    assert_null(by_title(is, "DOCK WORKERS END STRIKE")->kicker);
    bs_issue_free(is);
}

/* testdata/reflow/zh_page_end.txt: the page ends on a column's first
 * words ("新馆计划"), the rest of their sentence read higher up, and the
 * page's staff credit: no story of their own, a part of the story above;
 * the credit in no story. */
/* testdata/reflow/en_printed.txt and zh_printed.txt: Tesseract's plain
 * text, one printed line per line and a blank line after each block:
 * each block is one paragraph (dehyphenated, no space inside Chinese),
 * a headline wrapped onto two printed lines is one (in Chinese across a
 * word cut), a credit in a block
 * stays a byline, a running head with the issue's date is no headline, a
 * news agency's sign-off closes its story, a printed line of little but a
 * date inside a paragraph stays in it. */
static void test_printed_lines(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/en_printed.txt", 1);
    assert_int_equal(is->narticles, 4);
    const char *ferry = "Harbour Ferry Service Resumes After Storm, Operator Says";
    expect_article_starts(is, ferry, "PORT ELLIS, March 1 - The harbour ferry resumed its full timetable on "
                                     "Sunday after four days of storm damage repairs");
    expect_in_article(is, ferry, "finish the operations review");
    /* The agency's sign-off ends its story and heads none. */
    expect_in_article(is, ferry, "damaged railings.\nREUTER");
    expect_no_title_with(is, "REUTER");
    assert_string_equal(by_title(is, ferry)->byline, "By Anna Clarke");
    const char *library = "Council Approves Budget For New Riverside Library";
    expect_article_starts(is, library, "GRANTHAM, March 1 - The town council approved");
    assert_string_equal(by_title(is, library)->byline, "From Staff Reports");
    expect_no_title_with(is, "HARBOUR GAZETTE");
    /* A headline in one block with the story's first lines: the dateline
     * starts the story; a byline set on two lines is one. */
    const char *dock = "Dock Workers Vote to End Strike At Northern Port";
    expect_article_starts(is, dock, "NEWPORT, March 1 - Dock workers voted on Sunday");
    /* A printed line opening on a dash inside a block is no deck. */
    expect_in_article(is, dock, "strike that had cost the port -- by its owners' count -- two weeks of cargo.");
    assert_string_equal(by_title(is, dock)->byline, "By Karen Foster and Brian Collins");
    /* So does a dateline the line break cut after its place. */
    expect_article_starts(is, "Grain Barge Runs Aground Near Lock Gates",
                          "MARLOW, Bucks., March 1 - A grain barge ran aground");
    assert_int_equal(qc_count(is, "printed_lines"), 1);
    bs_issue_free(is);

    is = reflow_file("testdata/reflow/zh_printed.txt", 1);
    assert_int_equal(is->narticles, 2);
    expect_article_starts(is, "南湖区新建三座口袋公园", "南湖区今年在老城区的空地和街角新建三座口袋公园，为周边居民");
    expect_in_article(is, "东城街道开展垃圾分类宣传进社区活动", "现场解答居民的疑问");
    /* A bare number under a line that stops inside one is its rest. */
    expect_in_article(is, "东城街道开展垃圾分类宣传进社区活动", "准确率达到95%以上。");
    /* A printed line of little but a date between two lines of a
     * paragraph is the paragraph's; the issue's date alone is not. */
    expect_in_article(is, "南湖区新建三座口袋公园", "常务会议于2026年1月15日审议通过");
    for (size_t a = 0; a < is->narticles; a++)
        for (size_t p = 0; p < is->articles[a].nparagraphs; p++)
            assert_null(strstr(is->articles[a].paragraphs[p], "2026年3月2日"));
    assert_int_equal(qc_count(is, "printed_lines"), 1);
    bs_issue_free(is);

    /* One paragraph per line (the seed's form): read as it is. */
    is = reflow_file("testdata/reflow/zh_page.txt", 1);
    assert_int_equal(qc_count(is, "printed_lines"), 0);
    bs_issue_free(is);
}

static void test_zh_page_end(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/zh_page_end.txt", 1);
    expect_article_starts(is, "市图书馆延长周末开放时间", "5月20日起");
    expect_in_article(is, "市图书馆延长周末开放时间", "新馆计划于明年底建成开放");
    expect_no_title_with(is, "新馆计划");
    expect_in_article(is, "市体育馆完成改造重新开放", "周末延长至晚上十点。");
    static const char *const furniture[] = {"责任编辑"};
    assert_bodies_clean(is, furniture, 1);
    expect_no_title_with(is, "责任编辑");
    bs_issue_free(is);
}

/* testdata/reflow/zh_hant.txt, traditional characters: a story whose
 * last two columns were read first, its lede known by the reporter's
 * source formula ("記者從…獲悉") and the headline's words, read from
 * there; a headline over the rest of a word cut by a column ("…報告" over
 * "統的規劃，…", a gain of e^0.6 as in simplified, not the e^5.6 of a
 * model that took "統" for a rare word) stays a headline, the cut
 * joined ("全面系" + "統的"). */
static void test_zh_traditional(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/zh_hant.txt", 1);
    expect_article_starts(is, "南嶺市新能源汽車產業加快發展", "記者從市工業和信息化局獲悉");
    expect_article_starts(is, "澳門特區政府發佈年度施政報告", "特區政府今天發佈");
    expect_in_article(is, "澳門特區政府發佈年度施政報告", "首個全面系統的規劃");
    bs_issue_free(is);
}

/* testdata/reflow/zh_moved.txt: the story's second column read before its
 * opening column (the column ends at a sentence, so there is no cut to
 * follow: only the lede shows where the story starts), the headline of the
 * next story right after a cut (a headline-like line after an open
 * paragraph, restated by its own lede), and a paragraph of the first story
 * printed again in the second. */
static void test_zh_moved(void **state)
{
    (void)state;
    for (int models = 0; models < 2; models++) {
        bs_issue *is = reflow_file("testdata/reflow/zh_moved.txt", models);
        const bs_article *a = by_title(is, "城南新区建成第三座污水处理厂");
        assert_string_equal(a->byline, "本报讯（记者 周明）");
        char *t = bs_article_text(a);
        /* The lede first, the moved column after it. */
        assert_ptr_equal(strstr(t, "5月8日"), t);
        assert_non_null(strstr(t, "区生态环境局局长林海表示"));
        assert_null(strstr(t, "社区食堂"));
        free(t);
        t = bs_article_text(by_title(is, "滨江路街道启用社区食堂 老人就餐享受八折优惠"));
        assert_null(strstr(t, "林海"));
        free(t);
        assert_int_equal(qc_count(is, "duplicate_removed"), 1);
        assert_true(qc_count(is, "reorder") >= 1);
        bs_issue_free(is);
    }
}

/* testdata/reflow/connectives.txt: a story's later paragraph read
 * before its opening, neither with a date or byline: the one opening on
 * a connective ("此外，", "However,") points back at something said
 * before, so it goes after the other (the headline's words alone do not
 * outweigh the cost of a move); a closing formula ("下一步，") goes
 * last. */
static void test_connective_openings(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/connectives.txt", 1);
    expect_article_starts(is, "市民政局发布冬季救助措施", "市民政局发布冬季救助措施，");
    expect_in_article(is, "市民政局发布冬季救助措施", "此外，各区还将");
    expect_article_starts(is, "CITY COUNCIL APPROVES NEW BUDGET", "The city council approved");
    expect_in_article(is, "CITY COUNCIL APPROVES NEW BUDGET", "However, two members");
    /* "下一步" (next steps) opens a story's last paragraph: read before
     * the paragraph that should precede it, it goes last. */
    expect_article_starts(is, "城东新区启用智能停车系统", "城东新区今年启用");
    char *t = bs_article_text(by_title(is, "城东新区启用智能停车系统"));
    assert_true(strstr(t, "系统运行三个月来") < strstr(t, "下一步"));
    free(t);
    assert_int_equal(qc_count(is, "reorder"), 3);
    bs_issue_free(is);
    assert_true(bs_reflow_closing_logodds("下一步，全市将推广这一做法。") > 3.0);
    assert_true(bs_reflow_closing_logodds("此外，全市新建口袋公园十个。") > 1.0);
    assert_true(bs_reflow_closing_logodds("下一步，全市将推广这一做法。") >
                bs_reflow_closing_logodds("目前，全市已建成口袋公园十个。"));
    assert_true(bs_reflow_closing_logodds("目前，全市已建成口袋公园十个。") > 0);
    assert_true(bs_reflow_closing_logodds("下午，代表们参观了港口。") == 0);
    /* "目前" as a word inside a clause is no formula. */
    assert_true(bs_reflow_closing_logodds("目前全市已建成口袋公园十个。") == 0);
    /* A frame of place, source or time closed by a comma opens a
     * clause; the same words inside a clause, or a comma too far on, do
     * not make one. */
    assert_true(bs_reflow_opens_on_frame("在城东，新建的三家服务站已投入使用。"));
    assert_true(bs_reflow_opens_on_frame("截至今年（2022年）第二季度，累计发放补贴。"));
    assert_true(bs_reflow_opens_on_frame("據介紹，全區已建成服務站。"));
    assert_false(bs_reflow_opens_on_frame("在城东新建的三家服务站已投入使用。"));
    assert_false(bs_reflow_opens_on_frame("在城东新建的三家社区卫生服务站已经全部投入使用，居民就近就医。"));
    assert_false(bs_reflow_opens_on_frame("诊疗能力，推动专家下沉社区。"));
    assert_false(bs_reflow_opens_on_frame("在城东。"));
    assert_true(bs_reflow_refers_back("此次会议为期两天。"));
    assert_true(bs_reflow_refers_back("与会代表一致认为，报告实事求是。"));
    assert_true(bs_reflow_refers_back("双方就共同关心的问题交换了意见。"));
    assert_true(bs_reflow_refers_back("會議指出，要加快發展。"));
    assert_true(bs_reflow_refers_back("He said the talks would resume."));
    /* "这个冰雪季" (this ice season) opens a story; "Italy" is no "It". */
    assert_false(bs_reflow_refers_back("这个冰雪季，黑龙江因地制宜。"));
    assert_false(bs_reflow_refers_back("Italy raised its forecast."));
    assert_false(bs_reflow_refers_back("Heavy rain closed the port."));
}

/* Column pieces the character model cannot place (testdata/reflow/
 * zh_columns.txt, each story failing on the code before these rules):
 * a headline over a moved column whose first characters seem to continue
 * it a little ("…处理厂" + "理能力…"; the story below restates the
 * headline, so it stays one); a column's first words set alone on a line,
 * under which the story above goes on (not a headline); a cut continued
 * by the top of a column rather than by a paragraph inside another column
 * ("其中" + "农村地区…", not "快递网点…"); a closing "》" that goes where
 * its "《" stands open; a column opening that ends inside a number
 * ("…充电桩1" + "200个"); a lede's column read after a column it
 * comes before (moved back whole); a first paragraph without a date kept first
 * before a later one with a statistic's deadline ("截至3月18日"); a word
 * cut in two under a line its continuation repeats; a last column read
 * first, put back after the two columns it follows, not between them; a
 * column's first words over a paragraph opening on a particle, and a real
 * headline over a column that opens on a sentence's last word; a story
 * read from a one-word sentence, which no story opens with; a column's
 * first words with an aspect particle ("会议听取了…") or with a quotation
 * left open ("“欢乐春节——江北"); a column's first words ending on a verb
 * of saying ("…负责人表示") or opening on a word no headline opens with
 * ("位于…"); a column opening on figures that end a sentence ("12.4%。");
 * a cut continued by a paragraph opening on a verb rather than by one
 * opening on a time word; a decimal point cut from its decimals, and a
 * column opening on an amount ("8个…") or a conjunction ("并将…") or
 * inside a quotation ("…计划”，"); a column's first words over the next
 * headline, which their story names, or over a paragraph opening on a
 * verb; a story read from a paragraph inside a column, which would leave
 * that column short beside the others, or from its last column, far
 * shorter than the lede's; a column's first words that repeat words of
 * the headline above, or that open a frame on "在" without its clause,
 * or end on a time word ("…自去年"); a two-part headline over a story
 * related to the one above, which stays a headline, as does one ending
 * on a number over a lede opening on "日前"; a range cut before its dash
 * ("…1" + "—9月…"), no deck; a column's first words over the next
 * headline that the story above lacks as a cut, no label; a story read
 * right that a move would start from a dated later paragraph, leaving a
 * column's last line as a run of its own; a last column read second that
 * a move of its paragraph alone would leave ending on two characters. */
static void test_zh_column_pieces(void **state)
{
    (void)state;
    bs_issue *is = reflow_file("testdata/reflow/zh_columns.txt", 1);
    expect_article_starts(is, "江北新区第二座污水处理厂", "5月8日");
    expect_in_article(is, "江北新区第二座污水处理厂", "日处理能力每天五万吨");
    expect_in_article(is, "市长会见德国汉堡市代表团", "转达对汉堡各界的良好祝愿");
    expect_no_title_with(is, "施密特");
    expect_in_article(is, "一季度全市快递业务量增长两成", "其中农村地区快递业务量增长三成。");
    expect_article_starts(is, "一季度全市快递业务量增长两成", "4月10日");
    expect_article_starts(is, "市政府常务会议审议通过两项文件", "5月12日");
    expect_in_article(is, "市政府常务会议审议通过两项文件", "形势的变化");
    expect_in_article(is, "市政府常务会议审议通过两项文件", "（试行）》等两项文件");
    expect_in_article(is, "我市加快建设新能源汽车充电网络", "公共充电桩1200个");
    /* The lede's column read second, between the two columns it comes
     * before: moved back whole, every cut continued by the next column. */
    expect_article_starts(is, "江北大桥主体工程完工", "6月3日");
    expect_in_article(is, "江北大桥主体工程完工", "接下来将进行桥面铺装");
    expect_in_article(is, "江北大桥主体工程完工", "方便两岸市民出行");
    /* A column's first two characters alone on a line are no headline,
     * though the next paragraph names them again. */
    expect_in_article(is, "暴雨袭击山区多地 救援力量紧急驰援", "江北镇多个村庄道路中断");
    /* Two formulaic paragraphs six characters in a hundred apart are both
     * kept: text repeated as read is repeated character for character. */
    expect_in_article(is, "市长签署两项政府令", "城市绿化管理办法");
    expect_in_article(is, "市长签署两项政府令", "城市供水管理办法");
    /* The last column's first words before the next headline, their rest
     * read at the top of the story: no section label over that headline. */
    expect_in_article(is, "城东新区三所公办幼儿园开园", "为减轻家庭育儿负担，新增学位两千个");
    assert_null(by_title(is, "全市公交线路完成优化调整")->kicker);
    /* A line ending on "和" is a clause cut by a column, not a headline. */
    expect_in_article(is, "老城区改造工程全面启动", "更新供水管网和供暖设施");
    /* "截至3月18日" is a statistic's deadline, not the news day. */
    expect_article_starts(is, "全市家电以旧换新销售额突破十亿元", "今年以来");
    /* A column opening whose next paragraph repeats its words is still
     * cut when a word is cut in two ("交通高" + "峰论坛"). */
    expect_in_article(is, "江北举办智慧交通论坛", "市民热议智慧交通高峰论坛上发布的");
    expect_no_title_with(is, "市民热议");
    /* A headline over a column that opens with a compound of its last
     * word ("…开放" + "公园内") stays a headline; the last column read
     * first goes last, keeping the two columns after it together. */
    expect_article_starts(is, "江北新区三座新公园开放", "4月2日");
    expect_in_article(is, "江北新区三座新公园开放",
                      "种植树木两万多株。\n公园内还建有儿童游乐场");
    /* A line over a paragraph that opens on a particle ("的岗位…") is a
     * column's first words when the story below says no more of it than
     * of the headline above; under a real headline such a paragraph (a
     * sentence's last word, "营。") is a column read out of order. */
    expect_in_article(is, "江北新区举办春季招聘会", "不少企业今年提供的岗位比去年多了三成");
    /* A line with an aspect particle ("会议听取了…") is a sentence's
     * start, not a headline, though its next paragraph starts afresh. */
    expect_in_article(is, "江北区召开安全生产工作会议", "会议听取了区应急管理局关于汛期");
    expect_no_title_with(is, "会议听取了");
    /* A line that leaves a quotation open is cut, not a headline. */
    expect_in_article(is, "江北区举办春节文化活动", "“欢乐春节——江北新春灯会”同时开幕");
    expect_no_title_with(is, "欢乐春节");
    expect_article_starts(is, "江北新区新增十条公交线路", "4月1日");
    expect_in_article(is, "江北新区新增十条公交线路", "新线路每天早上六点开始运营。");
    /* A headline over its story's last column, read first ("营企业…",
     * which the headline's last character runs into a little): the body
     * shares 6 of the headline's 14 bigrams and none of the headline
     * above's, so the story is its own (REFLOW_STORY_OWN_ECHO). */
    expect_article_starts(is, "南岭市前三季度经济运行稳中向好", "记者从南岭市统计局获悉");
    expect_in_article(is, "南岭市前三季度经济运行稳中向好", "投资结构不断优化，民营企业投资");
    /* A story read from a one-word sentence ("技术。") opens
     * mid-sentence: the lede's columns go first, the word after its cut. */
    expect_article_starts(is, "江南各地抓好春耕生产", "江南各地抢抓农时");
    expect_in_article(is, "江南各地抓好春耕生产", "推广新品种、新技术。");
    expect_in_article(is, "江南各地抓好春耕生产", "覆盖一层地膜，提高土壤温度");
    /* A line ending on a verb of saying lacks what was said: cut. */
    expect_in_article(is, "江北区推进老旧小区加装电梯", "负责人表示区里将简化审批流程");
    expect_no_title_with(is, "负责人表示");
    /* "位于" (located at) opens a sentence, never a headline. */
    expect_in_article(is, "江北区遭遇强降雨", "位于此次降雨中心附近的江北镇受灾较重");
    expect_no_title_with(is, "位于此次");
    /* A first sentence of figures alone continues a cut, here the one
     * left open on "、", never a story's lede or a new paragraph. */
    expect_article_starts(is, "江北新区工业生产快速增长", "今年以来");
    expect_in_article(is, "江北新区工业生产快速增长", "同比分别增长8.6%、12.4%。");
    /* The last column read last goes before the paragraph opening on a
     * verb ("开展…"), not before the one opening on a time word ("今年
     * 以来…"): a column is cut wherever it ended, a paragraph opens as
     * sentences do. */
    expect_in_article(is, "河湾新区启动湿地保护行动", "定期开展湿地巡护");
    expect_article_starts(is, "河湾新区启动湿地保护行动", "3月5日");
    /* A Chinese full stop after a digit is a decimal point whose
     * decimals the next column holds ("12." + "3万亩"), and a paragraph
     * opening on an amount ("8个…") is the rest of a number a column
     * cut: it opens no story. */
    expect_in_article(is, "青山县秋粮收获过半", "达到12.3万亩玉米");
    expect_article_starts(is, "江北新区新建一批口袋公园", "江北新区持续推进");
    expect_in_article(is, "江北新区新建一批口袋公园", "计划新建口袋公园28个");
    /* Nor does one opening on a word that needs what stands before it
     * ("并将…", and will). */
    expect_article_starts(is, "江北新区开通三条定制公交线路", "江北新区公交公司");
    /* A date after the first sentence ("…取得突破。今天（3月18日），…")
     * marks no lede: the summary lede goes first, not last. */
    expect_article_starts(is, "各区一批民生工程加紧推进", "各区一批民生工程项目");
    expect_in_article(is, "各区一批民生工程加紧推进", "建成后日供水能力十万吨");
    /* The paragraph restating the headline is the lede, not the dated
     * one under it that says none of its words. */
    expect_article_starts(is, "城西片区老旧管网改造全面完工", "城西片区老旧管网改造工程");
    expect_in_article(is, "城西片区老旧管网改造全面完工", "进行了通水测试");
    /* Of two leads that restate the headline alike, the one whose
     * order ends on a closing formula ("目前，…") goes first. */
    expect_article_starts(is, "江北新区新建十个口袋公园", "今年以来");
    expect_in_article(is, "江北新区新建十个口袋公园", "共种植乔木两千多株");
    /* A column opening on a frame closed by a comma ("在城东，") starts a
     * clause: it continues no cut that ends inside one ("…服务中心"). */
    expect_in_article(is, "江北区推进社区医疗服务提质", "服务中心诊疗能力");
    /* A lede dated after a clause of cause ("由于…，…13日超过警戒水位")
     * goes before a later paragraph dated in its first words. */
    /* A line ending on an office's name cut short of its rest ("区卫生
     * 健康委" + "有关负责人介绍"): a column's first words, no headline. */
    expect_in_article(is, "江北区开展夏季食品安全检查", "区卫生健康委有关负责人介绍");
    expect_no_title_with(is, "区卫生健康委");
    /* "与会代表…" (the deputies present) points back at the visit the
     * lede reports: never a story's first paragraph. */
    expect_article_starts(is, "江北区人大代表视察重点民生工程", "部分区人大代表来到江北区");
    /* A paragraph opening on a short topic sentence ("年货市场人气旺。")
     * is a roundup's later paragraph, not its lede. */
    expect_article_starts(is, "各地多彩活动迎新春", "新春佳节临近");
    expect_in_article(is, "各地多彩活动迎新春", "市民们挑选灯笼");
    /* A line ending on "对" as a preposition ("…各级政府对"), not a word
     * like 应对 or 反对: a column's first words, no headline. */
    expect_in_article(is, "市长张明会见美国商会代表团", "各级政府对公司在华发展");
    expect_no_title_with(is, "各级政府对");
    /* Two ledes that read alike ("春回大地…", "万物复苏…"), one read
     * first and one at the top of the column moved last: read from the
     * second, the story's first column would be half as deep as the
     * next, so it is read from the first. */
    expect_article_starts(is, "春到江南 花开正艳", "春回大地");
    expect_in_article(is, "春到江南 花开正艳", "在河湾镇，当地把油菜花观光");
    expect_in_article(is, "春到江南 花开正艳", "与湖光山色相映成趣");
    /* A story read from its last column, cut short ("…分类精"): its run
     * before the cut would be a quarter of the lede's column, far too
     * short for a column, so the lede goes first. */
    expect_article_starts(is, "各地加强春季果树管护", "目前，我省果树");
    expect_in_article(is, "各地加强春季果树管护", "分类精准管护");
    /* A line that only repeats words of the headline above, under that
     * story's text ("地铁三号线一期工程"), is a column's first words. */
    expect_in_article(is, "地铁三号线一期工程开通运营 市民出行更便捷", "一期工程沿线的商场");
    /* A line opening on "在" with no main clause after its frame ("在回答
     * …的提问" + "时，…") is a column's first words, no headline. */
    expect_no_title_with(is, "在回答记者");
    expect_in_article(is, "江北区通报民生实事项目进展", "老旧小区改造的提问时，区住房和城乡建设局");
    /* A line ending on a time word ("展览自去年") waits for its event:
     * a column's first words, though the next paragraph opens on a date. */
    expect_no_title_with(is, "展览自去年");
    expect_in_article(is, "江北区民俗文物展在区博物馆展出", "展览自去年10月1日开展以来");
    /* A line in two parts with a space between is a headline though its
     * story says as much of the related one above. */
    expect_article_starts(is, "七月外贸运行平稳 结构优化明显", "江北新区商务局今天公布");
    /* Nor does a column read out of order under it ("的稻谷…") make
     * such a line a column's first words. */
    expect_in_article(is, "金秋时节 喜获好收成", "城南镇的农民抓住晴好天气");
    /* A dash before a digit ("—9月…") is the rest of a range cut by a
     * column ("…1" + "—9月"), no deck. */
    expect_in_article(is, "江北区前三季度物价运行平稳", "环比持平。1—9月平均看");
    /* A two-part headline ending on a ratio ("104∶1") over a lede that
     * opens on "日前" is no number cut in two. */
    expect_article_starts(is, "江北新区常住人口突破百万 男女比例为104∶1", "日前，江北新区统计局");
    /* Its last character and the first of a column read under it
     * making a word by chance ("…创新高" + "度超过…") leave it one. */
    expect_article_starts(is, "青山湖景区迎来客流高峰 游客量创新高", "国庆假期");
    expect_in_article(is, "青山湖景区迎来客流高峰 游客量创新高", "游客参观的热度超过去年同期");
    /* A headline's last character and the first of a column read under
     * it making a word by chance ("…区政府令" + "表大会…", 4.2) leave a
     * headline with no space one too. */
    expect_article_starts(is, "区长签署第五号区政府令", "3月1日");
    expect_in_article(is, "区长签署第五号区政府令", "区人民代表大会常务委员会");
    /* A brief summary read last, a long dated paragraph cut by a column
     * read before it, the headline echoed about as much: a Chinese lede
     * is brief, the summary is first. */
    expect_article_starts(is, "东湖区各地举办活动喜迎元宵", "元宵佳节将至");
    expect_in_article(is, "东湖区各地举办活动喜迎元宵", "不时发出阵阵欢声笑语");
    expect_article_starts(is, "清水河水位超过警戒线 青山县全力防汛", "由于上游连降暴雨");
    expect_in_article(is, "清水河水位超过警戒线 青山县全力防汛", "防汛物资，确保");
    /* A line over a headline that the story above names, not the story
     * below, is that story's last column's first words, no label. */
    expect_in_article(is, "青山湖景区推出夜游项目", "青山湖景区管理处负责人介绍");
    assert_null(by_title(is, "江北新区新开一家社区食堂")->kicker);
    /* A column that closes a quotation before it opens one starts inside
     * it, cut from its opening mark: no story's first paragraph. */
    expect_article_starts(is, "江北新区发布人才新政", "江北新区发布人才新政，");
    /* A line over a paragraph opening on a verb ("介绍了…") that tells
     * no more of the line than of the headline above: a column's first
     * words, not a headline. */
    expect_in_article(is, "青山县举办农民丰收节", "县农业农村局介绍了今年");
    expect_no_title_with(is, "县农业农村局");
    /* A line ending on a word that needs what follows it ("…近", nearly)
     * is a column's first words: no headline ends so. */
    expect_in_article(is, "江北区开展夏季消防安全检查", "已走访近三百家单位");
    expect_no_title_with(is, "已走访近");
    /* A line over a headline whose story above holds a paragraph that
     * goes on from the line ("…今天迎" + "来入冬后…") better than from any
     * open end there: that story's last column's first words, no label. */
    assert_null(by_title(is, "青山县迎来入冬后首场降雪")->kicker);
    expect_in_article(is, "青山县迎来入冬后首场降雪", "青山县城区今天迎来入冬后的首场降雪");
    assert_null(by_title(is, "东湖区新建三座城市公园")->kicker);
    /* A story read in the right order whose later dated paragraph
     * ("16日上午，…正式开放") reads more like a lede than its first: read
     * from there, the cut paragraph's rest ("民带着孩子…") would be a
     * column of one line before the moved seam. */
    expect_article_starts(is, "江北新区文化中心正式开放", "经过三年建设");
    expect_in_article(is, "江北新区文化中心正式开放", "不少市民带着孩子");
    /* The last column ("上。" + "对困难群体…") read second: put last
     * whole, not its paragraph alone, which would leave "上。" as the
     * story's last column. */
    expect_in_article(is, "江北新区稳就业成效明显", "两千家以上。\n对困难群体");
    bs_issue_free(is);
}

/* What marks a story's first paragraph: the news day, the source
 * formula; not a date with its year (history), after 截至 (as of) or 自
 * (since). */
static void test_lede_score(void **state)
{
    (void)state;
    assert_true(bs_reflow_lede_score("5月8日，新区第三座污水处理厂通水。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("记者从市交通运输局获悉，地铁三号线将于年底通车。", NULL) >= 1.0);
    /* The day after a leader's titles, still in the first clause. */
    assert_true(bs_reflow_lede_score("市委常委、常务副市长、市政府党组副书记张明20日下午会见了客商代表。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("截至3月18日，已有十二万名消费者申请补贴。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("大桥自2021年12月3日开通以来运行平稳。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("2006年7月1日，铁路全线通车。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("目前，台风仍维持强台风级，预计将于11日白天登陆。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("会议期间，代表们参观了港口。", NULL) < 1.0);
    /* "For days now" sets a lede's time frame; "on the occasion of" a
     * later paragraph's as often. */
    assert_true(bs_reflow_lede_score("连日来，全市各地开展植树活动。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("访问之际，两国发表联合声明。", NULL) < 1.0);
    /* The reporter "also learned": a later paragraph. */
    assert_true(bs_reflow_lede_score("记者同时了解到，全市新增充电桩两千个。", NULL) < 1.0);
    /* A date or source formula after the first sentence: a roundup's
     * later paragraph, its topic sentence first. */
    assert_true(bs_reflow_lede_score("港口建设取得突破。今天（3月18日），新码头开港。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("港口建设取得突破。记者从市港务局获悉，新码头开港。", NULL) < 1.0);
    assert_true(bs_reflow_lede_score("今天（3月18日），新码头开港。", NULL) >= 1.0);
    /* The date after a clause of cause, still in the first sentence; the
     * 日 of a word before it ("节日") and a date with its year are passed
     * over for the next date. */
    assert_true(bs_reflow_lede_score("由于上游连降暴雨，青山县境内的清水河水位持续上涨，12日超过警戒水位。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("节日期间，全市各大商圈客流明显增长，3日接待游客超过五十万人次。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("新大桥2021年12月3日开工建设，18日正式通车。", NULL) >= 1.0);
    assert_true(bs_reflow_lede_score("节日期间，全市各大商圈客流明显增长。", NULL) < 1.0);
}

/* A closing mark fits after the fragment that left its opener open. */
static void test_bracket_fit(void **state)
{
    (void)state;
    assert_int_equal(bs_reflow_bracket_fit("审议通过了《关于养老服务的意见（试行）", "》等两项文件"), 1);
    assert_int_equal(bs_reflow_bracket_fit("分析了当前经济形势的", "》等两项文件"), -1);
    /* Closed again before the cut: not open any more. */
    assert_int_equal(bs_reflow_bracket_fit("通过了《意见》和《办法", "》。"), 1);
    assert_int_equal(bs_reflow_bracket_fit("通过了《意见》和办法", "》。"), -1);
    assert_int_equal(bs_reflow_bracket_fit("he said (in March", ") that"), 1);
    assert_int_equal(bs_reflow_bracket_fit("分析了当前经济形势的", "变化，部署了"), 0);
    /* A closing mark further in, before any opening one: the fragment
     * starts inside the quotation all the same. */
    assert_int_equal(bs_reflow_bracket_fit("推出“人才培育计划”和“", "人才安居计划”，为引进人才"), 1);
    assert_int_equal(bs_reflow_bracket_fit("会议听取了汇报。", "人才安居计划”，为引进人才"), -1);
    assert_int_equal(bs_reflow_bracket_fit("推出“人才培育计划”和“", "为引进人才推出“安居计划”"), 0);
    assert_true(bs_reflow_opens_inside_quotation("人才安居计划”，为引进人才"));
    assert_true(bs_reflow_opens_inside_quotation("）》等两项文件"));
    assert_false(bs_reflow_opens_inside_quotation("推出“人才安居计划”，为引进人才"));
    assert_false(bs_reflow_opens_inside_quotation("会议听取了汇报。"));
    assert_false(bs_reflow_opens_inside_quotation(""));
}

/* What a story is about: the share of a headline's bigrams in its body,
 * read beyond the lede. */
static void test_story_echo(void **state)
{
    (void)state;
    bs_strbuf body = BS_STRBUF_INIT;
    for (int i = 0; i < 20; i++)
        bs_strbuf_addstr(&body, "会议听取了情况汇报。");
    bs_strbuf_addstr(&body, "代表团考察了港口物流园区。");
    /* Past the lede's 400 bytes, still read. */
    assert_true(bs_reflow_title_echo("代表团考察港口", body.buf) == 0.0);
    assert_true(bs_reflow_story_echo("代表团考察港口", body.buf) > 0.5);
    assert_true(bs_reflow_story_echo("城东公园开放", body.buf) == 0.0);
    bs_strbuf_release(&body);
    /* English headlines echo by words, function words left out: the
     * letters of "Five" are in "Silvertown", the word is not. */
    assert_true(bs_reflow_title_echo("Five", "other ships are waiting at Silvertown to be unloaded") == 0.0);
    assert_true(bs_reflow_title_echo("The", "The company said the plan would go ahead.") == 0.0);
    assert_true(bs_reflow_title_echo("HARBOR FESTIVAL DRAWS CROWDS",
                                     "PORTVILLE - Thousands came to the harbor festival.") == 0.5);
}

static void test_roles(void **state)
{
    (void)state;
    assert_int_equal(bs_reflow_line_role("本报记者 胡晨"), BS_ROLE_BYLINE);
    assert_int_equal(bs_reflow_line_role("（上接第一版）"), BS_ROLE_JUMP_IN);
    assert_int_equal(bs_reflow_line_role("——访市人社局党组成员"), BS_ROLE_DECK);
    assert_int_equal(bs_reflow_line_role("本报记者 史晶 通讯员 乔晓辉 摄"), BS_ROLE_CAPTION);
    assert_int_equal(bs_reflow_line_role("党纪党规进基层"), BS_ROLE_HEADLINE);
    /* The issue's date line holds the date and what goes with it; a
     * headline opening on a month tells more. */
    assert_int_equal(bs_reflow_line_role("2020年10月28日 星期三"), BS_ROLE_DATELINE);
    assert_int_equal(bs_reflow_line_role("2023年3月5日 星期日 农历二月十四"), BS_ROLE_DATELINE);
    assert_int_equal(bs_reflow_line_role("人民日报 2023年3月5日 星期日"), BS_ROLE_DATELINE);
    assert_int_equal(bs_reflow_line_role("2025年12月CPI同比上涨0.8%"), BS_ROLE_HEADLINE);
    assert_int_equal(bs_reflow_line_role("2026年1月物流业景气指数保持扩张态势"), BS_ROLE_HEADLINE);
    assert_int_equal(bs_reflow_line_role("持之以恒增强人才素质。深入"), BS_ROLE_BODY);
    assert_int_equal(bs_reflow_line_role("the rest of a sentence cut by a column"), BS_ROLE_BODY);
    /* A sentence's opening words cut off by a column, no headline: they
     * point back ("双方同意进一步加强") or frame a clause ("随着新区人口"). */
    assert_int_equal(bs_reflow_line_role("双方同意进一步加强"), BS_ROLE_BODY);
    assert_int_equal(bs_reflow_line_role("随着新区人口不断增长"), BS_ROLE_BODY);
    assert_int_equal(bs_reflow_line_role("两岸企业家峰会年会开幕"), BS_ROLE_HEADLINE);
    assert_true(bs_reflow_ends_open("全面落实劳"));
    assert_false(bs_reflow_ends_open("吴强说。"));
    assert_true(bs_reflow_starts_open("、踊跃参加"));
    assert_false(bs_reflow_starts_open("备、踊跃参加"));
}

/* The seed page: one assertion per listed defect. */
/* A join's QC detail quotes the end of the cut paragraph; where that end
 * holds digits among CJK text, a cut by bytes would start inside a
 * character, and an invalid detail cannot go into issue.json (it was
 * dropped there).  Every detail is valid UTF-8. */
static void test_qc_details_utf8(void **state)
{
    (void)state;
    bs_strbuf text = BS_STRBUF_INIT;
    bs_strbuf_addstr(&text, "会议召开\n\n");
    for (int i = 0; i < 30; i++)
        bs_strbuf_addstr(&text, "甲");
    bs_strbuf_addstr(&text, "12");
    for (int i = 0; i < 19; i++)
        bs_strbuf_addstr(&text, "乙");
    bs_strbuf_addstr(&text, "\n\n丙丁戊己庚辛。\n");
    bs_issue *is = bs_issue_new();
    bs_reflow_text(is, text.buf, 1, NULL, NULL);
    bs_reflow_issue_finish(is, NULL);
    assert_true(qc_count(is, "join") >= 1);
    for (size_t i = 0; i < is->nqc; i++)
        assert_int_equal(bs_utf8_validate(is->qc[i].detail, strlen(is->qc[i].detail), NULL), 0);
    bs_issue_free(is);
    bs_strbuf_release(&text);
}

static void test_seed(void **state)
{
    (void)state;
    const char *shared = bs_test_shared();
    char *path = shared ? bs_test_path(shared, "seed/000_1228961514fb93d9.txt") : NULL;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) {
        free(path);
        skip();
    }
    fclose(f);
    for (int models = 0; models < 2; models++) {
        bs_issue *is = reflow_file(path, models);
        /* 1. fragments out of order: the 大讲堂 story starts with its head. */
        char *t = bs_article_text(by_title(is, "市政府举办第六期秘书长科长大讲堂活动"));
        assert_non_null(strstr(t, "积极准备、踊跃参加"));
        assert_true(strstr(t, "积极准备") < strstr(t, "下一步"));
        free(t);
        /* 2. paragraphs cut at column breaks. */
        t = bs_article_text(by_title(is, "践行嘱托争出彩 举人社系统之力 为宜居许昌添彩"));
        assert_non_null(strstr(t, "深入实施全民技能振兴工程"));
        assert_non_null(strstr(t, "全面落实劳动合同制度"));
        free(t);
        /* 3. the paragraph printed twice appears once in all bodies. */
        int copies = 0;
        for (size_t i = 0; i < is->narticles; i++) {
            t = bs_article_text(&is->articles[i]);
            copies += count_sub(t, "会上，市发改委相关负责同志介绍了");
            free(t);
        }
        assert_int_equal(copies, 1);
        /* 4. "(上接第一版)" continuations. */
        const bs_article *zx = by_title(is, "郑许一体化的“许昌进击”");
        assert_true(zx->continuation && zx->jump_in_line);
        /* 5. section labels kept out of bodies, as kickers. */
        assert_string_equal(by_title(is, "我市农村户厕改造 整村推进任务全部完成")->kicker,
                            "“智造之都 宜居之城”建设 督查访谈");
        assert_string_equal(by_title(is, "许昌经济技术开发区： 廉政教育全覆盖")->kicker, "党纪党规进基层");
        /* 6. bylines. */
        assert_string_equal(by_title(is, "践行嘱托争出彩 举人社系统之力 为宜居许昌添彩")->byline,
                            "本报记者 胡晨");
        assert_string_equal(by_title(is, "市七届人大常委会召开第五十一次主任（扩大）会议")->byline,
                            "本报讯（记者 李新）");
        /* 7. the deck. */
        assert_string_equal(by_title(is, "践行嘱托争出彩 举人社系统之力 为宜居许昌添彩")->deck,
                            "——访市人社局党组成员、副局长张述平");
        /* 8. caption and photo credit. */
        static const char *const bad[] = {"图为10月26日", "乔晓辉 摄", "上接第一版", "党纪党规进基层\n"};
        assert_bodies_clean(is, bad, 4);
        bs_issue_free(is);
    }
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_zh_fixture),
        cmocka_unit_test(test_en_fixture),
        cmocka_unit_test(test_en_column_openings),
        cmocka_unit_test(test_zh_page_end),
        cmocka_unit_test(test_zh_traditional),
        cmocka_unit_test(test_printed_lines),
        cmocka_unit_test(test_qc_details_utf8),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_zh_moved),
        cmocka_unit_test(test_connective_openings),
        cmocka_unit_test(test_zh_column_pieces),
        cmocka_unit_test(test_bracket_fit),
        cmocka_unit_test(test_lede_score),
        cmocka_unit_test(test_story_echo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
