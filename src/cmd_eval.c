/*
 * cmd_eval.c - `broadsheet eval`: score article output against ground truth.
 *
 * Public functions:
 *     bs_cmd_eval
 *
 *   broadsheet eval GT.json OUT.json [GT2.json OUT2.json ...] [--json] [--per-article]
 *   broadsheet eval --set DIR --out DIR2 [--json] [--per-article]
 *
 * The numbers are those of shared/eval/score.py (see eval.h).  With one
 * pair the JSON output is score.py's object (plus "articles" with
 * --per-article).  With several pairs, or --set, it is the pooled total
 * (eval.h: aca weighted by true text length, the shares by their counts)
 * under the same keys, then "failed": the number of pairs that could not
 * be scored (reported on stderr and left out of the total), and "issues":
 * one object per scored pair with "name", "gt", "out" and then that pair's
 * own scores under the same keys.  --set takes every DIR/NAME/issue.json
 * (and every DIR/NAME.json, the layout of shared/eval/dev) as ground
 * truth, in name order, and scores DIR2/NAME/issue.json against it.
 *
 * Output is a table when stdout is a terminal, JSON otherwise or with
 * --json.  Exit status: 0 all scored, 1 some input could not be read,
 * 2 usage error.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "eval.h"
#include "strbuf.h"
#include "xalloc.h"

/* Widest issue name column of the table, in bytes; the column is as wide
 * as the longest name up to this, so that long paths do not push the
 * numbers off an 80-column terminal's worth of width twice over. */
#define EVAL_NAME_COLUMN_MAX 60

typedef struct eval_job {
    char *name; /* row label */
    char *gt;   /* ground truth path */
    char *out;  /* output path */
} eval_job;

typedef struct job_list {
    eval_job *v;
    size_t n, cap;
} job_list;

static void usage(FILE *f)
{
    fprintf(f, "usage: broadsheet eval GT.json OUT.json [GT2.json OUT2.json ...] [--json] "
               "[--per-article]\n"
               "       broadsheet eval --set DIR --out DIR2 [--json] [--per-article]\n"
               "\n"
               "Scores article output (Broadsheet's issue.json) against ground truth as\n"
               "shared/eval/score.py does: aca, complete, jump_recall, jump_precision,\n"
               "title_acc.  --set scores DIR2/NAME/issue.json against each\n"
               "DIR/NAME/issue.json (or DIR/NAME.json) and prints the pooled total.\n"
               "  --json          print JSON even on a terminal\n"
               "  --per-article   add each true article's match, cer and wer\n");
}

static void add_job(job_list *jl, const char *name, const char *gt, const char *out)
{
    BS_ARRAY_GROW(jl->v, jl->cap, jl->n + 1);
    jl->v[jl->n].name = bs_xstrdup(name);
    jl->v[jl->n].gt = bs_xstrdup(gt);
    jl->v[jl->n].out = bs_xstrdup(out);
    jl->n++;
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fill jl from the ground truth set dir and the output set outdir. */
static int list_set(const char *dir, const char *outdir, job_list *jl, bs_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open directory", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        BS_ARRAY_GROW(names, cap, n + 1);
        names[n++] = bs_xstrdup(de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp_str);
    bs_strbuf gt = BS_STRBUF_INIT, out = BS_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i];
        size_t len = strlen(name);
        bs_strbuf_reset(&gt);
        bs_strbuf_addf(&gt, "%s/%s/issue.json", dir, name);
        if (!is_regular(gt.buf)) {
            bs_strbuf_reset(&gt);
            bs_strbuf_addf(&gt, "%s/%s", dir, name);
            if (len <= 5 || strcmp(name + len - 5, ".json") != 0 || !is_regular(gt.buf))
                continue;
            names[i][len - 5] = '\0'; /* the stem names the issue */
        }
        bs_strbuf_reset(&out);
        bs_strbuf_addf(&out, "%s/%s/issue.json", outdir, name);
        add_job(jl, name, gt.buf, out.buf);
    }
    bs_strbuf_release(&gt);
    bs_strbuf_release(&out);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (jl->n == 0)
        return bs_error_set(err, BS_ERR_IO, "%s: no DIR/NAME/issue.json or DIR/NAME.json found",
                            dir);
    return 0;
}

static void print_score(double x, int defined, int width)
{
    if (defined)
        printf(" %*.4f", width, x);
    else
        printf(" %*s", width, "-");
}

static void print_header(int width)
{
    printf("%-*s %5s %5s %5s %7s %8s %8s %9s %9s\n", width, "issue", "arts", "out",
           "jumps", "aca", "complete", "jump_rec", "jump_prec", "title_acc");
}

static void print_row(int width, const char *name, const bs_eval_result *r)
{
    printf("%-*s %5zu %5zu %5zu", width, name, r->n_articles, r->n_out, r->n_jumps);
    print_score(r->aca, 1, 7);
    print_score(r->complete, 1, 8);
    print_score(r->jump_recall, r->has_jump_recall, 8);
    print_score(r->jump_precision, r->has_jump_precision, 9);
    print_score(r->title_acc, 1, 9);
    printf("\n");
}

static void print_articles(const bs_eval_result *r, const bs_eval_doc *gt)
{
    printf("    %4s %5s %6s %7s %7s %7s %5s  %s\n", "gt", "match", "chars", "cer", "wer", "title",
           "multi", "title");
    for (size_t i = 0; i < r->narticles; i++) {
        const bs_eval_article_score *a = &r->articles[i];
        printf("    %4zu", a->gt);
        if (a->match >= 0)
            printf(" %5ld", a->match);
        else
            printf(" %5s", "-");
        printf(" %6zu %7.4f %7.4f", a->chars, a->cer, a->wer);
        print_score(a->title_acc, a->title_acc >= 0, 7);
        printf(" %5s  %s\n", a->multi_page ? "yes" : "", gt->articles[a->gt].title_raw);
    }
}

