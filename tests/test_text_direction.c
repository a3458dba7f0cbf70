/*
 * test_text_direction.c - writing direction of blocks and pages, on the
 * generated vertical fold (testdata/vertical) and the horizontal sample
 * (testdata/sample/zh); the vertical layout's fences on drawn pages;
 * the vertical language names; page labels.
 * No OCR: fast.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocr.h"
#include "preprocess.h"
#include "spread.h"
#include "text_direction.h"
#include "testenv.h"
#include "vertical_layout.h"

/* A region mixes the directions when it holds at least HEAD_HELD of a
 * horizontal headline's box and at least MIXED_SHARE of its own box lies
 * in body columns. */
#define HEAD_HELD 0.5
#define MIXED_SHARE 0.2

static json_t *load_gt(const char *rel)
{
    char *path = bs_test_path(bs_test_root(), rel);
    json_error_t je;
    json_t *gt = json_load_file(path, 0, &je);
    free(path);
    assert_non_null(gt);
    return gt;
}

static void prepare(const char *rel, bs_prepared *prep)
{
    char *path = bs_test_path(bs_test_root(), rel);
    PIX *pix = pixRead(path);
    free(path);
    assert_non_null(pix);
    bs_error err = {0};
    assert_int_equal(bs_preprocess(pix, NULL, prep, &err), 0);
    pixDestroy(&pix);
}

static bs_box json_box(json_t *a)
{
    return (bs_box){(int)json_integer_value(json_array_get(a, 0)),
                    (int)json_integer_value(json_array_get(a, 1)),
                    (int)json_integer_value(json_array_get(a, 2)),
                    (int)json_integer_value(json_array_get(a, 3))};
}

/* Every article body of the vertical fold is vertical, every headline
 * has the direction it was set in; the horizontal sample's columns are
 * horizontal. */
static void test_blocks(void **state)
{
    (void)state;
    bs_prepared prep;
    prepare("testdata/vertical/fold1.png", &prep);
    json_t *gt = load_gt("testdata/vertical/issue.json");
    size_t ai;
    json_t *a;
    int bodies = 0, bodies_ok = 0, heads = 0, heads_ok = 0, hheads = 0;
    json_array_foreach(json_object_get(gt, "articles"), ai, a)
    {
        size_t pi;
        json_t *part;
        json_array_foreach(json_object_get(a, "parts"), pi, part)
        {
            bs_text_direction_info info;
            bs_box body = json_box(json_object_get(part, "body_rect"));
            bodies++;
            bodies_ok += bs_text_direction_vote(prep.binary, body, 5 * prep.char_height, &info)
                         == BS_DIR_VERTICAL_RL;
            json_t *hr = json_object_get(part, "head_rect");
            const char *hd = json_string_value(json_object_get(part, "head_direction"));
            if (!hr || !json_is_array(hr) || !hd)
                continue;
            bs_direction want = !strcmp(hd, "vertical") ? BS_DIR_VERTICAL_RL : BS_DIR_HORIZONTAL;
            heads++;
            hheads += want == BS_DIR_HORIZONTAL;
            heads_ok += bs_text_direction_of(prep.binary, json_box(hr), &info) == want;
        }
    }
    fprintf(stderr, "vertical fold: bodies %d/%d vertical, headlines %d/%d right (%d horizontal)\n",
            bodies_ok, bodies, heads_ok, heads, hheads);
    assert_true(bodies >= 10 && hheads >= 2 && heads - hheads >= 2);
    assert_int_equal(bodies_ok, bodies);
    assert_true(heads_ok >= heads - 1);
    json_decref(gt);
    bs_prepared_release(&prep);

    prepare("testdata/sample/zh/p1.png", &prep);
    gt = load_gt("testdata/sample/zh/issue.json");
    int cols = 0, cols_ok = 0;
    json_array_foreach(json_object_get(gt, "articles"), ai, a)
    {
        size_t pi;
        json_t *part;
        json_array_foreach(json_object_get(a, "parts"), pi, part)
        {
            if (json_integer_value(json_object_get(part, "page")) != 1)
                continue;
            size_t ci;
            json_t *cr;
            json_array_foreach(json_object_get(part, "column_rects"), ci, cr)
            {
                bs_box b = json_box(cr);
                if (b.h < 3 * prep.char_height)
                    continue; /* a line or two: too little to say */
                cols++;
                cols_ok += bs_text_direction_of(prep.binary, b, NULL) == BS_DIR_HORIZONTAL;
            }
        }
    }
    fprintf(stderr, "horizontal sample: %d/%d columns horizontal\n", cols_ok, cols);
    assert_true(cols >= 10);
    assert_int_equal(cols_ok, cols);
    json_decref(gt);
    bs_prepared_release(&prep);
}

