/*
 * cmd_layout.c - `broadsheet layout PAGE -o page.png`: draws what the
 * layout analysis found on the deskewed page, for a person to check.
 *
 * Each region is outlined in its role's colour and labelled with its id,
 * role and column ("p1r12 body c2+1": column 2, spanning 1); a legend of
 * the colours is added above the page.  With --lang (or --ocr) the page is
 * also read by Tesseract, the way `broadsheet run` reads it, and each OCR
 * line is outlined thinly inside its region.  --json writes the page
 * model as an issue.json (one page, no articles) for measuring tools.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <leptonica/allheaders.h>

#include "atomic_file.h"
#include "cmd.h"
#include "image_load.h"
#include "issue.h"
#include "issue_json.h"
#include "layout.h"
#include "page_read.h"
#include "pipeline.h"
#include "preprocess.h"

/* Outline width, px, and label font size (Leptonica bitmap fonts come in
 * even sizes 4-20): readable on a 2400 px page shown at a quarter size. */
#define LAYOUT_BOX_WIDTH 4
#define LAYOUT_LINE_WIDTH 1
#define LAYOUT_FONT_SIZE 20
/* Legend band above the page, px. */
#define LAYOUT_LEGEND_H 48

/* Encode drawn (NULL: it could not be drawn) as PNG and write it to path
 * atomically (atomic_file.h): a failure (a full disk, a file-size limit)
 * leaves an earlier file at path whole.  0, or -1 with err naming path
 * and the reason. */
static int write_png(PIX *drawn, const char *path, bs_error *err)
{
    if (!drawn)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot draw the page (out of memory)", path);
    l_uint8 *data = NULL;
    size_t size = 0;
    if (pixWriteMemPng(&data, &size, drawn, 0.0f) != 0 || !data)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot encode PNG (out of memory)", path);
    int rc = bs_write_file_atomic(path, data, size, err);
    lept_free(data);
    return rc;
}

typedef struct role_colour {
    bs_role role;
    l_uint8 r, g, b;
} role_colour;

static const role_colour COLOURS[] = {
    {BS_ROLE_BODY, 0, 90, 255},       {BS_ROLE_HEADLINE, 230, 0, 0},
    {BS_ROLE_KICKER, 255, 120, 0},    {BS_ROLE_DECK, 200, 100, 0},
    {BS_ROLE_CAPTION, 0, 170, 170},   {BS_ROLE_PHOTO, 0, 170, 0},
    {BS_ROLE_RULE, 160, 0, 200},      {BS_ROLE_MASTHEAD, 140, 0, 0},
    {BS_ROLE_DATELINE, 120, 120, 0},  {BS_ROLE_RUNNING_HEAD, 255, 0, 200},
    {BS_ROLE_BYLINE, 0, 120, 60},     {BS_ROLE_UNKNOWN, 100, 100, 100},
};

