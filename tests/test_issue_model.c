/*
 * test_issue_model.c - the page/issue model and its JSON round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "issue.h"
#include "issue_json.h"
#include "issue_json_writer.h"
#include "output.h"
#include "progress.h"
#include "strbuf.h"
#include "testenv.h"

static bs_issue *sample_issue(void)
{
    bs_issue *issue = bs_issue_new();
    issue->lang = strdup("chi_sim+eng");
    for (int pn = 1; pn <= 2; pn++) {
        bs_page *p = bs_issue_add_page(issue, pn);
        p->width = 2400;
        p->height = 3300;
        p->dpi = 300;
        p->skew_deg = 0.5 * pn;
        p->image_path = strdup(pn == 1 ? "p1.png" : "p2.png");
        p->label = strdup(pn == 1 ? "第1版" : "第2版");
        bs_region *h = bs_page_add_region(p, BS_ROLE_HEADLINE, (bs_box){10, 20, 800, 90});
        bs_line *l = bs_region_add_line(h, "市七届人大常委会召开会议", (bs_box){10, 20, 800, 90}, 0.93f);
        bs_line_add_word(l, "市七届人大常委会召开会议", (bs_box){10, 20, 800, 90}, 0.93f);
        h->order = 0;
        bs_region *b = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){10, 120, 400, 1000});
        bs_region_add_line(b, "本报讯(记者 李新)10月27日下午,", (bs_box){10, 120, 400, 40}, 0.8f);
        bs_region_add_line(b, "“quoted” text & <xml> chars", (bs_box){10, 160, 400, 40}, -1);
        b->order = 1;
        b->next_id = pn == 1 ? strdup("p2r2") : NULL;
        bs_page_add_region(p, BS_ROLE_PHOTO, (bs_box){500, 120, 600, 400});
    }
    bs_article *a = bs_issue_add_article(issue);
    bs_article_set(&a->title, "市七届人大常委会召开会议");
    bs_article_set(&a->byline, "本报讯(记者 李新)");
    bs_article_add_paragraph(a, "第一段。");
    bs_article_add_paragraph(a, "第二段。");
    bs_article_add_region(a, 1, "p1r1");
    bs_article_add_region(a, 1, "p1r2");
    bs_article_add_region(a, 2, "p2r2");
    bs_article_add_jump(a, 1, 2, "(下转第二版)", "(上接第一版)");
    a->confidence = 0.9f;
    issue->pages[0].regions[0].article = 0;
    bs_issue_add_unmatched_jump(issue, 2, "in", "(上接第三版)", "p2r9", 3, "target page missing");
    bs_issue_add_qc(issue, "join", 1, "joined %s + %s", "p1r2", "p1r3");
    return issue;
}

static void test_article_pages_and_text(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    bs_article *a = &issue->articles[0];
    int pages[8];
    assert_int_equal(bs_article_pages(a, pages, 8), 2);
    assert_int_equal(pages[0], 1);
    assert_int_equal(pages[1], 2);
    assert_int_equal(a->nparts, 2);
    assert_int_equal(a->parts[0].nregions, 2);
    char *text = bs_article_text(a);
    assert_string_equal(text, "第一段。\n第二段。");
    free(text);
    assert_string_equal(a->id, "a1");
    assert_string_equal(issue->pages[1].regions[2].id, "p2r3");
    bs_issue_free(issue);
}

static void test_json_round_trip(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *json = bs_issue_to_json(issue, 1);
    bs_error err = {0};
    bs_issue *back = bs_issue_from_json(json, strlen(json), "mem", &err);
    assert_non_null(back);
    char *json2 = bs_issue_to_json(back, 1);
    /* The writer is deterministic, so an exact round trip is byte-equal. */
    assert_string_equal(json, json2);
    assert_int_equal(back->npages, 2);
    assert_int_equal(back->pages[0].nregions, 3);
    assert_int_equal(back->pages[0].regions[0].role, BS_ROLE_HEADLINE);
    assert_int_equal(back->pages[0].regions[0].article, 0);
    assert_int_equal(back->pages[0].regions[1].box.h, 1000);
    assert_string_equal(back->pages[0].regions[1].next_id, "p2r2");
    assert_string_equal(back->pages[0].regions[1].lines[1].text, "“quoted” text & <xml> chars");
    assert_true(back->pages[0].regions[0].lines[0].conf > 0.929f);
    assert_int_equal(back->pages[0].regions[0].lines[0].nwords, 1);
    assert_string_equal(back->articles[0].title, "市七届人大常委会召开会议");
    assert_int_equal(back->articles[0].nparagraphs, 2);
    assert_int_equal(back->articles[0].njumps, 1);
    assert_string_equal(back->articles[0].jumps[0].in_text, "(上接第一版)");
    assert_int_equal(back->nunmatched, 1);
    assert_string_equal(back->unmatched[0].reason, "target page missing");
    assert_int_equal(back->nqc, 1);
    free(json);
    free(json2);
    bs_issue_free(back);
    bs_issue_free(issue);
}

