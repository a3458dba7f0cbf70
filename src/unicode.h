/*
 * unicode.h - UTF-8 decoding, Unicode normalization and character classes.
 *
 * Public functions:
 *     bs_utf8_decode_one, bs_utf8_validate, bs_utf8_decode, bs_utf8_lossy,
 *     bs_utf8_count, bs_utf8_head,
 *     bs_utf8_encode_one, bs_utf8_append, bs_utf8_encode,
 *     bs_utf8_first, bs_utf8_last,
 *     bs_utf8_remove_space,
 *     bs_unicode_normalize, bs_unicode_normalize_utf8,
 *     bs_unicode_nfkc, bs_unicode_nfc,
 *     bs_unicode_is_space, bs_unicode_is_cjk, bs_unicode_is_cjk_punct,
 *     bs_unicode_is_latin_letter, bs_unicode_is_digit, bs_unicode_is_word_char,
 *     bs_unicode_remove_space
 *
 * Text enters Broadsheet as UTF-8 (OCR output, JSON, XML) and every
 * comparison of texts (scoring, jump-line matching, duplicate detection)
 * must first agree on what "the same text" means.  This module is that
 * agreement:
 *
 *   - Decoding is strict (RFC 3629): overlong forms, surrogates, code points
 *     past U+10FFFF and truncated sequences are errors, reported with the
 *     byte offset of the first bad byte, so a broken file is named precisely
 *     instead of being silently "repaired" into different text.
 *   - Normalization is delegated to utf8proc (decompose, then canonical
 *     composition), the same algorithm as Python's unicodedata.normalize, so
 *     results agree with the Python referee (eval/score.py) up to the
 *     Unicode version of each library.  NFKC folds the full-width
 *     punctuation, digits and Latin letters of CJK typesetting and the
 *     ideographic space to their ASCII forms; that is what makes "（转第2版）"
 *     and "(转第2版)" compare equal.
 *   - White space is exactly what Python's str.isspace() and the regular
 *     expression \s accept (the ASCII controls 9-13 and 28-31, the space,
 *     NEL, NBSP, the Zs spaces, LINE/PARAGRAPH SEPARATOR and U+3000), so
 *     "remove all white space" means the same thing here and in score.py.
 *     Zero-width characters (U+200B, U+FEFF) are not white space there and
 *     are not here.
 *   - The predicates are range tests (a few comparisons, no tables) except
 *     bs_unicode_is_latin_letter and bs_unicode_is_digit, which ask
 *     utf8proc for the general category (one table look-up).
 *
 * Code points are uint32_t.  Arrays of code points are allocated with
 * bs_xmalloc and freed by the caller with free().  Nothing here keeps state
 * between calls.
 */
#ifndef BS_UNICODE_H
#define BS_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"

/* The largest Unicode scalar value. */
#define BS_UNICODE_MAX 0x10FFFFu
/* What bs_utf8_append writes for a value that is not a scalar value. */
#define BS_UNICODE_REPLACEMENT 0xFFFDu

/* ---- UTF-8 ------------------------------------------------------------- */

/* Decode the code point that starts at s (n > 0 bytes available).
 * Returns the length of its sequence (1..4) and stores it in *cp, or 0 if
 * the bytes at s do not start a valid, complete UTF-8 sequence (then *cp is
 * not set). */
size_t bs_utf8_decode_one(const char *s, size_t n, uint32_t *cp);

/* Check that s[0..n) is valid UTF-8.  Returns 0 if it is; otherwise -1 and,
 * if bad_offset is not NULL, the byte offset of the first invalid
 * sequence. */
int bs_utf8_validate(const char *s, size_t n, size_t *bad_offset);

/* A copy of the NUL-terminated s as valid UTF-8: each byte that does not
 * start a valid, complete sequence becomes U+FFFD (so "a\xffb" gives
 * "a\xef\xbf\xbdb"); valid text is copied unchanged.  *nreplaced (may be
 * NULL) receives the number of replaced bytes.  Caller frees. */
char *bs_utf8_lossy(const char *s, size_t *nreplaced);

/* Number of code points of the NUL-terminated UTF-8 text s (the bytes
 * that do not continue a sequence: an invalid byte counts as one). */
size_t bs_utf8_count(const char *s);

/* The first max_chars characters of the NUL-terminated UTF-8 text s,
 * followed by "…" when s is longer: a quotation in a message or a
 * label.  Caller frees. */
char *bs_utf8_head(const char *s, size_t max_chars);

/* Decode s[0..n) into a new array of code points.
 * On success returns 0, *out is the array (caller frees with free(); never
 * NULL, even for n == 0) and *nout its length.  On invalid UTF-8 returns -1,
 * *out = NULL, *nout = 0 and *bad_offset (if not NULL) is the byte offset of
 * the first invalid sequence. */
int bs_utf8_decode(const char *s, size_t n, uint32_t **out, size_t *nout, size_t *bad_offset);

/* The first code point of the NUL-terminated s (NULL counts as ""), its
 * length in bytes in *len (may be NULL); 0 and *len = 0 when s is empty
 * or does not start with a valid sequence. */
