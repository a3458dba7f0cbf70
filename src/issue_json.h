/*
 * issue_json.h - the issue model as JSON ("broadsheet-issue/1").
 *
 * Public functions:
 *     bs_issue_to_json, bs_issue_from_json,
 *     bs_issue_write_json_file, bs_issue_read_json_file
 *
 * The article part of this format is a contract other tools read; keep it:
 *   {"format":"broadsheet-issue/1",
 *    "articles":[{"id":"a1","kicker":..,"title":..,"deck":..,"byline":..,
 *                 "text":"paragraph\nparagraph","pages":[1,2],
 *                 "parts":[{"page":1,"regions":["p1r4",..]}],
 *                 "jumps":[{"from_page":1,"to_page":2,"out":"(下转第二版)",
 *                           "in":"(上接第一版)"}],
 *                 "confidence":0.9}],
 *    "pages":[...], "unmatched_jumps":[...], "qc":[...]}
 * "text" is the body only (no title, byline or jump lines), paragraphs
 * separated by one newline.  Pages carry the full page model (regions,
 * lines, words, boxes, confidences), so later commands (report, reassemble)
 * work from issue.json without OCR.
 *
 * Reading validates types and ranges and reports the first problem with the
 * file name and, for JSON syntax errors, the line and column.  Unknown keys
 * are ignored, so newer minor additions stay readable.
 */
#ifndef BS_ISSUE_JSON_H
#define BS_ISSUE_JSON_H

#include <stddef.h>

#include "error.h"
#include "issue.h"

#define BS_ISSUE_FORMAT "broadsheet-issue/1"
/* Refuse JSON files larger than this many bytes by default: a 1000-page
 * issue with every word boxed is well under 100 MB, so anything past this
 * is a mistake or an attack. */
#define BS_JSON_MAX_BYTES_DEFAULT (256L * 1024 * 1024)

/* Serialise issue to a JSON string (UTF-8, indented when pretty).  Caller
 * frees.  Never NULL. */
char *bs_issue_to_json(const bs_issue *issue, int pretty);

/* Parse text (len bytes) into a new issue; NULL with err filled on error.
 * name is used in messages (a file name, or "<stdin>").  Caller frees the
 * issue with bs_issue_free(). */
bs_issue *bs_issue_from_json(const char *text, size_t len, const char *name, bs_error *err);

/* Write issue as JSON to path atomically (temp file + rename).  0 or -1. */
int bs_issue_write_json_file(const bs_issue *issue, const char *path, bs_error *err);

/* Read an issue.json file of at most max_bytes bytes (0: the default). */
bs_issue *bs_issue_read_json_file(const char *path, long max_bytes, bs_error *err);

#endif
