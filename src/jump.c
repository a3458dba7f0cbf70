/*
 * jump.c - jump lines recognised and page labels resolved; see jump.h.
 *
 * Public functions:
 *     bs_jump_parse, bs_jump_find, bs_jump_label_normalize,
 *     bs_jump_resolve_page
 *
 * Method.  A jump line is a tiny, rigid phrase, so it is parsed by its
 * grammar, not searched for with a regular expression: the line must be
 * the phrase as a whole, which is what keeps "详见第二版报道" or "came
 * from page 1 of the report" out.  Before parsing, the line is put into
 * one spelling: NFKC (full-width brackets, digits and letters become
 * ASCII), white space removed (Chinese) or used as token boundary
 * (English), and the characters OCR confuses with the few words of the
 * grammar folded onto them (笫->第, 板->版, 按->接, 轉->转, ニ->二, ...).
 * Then:
 *
 *   Chinese   [frame] PREFIX VERB [第] NUMBER 版 [frame]
 *             The parse is anchored right to left on 版, the only
 *             character every form shares: the numeral slot before it
 *             (一..九十九 or digits, with "-" read as 一 and "=" as 二 inside
 *             the slot only, and a "-" beside a 一 taken for that 一 read
 *             twice), an optional 第, then a verb phrase of at most
 *             four characters that must contain the verb 转 or 接 itself;
 *             the prefix (下, 上, 本文) decides the direction and may carry
 *             one unreadable character, since an unknown mark before 转 or
 *             接 still leaves the phrase recognisable.  Requiring the verb
 *             keeps folios and running heads ("第二版") out; requiring 版 at
 *             the end keeps running text out.
 *   English   tokens, the page label taken from the end ("A6", "A 6",
 *             "PageA6"), then the rest compared, folded (case, l/1/I,
 *             rn/m, q/g, ...) and with spaces removed, to the fixed phrases
 *             ("continuedonpage", "frompage", ...) by Levenshtein distance
 *             bounded at one edit per six characters; or, for the keyword
 *             forms, anchored on "see" / "please see" at the start or
 *             "from" at the end with the keyword between, which must look
 *             like one (set in capitals, or capitalised words before
 *             "Page").
 *
 * 版 itself read as another character after 第 and the number, in a
 * bracketed line ("(上接第一般)"), counts as one edit.  A line whose
 * page number or label OCR lost ("上接第]版", "See SAFRICAS, Page") is
 * still a jump line, with page 0: telling the reader where a story
 * breaks matters even when its partner must be found otherwise.
 *
 * Why bounded edits and folding rather than a longer list of spellings:
 * OCR errors on these lines are single substitutions of look-alike glyphs
 * and split or merged words; the folding absorbs the frequent look-alikes
 * exactly, the edit bound absorbs the rest, and the bound (relative to the
 * phrase length) is small enough that no real word sequence of running
 * text comes within it.
 */
#include "jump.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_distance.h"
#include "unicode.h"
#include "xalloc.h"

/* ---- tuning constants ------------------------------------------------- */

/* Largest page number accepted (pages): no newspaper issue has more, and
 * four-digit numbers in a line are years, not pages. */
#define JUMP_PAGE_MAX 999
/* Code points of verb phrase before the page number ("本文接" is 3, with one
 * noise character 4): a longer phrase is a sentence, not a jump line. */
#define ZH_VERB_PHRASE_MAX 4
/* Code points other than brackets and punctuation allowed after 版 (a
 * closing bracket misread as an ideograph, or one character of the next
 * column glued on by OCR): more means the line goes on, so it is running
 * text. */
#define ZH_TRAIL_NOISE_MAX 1
/* Score lost per edit (fraction of confidence): one edit in a phrase of
 * five to fifteen characters still leaves the line recognisable. */
#define SCORE_PER_EDIT 0.15f
/* Score lost when the line has no bracket or dash frame: printed jump
 * lines are framed, bare ones are likelier to be something else. */
#define SCORE_UNFRAMED 0.05f
/* Score lost when 版 or the page label is missing (line truncated by
 * layout or OCR): the remaining phrase is weaker evidence. */
#define SCORE_NO_BAN 0.2f
/* English: one edit allowed per this many characters of a fixed phrase
 * (characters): "continuedonpage" (15) tolerates 2, "frompage" (8) 1. */
#define EN_CHARS_PER_EDIT 6
/* English: a jump line has at most this many tokens (tokens); more is
 * running text and is not parsed at all. */
#define EN_TOKENS_MAX 16
/* English: keyword length in tokens ("See WORLD BANK, Page A3"): slugs are
 * one to three words, six leaves room for split words. */
#define EN_KEYWORD_TOKENS_MAX 6
/* English: share of a keyword's letters that must be capitals: slugs are
 * set in capitals; 0.6 tolerates a few letters misread in lower case. */
#define EN_KEYWORD_UPPER_SHARE 0.6
/* bs_jump_find: how far from the line's end (or start) a framed marker may
 * begin (or end), in code points: the longest marker is about 30. */
#define FIND_REACH_CP 48

/* ---- code point buffers ------------------------------------------------ */

typedef struct cpbuf {
    uint32_t *cp;
    size_t n;
} cpbuf;

/* NFKC of text as code points; -1 on invalid UTF-8. */
static int nfkc_cp(const char *text, size_t len, cpbuf *out)
{
    bs_error err = {0};
    out->cp = NULL;
    out->n = 0;
    return bs_unicode_normalize(text, len, BS_UNICODE_NFKC, &out->cp, &out->n, &err);
}

