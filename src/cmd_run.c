/*
 * cmd_run.c - `broadsheet run PAGE... -o OUTDIR`: scans to articles.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "issue.h"
#include "cmd_options.h"
#include "output.h"
#include "pipeline.h"
#include "report.h"

static void run_usage(FILE *f)
{
    fprintf(f, "usage: broadsheet run PAGE... -o OUTDIR [options]\n"
               "\n"
               "Reads page images (TIFF, multi-page TIFF, JPEG, PNG, JP2, WebP) of one issue,\n"
               "in the order given, and writes OUTDIR/issue.json and OUTDIR/articles/NNN.txt.\n"
               "\n"
               "options:\n"
               "  -o, --output DIR      output folder (required)\n");
    bs_cli_pipeline_usage(f, 1);
    fprintf(f, "  -q, --quiet           print errors only\n"
               "  -h, --help            this help\n"
               "\n"
               "exit codes: 0 all pages read, 1 some input failed (the rest is still written;\n"
               "            when no page could be read, earlier outputs in OUTDIR are kept),\n"
               "            2 usage error\n");
}

int bs_cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        BS_CLI_PIPELINE_LONGOPTS,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_cli_pipeline cp;
    bs_cli_pipeline_init(&cp, "run", 1);
    const char *outdir = NULL;
    int quiet = 0;
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
    int setup = bs_cli_pipeline_setup(&cp, quiet);
    if (setup != BS_EXIT_OK)
        return setup;
    const bs_pipeline_options opt = cp.pipeline;
    bs_error err = {0};
    bs_ocr *ocr = bs_ocr_new(opt.lang, opt.tessdata, &err);
    if (!ocr) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        bs_cli_pipeline_release(&cp);
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

    size_t read_ok = 0;
    for (size_t i = 0; i < issue->npages; i++)
        read_ok += issue->pages[i].error == NULL;

    int rc = failed ? BS_EXIT_INPUT : BS_EXIT_OK;
    bs_output_result out_res;
    if (read_ok == 0 && bs_output_exists(outdir)) {
        /* Nothing read: writing would replace the folder's earlier
         * outputs with an empty issue.  (Into a new folder the failures
         * are written, for the record.) */
        fprintf(stderr, "broadsheet run: no page could be read; earlier outputs in %s kept\n",
                outdir);
        rc = BS_EXIT_INPUT;
    } else if (bs_output_write_with(issue, outdir, &cp.output, &out_res, &err) != 0) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    } else {
        if (out_res.chars_replaced)
            fprintf(stderr, "broadsheet run: %zu characters not in %s written as '?'\n",
                    out_res.chars_replaced, cp.output.encoding);
        if (!quiet)
            printf("%s/issue.json: %zu pages, %zu articles%s\n", outdir, issue->npages,
                   issue->narticles, failed ? " (some pages failed)" : "");
        if (cp.want_report) {
            if (bs_report_write(issue, outdir, &cp.report, NULL, &err) != 0) {
                fprintf(stderr, "broadsheet run: report: %s\n", err.msg);
                rc = BS_EXIT_INPUT;
            } else if (!quiet) {
                printf("%s/report/index.html: QC report\n", outdir);
            }
        }
    }
    bs_issue_free(issue);
    bs_cli_pipeline_release(&cp);
    return rc;
}
