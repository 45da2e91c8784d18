/* This file is the fuzz target of the binary decoders' primitives (the avro
 * readers and the raw format's reads): the input's first bytes choose a
 * "schema" (a sequence of types, nullable or not), the rest is decoded under
 * it as a generated avro decoder would read it. Every slice handed out must
 * lie inside the input; the readers must stop at its end. The datum is also
 * read as raw text in a charset the first byte picks, which must give valid
 * UTF-8, and written back in that charset. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/avro.h"
#include "sqlkc/raw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(const sqlkc_rt_str_t *s, const uint8_t *lo, const uint8_t *hi)
{
    if (s->n && ((const uint8_t *)s->p < lo || (const uint8_t *)s->p + s->n > hi))
        abort(); /* a slice outside the datum */
    volatile unsigned sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += (unsigned char)s->p[i];
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t nfields = data[0] % 16;
    if (size < 1 + nfields)
        return 0;
    const uint8_t *schema = data + 1;
    /* a copy of exactly the datum's size, so that ASan sees any over-read */
    size_t n = size - 1 - nfields;
    uint8_t *datum = malloc(n ? n : 1);
    if (!datum)
        return 0;
    memcpy(datum, data + 1 + nfields, n);
    sqlkc_rt_acur_t c;
    sqlkc_rt_acur_init(&c, datum, n);
    for (size_t i = 0; i < nfields; i++) {
        uint8_t t = schema[i];
        if (t & 0x80) { /* nullable: the union branch first */
            bool has;
            if (sqlkc_rt_avro_get_branch(&c, &has) < 0)
                break;
            if (!has)
                continue;
        }
        int r = 0;
        switch (t % 8) {
        case 0: { bool b; r = sqlkc_rt_avro_get_bool(&c, &b); break; }
        case 1: { int32_t v; r = sqlkc_rt_avro_get_int(&c, &v); break; }
        case 2: { int64_t v; r = sqlkc_rt_avro_get_long(&c, &v); break; }
        case 3: { float v; r = sqlkc_rt_avro_get_float(&c, &v); break; }
        case 4: { double v; r = sqlkc_rt_avro_get_double(&c, &v); break; }
        case 5: { sqlkc_rt_dec_t v; r = sqlkc_rt_avro_get_decimal(&c, &v); break; }
        default: {
            sqlkc_rt_str_t s;
            r = sqlkc_rt_avro_get_bytes(&c, &s);
            if (r == 0)
                touch(&s, datum, datum + n);
            break;
        }
        }
        if (r < 0) {
            if (!c.err)
                abort(); /* a failure must say why */
            break;
        }
        if (c.p < c.start || c.p > c.end)
            abort();
    }
    /* the raw format's fixed-size reads, at every width that fits */
    static const int widths[] = {1, 2, 4, 8};
    for (size_t w = 0; w < 4; w++)
        if ((size_t)widths[w] <= n) {
            volatile uint64_t v = sqlkc_rt_raw_get(datum, widths[w], data[0] & 1);
            (void)v;
        }
    /* raw.charset: any bytes decode to well-formed UTF-8 and encode back */
    static const char *const charsets[] = {"UTF-16", "UTF-16LE", "UTF-32", "US-ASCII", "windows-1252",
                                           "Shift_JIS", "GB18030", "ISO-8859-1"};
    char err[160];
    sqlkc_rt_charset_t *cs = sqlkc_rt_charset_open(charsets[data[0] % 8], err, sizeof err);
    if (!cs)
        abort();
    sqlkc_rt_buf_t text = {0}, back = {0};
    sqlkc_rt_charset_decode(cs, datum, n, &text);
    for (size_t i = 0; i < text.len;) {
        size_t k = sqlkc_rt_utf8_seq_len((const unsigned char *)text.p + i, text.len - i);
        if (k == 0)
            abort(); /* not UTF-8 */
        i += k;
    }
    sqlkc_rt_charset_encode(cs, text.p ? text.p : "", text.len, &back);
    sqlkc_rt_charset_encode(cs, (const char *)datum, n, &back); /* arbitrary bytes as the job's string */
    sqlkc_rt_buf_free(&text);
    sqlkc_rt_buf_free(&back);
    free(datum);
    return 0;
}
