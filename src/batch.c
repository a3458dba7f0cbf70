/*
 * batch.c - worker pool over a manifest, journal and QC; see batch.h.
 *
 * The issues to do are listed up front (this slice, not finished in the
 * journal), longest first; workers take the next index under the lock, so
 * each issue is done by exactly one worker and a slow issue never holds up
 * the others.  The calling thread only waits: every BS_BATCH_POLL_MS it
 * copies the signal handler's flag into an atomic the workers read between
 * pages (the handler runs on this thread, since workers block the
 * signals), and emits a tick for the progress display.
 */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "issue_json.h"
#include "journal.h"
#include "output.h"
#include "qc_table.h"
#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

/* Folder levels below OUT/<id> searched for temporary files a kill left:
 * the writers go two deep (report/crops/, report/pages/); one more level
 * costs a readdir and covers a writer that nests once more. */
#define BATCH_STRAY_TMP_DEPTH 3
/* Issue ids named per missing language at the start of a batch: enough to
 * find the manifest lines, few enough for one line. */
#define BATCH_LANG_IDS_SHOWN 5

typedef struct batch {
    const bs_manifest *m;
    const bs_batch_options *opt;
    const char *state_dir;
    bs_journal *journal;
    size_t *todo;            /* indexes into m->issues */
    size_t ntodo, next;      /* next: guarded by lock */
    size_t running;          /* workers still running, guarded by lock */
    atomic_int stop;
    pthread_mutex_t lock;
    pthread_cond_t finished;
    bs_batch_result *res;    /* counters guarded by lock */
    const bs_batch_langs *langs; /* missing languages: opt->langs, or the
                                    run's own check; read-only in workers */
} batch;

typedef struct ocr_slot {
    char *lang;              /* owned, NULL: empty slot */
    bs_ocr *ocr;             /* NULL if the language failed to load */
    bs_error err;            /* why it failed */
    unsigned long used;      /* last use, for eviction */
} ocr_slot;

typedef struct worker {
    batch *b;
    int index;
    ocr_slot cache[BS_BATCH_OCR_CACHE];
    unsigned long clock;
} worker;

static const char *const reserved_ids[] = {BS_BATCH_JOURNAL, BS_BATCH_QC, BS_BATCH_SLICES};

const char *bs_batch_event_name(bs_batch_event_kind kind)
{
    switch (kind) {
    case BS_BATCH_START: return "start";
    case BS_BATCH_ISSUE_SKIPPED: return "issue_skipped";
    case BS_BATCH_ISSUE_START: return "issue_start";
    case BS_BATCH_PAGE_DONE: return "page_done";
    case BS_BATCH_ISSUE_DONE: return "issue_done";
    case BS_BATCH_ISSUE_CANCELLED: return "issue_cancelled";
    case BS_BATCH_TICK: return "tick";
    }
    return "unknown";
}

bs_batch_options bs_batch_options_default(void)
{
    bs_batch_options o;
    memset(&o, 0, sizeof(o));
    o.pipeline = bs_pipeline_options_default();
    o.output = bs_output_options_default();
    return o;
}

int bs_batch_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > BS_BATCH_JOBS_MAX ? BS_BATCH_JOBS_MAX : (int)n;
}

/* Emit ev; the caller holds b->lock. */
static void emit_locked(batch *b, const bs_batch_event *ev)
{
    if (b->opt->on_event)
        b->opt->on_event(ev, b->opt->event_ctx);
}

static void emit(batch *b, const bs_batch_event *ev)
{
    pthread_mutex_lock(&b->lock);
    emit_locked(b, ev);
    pthread_mutex_unlock(&b->lock);
}

/* The worker's Tesseract for lang, loaded on first use; NULL with *err
 * when the language cannot be loaded (remembered, not retried per page). */
static bs_ocr *worker_ocr(worker *w, const char *lang, bs_error *err)
{
    ocr_slot *victim = &w->cache[0];
    w->clock++;
    for (int i = 0; i < BS_BATCH_OCR_CACHE; i++) {
        ocr_slot *s = &w->cache[i];
        if (s->lang && !strcmp(s->lang, lang)) {
            s->used = w->clock;
            if (!s->ocr)
                *err = s->err;
            return s->ocr;
        }
        if (!s->lang || (victim->lang && s->used < victim->used))
            victim = s;
    }
    free(victim->lang);
    bs_ocr_free(victim->ocr);
    memset(victim, 0, sizeof(*victim));
    victim->lang = bs_xstrdup(lang);
    victim->used = w->clock;
    victim->ocr = bs_ocr_new(lang, w->b->opt->pipeline.tessdata, &victim->err);
    if (!victim->ocr)
        *err = victim->err;
    return victim->ocr;
}

