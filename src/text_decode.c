/*
 * text_decode.c - text files decoded line by line to UTF-8; see
 * text_decode.h.
 *
 * Public functions:
 *     bs_text_decoder_open, bs_text_decoder_close, bs_text_decoder_next_line,
 *     bs_text_decoder_encoding, bs_text_decoder_problems,
 *     bs_text_detect_encoding
 *
 * The file is read through one buffer of raw bytes that holds at most the
 * current line plus one block.  For every encoding but UTF-16 a newline
 * byte 0x0A is always a newline (GB18030, GBK and Big5 trail bytes are
 * >= 0x30, UTF-8 continuation bytes >= 0x80), so lines are cut in the raw
 * bytes and converted one at a time: an error is then local to its line
 * and a line in another encoding can be decoded on its own.  UTF-16 is
 * converted block by block into a UTF-8 buffer first and cut there.
 * iconv keeps no state between lines for these stateless encodings, and
 * is reset before each line anyway.
 */
#include "text_decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "unicode.h"
#include "xalloc.h"

/* Bytes read per fread, and the size of the block detection looks at:
 * 64 KB holds a few thousand characters, plenty for statistics, and is
 * small next to any line limit. */
#define DECODE_BLOCK 65536u
/* A block is binary when more than this share (per mille) of its bytes are
 * control characters other than tab, newline, carriage return and form
 * feed: text has none, but one stray escape must not refuse a file. */
#define DECODE_BINARY_CONTROL_PERMILLE 50
/* UTF-16 without a mark: the share (per mille) of NUL bytes on one parity
 * that marks Latin or mixed text in UTF-16 (each ASCII character has one
 * NUL); CJK UTF-16 has few NULs and needs a mark or --from-encoding. */
#define DECODE_UTF16_NUL_PERMILLE 300

struct bs_text_decoder {
    FILE *f;
    char *name;
    char enc[32];
    int detected;
    int is_utf8, is_utf16;
    iconv_t cd;       /* enc -> UTF-8, (iconv_t)-1 for UTF-8 */
    iconv_t cd_mixed; /* GB18030 -> UTF-8, for non-UTF-8 lines of a UTF-8 file */
    unsigned char *raw;
    size_t raw_len, raw_pos, raw_cap, scan; /* scan: where the newline search resumes */
    unsigned long long raw_base;            /* file offset of raw[0] */
    int eof;
    bs_strbuf pending; /* UTF-16: converted text not yet returned */
    size_t pending_pos;
    size_t line_no;    /* lines returned so far */
    bs_text_problem *problems;
    size_t nproblems_kept, nproblems;
};

/* ---- detection ------------------------------------------------------------ */

