/*
 * issue_json_writer.h - issue.json written part by part, in bounded
 *                       memory.
 *
 * Public functions:
 *     bs_issue_json_writer_new, bs_issue_json_writer_add,
 *     bs_issue_json_writer_finish, bs_issue_json_writer_commit,
 *     bs_issue_json_writer_free
 *
 * bs_issue_to_json builds the whole document as one jansson tree, which
 * takes about thirty times the text it holds: fine for an issue of a few
 * pages, not for `broadsheet reflow` on an archive's year of text in one
 * file.  The writer takes the issue in parts (a few pages and their
 * articles at a time, each part a bs_issue of its own whose article ids
 * are unique across the parts), serialises each article, page, unmatched
 * jump and QC event as it comes into one of four anonymous temporary
 * files, and at the end writes the document from them.  Memory is that of
 * the largest part; the output is byte for byte what bs_issue_to_json
 * gives for the whole issue (issue_json.h has the format).
 *
 * Ownership: the writer owns its temporary files (deleted when it is
 * freed, finished or committed); parts are only read.  Committed with an
 * output stage (output.h), issue.json is the last file of that output
 * set and the stage is committed with it: a caller writing an issue in
 * parts (reflow) puts its articles, pages and issue.json in place as one
 * set.
 */
#ifndef BS_ISSUE_JSON_WRITER_H
#define BS_ISSUE_JSON_WRITER_H

#include <stdio.h>

#include "error.h"
#include "issue.h"
#include "output.h"

typedef struct bs_issue_json_writer bs_issue_json_writer;

/* A new writer, indented output when pretty (as bs_issue_to_json), its
 * temporary files in folder dir (NULL: $TMPDIR, else /tmp; give the output
 * folder, since /tmp is often memory).  NULL with err set when no
 * temporary file can be made there. */
bs_issue_json_writer *bs_issue_json_writer_new(int pretty, const char *dir, bs_error *err);

/* Serialise part's articles, pages, unmatched jumps and QC events after
 * those of earlier parts.  0, or -1 when a temporary file cannot be
 * written (a full disk). */
int bs_issue_json_writer_add(bs_issue_json_writer *w, const bs_issue *part, bs_error *err);

/* Write the whole document to out (issue id and lang as given, may be
 * NULL) and free w.  0 or -1. */
int bs_issue_json_writer_finish(bs_issue_json_writer *w, const char *id, const char *lang, FILE *out,
                                bs_error *err);

/* bs_issue_json_writer_finish into path atomically: a temporary file in
 * the same folder, flushed, then renamed over path (atomic_file.h).
 * With st NULL the rename is done at once.  With an output stage st
 * (output.h; path then lies in st's folder, usually its issue.json), the
 * file is added to st last and st is committed: every file of st, then
 * path, is renamed into place and the stale files removed.  Frees w and
 * consumes st (committed, or aborted on an error).  0 or -1 (err names
 * the file that failed); on failure path is untouched, and so is the
 * rest of st's folder unless the failure is a rename of st's commit
 * (bs_output_stage_commit: the files before it are in place). */
int bs_issue_json_writer_commit(bs_issue_json_writer *w, const char *id, const char *lang,
                                const char *path, bs_output_stage *st, bs_error *err);

/* Free a writer that is not finished; NULL is accepted. */
void bs_issue_json_writer_free(bs_issue_json_writer *w);

#endif
