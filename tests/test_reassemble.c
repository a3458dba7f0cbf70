/*
 * test_reassemble.c - one page's regions to articles, end to end, on
 * hand-made page models in Chinese and English: headline territories,
 * bylines (inline formula and own line), a paragraph cut by a column break,
 * a paragraph read twice, captions and credits (own region and mixed into
 * a column), jump lines and continuation parts, page furniture, briefs
 * separated by a rule and white space, and bad input.
 *
 * Fixture text is invented for these tests.  Geometry: Chinese is set at
 * 20 px per character on a 30 px pitch in 200 px columns (10 characters a
 * line, two ideographic spaces of indent); English at 10 px per character
 * (20 px line boxes, 30 px pitch) in 300 px columns, full lines justified.
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
#include "reassemble.h"
#include "unicode.h"

#define EM 20    /* CJK character width and line box height, px */
#define PITCH 30 /* line pitch, px */
#define LATIN_W 10

/* Code points in s, and how many leading U+3000 it has. */
static size_t cp_count(const char *s, size_t *lead_spaces)
{
    uint32_t *cp;
    size_t n;
    assert_int_equal(bs_utf8_decode(s, strlen(s), &cp, &n, NULL), 0);
    size_t lead = 0;
    while (lead < n && cp[lead] == 0x3000)
        lead++;
    free(cp);
    if (lead_spaces)
        *lead_spaces = lead;
    return n;
}

/* A Chinese block at (x, y): one line per string, leading ideographic
 * spaces indent, width = characters x EM. */
static bs_region *zh_block(bs_page *p, bs_role role, int x, int y, const char *const *lines,
                           size_t n)
{
    bs_box *boxes = calloc(n, sizeof(*boxes));
    bs_box all = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t lead;
        size_t len = cp_count(lines[i], &lead);
        boxes[i] = (bs_box){x + (int)lead * EM, y + (int)i * PITCH, (int)(len - lead) * EM, EM};
        all = i ? bs_box_union(all, boxes[i]) : boxes[i];
    }
    bs_region *r = bs_page_add_region(p, role, all);
    r->conf = 0.9f;
    for (size_t i = 0; i < n; i++)
        bs_region_add_line(r, lines[i], boxes[i], 0.9f);
    free(boxes);
    return r;
}

/* An English block in a column of width colw: ">" opens an indented
 * line, "$" ends a paragraph's last line (set at its natural width);
 * other lines are justified to the full width. */
static bs_region *en_block(bs_page *p, bs_role role, int x, int y, int colw,
                           const char *const *lines, size_t n)
{
    bs_box *boxes = calloc(n, sizeof(*boxes));
    char **texts = calloc(n, sizeof(*texts));
    bs_box all = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const char *t = lines[i];
        int indent = t[0] == '>';
        if (indent)
            t++;
        size_t len = strlen(t);
        int last = len && t[len - 1] == '$';
        if (last)
            len--;
        texts[i] = strndup(t, len);
        int lx = x + (indent ? EM : 0);
        int w = last ? (int)len * LATIN_W : colw - (lx - x);
        boxes[i] = (bs_box){lx, y + (int)i * PITCH, w, EM};
        all = i ? bs_box_union(all, boxes[i]) : boxes[i];
    }
    bs_region *r = bs_page_add_region(p, role, all);
    for (size_t i = 0; i < n; i++) {
        bs_region_add_line(r, texts[i], boxes[i], -1);
        free(texts[i]);
    }
    free(texts);
    free(boxes);
    return r;
}

/* One line at an explicit box, as its own region. */
static bs_region *one_line(bs_page *p, bs_role role, bs_box b, const char *text)
{
    bs_region *r = bs_page_add_region(p, role, b);
    bs_region_add_line(r, text, b, -1);
    return r;
}

static size_t count_qc(const bs_issue *issue, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < issue->nqc; i++)
        n += strcmp(issue->qc[i].kind, kind) == 0;
    return n;
}

static int has_region(const bs_article *a, const char *id)
{
    for (size_t p = 0; p < a->nparts; p++)
        for (size_t r = 0; r < a->parts[p].nregions; r++)
            if (strcmp(a->parts[p].regions[r], id) == 0)
                return 1;
    return 0;
}

/* The article titled title, or NULL. */
/* The article titled title; fails the test, listing the titles there
 * are, when there is none. */
static const bs_article *article_titled(const bs_issue *issue, const char *title)
{
    for (size_t i = 0; i < issue->narticles; i++)
        if (issue->articles[i].title && strcmp(issue->articles[i].title, title) == 0)
            return &issue->articles[i];
    for (size_t i = 0; i < issue->narticles; i++)
        print_message("  article %zu: \"%s\"\n", i, issue->articles[i].title ? issue->articles[i].title : "");
    fail_msg("no article titled \"%s\"", title);
    return NULL;
}

static void expect_paragraphs(const bs_article *a, const char *const *want, size_t n)
{
    if (a->nparagraphs != n) {
        for (size_t i = 0; i < a->nparagraphs; i++)
            print_message("  got paragraph %zu: \"%s\"\n", i, a->paragraphs[i]);
        fail_msg("%zu paragraphs, want %zu", a->nparagraphs, n);
    }
    for (size_t i = 0; i < a->nparagraphs && i < n; i++)
        if (strcmp(a->paragraphs[i], want[i]) != 0)
            fail_msg("paragraph %zu:\n  got  \"%s\"\n  want \"%s\"", i, a->paragraphs[i], want[i]);
    assert_int_equal(a->nparagraphs, n);
}

/* ---- a byline formula on a line of its own --------------------------- */

/* "本報訊（記者 … 通訊員 …）" set as the first paragraph of the column,
 * wrapped over two lines of a narrow column, the story starting under it
 * (a traditional-Chinese page): that paragraph is the byline, not the
 * story's first paragraph. */
static void test_byline_formula_own_line(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 150, 400, 40}, "河濱步道全線貫通");
    static const char *const body[] = {
        "本報訊（記者　何青　通",
        "訊員　林曉）",
        "　　沿河十二公里步道",
        "昨日全線貫通，市民可",
        "從城東步行到城西。",
        "　　步道沿線新設休息",
        "點二十處。",
    };
    zh_block(p, BS_ROLE_BODY, 50, 200, body, 7);
    bs_reassemble_page(issue, p, NULL);
    const bs_article *a = article_titled(issue, "河濱步道全線貫通");
    assert_non_null(a->byline);
    assert_string_equal(a->byline, "本報訊（記者 何青 通訊員 林曉）");
    static const char *const want[] = {
        "沿河十二公里步道昨日全線貫通，市民可從城東步行到城西。",
        "步道沿線新設休息點二十處。",
    };
    expect_paragraphs(a, want, 2);
    bs_issue_free(issue);
}

/* ---- Chinese front page ------------------------------------------------ */

/* Story A (cols 1-2): inline byline formula, a paragraph cut at the column
 * break ("深入" / "实施"), a jump-out line.  Story B (cols 3-4): byline on
 * its own line, a photo with a credit, a caption mixed into the column
 * text, and one paragraph read twice by an overlapping stray block. */
