/*
 * csv.h - comma-separated values (RFC 4180): a record reader and a writer.
 *
 * Public functions:
 *     bs_csv_init, bs_csv_next, bs_csv_record_release, bs_csv_add_field
 *
 * The reader walks a buffer held in memory, one record at a time, with a
 * small state machine: a field is either plain (up to the next comma or end
 * of line) or quoted ("..." with "" for a quote, and commas and line breaks
 * allowed inside).  It keeps the physical line number where each record
 * starts, so callers can report "manifest.csv:12: ..." even when quoted
 * fields span lines.  Blank lines are skipped; CR LF and LF both end a
 * record.  A malformed record (text after a closing quote, an unterminated
 * quote, a field longer than BS_CSV_FIELD_MAX) is reported with its line and
 * skipped, and reading continues with the next line, so one bad line does
 * not hide the rest of the file.
 *
 * The writer quotes a field only when it has to (comma, quote, CR or LF, or
 * leading/trailing space), so plain files stay readable and sortable.
 *
 * Ownership: a bs_csv_record owns its fields; it is reused by every
 * bs_csv_next call and freed by bs_csv_record_release.  The reader does not
 * copy or own the text it walks.
 */
#ifndef BS_CSV_H
#define BS_CSV_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Longest field accepted, bytes: a path is at most PATH_MAX (4096) on
 * Linux, so anything sixteen times longer is not a manifest field. */
#define BS_CSV_FIELD_MAX 65536

typedef struct bs_csv {
    const char *p, *end; /* not owned: the unread rest of the text */
    int line;            /* 1-based line of p */
} bs_csv;

typedef struct bs_csv_record {
    char **fields;       /* owned array of owned NUL-terminated fields */
    size_t nfields, cap;
    int line;            /* line where the record starts */
} bs_csv_record;

#define BS_CSV_RECORD_INIT {NULL, 0, 0, 0}

/* Start reading len bytes of text (not copied: keep it alive). */
void bs_csv_init(bs_csv *c, const char *text, size_t len);

/* Read the next record into rec (its previous fields are freed).  Returns
 * 1 when a record was read, 0 at the end of the text, -1 for a malformed
 * record (err says "line N: reason"; rec->line is N; the reader has moved
 * past it, so the caller may go on). */
int bs_csv_next(bs_csv *c, bs_csv_record *rec, bs_error *err);

void bs_csv_record_release(bs_csv_record *rec);

/* Append field to sb, quoted when needed, preceded by a comma unless it is
 * the first field of the line. */
void bs_csv_add_field(bs_strbuf *sb, const char *field, int first);

#endif
