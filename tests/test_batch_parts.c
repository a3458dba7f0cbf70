/*
 * test_batch_parts.c - the pieces of `broadsheet batch` without OCR: CSV
 * records, archive discovery and manifests (ordering, sanitised ids, bad
 * lines with line numbers), the journal (resume, torn lines), progress
 * arithmetic and JSON, the QC table (order, merge round trip), and issues
 * failed before any page is read (unsafe output folders, missing
 * languages).
 * End-to-end runs with Tesseract are in tests/test_batch.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "batch.h"
#include "csv.h"
#include "issue.h"
#include "journal.h"
#include "manifest.h"
#include "progress.h"
#include "qc_table.h"
#include "strbuf.h"
#include "testenv.h"
#include "xalloc.h"

static char *tmp_path(const char *name)
{
    return bs_test_path(bs_test_tmp(), name);
}

static void write_text(const char *path, const char *text)
{
    bs_error err = {0};
    assert_int_equal(bs_write_file_atomic(path, text, strlen(text), &err), 0);
}

static int has_problem(const bs_manifest *m, const char *needle)
{
    for (size_t i = 0; i < m->nproblems; i++)
        if (strstr(m->problems[i], needle))
            return 1;
    return 0;
}

static void test_csv_records(void **state)
{
    (void)state;
    const char *text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
                       "\n"
                       "\"two\nlines\",x\n"
                       "\"bad\"tail,y\n"
                       ",,\n"
                       "\"open";
    bs_csv c;
    bs_csv_record r = BS_CSV_RECORD_INIT;
    bs_error err = {0};
    bs_csv_init(&c, text, strlen(text));
    assert_int_equal(bs_csv_next(&c, &r, &err), 1);
    assert_int_equal(r.line, 1);
    assert_int_equal(r.nfields, 3);
    assert_string_equal(r.fields[1], "b,c");
    assert_string_equal(r.fields[2], "say \"hi\"");
    assert_int_equal(bs_csv_next(&c, &r, &err), 1);
    assert_int_equal(r.line, 3);
    assert_string_equal(r.fields[0], "two\nlines");
    assert_int_equal(bs_csv_next(&c, &r, &err), -1);
    assert_non_null(strstr(err.msg, "line 5: text after a closing quote"));
    assert_int_equal(bs_csv_next(&c, &r, &err), 1); /* reading goes on */
    assert_int_equal(r.line, 6);
    assert_int_equal(r.nfields, 3);
    assert_string_equal(r.fields[2], "");
    assert_int_equal(bs_csv_next(&c, &r, &err), -1);
    assert_non_null(strstr(err.msg, "line 7: unterminated"));
    assert_int_equal(bs_csv_next(&c, &r, &err), 0);
    bs_csv_record_release(&r);

    bs_strbuf sb = BS_STRBUF_INIT;
    bs_csv_add_field(&sb, "plain", 1);
    bs_csv_add_field(&sb, "a,b", 0);
    bs_csv_add_field(&sb, "q\"", 0);
    bs_csv_add_field(&sb, NULL, 0);
    assert_string_equal(sb.buf, "plain,\"a,b\",\"q\"\"\",");
    bs_strbuf_release(&sb);
}

