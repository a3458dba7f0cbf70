/*
 * jump.h - jump lines: "(下转第二版)", "Continued on Page A6", and kin.
 *
 * Public functions:
 *     bs_jump_parse, bs_jump_find, bs_jump_label_normalize,
 *     bs_jump_resolve_page
 *
 * A jump-out line ends the part of a story on one page and names the page
 * where it continues; a jump-in line starts the continuation and names the
 * page it came from.  bs_jump_parse recognises both, in Chinese and English
 * forms, tolerating OCR noise (bounded edit distance, confusable
 * characters, lost or half-width brackets), and extracts the page label and
 * the keyword ("BUDGET" in "See BUDGET, Page A6").
 *
 * Forms recognised (brackets optional, full- or half-width, spaces
 * anywhere):
 *   out  下转第二版  下转第2版  转第二版  转2版  下接二版  下转A2版
 *        Continued on Page A6  Continued on page 6  Cont. on A6
 *        See BUDGET, Page A6  Please see BUDGET, A6  See Page 6
 *   in   上接第一版  上接第1版  接第一版  本文接第一版  接上期 (previous issue)
 *        Continued from Page A1  BUDGET from Page A1  From Page 1
 * Chinese page numbers are 一..九十九 (十二, 二十, 二十三, 一二) or digits; a
 * number OCR could not read ("上接第]版") leaves a jump line with page 0.
 *
 * Page labels are normalised to an optional upper-case section letter and
 * the decimal page number: "A6", "Page A-6", "a 6" -> "A6"; "第六版",
 * "6版", "06" -> "6".  bs_jump_resolve_page maps such a label to a page of
 * an issue through the pages' printed labels (running heads), else by file
 * order.
 */
#ifndef BS_JUMP_H
#define BS_JUMP_H

#include <stddef.h>

#include "issue.h"

typedef enum bs_jump_kind {
    BS_JUMP_NONE = 0,
    BS_JUMP_OUT,  /* continues elsewhere: 下转第二版, Continued on Page A6 */
    BS_JUMP_IN,   /* continued from elsewhere: 上接第一版, From Page A1 */
} bs_jump_kind;

#define BS_JUMP_LABEL_MAX 16
#define BS_JUMP_KEYWORD_MAX 64

/* bs_jump_resolve_page: the label names a page that the issue's printed
 * labels show is not in this issue. */
#define BS_JUMP_PAGE_ABSENT (-1)

typedef struct bs_jump_line {
    bs_jump_kind kind;
    int page;                         /* page number named (A6 -> 6, 第二版 -> 2), 0 unknown */
    char label[BS_JUMP_LABEL_MAX];    /* page label as printed, normalised ("A6", "2") */
    char keyword[BS_JUMP_KEYWORD_MAX];/* story keyword, "" if none */
    int previous_issue;               /* 1 for 接上期 (continued from the previous issue) */
    float score;                      /* [0,1] confidence the line is a jump line */
} bs_jump_line;

/* Parse one line of text (UTF-8).  Returns 1 and fills out when the line
 * is a jump line, 0 (out->kind = BS_JUMP_NONE) otherwise.  A line that
 * merely mentions a page in running text ("见第二版报道") is not a jump line:
 * the jump must be the whole line, give or take brackets and noise.
 * Invalid UTF-8 is never a jump line.  out must not be NULL. */
int bs_jump_parse(const char *text, bs_jump_line *out);

/* Find a jump marker that shares its line with other text: framed by
 * brackets or dashes at the very end or very start of the line
 * ("…民心纽带进一步（下转第二版）", "(上接第一版)拉紧；双方…",
 * "侵略者必潰滅 －－本文接第一版－－", "…said. (Continued on page 6)").
 * A line that is a jump line as a whole (bs_jump_parse) is found too, as
 * [0, strlen(text)).  Returns 1, fills out and stores the marker's byte
 * range [*start, *end) of text (start, end may be NULL); when the marker
 * ends the line and is a jump-in, out->keyword receives the text before it
 * (the continuation head "侵略者必潰滅"), truncated to fit.  Returns 0 and
 * out->kind = BS_JUMP_NONE when there is no such marker. */
int bs_jump_find(const char *text, bs_jump_line *out, size_t *start, size_t *end);

/* Normalise a printed page label ("A6", "Page A-6", "第六版", "6版", "B 12")
 * into label (BS_JUMP_LABEL_MAX bytes: section letter and decimal number,
 * "A6", "6").  Returns the page number (the 6 of "A6"), or 0 with label ""
 * when text holds no page number.  text NULL is taken as "". */
int bs_jump_label_normalize(const char *text, char label[BS_JUMP_LABEL_MAX]);

/* The number of the page of issue that label (any form bs_jump_label_normalize
 * accepts) names:
 *   - the page whose printed label (page->label) normalises to the same
 *     label; else the only page whose label has the same number when one
 *     of the two has no section letter ("6" and "A6");
 *   - else, when no page of the issue has a label, fallback_number (the
 *     number read from the jump line: file order) when the label has no
 *     section letter or section "A", 0 (unknown) for other sections;
 *   - else (labels printed but none matches) fallback_number if the page of
 *     that number exists and has no label or does not exist,
 *     BS_JUMP_PAGE_ABSENT if it exists under another label.
 * The result may name a page the issue lacks (pages not scanned); the
 * caller checks with bs_issue_find_page.  Returns 0 for an empty label and
 * fallback_number <= 0. */
int bs_jump_resolve_page(const bs_issue *issue, const char *label, int fallback_number);

#endif
