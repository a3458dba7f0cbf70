/*
 * import.c - format detection, dispatch and the checks shared by the
 * readers; see import.h.
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "alto_read.h"
#include "atomic_file.h"
#include "hocr_read.h"
#include "pagexml_read.h"
#include "unicode.h"
#include "xalloc.h"
#include "xml_safe.h"

/* How far into a file the root element is looked for: prologs, comments
 * and DOCTYPEs of real files are a few hundred bytes. */
#define DETECT_WINDOW 65536

const char *bs_import_format_name(bs_import_format f)
{
    switch (f) {
    case BS_IMPORT_ALTO: return "ALTO";
    case BS_IMPORT_HOCR: return "hOCR";
    case BS_IMPORT_PAGEXML: return "PAGE-XML";
    default: return "unknown";
    }
}

bs_import_format bs_import_detect(const char *data, size_t len)
{
    /* UTF-16 with its mark (libxml2 reads it): the tags are ASCII, so one
     * byte of each code unit shows them. */
    int mark = bs_xml_utf16_mark(data, len);
    if (mark) {
        int low_first = mark == 1;
        char narrow[DETECT_WINDOW];
        size_t m = 0;
        for (size_t k = 2; k + 1 < len && m < sizeof(narrow); k += 2)
            narrow[m++] = data[k + (low_first ? 0 : 1)];
        return bs_import_detect(narrow, m);
    }
    size_t n = len < DETECT_WINDOW ? len : DETECT_WINDOW;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(data + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - data) + 1;
        if (i >= n)
            break;
        char c = data[i];
        if (c == '?' || c == '!' || c == '/')
            continue;
        /* The first start tag: its local name decides. */
        size_t s = i, e = i;
        while (e < n && data[e] != ' ' && data[e] != '>' && data[e] != '/' && data[e] != '\t' &&
               data[e] != '\n' && data[e] != '\r')
            e++;
        for (size_t k = s; k < e; k++)
            if (data[k] == ':')
                s = k + 1;
        size_t nl = e - s;
        if (nl == 4 && strncmp(data + s, "alto", 4) == 0)
            return BS_IMPORT_ALTO;
        if (nl == 5 && strncmp(data + s, "PcGts", 5) == 0)
            return BS_IMPORT_PAGEXML;
        if (nl == 4 && strncasecmp(data + s, "html", 4) == 0)
            return BS_IMPORT_HOCR;
        break;
    }
    /* hOCR fragments without <html> still name their classes. */
    for (size_t k = 0; k + 8 <= n; k++)
        if (memcmp(data + k, "ocr_page", 8) == 0)
            return BS_IMPORT_HOCR;
    return BS_IMPORT_UNKNOWN;
}

bs_issue *bs_import_begin(const bs_issue *issue, int *first_number)
{
    int maxn = 0;
    for (size_t i = 0; i < issue->npages; i++)
        if (issue->pages[i].number > maxn)
            maxn = issue->pages[i].number;
    *first_number = maxn + 1;
    return bs_issue_new();
}

void bs_import_commit(bs_issue *issue, bs_issue *scratch)
{
    for (size_t i = 0; i < scratch->npages; i++) {
        bs_page *src = &scratch->pages[i];
        bs_page *dst = bs_issue_add_page(issue, src->number);
        bs_page_release(dst);
        *dst = *src;
        memset(src, 0, sizeof(*src));
    }
    bs_issue_free(scratch);
}

int bs_import_file(bs_issue *issue, const char *path, bs_error *err)
{
    return bs_import_file_with(issue, path, NULL, err);
}

/* A relative image name in a page file (PAGE-XML's imageFilename,
 * hOCR's image, ALTO's fileName) is, by PAGE's convention and in
 * practice, relative to the page file's folder: taken from there when
 * the image is found there, else kept as written. */
static void resolve_image_path(bs_page *page, const char *xml_path)
{
    if (!page->image_path || !*page->image_path || page->image_path[0] == '/')
        return;
    char *dir = bs_path_dir(xml_path);
    if (!dir)
        return;
    char *there = bs_path_join(dir, page->image_path);
    free(dir);
    if (access(there, F_OK) == 0) {
        free(page->image_path);
        page->image_path = there;
    } else {
        free(there);
    }
}

