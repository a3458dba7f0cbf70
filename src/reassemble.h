/*
 * reassemble.h - the regions of one page to the articles a reader sees.
 *
 * Public functions:
 *     bs_reassemble_options_default, bs_reassemble_page
 */
#ifndef BS_REASSEMBLE_H
#define BS_REASSEMBLE_H

#include "issue.h"

typedef struct bs_reassemble_options {
    int reserved;
} bs_reassemble_options;

bs_reassemble_options bs_reassemble_options_default(void);

/* Set the reading order and roles of page's regions and append the page's
 * articles to issue (regions' article indexes point into issue->articles).
 * page must be one of issue->pages. */
void bs_reassemble_page(bs_issue *issue, bs_page *page, const bs_reassemble_options *opt);

#endif
