package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the command line. Each setting is a flag ({@code --pool-size 8} or {@code --pool-size=8}),
 * else its environment variable ({@code TODO_POOL_SIZE}), else its default; the names derive from
 * the setting's key through {@link Settings}.
 */
final class CommandLine {

    static final String PORT = "port";
    static final String HOST = "host";
    static final String IO_THREADS = "ioThreads";
    static final String WORKER_THREADS = "workerThreads";
    static final String ACCESS_LOG = "accessLog";
    static final String IDLE_TIMEOUT = "idleTimeout";
    static final String REQUEST_TIMEOUT = "requestTimeout";
    static final String MAX_HEADER_SIZE = "maxHeaderSize";
    static final String SHUTDOWN_TIMEOUT = "shutdownTimeout";
    static final String LOG_LEVEL = "logLevel";
    static final String DEBUG = "debug";
    static final String HELP = "help";
    static final String VERSION = "version";

    /** Flags that take a value, in the order the usage lists them, with their help text. */
    private static final List<String[]> VALUED = List.of(
            new String[] {PORT, "PORT", "port to listen on (default 8000; 0 picks a free one)"},
            new String[] {HOST, "ADDRESS", "address to bind (default 127.0.0.1; 0.0.0.0 to expose)"},
            new String[] {Settings.DB, "FILE", "SQLite database file, created if missing (default ./todo.db)"},
            new String[] {Settings.JDBC_URL, "URL", "PostgreSQL instead, e.g. jdbc:postgresql://db:5432/todo; many servers may share it"},
            new String[] {Settings.DB_USER, "NAME", "PostgreSQL user"},
            new String[] {Settings.DB_PASSWORD, "SECRET", "PostgreSQL password; prefer the file or TODO_DB_PASSWORD, as flags show in ps"},
            new String[] {Settings.DB_PASSWORD_FILE, "FILE", "the same, read from FILE"},
            new String[] {IO_THREADS, "N", "I/O threads (default 2)"},
            new String[] {WORKER_THREADS, "N", "threads for database work (default 32)"},
            new String[] {Settings.POOL_SIZE, "N", "pooled connections: for reads on SQLite, for everything on PostgreSQL (default 8)"},
            new String[] {Settings.SYNCHRONOUS, "MODE", "normal (default): survives a crash of the process; full: survives power loss too"},
            new String[] {Settings.BUSY_TIMEOUT, "TIME", "how long to wait for a lock or the write queue (default 5s)"},
            new String[] {Settings.NAME, "TOKEN", "what GET /info answers (default todo)"},
            new String[] {Settings.MAX_BODY, "SIZE", "largest request body, e.g. 1m, 512k (default 1m)"},
            new String[] {Settings.MAX_NAME_LENGTH, "N", "longest task name in characters (default 1000)"},
            new String[] {Settings.READ_CACHE_MEMORY, "SIZE", "heap for recently written tasks, for fast reads; 0 for none (default 32m)"},
            new String[] {Settings.TOKEN, "TOKEN", "require Authorization: Bearer TOKEN on /tasks (default: open)"},
            new String[] {Settings.TOKEN_FILE, "FILE", "the same, with the token read from FILE"},
            new String[] {Settings.CORS_ORIGIN, "ORIGINS", "comma-separated origins browsers may call from (default: CORS off)"},
            new String[] {Settings.ALLOWED_HOSTS, "NAMES", "Host header names answered, * for any (default on 127.0.0.1: it, localhost, ::1)"},
            new String[] {IDLE_TIMEOUT, "TIME", "close idle keep-alive connections after this (default 60s)"},
            new String[] {REQUEST_TIMEOUT, "TIME", "a client must send headers, and keep its body coming, within this (default 30s)"},
            new String[] {MAX_HEADER_SIZE, "SIZE", "largest request header block (default 16k)"},
            new String[] {SHUTDOWN_TIMEOUT, "TIME", "how long shutdown waits for requests in flight (default 10s)"},
            new String[] {LOG_LEVEL, "LEVEL", "error, warn, info (default) or debug"});

    /** Flags without a value. */
    private static final List<String[]> SWITCHES = List.of(
            new String[] {ACCESS_LOG, "log one line per request"},
            new String[] {DEBUG, "print stack traces with errors"},
            new String[] {HELP, "print this help and exit"},
            new String[] {VERSION, "print the version and exit"});

