/*
 * textnorm.h - OCR line text made clean and typographically consistent.
 *
 * Public functions:
 *     bs_textnorm_options_default, bs_textnorm_line, bs_textnorm_is_wide
 *
 * Tesseract's Chinese output carries the traces of how it was read rather
 * than of how it was printed: spaces between ideographs (its word
 * segmentation), half-width punctuation ("," for "，") and the digit dash
 * read as the ideograph "一" ("3一4月").  Text from other engines or
 * from PDF layers adds control characters and decomposed accents.  Every
 * later step of reassembly (paragraph joins, byline and jump patterns,
 * duplicate detection) and every reader wants one spelling, so each line is
 * normalised once, as it enters reassembly:
 *
 *   1. invalid UTF-8 bytes become U+FFFD (the text is kept, the damage is
 *      visible); control characters (Cc) and the invisible U+200B, U+FEFF
 *      are removed; any white space becomes one ASCII space, runs collapse,
 *      ends are trimmed; then NFC.
 *   2. A space is removed when the characters on both sides are "wide"
 *      (ideographs, kana, CJK punctuation, full-width forms), or when one
 *      side is wide and the other is a digit or punctuation: Chinese never
 *      puts spaces there, so any space found there was inserted by OCR.  A
 *      space between a wide character and a Latin letter is kept ("美国
 *      Apple 公司" is sometimes set that way).
 *   3. , ; : ? ! ( ) become ，；：？！（） when the nearest letter-like
 *      character around them is wide: looking back (then forward) past
 *      digits, quotes and other punctuation finds the word the mark belongs
 *      to, so "“双减”," and "4.5%," in Chinese text convert while
 *      "10:30" and English text never do.  A ")" converts exactly when its
 *      "(" did, so pairs stay matched.  A straight '"' in Chinese text
 *      becomes “ or ”: it closes inside an open quote of its line, before
 *      a mark that follows closing quotes (。，、！？...) or at the line's
 *      end, and opens otherwise.
 *   4. "一" between two digits is a misread dash and becomes "—" U+2014.
 *   5. A dot between two wide characters ("托马斯‧巴赫", "节气・立冬": the
 *      hyphenation point U+2027 of Taiwanese type, the katakana middle
 *      dot U+30FB or U+FF65, the bullet U+2022) becomes the interpunct
 *      U+00B7 that Chinese typesetting standards prescribe, so one name
 *      has one spelling.
 *
 * Steps 2-5 are options (on by default); they can only fire next to wide
 * characters, so Latin text passes through unchanged except for step 1.
 */
#ifndef BS_TEXTNORM_H
#define BS_TEXTNORM_H

#include <stdint.h>

typedef struct bs_textnorm_options {
    int cjk_remove_space;    /* step 2 */
    int cjk_fullwidth_punct; /* step 3 */
    int cjk_digit_dash;      /* step 4 */
    int cjk_interpunct;      /* step 5 */
} bs_textnorm_options;

/* All steps on. */
bs_textnorm_options bs_textnorm_options_default(void);

/* Normalise one line (or any text: newlines count as white space) of
 * UTF-8 text s (NULL is taken as "").  opt NULL means the defaults.
 * Returns a new string, never NULL; the caller frees it. */
char *bs_textnorm_line(const char *s, const bs_textnorm_options *opt);

/* True for the characters Chinese and Japanese set without spaces:
 * ideographs, kana, CJK punctuation and the full-width forms. */
int bs_textnorm_is_wide(uint32_t cp);

#endif
