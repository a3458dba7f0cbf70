/*
 * pagexml_read.c - PAGE-XML reader; see pagexml_read.h.
 */
#include "pagexml_read.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xml_safe.h"

#define PAGE_NS_PREFIX "http://schema.primaresearch.org/PAGE/gts/pagecontent/"

typedef struct px_ctx {
    const char *name;
    bs_error *err;
    bs_issue *issue;
    size_t page;        /* index into issue->pages */
    char **ro;          /* region ids in reading order */
    size_t nro, ro_cap;
    char **src;         /* per region: its source id */
    size_t nsrc, src_cap;
} px_ctx;

static bs_page *cur_page(px_ctx *c)
{
    return &c->issue->pages[c->page];
}

/* ---- coordinates -------------------------------------------------------- */

/* Bounding box of the Coords child of n. */
static int read_coords(px_ctx *c, const xmlNode *n, const char *what, bs_box *b)
{
    const xmlNode *co = NULL;
    for (xmlNode *e = bs_xml_first_child(n); e && !co; e = bs_xml_next_elem(e))
        if (bs_xml_is(e, "Coords"))
            co = e;
    if (!co)
        return bs_error_set(c->err, BS_ERR_FORMAT,
                            "%s:%ld: %s without Coords (missing coordinates)", c->name,
                            bs_xml_line(n), what);
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    size_t npts = 0;
    char *pts = bs_xml_attr(co, "points");
    if (pts) {
        char *p = pts;
        for (;;) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            if (!*p)
                break;
            char *end;
            double x = strtod(p, &end);
            if (end == p || *end != ',') {
                npts = 0;
                x0 = NAN;
                break;
            }
            p = end + 1;
            double y = strtod(p, &end);
            if (end == p) {
                npts = 0;
                x0 = NAN;
                break;
            }
            p = end;
            x0 = fmin(x0, x); y0 = fmin(y0, y);
            x1 = fmax(x1, x); y1 = fmax(y1, y);
            npts++;
        }
        free(pts);
    } else {
        for (xmlNode *pt = bs_xml_first_child(co); pt; pt = bs_xml_next_elem(pt)) {
            double x, y;
            if (!bs_xml_is(pt, "Point") || bs_xml_attr_num(pt, "x", &x) <= 0 ||
                bs_xml_attr_num(pt, "y", &y) <= 0)
                continue;
            x0 = fmin(x0, x); y0 = fmin(y0, y);
            x1 = fmax(x1, x); y1 = fmax(y1, y);
            npts++;
        }
    }
    if (npts == 0 || !isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1) ||
        fabs(x0) > BS_IMPORT_MAX_COORD || fabs(y0) > BS_IMPORT_MAX_COORD ||
        fabs(x1) > BS_IMPORT_MAX_COORD || fabs(y1) > BS_IMPORT_MAX_COORD)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s has no usable Coords points",
                            c->name, bs_xml_line(co), what);
    b->x = (int)lround(x0);
    b->y = (int)lround(y0);
    b->w = (int)lround(x1 - x0);
    b->h = (int)lround(y1 - y0);
    bs_page *p = cur_page(c);
    return bs_import_check_box(b, p->width, p->height, c->name, bs_xml_line(co), what, c->err);
}

/* ---- text --------------------------------------------------------------- */

/* The preferred TextEquiv child of n (lowest @index), or NULL. */
static const xmlNode *text_equiv(const xmlNode *n)
{
    const xmlNode *best = NULL;
    double best_idx = INFINITY;
    for (xmlNode *e = bs_xml_first_child(n); e; e = bs_xml_next_elem(e)) {
        if (!bs_xml_is(e, "TextEquiv"))
            continue;
        double idx;
        if (bs_xml_attr_num(e, "index", &idx) <= 0)
            idx = 1e300;
        if (!best || idx < best_idx) {
            best = e;
            best_idx = idx;
        }
    }
    return best;
}

/* Text (new string or NULL) and confidence of n's TextEquiv. */
static int equiv_text(px_ctx *c, const xmlNode *n, char **text, float *conf)
{
    *text = NULL;
    *conf = -1;
    const xmlNode *te = text_equiv(n);
    if (!te)
        return 0;
    double v;
    if (bs_xml_attr_num(te, "conf", &v) > 0)
        *conf = (float)(v < 0 ? 0 : v > 1 ? 1 : v);
    for (xmlNode *u = bs_xml_first_child(te); u; u = bs_xml_next_elem(u))
        if (bs_xml_is(u, "Unicode")) {
            xmlChar *t = xmlNodeGetContent(u);
            *text = bs_xstrdup(t ? (const char *)t : "");
            if (t)
                xmlFree(t);
            break;
        }
    if (*text && bs_import_check_text(*text, c->name, bs_xml_line(te), c->err)) {
        free(*text);
        *text = NULL;
        return -1;
    }
    return 0;
}

