/*
 * page.c - the page model; see page.h.
 */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const role_names[BS_ROLE_COUNT] = {
    [BS_ROLE_UNKNOWN] = "unknown",
    [BS_ROLE_BODY] = "body",
    [BS_ROLE_HEADLINE] = "headline",
    [BS_ROLE_KICKER] = "kicker",
    [BS_ROLE_DECK] = "deck",
    [BS_ROLE_BYLINE] = "byline",
    [BS_ROLE_CAPTION] = "caption",
    [BS_ROLE_PHOTO] = "photo",
    [BS_ROLE_RULE] = "rule",
    [BS_ROLE_JUMP_OUT] = "jump_out",
    [BS_ROLE_JUMP_IN] = "jump_in",
    [BS_ROLE_CONT_HEAD] = "continuation_head",
    [BS_ROLE_MASTHEAD] = "masthead",
    [BS_ROLE_DATELINE] = "dateline",
    [BS_ROLE_RUNNING_HEAD] = "running_head",
    [BS_ROLE_FOLIO] = "folio",
    [BS_ROLE_SECTION] = "section",
    [BS_ROLE_ADVERT] = "advert",
};

static const char *const stage_names[BS_STAGE_COUNT] = {
    "load", "preprocess", "layout", "ocr", "reassembly", "stitching", "output",
};

const char *bs_stage_name(bs_stage s)
{
    return (unsigned)s < BS_STAGE_COUNT ? stage_names[s] : "unknown";
}

const char *bs_role_name(bs_role role)
{
    return (unsigned)role < BS_ROLE_COUNT ? role_names[role] : "unknown";
}

bs_role bs_role_from_name(const char *name)
{
    if (name)
        for (int r = 0; r < BS_ROLE_COUNT; r++)
            if (strcmp(role_names[r], name) == 0)
                return (bs_role)r;
    return BS_ROLE_UNKNOWN;
}

int bs_role_is_text(bs_role role)
{
    return role != BS_ROLE_PHOTO && role != BS_ROLE_RULE;
}

void bs_page_init(bs_page *page, int number)
{
    memset(page, 0, sizeof(*page));
    page->number = number;
}

void bs_line_release(bs_line *line)
{
    for (size_t i = 0; i < line->nwords; i++)
        free(line->words[i].text);
    free(line->words);
    free(line->text);
    memset(line, 0, sizeof(*line));
}

void bs_region_release(bs_region *region)
{
    for (size_t i = 0; i < region->nlines; i++)
        bs_line_release(&region->lines[i]);
    free(region->lines);
    free(region->next_id);
    memset(region, 0, sizeof(*region));
}

void bs_page_release(bs_page *page)
{
    for (size_t i = 0; i < page->nregions; i++)
        bs_region_release(&page->regions[i]);
    free(page->regions);
    free(page->label);
    free(page->image_path);
    free(page->lang);
    free(page->error);
    memset(page, 0, sizeof(*page));
}

bs_region *bs_page_add_region(bs_page *page, bs_role role, bs_box box)
{
    BS_ARRAY_GROW(page->regions, page->regions_cap, page->nregions + 1);
    bs_region *r = &page->regions[page->nregions++];
    memset(r, 0, sizeof(*r));
    snprintf(r->id, sizeof(r->id), "p%dr%zu", page->number, page->nregions);
    r->role = role;
    r->box = box;
    r->order = -1;
    r->conf = -1;
    r->column = -1;
    r->columns_spanned = 1;
    r->article = -1;
    return r;
}

size_t *bs_page_regions_in_order(const bs_page *page)
{
    size_t n = page->nregions;
    bs_keyed *keys = bs_xcalloc(n ? n : 1, sizeof(*keys));
    for (size_t i = 0; i < n; i++)
        keys[i] = (bs_keyed){page->regions[i].order >= 0 ? page->regions[i].order : INT64_MAX, i};
    qsort(keys, n, sizeof(*keys), bs_cmp_keyed);
    size_t *out = bs_xcalloc(n ? n : 1, sizeof(*out));
    for (size_t i = 0; i < n; i++)
        out[i] = keys[i].index;
    free(keys);
    return out;
}

bs_region *bs_page_find_region(const bs_page *page, const char *id)
{
    for (size_t i = 0; i < page->nregions; i++)
        if (strcmp(page->regions[i].id, id) == 0)
            return &page->regions[i];
    return NULL;
}

bs_line *bs_region_add_line(bs_region *region, const char *text, bs_box box, float conf)
{
    BS_ARRAY_GROW(region->lines, region->lines_cap, region->nlines + 1);
    bs_line *l = &region->lines[region->nlines++];
    memset(l, 0, sizeof(*l));
    l->text = bs_xstrdup(text ? text : "");
    l->box = box;
    l->conf = conf;
    return l;
}

char *bs_region_text(const bs_region *region)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t i = 0; i < region->nlines; i++) {
        if (i)
            bs_strbuf_addch(&sb, '\n');
        bs_strbuf_addstr(&sb, region->lines[i].text);
    }
    return bs_strbuf_detach(&sb);
}

bs_word *bs_line_add_word(bs_line *line, const char *text, bs_box box, float conf)
{
    BS_ARRAY_GROW(line->words, line->words_cap, line->nwords + 1);
    bs_word *w = &line->words[line->nwords++];
    w->text = bs_xstrdup(text ? text : "");
    w->box = box;
    w->conf = conf;
    return w;
}

void bs_line_set_text(bs_line *line, const char *text)
{
    char *copy = bs_xstrdup(text ? text : "");
    free(line->text);
    line->text = copy;
}

int bs_box_empty(bs_box b)
{
    return b.w <= 0 || b.h <= 0;
}

bs_box bs_box_union(bs_box a, bs_box b)
{
    if (bs_box_empty(a))
        return b;
    if (bs_box_empty(b))
        return a;
    int x0 = a.x < b.x ? a.x : b.x;
    int y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (bs_box){x0, y0, x1 - x0, y1 - y0};
}

long bs_box_overlap_area(bs_box a, bs_box b)
{
    int x0 = a.x > b.x ? a.x : b.x;
    int y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    if (x1 <= x0 || y1 <= y0)
        return 0;
    return (long)(x1 - x0) * (y1 - y0);
}