/* Look-alikes of the Chinese jump vocabulary, as OCR produces them (and the
 * traditional forms).  Folding happens only while parsing a jump line. */
static const uint32_t zh_fold[][2] = {
    {0x7B2B, 0x7B2C}, /* 笫 -> 第 */
    {0x5F1F, 0x7B2C}, /* 弟 -> 第 */
    {0x82D0, 0x7B2C}, /* 苐 -> 第 */
    {0x677F, 0x7248}, /* 板 -> 版 */
    {0x6273, 0x7248}, /* 扳 -> 版 */
    {0x5742, 0x7248}, /* 坂 -> 版 */
    {0x962A, 0x7248}, /* 阪 -> 版 */
    {0x7688, 0x7248}, /* 皈 -> 版 */
    {0x8CA9, 0x7248}, /* 販 -> 版 */
    {0x8D29, 0x7248}, /* 贩 -> 版 */
    {0x6309, 0x63A5}, /* 按 -> 接 */
    {0x637F, 0x63A5}, /* 捿 -> 接 */
    {0x6904, 0x63A5}, /* 椄 -> 接 */
    {0x8F49, 0x8F6C}, /* 轉 -> 转 */
    {0x8EE2, 0x8F6C}, /* 転 -> 转 */
    {0x4F20, 0x8F6C}, /* 传 -> 转 */
    {0x50B3, 0x8F6C}, /* 傳 -> 转 */
    {0x7816, 0x8F6C}, /* 砖 -> 转 */
    {0x571F, 0x4E0A}, /* 土 -> 上 */
    {0x6B62, 0x4E0A}, /* 止 -> 上 */
    {0x4E04, 0x4E0A}, /* 丄 -> 上 */
    {0x535E, 0x4E0B}, /* 卞 -> 下 */
    {0x535C, 0x4E0B}, /* 卜 -> 下 */
    {0x4E05, 0x4E0B}, /* 丅 -> 下 */
    {0x9801, 0x9875}, /* 頁 -> 页 */
    {0x7E8C, 0x7EED}, /* 續 -> 续 */
    {0x30CB, 0x4E8C}, /* katakana ニ -> 二 */
    {0x30FC, 0x4E00}, /* prolonged sound mark ー -> 一 */
};

static uint32_t fold_zh(uint32_t c)
{
    for (size_t i = 0; i < sizeof(zh_fold) / sizeof(zh_fold[0]); i++)
        if (zh_fold[i][0] == c)
            return zh_fold[i][1];
    return c;
}

enum {
    CP_DI = 0x7B2C,   /* 第 */
    CP_BAN = 0x7248,  /* 版 */
    CP_YE = 0x9875,   /* 页 */
    CP_ZHUAN = 0x8F6C, /* 转 */
    CP_JIE = 0x63A5,  /* 接 */
    CP_XIA = 0x4E0B,  /* 下 */
    CP_SHANG = 0x4E0A, /* 上 */
    CP_BEN = 0x672C,  /* 本 */
    CP_WEN = 0x6587,  /* 文 */
    CP_ZHI = 0x81F3,  /* 至 */
    CP_DAO = 0x5230,  /* 到 */
    CP_XU = 0x7EED,   /* 续 */
    CP_CHENG = 0x627F, /* 承 */
    CP_QI = 0x671F,   /* 期 */
};

/* Brackets and dashes, half- and full-width (bs_jump_find looks at the
 * text before NFKC). */
static int is_opener(uint32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == '<' || c == 0xFF08 || c == 0xFF3B ||
           c == 0xFF5B || c == 0xFF1C || c == 0x3010 || c == 0x3014 || c == 0x3008 ||
           c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3016;
}

static int is_closer(uint32_t c)
{
    return c == ')' || c == ']' || c == '}' || c == '>' || c == 0xFF09 || c == 0xFF3D ||
           c == 0xFF5D || c == 0xFF1E || c == 0x3011 || c == 0x3015 || c == 0x3009 ||
           c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3017;
}

static int is_dash(uint32_t c)
{
    return c == '-' || c == '~' || c == 0xFF0D || c == 0xFF5E || c == 0x2010 || c == 0x2012 ||
           c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2500 || c == 0x2501;
}

/* Frame characters: anything that is not a letter, digit or ideograph. */
static int is_frame(uint32_t c)
{
    return !bs_unicode_is_word_char(c);
}

/* Strip frame characters from both ends of b; returns 1 if a bracket or
 * dash was among them (the line was framed). */
static int strip_frame(cpbuf *b)
{
    int framed = 0;
    size_t s = 0;
    while (s < b->n && is_frame(b->cp[s])) {
        framed |= is_opener(b->cp[s]) || is_closer(b->cp[s]) || is_dash(b->cp[s]);
        s++;
    }
    size_t e = b->n;
    while (e > s && is_frame(b->cp[e - 1])) {
        framed |= is_opener(b->cp[e - 1]) || is_closer(b->cp[e - 1]) || is_dash(b->cp[e - 1]);
        e--;
    }
    memmove(b->cp, b->cp + s, (e - s) * sizeof(uint32_t));
    b->n = e - s;
    return framed;
}

static int has_cjk(const cpbuf *b)
{
    for (size_t i = 0; i < b->n; i++)
        if (bs_unicode_is_cjk(b->cp[i]))
            return 1;
    return 0;
}

static void line_clear(bs_jump_line *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = BS_JUMP_NONE;
}