static void test_names_and_ids(void **state)
{
    (void)state;
    assert_true(bs_manifest_name_cmp("p2.tif", "p10.tif") < 0);
    assert_true(bs_manifest_name_cmp("p10.tif", "p9.tif") > 0);
    assert_true(bs_manifest_name_cmp("a", "b") < 0);
    assert_int_equal(bs_manifest_name_cmp("x07", "x07"), 0);
    assert_true(bs_manifest_name_cmp("1939-01-02", "1939-01-10") < 0);

    bs_strbuf id = BS_STRBUF_INIT;
    assert_int_equal(bs_manifest_sanitize_id("1939-01-02_a.b", &id), 0);
    assert_string_equal(id.buf, "1939-01-02_a.b");
    assert_int_equal(bs_manifest_sanitize_id("..", &id), 1);
    assert_string_equal(id.buf, "_.");
    assert_int_equal(bs_manifest_sanitize_id("../../etc/passwd", &id), 1);
    assert_null(strchr(id.buf, '/'));
    assert_int_equal(bs_manifest_sanitize_id("/abs", &id), 1);
    assert_string_equal(id.buf, "_abs");
    assert_int_equal(bs_manifest_sanitize_id("晶報 1939", &id), 1);
    assert_string_equal(id.buf, "晶報_1939");
    assert_int_equal(bs_manifest_sanitize_id("", &id), -1);
    char longid[BS_MANIFEST_ID_MAX + 2];
    memset(longid, 'a', sizeof(longid) - 1);
    longid[sizeof(longid) - 1] = '\0';
    assert_int_equal(bs_manifest_sanitize_id(longid, &id), -1);
    bs_strbuf_release(&id);
}

static void test_manifest_csv(void **state)
{
    (void)state;
    char *path = tmp_path("m.csv");
    write_text(path, "issue,page,path,lang\n"
                     "b,2,b2.png,eng\n"
                     "b,1,/abs/b1.png,\n"
                     "a,1,\"x, y.png\",chi_sim+eng\n"
                     "a b,1,ab.png,\n"
                     "a_b,1,ab2.png,\n"
                     "b,1,again.png,\n"
                     "c,zero,c.png,\n"
                     "c,1,c.png,eng,extra\n"
                     "c,1,,\n"
                     ",1,c.png,\n"
                     "c,1,c.png,eng'\n");
    bs_error err = {0};
    bs_manifest *m = bs_manifest_load(path, &err);
    assert_non_null(m);
    /* Issues sorted by id, pages by number. */
    assert_int_equal(m->nissues, 3);
    assert_string_equal(m->issues[0].id, "a");
    assert_string_equal(m->issues[1].id, "a_b");
    assert_string_equal(m->issues[2].id, "b");
    assert_int_equal(m->issues[2].npages, 2);
    assert_string_equal(m->issues[2].pages[0].path, "/abs/b1.png");
    assert_null(m->issues[2].pages[0].lang);
    assert_string_equal(m->issues[2].pages[1].lang, "eng");
    /* Relative paths are relative to the manifest's folder. */
    char *want = tmp_path("x, y.png");
    assert_string_equal(m->issues[0].pages[0].path, want);
    free(want);
    assert_true(has_problem(m, "m.csv:6: issue id 'a_b' becomes 'a_b', already used by issue 'a b'") ||
                has_problem(m, "m.csv:5: issue id 'a b' becomes 'a_b', already used by issue 'a_b'"));
    assert_true(has_problem(m, "m.csv:7: issue 'b' page 1 listed twice"));
    assert_true(has_problem(m, "m.csv:8: page number 'zero'"));
    assert_true(has_problem(m, "m.csv:9: expected 3 or 4 fields"));
    assert_true(has_problem(m, "m.csv:10: empty path"));
    assert_true(has_problem(m, "m.csv:11: issue id empty"));
    assert_true(has_problem(m, "m.csv:12: language 'eng''"));
    assert_int_equal(m->nproblems, 7);

    /* The manifest written back reads the same. */
    char *csv = bs_manifest_to_csv(m, &err);
    assert_non_null(csv);
    char *path2 = tmp_path("m2.csv");
    write_text(path2, csv);
    bs_manifest *m2 = bs_manifest_read_csv(path2, &err);
    assert_non_null(m2);
    assert_int_equal(m2->nproblems, 0);
    char *csv2 = bs_manifest_to_csv(m2, &err);
    assert_string_equal(csv, csv2);
    free(csv);
    free(csv2);
    free(path2);
    bs_manifest_free(m2);
    bs_manifest_free(m);

    /* A first line that is data is read, and reported. */
    write_text(path, "z,1,z.png,eng\n");
    m = bs_manifest_read_csv(path, &err);
    assert_int_equal(m->nissues, 1);
    assert_true(has_problem(m, "no header line"));
    bs_manifest_free(m);

    /* A header in any case, after a spreadsheet's byte order mark. */
    write_text(path, "\xEF\xBB\xBFIssue, Page ,PATH\nz,1,z.png\n");
    m = bs_manifest_read_csv(path, &err);
    assert_non_null(m);
    assert_int_equal(m->nissues, 1);
    assert_int_equal(m->nproblems, 0);
    bs_manifest_free(m);

    /* Not a manifest: refused whole with one error naming the file, not
     * read as one bad line after another. */
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                        'I', 'H', 'D', 'R', ',', '1', ',', '\n'};
    bs_error nerr = {0};
    assert_int_equal(bs_write_file_atomic(path, png, sizeof(png), &nerr), 0);
    assert_null(bs_manifest_read_csv(path, &nerr));
    assert_int_equal(nerr.code, BS_ERR_FORMAT);
    assert_non_null(strstr(nerr.msg, "m.csv: not a manifest CSV (binary data"));
    const char *wrong[] = {"id,file,lang\nz,z.png,eng\n", "issue,page\nz,1\n",
                           "issue,page,path,lang,extra\nz,1,z.png,eng\n",
                           "\"unclosed,1,x\ny,2,z\n"};
    for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
        write_text(path, wrong[i]);
        bs_error_clear(&nerr);
        assert_null(bs_manifest_read_csv(path, &nerr));
        assert_int_equal(nerr.code, BS_ERR_FORMAT);
        assert_non_null(strstr(nerr.msg, "m.csv:1"));
        assert_non_null(strstr(nerr.msg, "not a manifest CSV"));
    }
    assert_non_null(strstr(nerr.msg, "issue,page,path,lang"));
    free(path);

    assert_null(bs_manifest_load("/nonexistent/archive", &err));
    assert_non_null(strstr(err.msg, "/nonexistent/archive"));
}

