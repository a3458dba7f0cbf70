/*
 * test_alto.c - ALTO 4.4 and METS writing, schema validity, and the
 * page model -> ALTO -> page model round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alto_read.h"
#include "alto_write.h"
#include "import.h"
#include "issue.h"
#include "mets_write.h"
#include "output.h"
#include "testenv.h"
#include "xml_safe.h"

/* Run xmllint against the official schema; 0 valid. */
static int validate(const char *shared, const char *xsd, const char *file)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd),
             "XML_CATALOG_FILES='%s/schemas/catalog.xml' xmllint --noout --nonet --schema "
             "'%s/schemas/%s' '%s' 2>&1",
             shared, shared, xsd, file);
    return system(cmd);
}

static void add_words(bs_line *l, const char *const *words, int x, int y)
{
    for (int i = 0; words[i]; i++) {
        int w = 20 * (int)strlen(words[i]);
        bs_line_add_word(l, words[i], (bs_box){x, y, w, 40}, 0.5f + 0.05f * (float)i);
        x += w + 15;
    }
}

/* Two pages; one article runs from page 1 to page 2; a vertical region,
 * a hyphenated line, markup characters, a photo and a rule. */
static bs_issue *sample_issue(void)
{
    bs_issue *issue = bs_issue_new();
    issue->id = strdup("issue <&> 1");
    for (int pn = 1; pn <= 2; pn++) {
        bs_page *p = bs_issue_add_page(issue, pn);
        p->width = 2400;
        p->height = 3300;
        p->label = strdup(pn == 1 ? "第1版" : "第2版");
        p->image_path = strdup(pn == 1 ? "p1.png" : "p2.tif");
        bs_region *h = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){10, 20, 800, 90});
        bs_line *l = bs_region_add_line(h, "市七届人大常委会召开会议", (bs_box){10, 20, 800, 90}, -1);
        bs_line_add_word(l, "市七届", (bs_box){10, 20, 200, 90}, 0.93f);
        bs_line_add_word(l, "人大常委会召开会议", (bs_box){210, 20, 600, 90}, 0.91f);
        h->order = 1;
        bs_region *b = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){10, 120, 900, 1000});
        l = bs_region_add_line(b, "The quick brown fox jump-", (bs_box){10, 120, 900, 40}, -1);
        add_words(l, (const char *const[]){"The", "quick", "brown", "fox", "jump-", NULL}, 10, 120);
        l = bs_region_add_line(b, "ed \"over\" <the> & lazy dog", (bs_box){10, 160, 900, 40}, -1);
        add_words(l, (const char *const[]){"ed", "\"over\"", "<the>", "&", "lazy", "dog", NULL}, 10,
                  160);
        b->order = 0;
        bs_region *v = bs_page_add_region(p, BS_ROLE_CAPTION, (bs_box){1000, 120, 60, 900});
        l = bs_region_add_line(v, "竖排图片说明", (bs_box){1000, 120, 60, 900}, 0.7f);
        v->direction = BS_DIR_VERTICAL_RL;
        v->order = 2;
        bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){1100, 120, 600, 400});
        bs_page_add_region(p, BS_ROLE_RULE, (bs_box){10, 1130, 2000, 4});
    }
    /* Same-page continuation on page 2 (IDNEXT) and cross-page from 1. */
    issue->pages[0].regions[1].next_id = strdup("p2r2");
    issue->pages[1].regions[1].next_id = strdup("p2r3");
    bs_article *a = bs_issue_add_article(issue);
    bs_article_set(&a->title, "市七届人大常委会召开会议");
    bs_article_add_paragraph(a, "The quick brown fox jumped.");
    bs_article_add_region(a, 1, "p1r1");
    bs_article_add_region(a, 1, "p1r2");
    bs_article_add_region(a, 1, "p1r3");
    bs_article_add_region(a, 2, "p2r2");
    issue->pages[0].regions[0].article = 0;
    issue->pages[0].regions[1].article = 0;
    issue->pages[0].regions[2].article = 0;
    issue->pages[1].regions[1].article = 0;
    return issue;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_alto_structure(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *x1 = bs_alto_page_to_string(issue, &issue->pages[0]);
    char *x2 = bs_alto_page_to_string(issue, &issue->pages[1]);
    /* Blocks in reading order: body (order 0) before headline (1). */
    assert_non_null(strstr(x1, "<TextBlock ID=\"p1r2\""));
    assert_true(strstr(x1, "ID=\"p1r2\"") < strstr(x1, "<TextBlock ID=\"p1r1\""));
    assert_non_null(strstr(x1, "TAGREFS=\"TAG_headline ART_a1\""));
    assert_non_null(strstr(x1, "<StructureTag ID=\"TAG_caption\" TYPE=\"role\" LABEL=\"caption\"/>"));
    /* 4 + 5 spaces in the two English lines, none inside the CJK line. */
    assert_int_equal(count(x1, "<SP "), 9);
    assert_int_equal(count(x1, "<HYP CONTENT=\"-\"/>"), 1);
    assert_non_null(strstr(x1, "CONTENT=\"jump\""));
    assert_non_null(strstr(x1, "CONTENT=\"&quot;over&quot;\""));
    assert_non_null(strstr(x1, "CONTENT=\"&lt;the&gt;\""));
    assert_non_null(strstr(x1, "BASEDIRECTION=\"ttb\""));
    assert_int_equal(count(x1, "<Illustration "), 1);
    assert_int_equal(count(x1, "<GraphicalElement "), 1);
    assert_non_null(strstr(x1, "<Page ID=\"PAGE_1\" PHYSICAL_IMG_NR=\"1\" PRINTED_IMG_NR=\"第1版\" "
                               "WIDTH=\"2400\" HEIGHT=\"3300\">"));
    assert_non_null(strstr(x1, "<softwareName>Tesseract</softwareName>"));
    assert_non_null(strstr(x1, "<softwareName>Broadsheet</softwareName>"));
    /* Cross-page continuation is not an IDNEXT (it would not resolve);
     * the same-page one is. */
    assert_null(strstr(x1, "IDNEXT"));
    assert_non_null(strstr(x2, "IDNEXT=\"p2r3\""));
    free(x1);
    free(x2);

    /* An article with no headline is labelled by its first words. */
    bs_article *untitled = bs_issue_add_article(issue);
    bs_article_add_paragraph(untitled, "continued from page one, the council voted to widen the bridge.");
    bs_article_add_region(untitled, 2, "p2r3");
    char *mets = bs_mets_to_string(issue, NULL);
    assert_non_null(strstr(mets, "TYPE=\"ARTICLE\" ORDER=\"1\" LABEL=\"市七届人大常委会召开会议\""));
    assert_non_null(strstr(mets, "TYPE=\"ARTICLE\" ORDER=\"2\" LABEL=\"continued from page one,\xE2\x80\xA6\""));
    assert_non_null(strstr(mets, "<area FILEID=\"ALTO_p1\" BEGIN=\"p1r2\" END=\"p1r2\" BETYPE=\"IDREF\"/>"));
    assert_non_null(strstr(mets, "<area FILEID=\"ALTO_p2\" BEGIN=\"p2r2\" END=\"p2r2\" BETYPE=\"IDREF\"/>"));
    assert_non_null(strstr(mets, "TYPE=\"HEADING\""));
    assert_non_null(strstr(mets, "TYPE=\"CAPTION\""));
    assert_non_null(strstr(mets, "xlink:href=\"alto/p002.xml\""));
    assert_non_null(strstr(mets, "<smLink xlink:from=\"LOG_1\" xlink:to=\"PHYS_p2\"/>"));
    free(mets);
    bs_issue_free(issue);
}