static void worker_release(worker *w)
{
    for (int i = 0; i < BS_BATCH_OCR_CACHE; i++) {
        free(w->cache[i].lang);
        bs_ocr_free(w->cache[i].ocr);
    }
}

/* Make dir (a direct child of an existing folder) a real folder: create it
 * if missing, refuse a symlink or anything else. */
static int real_dir(const char *dir, bs_error *err)
{
    struct stat st;
    if (lstat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        return bs_error_set(err, BS_ERR_IO, "%s: exists and is not a folder%s", dir,
                            S_ISLNK(st.st_mode) ? " (a symlink, not followed)" : "");
    }
    if (errno != ENOENT || (mkdir(dir, 0755) != 0 && errno != EEXIST))
        return bs_error_set(err, BS_ERR_IO, "%s: cannot create folder: %s", dir, strerror(errno));
    return real_dir(dir, err);
}

/* 1 if name is a temporary file of bs_write_file_atomic ("x.tmp.AbC123"). */
static int is_stray_tmp(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    return t && t != name && strlen(t + 5) == 6;
}

/* Remove the temporary files a hard kill (second signal, kill -9, node
 * crash) left in dir and its sub-folders, depth levels below dir, so a
 * redone issue's folder holds exactly what an uninterrupted run writes.
 * Symlinks are neither followed nor removed. */
static void remove_stray_tmp(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *path = bs_path_join(dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISREG(st.st_mode) && is_stray_tmp(e->d_name))
                unlink(path);
            else if (S_ISDIR(st.st_mode) && depth > 0)
                remove_stray_tmp(path, depth - 1);
        }
        free(path);
    }
    closedir(d);
}

/* Check that OUT/<id> can take the issue's outputs (refused: a name the
 * batch uses, a symlink or file in the way) and create it; done before any
 * page is read, so a hopeless issue costs no OCR. */
static int prepare_issue_dir(batch *b, const bs_manifest_issue *mi, bs_error *err)
{
    for (size_t i = 0; i < sizeof(reserved_ids) / sizeof(reserved_ids[0]); i++)
        if (!strcmp(mi->id, reserved_ids[i]))
            return bs_error_set(err, BS_ERR_USAGE,
                                "issue id '%s' is a name the batch uses in its output folder",
                                mi->id);
    char *dir = bs_path_join(b->opt->outdir, mi->id);
    char *art = bs_path_join(dir, "articles");
    int rc = real_dir(dir, err);
    if (rc == 0)
        rc = real_dir(art, err);
    if (rc == 0)
        remove_stray_tmp(dir, BATCH_STRAY_TMP_DEPTH);
    free(art);
    free(dir);
    return rc;
}

/* The language page p of mi is read with: a manifest line without one
 * leaves it to the batch's default (--lang). */
static const char *page_lang(const bs_batch_options *opt, const bs_manifest_issue *mi, size_t p)
{
    const char *l = mi->pages[p].lang;
    return l ? l : opt->pipeline.lang;
}

/* Why lang could not be loaded when the batch started; NULL if it could. */
static const char *missing_reason(const bs_batch_langs *l, const char *lang)
{
    for (size_t k = 0; k < l->nmissing; k++)
        if (!strcmp(l->missing[k].lang, lang))
            return l->missing[k].reason;
    return NULL;
}

/* -1 with err naming the issue, page and language if a page of mi needs a
 * language the start-up check could not load.  Only names are compared:
 * the check loaded every language once for the whole batch, and loading
 * them again here would cost each worker a Tesseract per language per
 * issue, and evict the ones it reads with.  The issue then fails whole
 * before any OCR: journaled as failed, it is redone once the language
 * pack is installed, where failed pages would have left it finished as
 * flagged. */
static int check_issue_langs(const batch *b, const bs_manifest_issue *mi, bs_error *err)
{
    for (size_t p = 0; p < mi->npages; p++) {
        const char *lang = page_lang(b->opt, mi, p);
        const char *why = missing_reason(b->langs, lang);
        if (why)
            return bs_error_set(err, BS_ERR_OCR, "issue %s page %d (%s) needs language '%s': %s",
                                mi->id, mi->pages[p].number, mi->pages[p].path, lang, why);
    }
    return 0;
}

