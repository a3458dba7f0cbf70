/*
 * ocr.c - Tesseract through its C API; see ocr.h.
 *
 * Results are walked word by word with a result iterator; a new line starts
 * where the iterator is at the beginning of a text line, and (in whole-page
 * mode) a new region where it is at the beginning of a block.  The line
 * text is Tesseract's own line string, which keeps its spacing; words keep
 * their own boxes and confidences for ALTO and the QC reports.
 *
 * Vertical text (columns top to bottom) is read by Tesseract's separate
 * vertical models (chi_tra_vert, chi_sim_vert, ...): the horizontal
 * models, even with PSM 5, are trained on horizontal lines and read a
 * column as a string of rotated glyphs.  A bs_ocr therefore holds a
 * second TessBaseAPI for the vertical counterparts of its languages,
 * loaded once, on the first vertical region, so a worker that never sees
 * vertical text never pays for it.  A region's direction
 * (region->direction) picks the engine; the caller picks the PSM.
 */
#include "ocr.h"

#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "line_kind.h"
#include "strbuf.h"
#include "xalloc.h"

struct bs_ocr {
    TessBaseAPI *api;
    char *lang;
    char *datapath;    /* owned copy, NULL for Tesseract's default */
    int width, height; /* of the current image, 0 before the first */
    PIX *pix;          /* reference to the current image (caller owns) */
    int dpi;           /* its resolution, 0 unknown */
    /* The vertical models (chi_tra_vert, ...) for the same languages,
     * loaded on the first vertical region: most pages have none, and
     * loading a model costs more than reading a region. */
    TessBaseAPI *vapi;
    char *vlang;       /* owned, NULL when lang has no vertical model */
    int vtried;        /* 1 once loading vapi was attempted */
    PIX *vpix;         /* the image last given to vapi (identity only) */
};

/* Vertical counterparts of the languages Tesseract ships both ways. */
static const char *const vertical_langs[] = {"chi_sim", "chi_tra", "jpn", "kor"};
#define VERT_SUFFIX "_vert"

/* 1 when the '+'-separated list holds name. */
static int has_component(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, "+");
        if (k == n && !strncmp(p, name, n))
            return 1;
        p += k;
        if (*p == '+')
            p++;
    }
    return 0;
}

char *bs_ocr_vertical_lang(const char *lang)
{
    if (!lang)
        return NULL;
    bs_strbuf sb = BS_STRBUF_INIT;
    const char *p = lang;
    while (*p) {
        size_t n = strcspn(p, "+");
        const char *add = NULL;
        size_t addn = 0;
        size_t sl = strlen(VERT_SUFFIX);
        if (n > sl && !strncmp(p + n - sl, VERT_SUFFIX, sl)) {
            add = p;
            addn = n;
        } else {
            for (size_t k = 0; k < sizeof(vertical_langs) / sizeof(vertical_langs[0]); k++)
                if (strlen(vertical_langs[k]) == n && !strncmp(p, vertical_langs[k], n)) {
                    add = p;
                    addn = n;
                }
        }
        if (add) {
            int already = addn > sl && !strncmp(add + addn - sl, VERT_SUFFIX, sl);
            bs_strbuf name = BS_STRBUF_INIT;
            bs_strbuf_add(&name, add, addn);
            if (!already)
                bs_strbuf_addstr(&name, VERT_SUFFIX);
            if (!has_component(sb.buf, name.buf)) {
                if (sb.len)
                    bs_strbuf_addstr(&sb, "+");
                bs_strbuf_addstr(&sb, name.buf);
            }
            bs_strbuf_release(&name);
        }
        p += n;
        if (*p == '+')
            p++;
    }
    if (!sb.len) {
        bs_strbuf_release(&sb);
        return NULL;
    }
    return bs_strbuf_detach(&sb);
}

/* A TessBaseAPI loaded with lang, quiet and keeping CJK spacing; NULL if
 * the language data cannot be loaded. */
