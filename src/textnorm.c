/*
 * textnorm.c - OCR line text normalisation; see textnorm.h.
 *
 * The work is done on an array of code points: the rules look at
 * neighbours on both sides, which is awkward in UTF-8 and trivial here.
 * Each step is one linear pass, so a line costs O(length).
 */
#include "textnorm.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* How far (code points) the punctuation rule looks for the word a mark
 * belongs to, past digits, quotes and other marks: "4.5%)," needs 5; a
 * dozen is enough for any number or quote and keeps the look local. */
#define TEXTNORM_CONTEXT_MAX 12

/* Nesting of "(" tracked to convert ")" like its "(": deeper nesting than
 * this in one line is not text. */
#define TEXTNORM_PAREN_DEPTH_MAX 32

bs_textnorm_options bs_textnorm_options_default(void)
{
    bs_textnorm_options o;
    o.cjk_remove_space = 1;
    o.cjk_fullwidth_punct = 1;
    o.cjk_digit_dash = 1;
    o.cjk_interpunct = 1;
    return o;
}

int bs_textnorm_is_wide(uint32_t cp)
{
    if (bs_unicode_is_cjk(cp) || bs_unicode_is_cjk_punct(cp))
        return 1;
    return (cp >= 0x2E80 && cp <= 0x2FDF)     /* CJK and Kangxi radicals */
           || (cp >= 0x3040 && cp <= 0x30FF)  /* hiragana, katakana */
           || (cp >= 0x3100 && cp <= 0x312F)  /* bopomofo */
           || (cp >= 0x31F0 && cp <= 0x31FF)  /* katakana extensions */
           || (cp >= 0xFF01 && cp <= 0xFF60)  /* full-width forms */
           || (cp >= 0xFFE0 && cp <= 0xFFE6); /* full-width signs */
}

/* Digits and marks: characters that belong to whatever text surrounds
 * them, so they neither need nor want a space next to Chinese. */
static int is_neutral(uint32_t cp)
{
    if (bs_unicode_is_digit(cp))
        return 1;
    if (cp < 0x80)
        return cp > 0x20 && cp < 0x7F && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
               && !(cp >= '0' && cp <= '9');
    return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7
           || (cp >= 0x2010 && cp <= 0x205E); /* general punctuation */
}

/* Step 1: lossy decode, controls out, spaces collapsed and trimmed. */
static uint32_t *clean(const char *s, size_t n, size_t *nout)
{
    uint32_t *cp = bs_xmalloc((n + 1) * sizeof(*cp));
    size_t k = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        size_t len = bs_utf8_decode_one(s + i, n - i, &c);
        if (len == 0) {
            c = BS_UNICODE_REPLACEMENT;
            len = 1;
        }
        i += len;
        if (bs_unicode_is_space(c)) {
            if (k > 0 && cp[k - 1] != ' ')
                cp[k++] = ' ';
            continue;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200B || c == 0xFEFF)
            continue;
        cp[k++] = c;
    }
    while (k > 0 && cp[k - 1] == ' ')
        k--;
    *nout = k;
    return cp;
}

/* Step 2. */
static size_t remove_cjk_spaces(uint32_t *cp, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cp[i] == ' ' && k > 0 && i + 1 < n) {
            uint32_t a = cp[k - 1], b = cp[i + 1];
            int wa = bs_textnorm_is_wide(a), wb = bs_textnorm_is_wide(b);
            if ((wa && (wb || is_neutral(b))) || (wb && is_neutral(a)))
                continue;
        }
        cp[k++] = cp[i];
    }
    return k;
}

/* Step 4. */
static void digit_dash(uint32_t *cp, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++)
        if (cp[i] == 0x4E00 && bs_unicode_is_digit(cp[i - 1]) && bs_unicode_is_digit(cp[i + 1]))
            cp[i] = 0x2014;
}

/* The script of the word nearest to position i in direction dir (-1 back,
 * +1 forward): 1 wide, 0 other letters, -1 none within reach. */
static int context_wide(const uint32_t *cp, size_t n, size_t i, int dir)
{
    size_t j = i;
    for (int step = 0; step < TEXTNORM_CONTEXT_MAX; step++) {
        if (dir < 0) {
            if (j == 0)
                return -1;
            j--;
        } else {
            if (j + 1 >= n)
                return -1;
            j++;
        }
        uint32_t c = cp[j];
        if (bs_textnorm_is_wide(c))
            return 1;
        if (c == ' ' || is_neutral(c))
            continue;
        return 0;
    }
    return -1;
}

