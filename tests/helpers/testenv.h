/*
 * testenv.h - paths and small utilities shared by the cmocka tests.
 *
 * Public functions:
 *     bs_test_root, bs_test_shared, bs_test_tmp, bs_test_path,
 *     bs_test_slurp, bs_test_model_path
 *
 * tests/run exports BS_ROOT (repository), BS_SHARED (../shared or empty)
 * and BS_TMP (a scratch folder removed after the test).  Returned strings
 * from bs_test_path and bs_test_slurp are malloc'd; the caller frees them.
 */
#ifndef BS_TESTENV_H
#define BS_TESTENV_H

#include <stddef.h>

/* Exit code that tells tests/run the test was skipped. */
#define BS_TEST_SKIP 77

const char *bs_test_root(void);
/* ../shared, or NULL when it is absent. */
const char *bs_test_shared(void);
const char *bs_test_tmp(void);
/* base + "/" + rel; caller frees. */
char *bs_test_path(const char *base, const char *rel);
/* Whole file as a NUL-terminated string, or NULL; caller frees. */
char *bs_test_slurp(const char *path, size_t *len);
/* The built language model for lang ("zh", "en"): $BROADSHEET_MODELS/
 * lang.bsm, else $BS_BUILD/models/lang.bsm (build/ when unset).  A test
 * binary lives in build/asan/tests, where bs_lm_find's search from the
 * executable finds no model.  Caller frees. */
char *bs_test_model_path(const char *lang);

#endif