static void test_json_contract_keys(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *json = bs_issue_to_json(issue, 0);
    assert_non_null(strstr(json, "\"format\":\"broadsheet-issue/1\""));
    assert_non_null(strstr(json, "\"text\":\"第一段。\\n第二段。\""));
    assert_non_null(strstr(json, "\"pages\":[1,2]"));
    assert_non_null(strstr(json, "\"parts\":[{\"page\":1,\"regions\":[\"p1r1\",\"p1r2\"]}"));
    assert_non_null(strstr(json, "\"out\":\"(下转第二版)\",\"in\":\"(上接第一版)\""));
    assert_non_null(strstr(json, "\"unmatched_jumps\":[{"));
    free(json);
    bs_issue_free(issue);
}

static void expect_error(const char *json, const char *needle)
{
    bs_error err = {0};
    bs_issue *issue = bs_issue_from_json(json, strlen(json), "bad.json", &err);
    assert_null(issue);
    assert_int_not_equal(err.code, 0);
    if (!strstr(err.msg, needle))
        fail_msg("error \"%s\" lacks \"%s\"", err.msg, needle);
    assert_non_null(strstr(err.msg, "bad.json"));
}

/* Every reader limit is the caller's: what the defaults accept, a small
 * limit refuses with BS_ERR_LIMIT, naming the file, the place and the
 * option. */
static void test_json_limits(void **state)
{
    (void)state;
    const char *json = "{\"format\": \"broadsheet-issue/1\", \"pages\": [{\"number\": 1, "
                       "\"regions\": [{\"id\": \"p1r1\", \"role\": \"body\", \"box\": [0, 0, 9, 9], "
                       "\"lines\": [{\"text\": \"a line of text\"}]}, {\"id\": \"p1r2\", "
                       "\"role\": \"body\", \"box\": [0, 20, 9, 9]}, {\"id\": \"p1r3\", "
                       "\"role\": \"body\", \"box\": [0, 40, 9, 9]}]}]}";
    bs_error err = {0};
    bs_issue *issue = bs_issue_from_json_with(json, strlen(json), "lim.json", NULL, &err);
    assert_non_null(issue);
    bs_issue_free(issue);
    /* Exactly at a limit is accepted. */
    bs_issue_json_limits lim = bs_issue_json_limits_default();
    lim.max_regions_per_page = 3;
    lim.max_line_bytes = 14;
    lim.max_bytes = (long)strlen(json);
    issue = bs_issue_from_json_with(json, strlen(json), "lim.json", &lim, &err);
    assert_non_null(issue);
    bs_issue_free(issue);

    lim = bs_issue_json_limits_default();
    lim.max_regions_per_page = 2;
    assert_null(bs_issue_from_json_with(json, strlen(json), "lim.json", &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "lim.json: pages[0].regions: 3 regions exceed the limit of 2 "
                                    "per page (--max-regions)"));

    lim = bs_issue_json_limits_default();
    lim.max_line_bytes = 10;
    bs_error_clear(&err);
    assert_null(bs_issue_from_json_with(json, strlen(json), "lim.json", &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "lim.json: pages[0].regions[0].lines[0].text: line of 14 "
                                    "bytes exceeds the limit of 10 bytes (--max-line-bytes)"));

    lim = bs_issue_json_limits_default();
    lim.max_bytes = 100;
    bs_error_clear(&err);
    assert_null(bs_issue_from_json_with(json, strlen(json), "lim.json", &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "lim.json: larger than the limit of 100 bytes (--max-json-bytes)"));

    /* The same through a file. */
    char *path = bs_test_path(bs_test_tmp(), "lim.json");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    issue = bs_issue_read_json_file_with(path, NULL, &err);
    assert_non_null(issue);
    bs_issue_free(issue);
    bs_error_clear(&err);
    assert_null(bs_issue_read_json_file_with(path, &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "(--max-json-bytes)"));
    lim = bs_issue_json_limits_default();
    lim.max_regions_per_page = 1;
    bs_error_clear(&err);
    assert_null(bs_issue_read_json_file_with(path, &lim, &err));
    assert_int_equal(err.code, BS_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "(--max-regions)"));
    free(path);
}