static uint32_t fullwidth_of(uint32_t c)
{
    switch (c) {
    case ',':
        return 0xFF0C;
    case ';':
        return 0xFF1B;
    case ':':
        return 0xFF1A;
    case '?':
        return 0xFF1F;
    case '!':
        return 0xFF01;
    case '(':
        return 0xFF08;
    case ')':
        return 0xFF09;
    default:
        return 0;
    }
}

/* Step 3. */
static void fullwidth_punct(uint32_t *cp, size_t n)
{
    unsigned char stack[TEXTNORM_PAREN_DEPTH_MAX];
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        uint32_t fw = fullwidth_of(c);
        if (!fw)
            continue;
        int wide;
        if (c == '(') {
            wide = context_wide(cp, n, i, +1);
            if (wide < 0)
                wide = context_wide(cp, n, i, -1);
            if (depth < TEXTNORM_PAREN_DEPTH_MAX)
                stack[depth++] = wide == 1;
        } else if (c == ')') {
            if (depth > 0) {
                wide = stack[--depth];
            } else {
                wide = context_wide(cp, n, i, -1);
                if (wide < 0)
                    wide = context_wide(cp, n, i, +1);
            }
        } else {
            /* Separators inside numbers and times: "1,000", "10:30". */
            if ((c == ',' || c == ':') && i > 0 && i + 1 < n && bs_unicode_is_digit(cp[i - 1])
                && bs_unicode_is_digit(cp[i + 1]))
                continue;
            wide = context_wide(cp, n, i, -1);
            if (wide < 0)
                wide = context_wide(cp, n, i, +1);
        }
        if (wide == 1)
            cp[i] = fw;
    }
}

/* Marks that follow a closing quote, not an opening one. */
static int closes_after(uint32_t c)
{
    return c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01
           || c == 0xFF1F || c == 0xFF09 || c == 0x300D || c == 0x300F || c == 0x3011 || c == ','
           || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
}

/* Step 3 for '"' in Chinese text: “ or ”.  Inside an open quote (or before
 * a mark that follows closing quotes, or at the end of the line) it
 * closes; otherwise it opens. */
static void curly_quotes(uint32_t *cp, size_t n)
{
    int open = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        if (c == 0x201C) {
            open++;
        } else if (c == 0x201D) {
            if (open)
                open--;
        } else if (c == '"') {
            if (context_wide(cp, n, i, -1) != 1 && context_wide(cp, n, i, +1) != 1)
                continue;
            size_t j = i + 1;
            while (j < n && cp[j] == ' ')
                j++;
            int closing = open > 0 || j >= n || closes_after(cp[j]);
            cp[i] = closing ? 0x201D : 0x201C;
            if (closing && open)
                open--;
            else if (!closing)
                open++;
        }
    }
}

/* The interpunct of names and of "二十四节气·立冬" between two wide
 * characters, whatever dot OCR or the source used: the hyphenation point
 * U+2027 of Taiwanese type, the katakana middle dot U+30FB and its
 * half-width form U+FF65, the bullet U+2022 all become U+00B7. */
static void unify_interpunct(uint32_t *cp, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++) {
        uint32_t c = cp[i];
        if ((c == 0x2027 || c == 0x30FB || c == 0xFF65 || c == 0x2022) && bs_textnorm_is_wide(cp[i - 1]) &&
            bs_textnorm_is_wide(cp[i + 1]))
            cp[i] = 0x00B7;
    }
}

char *bs_textnorm_line(const char *s, const bs_textnorm_options *opt)
{
    bs_textnorm_options def = bs_textnorm_options_default();
    if (!opt)
        opt = &def;
    if (!s)
        s = "";
    size_t n;
    uint32_t *cp = clean(s, strlen(s), &n);
    /* NFC needs UTF-8 in; what clean() produced is valid by construction. */
    size_t blen;
    char *utf8 = bs_utf8_encode(cp, n, &blen);
    free(cp);
    uint32_t *nfc;
    if (bs_unicode_normalize(utf8, blen, BS_UNICODE_NFC, &nfc, &n, NULL) != 0) {
        /* Unreachable for valid input; keep the cleaned text if it happens. */
        return utf8;
    }
    free(utf8);
    if (opt->cjk_remove_space)
        n = remove_cjk_spaces(nfc, n);
    if (opt->cjk_digit_dash)
        digit_dash(nfc, n);
    if (opt->cjk_interpunct)
        unify_interpunct(nfc, n);
    if (opt->cjk_fullwidth_punct) {
        fullwidth_punct(nfc, n);
        curly_quotes(nfc, n);
    }
    char *out = bs_utf8_encode(nfc, n, NULL);
    free(nfc);
    return out;
}
