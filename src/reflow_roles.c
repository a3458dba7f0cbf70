/*
 * reflow_roles.c - paragraph roles of coordinate-free text; see
 * reflow_roles.h.
 *
 * Public functions:
 *     bs_reflow_line_role, bs_reflow_headline_like, bs_reflow_ends_open,
 *     bs_reflow_starts_open, bs_reflow_is_cjk_text, bs_reflow_lede_score,
 *     bs_reflow_title_echo, bs_reflow_story_echo, bs_reflow_bracket_fit,
 *     bs_reflow_refers_back, bs_reflow_opens_on_dateline_en, bs_reflow_closing_logodds,
 *     bs_reflow_is_signoff, bs_reflow_opens_inside_quotation,
 *     bs_reflow_needs_word_before, bs_reflow_starts_with_any, bs_reflow_ends_with_any,
 *     bs_reflow_opens_on_frame
 *
 * Every test looks at a bounded part of the text (its length, its first or
 * last characters, the first BS_REFLOW_LEDE_BYTES bytes), so a paragraph
 * of any length costs a constant; the formulas come from line_kind.h and
 * jump.h so that `run` and `reflow` recognise the same bylines, captions
 * and jump lines.
 */
#include "reflow_roles.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "jump.h"
#include "line_kind.h"
#include "unicode.h"

/* Bytes of a paragraph read for its lede score: a dateline and the words
 * of the first sentence are in the first hundred characters. */
#define BS_REFLOW_LEDE_BYTES 400
/* Bytes of a story read for its echo of a headline: a Chinese news story
 * of up to 1,000 characters, whole; a longer one's first 1,000 tell the
 * same (and the search stays bounded). */
#define BS_REFLOW_STORY_BYTES 3000
/* Bytes at the end of a fragment searched for the opener of a closing
 * mark that the next fragment starts with: a title in 《》 or a remark in
 * （） runs a few dozen characters, rarely a hundred. */
#define BS_REFLOW_BRACKET_BYTES 300
/* Brackets nested inside one another in a headline-like line at most:
 * 《“…”》 is two; a line nesting deeper is no headline. */
#define BS_REFLOW_BRACKET_DEPTH 4
/* Bytes after "记者" within which "获悉" or "了解到" closes a lede's
 * source formula ("记者从中国铁路青藏集团有限公司获悉": 20 characters). */
#define BS_REFLOW_LEDE_SOURCE_BYTES 75
/* A lede's date ("27日", "10月27日", "今天（12月3日）") stands in its first
 * sentence, read up to this many bytes (80 CJK characters): after a
 * leader's titles ("中共中央政治局常委、国务院总理李强20日下午…") or a
 * clause of cause ("由于两党分歧严重仍未达成共识，美国联邦政府“停摆”9
 * 日进入第40天").  In Chinese broadcast news a paragraph whose first
 * sentence has its date within 24 characters is first 38% of the time,
 * within 24 to 40 34%, within 40 to 80 28%, against 11% for one with no
 * date; reading 24 characters (72 bytes) scored 0.06 points lower on the
 * synthetic pages (seeds 1-29). */
#define BS_REFLOW_LEDE_DATE_BYTES 240
/* Chinese characters beside the date's a date line may hold: a place or
 * a paper's name set on the same line ("北京": 2, "人民日报": 3 beside
 * its 日); a headline opening on a date says more ("CPI同比上涨": 4,
 * "物流业景气指数保持扩张态势": 14). */
#define BS_REFLOW_DATELINE_WORDS 3
/* Characters of an English line carrying an issue date at most: a running
 * head of page number, paper's name and date ("A3 THE DAILY LEDGER
 * Wednesday, October 9, 2020": 45); a sentence that names a weekday and a
 * full date is longer. */
#define BS_REFLOW_ISSUE_DATE_MAX_CHARS_EN 60
/* Share (in [0,1]) of an English headline's significant words that must
 * start with a capital: title case allows a few lower-case words beyond
 * the short ones we skip. */
#define BS_REFLOW_TITLE_CASE_SHARE 0.8

/* The last code point of text, trailing spaces passed over. */
static uint32_t last_cp(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    return bs_utf8_last(text, n, NULL);
}