static bs_issue *zh_front_page(void)
{
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_BODY, (bs_box){400, 20, 200, 80}, "晨光日报");
    one_line(p, BS_ROLE_BODY, (bs_box){380, 110, 240, 20}, "2024年5月6日 星期一");

    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 150, 400, 40}, "老旧小区改造全面提速");
    static const char *const a1[] = {
        "　　本报讯（记者　王",
        "明）近日，全市老旧小",
        "区改造工作推进会召开",
        "，会议要求各区加快进",
        "度。",
        "　　今年以来，全市已",
        "完成改造小区一百二十",
        "个，惠及居民三万余户",
        "，群众满意。",
        "　　下一步，全市各区",
        "将结合实际，持续深入",
    };
    zh_block(p, BS_ROLE_BODY, 50, 200, a1, 11);
    static const char *const a2[] = {
        "实施城市更新行动，统", "筹推进管网改造和加装", "电梯工作。",
        "　　会议强调，要坚持", "居民自愿原则，成熟一", "个改造一个。",
    };
    bs_region *col2 = zh_block(p, BS_ROLE_BODY, 270, 200, a2, 6);
    /* The jump-out line, right-aligned under the column's last line. */
    bs_region_add_line(col2, "（下转第二版）", (bs_box){330, 200 + 6 * PITCH, 7 * EM, EM}, 0.9f);
    col2->box = bs_box_union(col2->box, col2->lines[6].box);

    one_line(p, BS_ROLE_HEADLINE, (bs_box){490, 150, 400, 40}, "夜市经济点亮城市烟火");
    static const char *const by[] = {"本报记者　李华　通讯员　周洁"};
    zh_block(p, BS_ROLE_BODY, 490, 200, by, 1);
    static const char *const b3[] = {
        "　　入夏以来，城区三", "处夜市陆续开业，每晚", "吸引市民消费。", "　　商户们推出特色小",
        "吃和文创产品，夜市营", "业额比去年同期增长三", "成。",
    };
    zh_block(p, BS_ROLE_BODY, 490, 230, b3, 7);
    /* The same paragraph again: a stray block over the column's lower part. */
    zh_block(p, BS_ROLE_BODY, 490, 230 + 3 * PITCH, b3 + 3, 4);
    bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){710, 200, 200, 150});
    static const char *const credit[] = {"本报记者　李华　摄"};
    zh_block(p, BS_ROLE_BODY, 710, 360, credit, 1);
    static const char *const b4[] = {
        "图为夜市一角。",
        "　　市商务局表示，将",
        "引导夜市规范经营，打",
        "造消费新名片。",
    };
    zh_block(p, BS_ROLE_BODY, 710, 400, b4, 4);
    return issue;
}

static void test_zh_front_page(void **state)
{
    (void)state;
    bs_issue *issue = zh_front_page();
    bs_page *p = &issue->pages[0];
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(p->regions[0].role, BS_ROLE_MASTHEAD);
    assert_int_equal(p->regions[1].role, BS_ROLE_DATELINE);
    assert_int_equal(issue->narticles, 2);

    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->title, "老旧小区改造全面提速");
    assert_string_equal(a->byline, "本报讯（记者 王明）");
    static const char *const pa[] = {
        "近日，全市老旧小区改造工作推进会召开，会议要求各区加快进度。",
        "今年以来，全市已完成改造小区一百二十个，惠及居民三万余户，群众满意。",
        "下一步，全市各区将结合实际，持续深入实施城市更新行动，统筹推进管网改造和加装电梯工作。",
        "会议强调，要坚持居民自愿原则，成熟一个改造一个。",
    };
    expect_paragraphs(a, pa, 4);
    assert_string_equal(a->jump_out_line, "（下转第二版）");
    assert_string_equal(a->jump_out_region, "p1r5");
    assert_null(a->jump_in_line);
    assert_int_equal(a->continuation, 0);
    assert_int_equal(a->ncaptions, 0);
    assert_true(has_region(a, "p1r3") && has_region(a, "p1r4") && has_region(a, "p1r5"));
    assert_false(has_region(a, "p1r1") || has_region(a, "p1r2"));
    assert_true(a->confidence > 0.5f && a->confidence <= 1.0f);

    const bs_article *b = &issue->articles[1];
    assert_string_equal(b->title, "夜市经济点亮城市烟火");
    assert_string_equal(b->byline, "本报记者 李华 通讯员 周洁");
    static const char *const pb[] = {
        "入夏以来，城区三处夜市陆续开业，每晚吸引市民消费。",
        "商户们推出特色小吃和文创产品，夜市营业额比去年同期增长三成。",
        "市商务局表示，将引导夜市规范经营，打造消费新名片。",
    };
    expect_paragraphs(b, pb, 3);
    assert_int_equal(b->ncaptions, 2);
    assert_string_equal(b->captions[0], "本报记者李华摄");
    assert_string_equal(b->captions[1], "图为夜市一角。");
    assert_null(b->jump_out_line);
    /* Photo and credit belong to story B. */
    assert_true(has_region(b, "p1r10") && has_region(b, "p1r11"));
    assert_int_equal(p->regions[10].role, BS_ROLE_CAPTION);
    assert_int_equal(p->regions[9].article, 1);

    /* The stray copy (the smaller block) went, with both places in QC. */
    assert_int_equal(count_qc(issue, "duplicate_removed"), 1);
    for (size_t i = 0; i < issue->nqc; i++)
        if (!strcmp(issue->qc[i].kind, "duplicate_removed")) {
            assert_non_null(strstr(issue->qc[i].detail, "region p1r9"));
            assert_non_null(strstr(issue->qc[i].detail, "region p1r8"));
        }
    assert_int_equal(count_qc(issue, "join"), 1);
    /* Reading order: masthead, dateline, then story A before story B. */
    assert_true(p->regions[0].order < p->regions[2].order);
    assert_true(p->regions[3].order < p->regions[4].order);
    assert_true(p->regions[4].order < p->regions[7].order);
    bs_issue_free(issue);
}

static void test_zh_dedup_can_be_disabled(void **state)
{
    (void)state;
    bs_issue *issue = zh_front_page();
    bs_reassemble_options opt = bs_reassemble_options_default();
    opt.no_dedup = 1;
    bs_reassemble_page(issue, &issue->pages[0], &opt);
    static const char *const pb[] = {
        "入夏以来，城区三处夜市陆续开业，每晚吸引市民消费。",
        "商户们推出特色小吃和文创产品，夜市营业额比去年同期增长三成。",
        "商户们推出特色小吃和文创产品，夜市营业额比去年同期增长三成。",
        "市商务局表示，将引导夜市规范经营，打造消费新名片。",
    };
    expect_paragraphs(&issue->articles[1], pb, 4);
    assert_string_equal(issue->articles[1].paragraphs[1], issue->articles[1].paragraphs[2]);
    assert_int_equal(count_qc(issue, "duplicate_removed"), 0);
    bs_issue_free(issue);
}

/* ---- Chinese continuation page ----------------------------------------- */

static void test_zh_continuation(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 2);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_BODY, (bs_box){50, 20, 500, 20}, "第2版 · 晨光日报 · 2024年5月6日 星期一");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 80, 400, 40}, "老旧小区改造全面提速");
    one_line(p, BS_ROLE_BODY, (bs_box){50, 130, 140, 20}, "（上接第一版）");
    static const char *const c1[] = {
        "工作完成后，小区面貌",
        "焕然一新。",
        "　　居民们纷纷表示，",
        "生活更方便了。",
    };
    zh_block(p, BS_ROLE_BODY, 50, 160, c1, 4);
    one_line(p, BS_ROLE_BODY, (bs_box){450, 1360, 100, 20}, "第2版");
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(p->regions[0].role, BS_ROLE_RUNNING_HEAD);
    assert_int_equal(p->regions[2].role, BS_ROLE_JUMP_IN);
    assert_int_equal(p->regions[4].role, BS_ROLE_FOLIO);
    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_int_equal(a->continuation, 1);
    assert_string_equal(a->cont_head, "老旧小区改造全面提速");
    assert_string_equal(a->jump_in_line, "（上接第一版）");
    assert_string_equal(a->jump_in_region, "p2r3");
    static const char *const want[] = {"工作完成后，小区面貌焕然一新。",
                                       "居民们纷纷表示，生活更方便了。"};
    expect_paragraphs(a, want, 2);
    assert_false(has_region(a, "p2r1") || has_region(a, "p2r5"));
    bs_issue_free(issue);
}

/* ---- English page ----------------------------------------------------- */

