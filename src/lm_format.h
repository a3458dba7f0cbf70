/*
 * lm_format.h - the binary file of a language model (.bsm), read-only.
 *
 * Public functions:
 *     bs_lm_open, bs_lm_close, bs_lm_is_text, bs_lm_adapt, bs_lm_checksum,
 *     bs_lm_mix64, bs_lm_word_hash,
 *     bs_lm_uni, bs_lm_bi, bs_lm_tri, bs_lm_word, bs_lm_word_count
 *
 * Internal to the language-model family: callers use lm.h.  The file is
 * written by tools/build-models; both sides must agree on every byte:
 *
 *   header, 128 bytes, little-endian:
 *      0  char[4]  "BSLM"
 *      4  u32      version (BS_LM_VERSION)
 *      8  u32      language (BS_LM_ZH, BS_LM_EN), or'ed with
 *                  BS_LM_TEXT_FLAG for a text model
 *     12  u32      longest word in characters
 *     16  u64      body length in bytes (file size - 128)
 *     24  u64      body checksum (bs_lm_checksum)
 *     32  f64 x4   total word count C, total characters N, distinct
 *                  characters, total of the word table
 *     64  {u64 offset, u64 slots} x4: the unigram, bigram, trigram and word
 *                  tables, offsets into the body, 16-byte aligned
 *   body: the four open-addressing tables.
 *
 * Version 2 added each word's start log-odds to the word table.
 *
 * Each table is an array of fixed-size slots probed linearly from a home
 * slot chosen by the high 32 bits of mix64(key) (multiply-shift, so the
 * slot count need not be a power of two); a slot holds a 32-bit tag (the
 * low 32 bits of the hash, 0 = empty) or, for unigrams, the code point
 * itself.  Lookup is one hash and one or two cache lines, which is what
 * keeps a join score within a few microseconds.  The tables are used in
 * place from a read-only, shared mmap: loading is a header check and a
 * checksum pass at memory speed, and every thread of the process shares
 * the same pages.
 */
#ifndef BS_LM_FORMAT_H
#define BS_LM_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "lm.h"

#define BS_LM_MAGIC "BSLM"
#define BS_LM_VERSION 2u
#define BS_LM_HEADER_SIZE 128u
/* Bit of the header's language word: a text model (tools/build-models
 * --text), whose units are the paragraphs of running text, not words. */
#define BS_LM_TEXT_FLAG 0x100u
/* Code points are packed 21 bits each into n-gram keys. */
#define BS_LM_CP_BITS 21u

typedef struct bs_lm_uni_slot {
    uint32_t cp; /* 0 = empty */
    float u;     /* occurrences in the word stream */
    float s;     /* occurrences starting a word */
    float e;     /* occurrences ending a word */
    float w;     /* occurrences as a one-character word */
    uint32_t flags; /* BS_LM_FLAG_* */
} bs_lm_uni_slot;

/* A clitic: a one-character word that attaches to what precedes (jieba
 * tags it as a particle or suffix: 的 了 们 吗), never starts a sentence. */
#define BS_LM_FLAG_CLITIC 1u

typedef struct bs_lm_bi_slot {
    uint32_t tag;
    float i; /* inside one word */
    float s; /* the first two characters of a word */
    float e; /* the last two characters of a word */
} bs_lm_bi_slot;

typedef struct bs_lm_val_slot {
    uint32_t tag;
    float v;
} bs_lm_val_slot;

typedef struct bs_lm_word_slot {
    uint32_t tag;
    float count; /* occurrences in the word list's stream */
    float start; /* log-odds that a sentence opens with the word rather
                    than running text containing it, from its part of
                    speech (tools/build-models); 0 when unknown */
} bs_lm_word_slot;

struct bs_lm {
    void *map;
    size_t map_len;
    char *path;
    int lang;
    int is_text;         /* a text model: counts of running text */
    bs_lm *adapt;        /* owned: the text model mixed into join scores */
    uint32_t max_word_len;
    double total_words;  /* C */
    double total_chars;  /* N */
    double n_chars;      /* distinct characters */
    double word_total;   /* sum of the word table */
    double dirichlet;    /* smoothing mass, in counts (lm.c) */
    const bs_lm_uni_slot *uni;
    uint64_t uni_cap;
    const bs_lm_bi_slot *bi;
    uint64_t bi_cap;
    const bs_lm_val_slot *tri;
    uint64_t tri_cap;
    const bs_lm_word_slot *words;
    uint64_t words_cap;
};

/* splitmix64's finaliser, the hash of every table. */
uint64_t bs_lm_mix64(uint64_t x);
/* FNV-1a 64 of the UTF-8 bytes s[0..n), the key of the word table. */
uint64_t bs_lm_word_hash(const char *s, size_t n);
/* The body checksum: sum of little-endian u64 words times (2i+1), mixed
 * with the length (n must be a multiple of 8). */
uint64_t bs_lm_checksum(const void *body, size_t n);

/* Look-ups; NULL when absent. */
const bs_lm_uni_slot *bs_lm_uni(const bs_lm *lm, uint32_t cp);
const bs_lm_bi_slot *bs_lm_bi(const bs_lm *lm, uint32_t a, uint32_t b);
/* Inside-word count of the trigram abc, 0 when absent. */
double bs_lm_tri(const bs_lm *lm, uint32_t a, uint32_t b, uint32_t c);
/* The word s[0..n) (exact bytes), NULL when absent; points into the
 * model's map. */
const bs_lm_word_slot *bs_lm_word(const bs_lm *lm, const char *s, size_t n);
/* Count of the word s[0..n) (exact bytes), 0 when absent. */
double bs_lm_word_count(const bs_lm *lm, const char *s, size_t n);

#endif
