/*
 * hocr_read.c - hOCR reader; see hocr_read.h.
 *
 * A recursive walk of the HTML tree (its depth is bounded by xml_safe's
 * limit) keeping the current page and region as indexes, not pointers,
 * because appending pages and regions moves their arrays.
 */
#include "hocr_read.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xml_safe.h"

typedef struct hocr_ctx {
    const char *name;
    bs_error *err;
    bs_issue *issue;
    int next_number;
    long page;      /* index into issue->pages, -1 none */
    long region;    /* index into the page's regions, -1 none */
    int implicit;   /* the current region gathers lines outside any block */
    size_t nlines, nheader, ncaption;
} hocr_ctx;

/* Non-zero if the class attribute value has the class cls. */
static int has_class(const char *classes, const char *cls)
{
    size_t n = strlen(cls);
    for (const char *p = classes; p && *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if ((size_t)(e - p) == n && strncmp(p, cls, n) == 0)
            return 1;
        p = e;
    }
    return 0;
}

/* The value of property key in a title ("bbox 1 2 3 4; x_wconf 90"), as
 * a new string, or NULL.  Semicolons inside double quotes do not split. */
static char *title_prop(const char *title, const char *key)
{
    size_t kl = strlen(key);
    const char *p = title;
    while (p && *p) {
        while (*p == ' ' || *p == ';' || *p == '\t' || *p == '\n')
            p++;
        const char *e = p;
        int q = 0;
        while (*e && (q || *e != ';')) {
            if (*e == '"')
                q = !q;
            e++;
        }
        if ((size_t)(e - p) > kl && strncmp(p, key, kl) == 0 && isspace((unsigned char)p[kl])) {
            const char *v = p + kl;
            while (isspace((unsigned char)*v))
                v++;
            return bs_xstrndup(v, (size_t)(e - v));
        }
        p = e;
    }
    return NULL;
}

/* bbox of node: 1 found, 0 absent, -1 malformed. */
static int node_bbox(const xmlNode *n, bs_box *b)
{
    char *title = bs_xml_attr(n, "title");
    char *v = title ? title_prop(title, "bbox") : NULL;
    free(title);
    if (!v)
        return 0;
    double c[4];
    char *p = v;
    int ok = 1;
    for (int i = 0; i < 4 && ok; i++) {
        char *end;
        c[i] = strtod(p, &end);
        ok = end != p && isfinite(c[i]) && fabs(c[i]) <= BS_IMPORT_MAX_COORD;
        p = end;
    }
    free(v);
    if (!ok || c[2] < c[0] || c[3] < c[1])
        return -1;
    b->x = (int)lround(c[0]);
    b->y = (int)lround(c[1]);
    b->w = (int)lround(c[2] - c[0]);
    b->h = (int)lround(c[3] - c[1]);
    return 1;
}

static bs_page *cur_page(hocr_ctx *c)
{
    return &c->issue->pages[c->page];
}

static int need_bbox(hocr_ctx *c, const xmlNode *n, const char *what, bs_box *b)
{
    int r = node_bbox(n, b);
    if (r == 0)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s without bbox (missing coordinates)",
                            c->name, bs_xml_line(n), what);
    if (r < 0)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s has a malformed bbox", c->name,
                            bs_xml_line(n), what);
    bs_page *p = cur_page(c);
    return bs_import_check_box(b, p->width, p->height, c->name, bs_xml_line(n), what, c->err);
}

static void close_region(hocr_ctx *c)
{
    if (c->region < 0)
        return;
    bs_region *r = &cur_page(c)->regions[c->region];
    if (c->nlines && r->role == BS_ROLE_BODY) {
        if (c->nheader == c->nlines)
            r->role = BS_ROLE_HEADLINE;
        else if (c->ncaption == c->nlines)
            r->role = BS_ROLE_CAPTION;
    }
    if (c->implicit) {
        bs_box all = {0, 0, 0, 0};
        for (size_t i = 0; i < r->nlines; i++)
            all = bs_box_union(all, r->lines[i].box);
        r->box = all;
    }
    bs_import_finish_region(r);
    c->region = -1;
    c->implicit = 0;
    c->nlines = c->nheader = c->ncaption = 0;
}

