/*
 * test_stitch.c - continued stories joined across pages in hand-made
 * issues (Chinese and English): simple jumps, two stories jumping to the
 * same page, chains, backward jumps, missing pages, ambiguity, issues
 * without jumps, cut healing, and the region -> article indexes.
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

#include "issue.h"
#include "issue_json.h"
#include "stitch.h"

/* One article as reassembly would leave it: one body region on its page
 * with the paragraphs as lines, and jump lines in regions of their own. */
typedef struct part_spec {
    int page;
    const char *title;
    const char *paras[8];  /* NULL-terminated */
    const char *jump_out;  /* jump_out_line, or NULL */
    const char *jump_in;   /* jump_in_line, or NULL */
    const char *cont_head;
    int continuation;
} part_spec;

static bs_issue *new_issue(int npages)
{
    bs_issue *issue = bs_issue_new();
    for (int p = 1; p <= npages; p++) {
        bs_page *pg = bs_issue_add_page(issue, p);
        pg->width = 2400;
        pg->height = 3300;
    }
    return issue;
}

static size_t add_part(bs_issue *issue, const part_spec *ps)
{
    bs_page *page = bs_issue_find_page(issue, ps->page);
    assert_non_null(page);
    bs_article *a = bs_issue_add_article(issue);
    int idx = (int)(issue->narticles - 1);
    int y = 100 + 400 * (int)page->nregions;
    if (ps->title) {
        bs_article_set(&a->title, ps->title);
        bs_region *h = bs_page_add_region(page, BS_ROLE_HEADLINE, (bs_box){100, y, 800, 60});
        bs_region_add_line(h, ps->title, h->box, 0.9f);
        h->article = idx;
        bs_article_add_region(a, ps->page, h->id);
    }
    if (ps->cont_head) {
        bs_article_set(&a->cont_head, ps->cont_head);
        bs_region *h = bs_page_add_region(page, BS_ROLE_CONT_HEAD, (bs_box){100, y, 800, 60});
        bs_region_add_line(h, ps->cont_head, h->box, 0.9f);
        h->article = idx;
        bs_article_add_region(a, ps->page, h->id);
    }
    if (ps->jump_in) {
        bs_region *j = bs_page_add_region(page, BS_ROLE_JUMP_IN, (bs_box){100, y + 60, 400, 30});
        bs_region_add_line(j, ps->jump_in, j->box, 0.9f);
        j->article = idx;
        bs_article_set(&a->jump_in_line, ps->jump_in);
        bs_article_set(&a->jump_in_region, j->id);
        bs_article_add_region(a, ps->page, j->id);
    }
    bs_region *b = bs_page_add_region(page, BS_ROLE_BODY, (bs_box){100, y + 100, 800, 250});
    b->article = idx;
    for (int i = 0; ps->paras[i]; i++) {
        bs_region_add_line(b, ps->paras[i], (bs_box){100, y + 100 + 30 * i, 800, 30}, 0.9f);
        bs_article_add_paragraph(a, ps->paras[i]);
    }
    bs_article_add_region(a, ps->page, b->id);
    if (ps->jump_out) {
        bs_region *j = bs_page_add_region(page, BS_ROLE_JUMP_OUT, (bs_box){500, y + 350, 400, 30});
        bs_region_add_line(j, ps->jump_out, j->box, 0.9f);
        j->article = idx;
        bs_article_set(&a->jump_out_line, ps->jump_out);
        bs_article_set(&a->jump_out_region, j->id);
        bs_article_add_region(a, ps->page, j->id);
    }
    a->continuation = ps->continuation;
    a->confidence = 0.9f;
    return (size_t)idx;
}

/* Every region's article index names an article listing the region, and
 * every region an article lists points back at it. */
