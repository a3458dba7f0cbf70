/*
 * page_read.c - one page image to a page model with text; see page_read.h.
 *
 * Public functions:
 *     bs_page_read_options_default, bs_page_read, bs_page_read_repair_block
 *
 * The page is preprocessed (preprocess.h), its regions found (layout.h),
 * and Tesseract is given the deskewed gray page once and then each text
 * region in turn, never the photos and rules.  A region is read with the
 * page segmentation mode that matches what the layout says it is: one
 * uniform block of text (PSM 6) for body blocks and multi-line headlines,
 * a single line (PSM 7) for one-line headlines and furniture.  Tesseract's
 * whole-page layout (PSM 3) reads straight across narrow CJK gutters and
 * merges headlines into body text; with the layout done here it only has
 * to recognise, which is also what takes its time, so reading only text
 * regions costs less than PSM 3 on the whole page.
 *
 * Vertical pages.  The vertical layout (vertical_layout.h) is tried
 * first; when most of the page's text ink is in vertical blocks
 * (VERTICAL_PAGE_SHARE) its regions are kept, otherwise they are dropped
 * and the horizontal layout reads the page exactly as before.  Vertical
 * regions are read with PSM 5 (a uniform block of vertical text) by the
 * vertical models (ocr.h picks them from the region's direction).
 * The vertical layout costs about a tenth of a page's time, so it is
 * tried only where it can win: the languages have vertical models, and
 * the page as a whole does not vote clearly horizontal
 * (text_direction.h, tiles of DIRECTION_TILE glyphs).
 *
 * The rectangle given to Tesseract is the region's box with a small
 * margin of paper (OCR_PAD): boxes are tight on the ink, and glyphs that
 * touch the rectangle's edge are read worse.  A headline or page label
 * read as nothing is read once more enlarged and thinned
 * (bs_ocr_read_enlarged): heavy display type runs its strokes together.
 */
#include "page_read.h"

#include <stdlib.h>
#include <time.h>

#include "intmath.h"
#include "text_direction.h"
#include "xalloc.h"

/* A page is read with the vertical layout when at least this share of
 * its text ink stands in vertical blocks (vertical pages: 0.7-0.95 on
 * the 1939 folds, the rest horizontal headlines and adverts; horizontal
 * pages: a few narrow blocks at most). */
#define VERTICAL_PAGE_SHARE 0.5
/* The page-wide direction vote: tiles of this many glyphs a side (the
 * vertical layout's own tile), and the confidence of a horizontal vote
 * (0 a tie, 0.5 three tiles in four, 1 all) above which the page is not
 * tried as vertical.  Measured: horizontal pages (generated zh and
 * zh-Hant, eval/dev) vote horizontal at 0.66-0.99; the 1939 vertical
 * folds vote vertical at 0.52-0.70; a page that mixes both directions
 * evenly votes near 0 and is still tried. */
#define DIRECTION_TILE 5
#define HORIZONTAL_PAGE_CONF 0.5

/* Paper margin around a region for OCR, in body text heights, and its
 * bounds in px: a fifth of a line stays well inside the narrowest gutter
 * (two thirds of a line) so no neighbour's glyphs come in. */
#define OCR_PAD_FRACT 0.2
#define OCR_PAD_MIN 2
#define OCR_PAD_MAX 12
/* A line of a block whose mean word confidence is under this is read
 * again alone (PSM 7), and the new reading kept when it is at least
 * OCR_REREAD_GAIN more confident.  Measured on three zh-Hant dev issues:
 * re-reading lines under 0.8 (12% of body lines) raised aca 0.957 ->
 * 0.966 and complete 0.65 -> 0.72; under 0.9 (37% of lines) gained
 * 0.0007 more for 27% more OCR time than under 0.8.  The whole second
 * look (this and the lost lines) costs 7% (zh-Hant) to 20% (zh) of OCR
 * time on an idle machine. */
#define OCR_WEAK_LINE_CONF 0.8
#define OCR_REREAD_GAIN 0.05
/* Lost lines (see recover_lost_lines): a gap between the tops of two
 * lines of a block over 1.8 line pitches holds a line Tesseract dropped.
 * Measured on the body blocks of the dev sets (fresh runs): 40 gaps of
 * 1.9-2.0 pitches, a line's worth, 35 of them on the zh-Hant pages;
 * English columns space paragraphs or subheads apart by 1.2-1.7 pitches,
 * and a few CJK gaps of 1.3-1.6 are the same.  So is 0.8 of a pitch of the
 * block's box left above its first or below its last line.  Blocks of
 * fewer than 3 lines have no pitch to go by; a line read in a gap is kept
 * only at a mean confidence of 0.6 or more (a stray mark reads as one
 * low-confidence glyph). */