/* ---- regions ------------------------------------------------------------ */

static void remember(px_ctx *c, const xmlNode *n)
{
    BS_ARRAY_GROW(c->src, c->src_cap, c->nsrc + 1);
    c->src[c->nsrc++] = bs_xml_attr(n, "id");
}

/* Role of a TextRegion from @type or Transkribus' custom structure. */
static bs_role text_role(const xmlNode *n)
{
    char *type = bs_xml_attr(n, "type");
    if (!type) {
        char *custom = bs_xml_attr(n, "custom");
        char *s = custom ? strstr(custom, "structure") : NULL;
        char *t = s ? strstr(s, "type:") : NULL;
        if (t) {
            t += 5;
            size_t l = strcspn(t, ";} ");
            type = bs_xstrndup(t, l);
        }
        free(custom);
    }
    bs_role r = bs_import_role_from_label(type);
    free(type);
    return r == BS_ROLE_UNKNOWN || !bs_role_is_text(r) ? BS_ROLE_BODY : r;
}

static int read_text_line(px_ctx *c, size_t ri, const xmlNode *ln)
{
    bs_box lb;
    if (read_coords(c, ln, "TextLine", &lb))
        return -1;
    char *ltext;
    float lconf;
    if (equiv_text(c, ln, &ltext, &lconf))
        return -1;
    bs_line *line = bs_region_add_line(&cur_page(c)->regions[ri], NULL, lb, lconf);
    for (xmlNode *w = bs_xml_first_child(ln); w; w = bs_xml_next_elem(w)) {
        if (!bs_xml_is(w, "Word"))
            continue;
        bs_box wb;
        char *wt;
        float wc;
        if (read_coords(c, w, "Word", &wb) || equiv_text(c, w, &wt, &wc)) {
            free(ltext);
            return -1;
        }
        if (wt && *wt)
            bs_line_add_word(line, wt, wb, wc);
        free(wt);
    }
    if (ltext)
        bs_line_set_text(line, ltext);
    else
        bs_import_line_text(line, NULL);
    free(ltext);
    return 0;
}

static int read_regions(px_ctx *c, const xmlNode *parent);

static int read_region(px_ctx *c, const xmlNode *n)
{
    bs_role role;
    int text = 0;
    if (bs_xml_is(n, "TextRegion")) {
        role = text_role(n);
        text = 1;
    } else if (bs_xml_is(n, "ImageRegion") || bs_xml_is(n, "GraphicRegion") ||
               bs_xml_is(n, "ChartRegion")) {
        role = BS_ROLE_PHOTO;
    } else if (bs_xml_is(n, "SeparatorRegion")) {
        role = BS_ROLE_RULE;
    } else if (bs_xml_is(n, "TableRegion")) {
        role = BS_ROLE_BODY;
    } else {
        return 0; /* noise, maths, music, unknown: nothing to read */
    }
    bs_box b;
    if (read_coords(c, n, (const char *)n->name, &b))
        return -1;
    bs_page *p = cur_page(c);
    bs_region *r = bs_page_add_region(p, role, b);
    size_t ri = p->nregions - 1;
    remember(c, n);
    char *dir = bs_xml_attr(n, "readingDirection");
    if (dir && (strcmp(dir, "top-to-bottom") == 0 || strcmp(dir, "bottom-to-top") == 0))
        r->direction = BS_DIR_VERTICAL_RL;
    free(dir);
    if (text) {
        int any_line = 0;
        for (xmlNode *ln = bs_xml_first_child(n); ln; ln = bs_xml_next_elem(ln))
            if (bs_xml_is(ln, "TextLine")) {
                any_line = 1;
                if (read_text_line(c, ri, ln))
                    return -1;
            }
        if (!any_line) {
            char *t;
            float conf;
            if (equiv_text(c, n, &t, &conf))
                return -1;
            if (t && *t)
                bs_region_add_line(&cur_page(c)->regions[ri], t, b, conf);
            free(t);
        }
    }
    bs_import_finish_region(&cur_page(c)->regions[ri]);
    /* Regions nested in this one (PAGE 2019 allows it). */
    return read_regions(c, n);
}

static int read_regions(px_ctx *c, const xmlNode *parent)
{
    for (xmlNode *e = bs_xml_first_child(parent); e; e = bs_xml_next_elem(e)) {
        size_t l = strlen((const char *)e->name);
        if (l > 6 && strcmp((const char *)e->name + l - 6, "Region") == 0 && read_region(c, e))
            return -1;
    }
    return 0;
}

/* ---- reading order ------------------------------------------------------ */

typedef struct idx_node {
    double idx;
    size_t pos;
    const xmlNode *n;
} idx_node;