static TessBaseAPI *api_load(const char *lang, const char *datapath)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return NULL;
    /* Silence Tesseract's diagnostics ("Estimating resolution as ..."):
     * the pipeline reports problems itself, per file. */
    const char *keys[] = {"debug_file"};
    const char *vals[] = {"/dev/null"};
    if (TessBaseAPIInit4(api, datapath, lang, OEM_LSTM_ONLY, NULL, 0, (char **)keys, (char **)vals, 1,
                         0) != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    /* CJK text has no spaces between words; keep what the page shows
     * instead of Tesseract's guess. */
    TessBaseAPISetVariable(api, "preserve_interword_spaces", "1");
    return api;
}

bs_ocr *bs_ocr_new(const char *lang, const char *datapath, bs_error *err)
{
    TessBaseAPI *api = api_load(lang, datapath);
    if (!api) {
        bs_error_set(err, BS_ERR_OCR,
                     "cannot load Tesseract language data \"%s\" (is tesseract-ocr-%s installed?)",
                     lang, lang);
        return NULL;
    }
    bs_ocr *ocr = bs_xcalloc(1, sizeof(*ocr));
    ocr->api = api;
    ocr->lang = bs_xstrdup(lang);
    ocr->datapath = datapath ? bs_xstrdup(datapath) : NULL;
    ocr->vlang = bs_ocr_vertical_lang(lang);
    return ocr;
}

void bs_ocr_free(bs_ocr *ocr)
{
    if (!ocr)
        return;
    TessBaseAPIEnd(ocr->api);
    TessBaseAPIDelete(ocr->api);
    if (ocr->vapi) {
        TessBaseAPIEnd(ocr->vapi);
        TessBaseAPIDelete(ocr->vapi);
    }
    free(ocr->lang);
    free(ocr->vlang);
    free(ocr->datapath);
    free(ocr);
}

const char *bs_ocr_vertical_lang_of(const bs_ocr *ocr)
{
    return ocr->vlang;
}

int bs_ocr_has_vertical(bs_ocr *ocr)
{
    if (!ocr->vlang)
        return 0;
    if (!ocr->vtried) {
        ocr->vtried = 1;
        ocr->vapi = api_load(ocr->vlang, ocr->datapath);
    }
    return ocr->vapi != NULL;
}

/* The engine for vertical text, loaded on first use and given the current
 * image; NULL when lang has no vertical model or it failed to load (the
 * caller then reads with the horizontal engine). */
static TessBaseAPI *vertical_api(bs_ocr *ocr)
{
    if (!bs_ocr_has_vertical(ocr) || !ocr->pix)
        return NULL;
    if (ocr->vpix != ocr->pix) {
        TessBaseAPISetImage2(ocr->vapi, ocr->pix);
        if (ocr->dpi > 0)
            TessBaseAPISetSourceResolution(ocr->vapi, ocr->dpi);
        ocr->vpix = ocr->pix;
    }
    return ocr->vapi;
}


const char *bs_ocr_lang(const bs_ocr *ocr)
{
    return ocr->lang;
}

void bs_ocr_set_image(bs_ocr *ocr, PIX *pix, int dpi)
{
    TessBaseAPISetImage2(ocr->api, pix);
    ocr->width = pixGetWidth(pix);
    ocr->height = pixGetHeight(pix);
    ocr->pix = pix;
    ocr->dpi = dpi;
    /* The vertical engine gets the image when it is first needed. */
    ocr->vpix = NULL;
    if (dpi > 0)
        TessBaseAPISetSourceResolution(ocr->api, dpi);
}

static bs_box iter_box(const TessPageIterator *pi, TessPageIteratorLevel level)
{
    int l = 0, t = 0, r = 0, b = 0;
    if (!TessPageIteratorBoundingBox(pi, level, &l, &t, &r, &b))
        return (bs_box){0, 0, 0, 0};
    return (bs_box){l, t, r - l, b - t};
}

/* Copy of the iterator's text at level without the trailing newlines. */
static char *iter_text(const TessResultIterator *ri, TessPageIteratorLevel level)
{
    char *t = TessResultIteratorGetUTF8Text(ri, level);
    if (!t)
        return bs_xstrdup("");
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
        n--;
    char *copy = bs_xstrndup(t, n);
    TessDeleteText(t);
    return copy;
}

