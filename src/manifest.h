/*
 * manifest.h - the issues of an archive and their page files.
 *
 * Public functions:
 *     bs_manifest_load, bs_manifest_from_dir, bs_manifest_read_csv,
 *     bs_manifest_free, bs_manifest_to_csv, bs_manifest_sanitize_id,
 *     bs_manifest_name_cmp
 *
 * An archive is given either as a folder with one sub-folder per issue
 * (ARCHIVE/<issue>/<page images>) or as a manifest CSV with a header line
 * and one line per page: issue id, page number, path, language (the
 * language may be empty: the batch default is used; a relative path is
 * relative to the manifest's folder).  Both become the same list: issues
 * sorted by id, each with its pages in order.  Sorting (rather than keeping
 * file order) makes a manifest and the folder it describes give the same
 * batch, and makes slices (`--slice K/N`) stable across reruns.
 *
 * Names are compared "naturally": runs of digits by value, so p2.tif comes
 * before p10.tif, the order a person numbering pages without zero padding
 * means.  Issue ids become output folder names, so they are sanitised to
 * bytes that are safe in any file system and shell: ASCII letters, digits,
 * '.', '_', '-' and any non-ASCII (UTF-8) byte; everything else becomes '_'
 * and a leading '.' becomes '_', so an id can never be "..", hidden, or
 * contain a '/'.  Two issues whose ids sanitise to the same name would
 * overwrite each other: the second is refused.
 *
 * Problems (a bad manifest line, an empty issue folder, a duplicate id or
 * page number) do not stop loading: each is recorded in problems[] as one
 * line naming the file and line number, and the offending line or issue is
 * left out; the caller decides whether that is fatal.
 *
 * Ownership: a bs_manifest owns its issues, pages, problems and every
 * string in them; bs_manifest_free() frees it all.
 */
#ifndef BS_MANIFEST_H
#define BS_MANIFEST_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Manifests larger than this are refused: 512 MB is about three million
 * page lines with long paths, more than any single archive we expect. */
#define BS_MANIFEST_MAX_BYTES (512L * 1024 * 1024)
/* Longest issue id, bytes: ids become folder names, and 200 leaves room
 * under the usual 255-byte NAME_MAX for a ".tmp.XXXXXX" suffix. */
#define BS_MANIFEST_ID_MAX 200

typedef struct bs_manifest_page {
    int number;        /* page number as given (folder: 1, 2, ... by name) */
    char *path;        /* owned, the image file */
    char *lang;        /* owned, Tesseract languages, NULL for the default */
} bs_manifest_page;

typedef struct bs_manifest_issue {
    char *id;          /* owned, sanitised issue id */
    bs_manifest_page *pages; /* owned, in page order */
    size_t npages, pages_cap;
} bs_manifest_issue;

typedef struct bs_manifest {
    bs_manifest_issue *issues; /* owned, sorted by id */
    size_t nissues, issues_cap;
    char **problems;   /* owned lines, "FILE:LINE: reason" or "DIR: reason" */
    size_t nproblems, problems_cap;
} bs_manifest;

/* Load path: a folder of issue folders, or else a manifest CSV.  NULL with
 * err set only when path cannot be read at all or is not a manifest (see
 * bs_manifest_read_csv). */
bs_manifest *bs_manifest_load(const char *path, bs_error *err);

/* Discover ARCHIVE/<issue>/<image> under dir.  Images are files whose
 * extension is tif, tiff, jpg, jpeg, png, jp2 or webp (any case); other
 * files and hidden entries are ignored.  NULL with err if dir cannot be
 * opened. */
bs_manifest *bs_manifest_from_dir(const char *dir, bs_error *err);

/* Read a manifest CSV (header line first: issue,page,path with an
 * optional lang, any case; a first line that is data is read and reported
 * as a problem).  NULL with err if the file cannot be read, is larger
 * than BS_MANIFEST_MAX_BYTES, or is not a manifest (err->code
 * BS_ERR_FORMAT, one message naming the file): binary data (a NUL byte),
 * or a first line that is neither that header nor a page line. */
bs_manifest *bs_manifest_read_csv(const char *path, bs_error *err);

void bs_manifest_free(bs_manifest *m);

/* The manifest as CSV text (header line, one line per page), for
 * splitting or checking what a folder holds.  Paths are written absolute
 * (a relative one is taken from the current folder, as it was found), so
 * the CSV names the same files wherever it is saved: reading resolves
 * relative paths against the manifest's own folder.  Caller frees; NULL
 * with err only if a relative path needs the current folder and it
 * cannot be found. */
char *bs_manifest_to_csv(const bs_manifest *m, bs_error *err);

/* Sanitise raw into out (reset first) as described above.  Returns 0 if
 * the id was kept as is, 1 if characters were replaced, -1 if it cannot be
 * an id (empty, or longer than BS_MANIFEST_ID_MAX). */
int bs_manifest_sanitize_id(const char *raw, bs_strbuf *out);

/* Natural order of two names: <0, 0, >0 like strcmp. */
int bs_manifest_name_cmp(const char *a, const char *b);

#endif
