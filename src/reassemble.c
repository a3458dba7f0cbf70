/*
 * reassemble.c - regions of a page to articles; see reassemble.h.
 *
 * This file only sequences the steps and reports to QC; each step's
 * method is described in its own header.
 */
#include "reassemble.h"

#include <stdlib.h>
#include <string.h>

#include "article_build.h"
#include "region_text.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* A region covering more than this share of the page area and holding
 * more than this share of its text is "one giant region": layout analysis
 * failed, and the page's articles are a guess. */
#define REASM_GIANT_AREA 0.6
#define REASM_GIANT_TEXT 0.8
/* QC details list region ids in up to this many bytes. */
#define REASM_QC_IDS 256
/* QC details quote this many characters of a removed paragraph. */
#define REASM_QUOTE_CHARS 24

bs_reassemble_options bs_reassemble_options_default(void)
{
    bs_reassemble_options o;
    memset(&o, 0, sizeof(o));
    o.split = bs_column_split_options_default();
    o.textnorm = bs_textnorm_options_default();
    o.roles = bs_region_role_options_default();
    o.order = bs_reading_order_options_default();
    o.build = bs_article_build_options_default();
    o.dedup = bs_dedup_options_default();
    return o;
}

/* Most text lines run top to bottom, columns right to left. */
static int mostly_vertical(const bs_page *page)
{
    size_t v = 0, h = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        const bs_region *r = &page->regions[i];
        if (!bs_role_is_text(r->role))
            continue;
        if (r->direction == BS_DIR_VERTICAL_RL)
            v += r->nlines;
        else
            h += r->nlines;
    }
    return v > h;
}

/* The first n characters of s, for QC messages (caller frees). */
static char *quote(const char *s, size_t n)
{
    size_t i = 0, k = 0, len = strlen(s);
    while (i < len && k < n) {
        uint32_t c;
        size_t step = bs_utf8_decode_one(s + i, len - i, &c);
        i += step ? step : 1;
        k++;
    }
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_add(&sb, s, i);
    if (i < len)
        bs_strbuf_addstr(&sb, "...");
    return bs_strbuf_detach(&sb);
}

static void note_input(bs_issue *issue, const bs_page *page, const bs_page_text *pt)
{
    size_t text_regions = 0, empty = 0, chars = 0;
    for (size_t i = 0; i < pt->n; i++) {
        const bs_rtext *rt = &pt->r[i];
        if (!bs_role_is_text(rt->role))
            continue;
        text_regions++;
        chars += rt->nchars;
        if (rt->nchars == 0)
            empty++;
    }
    if (chars == 0) {
        bs_issue_add_qc(issue, "no_text", page->number,
                        "page %d: %zu regions, no text in any of them", page->number, pt->n);
        return;
    }
    if (empty)
        bs_issue_add_qc(issue, "region_no_text", page->number,
                        "page %d: %zu of %zu text regions hold no text", page->number, empty,
                        text_regions);
    double area = (double)page->width * page->height;
    for (size_t i = 0; i < pt->n && area > 0; i++) {
        const bs_rtext *rt = &pt->r[i];
        if (bs_role_is_text(rt->role) && (double)rt->box.w * rt->box.h > REASM_GIANT_AREA * area
            && rt->nchars > REASM_GIANT_TEXT * chars)
            bs_issue_add_qc(issue, "giant_region", page->number,
                            "page %d: region %s covers most of the page and holds %zu of %zu "
                            "characters; article boundaries are guesses",
                            page->number, rt->region->id, rt->nchars, chars);
    }
}

typedef struct item_ref {
    size_t draft, para; /* para == SIZE_MAX: the title */
} item_ref;

static int cmp_size_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x < y) - (x > y);
}

static void remove_duplicates(bs_issue *issue, const bs_page *page, bs_page_text *pt,
                              bs_draft_list *dl, const bs_dedup_options *opt)
{
    size_t n = 0;
    for (size_t k = 0; k < dl->n; k++)
        n += dl->d[k].a.nparagraphs + (dl->d[k].a.title ? 1 : 0);
    if (n < 2)
        return;
    bs_dedup_item *items = bs_xcalloc(n, sizeof(*items));
    item_ref *refs = bs_xcalloc(n, sizeof(*refs));
    size_t m = 0;
    for (size_t k = 0; k < dl->n; k++) {
        bs_draft *d = &dl->d[k];
        if (d->a.title) {
            items[m] = (bs_dedup_item){d->a.title, (int)k, SIZE_MAX, {0, 0, 0, 0}, 1};
            refs[m++] = (item_ref){k, SIZE_MAX};
        }
        for (size_t p = 0; p < d->a.nparagraphs; p++) {
            size_t r = d->para_region[p];
            items[m] = (bs_dedup_item){d->a.paragraphs[p], (int)k, r, pt->r[r].region->box, 0};
            refs[m++] = (item_ref){k, p};
        }
    }
    bs_dedup_hit *hits = NULL;
    size_t nh = bs_dedup_find(items, m, opt, &hits);
    for (size_t h = 0; h < nh; h++) {
        const bs_dedup_item *gone = &items[hits[h].removed], *kept = &items[hits[h].kept];
        char *q = quote(gone->text, REASM_QUOTE_CHARS);
        bs_issue_add_qc(issue, "duplicate_removed", page->number,
                        "%s in region %s at [%d,%d,%d,%d] duplicates region %s at [%d,%d,%d,%d]; "
                        "kept there: \"%s\"",
                        hits[h].fragment ? "fragment" : "paragraph", pt->r[gone->region].region->id,
                        gone->box.x, gone->box.y, gone->box.w, gone->box.h,
                        pt->r[kept->region].region->id, kept->box.x, kept->box.y, kept->box.w,
                        kept->box.h, q);
        free(q);
    }
    /* Remove from the back of each draft so indexes stay valid. */
    for (size_t k = 0; k < dl->n; k++) {
        size_t *del = bs_xmalloc((nh ? nh : 1) * sizeof(*del));
        size_t nd = 0;
        for (size_t h = 0; h < nh; h++)
            if (refs[hits[h].removed].draft == k)
                del[nd++] = refs[hits[h].removed].para;
        qsort(del, nd, sizeof(*del), cmp_size_desc);
        for (size_t i = 0; i < nd; i++)
            bs_draft_remove_paragraph(&dl->d[k], del[i]);
        free(del);
    }
    free(hits);
    free(items);
    free(refs);
}

