/*
 * manifest.c - archive discovery and manifest CSV; see manifest.h.
 *
 * Both inputs are first flattened to rows (issue id, page number, path,
 * language, where it came from), then sorted by id and page number and
 * grouped into issues; the checks that need the whole list (duplicate
 * pages, ids that collide after sanitising) are made once, while grouping.
 */
#include "manifest.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "csv.h"
#include "xalloc.h"

/* Page numbers above this are typos, not pages: no issue has a million. */
#define MANIFEST_PAGE_MAX 1000000
/* Longest Tesseract language string accepted ("chi_sim+chi_sim_vert+eng"
 * is 24 bytes). */
#define MANIFEST_LANG_MAX 128
/* Bytes of a refused first line quoted in the error: enough to recognise
 * it, short enough for one terminal line. */
#define MANIFEST_QUOTE_MAX 60
#define MANIFEST_HEADER "issue,page,path,lang"

typedef struct row {
    char *raw_id;     /* owned, as given */
    char *id;         /* owned, sanitised */
    int number;
    char *path;       /* owned */
    char *lang;       /* owned or NULL */
    int line;         /* manifest line, 0 for a folder */
    size_t seq;       /* input order, for a stable sort */
} row;

typedef struct rows {
    row *v;
    size_t n, cap;
} rows;

static void problem(bs_manifest *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(bs_manifest *m, const char *fmt, ...)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bs_strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    BS_ARRAY_GROW(m->problems, m->problems_cap, m->nproblems + 1);
    m->problems[m->nproblems++] = bs_strbuf_detach(&sb);
}

int bs_manifest_name_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            /* Compare digit runs by value: skip leading zeros, then the
             * longer run is larger, then the first differing digit. */
            const char *sa = a, *sb = b;
            while (*sa == '0')
                sa++;
            while (*sb == '0')
                sb++;
            const char *ea = sa, *eb = sb;
            while (isdigit((unsigned char)*ea))
                ea++;
            while (isdigit((unsigned char)*eb))
                eb++;
            if (ea - sa != eb - sb)
                return ea - sa < eb - sb ? -1 : 1;
            int c = strncmp(sa, sb, (size_t)(ea - sa));
            if (c)
                return c;
            /* Equal values: "01" vs "1" falls back to byte order below. */
            if ((ea - a) != (eb - b))
                return (ea - a) > (eb - b) ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int bs_manifest_sanitize_id(const char *raw, bs_strbuf *out)
{
    bs_strbuf_reset(out);
    size_t n = strlen(raw);
    if (n == 0 || n > BS_MANIFEST_ID_MAX)
        return -1;
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)raw[i];
        int ok = isalnum(ch) || ch == '_' || ch == '-' || ch >= 0x80 || (ch == '.' && i > 0);
        if (!ok)
            changed = 1;
        bs_strbuf_addch(out, ok ? (char)ch : '_');
    }
    return changed;
}

static void rows_add(rows *r, const char *raw_id, const char *id, int number, const char *path,
                     const char *lang, int line)
{
    BS_ARRAY_GROW(r->v, r->cap, r->n + 1);
    row *w = &r->v[r->n];
    w->raw_id = bs_xstrdup(raw_id);
    w->id = bs_xstrdup(id);
    w->number = number;
    w->path = bs_xstrdup(path);
    w->lang = lang && *lang ? bs_xstrdup(lang) : NULL;
    w->line = line;
    w->seq = r->n++;
}

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].raw_id);
        free(r->v[i].id);
        free(r->v[i].path);
        free(r->v[i].lang);
    }
    free(r->v);
}