static void check_indexes(const bs_issue *issue)
{
    for (size_t p = 0; p < issue->npages; p++) {
        const bs_page *pg = &issue->pages[p];
        for (size_t r = 0; r < pg->nregions; r++) {
            const bs_region *reg = &pg->regions[r];
            if (reg->article < 0)
                continue;
            assert_true((size_t)reg->article < issue->narticles);
            const bs_article *a = &issue->articles[reg->article];
            int listed = 0;
            for (size_t k = 0; k < a->nparts; k++)
                for (size_t i = 0; i < a->parts[k].nregions; i++)
                    listed |= a->parts[k].page == pg->number &&
                              strcmp(a->parts[k].regions[i], reg->id) == 0;
            if (!listed)
                fail_msg("region %s -> article %s, which does not list it", reg->id, a->id);
        }
    }
    for (size_t ai = 0; ai < issue->narticles; ai++) {
        const bs_article *a = &issue->articles[ai];
        for (size_t k = 0; k < a->nparts; k++)
            for (size_t i = 0; i < a->parts[k].nregions; i++) {
                const bs_page *pg = bs_issue_find_page(issue, a->parts[k].page);
                assert_non_null(pg);
                const bs_region *reg = bs_page_find_region(pg, a->parts[k].regions[i]);
                assert_non_null(reg);
                if (reg->article != (int)ai)
                    fail_msg("article %s lists %s, which points at %d", a->id, reg->id,
                             reg->article);
            }
    }
}

static size_t count_qc(const bs_issue *issue, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < issue->nqc; i++)
        n += strcmp(issue->qc[i].kind, kind) == 0;
    return n;
}

static const bs_article *find_title(const bs_issue *issue, const char *title)
{
    for (size_t i = 0; i < issue->narticles; i++)
        if (issue->articles[i].title && strcmp(issue->articles[i].title, title) == 0)
            return &issue->articles[i];
    fail_msg("no article titled %s", title);
    return NULL;
}

static void test_simple_zh(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(2);
    part_spec first = {1, "李强主持国务院第八次专题学习",
                       {"6月5日上午，国务院进行第八次专题学习。", "两国世代友好的民心纽带进一步", NULL},
                       "(下转第二版)", NULL, NULL, 0};
    part_spec other1 = {1, "国内联播快讯", {"记者从国家医保局了解到，参保率稳定。", NULL}, NULL, NULL, NULL, 0};
    part_spec cont = {2, NULL,
                      {"拉紧；双方相互支持对方的工作。", "习近平指出，即将到来的2025年是收官之年。", NULL},
                      NULL, "(上接第一版)", "李强主持国务院第八次专题学习", 1};
    part_spec other2 = {2, "百年东极鱼市", {"东极岛的鱼市迎来旺季。", NULL}, NULL, NULL, NULL, 0};
    add_part(issue, &first);
    add_part(issue, &other1);
    add_part(issue, &cont);
    add_part(issue, &other2);
    bs_stitch_issue(issue, NULL);

    assert_int_equal(issue->narticles, 3);
    const bs_article *a = &issue->articles[0];
    assert_string_equal(a->id, "a1");
    assert_string_equal(a->title, "李强主持国务院第八次专题学习");
    assert_int_equal(a->nparagraphs, 3);
    assert_string_equal(a->paragraphs[0], "6月5日上午，国务院进行第八次专题学习。");
    /* The cut healed without a space; no jump line, no repeated head. */
    assert_string_equal(a->paragraphs[1], "两国世代友好的民心纽带进一步拉紧；双方相互支持对方的工作。");
    assert_string_equal(a->paragraphs[2], "习近平指出，即将到来的2025年是收官之年。");
    int pages[4];
    assert_int_equal(bs_article_pages(a, pages, 4), 2);
    assert_int_equal(pages[0], 1);
    assert_int_equal(pages[1], 2);
    assert_int_equal(a->nparts, 2);
    assert_int_equal(a->parts[1].page, 2);
    assert_int_equal(a->parts[1].nregions, 3); /* cont head, jump-in, body */
    assert_int_equal(a->njumps, 1);
    assert_int_equal(a->jumps[0].from_page, 1);
    assert_int_equal(a->jumps[0].to_page, 2);
    assert_string_equal(a->jumps[0].out_text, "(下转第二版)");
    assert_string_equal(a->jumps[0].in_text, "(上接第一版)");
    assert_string_equal(a->jumps[0].out_region, "p1r3");
    assert_string_equal(a->jumps[0].in_region, "p2r2");
    assert_true(a->jumps[0].score >= 0.5f && a->jumps[0].score <= 1.0f);
    assert_null(a->jump_out_line);
    /* The others kept, in order, the later one renumbered. */
    assert_string_equal(issue->articles[1].title, "国内联播快讯");
    assert_string_equal(issue->articles[2].title, "百年东极鱼市");
    assert_string_equal(issue->articles[2].id, "a4");
    assert_int_equal(bs_page_find_region(&issue->pages[1], "p2r3")->article, 0);
    assert_int_equal(bs_page_find_region(&issue->pages[1], "p2r5")->article, 2);
    check_indexes(issue);
    assert_int_equal(issue->nunmatched, 0);
    assert_int_equal(count_qc(issue, "join"), 1);
    bs_issue_free(issue);
}