const char *bs_text_detect_encoding(const unsigned char *data, size_t n, int at_eof,
                                    size_t *bom_len, size_t *bad_offset)
{
    *bom_len = 0;
    if (bad_offset)
        *bad_offset = 0;
    if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        *bom_len = 3;
        return "UTF-8";
    }
    if (n >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
        *bom_len = 2;
        return "UTF-16LE";
    }
    if (n >= 2 && data[0] == 0xFE && data[1] == 0xFF) {
        *bom_len = 2;
        return "UTF-16BE";
    }
    size_t nul[2] = {0, 0}, ctrl = 0, first_bad = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = data[i];
        if (c == 0)
            nul[i & 1]++;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0) {
            ctrl++;
            if (first_bad == SIZE_MAX)
                first_bad = i;
        }
    }
    if (n >= 2 && nul[1] * 1000 >= (n / 2) * DECODE_UTF16_NUL_PERMILLE && nul[0] * 10 < nul[1])
        return "UTF-16LE";
    if (n >= 2 && nul[0] * 1000 >= (n / 2) * DECODE_UTF16_NUL_PERMILLE && nul[1] * 10 < nul[0])
        return "UTF-16BE";
    if (nul[0] + nul[1] > 0) {
        if (bad_offset)
            *bad_offset = (size_t)((const unsigned char *)memchr(data, 0, n) - data);
        return NULL;
    }
    if (n && ctrl * 1000 > n * DECODE_BINARY_CONTROL_PERMILLE) {
        if (bad_offset)
            *bad_offset = first_bad;
        return NULL;
    }
    size_t bad;
    if (bs_utf8_validate((const char *)data, n, &bad) == 0)
        return "UTF-8";
    /* A sequence cut by the block end is not evidence against UTF-8. */
    if (!at_eof && n - bad < 4) {
        size_t i = bad, need = data[i] >= 0xF0 ? 4 : data[i] >= 0xE0 ? 3 : data[i] >= 0xC0 ? 2 : 0;
        int cut = need > n - i;
        for (size_t k = i + 1; k < n && cut; k++)
            cut = (data[k] & 0xC0) == 0x80;
        if (cut && bs_utf8_validate((const char *)data, bad, NULL) == 0)
            return "UTF-8";
    }
    /* A mixed file: most non-ASCII lines UTF-8, a few in another encoding
     * (decoded line by line later).  Vote by lines. */
    size_t utf8_lines = 0, other_lines = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *nl = memchr(data + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - data) : n;
        if (!nl && !at_eof)
            break;
        int high = 0;
        for (size_t k = i; k < e && !high; k++)
            high = data[k] >= 0x80;
        if (high) {
            if (bs_utf8_validate((const char *)data + i, e - i, NULL) == 0)
                utf8_lines++;
            else
                other_lines++;
        }
        i = e + 1;
    }
    if (utf8_lines > 0 && utf8_lines >= other_lines)
        return "UTF-8";
    /* Legacy double-byte text: GB or Big5 by their everyday pairs. */
    long gb = 0, big5 = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = data[i], b = data[i + 1];
        if (a < 0x81 || a == 0xFF)
            continue;
        if (b >= 0x40 && b <= 0x7E)
            big5 += 2; /* a Big5 trail; GB2312 never, GBK rarely */
        else if ((a == 0xA1 && b == 0xA3) || (a == 0xA3 && b == 0xAC))
            gb += 3; /* GB 。 and ， */
        else if ((a == 0xA1 && b == 0x43) || (a == 0xA1 && b == 0x41))
            big5 += 3; /* Big5 。 and ， (already counted as trails) */
        else if (a >= 0xB0 && a <= 0xD7 && b >= 0xA1)
            gb += 1; /* GB2312 level-1 hanzi */
        else if (a >= 0xA4 && a <= 0xC6 && b >= 0xA1)
            big5 += 1; /* Big5 frequent hanzi (overlaps GB: weak) */
        else if (b >= 0x30 && b <= 0x39 && a >= 0x81 && a <= 0xFE)
            gb += 1; /* GB18030 four-byte form */
        i++;
    }
    return big5 > gb ? "BIG5" : "GB18030";
}

/* ---- problems ------------------------------------------------------------- */

static void add_problem(bs_text_decoder *d, bs_text_problem_kind kind, unsigned long long offset,
                        size_t line, const unsigned char *bytes, size_t nbytes, const char *enc)
{
    d->nproblems++;
    if (d->nproblems_kept >= BS_TEXT_PROBLEMS_MAX)
        return;
    if (!d->problems)
        d->problems = bs_xcalloc(BS_TEXT_PROBLEMS_MAX, sizeof(*d->problems));
    bs_text_problem *p = &d->problems[d->nproblems_kept++];
    memset(p, 0, sizeof(*p));
    p->kind = kind;
    p->offset = offset;
    p->line = line;
    p->nbytes = nbytes > sizeof(p->bytes) ? sizeof(p->bytes) : nbytes;
    if (bytes)
        memcpy(p->bytes, bytes, p->nbytes);
    if (enc)
        snprintf(p->encoding, sizeof(p->encoding), "%s", enc);
}

static const char REPLACEMENT_UTF8[] = "\xEF\xBF\xBD";

/* ---- reading -------------------------------------------------------------- */

/* Read one more block into raw (compacting first).  0, or -1 on error. */
static int fill(bs_text_decoder *d, bs_error *err)
{
    if (d->eof)
        return 0;
    if (d->raw_pos > 0) {
        memmove(d->raw, d->raw + d->raw_pos, d->raw_len - d->raw_pos);
        d->raw_len -= d->raw_pos;
        d->scan = d->scan > d->raw_pos ? d->scan - d->raw_pos : 0;
        d->raw_base += d->raw_pos;
        d->raw_pos = 0;
    }
    if (d->raw_cap - d->raw_len < DECODE_BLOCK) {
        d->raw_cap = d->raw_len + DECODE_BLOCK;
        d->raw = bs_xrealloc(d->raw, d->raw_cap);
    }
    size_t got = fread(d->raw + d->raw_len, 1, DECODE_BLOCK, d->f);
    d->raw_len += got;
    if (got < DECODE_BLOCK) {
        if (ferror(d->f))
            return bs_error_set(err, BS_ERR_IO, "%s: read error at byte %llu: %s", d->name,
                                d->raw_base + d->raw_len, strerror(errno));
        d->eof = 1;
    }
    return 0;
}