/* A line read again must keep at least this share of the glyphs it had
 * (3 in 4): a single-line read that finds only part of the line is more
 * sure of less text, and losing text costs more than a misread. */
#define REREAD_MIN_KEPT_NUM 3
#define REREAD_MIN_KEPT_DEN 4

/* Walk the recognised result.  When page is not NULL, each Tesseract block
 * becomes a new region of page; otherwise everything goes into region. */
static void collect(TessBaseAPI *api, bs_page *page, bs_region *region)
{
    TessResultIterator *ri = TessBaseAPIGetIterator(api);
    if (!ri)
        return;
    const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(ri);
    bs_line *line = NULL;
    double line_conf_sum = 0;
    int line_words = 0;
    double conf_sum = 0;
    int words = 0;
    do {
        /* An iterator over nothing (Tesseract found no text) still makes
         * one pass; it has no word box, and makes no line. */
        int l, t, r, b;
        if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b))
            continue;
        if (page && TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK)) {
            if (region && words)
                region->conf = (float)(conf_sum / words / 100.0);
            region = bs_page_add_region(page, BS_ROLE_BODY, iter_box(pi, RIL_BLOCK));
            conf_sum = 0;
            words = 0;
            line = NULL;
        }
        if (!region)
            continue;
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE) || !line) {
            if (line && line_words)
                line->conf = (float)(line_conf_sum / line_words / 100.0);
            char *text = iter_text(ri, RIL_TEXTLINE);
            line = bs_region_add_line(region, text, iter_box(pi, RIL_TEXTLINE), -1);
            free(text);
            line_conf_sum = 0;
            line_words = 0;
        }
        char *wt = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
        if (wt) {
            float c = TessResultIteratorConfidence(ri, RIL_WORD);
            bs_line_add_word(line, wt, iter_box(pi, RIL_WORD), c / 100.0f);
            TessDeleteText(wt);
            line_conf_sum += c;
            line_words++;
            conf_sum += c;
            words++;
        }
    } while (TessResultIteratorNext(ri, RIL_WORD));
    if (line && line_words)
        line->conf = (float)(line_conf_sum / line_words / 100.0);
    if (region && words)
        region->conf = (float)(conf_sum / words / 100.0);
    TessResultIteratorDelete(ri);
}

int bs_ocr_page_blocks(bs_ocr *ocr, bs_page *page, bs_error *err)
{
    TessBaseAPISetPageSegMode(ocr->api, PSM_AUTO);
    if (TessBaseAPIRecognize(ocr->api, NULL) != 0)
        return bs_error_set(err, BS_ERR_OCR, "%s: Tesseract failed to recognise the page",
                            page->image_path ? page->image_path : "page");
    collect(ocr->api, page, NULL);
    /* Drop blocks in which Tesseract found no text (pictures, rules). */
    size_t kept = 0;
    for (size_t i = 0; i < page->nregions; i++) {
        bs_region *r = &page->regions[i];
        if (r->nlines == 0) {
            bs_region_release(r);
            continue;
        }
        page->regions[kept++] = *r;
    }
    page->nregions = kept;
    return 0;
}

/* Tesseract reads every line it is unsure of a second time as white on
 * black.  Newspapers print reversed type only in display lines (section
 * heads, kickers, headlines on a band); in body text, captions and bylines
 * the second reading never wins and costs 13% of the OCR time of a page
 * (measured on a generated Chinese page, same text either way).  So the
 * retry is kept for display roles only. */
static int wants_inverted_retry(bs_role role)
{
    switch (role) {
    case BS_ROLE_HEADLINE:
    case BS_ROLE_KICKER:
    case BS_ROLE_DECK:
    case BS_ROLE_SECTION:
    case BS_ROLE_MASTHEAD:
    case BS_ROLE_RUNNING_HEAD:
    case BS_ROLE_UNKNOWN:
        return 1;
    default:
        return 0;
    }
}