static void set_label(bs_jump_line *out, char letter, int page)
{
    out->page = page;
    if (letter)
        snprintf(out->label, sizeof(out->label), "%c%d", letter, page);
    else
        snprintf(out->label, sizeof(out->label), "%d", page);
}

static float clamp01(float x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* ---- numerals ------------------------------------------------------------ */

/* Value 0..9 of a Chinese numeral digit, 10 for 十, 20 for 廿, -1 if c is
 * none. */
static int zh_digit(uint32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;         /* 〇 零 */
    case 0x4E00: return 1;                      /* 一 */
    case 0x4E8C: case 0x4E24: return 2;         /* 二 两 */
    case 0x4E09: return 3;                      /* 三 */
    case 0x56DB: return 4;                      /* 四 */
    case 0x4E94: return 5;                      /* 五 */
    case 0x516D: return 6;                      /* 六 */
    case 0x4E03: return 7;                      /* 七 */
    case 0x516B: return 8;                      /* 八 */
    case 0x4E5D: return 9;                      /* 九 */
    case 0x5341: return 10;                     /* 十 */
    case 0x5EFF: return 20;                     /* 廿 */
    default: return -1;
    }
}

/* Characters OCR puts in the numeral slot for a digit: their value, or -1.
 * Used only between the verb and 版, where no other reading is possible. */
static int slot_lookalike(uint32_t c, int arabic)
{
    if (arabic) {
        if (c == 'l' || c == 'I' || c == '|' || c == 'i')
            return 1;
        if (c == 'O' || c == 'o')
            return 0;
        return -1;
    }
    if (is_dash(c) || c == '_' || c == 'l' || c == 'I' || c == '|')
        return 1;  /* 一 */
    if (c == '=')
        return 2;  /* 二 */
    if (c == 0x2261)
        return 3;  /* ≡ for 三 */
    if (c == '+')
        return 10; /* 十 */
    if (c == 'O' || c == 'o')
        return 0;  /* 〇 */
    return -1;
}

static int is_arabic(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_slot_char(uint32_t c)
{
    return is_arabic(c) || zh_digit(c) >= 0 || slot_lookalike(c, 0) >= 0 ||
           slot_lookalike(c, 1) >= 0;
}

/* Value of the numeral slot s[0..n): decimal digits (with l/O look-alikes),
 * or a Chinese numeral up to 99.  Returns 0 when s is not a number. */
static int slot_value(const uint32_t *s, size_t n)
{
    if (n == 0)
        return 0;
    int arabic = 0;
    for (size_t i = 0; i < n; i++)
        arabic += is_arabic(s[i]);
    if (arabic) {
        if (n > 3)
            return 0;
        int v = 0;
        for (size_t i = 0; i < n; i++) {
            int d = is_arabic(s[i]) ? (int)(s[i] - '0') : slot_lookalike(s[i], 1);
            if (d < 0)
                return 0;
            v = v * 10 + d;
        }
        return v;
    }
    int d[4];
    if (n > 3)
        return 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int v = zh_digit(s[i]);
        if (v < 0) {
            v = slot_lookalike(s[i], 0);
            /* "-一": one stroke read twice, a dash beside the 一 it is. */
            if (v == 1 && ((i + 1 < n && zh_digit(s[i + 1]) == 1) || (i > 0 && zh_digit(s[i - 1]) == 1)))
                continue;
        }
        if (v < 0)
            return 0;
        d[m++] = v;
    }
    n = m;
    /* 十, 十二, 二十, 二十三, 廿, 廿三 */
    size_t ten = n;
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 10) {
            if (ten != n)
                return 0;
            ten = i;
        }
    if (ten == n) {
        if (n > 2)
            return 0;
        return n == 1 ? d[0] : d[0] * 10 + d[1]; /* 一二 = 12, 二〇 = 20 */
    }
    int tens;
    if (d[ten] == 20) {
        if (ten != 0)
            return 0;
        tens = 20;
    } else if (ten == 0) {
        tens = 10;
    } else if (ten == 1 && d[0] >= 1 && d[0] <= 9) {
        tens = d[0] * 10;
    } else {
        return 0;
    }
    size_t after = n - ten - 1;
    if (after > 1 || (after == 1 && d[n - 1] >= 10))
        return 0;
    return tens + (after ? d[n - 1] : 0);
}

/* ---- Chinese grammar ------------------------------------------------------ */

static int cp_equal(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return na == nb && memcmp(a, b, na * sizeof(uint32_t)) == 0;
}

/* 接上期 and kin: continued from the previous issue. */
static int zh_previous_issue(const cpbuf *b)
{
    static const uint32_t forms[][4] = {
        {CP_JIE, CP_SHANG, CP_QI, 0},
        {CP_XU, CP_SHANG, CP_QI, 0},
        {CP_CHENG, CP_SHANG, CP_QI, 0},
        {CP_SHANG, CP_JIE, CP_SHANG, CP_QI},
    };
    for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
        size_t len = forms[f][3] ? 4 : 3;
        /* The four-character form tolerates one edit, the three-character
         * ones none: 上期 alone is common text. */
        size_t max = len == 4 ? 1 : 0;
        if (bs_edit_distance_bounded(b->cp, b->n, forms[f], len, max) <= max)
            return 1;
    }
    return 0;
}

/* Direction from the verb phrase p[0..n) (no 第, no numeral).  Returns the
 * kind, or BS_JUMP_NONE; *edits receives the characters that had to be
 * taken as noise. */
