/*
 * lm_format.c - open, verify and query a .bsm language-model file.
 *
 * Public functions:
 *     bs_lm_open, bs_lm_close, bs_lm_lang, bs_lm_path, bs_lm_is_text, bs_lm_adapt,
 *     bs_lm_checksum, bs_lm_mix64, bs_lm_word_hash,
 *     bs_lm_uni, bs_lm_bi, bs_lm_tri, bs_lm_word, bs_lm_word_count
 *
 * The file (layout in lm_format.h) is mapped read-only and shared; every
 * table is used where it lies.  Opening checks, in this order, that the
 * file exists, is at least a header long, has the magic and the version
 * this code reads, that the body length in the header is the file's, that
 * every table lies inside the body, and that the body checksum matches:
 * a truncated download, a flipped bit or a model from another release is
 * refused with an error that names the file, never read as garbage
 * probabilities.  The checksum is a weighted sum of 64-bit words, which
 * runs at memory speed (a 24 MB model in a few milliseconds) and changes
 * for any single changed byte.
 */
#include "lm_format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* Sizes of the slots as tools/build-models packs them. */
#define UNI_SLOT_SIZE 24u
#define BI_SLOT_SIZE 16u
#define VAL_SLOT_SIZE 8u
#define WORD_SLOT_SIZE 12u
_Static_assert(sizeof(bs_lm_word_slot) == WORD_SLOT_SIZE, "word slot as tools/build-models packs it");

uint64_t bs_lm_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

uint64_t bs_lm_word_hash(const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001B3ull;
    }
    return h ? h : 1;
}

