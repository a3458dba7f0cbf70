/*
 * xml_safe.c - hardened libxml2 parsing; see xml_safe.h.
 */
#include "xml_safe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "atomic_file.h"
#include "unicode.h"
#include "xalloc.h"

/* Per-parse state reached from SAX callbacks through ctxt->_private. */
typedef struct parse_state {
    int entity_refused;  /* an entity declaration was met */
    long entity_line;    /* its line */
    int have_error;      /* first error recorded below */
    int error_code;      /* its libxml2 code */
    long error_line;
    char error_msg[256];
} parse_state;

bs_xml_limits bs_xml_limits_default(void)
{
    bs_xml_limits lim = {BS_XML_MAX_BYTES_DEFAULT, BS_XML_MAX_DEPTH_DEFAULT,
                         BS_XML_MAX_ELEMENTS_DEFAULT};
    return lim;
}

/* SAX entityDecl replacement: refuse and stop instead of declaring. */
static void refuse_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                               const xmlChar *system_id, xmlChar *content)
{
    (void)name; (void)type; (void)public_id; (void)system_id; (void)content;
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *st = ctxt->_private;
    if (st && !st->entity_refused) {
        st->entity_refused = 1;
        st->entity_line = ctxt->input ? ctxt->input->line : 0;
    }
    xmlStopParser(ctxt);
}

/* Structured error hook: keep the first error, which names the real
 * problem; the ones after it are consequences ("premature end of data"). */
static void record_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *st = ctxt ? ctxt->_private : NULL;
    if (!st || !e || st->have_error || e->level < XML_ERR_ERROR)
        return;
    st->have_error = 1;
    st->error_code = e->code;
    st->error_line = e->line;
    snprintf(st->error_msg, sizeof(st->error_msg), "%s", e->message ? e->message : "error");
}

/* Report the first error (or libxml2's last) as "name:LINE: message". */
static void set_parse_error(bs_error *err, const char *name, xmlParserCtxtPtr ctxt,
                            const parse_state *st)
{
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    char msg[512];
    long line;
    int xcode;
    if (st->have_error) {
        snprintf(msg, sizeof(msg), "%s", st->error_msg);
        line = st->error_line;
        xcode = st->error_code;
    } else {
        snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "not well-formed");
        line = e ? e->line : (ctxt->input ? ctxt->input->line : 0);
        xcode = e ? e->code : 0;
    }
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    /* libxml2's own depth ceiling tells the user to "use XML_PARSE_HUGE",
     * which no user can; say it as our depth limit says it. */
    if (strstr(msg, "Excessive depth"))
        snprintf(msg, sizeof(msg), "elements nested deeper than %d levels (--max-xml-depth, at most %d)",
                 BS_XML_MAX_DEPTH_CEILING, BS_XML_MAX_DEPTH_CEILING);
    /* libxml2's depth ceiling and its per-value ceilings are limits, not
     * syntax: say so, so callers can tell a hostile file from a typo. */
    int code = BS_ERR_FORMAT;
    if (xcode == XML_ERR_INTERNAL_ERROR || xcode == XML_ERR_ATTRIBUTE_NOT_FINISHED ||
        strstr(msg, "depth") || strstr(msg, "too long") || strstr(msg, "huge") ||
        strstr(msg, "Huge"))
        code = BS_ERR_LIMIT;
    bs_error_set(err, code, "%s:%ld: %s", name, line, msg);
}

/* Walk the tree without recursion, checking depth and element count, so
 * a hostile nesting cannot overflow our stack either.  depth is the level
 * of n (the root element is level 1); text does not count as a level. */
