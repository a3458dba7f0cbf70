/*
 * cmd_run.c - `broadsheet run PAGE... -o OUTDIR`: scans to articles.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "issue.h"
#include "lm_hooks.h"
#include "encoding.h"
#include "output.h"
#include "pipeline.h"
#include "report.h"

static void run_usage(FILE *f)
{
    fprintf(f,
            "usage: broadsheet run PAGE... -o OUTDIR [options]\n"
            "\n"
            "Reads page images (TIFF, multi-page TIFF, JPEG, PNG, JP2, WebP) of one issue,\n"
            "in the order given, and writes OUTDIR/issue.json and OUTDIR/articles/NNN.txt.\n"
            "\n"
            "options:\n"
            "  -o, --output DIR      output folder (required)\n"
            "  -l, --lang LANGS      Tesseract languages (default " BS_DEFAULT_LANG ")\n"
            "      --tessdata DIR    Tesseract language data folder\n"
            "      --max-side PX     refuse images larger than PX on a side (default %d)\n"
            "      --max-pixels N    refuse images with more than N pixels (default %ld)\n"
            "      --qc-config FILE  QC thresholds (pipeline/presets/qc-thresholds.conf)\n"
            "      --no-report       do not write OUTDIR/report/\n"
            "      --encoding ENC    text files (articles/, pages/) in ENC: UTF-8 (default),\n"
            "                        GB18030, GBK, BIG5, UTF-16, ... (ALTO/METS stay UTF-8)\n"
            "      --encoding-fallback  write '?' for characters ENC lacks (counted) instead\n"
            "                        of failing with the article and the character\n"
            "      --no-models       decide joins and hyphens without the language models\n"
            "  -q, --quiet           print errors only\n"
            "  -h, --help            this help\n"
            "\n"
            "exit codes: 0 all pages read, 1 some input failed (the rest is still written),\n"
            "            2 usage error\n",
            BS_IMAGE_MAX_SIDE_DEFAULT, BS_IMAGE_MAX_PIXELS_DEFAULT);
}

/* Parse a positive integer option; -1 on error. */
static long parse_positive(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v <= 0)
        return -1;
    return v;
}

int bs_cmd_run(int argc, char **argv)
{
    enum { OPT_TESSDATA = 256, OPT_MAX_SIDE, OPT_MAX_PIXELS, OPT_QC_CONFIG, OPT_NO_REPORT,
           OPT_ENCODING, OPT_ENCODING_FALLBACK, OPT_NO_MODELS };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"tessdata", required_argument, NULL, OPT_TESSDATA},
        {"max-side", required_argument, NULL, OPT_MAX_SIDE},
        {"max-pixels", required_argument, NULL, OPT_MAX_PIXELS},
        {"qc-config", required_argument, NULL, OPT_QC_CONFIG},
        {"no-report", no_argument, NULL, OPT_NO_REPORT},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"encoding-fallback", no_argument, NULL, OPT_ENCODING_FALLBACK},
        {"no-models", no_argument, NULL, OPT_NO_MODELS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_pipeline_options opt = bs_pipeline_options_default();
    const char *outdir = NULL;
    bs_output_options out_opt = bs_output_options_default();
    const char *qc_config = NULL;
    int quiet = 0, want_report = 1, want_models = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:l:qh", longopts, NULL)) != -1) {
        long v;
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case 'l':
            opt.lang = optarg;
            break;
        case OPT_TESSDATA:
            opt.tessdata = optarg;
            break;
        case OPT_MAX_SIDE:
        case OPT_MAX_PIXELS:
            if ((v = parse_positive(optarg)) < 0) {
                fprintf(stderr, "broadsheet run: invalid number '%s'\n", optarg);
                return BS_EXIT_USAGE;
            }
            if (c == OPT_MAX_SIDE)
                opt.limits.max_side = (int)(v > 1000000 ? 1000000 : v);
            else
                opt.limits.max_pixels = v;
            break;
        case OPT_QC_CONFIG:
            qc_config = optarg;
            break;
        case OPT_NO_REPORT:
            want_report = 0;
            break;
        case OPT_NO_MODELS:
            want_models = 0;
            break;
        case OPT_ENCODING:
            out_opt.encoding = optarg;
            break;
        case OPT_ENCODING_FALLBACK:
            out_opt.encoding_fallback = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            run_usage(stdout);
            return BS_EXIT_OK;
        default:
            run_usage(stderr);
            return BS_EXIT_USAGE;
        }
    }
    if (!outdir || optind >= argc) {
        fprintf(stderr, "broadsheet run: %s\n", !outdir ? "missing -o OUTDIR" : "no page images given");
        run_usage(stderr);
        return BS_EXIT_USAGE;
    }

    bs_error err = {0};
    if (bs_encoding_check(out_opt.encoding, &err) != 0) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    bs_report_options report_opt = bs_report_options_default();
    if (qc_config && bs_qc_thresholds_load(&report_opt.thresholds, qc_config, &err) != 0) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    bs_lm_hooks *models = NULL;
    if (want_models) {
        bs_error warn = {0};
        models = bs_lm_hooks_open(NULL, &warn);
        if (warn.code && !quiet)
            fprintf(stderr, "broadsheet run: warning: %s (joins decided without it)\n", warn.msg);
        bs_lm_hooks_apply(models, &opt);
        report_opt.dict = bs_lm_hooks_dict_hit;
        report_opt.dict_ctx = models;
    }
    bs_ocr *ocr = bs_ocr_new(opt.lang, opt.tessdata, &err);
    if (!ocr) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        bs_lm_hooks_close(models);
        return BS_EXIT_INPUT;
    }
    bs_issue *issue = bs_issue_new();
    issue->lang = strdup(opt.lang);
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        bs_error e = {0};
        int nfail = bs_pipeline_add_file(issue, ocr, argv[i], &opt, &e);
        if (nfail) {
            fprintf(stderr, "broadsheet run: %s\n", e.msg);
            failed += nfail;
        } else if (!quiet) {
            fprintf(stderr, "broadsheet run: read %s\n", argv[i]);
        }
    }
    bs_ocr_free(ocr);
    bs_pipeline_assemble(issue, &opt);

    int rc = failed ? BS_EXIT_INPUT : BS_EXIT_OK;
    bs_output_result out_res;
    if (bs_output_write_with(issue, outdir, &out_opt, &out_res, &err) != 0) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    } else {
        if (out_res.chars_replaced)
            fprintf(stderr, "broadsheet run: %zu characters not in %s written as '?'\n",
                    out_res.chars_replaced, out_opt.encoding);
        if (!quiet)
            printf("%s/issue.json: %zu pages, %zu articles%s\n", outdir, issue->npages,
                   issue->narticles, failed ? " (some pages failed)" : "");
        if (want_report) {
            if (bs_report_write(issue, outdir, &report_opt, NULL, &err) != 0) {
                fprintf(stderr, "broadsheet run: report: %s\n", err.msg);
                rc = BS_EXIT_INPUT;
            } else if (!quiet) {
                printf("%s/report/index.html: QC report\n", outdir);
            }
        }
    }
    bs_issue_free(issue);
    bs_lm_hooks_close(models);
    return rc;
}
