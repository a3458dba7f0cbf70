/*
 * reflow_roles.h - what one paragraph of coordinate-free OCR text is:
 *                  body, headline, section label, deck, byline, caption,
 *                  jump line or page furniture, from its words alone.
 *
 * Public functions:
 *     bs_reflow_line_role, bs_reflow_headline_like, bs_reflow_ends_open,
 *     bs_reflow_starts_open, bs_reflow_is_cjk_text, bs_reflow_lede_score,
 *     bs_reflow_title_echo, bs_reflow_story_echo, bs_reflow_bracket_fit,
 *     bs_reflow_refers_back, bs_reflow_closing_logodds, bs_reflow_opens_inside_quotation,
 *     bs_reflow_needs_word_before, bs_reflow_starts_with_any, bs_reflow_ends_with_any,
 *     bs_reflow_opens_on_frame
 *
 * Without boxes, font sizes or columns, a paragraph's role must be read
 * from its text.  The fixed formulas (bylines, credits, captions, folios,
 * dates, jump lines) are line_kind.h's and jump.h's; this module adds the
 * shapes that have no formula: a headline is short and is not a sentence
 * (no closing punctuation, no comma or full stop inside; in English set
 * in capitals or title case), a deck opens with a dash ("——访…"), and a
 * paragraph that stops without closing punctuation was cut (by a column
 * or page break) and goes on elsewhere.  Whether a headline-like line is
 * a headline, a section label above one or a cut fragment depends on its
 * neighbours; reflow.c decides that with the language model.
 */
#ifndef BS_REFLOW_ROLES_H
#define BS_REFLOW_ROLES_H

#include <stddef.h>

#include "page.h"

/* Longest headline, in characters (code points, spaces excluded): front
 * page headlines of Chinese papers reach about 40, two-deck English ones
 * about 90 letters; longer is a paragraph. */
#define BS_REFLOW_HEADLINE_MAX_CHARS_ZH 48
#define BS_REFLOW_HEADLINE_MAX_CHARS_EN 90
/* Longest deck ("——访…"), in characters. */
#define BS_REFLOW_DECK_MAX_CHARS 60

/* The role a normalised paragraph (textnorm.h) has by itself:
 * BS_ROLE_JUMP_IN / JUMP_OUT for a whole jump line, BS_ROLE_FOLIO,
 * BS_ROLE_DATELINE for a short line holding only an issue date,
 * BS_ROLE_BYLINE, BS_ROLE_CAPTION (caption or photo credit),
 * BS_ROLE_DECK, BS_ROLE_HEADLINE when headline-like (a candidate: the
 * caller decides from context), else BS_ROLE_BODY. */
bs_role bs_reflow_line_role(const char *text);

/* Short, not a sentence, no comma or full stop inside (see above); in
 * Chinese also not opening on a word that opens sentences and never a
 * headline ("据", "随着", "双方", "记者"). */
int bs_reflow_headline_like(const char *text);

/* The paragraph stops without closing punctuation: it was cut. */
int bs_reflow_ends_open(const char *text);

/* The paragraph starts where no paragraph starts: with a comma, an
 * enumeration comma, a closing mark or (Latin) a lower-case letter. */
int bs_reflow_starts_open(const char *text);

/* More CJK characters than Latin letters. */
int bs_reflow_is_cjk_text(const char *text);

/* 1 when text is a news agency's sign-off alone ("REUTER", "AP"): the
 * last paragraph of its story, which it closes; else 0. */
int bs_reflow_is_signoff(const char *text);

/* 1 when text opens on an English story's dateline: capitals, a comma,
 * then a dash within a few words ("SALVADOR, Feb 26 - ", "NEW YORK, March
 * 3 - ", or a printed line that ends on the dash); else 0. */
int bs_reflow_opens_on_dateline_en(const char *text);

/* How much text reads like the first paragraph of a story under title
 * (may be NULL): a dateline ("SALVADOR, Feb 26 - ", "本报讯", "新华社…电",
 * "10月27日" but not "截至3月18日", "自2021年…", "2006年7月1日"), a source
 * formula ("记者从…获悉") and words shared with the title.  In [0, 3]; used to choose
 * where a story begins when fragments are out of order. */
double bs_reflow_lede_score(const char *text, const char *title);

/* 1 when text opens on a connective or a word pointing back at what was
 * said before ("此外，", "此次", "该", "会议指出", "However,", "He said"):
 * a later paragraph's opening, never a story's first; else 0. */
int bs_reflow_refers_back(const char *text);

/* Log odds that a paragraph opening as text does is its story's last
 * rather than a middle one: positive for the formulas of a closing
 * paragraph ("下一步，" next steps, "此外，" besides, "目前，" at present);
 * 0 for any other opening. */
double bs_reflow_closing_logodds(const char *text);

/* Share, in [0, 1], of title's character bigrams that occur in the first
 * bytes of text: a news lede restates its headline's words ("丁薛祥出席第四
 * 届…博览会开幕式" / "第四届…博览会22日在北京开幕"), the continuation of a
 * cut fragment does not. */
double bs_reflow_title_echo(const char *title, const char *text);

/* The same share over the first few thousand bytes of text (a story's
 * body, not just its lede): what a story is about.  The body under a
 * line taken for a headline that echoes the headline before it at least
 * as much as the line itself is the rest of that story. */
double bs_reflow_story_echo(const char *title, const char *text);

/* 1 when text starts with one of the n strings of list (the word lists
 * of this family: openers, units, formulas). */
int bs_reflow_starts_with_any(const char *text, const char *const *list, size_t n);

/* 1 when the first len bytes of text end with one of the n strings of
 * list (a line's last word, what stands before a date). */
int bs_reflow_ends_with_any(const char *text, size_t len, const char *const *list, size_t n);

/* Whether a Chinese text opens on a word that needs what stands before
 * it ("是…", "并将…", "已经…", "至…"): the rest of a sentence a column
 * cut, since no paragraph opens so (75 of 107,285 broadcast-news
 * paragraphs, 1,844 of 87,116 pieces of them cut at random). */
int bs_reflow_needs_word_before(const char *text);

/* Whether a Chinese text opens on an adverbial frame closed by a comma
 * within its first 16 characters ("在上海，", "据介绍，", "截至今年…，"):
 * a clause's start, seldom the rest of a clause a column cut (e^2.6 more
 * often a paragraph's opening than a piece cut at random). */
int bs_reflow_opens_on_frame(const char *text);

/* Whether text closes a quotation or bracket (” 》 ） 」 】 ...) before it
 * opens one, within its first few hundred bytes ("计划”，…"): it starts
 * inside it, cut from its opening mark.  1 of the 107,285 paragraphs of
 * Chinese broadcast news does, 5,510 of 87,116 pieces of them cut at
 * random points. */
int bs_reflow_opens_inside_quotation(const char *text);

/* Whether right, starting inside a quotation or bracket
 * (bs_reflow_opens_inside_quotation: "）》等", "计划”，…"), goes on with
 * what left opened: 1 when left's last few hundred bytes hold the opener
 * unclosed ("…意见（试行" + "）》等"), -1 when they do not (that mark
 * belongs after some other fragment), 0 when right does not start inside
 * one. */
int bs_reflow_bracket_fit(const char *left, const char *right);

#endif