static void test_simple_en_body_lines(void **state)
{
    (void)state;
    /* Reassembly left the jump lines and the slug in the body, no fields. */
    bs_issue *issue = new_issue(3);
    part_spec first = {1, "S.Africa's Financial Rand Seen Headed Higher",
                       {"JOHANNESBURG, March 19 - The financial rand appears headed above 30 cents.",
                        "One dealer said growing interest from West Germany and Switzerland was",
                        "See SAFRICAS, Page A3", NULL},
                       NULL, NULL, NULL, 0};
    part_spec cont = {3, NULL,
                      {"SAFRICAS", "SAFRICAS from Page A1",
                       "evident in the market, he said.", "REUTER", NULL},
                      NULL, NULL, NULL, 0};
    add_part(issue, &first);
    add_part(issue, &cont);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 1);
    const bs_article *a = &issue->articles[0];
    assert_int_equal(a->nparagraphs, 3);
    assert_string_equal(a->paragraphs[1], "One dealer said growing interest from West Germany and "
                                          "Switzerland was evident in the market, he said.");
    assert_string_equal(a->paragraphs[2], "REUTER");
    assert_int_equal(a->njumps, 1);
    assert_string_equal(a->jumps[0].out_text, "See SAFRICAS, Page A3");
    assert_string_equal(a->jumps[0].in_text, "SAFRICAS from Page A1");
    assert_int_equal(a->jumps[0].to_page, 3);
    check_indexes(issue);
    bs_issue_free(issue);
}

static void test_same_page_not_swapped_en(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(3);
    part_spec a = {1, "City Council Passes Budget", {"The council voted 7-2 for the budget on", NULL},
                   "See BUDGET, Page A3", NULL, NULL, 0};
    part_spec b = {1, "School Board Elects New Chair", {"The board met late into the night and", NULL},
                   "See SCHOOL, Page A3", NULL, NULL, 0};
    /* On page 3 the continuations stand in the other order. */
    part_spec cb = {3, NULL, {"finally chose a chair.", NULL}, NULL, "SCHOOL from Page A1", "SCHOOL", 1};
    part_spec ca = {3, NULL, {"Tuesday night after a long debate.", NULL}, NULL, "BUDGET from Page A1",
                    "BUDGET", 1};
    add_part(issue, &a);
    add_part(issue, &b);
    add_part(issue, &cb);
    add_part(issue, &ca);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    const bs_article *x = find_title(issue, "City Council Passes Budget");
    const bs_article *y = find_title(issue, "School Board Elects New Chair");
    assert_int_equal(x->nparagraphs, 1);
    assert_string_equal(x->paragraphs[0],
                        "The council voted 7-2 for the budget on Tuesday night after a long debate.");
    assert_string_equal(y->paragraphs[0], "The board met late into the night and finally chose a chair.");
    assert_string_equal(x->jumps[0].in_text, "BUDGET from Page A1");
    assert_string_equal(y->jumps[0].in_text, "SCHOOL from Page A1");
    check_indexes(issue);
    assert_int_equal(issue->nunmatched, 0);
    bs_issue_free(issue);
}

static void test_same_page_not_swapped_zh(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "六五环境日 各地开展活动保护好生态", {"春花烂漫，生机盎然。在广西隆林金钟山，满山", NULL},
                   "(下转第二版)", NULL, NULL, 0};
    part_spec b = {1, "把基层党组织锻造成坚强战斗堡垒", {"四川省北川县石椅", NULL}, "(下转第二版)", NULL,
                   NULL, 0};
    part_spec cb = {2, NULL, {"村，这个孤悬在高山绝壁上的羌族村寨。", NULL}, NULL, "(上接第一版)",
                    "把基层党组织锻造成坚强战斗堡垒", 1};
    part_spec ca = {2, NULL, {"的油桐花美不胜收。", NULL}, NULL, "(上接第一版)",
                    "六五环境日 各地开展活动保护好生态", 1};
    add_part(issue, &a);
    add_part(issue, &b);
    add_part(issue, &cb);
    add_part(issue, &ca);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].paragraphs[0],
                        "春花烂漫，生机盎然。在广西隆林金钟山，满山的油桐花美不胜收。");
    assert_string_equal(issue->articles[1].paragraphs[0],
                        "四川省北川县石椅村，这个孤悬在高山绝壁上的羌族村寨。");
    check_indexes(issue);
    bs_issue_free(issue);
}