static role_colour colour_of(bs_role role)
{
    for (size_t i = 0; i < sizeof(COLOURS) / sizeof(COLOURS[0]); i++)
        if (COLOURS[i].role == role)
            return COLOURS[i];
    return COLOURS[sizeof(COLOURS) / sizeof(COLOURS[0]) - 1];
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void layout_usage(FILE *f)
{
    fprintf(f,
            "usage: broadsheet layout PAGE -o OUT.png [options]\n"
            "\n"
            "Draws the regions the layout analysis finds on the deskewed page\n"
            "(one colour per role, labelled with id, role and column) and prints a\n"
            "summary.\n"
            "\n"
            "options:\n"
            "  -o, --output FILE     image to write (PNG; required)\n"
            "  -l, --lang LANGS      also OCR the regions with these Tesseract\n"
            "                        languages and outline the lines read\n"
            "      --ocr             OCR with the default languages (" BS_DEFAULT_LANG ")\n"
            "      --tessdata DIR    Tesseract language data folder\n"
            "      --json FILE       also write the page model as issue JSON\n"
            "  -h, --help            this help\n");
}

static l_uint32 rgb(role_colour c)
{
    l_uint32 v = 0;
    composeRGBPixel(c.r, c.g, c.b, &v);
    return v;
}

static void draw_label(PIX *pix, L_BMF *bmf, const char *text, role_colour c, int x, int y)
{
    if (!bmf)
        return;
    l_int32 w = 0, ov = 0;
    /* pixSetTextline draws from the baseline; keep it inside the image. */
    int base = y + LAYOUT_FONT_SIZE + 2;
    if (base >= pixGetHeight(pix))
        base = pixGetHeight(pix) - 2;
    pixSetTextline(pix, bmf, text, rgb(c), x + 4, base, &w, &ov);
}

static PIX *render(PIX *gray, const bs_page *page, int with_lines)
{
    PIX *rgbpix = pixConvertTo32(gray);
    if (!rgbpix)
        return NULL;
    L_BMF *bmf = bmfCreate(NULL, LAYOUT_FONT_SIZE);
    for (size_t i = 0; i < page->nregions; i++) {
        const bs_region *r = &page->regions[i];
        role_colour c = colour_of(r->role);
        BOX *box = boxCreate(r->box.x, r->box.y, r->box.w > 0 ? r->box.w : 1, r->box.h > 0 ? r->box.h : 1);
        pixRenderBoxArb(rgbpix, box, r->role == BS_ROLE_RULE ? 2 : LAYOUT_BOX_WIDTH, c.r, c.g, c.b);
        boxDestroy(&box);
        if (with_lines) {
            for (size_t k = 0; k < r->nlines; k++) {
                const bs_box *lb = &r->lines[k].box;
                if (lb->w <= 0 || lb->h <= 0)
                    continue;
                BOX *b = boxCreate(lb->x, lb->y, lb->w, lb->h);
                pixRenderBoxArb(rgbpix, b, LAYOUT_LINE_WIDTH, 255, 160, 0);
                boxDestroy(&b);
            }
        }
        if (r->role == BS_ROLE_RULE)
            continue;
        char label[96];
        snprintf(label, sizeof(label), "%s %s c%d+%d", r->id, bs_role_name(r->role), r->column,
                 r->columns_spanned);
        draw_label(rgbpix, bmf, label, c, r->box.x, r->box.y);
    }
    /* Legend band on top. */
    PIX *out = pixAddBorderGeneral(rgbpix, 0, 0, LAYOUT_LEGEND_H, 0, 0xffffff00);
    pixDestroy(&rgbpix);
    if (out && bmf) {
        int x = 10;
        for (size_t i = 0; i < sizeof(COLOURS) / sizeof(COLOURS[0]); i++) {
            l_int32 w = 0, ov = 0;
            pixSetTextline(out, bmf, bs_role_name(COLOURS[i].role), rgb(COLOURS[i]), x, 32, &w, &ov);
            x += w + 24;
        }
    }
    bmfDestroy(&bmf);
    return out;
}

static void summary(const char *path, const bs_page *page, const bs_prepared *prep)
{
    int counts[BS_ROLE_COUNT] = {0};
    size_t lines = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        if (page->regions[i].role < BS_ROLE_COUNT)
            counts[page->regions[i].role]++;
        lines += page->regions[i].nlines;
    }
    printf("%s: %dx%d, skew %.2f deg (conf %.1f), %d dpi%s, glyph height %d px\n", path, page->width,
           page->height, page->skew_deg, prep->skew_conf, page->dpi,
           prep->dpi_estimated ? " (estimated)" : "", prep->char_height);
    printf("  %zu regions:", page->nregions);
    for (int r = 0; r < BS_ROLE_COUNT; r++)
        if (counts[r])
            printf(" %d %s", counts[r], bs_role_name((bs_role)r));
    printf("\n");
    if (lines)
        printf("  %zu OCR lines\n", lines);
    printf("  seconds: preprocess %.3f, layout %.3f, ocr %.3f\n", page->seconds[BS_STAGE_PREPROCESS],
           page->seconds[BS_STAGE_LAYOUT], page->seconds[BS_STAGE_OCR]);
}

