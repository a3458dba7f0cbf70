/*
 * alto_write.c - ALTO 4.4 writer; see alto_write.h.
 *
 * The document is built as text in one bs_strbuf, in schema order
 * (Description, Tags, ReadingOrder, Layout), with every value from the
 * page escaped by bs_xml_escape.  Numbers are written with integer
 * formatting only, so the output does not depend on the C locale's
 * decimal separator.
 */
#include "alto_write.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tesseract/capi.h>

#include "atomic_file.h"
#include "strbuf.h"
#include "unicode.h"
#include "version.h"
#include "xalloc.h"
#include "xml_escape.h"

#define ALTO_NS "http://www.loc.gov/standards/alto/ns-v4#"
#define ALTO_XSD "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"

/* Confidences are written with three decimals: Tesseract's own resolution
 * is 1/100, so a thousandth loses nothing. */
#define CONF_SCALE 1000

void bs_alto_file_name(const bs_page *page, char *buf, size_t n)
{
    snprintf(buf, n, "p%03d.xml", page->number);
}

void bs_alto_block_id(const bs_page *page, size_t i, char *buf, size_t n)
{
    const char *id = page->regions[i].id;
    if (bs_xml_is_ncname(id) && strlen(id) < n)
        snprintf(buf, n, "%s", id);
    else
        snprintf(buf, n, "b%d_%zu", page->number, i + 1);
}

/* Append a confidence in [0,1] as "0.873", locale-independent. */
static void add_conf(bs_strbuf *sb, const char *attr, float conf)
{
    if (!(conf >= 0))
        return;
    int v = (int)(conf * CONF_SCALE + 0.5f);
    if (v > CONF_SCALE)
        v = CONF_SCALE;
    bs_strbuf_addf(sb, " %s=\"%d.%03d\"", attr, v / CONF_SCALE, v % CONF_SCALE);
}

static void add_box(bs_strbuf *sb, bs_box b)
{
    bs_strbuf_addf(sb, " HPOS=\"%d\" VPOS=\"%d\" WIDTH=\"%d\" HEIGHT=\"%d\"", b.x, b.y,
                   b.w < 0 ? 0 : b.w, b.h < 0 ? 0 : b.h);
}

/* ---- reading order ------------------------------------------------------ */

/* ---- words and spaces --------------------------------------------------- */

