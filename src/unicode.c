/*
 * unicode.c - UTF-8, normalization and character classes; see unicode.h.
 *
 * Decoding follows the well-formed byte sequence table of Unicode 15,
 * section 3.9 (table 3-7): the second byte's range depends on the lead
 * byte, which rules out overlong forms, surrogates and values past
 * U+10FFFF without decoding first and checking afterwards.
 *
 * Normalization validates the input with our own decoder first (utf8proc
 * reports invalid UTF-8 without saying where), then runs utf8proc's two
 * steps directly on code points: utf8proc_decompose (canonical or
 * compatibility decomposition and canonical ordering) and
 * utf8proc_normalize_utf32 (canonical composition).  This is what
 * utf8proc_map does internally, minus the re-encoding, so callers that
 * compare texts get code points without a UTF-8 round trip.
 */
#include "unicode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xalloc.h"

size_t bs_utf8_decode_one(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        return 0; /* continuation byte, C0, C1 or F5..FF */
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    v = (v << 6) | (s[1] & 0x3F);
    for (size_t i = 2; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

int bs_utf8_validate(const char *s, size_t n, size_t *bad_offset)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = bs_utf8_decode_one(s + i, n - i, &cp);
        if (k == 0) {
            if (bad_offset)
                *bad_offset = i;
            return -1;
        }
        i += k;
    }
    return 0;
}

char *bs_utf8_lossy(const char *s, size_t *nreplaced)
{
    size_t n = strlen(s), rep = 0;
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_grow(&sb, n);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : bs_utf8_decode_one(s + i, n - i, &cp);
        if (k == 0) {
            uint32_t r = BS_UNICODE_REPLACEMENT;
            bs_utf8_append(&sb, &r, 1);
            rep++;
            i++;
        } else {
            bs_strbuf_add(&sb, s + i, k);
            i += k;
        }
    }
    if (nreplaced)
        *nreplaced = rep;
    return bs_strbuf_detach(&sb);
}

size_t bs_utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

char *bs_utf8_head(const char *s, size_t max_chars)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max_chars) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_add(&sb, s, i);
    if (i < len)
        bs_strbuf_addstr(&sb, "\xE2\x80\xA6"); /* … */
    return bs_strbuf_detach(&sb);
}

int bs_utf8_decode(const char *s, size_t n, uint32_t **out, size_t *nout, size_t *bad_offset)
{
    /* n code points at most: one per byte. */
    uint32_t *v = bs_xmalloc((n ? n : 1) * sizeof(*v));
    size_t k = 0, i = 0;
    while (i < n) {
        size_t len = bs_utf8_decode_one(s + i, n - i, &v[k]);
        if (len == 0) {
            free(v);
            *out = NULL;
            *nout = 0;
            if (bad_offset)
                *bad_offset = i;
            return -1;
        }
        i += len;
        k++;
    }
    *out = v;
    *nout = k;
    return 0;
}

size_t bs_utf8_encode_one(uint32_t cp, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= BS_UNICODE_MAX) {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

void bs_utf8_append(bs_strbuf *sb, const uint32_t *cp, size_t n)
{
    bs_strbuf_grow(sb, n); /* at least one byte each; more as needed */
    for (size_t i = 0; i < n; i++) {
        char buf[4];
        size_t k = bs_utf8_encode_one(cp[i], buf);
        if (k == 0)
            k = bs_utf8_encode_one(BS_UNICODE_REPLACEMENT, buf);
        bs_strbuf_add(sb, buf, k);
    }
}

char *bs_utf8_encode(const uint32_t *cp, size_t n, size_t *outlen)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_utf8_append(&sb, cp, n);
    if (outlen)
        *outlen = sb.len;
    return bs_strbuf_detach(&sb);
}

size_t bs_utf8_remove_space(char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(s + i, n - i, &cp);
        if (k == 0) {
            s[w++] = s[i++]; /* keep an invalid byte as it is */
            continue;
        }
        if (!bs_unicode_is_space(cp)) {
            memmove(s + w, s + i, k);
            w += k;
        }
        i += k;
    }
    s[w] = '\0';
    return w;
}

/* ---- normalization ----------------------------------------------------- */

static utf8proc_option_t form_options(bs_unicode_form form)
{
    /* STABLE: never change a string already in the form because of
     * characters unassigned in this Unicode version (Python does the
     * same, leaving unassigned code points alone). */
    switch (form) {
    case BS_UNICODE_NFD:
        return UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
    case BS_UNICODE_NFKC:
        return UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    case BS_UNICODE_NFKD:
        return UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    case BS_UNICODE_NFC:
    default:
        return UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    }
}

