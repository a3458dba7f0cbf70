/*
 * issue_json.c - the issue model to and from JSON; see issue_json.h.
 *
 * Writing builds a jansson tree and dumps it; reading walks the tree with
 * small typed getters that record the first error with a JSON path
 * ("pages[1].regions[3].box"), so a malformed file gets a message a person
 * can act on.  jansson keeps keys in insertion order with JSON_PRESERVE_ORDER,
 * which makes output deterministic (byte-identical reruns matter for
 * resumable batches).
 */
#include "issue_json.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "intmath.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* ---- writing ------------------------------------------------------------ */

json_t *bs_json_string(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (!v) {
        /* jansson refuses bytes that are not UTF-8 (a file name in
         * Latin-1, a broken OCR string): write them as U+FFFD rather than
         * lose the value. */
        char *fixed = bs_utf8_lossy(s, NULL);
        v = json_string(fixed);
        free(fixed);
    }
    return v ? v : json_null();
}

json_t *bs_json_rounded(double v, double scale)
{
    return json_real(round(v * scale) / scale + 0.0);
}

/* Percent sign, and bytes below and above printable ASCII, are escaped as
 * %XX in "image_bytes". */
#define IMAGE_BYTES_ESCAPE_LOW 0x20
#define IMAGE_BYTES_ESCAPE_HIGH 0x7f

/* The bytes of a file name percent-encoded ("bad\xff.png" ->
 * "bad%FF.png"), for "image_bytes".  Caller frees. */
static char *percent_encode(const char *s)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '%' || *c < IMAGE_BYTES_ESCAPE_LOW || *c >= IMAGE_BYTES_ESCAPE_HIGH)
            bs_strbuf_addf(&sb, "%%%02X", *c);
        else
            bs_strbuf_addch(&sb, (char)*c);
    }
    return bs_strbuf_detach(&sb);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The bytes percent_encode encoded, or NULL when s is malformed (a '%'
 * not followed by two hex digits, or %00).  Caller frees. */
static char *percent_decode(const char *s)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    for (const char *c = s; *c; c++) {
        if (*c != '%') {
            bs_strbuf_addch(&sb, *c);
            continue;
        }
        int hi = hex_value(c[1]), lo = hi < 0 ? -1 : hex_value(c[2]);
        if (lo < 0 || (hi == 0 && lo == 0)) {
            bs_strbuf_release(&sb);
            return NULL;
        }
        bs_strbuf_addch(&sb, (char)(hi * 16 + lo));
        c += 2;
    }
    return bs_strbuf_detach(&sb);
}

/* Confidences are written with 3 decimals: enough for QC thresholds, and
 * stable across runs (no float noise in diffs). */
static json_t *conf_json(float c)
{
    if (c < 0)
        return json_null();
    return json_real((double)((long)(c * 1000.0f + 0.5f)) / 1000.0);
}

static json_t *box_json(bs_box b)
{
    return json_pack("[iiii]", b.x, b.y, b.w, b.h);
}

static json_t *line_json(const bs_line *l)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", bs_json_string(l->text ? l->text : ""));
    json_object_set_new(o, "box", box_json(l->box));
    json_object_set_new(o, "conf", conf_json(l->conf));
    if (l->nwords) {
        json_t *words = json_array();
        for (size_t i = 0; i < l->nwords; i++) {
            const bs_word *w = &l->words[i];
            json_array_append_new(words, json_pack("{s:o,s:o,s:o}", "text",
                                                   bs_json_string(w->text ? w->text : ""),
                                                   "box", box_json(w->box), "conf",
                                                   conf_json(w->conf)));
        }
        json_object_set_new(o, "words", words);
    }
    return o;
}

static json_t *region_json(const bs_issue *issue, const bs_region *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", bs_json_string(r->id));
    json_object_set_new(o, "role", json_string(bs_role_name(r->role)));
    json_object_set_new(o, "box", box_json(r->box));
    json_object_set_new(o, "order", json_integer(r->order));
    json_object_set_new(o, "conf", conf_json(r->conf));
    json_object_set_new(o, "direction",
                        json_string(r->direction == BS_DIR_VERTICAL_RL ? "vertical-rl" : "horizontal"));
    json_object_set_new(o, "column", json_integer(r->column));
    json_object_set_new(o, "columns_spanned", json_integer(r->columns_spanned));
    json_object_set_new(o, "text_height", bs_json_rounded(r->text_height, 10));
    const char *art = NULL;
    if (r->article >= 0 && (size_t)r->article < issue->narticles)
        art = issue->articles[r->article].id;
    json_object_set_new(o, "article", bs_json_string(art));
    json_object_set_new(o, "next", bs_json_string(r->next_id));
    json_t *lines = json_array();
    for (size_t i = 0; i < r->nlines; i++)
        json_array_append_new(lines, line_json(&r->lines[i]));
    json_object_set_new(o, "lines", lines);
    return o;
}

