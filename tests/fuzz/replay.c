/* This file replays fuzz corpora without libFuzzer: it runs the fuzz target's
 * LLVMFuzzerTestOneInput over every file of the directories (or the files)
 * given, so that ctest checks every saved crash, hang and seed with any C
 * compiler (sqlite's fuzzcheck does the same). An input that crashes names
 * itself on stderr; one that runs longer than --timeout seconds (default 10)
 * fails as a hang. Exit 0 when every input ran, 1 otherwise. */
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input being run, for the crash handlers. */
static const char *current;

static void say(const char *a, const char *b)
{
    ssize_t r = write(2, a, strlen(a));
    if (b)
        r = write(2, b, strlen(b));
    r = write(2, "\n", 1);
    (void)r;
}

static void on_signal(int sig)
{
    say(sig == SIGALRM ? "replay: timeout (a hang) in " : "replay: crash in ",
        current ? current : "?");
    if (sig == SIGALRM)
        _exit(1);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Sanitizers report through their own handlers; this names the input too. */
__attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)(void));
static void on_sanitizer_death(void)
{
    say("replay: sanitizer report for ", current ? current : "?");
}
/* gcc's libubsan does not run the death callback but calls this hook (weak
 * in the runtime) before each report. */
void __ubsan_on_report(void);
void __ubsan_on_report(void) { say("replay: UBSan report for ", current ? current : "?"); }

static int run_file(const char *path, unsigned timeout)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) {
        fputs("replay: out of memory\n", stderr);
        return -1;
    }
    /* an exact-size copy, so that reading one byte past the input is an
     * ASan error here as it is under libFuzzer */
    uint8_t *data = malloc(n ? n : 1);
    memcpy(data, buf, n);
    free(buf);
    current = path;
    alarm(timeout);
    LLVMFuzzerTestOneInput(data, n);
    alarm(0);
    current = NULL;
    free(data);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the regular files of a directory in name order (deterministic). */
static int run_dir(const char *dir, unsigned timeout, int *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap)
            names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
        if (!names || asprintf(&names[n], "%s/%s", dir, e->d_name) < 0) {
            fputs("replay: out of memory\n", stderr);
            closedir(d);
            return -1;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(names[i], timeout) < 0)
                rc = -1;
            else
                ++*count;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned timeout = 10;
    int count = 0, rc = 0, first = 1;
    if (argc > 2 && strcmp(argv[1], "--timeout") == 0) {
        timeout = (unsigned)atoi(argv[2]);
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [--timeout SECONDS] CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    /* under a sanitizer its own SEGV report (with the stack) is worth more */
    if (__sanitizer_set_death_callback) {
        __sanitizer_set_death_callback(on_sanitizer_death);
    } else {
        /* its own stack, so that a stack overflow still names the input */
        static char altstack[1 << 16];
        stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
        struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_ONSTACK};
        sigaltstack(&ss, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        signal(SIGBUS, on_signal);
        signal(SIGFPE, on_signal);
        signal(SIGILL, on_signal);
    }
    signal(SIGABRT, on_signal);
    signal(SIGALRM, on_signal);
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            rc = 1;
        } else if (S_ISDIR(st.st_mode)) {
            if (run_dir(argv[i], timeout, &count) < 0)
                rc = 1;
        } else if (run_file(argv[i], timeout) < 0) {
            rc = 1;
        } else {
            count++;
        }
    }
    printf("replay: %d inputs ran\n", count);
    return rc;
}
