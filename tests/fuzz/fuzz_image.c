/*
 * fuzz_image.c - fuzz target: page images through bs_image_count and
 * bs_image_load, i.e. Leptonica's header readers and decoders as the
 * project calls them.
 *
 * The limits are tightened (FUZZ_IMAGE_*) so a fuzzer input decodes in
 * milliseconds and a lying header is refused the way the real limits
 * refuse one; the minimum side is 1 px so tiny inputs reach the decoders.
 * Leptonica itself is not instrumented: coverage guides through our code
 * and the format sniffing, ASan still catches bad reads through its
 * interceptors and any crash in the decoders.
 */
#include <stdlib.h>

#include "harness.h"
#include "image_load.h"

/* 2,000 px a side and 1 Mpx: far above what a fuzzer input can really
 * encode, far below what would make one iteration slow. */
#define FUZZ_IMAGE_MAX_SIDE 2000
#define FUZZ_IMAGE_MAX_PIXELS (1000L * 1000)
/* Pages of a multi-page TIFF decoded per input. */
#define FUZZ_IMAGE_MAX_PAGES 4

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
    int n = 0;
    if (bs_image_count(path, &n, &err) == 0) {
        bs_image_limits lim = {FUZZ_IMAGE_MAX_SIDE, FUZZ_IMAGE_MAX_PIXELS, 1};
        for (int i = 0; i < n && i < FUZZ_IMAGE_MAX_PAGES; i++) {
            PIX *pix = bs_image_load(path, i, &lim, &err);
            if (pix) {
                int d = pixGetDepth(pix);
                if ((d != 8 && d != 32) || pixGetColormap(pix))
                    abort(); /* the loader promises 8 or 32 bpp, no colormap */
                pixDestroy(&pix);
            }
        }
    }
    bs_fuzz_memfile_close(fd);
    return 0;
}
