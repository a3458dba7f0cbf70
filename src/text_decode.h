/*
 * text_decode.h - text files in any common Chinese or Unicode encoding,
 *                 read line by line as UTF-8.
 *
 * Public functions:
 *     bs_text_decoder_open, bs_text_decoder_close, bs_text_decoder_next_line,
 *     bs_text_decoder_encoding, bs_text_decoder_problems,
 *     bs_text_detect_encoding
 *
 * Archives of OCR text come in UTF-8, GB18030 (and its subsets GBK and
 * GB2312), Big5 and UTF-16.  The encoding is taken from the caller
 * (--from-encoding) or detected from the first block of the file:
 *
 *   1. a byte-order mark names UTF-8, UTF-16LE or UTF-16BE;
 *   2. NUL bytes mostly at odd (even) offsets mean UTF-16LE (BE) without a
 *      mark; other NUL bytes or many control bytes mean binary data, which
 *      is refused with the offset of the first offending byte;
 *   3. a block that is valid UTF-8, or whose non-ASCII lines are mostly
 *      valid UTF-8 (a mixed file), is UTF-8 (legacy double-byte text is
 *      almost never valid UTF-8: its lead bytes 0x81-0xFE would need
 *      trail bytes 0x80-0xBF in exactly the right pattern);
 *   4. otherwise byte statistics choose between GB18030 and Big5: a trail
 *      byte in 0x40-0x7E is Big5's everyday second half (GB2312 text has
 *      none, GBK only for rare characters), while GB's ideographic
 *      full stop and comma (A1A3, A3AC) and level-1 hanzi leads
 *      (0xB0-0xD7 with a trail >= 0xA1) are GB's everyday pairs.
 *
 * Conversion goes through iconv(3).  The file is read in blocks of fixed
 * size and each line is converted on its own, so memory stays bounded by
 * the longest line (lines beyond BS_TEXT_LINE_MAX bytes are returned in
 * pieces, cut on a character boundary).  Nothing is dropped silently:
 * an invalid byte sequence becomes U+FFFD and is recorded with its byte
 * offset in the file.  Mixed files are common (one page pasted from
 * another system): in a UTF-8 file, a line that is not UTF-8 but is
 * valid GB18030 is decoded as GB18030, and that is recorded too, so the
 * text is right and the reader is told.
 */
#ifndef BS_TEXT_DECODE_H
#define BS_TEXT_DECODE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "strbuf.h"

/* Longest piece returned as one line, in bytes of input: 16 MB holds any
 * real line (a 1 MB line of OCR text is already a broken file) while
 * bounding memory when a file has no newline at all. */
#define BS_TEXT_LINE_MAX (16u * 1024 * 1024)
/* Problems kept in detail (the count goes on): enough for a person to find
 * the damage, bounded for a file that is garbage throughout. */
#define BS_TEXT_PROBLEMS_MAX 100

typedef struct bs_text_decoder bs_text_decoder;

typedef enum bs_text_problem_kind {
    BS_TEXT_INVALID = 0, /* invalid bytes replaced by U+FFFD */
    BS_TEXT_MIXED,       /* a line decoded in another encoding */
} bs_text_problem_kind;

typedef struct bs_text_problem {
    bs_text_problem_kind kind;
    unsigned long long offset; /* byte offset in the file */
    size_t line;               /* 1-based line number */
    unsigned char bytes[4];    /* the first invalid bytes */
    size_t nbytes;
    char encoding[16];         /* BS_TEXT_MIXED: the encoding used */
} bs_text_problem;

/* Open f (read from its current position; not closed by the decoder) for
 * decoding.  name is used in messages.  from_encoding NULL or "" means
 * detect; otherwise any iconv name ("GBK", "BIG5", "UTF-16LE", ...).
 * Returns the decoder (free with bs_text_decoder_close) or NULL with err:
 * BS_ERR_USAGE for an encoding iconv does not know, BS_ERR_FORMAT for
 * binary data, BS_ERR_IO for a read error; the message names the file. */
bs_text_decoder *bs_text_decoder_open(FILE *f, const char *name, const char *from_encoding,
                                      bs_error *err);
void bs_text_decoder_close(bs_text_decoder *d);

/* Read the next line into line (reset first) as UTF-8 without its line
 * end ("\n", "\r\n").  Returns 1 for a line, 0 at the end of input, -1
 * with err on a read error.  Invalid input never fails: see above. */
int bs_text_decoder_next_line(bs_text_decoder *d, bs_strbuf *line, bs_error *err);

/* The encoding in use ("UTF-8", "GB18030", "BIG5", "UTF-16LE", ...) and
 * whether it was detected (1) or given (0).  Owned by d. */
const char *bs_text_decoder_encoding(const bs_text_decoder *d, int *detected);

/* Problems so far: the first BS_TEXT_PROBLEMS_MAX in *n_kept entries
 * (owned by d), the total count returned. */
size_t bs_text_decoder_problems(const bs_text_decoder *d, const bs_text_problem **kept,
                                size_t *n_kept);

/* Detect the encoding of data[0..n) (the start of a file) as above.
 * Returns a static name ("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030",
 * "BIG5"), or NULL for binary data with *bad_offset the first offending
 * byte.  *bom_len receives the length of a byte-order mark (0 if none).
 * at_eof says data is the whole file (a truncated multi-byte character at
 * the end of a block is not counted against UTF-8 otherwise). */
const char *bs_text_detect_encoding(const unsigned char *data, size_t n, int at_eof,
                                    size_t *bom_len, size_t *bad_offset);

#endif
