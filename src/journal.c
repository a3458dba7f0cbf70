/*
 * journal.c - append-only, fsync'd batch journal; see journal.h.
 *
 * Entries are kept in memory sorted by id (then line order) so lookups are
 * a binary search; the sort is redone lazily after appends.  The memory is
 * one small entry per finished issue, not per page.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "strbuf.h"
#include "xalloc.h"

/* Journals larger than this are refused: at ~60 bytes a line it is ten
 * million issue entries. */
#define JOURNAL_MAX_BYTES (1024L * 1024 * 1024)
#define JOURNAL_HEADER "# broadsheet batch journal: issue status pages pages_failed articles time reason\n"

struct bs_journal {
    int fd;
    pthread_mutex_t lock;
    bs_journal_entry *v;
    size_t n, cap;
    size_t seq_sorted;  /* entries [0, seq_sorted) are sorted */
    size_t *seq;        /* line order of each entry, parallel to v */
    size_t seq_cap;
    size_t malformed;
};

int bs_journal_status_finished(const char *status)
{
    return status && (!strcmp(status, BS_JOURNAL_OK) || !strcmp(status, BS_JOURNAL_FLAGGED));
}

void bs_journal_entry_release(bs_journal_entry *e)
{
    free(e->id);
    free(e->status);
    free(e->reason);
    e->id = e->status = e->reason = NULL;
}

static void push(bs_journal *j, const bs_journal_entry *e)
{
    BS_ARRAY_GROW(j->v, j->cap, j->n + 1);
    BS_ARRAY_GROW(j->seq, j->seq_cap, j->n + 1);
    bs_journal_entry *d = &j->v[j->n];
    d->id = bs_xstrdup(e->id);
    d->status = bs_xstrdup(e->status);
    d->reason = bs_xstrdup(e->reason ? e->reason : "");
    d->pages = e->pages;
    d->pages_failed = e->pages_failed;
    d->articles = e->articles;
    d->time = e->time;
    j->seq[j->n] = j->n;
    j->n++;
}

/* Parse one line (without its LF); 0 or -1. */
static int parse_line(bs_journal *j, char *line)
{
    char *f[7];
    int nf = 0;
    char *s = line;
    while (nf < 7) {
        f[nf++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    if (nf != 7 || !*f[0] || !*f[1])
        return -1;
    if (strcmp(f[1], BS_JOURNAL_OK) && strcmp(f[1], BS_JOURNAL_FLAGGED) && strcmp(f[1], BS_JOURNAL_FAILED))
        return -1;
    bs_journal_entry e;
    char *end;
    long v[3];
    for (int k = 0; k < 3; k++) {
        v[k] = strtol(f[2 + k], &end, 10);
        if (*f[2 + k] == '\0' || *end != '\0' || v[k] < 0 || v[k] > 100000000)
            return -1;
    }
    e.id = f[0];
    e.status = f[1];
    e.pages = (int)v[0];
    e.pages_failed = (int)v[1];
    e.articles = (int)v[2];
    e.time = strtoll(f[5], &end, 10);
    e.reason = f[6];
    push(j, &e);
    return 0;
}

bs_journal *bs_journal_open(const char *path, bs_error *err)
{
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot open journal: %s", path, strerror(errno));
        return NULL;
    }
    /* Not blocking: a second batch should say so at once, not wait hours. */
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        bs_error_set(err, busy ? BS_ERR_BUSY : BS_ERR_IO, "%s: %s", path,
                     busy ? "locked by another batch" : strerror(errno));
        close(fd);
        return NULL;
    }
    char *text;
    size_t len;
    if (bs_read_file(path, JOURNAL_MAX_BYTES, &text, &len, err) != 0) {
        close(fd);
        return NULL;
    }
    bs_journal *j = bs_xcalloc(1, sizeof(*j));
    j->fd = fd;
    pthread_mutex_init(&j->lock, NULL);
    /* Start the next line on a fresh line, whatever a kill left behind;
     * a new journal gets its header.  (Decided before parsing, which
     * overwrites the line feeds.) */
    const char *fix = len == 0 ? JOURNAL_HEADER : text[len - 1] != '\n' ? "\n" : NULL;
    char *p = text;
    while (p < text + len) {
        char *lf = memchr(p, '\n', (size_t)(text + len - p));
        if (!lf)
            break; /* torn last line: its issue is not finished */
        *lf = '\0';
        if (*p != '#' && *p != '\0' && parse_line(j, p) != 0)
            j->malformed++;
        p = lf + 1;
    }
    free(text);
    if (fix && write(fd, fix, strlen(fix)) != (ssize_t)strlen(fix)) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot write journal: %s", path, strerror(errno));
        bs_journal_close(j);
        return NULL;
    }
    return j;
}

