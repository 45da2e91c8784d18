/* This file implements the SQL string functions and CAST parsers declared
 * in fn.h. Strings are UTF-8 byte slices that nobody validated, so every
 * decoder here accepts arbitrary bytes and treats a byte that does not
 * start a valid sequence as a unit of its own. */
#include "sqlkc/fn.h"

#include <locale.h>
#include <pthread.h>
#include <string.h>
#include <wctype.h>

#include "codec_internal.h"

/* ---- UTF-8 ---------------------------------------------------------------- */

/* A code point value no valid character has: invalid bytes decode to
 * INVALID_BASE + byte, so they compare equal only to the same byte. */
#define INVALID_BASE 0x110000

/* Decodes the sequence at p (< e) into *cp and returns its length. Rejects
 * overlong forms, surrogates and values past U+10FFFF. */
static int utf8_next(const unsigned char *p, const unsigned char *e, int32_t *cp) {
    unsigned char b = p[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    int n;
    int32_t v, min;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
        v = b & 0x1F;
        min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        v = b & 0x0F;
        min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        v = b & 0x07;
        min = 0x10000;
    } else {
        *cp = INVALID_BASE + b;
        return 1;
    }
    if (e - p < n) {
        *cp = INVALID_BASE + b;
        return 1;
    }
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = INVALID_BASE + b;
            return 1;
        }
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = INVALID_BASE + b;
        return 1;
    }
    *cp = v;
    return n;
}