static void test_json_malformed(void **state)
{
    (void)state;
    expect_error("", "line");
    expect_error("{\"articles\": [", "line 1");
    expect_error("[1,2]", "top level must be an object");
    expect_error("{\"format\":\"other/1\"}", "not a broadsheet-issue");
    expect_error("{\"format\":\"broadsheet-issue/9\"}", "unsupported format version");
    expect_error("{\"pages\":[{\"regions\":[{\"box\":[1,2,3]}]}]}", "pages[0].regions[0].box");
    expect_error("{\"pages\":[{\"regions\":[{\"box\":[1,2,-3,4]}]}]}", "negative");
    expect_error("{\"pages\":[{\"number\":\"one\"}]}", "pages[0].number: expected an integer");
    expect_error("{\"pages\":[],\"articles\":[{\"title\":5}]}", "articles[0].title: expected a string");
    expect_error("{\"pages\":[],\"articles\":[7]}", "articles[0]: expected an object");
    expect_error("{\"a\":1,\"a\":2}", "duplicate");
    expect_error("{\"pages\":[{\"regions\":[{\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\","
                 "\"box\":[0,0,1,1]}]}]}", "too long");
}

/* What would make wrong outputs is refused, naming the JSON path: no page
 * model (an empty issue would replace earlier outputs), a region without
 * a box (drawn and ordered as [0,0,0,0]), two pages with one number
 * (their files and METS ids collide). */
static void test_json_refuses_bad_model(void **state)
{
    (void)state;
    expect_error("{\"format\":\"broadsheet-issue/1\",\"articles\":[]}",
                 "bad.json: pages: missing (expected an array of pages)");
    expect_error("{\"pages\":null,\"articles\":[]}", "bad.json: pages: expected an array of pages, not null");
    expect_error("{\"pages\":{}}", "bad.json: pages: expected an array");
    expect_error("{\"pages\":[{\"number\":1,\"regions\":[{\"id\":\"p1r1\",\"box\":null}]}]}",
                 "bad.json: pages[0].regions[0].box: expected [x, y, w, h], not null");
    expect_error("{\"pages\":[{\"number\":1,\"regions\":[{\"id\":\"p1r1\"}]}]}",
                 "bad.json: pages[0].regions[0].box: missing");
    expect_error("{\"pages\":[{\"number\":1},{\"number\":2},{\"number\":2},{\"number\":1}]}",
                 "bad.json: pages[2].number: page number 2 is already that of pages[1]");
    /* A page without a number takes the next: 1 then 1 again. */
    expect_error("{\"pages\":[{\"number\":3},{},{\"number\":2}]}",
                 "bad.json: pages[2].number: page number 2 is already that of pages[1]");
    /* Distinct numbers in any order, and boxes of lines left out, are fine. */
    const char *ok = "{\"pages\":[{\"number\":2},{\"number\":1,\"regions\":[{\"id\":\"r\","
                     "\"box\":[0,0,5,5],\"lines\":[{\"text\":\"x\"}]}]}]}";
    bs_error err = {0};
    bs_issue *issue = bs_issue_from_json(ok, strlen(ok), "ok.json", &err);
    assert_non_null(issue);
    assert_int_equal(issue->npages, 2);
    bs_issue_free(issue);
}

/* Bytes that are not UTF-8 (a Latin-1 file name, a broken string) are
 * written as U+FFFD, never dropped; an image name keeps its exact bytes
 * in "image_bytes", so the page image is found again after a round
 * trip.  The same in the part-by-part writer and the --json-log events. */
