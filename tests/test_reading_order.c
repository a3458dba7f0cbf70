/*
 * test_reading_order.c - Breuel's partial order on blocks, its cycles and
 * the XY-cut fallback, right-to-left pages, and duplicate removal
 * (dedup.h), which works on the same kind of block lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "xalloc.h"
#include "page.h"
#include "reading_order.h"

static void expect_order(const bs_box *boxes, size_t n, const bs_reading_order_options *opt,
                         const size_t *want, int want_rc)
{
    size_t order[32];
    int rc = bs_reading_order(boxes, n, 1000, opt, order);
    for (size_t i = 0; i < n; i++)
        if (order[i] != want[i]) {
            char got[128] = "", exp[128] = "";
            for (size_t k = 0; k < n; k++) {
                size_t l = strlen(got), m = strlen(exp);
                snprintf(got + l, sizeof(got) - l, "%zu ", order[k]);
                snprintf(exp + m, sizeof(exp) - m, "%zu ", want[k]);
            }
            fail_msg("order %s, want %s", got, exp);
        }
    assert_int_equal(rc, want_rc);
}

static void test_columns_and_spanning_headline(void **state)
{
    (void)state;
    /* A headline over two columns, each column in two blocks; a second
     * story under a rule across both columns. */
    bs_box b[] = {
        {50, 300, 200, 200},  /* 0 col 1 lower */
        {270, 100, 200, 200}, /* 1 col 2 upper */
        {50, 50, 420, 40},    /* 2 headline */
        {50, 100, 200, 190},  /* 3 col 1 upper */
        {270, 310, 200, 190}, /* 4 col 2 lower */
        {50, 520, 420, 3},    /* 5 rule */
        {50, 540, 200, 100},  /* 6 story 2 col 1 */
        {270, 540, 200, 100}, /* 7 story 2 col 2 */
    };
    size_t want[] = {2, 3, 0, 1, 4, 5, 6, 7};
    expect_order(b, 8, NULL, want, 0);
}

/* A picture over the first two columns, the third column starting beside
 * it, a vertical rule before the fourth and a running head high up on the
 * right (zh issue03 page 1): the columns under the picture come before the
 * third column.  The vertical rule, left of the running head and right of
 * the third column, once tied them into a cycle whose weak edges gave way,
 * and the third column, higher up, was read first. */
static void test_rule_makes_no_cycle(void **state)
{
    (void)state;
    bs_box b[] = {
        {680, 40, 300, 20},   /* 0 running head */
        {20, 70, 960, 3},     /* 1 rule under it */
        {20, 80, 960, 40},    /* 2 headline */
        {20, 130, 460, 150},  /* 3 picture over columns 1-2 */
        {500, 130, 200, 150}, /* 4 column 3, upper block */
        {715, 130, 3, 300},   /* 5 vertical rule */
        {730, 130, 200, 300}, /* 6 column 4 */
        {20, 300, 220, 130},  /* 7 column 1 under the picture */
        {260, 300, 220, 130}, /* 8 column 2 under the picture */
        {500, 290, 200, 140}, /* 9 column 3, lower block */
    };
    size_t want[] = {0, 1, 2, 3, 5, 7, 8, 4, 9, 6};
    expect_order(b, 10, NULL, want, 0);
}

/* On vertical pages a rule keeps its place between the stories it parts
 * (rules_in_order), where on horizontal pages it takes part in no
 * relation and comes where its top puts it. */
static void test_rule_in_order_on_vertical_pages(void **state)
{
    (void)state;
    bs_box b[] = {
        {20, 100, 280, 400},  /* 0 story A, read first (boxes mirrored) */
        {310, 300, 3, 600},   /* 1 rule between the stories, starting lower */
        {320, 100, 280, 800}, /* 2 story B */
    };
    size_t horizontal[] = {0, 2, 1};
    expect_order(b, 3, NULL, horizontal, 0);
    bs_reading_order_options o = bs_reading_order_options_default();
    o.rules_in_order = 1;
    size_t vertical[] = {0, 1, 2};
    expect_order(b, 3, &o, vertical, 0);
}

