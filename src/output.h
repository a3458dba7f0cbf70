/*
 * output.h - an assembled issue written to an output folder.
 *
 * Public functions:
 *     bs_output_write
 *
 * Layout of OUTDIR:
 *     issue.json          the page and article model (issue_json.h)
 *     articles/NNN.txt    one readable text per article, NNN from 001
 * Every file is written atomically (atomic_file.h), so a crash leaves the
 * previous complete outputs, never half of a new one.
 */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include "error.h"
#include "issue.h"

/* Write issue's outputs into outdir (created if missing).  0 or -1. */
int bs_output_write(const bs_issue *issue, const char *outdir, bs_error *err);

/* Readable text of one article: title, byline, body, captions.
 * Caller frees. */
char *bs_output_article_text(const bs_article *a);

#endif
