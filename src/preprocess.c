/*
 * preprocess.c - loaded page image to deskewed gray and binary images.
 *
 * Public functions:
 *     bs_preprocess_options_default, bs_preprocess, bs_prepared_release,
 *     bs_preprocess_gray
 *
 * Method.  Every input depth is first reduced to 8 bpp gray.  The
 * background is flattened (Leptonica's tiled background normalization
 * maps the local paper colour to one value), so yellowed paper, shadows at
 * the fold and uneven lighting do not move a threshold.  The skew is
 * measured on a 2x reduced, globally thresholded copy: Leptonica's sweep
 * and binary search maximise the variance of the differential row sums,
 * which peaks when text lines are horizontal; at half resolution the
 * lines of a newspaper page are still many pixels apart, and the search is
 * four times cheaper.  The gray image is rotated about its centre by the
 * angle found, keeping its size (page.h: region boxes are in the deskewed
 * frame), with white brought in at the corners.
 *
 * Binarization is Sauvola's local threshold t = m (1 + k (s / 128 - 1))
 * over a window of the mean m and standard deviation s: faded strokes on a
 * clean background are kept (low s lowers t) and stains do not turn black.
 * Sauvola makes the inside of any large uniform area white (s = 0 gives
 * t = m (1 - k) < m), so pixels much darker than paper are set black as
 * well: scanner borders and photos stay solid for the layout analysis.
 * Dark components touching the image edge that are long compared to the
 * page are the scanner border and are erased; components of a few pixels
 * are specks of noise and are erased.
 *
 * The most common glyph height (the mode of component heights) is the
 * page's scale for everything the layout analysis measures; components in
 * halftone areas (Leptonica's halftone mask) do not vote, since a picture
 * binarizes into thousands of small blobs.  The resolution matters to
 * Tesseract only roughly; when the file gives none (JPEG "aspect ratio
 * only" headers are common), it is estimated from that glyph height,
 * assuming body text of a usual newspaper size.
 */
#include "preprocess.h"
#include "page_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Smallest side, px, on which deskew and local thresholds mean anything:
 * the Sauvola window and the skew sweep need a few text lines. */
#define PRE_MIN_SIDE_FOR_ANALYSIS 64

/* Global threshold on the normalized image for the skew copy: halfway
 * between ink (< 100) and paper (BS_PREPROCESS_PAPER). */
#define PRE_SKEW_THRESH 150

/* Skew search: Leptonica's sweep at 2x (on the already 2x-reduced copy),
 * binary search at full resolution of that copy, 1 degree sweep steps and
 * a 0.01 degree end precision; 0.1 degree is ample for a page (a 2000 px
 * rule drifts 3.5 px) and the binary search reaches it. */
#define PRE_SKEW_REDSWEEP 2
#define PRE_SKEW_REDSEARCH 1
#define PRE_SKEW_SWEEP_DELTA 1.0f
#define PRE_SKEW_MIN_BS_DELTA 0.01f
#define PRE_SKEW_MAX_DEFAULT 7.0f

/* Leptonica's own limits for trusting an angle: below confidence 3 the
 * score peak is not distinct (pages with little text, photos only). */
#define PRE_SKEW_MIN_CONF 3.0f
/* Below 0.05 degrees rotation would move nothing by even one pixel on a
 * 1000 px line, and would only blur. */
#define PRE_SKEW_MIN_ROTATE_DEG 0.05

/* Sauvola half-window, px: a 51 px window spans the thickest strokes of
 * bold headlines at 300-400 dpi with paper on both sides, and a few body
 * characters, so the local mean tracks the paper, not the ink. */
#define PRE_SAUVOLA_HALF 25
/* Sauvola's k.  Leptonica suggests 0.35 for clean office documents; on
 * blurred scans the thin horizontal strokes of Song faces are light gray
 * and 0.35 drops them (a 上 loses its bars), 0.20 keeps them while paper
 * stays white. */
#define PRE_SAUVOLA_K 0.20f
/* Tile width for the tiled version, px: bounds the accumulator memory. */
#define PRE_SAUVOLA_TILE 1200

/* Pixels darker than this (normalized scale) are ink whatever Sauvola
 * says: solid black areas, photo shadows. */
#define PRE_DARK_VALUE 70

