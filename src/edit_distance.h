/*
 * edit_distance.h - Levenshtein distance between arrays of code points.
 *
 * Public functions:
 *     bs_edit_distance, bs_edit_distance_bounded
 *
 * The distance is the least number of single-element insertions, deletions
 * and substitutions that turn a into b (all of cost 1), the measure behind
 * character and word error rates and the one Python's Levenshtein.distance
 * computes.  Elements are uint32_t: Unicode code points, or token ids for
 * word-level distances.
 *
 * Method: the common prefix and suffix are stripped first (free, and in OCR
 * comparisons most of the text), then Wagner-Fischer dynamic programming
 * over the rest keeps a single row of the shorter input: O(n*m) time and
 * O(min(n, m)) memory.  The bounded variant computes only the diagonal band
 * |i - j| <= max (Ukkonen): any path leaving the band already costs more
 * than max.  It stops as soon as a whole row of the band exceeds max, so
 * comparing a jump line with thousands of candidate lines costs
 * O(max * min(n, m)) per candidate and usually far less.
 */
#ifndef BS_EDIT_DISTANCE_H
#define BS_EDIT_DISTANCE_H

#include <stddef.h>
#include <stdint.h>

/* Levenshtein distance between a[0..na) and b[0..nb).  Either pointer may
 * be NULL when its length is 0.  Allocates O(min(na, nb)) scratch memory
 * and frees it before returning. */
size_t bs_edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* The same distance if it is at most max; otherwise some value > max
 * (max + 1 when that does not overflow), found without finishing the
 * computation.  Costs O(min(na, nb) * max) time at most. */
size_t bs_edit_distance_bounded(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                                size_t max);

#endif
