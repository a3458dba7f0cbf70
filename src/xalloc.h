/*
 * xalloc.h - allocation that never returns NULL, and array growth.
 *
 * Public functions:
 *     bs_xmalloc, bs_xcalloc, bs_xrealloc, bs_xstrdup, bs_xstrndup,
 *     BS_ARRAY_GROW
 *
 * Out of memory is not a condition Broadsheet can recover from in the
 * middle of a page, so these abort with a message instead of returning NULL
 * (the policy of git's xmalloc).  Limits on input sizes (pixels, bytes of
 * XML and JSON, regions per page) are enforced before allocating, so
 * hostile input is refused with an error long before memory runs out.
 */
#ifndef BS_XALLOC_H
#define BS_XALLOC_H

#include <stddef.h>

void *bs_xmalloc(size_t n);
void *bs_xcalloc(size_t count, size_t size);
void *bs_xrealloc(void *p, size_t n);
/* strdup that accepts NULL (returns NULL). */
char *bs_xstrdup(const char *s);
char *bs_xstrndup(const char *s, size_t n);

/* Grow the array *ptr of elements of size elem so that it holds at least
 * need elements; *cap is its current capacity, updated. Doubling keeps
 * appends amortised O(1). */
void bs_array_grow(void **ptr, size_t *cap, size_t need, size_t elem);

#define BS_ARRAY_GROW(ptr, cap, need) \
    bs_array_grow((void **)&(ptr), &(cap), (need), sizeof(*(ptr)))

#endif