static void test_en_page(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 100, 420, 40}, "Council Backs Harbour Plan");
    one_line(p, BS_ROLE_BODY, (bs_box){50, 150, 140, 20}, "By Jane Porter");
    static const char *const c1[] = {
        ">The city council voted on",  "Monday to back the harbour",
        "plan, which has divided",     "residents for years.$",
        ">Supporters said the scheme", "would strengthen local democ-",
    };
    en_block(p, BS_ROLE_BODY, 50, 180, 300, c1, 6);
    static const char *const c2[] = {
        "racy by giving a well-",
        "known local trust a seat on",
        "the board.$",
    };
    bs_region *col2 = en_block(p, BS_ROLE_BODY, 370, 180, 300, c2, 3);
    bs_region_add_line(col2, "Continued on Page A6", (bs_box){470, 180 + 3 * PITCH, 200, EM}, -1);
    col2->box = bs_box_union(col2->box, col2->lines[3].box);
    bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){690, 180, 300, 150});
    one_line(p, BS_ROLE_BODY, (bs_box){690, 335, 300, 20}, "The harbour at dawn. (Staff photo)");

    /* Briefs under a rule: no headline, two items apart by white space. */
    bs_page_add_region(p, BS_ROLE_RULE, (bs_box){50, 700, 940, 3});
    static const char *const r1[] = {">The library will open on", "Sundays from June.$"};
    en_block(p, BS_ROLE_BODY, 50, 720, 300, r1, 2);
    static const char *const r2[] = {">Road works on Mill Lane", "end on Friday.$"};
    en_block(p, BS_ROLE_BODY, 50, 850, 300, r2, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 3);
    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->title, "Council Backs Harbour Plan");
    assert_string_equal(a->byline, "By Jane Porter");
    static const char *const want[] = {
        "The city council voted on Monday to back the harbour plan, which has divided residents "
        "for years.",
        "Supporters said the scheme would strengthen local democracy by giving a well-known "
        "local trust a seat on the board.",
    };
    expect_paragraphs(a, want, 2);
    assert_string_equal(a->jump_out_line, "Continued on Page A6");
    assert_int_equal(a->ncaptions, 1);
    assert_string_equal(a->captions[0], "The harbour at dawn. (Staff photo)");
    assert_true(has_region(a, "p1r5") && has_region(a, "p1r6"));

    assert_null(issue->articles[1].title);
    static const char *const b1[] = {"The library will open on Sundays from June."};
    expect_paragraphs(&issue->articles[1], b1, 1);
    static const char *const b2[] = {"Road works on Mill Lane end on Friday."};
    expect_paragraphs(&issue->articles[2], b2, 1);
    assert_int_equal(count_qc(issue, "join"), 1);
    bs_issue_free(issue);
}

/* An L-shaped story: the headline over columns 1-2, a photo over columns
 * 3-4 and its caption, the story running on under them (column 3 continues a cut
 * sentence, column 4 starts a paragraph level with column 3), a byline
 * in bold type that the layout cut into two regions, and a new story
 * below a line of white across the page. */
static void test_en_l_shaped_story(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1400;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 620, 60}, "Budget Sees Growth at Three Pct");
    one_line(p, BS_ROLE_BODY, (bs_box){50, 130, 200, 20}, "From Staff and Wire");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 152, 70, 24}, "Reports");
    static const char *const c1[] = {
        ">LONDON, March 17 - The",     "chancellor said growth would",
        "reach three pct this year.$", ">He said the current account",
    };
    en_block(p, BS_ROLE_BODY, 50, 190, 300, c1, 4);
    static const char *const c2[] = {
        "deficit would be smaller than", "forecast and that inflation",
        "would stay near four pct",      "while the government kept",
    };
    en_block(p, BS_ROLE_BODY, 370, 190, 300, c2, 4);
    bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){690, 50, 620, 170});
    one_line(p, BS_ROLE_BODY, (bs_box){690, 228, 270, 20}, "File picture. (Staff photo)");
    static const char *const c3[] = {
        "its target for the public",   "sector borrowing in the",
        "coming year, he added.$",
    };
    en_block(p, BS_ROLE_BODY, 690, 270, 300, c3, 3);
    static const char *const c4[] = {
        ">On corporation tax, he said", "the rate will remain at 35",
        "pct next year.$",
    };
    en_block(p, BS_ROLE_BODY, 1010, 270, 300, c4, 3);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 420, 940, 60}, "Council Backs Harbour Plan");
    static const char *const d1[] = {">The city council voted on", "Monday to back the plan.$"};
    en_block(p, BS_ROLE_BODY, 50, 500, 300, d1, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 2);
    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->title, "Budget Sees Growth at Three Pct");
    assert_string_equal(a->byline, "From Staff and Wire Reports");
    static const char *const want[] = {
        "LONDON, March 17 - The chancellor said growth would reach three pct this year.",
        "He said the current account deficit would be smaller than forecast and that inflation "
        "would stay near four pct while the government kept its target for the public sector "
        "borrowing in the coming year, he added.",
        "On corporation tax, he said the rate will remain at 35 pct next year.",
    };
    expect_paragraphs(a, want, 3);
    assert_int_equal(a->ncaptions, 1);
    assert_string_equal(issue->articles[1].title, "Council Backs Harbour Plan");
    bs_issue_free(issue);
}

/* The foot of a column set a little large, ending in a jump line, that
 * the layout took for headline type: it is the story's text and its jump. */
static void test_column_foot_with_jump(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 450, 600, 60}, "推进国际科技创新中心建设");
    static const char *const c1[] = {"加快建设具有全球影响", "力的国际科技创新中心，", "是党中央赋予北京的重要", "使命。北京将加快打造"};
    zh_block(p, BS_ROLE_BODY, 50, 530, c1, 4);
    bs_region *foot = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){50, 530 + 4 * PITCH, 200, 3 * 45});
    bs_region_add_line(foot, "国际 科技 创新", (bs_box){50, 530 + 4 * PITCH, 200, 45}, -1);
    bs_region_add_line(foot, "策源 高地", (bs_box){50, 530 + 4 * PITCH + 45, 120, 45}, -1);
    bs_region_add_line(foot, "(下 转 第 2 版 )", (bs_box){80, 530 + 4 * PITCH + 90, 170, 45}, -1);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_non_null(a->title);
    assert_string_equal(a->title, "推进国际科技创新中心建设");
    assert_non_null(a->jump_out_line);
    assert_non_null(strstr(a->jump_out_line, "下"));
    assert_non_null(strstr(a->jump_out_line, "版"));
    assert_int_equal(a->nparagraphs, 1);
    assert_non_null(strstr(a->paragraphs[0], "加快打造国际科技创新策源高地"));
    bs_issue_free(issue);
}

/* Lines of a column the layout took for bold headline type (a body-sized
 * block between two cuts of the column) stay in the story. */
static void test_body_line_as_headline(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 600, 60}, "Lenders Roll Over Debt");
    static const char *const c1[] = {
        ">The banks lent the money at",  "a spread of 7/8 percentage",
        "points over London Interbank",
    };
    en_block(p, BS_ROLE_BODY, 50, 130, 300, c1, 3);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 130 + 3 * PITCH, 300, EM}, "Offered Rates. It also rolled");
    static const char *const c2[] = {"over trade credits worth 925", "mln dlrs.$"};
    en_block(p, BS_ROLE_BODY, 50, 130 + 4 * PITCH, 300, c2, 2);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 1);
    static const char *const want[] = {
        "The banks lent the money at a spread of 7/8 percentage points over London Interbank "
        "Offered Rates. It also rolled over trade credits worth 925 mln dlrs.",
    };
    expect_paragraphs(&issue->articles[0], want, 1);
    bs_issue_free(issue);
}

/* A speck or a rule's stub in a column read as a large "|": marks alone
 * head no story, so the column stays one article and no article is
 * titled "|" (it was, on a grainy scan of eval/dev issue 1). */
