/* This file implements sqlkc/registry.h: the Confluent Schema Registry client
 * (libcurl for HTTP, jansson for the JSON bodies) with Confluent's
 * endpoints, authentication and error answers, and the avro-confluent
 * format's job glue: the sink's schema id at init, and the source's header
 * check, writer schema cache and schema resolution (avro-c). */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <avro.h>
#include <curl/curl.h>
#include <jansson.h>

#include "sqlkc/options.h"
#include "sqlkc/registry.h"

/* ---- the client ---- */

typedef struct cached_schema {
    int32_t id;
    char *schema;
} cached_schema_t;

struct sqlkc_rt_registry {
    CURL *curl;
    char **bases; /* URLs without user info or trailing '/' */
    size_t nbases;
    struct curl_slist *headers;
    char *userpwd; /* basic auth "user:password", or NULL */
    cached_schema_t *cache;
    size_t ncache, capcache;
    char curl_err[CURL_ERROR_SIZE];
};

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static const char *prefixed(const sqlkc_rt_kv_t *opts, size_t n, const char *prefix, const char *name)
{
    char key[512];
    snprintf(key, sizeof key, "%savro-confluent.%s", prefix, name);
    return sqlkc_rt_kv_get(opts, n, key);
}

/* A Flink option, then its 1.12 name, then the registry client property that
 * 'avro-confluent.properties.*' passes (Flink's options take precedence). */
static const char *pick(const sqlkc_rt_kv_t *opts, size_t n, const char *prefix, const char *name,
                        const char *old_name, const char *property)
{
    const char *v = prefixed(opts, n, prefix, name);
    if (!v && old_name)
        v = prefixed(opts, n, prefix, old_name);
    if (!v && property) {
        char key[256];
        snprintf(key, sizeof key, "properties.%s", property);
        v = prefixed(opts, n, prefix, key);
    }
    return v;
}

void sqlkc_rt_registry_conf_from(sqlkc_rt_registry_conf_t *conf, const sqlkc_rt_kv_t *opts, size_t n,
                                 const char *prefix)
{
    memset(conf, 0, sizeof *conf);
    conf->url = pick(opts, n, prefix, "url", "schema-registry.url", "schema.registry.url");
    conf->credentials_source =
        pick(opts, n, prefix, "basic-auth.credentials-source", NULL, "basic.auth.credentials.source");
    conf->user_info = pick(opts, n, prefix, "basic-auth.user-info", NULL, "basic.auth.user.info");
    conf->bearer_source = pick(opts, n, prefix, "bearer-auth.credentials-source", NULL, "bearer.auth.credentials.source");
    conf->bearer_token = pick(opts, n, prefix, "bearer-auth.token", NULL, "bearer.auth.token");
    conf->truststore = pick(opts, n, prefix, "ssl.truststore.location", NULL, "schema.registry.ssl.truststore.location");
    conf->truststore_password =
        pick(opts, n, prefix, "ssl.truststore.password", NULL, "schema.registry.ssl.truststore.password");
    conf->keystore = pick(opts, n, prefix, "ssl.keystore.location", NULL, "schema.registry.ssl.keystore.location");
    conf->keystore_password =
        pick(opts, n, prefix, "ssl.keystore.password", NULL, "schema.registry.ssl.keystore.password");
}

/* What a key or trust store file holds, from its first bytes: curl (OpenSSL)
 * reads PEM, and PKCS#12 for a client certificate; a Java KeyStore it cannot. */
enum { STORE_PEM, STORE_JKS, STORE_PKCS12, STORE_UNREADABLE, STORE_UNKNOWN };

