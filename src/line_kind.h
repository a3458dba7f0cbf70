/*
 * line_kind.h - what a line of newspaper text is, from its words alone.
 *
 * Public functions:
 *     bs_byline_prefix, bs_line_is_byline, bs_line_is_caption,
 *     bs_line_is_folio, bs_line_is_staff_credit, bs_line_has_date,
 *     bs_line_has_weekday_date,
 *     bs_line_ends_sentence, bs_text_length
 *
 * Some parts of a page announce themselves in fixed formulas that no body
 * sentence uses: the Chinese byline "本报讯(记者 陈立)" or "本报记者 韩青
 * 通讯员 苏原", the English "By John Smith"; the photo credit "本报记者
 * 罗明 摄", "(Staff photo)", "Photo by ..." and the caption "图为..."; the
 * folio "第2版", "A3", "Page 3"; the issue date "2020年10月11日 星期三",
 * "Wednesday, October 9, 2020"; in simplified and traditional characters
 * ("本報訊", "圖為", "攝").  These tests recognise the formulas on
 * normalised text (textnorm.h) with hand-written scanners: each is a few
 * comparisons per character, there is no regular-expression engine to
 * carry, and each formula is bounded in length, because a formula that
 * runs on for a whole sentence is a sentence.  Geometry (where on the
 * page, next to what) is the caller's business: a date is furniture in the
 * top band and news in the body.
 */
#ifndef BS_LINE_KIND_H
#define BS_LINE_KIND_H

#include <stddef.h>

/* Length in bytes of a byline formula at the start of a paragraph
 * ("本报讯(记者 陈立)", "本报北京10月27日电(记者 王五)", "新华社北京10月27日电"),
 * 0 if there is none.  The formula must be followed by more text. */
size_t bs_byline_prefix(const char *text);

/* The whole line is a byline: "本报讯（记者 陈立）" alone, "本报记者 韩青",
 * "本报记者 林可 通讯员 苏原",
 * "记者 张三", "By John Smith", "BY JANE DOE AND JOHN ROE", or a staff or
 * agency credit standing for one ("From Staff and Wire Reports"). */
int bs_line_is_byline(const char *text);

/* The text is a photo caption or credit: starts with "图为" or has "图为"
 * after a sentence mark, is a short credit ending in "摄", or an English
 * credit ("(Staff photo)", "Photo by ...", "AP Photo", ".../Reuters"). */
int bs_line_is_caption(const char *text);

/* The whole line is a page label: "第2版", "第二版", "第2版 要闻" (a section
 * name set apart by a space or separator), "A2", "12", "Page 3", "- 3 -";
 * not "第二版报道", which is text. */
int bs_line_is_folio(const char *text);

/* The whole line credits the page's staff: "责任编辑：王五", "本版编辑：
 * 李四  校对：赵六", "責任編輯 王五", "美编：…", "Page editor: Jane Doe";
 * page furniture, not a story's text.  A label, then ":" "：" or a
 * space, in a line of at most KIND_CREDIT_MAX characters. */
int bs_line_is_staff_credit(const char *text);

/* The line holds an issue date: "2020年10月11日", "星期三", "Wednesday",
 * "October 9, 2020". */
int bs_line_has_date(const char *text);

/* The line holds a date the way English papers set an issue's, weekday
 * first: "Wednesday, October 9, 2020", the month any capitalised word
 * ("Oct.", or misread by OCR) in that frame (a story's dateline names no
 * weekday and no year). */
int bs_line_has_weekday_date(const char *text);

/* The text ends a sentence: its last character, closing quotes and
 * brackets aside, is . ! ? 。 ！ ？ or an ellipsis. */
int bs_line_ends_sentence(const char *text);

/* Number of code points of text that are not white space. */
size_t bs_text_length(const char *text);

#endif
