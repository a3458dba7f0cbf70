/*
 * eval.c - article scoring as eval/score.py; see eval.h.
 *
 * Method.  Loading normalizes every title and body once (NFKC code points,
 * jump lines cut, white space removed), so scoring works on plain arrays of
 * code points.  Matching needs, for each (true, output) pair, the number of
 * distinct bigrams they share: each body's bigram set is built once as an
 * open-addressing hash set of 64-bit keys (first code point << 32 | second)
 * and a pair costs one probe per bigram of the smaller set, so an issue
 * costs O(sum of lengths * number of articles) instead of comparing strings.
 * Edit distances run only on the matched pairs.
 *
 * The JUMP pattern is matched by hand rather than with POSIX regcomp:
 * regcomp works on code points only under a UTF-8 locale (process-wide
 * state a library must not set), its [[:space:]] and [[:digit:]] follow
 * the C library's iswspace/iswdigit rather than Python's \s (which adds
 * U+001C..001F, U+0085, U+00A0, ...) and \d (every Nd digit), and its
 * leftmost-longest rule is not Python's leftmost-first.  The pattern is
 * small enough to analyse completely: the comments on match_zh and
 * match_en show that its backtracking reduces to a few greedy steps, so
 * the matcher is linear and its equivalence can be checked by reading.
 * (It was also checked against Python's re on about a million generated
 * strings built from the pattern's pieces.)
 */
#include "eval.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edit_distance.h"
#include "unicode.h"
#include "xalloc.h"

/* Hash sets are kept at most half full (slots >= 2 * entries): probes stay
 * short (about 1.5 on average for linear probing) at 16 bytes per entry. */
#define EVAL_HASH_LOAD_INV 2
/* The smallest hash table, in slots (a power of two). */
#define EVAL_HASH_MIN_SLOTS 8
/* Fibonacci hashing multiplier (2^64 / golden ratio): spreads the bits of
 * a 64-bit key into the top bits, which index the table. */
#define EVAL_HASH_MUL 0x9E3779B97F4A7C15ull
/* Marks an empty slot in a bigram set; no bigram key has all bits set
 * because code points are below 2^21. */
#define EVAL_BIGRAM_EMPTY UINT64_MAX

/* ======================================================================
 * The JUMP pattern
 * ====================================================================== */

/* Returned by the matchers for "no match here". */
#define NO_MATCH SIZE_MAX

enum {
    CH_XIA = 0x4E0B,   /* 下 */
    CH_SHANG = 0x4E0A, /* 上 */
    CH_ZHUAN = 0x8F6C, /* 转 */
    CH_JIE = 0x63A5,   /* 接 */
    CH_DI = 0x7B2C,    /* 第 */
    CH_BAN = 0x7248,   /* 版 */
    CH_FW_LPAREN = 0xFF08,
    CH_FW_RPAREN = 0xFF09,
};

/* Precomputed run ends, so that every step of the matcher is O(1) and a
 * long run of spaces or capitals does not make the scan quadratic. */
typedef struct jump_scan {
    const uint32_t *s;
    size_t n;
    size_t *ws_end;  /* ws_end[i]: first index >= i that is not \s */
    size_t *cls_end; /* cls_end[i]: first index >= i not in [A-Z ] */
} jump_scan;

static int in_upper_space(uint32_t c)
{
    return c == ' ' || (c >= 'A' && c <= 'Z');
}

/* [0-9一二三四五六七八九十] */
static int is_zh_numeral(uint32_t c)
{
    switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
        return 1;
    default:
        return c >= '0' && c <= '9';
    }
}

/* Does the ASCII literal lit occur at s[i..]? */
static int has_lit(const jump_scan *js, size_t i, const char *lit)
{
    for (; *lit; lit++, i++)
        if (i >= js->n || js->s[i] != (uint32_t)(unsigned char)*lit)
            return 0;
    return 1;
}

/*
 * First alternative:
 *   [(（]?\s*(下转|上接|转|接)\s*第?\s*[0-9一二三四五六七八九十]+\s*版\s*[)）]?
 * Backtracking never finds a second way: giving back the optional opener
 * leaves a parenthesis where \s* or the keyword must match; the four
 * keywords start with four different characters; giving back any \s*, 第
 * or numeral leaves that character where the next item (keyword, 第,
 * numeral, 版) cannot match it.  So one greedy pass decides.
 */
