/*
 * stitch.h - jump-continued stories joined into complete articles.
 *
 * Public functions:
 *     bs_stitch_options_default, bs_stitch_issue, bs_stitch_heal
 *
 * Reassembly leaves one article per story part and page; a story "continued
 * on page 6" is two (or more) of them.  bs_stitch_issue pairs every jump-out
 * with its continuation over the whole issue, by one global assignment
 * (so two stories jumping to the same page cannot be swapped), and merges
 * each chain of parts (page 1 -> 3 -> 5, or backwards) into one article.
 * Jump lines left without a partner are listed in issue->unmatched with
 * the reason; no article is ever dropped.
 *
 * Reasons given for a jump line left unmatched:
 *   "target page missing"  the page it names is not in this issue (not
 *                          scanned, failed to read, or, for 接上期, the
 *                          previous issue);
 *   "no candidate"         nothing on the named page could be its partner;
 *   "ambiguous"            partners were possible but none could be given
 *                          to it with confidence (two equally good, or the
 *                          only one went to a better-matching jump).
 *
 * Where a language model is wanted (is "qu" + "estion" one word?  does
 * "self-" + "employed" keep its hyphen?  does this text continue that one
 * mid-sentence?) the options carry callbacks, so a real model can replace
 * the built-in ones later without touching the stitching.
 */
#ifndef BS_STITCH_H
#define BS_STITCH_H

#include "issue.h"

typedef struct bs_stitch_lm {
    /* Natural log of the probability of word (UTF-8, ASCII letters lower
     * case, may contain '-').  Decides whether the two sides of a cut are
     * one word: "qu" + "estion" joins when log p("question") beats
     * log p("qu") + log p("estion").  NULL: inside bs_stitch_issue, a
     * unigram model of the issue's own words mixed with a letter model;
     * in bs_stitch_heal, no model (a line-end hyphen is removed, any other
     * cut is a word break). */
    double (*word_logprob)(const char *word, void *ctx);
    /* Plausibility in [0,1] that right_head continues left_tail in the same
     * sentence (left_tail: the end of a part's text; right_head: the start
     * of a candidate continuation), 0.5 for no opinion.  NULL: punctuation
     * (an open sentence on the left, a lower-case letter or a comma on the
     * right). */
    double (*cut_score)(const char *left_tail, const char *right_head, void *ctx);
    void *ctx; /* passed to both callbacks */
} bs_stitch_lm;

typedef struct bs_stitch_options {
    /* A jump-out and a continuation are joined only when their match
     * score (in [0,1], see stitch.c) reaches this. */
    double min_score;
    /* When a different assignment of jump-outs to continuations scores
     * within this much of the best one, the jumps it changes are not
     * joined ("ambiguous"): a false join costs more than a missed one. */
    double ambiguity_margin;
    bs_stitch_lm lm;
} bs_stitch_options;

/* Defaults: min_score 0.5, ambiguity_margin 0.15, built-in models. */
bs_stitch_options bs_stitch_options_default(void);

/* Match the jump-out and jump-in lines of issue's articles across pages and
 * merge each continued story into one article: the first part's article
 * keeps its id, title and byline and receives, in story order, the other
 * parts' paragraphs (cut healed, jump lines and continuation heads left
 * out), captions, regions (parts page by page) and one bs_jump per join;
 * the other parts' articles are removed from issue->articles and every
 * region's article index is renumbered.  Unmatched jump lines go to
 * issue->unmatched with the reason ("target page missing", "no
 * candidate", "ambiguous"), replacing any list of an earlier stitching,
 * and a QC event "unmatched_jump"; each join adds a QC event "join".  An
 * issue without jump lines is left unchanged.  opt NULL means the
 * defaults. */
void bs_stitch_issue(bs_issue *issue, const bs_stitch_options *opt);

/* The paragraph made by joining left (text before a cut: a column, page or
 * jump break) and right (text after it), or NULL when the cut falls between
 * paragraphs (left ends its sentence and right does not continue it).  No
 * space is put between Chinese or Japanese text; Latin text is joined with
 * a space, or without one when lm says the cut split a word, and a
 * line-end hyphen is removed unless lm prefers the hyphenated word.  lm
 * NULL (or its word_logprob NULL) means no model: see bs_stitch_lm.
 * Returns a new string; the caller frees it. */
char *bs_stitch_heal(const char *left, const char *right, const bs_stitch_lm *lm);

#endif
