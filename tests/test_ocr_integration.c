/*
 * test_ocr_integration.c - real Tesseract on real page images, and the
 * image loader on good and bad files.
 *
 * The sample pages in testdata/sample were rendered by tools/mkissue; their
 * ground truth names every headline, so the test asserts that Tesseract,
 * through Broadsheet's wrapper, recognises them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_load.h"
#include "issue.h"
#include "ocr.h"
#include "page_read.h"
#include "pipeline.h"
#include "spread.h"
#include "strbuf.h"
#include "testenv.h"
#include "unicode.h"
#include "xalloc.h"

/* All text of a page with white space removed (Tesseract puts spaces
 * between CJK characters). */
static char *page_text_nospace(const bs_page *p)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t r = 0; r < p->nregions; r++)
        for (size_t l = 0; l < p->regions[r].nlines; l++)
            bs_strbuf_addstr(&sb, p->regions[r].lines[l].text);
    size_t n = bs_utf8_remove_space(sb.buf, sb.len);
    sb.len = n;
    return bs_strbuf_detach(&sb);
}

static void read_sample(const char *rel, const char *lang, const char *const *expect, size_t nexpect)
{
    char *path = bs_test_path(bs_test_root(), rel);
    bs_error err = {0};
    bs_ocr *ocr = bs_ocr_new(lang, NULL, &err);
    if (!ocr)
        fail_msg("%s", err.msg);
    bs_issue *issue = bs_issue_new();
    bs_pipeline_options opt = bs_pipeline_options_default();
    int failed = bs_pipeline_add_file(issue, ocr, path, &opt, &err);
    assert_int_equal(failed, 0);
    assert_int_equal(issue->npages, 1);
    bs_page *p = &issue->pages[0];
    assert_int_equal(p->width, 1600);
    assert_int_equal(p->height, 2200);
    assert_true(p->nregions > 3);
    char *text = page_text_nospace(p);
    for (size_t i = 0; i < nexpect; i++)
        if (!strstr(text, expect[i]))
            fail_msg("%s: \"%s\" not recognised", rel, expect[i]);
    /* Words carry boxes inside the page and confidences in [0,1]. */
    size_t words = 0;
    for (size_t r = 0; r < p->nregions; r++)
        for (size_t l = 0; l < p->regions[r].nlines; l++)
            for (size_t w = 0; w < p->regions[r].lines[l].nwords; w++) {
                const bs_word *wd = &p->regions[r].lines[l].words[w];
                assert_true(wd->box.x >= 0 && wd->box.x + wd->box.w <= p->width);
                assert_true(wd->box.y >= 0 && wd->box.y + wd->box.h <= p->height);
                assert_true(wd->conf >= 0.0f && wd->conf <= 1.0f);
                words++;
            }
    assert_true(words > 100);
    free(text);
    bs_issue_free(issue);
    bs_ocr_free(ocr);
    free(path);
}

static void test_ocr_chinese_sample(void **state)
{
    (void)state;
    /* Headlines and a body phrase of testdata/sample/zh page 1. */
    static const char *const expect[] = {"城市更新项目开工建设", "市民热线办理效率持续提升",
                                         "老旧小区改造让居民住得更舒心"};
    read_sample("testdata/sample/zh/p1.png", "chi_sim", expect, 3);
}

static void test_ocr_english_sample(void **state)
{
    (void)state;
    static const char *const expect[] = {"Bank", "Lending"};
    read_sample("testdata/sample/en/p1.png", "eng", expect, 2);
}

static void test_ocr_missing_language(void **state)
{
    (void)state;
    bs_error err = {0};
    bs_ocr *ocr = bs_ocr_new("xx_nonexistent", NULL, &err);
    assert_null(ocr);
    assert_non_null(strstr(err.msg, "xx_nonexistent"));
}