bs_text_decoder *bs_text_decoder_open(FILE *f, const char *name, const char *from_encoding,
                                      bs_error *err)
{
    bs_text_decoder *d = bs_xcalloc(1, sizeof(*d));
    d->f = f;
    d->name = bs_xstrdup(name ? name : "<input>");
    d->cd = d->cd_mixed = (iconv_t)-1;
    bs_strbuf_init(&d->pending);
    if (fill(d, err) < 0) {
        bs_text_decoder_close(d);
        return NULL;
    }
    size_t bom = 0;
    const char *enc = from_encoding && *from_encoding ? from_encoding : NULL;
    if (!enc) {
        size_t bad = 0;
        enc = bs_text_detect_encoding(d->raw, d->raw_len, d->eof, &bom, &bad);
        if (!enc) {
            bs_error_set(err, BS_ERR_FORMAT,
                         "%s: binary data, not text (byte 0x%02X at offset %zu); "
                         "give --from-encoding if it is text", d->name, d->raw[bad], bad);
            bs_text_decoder_close(d);
            return NULL;
        }
        d->detected = 1;
    } else {
        /* A mark the caller's encoding implies is not text. */
        if ((!strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8")) && d->raw_len >= 3 &&
            !memcmp(d->raw, "\xEF\xBB\xBF", 3))
            bom = 3;
        if (!strncasecmp(enc, "UTF-16", 6) && d->raw_len >= 2 &&
            ((d->raw[0] == 0xFF && d->raw[1] == 0xFE) || (d->raw[0] == 0xFE && d->raw[1] == 0xFF))) {
            if (!strcasecmp(enc, "UTF-16"))
                enc = d->raw[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
            bom = 2;
        }
    }
    snprintf(d->enc, sizeof(d->enc), "%s", enc);
    d->is_utf8 = !strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8");
    d->is_utf16 = !strncasecmp(enc, "UTF-16", 6) || !strncasecmp(enc, "UTF16", 5) ||
                  !strncasecmp(enc, "UCS-2", 5);
    if (d->is_utf8) {
        snprintf(d->enc, sizeof(d->enc), "UTF-8");
        d->cd_mixed = iconv_open("UTF-8", "GB18030");
    } else {
        d->cd = iconv_open("UTF-8", enc);
        if (d->cd == (iconv_t)-1) {
            bs_error_set(err, BS_ERR_USAGE, "%s: unknown encoding '%s' (iconv -l lists them)",
                         d->name, enc);
            bs_text_decoder_close(d);
            return NULL;
        }
    }
    d->raw_pos = d->scan = bom;
    return d;
}

void bs_text_decoder_close(bs_text_decoder *d)
{
    if (!d)
        return;
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    if (d->cd_mixed != (iconv_t)-1)
        iconv_close(d->cd_mixed);
    free(d->raw);
    free(d->name);
    free(d->problems);
    bs_strbuf_release(&d->pending);
    free(d);
}

const char *bs_text_decoder_encoding(const bs_text_decoder *d, int *detected)
{
    if (detected)
        *detected = d->detected;
    return d->enc;
}

size_t bs_text_decoder_problems(const bs_text_decoder *d, const bs_text_problem **kept,
                                size_t *n_kept)
{
    if (kept)
        *kept = d->problems;
    if (n_kept)
        *n_kept = d->nproblems_kept;
    return d->nproblems;
}

/* One iconv(3) call from *ip (*left bytes) into the end of out, which
 * grows to hold the worst case (4 bytes of UTF-8 per input byte) and stays
 * NUL-terminated.  Returns what iconv returns, errno set as it left it;
 * *made receives the bytes appended. */
static size_t iconv_append(iconv_t cd, char **ip, size_t *left, bs_strbuf *out, size_t *made)
{
    bs_strbuf_grow(out, *left * 4 + 16);
    char *op = out->buf + out->len;
    size_t room = out->alloc - out->len - 1;
    size_t r = iconv(cd, ip, left, &op, &room);
    int saved = errno;
    *made = (size_t)(op - (out->buf + out->len));
    out->len += *made;
    out->buf[out->len] = '\0';
    errno = saved;
    return r;
}

/* Convert in[0..n) with cd, appending UTF-8 to out.  Invalid sequences
 * become U+FFFD and are recorded (offset base + position) with step bytes
 * skipped.  When final is 0 an incomplete sequence at the end is left
 * unconverted; returns the bytes consumed.  NUL bytes in the result are
 * replaced too (they would end the C string). */
static size_t convert(bs_text_decoder *d, iconv_t cd, const unsigned char *in, size_t n,
                      int final, unsigned long long base, size_t line, size_t step, bs_strbuf *out,
                      int record)
{
    iconv(cd, NULL, NULL, NULL, NULL);
    char *ip = (char *)in;
    size_t left = n;
    while (left > 0) {
        size_t made;
        size_t r = iconv_append(cd, &ip, &left, out, &made);
        /* NULs converted from the input are damage, not text. */
        for (size_t k = out->len - made; k < out->len; k++)
            if (out->buf[k] == '\0')
                out->buf[k] = '?';
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !final)
            break;
        size_t skip = errno == EINVAL ? left : (step < left ? step : left);
        if (record)
            add_problem(d, BS_TEXT_INVALID, base + (unsigned long long)(ip - (char *)in), line,
                        (const unsigned char *)ip, skip, NULL);
        bs_strbuf_addstr(out, REPLACEMENT_UTF8);
        ip += skip;
        left -= skip;
    }
    return n - left;
}

/* Would cd convert in[0..n) without any error?  The result is left in
 * out. */
static int converts_cleanly(iconv_t cd, const unsigned char *in, size_t n, bs_strbuf *out)
{
    iconv(cd, NULL, NULL, NULL, NULL);
    bs_strbuf_reset(out);
    char *ip = (char *)in;
    size_t left = n;
    while (left > 0) {
        size_t made;
        if (iconv_append(cd, &ip, &left, out, &made) != (size_t)-1)
            return memchr(out->buf, '\0', out->len) == NULL;
        if (errno != E2BIG)
            return 0;
    }
    return 1;
}

/* UTF-8 bytes in[0..n) of one line (or piece) into out.  Returns the bytes
 * consumed (less than n only when !final and a sequence is cut). */
static size_t utf8_line(bs_text_decoder *d, const unsigned char *in, size_t n, int final,
                        unsigned long long base, size_t line, bs_strbuf *out)
{
    size_t bad;
    if (bs_utf8_validate((const char *)in, n, &bad) == 0 && !memchr(in, 0, n)) {
        bs_strbuf_add(out, in, n);
        return n;
    }
    /* Valid as a whole in GB18030 with some byte >= 0x80 that is not
     * UTF-8: a line of another encoding (mixed file). */
    if (final && d->cd_mixed != (iconv_t)-1 && !memchr(in, 0, n)) {
        bs_strbuf tmp = BS_STRBUF_INIT;
        if (converts_cleanly(d->cd_mixed, in, n, &tmp)) {
            add_problem(d, BS_TEXT_MIXED, base + bad, line, in + bad, n - bad < 4 ? n - bad : 4,
                        "GB18030");
            bs_strbuf_add(out, tmp.buf, tmp.len);
            bs_strbuf_release(&tmp);
            return n;
        }
        bs_strbuf_release(&tmp);
    }
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = in[i] ? bs_utf8_decode_one((const char *)in + i, n - i, &cp) : 0;
        if (k) {
            bs_strbuf_add(out, in + i, k);
            i += k;
            continue;
        }
        if (!final && n - i < 4 && in[i] >= 0xC0) {
            /* Maybe cut by the piece end: leave it for the next piece. */
            size_t need = in[i] >= 0xF0 ? 4 : in[i] >= 0xE0 ? 3 : 2;
            int cut = need > n - i;
            for (size_t j = i + 1; j < n && cut; j++)
                cut = (in[j] & 0xC0) == 0x80;
            if (cut)
                return i;
        }
        /* One problem for a run of bad bytes. */
        size_t j = i + 1;
        while (j < n && in[j] && !bs_utf8_decode_one((const char *)in + j, n - j, &cp) &&
               (in[j] & 0xC0) == 0x80)
            j++;
        add_problem(d, BS_TEXT_INVALID, base + i, line, in + i, j - i, NULL);
        bs_strbuf_addstr(out, REPLACEMENT_UTF8);
        i = j;
    }
    return n;
}

