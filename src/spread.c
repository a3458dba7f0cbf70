/*
 * spread.c - double-page spread detection; see spread.h.
 *
 * Public functions:
 *     bs_spread_split_x, bs_spread_page_label
 *
 * Method.  A newspaper page is portrait, so an image clearly wider than
 * tall (SPREAD_MIN_ASPECT) is two pages side by side.  The cut is the
 * column of the middle band (SPREAD_BAND around the centre: the pages are
 * about equally wide, but the scan may be off-centre) with the longest
 * uninterrupted run of paper from top to bottom: the gutter between facing
 * pages is white over the whole height of the print, while the white
 * between columns of text, even between the many narrow lines of vertical
 * Chinese, is crossed sooner or later by a headline, a rule or an advert.
 * Runs are measured on a 4x reduced and thresholded copy, the best of a few neighbouring columns (a fold is not exactly
 * vertical); the top and bottom SPREAD_MARGIN are left out for the
 * scanner border.  Among equally white columns the one nearest the centre
 * wins.  When no column is white over most of the height
 * (SPREAD_MIN_RUN), the image is a landscape page or a poster, not a
 * spread; nor is it when either side of the cut is mostly blank
 * (SPREAD_MIN_HALF_INKED), since both halves of a spread are printed.
 *
 * Page labels.  Chinese papers print the page in the running head as
 * 第<n>版, with n in Chinese numerals (一 .. 十, 十二, 廿) or digits; on
 * pages set right to left the head reads 版四第 when Tesseract reads it
 * left to right.  The topmost such label in the top band of the page
 * (LABEL_TOP_BAND) is taken; spaces inside it are ignored.
 */
#include "spread.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "preprocess.h"
#include "strbuf.h"
#include "unicode.h"
#include "xalloc.h"

/* Running heads stand in this top share of the page height. */
#define LABEL_TOP_BAND 0.15
/* Longest numeral in a label, characters ("二十四"). */
#define LABEL_MAX_DIGITS 3
/* Highest page number accepted (a tabloid of 1939 has 8 to 16 pages, a
 * modern paper up to a few dozen per section). */
#define LABEL_MAX_PAGE 200

/* Width over height above which an image is two pages (a broadsheet page
 * is 0.6-0.8 as wide as tall; two of them 1.2-1.6). */
#define SPREAD_MIN_ASPECT 1.15
/* Smallest width, px, worth analysing. */
#define SPREAD_MIN_WIDTH 400
/* Reduction for the analysis: a gutter of 5 mm is still 12 px at 300 dpi
 * after reducing by 4. */
#define SPREAD_REDUCTION 4
/* The cut is searched within this share of the width around the centre. */
#define SPREAD_BAND 0.15
/* Rows left out at the top and bottom (scanner border, running heads of
 * both pages joined by a rule). */
#define SPREAD_MARGIN 0.05
/* Neighbouring columns considered together, in reduced px (about 1 mm at
 * 300 dpi). */
#define SPREAD_WINDOW 3
/* Paper value: this rank of the gray values (pages are mostly paper). */
#define SPREAD_PAPER_RANK 0.9
/* Ink: darker than this share of the paper value. */
#define SPREAD_INK_FRACT 0.6
/* The fold's paper run covers at least this share of the height (measured
 * on four real spreads: 0.67-1.0 at the fold, at most 0.5 between text
 * columns elsewhere in the band). */
#define SPREAD_MIN_RUN 0.6
/* Distance penalty: run share taken off per band-width of distance from
 * the centre, so that a column a little whiter but far off loses to one at
 * the centre. */
#define SPREAD_CENTRE_WEIGHT 0.05
/* Each half of a spread is a printed page: at least this share of its
 * columns (reduced px, margins included) holds ink.  Printed pages cover
 * 0.85-0.95 of their width; a landscape page whose text stops short of
 * the right edge (a letter, a small notice) covers one half and well
 * under half of the other. */
#define SPREAD_MIN_HALF_INKED 0.5

