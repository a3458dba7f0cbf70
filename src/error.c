/*
 * error.c - error reports; see error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int bs_error_set(bs_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    /* One line: a file name with a newline must not break log parsing. */
    for (char *p = err->msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    err->code = code;
    return -1;
}

void bs_error_clear(bs_error *err)
{
    if (err) {
        err->code = BS_OK;
        err->msg[0] = '\0';
    }
}

void bs_error_name_limit(bs_error *err, const char *option)
{
    if (!err || err->code != BS_ERR_LIMIT || !option)
        return;
    size_t n = strlen(err->msg);
    snprintf(err->msg + n, sizeof(err->msg) - n, " (%s)", option);
}