static void test_marks_are_no_headline(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 600, 40}, "Lenders Roll Over Debt");
    static const char *const c1[] = {
        ">The banks lent the money at",  "a spread of 7/8 percentage",
        "points over London Interbank",
    };
    en_block(p, BS_ROLE_BODY, 50, 130, 300, c1, 3);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){60, 130 + 3 * PITCH + 10, 20, 2 * EM}, "|");
    static const char *const c2[] = {">Offered Rates. It also rolled", "over trade credits worth 925",
                                     "mln dlrs.$"};
    en_block(p, BS_ROLE_BODY, 50, 130 + 3 * PITCH + 2 * EM + 30, 300, c2, 3);
    bs_reassemble_page(issue, p, NULL);
    for (size_t i = 0; i < issue->narticles; i++)
        assert_true(!issue->articles[i].title || strcmp(issue->articles[i].title, "|") != 0);
    assert_int_equal(issue->narticles, 1);
    assert_string_equal(issue->articles[0].title, "Lenders Roll Over Debt");
    bs_issue_free(issue);
}

/* A headline spanning three columns, the story's fourth column running up
 * beside it, and a story above ending in a jump line in that column. */
static void test_side_column(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1400;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 1000, 40}, "Upper Story Takes the Top");
    static const char *const up[] = {">Upper text goes here and", "ends.$"};
    en_block(p, BS_ROLE_BODY, 50, 100, 300, up, 2);
    static const char *const up4[] = {">More upper text in the last", "column.$"};
    bs_region *u4 = en_block(p, BS_ROLE_BODY, 1050, 100, 300, up4, 2);
    bs_region_add_line(u4, "See UPPER, Page A5", (bs_box){1170, 160, 180, EM}, -1);
    u4->box = bs_box_union(u4->box, u4->lines[2].box);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 300, 950, 40}, "Lower Story Spans Three Columns");
    static const char *const l1[] = {">Lower text starts here in", "column one.$"};
    en_block(p, BS_ROLE_BODY, 50, 350, 300, l1, 2);
    static const char *const l4[] = {">And the lower story ends in", "column four.$"};
    en_block(p, BS_ROLE_BODY, 1050, 300, 300, l4, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].title, "Upper Story Takes the Top");
    assert_string_equal(issue->articles[0].jump_out_line, "See UPPER, Page A5");
    assert_int_equal(issue->articles[0].nparagraphs, 2);
    const bs_article *b = &issue->articles[1];
    assert_string_equal(b->title, "Lower Story Spans Three Columns");
    static const char *const want[] = {"Lower text starts here in column one.",
                                       "And the lower story ends in column four."};
    expect_paragraphs(b, want, 2);
    bs_issue_free(issue);
}

/* A region set in vertical columns: one line per column, right to left. */
static bs_region *vertical_block(bs_page *p, bs_role role, bs_box b, const char *text)
{
    bs_region *r = one_line(p, role, b, text);
    r->direction = BS_DIR_VERTICAL_RL;
    return r;
}

/* Two stories of a vertical page, one above the other, each headed by a
 * vertical headline at its right; the lower story's columns start two and
 * a half lines below its headline's top (a kicker's room).  Each story's
 * columns are its own, not the story above's nor headless. */
static void test_columns_beside_vertical_headline(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1200;
    static const char *const up[] = {"上方新聞第一行文字", "上方新聞第二行文字", "上方新聞第三行完。"};
    static const char *const down[] = {"下方新聞第一行文字", "下方新聞第二行文字", "下方新聞第三行完。"};
    vertical_block(p, BS_ROLE_HEADLINE, (bs_box){900, 50, 40, 300}, "上方新聞標題");
    for (int c = 0; c < 3; c++)
        vertical_block(p, BS_ROLE_BODY, (bs_box){850 - 30 * c, 55, 20, 340}, up[c]);
    vertical_block(p, BS_ROLE_HEADLINE, (bs_box){900, 450, 40, 300}, "下方新聞標題");
    for (int c = 0; c < 3; c++)
        vertical_block(p, BS_ROLE_BODY, (bs_box){850 - 30 * c, 500, 20, 400}, down[c]);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *a = article_titled(issue, "上方新聞標題");
    const bs_article *b = article_titled(issue, "下方新聞標題");
    for (size_t r = 0; r < p->nregions; r++) {
        const bs_region *reg = &p->regions[r];
        if (reg->role != BS_ROLE_BODY)
            continue;
        const bs_article *want = reg->box.y < 450 ? a : b;
        if (!has_region(want, reg->id))
            fail_msg("column %s (y %d) is not in \"%s\"", reg->id, reg->box.y, want->title);
    }
    bs_issue_free(issue);
}

/* A vertical headline set in two columns, its story's columns to their
 * left: one headline, read right column first, heading the story. */
static void test_two_column_vertical_headline(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 800;
    vertical_block(p, BS_ROLE_HEADLINE, (bs_box){900, 50, 40, 200}, "右列標題");
    vertical_block(p, BS_ROLE_HEADLINE, (bs_box){850, 60, 40, 200}, "左列續完");
    static const char *const body[] = {"正文第一行文字", "正文第二行文字", "正文第三行完。"};
    for (int c = 0; c < 3; c++)
        vertical_block(p, BS_ROLE_BODY, (bs_box){800 - 30 * c, 55, 20, 400}, body[c]);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *a = article_titled(issue, "右列標題左列續完");
    for (size_t r = 0; r < p->nregions; r++)
        if (p->regions[r].role == BS_ROLE_BODY && !has_region(a, p->regions[r].id))
            fail_msg("column %s is not the headline's", p->regions[r].id);
    bs_issue_free(issue);
}

/* ---- flush-left and centred headlines ----------------------------------- */

/* Story A's headline spans its first two columns; its third column starts
 * higher, beside them, under A's white.  Story B's headline stands in the
 * fourth column, flush left over its own text and a little lower than A's:
 * B does not reach leftwards over A's third column, which stays A's. */
static void test_flush_headline_beside_story(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1400;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 650, 40}, "Premier Calls for Reform");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){1050, 80, 300, 40}, "Port Signs Pact");
    static const char *const b1[] = {">The port signed a pact with", "its partner today.$"};
    en_block(p, BS_ROLE_BODY, 1050, 140, 300, b1, 2);
    static const char *const a1[] = {">The premier asked for a new", "economic plan.$"};
    en_block(p, BS_ROLE_BODY, 50, 220, 300, a1, 2);
    static const char *const a2[] = {">He said prices must reflect", "real costs.$"};
    en_block(p, BS_ROLE_BODY, 400, 220, 300, a2, 2);
    static const char *const a3[] = {">Reform will start next year", "in every region.$"};
    en_block(p, BS_ROLE_BODY, 750, 140, 300, a3, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 2);
    const bs_article *a = article_titled(issue, "Premier Calls for Reform");
    const bs_article *b = article_titled(issue, "Port Signs Pact");
    static const char *const want_a[] = {"The premier asked for a new economic plan.",
                                         "He said prices must reflect real costs.",
                                         "Reform will start next year in every region."};
    expect_paragraphs(a, want_a, 3);
    static const char *const want_b[] = {"The port signed a pact with its partner today."};
    expect_paragraphs(b, want_b, 1);
    bs_issue_free(issue);
}

/* A headline over the first two of a story's four columns: the last two
 * run up beside it, level with its top, under the story above them (whose
 * text ran in both).  Both are the story's, not only the one next to the
 * headline. */