int bs_reflow_is_cjk_text(const char *text)
{
    size_t cjk = 0, latin = 0, n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (bs_unicode_is_cjk(cp))
            cjk++;
        else if (cp < 0x80 && isalpha((int)cp))
            latin++;
        i += k;
    }
    return cjk * 2 > latin && cjk > 0;
}

/* Chinese text ending on a digit and a full stop ("…天津宁河区近2."): a
 * decimal point whose decimals the next column holds, since a Chinese
 * sentence ends on "。". */
static int ends_on_decimal_point(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    return n >= 2 && text[n - 1] == '.' && isdigit((unsigned char)text[n - 2]) &&
           bs_reflow_is_cjk_text(text);
}

int bs_reflow_is_signoff(const char *text)
{
    static const char *const agencies[] = {"REUTER", "Reuter", "REUTERS", "Reuters", "AP",
                                           "AFP",    "UPI",    "XINHUA",  "Xinhua"};
    for (size_t i = 0; i < sizeof(agencies) / sizeof(agencies[0]); i++)
        if (!strcmp(text, agencies[i]))
            return 1;
    return 0;
}

int bs_reflow_ends_open(const char *text)
{
    if (bs_reflow_is_signoff(text))
        return 0;
    if (ends_on_decimal_point(text))
        return 1;
    if (bs_line_ends_sentence(text))
        return 0;
    uint32_t c = last_cp(text);
    /* A colon announces what follows (a quote, a list) as its own
     * paragraph as often as not; counted as closed. */
    return !(c == ':' || c == 0xFF1A || c == 0);
}

int bs_reflow_starts_open(const char *text)
{
    uint32_t c = bs_utf8_first(text, NULL);
    static const uint32_t closers[] = {0xFF0C, 0x3001, 0x3002, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F,
                                       0xFF09, 0x300D, 0x300F, 0x201D, 0x2019, 0x300B,
                                       ',', ';', ':', '.', ')', '!', '?'};
    for (size_t i = 0; i < sizeof(closers) / sizeof(closers[0]); i++)
        if (c == closers[i])
            return 1;
    return c >= 'a' && c <= 'z';
}

/* English words that title case leaves in lower case. */
static int is_small_word(const char *w, size_t n)
{
    static const char *small[] = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
                                  "into", "of", "on", "or", "the", "to", "with", "vs", "per"};
    for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
        if (strlen(small[i]) == n && !strncmp(small[i], w, n))
            return 1;
    return 0;
}

/* Closing marks and the openers they close. */
static const uint32_t bracket_pairs[][2] = {
    {0xFF09, 0xFF08}, /* ） （ */
    {0x300B, 0x300A}, /* 》 《 */
    {0x300D, 0x300C}, /* 」 「 */
    {0x300F, 0x300E}, /* 』 『 */
    {0x201D, 0x201C}, /* ” “ */
    {0x3011, 0x3010}, /* 】 【 */
    {0x3009, 0x3008}, /* 〉 〈 */
    {')', '('},
    {']', '['},
};

static uint32_t opener_of(uint32_t closer)
{
    for (size_t i = 0; i < sizeof(bracket_pairs) / sizeof(bracket_pairs[0]); i++)
        if (bracket_pairs[i][0] == closer)
            return bracket_pairs[i][1];
    return 0;
}

static int is_opener(uint32_t cp)
{
    for (size_t i = 0; i < sizeof(bracket_pairs) / sizeof(bracket_pairs[0]); i++)
        if (bracket_pairs[i][1] == cp)
            return 1;
    return 0;
}

/* Whether every bracket and quotation mark of text closes what it opened:
 * a headline is set whole (none of 17,121 Chinese broadcast-news
 * headlines leaves one open), a line cut by a column break often is not
 * ("“欢乐春节——瀑布"). */
static int brackets_balanced(const char *text)
{
    size_t n = strlen(text);
    uint32_t open[BS_REFLOW_BRACKET_DEPTH];
    size_t depth = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        i += k ? k : 1;
        if (!k)
            continue;
        uint32_t want = opener_of(cp);
        if (want) {
            if (depth == 0 || open[depth - 1] != want)
                return 0;
            depth--;
            continue;
        }
        if (is_opener(cp)) {
            if (depth == BS_REFLOW_BRACKET_DEPTH)
                return 0;
            open[depth++] = cp;
        }
    }
    return depth == 0;
}