static void test_side_column_full_height(void **state)
{
    (void)state;
    /* Stories stacked on the left, one full-height column on the right:
     * the whole left block comes first. */
    bs_box b[] = {
        {800, 50, 180, 900}, /* 0 right column */
        {50, 50, 700, 40},   /* 1 story A headline */
        {50, 100, 700, 300}, /* 2 story A text */
        {50, 450, 700, 40},  /* 3 story B headline */
        {50, 500, 700, 400}, /* 4 story B text */
    };
    size_t want[] = {1, 2, 3, 4, 0};
    expect_order(b, 5, NULL, want, 0);
}

static void test_l_shaped_story_breaks_weak_cycle(void **state)
{
    (void)state;
    /* Story 1 has a photo in cols 1-2 and text in cols 3-4 beside it;
     * story 2 below reaches only into col 3 with its headline; the byline
     * at the bottom left would come "before" the top right block by the
     * left-right rule, closing a cycle.  That weak edge gives way. */
    bs_box b[] = {
        {50, 50, 900, 40},    /* 0 headline 1 */
        {50, 100, 440, 200},  /* 1 photo */
        {50, 310, 200, 150},  /* 2 col 1 text */
        {270, 310, 200, 150}, /* 3 col 2 text */
        {510, 100, 200, 150}, /* 4 col 3 text */
        {730, 100, 200, 120}, /* 5 col 4 text */
        {600, 225, 110, 20},  /* 6 jump line, col 3-4 */
        {510, 480, 440, 40},  /* 7 headline 2 (cols 3-4) */
        {510, 530, 200, 150}, /* 8 story 2 text */
        {50, 700, 600, 40},   /* 9 headline 3 (cols 1-3) */
        {50, 750, 150, 20},   /* 10 byline 3 */
    };
    size_t order[16];
    int rc = bs_reading_order(b, 11, 1000, NULL, order);
    assert_int_equal(rc, 0);
    size_t pos[11];
    for (size_t i = 0; i < 11; i++)
        pos[order[i]] = i;
    /* Story 1 in column order, before story 2, before story 3. */
    assert_true(pos[0] < pos[1] && pos[1] < pos[2] && pos[2] < pos[3] && pos[3] < pos[4]);
    assert_true(pos[4] < pos[5] && pos[5] < pos[7] && pos[7] < pos[8]);
    assert_true(pos[8] < pos[9] && pos[9] < pos[10]);
}

/* A block overlapping two columns (W, cut across the gutter) is below the
 * right column's block Z and above the left column's lower block Y, while
 * Y shares height with Z and goes before it: a cycle of strong edges.  It
 * is read column by column, without falling back to the XY cut. */
static void test_knot_across_gutter(void **state)
{
    (void)state;
    const bs_box boxes[] = {
        {0, 0, 100, 100},   /* X: left column, top */
        {0, 120, 100, 100}, /* Y: left column, below */
        {110, 0, 100, 150}, /* Z: right column */
        {90, 100, 40, 20},  /* W: across the gutter */
    };
    size_t order[4];
    assert_int_equal(bs_reading_order(boxes, 4, 220, NULL, order), 0);
    assert_int_equal(order[0], 0);
    assert_int_equal(order[1], 3);
    assert_int_equal(order[2], 1);
    assert_int_equal(order[3], 2);
}

/* Story 1's headline spans columns 1-2; its text runs on under a photo in
 * columns 3 and 4.  Story 2 opens below a line of white across the page
 * with a headline over columns 1-3.  Column 4 of story 1 stands wholly
 * above story 2's blocks and to their right: it is read before story 2
 * when the headline is known to open a story, and column-major after it
 * when nothing is known. */
