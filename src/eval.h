/*
 * eval.h - score article output against ground truth, as eval/score.py.
 *
 * Public functions:
 *     bs_eval_load_gt, bs_eval_load_out, bs_eval_parse_gt, bs_eval_parse_out,
 *     bs_eval_doc_free, bs_eval_norm_text, bs_eval_remove_jump_lines,
 *     bs_eval_score, bs_eval_result_merge, bs_eval_result_finish,
 *     bs_eval_result_release, bs_eval_result_to_json, bs_eval_json_string
 *
 * This is a C port of the project's referee, shared/eval/score.py, so that
 * the pipeline, its tests and its benchmarks can score themselves without
 * Python, with the same numbers.  The definitions (see score.py):
 *
 *   norm(s)        NFKC, then jump lines removed (the JUMP regular
 *                  expression, reimplemented by hand: see
 *                  bs_eval_remove_jump_lines), then all white space removed.
 *   match          each true article takes the output article whose body
 *                  shares the most distinct character bigrams with its own;
 *                  the first output with the largest count wins, so with any
 *                  output at all every true article has a match.
 *   cer            min(1, levenshtein(true, matched) / max(1, len(true))).
 *   aca            sum(len * (1 - cer)) / max(1, sum(len)).
 *   complete       share of true articles with cer <= 0.05.
 *   jump_recall    share of multi-page true articles with cer <= 0.10
 *                  (undefined, JSON null, when there are none).
 *   jump_precision share of multi-page output articles whose best true
 *                  article (least cer, then first, among the true articles
 *                  that matched it) has cer <= 0.10 and the same page set
 *                  (null when there are none).
 *   title_acc      mean over matched true articles of 1 - title cer.
 *
 * and, beyond score.py, per true article: its cer, its title accuracy and
 * a word error rate.  The wer is min(1, levenshtein over tokens /
 * max(1, true tokens)) on the normalized text before white space removal,
 * where a token is one CJK character (ideograph, kana, hangul syllable or
 * CJK punctuation) or a maximal run of other non-space characters.  So for
 * Latin text it is the usual word error rate on white-space tokens, for
 * Chinese it equals the character error rate (white space aside), and
 * mixed text gets both; it is capped at 1 like cer.
 *
 * Scores of several issues are pooled (bs_eval_result_merge): aca is
 * weighted by true body length, the other shares by their counts, which is
 * what scoring one issue made of all of them would give if matching never
 * crossed issues.
 *
 * Inputs.  GT: {"articles":[{"id","title","body":[pieces],"parts":[{"page"}]}]}
 * as in shared/eval/dev/issueNN.json.  OUT: Broadsheet's issue.json; only
 * articles[].title (null or missing: ""), .text (idem) and .pages (else the
 * set of .parts[].page) are read.
 *
 * Ownership: docs and results own all their memory and are freed by
 * bs_eval_doc_free / bs_eval_result_release.  No global state.
 */
#ifndef BS_EVAL_H
#define BS_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"

/* Refuse GT/OUT files larger than this many bytes: a whole issue's articles
 * are a few MB at most, so more is a wrong file. */
#define BS_EVAL_MAX_JSON_BYTES (256L * 1024 * 1024)

/* score.py's thresholds on cer (fractions of the true body length). */
#define BS_EVAL_COMPLETE_CER 0.05 /* "complete": at most 5% of characters wrong */
#define BS_EVAL_JUMP_CER 0.10     /* a jump counts as joined at <= 10% */

/* One article, normalized. */
typedef struct bs_eval_article {
    char *id_json;      /* owned, the GT "id" as compact JSON, or NULL */
    char *title_raw;    /* owned, the title as given (UTF-8) */
    uint32_t *title;    /* owned, norm(title) */
    size_t ntitle;
    uint32_t *body;     /* owned, norm(body): no jump lines, no white space */
    size_t nbody;
    uint32_t *words;    /* owned, body after jump removal with white space */
    size_t nwords;      /* (the input of the wer tokenizer) */
    double *pages;      /* owned, sorted distinct page numbers */
    size_t npages;
} bs_eval_article;

typedef struct bs_eval_doc {
    char *name;         /* owned, the file name used in messages */
    bs_eval_article *articles; /* owned */
    size_t narticles;
} bs_eval_doc;

/* Per true article. */
typedef struct bs_eval_article_score {
    size_t gt;          /* index in the GT articles */
    long match;         /* index of the matched output article, -1 if none */
    size_t chars;       /* normalized true body length (its aca weight) */
    size_t shared_bigrams; /* distinct bigrams shared with the match */
    double cer;         /* 1 when there is no match */
    double wer;         /* 1 when there is no match */
    double title_acc;   /* 1 - title cer; -1 when there is no match */
    int multi_page;     /* the true article spans more than one page */
} bs_eval_article_score;

