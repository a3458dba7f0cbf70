/*
 * import.h - OCR from other engines (hOCR, ALTO, PAGE-XML) into the issue.
 *
 * Public functions:
 *     bs_import_file, bs_import_file_with, bs_import_detect, bs_import_format_name,
 *     bs_import_begin, bs_import_commit, bs_import_check_box,
 *     bs_import_check_text, bs_import_finish_region, bs_import_line_text,
 *     bs_import_role_from_label
 *
 * Reassembly does not care where text came from, so a page read by
 * ABBYY, Tesseract's own hOCR/ALTO renderers, kraken, OCR-D, Transkribus or
 * eynollah can be fed to it as if Broadsheet had read the scan.
 * bs_import_file sniffs the format (the root element of the XML: alto,
 * PcGts, html; HTML that is not XML is tried as hOCR), hands the parsed
 * document to the reader of that format (alto_read.h, hocr_read.h,
 * pagexml_read.h) and appends the resulting pages after the issue's last
 * page.  What each format says is kept: text, boxes, word confidences,
 * block roles where the format has them, reading order where given.
 *
 * Readers build into a scratch issue (bs_import_begin) and only a file
 * read without error is moved into the caller's issue (bs_import_commit),
 * so a bad file never leaves half a page behind.  The helpers below are
 * the checks every reader applies, so that all three refuse bad input the
 * same way: boxes must lie on the page (within BS_IMPORT_BOX_SLACK_PX) and
 * text must be UTF-8 of sane length, each error naming file and line.
 */
#ifndef BS_IMPORT_H
#define BS_IMPORT_H

#include <stddef.h>

#include "error.h"
#include "issue.h"
#include "xml_safe.h"

/* A box may stick out of the page by this many pixels and is clamped:
 * engines round outwards, and ABBYY FineReader 11 starts blocks up to 5 px
 * before the page edge (the SBB samples).  More than that is a wrong page
 * size or a broken file. */
#define BS_IMPORT_BOX_SLACK_PX 16
/* Coordinates beyond this many pixels are refused even when the page size
 * is unknown: 10^6 px is 8 m at 3200 dpi. */
#define BS_IMPORT_MAX_COORD 1000000
/* Resolutions above this are taken as garbage, not as a scan: the finest
 * film scanners stop near 10,000 dpi. */
#define BS_IMPORT_MAX_DPI 100000
/* Longest word or line text accepted, bytes: a newspaper line is under
 * 200 characters; 64 KiB is far past any real one. */
#define BS_IMPORT_MAX_TEXT_BYTES 65536

typedef enum bs_import_format {
    BS_IMPORT_UNKNOWN = 0,
    BS_IMPORT_ALTO,
    BS_IMPORT_HOCR,
    BS_IMPORT_PAGEXML,
} bs_import_format;

/* Read path (hOCR, ALTO 1-4 or PAGE-XML 2010-2019) and append its pages to
 * issue, numbered after the issue's highest page number.  On error the
 * issue is unchanged and err names the file and, for content errors, the
 * line.  0 or -1. */
int bs_import_file(bs_issue *issue, const char *path, bs_error *err);

/* The same within lim (NULL: bs_xml_limits_default()). */
int bs_import_file_with(bs_issue *issue, const char *path, const bs_xml_limits *lim,
                        bs_error *err);

/* The format of a file's first bytes (looks at most at the first 64 KiB);
 * BS_IMPORT_UNKNOWN when none matches. */
bs_import_format bs_import_detect(const char *data, size_t len);
const char *bs_import_format_name(bs_import_format f);

/* ---- for the readers ---------------------------------------------------- */

/* A scratch issue whose pages will be numbered after issue's last page:
 * *first_number receives the number the reader gives its first page. */
bs_issue *bs_import_begin(const bs_issue *issue, int *first_number);
/* Move every page of scratch into issue and free scratch. */
void bs_import_commit(bs_issue *issue, bs_issue *scratch);

/* Check box b (from file name, line) against page size w x h (0 unknown):
 * clamps it when it sticks out by at most the slack, errors otherwise.
 * what names the element ("TextLine").  0 or -1. */
int bs_import_check_box(bs_box *b, int w, int h, const char *name, long line, const char *what,
                        bs_error *err);

/* Check text is valid UTF-8 of at most BS_IMPORT_MAX_TEXT_BYTES.  0 or -1. */
int bs_import_check_text(const char *text, const char *name, long line, bs_error *err);

/* Set the derived fields of an imported region: line confidences from
 * their words, region confidence, text height, columns spanned. */
void bs_import_finish_region(bs_region *r);

/* Set line->text from its words: joined with a space where sp[j] says a
 * space follows word j (sp may be NULL: a space unless both neighbours
 * are CJK). */
void bs_import_line_text(bs_line *line, const unsigned char *sp);

/* The role a format's block label means ("heading", "Title", "caption",
 * "page-number", a Broadsheet role name, ...), compared without case;
 * BS_ROLE_UNKNOWN when it says nothing we know. */
bs_role bs_import_role_from_label(const char *label);
/* A page whose file gave no size: make it just large enough for its
 * regions, so later stages (ordering, ALTO PrintSpace) see a real page. */
void bs_import_fit_page_size(bs_page *p);

#endif
