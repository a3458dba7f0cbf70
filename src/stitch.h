/*
 * stitch.h - jump-continued stories joined into complete articles.
 *
 * Public functions:
 *     bs_stitch_options_default, bs_stitch_issue
 */
#ifndef BS_STITCH_H
#define BS_STITCH_H

#include "issue.h"

typedef struct bs_stitch_options {
    int reserved;
} bs_stitch_options;

bs_stitch_options bs_stitch_options_default(void);

/* Match the jump-out and jump-in lines of issue's articles across pages and
 * merge each continued story into one article; unmatched jump lines go to
 * issue->unmatched with the reason. */
void bs_stitch_issue(bs_issue *issue, const bs_stitch_options *opt);

#endif