static void test_band_under_photo(void **state)
{
    (void)state;
    const bs_box b[] = {
        {0, 0, 420, 40},     /* 0 headline 1 (cols 1-2) */
        {0, 60, 200, 440},   /* 1 story 1, col 1 */
        {220, 60, 200, 440}, /* 2 story 1, col 2 */
        {460, 0, 420, 250},  /* 3 photo (cols 3-4) */
        {460, 260, 200, 220}, /* 4 story 1, col 3 under the photo */
        {680, 260, 200, 220}, /* 5 story 1, col 4 under the photo */
        {0, 540, 660, 40},   /* 6 headline 2 (cols 1-3) */
        {0, 600, 200, 200},  /* 7 story 2, col 1 */
        {220, 600, 200, 200}, /* 8 story 2, col 2 */
    };
    const unsigned char opens[] = {1, 0, 0, 0, 0, 0, 1, 0, 0};
    bs_reading_order_options opt = bs_reading_order_options_default();
    opt.opens_story = opens;
    size_t order[9], pos[9];
    assert_int_equal(bs_reading_order(b, 9, 900, &opt, order), 0);
    for (size_t i = 0; i < 9; i++)
        pos[order[i]] = i;
    /* Story 1 column by column (the photo before the text under it),
     * then story 2. */
    static const size_t seq[] = {0, 1, 2, 4, 5, 6, 7, 8};
    for (size_t k = 0; k + 1 < sizeof seq / sizeof *seq; k++)
        assert_true(pos[seq[k]] < pos[seq[k + 1]]);
    assert_true(pos[3] < pos[4]);
    assert_int_equal(bs_reading_order(b, 9, 900, NULL, order), 0);
    for (size_t i = 0; i < 9; i++)
        pos[order[i]] = i;
    assert_true(pos[6] < pos[5]);
}

static void test_right_to_left_and_xycut(void **state)
{
    (void)state;
    /* Vertical text: columns read right to left. */
    bs_box b[] = {
        {100, 100, 200, 800}, /* 0 left column */
        {700, 100, 200, 800}, /* 1 right column */
        {400, 100, 200, 800}, /* 2 middle column */
    };
    bs_reading_order_options opt = bs_reading_order_options_default();
    opt.right_to_left = 1;
    size_t want_rtl[] = {1, 2, 0};
    expect_order(b, 3, &opt, want_rtl, 0);
    size_t want_ltr[] = {0, 2, 1};
    expect_order(b, 3, NULL, want_ltr, 0);

    /* Forced XY cut: a band across the page first, then columns. */
    bs_box c[] = {
        {50, 300, 400, 100},  /* 0 lower left */
        {50, 50, 900, 100},   /* 1 top band */
        {500, 300, 400, 100}, /* 2 lower right */
        {50, 200, 400, 80},   /* 3 middle left */
    };
    opt = bs_reading_order_options_default();
    opt.force_xycut = 1;
    size_t want_xy[] = {1, 3, 0, 2};
    expect_order(c, 4, &opt, want_xy, 1);
}

static void test_page_orders_and_trivial(void **state)
{
    (void)state;
    size_t order[1];
    assert_int_equal(bs_reading_order(NULL, 0, 0, NULL, order), 0);
    bs_page page;
    bs_page_init(&page, 1);
    bs_page_add_region(&page, BS_ROLE_BODY, (bs_box){50, 500, 100, 100});
    bs_page_add_region(&page, BS_ROLE_HEADLINE, (bs_box){50, 50, 100, 40});
    assert_int_equal(bs_reading_order_page(&page, NULL), 0);
    assert_int_equal(page.regions[0].order, 1);
    assert_int_equal(page.regions[1].order, 0);
    bs_page_release(&page);
}

/* ---- duplicates ------------------------------------------------------- */

static const char *const para_a = "会上，市交通局负责人通报了本年度道路改造计划的进展和主要目标。";
static const char *const para_b = "与会人员结合各自分工，围绕改造计划提出了意见和建议，气氛热烈。";

static void test_dedup_overlapping_copy(void **state)
{
    (void)state;
    bs_dedup_item it[] = {
        {para_a, 0, 1, {50, 100, 200, 600}, 0},
        {para_b, 0, 1, {50, 100, 200, 600}, 0},
        /* OCR read the lower half again as a small block. */
        {para_b, 0, 2, {50, 400, 200, 200}, 0},
    };
    bs_dedup_hit *hits = NULL;
    assert_int_equal(bs_dedup_find(it, 3, NULL, &hits), 1);
    assert_int_equal(hits[0].removed, 2);
    assert_int_equal(hits[0].kept, 1);
    assert_int_equal(hits[0].fragment, 0);
    free(hits);
}