/* A component touching the image edge is the scanner border when it is at
 * least this share of the page side long (a tenth of the page: no text
 * glyph, and only the rare rule touching a tightly cropped edge). */
#define PRE_BORDER_MIN_FRACT 0.10

/* Specks: components no larger than this in both directions, px.  The
 * smallest real marks (a full stop or the dot of an i at 8 pt, 300 dpi)
 * are 4-5 px. */
#define PRE_SPECK_MAX 3

/* Glyph height statistics: components between these heights, px, and no
 * wider than PRE_GLYPH_MAX_ASPECT times their height, are glyph
 * candidates; heights within +-PRE_GLYPH_TOL of a value vote for it. */
#define PRE_GLYPH_MIN_H 6
#define PRE_GLYPH_MAX_H 400
#define PRE_GLYPH_MAX_ASPECT 2.5
#define PRE_GLYPH_TOL 0.08
/* The grain of a rough scan (hundreds of blobs 6-9 px tall, more than
 * there are glyphs of any one height) can outvote the text.  Counted by
 * ink instead (each component voting with its height), the text wins;
 * when that mode is more than PRE_GRAIN_RATIO times the count mode, the
 * count mode was grain.  Within the ratio the count mode stands: a Latin
 * page's x-height (the commonest glyph) and ascender height differ by
 * 1.3-1.5, and the ink vote would pick the ascenders. */
#define PRE_GRAIN_RATIO 2.0

/* Resolution estimate: body text of 9 pt (the common newspaper body size,
 * 8.5-10 pt) whose glyphs are 0.85 em tall (CJK ideographs fill 0.85-0.9
 * em; Latin capitals and ascenders about 0.7).  Trusted file resolutions
 * lie in [PRE_DPI_MIN, PRE_DPI_MAX]; estimates are clamped to it. */
#define PRE_BODY_PT 9.0
#define PRE_GLYPH_EM 0.85
#define PRE_DPI_MIN 70
#define PRE_DPI_MAX 1200
#define PRE_DPI_DEFAULT 300

bs_preprocess_options bs_preprocess_options_default(void)
{
    bs_preprocess_options o;
    memset(&o, 0, sizeof(o));
    o.deskew = 1;
    o.max_skew_deg = PRE_SKEW_MAX_DEFAULT;
    o.normalize = 1;
    o.remove_borders = 1;
    return o;
}

void bs_prepared_release(bs_prepared *p)
{
    if (!p)
        return;
    pixDestroy(&p->gray);
    pixDestroy(&p->binary);
    memset(p, 0, sizeof(*p));
}

PIX *bs_preprocess_gray(PIX *pix)
{
    if (!pix)
        return NULL;
    PIX *nocmap = pixGetColormap(pix) ? pixRemoveColormap(pix, REMOVE_CMAP_TO_GRAYSCALE)
                                      : pixClone(pix);
    if (!nocmap)
        return NULL;
    PIX *gray = NULL;
    int d = pixGetDepth(nocmap);
    if (d == 8)
        gray = pixCopy(NULL, nocmap);
    else if (d == 16)
        gray = pixConvert16To8(nocmap, L_MS_BYTE);
    else if (d == 32)
        gray = pixConvertRGBToLuminance(nocmap);
    else
        gray = pixConvertTo8(nocmap, 0);
    pixDestroy(&nocmap);
    if (gray && pixGetDepth(gray) != 8)
        pixDestroy(&gray);
    if (gray)
        pixSetResolution(gray, 0, 0);
    return gray;
}

/* Background flattened to BS_PREPROCESS_PAPER (Leptonica's default
 * target); a copy when the image has too little paper for the tiles (all
 * black, tiny). */
static PIX *normalize_background(PIX *gray)
{
    PIX *n = NULL;
    if (pixGetWidth(gray) >= PRE_MIN_SIDE_FOR_ANALYSIS && pixGetHeight(gray) >= PRE_MIN_SIDE_FOR_ANALYSIS)
        n = pixBackgroundNormSimple(gray, NULL, NULL);
    return n ? n : pixCopy(NULL, gray);
}

/* Skew in Leptonica's convention (degrees to rotate clockwise to deskew)
 * into *angle, 0 when not found or not trusted. */
