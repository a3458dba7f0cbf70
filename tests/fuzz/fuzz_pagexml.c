/*
 * fuzz_pagexml.c - fuzz target: the PAGE-XML reader.
 *
 * The bytes are parsed by bs_xml_parse with the default limits (as the
 * importer does) and the document read by bs_pagexml_read_doc into a
 * scratch issue, which is then written as JSON so every field the reader
 * filled is touched.  Errors are expected; crashes, leaks and hangs are
 * findings.
 */
#include <stdlib.h>

#include "pagexml_read.h"
#include "harness.h"
#include "issue.h"
#include "issue_json.h"
#include "xml_safe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bs_error err = {0};
    xmlDoc *doc = bs_xml_parse((const char *)data, size, "fuzz.pagexml", 0, NULL, &err);
    if (!doc)
        return 0;
    bs_issue *issue = bs_issue_new();
    bs_pagexml_read_doc(issue, doc, "fuzz.pagexml", 1, &err);
    free(bs_issue_to_json(issue, 0));
    bs_issue_free(issue);
    bs_xml_free(doc);
    return 0;
}
