/*
 * test_import.c - hOCR, ALTO and PAGE-XML import (real Tesseract output
 * made at test time, a hand-written PAGE-XML fixture) and hostile input:
 * malformed XML, entity bombs, deep nesting, huge values, missing or
 * off-page coordinates, unknown namespaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>

#include "atomic_file.h"
#include "import.h"
#include "issue.h"
#include "strbuf.h"
#include "testenv.h"
#include "xml_safe.h"

static char *write_tmp(const char *name, const char *data, size_t len)
{
    char *p = bs_test_path(bs_test_tmp(), name);
    bs_error err = {0};
    assert_int_equal(bs_write_file_atomic(p, data, len, &err), 0);
    return p;
}

static const bs_region *find_role(const bs_page *p, bs_role role)
{
    for (size_t i = 0; i < p->nregions; i++)
        if (p->regions[i].role == role)
            return &p->regions[i];
    return NULL;
}

static void test_pagexml_fixture(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_issue_add_page(issue, 1);
    bs_issue_add_page(issue, 2);
    char *path = bs_test_path(bs_test_root(), "testdata/formats/page2019.xml");
    bs_error err = {0};
    int rc = bs_import_file(issue, path, &err);
    if (rc)
        printf("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(issue->npages, 3);
    const bs_page *p = &issue->pages[2];
    assert_int_equal(p->number, 3);
    assert_int_equal(p->width, 1000);
    assert_int_equal(p->height, 800);
    assert_string_equal(p->image_path, "page2019.png");
    assert_int_equal(p->nregions, 6);
    assert_string_equal(p->regions[0].id, "p3r1");
    const bs_region *head = find_role(p, BS_ROLE_HEADLINE);
    const bs_region *body = find_role(p, BS_ROLE_BODY);
    const bs_region *cap = find_role(p, BS_ROLE_CAPTION);
    assert_non_null(head);
    assert_non_null(body);
    assert_non_null(cap);
    assert_int_equal(head->order, 0);
    assert_int_equal(body->order, 1);
    assert_int_equal(cap->order, 3);
    assert_string_equal(head->lines[0].text, "Bridge Reopens");
    assert_int_equal(head->lines[0].nwords, 2);
    assert_int_equal(head->lines[0].words[1].box.x, 320);
    assert_int_equal(head->lines[0].words[1].box.w, 280);
    assert_true(head->lines[0].words[0].conf > 0.90f && head->lines[0].words[0].conf < 0.92f);
    /* The TextEquiv with the lowest index wins. */
    assert_string_equal(body->lines[0].text, "The old bridge opened again");
    assert_string_equal(body->lines[1].text, "on Monday & drew crowds.");
    assert_int_equal(body->box.x, 50);
    assert_int_equal(body->box.h, 250);
    int vert = 0;
    for (size_t i = 0; i < p->nregions; i++) {
        const bs_region *r = &p->regions[i];
        if (r->direction == BS_DIR_VERTICAL_RL) {
            vert++;
            assert_int_equal(r->order, 2);
            assert_string_equal(r->lines[0].text, "大桥重新开放");
        }
        if (r->role == BS_ROLE_PHOTO || r->role == BS_ROLE_RULE)
            assert_int_equal(r->order, -1);
    }
    assert_int_equal(vert, 1);
    assert_non_null(find_role(p, BS_ROLE_PHOTO));
    assert_non_null(find_role(p, BS_ROLE_RULE));
    free(path);
    bs_issue_free(issue);
}

/* PAGE 2010 style: Point children instead of a points attribute. */
static void test_pagexml_2010_points(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\"?>\n"
        "<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2010-03-19\">\n"
        "<Page imageFilename=\"a.tif\" imageWidth=\"500\" imageHeight=\"500\">\n"
        "<TextRegion id=\"r1\"><Coords><Point x=\"10\" y=\"20\"/><Point x=\"110\" y=\"20\"/>"
        "<Point x=\"110\" y=\"60\"/></Coords>\n"
        "<TextEquiv><Unicode>Region text only</Unicode></TextEquiv></TextRegion>\n"
        "</Page></PcGts>\n";
    char *path = write_tmp("p2010.xml", xml, strlen(xml));
    bs_issue *issue = bs_issue_new();
    bs_error err = {0};
    assert_int_equal(bs_import_file(issue, path, &err), 0);
    const bs_region *r = &issue->pages[0].regions[0];
    assert_int_equal(r->box.x, 10);
    assert_int_equal(r->box.w, 100);
    assert_int_equal(r->box.h, 40);
    assert_int_equal(r->nlines, 1);
    assert_string_equal(r->lines[0].text, "Region text only");
    free(path);
    bs_issue_free(issue);
}


