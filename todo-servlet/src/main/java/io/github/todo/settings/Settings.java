package io.github.todo.settings;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The value of each {@link Option}, from sources in order of precedence: the first that sets an
 * option wins, and an option no source sets has its default. Each source maps an option's key to
 * its raw value, or {@code null}. A {@link Options#CONFIG} file, when a source names one, is read
 * after every other source, just before the defaults.
 *
 * <p>A value that cannot be used throws {@link IllegalArgumentException} naming the option.
 */
public final class Settings {

    /** The count-bounded setting {@link Options#READ_CACHE_MEMORY} replaced; refused with a message saying so. */
    private static final String READ_CACHE_SIZE = "readCacheSize";

    private final List<UnaryOperator<String>> sources;

    private Settings(List<UnaryOperator<String>> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Settings from {@code sources}, the first one first; then the file that {@link Options#CONFIG}
     * names in any of them, if one does.
     *
     * @throws IllegalArgumentException if the file cannot be read or has a key that is no option
     */
    @SafeVarargs
    public static Settings from(UnaryOperator<String>... sources) {
        Settings given = new Settings(List.of(sources));
        Path file = given.get(Options.CONFIG);
        if (file == null) {
            return given;
        }
        List<UnaryOperator<String>> all = new ArrayList<>(List.of(sources));
        all.add(propertiesFile(file));
        return new Settings(all);
    }

    /** A source of environment variables ({@code TODO_POOL_SIZE}), read through {@code environment}. */
    public static UnaryOperator<String> environment(UnaryOperator<String> environment) {
        return key -> environment.apply(option(key).environmentVariable());
    }

    /** A source of system properties ({@code todo.poolSize}). */
    public static UnaryOperator<String> systemProperties() {
        return parameters(System::getProperty);
    }

    /** A source named like the system properties ({@code todo.poolSize}), such as servlet parameters, read through {@code parameters}. */
    public static UnaryOperator<String> parameters(UnaryOperator<String> parameters) {
        return key -> parameters.apply(option(key).systemProperty());
    }

    /** A properties file of keys ({@code poolSize=8}); a key that is no option is refused, naming it. */
    public static UnaryOperator<String> propertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(Options.CONFIG + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        for (String key : properties.stringPropertyNames()) {
            if (Options.named(key) == null && !key.equals(READ_CACHE_SIZE)) {
                throw new IllegalArgumentException(Options.CONFIG + ": " + file + " sets '" + key + "', which is no setting");
            }
        }
        return properties::getProperty;
    }

    /** The raw value of {@code option} (trimmed), or {@code null} when no source sets it. */
    public String raw(Option<?> option) {
        return raw(option.key());
    }

    /** Whether a source sets {@code option}. */
    public boolean isSet(Option<?> option) {
        return raw(option) != null;
    }

    /** The value of {@code option}, or its default. */
    public <T> T get(Option<T> option) {
        String raw = raw(option);
        return raw == null ? option.defaultValue() : option.parse(raw);
    }

    /**
     * A builder for the database these settings name, with every store option applied: PostgreSQL
     * at {@link Options#JDBC_URL} with its user and password, else the SQLite file {@link Options#DB},
     * else {@code defaultFile}, asked for only then.
     *
     * @throws IllegalArgumentException when both a file and a URL are given, when credentials come
     *                                  without a URL, or when the password file cannot be read; a
     *                                  URL that is not PostgreSQL's is refused by {@code build()}
     */
    public TodoConfig.Builder store(Supplier<Path> defaultFile) {
        String url = get(Options.JDBC_URL);
        Path file = get(Options.DB);
        String user = get(Options.DB_USER);
        String password = secret(Options.DB_PASSWORD, Options.DB_PASSWORD_FILE);
        if (url != null && file != null) {
            throw new IllegalArgumentException(Options.DB + " and " + Options.JDBC_URL + ": give one, not both");
        }
        if (url == null) {
            if (user != null || password != null) {
                throw new IllegalArgumentException(Options.DB_USER + " and " + Options.DB_PASSWORD + " need " + Options.JDBC_URL);
            }
            return applyTo(TodoConfig.builder(file != null ? file : defaultFile.get()));
        }
        return applyTo(TodoConfig.builder(url).user(user).password(password)); // build() checks the URL
    }

    /** Applies every store option but the database's location to {@code builder}. */
    public TodoConfig.Builder applyTo(TodoConfig.Builder builder) {
        if (raw(READ_CACHE_SIZE) != null) {
            throw new IllegalArgumentException(READ_CACHE_SIZE + " (a count of tasks) is replaced by " + Options.READ_CACHE_MEMORY
                    + ", a size in bytes such as 16m (0 for none)");
        }
        return builder.poolSize(get(Options.POOL_SIZE))
                .busyTimeout(get(Options.BUSY_TIMEOUT))
                .synchronous(get(Options.SYNCHRONOUS))
                .maxNameLength(get(Options.MAX_NAME_LENGTH))
                .readCacheBytes(get(Options.READ_CACHE_MEMORY));
    }

    /**
     * Sets {@code org.sqlite.tmpdir} from {@link Options#SQLITE_TMPDIR}, unless the property is set
     * already; call it before the first SQLite store opens, as the driver reads it once, on loading.
     */
    public void applySqliteTmpdir() {
        Path dir = get(Options.SQLITE_TMPDIR);
        if (dir != null) {
            System.getProperties().putIfAbsent("org.sqlite.tmpdir", dir.toAbsolutePath().toString());
        }
    }

    /** The HTTP settings; {@link Options#ALLOWED_HOSTS} unset means any host. */
    public ApiSettings api() {
        ApiSettings settings = ApiSettings.defaults()
                .withServerName(get(Options.NAME))
                .withMaxBodyBytes(get(Options.MAX_BODY))
                .withMetrics(get(Options.METRICS));
        String token = secret(Options.TOKEN, Options.TOKEN_FILE);
        if (token != null) {
            token = token.trim();
            if (!ApiSettings.isPrintableWord(token)) {
                // the value itself is a secret: never echo it
                throw new IllegalArgumentException(Options.TOKEN + ": must be printable ASCII without spaces");
            }
            settings = settings.withToken(token);
        }
        String origins = get(Options.CORS_ORIGIN);
        if (origins != null) {
            List<String> list = new ArrayList<>();
            for (String origin : origins.split(",")) {
                String trimmed = origin.trim();
                if (!trimmed.equals("*") && !trimmed.matches("https?://[^/\\s]+")) {
                    throw invalid(Options.CORS_ORIGIN, trimmed, "an origin such as https://app.example.com, or *");
                }
                list.add(trimmed);
            }
            settings = settings.withCorsOrigins(list);
        }
        String hosts = get(Options.ALLOWED_HOSTS);
        if (hosts != null) {
            try {
                settings = settings.withAllowedHosts(List.of(hosts.split(",")));
            } catch (IllegalArgumentException e) {
                throw invalid(Options.ALLOWED_HOSTS, hosts, "a comma-separated list of host names or IP addresses, or *");
            }
        }
        return settings;
    }

    /**
     * A secret given as {@code option} or, to keep it out of process listings and environment dumps,
     * in the file that {@code fileOption} names; {@code null} when neither is set. A file is read as
     * it is but for the line break it usually ends with. The value is never echoed in an error.
     */
    public String secret(Option<String> option, Option<Path> fileOption) {
        String value = get(option);
        Path file = get(fileOption);
        if (value != null && file != null) {
            throw new IllegalArgumentException(option + " and " + fileOption + ": give one, not both");
        }
        if (file == null) {
            return value;
        }
        try {
            return Files.readString(file).replaceFirst("\\R\\z", "");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(fileOption + ": cannot read " + file);
        }
    }

    private String raw(String key) {
        for (UnaryOperator<String> source : sources) {
            String value = source.apply(key);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static Option<?> option(String key) {
        Option<?> option = Options.named(key);
        // a retired key: derived the same way, so that its source can still refuse it by name
        return option != null ? option : new Option<>(key, "X", Values.text(), null, null, "retired");
    }

    private static IllegalArgumentException invalid(Option<?> option, String value, String expected) {
        return new IllegalArgumentException(option + ": '" + value + "' is not " + expected);
    }
}