#define LOST_LINE_GAP 1.8
#define LOST_EDGE_GAP 0.8
#define LOST_LINE_MIN_LINES 3
#define LOST_LINE_MIN_CONF 0.6f
/* A band is read across the block's ink and this many px more each side,
 * not its OCR margin: a tinted box around a sidebar ends just outside
 * the text, and its edge read as glyphs. */
#define LOST_BAND_MARGIN 2
/* A region whose box is at most this many of its text heights tall holds
 * one line and is read as one (PSM 7). */
#define OCR_ONE_LINE 1.6

bs_page_read_options bs_page_read_options_default(void)
{
    bs_page_read_options o;
    o.use_tesseract_layout = 0;
    o.preprocess = bs_preprocess_options_default();
    o.layout = bs_layout_options_default();
    o.direction = BS_PAGE_DIR_AUTO;
    o.vertical_layout = bs_vertical_layout_options_default();
    o.weak_line_conf = OCR_WEAK_LINE_CONF;
    o.on_reread = NULL;
    o.on_reread_ctx = NULL;
    return o;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_with_tesseract_layout(bs_ocr *ocr, PIX *pix, bs_page *page, bs_error *err)
{
    l_int32 xres = 0, yres = 0;
    pixGetResolution(pix, &xres, &yres);
    page->dpi = yres > 0 ? yres : 0;
    double t0 = now_seconds();
    bs_ocr_set_image(ocr, pix, page->dpi);
    int rc = bs_ocr_page_blocks(ocr, page, err);
    page->seconds[BS_STAGE_OCR] += now_seconds() - t0;
    return rc;
}

static int psm_for(const bs_region *r)
{
    if (r->direction == BS_DIR_VERTICAL_RL)
        return BS_PSM_VERTICAL_BLOCK;
    int one_line = r->text_height > 0 && r->box.h <= OCR_ONE_LINE * r->text_height;
    if (r->role == BS_ROLE_BODY)
        return BS_PSM_BLOCK;
    return one_line ? BS_PSM_SINGLE_LINE : BS_PSM_BLOCK;
}

/* Median text height of the body regions, for the OCR margin. */
static float body_text_height(const bs_page *page)
{
    float best = 0;
    long best_area = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        const bs_region *r = &page->regions[i];
        long area = (long)r->box.w * r->box.h;
        if (r->role == BS_ROLE_BODY && area > best_area) {
            best_area = area;
            best = r->text_height;
        }
    }
    return best;
}

/* The rectangle a weak line of a block is read again in: the block's
 * width (an indent is paper), the line's height with pad px of paper
 * above and below, never past half-way to the lines before and after. */
static bs_box line_rect(const bs_region *r, size_t i, bs_box block, int pad)
{
    const bs_box lb = r->lines[i].box;
    int top = lb.y - pad, bottom = lb.y + lb.h + pad;
    if (i > 0) {
        const bs_box up = r->lines[i - 1].box;
        int mid = (up.y + up.h + lb.y) / 2;
        if (up.y + up.h <= lb.y && top < mid)
            top = mid;
    }
    if (i + 1 < r->nlines) {
        const bs_box down = r->lines[i + 1].box;
        int mid = (lb.y + lb.h + down.y + 1) / 2;
        if (down.y >= lb.y + lb.h && bottom > mid)
            bottom = mid;
    }
    return (bs_box){block.x, top, block.w, bottom - top};
}

/* Read again, one by one, the lines of a block read with PSM 6 that
 * Tesseract was unsure of (see bs_ocr_reread_line). */
