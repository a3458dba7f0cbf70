/*
 * line_kind.c - bylines, captions, folios and dates recognised by their
 * formulas; see line_kind.h.
 *
 * Literals are compared as UTF-8 bytes (UTF-8 is prefix-free, so a byte
 * prefix match is a character prefix match); character classes decode one
 * code point at a time.
 */
#include "line_kind.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "textnorm.h"
#include "unicode.h"

/* Longest byline formula before the body starts, in code points:
 * "本报北京10月27日电(记者 欧阳某某 通讯员 某某某)" is about 30. */
#define KIND_BYLINE_PREFIX_MAX 48
/* Longest bracketed reporter list after "本报讯" or "...电". */
#define KIND_BYLINE_BRACKET_MAX 40
/* Longest place-and-date between "本报" / "新华社" and "电". */
#define KIND_DATELINE_MAX 20
/* Longest stand-alone byline line: a few roles and names. */
#define KIND_BYLINE_LINE_MAX 40
/* Longest name in a Chinese byline: names are 2-4 characters, and OCR
 * may have lost the space between two of them; names with "·",
 * transliterated from other languages, run longer. */
#define KIND_NAME_MAX 8
#define KIND_NAME_DOT_MAX 12
/* English bylines: "By" and at most this many words. */
#define KIND_BY_WORDS_MAX 8
/* Longest photo credit ("本报记者 罗明 通讯员 叶青 摄"). */
#define KIND_CREDIT_MAX 40
/* Longest folio ("第12版 要闻"). */
#define KIND_FOLIO_MAX 12
/* A staff credit line holds a few labels and names: "本版编辑：王五 校对：
 * 李四 美编：赵六" is 20 characters; 40 leaves room for two names per
 * label, and a sentence that starts with "编辑" runs longer. */
#define KIND_STAFF_CREDIT_MAX 40
/* Characters of a masthead line carrying a paper's registration at most:
 * "国内统一连续出版物号 CN 11-0001 邮发代号 1-1" and the number
 * beside it fit; a sentence quoting the words is longer. */
#define KIND_REGISTRATION_MAX 40

/* ---- scanning helpers ------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t *len)
{
    uint32_t c = 0;
    size_t n = strnlen(s, 4);
    size_t k = n ? bs_utf8_decode_one(s, n, &c) : 0;
    if (k == 0) {
        *len = n ? 1 : 0;
        return n ? BS_UNICODE_REPLACEMENT : 0;
    }
    *len = k;
    return c;
}

static int starts(const char *s, const char *lit)
{
    return strncmp(s, lit, strlen(lit)) == 0;
}

static int ends(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s + n - k, lit, k) == 0;
}

static const char *skip_space(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* Decorations that open a byline or credit: ■ ● □ ▲ ◆ ★ and dashes. */
static const char *skip_marks(const char *s)
{
    for (;;) {
        s = skip_space(s);
        size_t k;
        uint32_t c = cp_at(s, &k);
        if (c == 0x25A0 || c == 0x25CF || c == 0x25A1 || c == 0x25B2 || c == 0x25C6 || c == 0x2605
            || c == 0x2014)
            s += k;
        else
            return s;
    }
}

/* Sentence punctuation that no byline or credit contains. */
static int is_sentence_mark(uint32_t c)
{
    return c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ','
           || c == ';' || c == '!' || c == '?';
}

size_t bs_text_length(const char *text)
{
    size_t n = 0, k;
    for (const char *s = text; *s; s += k) {
        uint32_t c = cp_at(s, &k);
        if (!bs_unicode_is_space(c))
            n++;
    }
    return n;
}

static int is_open_bracket(uint32_t c)
{
    return c == '(' || c == 0xFF08;
}

static int is_close_bracket(uint32_t c)
{
    return c == ')' || c == 0xFF09;
}

/* s at an opening bracket: return the byte just past its closing bracket
 * if it closes within max code points without a sentence end, else NULL. */