json_t *bs_issue_json_page(const bs_issue *issue, const bs_page *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "number", json_integer(p->number));
    json_object_set_new(o, "label", bs_json_string(p->label));
    json_object_set_new(o, "image", bs_json_string(p->image_path));
    if (p->image_path && bs_utf8_validate(p->image_path, strlen(p->image_path), NULL) != 0) {
        /* "image" holds the name with U+FFFD for its non-UTF-8 bytes;
         * the exact bytes, to find the file again, go here. */
        char *enc = percent_encode(p->image_path);
        json_object_set_new(o, "image_bytes", json_string(enc));
        free(enc);
    }
    json_object_set_new(o, "image_index", json_integer(p->image_index));
    if (!bs_box_empty(p->source_box))
        json_object_set_new(o, "source_box", box_json(p->source_box));
    json_object_set_new(o, "width", json_integer(p->width));
    json_object_set_new(o, "height", json_integer(p->height));
    json_object_set_new(o, "dpi", json_integer(p->dpi));
    json_object_set_new(o, "skew_deg", bs_json_rounded(p->skew_deg, 1000));
    json_object_set_new(o, "lang", bs_json_string(p->lang));
    json_object_set_new(o, "error", bs_json_string(p->error));
    json_t *secs = json_object();
    for (int s = 0; s < BS_STAGE_COUNT; s++)
        json_object_set_new(secs, bs_stage_name((bs_stage)s),
                            bs_json_rounded(p->seconds[s], 1e4));
    json_object_set_new(o, "seconds", secs);
    json_t *regions = json_array();
    for (size_t i = 0; i < p->nregions; i++)
        json_array_append_new(regions, region_json(issue, &p->regions[i]));
    json_object_set_new(o, "regions", regions);
    return o;
}

static json_t *string_array(char **items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, bs_json_string(items[i]));
    return a;
}

json_t *bs_issue_json_article(const bs_article *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", bs_json_string(a->id));
    json_object_set_new(o, "kicker", bs_json_string(a->kicker));
    json_object_set_new(o, "title", bs_json_string(a->title));
    json_object_set_new(o, "deck", bs_json_string(a->deck));
    json_object_set_new(o, "byline", bs_json_string(a->byline));
    char *text = bs_article_text(a);
    json_object_set_new(o, "text", bs_json_string(text));
    free(text);
    json_object_set_new(o, "captions", string_array(a->captions, a->ncaptions));
    int pages[256];
    size_t np = bs_article_pages(a, pages, sizeof(pages) / sizeof(pages[0]));
    json_t *pj = json_array();
    for (size_t i = 0; i < np; i++)
        json_array_append_new(pj, json_integer(pages[i]));
    json_object_set_new(o, "pages", pj);
    json_t *parts = json_array();
    for (size_t i = 0; i < a->nparts; i++)
        json_array_append_new(parts, json_pack("{s:i,s:o}", "page", a->parts[i].page, "regions",
                                               string_array(a->parts[i].regions,
                                                            a->parts[i].nregions)));
    json_object_set_new(o, "parts", parts);
    json_t *jumps = json_array();
    for (size_t i = 0; i < a->njumps; i++) {
        const bs_jump *j = &a->jumps[i];
        json_t *jo = json_object();
        json_object_set_new(jo, "from_page", json_integer(j->from_page));
        json_object_set_new(jo, "to_page", json_integer(j->to_page));
        json_object_set_new(jo, "out", bs_json_string(j->out_text));
        json_object_set_new(jo, "in", bs_json_string(j->in_text));
        json_object_set_new(jo, "out_region", bs_json_string(j->out_region));
        json_object_set_new(jo, "in_region", bs_json_string(j->in_region));
        json_object_set_new(jo, "score", conf_json(j->score));
        json_array_append_new(jumps, jo);
    }
    json_object_set_new(o, "jumps", jumps);
    json_object_set_new(o, "confidence", conf_json(a->confidence));
    json_object_set_new(o, "continuation", json_boolean(a->continuation));
    json_object_set_new(o, "jump_out_line", bs_json_string(a->jump_out_line));
    json_object_set_new(o, "jump_out_region", bs_json_string(a->jump_out_region));
    json_object_set_new(o, "jump_in_line", bs_json_string(a->jump_in_line));
    json_object_set_new(o, "jump_in_region", bs_json_string(a->jump_in_region));
    json_object_set_new(o, "continuation_head", bs_json_string(a->cont_head));
    return o;
}

