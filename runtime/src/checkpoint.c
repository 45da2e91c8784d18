/* This file writes and reads checkpoints: the state of every stateful
 * operator and the source positions, in one file per checkpoint in the
 * state directory, written to a temporary name, fsync'd, renamed and the
 * directory fsync'd, so that a checkpoint file is either whole or absent;
 * the last N are kept (state.checkpoints.num-retained). On start the newest
 * file whose checksum, header and state layout are right is restored; a
 * damaged one is reported by name and the one before it is tried.
 *
 * The format, version 1. All integers little-endian; "str" is a u32 length
 * and that many bytes.
 *
 *   offset size
 *   0      8    magic "SQLKCCKP"
 *   8      4    format version (1)
 *   12     4    flags (0)
 *   16     8    checkpoint number (1, 2, ... per state directory)
 *   24     8    when it was written, ms since the epoch
 *   32     8    fingerprint: FNV-1a 64 over the state layout below
 *   40     str  the job's name
 *          u32  number of stateful operators, then for each:
 *          str  its name (what the job calls it: "GroupAggregate 2 (INSERT INTO t)")
 *          str  its state layout (key and value fields, as `sqlkc explain` shows them)
 *   then sections, each a u32 kind and its body:
 *     kind 1, source positions: u32 count, then per partition: str source table,
 *             str topic, u32 partition, i64 the next offset to read
 *     kind 2, an operator's state: str the operator's name, then what its
 *             generated snapshot function wrote, field by field
 *     kind 3, the index: u32 number of operators, then per operator of the
 *             header, in its order: u64 offset of its state (after the name),
 *             u64 offset of its end
 *   trailer: u64 offset of the index section, u32 kind 0, then u32 CRC-32C
 *            of every byte before the CRC
 *
 * The index lets a restore read the state of some operators and skip the
 * others (an operator the job no longer has, with --allow-non-restored-state).
 *
 * A checkpoint is the state after every record before the positions was
 * processed and everything it produced was acknowledged by Kafka: the job
 * writes it after flushing, and commits the positions to the group after. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ckpt_internal.h"
#include "sqlkc/ckpt.h"

#define CKPT_MAGIC "SQLKCCKP"
#define CKPT_VERSION 1u
#define CKPT_SUFFIX ".ckpt"
#define CKPT_PREFIX "chk-"
#define WBUF_SIZE (1u << 20)

enum { SEC_END = 0, SEC_OFFSETS = 1, SEC_STATE = 2, SEC_INDEX = 3 };
#define TRAILER_SIZE 16

struct sqlkc_rt_ckpt {
    /* writing */
    int fd;
    unsigned char *wbuf;
    size_t wlen;
    uint32_t crc;
    bool werr;      /* a write failed: errno in werrno */
    int werrno;
    uint64_t written;
    char *tmp_path, *path;
    uint64_t (*ops_at)[2]; /* where each operator's state starts and ends */
    size_t nops, cur_op;
    /* reading */
    const unsigned char *data;
    size_t size, pos;
    size_t sec_end; /* 0: reads may go to the end of the file */
    uint64_t index_at;
    char op[256]; /* the operator whose state is being read */
    rt_ckpt_op_t *hops; /* the header's operators, with where their state is */
    size_t nhops;
};

/* ---- CRC-32C (Castagnoli), slicing by 8 ---- */

static uint32_t crc_table[8][256];

static void crc_init(void)
{
    if (crc_table[0][1])
        return;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xFF];
}

