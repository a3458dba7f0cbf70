/*
 * mets_write.h - an issue's METS 1.12 package description (mets.xml).
 *
 * Public functions:
 *     bs_mets_to_string, bs_mets_href
 *
 * METS ties the per-page ALTO files and the page images into one object
 * and carries what ALTO cannot: the articles, which run across pages.
 *
 *   fileSec      fileGrp USE="IMG" (page images, href relative to the
 *                output folder when both resolve) and fileGrp USE="ALTO"
 *                (alto/pNNN.xml).
 *   PHYSICAL     structMap: the issue as a sequence of pages, each page a
 *                div pointing at its image and its ALTO file.
 *   LOGICAL      structMap: div TYPE="ISSUE" holding one div
 *                TYPE="ARTICLE" LABEL=title per article, in reading order;
 *                inside it one div per part type (KICKER, HEADING,
 *                SUBHEADING, BYLINE, BODY, CAPTION, ILLUSTRATION, JUMP, ...)
 *                whose fptr/area elements name the ALTO file (FILEID) and
 *                the ALTO block (BEGIN = END = block ID, BETYPE="IDREF"),
 *                in story order, so an article continued on another page
 *                points into both pages' files.
 *   structLink   one smLink per article and page it touches.
 *
 * Block IDs come from bs_alto_block_id, the same function the ALTO writer
 * uses, so every BEGIN resolves in the named file.  Output validates
 * against the official mets-1-12-1.xsd (tests/alto_mets_schema.sh).
 */
#ifndef BS_METS_WRITE_H
#define BS_METS_WRITE_H

#include "error.h"
#include "issue.h"

/* The METS document for issue, whose ALTO files are alto/pNNN.xml below
 * outdir (used only to make image paths relative; may be NULL).
 * Caller frees; never NULL. */
char *bs_mets_to_string(const bs_issue *issue, const char *outdir);

/* The href of path as seen from folder dir: a relative, percent-escaped
 * URI reference when both exist, else path itself escaped (a "file://"
 * URI when it is absolute).  Caller frees. */
char *bs_mets_href(const char *dir, const char *path);

#endif