static void test_json_non_utf8_strings(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    free(issue->pages[0].image_path);
    issue->pages[0].image_path = strdup("bad\xff%.png");
    issue->pages[1].error = strdup("bad\xff.png: cannot decode image");
    bs_issue_add_qc(issue, "page_failed", 2, "bad\xff.png: cannot decode image");
    bs_article_set(&issue->articles[0].title, "T\xc3itle");
    free(issue->lang);
    issue->lang = strdup("x\xfe");
    char *json = bs_issue_to_json(issue, 0);
    assert_non_null(strstr(json, "\"image\":\"bad\xef\xbf\xbd%.png\",\"image_bytes\":\"bad%FF%25.png\""));
    assert_non_null(strstr(json, "\"error\":\"bad\xef\xbf\xbd.png: cannot decode image\""));
    assert_non_null(strstr(json, "\"kind\":\"page_failed\",\"page\":2,\"detail\":\"bad\xef\xbf\xbd.png"));
    assert_non_null(strstr(json, "\"title\":\"T\xef\xbf\xbditle\""));
    assert_non_null(strstr(json, "\"lang\":\"x\xef\xbf\xbd\""));
    /* Only a name that is not UTF-8 gets image_bytes. */
    assert_null(strstr(json, "\"image_bytes\":\"p2.png\""));
    bs_error err = {0};
    bs_issue *back = bs_issue_from_json(json, strlen(json), "x.json", &err);
    assert_non_null(back);
    assert_string_equal(back->pages[0].image_path, "bad\xff%.png");
    assert_string_equal(back->pages[1].image_path, "p2.png");
    bs_issue_free(back);
    /* A malformed escape is refused with its path. */
    expect_error("{\"pages\":[{\"number\":1,\"image_bytes\":\"a%G1\"}]}", "pages[0].image_bytes");
    expect_error("{\"pages\":[{\"number\":1,\"image_bytes\":\"a%00\"}]}", "pages[0].image_bytes");

    /* The writer in parts gives the same bytes. */
    bs_issue_json_writer *w = bs_issue_json_writer_new(0, bs_test_tmp(), &err);
    assert_non_null(w);
    assert_int_equal(bs_issue_json_writer_add(w, issue, &err), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(bs_issue_json_writer_finish(w, issue->id, issue->lang, mem, &err), 0);
    fclose(mem);
    assert_string_equal(buf, json);
    free(buf);
    free(json);
    bs_issue_free(issue);

    /* A --json-log event keeps its file name. */
    bs_progress p;
    bs_progress_init(&p, 0);
    bs_batch_event ev = {.kind = BS_BATCH_PAGE_DONE, .issue = "i\xff", .path = "bad\xff.png",
                         .reason = "bad\xff.png: cannot decode", .failed = 1, .worker = 0};
    char *line = bs_progress_event_json(&p, &ev, 1);
    assert_non_null(strstr(line, "\"issue\":\"i\xef\xbf\xbd\""));
    assert_non_null(strstr(line, "\"path\":\"bad\xef\xbf\xbd.png\""));
    assert_non_null(strstr(line, "\"reason\":\"bad\xef\xbf\xbd.png: cannot decode\""));
    free(line);
}

static void test_json_minimal_contract_input(void **state)
{
    (void)state;
    /* Other tools may write only the article contract; a reader that
     * does not need the page model says so. */
    const char *json = "{\"articles\":[{\"title\":\"T\",\"text\":\"p1\\n\\np2\",\"pages\":[3]}]}";
    bs_error err = {0};
    bs_issue_json_limits lim = bs_issue_json_limits_default();
    lim.require_pages = 0;
    bs_issue *issue = bs_issue_from_json_with(json, strlen(json), "min.json", &lim, &err);
    assert_non_null(issue);
    assert_int_equal(issue->narticles, 1);
    assert_int_equal(issue->articles[0].nparagraphs, 2);
    assert_string_equal(issue->articles[0].paragraphs[1], "p2");
    bs_issue_free(issue);
}

static void test_json_file_io(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *path = bs_test_path(bs_test_tmp(), "issue.json");
    bs_error err = {0};
    assert_int_equal(bs_issue_write_json_file(issue, path, &err), 0);
    bs_issue *back = bs_issue_read_json_file(path, 0, &err);
    assert_non_null(back);
    assert_int_equal(back->narticles, 1);
    bs_issue_free(back);
    /* Over the size limit: refused with the limit error. */
    back = bs_issue_read_json_file(path, 100, &err);
    assert_null(back);
    assert_int_equal(err.code, BS_ERR_LIMIT);
    /* Missing file names the file. */
    back = bs_issue_read_json_file("/nonexistent/issue.json", 0, &err);
    assert_null(back);
    assert_non_null(strstr(err.msg, "/nonexistent/issue.json"));
    free(path);
    bs_issue_free(issue);
}

/* What the part-by-part writer makes of parts, finished into a string. */
static char *written(bs_issue **parts, size_t nparts, const char *id, const char *lang, int pretty)
{
    bs_error err = {0};
    bs_issue_json_writer *w = bs_issue_json_writer_new(pretty, bs_test_tmp(), &err);
    assert_non_null(w);
    for (size_t i = 0; i < nparts; i++)
        assert_int_equal(bs_issue_json_writer_add(w, parts[i], &err), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(bs_issue_json_writer_finish(w, id, lang, mem, &err), 0);
    fclose(mem);
    return buf;
}

/* The writer's document is bs_issue_to_json's, byte for byte, indented
 * or compact, empty or not; ids and languages are escaped. */
static void test_json_writer_matches_tree(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    issue->id = strdup("2024-01-\"02\"");
    bs_issue *empty = bs_issue_new();
    for (int pretty = 0; pretty <= 1; pretty++) {
        char *tree = bs_issue_to_json(issue, pretty);
        char *parts = written(&issue, 1, issue->id, issue->lang, pretty);
        assert_string_equal(parts, tree);
        free(tree);
        free(parts);
        tree = bs_issue_to_json(empty, pretty);
        parts = written(&empty, 1, NULL, NULL, pretty);
        assert_string_equal(parts, tree);
        free(tree);
        free(parts);
    }
    bs_issue_free(empty);
    bs_issue_free(issue);
}

/* Two parts, the second numbering its articles on (article_base): one
 * document with both parts' articles, pages, jumps and events in order,
 * each region pointing at its own part's article. */
static void test_json_writer_parts(void **state)
{
    (void)state;
    bs_issue *parts[2] = {sample_issue(), bs_issue_new()};
    parts[1]->article_base = parts[0]->narticles;
    bs_page *p = bs_issue_add_page(parts[1], 3);
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){0, 0, 10, 10});
    bs_region_add_line(r, "第三版。", (bs_box){0, 0, 10, 10}, 0.9f);
    r->article = 0;
    bs_article *a = bs_issue_add_article(parts[1]);
    assert_string_equal(a->id, "a2");
    bs_article_add_paragraph(a, "第三版。");
    bs_issue_add_qc(parts[1], "role", 3, "second part");
    char *s = written(parts, 2, NULL, "chi_sim", 1);
    bs_error err = {0};
    bs_issue *back = bs_issue_from_json(s, strlen(s), "parts", &err);
    assert_non_null(back);
    assert_int_equal(back->narticles, 2);
    assert_string_equal(back->articles[1].id, "a2");
    assert_int_equal(back->npages, 3);
    assert_int_equal(back->pages[2].number, 3);
    assert_int_equal(back->pages[2].regions[0].article, 1);
    assert_int_equal(back->nunmatched, 1);
    assert_int_equal(back->nqc, 2);
    assert_string_equal(back->qc[1].detail, "second part");
    assert_string_equal(back->lang, "chi_sim");
    /* Committed to a file: the same bytes, put in place atomically. */
    bs_issue_json_writer *w = bs_issue_json_writer_new(1, bs_test_tmp(), &err);
    assert_non_null(w);
    assert_int_equal(bs_issue_json_writer_add(w, parts[0], &err), 0);
    assert_int_equal(bs_issue_json_writer_add(w, parts[1], &err), 0);
    char *path = bs_test_path(bs_test_tmp(), "parts.json");
    assert_int_equal(bs_issue_json_writer_commit(w, NULL, "chi_sim", path, NULL, &err), 0);
    char *file = NULL;
    size_t len = 0;
    assert_int_equal(bs_read_file(path, 0, &file, &len, &err), 0);
    assert_string_equal(file, s);
    /* A folder that cannot hold the temporary file: an error naming it. */
    w = bs_issue_json_writer_new(1, "/nonexistent-dir", &err);
    assert_null(w);
    assert_non_null(strstr(err.msg, "/nonexistent-dir"));
    free(file);
    free(path);
    free(s);
    bs_issue_free(back);
    bs_issue_free(parts[0]);
    bs_issue_free(parts[1]);
}