static int check_shape(const xmlDoc *doc, const char *name, const bs_xml_limits *lim,
                       bs_error *err)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    long count = 0;
    int depth = 1;
    const xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (++count > lim->max_elements)
                return bs_error_set(err, BS_ERR_LIMIT, "%s:%ld: more than %ld elements", name,
                                    bs_xml_line(n), lim->max_elements);
            if (depth > lim->max_depth)
                return bs_error_set(err, BS_ERR_LIMIT,
                                    "%s:%ld: elements nested deeper than %d levels (--max-xml-depth)",
                                    name, bs_xml_line(n), lim->max_depth);
            if (n->children) {
                n = n->children;
                depth++;
                continue;
            }
        }
        while (n && !n->next && n != root) {
            n = n->parent;
            depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return 0;
}

int bs_xml_utf16_mark(const char *data, size_t len)
{
    if (len < 2)
        return 0;
    unsigned char a = (unsigned char)data[0], b = (unsigned char)data[1];
    return a == 0xFF && b == 0xFE ? 1 : a == 0xFE && b == 0xFF ? 2 : 0;
}

/* Bytes at the start of an HTML file searched for a charset other than
 * UTF-8 (<meta charset=...> stands in <head>, within the first KB). */
#define HTML_CHARSET_BYTES 2048

/* Line (1-based) of byte offset off in data. */
static long line_of(const char *data, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

/* What the HTML parser would take silently: it recovers from anything.
 * A file cut short (its last character is not the '>' of a closing tag:
 * every HTML file ends with one), bytes that are not UTF-8 in a file that
 * declares no other charset (the parser would read them as Latin-1), and
 * entity declarations (refused in XML; the HTML parser keeps them as
 * text) are refused with the line named.  Returns 0 or -1 with err set. */
static int html_precheck(const char *data, size_t len, const char *name, bs_error *err)
{
    /* UTF-16 with its mark is the parser's to decode. */
    if (bs_xml_utf16_mark(data, len))
        return 0;
    size_t end = len;
    while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\n' || data[end - 1] == '\r' ||
                       data[end - 1] == '\t'))
        end--;
    if (end > 0 && data[end - 1] != '>')
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: the file ends inside a tag or text (truncated?)",
                            name, line_of(data, end));
    size_t head = len < HTML_CHARSET_BYTES ? len : HTML_CHARSET_BYTES;
    char *lower = bs_xmalloc(head + 1);
    for (size_t i = 0; i < head; i++)
        lower[i] = (char)(data[i] >= 'A' && data[i] <= 'Z' ? data[i] - 'A' + 'a' : (data[i] ? data[i] : ' '));
    lower[head] = '\0';
    const char *cs = strstr(lower, "charset=");
    int other = 0;
    if (cs) {
        cs += strlen("charset=");
        while (*cs == '"' || *cs == '\'' || *cs == ' ')
            cs++;
        other = strncmp(cs, "utf-8", 5) != 0 && strncmp(cs, "utf8", 4) != 0;
    }
    free(lower);
    size_t bad = 0;
    if (!other && bs_utf8_validate(data, len, &bad) != 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: invalid UTF-8 (byte offset %zu)", name,
                            line_of(data, bad), bad);
    for (size_t i = 0; i + 8 <= len; i++)
        if (data[i] == '<' && data[i + 1] == '!' && strncasecmp(data + i + 2, "entity", 6) == 0)
            return bs_error_set(err, BS_ERR_FORMAT,
                                "%s:%ld: entity declarations are not accepted (possible entity "
                                "expansion attack)",
                                name, line_of(data, i));
    return 0;
}