/* "了" as an aspect particle ("会议听取了…", "通过了"): sentence grammar,
 * which headlines leave out (3 of 17,121 Chinese broadcast-news
 * headlines have it, 9 of 141 headline-like column openings of synthetic
 * pages).  Not in words that merely contain the character: 为了 (for),
 * 除了 (besides), 了解 (learn), 了不起, 了结, 未了. */
static int has_aspect_le(const char *text)
{
    static const char le[] = "了";
    static const char *const before[] = {"为", "為", "除", "未"};
    static const char *const after[] = {"解", "不", "结", "結"};
    for (const char *p = strstr(text, le); p; p = strstr(p + 3, le)) {
        int word = 0;
        for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++)
            word |= p - text >= 3 && !strncmp(p - 3, before[i], 3);
        for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++)
            word |= !strncmp(p + 3, after[i], 3);
        if (!word)
            return 1;
    }
    return 0;
}

int bs_reflow_starts_with_any(const char *text, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strncmp(text, list[i], strlen(list[i])))
            return 1;
    return 0;
}

int bs_reflow_ends_with_any(const char *text, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list[i]);
        if (len >= k && !memcmp(text + len - k, list[i], k))
            return 1;
    }
    return 0;
}

/* Words that open a sentence and never a headline: a preposition that
 * frames a clause ("据", "随着", "位于"), a time word ("昨天", "目前",
 * "今晚"), a pronoun, demonstrative or other word pointing back at what
 * was said ("我们", "这", "此次", "双方", "两国", "与会", "大会"), the
 * reporter of a report ("记者").  A headline stands alone and opens on
 * neither; a line opening so and holding no comma is a paragraph's first
 * words cut off by a column.  None of the broadcast-news corpus' 18,690
 * headlines opens so, and 3,303 of 29,728 paragraph openings cut at
 * random before their first comma do.  Not "在" (in, at) or "今天"
 * (today): 15 and 3 of those headlines open with them ("在中国式现代化
 * 进程中…"), and with them zh synthetic seeds 2, 4 and 9 lost 0.6 to 0.8
 * points of aca. */
static const char *const sentence_openers_zh[] = {
    "据", "據", "随着", "隨著", "隨着", "根据", "根據", "位于", "位於", "对于", "對於", "由于", "由於",
    "作为", "作為", "针对", "針對", "围绕", "圍繞", "按照", "经过", "經過", "面对", "面對",
    "从", "從", "昨天", "近日", "日前", "目前", "这", "這", "我们", "我們", "记者", "記者",
    "会议", "會議", "双方", "雙方", "两国", "兩國", "当地", "當地", "此", "另", "本次", "与会",
    "與會", "陪同", "来自", "來自", "为期", "為期", "正在", "明天", "今晚", "文章", "大会",
    "大會", "全会", "全會"
};

int bs_reflow_headline_like(const char *text)
{
    size_t chars = bs_text_length(text);
    if (chars < 2 || bs_line_ends_sentence(text))
        return 0;
    uint32_t last = last_cp(text);
    if (last == ',' || last == 0xFF0C || last == 0x3001 || last == '-' || last == 0xFF1B ||
        last == ';')
        return 0;
    if (bs_reflow_starts_open(text) || !brackets_balanced(text))
        return 0;
    if (bs_reflow_is_cjk_text(text)) {
        if (chars > BS_REFLOW_HEADLINE_MAX_CHARS_ZH)
            return 0;
        if (bs_reflow_starts_with_any(text, sentence_openers_zh,
                            sizeof(sentence_openers_zh) / sizeof(sentence_openers_zh[0])))
            return 0;
        /* A comma or full stop inside is a sentence, not a headline;
         * so is an aspect particle. */
        return !strstr(text, "，") && !strstr(text, "。") && !strstr(text, "；") && !has_aspect_le(text);
    }
    if (chars > BS_REFLOW_HEADLINE_MAX_CHARS_EN)
        return 0;
    size_t words = 0, capital = 0, lower_letters = 0, letters = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        for (size_t i = 0; i < n; i++)
            if (isalpha((unsigned char)w[i])) {
                letters++;
                lower_letters += islower((unsigned char)w[i]) != 0;
            }
        if (!isalpha((unsigned char)w[0]) || is_small_word(w, n))
            continue;
        words++;
        capital += isupper((unsigned char)w[0]) != 0;
    }
    if (letters == 0)
        return 0;
    if (lower_letters == 0)
        return 1; /* set in capitals */
    return words > 0 && (double)capital >= BS_REFLOW_TITLE_CASE_SHARE * (double)words;
}

