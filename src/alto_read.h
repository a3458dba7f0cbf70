/*
 * alto_read.h - ALTO 1 to 4 (ABBYY, Tesseract, kraken, Broadsheet) read
 * into the page model.
 *
 * Public functions:
 *     bs_alto_read_doc
 *
 * Every Page of the Layout becomes a page; every TextBlock a region
 * (ComposedBlocks are looked through, blocks in the margins count too),
 * Illustration a photo region, GraphicalElement a rule; TextLine and
 * String become lines and words with their boxes and WC confidences.  A
 * line's text is its Strings joined by a space where an SP stands between
 * them (lines with no SP at all fall back to "space unless both sides are
 * CJK"); HYP is appended to the last word, so the text reads as printed.
 *
 * Roles come from TAGREFS: a tag whose LABEL is a Broadsheet role name
 * (what alto_write.h writes) or a common label ("heading", "caption", ...;
 * bs_import_role_from_label); untagged text blocks are body.  Reading
 * order comes from the ALTO 4 ReadingOrder element when present (blocks
 * it does not list get -1), else from document order, which ALTO defines
 * as the implicit reading order.  IDNEXT becomes region->next_id.
 * BASEDIRECTION ttb/btt marks a vertical region.
 *
 * Only pixel measurements are accepted (MeasurementUnit "pixel" or
 * absent); mm10 and inch1200 would need a resolution ALTO does not carry.
 * The namespace must be an ALTO namespace (LoC v1-v4, or the CCS one of
 * ALTO 1) or none.  Missing coordinates, boxes off the page, bad numbers
 * and oversized text are errors naming the file and the line.
 */
#ifndef BS_ALTO_READ_H
#define BS_ALTO_READ_H

#include <libxml/tree.h>

#include "error.h"
#include "issue.h"

/* Append the pages of the parsed ALTO document doc (from file name) to
 * issue, numbering them from first_number.  0 or -1; on error pages may
 * have been added (callers read into a scratch issue, see import.h). */
int bs_alto_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                     bs_error *err);

#endif
