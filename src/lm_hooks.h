/*
 * lm_hooks.h - the language models plugged into reassembly and stitching.
 *
 * Public functions:
 *     bs_lm_hooks_open, bs_lm_hooks_adapt, bs_lm_hooks_close, bs_lm_hooks_apply,
 *     bs_lm_hooks_dict_hit
 *
 * Reassembly and stitching take their text decisions through callbacks
 * (is "democ-" + "racy" one word? does this fragment continue that one?),
 * so that they work without a model and can be tested alone.  This module
 * opens the Chinese and English models once per process and fills those
 * callbacks; each decision goes to the model of the script it is about
 * (CJK text to zh, the rest to en).  A missing model is not an error: the
 * stages fall back to their built-in rules and the caller is told why.
 *
 * Ownership: bs_lm_hooks_open returns an object the caller frees with
 * bs_lm_hooks_close after the last pipeline run that uses it; the models
 * are memory-mapped read-only and may be shared by all threads.
 */
#ifndef BS_LM_HOOKS_H
#define BS_LM_HOOKS_H

#include "error.h"
#include "lm.h"

typedef struct bs_lm_hooks {
    bs_lm *zh; /* NULL when not found */
    bs_lm *en; /* NULL when not found */
} bs_lm_hooks;

struct bs_pipeline_options;

/* Find and open the models (see bs_lm_find; exe may be NULL).  Never NULL;
 * when a model cannot be opened its member is NULL and, if warn is not
 * NULL, warn receives the first reason. */
bs_lm_hooks *bs_lm_hooks_open(const char *exe, bs_error *warn);
void bs_lm_hooks_close(bs_lm_hooks *hooks);

/* Open the text model at path (tools/build-models --text) and adapt the
 * model of its language with it (bs_lm_adapt).  Returns 0, or -1 with err
 * naming the file: it cannot be opened, is not a text model, its
 * language's model is missing or already adapted. */
int bs_lm_hooks_adapt(bs_lm_hooks *hooks, const char *path, bs_error *err);

/* Point the pipeline's reassembly, stitching and correction callbacks at
 * hooks (which must outlive every use of opt).  The caller clears
 * opt->correct.fn afterwards to turn the corrector off. */
void bs_lm_hooks_apply(const bs_lm_hooks *hooks, struct bs_pipeline_options *opt);

/* Dictionary hit rate of text for the QC report (a bs_qc_dict_fn; ctx is
 * a bs_lm_hooks): the share of Chinese characters covered by words of two
 * or more characters plus Latin words found in the English list, over all
 * of them; -1 when there is nothing to judge or no model. */
double bs_lm_hooks_dict_hit(void *ctx, const char *text);

#endif