static const char *skip_bracket(const char *s, int max)
{
    size_t k;
    if (!is_open_bracket(cp_at(s, &k)))
        return NULL;
    s += k;
    for (int i = 0; i < max && *s; i++) {
        uint32_t c = cp_at(s, &k);
        s += k;
        if (is_close_bracket(c))
            return s;
        if (c == 0x3002)
            return NULL;
    }
    return NULL;
}

/* ---- bylines ---------------------------------------------------------- */

/* End of the byline formula opening text ("本报讯(记者 陈立)"), or NULL. */
static const char *formula_end(const char *text)
{
    const char *s = skip_marks(text);
    const char *p = NULL;
    size_t k;
    if (starts(s, "本报讯") || starts(s, "本報訊")) {
        p = s + strlen("本报讯");
    } else if (starts(s, "本报") || starts(s, "本報") || starts(s, "新华社") || starts(s, "新華社")
               || starts(s, "中新社") || starts(s, "据新华社") || starts(s, "據新華社")
               || starts(s, "人民网") || starts(s, "人民網")) {
        /* "...电": a place and a date, then 电. */
        const char *q = s;
        for (int i = 0; i < KIND_DATELINE_MAX && *q; i++) {
            uint32_t c = cp_at(q, &k);
            if (c == 0x7535 || c == 0x96FB) { /* 电, 電 */
                p = q + k;
                break;
            }
            if (is_sentence_mark(c) || is_open_bracket(c) || c == 0x3001)
                break;
            q += k;
        }
    }
    if (!p)
        return NULL;
    const char *after = skip_space(p);
    const char *br = skip_bracket(after, KIND_BYLINE_BRACKET_MAX);
    if (br)
        p = br;
    /* "本报讯 " may be followed by ":" in some papers. */
    p = skip_space(p);
    uint32_t c = cp_at(p, &k);
    if (c == ':' || c == 0xFF1A)
        p = skip_space(p + k);
    /* Bounded: a formula is short. */
    size_t n = 0;
    for (const char *q = text; q < p; q += k) {
        cp_at(q, &k);
        n++;
    }
    return n <= KIND_BYLINE_PREFIX_MAX ? p : NULL;
}

size_t bs_byline_prefix(const char *text)
{
    const char *p = formula_end(text);
    return p && *p ? (size_t)(p - text) : 0;
}

/* Reporter roles that open a Chinese byline, longest first so that
 * "本报记者" is taken whole. */
static const char *const zh_roles[] = {
    "本报特约记者", "本报实习记者", "本報特約記者", "本報實習記者", "新华社记者", "新華社記者",
    "本报通讯员",   "本報通訊員",   "本报记者",     "本報記者",     "特约记者",   "特約記者",
    "实习记者",     "實習記者",     "见习记者",     "見習記者",     "通讯员",     "通訊員",
    "实习生",       "實習生",       "撰文",         "记者",         "記者",       "文/",
    "文／",         "文:",          "文：",
};

/* Length in bytes of the role word at s, 0 if none. */
static size_t zh_role(const char *s)
{
    for (size_t i = 0; i < sizeof(zh_roles) / sizeof(*zh_roles); i++)
        if (starts(s, zh_roles[i]))
            return strlen(zh_roles[i]);
    return 0;
}

static int zh_byline(const char *s)
{
    size_t r = zh_role(s);
    if (!r || bs_text_length(s) > KIND_BYLINE_LINE_MAX)
        return 0;
    /* "记者从市统计局获悉" opens like a byline; a bare "记者" must be
     * followed by a space, as bylines are set. */
    int bare = r == strlen("记者") && (starts(s, "记者") || starts(s, "記者"));
    if (bare && s[r] != ' ')
        return 0;
    int names = 0;
    const char *q = s + r;
    while (*q) {
        q = skip_space(q);
        if (!*q)
            break;
        size_t rr = zh_role(q);
        if (rr) {
            q += rr;
            continue;
        }
        /* A name: wide characters up to a space, "、" or the next role. */
        int len = 0, dot = 0;
        size_t k;
        while (*q && *q != ' ' && !zh_role(q)) {
            uint32_t c = cp_at(q, &k);
            if (c == 0x3001) { /* 、 between names */
                q += k;
                break;
            }
            if (c == 0x00B7 || c == 0x30FB)
                dot = 1;
            else if (!bs_textnorm_is_wide(c) || is_sentence_mark(c) || c == 0x3002)
                return 0;
            if ((c == 0x6444 || c == 0x651D) && !q[k]) /* 摄/攝: a photo credit */
                return 0;
            len++;
            q += k;
        }
        if (len > (dot ? KIND_NAME_DOT_MAX : KIND_NAME_MAX))
            return 0;
        if (len > 0)
            names++;
    }
    return names > 0;
}

