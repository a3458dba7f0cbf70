/*
 * fuzz_jump.c - fuzz target: jump-line detection.
 *
 * The input is one OCR line (UTF-8 or not: OCR and imports can give
 * anything).  bs_jump_parse, bs_jump_find and bs_jump_label_normalize run
 * on it, and the span bs_jump_find reports must lie inside the text.  The
 * label found is then resolved against a small issue whose pages carry
 * printed labels, the way the stitcher calls it.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "issue.h"
#include "jump.h"
#include "xalloc.h"

/* Pages in the scratch issue: enough for labels A1..A3 and 1..3. */
#define FUZZ_JUMP_PAGES 6

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = bs_fuzz_cstr(data, size);
    size_t len = strlen(text);
    bs_jump_line line;
    memset(&line, 0, sizeof line);
    bs_jump_parse(text, &line);
    size_t start = 0, end = 0;
    bs_jump_line found;
    memset(&found, 0, sizeof found);
    if (bs_jump_find(text, &found, &start, &end) == 1) {
        if (start > end || end > len)
            abort(); /* span outside the text */
        if (memchr(found.label, '\0', sizeof found.label) == NULL ||
            memchr(found.keyword, '\0', sizeof found.keyword) == NULL)
            abort(); /* unterminated fixed-size field */
    }
    char label[BS_JUMP_LABEL_MAX];
    bs_jump_label_normalize(text, label);
    bs_issue *issue = bs_issue_new();
    static const char *const labels[FUZZ_JUMP_PAGES] = {"A1", "A2", "A3", "1", "2", NULL};
    for (int i = 0; i < FUZZ_JUMP_PAGES; i++) {
        bs_page *p = bs_issue_add_page(issue, i + 1);
        if (labels[i])
            p->label = bs_xstrdup(labels[i]);
    }
    if (found.label[0])
        bs_jump_resolve_page(issue, found.label, 1);
    bs_jump_resolve_page(issue, text, 2);
    bs_issue_free(issue);
    free(text);
    return 0;
}
