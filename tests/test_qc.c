/*
 * test_qc.c - the QC thresholds file (`--qc-config`): values read, lines
 * of any length, errors naming the file and line, a directory refused.
 * The QC measures themselves are exercised end to end by the report and
 * batch tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "qc.h"
#include "testenv.h"

static char *write_config(const char *name, const char *text)
{
    char *path = bs_test_path(bs_test_tmp(), name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* A comment longer than any fixed line buffer is still a comment, and
 * the setting after it is read from the right line. */
static void test_long_comment(void **state)
{
    (void)state;
    char comment[2048];
    memset(comment, 'x', sizeof(comment) - 1);
    comment[0] = '#';
    comment[sizeof(comment) - 1] = '\0';
    char text[4096];
    snprintf(text, sizeof(text), "%s\nlow_conf_word = 0.5\n  # indented comment\ndict_hit_min=0.25\n", comment);
    char *path = write_config("long.conf", text);
    bs_qc_thresholds t = bs_qc_thresholds_default();
    bs_error err = {0};
    assert_int_equal(bs_qc_thresholds_load(&t, path, &err), 0);
    assert_true(t.low_conf_word == 0.5);
    assert_true(t.dict_hit_min == 0.25);
    free(path);
}

static void expect_error(const char *path, int code, const char *needle)
{
    bs_qc_thresholds t = bs_qc_thresholds_default();
    bs_error err = {0};
    assert_int_not_equal(bs_qc_thresholds_load(&t, path, &err), 0);
    assert_int_equal(err.code, code);
    if (!strstr(err.msg, path) || !strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err.msg, path, needle);
}

static void test_errors(void **state)
{
    (void)state;
    char *path = write_config("unknown.conf", "# thresholds\nlow_conf_word = 0.5\nlow_conf = 3\n");
    expect_error(path, BS_ERR_FORMAT, ":3: unknown threshold 'low_conf'");
    free(path);
    path = write_config("word.conf", "skew_max_deg = steep\n");
    expect_error(path, BS_ERR_FORMAT, ":1: expected 'key = number'");
    free(path);
    /* A directory opens for reading on Linux but reads nothing. */
    path = bs_test_path(bs_test_tmp(), "conf.d");
    mkdir(path, 0700);
    expect_error(path, BS_ERR_IO, "read error");
    free(path);
    path = bs_test_path(bs_test_tmp(), "missing.conf");
    expect_error(path, BS_ERR_IO, "cannot open");
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_comment),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
