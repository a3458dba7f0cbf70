/*
 * test_reflow_order.c - the search for a story's paragraph order
 * (reflow_order.h) on scores set by hand: a column read too early is put
 * back when the evidence pays for the move, the input's order stays when
 * it does not or when nothing is known, a cut is joined to its rest.
 * The column-depth terms are asserted on whole stories in test_reflow.c
 * (testdata/reflow/zh_columns.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "reflow_order.h"

#define UNITS 4

/* Scores of a story of UNITS paragraphs of `chars` characters each:
 * nothing known, every paragraph closed. */
typedef struct story {
    int open[UNITS];
    double first[UNITS], closing[UNITS], follow[UNITS * UNITS];
    size_t chars[UNITS];
} story;

static void story_init(story *s, size_t chars)
{
    memset(s, 0, sizeof(*s));
    for (size_t k = 0; k < UNITS; k++)
        s->chars[k] = chars;
}

static void search(const story *s, size_t m, size_t *order)
{
    for (size_t k = 0; k < m; k++)
        order[k] = k;
    bs_reflow_order_scores c = {m, s->open, s->first, s->follow, s->closing, s->chars};
    bs_reflow_order_search(&c, order);
}

static void expect_order(const size_t *got, const size_t *want, size_t m)
{
    for (size_t k = 0; k < m; k++)
        assert_int_equal(got[k], want[k]);
}

/* The input holds the story's last two paragraphs first (a column read
 * too early): "C D A B" with A the lede and B cut, its sentence going
 * on in C.  One move puts A B first: the lede read first and the cut
 * joined outweigh the move's cost. */
static void test_column_read_early_goes_back(void **state)
{
    (void)state;
    story s;
    story_init(&s, 100);
    enum { C, D, A, B };
    s.first[A] = 6.0;
    s.open[B] = 1;
    s.follow[B * UNITS + C] = 5.0;
    size_t order[UNITS];
    search(&s, UNITS, order);
    expect_order(order, (size_t[]){A, B, C, D}, UNITS);
}

/* Evidence short of a move's cost leaves the input's order: a paragraph
 * that reads a little like a lede is not brought first. */
static void test_weak_evidence_keeps_input(void **state)
{
    (void)state;
    story s;
    story_init(&s, 100);
    s.first[2] = 2.0;
    size_t order[UNITS];
    search(&s, UNITS, order);
    expect_order(order, (size_t[]){0, 1, 2, 3}, UNITS);
}

/* Nothing known: the input's order.  More paragraphs than the search
 * takes: left as given, whatever the scores would say. */
static void test_no_evidence_and_limits(void **state)
{
    (void)state;
    story s;
    story_init(&s, 100);
    size_t order[UNITS];
    search(&s, UNITS, order);
    expect_order(order, (size_t[]){0, 1, 2, 3}, UNITS);
    size_t many[BS_REFLOW_ORDER_MAX_UNITS + 1];
    for (size_t k = 0; k < BS_REFLOW_ORDER_MAX_UNITS + 1; k++)
        many[k] = BS_REFLOW_ORDER_MAX_UNITS - k;
    bs_reflow_order_scores c = {BS_REFLOW_ORDER_MAX_UNITS + 1, NULL, NULL, NULL, NULL, NULL};
    bs_reflow_order_search(&c, many);
    for (size_t k = 0; k < BS_REFLOW_ORDER_MAX_UNITS + 1; k++)
        assert_int_equal(many[k], BS_REFLOW_ORDER_MAX_UNITS - k);
}

/* A cut joined to its rest: paragraph 1 cut, its rest in paragraph 0
 * (read first by the OCR): the order is 1 0 2 3, one move whose clear
 * join pays for it and for the short column its moved seam leaves (2 3 1
 * 0 joins the cut too but takes two moves).  A story that would end cut
 * pays for it: with paragraph 3 cut and its rest in paragraph 0, the
 * column read first goes to the end. */
static void test_cut_paragraph_joined(void **state)
{
    (void)state;
    story s;
    story_init(&s, 100);
    s.open[1] = 1;
    s.follow[1 * UNITS + 0] = 8.0;
    size_t order[UNITS];
    search(&s, UNITS, order);
    expect_order(order, (size_t[]){1, 0, 2, 3}, UNITS);

    story_init(&s, 100);
    s.open[3] = 1;
    s.follow[3 * UNITS + 0] = 3.5; /* alone, it does not pay for a move */
    search(&s, UNITS, order);
    expect_order(order, (size_t[]){1, 2, 3, 0}, UNITS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_read_early_goes_back),
        cmocka_unit_test(test_weak_evidence_keeps_input),
        cmocka_unit_test(test_no_evidence_and_limits),
        cmocka_unit_test(test_cut_paragraph_joined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