static void do_issue(worker *w, const bs_manifest_issue *mi)
{
    batch *b = w->b;
    const bs_pipeline_options *popt = &b->opt->pipeline;
    bs_batch_event ev = {.kind = BS_BATCH_ISSUE_START, .issue = mi->id, .pages = mi->npages,
                         .worker = w->index};
    emit(b, &ev);

    bs_issue *issue = bs_issue_new();
    issue->id = bs_xstrdup(mi->id);
    issue->lang = bs_xstrdup(mi->npages ? page_lang(b->opt, mi, 0) : popt->lang);
    size_t pages_failed = 0, pages_read = 0;
    int cancelled = 0;
    bs_error werr = {0};
    int wrc = prepare_issue_dir(b, mi, &werr);
    if (wrc == 0)
        wrc = check_issue_langs(b, mi, &werr);
    for (size_t p = 0; wrc == 0 && p < mi->npages; p++) {
        if (atomic_load(&b->stop)) {
            cancelled = 1;
            break;
        }
        const bs_manifest_page *mp = &mi->pages[p];
        bs_error e = {0};
        bs_ocr *ocr = worker_ocr(w, page_lang(b->opt, mi, p), &e);
        int nfail;
        if (ocr) {
            nfail = bs_pipeline_add_file(issue, ocr, mp->path, popt, &e);
        } else {
            /* The start-up check loaded it, but it does not load now
             * (the pack removed since, memory short): the page fails like
             * an unreadable one, with the reason, and the issue goes on. */
            bs_page *page = bs_issue_add_page(issue, (int)issue->npages + 1);
            page->image_path = bs_xstrdup(mp->path);
            page->error = bs_xstrdup(e.msg);
            bs_issue_add_qc(issue, "page_failed", page->number, "%s", e.msg);
            nfail = 1;
        }
        pages_failed += (size_t)nfail;
        pages_read++;
        bs_batch_event pe = {.kind = BS_BATCH_PAGE_DONE, .issue = mi->id, .path = mp->path,
                             .failed = nfail, .reason = nfail ? e.msg : NULL, .worker = w->index};
        pthread_mutex_lock(&b->lock);
        b->res->pages++;
        b->res->pages_failed += (size_t)nfail;
        emit_locked(b, &pe);
        pthread_mutex_unlock(&b->lock);
    }
    if (cancelled) {
        bs_issue_free(issue);
        bs_batch_event ce = {.kind = BS_BATCH_ISSUE_CANCELLED, .issue = mi->id,
                             .pages = pages_read, .worker = w->index};
        pthread_mutex_lock(&b->lock);
        b->res->cancelled++;
        emit_locked(b, &ce);
        pthread_mutex_unlock(&b->lock);
        return;
    }
    bs_pipeline_assemble(issue, popt);
    if (b->opt->no_timings)
        for (size_t p = 0; p < issue->npages; p++)
            memset(issue->pages[p].seconds, 0, sizeof(issue->pages[p].seconds));
    bs_output_result ores = {0};
    if (wrc == 0) {
        char *dir = bs_path_join(b->opt->outdir, mi->id);
        bs_output_options oopt = b->opt->output;
        oopt.record_seconds = oopt.record_seconds && !b->opt->no_timings;
        wrc = bs_output_write_with(issue, dir, &oopt, &ores, &werr);
        if (wrc == 0 && b->opt->report)
            wrc = bs_report_write(issue, dir, b->opt->report, NULL, &werr);
        free(dir);
    }
    bs_strbuf reason = BS_STRBUF_INIT;
    const char *status;
    if (wrc != 0) {
        status = BS_JOURNAL_FAILED;
        bs_strbuf_addstr(&reason, werr.msg);
    } else if (pages_failed) {
        status = BS_JOURNAL_FLAGGED;
        bs_strbuf_addf(&reason, "%zu of %zu pages failed", pages_failed, issue->npages);
    } else {
        status = BS_JOURNAL_OK;
    }
    /* Characters the output encoding lacks, written as '?': the issue is
     * done, but a person should know its text lost them. */
    if (wrc == 0 && ores.chars_replaced)
        bs_strbuf_addf(&reason, "%s%zu characters not in %s written as '?'", reason.len ? "; " : "",
                       ores.chars_replaced, b->opt->output.encoding);
    bs_journal_entry je = {.id = mi->id, .status = (char *)status, .pages = (int)issue->npages,
                           .pages_failed = (int)pages_failed, .articles = (int)issue->narticles,
                           .reason = reason.buf};
    bs_error jerr = {0};
    if (bs_journal_append(b->journal, &je, &jerr) != 0) {
        /* Outputs are written but not recorded: the issue will be redone,
         * which is safe, so report and go on. */
        status = BS_JOURNAL_FAILED;
        bs_strbuf_reset(&reason);
        bs_strbuf_addstr(&reason, jerr.msg);
    }
    bs_batch_event de = {.kind = BS_BATCH_ISSUE_DONE, .issue = mi->id, .status = status,
                         .reason = reason.len ? reason.buf : NULL, .pages = issue->npages,
                         .pages_failed = pages_failed, .articles = issue->narticles,
                         .worker = w->index};
    pthread_mutex_lock(&b->lock);
    if (!strcmp(status, BS_JOURNAL_FAILED))
        b->res->failed++;
    else if (!strcmp(status, BS_JOURNAL_FLAGGED))
        b->res->flagged++;
    else
        b->res->done++;
    b->res->chars_replaced += ores.chars_replaced;
    emit_locked(b, &de);
    pthread_mutex_unlock(&b->lock);
    bs_strbuf_release(&reason);
    bs_issue_free(issue);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (;;) {
        if (atomic_load(&b->stop))
            break;
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->ntodo ? b->next++ : b->ntodo;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->ntodo)
            break;
        do_issue(w, &b->m->issues[b->todo[i]]);
    }
    worker_release(w);
    pthread_mutex_lock(&b->lock);
    b->running--;
    pthread_cond_signal(&b->finished);
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

