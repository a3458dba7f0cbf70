/*
 * pagexml_read.h - PAGE-XML (2010 to 2019: OCR-D, Transkribus, eynollah)
 * read into the page model.
 *
 * Public functions:
 *     bs_pagexml_read_doc
 *
 * PcGts/Page becomes a page (imageFilename, imageWidth, imageHeight).
 * TextRegion becomes a region whose role is its @type (or the type in a
 * Transkribus custom="structure {type:...}") through
 * bs_import_role_from_label: heading, caption, page-number, header,
 * paragraph, ...; untyped text is body.  TextRegions nested in a
 * TextRegion or TableRegion are read as regions of their own.
 * ImageRegion, GraphicRegion and ChartRegion become photos,
 * SeparatorRegion a rule.  TextLine and Word become lines and words;
 * each box is the bounding box of the element's Coords (the points
 * attribute of 2013+ or the Point children of 2010).  Text is the
 * TextEquiv with the lowest @index (the first when none has one); a
 * line's own TextEquiv wins over its words, since correction tools edit
 * the line text.  Word confidences come from TextEquiv/@conf.
 *
 * Reading order is the ReadingOrder element flattened (ordered groups by
 * @index, unordered groups in document order); regions it does not list
 * get -1.  Without one, document order is used.  readingDirection
 * "top-to-bottom" marks a vertical region.
 *
 * The namespace must be a PRImA PAGE namespace.  Missing Coords, boxes off
 * the page and oversized text are errors naming the file and the line.
 */
#ifndef BS_PAGEXML_READ_H
#define BS_PAGEXML_READ_H

#include <libxml/tree.h>

#include "error.h"
#include "issue.h"

/* Append the pages of the parsed PAGE-XML document doc (from file name)
 * to issue, numbering them from first_number.  0 or -1 (pages may have
 * been added on error; callers read into a scratch issue, see import.h). */
int bs_pagexml_read_doc(bs_issue *issue, const xmlDoc *doc, const char *name, int first_number,
                        bs_error *err);

#endif
