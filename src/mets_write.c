/*
 * mets_write.c - METS writer; see mets_write.h.
 */
#include "mets_write.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alto_write.h"
#include "atomic_file.h"
#include "strbuf.h"
#include "unicode.h"
#include "version.h"
#include "xalloc.h"
#include "xml_escape.h"

#define METS_NS "http://www.loc.gov/METS/"
#define METS_XSD "http://www.loc.gov/standards/mets/mets.xsd"
/* Pages one article is linked to in structLink: a story jumps once or
 * twice; 256 covers any real issue (a longer list is cut, not wrong). */
#define MAX_ARTICLE_PAGES 256

/* ---- hrefs -------------------------------------------------------------- */

static void add_escaped_uri(bs_strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            bs_strbuf_addch(sb, c);
        else
            bs_strbuf_addf(sb, "%%%c%c", hex[c >> 4], hex[c & 15]);
    }
}

char *bs_mets_href(const char *dir, const char *path)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    char *rd = dir ? realpath(dir, NULL) : NULL;
    char *rp = path ? realpath(path, NULL) : NULL;
    if (rd && rp) {
        /* Longest common prefix of whole components. */
        size_t common = 0;
        for (size_t i = 0;; i++) {
            int end_d = rd[i] == '\0' || rd[i] == '/';
            int end_p = rp[i] == '\0' || rp[i] == '/';
            if (end_d && end_p)
                common = i;
            if (rd[i] != rp[i] || rd[i] == '\0')
                break;
        }
        bs_strbuf rel = BS_STRBUF_INIT;
        for (const char *q = rd + common; *q; q++)
            if (*q == '/')
                bs_strbuf_addstr(&rel, "../");
        const char *rest = rp + common;
        if (*rest == '/')
            rest++;
        bs_strbuf_addstr(&rel, rest);
        add_escaped_uri(&sb, rel.buf);
        bs_strbuf_release(&rel);
    } else if (path) {
        if (path[0] == '/')
            bs_strbuf_addstr(&sb, "file://");
        add_escaped_uri(&sb, path);
    }
    free(rd);
    free(rp);
    return bs_strbuf_detach(&sb);
}

static const char *image_mimetype(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return "application/octet-stream";
    if (!strcasecmp(dot, ".tif") || !strcasecmp(dot, ".tiff"))
        return "image/tiff";
    if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
        return "image/jpeg";
    if (!strcasecmp(dot, ".png"))
        return "image/png";
    if (!strcasecmp(dot, ".jp2"))
        return "image/jp2";
    if (!strcasecmp(dot, ".webp"))
        return "image/webp";
    return "application/octet-stream";
}

/* ---- logical parts ------------------------------------------------------ */

/* Part types in the order they are listed inside an article. */
typedef struct part_type {
    const char *type;
    bs_role roles[3];
} part_type;

static const part_type part_types[] = {
    {"KICKER", {BS_ROLE_KICKER}},
    {"HEADING", {BS_ROLE_HEADLINE}},
    {"SUBHEADING", {BS_ROLE_DECK}},
    {"BYLINE", {BS_ROLE_BYLINE}},
    {"CONTINUATION_HEADING", {BS_ROLE_CONT_HEAD}},
    {"BODY", {BS_ROLE_BODY}},
    {"CAPTION", {BS_ROLE_CAPTION}},
    {"ILLUSTRATION", {BS_ROLE_PHOTO}},
    {"JUMP", {BS_ROLE_JUMP_OUT, BS_ROLE_JUMP_IN}},
    {"OTHER", {BS_ROLE_RULE, BS_ROLE_MASTHEAD, BS_ROLE_DATELINE}},
    {"OTHER", {BS_ROLE_RUNNING_HEAD, BS_ROLE_FOLIO, BS_ROLE_SECTION}},
    {"OTHER", {BS_ROLE_ADVERT}},
};
#define NPART_TYPES (sizeof(part_types) / sizeof(part_types[0]))

static int part_type_of(bs_role role)
{
    if (role == BS_ROLE_UNKNOWN)
        role = BS_ROLE_BODY; /* untyped text of an article reads as body */
    for (size_t t = 0; t < NPART_TYPES; t++)
        for (int k = 0; k < 3; k++)
            if (part_types[t].roles[k] != BS_ROLE_UNKNOWN && part_types[t].roles[k] == role)
                return (int)t;
    return (int)NPART_TYPES - 1;
}