static void test_two_side_columns(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1400;
    p->height = 1400;
    /* Columns 300 px wide at 50, 390, 730 and 1070 (40 px gutters). */
    one_line(p, BS_ROLE_HEADLINE, (bs_box){730, 50, 640, 40}, "Upper Story Over Two");
    static const char *const u3[] = {">The upper story opens in", "column three, where it tells",
                                     "its readers all that it has", "to say.$"};
    en_block(p, BS_ROLE_BODY, 730, 100, 300, u3, 4);
    static const char *const u4[] = {">It closes in column four as", "it should, with a last line",
                                     "or two for the readers who", "stayed.$"};
    en_block(p, BS_ROLE_BODY, 1070, 100, 300, u4, 4);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 250, 640, 40}, "Lower Story Runs Wide");
    static const char *const l1[] = {">The lower story starts in", "column one.$"};
    en_block(p, BS_ROLE_BODY, 50, 310, 300, l1, 2);
    static const char *const l2[] = {">It goes on in column two", "below its headline.$"};
    en_block(p, BS_ROLE_BODY, 390, 310, 300, l2, 2);
    static const char *const l3[] = {">Then column three runs up", "beside the headline.$"};
    en_block(p, BS_ROLE_BODY, 730, 250, 300, l3, 2);
    static const char *const l4[] = {">And column four ends the", "lower story.$"};
    en_block(p, BS_ROLE_BODY, 1070, 250, 300, l4, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 2);
    const bs_article *u = article_titled(issue, "Upper Story Over Two");
    const bs_article *l = article_titled(issue, "Lower Story Runs Wide");
    static const char *const want_u[] = {
        "The upper story opens in column three, where it tells its readers all that it has to say.",
        "It closes in column four as it should, with a last line or two for the readers who stayed."};
    expect_paragraphs(u, want_u, 2);
    static const char *const want_l[] = {
        "The lower story starts in column one.", "It goes on in column two below its headline.",
        "Then column three runs up beside the headline.", "And column four ends the lower story."};
    expect_paragraphs(l, want_l, 4);
    bs_issue_free(issue);
}

/* The same headline over two columns, one side column beside it; the
 * next column, level with it, is the top of another story set under that
 * story's headline and two-line deck: it stays with that story. */
static void test_side_column_chain_stops(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 2);
    p->width = 1400;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){1070, 100, 300, 40}, "Minister Meets Envoy");
    static const char *const deck[] = {"--Both sides agree to work", "together on trade$"};
    en_block(p, BS_ROLE_BODY, 1070, 160, 300, deck, 2);
    static const char *const e4[] = {">The minister met the envoy", "on Monday and spoke of the", "ties between the two", "countries.$"};
    en_block(p, BS_ROLE_BODY, 1070, 250, 300, e4, 4);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 250, 640, 40}, "Lower Story Runs Wide");
    static const char *const l1[] = {">The lower story starts in", "column one.$"};
    en_block(p, BS_ROLE_BODY, 50, 310, 300, l1, 2);
    static const char *const l2[] = {">It goes on in column two", "below its headline.$"};
    en_block(p, BS_ROLE_BODY, 390, 310, 300, l2, 2);
    static const char *const l3[] = {">And column three runs up", "beside the headline.$"};
    en_block(p, BS_ROLE_BODY, 730, 250, 300, l3, 2);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *envoy = article_titled(issue, "Minister Meets Envoy");
    const bs_article *lower = article_titled(issue, "Lower Story Runs Wide");
    assert_int_equal(issue->narticles, 2);
    static const char *const want_lower[] = {"The lower story starts in column one.",
                                             "It goes on in column two below its headline.",
                                             "And column three runs up beside the headline."};
    expect_paragraphs(lower, want_lower, 3);
    assert_true(has_region(envoy, "p2r3"));
    bs_issue_free(issue);
}

/* A story's first column starts under its headline and a one-line deck
 * (centred, body type) level with the headline of the story on its left,
 * and opens with the byline.  It is that story's, not a side column of the
 * story on the left: the deck is known as one before side columns are
 * adopted, so the column is the first text under its own headline.
 * Measured: zh-Hant issue08 page 4. */
static void test_column_under_deck_not_side_column(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 4);
    p->width = 700;
    p->height = 600;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){330, 50, 260, 60}, "习近平向进博会致信");
    static const char *const deck[] = {"依托中国大市场优势"};
    zh_block(p, BS_ROLE_BODY, 360, 125, deck, 1);
    static const char *const col[] = {"本报记者 曹伟伟", "　　十一月五日，国家", "主席习近平向第六届", "中国国际进口博览会", "致信。"};
    zh_block(p, BS_ROLE_BODY, 320, 175, col, 5);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){20, 172, 280, 40}, "美前总统出庭受审");
    static const char *const left[] = {"　　美国前总统四日在", "纽约出庭接受问讯。"};
    zh_block(p, BS_ROLE_BODY, 20, 230, left, 2);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *expo = article_titled(issue, "习近平向进博会致信");
    const bs_article *court = article_titled(issue, "美前总统出庭受审");
    assert_int_equal(issue->narticles, 2);
    assert_non_null(expo->deck);
    assert_string_equal(expo->deck, "依托中国大市场优势");
    static const char *const want_expo[] = {"十一月五日，国家主席习近平向第六届中国国际进口博览会致信。"};
    expect_paragraphs(expo, want_expo, 1);
    static const char *const want_court[] = {"美国前总统四日在纽约出庭接受问讯。"};
    expect_paragraphs(court, want_court, 1);
    bs_issue_free(issue);
}

/* One story: a headline, a label the layout also called a headline (a
 * deck or kicker of nearly the headline's size) and two lines of body at
 * body_y.  Reassembled, the headline alone is the title and the label is
 * the story's kicker (kicker = 1) or deck. */
static void expect_label(bs_box head, const char *head_text, bs_box label, const char *label_text, int body_y,
                         int kicker)
{
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 4);
    p->width = 600;
    p->height = 600;
    one_line(p, BS_ROLE_HEADLINE, head, head_text);
    one_line(p, BS_ROLE_HEADLINE, label, label_text);
    static const char *const body[] = {"　　七月三十一日，巴", "基斯坦政府举行活动。"};
    zh_block(p, BS_ROLE_BODY, 50, body_y, body, 2);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 1);
    const bs_article *a = article_titled(issue, head_text);
    const char *got = kicker ? a->kicker : a->deck;
    assert_non_null(got);
    assert_string_equal(got, label_text);
    static const char *const want[] = {"七月三十一日，巴基斯坦政府举行活动。"};
    expect_paragraphs(a, want, 1);
    bs_issue_free(issue);
}

/* A deck set a little smaller than the headline (46 against 50 px) and
 * further under it than headline leading (34 px) is the deck, not the
 * headline's last line; a label as much smaller (49 against 57 px) as far
 * over it (35 px) is its kicker.  Measured: zh-Hant issue04 page 4
 * ("更好造福兩國人民", "關注民生"). */
static void test_deck_of_nearly_headline_size(void **state)
{
    (void)state;
    expect_label((bs_box){50, 100, 450, 50}, "中巴经济走廊启动十周年", (bs_box){50, 184, 330, 46},
                 "更好造福两国人民", 260, 0);
}

static void test_kicker_of_nearly_headline_size(void **state)
{
    (void)state;
    expect_label((bs_box){50, 144, 500, 57}, "俄称击落多架无人机", (bs_box){50, 60, 200, 49}, "关注民生", 230,
                 1);
}

/* A side column cut in two by a paragraph's white, its lower block ending
 * in the story's jump line and under no headline: both blocks, and the
 * jump, are the story's. */
static void test_side_column_in_two_blocks(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1100;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 50, 640, 40}, "Water Project Reaches Towns");
    static const char *const c1[] = {">The water project now serves", "five towns.$"};
    en_block(p, BS_ROLE_BODY, 50, 110, 300, c1, 2);
    static const char *const c2[] = {">Farmers say their crops grew", "this summer.$"};
    en_block(p, BS_ROLE_BODY, 390, 110, 300, c2, 2);
    static const char *const c3a[] = {">Work began six years ago in", "the hills.$"};
    en_block(p, BS_ROLE_BODY, 730, 50, 300, c3a, 2);
    static const char *const c3b[] = {">The second stage will bring", "water to the plain.$"};
    bs_region *b = en_block(p, BS_ROLE_BODY, 730, 160, 300, c3b, 2);
    bs_region_add_line(b, "Continued on Page A5", (bs_box){830, 220, 200, EM}, -1);
    b->box = bs_box_union(b->box, b->lines[2].box);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->title, "Water Project Reaches Towns");
    assert_non_null(a->jump_out_line);
    assert_string_equal(a->jump_out_line, "Continued on Page A5");
    static const char *const want[] = {
        "The water project now serves five towns.", "Farmers say their crops grew this summer.",
        "Work began six years ago in the hills.", "The second stage will bring water to the plain."};
    expect_paragraphs(a, want, 4);
    bs_issue_free(issue);
}

