/*
 * harness.h - helpers shared by the fuzz targets in tests/fuzz/.
 *
 * Public functions:
 *     bs_fuzz_cstr, bs_fuzz_memfile_open, bs_fuzz_memfile_close,
 *     bs_fuzz_quiet
 *
 * libFuzzer hands a target a byte buffer; the library's entry points want
 * a NUL-terminated string or a path.  A path is made with an anonymous
 * in-memory file (memfd_create) named through /proc/self/fd, so each input
 * costs no disk write and leaves nothing behind when the fuzzer is killed,
 * and several fuzzers can run at once without sharing a scratch folder.
 * The same helpers serve the replay driver (replay.c), which runs
 * stored regression inputs through the gcc sanitizer build in make check.
 *
 * Ownership: bs_fuzz_cstr returns a malloc'd copy the caller frees;
 * bs_fuzz_memfile_open fills a path buffer owned by the caller and returns
 * a descriptor closed with bs_fuzz_memfile_close.
 */
#ifndef BS_FUZZ_HARNESS_H
#define BS_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* Room for "/proc/self/fd/" and any descriptor number. */
#define BS_FUZZ_PATH_MAX 64

/* Copy of data[0..size) with a terminating NUL (embedded NULs kept, so the
 * string simply ends early).  Never NULL. */
char *bs_fuzz_cstr(const uint8_t *data, size_t size);

/* Write data into a fresh in-memory file; path (BS_FUZZ_PATH_MAX bytes)
 * receives a name any open() accepts.  Returns the descriptor, or -1 when
 * the file cannot be made (the input is then skipped). */
int bs_fuzz_memfile_open(const uint8_t *data, size_t size, char path[BS_FUZZ_PATH_MAX]);
void bs_fuzz_memfile_close(int fd);

/* Silence Leptonica's and libxml2's own messages: a fuzzer feeds them
 * millions of broken inputs and their stderr chatter would bury findings. */
void bs_fuzz_quiet(void);

/* Every target defines these (libFuzzer's entry points). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
