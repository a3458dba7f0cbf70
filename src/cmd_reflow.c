/*
 * cmd_reflow.c - `broadsheet reflow [FILE...|-] -o OUTDIR`: OCR text without
 * coordinates repaired into articles (reflow.h).
 *
 * Public functions:
 *     bs_cmd_reflow
 *
 * Each FILE is one page, in the order given ("-" or no FILE: standard
 * input).  Files are decoded line by line (text_decode.h), and the issue
 * is repaired and written in parts of about REFLOW_PART_KB of
 * text (--part-kb): each part's stories are stitched, its articles and pages written
 * to temporary files of the output set (output.h, renamed into place together
 * with issue.json at the end, so a failure leaves the folder as it was),
 * its share of issue.json serialised (issue_json_writer.h), and its model
 * freed before the next part is read.  So memory is bounded by the part,
 * not by the input: an archive's year of text in one file streams
 * through.  A story continued across a part boundary is reported as an
 * unmatched jump, like one continued in another call.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_options.h"
#include "atomic_file.h"
#include "encoding.h"
#include "issue.h"
#include "issue_json_writer.h"
#include "lm_hooks.h"
#include "output.h"
#include "reflow.h"
#include "strbuf.h"
#include "text_decode.h"

/* A page of text past this size, in bytes, ends at its next blank line
 * and the rest of the file goes on as further pages: a newspaper page
 * holds at most about 60,000 characters (180 KB of UTF-8), so 4 MB is a
 * file of many pages without page breaks (an archive's whole year in one
 * file), and bounding the page bounds the work of the per-page repairs,
 * some of which compare the paragraphs of a page pairwise. */
#define REFLOW_PAGE_MAX_BYTES (4u * 1024 * 1024)
/* Text per part, in KiB (--part-kb): the pages read are repaired and written, and
 * their model freed, once this much has been read.  A newspaper issue
 * holds 2-10 MB of text, so its stories stitch within one part; the page
 * model and the repairs take about ten times the text, so a part costs
 * some 200 MB at most. */
#define REFLOW_PART_KB (16 * 1024)
/* The largest --part-kb: 4 GiB of text would take some 40 GB. */
#define REFLOW_PART_KB_CEILING (4L * 1024 * 1024)

/* Decoding problems printed per file; the rest are counted (all of the
 * kept ones go to the QC list). */
#define REFLOW_PROBLEMS_PRINTED 10

static void reflow_usage(FILE *f)
{
    fprintf(f,
            "usage: broadsheet reflow [FILE...|-] -o OUTDIR [options]\n"
            "       broadsheet reflow [FILE...|-] --json\n"
            "\n"
            "Repairs OCR text that has no coordinates (one paragraph or line per line):\n"
            "joins paragraphs cut at column breaks, puts fragments of a story back in\n"
            "order, removes repeated paragraphs, recognises headlines, section labels,\n"
            "decks, bylines, captions, photo credits and jump lines, groups stories under\n"
            "their headlines and stitches continued stories across pages.  Each FILE is\n"
            "one page, in order; \"-\" or no FILE reads standard input.  Writes\n"
            "OUTDIR/issue.json (every repair in its \"qc\" list), articles/NNN.txt and\n"
            "pages/pNNN.txt, as `broadsheet run` does.\n"
            "\n"
            "options:\n"
            "  -o, --output DIR        output folder\n"
            "      --json              print issue.json to standard output\n"
            "      --from-encoding ENC input encoding: UTF-8, GB18030, GBK, BIG5, UTF-16,\n"
            "                          UTF-16LE, UTF-16BE, ... (default: detected from the\n"
            "                          byte-order mark, UTF-8 validity and byte statistics)\n"
            "      --encoding ENC      text files (articles/, pages/) in ENC (default UTF-8)\n"
            "      --encoding-fallback write '?' for characters ENC lacks (counted)\n"
            "      --no-models         decide joins by punctuation only\n"
            "      --text-model FILE   adapt the language model with a text model built\n"
            "                          from your own text (tools/build-models --text):\n"
            "                          better order where the word lists cannot tell;\n"
            "                          once per language\n"
            "      --no-reorder        join cut paragraphs only where they stand\n"
            "      --no-dedup          keep repeated paragraphs\n"
            "      --part-kb N         repair and write the text in parts of N KiB\n"
            "                          (default %d): memory stays bounded whatever the\n"
            "                          input's size; stories continued across parts are\n"
            "                          reported as unmatched jumps\n"
            "  -q, --quiet             print errors only\n"
            "  -h, --help              this help\n"
            "\n"
            "exit codes: 0 ok, 1 some input failed or had invalid bytes (the rest is\n"
            "            still written; when no text could be read, earlier outputs in\n"
            "            OUTDIR are kept, and when an output cannot be written OUTDIR\n"
            "            is left as it was), 2 usage error\n",
            REFLOW_PART_KB);
}