/* A two-line headline over two columns; left of it, a brief's headline
 * set a little lower reaches down past the top of those columns.  Beside
 * them and not over them, it does not cut them off from their headline. */
static void test_lower_headline_beside_columns(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 4);
    p->width = 1000;
    p->height = 1400;
    bs_region *h = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){300, 330, 600, 105});
    bs_region_add_line(h, "联合国委员会认定", (bs_box){300, 330, 600, 50}, -1);
    bs_region_add_line(h, "重大违法行为", (bs_box){300, 385, 400, 50}, -1);
    bs_region *b = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){50, 420, 200, 85});
    bs_region_add_line(b, "日本人士呼吁守护", (bs_box){50, 420, 200, 40}, -1);
    bs_region_add_line(b, "和平", (bs_box){50, 465, 40, 40}, -1);
    static const char *const brief[] = {"　　日本人士表示，应", "维护正确史观。"};
    zh_block(p, BS_ROLE_BODY, 50, 515, brief, 2);
    static const char *const c1[] = {"　　委员会今天发布报", "告，认定有关行为违", "反国际法，要求立即", "停止一切相关行动。"};
    zh_block(p, BS_ROLE_BODY, 300, 480, c1, 4);
    static const char *const c2[] = {"　　多国表示欢迎，并", "呼吁各方保持克制。"};
    zh_block(p, BS_ROLE_BODY, 600, 480, c2, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 2);
    const bs_article *big = article_titled(issue, "联合国委员会认定重大违法行为");
    const bs_article *small = article_titled(issue, "日本人士呼吁守护和平");
    static const char *const want_big[] = {"委员会今天发布报告，认定有关行为违反国际法，要求立即停止一切相关行动。",
                                           "多国表示欢迎，并呼吁各方保持克制。"};
    expect_paragraphs(big, want_big, 2);
    static const char *const want_small[] = {"日本人士表示，应维护正确史观。"};
    expect_paragraphs(small, want_small, 1);
    bs_issue_free(issue);
}

/* A brief's two-line headline in the first column; the second column's
 * story, under its own higher headline, starts beside the brief's last
 * line.  The brief's territory ends at that column, so the column's lower
 * block, nearer to the brief's headline than to its own, stays with its
 * story. */
static void test_text_beside_headline_bounds_it(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 3);
    p->width = 800;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){300, 300, 140, 40}, "春节临近年味浓");
    bs_region *h = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){50, 340, 200, 80});
    bs_region_add_line(h, "水利设施体系建成", (bs_box){50, 340, 200, 40}, -1);
    bs_region_add_line(h, "投运", (bs_box){50, 380, 40, 40}, -1);
    static const char *const brief[] = {"　　水利部负责人今天", "介绍了有关情况。"};
    zh_block(p, BS_ROLE_BODY, 50, 440, brief, 2);
    static const char *const a[] = {"　　春节临近，大街小", "巷张灯结彩，年的味", "道越来越浓。", "　　这两天，大红灯笼", "点亮长安街沿线。"};
    zh_block(p, BS_ROLE_BODY, 300, 385, a, 5);
    static const char *const b[] = {"　　火车上也年味十足", "，乘客们欢聚一堂。"};
    zh_block(p, BS_ROLE_BODY, 300, 560, b, 2);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *spring = article_titled(issue, "春节临近年味浓");
    const bs_article *water = article_titled(issue, "水利设施体系建成投运");
    assert_int_equal(issue->narticles, 2);
    static const char *const want_spring[] = {"春节临近，大街小巷张灯结彩，年的味道越来越浓。",
                                              "这两天，大红灯笼点亮长安街沿线。",
                                              "火车上也年味十足，乘客们欢聚一堂。"};
    expect_paragraphs(spring, want_spring, 3);
    static const char *const want_water[] = {"水利部负责人今天介绍了有关情况。"};
    expect_paragraphs(water, want_water, 1);
    bs_issue_free(issue);
}

/* A column that starts a third of a line above the foot of a one-line
 * headline beside it (191 against a headline at 170-210) starts beside
 * it and bounds its territory: the headline, centred over its own two
 * columns, must not reach left over that column and cut its lower block
 * off from the story it belongs to (measured: zh issue04 page 5, a column
 * starting at 1191 beside a headline at 1156-1225). */
static void test_column_starting_beside_headline_foot(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 5);
    p->width = 1050;
    p->height = 700;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 100, 400, 40}, "美丽中国建设开新篇");
    static const char *const a1[] = {"　　建设美丽中国是全", "面建设社会主义现代化", "国家的重要目标，是实", "现民族复兴的重要内容"};
    zh_block(p, BS_ROLE_BODY, 50, 160, a1, 4);
    static const char *const a2[] = {"。党的十八大以来，生", "态文明建设从理论到实", "践都发生了历史性变化", "，美丽中国建设迈出重"};
    zh_block(p, BS_ROLE_BODY, 300, 191, a2, 4);
    static const char *const a3[] = {"大步伐，天更蓝、山更", "绿、水更清。"};
    zh_block(p, BS_ROLE_BODY, 300, 320, a3, 2);
    one_line(p, BS_ROLE_HEADLINE, (bs_box){620, 170, 330, 40}, "铁路货运量创新高");
    static const char *const b1[] = {"　　记者从国铁集团获", "悉，今年前十个月国家", "铁路货运量创新高。"};
    zh_block(p, BS_ROLE_BODY, 550, 230, b1, 3);
    static const char *const b2[] = {"　　跨境货物运输增幅", "明显，中欧班列开行两", "万八千列。"};
    zh_block(p, BS_ROLE_BODY, 800, 230, b2, 3);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *china = article_titled(issue, "美丽中国建设开新篇");
    const bs_article *rail = article_titled(issue, "铁路货运量创新高");
    assert_int_equal(issue->narticles, 2);
    static const char *const want_china[] = {
        "建设美丽中国是全面建设社会主义现代化国家的重要目标，是实现民族复兴的重要内容。党的十八大以来，生态文明建设从理论到实践都发生了历史性变化，美丽中国建设迈出重大步伐，天更蓝、山更绿、水更清。"};
    expect_paragraphs(china, want_china, 1);
    static const char *const want_rail[] = {"记者从国铁集团获悉，今年前十个月国家铁路货运量创新高。",
                                            "跨境货物运输增幅明显，中欧班列开行两万八千列。"};
    expect_paragraphs(rail, want_rail, 2);
    bs_issue_free(issue);
}

/* Two stories side by side with staggered headlines: the right one's
 * headline stands higher and shares only a quarter of its height with
 * the left one's, and its deck is level with the left one.  The right
 * story's first column starts a little left of its headline's ink; the
 * left headline, nearer above that column, must not reach over it (its
 * territory ends at the headline beside it).  Measured: zh-Hant issue07
 * page 3, a byline and first column read into the story on the left. */