/* Score every job and print the table or the JSON; returns the exit
 * status.  json: print JSON rather than a table; many: print per-issue
 * rows and the pooled total rather than one issue's object. */
static int run_jobs(const job_list *jobs, int json, int per_article, int many)
{
    int table = !json, rc = BS_EXIT_OK;
    bs_error err = {0, ""};
    bs_eval_result total = {0};
    size_t failed = 0;
    bs_strbuf js = BS_STRBUF_INIT; /* JSON of the issues, when many */
    int width = (int)strlen("issue");
    for (size_t k = 0; k < jobs->n; k++) {
        size_t len = strlen(jobs->v[k].name);
        if (len > (size_t)width)
            width = len < EVAL_NAME_COLUMN_MAX ? (int)len : EVAL_NAME_COLUMN_MAX;
    }
    if (table)
        print_header(width);
    for (size_t k = 0; k < jobs->n; k++) {
        const eval_job *j = &jobs->v[k];
        bs_eval_doc *gt = bs_eval_load_gt(j->gt, &err);
        bs_eval_doc *out = gt ? bs_eval_load_out(j->out, &err) : NULL;
        if (!gt || !out) {
            fprintf(stderr, "broadsheet eval: %s\n", err.msg);
            bs_eval_doc_free(gt);
            failed++;
            continue;
        }
        bs_eval_result r;
        bs_eval_score(gt, out, &r);
        bs_eval_result_merge(&total, &r);
        if (table) {
            print_row(width, j->name, &r);
            if (per_article)
                print_articles(&r, gt);
        } else if (!many) {
            bs_strbuf_reset(&js);
            bs_eval_result_to_json(&r, gt, per_article, 1, &js);
        } else {
            bs_strbuf_addstr(&js, js.len ? ", {\"name\": " : "{\"name\": ");
            bs_eval_json_string(&js, j->name);
            bs_strbuf_addstr(&js, ", \"gt\": ");
            bs_eval_json_string(&js, j->gt);
            bs_strbuf_addstr(&js, ", \"out\": ");
            bs_eval_json_string(&js, j->out);
            /* The scores' members follow in the same object. */
            bs_strbuf one = BS_STRBUF_INIT;
            bs_eval_result_to_json(&r, gt, per_article, 1, &one);
            bs_strbuf_addstr(&js, ", ");
            bs_strbuf_addstr(&js, one.buf + 1);
            bs_strbuf_release(&one);
        }
        bs_eval_result_release(&r);
        bs_eval_doc_free(gt);
        bs_eval_doc_free(out);
    }
    if (failed)
        rc = BS_EXIT_INPUT;
    if (table) {
        if (many)
            print_row(width, "total", &total);
        if (failed)
            printf("(%zu of %zu issues could not be scored; see above)\n", failed, jobs->n);
    } else if (!many) {
        if (js.len)
            printf("%s\n", js.buf);
    } else {
        bs_strbuf t = BS_STRBUF_INIT;
        bs_eval_result_to_json(&total, NULL, 0, 0, &t);
        printf("%s, \"failed\": %zu, \"issues\": [%s]}\n", t.buf, failed, js.buf);
        bs_strbuf_release(&t);
    }
    bs_strbuf_release(&js);
    fflush(stdout);
    return rc;
}

int bs_cmd_eval(int argc, char **argv)
{
    int json = 0, per_article = 0, opts_done = 0;
    const char *set = NULL, *outdir = NULL;
    const char **pos = bs_xcalloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
    size_t npos = 0;
    job_list jobs = {0};
    bs_error err = {0, ""};
    int rc = BS_EXIT_OK;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts_done || a[0] != '-' || a[1] == '\0') {
            pos[npos++] = a;
        } else if (strcmp(a, "--") == 0) {
            opts_done = 1;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--per-article") == 0) {
            per_article = 1;
        } else if (strcmp(a, "--set") == 0 || strcmp(a, "--out") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "broadsheet eval: %s needs a directory\n", a);
                rc = BS_EXIT_USAGE;
                goto done;
            }
            if (a[2] == 's')
                set = argv[++i];
            else
                outdir = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            goto done;
        } else {
            fprintf(stderr, "broadsheet eval: unknown option %s\n", a);
            usage(stderr);
            rc = BS_EXIT_USAGE;
            goto done;
        }
    }
    if (set ? (!outdir || npos) : (outdir || npos < 2 || npos % 2)) {
        fprintf(stderr, "broadsheet eval: %s\n",
                set ? (outdir ? "--set takes no GT/OUT files" : "--set needs --out DIR2")
                    : outdir ? "--out goes with --set"
                             : "expected GT.json OUT.json pairs");
        usage(stderr);
        rc = BS_EXIT_USAGE;
        goto done;
    }

    if (set) {
        if (list_set(set, outdir, &jobs, &err) < 0) {
            fprintf(stderr, "broadsheet eval: %s\n", err.msg);
            rc = BS_EXIT_INPUT;
            goto done;
        }
    } else {
        for (size_t i = 0; i + 1 < npos; i += 2)
            add_job(&jobs, pos[i], pos[i], pos[i + 1]);
    }
    rc = run_jobs(&jobs, json || !isatty(STDOUT_FILENO), per_article, set || jobs.n > 1);

done:
    for (size_t k = 0; k < jobs.n; k++) {
        free(jobs.v[k].name);
        free(jobs.v[k].gt);
        free(jobs.v[k].out);
    }
    free(jobs.v);
    free(pos);
    return rc;
}
