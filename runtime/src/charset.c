/* This file converts the text of Flink's raw format between a Java charset
 * and the UTF-8 strings a job works with (raw.charset other than UTF-8).
 * Java's names and aliases are looked up in a table, the bytes are converted
 * by glibc's iconv, and the rest is what Java does around it:
 *  - decoding is `new String(bytes, charset)`: malformed or unmappable input
 *    becomes U+FFFD, one per bad unit (byte, or 2/4 bytes in UTF-16/32; a
 *    high surrogate followed by a unit that is not a low one is one bad
 *    4-byte unit, as sun.nio.cs.UnicodeDecoder has it), and a truncated
 *    sequence at the end becomes one U+FFFD (in the double-byte charsets,
 *    Shift_JIS, EUC-*, GBK, Big5, Java's decoders sometimes count a bad
 *    pair as one malformed input where this counts a byte: there the
 *    number of U+FFFD, and whether the byte after a bad lead byte is read
 *    as a character of its own, can differ from Java);
 *  - encoding is `String.getBytes(charset)`: a character the charset cannot
 *    represent becomes the charset's replacement, '?' (U+FFFD in UTF-16/32);
 *  - byte-order marks follow Java, not iconv: "UTF-16" and "UTF-32" read a
 *    BOM and default to big-endian, "UTF-16" writes FE FF before a non-empty
 *    string, "UTF-32" writes none, UTF-32BE/LE skip a BOM of their own order,
 *    UTF-16BE/LE keep one as U+FEFF (glibc's UTF-16/UTF-32 use native order). */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlkc/raw.h"

enum { CS_PLAIN, CS_UTF16, CS_UTF16BE, CS_UTF16LE, CS_UTF32, CS_UTF32BE, CS_UTF32LE };

/* Java's canonical name, its aliases ('|'-separated, as in the JDK's
 * charset provider), glibc's name, and the BOM rule. The standard charsets
 * every JDK has, and the common extended ones. */
