/*
 * alto_read.c - ALTO reader; see alto_read.h.
 *
 * One pass over the tree per page.  Source IDs of blocks are remembered
 * next to the regions they became, so IDNEXT and ReadingOrder references
 * (which name source IDs) can be resolved to our region ids once the page
 * is complete.
 */
#include "alto_read.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xml_safe.h"

static const char *const alto_namespaces[] = {
    "http://www.loc.gov/standards/alto/ns-v4#",
    "http://www.loc.gov/standards/alto/ns-v3#",
    "http://www.loc.gov/standards/alto/ns-v2#",
    "http://www.loc.gov/standards/alto/ns-v1#",
    "http://www.loc.gov/standards/alto/",
    "http://schema.ccs-gmbh.com/ALTO",
};

typedef struct alto_tag {
    char *id, *label, *type;
} alto_tag;

typedef struct alto_ctx {
    const char *name;
    bs_error *err;
    alto_tag *tags;
    size_t ntags, tags_cap;
    char **ro;           /* ReadingOrder references, in order */
    size_t nro, ro_cap;
    bs_page *page;       /* page being read */
    char **src_ids;      /* per region of page: source ID (owned) or NULL */
    char **src_next;     /* per region: source IDNEXT (owned) or NULL */
    size_t nsrc, src_cap;
} alto_ctx;

static void ctx_page_reset(alto_ctx *c)
{
    for (size_t i = 0; i < c->nsrc; i++) {
        free(c->src_ids[i]);
        free(c->src_next[i]);
    }
    c->nsrc = 0;
}

static void ctx_release(alto_ctx *c)
{
    ctx_page_reset(c);
    free(c->src_ids);
    free(c->src_next);
    for (size_t i = 0; i < c->ntags; i++) {
        free(c->tags[i].id);
        free(c->tags[i].label);
        free(c->tags[i].type);
    }
    free(c->tags);
    for (size_t i = 0; i < c->nro; i++)
        free(c->ro[i]);
    free(c->ro);
}

/* ---- numbers and boxes -------------------------------------------------- */

/* Read a required integer-valued attribute. */
static int need_coord(alto_ctx *c, const xmlNode *n, const char *attr, int *out)
{
    double v;
    int r = bs_xml_attr_num(n, attr, &v);
    if (r == 0)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s without %s (missing coordinates)",
                            c->name, bs_xml_line(n), (const char *)n->name, attr);
    if (r < 0 || fabs(v) > BS_IMPORT_MAX_COORD)
        return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: %s has a bad %s value", c->name,
                            bs_xml_line(n), (const char *)n->name, attr);
    *out = (int)lround(v);
    return 0;
}

static int read_box(alto_ctx *c, const xmlNode *n, bs_box *b)
{
    if (need_coord(c, n, "HPOS", &b->x) || need_coord(c, n, "VPOS", &b->y) ||
        need_coord(c, n, "WIDTH", &b->w) || need_coord(c, n, "HEIGHT", &b->h))
        return -1;
    return bs_import_check_box(b, c->page->width, c->page->height, c->name, bs_xml_line(n),
                               (const char *)n->name, c->err);
}

/* ---- header: tags and reading order ------------------------------------- */

static void read_tags(alto_ctx *c, const xmlNode *tags)
{
    for (xmlNode *t = bs_xml_first_child(tags); t; t = bs_xml_next_elem(t)) {
        char *id = bs_xml_attr(t, "ID");
        if (!id)
            continue;
        BS_ARRAY_GROW(c->tags, c->tags_cap, c->ntags + 1);
        alto_tag *tag = &c->tags[c->ntags++];
        tag->id = id;
        tag->label = bs_xml_attr(t, "LABEL");
        tag->type = bs_xml_attr(t, "TYPE");
    }
}

/* ElementRefs of ReadingOrder in document order (nested groups flatten
 * in place; an UnorderedGroup's members keep their document order). */
static void read_order(alto_ctx *c, const xmlNode *n)
{
    for (xmlNode *e = bs_xml_first_child(n); e; e = bs_xml_next_elem(e)) {
        if (bs_xml_is(e, "ElementRef")) {
            char *ref = bs_xml_attr(e, "REF");
            if (!ref)
                continue;
            /* REF is IDREFS: every listed ID in turn. */
            for (char *save = NULL, *tok = strtok_r(ref, " \t\n", &save); tok;
                 tok = strtok_r(NULL, " \t\n", &save)) {
                BS_ARRAY_GROW(c->ro, c->ro_cap, c->nro + 1);
                c->ro[c->nro++] = bs_xstrdup(tok);
            }
            free(ref);
        } else {
            read_order(c, e);
        }
    }
}

