/*
 * paragraph.h - lines of a text block joined into paragraphs.
 *
 * Public functions:
 *     bs_paragraph_options_default, bs_paragraph_split, bs_para_list_release,
 *     bs_paragraph_join, bs_paragraph_can_continue, bs_hyphen_builtin
 *
 * A paragraph of a newspaper column is visible in its geometry: its first
 * line is indented (two ideographic spaces in Chinese, about one em in
 * Latin type), its last line stops short of the right margin, and some
 * papers put extra space between paragraphs.  bs_paragraph_split measures
 * the block's own margins and line height (the median, so one large or
 * broken line does not shift it) and starts a paragraph at each indented
 * line, after each short line and at each unusually wide line gap.  Widths
 * are in units of the median line height ("em"), so the rules hold at any
 * resolution and type size.  A Chinese line that stops short always ends a
 * paragraph (justified Chinese text fills every other line); a Latin line
 * must also end with a sentence mark, because ragged-right Latin text
 * leaves short lines inside paragraphs.
 *
 * A paragraph cut at the bottom of a column continues at the top of the
 * next one.  Each paragraph therefore records whether its first line is
 * flush left (open_start: it may be the rest of a paragraph begun
 * elsewhere) and whether its last line is full (open_end: it may go on
 * elsewhere); when an article's blocks are put together a paragraph that is
 * open at its end followed by one open at its start are one paragraph
 * (bs_paragraph_can_continue, bs_paragraph_join).
 *
 * Joining text across a line or column break: nothing between two CJK
 * characters, nor inside a number or Latin word cut within Chinese text
 * ("成立7" + "0周年"); one space between Latin words; a Latin word broken by a
 * hyphen ("democ-" + "racy") is rejoined without it, while a hyphenated
 * compound ("well-" + "known") keeps it.  Which one is a question for a
 * language model; until one exists the built-in rule (bs_hyphen_builtin)
 * keeps the hyphen after a small list of words that usually form
 * compounds, before a list of usual second elements, and next to digits or
 * capitals, and removes it otherwise.  A scorer callback in the options
 * can answer first and defer to the rule by returning -1.
 *
 * Lines of vertical text are handled by the caller rotating their boxes
 * (top-to-bottom becomes left-to-right) before calling.
 */
#ifndef BS_PARAGRAPH_H
#define BS_PARAGRAPH_H

#include <stddef.h>

#include "page.h"
#include "strbuf.h"

/* Decide a line-end hyphen: left is the word fragment before "-" (UTF-8,
 * no hyphen), right the fragment that starts the next line.  Return 1 if
 * left+right is one word broken by hyphenation (drop the hyphen), 0 if it
 * is a hyphenated compound (keep it), -1 to let the built-in rule
 * decide. */
typedef int (*bs_hyphen_scorer)(void *ctx, const char *left, const char *right);

typedef struct bs_paragraph_options {
    bs_hyphen_scorer hyphen_scorer; /* NULL: built-in rule only */
    void *hyphen_ctx;               /* passed to hyphen_scorer */
} bs_paragraph_options;

bs_paragraph_options bs_paragraph_options_default(void);

/* One line of a block: its normalised text and its box. */
typedef struct bs_para_line {
    const char *text;
    bs_box box;
} bs_para_line;

typedef struct bs_para {
    char *text;        /* owned, the paragraph's lines joined */
    int open_start;    /* first line flush left */
    int open_end;      /* last line full */
    size_t first_line; /* index of its first line in the input */
    size_t nlines;
} bs_para;

typedef struct bs_para_list {
    bs_para *items; /* owned */
    size_t n, cap;
} bs_para_list;

/* Split lines[0..n) (top to bottom, empty texts skipped) into paragraphs
 * appended to out (which must be zeroed or previously used).  opt NULL
 * means the defaults. */
void bs_paragraph_split(const bs_para_line *lines, size_t n, const bs_paragraph_options *opt,
                        bs_para_list *out);

/* Free out's paragraphs and zero it. */
void bs_para_list_release(bs_para_list *out);

/* Append next to sb as the continuation of the same paragraph across a
 * line or column break (see above).  opt NULL means the defaults. */
void bs_paragraph_join(bs_strbuf *sb, const char *next, const bs_paragraph_options *opt);

/* True when paragraph b continues paragraph a across a column or block
 * break: a's last line is full and b's first line is flush left.  Only
 * geometry decides: a Chinese sentence may end with "。" at the very end
 * of a column while its paragraph goes on in the next. */
int bs_paragraph_can_continue(const bs_para *a, const bs_para *b);

/* The built-in hyphenation rule: 1 drop the hyphen, 0 keep it. */
int bs_hyphen_builtin(const char *left, const char *right);

#endif