/* "——访…", "— An interview with …", "--": a deck opens with a dash.  One
 * dash right before a digit ("—9月平均看，…") is the rest of a range a
 * column cut ("1" + "—9月"), not a deck. */
static int is_deck(const char *text)
{
    if (bs_text_length(text) > BS_REFLOW_DECK_MAX_CHARS)
        return 0;
    static const char *const dashes[] = {"—", "―", "--"};
    for (size_t i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++) {
        size_t k = strlen(dashes[i]);
        if (!strncmp(text, dashes[i], k))
            return !isdigit((unsigned char)text[k]);
    }
    return 0;
}

/* Chinese characters a masthead's date line is written with: the date,
 * the weekday, the lunar date, the issue number. */
static const char date_words_zh[] = "年月日星期天农農历曆歷第期号號初十廿卅正腊臘闰閏一二三四五六七八九〇零";

/* Chinese characters of text that no date is written with: a line that
 * opens on a date and goes on to tell something ("2025年12月CPI同比上涨
 * 0.8%") is a headline, not the issue's date line. */
static size_t words_beyond_date(const char *text)
{
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        char ch[5] = {0};
        memcpy(ch, text + i, k < 4 ? k : 4);
        if (bs_unicode_is_cjk(cp) && !strstr(date_words_zh, ch))
            n++;
        i += k;
    }
    return n;
}

/* A short Chinese line that is nothing but an issue date ("2020年10月28日
 * 星期三"), with at most BS_REFLOW_DATELINE_WORDS characters beside the
 * date's.  (An English printed line naming a day, "Sunday after four days
 * of storm", is no date: en_issue_date reads English.) */
static int is_dateline(const char *text)
{
    return bs_reflow_is_cjk_text(text) && bs_line_has_date(text) && bs_text_length(text) <= 30 &&
           !bs_line_ends_sentence(text) && !strstr(text, "，") && !strchr(text, ',') &&
           words_beyond_date(text) <= BS_REFLOW_DATELINE_WORDS;
}

/* A short line that carries an issue's date the way English papers set
 * it, weekday first ("Wednesday, October 9, 2020"), alone or in a running
 * head ("A3 THE DAILY LEDGER Wednesday, October 9, 2020"): a story's
 * dateline names no weekday and no year ("LONDON, March 12 -"). */
static int en_issue_date(const char *text)
{
    return bs_text_length(text) <= BS_REFLOW_ISSUE_DATE_MAX_CHARS_EN && bs_line_has_weekday_date(text);
}

bs_role bs_reflow_line_role(const char *text)
{
    bs_jump_line j;
    if (bs_jump_parse(text, &j))
        return j.kind == BS_JUMP_IN ? BS_ROLE_JUMP_IN : BS_ROLE_JUMP_OUT;
    if (bs_line_is_folio(text) || bs_line_is_staff_credit(text))
        return BS_ROLE_FOLIO;
    if (bs_line_is_byline(text))
        return BS_ROLE_BYLINE;
    if (bs_line_is_caption(text))
        return BS_ROLE_CAPTION;
    if (is_deck(text))
        return BS_ROLE_DECK;
    if (is_dateline(text) || en_issue_date(text))
        return BS_ROLE_DATELINE;
    if (bs_reflow_headline_like(text) && !bs_reflow_is_signoff(text))
        return BS_ROLE_HEADLINE;
    return BS_ROLE_BODY;
}

int bs_reflow_opens_on_dateline_en(const char *t)
{
    const char *comma = strchr(t, ',');
    if (!comma || comma - t > 40 || comma == t)
        return 0;
    for (const char *p = t; p < comma; p++)
        if (islower((unsigned char)*p))
            return 0;
    /* The dash is followed by the story's first words, or ends the line
     * (a printed line "FARMINGDALE, N.Y., March 13 -"). */
    const char *dash = strstr(comma, " - ");
    if (!dash) {
        size_t n = strlen(comma);
        dash = n >= 2 && !strcmp(comma + n - 2, " -") ? comma + n - 2 : NULL;
    }
    return dash && dash - comma < 24;
}