json_t *bs_issue_json_unmatched(const bs_unmatched_jump *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "page", json_integer(u->page));
    json_object_set_new(o, "direction", bs_json_string(u->direction));
    json_object_set_new(o, "text", bs_json_string(u->text));
    json_object_set_new(o, "region", bs_json_string(u->region));
    json_object_set_new(o, "target_page", json_integer(u->target_page));
    json_object_set_new(o, "reason", bs_json_string(u->reason));
    return o;
}

json_t *bs_issue_json_qc(const bs_qc_event *e)
{
    return json_pack("{s:o,s:i,s:o}", "kind", bs_json_string(e->kind), "page", e->page, "detail",
                     bs_json_string(e->detail ? e->detail : ""));
}

size_t bs_issue_json_dump_flags(int pretty)
{
    return JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | (pretty ? JSON_INDENT(1) : JSON_COMPACT);
}

char *bs_issue_to_json(const bs_issue *issue, int pretty)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string(BS_ISSUE_FORMAT));
    json_object_set_new(root, "id", bs_json_string(issue->id));
    json_object_set_new(root, "lang", bs_json_string(issue->lang));
    json_t *arts = json_array();
    for (size_t i = 0; i < issue->narticles; i++)
        json_array_append_new(arts, bs_issue_json_article(&issue->articles[i]));
    json_object_set_new(root, "articles", arts);
    json_t *pages = json_array();
    for (size_t i = 0; i < issue->npages; i++)
        json_array_append_new(pages, bs_issue_json_page(issue, &issue->pages[i]));
    json_object_set_new(root, "pages", pages);
    json_t *um = json_array();
    for (size_t i = 0; i < issue->nunmatched; i++)
        json_array_append_new(um, bs_issue_json_unmatched(&issue->unmatched[i]));
    json_object_set_new(root, "unmatched_jumps", um);
    json_t *qc = json_array();
    for (size_t i = 0; i < issue->nqc; i++)
        json_array_append_new(qc, bs_issue_json_qc(&issue->qc[i]));
    json_object_set_new(root, "qc", qc);

    char *s = json_dumps(root, bs_issue_json_dump_flags(pretty));
    json_decref(root);
    if (!s) {
        /* Only possible on allocation failure or invalid UTF-8 in a string;
         * the model holds validated UTF-8, so treat as out of memory. */
        fprintf(stderr, "broadsheet: cannot serialise issue to JSON\n");
        abort();
    }
    /* jansson allocates with malloc by default; hand the caller a buffer
     * with a trailing newline so files end cleanly. */
    size_t n = strlen(s);
    char *out = bs_xmalloc(n + 2);
    memcpy(out, s, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    free(s);
    return out;
}

int bs_issue_write_json_file(const bs_issue *issue, const char *path, bs_error *err)
{
    char *s = bs_issue_to_json(issue, 1);
    int rc = bs_write_file_atomic(path, s, strlen(s), err);
    free(s);
    return rc;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
    const char *name;
    bs_error *err;
    int failed;
    bs_strbuf path; /* JSON path of the value being read, for messages */
    const bs_issue_json_limits *lim;
} reader;

bs_issue_json_limits bs_issue_json_limits_default(void)
{
    bs_issue_json_limits l;
    l.max_bytes = BS_JSON_MAX_BYTES_DEFAULT;
    l.max_line_bytes = BS_JSON_MAX_LINE_BYTES_DEFAULT;
    l.max_regions_per_page = BS_JSON_MAX_REGIONS_DEFAULT;
    l.require_pages = 1;
    return l;
}

static void rd_fail_code(reader *rd, int code, const char *what)
{
    if (rd->failed)
        return;
    rd->failed = 1;
    bs_error_set(rd->err, code, "%s: %s%s%s", rd->name, rd->path.buf, rd->path.len ? ": " : "",
                 what);
}

static void rd_fail(reader *rd, const char *what)
{
    rd_fail_code(rd, BS_ERR_FORMAT, what);
}

/* An article id names report files (crops/<id>-N.jpg) and HTML anchors,
 * so it must be a plain token: 1..JSON_ARTICLE_ID_MAX bytes of ASCII
 * letters, digits, '_', '-' or '.', not starting with '.'. */