static int utf8_len(int32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

static inline char *utf8_put(char *o, int32_t cp) { return sqlkc_rti_put_utf8(o, (uint32_t)cp); }

/* ---- LIKE ----------------------------------------------------------------- */

enum { PT_LIT, PT_ONE, PT_ANY, PT_BAD };

/* Reads one pattern element at *pi: a literal code point, '_' or '%'. */
static int pattern_next(const unsigned char **pi, const unsigned char *pe, int escape,
                        int32_t *cp) {
    int k = utf8_next(*pi, pe, cp);
    *pi += k;
    if (escape >= 0 && *cp == escape) {
        if (*pi == pe)
            return PT_BAD;
        k = utf8_next(*pi, pe, cp);
        if (*cp != '_' && *cp != '%' && *cp != escape)
            return PT_BAD;
        *pi += k;
        return PT_LIT;
    }
    if (*cp == '%')
        return PT_ANY;
    return *cp == '_' ? PT_ONE : PT_LIT;
}

static bool is_line_terminator(int32_t cp) {
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

int sqlkc_rt_like_check(sqlkc_rt_str_t pattern, int escape, size_t *at) {
    const unsigned char *p0 = (const unsigned char *)pattern.p, *p = p0, *e = p0 + pattern.n;
    while (p < e) {
        const unsigned char *start = p;
        int32_t cp;
        if (pattern_next(&p, e, escape, &cp) == PT_BAD) {
            if (at)
                *at = (size_t)(start - p0);
            return -1;
        }
    }
    return 0;
}

/* Greedy matching that, on a mismatch, retries from the last '%' with one
 * more code point swallowed: O(len(s) * len(pattern)) at worst, no
 * recursion, no regex compilation per row. */
bool sqlkc_rt_like(sqlkc_rt_str_t s, sqlkc_rt_str_t pattern, int escape) {
    const unsigned char *si = (const unsigned char *)s.p, *se = si + s.n;
    const unsigned char *pi = (const unsigned char *)pattern.p, *pe = pi + pattern.n;
    const unsigned char *star_p = NULL, *star_s = NULL;
    for (;;) {
        if (pi < pe) {
            int32_t pcp, scp;
            const unsigned char *pnext = pi;
            int kind = pattern_next(&pnext, pe, escape, &pcp);
            if (kind == PT_BAD)
                return false;
            if (kind == PT_ANY) {
                pi = pnext;
                star_p = pi;
                star_s = si;
                continue;
            }
            if (si < se) {
                int k = utf8_next(si, se, &scp);
                if (kind == PT_ONE ? !is_line_terminator(scp) : scp == pcp) {
                    si += k;
                    pi = pnext;
                    continue;
                }
            }
        } else if (si == se) {
            return true;
        }
        /* mismatch: let the last '%' take one more code point */
        if (!star_p || star_s == se)
            return false;
        int32_t skipped;
        star_s += utf8_next(star_s, se, &skipped);
        si = star_s;
        pi = star_p;
    }
}

/* ---- UPPER / LOWER -------------------------------------------------------- */

static locale_t utf8_locale;
static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;

static void utf8_locale_init(void) {
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* The C library's simple mapping for what the tables below do not cover. */
static int32_t libc_case(int32_t cp, bool upper) {
    pthread_once(&utf8_locale_once, utf8_locale_init);
    if (!utf8_locale)
        return cp;
    wint_t r = upper ? towupper_l((wint_t)cp, utf8_locale) : towlower_l((wint_t)cp, utf8_locale);
    return (int32_t)r;
}

/* Java's Character.toUpperCase plus String.toUpperCase's special cases
 * for the common scripts; writes 1-3 code points to out. */
static int upper_cp(int32_t c, int32_t out[3]) {
    out[0] = c;
    if (c < 0x80) {
        if (c >= 'a' && c <= 'z')
            out[0] = c - 32;
    } else if (c < 0x100) {
        if (c == 0xDF) { /* ß */
            out[0] = out[1] = 'S';
            return 2;
        }
        if (c == 0xB5)
            out[0] = 0x39C;
        else if (c == 0xFF)
            out[0] = 0x178;
        else if (c >= 0xE0 && c != 0xF7)
            out[0] = c - 32;
    } else if (c < 0x180) {
        if (c == 0x131)
            out[0] = 'I';
        else if (c == 0x149) { /* ŉ */
            out[0] = 0x2BC;
            out[1] = 'N';
            return 2;
        } else if (c == 0x17F)
            out[0] = 'S';
        else if ((c < 0x138 && c != 0x130) || (c >= 0x14A && c < 0x178))
            out[0] = c & 1 ? c - 1 : c;
        else if ((c >= 0x139 && c < 0x149) || (c >= 0x179 && c < 0x17F))
            out[0] = c & 1 ? c : c - 1;
    } else if (c >= 0x370 && c < 0x400) {
        if (c == 0x390 || c == 0x3B0) { /* ΐ ΰ */
            out[0] = c == 0x390 ? 0x399 : 0x3A5;
            out[1] = 0x308;
            out[2] = 0x301;
            return 3;
        }
        if (c == 0x3AC)
            out[0] = 0x386;
        else if (c >= 0x3AD && c <= 0x3AF)
            out[0] = c - 37;
        else if (c == 0x3C2)
            out[0] = 0x3A3;
        else if (c >= 0x3B1 && c <= 0x3CB)
            out[0] = c - 32;
        else if (c == 0x3CC)
            out[0] = 0x38C;
        else if (c == 0x3CD || c == 0x3CE)
            out[0] = c - 63;
        else if (c < 0x386 || c > 0x3AB) /* capitals need no lookup */
            out[0] = libc_case(c, true);
    } else if (c >= 0x400 && c < 0x530) {
        if (c >= 0x430 && c <= 0x44F)
            out[0] = c - 32;
        else if (c >= 0x450 && c <= 0x45F)
            out[0] = c - 80;
        else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
                 (c >= 0x4D0 && c < 0x530))
            out[0] = c & 1 ? c - 1 : c;
        else if (c >= 0x4C1 && c <= 0x4CE)
            out[0] = c & 1 ? c : c - 1;
        else if (c == 0x4CF)
            out[0] = 0x4C0;
    } else if (c < INVALID_BASE) {
        /* String.toUpperCase's unconditional SpecialCasing entries outside
         * the blocks above (not the Greek iota-subscript forms) */
        static const struct {
            int32_t from, to[3];
        } special[] = {
            {0x1F0, {'J', 0x30C, 0}},  {0x587, {0x535, 0x552, 0}}, {0x1E96, {'H', 0x331, 0}},
            {0x1E97, {'T', 0x308, 0}}, {0x1E98, {'W', 0x30A, 0}},  {0x1E99, {'Y', 0x30A, 0}},
            {0x1E9A, {'A', 0x2BE, 0}}, {0xFB00, {'F', 'F', 0}},    {0xFB01, {'F', 'I', 0}},
            {0xFB02, {'F', 'L', 0}},   {0xFB03, {'F', 'F', 'I'}},  {0xFB04, {'F', 'F', 'L'}},
            {0xFB05, {'S', 'T', 0}},   {0xFB06, {'S', 'T', 0}},
        };
        for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
            if (special[i].from == c) {
                int n = 0;
                for (; n < 3 && special[i].to[n]; n++)
                    out[n] = special[i].to[n];
                return n;
            }
        }
        out[0] = libc_case(c, true);
    }
    return 1;
}

static bool is_cased(int32_t c);

/* Java's Character.toLowerCase plus String.toLowerCase's special cases.
 * Σ needs its neighbours: `prev_cased` and `next_cased` describe them. */
static int lower_cp(int32_t c, bool prev_cased, bool next_cased, int32_t out[2]) {
    out[0] = c;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            out[0] = c + 32;
    } else if (c < 0x100) {
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
            out[0] = c + 32;
    } else if (c < 0x180) {
        if (c == 0x130) { /* İ -> i + combining dot above */
            out[0] = 'i';
            out[1] = 0x307;
            return 2;
        }
        if (c == 0x178)
            out[0] = 0xFF;
        else if ((c < 0x138 && c != 0x131) || (c >= 0x14A && c < 0x178))
            out[0] = c & 1 ? c : c + 1;
        else if ((c >= 0x139 && c < 0x149) || (c >= 0x179 && c < 0x17F))
            out[0] = c & 1 ? c + 1 : c;
    } else if (c >= 0x370 && c < 0x400) {
        if (c == 0x3A3) /* final sigma: a cased letter before, none after */
            out[0] = prev_cased && !next_cased ? 0x3C2 : 0x3C3;
        else if (c == 0x386)
            out[0] = 0x3AC;
        else if (c >= 0x388 && c <= 0x38A)
            out[0] = c + 37;
        else if (c == 0x38C)
            out[0] = 0x3CC;
        else if (c == 0x38E || c == 0x38F)
            out[0] = c + 63;
        else if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
            out[0] = c + 32;
        else if (c < 0x3AC || c > 0x3CE) /* small letters need no lookup */
            out[0] = libc_case(c, false);
    } else if (c >= 0x400 && c < 0x530) {
        if (c >= 0x410 && c <= 0x42F)
            out[0] = c + 32;
        else if (c >= 0x400 && c <= 0x40F)
            out[0] = c + 80;
        else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
                 (c >= 0x4D0 && c < 0x530))
            out[0] = c & 1 ? c : c + 1;
        else if (c >= 0x4C1 && c <= 0x4CE)
            out[0] = c & 1 ? c + 1 : c;
        else if (c == 0x4C0)
            out[0] = 0x4CF;
    } else if (c < INVALID_BASE) {
        out[0] = libc_case(c, false);
    }
    return 1;
}