static void test_output_rewrite_removes_stale_articles(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    bs_issue_add_article(issue);
    bs_issue_add_article(issue);
    char *out = bs_test_path(bs_test_tmp(), "out");
    bs_error err = {0};
    assert_int_equal(bs_output_write(issue, out, &err), 0);
    char *a3 = bs_test_path(out, "articles/003.txt");
    char *keep = bs_test_path(out, "articles/notes.txt");
    FILE *f = fopen(keep, "w");
    assert_non_null(f);
    fclose(f);
    f = fopen(a3, "r");
    assert_non_null(f);
    fclose(f);
    /* Rewritten with one article: 002 and 003 go, other files stay. */
    bs_issue_clear_articles(issue);
    bs_issue_add_article(issue);
    assert_int_equal(bs_output_write(issue, out, &err), 0);
    f = fopen(a3, "r");
    assert_null(f);
    f = fopen(keep, "r");
    assert_non_null(f);
    fclose(f);
    char *a1 = bs_test_path(out, "articles/001.txt");
    f = fopen(a1, "r");
    assert_non_null(f);
    fclose(f);
    free(a1);
    free(a3);
    free(keep);
    free(out);
    bs_issue_free(issue);
}

/* The contents of out/rel, or NULL when it does not exist.  Caller frees. */
static char *slurp(const char *out, const char *rel)
{
    char *path = bs_test_path(out, rel);
    char *data = NULL;
    size_t len = 0;
    bs_error err = {0};
    if (bs_read_file(path, 0, &data, &len, &err) != 0)
        data = NULL;
    free(path);
    return data;
}

/* No NAME.tmp.XXXXXX left in out/sub. */
static void assert_no_temporary(const char *out, const char *sub)
{
    char *dir = bs_test_path(out, sub);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp."))
            fail_msg("temporary file left: %s/%s", dir, e->d_name);
    closedir(d);
    free(dir);
}

/* A rewrite with fewer pages removes the earlier pages/pNNN.txt and
 * alto/pNNN.xml of the pages gone, as it does the articles: the folder
 * holds what a fresh write holds, and nothing else of ours. */