/* Region ids that are not XML IDs (from a hand-edited issue.json) get
 * generated block IDs, and METS points at those same IDs. */
static void test_block_ids(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 3);
    p->width = 100;
    p->height = 100;
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){1, 1, 10, 10});
    snprintf(r->id, sizeof(r->id), "%s", "7 bad id");
    bs_region_add_line(r, "", (bs_box){1, 1, 10, 10}, -1);
    bs_article *a = bs_issue_add_article(issue);
    bs_article_add_region(a, 3, "7 bad id");
    char *x = bs_alto_page_to_string(issue, p);
    assert_non_null(strstr(x, "<TextBlock ID=\"b3_1\""));
    /* An empty line still has the String the schema requires. */
    assert_non_null(strstr(x, "<String CONTENT=\"\""));
    char *m = bs_mets_to_string(issue, NULL);
    assert_non_null(strstr(m, "BEGIN=\"b3_1\""));
    assert_non_null(strstr(m, "xlink:href=\"alto/p003.xml\""));
    /* No images: no IMG file group (an empty fileGrp would not validate). */
    assert_null(strstr(m, "USE=\"IMG\""));
    free(x);
    free(m);
    bs_issue_free(issue);
}

static void test_alto_round_trip(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    for (size_t pi = 0; pi < issue->npages; pi++) {
        const bs_page *src = &issue->pages[pi];
        char *xml = bs_alto_page_to_string(issue, src);
        bs_error err = {0};
        xmlDoc *doc = bs_xml_parse(xml, strlen(xml), "mem.xml", 0, NULL, &err);
        assert_non_null(doc);
        bs_issue *back = bs_issue_new();
        assert_int_equal(bs_alto_read_doc(back, doc, "mem.xml", src->number, &err), 0);
        bs_xml_free(doc);
        free(xml);
        assert_int_equal(back->npages, 1);
        const bs_page *dst = &back->pages[0];
        assert_int_equal(dst->width, src->width);
        assert_int_equal(dst->height, src->height);
        assert_string_equal(dst->label, src->label);
        assert_string_equal(dst->image_path, src->image_path);
        assert_int_equal(dst->nregions, src->nregions);
        /* The file lists blocks in reading order; match them by box. */
        for (size_t i = 0; i < src->nregions; i++) {
            const bs_region *a = &src->regions[i];
            const bs_region *b = NULL;
            for (size_t j = 0; j < dst->nregions; j++)
                if (!memcmp(&dst->regions[j].box, &a->box, sizeof(bs_box)))
                    b = &dst->regions[j];
            assert_non_null(b);
            assert_int_equal(b->role, a->role);
            assert_int_equal(b->order, a->order);
            assert_int_equal(b->direction, a->direction);
            assert_int_equal(b->nlines, a->nlines);
            for (size_t k = 0; k < a->nlines; k++) {
                assert_string_equal(b->lines[k].text, a->lines[k].text);
                assert_memory_equal(&b->lines[k].box, &a->lines[k].box, sizeof(bs_box));
                if (a->lines[k].nwords) {
                    assert_int_equal(b->lines[k].nwords, a->lines[k].nwords);
                    for (size_t w = 0; w < a->lines[k].nwords; w++) {
                        assert_string_equal(b->lines[k].words[w].text, a->lines[k].words[w].text);
                        assert_memory_equal(&b->lines[k].words[w].box, &a->lines[k].words[w].box,
                                            sizeof(bs_box));
                        assert_true(b->lines[k].words[w].conf > a->lines[k].words[w].conf - 0.001f);
                        assert_true(b->lines[k].words[w].conf < a->lines[k].words[w].conf + 0.001f);
                    }
                }
            }
        }
        /* Unordered photo and rule stay unordered. */
        for (size_t j = 0; j < dst->nregions; j++)
            if (dst->regions[j].role == BS_ROLE_PHOTO || dst->regions[j].role == BS_ROLE_RULE)
                assert_int_equal(dst->regions[j].order, -1);
        if (pi == 1) {
            /* p2r2 -> p2r3 survives as next_id between the imported regions. */
            const bs_region *body = NULL, *cap = NULL;
            for (size_t j = 0; j < dst->nregions; j++) {
                if (dst->regions[j].role == BS_ROLE_BODY)
                    body = &dst->regions[j];
                if (dst->regions[j].role == BS_ROLE_CAPTION)
                    cap = &dst->regions[j];
            }
            assert_non_null(body);
            assert_non_null(cap);
            assert_non_null(body->next_id);
            assert_string_equal(body->next_id, cap->id);
        }
        bs_issue_free(back);
    }
    bs_issue_free(issue);
}

