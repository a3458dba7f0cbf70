/*
 * fuzz_reflow.c - fuzz target: the text-only reflow path, every encoding.
 *
 * The first byte of the input chooses how the rest is decoded: detected
 * (the default of `broadsheet reflow`) or one of the encodings archives
 * hand us (UTF-8, GB18030, BIG5, UTF-16LE, UTF-16BE); the rest is the
 * file.  It goes through the decoder line by line, as cmd_reflow.c reads
 * a file, then through the whole reflow (roles, joins, order, duplicates)
 * and the issue stage (stitching) without language models, whose loader
 * has a target of its own (fuzz_lm.c).  Every line the decoder returns
 * must be valid UTF-8: the stages after it rely on that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "issue.h"
#include "reflow.h"
#include "strbuf.h"
#include "text_decode.h"
#include "unicode.h"

/* Selector byte modulo this count picks the encoding; 0 means detect. */
static const char *const fuzz_encodings[] = {NULL, "UTF-8", "GB18030", "BIG5", "UTF-16LE",
                                             "UTF-16BE"};
#define FUZZ_NENCODINGS (sizeof fuzz_encodings / sizeof fuzz_encodings[0])

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *enc = fuzz_encodings[data[0] % FUZZ_NENCODINGS];
    char path[BS_FUZZ_PATH_MAX];
    int fd = bs_fuzz_memfile_open(data + 1, size - 1, path);
    if (fd < 0)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        bs_fuzz_memfile_close(fd);
        return 0;
    }
    bs_error err = {0};
    bs_text_decoder *d = bs_text_decoder_open(f, "fuzz", enc, &err);
    if (d) {
        bs_issue *issue = bs_issue_new();
        bs_reflow_page *rp = bs_reflow_page_new(1, NULL);
        bs_strbuf line = BS_STRBUF_INIT;
        while (bs_text_decoder_next_line(d, &line, &err) > 0) {
            if (bs_utf8_validate(line.buf, line.len, NULL) != 0)
                abort(); /* the decoder let invalid UTF-8 through */
            bs_reflow_page_add_line(rp, line.buf);
        }
        bs_strbuf_release(&line);
        const bs_text_problem *kept = NULL;
        size_t nkept = 0;
        if (bs_text_decoder_problems(d, &kept, &nkept) < nkept || nkept > BS_TEXT_PROBLEMS_MAX)
            abort(); /* more problems kept than counted */
        bs_reflow_options opt = bs_reflow_options_default();
        bs_reflow_page_finish(rp, issue, &opt);
        bs_reflow_issue_finish(issue, &opt);
        bs_issue_free(issue);
        bs_text_decoder_close(d);
    }
    fclose(f);
    bs_fuzz_memfile_close(fd);
    return 0;
}
