/*
 * strbuf.c - growable NUL-terminated strings; see strbuf.h.
 */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char bs_strbuf_empty[1];

void bs_strbuf_init(bs_strbuf *sb)
{
    sb->len = 0;
    sb->alloc = 0;
    sb->buf = bs_strbuf_empty;
}

void bs_strbuf_release(bs_strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    bs_strbuf_init(sb);
}

char *bs_strbuf_detach(bs_strbuf *sb)
{
    char *r = sb->alloc ? sb->buf : bs_xstrdup("");
    bs_strbuf_init(sb);
    return r;
}

void bs_strbuf_grow(bs_strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return;
    size_t n = sb->alloc ? sb->alloc : 64;
    while (n < need)
        n *= 2;
    if (sb->alloc) {
        sb->buf = bs_xrealloc(sb->buf, n);
    } else {
        sb->buf = bs_xmalloc(n);
        sb->buf[0] = '\0';
    }
    sb->alloc = n;
}

void bs_strbuf_add(bs_strbuf *sb, const void *data, size_t n)
{
    if (!n)
        return;
    bs_strbuf_grow(sb, n);
    memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void bs_strbuf_addstr(bs_strbuf *sb, const char *s)
{
    if (s)
        bs_strbuf_add(sb, s, strlen(s));
}

void bs_strbuf_addch(bs_strbuf *sb, int c)
{
    char ch = (char)c;
    bs_strbuf_add(sb, &ch, 1);
}

void bs_strbuf_vaddf(bs_strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n <= 0)
        return;
    bs_strbuf_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void bs_strbuf_addf(bs_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bs_strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

void bs_strbuf_reset(bs_strbuf *sb)
{
    bs_strbuf_setlen(sb, 0);
}

void bs_strbuf_setlen(bs_strbuf *sb, size_t len)
{
    if (!sb->alloc)
        return;
    if (len > sb->len)
        len = sb->len;
    sb->len = len;
    sb->buf[len] = '\0';
}

void bs_strbuf_trim_right(bs_strbuf *sb)
{
    while (sb->len > 0 && (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '\t' ||
                           sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
        sb->len--;
    if (sb->alloc)
        sb->buf[sb->len] = '\0';
}