static int row_cmp(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    int c = bs_manifest_name_cmp(a->id, b->id);
    if (c)
        return c;
    if (a->number != b->number)
        return a->number < b->number ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sort rows and group them into m's issues, refusing duplicates. */
static void group_rows(bs_manifest *m, rows *r, const char *src)
{
    if (r->n == 0)
        return; /* an empty manifest: qsort must not see a NULL array */
    qsort(r->v, r->n, sizeof(*r->v), row_cmp);
    bs_manifest_issue *cur = NULL;
    const char *cur_raw = NULL;
    for (size_t i = 0; i < r->n; i++) {
        row *w = &r->v[i];
        if (!cur || strcmp(cur->id, w->id) != 0) {
            BS_ARRAY_GROW(m->issues, m->issues_cap, m->nissues + 1);
            cur = &m->issues[m->nissues++];
            memset(cur, 0, sizeof(*cur));
            cur->id = bs_xstrdup(w->id);
            cur_raw = w->raw_id;
        } else if (strcmp(cur_raw, w->raw_id) != 0) {
            if (w->line)
                problem(m, "%s:%d: issue id '%s' becomes '%s', already used by issue '%s'; line skipped",
                        src, w->line, w->raw_id, w->id, cur_raw);
            else
                problem(m, "%s: issue folder '%s' becomes '%s', already used by '%s'; skipped",
                        src, w->raw_id, w->id, cur_raw);
            continue;
        } else if (cur->npages && cur->pages[cur->npages - 1].number == w->number) {
            problem(m, "%s:%d: issue '%s' page %d listed twice; line skipped", src, w->line, w->id,
                    w->number);
            continue;
        }
        BS_ARRAY_GROW(cur->pages, cur->pages_cap, cur->npages + 1);
        bs_manifest_page *p = &cur->pages[cur->npages++];
        p->number = w->number;
        p->path = w->path;
        p->lang = w->lang;
        w->path = NULL;
        w->lang = NULL;
    }
    /* Drop issues left empty by skipped lines (only possible if the first
     * row of an id was kept, so none, but stay safe). */
    size_t k = 0;
    for (size_t i = 0; i < m->nissues; i++) {
        if (m->issues[i].npages)
            m->issues[k++] = m->issues[i];
        else
            free(m->issues[i].id);
    }
    m->nissues = k;
}

static int is_image_name(const char *name)
{
    static const char *const exts[] = {"tif", "tiff", "jpg", "jpeg", "png", "jp2", "webp"};
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
        if (strcasecmp(dot + 1, exts[i]) == 0)
            return 1;
    return 0;
}

static int str_cmp(const void *a, const void *b)
{
    return bs_manifest_name_cmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir that are not hidden; NULL if dir
 * cannot be opened. */
static char **list_dir(const char *dir, size_t *n, int *errnum)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d) {
        *errnum = errno;
        return NULL;
    }
    char **v = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        BS_ARRAY_GROW(v, cap, *n + 1);
        v[(*n)++] = bs_xstrdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(v, *n, sizeof(*v), str_cmp);
    return v;
}

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

bs_manifest *bs_manifest_from_dir(const char *dir, bs_error *err)
{
    size_t nnames;
    int errnum = 0;
    char **names = list_dir(dir, &nnames, &errnum);
    if (!names && errnum) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot open folder: %s", dir, strerror(errnum));
        return NULL;
    }
    bs_manifest *m = bs_xcalloc(1, sizeof(*m));
    rows r = {0};
    bs_strbuf id = BS_STRBUF_INIT;
    for (size_t i = 0; i < nnames; i++) {
        char *idir = bs_path_join(dir, names[i]);
        struct stat st;
        if (stat(idir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(idir);
            continue;
        }
        if (bs_manifest_sanitize_id(names[i], &id) < 0) {
            problem(m, "%s: issue folder name longer than %d bytes; skipped", idir,
                    BS_MANIFEST_ID_MAX);
            free(idir);
            continue;
        }
        size_t nfiles;
        char **files = list_dir(idir, &nfiles, &errnum);
        if (!files && errnum)
            problem(m, "%s: cannot open folder: %s", idir, strerror(errnum));
        int number = 0;
        for (size_t f = 0; f < nfiles; f++) {
            if (!is_image_name(files[f]))
                continue;
            char *path = bs_path_join(idir, files[f]);
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
                rows_add(&r, names[i], id.buf, ++number, path, NULL, 0);
            free(path);
        }
        if (number == 0 && (files || !errnum))
            problem(m, "%s: no page images (tif, tiff, jpg, jpeg, png, jp2, webp); skipped", idir);
        free_names(files, nfiles);
        free(idir);
    }
    free_names(names, nnames);
    bs_strbuf_release(&id);
    group_rows(m, &r, dir);
    rows_free(&r);
    return m;
}

