/*
 * halftone.c - photos and other pictures; see halftone.h.
 *
 * Public functions:
 *     bs_photos_find
 *
 * Method.  Two detectors, because pictures reach the page in two ways.
 *
 * Printed halftones (dots) binarize into dense ink: Leptonica's halftone
 * mask (pixGenHalftoneMask) finds seeds of dense ink after heavy rank
 * reductions, in which text, thin strokes with white between them,
 * vanishes, and grows them into the picture areas.  Very bold type (a
 * masthead, a black headline) is dense too, so each candidate is judged
 * on the gray page: a picture is made of intermediate tones, while type is
 * ink and paper with only a thin blurred edge between them.
 *
 * Continuous-tone and light pictures (a scan of a photo print, a pale
 * sky) binarize into almost nothing.  They are found on the gray page in
 * tiles about a glyph wide: a tile with hardly any paper-white pixel and
 * little ink is picture tone, which text never gives (between strokes
 * there is always paper); such tiles seed a picture, which grows through
 * the neighbouring tiles that hold tone but no ink (its light parts).
 * Blank paper and tiles with ink stop the growth, so text beside a
 * picture stays out of it.
 *
 * Candidates too small to be a picture (a glyph or two) are dropped, and
 * pieces of one picture are merged.
 */
#include "halftone.h"

#include "preprocess.h"

/* Smallest picture side, in glyph heights: a one-column thumbnail portrait
 * is several lines tall and wide; a single bold glyph is about 1-5. */
#define PHOTO_MIN_SIDE 3.0
/* Intermediate tones on the normalized gray scale (paper =
 * BS_PREPROCESS_PAPER): darker than DARK is ink, lighter than LIGHT is
 * paper. */
#define PHOTO_TONE_DARK 70
#define PHOTO_TONE_LIGHT 160
/* Smallest share of intermediate tones in a picture's box.  Measured on
 * rendered and scanned pages: body text 0.13, bold headlines 0.08,
 * masthead 0.03, photos 0.22 and more; bold type is what must be told
 * apart here, body text never reaches this test. */
#define PHOTO_MIN_MIDTONE 0.15
/* Pieces of one picture closer than this, in glyph heights, are merged. */
#define PHOTO_MERGE_GAP 1.0
/* Tone tiles: a glyph height square (at least PHOTO_TILE_MIN px).  Paper
 * is at least PHOTO_PAPER_FRACT of the paper value; a seed tile has less
 * than PHOTO_SEED_PAPER paper pixels and less than PHOTO_SEED_INK ink
 * (measured: text tiles have 50-100 percent paper, photo tone tiles 0-25
 * percent; a tile inside a bold stroke is mostly ink); a growth tile has
 * at most PHOTO_SOFT_DARK of pixels darker than PHOTO_SOFT_TONE (no stroke
 * of text, even blurred, passes through it) and at most PHOTO_SOFT_PAPER
 * paper (clearly toned: the blurred fringe of a text line is 90 percent
 * paper).  A picture needs PHOTO_MIN_SEEDS seed tiles. */
#define PHOTO_TILE_MIN 8
#define PHOTO_PAPER_FRACT 0.94
#define PHOTO_SEED_PAPER 0.25
#define PHOTO_SEED_INK 0.4
#define PHOTO_SOFT_TONE 120
#define PHOTO_SOFT_DARK 0.01
#define PHOTO_SOFT_PAPER 0.85
#define PHOTO_MIN_SEEDS 4

/* Share of pixels of gray inside box with an intermediate tone. */
static double midtone_fraction(PIX *gray, BOX *box)
{
    l_int32 x, y, w, h;
    boxGetGeometry(box, &x, &y, &w, &h);
    int pw = pixGetWidth(gray), ph = pixGetHeight(gray);
    if (x < 0) {
        w += x;
        x = 0;
    }
    if (y < 0) {
        h += y;
        y = 0;
    }
    if (x + w > pw)
        w = pw - x;
    if (y + h > ph)
        h = ph - y;
    if (w <= 0 || h <= 0)
        return 0;
    /* Every second pixel in both directions: a picture's tones are smooth
     * at this scale, and it quarters the cost. */
    long mid = 0, total = 0;
    l_uint32 *data = pixGetData(gray);
    int wpl = pixGetWpl(gray);
    for (int yy = y; yy < y + h; yy += 2) {
        l_uint32 *line = data + (size_t)yy * wpl;
        for (int xx = x; xx < x + w; xx += 2) {
            int v = GET_DATA_BYTE(line, xx);
            mid += v > PHOTO_TONE_DARK && v < PHOTO_TONE_LIGHT;
            total++;
        }
    }
    return total ? (double)mid / (double)total : 0;
}

