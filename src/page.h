/*
 * page.h - the page model shared by every stage: page, region, line, word.
 *
 * Public functions:
 *     bs_page_init, bs_page_release, bs_page_add_region,
 *     bs_page_regions_in_order,
 *     bs_region_add_line, bs_region_text, bs_region_find,
 *     bs_line_add_word, bs_line_set_text,
 *     bs_role_name, bs_role_from_name, bs_role_is_text,
 *     bs_box_union, bs_box_overlap_area, bs_box_empty
 *
 * A scanned page becomes a list of regions (text blocks, headlines, photos,
 * rules, ...), each with a role, a box in page pixels, a reading-order
 * index and, for text, lines of words with boxes and confidences.  Every
 * later stage reads and refines this one structure: layout analysis creates
 * regions, OCR fills their lines, reassembly sets reading order and roles,
 * stitching and the writers (JSON, ALTO, reports) only read it.  Importers
 * for other engines' OCR (hOCR, ALTO, PAGE-XML) and the text-only reflow
 * build the same structure, so reassembly does not care where text came
 * from.
 *
 * Coordinates are pixels of the page after deskew: the loaded image rotated
 * by -skew_deg about its centre, same width and height as loaded (a skew of
 * up to a few degrees moves a box by a few pixels, and OCR must read the
 * deskewed image anyway).  The origin is the top left; boxes are
 * {x, y, w, h}.  Confidences are in
 * [0, 1] (Tesseract's 0..100 is divided by 100); -1 means unknown.
 *
 * Ownership: a bs_page owns its regions array; a region owns its lines and
 * its strings; a line owns its words and text; a word owns its text.
 * bs_page_release() frees all of it.  Pointers into these arrays are
 * invalidated by any call that adds to the same array.
 */
#ifndef BS_PAGE_H
#define BS_PAGE_H

#include <stddef.h>

typedef struct bs_box {
    int x, y, w, h;
} bs_box;

/* The role of a region on the page.  Keep bs_role_name() in step. */
typedef enum bs_role {
    BS_ROLE_UNKNOWN = 0,
    BS_ROLE_BODY,         /* article body text */
    BS_ROLE_HEADLINE,
    BS_ROLE_KICKER,       /* small line above a headline */
    BS_ROLE_DECK,         /* subtitle below a headline */
    BS_ROLE_BYLINE,
    BS_ROLE_CAPTION,      /* caption or photo credit */
    BS_ROLE_PHOTO,        /* photo, drawing or other halftone */
    BS_ROLE_RULE,         /* printed horizontal or vertical line */
    BS_ROLE_JUMP_OUT,     /* "(下转第二版)", "Continued on Page A6" */
    BS_ROLE_JUMP_IN,      /* "(上接第一版)", "BUDGET from Page A1" */
    BS_ROLE_CONT_HEAD,    /* repeated headline or keyword of a continuation */
    BS_ROLE_MASTHEAD,
    BS_ROLE_DATELINE,     /* issue date line under the masthead */
    BS_ROLE_RUNNING_HEAD, /* page header of later pages */
    BS_ROLE_FOLIO,        /* page number */
    BS_ROLE_SECTION,      /* section label ("党纪党规进基层") */
    BS_ROLE_ADVERT,
    BS_ROLE_COUNT
} bs_role;

typedef enum bs_direction {
    BS_DIR_HORIZONTAL = 0, /* lines left to right, stacked top to bottom */
    BS_DIR_VERTICAL_RL,    /* columns top to bottom, stacked right to left */
} bs_direction;

typedef struct bs_word {
    char *text;  /* owned, UTF-8 */
    bs_box box;
    float conf;  /* [0,1], -1 unknown */
} bs_word;

typedef struct bs_line {
    char *text;       /* owned, UTF-8, the line as read (words joined) */
    bs_box box;
    float conf;       /* mean word confidence, [0,1], -1 unknown */
    bs_word *words;   /* owned array of nwords */
    size_t nwords, words_cap;
} bs_line;

/* Longest region id we generate ("p12r345") or accept from an import. */
#define BS_REGION_ID_MAX 32

