/* This file parses numbers the way Java does (Double.parseDouble,
 * Long.parseLong, new BigDecimal) for the JSON decoder and for CAST: the
 * grammar is checked here, the correctly rounded conversion is left to the
 * C library. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codec_internal.h"

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static inline bool is_xdigit(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *digits_end(const char *p, const char *e) {
    while (p < e && is_digit(*p))
        p++;
    return p;
}

/* Checks the FloatingDecimal.readJavaFormatString grammar on trimmed text.
 * Returns 1 for a number (its length without the f/F/d/D suffix in *len),
 * 2 for NaN, 3 for +Infinity, 4 for -Infinity, -1 if malformed. */
static int java_float_syntax(const char *p, size_t n, size_t *len) {
    const char *s = p, *e = p + n;
    bool neg = false;
    if (s < e && (*s == '+' || *s == '-'))
        neg = *s++ == '-';
    size_t rest = (size_t)(e - s);
    if (rest == 3 && memcmp(s, "NaN", 3) == 0)
        return 2;
    if (rest == 8 && memcmp(s, "Infinity", 8) == 0)
        return neg ? 4 : 3;
    if (e - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        /* 0x<hex>[.<hex>]p<exp>: the binary exponent is mandatory */
        s += 2;
        const char *h = s;
        while (s < e && is_xdigit(*s))
            s++;
        bool any = s > h;
        if (s < e && *s == '.') {
            const char *f = ++s;
            while (s < e && is_xdigit(*s))
                s++;
            any = any || s > f;
        }
        if (!any || s == e || (*s != 'p' && *s != 'P'))
            return -1;
        s++;
        if (s < e && (*s == '+' || *s == '-'))
            s++;
        const char *x = s;
        s = digits_end(s, e);
        if (s == x)
            return -1;
    } else {
        const char *d = s;
        s = digits_end(s, e);
        bool any = s > d;
        if (s < e && *s == '.') {
            const char *f = ++s;
            s = digits_end(s, e);
            any = any || s > f;
        }
        if (!any)
            return -1;
        if (s < e && (*s == 'e' || *s == 'E')) {
            s++;
            if (s < e && (*s == '+' || *s == '-'))
                s++;
            const char *x = s;
            s = digits_end(s, e);
            if (s == x)
                return -1;
        }
    }
    *len = (size_t)(s - p);
    if (s == e)
        return 1;
    if (e - s == 1 && (*s == 'f' || *s == 'F' || *s == 'd' || *s == 'D'))
        return 1;
    return -1;
}

/* Clinger's fast path: a decimal whose digits form an integer w that is
 * exact in the target type and whose power of ten is exact too converts
 * with one correctly rounded IEEE multiplication or division. Most JSON
 * numbers qualify; false sends the rest to strtod. `p` is validated
 * decimal syntax (no hex, no NaN). */
/* w * 10^exp10 correctly rounded to a double for a mantissa of up to 19
 * digits, where Clinger's fast path does not apply (w above 2^53): on x87
 * the 64-bit-mantissa long double holds w and 10^|exp10| (|exp10| <= 27)
 * exactly, so the product or quotient carries one rounding error of at most
 * half a unit in its 64th bit. Rounding that to 53 bits is then the correct
 * rounding of the exact value unless the 11 dropped bits lie within one unit
 * of the halfway point; those cases, and every other platform, go to strtod. */
static bool extended_decimal(uint64_t w, int exp10, bool neg, double *d) {
#if (defined(__x86_64__) || defined(__i386__)) && LDBL_MANT_DIG == 64
    if (exp10 < -27 || exp10 > 27)
        return false;
    /* exact: 10^27 needs 63 bits of mantissa */
    static const long double p10l[28] = {
        1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
        1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};
    long double p = p10l[exp10 < 0 ? -exp10 : exp10];
    long double r = exp10 < 0 ? (long double)w / p : (long double)w * p;
    uint64_t mant;
    memcpy(&mant, &r, sizeof mant); /* x87: the explicit 64-bit mantissa comes first */
    unsigned low = (unsigned)(mant & 0x7ff);
    if (low >= 0x3ff && low <= 0x401)
        return false;
    double v = (double)r;
    *d = neg ? -v : v;
    return true;
#else
    (void)w;
    (void)exp10;
    (void)neg;
    (void)d;
    return false;
#endif
}