/* Whether issue already holds a QC event of this kind for page. */
static int has_qc(const bs_issue *issue, const char *kind, int page)
{
    for (size_t q = 0; q < issue->nqc; q++)
        if (issue->qc[q].page == page && strcmp(issue->qc[q].kind, kind) == 0)
            return 1;
    return 0;
}

int bs_reassemble_check_issue(const bs_issue *issue, bs_error *err)
{
    for (size_t p = 0; p < issue->npages; p++) {
        const bs_page *pg = &issue->pages[p];
        if (pg->nregions && (pg->width <= 0 || pg->height <= 0))
            return bs_error_set(err, BS_ERR_FORMAT,
                                "page %d has no coordinates (written by reflow?); "
                                "run `broadsheet reflow` on the text instead",
                                pg->number);
    }
    return 0;
}

void bs_reassemble_page(bs_issue *issue, bs_page *page, const bs_reassemble_options *opt)
{
    bs_reassemble_options def = bs_reassemble_options_default();
    if (!opt)
        opt = &def;
    if (page->nregions == 0) {
        /* Once per page: OCR may have said so already, and an issue read
         * back from issue.json carries the event of its first pass. */
        if (!page->error && !has_qc(issue, "empty_page", page->number))
            bs_issue_add_qc(issue, "empty_page", page->number, "page %d: no regions", page->number);
        return;
    }
    if (!opt->no_column_split) {
        char ids[REASM_QC_IDS];
        size_t k = bs_column_split_page(page, &opt->split, ids, sizeof(ids));
        if (k)
            bs_issue_add_qc(issue, "region_split", page->number,
                            "page %d: %zu region(s) ran across a column gutter and were split: %s",
                            page->number, k, ids);
    }
    int rtl = opt->order.right_to_left || mostly_vertical(page);
    bs_page_text pt;
    bs_page_text_init(&pt, page, &opt->textnorm, rtl);
    note_input(issue, page, &pt);
    bs_region_roles(&pt, &opt->roles);

    /* Boxes are already mirrored for right-to-left pages. */
    bs_reading_order_options ro = opt->order;
    ro.right_to_left = 0;
    ro.rules_in_order = ro.rules_in_order || rtl;
    bs_box *boxes = bs_xmalloc(pt.n * sizeof(*boxes));
    size_t *order = bs_xmalloc(pt.n * sizeof(*order));
    unsigned char *opens = bs_xmalloc(pt.n ? pt.n : 1);
    for (size_t i = 0; i < pt.n; i++) {
        boxes[i] = pt.r[i].box;
        opens[i] = pt.r[i].role == BS_ROLE_HEADLINE;
    }
    ro.opens_story = opens;
    int fallback = bs_reading_order(boxes, pt.n, 0, &ro, order);
    free(opens);
    for (size_t k = 0; k < pt.n; k++)
        page->regions[order[k]].order = (int)k;
    free(boxes);
    free(order);
    if (fallback && !ro.force_xycut)
        bs_issue_add_qc(issue, "reading_order", page->number,
                        "page %d: regions overlap so that the column order is cyclic; "
                        "XY-cut order used",
                        page->number);

    bs_page_text_paragraphs(&pt, &opt->build.para);
    bs_article_build_options bo = opt->build;
    bo.reading_order_fallback = fallback;
    bs_draft_list drafts;
    bs_article_build(&pt, &bo, issue, &drafts);
    if (!opt->no_dedup)
        remove_duplicates(issue, page, &pt, &drafts, &opt->dedup);
    for (size_t i = 0; i < pt.n; i++)
        page->regions[i].role = pt.r[i].role;
    size_t first = issue->narticles;
    size_t added = bs_draft_commit(&drafts, &pt, issue);
    size_t titled = 0;
    for (size_t k = first; k < issue->narticles; k++)
        titled += issue->articles[k].title != NULL;
    if (added && !titled)
        bs_issue_add_qc(issue, "no_headline", page->number,
                        "page %d: no headline found; %zu article(s) grouped by position only",
                        page->number, added);
    bs_page_text_release(&pt);
}