static int reread_weak_lines(bs_ocr *ocr, bs_region *r, bs_box block, int pad,
                             const bs_page_read_options *opt, bs_error *err)
{
    for (size_t i = 0; i < r->nlines; i++) {
        const bs_line *line = &r->lines[i];
        if (line->conf < 0 || line->conf >= opt->weak_line_conf || bs_box_empty(line->box))
            continue;
        /* The old reading outlives the call only for the listener. */
        char *old_text = opt->on_reread ? bs_xstrdup(line->text ? line->text : "") : NULL;
        float old_conf = line->conf;
        int rc = bs_ocr_reread_line(ocr, r, i, line_rect(r, i, block, pad), OCR_REREAD_GAIN, err);
        if (rc > 0 && old_text)
            opt->on_reread(opt->on_reread_ctx, r, old_text, old_conf, &r->lines[i]);
        free(old_text);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Median distance between the tops of consecutive lines of r, in px; 0
 * when it has fewer than LOST_LINE_MIN_LINES lines. */
static int line_pitch(const bs_region *r)
{
    if (r->nlines < LOST_LINE_MIN_LINES)
        return 0;
    int *d = bs_xmalloc(r->nlines * sizeof(*d));
    size_t n = 0;
    for (size_t i = 1; i < r->nlines; i++)
        if (r->lines[i].box.y > r->lines[i - 1].box.y)
            d[n++] = r->lines[i].box.y - r->lines[i - 1].box.y;
    int pitch = 0;
    if (n >= LOST_LINE_MIN_LINES - 1) {
        qsort(d, n, sizeof(*d), bs_cmp_int);
        pitch = d[n / 2];
    }
    free(d);
    return pitch;
}

/* Read the band [top, bottom) of r, across its ink, for lines PSM 6
 * dropped, inserting them before line index; one line is read as a line,
 * more as a block.  Tesseract's line mode (PSM 7) finds no line at all in
 * some such bands, the same line it dropped from the block; read as a
 * raw line (PSM 13, no layout analysis) it comes out whole. */
static int read_band(bs_ocr *ocr, bs_region *r, size_t index, int top, int bottom, int pitch,
                     const bs_page_read_options *opt, bs_error *err)
{
    if (bottom - top < pitch / 2)
        return 0;
    int lines = (int)((double)(bottom - top) / pitch + 0.5);
    int psm = lines > 1 ? BS_PSM_BLOCK : BS_PSM_SINGLE_LINE;
    bs_box band = {r->box.x - LOST_BAND_MARGIN, top, r->box.w + 2 * LOST_BAND_MARGIN, bottom - top};
    int n = bs_ocr_read_lost_lines(ocr, r, index, band, psm, LOST_LINE_MIN_CONF, err);
    if (n == 0 && psm == BS_PSM_SINGLE_LINE)
        n = bs_ocr_read_lost_lines(ocr, r, index, band, BS_PSM_RAW_LINE, LOST_LINE_MIN_CONF, err);
    for (int k = 0; k < n && opt->on_reread; k++)
        opt->on_reread(opt->on_reread_ctx, r, NULL, -1, &r->lines[index + (size_t)k]);
    return n < 0 ? -1 : 0;
}

/* Lines of a block read with PSM 6 that Tesseract dropped: a gap of more
 * than LOST_LINE_GAP line pitches between two lines, or more than
 * LOST_EDGE_GAP between the block's edge and its first or last line
 * (the layout's box is drawn around ink), is read again. */
static int recover_lost_lines(bs_ocr *ocr, bs_region *r, bs_box block,
                              const bs_page_read_options *opt, bs_error *err)
{
    int pitch = line_pitch(r);
    if (pitch <= 0)
        return 0;
    const bs_box last = r->lines[r->nlines - 1].box;
    if (r->box.y + r->box.h - (last.y + last.h) > LOST_EDGE_GAP * pitch &&
        read_band(ocr, r, r->nlines, last.y + last.h + 1, block.y + block.h, pitch, opt, err) != 0)
        return -1;
    for (size_t i = r->nlines - 1; i >= 1; i--) {
        const bs_box up = r->lines[i - 1].box, down = r->lines[i].box;
        if (down.y - up.y > LOST_LINE_GAP * pitch &&
            read_band(ocr, r, i, up.y + up.h + 1, down.y - 1, pitch, opt, err) != 0)
            return -1;
    }
    const bs_box first = r->lines[0].box;
    if (first.y - r->box.y > LOST_EDGE_GAP * pitch &&
        read_band(ocr, r, 0, block.y, first.y - 1, pitch, opt, err) != 0)
        return -1;
    return 0;
}

int bs_page_read_repair_block(bs_ocr *ocr, bs_region *r, bs_box rect, int pad,
                              const bs_page_read_options *opt, bs_error *err)
{
    if (r->direction == BS_DIR_VERTICAL_RL || opt->weak_line_conf <= 0)
        return 0;
    if (reread_weak_lines(ocr, r, rect, pad, opt, err) != 0)
        return -1;
    return recover_lost_lines(ocr, r, rect, opt, err);
}

/* Roles set in large or heavy type: headlines and the page's own labels. */
static int display_type(bs_role role)
{
    switch (role) {
    case BS_ROLE_HEADLINE:
    case BS_ROLE_KICKER:
    case BS_ROLE_SECTION:
    case BS_ROLE_MASTHEAD:
    case BS_ROLE_RUNNING_HEAD:
    case BS_ROLE_FOLIO:
        return 1;
    default:
        return 0;
    }
}

static int ocr_regions(bs_ocr *ocr, bs_page *page, const bs_page_read_options *opt, bs_error *err)
{
    float th = body_text_height(page);
    int pad = (int)(OCR_PAD_FRACT * th);
    if (pad < OCR_PAD_MIN)
        pad = OCR_PAD_MIN;
    if (pad > OCR_PAD_MAX)
        pad = OCR_PAD_MAX;
    for (size_t i = 0; i < page->nregions; i++) {
        bs_region *r = &page->regions[i];
        if (!bs_role_is_text(r->role))
            continue;
        bs_box rect = {r->box.x - pad, r->box.y - pad, r->box.w + 2 * pad, r->box.h + 2 * pad};
        int psm = psm_for(r);
        if (bs_ocr_region_in(ocr, r, rect, psm, err) != 0)
            return -1;
        /* Display type read as nothing: once more, larger and thinner
         * (one of the second readings `--no-reread` turns off). */
        if (display_type(r->role) && opt->weak_line_conf > 0) {
            int rc = bs_ocr_read_enlarged(ocr, r, rect, psm, err);
            if (rc < 0)
                return -1;
            for (size_t k = 0; rc > 0 && opt->on_reread && k < r->nlines; k++)
                opt->on_reread(opt->on_reread_ctx, r, "", -1, &r->lines[k]);
        }
        if (psm == BS_PSM_BLOCK && bs_page_read_repair_block(ocr, r, rect, pad, opt, err) != 0)
            return -1;
    }
    return 0;
}

/* Whether an auto-direction page is worth the vertical layout: its
 * languages can be set vertically and it does not vote clearly
 * horizontal. */
static int may_be_vertical(bs_ocr *ocr, const bs_prepared *prep)
{
    if (!bs_ocr_vertical_lang_of(ocr) || prep->char_height <= 0)
        return 0;
    bs_box page = {0, 0, prep->width, prep->height};
    bs_text_direction_info vote;
    bs_text_direction_vote(prep->binary, page, DIRECTION_TILE * prep->char_height, &vote);
    return !(vote.dir == BS_DIR_HORIZONTAL && vote.conf >= HORIZONTAL_PAGE_CONF);
}

int bs_page_read(bs_ocr *ocr, PIX *pix, bs_page *page, const bs_page_read_options *opt,
                 bs_error *err)
{
    bs_page_read_options defaults = bs_page_read_options_default();
    if (!opt)
        opt = &defaults;
    page->width = pixGetWidth(pix);
    page->height = pixGetHeight(pix);
    free(page->lang);
    page->lang = bs_xstrdup(bs_ocr_lang(ocr));
    if (opt->use_tesseract_layout)
        return read_with_tesseract_layout(ocr, pix, page, err);

    double t0 = now_seconds();
    bs_prepared prep;
    if (bs_preprocess(pix, &opt->preprocess, &prep, err) != 0)
        return -1;
    page->skew_deg = prep.skew_deg;
    page->dpi = prep.dpi;
    double t1 = now_seconds();
    page->seconds[BS_STAGE_PREPROCESS] += t1 - t0;

    size_t before = page->nregions;
    int rc = 0, vertical = 0;
    if (opt->direction == BS_PAGE_DIR_VERTICAL ||
        (opt->direction == BS_PAGE_DIR_AUTO && may_be_vertical(ocr, &prep))) {
        double share = 0;
        rc = bs_vertical_layout_analyse(&prep, page, &opt->vertical_layout, &share, err);
        vertical = rc == 0 && (opt->direction == BS_PAGE_DIR_VERTICAL || share >= VERTICAL_PAGE_SHARE);
        if (!vertical) {
            for (size_t i = before; i < page->nregions; i++)
                bs_region_release(&page->regions[i]);
            page->nregions = before;
        }
    }
    if (rc == 0 && !vertical)
        rc = bs_layout_analyse(&prep, page, &opt->layout, err);
    double t2 = now_seconds();
    page->seconds[BS_STAGE_LAYOUT] += t2 - t1;

    if (rc == 0) {
        bs_ocr_set_image(ocr, prep.gray, prep.dpi);
        int text_regions = 0;
        for (size_t i = before; i < page->nregions; i++)
            text_regions += bs_role_is_text(page->regions[i].role);
        /* No text found by the layout (a page of pictures, vertical text
         * it does not handle): let Tesseract's own layout try, so nothing
         * readable is dropped. */
        if (text_regions == 0 && prep.char_height > 0)
            rc = bs_ocr_page_blocks(ocr, page, err);
        else
            rc = ocr_regions(ocr, page, opt, err);
        page->seconds[BS_STAGE_OCR] += now_seconds() - t2;
    }
    bs_prepared_release(&prep);
    return rc;
}
