/*
 * issue_json_writer.c - issue.json written part by part; see
 *                       issue_json_writer.h.
 *
 * Public functions:
 *     bs_issue_json_writer_new, bs_issue_json_writer_add,
 *     bs_issue_json_writer_finish, bs_issue_json_writer_commit,
 *     bs_issue_json_writer_free
 *
 * Method.  The document has four top-level arrays after three scalars.
 * Each element is dumped by jansson on its own with the flags of the
 * format (issue_json.h) and appended to the temporary file of its array;
 * the document is then the scalars and the four files in order.  jansson
 * indents a dumped element as if it stood at the top level; inside an
 * array of the document it stands two levels down, so in indented output
 * every line break of the element gets ARRAY_ITEM_INDENT more spaces.  A
 * JSON string never holds a raw line break (it is escaped), so this
 * touches only the layout, and the result is the bytes jansson writes for
 * the whole tree.
 */
#include "issue_json_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "issue_json.h"
#include "strbuf.h"
#include "xalloc.h"

/* The document's arrays, in their order in the file. */
enum { ARR_ARTICLES, ARR_PAGES, ARR_UNMATCHED, ARR_QC, ARR_COUNT };
static const char *const array_key[ARR_COUNT] = {"articles", "pages", "unmatched_jumps", "qc"};

/* Spaces before an array element's lines in indented output: the
 * document's JSON_INDENT(1) at depth two. */
#define ARRAY_ITEM_INDENT "  "
/* Bytes copied at a time from a temporary file into the document. */
#define COPY_CHUNK 65536

struct bs_issue_json_writer {
    int pretty;
    FILE *part[ARR_COUNT]; /* owned, unlinked temporary files */
    size_t count[ARR_COUNT];
    int failed;            /* a write failed: finishing reports it */
    int failed_errno;      /* errno of the first failed write */
    char *dir;             /* owned: where the temporary files are */
};

/* Remember the first failure and its cause. */
static void mark_failed(bs_issue_json_writer *w)
{
    if (!w->failed)
        w->failed_errno = errno ? errno : EIO;
    w->failed = 1;
}

/* An anonymous temporary file in dir: created and unlinked at once, so it
 * disappears with the process whatever happens. */
static FILE *anonymous_file(const char *dir, bs_error *err)
{
    bs_strbuf name = BS_STRBUF_INIT;
    bs_strbuf_addf(&name, "%s/.broadsheet-json.XXXXXX", dir);
    int fd = mkstemp(name.buf);
    if (fd < 0) {
        bs_error_set(err, BS_ERR_IO, "cannot create a temporary file in %s: %s", dir, strerror(errno));
        bs_strbuf_release(&name);
        return NULL;
    }
    unlink(name.buf);
    bs_strbuf_release(&name);
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        bs_error_set(err, BS_ERR_IO, "cannot open a temporary file in %s: %s", dir, strerror(errno));
        close(fd);
    }
    return f;
}

bs_issue_json_writer *bs_issue_json_writer_new(int pretty, const char *dir, bs_error *err)
{
    if (!dir) {
        dir = getenv("TMPDIR");
        if (!dir || !*dir)
            dir = "/tmp";
    }
    bs_issue_json_writer *w = bs_xcalloc(1, sizeof(*w));
    w->pretty = pretty;
    w->dir = bs_xstrdup(dir);
    for (int a = 0; a < ARR_COUNT; a++) {
        w->part[a] = anonymous_file(dir, err);
        if (!w->part[a]) {
            bs_issue_json_writer_free(w);
            return NULL;
        }
    }
    return w;
}

void bs_issue_json_writer_free(bs_issue_json_writer *w)
{
    if (!w)
        return;
    for (int a = 0; a < ARR_COUNT; a++)
        if (w->part[a])
            fclose(w->part[a]);
    free(w->dir);
    free(w);
}

/* Append one element (consumed) to array a's file. */
static void put_element(bs_issue_json_writer *w, int a, json_t *v)
{
    char *s = json_dumps(v, bs_issue_json_dump_flags(w->pretty));
    json_decref(v);
    if (!s) {
        errno = ENOMEM;
        mark_failed(w);
        return;
    }
    FILE *f = w->part[a];
    if (w->count[a]++)
        fputs(w->pretty ? ",\n" ARRAY_ITEM_INDENT : ",", f);
    else if (w->pretty)
        fputs("\n" ARRAY_ITEM_INDENT, f);
    if (w->pretty) {
        for (const char *p = s; *p; p++) {
            fputc(*p, f);
            if (*p == '\n')
                fputs(ARRAY_ITEM_INDENT, f);
        }
    } else {
        fputs(s, f);
    }
    free(s);
    if (ferror(f))
        mark_failed(w);
}