static bs_role role_from_tagrefs(alto_ctx *c, const xmlNode *n, bs_role dflt)
{
    char *refs = bs_xml_attr(n, "TAGREFS");
    bs_role role = BS_ROLE_UNKNOWN;
    if (refs) {
        for (char *save = NULL, *tok = strtok_r(refs, " \t\n", &save);
             tok && role == BS_ROLE_UNKNOWN; tok = strtok_r(NULL, " \t\n", &save))
            for (size_t i = 0; i < c->ntags; i++)
                if (strcmp(c->tags[i].id, tok) == 0 &&
                    !(c->tags[i].type && strcmp(c->tags[i].type, "article") == 0)) {
                    role = bs_import_role_from_label(c->tags[i].label);
                    break;
                }
        free(refs);
    }
    return role == BS_ROLE_UNKNOWN ? dflt : role;
}

/* ---- blocks ------------------------------------------------------------- */

static int read_line(alto_ctx *c, bs_region *r, const xmlNode *ln)
{
    bs_box lb;
    if (read_box(c, ln, &lb))
        return -1;
    bs_line *line = bs_region_add_line(r, NULL, lb, -1);
    size_t sp_cap = 0, nsp_elems = 0;
    unsigned char *sp = NULL;
    int pending_space = 0;
    for (xmlNode *e = bs_xml_first_child(ln); e; e = bs_xml_next_elem(e)) {
        if (bs_xml_is(e, "SP")) {
            pending_space = 1;
            nsp_elems++;
        } else if (bs_xml_is(e, "String")) {
            char *content = bs_xml_attr(e, "CONTENT");
            if (!content) {
                free(sp);
                return bs_error_set(c->err, BS_ERR_FORMAT, "%s:%ld: String without CONTENT",
                                    c->name, bs_xml_line(e));
            }
            bs_box wb;
            double wc = -1;
            int wr = bs_xml_attr_num(e, "WC", &wc);
            if (read_box(c, e, &wb) ||
                bs_import_check_text(content, c->name, bs_xml_line(e), c->err)) {
                free(content);
                free(sp);
                return -1;
            }
            if (wr < 0)
                wc = -1;
            else if (wr > 0)
                wc = wc < 0 ? 0 : wc > 1 ? 1 : wc;
            if (line->nwords > 0) {
                BS_ARRAY_GROW(sp, sp_cap, line->nwords);
                sp[line->nwords - 1] = (unsigned char)pending_space;
            }
            bs_line_add_word(line, content, wb, (float)wc);
            free(content);
            pending_space = 0;
        } else if (bs_xml_is(e, "HYP") && line->nwords > 0) {
            char *h = bs_xml_attr(e, "CONTENT");
            bs_word *w = &line->words[line->nwords - 1];
            bs_strbuf sb = BS_STRBUF_INIT;
            bs_strbuf_addstr(&sb, w->text ? w->text : "");
            bs_strbuf_addstr(&sb, h ? h : "-");
            free(w->text);
            w->text = bs_strbuf_detach(&sb);
            free(h);
        }
    }
    /* No SP anywhere in a multi-word line: the producer does not write
     * them, so guess spaces from the script instead of gluing words. */
    bs_import_line_text(line, nsp_elems || line->nwords < 2 ? sp : NULL);
    free(sp);
    return 0;
}

static void remember_source(alto_ctx *c, const xmlNode *n)
{
    BS_ARRAY_GROW(c->src_ids, c->src_cap, c->nsrc + 1);
    /* src_next grows in step with src_ids, to the same capacity. */
    c->src_next = bs_xrealloc(c->src_next, c->src_cap * sizeof(*c->src_next));
    c->src_ids[c->nsrc] = bs_xml_attr(n, "ID");
    c->src_next[c->nsrc] = bs_xml_attr(n, "IDNEXT");
    c->nsrc++;
}

static int read_block(alto_ctx *c, const xmlNode *n)
{
    bs_box b;
    if (read_box(c, n, &b))
        return -1;
    bs_role role;
    if (bs_xml_is(n, "Illustration"))
        role = BS_ROLE_PHOTO;
    else if (bs_xml_is(n, "GraphicalElement"))
        role = BS_ROLE_RULE;
    else
        role = role_from_tagrefs(c, n, BS_ROLE_BODY);
    bs_region *r = bs_page_add_region(c->page, role, b);
    remember_source(c, n);
    char *dir = bs_xml_attr(n, "BASEDIRECTION");
    if (dir && (strcmp(dir, "ttb") == 0 || strcmp(dir, "btt") == 0))
        r->direction = BS_DIR_VERTICAL_RL;
    free(dir);
    if (bs_xml_is(n, "TextBlock"))
        for (xmlNode *ln = bs_xml_first_child(n); ln; ln = bs_xml_next_elem(ln))
            if (bs_xml_is(ln, "TextLine") && read_line(c, r, ln) != 0)
                return -1;
    bs_import_finish_region(r);
    return 0;
}

/* Blocks below n in document order; ComposedBlocks are looked through. */
static int read_blocks(alto_ctx *c, const xmlNode *n)
{
    for (xmlNode *e = bs_xml_first_child(n); e; e = bs_xml_next_elem(e)) {
        if (bs_xml_is(e, "TextBlock") || bs_xml_is(e, "Illustration") ||
            bs_xml_is(e, "GraphicalElement")) {
            if (read_block(c, e))
                return -1;
        } else if (bs_xml_is(e, "ComposedBlock") || bs_xml_is(e, "PrintSpace") ||
                   bs_xml_is(e, "TopMargin") || bs_xml_is(e, "LeftMargin") ||
                   bs_xml_is(e, "RightMargin") || bs_xml_is(e, "BottomMargin")) {
            if (read_blocks(c, e))
                return -1;
        }
    }
    return 0;
}

