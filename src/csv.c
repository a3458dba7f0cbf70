/*
 * csv.c - RFC 4180 records; see csv.h.
 */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void bs_csv_init(bs_csv *c, const char *text, size_t len)
{
    c->p = text;
    c->end = text + len;
    c->line = 1;
}

static void record_clear(bs_csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        free(rec->fields[i]);
    rec->nfields = 0;
}

void bs_csv_record_release(bs_csv_record *rec)
{
    record_clear(rec);
    free(rec->fields);
    rec->fields = NULL;
    rec->cap = 0;
}

static void record_push(bs_csv_record *rec, bs_strbuf *field)
{
    BS_ARRAY_GROW(rec->fields, rec->cap, rec->nfields + 1);
    rec->fields[rec->nfields++] = bs_strbuf_detach(field);
}

/* Move past the end of the current physical line. */
static void skip_line(bs_csv *c)
{
    while (c->p < c->end && *c->p != '\n')
        c->p++;
    if (c->p < c->end) {
        c->p++;
        c->line++;
    }
}

static int at_eol(const bs_csv *c)
{
    return c->p >= c->end || *c->p == '\n' || (*c->p == '\r' && (c->p + 1 >= c->end || c->p[1] == '\n'));
}

static void eat_eol(bs_csv *c)
{
    if (c->p < c->end && *c->p == '\r')
        c->p++;
    if (c->p < c->end && *c->p == '\n') {
        c->p++;
        c->line++;
    }
}

int bs_csv_next(bs_csv *c, bs_csv_record *rec, bs_error *err)
{
    record_clear(rec);
    /* Blank lines separate nothing; skip them. */
    while (c->p < c->end && at_eol(c))
        eat_eol(c);
    if (c->p >= c->end)
        return 0;
    rec->line = c->line;
    bs_strbuf field = BS_STRBUF_INIT;
    for (;;) {
        bs_strbuf_reset(&field);
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            int closed = 0;
            while (c->p < c->end) {
                char ch = *c->p++;
                if (ch == '"') {
                    if (c->p < c->end && *c->p == '"') {
                        c->p++;
                        bs_strbuf_addch(&field, '"');
                        continue;
                    }
                    closed = 1;
                    break;
                }
                if (ch == '\n')
                    c->line++;
                bs_strbuf_addch(&field, ch);
                if (field.len > BS_CSV_FIELD_MAX)
                    break;
            }
            if (field.len > BS_CSV_FIELD_MAX) {
                bs_error_set(err, BS_ERR_LIMIT, "line %d: field longer than %d bytes", rec->line,
                             BS_CSV_FIELD_MAX);
                goto bad;
            }
            if (!closed) {
                bs_error_set(err, BS_ERR_FORMAT, "line %d: unterminated quoted field", rec->line);
                goto bad;
            }
            if (!at_eol(c) && *c->p != ',') {
                bs_error_set(err, BS_ERR_FORMAT, "line %d: text after a closing quote", rec->line);
                goto bad;
            }
        } else {
            while (!at_eol(c) && *c->p != ',') {
                bs_strbuf_addch(&field, *c->p++);
                if (field.len > BS_CSV_FIELD_MAX) {
                    bs_error_set(err, BS_ERR_LIMIT, "line %d: field longer than %d bytes",
                                 rec->line, BS_CSV_FIELD_MAX);
                    goto bad;
                }
            }
        }
        record_push(rec, &field);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        eat_eol(c);
        break;
    }
    bs_strbuf_release(&field);
    return 1;
bad:
    bs_strbuf_release(&field);
    record_clear(rec);
    skip_line(c);
    return -1;
}

void bs_csv_add_field(bs_strbuf *sb, const char *field, int first)
{
    if (!first)
        bs_strbuf_addch(sb, ',');
    if (!field)
        return;
    size_t n = strlen(field);
    int quote = n > 0 && (field[0] == ' ' || field[n - 1] == ' ');
    if (strpbrk(field, ",\"\r\n"))
        quote = 1;
    if (!quote) {
        bs_strbuf_add(sb, field, n);
        return;
    }
    bs_strbuf_addch(sb, '"');
    for (const char *s = field; *s; s++) {
        if (*s == '"')
            bs_strbuf_addch(sb, '"');
        bs_strbuf_addch(sb, *s);
    }
    bs_strbuf_addch(sb, '"');
}
