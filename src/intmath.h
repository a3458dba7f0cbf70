/*
 * intmath.h - small integer helpers shared by the geometry code.
 *
 * Public functions:
 *     bs_imin, bs_imax, bs_cmp_int
 *
 * Pixel coordinates are ints throughout the layout and reassembly code;
 * these were once copied into each file that needed them.
 */
#ifndef BS_INTMATH_H
#define BS_INTMATH_H

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

#endif
