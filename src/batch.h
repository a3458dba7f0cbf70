/*
 * batch.h - many issues on many threads, resumable: `broadsheet batch`.
 *
 * Public functions:
 *     bs_batch_options_default, bs_batch_run, bs_batch_check_languages,
 *     bs_batch_langs_release, bs_batch_cores, bs_batch_event_name
 *
 * bs_batch_run processes the issues of a manifest (manifest.h) on N worker
 * threads.  Each worker takes the next unfinished issue, reads its pages
 * one at a time with its own Tesseract (one bs_ocr per language, loaded
 * once and reused for every later page in that language), assembles the
 * issue and writes OUT/<issue-id>/ exactly as `broadsheet run` does
 * (output.h, atomic per file), then appends the issue to the journal
 * (journal.h).  Memory is bounded by one decoded page and one issue model
 * per worker: nothing is kept across issues but a line in the journal and
 * later one QC row per page.
 *
 * Resuming: issues the journal lists as finished are skipped, everything
 * else is (re)done, and so is a finished issue that now has more page
 * files than it had pages (a page added to the archive later; each file
 * gives at least one page, more for a multi-page TIFF or a spread, so
 * other changes to a finished issue's files are not seen), so a rerun after a crash, a kill -9 or a cancellation
 * completes the batch.  Cancelling: when *opt->cancel becomes non-zero
 * (set by the CLI's signal handler), workers finish the page they are
 * reading, drop their unfinished issue (not written, not journaled) and
 * stop.  Worker threads block SIGINT and SIGTERM, so signals reach the
 * calling thread, which polls the flag every BS_BATCH_POLL_MS.
 *
 * Failures are isolated: a page that cannot be read fails alone (the
 * pipeline records the reason in the page); its issue is still assembled
 * from the other pages and journaled as flagged.  An issue with a page in
 * a language Tesseract cannot load fails whole before any OCR, journaled
 * as failed with the page and the language, and the batch goes on: which
 * languages are missing is found once, at the start of the batch
 * (bs_batch_check_languages), and each issue's languages are then
 * compared with that list by name.  An issue that cannot be
 * written (a symlink or a file where its folder should be, a full disk) is
 * journaled as failed and retried on the next run.  At the end the QC
 * table (qc_table.h) of every issue of the batch, finished now or before,
 * is written to STATE/qc.csv.
 *
 * One batch per state folder: the journal is locked (flock) for the whole
 * run, so a second batch on the same folder fails at once with
 * BS_ERR_BUSY; slices with their own state folders (--state-dir) share OUT
 * and run side by side, since they never touch the same issue.
 *
 * Issue ids are sanitised by the manifest, so OUT/<id> is always a direct
 * child of OUT; an existing OUT/<id> or OUT/<id>/articles that is a
 * symlink is refused rather than followed, so outputs never land outside
 * OUT.  The names the batch itself uses in OUT (journal.tsv, qc.csv,
 * slices) are refused as issue ids.
 */
#ifndef BS_BATCH_H
#define BS_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "error.h"
#include "manifest.h"
#include "output.h"
#include "pipeline.h"
#include "report.h"
#include "strbuf.h"

/* How often the calling thread checks the cancel flag and emits a
 * BS_BATCH_TICK, ms: fast enough that Ctrl-C feels immediate, slow enough
 * to cost nothing. */
#define BS_BATCH_POLL_MS 200
/* Tesseract instances a worker keeps, one per language: a chi_sim model
 * takes ~100 MB, and archives rarely mix more than a few languages. */
#define BS_BATCH_OCR_CACHE 3
/* Most worker threads accepted: more than any machine's cores, and each
 * worker holds a decoded page and a Tesseract model. */
#define BS_BATCH_JOBS_MAX 256

#define BS_BATCH_JOURNAL "journal.tsv"
#define BS_BATCH_QC "qc.csv"
#define BS_BATCH_SLICES "slices"

typedef enum bs_batch_event_kind {
    BS_BATCH_START,           /* issues/pages: to process now; skipped set */
    BS_BATCH_ISSUE_SKIPPED,   /* finished in an earlier run */
    BS_BATCH_ISSUE_START,
    BS_BATCH_PAGE_DONE,       /* one page file read (failed: it failed) */
    BS_BATCH_ISSUE_DONE,      /* written and journaled, or failed */
    BS_BATCH_ISSUE_CANCELLED, /* dropped unfinished on cancel */
    BS_BATCH_TICK,            /* nothing happened; time passed */
} bs_batch_event_kind;

typedef struct bs_batch_event {
    bs_batch_event_kind kind;
    const char *issue;    /* issue id; NULL for START and TICK */
    const char *path;     /* PAGE_DONE: the page file */
    const char *status;   /* ISSUE_DONE: "ok", "flagged" or "failed" */
    const char *reason;   /* PAGE_DONE/ISSUE_DONE: why it failed, or NULL */
    int failed;           /* PAGE_DONE: pages of the file that failed */
    size_t issues, pages; /* START: to process; ISSUE_*: pages of the issue */
    size_t skipped;       /* START: issues already finished */
    size_t pages_failed, articles; /* ISSUE_DONE */
    int worker;           /* 0-based worker index, -1 for the caller */
} bs_batch_event;

