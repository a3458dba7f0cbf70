/*
 * dedup.c - near-duplicate and fragment paragraphs; see dedup.h.
 */
#include "dedup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edit_distance.h"
#include "intmath.h"
#include "unicode.h"
#include "xalloc.h"

/* Texts shorter than this (characters, white space excluded) are never
 * compared: sign-offs ("REUTER"), subheads and slogans repeat by design,
 * while a 20-character sentence twice on one page is a misread. */
#define DEDUP_MIN_CHARS 20
/* Near-duplicates differ by at most this share of their length: two OCR
 * passes over the same lines disagree on a few characters in a hundred. */
#define DEDUP_MAX_DISTANCE_FRAC 0.10
/* Fragments: this share of the shorter text's trigrams lie in the longer. */
#define DEDUP_MIN_CONTAINMENT 0.90
/* Shortest fragment removed: a long quotation may be repeated in a story
 * (a pull quote), a whole sentence or more caught twice is a misread. */
#define DEDUP_MIN_FRAGMENT_CHARS 30
/* Screen: pairs sharing fewer than this share of the shorter text's
 * distinct trigrams cannot be duplicates under either test above (an
 * edit breaks at most three trigrams, so 10% edits keep 70%). */
#define DEDUP_SCREEN 0.5
/* Trigrams sampled for the quick screen.  Two OCR readings of one
 * paragraph typically differ by a few characters in a hundred and share
 * about 90% of their trigrams: the chance that at most half of 16 samples
 * hit is then about 1e-4 (about 3% at the very edge of the 10% edit
 * tolerance).  16 look-ups cost next to nothing. */
#define DEDUP_SAMPLE 16
/* Pages of more items than this pair them through sketches
 * (candidate_pairs) instead of comparing all pairs: 1,000 items are half
 * a million pairs, a fraction of a second; a year of text read as one
 * page (15,000 paragraphs) would be a hundred million, minutes. */
#define DEDUP_ALL_PAIRS_MAX 1000
/* Trigrams in an item's sketch: its DEDUP_SKETCH smallest under a mixing
 * hash.  Two texts whose trigram sets overlap by half share about half of
 * their sketches; a fragment a tenth as long as the text holding it
 * shares about a tenth of the longer's sketch (6 of 64; none with chance
 * e^-6). */
#define DEDUP_SKETCH 64
/* A sketch trigram in more items than this is too common to point at a
 * duplicate (boilerplate, text of a few words over and over); its items
 * are not paired through it, which bounds the pairs to about
 * DEDUP_SKETCH_MAX_POSTINGS / 2 per sketch trigram. */
#define DEDUP_SKETCH_MAX_POSTINGS 16
/* Candidate pairs gathered before repeats are dropped (16 MB of pairs):
 * sixteen copies of each paragraph would otherwise list every pair once
 * per shared sketch trigram, 64 times. */
#define DEDUP_PAIRS_COMPACT (1u << 20)
/* Paragraphs of its story a copy's context is read from (see context):
 * a news story has a few dozen; a hundred, nearest first, say what the
 * story around the copy is about. */
#define DEDUP_CONTEXT_MAX 100

bs_dedup_options bs_dedup_options_default(void)
{
    bs_dedup_options o;
    o.min_chars = DEDUP_MIN_CHARS;
    o.max_distance_frac = DEDUP_MAX_DISTANCE_FRAC;
    o.min_containment = DEDUP_MIN_CONTAINMENT;
    o.min_fragment_chars = DEDUP_MIN_FRAGMENT_CHARS;
    return o;
}

