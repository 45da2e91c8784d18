/* This file implements the emitter: indentation, blocks, escaping of C string
 * literals and comments, and template filling. */
#include "emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

const char *emit_comment(arena_t *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if ((c == '*' && s[i + 1] == '/') || (c == '/' && s[i + 1] == '*'))
            c = '_';
        if (c == '\\' && (s[i + 1] == 0))
            c = '_'; /* a trailing backslash would continue the line */
        out[k++] = c;
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