static const struct charset_def {
    const char *java, *aliases, *iconv;
    int kind;
} charsets[] = {
    {"UTF-8", "UTF8|unicode-1-1-utf-8", "UTF-8", CS_PLAIN},
    {"US-ASCII", "iso-ir-6|ANSI_X3.4-1986|ISO_646.irv:1991|ASCII|ISO646-US|us|IBM367|cp367|csASCII|default|646|"
                 "iso_646.irv:1983|ANSI_X3.4-1968|ascii7", "ASCII", CS_PLAIN},
    {"ISO-8859-1", "iso-ir-100|ISO_8859-1|latin1|l1|IBM819|cp819|csISOLatin1|819|IBM-819|ISO8859_1|"
                   "ISO_8859-1:1987|ISO_8859_1|8859_1|ISO8859-1", "ISO-8859-1", CS_PLAIN},
    {"UTF-16", "UTF_16|utf16|unicode|UnicodeBig", "UTF-16BE", CS_UTF16},
    {"UTF-16BE", "UTF_16BE|ISO-10646-UCS-2|X-UTF-16BE|UnicodeBigUnmarked", "UTF-16BE", CS_UTF16BE},
    {"UTF-16LE", "UTF_16LE|X-UTF-16LE|UnicodeLittleUnmarked", "UTF-16LE", CS_UTF16LE},
    {"UTF-32", "UTF_32|UTF32", "UTF-32BE", CS_UTF32},
    {"UTF-32BE", "UTF_32BE|X-UTF-32BE", "UTF-32BE", CS_UTF32BE},
    {"UTF-32LE", "UTF_32LE|X-UTF-32LE", "UTF-32LE", CS_UTF32LE},
    {"ISO-8859-2", "iso8859_2|8859_2|iso-ir-101|ISO_8859-2|ISO_8859-2:1987|ISO8859-2|latin2|l2|ibm912|ibm-912|"
                   "cp912|912|csISOLatin2", "ISO-8859-2", CS_PLAIN},
    {"ISO-8859-4", "iso8859_4|iso8859-4|8859_4|iso-ir-110|ISO_8859-4|ISO_8859-4:1988|latin4|l4|ibm914|ibm-914|"
                   "cp914|914|csISOLatin4", "ISO-8859-4", CS_PLAIN},
    {"ISO-8859-5", "iso8859_5|8859_5|iso-ir-144|ISO_8859-5|ISO_8859-5:1988|ISO8859-5|cyrillic|ibm915|ibm-915|"
                   "cp915|915|csISOLatinCyrillic", "ISO-8859-5", CS_PLAIN},
    {"ISO-8859-7", "iso8859_7|8859_7|iso-ir-126|ISO_8859-7|ISO_8859-7:1987|ELOT_928|ECMA-118|greek|greek8|"
                   "csISOLatinGreek|sun_eu_greek|ibm813|ibm-813|813|cp813|iso8859-7", "ISO-8859-7", CS_PLAIN},
    {"ISO-8859-9", "iso8859_9|8859_9|iso-ir-148|ISO_8859-9|ISO_8859-9:1989|ISO8859-9|latin5|l5|ibm920|ibm-920|"
                   "920|cp920|csISOLatin5", "ISO-8859-9", CS_PLAIN},
    {"ISO-8859-13", "iso8859_13|8859_13|iso_8859-13|ISO8859-13", "ISO-8859-13", CS_PLAIN},
    {"ISO-8859-15", "ISO_8859-15|Latin-9|csISO885915|8859_15|ISO-8859-15|IBM923|IBM-923|cp923|923|LATIN0|"
                    "csISOlatin0|csISOlatin9|ISO8859_15_FDIS|L9|ISO8859-15|ISO8859_15|LATIN9", "ISO-8859-15",
     CS_PLAIN},
    {"ISO-8859-16", "iso-ir-226|ISO_8859-16:2001|ISO_8859-16|ISO8859_16|latin10|l10|csISO885916", "ISO-8859-16",
     CS_PLAIN},
    {"windows-1250", "cp1250|cp5346", "CP1250", CS_PLAIN},
    {"windows-1251", "cp1251|cp5347|ansi-1251", "CP1251", CS_PLAIN},
    {"windows-1252", "cp1252|cp5348|ibm-1252|ibm1252", "CP1252", CS_PLAIN},
    {"windows-1253", "cp1253|cp5349", "CP1253", CS_PLAIN},
    {"windows-1254", "cp1254|cp5350", "CP1254", CS_PLAIN},
    {"windows-1257", "cp1257|cp5353", "CP1257", CS_PLAIN},
    {"KOI8-R", "koi8_r|koi8|cskoi8r", "KOI8-R", CS_PLAIN},
    {"KOI8-U", "koi8_u", "KOI8-U", CS_PLAIN},
    {"IBM437", "cp437|ibm437|ibm-437|437|cspc8codepage437|windows-437", "IBM437", CS_PLAIN},
    {"IBM850", "cp850|ibm-850|ibm850|850|cspc850multilingual", "IBM850", CS_PLAIN},
    {"Shift_JIS", "shift_jis|x-sjis|sjis|shift-jis|ms_kanji|csShiftJIS", "SHIFT_JIS", CS_PLAIN},
    {"EUC-JP", "csEUCPkdFmtjapanese|x-euc-jp|eucjis|Extended_UNIX_Code_Packed_Format_for_Japanese|euc_jp|eucjp|"
               "x-eucjp", "EUC-JP", CS_PLAIN},
    {"EUC-KR", "ksc5601-1987|csEUCKR|ksc5601_1987|ksc5601|5601|euc_kr|ksc_5601|ks_c_5601-1987|euckr", "EUC-KR",
     CS_PLAIN},
    {"GBK", "CP936|windows-936", "GBK", CS_PLAIN},
    {"GB18030", "gb18030-2022", "GB18030", CS_PLAIN},
    {"GB2312", "gb2312|euc-cn|x-EUC-CN|euccn|EUC_CN|gb2312-80|gb2312-1980", "EUC-CN", CS_PLAIN},
    {"Big5", "csBig5", "BIG5", CS_PLAIN},
};

static bool alias_of(const char *aliases, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = aliases; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, name, n) == 0)
            return true;
        p += len + (bar ? 1 : 0);
    }
    return false;
}

static const struct charset_def *find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
        if (strcasecmp(charsets[i].java, name) == 0 || alias_of(charsets[i].aliases, name))
            return &charsets[i];
    return NULL;
}

const char *sqlkc_rt_charset_canonical(const char *name)
{
    const struct charset_def *d = find(name);
    return d ? d->java : NULL;
}

struct sqlkc_rt_charset {
    const struct charset_def *def;
    iconv_t to_utf8, to_utf8_le; /* to_utf8_le: the little-endian decoder after a BOM */
    iconv_t from_utf8;
    pthread_mutex_t lock; /* an iconv_t carries shift state: one conversion at a time */
};

/* Opened charsets live as long as the process; a job opens one or two. */
static struct sqlkc_rt_charset *opened[16];
static int nopened;
static pthread_mutex_t opened_lock = PTHREAD_MUTEX_INITIALIZER;