typedef struct key {
    uint32_t *cp; /* NFKC, no white space */
    size_t n;
    uint64_t *bg; /* sorted distinct character trigrams */
    size_t nbg;
} key;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void key_make(key *k, const char *text)
{
    memset(k, 0, sizeof(*k));
    if (bs_unicode_normalize(text, strlen(text), BS_UNICODE_NFKC, &k->cp, &k->n, NULL) != 0) {
        k->cp = bs_xmalloc(sizeof(uint32_t));
        k->n = 0;
    }
    k->n = bs_unicode_remove_space(k->cp, k->n);
    k->bg = bs_xmalloc((k->n ? k->n : 1) * sizeof(*k->bg));
    /* Code points are at most 21 bits: three fit in 63. */
    for (size_t i = 0; i + 2 < k->n; i++)
        k->bg[k->nbg++] = (uint64_t)k->cp[i] << 42 | (uint64_t)k->cp[i + 1] << 21 | k->cp[i + 2];
    qsort(k->bg, k->nbg, sizeof(*k->bg), cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < k->nbg; i++)
        if (u == 0 || k->bg[u - 1] != k->bg[i])
            k->bg[u++] = k->bg[i];
    k->nbg = u;
}

static size_t shared(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, s = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            s++;
            i++;
            j++;
        }
    }
    return s;
}

/* A quick look before the full trigram merge: of DEDUP_SAMPLE trigrams
 * spread over the smaller set, at least the screen share must be in the
 * larger one.  Costs O(DEDUP_SAMPLE log n) instead of O(n), and most pairs
 * of a page share almost nothing. */
static int sample_screen(const key *a, const key *b)
{
    const key *small = a->nbg < b->nbg ? a : b, *big = small == a ? b : a;
    size_t n = small->nbg < DEDUP_SAMPLE ? small->nbg : DEDUP_SAMPLE;
    size_t hit = 0;
    for (size_t k = 0; k < n; k++) {
        const uint64_t *bg = &small->bg[k * small->nbg / n];
        hit += bsearch(bg, big->bg, big->nbg, sizeof(uint64_t), cmp_u64) != NULL;
    }
    return hit >= DEDUP_SCREEN * (double)n;
}

/* The items of each group, for context(): members[first[g]..first[g+1])
 * are the indexes of group rank g, where rank[i] is item i's group rank.
 * Built once, so a page with many duplicates costs the size of their
 * stories, not of the page, per duplicate. */
typedef struct groups {
    size_t *members; /* item indexes, grouped */
    size_t *first;   /* start of each group in members; ngroups + 1 entries */
    size_t *rank;    /* group rank of each item */
} groups;

static void groups_make(groups *g, const bs_dedup_item *items, size_t n)
{
    bs_keyed *gk = bs_xmalloc(n * sizeof(*gk));
    for (size_t i = 0; i < n; i++)
        gk[i] = (bs_keyed){items[i].group, i};
    qsort(gk, n, sizeof(*gk), bs_cmp_keyed);
    g->members = bs_xmalloc(n * sizeof(size_t));
    g->rank = bs_xmalloc(n * sizeof(size_t));
    g->first = bs_xmalloc((n + 1) * sizeof(size_t));
    size_t ng = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || gk[k].key != gk[k - 1].key)
            g->first[ng++] = k;
        g->members[k] = gk[k].index;
        g->rank[gk[k].index] = ng - 1;
    }
    g->first[ng] = n;
    free(gk);
}

static void groups_free(groups *g)
{
    free(g->members);
    free(g->first);
    free(g->rank);
}

/* Trigrams of item i found in the other items of its group, excluding
 * item skip: how much the story is about what the item says.  Only the
 * DEDUP_CONTEXT_MAX members nearest i in reading order are read, so a
 * "story" of thousands of paragraphs (text with no headline) costs a
 * bounded amount per duplicate. */
static size_t context(const groups *g, const key *keys, size_t i, size_t skip)
{
    size_t total = 0;
    const key *ki = &keys[i];
    unsigned char *hit = bs_xcalloc(ki->nbg ? ki->nbg : 1, 1);
    size_t r = g->rank[i];
    size_t lo = g->first[r], hi = g->first[r + 1];
    if (hi - lo > DEDUP_CONTEXT_MAX + 1) {
        /* members are in item order: find i, take a window around it. */
        size_t a = lo, b = hi;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (g->members[mid] < i)
                a = mid + 1;
            else
                b = mid;
        }
        size_t at = a;
        size_t from = at > lo + DEDUP_CONTEXT_MAX / 2 ? at - DEDUP_CONTEXT_MAX / 2 : lo;
        if (from + DEDUP_CONTEXT_MAX + 1 > hi)
            from = hi - DEDUP_CONTEXT_MAX - 1;
        lo = from;
        hi = from + DEDUP_CONTEXT_MAX + 1;
    }
    for (size_t m = lo; m < hi; m++) {
        size_t o = g->members[m];
        if (o == i || o == skip)
            continue;
        const key *ko = &keys[o];
        for (size_t b = 0; b < ki->nbg; b++)
            if (!hit[b] && bsearch(&ki->bg[b], ko->bg, ko->nbg, sizeof(uint64_t), cmp_u64))
                hit[b] = 1;
    }
    for (size_t b = 0; b < ki->nbg; b++)
        total += hit[b];
    free(hit);
    return total;
}