/* Take one line from the raw buffer (all encodings but UTF-16). */
static int next_raw_line(bs_text_decoder *d, bs_strbuf *line, bs_error *err)
{
    for (;;) {
        unsigned char *nl = d->scan < d->raw_len
                                ? memchr(d->raw + d->scan, '\n', d->raw_len - d->scan)
                                : NULL;
        size_t avail = d->raw_len - d->raw_pos;
        if (!nl && !d->eof && avail < BS_TEXT_LINE_MAX) {
            d->scan = d->raw_len;
            if (fill(d, err) < 0)
                return -1;
            continue;
        }
        if (!nl && avail == 0)
            return 0;
        int final = nl != NULL || d->eof;
        size_t n = nl ? (size_t)(nl - (d->raw + d->raw_pos)) : avail;
        if (n > BS_TEXT_LINE_MAX) {
            n = BS_TEXT_LINE_MAX;
            final = 0;
        }
        size_t take = n;
        if (final && take > 0 && d->raw[d->raw_pos + take - 1] == '\r')
            take--;
        unsigned long long base = d->raw_base + d->raw_pos;
        size_t used = d->is_utf8
                          ? utf8_line(d, d->raw + d->raw_pos, take, final, base, d->line_no + 1, line)
                          : convert(d, d->cd, d->raw + d->raw_pos, take, final, base,
                                    d->line_no + 1, 1, line, 1);
        if (!final && used == 0)
            used = take; /* cannot happen with sane limits; never loop */
        if (final) {
            d->raw_pos += n + (nl ? 1 : 0);
            d->line_no++;
        } else {
            d->raw_pos += used;
        }
        d->scan = d->raw_pos;
        return 1;
    }
}