/* hOCR that is HTML, not XML (unclosed <meta>, &nbsp;), with Tesseract's
 * line kinds, CJK words, a vertical line, a photo and kraken-style lines
 * outside any block. */
static void test_hocr_html_features(void **state)
{
    (void)state;
    const char *h =
        "<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>x</title></head><body>\n"
        "<div class='ocr_page' title='image \"scan;1.png\"; bbox 0 0 1000 800; scan_res 300 300'>\n"
        "<div class='ocr_carea' title='bbox 10 10 500 60'>\n"
        "<span class='ocr_header' title='bbox 10 10 500 60'>\n"
        "<span class='ocrx_word' title='bbox 10 10 200 60; x_wconf 88'>Big&nbsp;News</span>\n"
        "<span class='ocrx_word' title='bbox 220 10 500 60; x_wconf 90'><strong>Today</strong></span>\n"
        "</span></div>\n"
        "<div class='ocr_carea' title='bbox 900 100 960 500'>\n"
        "<span class='ocr_line' title='bbox 900 100 960 500; textangle 90'>\n"
        "<span class='ocrx_word' title='bbox 900 100 960 200; x_wconf 91'>大桥</span>\n"
        "<span class='ocrx_word' title='bbox 900 210 960 300; x_wconf 93'>重新开放</span>\n"
        "</span></div>\n"
        "<div class='ocr_photo' title='bbox 100 100 400 400'></div>\n"
        "<span class='ocr_line' title='bbox 10 600 400 630'>\n"
        "<span class='ocrx_word' title='bbox 10 600 100 630'>orphan</span>\n"
        "<span class='ocrx_word' title='bbox 110 600 200 630'>line</span></span>\n"
        "<span class='ocr_line' title='bbox 10 640 400 670'>second one</span>\n"
        "</div></body></html>\n";
    char *path = write_tmp("k.html", h, strlen(h));
    bs_issue *issue = bs_issue_new();
    bs_error err = {0};
    int rc = bs_import_file(issue, path, &err);
    if (rc)
        printf("%s\n", err.msg);
    assert_int_equal(rc, 0);
    const bs_page *p = &issue->pages[0];
    assert_string_equal(p->image_path, "scan;1.png");
    assert_int_equal(p->dpi, 300);
    assert_int_equal(p->nregions, 4);
    assert_int_equal(p->regions[0].role, BS_ROLE_HEADLINE);
    assert_string_equal(p->regions[0].lines[0].text, "Big\xC2\xA0News Today");
    assert_true(p->regions[0].lines[0].conf > 0.88f && p->regions[0].lines[0].conf < 0.90f);
    assert_int_equal(p->regions[1].direction, BS_DIR_VERTICAL_RL);
    assert_string_equal(p->regions[1].lines[0].text, "大桥重新开放");
    assert_int_equal(p->regions[2].role, BS_ROLE_PHOTO);
    /* The two loose lines form one body region boxed around them. */
    const bs_region *o = &p->regions[3];
    assert_int_equal(o->role, BS_ROLE_BODY);
    assert_int_equal(o->nlines, 2);
    assert_string_equal(o->lines[0].text, "orphan line");
    assert_string_equal(o->lines[1].text, "second one");
    assert_int_equal(o->box.y, 600);
    assert_int_equal(o->box.h, 70);
    for (size_t i = 0; i < p->nregions; i++)
        assert_int_equal(p->regions[i].order, (int)i);
    free(path);
    bs_issue_free(issue);
}

/* kraken / eScriptorium style ALTO 4: roles in OtherTags, Shape polygons,
 * an explicit ReadingOrder, and no SP elements at all. */
