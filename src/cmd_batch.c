/*
 * cmd_batch.c - `broadsheet batch ARCHIVE -o OUT`: many issues, resumable.
 *
 * The library does the work (batch.h); this file parses options, owns the
 * signal flag and shows progress.  SIGINT/SIGTERM set the flag the batch
 * polls (it stops after the pages in flight); a second signal exits at once
 * with _exit, which is safe because every output file and journal line is
 * written atomically: a kill leaves complete files or none.
 */
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "batch.h"
#include "cmd.h"
#include "cmd_options.h"
#include "lm_hooks.h"
#include "manifest.h"
#include "progress.h"
#include "qc_table.h"
#include "strbuf.h"

/* Plain logs (not a terminal) get a progress line this often, seconds:
 * often enough to see a batch is alive, rare enough for a week-long log. */
#define BATCH_LOG_INTERVAL_S 30.0
/* A terminal status line is redrawn at most this often, seconds. */
#define BATCH_TTY_INTERVAL_S 0.2
/* Exit status after a second signal: 128 + SIGINT, the shell convention. */
#define BATCH_EXIT_SIGNAL 130

static volatile sig_atomic_t batch_cancel;

static void on_signal(int sig)
{
    (void)sig;
    if (batch_cancel)
        _exit(BATCH_EXIT_SIGNAL);
    batch_cancel = 1;
}

static void batch_usage(FILE *f)
{
    fprintf(f,
            "usage: broadsheet batch ARCHIVE -o OUT [options]\n"
            "       broadsheet batch --merge-qc -o OUT QC.csv...\n"
            "\n"
            "Processes every issue of ARCHIVE, a folder with one sub-folder of page images\n"
            "per issue (pages in file-name order), or a manifest CSV with a header line and\n"
            "columns issue,page,path,lang.  Writes OUT/<issue>/ as `broadsheet run` does,\n"
            "OUT/journal.tsv (finished issues: a rerun resumes) and OUT/qc.csv (one row per\n"
            "issue and page, failures first).  Ctrl-C stops after the pages in flight;\n"
            "a second Ctrl-C stops at once.\n"
            "\n"
            "options:\n"
            "  -o, --output DIR      output folder (required)\n"
            "  -j, --jobs N          worker threads (default: number of cores)\n");
    bs_cli_pipeline_usage(f, 0);
    fprintf(f,
            "      --slice K/N       only issues K, K+N, K+2N, ... (0 <= K < N), for clusters\n"
            "      --state-dir DIR   journal.tsv and qc.csv go here (default OUT)\n"
            "      --redo-flagged    also redo issues finished with failed pages\n"
            "      --no-timings      write 0 for stage timings in issue.json, so that reruns\n"
            "                        and resumed runs give byte-identical outputs\n"
            "      --write-manifest FILE  write the issues found as a manifest CSV with absolute\n"
            "                        paths ('-': stdout) and exit\n"
            "      --merge-qc        merge the given qc.csv files into OUT/qc.csv and exit\n"
            "      --json-log        one JSON object per event on stdout\n"
            "  -q, --quiet           print errors only\n"
            "  -h, --help            this help\n"
            "\n"
            "exit codes: 0 everything read, 1 something failed or the batch was interrupted\n"
            "            (see OUT/qc.csv; rerun to resume), 2 usage error\n");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct view {
    bs_progress prog;
    int tty, quiet, json;
    double last;        /* last status line or log line */
    bs_strbuf line;
} view;

static void on_event(const bs_batch_event *ev, void *ctx)
{
    view *v = ctx;
    double now = now_s();
    bs_progress_update(&v->prog, ev);
    if (v->json) {
        if (ev->kind != BS_BATCH_TICK) {
            char *s = bs_progress_event_json(&v->prog, ev, now);
            printf("%s\n", s);
            fflush(stdout);
            free(s);
        }
        return;
    }
    int bad = (ev->kind == BS_BATCH_ISSUE_DONE && strcmp(ev->status, "ok") != 0) ||
              (ev->kind == BS_BATCH_PAGE_DONE && ev->failed);
    if (bad) {
        if (v->tty)
            fputs("\r\033[K", stderr);
        if (ev->kind == BS_BATCH_PAGE_DONE)
            fprintf(stderr, "broadsheet batch: %s: page failed: %s\n", ev->issue,
                    ev->reason ? ev->reason : "");
        else
            fprintf(stderr, "broadsheet batch: %s: %s: %s\n", ev->issue, ev->status,
                    ev->reason ? ev->reason : "");
    }
    if (v->quiet)
        return;
    if (v->tty) {
        if (!bad && ev->kind != BS_BATCH_ISSUE_DONE && now - v->last < BATCH_TTY_INTERVAL_S)
            return;
        bs_progress_line(&v->prog, now, &v->line);
        fprintf(stderr, "\r\033[K%s", v->line.buf);
        fflush(stderr);
        v->last = now;
    } else if (now - v->last >= BATCH_LOG_INTERVAL_S && ev->kind != BS_BATCH_START) {
        bs_progress_line(&v->prog, now, &v->line);
        fprintf(stderr, "broadsheet batch: %s\n", v->line.buf);
        v->last = now;
    }
}

static long parse_positive(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v <= 0)
        return -1;
    return v;
}