static void test_staggered_headlines_bound_each_other(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 3);
    p->width = 800;
    p->height = 600;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 130, 300, 40}, "俄称摧毁多艘快艇");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){420, 80, 280, 65}, "工业企业利润增长");
    one_line(p, BS_ROLE_DECK, (bs_box){480, 152, 180, 20}, "——营收明显好转");
    static const char *const a1[] = {"　　俄罗斯国防", "部称，黑海舰队", "摧毁了四艘快艇"};
    zh_block(p, BS_ROLE_BODY, 50, 190, a1, 3);
    static const char *const a2[] = {"。乌克兰方面对", "此没有回应。"};
    zh_block(p, BS_ROLE_BODY, 210, 190, a2, 2);
    static const char *const b1[] = {"　　国家统计局", "今天发布数据显", "示，工业利润持"};
    zh_block(p, BS_ROLE_BODY, 400, 190, b1, 3);
    static const char *const b2[] = {"续恢复向好，连", "续两月增长。"};
    zh_block(p, BS_ROLE_BODY, 560, 190, b2, 2);
    bs_reassemble_page(issue, p, NULL);

    const bs_article *left = article_titled(issue, "俄称摧毁多艘快艇");
    const bs_article *right = article_titled(issue, "工业企业利润增长");
    assert_int_equal(issue->narticles, 2);
    static const char *const want_left[] = {"俄罗斯国防部称，黑海舰队摧毁了四艘快艇。乌克兰方面对此没有回应。"};
    expect_paragraphs(left, want_left, 1);
    static const char *const want_right[] = {"国家统计局今天发布数据显示，工业利润持续恢复向好，连续两月增长。"};
    expect_paragraphs(right, want_right, 1);
    bs_issue_free(issue);
}

/* A headline centred over three columns whose left edge falls on the
 * second column's by chance still owns the first column, left of its ink. */
static void test_centred_headline_on_column_edge(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 800;
    p->height = 1000;
    /* Columns at 50, 300, 550, 200 px wide: the text spans 50-750, and the
     * headline 300-500 is centred on 400 with its left edge on column 2. */
    one_line(p, BS_ROLE_HEADLINE, (bs_box){300, 50, 200, 40}, "寒潮来袭多地降雪");
    static const char *const c1[] = {"　　中央气象台今天继", "续发布寒潮预警。"};
    zh_block(p, BS_ROLE_BODY, 50, 120, c1, 2);
    static const char *const c2[] = {"　　各地铁路部门组织", "人员清扫积雪。"};
    zh_block(p, BS_ROLE_BODY, 300, 120, c2, 2);
    static const char *const c3[] = {"　　供热企业提高居民", "室内温度。"};
    zh_block(p, BS_ROLE_BODY, 550, 120, c3, 2);
    bs_reassemble_page(issue, p, NULL);

    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->title, "寒潮来袭多地降雪");
    static const char *const want[] = {"中央气象台今天继续发布寒潮预警。", "各地铁路部门组织人员清扫积雪。",
                                       "供热企业提高居民室内温度。"};
    expect_paragraphs(a, want, 3);
    bs_issue_free(issue);
}

/* ---- headline pieces ----------------------------------------------------- */

/* The layout cut one headline line in two at a word space; the story's
 * text runs on from the first piece's column into the second's.  Beside
 * it, on another page model, two stories whose headlines stand as close
 * but whose texts end and start with whole paragraphs. */
static void test_headline_pieces(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 3);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 500, 280, 40}, "Harbour Plan Wins");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){350, 500, 250, 40}, "Council Vote");
    static const char *const c1[] = {">The plan won the vote by", "seven to two after a long"};
    en_block(p, BS_ROLE_BODY, 50, 550, 300, c1, 2);
    static const char *const c2[] = {"debate on Monday night.$"};
    en_block(p, BS_ROLE_BODY, 370, 550, 300, c2, 1);
    /* A headline in the top band with a number in it stays a headline. */
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 40, 500, 40}, "Shares Sold at 130 Francs");
    static const char *const c3[] = {">The shares were sold on", "Friday.$"};
    en_block(p, BS_ROLE_BODY, 50, 90, 300, c3, 2);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].title, "Shares Sold at 130 Francs");
    const bs_article *a = &issue->articles[1];
    assert_string_equal(a->title, "Harbour Plan Wins Council Vote");
    static const char *const want[] = {
        "The plan won the vote by seven to two after a long debate on Monday night."};
    expect_paragraphs(a, want, 1);
    bs_issue_free(issue);

    issue = bs_issue_new();
    p = bs_issue_add_page(issue, 3);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 500, 280, 40}, "Harbour Plan Wins");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){350, 500, 250, 40}, "Library Opens");
    static const char *const d1[] = {">The plan won the vote by", "seven to two.$"};
    en_block(p, BS_ROLE_BODY, 50, 550, 300, d1, 2);
    static const char *const d2[] = {">The library opened on", "Saturday.$"};
    en_block(p, BS_ROLE_BODY, 370, 550, 300, d2, 2);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].title, "Harbour Plan Wins");
    assert_string_equal(issue->articles[1].title, "Library Opens");
    bs_issue_free(issue);
}

/* A layout that calls a headline's first line a kicker: set as large as
 * the headline and flush with it, it is the headline's; a real kicker
 * (smaller, short) stays one. */
static void test_kicker_or_first_line(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 2);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_KICKER, (bs_box){50, 500, 300, 40}, "U.S. Leading Index");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){50, 545, 280, 40}, "Rose in February");
    static const char *const c1[] = {">The index rose again.$"};
    en_block(p, BS_ROLE_BODY, 50, 600, 300, c1, 1);
    one_line(p, BS_ROLE_KICKER, (bs_box){500, 500, 140, 20}, "NEWS ANALYSIS");
    one_line(p, BS_ROLE_HEADLINE, (bs_box){500, 525, 300, 40}, "Budget Talks Resume");
    static const char *const c2[] = {">Talks resumed today.$"};
    en_block(p, BS_ROLE_BODY, 500, 580, 300, c2, 1);
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].title, "U.S. Leading Index Rose in February");
    assert_null(issue->articles[0].kicker);
    assert_string_equal(issue->articles[1].title, "Budget Talks Resume");
    assert_string_equal(issue->articles[1].kicker, "NEWS ANALYSIS");
    bs_issue_free(issue);
}

/* ---- a block across a gutter ---------------------------------------------- */

/* One OCR block over two columns: each line holds the line of column one,
 * then that of column two, and the column rule read as a quote mark. */
static void test_block_across_gutter(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){100, 50, 440, 40}, "两栏合读测试标题");
    static const char *const left[] = {"　　左栏第一段开", "头内容满满当当一", "整行文字。",
                                       "　　左栏第二段开", "始了呀呀呀呀呀呀"};
    static const char *const right[] = {"右栏续写第二段的", "后半部分内容满满", "当当的一整行。",
                                        "　　右栏第三段开", "始结束。"};
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){100, 100, 440, 5 * PITCH});
    for (int i = 0; i < 5; i++) {
        char text[256];
        snprintf(text, sizeof(text), "%s ” %s", left[i], right[i]);
        bs_line *l = bs_region_add_line(r, text, (bs_box){100, 100 + i * PITCH, 440, EM}, 0.9f);
        /* One word per character, 20 px apart from x; indents skip 2 em. */
        const char *cols[2] = {left[i], right[i]};
        int x0[2] = {100, 340};
        for (int c = 0; c < 2; c++) {
            uint32_t *cp;
            size_t n;
            assert_int_equal(bs_utf8_decode(cols[c], strlen(cols[c]), &cp, &n, NULL), 0);
            for (size_t k = 0; k < n; k++) {
                if (cp[k] == 0x3000)
                    continue;
                char ch[8] = {0};
                bs_utf8_encode_one(cp[k], ch);
                bs_line_add_word(l, ch, (bs_box){x0[c] + (int)k * EM, 100 + i * PITCH, EM, EM},
                                 0.9f);
            }
            free(cp);
        }
        if (i % 2 == 0) /* the rule read as a mark, in the gutter */
            bs_line_add_word(l, "”", (bs_box){305, 100 + i * PITCH, 25, EM}, 0.3f);
    }
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(p->nregions, 3);
    assert_int_equal(count_qc(issue, "region_split"), 1);
    assert_int_equal(issue->narticles, 1);
    static const char *const want[] = {
        "左栏第一段开头内容满满当当一整行文字。",
        "左栏第二段开始了呀呀呀呀呀呀右栏续写第二段的后半部分内容满满当当的一整行。",
        "右栏第三段开始结束。",
    };
    expect_paragraphs(&issue->articles[0], want, 3);
    bs_issue_free(issue);
}

