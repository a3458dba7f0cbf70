/*
 * fuzz_issue_json.c - fuzz target: the issue JSON reader.
 *
 * Any bytes go to bs_issue_from_json.  An issue it accepts must survive
 * the round trip: written with bs_issue_to_json and read again, it must
 * parse, so the reader never accepts what the writer cannot express.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "issue.h"
#include "issue_json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bs_error err = {0};
    bs_issue *issue = bs_issue_from_json((const char *)data, size, "fuzz.json", &err);
    if (!issue)
        return 0;
    char *text = bs_issue_to_json(issue, 0);
    bs_issue *again = bs_issue_from_json(text, strlen(text), "roundtrip.json", &err);
    if (!again)
        abort(); /* the writer produced something the reader refuses */
    bs_issue_free(again);
    free(text);
    bs_issue_free(issue);
    return 0;
}