typedef struct bs_eval_result {
    /* Pooled sums: exactly what bs_eval_result_merge adds. */
    double len_sum;     /* sum of true body lengths */
    double acc_sum;     /* sum of len * (1 - cer) */
    size_t n_articles, n_complete;
    size_t n_jumps, n_jumps_ok;      /* multi-page true articles */
    size_t n_claimed, n_claimed_ok;  /* multi-page output articles */
    size_t n_titles;
    double title_sum;
    size_t n_out;
    /* Derived by bs_eval_result_finish (rounded to 4 decimals only when
     * written).  has_* is 0 where score.py gives null. */
    double aca, complete, jump_recall, jump_precision, title_acc;
    int has_jump_recall, has_jump_precision;
    /* Per true article, in GT order; empty after merging. */
    bs_eval_article_score *articles; /* owned */
    size_t narticles;
} bs_eval_result;

/* Read and normalize a GT (resp. OUT) file.  NULL with err filled (the
 * message starts with path) when the file cannot be read, is larger than
 * BS_EVAL_MAX_JSON_BYTES, is not JSON, misses a required field, has a field
 * of the wrong type or holds invalid UTF-8.  Caller frees with
 * bs_eval_doc_free(). */
bs_eval_doc *bs_eval_load_gt(const char *path, bs_error *err);
bs_eval_doc *bs_eval_load_out(const char *path, bs_error *err);

/* The same from text[0..len) in memory; name is used in messages. */
bs_eval_doc *bs_eval_parse_gt(const char *text, size_t len, const char *name, bs_error *err);
bs_eval_doc *bs_eval_parse_out(const char *text, size_t len, const char *name, bs_error *err);

/* Free doc and everything in it; NULL is allowed. */
void bs_eval_doc_free(bs_eval_doc *doc);

/* score.py's norm() of the UTF-8 text s[0..n): NFKC, jump lines removed,
 * white space removed.  Returns 0 with *out (caller frees with free(),
 * never NULL) and *nout, or -1 with err set on invalid UTF-8. */
int bs_eval_norm_text(const char *s, size_t n, uint32_t **out, size_t *nout, bs_error *err);

/* Remove from cp[0..n), in place, every match of score.py's JUMP pattern
 *   [(（]?\s*(下转|上接|转|接)\s*第?\s*[0-9一二三四五六七八九十]+\s*版\s*[)）]?
 *   | \(?\s*(Continued|See [A-Z ]+,|[A-Z ]+ from)\s*(on|from)?\s*[Pp]age\s*A?\d+\s*\)?
 * with Python's semantics: leftmost, first alternative first, greedy with
 * backtracking, \s and \d Unicode-aware, matches never overlapping.
 * Returns the new length.  Linear time. */
size_t bs_eval_remove_jump_lines(uint32_t *cp, size_t n);

/* Score out against gt into *res (which need not be initialised; release it
 * with bs_eval_result_release).  Cannot fail for loaded docs; returns 0. */
int bs_eval_score(const bs_eval_doc *gt, const bs_eval_doc *out, bs_eval_result *res);

/* Add r's pooled sums into total (initialise total with {0}) and
 * recompute total's derived metrics.  Per-article scores are not copied. */
void bs_eval_result_merge(bs_eval_result *total, const bs_eval_result *r);

/* Recompute the derived metrics of res from its pooled sums. */
void bs_eval_result_finish(bs_eval_result *res);

/* Free res's per-article scores and zero it. */
void bs_eval_result_release(bs_eval_result *res);

/* Append res to sb as one JSON object with score.py's keys in its order
 * (aca, complete, jump_recall, jump_precision, title_acc, n_articles,
 * n_jumps, n_out), rounded to 4 decimals as score.py does, then, if
 * per_article, "articles":[{"gt","id","title","match","chars",
 * "shared_bigrams","cer","wer","title_acc","multi_page"}].  gt supplies the
 * ids and titles (may be NULL, then they are left out).  No trailing
 * newline; extra members can be added by the caller before the closing
 * brace if close is 0. */
void bs_eval_result_to_json(const bs_eval_result *res, const bs_eval_doc *gt, int per_article,
                            int close, bs_strbuf *sb);

/* Append s as a JSON string literal (quoted, escaped) to sb. */
void bs_eval_json_string(bs_strbuf *sb, const char *s);

#endif
