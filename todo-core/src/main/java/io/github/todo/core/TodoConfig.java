package io.github.todo.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * How to open a {@link TaskService}: where the tasks live and how the store behaves. Immutable;
 * build one with {@link #builder(Path)} for a SQLite file, {@link #builder(String)} for a
 * PostgreSQL database, or {@link #builder(DataSource)} for a data source the application already
 * has (SQLite or PostgreSQL, told apart by the connection's metadata).
 *
 * <p>Exactly one of {@code databaseFile}, {@code dataSource} and {@code jdbcUrl} is set.
 * {@link #toString()} never shows the password, and {@link #location()} names the database safely
 * for a log line.
 *
 * @param databaseFile       the SQLite file, created if missing, or {@code null}
 * @param dataSource         an externally managed data source, or {@code null}. The store never closes it.
 * @param jdbcUrl            a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/db}), or {@code null}.
 *                           The store pools its own connections to it.
 * @param user               the PostgreSQL user, or {@code null} to take it from the URL or the driver's default
 * @param password           the PostgreSQL password, or {@code null} for none (or one in the URL)
 * @param poolSize           how many pooled connections serve reads; on PostgreSQL they serve writes too. Default 4
 * @param busyTimeout        how long a statement waits for a lock held by another process, and how long a
 *                           write waits for room in the write queue (SQLite) or for a free connection
 *                           (PostgreSQL). Default 5 s
 * @param synchronous        how durable a commit is on SQLite. Default {@link Synchronous#NORMAL}
 * @param maxNameLength      the longest task name accepted, in characters (Unicode code points). Default 1000
 * @param writeQueueCapacity how many writes may wait for the SQLite writer before callers are pushed back. Default 10,000
 * @param maxBatchSize       how many queued writes one SQLite transaction commits at most. Default 512
 * @param readCacheBytes     how much heap, in bytes, a SQLite store spends on recently written tasks for
 *                           {@link TaskService#findAsync(long)} to answer from memory; 0 turns the cache off. Default 32 MiB:
 *                           about 140,000 tasks with short names, 15,000 with 1,000-character ones,
 *                           8,000 with 1,000 emoji. Always off on PostgreSQL, where other servers write too
 */
public record TodoConfig(
        Path databaseFile,
        DataSource dataSource,
        String jdbcUrl,
        String user,
        String password,
        int poolSize,
        Duration busyTimeout,
        Synchronous synchronous,
        int maxNameLength,
        int writeQueueCapacity,
        int maxBatchSize,
        long readCacheBytes) {

    /** The prefix every {@link #jdbcUrl()} starts with. */
    public static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";

    /** A URL parameter whose name mentions a password: {@code password}, {@code sslpassword}. */
    private static final Pattern URL_SECRET = Pattern.compile("(?i)([?&;][^=&;]*password=)[^&;]*");

    /** Validates every value; a mistake throws {@link IllegalArgumentException} naming the setting. */
    public TodoConfig {
        int targets = (databaseFile != null ? 1 : 0) + (dataSource != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalArgumentException("exactly one of databaseFile, dataSource and jdbcUrl must be set");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith(POSTGRESQL_URL_PREFIX)) {
            // NOTE: never echo the URL in this message: it may carry a password
            throw new IllegalArgumentException("jdbcUrl must start with " + POSTGRESQL_URL_PREFIX
                    + " (a SQLite database is a file: use builder(Path))");
        }
        if (jdbcUrl == null && (user != null || password != null)) {
            throw new IllegalArgumentException("user and password apply only to a jdbcUrl");
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(synchronous, "synchronous");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize cannot be less than 1");
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("maxNameLength cannot be less than 1");
        }
        if (writeQueueCapacity < 1) {
            throw new IllegalArgumentException("writeQueueCapacity cannot be less than 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize cannot be less than 1");
        }
        if (readCacheBytes < 0) {
            throw new IllegalArgumentException("readCacheBytes cannot be less than 0");
        }
    }

    /** Starts a configuration for the SQLite database in {@code databaseFile}. */
    public static Builder builder(Path databaseFile) {
        return new Builder(Objects.requireNonNull(databaseFile, "databaseFile"), null, null);
    }

    /**
     * Starts a configuration for the PostgreSQL database at {@code jdbcUrl}, for example
     * {@code jdbc:postgresql://db.example.com:5432/todo}; set the credentials with
     * {@link Builder#user(String)} and {@link Builder#password(String)}. Several servers may open
     * the same database at once.
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(null, null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    }

    /**
     * Starts a configuration over a data source the application manages (and closes) itself: a
     * SQLite or a PostgreSQL one, told apart by the connection's metadata.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(null, Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /** The defaults for {@code databaseFile}. */
    public static TodoConfig of(Path databaseFile) {
        return builder(databaseFile).build();
    }

    /**
     * Names the database, safe for a log line: the absolute path of the file, the JDBC URL with any
     * password in it masked, or {@code a data source}.
     */
    public String location() {
        if (databaseFile != null) {
            return databaseFile.toAbsolutePath().toString();
        }
        return jdbcUrl != null ? URL_SECRET.matcher(jdbcUrl).replaceAll("$1****") : "a data source";
    }

    /** Every setting, with the password masked, in the URL as well as on its own. */
    @Override
    public String toString() {
        return "TodoConfig[databaseFile=" + databaseFile + ", dataSource=" + dataSource
                + ", jdbcUrl=" + (jdbcUrl == null ? null : location()) + ", user=" + user
                + ", password=" + (password == null ? null : "****") + ", poolSize=" + poolSize
                + ", busyTimeout=" + busyTimeout + ", synchronous=" + synchronous + ", maxNameLength=" + maxNameLength
                + ", writeQueueCapacity=" + writeQueueCapacity + ", maxBatchSize=" + maxBatchSize
                + ", readCacheBytes=" + readCacheBytes + "]";
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        return new Builder(databaseFile, dataSource, jdbcUrl)
                .user(user)
                .password(password)
                .poolSize(poolSize)
                .busyTimeout(busyTimeout)
                .synchronous(synchronous)
                .maxNameLength(maxNameLength)
                .writeQueueCapacity(writeQueueCapacity)
                .maxBatchSize(maxBatchSize)
                .readCacheBytes(readCacheBytes);
    }

    /** Builds a {@link TodoConfig}; every setting starts at its documented default. */
    public static final class Builder {
        private final Path databaseFile;
        private final DataSource dataSource;
        private final String jdbcUrl;
        private String user;
        private String password;
        private int poolSize = 4;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Synchronous synchronous = Synchronous.NORMAL;
        private int maxNameLength = 1000;
        private int writeQueueCapacity = 10_000;
        private int maxBatchSize = 512;
        private long readCacheBytes = 32L * 1024 * 1024;

        private Builder(Path databaseFile, DataSource dataSource, String jdbcUrl) {
            this.databaseFile = databaseFile;
            this.dataSource = dataSource;
            this.jdbcUrl = jdbcUrl;
        }

        /** Sets {@link TodoConfig#user()}. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Sets {@link TodoConfig#password()}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Sets {@link TodoConfig#poolSize()}. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Sets {@link TodoConfig#busyTimeout()}. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** Sets {@link TodoConfig#synchronous()}. */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = synchronous;
            return this;
        }

        /** Sets {@link TodoConfig#maxNameLength()}. */
        public Builder maxNameLength(int maxNameLength) {
            this.maxNameLength = maxNameLength;
            return this;
        }

        /** Sets {@link TodoConfig#writeQueueCapacity()}. */
        public Builder writeQueueCapacity(int writeQueueCapacity) {
            this.writeQueueCapacity = writeQueueCapacity;
            return this;
        }

        /** Sets {@link TodoConfig#maxBatchSize()}. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Sets {@link TodoConfig#readCacheBytes()}. */
        public Builder readCacheBytes(long readCacheBytes) {
            this.readCacheBytes = readCacheBytes;
            return this;
        }

        /** Validates and returns the configuration. */
        public TodoConfig build() {
            return new TodoConfig(databaseFile, dataSource, jdbcUrl, user, password, poolSize, busyTimeout, synchronous,
                    maxNameLength, writeQueueCapacity, maxBatchSize, readCacheBytes);
        }
    }
}
