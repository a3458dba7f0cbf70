/*
 * correct.h - confusable characters in the OCR text of a page, corrected
 * where a language model is confident, every change recorded.
 *
 * Public functions:
 *     bs_correct_page
 *
 * Tesseract confuses characters that differ by a stroke or a serif
 * (子/予, 己/已, 未/末; 0/O, rn/m).  The decision needs a language model
 * (lm.h), which reassembly does not depend on, so the model comes in as a
 * callback (lm_hooks.h fills it).  Correction runs on each line of each
 * text region after OCR and before reassembly, so that every later stage
 * (roles, jump lines, duplicates, articles) and the page formats (ALTO)
 * see the corrected text: the line text and the word that holds each
 * changed character are both rewritten.  Each change is a QC event
 * "correction" naming the page, region, line, the characters and the
 * model's log-odds, so that a person can review or undo it; with the
 * callback unset (`--no-correct`) nothing changes.
 */
#ifndef BS_CORRECT_H
#define BS_CORRECT_H

#include <stddef.h>

#include "issue.h"

/* One substitution proposed by a corrector, at a byte offset of its input. */
typedef struct bs_correct_change {
    size_t offset;   /* byte offset in the input text */
    char from[16];   /* replaced text, UTF-8 */
    char to[16];     /* replacement, UTF-8 */
    double log_odds; /* the model's confidence, nats */
} bs_correct_change;

/* A corrector: text in, corrected text out (*out, caller frees) and the
 * changes in text order (*changes, caller frees; NULL when none).
 * Returns 0, or -1 to leave the text alone (no model for its script,
 * invalid UTF-8). */
typedef int (*bs_correct_fn)(void *ctx, const char *text, char **out,
                             bs_correct_change **changes, size_t *nchanges);

typedef struct bs_correct_options {
    bs_correct_fn fn; /* NULL: no correction */
    void *ctx;        /* passed to fn; must outlive the call */
} bs_correct_options;

/* Correct every line of page's text regions in place and add one QC event
 * per change to issue (page must be one of issue->pages).  Returns the
 * number of changes made. */
size_t bs_correct_page(bs_issue *issue, bs_page *page, const bs_correct_options *opt);

#endif