static void test_output_files_validate(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *out = bs_test_path(bs_test_tmp(), "out");
    bs_error err = {0};
    assert_int_equal(bs_output_write(issue, out, &err), 0);
    const char *files[] = {"alto/p001.xml", "alto/p002.xml", "mets.xml", "issue.json",
                           "articles/001.txt", "pages/p001.txt", "pages/p002.txt"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *p = bs_test_path(out, files[i]);
        char *t = bs_test_slurp(p, NULL);
        assert_non_null(t);
        free(t);
        free(p);
    }
    char *pt = bs_test_path(out, "pages/p001.txt");
    char *page_text = bs_test_slurp(pt, NULL);
    /* Reading order: the body (order 0) before the headline (order 1). */
    assert_true(strstr(page_text, "The quick") < strstr(page_text, "市七届"));
    free(page_text);
    free(pt);
    const char *shared = bs_test_shared();
    if (!shared || system("command -v xmllint >/dev/null 2>&1") != 0) {
        printf("SKIP: schema validation part (no ../shared or no xmllint)\n");
    } else {
        for (int i = 0; i < 2; i++) {
            char *p = bs_test_path(out, files[i]);
            assert_int_equal(validate(shared, "alto-4-4.xsd", p), 0);
            free(p);
        }
        char *m = bs_test_path(out, "mets.xml");
        assert_int_equal(validate(shared, "mets-1-12-1.xsd", m), 0);
        free(m);
    }
    free(out);
    bs_issue_free(issue);
}

