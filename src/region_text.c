/*
 * region_text.c - normalised per-region view of a page; see region_text.h.
 */
#include "region_text.h"

#include <stdlib.h>
#include <string.h>

#include "line_kind.h"
#include "strbuf.h"
#include "xalloc.h"

/* A horizontal rule is at least this many times wider than tall; shorter
 * marks are ornaments or vertical column rules. */
#define RTEXT_RULE_ASPECT 3

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static float median_float(float *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof(*v), cmp_float);
    return v[n / 2];
}

/* Height of a line across its text direction. */
static float line_size(const bs_region *r, const bs_line *l)
{
    return (float)(r->direction == BS_DIR_VERTICAL_RL ? l->box.w : l->box.h);
}

void bs_page_text_init(bs_page_text *pt, bs_page *page, const bs_textnorm_options *opt,
                       int right_to_left)
{
    memset(pt, 0, sizeof(*pt));
    pt->page = page;
    pt->right_to_left = right_to_left;
    pt->n = page->nregions;
    pt->r = bs_xcalloc(pt->n ? pt->n : 1, sizeof(*pt->r));
    bs_textnorm_options spaced_opt = opt ? *opt : bs_textnorm_options_default();
    spaced_opt.cjk_remove_space = 0;

    int width = page->width;
    for (size_t i = 0; i < pt->n; i++) {
        const bs_box *b = &page->regions[i].box;
        if (b->x + b->w > width)
            width = b->x + b->w;
    }
    size_t total_lines = 0;
    for (size_t i = 0; i < pt->n; i++)
        total_lines += page->regions[i].nlines;
    float *body = bs_xmalloc((total_lines ? total_lines : 1) * sizeof(*body));
    float *all = bs_xmalloc((total_lines ? total_lines : 1) * sizeof(*all));
    size_t nbody = 0, nall = 0;

    pt->content_left = width;
    pt->content_right = 0;
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        bs_region *reg = &page->regions[i];
        rt->region = reg;
        rt->role = reg->role;
        rt->box = reg->box;
        if (right_to_left)
            rt->box.x = width - reg->box.x - reg->box.w;
        if (rt->box.x < pt->content_left)
            pt->content_left = rt->box.x;
        if (rt->box.x + rt->box.w > pt->content_right)
            pt->content_right = rt->box.x + rt->box.w;
        rt->nlines = reg->nlines;
        rt->norm = bs_xcalloc(rt->nlines ? rt->nlines : 1, sizeof(char *));
        rt->spaced = bs_xcalloc(rt->nlines ? rt->nlines : 1, sizeof(char *));
        rt->kind = bs_xcalloc(rt->nlines ? rt->nlines : 1, sizeof(bs_line_kind));
        float *h = bs_xmalloc((rt->nlines ? rt->nlines : 1) * sizeof(*h));
        size_t nh = 0;
        for (size_t l = 0; l < rt->nlines; l++) {
            rt->norm[l] = bs_textnorm_line(reg->lines[l].text, opt);
            rt->spaced[l] = bs_textnorm_line(reg->lines[l].text, &spaced_opt);
            if (!rt->norm[l][0]) {
                rt->kind[l] = BS_LINE_EMPTY;
                continue;
            }
            rt->nchars += bs_text_length(rt->norm[l]);
            float s = line_size(reg, &reg->lines[l]);
            if (s > 0) {
                h[nh++] = s;
                all[nall++] = s;
                if (reg->role == BS_ROLE_BODY || reg->role == BS_ROLE_UNKNOWN)
                    body[nbody++] = s;
            }
        }
        rt->line_height = median_float(h, nh);
        free(h);
    }
    if (pt->content_right < pt->content_left)
        pt->content_left = pt->content_right = 0;
    pt->body_height = nbody ? median_float(body, nbody) : median_float(all, nall);
    free(body);
    free(all);
}

void bs_page_text_release(bs_page_text *pt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        for (size_t l = 0; l < rt->nlines; l++) {
            free(rt->norm[l]);
            free(rt->spaced[l]);
        }
        free(rt->norm);
        free(rt->spaced);
        free(rt->kind);
        bs_para_list_release(&rt->paras);
    }
    free(pt->r);
    memset(pt, 0, sizeof(*pt));
}

void bs_page_text_paragraphs(bs_page_text *pt, const bs_paragraph_options *opt)
{
    for (size_t i = 0; i < pt->n; i++) {
        bs_rtext *rt = &pt->r[i];
        bs_para_list_release(&rt->paras);
        if (!bs_role_is_text(rt->role) || rt->nlines == 0)
            continue;
        const bs_region *reg = rt->region;
        bs_para_line *pl = bs_xmalloc(rt->nlines * sizeof(*pl));
        for (size_t l = 0; l < rt->nlines; l++) {
            bs_box b = reg->lines[l].box;
            if (reg->direction == BS_DIR_VERTICAL_RL) {
                /* Rotate: top to bottom becomes left to right, columns
                 * stacked right to left become lines stacked downwards. */
                bs_box v = {b.y, reg->box.x + reg->box.w - b.x - b.w, b.h, b.w};
                b = v;
            }
            pl[l].box = b;
            pl[l].text = rt->kind[l] == BS_LINE_TEXT ? rt->norm[l] : "";
        }
        bs_paragraph_split(pl, rt->nlines, opt, &rt->paras);
        free(pl);
    }
}

char *bs_rtext_joined(const bs_rtext *rt, bs_line_kind kind, int spaced,
                      const bs_paragraph_options *opt)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t l = 0; l < rt->nlines; l++)
        if (rt->kind[l] == kind)
            bs_paragraph_join(&sb, spaced ? rt->spaced[l] : rt->norm[l], opt);
    return bs_strbuf_detach(&sb);
}

void bs_page_text_sort(const bs_page_text *pt, size_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i];
        size_t j = i;
        while (j > 0 && pt->r[v[j - 1]].region->order > pt->r[x].region->order) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

int bs_rtext_is_hrule(const bs_rtext *rt)
{
    return rt->role == BS_ROLE_RULE && rt->box.w >= RTEXT_RULE_ASPECT * rt->box.h;
}

int bs_rtext_opens_with_jump_in(const bs_rtext *rt)
{
    if (rt->role == BS_ROLE_JUMP_IN)
        return 1;
    for (size_t l = 0; l < rt->nlines; l++)
        if (rt->kind[l] != BS_LINE_EMPTY)
            return rt->kind[l] == BS_LINE_JUMP_IN;
    return 0;
}

int bs_rtext_ends_with_jump_out(const bs_rtext *rt)
{
    if (rt->role == BS_ROLE_JUMP_OUT)
        return 1;
    for (size_t l = rt->nlines; l > 0; l--)
        if (rt->kind[l - 1] != BS_LINE_EMPTY)
            return rt->kind[l - 1] == BS_LINE_JUMP_OUT;
    return 0;
}

const char *bs_line_kind_name(bs_line_kind kind)
{
    switch (kind) {
    case BS_LINE_TEXT:
        return "text";
    case BS_LINE_EMPTY:
        return "empty";
    case BS_LINE_JUMP_OUT:
        return "jump_out";
    case BS_LINE_JUMP_IN:
        return "jump_in";
    case BS_LINE_BYLINE:
        return "byline";
    }
    return "unknown";
}