void bs_journal_close(bs_journal *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++)
        bs_journal_entry_release(&j->v[i]);
    free(j->v);
    free(j->seq);
    close(j->fd);
    pthread_mutex_destroy(&j->lock);
    free(j);
}

typedef struct idx {
    bs_journal_entry e;
    size_t seq;
} idx;

static int idx_cmp(const void *pa, const void *pb)
{
    const idx *a = pa, *b = pb;
    int c = strcmp(a->e.id, b->e.id);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void ensure_sorted(bs_journal *j)
{
    if (j->seq_sorted == j->n)
        return;
    idx *t = bs_xmalloc((j->n ? j->n : 1) * sizeof(*t));
    for (size_t i = 0; i < j->n; i++) {
        t[i].e = j->v[i];
        t[i].seq = j->seq[i];
    }
    qsort(t, j->n, sizeof(*t), idx_cmp);
    for (size_t i = 0; i < j->n; i++) {
        j->v[i] = t[i].e;
        j->seq[i] = t[i].seq;
    }
    free(t);
    j->seq_sorted = j->n;
}

int bs_journal_find(bs_journal *j, const char *id, bs_journal_entry *out)
{
    pthread_mutex_lock(&j->lock);
    ensure_sorted(j);
    /* Last entry with this id: upper bound, then step back. */
    size_t lo = 0, hi = j->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(j->v[mid].id, id) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int found = lo > 0 && !strcmp(j->v[lo - 1].id, id);
    if (found && out) {
        *out = j->v[lo - 1];
        out->id = bs_xstrdup(out->id);
        out->status = bs_xstrdup(out->status);
        out->reason = bs_xstrdup(out->reason);
    }
    pthread_mutex_unlock(&j->lock);
    return found;
}

static void add_clean(bs_strbuf *sb, const char *s)
{
    for (; s && *s; s++)
        bs_strbuf_addch(sb, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

int bs_journal_append(bs_journal *j, const bs_journal_entry *e, bs_error *err)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    add_clean(&sb, e->id);
    bs_strbuf_addch(&sb, '\t');
    add_clean(&sb, e->status);
    bs_strbuf_addf(&sb, "\t%d\t%d\t%d\t%lld\t", e->pages, e->pages_failed, e->articles,
                   e->time ? e->time : (long long)time(NULL));
    add_clean(&sb, e->reason);
    bs_strbuf_addch(&sb, '\n');
    int rc = 0;
    pthread_mutex_lock(&j->lock);
    /* One write per line: with O_APPEND the line lands whole at the end. */
    ssize_t n = write(j->fd, sb.buf, sb.len);
    if (n != (ssize_t)sb.len)
        rc = bs_error_set(err, BS_ERR_IO, "journal: write failed: %s",
                          n < 0 ? strerror(errno) : "short write");
    else if (fsync(j->fd) != 0 && errno != EINVAL)
        rc = bs_error_set(err, BS_ERR_IO, "journal: fsync failed: %s", strerror(errno));
    if (rc == 0) {
        bs_journal_entry c = *e;
        if (!c.time)
            c.time = (long long)time(NULL);
        push(j, &c);
    }
    pthread_mutex_unlock(&j->lock);
    bs_strbuf_release(&sb);
    return rc;
}

size_t bs_journal_count(const bs_journal *j, size_t *malformed)
{
    if (malformed)
        *malformed = j->malformed;
    return j->n;
}