static void test_alto_tags_and_order(void **state)
{
    (void)state;
    const char *a =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">\n"
        "<Description><MeasurementUnit>pixel</MeasurementUnit>"
        "<sourceImageInformation><fileName>k.png</fileName></sourceImageInformation></Description>\n"
        "<Tags><OtherTag ID=\"T1\" LABEL=\"heading\" DESCRIPTION=\"block type heading\"/>"
        "<OtherTag ID=\"T2\" LABEL=\"default\" DESCRIPTION=\"block type default\"/></Tags>\n"
        "<ReadingOrder><OrderedGroup ID=\"o\"><ElementRef ID=\"e1\" REF=\"B2\"/>"
        "<ElementRef ID=\"e2\" REF=\"B1\"/></OrderedGroup></ReadingOrder>\n"
        "<Layout><Page ID=\"P\" PHYSICAL_IMG_NR=\"1\" WIDTH=\"800\" HEIGHT=\"600\"><PrintSpace>\n"
        "<TextBlock ID=\"B1\" HPOS=\"10\" VPOS=\"100\" WIDTH=\"300\" HEIGHT=\"40\" TAGREFS=\"T2\" IDNEXT=\"B2\">"
        "<Shape><Polygon POINTS=\"10,100 310,100 310,140 10,140\"/></Shape>\n"
        "<TextLine ID=\"L1\" HPOS=\"10\" VPOS=\"100\" WIDTH=\"300\" HEIGHT=\"40\">"
        "<String CONTENT=\"body\" HPOS=\"10\" VPOS=\"100\" WIDTH=\"80\" HEIGHT=\"40\" WC=\"0.7\"/>"
        "<String CONTENT=\"text\" HPOS=\"100\" VPOS=\"100\" WIDTH=\"80\" HEIGHT=\"40\" WC=\"0.9\"/>"
        "</TextLine></TextBlock>\n"
        "<TextBlock ID=\"B2\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"60\" TAGREFS=\"T1\">"
        "<TextLine ID=\"L2\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"60\">"
        "<String CONTENT=\"Title\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"60\"/>"
        "</TextLine></TextBlock>\n"
        "</PrintSpace></Page></Layout></alto>\n";
    char *path = write_tmp("kraken.xml", a, strlen(a));
    bs_issue *issue = bs_issue_new();
    bs_error err = {0};
    assert_int_equal(bs_import_file(issue, path, &err), 0);
    const bs_page *p = &issue->pages[0];
    assert_string_equal(p->image_path, "k.png");
    assert_int_equal(p->nregions, 2);
    assert_int_equal(p->regions[0].role, BS_ROLE_BODY);
    assert_int_equal(p->regions[1].role, BS_ROLE_HEADLINE);
    assert_int_equal(p->regions[1].order, 0);
    assert_int_equal(p->regions[0].order, 1);
    assert_string_equal(p->regions[0].lines[0].text, "body text");
    assert_true(p->regions[0].lines[0].conf > 0.79f && p->regions[0].lines[0].conf < 0.81f);
    assert_non_null(p->regions[0].next_id);
    assert_string_equal(p->regions[0].next_id, p->regions[1].id);
    assert_true(p->regions[1].lines[0].words[0].conf < 0);
    free(path);
    bs_issue_free(issue);
}

/* ---- real Tesseract hOCR and ALTO -------------------------------------- */

static const char render_py[] =
    "import sys, gi\n"
    "gi.require_version('Pango','1.0'); gi.require_version('PangoCairo','1.0')\n"
    "from gi.repository import Pango, PangoCairo\n"
    "import cairo\n"
    "s = cairo.ImageSurface(cairo.FORMAT_RGB24, 1200, 420)\n"
    "c = cairo.Context(s); c.set_source_rgb(1,1,1); c.paint(); c.set_source_rgb(0,0,0)\n"
    "l = PangoCairo.create_layout(c)\n"
    "l.set_font_description(Pango.FontDescription('DejaVu Serif 40'))\n"
    "c.move_to(60, 40); l.set_text('City Council Votes', -1); PangoCairo.show_layout(c, l)\n"
    "l.set_font_description(Pango.FontDescription('DejaVu Serif 22'))\n"
    "l.set_width(1000 * Pango.SCALE)\n"
    "c.move_to(60, 160)\n"
    "l.set_text('The council met on Tuesday evening and approved the new budget for the "
    "public library after a long debate.', -1)\n"
    "PangoCairo.show_layout(c, l)\n"
    "s.write_to_png(sys.argv[1])\n";