static bs_jump_kind zh_verb(const uint32_t *p, size_t n, int *edits)
{
    *edits = 0;
    if (n == 0 || n > ZH_VERB_PHRASE_MAX)
        return BS_JUMP_NONE;
    size_t v = n;
    for (size_t i = n; i-- > 0;)
        if (p[i] == CP_ZHUAN || p[i] == CP_JIE) {
            v = i;
            break;
        }
    if (v == n)
        return BS_JUMP_NONE;
    size_t after = n - v - 1;
    if (after > 1)
        return BS_JUMP_NONE;
    if (after == 1 && p[v + 1] != CP_ZHI && p[v + 1] != CP_DAO)
        (*edits)++;
    const uint32_t *pre = p;
    size_t npre = v;
    static const uint32_t benwen[2] = {CP_BEN, CP_WEN};
    static const uint32_t xiawen[2] = {CP_XIA, CP_WEN};
    int down = 0, up = 0;
    if (npre == 0) {
        /* 转 alone continues elsewhere, 接 alone comes from elsewhere */
    } else if (npre == 1 && pre[0] == CP_XIA) {
        down = 1;
    } else if (npre == 1 && (pre[0] == CP_SHANG || pre[0] == CP_WEN)) {
        up = 1;
    } else if (npre == 2 && cp_equal(pre, 2, benwen, 2)) {
        up = 1;
    } else if (npre == 2 && cp_equal(pre, 2, xiawen, 2)) {
        down = 1;
    } else if (npre == 2 && (pre[0] == CP_XIA || pre[1] == CP_XIA)) {
        down = 1; /* 下 and a stray mark */
        (*edits)++;
    } else if (npre == 2 && (pre[0] == CP_SHANG || pre[1] == CP_SHANG || pre[0] == CP_BEN ||
                             pre[1] == CP_WEN)) {
        up = 1; /* 上 or 本文 with a stray or misread mark */
        (*edits)++;
    } else if (npre == 1) {
        (*edits)++; /* an unreadable prefix character */
    } else {
        return BS_JUMP_NONE;
    }
    if (p[v] == CP_ZHUAN)
        return up ? BS_JUMP_IN : BS_JUMP_OUT;
    return down ? BS_JUMP_OUT : BS_JUMP_IN;
}

static int parse_zh(const cpbuf *in, bs_jump_line *out)
{
    cpbuf b;
    b.cp = bs_xmalloc((in->n + 1) * sizeof(uint32_t));
    b.n = 0;
    for (size_t i = 0; i < in->n; i++)
        if (!bs_unicode_is_space(in->cp[i]))
            b.cp[b.n++] = fold_zh(in->cp[i]);
    int framed = strip_frame(&b);
    int ok = 0;
    if (b.n == 0)
        goto done;
    if (zh_previous_issue(&b)) {
        out->kind = BS_JUMP_IN;
        out->previous_issue = 1;
        out->score = framed ? 1.0f : 1.0f - SCORE_UNFRAMED;
        ok = 1;
        goto done;
    }
    size_t k = b.n; /* position of 版, or b.n when missing */
    for (size_t i = b.n; i-- > 0;)
        if (b.cp[i] == CP_BAN || b.cp[i] == CP_YE) {
            k = i;
            break;
        }
    /* 第 NUMBER and one last character that is not 版 in a bracketed
     * line ("(上接第一般)", "{上接第一艇》" from a grainy scan): that
     * character stands where 版 does, read as something else, one edit.
     * Only framed: "迎接第一批" in running text has the same shape. */
    int ban_misread = 0;
    if (framed && k == b.n && b.n >= 3 && !is_slot_char(b.cp[b.n - 1]) && b.cp[b.n - 1] != CP_DI) {
        size_t s = b.n - 1;
        while (s > 0 && is_slot_char(b.cp[s - 1]))
            s--;
        if (s < b.n - 1 && s > 0 && b.cp[s - 1] == CP_DI) {
            k = b.n - 1;
            ban_misread = 1;
        }
    }
    /* After 版: brackets and other frame marks are free (the closing
     * bracket was not at the very end), anything else is noise. */
    size_t trail = 0;
    for (size_t t = k + 1; t < b.n; t++)
        trail += !is_frame(b.cp[t]);
    if (trail > ZH_TRAIL_NOISE_MAX)
        goto done;
    size_t i = k;
    while (i > 0 && is_slot_char(b.cp[i - 1]))
        i--;
    int page = slot_value(b.cp + i, k - i);
    int unread = 0;
    if (page <= 0 && k >= 2 && k < b.n && b.cp[k - 2] == CP_DI) {
        /* 第?版: one unreadable mark where the number stands ("第]版");
         * still a jump line, its page unknown. */
        unread = 1;
        page = 0;
        i = k - 1;
    } else if (page <= 0 || page > JUMP_PAGE_MAX) {
        goto done;
    }
    char letter = 0;
    if (!unread && i > 0 && b.cp[i - 1] < 128 && isalpha((int)b.cp[i - 1])) {
        letter = (char)toupper((int)b.cp[i - 1]);
        i--;
    }
    int has_di = 0;
    if (i > 0 && b.cp[i - 1] == CP_DI) {
        has_di = 1;
        i--;
    }
    if (k == b.n && !(has_di && framed))
        goto done; /* without 版 only "(下转第二" is still a jump line */
    int edits = 0;
    bs_jump_kind kind = zh_verb(b.cp, i, &edits);
    if (kind == BS_JUMP_NONE && framed && has_di && k < b.n && i == 1 &&
        (b.cp[0] == CP_XIA || b.cp[0] == CP_SHANG)) {
        /* "(下第五版)": the verb lost by OCR.  With its bracket, 第 and
         * 版 the line is nothing else; 下 says where the story goes. */
        kind = b.cp[0] == CP_XIA ? BS_JUMP_OUT : BS_JUMP_IN;
        edits = 1;
    }
    edits += unread + ban_misread;
    if (kind == BS_JUMP_NONE)
        goto done;
    out->kind = kind;
    if (!unread)
        set_label(out, letter, page);
    out->score = clamp01(1.0f - SCORE_PER_EDIT * (float)(edits + (int)trail) -
                         (framed ? 0.0f : SCORE_UNFRAMED) - (k == b.n ? SCORE_NO_BAN : 0.0f));
    ok = 1;
done:
    free(b.cp);
    return ok;
}

