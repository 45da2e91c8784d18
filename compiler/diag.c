/* This file renders diagnostics gcc-style: "file:line:col: error: message",
 * then the source line with a caret underline over the location. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_init(diag_t *d, const char *file, const char *src, size_t len)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->src = src;
    d->len = len;
    d->mute = LOC_NONE;
}

loc_t diag_mute(diag_t *d, loc_t range)
{
    loc_t old = d->mute;
    d->mute = range;
    return old;
}

void diag_line_col(const diag_t *d, uint32_t off, int *line, int *col)
{
    int l = 1;
    size_t start = 0;
    if (off > d->len)
        off = (uint32_t)d->len;
    for (size_t i = 0; i < off; i++)
        if (d->src[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (int)(off - start) + 1;
}

typedef struct out {
    char buf[8192];
    size_t n;
} out_t;

static void put(out_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out_t *o, const char *fmt, ...)
{
    if (o->n >= sizeof o->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->buf + o->n, sizeof o->buf - o->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->n += (size_t)k < sizeof o->buf - o->n ? (size_t)k : sizeof o->buf - o->n - 1;
}

/* Lines longer than this are shown as a window of it around the location, so
 * that a minified or binary file still gets a caret under the right byte. */
#define EXCERPT_MAX 160
#define EXCERPT_BEFORE 40

static bool utf8_cont(const diag_t *d, size_t i)
{
    return ((unsigned char)d->src[i] & 0xC0) == 0x80;
}

/* Display width of a byte range of one line: tabs kept, UTF-8 counted per code point. */
static void excerpt(out_t *o, const diag_t *d, loc_t loc, int line)
{
    size_t b = loc.begin, e = loc.end;
    if (b > d->len)
        b = d->len;
    if (e < b)
        e = b;
    size_t ls = b;
    while (ls > 0 && d->src[ls - 1] != '\n')
        ls--;
    size_t le = b;
    while (le < d->len && d->src[le] != '\n')
        le++;
    size_t ws = ls, we = le; /* the window shown */
    if (le - ls > EXCERPT_MAX) {
        if (b - ls > EXCERPT_BEFORE + 20)
            ws = b - EXCERPT_BEFORE;
        while (ws < b && utf8_cont(d, ws))
            ws++;
        if (le - ws > EXCERPT_MAX)
            we = ws + EXCERPT_MAX;
        while (we > b && we < le && utf8_cont(d, we))
            we--;
    }
    if (e > we)
        e = we; /* underline only what is shown, and only the first line */
    put(o, "%5d | %s", line, ws > ls ? "..." : "");
    for (size_t i = ws; i < we; i++) {
        unsigned char c = (unsigned char)d->src[i];
        put(o, "%c", c == '\t' || c >= 0x20 ? (char)c : ' ');
    }
    put(o, "%s\n      | %s", we < le ? "..." : "", ws > ls ? "   " : "");
    for (size_t i = ws; i < b; i++) {
        unsigned char c = (unsigned char)d->src[i];
        if ((c & 0xC0) == 0x80)
            continue;
        put(o, "%c", c == '\t' ? '\t' : ' ');
    }
    put(o, "^");
    for (size_t i = b + 1; i < e; i++)
        if (((unsigned char)d->src[i] & 0xC0) != 0x80)
            put(o, "~");
    put(o, "\n");
}

/* Errors after this many are counted but not shown (nor their notes): a binary
 * file is not worth a diagnostic per byte, and showing each costs a scan of
 * the source. */
#define DIAG_MAX_SHOWN 100

void diag_report(diag_t *d, diag_level_t level, loc_t loc, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warning", "note"};
    if (level != DIAG_NOTE)
        d->muted_last = d->mute.begin != UINT32_MAX && loc.begin != UINT32_MAX && loc.begin >= d->mute.begin &&
                        loc.begin < d->mute.end;
    if (d->muted_last) {
        if (level == DIAG_ERROR) {
            d->muted_errors++;
            if (!d->muted_msg[0]) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(d->muted_msg, sizeof d->muted_msg, fmt, ap);
                va_end(ap);
            }
        }
        return;
    }
    if (d->errors >= DIAG_MAX_SHOWN && (level != DIAG_NOTE || d->errors > DIAG_MAX_SHOWN)) {
        if (level == DIAG_ERROR && d->errors++ == DIAG_MAX_SHOWN) {
            char msg[512];
            snprintf(msg, sizeof msg, "%.400s: note: more than %d errors; the rest are not shown\n",
                     d->file, DIAG_MAX_SHOWN);
            if (d->sink)
                d->sink(d->sink_arg, msg);
            else
                fputs(msg, stderr);
        } else if (level == DIAG_WARNING) {
            d->warnings++;
        }
        return;
    }
    out_t o;
    o.n = 0;
    o.buf[0] = 0;
    int line = 0, col = 0;
    bool has_loc = loc.begin != UINT32_MAX && d->src;
    if (has_loc) {
        diag_line_col(d, loc.begin, &line, &col);
        put(&o, "%s:%d:%d: %s: ", d->file, line, col, names[level]);
    } else {
        put(&o, "%s: %s: ", d->file, names[level]);
    }
    va_list ap;
    va_start(ap, fmt);
    if (o.n < sizeof o.buf - 1) {
        int k = vsnprintf(o.buf + o.n, sizeof o.buf - o.n, fmt, ap);
        if (k > 0)
            o.n += (size_t)k < sizeof o.buf - o.n ? (size_t)k : sizeof o.buf - o.n - 1;
    }
    va_end(ap);
    put(&o, "\n");
    if (has_loc)
        excerpt(&o, d, loc, line);
    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    if (d->sink)
        d->sink(d->sink_arg, o.buf);
    else
        fputs(o.buf, stderr);
}