static size_t count_words(const bs_issue *issue, bs_strbuf *text)
{
    size_t n = 0;
    for (size_t pi = 0; pi < issue->npages; pi++)
        for (size_t r = 0; r < issue->pages[pi].nregions; r++) {
            const bs_region *reg = &issue->pages[pi].regions[r];
            for (size_t l = 0; l < reg->nlines; l++) {
                n += reg->lines[l].nwords;
                bs_strbuf_addf(text, "%s\n", reg->lines[l].text);
            }
        }
    return n;
}

static void test_tesseract_hocr_and_alto(void **state)
{
    (void)state;
    if (system("command -v tesseract >/dev/null 2>&1") != 0 ||
        system("/usr/bin/python3 -c 'import gi, cairo' >/dev/null 2>&1") != 0) {
        printf("SKIP: tesseract or python3-gi/cairo missing\n");
        skip();
    }
    char *py = write_tmp("render.py", render_py, strlen(render_py));
    char *png = bs_test_path(bs_test_tmp(), "sample.png");
    char *base = bs_test_path(bs_test_tmp(), "sample");
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' '%s'", py, png);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "OMP_THREAD_LIMIT=1 tesseract '%s' '%s' -l eng hocr alto >/dev/null 2>&1",
             png, base);
    assert_int_equal(system(cmd), 0);
    char *hocr = bs_test_path(bs_test_tmp(), "sample.hocr");
    char *alto = bs_test_path(bs_test_tmp(), "sample.xml");

    bs_issue *ih = bs_issue_new(), *ia = bs_issue_new();
    bs_error err = {0};
    int rc = bs_import_file(ih, hocr, &err);
    if (rc)
        printf("%s\n", err.msg);
    assert_int_equal(rc, 0);
    rc = bs_import_file(ia, alto, &err);
    if (rc)
        printf("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(ih->pages[0].width, 1200);
    assert_int_equal(ih->pages[0].height, 420);
    assert_int_equal(ia->pages[0].width, 1200);
    assert_string_equal(ih->pages[0].image_path, png);
    bs_strbuf th = BS_STRBUF_INIT, ta = BS_STRBUF_INIT;
    size_t nh = count_words(ih, &th), na = count_words(ia, &ta);
    printf("tesseract hOCR: %zu regions, %zu words; ALTO: %zu regions, %zu words\n",
           ih->pages[0].nregions, nh, ia->pages[0].nregions, na);
    assert_true(nh >= 15);
    assert_int_equal(nh, na);
    /* Both renderings of one OCR run: same text, same word boxes. */
    assert_string_equal(th.buf, ta.buf);
    assert_non_null(strstr(th.buf, "City Council Votes"));
    assert_non_null(strstr(th.buf, "public library"));
    const bs_line *lh = &ih->pages[0].regions[0].lines[0];
    const bs_line *la = &ia->pages[0].regions[0].lines[0];
    assert_memory_equal(&lh->words[1].box, &la->words[1].box, sizeof(bs_box));
    assert_true(lh->words[1].conf > 0.5f && lh->words[1].conf <= 1.0f);
    assert_true(la->words[1].conf > 0.5f && la->words[1].conf <= 1.0f);
    /* Reading order: the headline block comes first. */
    assert_int_equal(ih->pages[0].regions[0].order, 0);
    assert_int_equal(ia->pages[0].regions[0].order, 0);
    /* Appending: a second import numbers its page 2. */
    assert_int_equal(bs_import_file(ih, alto, &err), 0);
    assert_int_equal(ih->npages, 2);
    assert_int_equal(ih->pages[1].number, 2);
    assert_string_equal(ih->pages[1].regions[0].id, "p2r1");
    bs_strbuf_release(&th);
    bs_strbuf_release(&ta);
    bs_issue_free(ih);
    bs_issue_free(ia);
    free(py); free(png); free(base); free(hocr); free(alto);
}

/* ---- hostile and broken input ------------------------------------------ */

/* Import data as file name; it must fail, leave the issue unchanged and
 * name the file and the line ("name:LINE:"). */
static void expect_failure(const char *name, const char *data, size_t len, long line,
                           const char *fragment)
{
    char *path = write_tmp(name, data, len);
    bs_issue *issue = bs_issue_new();
    bs_issue_add_page(issue, 1);
    bs_error err = {0};
    assert_int_equal(bs_import_file(issue, path, &err), -1);
    printf("  %s -> %s\n", name, err.msg);
    assert_int_equal(issue->npages, 1);
    assert_non_null(strstr(err.msg, path));
    if (line > 0) {
        char want[64];
        snprintf(want, sizeof(want), ":%ld:", line);
        assert_non_null(strstr(err.msg, want));
    }
    if (fragment)
        assert_non_null(strstr(err.msg, fragment));
    bs_issue_free(issue);
    free(path);
}