/* Where the repaired issue goes, part by part. */
typedef struct reflow_sink {
    const char *outdir;            /* NULL: no output folder */
    bs_output_options out_opt;
    const bs_reflow_options *ropt;
    bs_output_stage *stage;        /* the output set, committed at the end */
    bs_issue_json_writer *writer;  /* issue.json, or stdout for --json */
    const char *json_name;         /* issue.json's path, or "<stdout>", for messages */
    bs_issue *part;                /* the pages read since the last flush */
    size_t part_bytes;             /* text read into part */
    size_t part_max;               /* flush when part_bytes reaches it */
    size_t pages, articles, qc;    /* written so far, for the summary */
    size_t chars_replaced;         /* by the encoding fallback */
    int failed;                    /* an output could not be written */
} reflow_sink;

/* Repair and write the current part and start the next: stitch its
 * stories, write its articles and pages, serialise it into issue.json's
 * writer, free it.  Messages are printed; a failure is remembered. */
static void sink_flush(reflow_sink *sk)
{
    bs_issue *part = sk->part;
    if (!part->npages && !part->nqc)
        return;
    bs_reflow_issue_finish(part, sk->ropt);
    bs_error err = {0};
    if (!sk->failed && sk->outdir) {
        bs_output_result res;
        if (bs_output_write_staged(part, sk->stage, &sk->out_opt, &res, &err) != 0) {
            fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
            sk->failed = 1;
        }
        sk->chars_replaced += res.chars_replaced;
    }
    if (!sk->failed && bs_issue_json_writer_add(sk->writer, part, &err) != 0) {
        fprintf(stderr, "broadsheet reflow: %s: %s\n", sk->json_name, err.msg);
        sk->failed = 1;
    }
    sk->pages += part->npages;
    sk->articles += part->narticles;
    sk->qc += part->nqc;
    bs_issue *next = bs_issue_new();
    next->article_base = part->article_base + part->narticles;
    bs_issue_free(part);
    sk->part = next;
    sk->part_bytes = 0;
}

/* A page of bytes bytes of text was added to the part. */
static void sink_page_done(reflow_sink *sk, size_t bytes)
{
    sk->part_bytes += bytes;
    if (sk->part_bytes >= sk->part_max)
        sink_flush(sk);
}

/* Read one file (or stdin) into issue as pages *number, *number + 1, ...
 * (a form feed, or REFLOW_PAGE_MAX_BYTES of text, starts a new page;
 * *number is advanced past the pages read).  Returns 0, or 1 when the
 * file could not be read, was empty, or had invalid bytes (messages
 * printed), 2 for an unknown encoding. */
