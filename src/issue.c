/*
 * issue.c - the issue model; see issue.h.
 */
#include "issue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

bs_issue *bs_issue_new(void)
{
    return bs_xcalloc(1, sizeof(bs_issue));
}

static void jump_release(bs_jump *j)
{
    free(j->out_text);
    free(j->in_text);
    free(j->out_region);
    free(j->in_region);
}

void bs_article_release(bs_article *a)
{
    free(a->id);
    free(a->kicker);
    free(a->title);
    free(a->deck);
    free(a->byline);
    free(a->jump_out_line);
    free(a->jump_out_region);
    free(a->jump_in_line);
    free(a->jump_in_region);
    free(a->cont_head);
    for (size_t i = 0; i < a->nparagraphs; i++)
        free(a->paragraphs[i]);
    free(a->paragraphs);
    for (size_t i = 0; i < a->ncaptions; i++)
        free(a->captions[i]);
    free(a->captions);
    for (size_t i = 0; i < a->nparts; i++) {
        for (size_t k = 0; k < a->parts[i].nregions; k++)
            free(a->parts[i].regions[k]);
        free(a->parts[i].regions);
    }
    free(a->parts);
    for (size_t i = 0; i < a->njumps; i++)
        jump_release(&a->jumps[i]);
    free(a->jumps);
    memset(a, 0, sizeof(*a));
}

void bs_issue_clear_articles(bs_issue *issue)
{
    for (size_t i = 0; i < issue->narticles; i++)
        bs_article_release(&issue->articles[i]);
    issue->narticles = 0;
    for (size_t p = 0; p < issue->npages; p++)
        for (size_t r = 0; r < issue->pages[p].nregions; r++)
            issue->pages[p].regions[r].article = -1;
}

void bs_issue_clear_unmatched(bs_issue *issue)
{
    for (size_t i = 0; i < issue->nunmatched; i++) {
        bs_unmatched_jump *u = &issue->unmatched[i];
        free(u->direction);
        free(u->text);
        free(u->region);
        free(u->reason);
    }
    issue->nunmatched = 0;
}

void bs_issue_free(bs_issue *issue)
{
    if (!issue)
        return;
    bs_issue_clear_articles(issue);
    free(issue->articles);
    for (size_t i = 0; i < issue->npages; i++)
        bs_page_release(&issue->pages[i]);
    free(issue->pages);
    bs_issue_clear_unmatched(issue);
    free(issue->unmatched);
    for (size_t i = 0; i < issue->nqc; i++) {
        free(issue->qc[i].kind);
        free(issue->qc[i].detail);
    }
    free(issue->qc);
    free(issue->id);
    free(issue->lang);
    free(issue);
}

bs_page *bs_issue_add_page(bs_issue *issue, int number)
{
    BS_ARRAY_GROW(issue->pages, issue->pages_cap, issue->npages + 1);
    bs_page *p = &issue->pages[issue->npages++];
    bs_page_init(p, number);
    return p;
}

bs_page *bs_issue_find_page(const bs_issue *issue, int number)
{
    for (size_t i = 0; i < issue->npages; i++)
        if (issue->pages[i].number == number)
            return &issue->pages[i];
    return NULL;
}

bs_article *bs_issue_add_article(bs_issue *issue)
{
    BS_ARRAY_GROW(issue->articles, issue->articles_cap, issue->narticles + 1);
    bs_article *a = &issue->articles[issue->narticles++];
    memset(a, 0, sizeof(*a));
    char id[32];
    snprintf(id, sizeof(id), "a%zu", issue->article_base + issue->narticles);
    a->id = bs_xstrdup(id);
    a->confidence = -1;
    return a;
}

bs_unmatched_jump *bs_issue_add_unmatched_jump(bs_issue *issue, int page, const char *direction,
                                               const char *text, const char *region,
                                               int target_page, const char *reason)
{
    BS_ARRAY_GROW(issue->unmatched, issue->unmatched_cap, issue->nunmatched + 1);
    bs_unmatched_jump *u = &issue->unmatched[issue->nunmatched++];
    u->page = page;
    u->direction = bs_xstrdup(direction);
    u->text = bs_xstrdup(text);
    u->region = bs_xstrdup(region);
    u->target_page = target_page;
    u->reason = bs_xstrdup(reason);
    return u;
}

void bs_issue_add_qc(bs_issue *issue, const char *kind, int page, const char *fmt, ...)
{
    BS_ARRAY_GROW(issue->qc, issue->qc_cap, issue->nqc + 1);
    bs_qc_event *e = &issue->qc[issue->nqc++];
    bs_strbuf sb = BS_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bs_strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    e->kind = bs_xstrdup(kind);
    e->page = page;
    e->detail = bs_strbuf_detach(&sb);
}

static void push_string(char ***arr, size_t *n, size_t *cap, const char *text)
{
    BS_ARRAY_GROW(*arr, *cap, *n + 1);
    (*arr)[(*n)++] = bs_xstrdup(text ? text : "");
}

void bs_article_add_paragraph(bs_article *a, const char *text)
{
    push_string(&a->paragraphs, &a->nparagraphs, &a->paragraphs_cap, text);
}

void bs_article_add_caption(bs_article *a, const char *text)
{
    push_string(&a->captions, &a->ncaptions, &a->captions_cap, text);
}

void bs_article_add_region(bs_article *a, int page, const char *region_id)
{
    if (a->nparts == 0 || a->parts[a->nparts - 1].page != page) {
        BS_ARRAY_GROW(a->parts, a->parts_cap, a->nparts + 1);
        bs_article_part *p = &a->parts[a->nparts++];
        memset(p, 0, sizeof(*p));
        p->page = page;
    }
    bs_article_part *p = &a->parts[a->nparts - 1];
    push_string(&p->regions, &p->nregions, &p->regions_cap, region_id);
}

bs_jump *bs_article_add_jump(bs_article *a, int from_page, int to_page, const char *out_text,
                             const char *in_text)
{
    BS_ARRAY_GROW(a->jumps, a->jumps_cap, a->njumps + 1);
    bs_jump *j = &a->jumps[a->njumps++];
    memset(j, 0, sizeof(*j));
    j->from_page = from_page;
    j->to_page = to_page;
    j->out_text = bs_xstrdup(out_text);
    j->in_text = bs_xstrdup(in_text);
    j->score = -1;
    return j;
}

void bs_article_set(char **field, const char *text)
{
    char *copy = bs_xstrdup(text);
    free(*field);
    *field = copy;
}

char *bs_article_text(const bs_article *a)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (size_t i = 0; i < a->nparagraphs; i++) {
        if (i)
            bs_strbuf_addch(&sb, '\n');
        bs_strbuf_addstr(&sb, a->paragraphs[i]);
    }
    return bs_strbuf_detach(&sb);
}

size_t bs_article_pages(const bs_article *a, int *pages, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nparts; i++) {
        int pg = a->parts[i].page;
        size_t k = 0;
        while (k < n && pages[k] < pg)
            k++;
        if (k < n && pages[k] == pg)
            continue;
        if (n == max)
            continue;
        memmove(pages + k + 1, pages + k, (n - k) * sizeof(int));
        pages[k] = pg;
        n++;
    }
    return n;
}