static void find_skew(PIX *gray, int normalized, float max_deg, float *angle, float *conf)
{
    *angle = 0;
    *conf = 0;
    PIX *half = pixScaleAreaMap2(gray);
    if (!half)
        return;
    PIX *bin = NULL;
    if (normalized) {
        bin = pixThresholdToBinary(half, PRE_SKEW_THRESH);
    } else {
        /* One tile: a global Otsu threshold. */
        pixOtsuAdaptiveThreshold(half, pixGetWidth(half), pixGetHeight(half), 0, 0, 0.1f, NULL, &bin);
    }
    pixDestroy(&half);
    if (!bin)
        return;
    float a = 0, c = 0;
    if (pixFindSkewSweepAndSearch(bin, &a, &c, PRE_SKEW_REDSWEEP, PRE_SKEW_REDSEARCH, max_deg,
                                  PRE_SKEW_SWEEP_DELTA, PRE_SKEW_MIN_BS_DELTA) == 0 &&
        c >= PRE_SKEW_MIN_CONF && fabsf(a) <= max_deg) {
        *angle = a;
        *conf = c;
    }
    pixDestroy(&bin);
}

/* Sauvola binarization OR'ed with a dark threshold (see the file
 * comment); a plain global threshold on images too small for the window. */
static PIX *binarize(PIX *gray)
{
    int w = pixGetWidth(gray), h = pixGetHeight(gray);
    int half = PRE_SAUVOLA_HALF;
    int minside = w < h ? w : h;
    /* Leptonica needs the window inside the image. */
    if (2 * half + 3 > minside)
        half = (minside - 3) / 2;
    PIX *bin = NULL;
    if (half >= 2) {
        int nx = w / PRE_SAUVOLA_TILE + 1, ny = h / PRE_SAUVOLA_TILE + 1;
        /* Tiles must still hold the window. */
        while (nx > 1 && w / nx < 2 * half + 3)
            nx--;
        while (ny > 1 && h / ny < 2 * half + 3)
            ny--;
        if (pixSauvolaBinarizeTiled(gray, half, PRE_SAUVOLA_K, nx, ny, NULL, &bin) != 0)
            bin = NULL;
    }
    PIX *dark = pixThresholdToBinary(gray, half >= 2 ? PRE_DARK_VALUE : PRE_SKEW_THRESH);
    if (!bin)
        return dark;
    if (dark)
        pixOr(bin, bin, dark);
    pixDestroy(&dark);
    return bin;
}

/* Erase the scanner border: components touching the edge that are long
 * compared to the page. */
static void remove_border(PIX *bin)
{
    PIX *edge = pixExtractBorderConnComps(bin, 8);
    if (!edge)
        return;
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    int minw = (int)(PRE_BORDER_MIN_FRACT * w), minh = (int)(PRE_BORDER_MIN_FRACT * h);
    PIX *big = pixSelectBySize(edge, minw, minh, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
    if (big)
        pixSubtract(bin, bin, big);
    pixDestroy(&big);
    pixDestroy(&edge);
}

/* Mode of the glyph height histogram, px, each height voting with its
 * count of components (weighted == 0) or with count times height (the
 * ink of those components, counted in glyph heights). */
static int histogram_mode(const int *hist, int weighted)
{
    int best = 0;
    long best_votes = 0;
    for (int hh = PRE_GLYPH_MIN_H; hh <= PRE_GLYPH_MAX_H; hh++) {
        int lo = (int)floor(hh * (1.0 - PRE_GLYPH_TOL)), hi = (int)ceil(hh * (1.0 + PRE_GLYPH_TOL));
        if (hi > PRE_GLYPH_MAX_H)
            hi = PRE_GLYPH_MAX_H;
        long votes = 0;
        for (int k = lo; k <= hi; k++)
            votes += weighted ? (long)k * hist[k] : hist[k];
        if (votes > best_votes) {
            best_votes = votes;
            best = hh;
        }
    }
    return best;
}

/* Remove specks and return the most common glyph height (0 if none).
 * Components inside halftone areas (pictures binarize into thousands of
 * small blobs that would outvote the text) do not vote. */
static int remove_specks_and_measure(PIX *bin)
{
    BOXA *boxa = pixConnCompBB(bin, 8);
    if (!boxa)
        return 0;
    l_int32 found = 0;
    PIX *halftone = pixGenHalftoneMask(bin, NULL, &found, 0);
    int n = boxaGetCount(boxa);
    int *hist = bs_xcalloc(PRE_GLYPH_MAX_H + 1, sizeof(int));
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(boxa, i, &x, &y, &bw, &bh);
        if (bw <= PRE_SPECK_MAX && bh <= PRE_SPECK_MAX) {
            pixRasterop(bin, x, y, bw, bh, PIX_CLR, NULL, 0, 0);
            continue;
        }
        if (bh < PRE_GLYPH_MIN_H || bh > PRE_GLYPH_MAX_H || bw > PRE_GLYPH_MAX_ASPECT * bh)
            continue;
        l_uint32 in_halftone = 0;
        if (halftone && found)
            pixGetPixel(halftone, x + bw / 2, y + bh / 2, &in_halftone);
        if (!in_halftone)
            hist[bh]++;
    }
    pixDestroy(&halftone);
    boxaDestroy(&boxa);
    int by_count = histogram_mode(hist, 0), by_ink = histogram_mode(hist, 1);
    int best = by_ink > PRE_GRAIN_RATIO * by_count ? by_ink : by_count;
    free(hist);
    return best;
}