static size_t match_zh(const jump_scan *js, size_t p)
{
    const uint32_t *s = js->s;
    size_t n = js->n, i = p;
    if (i < n && (s[i] == '(' || s[i] == CH_FW_LPAREN))
        i++;
    i = js->ws_end[i];
    if (i + 1 < n && s[i] == CH_XIA && s[i + 1] == CH_ZHUAN)
        i += 2;
    else if (i + 1 < n && s[i] == CH_SHANG && s[i + 1] == CH_JIE)
        i += 2;
    else if (i < n && (s[i] == CH_ZHUAN || s[i] == CH_JIE))
        i++;
    else
        return NO_MATCH;
    i = js->ws_end[i];
    if (i < n && s[i] == CH_DI)
        i = js->ws_end[i + 1];
    size_t d = i;
    while (i < n && is_zh_numeral(s[i]))
        i++;
    if (i == d)
        return NO_MATCH;
    i = js->ws_end[i];
    if (i >= n || s[i] != CH_BAN)
        return NO_MATCH;
    i = js->ws_end[i + 1];
    if (i < n && (s[i] == ')' || s[i] == CH_FW_RPAREN))
        i++;
    return i;
}

/*
 * What follows the group of the second alternative:
 *   \s*(on|from)?\s*[Pp]age\s*A?\d+\s*\)?
 * Deterministic for the same reason as match_zh: giving back "on"/"from",
 * "A" or white space leaves a character that [Pp]age or \d cannot take.
 */
static size_t match_en_tail(const jump_scan *js, size_t i)
{
    const uint32_t *s = js->s;
    size_t n = js->n;
    i = js->ws_end[i];
    if (has_lit(js, i, "on"))
        i += 2;
    else if (has_lit(js, i, "from"))
        i += 4;
    i = js->ws_end[i];
    if (i < n && (s[i] == 'P' || s[i] == 'p') && has_lit(js, i + 1, "age"))
        i += 4;
    else
        return NO_MATCH;
    i = js->ws_end[i];
    if (i < n && s[i] == 'A')
        i++;
    size_t d = i;
    while (i < n && bs_unicode_is_digit(s[i]))
        i++;
    if (i == d)
        return NO_MATCH;
    i = js->ws_end[i];
    if (i < n && s[i] == ')')
        i++;
    return i;
}

/* The group's third alternative "[A-Z ]+ from" at q: [A-Z ]+ is greedy,
 * and " from" can only start at the last character of the maximal run
 * (the 'f' ends it), which must be a space with at least one run character
 * before it.  Returns the end of the group or NO_MATCH. */
static size_t group_from(const jump_scan *js, size_t q, size_t min_run)
{
    size_t r = js->cls_end[q];
    if (r - q >= min_run && js->s[r - 1] == ' ' && has_lit(js, r, "from"))
        return r + 4;
    return NO_MATCH;
}

/*
 * Second alternative:
 *   \(?\s*(Continued|See [A-Z ]+,|[A-Z ]+ from)\s*(on|from)?\s*[Pp]age\s*A?\d+\s*\)?
 * The optional "(" is decided greedily (without it, "(" would have to
 * start the group).  \s* is greedy, so the group is tried first at f, the
 * first non-space, with its three alternatives in order ("See [A-Z ]+,"
 * is deterministic: the run must be followed by a comma); then at each
 * earlier position back to the start, where only "[A-Z ]+ from" can match,
 * and only through a stretch of plain spaces before f, ending where it
 * ends at f.  The tail does not depend on where the group started, so
 * those earlier starts reduce to one test: does a run that begins in the
 * spaces before f satisfy the 2-character minimum?
 */
static size_t match_en(const jump_scan *js, size_t p)
{
    const uint32_t *s = js->s;
    size_t n = js->n, i = p;
    if (i < n && s[i] == '(')
        i++;
    size_t f = js->ws_end[i];
    if (f < n) {
        size_t g = NO_MATCH, e;
        if (has_lit(js, f, "Continued"))
            g = f + 9;
        if (g != NO_MATCH && (e = match_en_tail(js, g)) != NO_MATCH)
            return e;
        g = NO_MATCH;
        if (has_lit(js, f, "See ") && in_upper_space(f + 4 < n ? s[f + 4] : 0)) {
            size_t r = js->cls_end[f + 4];
            if (r < n && s[r] == ',')
                g = r + 1;
        }
        if (g != NO_MATCH && (e = match_en_tail(js, g)) != NO_MATCH)
            return e;
        g = group_from(js, f, 2);
        if (g != NO_MATCH && (e = match_en_tail(js, g)) != NO_MATCH)
            return e;
    }
    /* Earlier starts: the spaces (U+0020 only) right before f. */
    if (f > i && s[f - 1] == ' ') {
        size_t spaces = (f - 1 > i && s[f - 2] == ' ') ? 2 : 1;
        /* Starting `spaces` characters before f, the run is that much
         * longer; the group ends where a run from f - 1 ends. */
        size_t r = js->cls_end[f - 1];
        if (r - (f - spaces) >= 2 && s[r - 1] == ' ' && has_lit(js, r, "from"))
            return match_en_tail(js, r + 4);
    }
    return NO_MATCH;
}

