/*
 * harness.c - byte buffers as strings and files for the fuzz targets.
 *
 * Public functions:
 *     bs_fuzz_cstr, bs_fuzz_memfile_open, bs_fuzz_memfile_close,
 *     bs_fuzz_quiet
 *
 * See harness.h.  memfd_create keeps the file in memory and unnamed in
 * any folder; its /proc/self/fd name is a real path for fopen and mmap.
 */
#define _GNU_SOURCE
#include "harness.h"

#include <leptonica/allheaders.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

char *bs_fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

int bs_fuzz_memfile_open(const uint8_t *data, size_t size, char path[BS_FUZZ_PATH_MAX])
{
    int fd = memfd_create("bs-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, BS_FUZZ_PATH_MAX, "/proc/self/fd/%d", fd);
    return fd;
}

void bs_fuzz_memfile_close(int fd)
{
    if (fd >= 0)
        close(fd);
}

static void xml_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void bs_fuzz_quiet(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    xmlSetGenericErrorFunc(NULL, xml_silent);
}