static void test_chain_1_3_5(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(5);
    part_spec p1 = {1, "推动中国经济航船乘风破浪行稳致远", {"会议强调，要全面贯彻明年经济工作的", NULL},
                    "(下转第三版)", NULL, NULL, 0};
    part_spec n2 = {2, "新型农机具高质高效推进春耕生产", {"各地春耕生产有序推进。", NULL}, NULL, NULL, NULL, 0};
    part_spec p3 = {3, NULL, {"总体要求和政策取向，注重目标引领，", "把握政策取向，讲求时机", NULL},
                    "(下转第五版)", "(上接第一版)", "推动中国经济航船乘风破浪行稳致远", 1};
    part_spec p5 = {5, NULL, {"力度，强化系统思维，放大政策效应。", NULL}, NULL, "(上接第三版)",
                    "推动中国经济航船乘风破浪行稳致远", 1};
    add_part(issue, &p1);
    add_part(issue, &n2);
    add_part(issue, &p3);
    add_part(issue, &p5);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    const bs_article *a = &issue->articles[0];
    assert_int_equal(a->nparagraphs, 2);
    assert_string_equal(a->paragraphs[0], "会议强调，要全面贯彻明年经济工作的总体要求和政策取向，注重目标引领，");
    assert_string_equal(a->paragraphs[1], "把握政策取向，讲求时机力度，强化系统思维，放大政策效应。");
    assert_int_equal(a->nparts, 3);
    assert_int_equal(a->parts[0].page, 1);
    assert_int_equal(a->parts[1].page, 3);
    assert_int_equal(a->parts[2].page, 5);
    assert_int_equal(a->njumps, 2);
    assert_int_equal(a->jumps[0].from_page, 1);
    assert_int_equal(a->jumps[0].to_page, 3);
    assert_int_equal(a->jumps[1].from_page, 3);
    assert_int_equal(a->jumps[1].to_page, 5);
    assert_string_equal(a->jumps[1].out_text, "(下转第五版)");
    assert_string_equal(a->jumps[1].in_text, "(上接第三版)");
    assert_null(a->jump_out_line);
    assert_string_equal(issue->articles[1].title, "新型农机具高质高效推进春耕生产");
    check_indexes(issue);
    assert_int_equal(issue->nunmatched, 0);
    assert_int_equal(count_qc(issue, "join"), 2);
    bs_issue_free(issue);
}

static void test_backward_jump(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(4);
    part_spec early = {2, "Raytheon Gets Contract", {"WASHINGTON - Raytheon was awarded a contract.", NULL},
                       NULL, NULL, NULL, 0};
    part_spec cont = {2, NULL, {"the Pentagon said on Friday.", NULL}, NULL, "Continued from page 4",
                      NULL, 1};
    part_spec start = {4, "Pentagon Orders Missiles", {"The order covers 600 missiles, and", NULL},
                       "Continued on page 2", NULL, NULL, 0};
    add_part(issue, &early);
    add_part(issue, &cont);
    add_part(issue, &start);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    const bs_article *a = find_title(issue, "Pentagon Orders Missiles");
    assert_string_equal(a->paragraphs[0], "The order covers 600 missiles, and the Pentagon said on Friday.");
    assert_int_equal(a->nparts, 2);
    assert_int_equal(a->parts[0].page, 4); /* story order, not page order */
    assert_int_equal(a->parts[1].page, 2);
    assert_int_equal(a->jumps[0].from_page, 4);
    assert_int_equal(a->jumps[0].to_page, 2);
    assert_string_equal(issue->articles[0].title, "Raytheon Gets Contract");
    check_indexes(issue);
    bs_issue_free(issue);
}

