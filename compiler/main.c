/* This file is the sqlkc command line: check, explain, gen, build. All the
 * work is in libsqlkc (compile.c); this only parses arguments, reads files
 * and runs the C compiler. Exit 0 on success, 1 for user errors, 2 for
 * internal errors. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"

static void usage(FILE *f)
{
    fputs("usage: sqlkc COMMAND FILE.sql [options]\n"
          "\n"
          "Compiles Flink SQL (CREATE TABLE for the kafka and upsert-kafka connectors,\n"
          "CREATE VIEW, SET, INSERT INTO ... SELECT) into a native Kafka job.\n"
          "\n"
          "commands:\n"
          "  check   FILE.sql              parse and validate; diagnostics on stderr\n"
          "  check   --state-compat OLD.sql NEW.sql\n"
          "                                whether NEW's job can resume from the checkpoints of\n"
          "                                OLD's (exit 0), or not (exit 1), operator by operator\n"
          "  explain FILE.sql              print the typed plan: operators, changelog modes, state\n"
          "  gen     FILE.sql -o JOB.c     write the generated C\n"
          "  build   FILE.sql -o JOB       generate, compile and link a job binary\n"
          "\n"
          "options:\n"
          "  -o PATH          output file (gen: default stdout; build: default the .sql name)\n"
          "  --cc CC          C compiler for build (default $CC, else cc)\n"
          "  --cflags FLAGS   compiler flags for build (default $CFLAGS, else -O2)\n"
          "  --keep-c         build: keep the generated C next to the binary (JOB.c)\n"
          "  -h, --help       this help\n"
          "  --version        print the version\n"
          "\n"
          "exit status: 0 ok, 1 errors in the SQL or usage, 2 internal error\n",
          f);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "sqlkc: cannot open '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf)
            break;
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        if (cap >= (size_t)64 << 20) {
            fprintf(stderr, "sqlkc: '%s' is larger than 64 MiB\n", path);
            free(buf);
            buf = NULL;
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    if (buf && ferror(f)) {
        fprintf(stderr, "sqlkc: cannot read '%s': %s\n", path, strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}

static void to_file(void *arg, const char *s) { fputs(s, (FILE *)arg); }

/* check --state-compat OLD NEW: both compiled (their mistakes reported),
 * then compared. */
static int state_compat(const char *old_file, const char *new_file)
{
    size_t olen, nlen;
    char *osrc = read_file(old_file, &olen), *nsrc = osrc ? read_file(new_file, &nlen) : NULL;
    if (!osrc || !nsrc) {
        free(osrc);
        return 1;
    }
    compile_t *o = compile_new(old_file, osrc, olen), *n = compile_new(new_file, nsrc, nlen);
    int rc = compile_run(o) | compile_run(n);
    if (rc == 0)
        rc = compile_state_compat(o, n, to_file, stdout);
    compile_free(o);
    compile_free(n);
    free(osrc);
    free(nsrc);
    return rc;
}

/* The directory of this executable, to find the runtime of a relocated install. */
static int exe_dir(char *out, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0)
        return -1;
    out[n] = 0;
    char *slash = strrchr(out, '/');
    if (!slash)
        return -1;
    *slash = 0;
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Include and library directories of the runtime: $SQLKC_HOME, then the
 * install layout next to this executable (bin/../include, bin/../lib), then
 * the build tree this binary was built in. */