/* The vertical layout's share of vertical ink tells the pages apart. */
static void test_page_share(void **state)
{
    (void)state;
    const char *pages[] = {"testdata/vertical/fold1.png", "testdata/sample/zh/p1.png",
                           "testdata/sample/zh/p2.png"};
    for (int i = 0; i < 3; i++) {
        bs_prepared prep;
        prepare(pages[i], &prep);
        bs_page page;
        bs_page_init(&page, 1);
        double share = -1;
        bs_error err = {0};
        assert_int_equal(bs_vertical_layout_analyse(&prep, &page, NULL, &share, &err), 0);
        size_t adverts = 0, vertical = 0;
        for (size_t r = 0; r < page.nregions; r++) {
            adverts += page.regions[r].role == BS_ROLE_ADVERT;
            vertical += page.regions[r].direction == BS_DIR_VERTICAL_RL;
        }
        fprintf(stderr, "%s: vertical share %.2f, %zu regions, %zu vertical, %zu advert\n",
                pages[i], share, page.nregions, vertical, adverts);
        if (i == 0) {
            assert_true(share > 0.7);
            assert_true(vertical >= 10);
        } else {
            assert_true(share < 0.2);
        }
        bs_page_release(&page);
        bs_prepared_release(&prep);
    }
}

/* Share of box b inside r. */
static double share_inside(bs_box b, bs_box r)
{
    long area = (long)b.w * b.h;
    return area > 0 ? (double)bs_box_overlap_area(b, r) / (double)area : 0;
}

/* No text region of the vertical layout mixes the two directions: none
 * holds most of a horizontal headline of the generated fold and lies
 * largely in its vertical body columns. */
static void test_no_mixed_regions(void **state)
{
    (void)state;
    bs_prepared prep;
    prepare("testdata/vertical/fold1.png", &prep);
    json_t *gt = load_gt("testdata/vertical/issue.json");
    bs_page page;
    bs_page_init(&page, 1);
    bs_error err = {0};
    assert_int_equal(bs_vertical_layout_analyse(&prep, &page, NULL, NULL, &err), 0);
    size_t text = 0, mixed = 0;
    for (size_t i = 0; i < page.nregions; i++) {
        const bs_region *r = &page.regions[i];
        if (!bs_role_is_text(r->role))
            continue;
        text++;
        double body = 0;
        int holds_head = 0;
        size_t ai;
        json_t *a;
        json_array_foreach(json_object_get(gt, "articles"), ai, a)
        {
            size_t pi;
            json_t *part;
            json_array_foreach(json_object_get(a, "parts"), pi, part)
            {
                body += share_inside(r->box, json_box(json_object_get(part, "body_rect")));
                json_t *hr = json_object_get(part, "head_rect");
                const char *hd = json_string_value(json_object_get(part, "head_direction"));
                if (hr && json_is_array(hr) && hd && !strcmp(hd, "horizontal"))
                    holds_head |= share_inside(json_box(hr), r->box) >= HEAD_HELD;
            }
        }
        mixed += holds_head && body >= MIXED_SHARE;
    }
    fprintf(stderr, "vertical fold: %zu of %zu text regions mix a horizontal headline with body columns\n",
            mixed, text);
    assert_true(text >= 20);
    assert_int_equal(mixed, 0);
    json_decref(gt);
    bs_page_release(&page);
    bs_prepared_release(&prep);
}

/* Glyphs of a synthetic vertical story: columns of solid squares of
 * glyph px, GLYPH_STEP apart down a column, COLUMN_STEP apart across. */
#define GLYPH_PX 20
#define GLYPH_STEP 23
#define COLUMN_STEP 26
static void paint_story(PIX *pix, bs_box b)
{
    for (int x = b.x + b.w - GLYPH_PX; x >= b.x; x -= COLUMN_STEP)
        for (int y = b.y; y + GLYPH_PX <= b.y + b.h; y += GLYPH_STEP)
            pixRasterop(pix, x, y, GLYPH_PX, GLYPH_PX, PIX_SET, NULL, 0, 0);
}