#define JSON_ARTICLE_ID_MAX 64

static int safe_article_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > JSON_ARTICLE_ID_MAX || id[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

static size_t rd_push(reader *rd, const char *key, long index)
{
    size_t saved = rd->path.len;
    if (key)
        bs_strbuf_addf(&rd->path, "%s%s", rd->path.len ? "." : "", key);
    else
        bs_strbuf_addf(&rd->path, "[%ld]", index);
    return saved;
}

static void rd_pop(reader *rd, size_t saved)
{
    bs_strbuf_setlen(&rd->path, saved);
}

/* Copy of an optional string member (NULL if absent or null). */
static char *rd_str(reader *rd, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        size_t s = rd_push(rd, key, 0);
        rd_fail(rd, "expected a string");
        rd_pop(rd, s);
        return NULL;
    }
    return bs_xstrdup(json_string_value(v));
}

/* A limit exceeded at field key of the value being read: BS_ERR_LIMIT
 * with the JSON path and the printf-style reason. */
static void rd_fail_limit(reader *rd, const char *key, const char *fmt, ...)
{
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    size_t s = rd_push(rd, key, 0);
    rd_fail_code(rd, BS_ERR_LIMIT, why);
    rd_pop(rd, s);
}

static long rd_int(reader *rd, json_t *obj, const char *key, long dflt, long lo, long hi)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return dflt;
    size_t s = rd_push(rd, key, 0);
    long r = dflt;
    if (!json_is_integer(v))
        rd_fail(rd, "expected an integer");
    else if (json_integer_value(v) < lo || json_integer_value(v) > hi)
        rd_fail(rd, "integer out of range");
    else
        r = (long)json_integer_value(v);
    rd_pop(rd, s);
    return r;
}

/* Largest magnitude of a real-valued field (confidences, heights in px,
 * skew in degrees, seconds, scores): 1e9 is 30 years of seconds, and it
 * keeps the writer's rounding (bs_json_rounded, to 1e-4) exact. */
#define JSON_NUM_MAX 1e9

static double rd_num(reader *rd, json_t *obj, const char *key, double dflt)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return dflt;
    if (!json_is_number(v) || !(fabs(json_number_value(v)) <= JSON_NUM_MAX)) {
        size_t s = rd_push(rd, key, 0);
        rd_fail(rd, json_is_number(v) ? "number out of range" : "expected a number");
        rd_pop(rd, s);
        return dflt;
    }
    return json_number_value(v);
}

/* Largest coordinate accepted: pages beyond this are refused at load time
 * anyway (see image_load.h), and it keeps w*h within a long. */
#define JSON_COORD_MAX 1000000

/* Member key of obj as a box; when required (a region's: without one it
 * would be ordered and drawn as [0, 0, 0, 0]), a missing or null box is
 * refused, else it reads as that empty box. */
static bs_box rd_box_of(reader *rd, json_t *obj, const char *key, int required)
{
    bs_box b = {0, 0, 0, 0};
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required) {
            size_t s = rd_push(rd, key, 0);
            rd_fail(rd, v ? "expected [x, y, w, h], not null" : "missing (expected [x, y, w, h])");
            rd_pop(rd, s);
        }
        return b;
    }
    size_t s = rd_push(rd, key, 0);
    int vals[4] = {0, 0, 0, 0};
    if (!json_is_array(v) || json_array_size(v) != 4) {
        rd_fail(rd, "expected [x, y, w, h]");
    } else {
        for (size_t i = 0; i < 4; i++) {
            json_t *e = json_array_get(v, i);
            if (!json_is_integer(e) || json_integer_value(e) < -JSON_COORD_MAX ||
                json_integer_value(e) > JSON_COORD_MAX) {
                rd_fail(rd, "box values must be integers within range");
                break;
            }
            vals[i] = (int)json_integer_value(e);
        }
        if (vals[2] < 0 || vals[3] < 0)
            rd_fail(rd, "box width and height must not be negative");
    }
    rd_pop(rd, s);
    b = (bs_box){vals[0], vals[1], vals[2], vals[3]};
    return b;
}

/* An optional box (lines and words: an importer may know only the
 * region's). */
static bs_box rd_box(reader *rd, json_t *obj, const char *key)
{
    return rd_box_of(rd, obj, key, 0);
}