static void test_dedup_keeps_copy_in_its_story(void **state)
{
    (void)state;
    /* The same paragraph in two stories far apart: it stays in the story
     * about the plan (its title and text share its words). */
    bs_dedup_item it[] = {
        {"市交通局召开季度工作会", 0, 0, {50, 50, 400, 40}, 1},
        {"会议听取了各科室的工作汇报，部署了下季度的重点任务。", 0, 1, {50, 100, 200, 300}, 0},
        {para_a, 0, 2, {50, 420, 200, 100}, 0},
        {"道路改造计划稳步推进", 1, 3, {500, 50, 400, 40}, 1},
        {para_a, 1, 4, {500, 100, 200, 100}, 0},
        {para_b, 1, 5, {500, 220, 200, 100}, 0},
    };
    bs_dedup_hit *hits = NULL;
    assert_int_equal(bs_dedup_find(it, 6, NULL, &hits), 1);
    assert_int_equal(hits[0].removed, 2);
    assert_int_equal(hits[0].kept, 4);
    free(hits);
}

static void test_dedup_near_and_fragment(void **state)
{
    (void)state;
    /* Two readings differing by two characters are one paragraph; the
     * first stays when nothing else decides. */
    bs_dedup_item near[] = {
        {"The council voted on Monday to back the harbour plan, which has divided residents.",
         0,
         1,
         {0, 0, 10, 10},
         0},
        {"The counci1 voted on Monday to back the harbour p1an, which has divided residents.",
         1,
         2,
         {500, 0, 10, 10},
         0},
    };
    bs_dedup_hit *hits = NULL;
    assert_int_equal(bs_dedup_find(near, 2, NULL, &hits), 1);
    assert_int_equal(hits[0].removed, 1);
    free(hits);

    /* A stray block that caught half a paragraph, overlapping the column. */
    bs_dedup_item frag[] = {
        {"与会人员结合各自分工，围绕改造计划提出了意见和建议，气氛热烈。会后，与会人员还实地察看了"
         "城东和城西两个重点项目的建设进度和安全管理情况。",
         0,
         1,
         {50, 100, 200, 400},
         0},
        {"会后，与会人员还实地察看了城东和城西两个重点项目的建设进度和安全管理情况。",
         0,
         2,
         {50, 300, 200, 100},
         0},
    };
    assert_int_equal(bs_dedup_find(frag, 2, NULL, &hits), 1);
    assert_int_equal(hits[0].removed, 1);
    assert_int_equal(hits[0].fragment, 1);
    free(hits);
    /* The same sentence elsewhere on the page (no overlap) is the paper's. */
    frag[1].box = (bs_box){500, 300, 200, 100};
    assert_int_equal(bs_dedup_find(frag, 2, NULL, &hits), 0);
    assert_null(hits);
}

/* A page of thousands of paragraphs (a year of text read as one page)
 * pairs them through sketches, not all pairs: the copy and the fragment
 * are still found, and nothing else.  Texts are random Han characters
 * from a fixed generator. */