    private final Map<String, String> flags;
    private final Set<String> switches;
    private final Settings settings;

    private CommandLine(Map<String, String> flags, Set<String> switches, UnaryOperator<String> environment) {
        this.flags = flags;
        this.switches = switches;
        this.settings = Settings.from(key -> {
            String value = flags.get(key);
            return value != null ? value : environment.apply(Settings.environmentVariable(key));
        });
    }

    /**
     * Parses {@code args}; {@code environment} maps an environment variable name to its value.
     *
     * @throws IllegalArgumentException for an unknown flag or a missing value
     */
    static CommandLine parse(String[] args, UnaryOperator<String> environment) {
        Map<String, String> byFlag = new HashMap<>();
        VALUED.forEach(spec -> byFlag.put(Settings.flag(spec[0]), spec[0]));
        Map<String, String> switchByFlag = new HashMap<>();
        SWITCHES.forEach(spec -> switchByFlag.put(Settings.flag(spec[0]), spec[0]));
        switchByFlag.put("-h", HELP);

        Map<String, String> flags = new HashMap<>();
        Set<String> switches = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String flag = eq > 0 ? arg.substring(0, eq) : arg;
            if (switchByFlag.containsKey(flag) && eq < 0) {
                switches.add(switchByFlag.get(flag));
            } else if (byFlag.containsKey(flag)) {
                String value;
                if (eq > 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                flags.put(byFlag.get(flag), value);
            } else {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return new CommandLine(flags, switches, environment);
    }

    boolean has(String switchKey) {
        String env = switchKey.equals(HELP) || switchKey.equals(VERSION) ? null : settings.get(switchKey);
        return switches.contains(switchKey) || "true".equalsIgnoreCase(env) || "1".equals(env);
    }

    String logLevel() {
        String level = settings.get(LOG_LEVEL);
        if (level == null) {
            return "info";
        }
        if (!List.of("error", "warn", "info", "debug", "trace").contains(level.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(LOG_LEVEL + ": '" + level + "' is not error, warn, info or debug");
        }
        return level.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The server settings.
     *
     * @throws IllegalArgumentException naming the setting whose value is wrong
     */
    ServerSettings serverSettings() {
        TodoConfig store = settings.applyTo(settings.database(() -> Path.of("todo.db")).poolSize(8)).build();
        ServerSettings defaults = ServerSettings.defaults(store);
        String host = settings.get(HOST) == null ? defaults.host() : settings.get(HOST);
        ApiSettings api = settings.api().withMetrics(true); // the server always serves /metrics
        if (settings.get(Settings.ALLOWED_HOSTS) == null) {
            api = api.withAllowedHosts(ServerSettings.defaultAllowedHosts(host));
        }
        return new ServerSettings(
                host,
                settings.integer(PORT, 0, 65535, defaults.port()),
                settings.integer(IO_THREADS, 1, 256, defaults.ioThreads()),
                settings.integer(WORKER_THREADS, 1, 4096, defaults.workerThreads()),
                store,
                api,
                has(ACCESS_LOG),
                positive(IDLE_TIMEOUT, defaults.idleTimeout()),
                positive(REQUEST_TIMEOUT, defaults.requestTimeout()),
                (int) Math.min(Integer.MAX_VALUE, settings.bytes(MAX_HEADER_SIZE, defaults.maxHeaderSize())),
                settings.duration(SHUTDOWN_TIMEOUT, defaults.shutdownTimeout()));
    }

    private Duration positive(String key, Duration fallback) {
        Duration value = settings.duration(key, fallback);
        if (value.isZero()) {
            throw new IllegalArgumentException(key + ": must be more than 0");
        }
        return value;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar todo-standalone.jar [options]

                Serves the todo API over HTTP, storing tasks in a SQLite file or in PostgreSQL.
                Every option can also be set by an environment variable: --pool-size as TODO_POOL_SIZE.

                Options:
                """);
        for (String[] spec : VALUED) {
            text.append(String.format("  %-26s %s%n", Settings.flag(spec[0]) + " " + spec[1], spec[2]));
        }
        for (String[] spec : SWITCHES) {
            text.append(String.format("  %-26s %s%n", Settings.flag(spec[0]), spec[1]));
        }
        return text.toString();
    }
}