int bs_spread_split_x(PIX *pix, float *pconf)
{
    if (pconf)
        *pconf = 0;
    if (!pix)
        return 0;
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    if (w < SPREAD_MIN_WIDTH || w < SPREAD_MIN_ASPECT * h)
        return 0;
    PIX *gray = bs_preprocess_gray(pix);
    PIX *small = gray ? pixScaleAreaMap(gray, 1.0f / SPREAD_REDUCTION, 1.0f / SPREAD_REDUCTION) : NULL;
    pixDestroy(&gray);
    if (!small)
        return 0;
    /* Paper is the bright end of the histogram; no background
     * normalization, which would flatten the light shadow of a fold. */
    l_uint32 paper = 0;
    if (pixGetRankValue(small, 1, SPREAD_PAPER_RANK, &paper) != 0 || paper == 0)
        paper = BS_PREPROCESS_PAPER;
    PIX *bin = pixThresholdToBinary(small, (int)(SPREAD_INK_FRACT * paper));
    pixDestroy(&small);
    if (!bin)
        return 0;
    int sw = pixGetWidth(bin), sh = pixGetHeight(bin);
    (void)h;
    int y0 = (int)(SPREAD_MARGIN * sh), y1 = sh - y0;
    BOX *rows = boxCreate(0, y0, sw, y1 - y0);
    PIX *band = pixClipRectangle(bin, rows, NULL);
    boxDestroy(&rows);
    pixDestroy(&bin);
    if (!band)
        return 0;
    /* Longest run of paper in each column, and whether it holds ink. */
    int bh = pixGetHeight(band);
    int *run = bs_xcalloc((size_t)sw, sizeof(int));
    unsigned char *inked = bs_xcalloc((size_t)sw, 1);
    l_uint32 *data = pixGetData(band);
    int wpl = pixGetWpl(band);
    int *cur = bs_xcalloc((size_t)sw, sizeof(int));
    for (int y = 0; y < bh; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < sw; x++) {
            int ink = GET_DATA_BIT(line, x);
            inked[x] |= (unsigned char)ink;
            cur[x] = ink ? 0 : cur[x] + 1;
            if (cur[x] > run[x])
                run[x] = cur[x];
        }
    }
    free(cur);
    pixDestroy(&band);
    int x0 = (int)((0.5 - SPREAD_BAND) * sw), x1 = (int)((0.5 + SPREAD_BAND) * sw);
    double bandw = (x1 - x0) / 2.0;
    double best = -1e9, best_run = 0;
    int best_x = -1;
    for (int x = x0; x <= x1; x++) {
        int m = 0, at = x;
        for (int k = x - SPREAD_WINDOW / 2; k <= x + SPREAD_WINDOW / 2; k++)
            if (k >= 0 && k < sw && run[k] > m) {
                m = run[k];
                at = k;
            }
        double frac = bh > 0 ? (double)m / bh : 0;
        double score = frac - SPREAD_CENTRE_WEIGHT * fabs(at - sw / 2.0) / bandw;
        if (score > best) {
            best = score;
            best_run = frac;
            best_x = at;
        }
    }
    free(run);
    int inked_left = 0, inked_right = 0;
    for (int x = 0; x < sw; x++) {
        if (x < best_x)
            inked_left += inked[x];
        else
            inked_right += inked[x];
    }
    free(inked);
    if (best_x < 0 || best_run < SPREAD_MIN_RUN)
        return 0;
    if (inked_left < SPREAD_MIN_HALF_INKED * best_x
        || inked_right < SPREAD_MIN_HALF_INKED * (sw - best_x))
        return 0;
    if (pconf)
        *pconf = (float)((best_run - SPREAD_MIN_RUN) / (1.0 - SPREAD_MIN_RUN));
    return best_x * SPREAD_REDUCTION + SPREAD_REDUCTION / 2;
}

/* Value of one numeral character: 0-9 for digits and 一..九, 10 for 十,
 * 20 for 廿; -1 otherwise. */