/* ---- English grammar ------------------------------------------------------ */

typedef struct token {
    const char *s;
    size_t n;
} token;

static int en_is_sep(unsigned char c)
{
    return isspace(c) || c == ',' || c == ';' || c == ':' || c == '/' || c == '(' || c == ')' ||
           c == '[' || c == ']' || c == '{' || c == '}' || c == '<' || c == '>' || c == '"';
}

/* Split s into tokens, each trimmed of punctuation at its ends ("Cont." ->
 * "Cont").  Returns the count, or EN_TOKENS_MAX + 1 when there are more. */
static size_t en_tokens(const char *s, token *tok)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && en_is_sep(*p))
            p++;
        if (!*p)
            break;
        const unsigned char *b = p;
        while (*p && !en_is_sep(*p))
            p++;
        const unsigned char *e = p;
        while (b < e && *b < 128 && !isalnum(*b) && *b != '|')
            b++;
        while (e > b && e[-1] < 128 && !isalnum(e[-1]) && e[-1] != '|')
            e--;
        if (b == e)
            continue;
        if (n == EN_TOKENS_MAX)
            return EN_TOKENS_MAX + 1;
        tok[n].s = (const char *)b;
        tok[n].n = (size_t)(e - b);
        n++;
    }
    return n;
}

/* Fold text for comparison with the fixed phrases: lower case, letters and
 * digits only, and OCR's look-alikes made equal (l 1 I | ! -> i, 0 -> o,
 * 5 -> s, q 9 -> g, rn -> m, vv -> w, cl -> d).  Appends to out (capacity
 * max); returns the new length. */
static size_t en_fold(const char *s, size_t n, uint32_t *out, size_t len, size_t max)
{
    for (size_t i = 0; i < n && len < max; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char next = i + 1 < n ? (unsigned char)tolower((unsigned char)s[i + 1]) : 0;
        c = (unsigned char)tolower(c);
        if (c == 'r' && next == 'n') {
            out[len++] = 'm';
            i++;
            continue;
        }
        if ((c == 'v' && next == 'v') || (c == 'c' && next == 'l')) {
            out[len++] = c == 'v' ? 'w' : 'd';
            i++;
            continue;
        }
        if (c == 'l' || c == '1' || c == '|' || c == '!')
            c = 'i';
        else if (c == '0')
            c = 'o';
        else if (c == '5')
            c = 's';
        else if (c == 'q' || c == '9')
            c = 'g';
        if (isalnum(c))
            out[len++] = c;
    }
    return len;
}

/* Longest folded phrase or token group compared (characters). */
#define EN_FOLD_MAX 128

static size_t fold_tokens(const token *t, size_t n, uint32_t *buf)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len = en_fold(t[i].s, t[i].n, buf, len, EN_FOLD_MAX);
    return len;
}

/* Edit distance between the folded tokens t[0..n) and the folded phrase,
 * or SIZE_MAX when above max. */
static size_t en_distance(const token *t, size_t n, const char *phrase, size_t max)
{
    uint32_t a[EN_FOLD_MAX], b[EN_FOLD_MAX];
    size_t na = fold_tokens(t, n, a);
    size_t nb = en_fold(phrase, strlen(phrase), b, 0, EN_FOLD_MAX);
    size_t d = bs_edit_distance_bounded(a, na, b, nb, max);
    return d <= max ? d : SIZE_MAX;
}

/* A page word: "page" within one edit ("Paqe", "Pago"), "pg", "p". */
static int en_is_page_word(const token *t, size_t n)
{
    uint32_t a[EN_FOLD_MAX];
    size_t na = fold_tokens(t, n, a);
    if (na == 1 && a[0] == 'p')
        return 1;
    if (na == 2 && a[0] == 'p' && a[1] == 'g')
        return 1;
    if (na < 3 || na > 5 || a[0] != 'p')
        return 0;
    return en_distance(t, n, "page", 1) <= 1;
}

/* Parse a page label "A6", "6", "A-6", "B12", with l/I/O read as digits.
 * lookalike_only: accept a label whose number has no real digit ("Al"). */
static int en_label(const char *s, size_t n, int lookalike_only, char *letter, int *page)
{
    size_t i = 0;
    *letter = 0;
    if (n >= 2 && isalpha((unsigned char)s[0]) && !strchr("lIOo|", s[0])) {
        *letter = (char)toupper((unsigned char)s[0]);
        i = 1;
        if (i < n && s[i] == '-')
            i++;
    }
    if (n - i == 0 || n - i > 3)
        return 0;
    int v = 0, real = 0;
    for (; i < n; i++) {
        int d;
        if (isdigit((unsigned char)s[i])) {
            d = s[i] - '0';
            real++;
        } else {
            d = slot_lookalike((unsigned char)s[i], 1);
        }
        if (d < 0)
            return 0;
        v = v * 10 + d;
    }
    if (!real && !lookalike_only)
        return 0;
    if (v <= 0 || v > JUMP_PAGE_MAX)
        return 0;
    *page = v;
    return 1;
}