int bs_preprocess(PIX *loaded, const bs_preprocess_options *opt, bs_prepared *out, bs_error *err)
{
    memset(out, 0, sizeof(*out));
    bs_preprocess_options defaults = bs_preprocess_options_default();
    if (!opt)
        opt = &defaults;
    if (!loaded)
        return bs_error_set(err, BS_ERR_USAGE, "preprocess: no image");
    int w = pixGetWidth(loaded), h = pixGetHeight(loaded);
    if (w < 1 || h < 1)
        return bs_error_set(err, BS_ERR_FORMAT, "preprocess: empty image");

    PIX *gray = bs_preprocess_gray(loaded);
    if (!gray)
        return bs_error_set(err, BS_ERR_FORMAT, "preprocess: cannot convert a %d bpp image to gray",
                            pixGetDepth(loaded));
    int big_enough = w >= PRE_MIN_SIDE_FOR_ANALYSIS && h >= PRE_MIN_SIDE_FOR_ANALYSIS;
    if (opt->normalize && big_enough) {
        PIX *n = normalize_background(gray);
        pixDestroy(&gray);
        gray = n;
    }

    float angle = 0, conf = 0;
    if (opt->deskew && big_enough)
        find_skew(gray, opt->normalize, opt->max_skew_deg > 0 ? opt->max_skew_deg : PRE_SKEW_MAX_DEFAULT,
                  &angle, &conf);
    if (fabs(angle) >= PRE_SKEW_MIN_ROTATE_DEG) {
        /* The one definition of "deskewed", shared with the reports. */
        PIX *rot = bs_page_image_deskew(gray, -(double)angle);
        if (rot) {
            pixDestroy(&gray);
            gray = rot;
        } else {
            angle = 0;
        }
    } else {
        angle = 0;
    }

    PIX *bin = binarize(gray);
    if (!bin) {
        pixDestroy(&gray);
        return bs_error_set(err, BS_ERR_FORMAT, "preprocess: cannot binarize the %dx%d image", w, h);
    }
    if (opt->remove_borders && big_enough)
        remove_border(bin);
    int glyph_h = remove_specks_and_measure(bin);

    out->gray = gray;
    out->binary = bin;
    out->width = w;
    out->height = h;
    /* Leptonica's angle deskews when applied clockwise, so the page itself
     * leans the other way (page.h: positive skew = clockwise). */
    out->skew_deg = -(double)angle;
    out->skew_conf = conf;
    out->char_height = glyph_h;

    l_int32 xres = 0, yres = 0;
    pixGetResolution(loaded, &xres, &yres);
    int file_dpi = yres > 0 ? yres : xres;
    if (opt->dpi > 0) {
        out->dpi = opt->dpi;
    } else if (file_dpi >= PRE_DPI_MIN && file_dpi <= PRE_DPI_MAX) {
        out->dpi = file_dpi;
    } else {
        double est = glyph_h > 0 ? glyph_h * 72.0 / (PRE_BODY_PT * PRE_GLYPH_EM) : PRE_DPI_DEFAULT;
        if (est < PRE_DPI_MIN)
            est = PRE_DPI_MIN;
        if (est > PRE_DPI_MAX)
            est = PRE_DPI_MAX;
        out->dpi = (int)lround(est);
        out->dpi_estimated = 1;
    }
    return 0;
}