static int read_pages(reflow_sink *sk, const char *path, const char *from_enc, int *number,
                      int quiet)
{
    const bs_reflow_options *ropt = sk->ropt;
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "broadsheet reflow: %s: cannot open: %m\n", name);
        return 1;
    }
    bs_error err = {0};
    bs_text_decoder *d = bs_text_decoder_open(f, name, from_enc, &err);
    if (!d) {
        fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
        if (!is_stdin)
            fclose(f);
        return err.code == BS_ERR_USAGE ? 2 : 1;
    }
    const char *source = is_stdin ? NULL : path;
    int first_page = *number; /* decoding problems are reported on it */
    bs_reflow_page *rp = bs_reflow_page_new(*number, source);
    bs_strbuf line = BS_STRBUF_INIT;
    size_t page_bytes = 0, lines_read = 0;
    int r, rc = 0;
    while ((r = bs_text_decoder_next_line(d, &line, &err)) > 0) {
        char *p = line.buf, *ff;
        while ((ff = strchr(p, '\f')) != NULL) {
            *ff = '\0';
            bs_reflow_page_add_line(rp, p);
            page_bytes += strlen(p);
            lines_read += bs_reflow_page_nlines(rp);
            bs_reflow_page_finish(rp, sk->part, ropt);
            sink_page_done(sk, page_bytes);
            rp = bs_reflow_page_new(++*number, source);
            page_bytes = 0;
            p = ff + 1;
        }
        bs_reflow_page_add_line(rp, p);
        page_bytes += strlen(p);
        if (page_bytes > REFLOW_PAGE_MAX_BYTES && strspn(p, " \t\r") == strlen(p)) {
            lines_read += bs_reflow_page_nlines(rp);
            bs_reflow_page_finish(rp, sk->part, ropt);
            sink_page_done(sk, page_bytes);
            rp = bs_reflow_page_new(++*number, source);
            page_bytes = 0;
        }
    }
    bs_strbuf_release(&line);
    if (r < 0) {
        fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
        rc = 1;
    }
    int detected = 0;
    const char *enc = bs_text_decoder_encoding(d, &detected);
    const bs_text_problem *pr = NULL;
    size_t kept = 0, total = bs_text_decoder_problems(d, &pr, &kept);
    size_t invalid = 0;
    for (size_t i = 0; i < kept; i++) {
        char hex[16] = "";
        for (size_t b = 0; b < pr[i].nbytes; b++)
            snprintf(hex + 3 * b, sizeof(hex) - 3 * b, "%s%02X", b ? " " : "", pr[i].bytes[b]);
        if (pr[i].kind == BS_TEXT_MIXED) {
            bs_issue_add_qc(sk->part, "mixed_encoding", first_page,
                            "%s line %zu (byte %llu) is not %s; decoded as %s", name, pr[i].line,
                            pr[i].offset, enc, pr[i].encoding);
            if (!quiet && i < REFLOW_PROBLEMS_PRINTED)
                fprintf(stderr, "broadsheet reflow: %s: warning: line %zu (byte %llu) is not %s, "
                                "decoded as %s\n", name, pr[i].line, pr[i].offset, enc, pr[i].encoding);
        } else {
            invalid++;
            bs_issue_add_qc(sk->part, "invalid_bytes", first_page,
                            "%s line %zu byte %llu: invalid %s bytes %s replaced by U+FFFD", name,
                            pr[i].line, pr[i].offset, enc, hex);
            if (i < REFLOW_PROBLEMS_PRINTED)
                fprintf(stderr, "broadsheet reflow: %s: line %zu, byte %llu: invalid %s bytes %s "
                                "(replaced by U+FFFD)\n", name, pr[i].line, pr[i].offset, enc, hex);
        }
    }
    if (total > kept)
        fprintf(stderr, "broadsheet reflow: %s: %zu more decoding problems\n", name, total - kept);
    if (invalid || total > kept)
        rc = 1;
    size_t last = bs_reflow_page_nlines(rp);
    lines_read += last;
    if (last == 0)
        bs_reflow_page_free(rp); /* nothing after the last page break */
    else {
        bs_reflow_page_finish(rp, sk->part, ropt);
        sink_page_done(sk, page_bytes);
    }
    if (lines_read == 0) {
        fprintf(stderr, "broadsheet reflow: %s: empty input (no text)\n", name);
        rc = 1;
    } else {
        if (last)
            ++*number;
        if (!quiet)
            fprintf(stderr, "broadsheet reflow: read %s (%s%s, %zu lines)\n", name, enc,
                    detected ? ", detected" : "", lines_read);
    }
    bs_text_decoder_close(d);
    if (!is_stdin)
        fclose(f);
    return rc;
}

/* Copy a written file to standard output (--json with -o). */
static int copy_to_stdout(const char *path, bs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (fwrite(buf, 1, n, stdout) != n)
            break;
    int bad = ferror(f) || ferror(stdout);
    fclose(f);
    if (bad)
        return bs_error_set(err, BS_ERR_IO, "<stdout>: write failed");
    return 0;
}

