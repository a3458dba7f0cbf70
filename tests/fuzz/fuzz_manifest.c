/*
 * fuzz_manifest.c - fuzz target: the manifest CSV reader.
 *
 * The input is a manifest file (issue id, page, path, language per line);
 * it is read with bs_manifest_read_csv and written back with
 * bs_manifest_to_csv.  Every issue id kept must already be sanitised
 * (bs_manifest_sanitize_id leaves it unchanged): ids become folder names,
 * so an id with "/" or ".." would be a way out of the output folder.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "manifest.h"
#include "strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    bs_fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[BS_FUZZ_PATH_MAX];
    int fd = bs_fuzz_memfile_open(data, size, path);
    if (fd < 0)
        return 0;
    bs_error err = {0};
    bs_manifest *m = bs_manifest_read_csv(path, &err);
    bs_fuzz_memfile_close(fd);
    if (!m)
        return 0;
    bs_strbuf sb;
    bs_strbuf_init(&sb);
    for (size_t i = 0; i < m->nissues; i++) {
        const char *id = m->issues[i].id;
        if (bs_manifest_sanitize_id(id, &sb) != 0 || strcmp(sb.buf, id) != 0)
            abort(); /* an unsafe issue id got through */
    }
    bs_strbuf_release(&sb);
    free(bs_manifest_to_csv(m, NULL));
    bs_manifest_free(m);
    return 0;
}