/* Lower-case particles allowed between the capitalised words of a name. */
static int name_particle(const char *w, size_t n)
{
    static const char *const p[] = {"and", "&", "of", "de", "van", "von", "der", "la", "le", "du"};
    for (size_t i = 0; i < sizeof(p) / sizeof(*p); i++)
        if (strlen(p[i]) == n && memcmp(w, p[i], n) == 0)
            return 1;
    return 0;
}

static int en_byline(const char *s)
{
    if (!(starts(s, "By ") || starts(s, "BY ")))
        return 0;
    const char *q = s + 3;
    int words = 0;
    while (*q) {
        q = skip_space(q);
        if (!*q)
            break;
        const char *w = q;
        while (*q && *q != ' ')
            q++;
        size_t n = (size_t)(q - w);
        while (n > 0 && (w[n - 1] == ',' || w[n - 1] == '.'))
            n--;
        if (n == 0)
            continue;
        if (!((w[0] >= 'A' && w[0] <= 'Z') || name_particle(w, n)))
            return 0;
        if (++words > KIND_BY_WORDS_MAX)
            return 0;
    }
    return words >= 1;
}

/* Credits that stand for a byline in English papers. */
static const char *const en_credits[] = {
    "From Staff and Wire Reports",
    "From staff and wire reports",
    "Staff and Wire Reports",
    "From Wire Reports",
    "Staff and wire reports",
    "From wire reports",
    "Associated Press",
    "The Associated Press",
    "Reuters",
    "Staff Reports",
    "From Staff Reports",
    "From staff reports",
    "Staff report",
    "Staff Report",
    "Staff Writer",
    "Staff writer",
    "Correspondent",
};

int bs_line_is_byline(const char *text)
{
    const char *s = skip_marks(text);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < sizeof(en_credits) / sizeof(*en_credits); i++)
        if (strlen(en_credits[i]) == n && memcmp(s, en_credits[i], n) == 0)
            return 1;
    const char *f = formula_end(s);
    if (f && !*f)
        return 1;
    return zh_byline(s) || en_byline(s);
}

/* ---- captions --------------------------------------------------------- */

static int contains(const char *s, const char *lit)
{
    return strstr(s, lit) != NULL;
}

int bs_line_is_caption(const char *text)
{
    const char *s = skip_marks(text);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    static const char *const open[] = {
        "图为", "上图",  "下图",   "左图",  "右图",  "图:",    "图：", "图/",
        "图／", "摄影:", "摄影：", "摄影/", "圖為",  "上圖",   "下圖", "左圖",
        "右圖", "圖:",   "圖：",   "圖/",   "圖／", "攝影:", "攝影：", "攝影/"};
    for (size_t i = 0; i < sizeof(open) / sizeof(*open); i++)
        if (starts(s, open[i]))
            return 1;
    /* "图为" after a sentence mark: the caption of a photo-news item. */
    static const char *const lead[] = {"。图为", "，图为", "；图为", " 图为", "）图为", ")图为",
                                       "。圖為", "，圖為", "；圖為", " 圖為", "）圖為", ")圖為"};
    for (size_t i = 0; i < sizeof(lead) / sizeof(*lead); i++)
        if (contains(s, lead[i]))
            return 1;
    /* A credit: short, no sentence, ends in 摄 (攝). */
    if ((ends(s, n, "摄") || ends(s, n, "摄)") || ends(s, n, "摄）") || ends(s, n, "攝")
         || ends(s, n, "攝)") || ends(s, n, "攝）"))
        && bs_text_length(s) <= KIND_CREDIT_MAX) {
        size_t k;
        for (const char *q = s; q < s + n; q += k)
            if (is_sentence_mark(cp_at(q, &k)) || cp_at(q, &k) == 0x3002)
                return 0;
        return 1;
    }
    static const char *const en[] = {"Staff photo", "Staff Photo",   "STAFF PHOTO",   "Photo by",
                                     "photo by",    "Photograph by", "AP Photo",      "Photo:",
                                     "PHOTO:",      "Getty Images",  "Photo courtesy"};
    for (size_t i = 0; i < sizeof(en) / sizeof(*en); i++)
        if (contains(s, en[i]))
            return 1;
    return ends(s, n, "/Reuters") || ends(s, n, "/ Reuters") || ends(s, n, "/AP");
}

