/*
 * output.h - an assembled issue written to an output folder.
 *
 * Public functions:
 *     bs_output_options_default, bs_output_write, bs_output_write_with,
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
 * the XML files are always UTF-8, as their consumers expect.  Every file
 * is written atomically (atomic_file.h), so a crash leaves the previous
 * complete outputs, never half of a new one.
 */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include <stddef.h>

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

/* Write issue's outputs as opt says (NULL: defaults); res (may be NULL)
 * receives counts for the caller to report.  An encoding error names the
 * article or page and the character.  The only change to issue is the
 * output stage time of its pages (opt->record_seconds), written last, in
 * issue.json.  0 or -1. */
int bs_output_write_with(bs_issue *issue, const char *outdir, const bs_output_options *opt,
                         bs_output_result *res, bs_error *err);

/* Readable text of one article: title, byline, body, captions.
 * Caller frees. */
char *bs_output_article_text(const bs_article *a);

/* Text of a page's text regions in reading order (unordered regions
 * last), one blank line between regions.  Caller frees. */
char *bs_output_page_text(const bs_page *page);

#endif
