/*
 * text_direction.c - writing direction of a block; see text_direction.h.
 *
 * Public functions:
 *     bs_text_direction_of, bs_text_direction_vote
 *
 * Method.  Lines of text are separated by more white than the glyphs
 * inside a line: leading between horizontal lines, the gutter between
 * vertical columns, against the narrow spacing of characters along a
 * line (CJK type is set almost solid along the line).  So the projection
 * profile across the lines has clean white runs, and the profile along
 * them much less white: for horizontal text the row profile (ink per row)
 * has the white, for vertical text the column profile.  The share of
 * white rows and white columns inside the block's ink decides, and their
 * difference is the confidence.  On a grid-set page the glyphs of
 * neighbouring lines line up, so both profiles have some white; the
 * leading is still wider than the spacing, so the comparison holds.
 *
 * A single line or column has no white across it at all: when one
 * profile is a single ink run and the other is not, the block is one
 * line in the direction of the run (a one-line headline "今日可復業" set
 * horizontally or vertically).  A block that is one ink run both ways
 * (a single glyph) goes by its shape.
 *
 * Big blocks.  A block holding a horizontal headline over vertical
 * columns (the layout could not cut between them) has white neither
 * way; bs_text_direction_vote lets tiles of a few glyphs vote instead,
 * each weighted by its ink and confidence.
 *
 * A row or column counts as white with at most PROFILE_NOISE of its
 * length inked, so specks and a trace of skew do not fill the gaps.
 */
#include "text_direction.h"

#include <stdlib.h>
#include <string.h>

#include "intmath.h"
#include "xalloc.h"

/* Ink allowed in a "white" row or column, as a share of its length, and
 * at least this many px: a speck or the tail of a comma. */
#define PROFILE_NOISE 0.02
#define PROFILE_NOISE_MIN 1
/* Ink runs shorter than this share of the median run are fragments
 * (dots, the thin stroke of a punctuation mark), not lines. */
#define RUN_FRAGMENT 0.3

typedef struct profile_stats {
    int runs;       /* ink runs of at least RUN_FRAGMENT of the median */
    int median_run; /* px */
    double white;   /* share of white positions between the first and
                       last ink */
} profile_stats;

static profile_stats profile_analyse(const int *ink, int n, int length)
{
    profile_stats s = {0, 0, 0};
    int noise = (int)(PROFILE_NOISE * length);
    if (noise < PROFILE_NOISE_MIN)
        noise = PROFILE_NOISE_MIN;
    int first = -1, last = -1;
    for (int i = 0; i < n; i++)
        if (ink[i] > noise) {
            if (first < 0)
                first = i;
            last = i;
        }
    if (first < 0)
        return s;
    int *runs = bs_xmalloc((size_t)n * sizeof(int));
    int nruns = 0, white = 0, cur = 0;
    for (int i = first; i <= last + 1; i++) {
        int is_ink = i <= last && ink[i] > noise;
        if (is_ink) {
            cur++;
        } else {
            if (cur > 0)
                runs[nruns++] = cur;
            cur = 0;
            if (i <= last)
                white++;
        }
    }
    s.white = (double)white / (last - first + 1);
    qsort(runs, (size_t)nruns, sizeof(int), bs_cmp_int);
    s.median_run = nruns ? runs[nruns / 2] : 0;
    for (int k = 0; k < nruns; k++)
        s.runs += runs[k] >= RUN_FRAGMENT * s.median_run;
    free(runs);
    return s;
}

/* Profile statistics of box in bin; 0, or -1 when the box is empty or
 * bin unusable. */
