/*
 * journal.h - the batch journal: which issues are finished, append-only.
 *
 * Public functions:
 *     bs_journal_open, bs_journal_close, bs_journal_find,
 *     bs_journal_entry_release,
 *     bs_journal_append, bs_journal_count, bs_journal_status_finished
 *
 * A batch must survive being killed at any moment and resume where it
 * stopped.  The journal (OUT/journal.tsv) gets one line per issue, appended
 * only after the outputs have been written atomically, in a single
 * write(2) followed by fsync(2):
 *     ISSUE <TAB> STATUS <TAB> PAGES <TAB> PAGES_FAILED <TAB> ARTICLES
 *           <TAB> UNIX_TIME <TAB> REASON <LF>
 * So a line in the journal proves the outputs are complete on disk; an
 * issue without a line is redone on the next run.  A kill in the middle of
 * the write leaves at most a last line without its LF: it is ignored when
 * the journal is read, and a LF is written before the next line so the
 * torn bytes never join a real entry.  Lines starting with '#' are comments.
 * When an issue has several lines (it was redone) the last one counts.
 *
 * STATUS is "ok" (every page read), "flagged" (written, but some pages
 * failed) or "failed" (the issue could not be written; REASON says why).
 * ok and flagged are finished; failed issues are retried.
 *
 * One batch at a time: bs_journal_open takes an exclusive flock(2) on the
 * journal, held until bs_journal_close (or the process ends, even by
 * kill -9), so a second batch on the same state folder is refused instead
 * of redoing every issue beside the first and deleting its temporary
 * files.  On NFS Linux maps flock to byte-range locks the server keeps.
 *
 * A bs_journal may be shared by threads: appends and lookups are
 * serialised by its mutex.
 */
#ifndef BS_JOURNAL_H
#define BS_JOURNAL_H

#include <stddef.h>

#include "error.h"

#define BS_JOURNAL_OK "ok"
#define BS_JOURNAL_FLAGGED "flagged"
#define BS_JOURNAL_FAILED "failed"

typedef struct bs_journal_entry {
    char *id;          /* issue id (no TAB or LF) */
    char *status;      /* BS_JOURNAL_OK, _FLAGGED or _FAILED */
    int pages, pages_failed, articles;
    long long time;    /* seconds since the epoch when the line was written */
    char *reason;      /* why it failed or was flagged, "" if none */
} bs_journal_entry;

typedef struct bs_journal bs_journal;

/* Open (creating if missing) the journal at path, lock it and read its
 * entries.  NULL with err if it cannot be opened for appending, or with
 * err->code BS_ERR_BUSY if another open journal (another process, or
 * another bs_journal_open of the same file) holds the lock. */
bs_journal *bs_journal_open(const char *path, bs_error *err);
void bs_journal_close(bs_journal *j);

/* 1 if id has an entry (then, if out is not NULL, a copy of its last entry
 * goes to *out: the caller releases it with bs_journal_entry_release), 0 if
 * not.  Safe while other threads append. */
int bs_journal_find(bs_journal *j, const char *id, bs_journal_entry *out);
void bs_journal_entry_release(bs_journal_entry *e);

/* Append e (its strings are copied; TAB and line breaks in reason become
 * spaces) and fsync.  0 or -1 with err. */
int bs_journal_append(bs_journal *j, const bs_journal_entry *e, bs_error *err);

/* Number of valid lines read or appended, and of malformed lines skipped
 * when reading. */
size_t bs_journal_count(const bs_journal *j, size_t *malformed);

/* 1 if status means the issue is finished (ok or flagged). */
int bs_journal_status_finished(const char *status);

#endif
