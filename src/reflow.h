/*
 * reflow.h - OCR text without coordinates repaired into articles.
 *
 * Public functions:
 *     bs_reflow_options_default, bs_reflow_page_new, bs_reflow_page_add_line,
 *     bs_reflow_page_finish, bs_reflow_page_free, bs_reflow_text,
 *     bs_reflow_issue_finish
 *
 * Archives hold OCR text whose boxes are gone: one paragraph (or printed
 * line) per line, in the order the engine happened to read the columns.
 * bs_reflow gives it the repairs `run` gives scans, from the text alone:
 *
 *   0. Printed lines: a page whose line breaks are mostly single (one
 *      printed line per line, a blank line after each paragraph, as
 *      Tesseract's plain text is) has the lines of each block put into
 *      one paragraph, lines with roles of their own (bylines, credits,
 *      dates, jump lines) kept apart, and a headline wrapped onto a second
 *      printed line put back into one (QC event "printed_lines").
 *   1. Roles (reflow_roles.h): jump lines, folios, bylines, captions and
 *      credits, decks, headline-like lines.  A headline-like line that the
 *      next paragraph continues (language model join score) was cut by a
 *      column break and is body; one followed by another headline is a
 *      section label (the kicker of the story below); one followed by a
 *      jump-in line is the continuation head of a continued story.
 *   2. Stories: a headline opens an article; its deck, byline and
 *      captions are kept out of the body; text with no headline (the top
 *      of a page, after a jump-out line) or after a jump-in line is a
 *      continuation.
 *   3. Cut paragraphs: a paragraph that stops without closing punctuation
 *      is joined with the paragraph of its article that continues it best
 *      (bs_lm_join_score; the next one is preferred, since reading order
 *      is usually right); joins happen across line breaks of hard-wrapped
 *      text the same way.
 *   4. Order: columns read in the wrong order are moved back whole.  The
 *      order is the input's with the fewest blocks of paragraphs moved
 *      (each move costs e^3.5) that reads best: every cut continued
 *      (bs_lm_join_score, brackets), the story ending at a paragraph end
 *      and opening with a lede (bs_reflow_lede_score), as in "备、踊跃参加…"
 *      ... "…积极准", whose head is moved before its tail.
 *   5. Repeated paragraphs (dedup.h) are removed, the copy in the story
 *      it shares more words with staying.
 * Every repair and role is a QC event of the issue ("printed_lines",
 * "join", "reorder", "duplicate_removed", "role"), so a person can review
 * it.  Each input
 * paragraph becomes a region of the page (no box) whose role is the one
 * found, so issue.json has the same shape as `run`'s.
 *
 * Ownership: a bs_reflow_page collects one page's lines and is consumed by
 * bs_reflow_page_finish (or freed by bs_reflow_page_free).  Models in the
 * options are borrowed.  No global state.
 */
#ifndef BS_REFLOW_H
#define BS_REFLOW_H

#include <stddef.h>

#include "issue.h"
#include "lm.h"

typedef struct bs_reflow_options {
    const bs_lm *zh; /* Chinese model, or NULL (built-in punctuation rules) */
    const bs_lm *en; /* English model, or NULL */
    int join;        /* repair cut paragraphs (default 1) */
    int reorder;     /* put fragments back in order (default 1) */
    int dedup;       /* remove repeated paragraphs (default 1) */
} bs_reflow_options;

bs_reflow_options bs_reflow_options_default(void);

typedef struct bs_reflow_page bs_reflow_page;

/* A new page numbered number (1-based); source (may be NULL) is the file
 * it comes from, recorded as the page's image_path. */
bs_reflow_page *bs_reflow_page_new(int number, const char *source);

/* Append one line of UTF-8 text (normalised here; empty lines separate
 * paragraphs and are otherwise ignored). */
void bs_reflow_page_add_line(bs_reflow_page *rp, const char *line);

/* Number of non-empty lines added so far. */
size_t bs_reflow_page_nlines(const bs_reflow_page *rp);

/* Repair the page's text, add the page, its articles and QC events to
 * issue, and free rp.  opt NULL means the defaults (no models). */
void bs_reflow_page_finish(bs_reflow_page *rp, bs_issue *issue, const bs_reflow_options *opt);

void bs_reflow_page_free(bs_reflow_page *rp);

/* Convenience: text (several lines) as page number of issue. */
void bs_reflow_text(bs_issue *issue, const char *text, int number, const char *source,
                    const bs_reflow_options *opt);

/* After the last page: stitch continued stories across pages (stitch.h;
 * jump lines without a partner go to issue->unmatched). */
void bs_reflow_issue_finish(bs_issue *issue, const bs_reflow_options *opt);

#endif