static int parse_page_number(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno || v <= 0 || v > MANIFEST_PAGE_MAX)
        return -1;
    return (int)v;
}

static int valid_lang(const char *s)
{
    if (strlen(s) > MANIFEST_LANG_MAX)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '+')
            return 0;
    return 1;
}

/* 1 if rec is the header line: issue,page,path[,lang], in any case, with
 * spaces around the names allowed. */
static int is_header(const bs_csv_record *rec)
{
    static const char *const names[] = {"issue", "page", "path", "lang"};
    if (rec->nfields < 3 || rec->nfields > 4)
        return 0;
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *f = rec->fields[i];
        while (*f == ' ')
            f++;
        size_t n = strlen(names[i]);
        if (strncasecmp(f, names[i], n) != 0)
            return 0;
        f += n;
        while (*f == ' ')
            f++;
        if (*f)
            return 0;
    }
    return 1;
}

/* The start of rec for an error message: its fields joined by commas, at
 * most MANIFEST_QUOTE_MAX bytes, bytes outside printable ASCII as '?'. */
static void quote_record(const bs_csv_record *rec, bs_strbuf *out)
{
    for (size_t i = 0; i < rec->nfields && out->len < MANIFEST_QUOTE_MAX; i++) {
        if (i)
            bs_strbuf_addch(out, ',');
        for (const char *f = rec->fields[i]; *f && out->len < MANIFEST_QUOTE_MAX; f++)
            bs_strbuf_addch(out, *f >= 0x20 && *f < 0x7f ? *f : '?');
    }
}

bs_manifest *bs_manifest_read_csv(const char *path, bs_error *err)
{
    char *text;
    size_t len;
    if (bs_read_file(path, BS_MANIFEST_MAX_BYTES, &text, &len, err) != 0)
        return NULL;
    /* An image or other binary file given by mistake would otherwise be
     * read as thousands of bad lines: refuse it once.  Text has no NUL. */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        bs_error_set(err, BS_ERR_FORMAT,
                     "%s: not a manifest CSV (binary data: a NUL byte at offset %zu); batch takes "
                     "a folder of issue folders or a CSV with the header " MANIFEST_HEADER,
                     path, (size_t)(nul - text));
        free(text);
        return NULL;
    }
    /* A byte order mark (spreadsheets write one) is not part of the header. */
    size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    bs_manifest *m = bs_xcalloc(1, sizeof(*m));
    char *base = bs_path_dir(path); /* NULL: relative paths stay as given */
    rows r = {0};
    bs_strbuf id = BS_STRBUF_INIT;
    bs_csv c;
    bs_csv_record rec = BS_CSV_RECORD_INIT;
    bs_csv_init(&c, text + skip, len - skip);
    int first = 1;
    for (;;) {
        bs_error e = {0};
        int got = bs_csv_next(&c, &rec, &e);
        if (got == 0)
            break;
        if (got < 0 && first) {
            /* e.msg is "line N: reason". */
            bs_error_set(err, BS_ERR_FORMAT, "%s:%s; not a manifest CSV (the first line must be "
                         "the header " MANIFEST_HEADER ")", path, e.msg + strlen("line "));
            goto refused;
        }
        if (got < 0) {
            problem(m, "%s:%s; line skipped", path, e.msg + strlen("line "));
            continue;
        }
        if (first) {
            first = 0;
            /* The header names the columns; a first line whose page field
             * is a number is data, and dropping it would lose a page.
             * Anything else is not a manifest: refused whole, once. */
            if (is_header(&rec))
                continue;
            if (rec.nfields < 3 || rec.nfields > 4 || parse_page_number(rec.fields[1]) < 0) {
                bs_strbuf q = BS_STRBUF_INIT;
                quote_record(&rec, &q);
                bs_error_set(err, BS_ERR_FORMAT,
                             "%s:%d: not a manifest CSV: the first line must be the header "
                             MANIFEST_HEADER ", not '%s'", path, rec.line, q.buf);
                bs_strbuf_release(&q);
                goto refused;
            }
            problem(m, "%s:%d: no header line (" MANIFEST_HEADER "); first line read as data",
                    path, rec.line);
        }
        if (rec.nfields < 3 || rec.nfields > 4) {
            problem(m, "%s:%d: expected 3 or 4 fields (issue,page,path,lang), got %zu; line skipped",
                    path, rec.line, rec.nfields);
            continue;
        }
        const char *raw = rec.fields[0], *num = rec.fields[1], *file = rec.fields[2];
        const char *lang = rec.nfields > 3 ? rec.fields[3] : "";
        int number = parse_page_number(num);
        if (bs_manifest_sanitize_id(raw, &id) < 0) {
            problem(m, "%s:%d: issue id empty or longer than %d bytes; line skipped", path,
                    rec.line, BS_MANIFEST_ID_MAX);
        } else if (number < 0) {
            problem(m, "%s:%d: page number '%s' is not an integer in 1..%d; line skipped", path,
                    rec.line, num, MANIFEST_PAGE_MAX);
        } else if (*file == '\0') {
            problem(m, "%s:%d: empty path; line skipped", path, rec.line);
        } else if (!valid_lang(lang)) {
            problem(m, "%s:%d: language '%s' is not a Tesseract language list; line skipped",
                    path, rec.line, lang);
        } else {
            char *full = file[0] == '/' || !base ? bs_xstrdup(file) : bs_path_join(base, file);
            rows_add(&r, raw, id.buf, number, full, lang, rec.line);
            free(full);
        }
    }
    bs_csv_record_release(&rec);
    bs_strbuf_release(&id);
    free(text);
    free(base);
    group_rows(m, &r, path);
    rows_free(&r);
    return m;