static char *write_tmp(const char *name, const void *data, size_t n)
{
    char *path = bs_test_path(bs_test_tmp(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (n)
        assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

static void expect_load_error(const char *path, int code, const char *needle)
{
    bs_error err = {0};
    bs_image_limits lim = bs_image_limits_default();
    PIX *pix = bs_image_load(path, 0, &lim, &err);
    assert_null(pix);
    assert_int_equal(err.code, code);
    if (!strstr(err.msg, needle))
        fail_msg("error \"%s\" lacks \"%s\"", err.msg, needle);
    assert_non_null(strstr(err.msg, path));
}

static void test_image_bad_files(void **state)
{
    (void)state;
    char *p = write_tmp("empty.png", "", 0);
    expect_load_error(p, BS_ERR_FORMAT, "empty file");
    free(p);
    p = write_tmp("text.tif", "just some text\n", 15);
    expect_load_error(p, BS_ERR_FORMAT, "not an image");
    free(p);
    expect_load_error("/nonexistent/page.png", BS_ERR_IO, "cannot open");

    /* A truncated PNG: the first 2000 bytes of a real page. */
    char *sample = bs_test_path(bs_test_root(), "testdata/sample/zh/p1.png");
    size_t len = 0;
    char *data = bs_test_slurp(sample, &len);
    assert_non_null(data);
    assert_true(len > 2000);
    p = write_tmp("trunc.png", data, 2000);
    bs_error err = {0};
    bs_image_limits lim = bs_image_limits_default();
    PIX *pix = bs_image_load(p, 0, &lim, &err);
    assert_null(pix);
    assert_non_null(strstr(err.msg, "trunc.png"));
    free(p);
    free(data);
    free(sample);
}

static void test_image_limits_and_depths(void **state)
{
    (void)state;
    bs_image_limits lim = bs_image_limits_default();
    bs_error err = {0};
    /* Too large by the header: refused before decoding. */
    PIX *big = pixCreate(1200, 1000, 1);
    char *p = bs_test_path(bs_test_tmp(), "big.tif");
    pixWrite(p, big, IFF_TIFF_G4);
    pixDestroy(&big);
    bs_image_limits small_lim = lim;
    small_lim.max_side = 1000;
    assert_null(bs_image_load(p, 0, &small_lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    /* 1-bit loads as 8-bit gray. */
    PIX *pix = bs_image_load(p, 0, &lim, &err);
    assert_non_null(pix);
    assert_int_equal(pixGetDepth(pix), 8);
    pixDestroy(&pix);
    free(p);
    /* Tiny: not a page. */
    PIX *tiny = pixCreate(100, 80, 8);
    p = bs_test_path(bs_test_tmp(), "tiny.png");
    pixWrite(p, tiny, IFF_PNG);
    pixDestroy(&tiny);
    assert_null(bs_image_load(p, 0, &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    free(p);
    /* 16-bit gray and palette images normalise to 8 bpp. */
    PIX *deep = pixCreate(400, 400, 16);
    p = bs_test_path(bs_test_tmp(), "deep.png");
    pixWrite(p, deep, IFF_PNG);
    pixDestroy(&deep);
    pix = bs_image_load(p, 0, &lim, &err);
    assert_non_null(pix);
    assert_int_equal(pixGetDepth(pix), 8);
    pixDestroy(&pix);
    free(p);
    PIX *pal = pixCreate(400, 400, 8);
    PIXCMAP *cmap = pixcmapCreateRandom(8, 1, 1);
    pixSetColormap(pal, cmap);
    p = bs_test_path(bs_test_tmp(), "pal.png");
    pixWrite(p, pal, IFF_PNG);
    pixDestroy(&pal);
    pix = bs_image_load(p, 0, &lim, &err);
    assert_non_null(pix);
    assert_null(pixGetColormap(pix));
    pixDestroy(&pix);
    free(p);
}

static void test_image_multipage_tiff(void **state)
{
    (void)state;
    char *p = bs_test_path(bs_test_tmp(), "multi.tif");
    for (int i = 0; i < 3; i++) {
        PIX *pg = pixCreate(500 + 10 * i, 600, 1);
        pixWriteTiff(p, pg, IFF_TIFF_G4, i == 0 ? "w" : "a");
        pixDestroy(&pg);
    }
    int n = 0;
    bs_error err = {0};
    assert_int_equal(bs_image_count(p, &n, &err), 0);
    assert_int_equal(n, 3);
    bs_image_limits lim = bs_image_limits_default();
    PIX *pix = bs_image_load(p, 2, &lim, &err);
    assert_non_null(pix);
    assert_int_equal(pixGetWidth(pix), 520);
    pixDestroy(&pix);
    free(p);
}

/* Page 2 of the Chinese sample read by Tesseract's own layout, for tests
 * of a second reading of its blocks. */
typedef struct sample_blocks {
    PIX *pix;
    bs_ocr *ocr;
    bs_page page;
    bs_region *biggest; /* the block with most lines (at least 6) */
} sample_blocks;

static void sample_blocks_read(sample_blocks *sb)
{
    char *path = bs_test_path(bs_test_root(), "testdata/sample/zh/p2.png");
    bs_error err = {0};
    bs_image_limits lim = bs_image_limits_default();
    sb->pix = bs_image_load(path, 0, &lim, &err);
    assert_non_null(sb->pix);
    free(path);
    sb->ocr = bs_ocr_new("chi_sim", NULL, &err);
    if (!sb->ocr)
        fail_msg("%s", err.msg);
    bs_ocr_set_image(sb->ocr, sb->pix, 200);
    bs_page_init(&sb->page, 1);
    assert_int_equal(bs_ocr_page_blocks(sb->ocr, &sb->page, &err), 0);
    sb->biggest = NULL;
    for (size_t i = 0; i < sb->page.nregions; i++)
        if (!sb->biggest || sb->page.regions[i].nlines > sb->biggest->nlines)
            sb->biggest = &sb->page.regions[i];
    assert_true(sb->biggest->nlines >= 6);
}

static void sample_blocks_release(sample_blocks *sb)
{
    bs_page_release(&sb->page);
    bs_ocr_free(sb->ocr);
    pixDestroy(&sb->pix);
}

/* A line read again alone: a misreading is replaced by the reading of the
 * same line, a rectangle holding only part of the line (less text read
 * with more confidence) or no line at all keeps what was read. */
static void test_reread_line(void **state)
{
    (void)state;
    sample_blocks sb;
    sample_blocks_read(&sb);
    bs_ocr *ocr = sb.ocr;
    bs_region *block = sb.biggest;
    bs_error err = {0};
    /* A well-read line of ten glyphs or more in the block's middle. */
    size_t li = block->nlines / 2;
    while (li < block->nlines && (block->lines[li].conf < 0.85 || strlen(block->lines[li].text) < 30))
        li++;
    assert_true(li < block->nlines);
    bs_line *line = &block->lines[li];
    char *truth = bs_xstrdup(line->text);
    bs_box lb = line->box;
    bs_box rect = {block->box.x, lb.y - 4, block->box.w, lb.h + 8};

    /* A misreading of low confidence is replaced. */
    bs_line_set_text(line, "乱码");
    line->conf = 0.2f;
    assert_int_equal(bs_ocr_reread_line(ocr, block, li, rect, 0.05f, &err), 1);
    line = &block->lines[li];
    assert_string_equal(line->text, truth);
    assert_true(line->conf > 0.85f);
    assert_true(line->nwords > 0);

    /* The left third of the line: fewer glyphs, kept as it was. */
    line->conf = 0.2f;
    bs_box part = {lb.x - 4, lb.y - 4, lb.w / 3, lb.h + 8};
    assert_int_equal(bs_ocr_reread_line(ocr, block, li, part, 0.05f, &err), 0);
    assert_string_equal(block->lines[li].text, truth);

    /* A reading no more confident than the old one is not taken. */
    block->lines[li].conf = 0.99f;
    assert_int_equal(bs_ocr_reread_line(ocr, block, li, rect, 0.05f, &err), 0);
    assert_true(block->lines[li].conf > 0.98f);

    /* Blank paper (the top margin of the page) reads as nothing: kept. */
    bs_box blank = {block->box.x, 2, block->box.w, 20};
    block->lines[li].conf = 0.2f;
    assert_int_equal(bs_ocr_reread_line(ocr, block, li, blank, 0.05f, &err), 0);
    assert_string_equal(block->lines[li].text, truth);

    free(truth);
    sample_blocks_release(&sb);
}

/* The running head of page 4 of the 1939 issue (晶報, ../shared), set in
 * heavy type right to left ("版四第"): Tesseract finds nothing in it on
 * the page image (an empty region); enlarged and thinned it reads, and
 * the page's label follows.  Skipped without ../shared. */
static void test_enlarged_display_type(void **state)
{
    (void)state;
    const char *shared = bs_test_shared();
    if (!shared)
        skip();
    bs_strbuf path = BS_STRBUF_INIT;
    bs_strbuf_addf(&path, "%s/realdata/ecpo-jingbao/jb_3795_1939-04-21_0001+0004.jpg", shared);
    PIX *scan = pixRead(path.buf);
    bs_strbuf_release(&path);
    if (!scan)
        skip();
    /* A piece of the fold around the head, page pixels from (2600, 250). */
    BOX *piece = boxCreate(2600, 250, 400, 150);
    PIX *clip = pixClipRectangle(scan, piece, NULL);
    PIX *gray = pixConvertTo8(clip, 0);
    boxDestroy(&piece);
    pixDestroy(&clip);
    pixDestroy(&scan);
    bs_error err = {0};
    bs_ocr *ocr = bs_ocr_new("chi_tra", NULL, &err);
    assert_non_null(ocr);
    bs_ocr_set_image(ocr, gray, 0);
    bs_page page;
    memset(&page, 0, sizeof(page));
    page.width = 400;
    page.height = 3424; /* the fold's height: the head is in its top band */
    bs_region *r = bs_page_add_region(&page, BS_ROLE_RUNNING_HEAD, (bs_box){75, 50, 112, 45});
    bs_box rect = {67, 42, 128, 61};
    assert_int_equal(bs_ocr_read_enlarged(ocr, r, rect, BS_PSM_SINGLE_LINE, &err), 1);
    assert_true(r->nlines >= 1);
    assert_non_null(strstr(r->lines[0].text, "四"));
    /* Boxes come back in page pixels, inside the rectangle read. */
    bs_box lb = r->lines[0].box;
    assert_true(lb.x >= rect.x && lb.x + lb.w <= rect.x + rect.w + 1);
    assert_true(lb.y >= rect.y && lb.y + lb.h <= rect.y + rect.h + 1);
    char *label = NULL;
    assert_int_equal(bs_spread_page_label(&page, &label), 4);
    free(label);
    /* A region that has text is left alone. */
    assert_int_equal(bs_ocr_read_enlarged(ocr, r, rect, BS_PSM_SINGLE_LINE, &err), 0);
    bs_page_release(&page);
    bs_ocr_free(ocr);
    pixDestroy(&gray);
}

/* A region where Tesseract finds nothing (paper only, or specks) gets
 * no line: an empty line at the page origin went into issue.json and
 * ALTO before. */
static void test_empty_region_has_no_line(void **state)
{
    (void)state;
    PIX *paper = pixCreate(300, 400, 8);
    pixSetAll(paper);
    pixRasterop(paper, 150, 200, 2, 2, PIX_CLR, NULL, 0, 0); /* a speck */
    bs_error err = {0};
    bs_ocr *ocr = bs_ocr_new("chi_tra", NULL, &err);
    assert_non_null(ocr);
    bs_ocr_set_image(ocr, paper, 300);
    bs_page page;
    bs_page_init(&page, 1);
    const int psms[] = {BS_PSM_BLOCK, BS_PSM_SINGLE_LINE, BS_PSM_VERTICAL_BLOCK};
    for (size_t k = 0; k < sizeof(psms) / sizeof(psms[0]); k++) {
        bs_region *r = bs_page_add_region(&page, BS_ROLE_BODY, (bs_box){100, 100, 120, 200});
        if (psms[k] == BS_PSM_VERTICAL_BLOCK)
            r->direction = BS_DIR_VERTICAL_RL;
        assert_int_equal(bs_ocr_region(ocr, r, psms[k], &err), 0);
        for (size_t i = 0; i < r->nlines; i++)
            if (bs_box_empty(r->lines[i].box))
                fail_msg("psm %d: a line with no box (\"%s\")", psms[k], r->lines[i].text);
    }
    bs_page_release(&page);
    bs_ocr_free(ocr);
    pixDestroy(&paper);
}

static int heard_lost, heard_reread;

static void count_changes(void *ctx, const bs_region *region, const char *old_text, float old_conf,
                          const bs_line *line)
{
    (void)ctx;
    (void)region;
    (void)line;
    if (old_text)
        heard_reread++;
    else if (old_conf < 0)
        heard_lost++;
}

/* A line the block's reading dropped (taken out of a block Tesseract read
 * here) is read again in the gap it leaves, put back in its place, and
 * heard of; with the second look turned off it stays lost. */
static void test_lost_line_found_in_gap(void **state)
{
    (void)state;
    sample_blocks sb;
    sample_blocks_read(&sb);
    bs_ocr *ocr = sb.ocr;
    bs_region *block = sb.biggest;
    bs_error err = {0};
    /* Every line well read, so that only the lost one is looked at. */
    for (size_t i = 0; i < block->nlines; i++)
        block->lines[i].conf = 0.99f;
    size_t li = block->nlines / 2;
    char *truth = bs_xstrdup(block->lines[li].text);
    size_t had = block->nlines;
    bs_line_release(&block->lines[li]);
    memmove(block->lines + li, block->lines + li + 1, (had - li - 1) * sizeof(bs_line));
    block->nlines--;

    bs_page_read_options opt = bs_page_read_options_default();
    opt.on_reread = count_changes;
    bs_box rect = {block->box.x - 8, block->box.y - 8, block->box.w + 16, block->box.h + 16};
    opt.weak_line_conf = 0;
    heard_lost = heard_reread = 0;
    assert_int_equal(bs_page_read_repair_block(ocr, block, rect, 8, &opt, &err), 0);
    assert_int_equal(block->nlines, had - 1);

    opt.weak_line_conf = bs_page_read_options_default().weak_line_conf;
    assert_int_equal(bs_page_read_repair_block(ocr, block, rect, 8, &opt, &err), 0);
    assert_int_equal(block->nlines, had);
    assert_string_equal(block->lines[li].text, truth);
    assert_true(block->lines[li].box.y > block->lines[li - 1].box.y);
    assert_true(block->lines[li].box.y < block->lines[li + 1].box.y);
    assert_int_equal(heard_lost, 1);
    assert_int_equal(heard_reread, 0);

    free(truth);
    sample_blocks_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ocr_chinese_sample),
        cmocka_unit_test(test_ocr_english_sample),
        cmocka_unit_test(test_ocr_missing_language),
        cmocka_unit_test(test_reread_line),
        cmocka_unit_test(test_lost_line_found_in_gap),
        cmocka_unit_test(test_enlarged_display_type),
        cmocka_unit_test(test_image_bad_files),
        cmocka_unit_test(test_image_limits_and_depths),
        cmocka_unit_test(test_image_multipage_tiff),
        cmocka_unit_test(test_empty_region_has_no_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
