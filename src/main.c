/*
 * main.c - the broadsheet command line: set up the process, dispatch.
 *
 * Tesseract is built with OpenMP, and the OpenMP runtime reads
 * OMP_THREAD_LIMIT once, when libgomp is loaded, before main() runs.  Its
 * threads oversubscribe small machines (on 2 cores a Chinese page took
 * 49.7 s with them, 11.0 s without), and Broadsheet gets its parallelism
 * from one worker per core instead.  So when OMP_THREAD_LIMIT is not set,
 * main() sets it to 1 and re-executes itself once; a user who sets it
 * explicitly keeps their value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "cmd.h"
#include "version.h"

/* Subcommands: one row each (keep usage() in step). */
static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"run", bs_cmd_run},
    {"eval", bs_cmd_eval},
    {"layout", bs_cmd_layout},
    {"report", bs_cmd_report},
    {"reassemble", bs_cmd_reassemble},
    {"batch", bs_cmd_batch},
    {"reflow", bs_cmd_reflow},
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: broadsheet <command> [options]\n"
            "\n"
            "Scanned newspaper pages to complete, correctly ordered articles.\n"
            "\n"
            "commands:\n"
            "  run PAGE... -o OUTDIR     OCR page images into articles (issue.json, articles/)\n"
            "  eval GT.json OUT.json     score article output against ground truth\n"
            "  layout PAGE -o OUT.png    draw the regions the layout analysis finds\n"
            "  batch ARCHIVE -o OUT      OCR every issue of an archive, resumable, in parallel\n"
            "  report OUTDIR             rebuild the QC report from OUTDIR/issue.json\n"
            "  reassemble ISSUE.json -o OUTDIR  rebuild articles from a page model (no OCR)\n"
            "  reflow TEXT... -o OUTDIR  repair OCR text without coordinates into articles\n"
            "\n"
            "options:\n"
            "  -h, --help                this help; `broadsheet COMMAND --help` for a command\n"
            "  -V, --version             print the version\n"
            "\n"
            "exit codes: 0 ok, 1 some input failed, 2 usage error\n");
}

static void limit_openmp(char **argv)
{
    if (getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    /* If re-executing fails (no /proc), carry on with OpenMP threads:
     * slower on small machines, but correct. */
    execv("/proc/self/exe", argv);
}

int main(int argc, char **argv)
{
    limit_openmp(argv);
    /* Leptonica prints its own errors to stderr; Broadsheet reports each
     * failure once, with the file name, through bs_error. */
    setMsgSeverity(L_SEVERITY_NONE);

    if (argc < 2) {
        usage(stderr);
        return BS_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return BS_EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        char *lept = getLeptonicaVersion();
        printf("broadsheet %s (tesseract %s, %s)\n", BS_VERSION, TessVersion(), lept ? lept : "leptonica");
        free(lept);
        return BS_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "broadsheet: unknown command '%s'\n", cmd);
    usage(stderr);
    return BS_EXIT_USAGE;
}
