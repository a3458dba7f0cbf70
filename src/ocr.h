/*
 * ocr.h - Tesseract through its C API: whole pages or one region at a time.
 *
 * Public functions:
 *     bs_ocr_new, bs_ocr_free, bs_ocr_set_image, bs_ocr_page_blocks,
 *     bs_ocr_region, bs_ocr_region_in, bs_ocr_reread_line, bs_ocr_read_lost_lines,
 *     bs_ocr_read_enlarged, bs_ocr_lang,
 *     bs_ocr_vertical_lang, bs_ocr_vertical_lang_of, bs_ocr_has_vertical
 *
 * One bs_ocr wraps one TessBaseAPI, loaded once with its languages and
 * reused for every page a worker reads: loading chi_sim takes longer than
 * recognising a small region, so it must not happen per page or per region.
 * The page image is set once per page (SetImage) and each region is read
 * through SetRectangle with the page segmentation mode that fits its role:
 * a block of body text (PSM 6), a single line (PSM 7), a vertical block
 * (PSM 5).  Tesseract reports boxes in page coordinates even inside a
 * rectangle, so lines and words go straight into the page model.
 *
 * Vertical regions (region->direction == BS_DIR_VERTICAL_RL) are read by a
 * second TessBaseAPI loaded with the vertical models of the same languages
 * (chi_tra -> chi_tra_vert), once per bs_ocr and only when the first
 * vertical region comes; without such models they are read by the first.
 *
 * Tesseract's own OpenMP threads oversubscribe small machines; the process
 * must set OMP_THREAD_LIMIT=1 before libtesseract loads (the CLI re-executes
 * itself to do so; see main.c).
 *
 * A bs_ocr is not thread-safe: use one per thread.  Ownership: the caller
 * owns the bs_ocr (bs_ocr_free) and the PIX it passes (bs_ocr keeps a
 * reference only until the next bs_ocr_set_image or bs_ocr_free).
 */
#ifndef BS_OCR_H
#define BS_OCR_H

#include <leptonica/allheaders.h>

#include "error.h"
#include "page.h"

typedef struct bs_ocr bs_ocr;

/* Tesseract page segmentation modes used by Broadsheet. */
enum bs_psm {
    BS_PSM_AUTO = 3,         /* whole page, Tesseract's own layout */
    BS_PSM_SINGLE_COLUMN = 4,
    BS_PSM_VERTICAL_BLOCK = 5,
    BS_PSM_BLOCK = 6,        /* one uniform block of text */
    BS_PSM_SINGLE_LINE = 7,
    BS_PSM_RAW_LINE = 13,    /* one line, no layout analysis at all */
};

/* Load Tesseract for lang ("chi_sim+eng"), from tessdata directory datapath
 * (NULL: Tesseract's default).  NULL with err set if the language data is
 * missing. */
bs_ocr *bs_ocr_new(const char *lang, const char *datapath, bs_error *err);
void bs_ocr_free(bs_ocr *ocr);
const char *bs_ocr_lang(const bs_ocr *ocr);

/* The vertical counterpart of a language string: each of chi_sim, chi_tra,
 * jpn, kor becomes its "_vert" model, "_vert" models are kept, others
 * (eng) dropped: "chi_tra+eng" -> "chi_tra_vert".  NULL when none is
 * left.  Caller frees. */
char *bs_ocr_vertical_lang(const char *lang);
/* The vertical language string of ocr (see above), NULL if none; owned by
 * ocr. */
const char *bs_ocr_vertical_lang_of(const bs_ocr *ocr);
/* 1 when vertical regions will be read by a vertical model: loads it on
 * the first call (once; a failure is remembered and gives 0). */
int bs_ocr_has_vertical(bs_ocr *ocr);

/* Set the page image for the following calls; dpi 0 lets Tesseract guess. */
void bs_ocr_set_image(bs_ocr *ocr, PIX *pix, int dpi);

/* Read the whole page with Tesseract's own layout (PSM 3) and append one
 * region per Tesseract block to page, with lines and words.  This is the
 * baseline Broadsheet improves on; also used for pages with no layout. */
int bs_ocr_page_blocks(bs_ocr *ocr, bs_page *page, bs_error *err);

/* Read region->box of the current image with page segmentation mode psm
 * (BS_PSM_VERTICAL_BLOCK for vertical regions) with the engine of
 * region->direction, and append the lines and words found to region (existing lines are kept).
 * Sets region->conf to the mean word confidence. */
int bs_ocr_region(bs_ocr *ocr, bs_region *region, int psm, bs_error *err);

/* As bs_ocr_region, but read rect (in page pixels, clipped to the image)
 * instead of region->box: a region's box is tight on its ink, and a few
 * pixels of paper around the glyphs help Tesseract's own segmentation. */
int bs_ocr_region_in(bs_ocr *ocr, bs_region *region, bs_box rect, int psm, bs_error *err);

/* Read rect (page pixels) as one line (PSM 7) with the engine of
 * region->direction, and put the result in place of region->lines[index]
 * when it is one line, at least min_gain more confident (mean word
 * confidence, [0,1]) and keeps at least three quarters of the line's
 * glyphs.  Tesseract's block mode (PSM 6) fits one baseline model to the
 * whole block and now and then reads a line with it badly (an indented
 * first line that opens with Latin digits, "11月3日下午，國家主席", came out
 * "ll月3自自証 國說主語"); the same line alone reads cleanly.  Returns 1 when
 * the line was replaced, 0 when it was kept, -1 on a Tesseract failure
 * (err set).  The region keeps ownership of its lines. */
int bs_ocr_reread_line(bs_ocr *ocr, bs_region *region, size_t index, bs_box rect,
                       float min_gain, bs_error *err);

/* Read rect (page pixels), a band of a block where a line is missing
 * (PSM 6 now and then drops a whole line of a column and leaves a gap of
 * two line pitches), with mode psm (BS_PSM_SINGLE_LINE for one line,
 * BS_PSM_BLOCK for several), and insert the lines found with a mean word
 * confidence of at least min_conf before region->lines[index] (index
 * nlines: at the end).  Returns the number of lines inserted, -1 on a
 * Tesseract failure (err set).  The region owns the new lines. */
int bs_ocr_read_lost_lines(bs_ocr *ocr, bs_region *region, size_t index, bs_box rect, int psm,
                           float min_conf, bs_error *err);

/* Read rect (page pixels) again from a copy enlarged BS_OCR_ENLARGE times
 * and thresholded at BS_OCR_DARK_SHARE of its paper's gray value, with
 * mode psm: heavy display type (bold running heads, poster headlines of
 * old papers) runs its strokes together on the page image, and Tesseract
 * then finds nothing in it; larger and thinner it reads ("版四第").  When
 * the region has no text and this reading has some, the region's lines
 * are replaced by it (boxes in page pixels).  Returns 1 when replaced,
 * 0 when not, -1 on a Tesseract failure (err set).  The page image of
 * ocr is set again before returning. */
/* 2: a 35 px bold glyph of the 1939 running heads becomes 70 px, where a
 * threshold can keep the white between its strokes.  0.42: on those
 * heads the strokes stand apart when cut at 0.4-0.45 of the paper's gray
 * and run together again from about 0.5. */
#define BS_OCR_ENLARGE 2.0f
#define BS_OCR_DARK_SHARE 0.42f
int bs_ocr_read_enlarged(bs_ocr *ocr, bs_region *region, bs_box rect, int psm, bs_error *err);

#endif