static void open_region(hocr_ctx *c, bs_role role, bs_box box, int implicit)
{
    close_region(c);
    bs_page *p = cur_page(c);
    bs_region *r = bs_page_add_region(p, role, box);
    r->order = (int)(p->nregions - 1);
    c->region = (long)(p->nregions - 1);
    c->implicit = implicit;
}

/* Text of node with white space runs collapsed and trimmed.  Caller frees. */
static char *node_text(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent((xmlNode *)n);
    bs_strbuf sb = BS_STRBUF_INIT;
    int space = 0;
    for (const unsigned char *p = t; p && *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = sb.len > 0;
            continue;
        }
        if (space)
            bs_strbuf_addch(&sb, ' ');
        space = 0;
        bs_strbuf_addch(&sb, *p);
    }
    if (t)
        xmlFree(t);
    return bs_strbuf_detach(&sb);
}

static int read_words(hocr_ctx *c, const xmlNode *n, size_t line_idx)
{
    for (xmlNode *e = bs_xml_first_child(n); e; e = bs_xml_next_elem(e)) {
        char *cls = bs_xml_attr(e, "class");
        int is_word = cls && has_class(cls, "ocrx_word");
        free(cls);
        if (!is_word) {
            if (read_words(c, e, line_idx))
                return -1;
            continue;
        }
        bs_box b;
        if (need_bbox(c, e, "ocrx_word", &b))
            return -1;
        char *text = node_text(e);
        if (bs_import_check_text(text, c->name, bs_xml_line(e), c->err)) {
            free(text);
            return -1;
        }
        float conf = -1;
        char *title = bs_xml_attr(e, "title");
        char *wc = title ? title_prop(title, "x_wconf") : NULL;
        if (wc) {
            char *end;
            double v = strtod(wc, &end);
            if (end != wc && isfinite(v))
                conf = (float)(v < 0 ? 0 : v > 100 ? 1 : v / 100.0);
        }
        free(wc);
        free(title);
        if (*text) {
            bs_region *r = &cur_page(c)->regions[c->region];
            bs_line_add_word(&r->lines[line_idx], text, b, conf);
        }
        free(text);
    }
    return 0;
}

static int read_line(hocr_ctx *c, const xmlNode *n, const char *cls)
{
    bs_box b;
    if (need_bbox(c, n, "ocr_line", &b))
        return -1;
    if (c->region < 0)
        open_region(c, BS_ROLE_BODY, b, 1);
    bs_region *r = &cur_page(c)->regions[c->region];
    bs_region_add_line(r, NULL, b, -1);
    size_t li = r->nlines - 1;
    c->nlines++;
    c->nheader += has_class(cls, "ocr_header");
    c->ncaption += has_class(cls, "ocr_caption");
    char *title = bs_xml_attr(n, "title");
    char *angle = title ? title_prop(title, "textangle") : NULL;
    if (angle) {
        int a = atoi(angle);
        if (a == 90 || a == 270)
            r->direction = BS_DIR_VERTICAL_RL;
    }
    free(angle);
    free(title);
    if (read_words(c, n, li))
        return -1;
    r = &cur_page(c)->regions[c->region];
    bs_line *line = &r->lines[li];
    if (line->nwords) {
        bs_import_line_text(line, NULL);
    } else {
        char *t = node_text(n);
        int bad = bs_import_check_text(t, c->name, bs_xml_line(n), c->err);
        if (!bad)
            bs_line_set_text(line, t);
        free(t);
        if (bad)
            return -1;
    }
    return 0;
}

static int walk(hocr_ctx *c, const xmlNode *n);