/* Letters that have case, for the final-sigma rule (an approximation of
 * Java's word-boundary test: only the adjacent code points are looked
 * at). */
static bool is_cased(int32_t c) {
    if (c >= INVALID_BASE)
        return false;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    if (c < 0x80)
        return false;
    int32_t u[3], l[2];
    return upper_cp(c, u) > 1 || u[0] != c || lower_cp(c, false, false, l) > 1 || l[0] != c;
}

/* Maps s into alloc'd memory; two passes (size, then write) keep the
 * allocation exact. */
static sqlkc_rt_str_t map_case(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s, bool upper) {
    const unsigned char *b = (const unsigned char *)s.p, *e = b + s.n;
    /* ASCII: same length, and the input is returned when nothing changes */
    size_t i = 0, first_change = s.n;
    for (; i < s.n && b[i] < 0x80; i++)
        if (first_change == s.n &&
            (upper ? b[i] >= 'a' && b[i] <= 'z' : b[i] >= 'A' && b[i] <= 'Z'))
            first_change = i;
    if (i == s.n) {
        if (first_change == s.n)
            return s;
        char *o = alloc(arg, s.n);
        for (size_t k = 0; k < s.n; k++) {
            char ch = (char)b[k];
            if (upper ? ch >= 'a' && ch <= 'z' : ch >= 'A' && ch <= 'Z')
                ch ^= 0x20;
            o[k] = ch;
        }
        return (sqlkc_rt_str_t){o, s.n};
    }
    char *out = NULL;
    for (int pass = 0; pass < 2; pass++) {
        size_t len = 0;
        bool changed = false, prev_cased = false;
        const unsigned char *p = b;
        while (p < e) {
            int32_t cp, m[3];
            int k = utf8_next(p, e, &cp), nm;
            if (upper) {
                nm = upper_cp(cp, m);
            } else {
                bool next_cased = false;
                if (cp == 0x3A3 && p + k < e) {
                    int32_t nx;
                    utf8_next(p + k, e, &nx);
                    next_cased = is_cased(nx);
                }
                nm = lower_cp(cp, prev_cased, next_cased, m);
                prev_cased = is_cased(cp);
            }
            if (nm == 1 && m[0] == cp) { /* unchanged, including invalid bytes */
                if (out)
                    memcpy(out + len, p, (size_t)k);
                len += (size_t)k;
            } else {
                changed = true;
                for (int j = 0; j < nm; j++) {
                    if (out)
                        utf8_put(out + len, m[j]);
                    len += (size_t)utf8_len(m[j]);
                }
            }
            p += k;
        }
        if (pass == 0) {
            if (!changed)
                return s;
            out = alloc(arg, len);
        } else {
            return (sqlkc_rt_str_t){out, len};
        }
    }
    return s; /* not reached */
}

sqlkc_rt_str_t sqlkc_rt_upper(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s) {
    return map_case(alloc, arg, s, true);
}

sqlkc_rt_str_t sqlkc_rt_lower(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s) {
    return map_case(alloc, arg, s, false);
}