/* Whether some text region of page overlaps both a and b. */
static int region_spans(const bs_page *page, bs_box a, bs_box b)
{
    for (size_t i = 0; i < page->nregions; i++) {
        const bs_region *r = &page->regions[i];
        if (bs_role_is_text(r->role) && bs_box_overlap_area(r->box, a) > 0 &&
            bs_box_overlap_area(r->box, b) > 0)
            return 1;
    }
    return 0;
}

/* A drawn vertical page of GLYPH_PX glyphs, as the preprocessor would
 * hand it over; release with bs_prepared_release(). */
static void drawn_page(PIX *bin, bs_prepared *prep)
{
    memset(prep, 0, sizeof(*prep));
    prep->binary = bin;
    prep->gray = pixConvert1To8(NULL, bin, 255, 0);
    prep->width = pixGetWidth(bin);
    prep->height = pixGetHeight(bin);
    prep->char_height = GLYPH_PX;
}

/* The text regions the vertical layout finds on prep's page; none may
 * overlap two of the n stories. */
static void assert_stories_apart(bs_prepared *prep, const bs_box *story, size_t n, const char *what)
{
    bs_page page;
    bs_page_init(&page, 1);
    double share = 0;
    bs_error err = {0};
    assert_int_equal(bs_vertical_layout_analyse(prep, &page, NULL, &share, &err), 0);
    size_t text = 0;
    for (size_t i = 0; i < page.nregions; i++)
        text += bs_role_is_text(page.regions[i].role);
    fprintf(stderr, "%s: %zu regions, %zu text, vertical share %.2f\n", what, page.nregions, text, share);
    assert_true(text >= n);
    assert_true(share > 0.9);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            assert_false(region_spans(&page, story[a], story[b]));
    bs_page_release(&page);
}

/* Stories of the 1939 pages are often fenced by dotted lines in a
 * gutter narrower than the smear that joins a story's columns: the dots
 * block every white band the XY cut looks for and bridge the smear.  Left
 * out as specks, they keep two stories side by side and a third below
 * them apart. */
static void test_dotted_fences(void **state)
{
    (void)state;
    PIX *bin = pixCreate(700, 800, 1);
    bs_box story[3];
    story[0] = (bs_box){100, 100, 6 * COLUMN_STEP - (COLUMN_STEP - GLYPH_PX), 13 * GLYPH_STEP};
    story[1] = (bs_box){story[0].x + story[0].w + 18, 100, story[0].w, story[0].h};
    story[2] = (bs_box){story[0].x, story[0].y + story[0].h + 14, story[1].x + story[1].w - story[0].x,
                        8 * GLYPH_STEP};
    for (int k = 0; k < 3; k++)
        paint_story(bin, story[k]);
    /* Dots of 3 px every 8 px: down the gutter between the upper two,
     * across the gutter above the third. */
    int dx = story[0].x + story[0].w + 8, dy = story[0].y + story[0].h + 6;
    for (int y = story[0].y - 5; y < dy; y += 8)
        pixRasterop(bin, dx, y, 3, 3, PIX_SET, NULL, 0, 0);
    for (int x = story[0].x - 5; x < story[1].x + story[1].w + 5; x += 8)
        pixRasterop(bin, x, dy, 3, 3, PIX_SET, NULL, 0, 0);
    bs_prepared prep;
    drawn_page(bin, &prep);
    assert_stories_apart(&prep, story, 3, "dotted fences");
    bs_prepared_release(&prep);
}

/* The box of a story of cols columns of rows glyphs at (x, y). */
static bs_box story_box(int x, int y, int cols, int rows)
{
    return (bs_box){x, y, cols * COLUMN_STEP - (COLUMN_STEP - GLYPH_PX),
                    rows * GLYPH_STEP - (GLYPH_STEP - GLYPH_PX)};
}

/* Four stories in a pinwheel, each pair fenced by a short rule in a
 * gutter of 8 px: no white band and no rule crosses the whole, so the
 * XY cut leaves one block, and the refinement's smear (9 px) would join
 * all four across the erased rules unless it is cut where they ran. */