static int find_runtime(char *inc, char *lib, size_t cap)
{
    const char *home = getenv("SQLKC_HOME");
    char dir[PATH_MAX];
    static const char *const libdirs[] = {"lib", "lib64", "lib/x86_64-linux-gnu", "lib/aarch64-linux-gnu"};
    if (home) {
        snprintf(dir, sizeof dir, "%s/bin", home);
    } else if (exe_dir(dir, sizeof dir) != 0) {
        dir[0] = 0;
    }
    if (dir[0]) {
        for (size_t i = 0; i < sizeof libdirs / sizeof libdirs[0]; i++) {
            char a[PATH_MAX + 32], b[PATH_MAX + 64];
            snprintf(a, sizeof a, "%s/../include/sqlkc", dir);
            snprintf(b, sizeof b, "%s/../%s/libsqlkcrt.a", dir, libdirs[i]);
            if (is_dir(a) && is_file(b)) {
                snprintf(inc, cap, "%s/../include", dir);
                snprintf(lib, cap, "%s/../%s", dir, libdirs[i]);
                return 0;
            }
        }
    }
#ifdef SQLKC_BUILD_INCLUDE
    if (is_dir(SQLKC_BUILD_INCLUDE) && is_dir(SQLKC_BUILD_LIBDIR)) {
        snprintf(inc, cap, "%s", SQLKC_BUILD_INCLUDE);
        snprintf(lib, cap, "%s", SQLKC_BUILD_LIBDIR);
        return 0;
    }
#endif
    return -1;
}