static void test_dedup_large_page(void **state)
{
    (void)state;
    enum { N = 3000, LEN = 60 };
    char **text = bs_xmalloc(N * sizeof(*text));
    bs_dedup_item *it = bs_xcalloc(N, sizeof(*it));
    uint64_t r = 12345;
    for (size_t i = 0; i < N; i++) {
        text[i] = bs_xmalloc(LEN * 3 + 1);
        for (size_t c = 0; c < LEN; c++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t cp = 0x4E00 + (uint32_t)(r >> 33) % 3000;
            text[i][3 * c] = (char)(0xE0 | cp >> 12);
            text[i][3 * c + 1] = (char)(0x80 | (cp >> 6 & 0x3F));
            text[i][3 * c + 2] = (char)(0x80 | (cp & 0x3F));
        }
        text[i][LEN * 3] = '\0';
        it[i] = (bs_dedup_item){text[i], (int)(i / 10), i, {0, (int)i * 10, 100, 10}, 0};
    }
    /* Item 2500 is item 10 read again with two characters misread. */
    memcpy(text[2500], text[10], LEN * 3 + 1);
    memcpy(text[2500] + 3 * 5, "\xE4\xB8\x80", 3);
    memcpy(text[2500] + 3 * 40, "\xE4\xB8\x80", 3);
    /* Item 2800 is the second half of item 100, from a block over it. */
    memcpy(text[2800], text[100] + 3 * (LEN / 2), 3 * (LEN / 2) + 1);
    it[2800].box = it[100].box;
    /* Stories of ten paragraphs, then one story of them all (text with
     * no headline: the copy's context is read from its neighbours). */
    for (int one_story = 0; one_story < 2; one_story++) {
        for (size_t i = 0; one_story && i < N; i++)
            it[i].group = 0;
        bs_dedup_hit *hits = NULL;
        assert_int_equal(bs_dedup_find(it, N, NULL, &hits), 2);
        assert_int_equal(hits[0].removed, 2500);
        assert_int_equal(hits[0].kept, 10);
        assert_int_equal(hits[1].removed, 2800);
        assert_int_equal(hits[1].kept, 100);
        assert_int_equal(hits[1].fragment, 1);
        free(hits);
    }
    for (size_t i = 0; i < N; i++)
        free(text[i]);
    free(text);
    free(it);
}

static void test_dedup_keeps_short_and_fixed(void **state)
{
    (void)state;
    bs_dedup_item it[] = {
        {"绿色家园 幸福港城", 0, 0, {0, 0, 100, 20}, 1},
        {"绿色家园 幸福港城", 0, 1, {0, 30, 100, 20}, 0},
        {"REUTER", 1, 2, {0, 100, 100, 20}, 0},
        {"REUTER", 2, 3, {0, 200, 100, 20}, 0},
        /* Titles are context only, even when long and equal. */
        {para_a, 3, 4, {0, 300, 100, 20}, 1},
        {para_a, 4, 5, {0, 400, 100, 20}, 1},
    };
    bs_dedup_hit *hits = NULL;
    assert_int_equal(bs_dedup_find(it, 6, NULL, &hits), 0);
    assert_int_equal(bs_dedup_find(it, 1, NULL, &hits), 0);
    assert_null(hits);
}

static void test_dedup_three_copies_keep_one(void **state)
{
    (void)state;
    bs_dedup_item it[] = {
        {para_b, 0, 1, {0, 0, 200, 300}, 0},
        {para_b, 0, 2, {0, 100, 200, 100}, 0},
        {para_b, 0, 3, {0, 150, 200, 100}, 0},
    };
    bs_dedup_hit *hits = NULL;
    assert_int_equal(bs_dedup_find(it, 3, NULL, &hits), 2);
    assert_int_not_equal(hits[0].removed, 0);
    assert_int_not_equal(hits[1].removed, 0);
    assert_int_not_equal(hits[0].removed, hits[1].removed);
    free(hits);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_and_spanning_headline),
        cmocka_unit_test(test_side_column_full_height),
        cmocka_unit_test(test_rule_makes_no_cycle),
        cmocka_unit_test(test_rule_in_order_on_vertical_pages),
        cmocka_unit_test(test_l_shaped_story_breaks_weak_cycle),
        cmocka_unit_test(test_right_to_left_and_xycut),
        cmocka_unit_test(test_knot_across_gutter),
        cmocka_unit_test(test_band_under_photo),
        cmocka_unit_test(test_page_orders_and_trivial),
        cmocka_unit_test(test_dedup_overlapping_copy),
        cmocka_unit_test(test_dedup_keeps_copy_in_its_story),
        cmocka_unit_test(test_dedup_near_and_fragment),
        cmocka_unit_test(test_dedup_keeps_short_and_fixed),
        cmocka_unit_test(test_dedup_large_page),
        cmocka_unit_test(test_dedup_three_copies_keep_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