typedef struct todo_key {
    size_t npages, index;
} todo_key;

static int cmp_longest_first(const void *pa, const void *pb)
{
    const todo_key *a = pa, *b = pb;
    if (a->npages != b->npages)
        return a->npages > b->npages ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Sort todo (indexes into m->issues) by page count, most pages first,
 * manifest order among equals. */
static void sort_longest_first(size_t *todo, size_t n, const bs_manifest *m)
{
    todo_key *k = bs_xmalloc((n ? n : 1) * sizeof(*k));
    for (size_t i = 0; i < n; i++)
        k[i] = (todo_key){m->issues[todo[i]].npages, todo[i]};
    qsort(k, n, sizeof(*k), cmp_longest_first);
    for (size_t i = 0; i < n; i++)
        todo[i] = k[i].index;
    free(k);
}

static int in_slice(const bs_batch_options *opt, size_t i)
{
    return opt->nslices <= 1 || (int)(i % (size_t)opt->nslices) == opt->slice;
}

/* Start the workers, wait for them while watching the cancel flag. */
static void run_workers(batch *b, int jobs)
{
    worker *ws = bs_xcalloc((size_t)jobs, sizeof(*ws));
    pthread_t *th = bs_xcalloc((size_t)jobs, sizeof(*th));
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    /* Threads inherit the mask: workers never run the handler, so their
     * reads are never interrupted and the flag is read on this thread. */
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int started = 0;
    for (int i = 0; i < jobs; i++) {
        ws[i].b = b;
        ws[i].index = i;
        pthread_mutex_lock(&b->lock);
        b->running++;
        pthread_mutex_unlock(&b->lock);
        if (pthread_create(&th[i], NULL, worker_main, &ws[i]) != 0) {
            pthread_mutex_lock(&b->lock);
            b->running--;
            pthread_mutex_unlock(&b->lock);
            break;
        }
        started++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started == 0) {
        /* No thread could be created: do the work on this thread. */
        b->running++;
        ws[0].b = b;
        worker_main(&ws[0]);
    }
    pthread_mutex_lock(&b->lock);
    while (b->running > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += BS_BATCH_POLL_MS * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&b->finished, &b->lock, &ts);
        if (b->opt->cancel && *b->opt->cancel && !atomic_load(&b->stop)) {
            atomic_store(&b->stop, 1);
            b->res->interrupted = 1;
        }
        if (b->running > 0) {
            bs_batch_event te = {.kind = BS_BATCH_TICK, .worker = -1};
            emit_locked(b, &te);
        }
    }
    pthread_mutex_unlock(&b->lock);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    free(ws);
}