static int run(char *const argv[])
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "sqlkc: cannot run '%s': %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int build(const char *c_path, const char *out, const char *cc, const char *cflags)
{
    char inc[PATH_MAX], lib[PATH_MAX];
    if (find_runtime(inc, lib, sizeof inc) != 0) {
        fprintf(stderr, "sqlkc: cannot find the sqlkc runtime (include/sqlkc and lib/libsqlkcrt.a) next to "
                        "this executable; set SQLKC_HOME to the install prefix\n");
        return 2;
    }
    char *cc_copy = strdup(cc), *flags_copy = strdup(cflags);
    /* every word of CC and CFLAGS, plus the 13 arguments added below */
    size_t cap = strlen(cc) + strlen(cflags) + 16;
    char **argv = calloc(cap, sizeof *argv);
    if (!cc_copy || !flags_copy || !argv) {
        fputs("sqlkc: internal error: out of memory\n", stderr);
        return 2;
    }
    int n = 0;
    for (char *t = strtok(cc_copy, " "); t; t = strtok(NULL, " "))
        argv[n++] = t;
    argv[n++] = "-std=gnu11";
    for (char *t = strtok(flags_copy, " "); t; t = strtok(NULL, " "))
        argv[n++] = t;
    char incflag[PATH_MAX + 3], libflag[PATH_MAX + 3];
    snprintf(incflag, sizeof incflag, "-I%s", inc);
    snprintf(libflag, sizeof libflag, "-L%s", lib);
    argv[n++] = incflag;
    argv[n++] = (char *)c_path;
    argv[n++] = "-o";
    argv[n++] = (char *)out;
    argv[n++] = libflag;
    argv[n++] = "-lsqlkcrt";
    argv[n++] = "-lrdkafka";
    argv[n++] = "-lcurl";    /* avro-confluent: the schema registry client */
    argv[n++] = "-ljansson";
    argv[n++] = "-lavro";    /* avro-confluent: Avro schema resolution */
    argv[n++] = "-lm";
    argv[n++] = "-lpthread";
    argv[n] = NULL;
    int rc = run(argv);
    free(argv);
    free(cc_copy);
    free(flags_copy);
    if (rc != 0) {
        fprintf(stderr, "sqlkc: internal error: the C compiler failed on the generated code (%s)\n", c_path);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("sqlkc %s\n", SQLKC_VERSION);
        return 0;
    }
    const char *file = NULL, *out = NULL, *compat_old = NULL;
    const char *cc = getenv("CC"), *cflags = getenv("CFLAGS");
    int keep_c = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--cc") && i + 1 < argc)
            cc = argv[++i];
        else if (!strcmp(argv[i], "--cflags") && i + 1 < argc)
            cflags = argv[++i];
        else if (!strcmp(argv[i], "--keep-c"))
            keep_c = 1;
        else if (!strcmp(argv[i], "--state-compat") && i + 1 < argc)
            compat_old = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "sqlkc: unknown option '%s'\n", argv[i]);
            return 1;
        } else if (!file)
            file = argv[i];
        else {
            fprintf(stderr, "sqlkc: more than one input file ('%s', '%s')\n", file, argv[i]);
            return 1;
        }
    }
    int mode = !strcmp(cmd, "check") ? 0 : !strcmp(cmd, "explain") ? 1 : !strcmp(cmd, "gen") ? 2
             : !strcmp(cmd, "build") ? 3 : -1;
    if (mode < 0) {
        fprintf(stderr, "sqlkc: unknown command '%s'\n", cmd);
        usage(stderr);
        return 1;
    }
    if (!file) {
        fprintf(stderr, "sqlkc: %s needs a .sql file\n", cmd);
        return 1;
    }
    if (compat_old && mode != 0) {
        fprintf(stderr, "sqlkc: --state-compat is an option of check\n");
        return 1;
    }
    if (compat_old)
        return state_compat(compat_old, file);
    size_t len;
    char *src = read_file(file, &len);
    if (!src)
        return 1;
    char def_out[PATH_MAX];
    if (mode == 3 && !out) { /* the .sql file's name without .sql */
        snprintf(def_out, sizeof def_out, "%s", file);
        char *dot = strrchr(def_out, '.');
        if (dot && strcmp(dot, ".sql") == 0)
            *dot = 0;
        else
            strncat(def_out, ".job", sizeof def_out - strlen(def_out) - 1);
        out = def_out;
    }
    if (mode == 3) { /* a missing directory, or a directory in the way, is the user's mistake, found first */
        char dir[PATH_MAX];
        struct stat st;
        snprintf(dir, sizeof dir, "%s", out);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = 0;
            const char *d = dir[0] ? dir : "/";
            int e = stat(d, &st) != 0 ? errno : 0;
            if (e || !S_ISDIR(st.st_mode)) {
                fprintf(stderr, "sqlkc: cannot write '%s': '%s' %s\n", out, d,
                        e == ENOENT ? "does not exist" : e ? strerror(e) : "is not a directory");
                free(src);
                return 1;
            }
        }
        if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "sqlkc: cannot write '%s': it is a directory (-o names the job binary)\n", out);
            free(src);
            return 1;
        }
    }
    compile_t *c = compile_new(file, src, len);
    if (mode <= 1)
        compile_allow_no_insert(c);
    int rc = compile_run(c);
    if (rc != 0) {
        compile_free(c);
        free(src);
        return rc;
    }
    if (mode == 1)
        compile_explain(c, to_file, stdout);
    if (mode == 2) {
        FILE *f = out ? fopen(out, "w") : stdout;
        if (!f) {
            fprintf(stderr, "sqlkc: cannot write '%s': %s\n", out, strerror(errno));
            rc = 1;
        } else {
            rc = compile_gen(c, to_file, f);
            if (out && fclose(f) != 0) {
                fprintf(stderr, "sqlkc: cannot write '%s': %s\n", out, strerror(errno));
                rc = 1;
            }
        }
    }
    if (mode == 3) {
        char c_path[PATH_MAX + 8];
        int fd = -1;
        if (keep_c) {
            snprintf(c_path, sizeof c_path, "%s.c", out);
        } else {
            snprintf(c_path, sizeof c_path, "%s/sqlkc-XXXXXX.c", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
            fd = mkstemps(c_path, 2);
            if (fd < 0) {
                fprintf(stderr, "sqlkc: cannot create a temporary file: %s\n", strerror(errno));
                rc = 2;
            }
        }
        FILE *f = rc ? NULL : fd >= 0 ? fdopen(fd, "w") : fopen(c_path, "w");
        if (!rc && !f) {
            fprintf(stderr, "sqlkc: cannot write '%s': %s\n", c_path, strerror(errno));
            rc = 2;
        }
        if (f) {
            rc = compile_gen(c, to_file, f);
            if (fclose(f) != 0)
                rc = 2;
            if (!rc)
                rc = build(c_path, out, cc && *cc ? cc : "cc", cflags && *cflags ? cflags : "-O2");
            if (!keep_c)
                unlink(c_path);
        }
    }
    compile_free(c);
    free(src);
    return rc;
}
