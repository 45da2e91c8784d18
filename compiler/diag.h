/* This file declares diagnostics: one reporting function, counted, with
 * source excerpts and carets, notes, and a sink that tests can capture.
 * Locations are byte ranges; line and column are computed only here. */
#ifndef SQLKC_DIAG_H
#define SQLKC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct loc {
    uint32_t begin, end; /* byte offsets into the source, end exclusive */
} loc_t;

#define LOC_NONE ((loc_t){UINT32_MAX, UINT32_MAX})

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level_t;

/* Receives each rendered diagnostic (several lines, ending in '\n'). */
typedef void (*diag_sink_fn)(void *arg, const char *text);

typedef struct diag {
    const char *file; /* name shown in messages */
    const char *src;  /* source text */
    size_t len;
    int errors, warnings;
    diag_sink_fn sink; /* NULL: stderr */
    void *sink_arg;
    /* Diagnostics located in this range are dropped, with their notes: a view
     * or a table that is analyzed again (each time it is used, or copied for a
     * hint) reported its mistakes the first time. LOC_NONE: none. */
    loc_t mute;
    bool muted_last;
    /* Errors dropped by the mute, and the first one's message (cleared by
     * whoever looks for it): an analysis that fails again on a second use for
     * a reason that did not fail the first (a table dropped since, a hint)
     * reports it at the use. */
    int muted_errors;
    char muted_msg[400];
} diag_t;

void diag_init(diag_t *d, const char *file, const char *src, size_t len);
void diag_report(diag_t *d, diag_level_t level, loc_t loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define diag_error(d, loc, ...) diag_report((d), DIAG_ERROR, (loc), __VA_ARGS__)
#define diag_note(d, loc, ...) diag_report((d), DIAG_NOTE, (loc), __VA_ARGS__)
#define diag_warning(d, loc, ...) diag_report((d), DIAG_WARNING, (loc), __VA_ARGS__)

/* Mutes the range (returns the previous one, to restore). */
loc_t diag_mute(diag_t *d, loc_t range);

/* 1-based line and column (in bytes) of a byte offset. */
void diag_line_col(const diag_t *d, uint32_t off, int *line, int *col);

static inline loc_t loc_span(loc_t a, loc_t b) { return (loc_t){a.begin, b.end}; }

#endif