/* Picture boxes from tone tiles (see the file comment), appended to out. */
static void find_tone_pictures(PIX *gray, int char_h, BOXA *out)
{
    int ts = char_h > PHOTO_TILE_MIN ? char_h : PHOTO_TILE_MIN;
    int w = pixGetWidth(gray), h = pixGetHeight(gray);
    int tw = w / ts, th = h / ts;
    if (tw < 2 || th < 2)
        return;
    PIX *seed = pixCreate(tw, th, 1), *soft = pixCreate(tw, th, 1);
    if (!seed || !soft) {
        pixDestroy(&seed);
        pixDestroy(&soft);
        return;
    }
    int paper = (int)(PHOTO_PAPER_FRACT * BS_PREPROCESS_PAPER);
    l_uint32 *data = pixGetData(gray);
    int wpl = pixGetWpl(gray);
    /* Every second pixel of every second row: tone statistics of a tile
     * do not need all of them. */
    for (int ty = 0; ty < th; ty++) {
        for (int tx = 0; tx < tw; tx++) {
            int npaper = 0, nink = 0, ndark = 0, total = 0;
            for (int y = ty * ts; y < (ty + 1) * ts; y += 2) {
                l_uint32 *line = data + (size_t)y * wpl;
                for (int x = tx * ts; x < (tx + 1) * ts; x += 2) {
                    int v = GET_DATA_BYTE(line, x);
                    npaper += v >= paper;
                    nink += v <= PHOTO_TONE_DARK;
                    ndark += v <= PHOTO_SOFT_TONE;
                    total++;
                }
            }
            double fp = (double)npaper / total, fi = (double)nink / total;
            if (fp < PHOTO_SEED_PAPER && fi < PHOTO_SEED_INK)
                pixSetPixel(seed, tx, ty, 1);
            if ((double)ndark / total <= PHOTO_SOFT_DARK && fp <= PHOTO_SOFT_PAPER)
                pixSetPixel(soft, tx, ty, 1);
        }
    }
    pixOr(soft, soft, seed);
    /* Grow seeds through tone tiles. */
    PIX *grown = pixSeedfillBinary(NULL, seed, soft, 8);
    BOXA *boxa = grown ? pixConnCompBB(grown, 8) : NULL;
    int n = boxa ? boxaGetCount(boxa) : 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(boxa, i, &x, &y, &bw, &bh);
        BOX *tb = boxCreate(x, y, bw, bh);
        l_int32 seeds = 0;
        pixCountPixelsInRect(seed, tb, &seeds, NULL);
        boxDestroy(&tb);
        if (seeds >= PHOTO_MIN_SEEDS)
            boxaAddBox(out, boxCreate(x * ts, y * ts, bw * ts, bh * ts), L_INSERT);
    }
    boxaDestroy(&boxa);
    pixDestroy(&grown);
    pixDestroy(&seed);
    pixDestroy(&soft);
}

BOXA *bs_photos_find(PIX *bin, PIX *gray, int char_h)
{
    if (!bin || !gray || pixGetDepth(bin) != 1 || pixGetDepth(gray) != 8 || char_h <= 0 ||
        pixGetWidth(bin) != pixGetWidth(gray) || pixGetHeight(bin) != pixGetHeight(gray))
        return NULL;
    BOXA *photos = boxaCreate(4);
    BOXA *cands = boxaCreate(4);
    l_int32 found = 0;
    PIX *mask = pixGenHalftoneMask(bin, NULL, &found, 0);
    BOXA *ht = mask && found ? pixConnCompBB(mask, 8) : NULL;
    pixDestroy(&mask);
    /* Halftone candidates must be made of tones, not bold type. */
    for (int i = 0; ht && i < boxaGetCount(ht); i++) {
        BOX *b = boxaGetBox(ht, i, L_COPY);
        if (midtone_fraction(gray, b) >= PHOTO_MIN_MIDTONE)
            boxaAddBox(cands, b, L_INSERT);
        else
            boxDestroy(&b);
    }
    boxaDestroy(&ht);
    find_tone_pictures(gray, char_h, cands);
    /* Merge nearby pieces first: a picture with a white area inside comes
     * out of the mask in pieces, each of which may look too small. */
    int gap = (int)(PHOTO_MERGE_GAP * char_h);
    BOXA *grown = boxaAdjustSides(cands, -gap / 2, gap / 2, -gap / 2, gap / 2);
    BOXA *merged = grown ? boxaCombineOverlaps(grown, NULL) : NULL;
    boxaDestroy(&grown);
    boxaDestroy(&cands);
    if (!merged)
        return photos;
    int min_side = (int)(PHOTO_MIN_SIDE * char_h);
    int n = boxaGetCount(merged);
    for (int i = 0; i < n; i++) {
        BOX *b = boxaGetBox(merged, i, L_COPY);
        /* Undo the growth used for merging. */
        BOX *core = boxAdjustSides(NULL, b, gap / 2, -(gap / 2), gap / 2, -(gap / 2));
        boxDestroy(&b);
        if (!core)
            continue;
        l_int32 x, y, w, h;
        boxGetGeometry(core, &x, &y, &w, &h);
        if (w >= min_side && h >= min_side)
            boxaAddBox(photos, core, L_INSERT);
        else
            boxDestroy(&core);
    }
    boxaDestroy(&merged);
    return photos;
}