xmlDoc *bs_xml_parse(const char *data, size_t len, const char *name, int html,
                     const bs_xml_limits *lim, bs_error *err)
{
    bs_xml_limits def = bs_xml_limits_default();
    if (!lim)
        lim = &def;
    if (!name)
        name = "<memory>";
    long max_bytes = lim->max_bytes < BS_XML_MAX_BYTES_CEILING ? lim->max_bytes
                                                               : BS_XML_MAX_BYTES_CEILING;
    if (len > (size_t)BS_XML_MAX_BYTES_CEILING || (long)len > max_bytes)
        return bs_error_set(err, BS_ERR_LIMIT,
                            "%s: larger than the limit of %ld bytes (--max-xml-bytes)", name,
                            max_bytes),
               NULL;
    xmlInitParser();
    parse_state st;
    memset(&st, 0, sizeof(st));
    xmlDoc *doc = NULL;
    if (html) {
        if (html_precheck(data, len, name, err) != 0)
            return NULL;
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        if (!ctxt)
            return bs_error_set(err, BS_ERR_FORMAT, "%s: cannot create HTML parser", name), NULL;
        ctxt->sax->serror = record_error;
        ctxt->_private = &st;
        int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
        doc = htmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts);
        if (!doc || !xmlDocGetRootElement(doc)) {
            set_parse_error(err, name, ctxt, &st);
            if (doc)
                xmlFreeDoc(doc);
            doc = NULL;
        }
        ctxt->_private = NULL;
        htmlFreeParserCtxt(ctxt);
    } else {
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        if (!ctxt)
            return bs_error_set(err, BS_ERR_FORMAT, "%s: cannot create XML parser", name), NULL;
        ctxt->sax->entityDecl = refuse_entity_decl;
        ctxt->sax->serror = record_error;
        ctxt->_private = &st;
        int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                   XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts);
        if (st.entity_refused) {
            bs_error_set(err, BS_ERR_FORMAT,
                         "%s:%ld: entity declarations are not accepted (possible entity "
                         "expansion attack)",
                         name, st.entity_line);
            if (doc)
                xmlFreeDoc(doc);
            doc = NULL;
        } else if (!doc || !ctxt->wellFormed) {
            set_parse_error(err, name, ctxt, &st);
            if (doc)
                xmlFreeDoc(doc);
            doc = NULL;
        }
        ctxt->_private = NULL;
        xmlFreeParserCtxt(ctxt);
    }
    if (doc && !xmlDocGetRootElement(doc)) {
        bs_error_set(err, BS_ERR_FORMAT, "%s:1: no root element", name);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (doc && check_shape(doc, name, lim, err) != 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDoc *bs_xml_read_file(const char *path, int html, const bs_xml_limits *lim, bs_error *err)
{
    bs_xml_limits def = bs_xml_limits_default();
    if (!lim)
        lim = &def;
    char *data = NULL;
    size_t len = 0;
    if (bs_read_file(path, lim->max_bytes, &data, &len, err) != 0) {
        bs_error_name_limit(err, "--max-xml-bytes");
        return NULL;
    }
    xmlDoc *doc = bs_xml_parse(data, len, path, html, lim, err);
    free(data);
    return doc;
}

void bs_xml_free(xmlDoc *doc)
{
    if (doc)
        xmlFreeDoc(doc);
}

long bs_xml_line(const xmlNode *node)
{
    return node ? xmlGetLineNo((xmlNode *)node) : 0;
}

int bs_xml_is(const xmlNode *node, const char *name)
{
    if (!node || node->type != XML_ELEMENT_NODE || !node->name)
        return 0;
    if (node->doc && node->doc->type == XML_HTML_DOCUMENT_NODE)
        return strcasecmp((const char *)node->name, name) == 0;
    return strcmp((const char *)node->name, name) == 0;
}

char *bs_xml_attr(const xmlNode *node, const char *name)
{
    if (!node || node->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (!a->name || strcmp((const char *)a->name, name) != 0)
            continue;
        xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
        char *out = bs_xstrdup(v ? (const char *)v : "");
        if (v)
            xmlFree(v);
        return out;
    }
    return NULL;
}

int bs_xml_attr_num(const xmlNode *node, const char *name, double *out)
{
    char *v = bs_xml_attr(node, name);
    if (!v)
        return 0;
    char *end;
    double d = strtod(v, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    int ok = end != v && *end == '\0' && isfinite(d);
    free(v);
    if (!ok)
        return -1;
    *out = d;
    return 1;
}

xmlNode *bs_xml_first_child(const xmlNode *node)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNode *bs_xml_next_elem(const xmlNode *node)
{
    for (xmlNode *c = node ? node->next : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}
