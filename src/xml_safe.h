/*
 * xml_safe.h - parse untrusted XML and HTML (ALTO, hOCR, PAGE-XML) safely.
 *
 * Public functions:
 *     bs_xml_limits_default, bs_xml_parse, bs_xml_read_file, bs_xml_free,
 *     bs_xml_line, bs_xml_is, bs_xml_attr, bs_xml_attr_num,
 *     bs_xml_first_child, bs_xml_next_elem, bs_xml_utf16_mark
 *
 * OCR files from other engines come from anywhere, so the parser is set up
 * to refuse the classic XML attacks before they cost memory or time:
 *
 *   - No network, no external DTD or entity loading (XML_PARSE_NONET, and
 *     neither XML_PARSE_DTDLOAD nor XML_PARSE_NOENT): a file cannot make us
 *     fetch or read anything else.
 *   - Any entity declaration (<!ENTITY ...>, general or parameter) stops
 *     the parse at the declaration, through the SAX entityDecl hook.  None
 *     of the formats we read needs one, and refusing the declaration means
 *     "billion laughs" expansion never starts, whatever libxml2 version and
 *     whatever the document's encoding.
 *   - XML_PARSE_HUGE is never set, so libxml2 keeps its own ceilings
 *     (nesting 256 levels, 10 MB per text node or attribute value, names
 *     of 50,000 bytes).  On top of that the file size, the element depth
 *     and the element count are checked against bs_xml_limits, also for
 *     the forgiving HTML parser used for hOCR, which has no depth limit of
 *     its own.
 *   - Errors are collected from the parser context, never printed
 *     (XML_PARSE_NOERROR), and reported as "FILE:LINE: message".
 *
 * Documents are libxml2 trees (xmlDoc); the readers walk them with the
 * small helpers below, which compare local names and ignore namespaces, so
 * one walker serves ALTO 2, 3 and 4 alike.  Nothing here keeps global
 * state besides libxml2's one-time initialisation (xmlInitParser), so
 * several threads may parse different files at once.
 */
#ifndef BS_XML_SAFE_H
#define BS_XML_SAFE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "error.h"

/* Largest XML/HTML file accepted, bytes.  The biggest real ALTO pages
 * (broadsheets with every glyph boxed) are around 20 MB; a DOM costs about
 * ten times its file, so 64 MB keeps one page under 1 GB of memory. */
#define BS_XML_MAX_BYTES_DEFAULT (64L * 1024 * 1024)
/* Largest max_bytes that means anything, bytes: libxml2 takes a
 * document's length as an int, so a longer one is refused whatever the
 * limit says. */
#define BS_XML_MAX_BYTES_CEILING 0x7fffffffL
/* Deepest element nesting accepted, levels (the root element is level 1).
 * ALTO needs about 10 levels, hOCR and PAGE-XML fewer. */
#define BS_XML_MAX_DEPTH_DEFAULT 256
/* Largest max_depth that means anything, levels: without XML_PARSE_HUGE
 * (never set, see above) libxml2 itself stops XML at 256 levels, so a
 * higher limit could only loosen hOCR, which never nests that deep. */
#define BS_XML_MAX_DEPTH_CEILING 256
/* Most elements accepted in one document: a dense broadsheet page has a
 * few hundred thousand (words and spaces); ten times that is still sane. */
#define BS_XML_MAX_ELEMENTS_DEFAULT 4000000L

/* What the parser accepts; every field > 0.  max_bytes above
 * BS_XML_MAX_BYTES_CEILING and max_depth above BS_XML_MAX_DEPTH_CEILING
 * act as those ceilings. */
typedef struct bs_xml_limits {
    long max_bytes;     /* file size, bytes (--max-xml-bytes) */
    int max_depth;      /* element nesting, levels (--max-xml-depth) */
    long max_elements;  /* elements in the document */
} bs_xml_limits;

/* The BS_XML_MAX_*_DEFAULT limits. */
bs_xml_limits bs_xml_limits_default(void);

/* Parse len bytes of data as XML (html == 0) or HTML (html != 0).  name
 * (a file name) is used in messages.  lim may be NULL for the defaults.
 * Returns the document (free with bs_xml_free) or NULL with err set:
 * BS_ERR_FORMAT for malformed input or refused constructs, BS_ERR_LIMIT
 * for a limit exceeded, each message "name:LINE: reason" (a limit's
 * message also names its command-line option). */
xmlDoc *bs_xml_parse(const char *data, size_t len, const char *name, int html,
                     const bs_xml_limits *lim, bs_error *err);

/* The UTF-16 byte-order mark data starts with: 1 little-endian (FF FE),
 * 2 big-endian (FE FF), 0 none.  libxml2 decodes such files itself. */
int bs_xml_utf16_mark(const char *data, size_t len);

/* Read path (at most lim->max_bytes) and parse it as bs_xml_parse does. */
xmlDoc *bs_xml_read_file(const char *path, int html, const bs_xml_limits *lim, bs_error *err);

void bs_xml_free(xmlDoc *doc);

/* Source line of node (0 if unknown). */
long bs_xml_line(const xmlNode *node);

/* Non-zero if node is an element whose local name is name (ASCII case
 * folded when the document is HTML). */
int bs_xml_is(const xmlNode *node, const char *name);

/* The value of attribute name (local name, any namespace) as a new string
 * (caller frees with free()), or NULL when absent. */
char *bs_xml_attr(const xmlNode *node, const char *name);

/* Attribute name as a number: 1 and *out set when present and numeric, 0
 * when absent, -1 when present but not a finite number. */
int bs_xml_attr_num(const xmlNode *node, const char *name, double *out);

/* First element child of node, or NULL; next element sibling, or NULL. */
xmlNode *bs_xml_first_child(const xmlNode *node);
xmlNode *bs_xml_next_elem(const xmlNode *node);

#endif