/* One column whose lines have a comma or stop in the same cell (the
 * fourth): OCR's box of each mark covers only its left part, so the white
 * half cell after it runs down the block like a narrow gutter.  It is no
 * gutter: the lines reaching it end in punctuation there. */
static void test_punctuation_channel_not_split(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    one_line(p, BS_ROLE_HEADLINE, (bs_box){100, 50, 200, 40}, "标点对齐测试");
    static const char *const lines[] = {"今天的，天气很好我们", "出门去、公园里散步看", "花开了；鸟儿在唱歌呢",
                                        "大家说，这真是好日子", "再见。"};
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){100, 100, 10 * EM, 5 * PITCH});
    for (int i = 0; i < 5; i++) {
        int y = 100 + i * PITCH;
        size_t n = cp_count(lines[i], NULL);
        bs_line *l = bs_region_add_line(r, lines[i], (bs_box){100, y, (int)n * EM, EM}, 0.9f);
        uint32_t *cp;
        assert_int_equal(bs_utf8_decode(lines[i], strlen(lines[i]), &cp, &n, NULL), 0);
        for (size_t k = 0; k < n; k++) {
            char ch[8] = {0};
            bs_utf8_encode_one(cp[k], ch);
            int mark = bs_unicode_is_cjk_punct(cp[k]);
            bs_line_add_word(l, ch, (bs_box){100 + (int)k * EM, y, mark ? EM / 4 : EM, EM}, 0.9f);
        }
        free(cp);
    }
    bs_reassemble_page(issue, p, NULL);
    assert_int_equal(count_qc(issue, "region_split"), 0);
    assert_int_equal(issue->narticles, 1);
    static const char *const want[] = {"今天的，天气很好我们出门去、公园里散步看花开了；鸟儿在唱歌呢大家说，这真是好日子再见。"};
    expect_paragraphs(&issue->articles[0], want, 1);
    bs_issue_free(issue);
}

/* ---- bad input -------------------------------------------------------- */

static void test_bad_input(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    /* 1: no regions at all. */
    bs_page *p = bs_issue_add_page(issue, 1);
    p->width = 1000;
    p->height = 1400;
    /* 2: only a photo. */
    p = bs_issue_add_page(issue, 2);
    p->width = 1000;
    p->height = 1400;
    bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){0, 0, 1000, 1400});
    /* 3: text regions without text (no lines, empty lines, blank lines). */
    p = bs_issue_add_page(issue, 3);
    bs_page_add_region(p, BS_ROLE_BODY, (bs_box){10, 10, 100, 100});
    bs_region *r = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){10, 200, 100, 40});
    bs_region_add_line(r, "", (bs_box){10, 200, 100, 40}, -1);
    bs_region_add_line(r, NULL, (bs_box){10, 240, 0, 0}, -1);
    r = bs_page_add_region(p, BS_ROLE_UNKNOWN, (bs_box){0, 0, 0, 0});
    bs_region_add_line(r, " \t\x01 ", (bs_box){0, 0, 0, 0}, -1);
    /* 4: one giant region holding everything. */
    p = bs_issue_add_page(issue, 4);
    p->width = 1000;
    p->height = 1400;
    static const char *const all[] = {
        ">Everything on this page was",
        "read as one block of text by",
        "the layout stage.$",
        ">A second paragraph follows.$",
    };
    r = en_block(p, BS_ROLE_BODY, 20, 20, 300, all, 4);
    r->box = (bs_box){20, 20, 960, 1360};

    for (size_t i = 0; i < issue->npages; i++)
        bs_reassemble_page(issue, &issue->pages[i], NULL);

    assert_int_equal(count_qc(issue, "empty_page"), 1);
    assert_int_equal(count_qc(issue, "no_text"), 2);
    assert_int_equal(count_qc(issue, "giant_region"), 1);
    assert_int_equal(count_qc(issue, "no_headline"), 1);
    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_null(a->title);
    static const char *const want[] = {
        "Everything on this page was read as one block of text by the layout stage.",
        "A second paragraph follows.",
    };
    expect_paragraphs(a, want, 2);
    assert_int_equal(a->parts[0].page, 4);
    /* The photo page's region got an order, and no article. */
    assert_int_equal(issue->pages[1].regions[0].order, 0);
    assert_int_equal(issue->pages[1].regions[0].article, -1);
    bs_issue_free(issue);
}

/* Reassembling a page twice (after clearing) gives the same articles. */
static void test_repeatable(void **state)
{
    (void)state;
    bs_issue *issue = zh_front_page();
    bs_reassemble_page(issue, &issue->pages[0], NULL);
    char *first = bs_article_text(&issue->articles[1]);
    bs_issue_clear_articles(issue);
    bs_reassemble_page(issue, &issue->pages[0], NULL);
    char *second = bs_article_text(&issue->articles[1]);
    assert_string_equal(first, second);
    assert_int_equal(issue->narticles, 2);
    free(first);
    free(second);
    bs_issue_free(issue);
}

/* A page with no regions is one "empty_page" event, however often the
 * issue is reassembled (OCR may have reported it already). */
static void test_empty_page_reported_once(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *page = bs_issue_add_page(issue, 3);
    bs_issue_add_qc(issue, "empty_page", 3, "no text found on page 3");
    for (int pass = 0; pass < 3; pass++)
        bs_reassemble_page(issue, page, NULL);
    bs_page *other = bs_issue_add_page(issue, 4);
    bs_reassemble_page(issue, other, NULL);
    bs_reassemble_page(issue, other, NULL);
    size_t n3 = 0, n4 = 0;
    for (size_t q = 0; q < issue->nqc; q++) {
        n3 += issue->qc[q].page == 3 && !strcmp(issue->qc[q].kind, "empty_page");
        n4 += issue->qc[q].page == 4 && !strcmp(issue->qc[q].kind, "empty_page");
    }
    assert_int_equal(n3, 1);
    assert_int_equal(n4, 1);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zh_front_page),
        cmocka_unit_test(test_byline_formula_own_line),
        cmocka_unit_test(test_zh_dedup_can_be_disabled),
        cmocka_unit_test(test_zh_continuation),
        cmocka_unit_test(test_en_page),
        cmocka_unit_test(test_side_column),
        cmocka_unit_test(test_columns_beside_vertical_headline),
        cmocka_unit_test(test_two_column_vertical_headline),
        cmocka_unit_test(test_flush_headline_beside_story),
        cmocka_unit_test(test_centred_headline_on_column_edge),
        cmocka_unit_test(test_two_side_columns),
        cmocka_unit_test(test_side_column_in_two_blocks),
        cmocka_unit_test(test_side_column_chain_stops),
        cmocka_unit_test(test_deck_of_nearly_headline_size),
        cmocka_unit_test(test_kicker_of_nearly_headline_size),
        cmocka_unit_test(test_column_under_deck_not_side_column),
        cmocka_unit_test(test_lower_headline_beside_columns),
        cmocka_unit_test(test_text_beside_headline_bounds_it),
        cmocka_unit_test(test_column_starting_beside_headline_foot),
        cmocka_unit_test(test_staggered_headlines_bound_each_other),
        cmocka_unit_test(test_en_l_shaped_story),
        cmocka_unit_test(test_body_line_as_headline),
        cmocka_unit_test(test_marks_are_no_headline),
        cmocka_unit_test(test_column_foot_with_jump),
        cmocka_unit_test(test_block_across_gutter),
        cmocka_unit_test(test_punctuation_channel_not_split),
        cmocka_unit_test(test_headline_pieces),
        cmocka_unit_test(test_kicker_or_first_line),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_empty_page_reported_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
