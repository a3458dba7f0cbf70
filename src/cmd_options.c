/*
 * cmd_options.c - the pipeline options shared by run, batch and reassemble.
 */
#include "cmd_options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "encoding.h"

/* Images larger than this on a side are refused outright: no scanner makes
 * them, and the pixel limit would overflow int arithmetic in Leptonica. */
#define CLI_MAX_SIDE_CEILING 1000000

void bs_cli_pipeline_init(bs_cli_pipeline *cp, const char *cmd, int want_report)
{
    memset(cp, 0, sizeof *cp);
    cp->cmd = cmd;
    cp->pipeline = bs_pipeline_options_default();
    cp->output = bs_output_options_default();
    cp->report = bs_report_options_default();
    cp->want_report = want_report;
    cp->want_models = 1;
    cp->want_correct = 1;
}

long bs_cli_parse_positive(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || v <= 0)
        return -1;
    return v;
}

long bs_cli_parse_limit(const char *cmd, const char *name, const char *arg, long ceiling,
                      const char *why)
{
    long v = bs_cli_parse_positive(arg);
    if (v >= 0 && v <= ceiling)
        return v;
    if (ceiling == LONG_MAX)
        fprintf(stderr, "broadsheet %s: %s wants a whole number of 1 or more, not '%s'\n", cmd,
                name, arg);
    else
        fprintf(stderr, "broadsheet %s: %s wants a whole number from 1 to %ld%s, not '%s'\n", cmd,
                name, ceiling, why, arg);
    return -1;
}

int bs_cli_json_limit_option(bs_issue_json_limits *lim, const char *cmd, int c, const char *arg)
{
    long v;
    switch (c) {
    case BS_CLI_OPT_MAX_JSON_BYTES:
        if ((v = bs_cli_parse_limit(cmd, "--max-json-bytes", arg, LONG_MAX, "")) < 0)
            return -1;
        lim->max_bytes = v;
        return 1;
    case BS_CLI_OPT_MAX_LINE_BYTES:
        if ((v = bs_cli_parse_limit(cmd, "--max-line-bytes", arg, LONG_MAX, "")) < 0)
            return -1;
        lim->max_line_bytes = v;
        return 1;
    case BS_CLI_OPT_MAX_REGIONS:
        if ((v = bs_cli_parse_limit(cmd, "--max-regions", arg, LONG_MAX, "")) < 0)
            return -1;
        lim->max_regions_per_page = v;
        return 1;
    default:
        return 0;
    }
}

int bs_cli_pipeline_option(bs_cli_pipeline *cp, int c, const char *arg)
{
    long v;
    switch (c) {
    case 'l':
        cp->pipeline.lang = arg;
        return 1;
    case BS_CLI_OPT_TESSDATA:
        cp->pipeline.tessdata = arg;
        return 1;
    case BS_CLI_OPT_MAX_SIDE:
    case BS_CLI_OPT_MAX_PIXELS:
        return bs_cli_image_limit_option(&cp->pipeline.limits, cp->cmd, c, arg);
    case BS_CLI_OPT_MAX_XML_BYTES:
        if ((v = bs_cli_parse_limit(cp->cmd, "--max-xml-bytes", arg, BS_XML_MAX_BYTES_CEILING,
                           " (libxml2 reads at most 2 GiB)")) < 0)
            return -1;
        cp->pipeline.xml_limits.max_bytes = v;
        return 1;
    case BS_CLI_OPT_MAX_XML_DEPTH:
        if ((v = bs_cli_parse_limit(cp->cmd, "--max-xml-depth", arg, BS_XML_MAX_DEPTH_CEILING,
                           " (libxml2 stops XML deeper than that)")) < 0)
            return -1;
        cp->pipeline.xml_limits.max_depth = (int)v;
        return 1;
    case BS_CLI_OPT_MAX_JSON_BYTES:
    case BS_CLI_OPT_MAX_LINE_BYTES:
    case BS_CLI_OPT_MAX_REGIONS:
        return bs_cli_json_limit_option(&cp->pipeline.json_limits, cp->cmd, c, arg);
    case BS_CLI_OPT_QC_CONFIG:
        cp->qc_config = arg;
        return 1;
    case BS_CLI_OPT_NO_REPORT:
        cp->want_report = 0;
        return 1;
    case BS_CLI_OPT_REPORT:
        cp->want_report = 1;
        return 1;
    case BS_CLI_OPT_ENCODING:
        cp->output.encoding = arg;
        return 1;
    case BS_CLI_OPT_ENCODING_FALLBACK:
        cp->output.encoding_fallback = 1;
        return 1;
    case BS_CLI_OPT_NO_MODELS:
        cp->want_models = 0;
        return 1;
    case BS_CLI_OPT_TEXT_MODEL:
        return bs_cli_text_model_option(cp->text_models, &cp->n_text_models, cp->cmd, arg);
    case BS_CLI_OPT_NO_CORRECT:
        cp->want_correct = 0;
        return 1;
    case BS_CLI_OPT_NO_REREAD:
        cp->pipeline.page_read.weak_line_conf = 0;
        return 1;
    default:
        return 0;
    }
}