int bs_unicode_normalize(const char *s, size_t n, bs_unicode_form form, uint32_t **out,
                         size_t *nout, bs_error *err)
{
    *out = NULL;
    *nout = 0;
    size_t bad;
    if (bs_utf8_validate(s, n, &bad) < 0)
        return bs_error_set(err, BS_ERR_FORMAT, "invalid UTF-8 at byte %zu", bad);
    if (n > (size_t)(PTRDIFF_MAX / (ptrdiff_t)sizeof(utf8proc_int32_t)))
        return bs_error_set(err, BS_ERR_LIMIT, "text of %zu bytes is too long to normalize", n);
    if (n == 0) {
        *out = bs_xmalloc(sizeof(uint32_t));
        return 0;
    }
    utf8proc_option_t opt = form_options(form);
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    /* Decomposition can lengthen the text (U+FDFA becomes 18 code
     * points), so guess one code point per byte and ask again if short. */
    utf8proc_ssize_t cap = (utf8proc_ssize_t)n;
    utf8proc_int32_t *buf = bs_xmalloc((size_t)cap * sizeof(*buf));
    utf8proc_ssize_t len = utf8proc_decompose(u, (utf8proc_ssize_t)n, buf, cap, opt);
    if (len > cap) {
        cap = len;
        buf = bs_xrealloc(buf, (size_t)cap * sizeof(*buf));
        len = utf8proc_decompose(u, (utf8proc_ssize_t)n, buf, cap, opt);
    }
    if (len < 0) {
        free(buf);
        return bs_error_set(err, BS_ERR_FORMAT, "cannot normalize text: %s",
                            utf8proc_errmsg(len));
    }
    if (opt & UTF8PROC_COMPOSE)
        len = utf8proc_normalize_utf32(buf, len, opt);
    if (len < 0) {
        free(buf);
        return bs_error_set(err, BS_ERR_FORMAT, "cannot normalize text: %s",
                            utf8proc_errmsg(len));
    }
    /* utf8proc_int32_t and uint32_t have the same size and every value is
     * a scalar value, so the buffer is reused as it is. */
    _Static_assert(sizeof(utf8proc_int32_t) == sizeof(uint32_t), "code point size");
    *out = (uint32_t *)buf;
    *nout = (size_t)len;
    return 0;
}

char *bs_unicode_normalize_utf8(const char *s, size_t n, bs_unicode_form form, size_t *outlen,
                                bs_error *err)
{
    uint32_t *cp;
    size_t ncp;
    if (bs_unicode_normalize(s, n, form, &cp, &ncp, err) < 0)
        return NULL;
    char *r = bs_utf8_encode(cp, ncp, outlen);
    free(cp);
    return r;
}

char *bs_unicode_nfkc(const char *s, bs_error *err)
{
    return bs_unicode_normalize_utf8(s ? s : "", s ? strlen(s) : 0, BS_UNICODE_NFKC, NULL, err);
}

char *bs_unicode_nfc(const char *s, bs_error *err)
{
    return bs_unicode_normalize_utf8(s ? s : "", s ? strlen(s) : 0, BS_UNICODE_NFC, NULL, err);
}

/* ---- character classes ------------------------------------------------- */

int bs_unicode_is_space(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
    if (cp < 0x1680)
        return cp == 0x85 || cp == 0xA0;
    if (cp < 0x2000)
        return cp == 0x1680;
    if (cp <= 0x200A)
        return 1;
    return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int bs_unicode_is_cjk(uint32_t cp)
{
    if (cp < 0x3007)
        return 0;
    return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) /* extension A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)                /* unified */
           || (cp >= 0xF900 && cp <= 0xFAFF)                /* compatibility */
           || (cp >= 0x20000 && cp <= 0x2EBEF)              /* extensions B..F, I */
           || (cp >= 0x2F800 && cp <= 0x2FA1F)              /* compatibility suppl. */
           || (cp >= 0x30000 && cp <= 0x323AF);             /* extensions G, H */
}

int bs_unicode_is_cjk_punct(uint32_t cp)
{
    if (cp < 0x3001)
        return 0;
    if (cp <= 0x303F)
        return cp != 0x3007;
    if (cp >= 0xFE10 && cp <= 0xFE1F)
        return 1;
    if (cp >= 0xFE30 && cp <= 0xFE6F)
        return 1;
    /* Full-width punctuation, leaving out digits (FF10..FF19) and Latin
     * letters (FF21..FF3A, FF41..FF5A). */
    return (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

int bs_unicode_is_latin_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    int in_block = (cp >= 0xC0 && cp <= 0x2AF)       /* Latin-1 .. IPA ext. */
                   || (cp >= 0x1D00 && cp <= 0x1DBF) /* phonetic extensions */
                   || (cp >= 0x1E00 && cp <= 0x1EFF) /* Latin ext. additional */
                   || (cp >= 0x2C60 && cp <= 0x2C7F) /* Latin extended-C */
                   || (cp >= 0xA720 && cp <= 0xA7FF) /* Latin extended-D */
                   || (cp >= 0xAB30 && cp <= 0xAB6F) /* Latin extended-E */
                   || (cp >= 0xFB00 && cp <= 0xFB06) /* Latin ligatures */
                   || (cp >= 0xFF21 && cp <= 0xFF3A) /* full-width A..Z */
                   || (cp >= 0xFF41 && cp <= 0xFF5A); /* full-width a..z */
    if (!in_block)
        return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 1;
    default:
        return 0;
    }
}

int bs_unicode_is_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    if (cp > BS_UNICODE_MAX)
        return 0;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
}

int bs_unicode_is_word_char(uint32_t cp)
{
    return bs_unicode_is_cjk(cp) || bs_unicode_is_latin_letter(cp) || bs_unicode_is_digit(cp);
}

size_t bs_unicode_remove_space(uint32_t *cp, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!bs_unicode_is_space(cp[i]))
            cp[w++] = cp[i];
    return w;
}

uint32_t bs_utf8_first(const char *s, size_t *len)
{
    uint32_t cp = 0;
    size_t n = s ? strnlen(s, 4) : 0;
    size_t k = n ? bs_utf8_decode_one(s, n, &cp) : 0;
    if (len)
        *len = k;
    return k ? cp : 0;
}

uint32_t bs_utf8_last(const char *s, size_t n, size_t *start)
{
    while (n > 0) {
        size_t b = n - 1;
        while (b > 0 && n - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        uint32_t c;
        if (bs_utf8_decode_one(s + b, n - b, &c) == n - b) {
            if (start)
                *start = b;
            return c;
        }
        n = b;
    }
    return 0;
}