uint32_t rt_crc32c(uint32_t crc, const void *data, size_t n)
{
    const unsigned char *p = data;
    crc_init();
    crc = ~crc;
    while (n >= 8) {
        uint32_t lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        lo ^= crc;
        crc = crc_table[7][lo & 0xFF] ^ crc_table[6][(lo >> 8) & 0xFF] ^ crc_table[5][(lo >> 16) & 0xFF] ^
              crc_table[4][lo >> 24] ^ crc_table[3][hi & 0xFF] ^ crc_table[2][(hi >> 8) & 0xFF] ^
              crc_table[1][(hi >> 16) & 0xFF] ^ crc_table[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = crc_table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

uint64_t rt_fnv1a64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* The fingerprint of a job's state layout: what a checkpoint must match. */
uint64_t rt_ckpt_fingerprint(const sqlkc_rt_job_def_t *def)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < def->nstate_ops; i++) {
        const char *n = def->state_ops[i].name, *l = def->state_ops[i].layout;
        h = rt_fnv1a64(h, n, strlen(n) + 1);
        h = rt_fnv1a64(h, l, strlen(l) + 1);
    }
    return h;
}

/* ---- writing ---- */

static void wflush(sqlkc_rt_ckpt_t *c)
{
    size_t off = 0;
    while (!c->werr && off < c->wlen) {
        ssize_t k = write(c->fd, c->wbuf + off, c->wlen - off);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            c->werr = true;
            c->werrno = errno;
            break;
        }
        off += (size_t)k;
    }
    c->wlen = 0;
}

static void wraw(sqlkc_rt_ckpt_t *c, const void *p, size_t n)
{
    if (c->werr || !n)
        return;
    c->crc = rt_crc32c(c->crc, p, n);
    c->written += n;
    const unsigned char *s = p;
    while (n) {
        size_t room = WBUF_SIZE - c->wlen, k = n < room ? n : room;
        memcpy(c->wbuf + c->wlen, s, k);
        c->wlen += k;
        s += k;
        n -= k;
        if (c->wlen == WBUF_SIZE)
            wflush(c);
    }
}

