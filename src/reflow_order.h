/*
 * reflow_order.h - the reading order of one story's paragraphs, from
 *                  scores of what follows what: a search over block
 *                  moves of the order the OCR gave.
 *
 * Public functions:
 *     bs_reflow_order_search
 *
 * OCR without coordinates reads a story's columns in the wrong order, so
 * the true order is the input's with a column or two moved whole.  The
 * caller (reflow.c) scores, for the m paragraphs of one story, each
 * paragraph read first, each read last and each pair read in sequence
 * (the character model's join across a cut, a lede, a paragraph that
 * opens mid-sentence); this module finds the order those scores and the
 * depth of the story's columns favour once each block moved has paid its
 * cost.  It knows nothing of text beyond the paragraphs' lengths.
 */
#ifndef BS_REFLOW_ORDER_H
#define BS_REFLOW_ORDER_H

#include <stddef.h>

/* Paragraphs of one story ordered by block moves (m^3 candidate moves
 * each); a longer "story" is a page without headlines and keeps the
 * input order (bs_reflow_order_search leaves it as it is). */
#define BS_REFLOW_ORDER_MAX_UNITS 80

/* The scores of one story's m paragraphs, natural logs; every array is
 * the caller's and is only read. */
typedef struct bs_reflow_order_scores {
    size_t m;
    const int *open;        /* m: the paragraph ends cut, its sentence
                               goes on elsewhere */
    const double *first;    /* m: the paragraph read first */
    const double *follow;   /* m * m: follow[a * m + b], paragraph b read
                               right after paragraph a */
    const double *closing;  /* m, or NULL for none: the paragraph read
                               last */
    const size_t *chars;    /* m: the paragraph's length in code points */
} bs_reflow_order_scores;

/* The order of the story's paragraphs that reads best: order[] (m
 * indexes) holds the input's order 0..m-1 on entry, which the seam bonus
 * and the moved seams are read against, and is replaced by the order
 * reached by a few block moves (REFLOW_MAX_MOVES, reflow_order.c) that
 * scores best at its seams (first, follow, closing, a penalty for ending
 * cut, a small bonus for each seam the input had) and for the depth of
 * its columns (a short run of text between two column breaks marks a
 * column begun in its middle or a block moved that is no whole column; a
 * story does not end on a few characters), once each move has paid its
 * cost.  Text the scores have no opinion about stays where the OCR put
 * it.  c->m below 2 or above BS_REFLOW_ORDER_MAX_UNITS leaves order[]
 * unchanged.  Allocates only scratch memory, freed before it returns. */
void bs_reflow_order_search(const bs_reflow_order_scores *c, size_t *order);

#endif