static int store_kind(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return STORE_UNREADABLE;
    unsigned char b[512];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n >= 4 && ((b[0] == 0xFE && b[1] == 0xED && b[2] == 0xFE && b[3] == 0xED) ||
                   (b[0] == 0xCE && b[1] == 0xCE && b[2] == 0xCE && b[3] == 0xCE)))
        return STORE_JKS; /* JKS, JCEKS */
    if (n >= 2 && b[0] == 0x30)
        return STORE_PKCS12; /* DER SEQUENCE */
    for (size_t i = 0; i + 10 <= n; i++)
        if (memcmp(b + i, "-----BEGIN", 10) == 0)
            return STORE_PEM;
    return STORE_UNKNOWN;
}

static int use_stores(sqlkc_rt_registry_t *r, const sqlkc_rt_registry_conf_t *conf, char *err, size_t errlen)
{
    if (conf->truststore) {
        switch (store_kind(conf->truststore)) {
        case STORE_PEM: curl_easy_setopt(r->curl, CURLOPT_CAINFO, conf->truststore); break;
        case STORE_UNREADABLE:
            set_err(err, errlen, "cannot read 'ssl.truststore.location' %s", conf->truststore);
            return -1;
        case STORE_JKS:
        case STORE_PKCS12:
            set_err(err, errlen, "'ssl.truststore.location' %s is a Java or PKCS#12 keystore, which this job "
                    "(libcurl) cannot read; give the CA certificates as a PEM file (keytool -exportcert -rfc)",
                    conf->truststore);
            return -1;
        default:
            set_err(err, errlen, "'ssl.truststore.location' %s is not a PEM file of CA certificates", conf->truststore);
            return -1;
        }
    }
    if (conf->keystore) {
        switch (store_kind(conf->keystore)) {
        case STORE_PEM:
            /* one PEM file with the client certificate and its key */
            curl_easy_setopt(r->curl, CURLOPT_SSLCERT, conf->keystore);
            curl_easy_setopt(r->curl, CURLOPT_SSLCERTTYPE, "PEM");
            curl_easy_setopt(r->curl, CURLOPT_SSLKEY, conf->keystore);
            break;
        case STORE_PKCS12:
            curl_easy_setopt(r->curl, CURLOPT_SSLCERT, conf->keystore);
            curl_easy_setopt(r->curl, CURLOPT_SSLCERTTYPE, "P12");
            break;
        case STORE_UNREADABLE:
            set_err(err, errlen, "cannot read 'ssl.keystore.location' %s", conf->keystore);
            return -1;
        case STORE_JKS:
            set_err(err, errlen, "'ssl.keystore.location' %s is a Java KeyStore (JKS), which this job (libcurl) "
                    "cannot read; convert it to PKCS#12 (keytool -importkeystore -deststoretype PKCS12) or PEM",
                    conf->keystore);
            return -1;
        default:
            set_err(err, errlen, "'ssl.keystore.location' %s is neither PEM nor PKCS#12", conf->keystore);
            return -1;
        }
        if (conf->keystore_password)
            curl_easy_setopt(r->curl, CURLOPT_KEYPASSWD, conf->keystore_password);
    }
    return 0;
}

/* Splits one URL into its base without user info (kept for messages) and
 * the user info, as Confluent's client takes it with the URL source. */
static int add_base(sqlkc_rt_registry_t *r, const char *url, char **url_user, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *user = NULL, *pass = NULL, *clean = NULL;
    int rc = -1;
    if (!u)
        goto done;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
        set_err(err, errlen, "'avro-confluent.url' '%s' is not a URL", url);
        goto done;
    }
    char *scheme = NULL;
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK && strcasecmp(scheme, "http") != 0 &&
        strcasecmp(scheme, "https") != 0) {
        set_err(err, errlen, "'avro-confluent.url' '%s' is not an http or https URL", url);
        curl_free(scheme);
        goto done;
    }
    curl_free(scheme);
    curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE);
    curl_url_get(u, CURLUPART_PASSWORD, &pass, CURLU_URLDECODE);
    curl_url_set(u, CURLUPART_USER, NULL, 0);
    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
    if (curl_url_get(u, CURLUPART_URL, &clean, 0) != CURLUE_OK) {
        set_err(err, errlen, "'avro-confluent.url' '%s' is not a URL", url);
        goto done;
    }
    size_t n = strlen(clean);
    while (n > 0 && clean[n - 1] == '/')
        n--;
    char **b = realloc(r->bases, sizeof *b * (r->nbases + 1));
    if (!b)
        goto done;
    r->bases = b;
    r->bases[r->nbases] = strndup(clean, n);
    if (!r->bases[r->nbases])
        goto done;
    r->nbases++;
    if (user && !*url_user) {
        size_t len = strlen(user) + (pass ? strlen(pass) : 0) + 2;
        *url_user = malloc(len);
        if (*url_user)
            snprintf(*url_user, len, "%s:%s", user, pass ? pass : "");
    }
    rc = 0;