static void test_output_rewrite_removes_stale_pages(void **state)
{
    (void)state;
    bs_issue *issue = sample_issue();
    char *out = bs_test_path(bs_test_tmp(), "stale-pages");
    bs_error err = {0};
    assert_int_equal(bs_output_write(issue, out, &err), 0);
    char *p2 = slurp(out, "pages/p002.txt"), *a2 = slurp(out, "alto/p002.xml");
    assert_non_null(p2);
    assert_non_null(a2);
    free(p2);
    free(a2);
    char *mine = bs_test_path(out, "alto/notes.xml");
    FILE *f = fopen(mine, "w");
    assert_non_null(f);
    fclose(f);
    /* The same issue without its page 2. */
    bs_page_release(&issue->pages[1]);
    issue->npages = 1;
    assert_int_equal(bs_output_write(issue, out, &err), 0);
    assert_null(slurp(out, "pages/p002.txt"));
    assert_null(slurp(out, "alto/p002.xml"));
    char *kept = slurp(out, "alto/notes.xml"), *p1 = slurp(out, "pages/p001.txt");
    char *a1 = slurp(out, "alto/p001.xml"), *mets = slurp(out, "mets.xml");
    assert_non_null(kept); /* not a name this module writes */
    assert_non_null(p1);
    assert_non_null(a1);
    assert_null(strstr(mets, "p002"));
    free(kept);
    free(p1);
    free(a1);
    free(mets);
    free(mine);
    free(out);
    bs_issue_free(issue);
}

/* An encoding error part way through leaves the earlier output set whole:
 * every file as it was, none in the new encoding, no temporary file
 * left; with the fallback the same write succeeds. */
static void test_output_failure_leaves_old_set(void **state)
{
    (void)state;
    char *out = bs_test_path(bs_test_tmp(), "old-set");
    bs_error err = {0};
    bs_output_options opt = bs_output_options_default();
    opt.record_seconds = 0;
    /* The earlier set: four articles, in UTF-8. */
    bs_issue *latin = sample_issue();
    bs_issue_clear_articles(latin);
    bs_article *l1 = bs_issue_add_article(latin);
    bs_article_set(&l1->title, "Old one");
    bs_article *l2 = bs_issue_add_article(latin);
    bs_article_set(&l2->title, "Old two");
    bs_article *l3 = bs_issue_add_article(latin);
    bs_article_set(&l3->title, "Old three");
    bs_article *l4 = bs_issue_add_article(latin);
    bs_article_set(&l4->title, "Old four");
    assert_int_equal(bs_output_write_with(latin, out, &opt, NULL, &err), 0);
    const char *files[] = {"articles/001.txt", "articles/002.txt", "articles/003.txt",
                           "articles/004.txt", "pages/p001.txt", "alto/p001.xml", "mets.xml",
                           "issue.json"};
    enum { NFILES = sizeof(files) / sizeof(files[0]) };
    char *before[NFILES];
    for (size_t i = 0; i < NFILES; i++) {
        before[i] = slurp(out, files[i]);
        assert_non_null(before[i]);
    }
    /* The new set in ISO-8859-1: articles 1 and 2 can be written, 3
     * cannot (U+2014). */
    bs_issue *issue = sample_issue();
    bs_issue_clear_articles(issue);
    bs_article *n1 = bs_issue_add_article(issue);
    bs_article_set(&n1->title, "Caf\xc3\xa9 first");
    bs_article *n2 = bs_issue_add_article(issue);
    bs_article_set(&n2->title, "Second");
    bs_article *n3 = bs_issue_add_article(issue);
    bs_article_set(&n3->title, "Dash \xe2\x80\x94 third");
    opt.encoding = "ISO-8859-1";
    opt.page_text = 0; /* the sample pages are Chinese */
    bs_error_clear(&err);
    assert_int_equal(bs_output_write_with(issue, out, &opt, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "articles/003.txt"));
    for (size_t i = 0; i < NFILES; i++) {
        char *now = slurp(out, files[i]);
        assert_non_null(now);
        if (strcmp(now, before[i]) != 0)
            fail_msg("%s changed by a failed write", files[i]);
        free(now);
    }
    assert_no_temporary(out, "articles");
    assert_no_temporary(out, "alto");
    assert_no_temporary(out, ".");
    /* The fallback writes '?' for the dash, and the whole new set. */
    opt.encoding_fallback = 1;
    bs_output_result res;
    assert_int_equal(bs_output_write_with(issue, out, &opt, &res, &err), 0);
    assert_int_equal(res.chars_replaced, 1);
    char *t1 = slurp(out, "articles/001.txt"), *t3 = slurp(out, "articles/003.txt");
    assert_string_equal(t1, "Caf\xe9 first\n\n");
    assert_string_equal(t3, "Dash ? third\n\n");
    assert_null(slurp(out, "articles/004.txt"));
    free(t1);
    free(t3);
    for (size_t i = 0; i < NFILES; i++)
        free(before[i]);
    free(out);
    bs_issue_free(latin);
    bs_issue_free(issue);
}

