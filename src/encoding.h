/*
 * encoding.h - UTF-8 text converted to the encoding an archive asks for.
 *
 * Public functions:
 *     bs_encoding_is_utf8, bs_encoding_check, bs_encoding_convert
 *
 * Broadsheet works in UTF-8 throughout; some archives and older systems
 * want GB18030, GBK, Big5 or UTF-16 text files.  Conversion goes through
 * iconv(3) (glibc knows all of these).  GB18030 and UTF-16 can represent
 * every Unicode character; GBK, GB2312 and Big5 cannot (a rare-name
 * ideograph of extension B, an emoji, simplified characters in Big5).
 * Losing a character silently would corrupt an archive, so by default such
 * a character is an error that names the text (the article) and the
 * character, with its code point and byte offset.  With fallback, each
 * such character is replaced by '?' in the target encoding and counted,
 * and the caller reports the count.
 *
 * "UTF-16" is written with a byte-order mark (glibc writes little-endian),
 * "UTF-16LE" and "UTF-16BE" without one, as iconv defines them.
 */
#ifndef BS_ENCODING_H
#define BS_ENCODING_H

#include <stddef.h>

#include "error.h"

/* Non-zero when encoding is NULL, "" or a spelling of UTF-8. */
int bs_encoding_is_utf8(const char *encoding);

/* 0 if iconv can convert UTF-8 to encoding; else -1 with BS_ERR_USAGE. */
int bs_encoding_check(const char *encoding, bs_error *err);

/* Convert utf8[0..len) to encoding into *out (caller frees; NUL-padded
 * but may contain NUL bytes, e.g. UTF-16) of *outlen bytes.  what names
 * the text in messages ("article a3").  When fallback is zero, a character
 * the encoding cannot represent is an error (BS_ERR_FORMAT, "article a3:
 * character U+20BB7 '𠮷' at byte 12 cannot be represented in GBK");
 * otherwise it is replaced by '?' and *nreplaced (if not NULL) counts it.
 * Invalid UTF-8 input is always an error.  0 or -1. */
int bs_encoding_convert(const char *utf8, size_t len, const char *encoding, int fallback,
                        const char *what, char **out, size_t *outlen, size_t *nreplaced,
                        bs_error *err);

#endif