size_t bs_eval_remove_jump_lines(uint32_t *cp, size_t n)
{
    if (n == 0)
        return 0;
    jump_scan js = {cp, n, NULL, NULL};
    js.ws_end = bs_xmalloc((n + 1) * sizeof(size_t));
    js.cls_end = bs_xmalloc((n + 1) * sizeof(size_t));
    js.ws_end[n] = n;
    js.cls_end[n] = n;
    for (size_t i = n; i-- > 0;) {
        js.ws_end[i] = bs_unicode_is_space(cp[i]) ? js.ws_end[i + 1] : i;
        js.cls_end[i] = in_upper_space(cp[i]) ? js.cls_end[i + 1] : i;
    }
    /* Matching reads only at or after p and writing happens before p, so
     * the text is compacted in place. */
    size_t w = 0, p = 0;
    while (p < n) {
        size_t e = match_zh(&js, p);
        if (e == NO_MATCH)
            e = match_en(&js, p);
        if (e != NO_MATCH && e > p) {
            p = e;
            continue;
        }
        cp[w++] = cp[p++];
    }
    free(js.ws_end);
    free(js.cls_end);
    return w;
}

/* NFKC + jump lines removed; white space kept. */
static int norm_keep_space(const char *s, size_t n, uint32_t **out, size_t *nout, bs_error *err)
{
    if (bs_unicode_normalize(s, n, BS_UNICODE_NFKC, out, nout, err) < 0)
        return -1;
    *nout = bs_eval_remove_jump_lines(*out, *nout);
    return 0;
}

int bs_eval_norm_text(const char *s, size_t n, uint32_t **out, size_t *nout, bs_error *err)
{
    if (norm_keep_space(s, n, out, nout, err) < 0)
        return -1;
    *nout = bs_unicode_remove_space(*out, *nout);
    return 0;
}

/* ======================================================================
 * Loading
 * ====================================================================== */

void bs_eval_doc_free(bs_eval_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->narticles; i++) {
        bs_eval_article *a = &doc->articles[i];
        free(a->id_json);
        free(a->title_raw);
        free(a->title);
        free(a->body);
        free(a->words);
        free(a->pages);
    }
    free(doc->articles);
    free(doc->name);
    free(doc);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Sort pages and drop duplicates, like Python's sorted(set(...)). */
static void pages_normalize(bs_eval_article *a)
{
    if (a->npages < 2)
        return;
    qsort(a->pages, a->npages, sizeof(double), cmp_double);
    size_t w = 1;
    for (size_t i = 1; i < a->npages; i++)
        if (a->pages[i] != a->pages[w - 1])
            a->pages[w++] = a->pages[i];
    a->npages = w;
}

static void pages_add(bs_eval_article *a, double page, size_t *cap)
{
    BS_ARRAY_GROW(a->pages, *cap, a->npages + 1);
    a->pages[a->npages++] = page;
}

/* Read the page numbers of parts[] (each {"page": number}). */
static int read_parts(const bs_eval_doc *doc, size_t ai, json_t *parts, bs_eval_article *a,
                      size_t *cap, bs_error *err)
{
    if (!json_is_array(parts))
        return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu].parts is not an array",
                            doc->name, ai);
    size_t k;
    json_t *part;
    json_array_foreach(parts, k, part) {
        json_t *pg = json_is_object(part) ? json_object_get(part, "page") : NULL;
        if (!json_is_number(pg))
            return bs_error_set(err, BS_ERR_FORMAT,
                                "%s: articles[%zu].parts[%zu].page is missing or not a number",
                                doc->name, ai, k);
        pages_add(a, json_number_value(pg), cap);
    }
    return 0;
}

/* Normalize the text v of field into a's title (body == 0) or its body
 * and words (body == 1).  v is a string; null or missing counts as "" when
 * null_ok; a list of string pieces is joined when pieces (GT bodies). */