#define ALTO4_OPEN "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">"
#define ALTO_PAGE "<Layout><Page ID=\"P1\" PHYSICAL_IMG_NR=\"1\" WIDTH=\"1000\" HEIGHT=\"800\"><PrintSpace>"
#define ALTO_END "</PrintSpace></Page></Layout></alto>\n"

static void test_malformed(void **state)
{
    (void)state;
    const char *x = "<?xml version=\"1.0\"?>\n" ALTO4_OPEN "\n" ALTO_PAGE "\n"
                    "<TextBlock ID=\"b1\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">\n"
                    "</Layout></alto>\n";
    expect_failure("malformed.xml", x, strlen(x), 5, "mismatch");
    expect_failure("notxml.txt", "just some text\n", 15, 0, "not hOCR, ALTO or PAGE-XML");
    expect_failure("empty.xml", "", 0, 0, NULL);
}

static void test_billion_laughs(void **state)
{
    (void)state;
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE alto [\n <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
        bs_strbuf_addf(&sb, " <!ENTITY lol%d \"", i);
        for (int k = 0; k < 10; k++)
            bs_strbuf_addf(&sb, "&lol%s;", i == 1 ? "" : (char[]){(char)('0' + i - 1), 0});
        bs_strbuf_addstr(&sb, "\">\n");
    }
    bs_strbuf_addstr(&sb, "]>\n" ALTO4_OPEN ALTO_PAGE
                          "<TextBlock ID=\"b\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">"
                          "<TextLine HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">"
                          "<String CONTENT=\"&lol9;\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\"/>"
                          "</TextLine></TextBlock>" ALTO_END);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    expect_failure("lol.xml", sb.buf, sb.len, 3, "entity");
    /* Parameter entities and external entities are refused the same way. */
    const char *ext = "<?xml version=\"1.0\"?>\n<!DOCTYPE alto [\n<!ENTITY xxe SYSTEM "
                      "\"file:///etc/passwd\">\n]>\n" ALTO4_OPEN "<Layout/></alto>\n";
    expect_failure("xxe.xml", ext, strlen(ext), 3, "entity");
    getrusage(RUSAGE_SELF, &after);
    /* Refused before expansion: memory did not grow by the 3 GB a full
     * expansion of lol9 would take (allow 64 MB of noise). */
    assert_true(after.ru_maxrss - before.ru_maxrss < 64 * 1024);
    bs_strbuf_release(&sb);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\"?>\n" ALTO4_OPEN "\n");
    for (int i = 0; i < DEPTH; i++)
        bs_strbuf_addstr(&sb, "<a>");
    for (int i = 0; i < DEPTH; i++)
        bs_strbuf_addstr(&sb, "</a>");
    bs_strbuf_addstr(&sb, "</alto>\n");
    expect_failure("deep.xml", sb.buf, sb.len, 3, "depth");
    /* The HTML parser (hOCR) has no depth limit of its own: ours applies. */
    bs_strbuf_reset(&sb);
    bs_strbuf_addstr(&sb, "<html><body>\n<div class='ocr_page' title='bbox 0 0 100 100'>\n");
    for (int i = 0; i < DEPTH; i++)
        bs_strbuf_addstr(&sb, "<span>");
    bs_strbuf_addstr(&sb, "</div></body></html>\n");
    expect_failure("deep.hocr", sb.buf, sb.len, 0, "nested deeper");
    bs_strbuf_release(&sb);
}

/* hOCR goes to the HTML parser, which recovers from anything; what it
 * would take silently is refused with the line named: a file cut short,
 * bytes that are not UTF-8 when no other charset is declared, an entity
 * declaration.  A file that declares Latin-1 is read as Latin-1. */
