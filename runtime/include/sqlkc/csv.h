/* This file holds the CSV writer's primitive: a text field as Jackson's
 * CsvEncoder writes it for Flink (quoting heuristic of _mayNeedQuotes in its
 * "loose" mode: longer than 24 characters, any character below the minimal
 * safe one (max(delimiter, quote) + 1), the quote character or a backslash
 * forces quotes; inside quotes the quote character is doubled). */
#ifndef SQLKC_CSV_H
#define SQLKC_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "sqlkc/buf.h"

/* quote < 0: quoting disabled (csv.disable-quote-character). */
static inline void sqlkc_rt_csv_put_text(sqlkc_rt_buf_t *b, const char *p, size_t n, int delim, int quote)
{
    bool quoted = false;
    if (quote >= 0 && n > 0) {
        /* the length counts characters, as Java's String.length does (UTF-16 units) */
        size_t units = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if ((c & 0xC0) != 0x80)
                units += c >= 0xF0 ? 2 : 1;
        }
        int min_safe = (delim > quote ? delim : quote) + 1;
        quoted = units > 24;
        for (size_t i = 0; i < n && !quoted; i++) {
            unsigned char c = (unsigned char)p[i];
            quoted = c < min_safe || c == quote || c == '\\';
        }
    }
    if (!quoted) {
        sqlkc_rt_buf_put(b, p, n);
        return;
    }
    sqlkc_rt_buf_putc(b, (char)quote);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)p[i] == quote)
            sqlkc_rt_buf_putc(b, (char)quote);
        sqlkc_rt_buf_putc(b, p[i]);
    }
    sqlkc_rt_buf_putc(b, (char)quote);
}

#endif /* SQLKC_CSV_H */