static long source_index(const alto_ctx *c, const char *id)
{
    for (size_t i = 0; id && i < c->nsrc; i++)
        if (c->src_ids[i] && strcmp(c->src_ids[i], id) == 0)
            return (long)i;
    return -1;
}

/* Reading order and continuations, once all blocks of the page exist. */
static void resolve_page(alto_ctx *c)
{
    bs_page *p = c->page;
    int next = 0;
    if (c->nro) {
        for (size_t k = 0; k < c->nro; k++) {
            long i = source_index(c, c->ro[k]);
            if (i >= 0 && p->regions[i].order < 0)
                p->regions[i].order = next++;
        }
    }
    if (next == 0)
        for (size_t i = 0; i < p->nregions; i++)
            p->regions[i].order = (int)i;
    for (size_t i = 0; i < p->nregions; i++) {
        long j = source_index(c, c->src_next[i]);
        if (j >= 0 && (size_t)j != i)
            p->regions[i].next_id = bs_xstrdup(p->regions[j].id);
    }
}

static int read_page(alto_ctx *c, bs_issue *issue, const xmlNode *pg, int number,
                     const char *image)
{
    c->page = bs_issue_add_page(issue, number);
    ctx_page_reset(c);
    bs_page *p = c->page;
    double v;
    if (bs_xml_attr_num(pg, "WIDTH", &v) > 0 && v > 0 && v <= BS_IMPORT_MAX_COORD)
        p->width = (int)lround(v);
    if (bs_xml_attr_num(pg, "HEIGHT", &v) > 0 && v > 0 && v <= BS_IMPORT_MAX_COORD)
        p->height = (int)lround(v);
    p->label = bs_xml_attr(pg, "PRINTED_IMG_NR");
    p->image_path = bs_xstrdup(image);
    if (read_blocks(c, pg))
        return -1;
    bs_import_fit_page_size(p);
    resolve_page(c);
    return 0;
}

static int namespace_ok(const xmlNode *root)
{
    if (!root->ns || !root->ns->href)
        return 1;
    for (size_t i = 0; i < sizeof(alto_namespaces) / sizeof(alto_namespaces[0]); i++)
        if (strcmp((const char *)root->ns->href, alto_namespaces[i]) == 0)
            return 1;
    return 0;
}

int bs_alto_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                     bs_error *err)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    if (!bs_xml_is(root, "alto"))
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: root element is not <alto>", name,
                            bs_xml_line(root));
    if (!namespace_ok(root))
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: unknown ALTO namespace '%s'", name,
                            bs_xml_line(root), (const char *)root->ns->href);
    alto_ctx c;
    memset(&c, 0, sizeof(c));
    c.name = name;
    c.err = err;
    char *image = NULL;
    const xmlNode *layout = NULL;
    int rc = 0;
    for (xmlNode *e = bs_xml_first_child(root); e && rc == 0; e = bs_xml_next_elem(e)) {
        if (bs_xml_is(e, "Description")) {
            for (xmlNode *d = bs_xml_first_child(e); d; d = bs_xml_next_elem(d)) {
                if (bs_xml_is(d, "MeasurementUnit")) {
                    xmlChar *u = xmlNodeGetContent(d);
                    if (u && strcmp((const char *)u, "pixel") != 0)
                        rc = bs_error_set(err, BS_ERR_FORMAT,
                                          "%s:%ld: MeasurementUnit '%s' is not supported (only "
                                          "pixel)",
                                          name, bs_xml_line(d), (const char *)u);
                    xmlFree(u);
                } else if (bs_xml_is(d, "sourceImageInformation")) {
                    for (xmlNode *f = bs_xml_first_child(d); f; f = bs_xml_next_elem(f))
                        if (bs_xml_is(f, "fileName") && !image) {
                            xmlChar *fn = xmlNodeGetContent(f);
                            if (fn && *fn)
                                image = bs_xstrdup((const char *)fn);
                            xmlFree(fn);
                        }
                }
            }
        } else if (bs_xml_is(e, "Tags")) {
            read_tags(&c, e);
        } else if (bs_xml_is(e, "ReadingOrder")) {
            read_order(&c, e);
        } else if (bs_xml_is(e, "Layout")) {
            layout = e;
        }
    }
    if (rc == 0 && !layout)
        rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: no <Layout> element", name,
                          bs_xml_line(root));
    int number = first_number;
    for (xmlNode *pg = layout ? bs_xml_first_child(layout) : NULL; pg && rc == 0;
         pg = bs_xml_next_elem(pg))
        if (bs_xml_is(pg, "Page"))
            rc = read_page(&c, issue, pg, number++, image);
    free(image);
    ctx_release(&c);
    return rc;
}
