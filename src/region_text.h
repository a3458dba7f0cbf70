/*
 * region_text.h - the regions of one page as reassembly sees them.
 *
 * Public functions:
 *     bs_page_text_init, bs_page_text_release, bs_page_text_paragraphs,
 *     bs_page_text_sort, bs_rtext_joined, bs_rtext_is_hrule,
 *     bs_rtext_opens_with_jump_in, bs_rtext_ends_with_jump_out,
 *     bs_line_kind_name, bs_box_right, bs_box_bottom, bs_span_overlap
 *
 * Reassembly reads every line many times (role tests, jump lines,
 * bylines, paragraphs, duplicates), always in normalised form, and keeps
 * per-region working facts (refined role, line height, which lines are
 * jump lines or bylines, paragraphs) that do not belong in the shared page
 * model.  bs_page_text holds them beside the page, one bs_rtext per
 * region, built once per page:
 *
 *   - each line normalised twice: fully (textnorm.h: what goes into
 *     article bodies and what is compared) and with spaces kept, for the
 *     short fields a reader sees as set (bylines: "本报记者 韩青").
 *   - the median line height of each region and the body text height of
 *     the page (median over the lines of body regions), the yardstick of
 *     every size test.
 *   - boxes in reading coordinates: mirrored in x on right-to-left pages,
 *     so that every geometric rule downstream is written once, for
 *     left-to-right pages.
 *
 * Ownership: a bs_page_text owns its bs_rtext array and their strings and
 * paragraphs; it points at (does not own) the page and its regions, which
 * must outlive it and must not gain regions meanwhile.
 */
#ifndef BS_REGION_TEXT_H
#define BS_REGION_TEXT_H

#include <stddef.h>

#include "page.h"
#include "paragraph.h"
#include "textnorm.h"

/* What a line of a text region is, beyond being text. */
typedef enum bs_line_kind {
    BS_LINE_TEXT = 0,
    BS_LINE_EMPTY,    /* nothing left after normalisation */
    BS_LINE_JUMP_OUT, /* "(下转第二版)" at the end of a part */
    BS_LINE_JUMP_IN,  /* "(上接第一版)" at the start of a part */
    BS_LINE_BYLINE,   /* "本报记者 韩青" on its own line */
} bs_line_kind;

typedef struct bs_rtext {
    bs_region *region;  /* the page's region (not owned) */
    bs_role role;       /* refined role; written back by the caller */
    bs_box box;         /* region box in reading coordinates */
    char **norm;        /* owned, per line: fully normalised */
    char **spaced;      /* owned, per line: normalised, spaces kept */
    bs_line_kind *kind; /* owned, per line */
    size_t nlines;
    float line_height;  /* median line height, px; 0 without lines */
    size_t nchars;      /* non-space characters of the text lines */
    bs_para_list paras; /* paragraphs of the BS_LINE_TEXT lines */
} bs_rtext;

typedef struct bs_page_text {
    bs_page *page; /* not owned */
    bs_rtext *r;   /* owned, one per page region, same index */
    size_t n;
    float body_height;               /* median line height of body text, px; 0 unknown */
    int right_to_left;               /* boxes are mirrored */
    int content_left, content_right; /* x extent of all regions (reading coords) */
} bs_page_text;

/* Build the view of page: normalise every line with opt (NULL: defaults),
 * measure heights, mirror boxes when right_to_left. */
void bs_page_text_init(bs_page_text *pt, bs_page *page, const bs_textnorm_options *opt,
                       int right_to_left);
void bs_page_text_release(bs_page_text *pt);

/* (Re)split the BS_LINE_TEXT lines of every text region into paragraphs
 * (paragraph.h).  Lines of vertical regions are rotated first. */
void bs_page_text_paragraphs(bs_page_text *pt, const bs_paragraph_options *opt);

/* The region's lines of the given kind joined as one paragraph
 * (bs_paragraph_join), from the spaced or the fully normalised forms.
 * Caller frees; "" when there are none. */
char *bs_rtext_joined(const bs_rtext *rt, bs_line_kind kind, int spaced,
                      const bs_paragraph_options *opt);

/* Sort region indexes v[0..n) by the regions' reading order (their order
 * fields, set before).  Insertion sort: stable, and n is small. */
void bs_page_text_sort(const bs_page_text *pt, size_t *v, size_t n);

/* A horizontal printed rule (role RULE, much wider than tall). */
int bs_rtext_is_hrule(const bs_rtext *rt);

/* The region is a jump-in line, or its first text line is one. */
int bs_rtext_opens_with_jump_in(const bs_rtext *rt);

/* The region is a jump-out line, or its last text line is one. */
int bs_rtext_ends_with_jump_out(const bs_rtext *rt);

/* "text", "jump_out", ... for QC messages. */
const char *bs_line_kind_name(bs_line_kind kind);

/* Right and bottom edges of a box (exclusive). */
static inline int bs_box_right(const bs_box *b)
{
    return b->x + b->w;
}

static inline int bs_box_bottom(const bs_box *b)
{
    return b->y + b->h;
}

/* Length of the overlap of [a0, a1) and [b0, b1), 0 if none. */
static inline int bs_span_overlap(int a0, int a1, int b0, int b1)
{
    int ov = (a1 < b1 ? a1 : b1) - (a0 > b0 ? a0 : b0);
    return ov > 0 ? ov : 0;
}

#endif