static int merge_qc(const char *outdir, int n, char **files, int quiet, int json)
{
    bs_qc_table *t = bs_qc_table_new();
    bs_error err = {0};
    int rc = BS_EXIT_OK;
    for (int i = 0; i < n; i++) {
        if (bs_qc_table_read_csv(t, files[i], &err) != 0) {
            fprintf(stderr, "broadsheet batch: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        }
    }
    char *path = bs_path_join(outdir, BS_BATCH_QC);
    if (bs_mkdir_p(outdir, &err) != 0 || bs_qc_table_write(t, path, &err) != 0) {
        fprintf(stderr, "broadsheet batch: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
    } else {
        size_t bad = bs_qc_table_count(t, BS_QC_FLAGGED);
        size_t rows = bs_qc_table_count(t, BS_QC_OK);
        if (json) {
            json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "event", "merge_qc", "qc", path, "rows",
                                  (json_int_t)rows, "failed_or_flagged", (json_int_t)bad);
            char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
            if (line)
                printf("%s\n", line);
            free(line);
            json_decref(o);
        } else if (!quiet) {
            printf("%s: %zu rows, %zu failed or flagged\n", path, rows, bad);
        }
        if (bad)
            rc = BS_EXIT_INPUT;
    }
    free(path);
    bs_qc_table_free(t);
    return rc;
}

int bs_cmd_batch(int argc, char **argv)
{
    enum { OPT_SLICE = 256, OPT_STATE, OPT_REDO, OPT_WRITE_MANIFEST, OPT_MERGE, OPT_JSON,
           OPT_NO_TIMINGS };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        BS_CLI_PIPELINE_LONGOPTS,
        {"slice", required_argument, NULL, OPT_SLICE},
        {"state-dir", required_argument, NULL, OPT_STATE},
        {"redo-flagged", no_argument, NULL, OPT_REDO},
        {"write-manifest", required_argument, NULL, OPT_WRITE_MANIFEST},
        {"merge-qc", no_argument, NULL, OPT_MERGE},
        {"json-log", no_argument, NULL, OPT_JSON},
        {"no-timings", no_argument, NULL, OPT_NO_TIMINGS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bs_batch_options opt = bs_batch_options_default();
    bs_cli_pipeline cp;
    bs_cli_pipeline_init(&cp, "batch", 0);
    const char *write_manifest = NULL;
    int merge = 0;
    view v;
    memset(&v, 0, sizeof(v));
    bs_strbuf_init(&v.line);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:l:qh", longopts, NULL)) != -1) {
        long n;
        int k, of, used;
        int shared = bs_cli_pipeline_option(&cp, c, optarg);
        if (shared < 0)
            return BS_EXIT_USAGE;
        if (shared)
            continue;
        switch (c) {
        case 'o':
            opt.outdir = optarg;
            break;
        case 'j':
            if ((n = parse_positive(optarg)) < 0 || n > BS_BATCH_JOBS_MAX) {
                fprintf(stderr, "broadsheet batch: -j wants 1..%d, not '%s'\n", BS_BATCH_JOBS_MAX, optarg);
                return BS_EXIT_USAGE;
            }
            opt.jobs = (int)n;
            break;
        case OPT_SLICE:
            used = 0;
            if (sscanf(optarg, "%d/%d%n", &k, &of, &used) != 2 || optarg[used] != '\0' || of < 1 ||
                k < 0 || k >= of) {
                fprintf(stderr, "broadsheet batch: --slice wants K/N with 0 <= K < N, not '%s'\n", optarg);
                return BS_EXIT_USAGE;
            }
            opt.slice = k;
            opt.nslices = of;
            break;
        case OPT_STATE:
            opt.state_dir = optarg;
            break;
        case OPT_REDO:
            opt.redo_flagged = 1;
            break;
        case OPT_WRITE_MANIFEST:
            write_manifest = optarg;
            break;
        case OPT_MERGE:
            merge = 1;
            break;
        case OPT_JSON:
            v.json = 1;
            break;
        case OPT_NO_TIMINGS:
            opt.no_timings = 1;
            break;
        case 'q':
            v.quiet = 1;
            break;
        case 'h':
            batch_usage(stdout);
            return BS_EXIT_OK;
        default:
            batch_usage(stderr);
            return BS_EXIT_USAGE;
        }
    }
    if (merge) {
        if (!opt.outdir || optind >= argc) {
            fprintf(stderr, "broadsheet batch: --merge-qc needs -o OUT and qc.csv files\n");
            return BS_EXIT_USAGE;
        }
        return merge_qc(opt.outdir, argc - optind, argv + optind, v.quiet, v.json);
    }
    if (optind != argc - 1 || (!opt.outdir && !write_manifest)) {
        fprintf(stderr, "broadsheet batch: %s\n",
                optind >= argc ? "no ARCHIVE given" : optind < argc - 1 ? "one ARCHIVE only" : "missing -o OUT");
        batch_usage(stderr);
        return BS_EXIT_USAGE;
    }

    bs_error err = {0};
    bs_manifest *m = bs_manifest_load(argv[optind], &err);
    if (!m) {
        fprintf(stderr, "broadsheet batch: %s\n", err.msg);
        return BS_EXIT_INPUT;
    }
    for (size_t i = 0; i < m->nproblems; i++)
        fprintf(stderr, "broadsheet batch: %s\n", m->problems[i]);
    int rc = m->nproblems ? BS_EXIT_INPUT : BS_EXIT_OK;
    if (write_manifest) {
        char *csv = bs_manifest_to_csv(m, &err);
        if (!csv) {
            fprintf(stderr, "broadsheet batch: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        } else if (!strcmp(write_manifest, "-")) {
            fputs(csv, stdout);
        } else if (bs_write_file_atomic(write_manifest, csv, strlen(csv), &err) != 0) {
            fprintf(stderr, "broadsheet batch: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
        }
        free(csv);
        bs_manifest_free(m);
        return rc;
    }
    if (m->nissues == 0) {
        fprintf(stderr, "broadsheet batch: %s: no issues found\n", argv[optind]);
        bs_manifest_free(m);
        return BS_EXIT_INPUT;
    }

    int setup = bs_cli_pipeline_setup(&cp, v.quiet || v.json);
    if (setup != BS_EXIT_OK) {
        bs_manifest_free(m);
        return setup;
    }
    opt.pipeline = cp.pipeline;
    opt.output = cp.output;
    opt.report = cp.want_report ? &cp.report : NULL;
    /* A missing language pack: the issues needing it fail (and are redone
     * by a rerun once it is installed), the others run; if no issue can
     * run, the batch stops here, before it creates OUT. */
    size_t nslice = 0;
    bs_strbuf missing = BS_STRBUF_INIT;
    /* Kept for the run: its workers fail the issues needing a missing
     * language by name, without loading Tesseract again to find out. */
    bs_batch_langs langs = {0};
    size_t blocked = bs_batch_check_languages(m, &opt, &nslice, &missing, &langs);
    for (char *line = missing.buf, *lf; (lf = strchr(line, '\n')) != NULL; line = lf + 1)
        fprintf(stderr, "broadsheet batch: %s%.*s\n", blocked < nslice ? "warning: " : "",
                (int)(lf - line), line);
    bs_strbuf_release(&missing);
    if (blocked && blocked == nslice) {
        fprintf(stderr, "broadsheet batch: no issue can be read; install the language data or "
                        "change --lang\n");
        bs_batch_langs_release(&langs);
        bs_cli_pipeline_release(&cp);
        bs_manifest_free(m);
        return BS_EXIT_INPUT;
    }
    if (blocked)
        fprintf(stderr, "broadsheet batch: warning: %zu of %zu issues will fail for want of a "
                        "language; the others run\n", blocked, nslice);
    opt.langs = &langs;

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    opt.cancel = &batch_cancel;

    v.tty = !v.json && isatty(STDERR_FILENO);
    bs_progress_init(&v.prog, now_s());
    v.last = v.prog.start;
    opt.on_event = on_event;
    opt.event_ctx = &v;
    /* The models bs_cli_pipeline_setup opened (none with --no-models, no
     * corrector with --no-correct) are shared read-only by every worker. */
    bs_batch_result res;
    int brc = bs_batch_run(m, &opt, &res, &err);
    bs_batch_langs_release(&langs);
    if (v.tty && !v.quiet)
        fputs("\n", stderr);
    if (brc != 0) {
        fprintf(stderr, "broadsheet batch: %s\n", err.msg);
        rc = BS_EXIT_INPUT;
        if (res.issues == 0) { /* it never started: no summary to give */
            bs_strbuf_release(&v.line);
            bs_manifest_free(m);
            bs_cli_pipeline_release(&cp);
            return rc;
        }
    }
    if (res.failed || res.qc_failed || res.interrupted || res.cancelled)
        rc = BS_EXIT_INPUT;
    const char *state = opt.state_dir ? opt.state_dir : opt.outdir;
    if (res.chars_replaced && !v.json)
        fprintf(stderr, "broadsheet batch: %zu characters not in %s written as '?' (per issue in %s/%s)\n",
                res.chars_replaced, opt.output.encoding, state, BS_BATCH_JOURNAL);
    if (res.interrupted)
        fprintf(stderr, "broadsheet batch: interrupted; %zu unfinished issues will be redone by a rerun\n",
                res.issues - res.skipped - res.done - res.flagged);
    if (v.json) {
        printf("{\"event\":\"finish\",\"issues\":%zu,\"skipped\":%zu,\"ok\":%zu,\"flagged\":%zu,"
               "\"failed\":%zu,\"cancelled\":%zu,\"pages\":%zu,\"pages_failed\":%zu,"
               "\"qc_failed_rows\":%zu,\"chars_replaced\":%zu,\"interrupted\":%s,\"exit\":%d}\n",
               res.issues, res.skipped, res.done, res.flagged, res.failed, res.cancelled, res.pages,
               res.pages_failed, res.qc_failed, res.chars_replaced, res.interrupted ? "true" : "false",
               rc);
    } else if (!v.quiet) {
        printf("%s: %zu issues (%zu already done, %zu ok, %zu flagged, %zu failed), %zu pages read, "
               "%zu failed; see %s/%s\n",
               opt.outdir, res.issues, res.skipped, res.done, res.flagged, res.failed, res.pages,
               res.pages_failed, state, BS_BATCH_QC);
    }
    bs_strbuf_release(&v.line);
    bs_manifest_free(m);
    bs_cli_pipeline_release(&cp);
    return rc;
}
