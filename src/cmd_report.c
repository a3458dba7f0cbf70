/*
 * cmd_report.c - `broadsheet report OUTDIR`: rebuild the QC report from
 * OUTDIR/issue.json, without OCR, with the same measures as the report
 * `run` writes (the language models give the dictionary hit rates).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "atomic_file.h"
#include "cmd.h"
#include "cmd_options.h"
#include "issue_json.h"
#include "report.h"

static void report_usage(FILE *f)
{
    fprintf(f, "usage: broadsheet report OUTDIR [--qc-config FILE] [--images DIR] [--no-models]\n"
               "\n"
               "Rebuilds OUTDIR/report/index.html and OUTDIR/report/qc.json from\n"
               "OUTDIR/issue.json (no OCR). Page pictures are reloaded from the image\n"
               "paths recorded in issue.json, or from DIR when they moved (the recorded\n"
               "relative path under DIR, then the file name in DIR).\n"
               "\n"
               "  --qc-config FILE   QC thresholds (see pipeline/presets/qc-thresholds.conf)\n"
               "  --images DIR       folder to find page images in\n"
               "  --no-models        leave out the dictionary hit rates (they need the\n"
               "                     language models, as in `run`)\n"
               "  --max-side PX, --max-pixels N\n"
               "                     reload page images up to these limits (as `run`)\n"
               "  --max-json-bytes N, --max-line-bytes N, --max-regions N\n"
               "                     refuse an issue.json over N bytes (default %ld), with a\n"
               "                     line over N bytes (default %ld) or a page of more than\n"
               "                     N regions (default %ld)\n",
            BS_JSON_MAX_BYTES_DEFAULT, BS_JSON_MAX_LINE_BYTES_DEFAULT, BS_JSON_MAX_REGIONS_DEFAULT);
}

static void say_picture_missing(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "broadsheet report: %s\n", msg);
}

int bs_cmd_report(int argc, char **argv)
{
    enum { OPT_QC = 256, OPT_IMAGES, OPT_NO_MODELS };
    static const struct option longopts[] = {
        {"qc-config", required_argument, NULL, OPT_QC},
        {"images", required_argument, NULL, OPT_IMAGES},
        {"no-models", no_argument, NULL, OPT_NO_MODELS},
        {"max-json-bytes", required_argument, NULL, BS_CLI_OPT_MAX_JSON_BYTES},
        {"max-line-bytes", required_argument, NULL, BS_CLI_OPT_MAX_LINE_BYTES},
        {"max-regions", required_argument, NULL, BS_CLI_OPT_MAX_REGIONS},
        {"max-side", required_argument, NULL, BS_CLI_OPT_MAX_SIDE},
        {"max-pixels", required_argument, NULL, BS_CLI_OPT_MAX_PIXELS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_report_options opt = bs_report_options_default();
    bs_issue_json_limits lim = bs_issue_json_limits_default();
    const char *qc_config = NULL;
    int want_models = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int shared = bs_cli_json_limit_option(&lim, "report", c, optarg);
        if (shared == 0)
            shared = bs_cli_image_limit_option(&opt.image_limits, "report", c, optarg);
        if (shared < 0)
            return BS_EXIT_USAGE;
        if (shared)
            continue;
        switch (c) {
        case OPT_QC:
            qc_config = optarg;
            break;
        case OPT_IMAGES:
            opt.image_base_dir = optarg;
            break;
        case OPT_NO_MODELS:
            want_models = 0;
            break;
        case 'h':
            report_usage(stdout);
            return BS_EXIT_OK;
        default:
            report_usage(stderr);
            return BS_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        report_usage(stderr);
        return BS_EXIT_USAGE;
    }
    const char *outdir = argv[optind];
    bs_error err = {0};
    if (qc_config && bs_qc_thresholds_load(&opt.thresholds, qc_config, &err) != 0) {
        fprintf(stderr, "broadsheet report: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    char *json = bs_path_join(outdir, "issue.json");
    bs_issue *issue = bs_issue_read_json_file_with(json, &lim, &err);
    free(json);
    if (!issue) {
        fprintf(stderr, "broadsheet report: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    if (!opt.image_base_dir)
        opt.image_base_dir = outdir;
    /* The dictionary hit rates of the report `run` wrote come from the
     * language models; the rebuilt report measures them the same way. */
    bs_lm_hooks *models = NULL;
    if (bs_cli_open_models("report", want_models, NULL, 0, 0, &models) != BS_EXIT_OK) {
        bs_issue_free(issue);
        return BS_EXIT_USAGE;
    }
    if (models) {
        opt.dict = bs_lm_hooks_dict_hit;
        opt.dict_ctx = models;
    }
    /* The report is still written without them, but say which pictures
     * are missing: an issue folder moved without its images, say. */
    opt.picture_missing = say_picture_missing;
    int rc = bs_report_write(issue, outdir, &opt, NULL, &err);
    bs_lm_hooks_close(models);
    bs_issue_free(issue);
    if (rc != 0) {
        fprintf(stderr, "broadsheet report: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    printf("%s/report/index.html\n", outdir);
    return BS_EXIT_OK;
}
