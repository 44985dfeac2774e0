package io.github.todo.http;

import io.github.todo.core.Synchronous;
import io.github.todo.core.TodoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The settings every way of running todo shares, read from any key-value source. A key is the
 * name of the setting ({@code poolSize}); its system property, environment variable and command
 * line flag are derived from it here, in one place: {@code todo.poolSize}, {@code TODO_POOL_SIZE},
 * {@code --pool-size}.
 *
 * <p>A value that cannot be used throws {@link IllegalArgumentException} naming the setting.
 */
public final class Settings {

    /** The SQLite database file. */
    public static final String DB = "db";
    /** A PostgreSQL JDBC URL, instead of {@link #DB}: {@link TodoConfig#jdbcUrl()}. */
    public static final String JDBC_URL = "jdbcUrl";
    /** The PostgreSQL user: {@link TodoConfig#user()}. */
    public static final String DB_USER = "dbUser";
    /** The PostgreSQL password: {@link TodoConfig#password()}. */
    public static final String DB_PASSWORD = "dbPassword";
    /** A file holding the PostgreSQL password, so it stays out of process listings. */
    public static final String DB_PASSWORD_FILE = "dbPasswordFile";
    /** Pooled read connections: {@link TodoConfig#poolSize()}. */
    public static final String POOL_SIZE = "poolSize";
    /** Lock wait, in ms or with a unit ({@code 5s}): {@link TodoConfig#busyTimeout()}. */
    public static final String BUSY_TIMEOUT = "busyTimeout";
    /** {@code normal} or {@code full}: {@link TodoConfig#synchronous()}. */
    public static final String SYNCHRONOUS = "synchronous";
    /** {@link TodoConfig#maxNameLength()}. */
    public static final String MAX_NAME_LENGTH = "maxNameLength";
    /** Heap for recently written tasks, in bytes or with a unit ({@code 16m}), 0 for none: {@link TodoConfig#readCacheBytes()}. */
    public static final String READ_CACHE_MEMORY = "readCacheMemory";
    /** The count-bounded setting {@link #READ_CACHE_MEMORY} replaced; refused with a message saying so. */
    private static final String READ_CACHE_SIZE = "readCacheSize";
    /** The token {@code GET /info} answers: {@link ApiSettings#serverName()}. */
    public static final String NAME = "name";
    /** The body limit in bytes, or with a unit ({@code 512k}, {@code 1m}): {@link ApiSettings#maxBodyBytes()}. */
    public static final String MAX_BODY = "maxBody";

    /** A bearer token that {@code /tasks} requires: {@link ApiSettings#token()}. */
    public static final String TOKEN = "token";
    /** A file whose content (trimmed) is the token, so it stays out of process listings. */
    public static final String TOKEN_FILE = "tokenFile";
    /** Comma-separated origins allowed by CORS: {@link ApiSettings#corsOrigins()}. */
    public static final String CORS_ORIGIN = "corsOrigin";
    /** Comma-separated names the Host header may give, {@code *} for any: {@link ApiSettings#allowedHosts()}. */
    public static final String ALLOWED_HOSTS = "allowedHosts";
    /** {@code true} serves Prometheus metrics at {@code /metrics}: {@link ApiSettings#metrics()}. */
    public static final String METRICS = "metrics";

    private final UnaryOperator<String> source;

    private Settings(UnaryOperator<String> source) {
        this.source = source;
    }

    /** Settings read through {@code source}, which maps a setting name to its raw value or {@code null}. */
    public static Settings from(UnaryOperator<String> source) {
        return new Settings(source);
    }

    /** Settings from system properties, then environment variables. */
    public static Settings fromSystem() {
        return from(key -> {
            String value = System.getProperty(systemProperty(key));
            return value != null ? value : System.getenv(environmentVariable(key));
        });
    }

    /** {@code poolSize} becomes {@code todo.poolSize}. */
    public static String systemProperty(String key) {
        return "todo." + key;
    }

    /** {@code poolSize} becomes {@code TODO_POOL_SIZE}. */
    public static String environmentVariable(String key) {
        return "TODO_" + words(key, "_").toUpperCase(Locale.ROOT);
    }

    /** {@code poolSize} becomes {@code --pool-size}. */
    public static String flag(String key) {
        return "--" + words(key, "-");
    }

