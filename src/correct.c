/*
 * correct.c - confusable characters corrected line by line, with QC.
 *
 * Public functions:
 *     bs_correct_page
 *
 * The corrector sees a whole line, because a character is judged by its
 * neighbours ("经济赋子" is wrong only next to "赋").  Its changes come
 * back as byte offsets into the line; each is applied to the line and to
 * the word whose text covers it.  A line's words appear in its text in
 * order (Tesseract builds the line string from them), so each word's span
 * is found by searching forward from the end of the previous one.  A
 * change that no single word covers (a word missing from the list, a
 * change across a word boundary) is not applied at all: the line and its
 * words must keep telling the same story, or ALTO and the articles would
 * disagree.
 */
#include "correct.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

/* Byte span of a word inside its line text; start == SIZE_MAX when the
 * word was not found there. */
typedef struct word_span {
    size_t start, end;
} word_span;

static word_span *find_word_spans(const bs_line *line)
{
    word_span *spans = bs_xcalloc(line->nwords ? line->nwords : 1, sizeof *spans);
    size_t cursor = 0, len = strlen(line->text);
    for (size_t w = 0; w < line->nwords; w++) {
        const char *wt = line->words[w].text;
        const char *hit = wt && *wt && cursor <= len ? strstr(line->text + cursor, wt) : NULL;
        if (!hit) {
            spans[w].start = spans[w].end = (size_t)-1;
            continue;
        }
        spans[w].start = (size_t)(hit - line->text);
        spans[w].end = spans[w].start + strlen(wt);
        cursor = spans[w].end;
    }
    return spans;
}

/* Index of the word whose span covers [off, off + n), or -1. */
static long covering_word(const word_span *spans, size_t nwords, size_t off, size_t n)
{
    for (size_t w = 0; w < nwords; w++)
        if (spans[w].start != (size_t)-1 && spans[w].start <= off && off + n <= spans[w].end)
            return (long)w;
    return -1;
}

/* text[start, end) with the accepted changes that fall inside applied
 * (offsets relative to text).  Caller frees. */
static char *apply_changes(const char *text, size_t start, size_t end,
                           const bs_correct_change *ch, const int *accepted, size_t nch)
{
    bs_strbuf sb = BS_STRBUF_INIT;
    size_t pos = start;
    for (size_t i = 0; i < nch; i++) {
        size_t n = strlen(ch[i].from);
        if (!accepted[i] || ch[i].offset < pos || ch[i].offset + n > end)
            continue;
        bs_strbuf_add(&sb, text + pos, ch[i].offset - pos);
        bs_strbuf_addstr(&sb, ch[i].to);
        pos = ch[i].offset + n;
    }
    bs_strbuf_add(&sb, text + pos, end - pos);
    return bs_strbuf_detach(&sb);
}

/* Correct one line; returns the number of changes applied. */
static size_t correct_line(bs_issue *issue, const bs_page *page, const bs_region *region,
                           size_t lineno, bs_line *line, const bs_correct_options *opt)
{
    char *fixed = NULL;
    bs_correct_change *ch = NULL;
    size_t nch = 0;
    if (!line->text || !*line->text || opt->fn(opt->ctx, line->text, &fixed, &ch, &nch) != 0) {
        free(fixed);
        free(ch);
        return 0;
    }
    free(fixed); /* rebuilt below from the changes we can apply to words too */
    if (!nch) {
        free(ch);
        return 0;
    }
    size_t len = strlen(line->text);
    word_span *spans = find_word_spans(line);
    int *accepted = bs_xcalloc(nch, sizeof *accepted);
    long *word_of = bs_xcalloc(nch, sizeof *word_of);
    size_t napplied = 0;
    for (size_t i = 0; i < nch; i++) {
        size_t n = strlen(ch[i].from);
        if (ch[i].offset + n > len || memcmp(line->text + ch[i].offset, ch[i].from, n) != 0)
            continue; /* the corrector misreported; never guess */
        word_of[i] = line->nwords ? covering_word(spans, line->nwords, ch[i].offset, n) : -1;
        if (line->nwords && word_of[i] < 0)
            continue;
        accepted[i] = 1;
        napplied++;
    }
    for (size_t w = 0; w < line->nwords; w++) {
        int touched = 0;
        for (size_t i = 0; i < nch; i++)
            touched |= accepted[i] && word_of[i] == (long)w;
        if (!touched)
            continue;
        char *wt = apply_changes(line->text, spans[w].start, spans[w].end, ch, accepted, nch);
        free(line->words[w].text);
        line->words[w].text = wt;
    }
    for (size_t i = 0; i < nch; i++)
        if (accepted[i])
            bs_issue_add_qc(issue, "correction", page->number,
                            "%s line %zu byte %zu: '%s' -> '%s' (log-odds %.1f)", region->id,
                            lineno + 1, ch[i].offset, ch[i].from, ch[i].to, ch[i].log_odds);
    if (napplied) {
        char *lt = apply_changes(line->text, 0, len, ch, accepted, nch);
        bs_line_set_text(line, lt);
        free(lt);
    }
    free(word_of);
    free(accepted);
    free(spans);
    free(ch);
    return napplied;
}

size_t bs_correct_page(bs_issue *issue, bs_page *page, const bs_correct_options *opt)
{
    if (!opt || !opt->fn)
        return 0;
    size_t total = 0;
    for (size_t r = 0; r < page->nregions; r++) {
        bs_region *region = &page->regions[r];
        if (!bs_role_is_text(region->role))
            continue;
        for (size_t l = 0; l < region->nlines; l++)
            total += correct_line(issue, page, region, l, &region->lines[l], opt);
    }
    return total;
}
