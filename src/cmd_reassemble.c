/*
 * cmd_reassemble.c - `broadsheet reassemble ISSUE.json -o OUTDIR`: rebuild
 * the articles of an issue from its page model, without OCR.
 *
 * Reads an issue.json (from `broadsheet run`, an importer, or
 * tools/gt-to-pagemodel for ground-truth layouts), throws its articles
 * away, runs reassembly on every page and stitching on the issue, and
 * writes the outputs as `run` does.  This is how reassembly is measured
 * apart from layout and OCR, and how a changed reassembly is applied to
 * old runs.  With --repeat N reassembly and stitching run N times (the
 * last result is kept) and their mean times per page are printed, for
 * timing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "cmd_options.h"
#include "import.h"
#include "pipeline.h"
#include "report.h"
#include "issue.h"
#include "issue_json.h"
#include "output.h"
#include "reassemble.h"
#include "stitch.h"
#include "xalloc.h"

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
               "      --repeat N        reassemble and stitch N times; print the mean times per page\n"
               "      --no-dedup        keep duplicated paragraphs\n"
               "      --xycut           use the XY-cut reading order instead of the partial order\n"
               "      --no-report       do not write OUTDIR/report/\n"
               "      --encoding ENC    text files in ENC (see `broadsheet run --help`)\n"
               "      --no-models       decide joins and hyphens without the language models\n"
               "      --text-model FILE adapt the language model with your own text's model\n"
               "      --no-correct      keep confusable characters as read\n"
               "      --max-xml-bytes N, --max-xml-depth N, --max-json-bytes N,\n"
               "      --max-line-bytes N, --max-regions N\n"
               "                        input limits (see `broadsheet run --help`)\n"
               "      --max-side PX, --max-pixels N\n"
               "                        limits of the page images the report shows\n"
               "  (run's OCR options, --lang, --tessdata and --no-reread, are accepted\n"
               "  and have no effect: nothing is read with OCR)\n"
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
    enum { OPT_REPEAT = 256, OPT_NO_DEDUP, OPT_XYCUT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"repeat", required_argument, NULL, OPT_REPEAT},
        {"no-dedup", no_argument, NULL, OPT_NO_DEDUP},
        {"xycut", no_argument, NULL, OPT_XYCUT},
        BS_CLI_PIPELINE_LONGOPTS,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_cli_pipeline cp;
    bs_cli_pipeline_init(&cp, "reassemble", 1);
    const char *outdir = NULL;
    long repeat = 1;
    int quiet = 0, no_dedup = 0, xycut = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:l:qh", longopts, NULL)) != -1) {
        int shared = bs_cli_pipeline_option(&cp, c, optarg);
        if (shared < 0)
            return BS_EXIT_USAGE;
        if (shared)
            continue;
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
            no_dedup = 1;
            break;
        case OPT_XYCUT:
            xycut = 1;
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
    int input_failed = 0;
    size_t first_len = strlen(argv[optind]);
    int from_json = argc - optind == 1 && first_len > 5 && strcmp(argv[optind] + first_len - 5, ".json") == 0;
    if (from_json) {
        issue = bs_issue_read_json_file_with(argv[optind], &cp.pipeline.json_limits, &err);
    } else {
        /* Pages of other engines, in the order given.  A bad file is
         * named and stands in the issue as a failed page, so the pages
         * after it keep their numbers and the rest is still written. */
        issue = bs_issue_new();
        size_t read = 0;
        for (int i = optind; i < argc; i++) {
            size_t before = issue->npages;
            if (bs_import_file_with(issue, argv[i], &cp.pipeline.xml_limits, &err) == 0) {
                read += issue->npages - before;
                continue;
            }
            fprintf(stderr, "broadsheet reassemble: %s\n", err.msg);
            input_failed = 1;
            /* The error names the file; no image_path, which METS and the
             * report would take for the page's picture. */
            bs_page *page = bs_issue_add_page(issue, (int)issue->npages + 1);
            page->error = bs_xstrdup(err.msg);
            bs_issue_add_qc(issue, "page_failed", page->number, "%s", err.msg);
        }
        /* Nothing read: the output folder keeps what it holds. */
        if (read == 0) {
            bs_issue_free(issue);
            return BS_EXIT_INPUT;
        }
    }
    if (!issue) {
        fprintf(stderr, "broadsheet reassemble: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    if (from_json && bs_reassemble_check_issue(issue, &err) != 0) {
        fprintf(stderr, "broadsheet reassemble: %s: %s\n", argv[optind], err.msg);
        bs_issue_free(issue);
        return BS_EXIT_INPUT;
    }
    int setup = bs_cli_pipeline_setup(&cp, quiet);
    if (setup != BS_EXIT_OK) {
        bs_issue_free(issue);
        return setup;
    }
    bs_reassemble_options ropt = cp.pipeline.reassemble;
    ropt.no_dedup = no_dedup;
    ropt.order.force_xycut = xycut;
    const bs_stitch_options sopt = cp.pipeline.stitch;
    /* Correction is not part of the timed reassembly: once, before. */
    for (size_t p = 0; p < issue->npages; p++)
        bs_correct_page(issue, &issue->pages[p], &cp.pipeline.correct);
    double total = 0, stitch_total = 0;
    for (long rep = 0; rep < repeat; rep++) {
        bs_issue_clear_articles(issue);
        bs_issue_clear_unmatched(issue);
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
        double t0 = now_seconds();
        bs_stitch_issue(issue, &sopt);
        double dt = now_seconds() - t0;
        stitch_total += dt;
        for (size_t p = 0; p < issue->npages; p++)
            issue->pages[p].seconds[BS_STAGE_STITCHING] = dt / (double)issue->npages;
        if (rep + 1 < repeat) {
            for (size_t q = nqc; q < issue->nqc; q++) {
                free(issue->qc[q].kind);
                free(issue->qc[q].detail);
            }
            issue->nqc = nqc;
        }
    }

    int rc = input_failed ? BS_EXIT_INPUT : BS_EXIT_OK;
    bs_output_result out_res = {0};
    if (bs_output_write_with(issue, outdir, &cp.output, &out_res, &err) != 0) {
        fprintf(stderr, "broadsheet reassemble: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    } else {
        if (out_res.chars_replaced)
            fprintf(stderr, "broadsheet reassemble: %zu characters not in %s written as '?'\n",
                    out_res.chars_replaced, cp.output.encoding);
        if (!quiet) {
            double pages = issue->npages ? (double)repeat * (double)issue->npages : 1;
            printf("%s/issue.json: %zu pages, %zu articles, reassembly %.1f us/page, "
                   "stitching %.1f us/page\n",
                   outdir, issue->npages, issue->narticles, total / pages * 1e6,
                   stitch_total / pages * 1e6);
        }
        if (cp.want_report && bs_report_write(issue, outdir, &cp.report, NULL, &err) != 0) {
            fprintf(stderr, "broadsheet reassemble: report: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        }
    }
    bs_issue_free(issue);
    bs_cli_pipeline_release(&cp);
    return rc;
}
