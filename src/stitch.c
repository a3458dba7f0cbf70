/*
 * stitch.c - jump-continued stories joined; see stitch.h.
 *
 * Walking skeleton: no stitching yet.
 */
#include "stitch.h"

bs_stitch_options bs_stitch_options_default(void)
{
    bs_stitch_options o = {0};
    return o;
}

void bs_stitch_issue(bs_issue *issue, const bs_stitch_options *opt)
{
    (void)issue;
    (void)opt;
}