static void test_manifest_dir(void **state)
{
    (void)state;
    char *root = tmp_path("arch");
    const char *files[] = {"arch/i10/p10.tif", "arch/i10/p9.JPG", "arch/i10/readme.txt",
                           "arch/i10/.p1.png", "arch/i2/a.webp", "arch/i 3/b.jp2",
                           "arch/i_3/c.png"};
    bs_error err = {0};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *p = tmp_path(files[i]);
        char *dir = bs_xstrdup(p);
        *strrchr(dir, '/') = '\0';
        assert_int_equal(bs_mkdir_p(dir, &err), 0);
        write_text(p, "x");
        free(dir);
        free(p);
    }
    char *empty = tmp_path("arch/empty");
    assert_int_equal(bs_mkdir_p(empty, &err), 0);
    bs_manifest *m = bs_manifest_from_dir(root, &err);
    assert_non_null(m);
    /* i2, i10, then i_3 ('_' sorts after digits); "i 3" collides with it. */
    assert_int_equal(m->nissues, 3);
    assert_string_equal(m->issues[0].id, "i2");
    assert_string_equal(m->issues[2].id, "i_3");
    assert_int_equal(m->issues[0].npages, 1);
    assert_string_equal(m->issues[1].id, "i10");
    assert_int_equal(m->issues[1].npages, 2);
    assert_non_null(strstr(m->issues[1].pages[0].path, "p9.JPG"));
    assert_non_null(strstr(m->issues[1].pages[1].path, "p10.tif"));
    assert_true(has_problem(m, "arch/empty: no page images"));
    assert_true(has_problem(m, "issue folder 'i_3' becomes 'i_3', already used by 'i 3'"));
    assert_int_equal(m->nproblems, 2);
    bs_manifest_free(m);
    free(empty);
    free(root);
}

