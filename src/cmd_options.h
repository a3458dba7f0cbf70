/*
 * cmd_options.h - the pipeline options that `run`, `batch` and
 * `reassemble` share, parsed in one place.
 *
 * Public functions:
 *     bs_cli_pipeline_init, bs_cli_pipeline_option, bs_cli_pipeline_setup,
 *     bs_cli_pipeline_release, bs_cli_pipeline_usage, bs_cli_parse_positive,
 *     bs_cli_parse_limit, bs_cli_json_limit_option, bs_cli_image_limit_option,
 *     bs_cli_text_model_option, bs_cli_open_models
 *
 * A user who learned `broadsheet run --lang chi_tra --no-correct` expects
 * `broadsheet batch` to take the same option with the same meaning, and
 * to produce the same articles from the same pages.  So the options that
 * shape the pipeline (languages, input limits, models, the corrector,
 * output encoding, QC thresholds, the report) have one table of long
 * options (BS_CLI_PIPELINE_LONGOPTS, spliced into each command's own
 * getopt table), one handler and one help text; each command keeps its own
 * options (-o, -j, --slice) beside them.
 *
 * Ownership: a bs_cli_pipeline owns the models it opened (close with
 * bs_cli_pipeline_release); option strings point into argv.
 */
#ifndef BS_CMD_OPTIONS_H
#define BS_CMD_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

#include "lm_hooks.h"
#include "output.h"
#include "pipeline.h"
#include "report.h"

/* getopt_long values of the shared options: above any short option. */
enum {
    BS_CLI_OPT_TESSDATA = 1000,
    BS_CLI_OPT_MAX_SIDE,
    BS_CLI_OPT_MAX_PIXELS,
    BS_CLI_OPT_QC_CONFIG,
    BS_CLI_OPT_NO_REPORT,
    BS_CLI_OPT_REPORT,
    BS_CLI_OPT_ENCODING,
    BS_CLI_OPT_ENCODING_FALLBACK,
    BS_CLI_OPT_NO_MODELS,
    BS_CLI_OPT_NO_CORRECT,
    BS_CLI_OPT_NO_REREAD,
    BS_CLI_OPT_MAX_XML_BYTES,
    BS_CLI_OPT_MAX_XML_DEPTH,
    BS_CLI_OPT_MAX_JSON_BYTES,
    BS_CLI_OPT_MAX_LINE_BYTES,
    BS_CLI_OPT_MAX_REGIONS,
    BS_CLI_OPT_TEXT_MODEL,
};

/* --text-model options a command takes: one text model per language. */
#define BS_CLI_MAX_TEXT_MODELS 2

/* The shared entries of a getopt_long table ('-l' is the short form of
 * --lang; add "l:" to the short options). */
#define BS_CLI_PIPELINE_LONGOPTS                                                  \
    {"lang", required_argument, NULL, 'l'},                                       \
    {"tessdata", required_argument, NULL, BS_CLI_OPT_TESSDATA},                   \
    {"max-side", required_argument, NULL, BS_CLI_OPT_MAX_SIDE},                   \
    {"max-pixels", required_argument, NULL, BS_CLI_OPT_MAX_PIXELS},               \
    {"qc-config", required_argument, NULL, BS_CLI_OPT_QC_CONFIG},                 \
    {"no-report", no_argument, NULL, BS_CLI_OPT_NO_REPORT},                       \
    {"report", no_argument, NULL, BS_CLI_OPT_REPORT},                             \
    {"encoding", required_argument, NULL, BS_CLI_OPT_ENCODING},                   \
    {"encoding-fallback", no_argument, NULL, BS_CLI_OPT_ENCODING_FALLBACK},       \
    {"no-models", no_argument, NULL, BS_CLI_OPT_NO_MODELS},                       \
    {"text-model", required_argument, NULL, BS_CLI_OPT_TEXT_MODEL},               \
    {"no-correct", no_argument, NULL, BS_CLI_OPT_NO_CORRECT},                     \
    {"no-reread", no_argument, NULL, BS_CLI_OPT_NO_REREAD},                       \
    {"max-xml-bytes", required_argument, NULL, BS_CLI_OPT_MAX_XML_BYTES},         \
    {"max-xml-depth", required_argument, NULL, BS_CLI_OPT_MAX_XML_DEPTH},         \
    {"max-json-bytes", required_argument, NULL, BS_CLI_OPT_MAX_JSON_BYTES},       \
    {"max-line-bytes", required_argument, NULL, BS_CLI_OPT_MAX_LINE_BYTES},       \
    {"max-regions", required_argument, NULL, BS_CLI_OPT_MAX_REGIONS}

