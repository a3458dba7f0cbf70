/*
 * encoding.c - UTF-8 to other encodings through iconv; see encoding.h.
 *
 * iconv stops with EILSEQ at the first input character it cannot convert,
 * leaving the input pointer on it, so the character is decoded from our
 * own UTF-8 at exactly that offset to name it, then either reported or
 * replaced and skipped before the conversion resumes.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "unicode.h"
#include "xalloc.h"

/* Output room reserved per input byte on the first try: UTF-16 needs at
 * most two bytes per UTF-8 byte (plus the BOM), so one pass suffices for
 * every supported encoding except in pathological cases, which grow. */
#define OUT_BYTES_PER_IN 2
#define OUT_SLACK 16

int bs_encoding_is_utf8(const char *e)
{
    return !e || !*e || !strcasecmp(e, "UTF-8") || !strcasecmp(e, "UTF8");
}

int bs_encoding_check(const char *encoding, bs_error *err)
{
    if (bs_encoding_is_utf8(encoding))
        return 0;
    iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == (iconv_t)-1)
        return bs_error_set(err, BS_ERR_USAGE, "unknown text encoding '%s'", encoding);
    iconv_close(cd);
    return 0;
}

typedef struct outbuf {
    char *buf;
    size_t cap, used;
} outbuf;

static void out_grow(outbuf *o)
{
    o->cap = o->cap * 2 + OUT_SLACK;
    o->buf = bs_xrealloc(o->buf, o->cap);
}

/* Run iconv over in[0..n), growing o; returns 0, or the errno that
 * stopped it (EILSEQ, EINVAL) with *consumed input bytes converted. */
static int convert_run(iconv_t cd, const char *in, size_t n, outbuf *o, size_t *consumed)
{
    char *ip = (char *)in;
    size_t left = n;
    for (;;) {
        char *op = o->buf + o->used;
        size_t room = o->cap - o->used;
        size_t r = iconv(cd, in ? &ip : NULL, in ? &left : NULL, &op, &room);
        o->used = (size_t)(op - o->buf);
        *consumed = n - left;
        if (r != (size_t)-1)
            return 0;
        if (errno == E2BIG) {
            out_grow(o);
            continue;
        }
        return errno;
    }
}

int bs_encoding_convert(const char *utf8, size_t len, const char *encoding, int fallback,
                        const char *what, char **out, size_t *outlen, size_t *nreplaced,
                        bs_error *err)
{
    *out = NULL;
    *outlen = 0;
    if (!what)
        what = "text";
    size_t bad;
    if (bs_utf8_validate(utf8, len, &bad) != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s: invalid UTF-8 at byte %zu", what, bad);
    if (bs_encoding_is_utf8(encoding)) {
        *out = bs_xmalloc(len + 1);
        memcpy(*out, utf8, len);
        (*out)[len] = '\0';
        *outlen = len;
        return 0;
    }
    iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == (iconv_t)-1)
        return bs_error_set(err, BS_ERR_USAGE, "unknown text encoding '%s'", encoding);
    outbuf o = {NULL, 0, 0};
    o.cap = len * OUT_BYTES_PER_IN + OUT_SLACK;
    o.buf = bs_xmalloc(o.cap);
    size_t pos = 0;
    int rc = 0;
    while (pos < len) {
        size_t used = 0;
        int e = convert_run(cd, utf8 + pos, len - pos, &o, &used);
        pos += used;
        if (e == 0)
            break;
        uint32_t cp = 0;
        size_t cl = bs_utf8_decode_one(utf8 + pos, len - pos, &cp);
        if (e != EILSEQ || cl == 0) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s: cannot convert to %s at byte %zu", what,
                              encoding, pos);
            break;
        }
        if (!fallback) {
            char ch[8] = {0};
            memcpy(ch, utf8 + pos, cl);
            rc = bs_error_set(err, BS_ERR_FORMAT,
                              "%s: character U+%04X '%s' at byte %zu cannot be represented in %s "
                              "(use the encoding fallback to replace it with '?')",
                              what, (unsigned)cp, ch, pos, encoding);
            break;
        }
        size_t qused;
        if (convert_run(cd, "?", 1, &o, &qused) != 0) {
            rc = bs_error_set(err, BS_ERR_FORMAT, "%s: cannot write '?' in %s", what, encoding);
            break;
        }
        if (nreplaced)
            (*nreplaced)++;
        pos += cl;
    }
    if (rc == 0) {
        size_t dummy;
        convert_run(cd, NULL, 0, &o, &dummy); /* flush shift state */
        if (o.cap - o.used < 4)
            out_grow(&o);
        memset(o.buf + o.used, 0, 4);
        *out = o.buf;
        *outlen = o.used;
    } else {
        free(o.buf);
    }
    iconv_close(cd);
    return rc;
}