static int read_page(hocr_ctx *c, const xmlNode *n)
{
    close_region(c);
    bs_page *p = bs_issue_add_page(c->issue, c->next_number++);
    c->page = (long)(c->issue->npages - 1);
    bs_box b;
    int r = node_bbox(n, &b);
    if (r < 0)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: ocr_page has a malformed bbox",
                            c->name, bs_xml_line(n));
    if (r > 0) {
        p->width = b.x + b.w;
        p->height = b.y + b.h;
    }
    char *title = bs_xml_attr(n, "title");
    char *image = title ? title_prop(title, "image") : NULL;
    if (image) {
        size_t l = strlen(image);
        if (l >= 2 && image[0] == '"' && image[l - 1] == '"') {
            memmove(image, image + 1, l - 2);
            image[l - 2] = '\0';
        }
        p->image_path = image;
    }
    char *res = title ? title_prop(title, "scan_res") : NULL;
    if (res) {
        /* "scan_res 300 300": Tesseract writes 70 when it had to guess,
         * which is still better than nothing for a size heuristic. */
        long dpi = strtol(res, NULL, 10);
        if (dpi > 0 && dpi < BS_IMPORT_MAX_DPI)
            p->dpi = (int)dpi;
        free(res);
    }
    free(title);
    for (xmlNode *e = bs_xml_first_child(n); e; e = bs_xml_next_elem(e))
        if (walk(c, e))
            return -1;
    close_region(c);
    p = cur_page(c);
    bs_import_fit_page_size(p);
    return 0;
}

static int walk(hocr_ctx *c, const xmlNode *n)
{
    char *cls = bs_xml_attr(n, "class");
    int rc = 0;
    if (cls && has_class(cls, "ocr_page")) {
        rc = read_page(c, n);
    } else if (cls && c->page < 0 && strstr(cls, "ocr")) {
        rc = bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s outside any ocr_page", c->name,
                          bs_xml_line(n), cls);
    } else if (cls && (has_class(cls, "ocr_carea") || has_class(cls, "ocrx_block"))) {
        bs_box b;
        rc = need_bbox(c, n, "ocr_carea", &b);
        if (!rc) {
            open_region(c, BS_ROLE_BODY, b, 0);
            for (xmlNode *e = bs_xml_first_child(n); e && !rc; e = bs_xml_next_elem(e))
                rc = walk(c, e);
            close_region(c);
        }
    } else if (cls && (has_class(cls, "ocr_photo") || has_class(cls, "ocr_image") ||
                       has_class(cls, "ocr_separator") || has_class(cls, "ocr_hline") ||
                       has_class(cls, "ocr_vline"))) {
        bs_box b;
        rc = need_bbox(c, n, cls, &b);
        if (!rc) {
            int photo = has_class(cls, "ocr_photo") || has_class(cls, "ocr_image");
            open_region(c, photo ? BS_ROLE_PHOTO : BS_ROLE_RULE, b, 0);
            close_region(c);
        }
    } else if (cls && (has_class(cls, "ocr_line") || has_class(cls, "ocrx_line") ||
                       has_class(cls, "ocr_header") || has_class(cls, "ocr_caption") ||
                       has_class(cls, "ocr_textfloat"))) {
        rc = read_line(c, n, cls);
    } else {
        for (xmlNode *e = bs_xml_first_child(n); e && !rc; e = bs_xml_next_elem(e))
            rc = walk(c, e);
    }
    free(cls);
    return rc;
}

int bs_hocr_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                     bs_error *err)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    if (root && root->ns && root->ns->href &&
        strcmp((const char *)root->ns->href, "http://www.w3.org/1999/xhtml") != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: unknown hOCR namespace '%s'", name,
                            bs_xml_line(root), (const char *)root->ns->href);
    hocr_ctx c = {name, err, issue, first_number, -1, -1, 0, 0, 0, 0};
    return walk(&c, root);
}