typedef struct bs_region {
    char id[BS_REGION_ID_MAX]; /* unique in the issue, e.g. "p1r4" */
    bs_role role;
    bs_box box;
    int order;          /* reading-order index on the page, -1 unset */
    float conf;         /* [0,1], -1 unknown: layout confidence, or OCR's */
    bs_direction direction;
    int column;         /* column index on the page grid, -1 unknown */
    int columns_spanned; /* how many columns the region spans (>= 1) */
    float text_height;  /* median line height in px, 0 unknown */
    int article;        /* index into the articles, -1 none */
    char *next_id;      /* owned, id of the region this text continues in */
    bs_line *lines;     /* owned array of nlines */
    size_t nlines, lines_cap;
} bs_region;

typedef struct bs_page {
    int number;         /* 1-based page number in the issue */
    char *label;        /* owned, printed page label ("A2", "第2版"), or NULL */
    char *image_path;   /* owned, the file the page came from, or NULL */
    int image_index;    /* 0-based image inside a multi-page file (TIFF) */
    bs_box source_box;  /* the part of that image this page is (one half of a
                           double-page spread), in image pixels; empty box
                           = the whole image */
    int width, height;  /* image size in pixels */
    int dpi;            /* resolution, 0 unknown */
    double skew_deg;    /* measured skew, degrees, positive = clockwise */
    char *lang;         /* owned, Tesseract language string used */
    char *error;        /* owned, why the page failed, NULL if it did not */
    double seconds[8];  /* time per stage, indexed by bs_stage */
    bs_region *regions; /* owned array of nregions */
    size_t nregions, regions_cap;
} bs_page;

/* Pipeline stages, for timing. */
typedef enum bs_stage {
    BS_STAGE_LOAD = 0,
    BS_STAGE_PREPROCESS,
    BS_STAGE_LAYOUT,
    BS_STAGE_OCR,
    BS_STAGE_REASSEMBLY,
    BS_STAGE_STITCHING,
    BS_STAGE_OUTPUT,
    BS_STAGE_COUNT
} bs_stage;

const char *bs_stage_name(bs_stage s);

/* Zero a page; number is its 1-based number. */
void bs_page_init(bs_page *page, int number);
/* Free everything the page owns and zero it. */
void bs_page_release(bs_page *page);
/* Append a zeroed region (order -1, article -1, conf -1, column -1, id
 * "p<number>r<index+1>") and return it; valid until the next append. */
bs_region *bs_page_add_region(bs_page *page, bs_role role, bs_box box);
/* Indexes of page's regions sorted by reading order (region->order);
 * regions without an order come last, in their original order.  Returns a
 * new array of page->nregions entries (caller frees; never NULL). */
size_t *bs_page_regions_in_order(const bs_page *page);
/* Find a region by id; NULL if absent. */
bs_region *bs_page_find_region(const bs_page *page, const char *id);

/* Append a line with a copy of text (may be NULL) and return it. */
bs_line *bs_region_add_line(bs_region *region, const char *text, bs_box box, float conf);
/* The region's text: lines joined with '\n'.  Caller frees. */
char *bs_region_text(const bs_region *region);
void bs_region_release(bs_region *region);

/* Append a word with a copy of text. */
bs_word *bs_line_add_word(bs_line *line, const char *text, bs_box box, float conf);
/* Replace the line's text with a copy of text. */
void bs_line_set_text(bs_line *line, const char *text);
void bs_line_release(bs_line *line);

/* Stable lower-case names used in JSON, ALTO tags and reports
 * ("headline", "jump_out", ...). */
const char *bs_role_name(bs_role role);
/* Inverse of bs_role_name; BS_ROLE_UNKNOWN for an unknown name. */
bs_role bs_role_from_name(const char *name);
/* True for roles whose content is text to OCR (not photo or rule). */
int bs_role_is_text(bs_role role);

bs_box bs_box_union(bs_box a, bs_box b);
long bs_box_overlap_area(bs_box a, bs_box b);
int bs_box_empty(bs_box b);

#endif
