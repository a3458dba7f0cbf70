/*
 * progress.c - batch progress counters and rendering; see progress.h.
 */
#include "progress.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "issue_json.h"
#include "xalloc.h"

/* Rates measured over less than this many seconds are noise. */
#define PROGRESS_MIN_SECONDS 1.0

void bs_progress_init(bs_progress *p, double now)
{
    memset(p, 0, sizeof(*p));
    p->start = now;
}

void bs_progress_update(bs_progress *p, const bs_batch_event *ev)
{
    switch (ev->kind) {
    case BS_BATCH_START:
        p->issues_total = ev->issues + ev->skipped;
        p->issues_skipped = ev->skipped;
        p->pages_total = ev->pages;
        break;
    case BS_BATCH_PAGE_DONE:
        p->pages_done++;
        if (ev->failed)
            p->pages_failed++;
        break;
    case BS_BATCH_ISSUE_DONE:
        p->issues_done++;
        if (ev->status && !strcmp(ev->status, "flagged"))
            p->issues_flagged++;
        else if (ev->status && !strcmp(ev->status, "failed"))
            p->issues_failed++;
        break;
    case BS_BATCH_ISSUE_CANCELLED:
        p->issues_cancelled++;
        break;
    default:
        break;
    }
}

double bs_progress_rate(const bs_progress *p, double now)
{
    double dt = now - p->start;
    if (dt < PROGRESS_MIN_SECONDS)
        return 0;
    return (double)p->pages_done * 60.0 / dt;
}

double bs_progress_eta(const bs_progress *p, double now)
{
    double rate = bs_progress_rate(p, now);
    if (rate <= 0 || p->pages_done == 0)
        return -1;
    size_t left = p->pages_total > p->pages_done ? p->pages_total - p->pages_done : 0;
    return (double)left * 60.0 / rate;
}

static void add_duration(bs_strbuf *sb, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        bs_strbuf_addf(sb, "%ldh%02ldm", t / 3600, t % 3600 / 60);
    else if (t >= 60)
        bs_strbuf_addf(sb, "%ldm%02lds", t / 60, t % 60);
    else
        bs_strbuf_addf(sb, "%lds", t);
}

void bs_progress_line(const bs_progress *p, double now, bs_strbuf *out)
{
    bs_strbuf_reset(out);
    bs_strbuf_addf(out, "issues %zu/%zu", p->issues_done + p->issues_skipped, p->issues_total);
    if (p->issues_skipped)
        bs_strbuf_addf(out, " (%zu resumed)", p->issues_skipped);
    bs_strbuf_addf(out, "  pages %zu/%zu  %.1f pages/min  ETA ", p->pages_done, p->pages_total,
                   bs_progress_rate(p, now));
    double eta = bs_progress_eta(p, now);
    if (eta < 0)
        bs_strbuf_addstr(out, "?");
    else
        add_duration(out, eta);
    size_t failed = p->issues_flagged + p->issues_failed;
    bs_strbuf_addf(out, "  %zu failed", failed);
    if (p->pages_failed)
        bs_strbuf_addf(out, " (%zu pages)", p->pages_failed);
}

/* Member k of o when v is given; bytes of v that are not UTF-8 (a file
 * name in Latin-1) become U+FFFD rather than losing the member. */
static void set_str(json_t *o, const char *k, const char *v)
{
    if (v)
        json_object_set_new(o, k, bs_json_string(v));
}

char *bs_progress_event_json(const bs_progress *p, const bs_batch_event *ev, double now)
{
    json_t *o = json_object();
    json_object_set_new(o, "event", json_string(bs_batch_event_name(ev->kind)));
    set_str(o, "issue", ev->issue);
    set_str(o, "path", ev->path);
    set_str(o, "status", ev->status);
    set_str(o, "reason", ev->reason);
    if (ev->kind == BS_BATCH_PAGE_DONE)
        json_object_set_new(o, "failed", json_integer(ev->failed));
    if (ev->kind == BS_BATCH_ISSUE_DONE) {
        json_object_set_new(o, "pages", json_integer((json_int_t)ev->pages));
        json_object_set_new(o, "pages_failed", json_integer((json_int_t)ev->pages_failed));
        json_object_set_new(o, "articles", json_integer((json_int_t)ev->articles));
    }
    if (ev->worker >= 0)
        json_object_set_new(o, "worker", json_integer(ev->worker));
    /* Counters go in their own object so they never collide with the
     * event's fields (an issue's pages_failed vs the batch's). */
    json_t *c = json_object();
    json_object_set_new(c, "issues_total", json_integer((json_int_t)p->issues_total));
    json_object_set_new(c, "issues_done", json_integer((json_int_t)(p->issues_done + p->issues_skipped)));
    json_object_set_new(c, "issues_failed",
                        json_integer((json_int_t)(p->issues_flagged + p->issues_failed)));
    json_object_set_new(c, "pages_total", json_integer((json_int_t)p->pages_total));
    json_object_set_new(c, "pages_done", json_integer((json_int_t)p->pages_done));
    json_object_set_new(c, "pages_failed", json_integer((json_int_t)p->pages_failed));
    json_object_set_new(c, "pages_per_min", json_real(round(bs_progress_rate(p, now) * 10) / 10));
    double eta = bs_progress_eta(p, now);
    json_object_set_new(c, "eta_s", eta < 0 ? json_null() : json_integer((json_int_t)(eta + 0.5)));
    json_object_set_new(c, "elapsed_s", json_real(round((now - p->start) * 10) / 10));
    json_object_set_new(o, "progress", c);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    char *r = bs_xstrdup(s);
    free(s);
    return r;
}