static size_t bigrams_shared(const char *a, const char *b, size_t max_bytes, size_t *na)
{
    /* Title character bigrams (code points) found in b; quadratic in the
     * title's length only, which is bounded. */
    uint32_t cps[128];
    size_t n = 0, len = strlen(a);
    for (size_t i = 0; i < len && n < 128;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(a + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (!bs_unicode_is_space(cp))
            cps[n++] = cp < 0x80 ? (uint32_t)tolower((int)cp) : cp;
        i += k;
    }
    size_t shared = 0;
    *na = n > 1 ? n - 1 : 0;
    size_t blen = strlen(b);
    if (blen > max_bytes)
        blen = max_bytes;
    for (size_t t = 0; t + 1 < n; t++) {
        char pair[8];
        size_t k1 = bs_utf8_encode_one(cps[t], pair);
        size_t k2 = bs_utf8_encode_one(cps[t + 1], pair + k1);
        pair[k1 + k2] = '\0';
        /* Case-insensitive for ASCII pairs. */
        for (size_t i = 0; i + k1 + k2 <= blen; i++) {
            size_t m = 0;
            while (m < k1 + k2 && (unsigned char)tolower((unsigned char)b[i + m]) == (unsigned char)pair[m])
                m++;
            if (m == k1 + k2) {
                shared++;
                break;
            }
        }
    }
    return shared;
}

/* Words that say nothing about what a story is about: the small words of
 * title case, pronouns, auxiliaries and the commonest connectives.  Every
 * English paragraph has them, so a headline's echo counts only the rest
 * ("The", "They", "According to" echo nothing). */
static int is_function_word(const char *w, size_t n)
{
    static const char *fw[] = {"about", "after", "all", "also", "are", "be", "been", "before", "can",
                               "could", "had", "has", "have", "he", "her", "his", "i", "is", "it",
                               "its", "may", "might", "more", "most", "no", "not", "our", "over",
                               "said", "says", "she", "should", "so", "some", "than", "that", "their",
                               "them", "there", "these", "they", "this", "those", "up", "was", "we",
                               "were", "which", "who", "will", "would"};
    char lower[16];
    if (n >= sizeof(lower))
        return 0;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)tolower((unsigned char)w[i]);
    if (is_small_word(lower, n))
        return 1;
    for (size_t i = 0; i < sizeof(fw) / sizeof(fw[0]); i++)
        if (strlen(fw[i]) == n && !memcmp(fw[i], lower, n))
            return 1;
    return 0;
}

/* The word w[0..n) occurs in b[0..blen) as a whole word (ASCII letters
 * and digits, case ignored). */
static int has_word(const char *b, size_t blen, const char *w, size_t n)
{
    for (size_t i = 0; i + n <= blen; i++) {
        if (i > 0 && isalnum((unsigned char)b[i - 1]))
            continue;
        if (i + n < blen && isalnum((unsigned char)b[i + n]))
            continue;
        if (!strncasecmp(b + i, w, n))
            return 1;
    }
    return 0;
}

/* English: the title's words (letters and digits, function words left
 * out) that occur in the first max_bytes of b; *na gets how many there
 * are.  Character bigrams would find "fi", "iv", "ve" of "Five" in any
 * paragraph. */
