/*
 * progress.h - batch progress: counters, rate, ETA, and their rendering.
 *
 * Public functions:
 *     bs_progress_init, bs_progress_update, bs_progress_rate,
 *     bs_progress_eta, bs_progress_line, bs_progress_event_json
 *
 * The batch reports events (batch.h); this module turns them into what a
 * person or a log collector reads, without printing (the CLI prints):
 * one status line ("issues 3/10  pages 12/40  5.2 pages/min  ETA 5m20s
 * 1 failed"), and one JSON object per event for --json-log.  The rate is
 * pages read in this run over time since the start, so skipped issues of a
 * resumed batch do not inflate it; the ETA is the pages left at that rate,
 * unknown until the first page is read.
 *
 * Times are seconds on any monotonic clock, passed in by the caller, so the
 * arithmetic is testable without waiting.
 */
#ifndef BS_PROGRESS_H
#define BS_PROGRESS_H

#include <stddef.h>

#include "batch.h"
#include "strbuf.h"

typedef struct bs_progress {
    size_t issues_total, issues_done, issues_skipped; /* done: ok+flagged+failed */
    size_t issues_flagged, issues_failed, issues_cancelled;
    size_t pages_total, pages_done, pages_failed;
    double start;              /* seconds, caller's clock */
} bs_progress;

void bs_progress_init(bs_progress *p, double now);

/* Count ev. */
void bs_progress_update(bs_progress *p, const bs_batch_event *ev);

/* Pages per minute since start; 0 before any time has passed. */
double bs_progress_rate(const bs_progress *p, double now);

/* Seconds left at the current rate; -1 when unknown. */
double bs_progress_eta(const bs_progress *p, double now);

/* The status line (no line break) into out (reset first). */
void bs_progress_line(const bs_progress *p, double now, bs_strbuf *out);

/* ev as one compact JSON object with the counters after it, without a line
 * break: {"event":"issue_done","issue":"x","status":"ok",...,
 * "progress":{"issues_total":10,...,"pages_per_min":5.2,"eta_s":310}}.
 * Caller frees. */
char *bs_progress_event_json(const bs_progress *p, const bs_batch_event *ev, double now);

#endif
