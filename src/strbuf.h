/*
 * strbuf.h - growable, always NUL-terminated byte strings.
 *
 * Public functions:
 *     bs_strbuf_init, bs_strbuf_release, bs_strbuf_detach,
 *     bs_strbuf_add, bs_strbuf_addstr, bs_strbuf_addch, bs_strbuf_addf,
 *     bs_strbuf_reset, bs_strbuf_trim_right
 *
 * Modelled on git's strbuf: a buffer that owns its bytes, always ends in NUL
 * (so buf is a valid C string after every call) and grows geometrically, so
 * building text piece by piece is linear in its final length.  An
 * initialised, empty strbuf points at a shared empty string and allocates
 * nothing, so a strbuf that is never written costs nothing to release.
 *
 * Ownership: the strbuf owns buf until bs_strbuf_detach() hands it to the
 * caller (who frees it with free()).  Allocation failure aborts through
 * bs_xrealloc(): a library that cannot allocate a few bytes of text cannot
 * do anything useful, and returning NULL from every string append would
 * bury every caller in checks that are never exercised.
 */
#ifndef BS_STRBUF_H
#define BS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bs_strbuf {
    size_t len;   /* bytes used, excluding the terminating NUL */
    size_t alloc; /* bytes allocated, 0 while buf is the shared empty string */
    char *buf;    /* always NUL-terminated */
} bs_strbuf;

#define BS_STRBUF_INIT {0, 0, bs_strbuf_empty}
extern char bs_strbuf_empty[];

/* Initialise sb as empty; no allocation. */
void bs_strbuf_init(bs_strbuf *sb);
/* Free sb's buffer and leave it empty and reusable. */
void bs_strbuf_release(bs_strbuf *sb);
/* Return sb's buffer (caller frees with free()) and leave sb empty.
 * Never returns NULL: an empty buffer detaches as a fresh "" allocation. */
char *bs_strbuf_detach(bs_strbuf *sb);
/* Make room for at least extra more bytes. */
void bs_strbuf_grow(bs_strbuf *sb, size_t extra);
void bs_strbuf_add(bs_strbuf *sb, const void *data, size_t n);
void bs_strbuf_addstr(bs_strbuf *sb, const char *s);
void bs_strbuf_addch(bs_strbuf *sb, int c);
void bs_strbuf_addf(bs_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bs_strbuf_vaddf(bs_strbuf *sb, const char *fmt, va_list ap);
/* Truncate to length 0, keeping the allocation. */
void bs_strbuf_reset(bs_strbuf *sb);
/* Truncate to len bytes (len <= sb->len). */
void bs_strbuf_setlen(bs_strbuf *sb, size_t len);
/* Remove trailing ASCII white space. */
void bs_strbuf_trim_right(bs_strbuf *sb);

#endif
