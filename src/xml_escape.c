/*
 * xml_escape.c - escaping text for XML output; see xml_escape.h.
 */
#include "xml_escape.h"

#include <stdint.h>
#include <string.h>

#include "unicode.h"

/* U+FFFD as UTF-8, written in place of anything XML 1.0 cannot carry. */
static const char replacement_utf8[] = "\xEF\xBF\xBD";

static int xml_char_ok(uint32_t cp)
{
    if (cp < 0x20)
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    return cp != 0xFFFE && cp != 0xFFFF;
}

void bs_xml_escape(bs_strbuf *sb, const char *s, int attr)
{
    if (!s)
        return;
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '&': bs_strbuf_addstr(sb, "&amp;"); break;
            case '<': bs_strbuf_addstr(sb, "&lt;"); break;
            case '>': bs_strbuf_addstr(sb, "&gt;"); break;
            case '"':
                bs_strbuf_addstr(sb, attr ? "&quot;" : "\"");
                break;
            case '\t': case '\n': case '\r':
                if (attr)
                    bs_strbuf_addf(sb, "&#%d;", c);
                else
                    bs_strbuf_addch(sb, c);
                break;
            default:
                if (xml_char_ok(c))
                    bs_strbuf_addch(sb, c);
                else
                    bs_strbuf_addstr(sb, replacement_utf8);
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = bs_utf8_decode_one(s + i, n - i, &cp);
        if (len == 0) {
            bs_strbuf_addstr(sb, replacement_utf8);
            i++;
        } else {
            if (xml_char_ok(cp))
                bs_strbuf_add(sb, s + i, len);
            else
                bs_strbuf_addstr(sb, replacement_utf8);
            i += len;
        }
    }
}

static int ascii_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int bs_xml_is_ncname(const char *s)
{
    if (!s || !(ascii_alpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (const char *p = s + 1; *p; p++) {
        int c = (unsigned char)*p;
        if (!(ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}