static json_t *rd_array(reader *rd, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_array(v)) {
        size_t s = rd_push(rd, key, 0);
        rd_fail(rd, "expected an array");
        rd_pop(rd, s);
        return NULL;
    }
    return v;
}

static int rd_is_object(reader *rd, json_t *v)
{
    if (json_is_object(v))
        return 1;
    rd_fail(rd, "expected an object");
    return 0;
}

static float rd_conf(reader *rd, json_t *obj, const char *key)
{
    return (float)rd_num(rd, obj, key, -1.0);
}

static void read_line(reader *rd, bs_region *r, json_t *lo)
{
    char *text = rd_str(rd, lo, "text");
    if (text && (long)strlen(text) > rd->lim->max_line_bytes) {
        rd_fail_limit(rd, "text", "line of %zu bytes exceeds the limit of %ld bytes (--max-line-bytes)",
                      strlen(text), rd->lim->max_line_bytes);
        text[0] = '\0';
    }
    bs_line *l = bs_region_add_line(r, text, rd_box(rd, lo, "box"), rd_conf(rd, lo, "conf"));
    free(text);
    json_t *words = rd_array(rd, lo, "words");
    size_t i;
    json_t *wo;
    json_array_foreach(words, i, wo)
    {
        size_t s = rd_push(rd, "words", 0);
        size_t s2 = rd_push(rd, NULL, (long)i);
        if (rd_is_object(rd, wo)) {
            char *wt = rd_str(rd, wo, "text");
            bs_line_add_word(l, wt, rd_box(rd, wo, "box"), rd_conf(rd, wo, "conf"));
            free(wt);
        }
        rd_pop(rd, s2);
        rd_pop(rd, s);
    }
}

/* Region "article" members name article ids; resolved after articles load. */
typedef struct pending_link {
    size_t page, region;
    char *article_id;
} pending_link;

static void read_region(reader *rd, bs_page *p, json_t *ro, pending_link **links, size_t *nlinks,
                        size_t *links_cap)
{
    char *id = rd_str(rd, ro, "id");
    char *role = rd_str(rd, ro, "role");
    bs_region *r = bs_page_add_region(p, bs_role_from_name(role), rd_box_of(rd, ro, "box", 1));
    free(role);
    if (id) {
        if (strlen(id) >= sizeof(r->id))
            rd_fail(rd, "region id too long");
        else
            memcpy(r->id, id, strlen(id) + 1);
        free(id);
    }
    r->order = (int)rd_int(rd, ro, "order", -1, -1, 10000000);
    r->conf = rd_conf(rd, ro, "conf");
    char *dir = rd_str(rd, ro, "direction");
    r->direction = dir && strcmp(dir, "vertical-rl") == 0 ? BS_DIR_VERTICAL_RL : BS_DIR_HORIZONTAL;
    free(dir);
    r->column = (int)rd_int(rd, ro, "column", -1, -1, 10000);
    r->columns_spanned = (int)rd_int(rd, ro, "columns_spanned", 1, 0, 10000);
    r->text_height = (float)rd_num(rd, ro, "text_height", 0);
    r->next_id = rd_str(rd, ro, "next");
    char *art = rd_str(rd, ro, "article");
    if (art) {
        BS_ARRAY_GROW(*links, *links_cap, *nlinks + 1);
        (*links)[(*nlinks)++] = (pending_link){0, p->nregions - 1, art};
    }
    json_t *lines = rd_array(rd, ro, "lines");
    size_t i;
    json_t *lo;
    json_array_foreach(lines, i, lo)
    {
        size_t s = rd_push(rd, "lines", 0);
        size_t s2 = rd_push(rd, NULL, (long)i);
        if (rd_is_object(rd, lo))
            read_line(rd, r, lo);
        rd_pop(rd, s2);
        rd_pop(rd, s);
    }
}

