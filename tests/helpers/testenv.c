/*
 * testenv.c - test paths and utilities; see testenv.h.
 */
#include "testenv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *bs_test_root(void)
{
    const char *r = getenv("BS_ROOT");
    return r && *r ? r : ".";
}

const char *bs_test_shared(void)
{
    const char *s = getenv("BS_SHARED");
    struct stat st;
    if (s && *s && stat(s, &st) == 0 && S_ISDIR(st.st_mode))
        return s;
    return NULL;
}

const char *bs_test_tmp(void)
{
    const char *t = getenv("BS_TMP");
    return t && *t ? t : "/tmp";
}

char *bs_test_path(const char *base, const char *rel)
{
    size_t n = strlen(base) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", base, rel);
    return p;
}

char *bs_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *bs_test_model_path(const char *lang)
{
    const char *env = getenv("BROADSHEET_MODELS");
    const char *build = getenv("BS_BUILD");
    char *dir = env && *env ? strdup(env) : bs_test_path(build && *build ? build : "build", "models");
    size_t n = strlen(dir) + strlen(lang) + 6;
    char *path = malloc(n);
    if (dir && path)
        snprintf(path, n, "%s/%s.bsm", dir, lang);
    free(dir);
    return path;
}
