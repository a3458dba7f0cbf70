/*
 * cmd_reassemble.c - `broadsheet reassemble ISSUE.json -o OUTDIR`: rebuild
 * the articles of an issue from its page model, without OCR.
 *
 * Reads an issue.json (from `broadsheet run`, an importer, or
 * tools/gt-to-pagemodel for ground-truth layouts), throws its articles
 * away, runs reassembly on every page and stitching on the issue, and
 * writes the outputs as `run` does.  This is how reassembly is measured
 * apart from layout and OCR, and how a changed reassembly is applied to
 * old runs.  With --repeat N reassembly runs N times (the last result is
 * kept) and the mean time per page is printed, for timing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "import.h"
#include "lm_hooks.h"
#include "pipeline.h"
#include "report.h"
#include "issue.h"
#include "issue_json.h"
#include "output.h"
#include "reassemble.h"
#include "stitch.h"

/* --repeat above this is a typo, not a measurement. */
#define REASSEMBLE_REPEAT_MAX 100000

static void reassemble_usage(FILE *f)
{
    fprintf(f, "usage: broadsheet reassemble ISSUE.json -o OUTDIR [options]\n"
               "       broadsheet reassemble PAGE.xml|PAGE.hocr... -o OUTDIR [options]\n"
               "\n"
               "Rebuilds the articles from page models without OCR: a Broadsheet issue.json,\n"
               "or the pages of one issue, in order, as written by other OCR engines (hOCR,\n"
               "ALTO 2 to 4, PAGE-XML; the format is detected). Writes the same outputs as\n"
               "`broadsheet run`: issue.json, articles/, pages/, alto/, mets.xml, report/.\n"
               "\n"
               "options:\n"
               "  -o, --output DIR      output folder (required)\n"
               "      --repeat N        reassemble N times and report the mean time per page\n"
               "      --no-dedup        keep duplicated paragraphs\n"
               "      --xycut           use the XY-cut reading order instead of the partial order\n"
               "      --no-report       do not write OUTDIR/report/\n"
               "  -q, --quiet           print errors only\n"
               "  -h, --help            this help\n"
               "\n"
               "exit codes: 0 ok, 1 input or output failed, 2 usage error\n");
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bs_cmd_reassemble(int argc, char **argv)
{
    enum { OPT_REPEAT = 256, OPT_NO_DEDUP, OPT_XYCUT, OPT_NO_REPORT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"repeat", required_argument, NULL, OPT_REPEAT},
        {"no-dedup", no_argument, NULL, OPT_NO_DEDUP},
        {"xycut", no_argument, NULL, OPT_XYCUT},
        {"no-report", no_argument, NULL, OPT_NO_REPORT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_reassemble_options ropt = bs_reassemble_options_default();
    bs_stitch_options sopt = bs_stitch_options_default();
    const char *outdir = NULL;
    long repeat = 1;
    int quiet = 0, want_report = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case OPT_REPEAT: {
            char *end;
            repeat = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || repeat < 1 || repeat > REASSEMBLE_REPEAT_MAX) {
                fprintf(stderr, "broadsheet reassemble: invalid --repeat '%s'\n", optarg);
                return BS_EXIT_USAGE;
            }
            break;
        }
        case OPT_NO_DEDUP:
            ropt.no_dedup = 1;
            break;
        case OPT_XYCUT:
            ropt.order.force_xycut = 1;
            break;
        case OPT_NO_REPORT:
            want_report = 0;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            reassemble_usage(stdout);
            return BS_EXIT_OK;
        default:
            reassemble_usage(stderr);
            return BS_EXIT_USAGE;
        }
    }
    if (!outdir || optind >= argc) {
        fprintf(stderr, "broadsheet reassemble: %s\n", !outdir ? "missing -o OUTDIR" : "no input given");
        reassemble_usage(stderr);
        return BS_EXIT_USAGE;
    }

    bs_error err = {0};
    bs_issue *issue = NULL;
    size_t first_len = strlen(argv[optind]);
    if (argc - optind == 1 && first_len > 5 && strcmp(argv[optind] + first_len - 5, ".json") == 0) {
        issue = bs_issue_read_json_file(argv[optind], 0, &err);
    } else {
        /* Pages of other engines, in the order given; one bad file fails the
         * run, since the issue's page numbering would be wrong without it. */
        issue = bs_issue_new();
        for (int i = optind; i < argc; i++) {
            if (bs_import_file(issue, argv[i], &err) != 0) {
                bs_issue_free(issue);
                issue = NULL;
                break;
            }
        }
    }
    if (!issue) {
        fprintf(stderr, "broadsheet reassemble: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    bs_error warn = {0};
    bs_lm_hooks *models = bs_lm_hooks_open(NULL, &warn);
    if (warn.code && !quiet)
        fprintf(stderr, "broadsheet reassemble: warning: %s (joins decided without it)\n", warn.msg);
    {
        bs_pipeline_options popt = bs_pipeline_options_default();
        popt.reassemble = ropt;
        popt.stitch = sopt;
        bs_lm_hooks_apply(models, &popt);
        ropt = popt.reassemble;
        sopt = popt.stitch;
    }
    double total = 0;
    for (long rep = 0; rep < repeat; rep++) {
        bs_issue_clear_articles(issue);
        /* Each run starts from the input's QC list minus what earlier
         * repetitions added. */
        size_t nqc = issue->nqc;
        for (size_t p = 0; p < issue->npages; p++) {
            bs_page *page = &issue->pages[p];
            double t0 = now_seconds();
            bs_reassemble_page(issue, page, &ropt);
            double dt = now_seconds() - t0;
            page->seconds[BS_STAGE_REASSEMBLY] = dt;
            total += dt;
        }
        if (rep + 1 < repeat) {
            for (size_t q = nqc; q < issue->nqc; q++) {
                free(issue->qc[q].kind);
                free(issue->qc[q].detail);
            }
            issue->nqc = nqc;
        }
    }
    bs_stitch_issue(issue, &sopt);

    int rc = BS_EXIT_OK;
    if (bs_output_write(issue, outdir, &err) != 0) {
        fprintf(stderr, "broadsheet reassemble: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    } else {
        if (!quiet) {
            double per_page = issue->npages ? total / (double)repeat / (double)issue->npages : 0;
            printf("%s/issue.json: %zu pages, %zu articles, reassembly %.1f us/page\n", outdir,
                   issue->npages, issue->narticles, per_page * 1e6);
        }
        bs_report_options report_opt = bs_report_options_default();
        report_opt.dict = bs_lm_hooks_dict_hit;
        report_opt.dict_ctx = models;
        if (want_report && bs_report_write(issue, outdir, &report_opt, NULL, &err) != 0) {
            fprintf(stderr, "broadsheet reassemble: report: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        }
    }
    bs_issue_free(issue);
    bs_lm_hooks_close(models);
    return rc;
}
