/*
 * replay.c - runs stored inputs through a fuzz target without libFuzzer.
 *
 * Usage: replay_<target> FILE...
 *
 * Linked with one fuzz_<target>.c and the gcc ASan/UBSan build of the
 * library, it calls LLVMFuzzerTestOneInput once per file, exactly as the
 * fuzzer did when the file was found, so make check replays every stored
 * regression input with the sanitizers on but without clang.  A sanitizer
 * report aborts the process, so a non-zero exit means a regression.
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

/* Read buffer growth step, bytes: regression inputs are small. */
#define REPLAY_CHUNK (64 * 1024)

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "replay: cannot open %s\n", argv[i]);
            bad = 1;
            continue;
        }
        size_t cap = REPLAY_CHUNK, n = 0, got;
        unsigned char *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                unsigned char *bigger = realloc(buf, cap *= 2);
                if (!bigger)
                    free(buf);
                buf = bigger;
            }
        }
        fclose(f);
        if (!buf) {
            fprintf(stderr, "replay: out of memory reading %s\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        printf("ok %s\n", argv[i]);
    }
    return bad;
}