static int cmp_idx(const void *a, const void *b)
{
    const idx_node *x = a, *y = b;
    if (x->idx != y->idx)
        return x->idx < y->idx ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void read_order(px_ctx *c, const xmlNode *group)
{
    size_t n = 0;
    for (xmlNode *e = bs_xml_first_child(group); e; e = bs_xml_next_elem(e))
        n++;
    if (!n)
        return;
    idx_node *kids = bs_xcalloc(n, sizeof(*kids));
    size_t k = 0;
    int ordered = !bs_xml_is(group, "UnorderedGroup") && !bs_xml_is(group, "UnorderedGroupIndexed");
    for (xmlNode *e = bs_xml_first_child(group); e; e = bs_xml_next_elem(e), k++) {
        kids[k].n = e;
        kids[k].pos = k;
        if (!ordered || bs_xml_attr_num(e, "index", &kids[k].idx) <= 0)
            kids[k].idx = (double)k;
    }
    if (ordered)
        qsort(kids, n, sizeof(*kids), cmp_idx);
    for (k = 0; k < n; k++) {
        const xmlNode *e = kids[k].n;
        char *ref = bs_xml_attr(e, "regionRef");
        if (ref && (bs_xml_is(e, "RegionRefIndexed") || bs_xml_is(e, "RegionRef"))) {
            BS_ARRAY_GROW(c->ro, c->ro_cap, c->nro + 1);
            c->ro[c->nro++] = ref;
            ref = NULL;
        }
        free(ref);
        read_order(c, e);
    }
    free(kids);
}

static void resolve_order(px_ctx *c)
{
    bs_page *p = cur_page(c);
    int next = 0;
    for (size_t k = 0; k < c->nro; k++)
        for (size_t i = 0; i < c->nsrc && i < p->nregions; i++)
            if (c->src[i] && strcmp(c->src[i], c->ro[k]) == 0 && p->regions[i].order < 0) {
                p->regions[i].order = next++;
                break;
            }
    if (next == 0)
        for (size_t i = 0; i < p->nregions; i++)
            p->regions[i].order = (int)i;
}

static void ctx_reset(px_ctx *c)
{
    for (size_t i = 0; i < c->nro; i++)
        free(c->ro[i]);
    for (size_t i = 0; i < c->nsrc; i++)
        free(c->src[i]);
    c->nro = c->nsrc = 0;
}

static int read_page(px_ctx *c, const xmlNode *pg, int number)
{
    bs_page *p = bs_issue_add_page(c->issue, number);
    c->page = c->issue->npages - 1;
    ctx_reset(c);
    double v;
    if (bs_xml_attr_num(pg, "imageWidth", &v) > 0 && v > 0 && v <= BS_IMPORT_MAX_COORD)
        p->width = (int)lround(v);
    if (bs_xml_attr_num(pg, "imageHeight", &v) > 0 && v > 0 && v <= BS_IMPORT_MAX_COORD)
        p->height = (int)lround(v);
    p->image_path = bs_xml_attr(pg, "imageFilename");
    char *unit = bs_xml_attr(pg, "imageResolutionUnit");
    if (bs_xml_attr_num(pg, "imageXResolution", &v) > 0 && v > 0 && v < BS_IMPORT_MAX_DPI)
        p->dpi = (int)lround(unit && strcmp(unit, "cm") == 0 ? v * 2.54 : v);
    free(unit);
    for (xmlNode *e = bs_xml_first_child(pg); e; e = bs_xml_next_elem(e))
        if (bs_xml_is(e, "ReadingOrder"))
            read_order(c, e);
    if (read_regions(c, pg))
        return -1;
    resolve_order(c);
    p = cur_page(c);
    bs_import_fit_page_size(p);
    return 0;
}

int bs_pagexml_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                        bs_error *err)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    if (!bs_xml_is(root, "PcGts"))
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: root element is not <PcGts>", name,
                            bs_xml_line(root));
    if (!root->ns || !root->ns->href ||
        strncmp((const char *)root->ns->href, PAGE_NS_PREFIX, strlen(PAGE_NS_PREFIX)) != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: unknown PAGE-XML namespace '%s'", name,
                            bs_xml_line(root),
                            root->ns && root->ns->href ? (const char *)root->ns->href : "");
    px_ctx c;
    memset(&c, 0, sizeof(c));
    c.name = name;
    c.err = err;
    c.issue = issue;
    int rc = 0, number = first_number;
    for (xmlNode *e = bs_xml_first_child(root); e && rc == 0; e = bs_xml_next_elem(e))
        if (bs_xml_is(e, "Page"))
            rc = read_page(&c, e, number++);
    ctx_reset(&c);
    free(c.ro);
    free(c.src);
    return rc;
}