static void test_journal(void **state)
{
    (void)state;
    char *path = tmp_path("journal.tsv");
    bs_error err = {0};
    bs_journal *j = bs_journal_open(path, &err);
    assert_non_null(j);
    /* One batch per journal: a second open is refused while j holds it. */
    bs_error busy = {0};
    assert_null(bs_journal_open(path, &busy));
    assert_int_equal(busy.code, BS_ERR_BUSY);
    assert_non_null(strstr(busy.msg, "journal.tsv: locked by another batch"));
    bs_journal_entry e = {.id = "i1", .status = BS_JOURNAL_FAILED, .pages = 2, .reason = "disk\tfull\n"};
    assert_int_equal(bs_journal_append(j, &e, &err), 0);
    e = (bs_journal_entry){.id = "i2", .status = BS_JOURNAL_OK, .pages = 3, .articles = 5};
    assert_int_equal(bs_journal_append(j, &e, &err), 0);
    e = (bs_journal_entry){.id = "i1", .status = BS_JOURNAL_FLAGGED, .pages = 2, .pages_failed = 1};
    assert_int_equal(bs_journal_append(j, &e, &err), 0);
    bs_journal_close(j);

    /* A kill in the middle of a line leaves it without its line feed. */
    int fd = open(path, O_WRONLY | O_APPEND);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "i3\tok\t1", 7), 7);
    close(fd);

    j = bs_journal_open(path, &err);
    assert_non_null(j);
    size_t bad;
    assert_int_equal(bs_journal_count(j, &bad), 3);
    assert_int_equal(bad, 0);
    bs_journal_entry got = {0};
    assert_int_equal(bs_journal_find(j, "i1", &got), 1);
    assert_string_equal(got.status, BS_JOURNAL_FLAGGED); /* the last line counts */
    assert_int_equal(got.pages_failed, 1);
    assert_true(bs_journal_status_finished(got.status));
    bs_journal_entry_release(&got);
    assert_int_equal(bs_journal_find(j, "i3", NULL), 0); /* torn: not finished */
    assert_int_equal(bs_journal_find(j, "i0", NULL), 0);
    e = (bs_journal_entry){.id = "i3", .status = BS_JOURNAL_OK, .pages = 1};
    assert_int_equal(bs_journal_append(j, &e, &err), 0);
    assert_int_equal(bs_journal_find(j, "i3", &got), 1);
    bs_journal_entry_release(&got);
    bs_journal_close(j);

    /* The torn bytes stay on their own line: the new entry is intact. */
    char *text = bs_test_slurp(path, NULL);
    assert_non_null(strstr(text, "\ni3\tok\t1\ni3\tok\t1\t0\t0\t"));
    assert_non_null(strstr(text, "i1\tfailed\t2\t0\t0\t"));
    assert_non_null(strstr(text, "disk full "));
    free(text);
    j = bs_journal_open(path, &err);
    assert_int_equal(bs_journal_count(j, &bad), 4);
    assert_int_equal(bad, 1); /* the torn line, now complete but short */
    bs_journal_close(j);
    free(path);
    assert_false(bs_journal_status_finished(BS_JOURNAL_FAILED));
}