/* Does t[0..n) read as a keyword (story slug)? */
static int en_keyword_ok(const token *t, size_t n, int capitalised_ok)
{
    if (n == 0 || n > EN_KEYWORD_TOKENS_MAX)
        return 0;
    size_t letters = 0, upper = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (isupper((unsigned char)t[i].s[0]))
            caps++;
        for (size_t k = 0; k < t[i].n; k++) {
            unsigned char c = (unsigned char)t[i].s[k];
            if (isalpha(c)) {
                letters++;
                upper += isupper(c) != 0;
            }
        }
    }
    if (letters < 2)
        return 0;
    if ((double)upper >= EN_KEYWORD_UPPER_SHARE * (double)letters)
        return 1;
    return capitalised_ok && caps == n;
}

static void en_set_keyword(bs_jump_line *out, const token *t, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t need = t[i].n + (i ? 1 : 0);
        if (len + need >= sizeof(out->keyword))
            break;
        if (i)
            out->keyword[len++] = ' ';
        memcpy(out->keyword + len, t[i].s, t[i].n);
        len += t[i].n;
    }
    out->keyword[len] = 0;
}

static void en_set_page(bs_jump_line *out, char letter, int page, int unlabelled)
{
    if (!unlabelled)
        set_label(out, letter, page);
}

typedef struct en_phrase {
    const char *text;
    bs_jump_kind kind;
} en_phrase;

static const en_phrase en_phrases[] = {
    {"continuedonpage", BS_JUMP_OUT}, {"continuedon", BS_JUMP_OUT},
    {"contdonpage", BS_JUMP_OUT},     {"contdon", BS_JUMP_OUT},
    {"contonpage", BS_JUMP_OUT},      {"conton", BS_JUMP_OUT},
    {"continuedtopage", BS_JUMP_OUT}, {"continuedpage", BS_JUMP_OUT},
    {"turntopage", BS_JUMP_OUT},      {"seepage", BS_JUMP_OUT},
    {"continuedfrompage", BS_JUMP_IN}, {"continuedfrom", BS_JUMP_IN},
    {"contdfrompage", BS_JUMP_IN},    {"contdfrom", BS_JUMP_IN},
    {"contfrompage", BS_JUMP_IN},     {"contfrom", BS_JUMP_IN},
    {"frompage", BS_JUMP_IN},
};

static int parse_en(const char *s, int framed, bs_jump_line *out)
{
    token tok[EN_TOKENS_MAX + 1];
    size_t n = en_tokens(s, tok);
    if (n < 2 || n > EN_TOKENS_MAX)
        return 0;
    /* The page label, from the end. */
    char letter = 0;
    int page = 0;
    size_t k = n - 1; /* tokens before the label: tok[0..k) */
    int page_word = 0;
    token glued_rest = {NULL, 0};
    int glued = 0, unlabelled = 0;
    /* A number made only of look-alikes ("l" for 1) counts after a page
     * word: "Page Al", "Page A l". */
    int after_page = k >= 1 && en_is_page_word(&tok[k - 1], 1);
    int spaced_letter = k >= 2 && tok[k - 1].n == 1 && isupper((unsigned char)tok[k - 1].s[0]);
    int after_letter_page = spaced_letter && k >= 3 && en_is_page_word(&tok[k - 2], 1);
    if (en_label(tok[k].s, tok[k].n, after_page || after_letter_page, &letter, &page)) {
        /* "A6", "6"; "A 6" when the number stands alone after a letter */
        if (!letter && spaced_letter) {
            letter = tok[k - 1].s[0];
            k--;
        }
    } else {
        /* "PageA6", "page6": a page word glued to the label. */
        for (size_t j = 1; j + 1 <= tok[k].n && !glued; j++) {
            token head = {tok[k].s, j};
            if (en_is_page_word(&head, 1) &&
                en_label(tok[k].s + j, tok[k].n - j, 1, &letter, &page)) {
                glued = 1;
                glued_rest = head;
            }
        }
        if (!glued) {
            /* "See SAFRICAS, Page": the label lost (OCR dropped it, or it
             * went to the next line); a jump line with its page unknown. */
            if (!en_is_page_word(&tok[k], 1))
                return 0;
            unlabelled = 1;
            k = n;
        }
    }
    /* The lead: tokens before the label, with the glued page word. */
    token lead[EN_TOKENS_MAX + 1];
    size_t nl = 0;
    for (size_t i = 0; i < k; i++)
        lead[nl++] = tok[i];
    if (glued)
        lead[nl++] = glued_rest;
    if (nl == 0)
        return 0;
    /* Fixed phrases. */
    size_t best = SIZE_MAX;
    const en_phrase *bp = NULL;
    for (size_t i = 0; i < sizeof(en_phrases) / sizeof(en_phrases[0]); i++) {
        size_t plen = strlen(en_phrases[i].text);
        size_t max = plen / EN_CHARS_PER_EDIT;
        size_t d = en_distance(lead, nl, en_phrases[i].text, max);
        if (d == SIZE_MAX)
            continue;
        if (!bp || d < best || (d == best && plen > strlen(bp->text))) {
            best = d;
            bp = &en_phrases[i];
        }
    }
    float frame_loss = (framed ? 0.0f : SCORE_UNFRAMED) + (unlabelled ? SCORE_NO_BAN : 0.0f);
    if (bp) {
        out->kind = bp->kind;
        en_set_page(out, letter, page, unlabelled);
        out->score = clamp01(1.0f - SCORE_PER_EDIT * (float)best - frame_loss);
        return 1;
    }
    /* Keyword forms: the page word comes off the end first. */
    size_t end = nl;
    if (end >= 1 && en_is_page_word(&lead[end - 1], 1)) {
        end--;
        page_word = 1;
    } else if (end >= 2 && en_is_page_word(&lead[end - 2], 2)) {
        end -= 2; /* "Pa ge" */
        page_word = 1;
    }
    if (end == 0)
        return 0;
    /* "See BUDGET, Page A6", "Please see BUDGET, A6" */
    size_t start = SIZE_MAX;
    size_t edits = 0;
    size_t d;
    if (end >= 2 && (d = en_distance(lead, 2, "pleasesee", 2)) != SIZE_MAX) {
        start = 2;
        edits = d;
    } else if (lead[0].n == 3 && (d = en_distance(lead, 1, "see", 1)) != SIZE_MAX) {
        start = 1;
        edits = d;
    }
    if (start != SIZE_MAX) {
        size_t kend = end;
        if (kend > start && en_distance(&lead[kend - 1], 1, "on", 0) == 0)
            kend--; /* "See BUDGET on Page A6" */
        if (kend > start && en_keyword_ok(lead + start, kend - start, page_word)) {
            out->kind = BS_JUMP_OUT;
            en_set_page(out, letter, page, unlabelled);
            en_set_keyword(out, lead + start, kend - start);
            out->score = clamp01(1.0f - SCORE_PER_EDIT * (float)edits - frame_loss);
            return 1;
        }
        return 0;
    }
    /* "BUDGET from Page A1", "BUDGET, continued from Page A1" */
    if (end >= 2 && lead[end - 1].n >= 3 && lead[end - 1].n <= 5 &&
        (d = en_distance(&lead[end - 1], 1, "from", 1)) != SIZE_MAX) {
        size_t kend = end - 1;
        edits = d;
        size_t dc;
        if (kend >= 2 && (dc = en_distance(&lead[kend - 1], 1, "continued", 2)) != SIZE_MAX) {
            kend--;
            edits += dc;
        }
        if (en_keyword_ok(lead, kend, page_word)) {
            out->kind = BS_JUMP_IN;
            en_set_page(out, letter, page, unlabelled);
            en_set_keyword(out, lead, kend);
            out->score = clamp01(1.0f - SCORE_PER_EDIT * (float)edits - frame_loss);
            return 1;
        }
    }
    return 0;
}