int bs_cmd_layout(int argc, char **argv)
{
    enum { OPT_TESSDATA = 256, OPT_OCR, OPT_JSON };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"ocr", no_argument, NULL, OPT_OCR},
        {"tessdata", required_argument, NULL, OPT_TESSDATA},
        {"json", required_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out_path = NULL, *lang = NULL, *tessdata = NULL, *json_path = NULL;
    int do_ocr = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:l:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_path = optarg;
            break;
        case 'l':
            lang = optarg;
            do_ocr = 1;
            break;
        case OPT_OCR:
            do_ocr = 1;
            break;
        case OPT_TESSDATA:
            tessdata = optarg;
            break;
        case OPT_JSON:
            json_path = optarg;
            break;
        case 'h':
            layout_usage(stdout);
            return BS_EXIT_OK;
        default:
            layout_usage(stderr);
            return BS_EXIT_USAGE;
        }
    }
    if (!out_path || optind != argc - 1) {
        fprintf(stderr, "broadsheet layout: %s\n",
                !out_path ? "missing -o OUT.png" : "give exactly one page image");
        layout_usage(stderr);
        return BS_EXIT_USAGE;
    }
    const char *path = argv[optind];
    bs_error err = {0};
    bs_image_limits limits = bs_image_limits_default();
    PIX *pix = bs_image_load(path, 0, &limits, &err);
    if (!pix) {
        fprintf(stderr, "broadsheet layout: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    bs_issue *issue = bs_issue_new();
    bs_page *page = bs_issue_add_page(issue, 1);
    page->image_path = strdup(path);
    bs_prepared prep;
    int rc = BS_EXIT_OK;
    bs_page_read_options ro = bs_page_read_options_default();
    double t0 = now_seconds();
    if (bs_preprocess(pix, &ro.preprocess, &prep, &err) != 0) {
        fprintf(stderr, "broadsheet layout: %s: %s\n", path, err.msg);
        pixDestroy(&pix);
        return BS_EXIT_INPUT;
    }
    if (do_ocr) {
        bs_ocr *ocr = bs_ocr_new(lang ? lang : BS_DEFAULT_LANG, tessdata, &err);
        if (!ocr || bs_page_read(ocr, pix, page, &ro, &err) != 0) {
            fprintf(stderr, "broadsheet layout: %s: %s\n", path, err.msg);
            rc = BS_EXIT_INPUT;
        }
        bs_ocr_free(ocr);
    } else {
        page->width = prep.width;
        page->height = prep.height;
        page->skew_deg = prep.skew_deg;
        page->dpi = prep.dpi;
        double t1 = now_seconds();
        page->seconds[BS_STAGE_PREPROCESS] = t1 - t0;
        if (bs_layout_analyse(&prep, page, &ro.layout, &err) != 0) {
            fprintf(stderr, "broadsheet layout: %s: %s\n", path, err.msg);
            rc = BS_EXIT_INPUT;
        }
        page->seconds[BS_STAGE_LAYOUT] = now_seconds() - t1;
    }
    if (rc == BS_EXIT_OK) {
        PIX *drawn = render(prep.gray, page, do_ocr);
        if (write_png(drawn, out_path, &err) != 0) {
            fprintf(stderr, "broadsheet layout: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        } else {
            summary(path, page, &prep);
        }
        pixDestroy(&drawn);
    }
    if (rc == BS_EXIT_OK && json_path && bs_issue_write_json_file(issue, json_path, &err) != 0) {
        fprintf(stderr, "broadsheet layout: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    }
    bs_issue_free(issue);
    bs_prepared_release(&prep);
    pixDestroy(&pix);
    return rc;
}