/* UTF-16: convert blocks into pending, then cut lines there. */
static int next_utf16_line(bs_text_decoder *d, bs_strbuf *line, bs_error *err)
{
    for (;;) {
        char *start = d->pending.buf + d->pending_pos;
        size_t avail = d->pending.len - d->pending_pos;
        char *nl = avail ? memchr(start, '\n', avail) : NULL;
        if (nl || avail >= BS_TEXT_LINE_MAX || (d->eof && d->raw_pos >= d->raw_len)) {
            if (!nl && avail == 0)
                return 0;
            size_t n = nl ? (size_t)(nl - start) : avail;
            int final = 1;
            if (n > BS_TEXT_LINE_MAX) {
                n = BS_TEXT_LINE_MAX;
                while (n > 0 && ((unsigned char)start[n] & 0xC0) == 0x80)
                    n--;
                final = 0;
                nl = NULL;
            }
            size_t take = n;
            if (final && nl && take > 0 && start[take - 1] == '\r')
                take--;
            bs_strbuf_add(line, start, take);
            d->pending_pos += n + (nl ? 1 : 0);
            if (final)
                d->line_no++;
            if (d->pending_pos > DECODE_BLOCK) {
                size_t rest = d->pending.len - d->pending_pos;
                memmove(d->pending.buf, d->pending.buf + d->pending_pos, rest);
                bs_strbuf_setlen(&d->pending, rest);
                d->pending_pos = 0;
            }
            return 1;
        }
        if (d->raw_pos >= d->raw_len || (!d->eof && d->raw_len - d->raw_pos < 4)) {
            if (fill(d, err) < 0)
                return -1;
        }
        size_t newlines = 0;
        for (size_t k = d->pending_pos; k < d->pending.len; k++)
            newlines += d->pending.buf[k] == '\n';
        size_t used = convert(d, d->cd, d->raw + d->raw_pos, d->raw_len - d->raw_pos, d->eof,
                              d->raw_base + d->raw_pos, d->line_no + 1 + newlines, 2, &d->pending, 1);
        d->raw_pos += used;
        if (d->eof && d->raw_pos < d->raw_len)
            d->raw_pos = d->raw_len;
    }
}

int bs_text_decoder_next_line(bs_text_decoder *d, bs_strbuf *line, bs_error *err)
{
    bs_strbuf_reset(line);
    return d->is_utf16 ? next_utf16_line(d, line, err) : next_raw_line(d, line, err);
}
