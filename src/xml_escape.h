/*
 * xml_escape.h - text made safe to place inside XML we write.
 *
 * Public functions:
 *     bs_xml_escape, bs_xml_is_ncname
 *
 * The ALTO and METS writers build XML with bs_strbuf rather than a DOM,
 * which keeps output deterministic and linear in size; every piece of text
 * that comes from a page (OCR output, imported text, titles) passes through
 * bs_xml_escape.  Besides the five markup characters it must handle what
 * XML 1.0 cannot carry at all: C0 control characters other than tab, line
 * feed and carriage return, the non-characters U+FFFE/U+FFFF, and bytes that
 * are not UTF-8.  Those become U+FFFD, so a stray control byte in OCR
 * output never produces a file that no XML parser will open.  Tab, line
 * feed and carriage return are written as character references inside
 * attributes, because attribute-value normalisation would otherwise turn
 * them into spaces on reading.
 */
#ifndef BS_XML_ESCAPE_H
#define BS_XML_ESCAPE_H

#include "strbuf.h"

/* Append s (UTF-8, NULL means "") to sb escaped for use as character data
 * or, when attr is non-zero, inside a double-quoted attribute value. */
void bs_xml_escape(bs_strbuf *sb, const char *s, int attr);

/* Non-zero if s can be an xsd:ID / NCName as we generate them: an ASCII
 * letter or '_' followed by ASCII letters, digits, '_', '-' and '.'.
 * (NCName allows more, but this subset never needs checking against the
 * Unicode tables and is what every id we write looks like.) */
int bs_xml_is_ncname(const char *s);

#endif