/* ---- public ---------------------------------------------------------------- */

int bs_jump_parse(const char *text, bs_jump_line *out)
{
    line_clear(out);
    if (!text)
        return 0;
    cpbuf b;
    if (nfkc_cp(text, strlen(text), &b) != 0)
        return 0;
    int ok;
    if (has_cjk(&b)) {
        ok = parse_zh(&b, out);
    } else {
        /* English works on the NFKC text as UTF-8, frame stripped. */
        cpbuf f = {bs_xmalloc((b.n + 1) * sizeof(uint32_t)), b.n};
        memcpy(f.cp, b.cp, b.n * sizeof(uint32_t));
        int framed = strip_frame(&f);
        char *s = bs_utf8_encode(f.cp, f.n, NULL);
        ok = parse_en(s, framed, out);
        free(s);
        free(f.cp);
    }
    free(b.cp);
    if (!ok)
        line_clear(out);
    return ok;
}

/* Parse text[from..to) as a whole jump line. */
static int parse_range(const char *text, size_t from, size_t to, bs_jump_line *out)
{
    char *sub = bs_xstrndup(text + from, to - from);
    int ok = bs_jump_parse(sub, out);
    free(sub);
    return ok;
}

/* A code point of the original text and where it stands. */
typedef struct cp_at {
    uint32_t cp;
    size_t off, len;
} cp_at;

static void trim_copy(const char *s, size_t n, char *dst, size_t cap)
{
    while (n > 0 && isspace((unsigned char)s[0])) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= cap) {
        n = cap - 1;
        /* do not cut a UTF-8 sequence in half */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = 0;
}

int bs_jump_find(const char *text, bs_jump_line *out, size_t *start, size_t *end)
{
    line_clear(out);
    if (!text)
        return 0;
    size_t len = strlen(text);
    if (bs_utf8_validate(text, len, NULL) != 0)
        return 0;
    if (bs_jump_parse(text, out)) {
        if (start)
            *start = 0;
        if (end)
            *end = len;
        return 1;
    }
    /* Decode with offsets. */
    size_t ncp = 0;
    cp_at *cps = bs_xmalloc((len + 1) * sizeof(cp_at));
    for (size_t off = 0; off < len;) {
        uint32_t c;
        size_t l = bs_utf8_decode_one(text + off, len - off, &c);
        cps[ncp].cp = c;
        cps[ncp].off = off;
        cps[ncp].len = l;
        ncp++;
        off += l;
    }
    int found = 0;
    /* A marker that ends the line: from an opener (or a dash run) near the
     * end to the end. */
    for (size_t i = ncp; i-- > 0 && ncp - i <= FIND_REACH_CP && !found;) {
        uint32_t c = cps[i].cp;
        int dash_start = is_dash(c) && (i == 0 || !is_dash(cps[i - 1].cp)) &&
                         ((i + 1 < ncp && is_dash(cps[i + 1].cp)) || c == 0x2014 || c == 0x2015);
        if (i == 0 || !(is_opener(c) || dash_start))
            continue;
        if (parse_range(text, cps[i].off, len, out)) {
            found = 1;
            if (start)
                *start = cps[i].off;
            if (end)
                *end = len;
            if (out->kind == BS_JUMP_IN && out->keyword[0] == 0)
                trim_copy(text, cps[i].off, out->keyword, sizeof(out->keyword));
        }
    }
    /* A marker that starts the line: from the start to a closer (or the
     * last of a dash run) near the start. */
    for (size_t i = 0; i < ncp && i < FIND_REACH_CP && !found; i++) {
        uint32_t c = cps[i].cp;
        int dash_end = is_dash(c) && (i + 1 >= ncp || !is_dash(cps[i + 1].cp)) &&
                       ((i > 0 && is_dash(cps[i - 1].cp)) || c == 0x2014 || c == 0x2015);
        if (i + 1 >= ncp || !(is_closer(c) || dash_end))
            continue;
        size_t e = cps[i].off + cps[i].len;
        if (parse_range(text, 0, e, out)) {
            found = 1;
            if (start)
                *start = 0;
            if (end)
                *end = e;
        }
    }
    free(cps);
    if (!found)
        line_clear(out);
    return found;
}

