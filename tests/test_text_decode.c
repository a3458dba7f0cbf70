/*
 * test_text_decode.c - text files in UTF-8, GB18030, Big5 and UTF-16 read
 * line by line as UTF-8; detection, invalid bytes with their offsets,
 * mixed-encoding lines, binary input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_decode.h"

/* Decode bytes (via a memory FILE) and return the lines joined by '|'. */
static char *decode(const void *data, size_t n, const char *enc, const char **used, size_t *nprob,
                    const bs_text_problem **first)
{
    FILE *f = fmemopen((void *)data, n ? n : 1, "rb");
    if (!n) {
        fclose(f);
        f = fopen("/dev/null", "rb");
    }
    bs_error err = {0};
    bs_text_decoder *d = bs_text_decoder_open(f, "t.txt", enc, &err);
    if (!d) {
        fclose(f);
        return NULL;
    }
    bs_strbuf line = BS_STRBUF_INIT, all = BS_STRBUF_INIT;
    int r, k = 0;
    while ((r = bs_text_decoder_next_line(d, &line, &err)) > 0) {
        if (k++)
            bs_strbuf_addch(&all, '|');
        bs_strbuf_add(&all, line.buf, line.len);
    }
    assert_int_equal(r, 0);
    static char encbuf[32];
    snprintf(encbuf, sizeof(encbuf), "%s", bs_text_decoder_encoding(d, NULL));
    if (used)
        *used = encbuf;
    static bs_text_problem p0;
    const bs_text_problem *kept = NULL;
    size_t nk = 0;
    size_t np = bs_text_decoder_problems(d, &kept, &nk);
    if (nprob)
        *nprob = np;
    if (first && nk) {
        p0 = kept[0];
        *first = &p0;
    }
    bs_text_decoder_close(d);
    fclose(f);
    bs_strbuf_release(&line);
    return bs_strbuf_detach(&all);
}

static void test_utf8_and_bom(void **state)
{
    (void)state;
    const char *enc;
    const char *in = "\xEF\xBB\xBF本报讯\r\n第二行\n";
    char *s = decode(in, strlen(in), NULL, &enc, NULL, NULL);
    assert_string_equal(enc, "UTF-8");
    assert_string_equal(s, "本报讯|第二行");
    free(s);
}

static void test_gb18030_detected(void **state)
{
    (void)state;
    /* "本报讯，积极准备。" in GB18030 */
    const char gb[] = "\xB1\xBE\xB1\xA8\xD1\xB6\xA3\xAC\xBB\xFD\xBC\xAB\xD7\xBC\xB1\xB8\xA1\xA3\n";
    const char *enc;
    char *s = decode(gb, sizeof(gb) - 1, NULL, &enc, NULL, NULL);
    assert_string_equal(enc, "GB18030");
    assert_string_equal(s, "本报讯，积极准备。");
    free(s);
}

static void test_big5_detected(void **state)
{
    (void)state;
    /* "本報訊，積極準備。" in Big5 */
    const char b5[] = "\xA5\xBB\xB3\xF8\xB0\x54\xA1\x41\xBF\x6E\xB7\xA5\xB7\xC7\xB3\xC6\xA1\x43\n";
    const char *enc;
    char *s = decode(b5, sizeof(b5) - 1, NULL, &enc, NULL, NULL);
    assert_string_equal(enc, "BIG5");
    assert_string_equal(s, "本報訊，積極準備。");
    free(s);
}

static void test_utf16(void **state)
{
    (void)state;
    const char le[] = "\xFF\xFE" "A\0" "\x2C\x67" "\n\0" "B\0";
    const char *enc;
    char *s = decode(le, sizeof(le) - 1, NULL, &enc, NULL, NULL);
    assert_string_equal(enc, "UTF-16LE");
    assert_string_equal(s, "A本|B");
    free(s);
    const char be[] = "\0H\0i\0\n\0o\0k";
    s = decode(be, sizeof(be) - 1, NULL, &enc, NULL, NULL);
    assert_string_equal(enc, "UTF-16BE");
    assert_string_equal(s, "Hi|ok");
    free(s);
    s = decode(be, sizeof(be) - 1, "UTF-16BE", &enc, NULL, NULL);
    assert_string_equal(s, "Hi|ok");
    free(s);
}

static void test_invalid_reported(void **state)
{
    (void)state;
    size_t np = 0;
    const bs_text_problem *p = NULL;
    /* A lone continuation byte at offset 7 of a UTF-8 file. */
    char *s = decode("abc\ndef\x80gh\n", 11, NULL, NULL, &np, &p);
    assert_string_equal(s, "abc|def\xEF\xBF\xBDgh");
    assert_int_equal(np, 1);
    assert_int_equal(p->kind, BS_TEXT_INVALID);
    assert_int_equal(p->offset, 7);
    assert_int_equal(p->line, 2);
    free(s);
}

static void test_mixed_line(void **state)
{
    (void)state;
    size_t np = 0;
    const bs_text_problem *p = NULL;
    const char data[] = "本报讯\n\xBB\xFD\xBC\xAB\xD7\xBC\xB1\xB8\n完成\n";
    char *s = decode(data, sizeof(data) - 1, NULL, NULL, &np, &p);
    assert_string_equal(s, "本报讯|积极准备|完成");
    assert_int_equal(np, 1);
    assert_int_equal(p->kind, BS_TEXT_MIXED);
    assert_int_equal(p->line, 2);
    free(s);
}

static void test_binary_and_unknown(void **state)
{
    (void)state;
    const char bin[] = "PK\x03\x04\x00\x00\x01\x02\x00\x05zzz\x00\x00";
    assert_null(decode(bin, sizeof(bin) - 1, NULL, NULL, NULL, NULL));
    assert_null(decode("abc", 3, "NO-SUCH-ENCODING", NULL, NULL, NULL));
    char *s = decode("", 0, NULL, NULL, NULL, NULL);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_and_bom),     cmocka_unit_test(test_gb18030_detected),
        cmocka_unit_test(test_big5_detected),    cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_invalid_reported), cmocka_unit_test(test_mixed_line),
        cmocka_unit_test(test_binary_and_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