static size_t words_shared(const char *a, const char *b, size_t max_bytes, size_t *na)
{
    size_t blen = strlen(b), shared = 0;
    if (blen > max_bytes)
        blen = max_bytes;
    *na = 0;
    for (const char *p = a; *p;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && isalnum((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (!n || is_function_word(w, n))
            continue;
        ++*na;
        shared += has_word(b, blen, w, n);
    }
    return shared;
}

/* Share of title's words (English) or character bigrams (other scripts)
 * found in the first max_bytes of text. */
static double echo_share(const char *title, const char *text, size_t max_bytes)
{
    size_t n = 0, shared = bs_reflow_is_cjk_text(title) ? bigrams_shared(title, text, max_bytes, &n)
                                                         : words_shared(title, text, max_bytes, &n);
    return n ? (double)shared / (double)n : 0.0;
}

double bs_reflow_title_echo(const char *title, const char *text)
{
    return echo_share(title, text, BS_REFLOW_LEDE_BYTES);
}

double bs_reflow_story_echo(const char *title, const char *text)
{
    return echo_share(title, text, BS_REFLOW_STORY_BYTES);
}

/* Bytes of text's first sentence within its first
 * BS_REFLOW_LEDE_DATE_BYTES: up to its first full stop, question or
 * exclamation mark.  A date after one ("重大基础设施建设取得突破。今天（3月
 * 18日）…") is no lede's: in Chinese broadcast news 43 first and 183
 * later paragraphs have one, first as often as any paragraph is (18%),
 * while a date in the first sentence is a first paragraph's 42% of the
 * time (9,042 first, 12,547 later). */
static size_t first_sentence_bytes(const char *text)
{
    static const char *const stops[] = {"。", "！", "？"};
    size_t n = strnlen(text, BS_REFLOW_LEDE_DATE_BYTES);
    for (size_t i = 0; i < n; i++)
        if (bs_reflow_starts_with_any(text + i, stops, sizeof(stops) / sizeof(stops[0])))
            return i;
    return n;
}

/* "10月27日", "27日" in the first sentence: a news lede's date.  Not a
 * date with its year ("2006年7月1日": history) or after "截至" (as of: a
 * statistic's deadline), "自" (since) or "将于" (will, on: a forecast);
 * past such a date, or a 日 of a word ("节日", "日前"), the sentence's
 * next date is read. */
static int news_day(const char *text)
{
    size_t window = first_sentence_bytes(text);
    for (const char *ri = strstr(text, "日"); ri && (size_t)(ri - text) < window; ri = strstr(ri + 3, "日")) {
        if (ri == text || !isdigit((unsigned char)ri[-1]))
            continue;
        /* Back over the date's digits and 月 to what stands before it. */
        const char *d = ri;
        for (;;) {
            if (d > text && isdigit((unsigned char)d[-1]))
                d--;
            else if (d - text >= 3 && !strncmp(d - 3, "月", 3))
                d -= 3;
            else
                break;
        }
        /* A year (history), 截至 (as of), 自 (since), 将于 (a forecast). */
        static const char *const not_news[] = {"年", "截至", "自", "将于", "將於"};
        if (!bs_reflow_ends_with_any(text, (size_t)(d - text), not_news, sizeof(not_news) / sizeof(not_news[0])))
            return 1;
    }
    return 0;
}

/* The earliest place in text where one of the n words stands, or NULL. */
static const char *find_any(const char *text, const char *const *words, size_t n)
{
    const char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *p = strstr(text, words[i]);
        if (p && (!first || p < first))
            first = p;
    }
    return first;
}

/* "记者从国家铁路局获悉", "记者今天从…了解到" (traditional "記者從…獲悉",
 * "瞭解到"): the source formula of a broadcast or agency lede, within its
 * first sentence. */
static int reporter_learned(const char *text)
{
    static const char *const reporter[] = {"记者", "記者"};
    const char *r = find_any(text, reporter, sizeof(reporter) / sizeof(reporter[0]));
    if (!r || (size_t)(r - text) >= first_sentence_bytes(text))
        return 0;
    /* "记者同时了解到", "记者还获悉": the reporter also learned, a later
     * paragraph's formula. */
    static const char *const also[] = {"同时", "同時", "还", "還", "也", "另"};
    _Static_assert(sizeof("记者") == sizeof("記者"), "the reporter's two forms are one length");
    const char *after = r + strlen(reporter[0]);
    if (bs_reflow_starts_with_any(after, also, sizeof(also) / sizeof(also[0])))
        return 0;
    static const char *const learned[] = {"获悉", "獲悉", "了解到", "瞭解到"};
    const char *l = find_any(r, learned, sizeof(learned) / sizeof(learned[0]));
    return l && (size_t)(l - r) < BS_REFLOW_LEDE_SOURCE_BYTES;
}

/* "连日来，…" (for days now): a first clause that sets the story's time
 * frame, as a lede's does and a later paragraph's seldom (in Chinese
 * broadcast news 14 times as often first as later; "今年以来", "近日",
 * "…之际" only 2 to 9 times, too weak against a later paragraph's). */
static int time_frame_opener(const char *text)
{
    static const char *const opener[] = {"连日来，", "連日來，"};
    return bs_reflow_starts_with_any(text, opener, sizeof(opener) / sizeof(opener[0]));
}

double bs_reflow_lede_score(const char *text, const char *title)
{
    double s = 0;
    if (bs_byline_prefix(text) > 0 || bs_reflow_opens_on_dateline_en(text))
        s += 2;
    else if (news_day(text) || reporter_learned(text) || time_frame_opener(text))
        s += 1;
    if (title && *title)
        s += bs_reflow_title_echo(title, text);
    return s;
}

/* Words that open a paragraph only after another: connectives ("此外",
 * "However") and words pointing back at what was said ("此次", "该",
 * "会议", "He") or at who was there ("与会", "双方", "两国", "代表们",
 * "大家": each opens 11 to 190 later paragraphs and no first one).
 * Listed on linguistic grounds and checked on broadcast
 * news (zh: 3,239 of 67,791 later paragraphs open on one of the first
 * list, 1 of 16,295 first paragraphs) and on agency news (en: each pronoun and connective below opens
 * hundreds of later paragraphs and no first one).  Simplified and
 * traditional forms both. */
static const char *const refers_back_zh[] = {
    "此", /* 此外, 此次, 此前, 此举 */ "同时", "同時", "另外", "与此同时", "與此同時", "随后",
    "隨後", "接下来", "接下來", "下一步", "对此", "對此", "其", /* 其中, 其实 */ "不过", "不過",
    "但", "而", "然而", "因此", "所以", "该", "該", "这是", "這是", "这些", "這些", "这一",
    "這一", "据了解", "據了解", "據瞭解", "据介绍", "據介紹", "会议", "會議", "会上", "會上",
    "与会", "與會", "双方", "雙方", "两国", "兩國", "本次", "代表们", "代表們", "大家", "他们", "他們"
};
static const char *const refers_back_en[] = {
    "He",      "She",     "It",        "They",        "However",   "But",      "Also",
    "Meanwhile", "Separately", "Moreover", "Furthermore", "Nevertheless", "In addition",
};

int bs_reflow_refers_back(const char *text)
{
    if (bs_reflow_starts_with_any(text, refers_back_zh, sizeof(refers_back_zh) / sizeof(refers_back_zh[0])))
        return 1;
    for (size_t i = 0; i < sizeof(refers_back_en) / sizeof(refers_back_en[0]); i++) {
        size_t n = strlen(refers_back_en[i]);
        /* A whole word: "It " or "However," but not "Italy". */
        if (!strncmp(text, refers_back_en[i], n) && (text[n] == ' ' || text[n] == ','))
            return 1;
    }
    return 0;
}

/* Words that need what stands before them: a copula or verb without its
 * subject ("是", "达"), a conjunction without its first member ("和",
 * "及", "并", "或", "则"), an adverb of its verb ("已", "将", "都", "均",
 * "更", "才", "仍", "较"), "至" of "从…至…", "使" after its cause.  Each
 * opens 0 to 16 of the broadcast-news corpus' 107,285 paragraphs and from
 * 12 (达) to several hundred times as many pieces cut at random points
 * (all together 75 paragraphs, 1,844 of 87,116 pieces).  Simplified and
 * traditional forms. */
static const char *const needs_word_before_zh[] = {
    "是", "达", "達", "和", "及", "并", "並", "或", "则", "則", "已", "将", "將", "都", "均",
    "更", "才", "仍", "较", "較", "至", "使"};

int bs_reflow_needs_word_before(const char *text)
{
    return bs_reflow_starts_with_any(text, needs_word_before_zh,
                           sizeof(needs_word_before_zh) / sizeof(needs_word_before_zh[0]));
}

/* Words that open an adverbial frame, of place, time, source or cause,
 * closed by a comma ("在上海，", "截至今年（2022年）第二季度，", "据介绍，",
 * "随着…，"): a clause's first words.  Each is kept where, as the opening
 * of a frame, it starts from 10 (围绕, 同时) or 18 (在, 从) to thousands
 * (此外, 眼下) of times as many broadcast-news paragraphs as pieces of
 * them cut at random inside a clause (all together 21,444 of 107,285
 * paragraphs, 4,112 of 276,275 pieces: e^2.6); "为", "自", "通过",
 * "下午", "会上", "而" go as often either way and are not listed.
 * Simplified and traditional forms. */
static const char *const frame_openers_zh[] = {
    "在", "截至", "随着", "隨著", "隨着", "为了", "為了", "据", "據", "从", "從", "由于", "由於",
    "对于", "對於", "针对", "針對", "围绕", "圍繞", "面对", "面對", "按照", "根据", "根據",
    "经过", "經過", "当", "當", "今年", "去年", "目前", "近年来", "近年來", "当前", "當前",
    "近日", "日前", "今天", "昨天", "此前", "同时", "同時", "其中", "此外", "近期", "如今",
    "眼下", "最近", "与此同时", "與此同時", "另外"};

/* Characters within which a frame's comma closes it: "在贵州三都，" is 5,
 * "截至今年（2022年）第二季度，" 15; past 16 the comma closes a clause. */
#define BS_REFLOW_FRAME_CHARS 16

int bs_reflow_opens_on_frame(const char *text)
{
    if (!bs_reflow_starts_with_any(text, frame_openers_zh,
                                   sizeof(frame_openers_zh) / sizeof(frame_openers_zh[0])))
        return 0;
    size_t n = strnlen(text, 4 * (BS_REFLOW_FRAME_CHARS + 1));
    size_t chars = 0;
    for (size_t i = 0; i < n && chars <= BS_REFLOW_FRAME_CHARS; chars++) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k)
            return 0;
        if (cp == 0xFF0C) /* ， */
            return chars > 0;
        if (cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F)
            return 0; /* 。；：！？ end the clause first */
        i += k;
    }
    return 0;
}