int bs_import_file_with(bs_issue *issue, const char *path, const bs_xml_limits *limits,
                        bs_error *err)
{
    bs_xml_limits lim = limits ? *limits : bs_xml_limits_default();
    char *data = NULL;
    size_t len = 0;
    if (bs_read_file(path, lim.max_bytes, &data, &len, err) != 0) {
        bs_error_name_limit(err, "--max-xml-bytes");
        return -1;
    }
    bs_import_format f = bs_import_detect(data, len);
    if (f == BS_IMPORT_UNKNOWN) {
        free(data);
        return bs_error_set(err, BS_ERR_FORMAT,
                            "%s: not hOCR, ALTO or PAGE-XML (no <alto>, <PcGts> or hOCR "
                            "<html> root element)",
                            path);
    }
    /* hOCR is HTML: real files are often not well-formed XML (HTML
     * entities, unclosed <meta>), so it goes to the HTML parser. */
    xmlDoc *doc = bs_xml_parse(data, len, path, f == BS_IMPORT_HOCR, &lim, err);
    free(data);
    if (!doc)
        return -1;
    int first;
    bs_issue *scratch = bs_import_begin(issue, &first);
    int rc;
    switch (f) {
    case BS_IMPORT_ALTO: rc = bs_alto_read_doc(scratch, doc, path, first, err); break;
    case BS_IMPORT_HOCR: rc = bs_hocr_read_doc(scratch, doc, path, first, err); break;
    default: rc = bs_pagexml_read_doc(scratch, doc, path, first, err); break;
    }
    bs_xml_free(doc);
    if (rc == 0 && scratch->npages == 0)
        rc = bs_error_set(err, BS_ERR_FORMAT, "%s: no page in this %s file", path,
                          bs_import_format_name(f));
    if (rc != 0) {
        bs_issue_free(scratch);
        return -1;
    }
    for (size_t p = 0; p < scratch->npages; p++)
        resolve_image_path(&scratch->pages[p], path);
    bs_import_commit(issue, scratch);
    return 0;
}

int bs_import_check_box(bs_box *b, int w, int h, const char *name, long line, const char *what,
                        bs_error *err)
{
    if (b->w < 0 || b->h < 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: %s has a negative size (%d x %d)", name,
                            line, what, b->w, b->h);
    if (b->x < -BS_IMPORT_BOX_SLACK_PX || b->y < -BS_IMPORT_BOX_SLACK_PX ||
        (w > 0 && (long)b->x + b->w > (long)w + BS_IMPORT_BOX_SLACK_PX) ||
        (h > 0 && (long)b->y + b->h > (long)h + BS_IMPORT_BOX_SLACK_PX))
        return bs_error_set(err, BS_ERR_FORMAT,
                            "%s:%ld: %s box (%d,%d %dx%d) lies outside the page (%dx%d)", name,
                            line, what, b->x, b->y, b->w, b->h, w, h);
    if (b->x < 0) {
        b->w += b->x;
        b->x = 0;
    }
    if (b->y < 0) {
        b->h += b->y;
        b->y = 0;
    }
    if (b->w < 0)
        b->w = 0;
    if (b->h < 0)
        b->h = 0;
    if (w > 0 && b->x + b->w > w)
        b->w = b->x < w ? w - b->x : 0;
    if (h > 0 && b->y + b->h > h)
        b->h = b->y < h ? h - b->y : 0;
    return 0;
}