static void test_progress(void **state)
{
    (void)state;
    bs_progress p;
    bs_progress_init(&p, 100.0);
    bs_batch_event ev = {.kind = BS_BATCH_START, .issues = 4, .pages = 20, .skipped = 2, .worker = -1};
    bs_progress_update(&p, &ev);
    assert_true(bs_progress_eta(&p, 100.5) < 0);
    for (int i = 0; i < 5; i++) {
        bs_batch_event pe = {.kind = BS_BATCH_PAGE_DONE, .issue = "x", .path = "x/p.png",
                             .failed = i == 0, .reason = i == 0 ? "bad \"page\"" : NULL};
        bs_progress_update(&p, &pe);
    }
    bs_batch_event de = {.kind = BS_BATCH_ISSUE_DONE, .issue = "x", .status = "flagged",
                         .pages = 5, .pages_failed = 1, .articles = 3};
    bs_progress_update(&p, &de);
    /* 5 pages in 60 s: 5 pages/min; 15 pages left: 3 minutes. */
    assert_true(bs_progress_rate(&p, 160.0) > 4.99 && bs_progress_rate(&p, 160.0) < 5.01);
    assert_true(bs_progress_eta(&p, 160.0) > 179.9 && bs_progress_eta(&p, 160.0) < 180.1);
    bs_strbuf line = BS_STRBUF_INIT;
    bs_progress_line(&p, 160.0, &line);
    assert_string_equal(line.buf, "issues 3/6 (2 resumed)  pages 5/20  5.0 pages/min  ETA 3m00s  "
                                  "1 failed (1 pages)");
    bs_strbuf_release(&line);

    bs_batch_event pe = {.kind = BS_BATCH_PAGE_DONE, .issue = "x", .path = "x/p\".png",
                         .failed = 1, .reason = "bad \"page\"\n", .worker = 1};
    char *s = bs_progress_event_json(&p, &pe, 160.0);
    assert_null(strchr(s, '\n'));
    json_error_t je;
    json_t *o = json_loads(s, 0, &je);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "event")), "page_done");
    assert_string_equal(json_string_value(json_object_get(o, "path")), "x/p\".png");
    assert_int_equal(json_integer_value(json_object_get(o, "failed")), 1);
    json_t *c = json_object_get(o, "progress");
    assert_int_equal(json_integer_value(json_object_get(c, "issues_total")), 6);
    assert_int_equal(json_integer_value(json_object_get(c, "eta_s")), 180);
    json_decref(o);
    free(s);
}

static bs_issue *qc_issue(int fail_page2)
{
    bs_issue *issue = bs_issue_new();
    for (int n = 1; n <= 2; n++) {
        bs_page *p = bs_issue_add_page(issue, n);
        if (n == 2 && fail_page2) {
            p->error = strdup("p2.png: not an image, \"really\"");
            continue;
        }
        bs_region *r = bs_page_add_region(p, BS_ROLE_BODY, (bs_box){0, 0, 100, 20});
        bs_line *l = bs_region_add_line(r, "two words", (bs_box){0, 0, 100, 20}, 0.9f);
        bs_line_add_word(l, "two", (bs_box){0, 0, 40, 20}, n == 1 ? 0.9f : 0.5f);
        bs_line_add_word(l, "words", (bs_box){50, 0, 50, 20}, n == 1 ? 0.8f : 0.5f);
    }
    bs_article *a = bs_issue_add_article(issue);
    bs_article_add_region(a, 1, "p1r1");
    return issue;
}

static void test_qc_table(void **state)
{
    (void)state;
    bs_qc_table *t = bs_qc_table_new();
    bs_issue *good = qc_issue(0), *bad = qc_issue(1);
    bs_qc_table_add_issue(t, "good", good);
    bs_qc_table_add_issue(t, "bad", bad);
    bs_qc_table_add_missing(t, "gone", "missing", "not processed yet");
    bs_issue_free(good);
    bs_issue_free(bad);
    char *csv = bs_qc_table_to_csv(t);
    const char *want =
        "attention,issue,page,status,articles,mean_conf,pages,pages_failed,reason\n"
        "0,bad,2,failed,0,,1,1,\"p2.png: not an image, \"\"really\"\"\"\n"
        "0,gone,,missing,0,,0,0,not processed yet\n"
        "1,bad,,flagged,1,0.850,2,1,1 of 2 pages failed\n"
        "2,good,2,low_conf,0,0.500,1,0,mean word confidence 0.500 under 0.60\n"
        "3,good,,ok,1,0.675,2,0,\n"
        "3,bad,1,ok,1,0.850,1,0,\n"
        "3,good,1,ok,1,0.850,1,0,\n";
    assert_string_equal(csv, want);
    assert_int_equal(bs_qc_table_count(t, BS_QC_FLAGGED), 3);

    /* Merging: tables read back and written again give the same text. */
    char *p1 = tmp_path("qc1.csv");
    bs_error err = {0};
    assert_int_equal(bs_qc_table_write(t, p1, &err), 0);
    bs_qc_table *m = bs_qc_table_new();
    assert_int_equal(bs_qc_table_read_csv(m, p1, &err), 0);
    char *csv2 = bs_qc_table_to_csv(m);
    assert_string_equal(csv, csv2);
    free(csv2);
    write_text(p1, "attention,issue,page,status,articles,mean_conf,pages,pages_failed,reason\n"
                   "x,a,,ok,1,,1,0,\n");
    assert_int_equal(bs_qc_table_read_csv(m, p1, &err), -1);
    assert_non_null(strstr(err.msg, "qc1.csv:2: malformed"));
    bs_qc_table_free(m);
    bs_qc_table_free(t);
    free(csv);
    free(p1);
}