/* Log odds that a news agency's sign-off ("REUTER" alone on its line)
 * is its story's last paragraph: it is nothing else, and a story read
 * with it in the middle is a column read out of order; as sure as the
 * surest opening below. */
#define BS_REFLOW_SIGNOFF_CLOSING 5.0

/* Openings of a story's last paragraph and their log odds, log(share of
 * last paragraphs opening so / share of middle ones), in Chinese broadcast
 * news (stories of three paragraphs or more: 15,743 last paragraphs,
 * 70,257 middle ones): "下一步" (next steps) opens 104 last paragraphs
 * and 7 middle ones, "此外，" 300 and 225, "目前，" 220 and 246; every
 * opening kept opens at least 40 of them and is e^0.9 or more likelier
 * last, and none opens a first paragraph but "目前" (30 times).  Set
 * phrases on linguistic grounds, not one story's words; simplified and
 * traditional forms. */
static const struct {
    const char *opening;
    double logodds;
} closing_zh[] = {
    {"下一步", 4.13}, {"另外，", 2.90}, {"据了解，", 2.37}, {"據了解，", 2.37}, {"據瞭解，", 2.37},
    {"同日，", 2.13}, {"此外，", 1.78}, {"目前，", 1.38}, {"随后，", 1.10},
    {"隨後，", 1.10}, {"与此同时，", 0.94}, {"與此同時，", 0.94},
};