static int numeral_value(uint32_t c)
{
    static const uint32_t cjk[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                   0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19) /* fullwidth digits */
        return (int)(c - 0xFF10);
    for (int i = 0; i < 10; i++)
        if (c == cjk[i])
            return i;
    if (c == 0x5341) /* 十 */
        return 10;
    if (c == 0x5EFF) /* 廿 */
        return 20;
    return -1;
}

/* The number written by the numerals v[0..n) (Chinese or Arabic), 0 if
 * they do not form one. */
static int numeral_number(const int *v, int n)
{
    int arabic = 1;
    for (int i = 0; i < n; i++)
        arabic &= v[i] < 10;
    if (arabic) {
        int x = 0;
        for (int i = 0; i < n; i++)
            x = x * 10 + v[i];
        return x;
    }
    /* Chinese: [d]十[d] or 廿[d]. */
    int x = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] == 10) {
            x += (cur ? cur : 1) * 10;
            cur = 0;
        } else if (v[i] == 20) {
            x += 20;
            cur = 0;
        } else {
            cur = cur * 10 + v[i];
        }
    }
    return x + cur;
}

/* Search s (spaces removed) for 第<n>版 or 版<n>第. */
static int find_label(const uint32_t *cp, size_t n, char **plabel)
{
    for (size_t i = 0; i < n; i++) {
        int forward = cp[i] == 0x7B2C;  /* 第 */
        int backward = cp[i] == 0x7248; /* 版 */
        if (!forward && !backward)
            continue;
        uint32_t close = forward ? 0x7248 : 0x7B2C;
        int v[LABEL_MAX_DIGITS];
        int k = 0;
        size_t j = i + 1;
        while (j < n && k < LABEL_MAX_DIGITS && numeral_value(cp[j]) >= 0)
            v[k++] = numeral_value(cp[j++]);
        if (k == 0 || j >= n || cp[j] != close)
            continue;
        if (backward)
            for (int a = 0, b = k - 1; a < b; a++, b--) {
                int t = v[a];
                v[a] = v[b];
                v[b] = t;
            }
        int num = numeral_number(v, k);
        if (num <= 0 || num > LABEL_MAX_PAGE)
            continue;
        if (plabel) {
            bs_strbuf sb = BS_STRBUF_INIT;
            bs_strbuf_addstr(&sb, "\xE7\xAC\xAC"); /* 第 */
            for (int d = 0; d < k; d++) {
                size_t at = backward ? j - 1 - (size_t)d : i + 1 + (size_t)d;
                char u[8];
                size_t len = bs_utf8_encode_one(cp[at], u);
                bs_strbuf_add(&sb, u, len);
            }
            bs_strbuf_addstr(&sb, "\xE7\x89\x88"); /* 版 */
            *plabel = bs_strbuf_detach(&sb);
        }
        return num;
    }
    return 0;
}

int bs_spread_page_label(const bs_page *page, char **plabel)
{
    if (plabel)
        *plabel = NULL;
    if (!page || page->height <= 0)
        return 0;
    int best = 0, best_y = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        const bs_region *r = &page->regions[i];
        if (r->box.y > LABEL_TOP_BAND * page->height)
            continue;
        for (size_t l = 0; l < r->nlines; l++) {
            const char *t = r->lines[l].text;
            if (!t || (best && r->lines[l].box.y >= best_y))
                continue;
            size_t len = strlen(t), n = 0;
            uint32_t *cp = bs_xmalloc((len + 1) * sizeof(uint32_t));
            for (size_t at = 0; at < len;) {
                uint32_t c;
                size_t step = bs_utf8_decode_one(t + at, len - at, &c);
                at += step ? step : 1;
                if (step && c != ' ' && c != 0x3000)
                    cp[n++] = c;
            }
            char *label = NULL;
            int num = find_label(cp, n, plabel ? &label : NULL);
            free(cp);
            if (num) {
                best = num;
                best_y = r->lines[l].box.y;
                if (plabel) {
                    free(*plabel);
                    *plabel = label;
                }
            }
        }
    }
    return best;
}
