/*
 * intmath.h - small integer helpers shared by the geometry code.
 *
 * Public functions:
 *     bs_imin, bs_imax, bs_cmp_int, bs_cmp_keyed
 *
 * Pixel coordinates are ints throughout the layout and reassembly code;
 * these were once copied into each file that needed them.
 */
#ifndef BS_INTMATH_H
#define BS_INTMATH_H

#include <stddef.h>
#include <stdint.h>

static inline int bs_imin(int a, int b)
{
    return a < b ? a : b;
}

static inline int bs_imax(int a, int b)
{
    return a > b ? a : b;
}

/* qsort comparator for an array of int, ascending. */
static inline int bs_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* An integer sort key and the index of what it belongs to: a region by
 * its reading order, a page by its number, a paragraph by its group, a
 * trigram's hash by the paragraph holding it. */
typedef struct bs_keyed {
    int64_t key;
    size_t index;
} bs_keyed;

/* qsort comparator for an array of bs_keyed: by key, then by index, so
 * the entries of one key stay in the order they were made in. */
static inline int bs_cmp_keyed(const void *a, const void *b)
{
    const bs_keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

#endif