int bs_line_ends_sentence(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    /* Step back over closing quotes and brackets. */
    for (int guard = 0; guard < 4 && n > 0; guard++) {
        size_t i = n - 1;
        while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--;
        size_t k;
        uint32_t c = cp_at(text + i, &k);
        if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xFF09
            || c == 0x300D || c == 0x300F || c == 0x300B) {
            n = i;
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F
               || c == 0x2026 || c == 0xFF0E;
    }
    return 0;
}

/* ---- furniture -------------------------------------------------------- */

static int is_zh_numeral(uint32_t c)
{
    static const uint32_t z[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                 0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007, 0x4E24};
    for (size_t i = 0; i < sizeof(z) / sizeof(*z); i++)
        if (c == z[i])
            return 1;
    return 0;
}

/* A Chinese paper's registration in its masthead: "国内统一连续出版物号
 * CN 11-0001", "邮发代号 1-1" (every paper prints them, no story does). */
static int zh_registration(const char *s)
{
    static const char *const marks[] = {"国内统一连续出版物号", "國內統一連續出版物號", "邮发代号",
                                        "郵發代號"};
    if (bs_text_length(s) > KIND_REGISTRATION_MAX)
        return 0;
    for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++)
        if (strstr(s, marks[i]))
            return 1;
    return 0;
}

int bs_line_is_folio(const char *text)
{
    const char *s = skip_space(text);
    if (zh_registration(s))
        return 1;
    if (bs_text_length(s) > KIND_FOLIO_MAX)
        return 0;
    size_t k;
    if (starts(s, "第")) {
        const char *q = s + strlen("第");
        int d = 0;
        for (;;) {
            q = skip_space(q);
            uint32_t c = cp_at(q, &k);
            if (!(bs_unicode_is_digit(c) || is_zh_numeral(c)))
                break;
            d++;
            q += k;
        }
        q = skip_space(q);
        if (d == 0 || !starts(q, "版"))
            return 0;
        /* "第2版" alone, or with a section name set apart: "第2版 要闻". */
        const char *after = q + strlen("版");
        return *after == '\0' || *after == ' ' || starts(after, "·") || starts(after, "|")
               || starts(after, "/") || starts(after, "：") || starts(after, ":");
    }
    if (starts(s, "Page ") || starts(s, "PAGE "))
        s = skip_space(s + 5);
    /* [A-Z]? digits [A-Z]?, or "- 3 -". */
    const char *q = s;
    if (*q == '-')
        q = skip_space(q + 1);
    if (*q >= 'A' && *q <= 'Z')
        q++;
    int d = 0;
    while (*q >= '0' && *q <= '9') {
        q++;
        d++;
    }
    if (*q >= 'A' && *q <= 'Z')
        q++;
    q = skip_space(q);
    if (*q == '-')
        q = skip_space(q + 1);
    return d > 0 && d <= 4 && *q == '\0';
}