int bs_issue_json_writer_add(bs_issue_json_writer *w, const bs_issue *part, bs_error *err)
{
    for (size_t i = 0; i < part->narticles; i++)
        put_element(w, ARR_ARTICLES, bs_issue_json_article(&part->articles[i]));
    for (size_t i = 0; i < part->npages; i++)
        put_element(w, ARR_PAGES, bs_issue_json_page(part, &part->pages[i]));
    for (size_t i = 0; i < part->nunmatched; i++)
        put_element(w, ARR_UNMATCHED, bs_issue_json_unmatched(&part->unmatched[i]));
    for (size_t i = 0; i < part->nqc; i++)
        put_element(w, ARR_QC, bs_issue_json_qc(&part->qc[i]));
    if (w->failed)
        return bs_error_set(err, BS_ERR_IO, "temporary file in %s: write failed: %s", w->dir,
                            strerror(w->failed_errno));
    return 0;
}

/* A string value or null, as the format writes it. */
static void put_scalar(FILE *out, const char *key, const char *value, int pretty)
{
    json_t *v = bs_json_string(value);
    char *s = json_dumps(v, JSON_ENCODE_ANY);
    json_decref(v);
    fprintf(out, pretty ? "\n \"%s\": %s," : "\"%s\":%s,", key, s ? s : "null");
    free(s);
}

int bs_issue_json_writer_finish(bs_issue_json_writer *w, const char *id, const char *lang, FILE *out,
                                bs_error *err)
{
    int pretty = w->pretty;
    fputc('{', out);
    put_scalar(out, "format", BS_ISSUE_FORMAT, pretty);
    put_scalar(out, "id", id, pretty);
    put_scalar(out, "lang", lang, pretty);
    char *chunk = bs_xmalloc(COPY_CHUNK);
    for (int a = 0; a < ARR_COUNT && !w->failed; a++) {
        fprintf(out, pretty ? "\n \"%s\": [" : "\"%s\":[", array_key[a]);
        FILE *f = w->part[a];
        if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0) {
            mark_failed(w);
            break;
        }
        size_t n;
        while ((n = fread(chunk, 1, COPY_CHUNK, f)) > 0)
            if (fwrite(chunk, 1, n, out) != n)
                break;
        if (ferror(f))
            mark_failed(w);
        if (pretty && w->count[a])
            fputs("\n ", out);
        fputs(a + 1 < ARR_COUNT ? "]," : "]", out);
    }
    free(chunk);
    fputs(pretty ? "\n}\n" : "}\n", out);
    int saved = w->failed ? w->failed_errno : errno;
    int failed = w->failed || ferror(out);
    bs_issue_json_writer_free(w);
    if (failed)
        return bs_error_set(err, BS_ERR_IO, "write failed: %s", strerror(saved ? saved : EIO));
    return 0;
}

int bs_issue_json_writer_commit(bs_issue_json_writer *w, const char *id, const char *lang,
                                const char *path, bs_output_stage *st, bs_error *err)
{
    bs_atomic_file af;
    if (bs_atomic_file_open(&af, path, err) != 0) {
        bs_issue_json_writer_free(w);
        bs_output_stage_abort(st);
        return -1;
    }
    bs_error inner = {0};
    if (bs_issue_json_writer_finish(w, id, lang, af.f, &inner) != 0) {
        bs_error_set(err, BS_ERR_IO, "%s: %s", path, inner.msg);
        bs_atomic_file_abort(&af);
        bs_output_stage_abort(st);
        return -1;
    }
    if (!st)
        return bs_atomic_file_commit(&af, err);
    /* Added last, issue.json is renamed last: a reader that finds the new
     * issue.json finds the new articles and pages beside it. */
    if (bs_output_stage_add(st, &af, err) != 0) {
        bs_output_stage_abort(st);
        return -1;
    }
    return bs_output_stage_commit(st, err);
}