typedef struct bs_cli_pipeline {
    const char *cmd;               /* "run", "batch": prefix of messages */
    bs_pipeline_options pipeline;  /* with the input limits: .limits (images),
                                      .xml_limits, .json_limits */
    bs_output_options output;
    bs_report_options report;      /* valid after setup */
    const char *qc_config;
    int want_report;               /* write OUTDIR/report/ */
    int want_models;               /* language models for joins, hyphens, order */
    int want_correct;              /* confusable-character corrector */
    const char *text_models[BS_CLI_MAX_TEXT_MODELS]; /* --text-model files */
    size_t n_text_models;
    bs_lm_hooks *models;           /* owned, after setup; NULL without models */
} bs_cli_pipeline;

/* Defaults for command cmd; want_report is the command's own default. */
void bs_cli_pipeline_init(bs_cli_pipeline *cp, const char *cmd, int want_report);

/* Handle getopt_long's value c (argument arg).  Returns 1 if c was a
 * shared option, 0 if it is the command's own, -1 after printing a usage
 * error to stderr. */
int bs_cli_pipeline_option(bs_cli_pipeline *cp, int c, const char *arg);

/* Check the encoding, load the QC thresholds, open the models and plug
 * them (and the corrector) into the pipeline options.  Prints warnings
 * unless quiet.  Returns BS_EXIT_OK or the exit code to return. */
int bs_cli_pipeline_setup(bs_cli_pipeline *cp, int quiet);

void bs_cli_pipeline_release(bs_cli_pipeline *cp);

/* A positive decimal integer: the whole of s, 1..LONG_MAX; -1 if s is not
 * one. */
long bs_cli_parse_positive(const char *s);

/* arg as the value of option name of command cmd, 1..ceiling (why: the
 * reason for a ceiling below LONG_MAX, " (...)" or "").  Prints the usage
 * error naming the option and returns -1 when arg is not one. */
long bs_cli_parse_limit(const char *cmd, const char *name, const char *arg, long ceiling,
                        const char *why);

/* Handle getopt_long's value c (argument arg) if it is one of the issue
 * JSON limits (BS_CLI_OPT_MAX_JSON_BYTES, _LINE_BYTES, _REGIONS), setting
 * it in lim; for commands that read issue.json but take no other shared
 * option (`report`).  cmd prefixes messages.  Returns 1 if c was one of
 * them, 0 if not, -1 after printing a usage error to stderr. */
int bs_cli_json_limit_option(bs_issue_json_limits *lim, const char *cmd, int c, const char *arg);

/* Handle getopt_long's value c (argument arg) if it is an image limit
 * (BS_CLI_OPT_MAX_SIDE, BS_CLI_OPT_MAX_PIXELS), setting it in lim; for
 * `report`, which reloads page images but takes no other shared option.
 * Returns 1 if c was one of them, 0 if not, -1 after printing a usage
 * error prefixed by cmd. */
int bs_cli_image_limit_option(bs_image_limits *lim, const char *cmd, int c, const char *arg);

/* Add arg to the --text-model files (list, *n of them, at most
 * BS_CLI_MAX_TEXT_MODELS).  Returns 1, or -1 after printing a usage error
 * prefixed by cmd. */
int bs_cli_text_model_option(const char **list, size_t *n, const char *cmd, const char *arg);

/* Open the models unless want_models is 0 (then *models is NULL), and
 * adapt them with the n text models of list (bs_lm_hooks_adapt).  Prints
 * a warning for a missing model unless quiet, and errors prefixed by cmd.
 * Returns BS_EXIT_OK with *models set (the caller closes it), or
 * BS_EXIT_USAGE: a text model that cannot be used, or text models with
 * want_models 0. */
int bs_cli_open_models(const char *cmd, int want_models, const char *const *list, size_t n,
                       int quiet, bs_lm_hooks **models);

/* Print the help lines of the shared options. */
void bs_cli_pipeline_usage(FILE *f, int report_default);

#endif