static int read_text(const bs_eval_doc *doc, size_t ai, const char *field, json_t *v,
                     int null_ok, int pieces, int body, bs_eval_article *a, bs_error *err)
{
    const char *s = "";
    size_t n = 0;
    bs_strbuf joined = BS_STRBUF_INIT;
    if (json_is_string(v)) {
        s = json_string_value(v);
        n = json_string_length(v);
    } else if (json_is_array(v) && pieces) {
        size_t k;
        json_t *piece;
        json_array_foreach(v, k, piece) {
            if (!json_is_string(piece)) {
                bs_strbuf_release(&joined);
                return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu].%s[%zu] is not a string",
                                    doc->name, ai, field, k);
            }
            bs_strbuf_add(&joined, json_string_value(piece), json_string_length(piece));
        }
        s = joined.buf;
        n = joined.len;
    } else if (!null_ok || (v && !json_is_null(v))) {
        return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu].%s is %s", doc->name, ai,
                            field, v ? "not a string" : "missing");
    }
    bs_error e = {0, ""};
    uint32_t *cp;
    size_t ncp;
    int rc = norm_keep_space(s, n, &cp, &ncp, &e);
    bs_strbuf_release(&joined);
    if (rc < 0)
        return bs_error_set(err, e.code, "%s: articles[%zu].%s: %s", doc->name, ai, field, e.msg);
    if (body) {
        a->words = cp;
        a->nwords = ncp;
        a->body = bs_xmalloc((ncp ? ncp : 1) * sizeof(uint32_t));
        memcpy(a->body, cp, ncp * sizeof(uint32_t));
        a->nbody = bs_unicode_remove_space(a->body, ncp);
    } else {
        a->title = cp;
        a->ntitle = bs_unicode_remove_space(cp, ncp);
    }
    return 0;
}

static int read_article(const bs_eval_doc *doc, size_t ai, json_t *ja, int is_gt,
                        bs_eval_article *a, bs_error *err)
{
    if (!json_is_object(ja))
        return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu] is not an object", doc->name,
                            ai);
    json_t *title = json_object_get(ja, "title");
    if (json_is_string(title))
        a->title_raw = bs_xstrndup(json_string_value(title), json_string_length(title));
    else
        a->title_raw = bs_xstrdup("");
    json_t *id = json_object_get(ja, "id");
    if (id)
        a->id_json = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    /* score.py: GT needs "title" (null is ""), "body" and "parts"; OUT
     * reads .get('title', ''), .get('text', '') and pages or parts. */
    if (read_text(doc, ai, "title", title, !is_gt || title != NULL, 0, 0, a, err) < 0)
        return -1;
    json_t *body = json_object_get(ja, is_gt ? "body" : "text");
    if (read_text(doc, ai, is_gt ? "body" : "text", body, !is_gt, is_gt, 1, a, err) < 0)
        return -1;
    size_t cap = 0;
    json_t *pages = is_gt ? NULL : json_object_get(ja, "pages");
    if (pages) {
        if (!json_is_array(pages))
            return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu].pages is not an array",
                                doc->name, ai);
        size_t k;
        json_t *pg;
        json_array_foreach(pages, k, pg) {
            if (!json_is_number(pg))
                return bs_error_set(err, BS_ERR_FORMAT,
                                    "%s: articles[%zu].pages[%zu] is not a number", doc->name, ai,
                                    k);
            pages_add(a, json_number_value(pg), &cap);
        }
    } else {
        json_t *parts = json_object_get(ja, "parts");
        if (!parts && is_gt)
            return bs_error_set(err, BS_ERR_FORMAT, "%s: articles[%zu].parts is missing",
                                doc->name, ai);
        if (parts && read_parts(doc, ai, parts, a, &cap, err) < 0)
            return -1;
    }
    pages_normalize(a);
    return 0;
}

static bs_eval_doc *parse_doc(const char *text, size_t len, const char *name, int is_gt,
                              bs_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_ALLOW_NUL, &jerr);
    if (!root) {
        bs_error_set(err, BS_ERR_FORMAT, "%s:%d:%d: malformed JSON: %s", name, jerr.line,
                     jerr.column, jerr.text);
        return NULL;
    }
    bs_eval_doc *doc = bs_xcalloc(1, sizeof(*doc));
    doc->name = bs_xstrdup(name);
    json_t *arts = json_is_object(root) ? json_object_get(root, "articles") : NULL;
    if (!json_is_object(root)) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: not a JSON object", name);
        goto fail;
    }
    if (!arts && is_gt) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: no \"articles\"", name);
        goto fail;
    }
    if (arts && !json_is_array(arts)) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: \"articles\" is not an array", name);
        goto fail;
    }
    size_t n = arts ? json_array_size(arts) : 0;
    doc->articles = bs_xcalloc(n ? n : 1, sizeof(bs_eval_article));
    for (size_t i = 0; i < n; i++) {
        doc->narticles = i + 1; /* so that a failure frees what was read */
        if (read_article(doc, i, json_array_get(arts, i), is_gt, &doc->articles[i], err) < 0)
            goto fail;
    }
    json_decref(root);
    return doc;