static void test_missing_page_and_reasons(void **state)
{
    (void)state;
    /* Pages 1 and 2 scanned; the issue has more. */
    bs_issue *issue = new_issue(2);
    part_spec lost = {1, "把基层党组织锻造成坚强战斗堡垒", {"四川省北川县石椅", NULL}, "(下转第三版)", NULL,
                      NULL, 0};
    part_spec nocand = {1, "六五环境日", {"今天是六五环境日，各地开展", NULL}, "(下转第二版)", NULL, NULL, 0};
    part_spec orphan = {2, NULL, {"的活动丰富多彩。", NULL}, NULL, "(上接第四版)", "百年东极鱼市", 1};
    part_spec other = {2, "新型农机具", {"各地春耕生产有序推进。", NULL}, NULL, NULL, NULL, 0};
    add_part(issue, &lost);
    add_part(issue, &nocand);
    add_part(issue, &orphan);
    add_part(issue, &other);
    bs_stitch_issue(issue, NULL);
    /* Every article kept, nothing joined. */
    assert_int_equal(issue->narticles, 4);
    check_indexes(issue);
    assert_int_equal(issue->nunmatched, 3);
    const bs_unmatched_jump *u = &issue->unmatched[0];
    assert_int_equal(u->page, 1);
    assert_string_equal(u->direction, "out");
    assert_string_equal(u->text, "(下转第三版)");
    assert_string_equal(u->region, "p1r3");
    assert_int_equal(u->target_page, 3);
    assert_string_equal(u->reason, "target page missing");
    u = &issue->unmatched[1];
    assert_string_equal(u->text, "(下转第二版)");
    assert_int_equal(u->target_page, 2);
    /* The orphan continuation names page 4 and its head is another story's,
     * so the page-2 jump has no candidate. */
    assert_string_equal(u->reason, "no candidate");
    u = &issue->unmatched[2];
    assert_string_equal(u->direction, "in");
    assert_string_equal(u->text, "(上接第四版)");
    assert_int_equal(u->page, 2);
    assert_int_equal(u->target_page, 4);
    assert_string_equal(u->reason, "target page missing");
    assert_int_equal(count_qc(issue, "unmatched_jump"), 3);
    assert_int_equal(count_qc(issue, "join"), 0);
    /* Stitching again lists the same jumps, not twice as many. */
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->nunmatched, 3);
    assert_string_equal(issue->unmatched[2].reason, "target page missing");
    bs_issue_free(issue);
}

static void test_ambiguous_not_joined(void **state)
{
    (void)state;
    /* Two continuations with nothing to tell them apart. */
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "国务院常务会议", {"会议指出，要进一步", NULL}, "(下转第二版)", NULL, NULL, 0};
    part_spec c1 = {2, NULL, {"加强监管。", NULL}, NULL, "(上接第一版)", NULL, 1};
    part_spec c2 = {2, NULL, {"推进改革。", NULL}, NULL, "(上接第一版)", NULL, 1};
    add_part(issue, &a);
    add_part(issue, &c1);
    add_part(issue, &c2);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 3);
    assert_int_equal(issue->nunmatched, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(issue->unmatched[i].reason, "ambiguous");
    check_indexes(issue);
    bs_issue_free(issue);

    /* Two jump-outs, one continuation that could be either's. */
    issue = new_issue(2);
    part_spec x = {1, "国务院常务会议", {"会议指出，要进一步", NULL}, "(下转第二版)", NULL, NULL, 0};
    part_spec y = {1, "全国秋粮收获过半", {"农业农村部表示，要", NULL}, "(下转第二版)", NULL, NULL, 0};
    part_spec z = {2, NULL, {"加强监管。", NULL}, NULL, "(上接第一版)", NULL, 1};
    add_part(issue, &x);
    add_part(issue, &y);
    add_part(issue, &z);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 3);
    assert_int_equal(issue->nunmatched, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(issue->unmatched[i].reason, "ambiguous");
    bs_issue_free(issue);
}