uint32_t bs_utf8_first(const char *s, size_t *len);

/* The last valid code point of s[0..n), its byte offset in *start (may be
 * NULL); invalid bytes at the end are passed over.  0 (and *start
 * untouched) when there is none. */
uint32_t bs_utf8_last(const char *s, size_t n, size_t *start);

/* Encode cp into buf (at least 4 bytes).  Returns the number of bytes
 * written (1..4), or 0 if cp is a surrogate or past U+10FFFF. */
size_t bs_utf8_encode_one(uint32_t cp, char *buf);

/* Append cp[0..n) to sb as UTF-8; values that are not scalar values are
 * written as U+FFFD. */
void bs_utf8_append(bs_strbuf *sb, const uint32_t *cp, size_t n);

/* Encode cp[0..n) as a new NUL-terminated UTF-8 string (caller frees with
 * free(); never NULL).  If outlen is not NULL it receives the byte length
 * (the string may contain NUL bytes if cp contains U+0000). */
char *bs_utf8_encode(const uint32_t *cp, size_t n, size_t *outlen);

/* Remove every white space character (bs_unicode_is_space) from the UTF-8
 * string s[0..n) in place and NUL-terminate it (s must have room for
 * n + 1 bytes).  Bytes that are not valid UTF-8 are kept as they are.
 * Returns the new length. */
size_t bs_utf8_remove_space(char *s, size_t n);

/* ---- normalization ----------------------------------------------------- */

typedef enum bs_unicode_form {
    BS_UNICODE_NFC,  /* canonical composition */
    BS_UNICODE_NFD,  /* canonical decomposition */
    BS_UNICODE_NFKC, /* compatibility decomposition + canonical composition */
    BS_UNICODE_NFKD, /* compatibility decomposition */
} bs_unicode_form;

/* Normalize the UTF-8 string s[0..n) to form and return it as code points.
 * On success returns 0 with *out (caller frees with free(); never NULL) and
 * *nout.  On invalid UTF-8 returns -1 with *out = NULL and err set to
 * BS_ERR_FORMAT "invalid UTF-8 at byte N" (callers prefix the file name).
 * U+0000 inside s is kept as a character. */
int bs_unicode_normalize(const char *s, size_t n, bs_unicode_form form, uint32_t **out,
                         size_t *nout, bs_error *err);

/* Like bs_unicode_normalize, but returns a new NUL-terminated UTF-8 string
 * (caller frees with free()) and its byte length in *outlen (if not NULL),
 * or NULL with err set on invalid UTF-8. */
char *bs_unicode_normalize_utf8(const char *s, size_t n, bs_unicode_form form, size_t *outlen,
                                bs_error *err);

/* bs_unicode_normalize_utf8 with form NFKC (resp. NFC) of the
 * NUL-terminated string s.  NULL s is treated as "". */
char *bs_unicode_nfkc(const char *s, bs_error *err);
char *bs_unicode_nfc(const char *s, bs_error *err);

/* ---- character classes ------------------------------------------------- */

/* White space as Python's str.isspace() / regex \s: U+0009..000D,
 * U+001C..0020, U+0085, U+00A0, U+1680, U+2000..200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000. */
int bs_unicode_is_space(uint32_t cp);

/* A CJK ideograph: the unified ideographs (U+4E00..9FFF), extension A
 * (U+3400..4DBF), extensions B..I in planes 2 and 3, the compatibility
 * ideographs (U+F900..FAFF) and their supplement (U+2F800..2FA1F), and
 * U+3007 IDEOGRAPHIC NUMBER ZERO. */
int bs_unicode_is_cjk(uint32_t cp);

/* Punctuation and symbols of CJK typesetting: CJK Symbols and Punctuation
 * (U+3001..303F; U+3000 is a space, U+3007 an ideograph), vertical forms
 * (U+FE10..FE1F), CJK compatibility forms (U+FE30..FE4F), small form
 * variants (U+FE50..FE6F) and the full-width punctuation of U+FF01..FF65
 * (not the full-width letters and digits).  General punctuation shared
 * with Latin text (curly quotes, U+2026 ellipsis, U+2014 dash, U+00B7) is
 * not included: it says nothing about the script. */
int bs_unicode_is_cjk_punct(uint32_t cp);

/* A letter (general category L*) of the Latin script: ASCII, Latin-1,
 * Latin Extended-A..E and Additional, IPA extensions and the full-width
 * Latin letters. */
int bs_unicode_is_latin_letter(uint32_t cp);

/* A decimal digit of any script (general category Nd), as regex \d in
 * Python. */
int bs_unicode_is_digit(uint32_t cp);

/* What words are made of, for telling text from marks: an ideograph
 * (bs_unicode_is_cjk), a Latin letter or a digit. */
int bs_unicode_is_word_char(uint32_t cp);

/* Remove every white space character from cp[0..n) in place; returns the
 * new length. */
size_t bs_unicode_remove_space(uint32_t *cp, size_t n);

#endif