/* QC rows of every issue of the batch, from their outputs and the journal. */
static int write_qc(batch *b, bs_error *err)
{
    bs_qc_table *t = bs_qc_table_new();
    for (size_t i = 0; i < b->m->nissues; i++) {
        if (!in_slice(b->opt, i))
            continue;
        const char *id = b->m->issues[i].id;
        bs_journal_entry e = {0};
        if (!bs_journal_find(b->journal, id, &e)) {
            bs_qc_table_add_missing(t, id, "missing", "not processed yet (interrupted); rerun to finish");
            continue;
        }
        if (!bs_journal_status_finished(e.status)) {
            bs_qc_table_add_missing(t, id, e.status, e.reason);
        } else {
            char *dir = bs_path_join(b->opt->outdir, id);
            char *json = bs_path_join(dir, "issue.json");
            bs_error re = {0};
            bs_issue *issue = bs_issue_read_json_file_with(json, &b->opt->pipeline.json_limits, &re);
            if (issue)
                bs_qc_table_add_issue(t, id, issue);
            else
                bs_qc_table_add_missing(t, id, "missing", re.msg);
            bs_issue_free(issue);
            free(json);
            free(dir);
        }
        bs_journal_entry_release(&e);
    }
    b->res->qc_failed = bs_qc_table_count(t, BS_QC_FLAGGED);
    char *path = bs_path_join(b->state_dir, BS_BATCH_QC);
    int rc = bs_qc_table_write(t, path, err);
    free(path);
    bs_qc_table_free(t);
    return rc;
}

void bs_batch_langs_release(bs_batch_langs *l)
{
    for (size_t k = 0; k < l->nmissing; k++) {
        free(l->missing[k].lang);
        free(l->missing[k].reason);
    }
    free(l->missing);
    memset(l, 0, sizeof(*l));
}

size_t bs_batch_check_languages(const bs_manifest *m, const bs_batch_options *opt,
                                size_t *issues, bs_strbuf *report, bs_batch_langs *missing)
{
    /* Distinct languages, in first-use order; archives use a handful. */
    const char **langs = NULL;
    size_t n = 0, cap = 0, nslice = 0, mcap = 0;
    if (report)
        bs_strbuf_reset(report);
    if (missing)
        bs_batch_langs_release(missing);
    for (size_t i = 0; i < m->nissues; i++) {
        if (!in_slice(opt, i))
            continue;
        nslice++;
        for (size_t p = 0; p < m->issues[i].npages; p++) {
            const char *l = page_lang(opt, &m->issues[i], p);
            size_t k = 0;
            while (k < n && strcmp(langs[k], l) != 0)
                k++;
            if (k < n)
                continue;
            BS_ARRAY_GROW(langs, cap, n + 1);
            langs[n++] = l;
        }
    }
    /* Issues of the slice needing a missing language, each counted once. */
    unsigned char *blocked = bs_xcalloc(m->nissues ? m->nissues : 1, 1);
    size_t nblocked = 0;
    for (size_t k = 0; k < n; k++) {
        bs_error err = {0};
        bs_ocr *ocr = bs_ocr_new(langs[k], opt->pipeline.tessdata, &err);
        bs_ocr_free(ocr);
        if (ocr)
            continue;
        if (missing) {
            BS_ARRAY_GROW(missing->missing, mcap, missing->nmissing + 1);
            missing->missing[missing->nmissing++] =
                (bs_batch_missing_lang){bs_xstrdup(langs[k]), bs_xstrdup(err.msg)};
        }
        size_t need = 0;
        bs_strbuf ids = BS_STRBUF_INIT;
        for (size_t i = 0; i < m->nissues; i++) {
            if (!in_slice(opt, i))
                continue;
            size_t p = 0;
            while (p < m->issues[i].npages && strcmp(page_lang(opt, &m->issues[i], p), langs[k]) != 0)
                p++;
            if (p == m->issues[i].npages)
                continue;
            if (need < BATCH_LANG_IDS_SHOWN)
                bs_strbuf_addf(&ids, "%s%s", need ? ", " : "", m->issues[i].id);
            need++;
            if (!blocked[i])
                nblocked++;
            blocked[i] = 1;
        }
        if (report)
            bs_strbuf_addf(report, "%s; needed by %zu issue%s: %s%s\n", err.msg, need,
                           need == 1 ? "" : "s", ids.buf, need > BATCH_LANG_IDS_SHOWN ? ", ..." : "");
        bs_strbuf_release(&ids);
    }
    free(blocked);
    free(langs);
    if (issues)
        *issues = nslice;
    return nblocked;
}