/* Called serialised (under the batch's lock), from worker threads and the
 * calling thread; must not call back into the batch. */
typedef void (*bs_batch_event_fn)(const bs_batch_event *ev, void *ctx);

/* A language Tesseract could not load when the batch started. */
typedef struct bs_batch_missing_lang {
    char *lang;              /* as the manifest or --lang names it */
    char *reason;            /* the load error, for the issues' reasons */
} bs_batch_missing_lang;

/* The languages found missing by bs_batch_check_languages.  One owner:
 * whoever has the check fill it (zero-initialised first, freed with
 * bs_batch_langs_release once bs_batch_run has returned); bs_batch_run
 * only reads it, from every worker, through bs_batch_options.langs, and
 * fills and frees one of its own when that is NULL. */
typedef struct bs_batch_langs {
    bs_batch_missing_lang *missing;
    size_t nmissing;
} bs_batch_langs;

typedef struct bs_batch_options {
    bs_pipeline_options pipeline; /* lang (default for pages without one),
                                     tessdata, limits, stage options */
    int jobs;                /* worker threads; 0: bs_batch_cores() */
    const char *outdir;      /* OUT (required) */
    const char *state_dir;   /* journal.tsv and qc.csv; NULL: outdir */
    int slice, nslices;      /* process issues i with i % nslices == slice;
                                0/0 or 0/1: all */
    int redo_flagged;        /* also redo issues journaled as flagged */
    int no_timings;          /* write 0 for every page's stage seconds, so
                                reruns give byte-identical issue.json */
    bs_output_options output; /* encoding of the text files, formats */
    const bs_report_options *report; /* NULL: no per-issue report/; else each
                                issue's OUT/ID/report/ (must outlive the run) */
    const bs_batch_langs *langs; /* bs_batch_check_languages' result for this
                                manifest and these options (must outlive the
                                run); a language not listed is taken as
                                loadable.  NULL: bs_batch_run makes the check
                                itself, before the workers start */
    volatile sig_atomic_t *cancel; /* non-zero: stop after pages in flight */
    bs_batch_event_fn on_event;    /* may be NULL */
    void *event_ctx;
} bs_batch_options;

typedef struct bs_batch_result {
    size_t issues;           /* issues in this batch (slice) */
    size_t skipped;          /* finished before this run */
    size_t done, flagged, failed, cancelled; /* this run */
    size_t pages, pages_failed;              /* this run */
    size_t qc_failed;        /* qc.csv rows with attention 0 or 1 */
    size_t chars_replaced;   /* written as '?' by --encoding-fallback, this run */
    int interrupted;         /* the cancel flag stopped the batch */
} bs_batch_result;

bs_batch_options bs_batch_options_default(void);

/* Run the batch of m's issues.  Returns 0 when the batch ran (even if
 * issues failed or it was cancelled: see *res), -1 with err when it could
 * not start (OUT or the journal cannot be created; err->code BS_ERR_BUSY:
 * another batch holds the state folder's journal, see journal.h) or
 * qc.csv could not be written.  res is filled in both cases. */
int bs_batch_run(const bs_manifest *m, const bs_batch_options *opt, bs_batch_result *res,
                 bs_error *err);

/* Load Tesseract once for every distinct language the issues of opt's
 * slice need (the pages' own, and opt->pipeline.lang for pages without
 * one), so a missing language pack is known before hours of work.
 * Returns how many of the slice's issues need a language that cannot be
 * loaded (0: all can run); *issues gets the number of issues of the
 * slice.  report (reset first; the caller owns it) gets one line per
 * missing language: the reason, then "; needed by N issues: ID, ID, ..."
 * (the first few ids).  missing (released first; the caller owns it) gets
 * the languages that cannot be loaded, in first-use order.  Given to
 * bs_batch_run as opt->langs, it lets the run fail those issues
 * (journaled as failed, with the page and language, so a rerun redoes
 * them once the pack is installed) and run the others without loading
 * any language again to find out.  issues, report and missing may be
 * NULL. */
size_t bs_batch_check_languages(const bs_manifest *m, const bs_batch_options *opt,
                                size_t *issues, bs_strbuf *report, bs_batch_langs *missing);

/* Free l's lists and leave it empty and reusable. */
void bs_batch_langs_release(bs_batch_langs *l);

/* Online processors (sysconf), at least 1. */
int bs_batch_cores(void);

/* "start", "issue_skipped", "issue_start", "page_done", "issue_done",
 * "issue_cancelled", "tick". */
const char *bs_batch_event_name(bs_batch_event_kind kind);

#endif
