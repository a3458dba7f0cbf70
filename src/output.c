/*
 * output.c - write an issue's outputs; see output.h.
 */
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "issue_json.h"
#include "strbuf.h"

char *bs_output_article_text(const bs_article *a)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    if (a->kicker)
        bs_strbuf_addf(&sb, "%s\n", a->kicker);
    if (a->title)
        bs_strbuf_addf(&sb, "%s\n", a->title);
    if (a->deck)
        bs_strbuf_addf(&sb, "%s\n", a->deck);
    if (a->byline)
        bs_strbuf_addf(&sb, "%s\n", a->byline);
    if (sb.len)
        bs_strbuf_addch(&sb, '\n');
    for (size_t i = 0; i < a->nparagraphs; i++)
        bs_strbuf_addf(&sb, "%s\n", a->paragraphs[i]);
    for (size_t i = 0; i < a->ncaptions; i++)
        bs_strbuf_addf(&sb, "\n[%s]\n", a->captions[i]);
    return bs_strbuf_detach(&sb);
}

int bs_output_write(const bs_issue *issue, const char *outdir, bs_error *err)
{
    char *artdir = bs_path_join(outdir, "articles");
    int rc = bs_mkdir_p(artdir, err);
    for (size_t i = 0; rc == 0 && i < issue->narticles; i++) {
        char name[32];
        snprintf(name, sizeof(name), "%03zu.txt", i + 1);
        char *path = bs_path_join(artdir, name);
        char *text = bs_output_article_text(&issue->articles[i]);
        rc = bs_write_file_atomic(path, text, strlen(text), err);
        free(text);
        free(path);
    }
    free(artdir);
    if (rc == 0) {
        char *json = bs_path_join(outdir, "issue.json");
        rc = bs_issue_write_json_file(issue, json, err);
        free(json);
    }
    return rc;
}