static void read_page(reader *rd, bs_issue *issue, json_t *po, pending_link **links,
                      size_t *nlinks, size_t *links_cap)
{
    int number = (int)rd_int(rd, po, "number", (long)issue->npages + 1, 0, 1000000);
    bs_page *p = bs_issue_add_page(issue, number);
    p->label = rd_str(rd, po, "label");
    p->image_path = rd_str(rd, po, "image");
    char *bytes = rd_str(rd, po, "image_bytes");
    if (bytes) {
        /* The file name's exact bytes when they are not UTF-8. */
        char *raw = percent_decode(bytes);
        if (!raw) {
            size_t s = rd_push(rd, "image_bytes", 0);
            rd_fail(rd, "expected a file name with %XX escapes");
            rd_pop(rd, s);
        } else {
            free(p->image_path);
            p->image_path = raw;
        }
        free(bytes);
    }
    p->image_index = (int)rd_int(rd, po, "image_index", 0, 0, 1000000);
    p->source_box = rd_box(rd, po, "source_box"); /* written only for a half */
    p->width = (int)rd_int(rd, po, "width", 0, 0, JSON_COORD_MAX);
    p->height = (int)rd_int(rd, po, "height", 0, 0, JSON_COORD_MAX);
    p->dpi = (int)rd_int(rd, po, "dpi", 0, 0, 100000);
    p->skew_deg = rd_num(rd, po, "skew_deg", 0);
    p->lang = rd_str(rd, po, "lang");
    p->error = rd_str(rd, po, "error");
    json_t *secs = json_object_get(po, "seconds");
    if (json_is_object(secs))
        for (int s = 0; s < BS_STAGE_COUNT; s++)
            p->seconds[s] = rd_num(rd, secs, bs_stage_name((bs_stage)s), 0);
    json_t *regions = rd_array(rd, po, "regions");
    if ((long)json_array_size(regions) > rd->lim->max_regions_per_page) {
        rd_fail_limit(rd, "regions", "%zu regions exceed the limit of %ld per page (--max-regions)",
                      json_array_size(regions), rd->lim->max_regions_per_page);
        return;
    }
    size_t i;
    json_t *ro;
    size_t first_link = *nlinks;
    json_array_foreach(regions, i, ro)
    {
        size_t s = rd_push(rd, "regions", 0);
        size_t s2 = rd_push(rd, NULL, (long)i);
        if (rd_is_object(rd, ro))
            read_region(rd, p, ro, links, nlinks, links_cap);
        rd_pop(rd, s2);
        rd_pop(rd, s);
    }
    for (size_t k = first_link; k < *nlinks; k++)
        (*links)[k].page = issue->npages - 1;
}

static void read_article(reader *rd, bs_issue *issue, json_t *ao)
{
    bs_article *a = bs_issue_add_article(issue);
    char *id = rd_str(rd, ao, "id");
    if (id && !safe_article_id(id)) {
        size_t s = rd_push(rd, "id", 0);
        rd_fail(rd, "article id must be 1 to 64 ASCII letters, digits, '_', '-' or '.', "
                    "not starting with '.' (it names report files)");
        rd_pop(rd, s);
        free(id);
        id = NULL;
    }
    if (id) {
        free(a->id);
        a->id = id;
    }
    a->kicker = rd_str(rd, ao, "kicker");
    a->title = rd_str(rd, ao, "title");
    a->deck = rd_str(rd, ao, "deck");
    a->byline = rd_str(rd, ao, "byline");
    a->confidence = (float)rd_num(rd, ao, "confidence", -1);
    json_t *cont = json_object_get(ao, "continuation");
    a->continuation = json_is_true(cont);
    a->jump_out_line = rd_str(rd, ao, "jump_out_line");
    a->jump_out_region = rd_str(rd, ao, "jump_out_region");
    a->jump_in_line = rd_str(rd, ao, "jump_in_line");
    a->jump_in_region = rd_str(rd, ao, "jump_in_region");
    a->cont_head = rd_str(rd, ao, "continuation_head");

    /* Paragraphs are the lines of "text": the contract's one source. */
    char *text = rd_str(rd, ao, "text");
    if (text) {
        char *start = text;
        for (char *c = text;; c++) {
            if (*c == '\n' || *c == '\0') {
                char saved = *c;
                *c = '\0';
                if (*start)
                    bs_article_add_paragraph(a, start);
                if (!saved)
                    break;
                start = c + 1;
            }
        }
        free(text);
    }
    json_t *caps = rd_array(rd, ao, "captions");
    size_t i;
    json_t *v;
    json_array_foreach(caps, i, v)
    {
        if (json_is_string(v))
            bs_article_add_caption(a, json_string_value(v));
    }
    json_t *parts = rd_array(rd, ao, "parts");
    json_array_foreach(parts, i, v)
    {
        size_t s = rd_push(rd, "parts", 0);
        size_t s2 = rd_push(rd, NULL, (long)i);
        if (rd_is_object(rd, v)) {
            int page = (int)rd_int(rd, v, "page", 0, 0, 1000000);
            json_t *regs = rd_array(rd, v, "regions");
            size_t k;
            json_t *rid;
            size_t before = a->nparts;
            json_array_foreach(regs, k, rid)
            {
                if (json_is_string(rid))
                    bs_article_add_region(a, page, json_string_value(rid));
            }
            if (a->nparts == before) {
                /* A part with no regions still records the page. */
                BS_ARRAY_GROW(a->parts, a->parts_cap, a->nparts + 1);
                memset(&a->parts[a->nparts], 0, sizeof(a->parts[0]));
                a->parts[a->nparts++].page = page;
            }
        }
        rd_pop(rd, s2);
        rd_pop(rd, s);
    }
    json_t *jumps = rd_array(rd, ao, "jumps");
    json_array_foreach(jumps, i, v)
    {
        size_t s = rd_push(rd, "jumps", 0);
        size_t s2 = rd_push(rd, NULL, (long)i);
        if (rd_is_object(rd, v)) {
            char *out = rd_str(rd, v, "out");
            char *in = rd_str(rd, v, "in");
            bs_jump *j = bs_article_add_jump(a, (int)rd_int(rd, v, "from_page", 0, 0, 1000000),
                                             (int)rd_int(rd, v, "to_page", 0, 0, 1000000), out, in);
            j->out_region = rd_str(rd, v, "out_region");
            j->in_region = rd_str(rd, v, "in_region");
            j->score = (float)rd_num(rd, v, "score", -1);
            free(out);
            free(in);
        }
        rd_pop(rd, s2);
        rd_pop(rd, s);
    }
}

