/*
 * hocr_read.h - hOCR (Tesseract, OCRopus, kraken) read into the page model.
 *
 * Public functions:
 *     bs_hocr_read_doc
 *
 * hOCR is HTML whose elements carry OCR classes and a title attribute of
 * properties ("bbox 63 49 552 102; x_wconf 96").  Each ocr_page becomes a
 * page (size from its bbox, image from its "image" property); ocr_carea /
 * ocrx_block a region (role body), ocr_photo / ocr_image a photo region,
 * ocr_separator / ocr_hline / ocr_vline a rule; ocr_line, ocrx_line and
 * Tesseract's line kinds ocr_header, ocr_caption, ocr_textfloat a line;
 * ocrx_word a word (x_wconf / 100 as its confidence).  Lines that stand in
 * no block (kraken writes none) are gathered into one region per run.  A
 * block whose lines are all ocr_header is a headline, all ocr_caption a
 * caption: that is what Tesseract's layout analysis means by them.  A line
 * with textangle 90 or 270 makes its region vertical.  Reading order is
 * document order.  Words are joined by a space unless both neighbours are
 * CJK (hOCR has no explicit spaces).
 *
 * Missing bboxes on pages, blocks, lines or words, boxes off the page and
 * oversized text are errors naming the file and the line.
 */
#ifndef BS_HOCR_READ_H
#define BS_HOCR_READ_H

#include <libxml/tree.h>

#include "error.h"
#include "issue.h"

/* Append the pages of the parsed hOCR document doc (from file name) to
 * issue, numbering them from first_number.  0 or -1 (pages may have been
 * added on error; callers read into a scratch issue, see import.h). */
int bs_hocr_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                     bs_error *err);

#endif