refused:
    bs_csv_record_release(&rec);
    bs_strbuf_release(&id);
    free(text);
    free(base);
    rows_free(&r);
    bs_manifest_free(m);
    return NULL;
}

bs_manifest *bs_manifest_load(const char *path, bs_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        bs_error_set(err, BS_ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    return S_ISDIR(st.st_mode) ? bs_manifest_from_dir(path, err) : bs_manifest_read_csv(path, err);
}

void bs_manifest_free(bs_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nissues; i++) {
        bs_manifest_issue *is = &m->issues[i];
        for (size_t p = 0; p < is->npages; p++) {
            free(is->pages[p].path);
            free(is->pages[p].lang);
        }
        free(is->pages);
        free(is->id);
    }
    free(m->issues);
    for (size_t i = 0; i < m->nproblems; i++)
        free(m->problems[i]);
    free(m->problems);
    free(m);
}

/* The current folder; NULL with err if it cannot be found (removed, or
 * not readable).  Caller frees. */
static char *current_dir(bs_error *err)
{
    char *cwd = getcwd(NULL, 0); /* glibc allocates it */
    if (!cwd)
        bs_error_set(err, BS_ERR_IO, "cannot find the current folder: %s", strerror(errno));
    return cwd;
}

char *bs_manifest_to_csv(const bs_manifest *m, bs_error *err)
{
    char *cwd = NULL;
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, MANIFEST_HEADER "\n");
    for (size_t i = 0; i < m->nissues; i++) {
        const bs_manifest_issue *is = &m->issues[i];
        for (size_t p = 0; p < is->npages; p++) {
            const char *path = is->pages[p].path;
            char *abs = NULL;
            if (path[0] != '/') {
                /* Relative to the current folder here, but a reader takes
                 * it relative to the manifest's folder: make it absolute. */
                if (!cwd && !(cwd = current_dir(err))) {
                    bs_strbuf_release(&sb);
                    return NULL;
                }
                while (path[0] == '.' && path[1] == '/')
                    path += 2;
                path = abs = bs_path_join(cwd, path);
            }
            char num[16];
            snprintf(num, sizeof(num), "%d", is->pages[p].number);
            bs_csv_add_field(&sb, is->id, 1);
            bs_csv_add_field(&sb, num, 0);
            bs_csv_add_field(&sb, path, 0);
            bs_csv_add_field(&sb, is->pages[p].lang ? is->pages[p].lang : "", 0);
            bs_strbuf_addch(&sb, '\n');
            free(abs);
        }
    }
    free(cwd);
    return bs_strbuf_detach(&sb);
}