uint64_t bs_lm_checksum(const void *body, size_t n)
{
    const unsigned char *p = body;
    uint64_t sum = 0;
    size_t nw = n / 8;
    for (size_t i = 0; i < nw; i++) {
        uint64_t w;
        memcpy(&w, p + 8 * i, 8);
        sum += w * (2 * (uint64_t)i + 1);
    }
    return bs_lm_mix64(sum ^ (uint64_t)n);
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static double rdf64(const unsigned char *p)
{
    double v;
    memcpy(&v, p, 8);
    return v;
}

static bs_lm *fail(bs_lm *lm, bs_error *err, const char *path, const char *why)
{
    bs_error_set(err, BS_ERR_FORMAT, "%s: %s", path, why);
    bs_lm_close(lm);
    return NULL;
}

bs_lm *bs_lm_open(const char *path, bs_error *err)
{
    static const size_t slot_size[4] = {UNI_SLOT_SIZE, BI_SLOT_SIZE, VAL_SLOT_SIZE, WORD_SLOT_SIZE};
    const uint16_t one = 1;
    if (!path) {
        bs_error_set(err, BS_ERR_USAGE, "language model: no path");
        return NULL;
    }
    if (*(const unsigned char *)&one != 1) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: language models need a little-endian host", path);
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot open language model: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        bs_error_set(err, BS_ERR_IO, "%s: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        bs_error_set(err, BS_ERR_FORMAT, "%s: not a language model file (%s)", path,
                     S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
        return NULL;
    }
    if (st.st_size < (off_t)BS_LM_HEADER_SIZE) {
        close(fd);
        bs_error_set(err, BS_ERR_FORMAT, "%s: truncated language model (%lld bytes)", path,
                     (long long)st.st_size);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        bs_error_set(err, BS_ERR_IO, "%s: cannot map language model: %s", path, strerror(errno));
        return NULL;
    }
    bs_lm *lm = bs_xcalloc(1, sizeof *lm);
    lm->map = map;
    lm->map_len = len;
    lm->path = bs_xstrdup(path);
    const unsigned char *h = map;
    if (memcmp(h, BS_LM_MAGIC, 4) != 0)
        return fail(lm, err, path, "not a Broadsheet language model (bad magic)");
    uint32_t version = rd32(h + 4);
    if (version != BS_LM_VERSION) {
        bs_error_set(err, BS_ERR_FORMAT,
                     "%s: language model version %u, this program reads version %u "
                     "(rebuild with make models)", path, version, BS_LM_VERSION);
        bs_lm_close(lm);
        return NULL;
    }
    uint32_t lang_word = rd32(h + 8);
    lm->is_text = (lang_word & BS_LM_TEXT_FLAG) != 0;
    lm->lang = (int)(lang_word & ~BS_LM_TEXT_FLAG);
    if (lm->lang != BS_LM_ZH && lm->lang != BS_LM_EN)
        return fail(lm, err, path, "unknown language in model header");
    lm->max_word_len = rd32(h + 12);
    uint64_t body_len = rd64(h + 16);
    if (body_len != len - BS_LM_HEADER_SIZE || body_len % 8 != 0) {
        bs_error_set(err, BS_ERR_FORMAT,
                     "%s: truncated or padded language model (body %llu bytes, header says %llu)",
                     path, (unsigned long long)(len - BS_LM_HEADER_SIZE),
                     (unsigned long long)body_len);
        bs_lm_close(lm);
        return NULL;
    }
    const unsigned char *body = h + BS_LM_HEADER_SIZE;
    for (int t = 0; t < 4; t++) {
        uint64_t off = rd64(h + 64 + 16 * t), cap = rd64(h + 72 + 16 * t);
        if (off % 4 != 0 || cap == 0 || off > body_len || cap > (body_len - off) / slot_size[t])
            return fail(lm, err, path, "corrupt table directory");
    }
    if (bs_lm_checksum(body, body_len) != rd64(h + 24))
        return fail(lm, err, path,
                    "checksum mismatch (corrupt language model; rebuild with make models)");
    lm->total_words = rdf64(h + 32);
    lm->total_chars = rdf64(h + 40);
    lm->n_chars = rdf64(h + 48);
    lm->word_total = rdf64(h + 56);
    if (!(lm->total_words > 0) || !(lm->total_chars > 0))
        return fail(lm, err, path, "empty language model");
    lm->uni = (const bs_lm_uni_slot *)(body + rd64(h + 64));
    lm->uni_cap = rd64(h + 72);
    lm->bi = (const bs_lm_bi_slot *)(body + rd64(h + 80));
    lm->bi_cap = rd64(h + 88);
    lm->tri = (const bs_lm_val_slot *)(body + rd64(h + 96));
    lm->tri_cap = rd64(h + 104);
    lm->words = (const bs_lm_word_slot *)(body + rd64(h + 112));
    lm->words_cap = rd64(h + 120);
    lm->dirichlet = lm->is_text ? BS_LM_TEXT_DIRICHLET : lm->total_words * BS_LM_DIRICHLET_FRACTION;
    return lm;
}

void bs_lm_close(bs_lm *lm)
{
    if (!lm)
        return;
    bs_lm_close(lm->adapt);
    if (lm->map)
        munmap(lm->map, lm->map_len);
    free(lm->path);
    free(lm);
}

int bs_lm_is_text(const bs_lm *lm)
{
    return lm->is_text;
}

int bs_lm_adapt(bs_lm *base, bs_lm *text, bs_error *err)
{
    if (!text->is_text) {
        bs_error_set(err, BS_ERR_USAGE,
                     "%s: not a text model (build one with tools/build-models --text)", text->path);
        return -1;
    }
    if (text->lang != base->lang) {
        bs_error_set(err, BS_ERR_USAGE, "%s: a %s text model cannot adapt the %s model %s",
                     text->path, text->lang == BS_LM_ZH ? "Chinese" : "English",
                     base->lang == BS_LM_ZH ? "Chinese" : "English", base->path);
        return -1;
    }
    if (base->is_text || base->adapt) {
        bs_error_set(err, BS_ERR_USAGE, "%s: %s is %s", text->path, base->path,
                     base->is_text ? "a text model itself" : "already adapted");
        return -1;
    }
    base->adapt = text;
    return 0;
}

int bs_lm_lang(const bs_lm *lm)
{
    return lm->lang;
}

const char *bs_lm_path(const bs_lm *lm)
{
    return lm->path;
}

/* Home slot from the high half of the hash (multiply-shift), tag from the
 * low half; the same split as slot_and_tag in tools/build-models. */
static uint64_t home(uint64_t h, uint64_t cap)
{
    return ((h >> 32) * cap) >> 32;
}

static uint32_t tag_of(uint64_t h)
{
    uint32_t t = (uint32_t)h;
    return t ? t : 1;
}

const bs_lm_uni_slot *bs_lm_uni(const bs_lm *lm, uint32_t cp)
{
    if (cp == 0)
        return NULL;
    uint64_t i = home(bs_lm_mix64(cp), lm->uni_cap);
    for (uint64_t n = 0; n < lm->uni_cap; n++) {
        const bs_lm_uni_slot *s = (const bs_lm_uni_slot *)((const char *)lm->uni + i * UNI_SLOT_SIZE);
        uint32_t k;
        memcpy(&k, &s->cp, 4);
        if (k == cp)
            return s;
        if (k == 0)
            return NULL;
        if (++i == lm->uni_cap)
            i = 0;
    }
    return NULL;
}

static const void *find_tag(const void *table, uint64_t cap, size_t size, uint64_t key)
{
    uint64_t h = bs_lm_mix64(key);
    uint32_t tag = tag_of(h);
    uint64_t i = home(h, cap);
    for (uint64_t n = 0; n < cap; n++) {
        const char *s = (const char *)table + i * size;
        uint32_t k;
        memcpy(&k, s, 4);
        if (k == tag)
            return s;
        if (k == 0)
            return NULL;
        if (++i == cap)
            i = 0;
    }
    return NULL;
}

const bs_lm_bi_slot *bs_lm_bi(const bs_lm *lm, uint32_t a, uint32_t b)
{
    uint64_t key = ((uint64_t)a << BS_LM_CP_BITS) | b;
    return find_tag(lm->bi, lm->bi_cap, BI_SLOT_SIZE, key);
}

double bs_lm_tri(const bs_lm *lm, uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t key = ((uint64_t)a << (2 * BS_LM_CP_BITS)) | ((uint64_t)b << BS_LM_CP_BITS) | c;
    const bs_lm_val_slot *s = find_tag(lm->tri, lm->tri_cap, VAL_SLOT_SIZE, key);
    return s ? s->v : 0.0;
}

const bs_lm_word_slot *bs_lm_word(const bs_lm *lm, const char *s, size_t n)
{
    return find_tag(lm->words, lm->words_cap, WORD_SLOT_SIZE, bs_lm_word_hash(s, n));
}

double bs_lm_word_count(const bs_lm *lm, const char *s, size_t n)
{
    const bs_lm_word_slot *w = bs_lm_word(lm, s, n);
    return w ? w->count : 0.0;
}