static void test_head_left_in_body(void **state)
{
    (void)state;
    /* Reassembly moved the jump-in line to its field but left the
     * continuation head as the first paragraph: matched as a head and not
     * repeated in the joined text. */
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "破纪录的“10万亿”彰显中国外贸强大韧性", {"今年一季度，跨境电商与", NULL},
                   "(转第二版)", NULL, NULL, 0};
    part_spec decoy = {1, "国内联播快讯", {"记者从国家医保局了解到，", NULL}, "(转第二版)", NULL, NULL, 0};
    part_spec c = {2, NULL, {"破纪录的“10万亿” &", "一般贸易、加工贸易共同构成我国三大贸易方式。", NULL}, NULL,
                   "(上接第一版)", NULL, 1};
    part_spec d = {2, NULL, {"参保率稳定", "在99.9%以上。", NULL}, NULL, "(上接第一版)", "国内联播快讯", 1};
    add_part(issue, &a);
    add_part(issue, &decoy);
    add_part(issue, &c);
    add_part(issue, &d);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    const bs_article *x = &issue->articles[0];
    assert_int_equal(x->nparagraphs, 1);
    assert_string_equal(x->paragraphs[0], "今年一季度，跨境电商与一般贸易、加工贸易共同构成我国三大贸易方式。");
    /* The short open first line of the other continuation is body text:
     * it does not match the title, so it stays. */
    const bs_article *y = &issue->articles[1];
    assert_int_equal(y->nparagraphs, 2);
    assert_string_equal(y->paragraphs[0], "记者从国家医保局了解到，参保率稳定");
    assert_string_equal(y->paragraphs[1], "在99.9%以上。");
    check_indexes(issue);
    bs_issue_free(issue);
}

static void test_no_jumps_unchanged(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "U.S. Leading Index Rose", {"WASHINGTON - The index rose 0.7 pct in", NULL}, NULL,
                   NULL, NULL, 0};
    part_spec b = {1, NULL, {"february after a revised fall, the department said.", NULL}, NULL, NULL,
                   NULL, 0};
    part_spec c = {2, "国内联播快讯", {"记者从国家医保局了解到，", NULL}, NULL, NULL, NULL, 0};
    part_spec d = {2, NULL, {"，参保率稳定在99.9%以上。", NULL}, NULL, NULL, NULL, 0};
    add_part(issue, &a);
    add_part(issue, &b);
    add_part(issue, &c);
    add_part(issue, &d);
    char *before = bs_issue_to_json(issue, 0);
    bs_stitch_issue(issue, NULL);
    char *after = bs_issue_to_json(issue, 0);
    assert_string_equal(before, after);
    assert_int_equal(issue->narticles, 4);
    assert_int_equal(issue->nunmatched, 0);
    assert_int_equal(issue->nqc, 0);
    free(before);
    free(after);
    bs_issue_free(issue);

    /* And the empty issue. */
    issue = bs_issue_new();
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 0);
    bs_issue_free(issue);
}

static void test_latin_cut_mid_word(void **state)
{
    (void)state;
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "Vw Affair Could Delay Share Sale",
                   {"BONN - The question of the share sale was raised by the minister.",
                    "\"I do not want to prejudge results but the immediate and serious qu", NULL},
                   "Continued on Page A2", NULL, NULL, 0};
    part_spec other = {1, "Eli Lilly To Buy Shares",
                       {"The self-employed shareholder of record will be paid.", NULL}, NULL, NULL,
                       NULL, 0};
    part_spec c = {2, NULL, {"estion which poses itself is whether the shareholde",
                             "r list was kept, and the self-", "employed were told.", NULL},
                   NULL, "Continued from Page A1", "Vw", 1};
    add_part(issue, &a);
    add_part(issue, &other);
    add_part(issue, &c);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    const bs_article *x = &issue->articles[0];
    assert_int_equal(x->nparagraphs, 4);
    assert_string_equal(x->paragraphs[1], "\"I do not want to prejudge results but the immediate "
                                          "and serious question which poses itself is whether the "
                                          "shareholde");
    /* Only the page cut is healed; the paragraphs inside the continuation
     * are as reassembly left them. */
    assert_string_equal(x->paragraphs[2], "r list was kept, and the self-");
    bs_issue_free(issue);
}

/* A toy language model for the callback: a few known words. */
static double toy_logprob(const char *word, void *ctx)
{
    (void)ctx;
    static const char *const known[] = {"question", "the", "and", "self-employed", "budget",
                                        "consolidation"};
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(word, known[i]) == 0)
            return log(0.01);
    return log(1e-9) - (double)strlen(word);
}