int bs_import_check_text(const char *text, const char *name, long line, bs_error *err)
{
    size_t n = text ? strlen(text) : 0;
    if (n > BS_IMPORT_MAX_TEXT_BYTES)
        return bs_error_set(err, BS_ERR_LIMIT, "%s:%ld: text of %zu bytes (limit %d)", name,
                            line, n, BS_IMPORT_MAX_TEXT_BYTES);
    size_t bad;
    if (n && bs_utf8_validate(text, n, &bad) != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: invalid UTF-8 in text", name, line);
    return 0;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void bs_import_finish_region(bs_region *r)
{
    double rsum = 0;
    size_t rn = 0;
    float *heights = bs_xcalloc(r->nlines + 1, sizeof(float));
    for (size_t i = 0; i < r->nlines; i++) {
        bs_line *l = &r->lines[i];
        double s = 0;
        size_t n = 0;
        for (size_t j = 0; j < l->nwords; j++)
            if (l->words[j].conf >= 0) {
                s += l->words[j].conf;
                n++;
            }
        if (n)
            l->conf = (float)(s / (double)n);
        if (l->conf >= 0) {
            rsum += l->conf;
            rn++;
        }
        heights[i] = (float)(r->direction == BS_DIR_VERTICAL_RL ? l->box.w : l->box.h);
    }
    if (rn)
        r->conf = (float)(rsum / (double)rn);
    if (r->nlines) {
        qsort(heights, r->nlines, sizeof(float), cmp_float);
        r->text_height = heights[r->nlines / 2];
    }
    free(heights);
    if (r->columns_spanned < 1)
        r->columns_spanned = 1;
}

static int cjk_like(uint32_t cp)
{
    return bs_unicode_is_cjk(cp) || bs_unicode_is_cjk_punct(cp) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

static uint32_t edge_cp(const char *s, int last)
{
    size_t n = s ? strlen(s) : 0;
    if (!n)
        return 0;
    size_t i = 0;
    if (last) {
        i = n - 1;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
    }
    uint32_t cp = 0;
    return bs_utf8_decode_one(s + i, n - i, &cp) ? cp : 0;
}

void bs_import_line_text(bs_line *line, const unsigned char *sp)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t j = 0; j < line->nwords; j++) {
        const char *w = line->words[j].text ? line->words[j].text : "";
        if (j > 0) {
            int space = sp ? sp[j - 1]
                           : !(cjk_like(edge_cp(line->words[j - 1].text, 1)) &&
                               cjk_like(edge_cp(w, 0)));
            if (space)
                bs_strbuf_addch(&sb, ' ');
        }
        bs_strbuf_addstr(&sb, w);
    }
    bs_line_set_text(line, sb.buf);
    bs_strbuf_release(&sb);
}

/* Labels of other engines and formats (PAGE-XML region types, ALTO tag
 * labels of kraken, eScriptorium and ABBYY) and the role each means. */
static const struct {
    const char *label;
    bs_role role;
} role_labels[] = {
    {"heading", BS_ROLE_HEADLINE},   {"headline", BS_ROLE_HEADLINE},
    {"title", BS_ROLE_HEADLINE},     {"subheading", BS_ROLE_DECK},
    {"subtitle", BS_ROLE_DECK},      {"caption", BS_ROLE_CAPTION},
    {"credit", BS_ROLE_CAPTION},     {"byline", BS_ROLE_BYLINE},
    {"author", BS_ROLE_BYLINE},      {"page-number", BS_ROLE_FOLIO},
    {"pagenumber", BS_ROLE_FOLIO},   {"header", BS_ROLE_RUNNING_HEAD},
    {"running-title", BS_ROLE_RUNNING_HEAD},
    {"paragraph", BS_ROLE_BODY},     {"text", BS_ROLE_BODY},
    {"default", BS_ROLE_BODY},       {"main", BS_ROLE_BODY},
    {"drop-capital", BS_ROLE_BODY},  {"floating", BS_ROLE_BODY},
    {"advertisement", BS_ROLE_ADVERT},
    {"image", BS_ROLE_PHOTO},        {"illustration", BS_ROLE_PHOTO},
    {"separator", BS_ROLE_RULE},
};

bs_role bs_import_role_from_label(const char *label)
{
    if (!label || !*label)
        return BS_ROLE_UNKNOWN;
    bs_role r = bs_role_from_name(label);
    if (r != BS_ROLE_UNKNOWN)
        return r;
    for (size_t i = 0; i < sizeof(role_labels) / sizeof(role_labels[0]); i++)
        if (strcasecmp(label, role_labels[i].label) == 0)
            return role_labels[i].role;
    return BS_ROLE_UNKNOWN;
}

void bs_import_fit_page_size(bs_page *p)
{
    if (p->width > 0 && p->height > 0)
        return;
    bs_box all = {0, 0, 0, 0};
    for (size_t i = 0; i < p->nregions; i++)
        all = bs_box_union(all, p->regions[i].box);
    p->width = all.x + all.w;
    p->height = all.y + all.h;
}