/* An issue written in parts, as reflow does: its articles and pages
 * staged, then issue.json committed last with the stage, so the folder
 * holds the new set (issue.json the bytes of bs_issue_to_json, the
 * earlier set's extra articles removed).  A commit that fails (issue.json
 * cannot be made) aborts the stage: the staged articles are not put in
 * place and no temporary file is left. */
static void test_json_writer_commit_stage(void **state)
{
    (void)state;
    char *out = bs_test_path(bs_test_tmp(), "staged-json");
    bs_error err = {0};
    bs_output_options opt = bs_output_options_default();
    opt.record_seconds = 0;
    bs_issue *old = sample_issue();
    bs_article_set(&bs_issue_add_article(old)->title, "Old second");
    bs_article_set(&bs_issue_add_article(old)->title, "Old third");
    assert_int_equal(bs_output_write_with(old, out, &opt, NULL, &err), 0);
    char *old3 = slurp(out, "articles/003.txt");
    assert_non_null(old3);
    free(old3);

    bs_issue *issue = sample_issue();
    bs_article_set(&issue->articles[0].title, "New first");
    opt.issue_json = 0; /* written by the writer */
    char *path = bs_test_path(out, "issue.json");
    bs_output_stage *st = bs_output_stage_new(out);
    assert_int_equal(bs_output_write_staged(issue, st, &opt, NULL, &err), 0);
    bs_issue_json_writer *w = bs_issue_json_writer_new(1, out, &err);
    assert_non_null(w);
    assert_int_equal(bs_issue_json_writer_add(w, issue, &err), 0);
    assert_int_equal(bs_issue_json_writer_commit(w, issue->id, issue->lang, path, st, &err), 0);
    char *tree = bs_issue_to_json(issue, 1), *json = slurp(out, "issue.json");
    assert_string_equal(json, tree);
    char *t1 = slurp(out, "articles/001.txt");
    assert_non_null(strstr(t1, "New first"));
    assert_null(slurp(out, "articles/003.txt"));
    assert_no_temporary(out, ".");
    assert_no_temporary(out, "articles");

    /* issue.json in a folder that does not exist: the stage is aborted. */
    bs_article_set(&issue->articles[0].title, "Never written");
    st = bs_output_stage_new(out);
    assert_int_equal(bs_output_write_staged(issue, st, &opt, NULL, &err), 0);
    w = bs_issue_json_writer_new(1, out, &err);
    assert_non_null(w);
    assert_int_equal(bs_issue_json_writer_add(w, issue, &err), 0);
    char *bad = bs_test_path(out, "missing/issue.json");
    bs_error_clear(&err);
    assert_int_equal(bs_issue_json_writer_commit(w, NULL, NULL, bad, st, &err), -1);
    assert_non_null(strstr(err.msg, "missing/issue.json"));
    char *t1b = slurp(out, "articles/001.txt"), *jsonb = slurp(out, "issue.json");
    assert_string_equal(t1b, t1);
    assert_string_equal(jsonb, json);
    assert_no_temporary(out, "articles");
    assert_no_temporary(out, "pages");
    free(t1b);
    free(jsonb);
    free(bad);
    free(t1);
    free(tree);
    free(json);
    free(path);
    free(out);
    bs_issue_free(old);
    bs_issue_free(issue);
}

/* The names test_output_remove_stale treats as its own. */
static int is_jpeg_test_name(const char *n)
{
    size_t len = strlen(n);
    return len > 4 && !strcmp(n + len - 4, ".jpg");
}

/* The removal of stale files: of the names ours() accepts, those keep
 * does not list go; keep (lent, sorted in place) comes back holding the
 * same names; an empty keep (NULL) removes every name of ours. */