/* bs_stitch_heal(left, right, lm) gives want. */
static void expect_heal(const char *left, const char *right, const bs_stitch_lm *lm, const char *want)
{
    char *s = bs_stitch_heal(left, right, lm);
    assert_non_null(s);
    assert_string_equal(s, want);
    free(s);
}

static void test_heal(void **state)
{
    (void)state;
    bs_stitch_lm lm = {toy_logprob, NULL, NULL};
    /* CJK: no space, whatever the model. */
    expect_heal("为发展提供了坚实的", "基础和广阔的空间", NULL, "为发展提供了坚实的基础和广阔的空间");
    expect_heal("跨境电商与", "一般贸易、加工贸易共同构成", &lm, "跨境电商与一般贸易、加工贸易共同构成");
    /* A finished sentence and a new one: a paragraph break. */
    assert_null(bs_stitch_heal("尽快向过渡总统委员会移交权力。", "美国发生多起街头枪击", NULL));
    assert_null(bs_stitch_heal("It ended that day at 1.7820 marks.", "The Fed said", &lm));
    /* Latin mid-word, decided by the model. */
    expect_heal("the immediate and serious qu", "estion which", &lm, "the immediate and serious question which");
    expect_heal("said the", "budget was cut", &lm, "said the budget was cut");
    /* Without a model a plain cut is a word break. */
    expect_heal("serious qu", "estion", NULL, "serious qu estion");
    /* Hyphens: removed at a line-end split, kept for a known compound and
     * before a capital. */
    expect_heal("a brief consolida-", "tion phase", &lm, "a brief consolidation phase");
    expect_heal("a brief consolida-", "tion phase", NULL, "a brief consolidation phase");
    expect_heal("the self-", "employed were told", &lm, "the self-employed were told");
    expect_heal("the Anglo-", "American company", &lm, "the Anglo-American company");
    /* Trailing white space before the cut marks a word break. */
    expect_heal("the review period ", "down more than 11 pct", &lm, "the review period down more than 11 pct");
    /* Nothing on one side. */
    assert_null(bs_stitch_heal("", "text", NULL));
    assert_null(bs_stitch_heal("text", "  ", NULL));
}

static void test_issue_vocabulary_model(void **state)
{
    (void)state;
    /* The default model learns "question" from the issue and keeps the cut
     * "the" + "budget" apart. */
    bs_issue *issue = new_issue(2);
    part_spec a = {1, "Budget Vote Delayed", {"The vote on the budget is delayed by a qu", NULL},
                   "Continued on Page A2", NULL, NULL, 0};
    part_spec b = {1, "Tax Plan", {"The question of taxes for the self-employed is open.",
                                   "The budget office and the question of the", NULL},
                   "Continued on Page A2", NULL, NULL, 0};
    part_spec ca = {2, NULL, {"estion of procedure.", NULL}, NULL, "BUDGET from Page A1", "BUDGET", 1};
    part_spec cb = {2, NULL, {"budget remain.", NULL}, NULL, "TAX from Page A1", "TAX", 1};
    add_part(issue, &a);
    add_part(issue, &b);
    add_part(issue, &ca);
    add_part(issue, &cb);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].paragraphs[0],
                        "The vote on the budget is delayed by a question of procedure.");
    assert_string_equal(issue->articles[1].paragraphs[1],
                        "The budget office and the question of the budget remain.");
    check_indexes(issue);
    bs_issue_free(issue);
}

static double never_continues(const char *left, const char *right, void *ctx)
{
    (void)left;
    (void)right;
    int *calls = ctx;
    (*calls)++;
    return 0.0;
}

static void test_cut_score_callback(void **state)
{
    (void)state;
    /* A headless candidate with no jump-in line depends on continuity: the
     * model says no, so the pair stays apart; the default says yes. */
    for (int use_cb = 0; use_cb < 2; use_cb++) {
        bs_issue *issue = new_issue(2);
        part_spec a = {1, "Pentagon Orders Missiles", {"The order covers 600 missiles and", NULL},
                       "Continued on page 2", NULL, NULL, 0};
        part_spec c = {2, NULL, {"was announced on Friday.", NULL}, NULL, NULL, NULL, 0};
        add_part(issue, &a);
        add_part(issue, &c);
        bs_stitch_options opt = bs_stitch_options_default();
        int calls = 0;
        if (use_cb) {
            opt.lm.cut_score = never_continues;
            opt.lm.ctx = &calls;
        }
        bs_stitch_issue(issue, &opt);
        if (use_cb) {
            assert_true(calls > 0);
            assert_int_equal(issue->narticles, 2);
            assert_string_equal(issue->unmatched[0].reason, "no candidate");
        } else {
            assert_int_equal(issue->narticles, 1);
            assert_string_equal(issue->articles[0].paragraphs[0],
                                "The order covers 600 missiles and was announced on Friday.");
        }
        check_indexes(issue);
        bs_issue_free(issue);
    }
}