    /** The raw value, or {@code null}. */
    public String get(String key) {
        String value = source.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A builder for the database these settings name: PostgreSQL at {@link #JDBC_URL} with
     * {@link #DB_USER} and the password from {@link #DB_PASSWORD} or {@link #DB_PASSWORD_FILE},
     * else the SQLite file {@link #DB}, else {@code defaultFile}, asked for only then.
     *
     * @throws IllegalArgumentException when both a file and a URL are given, when credentials come
     *                                  without a URL, or when the password file cannot be read; a
     *                                  URL that is not PostgreSQL's is refused by {@code build()}
     */
    public TodoConfig.Builder database(Supplier<Path> defaultFile) {
        String url = get(JDBC_URL);
        String file = get(DB);
        String user = get(DB_USER);
        String password = secret(DB_PASSWORD, DB_PASSWORD_FILE);
        if (url != null && file != null) {
            throw new IllegalArgumentException(DB + " and " + JDBC_URL + ": give one, not both");
        }
        if (url == null) {
            if (user != null || password != null) {
                throw new IllegalArgumentException(DB_USER + " and " + DB_PASSWORD + " need " + JDBC_URL);
            }
            return TodoConfig.builder(file != null ? Path.of(file) : defaultFile.get());
        }
        return TodoConfig.builder(url).user(user).password(password); // build() checks the URL
    }

    /**
     * A secret given as {@code key} or, to keep it out of process listings and environment dumps,
     * in the file that {@code fileKey} names; {@code null} when neither is set. A file is read as
     * it is but for the line break it usually ends with. The value is never echoed in an error.
     */
    public String secret(String key, String fileKey) {
        String value = get(key);
        String file = get(fileKey);
        if (value != null && file != null) {
            throw new IllegalArgumentException(key + " and " + fileKey + ": give one, not both");
        }
        if (file == null) {
            return value;
        }
        try {
            return Files.readString(Path.of(file)).replaceFirst("\\R\\z", "");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(fileKey + ": cannot read " + file);
        }
    }

    /** Applies the store settings that are present to {@code builder}. */
    public TodoConfig.Builder applyTo(TodoConfig.Builder builder) {
        if (get(POOL_SIZE) != null) {
            builder.poolSize(integer(POOL_SIZE, 1, 1024, 0));
        }
        if (get(BUSY_TIMEOUT) != null) {
            builder.busyTimeout(duration(BUSY_TIMEOUT, Duration.ZERO));
        }
        if (get(SYNCHRONOUS) != null) {
            builder.synchronous(choice(SYNCHRONOUS, Synchronous.class, Synchronous.NORMAL));
        }
        if (get(MAX_NAME_LENGTH) != null) {
            builder.maxNameLength(integer(MAX_NAME_LENGTH, 1, 1_000_000, 0));
        }
        if (get(READ_CACHE_SIZE) != null) {
            throw new IllegalArgumentException(READ_CACHE_SIZE + " (a count of tasks) is replaced by " + READ_CACHE_MEMORY
                    + ", a size in bytes such as 16m (0 for none)");
        }
        if (get(READ_CACHE_MEMORY) != null) {
            builder.readCacheBytes(bytes(READ_CACHE_MEMORY, 0, 0));
        }
        return builder;
    }

    /** The HTTP settings, defaults where absent. */
    public ApiSettings api() {
        ApiSettings settings = ApiSettings.defaults();
        String name = get(NAME);
        if (name != null) {
            try {
                settings = settings.withServerName(name);
            } catch (IllegalArgumentException e) {
                throw invalid(NAME, name, "one printable ASCII token without spaces");
            }
        }
        if (get(MAX_BODY) != null) {
            settings = settings.withMaxBodyBytes(bytes(MAX_BODY, ApiSettings.DEFAULT_MAX_BODY_BYTES));
        }
        String token = token();
        if (token != null) {
            settings = settings.withToken(token);
        }
        String origins = get(CORS_ORIGIN);
        if (origins != null) {
            List<String> list = new ArrayList<>();
            for (String origin : origins.split(",")) {
                String trimmed = origin.trim();
                if (!trimmed.equals("*") && !trimmed.matches("https?://[^/\\s]+")) {
                    throw invalid(CORS_ORIGIN, trimmed, "an origin such as https://app.example.com, or *");
                }
                list.add(trimmed);
            }
            settings = settings.withCorsOrigins(list);
        }
        if (get(METRICS) != null) {
            settings = settings.withMetrics(bool(METRICS, false));
        }
        if (get(ALLOWED_HOSTS) != null) {
            try {
                settings = settings.withAllowedHosts(List.of(get(ALLOWED_HOSTS).split(",")));
            } catch (IllegalArgumentException e) {
                throw invalid(ALLOWED_HOSTS, get(ALLOWED_HOSTS), "a comma-separated list of host names or IP addresses, or *");
            }
        }
        return settings;
    }

    private String token() {
        String token = secret(TOKEN, TOKEN_FILE);
        token = token == null ? null : token.trim();
        if (token != null && (token.isEmpty() || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            // the value itself is a secret: never echo it
            throw new IllegalArgumentException(TOKEN + ": must be printable ASCII without spaces");
        }
        return token;
    }

    /** An integer between {@code min} and {@code max}, or {@code fallback} when absent. */
    public int integer(String key, int min, int max, int fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, value, "an integer from " + min + " to " + max);
    }

    /** {@code true} or {@code false} in any case, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value, "true or false");
    }

    /** A duration: milliseconds, or a number with {@code ms}, {@code s} or {@code m}. */
    public Duration duration(String key, Duration fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseUnsignedLong(lower.substring(0, lower.length() - 2)));
            } else if (lower.endsWith("s")) {
                return Duration.ofSeconds(Long.parseUnsignedLong(lower.substring(0, lower.length() - 1)));
            } else if (lower.endsWith("m")) {
                return Duration.ofMinutes(Long.parseUnsignedLong(lower.substring(0, lower.length() - 1)));
            }
            return Duration.ofMillis(Long.parseUnsignedLong(lower));
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, value, "a duration such as 5000, 5000ms, 5s or 1m");
        }
    }

    /** A positive size in bytes, or with {@code k} or {@code m} (binary units). */
    public long bytes(String key, long fallback) {
        return bytes(key, fallback, 1);
    }

    /** A size in bytes, or with {@code k} or {@code m} (binary units), of at least {@code minimum}. */
    public long bytes(String key, long fallback, long minimum) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        long unit = lower.endsWith("k") ? 1024 : lower.endsWith("m") ? 1024 * 1024 : 1;
        String digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
        try {
            long n = Math.multiplyExact(Long.parseUnsignedLong(digits), unit);
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        throw invalid(key, value, (minimum > 0 ? "a positive size" : "a size") + " such as 1048576, 512k or 1m");
    }

    /** One of {@code type}'s constants, named in any case. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : " or ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(key, value, names.toString());
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(key + ": '" + value + "' is not " + expected);
    }

    private static String words(String key, String separator) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1" + separator + "$2").toLowerCase(Locale.ROOT);
    }
}
