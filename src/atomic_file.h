/*
 * atomic_file.h - write files so that a crash never leaves half a file.
 *
 * Public functions:
 *     bs_write_file_atomic, bs_atomic_file_open, bs_atomic_file_commit,
 *     bs_atomic_file_close,
 *     bs_atomic_file_abort, bs_read_file, bs_mkdir_p, bs_mkdir_output,
 *     bs_path_join, bs_path_dir
 *
 * bs_write_file_atomic writes to a temporary file in the same directory,
 * flushes it to disk, and renames it over the destination.  rename(2) is
 * atomic on POSIX file systems, so a reader (or a resumed batch) sees
 * either the old complete file or the new complete file, never a mix; a
 * full disk or a kill in the middle leaves the old file intact and at most
 * a stray ".tmp" file, which is removed on failure when possible.
 */
#ifndef BS_ATOMIC_FILE_H
#define BS_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* Write len bytes of data to path atomically.  0 or -1 (err names path). */
int bs_write_file_atomic(const char *path, const void *data, size_t len, bs_error *err);

/* A file written in steps (too large to hold in memory) and put in place
 * atomically at the end, like bs_write_file_atomic. */
typedef struct bs_atomic_file {
    FILE *f;    /* write here between open and commit */
    char *tmp;  /* owned: the temporary file's name */
    char *path; /* owned: the destination */
} bs_atomic_file;

/* Create the temporary file beside path.  0 or -1 (err names path). */
int bs_atomic_file_open(bs_atomic_file *af, const char *path, bs_error *err);

/* Flush af->f to disk and rename it over the destination; af is released
 * either way.  0 or -1 (err names the destination; the temporary file is
 * removed and the destination untouched). */
int bs_atomic_file_commit(bs_atomic_file *af, bs_error *err);

/* Flush af->f to disk and close it, keeping the temporary file (af->tmp)
 * for the caller to rename over af->path later, when a whole set of files
 * is ready (output.h stages an output set so).  0, or -1 with err naming
 * the destination, the temporary file removed and af released. */
int bs_atomic_file_close(bs_atomic_file *af, bs_error *err);

/* Remove the temporary file and release af (af->f may be NULL: closed). */
void bs_atomic_file_abort(bs_atomic_file *af);

/* Read a whole file of at most max_bytes bytes into a NUL-terminated buffer
 * (*out, caller frees; *len its length).  0 or -1; over the limit is
 * BS_ERR_LIMIT. */
int bs_read_file(const char *path, long max_bytes, char **out, size_t *len, bs_error *err);

/* Create directory path and its parents (mode 0755).  0 or -1. */
int bs_mkdir_p(const char *path, bs_error *err);

/* bs_mkdir_p for a folder that outputs go into inside an output folder
 * (articles/, alto/, report/...), refusing one that is a symlink: outputs
 * must not be written through a link planted in the output folder to
 * somewhere outside it.  The output folder itself may be a link; the
 * caller chose it.  0 or -1 (err names path). */
int bs_mkdir_output(const char *path, bs_error *err);

/* dir + "/" + name, as a new string (caller frees). */
char *bs_path_join(const char *dir, const char *name);

/* The folder part of path ("a/b" for "a/b/c.xml", "/" for "/c.xml"), or
 * NULL when path names no folder.  Caller frees. */
char *bs_path_dir(const char *path);

#endif
