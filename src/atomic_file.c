/*
 * atomic_file.c - crash-safe file writes; see atomic_file.h.
 */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

char *bs_path_join(const char *dir, const char *name)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    bs_strbuf_addstr(&sb, dir);
    if (sb.len && sb.buf[sb.len - 1] != '/')
        bs_strbuf_addch(&sb, '/');
    bs_strbuf_addstr(&sb, name);
    return bs_strbuf_detach(&sb);
}

char *bs_path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    if (slash == path)
        return bs_xstrdup("/");
    return bs_xstrndup(path, (size_t)(slash - path));
}

int bs_atomic_file_open(bs_atomic_file *af, const char *path, bs_error *err)
{
    memset(af, 0, sizeof(*af));
    bs_strbuf tmp = BS_STRBUF_INIT;
    bs_strbuf_addf(&tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp.buf);
    if (fd < 0) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot create temporary file: %s", path, strerror(errno));
        bs_strbuf_release(&tmp);
        return -1;
    }
    /* mkstemp creates 0600; outputs are ordinary files readable by others. */
    fchmod(fd, 0644);
    af->f = fdopen(fd, "wb");
    if (!af->f) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot open temporary file: %s", path, strerror(errno));
        close(fd);
        unlink(tmp.buf);
        bs_strbuf_release(&tmp);
        return -1;
    }
    af->tmp = bs_strbuf_detach(&tmp);
    af->path = bs_xstrdup(path);
    return 0;
}

static void atomic_file_release(bs_atomic_file *af)
{
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof(*af));
}

void bs_atomic_file_abort(bs_atomic_file *af)
{
    if (af->f)
        fclose(af->f);
    if (af->tmp)
        unlink(af->tmp);
    atomic_file_release(af);
}

int bs_atomic_file_close(bs_atomic_file *af, bs_error *err)
{
    const char *what = NULL;
    int saved = 0;
    if (fflush(af->f) != 0 || ferror(af->f))
        what = "write failed";
    else if (fsync(fileno(af->f)) != 0 && errno != EINVAL)
        what = "fsync failed";
    if (what)
        saved = errno;
    if (fclose(af->f) != 0 && !what) {
        what = "close failed";
        saved = errno;
    }
    af->f = NULL;
    if (what) {
        bs_error_set(err, BS_ERR_IO, "%s: %s: %s", af->path, what,
                     saved ? strerror(saved) : "no space written");
        bs_atomic_file_abort(af);
        return -1;
    }
    return 0;
}

int bs_atomic_file_commit(bs_atomic_file *af, bs_error *err)
{
    if (bs_atomic_file_close(af, err) != 0)
        return -1;
    if (rename(af->tmp, af->path) != 0) {
        bs_error_set(err, BS_ERR_IO, "%s: rename failed: %s", af->path, strerror(errno));
        bs_atomic_file_abort(af);
        return -1;
    }
    atomic_file_release(af);
    return 0;
}

int bs_write_file_atomic(const char *path, const void *data, size_t len, bs_error *err)
{
    bs_atomic_file af;
    if (bs_atomic_file_open(&af, path, err) != 0)
        return -1;
    /* A short write leaves the stream's error flag set: commit reports it
     * and removes the temporary file. */
    if (len)
        (void)fwrite(data, 1, len, af.f);
    return bs_atomic_file_commit(&af, err);
}

int bs_read_file(const char *path, long max_bytes, char **out, size_t *len, bs_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    bs_strbuf sb = BS_STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (max_bytes > 0 && (long)(sb.len + n) > max_bytes) {
            fclose(f);
            bs_strbuf_release(&sb);
            return bs_error_set(err, BS_ERR_LIMIT, "%s: larger than the limit of %ld bytes", path,
                                max_bytes);
        }
        bs_strbuf_add(&sb, chunk, n);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        bs_strbuf_release(&sb);
        return bs_error_set(err, BS_ERR_IO, "%s: read error", path);
    }
    *len = sb.len;
    *out = bs_strbuf_detach(&sb);
    return 0;
}

int bs_mkdir_p(const char *path, bs_error *err)
{
    char *copy = bs_xstrdup(path);
    size_t n = strlen(copy);
    for (size_t i = 1; i <= n; i++) {
        if (copy[i] != '/' && copy[i] != '\0')
            continue;
        char saved = copy[i];
        copy[i] = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            bs_error_set(err, BS_ERR_IO, "%s: cannot create directory: %s", copy, strerror(errno));
            free(copy);
            return -1;
        }
        copy[i] = saved;
    }
    struct stat st;
    int ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    free(copy);
    if (!ok)
        return bs_error_set(err, BS_ERR_IO, "%s: not a directory", path);
    return 0;
}

int bs_mkdir_output(const char *path, bs_error *err)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return bs_error_set(err, BS_ERR_IO, "%s: is a symlink (not followed: outputs stay inside "
                                            "the output folder)", path);
    return bs_mkdir_p(path, err);
}