static void test_hocr_refused(void **state)
{
    (void)state;
#define HOCR_HEAD "<html><head><meta charset=utf-8></head><body>\n"
#define HOCR_PAGE "<div class='ocr_page' title='bbox 0 0 100 100'>\n"
#define HOCR_WORD(w) "<span class='ocr_line' title='bbox 0 0 90 20'><span class='ocrx_word' title='bbox 0 0 90 20'>" w "</span></span>\n"
    const char whole[] = HOCR_HEAD HOCR_PAGE HOCR_WORD("The") HOCR_WORD("news") "</div></body></html>\n";
    const char *cut = strstr(whole, "news");
    expect_failure("cut.hocr", whole, (size_t)(cut - whole) + 2, 4, "truncated");
    const char bad[] = HOCR_HEAD HOCR_PAGE HOCR_WORD("T\xff" "e") "</div></body></html>\n";
    expect_failure("latin.hocr", bad, strlen(bad), 3, "invalid UTF-8");
    const char ent[] = "<!DOCTYPE html [<!ENTITY x \"boom\">]>\n" HOCR_HEAD HOCR_PAGE HOCR_WORD("&x;")
        "</div></body></html>\n";
    expect_failure("entity.hocr", ent, strlen(ent), 1, "entity declarations");
    const char latin1[] = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"
        "</head><body>\n" HOCR_PAGE HOCR_WORD("caf\xe9") "</div></body></html>\n";
    char *path = write_tmp("latin1.hocr", latin1, strlen(latin1));
    bs_issue *issue = bs_issue_new();
    bs_error err = {0};
    assert_int_equal(bs_import_file(issue, path, &err), 0);
    assert_string_equal(issue->pages[0].regions[0].lines[0].text, "caf\xc3\xa9");
    bs_issue_free(issue);
    free(path);
#undef HOCR_HEAD
#undef HOCR_PAGE
#undef HOCR_WORD
}

/* ALTO written as UTF-16 with its mark (some Windows tools do) is
 * recognised and read like the UTF-8 file. */
static void test_alto_utf16(void **state)
{
    (void)state;
    const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" ALTO4_OPEN ALTO_PAGE
                       "<TextBlock ID=\"b\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"40\">"
                       "<TextLine HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"40\">\n"
                       "<String HPOS=\"10\" VPOS=\"10\" WIDTH=\"90\" HEIGHT=\"40\" CONTENT=\"Harbour\"/>"
                       "</TextLine></TextBlock>" ALTO_END;
    for (int big_endian = 0; big_endian < 2; big_endian++) {
        size_t n = strlen(doc);
        char *u16 = malloc(2 * n + 2);
        assert_non_null(u16);
        u16[0] = big_endian ? (char)0xFE : (char)0xFF;
        u16[1] = big_endian ? (char)0xFF : (char)0xFE;
        for (size_t k = 0; k < n; k++) {
            u16[2 + 2 * k + big_endian] = doc[k];
            u16[2 + 2 * k + !big_endian] = 0;
        }
        char *path = write_tmp(big_endian ? "be.xml" : "le.xml", u16, 2 * n + 2);
        bs_issue *issue = bs_issue_new();
        bs_error err = {0};
        if (bs_import_file(issue, path, &err) != 0)
            fail_msg("%s", err.msg);
        assert_int_equal(issue->npages, 1);
        assert_string_equal(issue->pages[0].regions[0].lines[0].text, "Harbour");
        bs_issue_free(issue);
        free(path);
        free(u16);
    }
}

/* A relative image name in a page file is found beside the page file
 * (PAGE's convention), not in the current folder; a name not found there
 * is kept as written. */
static void test_image_beside_page_file(void **state)
{
    (void)state;
    char *dir = bs_test_path(bs_test_tmp(), "scans");
    mkdir(dir, 0700);
    char *img = bs_path_join(dir, "p7.png");
    bs_error err = {0};
    assert_int_equal(bs_write_file_atomic(img, "png", 3, &err), 0);
    char *hocr = bs_path_join(dir, "p7.hocr");
    for (int found = 1; found >= 0; found--) {
        const char *doc = found
            ? "<html><body><div class='ocr_page' title='image \"p7.png\"; bbox 0 0 100 100'>"
              "<span class='ocr_line' title='bbox 0 0 90 20'>word</span></div></body></html>\n"
            : "<html><body><div class='ocr_page' title='image \"elsewhere.png\"; bbox 0 0 100 100'>"
              "<span class='ocr_line' title='bbox 0 0 90 20'>word</span></div></body></html>\n";
        assert_int_equal(bs_write_file_atomic(hocr, doc, strlen(doc), &err), 0);
        bs_issue *issue = bs_issue_new();
        assert_int_equal(bs_import_file(issue, hocr, &err), 0);
        if (found)
            assert_string_equal(issue->pages[0].image_path, img);
        else
            assert_string_equal(issue->pages[0].image_path, "elsewhere.png");
        bs_issue_free(issue);
    }
    free(hocr);
    free(img);
    free(dir);
}