/* Region index with id on page, or -1. */
static long region_index(const bs_page *page, const char *id)
{
    for (size_t i = 0; page && id && i < page->nregions; i++)
        if (strcmp(page->regions[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* Characters of an untitled article's first paragraph used as its
 * label: a line of a table of contents. */
#define METS_LABEL_CHARS 24

static void add_article(bs_strbuf *sb, const bs_issue *issue, size_t a)
{
    const bs_article *art = &issue->articles[a];
    const char *label = art->title ? art->title : art->kicker;
    bs_strbuf_addf(sb, "      <div ID=\"LOG_%zu\" TYPE=\"ARTICLE\" ORDER=\"%zu\" LABEL=\"", a + 1,
                   a + 1);
    if (label) {
        bs_xml_escape(sb, label, 1);
    } else if (art->nparagraphs && art->paragraphs[0][0]) {
        /* No headline (a continuation, a story whose head was lost): its
         * first words, as a viewer's table of contents shows them. */
        char *words = bs_utf8_head(art->paragraphs[0], METS_LABEL_CHARS);
        bs_xml_escape(sb, words, 1);
        free(words);
    } else {
        bs_xml_escape(sb, art->id ? art->id : "", 1);
    }
    bs_strbuf_addstr(sb, "\">\n");
    /* "OTHER" appears three times in the table; emit it once, so walk the
     * distinct type names. */
    for (size_t t = 0; t < NPART_TYPES; t++) {
        int first_of_name = 1;
        for (size_t u = 0; u < t; u++)
            if (strcmp(part_types[u].type, part_types[t].type) == 0)
                first_of_name = 0;
        if (!first_of_name)
            continue;
        int opened = 0;
        for (size_t p = 0; p < art->nparts; p++) {
            const bs_article_part *part = &art->parts[p];
            const bs_page *page = bs_issue_find_page(issue, part->page);
            for (size_t r = 0; r < part->nregions; r++) {
                long ri = region_index(page, part->regions[r]);
                if (ri < 0)
                    continue;
                int pt = part_type_of(page->regions[ri].role);
                if (pt < 0 || strcmp(part_types[pt].type, part_types[t].type) != 0)
                    continue;
                if (!opened) {
                    bs_strbuf_addf(sb, "        <div ID=\"LOG_%zu_%s\" TYPE=\"%s\">\n", a + 1,
                                   part_types[t].type, part_types[t].type);
                    opened = 1;
                }
                char bid[BS_ALTO_ID_MAX];
                bs_alto_block_id(page, (size_t)ri, bid, sizeof(bid));
                bs_strbuf_addf(sb,
                               "          <fptr><area FILEID=\"ALTO_p%d\" BEGIN=\"%s\" END=\"%s\" "
                               "BETYPE=\"IDREF\"/></fptr>\n",
                               page->number, bid, bid);
            }
        }
        if (opened)
            bs_strbuf_addstr(sb, "        </div>\n");
    }
    bs_strbuf_addstr(sb, "      </div>\n");
}

char *bs_mets_to_string(const bs_issue *issue, const char *outdir)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<mets xmlns=\"" METS_NS "\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                          "xsi:schemaLocation=\"" METS_NS " " METS_XSD "\"");
    if (issue->id) {
        bs_strbuf_addstr(&sb, " OBJID=\"");
        bs_xml_escape(&sb, issue->id, 1);
        bs_strbuf_addch(&sb, '"');
    }
    bs_strbuf_addstr(&sb, " TYPE=\"Newspaper issue\">\n"
                          "  <metsHdr>\n"
                          "    <agent ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\">\n"
                          "      <name>Broadsheet " BS_VERSION "</name>\n"
                          "    </agent>\n  </metsHdr>\n");

    int any_image = 0;
    for (size_t i = 0; i < issue->npages; i++)
        any_image |= issue->pages[i].image_path != NULL;
    bs_strbuf_addstr(&sb, "  <fileSec>\n");
    if (any_image) {
        bs_strbuf_addstr(&sb, "    <fileGrp ID=\"FG_IMG\" USE=\"IMG\">\n");
        for (size_t i = 0; i < issue->npages; i++) {
            const bs_page *p = &issue->pages[i];
            if (!p->image_path)
                continue;
            char *href = bs_mets_href(outdir, p->image_path);
            bs_strbuf_addf(&sb, "      <file ID=\"IMG_p%d\" MIMETYPE=\"%s\">"
                                "<FLocat LOCTYPE=\"URL\" xlink:href=\"",
                           p->number, image_mimetype(p->image_path));
            bs_xml_escape(&sb, href, 1);
            bs_strbuf_addstr(&sb, "\"/></file>\n");
            free(href);
        }
        bs_strbuf_addstr(&sb, "    </fileGrp>\n");
    }
    if (issue->npages) {
        bs_strbuf_addstr(&sb, "    <fileGrp ID=\"FG_ALTO\" USE=\"ALTO\">\n");
        for (size_t i = 0; i < issue->npages; i++) {
            char name[64];
            bs_alto_file_name(&issue->pages[i], name, sizeof(name));
            bs_strbuf_addf(&sb, "      <file ID=\"ALTO_p%d\" MIMETYPE=\"text/xml\">"
                                "<FLocat LOCTYPE=\"URL\" xlink:href=\"alto/%s\"/></file>\n",
                           issue->pages[i].number, name);
        }
        bs_strbuf_addstr(&sb, "    </fileGrp>\n");
    }
    bs_strbuf_addstr(&sb, "  </fileSec>\n");

    bs_strbuf_addstr(&sb, "  <structMap TYPE=\"PHYSICAL\">\n"
                          "    <div ID=\"PHYS_0\" TYPE=\"physSequence\">\n");
    for (size_t i = 0; i < issue->npages; i++) {
        const bs_page *p = &issue->pages[i];
        bs_strbuf_addf(&sb, "      <div ID=\"PHYS_p%d\" TYPE=\"page\" ORDER=\"%d\"", p->number,
                       p->number);
        if (p->label) {
            bs_strbuf_addstr(&sb, " ORDERLABEL=\"");
            bs_xml_escape(&sb, p->label, 1);
            bs_strbuf_addch(&sb, '"');
        }
        bs_strbuf_addstr(&sb, ">\n");
        if (p->image_path)
            bs_strbuf_addf(&sb, "        <fptr FILEID=\"IMG_p%d\"/>\n", p->number);
        bs_strbuf_addf(&sb, "        <fptr FILEID=\"ALTO_p%d\"/>\n      </div>\n", p->number);
    }
    bs_strbuf_addstr(&sb, "    </div>\n  </structMap>\n");

    bs_strbuf_addstr(&sb, "  <structMap TYPE=\"LOGICAL\">\n    <div ID=\"LOG_0\" TYPE=\"ISSUE\"");
    if (issue->id) {
        bs_strbuf_addstr(&sb, " LABEL=\"");
        bs_xml_escape(&sb, issue->id, 1);
        bs_strbuf_addch(&sb, '"');
    }
    bs_strbuf_addstr(&sb, ">\n");
    for (size_t a = 0; a < issue->narticles; a++)
        add_article(&sb, issue, a);
    bs_strbuf_addstr(&sb, "    </div>\n  </structMap>\n");

    /* structLink: article -> each page it touches. */
    bs_strbuf links = BS_STRBUF_INIT;
    for (size_t a = 0; a < issue->narticles; a++) {
        int pages[MAX_ARTICLE_PAGES];
        size_t np = bs_article_pages(&issue->articles[a], pages, MAX_ARTICLE_PAGES);
        for (size_t k = 0; k < np; k++)
            if (bs_issue_find_page(issue, pages[k]))
                bs_strbuf_addf(&links,
                               "    <smLink xlink:from=\"LOG_%zu\" xlink:to=\"PHYS_p%d\"/>\n",
                               a + 1, pages[k]);
    }
    if (links.len)
        bs_strbuf_addf(&sb, "  <structLink>\n%s  </structLink>\n", links.buf);
    bs_strbuf_release(&links);
    bs_strbuf_addstr(&sb, "</mets>\n");
    return bs_strbuf_detach(&sb);
}
