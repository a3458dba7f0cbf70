/*
 * qc_table.h - the batch QC table (qc.csv): what needs a person's attention.
 *
 * Public functions:
 *     bs_qc_table_new, bs_qc_table_free, bs_qc_table_add_issue,
 *     bs_qc_table_add_missing, bs_qc_table_read_csv, bs_qc_table_to_csv,
 *     bs_qc_table_write, bs_qc_table_count
 *
 * One row per issue and one per page, with columns
 *     attention,issue,page,status,articles,mean_conf,pages,pages_failed,reason
 * sorted by attention (0 first), then mean confidence (lowest first), then
 * issue (natural order) and page (the issue's own row, page empty, first).
 * attention is a number so that a person, a spreadsheet or `sort -n` agrees
 * on the order, and slices of a cluster batch can be merged by reading
 * their tables back (bs_qc_table_read_csv) and writing them once more:
 *     0  failed: the page or issue could not be read or written
 *     1  flagged: the issue was written but some of its pages failed
 *     2  warning: no text found, low OCR confidence, unmatched jumps
 *     3  ok
 * The table is built from each issue's model (in practice its issue.json),
 * never from timings or run order, so an interrupted and resumed batch
 * writes the same qc.csv as an uninterrupted one.
 *
 * Ownership: the table owns its rows; the caller owns the issue it adds
 * (only counts and strings are copied).
 */
#ifndef BS_QC_TABLE_H
#define BS_QC_TABLE_H

#include <stddef.h>

#include "error.h"
#include "issue.h"

enum bs_qc_attention {
    BS_QC_FAILED = 0,
    BS_QC_FLAGGED = 1,
    BS_QC_WARNING = 2,
    BS_QC_OK = 3,
};

/* A page whose mean word confidence is under this is flagged for review:
 * Tesseract words under 0.6 are wrong more often than right on newsprint. */
#define BS_QC_LOW_CONF 0.60

typedef struct bs_qc_table bs_qc_table;

bs_qc_table *bs_qc_table_new(void);
void bs_qc_table_free(bs_qc_table *t);

/* Add the issue row and one row per page of issue, under issue id. */
void bs_qc_table_add_issue(bs_qc_table *t, const char *id, const bs_issue *issue);

/* Add an issue row (attention 0) for an issue with no outputs: status
 * ("missing", "failed", ...) and reason are copied. */
void bs_qc_table_add_missing(bs_qc_table *t, const char *id, const char *status,
                             const char *reason);

/* Append the rows of a qc.csv written by bs_qc_table_write.  0 or -1 with
 * err naming the file and line of the first bad row. */
int bs_qc_table_read_csv(bs_qc_table *t, const char *path, bs_error *err);

/* The sorted table as CSV text with its header line.  Caller frees. */
char *bs_qc_table_to_csv(bs_qc_table *t);

/* Write the sorted table to path atomically.  0 or -1. */
int bs_qc_table_write(bs_qc_table *t, const char *path, bs_error *err);

/* Number of rows with attention <= level (all rows: BS_QC_OK). */
size_t bs_qc_table_count(const bs_qc_table *t, int level);

#endif