/* The XML limits are the caller's: a file the defaults import is refused
 * under a tighter limit, naming the file and the option; a document
 * exactly at the depth limit is accepted (text is not a level). */
static void test_import_limits(void **state)
{
    (void)state;
    char *path = bs_test_path(bs_test_root(), "testdata/formats/page2019.xml");
    bs_error err = {0};
    bs_issue *issue = bs_issue_new();
    assert_int_equal(bs_import_file_with(issue, path, NULL, &err), 0);
    bs_issue_free(issue);

    bs_xml_limits lim = bs_xml_limits_default();
    lim.max_depth = 3;
    issue = bs_issue_new();
    assert_int_equal(bs_import_file_with(issue, path, &lim, &err), -1);
    printf("  depth 3 -> %s\n", err.msg);
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_int_equal(issue->npages, 0);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "nested deeper than 3 levels (--max-xml-depth)"));
    bs_issue_free(issue);

    lim = bs_xml_limits_default();
    lim.max_bytes = 100;
    issue = bs_issue_new();
    bs_error_clear(&err);
    assert_int_equal(bs_import_file_with(issue, path, &lim, &err), -1);
    printf("  100 bytes -> %s\n", err.msg);
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "larger than the limit of 100 bytes (--max-xml-bytes)"));
    bs_issue_free(issue);
    free(path);

    /* Depth counts elements: <r><a>text</a></r> is two levels deep. */
    const char *two = "<r><a>text</a></r>";
    lim = bs_xml_limits_default();
    lim.max_depth = 2;
    xmlDoc *doc = bs_xml_parse(two, strlen(two), "two.xml", 0, &lim, &err);
    assert_non_null(doc);
    bs_xml_free(doc);
    lim.max_depth = 1;
    assert_null(bs_xml_parse(two, strlen(two), "two.xml", 0, &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "two.xml:1: elements nested deeper than 1 levels"));

    /* Past libxml2's own ceiling of 256 levels the message is ours, not
     * libxml2's advice to set XML_PARSE_HUGE. */
    bs_strbuf sb = BS_STRBUF_INIT;
    for (int i = 0; i < 300; i++)
        bs_strbuf_addstr(&sb, "<a>");
    for (int i = 0; i < 300; i++)
        bs_strbuf_addstr(&sb, "</a>");
    bs_error_clear(&err);
    assert_null(bs_xml_parse(sb.buf, sb.len, "deep.xml", 0, NULL, &err));
    printf("  300 levels -> %s\n", err.msg);
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "nested deeper than 256 levels (--max-xml-depth"));
    assert_null(strstr(err.msg, "XML_PARSE_HUGE"));
    bs_strbuf_release(&sb);
}

static void test_huge_values(void **state)
{
    (void)state;
    /* 20 MB attribute: past libxml2's 10 MB ceiling. */
    size_t big = 20u * 1024 * 1024;
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\"?>\n" ALTO4_OPEN ALTO_PAGE
                          "<TextBlock ID=\"b\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">"
                          "<TextLine HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">\n"
                          "<String HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\" CONTENT=\"");
    char *xs = malloc(big);
    assert_non_null(xs);
    memset(xs, 'x', big);
    bs_strbuf_add(&sb, xs, big);
    free(xs);
    bs_strbuf_addstr(&sb, "\"/></TextLine></TextBlock>" ALTO_END);
    expect_failure("hugeattr.xml", sb.buf, sb.len, 3, NULL);
    /* 100 KB word: well-formed, but past our text limit. */
    bs_strbuf_reset(&sb);
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\"?>\n" ALTO4_OPEN ALTO_PAGE
                          "<TextBlock ID=\"b\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">"
                          "<TextLine HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">\n"
                          "<String HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\" CONTENT=\"");
    for (int i = 0; i < 100 * 1024; i++)
        bs_strbuf_addch(&sb, 'y');
    bs_strbuf_addstr(&sb, "\"/></TextLine></TextBlock>" ALTO_END);
    expect_failure("bigword.xml", sb.buf, sb.len, 3, "limit");
    bs_strbuf_release(&sb);
}