/* Length of the white space at s (ASCII blanks or U+3000), 0 if none. */
static size_t space_len(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

/* Skip white space in s[*pos..end); non-zero if any was skipped. */
static int skip_space(const char *s, size_t *pos, size_t end)
{
    int any = 0;
    size_t k;
    while (*pos < end && (k = space_len(s + *pos)) > 0) {
        *pos += k;
        any = 1;
    }
    return any;
}

/* Locate the line's words in its text.  On success (every byte of the
 * text is a word or white space between them) fills sp[j] = 1 when white
 * space separates word j from word j+1 and returns 1; otherwise 0. */
static int words_match_text(const bs_line *line, unsigned char *sp)
{
    const char *t = line->text;
    if (!t)
        return 0;
    size_t end = strlen(t), pos = 0;
    skip_space(t, &pos, end);
    for (size_t j = 0; j < line->nwords; j++) {
        const char *w = line->words[j].text ? line->words[j].text : "";
        size_t wl = strlen(w);
        if (wl == 0 || pos + wl > end || memcmp(t + pos, w, wl) != 0)
            return 0;
        pos += wl;
        int any = skip_space(t, &pos, end);
        if (j + 1 < line->nwords)
            sp[j] = (unsigned char)any;
    }
    return pos == end;
}

static int cjk_like(uint32_t cp)
{
    return bs_unicode_is_cjk(cp) || bs_unicode_is_cjk_punct(cp) ||
           (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
           (cp >= 0xAC00 && cp <= 0xD7AF);   /* hangul syllables */
}

/* Line-final hyphens written as HYP: ASCII hyphen-minus, soft hyphen,
 * U+2010 HYPHEN and the not sign used as a hyphen in Fraktur ALTO. */
static const char *const hyphens[] = {"-", "\xC2\xAD", "\xE2\x80\x90", "\xC2\xAC"};

/* Byte length of a trailing hyphen of w (0 if none, or w is only that). */
static size_t trailing_hyphen(const char *w)
{
    size_t n = w ? strlen(w) : 0;
    for (size_t k = 0; k < sizeof(hyphens) / sizeof(hyphens[0]); k++) {
        size_t hl = strlen(hyphens[k]);
        if (n > hl && memcmp(w + n - hl, hyphens[k], hl) == 0)
            return hl;
    }
    return 0;
}

static void add_string(bs_strbuf *sb, const char *text, size_t len, bs_box box, float conf)
{
    char *t = bs_xstrndup(text ? text : "", text ? len : 0);
    bs_strbuf_addstr(sb, "            <String CONTENT=\"");
    bs_xml_escape(sb, t, 1);
    bs_strbuf_addch(sb, '"');
    add_box(sb, box);
    add_conf(sb, "WC", conf);
    bs_strbuf_addstr(sb, "/>\n");
    free(t);
}

static void add_line(bs_strbuf *sb, const char *block_id, size_t li, const bs_line *line)
{
    bs_strbuf_addf(sb, "          <TextLine ID=\"%s_l%zu\"", block_id, li + 1);
    add_box(sb, line->box);
    bs_strbuf_addstr(sb, ">\n");
    unsigned char *sp = bs_xcalloc(line->nwords + 1, 1);
    if (line->nwords > 0 && (words_match_text(line, sp) || !line->text || !*line->text)) {
        if (!line->text || !*line->text)
            for (size_t j = 0; j + 1 < line->nwords; j++) {
                const char *w = line->words[j].text;
                sp[j] = !(cjk_like(bs_utf8_last(w, w ? strlen(w) : 0, NULL))
                          && cjk_like(bs_utf8_first(line->words[j + 1].text, NULL)));
            }
        for (size_t j = 0; j < line->nwords; j++) {
            const bs_word *w = &line->words[j];
            size_t wl = w->text ? strlen(w->text) : 0;
            size_t hl = j + 1 == line->nwords ? trailing_hyphen(w->text) : 0;
            add_string(sb, w->text, wl - hl, w->box, w->conf);
            if (j + 1 < line->nwords && sp[j]) {
                const bs_box *a = &w->box, *b = &line->words[j + 1].box;
                int gx = a->x + a->w, gw = b->x - gx;
                bs_strbuf_addf(sb, "            <SP HPOS=\"%d\" VPOS=\"%d\" WIDTH=\"%d\"/>\n", gx,
                               a->y, gw > 0 ? gw : 0);
            }
            if (hl) {
                char *h = bs_xstrdup(w->text + wl - hl);
                bs_strbuf_addstr(sb, "            <HYP CONTENT=\"");
                bs_xml_escape(sb, h, 1);
                bs_strbuf_addstr(sb, "\"/>\n");
                free(h);
            }
        }
    } else {
        /* No words, or words that no longer spell the line (the text was
         * corrected after OCR): the text wins, with the line's box. */
        const char *t = line->text ? line->text : "";
        add_string(sb, t, strlen(t), line->box, line->conf);
    }
    free(sp);
    bs_strbuf_addstr(sb, "          </TextLine>\n");
}

/* ---- header parts ------------------------------------------------------- */

static void add_description(bs_strbuf *sb, const bs_page *page)
{
    bs_strbuf_addstr(sb, "  <Description>\n    <MeasurementUnit>pixel</MeasurementUnit>\n");
    if (page->image_path) {
        bs_strbuf_addstr(sb, "    <sourceImageInformation>\n      <fileName>");
        bs_xml_escape(sb, page->image_path, 0);
        bs_strbuf_addstr(sb, "</fileName>\n    </sourceImageInformation>\n");
    }
    bs_strbuf_addstr(sb, "    <OCRProcessing ID=\"OCR_0\">\n      <ocrProcessingStep>\n"
                         "        <processingCategory>contentGeneration</processingCategory>\n");
    bs_strbuf_addstr(sb, "        <processingStepSettings>");
    bs_strbuf_addstr(sb, "lang=");
    bs_xml_escape(sb, page->lang ? page->lang : "unknown", 0);
    bs_strbuf_addf(sb, "; dpi=%d; image_index=%d", page->dpi, page->image_index);
    bs_strbuf_addstr(sb, "</processingStepSettings>\n"
                         "        <processingSoftware>\n"
                         "          <softwareCreator>Tesseract OCR project</softwareCreator>\n"
                         "          <softwareName>Tesseract</softwareName>\n"
                         "          <softwareVersion>");
    bs_xml_escape(sb, TessVersion(), 0);
    bs_strbuf_addstr(sb, "</softwareVersion>\n        </processingSoftware>\n"
                         "      </ocrProcessingStep>\n      <postProcessingStep>\n"
                         "        <processingCategory>contentModification</processingCategory>\n"
                         "        <processingStepDescription>layout analysis, reading order, "
                         "region roles, article reassembly</processingStepDescription>\n");
    /* Skew as thousandths of a degree: locale-independent and exact
     * enough for a measurement that is itself good to a tenth. */
    long skew = (long)(page->skew_deg * 1000.0 + (page->skew_deg < 0 ? -0.5 : 0.5));
    bs_strbuf_addf(sb,
                   "        <processingStepSettings>deskew_millidegrees=%ld"
                   "</processingStepSettings>\n",
                   skew);
    bs_strbuf_addstr(sb, "        <processingSoftware>\n"
                         "          <softwareCreator>Broadsheet project</softwareCreator>\n"
                         "          <softwareName>Broadsheet</softwareName>\n"
                         "          <softwareVersion>" BS_VERSION "</softwareVersion>\n"
                         "        </processingSoftware>\n      </postProcessingStep>\n"
                         "    </OCRProcessing>\n  </Description>\n");
}

/* Tag ID of an article: "ART_a1" (its id) or "ART_<index+1>". */
static void article_tag_id(const bs_issue *issue, int a, char *buf, size_t n)
{
    const char *id = issue->articles[a].id;
    if (bs_xml_is_ncname(id) && strlen(id) + 4 < n)
        snprintf(buf, n, "ART_%s", id);
    else
        snprintf(buf, n, "ART_%d", a + 1);
}

static int article_ok(const bs_issue *issue, int a)
{
    return issue && a >= 0 && (size_t)a < issue->narticles;
}

static void add_tags(bs_strbuf *sb, const bs_issue *issue, const bs_page *page)
{
    int used[BS_ROLE_COUNT] = {0};
    for (size_t i = 0; i < page->nregions; i++)
        if ((unsigned)page->regions[i].role < BS_ROLE_COUNT)
            used[page->regions[i].role] = 1;
    bs_strbuf_addstr(sb, "  <Tags>\n");
    for (int r = 0; r < BS_ROLE_COUNT; r++)
        if (used[r])
            bs_strbuf_addf(sb, "    <StructureTag ID=\"TAG_%s\" TYPE=\"role\" LABEL=\"%s\"/>\n",
                           bs_role_name((bs_role)r), bs_role_name((bs_role)r));
    if (issue) {
        for (size_t a = 0; a < issue->narticles; a++) {
            int on_page = 0;
            for (size_t i = 0; i < page->nregions && !on_page; i++)
                on_page = page->regions[i].article == (int)a;
            if (!on_page)
                continue;
            char tid[BS_ALTO_ID_MAX + 8];
            article_tag_id(issue, (int)a, tid, sizeof(tid));
            const bs_article *art = &issue->articles[a];
            bs_strbuf_addf(sb, "    <StructureTag ID=\"%s\" TYPE=\"article\" LABEL=\"", tid);
            bs_xml_escape(sb, art->title ? art->title : art->id, 1);
            bs_strbuf_addstr(sb, "\"/>\n");
        }
    }
    bs_strbuf_addstr(sb, "  </Tags>\n");
}

static void add_reading_order(bs_strbuf *sb, const bs_page *page, const size_t *ord)
{
    size_t nordered = 0;
    for (size_t k = 0; k < page->nregions; k++)
        nordered += page->regions[ord[k]].order >= 0;
    if (!nordered)
        return;
    bs_strbuf_addf(sb, "  <ReadingOrder>\n    <OrderedGroup ID=\"RO_p%d\">\n", page->number);
    for (size_t k = 0; k < page->nregions; k++) {
        if (page->regions[ord[k]].order < 0)
            continue;
        char id[BS_ALTO_ID_MAX];
        bs_alto_block_id(page, ord[k], id, sizeof(id));
        bs_strbuf_addf(sb, "      <ElementRef ID=\"RO_%s\" REF=\"%s\"/>\n", id, id);
    }
    bs_strbuf_addstr(sb, "    </OrderedGroup>\n  </ReadingOrder>\n");
}

/* Index of the region with id next_id on page, or -1. */
static long find_region(const bs_page *page, const char *id)
{
    if (!id)
        return -1;
    for (size_t i = 0; i < page->nregions; i++)
        if (strcmp(page->regions[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void add_block(bs_strbuf *sb, const bs_issue *issue, const bs_page *page, size_t i)
{
    const bs_region *r = &page->regions[i];
    char id[BS_ALTO_ID_MAX];
    bs_alto_block_id(page, i, id, sizeof(id));
    const char *elem = r->role == BS_ROLE_PHOTO  ? "Illustration"
                       : r->role == BS_ROLE_RULE ? "GraphicalElement"
                                                 : "TextBlock";
    bs_strbuf_addf(sb, "        <%s ID=\"%s\"", elem, id);
    add_box(sb, r->box);
    bs_strbuf_addf(sb, " TAGREFS=\"TAG_%s", bs_role_name(r->role));
    if (article_ok(issue, r->article)) {
        char tid[BS_ALTO_ID_MAX + 8];
        article_tag_id(issue, r->article, tid, sizeof(tid));
        bs_strbuf_addf(sb, " %s", tid);
    }
    bs_strbuf_addch(sb, '"');
    long next = find_region(page, r->next_id);
    if (next >= 0 && (size_t)next != i) {
        char nid[BS_ALTO_ID_MAX];
        bs_alto_block_id(page, (size_t)next, nid, sizeof(nid));
        bs_strbuf_addf(sb, " IDNEXT=\"%s\"", nid);
    }
    if (r->role == BS_ROLE_PHOTO) {
        bs_strbuf_addstr(sb, " TYPE=\"photo\"/>\n");
        return;
    }
    if (r->role == BS_ROLE_RULE) {
        bs_strbuf_addstr(sb, "/>\n");
        return;
    }
    if (r->direction == BS_DIR_VERTICAL_RL)
        bs_strbuf_addstr(sb, " BASEDIRECTION=\"ttb\"");
    if (!r->nlines) {
        bs_strbuf_addstr(sb, "/>\n");
        return;
    }
    bs_strbuf_addstr(sb, ">\n");
    for (size_t li = 0; li < r->nlines; li++)
        add_line(sb, id, li, &r->lines[li]);
    bs_strbuf_addstr(sb, "        </TextBlock>\n");
}

char *bs_alto_page_to_string(const bs_issue *issue, const bs_page *page)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<alto xmlns=\"" ALTO_NS "\" "
                          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                          "xsi:schemaLocation=\"" ALTO_NS " " ALTO_XSD "\" "
                          "SCHEMAVERSION=\"4.4\">\n");
    add_description(&sb, page);
    add_tags(&sb, issue, page);
    size_t *ord = bs_page_regions_in_order(page);
    add_reading_order(&sb, page, ord);
    bs_strbuf_addf(&sb, "  <Layout>\n    <Page ID=\"PAGE_%d\" PHYSICAL_IMG_NR=\"%d\"", page->number,
                   page->number);
    if (page->label) {
        bs_strbuf_addstr(&sb, " PRINTED_IMG_NR=\"");
        bs_xml_escape(&sb, page->label, 1);
        bs_strbuf_addch(&sb, '"');
    }
    bs_strbuf_addf(&sb, " WIDTH=\"%d\" HEIGHT=\"%d\">\n", page->width, page->height);
    bs_strbuf_addf(&sb, "      <PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"%d\" HEIGHT=\"%d\">\n",
                   page->width, page->height);
    for (size_t k = 0; k < page->nregions; k++)
        add_block(&sb, issue, page, ord[k]);
    free(ord);
    bs_strbuf_addstr(&sb, "      </PrintSpace>\n    </Page>\n  </Layout>\n</alto>\n");
    return bs_strbuf_detach(&sb);
}
