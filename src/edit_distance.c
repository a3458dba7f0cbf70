/*
 * edit_distance.c - Levenshtein distance; see edit_distance.h.
 */
#include "edit_distance.h"

#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

/* Drop the common prefix and suffix of a and b, then make a the longer. */
static void trim_and_order(const uint32_t **a, size_t *na, const uint32_t **b, size_t *nb)
{
    size_t p = 0;
    while (p < *na && p < *nb && (*a)[p] == (*b)[p])
        p++;
    *a += p;
    *b += p;
    *na -= p;
    *nb -= p;
    while (*na > 0 && *nb > 0 && (*a)[*na - 1] == (*b)[*nb - 1]) {
        (*na)--;
        (*nb)--;
    }
    if (*na < *nb) {
        const uint32_t *t = *a;
        *a = *b;
        *b = t;
        size_t tn = *na;
        *na = *nb;
        *nb = tn;
    }
}

static size_t min3(size_t x, size_t y, size_t z)
{
    size_t m = x < y ? x : y;
    return m < z ? m : z;
}

size_t bs_edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    trim_and_order(&a, &na, &b, &nb);
    if (nb == 0)
        return na;
    /* row[j] = distance between a[0..i) and b[0..j) for the current i. */
    size_t *row = bs_xmalloc((nb + 1) * sizeof(*row));
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        uint32_t ai = a[i - 1];
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            row[j] = min3(diag + (ai != b[j - 1]), up + 1, row[j - 1] + 1);
            diag = up;
        }
    }
    size_t d = row[nb];
    free(row);
    return d;
}

size_t bs_edit_distance_bounded(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                                size_t max)
{
    trim_and_order(&a, &na, &b, &nb);
    /* Now nb <= na, and na is an upper bound of the distance. */
    if (max >= na)
        return bs_edit_distance(a, na, b, nb);
    size_t over = max + 1; /* no overflow: max < na */
    if (na - nb > max)
        return over; /* every alignment needs na - nb insertions */
    /* Cells outside the band |i - j| <= max hold `over`, which stands for
     * "more than max" and never grows past max + 2. */
    size_t *row = bs_xmalloc((nb + 1) * sizeof(*row));
    for (size_t j = 0; j <= nb; j++)
        row[j] = j <= max ? j : over;
    for (size_t i = 1; i <= na; i++) {
        size_t lo = i > max ? i - max : 0;
        size_t hi = i + max < nb ? i + max : nb;
        uint32_t ai = a[i - 1];
        size_t diag, rowmin, j;
        if (lo == 0) {
            diag = row[0];
            row[0] = i;
            rowmin = i;
            j = 1;
        } else {
            diag = row[lo - 1];
            row[lo - 1] = over; /* left of the band in this row */
            rowmin = over;
            j = lo;
        }
        for (; j <= hi; j++) {
            size_t up = row[j];
            size_t v = min3(diag + (ai != b[j - 1]), up + 1, row[j - 1] + 1);
            if (v > over)
                v = over;
            row[j] = v;
            diag = up;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max) {
            free(row);
            return over;
        }
    }
    size_t d = row[nb];
    free(row);
    return d > max ? over : d;
}