/* No two pages may share a number: it names the page's files
 * (alto/pNNN.xml, pages/pNNN.txt) and its METS ids, so one page would
 * overwrite the other.  The first repeat in file order is reported as
 * pages[j].number.  Sorting keeps this O(n log n) for the many pages of
 * a reflowed archive. */
static void check_page_numbers(reader *rd, const bs_issue *issue)
{
    if (issue->npages < 2)
        return;
    bs_keyed *v = bs_xmalloc(issue->npages * sizeof(*v));
    for (size_t k = 0; k < issue->npages; k++)
        v[k] = (bs_keyed){issue->pages[k].number, k};
    qsort(v, issue->npages, sizeof(*v), bs_cmp_keyed);
    size_t first = 0, dup = 0;
    int found = 0;
    for (size_t k = 1; k < issue->npages; k++) {
        /* Within a run of one number the indexes ascend: the run's
         * second entry is its first repeat, the first the page it
         * repeats. */
        if (v[k].key != v[k - 1].key || (k >= 2 && v[k - 2].key == v[k].key))
            continue;
        if (!found || v[k].index < dup) {
            found = 1;
            dup = v[k].index;
            first = v[k - 1].index;
        }
    }
    free(v);
    if (!found)
        return;
    char why[96];
    snprintf(why, sizeof why, "page number %d is already that of pages[%zu]",
             issue->pages[dup].number, first);
    size_t s = rd_push(rd, "pages", 0);
    size_t s2 = rd_push(rd, NULL, (long)dup);
    size_t s3 = rd_push(rd, "number", 0);
    rd_fail(rd, why);
    rd_pop(rd, s3);
    rd_pop(rd, s2);
    rd_pop(rd, s);
}

bs_issue *bs_issue_from_json(const char *text, size_t len, const char *name, bs_error *err)
{
    return bs_issue_from_json_with(text, len, name, NULL, err);
}

