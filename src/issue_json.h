/*
 * issue_json.h - the issue model as JSON ("broadsheet-issue/1").
 *
 * Public functions:
 *     bs_issue_json_limits_default, bs_issue_from_json_with,
 *     bs_issue_read_json_file_with,
 *     bs_issue_to_json, bs_issue_from_json,
 *     bs_issue_write_json_file, bs_issue_read_json_file,
 *     bs_issue_json_article, bs_issue_json_page, bs_issue_json_unmatched,
 *     bs_issue_json_qc, bs_issue_json_dump_flags, bs_json_string,
 *     bs_json_rounded
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
 * Strings are written as UTF-8 whatever the model holds: bytes that are
 * not UTF-8 (a file name in Latin-1, say) become U+FFFD, never a dropped
 * key.  A page whose image file name is not UTF-8 also gets
 * "image_bytes", the name's exact bytes with '%', controls and bytes
 * above 0x7E written %XX ("bad%FF.png"); the reader takes the file name
 * from it, so `report` still finds the picture.
 *
 * Reading validates types and ranges and reports the first problem with the
 * file name and, for JSON syntax errors, the line and column.  Beyond
 * types, it refuses what would make wrong outputs: "pages" missing or null
 * (unless the caller accepts the article contract alone), a region
 * without a box, and two pages with one number (their files and METS ids
 * would collide).  Unknown keys
 * are ignored, so newer minor additions stay readable.
 */
#ifndef BS_ISSUE_JSON_H
#define BS_ISSUE_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "error.h"
#include "issue.h"

#define BS_ISSUE_FORMAT "broadsheet-issue/1"
/* Refuse JSON files larger than this many bytes by default: a 1000-page
 * issue with every word boxed is well under 100 MB, so anything past this
 * is a mistake or an attack. */
#define BS_JSON_MAX_BYTES_DEFAULT (256L * 1024 * 1024)
/* Limits on one page of a page model, beyond which the file is refused
 * (BS_ERR_LIMIT) before later stages, some quadratic in the regions of a
 * page or the bytes of a line, spend hours on it.  A dense classified-ads
 * page has about 2,000 regions; 20,000 is ten times that.  A line is a
 * printed line (under 200 characters), or the whole text of a region when
 * an importer only had region-level text: a long article is about 100 KB,
 * so 1 MiB is ten times that. */
#define BS_JSON_MAX_REGIONS_DEFAULT 20000L         /* regions per page */
#define BS_JSON_MAX_LINE_BYTES_DEFAULT (1L << 20)  /* bytes of one line's text */

/* What the reader accepts; every max_ field > 0.  The command-line
 * option that sets each is named in the messages of refused files. */
typedef struct bs_issue_json_limits {
    long max_bytes;            /* size of the text, bytes (--max-json-bytes) */
    long max_line_bytes;       /* bytes of one line's text (--max-line-bytes) */
    long max_regions_per_page; /* regions of one page (--max-regions) */
    int require_pages;         /* 1 (default): refuse a file whose "pages" is
                                  missing or null: reassemble, report and
                                  batch need the page model, and an empty
                                  one would replace earlier outputs; 0: also
                                  accept the article contract alone */
} bs_issue_json_limits;

/* The BS_JSON_MAX_*_DEFAULT limits, pages required. */
bs_issue_json_limits bs_issue_json_limits_default(void);

/* One element of the top-level arrays as a new jansson value (caller
 * decrefs), and the json_dumps flags of the format: bs_issue_to_json and
 * the part-by-part writer (issue_json_writer.h) share them.  A region's
 * "article" is looked up in issue's articles. */
json_t *bs_issue_json_article(const bs_article *a);
json_t *bs_issue_json_page(const bs_issue *issue, const bs_page *p);
json_t *bs_issue_json_unmatched(const bs_unmatched_jump *u);
json_t *bs_issue_json_qc(const bs_qc_event *e);
size_t bs_issue_json_dump_flags(int pretty);

/* s as a new jansson string (caller decrefs): bytes that are not UTF-8
 * become U+FFFD (unicode.h, bs_utf8_lossy) instead of the NULL jansson
 * gives for them; NULL s gives JSON null.  Every string of the model and
 * of the --json-log events goes through it. */
json_t *bs_json_string(const char *s);

/* New JSON real: v rounded to 1/scale (1000: three decimals) and never
 * "-0.0".  issue.json and qc.json both round through it, as ALTO prints
 * the same precision, so one page's skew or time reads the same in all
 * three.  Caller owns the reference. */
json_t *bs_json_rounded(double v, double scale);

/* Serialise issue to a JSON string (UTF-8, indented when pretty).  Caller
 * frees.  Never NULL. */
char *bs_issue_to_json(const bs_issue *issue, int pretty);

/* Parse text (len bytes) into a new issue; NULL with err filled on error.
 * name is used in messages (a file name, or "<stdin>").  Caller frees the
 * issue with bs_issue_free(). */
bs_issue *bs_issue_from_json(const char *text, size_t len, const char *name, bs_error *err);

/* The same within lim (NULL: the defaults); a limit exceeded is
 * BS_ERR_LIMIT, the message naming the file, the JSON path and the
 * limit. */
bs_issue *bs_issue_from_json_with(const char *text, size_t len, const char *name,
                                  const bs_issue_json_limits *lim, bs_error *err);

/* Write issue as JSON to path atomically (temp file + rename).  0 or -1. */
int bs_issue_write_json_file(const bs_issue *issue, const char *path, bs_error *err);

/* Read an issue.json file of at most max_bytes bytes (0: the default),
 * the other limits the defaults.  Caller frees the issue; NULL with err
 * filled on error. */
bs_issue *bs_issue_read_json_file(const char *path, long max_bytes, bs_error *err);

/* Read an issue.json file within lim (NULL: the defaults).  Caller frees
 * the issue; NULL with err filled on error, BS_ERR_LIMIT for a limit
 * exceeded (the message names the file, the JSON path if any, the limit
 * and its option). */
bs_issue *bs_issue_read_json_file_with(const char *path, const bs_issue_json_limits *lim,
                                       bs_error *err);

#endif