/* The little-endian decoder "UTF-16" and "UTF-32" switch to after FF FE. */
static const char *le_name(const struct charset_def *d)
{
    return d->kind == CS_UTF32 ? "UTF-32LE" : "UTF-16LE";
}

sqlkc_rt_charset_t *sqlkc_rt_charset_open(const char *name, char *err, size_t errlen)
{
    const struct charset_def *d = find(name);
    if (!d) {
        snprintf(err, errlen, "Unsupported 'raw.charset' name: %s.", name ? name : "(null)");
        return NULL;
    }
    pthread_mutex_lock(&opened_lock);
    struct sqlkc_rt_charset *cs = NULL;
    for (int i = 0; i < nopened && !cs; i++)
        if (opened[i]->def == d)
            cs = opened[i];
    if (!cs && nopened < (int)(sizeof opened / sizeof opened[0])) {
        iconv_t in = iconv_open("UTF-8", d->iconv);
        bool bom = d->kind == CS_UTF16 || d->kind == CS_UTF32;
        iconv_t in_le = bom ? iconv_open("UTF-8", le_name(d)) : (iconv_t)-1;
        iconv_t out = iconv_open(d->iconv, "UTF-8");
        if (in == (iconv_t)-1 || out == (iconv_t)-1 || (bom && in_le == (iconv_t)-1)) {
            snprintf(err, errlen, "charset %s (iconv %s) is not available on this system: %s", d->java, d->iconv,
                     strerror(errno));
            if (in != (iconv_t)-1)
                iconv_close(in);
            if (in_le != (iconv_t)-1)
                iconv_close(in_le);
            if (out != (iconv_t)-1)
                iconv_close(out);
        } else if ((cs = calloc(1, sizeof *cs)) != NULL) {
            cs->def = d;
            cs->to_utf8 = in;
            cs->to_utf8_le = in_le;
            cs->from_utf8 = out;
            pthread_mutex_init(&cs->lock, NULL);
            opened[nopened++] = cs;
        } else {
            snprintf(err, errlen, "out of memory opening charset %s", d->java);
        }
    } else if (!cs) {
        snprintf(err, errlen, "too many charsets open (at most %zu)", sizeof opened / sizeof opened[0]);
    }
    pthread_mutex_unlock(&opened_lock);
    return cs;
}

const char *sqlkc_rt_charset_name(const sqlkc_rt_charset_t *cs) { return cs->def->java; }

/* How many input bytes one EILSEQ stands for: `unit` (1, or 2 and 4 in
 * UTF-16 and UTF-32), a whole well-formed sequence when the input is UTF-8
 * (an unmappable character), and in UTF-16 (`order` 'B' or 'L') 4 for a
 * high surrogate whose next unit is not a low surrogate. */
static size_t bad_len(const unsigned char *p, size_t left, size_t unit, int order, bool utf8_in)
{
    if (utf8_in) {
        size_t k = sqlkc_rt_utf8_seq_len(p, left);
        return k ? k : 1;
    }
    if (order && left >= 4) {
        unsigned u = order == 'B' ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
        if (u >= 0xD800 && u <= 0xDBFF)
            return 4; /* malformedForLength(4): the next unit goes too */
    }
    return unit;
}

/* Runs iconv over in[0..n) into out, replacing what it cannot convert with
 * `repl` (bad_len bytes per EILSEQ; a truncated sequence at the end is one
 * `repl`). */
static void convert(iconv_t cd, const char *in, size_t n, sqlkc_rt_buf_t *out, size_t unit, int order,
                    const char *repl, size_t repl_len, bool utf8_in)
{
    char *ip = (char *)in;
    size_t left = n;
    iconv(cd, NULL, NULL, NULL, NULL); /* initial shift state */
    while (left > 0) {
        sqlkc_rt_buf_reserve(out, left * 4 + 16);
        char *op = out->p + out->len;
        size_t room = out->cap - out->len;
        size_t r = iconv(cd, &ip, &left, &op, &room);
        out->len = (size_t)(op - out->p);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        size_t skip = left; /* EINVAL: Java reads the truncated rest as one malformed input */
        if (errno == EILSEQ)
            skip = bad_len((const unsigned char *)ip, left, unit, order, utf8_in);
        if (skip > left)
            skip = left;
        ip += skip;
        left -= skip;
        sqlkc_rt_buf_put(out, repl, repl_len);
    }
    /* flush a stateful encoder's return to its initial shift state */
    sqlkc_rt_buf_reserve(out, 16);
    char *op = out->p + out->len;
    size_t room = out->cap - out->len;
    iconv(cd, NULL, NULL, &op, &room);
    out->len = (size_t)(op - out->p);
}