int bs_cli_pipeline_setup(bs_cli_pipeline *cp, int quiet)
{
    bs_error err = {0};
    if (bs_encoding_check(cp->output.encoding, &err) != 0) {
        fprintf(stderr, "broadsheet %s: %s\n", cp->cmd, err.msg);
        return BS_EXIT_USAGE;
    }
    /* The report reloads the page images within the limits they were read with. */
    cp->report.image_limits = cp->pipeline.limits;
    if (cp->qc_config && bs_qc_thresholds_load(&cp->report.thresholds, cp->qc_config, &err) != 0) {
        fprintf(stderr, "broadsheet %s: %s\n", cp->cmd, err.msg);
        return BS_EXIT_USAGE;
    }
    int rc = bs_cli_open_models(cp->cmd, cp->want_models, cp->text_models, cp->n_text_models,
                                quiet, &cp->models);
    if (rc != BS_EXIT_OK)
        return rc;
    if (cp->models) {
        bs_lm_hooks_apply(cp->models, &cp->pipeline);
        cp->report.dict = bs_lm_hooks_dict_hit;
        cp->report.dict_ctx = cp->models;
    }
    if (!cp->want_correct)
        cp->pipeline.correct.fn = NULL;
    return BS_EXIT_OK;
}

int bs_cli_image_limit_option(bs_image_limits *lim, const char *cmd, int c, const char *arg)
{
    if (c != BS_CLI_OPT_MAX_SIDE && c != BS_CLI_OPT_MAX_PIXELS)
        return 0;
    long v = bs_cli_parse_positive(arg);
    if (v < 0) {
        fprintf(stderr, "broadsheet %s: invalid number '%s'\n", cmd, arg);
        return -1;
    }
    if (c == BS_CLI_OPT_MAX_SIDE)
        lim->max_side = (int)(v > CLI_MAX_SIDE_CEILING ? CLI_MAX_SIDE_CEILING : v);
    else
        lim->max_pixels = v;
    return 1;
}

int bs_cli_text_model_option(const char **list, size_t *n, const char *cmd, const char *arg)
{
    if (*n == BS_CLI_MAX_TEXT_MODELS) {
        fprintf(stderr, "broadsheet %s: at most %d --text-model (one per language)\n", cmd,
                BS_CLI_MAX_TEXT_MODELS);
        return -1;
    }
    list[(*n)++] = arg;
    return 1;
}

int bs_cli_open_models(const char *cmd, int want_models, const char *const *list, size_t n,
                       int quiet, bs_lm_hooks **models)
{
    *models = NULL;
    if (!want_models) {
        if (n == 0)
            return BS_EXIT_OK;
        fprintf(stderr, "broadsheet %s: --text-model adapts the language models: not with "
                        "--no-models\n", cmd);
        return BS_EXIT_USAGE;
    }
    bs_error warn = {0};
    bs_lm_hooks *h = bs_lm_hooks_open(NULL, &warn);
    if (warn.code && !quiet)
        fprintf(stderr, "broadsheet %s: warning: %s (joins decided without it)\n", cmd, warn.msg);
    for (size_t i = 0; i < n; i++) {
        bs_error err = {0};
        if (bs_lm_hooks_adapt(h, list[i], &err) != 0) {
            fprintf(stderr, "broadsheet %s: %s\n", cmd, err.msg);
            bs_lm_hooks_close(h);
            return BS_EXIT_USAGE;
        }
    }
    *models = h;
    return BS_EXIT_OK;
}

void bs_cli_pipeline_release(bs_cli_pipeline *cp)
{
    bs_lm_hooks_close(cp->models);
    cp->models = NULL;
}

void bs_cli_pipeline_usage(FILE *f, int report_default)
{
    fprintf(f,
            "  -l, --lang LANGS      Tesseract languages (default " BS_DEFAULT_LANG ")\n"
            "      --tessdata DIR    Tesseract language data folder\n"
            "      --max-side PX     refuse images larger than PX on a side (default %d)\n"
            "      --max-pixels N    refuse images with more than N pixels (default %ld)\n"
            "      --max-xml-bytes N, --max-xml-depth N\n"
            "                        refuse hOCR/ALTO/PAGE-XML files over N bytes (default\n"
            "                        %ld) or with elements nested deeper than N levels\n"
            "                        (default %d, which is also the maximum)\n"
            "      --max-json-bytes N, --max-line-bytes N, --max-regions N\n"
            "                        refuse issue.json files over N bytes (default %ld),\n"
            "                        with a line over N bytes (default %ld) or a page of\n"
            "                        more than N regions (default %ld)\n"
            "      --qc-config FILE  QC thresholds (pipeline/presets/qc-thresholds.conf)\n"
            "%s"
            "      --encoding ENC    text files (articles/, pages/) in ENC: UTF-8 (default),\n"
            "                        GB18030, GBK, BIG5, UTF-16, ... (ALTO/METS stay UTF-8)\n"
            "      --encoding-fallback  write '?' for characters ENC lacks (counted) instead\n"
            "                        of failing with the article and the character\n"
            "      --no-models       decide joins and hyphens without the language models\n"
            "      --text-model FILE adapt the language model of FILE's language with this\n"
            "                        text model, built from your own text by\n"
            "                        tools/build-models --text (once per language)\n"
            "      --no-correct      keep confusable characters as OCR read them (the\n"
            "                        corrector's changes are QC events \"correction\")\n"
            "      --no-reread       keep every line of a text block as Tesseract read the\n"
            "                        block (by default a line it is unsure of is read again\n"
            "                        alone; replacements are QC events \"ocr_reread\")\n",
            BS_IMAGE_MAX_SIDE_DEFAULT, BS_IMAGE_MAX_PIXELS_DEFAULT, BS_XML_MAX_BYTES_DEFAULT,
            BS_XML_MAX_DEPTH_DEFAULT, BS_JSON_MAX_BYTES_DEFAULT, BS_JSON_MAX_LINE_BYTES_DEFAULT,
            BS_JSON_MAX_REGIONS_DEFAULT,
            report_default ? "      --no-report       do not write OUTDIR/report/\n"
                           : "      --report          also write a QC report per issue (report/)\n");
}
