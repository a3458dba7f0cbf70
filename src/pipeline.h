/*
 * pipeline.h - scans to an issue: load, preprocess, layout, OCR, assembly.
 *
 * Public functions:
 *     bs_pipeline_options_default, bs_pipeline_add_file,
 *     bs_pipeline_assemble
 *
 * The pipeline is a sequence of stages over the shared page and issue
 * model; each stage is its own module and this file only orders them and
 * times them.  A page that fails (unreadable file, OCR error) is kept in
 * the issue with its error recorded and no regions, so the other pages are
 * still processed and the issue is still assembled from what was read.
 */
#ifndef BS_PIPELINE_H
#define BS_PIPELINE_H

#include "correct.h"
#include "error.h"
#include "image_load.h"
#include "issue.h"
#include "issue_json.h"
#include "ocr.h"
#include "page_read.h"
#include "reassemble.h"
#include "stitch.h"
#include "xml_safe.h"

/* Whether an image is cut into the two pages of a double-page spread. */
typedef enum bs_spread_mode {
    BS_SPREAD_AUTO = 0, /* when bs_spread_split_x finds a fold */
    BS_SPREAD_OFF,      /* never: every image is one page */
    BS_SPREAD_FORCE,    /* always: at the fold found, else at the middle */
} bs_spread_mode;

typedef struct bs_pipeline_options {
    const char *lang;         /* Tesseract languages, "chi_sim+eng" */
    const char *tessdata;     /* tessdata directory, NULL for the default */
    bs_image_limits limits;   /* images read by run and batch */
    bs_xml_limits xml_limits; /* hOCR, ALTO and PAGE-XML read by reassemble */
    bs_issue_json_limits json_limits; /* issue.json read by reassemble,
                                         report and a resumed batch */
    bs_page_read_options page_read;
    bs_reassemble_options reassemble;
    bs_stitch_options stitch;
    bs_spread_mode spread;    /* double-page spreads (default auto) */
    bs_correct_options correct; /* confusable characters; fn NULL: off */
} bs_pipeline_options;

#define BS_DEFAULT_LANG "chi_sim+eng"

bs_pipeline_options bs_pipeline_options_default(void);

/* Read every image of path (several for a multi-page TIFF) as new pages of
 * issue, numbered after the existing ones.  An image holding a double-page
 * spread (opt->spread, spread.h) becomes two pages with their source_box
 * set, numbered from their running heads ("第四版") when those are read,
 * else by position (the right page first when the page is set right to
 * left).  Returns the number of pages
 * that failed (0 when all were read); failures are recorded in each page's
 * error and as QC events, and the first one in err. */
int bs_pipeline_add_file(bs_issue *issue, bs_ocr *ocr, const char *path,
                         const bs_pipeline_options *opt, bs_error *err);

/* Build the issue's articles from its pages' regions: each page's text
 * corrected (opt->correct, when set), reassembled, then the issue stitched. */
void bs_pipeline_assemble(bs_issue *issue, const bs_pipeline_options *opt);

#endif