size_t sqlkc_rt_utf8_seq_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static const char fffd[] = "\xEF\xBF\xBD";

void sqlkc_rt_charset_decode(sqlkc_rt_charset_t *cs, const void *data, size_t len, sqlkc_rt_buf_t *out)
{
    const unsigned char *p = data;
    const struct charset_def *d = cs->def;
    iconv_t cd = cs->to_utf8;
    size_t unit = 1;
    int order = 0;
    switch (d->kind) {
    case CS_UTF16: /* a BOM picks the order and is dropped */
        unit = 2, order = 'B';
        if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
            cd = cs->to_utf8, p += 2, len -= 2;
        } else if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
            cd = cs->to_utf8_le, order = 'L', p += 2, len -= 2;
        }
        break;
    case CS_UTF16BE: case CS_UTF16LE: /* a BOM is a U+FEFF character */
        unit = 2, order = d->kind == CS_UTF16BE ? 'B' : 'L';
        break;
    case CS_UTF32:
        unit = 4;
        if (len >= 4 && !memcmp(p, "\x00\x00\xFE\xFF", 4))
            p += 4, len -= 4;
        else if (len >= 4 && !memcmp(p, "\xFF\xFE\x00\x00", 4))
            cd = cs->to_utf8_le, p += 4, len -= 4;
        break;
    case CS_UTF32BE:
        unit = 4;
        if (len >= 4 && !memcmp(p, "\x00\x00\xFE\xFF", 4))
            p += 4, len -= 4;
        break;
    case CS_UTF32LE:
        unit = 4;
        if (len >= 4 && !memcmp(p, "\xFF\xFE\x00\x00", 4))
            p += 4, len -= 4;
        break;
    default:
        break;
    }
    pthread_mutex_lock(&cs->lock);
    convert(cd, (const char *)p, len, out, unit, order, fffd, 3, false);
    pthread_mutex_unlock(&cs->lock);
}

void sqlkc_rt_charset_encode(sqlkc_rt_charset_t *cs, const char *s, size_t n, sqlkc_rt_buf_t *out)
{
    const struct charset_def *d = cs->def;
    const char *repl = "?";
    size_t repl_len = 1;
    switch (d->kind) {
    case CS_UTF16: /* Java writes the mark (big-endian) unless the string is empty */
        if (n)
            sqlkc_rt_buf_put(out, "\xFE\xFF", 2);
        repl = "\xFF\xFD", repl_len = 2;
        break;
    case CS_UTF16BE: repl = "\xFF\xFD", repl_len = 2; break;
    case CS_UTF16LE: repl = "\xFD\xFF", repl_len = 2; break;
    case CS_UTF32: case CS_UTF32BE: repl = "\x00\x00\xFF\xFD", repl_len = 4; break;
    case CS_UTF32LE: repl = "\xFD\xFF\x00\x00", repl_len = 4; break;
    default: break;
    }
    pthread_mutex_lock(&cs->lock);
    convert(cs->from_utf8, s, n, out, 1, 0, repl, repl_len, true);
    pthread_mutex_unlock(&cs->lock);
}

/* How many bytes of s[0..n) are a valid beginning of a UTF-8 sequence
 * (Unicode's table 3-7), at least 1: the maximal subpart replaced by one
 * U+FFFD when the sequence is ill-formed. */
static size_t maximal_subpart(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || n < 2)
        return 1;
    unsigned lo = 0x80, hi = 0xBF; /* the second byte's range */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 1;
    size_t k = 2;
    while (k < len && k < n && (s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

void sqlkc_rt_utf8_java(sqlkc_rt_str_t *s, sqlkc_rt_alloc_fn alloc, void *arg)
{
    const unsigned char *p = (const unsigned char *)s->p;
    size_t n = s->n, i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = sqlkc_rt_utf8_seq_len(p + i, n - i);
        if (!k)
            break;
        i += k;
    }
    if (i == n)
        return; /* well-formed: as it is */
    /* at most 3 output bytes (U+FFFD) per input byte */
    char *out = alloc(arg, n * 3), *w = out;
    memcpy(w, p, i);
    w += i;
    while (i < n) {
        size_t k = p[i] < 0x80 ? 1 : sqlkc_rt_utf8_seq_len(p + i, n - i);
        if (k) {
            memcpy(w, p + i, k);
            w += k;
            i += k;
        } else {
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
            i += maximal_subpart(p + i, n - i);
        }
    }
    s->p = out;
    s->n = (size_t)(w - out);
}