static bool fast_decimal(const char *p, size_t n, bool want_float, double *d, float *f) {
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *e = p + n;
    bool neg = false;
    if (p < e && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    uint64_t w = 0;
    int nd = 0, exp10 = 0;
    bool point = false;
    for (; p < e; p++) {
        if (*p == '.') {
            point = true;
            continue;
        }
        if (!is_digit(*p))
            break;
        if (w || *p != '0') {
            if (++nd > 19)
                return false;
            w = w * 10 + (uint64_t)(*p - '0');
        }
        exp10 -= point;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (*p == '+' || *p == '-')
            eneg = *p++ == '-';
        int x = 0;
        for (; p < e && is_digit(*p); p++)
            if ((x = x * 10 + (*p - '0')) > 1000)
                return false;
        exp10 += eneg ? -x : x;
    }
    /* p may stop at an f/F/d/D suffix; the syntax was checked before */
    if (w == 0) {
        if (want_float)
            *f = neg ? -0.0f : 0.0f;
        else
            *d = neg ? -0.0 : 0.0;
        return true;
    }
    if (want_float) {
        if (w > (1u << 24) || exp10 < -10 || exp10 > 10)
            return false;
        float v = (float)w, s = (float)p10[exp10 < 0 ? -exp10 : exp10];
        v = exp10 < 0 ? v / s : v * s;
        *f = neg ? -v : v;
        return true;
    }
    if (w > (1ull << 53) || exp10 < -22 || exp10 > 22)
        return extended_decimal(w, exp10, neg, d);
    double v = exp10 < 0 ? (double)w / p10[-exp10] : (double)w * p10[exp10];
    *d = neg ? -v : v;
    return true;
}

/* Shared body of the two parsers: strtod/strtof need a NUL-terminated copy
 * because the input is a slice of a message. */
static int java_parse(const char *p, size_t n, double *d, float *f) {
    sqlkc_rti_java_trim(&p, &n);
    size_t len = 0;
    int kind = java_float_syntax(p, n, &len);
    if (kind < 0)
        return -1;
    if (kind > 1) {
        double v = kind == 2 ? NAN : kind == 3 ? INFINITY : -INFINITY;
        if (d)
            *d = v;
        else
            *f = (float)v;
        return 0;
    }
    bool hex = false;
    for (size_t i = 0; i < len && i < 3; i++)
        hex |= p[i] == 'x' || p[i] == 'X';
    if (!hex && fast_decimal(p, len, d == NULL, d, f))
        return 0;
    char stack[128];
    char *tmp = len < sizeof stack ? stack : malloc(len + 1);
    if (!tmp)
        return -1;
    memcpy(tmp, p, len);
    tmp[len] = 0;
    if (d)
        *d = strtod(tmp, NULL);
    else
        *f = strtof(tmp, NULL);
    if (tmp != stack)
        free(tmp);
    return 0;
}

int sqlkc_rti_json_number_double(const char *p, size_t n, double *out) {
    /* a JSON number token is already valid Java syntax, with nothing to trim */
    if (fast_decimal(p, n, false, out, NULL))
        return 0;
    return java_parse(p, n, out, NULL);
}

int sqlkc_rti_java_parse_double(const char *p, size_t n, double *out) {
    return java_parse(p, n, out, NULL);
}

int sqlkc_rti_java_parse_float(const char *p, size_t n, float *out) {
    return java_parse(p, n, NULL, out);
}

int sqlkc_rti_java_parse_long(const char *p, size_t n, int64_t min, int64_t max, int64_t *out) {
    const char *e = p + n;
    bool neg = false;
    if (p < e && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (p == e)
        return -1;
    /* accumulate the magnitude unsigned: |INT64_MIN| does not fit int64 */
    uint64_t limit = neg ? (uint64_t)0 - (uint64_t)min : (uint64_t)max;
    uint64_t v = 0;
    if (e - p <= 18) { /* cannot overflow 64 bits: check the range once */
        for (; p < e; p++) {
            if (!is_digit(*p))
                return -1;
            v = v * 10 + (unsigned)(*p - '0');
        }
        if (v > limit)
            return -1;
        *out = neg ? (int64_t)(0 - v) : (int64_t)v;
        return 0;
    }
    for (; p < e; p++) {
        if (!is_digit(*p))
            return -1;
        unsigned dig = (unsigned)(*p - '0');
        if (dig > limit || v > (limit - dig) / 10)
            return -1;
        v = v * 10 + dig;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

int sqlkc_rti_parse_decimal(const char *p, size_t n, int precision, int scale,
                            sqlkc_rt_dec_t *out) {
    const char *e = p + n;
    bool neg = false;
    if (precision > 38) /* DECIMAL's maximum; also what fits in 128 bits */
        precision = 38;
    if (p < e && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    /* Only the first 40 significant digits matter: more than `precision`
     * (<= 38) integral digits is an overflow either way, and rounding looks
     * at one digit past the kept ones. */
    char sig[40];
    int64_t nsig = 0, fraclen = 0;
    bool any = false, point = false;
    for (; p < e; p++) {
        char ch = *p;
        if (is_digit(ch)) {
            any = true;
            if (point)
                fraclen++;
            if (nsig > 0 || ch != '0') {
                if (nsig < (int64_t)sizeof sig)
                    sig[nsig] = ch;
                nsig++;
            }
        } else if (ch == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any)
        return -1;
    int64_t exp = 0;
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < e && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        if (p == e || !is_digit(*p))
            return -1;
        for (; p < e && is_digit(*p); p++) {
            exp = exp * 10 + (*p - '0');
            if (exp > INT32_MAX) /* BigDecimal: exponent overflow */
                return -1;
        }
        if (eneg)
            exp = -exp;
    }
    if (p != e)
        return -1;
    if (fraclen - exp > INT32_MAX || fraclen - exp < INT32_MIN) /* "Scale out of range" */
        return -1;
    if (nsig == 0) {
        *out = 0;
        return 1;
    }
    int64_t k = exp - fraclen + scale; /* unscaled = digits * 10^k */
    unsigned __int128 u = 0;
    if (k >= 0) {
        if (nsig + k > precision)
            return 0;
        for (int64_t i = 0; i < nsig; i++)
            u = u * 10 + (unsigned)(sig[i] - '0');
        for (int64_t i = 0; i < k; i++)
            u *= 10;
    } else {
        int64_t keep = nsig + k;
        if (keep > precision)
            return 0;
        if (keep >= 0) {
            for (int64_t i = 0; i < keep; i++)
                u = u * 10 + (unsigned)(sig[i] - '0');
            if (sig[keep] >= '5') /* HALF_UP: the first dropped digit decides */
                u++;
            unsigned __int128 lim = 1;
            for (int i = 0; i < precision; i++)
                lim *= 10;
            if (u >= lim)
                return 0;
        }
    }
    *out = neg ? -(sqlkc_rt_dec_t)u : (sqlkc_rt_dec_t)u;
    return 1;
}