fail:
    json_decref(root);
    bs_eval_doc_free(doc);
    return NULL;
}

bs_eval_doc *bs_eval_parse_gt(const char *text, size_t len, const char *name, bs_error *err)
{
    return parse_doc(text, len, name ? name : "<gt>", 1, err);
}

bs_eval_doc *bs_eval_parse_out(const char *text, size_t len, const char *name, bs_error *err)
{
    return parse_doc(text, len, name ? name : "<out>", 0, err);
}

static bs_eval_doc *load_doc(const char *path, int is_gt, bs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        bs_error_set(err, BS_ERR_IO, "%s: is a directory", path);
        return NULL;
    }
    bs_strbuf sb = BS_STRBUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (sb.len + k > (size_t)BS_EVAL_MAX_JSON_BYTES) {
            fclose(f);
            bs_strbuf_release(&sb);
            bs_error_set(err, BS_ERR_LIMIT, "%s: larger than %ld bytes", path,
                         (long)BS_EVAL_MAX_JSON_BYTES);
            return NULL;
        }
        bs_strbuf_add(&sb, chunk, k);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        bs_strbuf_release(&sb);
        bs_error_set(err, BS_ERR_IO, "%s: read error", path);
        return NULL;
    }
    bs_eval_doc *doc = parse_doc(sb.buf, sb.len, path, is_gt, err);
    bs_strbuf_release(&sb);
    return doc;
}

bs_eval_doc *bs_eval_load_gt(const char *path, bs_error *err)
{
    return load_doc(path, 1, err);
}

bs_eval_doc *bs_eval_load_out(const char *path, bs_error *err)
{
    return load_doc(path, 0, err);
}

/* ======================================================================
 * Bigram sets
 * ====================================================================== */

typedef struct bigram_set {
    uint64_t *slot; /* EVAL_BIGRAM_EMPTY or a key */
    size_t mask;    /* slots - 1, slots a power of two */
    unsigned shift; /* 64 - log2(slots) */
    size_t count;
} bigram_set;

static size_t hash_index(uint64_t key, unsigned shift)
{
    return (size_t)((key * EVAL_HASH_MUL) >> shift);
}

static void bigram_set_build(bigram_set *bs, const uint32_t *cp, size_t n)
{
    size_t want = n > 1 ? (n - 1) * EVAL_HASH_LOAD_INV : 0;
    size_t slots = EVAL_HASH_MIN_SLOTS;
    unsigned bits = 3;
    while (slots < want) {
        slots *= 2;
        bits++;
    }
    bs->slot = bs_xmalloc(slots * sizeof(uint64_t));
    memset(bs->slot, 0xFF, slots * sizeof(uint64_t));
    bs->mask = slots - 1;
    bs->shift = 64 - bits;
    bs->count = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        uint64_t key = ((uint64_t)cp[i] << 32) | cp[i + 1];
        size_t h = hash_index(key, bs->shift);
        while (bs->slot[h] != EVAL_BIGRAM_EMPTY && bs->slot[h] != key)
            h = (h + 1) & bs->mask;
        if (bs->slot[h] == EVAL_BIGRAM_EMPTY) {
            bs->slot[h] = key;
            bs->count++;
        }
    }
}

static int bigram_set_has(const bigram_set *bs, uint64_t key)
{
    size_t h = hash_index(key, bs->shift);
    while (bs->slot[h] != EVAL_BIGRAM_EMPTY) {
        if (bs->slot[h] == key)
            return 1;
        h = (h + 1) & bs->mask;
    }
    return 0;
}

/* |a & b|: probe the larger set with each key of the smaller. */
static size_t bigram_set_shared(const bigram_set *a, const bigram_set *b)
{
    if (a->count > b->count) {
        const bigram_set *t = a;
        a = b;
        b = t;
    }
    size_t shared = 0;
    if (a->count == 0)
        return 0;
    for (size_t i = 0; i <= a->mask; i++)
        if (a->slot[i] != EVAL_BIGRAM_EMPTY && bigram_set_has(b, a->slot[i]))
            shared++;
    return shared;
}

/* ======================================================================
 * Word error rate
 * ====================================================================== */

/* Characters that make a token of their own (CJK scripts are not written
 * with spaces between words). */
