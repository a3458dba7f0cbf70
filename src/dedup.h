/*
 * dedup.h - the same paragraph read twice, found and removed once.
 *
 * Public functions:
 *     bs_dedup_options_default, bs_dedup_find
 *
 * OCR layouts overlap: two blocks cover the same lines and the paragraph
 * comes out twice, sometimes in two different stories.  Each pair of
 * paragraphs of a page is compared on its text with white space removed
 * (after NFKC, so punctuation width does not matter):
 *
 *   near-duplicates   lengths within 10% and a Levenshtein distance of at
 *                     most 10% of the longer (bounded edit distance, so a
 *                     pair that differs early costs little);
 *   fragments         a shorter paragraph whose character trigrams lie
 *                     (90%) inside a longer one of another block that
 *                     overlaps its block: the half of a paragraph that a
 *                     stray block caught.  Without the overlap a sentence
 *                     repeated elsewhere (a brief's headline restated in
 *                     its first paragraph, a pull quote) is the paper's.
 *
 * Pairs are first screened on shared distinct character trigrams (a
 * sample looked up by binary search, then the sorted arrays merged in
 * linear time), so the quadratic number of pairs costs little.
 * Short texts are never compared: a slogan, a "REUTER" sign-off or a
 * subhead may legitimately repeat, and items marked fixed (titles) are
 * context only, never removed.
 *
 * Which copy stays ("the copy in the right place"): a fragment always
 * goes; of two copies in overlapping blocks, the one in the smaller block
 * (the stray one) goes; otherwise the copy whose story shares more
 * trigrams with it (title and other paragraphs: the story it is about)
 * stays, and on a tie the first in reading order.
 */
#ifndef BS_DEDUP_H
#define BS_DEDUP_H

#include <stddef.h>

#include "page.h"

typedef struct bs_dedup_options {
    size_t min_chars;          /* shortest text compared (characters) */
    double max_distance_frac;  /* near-duplicate: edit distance / length */
    double min_containment;    /* fragment: share of its trigrams inside */
    size_t min_fragment_chars; /* shortest fragment removed */
} bs_dedup_options;

bs_dedup_options bs_dedup_options_default(void);

typedef struct bs_dedup_item {
    const char *text; /* UTF-8 paragraph (not owned) */
    int group;        /* story the item belongs to */
    size_t region;    /* block it came from: equal values = same block */
    bs_box box;       /* that block's box */
    int fixed;        /* context only (a title): never compared or removed */
} bs_dedup_item;

typedef struct bs_dedup_hit {
    size_t removed; /* index of the item to remove */
    size_t kept;    /* index of the copy that stays */
    int fragment;   /* 1: removed is part of kept; 0: a whole copy */
} bs_dedup_hit;

/* Find duplicates among items[0..n) (in reading order).  Returns the
 * number of hits and sets *hits to a new array of them (caller frees with
 * free(); NULL when there are none).  Every item is removed at most once
 * and of several copies of one text exactly one stays. */
size_t bs_dedup_find(const bs_dedup_item *items, size_t n, const bs_dedup_options *opt,
                     bs_dedup_hit **hits);

#endif