typedef struct seen {
    int start, issue_start, issue_done, page_done;
    char last_status[16];
} seen;

static void count_event(const bs_batch_event *ev, void *ctx)
{
    seen *s = ctx;
    switch (ev->kind) {
    case BS_BATCH_START:
        s->start++;
        assert_int_equal(ev->issues, 2);
        break;
    case BS_BATCH_ISSUE_START:
        s->issue_start++;
        break;
    case BS_BATCH_PAGE_DONE:
        s->page_done++;
        break;
    case BS_BATCH_ISSUE_DONE:
        s->issue_done++;
        snprintf(s->last_status, sizeof(s->last_status), "%s", ev->status);
        assert_non_null(ev->reason);
        break;
    default:
        break;
    }
}

/* Issues whose output folder is unusable fail before any OCR, are
 * journaled as failed (so retried), and head qc.csv. */
static void test_batch_refuses_unsafe_outputs(void **state)
{
    (void)state;
    char *csv = tmp_path("unsafe.csv");
    write_text(csv, "issue,page,path,lang\nqc.csv,1,/nonexistent.png,\nlinked,1,/nonexistent.png,\n");
    bs_error err = {0};
    bs_manifest *m = bs_manifest_read_csv(csv, &err);
    assert_int_equal(m->nissues, 2);
    char *out = tmp_path("unsafe-out");
    char *outside = tmp_path("outside");
    assert_int_equal(bs_mkdir_p(out, &err), 0);
    assert_int_equal(bs_mkdir_p(outside, &err), 0);
    char *link = bs_path_join(out, "linked");
    assert_int_equal(symlink(outside, link), 0);

    seen s = {0};
    bs_batch_options opt = bs_batch_options_default();
    opt.outdir = out;
    opt.jobs = 2;
    opt.on_event = count_event;
    opt.event_ctx = &s;
    bs_batch_result res;
    assert_int_equal(bs_batch_run(m, &opt, &res, &err), 0);
    assert_int_equal(res.issues, 2);
    assert_int_equal(res.failed, 2);
    assert_int_equal(res.pages, 0);
    assert_int_equal(res.qc_failed, 2);
    assert_int_equal(s.start, 1);
    assert_int_equal(s.issue_start, 2);
    assert_int_equal(s.issue_done, 2);
    assert_int_equal(s.page_done, 0);
    assert_string_equal(s.last_status, "failed");
    char *articles = bs_path_join(outside, "articles");
    struct stat st;
    assert_int_not_equal(lstat(articles, &st), 0); /* nothing written through the link */
    char *qc = bs_path_join(out, "qc.csv");
    char *text = bs_test_slurp(qc, NULL);
    assert_non_null(strstr(text, "0,linked,,failed,"));
    assert_non_null(strstr(text, "a symlink, not followed"));
    assert_non_null(strstr(text, "0,qc.csv,,failed,"));
    free(text);

    /* Failed issues are not finished: a rerun tries them again. */
    memset(&s, 0, sizeof(s));
    assert_int_equal(bs_batch_run(m, &opt, &res, &err), 0);
    assert_int_equal(res.skipped, 0);
    assert_int_equal(s.issue_done, 2);
    free(qc);
    free(articles);
    free(link);
    free(outside);
    free(out);
    free(csv);
    bs_manifest_free(m);
}