double bs_reflow_closing_logodds(const char *text)
{
    if (bs_reflow_is_signoff(text))
        return BS_REFLOW_SIGNOFF_CLOSING;
    for (size_t i = 0; i < sizeof(closing_zh) / sizeof(closing_zh[0]); i++)
        if (!strncmp(text, closing_zh[i].opening, strlen(closing_zh[i].opening)))
            return closing_zh[i].logodds;
    return 0;
}

/* The closing mark text shows before any opening mark, within its first
 * BS_REFLOW_BRACKET_BYTES bytes: the text starts inside that quotation or
 * bracket.  0 when an opener comes first or neither does. */
static uint32_t first_closer(const char *text)
{
    size_t n = strnlen(text, BS_REFLOW_BRACKET_BYTES);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bs_utf8_decode_one(text + i, n - i, &cp);
        if (!k || is_opener(cp))
            return 0;
        if (opener_of(cp))
            return cp;
        i += k;
    }
    return 0;
}

int bs_reflow_opens_inside_quotation(const char *text)
{
    return first_closer(text) != 0;
}

int bs_reflow_bracket_fit(const char *left, const char *right)
{
    uint32_t closer = first_closer(right);
    if (!closer)
        return 0;
    uint32_t opener = opener_of(closer);
    /* Walk back from the end: the opener not closed again in left. */
    size_t n = strlen(left), floor = n > BS_REFLOW_BRACKET_BYTES ? n - BS_REFLOW_BRACKET_BYTES : 0;
    int depth = 0;
    while (n > floor) {
        size_t start = 0;
        uint32_t cp = bs_utf8_last(left, n, &start);
        if (cp == closer)
            depth++;
        else if (cp == opener && depth-- == 0)
            return 1;
        n = start;
    }
    return -1;
}
