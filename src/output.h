/*
 * output.h - an assembled issue written to an output folder.
 *
 * Public functions:
 *     bs_output_options_default, bs_output_write, bs_output_write_with,
 *     bs_output_stage_new, bs_output_write_staged, bs_output_stage_add,
 *     bs_output_stage_commit, bs_output_stage_abort, bs_output_remove_stale,
 *     bs_output_exists,
 *     bs_output_article_text, bs_output_page_text
 *
 * Layout of OUTDIR:
 *     issue.json          the page and article model (issue_json.h)
 *     articles/NNN.txt    one readable text per article, NNN from 001
 *                         (from article_base + 1 for a later part of an
 *                         issue written in parts: the N of its id a<N>)
 *     pages/pNNN.txt      the text of each page in reading order
 *     alto/pNNN.xml       ALTO 4.4 per page (alto_write.h), NNN = page number
 *     mets.xml            METS 1.12 for the issue (mets_write.h)
 * Text files are UTF-8 unless another encoding is asked for (encoding.h);
 * the XML files are always UTF-8, as their consumers expect.
 *
 * Method.  The outputs are written as one set: every file goes to a
 * temporary file beside its destination (atomic_file.h) and is flushed
 * to disk, and only when all of them are written are they renamed into
 * place, issue.json last.  So an error part way (a character the
 * encoding lacks, a full disk) leaves the previous set whole, never some
 * files old and some new; a crash leaves the previous files and at most
 * stray NAME.tmp.XXXXXX files.  After the renames, the files of the kinds
 * written (articles/NNN.txt always, pages/pNNN.txt and alto/pNNN.xml when
 * those are written) that the new set does not hold, left by an earlier
 * run with more pages or articles, are removed: the folder holds what a
 * fresh run writes.  A caller writing an issue in parts (reflow) stages
 * every part with issue_json 0 and at the end commits its issue.json
 * and the stage together (bs_issue_json_writer_commit).
 */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include <stddef.h>

#include "atomic_file.h"
#include "error.h"
#include "issue.h"

typedef struct bs_output_options {
    const char *encoding;  /* text files: NULL or "UTF-8" (default), "GB18030",
                              "GBK", "BIG5", "UTF-16", ... (iconv names) */
    int encoding_fallback; /* 1: replace characters the encoding lacks with
                              '?' and count them; 0: fail naming them */
    int alto;              /* write alto/pNNN.xml (default 1) */
    int mets;              /* write mets.xml (default 1; implies alto files) */
    int page_text;         /* write pages/pNNN.txt (default 1) */
    int record_seconds;    /* charge the time spent writing to each page's
                              output stage before issue.json is written
                              (default 1; 0 keeps reruns byte-identical) */
    int issue_json;        /* write issue.json (default 1; 0 when the caller
                              writes it in parts, issue_json_writer.h) */
} bs_output_options;

typedef struct bs_output_result {
    size_t chars_replaced; /* characters replaced by the encoding fallback */
} bs_output_result;

bs_output_options bs_output_options_default(void);

/* Write issue's outputs into outdir (created if missing) with the default
 * options.  0 or -1. */
int bs_output_write(bs_issue *issue, const char *outdir, bs_error *err);

/* Write issue's outputs as opt says (NULL: defaults) as one set (a
 * stage committed when every file is written, aborted on an error, so
 * an error leaves the earlier outputs whole); res (may be NULL)
 * receives counts for the caller to report.  An encoding error names the
 * article or page and the character.  The only change to issue is the
 * output stage time of its pages (opt->record_seconds), written last, in
 * issue.json.  0 or -1. */
int bs_output_write_with(bs_issue *issue, const char *outdir, const bs_output_options *opt,
                         bs_output_result *res, bs_error *err);

/* An output set being written into outdir; see the method above. */
typedef struct bs_output_stage bs_output_stage;

/* A new, empty output set for outdir (created by the first write).  Free
 * it with bs_output_stage_commit or bs_output_stage_abort.  Never NULL. */
bs_output_stage *bs_output_stage_new(const char *outdir);

/* Write issue's outputs (as bs_output_write_with) to temporary files of
 * st, nothing renamed yet.  May be called once per part of an issue
 * written in parts.  0 or -1 (err set; st must then be aborted). */
int bs_output_write_staged(bs_issue *issue, bs_output_stage *st, const bs_output_options *opt,
                           bs_output_result *res, bs_error *err);

/* Add a file the caller wrote (opened with bs_atomic_file_open on a path
 * in st's folder) to st: it is flushed and closed now and renamed at the
 * commit, after the files added before it.  af is released either way.
 * 0 or -1 (err names the file; st must then be aborted). */
int bs_output_stage_add(bs_output_stage *st, bs_atomic_file *af, bs_error *err);

/* Rename every file of st into place in the order added, then remove the
 * stale files (see above); frees st.  0 or -1 (err names the file whose
 * rename failed; the files after it are not renamed). */
int bs_output_stage_commit(bs_output_stage *st, bs_error *err);

/* Remove st's temporary files, leaving outdir as it was; frees st.  NULL
 * is accepted. */
void bs_output_stage_abort(bs_output_stage *st);

/* Remove the files of folder dir whose name ours() accepts and that keep
 * (nkeep names in any order; may be NULL when nkeep is 0) does not
 * list: the leftovers of an earlier, larger output.  Nothing else is
 * touched; a folder that cannot be read is left alone.  keep is sorted
 * in place rather than copied, so the caller's array may come back
 * reordered; the names themselves are only read.  The array and its
 * names stay the caller's. */
void bs_output_remove_stale(const char *dir, char **keep, size_t nkeep,
                            int (*ours)(const char *name));

/* 1 when outdir holds an earlier issue.json (any file by that name),
 * else 0: a command that read nothing keeps such a folder as it is
 * rather than replace its outputs with an empty issue. */
int bs_output_exists(const char *outdir);

/* Readable text of one article: title, byline, body, captions.
 * Caller frees. */
char *bs_output_article_text(const bs_article *a);

/* Text of a page's text regions in reading order (unordered regions
 * last), one blank line between regions.  Caller frees. */
char *bs_output_page_text(const bs_page *page);

#endif