/* An issue needing a language the start-up check found missing fails
 * whole, by name: opt.langs lists "xx" as missing (it was never loaded),
 * so issue "blocked" fails at its page 2 with the list's reason, while
 * "open" needs "nosuchlang", which the list does not name, so it is not
 * failed up front (no Tesseract load decides it) and its page fails when
 * it is read.  Without opt.langs the run checks the languages itself, and
 * both issues fail whole. */
static void test_batch_missing_langs(void **state)
{
    (void)state;
    char *csv = tmp_path("langs.csv");
    write_text(csv, "issue,page,path,lang\n"
                    "blocked,1,/nonexistent.png,nosuchlang\n"
                    "blocked,2,/nonexistent.png,xx\n"
                    "open,1,/nonexistent.png,nosuchlang\n");
    bs_error err = {0};
    bs_manifest *m = bs_manifest_read_csv(csv, &err);
    assert_non_null(m);
    assert_int_equal(m->nissues, 2);

    bs_batch_missing_lang xx = {(char *)"xx", (char *)"left out on purpose"};
    bs_batch_langs listed = {&xx, 1};
    char *out = tmp_path("langs-out");
    seen s = {0};
    bs_batch_options opt = bs_batch_options_default();
    opt.outdir = out;
    opt.jobs = 2;
    opt.langs = &listed;
    opt.on_event = count_event;
    opt.event_ctx = &s;
    bs_batch_result res;
    assert_int_equal(bs_batch_run(m, &opt, &res, &err), 0);
    assert_int_equal(res.failed, 1);
    assert_int_equal(res.flagged, 1);
    assert_int_equal(res.pages, 1);
    assert_int_equal(res.pages_failed, 1);
    char *journal = bs_path_join(out, BS_BATCH_JOURNAL);
    char *text = bs_test_slurp(journal, NULL);
    assert_non_null(strstr(text, "\nblocked\tfailed\t0\t0\t0\t"));
    assert_non_null(strstr(text, "issue blocked page 2 (/nonexistent.png) needs language 'xx': "
                                 "left out on purpose\n"));
    assert_non_null(strstr(text, "\nopen\tflagged\t1\t1\t"));
    free(text);
    free(journal);

    /* No start-up check handed in: the run makes its own. */
    char *out2 = tmp_path("langs-out2");
    opt.outdir = out2;
    opt.langs = NULL;
    memset(&s, 0, sizeof(s));
    assert_int_equal(bs_batch_run(m, &opt, &res, &err), 0);
    assert_int_equal(res.failed, 2);
    assert_int_equal(res.pages, 0);
    journal = bs_path_join(out2, BS_BATCH_JOURNAL);
    text = bs_test_slurp(journal, NULL);
    assert_non_null(strstr(text, "issue blocked page 1 (/nonexistent.png) needs language "
                                 "'nosuchlang': cannot load Tesseract language data"));
    assert_non_null(strstr(text, "issue open page 1 (/nonexistent.png) needs language "
                                 "'nosuchlang': cannot load"));
    free(text);
    free(journal);

    /* The check's own list: the missing languages, in first-use order,
     * with why. */
    bs_batch_langs found = {0};
    size_t nslice = 0;
    assert_int_equal(bs_batch_check_languages(m, &opt, &nslice, NULL, &found), 2);
    assert_int_equal(nslice, 2);
    assert_int_equal(found.nmissing, 2);
    assert_string_equal(found.missing[0].lang, "nosuchlang");
    assert_string_equal(found.missing[1].lang, "xx");
    assert_non_null(strstr(found.missing[1].reason, "\"xx\""));
    bs_batch_langs_release(&found);
    assert_int_equal(found.nmissing, 0);
    free(out2);
    free(out);
    free(csv);
    bs_manifest_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_records),
        cmocka_unit_test(test_names_and_ids),
        cmocka_unit_test(test_manifest_csv),
        cmocka_unit_test(test_manifest_dir),
        cmocka_unit_test(test_journal),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_qc_table),
        cmocka_unit_test(test_batch_refuses_unsafe_outputs),
        cmocka_unit_test(test_batch_missing_langs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
