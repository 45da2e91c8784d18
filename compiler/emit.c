/* This file implements the emitter: indentation, blocks, escaping of C string
 * literals and comments, and template filling. */
#include "emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static void vline(emit_t *e, const char *fmt, va_list ap, const char *tail)
{
    char small[1024];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    char *buf = small;
    if (n >= (int)sizeof small) {
        buf = arena_alloc(e->arena, (size_t)n + 1);
        vsnprintf(buf, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    char pad[128];
    int w = e->indent * 4;
    if (w > 120)
        w = 120;
    memset(pad, ' ', (size_t)w);
    pad[w] = 0;
    if (n > 0 || tail[0] == ' ')
        e->out(e->arg, pad);
    e->out(e->arg, buf);
    e->out(e->arg, n == 0 && tail[0] == ' ' ? tail + 1 : tail);
}

void emit_line(emit_t *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(e, fmt, ap, "\n");
    va_end(ap);
}

void emit_open(emit_t *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(e, fmt, ap, " {\n");
    va_end(ap);
    e->indent++;
}

void emit_close(emit_t *e, const char *suffix)
{
    if (e->indent > 0)
        e->indent--;
    emit_line(e, "}%s", suffix ? suffix : "");
}

void emit_blank(emit_t *e) { e->out(e->arg, "\n"); }

void emit_raw(emit_t *e, const char *s) { e->out(e->arg, s); }

const char *emit_cstr(arena_t *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n * 4 + 3);
    size_t k = 0;
    out[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[k++] = '\\';
            out[k++] = (char)c;
        } else if (c >= 0x20 && c < 0x7f && c != '?') {
            out[k++] = (char)c; /* '?' is escaped to avoid trigraphs */
        } else {
            /* octal escapes always take three digits, so a following digit is safe */
            out[k++] = '\\';
            out[k++] = (char)('0' + (c >> 6));
            out[k++] = (char)('0' + ((c >> 3) & 7));
            out[k++] = (char)('0' + (c & 7));
        }
    }
    out[k++] = '"';
    out[k] = 0;
    return out;
}

/* The length of the UTF-8 sequence at s (of n bytes), or 0 when it is not
 * one, or is a control that reorders text (bidi embeddings, overrides and
 * isolates, the marks): gcc's -Wbidi-chars flags those in a comment, and a
 * reader would see the comment's text in another order than the compiler. */
static size_t comment_char(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return s[0] >= 0x20 && s[0] < 0x7f ? 1 : 0;
    size_t len = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
    if (!len || len > n)
        return 0;
    uint32_t cp = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp < 0xe000))
        return 0;
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
        cp == 0x061c || cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xa0))
        return 0;
    return len;
}

const char *emit_comment(arena_t *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t len = comment_char((const unsigned char *)s + i, n - i);
        if (len > 1) { /* a printable character of any script, as written */
            memcpy(out + k, s + i, len);
            k += len;
            i += len;
            continue;
        }
        char c = len ? s[i] : s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : '?';
        if ((c == '*' && s[i + 1] == '/') || (c == '/' && s[i + 1] == '*'))
            c = '_';
        if (c == '\\' && (s[i + 1] == 0))
            c = '_'; /* a trailing backslash would continue the line */
        if (c == '?' && s[i + 1] == '?')
            c = '_'; /* no trigraph */
        out[k++] = c;
        i++;
    }
    out[k] = 0;
    return out;
}

void emit_template(emit_t *e, const char *tpl, const char *const *names, const char *const *values, int n)
{
    const char *p = tpl;
    char chunk[4096];
    while (*p) {
        const char *d = strchr(p, '$');
        if (!d) {
            e->out(e->arg, p);
            return;
        }
        size_t len = (size_t)(d - p);
        while (len) {
            size_t k = len < sizeof chunk - 1 ? len : sizeof chunk - 1;
            memcpy(chunk, p, k);
            chunk[k] = 0;
            e->out(e->arg, chunk);
            p += k;
            len -= k;
        }
        const char *end = strchr(d + 1, '$');
        if (!end) {
            e->out(e->arg, d);
            return;
        }
        size_t nl = (size_t)(end - d - 1);
        if (nl == 0) {
            e->out(e->arg, "$");
        } else {
            int found = 0;
            for (int i = 0; i < n; i++)
                if (strlen(names[i]) == nl && memcmp(names[i], d + 1, nl) == 0) {
                    e->out(e->arg, values[i]);
                    found = 1;
                    break;
                }
            if (!found) {
                fprintf(stderr, "sqlkc: internal error: template placeholder $%.*s$ has no value\n", (int)nl, d + 1);
                exit(2);
            }
        }
        p = end + 1;
    }
}