int bs_batch_run(const bs_manifest *m, const bs_batch_options *opt, bs_batch_result *res,
                 bs_error *err)
{
    memset(res, 0, sizeof(*res));
    if (!opt->outdir)
        return bs_error_set(err, BS_ERR_USAGE, "batch: no output folder");
    if (opt->nslices > 1 && (opt->slice < 0 || opt->slice >= opt->nslices))
        return bs_error_set(err, BS_ERR_USAGE, "batch: slice %d is not in 0..%d", opt->slice,
                            opt->nslices - 1);
    batch b;
    memset(&b, 0, sizeof(b));
    b.m = m;
    b.opt = opt;
    b.res = res;
    b.state_dir = opt->state_dir ? opt->state_dir : opt->outdir;
    if (bs_mkdir_p(opt->outdir, err) != 0 || bs_mkdir_p(b.state_dir, err) != 0)
        return -1;
    char *jpath = bs_path_join(b.state_dir, BS_BATCH_JOURNAL);
    b.journal = bs_journal_open(jpath, err);
    free(jpath);
    if (!b.journal) {
        if (err && err->code == BS_ERR_BUSY)
            bs_error_set(err, BS_ERR_BUSY,
                         "%s: another broadsheet batch is using this folder (its %s is locked); "
                         "wait for it to finish, or give this batch another output or state folder",
                         b.state_dir, BS_BATCH_JOURNAL);
        return -1;
    }
    atomic_init(&b.stop, 0);
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.finished, NULL);

    b.todo = bs_xmalloc((m->nissues ? m->nissues : 1) * sizeof(*b.todo));
    size_t pages = 0;
    for (size_t i = 0; i < m->nissues; i++) {
        if (!in_slice(opt, i))
            continue;
        res->issues++;
        bs_journal_entry e = {0};
        /* Every page file gives at least one page, so fewer pages than
         * files now means a page was added after the issue finished. */
        int finished = bs_journal_find(b.journal, m->issues[i].id, &e) &&
                       bs_journal_status_finished(e.status) &&
                       !(opt->redo_flagged && !strcmp(e.status, BS_JOURNAL_FLAGGED)) &&
                       (size_t)e.pages >= m->issues[i].npages;
        bs_journal_entry_release(&e);
        if (finished) {
            res->skipped++;
            continue;
        }
        b.todo[b.ntodo++] = i;
        pages += m->issues[i].npages;
    }
    bs_batch_event sev = {.kind = BS_BATCH_START, .issues = b.ntodo, .pages = pages,
                          .skipped = res->skipped, .worker = -1};
    emit(&b, &sev);
    /* Skipped issues are reported after the totals, so a progress display
     * knows what they are out of. */
    for (size_t i = 0, t = 0; i < m->nissues && res->skipped; i++) {
        if (!in_slice(opt, i))
            continue;
        if (t < b.ntodo && b.todo[t] == i) {
            t++;
            continue;
        }
        bs_batch_event ev = {.kind = BS_BATCH_ISSUE_SKIPPED, .issue = m->issues[i].id,
                             .pages = m->issues[i].npages, .worker = -1};
        emit(&b, &ev);
    }

    /* Longest issues first: with a worker per core, the batch ends when
     * the last issue does, and a long issue taken last keeps one core busy
     * while the others idle (largest-first scheduling bounds that tail by
     * the shortest issues instead). */
    sort_longest_first(b.todo, b.ntodo, m);

    int jobs = opt->jobs > 0 ? opt->jobs : bs_batch_cores();
    if (jobs > BS_BATCH_JOBS_MAX)
        jobs = BS_BATCH_JOBS_MAX;
    if ((size_t)jobs > b.ntodo)
        jobs = b.ntodo ? (int)b.ntodo : 1;
    /* A caller without a start-up check of its own still gets issues in a
     * missing language failed whole: the check is made here, once, before
     * any worker needs its answer. */
    bs_batch_langs own = {0};
    if (!opt->langs && b.ntodo)
        bs_batch_check_languages(m, opt, NULL, NULL, &own);
    b.langs = opt->langs ? opt->langs : &own;
    if (b.ntodo)
        run_workers(&b, jobs);
    bs_batch_langs_release(&own);

    int rc = write_qc(&b, err);
    bs_journal_close(b.journal);
    free(b.todo);
    pthread_cond_destroy(&b.finished);
    pthread_mutex_destroy(&b.lock);
    return rc;
}