int bs_line_is_staff_credit(const char *text)
{
    static const char *const labels[] = {"责任编辑", "責任編輯", "本版编辑", "本版編輯", "责编", "責編",
                                         "编辑", "編輯", "校对", "校對", "美编", "美編", "版式",
                                         "Page editor", "Page Editor", "Editor", "Copy editor"};
    const char *s = skip_space(text);
    if (bs_text_length(s) > KIND_STAFF_CREDIT_MAX)
        return 0;
    for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++) {
        if (!starts(s, labels[i]))
            continue;
        const char *after = s + strlen(labels[i]);
        if (starts(after, "：") || starts(after, ":"))
            return 1;
        /* "责任编辑 王五": the label set apart by a space, then a name. */
        if (*after == ' ' && *skip_space(after) && (unsigned char)labels[i][0] >= 0x80)
            return 1;
    }
    return 0;
}

static const char *const en_days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                      "Friday", "Saturday", "Sunday"};
static const char *const en_months[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

/* "October 9": when p opens on a month's name (month: any capitalised
 * word, for the weekday-and-year frame of an issue date, where OCR may
 * have misspelt it or the paper shortened it, "Oct."; else one of
 * en_months), spaces and a day's digits, the byte after the digits; else
 * NULL. */
static const char *en_month_day(const char *p, int any_word)
{
    const char *q = NULL;
    if (any_word) {
        if (!isupper((unsigned char)*p))
            return NULL;
        for (q = p; isalpha((unsigned char)*q); q++)
            ;
        if (*q == '.')
            q++;
    } else {
        for (size_t i = 0; i < sizeof(en_months) / sizeof(en_months[0]) && !q; i++)
            if (starts(p, en_months[i]))
                q = p + strlen(en_months[i]);
        if (!q)
            return NULL;
    }
    q = skip_space(q);
    if (!isdigit((unsigned char)*q))
        return NULL;
    while (isdigit((unsigned char)*q))
        q++;
    return q;
}

int bs_line_has_weekday_date(const char *text)
{
    for (size_t i = 0; i < sizeof(en_days) / sizeof(en_days[0]); i++)
        for (const char *w = strstr(text, en_days[i]); w; w = strstr(w + 1, en_days[i])) {
            const char *p = w + strlen(en_days[i]);
            if (p[0] != ',' || p[1] != ' ')
                continue;
            const char *q = en_month_day(p + 2, 1);
            if (q && q[0] == ',' && q[1] == ' ' && isdigit((unsigned char)q[2]) &&
                isdigit((unsigned char)q[3]) && isdigit((unsigned char)q[4]) && isdigit((unsigned char)q[5]))
                return 1;
        }
    return 0;
}

int bs_line_has_date(const char *text)
{
    if (contains(text, "星期"))
        return 1;
    for (size_t i = 0; i < sizeof(en_days) / sizeof(en_days[0]); i++)
        if (contains(text, en_days[i]))
            return 1;
    /* YYYY年M月: four digits, 年, one or two digits, 月 (OCR may have put
     * spaces between them). */
    size_t k;
    const char *s = text;
    while (*s) {
        if (!bs_unicode_is_digit(cp_at(s, &k))) {
            s += k;
            continue;
        }
        const char *q = s;
        int digits = 0;
        while (bs_unicode_is_digit(cp_at(q, &k))) {
            q += k;
            digits++;
        }
        s = q;
        q = skip_space(q);
        if (digits != 4 || !starts(q, "年"))
            continue;
        q = skip_space(q + strlen("年"));
        int dm = 0;
        while (bs_unicode_is_digit(cp_at(q, &k))) {
            q += k;
            dm++;
        }
        q = skip_space(q);
        if (dm >= 1 && dm <= 2 && starts(q, "月"))
            return 1;
    }
    /* "October 9, 2020": the month's first mention. */
    for (size_t i = 0; i < sizeof(en_months) / sizeof(en_months[0]); i++) {
        const char *m = strstr(text, en_months[i]);
        if (m && en_month_day(m, 0))
            return 1;
    }
    return 0;
}