/* Score of the digit run at s[b..e) as the page number of a label: runs
 * marked by a section letter, a page word, 第 or 版 win over bare numbers
 * (dates in a running head). */
static int run_mark(const uint32_t *s, size_t n, size_t b, size_t e, char *letter)
{
    int mark = 0;
    *letter = 0;
    size_t i = b;
    if (i > 0 && s[i - 1] == '-')
        i--;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    if (i > 0 && s[i - 1] < 128 && isalpha((int)s[i - 1]) &&
        (i == 1 || !(s[i - 2] < 128 && isalpha((int)s[i - 2])))) {
        *letter = (char)toupper((int)s[i - 1]);
        mark += 2;
    } else if (i >= 4) {
        char w[5];
        for (int k = 0; k < 4; k++)
            w[k] = s[i - 4 + (size_t)k] < 128 ? (char)tolower((int)s[i - 4 + (size_t)k]) : '?';
        w[4] = 0;
        if (strcmp(w, "page") == 0)
            mark += 2;
    }
    if ((b > 0 && s[b - 1] == CP_DI) || (e < n && (s[e] == CP_BAN || s[e] == CP_YE)))
        mark += 2;
    return mark;
}

int bs_jump_label_normalize(const char *text, char label[BS_JUMP_LABEL_MAX])
{
    label[0] = 0;
    if (!text)
        return 0;
    cpbuf b;
    if (nfkc_cp(text, strlen(text), &b) != 0)
        return 0;
    for (size_t i = 0; i < b.n; i++)
        b.cp[i] = bs_unicode_is_space(b.cp[i]) ? ' ' : fold_zh(b.cp[i]);
    int best_page = 0, best_mark = -1;
    char best_letter = 0;
    for (size_t i = 0; i < b.n;) {
        int arabic = is_arabic(b.cp[i]);
        if (!arabic && zh_digit(b.cp[i]) < 0) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < b.n && (arabic ? is_arabic(b.cp[e]) : zh_digit(b.cp[e]) >= 0))
            e++;
        int v = slot_value(b.cp + i, e - i);
        char letter = 0;
        int mark = run_mark(b.cp, b.n, i, e, &letter);
        if (!arabic)
            letter = 0;
        if (v > 0 && v <= JUMP_PAGE_MAX && mark > best_mark) {
            best_mark = mark;
            best_page = v;
            best_letter = letter;
        }
        i = e;
    }
    free(b.cp);
    if (best_page <= 0)
        return 0;
    if (best_letter)
        snprintf(label, BS_JUMP_LABEL_MAX, "%c%d", best_letter, best_page);
    else
        snprintf(label, BS_JUMP_LABEL_MAX, "%d", best_page);
    return best_page;
}

int bs_jump_resolve_page(const bs_issue *issue, const char *label, int fallback_number)
{
    char want[BS_JUMP_LABEL_MAX];
    int num = bs_jump_label_normalize(label, want);
    if (num == 0)
        return fallback_number > 0 ? fallback_number : 0;
    char want_letter = isalpha((unsigned char)want[0]) ? want[0] : 0;
    int labelled = 0, same_number = 0, same_number_page = 0;
    for (size_t i = 0; i < issue->npages; i++) {
        const bs_page *p = &issue->pages[i];
        char have[BS_JUMP_LABEL_MAX];
        if (!p->label || bs_jump_label_normalize(p->label, have) == 0)
            continue;
        labelled = 1;
        if (strcmp(have, want) == 0)
            return p->number;
        char have_letter = isalpha((unsigned char)have[0]) ? have[0] : 0;
        if (atoi(have_letter ? have + 1 : have) == num && (!have_letter || !want_letter)) {
            same_number++;
            same_number_page = p->number;
        }
    }
    if (same_number == 1)
        return same_number_page;
    if (fallback_number <= 0)
        fallback_number = num;
    if (!labelled)
        return (!want_letter || want_letter == 'A') ? fallback_number : 0;
    const bs_page *p = bs_issue_find_page(issue, fallback_number);
    if (!p)
        return fallback_number;
    char have[BS_JUMP_LABEL_MAX];
    if (!p->label || bs_jump_label_normalize(p->label, have) == 0)
        return fallback_number;
    return BS_JUMP_PAGE_ABSENT;
}
