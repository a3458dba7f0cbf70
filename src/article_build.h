/*
 * article_build.h - the regions of a page grouped into articles.
 *
 * Public functions:
 *     bs_article_build_options_default, bs_article_build,
 *     bs_draft_remove_paragraph, bs_draft_list_release, bs_draft_commit
 *
 * Which regions belong to which headline is territory.h's question; this
 * module turns the answer into articles.
 *
 * Text without a headline above it (briefs, the top of a continued story
 * on an inside page) is grouped in reading order: consecutive regions stay
 * together until a rule, a wide white gap in the same column, a byline or
 * jump-in line that opens a new item, or text owned by a headline comes
 * between.  Captions and photos nobody owns go to the nearest article.
 *
 * Each article then reads its regions in reading order: title, kicker,
 * deck and byline fields from their regions; bylines also from the first
 * lines of the body and from the formula at the start of the first
 * paragraph ("本报讯(记者 陈立)"); paragraphs from the body regions, a
 * paragraph cut by a column break joined with its rest (paragraph.h);
 * caption and credit paragraphs moved to the captions; jump lines to
 * jump_out_line / jump_in_line, which also make the article a continuation
 * part, with its (repeated) headline as cont_head.  Page furniture,
 * section labels, adverts and rules never enter an article.
 *
 * The result is a list of drafts (articles not yet in the issue, with the
 * region each paragraph came from, for duplicate removal), committed to
 * the issue in reading order by bs_draft_commit.
 */
#ifndef BS_ARTICLE_BUILD_H
#define BS_ARTICLE_BUILD_H

#include <stddef.h>

#include "issue.h"
#include "paragraph.h"
#include "region_text.h"

typedef struct bs_article_build_options {
    bs_paragraph_options para;  /* joins across column breaks */
    double brief_gap_lines;     /* white gap (body lines) separating briefs */
    int reading_order_fallback; /* the page needed the XY-cut fallback */
} bs_article_build_options;

bs_article_build_options bs_article_build_options_default(void);

typedef struct bs_draft {
    bs_article a;        /* the article; id NULL until committed */
    size_t *para_region; /* owned, per paragraph: region index it starts in */
    size_t para_region_cap;
    size_t *regions; /* owned, region indexes used, reading order */
    size_t nregions, regions_cap;
    int first_order; /* reading order of its first region */
    size_t joins;    /* paragraphs joined across blocks */
    int opens_mid;   /* its text starts inside a paragraph */
    int ends_mid;    /* its text stops inside a paragraph */
} bs_draft;

typedef struct bs_draft_list {
    bs_draft *d; /* owned */
    size_t n, cap;
} bs_draft_list;

/* Build the articles of pt (roles refined, paragraphs split, regions'
 * order fields set) into out (zeroed).  Repairs worth a QC event (joins)
 * are reported through issue with page pt->page->number. */
void bs_article_build(bs_page_text *pt, const bs_article_build_options *opt, bs_issue *issue,
                      bs_draft_list *out);

/* Remove paragraph k of d. */
void bs_draft_remove_paragraph(bs_draft *d, size_t k);

void bs_draft_list_release(bs_draft_list *l);

/* Append the non-empty drafts of l to issue in reading order (moving
 * their contents; l is left empty) and point the page's regions at their
 * articles.  Returns the number of articles added. */
size_t bs_draft_commit(bs_draft_list *l, bs_page_text *pt, bs_issue *issue);

#endif