static long box_area(bs_box b)
{
    return (long)b.w * b.h;
}

/* For a whole copy: which of i < j goes?  Returns the index removed. */
static size_t choose(const bs_dedup_item *items, const key *keys, const groups *g, size_t i,
                     size_t j)
{
    if (items[i].region == items[j].region)
        return j;
    if (bs_box_overlap_area(items[i].box, items[j].box) > 0) {
        long ai = box_area(items[i].box), aj = box_area(items[j].box);
        if (ai != aj)
            return ai < aj ? i : j;
        return j;
    }
    size_t ci = context(g, keys, i, j), cj = context(g, keys, j, i);
    return cj > ci ? i : j;
}

/* The state of one search: the items, their keys, which are removed,
 * and the hits so far (the caller's once returned). */
typedef struct finder {
    const bs_dedup_item *items;
    const key *keys;
    const bs_dedup_options *opt;
    unsigned char *removed;
    groups grp;
    bs_dedup_hit *hits;
    size_t n, nhits, cap;
} finder;

static int comparable(const finder *f, size_t i)
{
    return !f->removed[i] && !f->items[i].fixed && f->keys[i].n >= f->opt->min_chars;
}

/* Compare items i < j and record a hit when one is a copy or a fragment
 * of the other. */
static void consider(finder *f, size_t i, size_t j)
{
    if (!comparable(f, i) || !comparable(f, j))
        return;
    const bs_dedup_item *items = f->items;
    const key *a = &f->keys[i], *b = &f->keys[j];
    size_t longer = a->n > b->n ? a->n : b->n;
    size_t shorter = a->n > b->n ? b->n : a->n;
    size_t maxd = (size_t)(f->opt->max_distance_frac * longer);
    /* Cheap tests first: a near-duplicate has about the same length,
     * a fragment sits in an overlapping block of another region. */
    int may_near = longer - shorter <= maxd;
    int may_frag = shorter >= f->opt->min_fragment_chars && items[i].region != items[j].region &&
                   bs_box_overlap_area(items[i].box, items[j].box) > 0;
    if (!may_near && !may_frag)
        return;
    size_t small = a->nbg < b->nbg ? a->nbg : b->nbg;
    if (small == 0 || !sample_screen(a, b))
        return;
    size_t s = shared(a->bg, a->nbg, b->bg, b->nbg);
    if (s < DEDUP_SCREEN * small)
        return;
    size_t gone = f->n;
    int fragment = 0;
    if (may_near && bs_edit_distance_bounded(a->cp, a->n, b->cp, b->n, maxd) <= maxd) {
        gone = choose(items, f->keys, &f->grp, i, j);
    } else if (may_frag && s >= f->opt->min_containment * small) {
        gone = a->n < b->n ? i : j;
        fragment = 1;
    }
    if (gone == f->n)
        return;
    f->removed[gone] = 1;
    BS_ARRAY_GROW(f->hits, f->cap, f->nhits + 1);
    f->hits[f->nhits].removed = gone;
    f->hits[f->nhits].kept = gone == i ? j : i;
    f->hits[f->nhits].fragment = fragment;
    f->nhits++;
}

/* splitmix64's finalizer: trigram codes spread evenly, so that a sketch
 * samples a text's trigrams rather than its lowest code points. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Sort pairs[0..n) and drop repeats; returns the count left. */