int bs_ocr_region_in(bs_ocr *ocr, bs_region *region, bs_box rect, int psm, bs_error *err)
{
    /* Clip to the image: Tesseract rejects rectangles outside it. */
    if (ocr->width > 0 && ocr->height > 0) {
        int x1 = rect.x + rect.w, y1 = rect.y + rect.h;
        if (rect.x < 0)
            rect.x = 0;
        if (rect.y < 0)
            rect.y = 0;
        if (x1 > ocr->width)
            x1 = ocr->width;
        if (y1 > ocr->height)
            y1 = ocr->height;
        rect.w = x1 - rect.x;
        rect.h = y1 - rect.y;
    }
    if (bs_box_empty(rect))
        return 0;
    TessBaseAPI *api = ocr->api;
    if (region->direction == BS_DIR_VERTICAL_RL) {
        TessBaseAPI *v = vertical_api(ocr);
        if (v)
            api = v;
    }
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetVariable(api, "tessedit_do_invert", wants_inverted_retry(region->role) ? "1" : "0");
    TessBaseAPISetRectangle(api, rect.x, rect.y, rect.w, rect.h);
    if (TessBaseAPIRecognize(api, NULL) != 0)
        return bs_error_set(err, BS_ERR_OCR, "region %s: Tesseract failed", region->id);
    collect(api, NULL, region);
    return 0;
}

/* Make scratch a new empty region like region (same id, role and
 * direction); the caller releases scratch. */
static void scratch_init(bs_region *scratch, const bs_region *region)
{
    memset(scratch, 0, sizeof(*scratch));
    memcpy(scratch->id, region->id, sizeof(scratch->id));
    scratch->role = region->role;
    scratch->direction = region->direction;
}

/* Read rect with psm into scratch (scratch_init); the caller releases
 * scratch. */
static int read_scratch(bs_ocr *ocr, const bs_region *region, bs_box rect, int psm,
                        bs_region *scratch, bs_error *err)
{
    scratch_init(scratch, region);
    return bs_ocr_region_in(ocr, scratch, rect, psm, err);
}

int bs_ocr_reread_line(bs_ocr *ocr, bs_region *region, size_t index, bs_box rect,
                       float min_gain, bs_error *err)
{
    if (index >= region->nlines)
        return 0;
    bs_region scratch;
    if (read_scratch(ocr, region, rect, BS_PSM_SINGLE_LINE, &scratch, err) != 0) {
        bs_region_release(&scratch);
        return -1;
    }
    bs_line *old = &region->lines[index];
    int better = 0;
    if (scratch.nlines == 1 && scratch.lines[0].text) {
        const bs_line *fresh = &scratch.lines[0];
        size_t had = bs_text_length(old->text ? old->text : "");
        size_t has = bs_text_length(fresh->text);
        better = fresh->conf >= old->conf + min_gain && has * REREAD_MIN_KEPT_DEN >= had * REREAD_MIN_KEPT_NUM;
    }
    if (better) {
        bs_line_release(old);
        *old = scratch.lines[0];
        scratch.nlines = 0;
    }
    bs_region_release(&scratch);
    return better;
}

int bs_ocr_read_lost_lines(bs_ocr *ocr, bs_region *region, size_t index, bs_box rect, int psm,
                           float min_conf, bs_error *err)
{
    if (index > region->nlines)
        index = region->nlines;
    bs_region scratch;
    if (read_scratch(ocr, region, rect, psm, &scratch, err) != 0) {
        bs_region_release(&scratch);
        return -1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < scratch.nlines; i++) {
        bs_line *l = &scratch.lines[i];
        if (l->conf < min_conf || !l->text || !bs_text_length(l->text)) {
            bs_line_release(l);
            continue;
        }
        scratch.lines[kept++] = *l;
    }
    scratch.nlines = kept;
    if (kept) {
        size_t old = region->nlines;
        BS_ARRAY_GROW(region->lines, region->lines_cap, old + kept);
        region->nlines = old + kept;
        memmove(region->lines + index + kept, region->lines + index,
                (old - index) * sizeof(*region->lines));
        memcpy(region->lines + index, scratch.lines, kept * sizeof(*region->lines));
        scratch.nlines = 0;
    }
    bs_region_release(&scratch);
    return (int)kept;
}