static void test_pinwheel_fences(void **state)
{
    (void)state;
    PIX *bin = pixCreate(600, 640, 1);
    bs_box story[4] = {
        story_box(100, 100, 7, 6),  /* top left, wide: to x 276, y 235 */
        story_box(284, 100, 6, 10), /* top right, tall: to x 434, y 327 */
        story_box(258, 335, 7, 6),  /* bottom right, wide: from x 258 */
        story_box(100, 243, 6, 10), /* bottom left, tall: to x 250 */
    };
    for (int k = 0; k < 4; k++)
        paint_story(bin, story[k]);
    pixRasterop(bin, 279, 100, 3, 135, PIX_SET, NULL, 0, 0); /* top left | top right */
    pixRasterop(bin, 284, 330, 150, 3, PIX_SET, NULL, 0, 0); /* top right / bottom right */
    pixRasterop(bin, 253, 335, 3, 135, PIX_SET, NULL, 0, 0); /* bottom left | bottom right */
    pixRasterop(bin, 100, 238, 176, 3, PIX_SET, NULL, 0, 0); /* top left / bottom left */
    bs_prepared prep;
    drawn_page(bin, &prep);
    assert_stories_apart(&prep, story, 4, "pinwheel fences");
    bs_prepared_release(&prep);
}

/* A headline set in one vertical column of large type right beside its
 * story's body columns, a body gutter apart: no white wide enough for a
 * cut, the smear joins it to the columns.  Its column, 1.7 times as wide
 * as theirs, is cut off into a headline region of its own. */
static void test_headline_column_beside_body(void **state)
{
    (void)state;
    PIX *bin = pixCreate(500, 460, 1);
    bs_box body = story_box(100, 100, 6, 10);
    paint_story(bin, body);
    const int big = 34, step = 37; /* headline glyphs and their spacing, px */
    bs_box head = {body.x + body.w + COLUMN_STEP - GLYPH_PX, body.y, big, 4 * step - (step - big)};
    for (int y = head.y; y + big <= head.y + head.h; y += step)
        pixRasterop(bin, head.x, y, big, big, PIX_SET, NULL, 0, 0);
    bs_prepared prep;
    drawn_page(bin, &prep);
    bs_page page;
    bs_page_init(&page, 1);
    bs_error err = {0};
    assert_int_equal(bs_vertical_layout_analyse(&prep, &page, NULL, NULL, &err), 0);
    int headline = 0;
    for (size_t i = 0; i < page.nregions; i++) {
        const bs_region *r = &page.regions[i];
        if (r->role == BS_ROLE_HEADLINE && bs_box_overlap_area(r->box, head) >= 0.9 * head.w * head.h)
            headline = 1;
    }
    assert_true(headline);
    assert_false(region_spans(&page, head, body));
    bs_page_release(&page);
    bs_prepared_release(&prep);
}

static void test_vertical_lang(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {{"chi_tra", "chi_tra_vert"},
                 {"chi_sim+eng", "chi_sim_vert"},
                 {"chi_tra_vert+chi_tra", "chi_tra_vert"},
                 {"jpn+chi_tra", "jpn_vert+chi_tra_vert"},
                 {"eng", NULL},
                 {"", NULL}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *v = bs_ocr_vertical_lang(cases[i].in);
        if (!cases[i].out)
            assert_null(v);
        else
            assert_string_equal(v, cases[i].out);
        free(v);
    }
}

static void test_page_label(void **state)
{
    (void)state;
    struct {
        const char *text;
        int y, number;
        const char *label;
    } cases[] = {
        {"中華民國二十八年四月廿一日 星期五 晶報 第四版", 40, 4, "第四版"},
        {"版 二 第   五期星   報晶", 40, 2, "第二版"},
        {"第十二版", 40, 12, "第十二版"},
        {"第12版", 40, 12, "第12版"},
        {"第四版", 900, 0, NULL}, /* not in the top band */
        {"第版", 40, 0, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bs_page page;
        bs_page_init(&page, 1);
        page.width = 700;
        page.height = 1000;
        bs_region *r = bs_page_add_region(&page, BS_ROLE_BODY, (bs_box){10, cases[i].y, 600, 30});
        bs_region_add_line(r, cases[i].text, r->box, -1);
        char *label = NULL;
        assert_int_equal(bs_spread_page_label(&page, &label), cases[i].number);
        if (cases[i].label)
            assert_string_equal(label, cases[i].label);
        else
            assert_null(label);
        free(label);
        bs_page_release(&page);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_page_share),
        cmocka_unit_test(test_no_mixed_regions),
        cmocka_unit_test(test_dotted_fences),
        cmocka_unit_test(test_pinwheel_fences),
        cmocka_unit_test(test_headline_column_beside_body),
        cmocka_unit_test(test_vertical_lang),
        cmocka_unit_test(test_page_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
