/*
 * reassemble.c - regions of a page to articles; see reassemble.h.
 *
 * Walking skeleton: regions in the order found, each text region one
 * article whose lines are its paragraphs.
 */
#include "reassemble.h"

bs_reassemble_options bs_reassemble_options_default(void)
{
    bs_reassemble_options o = {0};
    return o;
}

void bs_reassemble_page(bs_issue *issue, bs_page *page, const bs_reassemble_options *opt)
{
    (void)opt;
    for (size_t r = 0; r < page->nregions; r++) {
        bs_region *reg = &page->regions[r];
        reg->order = (int)r;
        if (!bs_role_is_text(reg->role) || reg->nlines == 0)
            continue;
        bs_article *a = bs_issue_add_article(issue);
        reg->article = (int)(issue->narticles - 1);
        for (size_t l = 0; l < reg->nlines; l++)
            if (reg->lines[l].text[0])
                bs_article_add_paragraph(a, reg->lines[l].text);
        bs_article_add_region(a, page->number, reg->id);
        a->confidence = reg->conf;
    }
}