int bs_cmd_reflow(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_FROM, OPT_ENCODING, OPT_FALLBACK, OPT_NO_MODELS, OPT_NO_REORDER,
           OPT_NO_DEDUP, OPT_PART_KB, OPT_TEXT_MODEL };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, OPT_JSON},
        {"from-encoding", required_argument, NULL, OPT_FROM},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"to-encoding", required_argument, NULL, OPT_ENCODING},
        {"encoding-fallback", no_argument, NULL, OPT_FALLBACK},
        {"no-models", no_argument, NULL, OPT_NO_MODELS},
        {"text-model", required_argument, NULL, OPT_TEXT_MODEL},
        {"no-reorder", no_argument, NULL, OPT_NO_REORDER},
        {"no-dedup", no_argument, NULL, OPT_NO_DEDUP},
        {"part-kb", required_argument, NULL, OPT_PART_KB},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *outdir = NULL, *from_enc = NULL;
    int json = 0, quiet = 0, want_models = 1;
    const char *text_models[BS_CLI_MAX_TEXT_MODELS];
    size_t n_text_models = 0;
    long part_kb = REFLOW_PART_KB;
    bs_output_options out_opt = bs_output_options_default();
    bs_reflow_options ropt = bs_reflow_options_default();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': outdir = optarg; break;
        case OPT_JSON: json = 1; break;
        case OPT_FROM: from_enc = optarg; break;
        case OPT_ENCODING: out_opt.encoding = optarg; break;
        case OPT_FALLBACK: out_opt.encoding_fallback = 1; break;
        case OPT_NO_MODELS: want_models = 0; break;
        case OPT_TEXT_MODEL:
            if (bs_cli_text_model_option(text_models, &n_text_models, "reflow", optarg) < 0)
                return BS_EXIT_USAGE;
            break;
        case OPT_NO_REORDER: ropt.reorder = 0; break;
        case OPT_NO_DEDUP: ropt.dedup = 0; break;
        case OPT_PART_KB:
            if ((part_kb = bs_cli_parse_limit("reflow", "--part-kb", optarg, REFLOW_PART_KB_CEILING,
                                              " (a part's model takes ten times its text)")) < 0)
                return BS_EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': reflow_usage(stdout); return BS_EXIT_OK;
        default: reflow_usage(stderr); return BS_EXIT_USAGE;
        }
    }
    if (!outdir && !json) {
        fprintf(stderr, "broadsheet reflow: missing -o OUTDIR (or --json)\n");
        reflow_usage(stderr);
        return BS_EXIT_USAGE;
    }
    bs_error err = {0};
    if (bs_encoding_check(out_opt.encoding, &err) != 0) {
        fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    bs_lm_hooks *models = NULL;
    int mrc = bs_cli_open_models("reflow", want_models, text_models, n_text_models, quiet, &models);
    if (mrc != BS_EXIT_OK)
        return mrc;
    if (models) {
        ropt.zh = models->zh;
        ropt.en = models->en;
    }
    reflow_sink sk = {0};
    sk.outdir = outdir;
    sk.out_opt = out_opt;
    sk.out_opt.alto = 0; /* no coordinates: ALTO and METS would be empty shells */
    sk.out_opt.mets = 0;
    sk.out_opt.issue_json = 0; /* written here, part by part */
    sk.ropt = &ropt;
    sk.part_max = (size_t)part_kb << 10;
    if (outdir && bs_mkdir_p(outdir, &err) != 0) {
        fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
        bs_lm_hooks_close(models);
        return BS_EXIT_INPUT;
    }
    char *json_path = outdir ? bs_path_join(outdir, "issue.json") : NULL;
    sk.json_name = json_path ? json_path : "<stdout>";
    sk.writer = bs_issue_json_writer_new(1, outdir, &err);
    if (!sk.writer) {
        fprintf(stderr, "broadsheet reflow: %s: %s\n", sk.json_name, err.msg);
        free(json_path);
        bs_lm_hooks_close(models);
        return BS_EXIT_INPUT;
    }
    sk.stage = outdir ? bs_output_stage_new(outdir) : NULL;
    sk.part = bs_issue_new();
    int failed = 0, usage = 0;
    static char dash[] = "-";
    char *stdin_only[] = {dash};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    int number = 1;
    for (int i = 0; i < nfiles; i++) {
        int r = read_pages(&sk, files[i], from_enc, &number, quiet);
        if (r == 2) {
            usage = 1;
            break;
        }
        failed |= r;
    }
    if (usage) {
        bs_output_stage_abort(sk.stage);
        bs_issue_free(sk.part);
        bs_issue_json_writer_free(sk.writer);
        free(json_path);
        bs_lm_hooks_close(models);
        return BS_EXIT_USAGE;
    }
    sink_flush(&sk);
    bs_issue_free(sk.part);
    int rc = failed ? BS_EXIT_INPUT : BS_EXIT_OK;
    if (!sk.failed && json_path && sk.pages == 0 && bs_output_exists(outdir)) {
        /* Nothing read: writing would replace the folder's earlier
         * outputs with an empty issue. */
        fprintf(stderr, "broadsheet reflow: no text could be read; earlier outputs in %s kept\n",
                outdir);
        sk.failed = 1;
    }
    if (sk.failed) {
        bs_issue_json_writer_free(sk.writer);
        bs_output_stage_abort(sk.stage);
    } else if (json_path) {
        /* issue.json goes last into the output set, which is put in
         * place with it; writer and stage are consumed. */
        if (bs_issue_json_writer_commit(sk.writer, NULL, NULL, json_path, sk.stage, &err) != 0) {
            fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
            sk.failed = 1;
        } else if (json && copy_to_stdout(json_path, &err) != 0) {
            fprintf(stderr, "broadsheet reflow: %s\n", err.msg);
            sk.failed = 1;
        }
    } else if (bs_issue_json_writer_finish(sk.writer, NULL, NULL, stdout, &err) != 0) {
        fprintf(stderr, "broadsheet reflow: <stdout>: %s\n", err.msg);
        sk.failed = 1;
    }
    if (sk.failed) {
        rc = BS_EXIT_INPUT;
    } else if (outdir) {
        if (sk.chars_replaced)
            fprintf(stderr, "broadsheet reflow: %zu characters not in %s written as '?'\n",
                    sk.chars_replaced, out_opt.encoding);
        if (!quiet && !json)
            printf("%s: %zu pages, %zu articles, %zu QC events\n", json_path, sk.pages,
                   sk.articles, sk.qc);
    }
    free(json_path);
    bs_lm_hooks_close(models);
    return rc;
}