/* The gray value of paper in pix (8 bpp): the BS_OCR_PAPER_RANK rank of
 * its values, since a region is mostly paper around its ink. */
#define BS_OCR_PAPER_RANK 0.9f
static int paper_gray(PIX *pix)
{
    l_uint32 v = 255;
    if (pixGetRankValue(pix, 1, BS_OCR_PAPER_RANK, &v) != 0)
        return 255;
    return (int)v;
}

static int has_text(const bs_region *region)
{
    for (size_t i = 0; i < region->nlines; i++)
        if (region->lines[i].text && bs_text_length(region->lines[i].text) > 0)
            return 1;
    return 0;
}

static bs_box unscale_box(bs_box b, bs_box origin, float scale)
{
    return (bs_box){origin.x + (int)(b.x / scale), origin.y + (int)(b.y / scale), (int)(b.w / scale + 0.5f),
                    (int)(b.h / scale + 0.5f)};
}

int bs_ocr_read_enlarged(bs_ocr *ocr, bs_region *region, bs_box rect, int psm, bs_error *err)
{
    if (!ocr->pix || has_text(region))
        return 0;
    BOX *clip = boxCreate(rect.x, rect.y, rect.w, rect.h);
    PIX *part = clip ? pixClipRectangle(ocr->pix, clip, NULL) : NULL;
    boxDestroy(&clip);
    PIX *gray = part ? pixConvertTo8(part, 0) : NULL;
    PIX *big = gray ? pixScaleGrayLI(gray, BS_OCR_ENLARGE, BS_OCR_ENLARGE) : NULL;
    PIX *bin = big ? pixThresholdToBinary(big, (l_int32)(BS_OCR_DARK_SHARE * (float)paper_gray(big))) : NULL;
    pixDestroy(&part);
    pixDestroy(&gray);
    pixDestroy(&big);
    if (!bin)
        return 0; /* nothing to read (rect outside the image) */
    TessBaseAPI *api = ocr->api;
    if (region->direction == BS_DIR_VERTICAL_RL && bs_ocr_has_vertical(ocr))
        api = ocr->vapi;
    TessBaseAPISetImage2(api, bin);
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    bs_region scratch;
    scratch_init(&scratch, region);
    int rc = TessBaseAPIRecognize(api, NULL) == 0 ? 0 : -1;
    if (rc == 0)
        collect(api, NULL, &scratch);
    /* Back to the page for the regions that follow. */
    bs_ocr_set_image(ocr, ocr->pix, ocr->dpi);
    pixDestroy(&bin);
    if (rc != 0) {
        bs_region_release(&scratch);
        return bs_error_set(err, BS_ERR_OCR, "region %s: Tesseract failed", region->id);
    }
    int replaced = has_text(&scratch);
    if (replaced) {
        for (size_t i = 0; i < scratch.nlines; i++) {
            bs_line *l = &scratch.lines[i];
            l->box = unscale_box(l->box, rect, BS_OCR_ENLARGE);
            for (size_t w = 0; w < l->nwords; w++)
                l->words[w].box = unscale_box(l->words[w].box, rect, BS_OCR_ENLARGE);
        }
        bs_region tmp = *region;
        region->lines = scratch.lines;
        region->nlines = scratch.nlines;
        region->lines_cap = scratch.lines_cap;
        region->conf = scratch.conf;
        scratch.lines = tmp.lines;
        scratch.nlines = tmp.nlines;
        scratch.lines_cap = tmp.lines_cap;
    }
    bs_region_release(&scratch);
    return replaced;
}

int bs_ocr_region(bs_ocr *ocr, bs_region *region, int psm, bs_error *err)
{
    return bs_ocr_region_in(ocr, region, region->box, psm, err);
}