static void test_output_remove_stale(void **state)
{
    (void)state;
    char *dir = bs_test_path(bs_test_tmp(), "stale-names");
    bs_error err = {0};
    assert_int_equal(bs_mkdir_p(dir, &err), 0);
    const char *names[] = {"c.jpg", "a.jpg", "b.jpg", "d.jpg", "notes.txt"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *path = bs_test_path(dir, names[i]);
        assert_int_equal(bs_write_file_atomic(path, "x", 1, &err), 0);
        free(path);
    }
    char c[] = "c.jpg", a[] = "a.jpg";
    char *keep[] = {c, a};
    bs_output_remove_stale(dir, keep, 2, is_jpeg_test_name);
    assert_true((keep[0] == a && keep[1] == c) || (keep[0] == c && keep[1] == a));
    const char *left[] = {"a.jpg", "c.jpg", "notes.txt"}, *gone[] = {"b.jpg", "d.jpg"};
    for (size_t i = 0; i < 3; i++) {
        char *t = slurp(dir, left[i]);
        assert_non_null(t);
        free(t);
    }
    for (size_t i = 0; i < 2; i++)
        assert_null(slurp(dir, gone[i]));
    bs_output_remove_stale(dir, NULL, 0, is_jpeg_test_name);
    assert_null(slurp(dir, "a.jpg"));
    assert_null(slurp(dir, "c.jpg"));
    char *t = slurp(dir, "notes.txt");
    assert_non_null(t);
    free(t);
    free(dir);
}

static void test_strbuf(void **state)
{
    (void)state;
    bs_strbuf sb = BS_STRBUF_INIT;
    assert_string_equal(sb.buf, "");
    for (int i = 0; i < 1000; i++)
        bs_strbuf_addf(&sb, "%d,", i);
    assert_int_equal(sb.len, strlen(sb.buf));
    bs_strbuf_setlen(&sb, 4);
    assert_string_equal(sb.buf, "0,1,");
    bs_strbuf_addstr(&sb, "  \n");
    bs_strbuf_trim_right(&sb);
    assert_string_equal(sb.buf, "0,1,");
    char *d = bs_strbuf_detach(&sb);
    assert_string_equal(d, "0,1,");
    assert_int_equal(sb.len, 0);
    free(d);
    d = bs_strbuf_detach(&sb);
    assert_string_equal(d, "");
    free(d);
}

static void test_roles(void **state)
{
    (void)state;
    for (int r = 0; r < BS_ROLE_COUNT; r++)
        assert_int_equal(bs_role_from_name(bs_role_name((bs_role)r)), r);
    assert_int_equal(bs_role_from_name("nonsense"), BS_ROLE_UNKNOWN);
    assert_false(bs_role_is_text(BS_ROLE_PHOTO));
    assert_true(bs_role_is_text(BS_ROLE_CAPTION));
}

/* A page's skew and stage times are rounded as qc.json and ALTO round
 * them (0.7656 is 0.766 everywhere, not 0.765), and a straight page's
 * skew is 0, not -0; a region's text height is rounded too (12.96 px is
 * 13.0, not the 12.9 truncation gave). */
static void test_json_rounding(void **state)
{
    (void)state;
    bs_issue *issue = bs_issue_new();
    bs_page *p = bs_issue_add_page(issue, 1);
    p->skew_deg = 0.7656f;
    p->seconds[BS_STAGE_LOAD] = 0.00486;
    bs_page *q = bs_issue_add_page(issue, 2);
    q->skew_deg = -0.0f;
    bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){0, 0, 100, 40});
    r->text_height = 12.96f;
    char *json = bs_issue_to_json(issue, 0);
    json_error_t jerr;
    json_t *root = json_loads(json, 0, &jerr);
    assert_non_null(root);
    json_t *pages = json_object_get(root, "pages");
    json_t *p1 = json_array_get(pages, 0), *p2 = json_array_get(pages, 1);
    assert_true(fabs(json_real_value(json_object_get(p1, "skew_deg")) - 0.766) < 1e-9);
    assert_true(fabs(json_real_value(json_object_get(json_object_get(p1, "seconds"), "load")) - 0.0049) < 1e-9);
    assert_null(strstr(json, "-0.0"));
    json_t *r1 = json_array_get(json_object_get(p1, "regions"), 0);
    assert_true(fabs(json_real_value(json_object_get(r1, "text_height")) - 13.0) < 1e-9);
    (void)p2;
    json_decref(root);
    free(json);
    bs_issue_free(issue);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_pages_and_text),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_contract_keys),
        cmocka_unit_test(test_json_malformed),
        cmocka_unit_test(test_json_limits),
        cmocka_unit_test(test_json_refuses_bad_model),
        cmocka_unit_test(test_json_non_utf8_strings),
        cmocka_unit_test(test_json_rounding),
        cmocka_unit_test(test_json_minimal_contract_input),
        cmocka_unit_test(test_json_file_io),
        cmocka_unit_test(test_json_writer_matches_tree),
        cmocka_unit_test(test_json_writer_parts),
        cmocka_unit_test(test_output_rewrite_removes_stale_articles),
        cmocka_unit_test(test_output_rewrite_removes_stale_pages),
        cmocka_unit_test(test_output_failure_leaves_old_set),
        cmocka_unit_test(test_json_writer_commit_stage),
        cmocka_unit_test(test_output_remove_stale),
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
