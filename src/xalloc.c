/*
 * xalloc.c - allocation that never returns NULL; see xalloc.h.
 */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(size_t n)
{
    fprintf(stderr, "broadsheet: out of memory allocating %zu bytes\n", n);
    abort();
}

void *bs_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *bs_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die_oom(count * size);
    return p;
}

void *bs_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

char *bs_xstrdup(const char *s)
{
    return s ? bs_xstrndup(s, strlen(s)) : NULL;
}

char *bs_xstrndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *d = bs_xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void bs_array_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            die_oom(SIZE_MAX);
        ncap *= 2;
    }
    *ptr = bs_xrealloc(*ptr, ncap * elem);
    memset((char *)*ptr + *cap * elem, 0, (ncap - *cap) * elem);
    *cap = ncap;
}