done:
    if (rc != 0 && !err[0])
        set_err(err, errlen, "out of memory");
    curl_free(user);
    curl_free(pass);
    curl_free(clean);
    curl_url_cleanup(u);
    return rc;
}

sqlkc_rt_registry_t *sqlkc_rt_registry_new(const sqlkc_rt_registry_conf_t *conf, char *err, size_t errlen)
{
    static bool global_init;
    if (!global_init) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global_init = true;
    }
    err[0] = 0;
    if (!conf->url || !*conf->url) {
        set_err(err, errlen, "'avro-confluent.url' is not set: the format needs the schema registry's URL");
        return NULL;
    }
    sqlkc_rt_registry_t *r = calloc(1, sizeof *r);
    char *url_user = NULL;
    if (!r || !(r->curl = curl_easy_init())) {
        set_err(err, errlen, "cannot start the schema registry client (libcurl)");
        free(r);
        return NULL;
    }
    /* RestService splits the URL option at commas and fails over in order */
    const char *p = conf->url;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char one[2048];
        while (n > 0 && isspace((unsigned char)*p))
            p++, n--;
        while (n > 0 && isspace((unsigned char)p[n - 1]))
            n--;
        if (n > 0 && n < sizeof one) {
            memcpy(one, p, n);
            one[n] = 0;
            if (add_base(r, one, &url_user, err, errlen) != 0)
                goto fail;
        }
        p += (comma ? (size_t)(comma - p) + 1 : strlen(p));
    }
    if (r->nbases == 0) {
        set_err(err, errlen, "'avro-confluent.url' '%s' names no URL", conf->url);
        goto fail;
    }
    const char *source = conf->credentials_source;
    if (!source || strcasecmp(source, "URL") == 0) {
        r->userpwd = url_user;
        url_user = NULL;
    } else if (strcasecmp(source, "USER_INFO") == 0) {
        if (!conf->user_info || !strchr(conf->user_info, ':')) {
            set_err(err, errlen, "'basic-auth.credentials-source' is USER_INFO, so 'basic-auth.user-info' must be "
                    "set to user:password");
            goto fail;
        }
        r->userpwd = strdup(conf->user_info);
    } else {
        set_err(err, errlen, "'basic-auth.credentials-source' '%s' is not supported (URL or USER_INFO)", source);
        goto fail;
    }
    r->headers = curl_slist_append(NULL, "Content-Type: application/vnd.schemaregistry.v1+json");
    r->headers = curl_slist_append(r->headers, "Accept: application/vnd.schemaregistry.v1+json, "
                                               "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5");
    if (conf->bearer_source || conf->bearer_token) {
        if (conf->bearer_source && strcasecmp(conf->bearer_source, "STATIC_TOKEN") != 0) {
            set_err(err, errlen, "'bearer-auth.credentials-source' '%s' is not supported (STATIC_TOKEN)",
                    conf->bearer_source);
            goto fail;
        }
        if (!conf->bearer_token) {
            set_err(err, errlen, "'bearer-auth.token' is not set");
            goto fail;
        }
        char h[4096];
        snprintf(h, sizeof h, "Authorization: Bearer %s", conf->bearer_token);
        r->headers = curl_slist_append(r->headers, h);
    }
    if (use_stores(r, conf, err, errlen) != 0)
        goto fail;
    curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, r->headers);
    curl_easy_setopt(r->curl, CURLOPT_ERRORBUFFER, r->curl_err);
    curl_easy_setopt(r->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(r->curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(r->curl, CURLOPT_TIMEOUT_MS, conf->timeout_ms > 0 ? conf->timeout_ms : 30000L);
    if (r->userpwd) {
        curl_easy_setopt(r->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(r->curl, CURLOPT_USERPWD, r->userpwd);
    }
    return r;
fail:
    free(url_user);
    sqlkc_rt_registry_free(r);
    return NULL;
}

void sqlkc_rt_registry_free(sqlkc_rt_registry_t *r)
{
    if (!r)
        return;
    if (r->curl)
        curl_easy_cleanup(r->curl);
    curl_slist_free_all(r->headers);
    for (size_t i = 0; i < r->nbases; i++)
        free(r->bases[i]);
    free(r->bases);
    free(r->userpwd);
    for (size_t i = 0; i < r->ncache; i++)
        free(r->cache[i].schema);
    free(r->cache);
    free(r);
}

typedef struct body {
    char *p;
    size_t len;
} body_t;

static size_t on_data(char *data, size_t size, size_t nmemb, void *arg)
{
    body_t *b = arg;
    size_t n = size * nmemb;
    if (b->len + n > (64u << 20))
        return 0; /* no registry answer is this big */
    char *q = realloc(b->p, b->len + n + 1);
    if (!q)
        return 0;
    b->p = q;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
    return n;
}

/* Connection errors that make the next URL worth trying. */
static bool try_next(CURLcode c)
{
    return c == CURLE_COULDNT_CONNECT || c == CURLE_COULDNT_RESOLVE_HOST || c == CURLE_OPERATION_TIMEDOUT ||
           c == CURLE_GOT_NOTHING || c == CURLE_SEND_ERROR || c == CURLE_RECV_ERROR;
}

/* One request: method GET or POST (with body) to base + path. Sets *out to
 * the JSON answer of a 2xx response. Non-2xx answers are reported with the
 * registry's error_code and message. */
static int request(sqlkc_rt_registry_t *r, const char *path, const char *body, json_t **out, long *status,
                   int *error_code, char *err, size_t errlen)
{
    *out = NULL;
    *status = 0;
    *error_code = 0;
    for (size_t i = 0; i < r->nbases; i++) {
        char url[4096];
        snprintf(url, sizeof url, "%s%s", r->bases[i], path);
        body_t b = {NULL, 0};
        r->curl_err[0] = 0;
        curl_easy_setopt(r->curl, CURLOPT_URL, url);
        curl_easy_setopt(r->curl, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(r->curl, CURLOPT_WRITEDATA, &b);
        if (body) {
            curl_easy_setopt(r->curl, CURLOPT_POST, 1L);
            curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, body);
            curl_easy_setopt(r->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
        } else {
            curl_easy_setopt(r->curl, CURLOPT_HTTPGET, 1L);
        }
        CURLcode c = curl_easy_perform(r->curl);
        if (c != CURLE_OK) {
            set_err(err, errlen, "cannot reach the schema registry at %s: %s", r->bases[i],
                    r->curl_err[0] ? r->curl_err : curl_easy_strerror(c));
            free(b.p);
            if (try_next(c))
                continue;
            return -1;
        }
        curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, status);
        json_error_t je;
        json_t *j = b.p ? json_loadb(b.p, b.len, 0, &je) : NULL;
        if (*status < 200 || *status > 299) {
            json_t *code = j ? json_object_get(j, "error_code") : NULL;
            json_t *msg = j ? json_object_get(j, "message") : NULL;
            if (json_is_integer(code))
                *error_code = (int)json_integer_value(code);
            if (json_is_integer(code) && json_is_string(msg))
                set_err(err, errlen, "the schema registry at %s answered HTTP %ld, error code %d: %s", r->bases[i],
                        *status, *error_code, json_string_value(msg));
            else
                set_err(err, errlen, "the schema registry at %s answered HTTP %ld%s%.200s", r->bases[i], *status,
                        b.len ? ": " : "", b.p ? b.p : "");
            json_decref(j);
            free(b.p);
            return -1;
        }
        if (!j) {
            set_err(err, errlen, "the schema registry at %s answered %s with something that is not JSON: %.200s",
                    r->bases[i], path, b.p ? b.p : "(nothing)");
            free(b.p);
            return -1;
        }
        free(b.p);
        *out = j;
        return 0;
    }
    return -1;
}

static char *subject_path(sqlkc_rt_registry_t *r, const char *subject, const char *tail)
{
    char *esc = curl_easy_escape(r->curl, subject, 0);
    if (!esc)
        return NULL;
    size_t n = strlen(esc) + strlen(tail) + 16;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "/subjects/%s%s", esc, tail);
    curl_free(esc);
    return path;
}

static int post_schema(sqlkc_rt_registry_t *r, const char *subject, const char *schema, const char *tail,
                       int32_t *id, char *err, size_t errlen)
{
    json_t *req = json_pack("{s:s}", "schema", schema);
    char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    char *path = subject_path(r, subject, tail);
    if (!body || !path) {
        free(body);
        free(path);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    json_t *ans;
    long status;
    int code;
    int rc = request(r, path, body, &ans, &status, &code, err, errlen);
    free(body);
    free(path);
    if (rc != 0)
        return -1;
    json_t *jid = json_object_get(ans, "id");
    if (!json_is_integer(jid) || json_integer_value(jid) < 0 || json_integer_value(jid) > INT32_MAX) {
        char *text = json_dumps(ans, JSON_COMPACT);
        set_err(err, errlen, "the schema registry's answer for subject '%s' has no schema id: %.200s", subject,
                text ? text : "?");
        free(text);
        json_decref(ans);
        return -1;
    }
    *id = (int32_t)json_integer_value(jid);
    json_decref(ans);
    return 0;
}

int sqlkc_rt_registry_register(sqlkc_rt_registry_t *r, const char *subject, const char *schema, int32_t *id,
                               char *err, size_t errlen)
{
    return post_schema(r, subject, schema, "/versions", id, err, errlen);
}

int sqlkc_rt_registry_lookup(sqlkc_rt_registry_t *r, const char *subject, const char *schema, int32_t *id,
                             char *err, size_t errlen)
{
    return post_schema(r, subject, schema, "", id, err, errlen);
}

const char *sqlkc_rt_registry_schema(sqlkc_rt_registry_t *r, int32_t id, char *err, size_t errlen)
{
    for (size_t i = 0; i < r->ncache; i++)
        if (r->cache[i].id == id)
            return r->cache[i].schema;
    char path[64];
    snprintf(path, sizeof path, "/schemas/ids/%" PRId32, id);
    json_t *ans;
    long status;
    int code;
    if (request(r, path, NULL, &ans, &status, &code, err, errlen) != 0)
        return NULL;
    json_t *s = json_object_get(ans, "schema");
    if (!json_is_string(s)) {
        set_err(err, errlen, "the schema registry's answer for schema id %" PRId32 " has no schema", id);
        json_decref(ans);
        return NULL;
    }
    if (r->ncache == r->capcache) {
        size_t cap = r->capcache ? r->capcache * 2 : 4;
        cached_schema_t *c = realloc(r->cache, sizeof *c * cap);
        if (!c) {
            json_decref(ans);
            set_err(err, errlen, "out of memory");
            return NULL;
        }
        r->cache = c;
        r->capcache = cap;
    }
    char *copy = strdup(json_string_value(s));
    json_decref(ans);
    if (!copy) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    r->cache[r->ncache].id = id;
    r->cache[r->ncache].schema = copy;
    return r->cache[r->ncache++].schema;
}
