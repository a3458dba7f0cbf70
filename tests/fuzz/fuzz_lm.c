/*
 * fuzz_lm.c - fuzz target: the language-model loader (bs_lm_open) and the
 * table lookups every scoring function does on a model it accepted.
 *
 * A model file carries a checksum of its body, so almost every mutation
 * would stop at the checksum test and never reach the table directory or
 * the probing code.  Most inputs therefore get their body length and
 * checksum fixed up before loading (the file a careless or hostile tool
 * would write); inputs whose first byte is odd are loaded as they are, so
 * the truncation and checksum tests are fuzzed too.  An accepted model is
 * then queried with Chinese and English text: a full table with no empty
 * slot, a NaN count or an offset at the end of the body must not crash or
 * hang the lookups.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lm.h"
#include "lm_format.h"

/* Offsets in the 128-byte header (lm_format.h). */
#define FUZZ_LM_BODY_LEN_AT 16
#define FUZZ_LM_CHECKSUM_AT 24

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

static void query(const bs_lm *lm)
{
    static const char *const texts[] = {
        "新华社北京电 国务院总理今天在人民大会堂会见了来访的代表团。",
        "The council voted on the budget democ- racy well-known Continued",
        "", "a", "了的们吗子予己已巳未末日曰人入土士",
    };
    const size_t nt = sizeof texts / sizeof texts[0];
    for (size_t i = 0; i < nt; i++) {
        bs_lm_logprob(lm, texts[i]);
        bs_lm_join_score(lm, texts[i], texts[(i + 1) % nt]);
        bs_lm_dehyphenate_score(lm, texts[i], texts[(i + 2) % nt]);
        bs_lm_start_logodds(lm, texts[i]);
        char *out = NULL;
        bs_lm_change *changes = NULL;
        size_t nch = 0;
        bs_error err = {0};
        if (bs_lm_correct(lm, texts[i], &out, &changes, &nch, &err) == 0) {
            free(out);
            free(changes);
        }
    }
    size_t order[3];
    double score = 0;
    bs_error err = {0};
    bs_lm_order(lm, texts, 3, order, &score, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    if (size >= BS_LM_HEADER_SIZE && (buf[0] & 1) == 0) {
        /* "BSLM" starts with 'B' (even): seeds are fixed up by default. */
        uint64_t body_len = size - BS_LM_HEADER_SIZE;
        memcpy(buf + FUZZ_LM_BODY_LEN_AT, &body_len, 8);
        uint64_t sum = bs_lm_checksum(buf + BS_LM_HEADER_SIZE, body_len);
        memcpy(buf + FUZZ_LM_CHECKSUM_AT, &sum, 8);
    }
    char path[BS_FUZZ_PATH_MAX];
    int fd = bs_fuzz_memfile_open(buf, size, path);
    free(buf);
    if (fd < 0)
        return 0;
    bs_error err = {0};
    bs_lm *lm = bs_lm_open(path, &err);
    bs_fuzz_memfile_close(fd);
    if (!lm)
        return 0;
    query(lm);
    bs_lm_close(lm);
    return 0;
}