/* Real ABBYY FineReader 11 ALTO 2.0 (Berlin, 1890): must load. */
static void test_sbb_abbyy_alto(void **state)
{
    (void)state;
    const char *shared = bs_test_shared();
    if (!shared) {
        printf("SKIP: ../shared absent, no SBB ALTO\n");
        skip();
    }
    static const char *const names[] = {
        "27971740_1890-04-01_38_077_0_001.xml", "27971740_1890-04-01_38_077_0_002.xml",
        "27971740_1890-04-01_38_077_0_003.xml", "27971740_1890-04-01_38_077_0_004.xml"};
    bs_issue *issue = bs_issue_new();
    for (size_t i = 0; i < 4; i++) {
        char rel[256];
        snprintf(rel, sizeof(rel), "realdata/sbb-alto-newspaper/%s", names[i]);
        char *p = bs_test_path(shared, rel);
        bs_error err = {0};
        int rc = bs_import_file(issue, p, &err);
        if (rc)
            printf("%s\n", err.msg);
        assert_int_equal(rc, 0);
        free(p);
    }
    assert_int_equal(issue->npages, 4);
    size_t blocks = 0, text_blocks = 0, lines = 0, words = 0, rules = 0;
    for (size_t pi = 0; pi < issue->npages; pi++) {
        const bs_page *p = &issue->pages[pi];
        assert_int_equal(p->number, (int)pi + 1);
        assert_true(p->width > 4000 && p->height > 5000);
        for (size_t r = 0; r < p->nregions; r++) {
            const bs_region *reg = &p->regions[r];
            blocks++;
            text_blocks += reg->role == BS_ROLE_BODY;
            rules += reg->role == BS_ROLE_RULE;
            lines += reg->nlines;
            for (size_t l = 0; l < reg->nlines; l++)
                words += reg->lines[l].nwords;
            assert_int_equal(reg->order, (int)r);
        }
    }
    printf("SBB ALTO: 4 pages, %zu blocks (%zu text, %zu rules), %zu lines, %zu words\n", blocks,
           text_blocks, rules, lines, words);
    /* ABBYY ALTO 2.0 in, ALTO 4.4 out: what we write from it validates. */
    if (system("command -v xmllint >/dev/null 2>&1") == 0) {
        char *out = bs_test_path(bs_test_tmp(), "sbb");
        bs_error err = {0};
        assert_int_equal(bs_output_write(issue, out, &err), 0);
        char *a4 = bs_test_path(out, "alto/p004.xml");
        assert_int_equal(validate(shared, "alto-4-4.xsd", a4), 0);
        free(a4);
        free(out);
    }
    assert_true(text_blocks > 1000);
    assert_true(words > 10000);
    /* The page-1 masthead line starts with a bold "M" followed by SP. */
    const bs_region *first = NULL;
    for (size_t r = 0; r < issue->pages[0].nregions && !first; r++)
        if (issue->pages[0].regions[r].nlines)
            first = &issue->pages[0].regions[r];
    assert_non_null(first);
    assert_true(first->lines[0].conf >= 0 && first->lines[0].conf <= 1);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alto_structure),
        cmocka_unit_test(test_block_ids),
        cmocka_unit_test(test_alto_round_trip),
        cmocka_unit_test(test_output_files_validate),
        cmocka_unit_test(test_sbb_abbyy_alto),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