/* BinaryStringData.numBytesForFirstByte: the lead byte alone decides */
static size_t char_bytes(unsigned char c) {
    if (c < 0x80)
        return 1;
    if ((c >> 5) == 6 && (c & 0x1E))
        return 2;
    if ((c >> 4) == 14)
        return 3;
    if ((c >> 3) == 30)
        return 4;
    return 1;
}

int32_t sqlkc_rt_char_length(sqlkc_rt_str_t s) {
    const unsigned char *b = (const unsigned char *)s.p;
    int32_t count = 0;
    for (size_t i = 0; i < s.n; count++)
        i += char_bytes(b[i]);
    return count;
}

sqlkc_rt_str_t sqlkc_rt_trim_pad(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s, int32_t n, bool pad) {
    const unsigned char *b = (const unsigned char *)s.p;
    size_t i = 0;
    int32_t chars = 0;
    while (i < s.n && chars < n) {
        i += char_bytes(b[i]);
        chars++;
    }
    if (i > s.n) /* a truncated sequence at the end counts as one code point */
        i = s.n;
    if (i < s.n || !pad || chars >= n)
        return (sqlkc_rt_str_t){s.p, i};
    size_t len = i + (size_t)(n - chars);
    char *out = alloc(arg, len);
    if (i)
        memcpy(out, s.p, i);
    memset(out + i, ' ', len - i);
    return (sqlkc_rt_str_t){out, len};
}

/* ---- CAST parsers --------------------------------------------------------- */

/* BinaryStringData.trim(): spaces only. */
static void trim_spaces(const char **p, size_t *n) {
    const char *s = *p, *e = s + *n;
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    *p = s;
    *n = (size_t)(e - s);
}

/* BinaryStringDataUtil.toLong/toInt: digits up to an optional '.', whose
 * fraction must be digits and is dropped. */
static int flink_to_long(sqlkc_rt_str_t s, int64_t min, int64_t max, int64_t *out) {
    const char *p = s.p;
    size_t n = s.n;
    trim_spaces(&p, &n);
    const char *e = p + n;
    if (n == 0)
        return -1;
    bool neg = *p == '-';
    if (neg || *p == '+') {
        p++;
        if (n == 1)
            return -1;
    }
    uint64_t limit = neg ? (uint64_t)0 - (uint64_t)min : (uint64_t)max, v = 0;
    for (; p < e && *p != '.'; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        unsigned d = (unsigned)(*p - '0');
        if (d > limit || v > (limit - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (p < e)
        for (p++; p < e; p++)
            if (*p < '0' || *p > '9')
                return -1;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

int sqlkc_rt_parse_i64(sqlkc_rt_str_t s, int64_t *out) {
    return flink_to_long(s, INT64_MIN, INT64_MAX, out);
}

int sqlkc_rt_parse_i32(sqlkc_rt_str_t s, int32_t *out) {
    int64_t v;
    if (flink_to_long(s, INT32_MIN, INT32_MAX, &v) < 0)
        return -1;
    *out = (int32_t)v;
    return 0;
}

int sqlkc_rt_parse_i16(sqlkc_rt_str_t s, int16_t *out) {
    int64_t v;
    if (flink_to_long(s, INT16_MIN, INT16_MAX, &v) < 0)
        return -1;
    *out = (int16_t)v;
    return 0;
}

int sqlkc_rt_parse_i8(sqlkc_rt_str_t s, int8_t *out) {
    int64_t v;
    if (flink_to_long(s, INT8_MIN, INT8_MAX, &v) < 0)
        return -1;
    *out = (int8_t)v;
    return 0;
}

int sqlkc_rt_parse_double(sqlkc_rt_str_t s, double *out) {
    return sqlkc_rti_java_parse_double(s.p, s.n, out);
}

int sqlkc_rt_parse_float(sqlkc_rt_str_t s, float *out) {
    return sqlkc_rti_java_parse_float(s.p, s.n, out);
}

int sqlkc_rt_parse_bool(sqlkc_rt_str_t s, bool *out) {
    static const char *const truths[] = {"t", "true", "y", "yes", "1"};
    static const char *const lies[] = {"f", "false", "n", "no", "0"};
    const char *p = s.p;
    size_t n = s.n;
    trim_spaces(&p, &n);
    if (n == 0 || n > 5)
        return -1;
    char low[6];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
    low[n] = 0;
    for (size_t i = 0; i < 5; i++) {
        if (strcmp(low, truths[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcmp(low, lies[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

int sqlkc_rt_parse_decimal(sqlkc_rt_str_t s, sqlkc_rt_dec_t *out, int precision, int scale) {
    const char *p = s.p, *e = p + s.n;
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\t'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
        e--;
    return sqlkc_rti_parse_decimal(p, (size_t)(e - p), precision, scale, out);
}