bs_issue *bs_issue_from_json_with(const char *text, size_t len, const char *name,
                                  const bs_issue_json_limits *lim, bs_error *err)
{
    bs_issue_json_limits def = bs_issue_json_limits_default();
    if (!lim)
        lim = &def;
    if (len > (size_t)LONG_MAX || (long)len > lim->max_bytes) {
        bs_error_set(err, BS_ERR_LIMIT, "%s: larger than the limit of %ld bytes (--max-json-bytes)",
                     name, lim->max_bytes);
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: line %d, column %d: %s", name, jerr.line, jerr.column,
                     jerr.text);
        return NULL;
    }
    reader rd = {name, err, 0, BS_STRBUF_INIT, lim};
    bs_issue *issue = bs_issue_new();
    pending_link *links = NULL;
    size_t nlinks = 0, links_cap = 0;

    if (!json_is_object(root)) {
        rd_fail(&rd, "top level must be an object");
        goto done;
    }
    json_t *fmt = json_object_get(root, "format");
    if (fmt && (!json_is_string(fmt) || strncmp(json_string_value(fmt), "broadsheet-issue/", 17) != 0)) {
        rd_fail(&rd, "not a broadsheet-issue file (\"format\" differs)");
        goto done;
    }
    if (fmt && strcmp(json_string_value(fmt), BS_ISSUE_FORMAT) != 0) {
        rd_fail(&rd, "unsupported format version (this build reads " BS_ISSUE_FORMAT ")");
        goto done;
    }
    issue->id = rd_str(&rd, root, "id");
    issue->lang = rd_str(&rd, root, "lang");

    json_t *pages = json_object_get(root, "pages");
    if (!lim->require_pages && (!pages || json_is_null(pages))) {
        pages = NULL; /* the article contract alone */
    } else if (!json_is_array(pages)) {
        /* Without pages there is nothing to reassemble or report, and
         * writing would replace earlier outputs with an empty issue. */
        size_t s = rd_push(&rd, "pages", 0);
        rd_fail(&rd, !pages ? "missing (expected an array of pages)"
                            : json_is_null(pages) ? "expected an array of pages, not null"
                                                  : "expected an array");
        rd_pop(&rd, s);
        goto done;
    }
    size_t i;
    json_t *v;
    json_array_foreach(pages, i, v)
    {
        size_t s = rd_push(&rd, "pages", 0);
        size_t s2 = rd_push(&rd, NULL, (long)i);
        if (rd_is_object(&rd, v))
            read_page(&rd, issue, v, &links, &nlinks, &links_cap);
        rd_pop(&rd, s2);
        rd_pop(&rd, s);
        if (rd.failed)
            goto done;
    }
    check_page_numbers(&rd, issue);
    if (rd.failed)
        goto done;
    json_array_foreach(rd_array(&rd, root, "articles"), i, v)
    {
        size_t s = rd_push(&rd, "articles", 0);
        size_t s2 = rd_push(&rd, NULL, (long)i);
        if (rd_is_object(&rd, v))
            read_article(&rd, issue, v);
        rd_pop(&rd, s2);
        rd_pop(&rd, s);
        if (rd.failed)
            goto done;
    }
    json_array_foreach(rd_array(&rd, root, "unmatched_jumps"), i, v)
    {
        if (!json_is_object(v))
            continue;
        char *dir = rd_str(&rd, v, "direction");
        char *t = rd_str(&rd, v, "text");
        char *reg = rd_str(&rd, v, "region");
        char *reason = rd_str(&rd, v, "reason");
        bs_issue_add_unmatched_jump(issue, (int)rd_int(&rd, v, "page", 0, 0, 1000000), dir, t, reg,
                                    (int)rd_int(&rd, v, "target_page", 0, 0, 1000000), reason);
        free(dir);
        free(t);
        free(reg);
        free(reason);
    }
    json_array_foreach(rd_array(&rd, root, "qc"), i, v)
    {
        if (!json_is_object(v))
            continue;
        char *kind = rd_str(&rd, v, "kind");
        char *detail = rd_str(&rd, v, "detail");
        bs_issue_add_qc(issue, kind ? kind : "unknown", (int)rd_int(&rd, v, "page", 0, 0, 1000000),
                        "%s", detail ? detail : "");
        free(kind);
        free(detail);
    }
    for (size_t k = 0; k < nlinks; k++) {
        for (size_t a = 0; a < issue->narticles; a++)
            if (strcmp(issue->articles[a].id, links[k].article_id) == 0)
                issue->pages[links[k].page].regions[links[k].region].article = (int)a;
    }

done:
    for (size_t k = 0; k < nlinks; k++)
        free(links[k].article_id);
    free(links);
    bs_strbuf_release(&rd.path);
    json_decref(root);
    if (rd.failed) {
        bs_issue_free(issue);
        return NULL;
    }
    return issue;
}

bs_issue *bs_issue_read_json_file(const char *path, long max_bytes, bs_error *err)
{
    bs_issue_json_limits lim = bs_issue_json_limits_default();
    if (max_bytes > 0)
        lim.max_bytes = max_bytes;
    return bs_issue_read_json_file_with(path, &lim, err);
}

bs_issue *bs_issue_read_json_file_with(const char *path, const bs_issue_json_limits *lim,
                                       bs_error *err)
{
    bs_issue_json_limits def = bs_issue_json_limits_default();
    if (!lim)
        lim = &def;
    char *text;
    size_t len;
    if (bs_read_file(path, lim->max_bytes, &text, &len, err) != 0) {
        bs_error_name_limit(err, "--max-json-bytes");
        return NULL;
    }
    bs_issue *issue = bs_issue_from_json_with(text, len, path, lim, err);
    free(text);
    return issue;
}