static int is_cjk_token_char(uint32_t c)
{
    return bs_unicode_is_cjk(c) || bs_unicode_is_cjk_punct(c) ||
           (c >= 0x3040 && c <= 0x30FF) || /* hiragana, katakana */
           (c >= 0x31F0 && c <= 0x31FF) || /* katakana extension */
           (c >= 0xAC00 && c <= 0xD7A3);   /* hangul syllables */
}

typedef struct token {
    const uint32_t *p;
    size_t len;
} token;

typedef struct token_list {
    token *v;
    size_t n, cap;
} token_list;

static void tokenize(const uint32_t *cp, size_t n, token_list *tl)
{
    size_t i = 0;
    while (i < n) {
        if (bs_unicode_is_space(cp[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (!is_cjk_token_char(cp[i]))
            while (j < n && !bs_unicode_is_space(cp[j]) && !is_cjk_token_char(cp[j]))
                j++;
        BS_ARRAY_GROW(tl->v, tl->cap, tl->n + 1);
        tl->v[tl->n].p = cp + i;
        tl->v[tl->n].len = j - i;
        tl->n++;
        i = j;
    }
}

static uint64_t token_hash(const token *t)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a offset basis */
    for (size_t i = 0; i < t->len; i++)
        h = (h ^ t->p[i]) * 0x100000001b3ull; /* FNV-1a prime */
    return h;
}

/* Map each token of a and b to a small integer, equal tokens to equal
 * ids, so that the edit distance can run on uint32_t arrays. */
static void intern_tokens(const token_list *a, const token_list *b, uint32_t *ida,
                          uint32_t *idb)
{
    size_t total = a->n + b->n;
    size_t slots = EVAL_HASH_MIN_SLOTS;
    unsigned bits = 3;
    while (slots < total * EVAL_HASH_LOAD_INV) {
        slots *= 2;
        bits++;
    }
    /* slot: index + 1 of the first token with that text (0 = empty), in
     * the concatenation of a and b. */
    size_t *slot = bs_xcalloc(slots, sizeof(size_t));
    uint32_t *id_of = bs_xmalloc((total ? total : 1) * sizeof(uint32_t));
    uint32_t next = 0;
    for (size_t k = 0; k < total; k++) {
        const token *t = k < a->n ? &a->v[k] : &b->v[k - a->n];
        size_t h = hash_index(token_hash(t), 64 - bits);
        for (;;) {
            if (slot[h] == 0) {
                slot[h] = k + 1;
                id_of[k] = next++;
                break;
            }
            size_t o = slot[h] - 1;
            const token *u = o < a->n ? &a->v[o] : &b->v[o - a->n];
            if (u->len == t->len && memcmp(u->p, t->p, t->len * sizeof(uint32_t)) == 0) {
                id_of[k] = id_of[o];
                break;
            }
            h = (h + 1) & (slots - 1);
        }
        if (k < a->n)
            ida[k] = id_of[k];
        else
            idb[k - a->n] = id_of[k];
    }
    free(id_of);
    free(slot);
}

static double word_error_rate(const bs_eval_article *g, const bs_eval_article *o)
{
    token_list ta = {0}, tb = {0};
    tokenize(g->words, g->nwords, &ta);
    tokenize(o->words, o->nwords, &tb);
    uint32_t *ida = bs_xmalloc((ta.n ? ta.n : 1) * sizeof(uint32_t));
    uint32_t *idb = bs_xmalloc((tb.n ? tb.n : 1) * sizeof(uint32_t));
    intern_tokens(&ta, &tb, ida, idb);
    size_t d = bs_edit_distance(ida, ta.n, idb, tb.n);
    double wer = (double)d / (double)(ta.n ? ta.n : 1);
    free(ida);
    free(idb);
    free(ta.v);
    free(tb.v);
    return wer < 1.0 ? wer : 1.0;
}

/* ======================================================================
 * Scoring
 * ====================================================================== */

/* min(1, lev(t, o) / max(1, len(t))), as score.py. */
static double char_error_rate(const uint32_t *t, size_t nt, const uint32_t *o, size_t no)
{
    size_t d = bs_edit_distance(t, nt, o, no);
    double cer = (double)d / (double)(nt ? nt : 1);
    return cer < 1.0 ? cer : 1.0;
}

static int same_pages(const bs_eval_article *a, const bs_eval_article *b)
{
    if (a->npages != b->npages)
        return 0;
    for (size_t i = 0; i < a->npages; i++)
        if (a->pages[i] != b->pages[i])
            return 0;
    return 1;
}

void bs_eval_result_finish(bs_eval_result *r)
{
    r->aca = r->acc_sum / (r->len_sum > 1 ? r->len_sum : 1);
    r->complete = (double)r->n_complete / (double)(r->n_articles ? r->n_articles : 1);
    r->has_jump_recall = r->n_jumps > 0;
    r->jump_recall = r->n_jumps ? (double)r->n_jumps_ok / (double)r->n_jumps : 0;
    r->has_jump_precision = r->n_claimed > 0;
    r->jump_precision = r->n_claimed ? (double)r->n_claimed_ok / (double)r->n_claimed : 0;
    r->title_acc = r->title_sum / (double)(r->n_titles ? r->n_titles : 1);
}

int bs_eval_score(const bs_eval_doc *gt, const bs_eval_doc *out, bs_eval_result *res)
{
    memset(res, 0, sizeof(*res));
    size_t ng = gt->narticles, no = out->narticles;
    res->n_articles = ng;
    res->n_out = no;
    res->narticles = ng;
    res->articles = bs_xcalloc(ng ? ng : 1, sizeof(bs_eval_article_score));

    bigram_set *obg = bs_xcalloc(no ? no : 1, sizeof(bigram_set));
    for (size_t o = 0; o < no; o++)
        bigram_set_build(&obg[o], out->articles[o].body, out->articles[o].nbody);
    /* For each output article, the best (least cer, then first) true
     * article that matched it: score.py's best_of with min(). */
    double *best_cer = bs_xmalloc((no ? no : 1) * sizeof(double));
    long *best_gt = bs_xmalloc((no ? no : 1) * sizeof(long));
    for (size_t o = 0; o < no; o++)
        best_gt[o] = -1;

    for (size_t gi = 0; gi < ng; gi++) {
        const bs_eval_article *g = &gt->articles[gi];
        bs_eval_article_score *as = &res->articles[gi];
        as->gt = gi;
        as->match = -1;
        as->chars = g->nbody;
        as->cer = 1.0;
        as->wer = 1.0;
        as->title_acc = -1;
        as->multi_page = g->npages > 1;
        bigram_set gb;
        bigram_set_build(&gb, g->body, g->nbody);
        long bo = -1;
        size_t best = 0;
        for (size_t o = 0; o < no; o++) {
            size_t inter = bigram_set_shared(&gb, &obg[o]);
            if (bo < 0 || inter > best) {
                best = inter;
                bo = (long)o;
            }
        }
        free(gb.slot);
        if (bo >= 0) {
            const bs_eval_article *m = &out->articles[bo];
            as->match = bo;
            as->shared_bigrams = best;
            as->cer = char_error_rate(g->body, g->nbody, m->body, m->nbody);
            as->wer = word_error_rate(g, m);
            if (best_gt[bo] < 0 || as->cer < best_cer[bo]) {
                best_cer[bo] = as->cer;
                best_gt[bo] = (long)gi;
            }
            as->title_acc = 1.0 - char_error_rate(g->title, g->ntitle, m->title, m->ntitle);
            res->title_sum += as->title_acc;
            res->n_titles++;
        }
        double len = (double)g->nbody;
        res->len_sum += len;
        res->acc_sum += len * (1.0 - as->cer);
        res->n_complete += as->cer <= BS_EVAL_COMPLETE_CER;
        if (as->multi_page) {
            res->n_jumps++;
            res->n_jumps_ok += as->cer <= BS_EVAL_JUMP_CER;
        }
    }
    for (size_t o = 0; o < no; o++) {
        if (out->articles[o].npages <= 1)
            continue;
        res->n_claimed++;
        if (best_gt[o] >= 0 && best_cer[o] <= BS_EVAL_JUMP_CER &&
            same_pages(&gt->articles[best_gt[o]], &out->articles[o]))
            res->n_claimed_ok++;
    }
    for (size_t o = 0; o < no; o++)
        free(obg[o].slot);
    free(obg);
    free(best_cer);
    free(best_gt);
    bs_eval_result_finish(res);
    return 0;
}

void bs_eval_result_merge(bs_eval_result *t, const bs_eval_result *r)
{
    t->len_sum += r->len_sum;
    t->acc_sum += r->acc_sum;
    t->n_articles += r->n_articles;
    t->n_complete += r->n_complete;
    t->n_jumps += r->n_jumps;
    t->n_jumps_ok += r->n_jumps_ok;
    t->n_claimed += r->n_claimed;
    t->n_claimed_ok += r->n_claimed_ok;
    t->n_titles += r->n_titles;
    t->title_sum += r->title_sum;
    t->n_out += r->n_out;
    bs_eval_result_finish(t);
}

void bs_eval_result_release(bs_eval_result *res)
{
    free(res->articles);
    memset(res, 0, sizeof(*res));
}

/* ======================================================================
 * JSON output
 * ====================================================================== */

/* Decimals kept in written scores: score.py's round(x, 4). */
#define EVAL_JSON_DECIMALS 4

/* A score as Python prints round(x, 4): correctly rounded (glibc's printf
 * rounds the exact binary value, as Python's round does), trailing zeros
 * dropped but one decimal kept ("1.0", "0.95"). */
static void add_score(bs_strbuf *sb, double x)
{
    char buf[64];
    if (!isfinite(x))
        x = 0;
    snprintf(buf, sizeof(buf), "%.*f", EVAL_JSON_DECIMALS, x);
    size_t n = strlen(buf);
    while (n >= 2 && buf[n - 1] == '0' && buf[n - 2] != '.')
        n--;
    bs_strbuf_add(sb, buf, n);
}

void bs_eval_json_string(bs_strbuf *sb, const char *s)
{
    bs_strbuf_addch(sb, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            bs_strbuf_addstr(sb, "\\\"");
            break;
        case '\\':
            bs_strbuf_addstr(sb, "\\\\");
            break;
        case '\n':
            bs_strbuf_addstr(sb, "\\n");
            break;
        case '\r':
            bs_strbuf_addstr(sb, "\\r");
            break;
        case '\t':
            bs_strbuf_addstr(sb, "\\t");
            break;
        default:
            if (*p < 0x20)
                bs_strbuf_addf(sb, "\\u%04x", *p);
            else
                bs_strbuf_addch(sb, *p);
        }
    }
    bs_strbuf_addch(sb, '"');
}

void bs_eval_result_to_json(const bs_eval_result *res, const bs_eval_doc *gt, int per_article,
                            int close, bs_strbuf *sb)
{
    bs_strbuf_addstr(sb, "{\"aca\": ");
    add_score(sb, res->aca);
    bs_strbuf_addstr(sb, ", \"complete\": ");
    add_score(sb, res->complete);
    bs_strbuf_addstr(sb, ", \"jump_recall\": ");
    if (res->has_jump_recall)
        add_score(sb, res->jump_recall);
    else
        bs_strbuf_addstr(sb, "null");
    bs_strbuf_addstr(sb, ", \"jump_precision\": ");
    if (res->has_jump_precision)
        add_score(sb, res->jump_precision);
    else
        bs_strbuf_addstr(sb, "null");
    bs_strbuf_addstr(sb, ", \"title_acc\": ");
    add_score(sb, res->title_acc);
    bs_strbuf_addf(sb, ", \"n_articles\": %zu, \"n_jumps\": %zu, \"n_out\": %zu", res->n_articles,
                   res->n_jumps, res->n_out);
    if (per_article) {
        bs_strbuf_addstr(sb, ", \"articles\": [");
        for (size_t i = 0; i < res->narticles; i++) {
            const bs_eval_article_score *a = &res->articles[i];
            const bs_eval_article *ga =
                gt && a->gt < gt->narticles ? &gt->articles[a->gt] : NULL;
            bs_strbuf_addf(sb, "%s{\"gt\": %zu", i ? ", " : "", a->gt);
            if (ga && ga->id_json)
                bs_strbuf_addf(sb, ", \"id\": %s", ga->id_json);
            if (ga) {
                bs_strbuf_addstr(sb, ", \"title\": ");
                bs_eval_json_string(sb, ga->title_raw);
            }
            if (a->match >= 0)
                bs_strbuf_addf(sb, ", \"match\": %ld", a->match);
            else
                bs_strbuf_addstr(sb, ", \"match\": null");
            bs_strbuf_addf(sb, ", \"chars\": %zu, \"shared_bigrams\": %zu, \"cer\": ", a->chars,
                           a->shared_bigrams);
            add_score(sb, a->cer);
            bs_strbuf_addstr(sb, ", \"wer\": ");
            add_score(sb, a->wer);
            bs_strbuf_addstr(sb, ", \"title_acc\": ");
            if (a->title_acc >= 0)
                add_score(sb, a->title_acc);
            else
                bs_strbuf_addstr(sb, "null");
            bs_strbuf_addf(sb, ", \"multi_page\": %s}", a->multi_page ? "true" : "false");
        }
        bs_strbuf_addch(sb, ']');
    }
    if (close)
        bs_strbuf_addch(sb, '}');
}
