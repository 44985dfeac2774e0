package io.github.todo.settings;

import io.github.todo.core.Synchronous;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Every setting of todo, each declared once. The store's and the API's defaults are read from
 * {@link TodoConfig.Builder} and {@link ApiSettings#defaults()}, so they cannot drift apart; the
 * server's are declared here, and the server's own defaults are read from here.
 */
public final class Options {

    private static final TodoConfig STORE = TodoConfig.of(Path.of("todo.db"));
    private static final ApiSettings API = ApiSettings.defaults();

    // The database
    /** The SQLite database file. */
    public static final Option<Path> DB = new Option<>("db", "FILE", Values.path(), null,
            "todo.db; WAR: ~/.todo/<context>.db", "SQLite database file, created with its folders if missing");
    /** A PostgreSQL JDBC URL instead of {@link #DB}. */
    public static final Option<String> JDBC_URL = new Option<>("jdbcUrl", "URL", Values.text(), null, null,
            "PostgreSQL instead of SQLite, e.g. jdbc:postgresql://db:5432/todo; many servers may share it");
    /** The PostgreSQL user. */
    public static final Option<String> DB_USER = new Option<>("dbUser", "NAME", Values.text(), null, null, "PostgreSQL user");
    /** The PostgreSQL password. */
    public static final Option<String> DB_PASSWORD = new Option<>("dbPassword", "SECRET", Values.text(), null, null,
            "PostgreSQL password; prefer --db-password-file or TODO_DB_PASSWORD, as flags show in ps");
    /** A file holding the PostgreSQL password. */
    public static final Option<Path> DB_PASSWORD_FILE = new Option<>("dbPasswordFile", "FILE", Values.path(), null, null,
            "the PostgreSQL password, read from FILE (a final line break is dropped)");
    /** Pooled connections. The server's and the WAR's default; the library's is 4. */
    public static final Option<Integer> POOL_SIZE = new Option<>("poolSize", "N", Values.integer(1, 1024), 8, "8",
            "pooled connections: for reads on SQLite, for everything on PostgreSQL");
    /** {@link TodoConfig#busyTimeout()}. */
    public static final Option<Duration> BUSY_TIMEOUT = new Option<>("busyTimeout", "TIME", Values.duration(Duration.ZERO),
            STORE.busyTimeout(), STORE.busyTimeout().toSeconds() + "s", "how long to wait for a lock, the write queue or a pooled connection");
    /** {@link TodoConfig#synchronous()}. */
    public static final Option<Synchronous> SYNCHRONOUS = new Option<>("synchronous", "MODE", Values.choice(Synchronous.class),
            STORE.synchronous(), STORE.synchronous().name().toLowerCase(Locale.ROOT),
            "normal: a commit survives a crash of the process; full: survives power loss too");
    /** {@link TodoConfig#maxNameLength()}. */
    public static final Option<Integer> MAX_NAME_LENGTH = new Option<>("maxNameLength", "N", Values.integer(1, 1_000_000),
            STORE.maxNameLength(), String.valueOf(STORE.maxNameLength()), "longest task name, in characters");
    /** {@link TodoConfig#readCacheBytes()}. */
    public static final Option<Long> READ_CACHE_MEMORY = new Option<>("readCacheMemory", "SIZE", Values.bytes(0),
            STORE.readCacheBytes(), (STORE.readCacheBytes() >> 20) + "m", "SQLite: heap for recently written tasks, for fast reads; 0 for none");
    /** Where sqlite-jdbc unpacks its native library: the {@code org.sqlite.tmpdir} system property. */
    public static final Option<Path> SQLITE_TMPDIR = new Option<>("sqliteTmpdir", "DIR", Values.path(), null,
            "java.io.tmpdir", "where the SQLite driver unpacks its native library; set it when /tmp is mounted noexec");

    // The HTTP API
    /** {@link ApiSettings#serverName()}. */
    public static final Option<String> NAME = new Option<>("name", "TOKEN", Values.token(), API.serverName(), API.serverName(),
            "what GET /info answers");
    /** {@link ApiSettings#maxBodyBytes()}. */
    public static final Option<Long> MAX_BODY = new Option<>("maxBody", "SIZE", Values.bytes(1), API.maxBodyBytes(),
            (API.maxBodyBytes() >> 20) + "m", "largest request body, e.g. 1m, 512k");
    /** {@link ApiSettings#token()}. */
    public static final Option<String> TOKEN = new Option<>("token", "TOKEN", Values.text(), null, "none: open",
            "require Authorization: Bearer TOKEN on /tasks");
    /** A file holding the token. */
    public static final Option<Path> TOKEN_FILE = new Option<>("tokenFile", "FILE", Values.path(), null, null,
            "the same, with the token read from FILE (keeps it out of ps and shell history)");
    /** {@link ApiSettings#corsOrigins()}, comma-separated. */
    public static final Option<String> CORS_ORIGIN = new Option<>("corsOrigin", "ORIGINS", Values.text(), null, "CORS off",
            "comma-separated origins browsers may call the API from");
    /** {@link ApiSettings#allowedHosts()}, comma-separated. */
    public static final Option<String> ALLOWED_HOSTS = new Option<>("allowedHosts", "NAMES", Values.text(), null,
            "on a loopback address: it, localhost, 127.0.0.1, ::1; otherwise *", "Host header names answered, * for any");
    /** {@link ApiSettings#metrics()}: the WAR's; the server always serves {@code /metrics}. */
    public static final Option<Boolean> METRICS = new Option<>("metrics", "BOOL", Values.bool(), API.metrics(),
            String.valueOf(API.metrics()), "WAR: serve Prometheus metrics at /metrics");

    // The standalone server
    /** The port; 0 picks a free one. */
    public static final Option<Integer> PORT = new Option<>("port", "PORT", Values.integer(0, 65535), 8000, "8000",
            "port to listen on; 0 picks a free one");
    /** The address to bind. */
    public static final Option<String> HOST = new Option<>("host", "ADDRESS", Values.text(), "127.0.0.1", "127.0.0.1",
            "address to bind; 0.0.0.0 to listen on every interface");
    /** Undertow's I/O threads. */
    public static final Option<Integer> IO_THREADS = new Option<>("ioThreads", "N", Values.integer(1, 256), 2, "2", "I/O threads");
    /** Threads for the requests that block. */
    public static final Option<Integer> WORKER_THREADS = new Option<>("workerThreads", "N", Values.integer(1, 4096), 32, "32",
            "threads for the requests that block (the list, health, metrics)");
    /** Idle keep-alive connections close after this. */
    public static final Option<Duration> IDLE_TIMEOUT = new Option<>("idleTimeout", "TIME", Values.duration(Duration.ofMillis(1)),
            Duration.ofSeconds(60), "60s", "close idle keep-alive connections after this");
    /** A client must send its headers, then keep its body coming, within this. */
    public static final Option<Duration> REQUEST_TIMEOUT = new Option<>("requestTimeout", "TIME",
            Values.duration(Duration.ofMillis(1)), Duration.ofSeconds(30), "30s",
            "a client must send its headers, and keep its body coming, within this");
    /** The largest request header block. */
    public static final Option<Long> MAX_HEADER_SIZE = new Option<>("maxHeaderSize", "SIZE", Values.bytes(1024), 16L * 1024, "16k",
            "largest request header block");
    /** How long shutdown waits for requests in flight. */
    public static final Option<Duration> SHUTDOWN_TIMEOUT = new Option<>("shutdownTimeout", "TIME", Values.duration(Duration.ZERO),
            Duration.ofSeconds(10), "10s", "how long shutdown waits for requests in flight");
    /** How long /health/ready answers 503 before shutdown stops accepting. */
    public static final Option<Duration> SHUTDOWN_DELAY = new Option<>("shutdownDelay", "TIME", Values.duration(Duration.ZERO),
            Duration.ZERO, "0s", "on SIGTERM, answer 503 on /health/ready for this long, still serving, before stopping");
    /** The certificate chain, PEM, for HTTPS. */
    public static final Option<Path> TLS_CERT = new Option<>("tlsCert", "FILE", Values.path(), null, "HTTPS off",
            "serve HTTPS (and HTTP/2) with this PEM certificate chain, e.g. certbot's fullchain.pem; with --tls-key");
    /** The private key, PEM, of {@link #TLS_CERT}. */
    public static final Option<Path> TLS_KEY = new Option<>("tlsKey", "FILE", Values.path(), null, null,
            "the certificate's private key, PEM (PKCS#8, or traditional RSA or EC), e.g. certbot's privkey.pem");
    /** A PKCS#12 keystore instead of {@link #TLS_CERT} and {@link #TLS_KEY}. */
    public static final Option<Path> TLS_KEYSTORE = new Option<>("tlsKeystore", "FILE", Values.path(), null, null,
            "serve HTTPS with the key and chain in this PKCS#12 keystore instead");
    /** The keystore's password. */
    public static final Option<String> TLS_KEYSTORE_PASSWORD = new Option<>("tlsKeystorePassword", "SECRET", Values.text(), null, null,
            "the keystore's password; prefer --tls-keystore-password-file or TODO_TLS_KEYSTORE_PASSWORD, as flags show in ps");
    /** A file holding the keystore's password. */
    public static final Option<Path> TLS_KEYSTORE_PASSWORD_FILE = new Option<>("tlsKeystorePasswordFile", "FILE", Values.path(),
            null, null, "the keystore's password, read from FILE (a final line break is dropped)");
    /** A plain-HTTP port that only redirects to HTTPS. */
    public static final Option<Integer> HTTP_PORT = new Option<>("httpPort", "PORT", Values.integer(0, 65535), null, "none",
            "with HTTPS: also listen for plain HTTP on PORT, answering only with a redirect to HTTPS");
    /** Strict-Transport-Security on HTTPS answers. */
    public static final Option<Boolean> HSTS = new Option<>("hsts", null, Values.bool(), false, null,
            "with HTTPS: tell browsers to use HTTPS only, for a year (Strict-Transport-Security)");
    /** One log line per request, with its request id. */
    public static final Option<Boolean> ACCESS_LOG = new Option<>("accessLog", null, Values.bool(), false, null,
            "log one line per request, with its X-Request-Id");
    /** The log level. */
    public static final Option<String> LOG_LEVEL = new Option<>("logLevel", "LEVEL",
            Values.of("error, warn, info or debug", Options::level), "info", "info", "error, warn, info or debug");

    // Every command
    /** A properties file with any of these keys. */
    public static final Option<Path> CONFIG = new Option<>("config", "FILE", Values.path(), null, null,
            "read settings from a properties file (poolSize=8); flags and environment variables win over it");
    /** Stack traces with errors. */
    public static final Option<Boolean> DEBUG = new Option<>("debug", null, Values.bool(), false, null, "print stack traces with errors");

    /** The database and the store: every command that opens a store takes these. */
    public static final List<Option<?>> STORE_OPTIONS = List.of(DB, JDBC_URL, DB_USER, DB_PASSWORD, DB_PASSWORD_FILE, POOL_SIZE,
            BUSY_TIMEOUT, SYNCHRONOUS, MAX_NAME_LENGTH, READ_CACHE_MEMORY, SQLITE_TMPDIR);
    /** The HTTP API's, for the server and the WAR ({@link #METRICS} for the WAR only). */
    public static final List<Option<?>> API_OPTIONS = List.of(NAME, MAX_BODY, TOKEN, TOKEN_FILE, CORS_ORIGIN, ALLOWED_HOSTS);
    /** The standalone server's own. */
    public static final List<Option<?>> SERVER_OPTIONS = List.of(PORT, HOST, IO_THREADS, WORKER_THREADS, IDLE_TIMEOUT,
            REQUEST_TIMEOUT, MAX_HEADER_SIZE, SHUTDOWN_TIMEOUT, SHUTDOWN_DELAY, TLS_CERT, TLS_KEY, TLS_KEYSTORE,
            TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE, HTTP_PORT, HSTS, ACCESS_LOG, LOG_LEVEL);
    /**
     * Every option, for reading flags and checking a properties file's keys: the lists above and
     * the options in none, joined rather than listed again, so an option in a list is always here.
     */
    public static final List<Option<?>> ALL = Stream.<List<Option<?>>>of(STORE_OPTIONS, API_OPTIONS, List.of(METRICS),
            SERVER_OPTIONS, List.of(CONFIG, DEBUG)).flatMap(List::stream).toList();

    private Options() {
        // Prevent instantiation
    }

    /** The option with {@code key}, or {@code null}. */
    public static Option<?> named(String key) {
        for (Option<?> option : ALL) {
            if (option.key().equals(key)) {
                return option;
            }
        }
        return null;
    }

    private static String level(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!List.of("error", "warn", "info", "debug", "trace").contains(lower)) {
            throw new IllegalArgumentException();
        }
        return lower;
    }
}