static void test_page_labels_and_noise(void **state)
{
    (void)state;
    /* Pages scanned out of order; the running heads say which is which,
     * and the jump lines are OCR-damaged. */
    bs_issue *issue = new_issue(3);
    issue->pages[0].label = strdup("第1版");
    issue->pages[1].label = strdup("第3版");
    issue->pages[2].label = strdup("第2版");
    part_spec a = {1, "北京：传统与现代融合 文化盛宴过大年", {"文化娱乐消费同比增长了", NULL},
                   "下转笫三板)", NULL, NULL, 0};
    part_spec decoy = {3, NULL, {"的游客络绎不绝。", NULL}, NULL, "(上接第-版)", "推动优质医疗资源下沉", 1};
    part_spec c = {2, NULL, {"四成以上。", NULL}, NULL, "(上按第一版)", "北京：传统与现代融合", 1};
    add_part(issue, &a);
    add_part(issue, &c);
    add_part(issue, &decoy);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 2);
    assert_string_equal(issue->articles[0].paragraphs[0], "文化娱乐消费同比增长了四成以上。");
    assert_int_equal(issue->articles[0].jumps[0].to_page, 2);
    /* The decoy's jump-in found no partner. */
    assert_int_equal(issue->nunmatched, 1);
    assert_string_equal(issue->unmatched[0].direction, "in");
    check_indexes(issue);
    bs_issue_free(issue);
}

static void test_region_indexes_many(void **state)
{
    (void)state;
    /* Several merges and removals interleaved with untouched articles. */
    bs_issue *issue = new_issue(3);
    const char *titles[] = {"甲新闻标题一", "乙新闻标题二", "丙新闻标题三"};
    for (int i = 0; i < 3; i++) {
        part_spec s = {1, titles[i], {"正文开头部分，", NULL}, "(转第二版)", NULL, NULL, 0};
        add_part(issue, &s);
        part_spec n = {1, "独立短讯", {"一条独立的短讯。", NULL}, NULL, NULL, NULL, 0};
        add_part(issue, &n);
    }
    for (int i = 2; i >= 0; i--) {
        part_spec c = {2, NULL, {"正文结尾部分。", NULL}, NULL, "(接第一版)", titles[i], 1};
        add_part(issue, &c);
        part_spec n = {3, "第三版独立新闻", {"第三版的内容。", NULL}, NULL, NULL, NULL, 0};
        add_part(issue, &n);
    }
    assert_int_equal(issue->narticles, 12);
    bs_stitch_issue(issue, NULL);
    assert_int_equal(issue->narticles, 9);
    for (int i = 0; i < 3; i++) {
        const bs_article *a = find_title(issue, titles[i]);
        assert_int_equal(a->nparts, 2);
        assert_string_equal(a->paragraphs[0], "正文开头部分，正文结尾部分。");
    }
    check_indexes(issue);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_zh),
        cmocka_unit_test(test_simple_en_body_lines),
        cmocka_unit_test(test_same_page_not_swapped_en),
        cmocka_unit_test(test_same_page_not_swapped_zh),
        cmocka_unit_test(test_chain_1_3_5),
        cmocka_unit_test(test_backward_jump),
        cmocka_unit_test(test_missing_page_and_reasons),
        cmocka_unit_test(test_ambiguous_not_joined),
        cmocka_unit_test(test_head_left_in_body),
        cmocka_unit_test(test_no_jumps_unchanged),
        cmocka_unit_test(test_latin_cut_mid_word),
        cmocka_unit_test(test_heal),
        cmocka_unit_test(test_issue_vocabulary_model),
        cmocka_unit_test(test_cut_score_callback),
        cmocka_unit_test(test_page_labels_and_noise),
        cmocka_unit_test(test_region_indexes_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