static size_t unique_pairs(bs_keyed *pairs, size_t n)
{
    if (n)
        qsort(pairs, n, sizeof(*pairs), bs_cmp_keyed);
    size_t u = 0;
    for (size_t k = 0; k < n; k++)
        if (u == 0 || pairs[u - 1].key != pairs[k].key || pairs[u - 1].index != pairs[k].index)
            pairs[u++] = pairs[k];
    return u;
}

/* The pairs of comparable items whose sketches share a trigram that is
 * not too common (DEDUP_SKETCH, DEDUP_SKETCH_MAX_POSTINGS), each as
 * key i and item j with i < j, sorted and distinct, in *pairs (caller
 * frees).  Returns their count. */
static size_t candidate_pairs(const finder *f, bs_keyed **pairs)
{
    bs_keyed *post = NULL;
    size_t npost = 0, pcap = 0, hcap = 0;
    uint64_t *h = NULL;
    for (size_t i = 0; i < f->n; i++) {
        if (!comparable(f, i))
            continue;
        const key *k = &f->keys[i];
        BS_ARRAY_GROW(h, hcap, k->nbg + 1);
        for (size_t b = 0; b < k->nbg; b++)
            h[b] = mix64(k->bg[b]);
        qsort(h, k->nbg, sizeof(*h), cmp_u64);
        size_t take = k->nbg < DEDUP_SKETCH ? k->nbg : DEDUP_SKETCH;
        BS_ARRAY_GROW(post, pcap, npost + take);
        for (size_t b = 0; b < take; b++)
            /* Equal hashes stay equal as keys; their order
             * among themselves does not matter. */
            post[npost++] = (bs_keyed){(int64_t)h[b], i};
    }
    free(h);
    qsort(post, npost, sizeof(*post), bs_cmp_keyed);
    bs_keyed *out = NULL;
    size_t nout = 0, ocap = 0, compact_at = DEDUP_PAIRS_COMPACT;
    for (size_t a = 0; a < npost;) {
        size_t b = a + 1;
        while (b < npost && post[b].key == post[a].key)
            b++;
        if (b - a <= DEDUP_SKETCH_MAX_POSTINGS)
            for (size_t x = a; x < b; x++)
                for (size_t y = x + 1; y < b; y++) {
                    BS_ARRAY_GROW(out, ocap, nout + 1);
                    out[nout++] = (bs_keyed){(int64_t)post[x].index, post[y].index};
                }
        /* Copies of one text pair up through every trigram of their
         * sketches: drop the repeats now and then, so memory follows the
         * distinct pairs. */
        if (nout >= compact_at) {
            nout = unique_pairs(out, nout);
            compact_at = 2 * nout > DEDUP_PAIRS_COMPACT ? 2 * nout : DEDUP_PAIRS_COMPACT;
        }
        a = b;
    }
    free(post);
    *pairs = out;
    return unique_pairs(out, nout);
}

size_t bs_dedup_find(const bs_dedup_item *items, size_t n, const bs_dedup_options *opt,
                     bs_dedup_hit **hits)
{
    bs_dedup_options def = bs_dedup_options_default();
    if (!opt)
        opt = &def;
    *hits = NULL;
    if (n < 2)
        return 0;
    key *keys = bs_xcalloc(n, sizeof(*keys));
    for (size_t i = 0; i < n; i++)
        key_make(&keys[i], items[i].text ? items[i].text : "");
    finder f = {items, keys, opt, bs_xcalloc(n, 1), {0}, NULL, n, 0, 0};
    groups_make(&f.grp, items, n);
    if (n <= DEDUP_ALL_PAIRS_MAX) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n && comparable(&f, i); j++)
                consider(&f, i, j);
    } else {
        bs_keyed *pairs = NULL;
        size_t np = candidate_pairs(&f, &pairs);
        for (size_t k = 0; k < np; k++)
            consider(&f, (size_t)pairs[k].key, pairs[k].index);
        free(pairs);
    }
    for (size_t i = 0; i < n; i++) {
        free(keys[i].cp);
        free(keys[i].bg);
    }
    free(keys);
    free(f.removed);
    groups_free(&f.grp);
    *hits = f.hits;
    return f.nhits;
}