static void test_bad_coordinates(void **state)
{
    (void)state;
    const char *missing = "<?xml version=\"1.0\"?>\n" ALTO4_OPEN ALTO_PAGE "\n"
                          "<TextBlock ID=\"b1\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\">\n"
                          "</TextBlock>" ALTO_END;
    expect_failure("nocoord.xml", missing, strlen(missing), 3, "missing coordinates");
    const char *outside = "<?xml version=\"1.0\"?>\n" ALTO4_OPEN ALTO_PAGE "\n"
                          "<TextBlock ID=\"b1\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">\n"
                          "<TextLine HPOS=\"1\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\">\n"
                          "<String CONTENT=\"far\" HPOS=\"5000\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\"/>\n"
                          "</TextLine></TextBlock>" ALTO_END;
    expect_failure("outside.xml", outside, strlen(outside), 5, "outside the page");
    const char *nan = "<?xml version=\"1.0\"?>\n" ALTO4_OPEN ALTO_PAGE "\n"
                      "<TextBlock ID=\"b1\" HPOS=\"1e400\" VPOS=\"1\" WIDTH=\"5\" HEIGHT=\"5\"/>"
                      ALTO_END;
    expect_failure("nan.xml", nan, strlen(nan), 3, "HPOS");
    const char *hocr = "<html><body>\n<div class='ocr_page' title='bbox 0 0 100 100'>\n"
                       "<div class='ocr_carea' title='bbox 0 0 50 50'>\n"
                       "<span class='ocr_line' title='bbox 0 0 50 20'>\n"
                       "<span class='ocrx_word' title='x_wconf 90'>word</span>\n"
                       "</span></div></div></body></html>\n";
    expect_failure("nobbox.hocr", hocr, strlen(hocr), 5, "missing coordinates");
    const char *page = "<?xml version=\"1.0\"?>\n"
                       "<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\">\n"
                       "<Page imageFilename=\"a.png\" imageWidth=\"100\" imageHeight=\"100\">\n"
                       "<TextRegion id=\"r\">\n<TextLine id=\"l\"/></TextRegion></Page></PcGts>\n";
    expect_failure("nocoords.page.xml", page, strlen(page), 4, "missing coordinates");
    const char *pgout = "<?xml version=\"1.0\"?>\n"
                        "<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\">\n"
                        "<Page imageFilename=\"a.png\" imageWidth=\"100\" imageHeight=\"100\">\n"
                        "<TextRegion id=\"r\">\n<Coords points=\"0,0 900,0 900,10\"/></TextRegion>"
                        "</Page></PcGts>\n";
    expect_failure("outside.page.xml", pgout, strlen(pgout), 5, "outside the page");
}

static void test_unknown_namespace(void **state)
{
    (void)state;
    const char *a = "<?xml version=\"1.0\"?>\n<alto xmlns=\"http://example.com/not-alto\">"
                    "<Layout/></alto>\n";
    expect_failure("ns.xml", a, strlen(a), 2, "unknown ALTO namespace");
    const char *p = "<?xml version=\"1.0\"?>\n\n<PcGts xmlns=\"http://example.com/page\"><Page/></PcGts>\n";
    expect_failure("ns.page.xml", p, strlen(p), 3, "unknown PAGE-XML namespace");
    const char *mm = "<?xml version=\"1.0\"?>\n" ALTO4_OPEN
                     "<Description>\n<MeasurementUnit>mm10</MeasurementUnit></Description>"
                     "<Layout/></alto>\n";
    expect_failure("mm10.xml", mm, strlen(mm), 3, "mm10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pagexml_fixture),
        cmocka_unit_test(test_pagexml_2010_points),
        cmocka_unit_test(test_hocr_html_features),
        cmocka_unit_test(test_hocr_refused),
        cmocka_unit_test(test_alto_utf16),
        cmocka_unit_test(test_image_beside_page_file),
        cmocka_unit_test(test_alto_tags_and_order),
        cmocka_unit_test(test_tesseract_hocr_and_alto),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_import_limits),
        cmocka_unit_test(test_huge_values),
        cmocka_unit_test(test_bad_coordinates),
        cmocka_unit_test(test_unknown_namespace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