static int block_stats(PIX *bin, bs_box box, profile_stats *psx, profile_stats *psy)
{
    if (!bin || pixGetDepth(bin) != 1)
        return -1;
    int W = pixGetWidth(bin), H = pixGetHeight(bin);
    int x0 = box.x < 0 ? 0 : box.x, y0 = box.y < 0 ? 0 : box.y;
    int x1 = box.x + box.w > W ? W : box.x + box.w;
    int y1 = box.y + box.h > H ? H : box.y + box.h;
    if (x1 <= x0 || y1 <= y0)
        return -1;
    int w = x1 - x0, h = y1 - y0;
    int *col = bs_xcalloc((size_t)w, sizeof(int));
    int *row = bs_xcalloc((size_t)h, sizeof(int));
    l_uint32 *data = pixGetData(bin);
    int wpl = pixGetWpl(bin);
    for (int y = y0; y < y1; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        for (int x = x0; x < x1; x++)
            if (GET_DATA_BIT(line, x)) {
                col[x - x0]++;
                row[y - y0]++;
            }
    }
    *psx = profile_analyse(col, w, h);
    *psy = profile_analyse(row, h, w);
    free(col);
    free(row);
    return 0;
}

bs_direction bs_text_direction_of(PIX *bin, bs_box box, bs_text_direction_info *info)
{
    bs_text_direction_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof(*info));
    info->dir = BS_DIR_HORIZONTAL;
    profile_stats sx, sy;
    if (block_stats(bin, box, &sx, &sy) != 0)
        return info->dir;
    int w = box.w, h = box.h;
    if (sx.runs == 0 || sy.runs == 0)
        return info->dir;

    if (sy.runs == 1 && sx.runs > 1) {
        info->dir = BS_DIR_HORIZONTAL;
        info->conf = 1;
    } else if (sx.runs == 1 && sy.runs > 1) {
        info->dir = BS_DIR_VERTICAL_RL;
        info->conf = 1;
    } else if (sx.runs == 1 && sy.runs == 1) {
        info->dir = h > w ? BS_DIR_VERTICAL_RL : BS_DIR_HORIZONTAL;
        info->conf = 0;
    } else {
        double sum = sx.white + sy.white;
        info->dir = sx.white > sy.white ? BS_DIR_VERTICAL_RL : BS_DIR_HORIZONTAL;
        info->conf = sum > 0 ? (float)((sx.white > sy.white ? sx.white - sy.white : sy.white - sx.white) / sum)
                             : 0;
    }
    const profile_stats *across = info->dir == BS_DIR_VERTICAL_RL ? &sx : &sy;
    info->lines = across->runs;
    info->glyph = across->median_run;
    return info->dir;
}

bs_direction bs_text_direction_vote(PIX *bin, bs_box box, int tile, bs_text_direction_info *info)
{
    bs_text_direction_info whole;
    bs_text_direction_of(bin, box, &whole);
    if (info)
        *info = whole;
    if (tile <= 0 || box.w < 2 * tile || box.h < 2 * tile)
        return whole.dir;
    int nx = box.w / tile, ny = box.h / tile;
    double vote[2] = {0, 0};
    for (int ty = 0; ty < ny; ty++)
        for (int tx = 0; tx < nx; tx++) {
            /* The last tile of a row or column takes the remainder. */
            int x = box.x + tx * tile, y = box.y + ty * tile;
            int w = tx == nx - 1 ? box.x + box.w - x : tile;
            int h = ty == ny - 1 ? box.y + box.h - y : tile;
            bs_text_direction_info ti;
            bs_text_direction_of(bin, (bs_box){x, y, w, h}, &ti);
            if (ti.lines < 2)
                continue; /* one line or column, or none: says little */
            vote[ti.dir == BS_DIR_VERTICAL_RL] += ti.conf;
        }
    double sum = vote[0] + vote[1];
    if (sum <= 0)
        return whole.dir;
    bs_direction dir = vote[1] > vote[0] ? BS_DIR_VERTICAL_RL : BS_DIR_HORIZONTAL;
    if (info && dir != whole.dir) {
        /* Lines and glyph across the winning direction. */
        profile_stats sx, sy;
        block_stats(bin, box, &sx, &sy);
        const profile_stats *across = dir == BS_DIR_VERTICAL_RL ? &sx : &sy;
        info->dir = dir;
        info->lines = across->runs;
        info->glyph = across->median_run;
    }
    if (info) {
        double share = (dir == BS_DIR_VERTICAL_RL ? vote[1] : vote[0]) / sum;
        info->conf = (float)(2 * share - 1);
    }
    return dir;
}
