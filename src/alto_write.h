/*
 * alto_write.h - one page of the page model as ALTO 4.4 XML.
 *
 * Public functions:
 *     bs_alto_file_name, bs_alto_block_id, bs_alto_page_to_string
 *
 * ALTO (Analyzed Layout and Text Object, Library of Congress) is what
 * libraries and newspaper archives ingest.  Each page becomes one file:
 *
 *   Description  MeasurementUnit pixel, sourceImageInformation/fileName,
 *                OCRProcessing: Tesseract as the OCR step, Broadsheet as the
 *                post-processing step (layout, reading order, roles).
 *   Tags         one StructureTag per role used on the page (TYPE "role",
 *                LABEL the role name, e.g. "headline") and one per article
 *                (TYPE "article", LABEL its title), referenced from every
 *                block's TAGREFS, so an ALTO-only consumer sees both.
 *   ReadingOrder one OrderedGroup listing the blocks that have a reading
 *                order (region->order >= 0), in that order.
 *   Layout/Page  WIDTH/HEIGHT from the page; one PrintSpace covering it,
 *                holding the blocks in reading order (unordered blocks
 *                last): TextBlock/TextLine/String (HPOS VPOS WIDTH HEIGHT,
 *                WC = word confidence 0..1, CONTENT), Illustration for
 *                photos, GraphicalElement for rules.
 *
 * Between two Strings an SP is written where the line's text has white
 * space between the two words; when the words cannot be found in the line
 * text, an SP is written unless both neighbouring characters are CJK (CJK
 * text has no spaces between words).  A line-final hyphen becomes HYP.
 * A vertical region gets BASEDIRECTION="ttb" (inline direction top to
 * bottom, ALTO 4.2+).  IDNEXT links a block to region->next_id when that
 * region is on the same page (IDNEXT is an IDREF and must resolve inside
 * the file); continuations across pages are recorded in METS.
 *
 * Output validates against the official alto-4-4.xsd (tests/alto_mets_schema.sh).
 */
#ifndef BS_ALTO_WRITE_H
#define BS_ALTO_WRITE_H

#include <stddef.h>

#include "error.h"
#include "issue.h"

/* Longest block id bs_alto_block_id writes, with its NUL. */
#define BS_ALTO_ID_MAX 48

/* "pNNN.xml" for page->number (three digits at least). */
void bs_alto_file_name(const bs_page *page, char *buf, size_t n);

/* The ALTO ID of region index i of page: the region's id when it is a
 * valid XML ID, else "b<page>_<i+1>".  buf holds BS_ALTO_ID_MAX bytes.
 * The METS writer uses the same function so its BEGIN/END resolve. */
void bs_alto_block_id(const bs_page *page, size_t i, char *buf, size_t n);

/* The page as an ALTO 4.4 document (UTF-8, NUL-terminated, caller frees).
 * issue may be NULL; when given, blocks of an article also reference an
 * article tag.  Never NULL. */
char *bs_alto_page_to_string(const bs_issue *issue, const bs_page *page);

#endif