static void le(unsigned char *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

void sqlkc_rt_ckpt_put_u8(sqlkc_rt_ckpt_t *c, uint8_t v) { wraw(c, &v, 1); }

void sqlkc_rt_ckpt_put_u32(sqlkc_rt_ckpt_t *c, uint32_t v)
{
    unsigned char b[4];
    le(b, v, 4);
    wraw(c, b, 4);
}

void sqlkc_rt_ckpt_put_u64(sqlkc_rt_ckpt_t *c, uint64_t v)
{
    unsigned char b[8];
    le(b, v, 8);
    wraw(c, b, 8);
}

void sqlkc_rt_ckpt_put_f64(sqlkc_rt_ckpt_t *c, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    sqlkc_rt_ckpt_put_u64(c, u);
}

void sqlkc_rt_ckpt_put_f32(sqlkc_rt_ckpt_t *c, float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    sqlkc_rt_ckpt_put_u32(c, u);
}

void sqlkc_rt_ckpt_put_i128(sqlkc_rt_ckpt_t *c, __int128 v)
{
    unsigned __int128 u = (unsigned __int128)v;
    sqlkc_rt_ckpt_put_u64(c, (uint64_t)u);
    sqlkc_rt_ckpt_put_u64(c, (uint64_t)(u >> 64));
}

void sqlkc_rt_ckpt_put_bytes(sqlkc_rt_ckpt_t *c, const void *p, size_t n)
{
    sqlkc_rt_ckpt_put_u32(c, (uint32_t)n);
    wraw(c, p, n);
}

static void put_str(sqlkc_rt_ckpt_t *c, const char *s) { sqlkc_rt_ckpt_put_bytes(c, s, strlen(s)); }

void sqlkc_rt_ckpt_put_pairs(sqlkc_rt_ckpt_t *c, const sqlkc_rt_pairs_t *m)
{
    sqlkc_rt_ckpt_put_u64(c, sqlkc_rt_pairs_count(m));
    size_t i = 0;
    uint64_t a, b;
    int64_t n;
    while (sqlkc_rt_pairs_next(m, &i, &a, &b, &n)) {
        unsigned char buf[24];
        le(buf, a, 8);
        le(buf + 8, b, 8);
        le(buf + 16, (uint64_t)n, 8);
        wraw(c, buf, 24);
    }
}

void sqlkc_rt_ckpt_put_mset(sqlkc_rt_ckpt_t *c, const sqlkc_rt_mset_t *s)
{
    size_t n = sqlkc_rt_mset_count(s);
    sqlkc_rt_ckpt_put_u32(c, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        uint64_t hi, lo;
        int64_t count;
        sqlkc_rt_mset_at(s, i, &hi, &lo, &count);
        sqlkc_rt_ckpt_put_u64(c, hi);
        sqlkc_rt_ckpt_put_u64(c, lo);
        sqlkc_rt_ckpt_put_i64(c, count);
    }
}

static void begin_section(sqlkc_rt_ckpt_t *c, uint32_t kind)
{
    sqlkc_rt_ckpt_put_u32(c, kind);
}

void rt_ckpt_begin_op(sqlkc_rt_ckpt_t *c, size_t i, const char *name)
{
    begin_section(c, SEC_STATE);
    put_str(c, name);
    c->cur_op = i;
    if (i < c->nops)
        c->ops_at[i][0] = c->written;
}

void rt_ckpt_end_op(sqlkc_rt_ckpt_t *c)
{
    if (c->cur_op < c->nops)
        c->ops_at[c->cur_op][1] = c->written;
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) {
        fputs("sqlkc runtime: out of memory\n", stderr);
        abort();
    }
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

sqlkc_rt_ckpt_t *rt_ckpt_create(const char *dir, uint64_t seq, const sqlkc_rt_job_def_t *def, char *err,
                                size_t errcap)
{
    char name[64];
    snprintf(name, sizeof name, CKPT_PREFIX "%020" PRIu64 CKPT_SUFFIX, seq);
    sqlkc_rt_ckpt_t *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    c->path = path_join(dir, name);
    c->tmp_path = malloc(strlen(c->path) + 8);
    if (c->tmp_path)
        sprintf(c->tmp_path, "%s.tmp", c->path);
    c->wbuf = malloc(WBUF_SIZE);
    c->nops = def->nstate_ops;
    c->ops_at = calloc(c->nops ? c->nops : 1, sizeof *c->ops_at);
    if (!c->tmp_path || !c->wbuf || !c->ops_at) {
        snprintf(err, errcap, "out of memory");
        rt_ckpt_discard(c);
        return NULL;
    }
    c->fd = open(c->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (c->fd < 0) {
        snprintf(err, errcap, "cannot create %s: %s", c->tmp_path, strerror(errno));
        free(c->ops_at);
        free(c->wbuf);
        free(c->tmp_path);
        free(c->path);
        free(c);
        return NULL;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    wraw(c, CKPT_MAGIC, 8);
    sqlkc_rt_ckpt_put_u32(c, CKPT_VERSION);
    sqlkc_rt_ckpt_put_u32(c, 0);
    sqlkc_rt_ckpt_put_u64(c, seq);
    sqlkc_rt_ckpt_put_i64(c, (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000);
    sqlkc_rt_ckpt_put_u64(c, rt_ckpt_fingerprint(def));
    put_str(c, def->name ? def->name : "");
    sqlkc_rt_ckpt_put_u32(c, (uint32_t)def->nstate_ops);
    for (size_t i = 0; i < def->nstate_ops; i++) {
        put_str(c, def->state_ops[i].name);
        put_str(c, def->state_ops[i].layout);
    }
    return c;
}

void rt_ckpt_put_positions(sqlkc_rt_ckpt_t *c, const rt_ckpt_positions_t *pos)
{
    begin_section(c, SEC_OFFSETS);
    sqlkc_rt_ckpt_put_u32(c, (uint32_t)pos->n);
    for (size_t i = 0; i < pos->n; i++) {
        const rt_ckpt_part_t *p = &pos->parts[i];
        put_str(c, p->table);
        put_str(c, p->topic);
        sqlkc_rt_ckpt_put_u32(c, (uint32_t)p->partition);
        sqlkc_rt_ckpt_put_i64(c, p->position);
    }
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static char *dir_of(const char *path)
{
    char *d = strdup(path);
    if (!d)
        return NULL;
    char *slash = strrchr(d, '/');
    if (slash && slash != d)
        *slash = 0;
    else if (slash)
        slash[1] = 0;
    else
        strcpy(d, ".");
    return d;
}

int rt_ckpt_finish(sqlkc_rt_ckpt_t *c, uint64_t *bytes, char *err, size_t errcap)
{
    uint64_t index_at = c->written;
    begin_section(c, SEC_INDEX);
    sqlkc_rt_ckpt_put_u32(c, (uint32_t)c->nops);
    for (size_t i = 0; i < c->nops; i++) {
        sqlkc_rt_ckpt_put_u64(c, c->ops_at[i][0]);
        sqlkc_rt_ckpt_put_u64(c, c->ops_at[i][1]);
    }
    sqlkc_rt_ckpt_put_u64(c, index_at);
    sqlkc_rt_ckpt_put_u32(c, SEC_END);
    uint32_t crc = c->crc;
    unsigned char b[4];
    le(b, crc, 4);
    wraw(c, b, 4);
    wflush(c);
    int rc = 0;
    if (c->werr) {
        snprintf(err, errcap, "writing %s: %s", c->tmp_path, strerror(c->werrno));
        rc = -1;
    } else if (fsync(c->fd) != 0) {
        snprintf(err, errcap, "fsync %s: %s", c->tmp_path, strerror(errno));
        rc = -1;
    }
    if (close(c->fd) != 0 && rc == 0) {
        snprintf(err, errcap, "closing %s: %s", c->tmp_path, strerror(errno));
        rc = -1;
    }
    c->fd = -1;
    if (rc == 0 && rename(c->tmp_path, c->path) != 0) {
        snprintf(err, errcap, "renaming %s: %s", c->tmp_path, strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        char *d = dir_of(c->path);
        if (!d || fsync_dir(d) != 0) {
            snprintf(err, errcap, "fsync of the directory of %s: %s", c->path, strerror(errno));
            rc = -1;
        }
        free(d);
    }
    if (rc != 0)
        unlink(c->tmp_path);
    if (bytes)
        *bytes = c->written;
    free(c->ops_at);
    free(c->wbuf);
    free(c->tmp_path);
    free(c->path);
    free(c);
    return rc;
}

void rt_ckpt_discard(sqlkc_rt_ckpt_t *c)
{
    if (!c)
        return;
    if (c->fd >= 0 && c->tmp_path) {
        close(c->fd);
        unlink(c->tmp_path);
    }
    free(c->ops_at);
    free(c->wbuf);
    free(c->tmp_path);
    free(c->path);
    free(c);
}

/* ---- reading ---- */

static bool rraw(sqlkc_rt_ckpt_t *c, void *out, size_t n)
{
    size_t end = c->sec_end ? c->sec_end : c->size;
    if (n > end - c->pos)
        return false;
    memcpy(out, c->data + c->pos, n);
    c->pos += n;
    return true;
}

static uint64_t unle(const unsigned char *b, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

bool sqlkc_rt_ckpt_get_u8(sqlkc_rt_ckpt_t *c, uint8_t *v) { return rraw(c, v, 1); }

bool sqlkc_rt_ckpt_get_u32(sqlkc_rt_ckpt_t *c, uint32_t *v)
{
    unsigned char b[4];
    if (!rraw(c, b, 4))
        return false;
    *v = (uint32_t)unle(b, 4);
    return true;
}

bool sqlkc_rt_ckpt_get_u64(sqlkc_rt_ckpt_t *c, uint64_t *v)
{
    unsigned char b[8];
    if (!rraw(c, b, 8))
        return false;
    *v = unle(b, 8);
    return true;
}

bool sqlkc_rt_ckpt_get_f64(sqlkc_rt_ckpt_t *c, double *v)
{
    uint64_t u;
    if (!sqlkc_rt_ckpt_get_u64(c, &u))
        return false;
    memcpy(v, &u, 8);
    return true;
}

bool sqlkc_rt_ckpt_get_f32(sqlkc_rt_ckpt_t *c, float *v)
{
    uint32_t u;
    if (!sqlkc_rt_ckpt_get_u32(c, &u))
        return false;
    memcpy(v, &u, 4);
    return true;
}

bool sqlkc_rt_ckpt_get_i128(sqlkc_rt_ckpt_t *c, __int128 *v)
{
    uint64_t lo, hi;
    if (!sqlkc_rt_ckpt_get_u64(c, &lo) || !sqlkc_rt_ckpt_get_u64(c, &hi))
        return false;
    *v = (__int128)((unsigned __int128)hi << 64 | lo);
    return true;
}

bool sqlkc_rt_ckpt_get_bytes(sqlkc_rt_ckpt_t *c, const void **p, size_t *n)
{
    uint32_t len;
    size_t end = c->sec_end ? c->sec_end : c->size;
    if (!sqlkc_rt_ckpt_get_u32(c, &len) || len > end - c->pos)
        return false;
    *p = c->data + c->pos;
    *n = len;
    c->pos += len;
    return true;
}

static bool get_str(sqlkc_rt_ckpt_t *c, char *out, size_t cap)
{
    const void *p;
    size_t n;
    if (!sqlkc_rt_ckpt_get_bytes(c, &p, &n) || n >= cap || memchr(p, 0, n))
        return false;
    memcpy(out, p, n);
    out[n] = 0;
    return true;
}

bool sqlkc_rt_ckpt_get_pairs(sqlkc_rt_ckpt_t *c, sqlkc_rt_pairs_t *m)
{
    uint64_t n;
    size_t end = c->sec_end ? c->sec_end : c->size;
    if (!sqlkc_rt_ckpt_get_u64(c, &n) || n > (end - c->pos) / 24)
        return false;
    sqlkc_rt_pairs_reserve(m, (size_t)n);
    const unsigned char *p = c->data + c->pos;
    for (uint64_t i = 0; i < n; i++, p += 24) {
        bool created;
        int64_t *count = sqlkc_rt_pairs_upsert(m, unle(p, 8), unle(p + 8, 8), &created);
        if (!created)
            return false; /* a pair twice: not a checkpoint this runtime wrote */
        *count = (int64_t)unle(p + 16, 8);
    }
    c->pos += (size_t)n * 24;
    return true;
}

bool sqlkc_rt_ckpt_get_mset(sqlkc_rt_ckpt_t *c, sqlkc_rt_mset_t **s)
{
    uint32_t n;
    if (!sqlkc_rt_ckpt_get_u32(c, &n))
        return false;
    uint64_t prev_hi = 0, prev_lo = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t hi, lo;
        int64_t count;
        if (!sqlkc_rt_ckpt_get_u64(c, &hi) || !sqlkc_rt_ckpt_get_u64(c, &lo) || !sqlkc_rt_ckpt_get_i64(c, &count))
            return false;
        /* ascending, as written; a count of 0 would not be there */
        if (count == 0 || (i > 0 && (hi < prev_hi || (hi == prev_hi && lo <= prev_lo))))
            return false;
        sqlkc_rt_mset_add(s, hi, lo, count);
        prev_hi = hi;
        prev_lo = lo;
    }
    return true;
}

const char *rt_ckpt_current_op(const sqlkc_rt_ckpt_t *c) { return c->op[0] ? c->op : NULL; }

/* Reads path whole and checks what does not need the job: size, magic,
 * version, checksum. */
static sqlkc_rt_ckpt_t *load(const char *path, char *err, size_t errcap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errcap, "cannot open it: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 64) {
        snprintf(err, errcap, "it is truncated (%lld bytes)", (long long)st.st_size);
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *data = malloc(size);
    size_t got = 0;
    while (data && got < size) {
        ssize_t k = read(fd, data + got, size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (!data || got != size) {
        snprintf(err, errcap, "cannot read it");
        free(data);
        return NULL;
    }
    if (memcmp(data, CKPT_MAGIC, 8) != 0) {
        snprintf(err, errcap, "it is not a sqlkc checkpoint");
        free(data);
        return NULL;
    }
    uint32_t version = (uint32_t)unle(data + 8, 4);
    if (version != CKPT_VERSION) {
        snprintf(err, errcap, "it has format version %" PRIu32 ", this job reads version %u", version, CKPT_VERSION);
        free(data);
        return NULL;
    }
    /* trailer: the index's offset, kind 0, then the CRC of everything before it */
    uint32_t want = (uint32_t)unle(data + size - 4, 4);
    if (unle(data + size - 8, 4) != SEC_END || rt_crc32c(0, data, size - 4) != want) {
        snprintf(err, errcap, "it is damaged or truncated (its checksum does not match)");
        free(data);
        return NULL;
    }
    uint64_t index_at = unle(data + size - TRAILER_SIZE, 8);
    if (index_at < 16 || index_at > size - TRAILER_SIZE - 8) {
        snprintf(err, errcap, "its index is malformed");
        free(data);
        return NULL;
    }
    sqlkc_rt_ckpt_t *c = calloc(1, sizeof *c);
    if (!c) {
        free(data);
        return NULL;
    }
    c->fd = -1;
    c->data = data;
    c->size = size - TRAILER_SIZE; /* the trailer is not read as a section */
    c->index_at = index_at;
    c->pos = 16;
    return c;
}

/* Reads the index into c->hops: where the state of every operator of the
 * header starts and ends, inside the sections before the index. */
static int read_index(sqlkc_rt_ckpt_t *c)
{
    size_t keep = c->pos;
    uint32_t kind, n;
    c->pos = (size_t)c->index_at;
    if (!sqlkc_rt_ckpt_get_u32(c, &kind) || kind != SEC_INDEX || !sqlkc_rt_ckpt_get_u32(c, &n) || n != c->nhops)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t a, b;
        if (!sqlkc_rt_ckpt_get_u64(c, &a) || !sqlkc_rt_ckpt_get_u64(c, &b) || a < keep || a > b ||
            b > c->index_at)
            return -1;
        c->hops[i].start = (size_t)a;
        c->hops[i].end = (size_t)b;
    }
    if (c->pos != c->size)
        return -1;
    c->pos = keep;
    return 0;
}

int rt_ckpt_read_header(sqlkc_rt_ckpt_t *c, rt_ckpt_info_t *info, char *err, size_t errcap)
{
    uint64_t fingerprint;
    uint32_t nops;
    char job[512];
    if (!sqlkc_rt_ckpt_get_u64(c, &info->seq) || !sqlkc_rt_ckpt_get_i64(c, &info->time_ms) ||
        !sqlkc_rt_ckpt_get_u64(c, &fingerprint) || !get_str(c, job, sizeof job) || !sqlkc_rt_ckpt_get_u32(c, &nops) ||
        nops > (c->size - c->pos) / 8) {
        snprintf(err, errcap, "its header is malformed");
        return -1;
    }
    info->fingerprint = fingerprint;
    c->hops = calloc(nops ? nops : 1, sizeof *c->hops);
    if (!c->hops) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < nops; i++) {
        char name[256], layout[8192];
        if (!get_str(c, name, sizeof name) || !get_str(c, layout, sizeof layout) ||
            !(c->hops[i].name = strdup(name)) || !(c->hops[i].layout = strdup(layout))) {
            snprintf(err, errcap, "its list of operators is malformed");
            return -1;
        }
        c->nhops++;
    }
    if (read_index(c) != 0) {
        snprintf(err, errcap, "its index is malformed");
        return -1;
    }
    info->ops = c->hops;
    info->nops = c->nhops;
    return 0;
}

bool rt_ckpt_enter_op(sqlkc_rt_ckpt_t *c, size_t i)
{
    if (i >= c->nhops)
        return false;
    c->pos = c->hops[i].start;
    c->sec_end = c->hops[i].end;
    snprintf(c->op, sizeof c->op, "%s", c->hops[i].name);
    return true;
}

uint64_t rt_ckpt_size(const sqlkc_rt_ckpt_t *c) { return c->size + TRAILER_SIZE; }

bool rt_ckpt_op_consumed(const sqlkc_rt_ckpt_t *c)
{
    return c->pos == c->sec_end;
}

int rt_ckpt_read_positions(sqlkc_rt_ckpt_t *c, rt_ckpt_positions_t *pos)
{
    uint32_t kind, n;
    memset(pos, 0, sizeof *pos);
    if (!sqlkc_rt_ckpt_get_u32(c, &kind) || kind != SEC_OFFSETS || !sqlkc_rt_ckpt_get_u32(c, &n))
        return -1;
    if (n > (c->size - c->pos) / 20)
        return -1;
    pos->parts = calloc(n ? n : 1, sizeof *pos->parts);
    if (!pos->parts)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        rt_ckpt_part_t *p = &pos->parts[i];
        char table[512], topic[512];
        uint32_t partition;
        if (!get_str(c, table, sizeof table) || !get_str(c, topic, sizeof topic) ||
            !sqlkc_rt_ckpt_get_u32(c, &partition) || !sqlkc_rt_ckpt_get_i64(c, &p->position)) {
            rt_ckpt_positions_free(pos);
            return -1;
        }
        p->table = strdup(table);
        p->topic = strdup(topic);
        p->partition = (int32_t)partition;
        pos->n++;
        if (!p->table || !p->topic) {
            rt_ckpt_positions_free(pos);
            return -1;
        }
    }
    return 0;
}

void rt_ckpt_positions_free(rt_ckpt_positions_t *pos)
{
    for (size_t i = 0; i < pos->n; i++) {
        free(pos->parts[i].table);
        free(pos->parts[i].topic);
    }
    free(pos->parts);
    memset(pos, 0, sizeof *pos);
}

void rt_ckpt_close(sqlkc_rt_ckpt_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nhops; i++) {
        free(c->hops[i].name);
        free(c->hops[i].layout);
    }
    free(c->hops);
    free((void *)c->data);
    free(c);
}

/* ---- the state directory ---- */

static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The checkpoint numbers in dir, newest first (malloc'd); -1 when dir cannot be read. */
int rt_ckpt_list(const char *dir, uint64_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), pl = strlen(CKPT_PREFIX), sl = strlen(CKPT_SUFFIX);
        if (len <= pl + sl || strncmp(e->d_name, CKPT_PREFIX, pl) != 0 ||
            strcmp(e->d_name + len - sl, CKPT_SUFFIX) != 0)
            continue;
        char *end;
        errno = 0;
        unsigned long long v = strtoull(e->d_name + pl, &end, 10);
        if (errno || end != e->d_name + len - sl)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            uint64_t *g = realloc(*out, cap * sizeof *g);
            if (!g) {
                closedir(d);
                return -1;
            }
            *out = g;
        }
        (*out)[(*n)++] = v;
    }
    closedir(d);
    qsort(*out, *n, sizeof **out, cmp_u64_desc);
    return 0;
}

char *rt_ckpt_path(const char *dir, uint64_t seq)
{
    char name[64];
    snprintf(name, sizeof name, CKPT_PREFIX "%020" PRIu64 CKPT_SUFFIX, seq);
    return path_join(dir, name);
}

sqlkc_rt_ckpt_t *rt_ckpt_open(const char *path, char *err, size_t errcap) { return load(path, err, errcap); }

void rt_ckpt_retain(const char *dir, size_t keep)
{
    uint64_t *seqs;
    size_t n;
    if (rt_ckpt_list(dir, &seqs, &n) != 0)
        return;
    for (size_t i = keep; i < n; i++) {
        char *p = rt_ckpt_path(dir, seqs[i]);
        unlink(p);
        free(p);
    }
    free(seqs);
}

size_t rt_ckpt_clean_tmp(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0, pl = strlen(CKPT_PREFIX), sl = strlen(CKPT_SUFFIX ".tmp");
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= pl + sl || strncmp(e->d_name, CKPT_PREFIX, pl) != 0 ||
            strcmp(e->d_name + len - sl, CKPT_SUFFIX ".tmp") != 0)
            continue;
        char *p = path_join(dir, e->d_name);
        if (p && unlink(p) == 0)
            n++;
        free(p);
    }
    closedir(d);
    return n;
}

int rt_ckpt_lock(const char *dir, char *err, size_t errcap)
{
    char *p = path_join(dir, "LOCK");
    if (!p) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errcap, "cannot open %s: %s", p, strerror(errno));
        free(p);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char pid[32] = "";
        ssize_t k = pread(fd, pid, sizeof pid - 1, 0);
        pid[k > 0 ? k : 0] = 0;
        pid[strcspn(pid, "\n")] = 0;
        if (e == EWOULDBLOCK)
            snprintf(err, errcap, "it is in use by another run of the job%s%s%s (%s is locked)", *pid ? " (pid " : "",
                     pid, *pid ? ")" : "", p);
        else
            snprintf(err, errcap, "cannot lock %s: %s", p, strerror(e));
        close(fd);
        free(p);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
        /* the pid is a courtesy for the message above: the lock holds without it */
    }
    free(p);
    return fd;
}

int rt_mkdirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}
